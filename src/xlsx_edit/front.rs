//! The sheets put in front of the workbook's own (检查结果, 规则说明), written as plain
//! SpreadsheetML: inline strings, a bold wrapped header, widths, filters, a frozen header,
//! links to cells, A4 landscape printing.

use super::styles::{Front, Styles};
use super::{NewCell, NewSheet, xml};
use crate::model::loc::a1;
use crate::safe::neutralize_formula;
use unicode_width::UnicodeWidthStr;

/// `'name'!F12` (quotes doubled inside), as a link or defined name points at a cell.
pub fn sheet_ref(sheet: &str, cell: &str) -> String {
    format!("'{}'!{cell}", sheet.replace('\'', "''"))
}

/// The last cell of a new sheet (its header and rows), 0-based.
pub fn extent(sheet: &NewSheet) -> (u32, u32) {
    let cols = sheet
        .rows
        .iter()
        .map(Vec::len)
        .chain([sheet.columns.len()])
        .max()
        .unwrap_or(0);
    (sheet.rows.len() as u32, (cols.max(1) - 1) as u32)
}

/// The worksheet XML of `sheet`; `selected` for the one shown on opening.
pub fn sheet_xml(sheet: &NewSheet, selected: bool, styles: &mut Styles) -> Vec<u8> {
    let (last_row, last_col) = extent(sheet);
    let mut x = String::with_capacity(256 + sheet.rows.len() * 400);
    x.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">");
    if sheet.landscape_a4 {
        x.push_str("<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr>");
    }
    x.push_str(&format!("<dimension ref=\"A1:{}\"/>", a1(last_row, last_col)));
    x.push_str(&format!(
        "<sheetViews><sheetView{} workbookViewId=\"0\">",
        if selected { " tabSelected=\"1\"" } else { "" }
    ));
    if sheet.freeze_header {
        x.push_str("<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/><selection pane=\"bottomLeft\" activeCell=\"A2\" sqref=\"A2\"/>");
    }
    x.push_str("</sheetView></sheetViews><sheetFormatPr defaultRowHeight=\"15\"/>");
    if !sheet.columns.is_empty() {
        x.push_str("<cols>");
        for (i, (_, width)) in sheet.columns.iter().enumerate() {
            let w = if width.is_finite() {
                width.clamp(1.0, 255.0)
            } else {
                10.0
            };
            x.push_str(&format!(
                "<col min=\"{n}\" max=\"{n}\" width=\"{w}\" customWidth=\"1\"/>",
                n = i + 1
            ));
        }
        x.push_str("</cols>");
    }
    x.push_str("<sheetData>");
    let header = styles.front(Front::Header);
    if !sheet.columns.is_empty() {
        x.push_str("<row r=\"1\">");
        for (c, (text, _)) in sheet.columns.iter().enumerate() {
            text_cell(&mut x, 0, c as u32, header, text);
        }
        x.push_str("</row>");
    }
    let mut links = Vec::new();
    for (r, row) in sheet.rows.iter().enumerate() {
        let r = r as u32 + 1;
        // Not every program sizes a wrapped row on opening (LibreOffice does not): the height
        // is written, from the lines each cell wraps to in its column.
        let lines = row
            .iter()
            .enumerate()
            .map(|(c, cell)| wrapped_lines(cell, sheet.columns.get(c).map(|w| w.1)))
            .max()
            .unwrap_or(1);
        if lines > 1 {
            x.push_str(&format!(
                "<row r=\"{}\" ht=\"{}\" customHeight=\"1\">",
                r + 1,
                lines.min(27) * 15
            ));
        } else {
            x.push_str(&format!("<row r=\"{}\">", r + 1));
        }
        for (c, cell) in row.iter().enumerate() {
            let c = c as u32;
            match cell {
                NewCell::Empty => {}
                NewCell::Text(t) => text_cell(&mut x, r, c, styles.front(Front::Body), t),
                NewCell::Number(n) if n.is_finite() => {
                    x.push_str(&format!(
                        "<c r=\"{}\" s=\"{}\"><v>{n}</v></c>",
                        a1(r, c),
                        styles.front(Front::Body)
                    ));
                }
                NewCell::Number(n) => text_cell(&mut x, r, c, styles.front(Front::Body), &n.to_string()),
                NewCell::Marked(t, m) => text_cell(&mut x, r, c, styles.front(Front::Marked(*m)), t),
                NewCell::Link { text, sheet, row, col } => {
                    text_cell(&mut x, r, c, styles.front(Front::Link), text);
                    links.push((a1(r, c), sheet_ref(sheet, &a1(*row, *col)), text));
                }
            }
        }
        x.push_str("</row>");
    }
    x.push_str("</sheetData>");
    if sheet.autofilter && !sheet.columns.is_empty() {
        x.push_str(&format!("<autoFilter ref=\"A1:{}\"/>", a1(last_row, last_col)));
    }
    if !links.is_empty() {
        x.push_str("<hyperlinks>");
        for (at, to, text) in links {
            x.push_str(&format!(
                "<hyperlink ref=\"{at}\" location=\"{}\" display=\"{}\"/>",
                xml::attr_escaped(&to),
                xml::attr_escaped(text)
            ));
        }
        x.push_str("</hyperlinks>");
    }
    x.push_str("<pageMargins left=\"0.5\" right=\"0.5\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/>");
    if sheet.landscape_a4 {
        x.push_str("<pageSetup paperSize=\"9\" orientation=\"landscape\" fitToWidth=\"1\" fitToHeight=\"0\"/>");
    }
    x.push_str("</worksheet>");
    x.into_bytes()
}

