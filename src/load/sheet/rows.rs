//! Sheet rows → items. One item may span several rows (its scenarios, materials, acceptance
//! points, process steps and duties below one another); its cells are merged, repeated or left
//! blank on the following rows. Every value keeps the cell it was read from.

use super::entries;
use super::grid::Grid;
use super::header::Col;
use super::memo;
use crate::load::yaml::map::{parse_bool, split_list};
use crate::model::fields::{FieldDef, Kind, Scope};
use crate::model::value::CompactString;
use crate::model::*;

/// How blank cells are read.
#[derive(Clone, Debug)]
pub struct RowOptions {
    /// Columns whose blank cells repeat the value above even on a new item (主项/子项 …).
    pub fill_down: Vec<F>,
    /// Written by `catalog convert`: every value is explicit, lists are one per line.
    pub explicit: bool,
    /// Values meaning "none" in list and child columns (a profile's `empty_values`).
    pub empty_values: Vec<String>,
    /// Headers spelled as an office spells them, not only as `catalog convert` writes them (a CSV
    /// it writes carries no layout mark): values the office leaves out (清单类别) are derived.
    pub office_headers: bool,
    /// The taxonomy a 清单类别 is derived by (the built-in one when `None`).
    pub taxonomy: Option<std::sync::Arc<crate::model::taxonomy::Taxonomy>>,
    /// A detail sheet's rows (`detail.rs`): each row writing its key starts a group of its own
    /// (a blank 情形 there is no 情形 in particular, not the one above); a row whose key is
    /// blank or merged from above continues the group.
    pub detail_rows: bool,
    /// The sheet is a CSV (or another text table): merged cells were lost, a blank below a value
    /// may have been merged with it (`merge_lost`).
    pub merges_lost: bool,
}

pub struct Out {
    pub items: Vec<Item>,
    /// The 序号 of each item, when the sheet has one.
    pub order: Vec<Option<u64>>,
    pub notes: Vec<Note>,
}

struct Cur {
    item: Item,
    /// The row that started the current scenario (same idea for scenario cells).
    scen_row: usize,
    /// How many scenarios that row started (a 情形 cell may name several): the rows below it
    /// that name none of their own give their materials and points to each.
    scen_span: usize,
    /// The filled columns of the row being read, per child scope ([`CHILD_SCOPES`]); kept
    /// from row to row so that a row costs no allocation.
    filled: [Vec<usize>; 5],
    /// The item's first row.
    first_row: usize,
}

/// The scopes of an item's child nodes, in the order of [`Cur::filled`].
const CHILD_SCOPES: [Scope; 5] = [Scope::Scenario, Scope::Point, Scope::Material, Scope::Step, Scope::Duty];

/// Where an item starts, and which of its blank hierarchy cells repeat a cell above:
/// (column, source row, source column).
struct Start {
    row: usize,
    fills: Vec<(usize, usize, usize)>,
}

/// Rows → items in two passes: a cheap sequential one finds where each item starts (that
/// depends on the rows above), then the items are built in parallel from their rows.
pub fn read(g: &Grid, file: FileId, header_row: usize, headers: &[&str], cols: &[Col], opt: &RowOptions) -> Out {
    use rayon::prelude::*;
    let seq_col = cols.iter().position(|c| matches!(c, Col::Seq));
    // A footer (填表人：…, 注：…) below the table is not items.
    let table_end = if opt.explicit {
        g.height()
    } else {
        footer_start(g, header_row)
    };
    let starts = item_starts(g, header_row, table_end, cols, headers, opt);
    let lost = if opt.merges_lost && !opt.explicit && !opt.detail_rows {
        lost_merges(g, file, cols, &starts)
    } else {
        Vec::new()
    };
    let sheet = memo::Sheet::fresh();
    // Unzipped as they are built: the items go straight into their list, not through a list
    // of (item, 序号, notes) copied out afterwards.
    let (items, rest): (Vec<Item>, Vec<_>) = starts
        .par_iter()
        .enumerate()
        .with_min_len(256)
        .map(|(k, s)| {
            let end = starts.get(k + 1).map_or(table_end, |n| n.row);
            let order = seq_col.and_then(|c| g.cell(s.row, c).parse::<u64>().ok());
            let mut notes = Vec::new();
            let item = build_item(g, (file, sheet), s, end, cols, headers, opt, &mut notes);
            (item, (order, notes))
        })
        .unzip();
    let mut out = Out {
        items,
        order: Vec::with_capacity(rest.len()),
        notes: Vec::new(),
    };
    let typed = |c: &Col| matches!(c, Col::Field(Scope::Item, d) if d.id == F::Phylum);
    if !opt.explicit && !cols.iter().any(typed) {
        type_from_headings(g, file, (header_row, table_end), &starts, &mut out.items, opt);
    }
    let department = |c: &Col| matches!(c, Col::Field(Scope::Item, d) if d.id == F::Department);
    if !opt.explicit && !opt.detail_rows && !cols.iter().any(department) {
        department_from_heading(g, file, (header_row, table_end), &starts, &mut out.items);
    }
    out.notes.extend(lost);
    for (order, notes) in rest {
        out.order.push(order);
        out.notes.extend(notes);
    }
    if let Some(sc) = seq_col
        && !opt.explicit
    {
        let seqs: Vec<&str> = starts.iter().map(|s| g.cell(s.row, sc).trim()).collect();
        main_rows_by_number(&seqs, &mut out, opt);
    }
    if !opt.explicit {
        main_rows_above_sub_items(&mut out, opt);
    }
    if !opt.explicit && out.items.iter().any(|it| it.fields.has(F::MainDuty)) {
        work_items(&mut out);
    }
    out
}

/// A 责任清单 row whose 具体工作事项 cell lists several (`1.起草…⏎2.组织实施…`) is one item per
/// entry, each named by its entry (at its place) under the row's 主要职责 and sharing its other
/// cells; a lone entry loses its list number (`1.组织指导…`, `（2）建立…` on a row of its own).
fn work_items(out: &mut Out) {
    let entries_of = |it: &Item| -> Option<Vec<String>> {
        let name = it.fields.text(F::Name)?;
        let e = entries::split(name);
        match e.as_slice() {
            [_, _, ..] => Some(e.into_iter().map(str::to_string).collect()),
            // One row per work item numbers them down the sheet: (1), (2) … on their rows.
            [one] => entries::strip_number(one)
                .map(|(_, rest)| rest)
                .or(Some(*one).filter(|o| *o != name.trim()))
                .filter(|rest| !rest.is_empty())
                .map(|rest| vec![rest.to_string()]),
            [] => None,
        }
    };
    let splits: Vec<Option<Vec<String>>> = out
        .items
        .iter()
        .map(|it| it.fields.has(F::MainDuty).then(|| entries_of(it)).flatten())
        .collect();
    if splits.iter().all(Option::is_none) {
        return;
    }
    let items = std::mem::take(&mut out.items);
    let order = std::mem::take(&mut out.order);
    for ((it, o), split) in items.into_iter().zip(order).zip(splits) {
        let (Some(names), Some(at)) = (split, it.fields.loc(F::Name)) else {
            out.items.push(it);
            out.order.push(o);
            continue;
        };
        let several = names.len() > 1;
        for (k, name) in names.into_iter().enumerate() {
            let mut one = it.clone();
            let place = if several { at.with_entry(k + 1) } else { at };
            one.fields.set(F::Name, Spanned::new(Value::Text(name.into()), place));
            out.items.push(one);
            out.order.push(o);
        }
    }
}

/// 序号 `1.1`, `1.2` (or `1-1`, or `（1）` `(2)` `①`) below a row numbered `1`: that row is the 主项
/// of the rows numbered under it, as a 主项 cell merged over them would be, not an item of its own. Its name becomes their
/// 主项, its grouping cells (事项类型, 实施主体 …) fill theirs left blank, and its own code is their
/// 主项编码.
fn main_rows_by_number(seqs: &[&str], out: &mut Out, opt: &RowOptions) {
    // `1.2.1`, a 办理项 under 子项 `1.2`, is under 主项 `1` too (before: read as an item of its
    // own with no 主项, since `2.1` is no number).
    fn under(s: &str) -> Option<&str> {
        let (main, sub) = s.split_once(['.', '．', '-', '－'])?;
        let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
        (digits(main) && sub.split(['.', '．', '-', '－']).all(digits)).then_some(main)
    }
    // A row without a 序号 whose name is numbered (`（1）对…的处罚`, `1.对…的处罚`) under a
    // numbered row whose name is not: a 子项 written under its 主项 row.
    let numbered_name = |k: usize| {
        out.items[k]
            .fields
            .text(F::Name)
            .is_some_and(|n| entries::strip_number(n).is_some_and(|(_, rest)| !rest.is_empty()))
    };
    // `（1）`, `(2)`, `3）`, `④` below a row numbered `1`: numbered within it, another way.
    fn within(s: &str) -> bool {
        let t = s.trim();
        entries::strip_number(t).is_some_and(|(_, rest)| rest.is_empty())
            && (t.starts_with(['（', '('])
                || t.ends_with(['）', ')'])
                || t.starts_with(|c: char| ('①'..='⑳').contains(&c)))
    }
    let plain = |j: &usize| !seqs[*j].is_empty() && seqs[*j].bytes().all(|b| b.is_ascii_digit());
    // A row naming a 子项 of its own (`1` beside 子项 A, then `1-2` beside 子项 B, the 主项 merged
    // over both) is the first of those 子项, not a heading over them.
    let heading = |j: &usize| {
        let f = &out.items[*j].fields;
        f.text(F::SubItem)
            .is_none_or(|s| s.trim().is_empty() || f.text(F::MainItem) == Some(s))
    };
    let mut main_of = vec![None; seqs.len()];
    let mut by_name = vec![false; seqs.len()];
    let mut last_plain: Option<usize> = None;
    for (k, s) in seqs.iter().enumerate() {
        match under(s) {
            Some(m) => main_of[k] = last_plain.filter(|&j| seqs[j] == m).filter(heading),
            // Only rows naming no 主项 of their own, right below the row or its other 子项.
            None if within(s) && !out.items[k].fields.has(F::MainItem) => {
                let next_to = k > 0 && (last_plain == Some(k - 1) || (within(seqs[k - 1]) && main_of[k - 1].is_some()));
                main_of[k] = last_plain.filter(plain).filter(heading).filter(|_| next_to);
            }
            None if s.is_empty() && numbered_name(k) => {
                main_of[k] = last_plain.filter(|&j| !seqs[j].is_empty() && !numbered_name(j));
                by_name[k] = main_of[k].is_some();
            }
            None => last_plain = Some(k),
        }
    }
    if main_of.iter().all(Option::is_none) {
        return;
    }
    let mut is_main = vec![false; seqs.len()];
    main_of.iter().flatten().for_each(|&j| is_main[j] = true);
    // A 主项 some of whose 子项 write their own basis: a blank one on a row writing its level is
    // blank (B001).
    let mut basis_written = vec![false; seqs.len()];
    for (k, j) in main_of.iter().enumerate() {
        if let Some(j) = *j {
            basis_written[j] |= out.items[k].fields.has(F::Basis);
        }
    }
    for (k, j) in main_of.iter().enumerate() {
        let Some(j) = *j else { continue };
        let main: Vec<(F, Spanned<Value>)> = out.items[j].fields.iter().map(|(f, v)| (f, v.clone())).collect();
        let item = &mut out.items[k];
        for (f, v) in main {
            match f {
                F::Name if !item.fields.has(F::MainItem) => item.fields.set(F::MainItem, v),
                F::Code if !item.fields.has(F::MainCode) => item.fields.set(F::MainCode, v),
                // A basis written once on the 主项 row is its 子项' own, as a merged cell is.
                F::Basis if !(item.fields.has(F::Basis) || basis_written[j] && item.fields.has(F::Level)) => {
                    item.fields.set(F::Basis, v)
                }
                f if opt.fill_down.contains(&f) && !item.fields.has(f) => item.fields.set(f, v),
                _ => {}
            }
        }
        // Named under its 主项, the row is its 子项: named without its number.
        if by_name[k] {
            unnumber_sub_item(item, F::Name);
            if let Some(v) = item.fields.get(F::Name).cloned()
                && !item.fields.has(F::SubItem)
            {
                item.fields.set(F::SubItem, v);
            }
        }
    }
    out.items = without(std::mem::take(&mut out.items), &is_main);
    out.order = without(std::mem::take(&mut out.order), &is_main);
}

