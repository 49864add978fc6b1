use super::{Index, name_key, where_upstream};
use crate::diag::Severity;
use crate::model::F;
use crate::rules::{Ctx, Family, Out, Rule, RuleMeta};
use crate::{msg, page};

/// ## 检查什么
/// 与上级目录（`catalog.base` 或 `--base`）共用同一基本编码或权力基本码的事项，**事项名称**
/// 必须与上级一致（四级四同：名称、类型、依据、编码相同）。
///
/// ## 为什么
/// 《行政许可事项清单》要求“事项名称、设定依据全省统一，下级清单不得变更”。同一编码换了名称，
/// 群众在省、市、县三级网站上看到三个名字，跨层级统计和“一网通办”也对不上。
///
/// ## 如何修复
/// 改用上级目录中的事项名称。
///
/// ## 示例
/// ```yaml
/// # 上级：{code: 许可-00977-001, name: 食品经营许可}
/// - {code: 许可-00977-001, name: 食品经营许可证核发}
/// ```
/// 改为：
/// ```yaml
/// - {code: 许可-00977-001, name: 食品经营许可}
/// ```
/// ---
/// ## What it does
/// Checks that an item sharing a basic code or power code with the upper-level catalog
/// (`catalog.base` or `--base`) has the same **name** (四级四同: same name, type, basis and code
/// at every level).
///
/// ## Why is this bad?
/// Licensing lists require names and legal bases to be uniform province-wide; lower lists may not
/// change them. One code with three names confuses applicants and breaks cross-level counts.
///
/// ## How to fix
/// Use the upper catalog's name.
///
/// ## Example
/// ```yaml
/// # upstream: {code: 许可-00977-001, name: 食品经营许可}
/// - {code: 许可-00977-001, name: 食品经营许可证核发}
/// ```
/// Use instead:
/// ```yaml
/// - {code: 许可-00977-001, name: 食品经营许可}
/// ```
pub struct NameDiffers;

impl Rule for NameDiffers {
    fn meta(&self) -> RuleMeta {
        RuleMeta::new(
            "S001",
            "name-differs-from-base",
            Family::CrossLevel,
            Severity::Error,
            "事项名称与上级目录不一致",
            "item name differs from the upper catalog",
            page!(NameDiffers),
        )
    }
    fn check_catalog(&self, cx: &Ctx, out: &mut Out) {
        let Some(base) = cx.base else { return };
        let index = Index::new(base);
        for (i, item) in cx.catalog.items.iter().enumerate() {
            let (Some(up), Some(name)) = (index.by_code(item), item.name()) else {
                continue;
            };
            let Some(up_name) = up.name() else { continue };
            if name_key(name) != name_key(up_name) {
                let at = where_upstream(base, up);
                out.item(
                    i,
                    item.at(F::Name),
                    msg!("事项名称“{}”与上级目录（{}）的“{}”不一致", name.trim(), at, up_name.trim();
                    "name '{}' differs from the upper catalog's '{}' ({})", name.trim(), up_name.trim(), at),
                )
                .help(msg!("四级四同：改用上级目录的名称"; "use the upper catalog's name"));
            }
        }
    }
}
