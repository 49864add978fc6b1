use super::{dept_key, duty_department, supervision_loc};
use crate::diag::Severity;
use crate::model::{F, Item};
use crate::rules::code::item_type;
use crate::rules::{Ctx, Family, Out, Rule, RuleMeta};
use crate::{msg, page};

/// ## 检查什么
/// **谁审批、谁监管**：行政许可事项写了监管责任时，实施主体（审批部门）必须在监管部门之中。
///
/// ## 为什么
/// “谁审批、谁监管，谁主管、谁监管”是事中事后监管的基本原则：依法享有审批权的机关
/// 对其审批的事项进行监管。审批部门不在监管名单里，审批与监管脱节，出了问题无人负责。
///
/// ## 如何修复
/// 把实施主体加入 `supervision:`；实行相对集中许可的（审批服务局审批、主管部门监管），
/// 在备注中说明并用 `lint_ignore` 忽略本规则。
///
/// ## 示例
/// ```yaml
/// department: 区市场监督管理局
/// supervision:
///   - {department: 区综合行政执法局, share: 100}
/// ```
/// 改为：
/// ```yaml
/// department: 区市场监督管理局
/// supervision:
///   - {department: 区市场监督管理局, share: 70}
///   - {department: 区综合行政执法局, share: 30}
/// ```
/// ---
/// ## What it does
/// "Who approves, supervises": when a licensing item lists supervision duties, its department
/// (the approver) must be one of the supervising departments.
///
/// ## Why is this bad?
/// The authority that grants a licence supervises it afterwards. An approver missing from the
/// supervision list separates approval from supervision and leaves nobody accountable.
///
/// ## How to fix
/// Add the department to `supervision:`; under centralized licensing (an approval bureau grants,
/// the competent department supervises) say so in the remarks and suppress this rule.
///
/// ## Example
/// ```yaml
/// department: 区市场监督管理局
/// supervision:
///   - {department: 区综合行政执法局, share: 100}
/// ```
/// Use instead:
/// ```yaml
/// department: 区市场监督管理局
/// supervision:
///   - {department: 区市场监督管理局, share: 70}
///   - {department: 区综合行政执法局, share: 30}
/// ```
pub struct ApproverNotSupervising;

impl Rule for ApproverNotSupervising {
    fn meta(&self) -> RuleMeta {
        RuleMeta::new(
            "D002",
            "approver-not-supervising",
            Family::Duty,
            Severity::Warning,
            "审批部门不在监管部门之中（谁审批谁监管）",
            "the approving department does not supervise (who approves, supervises)",
            page!(ApproverNotSupervising),
        )
    }
    fn check_item(&self, cx: &Ctx, i: usize, item: &Item, out: &mut Out) {
        if item_type(cx, item) != Some("行政许可") || item.supervision.is_empty() {
            return;
        }
        let Some(dept) = item.text(F::Department) else { return };
        let key = dept_key(dept);
        let mut named = item.supervision.iter().filter_map(duty_department).peekable();
        // Duties that name no department (a 责任事项 column beside the power) are the
        // approving department's own.
        if named.peek().is_some() && !named.any(|d| dept_key(d) == key) {
            let at = supervision_loc(item);
            out.item(i, at, msg!("审批部门“{}”不在监管责任部门之中", dept.trim(); "the approving department '{}' is not among the supervising departments", dept.trim()))
                .help(cx.help_for(
                    at,
                    F::DutyDepartment,
                    msg!("谁审批、谁监管：把实施主体加入 supervision:"; "who approves, supervises: add the department to supervision:"),
                ));
        }
    }
}
