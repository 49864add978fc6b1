use crate::diag::Severity;
use crate::model::Item;
use crate::model::taxonomy::RankField;
use crate::rules::{Ctx, Family, Out, Rule, RuleMeta};
use crate::{msg, page};

/// ## 检查什么
/// 下级分类的取值必须属于它的上级：事项类型（门）要属于所填的清单类别（界），
/// 例如“公共服务”不能出现在“行政权力”清单下，“行政许可”不能归入“公共服务”。
///
/// ## 为什么
/// 行政权力和公共服务的管理要求不同（如设定依据、监管责任），放错清单会让检查和统计都出错。
///
/// ## 如何修复
/// 改正清单类别或事项类型，使二者一致；各类别包含哪些类型见分类文件的 `within`。
///
/// ## 示例
/// ```yaml
/// kingdom: 公共服务
/// phylum: 行政许可
/// ```
/// 改为：
/// ```yaml
/// kingdom: 行政权力
/// phylum: 行政许可
/// ```
/// ---
/// ## What it does
/// Checks that a rank's value belongs to the value of the rank above: an item type (phylum) must
/// belong to its list kind (kingdom).
///
/// ## Why is this bad?
/// Powers and public services are managed differently (basis, supervision); an item in the wrong
/// list is checked and counted wrongly.
///
/// ## How to fix
/// Make the kingdom and the type agree; the taxonomy file's `within` says which types each holds.
///
/// ## Example
/// ```yaml
/// kingdom: 公共服务
/// phylum: 行政许可
/// ```
/// Use instead:
/// ```yaml
/// kingdom: 行政权力
/// phylum: 行政许可
/// ```
pub struct TypeOutsideKingdom;

impl Rule for TypeOutsideKingdom {
    fn meta(&self) -> RuleMeta {
        RuleMeta::new(
            "X002",
            "type-outside-kingdom",
            Family::Taxonomy,
            Severity::Error,
            "事项类型不属于所在清单类别",
            "type does not belong to its list kind",
            page!(TypeOutsideKingdom),
        )
    }
    fn check_item(&self, cx: &Ctx, i: usize, item: &Item, out: &mut Out) {
        let tax = cx.taxonomy;
        for (r, rank) in tax.ranks.iter().enumerate().skip(1) {
            let (RankField::Item(f), Some(within)) = (rank.field, &rank.def.within) else {
                continue;
            };
            let (Some(value), Some(parent)) = (tax.value(r, item), tax.value(r - 1, item)) else {
                continue;
            };
            let Some(allowed) = within.get(crate::text::trim(parent)) else {
                continue;
            };
            let value = rank.def.canonical(value).unwrap_or(value);
            if allowed.iter().any(|v| v == crate::text::trim(value)) {
                continue;
            }
            if let Some(owner) = tax.parent_of(r, crate::text::trim(value)) {
                let above = &tax.ranks[r - 1].def;
                out.item(
                    i,
                    item.at(f),
                    msg!("{}“{}”属于{}“{}”，不属于“{}”", rank.def.label, value, above.label, owner, parent;
                    "{} '{}' belongs to {} '{}', not '{}'", rank.def.id, value, above.id, owner, parent),
                );
            }
        }
    }
}
