//! Real exports (data/real in the repository, or $CATALOG_REAL_DATA) load through the shipped profiles
//! and lint to their real problems, not to one finding per item about concepts they lack.

use assert_cmd::Command;
use serde_json::Value;
use std::path::PathBuf;

fn real(rel: &str) -> Option<PathBuf> {
    let base =
        std::env::var("CATALOG_REAL_DATA").unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/data/real").into());
    let p = PathBuf::from(base).join(rel);
    assert!(
        p.exists(),
        "{} is missing (the real data ships in data/real)",
        p.display()
    );
    Some(p)
}

fn lint(p: &PathBuf) -> (i32, Value) {
    let out = Command::cargo_bin("catalog")
        .unwrap()
        .arg("lint")
        .arg(p)
        .args(["-f", "json"])
        .output()
        .unwrap();
    (out.status.code().unwrap(), serde_json::from_slice(&out.stdout).unwrap())
}

fn count(doc: &Value, code: &str) -> usize {
    doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == code)
        .count()
}

#[test]
fn guangdong_portal_export() {
    let Some(p) = real("gd-gdzwfw-policy-kg/policy.json") else {
        return;
    };
    let (code, doc) = lint(&p);
    assert!(code <= 1, "exit {code}");
    assert_eq!(doc["summary"]["items"], 2262);
    // TASK_NAME ≠ matter_name in 328 rows, every one matter_name + "(办理项)" (or a trailing
    // space): the portal's design, not a conflict.
    assert_eq!(count(&doc, "F022"), 0);
    for absent in ["T004", "T005", "T007", "F001", "X006"] {
        assert_eq!(count(&doc, absent), 0, "{absent} fired on a concept the export lacks");
    }
    // One note per concept the export lacks (scenarios…, unknown keys, basis/fee/result/process,
    // the reason for a visit).
    assert_eq!(count(&doc, "F023"), 4);
    assert_eq!(count(&doc, "V002"), 0);
    for absent in ["T020", "B001", "L005"] {
        assert_eq!(
            count(&doc, absent),
            0,
            "{absent} fired on a field the export does not have"
        );
    }
    // The export's real problems: promised limits written 无 on services someone applies for
    // (not on the 523 queries and publications), conditions cut off after a colon, and USCCs
    // failing GB 32100.
    assert_eq!(count(&doc, "L006"), 16);
    // 192 texts end with a colon; 3 more end with an empty list number after it (…应当终止： （1）),
    // read as the last entry of the conditions.
    assert_eq!(count(&doc, "W014"), 195);
    assert_eq!(count(&doc, "K002"), 3);
    let d = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "W014")
        .unwrap();
    assert_eq!(
        d["location"]["file"].as_str().map(|f| f.ends_with("policy.json")),
        Some(true)
    );
    assert!(d["location"]["line"].as_u64().unwrap() > 1);
    assert!(d["item"].is_string());
}

#[test]
fn guangan_link_table() {
    let Some(p) = real("sc-guangan-bszl/bszl-data.array.json") else {
        return;
    };
    let (code, doc) = lint(&p);
    assert!(code <= 1, "exit {code}");
    assert_eq!(doc["summary"]["items"], 1135);
    for absent in ["T002", "T004", "T006", "F001", "X006"] {
        assert_eq!(count(&doc, absent), 0, "{absent} fired on a concept the export lacks");
    }
    // The export converts to the contract format; Sichuan's composite code from the link is the
    // item's 事项编码 (not read as a national 31-character 实施编码).
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("g.json");
    Command::cargo_bin("catalog")
        .unwrap()
        .arg("convert")
        .arg(&p)
        .arg(&out)
        .assert()
        .success();
    let plain: Value = serde_json::from_str(&std::fs::read_to_string(out).unwrap()).unwrap();
    let first = &plain["items"][0];
    assert_eq!(first["department"], "区经信局");
    assert_eq!(first["code"], "511Z07001006-511602000000-000-11511301008778183N-1-00");
    assert!(first["implementation_code"].is_null());
    assert_eq!(count(&doc, "K001"), 0);
    assert_eq!(first["phylum"], "其他行政权力");
}
