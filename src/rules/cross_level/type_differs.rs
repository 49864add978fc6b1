use super::{Index, where_upstream};
use crate::diag::Severity;
use crate::model::F;
use crate::rules::code::item_type;
use crate::rules::{Ctx, Family, Out, Rule, RuleMeta};
use crate::{msg, page};

/// ## 检查什么
/// 与上级目录共用同一编码的事项，**事项类型**必须与上级一致（四级四同）。
///
/// ## 为什么
/// 同一事项在省里是行政许可、在县里成了行政确认，适用的程序、时限和监管责任就完全不同，
/// 这类不一致往往是下级自行“改类型”规避许可清单管理。
///
/// ## 如何修复
/// 改用上级目录的事项类型；确有错误的，报上级目录管理机构修改。
///
/// ## 示例
/// ```yaml
/// # 上级：{code: 许可-00977-001, phylum: 行政许可}
/// - {code: 许可-00977-001, phylum: 行政确认}
/// ```
/// 改为：
/// ```yaml
/// - {code: 许可-00977-001, phylum: 行政许可}
/// ```
/// ---
/// ## What it does
/// Checks that an item sharing a code with the upper-level catalog has the same **item type**
/// (四级四同).
///
/// ## Why is this bad?
/// A licence upstream that becomes a confirmation locally follows different procedure, time
/// limits and supervision; such drifts often dodge licensing-list control.
///
/// ## How to fix
/// Use the upper catalog's type; if that one is wrong, ask the catalog authority to change it.
///
/// ## Example
/// ```yaml
/// # upstream: {code: 许可-00977-001, phylum: 行政许可}
/// - {code: 许可-00977-001, phylum: 行政确认}
/// ```
/// Use instead:
/// ```yaml
/// - {code: 许可-00977-001, phylum: 行政许可}
/// ```
pub struct TypeDiffers;

impl Rule for TypeDiffers {
    fn meta(&self) -> RuleMeta {
        RuleMeta::new(
            "S002",
            "type-differs-from-base",
            Family::CrossLevel,
            Severity::Error,
            "事项类型与上级目录不一致",
            "item type differs from the upper catalog",
            page!(TypeDiffers),
        )
    }
    fn check_catalog(&self, cx: &Ctx, out: &mut Out) {
        let Some(base) = cx.base else { return };
        let index = Index::new(base);
        for (i, item) in cx.catalog.items.iter().enumerate() {
            let Some(up) = index.by_code(item) else { continue };
            let (Some(ty), Some(up_ty)) = (item_type(cx, item), item_type(cx, up)) else {
                continue;
            };
            if ty != up_ty {
                let at = where_upstream(base, up);
                out.item(
                    i,
                    item.at(F::Phylum),
                    msg!("事项类型“{}”与上级目录（{}）的“{}”不一致", ty, at, up_ty;
                    "item type '{}' differs from the upper catalog's '{}' ({})", ty, up_ty, at),
                )
                .help(msg!("四级四同：改用上级目录的事项类型"; "use the upper catalog's type"));
            }
        }
    }
}
