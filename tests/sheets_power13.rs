//! Power lists of probe round 13 (issue 21), drawn by a randomized generator
//! (tests/fixtures/power13/make.py: every seed another office's 权力清单, 权责清单 or 责任清单 —
//! header spellings, column order, 主项编码/子项编码, ticked levels, type headings or a sheet per
//! type, 子项 numbering, merged or blank-repeated 主项, titles and footers), saved as xlsx, xls and
//! GBK CSV. The committed seeds each showed a reading the sweep found wrong; the tests below
//! give each fix its own small sheet:
//! - spellings offices use: 主项代码/子项代码, 子项事项名称, 责任事项内容, 权力分类/职权种类,
//!   层级划分, 职权事项名称, 权力代码 (before: unknown columns, the 子项 rows named by nothing, T001);
//! - K010 on a list coding each 子项 row (`XK-0757-01` beside `XK-0210`), on a workbook of a sheet
//!   per type (before: each sheet too small a list), and on digits codes whose 子项 add digits
//!   (`00537001` among `00921`; before: no length agreed, or the 子项 codes reported);
//! - K012 on a list of a few 子项 (before: at least 8 needed);
//! - a 主项 row over its 子项 rows that type its code again (before: an item of its own, X004);
//! - a 子项 typed twice under a 主项 written once above (before: the second row read as a line
//!   continuing the first, the duplicate unseen, D003 on the merged departments);
//! - a blank 行使层级 on one 子项 under a 主项 row whose other 子项 write theirs (before: filled
//!   from the 主项 row, T002 unseen).

use serde_json::Value;

mod sheets_common;
use sheets_common::{cell, check, gbk_csv, lint, of, seed_files, workbook};

fn fixtures() -> Vec<(std::path::PathBuf, Value)> {
    seed_files("power13")
}

