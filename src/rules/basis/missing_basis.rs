use crate::diag::Severity;
use crate::model::{F, Item};
use crate::rules::code::item_type;
use crate::rules::{Ctx, Family, Out, Rule, RuleMeta};
use crate::{msg, page};

/// ## 检查什么
/// 除公共服务（及便民服务）外，每个事项都要写**设定依据**。
///
/// ## 为什么
/// 行政权力必须有法律依据（“法无授权不可为”）。没有设定依据的权力事项要么是自设的，
/// 要么是漏填——前者应当取消，后者会让清单无法通过合法性审查。
///
/// 表格另存的 CSV 不保留合并单元格：同一主项下，一个子项写了与上一行不同的值、下一行空着
/// （`A | B | 空`），可能是原表中 B 合并了这两行，也可能是漏填——CSV 无从分辨，此时报告为警告并说明。
///
/// ## 如何修复
/// 在 `basis:` 中逐条写明法律、法规、规章的名称和条款。
///
/// ## 示例
/// ```yaml
/// - name: 食品经营许可（新办）
///   phylum: 行政许可
/// ```
/// 改为：
/// ```yaml
/// - name: 食品经营许可（新办）
///   phylum: 行政许可
///   basis:
///     - 《中华人民共和国食品安全法》第三十五条
/// ```
/// ---
/// ## What it does
/// Checks that every item except public services (公共服务, 便民服务) has a **legal basis**.
///
/// A CSV keeps no merged cells: under one 主项, a blank after a 子项 row typing a value other than
/// the row above's (`A | B | 空`) may be B merged over both rows in the workbook, or a value left
/// out; the CSV cannot tell, and the finding is a warning that says so.
///
/// ## Why is this bad?
/// An administrative power needs a legal basis. A power item without one was either invented
/// locally (and should be cancelled) or left blank — either way the list fails legality review.
///
/// ## How to fix
/// List the laws, regulations or rules with their articles under `basis:`.
///
/// ## Example
/// ```yaml
/// - name: 食品经营许可（新办）
///   phylum: 行政许可
/// ```
/// Use instead:
/// ```yaml
/// - name: 食品经营许可（新办）
///   phylum: 行政许可
///   basis:
///     - 《中华人民共和国食品安全法》第三十五条
/// ```
pub struct MissingBasis;

impl Rule for MissingBasis {
    fn meta(&self) -> RuleMeta {
        RuleMeta::new(
            "B001",
            "missing-basis",
            Family::Basis,
            Severity::Error,
            "事项缺少设定依据",
            "item has no legal basis",
            page!(MissingBasis),
        )
    }
    fn check_item(&self, cx: &Ctx, i: usize, item: &Item, out: &mut Out) {
        let Some(ty) = item_type(cx, item) else { return };
        if crate::rules::public_service(item) {
            return;
        }
        if item
            .fields
            .list(F::Basis)
            .iter()
            .all(|b| crate::text::trim(b.value).is_empty())
        {
            let at = cx.at(item, F::Basis);
            // Named as the sheet heads it (法律依据, 实施依据).
            let basis = cx.column_name(at, F::Basis);
            let d = out
                .item(
                    i,
                    at,
                    msg!("{}事项缺少{}", ty, basis; "{} item without a legal basis", ty),
                )
                .help(cx.help_for(
                    item.loc,
                    F::Basis,
                    msg!("在 basis:（设定依据）中写明法律法规名称和条款"; "list the laws and articles under basis:"),
                ));
            cx.soften_if_merge_lost(d, at, F::Basis);
        }
    }
}
