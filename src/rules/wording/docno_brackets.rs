use crate::diag::Severity;
use crate::model::{F, Loc};
use crate::rules::{Ctx, Family, Out, Rule, RuleMeta};
use crate::{msg, page};
use regex::Regex;
use std::sync::LazyLock;

/// ## 检查什么
/// 公文文号中的年份没有用六角括号 `〔〕`，而写成了 `[2015]`、`【2015】`、`﹝2013﹞`、`（2017）`
/// 或 `(2017)`。设定依据中的文号由 B004 检查，这里不重复报告。
///
/// ## 为什么
/// GB/T 9704《党政机关公文格式》规定发文字号的年份用六角括号“〔〕”。写法不一，按文号检索
/// 和与法规库比对时就找不到同一份文件。
///
/// ## 如何修复
/// 把年份两侧的括号改为 `〔〕`；来源是 YAML 时 `catalog lint --fix` 会自动改写。
///
/// ## 示例
/// ```yaml
/// basis:
///   - 《浙江省人民政府关于深化“最多跑一次”改革的意见》（浙政发[2017]6号）
/// ```
/// 改为：
/// ```yaml
/// basis:
///   - 《浙江省人民政府关于深化“最多跑一次”改革的意见》（浙政发〔2017〕6号）
/// ```
/// ---
/// ## What it does
/// Reports official document numbers whose year is not in hexagonal brackets `〔〕` but in
/// `[2015]`, `【2015】`, `﹝2013﹞`, `（2017）` or `(2017)`. In legal-basis citations B004 reports them.
///
/// ## Why is this bad?
/// GB/T 9704 prescribes `〔〕` around the year of a document number; other brackets make the same
/// document unfindable when searching or matching against the law list.
///
/// ## How to fix
/// Use `〔〕` around the year; for a YAML source `catalog lint --fix` rewrites it.
///
/// ## Example
/// ```yaml
/// basis:
///   - 《…的意见》（浙政发[2017]6号）
/// ```
/// Use instead:
/// ```yaml
/// basis:
///   - 《…的意见》（浙政发〔2017〕6号）
/// ```
pub struct DocnoBrackets;

/// 机关代字 + bracketed year + 序号 + 号: `浙政发[2017]6号`.
/// Every text field but 设定依据 (B004's: one finding per 文号), built once.
static NOT_BASIS: LazyLock<super::FieldSet> = LazyLock::new(|| super::text_fields_except(&[crate::model::F::Basis]));

static DOCNO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\p{Han}([\[【﹝（(［])((?:19|20)\d{2})([\]】﹞）)］])(\d{1,5})号").expect("valid regex")
});

impl Rule for DocnoBrackets {
    fn meta(&self) -> RuleMeta {
        RuleMeta::new(
            "W012",
            "document-number-brackets",
            Family::Wording,
            Severity::Warning,
            "文号年份未使用六角括号〔〕",
            "document number year not in 〔〕",
            page!(DocnoBrackets),
        )
    }
    fn value_fields(&self) -> Option<super::FieldSet> {
        Some(*NOT_BASIS)
    }
    fn check_value(&self, cx: &Ctx, i: usize, f: F, v: &str, loc: Loc, out: &mut Out) {
        // Every document number ends in 号: most values are ruled out without the regex.
        if !v.contains('号') || !DOCNO.is_match(v) {
            return;
        }
        for c in DOCNO.captures_iter(v) {
            let (open, year, close) = (
                c.get(1).expect("group"),
                c.get(2).expect("group"),
                c.get(3).expect("group"),
            );
            let wrong = format!("{}{}{}", open.as_str(), year.as_str(), close.as_str());
            let right = format!("〔{}〕", year.as_str());
            let at = crate::fix::sub_loc(cx.catalog, loc, v, open.start(), close.end()).unwrap_or(loc);
            let (zh, en) = cx.field_name(loc, f);
            let d = out.item(i, at, msg!("{}中文号年份“{}”应写作“{}”", zh, wrong, right; "{}: write the document number year '{}' as '{}'", en, wrong, right));
            if let Some(fx) = crate::fix::in_value(cx.catalog, loc, v, open.start(), close.end(), &right, true) {
                d.fix(fx);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn finds_wrong_brackets_only() {
        let t = |s: &str| super::DOCNO.is_match(s);
        assert!(t("浙政发[2017]6号"));
        assert!(t("桂发改投资﹝2013﹞833号"));
        assert!(t("国办发（2019）5号"));
        assert!(!t("浙政发〔2017〕6号"));
        assert!(!t("第(2017)条"));
    }
}
