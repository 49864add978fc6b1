//! `xl/styles.xml`: a marked cell gets a new cell format, its own format cloned with the mark's
//! fill (so its number format, font, borders and alignment stay); the new sheets get a few
//! formats of their own. Everything is appended, so no existing index moves.

use super::Mark;
use super::xml;
use rustc_hash::FxHashMap as HashMap;

/// Sections of CT_Stylesheet in schema order (a missing one is inserted in its place).
const ORDER: [&[u8]; 6] = [b"numFmts", b"fonts", b"fills", b"borders", b"cellStyleXfs", b"cellXfs"];

/// A format of the new sheets.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Front {
    Header,
    Body,
    Link,
    Marked(Mark),
}

pub struct Styles {
    doc: Vec<u8>,
    /// The `<xf>` elements of `<cellXfs>`, as written.
    xfs: Vec<Vec<u8>>,
    fonts: usize,
    fills: usize,
    /// Font 0's size and name (the workbook's body font), for the new sheets' fonts.
    base_font: (String, String),
    new_fonts: Vec<String>,
    new_fills: Vec<String>,
    new_xfs: Vec<Vec<u8>>,
    fill_of: HashMap<Mark, usize>,
    marked: HashMap<(u32, Mark), u32>,
    /// Which of the workbook's fills are a mark's (solid, in a mark's colour).
    mark_fills: Vec<bool>,
    unmarked: HashMap<u32, u32>,
    front: HashMap<Front, u32>,
    prefix: Vec<u8>,
}

const MINIMAL: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>"#;

