use crate::diag::Severity;
use crate::model::{F, Item};
use crate::rules::{Ctx, Family, Out, Rule, RuleMeta};
use crate::{msg, page};

/// ## 检查什么
/// 网上办理深度为**全程网办**（Ⅳ级）的事项，到办事现场次数必须为 0
/// （温州核查规则 R7“网办深度四级不应跑现场”）。
///
/// ## 为什么
/// 全程网办的含义就是申请、受理、办理、送达全部在网上完成。标了全程网办又要求到现场，
/// 两者必有一假，网办率统计也因此失真。
///
/// ## 如何修复
/// 确实全程网办的，把次数改为 0；需要到现场的，如实降低网办深度。
///
/// ## 示例
/// ```yaml
/// online_depth: 全程网办（Ⅳ级）
/// visits: 1
/// ```
/// 改为：
/// ```yaml
/// online_depth: 全程网办（Ⅳ级）
/// visits: 0
/// ```
/// ---
/// ## What it does
/// Checks that an item handled **fully online** (网办深度 Ⅳ, 全程网办) requires no visit
/// (Wenzhou check R7).
///
/// ## Why is this bad?
/// Fully online means application, acceptance, handling and delivery all happen online. Claiming
/// it while requiring a visit makes one of the two false and skews the online-rate figures.
///
/// ## How to fix
/// Set visits to 0 when it really is fully online; otherwise lower the online depth.
///
/// ## Example
/// ```yaml
/// online_depth: 全程网办（Ⅳ级）
/// visits: 1
/// ```
/// Use instead:
/// ```yaml
/// online_depth: 全程网办（Ⅳ级）
/// visits: 0
/// ```
pub struct OnlineItemNeedsVisit;

/// 全程网办 as written in real lists: the words, or level Ⅳ (Roman, Arabic or Chinese).
pub fn fully_online(depth: &str) -> bool {
    let d: String = depth.chars().filter(|c| !c.is_whitespace()).collect();
    d.contains("全程网办") || d.contains("Ⅳ级") || d.contains("IV级") || d.contains("四级") || d == "4" || d == "Ⅳ"
}

impl Rule for OnlineItemNeedsVisit {
    fn meta(&self) -> RuleMeta {
        RuleMeta::new(
            "V004",
            "online-item-needs-visit",
            Family::Visits,
            Severity::Error,
            "全程网办事项仍要求到现场",
            "fully online item requires a visit",
            page!(OnlineItemNeedsVisit),
        )
    }
    fn check_item(&self, _cx: &Ctx, i: usize, item: &Item, out: &mut Out) {
        let Some(depth) = item.text(F::OnlineDepth) else { return };
        let Some(v) = item.fields.int(F::Visits) else { return };
        if v.value > 0 && fully_online(depth) {
            out.item(
                i,
                v.loc,
                msg!("网上办理深度是“{}”，到办事现场次数应为 0，实为 {}", depth.trim(), v.value;
                "online depth is '{}' so visits must be 0, not {}", depth.trim(), v.value),
            )
            .help(msg!("全程网办 ⇒ 跑零次"; "fully online ⇒ zero visits"));
        }
    }
}
