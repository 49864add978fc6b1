//! 办事指南汇总表 / 实施清单 sheets of probe round 6 (issue 21), as other offices keep them:
//! footers and totals below the table (注：…, 合计：32项, 小计, a signature line 单位负责人：… 填表人：…
//! 联系电话：… 审核人：, a blank row then a second note) with a real item after a blank row;
//! Excel's own damage (实施编码 stored as a number and rounded to 15 digits, 基本编码 without its
//! leading zeros, codes with a trailing space or no-break space, 序号 as =ROW()-3, a date in the
//! 填报日期 cell, a hidden row and column, cells of only a space, 是否收费 of 否 / 无 / — / /);
//! values as offices write them (自受理之日起20个工作日, 二十个工作日, 1个月, 30日（自然日）, 无法定时限,
//! “/” and “—”, 法定：无；承诺：即办, 1次（全程网办0次）, 跑0次, 不超过1次, 省、市、县, 省市县, 市县两级,
//! 省级/市级/县级, 即办件/承诺件, several laws a line each or numbered); 情形一：个人申请；情形二：…,
//! one row per 情形 with the item's cells repeated, 材料名称 | 材料形式 | 份数 as parallel lists
//! or one row per material with the item's cells repeated, and 受理条件 with sub-numbers.
//!
//! The workbooks are made by tests/fixtures/round6/make.py (xlsxwriter; .xls saved by
//! LibreOffice; GBK CSV as Excel saves it) with the defects each plants.

use serde_json::Value;
use std::path::{Path, PathBuf};

mod sheets_common;
use sheets_common::{check, converted, lint, of};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/round6")
        .join(name)
}

fn planted(name: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(fixture(&format!("{name}.planted.json"))).unwrap()).unwrap()
}

/// Every planted defect at its cell and entry, no error on a clean row, in each format. A CSV's
/// one sheet is named after its file.
#[test]
fn committed_workbooks_of_each_variant_and_format() {
    for name in ["all", "values", "combined", "matlists", "matrows"] {
        let planted = planted(name);
        assert!(planted.as_array().unwrap().len() >= 10, "{name}: {planted}");
        for ext in ["xlsx", "xls"] {
            check(&fixture(&format!("{name}.{ext}")), &planted);
        }
        let mut in_csv = planted.clone();
        for p in in_csv.as_array_mut().unwrap() {
            p["sheet"] = Value::from(name);
        }
        check(&fixture(&format!("{name}.csv")), &in_csv);
    }
}

/// Lines below the table — a note, 填表说明, 合计, 小计, a signature line of 单位负责人 / 填表人 /
/// 联系电话 / 审核人, a blank row and a second note — are no items; the item after a blank row
/// in the middle of the table is one. Before, the signature line was an item with five errors.
#[test]
fn footers_and_totals_are_no_items() {
    for ext in ["xlsx", "xls", "csv"] {
        let doc = lint(&fixture(&format!("all.{ext}")), &[]);
        assert_eq!(doc["summary"]["items"], 32, "all.{ext}");
        assert!(of(&doc, "T001").is_empty(), "all.{ext}: {:#?}", of(&doc, "T001"));
    }
}

/// A 实施编码 Excel stored as a number lost its digits after the 15th: the finding says so at
/// its cell (before: “第 19 位“0”应为行使层级”, or a count of 11 characters in the CSV's
/// 1.13303E+30). A 基本编码 stored as a number lost its leading zeros: said with the code the
/// 实施编码 holds.
#[test]
fn codes_excel_stored_as_numbers_are_told_as_such() {
    for ext in ["xlsx", "xls", "csv"] {
        let doc = lint(&fixture(&format!("all.{ext}")), &[]);
        let k001 = of(&doc, "K001");
        assert!(!k001.is_empty());
        for d in &k001 {
            let m = d["message"].as_str().unwrap();
            assert!(m.contains("Excel") && m.contains("15 位"), "all.{ext}: {m}");
        }
        let k008 = of(&doc, "K008");
        assert!(!k008.is_empty());
        for d in &k008 {
            let m = d["message"].as_str().unwrap();
            assert!(m.contains("前导的 0"), "all.{ext}: {m}");
        }
    }
    let doc = lint(&fixture("all.csv"), &["--lang", "en"]);
    assert!(
        of(&doc, "K001")
            .iter()
            .all(|d| d["message"].as_str().unwrap().contains("stored by Excel as a number")),
        "{doc:#}"
    );
}

