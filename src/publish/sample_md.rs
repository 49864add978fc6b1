//! A 材料范例 written in Markdown, as HTML for a page of the site: tables, lists and bold as a
//! citizen expects to see them, the filling notes (填写要点, 注意 …) in red as the samples
//! themselves promise ("红字部分为填写说明"), and nothing a hostile sample could run.

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};

/// A paragraph opening with one of these in bold starts the filling notes, which run to the next
/// heading or the end of the sample.
const NOTE_HEADS: &[&str] = &["填写要点", "填写说明", "填表说明", "注意", "说明", "提示"];

/// The sample's HTML body and its first heading (the page title when it has one).
pub struct Rendered {
    pub html: String,
    pub title: Option<String>,
}

pub fn render(text: &str) -> Rendered {
    let mut opts = Options::empty();
    opts.insert(Options::ENABLE_TABLES);
    opts.insert(Options::ENABLE_STRIKETHROUGH);
    let events: Vec<Event> = Parser::new_ext(text, opts).map(defuse).collect();

    // The first level-1 heading becomes the page's <h1>; it is not repeated in the body.
    let mut title = None;
    let mut skip = None;
    if let Some(start) = events.iter().position(|e| {
        matches!(
            e,
            Event::Start(Tag::Heading {
                level: HeadingLevel::H1,
                ..
            })
        )
    }) && let Some(len) = events[start..]
        .iter()
        .position(|e| matches!(e, Event::End(TagEnd::Heading(HeadingLevel::H1))))
    {
        let t: String = events[start..start + len]
            .iter()
            .filter_map(|e| match e {
                Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                _ => None,
            })
            .collect();
        if !t.trim().is_empty() {
            title = Some(t.trim().to_string());
            skip = Some(start..=start + len);
        }
    }

    let mut out: Vec<Event> = Vec::with_capacity(events.len() + 4);
    let mut in_note = false;
    for (i, e) in events.iter().enumerate() {
        if skip.as_ref().is_some_and(|r| r.contains(&i)) {
            continue;
        }
        if in_note && matches!(e, Event::Start(Tag::Heading { .. })) {
            out.push(Event::Html("</div>\n".into()));
            in_note = false;
        }
        if !in_note && matches!(e, Event::Start(Tag::Paragraph)) && opens_note(&events[i + 1..]) {
            out.push(Event::Html("<div class=\"fill-note\">\n".into()));
            in_note = true;
        }
        out.push(e.clone());
    }
    if in_note {
        out.push(Event::Html("</div>\n".into()));
    }
    let mut html_out = String::with_capacity(text.len() * 2);
    html::push_html(&mut html_out, out.into_iter());
    Rendered { html: html_out, title }
}

/// Does a paragraph starting with `rest` open with a bold note heading (**填写要点**)?
fn opens_note(rest: &[Event]) -> bool {
    match rest {
        [Event::Start(Tag::Strong), Event::Text(t), ..] => {
            let t = t.trim().trim_end_matches(['：', ':']);
            NOTE_HEADS.iter().any(|h| t.starts_with(h))
        }
        _ => false,
    }
}

/// Raw HTML in a sample is shown as text; links keep only web and mail addresses; images
/// become their description (a sample page never loads anything).
fn defuse(e: Event) -> Event {
    match e {
        Event::Html(s) | Event::InlineHtml(s) => Event::Text(s),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url: if safe_url(&dest_url) {
                dest_url
            } else {
                CowStr::from("#")
            },
            title,
            id,
        }),
        Event::Start(Tag::Image { .. }) => Event::Text("〔图：".into()),
        Event::End(TagEnd::Image) => Event::Text("〕".into()),
        other => other,
    }
}

fn safe_url(u: &str) -> bool {
    let l = u.trim().to_ascii_lowercase();
    l.starts_with("http://") || l.starts_with("https://") || l.starts_with("mailto:") || l.starts_with('#')
}

#[cfg(test)]
mod tests {
    use super::render;

    #[test]
    fn tables_bold_and_notes() {
        let r = render(
            "# 申请书（示例）\n\n> 红字部分为填写说明\n\n| 项目 | 内容 |\n| --- | --- |\n| 名称 | **某某店** |\n\n\
             签字：张三\n\n**填写要点**\n1. 名称与执照一致。\n\n## 附\n\n其他",
        );
        assert_eq!(r.title.as_deref(), Some("申请书（示例）"));
        assert!(!r.html.contains("<h1>"), "{}", r.html);
        assert!(
            r.html.contains("<table>") && r.html.contains("<th>项目</th>"),
            "{}",
            r.html
        );
        assert!(r.html.contains("<strong>某某店</strong>"));
        assert!(!r.html.contains("| ---"));
        // The note runs from its bold heading to the next heading.
        let note = r.html.split("<div class=\"fill-note\">").nth(1).expect("note block");
        let note = note.split("</div>").next().unwrap();
        assert!(note.contains("填写要点") && note.contains("名称与执照一致"), "{note}");
        assert!(!note.contains("签字") && !note.contains("其他"), "{note}");
    }

    #[test]
    fn nothing_runs() {
        let r = render(
            "<script>alert(1)</script>\n\n[点我](javascript:alert(1)) ![x](http://e/x.png) <img src=x onerror=y>",
        );
        assert!(!r.html.contains("<script"), "{}", r.html);
        assert!(!r.html.contains("<img"), "{}", r.html);
        assert!(!r.html.contains("javascript:"), "{}", r.html);
        assert!(r.html.contains("&lt;script&gt;"), "{}", r.html);
    }
}
