use crate::diag::Severity;
use crate::model::{F, Item, TimeKind};
use crate::rules::{Ctx, Family, Out, Rule, RuleMeta};
use crate::{msg, page};

/// ## 检查什么
/// **办件类型**与承诺办结时限一致（温州核查规则 R2/R3“办结时间和办件类型不对应”）：
/// 承诺“即办”的应为**即办件**；承诺若干天的应为**承诺件**。未填办件类型或承诺时限为“无”时不检查。
///
/// ## 为什么
/// 即办件当场办结，承诺件在承诺期限内办结，窗口排班、好差评和时限监察都按办件类型计算。
/// 两者矛盾时，群众看到的指南前后不一，监察也会误报超期。
///
/// ## 如何修复
/// 按实际办理方式改正办件类型或承诺时限。
///
/// ## 示例
/// ```yaml
/// time_limit: {promised: 即办}
/// project_type: 承诺件
/// ```
/// 改为：
/// ```yaml
/// time_limit: {promised: 即办}
/// project_type: 即办件
/// ```
/// ---
/// ## What it does
/// Checks that the **case type** (办件类型) agrees with the promised time limit (Wenzhou checks
/// R2/R3): a promise of 即办 means 即办件, a promise of some days means 承诺件. Nothing is checked
/// without a case type or when the promise is 无.
///
/// ## Why is this bad?
/// 即办件 are settled on the spot, 承诺件 within the promise; staffing, ratings and deadline
/// supervision all count by case type. A contradiction confuses applicants and triggers false
/// overdue alarms.
///
/// ## How to fix
/// Correct the case type or the promised limit to how the item is really handled.
///
/// ## Example
/// ```yaml
/// time_limit: {promised: 即办}
/// project_type: 承诺件
/// ```
/// Use instead:
/// ```yaml
/// time_limit: {promised: 即办}
/// project_type: 即办件
/// ```
pub struct ProjectTypeMismatch;

impl Rule for ProjectTypeMismatch {
    fn meta(&self) -> RuleMeta {
        RuleMeta::new(
            "L002",
            "project-type-mismatch",
            Family::TimeLimit,
            Severity::Error,
            "办件类型与承诺办结时限不对应",
            "case type disagrees with the promised time limit",
            page!(ProjectTypeMismatch),
        )
    }
    fn check_item(&self, cx: &Ctx, i: usize, item: &Item, out: &mut Out) {
        let Some((ty, loc)) = item.fields.text_at(F::ProjectType) else {
            return;
        };
        let ty = ty.trim();
        let Some(pr) = item.fields.time(F::Promised) else {
            return;
        };
        let want = match pr.value.kind {
            TimeKind::Immediate => "即办件",
            TimeKind::NoLimit | TimeKind::Unparsed => return,
            _ => "承诺件",
        };
        let is = match ty {
            "即办件" | "即办" | "1" => "即办件",
            "承诺件" | "承诺" | "2" => "承诺件",
            _ => return,
        };
        if is != want {
            let raw = pr.value.raw.trim();
            let (promised, kind) = (
                cx.field_name(pr.loc, F::Promised).0,
                cx.field_name(loc, F::ProjectType).0,
            );
            out.item(
                i,
                loc,
                msg!("{}是“{}”，{}应为{}，实为{}", promised, raw, kind, want, ty;
                "the promised limit is '{}' so the case type should be {}, not {}", raw, want, ty),
            )
            .help(msg!("即办 ⇒ 即办件；N 个工作日 ⇒ 承诺件"; "即办 ⇒ 即办件; N working days ⇒ 承诺件"));
        }
    }
}
