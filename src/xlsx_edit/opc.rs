//! Package relationships (`_rels/*.rels`) and `[Content_Types].xml`: read, and added to by
//! inserting new elements before the root's closing tag (the rest kept byte for byte).

use super::xml;

pub const REL_WORKSHEET: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet";
pub const REL_CHARTSHEET: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chartsheet";
pub const REL_STYLES: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles";
pub const REL_COMMENTS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments";
pub const REL_VML: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/vmlDrawing";
pub const REL_VBA: &str = "http://schemas.microsoft.com/office/2006/relationships/vbaProject";
pub const CT_VBA: &str = "application/vnd.ms-office.vbaProject";
pub const NS_R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

pub const CT_WORKSHEET: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";
pub const CT_COMMENTS: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml";
pub const CT_VML: &str = "application/vnd.openxmlformats-officedocument.vmlDrawing";
pub const CT_STYLES: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml";
pub const CT_MAIN: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";

/// One relationship, its target resolved to a part name (no leading slash).
#[derive(Clone, Debug)]
pub struct Rel {
    pub id: String,
    pub kind: String,
    pub target: String,
    pub external: bool,
}

/// The relationships part of `part` (`xl/workbook.xml` → `xl/_rels/workbook.xml.rels`).
pub fn rels_of(part: &str) -> String {
    match part.rsplit_once('/') {
        Some((dir, file)) => format!("{dir}/_rels/{file}.rels"),
        None => format!("_rels/{part}.rels"),
    }
}

/// The relationships in a rels part of `source` (the part they belong to).
pub fn parse(rels: &[u8], source: &str) -> Vec<Rel> {
    xml::tags(rels, b"Relationship")
        .filter_map(|(s, e)| {
            let tag = &rels[s..e];
            let target = xml::attr_str(tag, "Target")?;
            let external = xml::attr(tag, "TargetMode").is_some_and(|m| m == b"External");
            Some(Rel {
                id: xml::attr_str(tag, "Id")?,
                kind: xml::attr_str(tag, "Type")?,
                target: if external { target } else { resolve(source, &target) },
                external,
            })
        })
        .collect()
}

/// A target relative to `source`'s folder (or absolute) as a part name.
pub fn resolve(source: &str, target: &str) -> String {
    let mut parts: Vec<&str> = match target.strip_prefix('/') {
        Some(_) => Vec::new(),
        None => source.split('/').collect(),
    };
    if target.starts_with('/') {
        // nothing: absolute
    } else {
        parts.pop();
    }
    for seg in target.trim_start_matches('/').split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// An id not among `rels` (`rId7` after `rId6`, whatever else they are called).
pub fn fresh_id(rels: &[Rel], taken: &[String]) -> String {
    let used = |id: &str| rels.iter().any(|r| r.id == id) || taken.iter().any(|t| t == id);
    let mut n = rels.len() + taken.len() + 1;
    while used(&format!("rId{n}")) {
        n += 1;
    }
    format!("rId{n}")
}

/// `rels` (or a new rels part) with relationships (id, type, absolute target part) added.
pub fn add_rels(rels: Option<&[u8]>, new: &[(String, &str, String)]) -> Vec<u8> {
    let mut add = String::new();
    for (id, kind, target) in new {
        add.push_str(&format!(
            "<Relationship Id=\"{}\" Type=\"{kind}\" Target=\"/{}\"/>",
            xml::attr_escaped(id),
            xml::attr_escaped(target)
        ));
    }
    match rels {
        Some(r) => insert_before_root_close(r, add.as_bytes()),
        None => format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">{add}</Relationships>"
        )
        .into_bytes(),
    }
}

/// `xml` with `add` put just before the root element's closing tag (or, for a root that
/// closes itself, the root opened and closed around it).
pub fn insert_before_root_close(doc: &[u8], add: &[u8]) -> Vec<u8> {
    let trimmed = doc.trim_ascii_end();
    let mut out = Vec::with_capacity(doc.len() + add.len() + 16);
    if trimmed.ends_with(b"/>")
        && let Some(open) = memchr::memrchr(b'<', trimmed)
        && !trimmed[open..].starts_with(b"</")
        && xml::tag_end(trimmed, open) == Some(trimmed.len())
    {
        let name = xml::name_at(trimmed, open).to_vec();
        out.extend_from_slice(trimmed[..trimmed.len() - 2].trim_ascii_end());
        out.push(b'>');
        out.extend_from_slice(add);
        out.extend_from_slice(b"</");
        out.extend_from_slice(&name);
        out.push(b'>');
        out.extend_from_slice(&doc[trimmed.len()..]);
        return out;
    }
    let at = memchr::memmem::rfind(trimmed, b"</").unwrap_or(trimmed.len());
    out.extend_from_slice(&doc[..at]);
    out.extend_from_slice(add);
    out.extend_from_slice(&doc[at..]);
    out
}

/// The content types: what to add to (or drop from) `[Content_Types].xml`.
#[derive(Default)]
pub struct ContentTypes {
    defaults: Vec<(String, String)>,
    overrides: Vec<(String, String)>,
    drop: Vec<String>,
    drop_defaults: Vec<(String, String)>,
    replace: Vec<(String, String)>,
}

impl ContentTypes {
    pub fn default_ext(&mut self, ext: &str, ct: &str) {
        self.defaults.push((ext.into(), ct.into()));
    }
    pub fn add(&mut self, part: &str, ct: &str) {
        self.overrides.push((part.into(), ct.into()));
    }
    /// Leave out the Override of `part`.
    pub fn remove(&mut self, part: &str) {
        self.drop.push(part.into());
    }
    /// Leave out the Default for `ext` if it gives content type `ct`.
    pub fn remove_default(&mut self, ext: &str, ct: &str) {
        self.drop_defaults.push((ext.into(), ct.into()));
    }
    /// Give the Override of `part` another content type.
    pub fn retype(&mut self, part: &str, ct: &str) {
        self.replace.push((part.into(), ct.into()));
    }
    pub fn is_empty(&self) -> bool {
        self.defaults.is_empty()
            && self.overrides.is_empty()
            && self.drop.is_empty()
            && self.drop_defaults.is_empty()
            && self.replace.is_empty()
    }

