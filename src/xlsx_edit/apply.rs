//! Applying an [`Edit`]: marked sheets rewritten, comments and styles added, the new sheets
//! put first; every other part of the package copied as it was.

use super::comments::{self, Note};
use super::opc::{self, ContentTypes};
use super::package::{Package, bad_part};
use super::sheet::{self, CellEdit};
use super::styles::Styles;
use super::workbook::{Book, Inserted, Kind, SheetEntry};
use super::{CellMark, Edit, Mark, front};
use crate::error::Error;
use crate::i18n::t;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::collections::BTreeMap;
use std::path::Path;

/// Excel's sheet size.
const MAX_ROWS: u32 = 1 << 20;
const MAX_COLS: u32 = 1 << 14;

/// Part names already used, so new parts get fresh ones (`xl/comments3.xml`).
struct Names(HashSet<String>);

impl Names {
    /// `name` itself when free (readers such as openpyxl look for `xl/styles.xml` by name).
    fn usual(&mut self, name: &str, stem: &str, ext: &str) -> String {
        if self.0.insert(name.to_lowercase()) {
            name.to_string()
        } else {
            self.fresh(stem, ext)
        }
    }
    fn fresh(&mut self, stem: &str, ext: &str) -> String {
        let mut n = 1;
        loop {
            let name = format!("{stem}{n}.{ext}");
            if self.0.insert(name.to_lowercase()) {
                return name;
            }
            n += 1;
        }
    }
}

/// Everything written: parts replaced (`None` = left out) and parts added.
#[derive(Default)]
struct Out {
    changed: BTreeMap<String, Option<Vec<u8>>>,
    added: Vec<(String, Vec<u8>)>,
    types: ContentTypes,
}