/// The lines a cell's text takes in a column `width` characters wide (a CJK character is two).
fn wrapped_lines(cell: &NewCell, width: Option<f64>) -> usize {
    let text = match cell {
        NewCell::Text(t) | NewCell::Marked(t, _) | NewCell::Link { text: t, .. } => t,
        NewCell::Empty | NewCell::Number(_) => return 1,
    };
    let per_line = width.filter(|w| w.is_finite()).unwrap_or(8.43).max(1.0) as usize;
    text.lines()
        .map(|l| l.width().div_ceil(per_line).max(1))
        .sum::<usize>()
        .max(1)
}

fn text_cell(x: &mut String, r: u32, c: u32, s: u32, text: &str) {
    x.push_str(&format!(
        "<c r=\"{}\" s=\"{s}\" t=\"inlineStr\"><is><t xml:space=\"preserve\">",
        a1(r, c)
    ));
    xml::text(&neutralize_formula(text), x);
    x.push_str("</t></is></c>");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xlsx_edit::Mark;

    #[test]
    fn writes_header_rows_links_and_print_setup() {
        let sheet = NewSheet {
            name: "检查结果".into(),
            columns: vec![("严重程度".into(), 8.0), ("位置".into(), 20.0)],
            rows: vec![
                vec![
                    NewCell::Marked("错误".into(), Mark::Error),
                    NewCell::Link {
                        text: "=许可 › F12".into(),
                        sheet: "O'Brien".into(),
                        row: 11,
                        col: 5,
                    },
                ],
                vec![NewCell::Text("一行\n二十个全角字符".into())],
            ],
            autofilter: true,
            freeze_header: true,
            landscape_a4: true,
        };
        let mut st = Styles::parse(None).unwrap();
        let x = String::from_utf8(sheet_xml(&sheet, true, &mut st)).unwrap();
        assert!(
            x.contains("<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr><dimension ref=\"A1:B3\"/>"),
            "{x}"
        );
        // 14 half-width columns in a column 8 wide: two lines, after the first.
        assert!(x.contains("<row r=\"2\">"), "{x}");
        assert!(x.contains("<row r=\"3\" ht=\"45\" customHeight=\"1\">"), "{x}");
        assert!(x.contains("tabSelected=\"1\""));
        assert!(x.contains("state=\"frozen\""));
        assert!(x.contains("<col min=\"2\" max=\"2\" width=\"20\" customWidth=\"1\"/>"));
        assert!(x.contains("<t xml:space=\"preserve\">'=许可 › F12</t>"), "{x}");
        assert!(
            x.contains("<hyperlink ref=\"B2\" location=\"'O''Brien'!F12\" display=\"=许可 › F12\"/>"),
            "{x}"
        );
        assert!(x.contains("<autoFilter ref=\"A1:B3\"/>"));
        assert!(x.contains("paperSize=\"9\" orientation=\"landscape\""));
    }
}
