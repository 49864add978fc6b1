//! Workbooks (.xlsx .xls .ods, and HTML tables saved as .xls) → `Catalog`.
//!
//! The format is taken from the bytes, not the name: a `.xls` that is really xlsx, an HTML or CSV
//! export renamed `.xls`, a password-protected workbook (an OLE file holding `EncryptedPackage`)
//! are all recognized. Every sheet is read; each finds its own header row.

mod detail;
pub mod entries;
pub mod grid;
mod guard;
pub mod header;
mod heading_department;
mod heading_type;
pub mod html;
mod memo;
mod merge_lost;
mod ods_merges;
mod pairs;
pub mod profile;
pub mod rows;
mod same_as;
pub mod sheet_xml;
mod steps;
mod xls_extent;
pub mod xlsx;
mod xml2003;

use crate::error::{Error, Place};
use crate::load::{LoadOptions, limits};
use crate::model::*;
use calamine::{Data, Ods, Range, Reader, SheetVisible, Xls, Xlsx};
use grid::Grid;
use profile::Profile;
use rayon::prelude::*;
use std::io::Cursor;
use std::path::Path;

/// Sheets with these names hold the 清单信息, 一件事 and 法规库 rather than items.
pub const HEADER_SHEET: &str = "清单信息";
pub const BUNDLE_SHEET: &str = "一件事";
pub const LAW_SHEET: &str = "法规库";
/// Key of the 清单信息 row by which `catalog convert` marks a workbook as written explicitly
/// (every value on every row; no fill-down).
pub const LAYOUT_KEY: &str = "表格布局";
pub const LAYOUT_VALUE: &str = "catalog-rows-1";
/// The header rows (Chinese, English) of the sheets `catalog lint --format xlsx` adds to its copy
/// of a workbook: the findings and the rules that fired. A copy linted again is read for its
/// items, not for its findings (their 序号 | 事项编码 | 事项名称 columns would make each an item).
pub const FINDINGS_COLUMNS: [(&str, &str); 9] = [
    ("序号", "No."),
    ("严重程度", "Severity"),
    ("规则", "Rule"),
    ("事项编码", "Item code"),
    ("事项名称", "Item name"),
    ("字段", "Field"),
    ("位置", "Place"),
    ("说明", "Message"),
    ("修改建议", "How to fix"),
];
pub const RULES_COLUMNS: [(&str, &str); 7] = [
    ("规则", "Rule"),
    ("名称", "Name"),
    ("严重程度", "Severity"),
    ("说明", "What it does"),
    ("原因", "Why"),
    ("修改方法", "How to fix"),
    ("数量", "Count"),
];

/// Whether a sheet is a template's example of how to fill it in (`填写示例`, `样例`:
/// rules/example-sheets.yaml), left in a workbook that has other sheets: its rows are no items.
fn is_example(name: &str) -> bool {
    #[derive(serde::Deserialize)]
    struct List {
        words: Vec<String>,
    }
    static WORDS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    WORDS
        .get_or_init(|| {
            let list: List = serde_saphyr::from_str(include_str!("../../../rules/example-sheets.yaml"))
                .expect("an embedded word list is valid (checked by tests)");
            list.words
        })
        .iter()
        .any(|w| name.contains(w.as_str()))
}

/// Whether the sheet is one of those `catalog` adds to a copy ([`FINDINGS_COLUMNS`],
/// [`RULES_COLUMNS`]): its first row starts with their headers in either language (a clerk may
/// add a column of their own after them).
fn is_own_report(g: &Grid) -> bool {
    let starts_with = |cols: &[(&str, &str)]| {
        [false, true].iter().any(|&en| {
            cols.iter()
                .enumerate()
                .all(|(c, (zh, e))| g.cell(0, c).trim() == if en { *e } else { *zh })
        })
    };
    g.height() > 0 && (starts_with(&FINDINGS_COLUMNS) || starts_with(&RULES_COLUMNS))
}

/// What the bytes of a spreadsheet-named file really are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sniffed {
    Xlsx,
    Ods,
    Xls,
    Encrypted,
    Html,
    /// An Excel 2003 XML spreadsheet (SpreadsheetML).
    Xml2003,
    Text,
    Unknown,
}

pub fn sniff(bytes: &[u8]) -> Sniffed {
    if bytes.starts_with(b"PK\x03\x04") {
        let head = &bytes[..bytes.len().min(200)];
        return if head
            .windows(46)
            .any(|w| w.starts_with(b"mimetypeapplication/vnd.oasis.opendocument"))
        {
            Sniffed::Ods
        } else {
            Sniffed::Xlsx
        };
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        let marker: Vec<u8> = "EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes).collect();
        return if bytes.windows(marker.len()).any(|w| w == marker.as_slice()) {
            Sniffed::Encrypted
        } else {
            Sniffed::Xls
        };
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]).to_ascii_lowercase();
    let head = head.trim_start_matches('\u{feff}').trim_start();
    if head.starts_with('<') && xml2003::is_spreadsheet_ml(head) {
        return Sniffed::Xml2003;
    }
    if head.starts_with('<') && (head.contains("<html") || head.contains("<table") || head.contains("<!doctype")) {
        return Sniffed::Html;
    }
    if bytes.is_empty() || !bytes[..bytes.len().min(4096)].contains(&0) {
        return Sniffed::Text;
    }
    Sniffed::Unknown
}

