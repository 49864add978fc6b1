//! Power lists (权力清单, 权责清单) as yet other offices keep them, round 7 of issue 21: levels
//! ticked in mark columns (行使层级 › 省级 | 市级 | 县级, 是否省级行使), a sheet per type without a
//! type column, levels written 区县两级 / 市级（含区） / 县级及以下, codes split in 主项编码 |
//! 子项编码, codes Excel turned into 3.30217E+11, 承办机构 / 责任处室 / 联办机构 columns. Each
//! planted defect is reported at its cell; no clean row gets an error or a warning. The workbooks
//! are made by tests/fixtures/power7/make.py and saved again as .xls and .ods by LibreOffice and
//! as GBK CSV.

mod sheets_common;

use serde_json::Value;
use sheets_common::{converted, lint, of};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/power7")
        .join(name)
}

fn row_of(cell: &str) -> u32 {
    cell.trim_start_matches(|c: char| c.is_ascii_uppercase())
        .parse()
        .unwrap_or(0)
}

fn planted(name: &str) -> Vec<Value> {
    let planted: Value = serde_json::from_str(&std::fs::read_to_string(fixture("planted.json")).unwrap()).unwrap();
    planted[name].as_array().unwrap().clone()
}

/// Every planted defect of `name` found at its sheet and cell, and no error or warning on a row
/// (of that sheet) without one, in each of `exts`.
fn check_planted(name: &str, exts: &[&str]) {
    let plants = planted(name);
    let sheet_of = |p: &Value| p.get(3).and_then(Value::as_str).map(str::to_string);
    let rows: BTreeSet<(Option<String>, u32)> = plants
        .iter()
        .map(|p| (sheet_of(p), row_of(p[1].as_str().unwrap())))
        .collect();
    for ext in exts {
        let path = fixture(&format!("{name}.{ext}"));
        let doc = lint(&path, &[]);
        let diags = doc["diagnostics"].as_array().unwrap();
        let on_sheet = |d: &Value, sheet: &Option<String>| {
            sheet
                .as_deref()
                .is_none_or(|s| d["location"]["sheet"].as_str() == Some(s))
        };
        for p in &plants {
            let (rule, cell, entry) = (p[0].as_str().unwrap(), p[1].as_str().unwrap(), p[2].as_u64().unwrap());
            let sheet = sheet_of(p);
            let hit = diags.iter().any(|d| {
                d["code"] == rule
                    && d["location"]["cell"] == cell
                    && on_sheet(d, &sheet)
                    && (entry == 0 || d["location"]["entry"].as_u64() == Some(entry))
            });
            assert!(hit, "{name}.{ext}: {rule} at {sheet:?} {cell} not reported: {doc:#}");
        }
        let multi = plants.iter().any(|p| sheet_of(p).is_some());
        let stray: Vec<&Value> = diags
            .iter()
            .filter(|d| d["severity"] != "info")
            .filter(|d| {
                d["location"]["cell"].as_str().is_some_and(|c| {
                    let sheet = multi.then(|| d["location"]["sheet"].as_str().unwrap_or("").to_string());
                    !rows.contains(&(sheet, row_of(c)))
                })
            })
            .collect();
        assert!(stray.is_empty(), "{name}.{ext}: findings on clean rows: {stray:#?}");
    }
}

/// Levels ticked under a merged 行使层级 group (√ ● 是 Y ★): the sub-header row is no item, the
/// marks are the item's levels at their cells (省级 ticked alone → 省级; several → several), a
/// row ticking none is T002 at its first mark cell, a mark saying nothing (部分) is reported at
/// its cell. Also: 主项编码 | 子项编码, 子项 numbered 1.1, a 承办机构 column, types 审核转报 /
/// 其他职权 / 其他行政权力（初审）/ 行政许可（前置审批）/ 处罚 / 强制. Before: X001 on the sub-header
/// row, T003 “√” on every row, F022 twice, F001 on 承办机构, the 子项 kept “1.1”.
#[test]
fn levels_ticked_in_mark_columns() {
    check_planted("层级打勾", &["xlsx", "xls", "ods", "csv"]);
    let doc = lint(&fixture("层级打勾.xlsx"), &[]);
    assert_eq!(
        doc["summary"]["items"], 15,
        "the sub-header row and the note are no items"
    );
    for never in ["F001", "F022", "T003"] {
        assert!(of(&doc, never).is_empty(), "{never}: {:#?}", of(&doc, never));
    }
    // Messages name the column group the clerk sees.
    let t002 = &of(&doc, "T002")[0];
    assert!(t002["help"].as_str().unwrap_or("").contains("行使层级"), "{t002:#}");
    // A power not split into 子项 is named by its 权力事项名称 cell, and the finding on that name
    // says so (not 事项名称 nor the 子项名称 column's header).
    let w003 = of(&doc, "W003");
    assert!(
        w003.iter()
            .any(|d| d["location"]["cell"] == "D12"
                && d["message"].as_str().unwrap().starts_with("权力事项名称以“等”结尾")),
        "{w003:#?}"
    );
    let dir = tempfile::tempdir().unwrap();
    let yaml = converted(&fixture("层级打勾.xlsx"), &dir.path().join("out.yaml"));
    // 食品经营许可 ticked 市级 and 县级; the first 子项 省级, 市级 and 县级.
    assert!(
        yaml.contains("    level:\n      - 市级\n      - 县级\n    department"),
        "{yaml}"
    );
    assert!(
        yaml.contains("    level:\n      - 省级\n      - 市级\n      - 县级\n"),
        "{yaml}"
    );
    assert!(yaml.contains("    unit: 食品经营处\n"), "{yaml}");
    assert!(
        yaml.contains("sub_item: 对未取得食品生产经营许可从事食品生产经营活动的处罚"),
        "the 子项 loses its 1.1: {yaml}"
    );
}

