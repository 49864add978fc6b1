//! Office workbooks of probe round 11 (issue 21), written by a generator that knows nothing of the
//! loader (tests/fixtures/round11/make.py), saved as xlsx, xls and GBK CSV (one also as a UTF-8
//! CSV with a BOM):
//! - `zongbiao`: a county 办事指南汇总表 with wrapped headers carrying units and notes, a 办理情形
//!   (适用情形) column some offices add, materials with their form and copies inside each entry
//!   (before: 申办材料/申请人提交材料/办事条件/现场次数/投诉举报电话 unknown, so a vague material in
//!   them went unseen; a 情形 cell of `/` a W005 error on a clean item);
//! - `kaifaqu`: a development zone's 汇总表 with no 事项类型 column, group rows `一、行政许可事项`
//!   above the items (before: `…事项` named no type, so X006 did not apply and B001 was missed), a
//!   hidden column and an autofilter;
//! - `quanze`: a city bureau's 权力清单 with 主项编码 and 子项编码 in columns of their own, 主项 merged
//!   over 子项 rows, the 设定依据 merged over the 主项 where its 子项 share it and typed per 子项
//!   where they differ (before: in the CSV, every merged basis of such a sheet a B001 and level a
//!   T002), a 主项 of no 子项 coded only by its 主项编码 (before: no K006 for a wrong prefix).
//!
//! Every planted defect (`NAME.planted.json`) is found at its sheet, cell and entry; no clean row
//! gets an error.

use serde_json::Value;
use std::path::{Path, PathBuf};

mod sheets_common;
use sheets_common::{check, gbk_csv, lint, of, planted_in};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/round11")
        .join(name)
}

/// The files of an office and its planted defects.
fn office(name: &str) -> (Vec<String>, Value) {
    sheets_common::office(&fixture(""), name)
}

const OFFICES: [(&str, u64); 3] = [("zongbiao", 14), ("kaifaqu", 14), ("quanze", 21)];

#[test]
fn every_planted_defect_at_its_cell_and_no_error_on_a_clean_row() {
    for (name, items) in OFFICES {
        let (files, planted) = office(name);
        assert!(planted.as_array().unwrap().len() >= 8, "{name}");
        assert!(files.len() >= 3, "{name}: {files:?}");
        for file in &files {
            let path = fixture(file);
            check(&path, &planted_in(file, &planted));
            let doc = lint(&path, &[]);
            assert_eq!(doc["summary"]["items"], items, "{file}");
            assert!(of(&doc, "F001").is_empty(), "{file}: {:#?}", of(&doc, "F001"));
        }
    }
}

fn csv(dir: &Path, name: &str, rows: &[&[&str]]) -> PathBuf {
    gbk_csv(dir, name, rows)
}

fn cells(doc: &Value, code: &str) -> Vec<String> {
    of(doc, code)
        .iter()
        .map(|d| d["location"]["cell"].as_str().unwrap_or("").to_string())
        .collect()
}

const POWER_HEADER: &[&str] = &[
    "序号",
    "主项编码",
    "主项名称",
    "子项编码",
    "子项名称",
    "权力类型",
    "设定依据",
    "行使层级",
    "实施主体",
];

