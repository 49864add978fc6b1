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

/// A figure as Excel should hold it, so it sorts and sums: `1.33`, `+8`, `−0.17`, `63.6%`.
/// `None` for anything else (codes with leading zeros, dates, "+7.7 个百分点 ✓" stay text).
fn figure(s: &str) -> Option<(f64, &'static str)> {
    let t = s.trim().replace('−', "-");
    let (body, pct) = match t.strip_suffix('%') {
        Some(b) => (b, true),
        None => (t.as_str(), false),
    };
    let signed = body.starts_with('+') || body.starts_with('-');
    let digits = body.trim_start_matches(['+', '-']);
    // A leading zero (00536) is a code, not a number.
    let plain = !digits.is_empty()
        && digits.chars().all(|c| c.is_ascii_digit() || c == '.')
        && digits.chars().filter(|c| *c == '.').count() <= 1
        && !(digits.len() > 1 && digits.starts_with('0') && !digits.starts_with("0."))
        && digits.len() <= 15;
    if !plain {
        return None;
    }
    let v: f64 = body.trim_start_matches('+').parse().ok()?;
    let decimals = digits.split('.').nth(1).map_or(0, str::len);
    let fmt = match (pct, signed, decimals) {
        (true, _, 0) => "0%",
        (true, _, 1) => "0.0%",
        (true, _, _) => "0.00%",
        (false, true, 0) => "+0;-0;0",
        (false, true, 1) => "+0.0;-0.0;0.0",
        (false, true, _) => "+0.00;-0.00;0.00",
        (false, false, 0) => "0",
        (false, false, 1) => "0.0",
        (false, false, _) => "0.00",
    };
    Some((if pct { v / 100.0 } else { v }, fmt))
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
                match figure(text) {
                    Some((v, nf)) => {
                        ws.write_number_with_format(row, c, v, &fmt.clone().set_num_format(nf))?;
                    }
                    None => {
                        ws.write_string_with_format(row, c, defuse(text), fmt)?;
                    }
                }
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
                    // Unchanged in a column that changed elsewhere: the new value is the old.
                    if split.get(i) == Some(&true) {
                        put(ws, s, &f.text)?;
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
    print_setup(ws, first_row)?;
    Ok(row)
}

/// A4 landscape, every column on the page width, the header row on each page, page numbers.
fn print_setup(ws: &mut Worksheet, header_row: u32) -> Result<(), XlsxError> {
    ws.set_paper_size(9);
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(header_row, header_row)?;
    ws.set_footer(t("&C第 &P 页，共 &N 页", "&CPage &P of &N"));
    Ok(())
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
        print_setup(ws, 0)?;
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

    #[test]
    fn figures_become_numbers_and_codes_stay_text() {
        assert_eq!(figure("8"), Some((8.0, "0")));
        assert_eq!(figure("+8"), Some((8.0, "+0;-0;0")));
        assert_eq!(figure("−0.17"), Some((-0.17, "+0.00;-0.00;0.00")));
        assert_eq!(
            figure("63.6%").map(|(v, f)| ((v * 1000.0).round(), f)),
            Some((636.0, "0.0%"))
        );
        assert_eq!(figure("1.33"), Some((1.33, "0.00")));
        for text in ["00536", "许可-00536", "+7.7 个百分点 ✓", "2024-06", "=1+1", "", "1.2.3"] {
            assert_eq!(figure(text), None, "{text}");
        }
    }
}
