//! The foundation: YAML loading with exact places, template and taxonomy rules, tree, exit codes.

#[path = "../examples/support/generator.rs"]
mod generator;

use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;

fn catalog() -> Command {
    let mut c = Command::cargo_bin("catalog").expect("binary");
    c.env_remove("CATALOG_LANG");
    c
}

/// Write `text` as a catalog file in a fresh directory (with a samples/ folder) and lint it.
fn lint_yaml(text: &str) -> (i32, Value, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir_all(dir.path().join("samples")).expect("samples");
    std::fs::write(dir.path().join("samples/申请书-样表.pdf"), "%PDF").expect("sample");
    let file = dir.path().join("c.yaml");
    std::fs::write(&file, text).expect("write");
    let out = catalog()
        .args(["lint", "--format", "json"])
        .arg(&file)
        .output()
        .expect("run");
    let code = out.status.code().unwrap_or(-1);
    let json = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    (code, json, dir)
}

/// (code, line) of every finding.
fn findings(json: &Value) -> Vec<(String, u64)> {
    json["diagnostics"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|d| {
                    (
                        d["code"].as_str().unwrap_or("").to_string(),
                        d["location"]["line"].as_u64().unwrap_or(0),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

const CLEAN_ITEM: &str = r#"  - code: "许可-00977-001-01"
    name: 食品经营许可（新办）
    main_item: 食品经营许可
    level: 县级
    department: 温州市鹿城区市场监督管理局
    scenarios:
      - name: 仅销售预包装食品
        acceptance_points:
          - point: 经营场所与经营项目相适应
        materials:
          - name: 食品经营许可申请书
            sample: samples/申请书-样表.pdf
    basis: [《中华人民共和国食品安全法》第三十五条]
    time_limit: {statutory: 20工作日, promised: 5工作日}
    visits: 0
    fee: 不收费
    result: 食品经营许可证
    process:
      - {step: 受理, days: 0}
      - {step: 审查, days: 3}
      - {step: 决定, days: 1}
      - {step: 送达, days: 1}
"#;

fn with_header(items: &str) -> String {
    format!("catalog:\n  title: 测试\ndefaults:\n  kingdom: 行政权力\n  phylum: 行政许可\nitems:\n{items}")
}

#[test]
fn clean_item_has_no_findings() {
    let (code, json, _d) = lint_yaml(&with_header(CLEAN_ITEM));
    assert_eq!(findings(&json), vec![]);
    assert_eq!(code, 0);
}

/// Each case: a change to the clean item, the rule that must fire, and the line it must point at.
#[test]
fn each_template_and_taxonomy_rule_fires_on_its_line() {
    let cases: &[(&str, &str, &str, u64)] = &[
        ("    name: 食品经营许可（新办）\n", "", "T001", 7),
        ("    level: 县级\n", "", "T002", 7),
        ("    level: 县级\n", "    level: 县区镇级\n", "T003", 10),
        (
            "    scenarios:\n      - name: 仅销售预包装食品\n        acceptance_points:\n          - point: 经营场所与经营项目相适应\n        materials:\n          - name: 食品经营许可申请书\n            sample: samples/申请书-样表.pdf\n",
            "    scenarios: []\n",
            "T004",
            12,
        ),
        (
            "        acceptance_points:\n          - point: 经营场所与经营项目相适应\n",
            "",
            "T005",
            13,
        ),
        (
            "        materials:\n          - name: 食品经营许可申请书\n            sample: samples/申请书-样表.pdf\n",
            "",
            "T006",
            13,
        ),
        ("            sample: samples/申请书-样表.pdf\n", "", "T007", 17),
        (
            "            sample: samples/申请书-样表.pdf\n",
            "            sample: samples/没有这个文件.pdf\n",
            "T008",
            18,
        ),
        (
            "    level: 县级\n",
            "    level: 县级\n    phylum: 行政审批\n",
            "X001",
            11,
        ),
        (
            "    level: 县级\n",
            "    level: 县级\n    kingdom: 公共服务\n",
            "X002",
            5,
        ),
        ("    level: 县级\n", "    level: 县级\n    matrials: []\n", "F001", 11),
    ];
    for (from, to, rule, line) in cases {
        let item = CLEAN_ITEM.replacen(from, to, 1);
        assert_ne!(item, CLEAN_ITEM, "case {rule} did not change the item");
        let (code, json, _d) = lint_yaml(&with_header(&item));
        let got = findings(&json);
        assert!(
            got.contains(&(rule.to_string(), *line)),
            "{rule} expected on line {line}, got {got:?}"
        );
        let severity = json["diagnostics"][0]["severity"].as_str().unwrap_or("");
        assert_eq!(
            code,
            i32::from(severity == "error"),
            "{rule}: exit code follows the severity"
        );
    }
}

#[test]
fn cross_item_taxonomy_rules() {
    let second = CLEAN_ITEM.replace("食品经营许可（新办）", "食品经营许可（变更）");
    // Duplicate code: reported on the second item's code line.
    let (_, json, _d) = lint_yaml(&with_header(&format!("{CLEAN_ITEM}{second}")));
    assert!(findings(&json).contains(&("X004".into(), 29)), "{:?}", findings(&json));
    // Sub-item under two main items.
    let a = CLEAN_ITEM.replace(
        "    main_item: 食品经营许可\n",
        "    main_item: 食品经营许可\n    sub_item: 餐饮服务\n",
    );
    let b = a
        .replace("许可-00977-001-01", "许可-00978-001-01")
        .replace("main_item: 食品经营许可", "main_item: 食品生产许可");
    let (_, json, _d) = lint_yaml(&with_header(&format!("{a}{b}")));
    assert!(
        findings(&json).iter().any(|(c, l)| c == "X003" && *l == 33),
        "{:?}",
        findings(&json)
    );
    // Duplicate names among siblings (scenarios of one item; items of one sub-item).
    let twice = CLEAN_ITEM.replace(
        "        materials:\n          - name: 食品经营许可申请书\n            sample: samples/申请书-样表.pdf\n",
        "        materials:\n          - name: 食品经营许可申请书\n            sample: samples/申请书-样表.pdf\n      - name: 仅销售预包装食品\n        acceptance_points: [要点]\n        materials: [{name: 申请书, sample: 示例文字}]\n",
    );
    let (_, json, _d) = lint_yaml(&with_header(&twice));
    assert!(findings(&json).contains(&("X005".into(), 19)), "{:?}", findings(&json));
    let renamed = CLEAN_ITEM.replace("许可-00977-001-01", "许可-00977-001-02");
    let (_, json, _d) = lint_yaml(&with_header(&format!("{CLEAN_ITEM}{renamed}")));
    assert!(findings(&json).contains(&("X005".into(), 30)), "{:?}", findings(&json));
    // Missing type.
    let (_, json, _d) = lint_yaml(&format!("items:\n{CLEAN_ITEM}"));
    assert!(findings(&json).contains(&("X006".into(), 2)), "{:?}", findings(&json));
}

#[test]
fn chinese_keys_load_like_english_ones() {
    let zh = with_header(CLEAN_ITEM)
        .replace("    name: 食品经营许可（新办）", "    事项名称: 食品经营许可（新办）")
        .replace("    level: 县级", "    事项层级: 县级")
        .replace("    scenarios:", "    办事情形:")
        .replace("        materials:", "        申请材料:")
        .replace("            sample:", "            材料范例:");
    let (code, json, _d) = lint_yaml(&zh);
    assert_eq!(findings(&json), vec![]);
    assert_eq!(code, 0);
}

/// Each malformed file: exit 2 and a message naming the file with its line and column.
#[test]
fn malformed_yaml_is_a_clear_error() {
    let cases: &[(&str, &str, &str)] = &[
        ("duplicate key", "items:\n  - name: a\n    name: b\n", "c.yaml:3:5"),
        ("alias and key", "items:\n  - name: a\n    事项名称: b\n", "c.yaml:3:5"),
        ("tab", "items:\n  - name: a\n\tlevel: 县级\n", "c.yaml:3:"),
        ("bad indentation", "items:\n  - name: a\n   level: 县级\n", "c.yaml:3:"),
        ("wrong type", "items:\n  - name: a\n    visits: 两次\n", "c.yaml:3:13"),
        ("list for text", "items:\n  - name: [a, b]\n", "c.yaml:2:11"),
        ("empty", "", "c.yaml"),
    ];
    for (what, text, place) in cases {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("c.yaml");
        std::fs::write(&file, text).expect("write");
        let out = catalog().arg("lint").arg(&file).output().expect("run");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{what}: {err}");
        assert!(err.contains(place), "{what}: expected {place} in {err}");
        assert!(!err.contains("panicked"), "{what}: {err}");
    }
}

#[test]
fn messages_in_english_on_request() {
    let item = CLEAN_ITEM.replace("    level: 县级\n", "    level: 县区镇级\n");
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir_all(dir.path().join("samples")).expect("samples");
    std::fs::write(dir.path().join("samples/申请书-样表.pdf"), "%PDF").expect("sample");
    let file = dir.path().join("c.yaml");
    std::fs::write(&file, with_header(&item)).expect("write");
    let out = catalog()
        .args(["--lang", "en", "lint"])
        .arg(&file)
        .output()
        .expect("run");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("is not a valid level"), "{text}");
    assert!(text.contains("c.yaml:10:12"), "{text}");
}

#[test]
fn timings_name_each_phase_in_the_users_language() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for (lang, want) in [
        ("zh", ["耗时：读取", "68 个事项", "检查", "个问题", "峰值内存", "合计"]),
        (
            "en",
            ["timings: load", "68 items", "check", "findings", "peak", "total"],
        ),
    ] {
        let out = catalog()
            .current_dir(root)
            .args(["--lang", lang, "lint", "catalogs/", "-q", "--timings"])
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(1), "the sample has deliberate findings");
        let err = String::from_utf8_lossy(&out.stderr);
        for w in want {
            assert!(err.contains(w), "{lang}: {w:?} missing in {err}");
        }
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            !stdout.is_empty() && !stdout.contains(" ms ("),
            "timings go to stderr only: {stdout}"
        );
    }
}

