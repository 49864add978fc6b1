//! View structs the templates see. They are built from the model here, so templates never
//! depend on the model's internals and a province can restyle without knowing Rust.

use crate::model::fields::{F, Kind};
use crate::model::{Catalog, Extra, Fields, Item, Value};
use serde::Serialize;

/// One labelled value of the field dictionary (`label` is the dictionary's Chinese name).
#[derive(Clone, Debug, Serialize)]
pub struct FieldRow {
    pub key: &'static str,
    pub label: String,
    /// One entry per line/list element; a scalar is a one-element list.
    pub lines: Vec<String>,
    /// Lists and multi-line citations render as a list.
    pub list: bool,
}

/// A group of rows shown under one heading.
#[derive(Clone, Debug, Serialize)]
pub struct Section {
    pub id: &'static str,
    pub title: &'static str,
    pub rows: Vec<FieldRow>,
}

/// A 材料范例 or 空白表格: a copied file, or text written in the catalog.
#[derive(Clone, Debug, Serialize)]
pub struct Attachment {
    /// `file` (copied, `href` set), `text` (shown as written), `missing` (a path that was not found).
    pub kind: &'static str,
    pub href: Option<String>,
    pub text: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct PointView {
    pub text: String,
    pub error_prone: bool,
    pub fix: Option<String>,
    pub rows: Vec<FieldRow>,
}

#[derive(Clone, Debug, Serialize)]
pub struct MaterialView {
    pub name: String,
    /// [`material_summary`].
    pub summary: String,
    pub rows: Vec<FieldRow>,
    pub sample: Option<Attachment>,
    pub blank_form: Option<Attachment>,
    pub shared: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct ScenarioView {
    pub name: String,
    pub rows: Vec<FieldRow>,
    pub points: Vec<PointView>,
    pub materials: Vec<MaterialView>,
    pub error_prone: usize,
}

#[derive(Clone, Debug, Serialize)]
pub struct StepView {
    pub step: String,
    pub days: Option<String>,
    pub by: Option<String>,
    pub rows: Vec<FieldRow>,
}

#[derive(Clone, Debug, Serialize)]
pub struct DutyView {
    pub department: String,
    pub share: Option<String>,
    pub lead: bool,
    pub duties: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Link {
    pub href: String,
    pub text: String,
}

/// Everything the item page shows.
#[derive(Clone, Debug, Serialize)]
pub struct ItemView {
    pub index: usize,
    pub href: String,
    pub code: String,
    pub name: String,
    pub department: String,
    pub phylum: String,
    /// The taxonomy path above the item (界 › 门 › 纲 › 目 › 科).
    pub path: Vec<String>,
    pub levels: Vec<String>,
    pub statutory: Option<String>,
    pub promised: Option<String>,
    pub visits: Option<u32>,
    pub fee: Option<String>,
    pub sections: Vec<Section>,
    pub scenarios: Vec<ScenarioView>,
    pub process: Vec<StepView>,
    pub supervision: Vec<DutyView>,
    pub bundles: Vec<Link>,
    /// A web address in the item's data (an export's guide link): the citizen's way online.
    pub online: Option<Link>,
    /// 办理地点, 办理时间 and telephone, shown near the top: where and when to go.
    pub place: Option<String>,
    pub hours: Option<String>,
    pub phone: Option<String>,
    /// Keys the dictionary does not know, kept as written (nothing is dropped).
    pub extra: Vec<FieldRow>,
}

/// The 网上办理地址, else the first value among `extra` that is a single web address (an export's
/// guide link), as a link whose text says what the citizen can do there (apply online when the item is handled fully online).
pub fn online_link(
    url: Option<&str>,
    extra: &[Extra],
    online_depth: Option<&str>,
    online: Option<bool>,
) -> Option<Link> {
    let href = url
        .filter(|s| is_web_address(s))
        .map(|s| s.trim().to_string())
        .or_else(|| {
            extra.iter().find_map(|e| match &e.value {
                serde_json::Value::String(s) if is_web_address(s) => Some(s.trim().to_string()),
                _ => None,
            })
        })?;
    let full = online == Some(true) || online_depth.is_some_and(|d| d.contains("全程网办") || d.contains("网上办"));
    Some(Link {
        href,
        text: if full { "在线办理" } else { "网上办事指南" }.to_string(),
    })
}

fn is_web_address(s: &str) -> bool {
    let s = s.trim();
    (s.starts_with("https://") || s.starts_with("http://")) && !s.contains(char::is_whitespace) && s.len() > 10
}

/// Which heading each item field appears under; a field not listed here (a new dictionary
/// entry) lands in 其他信息 so it is still published.
const SECTIONS: &[(&str, &str, &[F])] = &[
    (
        "basic",
        "基本信息",
        &[
            F::Code,
            F::Phylum,
            F::Level,
            F::Department,
            F::ServiceObjects,
            F::ProjectType,
            F::Result,
        ],
    ),
    (
        "time",
        "办理时限、跑动与收费",
        &[
            F::Statutory,
            F::Promised,
            F::Visits,
            F::VisitReason,
            F::OnlineDepth,
            F::Online,
            F::Appointment,
            F::Express,
            F::Terminal,
            F::Fee,
            F::PayOnline,
            F::FeeStandard,
            F::FeeBasis,
        ],
    ),
    ("conditions", "受理条件", &[F::Conditions, F::Refusals]),
    ("basis", "设定依据", &[F::Basis]),
    (
        "contact",
        "办理地点与咨询投诉",
        &[F::Place, F::Hours, F::Phone, F::ComplaintPhone],
    ),
];

/// Fields the page shows elsewhere (the title, the 在线办理 link).
const SHOWN_ELSEWHERE: &[F] = &[F::Name, F::OnlineUrl];

/// Fields for the office, not the citizen: codes of the catalog system, the taxonomy above the
/// item, how the power came to this level, the record's status. The guide leaves them out (the
/// checklist, `tree` and the exports keep them); the 事项编码 stays, as people quote it.
pub const INTERNAL: &[F] = &[
    F::ImplementationCode,
    F::BasicCode,
    F::Kingdom,
    F::Class,
    F::MainItem,
    F::SubItem,
    F::PowerSource,
    F::Status,
];

pub fn value_lines(f: F, v: &Value) -> Vec<String> {
    match v {
        Value::List(items) => items
            .iter()
            .map(|s| s.value.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect(),
        Value::Int(n) if f == F::Visits => vec![if *n == 0 {
            "0 次（跑零次）".to_string()
        } else {
            format!("{n} 次")
        }],
        Value::Int(n) if f == F::Copies => vec![format!("{n} 份")],
        Value::Num(n) if f == F::Share => vec![format!("{}%", crate::model::value::format_num(*n))],
        other => {
            let s = other.display();
            let s = s.trim();
            if s.is_empty() { Vec::new() } else { vec![s.to_string()] }
        }
    }
}

fn row(f: F, v: &Value) -> Option<FieldRow> {
    let lines = value_lines(f, v);
    if lines.is_empty() {
        return None;
    }
    let def = f.def();
    Some(FieldRow {
        key: def.key,
        label: def.zh.to_string(),
        list: matches!(def.kind, Kind::List | Kind::Lines) && lines.len() > 1,
        lines,
    })
}

/// Every field present in `fields`, in dictionary order, except those in `skip`.
pub fn rows(fields: &Fields, skip: &[F]) -> Vec<FieldRow> {
    let mut present: Vec<(F, &Value)> = fields
        .iter()
        .filter(|(f, _)| !skip.contains(f))
        .map(|(f, v)| (f, &v.value))
        .collect();
    present.sort_by_key(|(f, _)| *f);
    present.into_iter().filter_map(|(f, v)| row(f, v)).collect()
}

/// Keys the dictionary does not know, for the citizen's page: a clerk's own column (备注说明)
/// is shown as written; an export's system keys (`_id`, `ORGCODE`, `URL`, all ASCII
/// identifiers) and record objects are not — the web address among them becomes the online
/// link ([`online_link`]), and the exports and checklist keep them all.
pub fn extra_rows(extra: &[Extra]) -> Vec<FieldRow> {
    extra
        .iter()
        .filter(|e| !e.key.is_ascii() && !e.value.is_object())
        .map(|e| {
            let lines = match &e.value {
                serde_json::Value::String(s) => vec![s.clone()],
                serde_json::Value::Array(a) => a
                    .iter()
                    .map(|x| match x {
                        serde_json::Value::String(s) => s.clone(),
                        other => other.to_string(),
                    })
                    .collect(),
                serde_json::Value::Null => Vec::new(),
                other => vec![other.to_string()],
            };
            FieldRow {
                key: "extra",
                label: e.key.clone(),
                list: lines.len() > 1,
                lines,
            }
        })
        .filter(|r| !r.lines.is_empty())
        .collect()
}

/// Item sections from the dictionary: the fixed headings, then 其他信息 for anything else.
pub fn item_sections(item: &Item) -> Vec<Section> {
    let mut out = Vec::new();
    let mut placed: Vec<F> = SHOWN_ELSEWHERE.iter().chain(INTERNAL).copied().collect();
    for (id, title, fields) in SECTIONS {
        placed.extend_from_slice(fields);
        let mut rows: Vec<FieldRow> = fields
            .iter()
            .filter_map(|f| item.fields.get(*f).and_then(|v| row(*f, &v.value)))
            .collect();
        // The level is a list but reads better on one line.
        for r in rows.iter_mut().filter(|r| r.key == "level") {
            r.lines = vec![r.lines.join("、")];
            r.list = false;
        }
        if !rows.is_empty() {
            out.push(Section { id, title, rows });
        }
    }
    let other = rows(&item.fields, &placed);
    if !other.is_empty() {
        out.push(Section {
            id: "other",
            title: "其他信息",
            rows: other,
        });
    }
    out
}

/// The taxonomy path of an item: the values of every rank read from an item field.
pub fn item_path(tax: &crate::model::taxonomy::Taxonomy, item: &Item) -> Vec<String> {
    use crate::model::taxonomy::RankField;
    let mut out = Vec::new();
    for (i, r) in tax.ranks.iter().enumerate() {
        if r.field == RankField::Scenario || r.field == RankField::Item(F::Name) {
            break;
        }
        out.push(tax.value(i, item).unwrap_or(crate::model::taxonomy::UNSET).to_string());
    }
    out
}

/// Header facts for the home page.
#[derive(Clone, Debug, Serialize)]
pub struct SiteInfo {
    pub title: String,
    pub region: Option<String>,
    pub version: Option<String>,
    pub items: usize,
    pub departments: usize,
    pub bundles: usize,
}

impl SiteInfo {
    pub fn new(cat: &Catalog, departments: usize) -> SiteInfo {
        let h = |f| {
            cat.header_text(f)
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(String::from)
        };
        SiteInfo {
            title: h(F::Title).unwrap_or_else(|| "政务服务事项办事指南".to_string()),
            region: h(F::Region),
            version: h(F::Version),
            items: cat.items.len(),
            departments,
            bundles: cat.bundles.len(),
        }
    }
}

/// Material fields shown as rows (name, attachments and the one-line summary have their own places).
pub const MATERIAL_SKIP: &[F] = &[
    F::MaterialName,
    F::Sample,
    F::BlankForm,
    F::Shared,
    F::Source,
    F::Form,
    F::Copies,
    F::Necessity,
];

/// A material's requirement on one line — "申请人自备 · 原件 1 份 · 必要" — which a citizen
/// reads at a glance and which keeps a printed table short. A material not handed in (shared,
/// or produced by an earlier step) has no form or copies: they would contradict its note.
pub fn material_summary(fields: &Fields, handed_in: bool) -> String {
    let t = |f| fields.text(f).map(str::trim).filter(|s| !s.is_empty());
    let mut parts: Vec<String> = Vec::new();
    if let Some(s) = t(F::Source) {
        parts.push(s.to_string());
    }
    if handed_in {
        let copies = fields.int(F::Copies).map(|c| format!("{} 份", c.value));
        match (t(F::Form), copies) {
            (Some(f), Some(c)) => parts.push(format!("{f} {c}")),
            (Some(f), None) => parts.push(f.to_string()),
            (None, Some(c)) => parts.push(c),
            (None, None) => {}
        }
    }
    if let Some(n) = t(F::Necessity) {
        parts.push(n.to_string());
    }
    parts.join(" · ")
}
pub const POINT_SKIP: &[F] = &[F::PointText, F::ErrorProne, F::Fix];
pub const SCENARIO_SKIP: &[F] = &[F::ScenarioName];
pub const STEP_SKIP: &[F] = &[F::StepName, F::StepDays, F::StepRole];
