//! A fast reader for the plain block YAML that catalogs are written in, giving exactly the node
//! tree (texts, styles, positions) the general parser gives.
//!
//! Catalog files are indented mappings and `- ` lists of one-line values, with a few one-line
//! `[…]` / `{…}` lists. This reader handles that shape and nothing more: at the first thing
//! outside it (anchors, tags, block scalars `|` `>`, escapes, values over several lines, tabs,
//! several documents, anything malformed) it gives up and the caller parses the text with
//! granit-parser, which also words the errors. The two are kept in step by differential tests
//! (`tests` below and `tests/yaml_block.rs`).

use super::tree::{Base, Node, TPos};
use std::borrow::Cow;

/// Deeper than any catalog; deeper text goes to the general parser and its limits.
const MAX_DEPTH: usize = 64;

/// YAML limits an implicit key to 1024 characters; longer keys (counted in bytes here, which
/// is never fewer) go to the general parser, which reports them.
const MAX_KEY_BYTES: usize = 1000;

/// Longest value read here; longer ones go to the general parser, which enforces the limit.
const MAX_SCALAR: usize = crate::load::limits::MAX_SCALAR_BYTES;

/// What a caller that needs only part of what it reads says of the keys.
pub trait Unread: Sync {
    /// A key's canonical name (two keys with one canonical name in a mapping are the same key,
    /// a duplicate, whether read or not), and whether its value — when it is a one-line plain
    /// text, given here — may be left out unread: the caller does not need it and nothing it
    /// would check in it can be wrong.
    fn key(&self, key: &str, plain_value: Option<&str>) -> (Option<&'static str>, bool);
    /// Whether everything below the key of this canonical name must be read (its entries are
    /// checked more strictly).
    fn read_all_below(&self, canonical: &str) -> bool;
}

/// Parse `src` (a file, or a chunk of one starting at `base`). `None`: not plain block YAML,
/// use the general parser. With `unread`, a mapping's entries whose values it may leave out
/// are not in the tree (a mapping whose keys repeat is left to the general parser, so that
/// the repeat is reported as when everything is read).
pub fn parse<'a>(src: &'a str, base: Base, unread: Option<&dyn Unread>) -> Option<Node<'a>> {
    if !plain_text(src) {
        return None;
    }
    let lines = lines(src);
    let mut r = Reader {
        src,
        lines,
        at: 0,
        base,
        depth: 0,
        nodes: Vec::new(),
        pairs: Vec::new(),
        unread,
        keys: Vec::new(),
    };
    let first = *r.lines.get(r.at)?;
    let node = r.node_at_line(first.indent)?;
    (r.at == r.lines.len()).then_some(node)
}

/// Only characters YAML reads as printable text, and line ends ('\n', or "\r\n" as Windows
/// editors save): no tab, no C0 or C1 control, no DEL, no byte-order mark, no U+FFFE/U+FFFF, and
/// none of the characters YAML 1.1 counts as line breaks (U+0085, U+2028, U+2029).
fn plain_text(src: &str) -> bool {
    // In blocks without an early exit, so that the compiler checks many bytes at once: this
    // runs over every byte of every file.
    const BLOCK: usize = 64;
    let b = src.as_bytes();
    let mut i = 0;
    while i + BLOCK + 2 <= b.len() {
        let w = &b[i..i + BLOCK + 2];
        let mut bad = false;
        for k in 0..BLOCK {
            bad |= unwanted(w[k], w[k + 1], w[k + 2]);
        }
        if bad {
            return false;
        }
        i += BLOCK;
    }
    let at = |i: usize| b.get(i).copied().unwrap_or(0);
    (i..b.len()).all(|k| !unwanted(at(k), at(k + 1), at(k + 2)))
}