/// `情形一：个人申请；情形二：企业申请` names the 情形 个人申请 and 企业申请, one row per 情形 with the
/// item's cells repeated is one item with a 情形 per row, and the sub-numbered 受理条件 entry
/// (`1.…：⏎（1）…⏎（2）…`) is one condition.
#[test]
fn case_labels_and_one_row_per_case() {
    let dir = tempfile::tempdir().unwrap();
    let yaml = converted(&fixture("all.xlsx"), &dir.path().join("all.yaml"));
    assert!(!yaml.contains("name: 情形"), "{yaml}");
    assert!(
        yaml.contains("- name: 个人申请") && yaml.contains("- name: 企业申请"),
        "{yaml}"
    );
    assert!(yaml.contains("（1）场所面积不少于50平方米"), "{yaml}");
    assert!(!yaml.contains("point: （1）"), "{yaml}");
}

/// 材料名称 | 材料形式 | 份数 as parallel numbered lists in one row: each material gets its own
/// form and copies (before: every material got the whole 材料形式 list, a warning on each row).
#[test]
fn parallel_material_columns_give_each_material_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let yaml = converted(&fixture("matlists.xlsx"), &dir.path().join("m.yaml"));
    assert!(!yaml.contains("form: |"), "{yaml}");
    assert!(yaml.contains("form: 复印件") && yaml.contains("form: 原件"), "{yaml}");
    let doc = lint(&fixture("matlists.xlsx"), &[]);
    // What is still said of a form (原件及复印件 is no value of the dictionary) is said at its entry.
    for d in of(&doc, "M004") {
        assert!(d["location"]["entry"].as_u64().is_some(), "{d:#}");
        assert!(!d["message"].as_str().unwrap().contains('\n'), "{d:#}");
    }
}

/// One row per material with the item's other cells repeated (not merged): the 受理条件 cell
/// repeated on each row is read once, so a vague condition is reported once (before: once per
/// material row, and the item had each condition as many times).
#[test]
fn conditions_repeated_on_each_material_row_are_read_once() {
    let doc = lint(&fixture("matrows.xlsx"), &[]);
    let vague_conditions = planted("matrows")
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["defect"] == "vague condition")
        .count();
    let said = of(&doc, "W002")
        .iter()
        .filter(|d| d["message"].as_str().unwrap().contains("受理条件"))
        .count();
    assert_eq!(said, vague_conditions, "{doc:#}");
    let dir = tempfile::tempdir().unwrap();
    let yaml = converted(&fixture("matrows.xlsx"), &dir.path().join("r.yaml"));
    // Each 情形 of an item has each condition once, and every material of the item's rows (the
    // 情形 cell `个人申请；企业申请` repeated on each names both for each material).
    for item in yaml.split("\n  - code:").skip(1) {
        let cases: Vec<&str> = item.split("\n      - name: ").skip(1).collect();
        for case in &cases {
            let points: Vec<&str> = case
                .lines()
                .filter(|l| l.trim_start().starts_with("- point:"))
                .collect();
            let mut once = points.clone();
            once.sort();
            once.dedup();
            assert_eq!(once.len(), points.len(), "{item}");
            let materials = |c: &str| c.matches("\n          - name: ").count();
            assert_eq!(materials(case), materials(cases[0]), "{item}");
        }
    }
}

/// Levels abbreviated one character each (省市县, 市县级) are the levels they name: W007 suggests
/// the standard names instead of a T003 error.
#[test]
fn levels_one_character_each() {
    let doc = lint(&fixture("values.xlsx"), &[]);
    assert!(
        of(&doc, "T003")
            .iter()
            .all(|d| d["message"].as_str().unwrap().contains("县区镇级")),
        "{:#?}",
        of(&doc, "T003")
    );
    assert!(
        of(&doc, "W007").iter().any(|d| d["message"]
            .as_str()
            .unwrap()
            .contains("“省市县”应写作“省级、市级、县级”")),
        "{:#?}",
        of(&doc, "W007")
    );
}

