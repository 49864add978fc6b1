//! Power lists of probe round 14 (issue 21): round 13's randomized generator with axes it did not
//! draw (tests/fixtures/power14/make.py) — .ods besides xlsx, xls and GBK CSV; a 主项's 行使层级 or
//! 设定依据 typed on its first 子项 row and merged over the later ones; 实施编码 lists with one
//! 主项's code copied onto another; 序号 stored as 1.0, digit codes stored as numbers, 子项 numbered
//! （一）, ticks under 省级 | 市级 | 县级, a 备注 of 已取消 / 下放, blank rows between 主项; a
//! government's list under 部门 heading rows or a sheet per 部门; 责任清单 with 协同部门 and
//! numbered 追责情形. The committed seeds each showed a reading the sweep found wrong; the tests
//! below give each fix its own small sheet:
//! - a CSV's `A | B | 空` under one 主项 (B merged over two rows in the workbook, or a row that left
//!   its value out: the CSV cannot tell) is T002 / B001 as a warning that says so (before: an
//!   error on a clean row); `A | A | 空` stays an error;
//! - K010 on a 主项编码 (主项代码 | 子项代码 columns, a 主项 not split: before, only the 子项编码
//!   column was read), on a list whose 主项 codes are fewer than its 子项 codes, on a sheet per 部门
//!   too short for a scheme of its own, and on a zero-padded code among codes stored as numbers
//!   (`0308` among `10579`);
//! - a title `…行政许可事项清单（2026年调整）` types a CSV's items (before: no type, B001 unseen).

use serde_json::Value;

mod sheets_common;
use sheets_common::{cell, check, gbk_csv, lint, of, seed_files, workbook};

fn fixtures() -> Vec<(std::path::PathBuf, Value)> {
    seed_files("power14")
}

/// The warning a CSV's blank gets where it may have been merged with the value above.
fn merge_lost(d: &Value) -> bool {
    d["message"]
        .as_str()
        .is_some_and(|m| m.contains("CSV 不保留合并单元格"))
}

#[test]
fn every_planted_defect_at_its_cell_and_no_error_on_a_clean_row() {
    let files = fixtures();
    assert!(files.len() >= 24, "{}", files.len());
    assert!(files.iter().any(|(p, _)| p.extension().is_some_and(|e| e == "ods")));
    for (path, planted) in files {
        let file = path.display();
        check(&path, &planted);
        let doc = lint(&path, &[]);
        assert!(of(&doc, "F001").is_empty(), "{file}: {:#?}", of(&doc, "F001"));
        let rows: Vec<(String, u64)> = planted
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                (
                    p["sheet"].as_str().unwrap_or("").to_string(),
                    p["row"].as_u64().unwrap(),
                )
            })
            .collect();
        let csv = path.extension().is_some_and(|e| e == "csv");
        // On a clean row, a warning only where a CSV cannot tell a merged cell from a blank one.
        let warned: Vec<&Value> = doc["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["severity"] == "warning" && !(csv && merge_lost(d)))
            .filter(|d| {
                let sheet = d["location"]["sheet"].as_str().unwrap_or("");
                d["location"]["cell"].as_str().is_some_and(|c| {
                    !rows
                        .iter()
                        .any(|(s, r)| *r == cell(c).0 && (s.is_empty() || s == sheet))
                })
            })
            .collect();
        assert!(warned.is_empty(), "{file}: {warned:#?}");
    }
}

