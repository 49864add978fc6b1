use super::reason;
use crate::diag::Severity;
use crate::model::{F, Item};
use crate::rules::{Ctx, Family, Out, Rule, RuleMeta};
use crate::{msg, page};

/// ## 检查什么
/// 到办事现场次数为 0（跑零次）的事项不应再写必须现场办理原因说明
/// （温州核查规则 R6“跑零次事项不应有到现场办理原因说明”）。“无”、留空不算。
///
/// ## 为什么
/// 两个字段互相矛盾：群众看指南时不知道到底要不要去现场。常见原因是改了次数忘了删原因。
///
/// ## 如何修复
/// 确实零跑动的，删除原因说明；确需到现场的，改正次数。
///
/// ## 示例
/// ```yaml
/// visits: 0
/// visit_reason: 需现场核验原件
/// ```
/// 改为：
/// ```yaml
/// visits: 0
/// ```
/// ---
/// ## What it does
/// Checks that an item requiring no visit (visits: 0) carries no reason for on-site visits
/// (Wenzhou check R6). 无 or an empty value is fine.
///
/// ## Why is this bad?
/// The two fields contradict each other and applicants cannot tell whether to go in. Usually the
/// count was changed and the reason forgotten.
///
/// ## How to fix
/// Remove the reason when no visit is needed; otherwise correct the count.
///
/// ## Example
/// ```yaml
/// visits: 0
/// visit_reason: 需现场核验原件
/// ```
/// Use instead:
/// ```yaml
/// visits: 0
/// ```
pub struct ZeroVisitWithReason;

impl Rule for ZeroVisitWithReason {
    fn meta(&self) -> RuleMeta {
        RuleMeta::new(
            "V003",
            "zero-visit-with-reason",
            Family::Visits,
            Severity::Warning,
            "跑零次事项写了到现场原因",
            "zero visits but an on-site reason",
            page!(ZeroVisitWithReason),
        )
    }
    fn check_item(&self, cx: &Ctx, i: usize, item: &Item, out: &mut Out) {
        let Some(v) = item.fields.int(F::Visits) else { return };
        if v.value == 0
            && let Some(r) = reason(item)
        {
            let visits = cx.field_name(v.loc, F::Visits).0;
            out.item(i, item.at(F::VisitReason), msg!("{}为 0，却写了现场办理原因“{}”", visits, r; "no visit required, yet an on-site reason is given: '{}'", r))
                .help(msg!("删除原因说明，或改正到现场次数"; "remove the reason or correct the visit count"));
        }
    }
}