impl Styles {
    /// The workbook's styles part, or a minimal one for a workbook without it. `Err` says what
    /// is wrong with it.
    pub fn parse(doc: Option<Vec<u8>>) -> Result<Styles, &'static str> {
        let mut doc = doc.unwrap_or_else(|| MINIMAL.as_bytes().to_vec());
        let root = xml::tags(&doc, b"styleSheet").next().ok_or("no <styleSheet>")?;
        let name = xml::name_at(&doc, root.0);
        let prefix = name[..name.len() - b"styleSheet".len()].to_vec();
        // Sections a sparse writer left out: the defaults Excel assumes.
        let defaults: [&str; 6] = [
            "",
            "<fonts count=\"1\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts>",
            "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>",
            "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>",
            "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>",
            "<cellXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/></cellXfs>",
        ];
        for (i, section) in ORDER.iter().enumerate().skip(1) {
            if xml::tags(&doc, section).next().is_some() {
                continue;
            }
            let text = prefixed(defaults[i], &String::from_utf8_lossy(&prefix));
            let at = ORDER[i + 1..]
                .iter()
                .chain([&b"cellStyles"[..], b"dxfs", b"tableStyles", b"colors", b"extLst"].iter())
                .find_map(|later| xml::tags(&doc, later).next().map(|t| t.0))
                .or_else(|| xml::close_of(&doc, 0, b"styleSheet"))
                .ok_or("no </styleSheet>")?;
            doc.splice(at..at, text.into_bytes());
        }
        let xfs = children(&doc, b"cellXfs", b"xf").ok_or("no <cellXfs>")?;
        let fonts = children(&doc, b"fonts", b"font").ok_or("no <fonts>")?;
        let fill_els = children(&doc, b"fills", b"fill").ok_or("no <fills>")?;
        let fills = fill_els.len();
        let mark_fills = fill_els.iter().map(|f| is_mark_fill(f)).collect();
        let base_font = fonts.first().map_or_else(
            || ("11".to_string(), "Calibri".to_string()),
            |f| {
                let val = |n: &[u8]| xml::tags(f, n).next().and_then(|(s, e)| xml::attr_str(&f[s..e], "val"));
                (
                    val(b"sz").unwrap_or_else(|| "11".into()),
                    val(b"name").unwrap_or_else(|| "Calibri".into()),
                )
            },
        );
        Ok(Styles {
            fonts: fonts.len(),
            fills,
            xfs,
            doc,
            base_font,
            new_fonts: Vec::new(),
            new_fills: Vec::new(),
            new_xfs: Vec::new(),
            fill_of: HashMap::default(),
            marked: HashMap::default(),
            mark_fills,
            unmarked: HashMap::default(),
            front: HashMap::default(),
            prefix,
        })
    }

    fn p(&self) -> String {
        String::from_utf8_lossy(&self.prefix).into_owned()
    }

    fn fill(&mut self, mark: Mark) -> usize {
        if let Some(&f) = self.fill_of.get(&mark) {
            return f;
        }
        let p = self.p();
        self.new_fills.push(format!(
            "<{p}fill><{p}patternFill patternType=\"solid\"><{p}fgColor rgb=\"FF{}\"/><{p}bgColor indexed=\"64\"/></{p}patternFill></{p}fill>",
            mark.fill_rgb()
        ));
        let f = self.fills + self.new_fills.len() - 1;
        self.fill_of.insert(mark, f);
        f
    }

    fn push_xf(&mut self, xf: Vec<u8>) -> u32 {
        self.new_xfs.push(xf);
        (self.xfs.len() + self.new_xfs.len() - 1) as u32
    }

    /// The cell format for a cell of format `xf` marked with `mark`. A format index the
    /// stylesheet does not have (a broken file) is taken as the default format 0.
    pub fn marked(&mut self, xf: u32, mark: Mark) -> u32 {
        let xf = if (xf as usize) < self.xfs.len() { xf } else { 0 };
        if let Some(&s) = self.marked.get(&(xf, mark)) {
            return s;
        }
        let fill = self.fill(mark);
        let orig = &self.xfs[xf as usize];
        let open_end = xml::tag_end(orig, 0).unwrap_or(orig.len());
        let tag = xml::set_attr(&orig[..open_end], "fillId", &fill.to_string());
        let tag = xml::set_attr(&tag, "applyFill", "1");
        let xf_new = [&tag[..], &orig[open_end..]].concat();
        let s = self.push_xf(xf_new);
        self.marked.insert((xf, mark), s);
        s
    }

    /// The cell format of a cell an earlier run marked, without the mark: format `xf` with no
    /// fill when its fill is a mark's, else `xf` itself (a fill of the office's own stays).
    pub fn unmarked(&mut self, xf: u32) -> u32 {
        let Some(orig) = self.xfs.get(xf as usize) else {
            return xf;
        };
        let open_end = xml::tag_end(orig, 0).unwrap_or(orig.len());
        let fill = xml::attr_str(&orig[..open_end], "fillId").and_then(|v| v.parse::<usize>().ok());
        if fill.is_none_or(|f| self.mark_fills.get(f) != Some(&true)) {
            return xf;
        }
        if let Some(&s) = self.unmarked.get(&xf) {
            return s;
        }
        let tag = xml::set_attr(&orig[..open_end], "fillId", "0");
        let tag = xml::remove_attr(&tag, "applyFill");
        let xf_new = [&tag[..], &orig[open_end..]].concat();
        let s = self.push_xf(xf_new);
        self.unmarked.insert(xf, s);
        s
    }

    /// A format of the new sheets: wrapped text at the top of the cell; the header bold on
    /// grey, a link blue and underlined, a marked cell on its mark's colour.
    pub fn front(&mut self, kind: Front) -> u32 {
        if let Some(&s) = self.front.get(&kind) {
            return s;
        }
        let p = self.p();
        let (size, name) = (
            xml::attr_escaped(&self.base_font.0),
            xml::attr_escaped(&self.base_font.1),
        );
        let mut font = |extra: &str| {
            self.new_fonts.push(format!(
                "<{p}font>{extra}<{p}sz val=\"{size}\"/><{p}name val=\"{name}\"/></{p}font>"
            ));
            self.fonts + self.new_fonts.len() - 1
        };
        let (font, fill) = match kind {
            Front::Header => {
                let f = font(&format!("<{p}b/>"));
                self.new_fills.push(format!(
                    "<{p}fill><{p}patternFill patternType=\"solid\"><{p}fgColor rgb=\"FFD9D9D9\"/><{p}bgColor indexed=\"64\"/></{p}patternFill></{p}fill>"
                ));
                (f, self.fills + self.new_fills.len() - 1)
            }
            Front::Body => (0, 0),
            Front::Link => (font(&format!("<{p}u/><{p}color rgb=\"FF0563C1\"/>")), 0),
            Front::Marked(m) => (0, self.fill(m)),
        };
        let xf = format!(
            "<{p}xf numFmtId=\"0\" fontId=\"{font}\" fillId=\"{fill}\" borderId=\"0\" xfId=\"0\" applyFont=\"1\" applyFill=\"1\" applyAlignment=\"1\"><{p}alignment vertical=\"top\" wrapText=\"1\"/></{p}xf>"
        );
        let s = self.push_xf(xf.into_bytes());
        self.front.insert(kind, s);
        s
    }

    /// Whether anything was added.
    pub fn changed(&self) -> bool {
        !self.new_xfs.is_empty()
    }

    /// The styles part with the new fonts, fills and formats appended and counts set.
    pub fn finish(self) -> Vec<u8> {
        let mut doc = self.doc;
        for (section, added, count) in [
            (&b"fonts"[..], &self.new_fonts, self.fonts),
            (b"fills", &self.new_fills, self.fills),
        ] {
            append(
                &mut doc,
                section,
                added.iter().map(|s| s.as_bytes()),
                count + added.len(),
            );
        }
        let n = self.xfs.len() + self.new_xfs.len();
        append(&mut doc, b"cellXfs", self.new_xfs.iter().map(Vec::as_slice), n);
        doc
    }
}

