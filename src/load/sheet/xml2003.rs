//! Excel 2003 XML spreadsheets (SpreadsheetML, `<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">`),
//! which many government systems write when they "export to Excel" and name `.xls` (or `.xml`).
//! Each `<Worksheet>` becomes a sheet: `ss:Index` skips rows and cells, `ss:MergeAcross` /
//! `ss:MergeDown` are merged ranges (filled like an xlsx's), `ss:Hidden` rows are hidden rows,
//! a cell's `<Comment>` is not its text, and rich text inside `<Data>` is read as plain text.

use super::grid::Grid;
use quick_xml::events::{BytesStart, Event};

/// Whether the start of a file is a SpreadsheetML workbook.
pub fn is_spreadsheet_ml(head: &str) -> bool {
    head.contains("urn:schemas-microsoft-com:office:spreadsheet") && head.contains("<workbook")
}

/// The worksheets of `text` as grids, and their names; `Err` names what is malformed and where
/// (the byte offset's line).
pub fn read(text: &str, max_cells: u64) -> Result<(Vec<Grid>, Vec<String>), String> {
    let mut xml = quick_xml::Reader::from_str(text);
    xml.config_mut().check_end_names = false;
    let mut grids: Vec<Grid> = Vec::new();
    let mut names: Vec<String> = Vec::new();
    let mut sheet: Option<Sheet> = None;
    let mut cells: u64 = 0;
    // Inside a cell's <Data> (its text), a <Comment> (not its text), a <Visible> of the
    // sheet's options (SheetHidden).
    let (mut in_data, mut in_comment, mut in_visible) = (false, 0usize, false);
    let mut text_of_cell = String::new();
    let mut open_table = false;
    loop {
        let at = xml.buffer_position();
        let event = xml
            .read_event()
            .map_err(|e| format!("{}: {e}", line_of(text, at as usize)))?;
        match event {
            Event::Start(e) | Event::Empty(e) if is(&e, "Worksheet") => {
                if let Some(s) = sheet.take() {
                    let (g, n) = s.finish(grids.len());
                    grids.push(g);
                    names.push(n);
                }
                let name = attr(&e, "Name").unwrap_or_else(|| format!("Sheet{}", grids.len() + 1));
                sheet = Some(Sheet::new(super::html::entities(&name)));
            }
            Event::Start(e) if is(&e, "Row") => {
                if let Some(s) = sheet.as_mut() {
                    s.start_row(&e);
                }
            }
            Event::Empty(e) if is(&e, "Row") => {
                if let Some(s) = sheet.as_mut() {
                    s.start_row(&e);
                    s.end_row();
                }
            }
            Event::End(e) if e.local_name().into_inner() == "Row" => {
                if let Some(s) = sheet.as_mut() {
                    s.end_row();
                }
            }
            Event::Start(e) if is(&e, "Cell") => {
                if let Some(s) = sheet.as_mut() {
                    s.start_cell(&e);
                    text_of_cell.clear();
                }
            }
            Event::Empty(e) if is(&e, "Cell") => {
                if let Some(s) = sheet.as_mut() {
                    s.start_cell(&e);
                    cells += s.end_cell(String::new());
                }
            }
            Event::End(e) if e.local_name().into_inner() == "Cell" => {
                if let Some(s) = sheet.as_mut() {
                    // Cells held, counting the empty ones a far ss:Index leaves before a cell.
                    cells += s.end_cell(std::mem::take(&mut text_of_cell));
                    if cells > max_cells {
                        return Err(format!("more than {max_cells} cells"));
                    }
                }
            }
            Event::Start(e) if is(&e, "Visible") => in_visible = true,
            Event::End(e) if e.local_name().into_inner() == "Visible" => in_visible = false,
            Event::Text(t) if in_visible => {
                if let Some(s) = sheet.as_mut() {
                    s.hidden = t.xml10_content().trim().starts_with("SheetHidden")
                        || t.xml10_content().trim().starts_with("SheetVeryHidden");
                }
            }
            Event::Start(e) if is(&e, "Comment") => in_comment += 1,
            Event::End(e) if e.local_name().into_inner() == "Comment" => in_comment = in_comment.saturating_sub(1),
            Event::Start(e) if is(&e, "Data") && in_comment == 0 => in_data = true,
            Event::End(e) if e.local_name().into_inner() == "Data" => in_data = false,
            // Rich text: <Font>, <B> and the like inside <Data>; a <br/> as a line break.
            Event::Empty(e) if in_data && in_comment == 0 && e.local_name().into_inner().eq_ignore_ascii_case("br") => {
                text_of_cell.push('\n');
            }
            Event::Text(t) if in_data && in_comment == 0 => text_of_cell.push_str(&t.xml10_content()),
            Event::CData(t) if in_data && in_comment == 0 => text_of_cell.push_str(&t.xml10_content()),
            Event::GeneralRef(r) if in_data && in_comment == 0 => match r.resolve_char_ref() {
                Ok(Some(c)) => text_of_cell.push(c),
                _ => text_of_cell.push_str(&super::html::entities(&format!("&{};", &*r))),
            },
            Event::Start(e) if is(&e, "Table") => open_table = true,
            Event::End(e) if e.local_name().into_inner() == "Table" => open_table = false,
            // A table never closed: the file was cut short, and rows after the cut are missing.
            Event::Eof if open_table => {
                return Err(format!("{}: the file ends inside a table", line_of(text, text.len())));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if let Some(s) = sheet.take() {
        let (g, n) = s.finish(grids.len());
        grids.push(g);
        names.push(n);
    }
    Ok((grids, names))
}

fn is(e: &BytesStart, local: &str) -> bool {
    e.local_name().into_inner() == local
}

/// Attribute `local` in any prefix (`ss:Index`, or `Index` under a default namespace).
fn attr(e: &BytesStart, local: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().into_inner() == local)
        .map(|a| a.value.into_owned())
}

fn number(e: &BytesStart, local: &str) -> Option<usize> {
    attr(e, local).and_then(|v| v.trim().parse::<usize>().ok())
}

fn line_of(text: &str, at: usize) -> String {
    let at = at.min(text.len());
    let line = text.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count() + 1;
    format!("line {line}")
}

/// The most rows and columns a sheet can have (Excel's): an `ss:Index` past them is damage.
const MAX_ROWS: usize = 1 << 20;
const MAX_COLS: usize = 1 << 14;

struct Sheet {
    name: String,
    rows: Vec<Vec<String>>,
    /// The row being read (0-based) and the next cell's column.
    row: usize,
    col: usize,
    /// The current cell's column, its merge (across, down) and type.
    cell: (usize, usize, usize, Option<String>),
    merges: Vec<calamine::Dimensions>,
    hidden_rows: Vec<u32>,
    hidden: bool,
}

impl Sheet {
    fn new(name: String) -> Sheet {
        Sheet {
            name,
            rows: Vec::new(),
            row: 0,
            col: 0,
            cell: (0, 0, 0, None),
            merges: Vec::new(),
            hidden_rows: Vec::new(),
            hidden: false,
        }
    }

    fn start_row(&mut self, e: &BytesStart) {
        if let Some(i) = number(e, "Index").filter(|i| (1..=MAX_ROWS).contains(i)) {
            self.row = self.row.max(i - 1);
        }
        self.col = 0;
        if attr(e, "Hidden").is_some_and(|v| v.trim() == "1" || v.trim().eq_ignore_ascii_case("true")) {
            self.hidden_rows.push(self.row as u32 + 1);
        }
    }

    fn end_row(&mut self) {
        self.row += 1;
        self.col = 0;
    }

    fn start_cell(&mut self, e: &BytesStart) {
        if let Some(i) = number(e, "Index").filter(|i| (1..=MAX_COLS).contains(i)) {
            self.col = self.col.max(i - 1);
        }
        let across = number(e, "MergeAcross").unwrap_or(0).min(MAX_COLS);
        let down = number(e, "MergeDown").unwrap_or(0).min(MAX_ROWS);
        self.cell = (self.col, across, down, None);
    }

    /// The cell read; how many cells the row grew by.
    fn end_cell(&mut self, text: String) -> u64 {
        let (c, across, down, _) = self.cell;
        let text = date_as_written(&text);
        let mut grew = 0;
        if !text.is_empty() {
            if self.rows.len() <= self.row {
                // Empty rows skipped by a far ss:Index are held too.
                grew += (self.row + 1 - self.rows.len()) as u64;
                self.rows.resize_with(self.row + 1, Vec::new);
            }
            let row = &mut self.rows[self.row];
            if row.len() <= c {
                grew += (c + 1 - row.len()) as u64;
                row.resize(c + 1, String::new());
            }
            row[c] = text;
        }
        if across > 0 || down > 0 {
            self.merges.push(calamine::Dimensions {
                start: (self.row as u32, c as u32),
                end: ((self.row + down) as u32, (c + across) as u32),
            });
        }
        self.col = c + 1 + across;
        grew
    }

    fn finish(self, index: usize) -> (Grid, String) {
        let mut g = Grid::new(index as u16, self.name.clone());
        for row in &self.rows {
            g.push_row(row.iter());
        }
        g.fill_merges(&self.merges);
        g.hidden_rows = self.hidden_rows;
        g.hidden = self.hidden;
        (g, self.name)
    }
}

/// A DateTime cell (`2026-11-20T00:00:00.000`) as a date when it has no time of day.
fn date_as_written(text: &str) -> String {
    match text.split_once('T') {
        Some((date, time))
            if date.len() == 10
                && date.as_bytes()[4] == b'-'
                && time.trim_start_matches(['0', ':', '.']).is_empty() =>
        {
            date.to_string()
        }
        _ => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BOOK: &str = r#"<?xml version="1.0"?>
<?mso-application progid="Excel.Sheet"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet" xmlns:html="http://www.w3.org/TR/REC-html40">
 <Worksheet ss:Name="权力&amp;清单">
  <Table>
   <Row><Cell ss:MergeAcross="2"><Data ss:Type="String">某县权力清单</Data></Cell></Row>
   <Row ss:Index="3"><Cell><Data ss:Type="String">主项</Data></Cell><Cell><Data ss:Type="String">子项</Data></Cell><Cell ss:Index="4"><Data ss:Type="String">备注</Data></Cell></Row>
   <Row><Cell ss:MergeDown="1"><Data ss:Type="String">甲&#10;乙</Data><Comment><Data>批注不是值</Data></Comment></Cell><Cell><ss:Data ss:Type="String" xmlns="http://www.w3.org/TR/REC-html40"><B>子</B><Font>一</Font></ss:Data></Cell></Row>
   <Row ss:Hidden="1"><Cell ss:Index="2"><Data ss:Type="Number">2</Data></Cell><Cell><Data ss:Type="DateTime">2026-11-20T00:00:00.000</Data></Cell></Row>
  </Table>
 </Worksheet>
 <Worksheet ss:Name="空"><WorksheetOptions xmlns="urn:schemas-microsoft-com:office:excel"><Visible>SheetHidden</Visible></WorksheetOptions></Worksheet>
</Workbook>"#;

    #[test]
    fn cells_merges_hidden_rows_and_comments() {
        assert!(is_spreadsheet_ml(&BOOK.to_ascii_lowercase()));
        let (grids, names) = read(BOOK, 1000).unwrap();
        assert_eq!(names, ["权力&清单", "空"]);
        let g = &grids[0];
        assert_eq!(
            g.row(0).collect::<Vec<_>>(),
            ["某县权力清单", "某县权力清单", "某县权力清单"]
        );
        assert!(g.row_is_empty(1));
        assert_eq!(g.row(2).collect::<Vec<_>>(), ["主项", "子项", "", "备注"]);
        assert_eq!(g.row(3).collect::<Vec<_>>(), ["甲\n乙", "子一"]);
        assert_eq!(g.row(4).collect::<Vec<_>>(), ["甲\n乙", "2", "2026-11-20"]);
        assert_eq!(g.hidden_rows, [5]);
        assert!(grids[1].is_empty() && grids[1].hidden && !g.hidden);
    }

    #[test]
    fn too_many_cells_and_damage_are_errors() {
        assert!(read(BOOK, 3).is_err());
        // Far-placed cells count the empty cells before them.
        assert!(read("<Workbook><Worksheet><Table><Row><Cell ss:Index=\"9000\"><Data>x</Data></Cell></Row></Table></Worksheet>", 5000).is_err());
        assert!(read("<Workbook><Worksheet><Table><Row ss:Index=\"9000\"><Cell><Data>x</Data></Cell></Row></Table></Worksheet>", 5000).is_err());
        let whole = "<Workbook><Worksheet><Table><Row><Cell><Data>x</Data></Cell></Row></Table></Worksheet>";
        assert!(read(whole, 100).is_ok());
        assert!(
            read(
                "<Workbook><Worksheet><Table><Row><Cell><Data>x</Data></Cell></Row>",
                100
            )
            .is_err()
        );
        assert!(read("<Workbook><Worksheet ss:Name=\"a></Workbook>", 100).is_err());
    }
}
