//! Small byte-level XML helpers for the parts we edit in place: finding a tag's end (quotes may
//! hold `>`), reading and setting one attribute of a tag, escaping text. Untouched bytes are
//! copied as they are, so an edit never reformats what it does not change.

use std::borrow::Cow;

/// The index just past the `>` closing the tag that opens at `start` (a `<`).
pub fn tag_end(xml: &[u8], start: usize) -> Option<usize> {
    let mut quote = 0u8;
    for (i, &b) in xml.get(start..)?.iter().enumerate() {
        match b {
            b'"' | b'\'' if quote == 0 => quote = b,
            q if q == quote => quote = 0,
            b'>' if quote == 0 => return Some(start + i + 1),
            _ => {}
        }
    }
    None
}

/// Whether the tag (from `<` to `>`) closes itself (`<c r="A1"/>`).
pub fn self_closing(tag: &[u8]) -> bool {
    tag.len() >= 2 && tag[tag.len() - 2] == b'/'
}

/// The attributes of a tag: (name, raw value, byte range of the whole `name="value"`).
pub fn attrs(tag: &[u8]) -> impl Iterator<Item = (&[u8], &[u8], std::ops::Range<usize>)> {
    let mut i = tag
        .iter()
        .position(|b| b.is_ascii_whitespace() || *b == b'/' || *b == b'>')
        .unwrap_or(tag.len());
    std::iter::from_fn(move || {
        while i < tag.len() && tag[i].is_ascii_whitespace() {
            i += 1;
        }
        let start = i;
        while i < tag.len() && !tag[i].is_ascii_whitespace() && !matches!(tag[i], b'=' | b'/' | b'>') {
            i += 1;
        }
        if i == start {
            return None;
        }
        let name = &tag[start..i];
        while i < tag.len() && tag[i].is_ascii_whitespace() {
            i += 1;
        }
        if tag.get(i) != Some(&b'=') {
            return None;
        }
        i += 1;
        while i < tag.len() && tag[i].is_ascii_whitespace() {
            i += 1;
        }
        let q = *tag.get(i).filter(|q| matches!(q, b'"' | b'\''))?;
        let vstart = i + 1;
        let vend = vstart + memchr::memchr(q, &tag[vstart..])?;
        i = vend + 1;
        Some((name, &tag[vstart..vend], start..i))
    })
}

/// The raw (still escaped) value of attribute `name` of a tag.
pub fn attr<'a>(tag: &'a [u8], name: &str) -> Option<&'a [u8]> {
    attrs(tag).find(|(n, _, _)| *n == name.as_bytes()).map(|(_, v, _)| v)
}

/// The unescaped value of attribute `name` as text.
pub fn attr_str(tag: &[u8], name: &str) -> Option<String> {
    attr(tag, name).map(|v| unescape(&String::from_utf8_lossy(v)).into_owned())
}

/// The tag with attribute `name` set to `value` (already escaped): replaced where it is, or
/// added at the end.
pub fn set_attr(tag: &[u8], name: &str, value: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(tag.len() + name.len() + value.len() + 4);
    match attrs(tag).find(|(n, _, _)| *n == name.as_bytes()) {
        Some((_, _, range)) => {
            out.extend_from_slice(&tag[..range.start]);
            out.extend_from_slice(format!("{name}=\"{value}\"").as_bytes());
            out.extend_from_slice(&tag[range.end..]);
        }
        None => {
            let end = if self_closing(tag) {
                tag.len() - 2
            } else {
                tag.len() - 1
            };
            // Keep a space the writer put before `/>` where it was.
            let body = tag[..end].trim_ascii_end();
            out.extend_from_slice(body);
            out.extend_from_slice(format!(" {name}=\"{value}\"").as_bytes());
            out.extend_from_slice(&tag[body.len()..]);
        }
    }
    out
}

/// The tag without attribute `name`.
pub fn remove_attr(tag: &[u8], name: &str) -> Vec<u8> {
    match attrs(tag).find(|(n, _, _)| *n == name.as_bytes()) {
        Some((_, _, range)) => {
            let start = tag[..range.start].trim_ascii_end().len();
            [&tag[..start], &tag[range.end..]].concat()
        }
        None => tag.to_vec(),
    }
}

/// The element name of the tag opening at `start` (`c`, `x:row`, `/sheetData`).
pub fn name_at(xml: &[u8], start: usize) -> &[u8] {
    let rest = &xml[start + 1..];
    let skip = usize::from(rest.starts_with(b"/"));
    let n = rest[skip..]
        .iter()
        .position(|b| b.is_ascii_whitespace() || matches!(b, b'>' | b'/'))
        .map_or(rest.len(), |p| p + skip);
    &rest[..n]
}

/// Every tag (from `<` to past `>`: start, end and empty-element tags) from `at` on;
/// comments, processing instructions and CDATA sections are stepped over.
pub fn all_tags(xml: &[u8], mut at: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
    std::iter::from_fn(move || {
        loop {
            let i = at + memchr::memchr(b'<', xml.get(at..)?)?;
            let rest = &xml[i..];
            let skip = |close: &[u8]| memchr::memmem::find(rest, close).map_or(xml.len(), |e| i + e + close.len());
            if rest.starts_with(b"<!--") {
                at = skip(b"-->");
            } else if rest.starts_with(b"<![CDATA[") {
                at = skip(b"]]>");
            } else if rest.starts_with(b"<?") || rest.starts_with(b"<!") {
                at = skip(b">");
            } else {
                at = tag_end(xml, i).unwrap_or(xml.len());
                return Some((i, at));
            }
        }
    })
}

