//! Reading two versions of a catalog without reading twice what did not change.
//!
//! Between two versions most items stay as they were, and reading YAML is most of a diff's
//! time. So before anything is read, each item's text (with the `defaults:` it inherits) is
//! looked up in the other version: an item whose text appears exactly once in each version and
//! holds no anchor or alias (which point outside its text) is the same item, unchanged. The
//! old version is then read whole — every item is tallied for the metrics, and the unchanged
//! ones are dropped right after — and the new version is read leaving the unchanged items
//! unread ([`Sink::skip`]): only the items that changed, moved or appeared are read there. The new version's metrics are the tally of
//! what was read in it plus the tally of the unchanged items.
//!
//! The result is the same comparison as reading both versions whole (`CATALOG_DIFF_BY_TEXT=0`
//! does that; `tests/diff_by_text.rs` holds the two equal), except that where a code is
//! duplicated, an item is paired with its identical twin first.

use super::source::Side;
use crate::error::Error;
use crate::load::{self, LoadOptions, Sink, Wants};
use crate::metrics::{self, Tallies};
use crate::model::{Catalog, Item, Pos};
use rayon::prelude::*;
use std::collections::HashMap;
use std::hash::BuildHasher;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

/// One version as read: the items that may differ, and the tally of all its items.
pub struct Version {
    pub catalog: Catalog,
    pub tally: Tallies,
}

/// Both versions, and how many items were found unchanged by their text (and not read twice).
pub struct Read {
    pub old: Version,
    pub new: Version,
    pub unchanged: usize,
}

/// Whether `catalog diff` reads by text (`CATALOG_DIFF_BY_TEXT=0` reads both versions whole).
pub fn enabled() -> bool {
    std::env::var("CATALOG_DIFF_BY_TEXT").map_or(true, |v| v != "0")
}

/// A file of a version, with its text when it is YAML.
struct File {
    path: PathBuf,
    text: Option<Arc<str>>,
}

/// Read both versions, each item that is the same in both only once.
pub fn read(old: &Side, new: &Side, opts: &LoadOptions) -> Result<Read, Error> {
    let (old_files, new_files) = both(|| texts(old), || texts(new))?;
    let (old_same, new_same) = unchanged(&old_files, &new_files);
    let unchanged = old_same.iter().map(Vec::len).sum();
    let (old, new) = both(
        || read_old(old, &old_files, &old_same, opts),
        || read_new(new, &new_files, &new_same, opts),
    )?;
    let (old, shared) = old;
    let mut new = new;
    new.tally.merge(shared);
    Ok(Read { old, new, unchanged })
}

/// Run two fallible reads in parallel; when both fail, report both.
pub fn both<A: Send, B: Send>(
    a: impl FnOnce() -> Result<A, Error> + Send,
    b: impl FnOnce() -> Result<B, Error> + Send,
) -> Result<(A, B), Error> {
    match rayon::join(a, b) {
        (Ok(a), Ok(b)) => Ok((a, b)),
        (Err(e), Ok(_)) | (Ok(_), Err(e)) => Err(e),
        (Err(mut a), Err(b)) => {
            a.more.push(b);
            Err(a)
        }
    }
}

/// The files of a version, YAML ones with their text.
fn texts(side: &Side) -> Result<Vec<File>, Error> {
    let paths = load::catalog_files(std::slice::from_ref(&side.root)).map_err(|e| side.name_error(e))?;
    let read: Vec<Result<File, Error>> = paths
        .into_par_iter()
        .map(|path| {
            let text = if load::is_yaml(&path) {
                Some(load::read_yaml(&path)?)
            } else {
                None
            };
            Ok(File { path, text })
        })
        .collect();
    collect(read).map_err(|e| side.name_error(e))
}

/// Every result, or all the errors together.
fn collect<T>(results: Vec<Result<T, Error>>) -> Result<Vec<T>, Error> {
    let mut ok = Vec::with_capacity(results.len());
    let mut errors = Vec::new();
    for r in results {
        match r {
            Ok(v) => ok.push(v),
            Err(e) => errors.push(e),
        }
    }
    match Error::many(errors) {
        Some(e) => Err(e),
        None => Ok(ok),
    }
}

