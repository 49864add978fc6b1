//! CSV records read straight off the decoded text into a [`Grid`], in pieces on every core.
//!
//! The reading is the csv crate's (csv-core) with our settings — any of `\r`, `\n`, `\r\n` ends a
//! record, blank lines are skipped, a field that starts with `"` is quoted (`""` inside is one
//! quote, bytes after its closing quote are kept), a `"` inside an unquoted field is text — and
//! each cell is a byte range of the text itself: only cells that must change (a doubled quote,
//! a `\r` inside a quoted cell) are written out, after the text. The file is not copied.
//!
//! Pieces start after a line break, which may lie inside a quoted cell. Each piece reads whole
//! records until it has passed the start of the next piece; where it stops is where the records
//! truly continue, because the first piece starts at the true start. A piece whose guessed
//! start differs from that is read again from the right place, so the result is always the one
//! a single reader gives (the tests compare both, and both with the csv crate).

use crate::load::sheet::grid::{Grid, MAX_TEXT, SHARED, Span, clean};
use rayon::prelude::*;

/// Text read by one task: big enough that the split costs nothing, small enough for two cores
/// to share a 40 MB file evenly.
const PIECE: usize = 4 << 20;

/// Marks a span of a piece's own buffer of rewritten cells until the buffers are moved after
/// the text (a CSV grid has no shared text, whose mark this is).
const REWRITTEN: u32 = SHARED;

/// Why a CSV text gives no grid.
#[derive(Debug, PartialEq, Eq)]
pub enum Refused {
    /// The cells hold more than a sheet may ([`MAX_TEXT`]).
    TooLarge,
    /// A quoted cell opened on this line (1-based) is never closed: the rest of the file
    /// would silently become one cell.
    OpenQuote(u64),
}

/// The grid of `text` from byte `start` (after a byte-order mark) with `delimiter`.
pub fn grid(text: String, start: usize, delimiter: u8, name: String) -> Result<Grid, Refused> {
    let (grid, open) = read_grid(text, start, delimiter, name, PIECE);
    match (grid, open) {
        (_, Some(at)) => Err(Refused::OpenQuote(at)),
        (Some(g), None) => Ok(g),
        (None, None) => Err(Refused::TooLarge),
    }
}

/// The grid as the csv crate reads it (an unclosed quote holds the rest of the text), with
/// pieces of `piece` bytes: tests and the fuzz target read in tiny pieces.
pub fn grid_in_pieces(text: String, start: usize, delimiter: u8, name: String, piece: usize) -> Option<Grid> {
    read_grid(text, start, delimiter, name, piece).0
}

/// The grid, or `None` when too large; and the line where a quote that is never closed opens.
fn read_grid(text: String, start: usize, delimiter: u8, name: String, piece: usize) -> (Option<Grid>, Option<u64>) {
    if text.len() > MAX_TEXT {
        return (None, None);
    }
    let b = text.as_bytes();
    let starts = guess_starts(b, start, piece);
    let stop = |k: usize| starts.get(k + 1).copied().unwrap_or(b.len());
    let mut pieces: Vec<Piece> = starts
        .par_iter()
        .enumerate()
        .map(|(k, &from)| read(&text, from, stop(k), delimiter))
        .collect();
    // Where each piece really starts is where the one before stopped.
    for k in 1..pieces.len() {
        let from = pieces[k - 1].end;
        if from != starts[k] {
            pieces[k] = read(&text, from, stop(k).max(from), delimiter);
        }
    }
    // Cells whose quote closed before their end, as (row, column) of the whole grid.
    let mut early = Vec::new();
    let mut row0 = 0;
    for p in &pieces {
        early.extend(
            p.closed_early
                .iter()
                .map(|(r, c, t)| ((row0 + r) as u32, *c as u32, t.clone())),
        );
        row0 += p.rows.len();
    }
    let mut base = text.len();
    let bases: Vec<usize> = pieces
        .iter()
        .map(|p| {
            let b = base;
            base += p.rewritten.len();
            b
        })
        .collect();
    // Only the last piece reaches the end of the text, where an open quote shows.
    let open = pieces
        .iter()
        .find_map(|p| p.open_quote)
        .map(|at| super::line_of(text.as_bytes(), at) - super::line_of(text.as_bytes(), start) + 1);
    if base > MAX_TEXT {
        return (None, open);
    }
    pieces.par_iter_mut().zip(&bases).for_each(|(p, &base)| {
        let base = base as u32;
        for span in p.rows.iter_mut().flatten() {
            if span.0 & REWRITTEN != 0 {
                *span = ((span.0 & !REWRITTEN) + base, (span.1 & !REWRITTEN) + base);
            }
        }
    });
    let mut text = text;
    text.reserve_exact(base - text.len());
    let mut rows = Vec::with_capacity(pieces.iter().map(|p| p.rows.len()).sum());
    for p in pieces {
        text.push_str(&p.rewritten);
        rows.extend(p.rows);
    }
    let mut grid = Grid::new(0, name).with_cells(text, None, rows);
    grid.quotes_closed_early = early;
    (Some(grid), open)
}

