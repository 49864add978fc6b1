use crate::diag::Severity;
use crate::model::{F, Item, TimeKind};
use crate::rules::visits::on_application;
use crate::rules::{Ctx, Family, Out, Rule, RuleMeta};
use crate::{msg, page};

/// ## 检查什么
/// 依申请事项（行政许可、确认、给付、奖励、裁决、其他行政权力、公共服务）的**承诺办结时限**
/// 写成了“无”“无时限”等，等于没有承诺。法定时限写“无”可以是法律本身未规定，不在此报告——
/// 行政许可除外：《行政许可法》第四十二条规定，除当场作出决定的外，行政许可的法定期限为二十日
/// （法律、法规另有规定的从其规定），行政许可事项的法定时限写“无”是漏填。
/// 公共服务、便民服务事项只在有人申请时检查（列了申请材料或要到现场）：信息查询、名单公布、
/// 展览等没有人提出申请的服务，谈不上办结时限。
///
/// ## 为什么
/// 承诺时限是“最多跑一次”改革对群众的承诺，也是减时限、承诺时限压缩比的计算基础。
/// 依申请事项写“无”，群众不知道要等多久，统计时这个事项也被悄悄排除在外。
///
/// ## 如何修复
/// 写出具体的承诺时限（如 5工作日），当场办结的写“即办”。
///
/// ## 示例
/// ```yaml
/// phylum: 行政许可
/// time_limit: {statutory: 20工作日, promised: 无}
/// ```
/// 改为：
/// ```yaml
/// phylum: 行政许可
/// time_limit: {statutory: 20工作日, promised: 5工作日}
/// ```
/// ---
/// ## What it does
/// Reports an on-application item (licence, confirmation, benefit, award, ruling, other power,
/// public service) whose **promised time limit** is written 无 ("none"): no promise at all. A
/// statutory limit of 无 may simply mean the law sets none and is not reported — except on a
/// licence (行政许可): the Administrative Licensing Law (art. 42) gives every licence not decided
/// on the spot twenty days unless a law or regulation sets another period, so a licence's
/// statutory limit of 无 is a limit left out. A public
/// service counts only when someone applies for it (it lists materials or needs a visit): a
/// query, a published list or an exhibition has no time to finish.
///
/// ## Why is this bad?
/// The promised limit is the reform's promise to applicants and the basis of the 减时限 metrics;
/// "none" leaves applicants guessing and silently drops the item from the statistics.
///
/// ## How to fix
/// Write the promised limit (e.g. 5工作日), or 即办 for items settled on the spot.
///
/// ## Example
/// ```yaml
/// phylum: 行政许可
/// time_limit: {statutory: 20工作日, promised: 无}
/// ```
/// Use instead:
/// ```yaml
/// phylum: 行政许可
/// time_limit: {statutory: 20工作日, promised: 5工作日}
/// ```
pub struct NoPromisedLimit;

impl Rule for NoPromisedLimit {
    fn meta(&self) -> RuleMeta {
        RuleMeta::new(
            "L006",
            "no-promised-limit",
            Family::TimeLimit,
            Severity::Warning,
            "依申请事项的承诺办结时限（或行政许可的法定时限）写成“无”",
            "on-application item promises no time limit (or a licence states none)",
            page!(NoPromisedLimit),
        )
    }
    fn check_item(&self, cx: &Ctx, i: usize, item: &Item, out: &mut Out) {
        let Some(kind) = crate::rules::code::item_type(cx, item) else {
            return;
        };
        if !on_application(kind) {
            return;
        }
        // A public service nobody applies for (a published list, a query, an exhibition) has no
        // time to finish: only one with materials or a visit is an application.
        let service = matches!(kind, "公共服务" | "便民服务");
        let applied = item.materials().next().is_some() || item.fields.int(F::Visits).is_some_and(|v| v.value > 0);
        if service && !applied {
            return;
        }
        if kind == "行政许可"
            && let Some(st) = item.fields.time(F::Statutory)
            && st.value.kind == TimeKind::NoLimit
        {
            let raw = crate::text::trim(&st.value.raw);
            let (zh, en) = cx.field_name(st.loc, F::Statutory);
            out.item(
                i,
                st.loc,
                msg!("行政许可事项的{}写成了“{}”：《行政许可法》第四十二条规定了行政许可的期限", zh, raw;
                    "a licence gives no {} ('{}'): the Administrative Licensing Law (art. 42) sets one for every licence", en, raw),
            )
            .help(msg!("写出法律、法规规定的办理期限；没有另行规定的为二十日，当场作出决定的写“即办”";
                "state the period the law sets: twenty days unless a law or regulation says otherwise, 即办 for decisions on the spot"));
        }
        let Some(pr) = item.fields.time(F::Promised) else {
            return;
        };
        if pr.value.kind == TimeKind::NoLimit {
            let raw = crate::text::trim(&pr.value.raw);
            let (zh, en) = cx.field_name(pr.loc, F::Promised);
            out.item(i, pr.loc, msg!("{}事项的{}写成了“{}”", kind, zh, raw; "a {} item gives no {} ('{}')", kind, en, raw))
                .help(msg!("写出具体的承诺时限，当场办结的写“即办”"; "state the promised limit, or 即办 for on-the-spot items"));
        }
    }
}
