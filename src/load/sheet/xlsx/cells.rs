//! Rows of a worksheet's `<sheetData>`, a piece at a time: a piece is whole `<row>` elements, so
//! pieces are read on every core at once. Cell values become the same text calamine's values
//! become in the sheet loader (numbers without `.0`, dates by their style, booleans 是/否, error
//! codes kept); anything unexpected gives `None` and the workbook goes to calamine.

use super::numfmt::Kind;
use super::text::{SharedStrings, escapes, line_ends, references, rich};
use crate::load::sheet::grid::{SHARED, Span, clean, data_text, float_text};
use calamine::{CellErrorType, Data, ExcelDateTime, ExcelDateTimeType};
use memchr::memmem;
use std::sync::atomic::{AtomicU64, Ordering};

/// What every piece of a workbook's sheets reads with.
pub struct Book<'a> {
    pub shared: &'a SharedStrings,
    pub styles: &'a [Kind],
    pub date1904: bool,
    /// Cell slots a sheet may allocate, and those allocated so far (see
    /// [`crate::load::limits::MAX_SHEET_CELLS`]).
    pub max_cells: u64,
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

impl<'a> Cursor<'a> {
    fn ws(&mut self) {
        while matches!(self.b.get(self.i), Some(b' ' | b'\t' | b'\r' | b'\n')) {
            self.i += 1;
        }
    }
    /// At `<name` followed by the end of the name.
    fn at_tag(&self, name: &[u8]) -> bool {
        self.b[self.i..].starts_with(name)
            && matches!(
                self.b.get(self.i + name.len()),
                Some(b' ' | b'>' | b'/' | b'\t' | b'\r' | b'\n')
            )
    }
    fn at(&self, lit: &[u8]) -> bool {
        self.b[self.i..].starts_with(lit)
    }
    /// From inside an opening tag to past its `>`: its attributes, and whether it closes itself.
    fn rest_of_tag(&mut self) -> Option<(&'a str, bool)> {
        let gt = self.i + memchr::memchr(b'>', &self.b[self.i..])?;
        let closed = gt > self.i && self.b[gt - 1] == b'/';
        let attrs = &self.s[self.i..if closed { gt - 1 } else { gt }];
        self.i = gt + 1;
        Some((attrs, closed))
    }
    /// Text up to the closing `</name>` (text holds no `<`), and past it.
    fn text_until(&mut self, close: &[u8]) -> Option<&'a str> {
        let end = self.i + memchr::memchr(b'<', &self.b[self.i..])?;
        if !self.b[end..].starts_with(close) {
            return None;
        }
        let t = &self.s[self.i..end];
        self.i = end + close.len();
        Some(t)
    }
}

/// `name="value"` pairs of a tag (single or double quotes); `None` for anything else in it.
fn attrs(a: &str) -> impl Iterator<Item = Option<(&str, &str)>> {
    let mut rest = a;
    std::iter::from_fn(move || {
        let t = rest.trim_start_matches([' ', '\t', '\r', '\n']);
        if t.is_empty() {
            return None;
        }
        if t.len() == rest.len() && !rest.is_empty() {
            rest = "";
            return Some(None);
        }
        let pair = (|| {
            let eq = t.find('=')?;
            let name = t[..eq].trim_end();
            if name.is_empty() || name.contains([' ', '\t', '\r', '\n', '"', '\'', '<', '>']) {
                return None;
            }
            let after = t[eq + 1..].trim_start();
            let q = after.chars().next().filter(|c| *c == '"' || *c == '\'')?;
            let end = after[1..].find(q)? + 1;
            let value = &after[1..end];
            if value.contains('<') {
                return None;
            }
            rest = &after[end + 1..];
            Some((name, value))
        })();
        if pair.is_none() {
            rest = "";
        }
        Some(pair)
    })
}

