//! Comparing two versions of a catalog (`catalog diff OLD NEW`) or a local catalog against its
//! upper-level catalog (`catalog diff --base UPPER LOCAL`).
//!
//! The result types serialize to the documented JSON report (docs/diff-json.md); every other
//! output format is rendered from them.

pub mod base;
pub mod by_text;
pub mod changes;
pub mod matching;
pub mod source;

use crate::metrics::{MetricSet, Tallies};
use crate::model::{Catalog, F, Item};
use matching::By;
use rayon::prelude::*;
use serde::Serialize;

/// An item as a reviewer recognizes it.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ItemRef {
    pub code: String,
    pub name: String,
    pub department: String,
    #[serde(rename = "type")]
    pub phylum: String,
    pub main_item: String,
}

impl ItemRef {
    pub fn of(it: &Item) -> ItemRef {
        let t = |f: F| it.text(f).unwrap_or("").to_string();
        ItemRef {
            code: t(F::Code),
            name: t(F::Name),
            department: t(F::Department),
            phylum: t(F::Phylum),
            main_item: t(F::MainItem),
        }
    }
}

/// One field that differs: dictionary key, label, old and new text (`null` when absent).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FieldChange {
    pub field: String,
    pub label: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

impl FieldChange {
    pub fn new(field: &str, label: &str, old: Option<String>, new: Option<String>) -> FieldChange {
        FieldChange {
            field: field.to_string(),
            label: label.to_string(),
            old,
            new,
        }
    }
}

/// A child (material, acceptance point) whose fields changed.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NamedChange {
    pub name: String,
    pub fields: Vec<FieldChange>,
}

/// Children added, removed (by name) and changed.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ChildChanges<T> {
    pub added: Vec<String>,
    pub removed: Vec<String>,
    pub changed: Vec<T>,
}

impl<T> ChildChanges<T> {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ScenarioChange {
    pub name: String,
    pub fields: Vec<FieldChange>,
    pub materials: ChildChanges<NamedChange>,
    pub acceptance_points: ChildChanges<NamedChange>,
}

/// An item whose code or name changed.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Renamed {
    pub old: ItemRef,
    pub new: ItemRef,
    /// `code` (same code, new name), `implementation_code` (new code, same 实施编码) or `name`
    /// (new code, matched by name within the 主项)
    pub matched_by: &'static str,
    pub similarity: f64,
}

/// A change of rank in the taxonomy (界门纲目科).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RankChange {
    pub rank: &'static str,
    pub label: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Moved {
    pub code: String,
    pub name: String,
    pub department: String,
    #[serde(rename = "type")]
    pub phylum: String,
    pub ranks: Vec<RankChange>,
}

/// A matched item with at least one difference.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Changed {
    pub code: String,
    /// Set when the code itself changed.
    pub old_code: Option<String>,
    pub name: String,
    pub department: String,
    #[serde(rename = "type")]
    pub phylum: String,
    pub fields: Vec<FieldChange>,
    pub scenarios: ChildChanges<ScenarioChange>,
}