/// Whether the byte `c`, followed by `n1` and `n2` (0 past the end), starts something
/// [`plain_text`] refuses. Bitwise operators, not `&&`/`||`: no branches.
#[inline(always)]
fn unwanted(c: u8, n1: u8, n2: u8) -> bool {
    // C0 controls but '\n' and a '\r' before '\n'; DEL.
    ((c < 0x20) & (c != b'\n') & !((c == b'\r') & (n1 == b'\n')))
        | (c == 0x7f)
        // U+0080–U+009F (C2 80–9F).
        | ((c == 0xc2) & (0x80..=0x9f).contains(&n1))
        // U+2028/2029 (E2 80 A8/A9).
        | ((c == 0xe2) & (n1 == 0x80) & ((n2 == 0xa8) | (n2 == 0xa9)))
        // U+FEFF (EF BB BF), U+FFFE/FFFF (EF BF BE/BF).
        | ((c == 0xef) & (((n1 == 0xbb) & (n2 == 0xbf)) | ((n1 == 0xbf) & ((n2 == 0xbe) | (n2 == 0xbf)))))
}

/// A line that holds something: blank and comment-only lines are not kept.
#[derive(Clone, Copy, Debug)]
struct Line {
    /// Byte offset of the line's first character.
    start: usize,
    /// Byte offset of its line end ("\r\n" or '\n', or the end of the text).
    end: usize,
    /// 0-based line number in `src`.
    no: u32,
    /// Leading spaces.
    indent: usize,
}

fn lines(src: &str) -> Vec<Line> {
    let b = src.as_bytes();
    let mut out = Vec::with_capacity(b.len() / 24 + 1);
    let mut start = 0;
    let mut no = 0u32;
    while start <= b.len() {
        let next = memchr::memchr(b'\n', &b[start..]).map_or(b.len(), |i| start + i);
        let end = if next > start && b[next - 1] == b'\r' {
            next - 1
        } else {
            next
        };
        let indent = b[start..end].iter().take_while(|c| **c == b' ').count();
        if start + indent != end && b[start + indent] != b'#' {
            out.push(Line { start, end, no, indent });
        }
        if next == b.len() {
            break;
        }
        start = next + 1;
        no += 1;
    }
    out
}

struct Reader<'a, 'f> {
    src: &'a str,
    lines: Vec<Line>,
    /// The next line to read.
    at: usize,
    base: Base,
    depth: usize,
    /// The entries of the lists and mappings being read, innermost last: each takes its own
    /// off the top when it ends, in a vector of the right size (one allocation, not one for
    /// every doubling).
    nodes: Vec<Node<'a>>,
    pairs: Vec<(Node<'a>, Node<'a>)>,
    unread: Option<&'f dyn Unread>,
    /// With `unread`: the keys of the mappings being read (innermost last), by canonical name.
    keys: Vec<&'static str>,
}

/// What a line holds from a given column on.
enum Lead<'a> {
    /// `- ` or a lone `-`.
    Dash,
    /// `key:` (a plain or quoted key), read: the key and the colon's offset.
    Key(Scalar<'a>, usize),
    Other,
}

