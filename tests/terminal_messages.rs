//! What a person reads in a terminal: clap's and the OS's messages in Chinese by default, no
//! false green for a file without items, no Markdown in a .csv, English counts with --lang en,
//! and a long report that opens with its per-rule summary.

use assert_cmd::Command;

fn catalog() -> Command {
    let mut c = Command::cargo_bin("catalog").unwrap();
    c.env_remove("CATALOG_LANG");
    c
}

fn stderr(a: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&a.get_output().stderr).into_owned()
}

#[test]
fn usage_errors_are_chinese_by_default_and_english_on_request() {
    let a = catalog().args(["lint", "--bogus"]).assert().code(2);
    let err = stderr(&a);
    assert!(err.starts_with("错误：不认识的参数“--bogus”"), "{err}");
    assert!(
        err.contains("用法：catalog lint") && err.contains("更多信息请用 --help"),
        "{err}"
    );
    assert!(
        !err.contains("error:") && !err.contains("Usage") && !err.contains("unexpected"),
        "{err}"
    );
    let a = catalog().args(["publish", "x"]).assert().code(2);
    assert!(stderr(&a).contains("缺少必需的参数：--out <DIR>"), "{}", stderr(&a));
    let a = catalog().args(["lint", "--lang", "en", "--bogus"]).assert().code(2);
    assert!(stderr(&a).contains("unexpected argument '--bogus'"), "{}", stderr(&a));
    // Help is not an error.
    catalog().arg("--help").assert().success();
}

#[test]
fn os_errors_are_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a-file");
    std::fs::write(&file, "x").unwrap();
    let a = catalog()
        .args(["publish", "tests/fixtures/publish/bundle", "--allow-errors", "--out"])
        .arg(file.join("site"))
        .assert()
        .code(2);
    let err = stderr(&a);
    assert!(
        err.contains("无法创建输出目录：路径中有一段是文件，不是目录（系统错误 20）"),
        "{err}"
    );
    assert!(!err.contains("os error") && !err.contains("Not a directory"), "{err}");
}

#[test]
fn a_file_without_items_is_not_a_pass() {
    let a = catalog().args(["lint", "catalogs/laws.yaml"]).assert().code(2);
    let err = stderr(&a);
    assert!(
        err.contains("catalogs/laws.yaml 中没有事项（items），没有可检查的内容"),
        "{err}"
    );
    assert!(!String::from_utf8_lossy(&a.get_output().stdout).contains('✓'));
}

#[test]
fn checklist_refuses_an_extension_it_cannot_write() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("x.csv");
    let a = catalog()
        .args(["checklist", "tests/fixtures/publish/basic", "-o"])
        .arg(&csv)
        .assert()
        .code(2);
    assert!(
        stderr(&a).contains("不能写出 .csv 文件：易错纠错清单可写成 .xlsx、.html 或 .md"),
        "{}",
        stderr(&a)
    );
    assert!(!csv.exists());
}

#[test]
fn english_counts() {
    let a = catalog()
        .args(["lint", "--lang", "en", "tests/fixtures/publish/bundle"])
        .assert()
        .code(1);
    let out = String::from_utf8_lossy(&a.get_output().stdout).into_owned();
    assert!(out.contains("Checked 3 items in 1 file: "), "{out}");
    assert!(out.contains("1 info note.") || out.contains("info notes."), "{out}");
    assert!(
        !out.contains("1 findings") && !out.contains("1 files") && !out.contains("infos"),
        "{out}"
    );
}

#[test]
fn a_long_report_opens_with_its_summary_by_rule() {
    // 60 items, each without its required fields: a few hundred findings.
    let dir = tempfile::tempdir().unwrap();
    let mut yaml = String::from("items:\n");
    for i in 0..60 {
        yaml.push_str(&format!(
            "  - code: 许可-{i:05}-000\n    name: 事项{i}\n    phylum: 行政许可\n"
        ));
    }
    let cat = dir.path().join("long.yaml");
    std::fs::write(&cat, yaml).unwrap();
    let a = catalog().arg("lint").arg(&cat).assert().code(1);
    let out = String::from_utf8_lossy(&a.get_output().stdout).into_owned();
    assert!(out.starts_with("按规则统计：\n"), "{}", &out[..out.len().min(400)]);
    let head: String = out.lines().take(40).collect::<Vec<_>>().join("\n");
    assert!(head.contains("个问题，逐条列在下面"), "{head}");
    assert!(head.contains("B001"), "{head}");
    // Not a terminal: every finding is printed (the last item's too), and the summary line
    // still ends the report, without the statistics a second time.
    assert!(
        out.contains("[许可-00059-000 事项59]"),
        "the last item's findings are missing"
    );
    assert!(out.contains("检查了 1 个文件、60 个事项："), "{out}");
    assert_eq!(out.matches("按规则统计").count(), 1);
}

#[test]
fn help_is_chinese_by_default_and_english_on_request() {
    for args in [&["--help"][..], &["lint", "--help"], &["diff", "-h"]] {
        let out = catalog().args(args).output().unwrap();
        assert!(out.status.success());
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("用法："), "{text}");
        for en in ["Usage:", "Options:", "Commands:", "Print help", "possible values"] {
            assert!(!text.contains(en), "{en} in {args:?}:\n{text}");
        }
    }
    let out = catalog().args(["--lang", "en", "--help"]).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("Usage:"));
}
