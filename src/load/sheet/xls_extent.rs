//! calamine builds each sheet of an .xls as a dense grid over its cells' extremes, for every
//! sheet, before it returns. One damaged cell record (a column of 25,000 where the format stops
//! at 255) made it ask for 52 GB, and the run was killed with the machine out of memory. The
//! cell records are read here first: a column past the format's bounds is a damaged file, and
//! sheets spanning more cells than the cell limit are refused as an xlsx is. The same pass
//! notes the hidden rows (a ROW record's fDyZero), which calamine does not expose.

use crate::error::Error;
use crate::load::limits;
use rustc_hash::FxHashMap as HashMap;
use std::io::{Cursor, Read};
use std::path::Path;

/// The last column a BIFF5/BIFF8 sheet can have (IV).
const LAST_COL: u16 = 255;

/// Records that place a cell: row and column are their first two words (MULRK and MULBLANK end
/// with the last column of their run).
const CELLS: [u16; 8] = [0x0006, 0x00FD, 0x0203, 0x027E, 0x0201, 0x0205, 0x0204, 0x00D6];
const MULRK: u16 = 0x00BD;
const MULBLANK: u16 = 0x00BE;
const BOF: u16 = 0x0809;
const EOF: u16 = 0x000A;
const BOUNDSHEET: u16 = 0x0085;
const ROW: u16 = 0x0208;
/// fDyZero, in the ROW record's flags byte (offset 12): the row is hidden.
const ROW_HIDDEN: u8 = 0x20;

/// The extent of one worksheet's cells: rows and columns from the first to the last.
#[derive(Default)]
struct Extent {
    rows: Option<(u16, u16)>,
    cols: Option<(u16, u16)>,
}

impl Extent {
    fn add(&mut self, row: u16, first: u16, last: u16) {
        let grow = |e: &mut Option<(u16, u16)>, lo: u16, hi: u16| {
            *e = Some(e.map_or((lo, hi), |(a, b)| (a.min(lo), b.max(hi))));
        };
        grow(&mut self.rows, row, row);
        grow(&mut self.cols, first, last);
    }

    /// Rows × columns from the first cell to the last, if the sheet has any.
    fn dims(&self) -> Option<(u64, u64)> {
        let ((r0, r1), (c0, c1)) = (self.rows?, self.cols?);
        Some((u64::from(r1 - r0 + 1), u64::from(c1 - c0 + 1)))
    }
}

