//! Every report format on a catalog with findings, each checked against what reads it:
//! SARIF against the official 2.1.0 schema, JUnit as XML, JSON against the DESIGN.md contract,
//! GitHub annotations per GitHub's escaping rules, GitLab code quality, markdown tables.

use assert_cmd::Command;
use serde_json::Value;
use std::collections::HashSet;
use std::path::Path;

const FIXTURE: &str = "tests/fixtures/ci/鹿城区.yaml";
const LAWS: &str = "tests/fixtures/ci/法规库.yaml";
/// One item with no finding (a file without items is refused, not passed).
const CLEAN: &str = "tests/fixtures/ci/clean.yaml";
const REAL: &str = "tests/fixtures/ci/real/广安区-节选.yaml";

fn catalog() -> Command {
    let mut c = Command::cargo_bin("catalog").unwrap();
    c.env_remove("CATALOG_LANG")
        .env("CATALOG_RULES_URL", "https://example.org/rules/{code}.html");
    c
}

/// Run `lint` on `paths` with every file format at once; return the files' texts and stdout.
struct Run {
    json: Value,
    sarif: Value,
    junit: String,
    gitlab: Value,
    markdown: String,
    github: String,
    code: i32,
}

fn run_all(paths: &[&str], extra: &[&str]) -> Run {
    let dir = tempfile::tempdir().unwrap();
    let p = |n: &str| dir.path().join(n).to_string_lossy().into_owned();
    let out = catalog()
        .arg("lint")
        .args(paths)
        .args(["--format", "json", "--output", &p("a.json")])
        .args(["--format", "sarif", "--output", &p("b.sarif")])
        .args(["-f", "junit", "-o", &p("c.xml")])
        .args(["--format", "gitlab", "--output", &p("d.json")])
        .args(["--format", "markdown", "--output", &p("e.md")])
        .args(["--format", "github"])
        .args(extra)
        .output()
        .unwrap();
    let read = |n: &str| std::fs::read_to_string(dir.path().join(n)).unwrap();
    Run {
        json: serde_json::from_str(&read("a.json")).unwrap(),
        sarif: serde_json::from_str(&read("b.sarif")).unwrap(),
        junit: read("c.xml"),
        gitlab: serde_json::from_str(&read("d.json")).unwrap(),
        markdown: read("e.md"),
        github: String::from_utf8(out.stdout).unwrap(),
        code: out.status.code().unwrap(),
    }
}

fn sarif_validator() -> jsonschema::Validator {
    let schema: Value =
        serde_json::from_str(&std::fs::read_to_string("tests/schemas/sarif-schema-2.1.0.json").unwrap()).unwrap();
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap()
}

fn assert_sarif_valid(sarif: &Value) {
    let v = sarif_validator();
    let errors: Vec<String> = v
        .iter_errors(sarif)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "SARIF invalid: {errors:#?}");
}

#[test]
fn json_follows_the_contract() {
    let r = run_all(&[FIXTURE, LAWS], &[]);
    assert_eq!(r.code, 1);
    let diags = r.json["diagnostics"].as_array().unwrap();
    assert_eq!(diags.len(), 9);
    for d in diags {
        for k in ["code", "severity", "message", "item", "item_name", "location"] {
            assert!(d.get(k).is_some(), "{k} missing in {d}");
        }
        assert!(["error", "warning", "info"].contains(&d["severity"].as_str().unwrap()));
        assert!(d["location"]["file"].as_str().unwrap().ends_with("鹿城区.yaml"));
    }
    assert_eq!(r.json["summary"]["errors"], 8);
    assert_eq!(r.json["summary"]["warnings"], 1);
}

