use super::{Index, where_upstream};
use crate::diag::Severity;
use crate::model::{F, Item};
use crate::rules::basis::{cited_titles, law_key};
use crate::rules::{Ctx, Family, Out, Rule, RuleMeta};
use crate::{msg, page};
use std::collections::BTreeSet;

/// ## 检查什么
/// 与上级目录共用同一编码的事项，**设定依据**引用的法规（书名号中的名称）要与上级一致
/// （四级四同）。条款写法、标点的差别不计，只比较引用了哪些法规。
///
/// ## 为什么
/// 设定依据全省统一、下级不得变更。下级少引一部法规，可能漏了前置条件；多引一部地方文件，
/// 可能是自行增设了条件。
///
/// ## 如何修复
/// 按上级目录的设定依据改写；上级依据有误的，报上级修改。
///
/// ## 示例
/// ```yaml
/// # 上级：basis: [《中华人民共和国食品安全法》第三十五条]
/// - code: 许可-00977-001
///   basis: [《食品经营许可管理办法》第二条]
/// ```
/// 改为：
/// ```yaml
/// - code: 许可-00977-001
///   basis: [《中华人民共和国食品安全法》第三十五条]
/// ```
/// ---
/// ## What it does
/// Checks that an item sharing a code with the upper-level catalog cites the same laws in its
/// **legal basis** (四级四同). Articles and punctuation are not compared, only which laws are
/// cited (the titles in 《》).
///
/// ## Why is this bad?
/// The legal basis is uniform province-wide and lower levels may not change it. A missing law may
/// drop a precondition; an extra local document may add conditions the law does not set.
///
/// ## How to fix
/// Copy the upper catalog's basis; if it is wrong, ask for it to be corrected upstream.
///
/// ## Example
/// ```yaml
/// # upstream: basis: [《中华人民共和国食品安全法》第三十五条]
/// - code: 许可-00977-001
///   basis: [《食品经营许可管理办法》第二条]
/// ```
/// Use instead:
/// ```yaml
/// - code: 许可-00977-001
///   basis: [《中华人民共和国食品安全法》第三十五条]
/// ```
pub struct BasisDiffers;

fn laws(item: &Item) -> BTreeSet<String> {
    item.fields
        .list(F::Basis)
        .iter()
        .flat_map(|b| cited_titles(b.value))
        .map(law_key)
        .collect()
}

impl Rule for BasisDiffers {
    fn meta(&self) -> RuleMeta {
        RuleMeta::new(
            "S003",
            "basis-differs-from-base",
            Family::CrossLevel,
            Severity::Warning,
            "设定依据与上级目录不一致",
            "legal basis differs from the upper catalog",
            page!(BasisDiffers),
        )
    }
    fn check_catalog(&self, cx: &Ctx, out: &mut Out) {
        let Some(base) = cx.base else { return };
        let index = Index::new(base);
        for (i, item) in cx.catalog.items.iter().enumerate() {
            let Some(up) = index.by_code(item) else { continue };
            let (mine, theirs) = (laws(item), laws(up));
            if mine.is_empty() || theirs.is_empty() || mine == theirs {
                continue;
            }
            let fmt = |s: Vec<&String>| s.iter().map(|t| format!("《{t}》")).collect::<Vec<_>>().join("、");
            let missing = fmt(theirs.difference(&mine).collect());
            let extra = fmt(mine.difference(&theirs).collect());
            let at = where_upstream(base, up);
            let none = |s: &str| if s.is_empty() { "—".to_string() } else { s.to_string() };
            out.item(i, item.at(F::Basis), msg!("设定依据与上级目录（{}）不一致：上级有而本级无 {}；本级有而上级无 {}", at, none(&missing), none(&extra);
                "legal basis differs from the upper catalog ({}): missing {}; extra {}", at, none(&missing), none(&extra)))
                .help(msg!("四级四同：按上级目录的设定依据填写"; "cite what the upper catalog cites"));
        }
    }
}
