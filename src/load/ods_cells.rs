//! The cells an ODS spreadsheet expands to, counted before anything is allocated.
//!
//! ODS compresses repetition in the markup itself: `table:number-rows-repeated="100000"` on a
//! row and `table:number-columns-repeated="100"` on a cell make one element stand for ten
//! million cells, which the spreadsheet reader (calamine) then holds one by one, for every table
//! of the workbook at once. A 1 KB file could so ask for gigabytes. This pass streams the
//! sheet markup (`content.xml`) without keeping it and counts the cells the reader would hold,
//! as it does: a table's rows from its first to its last row with a value, each as wide as the
//! widest of them up to its last cell with a value. Runs of empty cells and empty rows, which
//! LibreOffice writes to the edge of every sheet, cost nothing.

use crate::error::Error;
use quick_xml::events::{BytesStart, Event};
use std::io::{BufReader, Read};
use std::path::Path;

/// Cells the reader may hold for one ODS workbook (all tables together) unless
/// `CATALOG_MAX_SHEET_CELLS` says otherwise: calamine keeps about 60 bytes a cell (the value
/// and its formula), so this bounds the reading near 300 MB. A 100,000-row catalog of 40
/// columns is 4 million cells.
pub const MAX_ODS_CELLS: u64 = 5_000_000;

/// The most rows and columns a sheet can have (the reader caps repeats at these too).
const MAX_ROWS: u64 = 1 << 20;
const MAX_COLUMNS: u64 = 1 << 14;

/// Refuse an ODS workbook whose repeats expand past the cell budget. `content` is the archive's
/// `content.xml`, read as it inflates.
pub fn check(path: &Path, content: impl Read) -> Result<(), Error> {
    let max = std::env::var("CATALOG_MAX_SHEET_CELLS")
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .filter(|n| *n > 0)
        .unwrap_or(MAX_ODS_CELLS);
    let mut xml = quick_xml::Reader::from_reader(BufReader::with_capacity(1 << 16, content));
    xml.config_mut().check_end_names = false;
    let mut buf = Vec::with_capacity(1024);
    let mut total: u64 = 0;
    let mut table = Table::default();
    let mut row: Option<Row> = None;
    loop {
        let event = xml.read_event_into(&mut buf).map_err(|e| {
            Error::plain(
                Some(path),
                format!("ODS 文件的表格内容（content.xml）已损坏：{e}"),
                format!("the ODS file's sheet content (content.xml) is damaged: {e}"),
            )
        })?;
        match event {
            Event::Start(e) | Event::Empty(e) if e.name().into_inner() == "table:table" => {
                table = Table {
                    name: attr(&e, "table:name").unwrap_or_default(),
                    ..Default::default()
                };
            }
            Event::Start(e) if e.name().into_inner() == "table:table-row" => {
                row = Some(Row {
                    repeats: number(&e, "table:number-rows-repeated").min(MAX_ROWS),
                    ..Default::default()
                });
            }
            Event::Empty(e) if e.name().into_inner() == "table:table-row" => {
                table.row(number(&e, "table:number-rows-repeated").min(MAX_ROWS), 0);
            }
            Event::Start(ref e) | Event::Empty(ref e)
                if matches!(e.name().into_inner(), "table:table-cell" | "table:covered-table-cell") =>
            {
                if let Some(r) = row.as_mut() {
                    let repeats = number(e, "table:number-columns-repeated");
                    r.cols = (r.cols + repeats).min(MAX_COLUMNS);
                    // A cell with content (an element, or a typed value) is a value.
                    let valued = matches!(event, Event::Start(_)) || attr(e, "office:value-type").is_some();
                    if valued {
                        r.width = r.cols;
                    }
                }
            }
            Event::End(e) if e.name().into_inner() == "table:table-row" => {
                if let Some(r) = row.take() {
                    table.row(r.repeats, r.width);
                }
            }
            Event::End(e) if e.name().into_inner() == "table:table" => {
                total = total.saturating_add(table.cells());
                if total > max {
                    return Err(too_many(path, &table.name, total, max));
                }
            }
            Event::Eof => return Ok(()),
            _ => {}
        }
        // A table closed by the end of the file (or never): count what it holds so far.
        if total.saturating_add(table.cells()) > max {
            return Err(too_many(path, &table.name, total.saturating_add(table.cells()), max));
        }
        buf.clear();
    }
}

