use super::bundle_name;
use crate::diag::Severity;
use crate::model::fields::FieldSet;
use crate::model::{Catalog, F};
use crate::rules::material::name_key;
use crate::rules::{Ctx, Family, Out, Rule, RuleMeta};
use crate::{msg, page};
use std::collections::{HashMap, HashSet};

/// ## 检查什么
/// 同一件“一件事”中的不同事项要求同一份材料时给出提示：这份材料可以只收一次。
///
/// ## 为什么
/// “一件事”改革的要求是“一套材料”：营业执照、身份证明等在几个事项里重复出现的材料，
/// 合并后申请人只交一次，窗口内部共享。列出重复材料，就是列出可以“减材料”的地方。
///
/// ## 如何修复
/// 在一件事的材料清单中合并这份材料，只在一个事项中收取，其他事项共享（`shared: true`）。
///
/// ## 示例
/// ```yaml
/// # 许可-00977-001-01 和 许可-00321-001-01 都要求“营业执照”
/// bundles:
///   - {name: 开办餐饮店, items: [许可-00977-001-01, 许可-00321-001-01]}
/// ```
/// 改为：第二个事项中的营业执照标为共享获取。
/// ```yaml
/// - {name: 营业执照, shared: true, necessity: 非必要}
/// ```
/// ---
/// ## What it does
/// Reports (info) a material that several items of one bundle ask for: it can be collected once.
///
/// ## Why is this bad?
/// A bundle promises "one set of materials": a business licence or ID asked for by several of its
/// items should be handed in once and shared inside the office. The repeats are where materials
/// can be cut.
///
/// ## How to fix
/// Merge the material in the bundle: collect it for one item, mark it `shared: true` in the others.
///
/// ## Example
/// ```yaml
/// # 许可-00977-001-01 and 许可-00321-001-01 both ask for 营业执照
/// bundles:
///   - {name: 开办餐饮店, items: [许可-00977-001-01, 许可-00321-001-01]}
/// ```
/// Use instead: mark the second one as obtained by sharing.
/// ```yaml
/// - {name: 营业执照, shared: true, necessity: 非必要}
/// ```
pub struct RepeatedBundleMaterial;

impl Rule for RepeatedBundleMaterial {
    fn meta(&self) -> RuleMeta {
        RuleMeta::new(
            "U002",
            "repeated-bundle-material",
            Family::Bundle,
            Severity::Info,
            "一件事的多个事项要求同一材料，可合并",
            "several items of a bundle ask for the same material",
            page!(RepeatedBundleMaterial),
        )
    }
    fn catalog_reads(&self) -> FieldSet {
        [F::MaterialName, F::Shared].into_iter().collect()
    }
    /// Only the materials of items some bundle names.
    fn catalog_reads_items(&self, catalog: &Catalog) -> Vec<usize> {
        let named: HashSet<&str> = catalog
            .bundles
            .iter()
            .flat_map(|b| b.fields.list(F::BundleItems))
            .map(|r| r.value.trim())
            .collect();
        let mut first: HashMap<&str, usize> = HashMap::new();
        for (i, it) in catalog.items.iter().enumerate() {
            if let Some(c) = it.code().map(str::trim).filter(|c| named.contains(c)) {
                first.entry(c).or_insert(i);
            }
        }
        first.into_values().collect()
    }
    fn check_catalog(&self, cx: &Ctx, out: &mut Out) {
        for b in &cx.catalog.bundles {
            // material → first item of the bundle asking for it
            let mut first: HashMap<String, usize> = HashMap::new();
            let mut reported: HashSet<(String, usize)> = HashSet::new();
            let mut seen_items = Vec::new();
            for r in b.fields.list(F::BundleItems) {
                let Some(&i) = cx.by_code().get(r.value.trim()).and_then(|v| v.first()) else {
                    continue;
                };
                if seen_items.contains(&i) {
                    continue;
                }
                seen_items.push(i);
                let item = &cx.catalog.items[i];
                for (_, m) in item.materials() {
                    // already shared materials are not asked for again
                    if m.fields.bool(F::Shared) == Some(true) {
                        continue;
                    }
                    let Some(name) = m.name() else { continue };
                    let key = name_key(name);
                    match first.get(&key) {
                        None => {
                            first.insert(key, i);
                        }
                        Some(&j) if j != i => {
                            if !reported.insert((key, i)) {
                                continue;
                            }
                            let other = cx.catalog.items[j].code().unwrap_or("?");
                            out.item(i, m.fields.loc(F::MaterialName).unwrap_or(m.loc), msg!("一件事“{}”中，材料“{}”已由事项 {} 收取，可合并只收一次", bundle_name(b), name.trim(), other;
                                "in bundle '{}', material '{}' is already collected by item {}: collect it once", bundle_name(b), name.trim(), other))
                                .help(msg!("在本事项中标为 shared: true（共享获取）"; "mark it shared: true here"));
                        }
                        Some(_) => {}
                    }
                }
            }
        }
    }
}