fn open_error(path: &Path, e: impl std::fmt::Display, what: &str) -> Error {
    let detail = e.to_string();
    let (zh, en) = if detail.contains("assword") {
        (
            "工作簿设置了打开密码，无法读取；请在 Excel 中取消密码后另存".to_string(),
            "the workbook is password-protected; remove the password in Excel and save again".to_string(),
        )
    } else if detail.to_ascii_lowercase().contains("zip") || detail.contains("EOF") || detail.contains("eof") {
        (
            format!("文件已损坏或不完整，无法作为 {what} 打开（{detail}）；请重新导出或另存"),
            format!(
                "the file is damaged or truncated and cannot be opened as {what} ({detail}); export or save it again"
            ),
        )
    } else {
        (
            format!("无法作为 {what} 打开：{detail}"),
            format!("cannot open as {what}: {detail}"),
        )
    };
    Error::plain(Some(path), zh, en)
}

/// Load a workbook from its bytes.
pub fn load(path: &Path, bytes: Vec<u8>, opts: &LoadOptions, profile: Option<&Profile>) -> Result<Catalog, Error> {
    let kind = sniff(&bytes);
    let (grids, sheet_names) = match kind {
        Sniffed::Xlsx => match xlsx::read(&bytes, limits::max_sheet_cells()) {
            Some(read) => read,
            None => damaged_unless(path, "xlsx", || read_xlsx_with_calamine(path, &bytes))?,
        },
        Sniffed::Xls => damaged_unless(path, "xls", || {
            let mut hidden = xls_extent::check(path, &bytes)?;
            let mut wb = Xls::new(Cursor::new(bytes)).map_err(|e| open_error(path, e, "xls"))?;
            let (mut grids, names) = read_sheets(path, &mut wb, |wb, name| {
                wb.merge_cells_by_sheet_name(name).unwrap_or_default()
            })?;
            for g in &mut grids {
                g.hidden_rows = hidden.remove(&g.name).unwrap_or_default();
            }
            Ok((grids, names))
        })?,
        Sniffed::Ods => damaged_unless(path, "ods", || {
            // ODS has no merged-cell API in calamine, nor hidden rows: both are read from the markup.
            let mut markup = ods_merges::read(&bytes);
            let mut wb = Ods::new(Cursor::new(bytes)).map_err(|e| open_error(path, e, "ods"))?;
            let (mut grids, names) = read_sheets(path, &mut wb, |_, _| Vec::new())?;
            for g in &mut grids {
                g.fill_merges(markup.merges.get(&g.name).map_or(&[], Vec::as_slice));
                g.hidden_rows = markup.hidden_rows.remove(&g.name).unwrap_or_default();
            }
            Ok((grids, names))
        })?,
        Sniffed::Encrypted => return Err(open_error(path, "password", "xlsx")),
        Sniffed::Html => {
            let text = crate::load::csv::decode(path, &bytes, opts.encoding.as_deref())?;
            let grids = html::tables(&text, &sheet_stem(path));
            let names = grids.iter().map(|g| g.name.clone()).collect();
            (grids, names)
        }
        Sniffed::Xml2003 => {
            let text = crate::load::csv::decode(path, &bytes, opts.encoding.as_deref())?;
            xml2003::read(&text, limits::max_sheet_cells()).map_err(|detail| {
                Error::plain(
                    Some(path),
                    format!("Excel 2003 XML 表格已损坏，无法读取（{detail}）；请在 Excel 中打开后另存为 .xlsx"),
                    format!(
                        "the Excel 2003 XML spreadsheet is damaged ({detail}); open it in Excel and save it as .xlsx"
                    ),
                )
            })?
        }
        Sniffed::Text => return crate::load::csv::load_bytes(path, bytes, opts, profile),
        Sniffed::Unknown => {
            return Err(Error::plain(
                Some(path),
                "无法识别的文件内容：不是 xlsx、xls、ods、HTML 表格或 CSV".into(),
                "unrecognized content: not xlsx, xls, ods, an HTML table or CSV".into(),
            ));
        }
    };
    from_grids(path, grids, sheet_names, SourceKind::Sheet, profile, opts)
}

/// `read()`, with a panic of the reader (calamine on some damaged files) as the file's error.
fn damaged_unless<T>(path: &Path, what: &str, read: impl FnOnce() -> Result<T, Error>) -> Result<T, Error> {
    guard::catching(read).unwrap_or_else(|detail| {
        let detail = detail.split_whitespace().collect::<Vec<_>>().join(" ");
        Err(Error::plain(
            Some(path),
            format!("文件已损坏，无法作为 {what} 读取（{detail}）；请重新导出或另存"),
            format!("the file is damaged and cannot be read as {what} ({detail}); export or save it again"),
        ))
    })
}

/// The file name without extension: the sheet name Excel gives a CSV.
pub fn sheet_stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

type Merges<R> = fn(&mut R, &str) -> Vec<calamine::Dimensions>;

fn sheet_error(path: &Path, name: &str, e: impl std::fmt::Display) -> Error {
    let mut err = open_error(path, e, "工作表");
    err.place = Some(Place::Cell {
        sheet: name.to_string(),
        cell: String::new(),
    });
    err
}

/// An xlsx our own reader ([`xlsx`]) declines: calamine reads the cells, and merged ranges and
/// hidden rows come from a byte search that runs beside it. (Public for the differential fuzz
/// target.)
pub fn read_xlsx_with_calamine(path: &Path, bytes: &[u8]) -> Result<(Vec<Grid>, Vec<String>), Error> {
    let (read, mut parts) = rayon::join(|| read_xlsx(path, bytes), || sheet_xml::find(bytes));
    let (mut grids, names) = read?;
    for g in &mut grids {
        if let Some(x) = parts.remove(&g.name) {
            g.hidden_rows = x.hidden_rows;
            g.fill_merges(&x.merges);
        }
    }
    Ok((grids, names))
}