#[derive(Default)]
struct Row {
    repeats: u64,
    /// Columns so far, and up to the last cell with a value.
    cols: u64,
    width: u64,
}

#[derive(Default)]
struct Table {
    name: String,
    /// Rows from the first row with a value through the last, and empty rows seen after the
    /// last (counted only if a row with a value follows).
    rows: u64,
    pending: u64,
    width: u64,
}

impl Table {
    fn row(&mut self, repeats: u64, width: u64) {
        if width == 0 {
            if self.rows > 0 {
                self.pending = self.pending.saturating_add(repeats);
            }
            return;
        }
        self.rows = (self.rows + self.pending + repeats).min(MAX_ROWS);
        self.pending = 0;
        self.width = self.width.max(width);
    }
    fn cells(&self) -> u64 {
        self.rows.saturating_mul(self.width)
    }
}

pub(crate) fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.try_get_attribute(name).ok().flatten().map(|a| a.value.into_owned())
}

/// A repeat count (1 when absent or not a number, as a reader takes it).
pub(crate) fn number(e: &BytesStart, name: &str) -> u64 {
    attr(e, name)
        .and_then(|v| v.trim().parse::<u64>().ok())
        .filter(|n| *n > 0)
        .unwrap_or(1)
}

fn too_many(path: &Path, sheet: &str, cells: u64, max: u64) -> Error {
    Error::in_sheet(
        path,
        sheet,
        format!(
            "表格的重复行列（number-rows-repeated / number-columns-repeated）展开后超过 {max} 个单元格（至少 {cells} 个）；文件可能是恶意构造的。确需读取请设置环境变量 CATALOG_MAX_SHEET_CELLS 提高上限"
        ),
        format!(
            "the sheet's repeated rows and columns (number-rows-repeated / number-columns-repeated) expand past {max} cells (at least {cells}); the file may be crafted. Raise CATALOG_MAX_SHEET_CELLS to read it anyway"
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn content(tables: &str) -> String {
        format!(
            r#"<?xml version="1.0"?><office:document-content xmlns:office="o" xmlns:table="t" xmlns:text="x"><office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body></office:document-content>"#
        )
    }

    #[test]
    fn repeats_are_counted_before_reading() {
        let bomb = r#"<table:table table:name="S"><table:table-row table:number-rows-repeated="100000"><table:table-cell table:number-columns-repeated="100" office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row></table:table>"#;
        let err = check(Path::new("b.ods"), content(bomb).as_bytes()).unwrap_err();
        assert!(err.to_string().contains("number-rows-repeated"), "{err}");
    }

    #[test]
    fn empty_runs_to_the_sheet_edge_cost_nothing() {
        // What LibreOffice writes: a few rows of values, then empty runs to the last row and column.
        let real = r#"<table:table table:name="事项"><table:table-row><table:table-cell office:value-type="string"><text:p>事项名称</text:p></table:table-cell><table:table-cell table:number-columns-repeated="16383"/></table:table-row><table:table-row table:number-rows-repeated="1048575"><table:table-cell table:number-columns-repeated="16384"/></table:table-row></table:table>"#;
        check(Path::new("r.ods"), content(real).as_bytes()).unwrap();
    }

    #[test]
    fn empty_rows_between_values_count() {
        let gap = r#"<table:table table:name="S"><table:table-row><table:table-cell table:number-columns-repeated="1000" office:value-type="float" office:value="1"/></table:table-row><table:table-row table:number-rows-repeated="1000000"><table:table-cell/></table:table-row><table:table-row><table:table-cell office:value-type="float" office:value="1"/></table:table-row></table:table>"#;
        assert!(check(Path::new("g.ods"), content(gap).as_bytes()).is_err());
    }
}
