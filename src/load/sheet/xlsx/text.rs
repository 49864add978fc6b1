//! Text in a workbook's XML: character references, Excel's `_xHHHH_` escapes, rich-text runs
//! and the shared-string table, decoded the way calamine decodes them (so that both readers give
//! the same cells). `None` means "not what this reader expects": the caller hands the file to
//! calamine, which reads or rejects it.

use super::super::grid::{MAX_TEXT, clean};
use memchr::memmem;
use std::borrow::Cow;

/// The shared strings of a workbook, cleaned like every cell, in one buffer.
#[derive(Debug, Default)]
pub struct SharedStrings {
    pub text: String,
    /// Byte range of each string in `text` (which stays within [`MAX_TEXT`]).
    pub spans: Vec<(u32, u32)>,
}

/// `xl/sharedStrings.xml`: each `<si>` is one string (plain `<t>` or rich-text runs). A big
/// table is read in parts on every core (it is read before any sheet can be): the parts start
/// at an `<si>` (no `<si` stands inside one: text escapes its `<`) and are joined in order.
pub fn shared_strings(xml: &str) -> Option<SharedStrings> {
    use rayon::prelude::*;
    const PART: usize = 2 << 20;
    let parts = rayon::current_num_threads().min(xml.len() / PART);
    if parts < 2 {
        return strings_in(xml);
    }
    let bytes = xml.as_bytes();
    let mut cuts = vec![0];
    for k in 1..parts {
        let from = (xml.len() * k / parts).max(*cuts.last().unwrap_or(&0));
        match item_start(&bytes[from..]) {
            Some(i) => cuts.push(from + i),
            None => break,
        }
    }
    cuts.push(xml.len());
    cuts.dedup();
    let read: Vec<Option<SharedStrings>> = cuts.par_windows(2).map(|w| strings_in(&xml[w[0]..w[1]])).collect();
    let mut out = SharedStrings::default();
    for part in read {
        let part = part?;
        let base = out.text.len();
        if base + part.text.len() > MAX_TEXT {
            return None;
        }
        out.text.push_str(&part.text);
        out.spans
            .extend(part.spans.iter().map(|&(a, b)| (a + base as u32, b + base as u32)));
    }
    Some(out)
}

/// Where the first `<si>` / `<si …>` / `<si/>` element starts.
fn item_start(bytes: &[u8]) -> Option<usize> {
    let mut at = 0;
    loop {
        let i = memmem::find(&bytes[at..], b"<si").map(|i| i + at)?;
        if matches!(bytes.get(i + 3), Some(b'>' | b' ' | b'/')) {
            return Some(i);
        }
        at = i + 3;
    }
}

/// The strings of `xml` (a whole table or a part of it starting at an item), in order.
fn strings_in(xml: &str) -> Option<SharedStrings> {
    let mut out = SharedStrings::default();
    let bytes = xml.as_bytes();
    let mut at = 0;
    while let Some(i) = memmem::find(&bytes[at..], b"<si").map(|i| i + at) {
        let after = i + 3;
        match bytes.get(after) {
            Some(b'>') | Some(b' ') => {
                let open_end = after + memchr::memchr(b'>', &bytes[after..])?;
                if bytes[open_end - 1] == b'/' {
                    push(&mut out, "")?;
                    at = open_end + 1;
                    continue;
                }
                let close = open_end + 1 + memmem::find(&bytes[open_end + 1..], b"</si>")?;
                let s = rich(&xml[open_end + 1..close])?;
                push(&mut out, &s)?;
                at = close + 5;
            }
            Some(b'/') => {
                push(&mut out, "")?;
                at = after;
            }
            // `<sst`, `<sic…`: not a string item.
            _ => at = after,
        }
    }
    Some(out)
}

/// `None` past [`MAX_TEXT`] (calamine then reads the workbook, and the loader refuses it).
fn push(out: &mut SharedStrings, s: &str) -> Option<()> {
    let s = clean(s);
    let start = out.text.len();
    if start + s.len() > MAX_TEXT {
        return None;
    }
    out.text.push_str(&s);
    out.spans.push((start as u32, out.text.len() as u32));
    Some(())
}

