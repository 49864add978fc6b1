//! Autofix: rules attach byte-range edits (`diag::Fix`); `--fix` applies them to the YAML source
//! so comments, key order and layout survive (no re-serialisation). Edits are applied back to
//! front, an edit overlapping one already taken is skipped (the next run picks it up), and every
//! file is written atomically (temp file in the same directory, then rename) — unless it is
//! read-only or changed since it was read, which stops the run with nothing written ([`write`]).

use crate::cli::RuleSelection;
use crate::diag::{Diagnostic, Fix};
use crate::error::Error;
use crate::i18n::t;
use crate::model::{Catalog, Loc, Pos, SourceKind};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// A fix replacing `value[start..end]` of a scalar read at `loc` with `replacement`; for a
/// value read from a sheet cell, a fix giving the value's whole new text at its cell.
///
/// The scalar's span may include quotes or be a whole cell split into list elements, so the
/// value is looked up inside the raw source span; when it is not there verbatim (escapes,
/// folded lines) no fix is offered rather than a wrong one.
pub fn in_value(
    cat: &Catalog,
    loc: Loc,
    value: &str,
    start: usize,
    end: usize,
    replacement: &str,
    safe: bool,
) -> Option<Fix> {
    // A sheet cell is not edited in place: the fix names the value (or entry) and its new
    // text, which `catalog lint --fix -f xlsx` writes into the marked copy.
    if let Pos::Cell { .. } = loc.pos {
        let (pre, post) = (value.get(..start)?, value.get(end..)?);
        return Some(Fix {
            loc,
            replacement: format!("{pre}{replacement}{post}"),
            safe,
        });
    }
    let at = sub_loc(cat, loc, value, start, end)?;
    if !stays_plain(cat, loc, at, replacement) {
        return None;
    }
    Some(Fix {
        loc: at,
        replacement: replacement.to_string(),
        safe,
    })
}

/// The text location of `value[start..end]`, when `value` appears verbatim in the source at `loc`.
pub fn sub_loc(cat: &Catalog, loc: Loc, value: &str, start: usize, end: usize) -> Option<Loc> {
    let Pos::Text { line, col, offset, len } = loc.pos else {
        return None;
    };
    let src = cat.sources.get(loc.file as usize)?;
    let text = src.text.as_deref()?;
    let raw = text.get(offset as usize..(offset + len) as usize)?;
    let found = raw.find(value)?;
    let pre = &raw[..found + start];
    let abs = offset as usize + found + start;
    let newlines = pre.matches('\n').count() as u32;
    let col = if newlines == 0 {
        col + pre.chars().count() as u32
    } else {
        pre.rsplit('\n').next().map_or(0, |l| l.chars().count()) as u32 + 1
    };
    Some(Loc::text(
        loc.file,
        line + newlines,
        col,
        abs as u32,
        (end - start) as u32,
    ))
}

