use crate::diag::Severity;
use crate::model::{F, NoteKind};
use crate::rules::{Ctx, Family, Out, Rule, RuleMeta};
use crate::{msg, page};

/// Item types that are always applied for with papers: a licence or a confirmation starts with
/// at least an application.
const APPLIED_WITH_PAPERS: [&str; 2] = ["行政许可", "行政确认"];

/// ## 检查什么
/// 行政许可、行政确认事项的申请材料写成了“无”（或给了空的材料清单）。查的是来源明确写了
/// “无”的申请材料（导出数据的材料键、表格的申请材料列）；YAML 中情形没有材料由 T006 报告。
///
/// ## 为什么
/// 许可和确认都依申请启动，至少要有申请书（《行政许可法》第二十九条、第三十一条）；材料写
/// “无”，申请人不知道要准备什么，窗口也无从按清单受理。多半是导出或录入时漏了材料。
///
/// ## 如何修复
/// 在申请材料中列出每一份材料（至少是申请书或申请表）。
///
/// ## 示例
/// ```yaml
/// TASK_TYPE_TEXT: 行政许可
/// material_intro: 无
/// ```
/// 改为：
/// ```yaml
/// TASK_TYPE_TEXT: 行政许可
/// material_intro: [申请书, 营业执照]
/// ```
/// ---
/// ## What it does
/// Reports a licence (行政许可) or confirmation (行政确认) whose application materials are given as
/// 无 ("none") or as an empty list — where the source says so (an export's material key, a
/// sheet's material column); a YAML scenario without materials is T006's.
///
/// ## Why is this bad?
/// Licences and confirmations start on application and need at least an application form
/// (Administrative Licensing Law, articles 29 and 31); "none" leaves applicants guessing and the
/// counter without a list to accept against. Usually the materials were lost on entry or export.
///
/// ## How to fix
/// List every material, at least the application form.
///
/// ## Example
/// ```yaml
/// TASK_TYPE_TEXT: 行政许可
/// material_intro: 无
/// ```
/// Use instead:
/// ```yaml
/// TASK_TYPE_TEXT: 行政许可
/// material_intro: [申请书, 营业执照]
/// ```
pub struct LicenceWithoutMaterial;

impl Rule for LicenceWithoutMaterial {
    fn meta(&self) -> RuleMeta {
        RuleMeta::new(
            "M005",
            "licence-without-material",
            Family::Material,
            Severity::Error,
            "行政许可、行政确认事项的申请材料写成“无”",
            "a licence or confirmation lists no application material",
            page!(LicenceWithoutMaterial),
        )
    }
    fn check_catalog(&self, cx: &Ctx, out: &mut Out) {
        for n in &cx.catalog.notes {
            let NoteKind::NoneGiven {
                field: F::MaterialName,
                said_at,
            } = n.kind
            else {
                continue;
            };
            let Some(i) = item_of(cx, n.loc) else { continue };
            let item = &cx.catalog.items[i];
            // The 情形 the note speaks for (the one it was noted at, else those of its row) have
            // materials after all: a 无 row among a related sheet's rows naming some.
            let concerned = |s: &&crate::model::Scenario| match said_at {
                Some(_) => s.loc == n.loc,
                None => s.loc.sheet_row().is_some() && s.loc.sheet_row() == n.loc.sheet_row(),
            };
            if item.scenarios.iter().filter(concerned).any(|s| !s.materials.is_empty()) {
                continue;
            }
            let Some(ty) = crate::rules::code::item_type(cx, item) else {
                continue;
            };
            if !APPLIED_WITH_PAPERS.contains(&ty) {
                continue;
            }
            // The list of materials, not one material's name: 申请材料 (with the export's key).
            let (zh, en) = cx.field_name(n.loc, F::MaterialName);
            let (zh, en) = (
                zh.replacen("材料名称", "申请材料", 1),
                en.replacen("Material", "materials", 1),
            );
            // Noted at the 情形 a related sheet's 无 row was joined to: said at that row's cell,
            // in its words.
            let (at, given) = match said_at {
                Some(at) => (at, said_there(cx, at)),
                None => (n.loc, n.detail.as_str()),
            };
            let m = match given.trim() {
                "" => msg!("{}事项的{}是空的", ty, zh; "a {} item gives an empty list as its {}", ty, en),
                given => msg!("{}事项的{}写的是“{}”", ty, zh, given; "a {} item gives '{}' as its {}", ty, given, en),
            };
            out.item(i, at, m)
                .help(msg!("列出申请材料，至少是申请书或申请表"; "list the materials, at least the application form"));
        }
    }
}

/// The item a 无 note is about: the item of its row, or — for a note on a related 申请材料 sheet
/// (the row joined to an item of another sheet) — the item holding a 情形 on the note's row.
fn item_of(cx: &Ctx, at: crate::model::Loc) -> Option<usize> {
    use crate::model::Pos;
    let same_sheet = |a: crate::model::Loc, b: crate::model::Loc| match (a.pos, b.pos) {
        (Pos::Cell { sheet: x, .. }, Pos::Cell { sheet: y, .. }) => a.file == b.file && x == y,
        _ => true,
    };
    match cx.item_at(at) {
        Some(i) if same_sheet(cx.catalog.items[i].loc, at) => Some(i),
        _ => {
            let want = at.sheet_row()?;
            cx.catalog
                .items
                .iter()
                .position(|it| it.scenarios.iter().any(|s| s.loc.sheet_row() == Some(want)))
        }
    }
}

/// The text of the 无 cell a note at `at` quotes (the related sheet's own note there).
fn said_there<'c>(cx: &'c Ctx, at: crate::model::Loc) -> &'c str {
    cx.catalog
        .notes
        .iter()
        .find(|n| n.loc == at && matches!(n.kind, NoteKind::NoneGiven { said_at: None, .. }))
        .map_or("无", |n| n.detail.as_str())
}
