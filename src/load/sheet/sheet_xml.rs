//! What calamine does not expose (hidden rows) or finds only by parsing a whole sheet a second
//! time (merged cells), read straight from the worksheet parts: `<row r="7" hidden="1">` and
//! `<mergeCell ref="A1:A3"/>`, found by byte search. Sheets are found by name through
//! `xl/workbook.xml` and its relationships, and scanned in parallel.

use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;
use std::io::{Cursor, Read};

/// Hidden rows and merged ranges of one worksheet.
#[derive(Debug, Default)]
pub struct SheetXml {
    /// 1-based numbers of hidden rows.
    pub hidden_rows: Vec<u32>,
    pub merges: Vec<calamine::Dimensions>,
}

/// A worksheet named in `xl/workbook.xml`, in workbook order.
#[derive(Debug)]
pub struct SheetPart {
    pub name: String,
    /// Its part in the archive (`xl/worksheets/sheet1.xml`).
    pub path: String,
    /// `state="hidden"` or `"veryHidden"`.
    pub hidden: bool,
}

/// The workbook's sheets and whether its dates count from 1904 (`<workbookPr date1904="1"/>`).
pub fn workbook(zip: &mut Zip) -> Option<(Vec<SheetPart>, bool)> {
    let book = read(zip, "xl/workbook.xml").and_then(|b| String::from_utf8(b).ok())?;
    let rels = read(zip, "xl/_rels/workbook.xml.rels").and_then(|b| String::from_utf8(b).ok())?;
    let targets: HashMap<String, String> = tags(&rels, "<Relationship ")
        .filter_map(|t| Some((attr(t, "Id")?, attr(t, "Target")?)))
        .collect();
    let sheets = tags(&book, "<sheet ")
        .filter_map(|t| {
            let (name, id) = (attr(t, "name")?, attr(t, "r:id")?);
            let target = targets.get(&id)?;
            let path = match target.strip_prefix('/') {
                Some(abs) => abs.to_string(),
                None => format!("xl/{target}"),
            };
            let hidden = attr(t, "state").is_some_and(|s| s == "hidden" || s == "veryHidden");
            Some(SheetPart {
                name: super::html::entities(&name),
                path,
                hidden,
            })
        })
        .collect();
    let date1904 = tags(&book, "<workbookPr")
        .next()
        .and_then(|t| attr(t, "date1904"))
        .is_some_and(|v| v == "1" || v == "true");
    Some((sheets, date1904))
}

pub type Zip<'a> = zip::ZipArchive<Cursor<&'a [u8]>>;

/// Sheet name → its hidden rows and merged ranges.
pub fn find(bytes: &[u8]) -> HashMap<String, SheetXml> {
    let open = || zip::ZipArchive::new(Cursor::new(bytes)).ok();
    let Some((sheets, _)) = open().as_mut().and_then(workbook) else {
        return HashMap::default();
    };
    sheets
        .into_par_iter()
        .map_init(open, |zip, part| {
            let xml = zip.as_mut().and_then(|z| read(z, &part.path)).unwrap_or_default();
            (part.name, scan(&xml))
        })
        .collect()
}

pub fn read(zip: &mut Zip, name: &str) -> Option<Vec<u8>> {
    let mut f = zip.by_name(name).ok()?;
    let mut b = Vec::with_capacity(f.size().min(1 << 30) as usize);
    f.read_to_end(&mut b).ok()?;
    Some(b)
}

/// One worksheet part: the rare `hidden=` and `<mergeCell` are searched for, not every tag parsed.
pub fn scan(xml: &[u8]) -> SheetXml {
    let mut out = SheetXml::default();
    for i in memchr::memmem::find_iter(xml, b" hidden=\"") {
        // The tag this attribute belongs to: hidden columns (`<col`) are not rows.
        let Some(open) = memchr::memrchr(b'<', &xml[..i]) else {
            continue;
        };
        let tag = tag_at(xml, open);
        if tag.starts_with("<row ")
            && attr(tag, "hidden").is_some_and(|v| v == "1" || v == "true")
            && let Some(r) = attr(tag, "r").and_then(|r| r.parse().ok())
        {
            out.hidden_rows.push(r);
        }
    }
    for i in memchr::memmem::find_iter(xml, b"<mergeCell ") {
        if let Some(d) = attr(tag_at(xml, i), "ref").and_then(|r| range_ref(&r)) {
            out.merges.push(d);
        }
    }
    out
}

/// The tag opening at `i`, up to its `>` (empty when not UTF-8).
fn tag_at(xml: &[u8], i: usize) -> &str {
    let end = memchr::memchr(b'>', &xml[i..]).map_or(xml.len(), |e| i + e);
    std::str::from_utf8(&xml[i..end]).unwrap_or("")
}

/// `B2:C5` (or a single `B2`) as 0-based dimensions.
pub fn range_ref(r: &str) -> Option<calamine::Dimensions> {
    let (a, b) = r.split_once(':').unwrap_or((r, r));
    Some(calamine::Dimensions {
        start: cell_ref(a)?,
        end: cell_ref(b)?,
    })
}

/// `AB12` or `$AB$12` → (11, 27), 0-based (row, column).
fn cell_ref(s: &str) -> Option<(u32, u32)> {
    let s = s.trim().trim_start_matches('$');
    let split = s.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = s.split_at(split);
    super::xlsx::cells::column_row(letters.trim_end_matches('$').as_bytes(), digits.as_bytes())
}

/// The opening tags starting with `start` (up to their `>`).
pub fn tags<'a>(xml: &'a str, start: &'a str) -> impl Iterator<Item = &'a str> + 'a {
    xml.match_indices(start).filter_map(move |(i, _)| {
        let end = xml[i..].find('>')?;
        Some(&xml[i..i + end])
    })
}

pub fn attr(tag: &str, name: &str) -> Option<String> {
    let pat = format!(" {name}=\"");
    let i = tag.find(&pat)? + pat.len();
    let j = tag[i..].find('"')?;
    Some(tag[i..i + j].to_string())
}

/// `3, 5–7, 12` for a note.
pub fn ranges(rows: &[u32]) -> String {
    let mut parts = Vec::new();
    let mut i = 0;
    while i < rows.len() {
        let mut j = i;
        while j + 1 < rows.len() && rows[j + 1] == rows[j] + 1 {
            j += 1;
        }
        parts.push(if i == j {
            rows[i].to_string()
        } else {
            format!("{}–{}", rows[i], rows[j])
        });
        i = j + 1;
    }
    parts.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_hidden_rows_and_merges_but_not_hidden_columns() {
        let xml = br#"<worksheet><cols><col min="1" max="1" hidden="1"/></cols><sheetData>
            <row r="1"><c r="A1"/></row><row r="7" spans="1:3" hidden="1"><c r="A7"/></row>
            <row r="9" hidden="true"/></sheetData>
            <mergeCells count="2"><mergeCell ref="A2:A4"/><mergeCell ref="$AB$10:AC12"/></mergeCells></worksheet>"#;
        let s = scan(xml);
        assert_eq!(s.hidden_rows, [7, 9]);
        let d = |a: (u32, u32), b: (u32, u32)| calamine::Dimensions { start: a, end: b };
        assert_eq!(s.merges, [d((1, 0), (3, 0)), d((9, 27), (11, 28))]);
        assert_eq!(cell_ref("A0"), None);
        assert_eq!(cell_ref("12"), None);
    }
}
