use crate::diag::Severity;
use crate::model::{FileId, Loc, Note, NoteKind, Pos};
use crate::rules::{Ctx, Family, Out, Rule, RuleMeta};
use crate::{msg, page};
use std::collections::{HashMap, HashSet};

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
/// 表格中两列读作同一字段、而在两列都填写的行中超过五分之一不同时（如“办理地点”写窗口、
/// “办公地址”写门牌），两列写的是两项信息而非一项写了两次：只在该列标题处提示一次，不逐行报告。
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
/// When two sheet columns read as one field differ on more than a fifth of the rows filling both
/// (办理地点 a counter, 办公地址 a street address), they hold two things rather than one written
/// twice: one note (info) at the column's header, no finding per row.
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
        // Sheet columns that differ on most rows they both fill hold two things, not one
        // written twice: said once at the column, not on every row.
        let apart: HashMap<(FileId, u16, u32), &Note> = cx
            .catalog
            .notes
            .iter()
            .filter_map(|n| match n.kind {
                NoteKind::TwoColumns { rows, differ, .. } if differ > 0 && differ * 5 > rows => {
                    column(n.loc).map(|k| (k, n))
                }
                _ => None,
            })
            .collect();
        let mut said = HashSet::new();
        for n in &cx.catalog.notes {
            if let NoteKind::Conflict { field, first, second } = &n.kind {
                if qualified(first, second) || qualified(second, first) {
                    continue;
                }
                if let Some(key) = column(n.loc)
                    && let Some(pair) = apart.get(&key)
                {
                    if said.insert(key) {
                        two_things(pair, out);
                    }
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

/// The file, sheet and column of a cell.
fn column(loc: Loc) -> Option<(FileId, u16, u32)> {
    match loc.pos {
        Pos::Cell { sheet, col, .. } => Some((loc.file, sheet, col)),
        _ => None,
    }
}

/// One note for a column whose values mostly differ from the earlier column of its field.
fn two_things(pair: &Note, out: &mut Out) {
    let NoteKind::TwoColumns {
        field,
        first,
        rows,
        differ,
    } = &pair.kind
    else {
        return;
    };
    let second = &pair.detail;
    let m = msg!("“{}”列也读作“{}”，但与“{}”列在两列都填写的 {} 行中有 {} 行不同，写的不是同一内容：按“{}”列检查，“{}”列原样保留、不作检查",
                 second, field, first, rows, differ, first, second;
                 "column '{}' also reads as {}, but differs from column '{}' on {} of the {} rows filling both, so they hold different things: '{}' is checked, '{}' is kept as it is, unchecked",
                 second, field, first, differ, rows, first, second);
    out.at(pair.loc, m)
        .help(msg!("如两列确应相同，统一后删除一列；如是两项不同的信息，可将“{}”列改为其他标题", second;
                   "if both columns should say the same, make them agree and delete one; if they hold different things, give '{}' another header", second))
        .severity = Severity::Info;
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
