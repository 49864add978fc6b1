//! Finding the header row of a sheet and mapping its columns to fields.

use super::grid::Grid;
use super::profile::{Profile, child_scope};
use crate::model::fields::{self, F, FieldDef, Scope};
use std::borrow::Cow;

/// What a column holds.
#[derive(Clone)]
pub enum Col {
    Field(Scope, &'static FieldDef),
    /// 忽略规则 (lint_ignore) lines: `T003: reason`.
    Suppressions,
    /// 序号: a row number, not data. In a workbook written by `catalog convert` it keeps the
    /// catalog's item order across sheets.
    Seq,
    /// A header the dictionary does not know: kept as an extra of `scope` under `key`.
    /// `json` when the header ends in `#json` (cells hold JSON written by `catalog convert`).
    Extra {
        scope: Scope,
        key: String,
        json: bool,
    },
    /// No header and no values.
    Empty,
}

impl Col {
    pub fn scope(&self) -> Option<Scope> {
        match self {
            Col::Field(s, _) | Col::Extra { scope: s, .. } => Some(*s),
            Col::Suppressions => Some(Scope::Item),
            Col::Seq | Col::Empty => None,
        }
    }
}

/// Scopes a spreadsheet column may belong to, in lookup order (item fields win a shared alias).
pub const ROW_SCOPES: [Scope; 6] = [
    Scope::Item,
    Scope::Scenario,
    Scope::Point,
    Scope::Material,
    Scope::Step,
    Scope::Duty,
];

/// The Chinese prefix written before a child extra column (`申请材料.备注2`).
pub fn scope_prefix(s: Scope) -> &'static str {
    match s {
        Scope::Scenario => "办事情形",
        Scope::Point => "受理要点",
        Scope::Material => "申请材料",
        Scope::Step => "办理流程",
        Scope::Duty => "监管责任",
        _ => "",
    }
}

pub const SUPPRESSIONS_HEADER: &str = "忽略规则";
pub const SEQ_HEADERS: &[&str] = &["序号", "序", "编号", "No.", "NO", "No"];

/// Marks an office puts before or after a required column's header (＊事项名称, ※设定依据,
/// 事项名称*): no part of its name.
const REQUIRED_MARKS: [char; 4] = ['*', '＊', '★', '※'];

/// Header text as compared: no whitespace (also full-width), no required-field stars or notes.
pub fn normalize(h: &str) -> String {
    let s: String = h.chars().filter(|c| !c.is_whitespace()).collect();
    // The mark may stand outside the note (事项名称（必填）＊) as well as inside it.
    let mut s = s.trim_matches(REQUIRED_MARKS);
    for suffix in ["（必填）", "(必填)", "（选填）", "(选填)"] {
        if let Some(t) = s.strip_suffix(suffix) {
            s = t;
        }
    }
    // A footnote mark after a header (法定时限①, 承诺时限²) refers to a note under the table.
    let s = s.trim_end_matches(|c: char| matches!(c, '①'..='⑳' | '¹' | '²' | '³' | '⁴'..='⁹'));
    s.trim_matches(REQUIRED_MARKS).to_string()
}

/// Whether a header names a column a system adds about the record (更新时间, 录入人, 审核状态 …,
/// rules/record-columns.yaml): kept as an extra like any unknown column, but nothing to report.
pub fn is_record_column(h: &str) -> bool {
    #[derive(serde::Deserialize)]
    struct List {
        columns: Vec<String>,
    }
    static SET: std::sync::OnceLock<rustc_hash::FxHashSet<String>> = std::sync::OnceLock::new();
    SET.get_or_init(|| {
        let list: List = serde_saphyr::from_str(include_str!("../../../rules/record-columns.yaml"))
            .expect("an embedded word list is valid (checked by tests)");
        list.columns.into_iter().map(|c| c.to_uppercase()).collect()
    })
    .contains(&display(h).replace(' ', "").to_uppercase())
}