pub fn apply(input: &Path, edit: &Edit, out_path: &Path) -> Result<(), Error> {
    refuse_same(input, out_path)?;
    let bytes = crate::load::limits::read_bounded(input)?;
    let (mut pkg, book) = super::book::open(input, &bytes)?;
    // An earlier marking's sheets go; this run's take their place.
    let drop: Vec<usize> = (0..book.sheets.len())
        .filter(|&i| book.sheets[i].kind == Kind::Worksheet && edit.replace_sheets.contains(&book.sheets[i].name))
        .collect();
    let dropped: Vec<SheetEntry> = drop.iter().map(|&i| book.sheets[i].clone()).collect();
    let book = if drop.is_empty() {
        book
    } else {
        book.without(&drop).map_err(|e| bad_part(input, &book.part, e, e))?
    };
    let mut by_sheet = check(input, &book, edit)?;
    // Sheets an earlier marking left comments on are rewritten too, to take them off.
    for (i, s) in book.sheets.iter().enumerate() {
        if s.kind == Kind::Worksheet && !by_sheet.contains_key(&i) && !earlier_marks(&mut pkg, &s.part)?.is_empty() {
            by_sheet.insert(i, Vec::new());
        }
    }
    let mut names = Names(pkg.part_names().map(str::to_lowercase).collect());
    let mut out = Out::default();
    let styles_part = book
        .rel_target(opc::REL_STYLES)
        .and_then(|p| pkg.name(p))
        .map(str::to_string);
    let styles_doc = match &styles_part {
        Some(p) => pkg.read(p)?,
        None => None,
    };
    let styles_name = styles_part.clone().unwrap_or_else(|| "xl/styles.xml".into());
    let mut styles = Styles::parse(styles_doc).map_err(|e| bad_part(input, &styles_name, e, e))?;
    let untab = !edit.front_sheets.is_empty();
    let mut next_block = first_free_block(&mut pkg)?;
    let mut done = HashSet::default();
    for (&idx, marks) in &by_sheet {
        let part = book.sheets[idx].part.clone();
        done.insert(part.to_lowercase());
        mark_sheet(
            &mut pkg,
            &part,
            marks,
            &mut styles,
            untab,
            &mut next_block,
            &mut names,
            &mut out,
        )?;
    }
    if untab {
        // Another sheet left selected would be grouped with the summary in Excel.
        for s in book.sheets.iter().filter(|s| s.kind == Kind::Worksheet) {
            if done.contains(&s.part.to_lowercase()) {
                continue;
            }
            if let Some(name) = pkg.name(&s.part).map(str::to_string)
                && let Some(xml) = pkg.read(&name)?
                && selected(&xml)
            {
                let survey = sheet::survey(&xml).map_err(|e| bad_part(input, &name, e, e))?;
                let r = sheet::rewrite(&xml, &survey, &[], &mut styles, None, true)
                    .map_err(|e| bad_part(input, &name, e, e))?;
                out.changed.insert(name, Some(r.xml));
            }
        }
    }
    // The new sheets and the workbook that lists them first.
    for d in &dropped {
        if let Some(name) = pkg.name(&d.part).map(str::to_string) {
            out.changed.insert(name, None);
        }
        if let Some(rels) = pkg.name(&opc::rels_of(&d.part)).map(str::to_string) {
            out.changed.insert(rels, None);
        }
        out.types.remove(&d.part);
    }
    let mut book_rels_new: Vec<(String, &str, String)> = Vec::new();
    let mut taken_ids = Vec::new();
    let mut inserted = Vec::new();
    let mut used_names: Vec<String> = book.sheets.iter().map(|s| s.name.to_lowercase()).collect();
    for (i, s) in edit.front_sheets.iter().enumerate() {
        let name = unique_sheet_name(&s.name, &mut used_names);
        let sheet = super::NewSheet {
            name: name.clone(),
            ..s.clone()
        };
        let part = names.fresh("xl/worksheets/sheet", "xml");
        out.added
            .push((part.clone(), front::sheet_xml(&sheet, i == 0, &mut styles)));
        out.types.add(&part, opc::CT_WORKSHEET);
        let rid = opc::fresh_id(&book.rels, &taken_ids);
        taken_ids.push(rid.clone());
        book_rels_new.push((rid.clone(), opc::REL_WORKSHEET, part));
        let (last_row, last_col) = front::extent(&sheet);
        let filter = (s.autofilter && !s.columns.is_empty())
            .then(|| front::sheet_ref(&name, &format!("$A$1:{}", abs_a1(last_row, last_col))));
        inserted.push(Inserted {
            name,
            rid,
            print_titles: s.landscape_a4,
            filter,
        });
    }
    if !inserted.is_empty() {
        let doc = book
            .with_front(&inserted)
            .map_err(|e| bad_part(input, &book.part, e, e))?;
        out.changed.insert(book.part.clone(), Some(doc));
    } else if !dropped.is_empty() {
        out.changed.insert(book.part.clone(), Some(book.doc.clone()));
    }
    if styles.changed() {
        let doc = styles.finish();
        match styles_part {
            Some(p) => {
                out.changed.insert(p, Some(doc));
            }
            None => {
                let part = names.usual("xl/styles.xml", "xl/styles", "xml");
                let rid = opc::fresh_id(&book.rels, &taken_ids);
                taken_ids.push(rid.clone());
                book_rels_new.push((rid, opc::REL_STYLES, part.clone()));
                out.types.add(&part, opc::CT_STYLES);
                out.added.push((part, doc));
            }
        }
    }
    let book_rels = opc::rels_of(&book.part);
    let mut rels_doc = pkg.read(&book_rels)?;
    if !keeps_macros(out_path)
        && let Some(vba) = book.rels.iter().find(|r| r.kind == opc::REL_VBA && !r.external)
    {
        // Excel will not open an .xlsx holding macros: the copy leaves them out (inspect says so).
        if let Some(name) = pkg.name(&vba.target) {
            out.changed.insert(name.to_string(), None);
        }
        out.types.remove(&vba.target);
        out.types.remove_default("bin", opc::CT_VBA);
        out.types.retype(&book.part, opc::CT_MAIN);
        rels_doc = rels_doc.map(|d| opc::remove_rel(&d, &vba.id));
    }
    for id in dropped.iter().filter_map(|d| d.rid.as_deref()) {
        rels_doc = rels_doc.map(|d| opc::remove_rel(&d, id));
    }
    if !book_rels_new.is_empty() || rels_doc.as_deref() != pkg.read(&book_rels)?.as_deref() {
        let doc = opc::add_rels(rels_doc.as_deref(), &book_rels_new);
        put(&mut pkg, &mut out, &book_rels, doc);
    }
    if !out.types.is_empty() {
        let ct = pkg
            .read("[Content_Types].xml")?
            .ok_or_else(|| bad_part(input, "[Content_Types].xml", "缺少", "missing"))?;
        let name = pkg
            .name("[Content_Types].xml")
            .unwrap_or("[Content_Types].xml")
            .to_string();
        out.changed.insert(name, Some(out.types.apply(&ct)));
    }
    let bytes = pkg.write(&out.changed, &out.added)?;
    crate::safe::write_atomic(out_path, &bytes)
}

