//! `--format github`: GitHub Actions workflow commands, one annotation per finding
//! (`::error file=…,line=…,col=…,title=CODE::message`), shown on the changed files of a pull
//! request. Errors are `::error`, warnings `::warning`, infos `::notice`.

use super::output::Options;
use super::{Report, place};
use crate::diag::{Diagnostic, Severity};
use crate::i18n::lang;
use crate::model::Pos;
use std::fmt::Write;

/// Escape the message part of a workflow command.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escape a property value (`file=`, `title=` …): also `:` and `,`.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

fn command(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

pub fn annotation(r: &Report, d: &Diagnostic) -> String {
    let l = lang();
    let src = r.catalog.sources.get(d.loc.file as usize);
    let mut props = Vec::new();
    if let Some(src) = src {
        props.push(format!("file={}", escape_property(&src.display)));
    }
    let mut msg = String::new();
    match d.loc.pos {
        Pos::Text { line, col, .. } => {
            props.push(format!("line={line}"));
            props.push(format!("col={col}"));
        }
        Pos::Cell { row, .. } => {
            // A sheet has no text lines: give the row as the line and the cell in the message.
            props.push(format!("line={}", row + 1));
            let _ = write!(msg, "{}: ", place(r.catalog, d.loc));
        }
        Pos::None => {}
    }
    props.push(format!("title={}", escape_property(&d.code)));
    match (r.item_code(d), r.item_name(d)) {
        (Some(c), Some(n)) => {
            let _ = write!(msg, "[{c} {n}] ");
        }
        (Some(c), None) => {
            let _ = write!(msg, "[{c}] ");
        }
        (None, Some(n)) => {
            let _ = write!(msg, "[{n}] ");
        }
        (None, None) => {}
    }
    msg.push_str(d.message.in_lang(l));
    if let Some(h) = &d.help {
        msg.push('\n');
        msg.push_str(h.in_lang(l));
    }
    format!("::{} {}::{}", command(d.severity), props.join(","), escape_data(&msg))
}

pub fn render(r: &Report, opts: &Options) -> String {
    let mut out = String::new();
    if !opts.quiet {
        for d in r.diags {
            out.push_str(&annotation(r, d));
            out.push('\n');
        }
    }
    // The summary and statistics are plain log lines.
    let summary = super::text::render(
        r,
        &super::text::TextOptions {
            color: false,
            concise: true,
            statistics: opts.statistics,
            quiet: true,
            limit: None,
        },
    );
    out.push_str(&summary);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_per_github_rules() {
        assert_eq!(escape_data("50% a\r\nb"), "50%25 a%0D%0Ab");
        assert_eq!(escape_property("a,b:c%"), "a%2Cb%3Ac%25");
    }
}
