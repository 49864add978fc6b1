//! The lint pipeline with a config: wording rules, select/ignore, severities, per-path
//! overrides, user rules, and bad config.

use assert_cmd::Command;
use serde_json::Value;

fn catalog() -> Command {
    Command::cargo_bin("catalog").expect("binary")
}

/// (code, line) of every finding, from `--format json`.
fn findings(cmd: &mut Command) -> (Vec<(String, u64)>, Value) {
    let out = cmd.args(["--format", "json"]).output().unwrap();
    let v: Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    let f = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["location"]["line"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    (f, v)
}

fn has(f: &[(String, u64)], code: &str, line: u64) -> bool {
    f.iter().any(|(c, l)| c == code && *l == line)
}

#[test]
fn wording_rules_find_each_defect_on_its_line() {
    let (f, _) = findings(catalog().args(["lint", "tests/fixtures/config/wording", "--select", "W"]));
    let want = [
        ("W007", 10),
        ("W008", 11),
        ("W009", 13),
        ("W013", 15),
        ("W001", 16),
        ("W010", 20),
        ("W004", 22),
        ("W002", 23),
        ("W003", 24),
        ("W005", 25),
        ("W006", 26),
    ];
    for (c, l) in want {
        assert!(has(&f, c, l), "{c} at line {l} missing from {f:?}");
    }
    // Brackets and 文号 in 设定依据 are the basis rules' (B002, B004): reported once, not twice.
    let (all, _) = findings(catalog().args(["lint", "tests/fixtures/config/wording"]));
    for (c, l) in [("B002", 34), ("B004", 34)] {
        assert!(has(&all, c, l), "{c} at line {l} missing from {all:?}");
    }
    assert!(!has(&all, "W011", 34) && !has(&all, "W012", 34), "{all:?}");
    // The catch-all inside a longer catch-all is reported once (line 22's 其它证明文件 is a
    // catch-all of its own).
    assert_eq!(f.iter().filter(|(c, l)| c == "W002" && *l == 23).count(), 1, "{f:?}");
    // The clean item (确认-002 apart from its basis) has no other wording findings.
    assert!(f.iter().all(|(_, l)| *l <= 34), "{f:?}");
}

#[test]
fn select_and_ignore_by_prefix_and_code() {
    let (f, _) = findings(catalog().args([
        "lint",
        "tests/fixtures/config/wording",
        "--select",
        "W00",
        "--ignore",
        "W005,W007",
    ]));
    assert!(
        f.iter()
            .all(|(c, _)| c.starts_with("W00") && c != "W005" && c != "W007"),
        "{f:?}"
    );
    assert!(has(&f, "W004", 22));
}

#[test]
fn unknown_selector_is_a_usage_error() {
    catalog()
        .args(["lint", "tests/fixtures/config/wording", "--select", "W99"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("W99"));
}

#[test]
fn config_severities_overrides_options_and_user_rules() {
    let (f, v) = findings(
        catalog()
            .current_dir("tests/fixtures/config/project")
            .args(["lint", "catalogs", "legacy"]),
    );
    // ignore = ["W007"]: the 区县级 level is not reported.
    assert!(!f.iter().any(|(c, _)| c == "W007"), "{f:?}");
    // W004 raised to error.
    let w004 = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "W004")
        .unwrap();
    assert_eq!(w004["severity"], "error");
    assert_eq!(w004["location"]["file"], "catalogs/items.yaml");
    // legacy/** ignores the whole W family.
    assert!(
        !v["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["location"]["file"] == "legacy/old.yaml" && d["code"].as_str().unwrap().starts_with('W')),
        "{v}"
    );
    // options.required replaces the 行政许可 list: fee is required, result is not.
    assert!(has(&f, "T020", 5));
    assert_eq!(f.iter().filter(|(c, _)| c == "T020").count(), 1, "{f:?}");
    // User rules: a comparison, a scoped pattern (only 行政许可) and a user vocabulary.
    assert!(has(&f, "C101", 12) && has(&f, "C101", 26), "{f:?}");
    assert!(has(&f, "C102", 6), "{f:?}");
    assert_eq!(f.iter().filter(|(c, _)| c == "C102").count(), 1, "{f:?}");
    assert!(has(&f, "C103", 32), "{f:?}");
    // A per-path override raised C103 from info to warning under catalogs/.
    let c103 = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "C103")
        .unwrap();
    assert_eq!(c103["severity"], "warning");
    // options.laws loaded the law list as a third file.
    assert_eq!(v["summary"]["files"], 3);
}

#[test]
fn unknown_config_key_exits_2_with_place() {
    catalog()
        .args(["lint", "tests/fixtures/config/badconfig"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("catalog.toml:5:1"))
        .stderr(predicates::str::contains("visits_limit"));
}

#[test]
fn explicit_config_and_bad_user_rule() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("r")).unwrap();
    std::fs::write(
        dir.path().join("r/bad.yaml"),
        "rules:\n  - code: C001\n    name: x\n    summary: x\n    message: x\n    fields: [no_such_field]\n    check: {required: true}\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("c.toml"), "rules_dir = \"r\"\n").unwrap();
    catalog()
        .args(["lint", "tests/fixtures/config/wording", "--config"])
        .arg(dir.path().join("c.toml"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("no_such_field"));
}

#[test]
fn user_required_rule_on_child_nodes() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("r")).unwrap();
    std::fs::write(
        dir.path().join("r/req.yaml"),
        "rules:\n  - code: C201\n    name: material-source-required\n    summary: 材料须写来源渠道\n    message: \"{field}未填写\"\n    fields: [材料.来源渠道]\n    check: {required: true}\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("c.toml"), "rules_dir = \"r\"\nselect = [\"C\"]\n").unwrap();
    let (f, v) = findings(
        catalog()
            .args(["lint", "tests/fixtures/config/wording", "--config"])
            .arg(dir.path().join("c.toml")),
    );
    let lines: Vec<u64> = f.iter().map(|(_, l)| *l).collect();
    assert_eq!(lines, [22, 23, 24, 25, 26, 41], "{v}");
    assert_eq!(v["diagnostics"][0]["message"], "来源渠道未填写");
}

#[test]
fn config_selector_typos_and_bad_severities_name_their_place() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        "tests/fixtures/config/wording/items.yaml",
        dir.path().join("items.yaml"),
    )
    .unwrap();
    let run = |toml: &str, place: &str| {
        std::fs::write(dir.path().join("catalog.toml"), toml).unwrap();
        catalog()
            .arg("lint")
            .arg(dir.path())
            .assert()
            .code(2)
            .stderr(predicates::str::contains(format!("catalog.toml:{place}")));
    };
    run("select = [\"W\", \"W0x\"]\n", "1:16");
    run("[severity]\nW = \"fatal\"\n", "2:5");
    run("[severity]\nQ12 = \"info\"\n", "2:7");
    run("[[overrides]]\nfiles = [\"a/**\"]\nignore = [\"nope\"]\n", "3:11");
}
