//! The reform's metrics (四减 and 最多跑一次) for one catalog: overall, per department and per
//! type. Definitions follow Wenzhou's indicator sheet (domain.md §3.4): every rate is a share of
//! all items, so an item that does not state its visits counts as "not zero visits".

use crate::error::Error;
use crate::load::yaml::block::Unread;
use crate::load::{self, Items, LoadOptions, Sink, Wants};
use crate::model::fields::{self, Kind};
use crate::model::{Catalog, F, Item};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::OnceLock;

/// The fields [`Tally::add`] reads (the lists that hold them — time limits, process steps,
/// scenarios and their materials — are structured keys, always read), and the item's code (by
/// which `catalog diff` pairs items). `the_tally_reads_only_its_fields` holds it in step.
const READS: &[F] = &[
    F::Code,
    F::Department,
    F::Phylum,
    F::Statutory,
    F::Promised,
    F::Visits,
    F::ProjectType,
    F::MaterialName,
    F::MaterialKind,
];

/// What an item read only to be counted can do without: the value of a key the metrics do not
/// read (an item's basis, a material's sample …), given as a one-line plain text that the
/// fields the key stands for take without an error (a text always; a number, a flag only when
/// it reads as one). Nothing a check would find is lost by not reading it; the entries of a
/// `lint_ignore` are always read (they allow no other key).
pub struct ForTally;

impl ForTally {
    /// Every name of the dictionary: its canonical name and, when the tally does without it,
    /// the kinds of the fields it stands for.
    fn names() -> &'static rustc_hash::FxHashMap<&'static str, (&'static str, Option<Vec<Kind>>)> {
        type Names = rustc_hash::FxHashMap<&'static str, (&'static str, Option<Vec<Kind>>)>;
        static NAMES: OnceLock<Names> = OnceLock::new();
        NAMES.get_or_init(|| {
            let not_needed = fields::names_not_needed(|d| READS.contains(&d.id) || d.kind == Kind::Time);
            fields::all_names()
                .filter_map(|n| Some((n, (fields::canonical(n)?, not_needed.get(n).cloned()))))
                .collect()
        })
    }
}

impl Unread for ForTally {
    fn key(&self, key: &str, plain_value: Option<&str>) -> (Option<&'static str>, bool) {
        match Self::names().get(key.trim()) {
            Some((canonical, kinds)) => {
                let skip = match (kinds, plain_value) {
                    (Some(kinds), Some(v)) => kinds.iter().all(|k| crate::load::yaml::map::scalar_fits(*k, v)),
                    _ => false,
                };
                (Some(*canonical), skip)
            }
            None => (None, false),
        }
    }

    fn read_all_below(&self, canonical: &str) -> bool {
        canonical == "lint_ignore"
    }
}

/// Sums from which every metric is derived; adding two of them gives the metric of the union.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Tally {
    items: usize,
    materials: usize,
    proofs: usize,
    steps: usize,
    promised_items: usize,
    promised_days: f64,
    statutory_sum: f64,
    promised_sum: f64,
    zero_visit: usize,
    one_visit: usize,
    immediate: usize,
}

impl Tally {
    fn add(&mut self, it: &Item) {
        self.items += 1;
        for (_, m) in it.materials() {
            self.materials += 1;
            if is_proof(m) {
                self.proofs += 1;
            }
        }
        self.steps += it.process.len();
        let statutory = it.fields.time(F::Statutory).and_then(|t| t.value.work_days());
        let promised = it.fields.time(F::Promised).and_then(|t| t.value.work_days());
        if let Some(p) = promised {
            self.promised_items += 1;
            self.promised_days += p;
        }
        // 压缩比 only over items whose statutory limit is a number of days (not 无期限).
        if let (Some(s), Some(p)) = (statutory, promised) {
            self.statutory_sum += s;
            self.promised_sum += p;
        }
        match it.fields.int(F::Visits).map(|v| v.value) {
            Some(0) => {
                self.zero_visit += 1;
                self.one_visit += 1;
            }
            Some(1) => self.one_visit += 1,
            _ => {}
        }
        let immediate = promised == Some(0.0) || it.text(F::ProjectType).is_some_and(|t| t.trim() == "即办件");
        if immediate {
            self.immediate += 1;
        }
    }

    fn merge(&mut self, o: &Tally) {
        self.items += o.items;
        self.materials += o.materials;
        self.proofs += o.proofs;
        self.steps += o.steps;
        self.promised_items += o.promised_items;
        self.promised_days += o.promised_days;
        self.statutory_sum += o.statutory_sum;
        self.promised_sum += o.promised_sum;
        self.zero_visit += o.zero_visit;
        self.one_visit += o.one_visit;
        self.immediate += o.immediate;
    }

