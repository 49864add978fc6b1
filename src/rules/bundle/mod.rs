//! U: 一件事 bundles — references that resolve, materials asked once.

pub mod repeated_material;
pub mod unknown_item;

use crate::model::{Bundle, F};

/// The bundle's name for messages.
pub fn bundle_name(b: &Bundle) -> &str {
    b.fields
        .text(F::BundleName)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .unwrap_or("?")
}
