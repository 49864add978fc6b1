//! Office workbooks of probe round 10 (issue 21), written by a generator that knows nothing of the
//! loader (tests/fixtures/round10/make.py), each saved as xlsx, xls and GBK CSV:
//! - `zhifa`: a 综合行政执法局's 行政处罚 power list (违法行为 | 处罚依据 | 处罚种类 | 裁量阶次) under a
//!   title `…行政处罚事项清单（2026年版）` (before: the edition note hid the type, so no B001 for a
//!   blank 处罚依据 and X006 not applicable), 处罚依据 quoting its article over several lines
//!   (before: each quoted line a basis of its own);
//! - `permit`: a provincial 行政许可 list with a two-row header whose groups span columns the
//!   dictionary does not all know (申请材料 › 材料名称 | 材料要求 | 份数; before: the sub-header row
//!   read as an item, T003 on it, and 承诺期限 unread under 办理时限), 法定期限 `20日`
//!   (before: L001 on a promise of 17 working days);
//! - `platform`: an 一体化平台 实施清单 with 法定办结时限 | 法定办结时限单位 | 承诺办结时限 | 承诺办结时限单位
//!   (before: units unread, F001 on both unit columns, a promise of 22 自然日 against 20 工作日 an L001);
//! - `street`: a 街道便民服务中心's 公共服务 list with a `联系地址：… 制表：… 审核：…` line under the table
//!   (before: read as an item, T001 and T002 on it).
//!
//! Every planted defect (`NAME.planted.json`) is found at its sheet, cell and entry; no clean row
//! gets an error.

use serde_json::Value;
use std::path::{Path, PathBuf};

mod sheets_common;
use sheets_common::{cell, check, converted, gbk_csv, lint, of, planted_in};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/round10")
        .join(name)
}

/// The files of an office and its planted defects.
fn office(name: &str) -> (Vec<String>, Value) {
    sheets_common::office(&fixture(""), name)
}

/// A GBK CSV of a header and rows.
fn table(dir: &Path, name: &str, header: &[&str], rows: &[&[&str]]) -> PathBuf {
    let mut all: Vec<&[&str]> = vec![header];
    all.extend(rows);
    gbk_csv(dir, name, &all)
}

const OFFICES: [(&str, u64); 4] = [("zhifa", 12), ("permit", 10), ("platform", 11), ("street", 10)];

#[test]
fn every_planted_defect_at_its_cell_and_no_error_on_a_clean_row() {
    for (name, items) in OFFICES {
        let (files, planted) = office(name);
        assert!(planted.as_array().unwrap().len() >= 4, "{name}");
        for file in &files {
            let path = fixture(file);
            check(&path, &planted_in(file, &planted));
            let doc = lint(&path, &[]);
            assert_eq!(doc["summary"]["items"], items, "{file}");
        }
    }
}

/// `…综合行政执法局行政处罚事项清单（2026年版）`: the edition note does not hide the type the title
/// names, so the items are 行政处罚 (a blank 处罚依据 is B001 and X006 applies).
#[test]
fn a_title_with_its_edition_names_the_type() {
    for ext in ["xlsx", "xls", "csv"] {
        let doc = lint(&fixture(&format!("zhifa.{ext}")), &[]);
        let b001 = of(&doc, "B001");
        assert_eq!(b001.len(), 1, "{ext}: {b001:#?}");
        assert!(
            b001[0]["message"]
                .as_str()
                .unwrap()
                .contains("行政处罚事项缺少处罚依据")
        );
        let x006_off = of(&doc, "F023")
            .into_iter()
            .any(|d| d["message"].as_str().unwrap().contains("X006"));
        assert!(!x006_off, "{ext}");
    }
}

