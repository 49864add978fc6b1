//! T: the five-part template — 事项名称 + 事项层级 + 办事情形 + 受理要点 + 材料范例.

pub mod invalid_level;
pub mod missing_level;
pub mod missing_name;
pub mod missing_sample;
pub mod name_level_mismatch;
pub mod no_acceptance_point;
pub mod no_material;
pub mod no_scenario;
pub mod sample_not_found;

/// Where and how to say that scenario `s` lacks a list (`f`: its entries' field): a named 情形
/// at its place, with `named` saying it; an item's only, unnamed 情形 (one row of an office sheet)
/// at the item's own cell of that column, named by the sheet's header (受理条件 is empty), not
/// as a scenario called “（未命名）”.
fn scenario_lacks(
    cx: &crate::rules::Ctx,
    item: &crate::model::Item,
    s: &crate::model::Scenario,
    f: crate::model::fields::F,
    named: impl FnOnce(&str) -> crate::i18n::Msg,
) -> (crate::model::Loc, crate::i18n::Msg) {
    if let Some(name) = s.name() {
        // In a sheet, at the scenario's empty cell of that column when it has one.
        return (
            cx.cell_in_row(s.loc, f)
                .or_else(|| cx.none_said_at(s.loc, f))
                .unwrap_or(s.loc),
            named(name),
        );
    }
    // A related sheet's 无 row joined to it: at that cell.
    let loc = cx.none_said_at(s.loc, f).unwrap_or_else(|| cx.at(item, f));
    let (zh, en) = cx.field_name(loc, f);
    (loc, crate::msg!("没有填写{}", zh; "no {} given", en))
}
