//! The marked-up copy of a workbook (`catalog::xlsx_edit`): built on workbooks written by
//! rust_xlsxwriter and by LibreOffice, checked part by part here and through openpyxl
//! (tests/xlsx_edit/check.py), as a checker opening the results would.

use catalog::xlsx_edit::{CellMark, Edit, Mark, NewCell, NewSheet, apply, inspect};
use rust_xlsxwriter::{Chart, ChartType, DataValidation, Format, Note, Workbook};
use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

/// A clerk's workbook with everything a copy must keep: merged ranges, a frozen pane, a
/// hidden row and a hidden sheet, a data validation, formulas, widths, a chart, a comment,
/// number formats, a sheet-scoped and a global defined name, a chart sheet.
fn clerk_workbook(path: &Path) {
    let mut wb = Workbook::new();
    let money = Format::new().set_num_format("0.00");
    let bold = Format::new().set_bold();
    {
        let s = wb.add_worksheet().set_name("许可").unwrap();
        for (c, h) in ["事项编码", "事项名称", "设定依据", "承诺时限", "收费"]
            .iter()
            .enumerate()
        {
            s.write_string_with_format(0, c as u16, *h, &bold).unwrap();
        }
        for r in 1..=20u32 {
            s.write_string(r, 0, format!("XK-{r:03}")).unwrap();
            s.write_string(r, 1, format!("事项 {r}")).unwrap();
            s.write_string(r, 2, "《行政许可法》第十二条").unwrap();
            s.write_number(r, 3, f64::from(r)).unwrap();
            s.write_formula_with_format(r, 4, format!("=D{}*2", r + 1).as_str(), &money)
                .unwrap();
        }
        s.merge_range(21, 0, 22, 1, "合并说明", &Format::new()).unwrap();
        s.set_freeze_panes(1, 0).unwrap();
        s.set_row_hidden(5).unwrap();
        s.set_column_width(1, 30).unwrap();
        s.set_column_width(2, 44).unwrap();
        let dv = DataValidation::new().allow_whole_number(rust_xlsxwriter::DataValidationRule::Between(1, 60));
        s.add_data_validation(1, 3, 20, 3, &dv).unwrap();
        s.insert_note(3, 2, &Note::new("原有批注：请核对").set_author("张三"))
            .unwrap();
        s.set_print_area(0, 0, 22, 4).unwrap();
        let mut chart = Chart::new(ChartType::Column);
        chart.add_series().set_values("='许可'!$D$2:$D$21");
        s.insert_chart(2, 7, &chart).unwrap();
    }
    {
        let s = wb.add_worksheet().set_name("O'Brien 表").unwrap();
        s.write_string(0, 0, "名称").unwrap();
        s.write_string(1, 0, "甲").unwrap();
    }
    {
        let s = wb.add_worksheet().set_name("隐藏").unwrap();
        s.write_string(0, 0, "不显示").unwrap();
        s.set_hidden(true);
    }
    {
        let mut chart = Chart::new(ChartType::Line);
        chart.add_series().set_values("='许可'!$D$2:$D$21");
        wb.add_chartsheet()
            .set_name("图")
            .unwrap()
            .insert_chart(0, 0, &chart)
            .unwrap();
    }
    wb.define_name("合计", "='许可'!$D$2:$D$21").unwrap();
    wb.save(path).unwrap();
}

fn mark(sheet: &str, row: u32, col: u32, m: Mark, comment: &str, new_value: Option<&str>) -> CellMark {
    CellMark {
        sheet: sheet.into(),
        row,
        col,
        mark: m,
        comment: comment.into(),
        new_value: new_value.map(str::to_string),
    }
}

fn summary(links: Vec<(String, u32, u32)>) -> Vec<NewSheet> {
    let rows = links
        .into_iter()
        .map(|(sheet, row, col)| {
            vec![
                NewCell::Marked("错误".into(), Mark::Error),
                NewCell::Text("=T004".into()),
                NewCell::Number(1.5),
                NewCell::Empty,
                NewCell::Link {
                    text: format!("{sheet} › {}", catalog::model::loc::a1(row, col)),
                    sheet,
                    row,
                    col,
                },
            ]
        })
        .collect();
    vec![
        NewSheet {
            name: "检查结果".into(),
            columns: vec![
                ("严重程度".into(), 8.0),
                ("规则".into(), 8.0),
                ("数".into(), 6.0),
                ("说明".into(), 50.0),
                ("位置".into(), 24.0),
            ],
            rows,
            autofilter: true,
            freeze_header: true,
            landscape_a4: true,
        },
        NewSheet {
            name: "规则说明".into(),
            columns: vec![("规则".into(), 8.0), ("说明".into(), 80.0)],
            rows: vec![vec![
                NewCell::Text("T004".into()),
                NewCell::Text("检查什么\n为什么".into()),
            ]],
            autofilter: false,
            freeze_header: true,
            landscape_a4: false,
        },
    ]
}