/// Guessed piece starts: after the first line break outside quotes at or past each multiple of
/// `piece`. Office sheets break lines inside their 材料 and 条件 cells, so a line break alone is
/// mostly inside a quoted cell and the piece would be read a second time, on one core; the
/// quotes before each multiple (counted on every core) tell which line breaks end a record. A
/// `"` inside an unquoted cell is text and spoils the count after it: those pieces are read
/// again from where the one before stopped, as any wrong guess is.
pub(super) fn guess_starts(b: &[u8], start: usize, piece: usize) -> Vec<usize> {
    let marks: Vec<usize> = (1..)
        .map(|k| start.saturating_add(piece.saturating_mul(k)))
        .take_while(|&at| at < b.len())
        .collect();
    let quotes: Vec<usize> = std::iter::once(start)
        .chain(marks.iter().copied())
        .collect::<Vec<_>>()
        .par_iter()
        .enumerate()
        .map(|(k, &from)| memchr::memchr_iter(b'"', &b[from..marks.get(k).copied().unwrap_or(b.len())]).count())
        .collect();
    let mut inside = false;
    let open_at: Vec<bool> = quotes[..marks.len()]
        .iter()
        .map(|&n| {
            inside ^= n % 2 == 1;
            inside
        })
        .collect();
    let found: Vec<Option<usize>> = marks
        .par_iter()
        .zip(&open_at)
        .map(|(&at, &open)| {
            let mut inside = open;
            memchr::memchr2_iter(b'"', b'\n', &b[at..])
                .map(|i| at + i)
                .find(|&i| {
                    if b[i] == b'"' {
                        inside = !inside;
                        return false;
                    }
                    !inside
                })
                .map(|i| i + 1)
        })
        .collect();
    let mut starts = vec![start];
    for at in found {
        match at {
            // Pieces stay in order and apart (a long quoted cell may span several marks).
            Some(at) if at < b.len() && at > starts[starts.len() - 1] => starts.push(at),
            Some(_) => continue,
            None => break,
        }
    }
    starts
}

/// The records of one piece.
struct Piece {
    rows: Vec<Vec<Span>>,
    /// Cells that differ from their bytes in the text.
    rewritten: String,
    /// Where the records after this piece's start: a record start or a line end before one.
    end: usize,
    /// The opening quote of a quoted cell the text ends in.
    open_quote: Option<usize>,
    /// Cells (row of the piece, column, text) with text after their closing quote.
    closed_early: Vec<(usize, usize, String)>,
}

/// Read records from `from` (the start of a record, or blank lines before one) until the first
/// record start at or past `stop`.
fn read(text: &str, from: usize, stop: usize, delimiter: u8) -> Piece {
    let mut r = Reader {
        text,
        b: text.as_bytes(),
        pos: from,
        delimiter,
        rewritten: String::new(),
        scratch: String::new(),
        open_quote: None,
        closed_early: Vec::new(),
        row: 0,
    };
    let (mut rows, mut row) = (Vec::new(), Vec::new());
    let end = loop {
        if r.pos >= stop {
            break r.pos;
        }
        r.skip_line_ends();
        if r.pos >= stop {
            // `stop` lies in the line ends between two records: a record starts there.
            break stop;
        }
        row.clear();
        r.row = rows.len();
        r.record(&mut row);
        while row.last().is_some_and(|(a, b)| a == b) {
            row.pop();
        }
        // A copy is exactly as long as the row; a million rows grown by pushing would hold a
        // quarter more.
        rows.push(row.clone());
    };
    Piece {
        rows,
        rewritten: r.rewritten,
        end,
        open_quote: r.open_quote,
        closed_early: r.closed_early,
    }
}

