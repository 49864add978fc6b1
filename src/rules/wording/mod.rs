//! W: wording. Vocabulary rules are declarative (rules/declarative/wording.yaml with the lists in
//! rules/vocab/); the ones here look at characters — punctuation width, brackets, 文号, level
//! spellings — which a word list cannot express.

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
