//! Catalog YAML: parse once into located nodes, then map through the field dictionary.
//!
//! Big files are parsed in parallel: the `items:` block sequence is cut at item boundaries and
//! each chunk is parsed on its own with its line and byte offsets, so positions stay exact.
//! Anything unusual (tabs, several documents, anchors used across chunks, any error) falls back
//! to one sequential parse, which also gives the exact error message.

pub mod block;
pub mod map;
pub mod tree;

use super::{Items, Keep, Runs, Sink, Wants};
use crate::error::Error;
use crate::model::{Catalog, FileId, Item, Source};
use rayon::prelude::*;
use std::ops::Range;
use std::path::Path;
use tree::Base;

/// Below this size one parse is as fast as splitting.
const PARALLEL_MIN_BYTES: usize = 1 << 20;

/// Load one YAML file's text as a catalog fragment (sources are filled in by the caller).
pub fn load_str(src: &str, path: &Path, file: FileId) -> Result<Catalog, Error> {
    load(src, path, file, None, &Keep).map(|(c, _)| c)
}

/// Load one YAML file (`source`, file 0) and hand its items to `sink` as they are read: chunk by
/// chunk when the file is read in parallel.
pub fn load_str_with<S: Sink>(
    src: &str,
    path: &Path,
    source: Source,
    sink: &S,
) -> Result<(Catalog, Runs<S::Out>), Error> {
    load(src, path, 0, Some(source), sink)
}

/// In parallel chunks when the file is big and plain enough, else in one parse; `source` (when
/// given) becomes the catalog's source.
fn load<S: Sink>(
    src: &str,
    path: &Path,
    file: FileId,
    source: Option<Source>,
    sink: &S,
) -> Result<(Catalog, Runs<S::Out>), Error> {
    if src.len() >= PARALLEL_MIN_BYTES
        && rayon::current_num_threads() > 1
        && let wants = sink.wants()
        && let Some(split) = split_items(src, &wants)
        && let Some(done) = load_split(src, path, file, &split, source.as_ref(), sink, wants.unread)
    {
        return Ok(done);
    }
    let mut cat = load_sequential(src, path, file)?;
    cat.sources.extend(source);
    let n = cat.items.len();
    let out = sink.run(&mut cat, true);
    Ok((cat, vec![(n, out)]))
}

fn load_sequential(src: &str, path: &Path, file: FileId) -> Result<Catalog, Error> {
    let root = tree::parse(src, path)?;
    if root.is_none() {
        return Err(Error::plain(
            Some(path),
            "文件是空的（没有任何清单内容）".into(),
            "the file is empty (no catalog content)".into(),
        ));
    }
    let mut m = map::Mapper::new(path, file);
    let cat = m.catalog(root);
    match Error::many(m.errors) {
        Some(e) => Err(e),
        None => Ok(cat),
    }
}

/// Where the items block lies and the chunks of whole items to read in it (byte ranges; the
/// items between chunks are left unread), each marked when only part of its items is wanted.
struct Split {
    region: Range<usize>,
    chunks: Vec<(Range<usize>, bool)>,
}

/// Find `items:` at column 0 followed by a block sequence, and cut it at item starts into
/// chunks: the items the sink wants not at all are left out, those it wants partly are in
/// chunks of their own.
fn split_items(src: &str, wants: &Wants) -> Option<Split> {
    let (region, starts) = match &wants.items {
        Some((region, items)) => (region.clone(), items.iter().map(|r| r.start).collect()),
        None => item_starts(src)?,
    };
    if starts.len() < 64 {
        return None;
    }
    // Enough chunks to keep every core busy, and small ones (about 1 MB of YAML): a chunk's
    // node tree lives only while it is mapped, so small chunks keep the transient memory small
    // and let the allocator reuse it instead of touching fresh pages.
    let want = (rayon::current_num_threads() * 4).max(region.len() >> 20);
    let per = starts.len().div_ceil(want);
    let mut chunks: Vec<(Range<usize>, bool)> = Vec::with_capacity(want);
    let (mut none, mut partly) = (Cursor::new(wants.none), Cursor::new(wants.partly));
    let mut open = 0;
    for (i, &start) in starts.iter().enumerate() {
        let end = starts.get(i + 1).copied().unwrap_or(region.end);
        if none.has(start) {
            open = 0;
            continue;
        }
        let part = partly.has(start);
        match chunks.last_mut() {
            Some((c, p)) if open > 0 && open < per && *p == part => c.end = end,
            _ => {
                chunks.push((start..end, part));
                open = 0;
            }
        }
        open += 1;
    }
    Some(Split { region, chunks })
}

/// Walks [`Items`] along the items of a file, in order.
enum Cursor<'s> {
    No,
    These(std::iter::Peekable<std::slice::Iter<'s, Range<usize>>>),
    All,
}

