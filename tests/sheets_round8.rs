//! Office sheets of probe round 8 (issue 21), written by a generator that knows nothing of the
//! loader (tests/fixtures/round8/make.py): six offices, each with its own habits —
//! - `hall`: a county hall's 办事指南汇总表, two title lines, 填报单位 | 填报日期 line, a two-row
//!   header (办理时限 over 法定 | 承诺, 收费 over three, 联系方式 over two), 事项性质 | 权限划分 |
//!   申报条件 | 提交材料 | 结果名称 | 跑动次数 | 窗口地址 | 工作时间, an empty separator column,
//!   section rows 一、行政许可（N项）, 合计, a 说明 merged across the table and a signature line;
//! - `bureau`: one-row header with line breaks, spaces and units (事 项 名 称, 法定办结时限⏎（工作日）),
//!   numbers in the time columns, 办理条件 | 要件 with 一、/A./（一） and ●/·/-/① entries, 12-digit 基本编码;
//! - `district`: a sheet per department, 附件 lines, one 办理时限 cell holding both limits labelled,
//!   a 办理情形 column, visits 不见面;
//! - `town`: a 权力清单 with 主项 cells merged over 子项 rows (职权编码 | 职权名称 | 子项名称 | 职权类别 |
//!   行使层级 | 实施主体 | 承办机构 | 法律依据 | 事项状态), 乡镇（街道）, 县级及以下;
//! - `dept`: a 权力清单 with 权力事项 over 主项名称 | 子项名称, types from section rows, 省、市、县三级;
//! - `ticks`: a 权力清单 numbered 1 / 1.1 in one name column, levels ticked √ ● under 行使层级.
//!
//! Saved as xlsx, xls (LibreOffice), GBK CSV (one-sheet files; merged cells blank below their
//! first) and ods. Every planted defect (`NAME.planted.json`) is found at its sheet, cell and
//! entry; no clean row gets an error.

use serde_json::Value;
use std::path::{Path, PathBuf};

mod sheets_common;
use sheets_common::{cell, check, converted, lint, of};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/round8")
        .join(name)
}

/// The defects planted in `name`, placed as `ext` keeps them: a CSV names its one sheet after
/// the file, and a cell merged over a 主项's rows holds its text in the first row only.
fn planted(name: &str, ext: &str) -> Value {
    let text = std::fs::read_to_string(fixture(&format!("{name}.planted.json"))).unwrap();
    let mut planted: Value = serde_json::from_str(&text).unwrap();
    for p in planted.as_array_mut().unwrap() {
        if ext == "csv" {
            p["sheet"] = Value::from(name);
            if let Some(at) = p["csv_cell"].as_str() {
                let (row, col) = cell(at);
                p["row"] = Value::from(row);
                p["column"] = Value::from(col);
            }
        }
    }
    planted
}

const OFFICES: [(&str, &[&str], u64); 6] = [
    ("hall", &["xlsx", "xls", "csv", "ods"], 20),
    ("bureau", &["xlsx", "xls", "csv"], 22),
    ("district", &["xlsx", "xls", "ods"], 22),
    ("town", &["xlsx", "xls", "csv", "ods"], 22),
    ("dept", &["xlsx", "xls", "csv"], 25),
    ("ticks", &["xlsx", "xls", "csv"], 24),
];

#[test]
fn every_planted_defect_at_its_cell_and_no_error_on_a_clean_row() {
    for (name, exts, items) in OFFICES {
        for ext in exts {
            let planted = planted(name, ext);
            assert!(planted.as_array().unwrap().len() >= 6, "{name}: {planted}");
            let path = fixture(&format!("{name}.{ext}"));
            check(&path, &planted);
            let doc = lint(&path, &[]);
            assert_eq!(doc["summary"]["items"], items, "{name}.{ext}");
        }
    }
}

/// The spellings these offices use are columns the loader knows: no F001 for 事项性质, 权限划分,
/// 申报条件, 要件, and none for an empty separator column under a 说明 merged across the table.
#[test]
fn office_spellings_are_known_columns() {
    for (name, ext) in [("hall", "xlsx"), ("hall", "ods"), ("bureau", "csv")] {
        let doc = lint(&fixture(&format!("{name}.{ext}")), &[]);
        let unknown: Vec<String> = of(&doc, "F001")
            .iter()
            .map(|d| d["message"].as_str().unwrap().to_string())
            .collect();
        for h in ["事项性质", "权限划分", "申报条件", "要件", "列R"] {
            assert!(
                !unknown.iter().any(|m| m.contains(&format!("“{h}”"))),
                "{name}.{ext}: {unknown:#?}"
            );
        }
        // What the office adds and no field holds is said once per column.
        if name == "hall" {
            assert!(unknown.iter().any(|m| m.contains("是否进驻大厅")), "{unknown:#?}");
            assert_eq!(unknown.len(), 3, "{unknown:#?}");
        }
    }
}

/// Messages name the sheet's own header, as the clerk reads it: without the line break it was
/// wrapped with (到现场⏎原因), and 权限划分 rather than the dictionary's 事项层级.
#[test]
fn messages_quote_the_header_as_seen() {
    let doc = lint(&fixture("bureau.xlsx"), &[]);
    let v002 = of(&doc, "V002");
    assert!(!v002.is_empty());
    for d in &v002 {
        let m = d["message"].as_str().unwrap();
        assert!(m.contains("到现场原因") && !m.contains('\n'), "{m}");
    }
    let doc = lint(&fixture("hall.xlsx"), &[]);
    let w007 = of(&doc, "W007");
    assert!(!w007.is_empty());
    assert!(
        w007.iter()
            .all(|d| d["message"].as_str().unwrap().starts_with("权限划分“")),
        "{w007:#?}"
    );
}

/// Values as these offices write them: 不见面 is no visit (before: F021 and the value dropped);
/// a penalty named after its statute (对依法应当…的处罚) is no news headline (W015).
#[test]
fn values_as_written() {
    let doc = lint(&fixture("district.xlsx"), &[]);
    assert!(of(&doc, "F021").is_empty(), "{:#?}", of(&doc, "F021"));
    for name in ["ticks.xlsx", "town.csv"] {
        let doc = lint(&fixture(name), &[]);
        assert!(of(&doc, "W015").is_empty(), "{name}: {:#?}", of(&doc, "W015"));
    }
}

/// Entries marked ●, ·, - or A./B. lose their marks; a material `申请书（原件1份）。` its full stop,
/// so its form and copies are read.
#[test]
fn entry_marks_are_not_part_of_names() {
    let dir = tempfile::tempdir().unwrap();
    for (name, ext) in [("bureau", "csv"), ("district", "xlsx")] {
        let yaml = converted(
            &fixture(&format!("{name}.{ext}")),
            &dir.path().join(format!("{name}.yaml")),
        );
        for line in yaml.lines() {
            let t = line.trim_start().trim_start_matches("- ");
            if let Some(v) = t.strip_prefix("name: ") {
                let v = v.trim_matches(['"', '\'']);
                assert!(
                    !v.starts_with(['●', '·', '-', '—']) && !v.starts_with("A.") && !v.ends_with('。'),
                    "{name}: {line}"
                );
            }
        }
    }
}
