//! Our own xlsx cell reader, for speed on big sheets: calamine reads a worksheet's XML on one
//! core (about 0.4 µs a cell), and a 100,000-item workbook is 20 million cells in one sheet.
//! Here a sheet's XML is inflated in pieces cut after a `</row>`, each piece parsed on whichever
//! core is free, and shared strings are held once per workbook instead of copied into every cell.
//!
//! The reader takes the workbooks that spreadsheet programs write (every `<row>` and `<c>`
//! carrying its `r`, rows in order); anything else — a missing part, an unexpected element, a
//! formula saved without its value, a file over the cell limit — gives `None`, and the caller
//! reads the file with calamine as before, which also words every error. Differential tests
//! check that both readers give the same grids.

pub mod cells;
pub mod numfmt;
#[cfg(test)]
mod tests;
pub mod text;

use super::grid::{Grid, MAX_TEXT, SHARED, Span};
use super::sheet_xml::{self, SheetPart, Zip};
use cells::{Book, Part};
use memchr::memmem;
use rayon::prelude::*;
use std::io::{Cursor, Read};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

/// Inflated bytes per piece: big enough that a piece is worth a task, small enough that both
/// cores get work early and little is held at once.
const PIECE: usize = 4 << 20;

/// The sheets of an xlsx (`None`: let calamine read it) and the names of all sheets.
pub fn read(bytes: &[u8], max_cells: u64) -> Option<(Vec<Grid>, Vec<String>)> {
    read_in_pieces(bytes, max_cells, PIECE)
}

fn read_in_pieces(bytes: &[u8], max_cells: u64, piece: usize) -> Option<(Vec<Grid>, Vec<String>)> {
    let open = || zip::ZipArchive::new(Cursor::new(bytes)).ok();
    let mut zip = open()?;
    let (sheets, date1904) = sheet_xml::workbook(&mut zip)?;
    if sheets.is_empty() || sheets.len() > u16::MAX as usize {
        return None;
    }
    // Both parts are optional; present but unreadable sends the file to calamine.
    let mut part = |name: &str| match zip.index_for_name(name) {
        Some(_) => sheet_xml::read(&mut zip, name)
            .and_then(|b| String::from_utf8(b).ok())
            .map(Some),
        None => Some(None),
    };
    let styles = part("xl/styles.xml")?.map_or_else(Vec::new, |x| numfmt::cell_styles(&x));
    let shared = match part("xl/sharedStrings.xml")? {
        Some(x) => text::shared_strings(&x)?,
        None => Default::default(),
    };
    let shared_text: Arc<str> = Arc::from(shared.text.as_str());
    let book = Book {
        shared: &shared,
        styles: &styles,
        date1904,
        max_cells,
        used: AtomicU64::new(0),
    };
    let grids: Option<Vec<Grid>> = sheets
        .par_iter()
        .enumerate()
        .map_init(open, |zip, (i, part)| {
            let zip = zip.as_mut()?;
            let g = Grid::new(i as u16, part.name.clone());
            sheet(zip, part, g, &book, &shared_text, piece)
        })
        .collect();
    Some((grids?, sheets.into_iter().map(|s| s.name).collect()))
}