impl<'a> Reader<'a, '_> {
    /// One level deeper: `None` past [`MAX_DEPTH`].
    fn descend(&mut self) -> Option<()> {
        self.depth += 1;
        (self.depth <= MAX_DEPTH).then_some(())
    }

    /// The next line, without moving.
    fn peek(&self) -> Option<Line> {
        self.lines.get(self.at).copied()
    }

    fn pos(&self, line_idx: usize, start: usize, end: usize) -> TPos {
        let l = self.lines[line_idx];
        let col = self.src.as_bytes()[l.start..start]
            .iter()
            .filter(|b| (**b as i8) >= -0x40)
            .count()
            + 1;
        TPos {
            line: (l.no as usize + 1 + self.base.line) as u32,
            col: col as u32,
            offset: (start + self.base.offset) as u32,
            len: (end - start) as u32,
        }
    }

    fn lead(&self, line: Line, from: usize) -> Lead<'a> {
        let rest = &self.src[from..line.end];
        if rest == "-" || rest.starts_with("- ") {
            return Lead::Dash;
        }
        match self.key_at(from, line.end) {
            Some((key, colon)) => Lead::Key(key, colon),
            None => Lead::Other,
        }
    }

    /// The node starting on the current line at column `col` (its first character).
    fn node_at_line(&mut self, col: usize) -> Option<Node<'a>> {
        let line = self.peek()?;
        let from = line.start + col;
        match self.lead(line, from) {
            Lead::Dash => self.seq(col, false),
            Lead::Key(key, colon) => self.map(col, key, colon),
            Lead::Other => None,
        }
    }

    /// A block sequence whose dashes stand at column `col`; the current line holds the first.
    /// `indentless`: a mapping's value whose dashes stand at the mapping's own column.
    fn seq(&mut self, col: usize, indentless: bool) -> Option<Node<'a>> {
        self.descend()?;
        let first = self.peek()?;
        let mut pos = self.pos(self.at, first.start + col, first.start + col);
        let from = self.nodes.len();
        while let Some(line) = self.peek() {
            if line.indent < col {
                break;
            }
            if line.indent > col {
                return None;
            }
            if !matches!(self.lead(line, line.start + col), Lead::Dash) {
                // A key at the dashes' column ends an indentless list inside a mapping.
                break;
            }
            let here = self.at;
            let dash = line.start + col;
            let after = skip_spaces(self.src, dash + 1, line.end);
            let rest = &self.src[after..line.end];
            if rest.is_empty() || rest.starts_with('#') {
                self.at += 1;
                match self.peek() {
                    // Where the general parser starts such a list is not pinned down here.
                    Some(next) if next.indent > col && indentless && self.nodes.len() == from => return None,
                    Some(next) if next.indent > col => {
                        let n = self.node_at_line(next.indent)?;
                        self.nodes.push(n);
                    }
                    _ => self.nodes.push(null(self.pos(here, line.end, line.end))),
                }
                continue;
            }
            if rest == "-" || rest.starts_with("- ") {
                return None;
            }
            let inner = after - line.start;
            if let Some((key, colon)) = self.key_at(after, line.end) {
                let n = self.map(inner, key, colon)?;
                self.nodes.push(n);
            } else {
                let n = self.inline_value(here, after, line.end)?;
                self.nodes.push(n);
                self.at += 1;
                if self.peek().is_some_and(|n| n.indent > col) {
                    return None;
                }
            }
        }
        self.depth -= 1;
        if indentless {
            // The general parser starts a list without indentation at its first entry.
            pos = TPos {
                len: 0,
                ..self.nodes.get(from)?.pos()
            };
        }
        let end_line = self.nodes[from..].last().map(|n| n.end_line().max(pos.line))?;
        let items = self.nodes.drain(from..).collect();
        Some(Node::Seq { items, pos, end_line })
    }

    /// A block mapping whose keys stand at column `col`; its first key, already read on the
    /// current line (after a `- ` when the mapping is a list entry), ends at `colon`.
    fn map(&mut self, col: usize, first: Scalar<'a>, colon: usize) -> Option<Node<'a>> {
        self.descend()?;
        let pos = self.pos(self.at, first.start, first.start);
        let from = self.pairs.len();
        let keys_from = self.keys.len();
        let mut first = Some((first, colon));
        loop {
            let (here, line, (key, colon)) = match first.take() {
                Some(k) => (self.at, self.lines[self.at], k),
                None => match self.peek() {
                    None => break,
                    Some(l) if l.indent < col => break,
                    Some(l) if l.indent == col => (self.at, l, self.key_at(l.start + col, l.end)?),
                    Some(_) => return None,
                },
            };
            let after = skip_spaces(self.src, colon + 1, line.end);
            let rest = &self.src[after..line.end];
            let saved = self.unread;
            if let Some(unread) = self.unread {
                let plain = (plain_one_line(rest) && self.lines.get(self.at + 1).is_none_or(|n| n.indent <= col))
                    .then(|| &rest[..trim_end(rest, 0, rest.len())]);
                let (name, skip) = unread.key(&key.text, plain);
                if let Some(name) = name {
                    // A key given twice is an error the mapper words: the general parser reads
                    // such a chunk whole, so that it is found whether or not the value is read.
                    if self.keys[keys_from..].contains(&name) {
                        return None;
                    }
                    self.keys.push(name);
                    if unread.read_all_below(name) {
                        self.unread = None;
                    }
                }
                if skip {
                    self.at += 1;
                    continue;
                }
            }
            let key = self.scalar_node(here, key)?;
            let value = if rest.is_empty() || rest.starts_with('#') {
                self.at += 1;
                match self.peek() {
                    Some(next) if next.indent > col => self.node_at_line(next.indent)?,
                    Some(next) if next.indent == col && matches!(self.lead(next, next.start + col), Lead::Dash) => {
                        self.seq(col, true)?
                    }
                    _ => null(self.pos(here, colon, colon)),
                }
            } else {
                let v = self.inline_value(here, after, line.end)?;
                self.at += 1;
                if self.peek().is_some_and(|n| n.indent > col) {
                    return None;
                }
                v
            };
            self.unread = saved;
            self.pairs.push((key, value));
        }
        self.depth -= 1;
        self.keys.truncate(keys_from);
        let end_line = match self.pairs[from..].last() {
            Some((_, v)) => v.end_line().max(pos.line),
            // Every entry left unread: the mapping ends on the last line passed.
            None if self.unread.is_some() => self.lines[self.at - 1].no + 1 + self.base.line as u32,
            None => return None,
        };
        let entries = self.pairs.drain(from..).collect();
        Some(Node::Map { entries, pos, end_line })
    }

    /// `key:` at byte `from`: the key's scalar and the colon's offset.
    fn key_at(&self, from: usize, end: usize) -> Option<(Scalar<'a>, usize)> {
        let (key, colon) = self.key_at_any_length(from, end)?;
        (colon - from <= MAX_KEY_BYTES).then_some((key, colon))
    }

    fn key_at_any_length(&self, from: usize, end: usize) -> Option<(Scalar<'a>, usize)> {
        let b = self.src.as_bytes();
        let c = *b.get(from)?;
        if from >= end {
            return None;
        }
        if c == b'"' || c == b'\'' {
            let s = quoted(self.src, from, end)?;
            let colon = s.end;
            if b.get(colon) != Some(&b':') || !(colon + 1 == end || b[colon + 1] == b' ') {
                return None;
            }
            return Some((s, colon));
        }
        if starts_badly(self.src, from, end) {
            return None;
        }
        // The first ": " (or ':' ending the line) closes a plain key; a comment before it
        // means this is no key.
        let mut i = from;
        while i < end {
            match b[i] {
                b':' if i + 1 == end || b[i + 1] == b' ' => return Some((plain(self.src, from, i)?, i)),
                b'#' if b[i - 1] == b' ' => return None,
                _ => i += 1,
            }
        }
        None
    }

    /// A value written on one line from byte `from`: a scalar or a one-line flow collection,
    /// followed by nothing but a comment.
    fn inline_value(&mut self, line_idx: usize, from: usize, end: usize) -> Option<Node<'a>> {
        let b = self.src.as_bytes();
        let (node, stop) = match b[from] {
            b'[' | b'{' => self.flow(line_idx, from, end)?,
            _ => self.scalar(line_idx, from, end, false)?,
        };
        let tail = skip_spaces(self.src, stop, end);
        if tail == end || (b[tail] == b'#' && tail > stop) {
            Some(node)
        } else {
            None
        }
    }

    /// `[a, b]` or `{k: v, …}` of scalars, closed on the same line: the node and the offset
    /// after the closing bracket.
    fn flow(&mut self, line_idx: usize, open: usize, end: usize) -> Option<(Node<'a>, usize)> {
        let b = self.src.as_bytes();
        let is_map = b[open] == b'{';
        let close = if is_map { b'}' } else { b']' };
        let pos = self.pos(line_idx, open, open + 1);
        let mut items = Vec::new();
        let mut entries = Vec::new();
        let mut i = skip_spaces(self.src, open + 1, end);
        while b.get(i) != Some(&close) {
            let key_start = i;
            let first = self.scalar(line_idx, i, end, true)?;
            i = skip_spaces(self.src, first.1, end);
            if is_map {
                if b.get(i) != Some(&b':') || b.get(i + 1) != Some(&b' ') || i - key_start > MAX_KEY_BYTES {
                    return None;
                }
                let value = self.scalar(line_idx, skip_spaces(self.src, i + 1, end), end, true)?;
                entries.push((first.0, value.0));
                i = skip_spaces(self.src, value.1, end);
            } else {
                items.push(first.0);
            }
            match b.get(i) {
                Some(b',') => {
                    i = skip_spaces(self.src, i + 1, end);
                    // An empty entry or a trailing comma: left to the general parser.
                    if i >= end || b[i] == close || b[i] == b',' {
                        return None;
                    }
                }
                Some(c) if *c == close => {}
                _ => return None,
            }
        }
        let end_line = pos.line;
        let node = if is_map {
            Node::Map { entries, pos, end_line }
        } else {
            Node::Seq { items, pos, end_line }
        };
        Some((node, i + 1))
    }

    /// A quoted or plain scalar at byte `from` (inside a flow collection when `flow`): the
    /// node and the offset after it.
    fn scalar(&self, line_idx: usize, from: usize, end: usize, flow: bool) -> Option<(Node<'a>, usize)> {
        let s = match *self.src.as_bytes().get(from)? {
            b'"' | b'\'' => quoted(self.src, from, end)?,
            _ if starts_badly(self.src, from, end) => return None,
            _ => plain(self.src, from, plain_end(self.src, from, end, flow)?)?,
        };
        let stop = s.end;
        Some((self.scalar_node(line_idx, s)?, stop))
    }

    fn scalar_node(&self, line_idx: usize, s: Scalar<'a>) -> Option<Node<'a>> {
        if s.text.len() > MAX_SCALAR {
            return None;
        }
        Some(Node::Scalar {
            pos: self.pos(line_idx, s.start, s.end),
            text: s.text,
            plain: s.plain,
        })
    }
}

