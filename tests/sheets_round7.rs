//! 办事指南 workbooks of probe round 7 (issue 21): a workbook of related sheets, as portals and
//! 一网通办 systems export them — 事项基本信息 (one row per item) with 办理情形, 申请材料, 受理条件 and
//! 办理流程 sheets whose rows name their item by 事项编码 (or 事项名称 when there is no code). The
//! detail rows are their items' 情形, materials, conditions and steps, each at its own cell; a
//! key naming no item is F024 at its cell. Also values of the last round's note: visits written
//! / — 无 0次/1次 网办0次，窗口1次, and a GBK CSV whose 法定时限 cell holds both limits beside a
//! blank 承诺时限 (the two cells merged in the workbook).
//!
//! The committed workbooks are made by tests/fixtures/round7/make.py (openpyxl; .xls saved by
//! LibreOffice) with the defects each plants; the smaller cases are written here.

use serde_json::Value;
use std::path::{Path, PathBuf};

mod sheets_common;
use sheets_common::{check, converted, lint, of, workbook};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/round7")
        .join(name)
}

fn planted(name: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(fixture(&format!("{name}.planted.json"))).unwrap()).unwrap()
}

/// Where a finding is: (sheet, cell).
fn place(d: &Value) -> (String, String) {
    let l = &d["location"];
    (
        l["sheet"].as_str().unwrap_or("").to_string(),
        l["cell"].as_str().unwrap_or("").to_string(),
    )
}

/// Every planted defect at its sheet, cell and entry, no error on a clean row of any sheet, in
/// xlsx and in the .xls LibreOffice saves; 14 items, whatever the number of detail rows. Also the
/// one-sheet layout (a 目录 and a 填报说明 sheet first, wrapped and spaced headers in another
/// order, one row per material under its 情形 with the item's and the 情形's cells blank below
/// their first row, 是否必要 | 来源渠道 | 纸质/电子, 不予受理情形), in xlsx, xls and GBK CSV.
#[test]
fn committed_workbooks_of_each_variant_and_format() {
    for name in ["related", "shuffled", "merged", "byname", "onesheet"] {
        let planted = planted(name);
        assert!(planted.as_array().unwrap().len() >= 11, "{name}: {planted}");
        // The one-sheet layout is also saved as a GBK CSV (its sheet named after the file).
        let one = name == "onesheet";
        let exts: &[&str] = if one { &["xlsx", "xls", "csv"] } else { &["xlsx", "xls"] };
        for ext in exts {
            let path = fixture(&format!("{name}.{ext}"));
            let item_sheet = match (one, *ext) {
                (false, _) => "事项基本信息",
                (true, "csv") => name,
                (true, _) => "办事指南",
            };
            let mut planted = planted.clone();
            for p in planted.as_array_mut().unwrap() {
                if *ext == "csv" {
                    p["sheet"] = Value::from(name);
                }
            }
            check(&path, &planted);
            let doc = lint(&path, &[]);
            assert_eq!(doc["summary"]["items"], 14, "{name}.{ext}");
            for rule in ["X004", "T001", "X005"] {
                assert!(of(&doc, rule).is_empty(), "{name}.{ext}: {rule} {:#?}", of(&doc, rule));
            }
            // What the workbook lacks is said of its item sheet, once; the detail sheets are
            // no sheets of items of their own.
            let notes = of(&doc, "F023");
            assert!(
                notes.iter().all(|n| place(n).0 == item_sheet),
                "{name}.{ext}: {notes:#?}"
            );
            assert!(
                !notes.iter().any(|n| {
                    let m = n["message"].as_str().unwrap();
                    m.contains("申请材料") || m.contains("受理条件") || (!one && m.contains("办理流程"))
                }),
                "{name}.{ext}: {notes:#?}"
            );
        }
    }
}