impl Changed {
    /// Number of individual differences (fields, scenarios, materials, points).
    pub fn size(&self) -> usize {
        self.fields.len()
            + self.scenarios.added.len()
            + self.scenarios.removed.len()
            + self
                .scenarios
                .changed
                .iter()
                .map(|s| {
                    s.fields.len()
                        + s.materials.added.len()
                        + s.materials.removed.len()
                        + s.materials.changed.len()
                        + s.acceptance_points.added.len()
                        + s.acceptance_points.removed.len()
                        + s.acceptance_points.changed.len()
                })
                .sum::<usize>()
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Summary {
    /// What the old / new side was read from, as the user wrote it.
    pub old: String,
    pub new: String,
    pub old_items: usize,
    pub new_items: usize,
    pub added: usize,
    pub removed: usize,
    pub renamed: usize,
    pub moved: usize,
    pub changed: usize,
    pub unchanged: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MetricPair {
    pub old: MetricSet,
    pub new: MetricSet,
}

/// The whole comparison, in the key order of the JSON contract.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DiffReport {
    pub summary: Summary,
    pub metrics: MetricPair,
    pub added: Vec<ItemRef>,
    pub removed: Vec<ItemRef>,
    pub renamed: Vec<Renamed>,
    pub moved: Vec<Moved>,
    pub changed: Vec<Changed>,
}

impl DiffReport {
    pub fn has_changes(&self) -> bool {
        !(self.added.is_empty()
            && self.removed.is_empty()
            && self.renamed.is_empty()
            && self.moved.is_empty()
            && self.changed.is_empty())
    }
}

/// Taxonomy ranks whose change makes an item "moved".
const RANKS: &[(F, &str)] = &[
    (F::Kingdom, "kingdom"),
    (F::Phylum, "phylum"),
    (F::Class, "class"),
    (F::MainItem, "main_item"),
    (F::SubItem, "sub_item"),
];

fn rank_value(it: &Item, f: F) -> Option<&str> {
    match f {
        F::SubItem => it.sub_item(),
        _ => it.text(f),
    }
    .map(str::trim)
}

/// Compare two versions as read (by [`by_text::read`], or whole by [`by_text::read_whole`]): the
/// items found unchanged by their text are only in the tallies and the count.
pub fn compare_read(read: &by_text::Read, old_label: &str, new_label: &str) -> DiffReport {
    let (old, new) = (&read.old, &read.new);
    compare_items(
        &old.catalog,
        &new.catalog,
        (&old.tally, &new.tally),
        read.unchanged,
        old_label,
        new_label,
    )
}

/// Pair and compare the items of two catalogs; `tallies` count every item of each version,
/// `unchanged` the items left out of both catalogs as unchanged.
fn compare_items(
    old: &Catalog,
    new: &Catalog,
    tallies: (&Tallies, &Tallies),
    unchanged: usize,
    old_label: &str,
    new_label: &str,
) -> DiffReport {
    let (m, (mo, mn)) = rayon::join(
        || matching::match_items(&old.items, &new.items),
        || (tallies.0.finish(), tallies.1.finish()),
    );
    // Most pairs are identical: compare cheaply first, diff only the rest.
    let per_pair: Vec<(Option<Renamed>, Option<Moved>, Option<Changed>)> = m
        .pairs
        .par_iter()
        .map(|&(i, j, by, sim)| {
            let (a, b) = (&old.items[i], &new.items[j]);
            if by == By::Code && (changes::same_text(old, a, new, b) || changes::item_eq(a, b)) {
                return (None, None, None);
            }
            let (ra, rb) = (ItemRef::of(a), ItemRef::of(b));
            let renamed = (ra.code != rb.code || ra.name != rb.name).then(|| Renamed {
                old: ra.clone(),
                new: rb.clone(),
                matched_by: match by {
                    By::Code => "code",
                    By::ImplementationCode => "implementation_code",
                    By::Name => "name",
                },
                similarity: (sim * 1000.0).round() / 1000.0,
            });
            let ranks: Vec<RankChange> = RANKS
                .iter()
                .filter_map(|&(f, key)| {
                    let (x, y) = (rank_value(a, f), rank_value(b, f));
                    (x != y).then(|| RankChange {
                        rank: key,
                        label: f.label().to_string(),
                        old: x.map(str::to_string),
                        new: y.map(str::to_string),
                    })
                })
                .collect();
            let moved = (!ranks.is_empty()).then(|| Moved {
                code: rb.code.clone(),
                name: rb.name.clone(),
                department: rb.department.clone(),
                phylum: rb.phylum.clone(),
                ranks,
            });
            let fields = changes::item_fields(a, b);
            let scenarios = changes::scenarios(a, b);
            let changed = (!fields.is_empty() || !scenarios.is_empty()).then(|| Changed {
                old_code: (ra.code != rb.code).then(|| ra.code.clone()),
                code: rb.code,
                name: rb.name,
                department: rb.department,
                phylum: rb.phylum,
                fields,
                scenarios,
            });
            (renamed, moved, changed)
        })
        .collect();
    let mut renamed = Vec::new();
    let mut moved = Vec::new();
    let mut changed = Vec::new();
    for (r, mv, c) in per_pair {
        renamed.extend(r);
        moved.extend(mv);
        changed.extend(c);
    }
    let added: Vec<ItemRef> = m.added.iter().map(|&j| ItemRef::of(&new.items[j])).collect();
    let removed: Vec<ItemRef> = m.removed.iter().map(|&i| ItemRef::of(&old.items[i])).collect();
    let summary = Summary {
        old: old_label.to_string(),
        new: new_label.to_string(),
        old_items: tallies.0.items(),
        new_items: tallies.1.items(),
        added: added.len(),
        removed: removed.len(),
        renamed: renamed.len(),
        moved: moved.len(),
        changed: changed.len(),
        unchanged: m.pairs.len() - changed.len() + unchanged,
    };
    DiffReport {
        summary,
        metrics: MetricPair { old: mo, new: mn },
        added,
        removed,
        renamed,
        moved,
        changed,
    }
}
