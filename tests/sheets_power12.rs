//! Power and responsibility lists of probe round 12 (issue 21), written by a generator that knows
//! nothing of the loader (tests/fixtures/power12/make.py), saved as xlsx, xls, ods and GBK CSV:
//! - `quanze`: a county bureau's 权责清单 (职权编码 | 职权名称 | 子项 | 职权类别 | 实施依据 | 行使层级 |
//!   责任事项 | 追责情形 | 承办机构) under type headings `（一）行政许可（共3项）`, 子项 numbered `1-1`,
//!   `1-2` or `（1）` in the 序号 column, the 主项 and its code merged over them (before: in the
//!   CSV a second 子项 typed like the first was read as the first's row, so the duplicate went
//!   unseen; a 主项 numbered `1` over `（2）` lost its own first 子项), a `单位（盖章）：…` line
//!   above the header (before: the department read with its label);
//! - `zeren`: a department's 责任清单, 主要职责 merged over one row per work item;
//! - `cailiang`: a 行政处罚 list with 裁量 columns, one row per 裁量阶次, 主项 split into 子项 with
//!   codes of their own beside the 职权编码 (before: 子项编码 read as a second 事项编码, so no
//!   K012; a title `…行政处罚事项及裁量基准` named no type, so no B001/B011; `处罚事项` unknown).
//!
//! Every planted defect (`NAME.planted.json`) is found at its sheet, cell and entry; no clean row
//! gets an error.

use serde_json::Value;

mod sheets_common;
use sheets_common::{cell, check, lint, of, planted_in, round_office};

const OFFICES: [(&str, u64); 3] = [("quanze", 18), ("zeren", 16), ("cailiang", 16)];

#[test]
fn every_planted_defect_at_its_cell_and_no_error_on_a_clean_row() {
    for (name, items) in OFFICES {
        let (files, planted) = round_office("power12", name);
        assert!(planted.as_array().unwrap().len() >= 3, "{name}");
        assert_eq!(files.len(), 4, "{name}: {files:?}");
        for path in &files {
            let file = path.display();
            check(path, &planted_in(path, &planted));
            let doc = lint(path, &[]);
            assert_eq!(doc["summary"]["items"], items, "{file}");
            assert!(of(&doc, "F001").is_empty(), "{file}: {:#?}", of(&doc, "F001"));
            // No warning on a clean row either (W007 and the like are info).
            let rows: Vec<u64> = planted_in(path, &planted)
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p["row"].as_u64().unwrap())
                .collect();
            let warned: Vec<&Value> = doc["diagnostics"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|d| d["severity"] == "warning")
                .filter(|d| {
                    d["location"]["cell"]
                        .as_str()
                        .is_some_and(|c| !rows.contains(&cell(c).0))
                })
                .collect();
            assert!(warned.is_empty(), "{file}: {warned:#?}");
        }
    }
}

/// An export of three CSV files in one folder (事项.csv, 申请材料.csv keyed by 事项编码, 受理条件.csv
/// headed `事项编码 | 条件`), in GBK and in UTF-8: `catalog lint DIR/` or the files named on the
/// command line join the related files into the items, as a workbook's related sheets are (before:
/// each material row an item of its own, T001 and X004 per row; 条件 unknown, the file refused).
/// A material row whose key names no item is F024 once, at its cell of its own file.
#[test]
fn an_exports_related_csv_files_join_its_items() {
    for utf8 in [false, true] {
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, rows: &[&[&str]]| {
            let p = sheets_common::gbk_csv(dir.path(), name, rows);
            if utf8 {
                let text: String = rows.iter().map(|r| r.join(",") + "\r\n").collect();
                std::fs::write(&p, text).unwrap();
            }
            p
        };
        let items = write(
            "事项.csv",
            &[
                &[
                    "序号",
                    "事项编码",
                    "事项名称",
                    "事项类型",
                    "行使层级",
                    "实施主体",
                    "设定依据",
                    "法定时限",
                    "承诺时限",
                ],
                &[
                    "1",
                    "许可-00001-001-01",
                    "食品经营许可（新办）",
                    "行政许可",
                    "县级",
                    "某县市场监督管理局",
                    "《中华人民共和国食品安全法》第三十五条",
                    "20个工作日",
                    "5个工作日",
                ],
                &[
                    "2",
                    "许可-00002-001-01",
                    "药品零售许可（新办）",
                    "行政许可",
                    "县级",
                    "某县市场监督管理局",
                    "《中华人民共和国药品管理法》第五十二条",
                    "30个工作日",
                    "10个工作日",
                ],
            ],
        );
        let mats = write(
            "申请材料.csv",
            &[
                &["事项编码", "材料名称", "材料形式", "份数"],
                &["许可-00001-001-01", "申请书", "原件", "1"],
                &["许可-00001-001-01", "营业执照", "复印件", "1"],
                &["许可-00002-001-01", "申请书", "原件", "1"],
                &["许可-00002-001-01", "其他相关材料", "原件", "1"],
                &["许可-00003-001-01", "申请书", "原件", "1"],
            ],
        );
        let conds = write(
            "受理条件.csv",
            &[
                &["事项编码", "条件"],
                &["许可-00001-001-01", "有与经营的食品品种相适应的场所"],
                &["许可-00002-001-01", "有依法经过资格认定的药师"],
            ],
        );
        let by_dir = lint(dir.path(), &[]);
        let out = assert_cmd::Command::cargo_bin("catalog")
            .unwrap()
            .arg("lint")
            .args([&items, &mats, &conds])
            .args(["-f", "json"])
            .output()
            .unwrap();
        let by_files: Value = serde_json::from_slice(&out.stdout).unwrap();
        for doc in [&by_dir, &by_files] {
            assert_eq!(doc["summary"]["items"], 2, "utf8 {utf8}: {doc:#?}");
            for code in ["T001", "X004", "T005", "T006", "F020"] {
                assert!(of(doc, code).is_empty(), "{code}: {:#?}", of(doc, code));
            }
            let unknown = of(doc, "F024");
            assert_eq!(unknown.len(), 1, "{unknown:#?}");
            let l = &unknown[0]["location"];
            assert!(l["file"].as_str().unwrap().ends_with("申请材料.csv"), "{l}");
            assert_eq!(l["cell"], "A6");
            // A vague material is said at its own file's cell, of the item it joined.
            let vague = of(doc, "W002");
            assert_eq!(vague.len(), 1, "{vague:#?}");
            assert!(vague[0]["location"]["file"].as_str().unwrap().ends_with("申请材料.csv"));
            assert_eq!(vague[0]["location"]["cell"], "B5");
            assert_eq!(vague[0]["item"], "许可-00002-001-01");
        }
    }
}

