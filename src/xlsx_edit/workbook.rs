//! `xl/workbook.xml`: the workbook's sheets (found through its relationships), and the edit
//! that puts the new sheets first — sheet-scoped defined names shifted with them, the first
//! sheet shown on opening, print titles and filter ranges of the new sheets named.

use super::opc::{self, Rel};
use super::xml;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Worksheet,
    Chartsheet,
    /// A dialog or macro sheet, or a sheet whose relationship is missing.
    Other,
}

#[derive(Clone, Debug)]
pub struct SheetEntry {
    pub name: String,
    pub sheet_id: u32,
    pub kind: Kind,
    /// Its part (`xl/worksheets/sheet1.xml`).
    pub part: String,
    /// Its relationship id in workbook.xml.rels.
    pub rid: Option<String>,
}

pub struct Book {
    pub part: String,
    pub doc: Vec<u8>,
    pub sheets: Vec<SheetEntry>,
    pub rels: Vec<Rel>,
    /// The element prefix with its colon, and the prefix bound to the relationships namespace.
    prefix: String,
    r_prefix: Option<String>,
}

/// A new sheet to insert: its name, relationship id and the defined names it needs.
pub struct Inserted {
    pub name: String,
    pub rid: String,
    pub print_titles: bool,
    /// The range its autofilter covers (`'检查结果'!$A$1:$G$40`).
    pub filter: Option<String>,
}

