//! Power lists (权力清单) and combined 权责清单 as other offices keep them, round 6 of issue 21:
//! each planted defect — a type, a level, a code, a basis (missing, 无, 同上, 见附件), a duplicate
//! 子项, wording — is reported at its cell; no clean row gets an error or a warning. The
//! workbooks are made by tests/fixtures/power6/make.py and saved again as .xls by LibreOffice
//! and as GBK CSV.

mod sheets_common;

use serde_json::Value;
use sheets_common::{converted, lint, of};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/power6")
        .join(name)
}

fn row_of(cell: &str) -> u32 {
    cell.trim_start_matches(|c: char| c.is_ascii_uppercase())
        .parse()
        .unwrap_or(0)
}

/// Every planted defect of `name` (planted.json) found at its cell (and entry), and no error or
/// warning on a row without one, in each format.
fn check_planted(name: &str) {
    let planted: Value = serde_json::from_str(&std::fs::read_to_string(fixture("planted.json")).unwrap()).unwrap();
    let plants = planted[name].as_array().unwrap();
    let rows: BTreeSet<u32> = plants.iter().map(|p| row_of(p[1].as_str().unwrap())).collect();
    for ext in ["xlsx", "xls", "csv"] {
        let path = fixture(&format!("{name}.{ext}"));
        let doc = lint(&path, &[]);
        let diags = doc["diagnostics"].as_array().unwrap();
        for p in plants {
            let (rule, cell, entry) = (p[0].as_str().unwrap(), p[1].as_str().unwrap(), p[2].as_u64().unwrap());
            let hit = diags.iter().any(|d| {
                d["code"] == rule
                    && d["location"]["cell"] == cell
                    && (entry == 0 || d["location"]["entry"].as_u64() == Some(entry))
            });
            assert!(
                hit,
                "{name}.{ext}: {rule} at {cell} (entry {entry}) not reported: {doc:#}"
            );
        }
        let stray: Vec<&Value> = diags
            .iter()
            .filter(|d| d["severity"] != "info")
            .filter(|d| {
                d["location"]["cell"]
                    .as_str()
                    .is_some_and(|c| !rows.contains(&row_of(c)))
            })
            .collect();
        assert!(stray.is_empty(), "{name}.{ext}: findings on clean rows: {stray:#?}");
    }
}

/// A 权力清单: 主项 merged over 子项 numbered 1. and （1）, types 许可 / 行政处罚（罚款） / 行政检查类 /
/// 其他类, levels 省/市/县, 市县, 县（市、区）级, 乡镇（街道）, bases numbered or one per line, a
/// basis merged over two 子项, footer lines. Before: the 子项 kept their numbers, so the same 子项
/// twice was no duplicate; 行政处罚（罚款） was an X001 error and 市县 a T003 error on clean rows;
/// 同上 and 见附件 as a basis and the code XK-00O8 went unreported; a bad name was reported twice.
#[test]
fn a_power_list_as_a_county_keeps_it() {
    check_planted("权力清单");
    let doc = lint(&fixture("权力清单.xlsx"), &[]);
    assert_eq!(doc["summary"]["items"], 17, "footer lines are no items");
    // Types and levels as written are read as what they say, with the standard spelling suggested.
    let x008: Vec<_> = of(&doc, "X008").iter().map(|d| d["location"]["cell"].clone()).collect();
    for cell in ["E4", "E6", "E9", "E10"] {
        assert!(x008.contains(&Value::from(cell)), "X008 at {cell}: {x008:?}");
    }
    assert!(
        of(&doc, "W007")
            .iter()
            .any(|d| d["location"]["cell"] == "F6" && d["message"].as_str().unwrap().contains("市级、县级"))
    );
    // A bad name is reported once, though the cell is both the 主项 and the item's name.
    assert_eq!(of(&doc, "W011").len(), 1, "{doc:#}");
    // The duplicate 子项 is named by its 子项 without the number.
    assert!(
        of(&doc, "X005")[0]["message"]
            .as_str()
            .unwrap()
            .contains("“对用人单位违反工时规定的处罚”")
    );
    let dir = tempfile::tempdir().unwrap();
    let text = converted(&fixture("权力清单.xlsx"), &dir.path().join("p.yaml"));
    assert!(text.contains("name: 经营性人力资源服务机构设立许可"), "{text}");
    assert!(
        text.contains("sub_item: 对用人单位非法招用未满十六周岁的未成年人的处罚"),
        "{text}"
    );
    assert!(!text.contains("（1）") && !text.contains("1.经营性"), "{text}");
}

