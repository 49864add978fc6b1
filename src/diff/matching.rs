//! Pairing items of two catalog versions: by code first; items whose code changed are then
//! paired by 实施编码, and then by name within the same 主项 (exact name, then the most similar).

use crate::model::{F, Item};
use std::collections::{HashMap, HashSet};

/// How a pair was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum By {
    Code,
    /// Same 实施编码 under a new 事项编码 (e.g. a type change rewrote the code prefix).
    ImplementationCode,
    Name,
}

#[derive(Debug, Default)]
pub struct Matching {
    /// (old index, new index, how, name similarity 0..1)
    pub pairs: Vec<(usize, usize, By, f64)>,
    pub removed: Vec<usize>,
    pub added: Vec<usize>,
}

/// Names at least this similar (Dice coefficient of character bigrams) are the same item.
const MIN_SIMILARITY: f64 = 0.6;
/// Above this many candidate comparisons in one 主项 the fuzzy pass is skipped (exact names only).
const MAX_FUZZY: usize = 250_000;

pub fn match_items(old: &[Item], new: &[Item]) -> Matching {
    let mut by_code: HashMap<&str, Vec<usize>> = HashMap::with_capacity(old.len());
    for (i, it) in old.iter().enumerate().rev() {
        if let Some(c) = it.code() {
            by_code.entry(c.trim()).or_default().push(i);
        }
    }
    let mut m = Matching::default();
    let mut old_used = vec![false; old.len()];
    let mut left_new = Vec::new();
    for (j, it) in new.iter().enumerate() {
        match it.code().and_then(|c| by_code.get_mut(c.trim())).and_then(Vec::pop) {
            Some(i) => {
                old_used[i] = true;
                m.pairs.push((i, j, By::Code, 1.0));
            }
            None => left_new.push(j),
        }
    }
    // A changed 事项编码 with the same 实施编码 is the same item.
    let mut by_impl: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, it) in old.iter().enumerate().rev() {
        if let (false, Some(c)) = (old_used[i], it.text(F::ImplementationCode)) {
            by_impl.entry(c.trim()).or_default().push(i);
        }
    }
    let mut still_new = Vec::new();
    for j in left_new {
        match new[j]
            .text(F::ImplementationCode)
            .and_then(|c| by_impl.get_mut(c.trim()))
            .and_then(Vec::pop)
        {
            Some(i) => {
                old_used[i] = true;
                m.pairs.push((i, j, By::ImplementationCode, 1.0));
            }
            None => still_new.push(j),
        }
    }
    let left_new = still_new;
    let left_old: Vec<usize> = (0..old.len()).filter(|i| !old_used[*i]).collect();

    // Second pass: within each 主项 (or, without one, among items lacking a 主项).
    let group = |it: &Item| it.main_item().unwrap_or("").trim().to_string();
    let mut groups: HashMap<String, (Vec<usize>, Vec<usize>)> = HashMap::new();
    for &i in &left_old {
        groups.entry(group(&old[i])).or_default().0.push(i);
    }
    for &j in &left_new {
        groups.entry(group(&new[j])).or_default().1.push(j);
    }
    let mut paired_old: HashSet<usize> = HashSet::new();
    let mut paired_new: HashSet<usize> = HashSet::new();
    let mut keys: Vec<&String> = groups.keys().collect();
    keys.sort();
    for k in keys {
        let (os, ns) = &groups[k];
        if os.is_empty() || ns.is_empty() {
            continue;
        }
        // Exact names first.
        let mut by_name: HashMap<&str, Vec<usize>> = HashMap::new();
        for &i in os.iter().rev() {
            by_name.entry(old[i].name().unwrap_or("")).or_default().push(i);
        }
        let mut rest_new = Vec::new();
        for &j in ns {
            let name = new[j].name().unwrap_or("");
            match (!name.is_empty())
                .then(|| by_name.get_mut(name).and_then(Vec::pop))
                .flatten()
            {
                Some(i) => {
                    paired_old.insert(i);
                    paired_new.insert(j);
                    m.pairs.push((i, j, By::Name, 1.0));
                }
                None => rest_new.push(j),
            }
        }
        let rest_old: Vec<usize> = os.iter().copied().filter(|i| !paired_old.contains(i)).collect();
        if rest_old.is_empty() || rest_new.is_empty() || rest_old.len() * rest_new.len() > MAX_FUZZY {
            continue;
        }
        // Then the most similar names, best pairs first.
        let grams_old: Vec<Vec<(char, char)>> =
            rest_old.iter().map(|&i| bigrams(old[i].name().unwrap_or(""))).collect();
        let grams_new: Vec<Vec<(char, char)>> =
            rest_new.iter().map(|&j| bigrams(new[j].name().unwrap_or(""))).collect();
        let mut cands = Vec::new();
        for (a, ga) in grams_old.iter().enumerate() {
            for (b, gb) in grams_new.iter().enumerate() {
                let s = dice(ga, gb);
                if s >= MIN_SIMILARITY {
                    cands.push((s, a, b));
                }
            }
        }
        cands.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
        for (s, a, b) in cands {
            let (i, j) = (rest_old[a], rest_new[b]);
            if paired_old.contains(&i) || paired_new.contains(&j) {
                continue;
            }
            paired_old.insert(i);
            paired_new.insert(j);
            m.pairs.push((i, j, By::Name, s));
        }
    }
    m.removed = left_old.into_iter().filter(|i| !paired_old.contains(i)).collect();
    m.added = left_new.into_iter().filter(|j| !paired_new.contains(j)).collect();
    m.pairs.sort_by_key(|p| p.1);
    m
}

fn bigrams(s: &str) -> Vec<(char, char)> {
    let cs: Vec<char> = s.chars().filter(|c| !c.is_whitespace()).collect();
    let mut g: Vec<(char, char)> = if cs.len() == 1 {
        vec![(cs[0], cs[0])]
    } else {
        cs.windows(2).map(|w| (w[0], w[1])).collect()
    };
    g.sort();
    g
}

/// Dice coefficient of two sorted bigram multisets.
fn dice(a: &[(char, char)], b: &[(char, char)]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut common) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * common as f64 / (a.len() + b.len()) as f64
}

/// Name similarity in 0..1 (exposed for tests and the report).
pub fn similarity(a: &str, b: &str) -> f64 {
    dice(&bigrams(a), &bigrams(b))
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn similar_names() {
        assert!(similarity("食品经营许可（新办）", "食品经营许可（新设）") >= MIN_SIMILARITY);
        assert!(similarity("食品经营许可（新办）", "护士执业注册") < 0.2);
        assert_eq!(similarity("", "x"), 0.0);
    }
}
