use crate::diag::Severity;
use crate::model::{F, Item};
use crate::rules::{Ctx, Family, Out, Rule, RuleMeta};
use crate::{msg, page};
use foldhash::HashMap;

/// ## 检查什么
/// 同一父节点下的名称不能重复：同一子项下的业务办理项（事项名称），同一事项下的办事情形。
///
/// ## 为什么
/// 兄弟节点同名，群众无法分辨该选哪一个，比对工具也无法把它们对应起来；多半是重复录入或
/// 漏写了区分的词（新办/变更、个人/企业）。
///
/// ## 如何修复
/// 删除重复项，或在名称中写出区别。
///
/// ## 示例
/// ```yaml
/// scenarios:
///   - name: 个人申请
///   - name: 个人申请
/// ```
/// 改为：
/// ```yaml
/// scenarios:
///   - name: 本人申请
///   - name: 委托代理人申请
/// ```
/// ---
/// ## What it does
/// Checks that siblings have distinct names: items (事项名称) under one sub-item, scenarios under
/// one item.
///
/// ## Why is this bad?
/// Applicants cannot tell same-named siblings apart and tools cannot match them; usually a
/// duplicate entry or a missing qualifier.
///
/// ## How to fix
/// Remove the duplicate, or say what differs in the name.
///
/// ## Example
/// ```yaml
/// scenarios:
///   - name: 个人申请
///   - name: 个人申请
/// ```
/// Use instead:
/// ```yaml
/// scenarios:
///   - name: 本人申请
///   - name: 委托代理人申请
/// ```
pub struct DuplicateSiblingName;

impl Rule for DuplicateSiblingName {
    fn meta(&self) -> RuleMeta {
        RuleMeta::new(
            "X005",
            "duplicate-sibling-name",
            Family::Taxonomy,
            Severity::Error,
            "同级名称重复",
            "duplicate name among siblings",
            page!(DuplicateSiblingName),
        )
    }
    fn check_item(&self, _cx: &Ctx, i: usize, item: &Item, out: &mut Out) {
        // An item has a handful of scenarios: a scan of those seen beats a map built per item.
        let mut seen: Vec<(&str, u32)> = Vec::new();
        for s in &item.scenarios {
            let Some(name) = s.name() else { continue };
            if let Some((_, line)) = seen.iter().find(|(n, _)| *n == crate::text::trim(name)) {
                out.item(i, s.loc, msg!("办事情形“{}”重复（第 {} 行已有）", name, line; "scenario '{}' repeats the one on line {}", name, line));
            } else {
                seen.push((crate::text::trim(name), s.loc.line().unwrap_or(0)));
            }
        }
    }
    fn check_catalog(&self, cx: &Ctx, out: &mut Out) {
        let mut seen: HashMap<(&str, &str, &str), usize> =
            HashMap::with_capacity_and_hasher(cx.catalog.items.len(), Default::default());
        for (i, item) in cx.catalog.items.iter().enumerate() {
            let (Some(name), parent) = (item.name(), item.sub_item().unwrap_or("")) else {
                continue;
            };
            let dept = item.text(F::Department).unwrap_or("");
            match seen.get(&(parent, dept, crate::text::trim(name))) {
                Some(&j) => {
                    let other = &cx.catalog.items[j];
                    // The other by its code, or where it stands when it has none (a 子项 row
                    // without a code of its own).
                    let other = match other.code().map(str::trim).filter(|c| !c.is_empty()) {
                        Some(code) => code.to_string(),
                        None => crate::report::place(cx.catalog, other.loc),
                    };
                    let column = cx.column_name(item.at(F::Name), F::Name);
                    out.item(
                        i,
                        item.at(F::Name),
                        msg!("{}“{}”与事项 {} 重复（同一子项、同一实施主体）", column, name, other;
                        "item name '{}' repeats item {} (same sub-item and department)", name, other),
                    );
                }
                None => {
                    seen.insert((parent, dept, crate::text::trim(name)), i);
                }
            }
        }
    }
}