/// A header as messages quote it: the line breaks and spaces an office puts inside a header to
/// fit its column (事项\n名称, 事 项 名 称) dropped, a space between Latin words kept.
pub fn display(h: &str) -> String {
    let h = h.trim();
    let mut out = String::with_capacity(h.len());
    let mut chars = h.chars().peekable();
    while let Some(c) = chars.next() {
        if !c.is_whitespace() {
            out.push(c);
            continue;
        }
        while chars.next_if(|n| n.is_whitespace()).is_some() {}
        let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
        if latin(out.chars().last()) && latin(chars.peek().copied()) {
            out.push(' ');
        }
    }
    out
}

/// The field a header names, looking through the scopes in order.
pub fn lookup(h: &str, profile: Option<&Profile>) -> Option<(Scope, &'static FieldDef)> {
    if let Some(p) = profile
        && let Some(hit) = p.column(h).or_else(|| p.column(&normalize(h)))
    {
        return Some(hit);
    }
    let n = normalize(h);
    if n.is_empty() {
        return None;
    }
    if let Some((prefix, rest)) = n.split_once('.')
        && let Some(scope) = child_scope(prefix)
    {
        return fields::lookup(scope, rest).map(|f| (scope, f));
    }
    let known = |n: &str| {
        ROW_SCOPES
            .iter()
            .find_map(|s| fields::lookup(*s, n).map(|f| (*s, f)))
            .or_else(|| list_column(n))
            .or_else(|| level_mark(n).map(|_| (Scope::Item, fields::F::Level.def())))
            .or_else(|| time_limit_group(n))
    };
    // A unit or note in brackets after a known header (法定时限（工作日）, 到办事现场次数(次),
    // 收费标准（元）) names the same column: offices add them to tell clerks what to type.
    known(&n).or_else(|| {
        let base = without_note(&n)?;
        known(base).map(|hit| rank_note(&n[base.len()..], hit))
    })
}

