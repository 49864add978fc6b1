//! F: the file itself.

pub mod unknown_field;
pub mod unused_suppression;
