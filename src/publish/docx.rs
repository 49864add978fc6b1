//! 办事指南 as Word documents: one document for the catalog, or one per item with `--split`.
//!
//! Written as WordprocessingML directly into a deflated zip, item by item, so a catalog of
//! 120,000 items holds only the compressed document in memory (a document model of the whole
//! guide took 4.5 GB). What a reader of a guide needs from Word is in it: heading styles (the
//! navigation pane, the table of contents), a table of contents field Word fills on opening
//! (its entries are written too, for readers that do not update fields), a header with the
//! catalog's title, page numbers 第 X 页 共 Y 页, tables with a grid that fit the text width and
//! repeat their header row on each page, and file names people can read.

use super::safe::OutDir;
use super::view::{MATERIAL_SKIP, Section, item_sections, material_summary, rows};
use crate::error::Error;
use crate::model::fields::F;
use crate::model::taxonomy::Taxonomy;
use crate::model::{Catalog, Item, Value};
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;
use zip::CompressionMethod;
use zip::write::{SimpleFileOptions, ZipWriter};

/// A4 with 2 cm margins, in twentieths of a point.
const PAGE_W: u32 = 11906;
const PAGE_H: u32 = 16838;
const MARGIN: u32 = 1134;
/// The text width every table takes.
const TEXT_W: u32 = PAGE_W - 2 * MARGIN;

/// Text for XML: escaped, and without the characters XML 1.0 cannot hold (control characters
/// other than tab and line breaks, U+FFFE, U+FFFF), which would make Word refuse the file.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// A sample as a reader of the printed guide knows it: a file by its name (the site and the
/// window have it), not by the catalog's path; text as written.
fn shown_sample(v: &str) -> String {
    let v = v.trim();
    if super::attach::looks_like_path(v) {
        let stem = Path::new(v).file_stem().map(|s| s.to_string_lossy().into_owned());
        return format!("样表：{}", stem.unwrap_or_else(|| v.to_string()));
    }
    v.to_string()
}

/// One paragraph of `style` (None: Normal) holding `text`; line breaks in the text become
/// breaks within the paragraph.
fn para(out: &mut String, style: Option<&str>, text: &str) {
    out.push_str("<w:p>");
    if let Some(s) = style {
        let _ = write!(out, "<w:pPr><w:pStyle w:val=\"{s}\"/></w:pPr>");
    }
    runs(out, text, false);
    out.push_str("</w:p>");
}

fn runs(out: &mut String, text: &str, bold: bool) {
    let rpr = if bold { "<w:rPr><w:b/></w:rPr>" } else { "" };
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push_str("<w:r><w:br/></w:r>");
        }
        if !line.is_empty() {
            let _ = write!(out, "<w:r>{rpr}<w:t xml:space=\"preserve\">{}</w:t></w:r>", esc(line));
        }
    }
}

/// A table of `widths` (twips, summing to the text width) with a grid; the first row is the
/// header, repeated on each page, when `head` is given. Rows never split across pages.
fn table(out: &mut String, widths: &[u32], head: Option<&[&str]>, body: &[Vec<String>], first_col_bold: bool) {
    let total: u32 = widths.iter().sum();
    let _ = write!(
        out,
        "<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/><w:tblW w:w=\"{total}\" w:type=\"dxa\"/>\
         <w:tblLayout w:type=\"fixed\"/></w:tblPr><w:tblGrid>"
    );
    for w in widths {
        let _ = write!(out, "<w:gridCol w:w=\"{w}\"/>");
    }
    out.push_str("</w:tblGrid>");
    let row = |out: &mut String, cells: &mut dyn Iterator<Item = &str>, header: bool| {
        out.push_str("<w:tr><w:trPr><w:cantSplit/>");
        if header {
            out.push_str("<w:tblHeader/>");
        }
        out.push_str("</w:trPr>");
        for (i, (c, w)) in cells.zip(widths).enumerate() {
            let _ = write!(out, "<w:tc><w:tcPr><w:tcW w:w=\"{w}\" w:type=\"dxa\"/>");
            if header || (first_col_bold && i == 0) {
                out.push_str("<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"F2F2F2\"/>");
            }
            out.push_str("</w:tcPr><w:p><w:pPr><w:pStyle w:val=\"TableText\"/></w:pPr>");
            runs(out, c, header || (first_col_bold && i == 0));
            out.push_str("</w:p></w:tc>");
        }
        out.push_str("</w:tr>");
    };
    if let Some(h) = head {
        row(out, &mut h.iter().copied(), true);
    }
    for r in body {
        row(out, &mut r.iter().map(String::as_str), false);
    }
    // Word needs a paragraph between two tables, or it merges them.
    out.push_str("</w:tbl><w:p><w:pPr><w:pStyle w:val=\"TableGap\"/></w:pPr></w:p>");
}

