//! One marked worksheet, rewritten in a single pass over its XML: rows and cells without a
//! mark are copied as bytes; a marked cell gets its new format index (and, for a fix, its new
//! text); a marked cell that does not exist is created in its row, the row created when absent.
//! Element prefixes (`<x:row>`, as the .NET SDK writes) are kept.

use super::styles::Styles;
use super::{Mark, xml};
use crate::load::sheet::xlsx::cells::cell_ref;
use crate::model::loc::a1;
use memchr::memmem;

/// What to do to one cell (several marks on it already merged).
#[derive(Clone, Debug, PartialEq)]
pub struct CellEdit {
    pub row: u32,
    pub col: u32,
    /// `None`: the cell was marked by an earlier run and is not now; its mark's fill comes off.
    pub mark: Option<Mark>,
    pub new_value: Option<String>,
}

/// What the editor must know of a sheet before rewriting it.
#[derive(Debug, Default)]
pub struct Survey {
    /// The element prefix with its colon (`x:`), usually empty.
    pub prefix: Vec<u8>,
    /// Merged ranges, 0-based (first row, first col, last row, last col).
    pub merges: Vec<(u32, u32, u32, u32)>,
    /// The relationship id of `<legacyDrawing>` (the VML holding the sheet's comment boxes).
    pub legacy_rid: Option<String>,
    /// The prefix the root binds to the relationships namespace (`r`), if any.
    pub r_prefix: Option<String>,
}

/// Elements of CT_Worksheet that come after `<legacyDrawing>`.
const AFTER_LEGACY: &[&[u8]] = &[
    b"legacyDrawingHF",
    b"drawingHF",
    b"picture",
    b"oleObjects",
    b"controls",
    b"webPublishItems",
    b"tableParts",
    b"extLst",
];

/// Positions of `<sheetData>`: its start tag, and the start of `</sheetData>` (the end of
/// the start tag when it closes itself).
struct Data {
    open: (usize, usize),
    close: usize,
    empty: bool,
}

fn sheet_data(xml: &[u8], prefix: &[u8]) -> Result<Data, &'static str> {
    let pat = [b"<", prefix, b"sheetData"].concat();
    let s = memmem::find_iter(xml, &pat)
        .find(|&i| boundary(xml.get(i + pat.len())))
        .ok_or("no <sheetData>")?;
    let e = xml::tag_end(xml, s).ok_or("unclosed <sheetData>")?;
    if xml::self_closing(&xml[s..e]) {
        return Ok(Data {
            open: (s, e),
            close: e,
            empty: true,
        });
    }
    let close_pat = [b"</", prefix, b"sheetData>"].concat();
    let close = memmem::rfind(&xml[e..], &close_pat).ok_or("no </sheetData>")? + e;
    Ok(Data {
        open: (s, e),
        close,
        empty: false,
    })
}

fn boundary(b: Option<&u8>) -> bool {
    matches!(b, Some(b' ' | b'\t' | b'\r' | b'\n' | b'>' | b'/'))
}

pub fn survey(xml: &[u8]) -> Result<Survey, &'static str> {
    let (rs, re) = xml::all_tags(xml, 0).next().ok_or("empty part")?;
    let root = &xml[rs..re];
    let name = xml::name_at(xml, rs);
    if xml::local(name) != b"worksheet" {
        return Err("not a worksheet");
    }
    let prefix = name[..name.len() - b"worksheet".len()].to_vec();
    let r_prefix = xml::attrs(root)
        .find(|(n, v, _)| n.starts_with(b"xmlns:") && *v == super::opc::NS_R.as_bytes())
        .map(|(n, _, _)| String::from_utf8_lossy(&n[6..]).into_owned());
    let data = sheet_data(xml, &prefix)?;
    let tail = &xml[data.close..];
    let merges = xml::tags(tail, b"mergeCell")
        .filter_map(|(s, e)| {
            let r = xml::attr_str(&tail[s..e], "ref")?;
            let (a, b) = r.split_once(':').unwrap_or((&r, &r));
            let (a, b) = (cell_ref(&a.replace('$', ""))?, cell_ref(&b.replace('$', ""))?);
            Some((a.0.min(b.0), a.1.min(b.1), a.0.max(b.0), a.1.max(b.1)))
        })
        .collect();
    let legacy_rid = xml::tags(tail, b"legacyDrawing").next().and_then(|(s, e)| {
        xml::attrs(&tail[s..e])
            .find(|(n, _, _)| n.ends_with(b":id"))
            .map(|(_, v, _)| xml::unescape(&String::from_utf8_lossy(v)).into_owned())
    });
    Ok(Survey {
        prefix,
        merges,
        legacy_rid,
        r_prefix,
    })
}

