//! Markdown rendering: every row, in GitHub tables (old → new with ~~struck~~ old text).

use super::diff_view::{Cell, Document, Table};
use std::fmt::Write;

/// Table-cell safe text: pipes escaped, line breaks as <br>, HTML special characters escaped.
fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '|' => o.push_str("\\|"),
            '\n' => o.push_str("<br>"),
            '\r' => {}
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '&' => o.push_str("&amp;"),
            '*' | '_' | '`' | '~' | '[' | ']' | '\\' => {
                o.push('\\');
                o.push(c);
            }
            _ => o.push(c),
        }
    }
    o
}

fn cell(c: &Cell) -> String {
    match c {
        Cell::Text(s) => esc(s),
        Cell::Change { old, new } => match (old, new) {
            (Some(o), Some(n)) => format!("~~{}~~ → **{}**", esc(o), esc(n)),
            (None, Some(n)) => format!("＋ **{}**", esc(n)),
            (Some(o), None) => format!("－ ~~{}~~", esc(o)),
            (None, None) => String::new(),
        },
    }
}

fn table(out: &mut String, tb: &Table, level: &str) {
    let _ = writeln!(out, "\n{level} {}（{}）\n", esc(&tb.title), tb.rows.len());
    if tb.rows.is_empty() {
        let _ = writeln!(out, "{}", crate::i18n::t("无。", "None."));
        return;
    }
    let _ = writeln!(
        out,
        "| {} |",
        tb.columns.iter().map(|c| esc(c)).collect::<Vec<_>>().join(" | ")
    );
    let _ = writeln!(out, "|{}", " --- |".repeat(tb.columns.len()));
    for r in &tb.rows {
        let _ = writeln!(out, "| {} |", r.cells.iter().map(cell).collect::<Vec<_>>().join(" | "));
    }
}

pub fn render(doc: &Document) -> String {
    let mut out = format!("# {}\n\n{}\n\n", esc(&doc.title), esc(&doc.subtitle));
    for (k, v) in &doc.summary {
        let _ = writeln!(out, "- {}：{}", esc(k), esc(v));
    }
    for m in &doc.metrics {
        table(&mut out, m, "##");
    }
    for s in &doc.sections {
        table(&mut out, s, "##");
    }
    out
}
