//! Office sheets of probe round 8 (issue 21), written by a generator that knows nothing of the
//! loader (tests/fixtures/round8/make.py): six offices, each with its own habits —
//! - `hall`: a county hall's 办事指南汇总表, two title lines, 填报单位 | 填报日期 line, a two-row
//!   header (办理时限 over 法定 | 承诺, 收费 over three, 联系方式 over two), 事项性质 | 权限划分 |
//!   申报条件 | 提交材料 | 结果名称 | 跑动次数 | 窗口地址 | 工作时间, an empty separator column,
//!   section rows 一、行政许可（N项）, 合计, a 说明 merged across the table and a signature line;
//! - `bureau`: one-row header with line breaks, spaces and units (事 项 名 称, 法定办结时限⏎（工作日）),
//!   numbers in the time columns, 办理条件 | 要件 with 一、/A./（一） and ●/·/-/① entries, 12-digit 基本编码,
//!   and a row typed twice in a row (before: read as one item's two rows, the duplicate unseen);
//!   a 说明 block in the name column and a 制表：… 审核：… line under the table;
//! - `district`: a sheet per department, 附件 lines, one 办理时限 cell holding both limits labelled,
//!   a 办理情形 column, visits 不见面;
//! - `town`: a 权力清单 with 主项 cells merged over 子项 rows (职权编码 | 职权名称 | 子项名称 | 职权类别 |
//!   行使层级 | 实施主体 | 承办机构 | 法律依据 | 事项状态), 乡镇（街道）, 县级及以下;
//! - `dept`: a 权力清单 with 权力事项 over 主项名称 | 子项名称, types from section rows, 省、市、县三级;
//! - `ticks`: a 权力清单 numbered 1 / （1） in one name column (before: each 主项 row an item, with
//!   T002 and B001), levels ticked √ ● under 行使层级;
//! - `county`: a 权力清单 whose 序号, name, type, level, 实施主体 and 设定依据 are merged over the
//!   子项 rows (before, in its CSV: T002 and B001 on every 子项 row below the first, 20 errors).
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

const OFFICES: [(&str, &[&str], u64); 7] = [
    ("hall", &["xlsx", "xls", "csv", "ods"], 20),
    ("bureau", &["xlsx", "xls", "csv"], 22),
    ("district", &["xlsx", "xls", "ods"], 22),
    ("town", &["xlsx", "xls", "csv", "ods"], 22),
    ("dept", &["xlsx", "xls", "csv"], 25),
    ("ticks", &["xlsx", "xls", "csv"], 24),
    ("county", &["xlsx", "xls", "csv", "ods"], 26),
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
        // (是否进驻大厅 and 是否网上可办 are fields since the issue-21 leftovers: in_hall, online.)
        if name == "hall" {
            assert!(unknown.iter().any(|m| m.contains("联系人")), "{unknown:#?}");
            assert_eq!(unknown.len(), 1, "{unknown:#?}");
        }
    }
}

/// Messages name the sheet's own header, as the clerk reads it: without the line break it was
/// wrapped with (到现场⏎原因), and 权限划分, 法律依据, 职权编码 rather than the dictionary's 事项层级,
/// 设定依据, 事项编码.
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
    // The rule's own words around the column's: 缺少法律依据, 不是有效的权限划分, 事项代码“…”重复.
    for (file, rule, says) in [
        ("hall.xlsx", "B001", "事项缺少法律依据"),
        ("hall.xlsx", "T003", "”不是有效的权限划分"),
        ("hall.xlsx", "X004", "事项编码“"),
        ("town.csv", "X004", "职权编码“"),
        ("dept.xlsx", "B001", "事项缺少实施依据"),
        ("ticks.csv", "T002", "事项缺少行使层级"),
        ("ticks.csv", "X005", "权力事项名称“"),
    ] {
        let doc = lint(&fixture(file), &[]);
        let found = of(&doc, rule);
        assert!(!found.is_empty(), "{file} {rule}");
        for d in &found {
            assert!(d["message"].as_str().unwrap().contains(says), "{file}: {d:#}");
        }
    }
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

