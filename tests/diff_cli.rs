//! `catalog diff` and `catalog stats` on the fixtures under tests/fixtures/diff/.

use assert_cmd::Command;
use serde_json::Value;
use std::collections::BTreeSet;

const V1: &str = "tests/fixtures/diff/v1";
const V2: &str = "tests/fixtures/diff/v2";

fn catalog() -> Command {
    let mut c = Command::cargo_bin("catalog").unwrap();
    c.env_remove("CATALOG_LANG");
    c
}

fn json(args: &[&str]) -> Value {
    let out = catalog().args(args).args(["--format", "json"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn codes(v: &Value, key: &str, field: &str) -> BTreeSet<String> {
    v[key]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x[field].as_str().unwrap().to_string())
        .collect()
}

fn set(xs: &[&str]) -> BTreeSet<String> {
    xs.iter().map(|s| s.to_string()).collect()
}

#[test]
fn json_names_every_change_and_nothing_else() {
    let r = json(&["diff", V1, V2]);
    let keys: Vec<&String> = r.as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        ["summary", "metrics", "added", "removed", "renamed", "moved", "changed"]
    );
    assert_eq!(codes(&r, "added", "code"), set(&["确认-00103-001-01"]));
    assert_eq!(codes(&r, "removed", "code"), set(&["确认-00102-001-01"]));
    assert_eq!(
        codes(&r, "changed", "code"),
        set(&["许可-00977-001-01", "许可-00977-003-01", "许可-00500-001-01"])
    );
    // unchanged items appear nowhere
    let text = r.to_string();
    assert!(!text.contains("许可-00321-001-01"));
    assert!(!text.contains("确认-00101-001-01"));

    let renamed = &r["renamed"][0];
    assert_eq!(renamed["old"]["code"], "许可-00977-002-01");
    assert_eq!(renamed["new"]["name"], "食品经营许可（延续换证）");
    assert_eq!(renamed["matched_by"], "name");

    let moved = &r["moved"][0];
    assert_eq!(moved["code"], "许可-00500-001-01");
    assert_eq!(moved["ranks"][0]["rank"], "phylum");
    assert_eq!(moved["ranks"][0]["old"], "行政许可");
    assert_eq!(moved["ranks"][0]["new"], "其他行政权力");

    let food = r["changed"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["code"] == "许可-00977-001-01")
        .unwrap();
    let promised = food["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["field"] == "time_limit.promised")
        .unwrap();
    assert_eq!(promised["old"], "10工作日");
    assert_eq!(promised["new"], "3工作日");
    let fields: BTreeSet<&str> = food["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect();
    assert_eq!(
        fields,
        ["basis", "time_limit.promised", "visits", "process"]
            .into_iter()
            .collect()
    );
    assert_eq!(food["scenarios"]["added"], serde_json::json!(["餐饮服务"]));
    let sc = &food["scenarios"]["changed"][0];
    assert_eq!(sc["name"], "仅销售预包装食品");
    assert_eq!(sc["materials"]["added"], serde_json::json!(["营业执照"]));
    assert_eq!(sc["materials"]["removed"], serde_json::json!(["健康证明"]));

    let s = &r["summary"];
    assert_eq!(
        (
            s["added"].as_u64(),
            s["removed"].as_u64(),
            s["changed"].as_u64(),
            s["unchanged"].as_u64()
        ),
        (Some(1), Some(1), Some(3), Some(2))
    );
    // metrics before and after
    assert_eq!(r["metrics"]["old"]["overall"]["items"], 6);
    assert_eq!(r["metrics"]["new"]["overall"]["zero_visit_rate"], 0.5);
    assert_eq!(r["metrics"]["old"]["overall"]["proofs"], 2);
    assert_eq!(r["metrics"]["new"]["overall"]["proofs"], 1);
}

#[test]
fn location_only_changes_are_not_changes() {
    catalog()
        .args(["diff", V1, "tests/fixtures/diff/v1-reordered", "--fail-on-change"])
        .assert()
        .code(0);
    let r = json(&["diff", V1, "tests/fixtures/diff/v1-reordered"]);
    assert_eq!(r["summary"]["unchanged"], 6);
    assert_eq!(r["changed"].as_array().unwrap().len(), 0);
}

#[test]
fn fail_on_change_exits_1() {
    catalog()
        .args(["diff", V1, V2, "--fail-on-change", "-f", "json"])
        .assert()
        .code(1);
    catalog().args(["diff", V1, V2]).assert().code(0);
}

#[test]
fn errors_exit_2_and_name_the_place() {
    let out = catalog()
        .args(["diff", V1, "tests/fixtures/diff/nope"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("tests/fixtures/diff/nope"));
    catalog().args(["diff", V1, V2, "-f", "xlsx"]).assert().code(2);
    catalog().args(["diff", V1]).assert().code(2);
    catalog().args(["diff", "--base", V1, V1, V2]).assert().code(2);
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.yaml");
    std::fs::write(&bad, "items:\n  - code: [\n").unwrap();
    let out = catalog().args(["diff", V1]).arg(&bad).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("bad.yaml"));
}

#[test]
fn terminal_starts_with_the_summary() {
    let out = catalog().args(["diff", V1, V2, "--color", "never"]).output().unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    let first = s.lines().next().unwrap();
    assert!(first.starts_with("清单比对报告"), "{first}");
    let summary_at = s.find("新增").unwrap();
    assert!(summary_at < s.find("改革指标").unwrap());
    assert!(s.contains("→ 3工作日"));
    assert!(s.contains("→ 其他行政权力"));
    assert!(!s.contains('\x1b'));
}

#[test]
fn markdown_lists_changes() {
    let out = catalog().args(["diff", V1, V2, "-f", "markdown"]).output().unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.starts_with("# 清单比对报告"));
    assert!(s.contains("~~10工作日~~ → **3工作日**"));
    assert!(s.contains("| 事项编码 | 事项名称 | 位置 | 字段 | 变化 |"));
    // HTML in catalog text is escaped
    assert!(!s.contains("<script>"));
}

#[test]
fn html_is_self_contained_escaped_and_charted() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r.html");
    catalog()
        .args(["diff", V1, V2, "-f", "html", "-o"])
        .arg(&out)
        .assert()
        .code(0);
    let s = std::fs::read_to_string(&out).unwrap();
    assert!(s.starts_with("<!DOCTYPE html>"));
    assert!(!s.contains("<script>alert"));
    assert!(s.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!s.contains("src=\"http") && !s.contains("href=\"http") && !s.contains("@import"));
    assert!(s.contains("@media print"));
    assert!(s.contains("id=\"f-dept\"") && s.contains("id=\"f-type\""));
    assert!(s.matches("<svg").count() >= 8, "charts per department and per type");
    assert!(s.contains("跑零次率（按部门"));
    assert!(
        s.contains("省略前缀 温州市鹿城区"),
        "shared prefix dropped from chart labels"
    );
    // character-level highlight: 10 → 3 in 10工作日 → 3工作日
    assert!(
        s.contains("<del>10</del>工作日"),
        "{}",
        &s[s.find("承诺办结时限").unwrap()..][..300]
    );
    assert!(s.contains("<ins>3</ins>工作日"));
}

#[test]
fn xlsx_has_sheets_highlights_and_defused_formulas() {
    use calamine::{Reader, Xlsx, open_workbook};
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r.xlsx");
    catalog()
        .args(["diff", V1, V2, "-f", "xlsx", "-o"])
        .arg(&out)
        .assert()
        .code(0);
    let mut wb: Xlsx<_> = open_workbook(&out).unwrap();
    let names = wb.sheet_names();
    assert_eq!(names[0], "摘要");
    for want in ["新增事项", "删除事项", "更名或改编码", "分类变动", "内容变更"] {
        assert!(names.iter().any(|n| n.starts_with(want)), "{want} in {names:?}");
    }
    let changed = names.iter().find(|n| n.starts_with("内容变更")).unwrap().clone();
    let range = wb.worksheet_range(&changed).unwrap();
    let cells: Vec<String> = range.rows().flat_map(|r| r.iter().map(|c| c.to_string())).collect();
    assert!(cells.contains(&"变化（旧）".to_string()) && cells.contains(&"变化（新）".to_string()));
    assert!(cells.contains(&"3工作日".to_string()));
    let added = names.iter().find(|n| n.starts_with("新增事项")).unwrap().clone();
    let _ = added;
    let all: Vec<String> = names
        .clone()
        .iter()
        .flat_map(|n| {
            wb.worksheet_range(n)
                .unwrap()
                .rows()
                .flat_map(|r| r.iter().map(|c| c.to_string()))
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(all.iter().any(|c| c.starts_with("'=HYPERLINK")), "formula defused");
    assert!(!all.iter().any(|c| c.starts_with("=HYPERLINK")));
}

#[test]
fn base_comparison_finds_deviations_local_and_unclaimed() {
    let r = json(&["diff", "--base", "tests/fixtures/diff/upper.yaml", V2]);
    assert_eq!(codes(&r, "local_only", "code"), set(&["确认-00103-001-01"]));
    assert_eq!(codes(&r, "unclaimed", "code"), set(&["确认-00200-001"]));
    let devs = r["deviations"].as_array().unwrap();
    let keys: BTreeSet<&str> = devs.iter().map(|d| d["key"].as_str().unwrap()).collect();
    assert_eq!(keys, ["许可-00500-001", "许可-00977-003"].into_iter().collect());
    let ad = devs.iter().find(|d| d["key"] == "许可-00500-001").unwrap();
    assert_eq!(ad["fields"][0]["field"], "phylum");
    assert_eq!(ad["fields"][0]["new"], "其他行政权力");
    catalog()
        .args([
            "diff",
            "--base",
            "tests/fixtures/diff/upper.yaml",
            V2,
            "--fail-on-change",
        ])
        .assert()
        .code(1);
}

#[test]
fn stats_in_every_format() {
    let r = json(&["stats", V2]);
    assert_eq!(r["metrics"]["overall"]["items"], 6);
    assert_eq!(r["metrics"]["by_department"].as_array().unwrap().len(), 3);
    let out = catalog().args(["stats", V2, "-f", "html"]).output().unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.contains("<svg") && s.contains("即办率"));
    let out = catalog().args(["stats", V2, "--color", "never"]).output().unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.starts_with("清单统计"));
    assert!(s.contains("跑零次率") && s.contains("50.0%"));
    let out = catalog().args(["stats", V2, "-f", "markdown"]).output().unwrap();
    assert!(String::from_utf8(out.stdout).unwrap().contains("| 指标 | 本清单 |"));
    let dir = tempfile::tempdir().unwrap();
    let x = dir.path().join("s.xlsx");
    catalog()
        .args(["stats", V2, "-f", "xlsx", "-o"])
        .arg(&x)
        .assert()
        .code(0);
    assert!(std::fs::metadata(&x).unwrap().len() > 1000);
}

#[test]
fn english_messages() {
    let out = catalog()
        .args(["--lang", "en", "diff", V1, V2, "--color", "never"])
        .output()
        .unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.starts_with("Catalog comparison report"));
    assert!(s.contains("Added"));
}