/// Every part of a zip: name → (raw compressed bytes, inflated bytes).
fn parts(path: &Path) -> BTreeMap<String, (Vec<u8>, Vec<u8>)> {
    let bytes = std::fs::read(path).unwrap();
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = BTreeMap::new();
    for i in 0..z.len() {
        let mut raw = Vec::new();
        let name = {
            let mut f = z.by_index_raw(i).unwrap();
            f.read_to_end(&mut raw).unwrap();
            f.name().unwrap().to_string()
        };
        let mut inflated = Vec::new();
        z.by_index(i).unwrap().read_to_end(&mut inflated).unwrap();
        out.insert(name, (raw, inflated));
    }
    out
}

/// Parts that differ from the input's (changed or new); every other part must be raw-equal.
fn changed_parts(input: &Path, output: &Path) -> Vec<String> {
    let (a, b) = (parts(input), parts(output));
    for name in a.keys() {
        assert!(
            b.contains_key(name) || name.ends_with("vbaProject.bin"),
            "part {name} lost"
        );
    }
    let mut changed = Vec::new();
    for (name, (raw, inflated)) in &b {
        match a.get(name) {
            Some((raw_a, inflated_a)) if inflated_a == inflated => {
                assert_eq!(raw_a, raw, "untouched part {name} not copied byte for byte");
            }
            _ => changed.push(name.clone()),
        }
        if name.ends_with(".xml") || name.ends_with(".rels") || name.ends_with(".vml") {
            let text = std::str::from_utf8(inflated).unwrap();
            if let Err(e) = roxmltree::Document::parse(text) {
                panic!("{name} is not well-formed: {e}");
            }
        }
    }
    changed
}

fn openpyxl() -> bool {
    let ok = std::process::Command::new("python3")
        .args(["-c", "import openpyxl"])
        .status()
        .is_ok_and(|s| s.success());
    // CI installs it and says so: there a missing reader is a failure, not a skip.
    assert!(
        ok || std::env::var_os("CATALOG_REQUIRE_OPENPYXL").is_none(),
        "CATALOG_REQUIRE_OPENPYXL is set but python3 cannot import openpyxl"
    );
    if !ok {
        eprintln!("note: openpyxl checks skipped — python3 with openpyxl not found");
    }
    ok
}

/// Run tests/xlsx_edit/check.py; its findings as the panic message.
fn check_with_openpyxl(input: &Path, output: &Path, expect: serde_json::Value) {
    if !openpyxl() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let e = dir.path().join("expect.json");
    std::fs::write(&e, expect.to_string()).unwrap();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/xlsx_edit/check.py");
    let out = std::process::Command::new("python3")
        .arg(script)
        .arg(input)
        .arg(output)
        .arg(&e)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "openpyxl found:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn tmp(dir: &tempfile::TempDir, name: &str) -> PathBuf {
    dir.path().join(name)
}

