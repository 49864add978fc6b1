//! Where a value came from: a position in a text file or a cell in a sheet.
//!
//! `Loc` is `Copy` and small so that every value of the model can carry one.

use std::fmt;

/// Index of a source file in [`crate::model::Catalog::sources`].
pub type FileId = u32;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Pos {
    /// No precise place (a value synthesized by the tool).
    #[default]
    None,
    /// 1-based line and 1-based column counted in characters; `offset`/`len` in bytes.
    Text { line: u32, col: u32, offset: u32, len: u32 },
    /// 0-based absolute row and column in sheet `sheet` (index into the source's sheet names);
    /// `entry` is the 1-based entry of a cell holding several (`1.申请书⏎2.营业执照`), 0 for
    /// the whole cell.
    Cell { sheet: u16, row: u32, col: u32, entry: u16 },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Loc {
    pub file: FileId,
    pub pos: Pos,
}

impl Loc {
    pub fn text(file: FileId, line: u32, col: u32, offset: u32, len: u32) -> Self {
        Loc {
            file,
            pos: Pos::Text { line, col, offset, len },
        }
    }
    pub fn cell(file: FileId, sheet: u16, row: u32, col: u32) -> Self {
        Loc {
            file,
            pos: Pos::Cell {
                sheet,
                row,
                col,
                entry: 0,
            },
        }
    }
    /// The same cell, its `n`-th entry (1-based); a text position is left as it is.
    pub fn with_entry(mut self, n: usize) -> Self {
        if let Pos::Cell { entry, .. } = &mut self.pos {
            *entry = n.min(u16::MAX as usize) as u16;
        }
        self
    }
    /// The file, sheet and row of a cell's place (none for a place in a text).
    pub fn sheet_row(&self) -> Option<(FileId, u16, u32)> {
        match self.pos {
            Pos::Cell { sheet, row, .. } => Some((self.file, sheet, row)),
            _ => None,
        }
    }
    pub fn line(&self) -> Option<u32> {
        match self.pos {
            Pos::Text { line, .. } => Some(line),
            Pos::Cell { row, .. } => Some(row + 1),
            Pos::None => None,
        }
    }
}

/// A value with the place it was read from.
#[derive(Clone, Debug, PartialEq)]
pub struct Spanned<T> {
    pub value: T,
    pub loc: Loc,
}

impl<T> Spanned<T> {
    pub fn new(value: T, loc: Loc) -> Self {
        Spanned { value, loc }
    }
}

impl<T: fmt::Display> fmt::Display for Spanned<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.value.fmt(f)
    }
}

/// Column letters of a 0-based column index: 0 → A, 25 → Z, 26 → AA.
pub fn column_letters(mut col: u32) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// A1-style address of a 0-based (row, col).
pub fn a1(row: u32, col: u32) -> String {
    format!("{}{}", column_letters(col), row + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn letters() {
        assert_eq!(a1(0, 0), "A1");
        assert_eq!(a1(11, 5), "F12");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
    }
}