/// A power list that heads its name and code columns twice, once per rank (权力事项（主项） |
/// 权力事项（子项）, 权力编码（主项） | 权力编码（子项）), names the 主项 and the 子项: the note says
/// which. Without it both columns would read as the one name (or code) and the 子项 be lost.
fn rank_note(note: &str, hit: (Scope, &'static FieldDef)) -> (Scope, &'static FieldDef) {
    use fields::F;
    let inner = note.trim_matches(['（', '(', '）', ')']);
    let id = match (inner, hit.1.id) {
        ("主项", F::Name) => F::MainItem,
        ("子项", F::Name) => F::SubItem,
        ("主项", F::Code) => F::MainCode,
        _ => return hit,
    };
    (hit.0, id.def())
}

/// A column headed by the name of the time-limit group (`办结时限`, `时限`, the YAML's
/// `time_limit:`) holds what a 办理时限 column does: the promise, or both limits labelled in one cell.
fn time_limit_group(n: &str) -> Option<(Scope, &'static FieldDef)> {
    fields::STRUCT_KEYS
        .iter()
        .any(|k| k.scope == Scope::Item && k.key == "time_limit" && (k.zh == n || k.aliases.contains(&n)))
        .then(|| (Scope::Item, fields::F::Promised.def()))
}

/// The level a mark column stands for (行使层级 › 省级 | 市级 | 县级, 是否省级行使): its cells
/// tick the item's levels (`rules/levels.yaml`, `marks`).
pub fn level_mark(h: &str) -> Option<crate::model::level::Level> {
    use crate::model::level::Level;
    use std::cell::RefCell;
    // Asked for every level cell of a sheet (a 100,000-row list asks 300,000 times) about a few
    // headers: the answers of the last few are kept per thread.
    thread_local! {
        static SEEN: RefCell<Vec<(String, Option<Level>)>> = const { RefCell::new(Vec::new()) };
    }
    SEEN.with(|seen| {
        if let Some((_, l)) = seen.borrow().iter().find(|(k, _)| k == h) {
            return *l;
        }
        let l = Level::of_mark_header(&normalize(h));
        let mut seen = seen.borrow_mut();
        if seen.len() >= 16 {
            seen.remove(0);
        }
        seen.push((h.to_string(), l));
        l
    })
}

/// The header before a closing bracketed note, when there is one and something before it.
fn without_note(n: &str) -> Option<&str> {
    let inner = n.strip_suffix('）').or_else(|| n.strip_suffix(')'))?;
    let open = inner.rfind(['（', '('])?;
    let base = &inner[..open];
    (!base.is_empty()).then_some(base)
}

/// A column named after a list (办理情形, 申请材料, 受理要点 …) holds the names of its entries:
/// one per row, or several in one cell (`1.申请书⏎2.营业执照`), as offices keep them.
fn list_column(n: &str) -> Option<(Scope, &'static FieldDef)> {
    use fields::F;
    let (scope, f) = match fields::struct_key(Scope::Item, n).or_else(|| fields::struct_key(Scope::Scenario, n))? {
        "scenarios" => (Scope::Scenario, F::ScenarioName),
        "materials" => (Scope::Material, F::MaterialName),
        "acceptance_points" => (Scope::Point, F::PointText),
        // 办理流程 as prose in one cell (`1.受理；2.审查；3.决定`, `受理→审查→决定`): its steps.
        "process" => (Scope::Step, F::StepName),
        _ => return None,
    };
    Some((scope, f.def()))
}

/// The 0-based row of the header: the row among the first 30 that names the most known fields
/// (at least two), so titles and notes above it are skipped. `None` when no row qualifies.
pub fn find_header_row(g: &Grid, profile: Option<&Profile>) -> Option<usize> {
    if let Some(n) = profile.and_then(|p| p.header_row) {
        let r = (n.saturating_sub(1) as u32).checked_sub(g.origin.0)? as usize;
        return (r < g.height()).then_some(r);
    }
    let mut best: Option<(usize, usize)> = None;
    for r in 0..g.height().min(30) {
        let score = g
            .row(r)
            .filter(|c| !c.is_empty() && (lookup(c, profile).is_some() || normalize(c) == SUPPRESSIONS_HEADER))
            .count();
        if score >= 2 && best.is_none_or(|(_, s)| score > s) {
            best = Some((r, score));
        }
    }
    best.map(|(r, _)| r)
}

/// Whether a sheet holding no header row is one item's guide laid out as a form — labels down a
/// column (事项名称, 设定依据, 申请材料 …), each with its value to the right — rather than a table
/// of items: at least three rows whose first cell is a known label and has a value beside it.
pub fn labels_down_a_column(g: &Grid) -> bool {
    let labelled = (0..g.height().min(60))
        .filter(|&r| {
            let mut cells = g.row(r).filter(|c| !c.is_empty());
            cells.next().is_some_and(|c| lookup(c, None).is_some()) && cells.next().is_some()
        })
        .count();
    labelled >= 3
}

/// Whether a sheet's columns list no items: none names or codes the item of its row (事项名称,
/// 事项编码, 主项, 子项, 主要职责 …) and every known one is a category an item is filed under (事项类型,
/// 行使层级, 收费, 办件类型, 实施主体, 备注) — a 汇总 of counts per 事项类型, a sheet of drop-down
/// values. A sheet with a column of an item's own content (时限, 材料, 电话 …) under a name header
/// the dictionary does not know is read, its items without a name (T001, F001 at that header).
pub fn lists_no_items(cols: &[Col]) -> bool {
    let field = |c: &Col| match c {
        Col::Field(_, d) => Some(d.id),
        _ => None,
    };
    !cols.iter().filter_map(field).any(|f| {
        !matches!(
            f,
            F::Kingdom | F::Phylum | F::Class | F::Level | F::Fee | F::ProjectType | F::Department | F::Remarks
        )
    })
}

/// The row below the header when it continues it (a two-row header whose group cells, such as
/// 办理时限 over 法定时限 | 承诺时限, were not merged down — ods, CSV): every cell in it is a known
/// header, alone or under its group (法定 under 办理时限), or repeats the cell above, and at least
/// two are new headers — or, where the header's other cells are merged down over the row (as
/// Excel's two-row headers are), one new header or one under a group spanning several columns
/// (收费 over 是否收费 | 收费说明: only one of them known) is enough.
pub fn sub_header(g: &Grid, header_row: usize, profile: Option<&Profile>) -> Option<usize> {
    let r = header_row + 1;
    if r >= g.height() || g.row_is_empty(r) {
        return None;
    }
    let (mut new, mut grouped, mut merged_down) = (0, 0, 0);
    for c in 0..g.row_width(r) {
        let t = g.cell(r, c);
        if t.is_empty() {
            continue;
        }
        if t == g.cell(header_row, c) {
            merged_down += g.is_merge_filled(r, c) as usize;
            continue;
        }
        if under_group(t, group(g, header_row, c), profile).is_some() {
            new += 1;
        } else if in_wide_group(g, header_row, c) {
            grouped += 1;
        } else {
            return None;
        }
    }
    (new >= 2 || (new + grouped >= 1 && merged_down >= 2)).then_some(r)
}

/// What a column beside a time limit says of it, by the word its header ends in.
#[derive(Clone, Copy)]
pub enum LimitColumn {
    /// `法定办结时限单位`, `承诺时限单位` beside `法定办结时限` | `承诺办结时限` holding bare numbers,
    /// as the 一体化平台 exports them: the unit.
    Unit,
    /// `法定办结时限说明`, `承诺办结时限说明`, as a province portal exports them (`20` | `不含现场核查时间`):
    /// a qualifier.
    Note,
}

/// The time limit a unit or note column ([`LimitColumn`]) belongs to: the field the header names
/// without its `单位` or `说明`, when the sheet has that field's column.
pub fn limit_column_of(header: &str, kind: LimitColumn, cols: &[Col], profile: Option<&Profile>) -> Option<F> {
    let n = normalize(header);
    let base = n.strip_suffix(match kind {
        LimitColumn::Unit => "单位",
        LimitColumn::Note => "说明",
    })?;
    let (_, def) = lookup(base, profile)?;
    (matches!(def.id, F::Statutory | F::Promised)
        && cols.iter().any(|c| matches!(c, Col::Field(_, d) if d.id == def.id)))
    .then_some(def.id)
}

/// Whether column `c` lies under a group header spanning several columns (申请材料 over 材料名称 |
/// 材料要求 | 份数): a sub-header there the dictionary does not know (材料要求) is still a
/// sub-header, kept as an unknown column, when its neighbours are known ones.
fn in_wide_group(g: &Grid, header_row: usize, c: usize) -> bool {
    let text = group(g, header_row, c);
    let spans = |k: usize| g.cell(header_row, k).is_empty() || g.is_merge_filled(header_row, k);
    !text.is_empty()
        && ((c + 1 < g.row_width(header_row) && spans(c + 1) && group(g, header_row, c + 1) == text)
            || (c > 0 && spans(c) && group(g, header_row, c - 1) == text))
}

/// The group cell over column `c` of a two-row header: the header row's cell, or, where it is
/// empty (the rest of a merged range), the nearest filled one to its left.
fn group(g: &Grid, header_row: usize, c: usize) -> &str {
    (0..=c)
        .rev()
        .map(|k| g.cell(header_row, k))
        .find(|t| !t.is_empty())
        .unwrap_or("")
}

/// What a sub-header cell names: itself when it is a header (咨询电话 under 联系方式), else itself
/// with its group around it when that is one (法定 under 办理时限: 法定办理时限; 承诺 under 时限:
/// 承诺时限).
fn under_group(t: &str, group: &str, profile: Option<&Profile>) -> Option<String> {
    if lookup(t, profile).is_some() {
        return Some(t.to_string());
    }
    let group = normalize(group);
    let group = without_note(&group).unwrap_or(&group);
    // A unit after the sub-header (法定（工作日） under 办理时限) belongs to it, not between.
    let t = normalize(t);
    let t = without_note(&t).unwrap_or(&t);
    [format!("{t}{group}"), format!("{group}{t}")]
        .into_iter()
        .find(|h| lookup(h, profile).is_some())
}

/// The header of each column: the sub-header's cell where it has one (read under its group,
/// see [`sub_header`]), else the header row's.
pub fn header_texts<'g>(
    g: &'g Grid,
    header_row: usize,
    sub: Option<usize>,
    profile: Option<&Profile>,
) -> Vec<Cow<'g, str>> {
    (0..g.width())
        .map(|c| match sub.map(|s| g.cell(s, c)) {
            Some(t) if !t.is_empty() && t != g.cell(header_row, c) => {
                match under_group(t, group(g, header_row, c), profile) {
                    Some(h) if h != t => Cow::Owned(h),
                    _ => Cow::Borrowed(t),
                }
            }
            Some(t) if !t.is_empty() => Cow::Borrowed(t),
            _ => Cow::Borrowed(g.cell(header_row, c)),
        })
        .collect()
}

