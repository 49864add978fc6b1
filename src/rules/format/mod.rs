//! F: the file itself.

pub mod cell_problem;
pub mod conflicting_columns;
pub mod detail_without_item;
pub mod hidden_content;
pub mod not_applicable;
pub mod unknown_field;
pub mod unused_suppression;