impl Book {
    pub fn parse(part: &str, doc: Vec<u8>, rels_doc: &[u8]) -> Result<Book, &'static str> {
        let rels = opc::parse(rels_doc, part);
        let (rs, re) = xml::all_tags(&doc, 0).next().ok_or("empty part")?;
        let name = xml::name_at(&doc, rs);
        if xml::local(name) != b"workbook" {
            return Err("not a workbook");
        }
        let prefix = String::from_utf8_lossy(&name[..name.len() - b"workbook".len()]).into_owned();
        let r_prefix = xml::attrs(&doc[rs..re])
            .find(|(n, v, _)| n.starts_with(b"xmlns:") && *v == opc::NS_R.as_bytes())
            .map(|(n, _, _)| String::from_utf8_lossy(&n[6..]).into_owned());
        let mut sheets = Vec::new();
        for (s, e) in xml::tags(&doc, b"sheet") {
            let tag = &doc[s..e];
            let name = xml::attr_str(tag, "name").ok_or("a <sheet> without a name")?;
            let rid = xml::attrs(tag)
                .find(|(n, _, _)| n.ends_with(b":id"))
                .map(|(_, v, _)| xml::unescape(&String::from_utf8_lossy(v)).into_owned());
            let rel = rid.as_ref().and_then(|id| rels.iter().find(|r| &r.id == id));
            let kind = match rel.map(|r| r.kind.as_str()) {
                Some(opc::REL_WORKSHEET) => Kind::Worksheet,
                Some(opc::REL_CHARTSHEET) => Kind::Chartsheet,
                _ => Kind::Other,
            };
            sheets.push(SheetEntry {
                name,
                sheet_id: xml::attr_str(tag, "sheetId").and_then(|v| v.parse().ok()).unwrap_or(0),
                kind,
                part: rel.map(|r| r.target.clone()).unwrap_or_default(),
                rid,
            });
        }
        Ok(Book {
            part: part.to_string(),
            doc,
            sheets,
            rels,
            prefix,
            r_prefix,
        })
    }

    /// The part of the first relationship of type `kind`.
    pub fn rel_target(&self, kind: &str) -> Option<&str> {
        self.rels
            .iter()
            .find(|r| r.kind == kind && !r.external)
            .map(|r| r.target.as_str())
    }

    /// The workbook without the sheets at `drop` (indices into `sheets`): their `<sheet>`
    /// elements gone, the names scoped to them gone, later sheets' scoped names renumbered.
    /// Their parts and relationships are the caller's to remove.
    pub fn without(&self, drop: &[usize]) -> Result<Book, &'static str> {
        let doc = &self.doc;
        let mut edits: Vec<(usize, usize, Vec<u8>)> = Vec::new();
        for (i, (s, e)) in xml::tags(doc, b"sheet").enumerate() {
            if drop.contains(&i) {
                edits.push((s, e, Vec::new()));
            }
        }
        for (s, e) in xml::tags(doc, b"definedName") {
            let tag = &doc[s..e];
            let Some(n) = xml::attr_str(tag, "localSheetId").and_then(|v| v.parse::<usize>().ok()) else {
                continue;
            };
            if drop.contains(&n) {
                let end = if xml::self_closing(tag) {
                    e
                } else {
                    let c = xml::close_of(doc, e, b"definedName").ok_or("unclosed <definedName>")?;
                    xml::tag_end(doc, c).ok_or("unclosed <definedName>")?
                };
                edits.push((s, end, Vec::new()));
            } else {
                let before = drop.iter().filter(|&&d| d < n).count();
                if before > 0 {
                    edits.push((s, e, xml::set_attr(tag, "localSheetId", &(n - before).to_string())));
                }
            }
        }
        show_first_sheet(doc, &mut edits);
        let out = splice(doc, edits);
        Ok(Book {
            part: self.part.clone(),
            doc: out,
            sheets: (0..self.sheets.len())
                .filter(|i| !drop.contains(i))
                .map(|i| self.sheets[i].clone())
                .collect(),
            rels: self.rels.clone(),
            prefix: self.prefix.clone(),
            r_prefix: self.r_prefix.clone(),
        })
    }

    /// workbook.xml with `new` sheets first (or unchanged when there are none).
    pub fn with_front(&self, new: &[Inserted]) -> Result<Vec<u8>, &'static str> {
        let doc = &self.doc;
        let k = new.len();
        let p = &self.prefix;
        let (ss, se) = xml::tags(doc, b"sheets").next().ok_or("no <sheets>")?;
        let first_id = self.sheets.iter().map(|s| s.sheet_id).max().unwrap_or(0) + 1;
        let mut add = String::new();
        for (next_id, s) in (first_id..).zip(new) {
            let r = match &self.r_prefix {
                Some(r) => format!("{r}:id=\"{}\"", s.rid),
                None => format!("xmlns:r=\"{}\" r:id=\"{}\"", opc::NS_R, s.rid),
            };
            add.push_str(&format!(
                "<{p}sheet name=\"{}\" sheetId=\"{next_id}\" {r}/>",
                xml::attr_escaped(&s.name)
            ));
        }
        // Edits as (start, end, replacement), applied in order.
        let mut edits: Vec<(usize, usize, Vec<u8>)> = Vec::new();
        if xml::self_closing(&doc[ss..se]) {
            return Err("a workbook without sheets");
        }
        edits.push((se, se, add.into_bytes()));
        show_first_sheet(doc, &mut edits);
        for (s, e) in xml::tags(doc, b"definedName") {
            let tag = &doc[s..e];
            if let Some(n) = xml::attr_str(tag, "localSheetId").and_then(|v| v.parse::<usize>().ok()) {
                edits.push((s, e, xml::set_attr(tag, "localSheetId", &(n + k).to_string())));
            }
        }
        let mut names = String::new();
        for (i, s) in new.iter().enumerate() {
            if let Some(range) = &s.filter {
                names.push_str(&format!(
                    "<{p}definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"{i}\" hidden=\"1\">{}</{p}definedName>",
                    esc(range)
                ));
            }
            if s.print_titles {
                let rows = super::front::sheet_ref(&s.name, "$1:$1");
                names.push_str(&format!(
                    "<{p}definedName name=\"_xlnm.Print_Titles\" localSheetId=\"{i}\">{}</{p}definedName>",
                    esc(&rows)
                ));
            }
        }
        if !names.is_empty() {
            match xml::tags(doc, b"definedNames").next() {
                Some((ds, de)) if xml::self_closing(&doc[ds..de]) => {
                    let open = [doc[ds..de - 2].trim_ascii_end(), b">"].concat();
                    let mut el = open;
                    el.extend_from_slice(names.as_bytes());
                    el.extend_from_slice(format!("</{p}definedNames>").as_bytes());
                    edits.push((ds, de, el));
                }
                Some((_, de)) => {
                    let close = xml::close_of(doc, de, b"definedNames").ok_or("unclosed <definedNames>")?;
                    edits.push((close, close, names.into_bytes()));
                }
                None => {
                    let (_, re) = xml::all_tags(doc, 0).next().ok_or("empty part")?;
                    let after: &[&[u8]] = &[
                        b"calcPr",
                        b"oleSize",
                        b"customWorkbookViews",
                        b"pivotCaches",
                        b"smartTagPr",
                        b"smartTagTypes",
                        b"webPublishing",
                        b"fileRecoveryPr",
                        b"webPublishObjects",
                        b"extLst",
                    ];
                    let at = xml::insert_point(doc, re, after).ok_or("no </workbook>")?;
                    edits.push((
                        at,
                        at,
                        format!("<{p}definedNames>{names}</{p}definedNames>").into_bytes(),
                    ));
                }
            }
        }
        Ok(splice(doc, edits))
    }
}

/// The workbook opens on its first sheet (`activeTab`, `firstSheet` set to 0).
fn show_first_sheet(doc: &[u8], edits: &mut Vec<(usize, usize, Vec<u8>)>) {
    for (s, e) in xml::tags(doc, b"workbookView") {
        let mut tag = doc[s..e].to_vec();
        for a in ["activeTab", "firstSheet"] {
            if xml::attr(&tag, a).is_some() {
                tag = xml::set_attr(&tag, a, "0");
            }
        }
        edits.push((s, e, tag));
    }
}

