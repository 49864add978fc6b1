use crate::diag::Severity;
use crate::model::F;
use crate::rules::{Ctx, Family, Out, Rule, RuleMeta};
use crate::{msg, page};

/// ## 检查什么
/// 事项编码在整个清单（包括目录中的所有文件）中必须唯一。
///
/// ## 为什么
/// 事项编码是事项的唯一标识：比对版本、认领上级事项、组合“一件事”、统计都靠它。两个事项
/// 用同一个编码，其中一个就会在比对中“消失”或被张冠李戴。
///
/// ## 如何修复
/// 为重复的事项分配新的编码（办理项编号顺延，如 -01、-02），或删除重复录入的事项。
///
/// ## 示例
/// ```yaml
/// - {code: "许可-00977-001-01", name: 食品经营许可（新办）}
/// - {code: "许可-00977-001-01", name: 食品经营许可（变更）}
/// ```
/// 改为：
/// ```yaml
/// - {code: "许可-00977-001-01", name: 食品经营许可（新办）}
/// - {code: "许可-00977-001-02", name: 食品经营许可（变更）}
/// ```
/// ---
/// ## What it does
/// Checks that item codes are unique across the whole catalog (every file of a directory).
///
/// ## Why is this bad?
/// The code identifies the item for diffs, claims against the upper catalog, bundles and counts;
/// two items with one code make one of them vanish or be mistaken for the other.
///
/// ## How to fix
/// Give one of them a new code (next 办理项 number, -01, -02 …) or remove the duplicate entry.
///
/// ## Example
/// ```yaml
/// - {code: "许可-00977-001-01", name: 食品经营许可（新办）}
/// - {code: "许可-00977-001-01", name: 食品经营许可（变更）}
/// ```
/// Use instead:
/// ```yaml
/// - {code: "许可-00977-001-01", name: 食品经营许可（新办）}
/// - {code: "许可-00977-001-02", name: 食品经营许可（变更）}
/// ```
pub struct DuplicateCode;

impl Rule for DuplicateCode {
    fn meta(&self) -> RuleMeta {
        RuleMeta::new(
            "X004",
            "duplicate-code",
            Family::Taxonomy,
            Severity::Error,
            "事项编码重复",
            "duplicate item code",
            page!(DuplicateCode),
        )
    }
    fn check_catalog(&self, cx: &Ctx, out: &mut Out) {
        for (code, idx) in &cx.by_code {
            if idx.len() < 2 {
                continue;
            }
            let first = &cx.catalog.items[idx[0]];
            let src = cx.catalog.source(first.loc.file);
            let line = first.loc.line().unwrap_or(0);
            for &i in &idx[1..] {
                let item = &cx.catalog.items[i];
                out.item(i, item.at(F::Code), msg!("事项编码“{}”重复，已用于 {}:{} 的“{}”", code, src.display, line, first.name().unwrap_or("?");
                    "item code '{}' is already used by '{}' at {}:{}", code, first.name().unwrap_or("?"), src.display, line));
            }
        }
    }
}