/// Replace a part if it exists, add it otherwise.
fn put(pkg: &mut Package, out: &mut Out, part: &str, doc: Vec<u8>) {
    match pkg.name(part) {
        Some(name) => {
            out.changed.insert(name.to_string(), Some(doc));
        }
        None => out.added.push((part.to_string(), doc)),
    }
}

/// Whether the output's name keeps macros (.xlsm, .xltm, .xlam).
fn keeps_macros(out: &Path) -> bool {
    let ext = out
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    matches!(ext.as_str(), "xlsm" | "xltm" | "xlam")
}

/// Marks by sheet index, after checking each names a worksheet and a cell Excel can hold.
fn check<'e>(input: &Path, book: &Book, edit: &'e Edit) -> Result<BTreeMap<usize, Vec<&'e CellMark>>, Error> {
    let find = |name: &str| -> Result<usize, Error> {
        let i = book.sheets.iter().position(|s| s.name == name).ok_or_else(|| {
            let known: Vec<&str> = book.sheets.iter().map(|s| s.name.as_str()).collect();
            Error::plain(
                Some(input),
                format!("工作簿中没有名为“{name}”的工作表（有：{}）", known.join("、")),
                format!(
                    "the workbook has no sheet named \"{name}\" (it has: {})",
                    known.join(", ")
                ),
            )
        })?;
        if book.sheets[i].kind != Kind::Worksheet {
            return Err(Error::in_sheet(
                input,
                name,
                "这不是工作表（是图表工作表或宏表），不能标注单元格",
                "not a worksheet (a chart or macro sheet): its cells cannot be marked",
            ));
        }
        Ok(i)
    };
    let in_range = |sheet: &str, row: u32, col: u32| {
        if row >= MAX_ROWS || col >= MAX_COLS {
            return Err(Error::in_sheet(
                input,
                sheet,
                format!(
                    "单元格（第 {} 行第 {} 列）超出 Excel 的范围",
                    u64::from(row) + 1,
                    u64::from(col) + 1
                ),
                format!(
                    "cell (row {}, column {}) is beyond Excel's limits",
                    u64::from(row) + 1,
                    u64::from(col) + 1
                ),
            ));
        }
        Ok(())
    };
    let mut by_sheet: BTreeMap<usize, Vec<&CellMark>> = BTreeMap::new();
    for m in &edit.marks {
        let i = find(&m.sheet)?;
        in_range(&m.sheet, m.row, m.col)?;
        by_sheet.entry(i).or_default().push(m);
    }
    for s in &edit.front_sheets {
        for cell in s.rows.iter().flatten() {
            if let super::NewCell::Link { sheet, row, col, .. } = cell {
                find(sheet)?;
                in_range(sheet, *row, *col)?;
            }
        }
    }
    Ok(by_sheet)
}

/// The cells an earlier marking commented on in the worksheet `part` (none when it has no
/// comments of ours).
fn earlier_marks(pkg: &mut Package, part: &str) -> Result<Vec<(u32, u32)>, Error> {
    let Some(name) = pkg.name(part).map(str::to_string) else {
        return Ok(Vec::new());
    };
    let Some(rels_doc) = pkg.read(&opc::rels_of(&name))? else {
        return Ok(Vec::new());
    };
    let rels = opc::parse(&rels_doc, &name);
    let Some(c) = rels
        .iter()
        .find(|r| r.kind == opc::REL_COMMENTS && !r.external)
        .and_then(|r| pkg.name(&r.target))
        .map(str::to_string)
    else {
        return Ok(Vec::new());
    };
    let Some(doc) = pkg.read(&c)? else {
        return Ok(Vec::new());
    };
    let (_, cells) = comments::without_ours(&doc).map_err(|e| bad_part(pkg.path, &c, e, e))?;
    Ok(cells)
}

