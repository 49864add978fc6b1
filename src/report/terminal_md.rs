//! A rule page (Markdown) as a terminal shows it: headings bold and underlined instead of `##`,
//! code examples indented with a bar instead of fences, list bullets, `code` without
//! backticks. Colour only when `color`; otherwise plain text that still reads well in a pipe.

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};
use unicode_width::UnicodeWidthStr;

const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";
const CYAN: &str = "\x1b[36m";
const RESET: &str = "\x1b[0m";

pub fn render(md: &str, color: bool) -> String {
    let paint = |code: &'static str| if color { code } else { "" };
    let mut out = String::new();
    let mut heading: Option<String> = None;
    let mut in_code = false;
    let mut list_depth = 0usize;
    let mut numbers: Vec<Option<u64>> = Vec::new();
    for e in Parser::new_ext(md, Options::ENABLE_TABLES) {
        match e {
            Event::Start(Tag::Heading { .. }) => heading = Some(String::new()),
            Event::End(TagEnd::Heading(level)) => {
                let h = heading.take().unwrap_or_default();
                let rule = if level == pulldown_cmark::HeadingLevel::H1 {
                    '═'
                } else {
                    '─'
                };
                out.push_str(&format!("\n{}{h}{}\n", paint(BOLD), paint(RESET)));
                out.push_str(&rule.to_string().repeat(h.width().max(4)));
                out.push('\n');
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                in_code = true;
                if let CodeBlockKind::Fenced(lang) = kind
                    && !lang.is_empty()
                {
                    out.push_str(&format!("  {}{lang}{}\n", paint(DIM), paint(RESET)));
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                in_code = false;
                out.push('\n');
            }
            Event::Start(Tag::List(start)) => {
                list_depth += 1;
                numbers.push(start);
            }
            Event::End(TagEnd::List(_)) => {
                list_depth = list_depth.saturating_sub(1);
                numbers.pop();
                if list_depth == 0 {
                    out.push('\n');
                }
            }
            Event::Start(Tag::Item) => {
                let indent = "  ".repeat(list_depth.saturating_sub(1));
                let bullet = match numbers.last_mut() {
                    Some(Some(n)) => {
                        let b = format!("{n}.");
                        *n += 1;
                        b
                    }
                    _ => "•".to_string(),
                };
                out.push_str(&format!("{indent}  {bullet} "));
            }
            Event::End(TagEnd::Item) if !out.ends_with('\n') => out.push('\n'),
            Event::End(TagEnd::Paragraph) => {
                out.push('\n');
                if list_depth == 0 {
                    out.push('\n');
                }
            }
            Event::Text(t) => match (&mut heading, in_code) {
                (Some(h), _) => h.push_str(&t),
                (None, true) => {
                    for line in t.lines() {
                        out.push_str(&format!("  {}│{} {line}\n", paint(DIM), paint(RESET)));
                    }
                }
                (None, false) => out.push_str(&t),
            },
            Event::Code(t) => match &mut heading {
                Some(h) => h.push_str(&t),
                None => out.push_str(&format!("{}{t}{}", paint(CYAN), paint(RESET))),
            },
            Event::Start(Tag::Strong) => out.push_str(paint(BOLD)),
            Event::End(TagEnd::Strong) => out.push_str(paint(RESET)),
            Event::SoftBreak | Event::HardBreak => out.push('\n'),
            Event::Rule => out.push_str(&format!("{}\n\n", "─".repeat(40))),
            Event::Html(t) | Event::InlineHtml(t) => out.push_str(&t),
            _ => {}
        }
    }
    // At most one blank line in a row.
    while out.contains("\n\n\n") {
        out = out.replace("\n\n\n", "\n\n");
    }
    out.trim().to_string() + "\n"
}

#[cfg(test)]
mod tests {
    use super::render;

    #[test]
    fn markdown_becomes_terminal_text() {
        let s = render(
            "# T005 — 缺少受理要点\n\n## 检查什么\n\n每个 `scenario` 都要有受理要点。\n\n- 一\n- 二\n\n```yaml\nscenarios:\n  - name: x\n```\n",
            false,
        );
        assert!(!s.contains("##") && !s.contains("```") && !s.contains('`'), "{s}");
        assert!(s.contains("检查什么\n────────"), "{s}");
        assert!(s.contains("  • 一\n  • 二"), "{s}");
        assert!(s.contains("  │ scenarios:\n  │   - name: x"), "{s}");
        assert!(s.contains("每个 scenario 都要有受理要点。"), "{s}");
        assert!(!s.contains('\x1b'));
        assert!(render("**粗**", true).contains("\x1b[1m粗\x1b[0m"));
    }
}
