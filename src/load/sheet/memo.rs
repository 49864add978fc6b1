//! A row's child nodes met before are not read again. Offices repeat their 情形, 申请条件 and
//! 材料 cells on many rows (one department's items share a material list, a condition list is
//! pasted down a whole section); reading such a cell — splitting its entries, typing each,
//! reading each material's brackets — gives the same nodes every time, only at another row.
//! So each worker remembers, per sheet, the nodes its cells gave and hands out a copy moved to
//! the row asking.

use std::cell::RefCell;
use std::hash::{BuildHasher, Hash, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::model::{Extra, Fields, Loc, Pos, Value};

/// What a row's cells of one scope read as: each node's place, fields and extras.
pub type Nodes = Vec<(Loc, Fields, Vec<Extra>)>;

/// Cells longer than this together are read each time (a key is kept as a copy of its text).
const LONGEST: usize = 4096;
/// Cell sets remembered per worker before the memory starts over.
const MOST: usize = 8192;

/// One sheet's reading of rows into items: the columns, headers and options that make a cell's
/// nodes what they are. Remembered nodes of another sheet are never handed out.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Sheet(u64);

impl Sheet {
    /// A sheet not met before.
    pub fn fresh() -> Sheet {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        Sheet(NEXT.fetch_add(1, Ordering::Relaxed))
    }
}

struct Remembered {
    sheet: Sheet,
    scope: usize,
    cols: Box<[usize]>,
    /// The cells' texts one after another, and where each ends.
    text: Box<str>,
    ends: Box<[usize]>,
    nodes: Nodes,
}

impl Remembered {
    fn is<'a>(&self, sheet: Sheet, scope: usize, cols: &[usize], cell: &impl Fn(usize) -> &'a str) -> bool {
        self.sheet == sheet
            && self.scope == scope
            && *self.cols == *cols
            && cols.iter().enumerate().all(|(i, &c)| {
                let start = if i == 0 { 0 } else { self.ends[i - 1] };
                self.text.get(start..self.ends[i]) == Some(cell(c))
            })
    }
}

/// Bits of [`Memory::once`]: a cell set is remembered only when met a second time, so that
/// the many met once (a 材料 cell listing one item's own papers) cost no copy.
const ONCE_BITS: usize = 1 << 18;

struct Memory {
    /// By the hash of (sheet, scope, cells); a colliding set is simply read again.
    seen: std::collections::HashMap<u64, Remembered, foldhash::fast::RandomState>,
    /// A bit per hash: met before (or a colliding hash was).
    once: Vec<u64>,
}

impl Default for Memory {
    fn default() -> Self {
        Memory {
            seen: Default::default(),
            once: vec![0; ONCE_BITS / 64],
        }
    }
}

thread_local! {
    static MEMORY: RefCell<Memory> = RefCell::default();
}

/// The nodes of the cells `cols` (texts by `cell`) of scope `scope` at absolute row `row`: a
/// copy of the nodes read before from the same texts in the same columns of the same sheet,
/// moved to this row, or else `read()` — remembered when it says it noted nothing about them
/// (a note would have to be said again at each row).
pub fn nodes<'a>(
    sheet: Sheet,
    scope: usize,
    cols: &[usize],
    cell: impl Fn(usize) -> &'a str,
    row: u32,
    read: impl FnOnce() -> (Nodes, bool),
) -> Nodes {
    let size: usize = cols.iter().map(|&c| cell(c).len()).sum();
    if size > LONGEST {
        return read().0;
    }
    MEMORY.with(|m| {
        let Ok(mut m) = m.try_borrow_mut() else {
            return read().0;
        };
        let mut h = m.seen.hasher().build_hasher();
        (sheet, scope).hash(&mut h);
        for &c in cols {
            c.hash(&mut h);
            cell(c).hash(&mut h);
        }
        let key = h.finish();
        if let Some(r) = m.seen.get(&key)
            && r.is(sheet, scope, cols, &cell)
        {
            let mut nodes = r.nodes.clone();
            for (loc, fields, extra) in &mut nodes {
                move_to_row(loc, fields, extra, row);
            }
            return nodes;
        }
        let (nodes, clean) = read();
        let bit = key as usize % ONCE_BITS;
        let (word, mask) = (bit / 64, 1u64 << (bit % 64));
        let met = m.once[word] & mask != 0;
        m.once[word] |= mask;
        if clean && met {
            if m.seen.len() >= MOST {
                m.seen.clear();
            }
            let mut ends = Vec::with_capacity(cols.len());
            let mut text = String::with_capacity(size);
            for &c in cols {
                text.push_str(cell(c));
                ends.push(text.len());
            }
            m.seen.insert(
                key,
                Remembered {
                    sheet,
                    scope,
                    cols: cols.into(),
                    text: text.into(),
                    ends: ends.into(),
                    nodes: nodes.clone(),
                },
            );
        }
        nodes
    })
}

