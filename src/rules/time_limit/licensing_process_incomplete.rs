use crate::diag::Severity;
use crate::model::{F, Item};
use crate::rules::code::item_type;
use crate::rules::{Ctx, Family, Out, Rule, RuleMeta};
use crate::{msg, page};

/// ## 检查什么
/// 行政许可事项的**办理流程**要列出受理、审查（审核）、决定（审批）、送达（办结）各环节
/// （温州核查规则 R15“办理流程不是表格形式”、环节不全）。写了流程但缺环节、或根本没写流程都会报告。
///
/// ## 为什么
/// 《行政许可法》规定了受理—审查—决定—送达的法定程序，责任清单的受理责任、审查责任、
/// 决定责任、送达责任也按这些环节划分。流程缺环节，办事指南就说不清楚“谁在哪一步办”。
///
/// ## 如何修复
/// 在 `process:` 中按顺序写出各环节及其时限。
///
/// ## 示例
/// ```yaml
/// phylum: 行政许可
/// process:
///   - {step: 受理, days: 0}
///   - {step: 决定, days: 2}
/// ```
/// 改为：
/// ```yaml
/// phylum: 行政许可
/// process:
///   - {step: 受理, days: 0}
///   - {step: 审查, days: 2}
///   - {step: 决定, days: 1}
///   - {step: 送达, days: 1}
/// ```
/// ---
/// ## What it does
/// Checks that the **process** of an administrative licensing item lists the acceptance,
/// review, decision and delivery steps (受理, 审查/审核, 决定/审批, 送达/办结) — Wenzhou check R15.
/// A process with a missing step and a missing process are both reported.
///
/// ## Why is this bad?
/// The Administrative Licensing Law prescribes accept → review → decide → deliver, and the
/// responsibility list assigns duties by these steps. Without them the guide cannot say who acts
/// at which step.
///
/// ## How to fix
/// List every step with its days under `process:`.
///
/// ## Example
/// ```yaml
/// phylum: 行政许可
/// process:
///   - {step: 受理, days: 0}
///   - {step: 决定, days: 2}
/// ```
/// Use instead:
/// ```yaml
/// phylum: 行政许可
/// process:
///   - {step: 受理, days: 0}
///   - {step: 审查, days: 2}
///   - {step: 决定, days: 1}
///   - {step: 送达, days: 1}
/// ```
pub struct LicensingProcessIncomplete;

/// The steps a licensing process needs, each with the words that name it.
const STEPS: [(&str, &str, &[&str]); 4] = [
    ("受理", "acceptance", &["受理", "收件"]),
    (
        "审查",
        "review",
        &["审查", "审核", "核查", "核准", "审验", "勘查", "现场核查"],
    ),
    ("决定", "decision", &["决定", "审批", "批准", "审定", "签发"]),
    ("送达", "delivery", &["送达", "办结", "发证", "制证", "领证", "出证"]),
];

impl Rule for LicensingProcessIncomplete {
    fn meta(&self) -> RuleMeta {
        RuleMeta::new(
            "L005",
            "licensing-process-incomplete",
            Family::TimeLimit,
            Severity::Warning,
            "行政许可事项的办理流程缺少环节",
            "licensing process misses a step",
            page!(LicensingProcessIncomplete),
        )
    }
    fn check_item(&self, cx: &Ctx, i: usize, item: &Item, out: &mut Out) {
        if item_type(cx, item) != Some("行政许可") {
            return;
        }
        if item.process.is_empty() {
            out.item(
                i,
                item.lists_loc.process.unwrap_or(item.loc),
                msg!("行政许可事项没有办理流程"; "the licensing item has no process"),
            )
            .help(cx.help_for(
                item.loc,
                F::StepName,
                msg!("在 process: 中写出 受理、审查、决定、送达 各环节"; "list 受理, 审查, 决定, 送达 under process:"),
            ));
            return;
        }
        let names: Vec<&str> = item.process.iter().filter_map(|s| s.fields.text(F::StepName)).collect();
        let missing: Vec<(&str, &str)> = STEPS
            .iter()
            .filter(|(_, _, words)| !names.iter().any(|n| words.iter().any(|w| n.contains(w))))
            .map(|(zh, en, _)| (*zh, *en))
            .collect();
        if !missing.is_empty() {
            let zh: Vec<&str> = missing.iter().map(|m| m.0).collect();
            let en: Vec<&str> = missing.iter().map(|m| m.1).collect();
            out.item(i, item.lists_loc.process.unwrap_or(item.loc), msg!("办理流程缺少环节：{}", zh.join("、"); "the process lacks: {}", en.join(", ")))
                .help(msg!("行政许可流程：受理 → 审查 → 决定 → 送达"; "licensing process: accept → review → decide → deliver"));
        }
    }
}
