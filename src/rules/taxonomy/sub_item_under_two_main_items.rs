use crate::diag::Severity;
use crate::model::F;
use crate::rules::{Ctx, Family, Out, Rule, RuleMeta};
use crate::{msg, page};
use foldhash::HashMap;

/// ## 检查什么
/// 同一个子项（科）只能属于一个主项（目）。
///
/// ## 为什么
/// 主项 → 子项 → 业务办理项是一棵树。同名子项挂在两个主项下，说明拆分口径不一：要么主项
/// 写错，要么子项应当改名区分。比对、统计和“四级四同”都会因此对不上。
///
/// ## 如何修复
/// 核对这些事项的主项，统一为同一个；确属不同子项的，改用能区分的名称。
///
/// ## 示例
/// ```yaml
/// - {main_item: 食品经营许可, sub_item: 食品经营许可（餐饮）}
/// - {main_item: 食品生产许可, sub_item: 食品经营许可（餐饮）}
/// ```
/// 改为：
/// ```yaml
/// - {main_item: 食品经营许可, sub_item: 食品经营许可（餐饮）}
/// - {main_item: 食品经营许可, sub_item: 食品经营许可（餐饮）}
/// ```
/// ---
/// ## What it does
/// Checks that a sub-item (family) sits under one main item (order) only.
///
/// ## Why is this bad?
/// Main item → sub-item → item is a tree. The same sub-item under two main items means the list
/// was split inconsistently, and comparisons across tiers will not line up.
///
/// ## How to fix
/// Give these items the same main item, or rename the sub-items so they differ.
///
/// ## Example
/// ```yaml
/// - {main_item: 食品经营许可, sub_item: 食品经营许可（餐饮）}
/// - {main_item: 食品生产许可, sub_item: 食品经营许可（餐饮）}
/// ```
/// Use instead:
/// ```yaml
/// - {main_item: 食品经营许可, sub_item: 食品经营许可（餐饮）}
/// - {main_item: 食品经营许可, sub_item: 食品经营许可（餐饮）}
/// ```
pub struct SubItemUnderTwoMainItems;

impl Rule for SubItemUnderTwoMainItems {
    fn meta(&self) -> RuleMeta {
        RuleMeta::new(
            "X003",
            "sub-item-under-two-main-items",
            Family::Taxonomy,
            Severity::Error,
            "同一子项出现在两个主项下",
            "sub-item under two main items",
            page!(SubItemUnderTwoMainItems),
        )
    }
    fn check_catalog(&self, cx: &Ctx, out: &mut Out) {
        // sub-item → (first main item, first item index)
        let mut first: HashMap<&str, (&str, usize)> = HashMap::default();
        for (i, item) in cx.catalog.items.iter().enumerate() {
            let (Some(sub), Some(main)) = (item.text(F::SubItem), item.main_item()) else {
                continue;
            };
            match first.get(sub.trim()) {
                None => {
                    first.insert(sub.trim(), (main.trim(), i));
                }
                Some((m, j)) if *m != main.trim() => {
                    let other = cx.catalog.items[*j].code().unwrap_or("?");
                    // At the 子项's own cell: a 主项 cell is merged over many rows.
                    out.item(
                        i,
                        item.at(F::SubItem),
                        msg!("子项“{}”在事项 {} 中属于主项“{}”，这里却属于“{}”", sub, other, m, main;
                        "sub-item '{}' belongs to main item '{}' in {}, but to '{}' here", sub, m, other, main),
                    );
                }
                Some(_) => {}
            }
        }
    }
}