/// Footer lines as other offices write them, each below two items of a GBK CSV: a signature
/// line in one cell, 制表单位/制表日期 apart, 备注 or 说明 in a cell of its own with the note in the
/// next, 填报单位（盖章）/填报时间, 主要负责人签字/经办人/电话. None is an item (before: 3 of the 7
/// were, with 4–5 errors each). A material row of its own that reads `法定代表人：身份证明` is
/// still the item's material.
#[test]
fn footer_lines_as_offices_write_them() {
    let header = "序号,事项编码,实施编码,事项名称,事项类型,行使层级,实施主体,设定依据,法定时限,承诺时限,办件类型,是否收费,审批结果,受理条件,申请材料,到办事现场次数,必须现场办理原因说明,办理地点,咨询电话,监督投诉电话";
    let item = |n: u32, name: &str| {
        format!(
            "{n},许可-0000{n}-001-01,113303020020000005404000114001{n:03},{name},行政许可,县级,温州市鹿城区市场监督管理局,\
             《中华人民共和国食品安全法》第35条,20个工作日,5个工作日,承诺件,否,食品经营许可证,\"1.有场所\n2.有人员\",\
             \"1.申请书（原件1份）\n2.营业执照（复印件1份）\",0,,温州市鹿城区市民中心1号窗口,0577-88881234,0577-12345"
        )
    };
    let dir = tempfile::tempdir().unwrap();
    for footer in [
        "单位负责人：张三    填表人：李四    联系电话：0577-88880000",
        "单位负责人：张三",
        "制表单位：鹿城区审管办,,,,制表日期：2026年11月30日",
        "备注,本表时限均为工作日",
        "说明,1.事项编码按省目录",
        "填报单位（盖章）：,,,,,,填报时间：2026年12月",
        "主要负责人签字：,,,,经办人：王五,,,,电话：88880000",
    ] {
        let text = format!(
            "鹿城区办事指南汇总表\n{header}\n{}\n{}\n{footer}\n",
            item(1, "甲许可"),
            item(2, "乙许可")
        );
        let (bytes, _, _) = encoding_rs::GBK.encode(&text);
        let csv = dir.path().join("汇总表.csv");
        std::fs::write(&csv, &bytes).unwrap();
        let doc = lint(&csv, &[]);
        assert_eq!(doc["summary"]["items"], 2, "{footer}: {doc:#}");
        assert_eq!(doc["summary"]["errors"], 0, "{footer}: {doc:#}");
    }
    let text = format!("{header}\n{}\n,,,,,,,,,,,,,,法定代表人：身份证明\n", item(1, "甲许可"));
    let csv = dir.path().join("材料.csv");
    std::fs::write(&csv, text).unwrap();
    let yaml = converted(&csv, &dir.path().join("材料.yaml"));
    assert!(yaml.contains("- name: 法定代表人：身份证明"), "{yaml}");
}

/// Vague wording found in round 6 is reported at its entry: 其他需要提供的材料 among materials
/// joined by ；, 符合国家有关规定要求 and 申请人符合法定条件 as a whole condition (before: none).
#[test]
fn vague_wording_of_this_round() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("办事指南.csv");
    std::fs::write(
        &csv,
        "序号,事项名称,事项编码,事项类型,行使层级,实施主体,设定依据,法定时限,承诺时限,受理条件,申请材料\n\
         1,甲许可,许可-00001-000,行政许可,县级,某县局,《中华人民共和国行政许可法》第十二条,廿日,5个工作日,有场所,申请书（原件1份）；营业执照（复印件1份）；其他需要提供的材料\n\
         2,乙许可,许可-00002-000,行政许可,县级,某县局,《中华人民共和国行政许可法》第十二条,20日,5个工作日,\"1.有场所\n2.符合国家有关规定要求\",申请书\n\
         3,丙许可,许可-00003-000,行政许可,县级,某县局,《中华人民共和国行政许可法》第十二条,20日,5个工作日,申请人符合法定条件,申请书\n",
    )
    .unwrap();
    let doc = lint(&csv, &[]);
    let at = |code: &str| -> Vec<String> {
        of(&doc, code)
            .iter()
            .map(|d| format!("{}#{}", d["location"]["cell"].as_str().unwrap(), d["location"]["entry"]))
            .collect()
    };
    assert_eq!(at("W002"), ["K2#3"], "{doc:#}");
    assert_eq!(at("W001"), ["J3#2", "J4#null"], "{doc:#}");
    assert!(of(&doc, "L003").is_empty(), "廿日 is 20 days: {doc:#}");
}
