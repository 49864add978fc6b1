use crate::diag::Severity;
use crate::model::NoteKind;
use crate::rules::{Ctx, Family, Out, Rule, RuleMeta};
use crate::{msg, page};

/// ## 检查什么
/// 报告表格文件中看不见或没有读入的部分：隐藏的工作表（已读入）、空工作表、找不到表头行
/// 而没有读入的工作表，表头没有事项名称或编码列、不列事项的工作表（汇总、下拉选项），以及
/// 模板留下的填写示例工作表（填写示例、样例）。
///
/// ## 为什么
/// 隐藏的工作表里的事项同样会被发布和比对，审核时却容易漏看；没有表头的工作表里的内容
/// 不会被检查。两者都应让维护清单的人知道。
///
/// ## 如何修复
/// 取消隐藏并确认内容；不需要的工作表删除；需要读入的工作表补上表头行（如 事项名称、
/// 事项编码），或用 `--profile` 指定各列的含义。
///
/// ## 示例
/// ```yaml
/// # 鹿城.xlsx 中的工作表“旧版”被隐藏，其中的 12 个事项也被读入
/// ```
/// 改为：
/// ```yaml
/// # 删除或取消隐藏“旧版”工作表
/// ```
/// ---
/// ## What it does
/// Reports the parts of a workbook that are not visible or were not read: hidden sheets (read),
/// empty sheets, sheets skipped because no header row was found, sheets whose header names
/// no column an item is known by (a summary of counts, a list of drop-down values), and a
/// template's example sheet left in the workbook (填写示例, 样例).
///
/// ## Why is this bad?
/// Items on a hidden sheet are published and compared like the others but easily missed in a
/// review; a sheet without a header is not checked at all.
///
/// ## How to fix
/// Unhide and review, delete sheets you do not need, or give a sheet a header row (事项名称,
/// 事项编码 …) or a `--profile` naming its columns.
///
/// ## Example
/// ```yaml
/// # sheet “旧版” of 鹿城.xlsx is hidden; its 12 items were read
/// ```
/// Use instead:
/// ```yaml
/// # delete or unhide the sheet “旧版”
/// ```
pub struct HiddenContent;

impl Rule for HiddenContent {
    fn meta(&self) -> RuleMeta {
        RuleMeta::new(
            "F020",
            "hidden-or-skipped-sheet",
            Family::Format,
            Severity::Info,
            "隐藏、空白或未读入的工作表",
            "hidden, empty or skipped sheet",
            page!(HiddenContent),
        )
    }
    fn check_catalog(&self, cx: &Ctx, out: &mut Out) {
        for n in &cx.catalog.notes {
            let d = &n.detail;
            let m = match n.kind {
                NoteKind::HiddenSheet => {
                    msg!("工作表“{}”是隐藏的（其内容已读入）", d; "sheet '{}' is hidden (its content was read)", d)
                }
                NoteKind::HiddenRows => msg!("有隐藏的行：{}（已读入）", d; "hidden rows: {} (read)", d),
                NoteKind::EmptySheet => msg!("工作表“{}”是空的", d; "sheet '{}' is empty", d),
                NoteKind::ExampleSheet => {
                    msg!("工作表“{}”是模板的填写示例，其中的行不是事项，没有读入", d;
                        "sheet '{}' is a template's example of how to fill it in; its rows are no items and were not read", d)
                }
                NoteKind::ChartSheet => {
                    msg!("工作表“{}”是图表工作表，没有单元格，未读入", d; "sheet '{}' is a chart sheet (no cells) and was not read", d)
                }
                NoteKind::SkippedSheet => {
                    out.at(n.loc, msg!("工作表“{}”找不到表头行，没有读入", d; "sheet '{}' has no recognizable header row and was not read", d))
                        .help(msg!("表头行应包含至少两个已知列名（如 事项名称、事项编码），或用 --profile 指定"; "a header row must name at least two known columns (事项名称, 事项编码 …), or use --profile"));
                    continue;
                }
                NoteKind::SheetWithoutItems => {
                    out.at(n.loc, msg!("工作表“{}”没有事项名称或编码列，不是事项表（如汇总、下拉选项），没有读入", d;
                        "sheet '{}' has no column naming or coding an item (a summary, a list of drop-down values) and was not read", d))
                        .help(msg!("若这张表列的是事项，请加上“事项名称”或“事项编码”列，或用 --profile 指定"; "if the sheet lists items, give it a 事项名称 or 事项编码 column, or use --profile"));
                    continue;
                }
                _ => continue,
            };
            out.at(n.loc, m);
        }
    }
}