fn kv(out: &mut String, sec: &Section) {
    let body: Vec<Vec<String>> = sec
        .rows
        .iter()
        .map(|r| vec![r.label.clone(), r.lines.join("\n")])
        .collect();
    table(out, &[2000, TEXT_W - 2000], None, &body, true);
}

/// One item's guide as body XML; `page_break` starts it on a new page.
fn item_xml(item: &Item, page_break: bool) -> String {
    let mut out = String::with_capacity(8192);
    let name = item.name().map(str::trim).unwrap_or("（未命名事项）");
    if page_break {
        out.push_str("<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>");
    }
    para(&mut out, Some("Heading1"), name);
    let meta: Vec<&str> = [F::Code, F::Phylum, F::Department]
        .iter()
        .filter_map(|f| item.text(*f).map(str::trim).filter(|s| !s.is_empty()))
        .collect();
    if !meta.is_empty() {
        para(&mut out, Some("Meta"), &meta.join(" · "));
    }
    let multi = item.scenarios.len() > 1;
    for (si, s) in item.scenarios.iter().enumerate() {
        let sname = s.name().map(str::trim).unwrap_or("");
        let title = match (multi, sname.is_empty()) {
            (true, false) => format!("办事情形：{sname}"),
            (true, true) => format!("办事情形 {}", si + 1),
            (false, false) => format!("申请材料与受理要点（{sname}）"),
            (false, true) => "申请材料与受理要点".to_string(),
        };
        para(&mut out, Some("Heading2"), &title);
        if !s.materials.is_empty() {
            para(
                &mut out,
                Some("Heading3"),
                &format!("申请材料（{} 项）", s.materials.len()),
            );
            let body: Vec<Vec<String>> = s
                .materials
                .iter()
                .enumerate()
                .map(|(i, m)| {
                    let shared = m.fields.bool(F::Shared) == Some(true);
                    let mut req: Vec<String> = Vec::new();
                    if shared {
                        req.push("可通过数据共享获取，无需提交".into());
                    }
                    req.extend(Some(material_summary(&m.fields, !shared)).filter(|s| !s.is_empty()));
                    req.extend(
                        rows(&m.fields, MATERIAL_SKIP)
                            .iter()
                            .map(|r| format!("{}：{}", r.label, r.lines.join("；"))),
                    );
                    let mut sample = m.fields.text(F::Sample).map(shown_sample).unwrap_or_else(|| "—".into());
                    if let Some(b) = m.fields.text(F::BlankForm).filter(|s| !s.trim().is_empty()) {
                        sample.push_str(&format!("\n空白表格：{}", shown_sample(b)));
                    }
                    vec![
                        (i + 1).to_string(),
                        m.name().map(str::trim).unwrap_or("").to_string(),
                        req.join("\n"),
                        sample,
                    ]
                })
                .collect();
            table(
                &mut out,
                &[700, 2900, 3000, TEXT_W - 6600],
                Some(&["序号", "材料名称", "要求", "材料范例"]),
                &body,
                false,
            );
        }
        let points: Vec<_> = s
            .acceptance_points
            .iter()
            .filter(|p| p.fields.text(F::PointText).is_some_and(|t| !t.trim().is_empty()))
            .collect();
        if !points.is_empty() {
            para(&mut out, Some("Heading3"), "受理要点");
            for (i, p) in points.iter().enumerate() {
                let t = p.fields.text(F::PointText).unwrap_or("").trim();
                out.push_str("<w:p><w:pPr><w:pStyle w:val=\"Point\"/></w:pPr>");
                runs(&mut out, &format!("{}. ", i + 1), false);
                if p.fields.bool(F::ErrorProne) == Some(true) {
                    out.push_str("<w:r><w:rPr><w:b/><w:color w:val=\"9A3B00\"/></w:rPr><w:t>【易错点】</w:t></w:r>");
                }
                runs(&mut out, t, false);
                out.push_str("</w:p>");
                if let Some(fix) = p.fields.text(F::Fix).map(str::trim).filter(|s| !s.is_empty()) {
                    para(&mut out, Some("Fix"), &format!("纠错要点：{fix}"));
                }
            }
        }
    }
    for sec in item_sections(item) {
        para(&mut out, Some("Heading2"), sec.title);
        kv(&mut out, &sec);
    }
    if !item.process.is_empty() {
        para(&mut out, Some("Heading2"), "办理流程");
        let body: Vec<Vec<String>> = item
            .process
            .iter()
            .enumerate()
            .map(|(i, st)| {
                vec![
                    format!("{}. {}", i + 1, st.fields.text(F::StepName).unwrap_or("").trim()),
                    match st.fields.get(F::StepDays).map(|v| &v.value) {
                        Some(Value::Num(n)) if *n == 0.0 => "当场".into(),
                        Some(Value::Int(0)) => "当场".into(),
                        Some(v) => format!("{} 个工作日", v.display()),
                        None => "—".into(),
                    },
                    st.fields.text(F::StepRole).map(str::trim).unwrap_or("—").to_string(),
                ]
            })
            .collect();
        table(
            &mut out,
            &[4000, 2400, TEXT_W - 6400],
            Some(&["环节", "时限", "办理人"]),
            &body,
            false,
        );
    }
    out
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/><Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/><Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>"#;

const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>"#;

const DOC_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/><Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/></Relationships>"#;

/// Word fills the table of contents and page counts when the document opens.
const SETTINGS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:updateFields w:val="true"/><w:defaultTabStop w:val="420"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>"#;

/// Styles: 宋体 body, 黑体 headings with outline levels (navigation pane, TOC), a grid table style.
const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="宋体" w:cs="Times New Roman"/><w:sz w:val="21"/><w:szCs w:val="21"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="60" w:line="300" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:jc w:val="center"/><w:spacing w:before="2400" w:after="480"/></w:pPr><w:rPr><w:rFonts w:eastAsia="黑体"/><w:b/><w:sz w:val="44"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Subtitle"><w:name w:val="Subtitle"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:jc w:val="center"/></w:pPr><w:rPr><w:sz w:val="24"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="120" w:after="120"/><w:jc w:val="center"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:rFonts w:eastAsia="黑体"/><w:b/><w:sz w:val="32"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="240" w:after="80"/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:rFonts w:eastAsia="黑体"/><w:b/><w:sz w:val="28"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading3"><w:name w:val="heading 3"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="160" w:after="60"/><w:outlineLvl w:val="2"/></w:pPr><w:rPr><w:rFonts w:eastAsia="黑体"/><w:b/><w:sz w:val="24"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="TOCHeading"><w:name w:val="TOC Heading"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:pPr><w:jc w:val="center"/><w:spacing w:before="240" w:after="240"/></w:pPr><w:rPr><w:rFonts w:eastAsia="黑体"/><w:b/><w:sz w:val="32"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="TOC1"><w:name w:val="toc 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:pPr><w:tabs><w:tab w:val="right" w:leader="dot" w:pos="9638"/></w:tabs><w:spacing w:after="0"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Meta"><w:name w:val="Item Meta"/><w:basedOn w:val="Normal"/><w:pPr><w:jc w:val="center"/><w:spacing w:after="120"/></w:pPr><w:rPr><w:color w:val="57606A"/><w:sz w:val="18"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="TableText"><w:name w:val="Table Text"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:after="0" w:line="264" w:lineRule="auto"/></w:pPr><w:rPr><w:sz w:val="19"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="TableGap"><w:name w:val="Table Gap"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:after="0" w:line="120" w:lineRule="exact"/></w:pPr><w:rPr><w:sz w:val="8"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Point"><w:name w:val="Acceptance Point"/><w:basedOn w:val="Normal"/><w:pPr><w:ind w:left="210"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Fix"><w:name w:val="Fix"/><w:basedOn w:val="Normal"/><w:pPr><w:ind w:left="630"/></w:pPr><w:rPr><w:color w:val="9A3B00"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Header"><w:name w:val="header"/><w:basedOn w:val="Normal"/><w:pPr><w:pBdr><w:bottom w:val="single" w:sz="4" w:space="1" w:color="999999"/></w:pBdr><w:jc w:val="center"/></w:pPr><w:rPr><w:sz w:val="18"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/><w:basedOn w:val="Normal"/><w:pPr><w:jc w:val="center"/></w:pPr><w:rPr><w:sz w:val="18"/></w:rPr></w:style>
<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>
<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:left w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:right w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="808080"/></w:tblBorders><w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="80" w:type="dxa"/><w:bottom w:w="40" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>
</w:styles>"#;

const NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;

/// A field (`PAGE`, `NUMPAGES`, `TOC …`) with its shown result.
fn field(out: &mut String, instr: &str, shown: &str) {
    let _ = write!(
        out,
        "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> {instr} </w:instrText></w:r>\
         <w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>{shown}</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
    );
}

fn header_xml(title: &str) -> String {
    let mut p = String::new();
    para(&mut p, Some("Header"), title);
    format!("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:hdr {NS}>{p}</w:hdr>")
}

fn footer_xml() -> String {
    let mut p = String::from("<w:p><w:pPr><w:pStyle w:val=\"Footer\"/></w:pPr><w:r><w:t>第 </w:t></w:r>");
    field(&mut p, "PAGE", "1");
    p.push_str("<w:r><w:t xml:space=\"preserve\"> 页 共 </w:t></w:r>");
    field(&mut p, "NUMPAGES", "1");
    p.push_str("<w:r><w:t xml:space=\"preserve\"> 页</w:t></w:r></w:p>");
    format!("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:ftr {NS}>{p}</w:ftr>")
}

fn core_xml(title: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<cp:coreProperties \
         xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>{}</dc:title><dc:creator>catalog publish</dc:creator>\
         <dc:language>zh-CN</dc:language></cp:coreProperties>",
        esc(title)
    )
}