/// A 权责清单 in one sheet: 职权编码 | 职权名称 | 子项 | 职权类别 | 实施依据 | 责任事项 | 责任事项依据 |
/// 追责情形 | 追责依据 | 实施主体. Checked as a power list (no finding asks it for 情形, 时限 or
/// 材料); its 责任事项依据 is a field — the basis of the duties — not an unknown column.
#[test]
fn a_combined_power_and_duty_list_in_one_sheet() {
    check_planted("权责清单");
    let doc = lint(&fixture("权责清单.xlsx"), &[]);
    assert_eq!(doc["summary"]["items"], 14);
    assert!(of(&doc, "F001").is_empty(), "{:#?}", of(&doc, "F001"));
    assert!(of(&doc, "F023")[0]["message"].as_str().unwrap().contains("权力清单"));
    for code in ["T004", "T005", "T006", "T020", "L003", "V005"] {
        assert!(of(&doc, code).is_empty(), "{code}: {doc:#}");
    }
    // A type numbered as in a list is read as that type.
    assert!(
        of(&doc, "X008")
            .iter()
            .any(|d| d["location"]["cell"] == "E15" && d["message"].as_str().unwrap().contains("“行政征收”"))
    );
    let dir = tempfile::tempdir().unwrap();
    let text = converted(&fixture("权责清单.xlsx"), &dir.path().join("q.yaml"));
    assert!(
        text.contains("        basis:\n          - 《中华人民共和国行政许可法》第三十条"),
        "{text}"
    );
    assert!(
        text.contains("          - 审查责任：对申请材料进行审查，提出审查意见。"),
        "{text}"
    );
    assert!(!text.contains("责任事项依据:"), "{text}");
}

/// A list in one code scheme (XK-0001, 330100-许可-0001, 01001): a code written otherwise is
/// reported (K010); 子项 codes adding a part to their 主项's, and unpadded counters (1 … 12), are
/// not; nor is a list that mixes schemes.
#[test]
fn a_code_written_unlike_the_lists_other_codes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("codes.csv");
    let mut text = String::from("序号,权力编码,权力事项名称,权力类型,行使层级,实施主体,设定依据\n");
    for n in 1..=12 {
        let code = match n {
            4 => "XK-0004-01".to_string(),
            7 => "XK-007".to_string(),
            9 => "XK0009".to_string(),
            _ => format!("XK-{n:04}"),
        };
        text.push_str(&format!(
            "{n},{code},事项{n},行政许可,县级,某县人力资源和社会保障局,《人力资源市场暂行条例》第十八条\n"
        ));
    }
    std::fs::write(&path, &text).unwrap();
    let doc = lint(&path, &[]);
    let cells: Vec<_> = of(&doc, "K010").iter().map(|d| d["location"]["cell"].clone()).collect();
    assert_eq!(cells, ["B8", "B10"], "{doc:#}");
    // Counters without zeros grow a digit: not another scheme.
    let counters = text
        .replace(",XK-", ",")
        .replace(",XK0009,", ",9,")
        .replace(",007,", ",7,");
    let counters: String = (1..=12).fold(counters, |t, n| t.replace(&format!(",{n:04},"), &format!(",{n},")));
    std::fs::write(&path, &counters).unwrap();
    assert!(of(&lint(&path, &[]), "K010").is_empty(), "{counters}");
    // A list that mixes schemes says nothing of any.
    let mixed: String = text
        .lines()
        .enumerate()
        .map(|(k, l)| if k > 0 && k % 3 == 0 { l.replacen(",XK-", ",CF", 1) } else { l.to_string() } + "\n")
        .collect();
    std::fs::write(&path, mixed).unwrap();
    assert!(of(&lint(&path, &[]), "K010").is_empty());
}

