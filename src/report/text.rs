//! Human output: a miette snippet per finding (source line, underline, help), then a summary.
//! `concise` prints one line per finding — for 3,000-item lists and grep.

use super::{Report, place};
use crate::diag::{Diagnostic, Severity};
use crate::i18n::{en_count, t};
use crate::model::Pos;
use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, MietteError, MietteSpanContents, SourceCode,
    SourceSpan, SpanContents,
};
use std::fmt::Write;
use std::sync::Arc;

#[derive(Clone, Copy)]
pub struct TextOptions {
    pub color: bool,
    pub concise: bool,
    pub statistics: bool,
    /// Only the summary.
    pub quiet: bool,
    /// Show at most this many findings (a person at a terminal); the rest are counted and the
    /// report says how to see them. `None` prints all (files, pipes, CI logs).
    pub limit: Option<usize>,
}

/// Past this many findings a text report opens with the per-rule summary: the count and the
/// rules that matter come first, not after 31,000 lines.
pub const LONG: usize = 50;

pub fn render(r: &Report, opts: &TextOptions) -> String {
    let mut out = String::new();
    let n = r.diags.len();
    let long = !opts.quiet && n > LONG;
    if long {
        by_rule(r, &mut out);
        let shown = opts.limit.map_or(n, |l| l.min(n));
        let _ = writeln!(
            out,
            "{}\n",
            if shown < n {
                crate::i18n::Msg::new(
                    format!(
                        "共 {n} 个问题，下面列出前 {shown} 个。看全部：-o 文件 或 | less；每条一行：-f concise；只看一条规则：--select 代码"
                    ),
                    format!(
                        "{} in all; the first {shown} follow. All of them: -o FILE or | less; one line each: -f concise; one rule: --select CODE",
                        en_count(n, "finding", "findings")
                    ),
                )
            } else {
                crate::i18n::Msg::new(
                    format!("共 {n} 个问题，逐条列在下面；只看汇总：--quiet --statistics；只看一条规则：--select 代码"),
                    format!(
                        "{} in all, listed below; the summary only: --quiet --statistics; one rule: --select CODE",
                        en_count(n, "finding", "findings")
                    ),
                )
            }
        );
    }
    let handler = GraphicalReportHandler::new_themed(if opts.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    })
    .without_primary_span_start()
    .with_context_lines(1)
    .with_width(100);
    let shown = if long { opts.limit.unwrap_or(n) } else { n };
    for d in r.diags.iter().filter(|_| !opts.quiet).take(shown) {
        if opts.concise {
            let _ = writeln!(out, "{}", concise_line(r, d));
        } else {
            out.push_str(&graphical(r, d, &handler));
        }
    }
    if shown < n {
        let _ = writeln!(
            out,
            "{}",
            crate::i18n::Msg::new(
                format!("……另有 {} 个问题未显示（见开头的按规则统计）", n - shown),
                format!("... {} more not shown (see the summary by rule at the top)", n - shown),
            )
        );
    }
    // A long report already opened with the statistics.
    summary(
        r,
        &TextOptions {
            statistics: opts.statistics && !long,
            ..*opts
        },
        &mut out,
    );
    out
}

/// Findings per rule, most first, with each rule's summary.
fn by_rule(r: &Report, out: &mut String) {
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
            // No source text to quote (a spreadsheet cell, a JSON export): the place goes under
            // the rule's code, where a snippet's header would be, not above it.
            let mut body = String::new();
            let _ = handler.render_report(&mut body, &m);
            let place = place(r.catalog, d.loc);
            match body.split_once('\n') {
                Some((code, rest)) if !place.is_empty() => {
                    let _ = write!(s, "{code}\n  ╭─[{place}]\n{}", rest.trim_start_matches('\n'));
                }
                _ => s.push_str(&body),
            }
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
        by_rule(r, out);
    }
    let items = r.catalog.items.len();
    let files = r.catalog.sources.len();
    if r.diags.is_empty() {
        let _ = writeln!(
            out,
            "{}",
            crate::i18n::Msg::new(
                format!("✓ 检查了 {files} 个文件、{items} 个事项，没有发现问题。"),
                format!(
                    "✓ Checked {} in {}: no findings.",
                    en_count(items, "item", "items"),
                    en_count(files, "file", "files")
                ),
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
                    "Checked {} in {}: {}, {}, {}.",
                    en_count(items, "item", "items"),
                    en_count(files, "file", "files"),
                    en_count(c.errors, "error", "errors"),
                    en_count(c.warnings, "warning", "warnings"),
                    en_count(c.infos, "info note", "info notes")
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
                format!(
                    "({} in the baseline or suppressed {} not shown)",
                    en_count(r.hidden, "finding", "findings"),
                    if r.hidden == 1 { "is" } else { "are" }
                ),
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