fn sect_pr() -> String {
    format!(
        "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rId3\"/><w:footerReference w:type=\"default\" r:id=\"rId4\"/>\
         <w:pgSz w:w=\"{PAGE_W}\" w:h=\"{PAGE_H}\"/><w:pgMar w:top=\"{MARGIN}\" w:right=\"{MARGIN}\" w:bottom=\"{MARGIN}\" \
         w:left=\"{MARGIN}\" w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/></w:sectPr>"
    )
}

/// A docx being written: the package parts first, then document.xml in pieces.
struct Package {
    zip: ZipWriter<std::io::Cursor<Vec<u8>>>,
    /// document.xml bytes so far; past 4 GB the entry needs ZIP64, which LibreOffice cannot open,
    /// so it is only used when needed (the guide is then written again, with it).
    written: u64,
    large: bool,
}

/// Uncompressed size past which document.xml needs ZIP64.
const ZIP64_AT: u64 = 0xFFFF_0000;

fn zip_err(e: impl std::fmt::Display) -> Error {
    Error::plain(
        None,
        format!("无法写出 Word 文档：{e}"),
        format!("cannot write the Word document: {e}"),
    )
}

impl Package {
    fn new(header: &str, title: &str, large: bool) -> Result<Package, Error> {
        let mut zip = ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let opts = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
        let parts: [(&str, String); 8] = [
            ("[Content_Types].xml", CONTENT_TYPES.into()),
            ("_rels/.rels", RELS.into()),
            ("word/_rels/document.xml.rels", DOC_RELS.into()),
            ("word/styles.xml", STYLES.into()),
            ("word/settings.xml", SETTINGS.into()),
            ("word/header1.xml", header_xml(header)),
            ("word/footer1.xml", footer_xml()),
            ("docProps/core.xml", core_xml(title)),
        ];
        for (name, text) in parts {
            zip.start_file(name, opts).map_err(zip_err)?;
            zip.write_all(text.as_bytes()).map_err(zip_err)?;
        }
        zip.start_file("word/document.xml", opts.large_file(large))
            .map_err(zip_err)?;
        let mut p = Package { zip, written: 0, large };
        p.put(&format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document {NS}><w:body>"
        ))?;
        Ok(p)
    }

    /// Append to document.xml; `Ok(false)` when it would pass 4 GB without ZIP64.
    fn put(&mut self, xml: &str) -> Result<bool, Error> {
        self.written += xml.len() as u64;
        if !self.large && self.written > ZIP64_AT {
            return Ok(false);
        }
        self.zip.write_all(xml.as_bytes()).map_err(zip_err)?;
        Ok(true)
    }

    fn finish(mut self) -> Result<Vec<u8>, Error> {
        // The closing tags are a few hundred bytes; ZIP64_AT leaves room for them.
        self.zip
            .write_all(format!("{}</w:body></w:document>", sect_pr()).as_bytes())
            .map_err(zip_err)?;
        Ok(self.zip.finish().map_err(zip_err)?.into_inner())
    }
}