/// An edit inside an unquoted scalar must not turn it into other YAML (`- x` is a list item,
/// `a: b` a mapping, ` #` starts a comment); quoted scalars take any text we write.
fn stays_plain(cat: &Catalog, scalar: Loc, at: Loc, replacement: &str) -> bool {
    let (Pos::Text { offset, len, .. }, Pos::Text { offset: s, len: l, .. }) = (scalar.pos, at.pos) else {
        return false;
    };
    let Some(text) = cat
        .sources
        .get(scalar.file as usize)
        .and_then(|src| src.text.as_deref())
    else {
        return false;
    };
    let (a, b) = (offset as usize, (offset + len) as usize);
    let Some(raw) = text.get(a..b) else { return false };
    if raw.starts_with(['"', '\'']) {
        return !replacement.contains(['"', '\'', '\\']);
    }
    let new = format!("{}{}{}", &text[a..s as usize], replacement, &text[(s + l) as usize..b]);
    let first_bad = new.starts_with(['-', '?', ':']) && new[1..].starts_with([' ', '\t']);
    let indicator = new.starts_with(['[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '%', '@', '`', ',']);
    // Inside a flow collection (`[a, b]`) these end the scalar.
    let flow = |t: &str| t.chars().filter(|c| matches!(c, ',' | '[' | ']' | '{' | '}')).count();
    let grew = flow(&new) > flow(raw);
    !(first_bad
        || indicator
        || grew
        || new.contains(": ") && !raw.contains(": ")
        || new.contains(" #") && !raw.contains(" #"))
}

/// How `catalog lint --fix` ended (one value per run; its size does not matter).
#[allow(clippy::large_enum_variant)]
pub enum Outcome {
    /// `--diff`: the diff was printed; the exit code (1 when something would change).
    Diff(u8),
    /// Files were fixed: the reloaded catalog, what remains, and how many are hidden.
    Fixed(Catalog, Vec<Diagnostic>, usize),
}

/// `--fix` in the lint pipeline: print a diff, or write the fixes and lint again. Overlapping
/// fixes wait for the next pass; a few passes settle every file.
pub fn run(
    sel: &RuleSelection,
    catalog: Catalog,
    diags: Vec<Diagnostic>,
    hidden: usize,
    load: &dyn Fn() -> Result<Catalog, Error>,
    check: &dyn Fn(&Catalog) -> (Vec<Diagnostic>, usize),
) -> Result<Outcome, Error> {
    let mut edits = plan(&catalog, &diags, sel.unsafe_fixes);
    if sel.diff {
        crate::commands::print(&diff(&edits));
        let n: usize = edits.iter().map(|e| e.applied).sum();
        eprintln!(
            "{}",
            t(
                &format!("可修复 {n} 处（未写入文件）"),
                &format!("{n} fixes available (nothing written)")
            )
        );
        return Ok(Outcome::Diff(u8::from(n > 0)));
    }
    let (mut catalog, mut diags, mut hidden) = (catalog, diags, hidden);
    let mut fixed = 0;
    for _ in 0..5 {
        if edits.is_empty() {
            break;
        }
        write(&edits)?;
        fixed += edits.iter().map(|e| e.applied).sum::<usize>();
        catalog = load()?;
        (diags, hidden) = check(&catalog);
        edits = plan(&catalog, &diags, sel.unsafe_fixes);
    }
    eprintln!(
        "{}",
        t(&format!("已修复 {fixed} 处"), &format!("fixed {fixed} findings"))
    );
    Ok(Outcome::Fixed(catalog, diags, hidden))
}

/// What `--fix` did or would do to one file.
pub struct FileEdit {
    pub path: PathBuf,
    pub display: String,
    pub before: String,
    pub after: String,
    pub applied: usize,
}

/// Compute the edited text of every file that has applicable fixes.
pub fn plan(cat: &Catalog, diags: &[Diagnostic], unsafe_fixes: bool) -> Vec<FileEdit> {
    let mut by_file: BTreeMap<u32, Vec<(usize, usize, &str)>> = BTreeMap::new();
    for d in diags {
        let Some(f) = &d.fix else { continue };
        if !f.safe && !unsafe_fixes {
            continue;
        }
        if let Pos::Text { offset, len, .. } = f.loc.pos {
            by_file.entry(f.loc.file).or_default().push((
                offset as usize,
                (offset + len) as usize,
                f.replacement.as_str(),
            ));
        }
    }
    let mut out = Vec::new();
    for (file, mut edits) in by_file {
        let Some(src) = cat.sources.get(file as usize) else {
            continue;
        };
        let Some(text) = src.text.as_deref() else { continue };
        if src.kind != SourceKind::Yaml {
            continue;
        }
        // Back to front; the same edit proposed twice counts once; overlaps wait for the next run.
        edits.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)));
        edits.dedup();
        let mut taken = Vec::with_capacity(edits.len());
        let mut floor = usize::MAX;
        for (s, e, r) in edits {
            if e > floor || e > text.len() || s > e || !text.is_char_boundary(s) || !text.is_char_boundary(e) {
                continue;
            }
            taken.push((s, e, r));
            floor = s;
        }
        let applied = taken.len();
        // Then front to back into one new text: each byte is copied once, whatever the number
        // of edits (replacing ranges in place moved the whole tail for every edit).
        let mut after = String::with_capacity(text.len() + taken.iter().map(|t| t.2.len()).sum::<usize>());
        let mut at = 0;
        for (s, e, r) in taken.into_iter().rev() {
            after.push_str(&text[at..s]);
            after.push_str(r);
            at = e;
        }
        after.push_str(&text[at..]);
        if applied > 0 && after != text {
            out.push(FileEdit {
                path: src.path.clone(),
                display: src.display.clone(),
                before: text.to_string(),
                after,
                applied,
            });
        }
    }
    out
}

/// "N findings can be fixed with --fix" (ruff's hint), when some can. A fix in a sheet or an
/// export is never written to its file: it goes into the marked copy (`-f xlsx -o`).
pub fn hint(cat: &Catalog, diags: &[Diagnostic]) -> Option<String> {
    let (in_copy, diags): (Vec<&Diagnostic>, Vec<&Diagnostic>) = diags
        .iter()
        .filter(|d| d.fix.is_some())
        .partition(|d| copy_only(cat, d));
    let safe = diags.iter().filter(|d| d.fix.as_ref().is_some_and(|f| f.safe)).count();
    let unsafe_ = diags.iter().filter(|d| d.fix.as_ref().is_some_and(|f| !f.safe)).count();
    if safe + unsafe_ == 0 {
        return copy_hint_of(&in_copy);
    }
    let (zh, en) = if unsafe_ == 0 {
        (
            format!("{safe} 个问题可用 --fix 自动修复"),
            format!("{safe} findings can be fixed with --fix"),
        )
    } else {
        (
            format!("{safe} 个问题可用 --fix 自动修复（另有 {unsafe_} 个需加 --unsafe-fixes）"),
            format!("{safe} findings can be fixed with --fix ({unsafe_} more with --unsafe-fixes)"),
        )
    };
    let copy = copy_hint_of(&in_copy).map(|h| format!("\n{h}")).unwrap_or_default();
    Some(format!("{}{copy}", crate::i18n::t(&zh, &en)))
}

fn copy_hint_of(diags: &[&Diagnostic]) -> Option<String> {
    let (safe, unsafe_) = safe_and_unsafe(diags.iter().copied());
    copy_hint(safe, unsafe_)
}

/// How many of these findings have a safe fix, and how many an unsafe one.
fn safe_and_unsafe<'a>(diags: impl Iterator<Item = &'a Diagnostic>) -> (usize, usize) {
    let fixes = diags.filter_map(|d| d.fix.as_ref());
    fixes.fold((0, 0), |(s, u), f| if f.safe { (s + 1, u) } else { (s, u + 1) })
}

/// Whether a finding's fix can only go into a marked copy: its file is not YAML.
fn copy_only(cat: &Catalog, d: &Diagnostic) -> bool {
    d.fix.as_ref().is_some_and(|f| {
        cat.sources
            .get(f.loc.file as usize)
            .is_some_and(|s| s.kind != SourceKind::Yaml)
    })
}

/// Said after `--fix` and in the hint: fixes to a sheet or an export (`safe` ones, and those
/// that need `--unsafe-fixes`) go into a marked copy.
pub fn copy_hint(safe: usize, unsafe_: usize) -> Option<String> {
    let t = crate::i18n::t;
    let text = match (safe, unsafe_) {
        (0, 0) => return None,
        (0, u) => t(
            &format!(
                "{u} 个问题在表格或导出数据中可修复（需确认）：原文件不会被改动，用 --fix --unsafe-fixes --format xlsx --output 副本.xlsx 得到修改并标注后的副本"
            ),
            &format!(
                "{u} findings in sheets or exports can be fixed after review: the original is never changed; --fix --unsafe-fixes --format xlsx --output copy.xlsx writes a fixed and marked copy"
            ),
        )
        .to_string(),
        (s, u) => {
            let more = match u {
                0 => String::new(),
                u => t(&format!("（另有 {u} 个需加 --unsafe-fixes）"), &format!(" ({u} more with --unsafe-fixes)")).to_string(),
            };
            t(
                &format!(
                    "{s} 个问题在表格或导出数据中可修复{more}：原文件不会被改动，用 --fix --format xlsx --output 副本.xlsx 得到修改并标注后的副本"
                ),
                &format!(
                    "{s} findings in sheets or exports can be fixed{more}: the original is never changed; --fix --format xlsx --output copy.xlsx writes a fixed and marked copy"
                ),
            )
            .to_string()
        }
    };
    Some(text)
}

/// After `--fix`: the fixes it left to a marked copy (in sheets and exports), and how to get it.
pub fn copy_hint_after(cat: &Catalog, diags: &[Diagnostic], unsafe_fixes: bool) -> Option<String> {
    let (safe, unsafe_) = safe_and_unsafe(diags.iter().filter(|d| copy_only(cat, d)));
    if unsafe_fixes {
        copy_hint(safe + unsafe_, 0)
    } else {
        copy_hint(safe, unsafe_)
    }
}

/// Write the edited files, each atomically, or none of them.
///
/// Nothing is written when any file is read-only (the owner's mark that it is not to be edited:
/// a Perforce checkout, a published version; as root the mark is all that protects it) or has
/// changed since it was read (an edit saved meanwhile would be lost): the run stops with the
/// file named. A UTF-8 byte-order mark the file starts with is kept; a file with several hard
/// links is written in place so every name keeps seeing it (`safe::replace_file`).
pub fn write(edits: &[FileEdit]) -> Result<(), Error> {
    for e in edits {
        writable(e)?;
    }
    for e in edits {
        // Again just before the write: the check above may be a while ago for the last file.
        let bom = writable(e)?;
        let mut bytes = Vec::with_capacity(e.after.len() + 3);
        if bom {
            bytes.extend_from_slice(BOM);
        }
        bytes.extend_from_slice(e.after.as_bytes());
        crate::safe::write_atomic(&e.path, &bytes)?;
    }
    Ok(())
}

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Whether `--fix` may replace the file: not read-only, and still the text it was read as.
/// `Ok(true)` when the file starts with a byte-order mark (the loader drops it from the text).
fn writable(e: &FileEdit) -> Result<bool, Error> {
    let meta = std::fs::metadata(&e.path).map_err(|err| Error::io(&e.path, &err))?;
    if meta.permissions().readonly() {
        return Err(Error::plain(
            Some(&e.path),
            "文件是只读的，--fix 没有修改任何文件；确需修改请先去掉只读属性（chmod u+w）".into(),
            "the file is read-only; --fix changed no file. Make it writable first (chmod u+w) if it is to be fixed"
                .into(),
        ));
    }
    let now = crate::load::limits::read_bounded(&e.path)?;
    let bom = now.starts_with(BOM);
    let body = if bom { &now[3..] } else { &now[..] };
    if body != e.before.as_bytes() {
        return Err(Error::plain(
            Some(&e.path),
            "文件在 --fix 读取之后被修改过，为免覆盖这些修改，--fix 没有写入；请重新运行".into(),
            "the file changed after --fix read it; nothing was written so that change is not lost. Run again".into(),
        ));
    }
    Ok(bom)
}

/// A unified diff of what `--fix` would change.
pub fn diff(edits: &[FileEdit]) -> String {
    let mut s = String::new();
    for e in edits {
        let d = similar::TextDiff::from_lines(&e.before, &e.after);
        let (a, b) = if e.display.starts_with('/') {
            (e.display.clone(), e.display.clone())
        } else {
            (format!("a/{}", e.display), format!("b/{}", e.display))
        };
        s.push_str(&d.unified_diff().context_radius(2).header(&a, &b).to_string());
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Source, SourceKind};
    use std::sync::Arc;

    fn cat(text: &str) -> Catalog {
        Catalog {
            sources: vec![Source {
                path: "x.yaml".into(),
                display: "x.yaml".into(),
                kind: SourceKind::Yaml,
                text: Some(Arc::from(text)),
                sheets: vec![],
                own_sheets: Vec::new(),
            }],
            ..Default::default()
        }
    }

    #[test]
    fn overlapping_edits_are_skipped_and_order_kept() {
        let c = cat("a: 其它材料其它\n");
        let v = "其它材料其它";
        let loc = Loc::text(0, 1, 4, 3, v.len() as u32);
        let f1 = in_value(&c, loc, v, 0, 6, "其他", true).unwrap();
        let f2 = in_value(&c, loc, v, 12, 18, "其他", true).unwrap();
        let f3 = in_value(&c, loc, v, 3, 9, "X", true).unwrap();
        assert_eq!(
            f2.loc.pos,
            Pos::Text {
                line: 1,
                col: 8,
                offset: 15,
                len: 6
            }
        );
        let mk = |f: Fix| Diagnostic {
            code: "W004".into(),
            severity: crate::diag::Severity::Warning,
            message: Default::default(),
            help: None,
            item: None,
            loc,
            fix: Some(f),
        };
        let e = plan(&c, &[mk(f1), mk(f2), mk(f3)], false);
        // f3 overlaps f1: only one of them is applied.
        assert_eq!(e[0].applied, 2);
        assert_eq!(e[0].after, "a: 其X料其他\n");
    }

    #[test]
    fn no_fix_that_changes_yaml_structure() {
        let c = cat("a: － 0577\n");
        let loc = Loc::text(0, 1, 4, 3, 8);
        assert!(in_value(&c, loc, "－ 0577", 0, 3, "-", true).is_none());
        let c = cat("a: \"－ 0577\"\n");
        let loc = Loc::text(0, 1, 4, 3, 10);
        assert!(in_value(&c, loc, "－ 0577", 0, 3, "-", true).is_some());
    }

    #[test]
    fn quoted_value_is_found_inside_quotes() {
        let c = cat("a: \"区县级\"\n");
        let loc = Loc::text(0, 1, 4, 3, 11);
        let f = in_value(&c, loc, "区县级", 0, 9, "县级", true).unwrap();
        assert_eq!(
            f.loc.pos,
            Pos::Text {
                line: 1,
                col: 5,
                offset: 4,
                len: 9
            }
        );
    }

    /// An edit saved while `--fix` ran is not overwritten: nothing is written, exit 2.
    #[test]
    fn a_file_changed_since_it_was_read_is_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a.yaml"), dir.path().join("b.yaml"));
        std::fs::write(&a, "a: 其它\n").unwrap();
        std::fs::write(&b, "b: 其它\n").unwrap();
        let edit = |p: &std::path::Path, before: &str| FileEdit {
            path: p.to_path_buf(),
            display: p.display().to_string(),
            before: before.into(),
            after: before.replace("其它", "其他"),
            applied: 1,
        };
        let edits = [edit(&a, "a: 其它\n"), edit(&b, "b: 其它\n")];
        // Someone saves b.yaml after it was read.
        std::fs::write(&b, "b: 其它\nc: 新加的\n").unwrap();
        let err = write(&edits).unwrap_err();
        assert!(err.to_string().contains("b.yaml"), "{err}");
        assert_eq!(std::fs::read_to_string(&a).unwrap(), "a: 其它\n", "no file written");
        assert_eq!(std::fs::read_to_string(&b).unwrap(), "b: 其它\nc: 新加的\n");
        // Unchanged files are fixed.
        std::fs::write(&b, "b: 其它\n").unwrap();
        write(&edits).unwrap();
        assert_eq!(std::fs::read_to_string(&b).unwrap(), "b: 其他\n");
    }
}
