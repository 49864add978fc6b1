//! 易错纠错清单: one row per error-prone acceptance point (`error_prone: true` with its 纠错要点)
//! and per material-level lint finding that recurs across items, written as a print-ready
//! workbook, Markdown or HTML.

use crate::diag::Diagnostic;
use crate::error::Error;
use crate::model::fields::F;
use crate::model::{Catalog, Item, Loc, Scenario};
use crate::rules::RuleMeta;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;
use unicode_width::UnicodeWidthStr;

pub const COLUMNS: [&str; 11] = [
    "序号",
    "事项名称",
    "事项编码",
    "事项层级",
    "办事情形",
    "材料名称",
    "易错点",
    "纠错要点",
    "材料范例",
    "依据",
    "实施主体",
];

/// One row, without its 序号 (numbered when written).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Row {
    pub item_name: String,
    pub code: String,
    pub levels: String,
    pub scenario: String,
    pub material: String,
    pub error: String,
    pub fix: String,
    pub sample: String,
    pub basis: String,
    pub department: String,
}

impl Row {
    pub fn cells(&self, n: usize) -> [String; 11] {
        [
            n.to_string(),
            self.item_name.clone(),
            self.code.clone(),
            self.levels.clone(),
            self.scenario.clone(),
            self.material.clone(),
            self.error.clone(),
            self.fix.clone(),
            self.sample.clone(),
            self.basis.clone(),
            self.department.clone(),
        ]
    }
}

fn item_row(item: &Item) -> Row {
    let t = |f| item.text(f).map(|s: &str| s.trim().to_string()).unwrap_or_default();
    Row {
        item_name: t(F::Name),
        code: t(F::Code),
        levels: item
            .levels()
            .iter()
            .map(|l| l.value.trim())
            .collect::<Vec<_>>()
            .join("、"),
        basis: item
            .fields
            .list(F::Basis)
            .iter()
            .map(|s| s.value.trim())
            .collect::<Vec<_>>()
            .join("\n"),
        department: t(F::Department),
        ..Row::default()
    }
}

/// Materials of the scenario a point talks about: those whose name appears in the point or
/// its fix (an acceptance point belongs to a scenario, not to one material).
fn materials_named<'a>(s: &'a Scenario, text: &str) -> Vec<&'a crate::model::Material> {
    s.materials
        .iter()
        .filter(|m| {
            m.name()
                .is_some_and(|n| !n.trim().is_empty() && text.contains(n.trim()))
        })
        .collect()
}

/// Rows for every acceptance point marked 易错点.
pub fn point_rows(cat: &Catalog) -> Vec<Row> {
    let mut rows = Vec::new();
    for item in &cat.items {
        for s in &item.scenarios {
            for p in &s.acceptance_points {
                if p.fields.bool(F::ErrorProne) != Some(true) {
                    continue;
                }
                let point = p.fields.text(F::PointText).unwrap_or("").trim().to_string();
                let fix = p.fields.text(F::Fix).unwrap_or("").trim().to_string();
                let ms = materials_named(s, &format!("{point}\n{fix}"));
                let mut row = item_row(item);
                row.scenario = s.name().unwrap_or("").trim().to_string();
                row.material = ms
                    .iter()
                    .filter_map(|m| m.name())
                    .map(str::trim)
                    .collect::<Vec<_>>()
                    .join("、");
                row.sample = ms
                    .iter()
                    .filter_map(|m| m.fields.text(F::Sample))
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join("\n");
                row.error = point;
                row.fix = fix;
                rows.push(row);
            }
        }
    }
    rows
}

/// The material a location falls in: the material itself or one of its fields.
fn material_at(item: &Item, loc: Loc) -> Option<(&Scenario, &crate::model::Material)> {
    item.materials()
        .find(|(_, m)| m.loc == loc || m.fields.iter().any(|(_, v)| v.loc == loc))
}

