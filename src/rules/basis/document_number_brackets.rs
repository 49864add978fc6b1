use crate::diag::{Fix, Severity};
use crate::model::{F, Item, Pos};
use crate::rules::{Ctx, Family, Out, Rule, RuleMeta};
use crate::{msg, page};
use regex::Regex;
use std::sync::LazyLock;

/// ## 检查什么
/// 文号中年份两侧的括号应为六角括号〔〕，如“国发〔2019〕5号”；
/// 写成 ﹝﹞、[]、【】 的会被报告，并可用 `--fix` 自动改正（安全修复）。
///
/// ## 为什么
/// GB/T 9704《党政机关公文格式》规定发文字号的年份用六角括号。同一份清单里〔〕﹝﹞[]【】混用，
/// 既不规范，也让按文号检索、与法规库匹配失败。
///
/// ## 如何修复
/// 把年份两侧的括号换成〔〕。`catalog lint --fix` 会自动替换。
///
/// ## 示例
/// ```yaml
/// basis:
///   - 《国务院关于在全国推开“证照分离”改革的通知》（国发[2018]35号）
/// ```
/// 改为：
/// ```yaml
/// basis:
///   - 《国务院关于在全国推开“证照分离”改革的通知》（国发〔2018〕35号）
/// ```
/// ---
/// ## What it does
/// Checks that the year in a document number is enclosed in 〔〕, as in 国发〔2019〕5号;
/// ﹝﹞, [] and 【】 are reported with a safe fix that `--fix` applies.
///
/// ## Why is this bad?
/// GB/T 9704 (format of official documents) prescribes 〔〕 around the year of a document number.
/// Mixed styles in one list look careless and defeat searching and matching by document number.
///
/// ## How to fix
/// Replace the brackets around the year with 〔〕; `catalog lint --fix` does it for you.
///
/// ## Example
/// ```yaml
/// basis:
///   - 《国务院关于在全国推开“证照分离”改革的通知》（国发[2018]35号）
/// ```
/// Use instead:
/// ```yaml
/// basis:
///   - 《国务院关于在全国推开“证照分离”改革的通知》（国发〔2018〕35号）
/// ```
pub struct DocumentNumberBrackets;

/// An issuer abbreviation, a year in brackets of any style, a number, 号.
static DOC_NO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\p{Han}{1,12})([〔﹝\[【])\s*((?:19|20)\d{2})\s*([〕﹞\]】])(\s*第?\s*\d+\s*号)")
        .expect("valid regex")
});

/// The text with every 文号 year bracket written 〔〕; `None` when nothing changes.
pub fn normalize(s: &str) -> Option<String> {
    // Only a bracket other than 〔〕 changes anything, and a 文号 ends in 号: most lines are ruled
    // out without the regex.
    if !s.contains('号') || !s.contains(['﹝', '[', '【', '﹞', ']', '】']) {
        return None;
    }
    let mut changed = false;
    let out = DOC_NO.replace_all(s, |c: &regex::Captures| {
        if &c[2] != "〔" || &c[4] != "〕" {
            changed = true;
        }
        format!("{}〔{}〕{}", &c[1], &c[3], &c[5])
    });
    changed.then(|| out.into_owned())
}

impl Rule for DocumentNumberBrackets {
    fn meta(&self) -> RuleMeta {
        RuleMeta::new(
            "B004",
            "document-number-brackets",
            Family::Basis,
            Severity::Warning,
            "文号年份应使用六角括号〔〕",
            "document number year should be in 〔〕",
            page!(DocumentNumberBrackets),
        )
    }
    fn check_item(&self, cx: &Ctx, i: usize, item: &Item, out: &mut Out) {
        let mut fixed = Vec::new();
        for b in item.fields.list(F::Basis) {
            let Some(good) = normalize(b.value) else { continue };
            let shown: String = DOC_NO
                .find_iter(b.value)
                .map(|m| m.as_str())
                .filter(|m| !m.contains('〔') || !m.contains('〕'))
                .collect::<Vec<_>>()
                .join("、");
            let d = out.item(i, b.loc, msg!("文号“{}”的年份应使用六角括号〔〕", shown; "document number '{}': use 〔〕 around the year", shown));
            d.help(msg!("改为：{}", good; "write: {}", good));
            // one edit per scalar token: several lines of one block scalar share its span
            if fixed.contains(&b.loc) {
                continue;
            }
            if let Pos::Text { offset, len, .. } = b.loc.pos
                && let Some(text) = cx
                    .catalog
                    .sources
                    .get(b.loc.file as usize)
                    .and_then(|s| s.text.as_deref())
                && let Some(slice) = text.get(offset as usize..(offset + len) as usize)
                && let Some(replacement) = normalize(slice)
            {
                fixed.push(b.loc);
                d.fix(Fix {
                    loc: b.loc,
                    replacement,
                    safe: true,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::normalize;
    #[test]
    fn brackets() {
        assert_eq!(normalize("国发[2019]5号").as_deref(), Some("国发〔2019〕5号"));
        assert_eq!(
            normalize("（桂发改投资﹝2013﹞833号）").as_deref(),
            Some("（桂发改投资〔2013〕833号）")
        );
        assert_eq!(
            normalize("浙政办发【2020】 12号").as_deref(),
            Some("浙政办发〔2020〕 12号")
        );
        assert_eq!(normalize("国发〔2019〕5号"), None);
        assert_eq!(normalize("《办法》[2019年修订]"), None);
    }
}
