use crate::diag::Severity;
use crate::model::{F, Loc};
use crate::rules::{Ctx, Family, Out, Rule, RuleMeta};
use crate::{msg, page};

/// ## 检查什么
/// 字段中的括号、书名号不配对：有开无合（`（桂发改投资﹝2013﹞833号`）、有合无开，或交错
/// （`《办法（试行》）`）。全角和半角圆括号视为同一种（宽度混用由 W010 报告）。设定依据中的
/// 书名号由 B002 检查，这里不重复报告。列表编号（`1）`、`a)`、`二）`）只有右括号，不算不配对。
///
/// ## 为什么
/// 不配对的括号多半是复制粘贴截断了内容：文号、条款号或法规名称缺了一截，引用就无法核对。
///
/// ## 如何修复
/// 对照原文补全缺失的部分，或删去多余的括号。
///
/// ## 示例
/// ```yaml
/// conditions:
///   - 申请人身份证明（居民身份证或户口簿
/// ```
/// 改为：
/// ```yaml
/// conditions:
///   - 申请人身份证明（居民身份证或户口簿）
/// ```
/// ---
/// ## What it does
/// Reports brackets and title marks that do not pair up: opened and never closed, closed and never
/// opened, or crossed (`《办法（试行》）`). Legal-basis citations are left to B002. Full- and half-width round brackets count as one kind
/// (mixing widths is W010). List numbering (`1）`, `a)`, `二）`) has only a closing bracket and
/// is not reported.
///
/// ## Why is this bad?
/// An unpaired bracket usually means a copy-paste cut the text: a document number, article or law
/// title is incomplete and the citation cannot be checked.
///
/// ## How to fix
/// Complete the text from the source, or remove the stray bracket.
///
/// ## Example
/// ```yaml
/// conditions:
///   - 申请人身份证明（居民身份证或户口簿
/// ```
/// Use instead:
/// ```yaml
/// conditions:
///   - 申请人身份证明（居民身份证或户口簿）
/// ```
pub struct UnbalancedBrackets;

/// Codes and paths are not prose; 设定依据 citations are checked by B002, which names the law.
const NOT_PROSE: &[F] = &[
    F::Code,
    F::ImplementationCode,
    F::BasicCode,
    F::Sample,
    F::BlankForm,
    F::Basis,
];

/// The text fields but those, built once (asked for every item).
static PROSE: std::sync::LazyLock<super::FieldSet> = std::sync::LazyLock::new(|| super::text_fields_except(NOT_PROSE));

impl Rule for UnbalancedBrackets {
    fn meta(&self) -> RuleMeta {
        RuleMeta::new(
            "W011",
            "unbalanced-brackets",
            Family::Wording,
            Severity::Warning,
            "括号或书名号不配对",
            "unbalanced brackets or title marks",
            page!(UnbalancedBrackets),
        )
    }
    fn value_fields(&self) -> Option<super::FieldSet> {
        Some(*PROSE)
    }
    fn check_value(&self, cx: &Ctx, i: usize, f: F, v: &str, loc: Loc, out: &mut Out) {
        if let Some((at, c, why)) = first_unbalanced(v) {
            let place = crate::fix::sub_loc(cx.catalog, loc, v, at, at + c.len_utf8()).unwrap_or(loc);
            let (zh, en) = match why {
                Why::Unclosed => ("没有对应的右括号", "is never closed"),
                Why::Unopened => ("没有对应的左括号", "closes nothing"),
            };
            let (field, field_en) = cx.field_name(loc, f);
            let excerpt = super::marked_excerpt(v, [(at, at + c.len_utf8())].into_iter());
            out.item(
                i,
                place,
                msg!("{}中括号“{}”{}（{}）", field, c, zh, excerpt; "{}: bracket '{}' {} ({})", field_en, c, en, excerpt),
            );
        }
    }
}

#[derive(Debug, PartialEq)]
pub enum Why {
    Unclosed,
    Unopened,
}

/// The kind of bracket a char opens or closes: (kind, opens).
fn kind(c: char) -> Option<(u8, bool)> {
    Some(match c {
        '(' | '（' => (0, true),
        ')' | '）' => (0, false),
        '《' => (1, true),
        '》' => (1, false),
        '〔' | '﹝' => (2, true),
        '〕' | '﹞' => (2, false),
        '【' => (3, true),
        '】' => (3, false),
        '[' | '［' => (4, true),
        ']' | '］' => (4, false),
        '“' => (5, true),
        '”' => (5, false),
        '「' => (6, true),
        '」' => (6, false),
        _ => return None,
    })
}

/// The first bracket that breaks the pairing, with its byte offset.
pub fn first_unbalanced(v: &str) -> Option<(usize, char, Why)> {
    let mut stack: Vec<(usize, char, u8)> = Vec::new();
    for (b, c) in v.char_indices() {
        let Some((k, opens)) = kind(c) else { continue };
        if opens {
            stack.push((b, c, k));
        } else {
            match stack.last() {
                Some(&(_, _, top)) if top == k => {
                    stack.pop();
                }
                // `1）`, `a)`, `二)` numbering a list opens nothing.
                _ if k == 0 && list_marker(&v[..b]) => {}
                Some(&(ob, oc, _)) => return Some((ob, oc, Why::Unclosed)),
                None => return Some((b, c, Why::Unopened)),
            }
        }
    }
    stack.first().map(|&(b, c, _)| (b, c, Why::Unclosed))
}

/// The text before a closing round bracket ends with a list number: one to three digits, one
/// Latin letter or Chinese numerals, at the start of the value or after a space or punctuation.
fn list_marker(before: &str) -> bool {
    let numeral = |c: char| c.is_ascii_digit() || "一二三四五六七八九十".contains(c);
    let mut chars = before.chars().rev();
    let mut n = 0;
    let mut letters = 0;
    let rest = loop {
        match chars.next() {
            Some(c) if numeral(c) && n < 3 => n += 1,
            Some(c) if c.is_ascii_alphabetic() && letters == 0 && n == 0 => letters = 1,
            other => break other,
        }
    };
    if n + letters == 0 {
        return false;
    }
    match rest {
        None => true,
        Some(c) => c.is_whitespace() || "；;。.，,：:、!！?？".contains(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn pairs() {
        assert_eq!(first_unbalanced("《办法》（2019(修订)）"), None);
        assert_eq!(
            first_unbalanced("（桂发改投资﹝2013﹞833号").map(|x| x.2),
            Some(Why::Unclosed)
        );
        assert_eq!(first_unbalanced("第44号）").map(|x| x.1), Some('）'));
        assert_eq!(first_unbalanced("《办法（试行》）").map(|x| x.1), Some('（'));
        // List numbering is no bracket.
        assert_eq!(first_unbalanced("1）身份证；2）申请表。a) 原件 b) 复印件"), None);
        assert_eq!(first_unbalanced("条件：一）年满18周岁"), None);
        assert_eq!(first_unbalanced("《说明1）》"), Some((0, '《', Why::Unclosed)));
        assert_eq!(first_unbalanced("第44号）").map(|x| x.1), Some('）'));
    }
}
