//! Hidden rows of an xlsx (calamine does not expose them): `<row r="7" hidden="1">` in each
//! worksheet part, found by name through `xl/workbook.xml` and its relationships.

use std::collections::HashMap;
use std::io::{Cursor, Read};

/// Sheet name → 1-based numbers of its hidden rows (sheets without hidden rows are left out).
pub fn find(bytes: &[u8]) -> HashMap<String, Vec<u32>> {
    let mut out = HashMap::new();
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return out;
    };
    let read = |zip: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str| -> Option<String> {
        let mut f = zip.by_name(name).ok()?;
        let mut s = String::new();
        f.read_to_string(&mut s).ok()?;
        Some(s)
    };
    let (Some(book), Some(rels)) = (
        read(&mut zip, "xl/workbook.xml"),
        read(&mut zip, "xl/_rels/workbook.xml.rels"),
    ) else {
        return out;
    };
    let targets: HashMap<String, String> = tags(&rels, "<Relationship ")
        .filter_map(|t| Some((attr(t, "Id")?, attr(t, "Target")?)))
        .collect();
    for t in tags(&book, "<sheet ") {
        let (Some(name), Some(id)) = (attr(t, "name"), attr(t, "r:id")) else {
            continue;
        };
        let Some(target) = targets.get(&id) else { continue };
        let path = match target.strip_prefix('/') {
            Some(abs) => abs.to_string(),
            None => format!("xl/{target}"),
        };
        let Some(xml) = read(&mut zip, &path) else { continue };
        let rows: Vec<u32> = tags(&xml, "<row ")
            .filter(|t| attr(t, "hidden").is_some_and(|v| v == "1" || v == "true"))
            .filter_map(|t| attr(t, "r")?.parse().ok())
            .collect();
        if !rows.is_empty() {
            out.insert(unescape(&name), rows);
        }
    }
    out
}

/// The opening tags starting with `start` (up to their `>`).
fn tags<'a>(xml: &'a str, start: &'a str) -> impl Iterator<Item = &'a str> + 'a {
    xml.match_indices(start).filter_map(move |(i, _)| {
        let end = xml[i..].find('>')?;
        Some(&xml[i..i + end])
    })
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let pat = format!(" {name}=\"");
    let i = tag.find(&pat)? + pat.len();
    let j = tag[i..].find('"')?;
    Some(tag[i..i + j].to_string())
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
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
