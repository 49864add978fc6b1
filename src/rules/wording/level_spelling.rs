use crate::diag::Severity;
use crate::model::{F, Item, Level, Pos};
use crate::rules::{Ctx, Family, Out, Rule, RuleMeta};
use crate::{msg, page};

/// ## 检查什么
/// 事项层级写成了别的说法（“区县级”“县（市、区）级”“乡镇（街道）级”），而不是六个规范名称之一。
/// 可识别的说法列在 rules/levels.yaml 中。
///
/// ## 为什么
/// 工具能认出这些说法，但别的系统和人工统计认不出：同一层级写法不一，按层级筛选和“四级四同”
/// 比对就会漏项。
///
/// ## 如何修复
/// 改为 国家级、省级、市级、县级、乡镇级、村级 之一；来源是 YAML 时 `catalog lint --fix` 会自动改写。
///
/// ## 示例
/// ```yaml
/// level: 区县级
/// ```
/// 改为：
/// ```yaml
/// level: 县级
/// ```
/// ---
/// ## What it does
/// Reports a level written in another spelling (区县级, 县（市、区）级 …) instead of one of the six
/// standard names; the known spellings are in rules/levels.yaml.
///
/// ## Why is this bad?
/// Other systems and manual counts do not recognise the variants, so filtering by level and
/// cross-level comparison miss items.
///
/// ## How to fix
/// Use 国家级, 省级, 市级, 县级, 乡镇级 or 村级; for a YAML source `catalog lint --fix` rewrites it.
///
/// ## Example
/// ```yaml
/// level: 区县级
/// ```
/// Use instead:
/// ```yaml
/// level: 县级
/// ```
pub struct LevelSpelling;

impl Rule for LevelSpelling {
    fn meta(&self) -> RuleMeta {
        RuleMeta::new(
            "W007",
            "level-spelling",
            Family::Wording,
            Severity::Info,
            "事项层级未使用规范名称",
            "level not written with its standard name",
            page!(LevelSpelling),
        )
    }
    fn check_item(&self, cx: &Ctx, i: usize, item: &Item, out: &mut Out) {
        let all = item.levels();
        // (entry, as written, standard name): one per entry to respell.
        let mut found: Vec<(usize, &str, String)> = Vec::new();
        for (k, l) in all.iter().enumerate() {
            let v = l.value.trim();
            // `市、县级`: the 级 written once after the last of the list belongs to each.
            if !v.ends_with('级')
                && all[k + 1..]
                    .last()
                    .is_some_and(|last| last.value.trim().ends_with('级'))
            {
                let with = format!("{v}级");
                if Level::parse(&with).is_some_and(|one| one.name() == with) {
                    continue;
                }
            }
            // 分级管理, 属地, 全省: no tier to write instead (T003 leaves them too).
            if Level::has_note(v) {
                continue;
            }
            let Some(levels) = Level::parse_many(v) else { continue };
            // 市县两级 is written 市级、县级: one canonical name each.
            let name = levels.iter().map(|l| l.name()).collect::<Vec<_>>().join("、");
            if v != name {
                found.push((k, v, name));
            }
        }
        // Entries of one sheet cell (`省、市、县`) are one respelling of that cell: said once there.
        let cell = |k: usize| match all[k].loc.pos {
            Pos::Cell { sheet, row, col, .. } => Some((all[k].loc.file, sheet, row, col)),
            _ => None,
        };
        let mut done = vec![false; found.len()];
        for j in 0..found.len() {
            if done[j] {
                continue;
            }
            let (k, v, name) = (&found[j].0, found[j].1, &found[j].2);
            let same: Vec<usize> = match cell(*k) {
                Some(c) => (j..found.len()).filter(|&m| cell(found[m].0) == Some(c)).collect(),
                None => vec![j],
            };
            same.iter().for_each(|&m| done[m] = true);
            let l = &all[*k];
            // The column's own header (权限划分, 行使层级) in a sheet.
            let zh = cx.column_name(l.loc, F::Level);
            if same.len() > 1 {
                let was = same.iter().map(|&m| found[m].1).collect::<Vec<_>>().join("、");
                // `乡镇、街道` are both 乡镇级: the level said once.
                let mut names: Vec<&str> = Vec::new();
                for n in same.iter().flat_map(|&m| found[m].2.split('、')) {
                    if !names.contains(&n) {
                        names.push(n);
                    }
                }
                let to = names.join("、");
                out.item(
                    i,
                    l.loc.with_entry(0),
                    msg!("{}“{}”应写作“{}”", zh, was, to; "write the levels '{}' as '{}'", was, to),
                );
                continue;
            }
            let start = l.value.find(v).unwrap_or(0);
            let d = out.item(
                i,
                l.loc,
                msg!("{}“{}”应写作“{}”", zh, v, name; "write the level '{}' as '{}'", v, name),
            );
            if let Some(f) = crate::fix::in_value(cx.catalog, l.loc, l.value, start, start + v.len(), name, true) {
                d.fix(f);
            }
        }
    }
}
