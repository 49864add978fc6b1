use crate::diag::Severity;
use crate::model::{F, Item};
use crate::rules::{Ctx, Family, Out, Rule, RuleMeta};
use crate::{msg, page};

/// ## 检查什么
/// 每个办事情形至少列出一份**申请材料**。表格的申请材料一格写明“无”“无需提交材料”
/// （rules/none-entries.yaml）的，是说不需要材料，不算漏填；其中行政许可、行政确认由 M005 报告。
///
/// ## 为什么
/// 材料清单是办事指南中群众最关心的部分；一个情形不列材料，群众就不知道要带什么，
/// 只能多跑一次去问。确实不需要任何材料的情形，也应写明“无需提交材料”的依据（用受理要点说明）。
///
/// ## 如何修复
/// 在情形下写 `materials:`，每份材料写名称、来源、形式、份数和材料范例。
///
/// ## 示例
/// ```yaml
/// - name: 仅销售预包装食品
///   acceptance_points: [经营场所与经营项目相适应]
/// ```
/// 改为：
/// ```yaml
/// - name: 仅销售预包装食品
///   acceptance_points: [经营场所与经营项目相适应]
///   materials:
///     - {name: 食品经营许可申请书, source: 申请人自备, sample: samples/申请书-样表.pdf}
/// ```
/// ---
/// ## What it does
/// Checks that every scenario lists at least one **material** (申请材料). A sheet's 申请材料
/// cell saying 无 or 无需提交材料 (rules/none-entries.yaml) states that none are needed and is no
/// gap; for a licence or confirmation M005 reports it.
///
/// ## Why is this bad?
/// The material list is what applicants need most; a scenario without one sends them back to
/// ask — one more visit.
///
/// ## How to fix
/// Add `materials:` with name, source, form, copies and a sample for each.
///
/// ## Example
/// ```yaml
/// - name: 仅销售预包装食品
///   acceptance_points: [经营场所与经营项目相适应]
/// ```
/// Use instead:
/// ```yaml
/// - name: 仅销售预包装食品
///   acceptance_points: [经营场所与经营项目相适应]
///   materials:
///     - {name: 食品经营许可申请书, source: 申请人自备, sample: samples/申请书-样表.pdf}
/// ```
pub struct NoMaterial;

impl Rule for NoMaterial {
    fn meta(&self) -> RuleMeta {
        RuleMeta::new(
            "T006",
            "no-material",
            Family::Template,
            Severity::Error,
            "办事情形没有申请材料",
            "scenario has no material",
            page!(NoMaterial),
        )
    }
    fn check_item(&self, cx: &Ctx, i: usize, item: &Item, out: &mut Out) {
        for s in &item.scenarios {
            // 申请材料 written 无: none needed (a licence's or confirmation's is M005's).
            if s.materials.is_empty() && !cx.said_none(s.loc, F::MaterialName) {
                let (loc, message) = super::scenario_lacks(
                    cx,
                    item,
                    s,
                    F::MaterialName,
                    |name| msg!("办事情形“{}”没有申请材料", name; "scenario '{}' lists no material", name),
                );
                out.item(i, loc, message).help(cx.help_for(
                    loc,
                    F::MaterialName,
                    msg!("在该情形下写 materials:"; "add materials: to the scenario"),
                ));
            }
        }
    }
}