#[test]
fn sarif_is_valid_and_matches_json() {
    for paths in [&[FIXTURE, LAWS][..], &[REAL][..]] {
        let r = run_all(paths, &[]);
        assert_sarif_valid(&r.sarif);
        let run = &r.sarif["runs"][0];
        assert_eq!(run["columnKind"], "unicodeCodePoints");
        let results = run["results"].as_array().unwrap();
        let diags = r.json["diagnostics"].as_array().unwrap();
        assert_eq!(results.len(), diags.len());
        let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
        for (res, d) in results.iter().zip(diags) {
            assert_eq!(res["ruleId"], d["code"]);
            let rule = &rules[res["ruleIndex"].as_u64().unwrap() as usize];
            assert_eq!(rule["id"], d["code"]);
            let region = &res["locations"][0]["physicalLocation"]["region"];
            assert_eq!(region["startLine"], d["location"]["line"]);
            assert_eq!(region["startColumn"], d["location"]["column"]);
            let level = match d["severity"].as_str().unwrap() {
                "error" => "error",
                "warning" => "warning",
                _ => "note",
            };
            assert_eq!(res["level"], level);
        }
        // Rule pages travel with the rules.
        let t004 = rules.iter().find(|r| r["id"] == "T004").unwrap();
        assert!(t004["help"]["markdown"].as_str().unwrap().contains("## 如何修复"));
        assert_eq!(t004["helpUri"], "https://example.org/rules/T004.html");
        // The URI is a percent-encoded relative reference.
        let uri = results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            .as_str()
            .unwrap();
        assert!(uri.starts_with("tests/fixtures/ci/") && uri.contains('%'), "{uri}");
    }
}

#[test]
fn junit_parses_one_suite_per_file_one_case_per_item() {
    let r = run_all(&[FIXTURE, LAWS], &[]);
    let doc = roxmltree::Document::parse(&r.junit).unwrap();
    let suites: Vec<_> = doc.descendants().filter(|n| n.has_tag_name("testsuite")).collect();
    assert_eq!(suites.len(), 2);
    let lucheng = suites
        .iter()
        .find(|s| s.attribute("name").unwrap().ends_with("鹿城区.yaml"))
        .unwrap();
    let cases: Vec<_> = lucheng.children().filter(|n| n.has_tag_name("testcase")).collect();
    assert_eq!(cases.len(), 4, "one case per item");
    let failed: Vec<_> = cases
        .iter()
        .filter(|c| c.children().any(|n| n.has_tag_name("failure")))
        .collect();
    assert_eq!(failed.len(), 3);
    assert_eq!(lucheng.attribute("failures"), Some("3"));
    // The clean item passes; its name carries code and name.
    assert!(cases.iter().any(
        |c| c.attribute("name") == Some("许可-00977-001-01 食品经营许可（新办）")
            && c.children().all(|n| !n.has_tag_name("failure"))
    ));
    // Every finding of an item is listed in its failure text.
    let fail = failed
        .iter()
        .find(|c| c.attribute("name") == Some("许可-00321-001-01"))
        .unwrap();
    let text = fail
        .children()
        .find(|n| n.has_tag_name("failure"))
        .unwrap()
        .text()
        .unwrap();
    for code in ["T001", "T002", "T005", "T006"] {
        assert!(text.contains(code), "{code} not in {text}");
    }
    // The clean law file is visible as one passing case.
    let laws = suites
        .iter()
        .find(|s| s.attribute("name").unwrap().ends_with("法规库.yaml"))
        .unwrap();
    assert_eq!(laws.attribute("tests"), Some("1"));
    assert_eq!(laws.attribute("failures"), Some("0"));
}

#[test]
fn junit_failures_follow_fail_on() {
    let r = run_all(&[FIXTURE], &["--fail-on", "never"]);
    assert_eq!(r.code, 0);
    let doc = roxmltree::Document::parse(&r.junit).unwrap();
    assert!(!doc.descendants().any(|n| n.has_tag_name("failure")));
    // Findings are still there, as system-out.
    assert!(doc.descendants().filter(|n| n.has_tag_name("system-out")).count() >= 3);
}