/// A 处罚依据 quoting its article over several lines (`…第三款：“…：⏎（一）…；⏎（二）…。”`) is one
/// basis entry, its quote whole; two citations on two lines stay two.
#[test]
fn a_quoted_article_over_several_lines_is_one_basis() {
    let dir = tempfile::tempdir().unwrap();
    let json = converted(&fixture("zhifa.xlsx"), &dir.path().join("z.json"));
    let doc: Value = serde_json::from_str(&json).unwrap();
    let mut quoted = 0;
    for item in doc["items"].as_array().unwrap() {
        let Some(basis) = item["basis"].as_array() else {
            continue;
        };
        for b in basis {
            let b = b.as_str().unwrap();
            assert!(!b.starts_with('（'), "a quoted line read as a basis: {b}");
            if b.contains('“') {
                assert!(b.ends_with('”') && b.contains("（一）") && b.contains("（二）"), "{b}");
                quoted += 1;
            }
        }
    }
    assert!(quoted > 0, "{json}");
}

/// A two-row header whose group (申请材料, 受理条件, 办理时限) spans sub-headers: the sub-header row
/// is no item even where the dictionary does not know a sub-header, and 承诺期限 under 办理时限 is
/// read; 材料要求 is the material's note.
#[test]
fn a_group_over_sub_headers_is_a_two_row_header() {
    for ext in ["xlsx", "xls", "csv"] {
        let doc = lint(&fixture(&format!("permit.{ext}")), &[]);
        assert_eq!(doc["summary"]["items"], 10, "{ext}");
        assert!(of(&doc, "F001").is_empty(), "{ext}: {:#?}", of(&doc, "F001"));
        let on_header = doc["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["location"]["cell"].as_str().is_some_and(|c| cell(c).0 <= 3) && d["code"] != "F023")
            .count();
        assert_eq!(on_header, 0, "{ext}");
    }
}

/// 法定办结时限 | 法定办结时限单位 | 承诺办结时限 | 承诺办结时限单位 as the 一体化平台 exports them: each
/// number counts in its unit (22 自然日 is within 20 工作日; 15 工作日 is not within 20 自然日), the
/// unit columns are known, and a limit is shown with its unit.
#[test]
fn limits_count_in_their_unit_columns() {
    let dir = tempfile::tempdir().unwrap();
    let header: &[&str] = &[
        "事项名称",
        "事项类型",
        "行使层级",
        "实施主体",
        "设定依据",
        "法定办结时限",
        "法定办结时限单位",
        "承诺办结时限",
        "承诺办结时限单位",
    ];
    let row = |name: &'static str, s: &'static str, su: &'static str, p: &'static str, pu: &'static str| {
        vec![
            name,
            "行政确认",
            "县级",
            "某区民政局",
            "《社会救助暂行办法》第十一条",
            s,
            su,
            p,
            pu,
        ]
    };
    let rows = [
        row("低保认定", "20", "工作日", "22", "自然日"),
        row("特困认定", "20", "自然日", "15", "工作日"),
        row("临时救助", "20", "工作日", "15", "工作日"),
    ];
    let rows: Vec<&[&str]> = rows.iter().map(|r| r.as_slice()).collect();
    let doc = lint(&table(dir.path(), "units.csv", header, &rows), &[]);
    let l001 = of(&doc, "L001");
    assert_eq!(l001.len(), 1, "{l001:#?}");
    assert_eq!(l001[0]["location"]["cell"], "H3");
    let m = l001[0]["message"].as_str().unwrap();
    assert!(m.contains("15工作日") && m.contains("20自然日"), "{m}");
    assert!(of(&doc, "F001").is_empty(), "{:#?}", of(&doc, "F001"));
}

