//! Runs the rules over a catalog in parallel and collects their findings in a stable order.

pub mod stream;

use crate::diag::{Diagnostic, Severity};
use crate::model::fields::FieldSet;
use crate::model::{Catalog, F, Item, Pos};
use crate::rules::declarative::fields_ref::each_distinct_value;
use crate::rules::{Ctx, Out, Rule, RuleMeta};
use rayon::prelude::*;
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::Mutex;

/// A rule with the severity it runs at (the default, or what the config says).
pub struct Active {
    pub rule: Box<dyn Rule>,
    pub meta: RuleMeta,
    pub severity: Severity,
}

impl Active {
    pub fn new(rule: Box<dyn Rule>) -> Active {
        let meta = rule.meta();
        Active {
            severity: meta.severity,
            meta,
            rule,
        }
    }
}

/// Run every active rule: item rules in parallel over items, catalog rules in parallel over rules.
/// Value rules share one walk over each item's values (see [`Rule::value_fields`]).
pub fn run(cx: &Ctx, rules: &[Active]) -> Vec<Diagnostic> {
    run_with(cx, rules, true)
}

/// [`run`], optionally without remembering clean values (to test that remembering changes nothing).
pub fn run_with(cx: &Ctx, rules: &[Active], remember_clean: bool) -> Vec<Diagnostic> {
    let per_item = check_items(cx, &rules.iter().collect::<Vec<_>>(), remember_clean);
    let whole = check_catalog(cx, rules);
    // Each finding is moved once more, into a list of the right size.
    let mut diags = Vec::with_capacity(per_item.iter().chain(&whole).map(Vec::len).sum());
    for part in per_item.into_iter().chain(whole) {
        diags.extend(part);
    }
    sort(cx.catalog, &mut diags);
    dedup(&mut diags);
    diags
}

/// The item rules over every item, in parallel: the findings in item order, in runs of items.
pub fn check_items(cx: &Ctx, rules: &[&Active], remember_clean: bool) -> Vec<Vec<Diagnostic>> {
    let values = ValueRules::new(rules, remember_clean);
    // Each worker writes the findings of a run of items into one list (not a list per item
    // and rule, most of them empty or nearly): fewer, fuller allocations, and the lists come
    // back in item order.
    cx.catalog
        .items
        .par_iter()
        .enumerate()
        .with_min_len(64)
        .fold(Vec::new, |mut found, (i, item)| {
            for a in rules {
                a.rule
                    .check_item(cx, i, item, &mut Out::new(&a.meta.code, a.severity, &mut found));
            }
            values.check(cx, i, item, &mut found);
            found
        })
        .collect()
}

/// The whole-catalog rules, in parallel over rules: their findings in rule order.
pub fn check_catalog(cx: &Ctx, rules: &[Active]) -> Vec<Vec<Diagnostic>> {
    rules
        .par_iter()
        .map(|a| {
            let mut found = Vec::new();
            a.rule
                .check_catalog(cx, &mut Out::new(&a.meta.code, a.severity, &mut found));
            found
        })
        .collect()
}

/// The value rules of a run, and the values each worker thread has seen draw no finding.
///
/// Catalogs repeat most of their values (不收费, 县级, 申请人自备, 居民身份证, department names),
/// and a value rule's verdict depends on the text alone (the contract of [`Rule::check_value`]),
/// so a text that drew nothing from a set of rules is not shown to that set again.
struct ValueRules<'r, 'c> {
    rules: Vec<(&'r Active, FieldSet)>,
    any: FieldSet,
    /// For each field, the rules (as bits of `rules`) that read it.
    by_field: Vec<u64>,
    /// One set per worker thread (and one for a caller outside the pool), each holding
    /// (rules asked, text) pairs that drew nothing; `None` when not remembering.
    clean: Option<Vec<Mutex<Clean<'c>>>>,
}

type CleanSet<'c> = HashSet<(u64, &'c str), foldhash::fast::RandomState>;

/// A worker's clean texts, and the texts it has met once.
///
/// A text is remembered only when met a second time: codes, names and addresses are mostly one
/// item's own, and remembering them would only crowd out the values that do repeat (the set
/// would fill and start over more often, and its look-ups reach further into memory).
#[derive(Default)]
struct Clean<'c> {
    set: CleanSet<'c>,
    /// One bit per hash bucket: a clean text met once (a false "met" only remembers it early).
    met_once: Vec<u64>,
    /// Bits set since `met_once` was last cleared.
    marks: usize,
    /// Per field, the last clean (rules, text) pair met: neighbouring rows of a sheet repeat
    /// their department, type, level, fee and phone, and an equal text is known without a hash.
    last: Vec<(u64, &'c str)>,
}

