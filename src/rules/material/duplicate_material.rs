use super::{name_key_chars, name_key_hash};
use crate::diag::Severity;
use crate::model::{F, Item};
use crate::rules::declarative::fields_ref::repeats_earlier;
use crate::rules::{Ctx, Family, Out, Rule, RuleMeta};
use crate::{msg, page};

/// ## 检查什么
/// 同一办事情形中，同一份材料不应列出两次（忽略空格和全角/半角差异）。
///
/// ## 为什么
/// 重复的材料让群众以为要交两份不同的东西，也让“减材料”的统计失真。
/// 通常是合并情形或从两个模板复制时留下的。
///
/// ## 如何修复
/// 删除重复的一条；若确需两份，在一条中写明份数（`copies: 2`）。
///
/// ## 示例
/// ```yaml
/// materials:
///   - 营业执照
///   - 营业执照
/// ```
/// 改为：
/// ```yaml
/// materials:
///   - 营业执照
/// ```
/// ---
/// ## What it does
/// Checks that one scenario does not list the same material twice (ignoring spaces and
/// full/half-width differences).
///
/// ## Why is this bad?
/// A repeated material makes applicants think two different documents are needed and skews the
/// "fewer materials" figures. It usually survives from merging scenarios or templates.
///
/// ## How to fix
/// Remove one of them; if two copies are needed, say so once (`copies: 2`).
///
/// ## Example
/// ```yaml
/// materials:
///   - 营业执照
///   - 营业执照
/// ```
/// Use instead:
/// ```yaml
/// materials:
///   - 营业执照
/// ```
pub struct DuplicateMaterial;

impl Rule for DuplicateMaterial {
    fn meta(&self) -> RuleMeta {
        RuleMeta::new(
            "M001",
            "duplicate-material",
            Family::Material,
            Severity::Warning,
            "同一情形中材料重复",
            "material listed twice in one scenario",
            page!(DuplicateMaterial),
        )
    }
    fn check_item(&self, _cx: &Ctx, i: usize, item: &Item, out: &mut Out) {
        // (key hash, name, line) of each first-listed material: a scenario lists a handful, so
        // a scan of hashes beats a map of keys written out.
        let mut seen: Vec<(u64, &str, u32)> = Vec::new();
        for (j, s) in item.scenarios.iter().enumerate() {
            // A copy of an earlier 情形's materials (one sheet row naming several 情形) repeats
            // that 情形's findings word for word.
            if repeats_earlier(item, j, |s| &s.materials, |m| &m.fields) {
                continue;
            }
            seen.clear();
            for m in &s.materials {
                let Some(name) = m.name() else { continue };
                let at = m.fields.loc(F::MaterialName).unwrap_or(m.loc);
                let hash = name_key_hash(name);
                let first = seen
                    .iter()
                    .find(|(h, n, _)| *h == hash && name_key_chars(n).eq(name_key_chars(name)));
                if let Some(&(_, _, line)) = first {
                    out.item(
                        i,
                        at,
                        msg!("材料“{}”在本情形中重复（第 {} 行已列出）", name.trim(), line;
                        "material '{}' is listed twice in this scenario (first on line {})", name.trim(), line),
                    )
                    .help(msg!("删除重复的一条"; "remove the repeated entry"));
                } else {
                    seen.push((hash, name, at.line().unwrap_or(0)));
                }
            }
        }
    }
}