struct Scalar<'a> {
    text: Cow<'a, str>,
    plain: bool,
    /// Byte span as written (quotes included).
    start: usize,
    end: usize,
}

/// The plain scalar from `from` to `to`, trailing spaces dropped; `None` when empty.
fn plain(src: &str, from: usize, to: usize) -> Option<Scalar<'_>> {
    let end = trim_end(src, from, to);
    (end > from).then(|| Scalar {
        text: Cow::Borrowed(&src[from..end]),
        plain: true,
        start: from,
        end,
    })
}

/// A value the reader would take as a plain scalar that stops at the line's end, and that
/// could not be read as anything else (no indicator, quote, colon or comment in it).
fn plain_one_line(rest: &str) -> bool {
    let b = rest.as_bytes();
    !b.is_empty()
        && b.len() <= MAX_SCALAR
        && !starts_badly(rest, 0, b.len())
        && !b.iter().any(|&c| c == b':' || c == b'#')
}

/// The general parser's empty value: a plain `~` with no width.
fn null<'a>(pos: TPos) -> Node<'a> {
    Node::Scalar {
        text: Cow::Borrowed("~"),
        plain: true,
        pos,
    }
}

fn skip_spaces(src: &str, mut i: usize, end: usize) -> usize {
    let b = src.as_bytes();
    while i < end && b[i] == b' ' {
        i += 1;
    }
    i
}

