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
