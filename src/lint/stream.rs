//! Checking a catalog of many files one file at a time.
//!
//! A national catalog is a directory of hundreds of files and millions of items; held whole,
//! its model outgrows a laptop (13 GB for a million generated items). Item rules only look at
//! their own item (and its file), so each file is loaded, its items checked, and its items then
//! kept with their own fields only ([`Item::compact`]); the whole-catalog rules run once every
//! file is in. The few of them that read below the item name the fields
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
use crate::load::{LoadOptions, load_file, progress};
use crate::model::fields::FieldSet;
use crate::model::taxonomy::Taxonomy;
use crate::model::{Catalog, FileId};
use crate::rules::{Ctx, RuleOptions};
use rayon::prelude::*;
use std::path::PathBuf;

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

/// Load every file, run the item rules on its items and compact them; merge in file order.
/// A file that cannot be read is an error (all of them reported together), as when loading
/// the catalog whole.
pub fn check_files(
    files: &[PathBuf],
    opts: &LoadOptions,
    taxonomy: &Taxonomy,
    options: &RuleOptions,
    rules: &[Active],
    texts: Texts,
) -> Result<Checked, Error> {
    let nothing_below = FieldSet::default();
    let bar = progress(files.len());
    let parts: Vec<Result<(Catalog, Vec<Diagnostic>), Error>> = files
        .par_iter()
        .map(|f| {
            let r = load_file(f, opts).map(|mut c| {
                let found = check_file(&c, taxonomy, options, rules);
                for it in &mut c.items {
                    it.compact(&nothing_below);
                }
                if texts == Texts::Drop {
                    c.sources.iter_mut().for_each(|s| s.text = None);
                }
                (c, found)
            });
            bar.inc(1);
            r
        })
        .collect();
    bar.finish_and_clear();

    let mut catalog = Catalog::default();
    catalog
        .items
        .reserve_exact(parts.iter().flatten().map(|(c, _)| c.items.len()).sum());
    let mut item_findings = Vec::with_capacity(parts.iter().flatten().map(|(_, d)| d.len()).sum());
    let mut errors = Vec::new();
    // Per file: the first number `Catalog::merge` gives its sources, and its first item.
    let mut starts = Vec::with_capacity(files.len());
    for part in parts {
        match part {
            Ok((c, found)) => {
                let (file, item) = (catalog.sources.len() as FileId, catalog.items.len());
                starts.push((file, item));
                item_findings.extend(found.into_iter().map(|d| renumber(d, file, item)));
                catalog.merge(c);
            }
            Err(e) => errors.push(e),
        }
    }
    if let Some(e) = Error::many(errors) {
        return Err(e);
    }
    restore_below(&mut catalog, files, &starts, opts, rules)?;
    Ok(Checked { catalog, item_findings })
}

/// Give the items that whole-catalog rules read below the item those fields back, from their
/// files read again.
fn restore_below(
    catalog: &mut Catalog,
    files: &[PathBuf],
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
            let c = load_file(&files[f], opts);
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

/// The item rules on one file's items, in item order.
fn check_file(c: &Catalog, taxonomy: &Taxonomy, options: &RuleOptions, rules: &[Active]) -> Vec<Diagnostic> {
    // No upper catalog here: it is read from the merged header, and only whole-catalog rules
    // compare against it.
    let cx = Ctx::new(c, taxonomy, options, None);
    let runs = check_items(&cx, rules, true);
    let mut found = Vec::with_capacity(runs.iter().map(Vec::len).sum());
    runs.into_iter().for_each(|r| found.extend(r));
    found
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
