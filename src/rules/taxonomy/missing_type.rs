use crate::diag::Severity;
use crate::model::{F, Item};
use crate::rules::{Ctx, Family, Out, Rule, RuleMeta};
use crate::{msg, page};

/// ## 检查什么
/// 每个事项都要有清单类别（界）和事项类型（门），可以在文件的 `defaults:` 中统一填写。
///
/// ## 为什么
/// 类型决定了一个事项适用哪些规则（例如设定依据、监管责任、编码前缀），也是清单分类导航
/// 和统计的第一层。没有类型的事项在分类树中只能挂在“未填写”下。
///
/// ## 如何修复
/// 在事项或文件的 `defaults:` 中写 `kingdom:` 和 `phylum:`。
///
/// ## 示例
/// ```yaml
/// defaults:
///   class: 市场监管
/// ```
/// 改为：
/// ```yaml
/// defaults:
///   kingdom: 行政权力
///   phylum: 行政许可
///   class: 市场监管
/// ```
/// ---
/// ## What it does
/// Checks that every item has a list kind (kingdom) and an item type (phylum); a file's
/// `defaults:` may give them for all its items.
///
/// ## Why is this bad?
/// The type decides which rules apply (basis, supervision, code prefix) and is the first level
/// of navigation and statistics.
///
/// ## How to fix
/// Set `kingdom:` and `phylum:` on the item or in the file's `defaults:`.
///
/// ## Example
/// ```yaml
/// defaults:
///   class: 市场监管
/// ```
/// Use instead:
/// ```yaml
/// defaults:
///   kingdom: 行政权力
///   phylum: 行政许可
///   class: 市场监管
/// ```
pub struct MissingType;

impl Rule for MissingType {
    fn meta(&self) -> RuleMeta {
        RuleMeta::new(
            "X006",
            "missing-type",
            Family::Taxonomy,
            Severity::Error,
            "事项缺少清单类别或事项类型",
            "item has no list kind or type",
            page!(MissingType),
        )
    }
    fn check_item(&self, cx: &Ctx, i: usize, item: &Item, out: &mut Out) {
        // A 事项类型 the taxonomy does not know is reported by X001, and the 清单类别 a sheet would
        // take from it is missing because of it: one defect, one finding.
        // Asked only of an item without a 清单类别 (most have one).
        let unknown_type = || {
            item.text(F::Phylum).is_some_and(|p| {
                cx.taxonomy
                    .rank_of_field(F::Phylum)
                    .is_some_and(|(r, rank)| rank.def.within.is_some() && cx.taxonomy.parent_of(r, p.trim()).is_none())
            })
        };
        for f in [F::Kingdom, F::Phylum] {
            if item.text(f).is_none() {
                if f == F::Kingdom && unknown_type() {
                    continue;
                }
                let at = cx.at(item, f);
                out.item(
                    i,
                    at,
                    msg!("事项缺少{}", f.zh(); "the item has no {}", f.def().en.to_lowercase()),
                )
                .help(cx.help_for(
                    at,
                    f,
                    msg!("在事项或 defaults: 中写 {}:", f.key(); "set {}: on the item or in defaults:", f.key()),
                ));
            }
        }
    }
}
