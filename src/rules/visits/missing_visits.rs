use super::on_application;
use crate::diag::Severity;
use crate::model::{F, Item};
use crate::rules::code::item_type;
use crate::rules::{Ctx, Family, Out, Rule, RuleMeta};
use crate::{msg, page};

/// ## 检查什么
/// 依申请事项（行政许可、确认、给付、奖励、裁决、其他行政权力、公共服务）要填写
/// **到办事现场次数**（温州核查规则 R5“无到现场次数”）。处罚、强制、检查、征收等依职权事项不检查。
///
/// ## 为什么
/// 到现场次数是“最多跑一次”的核心指标，跑零次率、最多跑一次率都由它计算；
/// 不填写的事项既无法统计，也无法告诉群众要不要跑。
///
/// ## 如何修复
/// 填写 `visits:`，0 表示跑零次。
///
/// ## 示例
/// ```yaml
/// phylum: 行政许可
/// ```
/// 改为：
/// ```yaml
/// phylum: 行政许可
/// visits: 0
/// ```
/// ---
/// ## What it does
/// Checks that on-application items (licensing, confirmation, benefits, awards, rulings, other
/// powers, public services) state the **visits required** (Wenzhou check R5). Ex-officio types
/// (penalties, enforcement, inspection, levies) are not checked.
///
/// ## Why is this bad?
/// The visit count is the core "at most one visit" indicator; zero-visit and one-visit rates are
/// computed from it. Without it the item cannot be counted and applicants cannot plan.
///
/// ## How to fix
/// Add `visits:`; 0 means no visit.
///
/// ## Example
/// ```yaml
/// phylum: 行政许可
/// ```
/// Use instead:
/// ```yaml
/// phylum: 行政许可
/// visits: 0
/// ```
pub struct MissingVisits;

impl Rule for MissingVisits {
    fn meta(&self) -> RuleMeta {
        RuleMeta::new(
            "V005",
            "missing-visits",
            Family::Visits,
            Severity::Warning,
            "依申请事项未填写到办事现场次数",
            "on-application item without a visit count",
            page!(MissingVisits),
        )
    }
    fn check_item(&self, cx: &Ctx, i: usize, item: &Item, out: &mut Out) {
        let Some(ty) = item_type(cx, item) else { return };
        // A count written so that it cannot be read (多次) is there: F021 says what is wrong.
        let unreadable = item
            .extra
            .iter()
            .any(|e| crate::load::sheet::header::lookup(&e.key, None).is_some_and(|(_, d)| d.id == F::Visits));
        if on_application(ty) && !item.fields.has(F::Visits) && !unreadable {
            let at = cx.at(item, F::Visits);
            out.item(
                i,
                at,
                msg!("{}事项未填写到办事现场次数", ty; "{} item without a visit count", ty),
            )
            .help(cx.help_for(
                at,
                F::Visits,
                msg!("填写 visits:（到办事现场次数），0 表示跑零次"; "add visits: (0 = no visit)"),
            ));
        }
    }
}
