//! The built-in law registry (B010 unknown-law, B011 missing-article, B012 superseded-law): planted
//! mistakes are reported on their item and line with the current facts; correct citations in the
//! quoting styles of real exports get none. And the committed registry is what the script makes.

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// (code, item, line, message) of every B010–B012 finding.
fn findings(path: &str, lang: &str) -> Vec<(String, String, u64, String)> {
    let out = Command::cargo_bin("catalog")
        .unwrap()
        .args([
            "--lang",
            lang,
            "lint",
            "--format",
            "json",
            "--fail-on",
            "never",
            "--select",
            "B010,B011,B012",
            path,
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["item"].as_str().unwrap_or("").to_string(),
                d["location"]["line"].as_u64().unwrap_or(0),
                d["message"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

#[test]
fn planted_mistakes_and_correct_styles() {
    let f = findings("tests/fixtures/laws/basis.yaml", "zh");
    let got: Vec<(&str, &str, u64)> = f.iter().map(|(c, i, l, _)| (c.as_str(), i.as_str(), *l)).collect();
    assert_eq!(
        got,
        [
            ("B011", "错误-1", 21),
            ("B010", "错误-2", 25),
            ("B012", "错误-3", 29),
            ("B011", "错误-4", 33),
            ("B012", "错误-5", 37),
            ("B011", "错误-6", 41),
        ]
    );
    let msg = |i: usize| f[i].3.as_str();
    assert!(msg(0).contains("只有 83 条"), "{}", msg(0));
    assert!(msg(1).contains("是否为《中华人民共和国行政许可法》"), "{}", msg(1));
    assert!(msg(1).contains("2025-04-19"), "{}", msg(1));
    assert!(msg(2).contains("2021-04-29"), "{}", msg(2));
    assert!(msg(3).contains("只有 1 款"), "{}", msg(3));
    assert!(
        msg(4).contains("《中华人民共和国民法典》") && msg(4).contains("2021-01-01"),
        "{}",
        msg(4)
    );
    assert!(msg(5).contains("只有 6 项"), "{}", msg(5));
}

#[test]
fn english_messages() {
    let f = findings("tests/fixtures/laws/basis.yaml", "en");
    assert!(f[0].3.contains("has 83 articles"), "{}", f[0].3);
    assert!(f[1].3.contains("did you mean"), "{}", f[1].3);
}

/// The same citations in a CSV (the office's own headers): the places are rows.
#[test]
fn csv_rows() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("清单.csv");
    std::fs::write(
        &p,
        "事项编码,事项名称,设定依据\n\
         A-1,正确,《中华人民共和国行政许可法》第十二条第一款第（一）项\n\
         A-2,错误,《中华人民共和国行政许可法》第一百条\n",
    )
    .unwrap();
    let f = findings(p.to_str().unwrap(), "zh");
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!((f[0].0.as_str(), f[0].1.as_str()), ("B011", "A-2"));
}

/// A user's own registry folder (catalog.toml `law_registry`) adds a law the built-in one lacks.
#[test]
fn user_registry_folder() {
    let dir = tempfile::tempdir().unwrap();
    let laws = dir.path().join("laws");
    std::fs::create_dir(&laws).unwrap();
    std::fs::write(
        laws.join("中华人民共和国示例法(2026-01-01).md"),
        "# 中华人民共和国示例法\n\n2026年1月1日通过\n\n<!-- INFO END -->\n\n第一条 示例。\n\n第二条 示例。\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("catalog.toml"), "[options]\nlaw_registry = \"laws\"\n").unwrap();
    std::fs::write(
        dir.path().join("c.yaml"),
        "items:\n  - code: A\n    name: 甲\n    basis: [《中华人民共和国示例法》第二条]\n  - code: B\n    name: 乙\n    basis: [《示例法》第三条]\n",
    )
    .unwrap();
    let f = findings(dir.path().join("c.yaml").to_str().unwrap(), "zh");
    let got: Vec<(&str, &str)> = f.iter().map(|(c, i, _, _)| (c.as_str(), i.as_str())).collect();
    assert_eq!(got, [("B011", "B")], "{f:?}");
}

/// The LawRefBook snapshot the registry was built from, when this checkout has it nearby.
fn lawrefbook() -> Option<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::env::var_os("LAWREFBOOK")
        .map(PathBuf::from)
        .into_iter()
        .chain(root.ancestors().skip(1).map(|a| a.join("shared/data/laws/lawrefbook")))
        .find(|p| p.join("db.sqlite3").is_file())
}

#[test]
fn committed_registry_is_what_the_script_makes() {
    let Some(src) = lawrefbook() else {
        eprintln!(
            "note: skipped — no LawRefBook snapshot (set LAWREFBOOK or place it at ../shared/data/laws/lawrefbook)"
        );
        return;
    };
    let Ok(out) = std::process::Command::new("python3")
        .arg("scripts/build_law_registry.py")
        .arg(&src)
        .output()
    else {
        eprintln!("note: skipped — python3 not found");
        return;
    };
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let committed = std::fs::read_to_string("rules/laws/registry.tsv").unwrap();
    assert!(
        String::from_utf8(out.stdout).unwrap() == committed,
        "rules/laws/registry.tsv differs from what scripts/build_law_registry.py makes of {}: regenerate it",
        src.display()
    );
}

/// `catalog law`: the registry's facts, the article's text from a texts folder, exit 1 for an
/// article the law does not have, 2 for a line without a title.
#[test]
fn law_command() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("行政许可法(2019-04-23).md"),
        "# 中华人民共和国行政许可法\n\n<!-- INFO END -->\n\n第三十条 行政机关应当公示。\n\n申请人要求说明的，应当说明。\n\n第三十一条 下一条。\n",
    )
    .unwrap();
    let run = |args: &[&str]| {
        Command::cargo_bin("catalog")
            .unwrap()
            .args(args)
            .env_remove("CATALOG_LAW_TEXTS")
            .output()
            .unwrap()
    };
    let out = run(&["law", "《行政许可法》第三十条", "--texts", dir.path().to_str().unwrap()]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(text.contains("共 83 条") && text.contains("2019-04-23"), "{text}");
    assert!(
        text.contains("第三十条 行政机关应当公示。\n申请人要求说明的，应当说明。\n"),
        "{text}"
    );
    assert!(!text.contains("下一条"), "{text}");
    let out = run(&["law", "《中华人民共和国行政许可法》第九十条"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("没有第九十条"));
    assert_eq!(run(&["law", "行政许可法"]).status.code(), Some(2));
}
