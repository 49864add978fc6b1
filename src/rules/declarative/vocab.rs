//! Vocabularies (Vale's accept/reject lists and substitutions): data files under `rules/vocab/`
//! that declarative rules refer to by id, so a province edits a list without touching code.

use crate::error::Error;
use serde::Deserialize;
use std::path::Path;

/// The vocabularies shipped with the tool.
pub const BUILTIN: &[(&str, &str)] = &[
    (
        "rules/vocab/vague.yaml",
        include_str!("../../../rules/vocab/vague.yaml"),
    ),
    (
        "rules/vocab/unified-terms.yaml",
        include_str!("../../../rules/vocab/unified-terms.yaml"),
    ),
    (
        "rules/vocab/placeholders.yaml",
        include_str!("../../../rules/vocab/placeholders.yaml"),
    ),
    (
        "rules/vocab/stale-departments.yaml",
        include_str!("../../../rules/vocab/stale-departments.yaml"),
    ),
];

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Vocab {
    pub id: String,
    #[serde(default)]
    pub description: Option<String>,
    /// Values that say nothing when they are the whole field (compared without punctuation).
    #[serde(default)]
    pub whole: Vec<String>,
    /// Phrases reported wherever they occur.
    #[serde(default)]
    pub phrases: Vec<String>,
    /// Preferred terms and the variants to replace.
    #[serde(default)]
    pub swap: Vec<Swap>,
    /// Phrases that contain a variant but are correct (a law's title, a proper name).
    #[serde(default)]
    pub accept: Vec<String>,
    /// `whole` without punctuation, for lookup (built by `parse`).
    #[serde(skip)]
    whole_index: std::collections::HashMap<String, usize>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Swap {
    pub preferred: String,
    pub variants: Vec<String>,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub note_en: Option<String>,
    /// Whether `--fix` may apply the replacement without review (default yes).
    #[serde(default = "yes")]
    pub safe: bool,
}

fn yes() -> bool {
    true
}

impl Vocab {
    pub fn parse(text: &str, path: &Path) -> Result<Vocab, Error> {
        let mut v: Vocab = crate::load::config_yaml::from_str(text, path)?;
        v.whole_index = v
            .whole
            .iter()
            .enumerate()
            .map(|(i, w)| (strip_punct(w).to_string(), i))
            .collect();
        Ok(v)
    }

    /// Is `value` (without surrounding punctuation and spaces) one of the `whole` terms?
    pub fn whole_match(&self, value: &str) -> Option<&str> {
        let core = strip_punct(value);
        self.whole_index
            .get(core)
            .or_else(|| self.whole_index.get(value.trim()))
            .map(|&i| self.whole[i].as_str())
    }

    /// Every (start, end, swap, variant) where a variant occurs outside an accepted phrase and
    /// outside the preferred term itself (旅游局 inside 文化和旅游局 is fine).
    pub fn swaps<'a>(&'a self, text: &str) -> Vec<(usize, usize, &'a Swap, &'a str)> {
        let mut hits: Vec<(usize, usize, &Swap, &str)> = Vec::new();
        for sw in &self.swap {
            for v in &sw.variants {
                for (s, _) in text.match_indices(v.as_str()) {
                    let e = s + v.len();
                    let covered = std::iter::once(sw.preferred.as_str())
                        .chain(self.accept.iter().map(String::as_str))
                        .any(|p| covers(text, p, s, e));
                    if !covered && !hits.iter().any(|h| h.0 < e && s < h.1) {
                        hits.push((s, e, sw, v.as_str()));
                    }
                }
            }
        }
        hits.sort_by_key(|h| h.0);
        hits
    }
}

/// Does an occurrence of `phrase` in `text` contain the byte range [s, e)?
fn covers(text: &str, phrase: &str, s: usize, e: usize) -> bool {
    !phrase.is_empty() && text.match_indices(phrase).any(|(ps, p)| ps <= s && e <= ps + p.len())
}

/// The value without leading/trailing whitespace and punctuation.
pub fn strip_punct(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() || c.is_ascii_punctuation() || is_cjk_punct(c))
}

pub fn is_cjk_punct(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303F}' | '\u{FF01}'..='\u{FF0F}' | '\u{FF1A}'..='\u{FF20}' | '\u{FF3B}'..='\u{FF40}' | '\u{FF5B}'..='\u{FF65}' | '“' | '”' | '‘' | '’' | '…' | '—' | '·')
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn builtin_vocabularies_parse() {
        for (p, t) in BUILTIN {
            let v = Vocab::parse(t, Path::new(p)).unwrap();
            assert!(
                !v.whole.is_empty() || !v.phrases.is_empty() || !v.swap.is_empty(),
                "{p} is empty"
            );
        }
    }
    #[test]
    fn preferred_term_containing_variant_is_not_reported() {
        let v = Vocab {
            id: "t".into(),
            description: None,
            whole: vec![],
            phrases: vec![],
            swap: vec![Swap {
                preferred: "文化和旅游局".into(),
                variants: vec!["旅游局".into()],
                note: None,
                note_en: None,
                safe: false,
            }],
            accept: vec![],
            whole_index: Default::default(),
        };
        assert!(v.swaps("鹿城区文化和旅游局").is_empty());
        assert_eq!(v.swaps("鹿城区旅游局").len(), 1);
    }
}
