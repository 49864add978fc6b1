//! Reading two versions of a catalog without reading twice what did not change.
//!
//! Between two versions most items stay as they were, and reading YAML is most of a diff's
//! time. So before anything is read, each item's text (with the `defaults:` it inherits) is
//! looked up in the other version: an item whose text appears exactly once in each version and
//! holds no anchor or alias (which point outside its text) is the same item, unchanged. The
//! old version is then read whole — every item tallied for the metrics, the unchanged ones
//! dropped right after, and read only as far as the metrics need: a one-line plain value of a
//! key they do not read, which its field takes without an error, is passed over
//! ([`metrics::ForTally`]; syntax, types and duplicate keys are checked as ever) — and the new
//! version leaves the unchanged items unread ([`Wants::none`]): only the items that changed,
//! moved or appeared are read there. Its metrics are the tally of what was read in it plus the
//! tally of the unchanged items.
//!
//! After reading, the pairing is checked: each unchanged text must have been read as one item
//! ending within its lines (a quoted value continued past the next dash is not), and its code
//! must be that one item's in each version (pairing by code would pair it with its twin).
//! Otherwise both versions are read whole. So the report is the same as reading both whole
//! (`CATALOG_DIFF_BY_TEXT=0` does that; `tests/diff_by_text.rs` holds the two equal).

use super::source::Side;
use crate::error::Error;
use crate::load::{self, Items, LoadOptions, Sink, Wants};
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
    /// One file, or an export's CSV files read together ([`load::units`]).
    unit: Vec<PathBuf>,
    /// A YAML file's text (a YAML file is always a unit of its own).
    text: Option<Arc<str>>,
}

/// Read both versions, each item that is the same in both only once. What cannot be paired
/// by text this way — an item whose text turns out not to be one item, or whose code is not
/// one item's in each version, as pairing by code needs — makes both versions read whole.
pub fn read(old: &Side, new: &Side, opts: &LoadOptions) -> Result<Read, Error> {
    // An unreadable file: read both whole, which reports every error of both versions (the
    // paired read stops at the first phase that fails, and never reads the new version's
    // unchanged items).
    paired(old, new, opts).or_else(|_| read_whole(old, new, opts))
}

/// [`read`], items paired by their texts (both read whole when the pairing does not hold).
fn paired(old: &Side, new: &Side, opts: &LoadOptions) -> Result<Read, Error> {
    let (old_files, new_files) = both(|| texts(old, opts), || texts(new, opts))?;
    let (old_texts, new_texts) = rayon::join(|| item_texts(&old_files), || item_texts(&new_files));
    let (old_same, new_same) = unchanged(&old_texts, &new_texts);
    let (old_read, new_read) = both(
        || read_side(old, &old_files, &old_texts, &old_same, opts, true),
        || read_side(new, &new_files, &new_texts, &new_same, opts, false),
    )?;
    let (old_cat, old_outs) = old_read;
    let (new_cat, new_outs) = new_read;
    if !paired_right(&old_same, &old_outs, true)
        || !paired_right(&new_same, &new_outs, false)
        || !codes_pair(&old_outs, &new_outs)
    {
        return read_whole(old, new, opts);
    }
    // Each version: the items it kept, and the unchanged ones (as read in the old version).
    let (mut old_tally, mut new_tally, mut shared) = (Tallies::default(), Tallies::default(), Tallies::default());
    let mut unchanged = 0;
    for o in old_outs.into_iter().flatten() {
        old_tally.merge(o.kept);
        shared.merge(o.same);
        unchanged += o.dropped.len();
    }
    for o in new_outs.into_iter().flatten() {
        new_tally.merge(o.kept);
    }
    old_tally.merge(shared.clone());
    new_tally.merge(shared);
    Ok(Read {
        old: Version {
            catalog: old_cat,
            tally: old_tally,
        },
        new: Version {
            catalog: new_cat,
            tally: new_tally,
        },
        unchanged,
    })
}

/// Both versions read whole, each item tallied.
pub fn read_whole(old: &Side, new: &Side, opts: &LoadOptions) -> Result<Read, Error> {
    let (old, new) = both(|| old.load(opts), || new.load(opts))?;
    let (old_tally, new_tally) = rayon::join(|| metrics::tally(&old.items), || metrics::tally(&new.items));
    Ok(Read {
        old: Version {
            catalog: old,
            tally: old_tally,
        },
        new: Version {
            catalog: new,
            tally: new_tally,
        },
        unchanged: 0,
    })
}

