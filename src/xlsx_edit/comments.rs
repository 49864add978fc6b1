//! Comments (批注): `xl/commentsN.xml` holds their text, and a legacy VML drawing holds the
//! boxes Excel, WPS and LibreOffice show them in (without it they show nothing). A sheet that
//! already has comments gets ours added into its parts: its own comments kept, ours after
//! the text of a cell that already has one.

use super::xml;
use crate::model::loc::a1;
use unicode_width::UnicodeWidthStr;

/// The author our comments are written under.
pub const AUTHOR: &str = "catalog";

/// A cell's (row, column), 0-based.
pub type Cell = (u32, u32);

/// The comment to put on one cell (0-based).
#[derive(Clone, Debug, PartialEq)]
pub struct Note {
    pub row: u32,
    pub col: u32,
    pub text: String,
}

const NS_MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

/// The comments part with `notes` (sorted by row, column) added to `existing`.
pub fn comments(existing: Option<&[u8]>, notes: &[Note]) -> Result<Vec<u8>, &'static str> {
    let Some(doc) = existing else {
        let mut out = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<comments xmlns=\"{NS_MAIN}\"><authors><author>{AUTHOR}</author></authors><commentList>"
        );
        for n in notes {
            comment(&mut out, "", n, 0);
        }
        out.push_str("</commentList></comments>");
        return Ok(out.into_bytes());
    };
    let (rs, _) = xml::all_tags(doc, 0).next().ok_or("empty part")?;
    let name = xml::name_at(doc, rs);
    if xml::local(name) != b"comments" {
        return Err("not a comments part");
    }
    let p = String::from_utf8_lossy(&name[..name.len() - b"comments".len()]).into_owned();
    // Our author: found among the authors, or added after them.
    let (as_, ae) = xml::tags(doc, b"authors").next().ok_or("no <authors>")?;
    let mut authors = Vec::new();
    let authors_close = if xml::self_closing(&doc[as_..ae]) {
        None
    } else {
        let close = xml::close_of(doc, ae, b"authors").ok_or("unclosed <authors>")?;
        for (_, e) in xml::tags(&doc[..close], b"author").filter(|t| t.0 >= ae) {
            let end = xml::close_of(doc, e, b"author").unwrap_or(e);
            authors.push(xml::unescape(&String::from_utf8_lossy(&doc[e..end])).into_owned());
        }
        Some(close)
    };
    let ours = authors.iter().position(|a| a == AUTHOR);
    let author_id = ours.unwrap_or(authors.len());
    // The comment list: theirs with ours appended where a cell has both, then ours, in order.
    let (ls, le) = xml::tags(doc, b"commentList").next().ok_or("no <commentList>")?;
    let list_close = if xml::self_closing(&doc[ls..le]) {
        None
    } else {
        Some(xml::close_of(doc, le, b"commentList").ok_or("unclosed <commentList>")?)
    };
    let mut items: Vec<((u32, u32), Vec<u8>)> = Vec::new();
    let mut used = vec![false; notes.len()];
    if let Some(close) = list_close {
        for (s, e) in xml::tags(&doc[..close], b"comment").filter(|t| t.0 >= le) {
            let end = if xml::self_closing(&doc[s..e]) {
                e
            } else {
                let c = xml::close_of(doc, e, b"comment").ok_or("unclosed <comment>")?;
                xml::tag_end(doc, c).ok_or("unclosed <comment>")?
            };
            let cell = xml::attr_str(&doc[s..e], "ref")
                .and_then(|r| crate::load::sheet::xlsx::cells::cell_ref(&r))
                .ok_or("a <comment> without a cell")?;
            let mut el = doc[s..end].to_vec();
            if let Some(i) = notes.iter().position(|n| (n.row, n.col) == cell) {
                used[i] = true;
                el = append_text(&el, &p, &notes[i].text)?;
            }
            items.push((cell, el));
        }
    }
    for (_, n) in notes.iter().enumerate().filter(|(i, _)| !used[*i]) {
        let mut s = String::new();
        comment(&mut s, &p, n, author_id);
        items.push(((n.row, n.col), s.into_bytes()));
    }
    items.sort_by_key(|i| i.0);
    let mut out = Vec::with_capacity(doc.len() + notes.len() * 200);
    // Authors: add ours before </authors> (or open a self-closing <authors/>).
    let author_el = format!("<{p}author>{AUTHOR}</{p}author>");
    match (ours, authors_close) {
        (Some(_), _) => out.extend_from_slice(&doc[..ls]),
        (None, Some(close)) => {
            out.extend_from_slice(&doc[..close]);
            out.extend_from_slice(author_el.as_bytes());
            out.extend_from_slice(&doc[close..ls]);
        }
        (None, None) => {
            out.extend_from_slice(&doc[..as_]);
            out.extend_from_slice(format!("<{p}authors>{author_el}</{p}authors>").as_bytes());
            out.extend_from_slice(&doc[ae..ls]);
        }
    }
    out.extend_from_slice(format!("<{p}commentList>").as_bytes());
    for (_, el) in items {
        out.extend_from_slice(&el);
    }
    out.extend_from_slice(format!("</{p}commentList>").as_bytes());
    let after = match list_close {
        Some(c) => xml::tag_end(doc, c).ok_or("unclosed <commentList>")?,
        None => le,
    };
    out.extend_from_slice(&doc[after..]);
    Ok(out)
}

