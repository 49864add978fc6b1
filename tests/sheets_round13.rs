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

const OFFICES: [&str; 4] = ["office2", "office12", "office19", "office20"];

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

/// A row of a 主项 group: the 主项 and its cells on its first row, blank (merged) on the others
/// unless given; conditions and materials on every row.
fn group_row(
    seq: &'static str,
    main: &'static str,
    name: &'static str,
    level: &'static str,
    basis: &'static str,
) -> Vec<&'static str> {
    let ty = if main.is_empty() { "" } else { "行政许可" };
    vec![seq, main, name, ty, level, basis, "有经营场所", "申请书"]
}

fn group_sheet(dir: &std::path::Path, name: &str, rows: &[Vec<&'static str>]) -> Value {
    let mut all: Vec<&[&str]> = vec![GROUP_HEADER];
    all.extend(rows.iter().map(Vec::as_slice));
    lint(&gbk_csv(dir, name, &all), &[])
}

const LAW: &str = "《中华人民共和国食品安全法》第三十五条";

/// A CSV of a workbook whose office merged each run of equal cells: a 主项's basis and level
/// merged over its first 子项 rows and typed again where a later 子项's differs (another 主项's
/// merged over all its 子项 rows shows the office merges that column). The rows right below the
/// 主项 take its cells; a blank after a 子项 typing its own stays a blank (B001).
#[test]
fn a_basis_merged_over_the_first_sub_items_of_a_main_item() {
    let dir = tempfile::tempdir().unwrap();
    let both = "《中华人民共和国食品安全法》第三十五条\n《中华人民共和国行政许可法》第二十九条";
    let doc = group_sheet(
        dir.path(),
        "merged.csv",
        &[
            group_row("1", "食品经营许可", "食品经营许可（新办）", "县级", LAW),
            group_row("2", "", "食品经营许可（变更）", "", ""),
            group_row("3", "", "食品经营许可（延续）", "", both),
            group_row("4", "", "食品经营许可（注销）", "", ""),
            group_row("5", "药品零售企业许可", "药品零售企业许可（批发）", "县级", LAW),
            group_row("6", "", "药品零售企业许可（零售）", "", ""),
        ],
    );
    assert_eq!(cells(&doc, "B001"), ["F5"], "{:#?}", of(&doc, "B001"));
    assert!(of(&doc, "T002").is_empty(), "{:#?}", of(&doc, "T002"));
}

/// A value typed again further down a 主项 (`A | A+ | A`: the second 子项 cites more, the third
/// the 主项's basis) could not have been merged and says nothing about how the office keeps its
/// cells: another 主项's blank 子项 rows (merged, saved as CSV) still take its basis and level.
#[test]
fn a_value_typed_again_below_another_is_no_sign_of_repeating() {
    let dir = tempfile::tempdir().unwrap();
    let more = "《中华人民共和国食品安全法》第三十五条；《浙江省行政程序办法》第二十条";
    let doc = group_sheet(
        dir.path(),
        "again.csv",
        &[
            group_row("1", "食品经营许可", "食品经营许可（新办）", "镇（街道）级", LAW),
            group_row("2", "", "食品经营许可（变更）", "", more),
            group_row("3", "", "食品经营许可（延续）", "", LAW),
            group_row("4", "公共场所卫生许可", "公共场所卫生许可（新办）", "镇（街道）级", LAW),
            group_row("5", "", "公共场所卫生许可（延续）", "", ""),
        ],
    );
    assert!(of(&doc, "B001").is_empty(), "{:#?}", of(&doc, "B001"));
    assert!(of(&doc, "T002").is_empty(), "{:#?}", of(&doc, "T002"));
    // 镇（街道）级 is 镇（街道） with the 级 a list heads its levels with: 乡镇级
    assert!(of(&doc, "T003").is_empty(), "{:#?}", of(&doc, "T003"));
}

/// A cell's lead-in (`申请材料：`, `申请条件如下：`) is no entry, and the entries after it keep the
/// numbers the office wrote: a catch-all fourth material is 第4项.
#[test]
fn entries_after_a_lead_in_keep_their_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let header: &[&str] = &[
        "序号",
        "事项名称",
        "事项类型",
        "行使层级",
        "设定依据",
        "受理条件",
        "申请材料",
    ];
    let row: &[&str] = &[
        "1",
        "残疾人两项补贴",
        "行政给付",
        "县级",
        "《残疾人保障法》第四十八条",
        "申请条件如下：\n1、持有第二代残疾人证\n2、属于低保家庭等",
        "需提交以下材料：\n①补贴申请表\n②残疾人证\n③银行账户信息\n④其他材料",
    ];
    let doc = lint(&gbk_csv(dir.path(), "lead.csv", &[header, row]), &[]);
    let entry = |code: &str| -> Vec<(String, u64)> {
        of(&doc, code)
            .iter()
            .map(|d| {
                let l = &d["location"];
                (
                    l["cell"].as_str().unwrap().to_string(),
                    l["entry"].as_u64().unwrap_or(0),
                )
            })
            .collect()
    };
    assert_eq!(entry("W002"), [("G2".to_string(), 4)], "{:#?}", of(&doc, "W002"));
    assert_eq!(entry("W003"), [("F2".to_string(), 2)], "{:#?}", of(&doc, "W003"));
}
