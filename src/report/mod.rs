//! Reporters print findings; they never decide what is a finding or how severe it is.

pub mod diff_html;
pub mod diff_json;
pub mod diff_markdown;
pub mod diff_terminal;
pub mod diff_view;
pub mod diff_xlsx;
pub mod github;
pub mod gitlab;
pub mod json;
pub mod junit;
pub mod markdown;
pub mod output;
pub mod sarif;
pub mod svg;
pub mod terminal_md;
pub mod text;

use crate::diag::Diagnostic;
use crate::lint::Counts;
use crate::model::loc::a1;
use crate::model::{Catalog, Loc, Pos};
use crate::rules::RuleMeta;
use serde_json::json;
use std::collections::HashMap;

/// Everything a reporter may read.
pub struct Report<'a> {
    pub catalog: &'a Catalog,
    pub diags: &'a [Diagnostic],
    /// Metadata of every rule that ran, by code.
    pub rules: HashMap<String, &'a RuleMeta>,
    /// Findings hidden by a baseline or suppressions (shown in the summary).
    pub hidden: usize,
}

impl<'a> Report<'a> {
    pub fn new(catalog: &'a Catalog, diags: &'a [Diagnostic], metas: impl Iterator<Item = &'a RuleMeta>) -> Self {
        Report {
            catalog,
            diags,
            rules: metas.map(|m| (m.code.to_string(), m)).collect(),
            hidden: 0,
        }
    }
    pub fn counts(&self) -> Counts {
        Counts::of(self.diags)
    }
    pub fn item_code(&self, d: &Diagnostic) -> Option<&'a str> {
        d.item.and_then(|i| self.catalog.items.get(i)).and_then(|it| it.code())
    }
    pub fn item_name(&self, d: &Diagnostic) -> Option<&'a str> {
        d.item.and_then(|i| self.catalog.items.get(i)).and_then(|it| it.name())
    }
}

/// The body of section `n` (0-based) of a rule page (检查什么, 为什么, 如何修复 … / What it
/// does, Why is this bad?, How to fix …), its wrapped lines joined: a paragraph per line, a list
/// item per line when `lists` (else all on one line).
pub fn page_section(page: &str, n: usize, lists: bool) -> Option<String> {
    let rest = page.trim_start().strip_prefix("## ")?;
    let section = rest.split("\n## ").nth(n)?;
    let body = section.split_once('\n')?.1;
    let mut text = String::new();
    let mut blank = false;
    for line in body.lines().map(str::trim) {
        if line.is_empty() {
            blank = true;
            continue;
        }
        let item = line.starts_with("- ") || line.starts_with("* ");
        if lists && !text.is_empty() && (blank || item) {
            text.push('\n');
        } else {
            // Re-join wrapped lines: a space between Latin words, none inside Chinese text.
            let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || ",.;:)".contains(c));
            if latin(text.chars().last()) && line.chars().next().is_some_and(|c| c.is_ascii()) {
                text.push(' ');
            }
        }
        text.push_str(line);
        blank = false;
    }
    (!text.is_empty()).then_some(text)
}

/// `file:line:col` or `file › sheet › cell`, as a user finds it.
pub fn place(cat: &Catalog, loc: Loc) -> String {
    let Some(src) = cat.sources.get(loc.file as usize) else {
        return String::new();
    };
    match loc.pos {
        Pos::Text { line, col, .. } => format!("{}:{line}:{col}", src.display),
        Pos::Cell { sheet, row, col, entry } => {
            let sheet = src.sheets.get(sheet as usize).map(String::as_str).unwrap_or("?");
            match entry {
                0 => format!("{} › {sheet} › {}", src.display, a1(row, col)),
                n => format!(
                    "{} › {sheet} › {} › {}",
                    src.display,
                    a1(row, col),
                    crate::i18n::t(&format!("第{n}项"), &format!("entry {n}"))
                ),
            }
        }
        Pos::None => src.display.clone(),
    }
}

/// The `location` object of the JSON contract.
pub fn location_json(cat: &Catalog, loc: Loc) -> serde_json::Value {
    let Some(src) = cat.sources.get(loc.file as usize) else {
        return serde_json::Value::Null;
    };
    match loc.pos {
        Pos::Text { line, col, .. } => json!({"file": src.display, "line": line, "column": col}),
        Pos::Cell {
            sheet,
            row,
            col,
            entry: 0,
        } => {
            json!({"file": src.display, "sheet": src.sheets.get(sheet as usize), "cell": a1(row, col)})
        }
        Pos::Cell { sheet, row, col, entry } => {
            json!({"file": src.display, "sheet": src.sheets.get(sheet as usize), "cell": a1(row, col), "entry": entry})
        }
        Pos::None => json!({"file": src.display, "line": null, "column": null}),
    }
}
