//! Two columns of one sheet read as the same field (办理地点 and 办公地址, 咨询电话 and 咨询方式):
//! how often both are filled and how often they differ, as one fact about the column. A pair
//! kept in step that differs on a few rows points at those rows; a pair that differs on most
//! holds two things (a window and a street address), which no row should be blamed for.

use super::grid::Grid;
use super::header::Col;
use crate::model::{F, FileId, Loc, Note, NoteKind};

/// One [`NoteKind::TwoColumns`] per column whose field an earlier column of the same scope
/// already gives, at its header cell (`hr`, the header's first row); data rows start below `last`.
pub fn two_columns(g: &Grid, file: FileId, hr: usize, last: usize, headers: &[&str], cols: &[Col]) -> Vec<Note> {
    let mut notes = Vec::new();
    for (c, col) in cols.iter().enumerate() {
        let Col::Field(scope, def) = col else { continue };
        let Some(first) = (0..c).find(|&k| matches!(&cols[k], Col::Field(s, d) if s == scope && d.id == def.id)) else {
            continue;
        };
        // Level mark columns (省级 | 市级 | 县级) are one field's parts, not two spellings of it.
        if super::header::level_mark(headers[c]).is_some() {
            continue;
        }
        let (mut rows, mut differ) = (0u32, 0u32);
        for r in last + 1..g.height() {
            let (a, b) = (g.cell(r, first).trim(), g.cell(r, c).trim());
            if !a.is_empty() && !b.is_empty() {
                rows += 1;
                let same = a == b || (def.id == F::ImplementationCode && super::rows::one_code(a, b));
                differ += u32::from(!same);
            }
        }
        let (ar, ac) = g.abs(hr, c);
        notes.push(Note {
            loc: Loc::cell(file, g.sheet, ar, ac),
            kind: NoteKind::TwoColumns {
                field: def.zh.to_string(),
                first: headers[first].trim().to_string(),
                rows,
                differ,
            },
            detail: headers[c].trim().to_string(),
        });
    }
    notes
}