/// The table of contents: a TOC field over heading 1 (the items), Word refreshing it with page
/// numbers on opening; the entries are written as its result so other readers list the items.
fn toc(names: &[&str]) -> String {
    let mut out = String::new();
    para(&mut out, Some("TOCHeading"), "目　录");
    for (i, name) in names.iter().enumerate() {
        out.push_str("<w:p><w:pPr><w:pStyle w:val=\"TOC1\"/></w:pPr>");
        if i == 0 {
            out.push_str(
                "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> TOC \\o \"1-1\" \\h \\z \\u </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>",
            );
        }
        let _ = write!(
            out,
            "<w:r><w:t xml:space=\"preserve\">{}. {}</w:t></w:r>",
            i + 1,
            esc(name)
        );
        if i + 1 == names.len() {
            out.push_str("<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>");
        }
        out.push_str("</w:p>");
    }
    out.push_str("<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>");
    out
}

/// Header text: the catalog's title and version.
fn header_text(cat: &Catalog) -> String {
    let title = cat.header_text(F::Title).map(str::trim).filter(|s| !s.is_empty());
    let version = cat.header_text(F::Version).map(str::trim).filter(|s| !s.is_empty());
    match (title, version) {
        (Some(t), Some(v)) => format!("{t}办事指南（{v} 版）"),
        (Some(t), None) => format!("{t}办事指南"),
        (None, Some(v)) => format!("政务服务事项办事指南（{v} 版）"),
        (None, None) => "政务服务事项办事指南".to_string(),
    }
}