/// One worksheet with its marks: the sheet rewritten, its comments and their boxes written
/// (into its own comment parts when it has them), its relationships extended.
#[allow(clippy::too_many_arguments)]
fn mark_sheet(
    pkg: &mut Package,
    part: &str,
    marks: &[&CellMark],
    styles: &mut Styles,
    untab: bool,
    next_block: &mut u32,
    names: &mut Names,
    out: &mut Out,
) -> Result<(), Error> {
    let input = pkg.path;
    let name = pkg
        .name(part)
        .map(str::to_string)
        .ok_or_else(|| bad_part(input, part, "缺少该部件", "the part is missing"))?;
    let bad = |e: &str| bad_part(input, &name, e, e);
    let xml = pkg.read(&name)?.unwrap_or_default();
    let survey = sheet::survey(&xml).map_err(bad)?;
    let (mut edits, mut notes) = merge(marks, &survey.merges);
    let rels_name = opc::rels_of(&name);
    let rels_doc = pkg.read(&rels_name)?;
    let rels = rels_doc.as_deref().map(|d| opc::parse(d, &name)).unwrap_or_default();
    let old_comments = rels
        .iter()
        .find(|r| r.kind == opc::REL_COMMENTS && !r.external)
        .map(|r| r.target.clone());
    let comments_name = old_comments.as_deref().and_then(|c| pkg.name(c)).map(str::to_string);
    // An earlier marking's comments come off, and its fills from the cells this run leaves.
    let (comments_doc, earlier) = match &comments_name {
        Some(c) => match pkg.read(c)? {
            Some(doc) => {
                let (kept, cells) = comments::without_ours(&doc).map_err(|e| bad_part(input, c, e, e))?;
                (Some(kept), cells)
            }
            None => (None, Vec::new()),
        },
        None => (None, Vec::new()),
    };
    let before = edits.len();
    for &(row, col) in &earlier {
        if edits[..before]
            .binary_search_by_key(&(row, col), |e| (e.row, e.col))
            .is_err()
        {
            edits.push(CellEdit {
                row,
                col,
                mark: None,
                new_value: None,
            });
        }
    }
    edits.sort_by_key(|e| (e.row, e.col));
    let old_vml = survey
        .legacy_rid
        .as_ref()
        .and_then(|id| rels.iter().find(|r| &r.id == id))
        .map(|r| r.target.clone());
    if survey.legacy_rid.is_some() && old_vml.is_none() {
        // A second <legacyDrawing> would make the sheet invalid; the first leads nowhere.
        return Err(bad_part(
            input,
            &name,
            "<legacyDrawing> 指向的关系不存在",
            "<legacyDrawing> points at no relationship",
        ));
    }
    let mut new_rels: Vec<(String, &str, String)> = Vec::new();
    let mut taken = Vec::new();
    let legacy_rid = match old_vml {
        Some(_) => None,
        // Nothing to show: no drawing to add.
        None if notes.is_empty() => None,
        None => {
            let id = opc::fresh_id(&rels, &taken);
            taken.push(id.clone());
            Some(id)
        }
    };
    let r = sheet::rewrite(&xml, &survey, &edits, styles, legacy_rid.as_deref(), untab).map_err(bad)?;
    for cell in &r.formulas_kept {
        if let Some(n) = notes.iter_mut().find(|n| (n.row, n.col) == *cell) {
            n.text.push_str(t(
                "\n\n（此单元格是公式，修复未写入）",
                "\n\n(this cell holds a formula; the fix was not written)",
            ));
        }
    }
    out.changed.insert(name.clone(), Some(r.xml));
    // Comments.
    match comments_name {
        Some(c) => {
            let new = comments::comments(comments_doc.as_deref(), &notes).map_err(|e| bad_part(input, &c, e, e))?;
            out.changed.insert(c, Some(new));
        }
        None if notes.is_empty() => {}
        None => {
            let c = names.fresh("xl/comments", "xml");
            let id = opc::fresh_id(&rels, &taken);
            taken.push(id.clone());
            new_rels.push((id, opc::REL_COMMENTS, c.clone()));
            out.types.add(&c, opc::CT_COMMENTS);
            out.added.push((c, comments::comments(None, &notes).map_err(bad)?));
        }
    }
    // Their boxes.
    let vml_name = old_vml.as_deref().and_then(|v| pkg.name(v)).map(str::to_string);
    match vml_name {
        Some(v) if notes.is_empty() => {
            if !earlier.is_empty()
                && let Some(doc) = pkg.read(&v)?
            {
                out.changed.insert(v, Some(comments::vml_without(&doc, &earlier)));
            }
        }
        Some(v) => {
            let first = *next_block;
            *next_block += comments::blocks_for(notes.len());
            let doc = pkg.read(&v)?.map(|d| comments::vml_without(&d, &earlier));
            let new = comments::vml(doc.as_deref(), &notes, first).map_err(|e| bad_part(input, &v, e, e))?;
            out.changed.insert(v, Some(new));
        }
        None if notes.is_empty() => {}
        None => {
            let first = *next_block;
            *next_block += comments::blocks_for(notes.len());
            let v = names.fresh("xl/drawings/vmlDrawing", "vml");
            new_rels.push((legacy_rid.clone().unwrap_or_default(), opc::REL_VML, v.clone()));
            out.types.default_ext("vml", opc::CT_VML);
            out.added.push((v, comments::vml(None, &notes, first).map_err(bad)?));
        }
    }
    if !new_rels.is_empty() {
        let doc = opc::add_rels(rels_doc.as_deref(), &new_rels);
        put(pkg, out, &rels_name, doc);
    }
    Ok(())
}

