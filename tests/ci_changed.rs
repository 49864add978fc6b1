//! `catalog lint --changed-since REV` in a temporary git repository: the whole catalog is
//! linted, but only findings on items changed or added since REV are reported.

use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;
use std::process::Command as Proc;

fn git(dir: &Path, args: &[&str]) {
    let st = Proc::new("git")
        .current_dir(dir)
        .args([
            "-c",
            "user.name=CI",
            "-c",
            "user.email=ci@example.org",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .output()
        .unwrap();
    assert!(
        st.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&st.stderr)
    );
}

/// A repository with the CI fixture committed as catalogs/鹿城区.yaml.
fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("catalogs")).unwrap();
    std::fs::copy("tests/fixtures/ci/鹿城区.yaml", dir.path().join("catalogs/鹿城区.yaml")).unwrap();
    std::fs::copy("tests/fixtures/ci/catalog.toml", dir.path().join("catalog.toml")).unwrap();
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "-A"]);
    git(dir.path(), &["commit", "-q", "-m", "base"]);
    dir
}

fn lint(dir: &Path, args: &[&str]) -> (i32, Value) {
    let out = Command::cargo_bin("catalog")
        .unwrap()
        .current_dir(dir)
        .args(["lint", "catalogs", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    let v = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    (out.status.code().unwrap(), v)
}

fn found(v: &Value) -> Vec<(String, u64)> {
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["location"]["line"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn edit(path: &Path, from: &str, to: &str) {
    let s = std::fs::read_to_string(path).unwrap();
    assert!(s.contains(from));
    std::fs::write(path, s.replacen(from, to, 1)).unwrap();
}

#[test]
fn nothing_changed_reports_nothing() {
    let dir = repo();
    let (code, v) = lint(dir.path(), &["--changed-since", "HEAD"]);
    assert_eq!(code, 0);
    assert!(found(&v).is_empty());
    // Without the flag all nine findings are there.
    let (code, v) = lint(dir.path(), &[]);
    assert_eq!(code, 1);
    assert_eq!(found(&v).len(), 9);
}

#[test]
fn only_changed_and_new_items_are_reported() {
    let dir = repo();
    let file = dir.path().join("catalogs/鹿城区.yaml");
    // Change one line inside the second item (食品经营许可（变更）, lines 32–44).
    edit(
        &file,
        "          - 新场所符合要求",
        "          - 新场所符合食品经营要求",
    );
    // A new file with a new item, committed: the base revision does not have it.
    std::fs::write(
        dir.path().join("catalogs/新增.yaml"),
        "items:\n  - code: 许可-09999-001-01\n    name: 新增事项\n    department: 鹿城区某局\n    kingdom: 行政权力\n    phylum: 行政许可\n",
    )
    .unwrap();
    git(dir.path(), &["add", "-A"]);
    git(dir.path(), &["commit", "-q", "-m", "change"]);

    let (code, v) = lint(dir.path(), &["--changed-since", "HEAD~1"]);
    assert_eq!(code, 1);
    let mut got = found(&v);
    got.sort();
    let files: Vec<&str> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["location"]["file"].as_str().unwrap())
        .collect();
    // Item 2 of the old file (F001 at 37, T007 at 43) and the new item (no level, no scenario).
    assert_eq!(
        got,
        vec![
            ("F001".to_string(), 37),
            ("T002".to_string(), 2),
            ("T004".to_string(), 2),
            ("T007".to_string(), 43)
        ]
    );
    assert_eq!(files.iter().filter(|f| f.ends_with("新增.yaml")).count(), 2);
    // Items 3 and 4 still have their findings, but they did not change.
    assert!(!got.iter().any(|(c, _)| c == "X004" || c == "T001"));
}

#[test]
fn uncommitted_edits_and_deletions_count() {
    let dir = repo();
    let file = dir.path().join("catalogs/鹿城区.yaml");
    // Delete a line of the last item (its department), not committed.
    edit(&file, "    main_item: 酒类商品零售许可\n", "");
    let (_, v) = lint(dir.path(), &["--changed-since", "HEAD"]);
    let codes: Vec<String> = found(&v).into_iter().map(|(c, _)| c).collect();
    assert_eq!(codes, vec!["T001", "T002", "T005", "T006"]);
}

#[test]
fn fail_on_applies_to_reported_findings_only() {
    let dir = repo();
    let file = dir.path().join("catalogs/鹿城区.yaml");
    // Touch only the clean first item: nothing to report, so exit 0 although the file has errors.
    edit(
        &file,
        "fix: 平面图上标注各功能区面积",
        "fix: 平面图上标注各功能区的面积",
    );
    let (code, v) = lint(dir.path(), &["--changed-since", "HEAD"]);
    assert_eq!(code, 0);
    assert!(found(&v).is_empty());
}

#[test]
fn not_a_repository_or_bad_revision_is_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("catalogs")).unwrap();
    std::fs::copy("tests/fixtures/ci/鹿城区.yaml", dir.path().join("catalogs/a.yaml")).unwrap();
    std::fs::copy("tests/fixtures/ci/catalog.toml", dir.path().join("catalog.toml")).unwrap();
    Command::cargo_bin("catalog")
        .unwrap()
        .current_dir(dir.path())
        .env("GIT_CEILING_DIRECTORIES", dir.path().parent().unwrap())
        .args(["lint", "catalogs", "--changed-since", "HEAD"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("git 仓库"));

    let dir = repo();
    Command::cargo_bin("catalog")
        .unwrap()
        .current_dir(dir.path())
        .args(["lint", "catalogs", "--changed-since", "no-such-branch"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("no-such-branch"));
}

#[test]
fn works_with_every_format() {
    let dir = repo();
    edit(
        &dir.path().join("catalogs/鹿城区.yaml"),
        "          - 新场所符合要求",
        "          - 新场所符合食品经营要求",
    );
    let out = Command::cargo_bin("catalog")
        .unwrap()
        .current_dir(dir.path())
        .args(["lint", "catalogs", "--changed-since", "HEAD", "--format", "github"])
        .output()
        .unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    let annotations: Vec<&str> = s.lines().filter(|l| l.starts_with("::")).collect();
    assert_eq!(annotations.len(), 2, "{s}");
    assert!(annotations[0].starts_with("::warning file=catalogs/鹿城区.yaml,line=37,col=5,title=F001::"));
    // The human formats say that the report covers changed items only; SARIF records it.
    assert!(s.contains("只报告自 HEAD 以来新增或修改的事项"), "{s}");
    let out = Command::cargo_bin("catalog")
        .unwrap()
        .current_dir(dir.path())
        .args([
            "lint",
            "catalogs",
            "--changed-since",
            "HEAD",
            "-f",
            "markdown",
            "-o",
            "r.md",
        ])
        .args(["-f", "sarif", "-o", "r.sarif"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let md = std::fs::read_to_string(dir.path().join("r.md")).unwrap();
    assert!(md.contains("只报告自 HEAD 以来"), "{md}");
    assert_eq!(md.lines().filter(|l| l.starts_with("| `catalogs/")).count(), 2);
    let sarif: Value = serde_json::from_str(&std::fs::read_to_string(dir.path().join("r.sarif")).unwrap()).unwrap();
    assert_eq!(sarif["runs"][0]["properties"]["changedSince"], "HEAD");
    assert_eq!(sarif["runs"][0]["results"].as_array().unwrap().len(), 2);
}
