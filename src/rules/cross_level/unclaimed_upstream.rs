use super::{keys, name_key, where_upstream};
use crate::diag::Severity;
use crate::model::{F, Level};
use crate::rules::{Ctx, Family, Out, Rule, RuleMeta};
use crate::{msg, page};
use std::collections::HashSet;

/// ## 检查什么
/// 列出上级目录中本级应当实施、但本级清单没有认领的事项（未认领）。只看行使层级包含本级
/// 层级（本清单事项出现过的层级）的上级事项。这是提示，不是错误。
///
/// ## 为什么
/// 各级要“认领本级和下级实施的全量事项”。漏认领的事项群众在本地办不了，
/// 也会让四级四同的覆盖率统计偏低。
///
/// ## 如何修复
/// 逐项确认：本级实施的，补入清单；确实不在本级实施的，可忽略本提示。
///
/// ## 示例
/// ```yaml
/// # 上级：{code: 许可-00321-001, name: 公共场所卫生许可, level: [市级, 县级]}
/// # 本级（县级）清单中没有 许可-00321-001
/// ```
/// 改为：
/// ```yaml
/// - {code: 许可-00321-001, name: 公共场所卫生许可, level: 县级}
/// ```
/// ---
/// ## What it does
/// Lists the items of the upper-level catalog that this level should implement but has not
/// claimed (未认领): upstream items whose levels include a level used in this list. Info only.
///
/// ## Why is this bad?
/// Each level claims every item it implements. An unclaimed item cannot be applied for locally
/// and lowers the cross-level coverage figures.
///
/// ## How to fix
/// Go through the list: add the items implemented here; ignore the ones that really are not.
///
/// ## Example
/// ```yaml
/// # upstream: {code: 许可-00321-001, name: 公共场所卫生许可, level: [市级, 县级]}
/// # the county list has no 许可-00321-001
/// ```
/// Use instead:
/// ```yaml
/// - {code: 许可-00321-001, name: 公共场所卫生许可, level: 县级}
/// ```
pub struct UnclaimedUpstream;

impl Rule for UnclaimedUpstream {
    fn meta(&self) -> RuleMeta {
        RuleMeta::new(
            "S005",
            "unclaimed-upstream-item",
            Family::CrossLevel,
            Severity::Info,
            "上级目录中的事项本级未认领",
            "upper-catalog item not claimed here",
            page!(UnclaimedUpstream),
        )
    }
    fn check_catalog(&self, cx: &Ctx, out: &mut Out) {
        let Some(base) = cx.base else { return };
        let mut local_keys: HashSet<&str> = HashSet::new();
        let mut local_names: HashSet<String> = HashSet::new();
        let mut local_levels: HashSet<Level> = HashSet::new();
        for it in &cx.catalog.items {
            local_keys.extend(keys(it));
            if let Some(n) = it.name() {
                local_names.insert(name_key(n));
            }
            local_levels.extend(it.levels().iter().filter_map(|l| Level::parse_many(l.value)).flatten());
        }
        let at = cx.catalog.header.fields.loc(F::Base).unwrap_or(cx.catalog.header.loc);
        for up in &base.items {
            let levels: Vec<Level> = up
                .levels()
                .iter()
                .filter_map(|l| Level::parse_many(l.value))
                .flatten()
                .collect();
            if !local_levels.is_empty() && !levels.is_empty() && !levels.iter().any(|l| local_levels.contains(l)) {
                continue;
            }
            let claimed = keys(up).any(|k| local_keys.contains(k))
                || up.name().is_some_and(|n| local_names.contains(&name_key(n)));
            if claimed {
                continue;
            }
            let code = up.code().unwrap_or("?");
            let name = up.name().unwrap_or("?");
            let w = where_upstream(base, up);
            out.at(at, msg!("上级目录事项 {}“{}”（{}）本级未认领", code, name, w; "upper-catalog item {} '{}' ({}) is not claimed here", code, name, w));
        }
    }
}
