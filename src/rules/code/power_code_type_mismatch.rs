use super::item_type;
use crate::diag::Severity;
use crate::model::code::{PowerCode, prefix_type, type_prefix};
use crate::model::{F, Item};
use crate::rules::{Ctx, Family, Out, Rule, RuleMeta};
use crate::{msg, page};

/// ## 检查什么
/// 权力基本码的前缀与**事项类型**一致：许可↔行政许可、处罚↔行政处罚、强制↔行政强制、
/// 征收↔行政征收、给付↔行政给付、检查↔行政检查、确认↔行政确认、奖励↔行政奖励、
/// 裁决↔行政裁决、其他↔其他行政权力；公共服务事项用“服务”前缀或不用权力基本码。
///
/// ## 为什么
/// 前缀就是类型。编码说“许可”而类型写“行政确认”，两者必有一错：统计口径、依申请事项筛选
/// （温州脚本按前缀选依申请事项）和办事指南的类型标签都会出错。
///
/// ## 如何修复
/// 按设定依据判断事项的真实类型，改正事项类型或编码前缀（改前缀需重新赋码）。
///
/// ## 示例
/// ```yaml
/// code: 许可-00977-001
/// phylum: 行政确认
/// ```
/// 改为：
/// ```yaml
/// code: 许可-00977-001
/// phylum: 行政许可
/// ```
/// ---
/// ## What it does
/// Checks that the power code's prefix agrees with the **item type**: 许可↔行政许可,
/// 处罚↔行政处罚 … 其他↔其他行政权力; a 公共服务 item uses the 服务 prefix or no power code.
///
/// ## Why is this bad?
/// The prefix *is* the type. A 许可 code on a 行政确认 item means one of them is wrong: counts,
/// selection of on-application items (Wenzhou scripts select by prefix) and guide labels go wrong.
///
/// ## How to fix
/// Decide the real type from the legal basis; fix the type or the prefix (a new prefix means a
/// new code).
///
/// ## Example
/// ```yaml
/// code: 许可-00977-001
/// phylum: 行政确认
/// ```
/// Use instead:
/// ```yaml
/// code: 许可-00977-001
/// phylum: 行政许可
/// ```
pub struct PowerCodeTypeMismatch;

impl Rule for PowerCodeTypeMismatch {
    fn meta(&self) -> RuleMeta {
        RuleMeta::new(
            "K006",
            "power-code-type-mismatch",
            Family::Code,
            Severity::Error,
            "权力基本码前缀与事项类型不一致",
            "power code prefix disagrees with the item type",
            page!(PowerCodeTypeMismatch),
        )
    }
    fn check_item(&self, cx: &Ctx, i: usize, item: &Item, out: &mut Out) {
        let Some(ty) = item_type(cx, item) else { return };
        let Some((code, loc)) = item.fields.text_at(F::Code) else {
            return;
        };
        let Some(pc) = PowerCode::parse(code.trim()) else {
            return;
        };
        // types without a prefix of their own (审核转报, 便民服务 …) are not judged
        if type_prefix(ty).is_none() {
            return;
        }
        let coded = prefix_type(pc.prefix).unwrap_or("?");
        if coded != ty {
            out.item(
                i,
                loc,
                msg!("编码前缀“{}”表示{}，但事项类型是{}", pc.prefix, coded, ty;
                "code prefix '{}' stands for {} but the item type is {}", pc.prefix, coded, ty),
            )
            .help(
                msg!("{}事项的权力基本码前缀应为“{}”", ty, type_prefix(ty).unwrap_or("?");
                    "a {} item's power code starts with '{}'", ty, type_prefix(ty).unwrap_or("?")),
            );
        }
    }
}
