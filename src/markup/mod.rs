//! `catalog lint --format xlsx`: the findings written back into the clerk's own workbook.
//!
//! The findings are decided before this module runs; it only says where each one lands and
//! how, and hands the result to the workbook editor (`xlsx_edit`). An .xlsx (.xlsm) source is
//! marked itself (a copy of it). Any other source (YAML, CSV, a JSON export, .xls/.ods, several
//! files) is first written as the workbook `catalog convert` makes and read back with our loader:
//! each finding's value is found in its source item (`slot`), and the same value of the same
//! item read back gives the cell (`cells`).

pub mod cells;
pub mod fixes;
pub mod sheets;
pub mod slot;

use crate::diag::Diagnostic;
use crate::error::Error;
use crate::i18n::{Msg, t};
use crate::model::{Catalog, SourceKind};
use crate::report::Report;
use crate::xlsx_edit::{self, CellMark, Edit, Mark};
use cells::{Placed, Target};
use sheets::Said;
use std::path::{Path, PathBuf};

/// `--fix` and `--unsafe-fixes`: which fixes go into the copy.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    pub fix: bool,
    pub unsafe_fixes: bool,
}

/// Write the marked workbook of a lint run to `out`.
pub fn write(r: &Report, out: &Path, opts: Options) -> Result<(), Error> {
    let cat = r.catalog;
    match own_workbook(cat) {
        Some(path) => mark(r, &Target::Own, &path, out, opts, Vec::new()),
        None => {
            let tmp = tempfile::Builder::new()
                .prefix("catalog-markup-")
                .suffix(".xlsx")
                .tempfile()
                .map_err(|e| Error::io(Path::new("catalog-markup.xlsx"), &e))?;
            let by = crate::convert::SheetsBy::Type;
            crate::convert::xlsx::write(cat, tmp.path(), by)?;
            let back = crate::load::load_paths(&[tmp.path().to_path_buf()], &Default::default())?;
            let order = cells::converted_order(cat, &back, &crate::convert::xlsx::sheet_groups(cat, by));
            let target = Target::Converted { back: &back, order };
            mark(r, &target, tmp.path(), out, opts, vec![why_converted(cat)])
        }
    }
}

/// The one .xlsx (or .xlsm) file linted, when that is the whole catalog.
fn own_workbook(cat: &Catalog) -> Option<PathBuf> {
    let [src] = cat.sources.as_slice() else { return None };
    let xlsx = src
        .path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx") || e.eq_ignore_ascii_case("xlsm"));
    (src.kind == SourceKind::Sheet && xlsx).then(|| src.path.clone())
}

/// Why the marks are on a converted copy, said on 检查结果.
fn why_converted(cat: &Catalog) -> Msg {
    if cat.sources.len() > 1 {
        let n = cat.sources.len();
        return Msg::new(
            format!("检查了 {n} 个文件：标记写在由它们转换成的一个工作簿上（catalog convert 的格式），原文件未改动"),
            format!(
                "{n} files were checked: the marks are on one workbook converted from them (as catalog convert writes it); the originals are unchanged"
            ),
        );
    }
    let ext = cat
        .sources
        .first()
        .and_then(|s| s.path.extension())
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    match ext.as_str() {
        "xls" | "ods" => Msg::new(
            format!(
                "来源是 .{ext} 文件：只有 .xlsx 能原样复制并加标记，所以标记写在转换成的 .xlsx 副本上（表格排列与原表不同）；把原表另存为 .xlsx 再检查，即可在原表的副本上标记"
            ),
            format!(
                "the source is a .{ext} file: only an .xlsx can be copied as it is and marked, so the marks are on a converted .xlsx (laid out unlike the original); save it as .xlsx and check again to have your own sheet marked"
            ),
        ),
        _ => Msg::new(
            "来源不是工作簿：标记写在由它转换成的工作簿上（与 catalog convert 生成的相同），原文件未改动".to_string(),
            "the source is not a workbook: the marks are on the workbook converted from it (as catalog convert writes it); the original is unchanged".to_string(),
        ),
    }
}

