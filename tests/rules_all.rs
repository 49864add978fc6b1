//! One catalog with every defect of families K B L V M D S U planted: `catalog lint --format json`
//! reports exactly the expected set of (code, item code, line) for these families. One clean
//! catalog: no finding at all. The B004 fix, applied to the source, yields 〔〕.

use assert_cmd::Command;
use serde_json::Value;
use std::collections::BTreeSet;

const DIR: &str = "tests/fixtures/rules";

fn run(file: &str) -> (Value, Option<i32>) {
    let out = Command::cargo_bin("catalog")
        .unwrap()
        .args(["lint", "--format", "json", &format!("{DIR}/{file}")])
        .output()
        .unwrap();
    (serde_json::from_slice(&out.stdout).unwrap(), out.status.code())
}

type Found = BTreeSet<(String, Option<String>, u64)>;

fn mine(doc: &Value) -> Found {
    doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| "KBLVMDSU".contains(&d["code"].as_str().unwrap()[..1]))
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["item"].as_str().map(str::to_string),
                d["location"]["line"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn every_defect_found_exactly() {
    let (doc, code) = run("all_defects.yaml");
    assert_eq!(code, Some(1));
    let expected: Vec<(&str, Option<&str>, u64)> = vec![
        ("S005", None, 5),
        ("K001", Some("许可-00977-001"), 13),
        ("B002", Some("许可-00977-001"), 14),
        ("S001", Some("许可-00978-001"), 18),
        ("K002", Some("许可-00978-001"), 20),
        ("K004", Some("许可-00978-001"), 20),
        ("B004", Some("许可-00978-001"), 21),
        ("K006", Some("许可-00979-001"), 24),
        ("S002", Some("许可-00979-001"), 27),
        ("K003", Some("许可-00979-001"), 28),
        ("K004", Some("许可-00979-001"), 28),
        ("S003", Some("许可-00979-001"), 29),
        ("S004", Some("许可-979-1"), 31),
        ("K005", Some("许可-979-1"), 31),
        ("K008", Some("许可-979-1"), 33),
        ("B003", Some("许可-979-1"), 34),
        ("L001", Some("许可-979-1"), 35),
        ("L002", Some("许可-979-1"), 36),
        ("L004", Some("许可-979-1"), 39),
        ("L005", Some("许可-979-1"), 39),
        ("S004", Some("许可-00977-002"), 41),
        ("K007", Some("许可-00977-002"), 43),
        ("L003", Some("许可-00977-002"), 44),
        ("V001", Some("许可-00977-002"), 46),
        ("V002", Some("许可-00977-002"), 46),
        ("V004", Some("许可-00977-002"), 46),
        ("V006", Some("许可-00977-002"), 48),
        ("V006", Some("许可-00977-002"), 49),
        ("V006", Some("许可-00977-002"), 49),
        ("V007", Some("许可-00977-002"), 50),
        ("V008", Some("许可-00977-002"), 51),
        ("V003", Some("确认-00001-001"), 57),
        ("M002", Some("确认-00001-001"), 61),
        ("M004", Some("确认-00001-001"), 62),
        ("M001", Some("确认-00001-001"), 63),
        ("M003", Some("确认-00001-001"), 64),
        ("D001", Some("确认-00001-001"), 66),
        ("S004", Some("许可-00322-001"), 69),
        ("V005", Some("许可-00322-001"), 69),
        ("D002", Some("许可-00322-001"), 74),
        ("D003", Some("许可-00322-001"), 74),
        ("U002", Some("许可-00322-001"), 78),
        ("B001", Some("处罚-00001-001"), 79),
        ("U001", None, 84),
    ];
    let expected: Found = expected
        .into_iter()
        .map(|(c, i, l)| (c.to_string(), i.map(str::to_string), l))
        .collect();
    let found = mine(&doc);
    let missing: Vec<_> = expected.difference(&found).collect();
    let extra: Vec<_> = found.difference(&expected).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "missing {missing:?}\nextra {extra:?}"
    );
    // every rule of these families is exercised
    let codes: BTreeSet<&str> = found.iter().map(|(c, _, _)| c.as_str()).collect();
    assert_eq!(codes.len(), 39, "{codes:?}");
}

#[test]
fn clean_catalog_has_no_findings() {
    let (doc, code) = run("all_clean.yaml");
    assert_eq!(code, Some(0));
    assert_eq!(doc["summary"]["errors"], 0);
    assert_eq!(doc["diagnostics"].as_array().unwrap().len(), 0, "{doc:#}");
}

/// The English messages come out with `--lang en`.
#[test]
fn english_messages() {
    let out = Command::cargo_bin("catalog")
        .unwrap()
        .args(["--lang", "en", "lint", "--format", "json", &format!("{DIR}/L001.yaml")])
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let msg = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "L001")
        .unwrap()["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(msg.starts_with("promised time limit '30工作日' is longer"), "{msg}");
}

/// Applying the B004 fixes to the source text (what `--fix` does) normalizes the brackets and
/// leaves everything else byte-for-byte unchanged.
#[test]
fn document_number_fix_applies() {
    use catalog::model::Pos;
    use catalog::rules::{Ctx, RuleOptions, registry};
    let path = std::path::PathBuf::from(format!("{DIR}/B004.yaml"));
    let cat = catalog::load::load_paths(std::slice::from_ref(&path), &Default::default()).unwrap();
    let tax = catalog::model::taxonomy::Taxonomy::builtin();
    let opts = RuleOptions::default();
    let rules: Vec<_> = registry::builtin()
        .into_iter()
        .map(catalog::lint::Active::new)
        .collect();
    let cx = Ctx::new(&cat, &tax, &opts, None);
    let mut fixes: Vec<_> = catalog::lint::run(&cx, &rules)
        .into_iter()
        .filter(|d| d.code == "B004")
        .map(|d| d.fix.expect("B004 carries a fix"))
        .collect();
    assert_eq!(fixes.len(), 2);
    assert!(fixes.iter().all(|f| f.safe));
    let mut text = cat.sources[0].text.as_deref().unwrap().to_string();
    let before = text.clone();
    fixes.sort_by_key(|f| {
        std::cmp::Reverse(match f.loc.pos {
            Pos::Text { offset, .. } => offset,
            _ => 0,
        })
    });
    for f in &fixes {
        let Pos::Text { offset, len, .. } = f.loc.pos else {
            panic!("text position")
        };
        text.replace_range(offset as usize..(offset + len) as usize, &f.replacement);
    }
    assert!(text.contains("（国发〔2018〕35号）"));
    assert!(text.contains("\"《固定资产投资项目节能审查暂行办法的通知》（桂发改投资〔2013〕833号）\""));
    assert!(!text.contains("国发[2018]") && !text.contains("﹝2013﹞"));
    assert_eq!(text.lines().count(), before.lines().count());
    // once fixed, the rule is silent
    let dir = tempfile::tempdir().unwrap();
    let fixed = dir.path().join("fixed.yaml");
    std::fs::write(&fixed, &text).unwrap();
    let cat = catalog::load::load_paths(std::slice::from_ref(&fixed), &Default::default()).unwrap();
    let cx = Ctx::new(&cat, &tax, &opts, None);
    assert!(!catalog::lint::run(&cx, &rules).iter().any(|d| d.code == "B004"));
}