    fn metrics(&self) -> Metrics {
        let n = self.items as f64;
        let per = |x: usize| if self.items == 0 { 0.0 } else { x as f64 / n };
        Metrics {
            items: self.items,
            materials: self.materials,
            materials_per_item: per(self.materials),
            proofs: self.proofs,
            proofs_per_item: per(self.proofs),
            steps_per_item: per(self.steps),
            avg_promised_days: if self.promised_items == 0 {
                None
            } else {
                Some(self.promised_days / self.promised_items as f64)
            },
            statutory_days_sum: self.statutory_sum,
            promised_days_sum: self.promised_sum,
            compression_ratio: if self.statutory_sum > 0.0 {
                Some((self.statutory_sum - self.promised_sum) / self.statutory_sum)
            } else {
                None
            },
            zero_visit_rate: per(self.zero_visit),
            at_most_one_visit_rate: per(self.one_visit),
            immediate_rate: per(self.immediate),
        }
    }
}

/// A material counts as a 证明 when its 材料类别 says so or its name contains 证明.
pub fn is_proof(m: &crate::model::Material) -> bool {
    m.fields.text(F::MaterialKind).is_some_and(|k| k.trim() == "证明") || m.name().is_some_and(|n| n.contains("证明"))
}

/// The metrics of a set of items. Rates are fractions (0.25 = 25%).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Metrics {
    /// 事项数
    pub items: usize,
    /// 申请材料总数 (over all scenarios)
    pub materials: usize,
    /// 减材料: materials per item
    pub materials_per_item: f64,
    /// 证明材料数
    pub proofs: usize,
    /// 减证明: 证明 materials per item
    pub proofs_per_item: f64,
    /// 减环节: process steps per item
    pub steps_per_item: f64,
    /// 减时限: average promised time limit in working days (items with a readable limit)
    pub avg_promised_days: Option<f64>,
    /// Σ法定 over items with both limits in days
    pub statutory_days_sum: f64,
    /// Σ承诺 over the same items
    pub promised_days_sum: f64,
    /// 承诺时限压缩比 = (Σ法定 − Σ承诺)/Σ法定
    pub compression_ratio: Option<f64>,
    /// 跑零次率: share of items with visits == 0
    pub zero_visit_rate: f64,
    /// 最多跑一次率: share of items with visits <= 1
    pub at_most_one_visit_rate: f64,
    /// 即办率: share of items promised on the spot (承诺 0 日 / 即办件)
    pub immediate_rate: f64,
}

/// Metrics of one group (a department or an item type).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Group {
    pub name: String,
    pub metrics: Metrics,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct MetricSet {
    pub overall: Metrics,
    pub by_department: Vec<Group>,
    pub by_type: Vec<Group>,
}

/// Shown for items without a department or type.
pub fn unknown() -> &'static str {
    crate::i18n::t("（未填写）", "(not given)")
}

pub fn compute(catalog: &Catalog) -> MetricSet {
    tally(&catalog.items).finish()
}

/// The tally of every item of the catalog files the paths name (directories walked), each
/// file's items tallied as they are read, then dropped, and read only as far as the tally needs
/// ([`ForTally`]): the metrics of a catalog too big to hold whole. Unreadable files are errors,
/// all of them reported together, as when loading the catalog.
pub fn tally_files(paths: &[PathBuf], opts: &LoadOptions) -> Result<Tallies, Error> {
    let parts = load::each_unit(paths, opts, |u| load::load_unit_with(u, opts, &Counting))?;
    let mut all = Tallies::default();
    for (_, runs) in parts {
        runs.into_iter().for_each(|(_, t)| all.merge(t));
    }
    Ok(all)
}

/// Tallies each run of items as the loader hands it over, and drops them.
struct Counting;

impl Sink for Counting {
    type Out = Tallies;
    fn run(&self, run: &mut Catalog, _: bool) -> Tallies {
        let t = tally(&run.items);
        run.items = Vec::new();
        t
    }

    fn wants(&self) -> Wants<'_> {
        Wants {
            partly: Items::All,
            unread: Some(&ForTally),
            ..Wants::default()
        }
    }
}

/// The sums of a set of items (in parallel chunks, then merged).
pub fn tally(items: &[Item]) -> Tallies {
    items
        .par_iter()
        .fold(Tallies::default, |mut acc, it| {
            acc.add(it);
            acc
        })
        .reduce(Tallies::default, |mut a, b| {
            a.merge(b);
            a
        })
}