/// Catch-all clauses written one step further than the vocabulary had them, each at its entry;
/// a guide's 承办单位 is its 实施主体 when it has no 实施主体 column (no T020 for it, no F001).
#[test]
fn catch_alls_at_their_entries_and_a_guide_s_handling_unit() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("某县汇总表.csv");
    let head =
        "事项名称,事项类型,承办单位,行使层级,设定依据,法定时限,承诺时限,受理条件,申请材料,到现场次数,是否收费,审批结果";
    let rows = [
        ("1.有固定场所；2.其他法定条件", "1.申请书\n2.其他需要提供的证明材料"),
        ("1.有固定场所；2.其他应当具备的条件", "1.申请书\n2.其他补充材料"),
        ("1.有固定场所；2.符合相关规定的其他要求", "1.申请书\n2.营业执照"),
        // A statute's trigger (…或法律规定的其他情形导致…的) is no catch-all.
        ("1.出现质权实现或法律规定的其他情形导致质权消灭", "1.申请书\n2.营业执照"),
    ];
    let mut text = format!("{head}\n");
    for (k, (cond, mats)) in rows.iter().enumerate() {
        text += &format!(
            "测试许可{},行政许可,某县市场监督管理局,县级,《中华人民共和国食品安全法》第三十五条,20个工作日,10个工作日,{cond},\"{mats}\",0次,不收费,许可证\n",
            k + 1
        );
    }
    std::fs::write(&path, text).unwrap();
    let doc = lint(&path, &[]);
    let at = |d: &Value| {
        (
            d["location"]["cell"].as_str().unwrap().to_string(),
            d["location"]["entry"].as_u64().unwrap_or(0),
        )
    };
    let mut w002: Vec<(String, u64)> = of(&doc, "W002").iter().map(at).collect();
    w002.sort();
    let want: Vec<(String, u64)> = [("H2", 2), ("H3", 2), ("H4", 2), ("I2", 2), ("I3", 2)]
        .iter()
        .map(|(c, e)| (c.to_string(), *e))
        .collect();
    assert_eq!(w002, want, "{:#?}", of(&doc, "W002"));
    assert!(of(&doc, "F001").is_empty(), "{:#?}", of(&doc, "F001"));
    assert!(of(&doc, "T020").is_empty(), "{:#?}", of(&doc, "T020"));
    assert_eq!(doc["summary"]["errors"], 0, "{doc:#?}");
}

/// A 主项 not split says so in its 子项名称 cell (无 in `town`, 不分子项 in `county`): the row is the
/// 主项, named by it (before: items named 无 — W005 errors — and 不分子项, X005 between them).
#[test]
fn a_sub_item_cell_saying_not_split_names_the_item_by_its_main_item() {
    let dir = tempfile::tempdir().unwrap();
    for (name, ext) in [("town", "csv"), ("county", "xlsx")] {
        let path = fixture(&format!("{name}.{ext}"));
        let doc = lint(&path, &[]);
        assert!(of(&doc, "W005").is_empty(), "{name}: {:#?}", of(&doc, "W005"));
        let yaml = converted(&path, &dir.path().join(format!("{name}.yaml")));
        for line in yaml.lines() {
            let t = line.trim_start().trim_start_matches("- ");
            assert!(
                !matches!(t, "name: 无" | "name: 不分子项" | "sub_item: 无" | "sub_item: 不分子项"),
                "{name}: {line}"
            );
        }
    }
}

/// Types regional lists use (domain.md §2.1: Fujian's 行政服务, 内部审批, 其他职责事项) are types,
/// not X001 errors; a spelling of one (政府内部审批) is X008 info.
#[test]
fn regional_types_are_types() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("权责清单.csv");
    let mut text = String::from("序号,权力编码,权力事项名称,权力类型,行使层级,实施主体,设定依据\n");
    for (k, t) in ["行政服务", "政府内部审批", "其他职责事项"].iter().enumerate() {
        text += &format!(
            "{n},QL-{n:04},事项{n},{t},县级,某县市场监督管理局,《中华人民共和国食品安全法》第一百二十二条\n",
            n = k + 1
        );
    }
    std::fs::write(&path, text).unwrap();
    let doc = lint(&path, &[]);
    assert_eq!(doc["summary"]["errors"], 0, "{doc:#?}");
    let x008 = of(&doc, "X008");
    assert_eq!(x008.len(), 1, "{x008:#?}");
    assert_eq!(x008[0]["location"]["cell"], "D3");
}

/// More spellings of the columns: 法定天数 | 承诺办理期限 | 见面次数 | 是否收费及标准 | 准入条件 |
/// 报送材料 | 受理窗口 | 结果证照 | 行使部门 are fields (before: F001 each, the values unchecked).
#[test]
fn more_header_spellings() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("汇总.csv");
    std::fs::write(
        &path,
        "事项名称,事项类型,行使部门,行使层级,设定依据,法定天数,承诺办理期限,准入条件,报送材料,见面次数,是否收费及标准,结果证照,受理窗口\n\
         甲许可,行政许可,某县市场监督管理局,县级,《中华人民共和国食品安全法》第三十五条,20,25,1.有固定场所,\"1.申请书\n2.其他材料\",0,不收费,许可证,行政服务中心3号窗口\n",
    )
    .unwrap();
    let doc = lint(&path, &[]);
    assert!(of(&doc, "F001").is_empty(), "{:#?}", of(&doc, "F001"));
    let at = |code: &str| {
        of(&doc, code)
            .iter()
            .map(|d| {
                (
                    d["location"]["cell"].as_str().unwrap().to_string(),
                    d["location"]["entry"].clone(),
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(at("L001"), [("G2".to_string(), Value::Null)], "{doc:#}");
    assert_eq!(at("W002"), [("I2".to_string(), Value::from(2))], "{doc:#}");
}
