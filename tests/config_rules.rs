//! `catalog rules` and `catalog explain` with built-in, declarative and user rules.

use assert_cmd::Command;
use serde_json::Value;

fn catalog() -> Command {
    Command::cargo_bin("catalog").expect("binary")
}

fn rules_json(args: &[&str]) -> Vec<Value> {
    let out = catalog()
        .args(["rules", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice::<Vec<Value>>(&out.stdout).unwrap()
}

#[test]
fn lists_at_least_thirty_rules_with_declarative_ones() {
    let v = rules_json(&[]);
    assert!(v.len() >= 30, "only {} rules", v.len());
    let codes: Vec<&str> = v.iter().map(|r| r["code"].as_str().unwrap()).collect();
    for c in [
        "F002", "F003", "W001", "W004", "W008", "W010", "W011", "W012", "W013", "T020",
    ] {
        assert!(codes.contains(&c), "{c} missing from {codes:?}");
    }
}

#[test]
fn family_filter_keeps_only_that_family() {
    let v = rules_json(&["--family", "W"]);
    assert!(v.len() >= 12);
    assert!(v.iter().all(|r| r["family"] == "wording"), "{v:?}");
    let same = rules_json(&["--family", "用语"]);
    assert_eq!(v.len(), same.len());
    catalog().args(["rules", "--family", "Q"]).assert().code(2);
}

#[test]
fn user_rules_appear_with_their_config() {
    let v = rules_json(&[
        "--config",
        "tests/fixtures/config/project/catalog.toml",
        "--family",
        "C",
    ]);
    let codes: Vec<&str> = v.iter().map(|r| r["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["C101", "C102", "C103"]);
}

#[test]
fn explain_prints_a_full_page_in_both_languages() {
    for code in ["W004", "W010", "F002", "T020"] {
        let out = catalog().args(["explain", code]).output().unwrap();
        assert!(out.status.success());
        let s = String::from_utf8(out.stdout).unwrap();
        for h in ["## 检查什么", "## 为什么", "## 如何修复", "## 示例", "```yaml"] {
            assert!(s.contains(h), "{code}: no {h} in\n{s}");
        }
        let out = catalog().args(["--lang", "en", "explain", code]).output().unwrap();
        let s = String::from_utf8(out.stdout).unwrap();
        for h in ["## What it does", "## Why is this bad?", "## How to fix", "## Example"] {
            assert!(s.contains(h), "{code}: no {h} in\n{s}");
        }
    }
}

#[test]
fn explain_a_user_rule() {
    let out = catalog()
        .args([
            "explain",
            "C101",
            "--config",
            "tests/fixtures/config/project/catalog.toml",
        ])
        .output()
        .unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.starts_with("# C101 promised-over-statutory"), "{s}");
    assert!(s.contains("承诺时限是在法定时限基础上的压缩"));
    assert!(s.contains("promised: 5工作日"));
}
