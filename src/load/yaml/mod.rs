//! Catalog YAML: parse once into located nodes, then map through the field dictionary.
//!
//! Big files are parsed in parallel: the `items:` block sequence is cut at item boundaries and
//! each chunk is parsed on its own with its line and byte offsets, so positions stay exact.
//! Anything unusual (tabs, several documents, anchors used across chunks, any error) falls back
//! to one sequential parse, which also gives the exact error message.

pub mod block;
pub mod map;
pub mod tree;

use super::{Keep, Runs, Sink};
use crate::error::Error;
use crate::model::{Catalog, FileId, Item, Source};
use rayon::prelude::*;
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
        && let Some(split) = split_items(src)
        && let Some(done) = load_split(src, path, file, &split, source.as_ref(), sink)
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

/// Where the items block lies and where each chunk of whole items starts (byte offsets).
struct Split {
    region: (usize, usize),
    /// Chunk start offsets; chunk i ends where chunk i+1 starts (the last at `region.1`).
    chunks: Vec<usize>,
}

/// Find `items:` at column 0 followed by a block sequence, and cut it at item starts.
fn split_items(src: &str) -> Option<Split> {
    if src.contains('\t') || src.contains("\n---") || src.contains("\n...") {
        return None;
    }
    let mut offset = 0;
    let mut region_start = None;
    let mut indent = None;
    let mut starts = Vec::new();
    let mut region_end = src.len();
    for line in src.split_inclusive('\n') {
        let here = offset;
        offset += line.len();
        let body = line.trim_end_matches(['\n', '\r']);
        let trimmed = body.trim_start_matches(' ');
        let lead = body.len() - trimmed.len();
        if region_start.is_none() {
            if lead == 0 && is_items_key(trimmed) {
                region_start = Some(offset);
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
                starts.push(here);
            }
            None => return None,
            Some(n) if lead == n && is_dash => starts.push(here),
            Some(n) if lead <= n => {
                region_end = here;
                break;
            }
            Some(_) => {}
        }
    }
    let region_start = region_start?;
    if starts.len() < 64 {
        return None;
    }
    // Enough chunks to keep every core busy, and small ones (about 1 MB of YAML): a chunk's
    // node tree lives only while it is mapped, so small chunks keep the transient memory small
    // and let the allocator reuse it instead of touching fresh pages.
    let want = (rayon::current_num_threads() * 4).max((region_end - region_start) >> 20);
    let per = starts.len().div_ceil(want);
    let chunks = starts.iter().step_by(per).copied().collect();
    Some(Split {
        region: (region_start, region_end),
        chunks,
    })
}

fn is_items_key(line: &str) -> bool {
    let key = line.split('#').next().unwrap_or("").trim_end();
    matches!(key, "items:" | "事项:" | "事项清单:" | "事项列表:")
}

/// Parse the header (the file with the items blanked out, so lines and offsets stay put) and
/// the item chunks in parallel, each chunk's items handed to `sink` with the file's `source`
/// (when given; it ends up in the catalog's sources). `None` means "use the sequential path".
fn load_split<S: Sink>(
    src: &str,
    path: &Path,
    file: FileId,
    split: &Split,
    source: Option<&Source>,
    sink: &S,
) -> Option<(Catalog, Runs<S::Out>)> {
    let (start, end) = split.region;
    // The header keeps the items' line breaks (so lines stay put) but not their text; byte
    // offsets after the items are shifted back afterwards.
    let newlines = src[start..end].bytes().filter(|b| *b == b'\n').count();
    let mut header_text = String::with_capacity(src.len() - (end - start) + newlines);
    header_text.push_str(&src[..start]);
    header_text.extend(std::iter::repeat_n('\n', newlines));
    header_text.push_str(&src[end..]);
    let mut root = tree::parse(&header_text, path).ok()?;
    if let Some(r) = &mut root {
        r.shift_offsets(start + newlines, end - start - newlines);
    }
    let mut m = map::Mapper::new(path, file);
    let (mut cat, defaults, items_node) = m.header(root);
    if !m.errors.is_empty() || items_node.is_some_and(|n| !n.is_null()) {
        return None;
    }
    let bounds: Vec<(usize, usize)> = split
        .chunks
        .iter()
        .enumerate()
        .map(|(i, s)| (*s, split.chunks.get(i + 1).copied().unwrap_or(end)))
        .collect();
    let mut bases = Vec::with_capacity(bounds.len());
    let (mut line, mut at) = (0, 0);
    for &(a, _) in &bounds {
        line += src[at..a].bytes().filter(|c| *c == b'\n').count();
        at = a;
        bases.push(Base { line, offset: a });
    }
    cat.sources.extend(source.cloned());
    let budget = tree::MAX_ALIAS_NODES / bounds.len().max(1);
    let parts: Vec<Option<(Vec<Item>, S::Out)>> = bounds
        .par_iter()
        .zip(&bases)
        .map(|(&(a, b), &base)| {
            let node = tree::parse_at_budget(&src[a..b], path, base, budget).ok()??;
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