impl<'s> Cursor<'s> {
    fn new(items: Items<'s>) -> Self {
        match items {
            Items::No => Cursor::No,
            Items::These(r) => Cursor::These(r.iter().peekable()),
            Items::All => Cursor::All,
        }
    }

    /// Whether the item starting at `start` is one of them (starts only grow).
    fn has(&mut self, start: usize) -> bool {
        match self {
            Cursor::No => false,
            Cursor::All => true,
            Cursor::These(it) => {
                while it.next_if(|r| r.start < start).is_some() {}
                it.next_if(|r| r.start == start).is_some()
            }
        }
    }
}

/// The `items:` block sequence at column 0 (its byte range) and where each of its items starts
/// (the offset of its line). `None` when the file is not laid out that way.
fn item_starts(src: &str) -> Option<(Range<usize>, Vec<usize>)> {
    // Tabs anywhere, and document markers (`---`, `...` at column 0, looked for on every line
    // the loop below reads, and after it in the rest of the file), are the general parser's.
    if memchr::memchr(b'\t', src.as_bytes()).is_some() {
        return None;
    }
    let b = src.as_bytes();
    let mut region_start = None;
    let mut indent = None;
    let mut starts = Vec::new();
    let mut region_end = src.len();
    let mut breaks = memchr::memchr_iter(b'\n', b);
    let mut here = 0;
    while here < b.len() {
        let next = breaks.next().map_or(b.len(), |i| i + 1);
        let line = &src[here..next];
        let at = here;
        here = next;
        // Most lines of the items lie deeper than their dashes: skip them at a glance.
        if let (Some(_), Some(n)) = (region_start, indent)
            && line.len() > n + 1
            && line.as_bytes()[..=n].iter().all(|c| *c == b' ')
        {
            continue;
        }
        if at > 0 && (line.starts_with("---") || line.starts_with("...")) {
            return None;
        }
        let body = line.trim_end_matches(['\n', '\r']);
        let trimmed = body.trim_start_matches(' ');
        let lead = body.len() - trimmed.len();
        if region_start.is_none() {
            if lead == 0 && is_items_key(trimmed) {
                region_start = Some(next);
            }
            continue;
        }
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let is_dash = trimmed == "-" || trimmed.starts_with("- ");
        match indent {
            None if is_dash => {
                indent = Some(lead);
                starts.push(at);
            }
            None => return None,
            Some(n) if lead == n && is_dash => starts.push(at),
            // Another top-level key ends the items; a line between column 0 and the dashes'
            // is a value continued where its item cannot be told: read such a file whole.
            Some(n) if lead <= n && lead > 0 => return None,
            Some(n) if lead <= n => {
                region_end = at;
                break;
            }
            Some(_) => {}
        }
    }
    let rest = &src[region_end..];
    if rest.contains("\n---") || rest.contains("\n...") {
        return None;
    }
    Some((region_start?..region_end, starts))
}

/// A plain block YAML catalog file as text, before it is read: each item's text, and the text
/// of the `defaults:` its items inherit. Two items with the same text under the same defaults
/// read as the same item (unless they use anchors, which point outside their text).
pub struct ItemTexts<'s> {
    /// The top-level `defaults:` entry, all its lines ("" without one).
    pub defaults: &'s str,
    /// The byte range of the `items:` list (after its key's line).
    pub region: Range<usize>,
    /// Byte range of each item: from its line to the next item's (comments and blank lines
    /// after it included).
    pub items: Vec<Range<usize>>,
}

/// The texts of a file's items; `None` for a file where they cannot be told apart by the text
/// alone: not laid out as plain block YAML with an `items:` list at column 0, more than one
/// `defaults:` entry or one that may go on past its lines (an open bracket or quote, a tag), a
/// top-level key written otherwise than plainly (`? key`, quoted, a flow mapping), or a file
/// past the 4 GB that positions can count.
pub fn item_texts(src: &str) -> Option<ItemTexts<'_>> {
    if u32::try_from(src.len()).is_err() {
        return None;
    }
    let (region, starts) = item_starts(src)?;
    let (start, end) = (region.start, region.end);
    let items = starts
        .iter()
        .enumerate()
        .map(|(i, &s)| s..starts.get(i + 1).copied().unwrap_or(end))
        .collect();
    // The items region holds only indented lines: the top-level entries are before or after it.
    let mut found: Vec<&str> = [&src[..start], &src[end..]]
        .into_iter()
        .flat_map(|part| top_level_entries(part, map::DEFAULTS_KEYS))
        .collect();
    let defaults = match found.len() {
        0 => "",
        1 => found.pop()?,
        _ => return None,
    };
    // The defaults must be found by their text: no top-level key written another way (`? key`,
    // a quoted key with escapes, a flow mapping), and a one-piece entry (no bracket left open,
    // no tag).
    let odd_key = |part: &str| {
        part.split('\n').any(|l| {
            matches!(
                l.bytes().next(),
                Some(b'?' | b'"' | b'\'' | b'{' | b'[' | b'!' | b'&' | b'*')
            )
        })
    };
    let count = |c: char| defaults.matches(c).count();
    // A quoted value continued on the next line leaves an odd number of quotes on its first.
    let open_quote = defaults
        .lines()
        .any(|l| l.matches('"').count() % 2 == 1 || l.matches('\'').count() % 2 == 1);
    if open_quote
        || odd_key(&src[..start])
        || odd_key(&src[end..])
        || count('{') != count('}')
        || count('[') != count(']')
        || defaults.contains('!')
    {
        return None;
    }
    Some(ItemTexts {
        defaults,
        region,
        items,
    })
}

