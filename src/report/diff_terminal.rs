//! Terminal rendering of a comparison or statistics view: summary first, then metrics, then
//! the changes. Long sections are cut with a note saying how many rows the other formats hold.

use super::diff_view::{Cell, Document, Table};
use crate::i18n::t;
use comfy_table::{ContentArrangement, Table as Comfy, presets};
use similar::{ChangeTag, TextDiff};
use std::fmt::Write;

/// Rows shown per section; the rest is counted, never silently dropped.
pub const MAX_ROWS: usize = 200;

/// Columns a table may take: the terminal's width; when the output is not a terminal (a pipe,
/// a file), `COLUMNS` or 120. Without a width comfy-table never wraps, and a change table ran
/// to 300 columns.
pub fn width() -> u16 {
    Comfy::new()
        .width()
        .or_else(|| std::env::var("COLUMNS").ok().and_then(|c| c.trim().parse().ok()))
        .unwrap_or(120)
        .max(40)
}

fn new_table(columns: &[String]) -> Comfy {
    let mut t = Comfy::new();
    t.load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(width())
        .set_header(columns.to_vec());
    t
}

/// Old and new with the differing characters coloured (red struck / green) when colour is on.
fn change_text(old: Option<&str>, new: Option<&str>, color: bool) -> String {
    let (o, n) = (old.unwrap_or(""), new.unwrap_or(""));
    if !color || old.is_none() || new.is_none() {
        return format!("{}\n→ {}", old.unwrap_or("—"), new.unwrap_or("—"));
    }
    let diff = TextDiff::from_chars(o, n);
    let (mut a, mut b) = (String::new(), String::new());
    for c in diff.iter_all_changes() {
        let v = c.value();
        match c.tag() {
            ChangeTag::Equal => {
                a.push_str(v);
                b.push_str(v);
            }
            ChangeTag::Delete => {
                let _ = write!(a, "\x1b[31;9m{v}\x1b[0m");
            }
            ChangeTag::Insert => {
                let _ = write!(b, "\x1b[32;1m{v}\x1b[0m");
            }
        }
    }
    format!("{a}\n→ {b}")
}

fn cell(c: &Cell, color: bool) -> String {
    match c {
        Cell::Text(s) => s.clone(),
        Cell::Change { old, new } => change_text(old.as_deref(), new.as_deref(), color),
    }
}

fn table(out: &mut String, tb: &Table, color: bool, limit: usize) {
    if tb.id == "metrics" || tb.id.starts_with("by_") {
        let _ = writeln!(out, "\n{}", tb.title);
    } else {
        let n = tb.rows.len();
        let _ = writeln!(out, "\n{}{}", tb.title, t(&format!("（{n}）"), &format!(" ({n})")));
    }
    if tb.rows.is_empty() {
        return;
    }
    let mut c = new_table(&tb.columns);
    for r in tb.rows.iter().take(limit) {
        c.add_row(r.cells.iter().map(|x| cell(x, color)).collect::<Vec<_>>());
    }
    let _ = writeln!(out, "{c}");
    if tb.rows.len() > limit {
        let _ = writeln!(
            out,
            "{}",
            crate::i18n::Msg::new(
                format!(
                    "…… 另有 {} 行未显示；用 --format html、xlsx、markdown 或 json 查看全部",
                    tb.rows.len() - limit
                ),
                format!(
                    "… {} more rows not shown; use --format html, xlsx, markdown or json for all",
                    tb.rows.len() - limit
                ),
            )
            .get()
        );
    }
}

pub fn render(doc: &Document, color: bool) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}{}{}", doc.title, t("：", ": "), doc.subtitle);
    let mut s = Comfy::new();
    s.load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(width());
    for (k, v) in &doc.summary {
        s.add_row(vec![k.clone(), v.clone()]);
    }
    let _ = writeln!(out, "{s}");
    for m in &doc.metrics {
        table(&mut out, m, color, usize::MAX);
    }
    for sec in &doc.sections {
        table(&mut out, sec, color, MAX_ROWS);
    }
    if doc.sections.iter().all(|s| s.rows.is_empty()) && !doc.sections.is_empty() {
        let _ = writeln!(out, "\n{}", t("没有差异。", "No differences."));
    }
    out
}
