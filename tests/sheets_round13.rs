//! Office sheets of probe round 13 (issue 21): one 办事指南汇总表 layout drawn at random per office
//! by tests/fixtures/round13/make.py — header spellings, column order, optional columns, title and
//! 填报单位 lines, numbering and separators, material annotations, values, 主项 groups merged,
//! left blank below or repeated — saved as xlsx, xls (LibreOffice) and GBK CSV. Found by its sweep:
//! - headers offices write that the dictionary did not know (所需申请材料, 申请受理条件,
//!   承诺办结时间, 办件类别, 必须现场办理的原因说明, 所属主项 …): their defects went unseen;
//! - a type written with 类 or 事项 (`行政许可类`) read as a type by the taxonomy rules only, so a
//!   licence's `无` materials (M005) or its power code prefix (K006) went unseen;
//! - two 事项 sharing one 31-character 实施编码 or 基本编码 in a sheet without 事项编码: no X004;
//! - a CSV of a 主项 whose basis or level is merged over its first 子项 rows and typed on a later
//!   one: the merged rows' blanks were reported (B001, T002).
//!
//! Every planted defect (`NAME.planted.json`) is found at its sheet, cell and entry; no clean row
//! gets an error.

use serde_json::Value;

mod sheets_common;
use sheets_common::{check, gbk_csv, lint, of, round_office};

const OFFICES: [&str; 4] = ["office12", "office19", "office25", "office28"];

#[test]
fn every_planted_defect_at_its_cell_and_no_error_on_a_clean_row() {
    for name in OFFICES {
        let (files, planted) = round_office("round13", name);
        assert!(planted.as_array().unwrap().len() >= 7, "{name}");
        assert!(files.len() >= 3, "{name}: {files:?}");
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

const GUIDE_HEADER: &[&str] = &[
    "序号",
    "实施编码",
    "所属主项",
    "事项名称",
    "事项类型",
    "行使层级",
    "实施主体",
    "设定依据",
    "申请受理条件",
    "所需申请材料",
    "承诺办结时间",
    "办件类别",
];

const USCC: &str = "11330302MB00010005";

fn guide_row<'a>(
    seq: &'a str,
    code: &'a str,
    main: &'a str,
    name: &'a str,
    typ: &'a str,
    mats: &'a str,
) -> Vec<&'a str> {
    vec![
        seq,
        code,
        main,
        name,
        typ,
        "县级",
        "某县市场监督管理局",
        "《中华人民共和国食品安全法》第三十五条",
        "1.有经营场所；2.有管理制度",
        mats,
        "10个工作日",
        "承诺件",
    ]
}

/// Headers as offices write them are the fields they name, not unknown columns; a type written
/// with 类 is that type for every rule (a licence's `无` materials are M005); two 事项 sharing a
/// 31-character 实施编码 in a sheet without 事项编码 are X004, the 子项 of one 主项 sharing it not.
#[test]
fn office_headers_a_type_with_lei_and_a_shared_implementation_code() {
    let dir = tempfile::tempdir().unwrap();
    let a = format!("{USCC}4001234567890");
    let b = format!("{USCC}4009876543210");
    let rows = [
        guide_row(
            "1",
            &a,
            "食品经营许可",
            "食品经营许可（新办）",
            "行政许可类",
            "1.申请书（原件1份）\n2.营业执照复印件2份",
        ),
        guide_row(
            "2",
            &a,
            "食品经营许可",
            "食品经营许可（变更）",
            "行政许可类",
            "1.申请书\n2.其他相关材料",
        ),
        guide_row("3", &b, "药品零售企业许可", "药品零售企业许可", "许可事项", "无"),
        guide_row(
            "4",
            &a,
            "出版物零售单位设立审批",
            "出版物零售单位设立审批",
            "行政许可",
            "1.申请书",
        ),
    ];
    let mut all: Vec<&[&str]> = vec![GUIDE_HEADER];
    all.extend(rows.iter().map(|r| r.as_slice()));
    let doc = lint(&gbk_csv(dir.path(), "guide.csv", &all), &[]);
    assert!(of(&doc, "F001").is_empty(), "{:#?}", of(&doc, "F001"));
    assert_eq!(cells(&doc, "W002"), ["J3"], "{:#?}", of(&doc, "W002"));
    assert_eq!(cells(&doc, "M005"), ["J4"], "{:#?}", of(&doc, "M005"));
    assert_eq!(cells(&doc, "X004"), ["B5"], "{:#?}", of(&doc, "X004"));
    let errors: Vec<_> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error" && !["M005", "X004"].contains(&d["code"].as_str().unwrap()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

const GROUP_HEADER: &[&str] = &[
    "序号",
    "主项名称",
    "事项名称",
    "事项类型",
    "行使层级",
    "设定依据",
    "受理条件",
    "申请材料",
];

/// A CSV of a workbook whose office merged each run of equal cells: a 主项's basis and level
/// merged over its first 子项 rows and typed again where a later 子项's differs. The rows right
/// below the 主项 take its cells; a blank after a 子项 typing its own stays a blank (B001).
#[test]
fn a_basis_merged_over_the_first_sub_items_of_a_main_item() {
    let dir = tempfile::tempdir().unwrap();
    let law = "《中华人民共和国食品安全法》第三十五条";
    let both = "《中华人民共和国食品安全法》第三十五条\n《中华人民共和国行政许可法》第二十九条";
    let rows: &[&[&str]] = &[
        GROUP_HEADER,
        &[
            "1",
            "食品经营许可",
            "食品经营许可（新办）",
            "行政许可",
            "县级",
            law,
            "有经营场所",
            "申请书",
        ],
        &["2", "", "食品经营许可（变更）", "", "", "", "有经营场所", "申请书"],
        &["3", "", "食品经营许可（延续）", "", "", both, "有经营场所", "申请书"],
        &["4", "", "食品经营许可（注销）", "", "", "", "有经营场所", "申请书"],
        &[
            "5",
            "药品零售企业许可",
            "药品零售企业许可",
            "行政许可",
            "县级",
            law,
            "有执业药师",
            "申请书",
        ],
    ];
    let doc = lint(&gbk_csv(dir.path(), "merged.csv", rows), &[]);
    assert_eq!(cells(&doc, "B001"), ["F5"], "{:#?}", of(&doc, "B001"));
    assert!(of(&doc, "T002").is_empty(), "{:#?}", of(&doc, "T002"));
}
