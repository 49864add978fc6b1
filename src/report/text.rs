//! Human output: a miette snippet per finding (source line, underline, help), then a summary.
//! `concise` prints one line per finding — for 3,000-item lists and grep.

use super::{Report, place};
use crate::diag::{Diagnostic, Severity};
use crate::i18n::t;
use crate::model::Pos;
use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, NamedSource};
use std::fmt::Write;

pub struct TextOptions {
    pub color: bool,
    pub concise: bool,
    pub statistics: bool,
    /// Only the summary.
    pub quiet: bool,
}

pub fn render(r: &Report, opts: &TextOptions) -> String {
    let mut out = String::new();
    let handler = GraphicalReportHandler::new_themed(if opts.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    })
    .without_primary_span_start()
    .with_context_lines(1)
    .with_width(100);
    for d in r.diags.iter().filter(|_| !opts.quiet) {
        if opts.concise {
            let _ = writeln!(out, "{}", concise_line(r, d));
        } else {
            out.push_str(&graphical(r, d, &handler));
        }
    }
    summary(r, opts, &mut out);
    out
}

fn item_label(r: &Report, d: &Diagnostic) -> String {
    match (r.item_code(d), r.item_name(d)) {
        (Some(c), Some(n)) => format!("[{c} {n}] "),
        (Some(c), None) => format!("[{c}] "),
        (None, Some(n)) => format!("[{n}] "),
        (None, None) => String::new(),
    }
}

fn concise_line(r: &Report, d: &Diagnostic) -> String {
    format!(
        "{}: {} {} {}{}",
        place(r.catalog, d.loc),
        d.severity.label(),
        d.code,
        item_label(r, d),
        d.message
    )
}

fn graphical(r: &Report, d: &Diagnostic, handler: &GraphicalReportHandler) -> String {
    let mut m = MietteDiagnostic::new(format!("{}{}", item_label(r, d), d.message))
        .with_code(d.code.to_string())
        .with_severity(match d.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        });
    if let Some(h) = &d.help {
        m = m.with_help(h.to_string());
    }
    let src = r.catalog.sources.get(d.loc.file as usize);
    let mut s = String::new();
    match (d.loc.pos, src.and_then(|s| s.text.clone())) {
        (Pos::Text { offset, len, .. }, Some(text)) => {
            let label = r
                .rules
                .get(d.code.as_ref())
                .map(|m| m.summary.to_string())
                .unwrap_or_default();
            let len = if len == 0 { 1 } else { len as usize };
            let end = (offset as usize + len).min(text.len());
            let start = (offset as usize).min(end);
            m = m.with_label(LabeledSpan::at(start..end, label));
            // The source is named with the character-based place; miette's own header column
            // counts bytes, so it is turned off.
            let report = miette::Report::new(m).with_source_code(NamedSource::new(place(r.catalog, d.loc), text));
            let _ = handler.render_report(&mut s, report.as_ref());
        }
        _ => {
            let _ = writeln!(s, "  {}", place(r.catalog, d.loc));
            let _ = handler.render_report(&mut s, &m);
        }
    }
    s.push('\n');
    s
}

fn summary(r: &Report, opts: &TextOptions, out: &mut String) {
    let c = r.counts();
    if opts.statistics && !r.diags.is_empty() {
        let _ = writeln!(out, "{}", t("按规则统计：", "By rule:"));
        for (code, n) in crate::lint::by_rule(r.diags) {
            let summary = r
                .rules
                .get(code.as_str())
                .map(|m| m.summary.to_string())
                .unwrap_or_default();
            let _ = writeln!(out, "  {n:>6}  {code:<6} {summary}");
        }
    }
    let items = r.catalog.items.len();
    let files = r.catalog.sources.len();
    if r.diags.is_empty() {
        let _ = writeln!(
            out,
            "{}",
            crate::i18n::Msg::new(
                format!("✓ 检查了 {files} 个文件、{items} 个事项，没有发现问题。"),
                format!("✓ Checked {items} items in {files} files: no findings."),
            )
        );
    } else {
        let _ = writeln!(
            out,
            "{}",
            crate::i18n::Msg::new(
                format!(
                    "检查了 {files} 个文件、{items} 个事项：{} 个错误，{} 个警告，{} 个提示。",
                    c.errors, c.warnings, c.infos
                ),
                format!(
                    "Checked {items} items in {files} files: {} errors, {} warnings, {} infos.",
                    c.errors, c.warnings, c.infos
                ),
            )
        );
    }
    if r.hidden > 0 {
        let _ = writeln!(
            out,
            "{}",
            crate::i18n::Msg::new(
                format!("（另有 {} 个已记录在基线中或已忽略的问题未显示）", r.hidden),
                format!("({} findings in the baseline or suppressed are not shown)", r.hidden),
            )
        );
    }
}