#[test]
fn github_annotation_for_every_error_and_warning() {
    let r = run_all(&[FIXTURE, LAWS], &[]);
    let lines: Vec<&str> = r.github.lines().filter(|l| l.starts_with("::")).collect();
    let diags = r.json["diagnostics"].as_array().unwrap();
    assert_eq!(lines.len(), diags.len());
    for (l, d) in lines.iter().zip(diags) {
        let cmd = match d["severity"].as_str().unwrap() {
            "error" => "error",
            "warning" => "warning",
            _ => "notice",
        };
        let file = d["location"]["file"].as_str().unwrap();
        let want = format!(
            "::{cmd} file={file},line={},col={},title={}::",
            d["location"]["line"],
            d["location"]["column"],
            d["code"].as_str().unwrap()
        );
        assert!(l.starts_with(&want), "{l}\n  wanted {want}");
        assert!(!l.contains('\r'));
    }
    // Help text is on a second annotation line, escaped as %0A.
    assert!(r.github.contains("%0A"));
    // The message part is not property-escaped: the unknown key keeps its pipe.
    assert!(r.github.contains("remark|x"));
}

#[test]
fn gitlab_code_quality() {
    let r = run_all(&[FIXTURE, LAWS], &[]);
    let issues = r.gitlab.as_array().unwrap();
    let diags = r.json["diagnostics"].as_array().unwrap();
    assert_eq!(issues.len(), diags.len());
    let mut fps = HashSet::new();
    for (i, d) in issues.iter().zip(diags) {
        assert_eq!(i["check_name"], d["code"]);
        assert!(
            fps.insert(i["fingerprint"].as_str().unwrap().to_string()),
            "duplicate fingerprint"
        );
        assert_eq!(i["location"]["lines"]["begin"], d["location"]["line"]);
        assert_eq!(i["location"]["path"], d["location"]["file"]);
        let sev = match d["severity"].as_str().unwrap() {
            "error" => "major",
            "warning" => "minor",
            _ => "info",
        };
        assert_eq!(i["severity"], sev);
        assert!(!i["description"].as_str().unwrap().is_empty());
    }
    // Fingerprints are stable from run to run.
    let again = run_all(&[FIXTURE, LAWS], &[]);
    assert_eq!(again.gitlab, r.gitlab);
}

#[test]
fn markdown_summary_rules_then_findings() {
    let r = run_all(&[FIXTURE, LAWS], &[]);
    let md = &r.markdown;
    let summary = md.find("8 个错误").unwrap();
    let rules = md.find("| 规则 | 级别 | 说明 | 数量 |").unwrap();
    let findings = md.find("| 位置 | 级别 | 规则 | 事项 | 问题 |").unwrap();
    assert!(summary < rules && rules < findings);
    let rows = md[findings..].lines().filter(|l| l.starts_with("| `")).count();
    assert_eq!(rows, 9);
    assert!(md.contains("| `X004` | 错误 | 事项编码重复 | 1 |"));
    // A pipe inside a message is escaped so the table keeps its columns.
    let row = md.lines().find(|l| l.contains("F001") && l.contains("remark")).unwrap();
    assert!(row.contains("remark\\|x"), "{row}");
    assert_eq!(row.matches(" | ").count(), 4, "{row}");
}

