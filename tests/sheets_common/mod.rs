//! What the office-sheet tests share (tests/sheets_office.rs, tests/sheets_variants.rs): running
//! `catalog lint` and `catalog convert` on a sheet and picking findings out of the JSON report.
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
