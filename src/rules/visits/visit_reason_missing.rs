use super::reason;
use crate::diag::Severity;
use crate::model::{F, Item};
use crate::rules::{Ctx, Family, Out, Rule, RuleMeta};
use crate::{msg, page};

/// ## 检查什么
/// 到办事现场次数大于 0 的事项，必须填写**必须现场办理原因说明**，且不能是“无”
/// “无需到现场办理”之类（温州核查规则 R5“需要跑现场无说明”）。
///
/// 只跑一次也要写：“最多跑一次”允许跑一次，但它说的是次数的上限，不免去说明；R5 的条件是
/// 次数不为 0，事项要素“必须现场办理原因说明”（limit_scene_explain）在到现场次数大于 0 时必填
/// （domain.md §3.3 R5 与术语表）。表格里没有这一列时，这条规则不适用（F023 说明一次），不会每项报错。
///
/// ## 为什么
/// 要求群众到现场是例外，必须说明法定理由（如现场核验身份、签字确认、现场勘查）。
/// 没有理由的到现场要求，往往可以改为网办或邮寄。
///
/// ## 如何修复
/// 写明必须到现场的具体原因；没有理由的，把次数改为 0 并开通网办。
///
/// ## 示例
/// ```yaml
/// visits: 1
/// ```
/// 改为：
/// ```yaml
/// visits: 1
/// visit_reason: 需现场核验申请人身份并当场签署承诺书
/// ```
/// ---
/// ## What it does
/// Checks that an item requiring one or more visits explains why (**reason for on-site visits**),
/// and that the reason is not 无 or 无需到现场办理 (Wenzhou check R5).
///
/// One visit needs a reason too: 最多跑一次 ("at most one visit") caps the count, it does not
/// waive the explanation; R5 asks for it whenever the count is not 0, and the item element
/// 必须现场办理原因说明 (limit_scene_explain) is mandatory when visits > 0 (domain.md §3.3 R5 and the glossary).
/// A sheet without that column is not checked (F023 says so once), not reported item by item.
///
/// ## Why is this bad?
/// Making people come in is the exception and needs a legal reason (identity check, signature,
/// site inspection). Visits without a reason can usually go online or by post.
///
/// ## How to fix
/// State the concrete reason; if there is none, set visits to 0 and offer online handling.
///
/// ## Example
/// ```yaml
/// visits: 1
/// ```
/// Use instead:
/// ```yaml
/// visits: 1
/// visit_reason: 需现场核验申请人身份并当场签署承诺书
/// ```
pub struct VisitReasonMissing;

impl Rule for VisitReasonMissing {
    fn meta(&self) -> RuleMeta {
        RuleMeta::new(
            "V002",
            "visit-reason-missing",
            Family::Visits,
            Severity::Error,
            "需到现场但没有说明原因",
            "on-site visits without a reason",
            page!(VisitReasonMissing),
        )
    }
    fn check_item(&self, cx: &Ctx, i: usize, item: &Item, out: &mut Out) {
        let Some(v) = item.fields.int(F::Visits) else { return };
        if v.value > 0 && reason(item).is_none() {
            let at = item.fields.loc(F::VisitReason).unwrap_or(v.loc);
            let (visits, reason_name) = (cx.field_name(v.loc, F::Visits).0, cx.field_name(at, F::VisitReason).0);
            out.item(i, at, msg!("{}为 {}，但没有填写{}", visits, v.value, reason_name; "{} visit(s) required but no reason is given", v.value))
                .help(cx.fill_in(at, F::VisitReason));
        }
    }
}