/// Every place in a row's nodes names that row: a copy for another row names its own.
fn move_to_row(loc: &mut Loc, fields: &mut Fields, extra: &mut [Extra], row: u32) {
    fn to(loc: &mut Loc, row: u32) {
        if let Pos::Cell { row: r, .. } = &mut loc.pos {
            *r = row;
        }
    }
    to(loc, row);
    for (_, v) in fields.iter_mut() {
        to(&mut v.loc, row);
        if let Value::List(list) = &mut v.value {
            list.iter_mut().for_each(|s| to(&mut s.loc, row));
        }
    }
    extra.iter_mut().for_each(|e| to(&mut e.loc, row));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{F, Spanned};

    fn node(row: u32, entry: usize, name: &str) -> (Loc, Fields, Vec<Extra>) {
        let at = Loc::cell(0, 0, row, 3).with_entry(entry);
        let mut fields = Fields::default();
        fields.set(F::MaterialName, Spanned::new(Value::Text(name.into()), at));
        let list = vec![Spanned::new("甲".to_string(), at), Spanned::new("乙".to_string(), at)];
        fields.set(F::Conditions, Spanned::new(Value::list(list), at));
        let extra = vec![Extra {
            key: "备注".into(),
            value: serde_json::Value::Null,
            loc: Loc::cell(0, 0, row, 5),
        }];
        (at, fields, extra)
    }

    fn read_at(sheet: Sheet, text: &str, row: u32, clean: bool, reads: &mut usize) -> Nodes {
        nodes(
            sheet,
            2,
            &[3, 5],
            |c| if c == 3 { text } else { "x" },
            row,
            || {
                *reads += 1;
                (vec![node(row, 1, "申请书"), node(row, 2, "营业执照")], clean)
            },
        )
    }

    #[test]
    fn a_cell_set_met_again_is_copied_to_its_row() {
        let (sheet, mut reads) = (Sheet::fresh(), 0);
        // Read on the first two meetings (remembered on the second), copied on the third.
        read_at(sheet, "1.申请书 2.营业执照", 10, true, &mut reads);
        read_at(sheet, "1.申请书 2.营业执照", 11, true, &mut reads);
        let copied = read_at(sheet, "1.申请书 2.营业执照", 42, true, &mut reads);
        assert_eq!(reads, 2);
        assert_eq!(copied, vec![node(42, 1, "申请书"), node(42, 2, "营业执照")]);
        // Another text, another sheet: read.
        read_at(sheet, "1.申请书", 43, true, &mut reads);
        read_at(Sheet::fresh(), "1.申请书 2.营业执照", 44, true, &mut reads);
        assert_eq!(reads, 4);
    }

    #[test]
    fn a_reading_that_noted_something_is_read_again() {
        let (sheet, mut reads) = (Sheet::fresh(), 0);
        for row in 0..4 {
            read_at(sheet, "多次", row, false, &mut reads);
        }
        assert_eq!(reads, 4);
    }
}