#[test]
fn every_format_with_quiet_and_statistics() {
    for f in [
        "text", "concise", "json", "sarif", "junit", "github", "gitlab", "markdown",
    ] {
        let out = catalog()
            .args(["lint", FIXTURE, "--format", f, "--quiet", "--statistics"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{f}");
        let s = String::from_utf8(out.stdout).unwrap();
        assert!(!s.is_empty(), "{f}");
        match f {
            "text" | "concise" | "github" => {
                assert!(s.contains("按规则统计"), "{f}: {s}");
                assert!(!s.contains("T004 ["), "{f} quiet printed findings: {s}");
                assert!(!s.contains("::error"), "{f}");
            }
            "markdown" => {
                assert!(s.contains("| `T004` |"));
                assert!(!s.contains("| 位置 |"), "quiet markdown lists findings");
            }
            "sarif" => {
                let v: Value = serde_json::from_str(&s).unwrap();
                assert_eq!(v["runs"][0]["results"].as_array().unwrap().len(), 9);
                assert!(v["runs"][0]["properties"]["byRule"].is_array());
            }
            "json" => {
                let v: Value = serde_json::from_str(&s).unwrap();
                assert_eq!(v["diagnostics"].as_array().unwrap().len(), 9);
            }
            "gitlab" => {
                let v: Value = serde_json::from_str(&s).unwrap();
                assert_eq!(v.as_array().unwrap().len(), 9);
            }
            _ => {
                roxmltree::Document::parse(&s).unwrap();
            }
        }
    }
}

#[test]
fn clean_catalog_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    for f in ["json", "sarif", "junit", "github", "gitlab", "markdown"] {
        let out = dir.path().join(format!("r.{f}"));
        catalog()
            .args(["lint", CLEAN, "--format", f, "--output"])
            .arg(&out)
            .assert()
            .code(0);
        let s = std::fs::read_to_string(&out).unwrap();
        match f {
            "sarif" => {
                let v: Value = serde_json::from_str(&s).unwrap();
                assert_sarif_valid(&v);
                assert!(v["runs"][0]["results"].as_array().unwrap().is_empty());
            }
            "junit" => {
                let doc = roxmltree::Document::parse(&s).unwrap();
                assert_eq!(doc.descendants().filter(|n| n.has_tag_name("testcase")).count(), 1);
            }
            "gitlab" => assert_eq!(s.trim(), "[]"),
            "github" => assert!(!s.contains("::")),
            "markdown" => assert!(s.contains("没有发现问题")),
            _ => {}
        }
    }
}

#[test]
fn english_messages_in_machine_formats() {
    let out = catalog()
        .args(["--lang", "en", "lint", FIXTURE, "--format", "sarif"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let msg = v["runs"][0]["results"][1]["message"]["text"].as_str().unwrap();
    assert!(msg.contains("sample") && !msg.contains("缺少"), "{msg}");
}

#[test]
fn format_output_pairing_errors_exit_2() {
    catalog()
        .args(["lint", FIXTURE, "--format", "json", "--format", "sarif"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("stdout"));
    catalog()
        .args(["lint", FIXTURE, "--output", "x.json", "--format", "json"])
        .assert()
        .code(2);
    catalog()
        .args(["lint", FIXTURE, "-f", "json", "-o", "a.json", "-o", "b.json"])
        .assert()
        .code(2);
}

#[test]
fn output_file_in_missing_dir_is_created_and_unwritable_is_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let deep = dir.path().join("reports/lint/catalog.sarif");
    catalog()
        .args(["lint", FIXTURE, "-f", "sarif", "-o"])
        .arg(&deep)
        .assert()
        .code(1);
    assert!(deep.exists());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // An ordinary, readable file — not the temporary file's private mode.
        assert_eq!(std::fs::metadata(&deep).unwrap().permissions().mode() & 0o777, 0o644);
    }
    // A directory where the file should go: clear error, exit 2, never a panic.
    let clash = dir.path().join("reports");
    catalog()
        .args(["lint", FIXTURE, "-f", "json", "-o"])
        .arg(&clash)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("无法写入报告"));
    assert!(Path::new(&deep).exists());
}

#[test]
fn sarif_schema_catches_a_broken_log() {
    // The validator is live: a wrong level and a column 0 are rejected.
    let r = run_all(&[FIXTURE], &[]);
    let mut bad = r.sarif.clone();
    bad["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(!sarif_validator().is_valid(&bad));
    let mut bad = r.sarif;
    bad["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startColumn"] = 0.into();
    assert!(!sarif_validator().is_valid(&bad));
}