/// A materials file with no items file beside it is read as before (its rows as items), so it
/// does not pass in silence: it is said once that it has no item names and that its items are
/// in another file (not a T001 per item); a folder of lists that are not one export reads each
/// list alone.
#[test]
fn a_lone_materials_file_keeps_its_findings() {
    let dir = tempfile::tempdir().unwrap();
    sheets_common::gbk_csv(
        dir.path(),
        "申请材料.csv",
        &[
            &["事项编码", "材料名称", "材料形式", "份数"],
            &["许可-00001-001-01", "申请书", "原件", "1"],
            &["许可-00001-001-01", "营业执照", "复印件", "1"],
        ],
    );
    let doc = lint(dir.path(), &[]);
    assert!(of(&doc, "T001").is_empty(), "{doc:#?}");
    let said: Vec<Value> = of(&doc, "F023")
        .into_iter()
        .filter(|d| d["message"].as_str().unwrap().contains("事项名称"))
        .collect();
    assert_eq!(said.len(), 1, "{doc:#?}");
}

/// An export with a 情形 file, materials keyed by 事项编码 and 办理情形 (a blank key continuing the
/// row above), in UTF-8 with a BOM: an item no materials row names lacks them at its own row, and
/// the help names the file to fill in.
#[test]
fn an_items_lacking_materials_are_asked_for_in_the_materials_file() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, rows: &[&[&str]]| {
        let text: String = rows.iter().map(|r| r.join(",") + "\r\n").collect();
        std::fs::write(dir.path().join(name), format!("\u{feff}{text}")).unwrap();
    };
    let code = |k: u32| format!("11330000MB00001-许可-00{k}");
    let (c1, c2, c3) = (code(1), code(2), code(3));
    write(
        "items.csv",
        &[
            &[
                "事项编码",
                "事项名称",
                "事项类型",
                "行使层级",
                "实施主体",
                "设定依据",
                "法定办结时限",
                "承诺办结时限",
            ],
            &[
                &c1,
                "食品经营许可",
                "行政许可",
                "县级",
                "某县市场监督管理局",
                "《中华人民共和国食品安全法》第三十五条",
                "20个工作日",
                "5个工作日",
            ],
            &[
                &c2,
                "药品零售许可",
                "行政许可",
                "县级",
                "某县市场监督管理局",
                "《中华人民共和国药品管理法》第五十二条",
                "30个工作日",
                "10个工作日",
            ],
            &[
                &c3,
                "酒类零售许可",
                "行政许可",
                "县级",
                "某县市场监督管理局",
                "《中华人民共和国食品安全法》第三十五条",
                "30个工作日",
                "10个工作日",
            ],
        ],
    );
    write(
        "situations.csv",
        &[
            &["事项编码", "情形名称"],
            &[&c1, "个人申请"],
            &[&c1, "企业申请"],
            &[&c2, "新办"],
        ],
    );
    write(
        "materials.csv",
        &[
            &["事项编码", "办理情形", "材料名称", "材料形式", "份数"],
            &[&c1, "个人申请", "居民身份证", "原件", "1"],
            &["", "", "申请书", "原件", "1"],
            &[&c1, "企业申请", "营业执照", "复印件", "1"],
            &[&c2, "", "申请书", "原件", "1"],
        ],
    );
    write(
        "conditions.csv",
        &[
            &["事项编码", "受理条件"],
            &[&c1, "有经营场所"],
            &[&c2, "有执业药师"],
            &[&c3, "有经营场所"],
        ],
    );
    let doc = lint(dir.path(), &[]);
    assert_eq!(doc["summary"]["items"], 3, "{doc:#?}");
    assert_eq!(doc["summary"]["errors"], 1, "{doc:#?}");
    let lacking = of(&doc, "T006");
    assert_eq!(lacking.len(), 1, "{lacking:#?}");
    assert!(lacking[0]["location"]["file"].as_str().unwrap().ends_with("items.csv"));
    assert_eq!(lacking[0]["location"]["cell"], "A4");
    assert_eq!(lacking[0]["help"], "在“materials.csv”文件的“材料名称”列为这个事项填写");
}
