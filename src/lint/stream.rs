//! Checking a catalog as it is read, one file (and in a big file, one chunk of items) at a time.
//!
//! A national catalog is a directory of hundreds of files and millions of items; held whole,
//! its model outgrows a laptop (13 GB for a million generated items). Item rules only look at
//! their own item (and its file), so the items are checked as the loader hands them over (a
//! [`Sink`]) and then kept with their own fields only ([`Item::compact`]); the whole-catalog
//! rules run once every file is in. The few of them that read below the item name the fields
//! ([`Rule::catalog_reads`]) and the items ([`Rule::catalog_reads_items`]: the items of a
//! 一件事, say): those items' files are read again for just those fields. The findings are the
//! same as a check of the whole model: the same rules, the same items in the same order, the
//! same numbering.
//!
//! [`Item::compact`]: crate::model::Item::compact
//! [`Rule::catalog_reads`]: crate::rules::Rule::catalog_reads
//! [`Rule::catalog_reads_items`]: crate::rules::Rule::catalog_reads_items

use super::{Active, check_items};
use crate::diag::Diagnostic;
use crate::error::Error;
use crate::load::{LoadOptions, Sink, load_unit_with, progress};
use crate::model::fields::FieldSet;
use crate::model::taxonomy::Taxonomy;
use crate::model::{Catalog, FileId, append};
use crate::rules::format::not_applicable;
use crate::rules::{Ctx, RuleOptions};
use rayon::prelude::*;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};

/// What one pass over the files gives: the merged catalog, its items compacted, and the
/// findings of the item rules, numbered as in that catalog.
pub struct Checked {
    pub catalog: Catalog,
    pub item_findings: Vec<Diagnostic>,
}

/// What the files' sources keep once checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Texts {
    /// The file texts, for reports that quote the lines of a finding.
    Keep,
    /// Nothing: machine formats and summaries only need the places.
    Drop,
}

/// Load every file, run the item rules on its items as they are read and compact them; merge
/// in file order. A file that cannot be read is an error (all of them reported together), as
/// when loading the catalog whole.
pub fn check_files(
    files: &[PathBuf],
    opts: &LoadOptions,
    taxonomy: &Taxonomy,
    options: &RuleOptions,
    rules: &[Active],
    texts: Texts,
) -> Result<Checked, Error> {
    let sink = CheckRun {
        taxonomy,
        options,
        rules,
        compact_whole_files: files.len() > 1,
        compacted: AtomicBool::new(false),
    };
    // The CSV files of one export are read together (their related files join the items).
    let units = crate::load::units(files.to_vec(), opts);
    let bar = progress(units.len());
    let parts: Vec<Result<(Catalog, Vec<Diagnostic>), Error>> = units
        .par_iter()
        .map(|f| {
            let r = load_unit_with(f, opts, &sink).map(|(mut c, runs)| {
                if texts == Texts::Drop {
                    c.sources.iter_mut().for_each(|s| s.text = None);
                }
                // Number each run's findings as in the file.
                let mut found = Vec::new();
                if runs.len() > 1 {
                    found.reserve_exact(runs.iter().map(|(_, d)| d.len()).sum());
                }
                let mut first = 0;
                for (n, d) in runs {
                    append_renumbered(&mut found, d, 0, first);
                    first += n;
                }
                (c, found)
            });
            bar.inc(1);
            r
        })
        .collect();
    bar.finish_and_clear();

    let mut catalog = Catalog::default();
    // Room for every file's items and findings at once; one file's are taken as they are.
    if parts.len() > 1 {
        catalog
            .items
            .reserve_exact(parts.iter().flatten().map(|(c, _)| c.items.len()).sum());
    }
    let mut item_findings = Vec::new();
    if parts.len() > 1 {
        item_findings.reserve_exact(parts.iter().flatten().map(|(_, d)| d.len()).sum());
    }
    let mut errors = Vec::new();
    // Per file: the first number `Catalog::merge` gives its sources, and its first item.
    let mut starts = Vec::with_capacity(units.len());
    for part in parts {
        match part {
            Ok((c, found)) => {
                let (file, item) = (catalog.sources.len() as FileId, catalog.items.len());
                starts.push((file, item));
                append_renumbered(&mut item_findings, found, file, item);
                catalog.merge(c);
            }
            Err(e) => errors.push(e),
        }
    }
    if let Some(e) = Error::many(errors) {
        return Err(e);
    }
    if sink.compacted.load(Ordering::Relaxed) {
        restore_below(&mut catalog, &units, &starts, opts, rules)?;
    }
    Ok(Checked { catalog, item_findings })
}

