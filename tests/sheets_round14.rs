//! Office sheets of probe round 14 (issue 21): round 13's randomized 办事指南汇总表 with axes it never
//! drew (tests/fixtures/round14/make.py) — .ods besides xlsx, xls and GBK CSV, xlsx saved again by
//! LibreOffice (序号 as formulas), numbers as Excel stores them, full-width digits, limits in 天 /
//! 自然日 / 个月 / 小时 and promised ranges, several levels in one cell, blank rows, 合计 and 说明
//! lines, a 填表说明 sheet before the data, hidden columns, 实施主体 merged over the table, headers
//! marked as required, invisible characters and CR LF in cells, rich text. Found by its sweep:
//! - headers marked ※ (`※设定依据`, `※事项名称`) were unknown columns: their defects went unseen,
//!   and items named by their 主项 collided (X005);
//! - a promise written as a range (`23至25个工作日`) was unreadable (L003), so a range past the law
//!   was no L001;
//! - a zero-width space pasted with a value (`行政许可\u{200b}`, `\u{200b}县级`) made a known type or
//!   level unknown (X001, T003, K003 on clean rows) in xlsx, xls and ods.
//!
//! Every planted defect (`NAME.planted.json`) is found at its sheet, cell and entry; no clean row
//! gets an error.

use serde_json::Value;

mod sheets_common;
use sheets_common::{check, gbk_csv, lint, of, round_office, workbook};

const OFFICES: [&str; 4] = ["office17", "office19", "office30", "office127"];

#[test]
fn every_planted_defect_at_its_cell_and_no_error_on_a_clean_row() {
    for name in OFFICES {
        let (files, planted) = round_office("round14", name);
        assert!(planted.as_array().unwrap().len() >= 7, "{name}");
        assert!(files.len() >= 4, "{name}: {files:?}");
        for path in &files {
            check(path, &sheets_common::planted_in(path, &planted));
        }
    }
}

fn cells(doc: &Value, code: &str) -> Vec<String> {
    of(doc, code)
        .iter()
        .map(|d| d["location"]["cell"].as_str().unwrap_or("").to_string())
        .collect()
}

fn errors_but(doc: &Value, expected: &[&str]) -> Vec<Value> {
    doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error" && !expected.contains(&d["code"].as_str().unwrap()))
        .cloned()
        .collect()
}

const LAW: &str = "《中华人民共和国食品安全法》第三十五条";

/// Headers an office marks as required with ※ (before or after, outside a （必填） note) are the
/// fields they name: a blank basis under `※设定依据` is B001, a catch-all under `申请材料（必填）※`
/// is W002, and the 子项 under `※子项名称` are items of their own, no duplicates of their 主项.
#[test]
fn headers_marked_with_a_reference_mark() {
    let dir = tempfile::tempdir().unwrap();
    let header: &[&str] = &[
        "序号",
        "主项名称",
        "※子项名称",
        "※事项类型",
        "※行使层级",
        "※设定依据",
        "受理条件",
        "申请材料（必填）※",
    ];
    let rows: [&[&str]; 3] = [
        &[
            "1",
            "食品经营许可",
            "食品经营许可（新办）",
            "行政许可",
            "县级",
            LAW,
            "有经营场所",
            "1.申请书\n2.营业执照",
        ],
        &[
            "2",
            "食品经营许可",
            "食品经营许可（变更）",
            "行政许可",
            "县级",
            LAW,
            "有经营场所",
            "1.申请书\n2.其他相关材料",
        ],
        &[
            "3",
            "药品零售企业许可",
            "药品零售企业许可",
            "行政许可",
            "县级",
            "",
            "有营业场所",
            "1.申请书",
        ],
    ];
    let mut all: Vec<&[&str]> = vec![header];
    all.extend(rows);
    let doc = lint(&gbk_csv(dir.path(), "marked.csv", &all), &[]);
    assert!(of(&doc, "F001").is_empty(), "{:#?}", of(&doc, "F001"));
    assert_eq!(cells(&doc, "B001"), ["F4"], "{:#?}", of(&doc, "B001"));
    assert_eq!(cells(&doc, "W002"), ["H3"], "{:#?}", of(&doc, "W002"));
    assert!(of(&doc, "X005").is_empty(), "{:#?}", of(&doc, "X005"));
    let errors = errors_but(&doc, &["B001"]);
    assert!(errors.is_empty(), "{errors:#?}");
}

const LIMIT_HEADER: &[&str] = &[
    "序号",
    "事项名称",
    "事项类型",
    "行使层级",
    "设定依据",
    "受理条件",
    "申请材料",
    "法定时限",
    "承诺时限",
];

fn limit_row<'a>(seq: &'a str, name: &'a str, statutory: &'a str, promised: &'a str) -> Vec<&'a str> {
    vec![
        seq,
        name,
        "行政许可",
        "县级",
        LAW,
        "有经营场所",
        "申请书",
        statutory,
        promised,
    ]
}