/// A row naming a 主项 and no 子项 (its 子项名称 blank, not `无`), right above rows of that 主项 that
/// name theirs: the 主项 written as a heading row over its 子项 (a tree printed as a table), not an
/// item of its own. Its basis, level and grouping cells fill its 子项' blank ones, as the row
/// numbered `1` above `1.1`, `1.2` does.
fn main_rows_above_sub_items(out: &mut Out, opt: &RowOptions) {
    let items = &out.items;
    // Each heading row, the number of 子项 rows below it, and the cells it gives them.
    type Head = (usize, usize, Vec<(F, Spanned<Value>)>);
    let heads: Vec<Head> = items
        .iter()
        .enumerate()
        .filter_map(|(j, head)| {
            let main = head.fields.text(F::MainItem)?;
            if head.fields.has(F::SubItem) {
                return None;
            }
            let subs = items[j + 1..]
                .iter()
                .take_while(|it| {
                    it.fields.text(F::MainItem) == Some(main) && it.fields.text(F::SubItem).is_some_and(|s| s != main)
                })
                .count();
            // A code of its own (not its 主项编码) makes the row an item, unless it is its 子项'
            // 主项 code: typed again on each of their rows, or the start of each of theirs
            // (`XK-0757` over `XK-0757-01`, `XK-0757-02`).
            let code = head.fields.text(F::Code).map(str::trim).filter(|c| !c.is_empty());
            let coded_over = |c: &str| {
                subs > 0
                    && items[j + 1..=j + subs]
                        .iter()
                        .all(|it| it.fields.text(F::Code).map(str::trim).is_some_and(|s| s.starts_with(c)))
            };
            let code_is_main = code.is_some_and(coded_over);
            if head.fields.text(F::Code) != head.fields.text(F::MainCode) && !code_is_main {
                return None;
            }
            let given = head
                .fields
                .iter()
                .filter(|(f, _)| matches!(f, F::Basis | F::Level) || opt.fill_down.contains(f))
                .map(|(f, v)| (f, v.clone()))
                .chain(
                    head.fields
                        .get(F::Code)
                        .filter(|_| code_is_main)
                        .map(|v| (F::MainCode, v.clone())),
                )
                .collect();
            (subs > 0).then_some((j, subs, given))
        })
        .collect();
    if heads.is_empty() {
        return;
    }
    let mut is_main = vec![false; out.items.len()];
    for (j, subs, given) in heads {
        is_main[j] = true;
        // A 子项 row writing its own 设定依据 but no 行使层级 (or the other way), beside a sibling
        // writing its own of that one, left it out: blank (T002, B001), not its 主项's.
        let written = |f: F| out.items[j + 1..=j + subs].iter().any(|it| it.fields.has(f));
        let (basis_written, level_written) = (written(F::Basis), written(F::Level));
        for item in &mut out.items[j + 1..=j + subs] {
            // Written on the row itself, not repeated into it from a cell above.
            let on_row = |f: F| {
                let row = |l: Loc| match l.pos {
                    Pos::Cell { row, .. } => Some(row),
                    _ => None,
                };
                item.fields
                    .loc(f)
                    .is_some_and(|l| row(l).is_some() && row(l) == row(item.loc))
            };
            let left_out = |f: F| match f {
                F::Level => level_written && on_row(F::Basis),
                F::Basis => basis_written && on_row(F::Level),
                _ => false,
            };
            let left_out: Vec<F> = [F::Level, F::Basis].into_iter().filter(|&f| left_out(f)).collect();
            for (f, v) in &given {
                if !item.fields.has(*f) && !left_out.contains(f) {
                    item.fields.set(*f, v.clone());
                }
            }
        }
    }
    out.items = without(std::mem::take(&mut out.items), &is_main);
    out.order = without(std::mem::take(&mut out.order), &is_main);
}

/// A sheet without a type column whose sections (`一、行政许可`), title or name say the type:
/// each item's 事项类型 is its heading's, at the heading's cell (the sheet's first for its name).
fn type_from_headings(
    g: &Grid,
    file: FileId,
    (header_row, table_end): (usize, usize),
    starts: &[Start],
    items: &mut [Item],
    opt: &RowOptions,
) {
    use super::heading_type;
    let tax = taxonomy(opt);
    let sheet = heading_type::of_sheet(g, file, header_row, tax);
    let section = |r: usize| heading_type::of_section(g, file, r, tax);
    under_headings(
        g,
        (header_row, table_end),
        starts,
        items,
        section,
        sheet,
        |item, t, at| {
            if !item.fields.has(F::Phylum) {
                item.fields.set(F::Phylum, Spanned::new(Value::Text(t.into()), at));
                if opt.office_headers {
                    kingdom_from_type(item, opt);
                }
            }
        },
    );
}

/// A sheet without a 实施主体 column, named after a department (one sheet per department), under
/// a title naming one (`某某县市场监督管理局权力清单`) or — a government's list in one sheet — in
/// sections naming them (`一、某县民政局（12项）`): its items are their heading's department, at
/// the heading's cell (the sheet's first for its name). A section is nearer than the title.
fn department_from_heading(
    g: &Grid,
    file: FileId,
    (header_row, table_end): (usize, usize),
    starts: &[Start],
    items: &mut [Item],
) {
    use super::heading_department;
    let sheet = heading_department::of_sheet(g, file, header_row);
    let section = |r: usize| heading_department::of_section(g, file, r);
    under_headings(
        g,
        (header_row, table_end),
        starts,
        items,
        section,
        sheet,
        |item, d, at| {
            if !item.fields.has(F::Department) {
                item.fields.set(F::Department, Spanned::new(Value::Text(d.into()), at));
            }
        },
    );
}

/// Gives each item (by its first row) the heading it stands under — the nearest section row above
/// it that `section` reads, else the sheet's (its title or name) — with the heading's cell;
/// nothing when the sheet has neither.
fn under_headings(
    g: &Grid,
    (header_row, table_end): (usize, usize),
    starts: &[Start],
    items: &mut [Item],
    section: impl Fn(usize) -> Option<(String, Loc)>,
    sheet: Option<(String, Loc)>,
    mut give: impl FnMut(&mut Item, &str, Loc),
) {
    let sections: Vec<(usize, (String, Loc))> = (header_row + 1..table_end)
        .filter(|&r| is_section_row(g, r))
        .filter_map(|r| section(r).map(|h| (r, h)))
        .collect();
    if sections.is_empty() && sheet.is_none() {
        return;
    }
    for (s, item) in starts.iter().zip(items.iter_mut()) {
        // Sections are in row order: the last one above the item's first row.
        let above = sections.partition_point(|(r, _)| *r < s.row);
        let heading = above.checked_sub(1).map(|k| &sections[k].1).or(sheet.as_ref());
        if let Some((h, at)) = heading {
            give(item, h, *at);
        }
    }
}

/// The taxonomy types are read by: the user's, else the built-in one.
fn taxonomy(opt: &RowOptions) -> &crate::model::taxonomy::Taxonomy {
    use std::sync::OnceLock;
    static BUILTIN: OnceLock<crate::model::taxonomy::Taxonomy> = OnceLock::new();
    opt.taxonomy
        .as_deref()
        .unwrap_or_else(|| BUILTIN.get_or_init(crate::model::taxonomy::Taxonomy::builtin))
}

/// The columns of a 行政处罚裁量基准 (违法行为, 裁量阶次, 适用情形, 裁量标准 …): one item spans a row
/// per 违法行为 or 裁量阶次, its own cells merged, blank or repeated on the rows below its first.
struct Discretion {
    /// Columns that differ from row to row of one item.
    detail: Vec<usize>,
    /// Columns that say which item a row is (编码, 名称, 主项, 子项): blank or the same on the
    /// rows of one item.
    identity: Vec<usize>,
    /// The 序号 column: blank or the same on the rows of one item, unless they repeat its name or
    /// code (a table numbering each 裁量阶次 row).
    seq: Option<usize>,
}

impl Discretion {
    fn of(cols: &[Col]) -> Discretion {
        let field = |c: &Col, fs: &[F]| matches!(c, Col::Field(Scope::Item, d) if fs.contains(&d.id));
        let detail = [
            F::DiscretionGrades,
            F::DiscretionCases,
            F::DiscretionStandards,
            F::Violations,
        ];
        let identity = [
            F::Code,
            F::Name,
            F::MainItem,
            F::SubItem,
            F::MainCode,
            F::ImplementationCode,
        ];
        let pick = |fs: &[F]| -> Vec<usize> { (0..cols.len()).filter(|&c| field(&cols[c], fs)).collect() };
        if !cols
            .iter()
            .any(|c| field(c, &[F::DiscretionGrades, F::DiscretionStandards]))
        {
            return Discretion {
                detail: Vec::new(),
                identity: Vec::new(),
                seq: None,
            };
        }
        // A 违法行为 or 适用情形 column alone is no 裁量基准 (a power list may name the conduct it
        // punishes): it has grades or standards (above).
        Discretion {
            detail: pick(&detail),
            identity: pick(&identity),
            seq: cols.iter().position(|c| matches!(c, Col::Seq)),
        }
    }
    /// Whether the sheet is a 裁量基准. (Asked once per item: for another sheet `of` returns
    /// before it allocates.)
    fn is_table(&self) -> bool {
        !self.detail.is_empty()
    }
    /// Whether row `r` goes on the item that starts at row `first`: it fills a detail cell and
    /// names no other item.
    fn continues(&self, g: &Grid, first: usize, r: usize) -> bool {
        let same = |c: usize| {
            let t = g.cell(r, c);
            t.is_empty() || t == g.cell(first, c)
        };
        let named = self.identity.iter().any(|&c| !g.cell(r, c).is_empty());
        !self.detail.is_empty()
            && !self.identity.is_empty()
            && self.detail.iter().any(|&c| !g.cell(r, c).is_empty())
            && self.identity.iter().all(|&c| same(c))
            && (named || self.seq.is_none_or(same))
    }
}

/// The one item column of field `f` (none when the sheet has none, or several: marks columns).
fn only_column(cols: &[Col], f: F) -> Option<usize> {
    let mut at = cols
        .iter()
        .enumerate()
        .filter(|(_, col)| matches!(col, Col::Field(Scope::Item, d) if d.id == f));
    at.next().map(|(c, _)| c).filter(|_| at.next().is_none())
}

/// The column naming a row's 主项: 主项, else — beside a 子项 column — the name column.
fn main_or_name_column(cols: &[Col]) -> Option<usize> {
    only_column(cols, F::MainItem).or_else(|| only_column(cols, F::SubItem).and(only_column(cols, F::Name)))
}

/// The blank 行使层级 and 设定依据 cells a CSV may have lost a merge from (`merge_lost`).
fn lost_merges(g: &Grid, file: FileId, cols: &[Col], starts: &[Start]) -> Vec<Note> {
    let main_col = main_or_name_column(cols);
    let fields: Vec<(usize, F)> = [F::Level, F::Basis]
        .into_iter()
        .filter_map(|f| only_column(cols, f).map(|c| (c, f)))
        .collect();
    match main_col {
        Some(mc) if !fields.is_empty() => {
            super::merge_lost::notes(g, file, mc, &fields, starts.iter().map(|s| (s.row, s.fills.as_slice())))
        }
        _ => Vec::new(),
    }
}