#[test]
fn marks_a_clerks_workbook_and_keeps_everything_else() {
    let dir = tempfile::tempdir().unwrap();
    let (input, output) = (tmp(&dir, "鹿城.xlsx"), tmp(&dir, "鹿城-检查结果.xlsx"));
    clerk_workbook(&input);
    let before = std::fs::read(&input).unwrap();
    let marks = vec![
        mark("许可", 2, 1, Mark::Warning, "W001 警告", None),
        mark("许可", 2, 1, Mark::Error, "T004 错误", None),
        mark("许可", 3, 2, Mark::Info, "B010 依据", None),
        mark("许可", 29, 5, Mark::Warning, "缺少列", None),
        mark("许可", 2, 4, Mark::Changed, "改了公式？", Some("x")),
        mark("许可", 1, 1, Mark::Changed, "原值：事项 1", Some("事项一")),
        mark("许可", 22, 1, Mark::Error, "合并单元格里", None),
        mark("许可", 5, 0, Mark::Info, "隐藏行", None),
        mark("O'Brien 表", 0, 0, Mark::Error, "引号表名", None),
    ];
    let links = vec![("许可".to_string(), 29, 5), ("O'Brien 表".to_string(), 0, 0)];
    let edit = Edit {
        marks,
        front_sheets: summary(links),
        replace_sheets: Vec::new(),
    };
    assert!(inspect(&input).unwrap().is_empty());
    apply(&input, &edit, &output).unwrap();
    assert_eq!(std::fs::read(&input).unwrap(), before, "the input changed");

    let changed = changed_parts(&input, &output);
    let expected = [
        "[Content_Types].xml",
        "xl/_rels/workbook.xml.rels",
        "xl/comments2.xml",
        "xl/drawings/vmlDrawing2.vml",
        "xl/styles.xml",
        "xl/workbook.xml",
        "xl/worksheets/_rels/sheet2.xml.rels",
        "xl/comments1.xml",
        "xl/drawings/vmlDrawing1.vml",
        "xl/worksheets/sheet1.xml",
        "xl/worksheets/sheet2.xml",
        "xl/worksheets/sheet4.xml",
        "xl/worksheets/sheet5.xml",
    ];
    let mut want: Vec<String> = expected.iter().map(|s| s.to_string()).collect();
    want.sort();
    let mut got = changed.clone();
    got.sort();
    assert_eq!(got, want);

    let p = parts(&output);
    let sheet1 = String::from_utf8(p["xl/worksheets/sheet1.xml"].1.clone()).unwrap();
    // The formula cell kept its formula; its note says the fix was not written.
    assert!(sheet1.contains("<f>D3*2</f>"), "{sheet1}");
    assert!(!sheet1.contains("tabSelected"), "the clerk's sheet stays selected");
    let comments = String::from_utf8(p["xl/comments1.xml"].1.clone()).unwrap();
    assert!(comments.contains("修复未写入"), "{comments}");

    check_with_openpyxl(
        &input,
        &output,
        serde_json::json!({
            "front": ["检查结果", "规则说明"],
            "marks": [
                ["许可", "B3", "FFC7CE", "W001 警告\n\nT004 错误"],
                ["许可", "C4", "DDEBF7", "B010 依据"],
                ["许可", "F30", "FFEB9C", "缺少列"],
                ["许可", "E3", "C6EFCE", "改了公式"],
                ["许可", "B2", "C6EFCE", "原值：事项 1"],
                ["许可", "A22", "FFC7CE", "合并单元格里"],
                ["许可", "A6", "DDEBF7", "隐藏行"],
                ["O'Brien 表", "A1", "FFC7CE", "引号表名"],
                ["检查结果", "A2", "FFC7CE", ""],
            ],
            "links": [["检查结果", "E2", "'许可'!F30"], ["检查结果", "E3", "'O''Brien 表'!A1"]],
            "values": {"许可": {"B2": "事项一"}},
        }),
    );
}