/// A promise written as a range is read as its upper end: within the law it is clean (no L003),
/// reaching past it is L001 at the promise. A limit of whole days in hours (`72小时`) is three
/// days, within seven working days.
#[test]
fn a_promised_range_is_its_upper_end() {
    let dir = tempfile::tempdir().unwrap();
    let rows = [
        limit_row("1", "食品经营许可", "20个工作日", "3-5个工作日"),
        limit_row("2", "药品零售企业许可", "20个工作日", "23至25个工作日"),
        limit_row("3", "出版物零售单位设立审批", "20个工作日", "4～6个工作日"),
        limit_row("4", "建筑工程施工许可", "7个工作日", "72小时"),
    ];
    let mut all: Vec<&[&str]> = vec![LIMIT_HEADER];
    all.extend(rows.iter().map(Vec::as_slice));
    let doc = lint(&gbk_csv(dir.path(), "ranges.csv", &all), &[]);
    assert!(of(&doc, "L003").is_empty(), "{:#?}", of(&doc, "L003"));
    assert_eq!(cells(&doc, "L001"), ["I3"], "{:#?}", of(&doc, "L001"));
    let errors = errors_but(&doc, &["L001"]);
    assert!(errors.is_empty(), "{errors:#?}");
}

/// A type or level pasted with a zero-width space at either end is the one a clerk sees: no
/// X001 or T003, and the 实施编码's level digit is judged against it (K003 only where it differs).
#[test]
fn a_zero_width_space_around_a_type_or_level() {
    let dir = tempfile::tempdir().unwrap();
    let header: &[&str] = &[
        "序号",
        "事项名称",
        "事项类型",
        "行使层级",
        "实施编码",
        "设定依据",
        "受理条件",
        "申请材料",
    ];
    let code = |basic: &str| format!("11330302MB000100054{basic}");
    let (a, b, c) = (code("001234567890"), code("009876543210"), code("005555555555"));
    let rows: [&[&str]; 3] = [
        &[
            "1",
            "食品经营许可",
            "行政许可\u{200b}",
            "\u{200b}县级",
            &a,
            LAW,
            "有经营场所",
            "申请书",
        ],
        &[
            "2",
            "药品零售企业许可",
            "\u{200b}行政许可",
            "县级\u{200b}",
            &b,
            LAW,
            "有营业场所",
            "申请书",
        ],
        &[
            "3",
            "出版物零售单位设立审批",
            "行政许可",
            "\u{200b}市级",
            &c,
            LAW,
            "有经营场所",
            "申请书",
        ],
    ];
    let mut all: Vec<&[&str]> = vec![header];
    all.extend(rows);
    let doc = lint(&workbook(dir.path(), "zwsp.xlsx", &[("Sheet1", &all)]), &[]);
    assert!(of(&doc, "X001").is_empty(), "{:#?}", of(&doc, "X001"));
    assert!(of(&doc, "T003").is_empty(), "{:#?}", of(&doc, "T003"));
    assert_eq!(cells(&doc, "K003"), ["E4"], "{:#?}", of(&doc, "K003"));
}

/// A template's example sheet (填写示例) left before the office's own is not read: its row is no
/// item, so the office's same item is no duplicate (X005) and F020 says so once, at its A1. A
/// workbook of that one sheet is read.
#[test]
fn a_templates_example_sheet_is_not_read() {
    let dir = tempfile::tempdir().unwrap();
    // the limit sheet's columns without its two limits
    let header = &LIMIT_HEADER[..7];
    let a: &[&str] = &["1", "食品经营许可", "行政许可", "县级", LAW, "有经营场所", "申请书"];
    let b: &[&str] = &["2", "药品零售企业许可", "行政许可", "县级", LAW, "有营业场所", "申请书"];
    let example: &[&[&str]] = &[header, a];
    let own: &[&[&str]] = &[header, a, b];
    let doc = lint(
        &workbook(
            dir.path(),
            "with-example.xlsx",
            &[("填写示例", example), ("汇总表", own)],
        ),
        &[],
    );
    assert!(of(&doc, "X005").is_empty(), "{:#?}", of(&doc, "X005"));
    let f020: Vec<_> = of(&doc, "F020")
        .iter()
        .map(|d| {
            (
                d["location"]["sheet"].as_str().unwrap_or("").to_string(),
                d["location"]["cell"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    assert_eq!(
        f020,
        [("填写示例".to_string(), "A1".to_string())],
        "{:#?}",
        of(&doc, "F020")
    );
    assert_eq!(doc["summary"]["items"], 2, "{:#?}", doc["summary"]);
    let alone = lint(
        &workbook(dir.path(), "example-only.xlsx", &[("填写示例", example)]),
        &[],
    );
    assert_eq!(alone["summary"]["items"], 1, "{:#?}", alone["summary"]);
}
