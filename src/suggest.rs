//! "Did you mean …?" for misspelt keys and codes.

use crate::model::fields::{FIELDS, STRUCT_KEYS};

/// Edit distance in characters (so one wrong Chinese character counts as one).
pub fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != *cb)).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The known key closest to `key`, if it is close enough to be a typo.
pub fn closest_key(key: &str) -> Option<&'static str> {
    let leaf = |k: &'static str| k.rsplit('.').next().unwrap_or(k);
    let candidates = FIELDS
        .iter()
        .flat_map(|f| {
            std::iter::once(leaf(f.key))
                .chain([f.zh])
                .chain(f.aliases.iter().copied())
        })
        .chain(
            STRUCT_KEYS
                .iter()
                .flat_map(|k| std::iter::once(k.key).chain([k.zh]).chain(k.aliases.iter().copied())),
        );
    closest(key, candidates)
}

pub fn closest<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let n = word.chars().count();
    let limit = if n <= 3 { 1 } else { (n / 3).max(1) };
    candidates
        // The distance is at least the difference in length: most candidates need no count
        // (a sheet with thousands of unknown columns asks once per column).
        .filter(|c| c.chars().count().abs_diff(n) <= limit)
        .map(|c| (distance(word, c), c))
        .filter(|(d, _)| *d > 0 && *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    #[test]
    fn typos() {
        assert_eq!(super::closest_key("matrials"), Some("materials"));
        assert_eq!(super::closest_key("scenarois"), Some("scenarios"));
        // One wrong character in a Chinese key still finds a key that is one edit away.
        let hit = super::closest_key("事项名陈").unwrap_or("");
        assert!(["事项名称", "事项名"].contains(&hit), "{hit}");
        assert_eq!(super::closest_key("完全无关的键名字"), None);
    }
}