/// The column-0 entries of `text` with one of these keys: each up to the next column-0 line.
fn top_level_entries<'s>(text: &'s str, keys: &[&str]) -> Vec<&'s str> {
    let mut found = Vec::new();
    let mut offset = 0;
    let mut from = None;
    for line in text.split_inclusive('\n') {
        let here = offset;
        offset += line.len();
        let Some(first) = line.bytes().next() else { continue };
        if matches!(first, b' ' | b'\n' | b'\r' | b'#') {
            continue;
        }
        if let Some(s) = from.take() {
            found.push(&text[s..here]);
        }
        // (A quoted key makes the file refused by `item_texts`.)
        let key = line.split(':').next().unwrap_or("").trim();
        if keys.contains(&key) {
            from = Some(here);
        }
    }
    found.extend(from.map(|s| &text[s..]));
    found
}

/// How many line breaks a text holds.
pub fn newlines(s: &str) -> usize {
    memchr::memchr_iter(b'\n', s.as_bytes()).count()
}

fn is_items_key(line: &str) -> bool {
    let key = line.split('#').next().unwrap_or("").trim_end();
    matches!(key, "items:" | "事项:" | "事项清单:" | "事项列表:")
}

/// Parse the header (the file without its items; positions after them moved back in place) and
/// the item chunks in parallel, each chunk's items handed to `sink` with the file's `source`
/// (when given; it ends up in the catalog's sources). `None` means "use the sequential path".
fn load_split<S: Sink>(
    src: &str,
    path: &Path,
    file: FileId,
    split: &Split,
    source: Option<&Source>,
    sink: &S,
    unread: Option<&dyn block::Unread>,
) -> Option<(Catalog, Runs<S::Out>)> {
    let Range { start, end } = split.region;
    // The header is the file without its items; positions after them are moved back in place.
    let mut header_text = String::with_capacity(src.len() - (end - start));
    header_text.push_str(&src[..start]);
    header_text.push_str(&src[end..]);
    let mut root = tree::parse(&header_text, path).ok()?;
    if let Some(r) = &mut root {
        let lines_before = newlines(&src[..start]) as u32;
        r.shift(start, end - start, lines_before, newlines(&src[start..end]) as u32);
    }
    let mut m = map::Mapper::new(path, file);
    let (mut cat, defaults, items_node) = m.header(root);
    if !m.errors.is_empty() || items_node.is_some_and(|n| !n.is_null()) {
        return None;
    }
    let bounds = &split.chunks;
    let mut bases = Vec::with_capacity(bounds.len());
    let (mut line, mut at) = (0, 0);
    for (r, _) in bounds {
        line += newlines(&src[at..r.start]);
        at = r.start;
        bases.push(Base { line, offset: r.start });
    }
    cat.sources.extend(source.cloned());
    let budget = tree::MAX_ALIAS_NODES / bounds.len().max(1);
    let parts: Vec<Option<(Vec<Item>, S::Out)>> = bounds
        .par_iter()
        .zip(&bases)
        .map(|((r, part), &base)| {
            let unread = if *part { unread } else { None };
            let node = tree::parse_at_budget(&src[r.clone()], path, base, budget, unread).ok()??;
            let tree::Node::Seq { items, .. } = node else {
                return None;
            };
            let mut m = map::Mapper::new(path, file);
            let items = m.items(items, &defaults);
            if !m.errors.is_empty() {
                return None;
            }
            // The run sees the file as it is so far: its source and header, and these items.
            let mut run = Catalog {
                sources: cat.sources.clone(),
                header: cat.header.clone(),
                notes: cat.notes.clone(),
                items,
                ..Catalog::default()
            };
            let out = sink.run(&mut run, false);
            Some((run.items, out))
        })
        .collect();
    let mut items = Vec::with_capacity(parts.iter().flatten().map(|(v, _)| v.len()).sum());
    let mut runs = Vec::with_capacity(parts.len());
    for p in parts {
        let (v, out) = p?;
        runs.push((v.len(), out));
        items.extend(v);
    }
    cat.items = items;
    Some((cat, runs))
}