/// Map every column of the header (`headers`, from [`header_texts`]); data starts below
/// `last_header_row`.
pub fn columns(g: &Grid, headers: &[&str], last_header_row: usize, profile: Option<&Profile>) -> Vec<Col> {
    // Which columns hold a value below the header, in one pass over the cells stored: a search
    // per column read the whole sheet once per column (a lone cell at XFD1048576 made that
    // 17 billion reads).
    // Only columns without a header are asked about, and the pass stops once all are answered.
    let mut filled: Vec<bool> = headers.iter().map(|h| !h.is_empty()).collect();
    let mut left = filled.iter().filter(|f| !**f).count();
    for r in last_header_row + 1..g.height() {
        if left == 0 {
            break;
        }
        for (c, v) in g.row(r).enumerate() {
            if let Some(f) = filled.get_mut(c)
                && !*f
                && !v.is_empty()
                // A note merged across the table (说明 under it) fills no column of its own.
                && !g.is_merge_filled(r, c)
            {
                *f = true;
                left -= 1;
            }
        }
    }
    headers
        .iter()
        .enumerate()
        .map(|(c, &h)| {
            if h.is_empty() {
                return if filled[c] {
                    Col::Extra {
                        scope: Scope::Item,
                        key: format!("列{}", crate::model::loc::column_letters(g.origin.1 + c as u32)),
                        json: false,
                    }
                } else {
                    Col::Empty
                };
            }
            if normalize(h) == SUPPRESSIONS_HEADER {
                return Col::Suppressions;
            }
            if SEQ_HEADERS.contains(&normalize(h).as_str()) {
                return Col::Seq;
            }
            if let Some((s, f)) = lookup(h, profile) {
                return Col::Field(s, f);
            }
            let (key, json) = match h.strip_suffix("#json") {
                Some(k) => (k, true),
                None => (h, false),
            };
            match key
                .split_once('.')
                .and_then(|(p, rest)| child_scope(p).map(|s| (s, rest)))
            {
                Some((scope, rest)) if scope != Scope::Item => Col::Extra {
                    scope,
                    key: rest.to_string(),
                    json,
                },
                _ => Col::Extra {
                    scope: Scope::Item,
                    key: key.to_string(),
                    json,
                },
            }
        })
        .collect()
}