/// The rewritten sheet, and the cells whose fix was not written because they hold a formula.
pub struct Rewritten {
    pub xml: Vec<u8>,
    pub formulas_kept: Vec<(u32, u32)>,
}

/// Rewrite a sheet: `edits` sorted by (row, col), one per cell; `legacy_rid` adds a
/// `<legacyDrawing>` with that id; `untab` clears `tabSelected` (a new sheet is shown first).
pub fn rewrite(
    xml: &[u8],
    survey: &Survey,
    edits: &[CellEdit],
    styles: &mut Styles,
    legacy_rid: Option<&str>,
    untab: bool,
) -> Result<Rewritten, &'static str> {
    let p = &survey.prefix;
    let data = sheet_data(xml, p)?;
    let mut w = Writer {
        xml,
        out: Vec::with_capacity(xml.len() + edits.len() * 48 + 256),
        p,
        styles,
        cols: col_styles(&xml[..data.open.0]),
        formulas_kept: Vec::new(),
    };
    w.head(&xml[..data.open.0], edits, untab);
    if data.empty {
        w.out.extend_from_slice(&[b"<", &p[..], b"sheetData>"].concat());
        w.new_rows(edits);
        w.out.extend_from_slice(&[b"</", &p[..], b"sheetData>"].concat());
    } else {
        w.out.extend_from_slice(&xml[data.open.0..data.open.1]);
        w.rows(data.open.1, data.close, edits)?;
    }
    let tail_from = if data.empty { data.open.1 } else { data.close };
    match legacy_rid {
        Some(id) => {
            // The tail starts at `</sheetData>` (depth 0 after it) or just after `<sheetData/>`.
            let after = if data.empty {
                tail_from
            } else {
                xml::tag_end(xml, tail_from).ok_or("unclosed </sheetData>")?
            };
            let at = xml::insert_point(xml, after, AFTER_LEGACY).ok_or("no </worksheet>")?;
            w.out.extend_from_slice(&xml[tail_from..at]);
            let p = String::from_utf8_lossy(p);
            let attr = match &survey.r_prefix {
                Some(r) => format!("{r}:id=\"{id}\""),
                None => format!("xmlns:r=\"{}\" r:id=\"{id}\"", super::opc::NS_R),
            };
            w.out
                .extend_from_slice(format!("<{p}legacyDrawing {attr}/>").as_bytes());
            w.out.extend_from_slice(&xml[at..]);
        }
        None => w.out.extend_from_slice(&xml[tail_from..]),
    }
    Ok(Rewritten {
        xml: w.out,
        formulas_kept: w.formulas_kept,
    })
}

/// Column styles from `<cols>` (min, max 1-based, style): a cell created in such a column
/// starts from the column's format, as Excel would give it.
fn col_styles(head: &[u8]) -> Vec<(u32, u32, u32)> {
    xml::tags(head, b"col")
        .filter_map(|(s, e)| {
            let t = &head[s..e];
            let num = |n| xml::attr_str(t, n).and_then(|v| v.parse::<u32>().ok());
            Some((num("min")?, num("max")?, num("style")?))
        })
        .collect()
}

