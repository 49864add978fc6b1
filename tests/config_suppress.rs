//! Suppressions on items: used ones hide findings, stale or unknown ones are F002, ones without a
//! reason are F003.

use assert_cmd::Command;
use serde_json::Value;

#[test]
fn suppressions_hide_and_report_stale_ones() {
    let out = Command::cargo_bin("catalog")
        .unwrap()
        .args(["lint", "tests/fixtures/config/suppress", "--format", "json"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let f: Vec<(String, u64, String)> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["location"]["line"].as_u64().unwrap(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let codes: Vec<(&str, u64)> = f.iter().map(|(c, l, _)| (c.as_str(), *l)).collect();
    assert_eq!(codes, [("F002", 16), ("F003", 17), ("F002", 18)], "{f:?}");
    assert!(f[2].2.contains("Z999"));
    // W004 (其它) and T007 (no sample) were hidden.
    assert_eq!(v["summary"]["hidden"], 2);
}