fn trim_end(src: &str, from: usize, mut to: usize) -> usize {
    let b = src.as_bytes();
    while to > from && b[to - 1] == b' ' {
        to -= 1;
    }
    to
}

/// Characters that may not start a plain scalar here (or that start something this reader
/// leaves to the general parser: anchors, aliases, tags, block scalars, directives, documents).
fn starts_badly(src: &str, from: usize, end: usize) -> bool {
    let b = src.as_bytes();
    match b[from] {
        b'-' | b'?' | b':' | b',' | b'[' | b']' | b'{' | b'}' | b'#' | b'&' | b'*' | b'!' | b'|' | b'>' | b'\''
        | b'"' | b'%' | b'@' | b'`' => true,
        b'.' => src[from..end].starts_with("..."),
        _ => false,
    }
}

/// Where a plain scalar starting at `from` stops: before a comment, the end of the line, or (in
/// a flow collection) a `,` `]` `}` or `: `. `None` for text the general parser reads
/// differently (`: ` inside a block value, a trailing `:`, flow indicators inside a flow value).
fn plain_end(src: &str, from: usize, end: usize, flow: bool) -> Option<usize> {
    let b = src.as_bytes();
    let mut i = from;
    while i < end {
        match b[i] {
            b'#' if b[i - 1] == b' ' => return Some(i),
            b':' if i + 1 == end || b[i + 1] == b' ' => {
                return if flow { Some(i) } else { None };
            }
            b':' if flow && matches!(b[i + 1], b',' | b']' | b'}' | b'[' | b'{') => return None,
            b',' | b']' | b'}' if flow => return Some(i),
            b'[' | b'{' if flow => return None,
            _ => i += 1,
        }
    }
    Some(end)
}

