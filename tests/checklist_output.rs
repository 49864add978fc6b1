//! `catalog checklist`: the 易错纠错清单 in its three formats.

use assert_cmd::Command;
use calamine::{Reader, Xlsx, open_workbook};

const FIXTURE: &str = "tests/fixtures/publish/basic";

#[test]
fn markdown_lists_error_prone_points() {
    let out = Command::cargo_bin("catalog")
        .unwrap()
        .args(["checklist", FIXTURE, "--no-findings"])
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(text.starts_with("# 测试区政务服务事项清单易错纠错清单"));
    assert!(text.contains("| 序号 | 事项名称 | 事项编码 | 事项层级 | 办事情形 | 材料名称 | 易错点 | 纠错要点 | 材料范例 | 依据 | 实施主体 |"));
    // The point names the 申请书, so the row carries that material and its sample.
    assert!(text.contains(
        "| 1 | 食品经营许可（新办） | 许可-00977-001-01 | 县级 | 仅销售预包装食品 | 食品经营许可申请书 | 经营场所平面图与食品经营许可申请书一致 |"
    ));
    assert!(text.contains("samples/申请书-样表.md"));
    assert!(text.contains("&lt;script&gt;alert(2)&lt;/script&gt;"));
    assert_eq!(
        text.lines()
            .filter(|l| l.starts_with("| ") && !l.starts_with("| 序号"))
            .count(),
        2
    );
}

#[test]
fn workbook_is_print_ready_and_formula_safe() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("易错纠错清单.xlsx");
    Command::cargo_bin("catalog")
        .unwrap()
        .args(["checklist", FIXTURE, "--output"])
        .arg(&path)
        .assert()
        .success()
        .stderr(predicates::str::contains("已写出"));
    let mut wb: Xlsx<_> = open_workbook(&path).unwrap();
    let range = wb.worksheet_range("易错纠错清单").unwrap();
    let cell = |r: u32, c: u32| range.get_value((r, c)).map(|v| v.to_string()).unwrap_or_default();
    assert_eq!(cell(0, 0), "测试区政务服务事项清单易错纠错清单");
    assert_eq!(cell(2, 6), "易错点");
    assert_eq!(cell(3, 1), "食品经营许可（新办）");
    assert!(cell(3, 7).starts_with("'=HYPERLINK"), "{}", cell(3, 7));
    assert_eq!(cell(4, 7), "'-1+2 纠错");
    // Print setup lives in the sheet XML: A4 landscape, fit to width, header row repeated.
    let f = std::fs::File::open(&path).unwrap();
    let mut zip = zip_text(f);
    let sheet = zip("xl/worksheets/sheet1.xml");
    assert!(sheet.contains(r#"paperSize="9""#) && sheet.contains(r#"orientation="landscape""#));
    assert!(sheet.contains(r#"fitToHeight="0""#));
    assert!(sheet.contains(r#"<pane ySplit="3""#));
    assert!(zip("xl/workbook.xml").contains("_xlnm.Print_Titles"));
}

#[test]
fn xlsx_without_output_is_a_usage_error() {
    Command::cargo_bin("catalog")
        .unwrap()
        .args(["checklist", FIXTURE, "--format", "xlsx"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--output"));
}

#[test]
fn html_is_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.html");
    Command::cargo_bin("catalog")
        .unwrap()
        .args(["checklist", FIXTURE, "-o"])
        .arg(&path)
        .assert()
        .success();
    let html = std::fs::read_to_string(&path).unwrap();
    assert!(html.contains(r#"<html lang="zh-CN">"#) && html.contains("<caption>"));
    assert!(html.contains("&lt;script&gt;alert(2)"));
    assert!(!html.contains("<script>alert"));
}

/// Read a member of the workbook's zip as text.
fn zip_text(f: std::fs::File) -> impl FnMut(&str) -> String {
    let mut z = zip::ZipArchive::new(f).unwrap();
    move |name| {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut z.by_name(name).unwrap(), &mut s).unwrap();
        s
    }
}

#[test]
fn recurring_material_findings_are_listed() {
    let run = |extra: &[&str]| {
        let out = Command::cargo_bin("catalog")
            .unwrap()
            .args(["checklist", "tests/fixtures/publish/findings"])
            .args(extra)
            .assert()
            .success();
        String::from_utf8(out.get_output().stdout.clone()).unwrap()
    };
    // T007 fires on both items' 申请书: listed; T008 (missing sample file) fires once: not.
    let text = run(&[]);
    assert!(
        text.contains(
            "| 1 | 甲许可 | 许可-00001-001 | 县级 | 一般情形 | 申请书 | 【T007】申请材料“申请书”缺少材料范例 |"
        )
    );
    assert!(text.contains("| 2 | 乙许可 | 许可-00002-001 | 县级 | 一般情形 | 申请书 | 【T007】"));
    assert!(!text.contains("T008"));
    let all = run(&["--min-items", "1"]);
    assert!(all.contains("| 平面图 | 【T008】"), "{all}");
    assert!(!run(&["--no-findings"]).contains("【T0"));
}
