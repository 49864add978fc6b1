use crate::diag::Severity;
use crate::model::Item;
use crate::model::taxonomy::RankField;
use crate::rules::{Ctx, Family, Out, Rule, RuleMeta};
use crate::{msg, page};

/// ## 检查什么
/// 分类各等级（界、门 …）的取值必须在分类文件允许的范围内，例如事项类型只能是行政许可、
/// 行政处罚 … 其他行政权力、公共服务 等。
///
/// ## 为什么
/// 一套词汇、一个形状：同一类事项在各部门、各层级必须归入同一个类型，清单才能汇总、比对。
/// “行政审批”“审批类”之类的自创类型会让事项从统计中消失。
///
/// ## 如何修复
/// 改用分类文件（默认 `rules/taxonomy.yaml`，可在 catalog.toml 中用 `taxonomy` 指定本省的文件）
/// 列出的值。
///
/// ## 示例
/// ```yaml
/// phylum: 行政审批
/// ```
/// 改为：
/// ```yaml
/// phylum: 行政许可
/// ```
/// ---
/// ## What it does
/// Checks that each taxonomy rank (kingdom, phylum …) holds a value the taxonomy file allows —
/// e.g. an item type must be one of 行政许可 … 其他行政权力, 公共服务.
///
/// ## Why is this bad?
/// One vocabulary across departments and tiers is what makes lists comparable; home-made types
/// such as 行政审批 drop items out of every count.
///
/// ## How to fix
/// Use a value listed in the taxonomy file (`rules/taxonomy.yaml` by default; a province may set
/// its own with `taxonomy` in catalog.toml).
///
/// ## Example
/// ```yaml
/// phylum: 行政审批
/// ```
/// Use instead:
/// ```yaml
/// phylum: 行政许可
/// ```
pub struct RankValueNotAllowed;

impl Rule for RankValueNotAllowed {
    fn meta(&self) -> RuleMeta {
        RuleMeta::new(
            "X001",
            "rank-value-not-allowed",
            Family::Taxonomy,
            Severity::Error,
            "分类取值不在允许范围内",
            "taxonomy value not allowed",
            page!(RankValueNotAllowed),
        )
    }
    fn check_item(&self, cx: &Ctx, i: usize, item: &Item, out: &mut Out) {
        let tax = cx.taxonomy;
        for (r, rank) in tax.ranks.iter().enumerate() {
            let RankField::Item(f) = rank.field else { continue };
            let Some(value) = tax.value(r, item) else { continue };
            // Every item asks, so the allowed values are walked in place; listed only for a finding.
            let allowed = || -> Box<dyn Iterator<Item = &String> + '_> {
                match (&rank.def.within, &rank.def.values) {
                    (Some(w), _) => Box::new(w.values().flatten()),
                    (None, Some(v)) => Box::new(v.iter()),
                    (None, None) => Box::new(std::iter::empty()),
                }
            };
            if rank.def.within.is_none() && rank.def.values.is_none() {
                continue;
            }
            // Another spelling of an allowed value is X008's.
            if !rank.def.allows(value) && rank.def.canonical(value).is_none() {
                let shown = allowed().map(String::as_str).collect::<Vec<_>>().join("、");
                let at = item.at(f);
                // A YAML catalog speaks the taxonomy's ranks (事项类型（门）); a sheet or an export
                // its own column (权力类型).
                let yaml = matches!(cx.source_kind(at), Some(crate::model::SourceKind::Yaml) | None);
                let name = if yaml {
                    format!("{}（{}）", rank.def.label, rank.def.rank)
                } else {
                    cx.field_name(at, f).0
                };
                out.item(
                    i,
                    at,
                    msg!("{}“{}”不在允许的取值中", name, value;
                    "{} '{}' is not an allowed value", rank.def.en.as_deref().unwrap_or(&rank.def.id), value),
                )
                .help(msg!("允许的取值：{}", shown; "allowed: {}", shown));
            }
        }
    }
}
