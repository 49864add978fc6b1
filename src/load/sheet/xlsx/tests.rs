//! The fast reader against calamine: every workbook here is read both ways, in tiny pieces (so
//! that rows are cut apart everywhere) and in the real size, and the grids must be the same.

use super::super::grid::Grid;
use super::super::read_xlsx_with_calamine;
use super::read_in_pieces;
use rust_xlsxwriter::{Format, Formula, Workbook};
use std::fmt::Write;
use std::io::Write as _;
use std::path::Path;

/// Everything a grid holds that the item reader looks at.
fn snapshot(g: &Grid) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "sheet {} {:?} origin {:?} hidden {} rows hidden {:?} errors {:?} formulas {:?}",
        g.sheet, g.name, g.origin, g.hidden, g.hidden_rows, g.errors, g.formulas_without_value
    );
    for r in 0..g.height() {
        let cells: Vec<&str> = g.row(r).collect();
        let _ = writeln!(s, "{r}: {cells:?}");
    }
    s
}

fn both(bytes: &[u8]) -> (Option<String>, String) {
    let slow = read_xlsx_with_calamine(Path::new("t.xlsx"), bytes).expect("calamine reads it");
    let show = |(grids, names): (Vec<Grid>, Vec<String>)| {
        let mut s = format!("names {names:?}\n");
        grids.iter().for_each(|g| s.push_str(&snapshot(g)));
        s
    };
    let slow = show(slow);
    let mut fast = None;
    for piece in [64, 1000, super::PIECE] {
        let got = read_in_pieces(bytes, u64::MAX, piece).map(show);
        if piece > 64 {
            assert_eq!(got, fast, "piece size changes the result");
        }
        fast = got;
    }
    (fast, slow)
}

#[track_caller]
fn same(bytes: &[u8]) {
    let (fast, slow) = both(bytes);
    let fast = fast.expect("the fast reader takes this workbook");
    assert_eq!(fast, slow);
}

fn save(mut wb: Workbook) -> Vec<u8> {
    wb.save_to_buffer().unwrap()
}

/// A clerk's workbook: title rows, data from B4, merged 主项, a hidden row, a hidden sheet with a
/// formula and a date, numbers, booleans, rich text, full-width spaces, an empty sheet.
fn clerk() -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("市场监管局").unwrap();
    ws.write_string(1, 1, "鹿城区行政许可事项清单").unwrap();
    for (c, h) in ["序号", "主项名称", "权力名称", "事项编码", "法定时限", "到现场次数"]
        .iter()
        .enumerate()
    {
        ws.write_string(3, 1 + c as u16, *h).unwrap();
    }
    ws.merge_range(4, 2, 6, 2, "食品经营许可", &Format::new()).unwrap();
    ws.write_string(4, 3, "食品经营许可（新办）").unwrap();
    ws.write_string(5, 3, "\u{3000}食品经营许可（变更）\u{3000}").unwrap();
    ws.write_string(6, 3, "1.《甲法》第三条\r\n2.《乙条例》第五条").unwrap();
    ws.write_string(6, 4, "a & b < c > \"d\" 'e' _x000D_ tab\there")
        .unwrap();
    ws.write_number(4, 6, 3.0).unwrap();
    ws.write_number(5, 6, 0.1 + 0.2).unwrap();
    ws.write_number(6, 6, -1234567.25).unwrap();
    ws.write_boolean(4, 7, true).unwrap();
    ws.write_boolean(5, 7, false).unwrap();
    let bold = Format::new().set_bold();
    ws.write_rich_string(7, 3, &[(&bold, "加粗"), (&Format::default(), " 普通 ")])
        .unwrap();
    ws.set_row_hidden(5).unwrap();
    let hidden = wb.add_worksheet();
    hidden.set_name("卫健局").unwrap();
    hidden
        .write_formula(1, 2, Formula::new("=\"5\"&\"工作日\"").set_result("5工作日"))
        .unwrap();
    hidden
        .write_formula(1, 3, Formula::new("=1+2").set_result("3"))
        .unwrap();
    let date = rust_xlsxwriter::ExcelDateTime::from_ymd(2024, 6, 1).unwrap();
    hidden
        .write_datetime_with_format(1, 4, &date, &Format::new().set_num_format("yyyy-mm-dd"))
        .unwrap();
    let time = rust_xlsxwriter::ExcelDateTime::from_hms(13, 30, 5).unwrap();
    hidden
        .write_datetime_with_format(1, 5, &time, &Format::new().set_num_format("[h]:mm:ss"))
        .unwrap();
    hidden
        .write_number_with_format(1, 6, 45321.0, &Format::new().set_num_format("yyyy\"年\"m\"月\"d\"日\""))
        .unwrap();
    hidden
        .write_number_with_format(1, 7, 12.5, &Format::new().set_num_format("0.00_);[Red](0.00)"))
        .unwrap();
    hidden.set_hidden(true);
    wb.add_worksheet().set_name("空表").unwrap();
    let notes = wb.add_worksheet();
    notes.set_name("说明 & <注>").unwrap();
    notes.write_string(0, 0, "填表说明：每个事项一行").unwrap();
    save(wb)
}