/// How an office sheet (not one written by `catalog convert`) means its columns:
/// - 受理条件 (申请条件) without a 受理要点 column holds the points checked at acceptance, one
///   entry each, as the guide standards use the two words;
/// - a name column (权力事项名称) beside a 子项名称 column and no 主项 column names the 主项: the
///   子项 row is the item, named by its 子项 (see `rows::name_from_sub_item`);
/// - 办理时限 beside 办理环节 columns is a step's days, not the item's 承诺办结时限;
/// - 收费标准 without a 是否收费 column is the item's 收费 (the only word on its fee);
/// - 事项名称 beside 业务办理项名称 (an 实施清单) names the 事项, its 主项, when no column does:
///   the row is the 业务办理项;
/// - 适用情形 in a 行政处罚裁量基准 (beside 裁量阶次 or 裁量标准) is each grade's circumstances, not
///   the item's 办理情形;
/// - 牵头部门 in a 部门职责边界 table (职责事项 | 牵头部门 | 配合部门 | 职责分工: no other 监管责任
///   column, no 实施主体) names the department that leads, not whether one does.
pub fn office_columns(cols: &mut [Col], headers: &[&str]) {
    use fields::F;
    let has = |cols: &[Col], f: F| cols.iter().any(|c| matches!(c, Col::Field(_, d) if d.id == f));
    let has_points = cols.iter().any(|c| matches!(c, Col::Field(Scope::Point, _)));
    let sub_without_main = has(cols, F::SubItem) && !has(cols, F::MainItem);
    // A 办理流程 cell of a one-row item lists its steps; a 办理时限 beside it is the item's.
    let has_steps = cols.iter().enumerate().any(|(k, c)| {
        matches!(c, Col::Field(Scope::Step, _))
            && headers
                .get(k)
                .is_none_or(|h| fields::struct_key(Scope::Item, &normalize(h)) != Some("process"))
    });
    let has_fee = has(cols, F::Fee);
    let has_department = has(cols, F::Department);
    const HANDLING_NAMES: [&str; 3] = ["业务办理项名称", "办理项名称", "业务办理项"];
    let handling_name = |k: usize| {
        headers
            .get(k)
            .is_some_and(|h| HANDLING_NAMES.contains(&normalize(h).as_str()))
    };
    let names_handling_item =
        (0..cols.len()).any(|k| handling_name(k) && matches!(&cols[k], Col::Field(Scope::Item, d) if d.id == F::Name));
    let main_from_name = names_handling_item && !has(cols, F::MainItem);
    let lead_names_department = has(cols, F::Lead)
        && !has(cols, F::Department)
        && cols.iter().filter(|c| matches!(c, Col::Field(Scope::Duty, _))).count() == 1;
    // A lone column headed 区 or 市 (a district's name) is no level mark: marks come in a group.
    let marks = (0..cols.len())
        .filter(|&k| matches!(&cols[k], Col::Field(_, d) if d.id == F::Level) && level_mark(headers[k]).is_some())
        .count();
    let discretion = has(cols, F::DiscretionGrades) || has(cols, F::DiscretionStandards);
    // 职权编码 | 子项编码 without a 主项编码 column: the code beside the 子项's own is its 主项's
    // (written once, merged over the 子项 rows), as a 主项编码 column is.
    let code_at = |k: usize| matches!(&cols[k], Col::Field(Scope::Item, d) if d.id == F::Code);
    let sub_code =
        (0..cols.len()).find(|&k| code_at(k) && ["子项编码", "子项权力编码"].contains(&normalize(headers[k]).as_str()));
    let main_code = sub_code
        .filter(|_| !has(cols, F::MainCode))
        .and_then(|s| (0..cols.len()).find(|&k| k != s && code_at(k)));
    for (k, c) in cols.iter_mut().enumerate() {
        match c {
            Col::Field(Scope::Scenario, d)
                if d.id == F::ScenarioName && discretion && normalize(headers[k]) == "适用情形" =>
            {
                *c = Col::Field(Scope::Item, F::DiscretionCases.def());
            }
            Col::Field(Scope::Item, d)
                if d.id == F::Level && marks == 1 && normalize(headers[k]).chars().count() == 1 =>
            {
                *c = Col::Extra {
                    scope: Scope::Item,
                    key: headers[k].trim().to_string(),
                    json: false,
                };
            }
            Col::Field(Scope::Item, d) if d.id == F::Conditions && !has_points => {
                *c = Col::Field(Scope::Point, F::PointText.def());
            }
            Col::Field(Scope::Item, _) if Some(k) == main_code => {
                *c = Col::Field(Scope::Item, F::MainCode.def());
            }
            Col::Field(Scope::Item, d) if d.id == F::Name && sub_without_main => {
                *c = Col::Field(Scope::Item, F::MainItem.def());
            }
            Col::Field(Scope::Item, d) if d.id == F::Name && main_from_name && !handling_name(k) => {
                *c = Col::Field(Scope::Item, F::MainItem.def());
            }
            Col::Field(Scope::Duty, d) if d.id == F::Lead && lead_names_department => {
                *c = Col::Field(Scope::Item, F::Department.def());
            }
            Col::Field(Scope::Item, d) if d.id == F::FeeStandard && !has_fee => {
                *c = Col::Field(Scope::Item, F::Fee.def());
            }
            Col::Field(Scope::Item, d)
                if d.id == F::Promised && has_steps && headers.get(k).is_some_and(|h| normalize(h) == "办理时限") =>
            {
                *c = Col::Field(Scope::Step, F::StepDays.def());
            }
            // 承办单位 beside no 实施主体 names the department that carries the item (a guide's
            // 承办单位：某县市场监督管理局); beside one, the office within it.
            Col::Field(Scope::Item, d) if d.id == F::Unit && !has_department && normalize(headers[k]) == "承办单位" =>
            {
                *c = Col::Field(Scope::Item, F::Department.def());
            }
            _ => {}
        }
    }
}

