//! K: codes (编码) — 实施编码, its USCC and level digit, 基本编码, Zhejiang 权力基本码.

pub mod basic_code_mismatch;
pub mod code_out_of_scheme;
pub mod composite_code;
pub mod level_digit_mismatch;
pub mod main_item_name_mismatch;
pub mod malformed_implementation_code;
pub mod malformed_power_code;
pub mod power_code_type_mismatch;
pub mod scientific_notation_code;
pub mod sub_code_outside_main;
pub mod uscc_check_digit;
pub mod uscc_region_outside;

use crate::model::code::ImplementationCode;
use crate::model::{F, Item, Loc, Pos};
use crate::rules::Ctx;

/// The item's 实施编码 as written (trimmed) with its location.
pub fn implementation_code(item: &Item) -> Option<(&str, Loc)> {
    item.fields
        .text_at(F::ImplementationCode)
        .map(|(s, l)| (crate::text::trim(s), l))
        .filter(|(s, _)| !s.is_empty())
}

/// The item's 实施编码, parsed, when it is well formed.
pub fn parsed_implementation_code(item: &Item) -> Option<(ImplementationCode<'_>, Loc)> {
    let (s, loc) = implementation_code(item)?;
    ImplementationCode::parse(s).ok().map(|c| (c, loc))
}

/// The item's 事项类型 (门), trimmed, in its canonical spelling (`行政许可类`, `许可事项` → 行政许可), as the run's
/// taxonomy reads it: rules asking "is this a licence" read the type the office meant.
pub fn item_type<'s>(cx: &'s Ctx, item: &'s Item) -> Option<&'s str> {
    let ty = crate::text::trim(item.text(F::Phylum)?);
    let canonical = cx
        .taxonomy
        .rank_of_field(F::Phylum)
        .and_then(|(_, r)| r.def.canonical(ty));
    Some(canonical.unwrap_or(ty))
}

/// What `read` finds in each item, gathered per list — a sheet of a workbook, or the sheets of one
/// office (every item of each naming that one 实施主体: a workbook of a sheet per type is one
/// office's list; sheets per department, or a sheet of several, stay lists of their own), as codes
/// are schemed per list — with the item's index; lists in the order of their first item.
pub fn per_list<'a, T>(items: &'a [Item], read: impl Fn(&'a Item) -> Option<(T, Loc)>) -> Vec<Vec<(usize, T, Loc)>> {
    let sheet_of = |loc: Loc| match loc.pos {
        Pos::Cell { sheet, .. } => (loc.file, sheet as u32),
        _ => (loc.file, u32::MAX),
    };
    // A department's name has a few characters, one of them Chinese (not 无, 暂无, /).
    let named = |d: &str| d.chars().count() >= 3 && d.chars().any(crate::model::code::is_han);
    // Each sheet's one department, or None when its items name several.
    let mut office: foldhash::HashMap<(u32, u32), Option<&str>> = Default::default();
    for it in items {
        let Some(d) = it.text(F::Department).map(str::trim).filter(|d| named(d)) else {
            continue;
        };
        office
            .entry(sheet_of(it.loc))
            .and_modify(|o| {
                if *o != Some(d) {
                    *o = None;
                }
            })
            .or_insert(Some(d));
    }
    let list_of = |it: &'a Item| {
        let sheet = sheet_of(it.loc);
        match office.get(&sheet) {
            Some(Some(d)) => (sheet.0, u32::MAX, *d),
            _ => (sheet.0, sheet.1, ""),
        }
    };
    let mut at: foldhash::HashMap<(u32, u32, &str), usize> = Default::default();
    let mut lists: Vec<Vec<(usize, T, Loc)>> = Vec::new();
    for (i, it) in items.iter().enumerate() {
        if let Some((found, loc)) = read(it) {
            let k = *at.entry(list_of(it)).or_insert_with(|| {
                lists.push(Vec::new());
                lists.len() - 1
            });
            lists[k].push((i, found, loc));
        }
    }
    lists
}