/// The first pass: a non-empty row starts an item unless it only adds child cells, or repeats
/// the item cells of the item's first row. A blank hierarchy cell (主项, 子项 …) repeats the
/// value above only while every higher rank is also blank or unchanged: a new 主项 starts its
/// 子项 afresh. A blank 实施主体 repeats the one above whatever the ranks do.
fn item_starts(
    g: &Grid,
    header_row: usize,
    table_end: usize,
    cols: &[Col],
    headers: &[&str],
    opt: &RowOptions,
) -> Vec<Start> {
    let fill_cols: Vec<usize> = opt
        .fill_down
        .iter()
        .filter_map(|f| {
            cols.iter()
                .position(|col| matches!(col, Col::Field(Scope::Item, d) if d.id == *f))
        })
        .collect();
    let fill_down_col = |c: usize| matches!(&cols[c], Col::Field(Scope::Item, d) if opt.fill_down.contains(&d.id));
    // The 实施主体 is no rank of the hierarchy: one office's cell merged over its items runs
    // across a new 事项类型 or 主项 (saved as CSV or ODS, blank below its first row), and a new
    // 实施主体 starts no rank afresh.
    let outside_ranks = |c: usize| matches!(&cols[c], Col::Field(_, d) if d.id == F::Department);
    let discretion = Discretion::of(cols);
    let mut starts: Vec<Start> = Vec::new();
    // The cell each fill-down column last held on an item's first row.
    let mut above: Vec<Option<(usize, usize)>> = vec![None; cols.len()];
    // A 行使层级 or 设定依据 cell merged over a 主项's 子项 rows is blank below its first in a
    // CSV: those rows take their 主项's, under a 主项 where no such row writes its own (there a
    // blank one is a blank one; one office merges some 主项's cells and types others' on each
    // row). One level column only: marks columns say each row's.
    let field_col = |f: F| only_column(cols, f);
    let main_col = field_col(F::MainItem);
    // A 子项 row numbered of its own (`1-2` under `1-1`) is an item, though its other cells are
    // the row above's or blank (merged, saved as CSV): the same 子项 typed twice is X005's.
    let seq_col = field_col(F::SubItem).and(cols.iter().position(|c| matches!(c, Col::Seq)));
    let numbered_anew = |s: usize, r: usize| {
        seq_col.is_some_and(|c| !g.cell(r, c).is_empty() && !g.is_merge_filled(r, c) && g.cell(r, c) != g.cell(s, c))
    };
    // So is a row typing its 子项 under a 主项 cell left blank (the 主项 written once above, not
    // merged): a row continuing an item leaves its 子项 blank too, or types its 主项 again.
    let sub_col = field_col(F::SubItem);
    let main_or_name = main_or_name_column(cols);
    let sub_typed_anew = |r: usize| {
        sub_col
            .zip(main_or_name)
            .is_some_and(|(sc, mc)| !g.cell(r, sc).is_empty() && !g.is_merge_filled(r, sc) && g.cell(r, mc).is_empty())
    };
    let mut prev: Option<usize> = None;
    // Per column: the 主项 rows whose 子项 lost its merge, and the cell the current 主项's rows
    // take theirs from.
    type OfMain = (usize, Vec<(usize, bool)>, Option<(usize, usize)>);
    let mut of_main: Vec<OfMain> = main_col
        .map(|mc| {
            [F::Level, F::Basis]
                .into_iter()
                .filter_map(field_col)
                .map(|c| {
                    (
                        c,
                        merged_under_main(g, (header_row, table_end), headers, opt, mc, c),
                        None,
                    )
                })
                .filter(|(_, mains, _)| !mains.is_empty())
                .collect()
        })
        .unwrap_or_default();
    // Merged over a 主项's first rows only where the office merges these cells: some 主项 has its
    // level or basis merged over all its 子项 rows. In a sheet typing each 子项's own
    // (`A | B | C`), a blank right below the 主项's row is a 子项 lacking its own.
    if !of_main
        .iter()
        .any(|(_, mains, _)| mains.iter().any(|&(_, whole)| whole))
    {
        of_main.iter_mut().for_each(|(_, mains, _)| mains.clear());
    }
    for r in header_row + 1..table_end {
        if not_item_row(g, r, headers, opt) {
            continue;
        }
        let cell = |c: usize| g.cell(r, c);
        let (mut has_item_cells, mut child) = (false, false);
        for (c, col) in cols.iter().enumerate() {
            if cell(c).is_empty() {
                continue;
            }
            match col.scope() {
                Some(Scope::Item) => has_item_cells = true,
                Some(_) => child = true,
                None => {}
            }
        }
        let keyed = |c: usize| !cell(c).is_empty() && !g.is_merge_filled(r, c);
        // The same row typed twice (the item entered again, its 序号 aside) is another item: a
        // row per material or 情形 differs from the row above somewhere.
        let again = has_item_cells && child && prev.is_some_and(|p| typed_again(g, p, r, cols));
        prev = Some(r);
        let continues = starts.last().is_some_and(|s| {
            if opt.detail_rows {
                return !cols
                    .iter()
                    .enumerate()
                    .any(|(c, col)| matches!(col, Col::Field(Scope::Item, _)) && keyed(c));
            }
            !has_item_cells
                || (child
                    && !again
                    && !numbered_anew(s.row, r)
                    && !sub_typed_anew(r)
                    && cols.iter().enumerate().all(|(c, col)| {
                        col.scope() != Some(Scope::Item) || cell(c).is_empty() || g.cell(s.row, c) == cell(c)
                    }))
        });
        if continues || starts.last().is_some_and(|s| discretion.continues(g, s.row, r)) {
            continue;
        }
        let mut fills = Vec::new();
        let mut broken = false;
        for &c in &fill_cols {
            match cell(c) {
                "" if broken && !outside_ranks(c) => above[c] = None,
                "" => {
                    if let Some((sr, sc)) = above[c] {
                        fills.push((c, sr, sc));
                    }
                }
                _ if outside_ranks(c) => {}
                t => broken |= above[c].is_none_or(|(sr, sc)| g.cell(sr, sc) != t),
            }
        }
        let continued = main_col.and_then(|mc| fills.iter().find(|f| f.0 == mc)).map(|f| f.1);
        for (c, mains, from) in of_main.iter_mut() {
            let found = continued.and_then(|m| mains.binary_search_by_key(&m, |x| x.0).ok().map(|k| mains[k]));
            let merged = found.map(|(m, _)| m);
            *from = cell_of_main(g, r, *c, merged, *from);
            if cell(*c).is_empty()
                && let Some((sr, sc)) = *from
            {
                fills.push((*c, sr, sc));
            } else if found.is_some_and(|(_, whole)| !whole) {
                // Merged over the 主项's first rows only: a 子项 typing its own ends the run, and a
                // blank after it is a blank.
                *from = None;
            }
        }
        for (c, slot) in above.iter_mut().enumerate() {
            if fill_down_col(c) && !cell(c).is_empty() {
                *slot = Some((r, c));
            }
        }
        starts.push(Start { row: r, fills });
    }
    starts
}

/// Whether row `b` repeats row `a` cell for cell (the 序号 aside), with something typed in it, not
/// only cells merged down from above.
fn typed_again(g: &Grid, a: usize, b: usize, cols: &[Col]) -> bool {
    let mut typed = false;
    for (c, col) in cols.iter().enumerate() {
        if matches!(col, Col::Seq) {
            continue;
        }
        let v = g.cell(b, c);
        if v != g.cell(a, c) {
            return false;
        }
        typed |= !v.is_empty() && !g.is_merge_filled(b, c);
    }
    typed
}

/// The cell giving row `r` its value of column `c`: its own, or on a row continuing the 主项
/// above (its 主项 cell blank, repeated from the 主项 row `continued`, one whose rows lost a
/// merged cell of this column) the cell its 主项's rows took theirs from.
fn cell_of_main(
    g: &Grid,
    r: usize,
    c: usize,
    continued: Option<usize>,
    before: Option<(usize, usize)>,
) -> Option<(usize, usize)> {
    if !g.cell(r, c).is_empty() {
        return Some((r, c));
    }
    continued.and(before)
}

/// The 主项 rows (in order) whose column `c` was merged over their 子项 rows and lost its merge (a
/// CSV): some row below continues the 主项 (its 主项 cell blank) with that cell blank, and none of
/// them writes its own value there (`true`: all its rows take the 主项's), or the blank ones come
/// right below the 主项 row, before the first writing its own (`false`: the cell merged over the
/// 主项's first rows, as an office merges a run of equal cells; those rows take the 主项's, a blank
/// after a row writing its own is a blank; the caller keeps these only where the office merges:
/// some 主项 has its level or basis merged over all its 子项 rows). None in a sheet where such a
/// row types the value of
/// the row above it again (the 主项's, or a 子项's own): that office repeats a shared value rather
/// than merging it, so its blank is a blank. A value typed again further down (`A | B | A`) could
/// not have been merged and says nothing.
fn merged_under_main(
    g: &Grid,
    (header_row, table_end): (usize, usize),
    headers: &[&str],
    opt: &RowOptions,
    main_col: usize,
    c: usize,
) -> Vec<(usize, bool)> {
    let mut mains = Vec::new();
    // The current 主项 row, whether a row continues it blank, whether one of those writes its own,
    // whether a blank one comes before any writing its own.
    let mut main: Option<(usize, bool, bool, bool)> = None;
    let mut close = |m: Option<(usize, bool, bool, bool)>| match m {
        Some((row, true, false, _)) => mains.push((row, true)),
        Some((row, true, true, true)) => mains.push((row, false)),
        _ => {}
    };
    // The value the 主项's row above holds (its own, or the one merged over it; blank after a
    // 子项 writing its own).
    let mut above = "";
    // Cheap tests first: most sheets write a 主项 on every row and cost a cell read per row.
    for r in header_row + 1..table_end {
        if !g.cell(r, main_col).is_empty() {
            close(main.replace((r, false, false, false)));
            above = g.cell(r, c);
            continue;
        }
        let Some((_, continuing, own, lead)) = main.as_mut() else {
            continue;
        };
        if g.row_is_empty(r) || not_item_row(g, r, headers, opt) {
            continue;
        }
        if !g.cell(r, c).is_empty() && !g.is_merge_filled(r, c) {
            // The value of the row above typed again: an office merging would have merged it.
            if !above.is_empty() && above == g.cell(r, c) {
                return Vec::new();
            }
            *own = true;
            above = g.cell(r, c);
        } else {
            *continuing = true;
            *lead |= !*own;
            if *own {
                above = "";
            }
        }
    }
    close(main);
    mains
}

