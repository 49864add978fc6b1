//! B: legal basis (设定依据) — presence, well-formed citations, repealed laws, 文号 style.

pub mod citation;
pub mod document_number_brackets;
pub mod malformed_citation;
pub mod missing_article;
pub mod missing_basis;
pub mod repealed_law;
pub mod superseded_law;
pub mod unknown_law;

/// The field the citation rules read, one line at a time: their verdict depends on the line alone,
/// so they run as value rules and a line repeated over many items is read once (`Rule::check_value`).
pub fn basis_lines() -> crate::model::fields::FieldSet {
    [crate::model::F::Basis].into_iter().collect()
}

/// The titles cited in a basis line: the text inside each outermost 《…》 (nested 〈〉 kept).
pub fn cited_titles(s: &str) -> Vec<&str> {
    cited_title_spans(s)
        .into_iter()
        .map(|r| s[r.start + '《'.len_utf8()..r.end - '》'.len_utf8()].trim())
        .collect()
}

/// The byte range of each outermost `《…》` in a line, 书名号 included.
pub fn cited_title_spans(s: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start = 0usize;
    for (i, c) in s.char_indices() {
        match c {
            '《' => {
                if depth == 0 {
                    start = i;
                }
                depth += 1;
            }
            '》' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    out.push(start..i + c.len_utf8());
                }
            }
            _ => {}
        }
    }
    out
}

/// A law title as compared: no 书名号, no spaces, no leading 中华人民共和国.
pub fn law_key(title: &str) -> String {
    let t: String = title
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '《' | '》'))
        .collect();
    t.strip_prefix("中华人民共和国").unwrap_or(&t).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn titles() {
        assert_eq!(
            cited_titles("《广东省实施〈中华人民共和国价格法〉办法》第二十九条；《行政许可法》"),
            ["广东省实施〈中华人民共和国价格法〉办法", "行政许可法"]
        );
        assert_eq!(law_key("《中华人民共和国食品安全法》"), "食品安全法");
    }
}