/// The marks of one sheet as one edit and one note per cell, sorted: a mark inside a merged
/// range moves to the range's first cell (the only one shown); the strongest mark's fill wins,
/// comments are joined in order, the last fix wins.
fn merge(marks: &[&CellMark], merges: &[(u32, u32, u32, u32)]) -> (Vec<CellEdit>, Vec<Note>) {
    let lookup = MergeIndex::new(merges);
    let mut cells: BTreeMap<(u32, u32), (Mark, String, Option<String>)> = BTreeMap::new();
    for m in marks {
        let at = lookup.first_cell(m.row, m.col);
        let e = cells.entry(at).or_insert_with(|| (m.mark, String::new(), None));
        if m.mark.strength() > e.0.strength() {
            e.0 = m.mark;
        }
        if !m.comment.is_empty() {
            if !e.1.is_empty() {
                e.1.push_str("\n\n");
            }
            e.1.push_str(&m.comment);
        }
        if m.new_value.is_some() {
            e.2.clone_from(&m.new_value);
        }
    }
    let mut edits = Vec::with_capacity(cells.len());
    let mut notes = Vec::with_capacity(cells.len());
    for ((row, col), (mark, text, new_value)) in cells {
        edits.push(CellEdit {
            row,
            col,
            mark: Some(mark),
            new_value,
        });
        notes.push(Note { row, col, text });
    }
    (edits, notes)
}

/// Merged ranges by row, for finding the range a cell is in without scanning them all.
struct MergeIndex<'a> {
    merges: &'a [(u32, u32, u32, u32)],
    by_row: Option<HashMap<u32, Vec<usize>>>,
}

impl<'a> MergeIndex<'a> {
    fn new(merges: &'a [(u32, u32, u32, u32)]) -> Self {
        let rows: u64 = merges.iter().map(|m| u64::from(m.2 - m.0) + 1).sum();
        // Ranges spanning millions of rows in all are scanned instead of indexed.
        let by_row = (rows <= 4_000_000).then(|| {
            let mut map: HashMap<u32, Vec<usize>> = HashMap::default();
            for (i, m) in merges.iter().enumerate() {
                for r in m.0..=m.2 {
                    map.entry(r).or_default().push(i);
                }
            }
            map
        });
        MergeIndex { merges, by_row }
    }

    fn first_cell(&self, row: u32, col: u32) -> (u32, u32) {
        let inside = |m: &(u32, u32, u32, u32)| m.0 <= row && row <= m.2 && m.1 <= col && col <= m.3;
        let hit = match &self.by_row {
            Some(map) => map
                .get(&row)
                .and_then(|v| v.iter().map(|&i| &self.merges[i]).find(|m| inside(m))),
            None => self.merges.iter().find(|m| inside(m)),
        };
        hit.map_or((row, col), |m| (m.0, m.1))
    }
}