/// Per file, the byte ranges of the items whose text is the same in both versions, in order.
type Same = Vec<Vec<Range<usize>>>;

/// An item's text: its file (index) and byte range.
type Place = (usize, Range<usize>);

/// Where an item's text was seen, and how many times in this version.
#[derive(Clone, Default)]
struct Seen {
    at: Option<Place>,
    times: u32,
}

/// A file's items as texts, each with the text of the defaults it inherits.
struct Texts<'f> {
    defaults: &'f str,
    text: &'f str,
    items: Vec<Range<usize>>,
}

/// The item texts of each file; nothing for a file that is not plain block YAML, or whose
/// defaults use an alias (pointing outside their text).
fn item_texts(files: &[File]) -> Vec<Texts<'_>> {
    files
        .par_iter()
        .map(|file| {
            let text = file.text.as_deref().unwrap_or("");
            match load::yaml::item_texts(text) {
                Some(t) if !anchors(t.defaults) => Texts {
                    defaults: t.defaults,
                    text,
                    items: t.items,
                },
                _ => Texts {
                    defaults: "",
                    text,
                    items: Vec::new(),
                },
            }
        })
        .collect()
}

/// Whether a text may hold an anchor or an alias, whose content lies outside it.
fn anchors(text: &str) -> bool {
    memchr::memchr2(b'&', b'*', text.as_bytes()).is_some()
}

fn unchanged(old: &[File], new: &[File]) -> (Same, Same) {
    let (old, new) = rayon::join(|| item_texts(old), || item_texts(new));
    // The key is the item's text hashed with its defaults' text; equal keys are then compared
    // in full, so a collision costs only a second read.
    let state = foldhash::fast::RandomState::default();
    let keyed = |files: &[Texts]| -> Vec<(u64, usize, Range<usize>)> {
        files
            .par_iter()
            .enumerate()
            .flat_map_iter(|(f, t)| {
                t.items
                    .iter()
                    .filter(|r| !anchors(&t.text[(*r).clone()]))
                    .map(|r| (state.hash_one((t.defaults, &t.text[r.clone()])), f, r.clone()))
                    .collect::<Vec<_>>()
            })
            .collect()
    };
    let (old_keys, new_keys) = rayon::join(|| keyed(&old), || keyed(&new));
    let mut seen: HashMap<u64, (Seen, Seen), rustc_hash::FxBuildHasher> =
        HashMap::with_capacity_and_hasher(old_keys.len(), Default::default());
    for (k, f, r) in old_keys {
        let s = &mut seen.entry(k).or_default().0;
        s.times += 1;
        s.at = Some((f, r));
    }
    for (k, f, r) in new_keys {
        if let Some((_, s)) = seen.get_mut(&k) {
            s.times += 1;
            s.at = Some((f, r));
        }
    }
    let pairs: Vec<(Place, Place)> = seen
        .into_values()
        .filter(|(a, b)| a.times == 1 && b.times == 1)
        .filter_map(|(a, b)| Some((a.at?, b.at?)))
        .collect();
    fn text<'f>(files: &[Texts<'f>], f: usize, r: &Range<usize>) -> (&'f str, &'f str) {
        (files[f].defaults, &files[f].text[r.clone()])
    }
    let verified: Vec<bool> = pairs
        .par_iter()
        .map(|((fa, ra), (fb, rb))| text(&old, *fa, ra) == text(&new, *fb, rb))
        .collect();
    let mut old_same: Same = vec![Vec::new(); old.len()];
    let mut new_same: Same = vec![Vec::new(); new.len()];
    for (((fa, ra), (fb, rb)), ok) in pairs.into_iter().zip(verified) {
        if ok {
            old_same[fa].push(ra);
            new_same[fb].push(rb);
        }
    }
    for v in old_same.iter_mut().chain(new_same.iter_mut()) {
        v.sort_unstable_by_key(|r| r.start);
    }
    (old_same, new_same)
}

