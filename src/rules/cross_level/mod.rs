//! S: cross-level consistency (四级四同) against the upper-level catalog this one implements
//! (`catalog.base` in the header, or `--base FILE`).

pub mod basis_differs;
pub mod name_differs;
pub mod self_created_licence;
pub mod type_differs;
pub mod unclaimed_upstream;

use crate::error::Error;
use crate::model::code::{PowerCode, is_basic_code};
use crate::model::{Catalog, F, Item, Pos};
use crate::rules::code::parsed_implementation_code;
use std::collections::HashMap;

/// The keys an item is matched by across levels: its 基本编码 (field or inside the 实施编码)
/// and its 权力基本码.
pub fn keys(item: &Item) -> impl Iterator<Item = &str> {
    let basic = item
        .text(F::BasicCode)
        .map(str::trim)
        .filter(|b| is_basic_code(b))
        .or_else(|| parsed_implementation_code(item).map(|(c, _)| c.basic));
    let power = item.code().map(str::trim).filter(|c| PowerCode::parse(c).is_some());
    basic.into_iter().chain(power)
}

/// A name as compared across levels: no spaces, brackets folded to full width.
pub fn name_key(s: &str) -> String {
    crate::rules::material::name_key(s)
}

/// Upstream items by key, built once per rule run (O(n)).
pub struct Index<'a> {
    pub base: &'a Catalog,
    by_key: HashMap<&'a str, usize>,
    by_name: HashMap<String, usize>,
}

impl<'a> Index<'a> {
    pub fn new(base: &'a Catalog) -> Index<'a> {
        let mut by_key = HashMap::new();
        let mut by_name = HashMap::new();
        for (i, it) in base.items.iter().enumerate() {
            for k in keys(it) {
                by_key.entry(k).or_insert(i);
            }
            if let Some(n) = it.name() {
                by_name.entry(name_key(n)).or_insert(i);
            }
        }
        Index { base, by_key, by_name }
    }
    /// The upstream item sharing a code with `item`.
    pub fn by_code(&self, item: &Item) -> Option<&'a Item> {
        keys(item)
            .find_map(|k| self.by_key.get(k))
            .map(|&i| &self.base.items[i])
    }
    /// The upstream item sharing a code, else a name, with `item`.
    pub fn find(&self, item: &Item) -> Option<&'a Item> {
        self.by_code(item).or_else(|| {
            item.name()
                .and_then(|n| self.by_name.get(&name_key(n)))
                .map(|&i| &self.base.items[i])
        })
    }
}

/// `file:line` of an upstream item, for messages.
pub fn where_upstream(base: &Catalog, item: &Item) -> String {
    let file = base
        .sources
        .get(item.loc.file as usize)
        .map(|s| s.display.as_str())
        .unwrap_or("?");
    match item.loc.line() {
        Some(l) => format!("{file}:{l}"),
        None => file.to_string(),
    }
}

/// Load the upper-level catalog named by the header's `base:` (a path relative to the file that
/// declares it). `Ok(None)` when the catalog declares none.
pub fn load_declared_base(catalog: &Catalog) -> Result<Option<Catalog>, Error> {
    let Some((rel, loc)) = catalog.header.fields.text_at(F::Base) else {
        return Ok(None);
    };
    let rel = rel.trim();
    if rel.is_empty() {
        return Ok(None);
    }
    let declared_in = catalog.sources.get(loc.file as usize).map(|s| s.path.as_path());
    let dir = declared_in
        .and_then(|p| p.parent())
        .unwrap_or(std::path::Path::new("."));
    let path = dir.join(rel);
    if !path.exists() {
        let (line, col) = match loc.pos {
            Pos::Text { line, col, .. } => (line, col),
            _ => (1, 1),
        };
        let file = declared_in.unwrap_or(std::path::Path::new("."));
        return Err(Error::at(
            file,
            line,
            col,
            format!("上级目录“{}”不存在（相对于本文件所在目录，即 {}）", rel, path.display()),
            format!(
                "base catalog '{}' not found (relative to this file's folder: {})",
                rel,
                path.display()
            ),
        ));
    }
    crate::load::load_paths(&[path], &Default::default()).map(Some)
}
