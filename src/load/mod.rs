//! Loaders: every source format becomes the same `Catalog`. Loaders never lint.

pub mod config_yaml;
pub mod csv;
pub mod form;
pub mod json_export;
pub mod limits;
pub mod ods_cells;
pub mod sheet;
pub mod yaml;

use crate::error::Error;
use crate::model::{Catalog, Source, SourceKind};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Options that change how sources are read.
#[derive(Clone, Debug, Default)]
pub struct LoadOptions {
    /// Force a text encoding for CSV (`utf-8`, `gbk`, `gb18030`).
    pub encoding: Option<String>,
    /// A mapping profile naming the columns of an unusual spreadsheet layout.
    pub profile: Option<PathBuf>,
    /// The list form of the files read (`--form`, catalog.toml `[options] form`), unless a
    /// file names its own.
    pub form: Option<String>,
    /// The run's taxonomy (`--taxonomy`, catalog.toml), when not the built-in one: a sheet's
    /// 清单类别 is taken from its 事项类型 by it.
    pub taxonomy: Option<std::sync::Arc<crate::model::taxonomy::Taxonomy>>,
}

/// The formats a directory walk picks up.
fn is_catalog_file(p: &Path) -> bool {
    let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
    // Excel's lock files (~$清单.xlsx) are not catalogs. JSON is read only when named on the
    // command line: a catalog folder also holds baselines, schemas and reports in JSON.
    if name.starts_with("~$") {
        return false;
    }
    matches!(
        ext(p).as_str(),
        "yaml" | "yml" | "xlsx" | "xlsm" | "xls" | "ods" | "csv" | "tsv"
    )
}

fn ext(p: &Path) -> String {
    p.extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// Load and merge every path (files, or directories walked recursively) into one catalog.
pub fn load_paths(paths: &[PathBuf], opts: &LoadOptions) -> Result<Catalog, Error> {
    let parts = each_unit(paths, opts, |u| load_unit_with(u, opts, &Keep).map(|(c, _)| c))?;
    let mut cat = Catalog::default();
    // Room for every file's items at once, not grown file by file.
    if parts.len() > 1 {
        cat.items.reserve_exact(parts.iter().map(|c| c.items.len()).sum());
    }
    for part in parts {
        cat.merge(part);
    }
    Ok(cat)
}

/// `read` each [`units`] of the catalog files the paths name (an export's CSV files together),
/// in parallel, with a progress bar: the results in order, or every error together.
pub fn each_unit<T: Send>(
    paths: &[PathBuf],
    opts: &LoadOptions,
    read: impl Fn(&[PathBuf]) -> Result<T, Error> + Sync,
) -> Result<Vec<T>, Error> {
    each_in_parallel(&units(catalog_files(paths)?, opts), |u| read(u))
}

/// `read` each of `units` (files, or an export's files read together) in parallel, with a
/// progress bar: the results in order, or every error together.
fn each_in_parallel<U: Sync, T: Send>(
    units: &[U],
    read: impl Fn(&U) -> Result<T, Error> + Sync,
) -> Result<Vec<T>, Error> {
    let bar = progress(units.len());
    let parts: Vec<Result<T, Error>> = units
        .par_iter()
        .map(|u| {
            let r = read(u);
            bar.inc(1);
            r
        })
        .collect();
    bar.finish_and_clear();
    Error::collect(parts)
}

/// The catalog files the paths name (directories walked recursively), in the order they merge;
/// an error when there is none.
pub fn catalog_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Error> {
    let mut files = Vec::new();
    for p in paths {
        collect(p, &mut files, 0)?;
    }
    if files.is_empty() {
        let shown = paths
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", ");
        return Err(Error::plain(
            paths.first().map(PathBuf::as_path),
            format!("在 {shown} 中没有找到清单文件（.yaml .xlsx .xls .ods .csv .json）"),
            format!("no catalog files (.yaml .xlsx .xls .ods .csv .json) found in {shown}"),
        ));
    }
    Ok(files)
}