/// `doc` without the comments written under our author (an earlier marking's), and the cells
/// they were on. Comments of other authors stay as they are.
pub fn without_ours(doc: &[u8]) -> Result<(Vec<u8>, Vec<Cell>), &'static str> {
    let Some((_, ae)) = xml::tags(doc, b"authors").next() else {
        return Ok((doc.to_vec(), Vec::new()));
    };
    let authors_end = xml::close_of(doc, ae, b"authors").unwrap_or(ae);
    let ours = xml::tags(&doc[..authors_end], b"author")
        .filter(|t| t.0 >= ae)
        .position(|(_, e)| {
            let end = xml::close_of(doc, e, b"author").unwrap_or(e);
            xml::unescape(&String::from_utf8_lossy(&doc[e..end])) == AUTHOR
        });
    let Some(ours) = ours else {
        return Ok((doc.to_vec(), Vec::new()));
    };
    let mut out = Vec::with_capacity(doc.len());
    let mut cells = Vec::new();
    let mut at = 0;
    for (s, e) in xml::tags(doc, b"comment") {
        if s < at {
            continue;
        }
        let tag = &doc[s..e];
        let end = if xml::self_closing(tag) {
            e
        } else {
            let c = xml::close_of(doc, e, b"comment").ok_or("unclosed <comment>")?;
            xml::tag_end(doc, c).ok_or("unclosed <comment>")?
        };
        if xml::attr_str(tag, "authorId").and_then(|a| a.parse::<usize>().ok()) != Some(ours) {
            continue;
        }
        let cell = xml::attr_str(tag, "ref")
            .and_then(|r| crate::load::sheet::xlsx::cells::cell_ref(&r))
            .ok_or("a <comment> without a cell")?;
        cells.push(cell);
        out.extend_from_slice(&doc[at..s]);
        at = end;
    }
    out.extend_from_slice(&doc[at..]);
    Ok((out, cells))
}

/// The drawing without the comment boxes of `cells` (whose comments were taken off).
pub fn vml_without(vml: &[u8], cells: &[Cell]) -> Vec<u8> {
    let number = |el: &[u8], name: &[u8]| -> Option<u32> {
        let (_, e) = xml::tags(el, name).next()?;
        let c = xml::close_of(el, e, name)?;
        std::str::from_utf8(&el[e..c]).ok()?.trim().parse().ok()
    };
    let mut out = Vec::with_capacity(vml.len());
    let mut at = 0;
    for (s, e) in xml::tags(vml, b"shape") {
        if s < at || xml::self_closing(&vml[s..e]) {
            continue;
        }
        let Some(end) = xml::close_of(vml, e, b"shape").and_then(|c| xml::tag_end(vml, c)) else {
            break;
        };
        let el = &vml[s..end];
        let note = memchr::memmem::find(el, b"ObjectType=\"Note\"").is_some();
        if note
            && let (Some(r), Some(c)) = (number(el, b"Row"), number(el, b"Column"))
            && cells.contains(&(r, c))
        {
            out.extend_from_slice(&vml[at..s]);
            at = end;
        }
    }
    out.extend_from_slice(&vml[at..]);
    out
}

