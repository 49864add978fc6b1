use crate::diag::Severity;
use crate::model::NoteKind;
use crate::rules::{Ctx, Family, Out, Rule, RuleMeta};
use crate::{msg, page};

/// ## 检查什么
/// 报告读不出正确值的单元格：没有计算结果的公式、错误值（如 `#N/A`、`#REF!`）、与字段类型
/// 不符的值（如“到办事现场次数”写成“多次”）、CSV 中以英文双引号开头却在中途闭合引号的单元格
/// （`"十三五"规划`，或一个多余的 `"` 把后面的逗号和换行都吞进了这个单元格，这一行随之错列）。
/// 这些值原样保留为附加字段，不会丢失。
///
/// ## 为什么
/// 公式在保存时没有计算，读到的就是空值；错误值和类型不符的值会让依赖这个字段的检查失效。
///
/// ## 如何修复
/// 在 Excel 中重新计算并保存（或把公式改为值）；修正错误值；按字段要求填写（次数写数字，
/// 是否写 是/否）。
///
/// ## 示例
/// ```yaml
/// 到办事现场次数: 多次
/// ```
/// 改为：
/// ```yaml
/// 到办事现场次数: 2
/// ```
/// ---
/// ## What it does
/// Reports cells whose value cannot be read as intended: formulas saved without a calculated
/// value, error values (`#N/A`, `#REF!`), and values that do not fit the field (a count written
/// as “多次”), and CSV cells that open with a double quote closed before the cell ends
/// (`"十三五"规划`, or a stray `"` that took the commas and line breaks after it into the cell,
/// shifting the row). Such values are kept as extra fields, never dropped.
///
/// ## Why is this bad?
/// An uncalculated formula reads as empty; error values and mistyped values disable the checks
/// that need the field.
///
/// ## How to fix
/// Recalculate and save in Excel (or paste values), fix the error, write the value as the field
/// expects (numbers for counts, 是/否 for yes/no).
///
/// ## Example
/// ```yaml
/// 到办事现场次数: 多次
/// ```
/// Use instead:
/// ```yaml
/// 到办事现场次数: 2
/// ```
pub struct CellProblem;

impl Rule for CellProblem {
    fn meta(&self) -> RuleMeta {
        RuleMeta::new(
            "F021",
            "unreadable-cell",
            Family::Format,
            Severity::Warning,
            "单元格的值无法正确读取",
            "cell value cannot be read as intended",
            page!(CellProblem),
        )
    }
    fn check_catalog(&self, cx: &Ctx, out: &mut Out) {
        for n in &cx.catalog.notes {
            let d = &n.detail;
            let m = match n.kind {
                NoteKind::FormulaWithoutValue => {
                    msg!("公式 {} 没有计算结果（文件保存时未计算），按空值读取", d; "formula {} has no calculated value (saved without calculating); read as empty", d)
                }
                NoteKind::CellError => msg!("单元格是错误值 {}", d; "the cell holds the error value {}", d),
                NoteKind::QuoteClosedEarly => msg!(
                    "单元格以英文双引号开头，引号却在单元格中途闭合，读作“{}”：若引号是内容，请改用中文引号“”；若这一行的内容错了列，请删去多余的引号",
                    d;
                    "the cell starts with a double quote that closes before the cell ends, read as \"{}\": if the quotes are text, use Chinese quotes “”; if this row's values moved to other columns, remove the stray quote",
                    d
                ),
                NoteKind::BadValue => {
                    msg!("值与字段类型不符：{}（已作为附加字段保留）", d; "value does not fit its field: {} (kept as an extra field)", d)
                }
                _ => continue,
            };
            out.at(n.loc, m);
        }
    }
}
