use crate::diag::Severity;
use crate::model::{F, Item};
use crate::rules::{Ctx, Family, Out, Rule, RuleMeta};
use crate::{msg, page};

/// ## 检查什么
/// **办理地点**要精确到窗口、室、专区或房间号（温州核查规则 R12“办理地址不精确”）：
/// 某一段（按括号、逗号分开）含“窗”“室”“专区”“中台”“房间”“柜台”，或以数字、“处”“科”“股”“房”结尾。
/// 开头重复的“办理地点：”不算在内。写“无”“无线下办理窗口”的：不用到现场的不报告，要到现场
/// 的（到现场次数大于 0）报告为矛盾。
///
/// ## 为什么
/// 只写到大楼，群众进了市民中心还要四处打听；“最多跑一次”要求一次找对地方。
///
/// ## 如何修复
/// 写到具体窗口或房间，如“鹿城区市民中心二楼 B 区 12 号窗口”。
///
/// ## 示例
/// ```yaml
/// place: 温州市鹿城区市民中心
/// ```
/// 改为：
/// ```yaml
/// place: 温州市鹿城区市民中心（二楼市场监管窗口 12）
/// ```
/// ---
/// ## What it does
/// Checks that the **place** is precise down to a window, room or counter (Wenzhou check R12): a
/// segment (split at brackets and commas) mentions 窗, 室, 专区, 中台, 房间 or 柜台, or ends in a
/// digit or in 处, 科, 股, 房.
/// A leading 办理地点： label is skipped. A place of 无 or 无线下办理窗口 ("no counter") is fine
/// when no visit is needed, and a contradiction when one is (visits > 0).
///
/// ## Why is this bad?
/// An address that stops at the building leaves applicants asking around inside; one visit means
/// finding the right window the first time.
///
/// ## How to fix
/// Name the window or room, e.g. 鹿城区市民中心二楼 B 区 12 号窗口.
///
/// ## Example
/// ```yaml
/// place: 温州市鹿城区市民中心
/// ```
/// Use instead:
/// ```yaml
/// place: 温州市鹿城区市民中心（二楼市场监管窗口 12）
/// ```
pub struct ImpreciseAddress;

/// A place that says there is none (“无”, “无线下办理窗口”): no window to name, and a
/// contradiction when the applicant must come.
/// (Prefixes; 无 itself is compared whole: 无锡市 is a place.)
const NO_COUNTER: [&str; 4] = ["无线下", "无办理窗口", "不设窗口", "无需到现场"];

const SPOT_WORDS: [&str; 7] = ["窗", "室", "专区", "中台", "房间", "柜台", "服务台"];

/// Whether an address names a window, room or office.
pub fn precise(addr: &str) -> bool {
    addr.split(['（', '）', '(', ')', '，', ',', '；', ';', '、'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .any(|seg| {
            SPOT_WORDS.iter().any(|w| seg.contains(w))
                || seg.ends_with(|c: char| {
                    c.is_ascii_digit() || ('０'..='９').contains(&c) || matches!(c, '处' | '科' | '股' | '房')
                })
        })
}

impl Rule for ImpreciseAddress {
    fn meta(&self) -> RuleMeta {
        RuleMeta::new(
            "V008",
            "imprecise-address",
            Family::Visits,
            Severity::Warning,
            "办理地点不精确，或要到现场却没有办理地点",
            "place is not precise, or none though a visit is needed",
            page!(ImpreciseAddress),
        )
    }
    fn check_item(&self, cx: &Ctx, i: usize, item: &Item, out: &mut Out) {
        let Some(raw) = item.text(F::Place) else { return };
        // The field's name only for a finding (most places have none).
        let name = || cx.field_name(item.at(F::Place), F::Place);
        // The value often repeats its label (`办理地点：…`): judge what follows it.
        let p = raw
            .trim()
            .trim_start_matches("办理地点")
            .trim_start_matches(['：', ':'])
            .trim();
        let bare = p.trim_end_matches('。');
        if bare.is_empty() || bare == "无" || NO_COUNTER.iter().any(|w| bare.starts_with(w)) {
            // No place at all is only a problem when the applicant must go there.
            if item.fields.int(F::Visits).is_some_and(|v| v.value > 0) {
                let (zh, en) = name();
                out.item(i, item.at(F::Place), msg!("要到现场办理，但{}写的是“{}”", zh, raw.trim(); "the applicant must visit, but the {} is '{}'", en, raw.trim()))
                    .help(msg!("写出办理地点，精确到窗口或房间"; "give the place, down to the window or room"));
            }
            return;
        }
        if !precise(p) {
            let (zh, en) = name();
            out.item(
                i,
                item.at(F::Place),
                msg!("{}“{}”没有精确到窗口或房间", zh, p; "{} '{}' does not name a window or room", en, p),
            )
            .help(msg!("写到具体窗口、室或专区"; "name the window, room or counter"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::precise;
    #[test]
    fn addresses() {
        assert!(precise("广州市越秀区东风中路305号5号楼808房间"));
        assert!(precise("鹿城区市民中心（二楼 B 区 12）"));
        assert!(precise("区市场监管局行政许可科"));
        assert!(precise("广州市越秀区解放南路155号（综合窗）"));
        assert!(precise("广东省广州市白云区政民路51号1516房"));
        assert!(!precise("温州市鹿城区市民中心"));
        assert!(!precise("广州市天河路13号润粤大厦4楼"));
        assert!(!precise("广州市越秀区东风中路305号"));
    }
}