/// xlsx: sheets are read in parallel, each reader (one per core, each parsing the shared strings
/// once) taking every n-th sheet. One streaming pass per sheet gives values (shared strings
/// borrowed, not copied) and whether a cell holds a formula, so a formula saved without its value
/// is found for free.
fn read_xlsx(path: &Path, bytes: &[u8]) -> Result<(Vec<Grid>, Vec<String>), Error> {
    let open = || Xlsx::new(Cursor::new(bytes)).map_err(|e| open_error(path, e, "xlsx"));
    let wb = open()?;
    let metas: Vec<(String, bool)> = wb
        .sheets_metadata()
        .iter()
        .map(|s| (s.name.clone(), s.visible != SheetVisible::Visible))
        .collect();
    // A second reader costs a second parse of the shared strings: worth it for big workbooks only.
    let readers = if bytes.len() > 1 << 20 {
        rayon::current_num_threads().min(metas.len()).max(1)
    } else {
        1
    };
    let charts = chart_sheets(wb.sheets_metadata());
    // The cell budget is the workbook's (see `xlsx::cells::Book::used`).
    let used = std::sync::atomic::AtomicU64::new(0);
    let first = std::sync::Mutex::new(Some(wb));
    let parts: Vec<Result<Vec<Grid>, Error>> = (0..readers)
        .into_par_iter()
        .map(|k| {
            let taken = first.lock().ok().and_then(|mut w| w.take());
            let mut wb = match taken {
                Some(w) => w,
                None => open()?,
            };
            (k..metas.len())
                .step_by(readers)
                .map(|i| match charts[i] {
                    true => Ok(chart_grid(i, &metas[i].0)),
                    false => read_xlsx_sheet(path, &mut wb, i, &metas[i].0, metas[i].1, &used),
                })
                .collect()
        })
        .collect();
    let mut grids = Vec::with_capacity(metas.len());
    for part in parts {
        grids.extend(part?);
    }
    grids.sort_by_key(|g| g.sheet);
    Ok((grids, metas.into_iter().map(|(n, _)| n).collect()))
}

/// Which sheets are chart sheets: they hold a chart and no cells, which a reader refuses to
/// open as a worksheet; the workbook's worksheets are read and the chart sheet noted.
fn chart_sheets(metas: &[calamine::Sheet]) -> Vec<bool> {
    metas.iter().map(|s| s.typ == calamine::SheetType::ChartSheet).collect()
}

fn chart_grid(i: usize, name: &str) -> Grid {
    let mut g = Grid::new(i as u16, name.to_string());
    g.chart = true;
    g
}

fn read_xlsx_sheet<RS: std::io::Read + std::io::Seek>(
    path: &Path,
    wb: &mut Xlsx<RS>,
    i: usize,
    name: &str,
    hidden: bool,
    used: &std::sync::atomic::AtomicU64,
) -> Result<Grid, Error> {
    let mut reader = wb
        .worksheet_cells_reader(name)
        .map_err(|e| sheet_error(path, name, e))?;
    let dims = reader.dimensions();
    let mut g = Grid::new(i as u16, name.to_string());
    g.origin = dims.start;
    g.hidden = hidden;
    let mut first = true;
    // What the other sheets took is this sheet's budget no more.
    let taken = used.load(std::sync::atomic::Ordering::Relaxed);
    let max_cells = limits::max_sheet_cells().saturating_sub(taken);
    while let Some(rec) = reader
        .next_cell_with_formula_metadata()
        .map_err(|e| sheet_error(path, name, e))?
    {
        let (r, c) = rec.pos;
        if first {
            // The dimension tag may be missing or stale: trust the first cell.
            g.origin = (g.origin.0.min(r), g.origin.1.min(c));
            first = false;
        }
        if r < g.origin.0 || c < g.origin.1 {
            continue;
        }
        let owned;
        let text = match &rec.value {
            calamine::DataRef::SharedString(s) => grid::clean(s),
            calamine::DataRef::String(s) => grid::clean(s),
            calamine::DataRef::Empty => "".into(),
            calamine::DataRef::Error(e) => {
                owned = e.to_string();
                g.errors.push((r, c, owned.clone()));
                owned.as_str().into()
            }
            other => grid::data_text(&Data::from(other.clone())).into(),
        };
        if text.is_empty() {
            if let Some(f) = &rec.formula {
                let shown = match f {
                    calamine::XlsxFormulaMetadata::Normal { formula }
                    | calamine::XlsxFormulaMetadata::Shared { formula, .. } => {
                        format!("={formula}")
                    }
                    _ => "（共享公式）".to_string(),
                };
                g.formulas_without_value.push((r, c, shown));
            }
            continue;
        }
        let (rr, cc) = ((r - g.origin.0) as usize, (c - g.origin.1) as usize);
        // Checked before the grid grows: cells far apart (or far down) would make a small file
        // allocate a lot.
        let new_rows = (rr as u64 + 1).saturating_sub(g.height() as u64);
        if g.allocated() + new_rows + cc as u64 + 1 > max_cells {
            if taken > 0 && (rr as u64 + 1).saturating_mul(g.width().max(cc + 1) as u64) > max_cells {
                return Err(limits::workbook_too_large(path, name));
            }
            limits::check_sheet_cells_under(path, name, rr as u64 + 1, g.width().max(cc + 1) as u64, max_cells)?;
        }
        g.set(rr, cc, &text);
    }
    used.fetch_add(g.allocated(), std::sync::atomic::Ordering::Relaxed);
    Ok(g)
}