fn git(dir: &std::path::Path, args: &[&str]) {
    let st = std::process::Command::new("git")
        .args([
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@example.com",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(st.status.success(), "{}", String::from_utf8_lossy(&st.stderr));
}

fn copy_dir(from: &str, to: &std::path::Path) {
    let _ = std::fs::remove_dir_all(to);
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
    }
}

#[test]
fn git_revisions() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    git(root, &["init", "-q"]);
    copy_dir(V1, &root.join("cat"));
    git(root, &["add", "-A"]);
    git(root, &["commit", "-q", "-m", "v1"]);
    copy_dir(V2, &root.join("cat"));
    git(root, &["add", "-A"]);
    git(root, &["commit", "-q", "-m", "v2"]);
    let out = catalog()
        .args(["diff", "HEAD~1:cat", "HEAD:cat", "-f", "json"])
        .current_dir(root)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let r: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(r["summary"]["old"], "HEAD~1:cat");
    assert_eq!(codes(&r, "added", "code"), set(&["确认-00103-001-01"]));
    assert_eq!(r["summary"]["changed"], 3);
    // working tree against a revision
    catalog()
        .args(["diff", "HEAD:cat", "cat", "--fail-on-change"])
        .current_dir(root)
        .assert()
        .code(0);
    let out = catalog()
        .args(["diff", "nosuchrev:cat", "cat"])
        .current_dir(root)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nosuchrev:cat"));
}

