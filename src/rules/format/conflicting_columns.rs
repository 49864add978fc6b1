use crate::diag::Severity;
use crate::model::NoteKind;
use crate::rules::{Ctx, Family, Out, Rule, RuleMeta};
use crate::{msg, page};

/// ## 检查什么
/// 同一个字段在来源中出现两次（两列或两个键，如“事项名称”和“权力名称”，或导出数据的
/// `TASK_NAME` 与 `matter_name`），而两处的值不同。第一处作为该字段，第二处作为附加字段保留。
///
/// ## 为什么
/// 同一事项在两处写了不同的名称、时限或层级，申请人和审核人不知道以哪个为准；通常是一处
/// 改了而另一处忘了改。
///
/// ## 如何修复
/// 核对两处的值，统一为正确的一个；不需要的列删除。
///
/// ## 示例
/// ```yaml
/// 事项名称: 中小学地方课程教材初审
/// 权力名称: 中小学地方课程教材初审、审定、复查
/// ```
/// 改为：
/// ```yaml
/// 事项名称: 中小学地方课程教材初审
/// ```
/// ---
/// ## What it does
/// Reports a field given twice in a source (two columns or keys, e.g. 事项名称 and 权力名称, or
/// `TASK_NAME` and `matter_name` in an export) with different values. The first is the field; the
/// second is kept as an extra.
///
/// ## Why is this bad?
/// Two names, time limits or levels for one item leave applicants and reviewers guessing;
/// usually one place was updated and the other forgotten.
///
/// ## How to fix
/// Decide which value is right, write it once, and delete the redundant column.
///
/// ## Example
/// ```yaml
/// 事项名称: 中小学地方课程教材初审
/// 权力名称: 中小学地方课程教材初审、审定、复查
/// ```
/// Use instead:
/// ```yaml
/// 事项名称: 中小学地方课程教材初审
/// ```
pub struct ConflictingColumns;

impl Rule for ConflictingColumns {
    fn meta(&self) -> RuleMeta {
        RuleMeta::new(
            "F022",
            "conflicting-columns",
            Family::Format,
            Severity::Warning,
            "同一字段的两处来源值不同",
            "a field given twice with different values",
            page!(ConflictingColumns),
        )
    }
    fn check_catalog(&self, cx: &Ctx, out: &mut Out) {
        for n in &cx.catalog.notes {
            if let NoteKind::Conflict { field, first, second } = &n.kind {
                if qualified(first, second) || qualified(second, first) {
                    continue;
                }
                let col = &n.detail;
                let m = msg!("{}写了两处且不同：“{}” 与 {} 的 “{}”", field, first, col, second;
                             "{} is given twice with different values: '{}' and '{}' in {}", field, first, second, col);
                match cx.item_at(n.loc) {
                    Some(i) => out.item(i, n.loc, m),
                    None => out.at(n.loc, m),
                };
            }
        }
    }
}

/// `long` is `short` plus a bracketed qualifier at its end: a portal's 办理项 name written after
/// its 事项 name (`律师执业证书注销审核(律师执业证书注销)` beside `律师执业证书注销审核`) is
/// the portal's design, not two versions of one value.
fn qualified(long: &str, short: &str) -> bool {
    let Some(rest) = long.strip_prefix(short) else {
        return false;
    };
    let rest = rest.trim();
    let open = rest.starts_with(['(', '（']);
    let close = rest.ends_with([')', '）']);
    !short.is_empty() && open && close
}