/// 子项 written under their 主项 row in the name column — numbered （1） or 1., no 序号 of their
/// own, the 主项 code repeated or left out — are the 主项's 子项: the 主项 row is no item, a
/// 子项 is named without its number, and the same 子项 twice is a duplicate. Before: the 主项 row
/// was an item (B001 on its empty basis), each 子项 repeating its code drew X004, and the
/// duplicate 子项 went unreported.
#[test]
fn sub_items_written_under_their_main_row() {
    check_planted("子项在名称列");
    let dir = tempfile::tempdir().unwrap();
    let text = converted(&fixture("子项在名称列.xlsx"), &dir.path().join("s.yaml"));
    assert!(
        text.contains(
            "  - code: \"02001\"\n    name: 对未取得食品生产经营许可从事食品生产经营活动的处罚\n    main_item: 对违反食品安全法行为的处罚"
        ),
        "{text}"
    );
    assert!(
        text.contains(
            "name: 对在产品中掺杂、掺假的处罚\n    main_item: 对违反产品质量法行为的处罚\n    main_code: \"02002\""
        ),
        "{text}"
    );
    assert!(
        !text.contains("name: 对违反产品质量法行为的处罚"),
        "the 主项 row is no item: {text}"
    );
}

/// Types and levels as power lists write them are read as what they say (X008 and W007 suggest
/// the standard spelling); only a value that names no type or level is an error.
#[test]
fn types_and_levels_as_power_lists_write_them() {
    let rows = [
        ("行政处罚（罚款）", "市县", ""),
        ("1.行政许可", "市县级", ""),
        ("（一）行政许可", "省/市/县", ""),
        ("行政强制措施", "县（市、区）级", ""),
        ("其他行政权力（备案）", "乡（镇）", ""),
        ("其他类", "镇街", ""),
        ("行政监督检查", "市直", ""),
        ("其他职权", "省市县三级", ""),
        ("行政征收（收费）", "县（区）、乡镇（街道）", ""),
        ("行政审核", "县级", "X001"),
        ("行政许可", "处级", "T003"),
    ];
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("types.csv");
    let mut text = String::from("序号,权力编码,权力名称,权力类型,行使层级,实施主体,设定依据\n");
    for (n, (ty, level, _)) in rows.iter().enumerate() {
        text.push_str(&format!(
            "{},{},事项{},{ty},{level},某县司法局,《中华人民共和国行政许可法》第十二条\n",
            n + 1,
            330302100000 + n,
            n + 1
        ));
    }
    std::fs::write(&path, encoding_rs::GBK.encode(&text).0).unwrap();
    let doc = lint(&path, &[]);
    let errors: Vec<(String, String)> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["location"]["cell"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let want: Vec<(String, String)> = rows
        .iter()
        .enumerate()
        .filter(|(_, r)| !r.2.is_empty())
        .map(|(n, r)| {
            (
                r.2.to_string(),
                format!("{}{}", if r.2 == "X001" { "D" } else { "E" }, n + 2),
            )
        })
        .collect();
    assert_eq!(errors, want, "{doc:#}");
    assert_eq!(of(&doc, "X008").len(), 9, "{doc:#}");
}

/// Lines under a power list — a 说明 merged across, a 合计 in the name column, the 制表单位 /
/// 审核人 / 填表人 / 联系电话 line spread over several cells, a date — are no items. Before: the
/// signing line spread over four cells was an item (T003 on “填表人：张三” read as its level).
#[test]
fn lines_under_a_power_list_are_no_items() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("footer.csv");
    let text = "附件1,,,,,,,,\n某县交通运输局权力清单（2024年版）,,,,,,,,\n\
        序号,权力编码,权力事项名称,子项名称,权力类型,行使层级,实施主体,设定依据,备注\n\
        1,JT-0001,道路旅客运输经营许可,,行政许可,县级,某县交通运输局,《中华人民共和国道路运输条例》第八条,\n\
        2,JT-0002,对道路运输经营者的监督检查,,行政检查,县级,某县交通运输局,《中华人民共和国道路运输条例》第五十九条,\n\
        ,,,,,,,,\n\
        \"说明：1.本清单所列权力事项以法律法规为依据；\n2.行使层级为县级的，由县交通运输局行使。\",,,,,,,,\n\
        ,,合计：2项（其中行政许可1项），,,,,,\n\
        制表单位：某县交通运输局,,,审核人：李四,,填表人：张三,,联系电话：0571-12345678,\n\
        ,,,,,,,2024年3月1日,\n";
    std::fs::write(&path, encoding_rs::GBK.encode(text).0).unwrap();
    let doc = lint(&path, &[]);
    assert_eq!(doc["summary"]["items"], 2, "{doc:#}");
    assert_eq!(doc["summary"]["errors"], 0, "{doc:#}");
    assert_eq!(doc["summary"]["warnings"], 0, "{doc:#}");
}

