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
    serde_json::to_value(location(cat, loc)).unwrap_or_default()
}

/// A finding's place as the JSON report writes it (`location_json`), serialized straight out:
/// a report of tens of thousands of findings builds no map of keys for each.
#[derive(serde::Serialize)]
#[serde(untagged)]
pub enum Location<'a> {
    /// In no source file: `null`.
    Nowhere,
    /// A line and column of a text file (`null` for no precise place).
    Text {
        file: &'a str,
        line: Option<u32>,
        column: Option<u32>,
    },
    /// A cell of a sheet, and its entry when the cell holds several.
    Cell {
        file: &'a str,
        sheet: Option<&'a str>,
        cell: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        entry: Option<u16>,
    },
}

pub fn location(cat: &Catalog, loc: Loc) -> Location<'_> {
    let Some(src) = cat.sources.get(loc.file as usize) else {
        return Location::Nowhere;
    };
    let file = src.display.as_str();
    match loc.pos {
        Pos::Text { line, col, .. } => Location::Text {
            file,
            line: Some(line),
            column: Some(col),
        },
        Pos::Cell { sheet, row, col, entry } => Location::Cell {
            file,
            sheet: src.sheets.get(sheet as usize).map(String::as_str),
            cell: a1(row, col),
            entry: (entry != 0).then_some(entry),
        },
        Pos::None => Location::Text {
            file,
            line: None,
            column: None,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Source, SourceKind};

    /// Each kind of place is written with the keys, order and nulls the JSON report has always had.
    #[test]
    fn locations_keep_their_json_shape() {
        let mut cat = Catalog::default();
        cat.sources.push(Source {
            path: "a.xlsx".into(),
            display: "a.xlsx".into(),
            kind: SourceKind::Sheet,
            text: None,
            sheets: vec!["表1".into()],
            own_sheets: Vec::new(),
        });
        let at = |pos| serde_json::to_string(&location_json(&cat, Loc { file: 0, pos })).unwrap();
        let cell = |sheet, entry| Pos::Cell {
            sheet,
            row: 4,
            col: 2,
            entry,
        };
        assert_eq!(at(cell(0, 0)), r#"{"file":"a.xlsx","sheet":"表1","cell":"C5"}"#);
        assert_eq!(
            at(cell(0, 2)),
            r#"{"file":"a.xlsx","sheet":"表1","cell":"C5","entry":2}"#
        );
        assert_eq!(at(cell(3, 0)), r#"{"file":"a.xlsx","sheet":null,"cell":"C5"}"#);
        let text = Pos::Text {
            line: 7,
            col: 3,
            offset: 90,
            len: 4,
        };
        assert_eq!(at(text), r#"{"file":"a.xlsx","line":7,"column":3}"#);
        assert_eq!(at(Pos::None), r#"{"file":"a.xlsx","line":null,"column":null}"#);
        let elsewhere = Loc {
            file: 9,
            pos: Pos::None,
        };
        assert_eq!(serde_json::to_string(&location_json(&cat, elsewhere)).unwrap(), "null");
    }
}
