//! F: the file itself.

pub mod unknown_field;
