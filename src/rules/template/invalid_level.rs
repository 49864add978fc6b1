use crate::diag::Severity;
use crate::model::{F, Item, Level};
use crate::rules::{Ctx, Family, Out, Rule, RuleMeta};
use crate::{msg, page};

/// ## 检查什么
/// 事项层级必须是 国家级、省级、市级、县级、乡镇级、村级 之一（常见写法如 区县级、
/// 镇（乡、街道）级、村（社区）级 也能识别）。开发区、高新区等功能区的管委会按县级读（统计用区划
/// 代码把它们编为县级单位）；分级管理、属地、全省 这类说明不是层级，不报错，也不算任何层级。
///
/// ## 为什么
/// 层级决定实施编码的层级位，也是各级清单比对的依据。写错的层级（如“县区镇级”）会让
/// 统计和比对把事项放错层级。
///
/// ## 如何修复
/// 改为标准写法。可识别的写法列在 `rules/levels.yaml`。
///
/// ## 示例
/// ```yaml
/// level: 县区镇级
/// ```
/// 改为：
/// ```yaml
/// level: [县级, 乡镇级]
/// ```
/// ---
/// ## What it does
/// Checks that each level is one of 国家级, 省级, 市级, 县级, 乡镇级, 村级 (common spellings such
/// as 区县级 or 镇（乡、街道）级 are recognized). A development zone's committee (开发区, 高新区) reads
/// as 县级 (the statistical division codes make these zones county-level units); notes that name
/// no tier (分级管理, 属地, 全省) are no error and count as no level.
///
/// ## Why is this bad?
/// The level fixes the level digit of the implementation code and is the key for comparing lists
/// across tiers; an unknown level puts the item in the wrong place.
///
/// ## How to fix
/// Use a standard level. Recognized spellings are listed in `rules/levels.yaml`.
///
/// ## Example
/// ```yaml
/// level: 县区镇级
/// ```
/// Use instead:
/// ```yaml
/// level: [县级, 乡镇级]
/// ```
pub struct InvalidLevel;

impl Rule for InvalidLevel {
    fn meta(&self) -> RuleMeta {
        RuleMeta::new(
            "T003",
            "invalid-level",
            Family::Template,
            Severity::Error,
            "事项层级不是有效的层级",
            "level is not a valid level",
            page!(InvalidLevel),
        )
    }
    fn check_item(&self, cx: &Ctx, i: usize, item: &Item, out: &mut Out) {
        for l in item.levels() {
            if !l.value.trim().is_empty() && Level::parse_many(l.value).is_none() {
                let level = cx.column_name(l.loc, F::Level);
                out.item(i, l.loc, msg!("“{}”不是有效的{}", l.value, level; "'{}' is not a valid level", l.value))
                    .help(msg!("应为 国家级、省级、市级、县级、乡镇级、村级 之一"; "use one of 国家级, 省级, 市级, 县级, 乡镇级, 村级"));
            }
        }
    }
}