/// A progress bar on stderr for directory loads, only for a person at a terminal (CI logs and
/// pipes stay clean).
pub fn progress(files: usize) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if files < 2 || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::with_draw_target(Some(files as u64), indicatif::ProgressDrawTarget::stderr());
    let style = indicatif::ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} {elapsed}")
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
    bar.set_style(style.progress_chars("=> "));
    bar.set_message(crate::i18n::t("读取文件", "loading files"));
    bar.enable_steady_tick(std::time::Duration::from_millis(1000));
    bar
}

const MAX_DEPTH: usize = 32;

fn collect(p: &Path, out: &mut Vec<PathBuf>, depth: usize) -> Result<(), Error> {
    let meta = std::fs::metadata(p).map_err(|e| Error::io(p, &e))?;
    if meta.is_dir() {
        if depth > MAX_DEPTH {
            return Err(Error::plain(
                Some(p),
                "目录层数过深（可能是符号链接循环）".into(),
                "directory nesting too deep (a symlink loop?)".into(),
            ));
        }
        let rd = std::fs::read_dir(p).map_err(|e| Error::io(p, &e))?;
        let mut entries: Vec<PathBuf> = Vec::new();
        for e in rd {
            let e = e.map_err(|e| Error::io(p, &e))?;
            let name = e.file_name();
            if name.to_string_lossy().starts_with('.') {
                continue;
            }
            entries.push(e.path());
        }
        entries.sort();
        for e in entries {
            if e.is_dir() || is_catalog_file(&e) {
                collect(&e, out, depth + 1)?;
            }
        }
    } else if depth == 0 || is_catalog_file(p) {
        out.push(p.to_path_buf());
    }
    Ok(())
}

/// How a path should be shown: relative to the working directory when it lies below it.
pub fn display_path(p: &Path) -> String {
    if let Ok(cwd) = std::env::current_dir()
        && let Ok(rel) = p.strip_prefix(&cwd)
    {
        return rel.display().to_string();
    }
    p.display().to_string()
}

/// What a caller does with the items of a file while it is read, in runs of items (a big YAML
/// file's chunks, read in parallel; the whole file otherwise), like ripgrep's searcher handing
/// matches to a sink: the loader does not know what the sink does (`catalog lint` checks the
/// items and keeps less of them, so that a big catalog never sits in memory whole).
pub trait Sink: Sync {
    type Out: Send;
    /// `run` is the file's catalog so far — its source, header and only this run's items, which
    /// the sink may change; the items go back into the file's catalog after it. `whole`: the run
    /// holds all the file's items.
    fn run(&self, run: &mut Catalog, whole: bool) -> Self::Out;

    /// What the sink needs of the items: the loader may leave the rest unread.
    fn wants(&self) -> Wants<'_> {
        Wants::default()
    }
}

/// What a [`Sink`] needs of a file's items. A loader may read more than is asked (a small file
/// is read whole), so [`Sink::run`] must still expect every item whole.
#[derive(Clone, Default)]
pub struct Wants<'s> {
    /// Items not needed at all.
    pub none: Items<'s>,
    /// Items of which only some keys are needed: the keys `unread` names may be left out, their
    /// values unread (and so unchecked).
    pub partly: Items<'s>,
    pub unread: Option<&'s dyn yaml::block::Unread>,
    /// The `items:` region and each item's text, when the sink has them already (from
    /// [`yaml::item_texts`] on the same text): the loader need not look for them again.
    pub items: Option<(std::ops::Range<usize>, &'s [std::ops::Range<usize>])>,
}

/// Some of a file's items.
#[derive(Clone, Copy, Default)]
pub enum Items<'s> {
    #[default]
    No,
    /// By the byte ranges of their text in the file (as [`yaml::item_texts`] gives them, sorted).
    These(&'s [std::ops::Range<usize>]),
    All,
}

/// The sink that does nothing.
pub struct Keep;

impl Sink for Keep {
    type Out = ();
    fn run(&self, _: &mut Catalog, _: bool) {}
}