/// The content of `<si>` or `<is>`: the text of its `<t>` elements, phonetic runs (`<rPh>`) left
/// out; a `<t>` without `xml:space="preserve"` loses its surrounding ASCII white space.
pub fn rich(content: &str) -> Option<Cow<'_, str>> {
    if let Some(text) = plain(content) {
        return Some(text);
    }
    let b = content.as_bytes();
    let mut out = String::new();
    let mut phonetic = false;
    let mut i = 0;
    while let Some(lt) = memchr::memchr(b'<', &b[i..]).map(|k| k + i) {
        let gt = lt + memchr::memchr(b'>', &b[lt..])?;
        let tag = &content[lt + 1..gt];
        i = gt + 1;
        if tag.starts_with('!') || tag.starts_with('?') {
            return None;
        }
        let self_closing = tag.ends_with('/');
        let name = tag.split([' ', '/', '\t', '\r', '\n']).next().unwrap_or("");
        match name {
            "rPh" if !self_closing => phonetic = true,
            "t" if self_closing || phonetic => {}
            "t" => {
                let end = i + memchr::memchr(b'<', &b[i..])?;
                if !content[end..].starts_with("</t>") {
                    return None;
                }
                let raw = line_ends(&content[i..end]);
                let preserve = tag.contains("xml:space=\"preserve\"") || tag.contains("xml:space='preserve'");
                let value = references(&raw)?;
                let value = if preserve {
                    value
                } else {
                    Cow::Owned(value.trim_matches([' ', '\t', '\r', '\n']).to_string())
                };
                out.push_str(&escapes(&value));
                i = end + 4;
            }
            _ if tag == "/rPh" => phonetic = false,
            _ => {}
        }
    }
    Some(Cow::Owned(out))
}

/// The text of an item that is one plain `<t>` (nearly every string of a sheet), lent from the
/// XML when nothing in it needs decoding: a 100,000-row workbook has a million of them.
fn plain(content: &str) -> Option<Cow<'_, str>> {
    let (text, preserve) = match content.strip_prefix("<t>") {
        Some(rest) => (rest, false),
        None => (content.strip_prefix("<t xml:space=\"preserve\">")?, true),
    };
    let text = text.strip_suffix("</t>")?;
    if text.bytes().any(|b| matches!(b, b'<' | b'&' | b'\r')) {
        return None;
    }
    Some(escapes(if preserve {
        text
    } else {
        text.trim_matches([' ', '\t', '\r', '\n'])
    }))
}

/// XML's line-end normalisation of text: `\r\n` and a lone `\r` read as `\n`.
pub fn line_ends(s: &str) -> Cow<'_, str> {
    if s.contains('\r') {
        Cow::Owned(s.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Cow::Borrowed(s)
    }
}

/// `&amp;` `&lt;` `&gt;` `&quot;` `&apos;` and `&#…;` decoded; any other reference is not XML
/// (`None`).
pub fn references(s: &str) -> Option<Cow<'_, str>> {
    if !s.contains('&') {
        return Some(Cow::Borrowed(s));
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let semi = rest[i..].find(';')? + i;
        let name = &rest[i + 1..semi];
        match name {
            "amp" => out.push('&'),
            "lt" => out.push('<'),
            "gt" => out.push('>'),
            "quot" => out.push('"'),
            "apos" => out.push('\''),
            _ => {
                let n = match name.strip_prefix("#x") {
                    Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                    None => name.strip_prefix('#')?.parse().ok()?,
                };
                out.push(char::from_u32(n)?);
            }
        }
        rest = &rest[semi + 1..];
    }
    out.push_str(rest);
    Some(Cow::Owned(out))
}

/// Excel's `_xHHHH_` escapes (a UTF-16 unit each: `_x000D_` is a carriage return, a surrogate
/// pair takes two, a lone surrogate reads as U+FFFD).
pub fn escapes(s: &str) -> Cow<'_, str> {
    let Some(first) = find_escape(s, 0) else {
        return Cow::Borrowed(s);
    };
    let mut out = String::with_capacity(s.len());
    let mut copied = 0;
    let mut next = Some(first);
    while let Some((at, unit)) = next {
        out.push_str(&s[copied..at]);
        let mut end = at + 7;
        match unit {
            0xD800..=0xDBFF => match unit_at(s, end) {
                Some(low @ 0xDC00..=0xDFFF) => {
                    let c = 0x10000 + ((u32::from(unit) - 0xD800) << 10) + (u32::from(low) - 0xDC00);
                    out.push(char::from_u32(c).unwrap_or(char::REPLACEMENT_CHARACTER));
                    end += 7;
                }
                _ => out.push(char::REPLACEMENT_CHARACTER),
            },
            _ => out.push(char::from_u32(u32::from(unit)).unwrap_or(char::REPLACEMENT_CHARACTER)),
        }
        copied = end;
        next = find_escape(s, end);
    }
    out.push_str(&s[copied..]);
    Cow::Owned(out)
}

