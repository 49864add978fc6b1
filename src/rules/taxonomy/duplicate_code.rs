use crate::diag::Severity;
use crate::model::{F, Loc, Pos};
use crate::rules::{Ctx, Family, Out, Rule, RuleMeta};
use crate::{msg, page};

/// ## 检查什么
/// 事项编码在整个清单（包括目录中的所有文件）中必须唯一。
///
/// ## 为什么
/// 事项编码是事项的唯一标识：比对版本、认领上级事项、组合“一件事”、统计都靠它。两个事项
/// 用同一个编码，其中一个就会在比对中“消失”或被张冠李戴。
///
/// ## 如何修复
/// 为重复的事项分配新的编码（办理项编号顺延，如 -01、-02），或删除重复录入的事项。
/// 同一事项的不同业务办理项不算重复：办公表格常在“事项编码”列填事项的基本编码，由实施编码
/// 末两位（办理项编号）区分各办理项——两个事项的 33 位实施编码只有末两位不同时不报告；
/// 权力清单把主项的编码合并在其各子项之上时，同一主项下不同子项共用该编码，也不报告。
/// 没有事项编码列的表格查实施编码（没有实施编码时查基本编码）：33 位的业务办理项编码带着办理项
/// 编号，只标识一个办理项，重复即报告；31 位的实施编码和基本编码由同一事项的各办理项共用（同一
/// 主项下，或名称同为“食品经营许可（新办）”“食品经营许可（变更）”），只有两个不同事项共用时才报告。
///
/// ## 示例
/// ```yaml
/// - {code: "许可-00977-001-01", name: 食品经营许可（新办）}
/// - {code: "许可-00977-001-01", name: 食品经营许可（变更）}
/// ```
/// 改为：
/// ```yaml
/// - {code: "许可-00977-001-01", name: 食品经营许可（新办）}
/// - {code: "许可-00977-001-02", name: 食品经营许可（变更）}
/// ```
/// ---
/// ## What it does
/// Checks that item codes are unique across the whole catalog (every file of a directory). A sheet
/// with no item code column has its 实施编码 checked (else its 基本编码): a 33-character
/// 业务办理项编码 names one 办理项; the 31-character 实施编码 and the 基本编码 are shared by a 事项's
/// 办理项 (rows of one 主项, or named 食品经营许可（新办）, 食品经营许可（变更）), so they are reported
/// only when two different 事项 share one.
///
/// ## Why is this bad?
/// The code identifies the item for diffs, claims against the upper catalog, bundles and counts;
/// two items with one code make one of them vanish or be mistaken for the other.
///
/// ## How to fix
/// Give one of them a new code (next 办理项 number, -01, -02 …) or remove the duplicate entry.
/// 办理项 of one 事项 are not duplicates: office sheets often put the 事项's basic code in the
/// 事项编码 column and tell its 办理项 apart by the last two digits of the 33-character 实施编码;
/// items whose 实施编码 differ only there are not reported; nor are the 子项 of one 主项 sharing the
/// 主项's code, as a power list with the code cell merged over its 子项 rows has them.
///
/// ## Example
/// ```yaml
/// - {code: "许可-00977-001-01", name: 食品经营许可（新办）}
/// - {code: "许可-00977-001-01", name: 食品经营许可（变更）}
/// ```
/// Use instead:
/// ```yaml
/// - {code: "许可-00977-001-01", name: 食品经营许可（新办）}
/// - {code: "许可-00977-001-02", name: 食品经营许可（变更）}
/// ```
pub struct DuplicateCode;