/// The second pass: one item from its first row (with the filled cells) and the rows below it
/// up to the next item's first row.
#[allow(clippy::too_many_arguments)] // the sheet context, passed down as it is
fn build_item(
    g: &Grid,
    (file, sheet): (FileId, memo::Sheet),
    s: &Start,
    end: usize,
    cols: &[Col],
    headers: &[&str],
    opt: &RowOptions,
    notes: &mut Vec<Note>,
) -> Item {
    let r = s.row;
    let at = |r: usize, c: usize| {
        let (ar, ac) = g.abs(r, c);
        Loc::cell(file, g.sheet, ar, ac)
    };
    let (ar, ac) = g.abs(r, 0);
    let mut item = Item {
        loc: Loc::cell(file, g.sheet, ar, ac + g.first_filled(r) as u32),
        end_line: ar + 1,
        ..Default::default()
    };
    // Room for the item's fields at once (and the two it may derive: 清单类别, 名称), not grown
    // one field at a time.
    let own = (0..cols.len())
        .filter(|&c| {
            matches!(cols[c], Col::Field(Scope::Item, _))
                && (!g.cell(r, c).is_empty() || s.fills.iter().any(|f| f.0 == c))
        })
        .count();
    item.fields.reserve(own + 2);
    for (c, col) in cols.iter().enumerate() {
        let (text, loc) = match g.cell(r, c) {
            "" => match s.fills.iter().find(|f| f.0 == c) {
                Some(&(_, sr, sc)) => (g.cell(sr, sc), at(sr, sc)),
                None => continue,
            },
            t => (t, at(r, c)),
        };
        match col {
            Col::Field(Scope::Item, def) => set_field(
                def,
                headers[c],
                text,
                loc,
                &mut item.fields,
                &mut item.extra,
                notes,
                opt,
            ),
            Col::Extra {
                scope: Scope::Item,
                key,
                json,
            } => item.extra.push(extra(key, text, *json, loc)),
            Col::Suppressions => item.suppressions.extend(suppressions(text, loc)),
            _ => {}
        }
    }
    // A 裁量基准's rows below the first (one per 违法行为 or 裁量阶次): their own cells add to the
    // item's, each at its cell.
    if end > r + 1 && Discretion::of(cols).is_table() {
        for row in r + 1..end {
            if not_item_row(g, row, headers, opt) {
                continue;
            }
            for (c, col) in cols.iter().enumerate() {
                let t = g.cell(row, c);
                if let Col::Field(Scope::Item, def) = col
                    && !t.is_empty()
                    && t != g.cell(r, c)
                    && !g.is_merge_filled(row, c)
                {
                    set_field(
                        def,
                        headers[c],
                        t,
                        at(row, c),
                        &mut item.fields,
                        &mut item.extra,
                        notes,
                        opt,
                    );
                }
            }
        }
    }
    if !opt.explicit
        && cols
            .iter()
            .any(|c| matches!(c, Col::Field(_, d) if d.id == F::Promised))
    {
        statutory_and_promised(&mut item);
    }
    if !opt.explicit {
        limits_in_unit_columns(&mut item, cols);
        limits_with_note_columns(&mut item, cols);
        promise_against_statutory(&mut item);
    }
    let mut cu = Cur {
        item,
        scen_row: r,
        scen_span: 0,
        filled: Default::default(),
        first_row: r,
    };
    for row in r..end {
        if not_item_row(g, row, headers, opt) {
            continue;
        }
        cu.item.end_line = g.abs(row, 0).0 + 1;
        children(&mut cu, cols, headers, (g, row, sheet), &|c| at(row, c), opt, notes);
    }
    // In an office sheet a row whose 情形, 条件 and 材料 cells are all empty is one unnamed
    // scenario too: what it lacks is its conditions and materials, said at their cells. (A CSV
    // written by `catalog convert`, in the dictionary's own headers, keeps an item without
    // scenarios as it was.)
    let no_scenario_column = !cols.iter().any(|c| c.scope() == Some(Scope::Scenario));
    if !opt.explicit && (no_scenario_column || (opt.office_headers && cu.item.scenarios.is_empty())) {
        row_scenario(&mut cu.item, cols, &|c| at(r, c));
    }
    if !opt.explicit {
        name_from_sub_item(&mut cu.item);
        if opt.office_headers {
            kingdom_from_type(&mut cu.item, opt);
        }
    }
    cu.item.shrink_to_fit();
    cu.item
}

/// A bare number under 法定办结时限 beside a 法定办结时限单位 cell (`20` | `自然日`) counts in that
/// unit, as a header naming it does (see [`limit_in_header_unit`]); shown as `20自然日`.
fn limits_in_unit_columns(item: &mut Item, cols: &[Col]) {
    for e in &item.extra {
        let Some(f) = super::header::limit_column_of(&e.key, super::header::LimitColumn::Unit, cols, None) else {
            continue;
        };
        let Some(unit) = e.value.as_str().map(str::trim).filter(|u| !u.is_empty()) else {
            continue;
        };
        let Some(limit) = item.fields.get(f) else { continue };
        let number = limit.value.display();
        let number = number.trim();
        if number.parse::<f64>().is_err() {
            continue;
        }
        let written = format!("{number}{unit}");
        let mut parsed = TimeLimit::parse(&written);
        parsed.raw = written;
        let at = limit.loc;
        item.fields.set(f, Spanned::new(Value::time(parsed), at));
    }
}

/// A 法定办结时限 beside its 法定办结时限说明 cell (`20` | `不含现场核查时间`) is qualified by it, as
/// `20个工作日（不含现场核查时间）` is: read as before, shown with the note in brackets. A placeholder
/// note (`/`, `无`) says nothing.
fn limits_with_note_columns(item: &mut Item, cols: &[Col]) {
    for e in &item.extra {
        let Some(f) = super::header::limit_column_of(&e.key, super::header::LimitColumn::Note, cols, None) else {
            continue;
        };
        let Some(note) = e.value.as_str().map(str::trim).filter(|n| !n.is_empty()) else {
            continue;
        };
        // `/`, `—`, `无`, `暂无`: the portal's filler for a limit with nothing to add.
        if note.chars().all(|c| "/／-－—无".contains(c)) || note == "暂无" {
            continue;
        }
        let Some(limit) = item.fields.time(f) else { continue };
        let at = limit.loc;
        let mut qualified = limit.value.clone();
        qualified.raw = format!("{}（{note}）", qualified.raw.trim());
        item.fields.set(f, Spanned::new(Value::time(qualified), at));
    }
}

/// A 承诺时限 written against the 法定时限 (`法定时限的50%`, `比法定时限压缩50%`,
/// `按法定时限办理`) is read as the share of a readable 法定时限, at its own cell, the text kept as
/// its qualifier (`10个工作日（法定时限的50%）`); against no readable one it stays as written
/// (L003 says it cannot be computed).
fn promise_against_statutory(item: &mut Item) {
    let Some(p) = item.fields.time(F::Promised) else { return };
    if p.value.kind != crate::model::TimeKind::Unparsed {
        return;
    }
    let Some(st) = item.fields.time(F::Statutory) else {
        return;
    };
    let Some(limit) = crate::model::relative_limit::against(&p.value.raw, st.value) else {
        return;
    };
    let at = p.loc;
    item.fields.set(F::Promised, Spanned::new(Value::time(limit), at));
}

/// A 法定时限 cell holding both limits beside a blank 承诺时限 (the two merged in the workbook, a
/// CSV keeps no merge): each limit to its field, at that cell.
fn statutory_and_promised(item: &mut Item) {
    if item.fields.has(F::Promised) {
        return;
    }
    let Some(st) = item.fields.get(F::Statutory) else {
        return;
    };
    let Some((s, p)) = crate::model::time_limit::two(&st.value.display()) else {
        return;
    };
    let at = st.loc;
    item.fields
        .set(F::Statutory, Spanned::new(Value::time(TimeLimit::parse(&s)), at));
    item.fields
        .set(F::Promised, Spanned::new(Value::time(TimeLimit::parse(&p)), at));
}