fn find_escape(s: &str, mut from: usize) -> Option<(usize, u16)> {
    while let Some(i) = s.get(from..)?.find('_').map(|k| k + from) {
        if let Some(unit) = unit_at(s, i) {
            return Some((i, unit));
        }
        from = i + 1;
    }
    None
}

fn unit_at(s: &str, i: usize) -> Option<u16> {
    let b = s.as_bytes().get(i..i + 7)?;
    if b[0] != b'_' || b[1] != b'x' || b[6] != b'_' || !b[2..6].iter().all(u8::is_ascii_hexdigit) {
        return None;
    }
    u16::from_str_radix(std::str::from_utf8(&b[2..6]).ok()?, 16).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_and_escapes() {
        assert_eq!(references("a&amp;b&lt;&#x4E2D;&#25991;").unwrap(), "a&b<中文");
        assert_eq!(references("&nbsp;"), None);
        assert_eq!(escapes("a_x000D_b"), "a\rb");
        assert_eq!(escapes("_x005F_x000D_"), "_x000D_");
        assert_eq!(escapes("_xD83D__xDCF7_"), "\u{1F4F7}");
        assert_eq!(escapes("_xD83D_x"), "\u{FFFD}x");
        assert_eq!(escapes("_x12_"), "_x12_");
    }

    #[test]
    fn rich_text_runs_without_phonetics() {
        let si = r#"<r><rPr><b/></rPr><t xml:space="preserve">行政 </t></r><r><t> 许可 </t></r><rPh sb="0" eb="1"><t>ぎょう</t></rPh><phoneticPr fontId="1"/>"#;
        assert_eq!(rich(si).unwrap(), "行政 许可");
        assert_eq!(rich("<t/>").unwrap(), "");
        assert_eq!(rich("<t><![CDATA[x]]></t>"), None);
    }

    /// A table big enough to be read in parts gives the strings of one read whole.
    #[test]
    fn shared_table_in_parts() {
        let mut xml = String::from(r#"<?xml version="1.0"?><sst count="1" uniqueCount="1">"#);
        let mut want = Vec::new();
        let mut n = 0;
        while xml.len() < 9 << 20 {
            let (si, text) = match n % 5 {
                0 => (format!("<si><t>  申请书{n} </t></si>"), format!("申请书{n}")),
                1 => ("<si/>".to_string(), String::new()),
                2 => (
                    format!(r#"<si><r><t xml:space="preserve">行政 </t></r><r><t>许可{n}</t></r></si>"#),
                    format!("行政 许可{n}"),
                ),
                3 => (
                    format!("<si><t>a&amp;b{n}</t><phoneticPr fontId=\"1\"/></si>"),
                    format!("a&b{n}"),
                ),
                _ => (
                    format!("<si ><t>{}</t></si>", "材料".repeat(n % 40)),
                    "材料".repeat(n % 40),
                ),
            };
            xml.push_str(&si);
            want.push(text);
            n += 1;
        }
        xml.push_str("</sst>");
        let pool = rayon::ThreadPoolBuilder::new().num_threads(4).build().unwrap();
        let s = pool.install(|| shared_strings(&xml)).unwrap();
        let texts: Vec<&str> = s.spans.iter().map(|&(a, b)| &s.text[a as usize..b as usize]).collect();
        assert_eq!(texts, want);
        let whole = strings_in(&xml).unwrap();
        assert_eq!((whole.text, whole.spans), (s.text, s.spans));
    }

    #[test]
    fn shared_table() {
        let xml = r#"<?xml version="1.0"?><sst count="3" uniqueCount="3"><si><t>  申请书 </t></si><si/><si><t>a&amp;b</t></si></sst>"#;
        let s = shared_strings(xml).unwrap();
        let texts: Vec<&str> = s.spans.iter().map(|&(a, b)| &s.text[a as usize..b as usize]).collect();
        assert_eq!(texts, ["申请书", "", "a&b"]);
    }
}
