//! Power lists of blind round 15 (issue 21): a generator written without reading the loader or
//! the earlier rounds (tests/fixtures/blind15p/make.py) — 权力清单 / 权责清单 of county, city and
//! provincial offices, one per seed, as .xlsx, .xls and one GBK .csv per sheet. The committed
//! seeds each showed a reading the sweep found wrong:
//! - headers naming the rank in a note, 权力事项（主项） | 权力事项（子项） and 权力编码（主项） |
//!   权力编码（子项）: before, both read as the one name (or code), the 子项 column dropped (F022)
//!   and its blank cells reported as a missing name (T001);
//! - a 基本编码 column of a list with no 实施编码 holding the office's own codes (`XK00101000`,
//!   `130000-XK-0101`, 14 digits): before, K008 "应为 12 位数字" on every row;
//! - a government's list in one sheet under department sections (`一、某市民政局（14项）`), or a
//!   sheet per department under a title naming the government (`某市人民政府权责清单`), without a
//!   实施主体 column: before, the same 查封、扣押 power of two departments was X005;
//! - a CSV saved per sheet (`某县权力清单-行政处罚.csv`): its type (and department) is the file
//!   name's sheet part (before: no type, so a missing 设定依据 went unreported);
//! - `市级、县级级` (a level typed with its 级 twice): before, read as 市级、县级 without a word;
//! - a 子项 code whose added part is mistyped (`-1`, `-011` among `-01`, `-02`; `-O1`; one digit
//!   too many on a list coding its 子项 rows as long as its 主项 rows): before, unreported.

use serde_json::Value;
use std::path::{Path, PathBuf};

mod sheets_common;
use sheets_common::lint;

fn seeds() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/blind15p");
    let mut out: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("truth.json").exists())
        .collect();
    out.sort();
    out
}

fn row_of(cell: &str) -> Option<u64> {
    cell.trim_start_matches(|c: char| c.is_ascii_uppercase()).parse().ok()
}

/// The sheet a finding is on: a workbook's sheet, or a per-sheet CSV's part after the stem.
fn sheet_of(d: &Value, csv: bool, sheets: &[&str]) -> String {
    if !csv {
        return d["location"]["sheet"].as_str().unwrap_or("").to_string();
    }
    if sheets.len() == 1 {
        return sheets[0].to_string();
    }
    let file = d["location"]["file"].as_str().unwrap_or("");
    let stem = Path::new(file).file_stem().unwrap().to_string_lossy().to_string();
    stem.split_once('-').map(|(_, s)| s.to_string()).unwrap_or(stem)
}

/// Every planted defect reported (error or warning) at its cell — a code defect at its code cell,
/// a duplicate at either copy's name or code cell — and no error on a clean item's row.
fn check(dir: &Path, files: &[PathBuf], truth: &Value) {
    let csv = files[0].extension().is_some_and(|e| e == "csv");
    let sheets: Vec<&str> = truth["sheets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    let mut args: Vec<&str> = Vec::new();
    let rest: Vec<String> = files[1..].iter().map(|p| p.display().to_string()).collect();
    args.extend(rest.iter().map(String::as_str));
    let doc = lint(&files[0], &args);
    let diags: Vec<(String, String, &Value)> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| {
            let cell = d["location"]["cell"].as_str()?;
            Some((sheet_of(d, csv, &sheets), cell.to_string(), d))
        })
        .collect();
    let items = truth["items"].as_array().unwrap();
    let item_at = |sheet: &str, row: u64| {
        items
            .iter()
            .find(|it| it["sheet"] == sheet && it["row"].as_u64() == Some(row))
    };
    let cells_of = |it: &Value, cols: &[&str]| -> Vec<String> {
        cols.iter()
            .filter_map(|c| it["cols"][*c].as_str())
            .map(|l| format!("{l}{}", it["row"]))
            .collect()
    };
    for df in truth["defects"].as_array().unwrap() {
        let sheet = df["sheet"].as_str().unwrap();
        let mut cells: Vec<(String, String)> = vec![(sheet.to_string(), df["cell"].as_str().unwrap().to_string())];
        if let Some(c) = df["code_cell"].as_str() {
            cells.push((sheet.to_string(), c.to_string()));
        }
        if let Some(o) = df["other"].as_array()
            && let Some(other) = item_at(o[0].as_str().unwrap(), o[1].as_u64().unwrap())
        {
            for c in cells_of(other, &["code", "sub_code", "main", "sub"]) {
                cells.push((o[0].as_str().unwrap().to_string(), c));
            }
        }
        let hit = diags
            .iter()
            .any(|(s, c, d)| d["severity"] != "info" && cells.iter().any(|(ws, wc)| ws == s && wc == c));
        assert!(hit, "{}: planted {df} not reported", dir.display());
    }
    for (s, c, d) in &diags {
        if d["severity"] != "error" {
            continue;
        }
        let Some(it) = row_of(c).and_then(|r| item_at(s, r)) else {
            panic!("{}: an error on no item's row: {d:#}", dir.display());
        };
        let allowed = it["allowed"].as_array().unwrap();
        if it["defects"].as_array().unwrap().is_empty() && !allowed.contains(&d["code"]) {
            panic!("{}: an error on a clean item: {d:#}", dir.display());
        }
    }
}