/// One worksheet: its preamble (`<dimension>`), its rows in pieces, its merged cells.
fn sheet(zip: &mut Zip, part: &SheetPart, mut g: Grid, book: &Book, shared: &Arc<str>, piece: usize) -> Option<Grid> {
    let mut file = zip.by_name(&part.path).ok()?;
    let mut buf: Vec<u8> = Vec::with_capacity(piece + (piece >> 2));
    // The preamble: up to and past `<sheetData>`.
    let (dimension, body_start, empty) = loop {
        let before = buf.len();
        if more(&mut file, &mut buf, piece)? == 0 {
            return None;
        }
        let from = before.saturating_sub(16);
        if let Some(i) = memmem::find(&buf[from..], b"<sheetData").map(|i| i + from)
            && let Some(gt) = memchr::memchr(b'>', &buf[i..]).map(|k| k + i)
        {
            let head = std::str::from_utf8(&buf[..i]).ok()?;
            if !tags_close(head) {
                return None;
            }
            let empty = match &buf[i..=gt] {
                b"<sheetData>" => false,
                b"<sheetData/>" => true,
                _ => return None,
            };
            break (dimension(head)?, gt + 1, empty);
        }
        if buf.len() > 64 << 20 {
            return None;
        }
    };
    buf.drain(..body_start);
    let used = &book.used;
    let failed = AtomicBool::new(false);
    let in_flight = AtomicUsize::new(0);
    let parts: Mutex<Vec<(usize, Part)>> = Mutex::new(Vec::new());
    let mut tail = Vec::new();
    rayon::scope(|s| {
        let mut seq = 0;
        let mut spawn = |bytes: Vec<u8>| {
            let k = seq;
            seq += 1;
            in_flight.fetch_add(1, Ordering::AcqRel);
            let (parts, failed, in_flight) = (&parts, &failed, &in_flight);
            s.spawn(move |_| {
                let parsed = simdutf8::basic::from_utf8(&bytes)
                    .ok()
                    .and_then(|text| cells::parse(text, book, used));
                match parsed {
                    Some(p) => parts.lock().unwrap_or_else(|e| e.into_inner()).push((k, p)),
                    None => failed.store(true, Ordering::Relaxed),
                }
                in_flight.fetch_sub(1, Ordering::AcqRel);
            });
        };
        if empty {
            tail = std::mem::take(&mut buf);
            return;
        }
        loop {
            if failed.load(Ordering::Relaxed) {
                return;
            }
            // Inflating runs ahead of parsing by a few pieces at most: help parse meanwhile.
            while in_flight.load(Ordering::Acquire) > 2 * rayon::current_num_threads() {
                if rayon::yield_now() != Some(rayon::Yield::Executed) {
                    std::thread::yield_now();
                }
            }
            let got = match more(&mut file, &mut buf, piece) {
                Some(n) => n,
                None => {
                    failed.store(true, Ordering::Relaxed);
                    return;
                }
            };
            if got != 0 && buf.len() < piece {
                continue;
            }
            // One row this long is no catalog.
            if buf.len() > 64 * PIECE.max(piece) {
                failed.store(true, Ordering::Relaxed);
                return;
            }
            // Whole rows go to a parser; `</sheetData>` can only follow the last of them, so it
            // is looked for there, not in the whole piece again.
            let cut = memmem::rfind(&buf, b"</row>").map_or(0, |i| i + 6);
            if let Some(end) = memmem::find(&buf[cut..], b"</sheetData>").map(|e| e + cut) {
                // The rest of the file is the tail; read it for the merged cells.
                let mut rest = buf.split_off(end);
                if (&mut file).take(1 << 30).read_to_end(&mut rest).is_err() {
                    failed.store(true, Ordering::Relaxed);
                }
                tail = rest;
                spawn(std::mem::take(&mut buf));
                return;
            }
            if got == 0 {
                failed.store(true, Ordering::Relaxed);
                return;
            }
            if cut > 0 {
                let rest = buf[cut..].to_vec();
                buf.truncate(cut);
                let full = std::mem::replace(&mut buf, rest);
                buf.reserve(piece + (piece >> 2));
                spawn(full);
            }
        }
    });
    if failed.into_inner() {
        return None;
    }
    let mut parts = parts.into_inner().ok()?;
    parts.sort_unstable_by_key(|(k, _)| *k);
    // After the rows: merged ranges (and, in a file that is not what it claims, stray hidden
    // rows, which the other reader's byte search would also find).
    let after = sheet_xml::scan(&tail);
    let (text, rows, mut hidden_rows, errors, origin) =
        assemble(parts.into_iter().map(|(_, p)| p).collect(), dimension, book.max_cells)?;
    hidden_rows.extend(after.hidden_rows);
    g.origin = origin;
    g.hidden = part.hidden;
    g.hidden_rows = hidden_rows;
    g.errors = errors;
    let mut g = g.with_cells(text, Some(shared.clone()), rows);
    g.fill_merges(&after.merges);
    Some(g)
}