/// Whether the item (by where its first key is) lies in one of the sorted ranges.
fn within(ranges: &[Range<usize>], it: &Item) -> bool {
    let Pos::Text { offset, .. } = it.loc.pos else {
        return false;
    };
    let at = offset as usize;
    let i = ranges.partition_point(|r| r.start <= at);
    i > 0 && ranges[i - 1].contains(&at)
}

/// The old version: every item tallied; the unchanged ones tallied apart and dropped (and read
/// only as far as the tally needs).
struct OldRun<'r> {
    same: &'r [Range<usize>],
}

impl Sink for OldRun<'_> {
    /// (all the items, the unchanged ones)
    type Out = (Tallies, Tallies);
    fn run(&self, run: &mut Catalog, _: bool) -> Self::Out {
        let mut all = Tallies::default();
        let mut shared = Tallies::default();
        run.items.retain(|it| {
            all.add(it);
            let same = within(self.same, it);
            if same {
                shared.add(it);
            }
            !same
        });
        (all, shared)
    }

    fn wants(&self) -> Wants<'_> {
        Wants {
            partly: self.same,
            unread: Some(&metrics::unread),
            ..Wants::default()
        }
    }
}

/// The new version: the unchanged items are left unread (or dropped, when the loader read them
/// anyway); every other item is tallied.
struct NewRun<'r> {
    same: &'r [Range<usize>],
}

impl Sink for NewRun<'_> {
    type Out = Tallies;
    fn run(&self, run: &mut Catalog, _: bool) -> Tallies {
        let mut all = Tallies::default();
        run.items.retain(|it| {
            let same = within(self.same, it);
            if !same {
                all.add(it);
            }
            !same
        });
        all
    }

    fn wants(&self) -> Wants<'_> {
        Wants {
            none: self.same,
            ..Wants::default()
        }
    }
}

/// Read one version's files, each with its own `sink` (made from the ranges of its unchanged
/// items), and merge them in order.
fn read_side<'s, S: Sink>(
    side: &Side,
    files: &[File],
    same: &'s Same,
    opts: &LoadOptions,
    sink: impl Fn(&'s [Range<usize>]) -> S + Sync,
) -> Result<(Catalog, Vec<S::Out>), Error> {
    type Part<O> = Result<(Catalog, Vec<O>), Error>;
    let parts: Vec<Part<S::Out>> = files
        .par_iter()
        .zip(same)
        .map(|(file, same)| {
            let sink = sink(same);
            let (cat, runs) = match &file.text {
                Some(text) => load::load_yaml_with(&file.path, text.clone(), &sink)?,
                None => load::load_file_with(&file.path, opts, &sink)?,
            };
            Ok((cat, runs.into_iter().map(|(_, out)| out).collect()))
        })
        .collect();
    let parts = collect(parts).map_err(|e| side.name_error(e))?;
    let mut cat = Catalog::default();
    cat.items.reserve_exact(parts.iter().map(|(c, _)| c.items.len()).sum());
    let mut outs = Vec::new();
    for (c, o) in parts {
        cat.merge(c);
        outs.extend(o);
    }
    Ok((side.name_sources(cat), outs))
}

fn read_old(side: &Side, files: &[File], same: &Same, opts: &LoadOptions) -> Result<(Version, Tallies), Error> {
    let (catalog, outs) = read_side(side, files, same, opts, |same| OldRun { same })?;
    let mut tally = Tallies::default();
    let mut shared = Tallies::default();
    for (a, s) in outs {
        tally.merge(a);
        shared.merge(s);
    }
    Ok((Version { catalog, tally }, shared))
}

fn read_new(side: &Side, files: &[File], same: &Same, opts: &LoadOptions) -> Result<Version, Error> {
    let (catalog, outs) = read_side(side, files, same, opts, |same| NewRun { same })?;
    let mut tally = Tallies::default();
    outs.into_iter().for_each(|t| tally.merge(t));
    Ok(Version { catalog, tally })
}
