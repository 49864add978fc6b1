use super::{cited_titles, law_key};
use crate::diag::Severity;
use crate::model::{F, Law};
use crate::rules::{Ctx, Family, Out, Rule, RuleMeta};
use crate::{msg, page};
use std::collections::HashMap;

/// ## 检查什么
/// 设定依据引用的法规在法规库（`laws:` 文件）中标为**已废止**或**已修订**时报错，
/// 并给出应改引的替代法规（`replaced_by`）。
///
/// ## 为什么
/// 依据失效的事项要么已无权实施，要么条款已经变化。国家发展改革委令第44号被新令取代后，
/// 仍引用旧令的节能审查事项就是典型。每年清单调整时最容易漏改的就是依据。
///
/// ## 如何修复
/// 改引替代法规及其相应条款；法规已废止且无替代的，提请取消或调整该事项。
///
/// ## 示例
/// ```yaml
/// laws:
///   - {title: 固定资产投资项目节能审查办法（2016）, status: 已废止, replaced_by: 固定资产投资项目节能审查办法}
/// items:
///   - basis: [《固定资产投资项目节能审查办法（2016）》第三条]
/// ```
/// 改为：
/// ```yaml
/// items:
///   - basis: [《固定资产投资项目节能审查办法》第三条]
/// ```
/// ---
/// ## What it does
/// Reports a basis that cites a law marked **repealed** (已废止) or **revised** (已修订) in the
/// law list (`laws:` file), naming the replacement (`replaced_by`).
///
/// ## Why is this bad?
/// With its basis gone the item either can no longer be exercised or its articles changed. The
/// basis is what yearly list updates most often forget.
///
/// ## How to fix
/// Cite the replacement and its article; when a repealed law has no replacement, propose to
/// cancel or change the item.
///
/// ## Example
/// ```yaml
/// laws:
///   - {title: 固定资产投资项目节能审查办法（2016）, status: 已废止, replaced_by: 固定资产投资项目节能审查办法}
/// items:
///   - basis: [《固定资产投资项目节能审查办法（2016）》第三条]
/// ```
/// Use instead:
/// ```yaml
/// items:
///   - basis: [《固定资产投资项目节能审查办法》第三条]
/// ```
pub struct RepealedLaw;

impl Rule for RepealedLaw {
    fn meta(&self) -> RuleMeta {
        RuleMeta::new(
            "B003",
            "repealed-law",
            Family::Basis,
            Severity::Error,
            "设定依据引用了已废止或已修订的法规",
            "basis cites a repealed or revised law",
            page!(RepealedLaw),
        )
    }
    fn check_catalog(&self, cx: &Ctx, out: &mut Out) {
        let stale: HashMap<String, &Law> = cx
            .catalog
            .laws
            .iter()
            .filter(|l| matches!(l.fields.text(F::LawStatus).map(str::trim), Some("已废止" | "已修订")))
            .filter_map(|l| l.fields.text(F::LawTitle).map(|t| (law_key(t), l)))
            .collect();
        if stale.is_empty() {
            return;
        }
        for (i, item) in cx.catalog.items.iter().enumerate() {
            for b in item.fields.list(F::Basis) {
                for title in cited_titles(b.value) {
                    let Some(law) = stale.get(&law_key(title)) else {
                        continue;
                    };
                    let status = law.fields.text(F::LawStatus).unwrap_or("").trim();
                    let d = match law.fields.text(F::ReplacedBy).map(str::trim).filter(|s| !s.is_empty()) {
                        Some(new) => {
                            let new = new.trim_start_matches('《').trim_end_matches('》');
                            out.item(i, b.loc, msg!("《{}》{}，应改引《{}》", title, status, new;
                                "《{}》 is {}; cite 《{}》 instead", title, if status == "已废止" { "repealed" } else { "revised" }, new))
                        }
                        None => out.item(i, b.loc, msg!("《{}》{}，法规库未给出替代法规", title, status;
                            "《{}》 is {} and the law list names no replacement", title, if status == "已废止" { "repealed" } else { "revised" })),
                    };
                    let line = law.loc.line().unwrap_or(0);
                    let file = &cx.catalog.source(law.loc.file).display;
                    d.help(msg!("见法规库 {}:{}", file, line; "see the law list at {}:{}", file, line));
                }
            }
        }
    }
}
