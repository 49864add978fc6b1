use crate::diag::Severity;
use crate::i18n::Msg;
use crate::model::fields::FieldSet;
use crate::model::{F, Loc};
use crate::rules::{Ctx, Family, Out, Rule, RuleMeta};
use crate::{msg, page};

/// ## 检查什么
/// 每条设定依据的写法：书名号《》成对，括号（）〔〕【】[] 都已闭合且不为空，书名号不为空；
/// 书名号后写了“第”就要写全条款（“第三十五条”“第（二）项”“令第44号”）。只写法规名称
/// 如“《X法》”是可以的，“《X法》第”则不行。
///
/// ## 为什么
/// 依据是审查事项合法性的入口。括号缺一半、条款号写了一半，审查人无法核对，
/// 也无法与法规库自动匹配；这类错误多半来自从 Word 或网页复制时截断。
///
/// ## 如何修复
/// 补全括号和条款，或删除多余的“第”。
///
/// ## 示例
/// ```yaml
/// basis:
///   - 《中华人民共和国食品安全法》第
///   - 《固定资产投资项目节能审查暂行办法》（桂发改投资﹝2013﹞833号
/// ```
/// 改为：
/// ```yaml
/// basis:
///   - 《中华人民共和国食品安全法》第三十五条
///   - 《固定资产投资项目节能审查暂行办法》（桂发改投资〔2013〕833号）
/// ```
/// ---
/// ## What it does
/// Checks how each basis line is written: 《》 in pairs, brackets （）〔〕【】[] closed and not
/// empty, no empty 《》; a 第 after the title must be followed by a full article number
/// (第三十五条, 第（二）项, 令第44号). A bare title 《X法》 is fine, 《X法》第 is not.
///
/// ## Why is this bad?
/// The basis is where legality review starts. A half bracket or half an article number cannot be
/// checked by a reviewer nor matched against the law list; they usually come from truncated
/// copies out of Word or web pages.
///
/// ## How to fix
/// Complete the brackets and the article, or remove the stray 第.
///
/// ## Example
/// ```yaml
/// basis:
///   - 《中华人民共和国食品安全法》第
///   - 《固定资产投资项目节能审查暂行办法》（桂发改投资﹝2013﹞833号
/// ```
/// Use instead:
/// ```yaml
/// basis:
///   - 《中华人民共和国食品安全法》第三十五条
///   - 《固定资产投资项目节能审查暂行办法》（桂发改投资〔2013〕833号）
/// ```
pub struct MalformedCitation;

