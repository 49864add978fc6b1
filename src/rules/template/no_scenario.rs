use crate::diag::Severity;
use crate::model::{F, Item};
use crate::rules::{Ctx, Family, Out, Rule, RuleMeta};
use crate::{msg, page};

/// ## 检查什么
/// 每个事项至少有一个**办事情形**。
///
/// ## 为什么
/// 办事情形是五要素模板的第三项（分类中的“种”）。群众按自己的情形找到要交的材料和受理
/// 要点；没有情形，就没有材料清单，办事指南无从写起。
///
/// ## 如何修复
/// 在 `scenarios:` 下至少写一个情形，情形下写受理要点和申请材料。只有一种情形时，写一个
/// 以事项名称命名的情形。
///
/// ## 示例
/// ```yaml
/// - name: 食品经营许可（新办）
///   level: 县级
/// ```
/// 改为：
/// ```yaml
/// - name: 食品经营许可（新办）
///   level: 县级
///   scenarios:
///     - name: 仅销售预包装食品
///       acceptance_points: [经营场所与经营项目相适应]
///       materials:
///         - {name: 食品经营许可申请书, sample: samples/申请书-样表.pdf}
/// ```
/// ---
/// ## What it does
/// Checks that every item has at least one **scenario** (办事情形).
///
/// ## Why is this bad?
/// Scenarios are the third template element (the "species" rank). Applicants find their
/// materials and acceptance points through their scenario; without one there is no guide.
///
/// ## How to fix
/// Add at least one entry under `scenarios:` with its acceptance points and materials.
///
/// ## Example
/// ```yaml
/// - name: 食品经营许可（新办）
///   level: 县级
/// ```
/// Use instead:
/// ```yaml
/// - name: 食品经营许可（新办）
///   level: 县级
///   scenarios:
///     - name: 仅销售预包装食品
///       acceptance_points: [经营场所与经营项目相适应]
///       materials:
///         - {name: 食品经营许可申请书, sample: samples/申请书-样表.pdf}
/// ```
pub struct NoScenario;

impl Rule for NoScenario {
    fn meta(&self) -> RuleMeta {
        RuleMeta::new(
            "T004",
            "no-scenario",
            Family::Template,
            Severity::Error,
            "事项没有办事情形",
            "item has no scenario",
            page!(NoScenario),
        )
    }
    fn check_item(&self, cx: &Ctx, i: usize, item: &Item, out: &mut Out) {
        if item.scenarios.is_empty() {
            let loc = item.lists_loc.scenarios.unwrap_or(item.loc);
            out.item(i, loc, msg!("事项没有办事情形"; "the item has no scenario"))
                .help(cx.help_for(
                    item.loc,
                    F::ScenarioName,
                    msg!("在 scenarios: 下至少写一个办事情形"; "add at least one entry under scenarios:"),
                ));
        }
    }
}