/// Whether every unchanged item's text was read as one item, within that text (by its last
/// line), and no other item reached into one: a value continued past the next item's dash, or
/// a dash with no item, is not.
/// `all`: every one of them must have been read (the old version reads them all; the new one
/// leaves them unread when it can, and reads them all when it reads a file in one piece).
fn paired_right(same: &[Same], outs: &[Vec<Counted>], all: bool) -> bool {
    same.iter().zip(outs).all(|(same, outs)| {
        if outs.iter().any(|o| o.overlaps) {
            return false;
        }
        let mut seen = vec![false; same.ranges.len()];
        for d in outs.iter().flat_map(|o| &o.dropped) {
            if std::mem::replace(&mut seen[d.range], true) || d.end_line > same.last_lines[d.range] {
                return false;
            }
        }
        let all = all || outs.iter().any(|o| o.whole);
        !all || seen.iter().all(|s| *s)
    })
}

/// Whether each unchanged item has a code that is that one item's in each version: then pairing
/// by code pairs it with its twin, as reading both whole would.
fn codes_pair(old: &[Vec<Counted>], new: &[Vec<Counted>]) -> bool {
    let mut in_old: HashMap<&str, u32, rustc_hash::FxBuildHasher> = HashMap::default();
    let mut in_new: HashMap<&str, u32, rustc_hash::FxBuildHasher> = HashMap::default();
    for o in old.iter().flatten() {
        o.codes.iter().for_each(|c| *in_old.entry(c).or_default() += 1);
        o.dropped.iter().for_each(|d| *in_new.entry(&d.code).or_default() += 1);
    }
    for o in new.iter().flatten() {
        o.codes.iter().for_each(|c| *in_new.entry(c).or_default() += 1);
    }
    old.iter().flatten().flat_map(|o| &o.dropped).all(|d| {
        !d.code.is_empty() && in_old.get(d.code.as_str()) == Some(&1) && in_new.get(d.code.as_str()) == Some(&1)
    })
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
fn texts(side: &Side, opts: &LoadOptions) -> Result<Vec<File>, Error> {
    load::each_unit(std::slice::from_ref(&side.root), opts, |unit| {
        let text = match unit {
            [path] if load::is_yaml(path) => Some(load::read_yaml(path)?),
            _ => None,
        };
        Ok(File {
            unit: unit.to_vec(),
            text,
        })
    })
    .map_err(|e| side.name_error(e))
}

/// A file's unchanged items: the byte ranges of their texts, in order, and the last line
/// (1-based) of each.
#[derive(Clone, Default)]
struct Same {
    ranges: Vec<Range<usize>>,
    first_lines: Vec<u32>,
    last_lines: Vec<u32>,
}

impl Same {
    /// The unchanged item whose text holds the item's first key.
    fn find(&self, it: &Item) -> Option<usize> {
        let Pos::Text { offset, .. } = it.loc.pos else {
            return None;
        };
        let at = offset as usize;
        let i = self.ranges.partition_point(|r| r.start <= at);
        (i > 0 && self.ranges[i - 1].contains(&at)).then(|| i - 1)
    }

    /// Whether an item read outside the unchanged texts (first key at `offset`, last line
    /// `end_line`) runs into the next of them.
    fn overlaps(&self, it: &Item) -> bool {
        let Pos::Text { offset, .. } = it.loc.pos else {
            return false;
        };
        let next = self.ranges.partition_point(|r| r.start <= offset as usize);
        self.first_lines.get(next).is_some_and(|first| it.end_line >= *first)
    }
}

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
    region: Range<usize>,
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
                    region: t.region,
                    items: t.items,
                },
                _ => Texts {
                    defaults: "",
                    text,
                    region: 0..0,
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

/// The unchanged items of each file of each version.
fn unchanged(old: &[Texts], new: &[Texts]) -> (Vec<Same>, Vec<Same>) {
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
    let (old_keys, new_keys) = rayon::join(|| keyed(old), || keyed(new));
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
        .map(|((fa, ra), (fb, rb))| text(old, *fa, ra) == text(new, *fb, rb))
        .collect();
    let mut old_same = vec![Vec::new(); old.len()];
    let mut new_same = vec![Vec::new(); new.len()];
    for (((fa, ra), (fb, rb)), ok) in pairs.into_iter().zip(verified) {
        if ok {
            old_same[fa].push(ra);
            new_same[fb].push(rb);
        }
    }
    let last_lines = |texts: &[Texts], same: Vec<Vec<Range<usize>>>| -> Vec<Same> {
        same.into_par_iter()
            .zip(texts)
            .map(|(mut ranges, t)| {
                ranges.sort_unstable_by_key(|r| r.start);
                let (mut line, mut at) = (1, 0);
                let mut first_lines = Vec::with_capacity(ranges.len());
                let mut last_lines = Vec::with_capacity(ranges.len());
                for r in &ranges {
                    line += load::yaml::newlines(&t.text[at..r.start]);
                    at = r.start;
                    let body = &t.text[r.clone()];
                    first_lines.push(line as u32);
                    last_lines.push((line + load::yaml::newlines(body) - usize::from(body.ends_with('\n'))) as u32);
                }
                Same {
                    ranges,
                    first_lines,
                    last_lines,
                }
            })
            .collect()
    };
    rayon::join(|| last_lines(old, old_same), || last_lines(new, new_same))
}

/// What a run of a version's items gave.
#[derive(Default)]
struct Counted {
    /// The items kept.
    kept: Tallies,
    /// The unchanged items read and dropped (in the old version: all of them).
    same: Tallies,
    dropped: Vec<Dropped>,
    /// The codes of the items kept (old version: of every item read).
    codes: Vec<String>,
    /// An item kept reaches into an unchanged item's text.
    overlaps: bool,
    /// The run was the whole file (read in one piece, the unchanged items with it).
    whole: bool,
}

/// An unchanged item, read and dropped.
struct Dropped {
    /// Which of the file's unchanged items.
    range: usize,
    end_line: u32,
    code: String,
}

fn code(it: &Item) -> String {
    it.code().unwrap_or("").trim().to_string()
}

/// Tally the items of a run and drop the unchanged ones; note the codes of the kept items (of
/// every item: `all_codes`).
fn count(run: &mut Catalog, same: &Same, all_codes: bool, whole: bool) -> Counted {
    let mut c = Counted {
        whole,
        ..Counted::default()
    };
    run.items.retain(|it| {
        let found = same.find(it);
        if all_codes || found.is_none() {
            c.codes.push(code(it));
        }
        let Some(range) = found else {
            c.kept.add(it);
            c.overlaps |= same.overlaps(it);
            return true;
        };
        c.same.add(it);
        c.dropped.push(Dropped {
            range,
            end_line: it.end_line,
            code: code(it),
        });
        false
    });
    c
}

/// Reading one file of a version. The old version: every item tallied and its code counted,
/// the unchanged ones dropped (and read only as far as the tally and the pairing need). The
/// new version: the unchanged items left unread (or dropped, when the loader read them anyway).
struct Reading<'r> {
    texts: &'r Texts<'r>,
    same: &'r Same,
    old: bool,
}

