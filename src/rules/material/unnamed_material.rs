use crate::diag::Severity;
use crate::model::{F, Item};
use crate::rules::{Ctx, Family, Out, Rule, RuleMeta};
use crate::{msg, page};

/// ## 检查什么
/// 每份申请材料都要有**材料名称**。只写了来源、份数或范例而没有名称的材料会被报告。
///
/// ## 为什么
/// 没有名称的材料，群众不知道要交什么，窗口也无法据此受理；常见于从表格导入时名称列错位。
///
/// ## 如何修复
/// 补写 `name:`（材料名称），或删除这条空材料。
///
/// ## 示例
/// ```yaml
/// materials:
///   - {source: 申请人自备, copies: 1}
/// ```
/// 改为：
/// ```yaml
/// materials:
///   - {name: 食品经营许可申请书, source: 申请人自备, copies: 1}
/// ```
/// ---
/// ## What it does
/// Checks that every material has a **name**. A material with a source, copies or sample but no
/// name is reported.
///
/// ## Why is this bad?
/// Applicants cannot tell what to bring and the counter cannot accept against it; usually a
/// column slipped during a spreadsheet import.
///
/// ## How to fix
/// Add `name:` or remove the empty entry.
///
/// ## Example
/// ```yaml
/// materials:
///   - {source: 申请人自备, copies: 1}
/// ```
/// Use instead:
/// ```yaml
/// materials:
///   - {name: 食品经营许可申请书, source: 申请人自备, copies: 1}
/// ```
pub struct UnnamedMaterial;

impl Rule for UnnamedMaterial {
    fn meta(&self) -> RuleMeta {
        RuleMeta::new(
            "M003",
            "unnamed-material",
            Family::Material,
            Severity::Error,
            "申请材料没有名称",
            "material without a name",
            page!(UnnamedMaterial),
        )
    }
    fn check_item(&self, cx: &Ctx, i: usize, item: &Item, out: &mut Out) {
        for (s, m) in item.materials() {
            if m.name().is_none() {
                let sc = s.name().unwrap_or("?");
                out.item(
                    i,
                    m.loc,
                    msg!("情形“{}”中有一份材料没有名称", sc; "a material of scenario '{}' has no name", sc),
                )
                .help(cx.fill_in(m.loc, F::MaterialName));
            }
        }
    }
}