fn mark(r: &Report, target: &Target, workbook: &Path, out: &Path, opts: Options, notes: Vec<Msg>) -> Result<(), Error> {
    let cat = r.catalog;
    let headers = cells::Headers::of(target.catalog(cat));
    let placed: Vec<Placed> = r.diags.iter().map(|d| target.place(cat, &headers, d)).collect();
    let planned = if opts.fix {
        fixes::plan(cat, target, workbook, r.diags, &placed, opts.unsafe_fixes)?
    } else {
        fixes::Planned {
            cells: Vec::new(),
            fixed: vec![false; r.diags.len()],
        }
    };
    let said: Vec<Said> = r
        .diags
        .iter()
        .zip(&placed)
        .zip(&planned.fixed)
        .map(|((d, p), &fixed)| say(cat, d, p, fixed))
        .collect();
    let mut marks = Vec::with_capacity(r.diags.len() + planned.cells.len());
    for (i, d) in r.diags.iter().enumerate() {
        let (Some(c), s) = (&placed[i].cell, &said[i]) else {
            continue;
        };
        let fixed = planned.fixed[i];
        let tag = if fixed {
            t("已修改", "fixed").to_string()
        } else {
            d.severity.label().to_string()
        };
        let mut comment = format!("[{tag}] {} ", d.code);
        if let Some(e) = &s.entry {
            comment.push_str(&format!("{e}{}", t("：", ": ")));
        }
        comment.push_str(&s.message);
        if let Some(h) = &s.help {
            comment.push_str(&format!("\n{}{h}", t("说明：", "Help: ")));
        }
        if let Some(f) = s.fix.as_ref().filter(|_| !fixed) {
            comment.push_str(&format!("\n{}{f}", t("修改：", "Fix: ")));
        }
        marks.push(CellMark {
            sheet: c.sheet.clone(),
            row: c.row,
            col: c.col,
            mark: if fixed {
                Mark::Changed
            } else {
                sheets::mark_of(d.severity)
            },
            comment,
            new_value: None,
        });
    }
    for (c, change) in &planned.cells {
        marks.push(CellMark {
            sheet: c.sheet.clone(),
            row: c.row,
            col: c.col,
            mark: Mark::Changed,
            comment: t(
                &format!("已修改，原值：{}", change.old),
                &format!("changed; the old value: {}", change.old),
            )
            .to_string(),
            new_value: Some(change.new.clone()),
        });
    }
    let not_kept = xlsx_edit::inspect(workbook)?;
    let summary = sheets::Summary {
        source: sources(cat),
        date: chrono::Local::now().format("%Y-%m-%d %H:%M").to_string(),
        hidden: r.hidden,
        not_kept,
        notes,
    };
    let mut front = vec![
        sheets::findings(r, &placed, &said, &planned, &summary),
        sheets::rules(r),
    ];
    // The sheets an earlier marking put in front of the clerk's workbook are replaced by this
    // run's (their names are free again).
    let replace_sheets: Vec<String> = match target {
        Target::Own => cat
            .sources
            .iter()
            .flat_map(|src| src.own_sheets.iter().filter_map(|&i| src.sheets.get(usize::from(i))))
            .cloned()
            .collect(),
        Target::Converted { .. } => Vec::new(),
    };
    let taken = &target.catalog(cat).sources;
    for s in &mut front {
        let names = taken
            .iter()
            .flat_map(|src| &src.sheets)
            .filter(|n| !replace_sheets.contains(n));
        s.name = free_name(&s.name, names);
    }
    let edit = Edit {
        marks,
        front_sheets: front,
        replace_sheets,
    };
    xlsx_edit::apply(workbook, &edit, out)
}

/// The files checked: all of a few, the first three of many.
fn sources(cat: &Catalog) -> String {
    let names: Vec<&str> = cat.sources.iter().map(|s| s.display.as_str()).collect();
    match names.len() {
        0..=3 => names.join("、"),
        n => t(
            &format!("{} 等 {n} 个文件", names[..3].join("、")),
            &format!("{} and {} more files", names[..3].join(", "), n - 3),
        )
        .to_string(),
    }
}

/// The message, which entry, and the help and fix, as the sheets and comments say them.
fn say(cat: &Catalog, d: &Diagnostic, p: &Placed, fixed: bool) -> Said {
    let item = d.item.and_then(|i| cat.items.get(i));
    // The entry of the marked cell (one material of a 申请材料 cell, one line of a list),
    // quoted from the value the finding is about.
    let n = p.cell.as_ref().map_or(0, |c| c.entry as usize);
    let text = p.slot.as_ref().and_then(|s| slot::text_of(item, &cat.header, s));
    let entry = sheets::entry_phrase(n, text.as_deref());
    let fix = d.fix.as_ref().and_then(|f| {
        let s = slot::find(item?, f.loc).or_else(|| p.slot.clone())?;
        fixes::new_value(cat, item, &s, f).map(|(_, new)| sheets::fix_phrase(&new, f.safe, fixed))
    });
    Said {
        entry,
        message: d.message.to_string(),
        help: d.help.as_ref().map(|h| h.to_string()),
        fix,
    }
}

/// `name`, or `name (2)` … when the workbook already has a sheet so called (a marked copy
/// checked again).
fn free_name<'a>(name: &str, taken: impl Iterator<Item = &'a String> + Clone) -> String {
    let free = |n: &str| !taken.clone().any(|s| s.eq_ignore_ascii_case(n));
    (1..)
        .map(|k| {
            if k == 1 {
                name.to_string()
            } else {
                format!("{name} ({k})")
            }
        })
        .find(|n| free(n))
        .unwrap_or_else(|| name.to_string())
}

/// `--format xlsx` needs a file, and not one of the files it reads.
pub fn check_output(out: Option<&Path>, inputs: &[PathBuf]) -> Result<(), Error> {
    let Some(out) = out else {
        return Err(Error::plain(
            None,
            "--format xlsx 需要 --output 文件名（如 --output 鹿城-检查结果.xlsx）".into(),
            "--format xlsx needs --output FILE (e.g. --output checked.xlsx)".into(),
        ));
    };
    let same = |a: &Path| match (std::fs::canonicalize(a), std::fs::canonicalize(out)) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    };
    if crate::load::catalog_files(inputs)?.iter().any(|f| same(f)) {
        return Err(Error::plain(
            Some(out),
            "--output 指向被检查的文件：原文件不会被改写，请另取一个文件名".into(),
            "--output names a file being checked: the original is never overwritten; choose another name".into(),
        ));
    }
    Ok(())
}