/// The lead's probe (p4): 事项基本信息, 申请材料 (事项编码 | 事项名称 | 材料名称 | 材料形式 | 份数 |
/// 是否必要) and 受理条件 (事项编码 | 受理条件). Before, every 申请材料 and 受理条件 row was an item of
/// its own: X004 on each (its code already used), T001 on each condition row, a screen of F023
/// notes per sheet. Now the materials and conditions are the items' own, at their cells.
#[test]
fn material_and_condition_sheets_are_the_items_children() {
    let dir = tempfile::tempdir().unwrap();
    let base: &[&[&str]] = &[
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
            "是否收费",
            "到办事现场次数",
        ],
        &[
            "1",
            "许可-00001-001-01",
            "食品经营许可（新办）",
            "行政许可",
            "县级",
            "XX县市场监督管理局",
            "《中华人民共和国食品安全法》第三十五条",
            "20个工作日",
            "5个工作日",
            "否",
            "0次",
        ],
        &[
            "2",
            "许可-00002-001-01",
            "药品零售许可（新办）",
            "行政许可",
            "县级",
            "XX县市场监督管理局",
            "《药品管理法》第五十二条",
            "30个工作日",
            "10个工作日",
            "否",
            "0次",
        ],
    ];
    let mats: &[&[&str]] = &[
        &[
            "序号",
            "事项编码",
            "事项名称",
            "材料名称",
            "材料形式",
            "份数",
            "是否必要",
        ],
        &[
            "1",
            "许可-00001-001-01",
            "食品经营许可（新办）",
            "申请书",
            "原件",
            "1",
            "必要",
        ],
        &[
            "2",
            "许可-00001-001-01",
            "食品经营许可（新办）",
            "营业执照",
            "复印件",
            "1",
            "必要",
        ],
        &[
            "3",
            "许可-00002-001-01",
            "药品零售许可（新办）",
            "申请书",
            "原件",
            "1",
            "必要",
        ],
        &[
            "4",
            "许可-00002-001-01",
            "药品零售许可（新办）",
            "其他相关材料",
            "原件",
            "1",
            "必要",
        ],
    ];
    let conds: &[&[&str]] = &[
        &["事项编码", "受理条件"],
        &["许可-00001-001-01", "有与经营的食品品种相适应的场所"],
        &[
            "许可-00002-001-01",
            "1.有依法经过资格认定的药师；2.有与所经营药品相适应的营业场所",
        ],
    ];
    let p = workbook(
        dir.path(),
        "p4.xlsx",
        &[("事项基本信息", base), ("申请材料", mats), ("受理条件", conds)],
    );
    let doc = lint(&p, &[]);
    assert_eq!(doc["summary"]["items"], 2);
    assert_eq!(doc["summary"]["errors"], 0, "{doc:#?}");
    let vague = of(&doc, "W002");
    assert_eq!(vague.len(), 1, "{vague:#?}");
    assert_eq!(place(&vague[0]), ("申请材料".into(), "D5".into()));
    assert_eq!(vague[0]["item"], "许可-00002-001-01", "{vague:#?}");
    // The sheets lack a 必须现场办理原因说明 column and the like: said once, of the item sheet, and
    // not that they lack 申请材料 or 受理条件.
    let notes = of(&doc, "F023");
    assert!(notes.iter().all(|n| place(n).0 == "事项基本信息"), "{notes:#?}");
    let yaml = converted(&p, &dir.path().join("p4.yaml"));
    let second = &yaml[yaml.find("许可-00002-001-01").unwrap()..];
    for want in [
        "point: 有依法经过资格认定的药师",
        "point: 有与所经营药品相适应的营业场所",
        "name: 其他相关材料",
        "necessity: 必要",
    ] {
        assert!(second.contains(want), "{want}: {yaml}");
    }
    assert!(
        !yaml[..yaml.find("许可-00002-001-01").unwrap()].contains("其他相关材料"),
        "{yaml}"
    );
}

