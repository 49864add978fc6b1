//! `--fix` into the marked copy: what each applicable fix makes of its cell's text.
//!
//! A fix on a text source replaces bytes inside a scalar; a fix on a sheet cell gives the new
//! text of its value or entry (`diag::Fix`). Either way it becomes the new text of one value
//! of the item ([`new_value`]), and that becomes the cell's new text: in the clerk's own
//! workbook by replacing the old text inside the cell as it is written (numbering, line breaks
//! and all), in a converted copy by writing the value's entries again as `convert` does.

use super::cells::{Cell, Placed, Target};
use super::slot::{self, Slot};
use crate::diag::{Diagnostic, Fix};
use crate::error::Error;
use crate::model::{Catalog, Item, Pos};
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// The new text of one cell, from its original text.
pub struct Change {
    pub old: String,
    pub new: String,
}

/// The changed cells, and for each finding whether its fix was applied.
pub struct Planned {
    pub cells: Vec<(Cell, Change)>,
    pub fixed: Vec<bool>,
}

/// The value `fix` makes of `slot`: (old text, new text) of the value or entry.
pub fn new_value(cat: &Catalog, item: Option<&Item>, slot: &Slot, fix: &Fix) -> Option<(String, String)> {
    let old = slot::text_of(item, &cat.header, slot)?;
    match fix.loc.pos {
        Pos::Cell { .. } => Some((old, fix.replacement.clone())),
        Pos::Text { offset, len, .. } => {
            let at = slot::loc_of(item, &cat.header, slot)?;
            let Pos::Text { offset: o, len: l, .. } = at.pos else {
                return None;
            };
            let text = cat.sources.get(at.file as usize)?.text.as_deref()?;
            let raw = text.get(o as usize..(o + l) as usize)?;
            // The value sits verbatim in its source span (quotes around it at most): `fix::in_value`
            // offers a fix only then.
            let found = raw.find(old.as_str())?;
            let start = (offset as usize).checked_sub(o as usize + found)?;
            let end = start + len as usize;
            let (pre, post) = (old.get(..start)?, old.get(end..)?);
            Some((old.clone(), format!("{pre}{}{post}", fix.replacement)))
        }
        Pos::None => None,
    }
}

/// What a cell holds while fixes are applied to it.
enum State {
    /// The cell as the clerk wrote it.
    Raw { old: String, now: String },
    /// A converted cell: the value's entries, one per line.
    Entries { old: String, now: Vec<String> },
}

/// Apply the fixes of `diags` (safe ones, or all with `unsafe_fixes`) to the cells they fall in.
/// A second fix of one value waits for the next run, as with `--fix` on a YAML file.
pub fn plan(
    cat: &Catalog,
    target: &Target,
    workbook: &Path,
    diags: &[Diagnostic],
    placed: &[Placed],
    unsafe_fixes: bool,
) -> Result<Planned, Error> {
    let mut cells: HashMap<Cell, State> = HashMap::new();
    let mut order: Vec<Cell> = Vec::new();
    let mut done: HashSet<(Option<usize>, Slot)> = HashSet::new();
    let mut fixed = vec![false; diags.len()];
    let mut raw = RawCells::new(workbook);
    for (i, (d, p)) in diags.iter().zip(placed).enumerate() {
        let Some(fix) = d.fix.as_ref().filter(|f| f.safe || unsafe_fixes) else {
            continue;
        };
        let item = d.item.and_then(|i| cat.items.get(i));
        let (Some(cell), Some(slot)) = (&p.cell, fix_slot(cat, item, fix)) else {
            continue;
        };
        if done.contains(&(d.item, slot.clone())) {
            continue;
        }
        let Some((old, new)) = new_value(cat, item, &slot, fix) else {
            continue;
        };
        // The whole cell, not one entry of it.
        let key = Cell {
            entry: 0,
            ..cell.clone()
        };
        if !cells.contains_key(&key) {
            let state = match target {
                Target::Own => {
                    let Some(text) = raw.get(&key)? else { continue };
                    State::Raw {
                        old: text.clone(),
                        now: text,
                    }
                }
                Target::Converted { .. } => {
                    let Some(entries) = slot::entries_of(item, &cat.header, &slot) else {
                        continue;
                    };
                    State::Entries {
                        old: entries.join("\n"),
                        now: entries,
                    }
                }
            };
            cells.insert(key.clone(), state);
            order.push(key.clone());
        }
        let applied = match cells.get_mut(&key) {
            Some(State::Raw { now, .. }) if !old.is_empty() && now.contains(old.as_str()) => {
                *now = now.replacen(old.as_str(), &new, 1);
                true
            }
            // A fix of the whole value of a list names no entry: only a one-entry value takes it.
            Some(State::Entries { now, .. }) if slot.entry > 0 || now.len() == 1 => {
                match now.get_mut(slot.entry.saturating_sub(1)) {
                    Some(e) if *e == old => {
                        *e = new;
                        true
                    }
                    _ => false,
                }
            }
            _ => false,
        };
        if applied {
            fixed[i] = true;
            done.insert((d.item, slot));
        }
    }
    let cells = order
        .into_iter()
        .filter_map(|c| {
            let change = match cells.remove(&c)? {
                State::Raw { old, now } => Change { old, new: now },
                State::Entries { old, now } => Change {
                    old,
                    new: now.join("\n"),
                },
            };
            (change.old != change.new).then_some((c, change))
        })
        .collect();
    Ok(Planned { cells, fixed })
}

/// The value a fix edits: the slot holding its place.
fn fix_slot(cat: &Catalog, item: Option<&Item>, fix: &Fix) -> Option<Slot> {
    match item {
        Some(it) => slot::find(it, fix.loc),
        None => slot::find_in_header(&cat.header, fix.loc),
    }
}

/// Cell texts of the clerk's workbook, read with calamine sheet by sheet as fixes need them.
struct RawCells<'a> {
    path: &'a Path,
    book: Option<calamine::Sheets<std::io::BufReader<std::fs::File>>>,
    sheets: HashMap<String, calamine::Range<calamine::Data>>,
}

impl<'a> RawCells<'a> {
    fn new(path: &'a Path) -> Self {
        RawCells {
            path,
            book: None,
            sheets: HashMap::new(),
        }
    }

    /// The text of a cell holding a string (a fix never changes a number or a date).
    fn get(&mut self, cell: &Cell) -> Result<Option<String>, Error> {
        use calamine::Reader;
        let fail = |e: String| {
            Error::plain(
                Some(self.path),
                format!("无法读取工作簿：{e}"),
                format!("cannot read the workbook: {e}"),
            )
        };
        if !self.sheets.contains_key(&cell.sheet) {
            if self.book.is_none() {
                self.book = Some(calamine::open_workbook_auto(self.path).map_err(|e| fail(e.to_string()))?);
            }
            let Some(book) = self.book.as_mut() else {
                return Ok(None);
            };
            let range = book.worksheet_range(&cell.sheet).map_err(|e| fail(e.to_string()))?;
            self.sheets.insert(cell.sheet.clone(), range);
        }
        Ok(
            match self
                .sheets
                .get(&cell.sheet)
                .and_then(|r| r.get_value((cell.row, cell.col)))
            {
                Some(calamine::Data::String(s)) => Some(s.clone()),
                _ => None,
            },
        )
    }
}