/// The sums behind a [`MetricSet`], overall, per department and per type. Items can be added
/// as they are read and dropped (they are not borrowed), and two tallies add up to the tally of
/// both sets of items: `catalog diff` counts an item present unchanged in both versions once.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Tallies {
    all: Tally,
    by_department: BTreeMap<String, Tally>,
    by_type: BTreeMap<String, Tally>,
}

impl Tallies {
    pub fn add(&mut self, it: &Item) {
        self.all.add(it);
        for (groups, f) in [(&mut self.by_department, F::Department), (&mut self.by_type, F::Phylum)] {
            let key = it.text(f).unwrap_or_else(|| unknown());
            match groups.get_mut(key) {
                Some(t) => t.add(it),
                None => groups.entry(key.to_string()).or_default().add(it),
            }
        }
    }

    pub fn merge(&mut self, o: Tallies) {
        self.all.merge(&o.all);
        for (mine, theirs) in [
            (&mut self.by_department, o.by_department),
            (&mut self.by_type, o.by_type),
        ] {
            for (k, t) in theirs {
                mine.entry(k).or_default().merge(&t);
            }
        }
    }

    pub fn items(&self) -> usize {
        self.all.items
    }

    pub fn finish(&self) -> MetricSet {
        let groups = |m: &BTreeMap<String, Tally>| {
            m.iter()
                .map(|(k, t)| Group {
                    name: k.clone(),
                    metrics: t.metrics(),
                })
                .collect()
        };
        MetricSet {
            overall: self.all.metrics(),
            by_department: groups(&self.by_department),
            by_type: groups(&self.by_type),
        }
    }
}

/// How a metric is shown and compared.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Count,
    Ratio,
    Percent,
    Days,
}

/// One row of a metrics table: name in both languages, unit, accessor, and whether a higher
/// value is the reform's direction.
pub struct Def {
    pub key: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
    /// Column heading in per-group tables.
    pub short: &'static str,
    pub unit: Unit,
    pub higher_is_better: bool,
    pub get: fn(&Metrics) -> Option<f64>,
}

impl Def {
    pub fn label(&self) -> &'static str {
        crate::i18n::t(self.zh, self.en)
    }
    pub fn short_label(&self) -> &'static str {
        crate::i18n::t(self.short, self.en)
    }
    /// The value as shown in tables: 12.5%, 3.20, 1,204.
    pub fn show(&self, m: &Metrics) -> String {
        show(self.unit, (self.get)(m))
    }
}

pub fn show(unit: Unit, v: Option<f64>) -> String {
    match v {
        None => "—".to_string(),
        Some(v) => match unit {
            Unit::Count => format!("{}", v.round() as i64),
            Unit::Ratio | Unit::Days => format!("{v:.2}"),
            Unit::Percent => format!("{:.1}%", v * 100.0),
        },
    }
}

pub static DEFS: &[Def] = &[
    Def {
        key: "items",
        short: "事项数",
        zh: "事项数",
        en: "Items",
        unit: Unit::Count,
        higher_is_better: true,
        get: |m| Some(m.items as f64),
    },
    Def {
        key: "materials_per_item",
        short: "材料/项",
        zh: "每项材料数（减材料）",
        en: "Materials per item",
        unit: Unit::Ratio,
        higher_is_better: false,
        get: |m| Some(m.materials_per_item),
    },
    Def {
        key: "proofs_per_item",
        short: "证明/项",
        zh: "每项证明数（减证明）",
        en: "Proofs per item",
        unit: Unit::Ratio,
        higher_is_better: false,
        get: |m| Some(m.proofs_per_item),
    },
    Def {
        key: "steps_per_item",
        short: "环节/项",
        zh: "每项环节数（减环节）",
        en: "Steps per item",
        unit: Unit::Ratio,
        higher_is_better: false,
        get: |m| Some(m.steps_per_item),
    },
    Def {
        key: "avg_promised_days",
        short: "平均承诺日",
        zh: "平均承诺时限（工作日）",
        en: "Avg promised days",
        unit: Unit::Days,
        higher_is_better: false,
        get: |m| m.avg_promised_days,
    },
    Def {
        key: "compression_ratio",
        short: "时限压缩比",
        zh: "承诺时限压缩比（减时限）",
        en: "Time-limit compression",
        unit: Unit::Percent,
        higher_is_better: true,
        get: |m| m.compression_ratio,
    },
    Def {
        key: "zero_visit_rate",
        short: "跑零次率",
        zh: "跑零次率",
        en: "Zero-visit rate",
        unit: Unit::Percent,
        higher_is_better: true,
        get: |m| Some(m.zero_visit_rate),
    },
    Def {
        key: "at_most_one_visit_rate",
        short: "最多跑一次率",
        zh: "最多跑一次率",
        en: "At-most-one-visit rate",
        unit: Unit::Percent,
        higher_is_better: true,
        get: |m| Some(m.at_most_one_visit_rate),
    },
    Def {
        key: "immediate_rate",
        short: "即办率",
        zh: "即办率",
        en: "Immediate rate",
        unit: Unit::Percent,
        higher_is_better: true,
        get: |m| Some(m.immediate_rate),
    },
];