/// Plain mark columns asked as questions (是否省级行使 | 是否市级行使 | 是否县级行使, 是/否), codes
/// typed as Excel numbers, 责任处室 and 联办机构 columns: no unknown column, a row answering 否
/// three times is T002 at its first mark cell, an 11-digit code among 12-digit ones is K010.
#[test]
fn levels_asked_in_columns() {
    check_planted("是否行使", &["xlsx", "xls", "ods"]);
    let doc = lint(&fixture("是否行使.xlsx"), &[]);
    assert!(of(&doc, "F001").is_empty(), "{:#?}", of(&doc, "F001"));
    assert!(of(&doc, "F022").is_empty(), "{:#?}", of(&doc, "F022"));
}

/// The same list saved as CSV by Excel: its 12-digit codes became 3.30217E+11. Each is K011 at its
/// code cell — not ten X004 “duplicates” of one another.
#[test]
fn codes_excel_wrote_in_scientific_notation() {
    let doc = lint(&fixture("是否行使.csv"), &[]);
    let k011: Vec<String> = of(&doc, "K011")
        .iter()
        .map(|d| d["location"]["cell"].as_str().unwrap().to_string())
        .collect();
    // Row 6's code has 11 digits: Excel shows it whole.
    for cell in (2..=11).filter(|r| *r != 6).map(|r| format!("B{r}")) {
        assert!(k011.contains(&cell), "K011 at {cell}: {k011:?}");
    }
    assert!(of(&doc, "X004").is_empty(), "{:#?}", of(&doc, "X004"));
    assert!(of(&doc, "K010").is_empty(), "{:#?}", of(&doc, "K010"));
    // The rest of the sheet is read as the xlsx is.
    assert!(of(&doc, "T002").iter().any(|d| d["location"]["cell"] == "E5"));
}

