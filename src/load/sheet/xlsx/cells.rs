//! Rows of a worksheet's `<sheetData>`, a piece at a time: a piece is whole `<row>` elements, so
//! pieces are read on every core at once. Cell values become the same text calamine's values
//! become in the sheet loader (numbers without `.0`, dates by their style, booleans 是/否, error
//! codes kept); anything unexpected gives `None` and the workbook goes to calamine.

use super::numfmt::Kind;
use super::text::{SharedStrings, escapes, line_ends, references, rich};
use crate::load::sheet::grid::{SHARED, Span, clean, data_text, float_text};
use calamine::{CellErrorType, Data, ExcelDateTime, ExcelDateTimeType};
use memchr::memmem;
use std::borrow::Cow;
use std::sync::atomic::{AtomicU64, Ordering};

/// What every piece of a workbook's sheets reads with.
pub struct Book<'a> {
    pub shared: &'a SharedStrings,
    pub styles: &'a [Kind],
    pub date1904: bool,
    /// Cell slots the workbook may allocate (see [`crate::load::limits::MAX_SHEET_CELLS`]).
    pub max_cells: u64,
    /// Cell slots its sheets have taken so far: the budget is the workbook's, since three
    /// sheets just under a sheet's limit would hold three times the memory (three sheets of a
    /// 93 KB file with a cell in column XFD on 3,000 rows took 1.2 GB).
    pub used: AtomicU64,
}

/// The rows of one piece, at their absolute 0-based positions.
#[derive(Debug, Default)]
pub struct Part {
    /// Texts of the cells that are not shared strings.
    pub text: String,
    /// Absolute row, and its cells from column A (spans into `text`, or shared).
    pub rows: Vec<(u32, Vec<Span>)>,
    /// 1-based numbers of rows marked hidden.
    pub hidden: Vec<u32>,
    /// Cells holding an error value: absolute (row, col) and its code.
    pub errors: Vec<(u32, u32, String)>,
    /// Position of the piece's first `<c>`.
    pub first: Option<(u32, u32)>,
}

struct Cursor<'a> {
    s: &'a str,
    b: &'a [u8],
    i: usize,
}

/// XML white space.
fn space(c: Option<&u8>) -> bool {
    matches!(c, Some(b' ' | b'\t' | b'\r' | b'\n'))
}

impl<'a> Cursor<'a> {
    fn ws(&mut self) {
        while space(self.b.get(self.i)) {
            self.i += 1;
        }
    }
    /// At `<name` followed by the end of the name.
    fn at_tag(&self, name: &[u8]) -> bool {
        let next = self.b.get(self.i + name.len());
        self.b[self.i..].starts_with(name) && (space(next) || matches!(next, Some(b'>' | b'/')))
    }
    fn at(&self, lit: &[u8]) -> bool {
        self.b[self.i..].starts_with(lit)
    }
    /// The attributes of the tag whose name was just read, each handed to `f`, up to and past
    /// its `>`; whether it closed itself (`/>`). Strict — white space before each attribute,
    /// quoted values without `<` — and byte by byte, as a big sheet has tens of millions of tags.
    fn tag(&mut self, mut f: impl FnMut(&'a [u8], &'a str) -> Option<()>) -> Option<bool> {
        let (b, s) = (self.b, self.s);
        let ws = |i: usize| space(b.get(i));
        let mut i = self.i;
        loop {
            let before = i;
            while ws(i) {
                i += 1;
            }
            match b.get(i)? {
                b'>' => {
                    self.i = i + 1;
                    return Some(false);
                }
                b'/' if b.get(i + 1) == Some(&b'>') => {
                    self.i = i + 2;
                    return Some(true);
                }
                _ if i == before => return None,
                _ => {}
            }
            let name_start = i;
            while let Some(&c) = b.get(i) {
                match c {
                    b'=' | b' ' | b'\t' | b'\r' | b'\n' => break,
                    b'"' | b'\'' | b'<' | b'>' | b'/' => return None,
                    _ => i += 1,
                }
            }
            let name = &b[name_start..i];
            while ws(i) {
                i += 1;
            }
            if name.is_empty() || b.get(i) != Some(&b'=') {
                return None;
            }
            i += 1;
            while ws(i) {
                i += 1;
            }
            let quote = *b.get(i).filter(|c| matches!(c, b'"' | b'\''))?;
            let start = i + 1;
            i = start;
            loop {
                match *b.get(i)? {
                    c if c == quote => break,
                    b'<' => return None,
                    _ => i += 1,
                }
            }
            f(name, &s[start..i])?;
            i += 1;
        }
    }
    /// Text up to the closing `</name>` (text holds no `<`), and past it.
    fn text_until(&mut self, close: &[u8]) -> Option<&'a str> {
        // Most values are a few bytes: look at them before calling memchr.
        let rest = &self.b[self.i..];
        let end = self.i
            + match rest.iter().take(16).position(|&c| c == b'<') {
                Some(k) => k,
                None => memchr::memchr(b'<', rest)?,
            };
        if !self.b[end..].starts_with(close) {
            return None;
        }
        let t = &self.s[self.i..end];
        self.i = end + close.len();
        Some(t)
    }
}