/// `xml` (no prefixes) with every element name given `prefix`.
/// Whether a `<fill>` is one a mark gives (solid, in one of the marks' colours).
fn is_mark_fill(fill: &[u8]) -> bool {
    let solid = xml::tags(fill, b"patternFill")
        .next()
        .is_some_and(|(s, e)| xml::attr(&fill[s..e], "patternType") == Some(b"solid"));
    let rgb = xml::tags(fill, b"fgColor")
        .next()
        .and_then(|(s, e)| xml::attr_str(&fill[s..e], "rgb"))
        .map(|v| v.to_ascii_uppercase());
    solid
        && rgb.is_some_and(|v| {
            [Mark::Error, Mark::Warning, Mark::Info, Mark::Changed]
                .iter()
                .any(|m| v == format!("FF{}", m.fill_rgb()))
        })
}

fn prefixed(xml: &str, prefix: &str) -> String {
    xml.replace("</", "\u{0}")
        .replace('<', &format!("<{prefix}"))
        .replace('\u{0}', &format!("</{prefix}"))
}

/// The child elements `child` of the first `section` element, each as written.
fn children(doc: &[u8], section: &[u8], child: &[u8]) -> Option<Vec<Vec<u8>>> {
    let (s, e) = xml::tags(doc, section).next()?;
    if xml::self_closing(&doc[s..e]) {
        return Some(Vec::new());
    }
    let close = xml::close_of(doc, e, section)?;
    let inner = &doc[e..close];
    let mut out = Vec::new();
    for (cs, ce) in xml::tags(inner, child) {
        // Fonts, fills and formats do not nest themselves: the element ends at its close tag.
        let end = if xml::self_closing(&inner[cs..ce]) {
            ce
        } else {
            let c = xml::close_of(inner, ce, child)?;
            c + memchr::memchr(b'>', &inner[c..])? + 1
        };
        out.push(inner[cs..end].to_vec());
    }
    Some(out)
}

