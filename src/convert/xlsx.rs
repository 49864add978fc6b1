//! Catalog → xlsx a clerk can work in: a frozen header row, autofilter, wrapped text, column
//! widths computed from the display width of Chinese text (autofit counts a Han character as
//! one Latin glyph and makes CJK columns half as wide as they need), one sheet per item type
//! (or as `--sheets` says), plus 清单信息 / 一件事 / 法规库 sheets.

use super::SheetsBy;
use super::table::{self, Cell, Table};
use crate::error::Error;
use crate::model::fields::Scope;
use crate::model::*;
use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Workbook, Worksheet};
use std::path::Path;
use unicode_width::UnicodeWidthStr;

const MAX_WIDTH: f64 = 50.0;
const MIN_WIDTH: f64 = 6.0;

pub fn write(cat: &Catalog, path: &Path, by: SheetsBy) -> Result<(), Error> {
    let xerr = |e: rust_xlsxwriter::XlsxError| {
        Error::plain(
            Some(path),
            format!("无法写入 xlsx：{e}"),
            format!("cannot write the xlsx: {e}"),
        )
    };
    let mut wb = Workbook::new();
    // Grey, not blue: a marked copy (`lint -f xlsx`) fills info findings light blue.
    let head = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_background_color(Color::RGB(0xE7E6E6))
        .set_border(FormatBorder::Thin);
    let body = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let groups = sheet_groups(cat, by);
    let mut used_names: Vec<String> = [
        crate::load::sheet::HEADER_SHEET,
        crate::load::sheet::BUNDLE_SHEET,
        crate::load::sheet::LAW_SHEET,
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for (key, idx) in &groups {
        let name = sheet_name(key, &mut used_names);
        let ws = wb.add_worksheet();
        ws.set_name(&name).map_err(xerr)?;
        let t = Table::for_items(idx.iter().map(|&i| &cat.items[i]));
        let mut rows: Vec<Vec<Cell>> = Vec::new();
        for &i in idx {
            rows.extend(t.rows(&cat.items[i], i + 1));
        }
        let headers: Vec<String> = t.columns.iter().map(|c| c.header.clone()).collect();
        write_grid(ws, &headers, &rows, &head, &body).map_err(xerr)?;
    }
    // 清单信息: always, it carries the layout marker.
    {
        let ws = wb.add_worksheet();
        ws.set_name(crate::load::sheet::HEADER_SHEET).map_err(xerr)?;
        let rows: Vec<Vec<Cell>> = table::header_rows(cat)
            .into_iter()
            .map(|(k, v)| vec![Cell::Text(k), Cell::Text(v)])
            .collect();
        write_grid(ws, &["字段".into(), "值".into()], &rows, &head, &body).map_err(xerr)?;
    }
    if !cat.bundles.is_empty() {
        let ws = wb.add_worksheet();
        ws.set_name(crate::load::sheet::BUNDLE_SHEET).map_err(xerr)?;
        let nodes: Vec<_> = cat.bundles.iter().map(|b| (&b.fields, b.extra.as_slice())).collect();
        let (h, rows) = table::simple_table(Scope::Bundle, &nodes);
        write_grid(ws, &h, &rows, &head, &body).map_err(xerr)?;
    }
    if !cat.laws.is_empty() {
        let ws = wb.add_worksheet();
        ws.set_name(crate::load::sheet::LAW_SHEET).map_err(xerr)?;
        let nodes: Vec<_> = cat.laws.iter().map(|b| (&b.fields, b.extra.as_slice())).collect();
        let (h, rows) = table::simple_table(Scope::Law, &nodes);
        write_grid(ws, &h, &rows, &head, &body).map_err(xerr)?;
    }
    crate::safe::write_atomic(path, &wb.save_to_buffer().map_err(xerr)?)
}

/// Groups of item indexes, one sheet each, in first-seen order: the order the items are
/// written in (the markup of a converted copy follows it to find each item's rows).
pub fn sheet_groups(cat: &Catalog, by: SheetsBy) -> Vec<(String, Vec<usize>)> {
    let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
    for (i, it) in cat.items.iter().enumerate() {
        let key = match by {
            SheetsBy::One => "事项".to_string(),
            SheetsBy::Type => it.text(F::Phylum).unwrap_or("未分类").to_string(),
            SheetsBy::Department => it.text(F::Department).unwrap_or("未填实施主体").to_string(),
        };
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, v)) => v.push(i),
            None => groups.push((key, vec![i])),
        }
    }
    if groups.is_empty() {
        groups.push(("事项".into(), Vec::new()));
    }
    groups
}

fn write_grid(
    ws: &mut Worksheet,
    headers: &[String],
    rows: &[Vec<Cell>],
    head: &Format,
    body: &Format,
) -> Result<(), rust_xlsxwriter::XlsxError> {
    let mut widths: Vec<f64> = headers.iter().map(|h| display_width(h)).collect();
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, h, head)?;
    }
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, cell) in row.iter().enumerate() {
            match cell {
                Cell::Empty => {}
                Cell::Text(s) => {
                    ws.write_string_with_format(r, c as u16, s, body)?;
                    widths[c] = widths[c].max(display_width(s));
                }
                Cell::Num(n) => {
                    ws.write_number(r, c as u16, *n)?;
                    widths[c] = widths[c].max(display_width(&value::format_num(*n)));
                }
            }
        }
    }
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, (w * 1.1 + 2.0).clamp(MIN_WIDTH, MAX_WIDTH))?;
    }
    ws.set_freeze_panes(1, 0)?;
    if !headers.is_empty() {
        ws.autofilter(0, 0, rows.len() as u32, headers.len() as u16 - 1)?;
    }
    Ok(())
}

/// Display width in Excel character units: the widest line, a Han character counting two.
pub fn display_width(s: &str) -> f64 {
    s.lines().map(UnicodeWidthStr::width).max().unwrap_or(0) as f64
}

/// A legal, unique sheet name: at most 31 characters, none of `[]:*?/\`.
fn sheet_name(key: &str, used: &mut Vec<String>) -> String {
    let clean: String = key
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '_' } else { c })
        .collect::<String>()
        .trim_matches('\'')
        .chars()
        .take(28)
        .collect();
    let clean = if clean.is_empty() { "事项".to_string() } else { clean };
    let mut name = clean.clone();
    let mut n = 2;
    while used.iter().any(|u| u.to_lowercase() == name.to_lowercase()) {
        name = format!("{clean}-{n}");
        n += 1;
    }
    used.push(name.clone());
    name
}
