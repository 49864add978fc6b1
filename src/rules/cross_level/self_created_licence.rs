use super::Index;
use crate::diag::Severity;
use crate::rules::code::item_type;
use crate::rules::{Ctx, Family, Out, Rule, RuleMeta};
use crate::{msg, page};

/// ## 检查什么
/// 本级清单中的**行政许可**事项必须能在上级目录中找到（按基本编码、权力基本码或名称），
/// 找不到的即“自设许可”。
///
/// ## 为什么
/// 行政许可实行清单管理：“清单之外一律不得违法实施行政许可”，县级清单不能超出市级，
/// 市级不能超出省级。上级目录里没有的许可事项，要么编码、名称写错了，要么是违法自设的。
///
/// ## 如何修复
/// 按上级目录改正编码和名称；确属上级目录遗漏的，报目录管理机构补充，否则取消该事项。
///
/// ## 示例
/// ```yaml
/// # 上级目录中没有 许可-09999-001
/// - {code: 许可-09999-001, name: 奶茶店开业审批, phylum: 行政许可}
/// ```
/// 改为：删除该事项，或改为上级目录中对应事项的编码和名称。
/// ```yaml
/// - {code: 许可-00977-001, name: 食品经营许可, phylum: 行政许可}
/// ```
/// ---
/// ## What it does
/// Checks that every **licensing** item of this list exists in the upper-level catalog (by basic
/// code, power code or name); one that does not is a self-created licence (自设).
///
/// ## Why is this bad?
/// Licences are managed by list: no licence outside the list, and a county list may not exceed the
/// city's, nor the city's the province's. A licence missing upstream is either miscoded or
/// unlawfully created.
///
/// ## How to fix
/// Correct the code and name to the upper catalog's; if upstream really omitted it, ask for it to
/// be added, otherwise cancel the item.
///
/// ## Example
/// ```yaml
/// # 许可-09999-001 is not in the upper catalog
/// - {code: 许可-09999-001, name: 奶茶店开业审批, phylum: 行政许可}
/// ```
/// Use instead: remove it, or use the upper catalog's code and name.
/// ```yaml
/// - {code: 许可-00977-001, name: 食品经营许可, phylum: 行政许可}
/// ```
pub struct SelfCreatedLicence;

impl Rule for SelfCreatedLicence {
    fn meta(&self) -> RuleMeta {
        RuleMeta::new(
            "S004",
            "self-created-licence",
            Family::CrossLevel,
            Severity::Error,
            "行政许可事项不在上级目录中（自设许可）",
            "licensing item absent from the upper catalog (self-created)",
            page!(SelfCreatedLicence),
        )
    }
    fn check_catalog(&self, cx: &Ctx, out: &mut Out) {
        let Some(base) = cx.base else { return };
        let index = Index::new(base);
        for (i, item) in cx.catalog.items.iter().enumerate() {
            if item_type(cx, item) != Some("行政许可") || index.find(item).is_some() {
                continue;
            }
            let name = item.name().unwrap_or("?");
            out.item(i, item.loc, msg!("行政许可事项“{}”在上级目录中找不到，可能是自设许可", name;
                "licensing item '{}' is not in the upper catalog: a self-created licence?", name))
                .help(msg!("按上级目录改正编码和名称，或取消该事项"; "use the upper catalog's code and name, or cancel the item"));
        }
    }
}
