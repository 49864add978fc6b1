use crate::diag::Severity;
use crate::model::NoteKind;
use crate::rules::{Ctx, Family, Out, Rule, RuleMeta};
use crate::{msg, page};

/// ## 检查什么
/// 报告明细工作表（“申请材料”“受理条件”“办理情形”“办理流程”等单独成表、每行用事项编码或事项名称
/// 指明所属事项的工作表）中，编码或名称对不上本工作簿任何事项的行，位置是该行的编码（名称）单元格；
/// 也报告只写了事项名称、而这个名称有两个事项共用（旁边没有编码区分）的行。33 位业务办理项编码与
/// 它的 31 位实施编码视为同一事项的编码：按实施编码写的明细归它的每个办理项。
///
/// ## 为什么
/// 这一行的材料、条件或环节不属于任何事项：办事指南里不会出现，对应事项反而像是缺材料。多半是
/// 编码抄错、多了空格以外的字符，或事项已从基本信息表删去而明细没有删。
///
/// ## 如何修复
/// 把编码改成基本信息表中该事项的编码；事项已取消的，删去这些明细行。
///
/// ## 示例
/// “事项基本信息”表有事项编码 `许可-00001-001-01`，“申请材料”表却写成：
/// ```yaml
/// 事项编码: 许可-0001-001-01
/// 材料名称: 申请书
/// ```
/// 改为：
/// ```yaml
/// 事项编码: 许可-00001-001-01
/// 材料名称: 申请书
/// ```
/// ---
/// ## What it does
/// Reports rows of a detail sheet (申请材料, 受理条件, 办理情形, 办理流程 … kept in a sheet of their
/// own, each row naming its item by code or name) whose code or name matches no item of the
/// workbook, at that key cell; also rows naming their item only by a 事项名称 two items share
/// (no code beside it to tell them apart). A 33-character 业务办理项编码 and its 31-character
/// 实施编码 name the same item: rows keyed by the 实施编码 go to each of its 办理项.
///
/// ## Why is this bad?
/// The row's materials, conditions or steps belong to no item: the guide never shows them, and
/// the item they were meant for looks as if it lacked them. Usually the code was mistyped, or the
/// item was removed from the item sheet and its detail rows were not.
///
/// ## How to fix
/// Write the item's code as the item sheet has it; delete the rows of an item that was removed.
///
/// ## Example
/// The item sheet has 事项编码 `许可-00001-001-01`; the 申请材料 sheet writes:
/// ```yaml
/// 事项编码: 许可-0001-001-01
/// 材料名称: 申请书
/// ```
/// Use instead:
/// ```yaml
/// 事项编码: 许可-00001-001-01
/// 材料名称: 申请书
/// ```
pub struct DetailWithoutItem;

impl Rule for DetailWithoutItem {
    fn meta(&self) -> RuleMeta {
        RuleMeta::new(
            "F024",
            "detail-row-without-item",
            Family::Format,
            Severity::Error,
            "明细工作表的行指向不存在的事项",
            "a detail sheet's row names no item",
            page!(DetailWithoutItem),
        )
    }
    fn check_catalog(&self, cx: &Ctx, out: &mut Out) {
        for n in &cx.catalog.notes {
            let (field, several) = match n.kind {
                NoteKind::UnknownKey { field } => (field, false),
                NoteKind::AmbiguousKey { field } => (field, true),
                _ => continue,
            };
            let (zh, en) = cx.field_name(n.loc, field);
            let key = &n.detail;
            let (m, help) = if several {
                (
                    msg!("{}“{}”有不止一个事项：这一行的内容不知道属于哪一个", zh, key;
                        "{} '{}' names more than one item: this row cannot be given to one", en, key),
                    msg!("在这一行加上事项编码（与事项所在工作表一致），区分同名事项";
                        "add the item code, as the item sheet gives it, to tell the items of this name apart"),
                )
            } else if key.is_empty() {
                (
                    msg!("没有填写{}：这一行的内容不属于任何事项", zh; "no {} given: this row belongs to no item", en),
                    msg!("填写这一行所属事项的{}（与事项所在工作表一致）", zh;
                        "fill in the {} of the row's item, as the item sheet gives it", en),
                )
            } else if cx.source_kind(n.loc) == Some(crate::model::SourceKind::Csv) {
                // A related CSV file of an export (申请材料.csv beside 事项.csv).
                (
                    msg!("{}“{}”对不上同一文件夹中事项文件的任何事项：这一行的内容不属于任何事项", zh, key;
                        "{} '{}' matches no item of the files beside this one: this row belongs to no item", en, key),
                    msg!("改为事项文件中该事项的{}；事项已取消的，删去这一行", zh;
                        "write the {} the items file gives the item; delete the row if the item was removed", en),
                )
            } else {
                (
                    msg!("{}“{}”对不上本工作簿中的任何事项：这一行的内容不属于任何事项", zh, key;
                        "{} '{}' matches no item of the workbook: this row belongs to no item", en, key),
                    msg!("改为事项所在工作表中该事项的{}；事项已取消的，删去这一行", zh;
                        "write the {} the item sheet gives the item; delete the row if the item was removed", en),
                )
            };
            out.at(n.loc, m).help(help);
        }
    }
}
