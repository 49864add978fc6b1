//! Spreadsheet and CSV loading: header detection, hierarchy, cell locations, encodings, bad files.

use assert_cmd::Command;
use rust_xlsxwriter::{Format, Formula, Workbook};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/sheets")
        .join(name)
}

fn catalog() -> Command {
    let mut c = Command::cargo_bin("catalog").unwrap();
    c.env("CATALOG_LANG", "zh");
    c
}

/// `catalog lint --format json` → (exit code, document).
fn lint_json(path: &Path, extra: &[&str]) -> (i32, Value) {
    let out = catalog()
        .arg("lint")
        .arg(path)
        .args(["--format", "json", "--fail-on", "error"])
        .args(extra)
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (out.status.code().unwrap(), doc)
}

/// `catalog convert IN OUT.json` → the plain model.
fn plain(path: &Path, dir: &Path, extra: &[&str]) -> Value {
    let out = dir.join("out.json");
    catalog()
        .arg("convert")
        .arg(path)
        .arg(&out)
        .args(extra)
        .assert()
        .success();
    serde_json::from_str(&std::fs::read_to_string(out).unwrap()).unwrap()
}

fn diags<'a>(doc: &'a Value, code: &str) -> Vec<&'a Value> {
    doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == code)
        .collect()
}

/// A clerk's workbook: a title above the header, data starting at B2, a merged 主项 over three
/// rows, an item over two rows (its second material), a blank 主项 meaning "same as above",
/// numbered multi-line cells, a float count, full-width spaces, an unknown column, a value that
/// does not fit its field, a hidden sheet with a formula and a date, a notes sheet, an empty sheet.
fn clerk_workbook(path: &Path) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("市场监管局").unwrap();
    ws.write_string(1, 1, "鹿城区行政许可事项清单").unwrap();
    let headers = [
        "序号",
        "主项名称",
        "权力名称",
        "事项编码",
        "实施主体",
        "法定时限",
        "到现场次数",
        "情形",
        "申请材料名称",
        "设定依据",
        "自定义列",
    ];
    for (c, h) in headers.iter().enumerate() {
        ws.write_string(3, 1 + c as u16, *h).unwrap();
    }
    ws.merge_range(4, 2, 6, 2, "食品经营许可", &Format::new()).unwrap();
    let r5 = [
        "1",
        "",
        "食品经营许可（新办）",
        "许可-00977-001-01",
        "温州市鹿城区市场监督管理局",
        "20工作日",
        "",
        "仅销售预包装食品",
        "申请书",
        "1.《甲法》第三条\n2.《乙条例》第五条",
        "x",
    ];
    let r6 = ["", "", "", "", "", "", "", "", "营业执照", "", ""];
    let r7 = [
        "2",
        "",
        "食品经营许可（变更）",
        "许可-00977-002-01",
        "温州市鹿城区市场监督管理局",
        "\u{3000}20工作日\u{3000}",
        "多次",
        "变更",
        "变更申请书",
        "",
        "",
    ];
    let r8 = [
        "3",
        "",
        "食品经营许可（注销）",
        "许可-00977-003-01",
        "温州市鹿城区市场监督管理局",
        "即办",
        "",
        "注销",
        "注销申请书",
        "",
        "",
    ];
    for (r, row) in [r5, r6, r7, r8].iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            if !v.is_empty() && c != 1 {
                ws.write_string(4 + r as u32, 1 + c as u16, *v).unwrap();
            }
        }
    }
    ws.write_number(4, 7, 3.0).unwrap();
    ws.set_row_hidden(7).unwrap();
    let hidden = wb.add_worksheet();
    hidden.set_name("卫健局").unwrap();
    for (c, h) in ["事项名称", "事项编码", "承诺时限", "发布日期"].iter().enumerate() {
        hidden.write_string(0, c as u16, *h).unwrap();
    }
    hidden.write_string(1, 0, "公共场所卫生许可").unwrap();
    hidden.write_string(1, 1, "许可-00321-001-01").unwrap();
    hidden
        .write_formula(1, 2, Formula::new("=\"5\"&\"工作日\"").set_result("5工作日"))
        .unwrap();
    let date = rust_xlsxwriter::ExcelDateTime::from_ymd(2024, 6, 1).unwrap();
    hidden
        .write_datetime_with_format(1, 3, &date, &Format::new().set_num_format("yyyy-mm-dd"))
        .unwrap();
    hidden.set_hidden(true);
    let notes = wb.add_worksheet();
    notes.set_name("说明").unwrap();
    notes.write_string(0, 0, "填表说明：每个事项一行").unwrap();
    wb.add_worksheet().set_name("空表").unwrap();
    wb.save(path).unwrap();
}