/// `doc` with each (start, end) range replaced by its bytes.
fn splice(doc: &[u8], mut edits: Vec<(usize, usize, Vec<u8>)>) -> Vec<u8> {
    edits.sort_by_key(|e| (e.0, e.1));
    let mut out = Vec::with_capacity(doc.len() + 1024);
    let mut at = 0;
    for (s, e, new) in edits {
        out.extend_from_slice(&doc[at..s]);
        out.extend_from_slice(&new);
        at = e;
    }
    out.extend_from_slice(&doc[at..]);
    out
}

fn esc(s: &str) -> String {
    let mut out = String::new();
    xml::text(s, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn puts_new_sheets_first_and_shifts_sheet_scoped_names() {
        let doc = br#"<workbook xmlns="m" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><bookViews><workbookView activeTab="1" firstSheet="1"/></bookViews><sheets><sheet name="A&amp;B" sheetId="3" r:id="rId1"/><sheet name="C" sheetId="1" r:id="rId2" state="hidden"/></sheets><definedNames><definedName name="x" localSheetId="1">C!$A$1</definedName></definedNames><calcPr/></workbook>"#;
        let rels = br#"<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chartsheet" Target="/xl/chartsheets/sheet1.xml"/></Relationships>"#;
        let book = Book::parse("xl/workbook.xml", doc.to_vec(), rels).unwrap();
        assert_eq!(book.sheets[0].name, "A&B");
        assert_eq!(book.sheets[0].kind, Kind::Worksheet);
        assert_eq!(book.sheets[0].part, "xl/worksheets/sheet1.xml");
        assert_eq!(book.sheets[1].kind, Kind::Chartsheet);
        let new = [Inserted {
            name: "检查结果".into(),
            rid: "rId9".into(),
            print_titles: true,
            filter: Some("'检查结果'!$A$1:$B$3".into()),
        }];
        let out = String::from_utf8(book.with_front(&new).unwrap()).unwrap();
        assert_eq!(
            out,
            r#"<workbook xmlns="m" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><bookViews><workbookView activeTab="0" firstSheet="0"/></bookViews><sheets><sheet name="检查结果" sheetId="4" r:id="rId9"/><sheet name="A&amp;B" sheetId="3" r:id="rId1"/><sheet name="C" sheetId="1" r:id="rId2" state="hidden"/></sheets><definedNames><definedName name="x" localSheetId="2">C!$A$1</definedName><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">'检查结果'!$A$1:$B$3</definedName><definedName name="_xlnm.Print_Titles" localSheetId="0">'检查结果'!$1:$1</definedName></definedNames><calcPr/></workbook>"#
        );
    }

    #[test]
    fn adds_defined_names_where_the_schema_wants_them() {
        let doc = br#"<workbook><sheets><sheet name="A" sheetId="1" r:id="rId1"/></sheets><calcPr/></workbook>"#;
        let book = Book::parse("xl/workbook.xml", doc.to_vec(), b"").unwrap();
        let new = [Inserted {
            name: "S".into(),
            rid: "rId2".into(),
            print_titles: true,
            filter: None,
        }];
        let out = String::from_utf8(book.with_front(&new).unwrap()).unwrap();
        assert!(out.contains(r#"<sheets><sheet name="S" sheetId="2" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rId2"/><sheet"#), "{out}");
        assert!(out.contains(r#"</sheets><definedNames><definedName name="_xlnm.Print_Titles" localSheetId="0">'S'!$1:$1</definedName></definedNames><calcPr/>"#), "{out}");
    }

    #[test]
    fn drops_sheets_with_their_scoped_names_and_renumbers_the_rest() {
        let doc = r#"<workbook xmlns="m" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><bookViews><workbookView activeTab="2"/></bookViews><sheets><sheet name="检查结果" sheetId="4" r:id="rId9"/><sheet name="规则说明" sheetId="5" r:id="rId8"/><sheet name="A" sheetId="1" r:id="rId1"/></sheets><definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">'检查结果'!$A$1:$B$3</definedName><definedName name="_xlnm.Print_Titles" localSheetId="1">'规则说明'!$1:$1</definedName><definedName name="x" localSheetId="2">A!$A$1</definedName><definedName name="g">A!$B$1</definedName></definedNames><calcPr/></workbook>"#.as_bytes();
        let book = Book::parse("xl/workbook.xml", doc.to_vec(), b"").unwrap();
        assert_eq!(book.sheets[1].rid.as_deref(), Some("rId8"));
        let kept = book.without(&[0, 1]).unwrap();
        assert_eq!(kept.sheets.len(), 1);
        assert_eq!(kept.sheets[0].name, "A");
        assert_eq!(
            String::from_utf8(kept.doc).unwrap(),
            r#"<workbook xmlns="m" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><bookViews><workbookView activeTab="0"/></bookViews><sheets><sheet name="A" sheetId="1" r:id="rId1"/></sheets><definedNames><definedName name="x" localSheetId="0">A!$A$1</definedName><definedName name="g">A!$B$1</definedName></definedNames><calcPr/></workbook>"#
        );
    }
}
