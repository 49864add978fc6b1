use crate::diag::Severity;
use crate::model::{F, Item};
use crate::rules::{Ctx, Family, Out, Rule, RuleMeta};
use crate::{msg, page};

/// ## 检查什么
/// **到办事现场次数**不超过“最多跑一次”的上限（默认 1 次，可在 catalog.toml 中调整）。
///
/// ## 为什么
/// 《浙江省保障“最多跑一次”改革规定》：申请材料齐全、符合法定形式的，从申请到拿到结果
/// 全程只需一次上门或零上门。要跑两次以上的事项不符合改革要求，应当梳理流程、压减材料。
///
/// ## 如何修复
/// 通过网上预审、邮寄送达、并联办理把次数降到上限以内；确属法定须多次到场的，
/// 用 `lint_ignore` 写明理由。
///
/// ## 示例
/// ```yaml
/// visits: 2
/// ```
/// 改为：
/// ```yaml
/// visits: 1
/// visit_reason: 需现场核验身份并签字
/// ```
/// ---
/// ## What it does
/// Checks that the **visits required** do not exceed the "at most one visit" limit (1 by default,
/// configurable in catalog.toml).
///
/// ## Why is this bad?
/// Zhejiang's "at most one visit" regulation: with complete materials, an applicant goes to the
/// office at most once from application to result. Items needing more visits miss the reform
/// target; their process and materials should be reworked.
///
/// ## How to fix
/// Use online pre-review, postal delivery or joint handling to get within the limit; when the law
/// really requires more visits, suppress the rule with `lint_ignore` and a reason.
///
/// ## Example
/// ```yaml
/// visits: 2
/// ```
/// Use instead:
/// ```yaml
/// visits: 1
/// visit_reason: 需现场核验身份并签字
/// ```
pub struct VisitsOverLimit;

impl Rule for VisitsOverLimit {
    fn meta(&self) -> RuleMeta {
        RuleMeta::new(
            "V001",
            "visits-over-limit",
            Family::Visits,
            Severity::Warning,
            "到办事现场次数超过上限",
            "more visits than allowed",
            page!(VisitsOverLimit),
        )
    }
    fn check_item(&self, cx: &Ctx, i: usize, item: &Item, out: &mut Out) {
        let Some(v) = item.fields.int(F::Visits) else { return };
        let limit = cx.options.visit_limit;
        if v.value > limit {
            let visits = cx.field_name(v.loc, F::Visits).0;
            out.item(i, v.loc, msg!("{}为 {}，超过“最多跑{}次”的上限", visits, v.value, limit; "{} visits required; the limit is {}", v.value, limit))
                .help(msg!("通过网上预审、邮寄送达等方式减少跑动"; "use online pre-review or postal delivery to cut visits"));
        }
    }
}
