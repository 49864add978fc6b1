use super::days;
use crate::diag::Severity;
use crate::model::{F, Item};
use crate::rules::{Ctx, Family, Out, Rule, RuleMeta};
use crate::{msg, page};

/// ## 检查什么
/// **办理流程**各环节的时限之和不得超过承诺办结时限（温州核查规则 R16“表格流程时间之和不等于
/// 承诺期限”）。环节名称含“不计入”“不含”“不包含”的（如专家评审、公示）不计入合计。
/// 环节天数按承诺时限的单位计：承诺写自然日的，环节也按自然日。
///
/// ## 为什么
/// 流程表是承诺时限的分解。各环节加起来比承诺还长，承诺就不可能兑现，
/// 或者流程表是从别的事项抄来的。
///
/// ## 如何修复
/// 压缩环节时限，或改正承诺时限，使合计不超过承诺。
///
/// ## 示例
/// ```yaml
/// time_limit: {promised: 3工作日}
/// process:
///   - {step: 受理, days: 1}
///   - {step: 审查, days: 3}
///   - {step: 决定, days: 1}
/// ```
/// 改为：
/// ```yaml
/// time_limit: {promised: 5工作日}
/// process:
///   - {step: 受理, days: 1}
///   - {step: 审查, days: 3}
///   - {step: 决定, days: 1}
/// ```
/// ---
/// ## What it does
/// Checks that the days of the **process** steps add up to no more than the promised time limit
/// (Wenzhou check R16). Steps whose name says they are not counted (不计入, 不含, 不包含 — expert
/// review, publication) are left out of the sum. Step days count in the promise's unit: when the
/// promise is in calendar days (自然日), so are the steps.
///
/// ## Why is this bad?
/// The process table breaks the promise down. Steps longer than the promise mean the promise
/// cannot be kept, or the table was copied from another item.
///
/// ## How to fix
/// Shorten the steps or correct the promise so the sum fits.
///
/// ## Example
/// ```yaml
/// time_limit: {promised: 3工作日}
/// process:
///   - {step: 受理, days: 1}
///   - {step: 审查, days: 3}
///   - {step: 决定, days: 1}
/// ```
/// Use instead:
/// ```yaml
/// time_limit: {promised: 5工作日}
/// process:
///   - {step: 受理, days: 1}
///   - {step: 审查, days: 3}
///   - {step: 决定, days: 1}
/// ```
pub struct ProcessDaysExceedPromised;

impl Rule for ProcessDaysExceedPromised {
    fn meta(&self) -> RuleMeta {
        RuleMeta::new(
            "L004",
            "process-days-exceed-promised",
            Family::TimeLimit,
            Severity::Error,
            "办理流程各环节时限之和超过承诺办结时限",
            "process steps take longer than the promised time limit",
            page!(ProcessDaysExceedPromised),
        )
    }
    fn check_item(&self, _cx: &Ctx, i: usize, item: &Item, out: &mut Out) {
        let Some(pr) = item.fields.time(F::Promised) else {
            return;
        };
        // Steps are counted in the promise's own unit: a list that promises 90自然日 writes its
        // step days as calendar days too.
        let (limit, unit_zh, unit_en) = match pr.value.kind {
            crate::model::TimeKind::NaturalDays(n) => (n, "自然日", "calendar days"),
            _ => match pr.value.work_days() {
                Some(w) => (w, "工作日", "working days"),
                None => return,
            },
        };
        let counted =
            |name: Option<&str>| !name.is_some_and(|n| ["不计入", "不含", "不包含"].iter().any(|k| n.contains(k)));
        let sum: f64 = item
            .process
            .iter()
            .filter(|s| counted(s.fields.text(F::StepName)))
            .filter_map(|s| s.fields.num(F::StepDays).map(|d| d.value))
            .sum();
        if sum > limit + 1e-9 {
            let at = item.lists_loc.process.unwrap_or(item.loc);
            let raw = pr.value.raw.trim();
            out.item(
                i,
                at,
                msg!("办理流程各环节合计 {} 个{}，超过承诺办结时限“{}”", days(sum), unit_zh, raw;
                "the process steps add up to {} {}, more than the promised '{}'", days(sum), unit_en, raw),
            )
            .help(msg!("压缩环节时限或改正承诺时限"; "shorten the steps or correct the promise"));
        }
    }
}
