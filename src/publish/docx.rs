//! 办事指南 as Word documents (docx-rs): one document for the catalog, or one per item with
//! `--split`. Han text gets an East-Asian font explicitly, or Word falls back to a Latin one.

use super::safe::{OutDir, slug};
use super::view::{FieldRow, MATERIAL_SKIP, item_sections, material_summary, rows};
use crate::error::Error;
use crate::model::fields::F;
use crate::model::taxonomy::Taxonomy;
use crate::model::{Catalog, Item};
use docx_rs::{AlignmentType, BreakType, Docx, Paragraph, Run, RunFonts, Table, TableCell, TableRow, WidthType};
use std::path::Path;

const BODY_FONT: &str = "宋体";
const HEAD_FONT: &str = "黑体";

fn fonts(east: &str) -> RunFonts {
    RunFonts::new()
        .east_asia(east)
        .ascii("Times New Roman")
        .hi_ansi("Times New Roman")
}

fn text(s: &str) -> Run {
    Run::new().add_text(s).fonts(fonts(BODY_FONT)).size(21)
}

fn heading(s: &str, size: usize) -> Paragraph {
    Paragraph::new().add_run(Run::new().add_text(s).bold().size(size).fonts(fonts(HEAD_FONT)))
}

fn para(s: &str) -> Paragraph {
    Paragraph::new().add_run(text(s))
}

fn cell(s: &str, bold: bool) -> TableCell {
    let mut p = Paragraph::new();
    for (i, line) in s.split('\n').enumerate() {
        let mut r = text(line);
        if bold {
            r = r.bold();
        }
        if i > 0 {
            p = p.add_run(Run::new().add_break(BreakType::TextWrapping));
        }
        p = p.add_run(r);
    }
    TableCell::new().add_paragraph(p)
}

fn kv_table(rows: &[FieldRow]) -> Table {
    Table::new(
        rows.iter()
            .map(|r| {
                TableRow::new(vec![
                    cell(&r.label, true).width(2200, WidthType::Dxa),
                    cell(&r.lines.join("\n"), false),
                ])
            })
            .collect(),
    )
    .width(9000, WidthType::Dxa)
}

fn grid(head: &[&str], body: Vec<Vec<String>>) -> Table {
    let mut trs = vec![TableRow::new(head.iter().map(|h| cell(h, true)).collect())];
    trs.extend(
        body.into_iter()
            .map(|r| TableRow::new(r.iter().map(|c| cell(c, false)).collect())),
    );
    Table::new(trs).width(9000, WidthType::Dxa)
}