/// Scenario, acceptance point, material, step and duty cells of one row.
fn children(
    cu: &mut Cur,
    cols: &[Col],
    headers: &[&str],
    (g, r, sheet): (&Grid, usize, memo::Sheet),
    loc: &dyn Fn(usize) -> Loc,
    opt: &RowOptions,
    notes: &mut Vec<Note>,
) {
    let cell = |c: usize| g.cell(r, c);
    let row = g.abs(r, 0).0;
    let mut filled = std::mem::take(&mut cu.filled);
    filled.iter_mut().for_each(Vec::clear);
    // The scopes whose name cell says none on this row: their other cells (材料形式 原件 beside
    // 材料名称 无) describe nothing.
    let mut none_named = [false; 5];
    // The cell saying so, per scope (a detail row's 无 material is its 情形's place).
    let mut none_cell: [Option<usize>; 5] = [None; 5];
    for (c, col) in cols.iter().enumerate() {
        let Some(k) = col.scope().and_then(|s| CHILD_SCOPES.iter().position(|x| *x == s)) else {
            continue;
        };
        // A 受理条件 or 情形 cell merged down over the item's rows is one entry, said on its
        // first row, not once more on every row it covers.
        let merged_from_above = r != cu.first_row && g.is_merge_filled(r, c);
        if cell(c).is_empty() || merged_from_above {
            continue;
        }
        // A 情形 cell of `/`, `—` (rules/no-sub-item.yaml) in an office's one-row-per-item table
        // says the item is not split into 情形, as a 子项名称 cell says of a 主项: one unnamed 情形,
        // no placeholder (a 条件 or 材料 cell of `/` stays one: W005).
        let unsplit = k == 0 && !opt.explicit && is_entry_column(col) && not_split(cell(c));
        if unsplit || is_none_value(opt, cell(c)) || (!opt.explicit && k < 3 && says_none(cell(c))) {
            // The cell says the item has none: rules tell a licence's missing papers from a
            // public service that needs none by this note (M005, T005, T006).
            none_named[k] |= is_entry_column(col);
            if is_entry_column(col) {
                none_cell[k] = Some(c);
            }
            // (A detail sheet's row is not its item's row: the note is found by the 情形 it
            // gives its item once joined, see below.)
            if let Col::Field(_, d) = col
                && matches!(d.id, F::PointText | F::MaterialName)
            {
                notes.push(Note {
                    loc: loc(c),
                    kind: NoteKind::NoneGiven {
                        field: d.id,
                        said_at: None,
                    },
                    detail: cell(c).to_string(),
                });
            }
            continue;
        }
        filled[k].push(c);
    }
    for (k, none) in none_named.iter().enumerate() {
        if *none {
            filled[k].clear();
        }
    }
    // A row below of the same 情形 repeating its 条件 or 材料 cell as it was (one row per
    // material with the item's cells copied down, not merged) adds nothing: read once.
    let same_scenario = !cu.item.scenarios.is_empty() && filled[0].iter().all(|&c| g.cell(cu.scen_row, c) == cell(c));
    if same_scenario && r != cu.scen_row {
        for k in [1, 2] {
            if filled[k].iter().all(|&c| g.cell(cu.scen_row, c) == cell(c)) {
                filled[k].clear();
            }
        }
    }
    let [scen, points, mats, steps, duties] = &filled;
    // Every child node is {loc, fields, extra}, filled from its columns the same way; none when
    // the row has no cell for it, several when its name cell holds several entries. Cells met
    // before in the same columns give the same nodes, moved to this row.
    let mut read = |k: usize, cs: &[usize]| -> memo::Nodes {
        if cs.is_empty() {
            return Vec::new();
        }
        memo::nodes(sheet, k, cs, cell, row, || {
            let before = notes.len();
            let mut nodes = read_cells(cs, cols, headers, opt, &cell, loc, notes);
            if CHILD_SCOPES[k] == Scope::Material && !opt.explicit {
                nodes.iter_mut().for_each(|(_, fields, _)| annotate_material(fields));
            }
            if CHILD_SCOPES[k] == Scope::Step && !opt.explicit {
                nodes
                    .iter_mut()
                    .for_each(|(_, fields, _)| super::steps::days_in_name(fields));
            }
            (nodes, notes.len() == before)
        })
    };
    let item = &mut cu.item;
    let mut new_scenarios = 0;
    // A detail row whose 材料名称 (受理条件) says 无 gives its item a 情形 at that cell, with
    // none: the item said it needs none (T005/T006 read the note there, M005 finds the item by
    // it; detail.rs notes it at the item's own 情形 once joined).
    let none_at = none_cell[2].or(none_cell[1]).filter(|_| opt.detail_rows);
    let none_here = none_at.is_some();
    if !scen.is_empty() && !same_scenario
        || (scen.is_empty() && item.scenarios.is_empty() && (!points.is_empty() || !mats.is_empty() || none_here))
    {
        cu.scen_row = r;
        let read_scen = read(0, scen);
        if read_scen.is_empty() {
            let at = loc(points.first().or(mats.first()).copied().or(none_at).unwrap_or(0));
            item.scenarios.push(Scenario {
                loc: at,
                ..Default::default()
            });
            new_scenarios = 1;
        }
        for (at, fields, extra) in read_scen {
            item.scenarios.push(Scenario {
                loc: at,
                fields,
                extra,
                ..Default::default()
            });
            new_scenarios += 1;
        }
    }
    // Points and materials of a row belong to the scenarios it starts (all of them when one cell
    // named several: a one-row item lists its materials once for every 情形), else to the last.
    // Each node is made once (a material's name entry read once) and copied only into the
    // scenarios before the last, which takes the nodes themselves.
    let mut point_nodes: Vec<AcceptancePoint> = read(1, points)
        .into_iter()
        .map(|(loc, fields, extra)| AcceptancePoint { loc, fields, extra })
        .collect();
    let mut mat_nodes: Vec<Material> = read(2, mats)
        .into_iter()
        .map(|(loc, fields, extra)| Material { loc, fields, extra })
        .collect();
    // A row that names no 情形 but heads its materials (or points) by them names them so.
    if new_scenarios == 1 && scen.is_empty() && item.scenarios.len() == 1 {
        let named = heading_cases(&mat_nodes, |m| (m.fields.text(F::MaterialName), m.loc))
            .or_else(|| heading_cases(&point_nodes, |p| (p.fields.text(F::PointText), p.loc)));
        if let Some(named) = named {
            item.scenarios.clear();
            new_scenarios = named.len();
            for (name, at) in named {
                let mut fields = Fields::default();
                fields.set(F::ScenarioName, Spanned::new(Value::Text(name.into()), at));
                item.scenarios.push(Scenario {
                    loc: at,
                    fields,
                    ..Default::default()
                });
            }
        }
    }
    if new_scenarios > 0 {
        cu.scen_span = new_scenarios;
    }
    let span = if new_scenarios > 0 {
        new_scenarios
    } else {
        cu.scen_span.max(1)
    };
    let from = item.scenarios.len() - span.min(item.scenarios.len());
    // A cell that heads its entries by the row's 情形 (`一、个人申请：⏎1.…⏎二、企业申请：⏎1.…`)
    // gives each 情形 its own; the headings are not entries.
    // (Only asked of a row whose first point or material is a heading: every row comes here.)
    let headed = |f: Option<&Fields>, key: F| {
        f.and_then(|f| f.text(key))
            .is_some_and(|t| entries::before_colon(t).is_some())
    };
    let cases: Vec<&str> = if headed(point_nodes.first().map(|p| &p.fields), F::PointText)
        || headed(mat_nodes.first().map(|m| &m.fields), F::MaterialName)
    {
        item.scenarios[from..]
            .iter()
            .map(|s| s.fields.text(F::ScenarioName).unwrap_or(""))
            .collect()
    } else {
        Vec::new()
    };
    let point_groups = by_case(&point_nodes, |p| p.fields.text(F::PointText), &cases);
    let mat_groups = by_case(&mat_nodes, |m| m.fields.text(F::MaterialName), &cases);
    // The entries after a dropped lead-in, in its cell, are numbered from 1 again.
    let cell = |l: Loc| l.with_entry(0);
    let lead = point_nodes.first().map(|p| cell(p.loc));
    if point_groups.is_none() && drop_lead_in(&mut point_nodes, |p| p.fields.text(F::PointText)) {
        for p in point_nodes.iter_mut().filter(|p| Some(cell(p.loc)) == lead) {
            entry_before(&mut p.loc, &mut p.fields, &mut p.extra);
        }
    }
    let lead = mat_nodes.first().map(|m| cell(m.loc));
    if mat_groups.is_none() && drop_lead_in(&mut mat_nodes, |m| m.fields.text(F::MaterialName)) {
        for m in mat_nodes.iter_mut().filter(|m| Some(cell(m.loc)) == lead) {
            entry_before(&mut m.loc, &mut m.fields, &mut m.extra);
        }
    }
    let (mut point_nodes, mut mat_nodes) = (
        pick(point_nodes, point_groups.as_deref()),
        pick(mat_nodes, mat_groups.as_deref()),
    );
    if let Some((last, before)) = item.scenarios[from..].split_last_mut() {
        for (k, s) in before.iter_mut().enumerate() {
            s.acceptance_points.extend(point_nodes.for_case(k));
            s.materials.extend(mat_nodes.for_case(k));
        }
        let k = before.len();
        append(&mut last.acceptance_points, point_nodes.into_case(k));
        append(&mut last.materials, mat_nodes.into_case(k));
    }
    // The process's findings (L004, L005) are said at its first cell.
    if let Some(&c) = steps.first()
        && item.lists_loc.process.is_none()
    {
        item.lists_loc.process = Some(loc(c));
    }
    for (loc, fields, extra) in read(3, steps) {
        item.process.push(Step { loc, fields, extra });
    }
    for (loc, fields, extra) in read(4, duties) {
        item.supervision.push(Duty { loc, fields, extra });
    }
    cu.filled = filled;
}

/// For each of `cases` (the 情形 a row names), the indices of the nodes under the heading that
/// names it, when the nodes are so headed: the first is a heading (a text ending in a colon),
/// every heading names one 情形, and every 情形 has one. `None` otherwise.
fn by_case<'a, T>(nodes: &'a [T], text: impl Fn(&'a T) -> Option<&'a str>, cases: &[&str]) -> Option<Vec<Vec<usize>>> {
    let heading = entries::before_colon;
    let case_of = |t: &str| cases.iter().position(|c| !c.is_empty() && *c == t);
    heading(text(nodes.first()?)?)?;
    let mut groups: Vec<Option<Vec<usize>>> = vec![None; cases.len()];
    let mut current = 0;
    for (i, n) in nodes.iter().enumerate() {
        match text(n).and_then(heading) {
            Some(h) => {
                current = case_of(h)?;
                if groups[current].is_some() {
                    return None;
                }
                groups[current] = Some(Vec::new());
            }
            None => groups[current].as_mut()?.push(i),
        }
    }
    groups.into_iter().collect()
}

/// The 情形 a cell names by heading its entries (`一、个人申请：⏎1.…⏎二、企业申请：⏎1.…`), with
/// each heading's place: two headings or more, the first entry one of them, none twice, none
/// about the list itself.
fn heading_cases<T>(nodes: &[T], text: impl Fn(&T) -> (Option<&str>, Loc)) -> Option<Vec<(String, Loc)>> {
    entries::before_colon(text(nodes.first()?).0?)?;
    let mut found: Vec<(String, Loc)> = Vec::new();
    for n in nodes {
        let (t, at) = text(n);
        if let Some(h) = t.and_then(entries::before_colon) {
            // 一、基本条件：… 二、特殊条件：… group the list; they are no cases.
            if about_the_list(h) || found.iter().any(|(f, _)| f == h) {
                return None;
            }
            found.push((h.to_string(), at));
        }
    }
    (found.len() >= 2).then_some(found)
}

/// An entry read after a lead-in that is no entry: numbered one less, at its place and its
/// values', so `申请材料：⏎1.申请书⏎2.其他材料` says 第2项 of the entry the office numbered 2.
fn entry_before(loc: &mut Loc, fields: &mut crate::model::Fields, extra: &mut [crate::model::Extra]) {
    fn back(loc: &mut Loc) {
        if let crate::model::Pos::Cell { entry, .. } = &mut loc.pos {
            *entry = entry.saturating_sub(1);
        }
    }
    back(loc);
    for (_, v) in fields.iter_mut() {
        back(&mut v.loc);
        if let crate::model::Value::List(items) = &mut v.value {
            items.iter_mut().for_each(|i| back(&mut i.loc));
        }
    }
    extra.iter_mut().for_each(|e| back(&mut e.loc));
}

/// Drop a cell's lead-in (`申请材料：`, `申请条件如下：` before its entries; rules/lead-ins.yaml):
/// it introduces the list and is no entry of it. Whether it was dropped.
fn drop_lead_in<T>(nodes: &mut Vec<T>, text: impl for<'n> Fn(&'n T) -> Option<&'n str>) -> bool {
    // Only a lead-in of one clause: `申请人应当遵守中国法律，身体健康，并符合下列条件之一：`
    // says conditions of its own before introducing the rest.
    let lead_in = nodes.len() > 1
        && text(&nodes[0])
            .and_then(entries::before_colon)
            .is_some_and(|h| about_the_list(h) && !h.contains(['，', ',', '；', ';', '。']))
        && nodes[1..]
            .iter()
            .all(|n| text(n).and_then(entries::before_colon).is_none());
    if lead_in {
        nodes.remove(0);
    }
    lead_in
}

/// Whether a heading speaks of the list itself (申请材料, 基本条件, 以下材料; rules/lead-ins.yaml),
/// not of a case.
fn about_the_list(heading: &str) -> bool {
    static WORDS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    let words = word_list(&WORDS, include_str!("../../../rules/lead-ins.yaml"));
    words.iter().any(|w| heading.contains(w.as_str()))
}

/// The `words:` of a word-list file under rules/ (embedded), read once into `cell`.
fn word_list(cell: &'static std::sync::OnceLock<Vec<String>>, yaml: &'static str) -> &'static [String] {
    cell.get_or_init(|| {
        #[derive(serde::Deserialize)]
        struct Words {
            words: Vec<String>,
        }
        let v: Words = serde_saphyr::from_str(yaml).expect("an embedded word list is valid (checked by tests)");
        v.words
    })
}

/// A row's points or materials: the same for every 情形, or each 情形's own ([`by_case`]).
enum Nodes<T> {
    Shared(Vec<T>),
    ByCase(Vec<Vec<T>>),
}

fn pick<T>(nodes: Vec<T>, groups: Option<&[Vec<usize>]>) -> Nodes<T> {
    let Some(groups) = groups else {
        return Nodes::Shared(nodes);
    };
    let mut slots: Vec<Option<T>> = nodes.into_iter().map(Some).collect();
    Nodes::ByCase(
        groups
            .iter()
            .map(|g| g.iter().filter_map(|&i| slots[i].take()).collect())
            .collect(),
    )
}

impl<T: Clone> Nodes<T> {
    /// The nodes of 情形 `k` but the last: copies when shared.
    fn for_case(&mut self, k: usize) -> Vec<T> {
        match self {
            Nodes::Shared(v) => v.clone(),
            Nodes::ByCase(g) => std::mem::take(&mut g[k]),
        }
    }
    /// The nodes of the last 情形, `k`.
    fn into_case(self, k: usize) -> Vec<T> {
        match self {
            Nodes::Shared(v) => v,
            Nodes::ByCase(mut g) => std::mem::take(&mut g[k]),
        }
    }
}

