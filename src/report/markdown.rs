//! `--format markdown`: a merge-request comment. The summary comes first, then counts per rule,
//! then one table row per finding (place, severity, code, item, message). A very long list is
//! cut at `MAX_ROWS` with a note saying how many rows were left out (comments have a size
//! limit; the full list is in the other reports).

use super::output::Options;
use super::{Report, place};
use crate::i18n::{Msg, lang, t};
use std::fmt::Write;

const MAX_ROWS: usize = 500;

/// Make text safe inside a table cell: catalog text stays text. Pipes are escaped, line breaks
/// become `<br>`, `<` `>` `&` become entities (a `<script>` or `<img onerror>` in an item name
/// must not reach the comment as HTML), and Markdown's own marks are escaped so a name cannot
/// make a link, an image or emphasis. The diff's Markdown escapes the same way.
pub fn cell(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '|' => o.push_str("\\|"),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => o.push_str("<br>"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '&' => o.push_str("&amp;"),
            '*' | '_' | '`' | '~' | '[' | ']' | '\\' | '!' | '#' => {
                o.push('\\');
                o.push(c);
            }
            _ => o.push(c),
        }
    }
    o
}

/// Text inside a code span (places, rule codes): a backtick would end the span, a pipe the cell.
fn code(s: &str) -> String {
    s.replace('`', "'").replace('|', "\\|")
}

pub fn render(r: &Report, opts: &Options) -> String {
    let l = lang();
    let c = r.counts();
    let mut out = String::new();
    let _ = writeln!(out, "### {}\n", t("清单检查结果", "Catalog lint results"));
    let files = r.catalog.sources.len();
    let items = r.catalog.items.len();
    let summary = if r.diags.is_empty() {
        Msg::new(
            format!("✅ 检查了 {files} 个文件、{items} 个事项，没有发现问题。"),
            format!("✅ Checked {items} items in {files} files: no findings."),
        )
    } else {
        Msg::new(
            format!(
                "{} 检查了 {files} 个文件、{items} 个事项：**{} 个错误**，{} 个警告，{} 个提示。",
                if c.errors > 0 { "❌" } else { "⚠️" },
                c.errors,
                c.warnings,
                c.infos
            ),
            format!(
                "{} Checked {items} items in {files} files: **{} errors**, {} warnings, {} infos.",
                if c.errors > 0 { "❌" } else { "⚠️" },
                c.errors,
                c.warnings,
                c.infos
            ),
        )
    };
    let _ = writeln!(out, "{summary}");
    if let Some(note) = super::output::changed_note(opts) {
        let _ = writeln!(out, "\n{note}");
    }
    if r.hidden > 0 {
        let _ = writeln!(
            out,
            "\n{}",
            Msg::new(
                format!("另有 {} 个已记录在基线中或已忽略的问题未显示。", r.hidden),
                format!("{} findings in the baseline or suppressed are not shown.", r.hidden),
            )
        );
    }
    if r.diags.is_empty() {
        return out;
    }
    // Counts per rule are always shown: in a comment they are the overview.
    let _ = writeln!(
        out,
        "\n| {} | {} | {} | {} |\n| --- | --- | --- | ---: |",
        t("规则", "Rule"),
        t("级别", "Severity"),
        t("说明", "Summary"),
        t("数量", "Count")
    );
    for (code, n) in crate::lint::by_rule(r.diags) {
        let meta = r.rules.get(code.as_str());
        let sev = r
            .diags
            .iter()
            .find(|d| d.code == code.as_str())
            .map(|d| d.severity.label())
            .unwrap_or("");
        let summary = meta.map(|m| m.summary.in_lang(l).to_string()).unwrap_or_default();
        let _ = writeln!(out, "| `{}` | {} | {} | {n} |", self::code(&code), sev, cell(&summary));
    }
    if opts.quiet {
        return out;
    }
    let _ = writeln!(
        out,
        "\n| {} | {} | {} | {} | {} |\n| --- | --- | --- | --- | --- |",
        t("位置", "Place"),
        t("级别", "Severity"),
        t("规则", "Rule"),
        t("事项", "Item"),
        t("问题", "Message")
    );
    for d in r.diags.iter().take(MAX_ROWS) {
        let item = match (r.item_code(d), r.item_name(d)) {
            (Some(c), Some(n)) => format!("{c} {n}"),
            (Some(c), None) => c.to_string(),
            (None, Some(n)) => n.to_string(),
            (None, None) => String::new(),
        };
        let mut msg = d.message.in_lang(l).to_string();
        if let Some(h) = &d.help {
            let _ = write!(msg, "\n{}", h.in_lang(l));
        }
        let _ = writeln!(
            out,
            "| `{}` | {} | `{}` | {} | {} |",
            code(&place(r.catalog, d.loc)),
            d.severity.label(),
            code(&d.code),
            cell(&item),
            cell(&msg)
        );
    }
    if r.diags.len() > MAX_ROWS {
        let _ = writeln!(
            out,
            "\n{}",
            Msg::new(
                format!(
                    "……另有 {} 条未列出（评论篇幅有限），完整列表见 JSON/SARIF 报告。",
                    r.diags.len() - MAX_ROWS
                ),
                format!(
                    "… {} more findings not listed (comments have a size limit); see the JSON/SARIF report.",
                    r.diags.len() - MAX_ROWS
                ),
            )
        );
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn cells_escape_pipes_and_breaks() {
        assert_eq!(super::cell("a|b\nc\r\nd"), "a\\|b<br>c<br>d");
        assert_eq!(
            super::cell("<script>alert(1)</script><img src=x onerror=alert(1)>"),
            "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"
        );
        assert_eq!(
            super::cell("[点我](javascript:x) ![i](http://t/p.png)"),
            "\\[点我\\](javascript:x) \\!\\[i\\](http://t/p.png)"
        );
    }
}
