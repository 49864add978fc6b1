//! 办事指南汇总表 / 实施清单 drawn by a blind generator (tests/fixtures/blind15g/make.py, written
//! without reading the loaders or earlier rounds): each seed one office's layout. The committed seeds
//! each showed a reading the sweep found wrong:
//! - headers 政务服务事项名称 (before: unknown, so items were named after their 主项 and the 新办 |
//!   变更 | 延续 rows of one 主项 collided, X005), 实施代码 (its malformed codes unseen), 到现场原因说明
//!   (V002 unseen), 序;
//! - a CSV's section row `行政许可（8项）` (its merge across the row lost) is a heading, not an item
//!   with every field missing that also swallowed the next 主项's blank-repeated cells;
//! - 其他依法应当具备的条件, 满足国家有关规定要求 in a 受理条件 cell are W002 / W001.

use serde_json::Value;
use std::path::{Path, PathBuf};

mod sheets_common;
use sheets_common::{cell, lint};

fn seeds() -> Vec<(PathBuf, Value)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/blind15g");
    let mut out = Vec::new();
    for e in std::fs::read_dir(&dir).unwrap() {
        let p = e.unwrap().path();
        let name = p.file_name().unwrap().to_str().unwrap().to_string();
        if let Some(stem) = name.strip_suffix(".truth.json") {
            let truth: Value = serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
            for ext in ["xlsx", "xls", "csv"] {
                let f = dir.join(format!("{stem}.{ext}"));
                if f.exists() {
                    out.push((f, truth.clone()));
                }
            }
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// A truth file's list of strings.
fn strs(v: &Value) -> Vec<&str> {
    v.as_array().unwrap().iter().map(|c| c.as_str().unwrap()).collect()
}

/// Column letters of an A1 cell.
fn column(a1: &str) -> String {
    a1.chars().take_while(char::is_ascii_uppercase).collect()
}

#[test]
fn every_planted_defect_at_its_cell_and_no_error_on_a_clean_item_or_other_row() {
    let files = seeds();
    assert!(files.len() >= 12, "{}", files.len());
    for (path, truth) in files {
        let file = path.display();
        let doc = lint(&path, &[]);
        let diags = doc["diagnostics"].as_array().unwrap();
        let on_row = |row: u64| -> Vec<&Value> {
            diags
                .iter()
                .filter(|d| d["location"]["cell"].as_str().is_some_and(|c| cell(c).0 == row))
                .collect()
        };
        let items = truth["items"].as_array().unwrap();
        let rows: Vec<u64> = items.iter().map(|i| i["row"].as_u64().unwrap()).collect();
        for it in items {
            let row = it["row"].as_u64().unwrap();
            let found = on_row(row);
            if it["defect"].is_null() {
                let errors: Vec<_> = found.iter().filter(|d| d["severity"] == "error").collect();
                assert!(errors.is_empty(), "{file}: clean row {row}: {errors:#?}");
                continue;
            }
            let (cols, codes) = (strs(&it["cols"]), strs(&it["codes"]));
            assert!(
                found.iter().any(|d| {
                    codes.contains(&d["code"].as_str().unwrap())
                        && cols.contains(&column(d["location"]["cell"].as_str().unwrap()).as_str())
                }),
                "{file}: {} at {cols:?}{row} ({:?}) not reported: {found:#?}",
                it["defect"],
                it["values"]
            );
        }
        // No row between and after the items (a section heading, a note, a signature line) is an item.
        let first = *rows.iter().min().unwrap();
        let stray: Vec<&Value> = diags
            .iter()
            .filter(|d| d["severity"] == "error" && !d["code"].as_str().unwrap().starts_with('F'))
            .filter(|d| {
                d["location"]["cell"]
                    .as_str()
                    .is_some_and(|c| cell(c).0 >= first && !rows.contains(&cell(c).0))
            })
            .collect();
        assert!(stray.is_empty(), "{file}: {stray:#?}");
    }
}