/// A CSV of a power list whose office merges a basis and level its 子项 share and types each
/// 子项's own basis where they differ: the merged ones (blank below the 主项's first row) pass
/// to the 子项; a blank under a 主项 whose 子项 type their own is blank, and so is every such
/// blank in a sheet that types a shared value again on each 子项 row.
#[test]
fn a_basis_merged_over_one_main_item_passes_down_beside_typed_ones() {
    let dir = tempfile::tempdir().unwrap();
    let unit = "某市自然资源和规划局";
    let merged: &[&[&str]] = &[
        POWER_HEADER,
        &[
            "1",
            "许可-00101-000",
            "建设工程规划许可",
            "许可-00101-001",
            "建设工程规划许可证核发（新建）",
            "行政许可",
            "《中华人民共和国城乡规划法》第四十条",
            "市级",
            unit,
        ],
        &["", "", "", "许可-00101-002", "建设工程规划许可证变更", "", "", "", ""],
        &[
            "2",
            "处罚-00102-000",
            "对违反土地管理法律法规行为的处罚",
            "处罚-00102-001",
            "对非法占用土地的处罚",
            "行政处罚",
            "《中华人民共和国土地管理法》第七十七条",
            "市级、县级",
            unit,
        ],
        &[
            "",
            "",
            "",
            "处罚-00102-002",
            "对拒不交出土地的处罚",
            "",
            "《中华人民共和国土地管理法》第八十一条",
            "",
            "",
        ],
        &["", "", "", "处罚-00102-003", "对非法转让土地的处罚", "", "", "", ""],
    ];
    let doc = lint(&csv(dir.path(), "merged.csv", merged), &[]);
    // 00101's 子项 take the merged basis and level; 00102's third 子项 is blank beside its
    // sibling's own basis, and its level was merged.
    assert_eq!(cells(&doc, "B001"), ["G6"], "{:#?}", of(&doc, "B001"));
    assert!(of(&doc, "T002").is_empty(), "{:#?}", of(&doc, "T002"));

    let typed: &[&[&str]] = &[
        POWER_HEADER,
        &[
            "1",
            "许可-00101-000",
            "建设工程规划许可",
            "许可-00101-001",
            "建设工程规划许可证核发（新建）",
            "行政许可",
            "《中华人民共和国城乡规划法》第四十条",
            "市级",
            unit,
        ],
        &[
            "",
            "",
            "",
            "许可-00101-002",
            "建设工程规划许可证变更",
            "",
            "《中华人民共和国城乡规划法》第四十条",
            "",
            "",
        ],
        &[
            "2",
            "处罚-00102-000",
            "对违反土地管理法律法规行为的处罚",
            "处罚-00102-001",
            "对非法占用土地的处罚",
            "行政处罚",
            "《中华人民共和国土地管理法》第七十七条",
            "市级",
            unit,
        ],
        &["", "", "", "处罚-00102-002", "对拒不交出土地的处罚", "", "", "", ""],
    ];
    let doc = lint(&csv(dir.path(), "typed.csv", typed), &[]);
    assert_eq!(cells(&doc, "B001"), ["G5"], "{:#?}", of(&doc, "B001"));
}

/// A 主项 of no 子项 (子项名称 `/` or `无`, 子项编码 blank) is coded by its 主项编码: a wrong prefix
/// there is K006, a malformed code K005, at that cell.
#[test]
fn an_unsplit_main_item_is_coded_by_its_main_code() {
    let dir = tempfile::tempdir().unwrap();
    let unit = "某市自然资源和规划局";
    let rows: &[&[&str]] = &[
        POWER_HEADER,
        &[
            "1",
            "处罚-00101-000",
            "乡村建设规划许可",
            "",
            "/",
            "行政许可",
            "《中华人民共和国城乡规划法》第四十一条",
            "县级",
            unit,
        ],
        &[
            "2",
            "检查-102-0",
            "对土地利用情况的监督检查",
            "",
            "无",
            "行政检查",
            "《中华人民共和国土地管理法》第六十七条",
            "县级",
            unit,
        ],
        &[
            "3",
            "许可-00103-000",
            "临时建设工程规划许可",
            "",
            "",
            "行政许可",
            "《中华人民共和国城乡规划法》第四十四条",
            "县级",
            unit,
        ],
    ];
    let doc = lint(&csv(dir.path(), "unsplit.csv", rows), &[]);
    assert_eq!(cells(&doc, "K006"), ["B2"], "{:#?}", of(&doc, "K006"));
    assert_eq!(cells(&doc, "K005"), ["B3"], "{:#?}", of(&doc, "K005"));
    assert_eq!(doc["summary"]["items"], 3);
}

const GUIDE_HEADER: &[&str] = &[
    "序号",
    "事项名称",
    "事项类型",
    "行使层级",
    "实施主体",
    "设定依据",
    "适用情形",
    "办事条件",
    "申办材料",
    "法定时限（工作日）",
    "承诺时限（工作日）",
    "现场次数",
    "必须现场办理原因说明",
    "咨询电话",
    "投诉举报电话",
];

