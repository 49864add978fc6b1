//! A CSV keeps no merged cells. Under one 主项, `A | B | 空` in its 行使层级 or 设定依据 column
//! (a 子项 row typing a value other than the row above's, then a blank) is either B merged over
//! the two rows in the workbook or a row that left its value out: the CSV cannot tell. The blank
//! stays blank (nothing is invented), and the loader notes it at the blank cell
//! ([`NoteKind::MergeLost`]) so that T002 and B001 report it as a warning, saying why, not as an
//! error on what may be a clean row. A workbook keeps its merges: there a blank is a blank.
//!
//! `A | A | 空` (the value typed again right below) is an office typing its cells rather than
//! merging them, and its blank stays a blank; a blank right below the 主项's own row is the
//! rows' caller's (`rows::item_starts` fills it from the 主项 where the office merges).

use crate::model::{F, FileId, Loc, Note, NoteKind};

use super::grid::Grid;

/// The blank cells of `cols` (column, field) on item rows `starts` (row, columns filled from
/// above) that may have held the value above them, merged: one note each.
pub(super) fn notes<'a>(
    g: &Grid,
    file: FileId,
    main_col: usize,
    cols: &[(usize, F)],
    starts: impl Iterator<Item = (usize, &'a [(usize, usize, usize)])>,
) -> Vec<Note> {
    let mut notes = Vec::new();
    // Per column: the value last typed under the current 主项, and whether it started a run of
    // its own on a 子项 row (differs from the one before it).
    let mut last: Vec<(&str, bool)> = vec![("", false); cols.len()];
    let mut main = "";
    for (r, fills) in starts {
        let m = g.cell(r, main_col);
        let continuing = m.is_empty() || m == main;
        if !m.is_empty() {
            main = m;
        }
        for (k, &(c, field)) in cols.iter().enumerate() {
            let v = g.cell(r, c);
            if !continuing {
                last[k] = (v, false);
            } else if !v.is_empty() {
                last[k] = (v, last[k].0 != v && !last[k].0.is_empty());
            } else if last[k].1 && !fills.iter().any(|f| f.0 == c) {
                let (ar, ac) = g.abs(r, c);
                notes.push(Note {
                    loc: Loc::cell(file, g.sheet, ar, ac),
                    kind: NoteKind::MergeLost { field },
                    detail: last[k].0.to_string(),
                });
            }
        }
    }
    notes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(rows: &[[&str; 3]]) -> Grid {
        let mut g = Grid::new(0, "s".into());
        for row in rows {
            g.push_row(*row);
        }
        g
    }

    fn blanks(rows: &[[&str; 3]]) -> Vec<(u32, String)> {
        let g = grid(rows);
        // No row fills its level from above.
        let none: &[(usize, usize, usize)] = &[];
        notes(&g, 0, 0, &[(2, F::Level)], (0..rows.len()).map(|r| (r, none)))
            .into_iter()
            .map(|n| match n.loc.pos {
                crate::model::Pos::Cell { row, .. } => (row, n.detail),
                _ => unreachable!(),
            })
            .collect()
    }

    #[test]
    fn a_blank_after_a_run_of_its_own_may_be_merged() {
        // 主项 | 子项 | 行使层级: `县级 | 市级、县级 | 空` — 市级、县级 merged over the last two rows?
        let rows = [
            ["排污许可", "核发", "县级"],
            ["", "变更", "市级、县级"],
            ["", "延续", ""],
            ["", "注销", ""],
        ];
        assert_eq!(blanks(&rows), vec![(2, "市级、县级".into()), (3, "市级、县级".into())]);
    }

    #[test]
    fn a_blank_after_a_value_typed_again_or_on_a_new_main_item_is_a_blank() {
        let rows = [
            ["排污许可", "核发", "县级"],
            ["", "变更", "县级"],
            ["", "延续", ""],
            ["食品经营许可", "新办", ""],
        ];
        assert!(blanks(&rows).is_empty());
    }
}
