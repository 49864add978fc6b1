use crate::diag::Severity;
use crate::i18n::Msg;
use crate::model::code::{Uscc, UsccError};
use crate::model::{F, Item, Loc};
use crate::rules::{Ctx, Family, Out, Rule, RuleMeta};
use crate::{msg, page};
use regex::Regex;
use std::sync::LazyLock;

/// ## 检查什么
/// 组合式事项编码（如四川的 `基本编码-区划代码-000-统一社会信用代码-1-00`，或
/// `E-000021-001-统一社会信用代码`）中，实施主体的统一社会信用代码段：是否为 18 位、是否是
/// `1111111111111111` 之类的占位值、校验位是否正确（含小写校验位）；以及区划代码段：同一份
/// 清单里绝大多数事项是一个区划，个别事项写成了上级区划（区县清单里的 `510000000000`）。
/// 全国统一的 31 位实施编码由 K001、K002 检查，这里不重复。
///
/// ## 为什么
/// 编码里的统一社会信用代码标识实施主体，位数不对、占位或校验位错误，事项就对不上部门，
/// 跨系统比对与“四级四同”核对都会失败；区划代码错了，事项会被算到别的层级。
///
/// ## 如何修复
/// 在事项系统中把编码里的代码段改为实施主体的 18 位统一社会信用代码、本级区划代码。
///
/// ## 示例
/// ```yaml
/// code: 511A0080800002-511602000000-000-1151130000877869M-1-00
/// ```
/// 改为：
/// ```yaml
/// code: 511A0080800002-511602000000-000-11511301008778690M-1-00
/// ```
/// ---
/// ## What it does
/// Checks the segments of a composite item code (Sichuan's
/// `basic code-area code-000-credit code-1-00`, or `E-000021-001-credit code`): the implementing
/// body's unified social credit code must have 18 characters, be no placeholder such as
/// `1111111111111111`, and carry the right (upper-case) check character; the area code must be the
/// list's own (one item with `510000000000` in a county list). The national 31-character
/// implementation code is left to K001 and K002.
///
/// ## Why is this bad?
/// The credit code in the item code names the implementing body: a short, placeholder or
/// mistyped one matches no department, so cross-system and cross-level comparisons fail; a wrong
/// area code counts the item at another level.
///
/// ## How to fix
/// Correct the code in the item system: the body's 18-character credit code, the list's own area.
///
/// ## Example
/// ```yaml
/// code: 511A0080800002-511602000000-000-1151130000877869M-1-00
/// ```
/// Use instead:
/// ```yaml
/// code: 511A0080800002-511602000000-000-11511301008778690M-1-00
/// ```
pub struct CompositeCode;

/// `…-<area, 12 digits>-<3 digits>-<credit code>…` (also after a prefix such as `G-000007-001-`).
static WITH_AREA: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|-)(\d{12})-\d{3}-([0-9A-Za-z]+)(?:-|$)").expect("valid regex"));
/// `<letter>-<6 digits>-<3 digits>-<credit code>`, the whole code.
static WITHOUT_AREA: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[A-Z]-\d{6}-\d{3}-([0-9A-Za-z]+)$").expect("valid regex"));

/// The area code and the credit-code segment of a composite code.
fn segments(code: &str) -> Option<(Option<&str>, &str)> {
    // Most codes are neither form: twelve digits in a row, or a letter and a hyphen first, rule
    // them in before the regexes (`is_numeric` holds for every `\d`).
    let mut run = 0;
    let twelve_digits = code.chars().any(|c| {
        run = if c.is_numeric() { run + 1 } else { 0 };
        run >= 12
    });
    let letter_first = code.as_bytes().first().is_some_and(u8::is_ascii_uppercase);
    if !twelve_digits && !letter_first {
        return None;
    }
    if let Some(c) = WITH_AREA.captures(code) {
        return Some((c.get(1).map(|m| m.as_str()), c.get(2)?.as_str()));
    }
    let c = WITHOUT_AREA.captures(code)?;
    Some((None, c.get(1)?.as_str()))
}

/// What is wrong with the credit-code segment, if anything.
fn uscc_problem(u: &str) -> Option<Msg> {
    let mut chars = u.chars();
    let first = chars.next()?;
    if u.len() >= 6 && chars.all(|c| c == first) {
        return Some(
            msg!("编码中的统一社会信用代码段“{}”是占位值", u; "the credit code segment '{}' is a placeholder", u),
        );
    }
    match Uscc::parse(u) {
        Ok(_) => None,
        Err(UsccError::Length(n)) => Some(
            msg!("编码中的统一社会信用代码段“{}”有 {} 位，应为 18 位", u, n; "the credit code segment '{}' has {} characters, not 18", u, n),
        ),
        Err(UsccError::Char(i, c)) if c.is_ascii_lowercase() && Uscc::parse(&u.to_ascii_uppercase()).is_ok() => {
            let _ = i;
            Some(
                msg!("编码中的统一社会信用代码“{}”的校验位写成了小写“{}”", u, c; "the credit code '{}' has a lower-case check character '{}'", u, c),
            )
        }
        Err(UsccError::Char(i, c)) => Some(
            msg!("编码中的统一社会信用代码“{}”第 {} 位“{}”不是允许的字符", u, i + 1, c; "the credit code '{}' has '{}' at position {}, outside its charset", u, c, i + 1),
        ),
        Err(UsccError::Check { found, expected }) => Some(
            msg!("编码中的统一社会信用代码“{}”的校验位是“{}”，按 GB 32100 应为“{}”", u, found, expected; "the credit code '{}' ends in '{}'; GB 32100 requires '{}'", u, found, expected),
        ),
    }
}