#[test]
fn a_changed_default_is_a_change_of_every_item_inheriting_it() {
    let r = json(&[
        "diff",
        "tests/fixtures/diff/defaults-a.yaml",
        "tests/fixtures/diff/defaults-b.yaml",
    ]);
    assert_eq!(r["moved"][0]["ranks"][0]["new"], "其他行政权力");
    assert_eq!(r["changed"][0]["code"], "许可-00001-001-01");
}

#[test]
fn git_revision_errors_name_the_revision() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    git(root, &["init", "-q"]);
    std::fs::create_dir_all(root.join("cat")).unwrap();
    std::fs::write(root.join("cat/bad.yaml"), "items:\n  - code: [\n").unwrap();
    git(root, &["add", "-A"]);
    git(root, &["commit", "-q", "-m", "bad"]);
    let out = catalog()
        .args(["diff", "HEAD:cat", "HEAD:cat"])
        .current_dir(root)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("HEAD:cat/bad.yaml"), "{err}");
}

#[test]
fn stats_page_has_its_date_definitions_and_a_coloured_series() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("stats.html");
    catalog()
        .args(["stats", "tests/fixtures/diff/v2", "-f", "html", "-o"])
        .arg(&out)
        .assert()
        .success()
        .stderr(predicates::str::contains("已写出"));
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.contains("统计日期"), "no date");
    assert!(!html.contains("<div>清单<b>"), "the paths are the subtitle, not a card");
    assert!(html.contains("指标说明") && html.contains("(Σ法定时限 − Σ承诺时限) ÷ Σ法定时限"));
    assert!(
        html.contains(r##"fill="#2b6cb0""##) && !html.contains(r##"fill="#9aa5b1""##),
        "one series is not grey"
    );
}

#[test]
fn diff_html_prints_on_a4_with_changes_before_the_charts() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("d.html");
    catalog()
        .args([
            "diff",
            "tests/fixtures/diff/v1",
            "tests/fixtures/diff/v2",
            "-f",
            "html",
            "-o",
        ])
        .arg(&out)
        .assert()
        .success();
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.contains("@page{size:A4"));
    let changes = html.find(r#"<table class="rows""#).expect("a change table");
    let charts = html.find("<div class=\"charts\">").expect("charts");
    assert!(changes < charts, "changes come first");
    // Codes stay on one line.
    assert!(html.contains(r#"<td class="nw">许可-"#), "codes may break");
    // The rows of one item are grouped: the second and later rows continue the first.
    assert!(html.contains(r#" class="cont">"#), "rows are not grouped by item");
}