/// A workbook saved by LibreOffice (other XML: no shared strings reuse, its own styles and
/// relationship ids, `<x:…>`-free but with its own element order).
#[test]
fn marks_a_workbook_saved_by_libreoffice() {
    if std::process::Command::new("soffice").arg("--version").output().is_err() {
        eprintln!("note: skipped — LibreOffice (soffice) not found");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let src = tmp(&dir, "src.xlsx");
    clerk_workbook(&src);
    let lo = tmp(&dir, "lo");
    let status = std::process::Command::new("soffice")
        .args([
            "--headless",
            "-env:UserInstallation=file:///tmp/lo_xlsx_edit_test",
            "--convert-to",
            "xlsx",
            "--outdir",
        ])
        .arg(&lo)
        .arg(&src)
        .output()
        .unwrap();
    let input = lo.join("src.xlsx");
    assert!(
        input.exists(),
        "LibreOffice did not convert: {}",
        String::from_utf8_lossy(&status.stderr)
    );
    let output = tmp(&dir, "out.xlsx");
    let marks = vec![
        mark("许可", 2, 1, Mark::Error, "T004 错误", None),
        mark("许可", 3, 2, Mark::Info, "B010 依据", None),
        mark("许可", 40, 7, Mark::Warning, "新行", None),
        mark("O'Brien 表", 1, 0, Mark::Changed, "原值：甲", Some("乙")),
    ];
    let edit = Edit {
        marks,
        front_sheets: summary(vec![("许可".to_string(), 2, 1)]),
        replace_sheets: Vec::new(),
    };
    apply(&input, &edit, &output).unwrap();
    changed_parts(&input, &output);
    check_with_openpyxl(
        &input,
        &output,
        serde_json::json!({
            "front": ["检查结果", "规则说明"],
            "marks": [
                ["许可", "B3", "FFC7CE", "T004 错误"],
                ["许可", "C4", "DDEBF7", "B010 依据"],
                ["许可", "H41", "FFEB9C", "新行"],
                ["O'Brien 表", "A2", "C6EFCE", "原值：甲"],
            ],
            "links": [["检查结果", "E2", "'许可'!B3"]],
            "values": {"O'Brien 表": {"A2": "乙"}},
        }),
    );
}

#[test]
fn no_findings_gives_the_workbook_with_its_summary_first() {
    let dir = tempfile::tempdir().unwrap();
    let (input, output) = (tmp(&dir, "a.xlsx"), tmp(&dir, "b.xlsx"));
    clerk_workbook(&input);
    let mut front = summary(vec![]);
    front[0].rows.push(vec![NewCell::Text("未发现问题".into())]);
    apply(
        &input,
        &Edit {
            marks: vec![],
            front_sheets: front,
            replace_sheets: Vec::new(),
        },
        &output,
    )
    .unwrap();
    let changed = changed_parts(&input, &output);
    assert!(!changed.iter().any(|c| c.contains("comments")), "{changed:?}");
    check_with_openpyxl(
        &input,
        &output,
        serde_json::json!({"front": ["检查结果", "规则说明"], "marks": []}),
    );
}

#[test]
fn refuses_what_it_cannot_do_with_the_file_named() {
    let dir = tempfile::tempdir().unwrap();
    let input = tmp(&dir, "a.xlsx");
    clerk_workbook(&input);
    let out = tmp(&dir, "b.xlsx");
    let err = |edit: &Edit, out: &Path| apply(&input, edit, out).unwrap_err().to_string();

    let e = err(
        &Edit {
            marks: vec![mark("没有", 0, 0, Mark::Error, "", None)],
            front_sheets: vec![],
            replace_sheets: Vec::new(),
        },
        &out,
    );
    assert!(e.contains("a.xlsx") && e.contains("没有") && e.contains("许可"), "{e}");
    let e = err(
        &Edit {
            marks: vec![mark("图", 0, 0, Mark::Error, "", None)],
            front_sheets: vec![],
            replace_sheets: Vec::new(),
        },
        &out,
    );
    assert!(e.contains("图") && e.contains("不是工作表"), "{e}");
    let e = err(
        &Edit {
            marks: vec![mark("许可", 1 << 20, 0, Mark::Error, "", None)],
            front_sheets: vec![],
            replace_sheets: Vec::new(),
        },
        &out,
    );
    assert!(e.contains("超出"), "{e}");
    let e = err(&Edit::default(), &input);
    assert!(e.contains("不能写到原工作簿上"), "{e}");
    assert!(!out.exists());

    // An encrypted workbook is an OLE file, not a zip.
    let enc = tmp(&dir, "加密.xlsx");
    let mut cfb = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    cfb.resize(4096, 0);
    std::fs::write(&enc, &cfb).unwrap();
    let e = inspect(&enc).unwrap_err().to_string();
    assert!(e.contains("加密.xlsx") && e.contains("加密"), "{e}");
    let e = apply(&enc, &Edit::default(), &out).unwrap_err().to_string();
    assert!(e.contains("加密.xlsx"), "{e}");
    std::fs::write(&enc, "not a workbook").unwrap();
    assert!(inspect(&enc).unwrap_err().to_string().contains("不是 .xlsx"));
    assert!(!out.exists());

    // Strict Open XML and binary workbooks, told by their package relationships.
    for (file, target, kind, words) in [
        (
            "strict.xlsx",
            "xl/workbook.xml",
            "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument",
            "严格",
        ),
        (
            "b.xlsb",
            "xl/workbook.bin",
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
            ".xlsb",
        ),
    ] {
        let path = tmp(&dir, file);
        let mut z = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
        z.start_file("_rels/.rels", zip::write::SimpleFileOptions::default())
            .unwrap();
        let rels = format!(
            r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{kind}" Target="{target}"/></Relationships>"#
        );
        std::io::Write::write_all(&mut z, rels.as_bytes()).unwrap();
        z.start_file(target, zip::write::SimpleFileOptions::default()).unwrap();
        z.finish().unwrap();
        let e = inspect(&path).unwrap_err().to_string();
        assert!(e.contains(file) && e.contains(words), "{e}");
    }
}

/// Macros: `inspect` says what happens to them; an .xlsm copy keeps the VBA part byte for
/// byte, an .xlsx copy leaves it out with its relationship and the macro content type (Excel
/// refuses an .xlsx holding macros).
#[test]
fn macros_kept_in_xlsm_and_left_out_of_xlsx() {
    let dir = tempfile::tempdir().unwrap();
    let vba = tmp(&dir, "vbaProject.bin");
    std::fs::write(&vba, b"\xD0\xCF\x11\xE0 not a real VBA project, only carried").unwrap();
    let input = tmp(&dir, "宏.xlsm");
    let mut wb = Workbook::new();
    wb.add_worksheet()
        .set_name("许可")
        .unwrap()
        .write_string(0, 0, "名称")
        .unwrap();
    wb.add_vba_project(&vba).unwrap();
    wb.save(&input).unwrap();
    let notes = inspect(&input).unwrap();
    assert_eq!(notes.len(), 1);
    assert!(
        notes[0].zh.contains("宏") && notes[0].en.contains("macros"),
        "{notes:?}"
    );

    let edit = Edit {
        marks: vec![mark("许可", 0, 0, Mark::Error, "T004", None)],
        front_sheets: summary(vec![]),
        replace_sheets: Vec::new(),
    };
    let kept = tmp(&dir, "out.xlsm");
    apply(&input, &edit, &kept).unwrap();
    changed_parts(&input, &kept);
    let p = parts(&kept);
    assert!(p.contains_key("xl/vbaProject.bin"));
    assert!(String::from_utf8_lossy(&p["[Content_Types].xml"].1).contains("macroEnabled.main+xml"));

    let dropped = tmp(&dir, "out.xlsx");
    apply(&input, &edit, &dropped).unwrap();
    let p = parts(&dropped);
    assert!(!p.contains_key("xl/vbaProject.bin"));
    let types = String::from_utf8_lossy(&p["[Content_Types].xml"].1).into_owned();
    assert!(
        !types.contains("macroEnabled") && !types.contains("vbaProject"),
        "{types}"
    );
    assert!(types.contains("spreadsheetml.sheet.main+xml"), "{types}");
    assert!(!String::from_utf8_lossy(&p["xl/_rels/workbook.xml.rels"].1).contains("vbaProject"));
    check_with_openpyxl(
        &input,
        &dropped,
        serde_json::json!({"front": ["检查结果", "规则说明"], "marks": [["许可", "A1", "FFC7CE", "T004"]]}),
    );
}

/// Broken parts never panic: each part the editor reads, cut short at many places (and with
/// bytes flipped), gives a copy or an error naming the file — and never touches the input.
#[test]
fn broken_parts_give_errors_not_panics() {
    let dir = tempfile::tempdir().unwrap();
    let good = tmp(&dir, "good.xlsx");
    clerk_workbook(&good);
    let original = parts(&good);
    let names: Vec<String> = original.keys().cloned().collect();
    let edit = Edit {
        marks: vec![
            mark("许可", 2, 1, Mark::Error, "T004", Some("新")),
            mark("许可", 3, 2, Mark::Info, "B010", None),
            mark("许可", 30, 9, Mark::Warning, "W", None),
        ],
        front_sheets: summary(vec![("许可".to_string(), 2, 1)]),
        replace_sheets: Vec::new(),
    };
    let targets = [
        "xl/worksheets/sheet1.xml",
        "xl/styles.xml",
        "xl/workbook.xml",
        "xl/_rels/workbook.xml.rels",
        "xl/comments1.xml",
        "xl/drawings/vmlDrawing1.vml",
        "[Content_Types].xml",
        "xl/worksheets/_rels/sheet1.xml.rels",
    ];
    let (mut ok, mut refused) = (0, 0);
    for target in targets {
        let body = &original[target].1;
        let step = (body.len() / 11).max(1);
        for cut in (0..body.len()).step_by(step) {
            for flip in [false, true] {
                let mut broken = body[..cut].to_vec();
                if flip && cut > 0 {
                    // A `<` turned into `>` (or the last byte changed): tags that do not close.
                    let i = cut / 2;
                    broken[i] = if broken[i] == b'<' { b'>' } else { b'<' };
                    broken.extend_from_slice(&body[cut..]);
                }
                let input = tmp(&dir, "broken.xlsx");
                let mut z = zip::ZipWriter::new(std::fs::File::create(&input).unwrap());
                for n in &names {
                    z.start_file(n.as_str(), zip::write::SimpleFileOptions::default())
                        .unwrap();
                    let bytes = if n == target { &broken } else { &original[n].1 };
                    std::io::Write::write_all(&mut z, bytes).unwrap();
                }
                z.finish().unwrap();
                let before = std::fs::read(&input).unwrap();
                let out = tmp(&dir, "out.xlsx");
                let _ = std::fs::remove_file(&out);
                match apply(&input, &edit, &out) {
                    Ok(()) => ok += 1,
                    Err(e) => {
                        assert!(e.to_string().contains("broken.xlsx"), "{e}");
                        refused += 1;
                    }
                }
                assert_eq!(std::fs::read(&input).unwrap(), before);
            }
        }
    }
    assert!(ok > 0 && refused > 0, "ok {ok}, refused {refused}");
}

/// A bare workbook as small writers make it: no styles part, no shared strings, no sheet
/// relationships, no `xmlns:r` on the sheet, rows and cells without `r`, a `x:` prefix.
#[test]
fn marks_a_bare_workbook_from_a_small_writer() {
    let dir = tempfile::tempdir().unwrap();
    let input = tmp(&dir, "bare.xlsx");
    let files = [
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#,
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
        ),
        (
            "xl/workbook.xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:rel="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><x:sheets><x:sheet name="清单" sheetId="1" rel:id="rId1"/></x:sheets></x:workbook>"#,
        ),
        (
            "xl/_rels/workbook.xml.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#,
        ),
        (
            "xl/worksheets/sheet1.xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row><x:c t="inlineStr"><x:is><x:t>事项名称</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t>承诺时限</x:t></x:is></x:c></x:row><x:row><x:c t="inlineStr"><x:is><x:t>食品经营许可</x:t></x:is></x:c><x:c><x:v>20</x:v></x:c></x:row></x:sheetData></x:worksheet>"#,
        ),
    ];
    let mut z = zip::ZipWriter::new(std::fs::File::create(&input).unwrap());
    for (name, body) in files {
        z.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
        std::io::Write::write_all(&mut z, body.as_bytes()).unwrap();
    }
    z.finish().unwrap();
    let output = tmp(&dir, "out.xlsx");
    let edit = Edit {
        marks: vec![
            mark("清单", 1, 1, Mark::Warning, "L001 时限", None),
            mark("清单", 0, 1, Mark::Changed, "原值：承诺时限", Some("承诺办结时限")),
            mark("清单", 3, 0, Mark::Error, "新行", None),
        ],
        front_sheets: summary(vec![("清单".to_string(), 1, 1)]),
        replace_sheets: Vec::new(),
    };
    apply(&input, &edit, &output).unwrap();
    let p = parts(&output);
    assert!(p.keys().any(|k| k.starts_with("xl/styles")), "a styles part is added");
    let sheet = String::from_utf8(p["xl/worksheets/sheet1.xml"].1.clone()).unwrap();
    assert!(
        sheet.contains(
            "<x:row r=\"2\"><x:c t=\"inlineStr\"><x:is><x:t>食品经营许可</x:t></x:is></x:c><x:c r=\"B2\" s=\""
        ),
        "{sheet}"
    );
    changed_parts(&input, &output);
    check_with_openpyxl(
        &input,
        &output,
        serde_json::json!({
            "front": ["检查结果", "规则说明"],
            "marks": [["清单", "B2", "FFEB9C", "L001"], ["清单", "B1", "C6EFCE", "原值"], ["清单", "A4", "FFC7CE", "新行"]],
            "links": [["检查结果", "E2", "'清单'!B2"]],
            "values": {"清单": {"B1": "承诺办结时限"}},
        }),
    );
}
