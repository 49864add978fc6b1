//! What the office-sheet tests share (tests/sheets_office.rs, sheets_variants.rs, sheets_round6.rs,
//! sheets_power_round6.rs): running `catalog lint` and `catalog convert` on a sheet, picking
//! findings out of the JSON report, and checking a sheet's findings against the defects planted
//! in it.
#![allow(dead_code)] // each test file uses its own part

use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;

/// `catalog lint -f json` of `path` (exit 0 or 1: findings are expected).
pub fn lint(path: &Path, extra: &[&str]) -> Value {
    let out = Command::cargo_bin("catalog")
        .unwrap()
        .arg("lint")
        .arg(path)
        .args(["-f", "json"])
        .args(extra)
        .output()
        .unwrap();
    assert!(
        out.status.code().unwrap_or(9) <= 1,
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The findings of one rule.
pub fn of(doc: &Value, code: &str) -> Vec<Value> {
    doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == code)
        .cloned()
        .collect()
}

/// `catalog convert` of `path` into the YAML file `yaml`: its text.
pub fn converted(path: &Path, yaml: &Path) -> String {
    let out = Command::cargo_bin("catalog")
        .unwrap()
        .arg("convert")
        .arg(path)
        .arg(yaml)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    std::fs::read_to_string(yaml).unwrap()
}

/// A workbook of sheets, each a list of rows of text cells (an empty text is no cell).
pub fn workbook(dir: &Path, name: &str, sheets: &[(&str, &[&[&str]])]) -> std::path::PathBuf {
    let mut wb = rust_xlsxwriter::Workbook::new();
    for (sheet, rows) in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(*sheet).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate().filter(|(_, v)| !v.is_empty()) {
                ws.write_string(r as u32, c as u16, *v).unwrap();
            }
        }
    }
    let p = dir.join(name);
    wb.save(&p).unwrap();
    p
}

/// The same rows as a GBK CSV, as Excel saves a sheet for a Chinese Windows ("CSV (逗号分隔)").
pub fn gbk_csv(dir: &Path, name: &str, rows: &[&[&str]]) -> std::path::PathBuf {
    let field = |v: &str| {
        if v.contains([',', '"', '\n']) {
            format!("\"{}\"", v.replace('"', "\"\""))
        } else {
            v.to_string()
        }
    };
    let text: String = rows
        .iter()
        .map(|r| r.iter().map(|v| field(v)).collect::<Vec<_>>().join(",") + "\r\n")
        .collect();
    let p = dir.join(name);
    std::fs::write(&p, encoding_rs::GBK.encode(&text).0).unwrap();
    p
}

/// "Q45" → (45, 16)
pub fn cell(a1: &str) -> (u64, u64) {
    let letters: String = a1.chars().take_while(char::is_ascii_uppercase).collect();
    let col = letters.bytes().fold(0u64, |n, b| n * 26 + u64::from(b - b'A' + 1)) - 1;
    (a1[letters.len()..].parse().unwrap(), col)
}

/// Checks the findings of `path` against the planted defects (1-based `row`, 0-based `column` or
/// null for the item's row, 1-based `entry` or 0, `rule`, and `sheet` when the workbook has
/// several): each found on its sheet and row with its rule, at its column and entry; no error on
/// a row without a defect.
pub fn check(path: &Path, planted: &Value) {
    let doc = lint(path, &[]);
    let diags = doc["diagnostics"].as_array().unwrap();
    let at = |d: &Value| {
        let l = &d["location"];
        l["cell"]
            .as_str()
            .map(|c| (l["sheet"].as_str().unwrap_or("").to_string(), cell(c)))
    };
    // A defect without a sheet is on the workbook's only one.
    let on = |p: &Value, s: &str| p["sheet"].as_str().is_none_or(|want| want == s);
    let planted = planted.as_array().unwrap();
    for p in planted {
        let row = p["row"].as_u64().unwrap();
        let hit = diags.iter().any(|d| {
            d["code"] == p["rule"]
                && at(d)
                    .is_some_and(|(s, (r, c))| on(p, &s) && r == row && p["column"].as_u64().is_none_or(|pc| pc == c))
                && (p["entry"] == 0 || d["location"]["entry"] == p["entry"])
        });
        let on_row: Vec<&Value> = diags
            .iter()
            .filter(|d| at(d).is_some_and(|(s, (r, _))| on(p, &s) && r == row))
            .collect();
        assert!(
            hit,
            "{}: planted {p} not reported; on that row: {on_row:#?}",
            path.display()
        );
    }
    let false_errors: Vec<&Value> = diags
        .iter()
        .filter(|d| {
            d["severity"] == "error"
                && at(d).is_some_and(|(s, (r, _))| !planted.iter().any(|p| on(p, &s) && p["row"].as_u64() == Some(r)))
        })
        .collect();
    assert!(
        false_errors.is_empty(),
        "{}: errors on clean rows: {false_errors:#?}",
        path.display()
    );
}

/// A probe round's office (tests/fixtures/ROUND/NAME.planted.json): the files it was saved as
/// and the defects planted in it.
pub fn round_office(round: &str, name: &str) -> (Vec<std::path::PathBuf>, Value) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(round);
    let text = std::fs::read_to_string(dir.join(format!("{name}.planted.json"))).unwrap();
    let doc: Value = serde_json::from_str(&text).unwrap();
    let files = doc["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| dir.join(f.as_str().unwrap()))
        .collect();
    (files, doc["planted"].clone())
}

/// Every file of a randomized round's committed seeds (tests/fixtures/ROUND/*.planted.json) with
/// the defects planted in it; a CSV holds the workbook's first sheet (`csv_sheet`) only.
pub fn seed_files(round: &str) -> Vec<(std::path::PathBuf, Value)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(round);
    let mut stems: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| {
            let name = e.unwrap().file_name().into_string().unwrap();
            name.strip_suffix(".planted.json").map(str::to_string)
        })
        .collect();
    stems.sort();
    let mut out = Vec::new();
    for stem in stems {
        let doc: Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join(format!("{stem}.planted.json"))).unwrap()).unwrap();
        for f in doc["files"].as_array().unwrap() {
            let path = dir.join(f.as_str().unwrap());
            let planted: Vec<Value> = doc["planted"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|p| path.extension().is_none_or(|e| e != "csv") || p["sheet"] == doc["csv_sheet"])
                .cloned()
                .collect();
            out.push((path.clone(), planted_in(&path, &Value::from(planted))));
        }
    }
    out
}

/// The planted defects as a file holds them: a text file (.csv, .txt, .tsv) has the one sheet,
/// so its defects name none.
pub fn planted_in(file: &Path, planted: &Value) -> Value {
    if !file
        .extension()
        .is_some_and(|e| ["csv", "txt", "tsv"].contains(&e.to_str().unwrap_or("")))
    {
        return planted.clone();
    }
    let mut out = planted.as_array().unwrap().clone();
    for p in &mut out {
        p.as_object_mut().unwrap().remove("sheet");
        let (row, col) = cell(p["cell"].as_str().unwrap());
        assert_eq!((p["row"].as_u64(), p["column"].as_u64()), (Some(row), Some(col)));
    }
    Value::from(out)
}
