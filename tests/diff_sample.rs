//! The README demo: the 2019 version of the sample catalog against the current one. The expected
//! sets come from examples/catalog-2019/CHANGES.md (sections A and B, and C12).

use assert_cmd::Command;
use serde_json::Value;
use std::collections::BTreeSet;

#[test]
fn sample_2019_to_2024_matches_changes_md() {
    let out = Command::cargo_bin("catalog")
        .unwrap()
        .args([
            "diff",
            "examples/catalog-2019",
            "catalogs/luchengqu",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let r: Value = serde_json::from_slice(&out.stdout).unwrap();
    let codes = |k: &str| -> BTreeSet<String> {
        r[k].as_array()
            .unwrap()
            .iter()
            .map(|x| x["code"].as_str().unwrap().to_string())
            .collect()
    };
    let set = |xs: &[&str]| -> BTreeSet<String> { xs.iter().map(|s| s.to_string()).collect() };
    assert_eq!(
        codes("added"),
        set(&[
            "其他-00512-000",
            "许可-00398-000",
            "奖励-00015-000",
            "给付-00027-000",
            "其他-00301-000",
            "许可-00541-002-01",
            "其他-00462-000",
            "检查-00095-000",
            "服务-00315-000",
            "许可-00710-000",
            "许可-00755-000",
        ])
    );
    assert_eq!(
        codes("removed"),
        set(&["其他-00318-000", "许可-00235-002-01", "许可-00461-000"])
    );
    // C12: the type change rewrote the code prefix; the 实施编码 ties the two together.
    let c12 = r["renamed"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["new"]["code"] == "其他-00688-000")
        .unwrap();
    assert_eq!(c12["old"]["code"], "许可-00688-000");
    assert_eq!(c12["matched_by"], "implementation_code");
    let moved = r["moved"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["code"] == "其他-00688-000")
        .unwrap();
    assert_eq!(moved["ranks"][0]["old"], "行政许可");
    assert_eq!(moved["ranks"][0]["new"], "其他行政权力");
    // C11: renamed under the same code.
    let c11 = r["renamed"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["new"]["code"] == "确认-00001-001-01")
        .unwrap();
    assert_eq!(c11["new"]["name"], "内地居民婚姻登记（结婚登记）");
    // A few of section C.
    let changed = codes("changed");
    for c in [
        "许可-00977-001-01",
        "给付-00009-000",
        "许可-00725-001-01",
        "许可-00081-001",
        "检查-00130-000",
    ] {
        assert!(changed.contains(c), "{c} changed");
    }
}
