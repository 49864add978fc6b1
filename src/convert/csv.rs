//! Catalog → CSV (UTF-8 with BOM, so Excel opens Chinese text correctly): the item layout of the
//! xlsx writer on one sheet, with formula-like text neutralised (`safe::neutralize_formula`). CSV has no room for 清单信息, 一件事 or 法规库.

use super::table::{Cell, Table};
use crate::error::Error;
use crate::model::*;
use crate::safe::neutralize_formula;
use std::path::Path;

pub fn write(cat: &Catalog, path: &Path) -> Result<(), Error> {
    let werr = |e: &dyn std::fmt::Display| {
        Error::plain(
            Some(path),
            format!("无法写入 CSV：{e}"),
            format!("cannot write the CSV: {e}"),
        )
    };
    // Built in memory, then written by safe::write_atomic (never half a file; a device, pipe or
    // link is written, not replaced).
    let mut w = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    let t = Table::for_items(cat.items.iter());
    w.write_record(t.columns.iter().map(|c| neutralize_formula(&c.header).into_owned()))
        .map_err(|e| werr(&e))?;
    for (i, it) in cat.items.iter().enumerate() {
        for row in t.rows(it, i + 1) {
            // Text a spreadsheet would run as a formula gets an apostrophe (the CSV reader
            // drops it again); numbers are written as they are.
            w.write_record(row.iter().map(|c| match c {
                Cell::Text(s) => neutralize_formula(s).into_owned(),
                c => c.text(),
            }))
            .map_err(|e| werr(&e))?;
        }
    }
    let bytes = w.into_inner().map_err(|e| werr(&e))?;
    crate::safe::write_atomic(path, &bytes)
}

/// What a CSV cannot hold, to tell the user.
pub fn left_out(cat: &Catalog) -> Vec<&'static str> {
    let mut v = Vec::new();
    if !cat.header.fields.is_empty() || !cat.header.extra.is_empty() || !cat.extra.is_empty() {
        v.push("清单信息");
    }
    if !cat.bundles.is_empty() {
        v.push("一件事");
    }
    if !cat.laws.is_empty() {
        v.push("法规库");
    }
    v
}
