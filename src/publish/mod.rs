//! 办事指南 publishing: a static site (and Word documents) built from the catalog through view
//! structs and overridable minijinja templates.

pub mod attach;
pub mod bundle;
#[cfg(feature = "docx")]
pub mod docx;
#[cfg(feature = "pdf")]
pub mod pdf;
pub mod safe;
pub mod sample_md;
pub mod search;
pub mod site;
pub mod templates;
pub mod view;
