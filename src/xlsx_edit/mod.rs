//! A marked-up copy of an xlsx workbook: every part of the input copied byte for byte, and only
//! the parts a mark touches rewritten (the marked worksheets, styles, comments, the workbook's
//! sheet list). See docs/xlsx-edit.md for why we write the parts ourselves.
//!
//! A library module: it knows nothing of findings or rules; the caller says which cells to mark
//! and which sheets to put in front.

use crate::error::Error;
use crate::i18n::Msg;
use std::path::Path;

/// How a cell is marked: the fill colour says how serious it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Mark {
    Error,
    Warning,
    Info,
    Changed,
}

impl Mark {
    /// The fill colour (RGB hex): red, amber, blue, green (Excel's own "bad/neutral/good" tints).
    pub fn fill_rgb(self) -> &'static str {
        match self {
            Mark::Error => "FFC7CE",
            Mark::Warning => "FFEB9C",
            Mark::Info => "DDEBF7",
            Mark::Changed => "C6EFCE",
        }
    }
    /// Higher is stronger: when several marks fall on one cell the strongest fill wins.
    pub fn strength(self) -> u8 {
        match self {
            Mark::Error => 3,
            Mark::Warning => 2,
            Mark::Info => 1,
            Mark::Changed => 0,
        }
    }
}

/// One cell of an existing worksheet to mark. Several marks on one cell are merged by the
/// editor: the strongest fill wins (Error > Warning > Info > Changed), comments joined in order
/// with a blank line between them; a comment the cell already has is kept, ours after it.
#[derive(Clone, Debug, PartialEq)]
pub struct CellMark {
    /// The worksheet's name as in workbook.xml.
    pub sheet: String,
    /// 0-based.
    pub row: u32,
    /// 0-based.
    pub col: u32,
    pub mark: Mark,
    /// The 批注 text (plain text, may contain line breaks).
    pub comment: String,
    /// `--fix`: the cell's new text (written as an inline string; a formula in the cell is
    /// dropped, since the text replaces what it computed).
    pub new_value: Option<String>,
}

/// A sheet the editor adds in front of the workbook's own sheets (检查结果, 规则说明).
#[derive(Clone, Debug, PartialEq)]
pub struct NewSheet {
    pub name: String,
    /// Header text, width in Excel character units.
    pub columns: Vec<(String, f64)>,
    /// Rows under the header.
    pub rows: Vec<Vec<NewCell>>,
    /// Autofilter over header and rows.
    pub autofilter: bool,
    /// Frozen first row.
    pub freeze_header: bool,
    /// A4 landscape, fit to one page wide, header row repeated on each page.
    pub landscape_a4: bool,
}

/// One cell of a [`NewSheet`].
#[derive(Clone, Debug, PartialEq)]
pub enum NewCell {
    Empty,
    Text(String),
    Number(f64),
    /// Text filled with a mark's colour (the 严重程度 column).
    Marked(String, Mark),
    /// An internal hyperlink: clicking it selects `cell` (0-based row/col) on `sheet`.
    Link {
        text: String,
        sheet: String,
        row: u32,
        col: u32,
    },
}

/// Everything to do to one workbook.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Edit {
    pub marks: Vec<CellMark>,
    pub front_sheets: Vec<NewSheet>,
    /// Sheets an earlier marking put in front (the caller knows them), left out of the copy.
    /// Whatever this says, the marks of an earlier marking on the workbook's own sheets — our
    /// comments (author `catalog`) and their cells' fills — come off: a marked copy marked
    /// again shows this run's findings only.
    pub replace_sheets: Vec<String>,
}

/// What a copy of this workbook cannot keep, said in Chinese and English (shown on 检查结果).
/// Called before [`apply`], so the summary can list it. Empty for an ordinary workbook.
pub fn inspect(input: &Path) -> Result<Vec<Msg>, Error> {
    let bytes = crate::load::limits::read_bounded(input)?;
    let (pkg, book) = book::open(input, &bytes)?;
    Ok(book::losses(&pkg, &book))
}

/// Writes the edited copy of `input` to `out` (through crate::safe: a temp file then rename, or
/// in place for devices/FIFOs as every other output). `input` is only read; `out` naming the
/// same file as `input` is refused (exit 2 error). Errors name the file and part.
pub fn apply(input: &Path, edit: &Edit, out: &Path) -> Result<(), Error> {
    apply::apply(input, edit, out)
}

mod apply;
mod book;
mod comments;
mod front;
mod opc;
mod package;
mod sheet;
mod styles;
mod workbook;
mod xml;