#[test]
fn every_planted_defect_at_its_cell_and_no_error_on_a_clean_item() {
    let seeds = seeds();
    assert!(seeds.len() >= 6, "{}", seeds.len());
    for dir in seeds {
        let truth: Value = serde_json::from_str(&std::fs::read_to_string(dir.join("truth.json")).unwrap()).unwrap();
        for fmt in ["xlsx", "xls", "csv"] {
            let files: Vec<PathBuf> = truth["files"][fmt]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| dir.join(f.as_str().unwrap()))
                .collect();
            check(&dir, &files, &truth);
        }
    }
}

/// 权力事项（主项） | 权力事项（子项）: two columns, the 主项 and the 子项 — no conflict between
/// them (F022), no 子项 cell left blank under a 主项 not split read as a missing name (T001).
#[test]
fn a_rank_in_a_header_note_names_main_and_sub_item() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/blind15p/s002");
    let truth: Value = serde_json::from_str(&std::fs::read_to_string(dir.join("truth.json")).unwrap()).unwrap();
    assert_eq!(truth["headers"]["sub"], "权力事项（子项）");
    let doc = lint(&dir.join(truth["files"]["xlsx"][0].as_str().unwrap()), &[]);
    let diags = doc["diagnostics"].as_array().unwrap();
    assert!(
        !diags.iter().any(|d| d["code"] == "F022" || d["code"] == "T001"),
        "{diags:#?}"
    );
}

/// A basis naming no law however it is worded: a lead (按照, 依照), a trail (执行, 精神), a 、
/// inside, the government level (国家和省, 省政府) — B005 each; a basis naming a law is none.
#[test]
fn a_basis_naming_no_law_is_b005_however_worded() {
    let dir = tempfile::tempdir().unwrap();
    let header: Vec<&str> = "序号 权力编码 权力事项名称 权力类型 行使层级 实施主体 设定依据"
        .split(' ')
        .collect();
    let bases = [
        ("国家、省有关规定", true),
        ("依照有关法律、法规执行", true),
        ("按照国家和省相关规定", true),
        ("有关文件精神", true),
        ("省政府有关文件", true),
        ("根据工作需要", true),
        ("《中华人民共和国水法》第七条", false),
        ("依照《取水许可和水资源费征收管理条例》执行", false),
    ];
    let rows: Vec<Vec<String>> = bases
        .iter()
        .enumerate()
        .map(|(k, (b, _))| {
            vec![
                (k + 1).to_string(),
                format!("XK-{:04}", k + 1),
                format!("取水许可{k}"),
                "行政许可".into(),
                "县级".into(),
                "某县水利局".into(),
                b.to_string(),
            ]
        })
        .collect();
    let mut sheet: Vec<&[&str]> = vec![&header];
    let refs: Vec<Vec<&str>> = rows.iter().map(|r| r.iter().map(String::as_str).collect()).collect();
    sheet.extend(refs.iter().map(Vec::as_slice));
    let path = sheets_common::workbook(dir.path(), "basis.xlsx", &[("权力清单", &sheet)]);
    let doc = lint(&path, &[]);
    let b005: Vec<String> = sheets_common::of(&doc, "B005")
        .iter()
        .map(|d| d["location"]["cell"].as_str().unwrap().to_string())
        .collect();
    for (k, (b, vague)) in bases.iter().enumerate() {
        let cell = format!("G{}", k + 2);
        assert_eq!(b005.contains(&cell), *vague, "{b}: {b005:?}");
    }
}