/// `AB12` → 0-based (row, column); letters then digits, nothing else.
pub fn cell_ref(s: &str) -> Option<(u32, u32)> {
    let b = s.as_bytes();
    let letters = b.iter().take_while(|c| c.is_ascii_alphabetic()).count();
    if letters == 0 || letters > 3 || letters == b.len() || !b[letters..].iter().all(u8::is_ascii_digit) {
        return None;
    }
    let col = b[..letters]
        .iter()
        .fold(0u32, |n, c| n * 26 + u32::from(c.to_ascii_uppercase() - b'A' + 1));
    let row: u32 = s[letters..].parse().ok()?;
    Some((row.checked_sub(1)?, col - 1))
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
        let (a, closed) = p.rest_of_tag()?;
        let (mut row, mut hidden) = (None, false);
        for kv in attrs(a) {
            match kv? {
                ("r", v) => row = Some(v.parse::<u32>().ok()?.checked_sub(1)?),
                ("hidden", v) => hidden = v == "1" || v == "true",
                _ => {}
            }
        }
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
        let (a, closed) = p.rest_of_tag()?;
        let (mut pos, mut style, mut typ) = (None, None, None);
        for kv in attrs(a) {
            match kv? {
                ("r", v) => pos = Some(cell_ref(v)?),
                ("s", v) => style = Some(v),
                ("t", v) => typ = Some(v),
                _ => {}
            }
        }
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
                (!t.is_empty()).then_some((start, part.text.len()))
            }
            Value::Error(code) => {
                let start = part.text.len();
                part.text.push_str(&code);
                part.errors.push((r, c, code));
                Some((start, part.text.len()))
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

enum Value {
    Empty,
    Shared(usize),
    Text(String),
    Error(String),
}

/// The children of a `<c>` up to and past `</c>`: its value, and whether it has a formula. As in
/// calamine, the last child decides (`<f>` alone reads as empty).
fn cell_value(p: &mut Cursor, style: Option<&str>, typ: Option<&str>, book: &Book) -> Option<(Value, bool)> {
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
            let (a, closed) = p.rest_of_tag()?;
            attrs(a).try_for_each(|kv| kv.map(drop))?;
            let raw = if closed { "" } else { p.text_until(b"</v>")? };
            value = v_value(raw, style, typ, book)?;
        } else if p.at_tag(b"<f") {
            p.i += 2;
            let (a, closed) = p.rest_of_tag()?;
            attrs(a).try_for_each(|kv| kv.map(drop))?;
            if !closed {
                p.text_until(b"</f>")?;
            }
            formula = true;
            value = Value::Empty;
        } else if p.at_tag(b"<is") {
            p.i += 3;
            let (a, closed) = p.rest_of_tag()?;
            attrs(a).try_for_each(|kv| kv.map(drop))?;
            value = if closed {
                Value::Text(String::new())
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
fn v_value(raw: &str, style: Option<&str>, typ: Option<&str>, book: &Book) -> Option<Value> {
    // The plain types are read from the raw text, as calamine does; a reference there is odd
    // enough to leave to it.
    let plain = matches!(typ, None | Some("n" | "s" | "b" | "e"));
    if plain && raw.contains('&') {
        return None;
    }
    Some(match typ {
        Some("inlineStr" | "is") => Value::Empty,
        _ if plain && raw.is_empty() => Value::Empty,
        Some("s") => {
            if !raw.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            Value::Shared(raw.parse().ok()?)
        }
        Some("b") => match raw.trim() {
            "" => Value::Empty,
            "0" => Value::Text("否".into()),
            "1" => Value::Text("是".into()),
            t if t.eq_ignore_ascii_case("false") => Value::Text("否".into()),
            t if t.eq_ignore_ascii_case("true") => Value::Text("是".into()),
            _ => return None,
        },
        Some("e") => Value::Error(raw.parse::<CellErrorType>().ok()?.to_string()),
        Some("str") => Value::Text(escapes(&references(&line_ends(raw))?).into_owned()),
        Some("d") => Value::Text(references(&line_ends(raw))?.into_owned()),
        None | Some("n") => match raw.parse::<f64>() {
            Ok(n) => Value::Text(number(n, style, book)),
            Err(_) if typ.is_none() => Value::Text(raw.to_string()),
            Err(_) => return None,
        },
        Some(_) => return None,
    })
}

/// A number as the sheet shows it: a date or duration when its style's format is one.
fn number(n: f64, style: Option<&str>, book: &Book) -> String {
    let kind = match style {
        None => Kind::Number,
        Some(s) => book
            .styles
            .get(s.parse::<usize>().unwrap_or(0))
            .copied()
            .unwrap_or(Kind::Number),
    };
    match kind {
        Kind::Number => float_text(n),
        Kind::DateTime => data_text(&Data::DateTime(ExcelDateTime::new(
            n,
            ExcelDateTimeType::DateTime,
            book.date1904,
        ))),
        Kind::Duration => data_text(&Data::DateTime(ExcelDateTime::new(
            n,
            ExcelDateTimeType::TimeDelta,
            book.date1904,
        ))),
    }
}