fn read_sheets<RS, R>(path: &Path, wb: &mut R, merges: Merges<R>) -> Result<(Vec<Grid>, Vec<String>), Error>
where
    RS: std::io::Read + std::io::Seek,
    R: Reader<RS>,
    R::Error: std::fmt::Display,
{
    let metas: Vec<(String, bool)> = wb
        .sheets_metadata()
        .iter()
        .map(|s| (s.name.clone(), s.visible != SheetVisible::Visible))
        .collect();
    let charts = chart_sheets(wb.sheets_metadata());
    let names: Vec<String> = metas.iter().map(|(n, _)| n.clone()).collect();
    let mut ranges: Vec<(usize, Range<Data>, Vec<calamine::Dimensions>)> = Vec::new();
    let mut total: u64 = 0;
    for (i, (name, _)) in metas.iter().enumerate() {
        if charts[i] {
            ranges.push((i, Range::default(), Vec::new()));
            continue;
        }
        let range = wb.worksheet_range(name).map_err(|e| sheet_error(path, name, e))?;
        limits::check_sheet_cells(path, name, range.height() as u64, range.width() as u64)?;
        // The budget is the workbook's: no further sheet is read past it.
        total = total.saturating_add((range.height() as u64).saturating_mul(range.width() as u64));
        if total > limits::max_sheet_cells() {
            return Err(limits::workbook_too_large(path, name));
        }
        let m = merges(wb, name);
        ranges.push((i, range, m));
    }
    let grids = ranges
        .into_par_iter()
        .map(|(i, range, m)| {
            let mut g = Grid::from_range(i as u16, &metas[i].0, &range);
            drop(range);
            g.hidden = metas[i].1;
            g.chart = charts[i];
            g.fill_merges(&m);
            g
        })
        .collect();
    Ok((grids, names))
}

/// Turn the grids of one file into a catalog (sheets in parallel).
pub fn from_grids(
    path: &Path,
    grids: Vec<Grid>,
    sheet_names: Vec<String>,
    kind: SourceKind,
    profile: Option<&Profile>,
    opts: &crate::load::LoadOptions,
) -> Result<Catalog, Error> {
    let source = Source {
        path: path.to_path_buf(),
        display: crate::load::display_path(path),
        kind,
        text: None,
        sheets: sheet_names,
        own_sheets: Vec::new(),
    };
    from_sources(path, grids, vec![source], profile, opts)
}

/// The CSV files of one export (事项.csv beside 申请材料.csv and 受理条件.csv), each a grid of its
/// own file (`Grid::file`, the index in `paths`), read together as a workbook's sheets are: the
/// related files join the items they name ([`detail`]), each row keeping its own file and line.
pub fn from_files(paths: &[&Path], grids: Vec<Grid>, opts: &crate::load::LoadOptions) -> Result<Catalog, Error> {
    let sources = paths
        .iter()
        .zip(&grids)
        .map(|(p, g)| Source {
            path: p.to_path_buf(),
            display: crate::load::display_path(p),
            kind: SourceKind::Csv,
            text: None,
            sheets: vec![g.name.clone()],
            own_sheets: Vec::new(),
        })
        .collect();
    from_sources(paths[0], grids, sources, None, opts)
}

/// Whether a sheet's columns are a related sheet's (a key and child-level columns only: 事项编码 |
/// 材料名称 | 份数), judged from its header rows alone, as [`sheet`] reads them.
pub fn looks_related(g: &Grid) -> bool {
    let Some(hr) = header::find_header_row(g, None) else {
        return false;
    };
    let sub = header::sub_header(g, hr, None);
    let cells = header::header_texts(g, hr, sub, None);
    let headers: Vec<&str> = cells.iter().map(|h| h.as_ref()).collect();
    let mut cols = header::columns(g, &headers, sub.unwrap_or(hr), None);
    header::office_columns(&mut cols, &headers);
    detail::children_keep_extras(&mut cols);
    detail::is_detail_shape(&cols)
}

