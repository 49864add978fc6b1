//! Runs the rules over a catalog in parallel and collects their findings in a stable order.

use crate::diag::{Diagnostic, Severity};
use crate::model::{Catalog, Pos};
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
pub fn run(cx: &Ctx, rules: &[Active]) -> Vec<Diagnostic> {
    let items = &cx.catalog.items;
    let mut diags: Vec<Diagnostic> = items
        .par_iter()
        .enumerate()
        .with_min_len(64)
        .flat_map_iter(|(i, item)| {
            rules.iter().flat_map(move |a| {
                let mut out = Out::new(&a.meta.code);
                a.rule.check_item(cx, i, item, &mut out);
                out.diags.into_iter().map(move |mut d| {
                    d.severity = a.severity;
                    d
                })
            })
        })
        .collect();
    let whole: Vec<Diagnostic> = rules
        .par_iter()
        .flat_map_iter(|a| {
            let mut out = Out::new(&a.meta.code);
            a.rule.check_catalog(cx, &mut out);
            out.diags.into_iter().map(move |mut d| {
                d.severity = a.severity;
                d
            })
        })
        .collect();
    diags.extend(whole);
    sort(cx.catalog, &mut diags);
    diags
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
