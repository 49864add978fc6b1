//! W: wording. Vocabulary rules are declarative (rules/declarative/wording.yaml with the lists in
//! rules/vocab/); the ones here look at characters — punctuation width, brackets, 文号, level
//! spellings — which a word list cannot express.

pub mod cut_off_text;
pub mod docno_brackets;
pub mod fullwidth_in_code;
pub mod level_spelling;
pub mod mixed_punctuation;
pub mod unbalanced_brackets;

pub use crate::rules::declarative::fields_ref::{FieldSet, text_fields_except};

/// A CJK ideograph (the prose around which punctuation should be full-width).
pub fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{2FFFF}')
}

/// A short excerpt of a long value around the marked byte ranges, each marked `【…】`, for a
/// message that must show which characters it means (a 600-character value quoted whole helps
/// nobody).
pub fn marked_excerpt(v: &str, marks: impl Iterator<Item = (usize, usize)>) -> String {
    const AROUND: usize = 10;
    let marks: Vec<(usize, usize)> = marks.collect();
    let Some(&(first, _)) = marks.first() else {
        return String::new();
    };
    let last = marks.iter().map(|m| m.1).max().unwrap_or(first);
    // Keep at most the first few marks' stretch of text.
    let stop = marks
        .iter()
        .map(|m| m.1)
        .filter(|&e| v[first..e].chars().count() <= 40)
        .max()
        .unwrap_or(last);
    let start = v[..first].char_indices().rev().nth(AROUND - 1).map_or(0, |(b, _)| b);
    let end = v[stop..].char_indices().nth(AROUND).map_or(v.len(), |(b, _)| stop + b);
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    let mut at = start;
    for &(s, e) in marks.iter().filter(|m| m.1 <= stop) {
        out.push_str(&v[at..s]);
        out.push('【');
        out.push_str(&v[s..e]);
        out.push('】');
        at = e;
    }
    out.push_str(&v[at..end]);
    if end < v.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn excerpt_marks_the_characters() {
        let v = "一二三四五六七八九十一二三四五,六七八九十一二三四五六七八九十";
        let at = v.find(',').unwrap();
        assert_eq!(
            super::marked_excerpt(v, [(at, at + 1)].into_iter()),
            "…六七八九十一二三四五【,】六七八九十一二三四五…"
        );
        assert_eq!(
            super::marked_excerpt("甲(乙)", [(3, 4), (7, 8)].into_iter()),
            "甲【(】乙【)】"
        );
    }
}