fn guide_row<'a>(name: &'a str, basis: &'a str, case: &'a str, mats: &'a str, phone: &'a str) -> Vec<&'a str> {
    vec![
        "1",
        name,
        "行政许可",
        "县级",
        "某县行政审批局",
        basis,
        case,
        "1.有固定的经营场所；2.有相应的设备",
        mats,
        "20",
        "5",
        "0",
        "/",
        phone,
        "0577-12345",
    ]
}

/// Headers other provinces' guides use (办事条件, 申办材料, 现场次数, 投诉举报电话) are known, so a
/// vague material in 申办材料 is W002 at its entry; a 情形 cell of `/` is an item not split into
/// 情形 (no W005), while a 申办材料 cell of `/` stays a placeholder; `依据有关法律、法规和规章`
/// names no law (B005); a second landline after one with its area code shares it (no V006).
#[test]
fn a_guide_of_another_province_s_headers() {
    let dir = tempfile::tempdir().unwrap();
    let mats = "1.申请书 原件1份 复印件1份\n2.营业执照（复印件1份）\n3.其他相关材料";
    let rows = [
        guide_row(
            "食品经营许可",
            "《中华人民共和国食品安全法》第三十五条",
            "/",
            mats,
            "0577-61234567、61234568",
        ),
        guide_row(
            "公共场所卫生许可",
            "依据有关法律、法规和规章",
            "个人申请；企业申请",
            "1.申请表（原件1份）\n2.健康证明（复印件1份）",
            "0577-61234567",
        ),
        guide_row(
            "水产苗种生产许可",
            "《中华人民共和国渔业法》第十六条",
            "—",
            "/",
            "61234568",
        ),
    ];
    let mut all: Vec<&[&str]> = vec![GUIDE_HEADER];
    all.extend(rows.iter().map(|r| r.as_slice()));
    let doc = lint(&csv(dir.path(), "guide.csv", &all), &[]);
    assert!(of(&doc, "F001").is_empty(), "{:#?}", of(&doc, "F001"));
    let w002 = of(&doc, "W002");
    assert_eq!(w002.len(), 1, "{w002:#?}");
    assert_eq!(
        (&w002[0]["location"]["cell"], &w002[0]["location"]["entry"]),
        (&"I2".into(), &3.into())
    );
    assert_eq!(cells(&doc, "W005"), ["I4"], "{:#?}", of(&doc, "W005"));
    assert_eq!(cells(&doc, "B005"), ["F3"], "{:#?}", of(&doc, "B005"));
    assert_eq!(cells(&doc, "V006"), ["N4"], "{:#?}", of(&doc, "V006"));
    assert!(of(&doc, "T004").is_empty(), "{:#?}", of(&doc, "T004"));
}

/// Section rows `一、行政许可事项` and `（二）公共服务事项（共1项）` give the items below them their
/// 事项类型: a licence's blank basis is B001, a public service needs none.
#[test]
fn section_rows_naming_items_of_a_type() {
    let dir = tempfile::tempdir().unwrap();
    let header: &[&str] = &[
        "序号",
        "事项名称",
        "行使层级",
        "实施主体",
        "设定依据",
        "承诺时限",
        "审批结果",
    ];
    let rows: &[&[&str]] = &[
        header,
        &["一、行政许可事项", "", "", "", "", "", ""],
        &[
            "1",
            "食品经营许可",
            "县级",
            "某区行政审批局",
            "",
            "10个工作日",
            "食品经营许可证",
        ],
        &["（二）公共服务事项（共1项）", "", "", "", "", "", ""],
        &[
            "1",
            "就业创业证申领",
            "县级",
            "某区社会事业局",
            "",
            "即办",
            "就业创业证",
        ],
    ];
    let doc = lint(&csv(dir.path(), "sections.csv", rows), &[]);
    assert_eq!(cells(&doc, "B001"), ["E3"], "{:#?}", of(&doc, "B001"));
    assert!(of(&doc, "X006").is_empty(), "{:#?}", of(&doc, "X006"));
    assert_eq!(doc["summary"]["items"], 2);
}

