use super::citation::citations;
use crate::diag::Severity;
use crate::laws;
use crate::model::fields::FieldSet;
use crate::model::{F, Loc};
use crate::rules::{Ctx, Family, Out, Rule, RuleMeta};
use crate::{msg, page};

/// ## 检查什么
/// 设定依据引用的法律、行政法规名称在内置法规库中找不到：与库中某部法律法规只差一两个字的，
/// 提示“是否为《…》”；以“法”结尾的全国性法律（如《中华人民共和国合同法》）不在库中的，提示
/// 可能已废止或名称有误。全称、简称都认（《食品安全法》即《中华人民共和国食品安全法》）。
/// 法规库收录不全的种类——多数部门规章、其他省份的地方性法规、规范性文件——不报告。
///
/// ## 为什么
/// 名称写错的依据无法核对，也说明清单没有对照法律原文复核过；已废止的法律仍被引用，事项的
/// 设定依据就落空了。法规库是 2025 年 4 月的快照：此后公布或改名的法律可能尚未收录，所以本
/// 规则只给警告，并写明快照日期。
///
/// ## 如何修复
/// 按法律原文改正名称；法律已废止的，改引取代它的法律（见 B012）。自己的法规文本可以在
/// `catalog.toml` 的 `[options] law_registry` 中加入。
///
/// ## 示例
/// ```yaml
/// items:
///   - basis: [《中华人民共和国行政许可证法》第十二条]
/// ```
/// 改为：
/// ```yaml
/// items:
///   - basis: [《中华人民共和国行政许可法》第十二条]
/// ```
/// ---
/// ## What it does
/// Reports a cited national law or administrative regulation the built-in law registry does not
/// know: one or two characters from a known title gets a did-you-mean; a national law (a title
/// ending in 法, such as 《中华人民共和国合同法》) that is absent may be repealed or misspelt.
/// Full and short titles both match. Kinds the registry covers only in part — most departmental
/// rules, other provinces' local regulations, normative documents — are not reported.
///
/// ## Why is this bad?
/// A misspelt basis cannot be checked and shows the list was not compared with the law; a
/// repealed law leaves the item without a basis. The registry is a snapshot of April 2025, so
/// this is a warning naming the snapshot's date.
///
/// ## How to fix
/// Correct the title from the law's text; cite the successor of a repealed law (see B012). Add
/// your own law texts with `[options] law_registry` in `catalog.toml`.
///
/// ## Example
/// ```yaml
/// items:
///   - basis: [《中华人民共和国行政许可证法》第十二条]
/// ```
/// Use instead:
/// ```yaml
/// items:
///   - basis: [《中华人民共和国行政许可法》第十二条]
/// ```
pub struct UnknownLaw;

impl Rule for UnknownLaw {
    fn meta(&self) -> RuleMeta {
        RuleMeta::new(
            "B010",
            "unknown-law",
            Family::Basis,
            Severity::Warning,
            "设定依据引用的法律法规不在法规库中（名称有误或已废止）",
            "cited law not in the law registry (misspelt or repealed)",
            page!(UnknownLaw),
        )
    }
    fn value_fields(&self) -> Option<FieldSet> {
        Some(super::basis_lines())
    }
    fn check_value(&self, cx: &Ctx, i: usize, _f: F, line: &str, at: Loc, out: &mut Out) {
        let reg = cx.options.laws();
        for c in citations(line) {
            if !reg.versions(c.title).is_empty() || laws::successor(c.title).is_some() || in_user_list(cx, c.title) {
                continue;
            }
            if let Some(law) = reg.did_you_mean(c.title) {
                out.item(i, at, msg!("法规库（{} 快照）中没有《{}》，是否为《{}》？", reg.date, c.title, law.title;
                    "《{}》 is not in the law registry (snapshot of {}); did you mean 《{}》?", c.title, reg.date, law.title))
                    .help(msg!("按法律原文改正名称"; "correct the title from the law's text"));
            } else if is_national_law_title(c.title) {
                let d = out.item(i, at, msg!("《{}》不在法规库（{} 快照）收录的法律中：可能已废止、已改名或名称有误", c.title, reg.date;
                    "《{}》 is not among the laws of the law registry (snapshot of {}): repealed, renamed or misspelt?", c.title, reg.date));
                match reg.closest_within(c.title, 2) {
                    Some(near) => d.help(msg!("最接近的是《{}》", near.title; "the closest is 《{}》", near.title)),
                    None => d.help(msg!("核对法律全称；快照之后公布的法律可在 catalog.toml 的 law_registry 中加入";
                        "check the full title; a law published after the snapshot can be added with law_registry in catalog.toml")),
                };
            }
        }
    }
}

/// The user's own 法规库 (`laws:` file) lists it: the user knows this title.
fn in_user_list(cx: &Ctx, title: &str) -> bool {
    let k = laws::key(title);
    cx.catalog
        .laws
        .iter()
        .any(|l| l.fields.text(F::LawTitle).is_some_and(|t| laws::key(t) == k))
}

/// A national law's title: ends in 法 (not 办法/方法), names no province or city. The registry
/// holds nearly every national law, so absence means something; of other kinds it does not.
fn is_national_law_title(title: &str) -> bool {
    let k = laws::key(title);
    let chars: Vec<char> = k.chars().collect();
    let local = k.contains('省')
        || k.contains("自治")
        || chars
            .iter()
            .enumerate()
            .any(|(i, &c)| c == '市' && (i == 0 || !matches!(chars[i - 1], '城' | '都')));
    chars.len() >= 3
        && k.ends_with('法')
        && !["办法", "方法", "做法", "立法", "司法", "执法"]
            .iter()
            .any(|s| k.ends_with(s))
        && !local
        && !k.contains(['〈', '<', '（', '('])
}

#[cfg(test)]
mod tests {
    use super::is_national_law_title;
    #[test]
    fn national_law_titles() {
        assert!(is_national_law_title("中华人民共和国合同法"));
        assert!(is_national_law_title("城市房地产管理法"));
        assert!(!is_national_law_title("广东省实施〈中华人民共和国价格法〉办法"));
        assert!(!is_national_law_title("个体工商户登记管理办法"));
        assert!(!is_national_law_title("温州市市容和环境卫生管理法"));
    }
}