/// `AB12` → 0-based (row, column); letters then digits, nothing else.
pub fn cell_ref(s: &str) -> Option<(u32, u32)> {
    let b = s.as_bytes();
    let split = b.iter().take_while(|c| c.is_ascii_alphabetic()).count();
    column_row(&b[..split], &b[split..])
}

/// Column letters (one to three) and row digits → 0-based (row, column).
pub fn column_row(letters: &[u8], row: &[u8]) -> Option<(u32, u32)> {
    if letters.is_empty() || letters.len() > 3 || !letters.iter().all(u8::is_ascii_alphabetic) {
        return None;
    }
    let col = letters
        .iter()
        .fold(0u32, |n, c| n * 26 + u32::from(c.to_ascii_uppercase() - b'A' + 1));
    Some((u32::try_from(digits(row)?).ok()?.checked_sub(1)?, col - 1))
}

/// ASCII digits as a number (`None` when empty, anything else, or past u64).
fn digits(b: &[u8]) -> Option<u64> {
    if b.is_empty() {
        return None;
    }
    b.iter().try_fold(0u64, |n, &c| {
        c.is_ascii_digit().then_some(())?;
        n.checked_mul(10)?.checked_add(u64::from(c - b'0'))
    })
}

/// One piece: zero or more whole `<row>` elements.
pub fn parse(piece: &str, book: &Book, used: &AtomicU64) -> Option<Part> {
    let mut p = Cursor {
        s: piece,
        b: piece.as_bytes(),
        i: 0,
    };
    let mut part = Part::default();
    loop {
        p.ws();
        if p.i >= p.b.len() {
            return Some(part);
        }
        if !p.at_tag(b"<row") {
            return None;
        }
        p.i += 4;
        let (mut row, mut hidden) = (None, false);
        let closed = p.tag(|k, v| {
            match k {
                b"r" => row = Some(u32::try_from(digits(v.as_bytes())?).ok()?.checked_sub(1)?),
                b"hidden" => hidden = v == "1" || v == "true",
                _ => {}
            }
            Some(())
        })?;
        let row = row?;
        if hidden {
            part.hidden.push(row + 1);
        }
        let mut cells: Vec<Span> = Vec::new();
        if !closed {
            read_cells(&mut p, row, &mut cells, &mut part, book)?;
        }
        if used.fetch_add(cells.len() as u64, Ordering::Relaxed) + cells.len() as u64 > book.max_cells {
            return None;
        }
        part.rows.push((row, cells));
    }
}

/// The `<c>` elements of a row, up to and past its `</row>`.
fn read_cells(p: &mut Cursor, row: u32, cells: &mut Vec<Span>, part: &mut Part, book: &Book) -> Option<()> {
    let mut next_col = 0u32;
    loop {
        p.ws();
        if p.at(b"</row>") {
            p.i += 6;
            return Some(());
        }
        if !p.at_tag(b"<c") {
            return None;
        }
        p.i += 2;
        let (mut pos, mut style, mut typ) = (None, None, None);
        let closed = p.tag(|k, v| {
            match k {
                [b'r'] => pos = Some(cell_ref(v)?),
                [b's'] => style = Some(v),
                [b't'] => typ = Some(v),
                _ => {}
            }
            Some(())
        })?;
        let (r, c) = pos?;
        if r != row || c < next_col {
            return None;
        }
        next_col = c + 1;
        part.first.get_or_insert((r, c));
        if closed {
            continue;
        }
        let (value, formula) = cell_value(p, style, typ, book)?;
        let span = match value {
            Value::Empty => None,
            Value::Shared(i) => {
                let (x, y) = *book.shared.spans.get(i)?;
                (x != y).then_some((x | SHARED, y | SHARED))
            }
            Value::Text(t) => {
                let t = clean(&t);
                let start = part.text.len();
                part.text.push_str(&t);
                (!t.is_empty()).then_some((u32::try_from(start).ok()?, u32::try_from(part.text.len()).ok()?))
            }
            Value::Error(code) => {
                let start = part.text.len();
                part.text.push_str(&code);
                part.errors.push((r, c, code));
                Some((u32::try_from(start).ok()?, u32::try_from(part.text.len()).ok()?))
            }
        };
        match span {
            Some(span) => {
                let c = c as usize;
                if cells.len() <= c {
                    cells.resize(c + 1, (0, 0));
                }
                cells[c] = span;
            }
            // A formula saved without its value is reported by the other reader.
            None if formula => return None,
            None => {}
        }
    }
}

