//! Opening a workbook for editing: the package, its main part (refusing strict OOXML and
//! binary workbooks with a clear message) and its sheets.

use super::opc;
use super::package::{Package, bad_part};
use super::workbook::Book;
use crate::error::Error;
use std::path::Path;

const STRICT: &[u8] = b"purl.oclc.org/ooxml";

/// The package and its workbook.
pub fn open<'a>(path: &'a Path, bytes: &'a [u8]) -> Result<(Package<'a>, Book), Error> {
    let mut pkg = Package::open(path, bytes)?;
    let root_rels = pkg.read("_rels/.rels")?.unwrap_or_default();
    if memchr::memmem::find(&root_rels, STRICT).is_some() {
        return Err(strict(path));
    }
    let main = opc::parse(&root_rels, "")
        .into_iter()
        .find(|r| r.kind.ends_with("/officeDocument") && !r.external)
        .map_or_else(|| "xl/workbook.xml".to_string(), |r| r.target);
    if main.to_lowercase().ends_with(".bin") {
        return Err(Error::plain(
            Some(path),
            "这是二进制工作簿（.xlsb），无法标注；请在 Excel/WPS 中另存为 .xlsx 后重试".into(),
            "this is a binary workbook (.xlsb) and cannot be marked up; save it as .xlsx in Excel/WPS".into(),
        ));
    }
    let main = pkg.name(&main).map(str::to_string).ok_or_else(|| {
        Error::plain(
            Some(path),
            format!("工作簿缺少主部件 {main}；这不是 Excel 工作簿或文件已损坏"),
            format!("the workbook has no main part {main}; not an Excel workbook, or corrupt"),
        )
    })?;
    let doc = pkg.read(&main)?.unwrap_or_default();
    if memchr::memmem::find(&doc[..doc.len().min(4096)], STRICT).is_some() {
        return Err(strict(path));
    }
    let rels = pkg.read(&opc::rels_of(&main))?.unwrap_or_default();
    let book = Book::parse(&main, doc, &rels).map_err(|e| bad_part(path, &main, e, e))?;
    Ok((pkg, book))
}

fn strict(path: &Path) -> Error {
    Error::plain(
        Some(path),
        "这是“严格 Open XML”格式的工作簿，无法标注；请在 Excel 中另存为“Excel 工作簿 (.xlsx)”后重试".into(),
        "this workbook is in Strict Open XML format and cannot be marked up; save it as an ordinary Excel Workbook (.xlsx)".into(),
    )
}

/// What a marked-up copy cannot keep as it was (for the 检查结果 sheet).
pub fn losses(pkg: &Package, book: &Book) -> Vec<crate::i18n::Msg> {
    let mut out = Vec::new();
    if book.rel_target(opc::REL_VBA).is_some() {
        out.push(crate::i18n::Msg::new(
            "宏（VBA）：输出文件名为 .xlsm 时保留；为 .xlsx 时不保留（Excel 不打开含宏的 .xlsx）",
            "macros (VBA): kept when the output is named .xlsm; not kept in an .xlsx (Excel refuses an .xlsx holding macros)",
        ));
    }
    if pkg
        .part_names()
        .any(|n| n.to_lowercase().starts_with("_xmlsignatures/"))
    {
        out.push(crate::i18n::Msg::new(
            "数字签名：副本的内容已改动，原工作簿的签名在副本中不再有效",
            "digital signature: the copy's content differs, so the original's signature is no longer valid in it",
        ));
    }
    if pkg.part_names().any(|n| n.to_lowercase().contains("threadedcomment")) {
        out.push(crate::i18n::Msg::new(
            "新式批注（可回复的批注）保留；同一单元格上的检查说明写在旧式批注中，新版 Excel 可能只显示新式批注",
            "threaded comments are kept; on a cell that has one, our note is in the legacy comment, which newer Excel may not show",
        ));
    }
    out
}
