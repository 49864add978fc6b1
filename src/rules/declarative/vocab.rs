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
    (
        "rules/vocab/vague-basis.yaml",
        include_str!("../../../rules/vocab/vague-basis.yaml"),
    ),
];

/// Bytes of the 、 a whole term may be written with beyond its vocabulary spelling (four).
const LIST_COMMAS: usize = '、'.len_utf8() * 4;

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
    /// Words before a `whole` term that add nothing to it (申请人符合条件 says 符合条件).
    #[serde(default)]
    pub leads: Vec<String>,
    /// Whose terms they are, said before a `whole` term after any lead (省政府有关文件 says
    /// 有关文件: naming the issuer of no document names none).
    #[serde(default)]
    pub scopes: Vec<String>,
    /// Words after a `whole` term that add nothing to it (有关规定执行 says 有关规定).
    #[serde(default)]
    pub trails: Vec<String>,
    /// Preferred terms and the variants to replace.
    #[serde(default)]
    pub swap: Vec<Swap>,
    /// Phrases that contain a variant but are correct (a law's title, a proper name).
    #[serde(default)]
    pub accept: Vec<String>,
    /// `whole` without punctuation, for lookup (built by `parse`).
    #[serde(skip)]
    whole_index: rustc_hash::FxHashMap<String, usize>,
    /// Longest key of `whole_index`: a longer value cannot be a whole term (no need to hash it).
    #[serde(skip)]
    whole_max: usize,
    /// Longest lead, scope and trail together: what a value may hold around a whole term.
    #[serde(skip)]
    around_max: usize,
    /// One automaton over every variant (pattern i → `variant_of[i]`), so a value is scanned
    /// once however long the vocabulary grows (built by `parse`).
    #[serde(skip)]
    variants: Option<aho_corasick::AhoCorasick>,
    #[serde(skip)]
    variant_of: Vec<(usize, usize)>,
    /// One automaton over `phrases` (built by `parse`).
    #[serde(skip)]
    phrase_matcher: Option<aho_corasick::AhoCorasick>,
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
    /// The fields (keys of the field dictionary) this swap is about; empty: every field the rule
    /// reads (免费 → 不收费 is the wording of the 收费 field, not of prose).
    #[serde(default)]
    pub fields: Vec<String>,
    /// A variant right after one of these is the end of another name, not the variant
    /// (身份证 in 外国人永久居留身份证).
    #[serde(default)]
    pub not_after: Vec<String>,
    /// A variant right before one of these is the start of another word (农业部 in 农业部门,
    /// 农业部令 citing a regulation by its issuer of the time).
    #[serde(default)]
    pub not_before: Vec<String>,
}