struct Writer<'a, 'b> {
    xml: &'a [u8],
    out: Vec<u8>,
    p: &'a [u8],
    styles: &'b mut Styles,
    cols: Vec<(u32, u32, u32)>,
    formulas_kept: Vec<(u32, u32)>,
}

impl Writer<'_, '_> {
    /// Everything before `<sheetData>`: sheet views unselected, the dimension widened to the
    /// cells we create.
    fn head(&mut self, head: &[u8], edits: &[CellEdit], untab: bool) {
        let mut at = 0;
        let mut put = |out: &mut Vec<u8>, s: usize, e: usize, new: Vec<u8>| {
            out.extend_from_slice(&head[at..s]);
            out.extend_from_slice(&new);
            at = e;
        };
        let mut changes: Vec<(usize, usize, Vec<u8>)> = Vec::new();
        if let Some((s, e)) = xml::tags(head, b"dimension").next()
            && let Some(r) = xml::attr_str(&head[s..e], "ref")
        {
            let (a, b) = r.split_once(':').unwrap_or((&r, &r));
            if let (Some(a), Some(b)) = (cell_ref(a), cell_ref(b)) {
                let max_r = edits.iter().map(|c| c.row).max().unwrap_or(0).max(b.0);
                let max_c = edits.iter().map(|c| c.col).max().unwrap_or(0).max(b.1);
                let min_r = edits.iter().map(|c| c.row).min().unwrap_or(u32::MAX).min(a.0);
                let min_c = edits.iter().map(|c| c.col).min().unwrap_or(u32::MAX).min(a.1);
                if (min_r, min_c, max_r, max_c) != (a.0, a.1, b.0, b.1) {
                    let v = format!("{}:{}", a1(min_r, min_c), a1(max_r, max_c));
                    changes.push((s, e, xml::set_attr(&head[s..e], "ref", &v)));
                }
            }
        }
        if untab {
            for (s, e) in xml::tags(head, b"sheetView") {
                if xml::attr(&head[s..e], "tabSelected").is_some() {
                    changes.push((s, e, xml::remove_attr(&head[s..e], "tabSelected")));
                }
            }
        }
        changes.sort_by_key(|c| c.0);
        for (s, e, new) in changes {
            put(&mut self.out, s, e, new);
        }
        self.out.extend_from_slice(&head[at..]);
    }