/// The metrics drawn as charts per department and per type.
pub fn chart_defs() -> impl Iterator<Item = &'static Def> {
    [
        "zero_visit_rate",
        "immediate_rate",
        "compression_ratio",
        "materials_per_item",
    ]
    .into_iter()
    .filter_map(|k| DEFS.iter().find(|d| d.key == k))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Loc, Material, Scenario, Spanned, TimeLimit, Value};

    /// [`READS`] names every field the tally reads: real and sample items stripped to those
    /// fields (and their lists) tally as they are whole.
    #[test]
    fn the_tally_reads_only_its_fields() {
        let keep: fields::FieldSet = READS.iter().copied().collect();
        let opts = LoadOptions::default();
        for path in [
            "catalogs",
            "examples/catalog-2019",
            "../shared/data/real/gd-gdzwfw-policy-kg/policy.json",
        ] {
            let path = std::path::Path::new(path);
            if !path.exists() {
                continue;
            }
            let cat = load::load_paths(&[path.to_path_buf()], &opts).unwrap();
            assert!(!cat.items.is_empty(), "{}", path.display());
            let mut stripped = cat.items.clone();
            for it in &mut stripped {
                it.fields.retain(&keep);
                it.extra.clear();
                for s in &mut it.scenarios {
                    s.fields.retain(&keep);
                    s.acceptance_points.clear();
                    for m in &mut s.materials {
                        m.fields.retain(&keep);
                    }
                }
                for p in &mut it.process {
                    p.fields.retain(&keep);
                }
                it.supervision.clear();
            }
            assert_eq!(
                tally(&cat.items).finish(),
                tally(&stripped).finish(),
                "{}",
                path.display()
            );
        }
    }

    fn item(dept: &str, statutory: &str, promised: &str, visits: u32, materials: &[&str]) -> Item {
        let mut it = Item::default();
        let l = Loc::default();
        it.fields.set(F::Department, Spanned::new(Value::Text(dept.into()), l));
        it.fields
            .set(F::Statutory, Spanned::new(Value::time(TimeLimit::parse(statutory)), l));
        it.fields
            .set(F::Promised, Spanned::new(Value::time(TimeLimit::parse(promised)), l));
        it.fields.set(F::Visits, Spanned::new(Value::Int(visits), l));
        let mut s = Scenario::default();
        for m in materials {
            let mut mat = Material::default();
            mat.fields
                .set(F::MaterialName, Spanned::new(Value::Text((*m).into()), l));
            s.materials.push(mat);
        }
        it.scenarios.push(s);
        it
    }

    #[test]
    fn wenzhou_definitions() {
        let cat = Catalog {
            items: vec![
                item("甲", "20工作日", "5工作日", 0, &["申请书", "无犯罪记录证明"]),
                item("甲", "10工作日", "即办", 1, &["申请书"]),
                item("乙", "无", "3工作日", 2, &[]),
            ],
            ..Default::default()
        };
        let m = compute(&cat);
        let o = &m.overall;
        assert_eq!(o.items, 3);
        assert_eq!(o.materials, 3);
        assert_eq!(o.proofs, 1);
        // (30 − 5) / 30: the 无期限 item is outside the ratio
        assert!((o.compression_ratio.unwrap() - 25.0 / 30.0).abs() < 1e-9);
        assert!((o.zero_visit_rate - 1.0 / 3.0).abs() < 1e-9);
        assert!((o.at_most_one_visit_rate - 2.0 / 3.0).abs() < 1e-9);
        assert!((o.immediate_rate - 1.0 / 3.0).abs() < 1e-9);
        assert!((o.avg_promised_days.unwrap() - 8.0 / 3.0).abs() < 1e-9);
        assert_eq!(m.by_department.len(), 2);
        let jia = m.by_department.iter().find(|g| g.name == "甲").unwrap();
        assert_eq!(jia.metrics.items, 2);
        assert!((jia.metrics.proofs_per_item - 0.5).abs() < 1e-9);
    }
}