/// The nodes of one row's cells `cs` of a scope: one, or one per entry of its name cell.
fn read_cells<'a>(
    cs: &[usize],
    cols: &[Col],
    headers: &[&str],
    opt: &RowOptions,
    cell: &impl Fn(usize) -> &'a str,
    loc: &dyn Fn(usize) -> Loc,
    notes: &mut Vec<Note>,
) -> memo::Nodes {
    let Some(&first) = cs.first() else { return Vec::new() };
    let entries = cs
        .iter()
        .find(|&&c| is_entry_column(&cols[c]))
        .filter(|_| !opt.explicit)
        .map(|&c| match &cols[c] {
            Col::Field(_, d) if d.id == F::MaterialName => (c, entries::split_materials(cell(c))),
            Col::Field(_, d) if d.id == F::ScenarioName => (c, entries::split_cases(cell(c))),
            Col::Field(_, d) if d.id == F::StepName => (c, super::steps::split(cell(c))),
            _ => (c, entries::split(cell(c))),
        })
        // One entry is read as the cell unless its list number 1 was dropped.
        .filter(|(c, e)| e.len() > 1 || e.first().is_some_and(|one| *one != cell(*c).trim()));
    let n = entries.as_ref().map_or(1, |(_, e)| e.len());
    // Columns beside the name listing one entry for each of its entries (材料名称 `1.申请书⏎
    // 2.营业执照` | 材料形式 `1.原件⏎2.复印件` | 份数 `1⏎2`) give each entry its own.
    let parallel: Vec<Option<Vec<&str>>> = cs
        .iter()
        .map(|&c| {
            (n > 1 && entries.as_ref().is_some_and(|(ec, _)| *ec != c))
                .then(|| entries::split(cell(c)))
                .filter(|e| e.len() == n)
        })
        .collect();
    (0..n)
        .map(|k| {
            let (mut fields, mut extra) = (Fields::default(), Vec::new());
            // A cell makes at most one field: room for them all, and nothing to shrink later.
            fields.reserve(cs.len());
            let mut at = loc(first);
            for (j, &c) in cs.iter().enumerate() {
                match (&entries, &parallel[j]) {
                    (Some((ec, e)), _) if *ec == c => {
                        at = if n > 1 { loc(c).with_entry(k + 1) } else { loc(c) };
                        put(&cols[c], headers[c], e[k], at, &mut fields, &mut extra, notes, opt);
                    }
                    (_, Some(e)) => {
                        let at = loc(c).with_entry(k + 1);
                        put(&cols[c], headers[c], e[k], at, &mut fields, &mut extra, notes, opt);
                    }
                    _ => put(
                        &cols[c],
                        headers[c],
                        cell(c),
                        loc(c),
                        &mut fields,
                        &mut extra,
                        notes,
                        opt,
                    ),
                }
            }
            (at, fields, extra)
        })
        .collect()
}

/// Without a 情形 column an item is one scenario, its row: made even when its material and point
/// cells are empty, and placed at the empty one, so that what it lacks is reported at its cell.
fn row_scenario(item: &mut Item, cols: &[Col], at: &dyn Fn(usize) -> Loc) {
    let first_of = |scope| cols.iter().position(|c| c.scope() == Some(scope));
    let (mats, points) = (first_of(Scope::Material), first_of(Scope::Point));
    let Some(any) = mats.or(points) else { return };
    if item.scenarios.is_empty() {
        item.scenarios.push(Scenario {
            loc: at(any),
            ..Default::default()
        });
    }
    if let [s] = item.scenarios.as_mut_slice() {
        let empty = if s.materials.is_empty() {
            mats
        } else if s.acceptance_points.is_empty() {
            points
        } else {
            None
        };
        if let Some(c) = empty {
            s.loc = at(c);
        }
    }
}

/// Where a table's footer starts: the first of the lines below the data that sign or annotate
/// the table (`填表人：张三`, `注：1.…`, `说明：…`), with the short lines after it (a note's
/// second line). A row below with three or more cells filled is data: the footer starts below
/// it, if at all, so no item is left out.
fn footer_start(g: &Grid, header_row: usize) -> usize {
    let mut start = g.height();
    for r in (header_row + 1..g.height()).rev() {
        let filled = (0..g.row_width(r)).filter(|&c| !g.cell(r, c).is_empty()).count();
        if filled == 0 {
            continue;
        }
        if is_footer_line(g, r) {
            start = r;
        } else if filled >= 3 {
            break;
        }
    }
    start
}

/// A line that annotates or signs the table: led by `注：` `填表说明：` … (or by the word alone
/// in its cell, the note in the next: `备注 | 本表时限均为工作日`), or a signature line.
fn is_footer_line(g: &Grid, r: usize) -> bool {
    first_text(g, r).is_some_and(|t| {
        let note = t.trim_end_matches(['：', ':']).trim_end();
        leads_with(t, &footers().leads) || footers().note_words.iter().any(|w| w == note)
    }) || is_signature_row(g, r)
}

/// A line that signs the table (`单位负责人：张三  填表人：李四  联系电话：…  审核人：`): each filled
/// cell starts with a label ending as a signer's, a phone or a date does, then a colon; two such
/// labels or more, or one naming a signer (负责人, 填表人 …). An item row names an item, which no
/// such label does; a material row of its own (`法定代表人：身份证明`) has one label, no signer's.
fn is_signature_row(g: &Grid, r: usize) -> bool {
    let (mut filled, mut labels, mut signer) = (0, 0, false);
    for c in 0..g.row_width(r) {
        let t = crate::text::trim(g.cell(r, c));
        if t.is_empty() {
            continue;
        }
        filled += 1;
        if filled > 8 {
            return false;
        }
        // `单位负责人：张三    填表人：李四` in one cell: each part after a space may be another.
        for (k, part) in t.split_whitespace().enumerate() {
            let label = part
                .split_once(['：', ':'])
                .map(|(l, _)| l)
                .filter(|l| l.chars().count() <= 10 && footers().label_ends.iter().any(|e| l.ends_with(e.as_str())));
            match label {
                Some(l) => {
                    labels += 1;
                    signer |= footers().signers.iter().any(|e| l.ends_with(e.as_str()));
                }
                None if k == 0 => return false,
                None => {}
            }
        }
    }
    labels >= 2 || signer
}

/// The words of table footers (rules/footers.yaml): how annotating, signing and total lines
/// begin, the words heading a note in a cell of their own, how a signature line's labels end.
#[derive(serde::Deserialize)]
struct Footers {
    leads: Vec<String>,
    note_words: Vec<String>,
    label_ends: Vec<String>,
    signers: Vec<String>,
    totals: Vec<String>,
}

fn footers() -> &'static Footers {
    static WORDS: std::sync::OnceLock<Footers> = std::sync::OnceLock::new();
    WORDS.get_or_init(|| {
        serde_saphyr::from_str(include_str!("../../../rules/footers.yaml"))
            .expect("rules/footers.yaml is valid (checked by tests)")
    })
}

/// The elements of `v` whose flag in `drop` is not set.
fn without<T>(v: Vec<T>, drop: &[bool]) -> Vec<T> {
    v.into_iter().zip(drop).filter(|(_, d)| !**d).map(|(x, _)| x).collect()
}

/// A row that is none of an item's: empty, a section or total line, a copy of the header.
fn not_item_row(g: &Grid, r: usize, headers: &[&str], opt: &RowOptions) -> bool {
    g.row_is_empty(r)
        || (!opt.explicit && (is_section_row(g, r) || is_header_copy(g, r, headers) || is_column_numbers(g, r)))
}

/// A row that numbers the columns (`1 2 3 …` or `（1）（2）（3）…` under the header, as printed
/// forms do so that a note can say “第5栏”): three or more cells, each the number after the one
/// before it. No item row is only numbers counting up.
fn is_column_numbers(g: &Grid, r: usize) -> bool {
    let mut last: Option<u32> = None;
    let mut count = 0;
    for c in 0..g.row_width(r) {
        let t = crate::text::trim(g.cell(r, c));
        if t.is_empty() {
            continue;
        }
        let inner = t
            .strip_prefix(['（', '('])
            .and_then(|t| t.strip_suffix(['）', ')']))
            .unwrap_or(t);
        match inner.parse::<u32>() {
            Ok(k) if last.is_none_or(|l| k == l + 1) => last = Some(k),
            _ => return false,
        }
        count += 1;
    }
    count >= 3
}

/// A copy of the header between items (tables of several offices pasted into one sheet, a
/// header repeated for each printed page): its cells are the headers of their columns, or parts
/// of them (`法定` under a two-row `办理时限 › 法定`).
fn is_header_copy(g: &Grid, r: usize, headers: &[&str]) -> bool {
    let (mut filled, mut same) = (0, 0);
    for c in 0..g.row_width(r) {
        let t = crate::text::trim(g.cell(r, c));
        // A value merged down over the row is the rows' above, not this row's.
        if t.is_empty() || g.is_merge_filled(r, c) {
            continue;
        }
        filled += 1;
        let head = headers.get(c).map_or("", |h| h.trim());
        same += (!head.is_empty() && (head == t || t.chars().count() >= 2 && head.contains(t))) as usize;
        // An item row shows it in its first cells (序号 1, a code): every row asks.
        if filled >= 2 && same == 0 {
            return false;
        }
    }
    same >= 2 && same * 5 >= filled * 4
}

/// The first filled cell of row `r`, trimmed.
fn first_text(g: &Grid, r: usize) -> Option<&str> {
    (0..g.row_width(r)).map(|c| g.cell(r, c).trim()).find(|t| !t.is_empty())
}

fn leads_with(t: &str, leads: &[String]) -> bool {
    leads.iter().any(|l| t.starts_with(l.as_str()))
}

/// A section row between items (`一、行政许可（共25项）`, `第二部分 行政处罚`): one text merged
/// across the row (so repeated in every cell) or alone in it, numbered as a section; or a total
/// line (`合计：共25项`), or a footer line (`填表人：…`) wherever it stands. It heads, sums or
/// signs the rows around it and is not an item.
fn is_section_row(g: &Grid, r: usize) -> bool {
    if first_text(g, r).is_some_and(|t| leads_with(t, &footers().totals) || leads_with(t, &footers().leads))
        || is_signature_row(g, r)
    {
        return true;
    }
    let mut first: Option<&str> = None;
    let mut count = 0;
    for c in 0..g.row_width(r) {
        let t = g.cell(r, c);
        if t.is_empty() {
            continue;
        }
        match first {
            None => first = Some(t),
            Some(f) if f != t => return false,
            _ => {}
        }
        count += 1;
    }
    let Some(t) = first else { return false };
    count >= 3 || is_section_title(t)
}

fn is_section_title(t: &str) -> bool {
    let t = t.trim();
    // `行政许可（5项）`, `市场监管局 共12项`: a heading counting the items below it (saved as
    // CSV, its merge across the row is lost and it is one cell), never an item's name.
    if super::heading_type::without_count(t) != t {
        return true;
    }
    let after_cn = |s: &str| s.trim_start_matches(|c: char| "一二三四五六七八九十".contains(c)).len() < s.len();
    (after_cn(t)
        && t.trim_start_matches(|c: char| "一二三四五六七八九十".contains(c))
            .starts_with('、'))
        || t.strip_prefix('第')
            .is_some_and(|r| after_cn(r) && (r.contains('部') || r.contains('类') || r.contains('章')))
        || t.strip_prefix('（').is_some_and(|r| {
            after_cn(r)
                && r.trim_start_matches(|c: char| "一二三四五六七八九十".contains(c))
                    .starts_with('）')
        })
}

/// A power list names the 主项 in one column and the 子项 in another: the row is the 子项, so
/// the item is named by its 子项 (by the 主项 when it has none, the 主项 not being split). A 主项
/// not split is coded by its 主项编码 when the row has no code of its own.
fn name_from_sub_item(item: &mut Item) {
    // 子项名称 无, —, 不分子项 (rules/no-sub-item.yaml): the 主项 is not split; its 子项 is itself.
    let said_unsplit = item.fields.text(F::SubItem).is_some_and(not_split);
    if said_unsplit && let Some(main) = item.fields.get(F::MainItem).cloned() {
        item.fields.set(F::SubItem, main);
    }
    unnumber_sub_item(item, F::SubItem);
    unnumber_sub_item(item, F::Name);
    if item.fields.get(F::Name).is_some() {
        return;
    }
    if item.fields.get(F::Code).is_none()
        && (said_unsplit || item.fields.get(F::SubItem).is_none())
        && let Some(v) = item.fields.get(F::MainCode).cloned()
    {
        item.fields.set(F::Code, v);
    }
    let from = item
        .fields
        .get(F::SubItem)
        .or_else(|| item.fields.get(F::MainItem))
        .cloned();
    if let Some(v) = from {
        item.fields.set(F::Name, v);
    }
}