/// A 权责清单 with a column per duty stage (受理责任 | 审查责任 | 决定责任 | 送达责任 | 事后监管责任)
/// under a 责任事项 group merged over them: the second header row is no item, and each stage is
/// a duty that names it. Before: the sub-header row was an item (X001 on “职权类型” read as its
/// type) and each stage column an unknown one.
#[test]
fn duty_stages_in_columns_under_their_group() {
    check_planted("责任分列");
    for ext in ["xlsx", "csv"] {
        let path = fixture(&format!("责任分列.{ext}"));
        let doc = lint(&path, &[]);
        assert_eq!(doc["summary"]["items"], 4, "{doc:#}");
        assert!(of(&doc, "F001").is_empty(), "{:#?}", of(&doc, "F001"));
        let dir = tempfile::tempdir().unwrap();
        let text = converted(&path, &dir.path().join("d.yaml"));
        assert!(
            text.contains("          - 受理责任：公示应当提交的材料，一次性告知补正材料，依法受理或不予受理\n          - 审查责任：对申请材料进行审查，组织现场核查"),
            "{text}"
        );
    }
}

/// 子项 codes that are their 主项's with digits added (01001001 under 01001), few among many
/// 主项 codes, are the list's one scheme, not codes of another length.
#[test]
fn sub_item_codes_extending_their_main_code_are_one_scheme() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sub-codes.csv");
    let mut text = String::from("序号,权力编码,权力事项名称,子项名称,权力类型,行使层级,实施主体,设定依据\n");
    for n in 1..=20 {
        text.push_str(&format!(
            "{n},{:05},事项{n},,行政许可,县级,某县人力资源和社会保障局,《人力资源市场暂行条例》第十八条\n",
            1000 + n
        ));
    }
    for k in 1..=3 {
        text.push_str(&format!(
            ",01021{k:03},事项21,子项{k},行政许可,县级,某县人力资源和社会保障局,《人力资源市场暂行条例》第十八条\n"
        ));
    }
    text.push_str("22,01O22,事项22,,行政许可,县级,某县人力资源和社会保障局,《人力资源市场暂行条例》第十八条\n");
    std::fs::write(&path, &text).unwrap();
    let doc = lint(&path, &[]);
    let cells: Vec<_> = of(&doc, "K010").iter().map(|d| d["location"]["cell"].clone()).collect();
    assert_eq!(cells, ["B25"], "{doc:#}");
}