/// What the sink said of each run of a file's items, in item order, with the run's length.
pub type Runs<T> = Vec<(usize, T)>;

/// Most CSV files of one folder read as one export: an export is a handful of files (事项,
/// 申请材料, 受理条件, 办理流程 …); a folder of many is many lists, each read as it comes.
const MAX_EXPORT_FILES: usize = 12;

/// The files in units read together: the CSV files of one folder (a portal's export: 事项.csv
/// beside 申请材料.csv), else each file alone. Not with a mapping profile (it maps one file's
/// columns).
pub fn units(files: Vec<PathBuf>, opts: &LoadOptions) -> Vec<Vec<PathBuf>> {
    let csv = |p: &Path| matches!(ext(p).as_str(), "csv" | "tsv");
    let mut out: Vec<Vec<PathBuf>> = Vec::new();
    for f in files {
        match out.last_mut() {
            Some(u) if opts.profile.is_none() && csv(&f) && csv(&u[0]) && u[0].parent() == f.parent() => u.push(f),
            _ => out.push(vec![f]),
        }
    }
    // A folder of many CSV files is many lists.
    out.into_iter()
        .flat_map(|u| {
            if u.len() > MAX_EXPORT_FILES {
                u.into_iter().map(|f| vec![f]).collect()
            } else {
                vec![u]
            }
        })
        .collect()
}

/// Load a unit of [`units`]: one file, or the CSV files of one export read together.
pub fn load_unit_with<S: Sink>(
    unit: &[PathBuf],
    opts: &LoadOptions,
    sink: &S,
) -> Result<(Catalog, Runs<S::Out>), Error> {
    if let [one] = unit {
        return load_file_with(one, opts, sink);
    }
    form::check_option(opts.form.as_deref())?;
    let mut c = csv::load_export(unit, opts)?;
    let n = c.items.len();
    let out = sink.run(&mut c, true);
    Ok((c, vec![(n, out)]))
}

/// Load one file by its format.
pub fn load_file(path: &Path, opts: &LoadOptions) -> Result<Catalog, Error> {
    load_file_with(path, opts, &Keep).map(|(c, _)| c)
}

/// [`load_file`], handing the items to `sink` as they are read.
pub fn load_file_with<S: Sink>(path: &Path, opts: &LoadOptions, sink: &S) -> Result<(Catalog, Runs<S::Out>), Error> {
    let whole = |mut c: Catalog| {
        let n = c.items.len();
        let out = sink.run(&mut c, true);
        (c, vec![(n, out)])
    };
    form::check_option(opts.form.as_deref())?;
    let profile = match &opts.profile {
        Some(p) => Some(sheet::profile::Profile::load(p)?),
        None => None,
    };
    let profile = profile.as_ref();
    match ext(path).as_str() {
        // .xml: an Excel 2003 XML spreadsheet (what else an .xml is, the sniffing says).
        "xlsx" | "xlsm" | "xls" | "ods" | "et" | "xml" => {
            let bytes = limits::read_bounded(path)?;
            if ext(path) == "xml" && !matches!(sheet::sniff(&bytes), sheet::Sniffed::Xml2003) {
                return Err(Error::plain(
                    Some(path),
                    "这个 .xml 文件不是 Excel 2003 XML 表格（SpreadsheetML），无法作为清单读取".into(),
                    "this .xml file is not an Excel 2003 XML spreadsheet (SpreadsheetML) and cannot be read as a catalog".into(),
                ));
            }
            limits::check_workbook(path, &bytes)?;
            sheet::load(path, bytes, opts, profile).map(whole)
        }
        "csv" | "tsv" | "txt" => {
            let bytes = limits::read_bounded(path)?;
            limits::check_lines(path, &bytes)?;
            csv::load(path, bytes, opts, profile).map(whole)
        }
        "json" | "jsonl" | "ndjson" => json_export::load(path, opts, profile).map(whole),
        "yaml" | "yml" => {
            let text = read_yaml(path)?;
            load_yaml_with(path, text, sink).map(|(mut c, runs)| {
                form::apply(
                    &mut c,
                    opts.form.as_deref().map(form::Judged::Stated),
                    &[],
                    crate::model::Loc::default(),
                );
                (c, runs)
            })
        }
        other => Err(Error::plain(
            Some(path),
            format!(
                "不支持的文件类型 “.{other}”（支持 .yaml .yml .xlsx .xls .ods .csv .json，以及 Excel 2003 XML 表格 .xml）"
            ),
            format!(
                "unsupported file type '.{other}' (supported: .yaml .yml .xlsx .xls .ods .csv .json, and Excel 2003 XML spreadsheets .xml)"
            ),
        )),
    }
}