#[test]
fn same_grids_as_calamine_on_a_clerks_workbook() {
    same(&clerk());
}

#[test]
fn same_grids_on_catalogs_written_by_convert() {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let sources = [
        (root.join("catalogs"), None),
        (
            root.join("data/real/gd-gdzwfw-policy-kg/policy.json"),
            Some("gd-gdzwfw.yaml"),
        ),
        (
            root.join("data/real/sc-guangan-bszl/bszl-data.array.json"),
            Some("sc-bszl.yaml"),
        ),
    ];
    for (k, (src, profile)) in sources.iter().enumerate() {
        let opts = crate::load::LoadOptions {
            profile: profile.map(|p| root.join("profiles").join(p)),
            ..Default::default()
        };
        let Ok(cat) = crate::load::load_paths(std::slice::from_ref(src), &opts) else {
            panic!("{} loads", src.display());
        };
        assert!(!cat.items.is_empty(), "{}", src.display());
        for by in [crate::convert::SheetsBy::Type, crate::convert::SheetsBy::One] {
            let out = dir.path().join(format!("c{k}-{by:?}.xlsx"));
            crate::convert::xlsx::write(&cat, &out, by).unwrap();
            same(&std::fs::read(&out).unwrap());
        }
    }
}

/// A workbook from its parts, for what writers other than rust_xlsxwriter put in sheets.
fn workbook(sheets: &[&str], shared: &str, styles: &str, date1904: bool) -> Vec<u8> {
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    let mut put = |name: &str, text: &str| {
        z.start_file(name, opts).unwrap();
        z.write_all(text.as_bytes()).unwrap();
    };
    let ns = r#"xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;
    let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    put(
        "[Content_Types].xml",
        r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>"#,
    );
    put(
        "_rels/.rels",
        &format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
        ),
    );
    let mut book = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><workbook {ns}><workbookPr date1904="{}"/><sheets>"#,
        date1904 as u8
    );
    let mut rels = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    );
    for i in 1..=sheets.len() {
        let state = if i == 2 { r#" state="hidden""# } else { "" };
        let _ = write!(book, r#"<sheet name="表{i}" sheetId="{i}"{state} r:id="rId{i}"/>"#);
        let _ = write!(
            rels,
            r#"<Relationship Id="rId{i}" Type="{rel}/worksheet" Target="worksheets/sheet{i}.xml"/>"#
        );
    }
    book.push_str("</sheets></workbook>");
    let n = sheets.len() + 1;
    let _ = write!(
        rels,
        r#"<Relationship Id="rId{n}" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId{}" Type="{rel}/styles" Target="styles.xml"/></Relationships>"#,
        n + 1
    );
    put("xl/workbook.xml", &book);
    put("xl/_rels/workbook.xml.rels", &rels);
    put(
        "xl/sharedStrings.xml",
        &format!(r#"<?xml version="1.0" encoding="UTF-8"?><sst {ns}>{shared}</sst>"#),
    );
    put(
        "xl/styles.xml",
        &format!(r#"<?xml version="1.0" encoding="UTF-8"?><styleSheet {ns}>{styles}</styleSheet>"#),
    );
    for (i, body) in sheets.iter().enumerate() {
        put(
            &format!("xl/worksheets/sheet{}.xml", i + 1),
            &format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet {ns} xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac">{body}</worksheet>"#
            ),
        );
    }
    z.finish().unwrap().into_inner()
}

const SHARED: &str = r#"<si><t xml:space="preserve">  申请书  </t></si><si><r><rPr><b/></rPr><t>营业</t></r><r><t xml:space="preserve"> 执照</t></r><rPh sb="0" eb="2"><t>エイギョウ</t></rPh></si><si><t>a&amp;b&#x4E2D;_x000D_c</t></si><si/><si><t>line1
line2</t></si>"#;

const STYLES: &str = r#"<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy/m/d"/><numFmt numFmtId="165" formatCode="&quot;第&quot;0&quot;项&quot;"/></numFmts><cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="165"/><xf numFmtId="14"/><xf numFmtId="46"/></cellXfs>"#;

#[test]
fn same_grids_on_what_other_writers_put_in_sheets() {
    let main = r#"<dimension ref="B2:F9"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetData>
<row r="2" spans="2:6" x14ac:dyDescent="0.25"><c r="B2" t="s"><v>0</v></c><c r="C2" s="0" t="s"><v>1</v></c><c r='D2' t='s'><v>2</v></c><c r="E2" t="s"><v>3</v></c><c r="F2" t="s"><v>4</v></c></row>
<row r="3"><c r="B3" t="inlineStr"><is><t>  内联 &lt;文本&gt; </t></is></c><c r="C3" t="inlineStr"><is><r><t>富</t></r><r><t xml:space="preserve"> 文本</t></r></is></c><c r="D3" t="str"><f>A1&amp;"x"</f><v>公式_x000D_结果 &amp; 值</v></c><c r="E3" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="F3" t="e"><v>#N/A</v></c></row>
<row r="4" hidden="1" customHeight="1" ht="0"><c r="B4" t="b"><v>1</v></c><c r="C4" t="b"><v>0</v></c><c r="D4" t="b"><v>true</v></c><c r="E4" t="d"><v>2024-06-01T00:00:00</v></c><c r="F4" s="3"><v>45444</v></c></row>
<row r="5"><c r="B5" s="1"><v>45444.5</v></c><c r="C5" s="2"><v>12</v></c><c r="D5" s="4"><v>1.5</v></c><c r="E5" s="9"><v>7</v></c><c r="F5"><v>1.23E+2</v></c></row>
<row r="6"><c r="B6" s="1"/><c r="C6"><v></v></c><c r="D6" t="s"><v>3</v></c><c r="E6"><v>not a number</v></c></row>
<row r="7"/>
<row r="8" hidden="true"><c r="D8" t="s"><v>2</v></c></row>
</sheetData><mergeCells count="1"><mergeCell ref="B8:C9"/></mergeCells><pageMargins left="0.7"/>"#;
    let hidden = r#"<sheetData><row r="1"><c r="A1" t="n"><v>3.0</v></c></row></sheetData>"#;
    let offset = r#"<dimension ref="C3"/><sheetData><row r="2"><c r="D2" t="s"><v>0</v></c></row><row r="3"><c r="B3" t="s"><v>1</v></c><c r="C3" t="s"><v>0</v></c></row></sheetData>"#;
    let empty = r#"<dimension ref="A1"/><sheetData/>"#;
    for date1904 in [false, true] {
        same(&workbook(&[main, hidden, offset, empty], SHARED, STYLES, date1904));
    }
}

#[test]
fn declines_what_it_does_not_expect_and_calamine_reads_it() {
    let cases = [
        // a cell without its position
        r#"<sheetData><row r="1"><c t="s"><v>0</v></c></row></sheetData>"#,
        // a row without its number
        r#"<sheetData><row><c r="A1" t="s"><v>0</v></c></row></sheetData>"#,
        // a formula saved without its value
        r#"<sheetData><row r="1"><c r="A1"><f>1+1</f></c></row></sheetData>"#,
        // rows out of order
        r#"<sheetData><row r="2"><c r="A2" t="s"><v>0</v></c></row><row r="1"><c r="A1" t="s"><v>1</v></c></row></sheetData>"#,
        // a comment between rows
        r#"<sheetData><!-- x --><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData>"#,
        // CDATA
        r#"<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t><![CDATA[x]]></t></is></c></row></sheetData>"#,
    ];
    for body in cases {
        let bytes = workbook(&[body], SHARED, STYLES, false);
        assert!(read_in_pieces(&bytes, u64::MAX, 64).is_none(), "{body}");
        read_xlsx_with_calamine(Path::new("t.xlsx"), &bytes).expect("calamine reads it");
    }
    // Over the cell limit: declined, and calamine's path reports it.
    let bytes = workbook(
        &[r#"<sheetData><row r="1"><c r="Z1" t="s"><v>0</v></c></row></sheetData>"#],
        SHARED,
        STYLES,
        false,
    );
    assert!(read_in_pieces(&bytes, 10, 64).is_none());
    assert!(read_in_pieces(&bytes, 100, 64).is_some());
    // One cell four billion rows down: declined, and refused by the other path (not an abort).
    let far = r#"<sheetData><row r="4000000000"><c r="A4000000000" t="s"><v>0</v></c></row></sheetData>"#;
    let bytes = workbook(&[far], SHARED, STYLES, false);
    assert!(read_in_pieces(&bytes, crate::load::limits::max_sheet_cells(), 64).is_none());
    let err = read_xlsx_with_calamine(Path::new("far.xlsx"), &bytes).unwrap_err();
    assert!(err.to_string().contains("工作表过大"), "{err}");
}

/// Random workbooks: values from an alphabet of the awkward (spaces of both widths, line
/// breaks, markup characters, Excel escapes, numbers, nothing), merges and hidden rows.
#[test]
fn same_grids_on_random_workbooks() {
    let mut seed = 0x2545_F491_4F6C_DD1Du64;
    let mut next = move |n: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % n
    };
    let atoms = [
        "行政许可",
        "申请书",
        " ",
        "\u{3000}",
        "\n",
        "\r\n",
        "&",
        "<",
        ">",
        "\"",
        "'",
        "_x000D_",
        "_x005F_",
        "1.",
        "；",
        "a",
        "0",
        "\t",
        "𝄞",
    ];
    for round in 0..40 {
        let mut wb = Workbook::new();
        for s in 0..=next(3) {
            let ws = wb.add_worksheet();
            ws.set_name(format!("表{s}")).unwrap();
            let (r0, c0) = (next(3) as u32, next(3) as u16);
            for r in 0..next(40) as u32 {
                for c in 0..next(8) as u16 {
                    match next(6) {
                        0 => {}
                        1 => {
                            ws.write_number(
                                r0 + r,
                                c0 + c,
                                (next(100_000) as f64) / [1.0, 10.0, 3.0][next(3) as usize],
                            )
                            .unwrap();
                        }
                        2 => {
                            ws.write_boolean(r0 + r, c0 + c, next(2) == 0).unwrap();
                        }
                        _ => {
                            let text: String = (0..next(6)).map(|_| atoms[next(atoms.len() as u64) as usize]).collect();
                            ws.write_string(r0 + r, c0 + c, text).unwrap();
                        }
                    }
                }
                if next(10) == 0 {
                    ws.set_row_hidden(r0 + r).unwrap();
                }
            }
            if next(3) == 0 {
                let (r, c) = (r0 + next(10) as u32, c0 + next(4) as u16);
                let _ = ws.merge_range(r, c, r + 1 + next(3) as u32, c + next(2) as u16, "合并", &Format::new());
            }
        }
        let bytes = save(wb);
        let (fast, slow) = both(&bytes);
        assert_eq!(fast.as_deref(), Some(slow.as_str()), "round {round}");
    }
}