    /// The rows between `from` and `close` (the start of `</sheetData>`).
    fn rows(&mut self, from: usize, close: usize, edits: &[CellEdit]) -> Result<(), &'static str> {
        let xml = self.xml;
        let row_pat = [b"<", self.p, b"row"].concat();
        let row_close = [b"</", self.p, b"row>"].concat();
        let finder = memmem::Finder::new(&row_pat);
        let (mut copied, mut at, mut ei) = (from, from, 0usize);
        let mut last_row = 0u32;
        // A row inserted before a row without `r` would change that row's number: once one is
        // inserted, later rows without `r` get it written out.
        let mut shifted = false;
        while ei < edits.len() || shifted {
            let Some(i) = finder.find(&xml[at..close]).map(|i| at + i) else {
                break;
            };
            if !boundary(xml.get(i + row_pat.len())) {
                at = i + 1;
                continue;
            }
            let te = xml::tag_end(xml, i).filter(|&e| e <= close).ok_or("unclosed <row>")?;
            let tag = &xml[i..te];
            let explicit = xml::attr(tag, "r").and_then(|r| std::str::from_utf8(r).ok()?.parse::<u32>().ok());
            let r = explicit.unwrap_or(last_row + 1);
            let end = if xml::self_closing(tag) {
                te
            } else {
                memmem::find(&xml[te..close], &row_close).ok_or("unclosed <row>")? + te + row_close.len()
            };
            while ei < edits.len() && edits[ei].row + 1 < r {
                self.out.extend_from_slice(&xml[copied..i]);
                copied = i;
                ei = self.new_row(edits, ei);
                shifted = true;
            }
            if ei < edits.len() && edits[ei].row + 1 == r {
                self.out.extend_from_slice(&xml[copied..i]);
                let tag = match explicit {
                    Some(_) => xml::remove_attr(tag, "spans"),
                    None => xml::set_attr(&xml::remove_attr(tag, "spans"), "r", &r.to_string()),
                };
                let gend = group_end(edits, ei);
                self.edited_row(&tag, te, end, &edits[ei..gend])?;
                ei = gend;
                copied = end;
            } else if explicit.is_none() && shifted {
                self.out.extend_from_slice(&xml[copied..i]);
                self.out.extend_from_slice(&xml::set_attr(tag, "r", &r.to_string()));
                copied = te;
            }
            last_row = r;
            at = end;
        }
        self.out.extend_from_slice(&xml[copied..close]);
        self.new_rows(&edits[ei..]);
        Ok(())
    }

    /// New rows for all of `edits`.
    fn new_rows(&mut self, edits: &[CellEdit]) {
        let mut ei = 0;
        while ei < edits.len() {
            ei = self.new_row(edits, ei);
        }
    }

    /// A new row for the edits of one row starting at `ei`; returns the index after them.
    fn new_row(&mut self, edits: &[CellEdit], ei: usize) -> usize {
        let gend = group_end(edits, ei);
        if edits[ei..gend].iter().all(|e| e.mark.is_none()) {
            return gend;
        }
        let p = String::from_utf8_lossy(self.p).into_owned();
        self.out
            .extend_from_slice(format!("<{p}row r=\"{}\">", edits[ei].row + 1).as_bytes());
        for e in &edits[ei..gend] {
            self.new_cell(e, None);
        }
        self.out.extend_from_slice(format!("</{p}row>").as_bytes());
        gend
    }

    /// A row with marks: `tag` its (possibly amended) start tag, `te` the end of the original
    /// start tag, `end` the end of the row element.
    fn edited_row(&mut self, tag: &[u8], te: usize, end: usize, edits: &[CellEdit]) -> Result<(), &'static str> {
        let xml = self.xml;
        let row_style = xml::attr(tag, "customFormat")
            .filter(|v| *v == b"1" || *v == b"true")
            .and_then(|_| xml::attr_str(tag, "s")?.parse::<u32>().ok());
        if xml::self_closing(tag) {
            self.out.extend_from_slice(tag[..tag.len() - 2].trim_ascii_end());
            self.out.push(b'>');
            for e in edits {
                self.new_cell(e, row_style);
            }
            self.out.extend_from_slice(&[b"</", self.p, b"row>"].concat());
            return Ok(());
        }
        self.out.extend_from_slice(tag);
        let close = end - (self.p.len() + 6);
        let cell_pat = [b"<", self.p, b"c"].concat();
        let cell_close = [b"</", self.p, b"c>"].concat();
        let (mut copied, mut at, mut ei) = (te, te, 0usize);
        let mut last_end = te;
        let mut last_col: Option<u32> = None;
        let mut shifted = false;
        while let Some(i) = memmem::find(&xml[at..close], &cell_pat).map(|i| at + i) {
            if !boundary(xml.get(i + cell_pat.len())) {
                at = i + 1;
                continue;
            }
            let cte = xml::tag_end(xml, i).filter(|&e| e <= close).ok_or("unclosed <c>")?;
            let ctag = &xml[i..cte];
            let explicit = xml::attr_str(ctag, "r").and_then(|r| cell_ref(&r)).map(|(_, c)| c);
            let col = explicit.unwrap_or(last_col.map_or(0, |c| c + 1));
            let cend = if xml::self_closing(ctag) {
                cte
            } else {
                memmem::find(&xml[cte..close], &cell_close).ok_or("unclosed <c>")? + cte + cell_close.len()
            };
            while ei < edits.len() && edits[ei].col < col {
                self.out.extend_from_slice(&xml[copied..i]);
                copied = i;
                self.new_cell(&edits[ei], row_style);
                ei += 1;
                shifted = true;
            }
            let with_r = |t: &[u8]| match explicit {
                Some(_) => t.to_vec(),
                None => xml::set_attr(t, "r", &a1(edits[0].row, col)),
            };
            if ei < edits.len() && edits[ei].col == col {
                self.out.extend_from_slice(&xml[copied..i]);
                let t = with_r(ctag);
                self.edited_cell(&t, &xml[cte..cend], &edits[ei]);
                ei += 1;
                copied = cend;
            } else if explicit.is_none() && shifted {
                self.out.extend_from_slice(&xml[copied..i]);
                self.out.extend_from_slice(&with_r(ctag));
                copied = cte;
            }
            last_col = Some(col);
            last_end = cend;
            at = cend;
        }
        self.out.extend_from_slice(&xml[copied..last_end.max(copied)]);
        for e in &edits[ei..] {
            self.new_cell(e, row_style);
        }
        self.out.extend_from_slice(&xml[last_end.max(copied)..end]);
        Ok(())
    }

    /// A marked cell that exists: `tag` its start tag, `rest` its content and end tag.
    fn edited_cell(&mut self, tag: &[u8], rest: &[u8], e: &CellEdit) {
        let s = xml::attr_str(tag, "s").and_then(|v| v.parse().ok()).unwrap_or(0);
        let s = match e.mark {
            Some(m) => self.styles.marked(s, m),
            None => self.styles.unmarked(s),
        };
        if let Some(v) = &e.new_value {
            let f = [b"<", self.p, b"f"].concat();
            let formula = memmem::find_iter(rest, &f).any(|i| boundary(rest.get(i + f.len())));
            if !formula {
                self.inline(e.row, e.col, s, v);
                return;
            }
            // A formula computes the cell: our text would replace it silently, so it stays.
            self.formulas_kept.push((e.row, e.col));
        }
        self.out.extend_from_slice(&xml::set_attr(tag, "s", &s.to_string()));
        self.out.extend_from_slice(rest);
    }

    /// A marked cell that does not exist yet.
    fn new_cell(&mut self, e: &CellEdit, row_style: Option<u32>) {
        // A cell an earlier run marked that is gone now: nothing to take off.
        let Some(mark) = e.mark else { return };
        let base = row_style
            .or_else(|| {
                let c = e.col + 1;
                self.cols.iter().find(|(a, b, _)| *a <= c && c <= *b).map(|x| x.2)
            })
            .unwrap_or(0);
        let s = self.styles.marked(base, mark);
        match &e.new_value {
            Some(v) => self.inline(e.row, e.col, s, v),
            None => {
                let p = String::from_utf8_lossy(self.p);
                self.out
                    .extend_from_slice(format!("<{p}c r=\"{}\" s=\"{s}\"/>", a1(e.row, e.col)).as_bytes());
            }
        }
    }

    fn inline(&mut self, row: u32, col: u32, s: u32, v: &str) {
        let p = String::from_utf8_lossy(self.p).into_owned();
        let mut t = String::with_capacity(v.len() + 16);
        xml::text(v, &mut t);
        self.out.extend_from_slice(
            format!(
                "<{p}c r=\"{}\" s=\"{s}\" t=\"inlineStr\"><{p}is><{p}t xml:space=\"preserve\">{t}</{p}t></{p}is></{p}c>",
                a1(row, col)
            )
            .as_bytes(),
        );
    }
}

