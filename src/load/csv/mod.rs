//! CSV → `Catalog`, through the same header and row reading as workbooks. UTF-8 with or without
//! BOM, GBK/GB18030 (detected with chardetng, or forced with `--encoding`). A CSV reads as one
//! sheet named after the file (as Excel shows it), so cells are `文件.csv › 文件 › F12`.

use crate::error::{Error, Place};
use crate::load::LoadOptions;
use crate::load::sheet::{self, grid::MAX_TEXT, profile::Profile};
use crate::model::{Catalog, SourceKind};
use std::borrow::Cow;
use std::path::Path;

pub mod records;
#[cfg(test)]
mod tests;

/// Bytes → text: a forced encoding, else UTF-8 when valid, else chardetng's guess (GBK read as
/// GB18030, its superset).
pub fn decode<'a>(path: &Path, bytes: &'a [u8], forced: Option<&str>) -> Result<Cow<'a, str>, Error> {
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    let enc = match forced {
        Some(label) => {
            let e = encoding_rs::Encoding::for_label(label.trim().as_bytes()).ok_or_else(|| {
                Error::plain(
                    Some(path),
                    format!("不认识的编码 “{label}”（可用 utf-8、gbk、gb18030）"),
                    format!("unknown encoding '{label}' (use utf-8, gbk, gb18030)"),
                )
            })?;
            Some(e)
        }
        None => None,
    };
    let enc = match enc {
        Some(e) => e,
        // SIMD validation: a 100,000-row sheet is 40 MB of mostly three-byte characters.
        None => match simdutf8::basic::from_utf8(bytes) {
            Ok(s) => return Ok(Cow::Borrowed(s)),
            Err(_) => {
                let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
                det.feed(&bytes[..bytes.len().min(1 << 16)], bytes.len() <= 1 << 16);
                det.guess(None, chardetng::Utf8Detection::Allow)
            }
        },
    };
    let enc = if enc == encoding_rs::GBK {
        encoding_rs::GB18030
    } else {
        enc
    };
    if enc == encoding_rs::UTF_8 {
        return std::str::from_utf8(bytes).map(Cow::Borrowed).map_err(|e| {
            let line = bytes[..e.valid_up_to()].iter().filter(|b| **b == b'\n').count() as u64 + 1;
            Error::new(
                Some(path),
                Some(Place::Line(line)),
                "文件不是有效的 UTF-8；若是 GBK 编码请加 --encoding gbk",
                "the file is not valid UTF-8; add --encoding gbk if it is GBK",
            )
        });
    }
    let (text, _, had_errors) = enc.decode(bytes);
    if had_errors {
        return Err(Error::plain(
            Some(path),
            format!("文件不能按 {} 编码读取；请用 --encoding 指定正确的编码", enc.name()),
            format!(
                "the file cannot be decoded as {}; give the right one with --encoding",
                enc.name()
            ),
        ));
    }
    Ok(text)
}

pub fn load(path: &Path, bytes: Vec<u8>, opts: &LoadOptions, profile: Option<&Profile>) -> Result<Catalog, Error> {
    // A workbook saved with a .csv name is still read as what it is.
    match sheet::sniff(&bytes) {
        sheet::Sniffed::Text => load_bytes(path, bytes, opts, profile),
        _ => sheet::load(path, bytes, opts, profile),
    }
}

pub fn load_bytes(
    path: &Path,
    bytes: Vec<u8>,
    opts: &LoadOptions,
    profile: Option<&Profile>,
) -> Result<Catalog, Error> {
    let (text, start) = decode_owned(path, bytes, opts.encoding.as_deref())?;
    let delimiter = delimiter(&text[start..]);
    let grid = records::grid(text, start, delimiter, sheet::sheet_stem(path)).ok_or_else(|| {
        Error::plain(
            Some(path),
            format!("CSV 文件过大：单元格文字超过 {} MB，请拆分", MAX_TEXT >> 20),
            format!(
                "CSV file too large: its cells hold more than {} MB of text; split it",
                MAX_TEXT >> 20
            ),
        )
    })?;
    let name = grid.name.clone();
    sheet::from_grids(
        path,
        vec![grid],
        vec![name],
        SourceKind::Csv,
        profile,
        opts.form.as_deref(),
    )
}

/// [`decode`] into a text the grid keeps, and where the content starts (after a byte-order
/// mark): UTF-8 bytes become the text without a copy, so a big file is held once.
fn decode_owned(path: &Path, bytes: Vec<u8>, forced: Option<&str>) -> Result<(String, usize), Error> {
    let start = match decode(path, &bytes, forced)? {
        Cow::Owned(text) => return Ok((text, 0)),
        Cow::Borrowed(text) => {
            let start = text.as_ptr() as usize - bytes.as_ptr() as usize;
            // Lent from the end of the bytes past a byte-order mark (the UTF-8 path), or else
            // copied (an ASCII-only text some other decoder lent).
            if start + text.len() != bytes.len() || std::str::from_utf8(&bytes[..start]).is_err() {
                return Ok((text.to_owned(), 0));
            }
            start
        }
    };
    // SAFETY: `bytes[start..]` was lent as text, so it is valid UTF-8, and so is `bytes[..start]`
    // (checked above): the whole is valid UTF-8.
    let text = unsafe { String::from_utf8_unchecked(bytes) };
    Ok((text, start))
}

/// The delimiter: tab or semicolon when the first line has more of them than commas.
pub fn delimiter(text: &str) -> u8 {
    let first = text.lines().next().unwrap_or("");
    let count = |c: char| first.matches(c).count();
    if count('\t') > count(',') {
        b'\t'
    } else if count(';') > count(',') {
        b';'
    } else {
        b','
    }
}