fn comment(out: &mut String, p: &str, n: &Note, author: usize) {
    out.push_str(&format!(
        "<{p}comment ref=\"{}\" authorId=\"{author}\"><{p}text><{p}t xml:space=\"preserve\">",
        a1(n.row, n.col)
    ));
    xml::text(&n.text, out);
    out.push_str(&format!("</{p}t></{p}text></{p}comment>"));
}

/// An existing `<comment>` with our text added after theirs, a blank line between.
fn append_text(el: &[u8], p: &str, text: &str) -> Result<Vec<u8>, &'static str> {
    let (_, te) = xml::tags(el, b"text").next().ok_or("a <comment> without <text>")?;
    let mut run = format!("<{p}r><{p}t xml:space=\"preserve\">");
    xml::text(&format!("\n\n{text}"), &mut run);
    run.push_str(&format!("</{p}t></{p}r>"));
    // Runs go before the phonetic runs and properties, which close the rich text.
    let at = xml::insert_point(el, te, &[b"rPh", b"phoneticPr"]).ok_or("unclosed <text>")?;
    Ok([&el[..at], run.as_bytes(), &el[at..]].concat())
}

const NS_V: &str = "urn:schemas-microsoft-com:vml";
const NS_O: &str = "urn:schemas-microsoft-com:office:office";
const NS_X: &str = "urn:schemas-microsoft-com:office:excel";

/// Shape ids come in blocks of 1024 per drawing (`<o:idmap data="…">`).
pub const BLOCK: u32 = 1024;

/// The drawing blocks used by a VML part (`<o:idmap data="1,2">`).
pub fn vml_blocks(vml: &[u8]) -> Vec<u32> {
    xml::tags(vml, b"idmap")
        .filter_map(|(s, e)| xml::attr_str(&vml[s..e], "data"))
        .flat_map(|d| d.split(',').filter_map(|n| n.trim().parse().ok()).collect::<Vec<u32>>())
        .collect()
}

/// How many blocks `n` new shapes need.
pub fn blocks_for(n: usize) -> u32 {
    (n as u32).div_ceil(BLOCK - 1).max(1)
}

/// The VML drawing with a box for each note: `existing`'s shapes kept, ours added; `first`
/// is the first of the [`blocks_for`] fresh blocks our shape ids come from.
pub fn vml(existing: Option<&[u8]>, notes: &[Note], first: u32) -> Result<Vec<u8>, &'static str> {
    let blocks: Vec<String> = (first..first + blocks_for(notes.len()))
        .map(|b| b.to_string())
        .collect();
    let shapetype = "<v:shapetype id=\"_x0000_t202\" coordsize=\"21600,21600\" o:spt=\"202\" path=\"m,l,21600r21600,l21600,xe\"><v:stroke joinstyle=\"miter\"/><v:path gradientshapeok=\"t\" o:connecttype=\"rect\"/></v:shapetype>";
    let Some(doc) = existing else {
        let mut out = format!(
            "<xml xmlns:v=\"{NS_V}\" xmlns:o=\"{NS_O}\" xmlns:x=\"{NS_X}\"><o:shapelayout v:ext=\"edit\"><o:idmap v:ext=\"edit\" data=\"{}\"/></o:shapelayout>{shapetype}",
            blocks.join(",")
        );
        shapes(&mut out, notes, first, "");
        out.push_str("</xml>");
        return Ok(out.into_bytes());
    };
    let (rs, re) = xml::all_tags(doc, 0).next().ok_or("empty VML part")?;
    let root = &doc[rs..re];
    if xml::self_closing(root) {
        return Err("empty VML part");
    }
    // Our shapes say v:, o:, x:; a root that binds those prefixes elsewhere (or not at all)
    // gets them declared on each shape instead.
    let bound = |prefix: &str, ns: &str| xml::attr(root, &format!("xmlns:{prefix}")) == Some(ns.as_bytes());
    let local_ns = if bound("v", NS_V) && bound("o", NS_O) && bound("x", NS_X) {
        String::new()
    } else {
        format!(" xmlns:v=\"{NS_V}\" xmlns:o=\"{NS_O}\" xmlns:x=\"{NS_X}\"")
    };
    let mut add = String::new();
    if memchr::memmem::find(doc, b"\"_x0000_t202\"").is_none() {
        add.push_str(&shapetype.replacen("<v:shapetype ", &format!("<v:shapetype{local_ns} "), 1));
    }
    shapes(&mut add, notes, first, &local_ns);
    let mut out = super::opc::insert_before_root_close(doc, add.as_bytes());
    // Record our blocks in the drawing's id map, so no other drawing takes them.
    let idmap = xml::tags(&out, b"idmap").next();
    if let Some((s, e)) = idmap {
        let mut data = xml::attr_str(&out[s..e], "data").unwrap_or_default();
        for b in &blocks {
            if !data.is_empty() {
                data.push(',');
            }
            data.push_str(b);
        }
        let tag = xml::set_attr(&out[s..e], "data", &data);
        out.splice(s..e, tag);
    }
    Ok(out)
}

