//! Rules on a portal export (JSON Lines, Guangdong profile) with planted defects and the
//! look-alikes a portal writes on purpose: each finding on its own record's line with its item,
//! and nothing on the look-alikes.

use assert_cmd::Command;
use serde_json::Value;

fn findings(path: &str) -> Vec<(String, u64, Option<String>, String)> {
    let out = Command::cargo_bin("catalog")
        .unwrap()
        .args(["lint", "--format", "json", "--fail-on", "never", path])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] != "F023")
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["location"]["line"].as_u64().unwrap(),
                d["item"].as_str().map(str::to_string),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn planted_defects_and_portal_lookalikes() {
    let found = findings("tests/fixtures/exports/gd-planted.json");
    let got: Vec<(&str, u64, &str)> = found
        .iter()
        .map(|(c, l, i, _)| (c.as_str(), *l, i.as_deref().unwrap_or("")))
        .collect();
    assert_eq!(
        got,
        [
            // conditions stopping at their colon; a licence with 申请材料 无 and with []
            ("W014", 1, "11440000006939756B2440101007001"),
            ("M005", 1, "11440000006939756B2440101007001"),
            ("M005", 2, "11440000006939756B2440101007002"),
            // a phone written 无; a real name conflict, keyed to its item
            ("V006", 5, "11440000006939756B2441001007005"),
            ("F022", 5, "11440000006939756B2441001007005"),
        ],
        "{found:#?}"
    );
    // Not reported: TASK_NAME = matter_name + (办理项) (line 2), digits in a URL (2), 转1/转2 and
    // a query with no promised limit (3), 12345 for both phones and 1）2） numbering (4), a
    // 其他行政权力 without materials (5).
    let msgs: Vec<&str> = found.iter().map(|f| f.3.as_str()).collect();
    assert!(
        msgs.iter().any(|m| m.contains("受理条件（accept_standard）")),
        "{msgs:?}"
    );
    assert!(
        msgs.iter().any(|m| m.contains("申请材料（material_intro）写的是“无”")),
        "{msgs:?}"
    );
}

/// A Sichuan link table: level marks against the body's level, the credit-code and area
/// segments of composite codes, a placeholder main item, and a duplicate name — each at its own item (the name's line,
/// or the link's for a code), not at its group's first item.
#[test]
fn sichuan_link_table_codes_and_levels() {
    let found = findings("tests/fixtures/exports/sc-planted.json");
    let got: Vec<(&str, u64)> = found.iter().map(|(c, l, _, _)| (c.as_str(), *l)).collect();
    assert_eq!(
        got,
        [
            // (市级) under 区生态环境局; （县级） and （市级/县级） are not reported
            ("T009", 9),
            // a 17-character credit code, a placeholder, a province area code in a district list
            ("K009", 15),
            // four items under the placeholder main item 未分类: once, at the group's first item
            ("X007", 89),
            ("K009", 90),
            ("K009", 100),
            // the second 求职创业补贴申领 of its group, at its own name
            ("X005", 104),
        ],
        "{found:#?}"
    );
}