/// Rows for material-level findings whose rule fires on at least `min_items` different items:
/// a problem that recurs is one applicants will meet too.
pub fn finding_rows(
    cat: &Catalog,
    diags: &[Diagnostic],
    rules: &HashMap<String, &RuleMeta>,
    min_items: usize,
) -> Vec<Row> {
    let mut by_rule: BTreeMap<&str, Vec<(&Diagnostic, usize)>> = BTreeMap::new();
    for d in diags {
        let Some(i) = d.item else { continue };
        if material_at(&cat.items[i], d.loc).is_some() {
            by_rule.entry(d.code.as_ref()).or_default().push((d, i));
        }
    }
    let mut rows = Vec::new();
    for (code, hits) in by_rule {
        let items: HashSet<usize> = hits.iter().map(|(_, i)| *i).collect();
        if items.len() < min_items {
            continue;
        }
        for (d, i) in hits {
            let item = &cat.items[i];
            let Some((s, m)) = material_at(item, d.loc) else {
                continue;
            };
            let mut row = item_row(item);
            row.scenario = s.name().unwrap_or("").trim().to_string();
            row.material = m.name().unwrap_or("").trim().to_string();
            row.sample = m.fields.text(F::Sample).unwrap_or("").trim().to_string();
            row.error = format!("【{code}】{}", d.message.zh);
            row.fix = match (&d.help, rules.get(code)) {
                (Some(h), _) => h.zh.to_string(),
                (None, Some(meta)) => meta.summary.zh.to_string(),
                (None, None) => String::new(),
            };
            rows.push(row);
        }
    }
    rows
}

/// Text that a spreadsheet would run as a formula gets a leading apostrophe.
pub fn neutralize(s: &str) -> String {
    crate::safe::neutralize_formula(s).into_owned()
}

pub struct Doc<'a> {
    pub title: String,
    pub subtitle: String,
    pub rows: &'a [Row],
}

/// Column widths in Excel character units, from the display width of CJK text (Excel's own
/// autofit counts a Han character as half its real width). The caps add up to 150 characters,
/// what an A4 landscape page holds at a readable scale (long texts wrap in their cells); 255
/// printed at half size.
fn widths(rows: &[Row]) -> [f64; 11] {
    const CAP: [f64; 11] = [5.0, 16.0, 13.0, 6.0, 12.0, 14.0, 24.0, 24.0, 12.0, 13.0, 11.0];
    let mut w = [0f64; 11];
    for (i, c) in COLUMNS.iter().enumerate() {
        w[i] = c.width() as f64 + 2.0;
    }
    for (n, r) in rows.iter().enumerate() {
        for (i, c) in r.cells(n + 1).iter().enumerate() {
            let longest = c.lines().map(|l| l.width()).max().unwrap_or(0) as f64;
            w[i] = w[i].max(longest * 1.1 + 2.0);
        }
    }
    for i in 0..11 {
        w[i] = w[i].min(CAP[i]);
    }
    w
}