fn shapes(out: &mut String, notes: &[Note], first_block: u32, ns: &str) {
    for (i, n) in notes.iter().enumerate() {
        let i = i as u32;
        let id = (first_block + i / (BLOCK - 1)) * BLOCK + 1 + i % (BLOCK - 1);
        // A box four columns wide beside the cell, tall enough for the text (about 36
        // half-width characters a line).
        let lines: usize = n
            .text
            .lines()
            .map(|l| l.width().div_ceil(36).max(1))
            .sum::<usize>()
            .clamp(2, 30);
        let top = n.row.saturating_sub(1);
        let bottom = top + (lines as u32 * 3).div_ceil(4).max(2);
        let height = lines as f64 * 12.0 + 6.0;
        out.push_str(&format!(
            "<v:shape{ns} id=\"_x0000_s{id}\" type=\"#_x0000_t202\" style=\"position:absolute;margin-left:80pt;margin-top:2pt;width:216pt;height:{height}pt;z-index:{z};visibility:hidden\" fillcolor=\"#ffffe1\" o:insetmode=\"auto\"><v:fill color2=\"#ffffe1\"/><v:shadow on=\"t\" color=\"black\" obscured=\"t\"/><v:path o:connecttype=\"none\"/><v:textbox style=\"mso-direction-alt:auto\"><div style=\"text-align:left\"></div></v:textbox><x:ClientData ObjectType=\"Note\"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>{}, 15, {top}, 10, {}, 15, {bottom}, 4</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>{}</x:Row><x:Column>{}</x:Column></x:ClientData></v:shape>",
            n.col + 1,
            n.col + 5,
            n.row,
            n.col,
            z = i + 1,
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn note(row: u32, col: u32, text: &str) -> Note {
        Note {
            row,
            col,
            text: text.into(),
        }
    }

    #[test]
    fn new_comments_and_their_boxes() {
        let c = String::from_utf8(comments(None, &[note(1, 2, "T004 <错误>")]).unwrap()).unwrap();
        assert!(
            c.contains(
                r#"<comment ref="C2" authorId="0"><text><t xml:space="preserve">T004 &lt;错误&gt;</t></text></comment>"#
            ),
            "{c}"
        );
        let v = String::from_utf8(vml(None, &[note(1, 2, "x"), note(5, 0, "y")], 3).unwrap()).unwrap();
        assert!(v.contains(r#"data="3""#));
        assert!(v.contains("_x0000_s3073") && v.contains("_x0000_s3074"), "{v}");
        assert!(v.contains("<x:Row>1</x:Row><x:Column>2</x:Column>"));
        assert_eq!(blocks_for(1023), 1);
        assert_eq!(blocks_for(1024), 2);
    }

    #[test]
    fn an_earlier_markings_comments_and_boxes_come_off_and_others_stay() {
        let doc = r#"<comments xmlns="m"><authors><author>张三</author><author>catalog</author></authors><commentList><comment ref="A1" authorId="0"><text><t>theirs</t></text></comment><comment ref="B2" authorId="1"><text><t>T020 ours</t></text></comment><comment ref="C3" authorId="1"><text><t>W004</t></text></comment></commentList></comments>"#.as_bytes();
        let (kept, cells) = without_ours(doc).unwrap();
        assert_eq!(cells, vec![(1, 1), (2, 2)]);
        assert_eq!(
            String::from_utf8(kept).unwrap(),
            r#"<comments xmlns="m"><authors><author>张三</author><author>catalog</author></authors><commentList><comment ref="A1" authorId="0"><text><t>theirs</t></text></comment></commentList></comments>"#
        );
        let none = r#"<comments xmlns="m"><authors><author>张三</author></authors><commentList><comment ref="A1" authorId="0"><text><t>x</t></text></comment></commentList></comments>"#.as_bytes();
        assert_eq!(without_ours(none).unwrap(), (none.to_vec(), vec![]));
        let v = vml(
            None,
            &[note(0, 0, "theirs"), note(1, 1, "ours"), note(2, 2, "ours too")],
            1,
        )
        .unwrap();
        let left = String::from_utf8(vml_without(&v, &[(1, 1), (2, 2)])).unwrap();
        assert_eq!(left.matches("<v:shape ").count(), 1, "{left}");
        assert!(left.contains("<x:Row>0</x:Row><x:Column>0</x:Column>"), "{left}");
        assert!(left.contains("<v:shapetype"), "{left}");
    }

    #[test]
    fn adds_to_existing_comments_keeping_theirs() {
        let doc = br#"<?xml version="1.0"?><comments xmlns="m"><authors><author>me</author></authors><commentList><comment ref="B3" authorId="0" shapeId="0"><text><t>hello</t></text></comment><comment ref="A9" authorId="0"><text><r><t>x</t></r><rPh sb="0" eb="1"><t>y</t></rPh></text></comment></commentList></comments>"#;
        let out =
            String::from_utf8(comments(Some(doc), &[note(0, 0, "ours"), note(2, 1, "T004"), note(8, 0, "z")]).unwrap())
                .unwrap();
        assert_eq!(
            out,
            r#"<?xml version="1.0"?><comments xmlns="m"><authors><author>me</author><author>catalog</author></authors><commentList><comment ref="A1" authorId="1"><text><t xml:space="preserve">ours</t></text></comment><comment ref="B3" authorId="0" shapeId="0"><text><t>hello</t><r><t xml:space="preserve">

T004</t></r></text></comment><comment ref="A9" authorId="0"><text><r><t>x</t></r><r><t xml:space="preserve">

z</t></r><rPh sb="0" eb="1"><t>y</t></rPh></text></comment></commentList></comments>"#
        );
    }

    #[test]
    fn adds_boxes_to_a_drawing_with_other_prefixes() {
        let doc = br#"<xml xmlns:ns0="urn:schemas-microsoft-com:office:office" xmlns:ns1="urn:schemas-microsoft-com:vml"><ns0:shapelayout ns1:ext="edit"><ns0:idmap ns1:ext="edit" data="1" /></ns0:shapelayout><ns1:shapetype id="_x0000_t202"/><ns1:shape id="_x0000_s1026"/></xml>"#;
        assert_eq!(vml_blocks(doc), [1]);
        let out = String::from_utf8(vml(Some(doc), &[note(0, 0, "a")], 2).unwrap()).unwrap();
        assert!(out.contains(r#"data="1,2""#), "{out}");
        assert!(
            out.contains(r#"<v:shape xmlns:v="urn:schemas-microsoft-com:vml""#),
            "{out}"
        );
        assert!(!out.contains("<v:shapetype"), "{out}");
        assert!(out.ends_with("</v:shape></xml>"));
    }
}
