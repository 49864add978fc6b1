use super::code_out_of_scheme::shape;
use crate::diag::Severity;
use crate::model::{F, Item, Loc};
use crate::rules::{Ctx, Family, Out, Rule, RuleMeta};
use crate::{msg, page};

/// ## 检查什么
/// 一张清单（一个文件的一张工作表，或都只有同一个实施主体的各表）分列填写主项编码和子项编码，八成以上（至少 4 个）子项的
/// 编码都以其主项编码开头（主项编码末尾的 0 不计：`330217001000` 下的 `330217001001`，
/// `001` 下的 `001002`，`XK-0002` 下的 `XK-0002-01`）时，不以其主项编码开头的子项编码（清单较短时：同一主项的其他子项编码都以主项编码开头，只有它不是）：
/// 子项编码抄错了（`330217001000` 下的 `330217002003`），或合并单元格里的主项编码写错了。
/// 写法与其他子项编码不同的编码（少了分隔符等）由 K005、K010 检查。
///
/// ## 为什么
/// 子项编码由主项编码加顺序号组成，系统按编码前缀把子项归到主项下：前缀不对的子项在导入、
/// 上下级比对时会挂到别的主项下，或成为找不到主项的孤儿。
///
/// ## 如何修复
/// 核对子项编码和它所在主项的编码，改正写错的一个。
///
/// ## 示例
/// ```yaml
/// items:
///   - {main_code: "330217001000", code: "330217001001", main_item: 食品经营许可, sub_item: 食品经营许可（新办）}
///   - {main_code: "330217001000", code: "330217002002", main_item: 食品经营许可, sub_item: 食品经营许可（变更）}
///   # …八个以上子项编码以主项编码开头
/// ```
/// 改为：
/// ```yaml
///   - {main_code: "330217001000", code: "330217001002", main_item: 食品经营许可, sub_item: 食品经营许可（变更）}
/// ```
/// ---
/// ## What it does
/// When a list (one file's sheet, or the sheets of one office) gives 主项编码 and 子项编码 in columns of their own and eight
/// in ten of its 子项 codes (at least 4) start with their 主项's code (its trailing zeros aside:
/// `330217001001` under `330217001000`, `001002` under `001`, `XK-0002-01` under `XK-0002`),
/// reports a 子项 code that does not — in a shorter list, one whose 主项's other 子项 codes all
/// start with the 主项's: the 子项 code was mistyped (`330217002003` under
/// `330217001000`), or the 主项 code in the merged cell was. A code written in another shape
/// than the other 子项 codes (a separator missing) is K005's and K010's.
///
/// ## Why is this bad?
/// A 子项 code is its 主项's code with a number added, and systems file 子项 under 主项 by that
/// prefix: a 子项 with another prefix lands under another 主项 on import and in comparisons with
/// the level above, or under none.
///
/// ## How to fix
/// Compare the 子项 code with its 主项's code and correct whichever is wrong.
///
/// ## Example
/// ```yaml
/// items:
///   - {main_code: "330217001000", code: "330217001001", main_item: 食品经营许可, sub_item: 食品经营许可（新办）}
///   - {main_code: "330217001000", code: "330217002002", main_item: 食品经营许可, sub_item: 食品经营许可（变更）}
///   # …eight or more 子项 codes starting with their 主项 code
/// ```
/// Use instead:
/// ```yaml
///   - {main_code: "330217001000", code: "330217001002", main_item: 食品经营许可, sub_item: 食品经营许可（变更）}
/// ```
pub struct SubCodeOutsideMain;

/// 子项 codes a list must have before one outside its 主项 is reported, and the share of them
/// that must start with their 主项's code.
const MIN_UNDER: usize = 4;
const SHARE_UNDER: f64 = 0.8;

/// The part of a 主项 code its 子项 codes start with: the code without its trailing zeros (the
/// places the 子项 number fills), when something is left.
fn stem(main: &str) -> Option<&str> {
    Some(main.trim_end_matches('0')).filter(|s| s.chars().any(|c| c.is_ascii_alphanumeric()))
}

/// An item's 主项 and 子项 codes, when it has both and they differ (a 主项 row without 子项
/// repeats its code, or leaves the 子项 cell blank).
fn codes(item: &Item) -> Option<((&str, &str), Loc)> {
    let main = item.text(F::MainCode).map(str::trim).filter(|m| !m.is_empty())?;
    let (code, loc) = item.fields.text_at(F::Code)?;
    let code = crate::text::trim(code);
    let scientific = super::scientific_notation_code::is_scientific;
    (!code.is_empty() && code != main && !scientific(code) && !scientific(main)).then_some(((main, code), loc))
}

