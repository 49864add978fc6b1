//! X: taxonomy integrity — values per rank, the tree's shape, unique codes and names.

pub mod duplicate_code;
pub mod duplicate_sibling_name;
pub mod missing_type;
pub mod placeholder_main_item;
pub mod rank_value_not_allowed;
pub mod sub_item_under_two_main_items;
pub mod type_outside_kingdom;
pub mod type_spelling;
