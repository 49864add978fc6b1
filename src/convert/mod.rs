//! Writers for `catalog convert`: YAML (the contract format), xlsx, CSV and plain JSON.

pub mod csv;
pub mod table;
pub mod xlsx;
pub mod yaml;

use crate::error::Error;
use crate::model::Catalog;
use std::path::Path;

/// How items are spread over the sheets of an xlsx.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum SheetsBy {
    /// 每种事项类型一个工作表 / one sheet per item type
    Type,
    /// 每个实施主体一个工作表 / one sheet per department
    Department,
    /// 全部在一个工作表 / all items on one sheet
    One,
}

/// Output formats, by the extension of the output path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Yaml,
    Xlsx,
    Csv,
    Json,
}

impl Format {
    pub fn of(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "yaml" | "yml" => Format::Yaml,
            "xlsx" => Format::Xlsx,
            "csv" => Format::Csv,
            "json" => Format::Json,
            _ => return None,
        })
    }
}

pub fn write(cat: &Catalog, out: &Path, format: Format, sheets: SheetsBy) -> Result<(), Error> {
    // Through safe::write_atomic: never half a file, and a device, pipe or link is written, not replaced.
    let write_text = |text: String| crate::safe::write_atomic(out, text.as_bytes());
    match format {
        Format::Yaml => write_text(yaml::to_string(cat)),
        Format::Json => {
            let mut s = serde_json::to_string_pretty(&crate::model::plain::to_json(cat)).unwrap_or_default();
            s.push('\n');
            write_text(s)
        }
        Format::Xlsx => xlsx::write(cat, out, sheets),
        Format::Csv => csv::write(cat, out),
    }
}
