use crate::diag::Severity;
use crate::model::Item;
use crate::model::taxonomy::RankField;
use crate::rules::{Ctx, Family, Out, Rule, RuleMeta};
use crate::{msg, page};

/// ## 检查什么
/// 分类取值（多为事项类型、权力类型）写成了各地清单的其他说法（“行政强制措施”“处罚”“其他权力”），
/// 而不是分类文件中的规范取值。可识别的说法列在分类文件的 `spellings:` 中（rules/taxonomy.yaml）。
///
/// ## 为什么
/// 工具按规范取值读懂了这些说法（清单类别、编码前缀照常核对），但按类型统计、筛选和与上级
/// 目录比对时，同一类型写法不一就会分成几类。
///
/// ## 如何修复
/// 改为规范取值，如“行政强制措施”“行政强制执行”写作“行政强制”；来源是 YAML 时
/// `catalog lint --fix --unsafe-fixes` 会改写。
///
/// ## 示例
/// ```yaml
/// phylum: 行政强制措施
/// ```
/// 改为：
/// ```yaml
/// phylum: 行政强制
/// ```
/// ---
/// ## What it does
/// Reports a taxonomy value (mostly the item type) written as another list's spelling (行政强制措施,
/// 处罚, 其他权力) rather than the taxonomy's allowed value; the known spellings are the taxonomy
/// file's `spellings:` (rules/taxonomy.yaml).
///
/// ## Why is this bad?
/// The tool reads the spelling as the allowed value, but counts, filters and comparisons with the
/// upper catalog split one type into several.
///
/// ## How to fix
/// Write the allowed value (行政强制 for 行政强制措施 and 行政强制执行); for a YAML source
/// `catalog lint --fix --unsafe-fixes` rewrites it.
///
/// ## Example
/// ```yaml
/// phylum: 行政强制措施
/// ```
/// Use instead:
/// ```yaml
/// phylum: 行政强制
/// ```
pub struct TypeSpelling;

impl Rule for TypeSpelling {
    fn meta(&self) -> RuleMeta {
        RuleMeta::new(
            "X008",
            "type-spelling",
            Family::Taxonomy,
            Severity::Info,
            "分类取值未使用规范写法",
            "taxonomy value not written as the allowed value",
            page!(TypeSpelling),
        )
    }
    fn check_item(&self, cx: &Ctx, i: usize, item: &Item, out: &mut Out) {
        for rank in &cx.taxonomy.ranks {
            let RankField::Item(f) = rank.field else { continue };
            let Some((value, at)) = item.fields.text_at(f) else {
                continue;
            };
            let Some(canonical) = rank.def.canonical(value) else {
                continue;
            };
            let v = value.trim();
            let name = cx.field_name(at, f).0;
            let d = out.item(
                i,
                at,
                msg!("{}“{}”应写作“{}”", name, v, canonical; "write the {} '{}' as '{}'", rank.def.en.as_deref().unwrap_or(&rank.def.id), v, canonical),
            );
            let start = value.find(v).unwrap_or(0);
            if let Some(fix) = crate::fix::in_value(cx.catalog, at, value, start, start + v.len(), canonical, false) {
                d.fix(fix);
            }
        }
    }
}
