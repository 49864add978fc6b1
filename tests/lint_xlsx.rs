//! `catalog lint --format xlsx --output OUT` (issue 25): the clerk's workbook comes back with
//! every finding's cell filled and commented, a 检查结果 sheet whose links land on those cells,
//! a 规则说明 sheet, the same values, and the original untouched. YAML, CSV and JSON sources
//! come back as the converted workbook, marked on the rows of the items the findings are about.
//!
//! The results are read with openpyxl (Python), an independent reader; without it the tests
//! print a note and check only what the binary says.

use assert_cmd::Command;
use serde_json::Value;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

fn repo(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

fn catalog() -> Command {
    Command::cargo_bin("catalog").unwrap()
}

/// The fills of the marks: error, warning, info, changed.
const FILLS: [&str; 4] = ["FFC7CE", "FFEB9C", "DDEBF7", "C6EFCE"];

/// Every sheet, cell value, solid fill, comment and internal link of a workbook, by openpyxl.
const DUMP: &str = r#"
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
out = {"sheets": wb.sheetnames, "cells": {}}
for ws in wb.worksheets:
    cells = {}
    for row in ws.iter_rows():
        for c in row:
            d = {}
            if c.value is not None:
                d["v"] = c.value if isinstance(c.value, (int, float, str, bool)) else str(c.value)
            if c.fill is not None and c.fill.fill_type == "solid":
                rgb = c.fill.fgColor.rgb
                if isinstance(rgb, str):
                    d["fill"] = rgb[-6:].upper()
            if c.comment is not None:
                d["comment"] = c.comment.text
            if c.hyperlink is not None:
                d["link"] = c.hyperlink.location or c.hyperlink.target
            if d:
                cells[c.coordinate] = d
    out["cells"][ws.title] = cells
print(json.dumps(out, ensure_ascii=False))
"#;

fn have_openpyxl() -> bool {
    let ok = std::process::Command::new("python3")
        .args(["-c", "import openpyxl"])
        .output()
        .is_ok_and(|o| o.status.success());
    // CI installs it and says so: there a missing reader is a failure, not a skip.
    assert!(
        ok || std::env::var_os("CATALOG_REQUIRE_OPENPYXL").is_none(),
        "CATALOG_REQUIRE_OPENPYXL is set but python3 cannot import openpyxl"
    );
    if !ok {
        eprintln!("note: python3 with openpyxl not found; the workbook's contents are not checked");
    }
    ok
}

fn dump(path: &Path) -> Value {
    let out = std::process::Command::new("python3")
        .args(["-c", DUMP])
        .arg(path)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// `catalog lint` with `args`, expecting `code`; its stderr.
fn lint(args: &[&str], dir: &Path, code: i32) -> String {
    let out = catalog().current_dir(dir).arg("lint").args(args).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    assert_eq!(
        out.status.code(),
        Some(code),
        "{err}\n{}",
        String::from_utf8_lossy(&out.stdout)
    );
    err
}

fn findings(file: &Path, dir: &Path, extra: &[&str]) -> Vec<Value> {
    let out = catalog()
        .current_dir(dir)
        .arg("lint")
        .arg(file)
        .args(["-f", "json"])
        .args(extra)
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    doc["diagnostics"].as_array().unwrap().clone()
}

/// "'许可'!F12" or "许可!F12" → ("许可", "F12").
fn split_link(link: &str) -> (String, String) {
    let (sheet, cell) = link.rsplit_once('!').unwrap();
    (sheet.trim_matches('\'').replace("''", "'"), cell.replace('$', ""))
}

/// The rows of 检查结果 that list findings (a 序号), as (rule, item code, link target).
type Listed = (String, Option<String>, Option<(String, String)>);

fn listed(book: &Value) -> Vec<Listed> {
    let cells = &book["cells"]["检查结果"];
    let mut out = Vec::new();
    for r in 2..100_000 {
        let at = |col: &str| &cells[format!("{col}{r}")];
        if at("A")["v"].is_null() && at("B")["v"].is_null() {
            break;
        }
        if at("A")["v"].is_number() {
            let code = at("C")["v"].as_str().unwrap().to_string();
            let item = at("D")["v"].as_str().map(str::to_string);
            out.push((code, item, at("G")["link"].as_str().map(split_link)));
        }
    }
    out
}

/// What every marked workbook must hold: the sheets in front, every finding's cell filled and
/// commented with its code, every link landing on a cell commented with the row's code, and the
/// original sheets' values unchanged (but for `changed` cells).
fn check_marked(marked: &Value, original: Option<&Value>, diags: &[Value], changed: &HashSet<(String, String)>) {
    let sheets: Vec<&str> = marked["sheets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    assert_eq!(sheets[..2], ["检查结果", "规则说明"], "{sheets:?}");
    if let Some(orig) = original {
        let own: Vec<&str> = orig["sheets"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap())
            .collect();
        assert_eq!(sheets[2..], own[..]);
        for s in own {
            let (a, b) = (&orig["cells"][s], &marked["cells"][s]);
            for (cell, v) in a.as_object().unwrap() {
                if changed.contains(&(s.to_string(), cell.clone())) {
                    continue;
                }
                assert_eq!(v["v"], b[cell]["v"], "{s}!{cell} changed");
            }
            for (cell, v) in b.as_object().unwrap() {
                assert!(
                    v["v"].is_null() == a[cell]["v"].is_null() || changed.contains(&(s.to_string(), cell.clone())),
                    "{s}!{cell} gained a value"
                );
            }
        }
    }
    // Every finding with a cell: that cell is filled and its comment names the rule — or, for a
    // finding placed where its item starts (a 序号 merged over several items), the item's own
    // first cell on that row.
    for d in diags {
        let (Some(sheet), Some(cell)) = (d["location"]["sheet"].as_str(), d["location"]["cell"].as_str()) else {
            continue;
        };
        let code = d["code"].as_str().unwrap();
        let marked_with = |c: &Value| {
            FILLS.contains(&c["fill"].as_str().unwrap_or_default())
                && c["comment"].as_str().unwrap_or_default().contains(code)
        };
        let row: String = cell.chars().skip_while(char::is_ascii_uppercase).collect();
        let on_row = marked["cells"][sheet].as_object().unwrap().iter().any(|(at, c)| {
            at.chars().skip_while(char::is_ascii_uppercase).collect::<String>() == row && marked_with(c)
        });
        assert!(
            marked_with(&marked["cells"][sheet][cell]) || on_row,
            "{sheet}!{cell}: not marked with {code}: {}",
            marked["cells"][sheet][cell]
        );
    }
    // The summary lists every finding; each link lands on a cell whose comment names its rule.
    let rows = listed(marked);
    assert_eq!(rows.len(), diags.len());
    let mut codes: Vec<&str> = rows.iter().map(|(c, ..)| c.as_str()).collect();
    let mut want: Vec<&str> = diags.iter().map(|d| d["code"].as_str().unwrap()).collect();
    codes.sort();
    want.sort();
    assert_eq!(codes, want);
    for (code, _, link) in &rows {
        let Some((sheet, cell)) = link else { continue };
        let c = &marked["cells"][sheet.as_str()][cell.as_str()];
        assert!(
            c["comment"].as_str().unwrap_or_default().contains(code.as_str()),
            "link {sheet}!{cell} of {code} lands on {c}"
        );
        assert!(
            FILLS.contains(&c["fill"].as_str().unwrap_or_default()),
            "{sheet}!{cell}: {c}"
        );
    }
}

fn copy_to(dir: &Path, from: &Path) -> PathBuf {
    let to = dir.join(from.file_name().unwrap());
    std::fs::copy(from, &to).unwrap();
    to
}

/// The office workbooks with planted defects: each defect's cell is marked, and the finding
/// list links to it.
#[test]
fn office_workbooks_are_marked_on_their_cells() {
    for (name, planted) in [("guide-7.xlsx", "guide-7.json"), ("power-5.xlsx", "power-5.json")] {
        let dir = tempfile::tempdir().unwrap();
        let input = copy_to(dir.path(), &repo(&format!("tests/fixtures/office/{name}")));
        let before = std::fs::read(&input).unwrap();
        let err = lint(&[name, "-f", "xlsx", "-o", "marked.xlsx"], dir.path(), 1);
        assert!(err.contains("marked.xlsx"), "{err}");
        assert_eq!(std::fs::read(&input).unwrap(), before, "{name} was modified");
        if !have_openpyxl() {
            return;
        }
        let diags = findings(&input, dir.path(), &[]);
        let marked = dump(&dir.path().join("marked.xlsx"));
        check_marked(&marked, Some(&dump(&input)), &diags, &HashSet::new());
        let planted: Value =
            serde_json::from_str(&std::fs::read_to_string(repo(&format!("tests/fixtures/office/{planted}"))).unwrap())
                .unwrap();
        let sheet = marked["sheets"][2].as_str().unwrap();
        for p in planted.as_array().unwrap() {
            let rule = p["rule"].as_str().unwrap();
            let Some(col) = p["column"].as_u64() else {
                // A defect of the whole item: marked on its row.
                let row = p["row"].to_string();
                let hit = marked["cells"][sheet].as_object().unwrap().iter().any(|(at, c)| {
                    at.chars().skip_while(char::is_ascii_uppercase).collect::<String>() == row
                        && c["comment"].as_str().unwrap_or_default().contains(rule)
                });
                assert!(hit, "{name}: planted {p} not marked on its row");
                continue;
            };
            let cell = format!("{}{}", catalog::model::loc::column_letters(col as u32), p["row"]);
            let c = &marked["cells"][sheet][&cell];
            assert!(
                c["comment"].as_str().unwrap_or_default().contains(rule),
                "{name}: planted {p} not marked at {cell}: {c}"
            );
            if p["entry"].as_u64().unwrap_or(0) > 0 {
                let n = p["entry"].as_u64().unwrap();
                assert!(c["comment"].as_str().unwrap().contains(&format!("第{n}项")), "{c}");
            }
        }
        // 规则说明: one row per rule that fired, with its page's sections.
        let rules = &marked["cells"]["规则说明"];
        let fired: HashSet<&str> = diags.iter().map(|d| d["code"].as_str().unwrap()).collect();
        let listed_rules: HashSet<&str> = (2..2 + fired.len())
            .map(|r| rules[format!("A{r}")]["v"].as_str().unwrap())
            .collect();
        assert_eq!(listed_rules, fired);
        assert!(rules["D2"]["v"].as_str().is_some_and(|s| !s.is_empty()));
        assert!(rules["F2"]["v"].as_str().is_some_and(|s| !s.is_empty()));
    }
}

/// A folder with the Lucheng samples (材料范例), so converted workbooks find them.
fn with_samples() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let samples = repo("catalogs/luchengqu/samples");
    std::fs::create_dir(dir.path().join("samples")).unwrap();
    for f in std::fs::read_dir(samples).unwrap() {
        let f = f.unwrap().path();
        std::fs::copy(&f, dir.path().join("samples").join(f.file_name().unwrap())).unwrap();
    }
    dir
}

fn convert(dir: &Path, yaml: &str, out: &str) {
    let input = repo(&format!("catalogs/luchengqu/{yaml}"));
    catalog()
        .current_dir(dir)
        .arg("convert")
        .arg(input)
        .arg(out)
        .assert()
        .success();
}

#[test]
fn a_clean_workbook_gets_a_summary_saying_so() {
    let dir = with_samples();
    convert(dir.path(), "市场监管局.yaml", "clean.xlsx");
    let before = std::fs::read(dir.path().join("clean.xlsx")).unwrap();
    lint(&["clean.xlsx", "-f", "xlsx", "-o", "out.xlsx"], dir.path(), 0);
    assert_eq!(std::fs::read(dir.path().join("clean.xlsx")).unwrap(), before);
    if !have_openpyxl() {
        return;
    }
    let marked = dump(&dir.path().join("out.xlsx"));
    check_marked(
        &marked,
        Some(&dump(&dir.path().join("clean.xlsx"))),
        &[],
        &HashSet::new(),
    );
    let text = marked["cells"]["检查结果"].to_string();
    assert!(text.contains("未发现问题"), "{text}");
    for (sheet, cells) in marked["cells"].as_object().unwrap().iter().skip(2) {
        for (cell, c) in cells.as_object().unwrap() {
            assert!(c["comment"].is_null(), "{sheet}!{cell} got a comment: {c}");
        }
    }
}

/// Findings on a YAML, CSV or JSON source land on the rows of their items in the converted
/// workbook, in the column of their field.
#[test]
fn other_sources_are_marked_on_the_converted_copy() {
    let cases = [
        repo("catalogs/luchengqu/人力社保局.yaml"),
        repo("catalogs/luchengqu/民政局.yaml"),
        repo("tests/fixtures/office/guide-9.csv"),
        repo("tests/fixtures/office/guide-7.ods"),
        repo("tests/fixtures/exports/gd-planted.json"),
    ];
    for input in cases {
        let dir = tempfile::tempdir().unwrap();
        let before = std::fs::read(&input).unwrap();
        let out = catalog()
            .current_dir(dir.path())
            .arg("lint")
            .arg(&input)
            .args(["-f", "xlsx", "-o", "out.xlsx"])
            .output()
            .unwrap();
        assert!(
            out.status.code().is_some_and(|c| c <= 1),
            "{}: {}",
            input.display(),
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(std::fs::read(&input).unwrap(), before);
        if !have_openpyxl() {
            return;
        }
        let diags = findings(&input, dir.path(), &[]);
        let marked = dump(&dir.path().join("out.xlsx"));
        // Places are the source's (lines, cells of another layout): the links are checked.
        let no_cells: Vec<Value> = diags
            .iter()
            .map(|d| {
                let mut d = d.clone();
                d["location"] = Value::Null;
                d
            })
            .collect();
        check_marked(&marked, None, &no_cells, &HashSet::new());
        let text = marked["cells"]["检查结果"].to_string();
        assert!(
            text.contains("转换"),
            "{}: no note on the converted copy",
            input.display()
        );
        // Each finding about an item is linked to a row of that item: the row's 事项编码.
        let mut checked = 0;
        for (_, code, link) in listed(&marked) {
            let (Some((sheet, cell)), Some(code)) = (link, code) else {
                continue;
            };
            let row: String = cell.chars().skip_while(char::is_ascii_uppercase).collect();
            let sheet_cells = &marked["cells"][sheet.as_str()];
            let code_col = (0..200)
                .map(catalog::model::loc::column_letters)
                .find(|l| sheet_cells[format!("{l}1")]["v"] == "事项编码")
                .unwrap();
            assert_eq!(
                sheet_cells[format!("{code_col}{row}")]["v"].as_str(),
                Some(code.as_str()),
                "{}: {sheet}!{cell} is not on a row of {code}",
                input.display()
            );
            checked += 1;
        }
        assert!(
            checked > 0 || diags.iter().all(|d| d["item"].is_null()),
            "{}",
            input.display()
        );
    }
}

/// `--fix -f xlsx`: the safe fix goes into the copy (new text, green, the old value in the
/// comment); the original is untouched. Plain `--fix` on a workbook leaves it alone and says
/// how to get the fixed copy.
#[test]
fn fixes_go_into_the_copy_only() {
    let dir = with_samples();
    convert(dir.path(), "人力社保局.yaml", "hr.xlsx");
    let input = dir.path().join("hr.xlsx");
    let before = std::fs::read(&input).unwrap();
    let err = lint(&["hr.xlsx", "--fix"], dir.path(), 1);
    assert!(err.contains("--fix --format xlsx --output"), "{err}");
    assert_eq!(std::fs::read(&input).unwrap(), before);
    let diags = findings(&input, dir.path(), &[]);
    let w004: Vec<&Value> = diags.iter().filter(|d| d["code"] == "W004").collect();
    assert_eq!(w004.len(), 1, "{diags:#?}");
    lint(&["hr.xlsx", "--fix", "-f", "xlsx", "-o", "fixed.xlsx"], dir.path(), 1);
    assert_eq!(std::fs::read(&input).unwrap(), before);
    if !have_openpyxl() {
        return;
    }
    let (sheet, cell) = (
        w004[0]["location"]["sheet"].as_str().unwrap(),
        w004[0]["location"]["cell"].as_str().unwrap(),
    );
    let orig = dump(&input);
    let marked = dump(&dir.path().join("fixed.xlsx"));
    let old = orig["cells"][sheet][cell]["v"].as_str().unwrap();
    let c = &marked["cells"][sheet][cell];
    assert!(old.contains("其它"), "{old}");
    assert_eq!(c["v"].as_str().unwrap(), old.replacen("其它", "其他", 1));
    assert_eq!(c["fill"], "C6EFCE");
    let comment = c["comment"].as_str().unwrap();
    assert!(comment.contains("W004") && comment.contains(old), "{comment}");
    let changed: HashSet<(String, String)> = [(sheet.to_string(), cell.to_string())].into();
    check_marked(&marked, Some(&orig), &diags, &changed);
    assert!(
        marked["cells"]["检查结果"]
            .to_string()
            .contains("已在本副本中自动修改 1 个问题")
    );
}

#[test]
fn the_workbook_needs_an_output_that_is_not_the_input() {
    let dir = tempfile::tempdir().unwrap();
    let input = copy_to(dir.path(), &repo("tests/fixtures/office/guide-7.xlsx"));
    let before = std::fs::read(&input).unwrap();
    let err = lint(&["guide-7.xlsx", "-f", "xlsx"], dir.path(), 2);
    assert!(err.contains("--output"), "{err}");
    let err = lint(&["guide-7.xlsx", "-f", "xlsx", "-o", "guide-7.xlsx"], dir.path(), 2);
    assert!(err.contains("guide-7.xlsx"), "{err}");
    assert_eq!(std::fs::read(&input).unwrap(), before);
}

/// English comments and sheets with `--lang en`.
#[test]
fn english_on_request() {
    let dir = tempfile::tempdir().unwrap();
    copy_to(dir.path(), &repo("tests/fixtures/office/guide-7.xlsx"));
    let out = catalog()
        .current_dir(dir.path())
        .args(["--lang", "en", "lint", "guide-7.xlsx", "-f", "xlsx", "-o", "en.xlsx"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    if !have_openpyxl() {
        return;
    }
    let marked = dump(&dir.path().join("en.xlsx"));
    let text = marked.to_string();
    assert!(text.contains("[error] K001"), "{}", &text[..text.len().min(2000)]);
}

/// `--fix -f xlsx` on YAML: the fix of a text source goes into the converted copy's cell (the
/// material's row), and the YAML file is not written.
#[test]
fn fixes_of_a_yaml_source_go_into_the_converted_copy() {
    let dir = with_samples();
    let yaml = copy_to(dir.path(), &repo("catalogs/luchengqu/人力社保局.yaml"));
    let before = std::fs::read(&yaml).unwrap();
    lint(
        &["人力社保局.yaml", "--fix", "-f", "xlsx", "-o", "fixed.xlsx"],
        dir.path(),
        1,
    );
    assert_eq!(std::fs::read(&yaml).unwrap(), before, "--fix -f xlsx wrote the YAML");
    if !have_openpyxl() {
        return;
    }
    let marked = dump(&dir.path().join("fixed.xlsx"));
    let green: Vec<(&String, &Value)> = marked["cells"]
        .as_object()
        .unwrap()
        .iter()
        .skip(2)
        .flat_map(|(_, cells)| cells.as_object().unwrap().iter())
        .filter(|(_, c)| c["fill"] == "C6EFCE")
        .collect();
    assert_eq!(green.len(), 1, "{green:?}");
    let c = green[0].1;
    assert_eq!(c["v"], "居民身份证或其他有效身份证件");
    assert!(
        c["comment"]
            .as_str()
            .unwrap()
            .contains("原值：居民身份证或其它有效身份证件"),
        "{c}"
    );
}

/// A finding on the catalog header of a YAML file lands on its row of 清单信息 in the copy.
#[test]
fn header_findings_land_on_the_header_sheet() {
    for (yaml, code, field) in [
        ("tests/fixtures/rules/S005.yaml", "S005", "上级目录"),
        ("tests/fixtures/sheets/sample.yaml", "F001", "编制单位"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let input = repo(yaml);
        let out = catalog()
            .current_dir(dir.path())
            .arg("lint")
            .arg(&input)
            .args(["-f", "xlsx", "-o", "out.xlsx"])
            .output()
            .unwrap();
        assert!(
            out.status.code().is_some_and(|c| c <= 1),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        if !have_openpyxl() {
            return;
        }
        let marked = dump(&dir.path().join("out.xlsx"));
        let rows: Vec<(String, String)> = listed(&marked)
            .into_iter()
            .filter(|(c, item, _)| c == code && item.is_none())
            .filter_map(|(_, _, link)| link)
            .collect();
        assert!(!rows.is_empty(), "{yaml}: no {code} linked");
        for (sheet, cell) in rows {
            assert_eq!(sheet, "清单信息");
            let row: String = cell.chars().skip_while(char::is_ascii_uppercase).collect();
            assert_eq!(
                marked["cells"]["清单信息"][format!("A{row}")]["v"],
                field,
                "{yaml}: {cell}"
            );
        }
    }
}

/// A fix of one entry of a numbered cell (`2、其它有效证明`) changes that entry only: the
/// numbering, separators and other entries stay as the clerk wrote them.
#[test]
fn a_fix_of_one_entry_keeps_the_cell_as_written() {
    if !have_openpyxl() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let src = repo("tests/fixtures/office/guide-7.xlsx");
    let edit = "import openpyxl, sys\nwb = openpyxl.load_workbook(sys.argv[1])\nc = wb.active['Q45']\n\
                c.value = c.value.replace('2、营业执照', '2、其它有效证明')\nwb.save(sys.argv[2])";
    let made = std::process::Command::new("python3")
        .args(["-c", edit])
        .arg(&src)
        .arg(dir.path().join("entries.xlsx"))
        .output()
        .unwrap();
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    lint(
        &["entries.xlsx", "--fix", "-f", "xlsx", "-o", "fixed.xlsx"],
        dir.path(),
        1,
    );
    let marked = dump(&dir.path().join("fixed.xlsx"));
    let c = &marked["cells"]["Sheet1"]["Q45"];
    assert_eq!(
        c["v"],
        "1、申请书（复印件1份）；2、其他有效证明；3、法定代表人身份证明（加盖公章）；4、其他相关材料"
    );
    let comment = c["comment"].as_str().unwrap();
    assert!(comment.contains("[已修改] W004 第2项“其它有效证明”"), "{comment}");
    assert!(comment.contains("[警告] W002 第4项“其他相关材料”"), "{comment}");
    assert!(
        comment.contains("原值：1、申请书（复印件1份）；2、其它有效证明"),
        "{comment}"
    );
}

/// What the copy cannot keep is said on 检查结果: a workbook with macros, marked into an .xlsx.
#[test]
fn what_is_not_kept_is_said_on_the_summary() {
    if !have_openpyxl() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    // guide-7.xlsx with a VBA project part, as Excel saves an .xlsm.
    let make = r#"
import sys, zipfile
zin = zipfile.ZipFile(sys.argv[1]); zout = zipfile.ZipFile(sys.argv[2], 'w', zipfile.ZIP_DEFLATED)
for i in zin.infolist():
    data = zin.read(i.filename)
    if i.filename == 'xl/_rels/workbook.xml.rels':
        data = data.replace(b'</Relationships>', b'<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/></Relationships>')
    if i.filename == '[Content_Types].xml':
        data = data.replace(b'</Types>', b'<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>')
        data = data.replace(b'spreadsheetml.sheet.main+xml', b'spreadsheetml.sheet.macroEnabled.main+xml')
    zout.writestr(i, data)
zout.writestr('xl/vbaProject.bin', b'\xd0\xcf\x11\xe0' + b'\0' * 508)
zout.close()
"#;
    let made = std::process::Command::new("python3")
        .args(["-c", make])
        .arg(repo("tests/fixtures/office/guide-7.xlsx"))
        .arg(dir.path().join("macro.xlsm"))
        .output()
        .unwrap();
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    lint(&["macro.xlsm", "-f", "xlsx", "-o", "out.xlsx"], dir.path(), 1);
    let marked = dump(&dir.path().join("out.xlsx"));
    let sum = &marked["cells"]["检查结果"];
    let row = (2..10)
        .find(|r| sum[format!("B{r}")]["v"] == "未保留")
        .expect("no 未保留 line");
    assert!(sum[format!("H{row}")]["v"].as_str().unwrap().contains("宏"), "{sum}");
    // Marked on the workbook itself, not a converted copy.
    assert_eq!(marked["sheets"][2], "Sheet1");
}

/// A workbook with a chart sheet and a hidden sheet: the chart sheet's finding (F020) is listed
/// with its place but marks nothing (a chart sheet has no cells), the rest is marked as usual.
#[test]
fn a_chart_sheet_is_listed_not_marked() {
    if !have_openpyxl() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let make = r#"
import sys, openpyxl
from openpyxl.chart import BarChart, Reference
wb = openpyxl.load_workbook(sys.argv[1]); ws = wb.active
chart = BarChart(); chart.add_data(Reference(ws, min_col=1, min_row=5, max_row=10))
wb.create_chartsheet('图表').add_chart(chart)
hidden = wb.create_sheet('隐藏'); hidden['A1'] = 'x'; hidden.sheet_state = 'hidden'
wb.save(sys.argv[2])
"#;
    let made = std::process::Command::new("python3")
        .args(["-c", make])
        .arg(repo("tests/fixtures/office/guide-7.xlsx"))
        .arg(dir.path().join("chart.xlsx"))
        .output()
        .unwrap();
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    lint(&["chart.xlsx", "-f", "xlsx", "-o", "out.xlsx"], dir.path(), 1);
    let input = dir.path().join("chart.xlsx");
    let diags = findings(&input, dir.path(), &[]);
    let marked = dump(&dir.path().join("out.xlsx"));
    assert_eq!(
        marked["sheets"],
        serde_json::json!(["检查结果", "规则说明", "Sheet1", "图表", "隐藏"])
    );
    // One finding is on the chart sheet; the others are marked where they are.
    let on_chart = diags.iter().filter(|d| d["location"]["sheet"] == "图表").count();
    assert_eq!(on_chart, 1);
    for d in diags.iter().filter(|d| d["location"]["sheet"] != "图表") {
        let (sheet, cell) = (
            d["location"]["sheet"].as_str().unwrap(),
            d["location"]["cell"].as_str().unwrap(),
        );
        let c = &marked["cells"][sheet][cell];
        assert!(
            FILLS.contains(&c["fill"].as_str().unwrap_or_default()),
            "{sheet}!{cell}: {c}"
        );
    }
    let text = marked["cells"]["检查结果"].to_string();
    assert!(text.contains("chart.xlsx › 图表 › A1"), "{text}");
    assert!(
        marked["cells"]["隐藏"]["A1"]["comment"]
            .as_str()
            .unwrap()
            .contains("F020")
    );
}

/// The copy is a workbook the clerk goes on with: linted again (after `--fix`, in either
/// language), it is read for its items, not for the 检查结果 and 规则说明 sheets added to it (their
/// 序号 | 事项编码 | 事项名称 columns made each finding an item), and says what the original says
/// less what was fixed.
#[test]
fn a_marked_copy_linted_again_reads_its_items_not_its_findings() {
    let dir = tempfile::tempdir().unwrap();
    copy_to(dir.path(), &repo("tests/fixtures/office/guide-7.xlsx"));
    let key = |d: &Value| {
        (
            d["code"].as_str().unwrap().to_string(),
            d["location"]["sheet"].as_str().map(str::to_string),
            d["location"]["cell"].as_str().map(str::to_string),
        )
    };
    let before = findings(&dir.path().join("guide-7.xlsx"), dir.path(), &[]);
    let mut left: Vec<_> = before.iter().filter(|d| d["fixable"] != true).map(key).collect();
    left.sort();
    assert!(
        left.iter().any(|k| k.0 == "K001") && left.len() < before.len(),
        "{before:#?}"
    );
    for (lang, out) in [("zh", "fixed.xlsx"), ("en", "fixed-en.xlsx")] {
        let run = catalog()
            .current_dir(dir.path())
            .args([
                "--lang",
                lang,
                "lint",
                "guide-7.xlsx",
                "--fix",
                "--unsafe-fixes",
                "-f",
                "xlsx",
                "-o",
                out,
            ])
            .output()
            .unwrap();
        assert_eq!(run.status.code(), Some(1), "{}", String::from_utf8_lossy(&run.stderr));
        let mut again: Vec<_> = findings(&dir.path().join(out), dir.path(), &[])
            .iter()
            .map(key)
            .collect();
        again.sort();
        assert_eq!(again, left, "{lang}");
    }
}

/// A marked copy marked again (a clerk fixed cells in it, or let `--fix` do it, and checks it
/// once more): the earlier sheets in front are replaced, not joined by `检查结果 (2)`, and the
/// earlier marks come off every cell this run leaves clean — only this run's findings show.
#[test]
fn a_marked_copy_marked_again_shows_this_runs_findings_only() {
    let dir = tempfile::tempdir().unwrap();
    let input = copy_to(dir.path(), &repo("tests/fixtures/office/guide-7.xlsx"));
    lint(
        &[
            "guide-7.xlsx",
            "--fix",
            "--unsafe-fixes",
            "-f",
            "xlsx",
            "-o",
            "fixed.xlsx",
        ],
        dir.path(),
        1,
    );
    lint(&["fixed.xlsx", "-f", "xlsx", "-o", "again.xlsx"], dir.path(), 1);
    let run = catalog()
        .current_dir(dir.path())
        .args([
            "--lang",
            "en",
            "lint",
            "fixed.xlsx",
            "-f",
            "xlsx",
            "-o",
            "again-en.xlsx",
        ])
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1), "{}", String::from_utf8_lossy(&run.stderr));
    if !have_openpyxl() {
        return;
    }
    let (orig, fixed, again) = (
        dump(&input),
        dump(&dir.path().join("fixed.xlsx")),
        dump(&dir.path().join("again.xlsx")),
    );
    let own: Vec<&str> = orig["sheets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    assert_eq!(fixed["sheets"], again["sheets"]);
    let en = dump(&dir.path().join("again-en.xlsx"));
    let en_sheets: Vec<&str> = en["sheets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    assert_eq!(en_sheets[..2], ["Findings", "Rules"]);
    assert_eq!(en_sheets[2..], own[..]);
    // The cells `--fix` changed (marked green in fixed.xlsx).
    let mut changed = HashSet::new();
    for s in &own {
        for (cell, v) in fixed["cells"][*s].as_object().unwrap() {
            if v["v"] != orig["cells"][*s][cell]["v"] {
                changed.insert((s.to_string(), cell.clone()));
            }
        }
    }
    assert!(changed.len() >= 3, "{changed:?}");
    let diags = findings(&dir.path().join("fixed.xlsx"), dir.path(), &[]);
    check_marked(&again, Some(&orig), &diags, &changed);
    // No cell keeps an earlier mark: each commented or filled cell is one this run marks.
    let rows_of = |sheet: &str| -> HashSet<String> {
        diags
            .iter()
            .filter(|d| d["location"]["sheet"] == sheet)
            .filter_map(|d| d["location"]["cell"].as_str())
            .map(|c| c.chars().skip_while(char::is_ascii_uppercase).collect())
            .collect()
    };
    let mut cleared = 0;
    for s in &own {
        let rows = rows_of(s);
        for (cell, c) in again["cells"][*s].as_object().unwrap() {
            let row: String = cell.chars().skip_while(char::is_ascii_uppercase).collect();
            let marked = c["comment"].is_string() || FILLS.contains(&c["fill"].as_str().unwrap_or_default());
            assert!(!marked || rows.contains(&row), "{s}!{cell} keeps an earlier mark: {c}");
            if changed.contains(&(s.to_string(), cell.clone())) && !marked {
                cleared += 1;
            }
        }
    }
    assert!(cleared >= 3, "the fixed cells kept their marks");
}