/// 行政许可法 第八十二条: a licence's periods are working days, so its statutory `20日` is 20
/// working days; another type's `20日`, or a licence's `20自然日`, stays calendar days.
#[test]
fn a_licence_s_days_are_working_days() {
    let dir = tempfile::tempdir().unwrap();
    let header: &[&str] = &[
        "事项名称",
        "事项类型",
        "行使层级",
        "实施主体",
        "设定依据",
        "法定时限",
        "承诺时限",
    ];
    let rows: [&[&str]; 3] = [
        &[
            "食品经营许可",
            "行政许可",
            "县级",
            "某县市场监督管理局",
            "《中华人民共和国食品安全法》第三十五条",
            "20日",
            "17个工作日",
        ],
        &[
            "出版物零售许可",
            "行政许可",
            "县级",
            "某县文化广电旅游体育局",
            "《出版管理条例》第三十七条",
            "20自然日",
            "17个工作日",
        ],
        &[
            "残疾人证核发",
            "行政确认",
            "县级",
            "某县残疾人联合会",
            "《中华人民共和国残疾人保障法》第二十三条",
            "20日",
            "17个工作日",
        ],
    ];
    let doc = lint(&table(dir.path(), "licence.csv", header, &rows), &[]);
    let l001 = of(&doc, "L001");
    let cells: Vec<String> = l001
        .iter()
        .map(|d| d["location"]["cell"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(cells, ["G3", "G4"], "{l001:#?}");
}

/// `二、有符合规定的办学场所：⏎（1）…⏎（2）…` among `一、` conditions without a colon: the numbered
/// list is that condition's detail, one point (as under `2.`); a cell whose every `一、` heading
/// ends in a colon and names a case (`一、个人申请：`) still names its 情形.
#[test]
fn sub_points_under_a_chinese_numbered_condition() {
    let dir = tempfile::tempdir().unwrap();
    let header: &[&str] = &[
        "事项名称",
        "事项类型",
        "行使层级",
        "实施主体",
        "设定依据",
        "受理条件",
        "申请材料",
    ];
    let rows: [&[&str]; 2] = [
        &[
            "民办职业培训学校设立审批",
            "行政许可",
            "省级",
            "某厅",
            "《中华人民共和国民办教育促进法》第十八条",
            "一、举办者具有法人资格\n二、有符合规定的办学场所：\n①校舍面积不少于500平方米\n②有实训场地\n三、有教师队伍",
            "申请书",
        ],
        &[
            "出版物零售许可",
            "行政许可",
            "省级",
            "某厅",
            "《出版管理条例》第三十七条",
            "有经营场所",
            "一、个人申请：\n（1）身份证\n（2）申请书\n二、企业申请：\n（1）营业执照\n（2）申请书",
        ],
    ];
    let csv = table(dir.path(), "points.csv", header, &rows);
    let json = converted(&csv, &dir.path().join("points.json"));
    let doc: Value = serde_json::from_str(&json).unwrap();
    let points: Vec<&str> = doc["items"][0]["scenarios"][0]["acceptance_points"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["point"].as_str().unwrap())
        .collect();
    assert_eq!(points.len(), 3, "{points:#?}");
    assert!(
        points[1].contains("①校舍") && points[1].contains("②有实训场地"),
        "{points:#?}"
    );
    let cases: Vec<&str> = doc["items"][1]["scenarios"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(cases, ["个人申请", "企业申请"], "{json}");
}

/// 材料名称 | 材料要求 | 份数 (no 材料形式 column): `原件` and `复印件加盖公章` under 材料要求 give the
/// material its form; what they say beyond it (加盖公章) stays its note.
#[test]
fn a_material_requirement_column_gives_the_form() {
    let dir = tempfile::tempdir().unwrap();
    for ext in ["xlsx", "csv"] {
        let json = converted(&fixture(&format!("permit.{ext}")), &dir.path().join("p.json"));
        let doc: Value = serde_json::from_str(&json).unwrap();
        let materials: Vec<&Value> = doc["items"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|i| i["scenarios"].as_array().into_iter().flatten())
            .flat_map(|s| s["materials"].as_array().into_iter().flatten())
            .collect();
        assert!(materials.len() > 20, "{ext}");
        for m in &materials {
            assert!(
                ["原件", "复印件"].contains(&m["form"].as_str().unwrap_or("")),
                "{ext}: {m}"
            );
            assert!(m["copies"].as_u64().is_some(), "{ext}: {m}");
        }
        let sealed = materials.iter().filter(|m| m["note"] == "复印件加盖公章").count();
        assert!(sealed > 0, "{ext}");
    }
}