impl Rule for DuplicateCode {
    fn meta(&self) -> RuleMeta {
        RuleMeta::new(
            "X004",
            "duplicate-code",
            Family::Taxonomy,
            Severity::Error,
            "事项编码重复",
            "duplicate item code",
            page!(DuplicateCode),
        )
    }
    fn check_catalog(&self, cx: &Ctx, out: &mut Out) {
        for (code, idx) in cx.by_code() {
            // Codes Excel rounded alike (3.30217E+11) are K011's: their likeness is the rounding.
            if idx.len() < 2 || crate::rules::code::scientific_notation_code::is_scientific(code) {
                continue;
            }
            let first = &cx.catalog.items[idx[0]];
            // Where the first stands as the user finds it: `file:line` or `file › sheet › cell`.
            let at = crate::report::place(cx.catalog, first.loc);
            let impl_code = |i: usize| {
                cx.catalog.items[i]
                    .text(F::ImplementationCode)
                    .map(str::trim)
                    .filter(|c| !c.is_empty())
            };
            for (k, &i) in idx.iter().enumerate().skip(1) {
                let item = &cx.catalog.items[i];
                // 子项 of one 主项 whose code cell is merged over them (the 主项's code).
                let sub = |j: usize| {
                    let it = &cx.catalog.items[j];
                    (it.text(F::MainItem).map(str::trim), it.text(F::SubItem).map(str::trim))
                };
                if let (Some(main), Some(own)) = sub(i)
                    && idx[..k]
                        .iter()
                        .all(|&j| matches!(sub(j), (Some(m), Some(s)) if m == main && s != own))
                {
                    continue;
                }
                // 办理项 of one 事项: 33-character 实施编码 alike but for the 办理项 number.
                if let Some(own) = impl_code(i).filter(|c| c.len() == 33)
                    && idx[..k]
                        .iter()
                        .all(|&j| impl_code(j).is_some_and(|c| c.len() == 33 && c[..31] == own[..31] && c != own))
                {
                    continue;
                }
                let column = cx.column_name(item.at(F::Code), F::Code);
                out.item(
                    i,
                    own_row(item.at(F::Code), item.loc),
                    msg!("{}“{}”重复，已用于 {} 的“{}”", column, code, at, first.name().unwrap_or("?");
                    "item code '{}' is already used by '{}' at {}", code, first.name().unwrap_or("?"), at),
                );
            }
        }
        // Items with no 事项编码 are known by their 实施编码 (31 characters, or 33 with the
        // 办理项 number), else their 基本编码. The 33-character code names one 办理项; the 31-character
        // one and the 基本编码 are shared by the 办理项 of one 事项 (rows of one 主项, or named
        // after one 事项: 食品经营许可（新办）, 食品经营许可（变更）), so only items of two 事项 sharing
        // one are duplicates.
        let mut by_other: foldhash::HashMap<&str, Vec<(usize, F)>> = Default::default();
        for (i, it) in cx.catalog.items.iter().enumerate() {
            if it.code().is_some_and(|c| !c.trim().is_empty()) {
                continue;
            }
            let impl_code = it
                .text(F::ImplementationCode)
                .map(str::trim)
                .filter(|c| matches!(c.chars().count(), 31 | 33));
            let key = match impl_code {
                Some(c) => Some((c, F::ImplementationCode)),
                None => it
                    .text(F::BasicCode)
                    .map(str::trim)
                    .filter(|c| c.bytes().any(|b| b.is_ascii_digit()))
                    .map(|c| (c, F::BasicCode)),
            };
            if let Some((c, f)) = key {
                by_other.entry(c).or_default().push((i, f));
            }
        }
        let mut groups: Vec<_> = by_other.into_iter().filter(|(_, idx)| idx.len() > 1).collect();
        groups.sort_by_key(|(_, idx)| idx[0].0);
        for (code, idx) in groups {
            let shared = code.chars().count() != 33;
            let first = &cx.catalog.items[idx[0].0];
            let at = crate::report::place(cx.catalog, first.loc);
            for (k, &(i, f)) in idx.iter().enumerate().skip(1) {
                let item = &cx.catalog.items[i];
                if shared && idx[..k].iter().any(|&(j, _)| one_matter(&cx.catalog.items[j], item)) {
                    continue;
                }
                let column = cx.column_name(item.at(f), f);
                out.item(
                    i,
                    item.at(f),
                    msg!("{}“{}”重复，已用于 {} 的“{}”", column, code, at, first.name().unwrap_or("?");
                    "{} '{}' is already used by '{}' at {}", column, code, first.name().unwrap_or("?"), at),
                );
            }
        }
    }
}

/// Two items are 办理项 (or 子项) of one 事项: one 主项, or, with none, one name before the
/// bracket naming the 办理项 (`食品经营许可（新办）`).
fn one_matter(a: &crate::model::Item, b: &crate::model::Item) -> bool {
    fn stem(s: &str) -> &str {
        s.split(['（', '(']).next().unwrap_or(s).trim()
    }
    match (a.main_item().map(str::trim), b.main_item().map(str::trim)) {
        (Some(x), Some(y)) if !x.is_empty() && !y.is_empty() => x == y,
        _ => matches!((a.name(), b.name()), (Some(x), Some(y)) if stem(x) == stem(y)),
    }
}

fn own_row(code: Loc, item: Loc) -> Loc {
    match (code.pos, item.pos) {
        (Pos::Cell { sheet, row, col, .. }, Pos::Cell { sheet: s, row: r, .. }) if s == sheet && row < r => {
            Loc::cell(code.file, sheet, r, col)
        }
        _ => code,
    }
}