fn code_of(item: &Item) -> Option<(&str, Loc)> {
    // The national 实施编码 is K001's; a composite code sits in the 事项编码.
    item.fields.text_at(F::Code).map(|(s, l)| (s.trim(), l))
}

impl Rule for CompositeCode {
    fn meta(&self) -> RuleMeta {
        RuleMeta::new(
            "K009",
            "composite-code-segments",
            Family::Code,
            Severity::Warning,
            "组合式事项编码中的信用代码或区划代码段有误",
            "a composite item code holds a wrong credit-code or area segment",
            page!(CompositeCode),
        )
    }
    fn check_item(&self, _cx: &Ctx, i: usize, item: &Item, out: &mut Out) {
        let Some((code, loc)) = code_of(item) else { return };
        let Some((_, u)) = segments(code) else { return };
        if let Some(m) = uscc_problem(u) {
            out.item(i, loc, m).help(
                msg!("改为实施主体的 18 位统一社会信用代码"; "write the implementing body's 18-character credit code"),
            );
        }
    }
    fn check_catalog(&self, cx: &Ctx, out: &mut Out) {
        // The list's own area: the one almost every composite code carries.
        let mut areas: foldhash::HashMap<&str, usize> = Default::default();
        let mut total = 0;
        for it in &cx.catalog.items {
            if let Some((Some(a), _)) = code_of(it).and_then(|(c, _)| segments(c)) {
                *areas.entry(a).or_default() += 1;
                total += 1;
            }
        }
        let Some((&own, &n)) = areas.iter().max_by_key(|(a, n)| (**n, std::cmp::Reverse(**a))) else {
            return;
        };
        if n * 10 < total * 9 {
            return;
        }
        for (i, it) in cx.catalog.items.iter().enumerate() {
            let Some((code, loc)) = code_of(it) else { continue };
            if let Some((Some(a), _)) = segments(code)
                && a != own
            {
                out.item(
                    i,
                    loc,
                    msg!("编码中的区划代码是 {}，本清单其他 {} 个事项都是 {}", a, n, own;
                         "the code's area segment is {}; the list's other {} items have {}", a, n, own),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    /// The check before the regexes drops no code either of them reads.
    #[test]
    fn the_quick_check_drops_no_composite_code() {
        fn by_regex(c: &str) -> Option<&str> {
            WITH_AREA
                .captures(c)
                .map(|m| m.get(2).map(|x| x.as_str()))
                .or_else(|| WITHOUT_AREA.captures(c).map(|m| m.get(1).map(|x| x.as_str())))
                .flatten()
        }
        for c in [
            "许可-00000-001-01",
            "511A0080800002-511602000000-000-1151130000877869M-1-00",
            "E-000021-001-1111111111111111",
            "１２３４５６７８９０１２-000-ABC",
            "x-123456789012-000-A1",
            "123456789012-000-a",
            "11330302002000000543303020000",
            "",
        ] {
            assert_eq!(segments(c).map(|x| x.1), by_regex(c), "{c}");
        }
    }

    #[test]
    fn segments_and_problems() {
        let s = |c| segments(c).map(|x| x.1);
        assert_eq!(
            s("511A0080800002-511602000000-000-1151130000877869M-1-00"),
            Some("1151130000877869M")
        );
        assert_eq!(s("E-000021-001-1111111111111111"), Some("1111111111111111"));
        // The prefix `G-000007-001-` is no credit code: the one after the area is.
        assert_eq!(
            s("G-000007-001-511602000000-000-115113010833722043-1-00"),
            Some("115113010833722043")
        );
        assert_eq!(
            s("1J-5100-00027-511602000000-000-11511301008778386B-1-00"),
            Some("11511301008778386B")
        );
        assert_eq!(s("许可-00977-001"), None);
        assert_eq!(s("11440000006939756B2440101007000"), None);
        assert!(uscc_problem("1111111111111111").is_some());
        assert!(uscc_problem("1151130000877869M").is_some());
        assert!(uscc_problem("11511301452259996u").is_some());
        assert!(uscc_problem("11440000006939756B").is_none());
    }
}