/// The first drawing block no VML part of the workbook uses.
fn first_free_block(pkg: &mut Package) -> Result<u32, Error> {
    let vmls: Vec<String> = pkg
        .part_names()
        .filter(|n| n.to_lowercase().ends_with(".vml"))
        .map(str::to_string)
        .collect();
    let mut max = 0;
    for v in vmls {
        if let Some(doc) = pkg.read(&v)? {
            max = comments::vml_blocks(&doc).into_iter().max().unwrap_or(0).max(max);
        }
    }
    Ok(max + 1)
}

/// Whether a worksheet's view is selected (`tabSelected` before its cells).
fn selected(xml: &[u8]) -> bool {
    let head = memchr::memmem::find(xml, b"sheetData").map_or(xml, |i| &xml[..i]);
    memchr::memmem::find(head, b"tabSelected=\"1\"").is_some()
        || memchr::memmem::find(head, b"tabSelected=\"true\"").is_some()
}

/// A sheet name not yet in the workbook (Excel compares names without case): `检查结果`, else
/// `检查结果 (2)`… kept within Excel's 31 characters.
fn unique_sheet_name(want: &str, used: &mut Vec<String>) -> String {
    let base: String = want
        .chars()
        .filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\'))
        .take(31)
        .collect();
    let base = if base.trim().is_empty() {
        "Sheet".to_string()
    } else {
        base
    };
    let mut name = base.clone();
    let mut n = 2;
    while used.contains(&name.to_lowercase()) {
        let suffix = format!(" ({n})");
        let keep = 31 - suffix.chars().count();
        name = format!("{}{suffix}", base.chars().take(keep).collect::<String>());
        n += 1;
    }
    used.push(name.to_lowercase());
    name
}

/// `$G$40`.
fn abs_a1(row: u32, col: u32) -> String {
    let a = crate::model::loc::a1(row, col);
    let split = a.find(|c: char| c.is_ascii_digit()).unwrap_or(a.len());
    format!("${}${}", &a[..split], &a[split..])
}

/// Refuse to write the copy over its input (the original must stay as it was).
fn refuse_same(input: &Path, out: &Path) -> Result<(), Error> {
    let same = match (std::fs::metadata(input), std::fs::metadata(out)) {
        (Ok(a), Ok(b)) => same_file(&a, &b),
        _ => false,
    } || std::fs::canonicalize(input)
        .ok()
        .is_some_and(|a| std::fs::canonicalize(out).ok() == Some(a));
    if same {
        return Err(Error::plain(
            Some(out),
            "标注副本不能写到原工作簿上；请另给一个输出文件名".into(),
            "the marked-up copy cannot be written over the original workbook; give another output name".into(),
        ));
    }
    Ok(())
}

#[cfg(unix)]
fn same_file(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

#[cfg(not(unix))]
fn same_file(_: &std::fs::Metadata, _: &std::fs::Metadata) -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(row: u32, col: u32, mark: Mark, text: &str) -> CellMark {
        CellMark {
            sheet: "S".into(),
            row,
            col,
            mark,
            comment: text.into(),
            new_value: None,
        }
    }

    #[test]
    fn merges_marks_per_cell_and_moves_them_to_a_merged_ranges_first_cell() {
        let a = mark(3, 1, Mark::Info, "a");
        let b = mark(2, 0, Mark::Error, "b");
        let c = mark(5, 5, Mark::Warning, "c");
        let (edits, notes) = merge(&[&a, &b, &c], &[(2, 0, 4, 1)]);
        assert_eq!(edits.len(), 2);
        assert_eq!((edits[0].row, edits[0].col, edits[0].mark), (2, 0, Some(Mark::Error)));
        assert_eq!(notes[0].text, "a\n\nb");
        assert_eq!((edits[1].row, edits[1].col), (5, 5));
    }

    #[test]
    fn names_new_sheets_apart_from_the_workbooks() {
        let mut used = vec!["检查结果".to_string()];
        assert_eq!(unique_sheet_name("检查结果", &mut used), "检查结果 (2)");
        assert_eq!(unique_sheet_name("a/b", &mut used), "ab");
        assert_eq!(abs_a1(39, 6), "$G$40");
    }
}
