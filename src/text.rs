//! Trimming that is quick on Chinese text, with the standard library's results.
//!
//! `str::trim` decodes the first and the last character and looks a non-ASCII one up in
//! Unicode's whitespace table: linting 100,000 sheet rows spent 9 % of its instructions there,
//! nearly all on a 食 or a 可 that cannot be whitespace. Every character `char::is_whitespace`
//! accepts starts with one of a few bytes (ASCII 0x09–0x0D and 0x20; 0xC2 for U+0085 and U+00A0,
//! 0xE1 for U+1680, 0xE2 for U+2000–U+205F, 0xE3 for U+3000): a text whose two ends start with
//! any other byte is returned as it is, without decoding, and the others are tested by a match
//! on the few whitespace characters. Used on the paths every sheet cell takes; elsewhere
//! `str::trim` is fine.

/// Whether a character starting with byte `lead` may be whitespace.
pub fn may_be_space(lead: u8) -> bool {
    matches!(lead, b'\t'..=b'\r' | b' ' | 0xC2 | 0xE1..=0xE3)
}

/// `c.is_whitespace()`, without a table look-up.
pub fn is_space(c: char) -> bool {
    matches!(
        c,
        '\t'..='\r'
            | ' '
            | '\u{85}'
            | '\u{a0}'
            | '\u{1680}'
            | '\u{2000}'..='\u{200a}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{202f}'
            | '\u{205f}'
            | '\u{3000}'
    )
}

/// The first byte of the last character.
fn last_lead(s: &str) -> Option<u8> {
    s.as_bytes().iter().rev().find(|&&b| b & 0xC0 != 0x80).copied()
}

/// `s.trim()`.
pub fn trim(s: &str) -> &str {
    match (s.as_bytes().first(), last_lead(s)) {
        (Some(&first), Some(last)) if !may_be_space(first) && !may_be_space(last) => s,
        (None, _) => s,
        _ => s.trim_matches(is_space),
    }
}

/// `s.trim_start()`.
pub fn trim_start(s: &str) -> &str {
    match s.as_bytes().first() {
        Some(&first) if may_be_space(first) => s.trim_start_matches(is_space),
        _ => s,
    }
}

/// `s.trim_end()`.
pub fn trim_end(s: &str) -> &str {
    match last_lead(s) {
        Some(last) if may_be_space(last) => s.trim_end_matches(is_space),
        _ => s,
    }
}

/// `s.trim_matches(trimmed)`, where `trimmed` accepts only characters whose first byte `may`
/// accepts: the ends are decoded only when they may be trimmed.
pub fn trim_matches(s: &str, may: impl Fn(u8) -> bool, trimmed: impl Fn(char) -> bool) -> &str {
    match (s.as_bytes().first(), last_lead(s)) {
        (Some(&first), Some(last)) if !may(first) && !may(last) => s,
        (None, _) => s,
        _ => s.trim_matches(trimmed),
    }
}

/// The first `max` characters of `s` on one line (line breaks shown as ⏎), with … when cut.
pub fn excerpt(s: &str, max: usize) -> String {
    let mut out: String = s
        .chars()
        .take(max)
        .map(|c| if c == '\n' { '⏎' } else { c })
        .filter(|&c| c != '\r')
        .collect();
    if s.chars().nth(max).is_some() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `is_space` is `is_whitespace`, and every whitespace character starts with a byte
    /// `may_be_space` accepts.
    #[test]
    fn every_whitespace_character_is_seen() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            assert_eq!(is_space(c), c.is_whitespace(), "U+{:04X}", c as u32);
            if c.is_whitespace() {
                let mut buf = [0u8; 4];
                c.encode_utf8(&mut buf);
                assert!(may_be_space(buf[0]), "U+{:04X}", c as u32);
            }
        }
    }

    #[test]
    fn trims_as_the_standard_library_does() {
        let texts = [
            "",
            " ",
            "\u{3000}",
            "食品经营许可",
            " 食品 ",
            "\u{3000}申请书\u{3000}",
            "\u{a0}许可\u{85}",
            "1.申请书\n",
            "\t\r\n",
            "a",
            "许可\u{2003}",
            "\u{feff}许可",
            "—许可—",
            "x\u{1680}",
            "（原件1份） ",
            "é",
            "\u{202f}é\u{205f}",
        ];
        for t in texts {
            assert_eq!(trim(t), t.trim(), "{t:?}");
            assert_eq!(trim_start(t), t.trim_start(), "{t:?}");
            assert_eq!(trim_end(t), t.trim_end(), "{t:?}");
            let bom = |c: char| is_space(c) || c == '\u{feff}';
            let may = |b: u8| may_be_space(b) || b == 0xEF;
            assert_eq!(trim_matches(t, may, bom), t.trim_matches(bom), "{t:?}");
        }
    }
}