/// A list without 实施编码 and 事项编码 columns whose 基本编码 column holds the office's own codes
/// (`XK00101000` after a province's standard, `330000-XK-0101`, 14 digits): the column is the
/// items' code, not the national directory's 12-digit 基本编码 — a province's power list numbers
/// its items its own way and calls that 基本编码 too. Read so when at least four in five of its
/// codes are no national code (letters or separators in them, or more than 12 digits); a column of
/// 12-digit codes with a few malformed among them stays 基本编码, and K008 reports those few.
pub fn own_basic_codes(g: &Grid, cols: &mut [Col], last_header_row: usize) {
    let at = |f: F| {
        cols.iter()
            .position(|c| matches!(c, Col::Field(Scope::Item, d) if d.id == f))
    };
    if at(F::Code).is_some() || at(F::ImplementationCode).is_some() {
        return;
    }
    let Some(k) = at(F::BasicCode) else { return };
    let (mut all, mut own) = (0usize, 0usize);
    for r in last_header_row + 1..g.height() {
        let t = g.cell(r, k).trim();
        if t.is_empty() || g.is_merge_filled(r, k) {
            continue;
        }
        all += 1;
        own += usize::from(!(t.len() <= 12 && t.bytes().all(|b| b.is_ascii_digit())));
    }
    if all > 0 && own * 5 >= all * 4 {
        cols[k] = Col::Field(Scope::Item, F::Code.def());
    }
}

#[cfg(test)]
mod tests {
    use super::normalize;

    /// Round 14: offices mark required columns with ※ as well as ＊, before or after the name and
    /// outside a （必填） note; the header is the field it names.
    #[test]
    fn required_marks_are_no_part_of_a_header() {
        for h in [
            "※设定依据",
            "＊设定依据",
            "设定依据*",
            "※设定依据（必填）",
            "设定依据（必填）＊",
            "★ 设定依据",
        ] {
            assert_eq!(normalize(h), "设定依据", "{h}");
        }
        assert_eq!(normalize("法定时限①"), "法定时限");
    }
}