struct Reader<'a> {
    text: &'a str,
    b: &'a [u8],
    pos: usize,
    delimiter: u8,
    rewritten: String,
    /// A quoted cell being put together.
    scratch: String,
    open_quote: Option<usize>,
    /// Quoted cells with text after their closing quote: (row of the piece, column, text).
    closed_early: Vec<(usize, usize, String)>,
    /// The row being read (of the piece).
    row: usize,
}

impl Reader<'_> {
    fn skip_line_ends(&mut self) {
        while matches!(self.b.get(self.pos), Some(b'\r' | b'\n')) {
            self.pos += 1;
        }
    }

    /// One record from `pos` (not at a line end); `pos` ends past its line end.
    fn record(&mut self, row: &mut Vec<Span>) {
        loop {
            let (span, more) = if self.b.get(self.pos) == Some(&b'"') {
                let (span, more, early) = self.quoted();
                if early {
                    let text = self.span_text(span);
                    self.closed_early
                        .push((self.row, row.len(), crate::text::excerpt(text, 40)));
                }
                (span, more)
            } else {
                let (from, end) = (self.pos, self.field_end(self.pos));
                self.pos = end;
                (self.cell(from, end), self.field_sep())
            };
            row.push(span);
            if !more {
                return;
            }
        }
    }

    /// End of unquoted bytes from `from`: the next delimiter or line end.
    fn field_end(&self, from: usize) -> usize {
        memchr::memchr3(self.delimiter, b'\r', b'\n', &self.b[from..]).map_or(self.b.len(), |i| from + i)
    }

    /// Step over what ends a field at `pos`: `true` after a delimiter (another field follows),
    /// `false` at a line end (consumed) or the end of the text.
    fn field_sep(&mut self) -> bool {
        match self.b.get(self.pos) {
            Some(&c) if c == self.delimiter => {
                self.pos += 1;
                true
            }
            Some(b'\r') => {
                self.pos += 1;
                if self.b.get(self.pos) == Some(&b'\n') {
                    self.pos += 1;
                }
                false
            }
            Some(b'\n') => {
                self.pos += 1;
                false
            }
            _ => false,
        }
    }

    /// A quoted field from the `"` at `pos`, and whether text other than spaces follows its
    /// closing quote (Excel never writes that: a stray quote opened the cell, or quotes meant
    /// as its text were taken for CSV's).
    fn quoted(&mut self) -> (Span, bool, bool) {
        let open = self.pos + 1;
        let mut piece = open;
        self.scratch.clear();
        let mut whole = true;
        loop {
            let Some(q) = memchr::memchr(b'"', &self.b[piece..]).map(|i| piece + i) else {
                // The text ends inside the quotes: the cell is what is there (as the csv crate
                // reads it), and the loader refuses the file at the opening quote.
                self.open_quote = Some(open - 1);
                self.pos = self.b.len();
                return (self.joined(whole, open, piece, self.b.len()), false, false);
            };
            if self.b.get(q + 1) == Some(&b'"') {
                self.scratch.push_str(&self.text[piece..=q]);
                whole = false;
                piece = q + 2;
                continue;
            }
            // Bytes after the closing quote, up to the delimiter or line end, belong to the cell.
            let end = self.field_end(q + 1);
            self.pos = end;
            let early = !crate::text::trim(&self.text[q + 1..end]).is_empty();
            let span = if end == q + 1 {
                self.joined(whole, open, piece, q)
            } else {
                self.scratch.push_str(&self.text[piece..q]);
                self.scratch.push_str(&self.text[q + 1..end]);
                self.joined(false, open, end, end)
            };
            return (span, self.field_sep(), early);
        }
    }

    /// The cell of a quoted field: the text from `open` to `end` when `whole`, else the scratch
    /// followed by `piece..end`.
    fn joined(&mut self, whole: bool, open: usize, piece: usize, end: usize) -> Span {
        if whole {
            return self.cell(open, end);
        }
        self.scratch.push_str(&self.text[piece..end]);
        let cleaned = cleaned(&self.scratch).into_owned();
        self.rewrite(&cleaned)
    }

    /// The text of a cell of this piece.
    fn span_text(&self, (a, b): Span) -> &str {
        if a & REWRITTEN != 0 {
            &self.rewritten[(a & !REWRITTEN) as usize..(b & !REWRITTEN) as usize]
        } else {
            &self.text[a as usize..b as usize]
        }
    }

    /// A cell kept in the piece's own buffer (never longer than its bytes in the text, so the
    /// offsets fit too).
    fn rewrite(&mut self, cell: &str) -> Span {
        let start = self.rewritten.len() as u32;
        self.rewritten.push_str(cell);
        (start | REWRITTEN, self.rewritten.len() as u32 | REWRITTEN)
    }

    /// The cleaned cell of `text[from..end]`: a narrower range, or a rewritten copy.
    fn cell(&mut self, from: usize, end: usize) -> Span {
        let raw = &self.text[from..end];
        match cleaned(raw) {
            std::borrow::Cow::Borrowed(t) => {
                // Offsets fit: the text is at most MAX_TEXT long.
                let a = from + (t.as_ptr() as usize - raw.as_ptr() as usize);
                (a as u32, (a + t.len()) as u32)
            }
            std::borrow::Cow::Owned(t) => self.rewrite(&t),
        }
    }
}

