use super::bundle_name;
use crate::diag::Severity;
use crate::model::F;
use crate::rules::{Ctx, Family, Out, Rule, RuleMeta};
use crate::{msg, page};

/// ## 检查什么
/// “一件事”（`bundles:`）引用的每个事项编码都必须是本清单中存在的事项。
///
/// ## 为什么
/// 一件事把多个事项合成一次申请（一次告知、一表申请、一套材料）。引用了不存在的编码，
/// 这件事在受理时就缺了一个环节，群众还得另跑一趟。多半是事项调整后编码改了、一件事没跟着改。
///
/// ## 如何修复
/// 改成现行事项的编码，或从一件事中删除已取消的事项。
///
/// ## 示例
/// ```yaml
/// bundles:
///   - {name: 开办餐饮店, items: [许可-00977-001-01, 许可-09999-001]}
/// ```
/// 改为：
/// ```yaml
/// bundles:
///   - {name: 开办餐饮店, items: [许可-00977-001-01, 许可-00321-001-01]}
/// ```
/// ---
/// ## What it does
/// Checks that every item code a bundle (一件事, `bundles:`) refers to is an item of this catalog.
///
/// ## Why is this bad?
/// A bundle merges several items into one application. A code that resolves to nothing leaves a
/// hole in it, and the applicant has to come back. Usually an item's code changed and the bundle
/// was not updated.
///
/// ## How to fix
/// Use the current item's code, or drop a cancelled item from the bundle.
///
/// ## Example
/// ```yaml
/// bundles:
///   - {name: 开办餐饮店, items: [许可-00977-001-01, 许可-09999-001]}
/// ```
/// Use instead:
/// ```yaml
/// bundles:
///   - {name: 开办餐饮店, items: [许可-00977-001-01, 许可-00321-001-01]}
/// ```
pub struct UnknownBundleItem;

impl Rule for UnknownBundleItem {
    fn meta(&self) -> RuleMeta {
        RuleMeta::new(
            "U001",
            "unknown-bundle-item",
            Family::Bundle,
            Severity::Error,
            "一件事引用了不存在的事项编码",
            "bundle refers to an unknown item code",
            page!(UnknownBundleItem),
        )
    }
    fn check_catalog(&self, cx: &Ctx, out: &mut Out) {
        for b in &cx.catalog.bundles {
            let refs = b.fields.list(F::BundleItems);
            if refs.is_empty() {
                out.at(
                    b.loc,
                    msg!("一件事“{}”没有列出包含的事项", bundle_name(b); "bundle '{}' lists no items", bundle_name(b)),
                );
                continue;
            }
            for r in refs {
                let code = r.value.trim();
                if !code.is_empty() && !cx.by_code().contains_key(code) {
                    out.at(
                        r.loc,
                        msg!("一件事“{}”引用的事项编码“{}”在清单中不存在", bundle_name(b), code;
                        "bundle '{}' refers to item code '{}', which is not in the catalog", bundle_name(b), code),
                    )
                    .help(msg!("改为现行事项的编码"; "use the current item's code"));
                }
            }
        }
    }
}
