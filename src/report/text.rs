//! Human output: a miette snippet per finding (source line, underline, help), then a summary.
//! `concise` prints one line per finding — for 3,000-item lists and grep.

use super::{Report, place};
use crate::diag::{Diagnostic, Severity};
use crate::i18n::t;
use crate::model::Pos;
use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, MietteError, MietteSpanContents, SourceCode,
    SourceSpan, SpanContents,
};
use std::fmt::Write;
use std::sync::Arc;

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

/// `file:line:col: 错误 T004 [code name] message` — also the list `publish` refuses with.
pub fn concise_line(r: &Report, d: &Diagnostic) -> String {
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
        (Pos::Text { offset, len, line, .. }, Some(text)) => {
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
            let excerpt = Excerpt::around(place(r.catalog, d.loc), text, start, end, line);
            let report = miette::Report::new(m).with_source_code(excerpt);
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

/// The lines of a source around a finding, for miette, which reads a source from its start for
/// every snippet: the text report of a 29 MB file with 973 findings took 54 s.
struct Excerpt {
    name: String,
    text: Arc<str>,
    /// Byte range of the excerpt in `text`, whole lines.
    start: usize,
    end: usize,
    /// 0-based line number of `start`.
    first_line: usize,
}

/// Lines shown around a finding's own: more than the report's context lines.
const EXCERPT_LINES: usize = 3;

impl Excerpt {
    /// The lines of bytes `from..to` (the first of them line `line`, 1-based) and a few around.
    fn around(name: String, text: Arc<str>, from: usize, to: usize, line: u32) -> Excerpt {
        let b = text.as_bytes();
        let line_start = |i: usize| memchr::memrchr(b'\n', &b[..i]).map_or(0, |n| n + 1);
        let mut start = line_start(from);
        let mut first_line = (line as usize).saturating_sub(1);
        for _ in 0..EXCERPT_LINES {
            if start == 0 || first_line == 0 {
                break;
            }
            start = line_start(start - 1);
            first_line -= 1;
        }
        let mut end = to;
        for _ in 0..=EXCERPT_LINES {
            end = memchr::memchr(b'\n', &b[end.min(b.len())..]).map_or(b.len(), |n| end + n + 1);
        }
        Excerpt {
            name,
            text,
            start,
            end,
            first_line,
        }
    }
}

impl SourceCode for Excerpt {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let local = SourceSpan::new(span.offset().saturating_sub(self.start).into(), span.len());
        let c = self.text[self.start..self.end].read_span(&local, before, after)?;
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            c.data(),
            SourceSpan::new((c.span().offset() + self.start).into(), c.span().len()),
            c.line() + self.first_line,
            c.column(),
            c.line_count(),
        )))
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use miette::NamedSource;

    /// A snippet from an excerpt is the snippet from the whole text: same lines, numbers, marks.
    #[test]
    fn excerpts_render_like_the_whole_text() {
        let handler = GraphicalReportHandler::new_themed(GraphicalTheme::unicode_nocolor())
            .without_primary_span_start()
            .with_context_lines(1)
            .with_width(100);
        let mut text = String::new();
        for i in 0..300 {
            text.push_str(&format!("  - name: 事项{i}（新办）\n    level: 县级\r\n"));
        }
        let text: Arc<str> = Arc::from(text);
        for line in [1usize, 2, 3, 4, 150, 599, 600] {
            let from = text.split_inclusive('\n').take(line - 1).map(str::len).sum::<usize>() + 4;
            let to = (from + 6).min(text.len());
            let diag = MietteDiagnostic::new("m").with_label(LabeledSpan::at(from..to, "here"));
            let mut whole = String::new();
            let report = miette::Report::new(diag.clone()).with_source_code(NamedSource::new("f.yaml", text.clone()));
            let _ = handler.render_report(&mut whole, report.as_ref());
            let mut part = String::new();
            let excerpt = Excerpt::around("f.yaml".into(), text.clone(), from, to, line as u32);
            let report = miette::Report::new(diag).with_source_code(excerpt);
            let _ = handler.render_report(&mut part, report.as_ref());
            assert_eq!(whole, part, "line {line}");
            assert!(part.contains(&format!("{line} │")), "line {line}: {part}");
        }
    }
}
