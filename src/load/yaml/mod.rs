//! Catalog YAML: parse once into located nodes, then map through the field dictionary.

pub mod map;
pub mod tree;

use crate::error::Error;
use crate::model::{Catalog, FileId};
use std::path::Path;

/// Load one YAML file's text as a catalog fragment (sources are filled in by the caller).
pub fn load_str(src: &str, path: &Path, file: FileId) -> Result<Catalog, Error> {
    let root = tree::parse(src, path)?;
    let mut m = map::Mapper::new(path, file);
    let cat = m.catalog(root);
    match Error::many(m.errors) {
        Some(e) => Err(e),
        None => Ok(cat),
    }
}
