//! 材料范例 and 空白表格: a value is either a file path (relative to the catalog file that cites
//! it) or text. Files are copied into the site once each; a path that cannot be found, or that
//! points outside the catalog's directories, is shown as text and reported.

use super::safe::{OutDir, sample_file};
use super::view::Attachment;
use crate::error::Error;
use crate::i18n::Msg;
use crate::model::{Catalog, FileId};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Does the value read like a file name (`samples/申请书.pdf`) rather than prose?
pub fn looks_like_path(s: &str) -> bool {
    let s = s.trim();
    if s.is_empty() || s.chars().count() > 260 || s.contains(char::is_whitespace) {
        return false;
    }
    if s.contains(['：', '，', '。', '；', '、']) || s.starts_with("示例") {
        return false;
    }
    let name = s.rsplit(['/', '\\']).next().unwrap_or(s);
    match name.rsplit_once('.') {
        Some((stem, ext)) => {
            !stem.is_empty() && (1..=5).contains(&ext.len()) && ext.chars().all(|c| c.is_ascii_alphanumeric())
        }
        None => false,
    }
}

pub struct Attachments<'a> {
    catalog: &'a Catalog,
    /// Directories samples may be read from (the catalog paths given on the command line).
    roots: Vec<PathBuf>,
    /// Source file → site file, so a sample cited by many items is copied once.
    copied: HashMap<PathBuf, String>,
    /// (catalog file, value) → result.
    cache: HashMap<(FileId, String), Attachment>,
    /// Plain-text samples (Markdown, .txt), rendered as pages of the site once every item has
    /// been read, so each page can link back to the items that cite it.
    pub text_pages: Vec<TextSample>,
    pub warnings: Vec<String>,
}

/// A text sample to render as `page`; `items` are the indices of the items citing it.
pub struct TextSample {
    pub page: String,
    pub title: String,
    pub markdown: bool,
    pub text: String,
    pub items: Vec<usize>,
}

impl<'a> Attachments<'a> {
    pub fn new(catalog: &'a Catalog, inputs: &[PathBuf]) -> Attachments<'a> {
        let roots = inputs
            .iter()
            .filter_map(|p| {
                let dir = if p.is_dir() {
                    p.clone()
                } else {
                    p.parent()?.to_path_buf()
                };
                let dir = if dir.as_os_str().is_empty() {
                    PathBuf::from(".")
                } else {
                    dir
                };
                dir.canonicalize().ok()
            })
            .collect();
        Attachments {
            catalog,
            roots,
            copied: HashMap::new(),
            cache: HashMap::new(),
            text_pages: Vec::new(),
            warnings: Vec::new(),
        }
    }

    /// Resolve one value cited by item `item` in catalog file `file`.
    pub fn resolve(&mut self, out: &OutDir, file: FileId, value: &str, item: usize) -> Result<Attachment, Error> {
        let value = value.trim();
        let key = (file, value.to_string());
        let a = match self.cache.get(&key) {
            Some(a) => a.clone(),
            None => {
                let a = self.resolve_new(out, file, value)?;
                self.cache.insert(key, a.clone());
                a
            }
        };
        if let Some(href) = &a.href
            && let Some(t) = self.text_pages.iter_mut().find(|t| &t.page == href)
            && t.items.last() != Some(&item)
        {
            t.items.push(item);
        }
        Ok(a)
    }

    fn resolve_new(&mut self, out: &OutDir, file: FileId, value: &str) -> Result<Attachment, Error> {
        if !looks_like_path(value) {
            return Ok(Attachment {
                kind: "text",
                href: None,
                text: value.to_string(),
            });
        }
        let src = &self.catalog.sources[file as usize];
        let base = src.path.parent().unwrap_or(Path::new("."));
        let path = base.join(value);
        let missing = |why: String, warnings: &mut Vec<String>| {
            warnings.push(why);
            Attachment {
                kind: "missing",
                href: None,
                text: value.to_string(),
            }
        };
        let real = match path.canonicalize() {
            Ok(p) if p.is_file() => p,
            _ => {
                return Ok(missing(
                    Msg::new(
                        format!("{}：材料范例文件不存在：{value}", src.display),
                        format!("{}: sample file not found: {value}", src.display),
                    )
                    .get()
                    .to_string(),
                    &mut self.warnings,
                ));
            }
        };
        if !self.roots.iter().any(|r| real.starts_with(r)) {
            return Ok(missing(
                Msg::new(
                    format!("{}：材料范例不在清单目录内，未复制：{value}", src.display),
                    format!(
                        "{}: sample outside the catalog directory, not copied: {value}",
                        src.display
                    ),
                )
                .get()
                .to_string(),
                &mut self.warnings,
            ));
        }
        let rel = match self.copied.get(&real) {
            Some(rel) => rel.clone(),
            None => {
                let rel = sample_file(self.copied.len() + 1, &real);
                let bytes = crate::load::limits::read_bounded(&real)?;
                out.write(&rel, &bytes)?;
                // Plain-text samples open as a page of the site rather than a raw download.
                let rel = match (text_sample(&real), std::str::from_utf8(&bytes)) {
                    (Some(markdown), Ok(text)) => {
                        let page = format!("{rel}.html");
                        self.text_pages.push(TextSample {
                            page: page.clone(),
                            title: real
                                .file_stem()
                                .map(|s| s.to_string_lossy().into_owned())
                                .unwrap_or_default(),
                            markdown,
                            text: text.to_string(),
                            items: Vec::new(),
                        });
                        page
                    }
                    _ => rel,
                };
                self.copied.insert(real.clone(), rel.clone());
                rel
            }
        };
        // A text sample opens as a page, so its link reads as a title rather than a file name.
        let shown = if rel.ends_with(".html") {
            real.file_stem()
        } else {
            real.file_name()
        };
        let name = shown
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| value.to_string());
        Ok(Attachment {
            kind: "file",
            href: Some(rel),
            text: name,
        })
    }

    /// A value resolved earlier by [`Attachments::resolve`].
    pub fn get(&self, file: FileId, value: &str) -> Option<Attachment> {
        self.cache.get(&(file, value.trim().to_string())).cloned()
    }

    pub fn files_copied(&self) -> usize {
        self.copied.len()
    }
}

/// `Some(true)` for Markdown, `Some(false)` for plain text, `None` for anything else.
fn text_sample(p: &Path) -> Option<bool> {
    match p
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("md" | "markdown") => Some(true),
        Some("txt") => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::looks_like_path;

    #[test]
    fn paths_and_prose() {
        assert!(looks_like_path("samples/食品经营许可申请书-样表.pdf"));
        assert!(looks_like_path("a.docx"));
        assert!(!looks_like_path("示例：温州某某鞋业有限公司与张三的劳动合同"));
        assert!(!looks_like_path("填写完整的申请书"));
        assert!(!looks_like_path("见 附件.pdf"));
        assert!(!looks_like_path("v1.0版"));
    }
}
