//! Baselines: a catalog full of defects passes with its baseline; edits elsewhere keep it valid;
//! a new finding is reported.

use assert_cmd::Command;
use std::fs;

fn catalog() -> Command {
    Command::cargo_bin("catalog").expect("binary")
}

#[test]
fn baseline_hides_known_findings_and_shows_new_ones() {
    let dir = tempfile::tempdir().unwrap();
    let cat = dir.path().join("items.yaml");
    fs::copy("tests/fixtures/config/wording/items.yaml", &cat).unwrap();
    let base = dir.path().join("baseline.json");

    catalog().arg("lint").arg(dir.path()).assert().code(1);
    catalog()
        .arg("lint")
        .arg(dir.path())
        .arg("--write-baseline")
        .arg(&base)
        .assert()
        .code(1);
    let b: serde_json::Value = serde_json::from_slice(&fs::read(&base).unwrap()).unwrap();
    assert_eq!(b["version"], 1);
    // Two T007 findings of one item are kept apart by their messages.
    assert!(
        b["entries"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["rule"] == "T007" && e["item"] == "确认-00001-001")
            .count()
            >= 5
    );

    let out = catalog()
        .arg("lint")
        .arg(dir.path())
        .arg("--baseline")
        .arg(&base)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["summary"]["total"], 0);
    assert!(v["summary"]["hidden"].as_u64().unwrap() >= 18);

    // Lines added above every item: the baseline is not keyed by line.
    let text = fs::read_to_string(&cat).unwrap();
    fs::write(&cat, format!("# 新增的说明\n# 第二行\n{text}")).unwrap();
    catalog()
        .arg("lint")
        .arg(dir.path())
        .arg("--baseline")
        .arg(&base)
        .assert()
        .code(0);

    // A new defect shows up, on its new line.
    let text = fs::read_to_string(&cat)
        .unwrap()
        .replace("point: 生产场所与住宅隔离", "point: 符合要求");
    fs::write(&cat, text).unwrap();
    let out = catalog()
        .arg("lint")
        .arg(dir.path())
        .arg("--baseline")
        .arg(&base)
        .args(["--format", "json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let d = v["diagnostics"].as_array().unwrap();
    assert_eq!(d.len(), 1, "{v}");
    assert_eq!(d[0]["code"], "W001");
    assert_eq!(d[0]["location"]["line"], 41);
}

#[test]
fn corrupt_baseline_is_an_error_with_place() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("b.json");
    fs::write(&base, "{\"version\": 1,\n \"entries\": [oops]}").unwrap();
    catalog()
        .args(["lint", "tests/fixtures/config/wording", "--baseline"])
        .arg(&base)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("b.json:2:"));
}
