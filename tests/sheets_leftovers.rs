//! Issue 21's leftovers after round 8 (false findings on clean office rows, and gaps): levels
//! offices write that are no error, regional types, one finding per cell of a merged CSV cell,
//! material forms in their own column, condition text, and more columns the dictionary knows.
//! Each case writes its sheet the way an office keeps it and asserts codes and cells.

use serde_json::Value;
use std::path::Path;

mod sheets_common;
use sheets_common::lint;

/// `(code, cell)` of every finding of `doc` with one of `codes`, sorted.
fn found(doc: &Value, codes: &[&str]) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| codes.iter().any(|c| d["code"] == *c))
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["location"]["cell"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    v.sort();
    v
}

fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
    v.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
}

/// Writes `rows` (header first) as a one-sheet xlsx with a title row above.
fn xlsx(path: &Path, rows: &[Vec<&str>]) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "某县权责清单（2026年）").unwrap();
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            if !v.is_empty() {
                ws.write_string(r as u32 + 1, c as u16, *v).unwrap();
            }
        }
    }
    wb.save(path).unwrap();
}

/// Levels offices write that are no error: a development zone's committee (开发区级, 高新区) is
/// 县级, 分级管理 / 属地 / 全省 / 全市 name no tier (read, no level), 县（市、区）级 and
/// 省、市、县三级 are spellings (W007 info at most). A level that is none (县区镇级) stays T003 at
/// its cell; so does a type in the level column.
#[test]
fn levels_offices_write_are_no_error() {
    let dir = tempfile::tempdir().unwrap();
    let levels = [
        "开发区级",
        "全省",
        "全市",
        "属地",
        "县（市、区）级",
        "省、市、县三级",
        "经济技术开发区",
        "高新区",
        "分级管理",
        "属地管理",
        "市级、开发区",
        "县区镇级",
    ];
    let mut rows = vec![vec!["序号", "权力编码", "权力事项名称", "权力类型", "行使层级", "实施主体", "设定依据"]];
    let codes: Vec<String> = (1..=levels.len()).map(|n| format!("QL-{n:04}")).collect();
    let names: Vec<String> = (1..=levels.len()).map(|n| format!("测试事项{n}")).collect();
    let nums: Vec<String> = (1..=levels.len()).map(|n| n.to_string()).collect();
    for (k, l) in levels.iter().enumerate() {
        rows.push(vec![
            &nums[k],
            &codes[k],
            &names[k],
            "行政许可",
            l,
            "某县市场监督管理局",
            "《中华人民共和国食品安全法》第三十五条",
        ]);
    }
    let path = dir.path().join("权力清单.xlsx");
    xlsx(&path, &rows);
    let csv = dir.path().join("权力清单.csv");
    let text: String = rows.iter().skip(1).fold(rows[0].join(",") + "\n", |t, r| t + &r.join(",") + "\n");
    std::fs::write(&csv, text).unwrap();
    for (path, first) in [(&path, 3), (&csv, 2)] {
        let doc = lint(path, &[]);
        let bad = format!("E{}", first + levels.len() - 1);
        assert_eq!(found(&doc, &["T003", "T002"]), pairs(&[("T003", &bad)]), "{}", path.display());
        assert_eq!(doc["summary"]["errors"], 1, "{doc:#?}");
    }
}

/// 行政备案 and 非行政许可审批 are regional types of 行政权力 (a county guide system's type
/// dictionary lists them beside the ten); 备案 and 其他类权力 are spellings (X008 info).
#[test]
fn filing_is_a_power_type() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("权责清单.csv");
    let mut text = String::from("序号,权力编码,权力事项名称,权力类型,行使层级,实施主体,设定依据\n");
    for (k, t) in ["行政备案", "备案", "非行政许可审批", "其他类权力", "行政备注"].iter().enumerate() {
        text += &format!(
            "{n},QL-{n:04},事项{n},{t},县级,某县市场监督管理局,《中华人民共和国食品安全法》第一百二十二条\n",
            n = k + 1
        );
    }
    std::fs::write(&path, text).unwrap();
    let doc = lint(&path, &[]);
    assert_eq!(
        found(&doc, &["X001", "X006", "X008"]),
        pairs(&[("X001", "D6"), ("X008", "D3"), ("X008", "D5")]),
        "{doc:#?}"
    );
}