fn from_sources(
    path: &Path,
    grids: Vec<Grid>,
    mut sources: Vec<Source>,
    profile: Option<&Profile>,
    opts: &crate::load::LoadOptions,
) -> Result<Catalog, Error> {
    let form = opts.form.as_deref();
    if let Some(g) = grids.iter().find(|g| g.overflowed()) {
        return Err(Error::plain(
            Some(path),
            format!(
                "工作表“{}”过大：单元格文字超过 {} MB，请拆分",
                g.name,
                grid::MAX_TEXT >> 20
            ),
            format!(
                "sheet '{}' too large: its cells hold more than {} MB of text; split it",
                g.name,
                grid::MAX_TEXT >> 20
            ),
        ));
    }
    let file: FileId = 0;
    let mut cat = Catalog::default();
    let explicit = grids.iter().any(|g| {
        g.name == HEADER_SHEET && (0..g.height()).any(|r| g.cell(r, 0) == LAYOUT_KEY && g.cell(r, 1) == LAYOUT_VALUE)
    });
    let row_opts = rows::RowOptions {
        fill_down: if explicit {
            Vec::new()
        } else {
            match profile.and_then(|p| p.fill_down.as_ref()) {
                Some(list) => list
                    .iter()
                    .filter_map(|k| profile::target_field(k))
                    .map(|(_, f)| f.id)
                    .collect(),
                None => vec![
                    F::Kingdom,
                    F::Phylum,
                    F::Class,
                    F::MainItem,
                    F::MainCode,
                    F::SubItem,
                    F::MainDuty,
                    F::Department,
                ],
            }
        },
        explicit,
        empty_values: profile.map(|p| p.empty_values.clone()).unwrap_or_default(),
        office_headers: false,
        taxonomy: opts.taxonomy.clone(),
        // Detail sheets need another sheet to join: a lone sheet (or a CSV) is read as ever.
        detail_rows: grids.iter().filter(|g| !g.is_empty()).count() > 1,
        // A text table keeps no merged cells (`merge_lost`).
        merges_lost: sources.iter().any(|s| s.kind == crate::model::SourceKind::Csv),
    };
    let wanted = |g: &Grid| profile.is_none_or(|p| p.sheets.is_empty() || p.sheets.contains(&g.name));
    // A template's example sheet beside the office's own is not read, unless a profile names it.
    let named = |g: &Grid| profile.is_some_and(|p| p.sheets.contains(&g.name));
    let example = |g: &Grid| grids.len() > 1 && !named(g) && is_example(&g.name);
    let examples: Vec<bool> = grids.iter().map(example).collect();
    let source_loc = Loc { file, pos: Pos::None };
    let mut found_header = false;
    let mut order: Vec<Option<u64>> = Vec::new();
    let mut all_empty = true;
    let mut item_sheets: Vec<crate::load::form::SheetFacts> = Vec::new();
    let mut item_sheet_locs: Vec<Loc> = Vec::new();
    let mut first_items_loc = source_loc;
    let first_sheet = grids.first().map(|g| g.name.clone());
    let mut pending = Vec::new();
    // Each sheet's cells are freed as soon as its items are built (peak memory).
    let results: Vec<(Grid, bool, SheetResult, bool)> = grids
        .into_par_iter()
        .zip(examples.into_par_iter())
        .map(|(mut g, example)| {
            let empty = g.is_empty();
            let res = if is_own_report(&g) {
                SheetResult::OwnReport
            } else if example {
                SheetResult::Example
            } else if wanted(&g) {
                let file = g.file;
                sheet(&mut g, file, profile, &row_opts)
            } else {
                SheetResult::Skipped
            };
            // (A label beside its value may pass for a header of two columns: 行使层级 | 县级.)
            let form_like =
                matches!(res, SheetResult::NoHeader | SheetResult::NoItems) && header::labels_down_a_column(&g);
            g.free_cells();
            (g, empty, res, form_like)
        })
        .collect();
    let form_like = results.iter().any(|r| r.3);
    for (g, empty, res, _) in results {
        let file = g.file;
        let sheet_loc = Loc::cell(file, g.sheet, g.origin.0, g.origin.1);
        // A hidden sheet that was not read (a list of drop-down values) is said once, as not read.
        let read = !matches!(
            res,
            SheetResult::NoHeader
                | SheetResult::NoItems
                | SheetResult::Skipped
                | SheetResult::OwnReport
                | SheetResult::Example
        );
        if g.hidden && read {
            cat.notes.push(Note {
                loc: sheet_loc,
                kind: NoteKind::HiddenSheet,
                detail: g.name.clone(),
            });
        }
        if let Some(first) = g.hidden_rows.first() {
            cat.notes.push(Note {
                loc: Loc::cell(file, g.sheet, first - 1, g.origin.1),
                kind: NoteKind::HiddenRows,
                detail: format!("{} › {}", g.name, sheet_xml::ranges(&g.hidden_rows)),
            });
        }
        for (r, c, t) in &g.errors {
            cat.notes.push(Note {
                loc: Loc::cell(file, g.sheet, *r, *c),
                kind: NoteKind::CellError,
                detail: t.clone(),
            });
        }
        for (r, c, t) in &g.formulas_without_value {
            cat.notes.push(Note {
                loc: Loc::cell(file, g.sheet, *r, *c),
                kind: NoteKind::FormulaWithoutValue,
                detail: t.clone(),
            });
        }
        for (r, c, t) in &g.quotes_closed_early {
            cat.notes.push(Note {
                loc: Loc::cell(file, g.sheet, *r, *c),
                kind: NoteKind::QuoteClosedEarly,
                detail: t.clone(),
            });
        }
        if !empty {
            all_empty = false;
        }
        match res {
            SheetResult::Skipped => {}
            SheetResult::OwnReport => {
                if let Some(s) = sources.get_mut(file as usize) {
                    s.own_sheets.push(g.sheet);
                }
            }
            SheetResult::Example => cat.notes.push(Note {
                loc: sheet_loc,
                kind: NoteKind::ExampleSheet,
                detail: g.name.clone(),
            }),
            SheetResult::Empty => cat.notes.push(Note {
                loc: sheet_loc,
                kind: if g.chart {
                    NoteKind::ChartSheet
                } else {
                    NoteKind::EmptySheet
                },
                detail: g.name.clone(),
            }),
            SheetResult::NoHeader => cat.notes.push(Note {
                loc: sheet_loc,
                kind: NoteKind::SkippedSheet,
                detail: g.name.clone(),
            }),
            SheetResult::NoItems => cat.notes.push(Note {
                loc: sheet_loc,
                kind: NoteKind::SheetWithoutItems,
                detail: g.name.clone(),
            }),
            SheetResult::Header(h) => {
                found_header = true;
                cat.header.loc = sheet_loc;
                for (f, v) in h.fields {
                    cat.header.fields.set(f, v);
                }
                cat.header.extra.extend(h.extra);
                cat.extra.extend(h.top_extra);
            }
            SheetResult::Bundles(b) => {
                found_header = true;
                cat.bundles.extend(b)
            }
            SheetResult::Laws(l) => {
                found_header = true;
                cat.laws.extend(l)
            }
            SheetResult::Items(out, facts, shape) => {
                found_header = true;
                pending.push((sheet_loc, out, facts, shape));
            }
        }
    }
    // Detail sheets (申请材料, 受理条件 … of the items of another sheet) become their items' children.
    let joined = {
        let stated_none: Vec<(Loc, F)> = pending
            .iter()
            .flat_map(|(_, out, _, _)| &out.notes)
            .filter_map(|n| match n.kind {
                NoteKind::NoneGiven { field, said_at: None } => Some((n.loc, field)),
                _ => None,
            })
            .collect();
        let mut parts: Vec<detail::Part> = pending
            .iter_mut()
            .map(|(_, out, _, shape)| detail::Part {
                items: &mut out.items,
                detail: row_opts.detail_rows && !explicit && profile.is_none() && shape.detail,
            })
            .collect();
        let (joined, notes) = detail::join(&mut parts, &stated_none);
        cat.notes.extend(notes);
        joined
    };
    // The joined sheets' columns count as the item sheets' own (what the workbook lacks).
    let (detail_headers, detail_cols): (Vec<String>, Vec<header::Col>) = pending
        .iter()
        .zip(&joined)
        .filter(|(_, j)| **j)
        .flat_map(|(p, _)| p.3.headers.iter().cloned().zip(p.3.cols.iter().cloned()))
        .unzip();
    for ((sheet_loc, out, facts, shape), joined) in pending.into_iter().zip(joined) {
        if !joined {
            if item_sheets.is_empty() {
                first_items_loc = sheet_loc;
            }
            item_sheets.push(if detail_cols.is_empty() {
                facts
            } else {
                let headers: Vec<&str> = shape
                    .headers
                    .iter()
                    .chain(&detail_headers)
                    .map(String::as_str)
                    .collect();
                let cols: Vec<header::Col> = shape.cols.into_iter().chain(detail_cols.iter().cloned()).collect();
                crate::load::form::sheet_facts(&headers, &cols)
            });
            item_sheet_locs.push(sheet_loc);
            crate::model::append(&mut order, out.order);
            crate::model::append(&mut cat.items, out.items);
        }
        crate::model::append(&mut cat.notes, out.notes);
    }
    if all_empty {
        return Err(Error::plain(
            Some(path),
            "文件中没有任何数据（工作表都是空的）".into(),
            "the file holds no data (every sheet is empty)".into(),
        ));
    }
    if !found_header && form_like {
        // One item's guide as a form (labels in column A, values beside them): say what the
        // file is and what catalog reads, rather than that a header is missing.
        return Err(Error::new(
            Some(path),
            first_sheet.map(|sheet| Place::Cell {
                sheet,
                cell: String::new(),
            }),
            "这是一个事项的办事指南表单（名称在左、内容在右），不是一行一个事项的清单：catalog 读的是汇总表——第一行是列名（事项名称、设定依据、申请材料……），每个事项占一行；请把各事项的内容汇总成这样的表再检查",
            "this is one item's guide laid out as a form (labels on the left, values on the right), not a list of items: catalog reads a summary table — a header row of column names (事项名称, 设定依据, 申请材料 …) and one row per item; gather the items into such a table and check it",
        ));
    }
    if !found_header {
        return Err(Error::new(
            Some(path),
            first_sheet.map(|sheet| Place::Cell {
                sheet,
                cell: String::new(),
            }),
            "找不到表头行：前 30 行中没有一行包含至少两个可识别的列名（如 事项名称、事项编码、实施主体）；可用 --profile 指定列的含义",
            "no header row found: none of the first 30 rows names two known columns (such as 事项名称, 事项编码, 实施主体); use --profile to name the columns",
        ));
    }
    // A workbook written by `catalog convert` keeps the catalog's order in 序号 across sheets.
    // (Usually they are in order already, and then nothing is moved.)
    if explicit && order.len() == cat.items.len() && order.iter().all(Option::is_some) && !order.is_sorted() {
        let mut keyed: Vec<(Option<u64>, Item)> = order.into_iter().zip(std::mem::take(&mut cat.items)).collect();
        keyed.sort_by_key(|(k, _)| *k);
        cat.items = keyed.into_iter().map(|(_, it)| it).collect();
    }
    if let Some(p) = profile {
        crate::load::json_export::apply_lacks(&mut cat, p, source_loc);
    }
    // The form, named or judged from the columns of every item sheet alike; and what none of
    // them has a column for. A workbook written by `catalog convert` or read through a profile
    // says what it is, it is not judged.
    use crate::load::form::Judged;
    let judged = !explicit && profile.is_none();
    let recognized = match form.or(profile.and_then(|p| p.form.as_deref())) {
        Some(f) => Some(Judged::Stated(f)),
        None if judged => item_sheets
            .first()
            .and_then(|f| f.form)
            .filter(|f| item_sheets.iter().all(|s| s.form == Some(f)))
            .map(Judged::Columns),
        None => None,
    };
    let missing: Vec<&profile::Lack> = match item_sheets.split_first() {
        Some((first, rest)) if judged => first
            .missing
            .iter()
            .copied()
            .filter(|l| rest.iter().all(|s| s.missing.iter().any(|m| std::ptr::eq(*m, *l))))
            .collect(),
        _ => Vec::new(),
    };
    crate::load::form::apply(&mut cat, recognized, &missing, first_items_loc);
    // Sheets that differ: each sheet's own form (when they do not agree on one) and the columns
    // only it lacks, for its items alone.
    if judged && item_sheets.len() > 1 {
        for (facts, at) in item_sheets.iter().zip(&item_sheet_locs) {
            let Pos::Cell { sheet, .. } = at.pos else { continue };
            let form = facts.form.filter(|_| recognized.is_none());
            let own: Vec<&profile::Lack> = facts
                .missing
                .iter()
                .copied()
                .filter(|l| !missing.iter().any(|m| std::ptr::eq(*m, *l)))
                .collect();
            crate::load::form::apply_sheet(&mut cat, sheet, form, &own, *at);
        }
    }
    // The form judged from the columns becomes the catalog's own, so that `catalog convert`
    // writes it and the YAML is checked as the sheet was.
    if let Some(Judged::Columns(f) | Judged::Stated(f)) = recognized
        && cat.header.fields.get(F::ListForm).is_none()
    {
        cat.header
            .fields
            .set(F::ListForm, Spanned::new(Value::Text(f.into()), first_items_loc));
    }
    cat.sources = sources;
    Ok(cat)
}

