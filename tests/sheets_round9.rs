//! Office workbooks of probe round 9 (issue 21), written by a generator that knows nothing of the
//! loader (tests/fixtures/round9/make.py), as Excel keeps them:
//! - `typed`: a county guide whose header is row 7 under a 填报说明 block; 序号 a formula with its
//!   cached value, 基本编码, time limits and visits as numbers under headers carrying the unit
//!   (法定时限（工作日）, 承诺时限(天), 到现场次数（次）), 是否收费 a boolean, 更新时间 a date, 受理条件 as
//!   rich text, a hyperlink, no-break and ideographic spaces, full-width digits (before: ２０个工作日
//!   was L003), line breaks as _x000D_, shared strings; also a UTF-8 CSV with a BOM and a GBK CSV;
//! - `bytype`: 填报说明 first, one sheet per 事项类型 (no type column; the title 贵阳市某区行政许可事项目录
//!   names it), a hidden sheet of drop-down values and a 汇总 sheet of counts (before: both read as
//!   items, T001/X006/T003 on every row), an empty sheet, frozen panes and an autofilter; the
//!   行政许可 sheet also as a GB18030 tab-separated .txt whose title line has no tab (before: no
//!   header found, exit 2); 文化广电旅游局 (before: W008 as a stale 旅游局);
//! - `hubei`: a 权力清单 with Hubei codes, 主项 merged over 子项 rows, 实施主体 merged over the sheet;
//! - `duty`: a county 责任清单 (主要职责 | 职责细化 | 责任边界 | 监管方式 | 问责情形 | 问责依据, or on even
//!   seeds 部门职责 | 工作事项 | …; before: T001 on every row);
//! - `service`: a township's 公共服务事项清单 (服务编码 | 服务事项 | 设立依据 | 服务层级 | 承办单位, or on
//!   even seeds 事项编码 | 服务事项名称 | …; before: T001 on every row, a bad level and codes unseen);
//! - `nested`: a 权力清单 whose 子项 are numbered inside the one name column (`1.` `（1）` `1、`),
//!   序号 on the 主项 rows only;
//! - `depts`: a sheet per department, each with its own columns and column order, a title block
//!   of four rows, a hidden clean row, a code repeated across sheets (X004).
//!
//! Every planted defect (`NAME.planted.json`) is found at its sheet, cell and entry; no clean row
//! gets an error.

use serde_json::Value;
use std::path::{Path, PathBuf};

mod sheets_common;
use sheets_common::{cell, check, lint, of};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/round9")
        .join(name)
}