/// Append one item's guide to `doc`.
fn add_item(mut doc: Docx, item: &Item) -> Docx {
    let name = item.name().unwrap_or("（未命名事项）").trim();
    doc = doc.add_paragraph(heading(name, 36).align(AlignmentType::Center));
    for sec in item_sections(item) {
        doc = doc.add_paragraph(heading(sec.title, 28)).add_table(kv_table(&sec.rows));
    }
    for s in &item.scenarios {
        let sname = s.name().unwrap_or("").trim();
        doc = doc.add_paragraph(heading(&format!("办事情形：{sname}"), 28));
        if !s.acceptance_points.is_empty() {
            doc = doc.add_paragraph(heading("受理要点", 24));
            for (i, p) in s.acceptance_points.iter().enumerate() {
                let t = p.fields.text(F::PointText).unwrap_or("").trim();
                let mut para_ = Paragraph::new().add_run(text(&format!("{}. ", i + 1)));
                if p.fields.bool(F::ErrorProne) == Some(true) {
                    para_ = para_.add_run(text("【易错点】").bold().color("9A3B00"));
                }
                doc = doc.add_paragraph(para_.add_run(text(t)));
                if let Some(fix) = p.fields.text(F::Fix).filter(|s| !s.trim().is_empty()) {
                    doc = doc.add_paragraph(para(&format!("    纠错要点：{}", fix.trim())));
                }
            }
        }
        if !s.materials.is_empty() {
            doc = doc.add_paragraph(heading("申请材料", 24));
            let body = s
                .materials
                .iter()
                .enumerate()
                .map(|(i, m)| {
                    let shared = m.fields.bool(F::Shared) == Some(true);
                    let req: Vec<String> = std::iter::once(material_summary(&m.fields, !shared))
                        .filter(|s| !s.is_empty())
                        .chain(
                            rows(&m.fields, MATERIAL_SKIP)
                                .iter()
                                .map(|r| format!("{}：{}", r.label, r.lines.join("；"))),
                        )
                        .collect();
                    let mut sample = m.fields.text(F::Sample).unwrap_or("—").trim().to_string();
                    if let Some(b) = m.fields.text(F::BlankForm).filter(|s| !s.trim().is_empty()) {
                        sample.push_str(&format!("\n空白表格：{}", b.trim()));
                    }
                    if m.fields.bool(F::Shared) == Some(true) {
                        sample.push_str("\n可通过数据共享获取");
                    }
                    vec![
                        (i + 1).to_string(),
                        m.name().unwrap_or("").trim().to_string(),
                        req.join("\n"),
                        sample,
                    ]
                })
                .collect();
            doc = doc.add_table(grid(&["序号", "材料名称", "要求", "材料范例"], body));
        }
    }
    if !item.process.is_empty() {
        doc = doc.add_paragraph(heading("办理流程", 28));
        let body = item
            .process
            .iter()
            .map(|st| {
                vec![
                    st.fields.text(F::StepName).unwrap_or("").trim().to_string(),
                    st.fields
                        .get(F::StepDays)
                        .map(|v| format!("{} 个工作日", v.value.display()))
                        .unwrap_or_else(|| "—".into()),
                    st.fields.text(F::StepRole).unwrap_or("—").trim().to_string(),
                ]
            })
            .collect();
        doc = doc.add_table(grid(&["环节", "时限", "办理人"], body));
    }
    doc
}

fn base_doc() -> Docx {
    // A4 portrait in twips.
    Docx::new().page_size(11906, 16838).default_fonts(fonts(BODY_FONT))
}

fn save(doc: Docx, out: &OutDir, rel: &str) -> Result<(), Error> {
    let path = out.path(rel)?;
    let mut file = std::io::Cursor::new(Vec::new());
    doc.build().pack(&mut file).map_err(|e| {
        Error::plain(
            Some(&path),
            format!("无法写出 Word 文档：{e}"),
            format!("cannot write the Word document: {e}"),
        )
    })?;
    out.write(rel, &file.into_inner())
}

/// Write the guide; returns the number of documents written.
pub fn write(cat: &Catalog, _tax: &Taxonomy, dir: &Path, split: bool) -> Result<usize, Error> {
    let out = OutDir::create(dir)?;
    if split {
        use rayon::prelude::*;
        cat.items.par_iter().enumerate().try_for_each(|(i, item)| {
            let code = item.code().map(|c| slug(c, 40)).unwrap_or_default();
            let rel = if code.is_empty() {
                format!("{}.docx", i + 1)
            } else {
                format!("{}-{code}.docx", i + 1)
            };
            save(add_item(base_doc(), item), &out, &rel)
        })?;
        return Ok(cat.items.len());
    }
    let title = cat.header_text(F::Title).map(str::trim).unwrap_or("政务服务事项");
    let mut doc = base_doc().add_paragraph(heading(&format!("{title}办事指南"), 44).align(AlignmentType::Center));
    if let Some(v) = cat.header_text(F::Version) {
        doc = doc.add_paragraph(para(&format!("版本：{}", v.trim())).align(AlignmentType::Center));
    }
    for (i, item) in cat.items.iter().enumerate() {
        if i > 0 {
            doc = doc.add_paragraph(Paragraph::new().add_run(Run::new().add_break(BreakType::Page)));
        }
        doc = add_item(doc, item);
    }
    save(doc, &out, "办事指南.docx")?;
    Ok(1)
}