/// Append `added` at the end of `section` and set its `count`.
fn append<'a>(doc: &mut Vec<u8>, section: &[u8], added: impl Iterator<Item = &'a [u8]>, count: usize) {
    let Some((s, e)) = xml::tags(doc, section).next() else {
        return;
    };
    let added: Vec<u8> = added.flat_map(|a| a.iter().copied()).collect();
    let tag = doc[s..e].to_vec();
    if xml::self_closing(&tag) {
        let name = xml::name_at(&tag, 0).to_vec();
        let opened = [tag[..tag.len() - 2].trim_ascii_end(), b">"].concat();
        let mut new = xml::set_attr(&opened, "count", &count.to_string());
        new.extend_from_slice(&added);
        new.extend_from_slice(b"</");
        new.extend_from_slice(&name);
        new.push(b'>');
        doc.splice(s..e, new);
        return;
    }
    let Some(close) = xml::close_of(doc, e, section) else {
        return;
    };
    doc.splice(close..close, added);
    let open = xml::set_attr(&tag, "count", &count.to_string());
    doc.splice(s..e, open);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clones_a_cells_format_with_the_marks_fill() {
        let doc = br#"<styleSheet xmlns="m"><numFmts count="1"><numFmt numFmtId="164" formatCode="0.0"/></numFmts><fonts count="1"><font><sz val="12"/><name val="SimSun"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border/></borders><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" applyNumberFormat="1"><alignment wrapText="1"/></xf></cellXfs></styleSheet>"#;
        let mut st = Styles::parse(Some(doc.to_vec())).unwrap();
        assert_eq!(st.marked(1, Mark::Error), 2);
        assert_eq!(st.marked(1, Mark::Error), 2);
        assert_eq!(st.marked(0, Mark::Warning), 3);
        assert_eq!(st.marked(99, Mark::Warning), 3);
        assert_eq!(st.front(Front::Header), 4);
        let out = String::from_utf8(st.finish()).unwrap();
        assert!(out.contains(r#"<xf numFmtId="164" fontId="0" fillId="2" borderId="0" applyNumberFormat="1" applyFill="1"><alignment wrapText="1"/></xf>"#), "{out}");
        assert!(out.contains(r#"<fills count="5">"#), "{out}");
        assert!(out.contains(r#"<cellXfs count="5">"#), "{out}");
        assert!(out.contains(r#"<fonts count="2"><font><sz val="12"/><name val="SimSun"/></font><font><b/><sz val="12"/><name val="SimSun"/></font></fonts>"#), "{out}");
        assert!(
            out.contains(r#"<borders count="1"><border/></borders><cellStyleXfs count="1">"#),
            "{out}"
        );
    }

    #[test]
    fn an_earlier_marks_fill_is_taken_off_and_the_offices_own_kept() {
        // Fill 2 is a mark's (red), fill 3 the office's own yellow, fill 4 Excel's "Good" green.
        let doc = br#"<styleSheet xmlns="m"><fonts count="1"><font/></fonts><fills count="5"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFFFC7CE"/><bgColor indexed="64"/></patternFill></fill><fill><patternFill patternType="solid"><fgColor rgb="FFFFFF00"/></patternFill></fill><fill><patternFill patternType="solid"><fgColor rgb="ffc6efce"/></patternFill></fill></fills><borders count="1"><border/></borders><cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/><xf numFmtId="14" fontId="0" fillId="2" borderId="0" applyFill="1"/><xf numFmtId="0" fontId="0" fillId="3" borderId="0" applyFill="1"/><xf numFmtId="0" fontId="0" fillId="4" borderId="0"/></cellXfs></styleSheet>"#;
        let mut st = Styles::parse(Some(doc.to_vec())).unwrap();
        assert_eq!(st.unmarked(0), 0);
        assert_eq!(st.unmarked(2), 2);
        assert_eq!(st.unmarked(1), 4);
        assert_eq!(st.unmarked(1), 4);
        assert_eq!(st.unmarked(3), 5);
        assert_eq!(st.unmarked(77), 77);
        let out = String::from_utf8(st.finish()).unwrap();
        assert!(
            out.contains(r#"<xf numFmtId="14" fontId="0" fillId="0" borderId="0"/>"#),
            "{out}"
        );
    }

    #[test]
    fn a_workbook_without_styles_gets_them() {
        let mut st = Styles::parse(None).unwrap();
        assert_eq!(st.marked(0, Mark::Info), 1);
        let out = String::from_utf8(st.finish()).unwrap();
        assert!(out.contains("FFDDEBF7"));
        assert!(out.contains(r#"<cellXfs count="2">"#));
    }
}