#[test]
fn every_planted_defect_at_its_cell_and_no_error_or_warning_on_a_clean_row() {
    let files = fixtures();
    assert!(files.len() >= 24, "{}", files.len());
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
        let warned: Vec<&Value> = doc["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["severity"] == "warning")
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

/// The findings of `rule` as (sheet, cell).
fn at(doc: &Value, rule: &str) -> Vec<(String, String)> {
    of(doc, rule)
        .iter()
        .map(|d| {
            (
                d["location"]["sheet"].as_str().unwrap_or("").to_string(),
                d["location"]["cell"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

const DEPT: &str = "某县市场监督管理局";

/// Rows of a power list: 序号 | 权力编码 | 权力事项名称 | 子项名称 | 权力类型 | 行使层级 | 实施主体 |
/// 设定依据, one per (code, 主项, 子项), the 主项 written on every row.
fn power_rows(items: &[(&str, &str, &str, &str)]) -> Vec<Vec<String>> {
    let mut rows = vec![
        [
            "序号",
            "权力编码",
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
    for (k, (code, main, sub, typ)) in items.iter().enumerate() {
        rows.push(
            [
                &(k + 1).to_string(),
                *code,
                *main,
                *sub,
                *typ,
                "县级",
                DEPT,
                "《中华人民共和国食品安全法》第三十五条",
            ]
            .map(String::from)
            .to_vec(),
        );
    }
    rows
}

fn refs(rows: &[Vec<String>]) -> Vec<Vec<&str>> {
    rows.iter().map(|r| r.iter().map(String::as_str).collect()).collect()
}

fn slices<'a>(rows: &'a [Vec<&'a str>]) -> Vec<&'a [&'a str]> {
    rows.iter().map(Vec::as_slice).collect()
}

/// A list coding each 子项 row (`XK-0757-01`, the 主项 without a code of its own) is one scheme
/// with the 主项 codes beside it: a code missing its separator is K010; the 子项 codes are not.
#[test]
fn a_code_out_of_scheme_among_sub_item_codes() {
    let mains = [
        "XK-0210", "XK-0185", "CF-0088", "CF-0345", "JC-0567", "QR-0266", "JF-0873",
    ];
    let mut items: Vec<(String, String, String)> = mains
        .iter()
        .enumerate()
        .map(|(k, c)| (c.to_string(), format!("主项{k}"), "无".to_string()))
        .collect();
    for (main, subs) in [("XK-0757", 3), ("CF-0209", 2), ("JC-0809", 2)] {
        for j in 1..=subs {
            items.push((format!("{main}-0{j}"), format!("主项{main}"), format!("子项{main}-{j}")));
        }
    }
    items.push(("QZ0155".into(), "扣留违法车辆".into(), "无".into()));
    let typed: Vec<(&str, &str, &str, &str)> = items
        .iter()
        .map(|(c, m, s)| (c.as_str(), m.as_str(), s.as_str(), "行政许可"))
        .collect();
    let rows = power_rows(&typed);
    let dir = tempfile::tempdir().unwrap();
    let last = format!("B{}", rows.len());
    let r = refs(&rows);
    let table = slices(&r);
    for path in [
        workbook(dir.path(), "list.xlsx", &[("权力清单", &table)]),
        gbk_csv(dir.path(), "list.csv", &table),
    ] {
        let doc = lint(&path, &[]);
        let found = at(&doc, "K010");
        assert_eq!(found.len(), 1, "{}: {found:?}", path.display());
        assert_eq!(found[0].1, last, "{}", path.display());
    }
}

/// A workbook of a sheet per type is one office's list: a code out of its scheme on a sheet of
/// two items is K010, judged against the codes of every sheet.
#[test]
fn a_sheet_per_type_is_one_list_for_its_codes() {
    let header: &[&str] = &["序号", "权力编码", "权力事项名称", "行使层级", "设定依据"];
    let basis = "《中华人民共和国食品安全法》第三十五条";
    let sheet = |codes: &[&str], first: usize| -> Vec<Vec<String>> {
        let mut rows = vec![
            vec![format!("{DEPT}权力清单")],
            header.iter().map(|h| h.to_string()).collect(),
        ];
        for (k, c) in codes.iter().enumerate() {
            rows.push(vec![
                (k + 1).to_string(),
                c.to_string(),
                format!("事项{}", first + k),
                "县级".into(),
                basis.into(),
            ]);
        }
        rows
    };
    let a = sheet(
        &[
            "330700-许可-0744",
            "330700-许可-0022",
            "330700-许可-0924",
            "330700-许可-0101",
        ],
        0,
    );
    let b = sheet(
        &[
            "330700-处罚-0951",
            "330700-处罚-0274",
            "330700-处罚-0120",
            "330700-处罚-0757",
        ],
        10,
    );
    let c = sheet(&["330700-检查-0926", "33070-检查-0927"], 20);
    let (a, b, c) = (refs(&a), refs(&b), refs(&c));
    let (sa, sb, sc) = (slices(&a), slices(&b), slices(&c));
    let dir = tempfile::tempdir().unwrap();
    let path = workbook(
        dir.path(),
        "types.xlsx",
        &[("行政许可", &sa), ("行政处罚", &sb), ("行政检查", &sc)],
    );
    let doc = lint(&path, &[]);
    assert_eq!(
        at(&doc, "K010"),
        vec![("行政检查".to_string(), "B4".to_string())],
        "{:#?}",
        of(&doc, "K010")
    );
}

/// Digits codes: 5-digit 主项 codes, 8-digit 子项 codes under them (some 主项 without a code of
/// their own), one 主项 code of 6 digits. The 6-digit one is K010; no 子项 code is.
#[test]
fn digits_codes_with_sub_item_codes_added() {
    let mut items: Vec<(String, String, String)> =
        ["00756", "00549", "00138", "00932", "00241", "00808", "00405", "00921"]
            .iter()
            .enumerate()
            .map(|(k, c)| (c.to_string(), format!("主项{k}"), "无".to_string()))
            .collect();
    for main in ["00537", "00891"] {
        for j in 1..=2 {
            items.push((format!("{main}00{j}"), format!("主项{main}"), format!("子项{main}{j}")));
        }
    }
    items.push(("002980".into(), "主项末".into(), "无".into()));
    let typed: Vec<(&str, &str, &str, &str)> = items
        .iter()
        .map(|(c, m, s)| (c.as_str(), m.as_str(), s.as_str(), "行政处罚"))
        .collect();
    let rows = power_rows(&typed);
    let r = refs(&rows);
    let dir = tempfile::tempdir().unwrap();
    let path = gbk_csv(dir.path(), "digits.csv", &slices(&r));
    let doc = lint(&path, &[]);
    let found: Vec<String> = at(&doc, "K010").into_iter().map(|(_, c)| c).collect();
    assert_eq!(found, vec![format!("B{}", rows.len())], "{:#?}", of(&doc, "K010"));
}

/// 主项编码 | 子项编码 over a few 子项 (five, four under their 主项): the one that is not is K012.
#[test]
fn a_sub_item_code_outside_its_main_in_a_short_list() {
    let rows: Vec<Vec<&str>> = vec![
        vec![
            "序号",
            "主项代码",
            "子项代码",
            "主项名称",
            "子项事项名称",
            "职权种类",
            "层级划分",
            "实施单位",
            "法律法规依据",
        ],
        vec![
            "1",
            "XK-0694",
            "XK-0694-01",
            "公共场所卫生许可",
            "新办",
            "行政许可",
            "县级",
            DEPT,
            "《公共场所卫生管理条例》第八条",
        ],
        vec![
            "",
            "",
            "XK-0948-02",
            "",
            "延续",
            "行政许可",
            "县级",
            DEPT,
            "《公共场所卫生管理条例》第八条",
        ],
        vec![
            "2",
            "CF-0807",
            "CF-0807-01",
            "对违反传染病防治管理规定行为的处罚",
            "对未报告疫情的处罚",
            "行政处罚",
            "县级",
            DEPT,
            "《中华人民共和国传染病防治法》第六十九条",
        ],
        vec![
            "",
            "",
            "CF-0807-02",
            "",
            "对未消毒的处罚",
            "行政处罚",
            "县级",
            DEPT,
            "《中华人民共和国传染病防治法》第六十九条",
        ],
        vec![
            "3",
            "QR-0221",
            "QR-0221-01",
            "医师执业注册",
            "首次",
            "行政确认",
            "县级",
            DEPT,
            "《中华人民共和国医师法》第十三条",
        ],
    ];
    let r: Vec<&[&str]> = rows.iter().map(Vec::as_slice).collect();
    let dir = tempfile::tempdir().unwrap();
    for path in [
        workbook(dir.path(), "k012.xlsx", &[("Sheet1", &r)]),
        gbk_csv(dir.path(), "k012.csv", &r),
    ] {
        let doc = lint(&path, &[]);
        assert!(of(&doc, "F001").is_empty(), "{:#?}", of(&doc, "F001"));
        assert!(of(&doc, "T001").is_empty(), "{:#?}", of(&doc, "T001"));
        let found: Vec<String> = at(&doc, "K012").into_iter().map(|(_, c)| c).collect();
        assert_eq!(
            found,
            vec!["C3".to_string()],
            "{}: {:#?}",
            path.display(),
            of(&doc, "K012")
        );
    }
}

/// A 主项 on a row of its own (no 子项) above 子项 rows typing its name and code again, or its
/// code with a part added: a heading, not an item (no X004 against its 子项); its code is their
/// 主项编码. A 子项 typed twice under a 主项 written once above (its cells blank below) is X005 on
/// the second; one 子项's blank 行使层级 where its sibling writes its own is T002.
#[test]
fn main_rows_over_sub_items_typed_as_offices_type_them() {
    let basis = "《中华人民共和国环境影响评价法》第二十二条";
    let rows: Vec<Vec<&str>> = vec![
        vec![
            "序号",
            "权力事项名称",
            "职权代码",
            "子项名称",
            "行使层级",
            "实施部门",
            "设定依据",
            "权力分类",
            "责任事项内容",
        ],
        vec![
            "1",
            "建设项目环境影响评价文件审批",
            "330800-许可-0832",
            "",
            "县级",
            DEPT,
            basis,
            "行政许可",
            "1.受理责任",
        ],
        vec![
            "（1）",
            "建设项目环境影响评价文件审批",
            "330800-许可-0832",
            "报告书审批",
            "县级",
            DEPT,
            basis,
            "行政许可",
            "1.受理责任",
        ],
        vec![
            "（2）",
            "建设项目环境影响评价文件审批",
            "330800-许可-0832",
            "报告表审批",
            "县级",
            DEPT,
            basis,
            "行政许可",
            "1.受理责任",
        ],
        vec![
            "2",
            "排污许可",
            "330800-许可-0764",
            "",
            "县级",
            DEPT,
            basis,
            "行政许可",
            "1.受理责任",
        ],
        vec![
            "（1）",
            "排污许可",
            "330800-许可-0764-01",
            "排污许可证核发",
            "县级",
            DEPT,
            basis,
            "行政许可",
            "1.受理责任",
        ],
        vec![
            "（2）",
            "排污许可",
            "330800-许可-0764-02",
            "排污许可证变更",
            "",
            DEPT,
            basis,
            "行政许可",
            "1.受理责任",
        ],
        vec![
            "3",
            "道路旅客运输经营许可",
            "330800-许可-0795",
            "客运经营许可（新办）",
            "县级",
            DEPT,
            basis,
            "行政许可",
            "1.受理责任",
        ],
        vec![
            "",
            "",
            "",
            "客运经营许可（新办）",
            "县级",
            "",
            basis,
            "行政许可",
            "1.受理责任",
        ],
    ];
    let r: Vec<&[&str]> = rows.iter().map(Vec::as_slice).collect();
    let dir = tempfile::tempdir().unwrap();
    for path in [
        workbook(dir.path(), "heads.xlsx", &[("Sheet1", &r)]),
        gbk_csv(dir.path(), "heads.csv", &r),
    ] {
        let file = path.display();
        let doc = lint(&path, &[]);
        assert_eq!(doc["summary"]["items"], 6, "{file}");
        assert!(of(&doc, "F001").is_empty(), "{file}: {:#?}", of(&doc, "F001"));
        assert!(of(&doc, "X004").is_empty(), "{file}: {:#?}", of(&doc, "X004"));
        assert!(of(&doc, "D003").is_empty(), "{file}: {:#?}", of(&doc, "D003"));
        let cells = |rule: &str| -> Vec<String> { at(&doc, rule).into_iter().map(|(_, c)| c).collect() };
        assert_eq!(cells("T002"), vec!["E7".to_string()], "{file}");
        assert_eq!(cells("X005"), vec!["D9".to_string()], "{file}");
    }
}
