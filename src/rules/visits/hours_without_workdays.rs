use crate::diag::Severity;
use crate::model::{F, Item};
use crate::rules::{Ctx, Family, Out, Rule, RuleMeta};
use crate::{msg, page};

/// ## 检查什么
/// **办理时间**要说明哪些日子办公：写明“工作日”（或“周一至周五”“全天”“24小时”“节假日”）
/// （温州核查规则 R11“工作时间不规范”）。只写“上午8:30-12:00”的会被报告。
///
/// ## 为什么
/// 只写钟点不写日子，群众无法判断周末、节假日能否办理，白跑一趟正是“最多跑一次”要避免的。
///
/// ## 如何修复
/// 按模板填写：“工作日，夏季：上午8:30-12:00，下午2:30-5:30；春、秋、冬季：上午8:30-12:00，下午2:00-5:00”。
///
/// ## 示例
/// ```yaml
/// hours: 上午8:30-12:00，下午2:30-5:30
/// ```
/// 改为：
/// ```yaml
/// hours: 工作日 上午8:30-12:00，下午2:30-5:30（法定节假日除外）
/// ```
/// ---
/// ## What it does
/// Checks that the **office hours** say on which days the office is open: 工作日 (or 周一至周五,
/// 全天, 24小时, 节假日) — Wenzhou check R11. Clock times alone are reported.
///
/// ## Why is this bad?
/// Without the days, applicants cannot tell whether the office opens at weekends or holidays;
/// a wasted trip is exactly what "at most one visit" is about.
///
/// ## How to fix
/// Follow the template: 工作日，夏季：上午8:30-12:00，下午2:30-5:30；春、秋、冬季：上午8:30-12:00，下午2:00-5:00.
///
/// ## Example
/// ```yaml
/// hours: 上午8:30-12:00，下午2:30-5:30
/// ```
/// Use instead:
/// ```yaml
/// hours: 工作日 上午8:30-12:00，下午2:30-5:30（法定节假日除外）
/// ```
pub struct HoursWithoutWorkdays;

const DAY_WORDS: [&str; 10] = [
    "工作日",
    "周一",
    "星期一",
    "全天",
    "24小时",
    "二十四小时",
    "节假日",
    "每天",
    "每日",
    "全年",
];

impl Rule for HoursWithoutWorkdays {
    fn meta(&self) -> RuleMeta {
        RuleMeta::new(
            "V007",
            "hours-without-workdays",
            Family::Visits,
            Severity::Warning,
            "办理时间未写明工作日",
            "office hours do not say which days",
            page!(HoursWithoutWorkdays),
        )
    }
    fn check_item(&self, _cx: &Ctx, i: usize, item: &Item, out: &mut Out) {
        let Some(h) = item.text(F::Hours) else { return };
        if !DAY_WORDS.iter().any(|w| h.contains(w)) {
            out.item(i, item.at(F::Hours), msg!("办理时间“{}”没有写明哪些日子办公", h.trim(); "office hours '{}' do not say on which days", h.trim()))
                .help(msg!("写明“工作日”，并注明法定节假日是否办公"; "say 工作日 and whether holidays are open"));
        }
    }
}