/// The start tags (from `<` to past `>`) of the elements whose local name is `local`, in
/// order. Enough for the small parts (workbook, rels, styles) that we parse this way.
pub fn tags<'a>(xml: &'a [u8], local_name: &'a [u8]) -> impl Iterator<Item = (usize, usize)> + 'a {
    all_tags(xml, 0).filter(move |&(i, _)| {
        let name = name_at(xml, i);
        !name.starts_with(b"/") && local(name) == local_name
    })
}

/// Where to insert an element among the children of the element whose content starts at
/// `from` (depth 0 there): before the first child named in `before`, else before the parent's
/// closing tag. Schema order matters to Excel.
pub fn insert_point(xml: &[u8], from: usize, before: &[&[u8]]) -> Option<usize> {
    let mut depth = 0usize;
    for (s, e) in all_tags(xml, from) {
        let name = name_at(xml, s);
        if name.starts_with(b"/") {
            if depth == 0 {
                return Some(s);
            }
            depth -= 1;
        } else {
            if depth == 0 && before.contains(&local(name)) {
                return Some(s);
            }
            if !self_closing(&xml[s..e]) {
                depth += 1;
            }
        }
    }
    None
}

/// The start of the closing tag `</…local>` after `from`.
pub fn close_of(xml: &[u8], from: usize, local_name: &[u8]) -> Option<usize> {
    let mut at = from;
    while let Some(i) = memchr::memmem::find(&xml[at..], b"</").map(|i| at + i) {
        let n = name_at(xml, i);
        if local(&n[1..]) == local_name {
            return Some(i);
        }
        at = i + 2;
    }
    None
}

/// The local part of an element name (`x:row` → `row`).
pub fn local(name: &[u8]) -> &[u8] {
    match memchr::memchr(b':', name) {
        Some(i) => &name[i + 1..],
        None => name,
    }
}

/// Decode the five named entities and numeric references (the loader's decoder).
pub fn unescape(s: &str) -> Cow<'_, str> {
    if s.contains('&') {
        Cow::Owned(crate::load::sheet::html::entities(s))
    } else {
        Cow::Borrowed(s)
    }
}

/// Text for an element's content, as spreadsheet programs store it: `& < >` escaped, line
/// breaks as `\n`, and the control characters XML 1.0 cannot hold (and a literal `_x0041_`,
/// which would read as one) in Excel's `_xHHHH_` form.
pub fn text(s: &str, out: &mut String) {
    escape(s, out, false)
}

/// [`text`] for an attribute value (quotes and line breaks as references too).
pub fn attr_text(s: &str, out: &mut String) {
    escape(s, out, true)
}

/// [`attr_text`] as a new string.
pub fn attr_escaped(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    attr_text(s, &mut out);
    out
}

fn escape(s: &str, out: &mut String, attribute: bool) {
    let s = s.replace("\r\n", "\n");
    let bytes = s.as_bytes();
    for (i, c) in s.char_indices() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\n' if attribute => out.push_str("&#10;"),
            '\t' if attribute => out.push_str("&#9;"),
            '\n' | '\t' => out.push(c),
            '_' if looks_escaped(&bytes[i..]) => out.push_str("_x005F_"),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {
                out.push_str(&format!("_x{:04X}_", c as u32))
            }
            c => out.push(c),
        }
    }
}

/// `_xHHHH_` at the start of `b`.
fn looks_escaped(b: &[u8]) -> bool {
    b.len() >= 7 && b[1] == b'x' && b[2..6].iter().all(u8::is_ascii_hexdigit) && b[6] == b'_'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_and_sets_attributes_with_either_quote_and_gt_inside() {
        let tag = br#"<c r="B2" t='s' x="a>b" s = "3"/>"#;
        assert_eq!(tag_end(tag, 0), Some(tag.len()));
        assert_eq!(attr(tag, "t"), Some(&b"s"[..]));
        assert_eq!(attr(tag, "s"), Some(&b"3"[..]));
        assert_eq!(attr(tag, "r"), Some(&b"B2"[..]));
        assert_eq!(attr(tag, "x"), Some(&b"a>b"[..]));
        assert_eq!(set_attr(tag, "s", "9"), br#"<c r="B2" t='s' x="a>b" s="9"/>"#);
        assert_eq!(set_attr(b"<c r=\"A1\"/>", "s", "2"), b"<c r=\"A1\" s=\"2\"/>");
        assert_eq!(set_attr(b"<c r=\"A1\" >", "s", "2"), b"<c r=\"A1\" s=\"2\" >");
        assert_eq!(remove_attr(b"<row r=\"2\" spans=\"1:3\">", "spans"), b"<row r=\"2\">");
        assert_eq!(attr(b"<cr=\"1\">", "r"), None);
    }

    #[test]
    fn names_of_tags() {
        assert_eq!(name_at(b"<x:row r=\"1\">", 0), b"x:row");
        assert_eq!(name_at(b"</sheetData>", 0), b"/sheetData");
        assert_eq!(name_at(b"<c/>", 0), b"c");
        assert_eq!(local(b"x:row"), b"row");
    }

    #[test]
    fn escapes_what_xml_cannot_hold() {
        let mut s = String::new();
        text("a<b & \u{1}_x0041_ 中\r\n", &mut s);
        assert_eq!(s, "a&lt;b &amp; _x0001__x005F_x0041_ 中\n");
        assert_eq!(attr_escaped("'a' \"b\"\n"), "'a' &quot;b&quot;&#10;");
        assert_eq!(unescape("&lt;&#20013;&#x6587;&amp;amp;&bogus"), "<中文&amp;&bogus");
    }
}
