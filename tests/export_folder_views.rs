//! An export of several CSV files (事项.csv beside 申请材料.csv and 受理条件.csv) is one catalog in
//! every command, not only in `lint`: `stats` counts its items and their materials, `diff` pairs
//! the items of two exported versions and sees a material changed in the materials file, and
//! `tree` shows the items. Before, `stats` and `diff` read each file alone: every material row an
//! item of its own.

mod sheets_common;

use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;

const ITEMS: &[&[&str]] = &[
    &[
        "序号",
        "事项编码",
        "事项名称",
        "事项类型",
        "行使层级",
        "实施主体",
        "设定依据",
        "法定时限",
        "承诺时限",
    ],
    &[
        "1",
        "许可-00001-001-01",
        "食品经营许可（新办）",
        "行政许可",
        "县级",
        "某县市场监督管理局",
        "《中华人民共和国食品安全法》第三十五条",
        "20个工作日",
        "5个工作日",
    ],
    &[
        "2",
        "许可-00002-001-01",
        "药品零售许可（新办）",
        "行政许可",
        "县级",
        "某县市场监督管理局",
        "《中华人民共和国药品管理法》第五十二条",
        "30个工作日",
        "10个工作日",
    ],
];

const CONDITIONS: &[&[&str]] = &[
    &["事项编码", "条件"],
    &["许可-00001-001-01", "有与经营的食品品种相适应的场所"],
    &["许可-00002-001-01", "有依法经过资格认定的药师"],
];

/// One exported version in `dir`: the materials file's rows after its header given.
fn export(dir: &Path, materials: &[&[&str]]) {
    sheets_common::gbk_csv(dir, "事项.csv", ITEMS);
    let mut rows: Vec<&[&str]> = vec![&["事项编码", "材料名称", "材料形式", "份数"]];
    rows.extend_from_slice(materials);
    sheets_common::gbk_csv(dir, "申请材料.csv", &rows);
    sheets_common::gbk_csv(dir, "受理条件.csv", CONDITIONS);
}

const OLD_MATERIALS: &[&[&str]] = &[
    &["许可-00001-001-01", "申请书", "原件", "1"],
    &["许可-00001-001-01", "营业执照", "复印件", "1"],
    &["许可-00002-001-01", "申请书", "原件", "1"],
    &["许可-00002-001-01", "药师资格证书", "原件", "1"],
];

fn json(args: &[&str], dir: &Path) -> Value {
    let out = Command::cargo_bin("catalog")
        .unwrap()
        .current_dir(dir)
        .args(args)
        .args(["-f", "json"])
        .output()
        .unwrap();
    assert!(
        out.status.code().unwrap_or(9) <= 1,
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn stats_counts_an_exports_items_with_their_materials() {
    let dir = tempfile::tempdir().unwrap();
    export(dir.path(), OLD_MATERIALS);
    let doc = json(&["stats", "."], dir.path());
    let all = &doc["metrics"]["overall"];
    assert_eq!(all["items"], 2, "{doc:#}");
    assert_eq!(all["materials"], 4, "{doc:#}");
}

#[test]
fn diff_pairs_two_exports_and_sees_a_changed_material() {
    let root = tempfile::tempdir().unwrap();
    let (old, new) = (root.path().join("old"), root.path().join("new"));
    std::fs::create_dir_all(&old).unwrap();
    std::fs::create_dir_all(&new).unwrap();
    export(&old, OLD_MATERIALS);
    let mut materials = OLD_MATERIALS.to_vec();
    materials[3] = &["许可-00002-001-01", "药师资格证书", "复印件", "2"];
    materials.push(&["许可-00002-001-01", "营业执照", "复印件", "1"]);
    export(&new, &materials);
    for env in ["1", "0"] {
        // Both ways of reading two versions: items paired by text, and read whole.
        let out = Command::cargo_bin("catalog")
            .unwrap()
            .current_dir(root.path())
            .env("CATALOG_DIFF_BY_TEXT", env)
            .args(["diff", "old", "new", "-f", "json"])
            .output()
            .unwrap();
        assert!(
            out.status.code().unwrap_or(9) <= 1,
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
        let s = &doc["summary"];
        assert_eq!(
            (s["old_items"].as_u64(), s["new_items"].as_u64()),
            (Some(2), Some(2)),
            "{s}"
        );
        assert_eq!((s["added"].as_u64(), s["removed"].as_u64()), (Some(0), Some(0)), "{s}");
        assert_eq!(
            (s["changed"].as_u64(), s["unchanged"].as_u64()),
            (Some(1), Some(1)),
            "{s}"
        );
        let changed = doc["changed"].to_string();
        assert!(
            changed.contains("药品零售许可") && changed.contains("营业执照"),
            "{changed}"
        );
    }
}

#[test]
fn tree_shows_an_exports_items_not_its_material_rows() {
    let dir = tempfile::tempdir().unwrap();
    export(dir.path(), OLD_MATERIALS);
    let out = Command::cargo_bin("catalog")
        .unwrap()
        .current_dir(dir.path())
        .args(["tree", "."])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(
        text.contains("食品经营许可（新办）") && text.contains("药品零售许可（新办）"),
        "{text}"
    );
    assert!(!text.contains("药师资格证书"), "a material row read as an item: {text}");
}

/// The materials file of an export checked alone (its items are in 事项.csv): one note that it
/// has no item names and why, not a T001 "no name" per item nor an X004 per material row of an
/// item listed apart; its materials are still checked.
#[test]
fn a_materials_file_alone_is_said_once_not_per_row() {
    let dir = tempfile::tempdir().unwrap();
    let rows: &[&[&str]] = &[
        &["事项编码", "材料名称", "材料形式", "份数"],
        &["许可-00001-001-01", "申请书", "原件", "1"],
        &["许可-00002-001-01", "申请书", "原件", "1"],
        &["许可-00001-001-01", "营业执照", "复印件", "1"],
        &["许可-00002-001-01", "其他相关材料", "原件", "1"],
    ];
    sheets_common::gbk_csv(dir.path(), "申请材料.csv", rows);
    let doc = json(&["lint", "申请材料.csv"], dir.path());
    let diags = doc["diagnostics"].as_array().unwrap();
    let codes: Vec<&str> = diags.iter().map(|d| d["code"].as_str().unwrap()).collect();
    assert!(!codes.iter().any(|c| ["T001", "X004"].contains(c)), "{codes:?}");
    assert!(codes.contains(&"W002"), "{codes:?}");
    let said: Vec<&str> = diags
        .iter()
        .filter(|d| d["code"] == "F023")
        .map(|d| d["message"].as_str().unwrap())
        .filter(|m| m.contains("T001"))
        .collect();
    assert_eq!(said.len(), 1, "{said:?}");
    assert!(said[0].contains("事项名称") && said[0].contains("X004"), "{said:?}");
}