/// The findings of `rule` as (sheet, cell, severity).
fn at(doc: &Value, rule: &str) -> Vec<(String, String, String)> {
    of(doc, rule)
        .iter()
        .map(|d| {
            (
                d["location"]["sheet"].as_str().unwrap_or("").to_string(),
                d["location"]["cell"].as_str().unwrap_or("").to_string(),
                d["severity"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

const LAW: &str = "《中华人民共和国环境保护法》第四十五条";

/// 主项 | 子项 | 行使层级 | 设定依据 rows of one 主项 of four 子项 (the 主项 written on the first),
/// then a single, under a 权力类型 column: the levels given.
fn levels_under_main(levels: [&str; 4]) -> Vec<Vec<String>> {
    let mut rows = vec![
        [
            "序号",
            "权力事项名称",
            "子项名称",
            "权力类型",
            "行使层级",
            "实施主体",
            "设定依据",
        ]
        .map(String::from)
        .to_vec(),
    ];
    for (k, (sub, level)) in ["排污许可证核发", "排污许可证变更", "排污许可证延续", "排污许可证注销"]
        .iter()
        .zip(levels)
        .enumerate()
    {
        let main = if k == 0 { "排污许可" } else { "" };
        rows.push(
            [
                &format!("1.{}", k + 1),
                main,
                sub,
                "行政许可",
                level,
                "某县生态环境局",
                LAW,
            ]
            .map(String::from)
            .to_vec(),
        );
    }
    rows.push(
        [
            "2",
            "突发环境事件应急预案备案",
            "无",
            "其他行政权力",
            "县级",
            "某县生态环境局",
            LAW,
        ]
        .map(String::from)
        .to_vec(),
    );
    rows
}

fn refs(rows: &[Vec<String>]) -> Vec<Vec<&str>> {
    rows.iter().map(|r| r.iter().map(String::as_str).collect()).collect()
}

fn slices<'a>(rows: &'a [Vec<&'a str>]) -> Vec<&'a [&'a str]> {
    rows.iter().map(Vec::as_slice).collect()
}

/// `县级 | 市级、县级 | 空 | 空` in a CSV: 市级、县级 merged over the last three rows, or two rows
/// that left their level out. T002 at each blank, as a warning naming the value above.
#[test]
fn a_csv_blank_after_a_run_of_its_own_is_a_warning() {
    let rows = levels_under_main(["县级", "市级、县级", "", ""]);
    let r = refs(&rows);
    let dir = tempfile::tempdir().unwrap();
    let doc = lint(&gbk_csv(dir.path(), "run.csv", &slices(&r)), &[]);
    let found = at(&doc, "T002");
    let cells: Vec<(&str, &str)> = found.iter().map(|(_, c, s)| (c.as_str(), s.as_str())).collect();
    assert_eq!(
        cells,
        vec![("E4", "warning"), ("E5", "warning")],
        "{:#?}",
        of(&doc, "T002")
    );
    assert!(of(&doc, "T002").iter().all(merge_lost));
    assert!(of(&doc, "T002")[0]["message"].as_str().unwrap().contains("市级、县级"));
    // The same rows in a workbook (no merge there): the blanks are blanks.
    let doc = lint(&workbook(dir.path(), "run.xlsx", &[("权力清单", &slices(&r))]), &[]);
    let found = at(&doc, "T002");
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found.iter().all(|(_, _, s)| s == "error"), "{found:?}");
}

/// `县级 | 县级 | 空`: the office types the shared value again rather than merging it, so the blank
/// is a blank (T002, an error), in a CSV too.
#[test]
fn a_csv_blank_after_a_value_typed_again_stays_an_error() {
    let rows = levels_under_main(["县级", "县级", "", "县级"]);
    let r = refs(&rows);
    let dir = tempfile::tempdir().unwrap();
    let doc = lint(&gbk_csv(dir.path(), "again.csv", &slices(&r)), &[]);
    let found = at(&doc, "T002");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!((found[0].1.as_str(), found[0].2.as_str()), ("E4", "error"));
}

/// 序号 | 权力事项名称 | 主项代码 | 子项代码 | 子项名称 | 行使层级 | 设定依据: four 主项 split into 子项
/// (their codes `…-0469-01`), seven not split (coded in 主项代码 alone), one of them `331100-奖励-781`.
/// K010 at its 主项代码 cell, once.
#[test]
fn a_code_out_of_scheme_in_the_main_code_column() {
    let mut rows: Vec<Vec<String>> = vec![
        [
            "序号",
            "权力事项名称",
            "主项代码",
            "子项代码",
            "子项名称",
            "行使层级",
            "设定依据",
        ]
        .map(String::from)
        .to_vec(),
    ];
    let mut k = 0;
    let mut push = |rows: &mut Vec<Vec<String>>, cells: [&str; 4]| {
        k += 1;
        rows.push(vec![
            k.to_string(),
            cells[0].into(),
            cells[1].into(),
            cells[2].into(),
            cells[3].into(),
            "县级".into(),
            LAW.into(),
        ]);
    };
    for (main, code) in [
        ("主项甲", "331100-许可-0469"),
        ("主项乙", "331100-许可-0256"),
        ("主项丙", "331100-检查-0776"),
    ] {
        for j in 1..=3 {
            let first = j == 1;
            push(
                &mut rows,
                [
                    if first { main } else { "" },
                    if first { code } else { "" },
                    &format!("{code}-0{j}"),
                    &format!("{main}子项{j}"),
                ],
            );
        }
    }
    for (n, code) in [
        "331100-处罚-0544",
        "331100-处罚-0383",
        "331100-处罚-0493",
        "331100-强制-0092",
        "331100-确认-0332",
        "331100-奖励-781",
    ]
    .iter()
    .enumerate()
    {
        push(&mut rows, [&format!("单项{n}"), code, "", ""]);
    }
    let r = refs(&rows);
    let dir = tempfile::tempdir().unwrap();
    for path in [
        workbook(dir.path(), "main.xlsx", &[("权力清单", &slices(&r))]),
        gbk_csv(dir.path(), "main.csv", &slices(&r)),
    ] {
        let doc = lint(&path, &[]);
        let found: Vec<String> = at(&doc, "K010").into_iter().map(|(_, c, _)| c).collect();
        assert_eq!(
            found,
            vec![format!("C{}", rows.len())],
            "{}: {:#?}",
            path.display(),
            of(&doc, "K010")
        );
    }
}

/// A government's workbook, a sheet per 部门 of a few items each, all coded `330825-许可-0528`: a
/// code out of that scheme on a sheet of four is K010, judged against the workbook's codes.
#[test]
fn a_sheet_per_department_is_judged_against_its_workbook() {
    let sheet = |dept: &str, codes: &[&str]| -> Vec<Vec<String>> {
        let mut rows = vec![
            vec![format!("龙游县{dept}权力清单")],
            ["序号", "编码", "权力事项", "行使层级", "设定依据"]
                .map(String::from)
                .to_vec(),
        ];
        for (k, c) in codes.iter().enumerate() {
            rows.push(vec![
                (k + 1).to_string(),
                c.to_string(),
                format!("{dept}事项{k}"),
                "县级".into(),
                LAW.into(),
            ]);
        }
        rows
    };
    let a = sheet(
        "卫生健康局",
        &[
            "330825-许可-0468",
            "330825-许可-0807",
            "330825-处罚-0413",
            "330825-强制-0644",
        ],
    );
    let b = sheet(
        "市场监督管理局",
        &[
            "330825-许可-0528",
            "33082-强制-0831",
            "330825-强制-0281",
            "330825-检查-0501",
        ],
    );
    let c = sheet(
        "交通运输局",
        &["330825-许可-0915", "330825-处罚-0168", "330825-检查-0602"],
    );
    let (a, b, c) = (refs(&a), refs(&b), refs(&c));
    let dir = tempfile::tempdir().unwrap();
    let path = workbook(
        dir.path(),
        "depts.xlsx",
        &[
            ("卫生健康局", &slices(&a)),
            ("市场监督管理局", &slices(&b)),
            ("交通运输局", &slices(&c)),
        ],
    );
    let doc = lint(&path, &[]);
    let found: Vec<(String, String)> = at(&doc, "K010").into_iter().map(|(s, c, _)| (s, c)).collect();
    assert_eq!(
        found,
        vec![("市场监督管理局".to_string(), "B4".to_string())],
        "{:#?}",
        of(&doc, "K010")
    );
}

/// Digit codes stored as numbers keep no zero ahead (`10579`); a code `0308` among them is a
/// code of another length (K010), though the list pads none of its own.
#[test]
fn a_zero_padded_code_among_codes_stored_as_numbers() {
    let codes = [
        "10579", "10780", "10345", "10200", "10911", "10462", "10127", "10655", "10803", "0308",
    ];
    let mut rows = vec![
        ["序号", "权力编码", "权力事项名称", "行使层级", "设定依据"]
            .map(String::from)
            .to_vec(),
    ];
    for (k, c) in codes.iter().enumerate() {
        rows.push(vec![
            (k + 1).to_string(),
            c.to_string(),
            format!("事项{k}"),
            "县级".into(),
            LAW.into(),
        ]);
    }
    let r = refs(&rows);
    let dir = tempfile::tempdir().unwrap();
    let doc = lint(&gbk_csv(dir.path(), "numbers.csv", &slices(&r)), &[]);
    let found: Vec<String> = at(&doc, "K010").into_iter().map(|(_, c, _)| c).collect();
    assert_eq!(found, vec![format!("B{}", rows.len())], "{:#?}", of(&doc, "K010"));
}

/// A CSV of a sheet per type keeps its title `江山市交通运输局行政许可事项清单（2026年调整）`: its
/// items are 行政许可, and one without a 设定依据 is B001.
#[test]
fn a_title_dated_by_its_adjustment_types_the_items() {
    let rows: Vec<Vec<&str>> = vec![
        vec!["江山市交通运输局行政许可事项清单（2026年调整）"],
        vec!["序号", "职权代码", "权力事项", "行使部门", "法律依据", "层级"],
        vec![
            "1",
            "10345",
            "超限运输车辆行驶公路许可",
            "江山市交通运输局",
            "《中华人民共和国公路法》第五十条",
            "县级",
        ],
        vec!["2", "10200", "道路旅客运输经营许可", "江山市交通运输局", "", "县级"],
    ];
    let dir = tempfile::tempdir().unwrap();
    let doc = lint(&gbk_csv(dir.path(), "titled.csv", &slices(&rows)), &[]);
    let found: Vec<String> = at(&doc, "B001").into_iter().map(|(_, c, _)| c).collect();
    assert_eq!(found, vec!["E4".to_string()], "{:#?}", doc["diagnostics"]);
}