/// A 主项 written on a row of its own (子项名称 blank) above rows of its 子项 that name no 主项: a
/// heading, not an item; its 设定依据, 行使层级 and type are its 子项' where they leave theirs
/// blank, in an xlsx as in a CSV. A type written `处罚类` reads as 行政处罚 (X008, not X001).
#[test]
fn a_main_item_row_above_its_sub_items_is_their_heading() {
    let dir = tempfile::tempdir().unwrap();
    let unit = "某市自然资源和规划局";
    let rows: &[&[&str]] = &[
        POWER_HEADER,
        &[
            "1",
            "许可-00101-000",
            "建设工程规划许可",
            "",
            "",
            "行政许可",
            "《中华人民共和国城乡规划法》第四十条",
            "市级、县级",
            unit,
        ],
        &[
            "",
            "",
            "",
            "许可-00101-001",
            "建设工程规划许可证核发（新建）",
            "",
            "",
            "",
            "",
        ],
        &[
            "",
            "",
            "",
            "许可-00101-002",
            "建设工程规划许可证变更",
            "",
            "",
            "处级",
            "",
        ],
        &[
            "2",
            "处罚-00102-000",
            "对未取得建设工程规划许可证进行建设的处罚",
            "",
            "",
            "处罚类",
            "",
            "县级",
            unit,
        ],
    ];
    for name in ["heading.csv", "heading.xlsx"] {
        let path = if name.ends_with(".csv") {
            gbk_csv(dir.path(), name, rows)
        } else {
            sheets_common::workbook(dir.path(), name, &[("Sheet1", rows)])
        };
        let doc = lint(&path, &[]);
        assert_eq!(doc["summary"]["items"], 3, "{name}");
        assert_eq!(cells(&doc, "T003"), ["H4"], "{name}: {:#?}", of(&doc, "T003"));
        assert!(of(&doc, "T002").is_empty(), "{name}: {:#?}", of(&doc, "T002"));
        // The 主项 with no 子项 below it is an item: its blank basis is B001.
        assert_eq!(cells(&doc, "B001"), ["G5"], "{name}: {:#?}", of(&doc, "B001"));
        assert!(of(&doc, "X001").is_empty(), "{name}: {:#?}", of(&doc, "X001"));
        assert_eq!(cells(&doc, "X008"), ["F5"], "{name}: {:#?}", of(&doc, "X008"));
    }
}

/// A level cell listing bare tiers (`省、市、县`) is one respelling of that cell (W007 once, at the
/// cell, naming all three), not one info per entry; a lone 区县级 keeps its own.
#[test]
fn a_list_of_bare_tiers_is_one_respelling_of_its_cell() {
    let dir = tempfile::tempdir().unwrap();
    let header: &[&str] = &[
        "序号",
        "事项编码",
        "事项名称",
        "事项类型",
        "行使层级",
        "实施主体",
        "设定依据",
    ];
    let basis = "《中华人民共和国食品安全法》第三十五条";
    let rows: &[&[&str]] = &[
        header,
        &[
            "1",
            "330100001",
            "食品经营许可",
            "行政许可",
            "省、市、县",
            "某县市场监督管理局",
            basis,
        ],
        &[
            "2",
            "330100002",
            "食品生产许可",
            "行政许可",
            "区县级",
            "某县市场监督管理局",
            basis,
        ],
    ];
    for path in [
        gbk_csv(dir.path(), "levels.csv", rows),
        sheets_common::workbook(dir.path(), "levels.xlsx", &[("层级", rows)]),
    ] {
        let doc = lint(&path, &[]);
        let w007 = of(&doc, "W007");
        assert_eq!(w007.len(), 2, "{w007:?}");
        assert_eq!(w007[0]["location"]["cell"], "E2", "{w007:?}");
        assert!(
            w007[0]["message"]
                .as_str()
                .unwrap()
                .contains("“省、市、县”应写作“省级、市级、县级”"),
            "{w007:?}"
        );
        assert_eq!(w007[1]["location"]["cell"], "E3", "{w007:?}");
        assert!(
            w007[1]["message"].as_str().unwrap().contains("“区县级”应写作“县级”"),
            "{w007:?}"
        );
    }
}