impl Sink for Reading<'_> {
    type Out = Counted;
    fn run(&self, run: &mut Catalog, whole: bool) -> Counted {
        count(run, self.same, self.old, whole)
    }

    fn wants(&self) -> Wants<'_> {
        let these = Items::These(&self.same.ranges);
        let items = known_items(self.texts);
        if self.old {
            Wants {
                partly: these,
                unread: Some(&metrics::ForTally),
                items,
                ..Wants::default()
            }
        } else {
            Wants {
                none: these,
                items,
                ..Wants::default()
            }
        }
    }
}

/// The items region and the item texts already found, so that the loader need not look again.
fn known_items<'t>(t: &'t Texts) -> Option<(Range<usize>, &'t [Range<usize>])> {
    (!t.items.is_empty()).then(|| (t.region.clone(), &t.items[..]))
}

/// Read one version's files (the old one: `old`), each through its [`Reading`], and merge them in
/// order: the catalog and, per file, what was counted in each run.
fn read_side(
    side: &Side,
    files: &[File],
    texts: &[Texts],
    same: &[Same],
    opts: &LoadOptions,
    old: bool,
) -> Result<(Catalog, Vec<Vec<Counted>>), Error> {
    type Part = Result<(Catalog, Vec<Counted>), Error>;
    let parts: Vec<Part> = files
        .par_iter()
        .zip(texts)
        .zip(same)
        .map(|((file, texts), same)| {
            let sink = Reading { texts, same, old };
            let (cat, runs) = match &file.text {
                Some(text) => load::load_yaml_with(&file.unit[0], text.clone(), &sink)?,
                None => load::load_unit_with(&file.unit, opts, &sink)?,
            };
            Ok((cat, runs.into_iter().map(|(_, out)| out).collect()))
        })
        .collect();
    let parts = Error::collect(parts).map_err(|e| side.name_error(e))?;
    let mut cat = Catalog::default();
    cat.items.reserve_exact(parts.iter().map(|(c, _)| c.items.len()).sum());
    let mut outs = Vec::with_capacity(parts.len());
    for (c, o) in parts {
        cat.merge(c);
        outs.push(o);
    }
    Ok((side.name_sources(cat), outs))
}
