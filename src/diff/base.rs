//! 四级四同: a local catalog against the upper-level catalog it implements. Items are matched by
//! 基本编码, else by the 权力基本码 without its 办理项 suffix (许可-00977-001-01 → 许可-00977-001),
//! else by the code as written. Name, type and basis must agree; local items without an upstream
//! counterpart are 自设, upstream items nobody claims locally are 未认领.

use super::{FieldChange, ItemRef, MetricPair};
use crate::metrics;
use crate::model::{Catalog, F, Item};
use serde::Serialize;
use std::collections::{BTreeSet, HashMap};

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Deviation {
    /// The shared key (基本编码 or 权力基本码).
    pub key: String,
    pub base: ItemRef,
    pub local: ItemRef,
    pub fields: Vec<FieldChange>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct BaseSummary {
    pub base: String,
    pub local: String,
    pub base_items: usize,
    pub local_items: usize,
    pub matched: usize,
    pub deviations: usize,
    pub local_only: usize,
    pub unclaimed: usize,
}

/// JSON: `{summary, metrics:{old: base, new: local}, deviations, local_only, unclaimed}`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BaseReport {
    pub summary: BaseSummary,
    pub metrics: MetricPair,
    pub deviations: Vec<Deviation>,
    /// 自设: local items absent upstream.
    pub local_only: Vec<ItemRef>,
    /// 未认领: upstream items no local item implements.
    pub unclaimed: Vec<ItemRef>,
}

impl BaseReport {
    pub fn has_changes(&self) -> bool {
        !(self.deviations.is_empty() && self.local_only.is_empty() && self.unclaimed.is_empty())
    }
}

/// `许可-00977-001-01` → `许可-00977-001`: drop a 2-digit 办理项 segment after a 3-digit one.
pub fn strip_handling_suffix(code: &str) -> Option<&str> {
    let (head, last) = code.rsplit_once('-')?;
    let (_, prev) = head.rsplit_once('-')?;
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    (digits(last, 2) && digits(prev, 3)).then_some(head)
}

/// The keys an item may be found under upstream, most specific first.
fn keys(it: &Item) -> Vec<String> {
    let mut k = Vec::new();
    if let Some(b) = it.text(F::BasicCode) {
        k.push(b.trim().to_string());
    }
    if let Some(c) = it.code().map(str::trim) {
        if let Some(s) = strip_handling_suffix(c) {
            k.push(s.to_string());
        }
        k.push(c.to_string());
    }
    k
}

fn basis_set(it: &Item) -> BTreeSet<String> {
    it.fields
        .list(F::Basis)
        .iter()
        .map(|s| s.value.split_whitespace().collect::<String>())
        .filter(|s| !s.is_empty())
        .collect()
}

fn join(s: &BTreeSet<String>) -> Option<String> {
    (!s.is_empty()).then(|| s.iter().cloned().collect::<Vec<_>>().join("\n"))
}

fn deviations(b: &Item, l: &Item) -> Vec<FieldChange> {
    let mut out = Vec::new();
    // A local 办理项 implements the upstream item under the same name or as its 子项/主项.
    let bn = b.name().map(str::trim);
    let names = [l.name(), l.sub_item(), l.main_item()];
    if bn.is_some() && !names.iter().any(|n| n.map(str::trim) == bn) {
        out.push(FieldChange::new(
            F::Name.key(),
            F::Name.label(),
            bn.map(str::to_string),
            l.name().map(str::to_string),
        ));
    }
    let (bt, lt) = (b.text(F::Phylum), l.text(F::Phylum));
    if bt.is_some() && bt.map(str::trim) != lt.map(str::trim) {
        out.push(FieldChange::new(
            F::Phylum.key(),
            F::Phylum.label(),
            bt.map(str::to_string),
            lt.map(str::to_string),
        ));
    }
    let (bb, lb) = (basis_set(b), basis_set(l));
    if !bb.is_empty() && bb != lb {
        out.push(FieldChange::new(F::Basis.key(), F::Basis.label(), join(&bb), join(&lb)));
    }
    out
}

pub fn compare(base: &Catalog, local: &Catalog, base_label: &str, local_label: &str) -> BaseReport {
    let (mb, ml) = rayon::join(|| metrics::compute(base), || metrics::compute(local));
    let mut index: HashMap<String, usize> = HashMap::new();
    for (i, it) in base.items.iter().enumerate() {
        for k in keys(it) {
            index.entry(k).or_insert(i);
        }
    }
    let mut claimed = vec![false; base.items.len()];
    let mut devs = Vec::new();
    let mut local_only = Vec::new();
    let mut matched = 0;
    for l in &local.items {
        let hit = keys(l).into_iter().find_map(|k| index.get(&k).map(|&i| (k, i)));
        match hit {
            Some((k, i)) => {
                matched += 1;
                claimed[i] = true;
                let fields = deviations(&base.items[i], l);
                if !fields.is_empty() {
                    devs.push(Deviation {
                        key: k,
                        base: ItemRef::of(&base.items[i]),
                        local: ItemRef::of(l),
                        fields,
                    });
                }
            }
            None => local_only.push(ItemRef::of(l)),
        }
    }
    let unclaimed: Vec<ItemRef> = base
        .items
        .iter()
        .zip(&claimed)
        .filter(|(_, c)| !**c)
        .map(|(it, _)| ItemRef::of(it))
        .collect();
    BaseReport {
        summary: BaseSummary {
            base: base_label.to_string(),
            local: local_label.to_string(),
            base_items: base.items.len(),
            local_items: local.items.len(),
            matched,
            deviations: devs.len(),
            local_only: local_only.len(),
            unclaimed: unclaimed.len(),
        },
        metrics: MetricPair { old: mb, new: ml },
        deviations: devs,
        local_only,
        unclaimed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn suffix() {
        assert_eq!(strip_handling_suffix("许可-00977-001-01"), Some("许可-00977-001"));
        assert_eq!(strip_handling_suffix("许可-00977-001"), None);
        assert_eq!(strip_handling_suffix("abc"), None);
    }
}