/// The files of an office and its planted defects, placed as each file keeps them: a text file
/// holds one sheet (`csv_sheet`), named after the file, and a cell merged over a 主项's rows holds
/// its text in the first row only.
fn office(name: &str) -> (Vec<String>, Value, String) {
    let text = std::fs::read_to_string(fixture(&format!("{name}.planted.json"))).unwrap();
    let doc: Value = serde_json::from_str(&text).unwrap();
    let files = doc["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap().to_string())
        .collect();
    (
        files,
        doc["planted"].clone(),
        doc["csv_sheet"].as_str().unwrap().to_string(),
    )
}

fn planted_in(file: &str, planted: &Value, csv_sheet: &str) -> Value {
    let text = [".csv", ".txt"].iter().any(|e| file.ends_with(e));
    if !text {
        return planted.clone();
    }
    let mut out = Vec::new();
    for p in planted.as_array().unwrap() {
        if p["sheet"] != csv_sheet {
            continue;
        }
        let mut p = p.clone();
        p.as_object_mut().unwrap().remove("sheet");
        if let Some(at) = p["csv_cell"].as_str() {
            let (row, col) = cell(at);
            p["row"] = Value::from(row);
            p["column"] = Value::from(col);
        }
        out.push(p);
    }
    Value::from(out)
}

const OFFICES: [(&str, u64); 7] = [
    ("typed", 16),
    ("bytype", 20),
    ("hubei", 20),
    ("duty", 13),
    ("service", 12),
    ("nested", 20),
    ("depts", 18),
];

#[test]
fn every_planted_defect_at_its_cell_and_no_error_on_a_clean_row() {
    for (name, items) in OFFICES {
        let (files, planted, csv_sheet) = office(name);
        assert!(!planted.as_array().unwrap().is_empty(), "{name}");
        for file in &files {
            let path = fixture(file);
            let planted = planted_in(file, &planted, &csv_sheet);
            check(&path, &planted);
            if !file.ends_with(".txt") {
                let doc = lint(&path, &[]);
                assert_eq!(doc["summary"]["items"], items, "{file}");
            }
        }
    }
}

/// A 汇总 sheet of counts and a hidden sheet of drop-down values name no column an item is known
/// by: neither is read as items, each is said once (F020) as not read; the hidden one is not also
/// said to have been read.
#[test]
fn summary_and_drop_down_sheets_are_not_items() {
    for ext in ["xlsx", "xls", "ods"] {
        let doc = lint(&fixture(&format!("bytype.{ext}")), &[]);
        let f020 = of(&doc, "F020");
        for sheet in ["汇总", "下拉选项"] {
            let said: Vec<&Value> = f020.iter().filter(|d| d["location"]["sheet"] == sheet).collect();
            assert_eq!(said.len(), 1, "{ext} {sheet}: {f020:#?}");
            assert!(said[0]["message"].as_str().unwrap().contains("没有读入"), "{said:#?}");
            assert!(!said[0]["message"].as_str().unwrap().contains("已读入"), "{said:#?}");
        }
        let on = |s: &str| {
            doc["diagnostics"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|d| d["location"]["sheet"] == s && d["code"] != "F020")
                .count()
        };
        assert_eq!(on("汇总") + on("下拉选项"), 0, "{ext}");
    }
}

/// The tab-separated .txt (GB18030, its title line without a tab, a trailing empty column) is
/// read as the workbook's 行政许可 sheet, typed by its title.
#[test]
fn a_tab_separated_text_file_under_a_title_line() {
    let doc = lint(&fixture("bytype.txt"), &[]);
    assert_eq!(doc["summary"]["items"], 13);
    assert!(of(&doc, "X006").is_empty(), "{:#?}", of(&doc, "X006"));
    assert!(of(&doc, "F001").is_empty(), "{:#?}", of(&doc, "F001"));
}

/// Values as Excel keeps them: full-width digits and ideographic spaces in a time limit are read
/// (no L003 but the planted one), numbers under a header carrying the unit are working days,
/// 文化广电旅游局 is a current name.
#[test]
fn typed_values_are_read() {
    for file in ["typed.xlsx", "typed.xls", "typed.ods", "typed.csv", "typed.utf8.csv"] {
        let doc = lint(&fixture(file), &[]);
        let l003 = of(&doc, "L003");
        assert_eq!(l003.len(), 1, "{file}: {l003:#?}");
        assert!(of(&doc, "F021").is_empty(), "{file}: {:#?}", of(&doc, "F021"));
    }
    for file in ["bytype.xlsx", "typed.xlsx"] {
        let doc = lint(&fixture(file), &[]);
        let w008: Vec<Value> = of(&doc, "W008")
            .into_iter()
            .filter(|d| d["message"].as_str().unwrap().contains("旅游局"))
            .collect();
        assert!(w008.is_empty(), "{file}: {w008:#?}");
    }
}

/// A 责任清单's and a service list's own spellings are known columns: 主要职责 | 职责细化 | 责任边界 |
/// 监管方式 | 问责情形 | 问责依据 (the county of this fixture; another writes 部门职责 | 工作事项 | …)
/// and 服务编码 | 服务事项 | 设立依据 | 服务层级 | 承办单位 (before: F001 on each, T001 on every row).
#[test]
fn duty_and_service_spellings_are_known_columns() {
    for file in ["duty.xlsx", "duty.csv", "service.xlsx", "service.csv"] {
        let doc = lint(&fixture(file), &[]);
        let f001: Vec<Value> = of(&doc, "F001")
            .into_iter()
            .filter(|d| !d["message"].as_str().unwrap().contains("服务内容"))
            .collect();
        assert!(f001.is_empty(), "{file}: {f001:#?}");
        assert!(of(&doc, "T001").is_empty(), "{file}: {:#?}", of(&doc, "T001"));
    }
}
