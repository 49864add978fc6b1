//! Baselines: adopt the tool on a legacy list by recording today's findings and reporting only
//! new ones. A finding is keyed by item code + rule + its message with digits masked, never by
//! line, so edits elsewhere in the file do not break the baseline; counts per key let two
//! findings of one rule on one item both be recorded.

use crate::diag::Diagnostic;
use crate::error::Error;
use crate::model::Catalog;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub version: u32,
    pub entries: Vec<Entry>,
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// 事项编码, else the item name, else the file (for findings not about one item).
    pub item: String,
    pub rule: String,
    /// The Chinese message with digit runs masked (line numbers inside messages move).
    pub fingerprint: String,
    pub count: usize,
}

type Key = (String, String, String);

fn key(cat: &Catalog, d: &Diagnostic) -> Key {
    let item = d.item.and_then(|i| cat.items.get(i));
    let who = item
        .and_then(|it| it.code().or(it.name()))
        .map(str::to_string)
        .unwrap_or_else(|| {
            cat.sources
                .get(d.loc.file as usize)
                .map(|s| s.display.clone())
                .unwrap_or_default()
        });
    (who, d.code.to_string(), fingerprint(&d.message.zh))
}

pub fn fingerprint(msg: &str) -> String {
    let mut out = String::with_capacity(msg.len());
    let mut in_digits = false;
    for c in msg.chars() {
        if c.is_ascii_digit() {
            if !in_digits {
                out.push('#');
            }
            in_digits = true;
        } else {
            in_digits = false;
            out.push(c);
        }
    }
    out
}

/// The baseline step of the lint pipeline: `--write-baseline` records the findings,
/// `--baseline` hides the known ones; returns how many were hidden.
pub fn apply(sel: &crate::cli::RuleSelection, cat: &Catalog, diags: &mut Vec<Diagnostic>) -> Result<usize, Error> {
    if let Some(p) = &sel.write_baseline {
        Baseline::of(cat, diags).write(p)?;
        let n = diags.len();
        eprintln!(
            "{}",
            crate::i18n::t(
                &format!("已把 {n} 个问题写入基线 {}", p.display()),
                &format!("wrote {n} findings to the baseline {}", p.display())
            )
        );
    }
    match &sel.baseline {
        Some(p) => Ok(Baseline::load(p)?.filter(cat, diags)),
        None => Ok(0),
    }
}

impl Baseline {
    pub fn of(cat: &Catalog, diags: &[Diagnostic]) -> Baseline {
        let mut m: BTreeMap<Key, usize> = BTreeMap::new();
        for d in diags {
            *m.entry(key(cat, d)).or_default() += 1;
        }
        Baseline {
            version: 1,
            entries: m
                .into_iter()
                .map(|((item, rule, fingerprint), count)| Entry {
                    item,
                    rule,
                    fingerprint,
                    count,
                })
                .collect(),
        }
    }

    pub fn load(path: &Path) -> Result<Baseline, Error> {
        let text = crate::load::limits::read_text(path)?;
        serde_json::from_str(&text).map_err(|e| {
            Error::at(
                path,
                e.line() as u32,
                e.column() as u32,
                format!("基线文件无法读取：{e}"),
                format!("invalid baseline file: {e}"),
            )
        })
    }

    pub fn write(&self, path: &Path) -> Result<(), Error> {
        let text = serde_json::to_string_pretty(self).expect("baseline serialises") + "\n";
        crate::safe::write_atomic(path, text.as_bytes())
    }

    /// Drop the findings the baseline knows (up to its count per key); returns how many.
    pub fn filter(&self, cat: &Catalog, diags: &mut Vec<Diagnostic>) -> usize {
        let mut left: BTreeMap<Key, usize> = self
            .entries
            .iter()
            .map(|e| ((e.item.clone(), e.rule.clone(), e.fingerprint.clone()), e.count))
            .collect();
        let before = diags.len();
        diags.retain(|d| match left.get_mut(&key(cat, d)) {
            Some(n) if *n > 0 => {
                *n -= 1;
                false
            }
            _ => true,
        });
        before - diags.len()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn digits_are_masked() {
        assert_eq!(
            super::fingerprint("与第 12 行的事项编码重复（3 处）"),
            "与第 # 行的事项编码重复（# 处）"
        );
    }
}