impl Rule for SubCodeOutsideMain {
    fn meta(&self) -> RuleMeta {
        RuleMeta::new(
            "K012",
            "sub-code-outside-main",
            Family::Code,
            Severity::Error,
            "子项编码不以其主项编码开头",
            "sub-item code not under its main item's code",
            page!(SubCodeOutsideMain),
        )
    }
    fn check_catalog(&self, cx: &Ctx, out: &mut Out) {
        let under = |main: &str, code: &str| stem(main).is_some_and(|s| code.len() > s.len() && code.starts_with(s));
        for pairs in super::per_list(&cx.catalog.items, codes) {
            let held = pairs.iter().filter(|(_, (m, c), _)| under(m, c)).count();
            // In a short list, the 主项's own 子项: its other 子项 codes all under it, this one
            // alone not (`XK-0948-02` beside `XK-0694-01` under `XK-0694`).
            // Per 主项: its 子项 codes under it, and those not (in all, and per code), counted once.
            let mut of_main: foldhash::HashMap<&str, (usize, usize)> = Default::default();
            let mut off_of: foldhash::HashMap<(&str, &str), usize> = Default::default();
            for &(_, (m, c), _) in &pairs {
                let e = of_main.entry(m).or_default();
                if under(m, c) {
                    e.0 += 1;
                } else {
                    e.1 += 1;
                    *off_of.entry((m, c)).or_default() += 1;
                }
            }
            let alone_off = |main: &str, code: &str| {
                let (others_under, off) = of_main.get(main).copied().unwrap_or_default();
                let own = off_of.get(&(main, code)).copied().unwrap_or(0);
                others_under > 0 && off == own
            };
            let list_wide = held >= MIN_UNDER && (held as f64) >= SHARE_UNDER * pairs.len() as f64;
            if !list_wide && !pairs.iter().any(|(_, (m, c), _)| !under(m, c) && alone_off(m, c)) {
                continue;
            }
            let Some(&(_, (em, ec), _)) = pairs.iter().find(|(_, (m, c), _)| under(m, c)) else {
                continue;
            };
            // A code written in another shape than the 子项 codes that hold (`处罚-00215001`
            // among `处罚-00200-001`) is malformed, which K005 and K010 say: not once more here.
            let mut shapes: foldhash::HashMap<String, usize> = Default::default();
            for (_, (m, c), _) in &pairs {
                if under(m, c) {
                    *shapes.entry(shape(c)).or_default() += 1;
                }
            }
            let usual = shapes
                .into_iter()
                .max_by_key(|(s, n)| (*n, std::cmp::Reverse(s.clone())))
                .map(|(s, _)| s);
            for &(i, (main, code), loc) in &pairs {
                if under(main, code) || usual.as_deref() != Some(shape(code).as_str()) {
                    continue;
                }
                if !list_wide && !alone_off(main, code) {
                    continue;
                }
                let (sub_zh, sub_en) = cx.field_name(loc, F::Code);
                let main_at = cx.catalog.items[i].fields.loc(F::MainCode).unwrap_or(loc);
                let (main_zh, main_en) = cx.field_name(main_at, F::MainCode);
                out.item(
                    i,
                    loc,
                    msg!("{}“{}”不以{}“{}”开头：本清单其他 {} 个子项的编码都以其主项编码开头（如“{}”下的“{}”）",
                        sub_zh, code, main_zh, main, held, em, ec;
                        "{} '{}' does not start with its {} '{}': {} other sub-item codes of this list start with their main item's (such as '{}' under '{}')",
                        sub_en, code, main_en, main, held, ec, em),
                )
                .help(msg!("核对这个子项编码和它所在主项的编码，改正写错的一个";
                    "compare this code with its main item's code and correct the wrong one"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::stem;
    #[test]
    fn stems() {
        assert_eq!(stem("330217001000"), Some("330217001"));
        assert_eq!(stem("001"), Some("001"));
        assert_eq!(stem("XK-0002"), Some("XK-0002"));
        assert_eq!(stem("XK-0010"), Some("XK-001"));
        assert_eq!(stem("000"), None);
    }
}