pub fn write_xlsx(doc: &Doc, path: &Path) -> Result<(), Error> {
    let xl = |e: rust_xlsxwriter::XlsxError| {
        Error::plain(
            Some(path),
            format!("无法写出 Excel 文件：{e}"),
            format!("cannot write the workbook: {e}"),
        )
    };
    let font = "等线";
    let title = Format::new()
        .set_bold()
        .set_font_size(16)
        .set_font_name(font)
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter);
    let sub = Format::new().set_font_name(font).set_font_color("#57606A");
    let head = Format::new()
        .set_bold()
        .set_font_name(font)
        .set_background_color("#DDEBF7")
        .set_border(FormatBorder::Thin)
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter);
    let cell = Format::new()
        .set_font_name(font)
        .set_border(FormatBorder::Thin)
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    let fix = cell.clone().set_font_color("#9A3B00");

    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("易错纠错清单").map_err(xl)?;
    ws.merge_range(0, 0, 0, 10, &neutralize(&doc.title), &title)
        .map_err(xl)?;
    ws.set_row_height(0, 30).map_err(xl)?;
    ws.merge_range(1, 0, 1, 10, &neutralize(&doc.subtitle), &sub)
        .map_err(xl)?;
    for (c, name) in COLUMNS.iter().enumerate() {
        ws.write_string_with_format(2, c as u16, *name, &head).map_err(xl)?;
    }
    for (n, r) in doc.rows.iter().enumerate() {
        let row = 3 + n as u32;
        for (c, v) in r.cells(n + 1).iter().enumerate() {
            let f = if c == 7 { &fix } else { &cell };
            if c == 0 {
                ws.write_number_with_format(row, 0, (n + 1) as f64, f).map_err(xl)?;
            } else {
                ws.write_string_with_format(row, c as u16, neutralize(v), f)
                    .map_err(xl)?;
            }
        }
    }
    for (c, w) in widths(doc.rows).iter().enumerate() {
        ws.set_column_width(c as u16, *w).map_err(xl)?;
    }
    ws.set_freeze_panes(3, 0).map_err(xl)?;
    if !doc.rows.is_empty() {
        ws.autofilter(2, 0, 2 + doc.rows.len() as u32, 10).map_err(xl)?;
    }
    // Print-ready: A4 landscape, header row on every page, all columns on one page width.
    ws.set_paper_size(9);
    ws.set_landscape();
    ws.set_repeat_rows(2, 2).map_err(xl)?;
    ws.set_print_fit_to_pages(1, 0);
    ws.set_footer("&C第 &P 页，共 &N 页");
    crate::safe::write_atomic(path, &wb.save_to_buffer().map_err(xl)?)
}

fn md_cell(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace('\r', "")
        .replace('\n', "<br>")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace("&lt;br&gt;", "<br>")
}

pub fn markdown(doc: &Doc) -> String {
    let mut s = format!("# {}\n\n{}\n\n", md_cell(&doc.title), md_cell(&doc.subtitle));
    s.push_str(&format!("| {} |\n", COLUMNS.join(" | ")));
    s.push_str(&format!("|{}\n", "---|".repeat(COLUMNS.len())));
    for (n, r) in doc.rows.iter().enumerate() {
        let cells: Vec<String> = r.cells(n + 1).iter().map(|c| md_cell(c)).collect();
        s.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    s
}

pub fn html(doc: &Doc, templates: Option<&Path>) -> Result<String, Error> {
    let tpl = crate::publish::templates::Templates::load(templates)?;
    let rows: Vec<Vec<String>> = doc
        .rows
        .iter()
        .enumerate()
        .map(|(n, r)| r.cells(n + 1).to_vec())
        .collect();
    tpl.render(
        "checklist.html",
        &serde_json::json!({
            "title": doc.title,
            "subtitle": doc.subtitle,
            "columns": COLUMNS,
            "rows": rows,
        }),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralized() {
        assert_eq!(neutralize("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(neutralize("-1+2"), "'-1+2");
        assert_eq!(neutralize("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralize("营业执照"), "营业执照");
    }

    #[test]
    fn markdown_cells_stay_in_their_column() {
        assert_eq!(md_cell("a|b\nc<script>"), "a\\|b<br>c&lt;script&gt;");
    }
}

#[cfg(test)]
mod width_tests {
    #[test]
    fn columns_fit_an_a4_landscape_page() {
        let long = "很长的文字".repeat(40);
        let row = super::Row {
            item_name: long.clone(),
            code: "11330302MB1C09219C4000117977101".into(),
            levels: long.clone(),
            scenario: long.clone(),
            material: long.clone(),
            error: long.clone(),
            fix: long.clone(),
            sample: long.clone(),
            basis: long.clone(),
            department: long.clone(),
        };
        let total: f64 = super::widths(&[row]).iter().sum();
        assert!(total <= 152.0, "{total}");
    }
}
