use crate::diag::Severity;
use crate::model::{F, Item};
use crate::rules::{Ctx, Family, Out, Rule, RuleMeta};
use crate::{msg, page};

/// ## 检查什么
/// 每个事项都要有**事项名称**（业务办理项名称）。
///
/// ## 为什么
/// 事项名称是“事项名称 + 事项层级 + 办事情形 + 受理要点 + 材料范例”五要素模板的第一项，
/// 群众在办事指南里先看到的就是它；没有名称的事项无法检索、无法比对，也无法发布。
///
/// ## 如何修复
/// 填写 `name:`（或 `事项名称:`），写成“主项 +（新办/变更/延续/注销）”的形式。
///
/// ## 示例
/// ```yaml
/// - code: "许可-00977-001-01"
///   level: 县级
/// ```
/// 改为：
/// ```yaml
/// - code: "许可-00977-001-01"
///   name: 食品经营许可（新办）
///   level: 县级
/// ```
/// ---
/// ## What it does
/// Checks that every item has a **name** (事项名称).
///
/// ## Why is this bad?
/// The name is the first of the five template elements (name + level + scenarios + acceptance
/// points + sample materials). An item without one cannot be searched, compared or published.
///
/// ## How to fix
/// Add `name:` (or `事项名称:`), e.g. the main item plus the case (新办/变更/延续/注销).
///
/// ## Example
/// ```yaml
/// - code: "许可-00977-001-01"
///   level: 县级
/// ```
/// Use instead:
/// ```yaml
/// - code: "许可-00977-001-01"
///   name: 食品经营许可（新办）
///   level: 县级
/// ```
pub struct MissingName;

impl Rule for MissingName {
    fn meta(&self) -> RuleMeta {
        RuleMeta::new(
            "T001",
            "missing-name",
            Family::Template,
            Severity::Error,
            "事项缺少名称",
            "item has no name",
            page!(MissingName),
        )
    }
    fn check_item(&self, cx: &Ctx, i: usize, item: &Item, out: &mut Out) {
        if item.name().is_none() {
            out.item(
                i,
                cx.at(item, F::Name),
                msg!("事项缺少事项名称"; "the item has no name"),
            )
            .help(msg!("填写 name:（事项名称）"; "add name: (事项名称)"));
        }
    }
}