/// Give the items that whole-catalog rules read below the item those fields back, from their
/// files read again.
fn restore_below(
    catalog: &mut Catalog,
    files: &[Vec<PathBuf>],
    starts: &[(FileId, usize)],
    opts: &LoadOptions,
    rules: &[Active],
) -> Result<(), Error> {
    let mut below = FieldSet::default();
    let mut wanted = Vec::new();
    for a in rules {
        let reads = a.rule.catalog_reads();
        if !reads.is_empty() {
            below = below.union(&reads);
            wanted.extend(a.rule.catalog_reads_items(catalog));
        }
    }
    wanted.sort_unstable();
    wanted.dedup();
    // Items by file: `starts` is in item order.
    let mut by_file: Vec<(usize, Vec<usize>)> = Vec::new();
    for i in wanted {
        let f = starts.partition_point(|&(_, first)| first <= i) - 1;
        match by_file.last_mut() {
            Some((g, list)) if *g == f => list.push(i),
            _ => by_file.push((f, vec![i])),
        }
    }
    let again: Vec<(usize, Vec<usize>, Result<Catalog, Error>)> = by_file
        .into_par_iter()
        .map(|(f, list)| {
            let c = load_unit_with(&files[f], opts, &crate::load::Keep).map(|(c, _)| c);
            (f, list, c)
        })
        .collect();
    for (f, list, c) in again {
        let mut c = c?;
        let (file, first) = starts[f];
        if file != 0 {
            c.for_each_loc(|l| l.file += file);
        }
        for i in list {
            let Some(it) = c.items.get_mut(i - first) else { continue };
            it.compact(&below);
            catalog.items[i].scenarios = std::mem::take(&mut it.scenarios);
        }
    }
    Ok(())
}

/// The item rules on each run of items as it is read; the items are then kept with their own
/// fields only.
struct CheckRun<'a> {
    taxonomy: &'a Taxonomy,
    options: &'a RuleOptions,
    rules: &'a [Active],
    /// Whether to compact a run that is a whole file: not when it is the only file, whose
    /// memory has peaked by then (freeing it would only cost time).
    compact_whole_files: bool,
    /// Whether any item was compacted (else there is nothing to give back).
    compacted: AtomicBool,
}

impl Sink for CheckRun<'_> {
    type Out = Vec<Diagnostic>;
    fn run(&self, run: &mut Catalog, whole: bool) -> Vec<Diagnostic> {
        // No upper catalog here: it is read from the merged header, and only whole-catalog
        // rules compare against it.
        let cx = Ctx::new(run, self.taxonomy, self.options, None);
        // Not the rules this file's source lacks the concepts of: their findings on its items
        // would be dropped (`not_applicable::filter`), and some are costly (F001's suggestions).
        let lacks = not_applicable::lacking_in(run);
        let rules: Vec<&Active> = self
            .rules
            .iter()
            .filter(|a| !lacks.contains(&a.meta.code.as_ref()))
            .collect();
        let parts = check_items(&cx, &rules, true);
        let mut found = Vec::with_capacity(parts.iter().map(Vec::len).sum());
        parts.into_iter().for_each(|p| found.extend(p));
        if !whole || self.compact_whole_files {
            self.compacted.store(true, Ordering::Relaxed);
            let nothing_below = FieldSet::default();
            for it in &mut run.items {
                it.compact(&nothing_below);
            }
        }
        found
    }
}

/// Append findings numbered within a part (a run of a file, a file of the catalog) to those of
/// the whole, the part's files and items starting at `files` and `items`; the first part's list
/// is taken as it is (`model::append`).
fn append_renumbered(to: &mut Vec<Diagnostic>, found: Vec<Diagnostic>, files: FileId, items: usize) {
    if (files, items) == (0, 0) {
        append(to, found);
    } else {
        to.extend(found.into_iter().map(|d| renumber(d, files, items)));
    }
}

fn renumber(mut d: Diagnostic, files: FileId, items: usize) -> Diagnostic {
    d.loc.file += files;
    if let Some(f) = &mut d.fix {
        f.loc.file += files;
    }
    if let Some(i) = &mut d.item {
        *i += items;
    }
    d
}
