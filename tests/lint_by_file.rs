//! A catalog of several files is checked file by file (`lint::stream`); the whole model is
//! checked with `CATALOG_BY_FILE=0`. Both must report exactly the same, in every format,
//! including the findings that compare items across files.

use assert_cmd::Command;
use std::collections::HashMap;

/// stdout, stderr and exit code of `catalog lint ARGS`, checked by file or whole.
fn lint(by_file: bool, args: &[&str]) -> (String, String, i32) {
    let mut cmd = Command::cargo_bin("catalog").unwrap();
    if !by_file {
        cmd.env("CATALOG_BY_FILE", "0");
    }
    let out = cmd.arg("lint").args(args).output().unwrap();
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

fn same_both_ways(args: &[&str]) {
    let whole = lint(false, args);
    let by_file = lint(true, args);
    assert_eq!(whole, by_file, "catalog lint {args:?}: by file differs from whole");
}

/// (file name, line) of each finding of a JSON report, by rule code.
fn places_by_rule(json: &str) -> HashMap<String, Vec<(String, u64)>> {
    let doc: serde_json::Value = serde_json::from_str(json).unwrap();
    let mut by_rule: HashMap<String, Vec<(String, u64)>> = HashMap::new();
    for d in doc["diagnostics"].as_array().unwrap() {
        let file = d["location"]["file"].as_str().unwrap();
        let file = file.rsplit(['/', '\\']).next().unwrap().to_string();
        by_rule
            .entry(d["code"].as_str().unwrap().to_string())
            .or_default()
            .push((file, d["location"]["line"].as_u64().unwrap()));
    }
    by_rule
}

const FORMATS: [&str; 8] = [
    "text", "concise", "json", "sarif", "junit", "github", "gitlab", "markdown",
];

#[test]
fn cross_file_findings_are_the_same_by_file() {
    for f in FORMATS {
        same_both_ways(&["tests/fixtures/by_file", "--format", f]);
    }
    same_both_ways(&["tests/fixtures/by_file", "-q"]);
    same_both_ways(&["tests/fixtures/by_file", "--statistics", "--lang", "en"]);
    same_both_ways(&["tests/fixtures/by_file", "--select", "K,U", "--format", "json"]);
}

#[test]
fn the_findings_across_files_are_there() {
    let (out, _, code) = lint(true, &["tests/fixtures/by_file", "--format", "json"]);
    assert_eq!(code, 1);
    let by_rule = places_by_rule(&out);
    let at = |code: &str| by_rule.get(code).cloned().unwrap_or_default();
    let f2 = |line: u64| ("2-items.yaml".to_string(), line);
    // The region is in 1-header.yaml, the department registered in 330303 in 2-items.yaml.
    assert_eq!(at("K004"), [f2(8)]);
    // One 主项 number, two 主项 names, in two files.
    assert_eq!(at("K007"), [f2(7)]);
    // A code of 1-header.yaml again in 2-items.yaml.
    assert_eq!(at("X004"), [f2(21)]);
    // Bundled in 3-bundles.yaml: 营业执照 of two items of 2-items.yaml, already asked by 1-header.yaml.
    assert_eq!(at("U002"), [f2(12), f2(19)]);
    assert_eq!(at("U001"), [("3-bundles.yaml".to_string(), 4)]);
    assert_eq!(at("F001"), [("3-bundles.yaml".to_string(), 5)]);
}

#[test]
fn sample_catalogs_are_the_same_by_file() {
    for f in FORMATS {
        same_both_ways(&["catalogs", "--format", f]);
    }
    // 四级四同 against an upper catalog of several files.
    same_both_ways(&[
        "catalogs/luchengqu",
        "--base",
        "examples/catalog-2019",
        "--format",
        "json",
    ]);
    same_both_ways(&["examples/catalog-2019", "catalogs/luchengqu", "--format", "concise"]);
}

#[test]
fn spreadsheets_configs_and_bad_files_are_the_same_by_file() {
    // Sheets, CSV in two encodings, and a corrupt and an encrypted workbook: exit 2 either way.
    same_both_ways(&["tests/fixtures/sheets", "--format", "json"]);
    for dir in ["project", "suppress", "wording"] {
        let path = format!("tests/fixtures/config/{dir}");
        same_both_ways(&[&path, "--format", "json"]);
        same_both_ways(&[&path, "--format", "text"]);
    }
}

/// A file of over 1 MB is read in chunks in parallel, each chunk checked as it is read: the
/// findings that compare items of different chunks (and a bundle of items far apart) must be
/// those of the whole model.
#[test]
fn a_big_file_read_in_chunks_is_the_same() {
    let dir = std::env::temp_dir().join(format!("catalog-chunks-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("big.yaml");
    let mut y = String::from(
        "catalog:\n  title: 大清单\n  region_code: \"330302\"\ndefaults: {kingdom: 行政权力, phylum: 行政许可, level: 县级}\nitems:\n",
    );
    for i in 0..4000 {
        // Every 1000th item repeats the code of item 1 and renames its 主项 (X004, K007).
        let (code, main) = if i % 1000 == 999 {
            ("许可-00001-001-01".to_string(), "另一个主项".to_string())
        } else {
            (format!("许可-{:05}-001-01", i), format!("主项{i}"))
        };
        y.push_str(&format!(
            "  - code: {code}\n    name: {main}（新办）\n    main_item: {main}\n    department: 温州市鹿城区市场监督管理局\n    \
             implementation_code: \"11330303002620358H4330302001002\"\n    \
             basis:\n      - 《中华人民共和国行政许可法》第十二条\n    scenarios:\n      - name: 本人申请\n        \
             acceptance_points: [申请书填写完整]\n        materials:\n          - {{name: 营业执照, sample: 无}}\n          \
             - {{name: 申请书{i}, source: 申请人自备}}\n"
        ));
    }
    y.push_str("bundles:\n  - name: 开办\n    items: [许可-00002-001-01, 许可-03500-001-01, 许可-99999-001-01]\n");
    std::fs::write(&path, &y).unwrap();
    assert!(y.len() > 1 << 20, "the file must be big enough to be read in chunks");
    let p = path.to_str().unwrap();
    for f in ["json", "text", "concise"] {
        same_both_ways(&[p, "--format", f]);
    }
    let (out, _, _) = lint(true, &[p, "--format", "json", "--select", "K004,K007,X004,U001,U002"]);
    let by_rule = places_by_rule(&out);
    let count = |code: &str| by_rule.get(code).map_or(0, Vec::len);
    assert_eq!(count("X004"), 4, "{out}");
    assert_eq!(count("K007"), 4, "{out}");
    assert_eq!(count("K004"), 4000, "{out}");
    assert_eq!(count("U001"), 1, "{out}");
    assert_eq!(count("U002"), 1, "{out}");
    std::fs::remove_dir_all(&dir).ok();
}