/// A key naming no item — a mistyped code, a name, none at all — is F024 at its cell, never
/// dropped in silence; an item whose materials all sit under a wrong key lacks them (T006 at its
/// row).
#[test]
fn a_key_naming_no_item_is_reported_at_its_cell() {
    let dir = tempfile::tempdir().unwrap();
    let base: &[&[&str]] = &[
        &[
            "事项名称",
            "事项类型",
            "行使层级",
            "实施主体",
            "设定依据",
            "法定时限",
            "承诺时限",
            "是否收费",
            "到办事现场次数",
        ],
        &[
            "食品经营许可",
            "行政许可",
            "县级",
            "XX县市场监督管理局",
            "《中华人民共和国食品安全法》第三十五条",
            "20个工作日",
            "5个工作日",
            "否",
            "0",
        ],
        &[
            "药品零售许可",
            "行政许可",
            "县级",
            "XX县市场监督管理局",
            "《药品管理法》第五十二条",
            "30个工作日",
            "10个工作日",
            "否",
            "0",
        ],
        &[
            "酒类零售许可",
            "行政许可",
            "县级",
            "XX县市场监督管理局",
            "《酒类流通管理办法》第五条",
            "30个工作日",
            "10个工作日",
            "否",
            "0",
        ],
    ];
    let mats: &[&[&str]] = &[
        &["事项名称", "材料名称", "材料形式", "份数"],
        &["", "身份证明", "原件", "1"],
        &["食品经营许可", "申请书", "原件", "1"],
        &["药品零售许可", "申请书", "原件", "1"],
        &["", "营业执照", "复印件", "1"],
        &["酒类经营许可", "申请书", "原件", "1"],
        &["", "营业执照", "复印件", "1"],
    ];
    let conds: &[&[&str]] = &[
        &["事项名称", "受理条件"],
        &["食品经营许可", "有经营场所"],
        &["药品零售许可", "有执业药师"],
        &["酒类零售许可", "有经营场所"],
    ];
    let p = workbook(
        dir.path(),
        "keys.xlsx",
        &[("基本信息", base), ("材料", mats), ("条件", conds)],
    );
    let doc = lint(&p, &[]);
    assert_eq!(doc["summary"]["items"], 3);
    let unknown = of(&doc, "F024");
    assert_eq!(unknown.len(), 2, "{unknown:#?}");
    // A row above the first key names no item: said at its first cell.
    assert_eq!(place(&unknown[0]), ("材料".into(), "B2".into()));
    assert!(
        unknown[0]["message"].as_str().unwrap().contains("没有填写事项名称"),
        "{unknown:#?}"
    );
    assert_eq!(place(&unknown[1]), ("材料".into(), "A6".into()));
    assert!(
        unknown[1]["message"].as_str().unwrap().contains("酒类经营许可"),
        "{unknown:#?}"
    );
    let lacking = of(&doc, "T006");
    assert_eq!(lacking.len(), 1, "{lacking:#?}");
    assert_eq!(place(&lacking[0]), ("基本信息".into(), "A4".into()));
    // The column to fill is on the 材料 sheet, not the row's: the help says where.
    assert_eq!(
        lacking[0]["help"], "在“材料”工作表的“材料名称”列为这个事项填写",
        "{lacking:#?}"
    );
    let errors: Vec<&Value> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error" && !["F024", "T006"].contains(&d["code"].as_str().unwrap()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

/// A 办理情形 sheet names each item's 情形; a 申请材料 row naming a 情形 is that 情形's, one leaving
/// it blank is every 情形's — whatever order the sheets come in. A 办理流程 sheet's steps (办理时限
/// 1个工作日) are the item's.
#[test]
fn scenario_sheet_gives_materials_their_cases_in_any_sheet_order() {
    let dir = tempfile::tempdir().unwrap();
    let base: &[&[&str]] = &[
        &[
            "事项编码",
            "事项名称",
            "事项类型",
            "行使层级",
            "实施主体",
            "设定依据",
            "法定时限",
            "承诺时限",
            "是否收费",
            "到办事现场次数",
        ],
        &[
            "许可-00001-001-01",
            "食品经营许可",
            "行政许可",
            "县级",
            "XX县市场监督管理局",
            "《中华人民共和国食品安全法》第三十五条",
            "20个工作日",
            "5个工作日",
            "否",
            "0",
        ],
    ];
    let cases: &[&[&str]] = &[
        &["事项编码", "情形名称"],
        &["许可-00001-001-01", "个人申请"],
        &["许可-00001-001-01", "单位申请"],
    ];
    let mats: &[&[&str]] = &[
        &["事项编码", "办理情形", "材料名称", "材料形式"],
        &["许可-00001-001-01", "", "申请书", "原件"],
        &["许可-00001-001-01", "单位申请", "营业执照", "复印件"],
        &["许可-00001-001-01", "个人申请", "居民身份证", "原件"],
    ];
    let conds: &[&[&str]] = &[&["事项编码", "受理条件"], &["许可-00001-001-01", "有经营场所"]];
    let steps: &[&[&str]] = &[
        &["事项编码", "办理环节", "办理时限"],
        &["许可-00001-001-01", "受理", "1个工作日"],
        &["许可-00001-001-01", "决定", "3个工作日"],
    ];
    // The materials sheet before the 情形 sheet.
    let p = workbook(
        dir.path(),
        "cases.xlsx",
        &[
            ("事项", base),
            ("申请材料", mats),
            ("办理情形", cases),
            ("受理条件", conds),
            ("办理流程", steps),
        ],
    );
    let doc = lint(&p, &[]);
    assert_eq!(doc["summary"]["items"], 1);
    assert_eq!(doc["summary"]["errors"], 0, "{doc:#?}");
    assert!(of(&doc, "F021").is_empty(), "{:#?}", of(&doc, "F021"));
    let yaml = converted(&p, &dir.path().join("cases.yaml"));
    // The 情形 in the 办理情形 sheet's order.
    let personal = &yaml[yaml.find("name: 个人申请").expect(&yaml)..yaml.find("name: 单位申请").expect(&yaml)];
    let company = &yaml[yaml.find("name: 单位申请").unwrap()..yaml.find("process:").expect(&yaml)];
    for (case, has, lacks) in [
        (personal, "居民身份证", "营业执照"),
        (company, "营业执照", "居民身份证"),
    ] {
        assert!(case.contains(has) && !case.contains(lacks), "{yaml}");
        assert!(case.contains("申请书") && case.contains("有经营场所"), "{yaml}");
    }
    assert!(yaml.contains("days: 1") && yaml.contains("days: 3"), "{yaml}");
}

/// A second sheet of items of its own (a department's list with 事项名称 | 申请材料 only) whose
/// names are not the first sheet's is no detail sheet: its rows stay items, no F024.
#[test]
fn a_sheet_naming_other_items_stays_a_sheet_of_items() {
    let dir = tempfile::tempdir().unwrap();
    let first: &[&[&str]] = &[
        &[
            "事项名称",
            "事项类型",
            "行使层级",
            "实施主体",
            "设定依据",
            "受理条件",
            "申请材料",
        ],
        &[
            "食品经营许可",
            "行政许可",
            "县级",
            "XX县市场监督管理局",
            "《中华人民共和国食品安全法》第三十五条",
            "有经营场所",
            "申请书",
        ],
    ];
    let second: &[&[&str]] = &[
        &["事项名称", "受理条件", "申请材料"],
        &["户籍证明", "本人申请", "居民身份证"],
        &["居住证办理", "在本地居住半年以上", "居民身份证"],
    ];
    let p = workbook(dir.path(), "two.xlsx", &[("市场监管局", first), ("公安局", second)]);
    let doc = lint(&p, &[]);
    assert_eq!(doc["summary"]["items"], 3);
    assert!(of(&doc, "F024").is_empty(), "{:#?}", of(&doc, "F024"));
}

/// Visits as offices write them: “/” and “—” say nothing (V005 as for a blank cell); 无 is none;
/// 0次/1次 and 网办0次，窗口1次 count per channel and ask no on-site reason. None is unreadable (F021).
/// And in a GBK CSV a 法定时限 cell holding both limits beside a blank 承诺时限 (the two merged in
/// the workbook) gives both: no T020 asking for the promise.
#[test]
fn visits_and_both_limits_in_a_csv() {
    let dir = tempfile::tempdir().unwrap();
    let rows = [
        ("/", "法定20个工作日，承诺5个工作日"),
        ("—", "20个工作日（承诺5个工作日）"),
        ("无", "20个工作日；5个工作日"),
        ("0次/1次", "20/5个工作日"),
        ("网办0次，窗口1次", "法定：20个工作日；承诺：5个工作日"),
        ("", "20个工作日"),
    ];
    let mut text = String::from(
        "序号,事项编码,事项名称,事项类型,行使层级,实施主体,设定依据,法定时限,承诺时限,是否收费,到办事现场次数,必须现场办理原因说明,受理条件,申请材料,审批结果\r\n",
    );
    for (k, (visits, limit)) in rows.iter().enumerate() {
        text += &format!(
            "{n},许可-{n:05}-001-01,事项{n},行政许可,县级,XX县市场监督管理局,《中华人民共和国行政许可法》第十二条,{limit},{promised},否,{visits},,有经营场所,申请书,许可证\r\n",
            n = k + 1,
            promised = if k == 5 { "5个工作日" } else { "" },
        );
    }
    let (gbk, _, bad) = encoding_rs::GBK.encode(&text);
    assert!(!bad);
    let p = dir.path().join("visits.csv");
    std::fs::write(&p, &gbk).unwrap();
    let doc = lint(&p, &[]);
    assert_eq!(doc["summary"]["items"], 6);
    assert!(of(&doc, "F021").is_empty(), "{:#?}", of(&doc, "F021"));
    assert!(of(&doc, "T020").is_empty(), "{:#?}", of(&doc, "T020"));
    assert!(of(&doc, "L003").is_empty(), "{:#?}", of(&doc, "L003"));
    assert!(of(&doc, "V002").is_empty(), "{:#?}", of(&doc, "V002"));
    let blank: Vec<String> = of(&doc, "V005").iter().map(|d| place(d).1).collect();
    assert_eq!(blank, ["K2", "K3", "K7"], "{doc:#?}");
    let yaml = converted(&p, &dir.path().join("visits.yaml"));
    assert_eq!(
        yaml.matches("promised: \"5个工作日\"").count() + yaml.matches("promised: 承诺").count(),
        6,
        "{yaml}"
    );
}

/// Detail sheets headed 事项编码 holding the 实施编码 the item sheet has under its own header:
/// the code is the item's whatever its header.
#[test]
fn a_code_under_another_codes_header_names_its_item() {
    let dir = tempfile::tempdir().unwrap();
    let base: &[&[&str]] = &[
        &[
            "实施编码",
            "事项名称",
            "事项类型",
            "行使层级",
            "实施主体",
            "设定依据",
            "法定时限",
            "承诺时限",
            "是否收费",
            "到办事现场次数",
        ],
        &[
            "11330100002493625X3000117001000",
            "食品经营许可",
            "行政许可",
            "市级",
            "XX市市场监督管理局",
            "《中华人民共和国食品安全法》第三十五条",
            "20个工作日",
            "5个工作日",
            "否",
            "0",
        ],
    ];
    let mats: &[&[&str]] = &[
        &["事项编码", "材料名称"],
        &["11330100002493625X3000117001000", "申请书"],
    ];
    let conds: &[&[&str]] = &[
        &["事项编码", "受理条件"],
        &["11330100002493625X3000117001000", "有场所"],
    ];
    let p = workbook(
        dir.path(),
        "codes.xlsx",
        &[("基本信息", base), ("申请材料", mats), ("受理条件", conds)],
    );
    let doc = lint(&p, &[]);
    assert_eq!(doc["summary"]["items"], 1);
    for rule in ["F024", "T001", "T005", "T006", "X004"] {
        assert!(of(&doc, rule).is_empty(), "{rule}: {doc:#?}");
    }
}

/// In a detail sheet writing its key on every row, a row leaving the 情形 blank is no 情形 in
/// particular: its material is every 情形's, even after rows naming one (before: only the 情形 of
/// the row above, and the other 情形 lacked it). Sheets of the same shape naming no item of
/// another sheet — two departments' lists of 事项名称 | 申请材料 | 受理条件, a row per material —
/// stay items, one per name as written down the rows.
#[test]
fn a_blank_case_on_a_keyed_row_is_every_cases() {
    let dir = tempfile::tempdir().unwrap();
    let base: &[&[&str]] = &[
        &[
            "事项编码",
            "事项名称",
            "事项类型",
            "行使层级",
            "实施主体",
            "设定依据",
            "法定时限",
            "承诺时限",
            "是否收费",
            "到办事现场次数",
            "办理情形",
            "受理条件",
        ],
        &[
            "许可-00001-001-01",
            "食品经营许可",
            "行政许可",
            "市级",
            "XX市市场监督管理局",
            "《中华人民共和国食品安全法》第三十五条",
            "20个工作日",
            "5个工作日",
            "否",
            "0",
            "个人申请；企业申请",
            "有经营场所",
        ],
    ];
    let mats: &[&[&str]] = &[
        &["事项编码", "情形", "材料名称"],
        &["许可-00001-001-01", "个人申请", "居民身份证"],
        &["许可-00001-001-01", "企业申请", "营业执照"],
        &["许可-00001-001-01", "", "申请书"],
    ];
    let p = workbook(dir.path(), "blank.xlsx", &[("基本信息", base), ("申请材料", mats)]);
    let doc = lint(&p, &[]);
    assert_eq!(doc["summary"]["errors"], 0, "{doc:#?}");
    let yaml = converted(&p, &dir.path().join("blank.yaml"));
    assert_eq!(yaml.matches("name: 申请书").count(), 2, "{yaml}");

    let first: &[&[&str]] = &[
        &["事项名称", "申请材料", "受理条件"],
        &["户籍证明", "居民身份证", "本人申请"],
        &["户籍证明", "居民户口簿", "本人申请"],
        &["居住证办理", "居民身份证", "在本地居住半年以上"],
    ];
    let second: &[&[&str]] = &[
        &["事项名称", "申请材料", "受理条件"],
        &["婚姻登记", "居民身份证", "双方亲自到场"],
        &["婚姻登记", "居民户口簿", "双方亲自到场"],
    ];
    let p = workbook(dir.path(), "lists.xlsx", &[("公安局", first), ("民政局", second)]);
    let doc = lint(&p, &[]);
    assert_eq!(doc["summary"]["items"], 3, "{doc:#?}");
    assert_eq!(doc["summary"]["errors"], 0, "{doc:#?}");
}

/// A 权责清单 exported as two sheets: 权力清单 (one row per power) and 责任清单 keyed by 权力编码
/// (权力编码 | 权力事项名称 | 责任事项 | 追责情形 | 追责依据 | 责任事项依据). The 责任清单 rows are their
/// powers' duties and accountability — one item per power, no X004 "duplicate" per duty row — a
/// power with two duty rows keeps both rows' 追责情形, and a 权力编码 naming no power is F024 at its
/// cell. A 责任清单 sheet of 追责情形 alone joins the same way.
#[test]
fn a_duty_sheet_keyed_by_power_code_gives_each_power_its_duties() {
    let dir = tempfile::tempdir().unwrap();
    let powers: &[&[&str]] = &[
        &[
            "序号",
            "权力编码",
            "权力事项名称",
            "权力类型",
            "行使层级",
            "实施主体",
            "设定依据",
        ],
        &[
            "1",
            "330217001000",
            "食品经营许可",
            "行政许可",
            "县级",
            "XX县市场监督管理局",
            "《中华人民共和国食品安全法》第三十五条",
        ],
        &[
            "2",
            "330217002000",
            "对未取得食品经营许可从事食品经营活动的处罚",
            "行政处罚",
            "县级",
            "XX县市场监督管理局",
            "《中华人民共和国食品安全法》第一百二十二条",
        ],
        &[
            "3",
            "330217003000",
            "对食品生产经营者的监督检查",
            "行政检查",
            "县级",
            "XX县市场监督管理局",
            "《中华人民共和国食品安全法》第一百一十条",
        ],
    ];
    let duties: &[&[&str]] = &[
        &[
            "序号",
            "权力编码",
            "权力事项名称",
            "责任事项",
            "追责情形",
            "追责依据",
            "责任事项依据",
        ],
        &[
            "1",
            "330217001000",
            "食品经营许可",
            "1.受理责任：公示应当提交的材料；2.审查责任：审查申请材料",
            "1.对符合法定条件的申请不予受理的",
            "《中华人民共和国行政许可法》第七十二条",
            "《中华人民共和国行政许可法》第三十条",
        ],
        &[
            "2",
            "330217001000",
            "食品经营许可",
            "3.决定责任：作出决定",
            "2.对不符合法定条件的申请人准予许可的",
            "",
            "",
        ],
        &[
            "3",
            "330217002000",
            "对未取得食品经营许可从事食品经营活动的处罚",
            "1.立案责任：发现违法行为予以审查",
            "没有法律依据实施处罚的",
            "《中华人民共和国行政处罚法》第七十六条",
            "《中华人民共和国行政处罚法》第五十四条",
        ],
        &[
            "4",
            "330217003000",
            "对食品生产经营者的监督检查",
            "1.检查责任：依法实施检查",
            "未依法实施检查的",
            "",
            "",
        ],
        &[
            "5",
            "330217009000",
            "已取消的权力",
            "1.受理责任：受理申请",
            "不予受理的",
            "",
            "",
        ],
    ];
    let p = workbook(dir.path(), "duties.xlsx", &[("权力清单", powers), ("责任清单", duties)]);
    let doc = lint(&p, &[]);
    assert_eq!(doc["summary"]["items"], 3, "{doc:#}");
    assert!(of(&doc, "X004").is_empty(), "{:#?}", of(&doc, "X004"));
    let unknown = of(&doc, "F024");
    assert_eq!(unknown.len(), 1, "{unknown:#?}");
    assert_eq!(place(&unknown[0]), ("责任清单".into(), "B6".into()));
    let errors: Vec<&Value> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error" && d["code"] != "F024")
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let yaml = converted(&p, &dir.path().join("duties.yaml"));
    for text in [
        "受理责任：公示应当提交的材料",
        "决定责任：作出决定",
        "对符合法定条件的申请不予受理的",
        "对不符合法定条件的申请人准予许可的",
        "《中华人民共和国行政许可法》第七十二条",
        "立案责任：发现违法行为予以审查",
        "未依法实施检查的",
    ] {
        assert!(yaml.contains(text), "{text} missing from\n{yaml}");
    }
    assert!(!yaml.contains("已取消的权力"), "{yaml}");

    // 追责情形 alone, keyed by 权力事项名称, sheets in the other order.
    let only: &[&[&str]] = &[
        &["权力事项名称", "追责情形"],
        &["食品经营许可", "对符合法定条件的申请不予受理的"],
        &["对食品生产经营者的监督检查", "未依法实施检查的"],
    ];
    let p = workbook(
        dir.path(),
        "accountability.xlsx",
        &[("追责", only), ("权力清单", powers)],
    );
    let doc = lint(&p, &[]);
    assert_eq!(doc["summary"]["items"], 3, "{doc:#}");
    let errors: Vec<&Value> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let yaml = converted(&p, &dir.path().join("accountability.yaml"));
    assert!(yaml.contains("未依法实施检查的"), "{yaml}");

    // 责任主体 (or 实施主体) beside 责任事项 is who bears the duties, and a 备注 is the power's: the
    // sheet still joins, with no unknown column.
    for who in ["责任主体", "实施主体"] {
        let with_body: &[&[&str]] = &[
            &["权力编码", "权力事项名称", who, "责任事项", "追责情形", "备注"],
            &[
                "330217001000",
                "食品经营许可",
                "XX县市场监督管理局",
                "1.受理责任：公示应当提交的材料",
                "不予受理的",
                "",
            ],
            &[
                "330217002000",
                "对未取得食品经营许可从事食品经营活动的处罚",
                "XX县综合行政执法局",
                "1.立案责任：予以审查",
                "没有法律依据实施处罚的",
                "委托乡镇实施",
            ],
        ];
        let p = workbook(
            dir.path(),
            "body.xlsx",
            &[("权力清单", powers), ("责任清单", with_body)],
        );
        let doc = lint(&p, &[]);
        assert_eq!(doc["summary"]["items"], 3, "{who}: {doc:#}");
        let noisy: Vec<&Value> = doc["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["severity"] != "info")
            .collect();
        assert!(noisy.is_empty(), "{who}: {noisy:#?}");
        let yaml = converted(&p, &dir.path().join("body.yaml"));
        assert!(
            yaml.contains("XX县综合行政执法局") && yaml.contains("委托乡镇实施"),
            "{yaml}"
        );
    }
}
