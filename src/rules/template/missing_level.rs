use crate::diag::Severity;
use crate::model::{F, Item};
use crate::rules::{Ctx, Family, Out, Rule, RuleMeta};
use crate::{msg, page};

/// ## 检查什么
/// 每个事项都要写明**事项层级**（行使层级）。
///
/// ## 为什么
/// 事项层级是五要素模板的第二项。“四级四同”要求同一事项在省、市、县、乡各级名称、类型、
/// 依据和编码一致，没有层级就无法判断事项由哪一级实施，也无法核对实施编码的层级位。
///
/// 表格另存的 CSV 不保留合并单元格：同一主项下，一个子项写了与上一行不同的值、下一行空着
/// （`A | B | 空`），可能是原表中 B 合并了这两行，也可能是漏填——CSV 无从分辨，此时报告为警告并说明。
///
/// ## 如何修复
/// 填写 `level:`，取值为 国家级、省级、市级、县级、乡镇级、村级 之一，可写多个。
///
/// ## 示例
/// ```yaml
/// - name: 食品经营许可（新办）
/// ```
/// 改为：
/// ```yaml
/// - name: 食品经营许可（新办）
///   level: 县级
/// ```
/// ---
/// ## What it does
/// Checks that every item states its **level** (事项层级 / 行使层级).
///
/// A CSV keeps no merged cells: under one 主项, a blank after a 子项 row typing a value other than
/// the row above's (`A | B | 空`) may be B merged over both rows in the workbook, or a value left
/// out; the CSV cannot tell, and the finding is a warning that says so.
///
/// ## Why is this bad?
/// The level is the second template element. Without it, nobody can tell which tier carries the
/// item out, and the level digit of the implementation code cannot be checked.
///
/// ## How to fix
/// Add `level:` with one or more of 国家级, 省级, 市级, 县级, 乡镇级, 村级.
///
/// ## Example
/// ```yaml
/// - name: 食品经营许可（新办）
/// ```
/// Use instead:
/// ```yaml
/// - name: 食品经营许可（新办）
///   level: 县级
/// ```
pub struct MissingLevel;

impl Rule for MissingLevel {
    fn meta(&self) -> RuleMeta {
        RuleMeta::new(
            "T002",
            "missing-level",
            Family::Template,
            Severity::Error,
            "事项缺少事项层级",
            "item has no level",
            page!(MissingLevel),
        )
    }
    fn check_item(&self, cx: &Ctx, i: usize, item: &Item, out: &mut Out) {
        if item.levels().iter().all(|l| l.value.trim().is_empty()) {
            let at = cx.at(item, F::Level);
            let level = cx.column_name(at, F::Level);
            let d = out
                .item(i, at, msg!("事项缺少{}", level; "the item has no level"))
                .help(cx.help_for(at, F::Level, msg!("填写 level:，如 县级"; "add level:, e.g. 县级")));
            cx.soften_if_merge_lost(d, at, F::Level);
        }
    }
}