enum SheetResult {
    Skipped,
    /// A sheet of findings or rules `catalog` added to a marked copy.
    OwnReport,
    /// A template's example sheet (填写示例) beside the office's own: not read.
    Example,
    Empty,
    NoHeader,
    /// A header naming no column an item is known by (a 汇总 sheet, a list of drop-down values).
    NoItems,
    Header(HeaderSheet),
    Bundles(Vec<Bundle>),
    Laws(Vec<Law>),
    Items(rows::Out, crate::load::form::SheetFacts, Shape),
}

/// What a sheet of items shows in its header row: whether it is shaped as a detail sheet
/// ([`detail::is_detail_shape`]), and its columns (a detail sheet's count as its items' sheet's).
struct Shape {
    detail: bool,
    headers: Vec<String>,
    cols: Vec<header::Col>,
}

struct HeaderSheet {
    fields: Fields,
    extra: Vec<Extra>,
    top_extra: Vec<Extra>,
}

fn sheet(g: &mut Grid, file: FileId, profile: Option<&Profile>, opt: &rows::RowOptions) -> SheetResult {
    if g.is_empty() {
        return SheetResult::Empty;
    }
    if g.name == HEADER_SHEET {
        return SheetResult::Header(header_sheet(g, file));
    }
    if g.name == BUNDLE_SHEET || g.name == LAW_SHEET {
        let scope = if g.name == BUNDLE_SHEET {
            fields::Scope::Bundle
        } else {
            fields::Scope::Law
        };
        return match simple_rows(g, file, scope) {
            Some(nodes) if scope == fields::Scope::Bundle => SheetResult::Bundles(
                nodes
                    .into_iter()
                    .map(|(loc, fields, extra)| Bundle { loc, fields, extra })
                    .collect(),
            ),
            Some(nodes) => SheetResult::Laws(
                nodes
                    .into_iter()
                    .map(|(loc, fields, extra)| Law { loc, fields, extra })
                    .collect(),
            ),
            None => SheetResult::NoHeader,
        };
    }
    let Some(hr) = header::find_header_row(g, profile) else {
        return SheetResult::NoHeader;
    };
    // A two-row header read as one; data starts below its last row.
    let sub = (!opt.explicit && profile.is_none_or(|p| p.header_row.is_none()))
        .then(|| header::sub_header(g, hr, profile))
        .flatten();
    // Owned: the cells below are read again once 同上 is resolved.
    let header_cells: Vec<String> = header::header_texts(g, hr, sub, profile)
        .into_iter()
        .map(String::from)
        .collect();
    let headers: Vec<&str> = header_cells.iter().map(String::as_str).collect();
    let last = sub.unwrap_or(hr);
    let mut cols = header::columns(g, &headers, last, profile);
    if !opt.explicit && profile.is_none() {
        if header::lists_no_items(&cols) {
            return SheetResult::NoItems;
        }
        header::office_columns(&mut cols, &headers);
        header::own_basic_codes(g, &mut cols, last);
        // Only where another sheet may hold the items (a lone sheet is read as ever).
        if opt.detail_rows {
            detail::children_keep_extras(&mut cols);
        }
    }
    if !opt.explicit {
        same_as::resolve(g, last + 1, &cols, &opt.fill_down);
    }
    let g = &*g;
    let office_headers = !opt.explicit
        && headers.iter().zip(&cols).any(|(h, c)| match c {
            header::Col::Field(_, d) => header::normalize(h) != d.zh,
            _ => false,
        });
    let opt = &rows::RowOptions {
        office_headers,
        detail_rows: opt.detail_rows && !opt.explicit && profile.is_none() && detail::is_detail_shape(&cols),
        ..opt.clone()
    };
    let mut out = rows::read(g, file, last, &headers, &cols, opt);
    // Every item typed by its heading (a sheet per type, sections 一、行政许可): the sheet has
    // its types as a column would give them.
    // So is every item's department taken from the sheet's name or title (a sheet per department).
    let from_heading: Vec<F> = [F::Phylum, F::Department]
        .into_iter()
        .filter(|&f| {
            !cols.iter().any(|c| matches!(c, header::Col::Field(_, d) if d.id == f))
                && !out.items.is_empty()
                && out.items.iter().all(|it| it.fields.has(f))
        })
        .collect();
    let facts = if from_heading.is_empty() {
        crate::load::form::sheet_facts(&headers, &cols)
    } else {
        let mut with_heading = cols.clone();
        let mut with_header = headers.clone();
        for f in from_heading {
            with_heading.push(header::Col::Field(fields::Scope::Item, f.def()));
            with_header.push("");
        }
        crate::load::form::sheet_facts(&with_header, &with_heading)
    };
    // What the sheet calls each field, at its header cell: messages name the column the clerk
    // sees (受理条件 for 受理要点), and a field an item leaves empty is reported at its cell.
    for (c, col) in cols.iter().enumerate() {
        if let header::Col::Field(_, d) = col
            && !out
                .notes
                .iter()
                .any(|n| matches!(&n.kind, NoteKind::Label { field, .. } if *field == d.id))
        {
            let (ar, ac) = g.abs(hr, c);
            out.notes.push(Note {
                loc: Loc::cell(file, g.sheet, ar, ac),
                kind: NoteKind::Label {
                    field: d.id,
                    label: match header::normalize(headers[c]) {
                        n if n == d.zh => n,
                        // Level mark columns are named by their group (行使层级 › 省级 …).
                        _ if header::level_mark(headers[c]).is_some() => {
                            let group = header::normalize(g.cell(hr, c));
                            match header::lookup(&group, profile) {
                                Some((_, f)) if f.id == d.id && header::level_mark(&group).is_none() => group,
                                _ => "行使层级".to_string(),
                            }
                        }
                        _ => header::display(headers[c]),
                    },
                },
                detail: String::new(),
            });
        }
    }
    out.notes.extend(pairs::two_columns(g, file, hr, last, &headers, &cols));
    // An unknown column is one fact about the sheet, not one per row.
    for (c, col) in cols.iter().enumerate() {
        if let header::Col::Extra { key, .. } = col {
            // A 备注 beside a detail sheet's materials is known, kept with them (detail.rs); a
            // unit column (法定办结时限单位) or note column (法定办结时限说明) is read with its time limit.
            // A column about the record (更新时间, 录入人) is nothing to report either.
            if header::is_record_column(key)
                || header::lookup(headers[c], profile).is_some_and(|(_, f)| f.id == F::Remarks)
                || [header::LimitColumn::Unit, header::LimitColumn::Note]
                    .into_iter()
                    .any(|kind| header::limit_column_of(key, kind, &cols, profile).is_some())
            {
                continue;
            }
            // Under a two-row header, at the sub-header that names the column.
            let row = match sub {
                Some(s) if !g.cell(s, c).is_empty() && g.cell(s, c) != g.cell(hr, c) => s,
                _ => hr,
            };
            let (ar, ac) = g.abs(row, c);
            out.notes.push(Note {
                loc: Loc::cell(file, g.sheet, ar, ac),
                kind: NoteKind::UnknownColumn,
                // As the user reads it: a header wrapped in its cell (更新⏎时间) is one word.
                detail: header::display(key),
            });
        }
    }
    let shape = Shape {
        detail: detail::is_detail_shape(&cols),
        headers: headers.iter().map(|h| h.to_string()).collect(),
        cols,
    };
    SheetResult::Items(out, facts, shape)
}