/// Every `<` of the preamble closes with a `>` before the next `<`, and no comment or CDATA
/// could hide a `<sheetData` (a cheap guard; the rows themselves are parsed strictly).
fn tags_close(head: &str) -> bool {
    let mut rest = head;
    while let Some(lt) = rest.find('<') {
        let after = &rest[lt + 1..];
        match (after.find('>'), after.find('<')) {
            (Some(gt), next)
                if next.is_none_or(|n| n > gt) && !after.starts_with("!--") && !after.starts_with("![") =>
            {
                rest = &after[gt + 1..];
            }
            _ => return false,
        }
    }
    true
}

/// Read up to a piece's worth more of the inflated part onto `buf` (`None`: a broken archive).
fn more(file: &mut impl Read, buf: &mut Vec<u8>, piece: usize) -> Option<usize> {
    file.take(piece as u64).read_to_end(buf).ok()
}

/// The start of `<dimension ref="A1:G9"/>` (0, 0 without one, as calamine reads it).
fn dimension(head: &str) -> Option<(u32, u32)> {
    let Some(tag) = sheet_xml::tags(head, "<dimension ").next() else {
        return Some((0, 0));
    };
    let r = sheet_xml::attr(tag, "ref")?;
    cells::cell_ref(r.split(':').next()?)
}

type Assembled = (String, Vec<Vec<Span>>, Vec<u32>, Vec<(u32, u32, String)>, (u32, u32));

/// The pieces, in order, as one grid: positions relative to the origin (the dimension's start
/// or the first cell, whichever is above and left), cells above or left of it dropped as the
/// calamine path drops them.
fn assemble(parts: Vec<Part>, dim: (u32, u32), max_cells: u64) -> Option<Assembled> {
    // Past the limit of one sheet's text: calamine reads it, and the loader refuses the sheet.
    if parts.iter().map(|p| p.text.len()).sum::<usize>() > MAX_TEXT {
        return None;
    }
    let first = parts.iter().find_map(|p| p.first).unwrap_or(dim);
    let origin = (dim.0.min(first.0), dim.1.min(first.1));
    let mut text = String::with_capacity(parts.iter().map(|p| p.text.len()).sum());
    let mut rows: Vec<Vec<Span>> = Vec::new();
    let (mut hidden, mut errors) = (Vec::new(), Vec::new());
    let mut last_row: Option<u32> = None;
    for p in parts {
        let base = text.len() as u32;
        text.push_str(&p.text);
        hidden.extend(p.hidden);
        errors.extend(
            p.errors
                .into_iter()
                .filter(|(r, c, _)| *r >= origin.0 && *c >= origin.1),
        );
        for (r, mut cells) in p.rows {
            if last_row.is_some_and(|l| r <= l) {
                return None;
            }
            last_row = Some(r);
            if r < origin.0 {
                continue;
            }
            cells.drain(..cells.len().min(origin.1 as usize));
            for span in &mut cells {
                if span.0 != span.1 && span.0 & SHARED == 0 {
                    span.0 += base;
                    span.1 += base;
                }
            }
            while cells.last().is_some_and(|(a, b)| a == b) {
                cells.pop();
            }
            if cells.is_empty() {
                continue;
            }
            let at = (r - origin.0) as usize;
            // Empty rows count against the limit too: one cell in row 4,000,000,000 is no sheet.
            if at as u64 >= max_cells {
                return None;
            }
            rows.resize_with(at, Vec::new);
            cells.shrink_to_fit();
            rows.push(cells);
        }
    }
    Some((text, rows, hidden, errors, origin))
}