/// A quoted scalar starting at `from` and closed before `end`: its text and span. `None` for
/// escapes (left to the general parser) and quotes left open.
fn quoted(src: &str, from: usize, end: usize) -> Option<Scalar<'_>> {
    let b = src.as_bytes();
    let q = b[from];
    let mut i = from + 1;
    if q == b'"' {
        let close = from + 1 + memchr::memchr2(b'"', b'\\', &b[from + 1..end])?;
        if b[close] == b'\\' {
            return None;
        }
        return Some(Scalar {
            text: Cow::Borrowed(&src[from + 1..close]),
            plain: false,
            start: from,
            end: close + 1,
        });
    }
    let mut owned: Option<String> = None;
    let mut piece = i;
    loop {
        let at = i + memchr::memchr(b'\'', &b[i..end])?;
        if b.get(at + 1) == Some(&b'\'') && at + 1 < end {
            let s = owned.get_or_insert_with(String::new);
            s.push_str(&src[piece..=at]);
            i = at + 2;
            piece = i;
            continue;
        }
        let text = match owned {
            Some(mut s) => {
                s.push_str(&src[piece..at]);
                Cow::Owned(s)
            }
            None => Cow::Borrowed(&src[from + 1..at]),
        };
        return Some(Scalar {
            text,
            plain: false,
            start: from,
            end: at + 1,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::yaml::tree;
    use std::path::Path;

    /// `plain_text` byte by byte, as it was first written.
    fn plain_text_by_byte(src: &str) -> bool {
        let b = src.as_bytes();
        let at = |i: usize| b.get(i).copied().unwrap_or(0);
        b.iter().enumerate().all(|(i, &c)| match c {
            b'\n' => true,
            b'\r' => at(i + 1) == b'\n',
            0..0x20 | 0x7f => false,
            0xc2 => !(0x80..=0x9f).contains(&at(i + 1)),
            0xe2 => !(at(i + 1) == 0x80 && matches!(at(i + 2), 0xa8 | 0xa9)),
            0xef => !matches!((at(i + 1), at(i + 2)), (0xbb, 0xbf) | (0xbf, 0xbe | 0xbf)),
            _ => true,
        })
    }

    #[test]
    fn plain_text_checks_every_byte_in_blocks() {
        let line = "    name: 食品经营许可（新办）—“证明”\r\n  - {step: 受理, days: 0}\n";
        let base = line.repeat(4);
        let odd = [
            "\t", "\rx", "\u{7f}", "\u{85}", "\u{9f}", "\u{2028}", "\u{2029}", "\u{feff}", "\u{fffe}", "\u{ffff}",
            "\u{1}",
        ];
        let fine = [
            "\u{a0}", "\u{2027}", "\u{202a}", "\u{fefe}", "\u{fffd}", "\u{ff08}", "\r\n",
        ];
        assert!(plain_text(&base) && plain_text_by_byte(&base));
        // Every place: inside a block, across a block's end, in the tail.
        // (Not between a '\r' and its '\n': that would be a lone '\r'.)
        let cuts: Vec<usize> = (0..=base.len())
            .filter(|&i| base.is_char_boundary(i) && !base[..i].ends_with('\r'))
            .collect();
        for (set, want) in [(&odd[..], false), (&fine[..], true)] {
            for c in set {
                for &i in &cuts {
                    let s = format!("{}{c}{}", &base[..i], &base[i..]);
                    assert_eq!(plain_text(&s), plain_text_by_byte(&s), "{c:?} at {i}");
                    assert_eq!(plain_text(&s), want, "{c:?} at {i}");
                }
            }
        }
    }

    /// This reader's tree, when it reads `src` at all, is the general parser's tree.
    fn agrees(src: &str) -> bool {
        let Some(fast) = parse(src, Base::default(), None) else {
            return false;
        };
        let general = tree::parse_general(src, Path::new("t.yaml"), Base::default(), tree::MAX_ALIAS_NODES);
        match general {
            Ok(Some(g)) => assert_eq!(format!("{fast:?}"), format!("{g:?}"), "on:\n{src}"),
            other => panic!("read what the general parser gives {other:?} for:\n{src}"),
        }
        true
    }

    fn yaml_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                yaml_files(&p, out);
            } else if p.extension().is_some_and(|x| x == "yaml" || x == "yml") {
                out.push(p);
            }
        }
    }

    #[test]
    fn every_yaml_file_in_the_repository_reads_the_same() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        for d in ["catalogs", "tests/fixtures", "examples", "rules"] {
            yaml_files(&root.join(d), &mut files);
        }
        let (mut read, mut sample) = (0, (0, 0));
        for f in &files {
            let src = std::fs::read_to_string(f).unwrap();
            let ok = agrees(&src);
            read += ok as usize;
            if f.starts_with(root.join("catalogs")) {
                sample.0 += 1;
                sample.1 += ok as usize;
            }
        }
        assert!(files.len() > 50, "{} files", files.len());
        assert!(read * 2 > files.len(), "read {read} of {} files", files.len());
        assert_eq!(sample.0, sample.1, "every sample catalog is plain block YAML");
    }

    #[test]
    fn tricky_shapes_read_the_same_or_are_left_alone() {
        let cases = [
            "a: 1\nb:\n  - x\n  - \"q\"\n  - 's'\nc:\nd:\n- y\n- z: 1\n  w: [p, \"r\"]\ne: {k: v}\nf: []\ng: plain text  # c\n",
            "a:\n  -\n  - \n  -   # c\n  - x\n\"q k\": 'it''s'  # c\nb: a#b\nc: 中文 值\nd:   \ne: \"中\"\nf:\n  # only\ng: 1\n",
            "a: 1",
            "a:",
            "- a\n- b",
            "-\n-\n",
            "  - x: 1\n    y: 2\n  - x: 3\n",
            "a  : b\n",
            "a: b # c # d\n",
            "a: 'x' # c\n",
            "a: \"x\"# c\n",
            "a: x\n  y\n",
            "a: \"x\n  y\"\n",
            "a: b: c\n",
            "a: b:\n",
            "a: [a, b,]\n",
            "a: [a, [b]]\n",
            "a: {k: v, k2: \"v 2\", k3: 'x'}\n",
            "a: {k: }\n",
            "a: [ ]\n",
            "a: { }\n",
            "a: [a , b ]  # c\n",
            "a: [a: b]\n",
            "a: [x]y\n",
            "a: &x 1\nb: *x\n",
            "a: |\n  text\n",
            "a: >\n  text\n",
            "a: !!str 1\n",
            "---\na: 1\n",
            "a: 1\n---\nb: 2\n",
            "a: 1\n...\n",
            "a:\n\tb: 1\n",
            "a: 1\r\nb: 2\r\n",
            "a:\r\n  - x\r\n  -\r\n  - 'y' # c\r\nb:\r\nc: [1, 2]\r\n",
            "a: 1\rb: 2\r",
            "a: x\r y\n",
            "a:\n  b: 1\n c: 2\n",
            "a:\n  b: 1\n   c: 2\n",
            "a: 1\n- b\n",
            "- a\nb: 1\n",
            "- - a\n",
            "- a:\n  - b\n- c\n",
            "a:\n- b\n- c\nd: e\n",
            "? a\n: b\n",
            "a: -1\n",
            "a: 1:2\n",
            "a: http://x.y/z\n",
            "a: 《法》第3条：内容\n",
            "a: x\"y\n",
            "\"a\": 1\n'b': 2\n\"c\" : 3\n",
            "a: \"x\\\"y\"\n",
            "a:    \n  # c\n\nb: 1\n",
            "# only a comment\n",
            "",
            "a: 1\n# end\n",
            "a:\n    - 1\n    - 2\nb: 3\n",
            "a: '中''文'\n",
            "a: ''\nb: \"\"\n",
            "a: ~\nb: null\n",
            "名称: 值\n材料:\n  - 名称: 申请书\n    份数: 1\n",
            "\u{ffff}s:\n",
            "a: \u{fffe}\n",
            "a: x\u{80}y\n",
            "a: x\u{9f}\n",
            "a: \u{a0}x\n",
            "\u{feff}a: 1\n",
        ];
        let read = cases.iter().filter(|c| agrees(c)).count();
        // YAML's 1024-character limit on implicit keys, quoted, plain and in a flow mapping.
        for n in [990, 1000, 1030, 1100] {
            let k = "k".repeat(n);
            for src in [format!("\"{k}\": 1\n"), format!("{k}: 1\n"), format!("a: {{{k}: 1}}\n")] {
                agrees(&src);
            }
        }
        assert!(read > 25, "read {read} of {}", cases.len());
    }

    #[test]
    fn windows_line_ends_are_read_here_too() {
        assert!(agrees("a:\r\n  - x\r\n  -\r\n  - 'y' # c\r\nb:\r\nc: [1, 2]\r\n"));
        let sample =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/catalogs/luchengqu/民政局.yaml")).unwrap();
        assert!(agrees(&sample.replace('\n', "\r\n")));
    }

    /// Random lines from catalog-like pieces: whatever this reader accepts, it reads as the
    /// general parser does.
    #[test]
    fn random_catalog_like_text_reads_the_same_or_is_left_alone() {
        const PIECES: &[&str] = &[
            "a",
            "名称",
            "b c",
            "x: ",
            ": ",
            ":",
            "- ",
            "-",
            "  ",
            "    ",
            "#",
            " # c",
            "\"q\"",
            "'s'",
            "''",
            "[",
            "]",
            "{",
            "}",
            ", ",
            ",",
            "k: v",
            "中文",
            "1",
            "~",
            "&a",
            "*a",
            "|",
            "\n",
            "\n",
            "\r\n",
            "\r\n  - ",
            "\n  ",
            "\n- ",
            "\n  - ",
            "\n    ",
            "x:",
            "全角　空格",
            "a#b",
            "《法》第3条",
        ];
        let mut state = 0x9e3779b97f4a7c15u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let (mut read, total) = (0, 30_000);
        for _ in 0..total {
            let n = 2 + next() % 24;
            let mut s = String::new();
            for _ in 0..n {
                s.push_str(PIECES[(next() % PIECES.len() as u64) as usize]);
            }
            read += agrees(&s) as usize;
        }
        assert!(read > 300, "read {read} of {total}");
    }
}