/// Whether a 子项名称 cell says the 主项 is not split (`无`, `—`, `不分子项`; rules/no-sub-item.yaml).
fn not_split(sub: &str) -> bool {
    static WORDS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    let words = word_list(&WORDS, include_str!("../../../rules/no-sub-item.yaml"));
    words.iter().any(|w| w == sub.trim())
}

/// A 子项 numbered under its 主项 (`（1）对非法占用土地的处罚`, `1.经营性人力资源服务机构设立许可`),
/// in the 子项 column or in the name column of a row under a 主项, is named without the number:
/// the number says where it stands, and two 子项 alike must stay alike (X005).
fn unnumber_sub_item(item: &mut Item, f: F) {
    let Some((text, at)) = item.fields.text_at(f) else {
        return;
    };
    if f == F::Name && item.fields.text(F::MainItem).is_none_or(|m| m.trim() == text.trim()) {
        return;
    }
    if let Some(rest) = entries::strip_number(text)
        .map(|(_, rest)| rest)
        .or_else(|| strip_sub_number(text))
        && !rest.is_empty()
    {
        let v = Spanned::new(Value::Text(rest.into()), at);
        item.fields.set(f, v);
    }
}

/// A 子项 numbered under its 主项 with both numbers (`1.1对…的处罚`, `2-3、…`): the name after
/// them. Not a measure (`1.5米以上…`, `2.5吨`): the name must begin with neither a digit nor a unit.
fn strip_sub_number(text: &str) -> Option<&str> {
    const UNITS: &str = "米吨元万亿千百倍克升度%％平立个年月日天时分秒级次人户台辆公亩";
    let t = text.trim_start();
    let digits = |s: &str| s.bytes().take_while(u8::is_ascii_digit).count();
    let a = digits(t);
    if a == 0 || a > 3 {
        return None;
    }
    let rest = t[a..].strip_prefix(['.', '．', '-', '－'])?;
    let b = digits(rest);
    if b == 0 || b > 3 {
        return None;
    }
    let rest = rest[b..].trim_start_matches(['、', '.', '．', ' ', '　']);
    let first = rest.chars().next()?;
    (!first.is_ascii_digit() && !UNITS.contains(first)).then_some(rest)
}

/// An office sheet rarely writes the 清单类别 (界): it follows from the 事项类型 (门), as the
/// taxonomy places each type under one list kind. Read at the type's cell.
fn kingdom_from_type(item: &mut Item, opt: &RowOptions) {
    if item.fields.get(F::Kingdom).is_some() {
        return;
    }
    let Some(t) = item.fields.get(F::Phylum) else { return };
    let tax = taxonomy(opt);
    let Some((i, _)) = tax.rank_of_field(F::Phylum) else {
        return;
    };
    if let Value::Text(v) = &t.value
        && let Some(k) = tax.parent_of(i, v.trim())
    {
        let v = Spanned::new(Value::Text(k.into()), t.loc);
        item.fields.set(F::Kingdom, v);
    }
}

/// Whether a 情形, 受理条件 or 申请材料 cell says the item has none (`无`, `无需提交材料`;
/// rules/none-entries.yaml): not a placeholder, and not an entry.
fn says_none(cell: &str) -> bool {
    static WORDS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    let words = word_list(&WORDS, include_str!("../../../rules/none-entries.yaml"));
    let v = crate::text::trim(cell).trim_end_matches(['。', '.', '；', ';']);
    words.iter().any(|w| w == v)
}

/// The column that names a child node: a cell of it may hold several entries.
fn is_entry_column(col: &Col) -> bool {
    matches!(col, Col::Field(_, d) if matches!(d.id, F::ScenarioName | F::PointText | F::MaterialName | F::StepName))
}

/// A material whose name entry says its form, copies or a note in brackets (`申请书（原件1份）`):
/// those become its fields when no column gave them; the name keeps what is left.
fn annotate_material(fields: &mut Fields) {
    form_column(fields);
    form_in_note(fields);
    if let Some(name) = fields.get(F::MaterialName)
        && let Value::Text(t) = &name.value
    {
        let at = name.loc;
        let m = entries::material(t);
        if m.name != t.as_str() {
            // What the entry says, taken out of the name it borrows from before the fields change.
            let (name, form, copies) = (CompactString::from(m.name), m.form, m.copies);
            let note = m.note.map(CompactString::from);
            // Room for what the entry adds, so that the node needs no shrinking afterwards.
            let adds = [
                form.is_some() && fields.get(F::Form).is_none(),
                copies.is_some() && fields.get(F::Copies).is_none(),
                note.is_some() && fields.get(F::MaterialNote).is_none(),
            ];
            fields.reserve(adds.iter().filter(|a| **a).count());
            if let (Some(f), None) = (form, fields.get(F::Form)) {
                fields.set(F::Form, Spanned::new(Value::Text(f.into()), at));
            }
            if let (Some(n), None) = (copies, fields.get(F::Copies)) {
                fields.set(F::Copies, Spanned::new(Value::Int(n), at));
            }
            if let (Some(n), None) = (note, fields.get(F::MaterialNote)) {
                fields.set(F::MaterialNote, Spanned::new(Value::Text(n), at));
            }
            fields.set(F::MaterialName, Spanned::new(Value::Text(name), at));
        }
    }
}

/// A 材料形式 column written as offices do (`原件及复印件`, `原件、复印件各1份`): the dictionary's
/// form, and its copies when no column gave them; what it said beyond form and copies stays as
/// the material's note. A form the dictionary knows, or text naming none, is left as written.
fn form_column(fields: &mut Fields) {
    let Some(v) = fields.get(F::Form) else { return };
    let Value::Text(t) = &v.value else { return };
    if F::Form.def().values.contains(&crate::text::trim(t)) {
        return;
    }
    let Some((form, copies, all)) = entries::form_cell(t) else {
        return;
    };
    let (at, note) = (v.loc, (!all).then(|| CompactString::from(crate::text::trim(t))));
    fields.set(F::Form, Spanned::new(Value::Text(form.into()), at));
    if let (Some(n), None) = (copies, fields.get(F::Copies)) {
        fields.set(F::Copies, Spanned::new(Value::Int(n), at));
    }
    if let (Some(n), None) = (note, fields.get(F::MaterialNote)) {
        fields.set(F::MaterialNote, Spanned::new(Value::Text(n), at));
    }
}

/// A 材料要求 or 填报须知 column saying the form (`原件`, `复印件加盖公章`, `原件1份`) beside no
/// 材料形式 column: its form (and copies) are the material's, what it says beyond them its note.
fn form_in_note(fields: &mut Fields) {
    if fields.get(F::Form).is_some() {
        return;
    }
    let Some(v) = fields.get(F::MaterialNote) else { return };
    let Value::Text(t) = &v.value else { return };
    let Some((form, copies, all)) = entries::form_cell(t) else {
        return;
    };
    let at = v.loc;
    if all {
        fields.remove(F::MaterialNote);
    }
    fields.set(F::Form, Spanned::new(Value::Text(form.into()), at));
    if let (Some(n), None) = (copies, fields.get(F::Copies)) {
        fields.set(F::Copies, Spanned::new(Value::Int(n), at));
    }
}

/// A value meaning "none" (`无`, also as `无。`: one behaviour for both).
pub fn is_none_value(opt: &RowOptions, v: &str) -> bool {
    let v = crate::text::trim_end(crate::text::trim(v).trim_end_matches(['。', '.', '；', ';']));
    opt.empty_values.iter().any(|e| e == v)
}

#[allow(clippy::too_many_arguments)] // the row context, passed down as it is
fn put(
    col: &Col,
    header: &str,
    text: &str,
    at: Loc,
    fields: &mut Fields,
    extras: &mut Vec<Extra>,
    notes: &mut Vec<Note>,
    opt: &RowOptions,
) {
    match col {
        // A full stop ending a condition or a 情形 (`1.申请人具有经营场所。2.…`) is no part of
        // it, as for a material's name (`entries::material`).
        Col::Field(_, def) if !opt.explicit && matches!(def.id, F::PointText | F::ScenarioName) => {
            let text = crate::text::trim(text).trim_end_matches('。');
            set_field(def, header, text, at, fields, extras, notes, opt)
        }
        Col::Field(_, def) => set_field(def, header, text, at, fields, extras, notes, opt),
        Col::Extra { key, json, .. } => extras.push(extra(key, text, *json, at)),
        _ => {}
    }
}

fn extra(key: &str, text: &str, json: bool, at: Loc) -> Extra {
    let value = if json {
        serde_json::from_str(text).unwrap_or_else(|_| serde_json::Value::String(text.to_string()))
    } else {
        serde_json::Value::String(text.to_string())
    };
    Extra {
        key: key.to_string(),
        value,
        loc: at,
    }
}

/// `T003: 原因` per line.
fn suppressions(text: &str, at: Loc) -> Vec<Suppression> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| {
            let (rule, reason) = match l.split_once([':', '：']) {
                Some((r, why)) => (r.trim(), Some(why.trim().to_string())),
                None => (l, None),
            };
            Suppression {
                rule: rule.to_string(),
                reason,
                loc: at,
            }
        })
        .collect()
}

/// Two cells of 实施编码 (31 characters) and 业务办理项编码 (33: the same and the 办理项 number) say
/// one code when the longer starts with the shorter.
pub(super) fn one_code(a: &str, b: &str) -> bool {
    let (a, b) = (a.trim(), b.trim());
    a.starts_with(b) || b.starts_with(a)
}