enum Value<'a> {
    Empty,
    Shared(usize),
    Text(Cow<'a, str>),
    Error(String),
}

/// The children of a `<c>` up to and past `</c>`: its value, and whether it has a formula. As in
/// calamine, the last child decides (`<f>` alone reads as empty).
fn cell_value<'a>(
    p: &mut Cursor<'a>,
    style: Option<&str>,
    typ: Option<&str>,
    book: &Book,
) -> Option<(Value<'a>, bool)> {
    let mut value = Value::Empty;
    let mut formula = false;
    loop {
        p.ws();
        if p.at(b"</c>") {
            p.i += 4;
            return Some((value, formula));
        }
        if p.at_tag(b"<v") {
            p.i += 2;
            let closed = p.tag(|_, _| Some(()))?;
            let raw = if closed { "" } else { p.text_until(b"</v>")? };
            value = v_value(raw, style, typ, book)?;
        } else if p.at_tag(b"<f") {
            p.i += 2;
            let closed = p.tag(|_, _| Some(()))?;
            if !closed {
                p.text_until(b"</f>")?;
            }
            formula = true;
            value = Value::Empty;
        } else if p.at_tag(b"<is") {
            p.i += 3;
            let closed = p.tag(|_, _| Some(()))?;
            value = if closed {
                Value::Text(Cow::Borrowed(""))
            } else {
                let end = p.i + memmem::find(&p.b[p.i..], b"</is>")?;
                let t = rich(&p.s[p.i..end])?;
                p.i = end + 5;
                Value::Text(t)
            };
        } else {
            return None;
        }
    }
}

/// A `<v>` by the cell's type.
fn v_value<'a>(raw: &'a str, style: Option<&str>, typ: Option<&str>, book: &Book) -> Option<Value<'a>> {
    // The plain types are read from the raw text, as calamine does; a reference there is odd
    // enough to leave to it.
    let plain = matches!(typ, None | Some("n" | "s" | "b" | "e"));
    if plain && raw.contains('&') {
        return None;
    }
    Some(match typ {
        Some("inlineStr" | "is") => Value::Empty,
        _ if plain && raw.is_empty() => Value::Empty,
        Some("s") => Value::Shared(usize::try_from(digits(raw.as_bytes())?).ok()?),
        Some("b") => match raw.trim() {
            "" => Value::Empty,
            "0" => Value::Text(Cow::Borrowed("否")),
            "1" => Value::Text(Cow::Borrowed("是")),
            t if t.eq_ignore_ascii_case("false") => Value::Text(Cow::Borrowed("否")),
            t if t.eq_ignore_ascii_case("true") => Value::Text(Cow::Borrowed("是")),
            _ => return None,
        },
        Some("e") => Value::Error(raw.parse::<CellErrorType>().ok()?.to_string()),
        Some("str") => Value::Text(Cow::Owned(escapes(&references(&line_ends(raw))?).into_owned())),
        Some("d") => Value::Text(Cow::Owned(references(&line_ends(raw))?.into_owned())),
        // A whole number in a number format reads as written (what formatting it would give).
        None | Some("n") if plain_integer(raw) && kind(style, book) == Kind::Number => Value::Text(Cow::Borrowed(raw)),
        None | Some("n") => match raw.parse::<f64>() {
            Ok(n) => Value::Text(Cow::Owned(number(n, kind(style, book), book))),
            Err(_) if typ.is_none() => Value::Text(Cow::Borrowed(raw)),
            Err(_) => return None,
        },
        Some(_) => return None,
    })
}

/// Digits without a leading zero, short enough to be exact as a float: `float_text` would give
/// the same text back.
fn plain_integer(raw: &str) -> bool {
    let b = raw.as_bytes();
    (1..=15).contains(&b.len()) && b.iter().all(u8::is_ascii_digit) && (b[0] != b'0' || b.len() == 1)
}

/// How a cell's style shows numbers (no style, or one past the table: as numbers).
fn kind(style: Option<&str>, book: &Book) -> Kind {
    match style {
        None => Kind::Number,
        Some(s) => book
            .styles
            .get(digits(s.as_bytes()).unwrap_or(0) as usize)
            .copied()
            .unwrap_or(Kind::Number),
    }
}

/// A number as the sheet shows it: a date or duration when its style's format is one.
fn number(n: f64, kind: Kind, book: &Book) -> String {
    let as_date = match kind {
        Kind::Number => return float_text(n),
        Kind::DateTime => ExcelDateTimeType::DateTime,
        Kind::Duration => ExcelDateTimeType::TimeDelta,
    };
    data_text(&Data::DateTime(ExcelDateTime::new(n, as_date, book.date1904)))
}
