use super::parsed_implementation_code;
use crate::diag::Severity;
use crate::model::{F, Item, Level};
use crate::rules::{Ctx, Family, Out, Rule, RuleMeta};
use crate::{msg, page};

/// ## 检查什么
/// 实施编码第 19 位（行使层级位：1 国家级、2 省级、3 市级、4 县级、5 乡镇级、6 村级）
/// 与事项的**事项层级**一致。
///
/// ## 为什么
/// 层级位决定事项在平台上归哪一级统计和监管。县级清单里的事项编码写成市级（3），
/// 认领时会被算到市里，四级四同比对也会错位。
///
/// ## 如何修复
/// 按实际行使层级改正实施编码的第 19 位，或改正事项层级。
///
/// ## 示例
/// ```yaml
/// level: 县级
/// implementation_code: "1133030200262035833330302001001"
/// ```
/// 改为：
/// ```yaml
/// level: 县级
/// implementation_code: "1133030200262035834330302001001"
/// ```
/// ---
/// ## What it does
/// Checks that character 19 of the implementation code (the level digit: 1 national, 2 province,
/// 3 city, 4 county, 5 township, 6 village) agrees with the item's **level**.
///
/// ## Why is this bad?
/// The level digit decides at which level the item is counted and supervised. A county item coded
/// as city level (3) is claimed by the city and misaligns cross-level comparison.
///
/// ## How to fix
/// Correct character 19 of the code to the level that exercises the power, or correct the level.
///
/// ## Example
/// ```yaml
/// level: 县级
/// implementation_code: "1133030200262035833330302001001"
/// ```
/// Use instead:
/// ```yaml
/// level: 县级
/// implementation_code: "1133030200262035834330302001001"
/// ```
pub struct LevelDigitMismatch;

impl Rule for LevelDigitMismatch {
    fn meta(&self) -> RuleMeta {
        RuleMeta::new(
            "K003",
            "level-digit-mismatch",
            Family::Code,
            Severity::Error,
            "实施编码的层级位与事项层级不一致",
            "implementation code level digit disagrees with the item's level",
            page!(LevelDigitMismatch),
        )
    }
    fn check_item(&self, cx: &Ctx, i: usize, item: &Item, out: &mut Out) {
        let Some((code, loc)) = parsed_implementation_code(item) else {
            return;
        };
        let levels: Vec<Level> = item
            .levels()
            .iter()
            .filter_map(|l| Level::parse_many(l.value))
            .flatten()
            .collect();
        if levels.is_empty() || levels.iter().any(|l| l.digit() == code.level) {
            return;
        }
        let named: Vec<&str> = levels.iter().map(|l| l.name()).collect();
        let coded = Level(code.level).name();
        // The level as the source heads it (行使层级 in a sheet, level in YAML).
        let (zh, en) = cx.field_name(item.at(F::Level), F::Level);
        out.item(i, loc, msg!("实施编码的层级位是 {}（{}），但{}是{}", code.level, coded, zh, named.join("、");
            "the implementation code's level digit is {} ({}) but the {} is {}", code.level, coded, en, named.join(", ")))
            .help(msg!("层级位：1 国家级 2 省级 3 市级 4 县级 5 乡镇级 6 村级"; "level digits: 1 national, 2 province, 3 city, 4 county, 5 township, 6 village"));
    }
}
