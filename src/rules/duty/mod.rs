//! D: responsibility (责任清单) — supervision shares, 谁审批谁监管, one lead department.

pub mod approver_not_supervising;
pub mod invalid_shares;
pub mod lead_department;

use crate::model::{F, Item, Loc};

/// Where a finding about the supervision list points.
pub fn supervision_loc(item: &Item) -> Loc {
    item.lists_loc.supervision.unwrap_or(item.loc)
}

/// A department name as compared (spaces removed).
pub fn dept_key(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The department of a duty entry.
pub fn duty_department(d: &crate::model::Duty) -> Option<&str> {
    d.fields.text(F::DutyDepartment).filter(|s| !s.trim().is_empty())
}
