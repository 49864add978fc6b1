//! Where each finding lands in the workbook that gets the marks: its own cell in the clerk's
//! workbook, or the cell the same field landed in when the catalog was converted.

use super::slot::{self, Slot};
use crate::diag::Diagnostic;
use crate::model::note::NoteKind;
use crate::model::{Catalog, F, Item, Loc, Pos};
use std::collections::{HashMap, HashSet};

/// A cell of the marked workbook.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Cell {
    /// Place of the sheet in the workbook (for sorting).
    pub sheet_index: u16,
    pub row: u32,
    pub col: u32,
    /// 1-based entry of a cell holding several; 0 for the whole cell.
    pub entry: u16,
    pub sheet: String,
}

/// The workbook the marks go on and how findings of the linted catalog find their cells in it.
pub enum Target<'a> {
    /// The linted workbook itself: findings carry its cells.
    Own,
    /// A workbook written from the catalog and read back (`back`); `order[i]` is the read-back
    /// index of source item `i`.
    Converted { back: &'a Catalog, order: Vec<usize> },
}

/// Where one finding goes: its cell (none for a finding about a whole file), the column header
/// above that cell, and the finding's slot in its source item (which entry, for the comment).
pub struct Placed {
    pub cell: Option<Cell>,
    pub header: Option<String>,
    pub slot: Option<Slot>,
}

impl Target<'_> {
    /// The catalog whose places the marked workbook's cells are.
    pub fn catalog<'c>(&'c self, source: &'c Catalog) -> &'c Catalog {
        match self {
            Target::Own => source,
            Target::Converted { back, .. } => back,
        }
    }

    pub fn place(&self, cat: &Catalog, headers: &Headers, d: &Diagnostic) -> Placed {
        let item = d.item.and_then(|i| cat.items.get(i));
        let slot = match item {
            Some(it) => slot::find(it, d.loc),
            None => slot::find_in_header(&cat.header, d.loc),
        };
        let loc = match self {
            // A finding without a cell of its own marks its item's first cell.
            Target::Own => match (d.loc.pos, item) {
                (_, Some(it)) if d.loc == it.loc => Some(first_cell(it)),
                (Pos::Cell { .. }, _) => Some(d.loc),
                (_, it) => it.map(first_cell),
            },
            Target::Converted { back, order } => {
                let twin = d.item.and_then(|i| twin(cat, back, order, i));
                match (&slot, twin) {
                    (Some(s), _) => slot::loc_of(twin, &back.header, s).or(twin.map(first_cell)),
                    (None, Some(t)) => Some(first_cell(t)),
                    (None, None) => None,
                }
            }
        };
        let at = self.catalog(cat);
        let loc = loc.filter(|l| !headers.on_chart(*l));
        let cell = loc.and_then(|l| cell_of(at, l));
        let header = loc.and_then(|l| headers.above(l));
        Placed { cell, header, slot }
    }
}

/// The first cell that is the item's own: its code (the row's first cell may be a 序号 or 主项
/// merged over several items, and a mark there lands on the first of them), else its name,
/// else where the item starts.
fn first_cell(it: &Item) -> Loc {
    [F::Code, F::Name]
        .into_iter()
        .filter_map(|f| it.fields.get(f).map(|v| v.loc))
        .find(|l| matches!(l.pos, Pos::Cell { .. }))
        .unwrap_or(it.loc)
}

/// The read-back item of source item `i`, when it is the same item (same code and name).
fn twin<'b>(cat: &Catalog, back: &'b Catalog, order: &[usize], i: usize) -> Option<&'b Item> {
    let (a, b) = (cat.items.get(i)?, back.items.get(*order.get(i)?)?);
    same(a, b).then_some(b)
}

fn same(a: &Item, b: &Item) -> bool {
    a.code() == b.code() && a.name() == b.name()
}

/// The workbook cell of a place, when it is one.
pub fn cell_of(cat: &Catalog, loc: Loc) -> Option<Cell> {
    let Pos::Cell { sheet, row, col, entry } = loc.pos else {
        return None;
    };
    let name = cat.sources.get(loc.file as usize)?.sheets.get(sheet as usize)?;
    Some(Cell {
        sheet_index: sheet,
        row,
        col,
        entry,
        sheet: name.clone(),
    })
}

/// What the loader noted about a catalog's sheets that placing needs: the column headers as the
/// sheets spell them (noted at each header cell), by (file, sheet, column); and the chart sheets,
/// which have no cells to mark.
pub struct Headers {
    columns: HashMap<(u32, u16, u32), Vec<(u32, String)>>,
    charts: HashSet<(u32, u16)>,
}

impl Headers {
    pub fn of(cat: &Catalog) -> Headers {
        let mut columns: HashMap<(u32, u16, u32), Vec<(u32, String)>> = HashMap::new();
        let mut charts = HashSet::new();
        for n in &cat.notes {
            let Pos::Cell { sheet, row, col, .. } = n.loc.pos else {
                continue;
            };
            let text = match &n.kind {
                NoteKind::Label { label, .. } => label.clone(),
                NoteKind::UnknownColumn => n.detail.clone(),
                NoteKind::ChartSheet => {
                    charts.insert((n.loc.file, sheet));
                    continue;
                }
                _ => continue,
            };
            columns.entry((n.loc.file, sheet, col)).or_default().push((row, text));
        }
        Headers { columns, charts }
    }

    /// Whether a place is on a chart sheet (a finding there is listed, not marked).
    pub fn on_chart(&self, loc: Loc) -> bool {
        matches!(loc.pos, Pos::Cell { sheet, .. } if self.charts.contains(&(loc.file, sheet)))
    }

    /// The header above a cell: the nearest one in its column.
    pub fn above(&self, loc: Loc) -> Option<String> {
        let Pos::Cell { sheet, row, col, .. } = loc.pos else {
            return None;
        };
        self.columns
            .get(&(loc.file, sheet, col))?
            .iter()
            .filter(|(r, _)| *r <= row)
            .max_by_key(|(r, _)| *r)
            .map(|(_, h)| h.clone())
    }
}

/// Read-back index of each source item. The converted workbook holds the items sheet by sheet
/// in the order `convert` groups them (`groups`), and its 序号 column keeps the catalog's order,
/// which the sheet loader restores: the read-back items are in the catalog's order then, else in
/// the order of the sheets.
pub fn converted_order(cat: &Catalog, back: &Catalog, groups: &[(String, Vec<usize>)]) -> Vec<usize> {
    let n = cat.items.len();
    if back.items.len() == n && cat.items.iter().zip(&back.items).all(|(a, b)| same(a, b)) {
        return (0..n).collect();
    }
    let mut order = vec![usize::MAX; n];
    for (pos, &i) in groups.iter().flat_map(|(_, idx)| idx).enumerate() {
        if let Some(o) = order.get_mut(i) {
            *o = pos;
        }
    }
    order
}