/// A cell as the grid holds it: trimmed ([`clean`]), and without the apostrophe a CSV writer
/// put before text a spreadsheet would run as a formula (`'=1` is the text `=1`; see
/// `safe::neutralize_formula`, which `convert` applies to the CSV it writes).
fn cleaned(raw: &str) -> std::borrow::Cow<'_, str> {
    let c = clean(raw);
    // `="0001140010"`: a CSV made for Excel keeps a code as text so (a formula giving the
    // text, shown as the text); the cell is that text.
    if let Some(text) = c
        .strip_prefix("=\"")
        .and_then(|t| t.strip_suffix('"'))
        .filter(|t| !t.contains('"'))
    {
        return std::borrow::Cow::Owned(text.to_string());
    }
    // `'1133030200200000054330302`: the apostrophe an Excel user types to keep a long number
    // as text, written into the CSV by a tool that saves what the cell shows; the cell is the code.
    let text_mark = c.strip_prefix('\'').is_some_and(|t| {
        t.len() >= 2 && t.starts_with(|ch: char| ch.is_ascii_digit()) && t.bytes().all(|b| b.is_ascii_alphanumeric())
    });
    if text_mark {
        return match c {
            std::borrow::Cow::Borrowed(b) => std::borrow::Cow::Borrowed(&b[1..]),
            std::borrow::Cow::Owned(o) => std::borrow::Cow::Owned(o[1..].to_string()),
        };
    }
    match crate::safe::restore_formula(&c) {
        r if r.len() == c.len() => c,
        // What follows the apostrophe is the text as written (`'\t=1` holds `\t=1`).
        r => std::borrow::Cow::Owned(r.to_string()),
    }
}

/// The grid as the csv crate reads `text` with our settings: the reader ours replaced, kept as
/// the reference its tests and fuzz target compare with.
pub fn grid_with_csv_crate(text: &str, delimiter: u8) -> Grid {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    // Cells stored as `cleaned` gives them (`Grid::push_row` would trim them once more).
    let (mut cells, mut rows) = (String::new(), Vec::new());
    for rec in rdr.byte_records() {
        let rec = rec.expect("the csv crate reads any bytes in flexible mode");
        // Fields are cut at ASCII bytes, so each is valid UTF-8 as the text is.
        let mut row: Vec<Span> = rec
            .iter()
            .map(|f| {
                let start = cells.len() as u32;
                cells.push_str(&cleaned(std::str::from_utf8(f).unwrap_or_default()));
                (start, cells.len() as u32)
            })
            .collect();
        while row.last().is_some_and(|(a, b)| a == b) {
            row.pop();
        }
        rows.push(row);
    }
    Grid::new(0, "t".into()).with_cells(cells, None, rows)
}
