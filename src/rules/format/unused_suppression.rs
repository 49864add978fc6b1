use crate::diag::Severity;
use crate::page;
use crate::rules::{Family, Rule, RuleMeta};

/// ## 检查什么
/// 事项上的忽略规则（`lint_ignore` / `忽略规则`）已经不再屏蔽任何问题：被忽略的规则在这个事项上
/// 没有报告，或者规则代码不存在。本规则在其他规则运行之后、按忽略规则过滤时得出结果。
///
/// ## 为什么
/// 问题修好以后留下的忽略规则会悄悄屏蔽将来的新问题；写错代码的忽略规则则什么也没屏蔽，
/// 让人误以为问题已经处理。
///
/// ## 如何修复
/// 删去这条忽略规则；代码写错的，改为正确的规则代码（`catalog rules` 列出全部规则）。
///
/// ## 示例
/// ```yaml
/// - name: 食品经营许可（新办）
///   lint_ignore:
///     - {rule: W004, reason: 沿用上级目录名称}   # 已没有 W004 问题
/// ```
/// 改为：
/// ```yaml
/// - name: 食品经营许可（新办）
/// ```
/// ---
/// ## What it does
/// Reports a suppression on an item (`lint_ignore` / `忽略规则`) that no longer hides anything: the
/// rule reports nothing on that item, or the code names no rule. It is computed after the other
/// rules, when suppressions are applied.
///
/// ## Why is this bad?
/// A stale suppression silently hides the next real problem; a misspelt one hides nothing while
/// looking like the problem was dealt with.
///
/// ## How to fix
/// Delete the suppression, or correct the rule code (`catalog rules` lists them).
///
/// ## Example
/// ```yaml
/// - name: 食品经营许可（新办）
///   lint_ignore:
///     - {rule: W004, reason: 沿用上级目录名称}   # W004 no longer fires here
/// ```
/// Use instead:
/// ```yaml
/// - name: 食品经营许可（新办）
/// ```
pub struct UnusedSuppression;

impl Rule for UnusedSuppression {
    fn meta(&self) -> RuleMeta {
        RuleMeta::new(
            "F002",
            "unused-suppression",
            Family::Format,
            Severity::Warning,
            "忽略规则没有屏蔽任何问题",
            "suppression that hides nothing",
            page!(UnusedSuppression),
        )
    }
}

/// ## 检查什么
/// 事项上的忽略规则没有写原因（`reason` / `原因`）。
///
/// ## 为什么
/// 忽略一条规则是一个决定，审核人和接手的人需要知道为什么：是依据特殊、上级目录如此，
/// 还是暂时没改。没有原因的忽略无法复核。
///
/// ## 如何修复
/// 写成 `{rule: 代码, reason: 原因}` 的形式。
///
/// ## 示例
/// ```yaml
/// lint_ignore: [W004]
/// ```
/// 改为：
/// ```yaml
/// lint_ignore:
///   - {rule: W004, reason: 法规原文写作“其它”，引用时保持原文}
/// ```
/// ---
/// ## What it does
/// Reports a suppression on an item that gives no reason (`reason` / `原因`).
///
/// ## Why is this bad?
/// Ignoring a rule is a decision; reviewers and successors need to know why, or it cannot be
/// re-examined.
///
/// ## How to fix
/// Write it as `{rule: CODE, reason: why}`.
///
/// ## Example
/// ```yaml
/// lint_ignore: [W004]
/// ```
/// Use instead:
/// ```yaml
/// lint_ignore:
///   - {rule: W004, reason: the law's own text says 其它}
/// ```
pub struct SuppressionWithoutReason;

impl Rule for SuppressionWithoutReason {
    fn meta(&self) -> RuleMeta {
        RuleMeta::new(
            "F003",
            "suppression-without-reason",
            Family::Format,
            Severity::Warning,
            "忽略规则没有写原因",
            "suppression without a reason",
            page!(SuppressionWithoutReason),
        )
    }
}
