//! Small YAML files the tool reads into typed structs (taxonomy, vocabularies, rule files,
//! mapping profiles). Catalogs themselves go through `load::yaml`, which keeps every location.

use crate::error::{Error, Place};
use serde::de::DeserializeOwned;
use std::path::Path;

pub fn from_str<T: DeserializeOwned>(text: &str, path: &Path) -> Result<T, Error> {
    serde_saphyr::from_str::<T>(text).map_err(|e| {
        let place = e.location().map(|l| Place::Text {
            line: l.line() as u32,
            col: l.column() as u32,
        });
        let detail = e.without_snippet().to_string();
        Error::new(
            Some(path),
            place,
            format!("无法读取配置：{detail}"),
            format!("invalid file: {detail}"),
        )
    })
}

pub fn from_file<T: DeserializeOwned>(path: &Path) -> Result<T, Error> {
    let text = crate::load::limits::read_text(path)?;
    from_str(&text, path)
}
