use crate::diag::Severity;
use crate::model::Item;
use crate::model::fields::F;
use crate::rules::{Ctx, Family, Out, Rule, RuleMeta};
use crate::{msg, page};

/// ## 检查什么
/// 每个办事情形至少有一条**受理要点**。公共服务事项在表格的受理条件一格写明“无”
/// （rules/none-entries.yaml）的，是说没有另设条件，不报告；行政权力事项依设定依据规定的条件办理，
/// 写“无”仍报告。
///
/// ## 为什么
/// 受理要点告诉窗口人员审什么、告诉群众要满足什么，是五要素模板的第四项。没有受理要点，
/// 同一事项在不同窗口就会有不同的受理尺度。
///
/// ## 如何修复
/// 在情形下写 `acceptance_points:`，每条一句话；容易出错的要点标 `error_prone: true` 并写 `fix:`。
///
/// ## 示例
/// ```yaml
/// - name: 仅销售预包装食品
///   materials: [...]
/// ```
/// 改为：
/// ```yaml
/// - name: 仅销售预包装食品
///   acceptance_points:
///     - point: 经营场所与经营项目相适应
///       error_prone: true
///       fix: 平面图上标注各功能区面积
///   materials: [...]
/// ```
/// ---
/// ## What it does
/// Checks that every scenario has at least one **acceptance point** (受理要点).
/// A public service whose 受理条件 cell in a sheet says 无 (rules/none-entries.yaml) sets no
/// conditions of its own and is not reported; an administrative power is exercised on the
/// conditions its basis sets, so 无 there is still reported.
///
/// ## Why is this bad?
/// Acceptance points tell staff what to check and applicants what to meet — the fourth template
/// element. Without them, windows apply different standards to the same item.
///
/// ## How to fix
/// Add `acceptance_points:` under the scenario; mark error-prone ones with `error_prone: true`
/// and a `fix:`.
///
/// ## Example
/// ```yaml
/// - name: 仅销售预包装食品
///   materials: [...]
/// ```
/// Use instead:
/// ```yaml
/// - name: 仅销售预包装食品
///   acceptance_points:
///     - point: 经营场所与经营项目相适应
///   materials: [...]
/// ```
pub struct NoAcceptancePoint;

impl Rule for NoAcceptancePoint {
    fn meta(&self) -> RuleMeta {
        RuleMeta::new(
            "T005",
            "no-acceptance-point",
            Family::Template,
            Severity::Error,
            "办事情形没有受理要点",
            "scenario has no acceptance point",
            page!(NoAcceptancePoint),
        )
    }
    fn check_item(&self, cx: &Ctx, i: usize, item: &Item, out: &mut Out) {
        // A public service may set no conditions of its own and say so (受理条件 无); an
        // administrative power is exercised on the conditions its basis sets.
        let service = crate::rules::public_service(item);
        for s in &item.scenarios {
            if s.acceptance_points.is_empty() && !(service && cx.said_none(s.loc, F::PointText)) {
                let (loc, message) = super::scenario_lacks(
                    cx,
                    item,
                    s,
                    F::PointText,
                    |name| msg!("办事情形“{}”没有受理要点", name; "scenario '{}' has no acceptance point", name),
                );
                out.item(i, loc, message).help(cx.help_for(
                    loc,
                    F::PointText,
                    msg!("在该情形下写 acceptance_points:"; "add acceptance_points: to the scenario"),
                ));
            }
        }
    }
}
