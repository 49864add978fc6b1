//! Runs the rules over a catalog in parallel and collects their findings in a stable order.

use crate::diag::{Diagnostic, Severity};
use crate::model::fields::FieldSet;
use crate::model::{Catalog, Item, Pos};
use crate::rules::declarative::fields_ref::each_value;
use crate::rules::{Ctx, Out, Rule, RuleMeta};
use rayon::prelude::*;
use std::collections::HashMap;

/// A rule with the severity it runs at (the default, or what the config says).
pub struct Active {
    pub rule: Box<dyn Rule>,
    pub meta: RuleMeta,
    pub severity: Severity,
}

impl Active {
    /// The rule's findings at the severity it runs at.
    fn graded(&self, out: Out) -> impl Iterator<Item = Diagnostic> + use<'_> {
        out.diags.into_iter().map(|mut d| {
            d.severity = self.severity;
            d
        })
    }

    pub fn new(rule: Box<dyn Rule>) -> Active {
        let meta = rule.meta();
        Active {
            severity: meta.severity,
            meta,
            rule,
        }
    }
}

/// Run every active rule: item rules in parallel over items, catalog rules in parallel over rules.
/// Value rules share one walk over each item's values (see [`Rule::value_fields`]).
pub fn run(cx: &Ctx, rules: &[Active]) -> Vec<Diagnostic> {
    let items = &cx.catalog.items;
    let value_rules: Vec<(&Active, FieldSet)> = rules
        .iter()
        .filter_map(|a| a.rule.value_fields().map(|set| (a, set)))
        .collect();
    let any_value: FieldSet = value_rules.iter().fold(FieldSet::default(), |u, (_, s)| u.union(s));
    let mut diags: Vec<Diagnostic> = items
        .par_iter()
        .enumerate()
        .with_min_len(64)
        .flat_map_iter(|(i, item)| {
            let mut found = Vec::new();
            for a in rules {
                let mut out = Out::new(&a.meta.code);
                a.rule.check_item(cx, i, item, &mut out);
                found.extend(a.graded(out));
            }
            if !value_rules.is_empty() {
                check_values(cx, i, item, &value_rules, &any_value, &mut found);
            }
            found
        })
        .collect();
    let whole: Vec<Diagnostic> = rules
        .par_iter()
        .flat_map_iter(|a| {
            let mut out = Out::new(&a.meta.code);
            a.rule.check_catalog(cx, &mut out);
            a.graded(out)
        })
        .collect();
    diags.extend(whole);
    sort(cx.catalog, &mut diags);
    diags
}

/// One walk over the item's values; each non-blank value goes to every value rule that reads
/// its field and applies to the item.
fn check_values(
    cx: &Ctx,
    i: usize,
    item: &Item,
    value_rules: &[(&Active, FieldSet)],
    any_value: &FieldSet,
    found: &mut Vec<Diagnostic>,
) {
    let mut outs: Vec<(Out, &FieldSet, bool, &Active)> = value_rules
        .iter()
        .map(|(a, set)| (Out::new(&a.meta.code), set, a.rule.values_apply(cx, item), *a))
        .collect();
    each_value(item, any_value, |f, v, loc| {
        if v.trim().is_empty() {
            return;
        }
        for (out, set, applies, a) in &mut outs {
            if *applies && set.contains(f) {
                a.rule.check_value(cx, i, f, v, loc, out);
            }
        }
    });
    for (out, _, _, a) in outs {
        found.extend(a.graded(out));
    }
}

/// File order, then position, then code: the same output on every run.
pub fn sort(cat: &Catalog, diags: &mut [Diagnostic]) {
    let _ = cat;
    diags.sort_by(|a, b| {
        let key = |d: &Diagnostic| {
            let (line, col) = match d.loc.pos {
                Pos::Text { line, col, .. } => (line, col),
                Pos::Cell { sheet, row, col } => ((sheet as u32) << 24 | row, col),
                Pos::None => (0, 0),
            };
            (d.loc.file, line, col)
        };
        key(a)
            .cmp(&key(b))
            .then_with(|| a.code.cmp(&b.code))
            .then_with(|| a.message.zh.cmp(&b.message.zh))
    });
}

/// Counts by severity.
#[derive(Clone, Copy, Debug, Default, serde::Serialize)]
pub struct Counts {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Counts {
    pub fn of(diags: &[Diagnostic]) -> Counts {
        let mut c = Counts::default();
        for d in diags {
            match d.severity {
                Severity::Error => c.errors += 1,
                Severity::Warning => c.warnings += 1,
                Severity::Info => c.infos += 1,
            }
        }
        c
    }
}

/// Counts per rule code, most frequent first.
pub fn by_rule(diags: &[Diagnostic]) -> Vec<(String, usize)> {
    let mut m: HashMap<&str, usize> = HashMap::new();
    for d in diags {
        *m.entry(&d.code).or_default() += 1;
    }
    let mut v: Vec<(String, usize)> = m.into_iter().map(|(k, n)| (k.to_string(), n)).collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v
}