impl Swap {
    /// Does this swap apply to values of the field with this dictionary key?
    pub fn applies_to(&self, key: &str) -> bool {
        self.fields.is_empty() || self.fields.iter().any(|f| f == key)
    }
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
        v.whole_max = v.whole_index.keys().map(String::len).max().unwrap_or(0);
        let longest = |words: &[String]| words.iter().map(String::len).max().unwrap_or(0);
        v.around_max = longest(&v.leads) + longest(&v.scopes) + longest(&v.trails);
        v.build();
        Ok(v)
    }

    fn build(&mut self) {
        let mut pats = Vec::new();
        self.variant_of.clear();
        for (i, sw) in self.swap.iter().enumerate() {
            for (j, var) in sw.variants.iter().enumerate() {
                if !var.is_empty() {
                    pats.push(var.clone());
                    self.variant_of.push((i, j));
                }
            }
        }
        self.variants = aho_corasick::AhoCorasick::new(&pats).ok();
        let phrases: Vec<&String> = self.phrases.iter().filter(|p| !p.is_empty()).collect();
        self.phrase_matcher = aho_corasick::AhoCorasick::new(phrases).ok();
    }

    /// The first occurrence of each phrase, longest phrase first; a phrase inside one already
    /// taken is left out (`其他相关材料` is reported once, not also as `相关材料`).
    pub fn phrase_hits(&self, text: &str) -> Vec<(usize, usize, &str)> {
        let Some(ac) = &self.phrase_matcher else {
            return Vec::new();
        };
        if !ac.is_match(text) {
            return Vec::new();
        }
        let phrases: Vec<&str> = self
            .phrases
            .iter()
            .map(String::as_str)
            .filter(|p| !p.is_empty())
            .collect();
        let mut first: Vec<Option<usize>> = vec![None; phrases.len()];
        for m in ac.find_overlapping_iter(text) {
            let slot = &mut first[m.pattern().as_usize()];
            if slot.is_none_or(|s| m.start() < s) {
                *slot = Some(m.start());
            }
        }
        let mut found: Vec<(usize, usize, &str)> = first
            .iter()
            .enumerate()
            .filter_map(|(k, s)| s.map(|s| (s, s + phrases[k].len(), phrases[k])))
            .collect();
        found.sort_by_key(|h| std::cmp::Reverse(h.2.len()));
        let mut taken: Vec<(usize, usize, &str)> = Vec::new();
        for h in found {
            if !taken.iter().any(|t| t.0 <= h.0 && h.1 <= t.1) {
                taken.push(h);
            }
        }
        taken
    }

    /// Is `value` (without surrounding punctuation and spaces) one of the `whole` terms?
    pub fn whole_match(&self, value: &str) -> Option<&str> {
        let core = strip_punct(value);
        // A value longer than any term with a lead, a scope and a trail around it (and the 、 the
        // loop below lets a term be written with) is none: most values need no hashing.
        if core.len() > self.whole_max + self.around_max + LIST_COMMAS {
            return None;
        }
        if let Some(&i) = self
            .whole_index
            .get(core)
            .or_else(|| self.whole_index.get(crate::text::trim(value)))
        {
            return Some(self.whole[i].as_str());
        }
        // Without a lead (依据, 按照国家 …) and a trail (执行, 精神 …), each that fits: 按照国家和省
        // 相关规定 is 国家和省相关规定 once 按照 is off, though 按照国家 leads it too.
        let leads = std::iter::once(core).chain(self.leads.iter().filter_map(|l| core.strip_prefix(l.as_str())));
        for lead in leads {
            let trails = std::iter::once(lead).chain(self.trails.iter().filter_map(|t| lead.strip_suffix(t.as_str())));
            // Whose rules they are said before them (省政府有关文件 is 有关文件): each scope that
            // leaves something.
            let scoped = trails.flat_map(|t| {
                std::iter::once(t).chain(
                    self.scopes
                        .iter()
                        .filter_map(move |sc| t.strip_prefix(sc.as_str()))
                        .filter(|r| !r.is_empty()),
                )
            });
            for t in scoped {
                if t.len() > self.whole_max + LIST_COMMAS {
                    continue;
                }
                // 法律、法规和规章 is 法律法规和规章: the list's 、 adds no content, and the
                // vocabulary need not spell every term with and without it.
                let hit = self.whole_index.get(t).or_else(|| {
                    t.contains('、')
                        .then(|| self.whole_index.get(t.replace('、', "").as_str()))
                        .flatten()
                });
                if let Some(&i) = hit {
                    return Some(self.whole[i].as_str());
                }
            }
        }
        None
    }

    /// Every (start, end, swap, variant) where a variant occurs outside an accepted phrase and
    /// outside the preferred term itself (旅游局 inside 文化和旅游局 is fine).
    pub fn swaps<'a>(&'a self, text: &str) -> Vec<(usize, usize, &'a Swap, &'a str)> {
        self.swaps_in(text, None)
    }

    /// `swaps` of a value of one field (`key`, the dictionary key): swaps scoped to other
    /// fields are left out.
    pub fn swaps_in<'a>(&'a self, text: &str, key: Option<&str>) -> Vec<(usize, usize, &'a Swap, &'a str)> {
        let mut hits: Vec<(usize, usize, &Swap, &str)> = Vec::new();
        let Some(ac) = &self.variants else { return hits };
        // Most values hold no variant: the prefiltered search says so faster than the
        // overlapping walk over every byte.
        if !ac.is_match(text) {
            return hits;
        }
        // Earlier swaps win over later ones on the same text, as in the vocabulary's order.
        let mut all: Vec<(usize, usize, usize, usize)> = ac
            .find_overlapping_iter(text)
            .map(|m| {
                let (i, j) = self.variant_of[m.pattern().as_usize()];
                (i, j, m.start(), m.end())
            })
            .collect();
        all.sort();
        for (i, j, s, e) in all {
            let sw = &self.swap[i];
            let v = sw.variants[j].as_str();
            if key.is_some_and(|k| !sw.applies_to(k)) {
                continue;
            }
            let covered = std::iter::once(sw.preferred.as_str())
                .chain(self.accept.iter().map(String::as_str))
                .any(|p| covers(text, p, s, e))
                || sw
                    .not_after
                    .iter()
                    .any(|p| !p.is_empty() && text[..s].ends_with(p.as_str()))
                || sw
                    .not_before
                    .iter()
                    .any(|p| !p.is_empty() && text[e..].starts_with(p.as_str()));
            if !covered && !hits.iter().any(|h| h.0 < e && s < h.1) {
                hits.push((s, e, sw, v));
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
    // Whitespace, ASCII punctuation and the CJK marks below start with these bytes.
    let may =
        |b: u8| crate::text::may_be_space(b) || b.is_ascii_punctuation() || matches!(b, 0xC2 | 0xE2 | 0xE3 | 0xEF);
    crate::text::trim_matches(s, may, |c: char| {
        crate::text::is_space(c) || c.is_ascii_punctuation() || is_cjk_punct(c)
    })
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
            leads: vec![],
            scopes: vec![],
            trails: vec![],
            swap: vec![Swap {
                preferred: "文化和旅游局".into(),
                variants: vec!["旅游局".into()],
                note: None,
                note_en: None,
                safe: false,
                fields: vec![],
                not_after: vec![],
                not_before: vec![],
            }],
            accept: vec![],
            whole_index: Default::default(),
            whole_max: 0,
            around_max: 0,
            variants: None,
            variant_of: Vec::new(),
            phrase_matcher: None,
        };
        let mut v = v;
        v.build();
        assert!(v.swaps("鹿城区文化和旅游局").is_empty());
        assert_eq!(v.swaps("鹿城区旅游局").len(), 1);
    }
    #[test]
    fn a_basis_naming_only_whose_rules_names_none() {
        let (p, t) = BUILTIN.iter().find(|(p, _)| p.ends_with("vague-basis.yaml")).unwrap();
        let v = Vocab::parse(t, Path::new(p)).unwrap();
        for vague in [
            "省政府有关文件",
            "依据市级相关规定",
            "国家有关文件",
            "依法",
            "根据上级部门文件",
        ] {
            assert!(v.whole_match(vague).is_some(), "{vague}");
        }
        for named in [
            "省政府令第12号",
            "《浙江省行政程序办法》",
            "依法行政实施纲要",
            "市有关文件第3条",
        ] {
            assert!(v.whole_match(named).is_none(), "{named}");
        }
    }

    #[test]
    fn scoped_swaps() {
        let v = Vocab::parse(BUILTIN[1].1, Path::new(BUILTIN[1].0)).unwrap();
        // 外国人永久居留身份证 is a legal name of its own.
        assert!(v.swaps("外国人永久居留身份证").is_empty());
        assert_eq!(v.swaps("代办人身份证").len(), 1);
        // 免费 is the wording of the fee field, not of prose.
        assert!(v.swaps_in("免费向公众开放", Some("conditions")).is_empty());
        assert_eq!(v.swaps_in("免费", Some("fee")).len(), 1);
        let d = Vocab::parse(BUILTIN[3].1, Path::new(BUILTIN[3].0)).unwrap();
        assert_eq!(d.swaps("（四）农业部规定的其他材料").len(), 1);
        assert!(d.swaps("县级以上农业部门；农业部令第8号；原农业部").is_empty());
        assert_eq!(d.swaps("向省级卫生计生行政部门申请").len(), 1);
    }
}
