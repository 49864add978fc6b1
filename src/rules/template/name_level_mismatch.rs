use crate::diag::Severity;
use crate::model::{F, Item, Level};
use crate::rules::{Ctx, Family, Out, Rule, RuleMeta};
use crate::{msg, page};
use regex::Regex;
use std::sync::LazyLock;

/// ## 检查什么
/// 事项名称里用括号标了层级（`（市级）`、`(省级)`、`（县级行使）`），而事项的层级不是它：
/// 层级取自事项的“层级”字段；清单没有层级时，取自实施主体名称的开头（“区人社局”“县民政局”
/// 为县级，“市……”为市级，“省……”为省级）。名称中同时列了几个层级的（`（市级/县级）`）不检查。
///
/// ## 为什么
/// 区县清单里出现“（市级）”事项，要么名称标错了，要么把上级的事项认领到了本级，
/// 申请人会到错误的层级去办；“四级四同”比对时这类事项对不上。
///
/// ## 如何修复
/// 核对事项的行使层级：不属于本级的事项从清单移除，属于本级的改正名称中的层级标注。
///
/// ## 示例
/// ```yaml
/// department: 区交通运输局
/// name: 道路货物运输经营许可(市级)
/// ```
/// 改为：
/// ```yaml
/// department: 区交通运输局
/// name: 道路货物运输经营许可（县级）
/// ```
/// ---
/// ## What it does
/// Reports an item whose name marks a level in brackets (`（市级）`, `(省级)`, `（县级行使）`) other
/// than the item's level — its level field, or, when the list has none, the level the
/// implementing body's name starts with (区…/县… county, 市… city, 省… province). A name listing
/// several levels (`（市级/县级）`) is not checked.
///
/// ## Why is this bad?
/// A "(city level)" item in a district list is either misnamed or an upper-level item claimed at
/// this level: applicants go to the wrong office and cross-level comparison fails.
///
/// ## How to fix
/// Check the level the item is exercised at: remove items of another level, or correct the name.
///
/// ## Example
/// ```yaml
/// department: 区交通运输局
/// name: 道路货物运输经营许可(市级)
/// ```
/// Use instead:
/// ```yaml
/// department: 区交通运输局
/// name: 道路货物运输经营许可（县级）
/// ```
pub struct NameLevelMismatch;

/// A bracket holding only a level, maybe with 行使/权限.
static MARK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[（(](国家级|省级|市级|县级|区级|区县级)(?:行使|权限)?[）)]").expect("valid regex"));

/// The level a body's name starts with: 区…/县… county, 市… city, 省… province.
fn body_level(department: &str) -> Option<Level> {
    let first = department.trim().chars().next()?;
    Level::parse(match first {
        '区' | '县' => "县级",
        '市' => "市级",
        '省' => "省级",
        _ => return None,
    })
}

impl Rule for NameLevelMismatch {
    fn meta(&self) -> RuleMeta {
        RuleMeta::new(
            "T009",
            "name-level-mismatch",
            Family::Template,
            // Info: on the Guangan list all 8 are (市级) items of the 区生态环境局, which since the
            // vertical reform is the city bureau's branch — debatable, not yet a warning.
            Severity::Info,
            "事项名称标注的层级与事项层级不符",
            "the level marked in the item name is not the item's level",
            page!(NameLevelMismatch),
        )
    }
    fn check_item(&self, cx: &Ctx, i: usize, item: &Item, out: &mut Out) {
        let Some((name, loc)) = item.fields.text_at(F::Name) else {
            return;
        };
        let marks: Vec<Level> = MARK
            .captures_iter(name)
            .filter_map(|c| Level::parse(c.get(1)?.as_str()))
            .collect();
        let [marked] = marks.as_slice() else { return };
        let levels: Vec<Level> = item
            .levels()
            .iter()
            .filter_map(|l| Level::parse_many(l.value))
            .flatten()
            .collect();
        let (own, from) = if levels.is_empty() {
            let Some(d) = item.text(F::Department) else { return };
            let Some(l) = body_level(d) else { return };
            (vec![l], d.trim().to_string())
        } else {
            let names: Vec<&str> = levels.iter().map(|l| l.name()).collect();
            (
                levels,
                cx.field_name(item.at(F::Level), F::Level).0 + " " + &names.join("、"),
            )
        };
        if own.contains(marked) {
            return;
        }
        let shown: Vec<&str> = own.iter().map(|l| l.name()).collect();
        let shown = shown.join("、");
        out.item(
            i,
            loc,
            msg!("事项名称标注为{}，而事项是{}（{}）", marked.name(), shown, from;
                 "the name marks {} but the item is {} ({})", marked.name(), shown, from),
        )
        .help(msg!("核对行使层级：不属于本级的事项移出清单，否则改正名称中的层级"; "check the level: remove an upper-level item, or correct the name"));
    }
}
