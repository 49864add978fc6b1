//! Our xlsx reader against calamine: a worksheet body from the fuzzer in a minimal workbook.
//! On well-formed XML, whatever the fast reader accepts the calamine path must read to the same
//! grids; on any input, the fast reader may not panic.
#![no_main]

use catalog::load::sheet::{read_xlsx_with_calamine, xlsx};
use libfuzzer_sys::fuzz_target;
use std::io::Write;
use std::path::Path;

const SHARED: &str = r#"<si><t xml:space="preserve"> 申请书 </t></si><si><r><t>营业</t></r><r><t>执照</t></r></si><si/>"#;
const STYLES: &str = r#"<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy/m/d"/></numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="46"/></cellXfs>"#;

fn workbook(sheet: &[u8]) -> Vec<u8> {
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    let ns = r#"xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;
    let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    let parts: [(&str, Vec<u8>); 6] = [
        ("_rels/.rels", format!(r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#).into_bytes()),
        ("xl/workbook.xml", format!(r#"<workbook {ns}><sheets><sheet name="表" sheetId="1" r:id="rId1"/></sheets></workbook>"#).into_bytes()),
        ("xl/_rels/workbook.xml.rels", format!(r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="{rel}/styles" Target="styles.xml"/></Relationships>"#).into_bytes()),
        ("xl/sharedStrings.xml", format!("<sst {ns}>{SHARED}</sst>").into_bytes()),
        ("xl/styles.xml", format!("<styleSheet {ns}>{STYLES}</styleSheet>").into_bytes()),
        ("xl/worksheets/sheet1.xml", [format!("<worksheet {ns}>").as_bytes(), sheet, b"</worksheet>"].concat()),
    ];
    for (name, bytes) in parts {
        z.start_file(name, opts).unwrap();
        z.write_all(&bytes).unwrap();
    }
    z.finish().unwrap().into_inner()
}

fn well_formed(sheet: &[u8]) -> bool {
    let doc = [b"<worksheet>".as_slice(), sheet, b"</worksheet>"].concat();
    let mut r = quick_xml::Reader::from_reader(doc.as_slice());
    r.config_mut().check_end_names = true;
    let mut buf = Vec::new();
    let mut depth = 0i32;
    loop {
        match r.read_event_into(&mut buf) {
            Ok(quick_xml::events::Event::Eof) => return depth == 0,
            Ok(quick_xml::events::Event::Start(_)) => depth += 1,
            Ok(quick_xml::events::Event::End(_)) => depth -= 1,
            Ok(quick_xml::events::Event::GeneralRef(g)) if g.resolve_char_ref().is_err() => return false,
            Ok(_) => {}
            Err(_) => return false,
        }
        buf.clear();
    }
}

fuzz_target!(|data: &[u8]| {
    let bytes = workbook(data);
    // On XML that is not well-formed the two may differ (calamine is lenient in its own ways).
    // calamine is only asked when there is something to compare: with debug assertions it
    // panics on row numbers past u32 (release builds wrap), which is not ours to fuzz.
    let Some(fast) = xlsx::read(&bytes, 1 << 20) else { return };
    if !well_formed(data) {
        return;
    }
    match read_xlsx_with_calamine(Path::new("fuzz.xlsx"), &bytes) {
        Ok(slow) => assert!(fast == slow, "different grids:\n{fast:?}\n{slow:?}\non {:?}", String::from_utf8_lossy(data)),
        Err(e) => panic!("the fast reader accepted what calamine rejects ({e}): {:?}", String::from_utf8_lossy(data)),
    }
});