/// Refuse an .xls whose cell records would make calamine's grids too large (or are past the
/// format's columns); else each sheet's hidden rows (1-based), by sheet name. A file whose
/// container or records cannot be read here is left to calamine, which says what is wrong with it.
pub fn check(path: &Path, bytes: &[u8]) -> Result<HashMap<String, Vec<u32>>, Error> {
    let mut hidden: HashMap<String, Vec<u32>> = HashMap::default();
    let Some(stream) = workbook_stream(bytes) else {
        return Ok(hidden);
    };
    let mut rows_hidden: Vec<u32> = Vec::new();
    let max = limits::max_sheet_cells();
    let names = sheet_names(&stream);
    let name_at = |bof: usize| {
        names
            .iter()
            .find(|(at, _)| *at == bof)
            .map_or_else(String::new, |(_, n)| n.clone())
    };
    let (mut at, mut sheet, mut total) = (0usize, None::<(usize, Extent)>, 0u64);
    while let Some((kind, data, next)) = record(&stream, at) {
        let start = at;
        at = next;
        match kind {
            BOF if data.get(2..4) == Some(&[0x10, 0x00]) => {
                sheet = Some((start, Extent::default()));
                rows_hidden.clear();
            }
            BOF => sheet = None,
            ROW if sheet.is_some() => {
                if let Some(b) = data.get(0..2)
                    && data.get(12).is_some_and(|f| f & ROW_HIDDEN != 0)
                {
                    rows_hidden.push(u32::from(u16::from_le_bytes([b[0], b[1]])) + 1);
                }
            }
            EOF => {
                let Some((bof, extent)) = sheet.take() else { continue };
                let name = name_at(bof);
                if !rows_hidden.is_empty() {
                    rows_hidden.sort_unstable();
                    hidden.insert(name.clone(), std::mem::take(&mut rows_hidden));
                }
                let Some((rows, cols)) = extent.dims() else { continue };
                limits::check_sheet_cells_under(path, &name, rows, cols, max)?;
                total += rows * cols;
                if total > max {
                    return Err(limits::workbook_too_large(path, &name));
                }
            }
            _ => {
                let Some((bof, extent)) = sheet.as_mut() else { continue };
                let word = |k: usize| data.get(k..k + 2).map(|b| u16::from_le_bytes([b[0], b[1]]));
                let placed = if CELLS.contains(&kind) {
                    word(0).zip(word(2)).map(|(r, c)| (r, c, c))
                } else if kind == MULRK || kind == MULBLANK {
                    word(0)
                        .zip(word(2))
                        .zip(data.len().checked_sub(2).and_then(word))
                        .map(|((r, c), l)| (r, c, l))
                } else {
                    None
                };
                if let Some((row, first, last)) = placed {
                    if first > LAST_COL || last > LAST_COL || last < first {
                        let (name, row, col) = (name_at(*bof), u32::from(row) + 1, u32::from(first.max(last)) + 1);
                        return Err(Error::plain(
                            Some(path),
                            format!(
                                "文件已损坏：工作表“{name}”第 {row} 行有单元格在第 {col} 列（xls 最多 256 列）；请重新导出或另存"
                            ),
                            format!(
                                "the file is damaged: row {row} of sheet '{name}' has a cell in column {col} (an xls has 256 at most); export or save it again"
                            ),
                        ));
                    }
                    extent.add(row, first, last);
                }
            }
        }
    }
    Ok(hidden)
}

/// The workbook stream of the compound file (Workbook in BIFF8, Book in BIFF5).
fn workbook_stream(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut cf = cfb::CompoundFile::open(Cursor::new(bytes)).ok()?;
    let mut out = Vec::new();
    for name in ["/Workbook", "/Book"] {
        if let Ok(mut s) = cf.open_stream(name) {
            s.read_to_end(&mut out).ok()?;
            return Some(out);
        }
    }
    None
}

/// The record at `at`: its type, its data and where the next one starts.
fn record(stream: &[u8], at: usize) -> Option<(u16, &[u8], usize)> {
    let head = stream.get(at..at + 4)?;
    let kind = u16::from_le_bytes([head[0], head[1]]);
    let len = usize::from(u16::from_le_bytes([head[2], head[3]]));
    let data = stream.get(at + 4..at + 4 + len)?;
    Some((kind, data, at + 4 + len))
}

/// Each worksheet's name by the offset of its BOF record (BOUNDSHEET of the workbook globals).
fn sheet_names(stream: &[u8]) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some((kind, data, next)) = record(stream, at) {
        at = next;
        if kind == EOF {
            break;
        }
        if kind != BOUNDSHEET || data.len() < 8 {
            continue;
        }
        let pos = u32::from_le_bytes([data[0], data[1], data[2], data[3]]) as usize;
        let chars = usize::from(data[6]);
        let name = match data[7] {
            // BIFF8: a flag byte, then 8-bit (Latin-1) or UTF-16 characters.
            0 => data
                .get(8..8 + chars)
                .map(|b| b.iter().map(|&c| char::from(c)).collect()),
            1 => data.get(8..8 + 2 * chars).map(|b| {
                let units: Vec<u16> = b.chunks_exact(2).map(|p| u16::from_le_bytes([p[0], p[1]])).collect();
                String::from_utf16_lossy(&units)
            }),
            _ => None,
        };
        out.push((pos, name.unwrap_or_default()));
    }
    out
}