/// 清单信息: one field per row, name in the first used column and value in the next.
fn header_sheet(g: &Grid, file: FileId) -> HeaderSheet {
    let mut h = HeaderSheet {
        fields: Fields::default(),
        extra: Vec::new(),
        top_extra: Vec::new(),
    };
    let opt = rows::RowOptions {
        fill_down: Vec::new(),
        explicit: true,
        empty_values: Vec::new(),
        office_headers: false,
        taxonomy: None,
        detail_rows: false,
        merges_lost: false,
    };
    let mut notes = Vec::new();
    for r in 0..g.height() {
        let (k, v) = (g.cell(r, 0), g.cell(r, 1));
        if k.is_empty() || k == LAYOUT_KEY || (r == 0 && k == "字段") {
            continue;
        }
        let (ar, ac) = g.abs(r, 1);
        let at = Loc::cell(file, g.sheet, ar, ac);
        if let Some(f) = fields::lookup(fields::Scope::Header, k) {
            if !v.is_empty() {
                rows::set_field(f, k, v, at, &mut h.fields, &mut h.extra, &mut notes, &opt);
            }
            continue;
        }
        // `清单.key` = an unknown top-level key of the catalog file; others are header extras.
        let (key, json) = match k.strip_suffix("#json") {
            Some(k) => (k, true),
            None => (k, false),
        };
        let value = if json {
            serde_json::from_str(v).unwrap_or_else(|_| serde_json::Value::String(v.to_string()))
        } else {
            serde_json::Value::String(v.to_string())
        };
        match key.strip_prefix("清单.") {
            Some(top) => h.top_extra.push(Extra {
                key: top.to_string(),
                value,
                loc: at,
            }),
            None => h.extra.push(Extra {
                key: key.to_string(),
                value,
                loc: at,
            }),
        }
    }
    h
}