/// Whether `path` is read as YAML.
pub fn is_yaml(path: &Path) -> bool {
    matches!(ext(path).as_str(), "yaml" | "yml")
}

/// A YAML file's text, checked as every load checks it (size, line length, encoding).
pub fn read_yaml(path: &Path) -> Result<Arc<str>, Error> {
    // Read straight into the shared text: a copy would leave a freed block of the file's size
    // that the allocator keeps (the peak of a 10,000-item lint: 84 or 110 MB).
    let bytes = limits::read_shared(path)?;
    limits::check_lines(path, &bytes)?;
    shared_text(path, bytes)
}

/// Load the YAML `text` of `path` (from [`read_yaml`]), handing its items to `sink`.
pub fn load_yaml_with<S: Sink>(path: &Path, text: Arc<str>, sink: &S) -> Result<(Catalog, Runs<S::Out>), Error> {
    let source = Source {
        path: path.to_path_buf(),
        display: display_path(path),
        kind: SourceKind::Yaml,
        text: Some(text.clone()),
        sheets: Vec::new(),
        own_sheets: Vec::new(),
    };
    yaml::load_str_with(&text, path, source, sink)
}

/// Text files must be UTF-8 (a BOM is dropped); binary content is refused with a clear message.
fn shared_text(path: &Path, bytes: Arc<[u8]>) -> Result<Arc<str>, Error> {
    let bom = bytes.starts_with(&[0xEF, 0xBB, 0xBF]);
    let body = if bom { &bytes[3..] } else { &bytes[..] };
    let text = check_text(path, body)?;
    if bom {
        return Ok(Arc::from(text));
    }
    let len = text.len();
    debug_assert_eq!(len, bytes.len());
    // SAFETY: all of `bytes` was just checked to be UTF-8, and `str` has the layout of `[u8]`.
    Ok(unsafe { Arc::from_raw(Arc::into_raw(bytes) as *const str) })
}

/// The bytes as UTF-8 text, or why they are not.
fn check_text<'b>(path: &Path, bytes: &'b [u8]) -> Result<&'b str, Error> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(Error::plain(
            Some(path),
            "文件是 UTF-16 编码；请另存为 UTF-8".into(),
            "the file is UTF-16; save it as UTF-8".into(),
        ));
    }
    if let Some(at) = memchr::memchr(0, bytes) {
        // Named at the NUL byte: a binary file fails on its first lines, a text file with one
        // stray byte is found where it is.
        let head = &bytes[..at];
        let (line, col) = Error::line_col_after(head);
        return Err(Error::at(
            path,
            line,
            col,
            "这里有 NUL 字节（\\0）：这是二进制文件，不是 YAML 文本",
            "a NUL byte (\\0) here: this is a binary file, not YAML text",
        ));
    }
    // The SIMD check first: most of a big file's bytes are CJK text, slow for the standard one.
    if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
        return Ok(text);
    }
    std::str::from_utf8(bytes).map_err(|e| {
        let valid = e.valid_up_to();
        let head = &bytes[..valid];
        let (line, col) = Error::line_col_after(head);
        Error::at(
            path,
            line,
            col,
            "文件不是 UTF-8 编码（可能是 GBK）；请另存为 UTF-8",
            "the file is not UTF-8 (GBK?); save it as UTF-8",
        )
    })
}