/// One item's document: `37-食品经营许可（新办）.docx`.
fn item_doc(cat: &Catalog, item: &Item) -> Result<Vec<u8>, Error> {
    let name = item.name().map(str::trim).unwrap_or("（未命名事项）");
    let mut p = Package::new(&header_text(cat), name, false)?;
    p.put(&item_xml(item, false))?;
    p.finish()
}

/// The whole catalog in one document: cover, table of contents, one item per page-started
/// section. `None` when it outgrows 4 GB without ZIP64.
fn catalog_doc(cat: &Catalog, large: bool) -> Result<Option<Vec<u8>>, Error> {
    let header = header_text(cat);
    let mut p = Package::new(&header, &header, large)?;
    let mut cover = String::new();
    para(&mut cover, Some("Title"), &header);
    let region = cat.header_text(F::Region).map(str::trim).filter(|s| !s.is_empty());
    let mut sub = format!("共 {} 个事项", cat.items.len());
    if let Some(r) = region {
        sub = format!("{r} · {sub}");
    }
    para(&mut cover, Some("Subtitle"), &sub);
    cover.push_str("<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>");
    let names: Vec<&str> = cat
        .items
        .iter()
        .map(|it| it.name().map(str::trim).unwrap_or("（未命名事项）"))
        .collect();
    if !p.put(&cover)? || !p.put(&toc(&names))? {
        return Ok(None);
    }
    for (i, item) in cat.items.iter().enumerate() {
        if !p.put(&item_xml(item, i > 0))? {
            return Ok(None);
        }
    }
    p.finish().map(Some)
}

/// Write the guide; returns the number of documents written.
pub fn write(cat: &Catalog, _tax: &Taxonomy, dir: &Path, split: bool) -> Result<usize, Error> {
    let out = OutDir::create(dir)?;
    if split {
        use rayon::prelude::*;
        cat.items.par_iter().enumerate().try_for_each(|(i, item)| {
            let name = item
                .name()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .unwrap_or("未命名事项");
            // The index keeps names unique and in catalog order; the name says what it is.
            let rel = crate::safe::safe_file_name(&format!("{}-{name}.docx", i + 1));
            out.write(&rel, &item_doc(cat, item)?)
        })?;
        return Ok(cat.items.len());
    }
    let bytes = match catalog_doc(cat, false)? {
        Some(b) => b,
        None => catalog_doc(cat, true)?.unwrap_or_default(),
    };
    let title = cat.header_text(F::Title).map(str::trim).filter(|s| !s.is_empty());
    let rel = crate::safe::safe_file_name(&format!("{}办事指南.docx", title.unwrap_or("")));
    out.write(&rel, &bytes)?;
    Ok(1)
}

#[cfg(test)]
mod tests {
    use super::esc;

    #[test]
    fn control_characters_never_reach_the_xml() {
        assert_eq!(esc("a\u{1}b\0c\u{FFFE}d\u{FFFF}e"), "abcde");
        assert_eq!(esc("<&>\"\t"), "&lt;&amp;&gt;&quot; ");
    }
}
