//! Cells saying "the same as the cell above" (同上, 同上一项, 〃 …) or "as the cell to the left"
//! (同左), as clerks write them to save retyping: read as that cell's text, at their own place
//! (a finding on the value is said at the 同上 cell). Words: rules/same-as.yaml.

use super::grid::Grid;
use super::header::Col;
use crate::model::F;
use crate::model::fields::Scope;

#[derive(serde::Deserialize)]
struct Words {
    above: Vec<String>,
    left: Vec<String>,
}

fn words() -> &'static Words {
    static W: std::sync::OnceLock<Words> = std::sync::OnceLock::new();
    W.get_or_init(|| {
        serde_saphyr::from_str(include_str!("../../../rules/same-as.yaml"))
            .expect("an embedded word list is valid (checked by tests)")
    })
}

enum Says {
    Above,
    Left,
}

fn says(cell: &str) -> Option<Says> {
    // Most cells are longer or start otherwise: a cheap test before the lists.
    if cell.len() > 15 || !(cell.starts_with('同') || cell.starts_with('〃')) {
        return None;
    }
    // 同 上 spaced out to fill the cell is 同上.
    let spaced: String;
    let v = if cell.contains(char::is_whitespace) {
        spaced = cell.chars().filter(|c| !c.is_whitespace()).collect();
        spaced.as_str()
    } else {
        cell
    };
    let v = v.trim_end_matches(['。', '.', '；', ';']);
    let w = words();
    if w.above.iter().any(|x| x == v) {
        Some(Says::Above)
    } else if w.left.iter().any(|x| x == v) {
        Some(Says::Left)
    } else {
        None
    }
}

/// Give every 同上 cell of the data rows (from `first`) the text of the cell above, and every
/// 同左 cell that of the cell to its left, top to bottom so that 同上 under 同上 reads the same.
/// Above a blank cell a 同上 reads on up only through rows continuing an item (their name and
/// code cells blank, as in a CSV of one row per material) or in a column repeated down
/// (`fill_down`: 主项, 实施主体 …); a blank on an item's own row says nothing, and the 同上 stays
/// what it says (a placeholder, W005), as it does on the first data row.
pub fn resolve(g: &mut Grid, first: usize, cols: &[Col], fill_down: &[F]) {
    let keys: Vec<usize> = cols
        .iter()
        .enumerate()
        .filter(|(_, c)| {
            matches!(c, Col::Field(Scope::Item, d)
                if matches!(d.id, F::Code | F::ImplementationCode | F::Name | F::SubItem))
        })
        .map(|(k, _)| k)
        .collect();
    let continues = |g: &Grid, r: usize| !keys.is_empty() && keys.iter().all(|&k| g.cell(r, k).is_empty());
    let repeats = |c: usize| matches!(cols.get(c), Some(Col::Field(_, d)) if fill_down.contains(&d.id));
    for r in first..g.height() {
        for c in 0..g.row_width(r) {
            match says(g.cell(r, c)) {
                Some(Says::Above) if r > first => {
                    let mut k = r - 1;
                    while g.cell(k, c).is_empty() && k > first && (repeats(c) || continues(g, k)) {
                        k -= 1;
                    }
                    if !g.cell(k, c).is_empty() {
                        g.copy_cell(r, c, (k, c));
                    }
                }
                Some(Says::Left) if c > 0 && !g.cell(r, c - 1).is_empty() => g.copy_cell(r, c, (r, c - 1)),
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_read() {
        assert!(matches!(says("同上"), Some(Says::Above)));
        assert!(matches!(says("同上。"), Some(Says::Above)));
        assert!(matches!(says("〃"), Some(Says::Above)));
        assert!(matches!(says("同　上"), Some(Says::Above)));
        assert!(matches!(says("同左"), Some(Says::Left)));
        assert!(says("同上级机关").is_none());
        assert!(says("同意").is_none());
    }
}
