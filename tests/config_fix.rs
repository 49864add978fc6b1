//! `--fix`: safe byte-range edits that keep comments and layout; `--diff` writes nothing;
//! unsafe fixes need `--unsafe-fixes`.

use assert_cmd::Command;
use std::fs;

fn catalog() -> Command {
    Command::cargo_bin("catalog").expect("binary")
}

fn copy() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("items.yaml");
    fs::copy("tests/fixtures/config/fix/items.yaml", &f).unwrap();
    (dir, f)
}

#[test]
fn diff_shows_changes_and_writes_nothing() {
    let (dir, f) = copy();
    let before = fs::read_to_string(&f).unwrap();
    let out = catalog()
        .arg("lint")
        .arg(dir.path())
        .args(["--fix", "--diff"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let d = String::from_utf8(out.stdout).unwrap();
    assert!(
        d.contains("-    level: 区县级          # 应改为 县级\n+    level: 县级          # 应改为 县级"),
        "{d}"
    );
    assert!(
        d.contains("+      - 《浙江省个体工商户条例》（浙政发〔2017〕6号）第八条"),
        "{d}"
    );
    assert!(d.contains("+    phone: \"0577-88271506\""), "{d}");
    assert!(
        d.contains("+          - point: 经营场所，设备与经营范围相适应；"),
        "{d}"
    );
    assert!(d.contains("+          - name: 其他证明文件"), "{d}");
    assert!(
        !d.contains("法定代表人"),
        "unsafe fix offered without --unsafe-fixes: {d}"
    );
    assert_eq!(fs::read_to_string(&f).unwrap(), before);
}

#[test]
fn fix_keeps_comments_and_reports_what_remains() {
    let (dir, f) = copy();
    let before = fs::read_to_string(&f).unwrap();
    let out = catalog()
        .arg("lint")
        .arg(dir.path())
        .args(["--fix", "--format", "json", "--ignore", "V"])
        .output()
        .unwrap();
    let after = fs::read_to_string(&f).unwrap();
    // Only the fixed lines changed; comments and layout are kept.
    let changed: Vec<(&str, &str)> = before.lines().zip(after.lines()).filter(|(a, b)| a != b).collect();
    assert_eq!(changed.len(), 5, "{changed:?}");
    assert_eq!(before.lines().count(), after.lines().count());
    assert!(after.contains("  phylum: 行政确认   # 门\n"));
    assert!(after.contains("    level: 县级          # 应改为 县级\n"));
    // What remains: the unsafe 法人代表 swap, the missing samples, and 其他证明文件 (the fixed
    // 其它证明文件) as the catch-all it is.
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let codes: Vec<&str> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["T007", "W002", "T007", "W004"], "{v}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("5"));

    catalog()
        .arg("lint")
        .arg(dir.path())
        .args(["--fix", "--unsafe-fixes"])
        .assert()
        .code(1);
    assert!(fs::read_to_string(&f).unwrap().contains("name: 法定代表人身份证明"));
}

#[test]
fn diff_requires_fix() {
    catalog()
        .args(["lint", "tests/fixtures/config/fix", "--diff"])
        .assert()
        .code(2);
}

#[test]
fn user_rule_with_a_replacement_is_fixed() {
    let (dir, f) = copy();
    std::fs::create_dir(dir.path().join("r")).unwrap();
    fs::write(
        dir.path().join("r/p.yaml"),
        "rules:\n  - code: C301\n    name: trailing-semicolon\n    summary: 要点末尾不加分号\n    message: \"{field}末尾多了“{term}”\"\n    fields: [受理要点]\n    check: {not_pattern: \"(相适应)；$\", replace: \"$1\"}\n",
    )
    .unwrap();
    fs::write(dir.path().join("catalog.toml"), "rules_dir = \"r\"\nselect = [\"C\"]\n").unwrap();
    let out = catalog()
        .arg("lint")
        .arg(dir.path())
        .args(["--fix", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(
        fs::read_to_string(&f)
            .unwrap()
            .contains("- point: 经营场所,设备与经营范围相适应\n")
    );
}