type Node = (Loc, Fields, Vec<Extra>);

/// 一件事 / 法规库 sheets: a header row of that scope's fields, one node per row.
fn simple_rows(g: &Grid, file: FileId, scope: fields::Scope) -> Option<Vec<Node>> {
    let hr =
        (0..g.height().min(30)).find(|&r| g.row(r).any(|c| fields::lookup(scope, &header::normalize(c)).is_some()))?;
    let opt = rows::RowOptions {
        fill_down: Vec::new(),
        explicit: true,
        empty_values: Vec::new(),
        office_headers: false,
        taxonomy: None,
        detail_rows: false,
        merges_lost: false,
    };
    let mut notes = Vec::new();
    let mut out = Vec::new();
    for r in hr + 1..g.height() {
        if g.row_is_empty(r) {
            continue;
        }
        let (ar, ac) = g.abs(r, 0);
        let mut node: Node = (Loc::cell(file, g.sheet, ar, ac), Fields::default(), Vec::new());
        for c in 0..g.row_width(r) {
            let v = g.cell(r, c);
            if v.is_empty() {
                continue;
            }
            let (ar, ac) = g.abs(r, c);
            let at = Loc::cell(file, g.sheet, ar, ac);
            let h = g.cell(hr, c);
            match fields::lookup(scope, &header::normalize(h)) {
                Some(f) => rows::set_field(f, h, v, at, &mut node.1, &mut node.2, &mut notes, &opt),
                None => node.2.push(Extra {
                    key: h.to_string(),
                    value: serde_json::Value::String(v.to_string()),
                    loc: at,
                }),
            }
        }
        out.push(node);
    }
    Some(out)
}

#[cfg(test)]
mod example_sheets {
    use super::is_example;

    /// Round 14: a template's example sheet is known by its name (rules/example-sheets.yaml).
    #[test]
    fn example_sheets_by_name() {
        for name in ["填写示例", "示例", "填报样例", "样例（请勿删除）", "填报范例"] {
            assert!(is_example(name), "{name}");
        }
        for name in ["一览表", "Sheet1", "办事指南汇总表", "填表说明", "材料清单"] {
            assert!(!is_example(name), "{name}");
        }
    }
}
