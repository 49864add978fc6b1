//! The Excel workbook: a summary sheet (summary and metrics), then one sheet per kind of change.
//! An old → new cell becomes two columns, old (red fill) and new (green fill). Frozen header,
//! autofilter, CJK-aware column widths, and text that Excel would run as a formula is defused.

use super::diff_view::{Cell, Document, Table};
use crate::error::Error;
use crate::i18n::t;
use rust_xlsxwriter::{Color, Format, FormatAlign, Workbook, Worksheet, XlsxError};
use std::path::Path;
use unicode_width::UnicodeWidthStr;

/// Excel's limit for one cell.
const MAX_CELL: usize = 32_000;

/// `=1+1`, `+…`, `-…`, `@…` would be read as formulas (CSV/formula injection): prefix a quote.
pub fn defuse(s: &str) -> String {
    let s = if s.chars().count() > MAX_CELL {
        let mut cut: String = s.chars().take(MAX_CELL).collect();
        cut.push_str(t(
            "……（超出 Excel 单元格上限，已截断）",
            "… (truncated: Excel cell limit)",
        ));
        cut
    } else {
        s.to_string()
    };
    if crate::safe::neutralize_formula(&s) != s.as_str() {
        format!("'{s}")
    } else {
        s
    }
}

struct Formats {
    head: Format,
    text: Format,
    old: Format,
    new: Format,
}

/// Width in Excel character units for CJK text: a Han character is two columns wide.
fn width_of(s: &str) -> f64 {
    s.lines().map(UnicodeWidthStr::width).max().unwrap_or(0) as f64 * 1.1 + 2.0
}

fn sheet_name(s: &str) -> String {
    s.chars().filter(|c| !"[]:*?/\\".contains(*c)).take(31).collect()
}

fn write_table(ws: &mut Worksheet, tb: &Table, f: &Formats, first_row: u32) -> Result<u32, XlsxError> {
    // Columns that hold a change somewhere are split into old | new.
    let split: Vec<bool> = (0..tb.columns.len())
        .map(|i| {
            tb.rows
                .iter()
                .any(|r| matches!(r.cells.get(i), Some(Cell::Change { .. })))
        })
        .collect();
    let mut widths: Vec<f64> = Vec::new();
    let mut col = 0u16;
    for (i, name) in tb.columns.iter().enumerate() {
        if split[i] {
            for h in [
                format!("{name}（{}）", t("旧", "old")),
                format!("{name}（{}）", t("新", "new")),
            ] {
                ws.write_string_with_format(first_row, col, defuse(&h), &f.head)?;
                widths.push(width_of(&h));
                col += 1;
            }
        } else {
            ws.write_string_with_format(first_row, col, defuse(name), &f.head)?;
            widths.push(width_of(name));
            col += 1;
        }
    }
    let mut row = first_row + 1;
    for r in &tb.rows {
        let mut c = 0u16;
        for (i, cell) in r.cells.iter().enumerate() {
            let mut put = |ws: &mut Worksheet, text: &str, fmt: &Format| -> Result<(), XlsxError> {
                ws.write_string_with_format(row, c, defuse(text), fmt)?;
                let w = width_of(text);
                if let Some(slot) = widths.get_mut(c as usize) {
                    *slot = slot.max(w);
                }
                c += 1;
                Ok(())
            };
            match cell {
                Cell::Text(s) => {
                    put(ws, s, &f.text)?;
                    if split.get(i) == Some(&true) {
                        put(ws, "", &f.text)?;
                    }
                }
                Cell::Change { old, new } => {
                    put(ws, old.as_deref().unwrap_or(""), &f.old)?;
                    put(ws, new.as_deref().unwrap_or(""), &f.new)?;
                }
            }
        }
        row += 1;
    }
    for (i, w) in widths.iter().enumerate() {
        ws.set_column_width(i as u16, w.clamp(8.0, 60.0))?;
    }
    if col > 0 {
        ws.autofilter(first_row, 0, row.saturating_sub(1).max(first_row), col - 1)?;
    }
    Ok(row)
}

fn build(doc: &Document) -> Result<Workbook, XlsxError> {
    let f = Formats {
        head: Format::new()
            .set_bold()
            .set_background_color(Color::RGB(0xDDE6F0))
            .set_text_wrap()
            .set_align(FormatAlign::Top),
        text: Format::new().set_text_wrap().set_align(FormatAlign::Top),
        old: Format::new()
            .set_text_wrap()
            .set_align(FormatAlign::Top)
            .set_background_color(Color::RGB(0xFDE2E2)),
        new: Format::new()
            .set_text_wrap()
            .set_align(FormatAlign::Top)
            .set_background_color(Color::RGB(0xE3F5E8)),
    };
    let mut wb = Workbook::new();
    {
        let ws = wb.add_worksheet();
        ws.set_name(sheet_name(t("摘要", "Summary")))?;
        ws.write_string_with_format(0, 0, defuse(&doc.title), &f.head)?;
        ws.write_string_with_format(0, 1, defuse(&doc.subtitle), &f.head)?;
        let mut w0 = width_of(&doc.title);
        let mut w1 = width_of(&doc.subtitle);
        for (row, (k, v)) in (1..).zip(&doc.summary) {
            ws.write_string_with_format(row, 0, defuse(k), &f.text)?;
            ws.write_string_with_format(row, 1, defuse(v), &f.text)?;
            w0 = w0.max(width_of(k));
            w1 = w1.max(width_of(v));
        }
        ws.set_column_width(0, w0.clamp(8.0, 60.0))?;
        ws.set_column_width(1, w1.clamp(8.0, 60.0))?;
        ws.set_freeze_panes(1, 0)?;
    }
    for m in &doc.metrics {
        let ws = wb.add_worksheet();
        ws.set_name(sheet_name(&m.title))?;
        write_table(ws, m, &f, 0)?;
        ws.set_freeze_panes(1, 1)?;
    }
    for s in &doc.sections {
        let ws = wb.add_worksheet();
        ws.set_name(sheet_name(&format!("{}（{}）", s.title, s.rows.len())))?;
        write_table(ws, s, &f, 0)?;
        ws.set_freeze_panes(1, 0)?;
    }
    Ok(wb)
}

pub fn write(doc: &Document, out: &Path) -> Result<(), Error> {
    let fail = |e: XlsxError| {
        Error::plain(
            Some(out),
            format!("无法写入 Excel 报告：{e}"),
            format!("cannot write the Excel report: {e}"),
        )
    };
    let mut wb = build(doc).map_err(fail)?;
    // Built in memory and written atomically: never a half-written workbook.
    crate::safe::write_atomic(out, &wb.save_to_buffer().map_err(fail)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn formulas_are_defused() {
        assert_eq!(defuse("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(defuse("-1"), "'-1");
        assert_eq!(defuse("@SUM"), "'@SUM");
        assert_eq!(defuse("食品经营许可"), "食品经营许可");
    }
}