impl Rule for MalformedCitation {
    fn meta(&self) -> RuleMeta {
        RuleMeta::new(
            "B002",
            "malformed-citation",
            Family::Basis,
            Severity::Error,
            "设定依据写法不完整",
            "malformed legal citation",
            page!(MalformedCitation),
        )
    }
    fn value_fields(&self) -> Option<FieldSet> {
        Some(super::basis_lines())
    }
    fn check_value(&self, _cx: &Ctx, i: usize, _f: F, line: &str, at: Loc, out: &mut Out) {
        if let Some(problem) = citation_problem(line) {
            out.item(i, at, problem)
                .help(msg!("补全括号和条款号"; "complete the brackets and the article number"));
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Br {
    Book,
    Angle,
    Paren,
    Square,
}

fn open(c: char) -> Option<Br> {
    match c {
        '《' => Some(Br::Book),
        '〈' => Some(Br::Angle),
        '(' | '（' => Some(Br::Paren),
        '[' | '〔' | '﹝' | '【' => Some(Br::Square),
        _ => None,
    }
}

fn close(c: char) -> Option<Br> {
    match c {
        '》' => Some(Br::Book),
        '〉' => Some(Br::Angle),
        ')' | '）' => Some(Br::Paren),
        ']' | '〕' | '﹞' | '】' => Some(Br::Square),
        _ => None,
    }
}

const NUMERALS: &str = "0123456789０１２３４５６７８９零〇一二两三四五六七八九十百千";
const JOINERS: &str = "、至-－.．";
const UNITS: &str = "条款项目章节编部篇号批次届期";

/// The first problem of a citation line, if any.
pub fn citation_problem(s: &str) -> Option<Msg> {
    let chars: Vec<char> = s.chars().collect();
    let mut stack: Vec<(Br, char, usize)> = Vec::new();
    let mut after_title = false;
    for (k, &c) in chars.iter().enumerate() {
        if let Some(b) = open(c) {
            stack.push((b, c, k));
            continue;
        }
        if let Some(b) = close(c) {
            match stack.pop() {
                Some((ob, oc, at)) if ob == b => {
                    if at + 1 == k {
                        return Some(msg!("“{}{}”中间是空的：{}", oc, c, s; "empty brackets '{}{}' in: {}", oc, c, s));
                    }
                    if b == Br::Book && stack.is_empty() {
                        after_title = true;
                    }
                }
                Some((_, oc, _)) => {
                    return Some(msg!("“{}”与“{}”不配对：{}", oc, c, s; "'{}' closed by '{}': {}", oc, c, s));
                }
                None => {
                    return Some(
                        msg!("多余的“{}”（前面没有对应的左括号）：{}", c, s; "'{}' without an opening bracket: {}", c, s),
                    );
                }
            }
            continue;
        }
        let in_title = stack.iter().any(|(b, _, _)| *b == Br::Book);
        if c == '第' && after_title && !in_title && !article_follows(&chars[k + 1..]) {
            return Some(
                msg!("“第”后没有完整的条款号：{}", s; "'第' is not followed by a complete article number: {}", s),
            );
        }
    }
    if let Some((_, oc, _)) = stack.last() {
        return Some(msg!("“{}”没有闭合：{}", oc, s; "'{}' is never closed: {}", oc, s));
    }
    None
}

/// `三十五条`, `（二）项`, `44号` …
fn article_follows(rest: &[char]) -> bool {
    let mut k = 0;
    if rest.first().is_some_and(|c| matches!(c, '(' | '（')) {
        k += 1;
    }
    if !rest.get(k).is_some_and(|c| NUMERALS.contains(*c)) {
        return false;
    }
    // 第一、二款 / 第十九至二十二条 / 第4.2.1条: numerals joined by 、 至 - .
    while rest
        .get(k)
        .is_some_and(|c| NUMERALS.contains(*c) || JOINERS.contains(*c))
    {
        k += 1;
    }
    if rest.get(k).is_some_and(|c| matches!(c, ')' | '）')) {
        k += 1;
    }
    rest.get(k).is_some_and(|c| UNITS.contains(*c))
}

#[cfg(test)]
mod tests {
    use super::citation_problem;
    #[test]
    fn citations() {
        for ok in [
            "《中华人民共和国食品安全法》",
            "《中华人民共和国食品安全法》第三十五条",
            "《中华人民共和国食品安全法》第三十五条第一款第（二）项",
            "《固定资产投资项目节能审查办法》（国家发展和改革委员会令第44号）",
            "《广东省实施〈中华人民共和国价格法〉办法》第二十九条",
            "《国务院关于取消第一批行政许可的决定》",
            "国务院决定第412号",
            "《城市供水条例》第十四条、第十五条",
            "《城市供水条例》第十四条第一、二款",
            "《工程建设标准》第4.2.1条",
            "《城市供水条例》第十九至二十二条",
        ] {
            assert!(citation_problem(ok).is_none(), "{ok}");
        }
        for bad in [
            "《中华人民共和国食品安全法》第",
            "《中华人民共和国食品安全法》第条",
            "《中华人民共和国食品安全法》第一、",
            "《食品安全法",
            "食品安全法》",
            "《》第三条",
            "《意见》（）三",
            "《暂行办法的通知》（桂发改投资﹝2013﹞833号",
            "《X法》（第三条》",
        ] {
            assert!(citation_problem(bad).is_some(), "{bad}");
        }
    }
}