#[test]
fn clerk_workbook_reads_with_hierarchy_and_cell_locations() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("鹿城.xlsx");
    clerk_workbook(&path);
    let doc = plain(&path, dir.path(), &[]);
    let items = doc["items"].as_array().unwrap();
    assert_eq!(items.len(), 4, "{doc:#}");
    let first = &items[0];
    assert_eq!(first["name"], "食品经营许可（新办）");
    assert_eq!(first["main_item"], "食品经营许可");
    assert_eq!(first["visits"], 3);
    assert_eq!(
        first["basis"],
        serde_json::json!(["《甲法》第三条", "《乙条例》第五条"])
    );
    let mats: Vec<&str> = first["scenarios"][0]["materials"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["name"].as_str().unwrap())
        .collect();
    assert_eq!(mats, ["申请书", "营业执照"]);
    // The merged 主项 covers the second item; the third repeats it by leaving the cell blank.
    assert_eq!(items[1]["main_item"], "食品经营许可");
    assert_eq!(items[2]["main_item"], "食品经营许可");
    assert_eq!(items[1]["time_limit"]["statutory"], "20工作日");
    // The hidden sheet: cached formula value and a date.
    assert_eq!(items[3]["time_limit"]["promised"], "5工作日");
    assert_eq!(items[3]["extra"][0]["value"], "2024-06-01");

    let (code, lint) = lint_json(&path, &[]);
    assert!(code <= 1);
    let f001 = diags(&lint, "F001");
    let custom = f001
        .iter()
        .find(|d| d["message"].as_str().unwrap().contains("自定义列"))
        .expect("unknown column reported");
    assert_eq!(custom["location"]["sheet"], "市场监管局");
    // Once, at its header cell, not on every row.
    assert_eq!(custom["location"]["cell"], "L4");
    assert_eq!(
        f001.iter()
            .filter(|d| d["message"].as_str().unwrap().contains("自定义列"))
            .count(),
        1
    );
    let bad = diags(&lint, "F021");
    assert_eq!(bad.len(), 1, "{lint:#}");
    assert_eq!(bad[0]["location"]["cell"], "H7");
    let f020: Vec<String> = diags(&lint, "F020")
        .iter()
        .map(|d| d["message"].as_str().unwrap().to_string())
        .collect();
    assert!(
        f020.iter().any(|m| m.contains("卫健局") && m.contains("隐藏")),
        "{f020:?}"
    );
    assert!(
        f020.iter().any(|m| m.contains("说明") && m.contains("表头")),
        "{f020:?}"
    );
    assert!(f020.iter().any(|m| m.contains("空表")), "{f020:?}");
    assert!(
        f020.iter()
            .any(|m| m.contains("隐藏的行") && m.contains("市场监管局 › 8")),
        "{f020:?}"
    );
}

#[test]
fn xlsx_named_xls_is_read_by_its_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let x = dir.path().join("a.xlsx");
    clerk_workbook(&x);
    let renamed = dir.path().join("a.xls");
    std::fs::copy(&x, &renamed).unwrap();
    assert_eq!(plain(&renamed, dir.path(), &[])["items"].as_array().unwrap().len(), 4);
}

#[test]
fn html_export_renamed_xls_with_rowspan() {
    let dir = tempfile::tempdir().unwrap();
    let doc = plain(&fixture("html-export.xls"), dir.path(), &[]);
    let items = doc["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!(items[1]["main_item"], "建筑工程施工许可");
    assert_eq!(items[1]["time_limit"]["statutory"], "无");
}

#[test]
fn gbk_csv_detected_and_title_row_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let doc = plain(&fixture("gbk.csv"), dir.path(), &[]);
    let items = doc["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!(items[0]["name"], "老年人优待证办理");
    assert_eq!(items[1]["department"], "温州市鹿城区残联");
    // Forcing the wrong encoding is refused with a clear error rather than read as garbage.
    catalog()
        .args(["lint", "--encoding", "utf-8"])
        .arg(fixture("gbk.csv"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("UTF-8"));
    let (_, lint) = lint_json(&fixture("gbk.csv"), &["--encoding", "gb18030"]);
    assert_eq!(lint["summary"]["items"], 2);
    // Locations name the file, the sheet Excel would show (the file name) and the cell.
    let any = &lint["diagnostics"][0]["location"];
    assert_eq!(any["sheet"], "gbk");
}

#[test]
fn utf8_bom_csv() {
    let dir = tempfile::tempdir().unwrap();
    let doc = plain(&fixture("bom.csv"), dir.path(), &[]);
    assert_eq!(doc["items"][0]["name"], "老年人优待证办理");
    assert_eq!(doc["items"][0]["service_objects"], serde_json::json!(["自然人"]));
}

#[test]
fn bad_files_exit_2_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.xlsx");
    clerk_workbook(&good);
    let bytes = std::fs::read(&good).unwrap();
    let truncated = dir.path().join("truncated.xlsx");
    std::fs::write(&truncated, &bytes[..bytes.len() / 2]).unwrap();
    let empty = dir.path().join("empty.xlsx");
    let mut wb = Workbook::new();
    wb.add_worksheet();
    wb.save(&empty).unwrap();
    let cases: Vec<(PathBuf, &str)> = vec![
        (fixture("corrupt.xlsx"), "损坏"),
        (truncated, "损坏"),
        (fixture("encrypted.xlsx"), "密码"),
        (fixture("noheader.csv"), "表头"),
        (empty, "没有任何数据"),
    ];
    for (path, want) in cases {
        catalog()
            .arg("lint")
            .arg(&path)
            .assert()
            .code(2)
            .stderr(predicates::str::contains(want))
            .stderr(predicates::str::contains(path.file_name().unwrap().to_str().unwrap()));
    }
}

#[test]
fn profile_names_the_columns_of_an_unusual_layout() {
    let dir = tempfile::tempdir().unwrap();
    let doc = plain(
        &fixture("odd-layout.csv"),
        dir.path(),
        &["--profile", fixture("odd-profile.yaml").to_str().unwrap()],
    );
    let items = doc["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!(items[1]["name"], "临时建设工程规划许可");
    assert_eq!(items[1]["phylum"], "行政许可", "filled down as the profile says");
    // A column the profile leaves out is read by the field dictionary (备注说明 is 备注).
    assert_eq!(items[0]["remarks"], "甲", "{:#}", items[0]);
    // Without the profile the header cannot be found: exit 2 with the hint.
    catalog()
        .arg("lint")
        .arg(fixture("odd-layout.csv"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--profile"));
}