#[test]
fn sample_catalog_findings_and_tree() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = catalog()
        .current_dir(root)
        .args(["lint", "--format", "json"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    let json: Value = serde_json::from_slice(&out.stdout).expect("json");
    let got: Vec<(String, String, u64)> = json["diagnostics"]
        .as_array()
        .expect("array")
        .iter()
        .map(|d| {
            let file = d["location"]["file"].as_str().unwrap_or("");
            let name = Path::new(file)
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or("")
                .to_string();
            (
                d["code"].as_str().unwrap_or("").to_string(),
                name,
                d["location"]["line"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    // The deliberate findings of catalogs/FINDINGS.md that the template and taxonomy rules cover.
    for want in [
        ("T008", "交通运输局.yaml", 53),
        ("T007", "人力社保局.yaml", 408),
        ("T005", "卫生健康局.yaml", 436),
        ("T003", "民政局.yaml", 392),
        ("X001", "住房和城乡建设局.yaml", 186),
        ("X004", "自然资源和规划局.yaml", 114),
    ] {
        assert!(
            got.contains(&(want.0.to_string(), want.1.to_string(), want.2)),
            "{want:?} not in {got:?}"
        );
    }
    let tree = catalog()
        .current_dir(root)
        .args(["tree", "--depth", "2"])
        .output()
        .expect("run");
    let text = String::from_utf8_lossy(&tree.stdout);
    assert!(
        text.contains("界 行政权力") && text.contains("门 行政许可") && text.contains("界 公共服务"),
        "{text}"
    );
    let json = catalog()
        .current_dir(root)
        .args(["tree", "--format", "json"])
        .output()
        .expect("run");
    let tree: Value = serde_json::from_slice(&json.stdout).expect("tree json");
    assert_eq!(tree["count"], json_count(root));
}

fn json_count(root: &Path) -> Value {
    let out = catalog()
        .current_dir(root)
        .args(["lint", "--format", "json"])
        .output()
        .expect("run");
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    v["summary"]["items"].clone()
}

#[test]
fn generated_catalogs_clean_and_planted() {
    let dir = tempfile::tempdir().expect("tempdir");
    generator::write_samples(dir.path());
    let clean = generator::generate(&generator::Options {
        items: 200,
        seed: 7,
        files: 1,
        change_percent: 0,
        defects: 0,
    });
    let file = dir.path().join("clean.yaml");
    std::fs::write(&file, &clean.files[0].1).expect("write");
    let out = catalog()
        .args(["lint", "--format", "json"])
        .arg(&file)
        .output()
        .expect("run");
    let json: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(json["summary"]["errors"], 0, "{}", String::from_utf8_lossy(&out.stdout));
    assert_eq!(json["summary"]["items"], 200);
    assert_eq!(out.status.code(), Some(0));

    let planted = generator::generate(&generator::Options {
        items: 200,
        seed: 7,
        files: 1,
        change_percent: 0,
        defects: 25,
    });
    assert!(planted.planted.len() > 20);
    let file = dir.path().join("planted.yaml");
    std::fs::write(&file, &planted.files[0].1).expect("write");
    let out = catalog()
        .args(["lint", "--format", "json"])
        .arg(&file)
        .output()
        .expect("run");
    let json: Value = serde_json::from_slice(&out.stdout).expect("json");
    let got: Vec<(String, String, u64)> = json["diagnostics"]
        .as_array()
        .expect("array")
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap_or("").to_string(),
                d["item"].as_str().unwrap_or("").to_string(),
                d["location"]["line"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    for p in &planted.planted {
        assert!(
            got.contains(&(p.rule.to_string(), p.code.clone(), p.line as u64)),
            "planted {} on {} line {} not reported: {got:?}",
            p.rule,
            p.code,
            p.line
        );
    }
}
