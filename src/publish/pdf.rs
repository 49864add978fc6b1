//! 办事指南 as PDF through Typst as a library (cargo feature `pdf`, off by default). The
//! catalog is handed to the template as a virtual `data.json`, so its text is data, never markup.

use super::safe::{OutDir, slug};
use super::view::{MATERIAL_SKIP, item_sections, material_summary, rows};
use crate::error::Error;
use crate::model::fields::F;
use crate::model::{Catalog, Item};
use serde::Serialize;
use std::path::Path;
use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_kit::fonts::FontStore;

pub const TEMPLATE: &str = include_str!("../../templates/guide.typ");

#[derive(Serialize)]
struct Row {
    label: String,
    lines: Vec<String>,
}
#[derive(Serialize)]
struct Section {
    title: &'static str,
    rows: Vec<Row>,
}
#[derive(Serialize)]
struct Point {
    text: String,
    error_prone: bool,
    fix: Option<String>,
}
#[derive(Serialize)]
struct Material {
    name: String,
    requirements: Vec<String>,
    sample: String,
}
#[derive(Serialize)]
struct Scenario {
    name: String,
    points: Vec<Point>,
    materials: Vec<Material>,
}
#[derive(Serialize)]
struct Step {
    step: String,
    days: String,
}
#[derive(Serialize)]
struct ItemData {
    name: String,
    sections: Vec<Section>,
    scenarios: Vec<Scenario>,
    process: Vec<Step>,
}
#[derive(Serialize)]
struct Data {
    title: String,
    version: Option<String>,
    items: Vec<ItemData>,
}

fn item_data(item: &Item) -> ItemData {
    let t = |s: Option<&str>| s.unwrap_or("").trim().to_string();
    ItemData {
        name: t(item.name()),
        sections: item_sections(item)
            .into_iter()
            .map(|s| Section {
                title: s.title,
                rows: s
                    .rows
                    .into_iter()
                    .map(|r| Row {
                        label: r.label,
                        lines: r.lines,
                    })
                    .collect(),
            })
            .collect(),
        scenarios: item
            .scenarios
            .iter()
            .map(|s| Scenario {
                name: t(s.name()),
                points: s
                    .acceptance_points
                    .iter()
                    .map(|p| Point {
                        text: t(p.fields.text(F::PointText)),
                        error_prone: p.fields.bool(F::ErrorProne) == Some(true),
                        fix: p
                            .fields
                            .text(F::Fix)
                            .map(|s| s.trim().to_string())
                            .filter(|s| !s.is_empty()),
                    })
                    .collect(),
                materials: s
                    .materials
                    .iter()
                    .map(|m| Material {
                        name: t(m.name()),
                        requirements: std::iter::once(material_summary(
                            &m.fields,
                            m.fields.bool(F::Shared) != Some(true),
                        ))
                        .filter(|s| !s.is_empty())
                        .chain(
                            rows(&m.fields, MATERIAL_SKIP)
                                .into_iter()
                                .map(|r| format!("{}：{}", r.label, r.lines.join("；"))),
                        )
                        .collect(),
                        sample: t(m.fields.text(F::Sample)),
                    })
                    .collect(),
            })
            .collect(),
        process: item
            .process
            .iter()
            .map(|p| Step {
                step: t(p.fields.text(F::StepName)),
                days: p
                    .fields
                    .get(F::StepDays)
                    .map(|v| format!("{} 个工作日", v.value.display()))
                    .unwrap_or_default(),
            })
            .collect(),
    }
}

struct GuideWorld<'a> {
    library: LazyHash<Library>,
    fonts: &'a FontStore,
    main: Source,
    data_id: FileId,
    data: Bytes,
}

impl World for GuideWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }
    fn book(&self) -> &LazyHash<FontBook> {
        self.fonts.book()
    }
    fn main(&self) -> FileId {
        self.main.id()
    }
    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }
    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.data_id {
            Ok(self.data.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }
    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.font(index)
    }
    fn today(&self, _: Option<Duration>) -> Option<Datetime> {
        use chrono::Datelike;
        let d = chrono::Local::now().date_naive();
        Datetime::from_ymd(d.year(), d.month() as u8, d.day() as u8)
    }
}

fn file_id(name: &str) -> Result<FileId, Error> {
    let vp = VirtualPath::new(name).map_err(|e| {
        Error::plain(
            None,
            format!("PDF 模板路径错误：{e:?}"),
            format!("bad template path: {e:?}"),
        )
    })?;
    Ok(RootedPath::new(VirtualRoot::Project, vp).intern())
}

fn render(template: &str, fonts: &FontStore, data: &Data) -> Result<Vec<u8>, Error> {
    let json = serde_json::to_vec(data).unwrap_or_default();
    let world = GuideWorld {
        library: LazyHash::new(Library::default()),
        fonts,
        main: Source::new(file_id("guide.typ")?, template.to_string()),
        data_id: file_id("data.json")?,
        data: Bytes::new(json),
    };
    let fail = |what: &str, diags: &[typst::diag::SourceDiagnostic]| {
        let detail = diags
            .iter()
            .map(|d| d.message.to_string())
            .collect::<Vec<_>>()
            .join("; ");
        Error::plain(
            Some(Path::new("guide.typ")),
            format!("PDF {what}失败：{detail}"),
            format!("PDF {what} failed: {detail}"),
        )
    };
    let doc: typst_layout::PagedDocument = typst::compile(&world).output.map_err(|d| fail("排版", &d))?;
    typst_pdf::pdf(&doc, &typst_pdf::PdfOptions::default()).map_err(|d| fail("生成", &d))
}

fn fonts() -> FontStore {
    let mut fonts = FontStore::new();
    fonts.extend(typst_kit::fonts::embedded());
    fonts.extend(typst_kit::fonts::system());
    fonts
}

/// Write the guide as PDF: one file, or one per item with `split`. Returns the file count.
pub fn write(cat: &Catalog, dir: &Path, split: bool, templates: Option<&Path>) -> Result<usize, Error> {
    let template = match templates.map(|d| d.join("guide.typ")).filter(|p| p.is_file()) {
        Some(p) => crate::load::limits::read_text(&p)?,
        None => TEMPLATE.to_string(),
    };
    let out = OutDir::create(dir)?;
    let title = cat
        .header_text(F::Title)
        .map(str::trim)
        .unwrap_or("政务服务事项")
        .to_string();
    let version = cat.header_text(F::Version).map(|s| s.trim().to_string());
    let fonts = fonts();
    if split {
        let mut n = 0;
        for (i, item) in cat.items.iter().enumerate() {
            let data = Data {
                title: format!("{title}办事指南"),
                version: version.clone(),
                items: vec![item_data(item)],
            };
            let code = item.code().map(|c| slug(c, 40)).unwrap_or_default();
            let rel = if code.is_empty() {
                format!("{}.pdf", i + 1)
            } else {
                format!("{}-{code}.pdf", i + 1)
            };
            out.write(&rel, &render(&template, &fonts, &data)?)?;
            n += 1;
        }
        return Ok(n);
    }
    let data = Data {
        title: format!("{title}办事指南"),
        version,
        items: cat.items.iter().map(item_data).collect(),
    };
    out.write("办事指南.pdf", &render(&template, &fonts, &data)?)?;
    Ok(1)
}