/// One 行使层级 cell naming several levels as offices write them: 区县两级 (县级), 市、县（区）两级,
/// 市级（含区） (市级、县级), 县级及以下 (县级、乡镇级) are read, with the standard spelling suggested
/// (W007, info); 处级 is T003. A 受理机构 column is known.
#[test]
fn levels_written_as_offices_write_them() {
    check_planted("层级写法", &["xlsx", "xls", "ods", "csv"]);
    let doc = lint(&fixture("层级写法.xlsx"), &[]);
    let w007: Vec<(String, String)> = of(&doc, "W007")
        .iter()
        .map(|d| {
            (
                d["location"]["cell"].as_str().unwrap().to_string(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    for (cell, names) in [
        ("E3", "“县级”"),
        ("E4", "“市级、县级”"),
        ("E5", "“市级、县级”"),
        ("E6", "“县级、乡镇级”"),
    ] {
        assert!(
            w007.iter().any(|(c, m)| c == cell && m.contains(names)),
            "W007 at {cell} with {names}: {w007:?}"
        );
    }
    assert!(of(&doc, "F001").is_empty(), "{:#?}", of(&doc, "F001"));
}

/// A sheet per type (行政许可 | 行政处罚类（共3项） | Sheet3 under a title 行政强制类（共2项） | 其他 with
/// sections 一、行政确认 / 二、行政奖励), no type column: each item's type is its heading's, so the
/// type rules run (K006: a 许可 code on the 处罚 sheet) and X006 is not said to be inapplicable; a
/// sheet of notes is skipped.
#[test]
fn a_sheet_per_type() {
    check_planted("分类分表", &["xlsx", "xls", "ods"]);
    let doc = lint(&fixture("分类分表.xlsx"), &[]);
    assert_eq!(doc["summary"]["items"], 10);
    let f023: Vec<String> = of(&doc, "F023")
        .iter()
        .map(|d| d["message"].as_str().unwrap().to_string())
        .collect();
    assert!(f023.iter().all(|m| !m.contains("X006")), "{f023:?}");
    let dir = tempfile::tempdir().unwrap();
    let yaml = converted(&fixture("分类分表.xlsx"), &dir.path().join("out.yaml"));
    for t in ["行政许可", "行政处罚", "行政强制", "行政确认", "行政奖励"] {
        assert!(yaml.contains(&format!("phylum: {t}")), "{t}: {yaml}");
    }
}

/// A 行政处罚裁量基准: an item over a row per 裁量阶次 (轻微 | 一般 | 严重), its item cells merged or
/// repeated once and then blank, stays ONE item — no X004 or X005 of an item with itself, no T001
/// on its rows — with its grades, cases and standards as entries at their cells; the title (或 the
/// sheet name) 行政处罚裁量基准 gives the type, so B001 runs.
#[test]
fn a_discretion_table_keeps_one_item_per_power() {
    check_planted("裁量基准", &["xlsx", "xls", "ods", "csv"]);
    let doc = lint(&fixture("裁量基准.xlsx"), &[]);
    assert_eq!(
        doc["summary"]["items"], 6,
        "rows numbered one by one (6, 7, 8) under one power too"
    );
    for never in ["F001", "X004", "T001"] {
        assert!(of(&doc, never).is_empty(), "{never}: {:#?}", of(&doc, never));
    }
    let dir = tempfile::tempdir().unwrap();
    let yaml = converted(&fixture("裁量基准.csv"), &dir.path().join("out.yaml"));
    assert!(
        yaml.contains("    discretion_grades:\n      - 轻微\n      - 一般\n      - 严重\n"),
        "{yaml}"
    );
    assert!(yaml.contains("      - 处八万元以上十万元以下罚款\n"), "{yaml}");
    assert_eq!(yaml.matches("violations:").count(), 6, "{yaml}");
}

/// A 责任清单 sheet beside a 部门职责边界 sheet (职责事项 | 牵头部门 | 配合部门 | 职责分工): the
/// matter is the item, 牵头部门 its department (not a yes/no), 配合部门 its 联办机构. Before:
/// 职责事项 and 配合部门 were unknown columns, every 牵头部门 cell F021 and every row T001.
#[test]
fn a_duty_list_with_its_boundary_table() {
    check_planted("责任清单", &["xlsx", "xls", "ods"]);
    let doc = lint(&fixture("责任清单.xlsx"), &[]);
    for never in ["F001", "F021", "T001"] {
        assert!(of(&doc, never).is_empty(), "{never}: {:#?}", of(&doc, never));
    }
    // Each sheet's finding names the column as that sheet heads it.
    let w003 = of(&doc, "W003");
    assert!(
        w003.iter()
            .any(|d| d["location"]["sheet"] == "职责边界" && d["message"].as_str().unwrap().contains("职责事项")),
        "{w003:#?}"
    );
    let dir = tempfile::tempdir().unwrap();
    let yaml = converted(&fixture("责任清单.xlsx"), &dir.path().join("out.yaml"));
    assert!(
        yaml.contains("  - name: 食品安全监管\n    department: 县市场监督管理局\n    joint_units:\n      - 县农业农村局\n      - 县卫生健康局\n"),
        "{yaml}"
    );
}

/// Single-character level headers (省 | 市 | 县) are marks only in a group: a lone 区 column holding
/// district names is an unknown column of its own (F001 once), not a mark on every row.
#[test]
fn a_lone_district_column_is_no_level_mark() {
    let dir = tempfile::tempdir().unwrap();
    let grouped = dir.path().join("grouped.csv");
    std::fs::write(
        &grouped,
        "序号,权力编码,权力名称,权力类型,省,市,县,实施主体,设定依据\n\
         1,XK-01,食品经营许可,行政许可,,√,√,某局,《中华人民共和国食品安全法》第三十五条\n\
         2,XK-02,特种设备使用登记,行政许可,,,,某局,《中华人民共和国特种设备安全法》第三十三条\n",
    )
    .unwrap();
    let doc = lint(&grouped, &[]);
    let t002: Vec<_> = of(&doc, "T002").iter().map(|d| d["location"]["cell"].clone()).collect();
    assert_eq!(t002, vec![Value::from("E3")], "{doc:#}");
    let lone = dir.path().join("lone.csv");
    std::fs::write(
        &lone,
        "序号,权力编码,权力名称,权力类型,行使层级,区,实施主体,设定依据\n\
         1,XK-01,食品经营许可,行政许可,县级,鹿城区,某局,《中华人民共和国食品安全法》第三十五条\n\
         2,XK-02,特种设备使用登记,行政许可,县级,瓯海区,某局,《中华人民共和国特种设备安全法》第三十三条\n",
    )
    .unwrap();
    let doc = lint(&lone, &[]);
    assert!(of(&doc, "F021").is_empty(), "{:#?}", of(&doc, "F021"));
    let f001: Vec<_> = of(&doc, "F001").iter().map(|d| d["location"]["cell"].clone()).collect();
    assert_eq!(f001, vec![Value::from("F1")]);
    assert!(of(&doc, "T002").is_empty() && of(&doc, "T003").is_empty(), "{doc:#}");
}

/// The same 子项 under two 主项 (X003) is reported at the 子项's own cell, not at the 主项 cell
/// merged (here blank-repeated) over other rows; 子项 numbered 2.1 and 2-2 lose their numbers.
#[test]
fn a_sub_item_under_two_main_items_at_its_own_cell() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x003.csv");
    std::fs::write(
        &path,
        "序号,权力编码,权力事项名称,子项名称,权力类型,行使层级,实施主体,设定依据\n\
         1,CF-01,对违反食品安全法行为的处罚,1.1对未取得许可从事食品经营的处罚,行政处罚,县级,某局,《中华人民共和国食品安全法》第一百二十二条\n\
         ,CF-02,,1.2对经营超过保质期食品的处罚,行政处罚,县级,某局,《中华人民共和国食品安全法》第一百二十四条\n\
         2,CF-03,对违反产品质量法行为的处罚,2.1对伪造产品产地的处罚,行政处罚,县级,某局,《中华人民共和国产品质量法》第五十三条\n\
         ,CF-04,,2-2对经营超过保质期食品的处罚,行政处罚,县级,某局,《中华人民共和国食品安全法》第一百二十四条\n",
    )
    .unwrap();
    let doc = lint(&path, &[]);
    let x003: Vec<_> = of(&doc, "X003").iter().map(|d| d["location"]["cell"].clone()).collect();
    assert_eq!(x003, vec![Value::from("D5")], "{doc:#}");
    let yaml = converted(&path, &dir.path().join("out.yaml"));
    assert!(yaml.contains("sub_item: 对伪造产品产地的处罚\n"), "{yaml}");
    assert_eq!(
        yaml.matches("sub_item: 对经营超过保质期食品的处罚\n").count(),
        2,
        "{yaml}"
    );
}

/// A 子项编码 that does not start with its 主项编码 (a typo in the prefix) is K012 at its cell,
/// when the list's other 子项 codes do (330217001000 › 330217001001; 001 › 001002); a list whose
/// 子项 codes are numbered apart from their 主项's says nothing.
#[test]
fn a_sub_code_outside_its_main_code() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, main_of: &dyn Fn(usize) -> String, sub_of: &dyn Fn(usize, usize) -> String| {
        let mut csv = String::from(
            "某县市场监督管理局权力清单\n序号,主项编码,权力事项名称,子项编码,子项名称,权力类型,行使层级,实施主体,设定依据\n",
        );
        let mut n = 0;
        for m in 1..=4 {
            for s in 1..=3 {
                n += 1;
                csv.push_str(&format!(
                    "{n},{},对违反某法第{m}条行为的处罚,{},对违反某法第{m}条第{s}款行为的处罚,行政处罚,县级,某县市场监督管理局,《某法》第{m}条\n",
                    main_of(m),
                    sub_of(m, s)
                ));
            }
        }
        let path = dir.path().join(name);
        std::fs::write(&path, csv).unwrap();
        path
    };
    // Row 8 (the second 主项's third 子项) carries the first 主项's prefix.
    let zj = write("zj.csv", &|m| format!("330217{m:03}000"), &|m, s| {
        format!("330217{:03}{s:03}", if (m, s) == (2, 3) { 1 } else { m })
    });
    let doc = lint(&zj, &[]);
    let k012 = of(&doc, "K012");
    assert_eq!(k012.len(), 1, "{k012:#?}");
    assert_eq!(k012[0]["location"]["cell"], "D8");
    let says = k012[0]["message"].as_str().unwrap();
    assert!(
        says.starts_with("子项编码“330217001003”不以主项编码“330217002000”开头"),
        "{says}"
    );
    let short = write("short.csv", &|m| format!("{m:03}"), &|m, s| {
        format!("{:03}{s:03}", if (m, s) == (4, 1) { 5 } else { m })
    });
    let k012 = of(&lint(&short, &[]), "K012");
    assert_eq!(k012.len(), 1, "{k012:#?}");
    assert_eq!(k012[0]["location"]["cell"], "D12");
    // 子项 codes numbered on their own (XK-001 … XK-012): no prefix to keep.
    let apart = write("apart.csv", &|m| format!("ZX-{m:02}"), &|m, s| {
        format!("XK-{:03}", (m - 1) * 3 + s)
    });
    assert!(of(&lint(&apart, &[]), "K012").is_empty());
}
