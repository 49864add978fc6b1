use crate::diag::{Diagnostic, Severity};
use crate::model::{Catalog, FileId, Item, Loc, NoteKind, Pos};
use crate::rules::{Ctx, Family, Out, Rule, RuleMeta};
use crate::{msg, page};
use std::collections::HashMap;

/// ## 检查什么
/// 说明哪些规则不适用于某个来源文件：映射配置（`profiles/*.yaml` 的 `lacks:`）声明该导出格式
/// 根本没有某个概念（如门户导出没有办事情形、材料范例），相应规则对其中的事项不再逐条报告，
/// 改由本条提示一次。
///
/// ## 为什么
/// 数据缺少整个概念时，逐条报告“没有办事情形”会淹没真正的问题（时限写“无”、编码长度不对、
/// 两处名称不一致）。
///
/// ## 如何修复
/// 不需要修复；要按完整标准检查，请把数据整理为标准清单格式（`catalog convert`）后补齐。
///
/// ## 示例
/// ```yaml
/// # policy.json：广东政务服务网事项导出没有办事情形、受理要点与材料范例；T004、T005、T007 不适用
/// ```
/// 改为：
/// ```yaml
/// # catalog convert policy.json 广东.yaml 后补写 scenarios
/// ```
/// ---
/// ## What it does
/// Says which rules do not apply to a source file: its mapping profile (`lacks:` in
/// `profiles/*.yaml`) declares that the export format has no such concept (no scenarios, no
/// sample materials …), so those rules are not reported item by item; this note is shown once.
///
/// ## Why is this bad?
/// When a whole concept is missing, one finding per item would drown the real problems (time
/// limits written 无, codes of the wrong length, names that differ).
///
/// ## How to fix
/// Nothing to fix; to check against the full standard, convert the data (`catalog convert`) and
/// complete it.
///
/// ## Example
/// ```yaml
/// # policy.json: the export has no scenarios; T004, T005, T007 do not apply
/// ```
/// Use instead:
/// ```yaml
/// # catalog convert policy.json guangdong.yaml, then add scenarios
/// ```
pub struct NotApplicable;

impl Rule for NotApplicable {
    fn meta(&self) -> RuleMeta {
        RuleMeta::new(
            "F023",
            "rules-not-applicable",
            Family::Format,
            Severity::Info,
            "来源格式缺少的概念：相应规则不适用",
            "concepts the source format lacks: rules not applied",
            page!(NotApplicable),
        )
    }
    fn check_catalog(&self, cx: &Ctx, out: &mut Out) {
        for n in &cx.catalog.notes {
            if let NoteKind::Lacks {
                what,
                rules,
                sheet,
                columns_only,
            } = &n.kind
            {
                let count = cx
                    .catalog
                    .items
                    .iter()
                    .filter(|i| i.loc.file == n.loc.file && in_scope(*sheet, i.loc))
                    .count();
                let list = rules.join("、");
                let m = if *columns_only {
                    msg!("{}：来源没有{}；{} 不检查这些列（其中 {} 个事项），其余照查", n.detail, what, list, count;
                         "{}: the source has no {}; {} does not check those columns (its {} items) but checks the rest", n.detail, what, rules.join(", "), count)
                } else {
                    msg!("{}：来源没有{}；{} 不适用于其中 {} 个事项", n.detail, what, list, count;
                         "{}: the source has no {}; {} not applied to its {} items", n.detail, what, rules.join(", "), count)
                };
                out.at(n.loc, m);
            }
        }
    }
    fn check_item(&self, _cx: &Ctx, _i: usize, _item: &Item, _out: &mut Out) {}
}

/// Rules declared not applicable, by file: to all its items (`None`) or to one sheet's.
fn lacking(cat: &Catalog) -> HashMap<FileId, Vec<(Option<u16>, &str)>> {
    let mut m: HashMap<FileId, Vec<(Option<u16>, &str)>> = HashMap::new();
    for n in &cat.notes {
        if let NoteKind::Lacks {
            rules,
            sheet,
            columns_only: false,
            ..
        } = &n.kind
        {
            m.entry(n.loc.file)
                .or_default()
                .extend(rules.iter().map(|r| (*sheet, r.as_str())));
        }
    }
    m
}

/// Rules declared not applicable to the whole of each file, by file.
fn lacking_whole(cat: &Catalog) -> HashMap<FileId, Vec<&str>> {
    lacking(cat)
        .into_iter()
        .map(|(f, l)| (f, l.into_iter().filter(|(s, _)| s.is_none()).map(|(_, r)| r).collect()))
        .collect()
}

/// Whether a note scoped to `sheet` (all sheets: `None`) covers what is at `loc`.
fn in_scope(sheet: Option<u16>, loc: Loc) -> bool {
    match (sheet, loc.pos) {
        (None, _) => true,
        (Some(s), Pos::Cell { sheet, .. }) => s == sheet,
        (Some(_), _) => false,
    }
}

/// Rules declared not applicable to the whole of any file of the catalog (for a catalog of one
/// file: to it); those of one sheet are dropped from the findings afterwards ([`filter`]).
pub fn lacking_in(cat: &Catalog) -> Vec<&str> {
    lacking_whole(cat).into_values().flatten().collect()
}

/// Drop findings of rules that a file's profile declares not applicable (F023 says so once).
pub fn filter(cat: &Catalog, diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let m = lacking(cat);
    if m.is_empty() {
        return diags;
    }
    diags
        .into_iter()
        .filter(|d| {
            let at = d.item.and_then(|i| cat.items.get(i)).map_or(d.loc, |it| it.loc);
            !m.get(&at.file)
                .is_some_and(|rules| rules.iter().any(|(s, r)| *r == d.code.as_ref() && in_scope(*s, at)))
        })
        .collect()
}

/// Rules no file with items needs: not run at all (a rule's work on 2,000 items that all lack
/// the concept is wasted, and F001's suggestions are not cheap).
pub fn needless(cat: &Catalog) -> Vec<String> {
    let m = lacking_whole(cat);
    let files: std::collections::HashSet<FileId> = cat.items.iter().map(|i| i.loc.file).collect();
    let Some(first) = files.iter().next() else {
        return Vec::new();
    };
    let Some(rules) = m.get(first) else { return Vec::new() };
    rules
        .iter()
        .filter(|r| files.iter().all(|f| m.get(f).is_some_and(|l| l.contains(r))))
        .filter(|r| {
            // F001 also reports catalog-level extras (header, bundles, laws): keep it for those.
            **r != "F001" || (cat.extra.is_empty() && cat.header.extra.is_empty())
        })
        .map(|r| r.to_string())
        .collect()
}
