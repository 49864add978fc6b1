use super::days;
use crate::diag::Severity;
use crate::model::{F, Item};
use crate::rules::{Ctx, Family, Out, Rule, RuleMeta};
use crate::{msg, page};

/// ## 检查什么
/// **承诺办结时限**不得长于**法定办结时限**（温州核查规则 R1“承诺时限不能大于法定时限”）。
/// 单位不同时换算为工作日比较（自然日 × 5/7，月 × 22）；任一方为“无”或无法识别时不比较。
/// 行政许可的法定时限写作“20日”“二十天”（照抄《行政许可法》的写法）按工作日算：该法第八十二条规定
/// 实施行政许可的期限以工作日计算；写明“自然日”的仍按自然日。
///
/// ## 为什么
/// 承诺时限是对法定时限的压缩，“最多跑一次”改革要求只减不增。承诺比法定还长，
/// 说明填反了、单位写错了，或者抄错了事项。
///
/// ## 如何修复
/// 核对两个时限和单位：承诺时限应小于等于法定时限。
///
/// ## 示例
/// ```yaml
/// time_limit: {statutory: 20工作日, promised: 30工作日}
/// ```
/// 改为：
/// ```yaml
/// time_limit: {statutory: 20工作日, promised: 5工作日}
/// ```
/// ---
/// ## What it does
/// Checks that the **promised time limit** is not longer than the **statutory** one (Wenzhou
/// check R1). Different units are compared in working days (calendar days × 5/7, months × 22);
/// nothing is compared when either side is 无 or unreadable. A licence's statutory limit written
/// `20日` or `二十天` (as the Administrative Licensing Law writes it) counts in working days: its
/// article 82 counts licensing periods in working days; one written `自然日` stays calendar days.
///
/// ## Why is this bad?
/// The promise shortens the statutory limit; the reform only ever reduces it. A longer promise
/// means the two were swapped, a unit is wrong, or the value belongs to another item.
///
/// ## How to fix
/// Check both limits and their units; the promise must not exceed the statutory limit.
///
/// ## Example
/// ```yaml
/// time_limit: {statutory: 20工作日, promised: 30工作日}
/// ```
/// Use instead:
/// ```yaml
/// time_limit: {statutory: 20工作日, promised: 5工作日}
/// ```
pub struct PromisedExceedsStatutory;

impl Rule for PromisedExceedsStatutory {
    fn meta(&self) -> RuleMeta {
        RuleMeta::new(
            "L001",
            "promised-exceeds-statutory",
            Family::TimeLimit,
            Severity::Error,
            "承诺办结时限长于法定办结时限",
            "promised time limit longer than the statutory one",
            page!(PromisedExceedsStatutory),
        )
    }
    fn check_item(&self, cx: &Ctx, i: usize, item: &Item, out: &mut Out) {
        let (Some(st), Some(pr)) = (item.fields.time(F::Statutory), item.fields.time(F::Promised)) else {
            return;
        };
        // Two limits in one unit (`法定：20日/承诺：25日`) compare as written: a licence's 20日 read
        // as working days beside a promise of 25 calendar days would hide a promise plainly longer.
        let same_unit = std::mem::discriminant(&st.value.kind) == std::mem::discriminant(&pr.value.kind);
        let statutory = if same_unit {
            st.value.work_days()
        } else {
            licence_work_days(cx, item, st.value)
        };
        let (Some(s), Some(p)) = (statutory, pr.value.work_days()) else {
            return;
        };
        if p > s + 1e-9 {
            let (sr, prr) = (st.value.raw.trim(), pr.value.raw.trim());
            let (pn, pe) = cx.field_name(pr.loc, F::Promised);
            let (sn, se) = cx.field_name(st.loc, F::Statutory);
            let m = if std::mem::discriminant(&st.value.kind) == std::mem::discriminant(&pr.value.kind) {
                msg!("{}“{}”长于{}“{}”", pn, prr, sn, sr; "{} '{}' is longer than the {} '{}'", pe.to_lowercase(), prr, se.to_lowercase(), sr)
            } else {
                msg!("{}“{}”（约 {} 个工作日）长于{}“{}”（约 {} 个工作日）", pn, prr, days(p), sn, sr, days(s);
                    "{} '{}' (about {} working days) is longer than the {} '{}' (about {})", pe.to_lowercase(), prr, days(p), se.to_lowercase(), sr, days(s))
            };
            out.item(i, pr.loc, m)
                .help(msg!("承诺时限应小于等于法定时限"; "the promise must not exceed the statutory limit"));
        }
    }
}

/// A 行政许可's statutory limit in 日/天 as the law writes it is working days (行政许可法 第八十二条:
/// 实施行政许可的期限以工作日计算); 自然日 or 日历日 written out stays calendar days, and so does a bare
/// number under a header naming its unit (`法定期限（日）`: whether the office meant calendar days
/// there cannot be told from the cell).
fn licence_work_days(cx: &Ctx, item: &Item, limit: &crate::model::time_limit::TimeLimit) -> Option<f64> {
    use crate::model::time_limit::TimeKind;
    match limit.kind {
        TimeKind::NaturalDays(n)
            if crate::rules::code::item_type(cx, item) == Some("行政许可")
                && limit.raw.contains(['日', '天'])
                && !limit.raw.contains("自然日")
                && !limit.raw.contains("日历日") =>
        {
            Some(n)
        }
        _ => limit.work_days(),
    }
}