/// The end of the run of edits on the row of `edits[ei]`.
fn group_end(edits: &[CellEdit], ei: usize) -> usize {
    let row = edits[ei].row;
    ei + edits[ei..].iter().take_while(|e| e.row == row).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(row: u32, col: u32, v: Option<&str>) -> CellEdit {
        CellEdit {
            row,
            col,
            mark: Some(Mark::Error),
            new_value: v.map(str::to_string),
        }
    }

    fn run(xml: &str, edits: &[CellEdit], legacy: Option<&str>) -> (String, Vec<(u32, u32)>) {
        let mut st = Styles::parse(None).unwrap();
        let sv = survey(xml.as_bytes()).unwrap();
        let r = rewrite(xml.as_bytes(), &sv, edits, &mut st, legacy, true).unwrap();
        (String::from_utf8(r.xml).unwrap(), r.formulas_kept)
    }

    #[test]
    fn marks_existing_and_creates_missing_cells_and_rows_in_order() {
        let xml = r#"<worksheet xmlns="m" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><dimension ref="A1:C3"/><sheetViews><sheetView tabSelected="1" workbookViewId="0"/></sheetViews><sheetData><row r="1" spans="1:3"><c r="A1" t="s"><v>0</v></c><c r="C1"><v>2</v></c></row><row r="3"/></sheetData><mergeCells count="1"><mergeCell ref="A5:B6"/></mergeCells><pageMargins left="0.7"/><tableParts count="1"><tablePart r:id="rId1"/></tableParts></worksheet>"#;
        let edits = [
            edit(0, 0, None),
            edit(0, 1, Some("新")),
            edit(0, 3, None),
            edit(1, 0, None),
            edit(2, 2, None),
            edit(6, 4, None),
        ];
        let (out, kept) = run(xml, &edits, Some("rId9"));
        assert!(kept.is_empty());
        assert_eq!(
            out,
            r#"<worksheet xmlns="m" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><dimension ref="A1:E7"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetData><row r="1"><c r="A1" t="s" s="1"><v>0</v></c><c r="B1" s="1" t="inlineStr"><is><t xml:space="preserve">新</t></is></c><c r="C1"><v>2</v></c><c r="D1" s="1"/></row><row r="2"><c r="A2" s="1"/></row><row r="3"><c r="C3" s="1"/></row><row r="7"><c r="E7" s="1"/></row></sheetData><mergeCells count="1"><mergeCell ref="A5:B6"/></mergeCells><pageMargins left="0.7"/><legacyDrawing r:id="rId9"/><tableParts count="1"><tablePart r:id="rId1"/></tableParts></worksheet>"#
        );
        let sv = survey(xml.as_bytes()).unwrap();
        assert_eq!(sv.merges, [(4, 0, 5, 1)]);
        assert_eq!(sv.r_prefix.as_deref(), Some("r"));
    }

    #[test]
    fn keeps_formulas_prefixes_and_numbers_rows_and_cells_without_r() {
        let xml = r#"<x:worksheet xmlns:x="m"><x:sheetData><x:row><x:c><x:v>1</x:v></x:c><x:c><x:f>A1*2</x:f><x:v>2</x:v></x:c></x:row><x:row><x:c/></x:row></x:sheetData></x:worksheet>"#;
        let (out, kept) = run(
            xml,
            &[edit(0, 0, Some("x")), edit(0, 1, Some("y")), edit(1, 1, None)],
            None,
        );
        assert_eq!(kept, [(0, 1)]);
        assert_eq!(
            out,
            r#"<x:worksheet xmlns:x="m"><x:sheetData><x:row r="1"><x:c r="A1" s="1" t="inlineStr"><x:is><x:t xml:space="preserve">x</x:t></x:is></x:c><x:c r="B1" s="1"><x:f>A1*2</x:f><x:v>2</x:v></x:c></x:row><x:row r="2"><x:c/><x:c r="B2" s="1"/></x:row></x:sheetData><x:legacyDrawing xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rId1"/></x:worksheet>"#
                .replace("<x:legacyDrawing xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" r:id=\"rId1\"/>", "")
        );
    }

    #[test]
    fn an_empty_sheet_gets_rows() {
        let xml = r#"<worksheet><sheetData/><pageMargins/></worksheet>"#;
        let (out, _) = run(xml, &[edit(1, 1, None)], Some("rId1"));
        assert_eq!(
            out,
            r#"<worksheet><sheetData><row r="2"><c r="B2" s="1"/></row></sheetData><pageMargins/><legacyDrawing xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rId1"/></worksheet>"#
        );
    }
}
