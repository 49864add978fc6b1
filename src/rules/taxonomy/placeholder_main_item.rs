use crate::diag::Severity;
use crate::model::F;
use crate::rules::declarative::vocab::{BUILTIN, Vocab};
use crate::rules::{Ctx, Family, Out, Rule, RuleMeta};
use crate::{msg, page};
use std::sync::LazyLock;

/// ## 检查什么
/// 一个部门的事项挂在占位的主项下（“未分类”“其他”“无”等，见 `rules/vocab/placeholders.yaml`）。
/// 每个部门、每个占位主项报告一次，说明有多少事项、其中多少是行政许可。
///
/// ## 为什么
/// 事项清单按“主项—子项”组织，主项对应上级目录的事项；挂在“未分类”下，说明这些事项没有和
/// 上级目录对应上，“四级四同”比对、按主项统计和办事指南的分类导航都会漏掉它们。
///
/// ## 如何修复
/// 按上级目录给每个事项找到所属主项；确实没有主项的，以事项自身名称作主项。
///
/// ## 示例
/// ```yaml
/// department: 区人社局
/// main_item: 未分类
/// name: 失业保险金申领
/// ```
/// 改为：
/// ```yaml
/// department: 区人社局
/// main_item: 失业保险金申领
/// name: 失业保险金申领
/// ```
/// ---
/// ## What it does
/// Reports a department's items filed under a placeholder main item (未分类 "unclassified", 其他,
/// 无 …, see `rules/vocab/placeholders.yaml`): once per department and placeholder, with how many
/// items and how many licences.
///
/// ## Why is this bad?
/// Lists are organized as main item and sub items, the main item matching the upper catalog; items
/// under "unclassified" were never matched, so cross-level comparison, statistics by main item and
/// the guide's navigation all miss them.
///
/// ## How to fix
/// File each item under its main item from the upper catalog, or under its own name when it has none.
///
/// ## Example
/// ```yaml
/// department: 区人社局
/// main_item: 未分类
/// name: 失业保险金申领
/// ```
/// Use instead:
/// ```yaml
/// department: 区人社局
/// main_item: 失业保险金申领
/// name: 失业保险金申领
/// ```
pub struct PlaceholderMainItem;

/// A department's items under one placeholder main item in one file.
type Group<'a> = (u32, &'a str, &'a str);

static PLACEHOLDERS: LazyLock<Option<Vocab>> = LazyLock::new(|| {
    let (path, text) = BUILTIN.iter().find(|(p, _)| p.ends_with("placeholders.yaml"))?;
    Vocab::parse(text, std::path::Path::new(path)).ok()
});

impl Rule for PlaceholderMainItem {
    fn meta(&self) -> RuleMeta {
        RuleMeta::new(
            "X007",
            "placeholder-main-item",
            Family::Taxonomy,
            Severity::Warning,
            "事项挂在“未分类”等占位主项下",
            "items filed under a placeholder main item such as 未分类",
            page!(PlaceholderMainItem),
        )
    }
    fn check_catalog(&self, cx: &Ctx, out: &mut Out) {
        let Some(vocab) = PLACEHOLDERS.as_ref() else { return };
        // (file, department, main item) → (first item, items, licences), in the order met.
        let mut groups: Vec<(Group, usize, usize, usize)> = Vec::new();
        for (i, it) in cx.catalog.items.iter().enumerate() {
            let Some(main) = it.main_item().map(str::trim) else {
                continue;
            };
            if vocab.whole_match(main).is_none() {
                continue;
            }
            let key = (it.loc.file, it.text(F::Department).map_or("", str::trim), main);
            let licence = usize::from(crate::rules::code::item_type(cx, it) == Some("行政许可"));
            match groups.iter_mut().find(|g| g.0 == key) {
                Some(g) => {
                    g.2 += 1;
                    g.3 += licence;
                }
                None => groups.push((key, i, 1, licence)),
            }
        }
        for ((_, dept, main), first, n, licences) in groups {
            let item = &cx.catalog.items[first];
            let dept = if dept.is_empty() {
                "（未写实施主体）"
            } else {
                dept
            };
            // At the group's first item (its own record; the shared main-item key belongs to no item).
            out.item(
                first,
                item.loc,
                msg!("{}的 {} 个事项挂在主项“{}”下（其中行政许可 {} 个）", dept, n, main, licences;
                     "{} files {} item(s) under the main item '{}' ({} licences)", dept, n, main, licences),
            )
            .help(
                msg!("按上级目录给这些事项找到所属主项"; "file each item under its main item from the upper catalog"),
            );
        }
    }
}
