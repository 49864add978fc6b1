//! The merged cells of an ODS workbook. calamine reads an ODS's cells but not its merges
//! (`table:number-columns-spanned` / `table:number-rows-spanned` on the first cell of a range,
//! covered cells after it), so a 实施主体 merged over several items, or 法定时限 | 承诺时限 merged
//! into one cell because they are equal, read blank below or beside their first cell. This pass
//! streams `content.xml` (already checked by `load::limits`) and gives each table's ranges, to be
//! filled like an xlsx's ([`super::grid::Grid::fill_merges`]).

use crate::load::ods_cells::{self, attr};
use calamine::Dimensions;
use quick_xml::events::{BytesStart, Event};
use rustc_hash::FxHashMap as HashMap;
use std::io::{BufReader, Cursor, Read};

/// The most rows and columns a sheet can have (repeats are capped at these, as the reader does).
const MAX_ROWS: u32 = 1 << 20;
const MAX_COLUMNS: u32 = 1 << 14;

/// Each table's merged ranges (absolute, 0-based), by table name. A workbook whose markup
/// cannot be read gives none: its cells are read, and any damage reported, by calamine.
pub fn read(bytes: &[u8]) -> HashMap<String, Vec<Dimensions>> {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return HashMap::default();
    };
    let Ok(content) = zip.by_name("content.xml") else {
        return HashMap::default();
    };
    from_content(content).unwrap_or_default()
}

fn from_content(content: impl Read) -> Option<HashMap<String, Vec<Dimensions>>> {
    let mut xml = quick_xml::Reader::from_reader(BufReader::with_capacity(1 << 16, content));
    xml.config_mut().check_end_names = false;
    let mut buf = Vec::with_capacity(1024);
    let mut out: HashMap<String, Vec<Dimensions>> = HashMap::default();
    let (mut table, mut row, mut col, mut row_repeats) = (String::new(), 0u32, 0u32, 1u32);
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
            }
            Event::Empty(e) if e.name().into_inner() == "table:table-row" => {
                row = row
                    .saturating_add(number(e, "table:number-rows-repeated"))
                    .min(MAX_ROWS);
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
                    out.entry(table.clone()).or_default().push(Dimensions {
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
        let m = from_content(xml.as_bytes()).unwrap();
        let ranges: Vec<((u32, u32), (u32, u32))> = m["清单"].iter().map(|d| (d.start, d.end)).collect();
        assert_eq!(ranges, [((2, 2), (4, 2)), ((2, 3), (2, 4))]);
        assert!(!m.contains_key("空"));
        assert!(read(b"not a zip").is_empty());
    }
}
