use crate::diag::Severity;
use crate::model::{F, Item, TimeKind};
use crate::rules::{Ctx, Family, Out, Rule, RuleMeta};
use crate::{msg, page};

/// ## 检查什么
/// 法定、承诺办结时限应写成可识别的形式：`N工作日`、`N自然日`（或 N日、N天）、`N个月`、
/// `N小时`、`即办`、`无`。写成“尽快办理”“视情况而定”“受理后及时办结”的会被报告。
/// 承诺时限按法定时限写（`法定时限的50%`、`比法定时限压缩50%`、`按法定时限办理`）：办公表格按
/// 可识别的法定时限算出天数，不报告；法定时限空缺或无法识别时说明算不出来；YAML 中写的给出算出的天数。
///
/// ## 为什么
/// 时限是群众最关心的要素之一，也是即办率、时限压缩比等指标的来源。无法识别的时限既不能比较
/// （承诺是否短于法定），也不能统计，还常常掩盖了“没有承诺”。
///
/// ## 如何修复
/// 写明天数和单位；确实没有时限的写“无”。说明文字放到备注。
///
/// ## 示例
/// ```yaml
/// time_limit: {statutory: 20工作日, promised: 尽快办理}
/// ```
/// 改为：
/// ```yaml
/// time_limit: {statutory: 20工作日, promised: 5工作日}
/// ```
/// ---
/// ## What it does
/// Checks that the statutory and promised time limits are written in a readable form: `N工作日`,
/// `N自然日` (or N日, N天), `N个月`, `N小时`, `即办` or `无`. Text such as 尽快办理 is reported.
/// A promise written against the statutory limit (`法定时限的50%`, `比法定时限压缩50%`) is read
/// in office sheets as that share of a readable statutory limit; against none, the finding says
/// it cannot be computed; in YAML it gives the days it comes to.
///
/// ## Why is this bad?
/// Time limits are what applicants care about most, and they feed indicators such as the
/// on-the-spot rate. An unreadable limit cannot be compared or counted, and often hides the
/// absence of any promise.
///
/// ## How to fix
/// Write a number of days with a unit; write 无 when there really is no limit. Put explanations
/// in the remarks.
///
/// ## Example
/// ```yaml
/// time_limit: {statutory: 20工作日, promised: 尽快办理}
/// ```
/// Use instead:
/// ```yaml
/// time_limit: {statutory: 20工作日, promised: 5工作日}
/// ```
pub struct UnparsedTimeLimit;

impl Rule for UnparsedTimeLimit {
    fn meta(&self) -> RuleMeta {
        RuleMeta::new(
            "L003",
            "unparsed-time-limit",
            Family::TimeLimit,
            Severity::Warning,
            "办结时限无法识别",
            "time limit cannot be read",
            page!(UnparsedTimeLimit),
        )
    }
    fn check_item(&self, cx: &Ctx, i: usize, item: &Item, out: &mut Out) {
        for f in [F::Statutory, F::Promised] {
            let Some(t) = item.fields.time(f) else { continue };
            if t.value.kind == TimeKind::Unparsed {
                let (zh, en) = cx.field_name(t.loc, f);
                // Written against the statutory limit (法定时限的50%): readable, but only as far
                // as the statutory limit is.
                if f == F::Promised && crate::model::relative_limit::share(&t.value.raw).is_some() {
                    let raw = t.value.raw.trim();
                    let (szh, sen) = cx.field_name(item.at(F::Statutory), F::Statutory);
                    match item.fields.time(F::Statutory).and_then(|s| crate::model::relative_limit::against(raw, s.value)) {
                        Some(c) => out.item(i, t.loc, msg!("{}“{}”按{}算出来是{}，请直接写出", zh, raw, szh, c.raw; "{} '{}' comes to {} by the {}; write that", en.to_lowercase(), raw, c.raw, sen.to_lowercase()))
                            .help(msg!("写成 N工作日，可在括号中保留原来的说法"; "write N工作日, keeping the wording in brackets")),
                        None => out.item(i, t.loc, msg!("{}“{}”是按{}写的，但{}没有可计算的天数，算不出来", zh, raw, szh, szh; "{} '{}' is a share of the {}, which gives no length to compute it from", en.to_lowercase(), raw, sen.to_lowercase()))
                            .help(msg!("填写{}，或直接写出承诺的天数", szh; "fill in the {} or write the promised days", sen.to_lowercase())),
                    };
                    continue;
                }
                out.item(i, t.loc, msg!("{}“{}”无法识别", zh, t.value.raw.trim(); "{} '{}' cannot be read", en.to_lowercase(), t.value.raw.trim()))
                    .help(msg!("写成 N工作日、N自然日、即办 或 无"; "write N工作日, N自然日, 即办 or 无"));
            }
        }
    }
}
