use crate::diag::Severity;
use crate::model::F;
use crate::model::code::PowerCode;
use crate::rules::{Ctx, Family, Out, Rule, RuleMeta};
use crate::{msg, page};
use foldhash::HashMap;

/// ## 检查什么
/// 权力基本码主项序号相同（如 `许可-00977-…`）的事项，**主项名称**必须相同。
///
/// ## 为什么
/// 主项序号就是主项（目）。同一个主项号下出现“食品经营许可”和“食品经营许可证核发”两个名称，
/// 分类树会裂成两支，版本比对和统计都把它们当成两个主项。
///
/// ## 如何修复
/// 统一为上级目录公布的主项名称。
///
/// ## 示例
/// ```yaml
/// - {code: 许可-00977-001, main_item: 食品经营许可}
/// - {code: 许可-00977-002, main_item: 食品经营许可证核发}
/// ```
/// 改为：
/// ```yaml
/// - {code: 许可-00977-001, main_item: 食品经营许可}
/// - {code: 许可-00977-002, main_item: 食品经营许可}
/// ```
/// ---
/// ## What it does
/// Checks that items whose power codes share a main-item number (`许可-00977-…`) share one
/// **main item name**.
///
/// ## Why is this bad?
/// The main-item number *is* the main item (目). Two names under one number split the taxonomy
/// tree in two, and diffs and counts treat them as two main items.
///
/// ## How to fix
/// Use the main item name published in the upper catalog for all of them.
///
/// ## Example
/// ```yaml
/// - {code: 许可-00977-001, main_item: 食品经营许可}
/// - {code: 许可-00977-002, main_item: 食品经营许可证核发}
/// ```
/// Use instead:
/// ```yaml
/// - {code: 许可-00977-001, main_item: 食品经营许可}
/// - {code: 许可-00977-002, main_item: 食品经营许可}
/// ```
pub struct MainItemNameMismatch;

impl Rule for MainItemNameMismatch {
    fn meta(&self) -> RuleMeta {
        RuleMeta::new(
            "K007",
            "main-item-name-mismatch",
            Family::Code,
            Severity::Warning,
            "同一主项编码下主项名称不一致",
            "one main-item number, several main item names",
            page!(MainItemNameMismatch),
        )
    }
    fn check_catalog(&self, cx: &Ctx, out: &mut Out) {
        // first name seen per 主项 number, with the item that set it
        let mut first: HashMap<(&str, &str), (&str, usize)> = HashMap::default();
        for (i, item) in cx.catalog.items.iter().enumerate() {
            let Some(code) = item.code().and_then(|c| PowerCode::parse(c.trim())) else {
                continue;
            };
            let Some(name) = item.main_item().map(str::trim) else {
                continue;
            };
            let (seen, at) = *first.entry(code.main_key()).or_insert((name, i));
            if seen != name {
                let other = &cx.catalog.items[at];
                let line = other.at(F::MainItem).line().unwrap_or(0);
                out.item(i, item.at(F::MainItem), msg!("主项编码 {}-{} 的主项名称是“{}”（第 {} 行），这里写成“{}”", code.prefix, code.main, seen, line, name;
                    "main item {}-{} is named '{}' (line {}), here '{}'", code.prefix, code.main, seen, line, name))
                    .help(msg!("同一主项编码只用一个主项名称"; "use one main item name per main-item number"));
            }
        }
    }
}