    /// The edited `[Content_Types].xml`.
    pub fn apply(&self, doc: &[u8]) -> Vec<u8> {
        let mut out = Vec::with_capacity(doc.len() + 512);
        let mut at = 0;
        let mut has_default = vec![false; self.defaults.len()];
        for (s, e) in xml::tags(doc, b"Default") {
            let ext = xml::attr_str(&doc[s..e], "Extension")
                .unwrap_or_default()
                .to_lowercase();
            for (i, (d, _)) in self.defaults.iter().enumerate() {
                has_default[i] |= *d == ext;
            }
        }
        let mut edits: Vec<(usize, usize, Option<Vec<u8>>)> = Vec::new();
        for (s, e) in xml::tags(doc, b"Default") {
            let ext = xml::attr_str(&doc[s..e], "Extension")
                .unwrap_or_default()
                .to_lowercase();
            let ct = xml::attr_str(&doc[s..e], "ContentType").unwrap_or_default();
            if self.drop_defaults.iter().any(|(x, c)| *x == ext && *c == ct) {
                edits.push((s, e, None));
            }
        }
        for (s, e) in xml::tags(doc, b"Override") {
            let part = xml::attr_str(&doc[s..e], "PartName").unwrap_or_default().to_lowercase();
            let part = part.trim_start_matches('/');
            if self.drop.iter().any(|d| d.to_lowercase() == part) {
                edits.push((s, e, None));
            } else if let Some((_, ct)) = self.replace.iter().find(|(p, _)| p.to_lowercase() == part) {
                edits.push((s, e, Some(xml::set_attr(&doc[s..e], "ContentType", ct))));
            }
        }
        edits.sort_by_key(|e| e.0);
        for (s, e, new) in edits {
            out.extend_from_slice(&doc[at..s]);
            out.extend_from_slice(new.as_deref().unwrap_or_default());
            at = e;
        }
        out.extend_from_slice(&doc[at..]);
        let mut add = String::new();
        for (i, (ext, ct)) in self.defaults.iter().enumerate() {
            if !has_default[i] {
                add.push_str(&format!("<Default Extension=\"{ext}\" ContentType=\"{ct}\"/>"));
            }
        }
        for (part, ct) in &self.overrides {
            add.push_str(&format!(
                "<Override PartName=\"/{}\" ContentType=\"{ct}\"/>",
                xml::attr_escaped(part)
            ));
        }
        insert_before_root_close(&out, add.as_bytes())
    }
}

/// `rels` without the relationship `id`.
pub fn remove_rel(rels: &[u8], id: &str) -> Vec<u8> {
    for (s, e) in xml::tags(rels, b"Relationship") {
        if xml::attr_str(&rels[s..e], "Id").as_deref() == Some(id) {
            return [&rels[..s], &rels[e..]].concat();
        }
    }
    rels.to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_targets_and_adds_relationships() {
        assert_eq!(
            resolve("xl/workbook.xml", "worksheets/sheet1.xml"),
            "xl/worksheets/sheet1.xml"
        );
        assert_eq!(
            resolve("xl/worksheets/sheet1.xml", "../comments1.xml"),
            "xl/comments1.xml"
        );
        assert_eq!(
            resolve("xl/worksheets/sheet1.xml", "/xl/comments/c.xml"),
            "xl/comments/c.xml"
        );
        assert_eq!(
            rels_of("xl/worksheets/sheet2.xml"),
            "xl/worksheets/_rels/sheet2.xml.rels"
        );
        let rels = br#"<Relationships xmlns="x"><Relationship Id="rId1" Type="t" Target="a.xml"/></Relationships>"#;
        let parsed = parse(rels, "xl/workbook.xml");
        assert_eq!(parsed[0].target, "xl/a.xml");
        assert_eq!(fresh_id(&parsed, &[]), "rId2");
        let out = add_rels(Some(rels), &[("rId2".into(), REL_STYLES, "xl/styles.xml".into())]);
        assert!(
            String::from_utf8(out)
                .unwrap()
                .ends_with("Target=\"/xl/styles.xml\"/></Relationships>")
        );
        assert_eq!(
            insert_before_root_close(b"<a x=\"1\"/>\n", b"<b/>"),
            b"<a x=\"1\"><b/></a>\n"
        );
    }

    #[test]
    fn edits_content_types() {
        let doc = br#"<Types><Default Extension="VML" ContentType="v"/><Override PartName="/xl/calcChain.xml" ContentType="c"/><Override PartName="/xl/workbook.xml" ContentType="m"/></Types>"#;
        let mut ct = ContentTypes::default();
        ct.default_ext("vml", CT_VML);
        ct.default_ext("png", "image/png");
        ct.add("xl/comments1.xml", CT_COMMENTS);
        ct.remove("xl/calcChain.xml");
        ct.retype("xl/workbook.xml", CT_MAIN);
        let out = String::from_utf8(ct.apply(doc)).unwrap();
        assert_eq!(
            out,
            format!(
                "<Types><Default Extension=\"VML\" ContentType=\"v\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"{CT_MAIN}\"/><Default Extension=\"png\" ContentType=\"image/png\"/><Override PartName=\"/xl/comments1.xml\" ContentType=\"{CT_COMMENTS}\"/></Types>"
            )
        );
    }
}