/// Bits in `Clean::met_once`, and how many are set before it starts over.
const MET_BITS: usize = 1 << 16;
const MET_MARKS: usize = MET_BITS / 4;

impl<'c> Clean<'c> {
    /// Whether (rules, text) of field `f` is known to draw nothing.
    fn known(&mut self, f: F, key: &(u64, &'c str)) -> bool {
        if self.last.get(f as usize) == Some(key) {
            return true;
        }
        let known = self.set.contains(key);
        if known {
            self.remember_last(f, *key);
        }
        known
    }
    fn remember_last(&mut self, f: F, key: (u64, &'c str)) {
        if self.last.is_empty() {
            self.last = vec![(0, ""); 128];
        }
        if let Some(slot) = self.last.get_mut(f as usize) {
            *slot = key;
        }
    }
    /// (rules, text) of field `f` drew nothing: remembered when it was met before.
    fn drew_nothing(&mut self, f: F, key: (u64, &'c str)) {
        use std::hash::BuildHasher;
        self.remember_last(f, key);
        if self.met_once.is_empty() {
            self.met_once = vec![0; MET_BITS / 64];
        }
        let bit = self.set.hasher().hash_one(key) as usize % MET_BITS;
        let (word, mask) = (bit / 64, 1u64 << (bit % 64));
        if self.met_once[word] & mask == 0 {
            if self.marks >= MET_MARKS {
                self.met_once.fill(0);
                self.marks = 0;
            }
            self.met_once[word] |= mask;
            self.marks += 1;
            return;
        }
        if self.set.len() >= CLEAN_PER_THREAD {
            self.set.clear();
        }
        self.set.insert(key);
    }
}

/// Values remembered per thread before the set starts over: frequent values come straight back,
/// and a catalog of unique texts does not grow the set without bound.
const CLEAN_PER_THREAD: usize = 1 << 16;

impl<'r, 'c> ValueRules<'r, 'c> {
    fn new(rules: &[&'r Active], remember_clean: bool) -> Self {
        let rules: Vec<(&Active, FieldSet)> = rules
            .iter()
            .filter_map(|a| a.rule.value_fields().map(|set| (*a, set)))
            .collect();
        let any = rules.iter().fold(FieldSet::default(), |u, (_, s)| u.union(s));
        let by_field = (0..128)
            .map(|f| {
                rules
                    .iter()
                    .enumerate()
                    .filter(|(_, (_, set))| set.contains_index(f))
                    .fold(0u64, |bits, (j, _)| bits | 1 << (j % 64))
            })
            .collect();
        // Remembered keys name the rules asked as bits of a u64, so only up to 64 value rules.
        let clean = (remember_clean && rules.len() <= 64)
            .then(|| (0..=rayon::current_num_threads()).map(|_| Mutex::default()).collect());
        ValueRules {
            rules,
            any,
            by_field,
            clean,
        }
    }

    /// One walk over the item's values; each non-blank value goes to every value rule that reads
    /// its field and applies to the item, unless that text already drew nothing from those rules.
    fn check(&self, cx: &Ctx, i: usize, item: &'c Item, found: &mut Vec<Diagnostic>) {
        if self.rules.is_empty() {
            return;
        }
        // The rules that apply to the item, as bits (the key under which a clean text is
        // remembered), and one by one when there are more than 64.
        let mut applies_bits = 0u64;
        let mut applies = Vec::new();
        for (j, (a, _)) in self.rules.iter().enumerate() {
            let on = a.rule.values_apply(cx, item);
            applies_bits |= (on as u64) << (j % 64);
            if self.rules.len() > 64 {
                applies.push(on);
            }
        }
        let applies_to = |j: usize| {
            if self.rules.len() > 64 {
                applies[j]
            } else {
                applies_bits >> j & 1 == 1
            }
        };
        // Fields a rule spares on this item: its bit is left out of their values' keys.
        let spared: Vec<(usize, FieldSet)> = self
            .rules
            .iter()
            .enumerate()
            .filter(|&(j, _)| applies_to(j))
            .map(|(j, (a, _))| (j, a.rule.values_spared(cx, item)))
            .filter(|(_, s)| !s.is_empty())
            .collect();
        let spares = |j: usize, f: F| spared.iter().any(|(k, s)| *k == j && s.contains(f));
        let spared_bits = |f: F| {
            spared
                .iter()
                .filter(|(_, s)| s.contains(f))
                .fold(0u64, |bits, (j, _)| bits | 1 << (j % 64))
        };
        let mut clean = self.clean.as_ref().map(|slots| {
            let at = rayon::current_thread_index().map_or(0, |t| t + 1).min(slots.len() - 1);
            slots[at].lock().unwrap_or_else(|poisoned| poisoned.into_inner())
        });
        // A name taken from the 主项 or 子项 cell (a power list's row that is its own 子项) is
        // that cell read twice: a rule that reads the cell as 主项/子项 reports it once.
        let name_copy_of = item.fields.get(F::Name).and_then(|n| {
            [F::SubItem, F::MainItem].into_iter().find(|&src| {
                item.fields
                    .get(src)
                    .is_some_and(|s| s.loc == n.loc && s.value == n.value)
            })
        });
        each_distinct_value(item, &self.any, |f, v, loc| {
            if crate::text::trim(&v).is_empty() {
                return;
            }
            let copy = f == F::Name && name_copy_of.is_some();
            let key = match (&v, &clean) {
                // A copy is asked by fewer rules: what it drew says nothing of the text.
                (Cow::Borrowed(text), Some(_)) if !copy => {
                    Some((applies_bits & self.by_field[f as usize] & !spared_bits(f), *text))
                }
                _ => None,
            };
            if let (Some(k), Some(set)) = (&key, &mut clean)
                && (k.0 == 0 || set.known(f, k))
            {
                return;
            }
            let before = found.len();
            for (j, (a, set)) in self.rules.iter().enumerate() {
                if set.contains(f)
                    && applies_to(j)
                    && !spares(j, f)
                    && !(copy && name_copy_of.is_some_and(|s| set.contains(s)))
                {
                    let mut out = Out::new(&a.meta.code, a.severity, found);
                    a.rule.check_value(cx, i, f, &v, loc, &mut out);
                }
            }
            let any_found = found.len() != before;
            if let (Some(k), Some(set), false) = (key, &mut clean, any_found) {
                set.drew_nothing(f, k);
            }
        });
    }
}

/// File order, then position, then code: the same output on every run.
pub fn sort(cat: &Catalog, diags: &mut [Diagnostic]) {
    let _ = cat;
    let key = |d: &Diagnostic| {
        let (line, col, entry) = match d.loc.pos {
            Pos::Text { line, col, .. } => (line, col, 0),
            Pos::Cell {
                sheet, row, col, entry, ..
            } => ((sheet as u32) << 24 | row, col, entry),
            Pos::None => (0, 0, 0),
        };
        (d.loc.file, line, col, entry)
    };
    // A finding is a few hundred bytes: sort their indices, then move each one once.
    let mut order: Vec<usize> = (0..diags.len()).collect();
    order.sort_unstable_by(|&a, &b| {
        let (x, y) = (&diags[a], &diags[b]);
        key(x)
            .cmp(&key(y))
            .then_with(|| x.code.cmp(&y.code))
            .then_with(|| x.message.zh.cmp(&y.message.zh))
            .then(a.cmp(&b))
    });
    permute(diags, &mut order);
}

/// Drops repeats of a finding (same rule, place, item and message) from sorted findings: a
/// sheet row naming several 办理情形 lists its materials once for all of them, and a vague
/// material is one finding, not one per 情形. At a sheet cell the item need not be the same: a
/// cell merged over several rows (or, in a CSV, left blank below and read from above) gives its
/// value to each row's item, and a wrong value there is one finding at that cell, on the first
/// item, not one per row.
/// Findings are sorted by place only, so a repeat need not be next to its first (two rules on one
/// cell, for each of two 情形, come as A B A B): each is compared with those kept at its place.
pub fn dedup(diags: &mut Vec<Diagnostic>) {
    let same = |a: &Diagnostic, b: &Diagnostic| {
        a.code == b.code
            && a.loc == b.loc
            && (a.item == b.item || matches!(a.loc.pos, Pos::Cell { .. }))
            && a.message.zh == b.message.zh
    };
    let mut kept = 0;
    let mut place_start = 0;
    for i in 0..diags.len() {
        if kept > 0 && diags[kept - 1].loc != diags[i].loc {
            place_start = kept;
        }
        if diags[place_start..kept].iter().any(|k| same(k, &diags[i])) {
            continue;
        }
        diags.swap(kept, i);
        kept += 1;
    }
    diags.truncate(kept);
}

/// Rearrange `items` so that position k holds what was at `order[k]` (`order` is used up).
fn permute<T>(items: &mut [T], order: &mut [usize]) {
    for start in 0..items.len() {
        let mut at = start;
        // Follow the cycle through `start`: each step brings one element home.
        while order[at] != start {
            let from = order[at];
            order[at] = at;
            items.swap(at, from);
            at = from;
        }
        order[at] = at;
    }
}

/// Counts by severity.
#[derive(Clone, Copy, Debug, Default, serde::Serialize)]
pub struct Counts {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Counts {
    pub fn of(diags: &[Diagnostic]) -> Counts {
        let mut c = Counts::default();
        for d in diags {
            match d.severity {
                Severity::Error => c.errors += 1,
                Severity::Warning => c.warnings += 1,
                Severity::Info => c.infos += 1,
            }
        }
        c
    }
}

/// Counts per rule code, most frequent first.
pub fn by_rule(diags: &[Diagnostic]) -> Vec<(String, usize)> {
    let mut m: HashMap<&str, usize> = HashMap::new();
    for d in diags {
        *m.entry(&d.code).or_default() += 1;
    }
    let mut v: Vec<(String, usize)> = m.into_iter().map(|(k, n)| (k.to_string(), n)).collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn permute_moves_every_element_to_its_place() {
        let mut v = vec!['a', 'b', 'c', 'd', 'e', 'f'];
        let mut order = vec![3, 0, 4, 1, 2, 5];
        permute(&mut v, &mut order);
        assert_eq!(v, ['d', 'a', 'e', 'b', 'c', 'f']);
        let mut w: Vec<usize> = (0..1000).collect();
        let mut order: Vec<usize> = (0..1000).map(|i| (i * 7919) % 1000).collect();
        let want = order.clone();
        permute(&mut w, &mut order);
        assert_eq!(w, want);
    }
    use crate::model::taxonomy::Taxonomy;
    use crate::rules::RuleOptions;
    use std::path::PathBuf;

    fn lint(paths: &[&str], remember_clean: bool) -> Vec<Diagnostic> {
        let paths: Vec<PathBuf> = paths
            .iter()
            .map(|p| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(p))
            .collect();
        let catalog = crate::load::load_paths(&paths, &Default::default()).expect("loads");
        let (taxonomy, options) = (Taxonomy::builtin(), RuleOptions::default());
        let cx = Ctx::new(&catalog, &taxonomy, &options, None);
        let rules: Vec<Active> = crate::rules::registry::builtin().into_iter().map(Active::new).collect();
        run_with(&cx, &rules, remember_clean)
    }

    /// Remembering clean values is only a shortcut: the findings are the same with and without,
    /// on the sample catalogs, every rule fixture and both real exports.
    #[test]
    fn remembering_clean_values_changes_no_finding() {
        for set in [
            &["catalogs"][..],
            &["tests/fixtures/rules"],
            &["data/real/gd-gdzwfw-policy-kg/policy.json"],
            &["data/real/sc-guangan-bszl/bszl-data.array.json"],
        ] {
            let (with, without) = (lint(set, true), lint(set, false));
            assert!(!with.is_empty(), "{set:?} has findings");
            assert_eq!(with, without, "{set:?}");
        }
    }

    /// A repeat is dropped even when another rule's finding at the same place comes between.
    #[test]
    fn dedup_drops_repeats_that_are_not_adjacent() {
        let d = |code: &'static str| Diagnostic {
            code: code.into(),
            severity: crate::diag::Severity::Warning,
            message: crate::msg!("同一单元格"; "one cell"),
            help: None,
            item: Some(0),
            loc: crate::model::Loc::cell(0, 0, 3, 5),
            fix: None,
        };
        let mut v = vec![d("W002"), d("W003"), d("W002"), d("W003")];
        dedup(&mut v);
        assert_eq!(v.iter().map(|x| x.code.as_ref()).collect::<Vec<_>>(), ["W002", "W003"]);
    }

    /// The same faulty text in many items is reported in every one of them.
    #[test]
    fn a_repeated_faulty_value_is_reported_every_time() {
        let dir = std::env::temp_dir().join(format!("catalog-memo-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let mut yaml = String::from("items:\n");
        for n in 0..50 {
            yaml.push_str(&format!(
                "  - name: 事项{n}\n    scenarios:\n      - name: 申请\n        materials:\n          - name: 其它证明\n          - name: 居民身份证\n"
            ));
        }
        std::fs::write(dir.join("c.yaml"), yaml).unwrap();
        let path = dir.join("c.yaml");
        let diags = lint(&[path.to_str().unwrap()], true);
        std::fs::remove_dir_all(&dir).ok();
        let unified = diags.iter().filter(|d| d.code == "W004").count();
        assert_eq!(unified, 50, "one W004 per item");
    }
}
