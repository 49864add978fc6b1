//! The merged cells of an ODS workbook. calamine reads an ODS's cells but not its merges
//! (`table:number-columns-spanned` / `table:number-rows-spanned` on the first cell of a range,
//! covered cells after it), so a 实施主体 merged over several items, or 法定时限 | 承诺时限 merged
//! into one cell because they are equal, read blank below or beside their first cell. This pass
//! streams `content.xml` (already checked by `load::limits`) and gives each table's ranges, to be
//! filled like an xlsx's ([`super::grid::Grid::fill_merges`]). calamine does not say which rows
//! are hidden either (`table:visibility="collapse"` or `"filter"` on a row): they are read here
//! too, to be noted as an xlsx's are (F020).

use crate::load::ods_cells::{self, attr};
use calamine::Dimensions;
use quick_xml::events::{BytesStart, Event};
use rustc_hash::FxHashMap as HashMap;
use std::io::{BufReader, Cursor, Read};

/// The most rows and columns a sheet can have (repeats are capped at these, as the reader does).
const MAX_ROWS: u32 = 1 << 20;
const MAX_COLUMNS: u32 = 1 << 14;

/// A hidden run of rows counts this many at most (an empty tail hidden to the sheet's end).
const MAX_HIDDEN_RUN: u32 = 10_000;

/// What an ODS's markup says that calamine does not, by table name.
#[derive(Default)]
pub struct Markup {
    /// Merged ranges (absolute, 0-based).
    pub merges: HashMap<String, Vec<Dimensions>>,
    /// 1-based numbers of hidden rows.
    pub hidden_rows: HashMap<String, Vec<u32>>,
}

/// Each table's merged ranges and hidden rows. A workbook whose markup cannot be read gives
/// none: its cells are read, and any damage reported, by calamine.
pub fn read(bytes: &[u8]) -> Markup {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Markup::default();
    };
    let Ok(content) = zip.by_name("content.xml") else {
        return Markup::default();
    };
    from_content(content).unwrap_or_default()
}

fn from_content(content: impl Read) -> Option<Markup> {
    let mut xml = quick_xml::Reader::from_reader(BufReader::with_capacity(1 << 16, content));
    xml.config_mut().check_end_names = false;
    let mut buf = Vec::with_capacity(1024);
    let mut out = Markup::default();
    let (mut table, mut row, mut col, mut row_repeats) = (String::new(), 0u32, 0u32, 1u32);
    let hidden = |e: &BytesStart| attr(e, "table:visibility").is_some_and(|v| v == "collapse" || v == "filter");
    let hide = |out: &mut Markup, table: &str, row: u32, n: u32| {
        let rows = out.hidden_rows.entry(table.to_string()).or_default();
        rows.extend((row..row.saturating_add(n.min(MAX_HIDDEN_RUN)).min(MAX_ROWS)).map(|r| r + 1));
    };
    loop {
        let event = xml.read_event_into(&mut buf).ok()?;
        match &event {
            Event::Start(e) | Event::Empty(e) if e.name().into_inner() == "table:table" => {
                table = attr(e, "table:name").unwrap_or_default();
                row = 0;
            }
            Event::Start(e) if e.name().into_inner() == "table:table-row" => {
                row_repeats = number(e, "table:number-rows-repeated").min(MAX_ROWS);
                col = 0;
                if hidden(e) {
                    hide(&mut out, &table, row, row_repeats);
                }
            }
            Event::Empty(e) if e.name().into_inner() == "table:table-row" => {
                let n = number(e, "table:number-rows-repeated");
                if hidden(e) {
                    hide(&mut out, &table, row, n);
                }
                row = row.saturating_add(n).min(MAX_ROWS);
            }
            Event::End(e) if e.name().into_inner() == "table:table-row" => {
                row = row.saturating_add(row_repeats).min(MAX_ROWS);
            }
            Event::Start(e) | Event::Empty(e)
                if matches!(e.name().into_inner(), "table:table-cell" | "table:covered-table-cell") =>
            {
                let (cols, rows) = (
                    number(e, "table:number-columns-spanned"),
                    number(e, "table:number-rows-spanned"),
                );
                if (cols > 1 || rows > 1) && e.name().into_inner() == "table:table-cell" {
                    out.merges.entry(table.clone()).or_default().push(Dimensions {
                        start: (row, col),
                        end: (
                            row.saturating_add(rows - 1).min(MAX_ROWS - 1),
                            col.saturating_add(cols - 1).min(MAX_COLUMNS - 1),
                        ),
                    });
                }
                col = col
                    .saturating_add(number(e, "table:number-columns-repeated"))
                    .min(MAX_COLUMNS);
            }
            Event::Eof => return Some(out),
            _ => {}
        }
        buf.clear();
    }
}

/// A repeat or span count, as a row or column number (1 when absent or not a number).
fn number(e: &BytesStart, name: &str) -> u32 {
    ods_cells::number(e, name).min(u64::from(u32::MAX)) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_become_ranges_at_their_cells() {
        let xml = r#"<office:document-content xmlns:office="o" xmlns:table="t" xmlns:text="x"><office:body><office:spreadsheet>
            <table:table table:name="清单">
              <table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="3"/></table:table-row>
              <table:table-row><table:table-cell table:number-columns-repeated="2" office:value-type="string"><text:p>x</text:p></table:table-cell><table:table-cell table:number-rows-spanned="3" office:value-type="string"><text:p>某局</text:p></table:table-cell><table:table-cell table:number-columns-spanned="2"><text:p>20个工作日</text:p></table:table-cell><table:covered-table-cell/><table:table-cell/></table:table-row>
            </table:table>
            <table:table table:name="空"/>
            </office:spreadsheet></office:body></office:document-content>"#;
        let m = from_content(xml.as_bytes()).unwrap().merges;
        let ranges: Vec<((u32, u32), (u32, u32))> = m["清单"].iter().map(|d| (d.start, d.end)).collect();
        assert_eq!(ranges, [((2, 2), (4, 2)), ((2, 3), (2, 4))]);
        assert!(!m.contains_key("空"));
        assert!(read(b"not a zip").merges.is_empty());
    }

    #[test]
    fn hidden_and_filtered_rows() {
        let xml = r#"<office:document-content xmlns:office="o" xmlns:table="t" xmlns:text="x"><office:body><office:spreadsheet>
            <table:table table:name="清单">
              <table:table-row><table:table-cell/></table:table-row>
              <table:table-row table:visibility="collapse" table:number-rows-repeated="2"><table:table-cell/></table:table-row>
              <table:table-row><table:table-cell/></table:table-row>
              <table:table-row table:visibility="filter"/>
              <table:table-row table:visibility="collapse" table:number-rows-repeated="1048570"/>
            </table:table>
            </office:spreadsheet></office:body></office:document-content>"#;
        let h = from_content(xml.as_bytes()).unwrap().hidden_rows;
        let rows = &h["清单"];
        assert_eq!(rows[..3], [2, 3, 5]);
        // An empty tail hidden to the sheet's end counts MAX_HIDDEN_RUN rows, not a million.
        assert_eq!(rows.len(), 3 + MAX_HIDDEN_RUN as usize);
    }
}