/// Store a cell as the field's kind. A value that does not fit (`多次` for a count) is kept as
/// an extra under the field's Chinese name and noted, never dropped. A second column for a field
/// already set in this row is kept as an extra too.
#[allow(clippy::too_many_arguments)] // the row context, passed down as it is
pub fn set_field(
    def: &'static FieldDef,
    header: &str,
    text: &str,
    at: Loc,
    fields: &mut Fields,
    extras: &mut Vec<Extra>,
    notes: &mut Vec<Note>,
    opt: &RowOptions,
) {
    // A 权责清单 with a 责任事项 column per stage (受理责任 | 审查责任 | 决定责任 …, often under a
    // 责任事项 group): each entry names its stage, as one 责任事项 cell writes it (1.受理责任：…).
    let staged;
    let text = match crate::text::trim(header) {
        stage
            if def.id == F::Duties
                && !opt.explicit
                && stage != def.zh
                && stage.ends_with("责任")
                && !text.trim_start().starts_with(stage)
                && !is_none_value(opt, text) =>
        {
            staged = format!("{stage}：{}", text.trim());
            staged.as_str()
        }
        _ => text,
    };
    // A level mark column (行使层级 › 省级 | 市级 | 县级): a ticked cell adds its level.
    if def.id == F::Level
        && !opt.explicit
        && let Some(level) = super::header::level_mark(header)
    {
        return mark_level(level, header, text, at, fields, extras, notes);
    }
    // Two columns of lines for one field (设定依据 and 实施依据 of a power list) both hold
    // entries of it: the second's are added to the first's.
    if def.kind == Kind::Lines
        && !opt.explicit
        && fields.has(def.id)
        && !is_none_value(opt, text)
        && let Some((
            _,
            Spanned {
                value: Value::List(list),
                ..
            },
        )) = fields.iter_mut().find(|(f, _)| *f == def.id)
    {
        let parts = split_cell(text, def.kind, false);
        let several = parts.len() > 1;
        list.extend(
            parts
                .into_iter()
                .enumerate()
                .map(|(k, s)| Spanned::new(s, if several { at.with_entry(k + 1) } else { at })),
        );
        return;
    }
    // One 办理时限 cell giving both limits (法定：20个工作日；承诺：5个工作日, 20个工作日（法定）
    // 5个工作日（承诺）): each to its field.
    if matches!(def.id, F::Promised | F::Statutory)
        && !opt.explicit
        && let Some((statutory, promised)) = crate::model::time_limit::both(text)
    {
        for (f, part) in [(F::Statutory, statutory), (F::Promised, promised)] {
            if !fields.has(f) {
                fields.set(f, Spanned::new(Value::time(TimeLimit::parse(part)), at));
            }
        }
        return;
    }
    // 实施编码 (31) beside 业务办理项编码 (33, the same code and the 办理项 number): one code, the
    // longer says all the shorter does.
    if def.id == F::ImplementationCode
        && let Some(first) = fields.text(def.id)
        && one_code(first, text)
    {
        if text.trim().len() > first.trim().len() {
            fields.set(def.id, Spanned::new(Value::Text(text.into()), at));
        }
        return;
    }
    // The two differ: a row of a portal's export is its 业务办理项, so the 办理项's own code is the
    // one checked (a malformed one is found at its cell), the 实施编码 kept beside it. The column
    // says so (办理项编码, also wrapped 办理⏎项编码), or its 33 characters beside the other's 31.
    if def.id == F::ImplementationCode
        && let Some(first) = fields.get(def.id).cloned()
        && (super::header::normalize(header).contains("办理项")
            || (crate::text::trim(text).chars().count() == 33
                && crate::text::trim(&first.value.display()).chars().count() == 31))
    {
        let shown = first.value.display();
        notes.push(Note {
            loc: first.loc,
            kind: NoteKind::Conflict {
                field: crate::text::trim(header).to_string(),
                first: text.to_string(),
                second: shown.clone(),
            },
            detail: def.zh.to_string(),
        });
        extras.push(Extra {
            key: def.zh.to_string(),
            value: serde_json::Value::String(shown),
            loc: first.loc,
        });
        fields.set(def.id, Spanned::new(Value::Text(text.into()), at));
        return;
    }
    if let Some(first) = fields.get(def.id) {
        let shown = first.value.display();
        if shown != text {
            notes.push(Note {
                loc: at,
                kind: NoteKind::Conflict {
                    field: def.zh.to_string(),
                    first: shown,
                    second: text.to_string(),
                },
                detail: header.to_string(),
            });
        }
        extras.push(Extra {
            key: header.to_string(),
            value: serde_json::Value::String(text.to_string()),
            loc: at,
        });
        return;
    }
    let value = match def.kind {
        Kind::Text => Value::Text(text.into()),
        Kind::Time => Value::time(limit_in_header_unit(header, text)),
        Kind::List | Kind::Lines => {
            if is_none_value(opt, text) {
                Value::list(Vec::new())
            } else {
                let mut parts = split_cell(text, def.kind, opt.explicit);
                if def.id == F::Level && !opt.explicit {
                    parts = levels_apart(parts);
                    // `市、县（区）两级` says its levels in one: cut apart, its parts say none.
                    use crate::model::level::Level;
                    if parts.len() > 1
                        && !parts.iter().all(|p| Level::parse_many(p).is_some())
                        && Level::parse_many(text).is_some()
                    {
                        parts = vec![text.trim().to_string()];
                    }
                }
                let several = parts.len() > 1;
                Value::list(
                    parts
                        .into_iter()
                        .enumerate()
                        .map(|(k, s)| Spanned::new(s, if several { at.with_entry(k + 1) } else { at }))
                        .collect(),
                )
            }
        }
        // A visits cell of “/” or “—” gives no count, as a blank one does (V005 says so).
        Kind::Int if def.id == F::Visits && matches!(text.trim(), "/" | "／" | "-" | "－" | "—" | "——" | "--") =>
        {
            return;
        }
        Kind::Int if def.id == F::Visits => match crate::model::time_limit::visits(text) {
            Some(n) => Value::Int(n),
            None => return bad(header, text, at, extras, notes),
        },
        Kind::Int => match crate::model::time_limit::count(text) {
            Some(n) => Value::Int(n),
            None => return bad(header, text, at, extras, notes),
        },
        Kind::Num => match text.trim_end_matches(['%', '％']).trim().parse::<f64>() {
            Ok(n) if n.is_finite() => Value::Num(n),
            // A step's 办理时限 as written (1个工作日, 即办): its working days.
            _ if def.id == F::StepDays
                && let Some(n) = TimeLimit::parse(text).work_days()
                && !text.contains("自然日")
                && !text.contains(['天', '月', '年', '时']) =>
            {
                Value::Num(n)
            }
            _ => return bad(header, text, at, extras, notes),
        },
        Kind::Bool => match parse_bool(text) {
            Some(b) => Value::Bool(b),
            None => return bad(header, text, at, extras, notes),
        },
    };
    fields.set(def.id, Spanned::new(value, at));
}

/// A cell of a level mark column: ticked (√, ●, 是, or the level's own name), its level joins
/// the item's at this cell; not ticked (否, ×, —), nothing; anything else is kept and noted.
fn mark_level(
    level: crate::model::level::Level,
    header: &str,
    text: &str,
    at: Loc,
    fields: &mut Fields,
    extras: &mut Vec<Extra>,
    notes: &mut Vec<Note>,
) {
    use crate::model::level::Level;
    match Level::mark(text) {
        Some(false) => return,
        Some(true) => {}
        None if Level::parse(text) == Some(level) => {}
        None => return bad(header, text, at, extras, notes),
    }
    // A note beside the mark (`√（委托）`) is kept as written.
    if text.trim().ends_with(['）', ')']) {
        extras.push(Extra {
            key: header.to_string(),
            value: serde_json::Value::String(text.to_string()),
            loc: at,
        });
    }
    let entry = Spanned::new(level.name().to_string(), at);
    if let Some((
        _,
        Spanned {
            value: Value::List(list),
            ..
        },
    )) = fields.iter_mut().find(|(f, _)| *f == F::Level)
    {
        list.push(entry);
    } else {
        fields.set(F::Level, Spanned::new(Value::list(vec![entry]), at));
    }
}

/// Levels written apart by spaces only (`市级 县级`): each a level, when every one is.
fn levels_apart(parts: Vec<String>) -> Vec<String> {
    use crate::model::level::Level;
    if !parts.iter().any(|p| p.trim().contains(char::is_whitespace)) {
        return parts;
    }
    parts
        .into_iter()
        .flat_map(|p| {
            let words: Vec<String> = p.split_whitespace().map(str::to_string).collect();
            if words.len() > 1 && words.iter().all(|w| Level::parse(w).is_some()) {
                words
            } else {
                vec![p]
            }
        })
        .collect()
}

/// A bare number under a header that names its unit (`法定期限（日）`, `承诺时限(自然日)`,
/// `时限（月）`) counts in that unit; under any other header it is working days. Kept as written.
fn limit_in_header_unit(header: &str, text: &str) -> TimeLimit {
    let t = text.trim();
    let unit = header
        .trim()
        .strip_suffix(['）', ')'])
        .and_then(|h| h.rsplit_once(['（', '(']))
        .map(|(_, u)| u.trim())
        .filter(|u| matches!(*u, "日" | "天" | "自然日" | "月" | "个月" | "小时"));
    match unit {
        Some(u) if !t.is_empty() && t.parse::<f64>().is_ok() => TimeLimit {
            raw: text.to_string(),
            kind: TimeLimit::parse(&format!("{t}{u}")).kind,
        },
        _ => TimeLimit::parse(text),
    }
}

fn bad(header: &str, text: &str, at: Loc, extras: &mut Vec<Extra>, notes: &mut Vec<Note>) {
    extras.push(Extra {
        key: header.to_string(),
        value: serde_json::Value::String(text.to_string()),
        loc: at,
    });
    notes.push(Note {
        loc: at,
        kind: NoteKind::BadValue,
        detail: format!("{header}={text}"),
    });
}

/// A multi-line cell is a list, one entry per line ("1.…" numbering dropped when every line has
/// it); a one-line cell is split on list separators (List) or on "；" (Lines, hand-made sheets).
pub fn split_cell(text: &str, kind: Kind, explicit: bool) -> Vec<String> {
    if text.contains('\n') {
        let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
        if explicit {
            return lines.into_iter().map(str::to_string).collect();
        }
        let lines = quoted_lines_joined(lines);
        let numbered = lines.len() > 1 && lines.iter().all(|l| strip_number(l).is_some());
        return lines
            .into_iter()
            .map(|l| if numbered { strip_number(&l).unwrap_or(&l) } else { &l }.to_string())
            .collect();
    }
    match kind {
        Kind::List if explicit => vec![text.to_string()],
        Kind::List => split_list(text),
        _ if explicit => vec![text.to_string()],
        _ => match entries::split(text) {
            parts if parts.is_empty() => vec![text.to_string()],
            parts => parts.into_iter().map(str::to_string).collect(),
        },
    }
}

/// Lines inside a quotation (a 处罚依据 quoting its article: `《…》第十条：“…：⏎（一）…；⏎（二）…。”`)
/// are that one entry, not entries of their own; a quote never closed ends at the cell's end.
fn quoted_lines_joined(lines: Vec<&str>) -> Vec<std::borrow::Cow<'_, str>> {
    use std::borrow::Cow;
    let mut out: Vec<Cow<str>> = Vec::with_capacity(lines.len());
    let mut open = 0i32;
    for l in lines {
        match out.last_mut() {
            Some(last) if open > 0 => last.to_mut().push_str(l),
            _ => out.push(Cow::Borrowed(l)),
        }
        open += l.matches('“').count() as i32 - l.matches('”').count() as i32;
        open = open.max(0);
    }
    out
}

/// `1.` `1、` `(1)` `（1）` `①` at the start of a line.
fn strip_number(l: &str) -> Option<&str> {
    let t = l.trim_start();
    let digits = t.chars().take_while(|c| c.is_ascii_digit()).count();
    if digits > 0 {
        let rest = &t[digits..];
        for sep in ['.', '、', '．', ')', '）'] {
            if let Some(r) = rest.strip_prefix(sep) {
                return Some(r.trim_start());
            }
        }
        return None;
    }
    for (open, close) in [('(', ')'), ('（', '）')] {
        if let Some(r) = t.strip_prefix(open) {
            let d = r.chars().take_while(|c| c.is_ascii_digit()).count();
            if d > 0
                && let Some(r) = r[d..].strip_prefix(close)
            {
                return Some(r.trim_start());
            }
        }
    }
    let mut cs = t.chars();
    match cs.next() {
        Some('①'..='⑳') => Some(cs.as_str().trim_start()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn splits_cells() {
        assert_eq!(
            split_cell("1.甲法第三条\n2.乙条例第五条", Kind::Lines, false),
            vec!["甲法第三条", "乙条例第五条"]
        );
        assert_eq!(
            split_cell("《甲法》第三条；《乙条例》第五条", Kind::Lines, false),
            vec!["《甲法》第三条", "《乙条例》第五条"]
        );
        assert_eq!(
            split_cell("县级、镇（乡、街道）级", Kind::List, false),
            vec!["县级", "镇（乡、街道）级"]
        );
        assert_eq!(split_cell("a，b", Kind::List, true), vec!["a，b"]);
    }
    #[test]
    fn sub_item_cells_saying_not_split() {
        for no in ["无", " — ", "不分子项", "同主项"] {
            assert!(not_split(no), "{no}");
        }
        assert!(!not_split("无证经营的处罚"));
    }
}
