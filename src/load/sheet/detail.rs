//! Workbooks of related sheets, as portals and 一网通办 systems export them: one sheet of items
//! (事项基本信息) and detail sheets whose rows belong to those items (申请材料, 受理条件, 办理情形,
//! 办理流程), each row naming its item by a key column (事项编码, 实施编码 …, or the 事项名称 when
//! there is no code).
//!
//! A detail sheet is known by its columns — child-level columns (情形, 条件, 材料, 环节, 责任) and
//! key columns, no other item field — and by its keys naming items of another sheet. Its rows,
//! read as any sheet's rows (entries, forms, copies, blank-repeated keys), become the children
//! of the items they name, each keeping its own cell; a key naming no item is noted at its cell
//! (F024), never dropped in silence. A sheet whose keys mostly name no item stays a sheet of
//! items of its own, as before.

use super::header::Col;
use crate::model::fields::Scope;
use crate::model::*;
use std::collections::HashMap;

/// The item fields by which a detail row names its item, in the order they are tried.
const KEYS: [F; 4] = [F::ImplementationCode, F::Code, F::BasicCode, F::Name];

/// The keys that are codes.
const CODES: [F; 3] = [F::ImplementationCode, F::Code, F::BasicCode];

/// Item fields a detail sheet may carry besides its keys (they repeat the item's, for the
/// reader's eye: 主项名称, 子项名称).
const ALSO: [F; 2] = [F::MainItem, F::SubItem];

/// The item fields of a 责任清单 sheet beside a 权力清单 sheet, keyed by 权力编码 (权力编码 |
/// 权力事项名称 | 责任事项 | 追责情形 | 追责依据 | 备注): the power's own, given to the item the row
/// names after what it has.
/// 不予受理情形 beside a 受理条件 sheet's conditions is the item's own too.
const CARRIED: [F; 6] = [
    F::DutyBoundary,
    F::Oversight,
    F::Accountability,
    F::AccountabilityBasis,
    F::Remarks,
    F::Refusals,
];

/// Whether a sheet's columns are a detail sheet's: at least one child-level (or carried) column
/// and one key column, and no other item field.
pub fn is_detail_shape(cols: &[Col]) -> bool {
    let mut key = false;
    let mut child = false;
    for c in cols {
        match c {
            Col::Field(Scope::Item, d) if KEYS.contains(&d.id) => key = true,
            Col::Field(Scope::Item, d) if ALSO.contains(&d.id) => {}
            Col::Field(Scope::Item, d) if CARRIED.contains(&d.id) => child = true,
            Col::Field(Scope::Item, _) => return false,
            Col::Field(_, _) => child = true,
            _ => {}
        }
    }
    key && child
}

/// A detail sheet's unknown columns (one the dictionary lacks, beside 受理条件) belong to its rows'
/// children, not to the item the row names: kept with the material (point, step …) of their
/// row, and a row differing there from the one above still continues its item.
pub fn children_keep_extras(cols: &mut [Col]) {
    row_columns(cols);
    if !is_detail_shape(cols) {
        return;
    }
    let order = [Scope::Material, Scope::Point, Scope::Step, Scope::Scenario, Scope::Duty];
    let Some(child) = order
        .into_iter()
        .find(|s| cols.iter().any(|c| matches!(c, Col::Field(cs, _) if cs == s)))
    else {
        return;
    };
    for c in cols.iter_mut() {
        if let Col::Extra { scope, .. } = c
            && *scope == Scope::Item
        {
            *scope = child;
        }
        // A 备注 beside materials (conditions, steps, 情形) remarks on its row's entry, one per
        // row: read as the item's, a row remarked otherwise than the row above (blank key,
        // "as above") would start an item of its own. Beside 责任事项 it is the power's (CARRIED).
        if let Col::Field(Scope::Item, d) = c
            && d.id == F::Remarks
            && child != Scope::Duty
        {
            *c = Col::Extra {
                scope: child,
                key: d.zh.to_string(),
                json: false,
            };
        }
    }
}

/// An item column a detail sheet writes for its rows: 实施主体 or 责任主体 beside 责任事项 is the
/// department bearing those duties. Read so only when the sheet is then a detail sheet; an item
/// sheet keeps it.
fn row_columns(cols: &mut [Col]) {
    let duties = cols.iter().any(|c| matches!(c, Col::Field(Scope::Duty, _)));
    let mut read: Vec<Col> = cols.to_vec();
    for c in &mut read {
        match c {
            Col::Field(Scope::Item, d) if d.id == F::Department && duties => {
                *c = Col::Field(Scope::Duty, F::DutyDepartment.def());
            }
            _ => {}
        }
    }
    if !is_detail_shape(cols) && is_detail_shape(&read) {
        cols.clone_from_slice(&read);
    }
}

/// One item sheet's or detail sheet's rows, as read.
pub struct Part<'a> {
    pub items: &'a mut Vec<Item>,
    /// Its columns are a detail sheet's ([`is_detail_shape`]).
    pub detail: bool,
}

/// Where a detail sheet's row group goes: (part, item) of its item.
type Target = (usize, usize);

/// The items a row group names (one, or each 业务办理项 of the 实施编码 it gives), or the key
/// (field, cell) that names none or, with `true`, several it cannot tell apart.
type Found = Result<Vec<Target>, Option<(F, Loc, bool)>>;

/// A joined sheet's key field, and its row groups with the item each names.
type Moved = (Option<F>, Vec<(Item, Found)>);

fn norm(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Join the detail sheets into the items of the others. Returns, for each part, whether it was
/// joined (its items are now children of others' items, and its list is empty), and the notes
/// on keys naming no item.
/// `stated_none`: the 无 cells of the detail sheets' rows (`NoneGiven` notes, rows.rs), with
/// the list each says the item has none of.
pub fn join(parts: &mut [Part], stated_none: &[(Loc, F)]) -> (Vec<bool>, Vec<Note>) {
    let mut joined = vec![false; parts.len()];
    let mut notes = Vec::new();
    if !parts.iter().any(|p| p.detail) || parts.iter().all(|p| p.detail) {
        coalesce_unjoined(parts);
        return (joined, notes);
    }
    // Every item of the item sheets, by each of its keys (the first item holding a key wins: a
    // second is X004's to report). A name two items share names neither (`named_twice`); a
    // 33-character 业务办理项编码 is also found by its 31-character 实施编码 (`by_implementation`).
    let mut index: HashMap<(F, String), Target> = HashMap::new();
    let mut named_twice: std::collections::HashSet<String> = Default::default();
    let mut by_implementation: HashMap<String, Vec<Target>> = HashMap::new();
    for (pi, p) in parts.iter().enumerate().filter(|(_, p)| !p.detail) {
        for (ii, it) in p.items.iter().enumerate() {
            for f in KEYS {
                if let Some(v) = it.fields.text(f).map(norm).filter(|v| !v.is_empty()) {
                    if let Some(own) = handling_unit(&v) {
                        by_implementation.entry(own.to_string()).or_default().push((pi, ii));
                    }
                    match index.entry((f, v)) {
                        std::collections::hash_map::Entry::Occupied(e) if f == F::Name => {
                            named_twice.insert(e.key().1.clone());
                        }
                        e => {
                            e.or_insert((pi, ii));
                        }
                    }
                }
            }
        }
    }
    // A code, by any code field's index (a 事项编码 column holding the 实施编码 is still the
    // item's code); a 业务办理项编码 by its 实施编码, and a 实施编码 by its 业务办理项 (each).
    let by_code = |f: F, v: &str| -> Option<Vec<Target>> {
        let direct = |v: &str| {
            std::iter::once(f)
                .chain(CODES.iter().copied().filter(|&c| c != f))
                .find_map(|c| index.get(&(c, v.to_string())))
                .map(|&t| vec![t])
        };
        direct(v)
            .or_else(|| handling_unit(v).and_then(direct))
            .or_else(|| by_implementation.get(v).cloned())
    };
    // A row names its item by the first key its sheet shares with the items (a mistyped 事项编码
    // beside the right 事项名称 is the typo, not a name to go by); a row without that key, by the
    // first it has.
    let find = |it: &Item, key: Option<F>| -> Found {
        let f = key
            .filter(|&k| it.fields.has(k))
            .or_else(|| KEYS.into_iter().find(|&k| it.fields.has(k)));
        let Some((f, v)) = f.and_then(|f| Some((f, it.fields.get(f)?))) else {
            return Err(None);
        };
        let v_norm = norm(&v.value.display());
        if !CODES.contains(&f) {
            // Two items of this name: the row's code tells which (a row without one names
            // neither, said at its cell).
            if named_twice.contains(&v_norm) {
                return CODES
                    .iter()
                    .filter_map(|&c| Some((c, norm(&it.fields.get(c)?.value.display()))))
                    .find_map(|(c, code)| by_code(c, &code))
                    .ok_or(Some((f, v.loc, true)));
            }
            return index.get(&(f, v_norm)).map(|&t| vec![t]).ok_or(Some((f, v.loc, false)));
        }
        by_code(f, &v_norm).ok_or(Some((f, v.loc, false)))
    };
    let shared_key = |items: &[Item]| {
        KEYS.into_iter()
            .find(|&k| items.iter().any(|it| it.fields.has(k)) && index.keys().any(|(f, _)| *f == k))
    };
    // The 情形 sheet first, then sheets naming 情形 beside their materials: the 情形 keep the 情形
    // sheet's order, and materials of no 情形 go to every 情形 named, whatever the sheet order.
    let mut order: Vec<usize> = (0..parts.len()).filter(|&i| parts[i].detail).collect();
    order.sort_by_key(|&i| {
        let scenarios = || parts[i].items.iter().flat_map(|it| &it.scenarios);
        match (
            scenarios().any(|s| s.name().is_some()),
            scenarios().any(|s| !s.materials.is_empty() || !s.acceptance_points.is_empty()),
        ) {
            (true, false) => 0,
            (true, true) => 1,
            _ => 2,
        }
    });
    let mut moves: Vec<Moved> = Vec::new();
    let mut carried_lists = false;
    for pi in order {
        let key = shared_key(parts[pi].items);
        let found: Vec<Found> = parts[pi].items.iter().map(|it| find(it, key)).collect();
        // A name two items share names items of the workbook too, only not one of them.
        let hits = found
            .iter()
            .filter(|f| matches!(f, Ok(_) | Err(Some((_, _, true)))))
            .count();
        // Mostly keys of no item: a sheet of its own items (a second department's sheet).
        if hits == 0 || hits * 2 < found.len() {
            continue;
        }
        joined[pi] = true;
        // Rows of 条件 or 材料, even when none could be given (names two items share).
        carried_lists |= parts[pi].items.iter().any(|it| {
            it.scenarios
                .iter()
                .any(|s| !s.materials.is_empty() || !s.acceptance_points.is_empty())
        });
        let items = std::mem::take(parts[pi].items);
        moves.push((key, items.into_iter().zip(found).collect()));
    }
    let mut shared: HashMap<Target, Vec<Scenario>> = HashMap::new();
    // 情形 a row named while saying 无 (材料名称 无 under 办理情形 个人申请), merged into the item's own.
    let mut named_none: Vec<(Target, (String, Loc, F))> = Vec::new();
    for (key, rows) in moves {
        for (row, found) in rows {
            match found {
                Ok(targets) => {
                    let (&last, each) = targets.split_last().expect("a hit names an item");
                    for &t in each {
                        let none = adopt(
                            &mut parts[t.0].items[t.1],
                            row.clone(),
                            shared.entry(t).or_default(),
                            stated_none,
                        );
                        named_none.extend(none.into_iter().map(|n| (t, n)));
                    }
                    let none = adopt(
                        &mut parts[last.0].items[last.1],
                        row,
                        shared.entry(last).or_default(),
                        stated_none,
                    );
                    named_none.extend(none.into_iter().map(|n| (last, n)));
                }
                Err(at) => {
                    // A row group with no key at all (rows above the first key) is said at its
                    // first cell, as lacking the sheet's key.
                    let (field, loc, several) = at.unwrap_or((key.unwrap_or(F::Name), row.loc, false));
                    let kind = if several {
                        NoteKind::AmbiguousKey { field }
                    } else {
                        NoteKind::UnknownKey { field }
                    };
                    notes.push(Note {
                        loc,
                        kind,
                        detail: key_text(&row),
                    })
                }
            }
        }
    }
    for ((pi, ii), unnamed) in shared {
        give_shared(&mut parts[pi].items[ii], unnamed, &mut notes, stated_none);
    }
    for ((pi, ii), (name, said_at, field)) in named_none {
        let item = &parts[pi].items[ii];
        for s in item
            .scenarios
            .iter()
            .filter(|s| s.name().map(norm).as_deref() == Some(name.as_str()))
        {
            note_none(s, said_at, field, &mut notes);
        }
    }
    // An item no detail row named lacks its conditions and materials: one unnamed 情形 at its
    // row says so (T005, T006), as an office row with those cells empty does.
    let gave_children = carried_lists || moves_gave_lists(parts, &joined);
    if gave_children {
        for p in parts.iter_mut().filter(|p| !p.detail) {
            for it in p.items.iter_mut().filter(|it| it.scenarios.is_empty()) {
                it.scenarios.push(Scenario {
                    loc: it.loc,
                    ..Default::default()
                });
            }
        }
    }
    coalesce_unjoined(parts);
    (joined, notes)
}

/// A detail-shaped sheet left as items of its own (joined ones are empty now): a row repeating
/// the key above is the same item, as in any sheet.
fn coalesce_unjoined(parts: &mut [Part]) {
    for p in parts.iter_mut().filter(|p| p.detail && !p.items.is_empty()) {
        coalesce(p.items);
    }
}

/// Consecutive row groups of one key (each keyed row of a detail sheet is a group of its own) as
/// one item.
fn coalesce(items: &mut Vec<Item>) {
    let same = |a: &Item, b: &Item| {
        KEYS.iter()
            .chain(&ALSO)
            .all(|&f| a.fields.text(f).map(norm) == b.fields.text(f).map(norm))
            && KEYS.iter().any(|&f| a.fields.has(f))
    };
    let mut out: Vec<Item> = Vec::with_capacity(items.len());
    let mut shared: Vec<Vec<Scenario>> = Vec::new();
    for it in std::mem::take(items) {
        match out.last_mut() {
            // (A sheet left as items of its own: a row's 无 is noted at its own cell, rows.rs.)
            Some(last) if same(last, &it) => {
                adopt(last, it, shared.last_mut().expect("one per item"), &[]);
            }
            _ => {
                let mut it = it;
                // The first group's unnamed 情形 is set aside too, to go to every 情形 named.
                let (named, unnamed): (Vec<Scenario>, Vec<Scenario>) = std::mem::take(&mut it.scenarios)
                    .into_iter()
                    .partition(|s| s.name().is_some());
                it.scenarios = named;
                out.push(it);
                shared.push(unnamed);
            }
        }
    }
    // (A sheet left as items of its own: a row's 无 is noted at its own cell, rows.rs.)
    for (it, unnamed) in out.iter_mut().zip(shared) {
        give_shared(it, unnamed, &mut Vec::new(), &[]);
    }
    *items = out;
}

/// Whether any joined sheet gave 条件 or 材料 (then every item is expected to have them).
fn moves_gave_lists(parts: &[Part], joined: &[bool]) -> bool {
    joined.iter().any(|&j| j)
        && parts.iter().filter(|p| !p.detail).any(|p| {
            p.items.iter().any(|it| {
                it.scenarios
                    .iter()
                    .any(|s| !s.materials.is_empty() || !s.acceptance_points.is_empty())
            })
        })
}

/// The 31-character 实施编码 inside a 33-character 业务办理项编码 (the 实施编码 and a two-digit
/// 办理项 number).
fn handling_unit(code: &str) -> Option<&str> {
    (code.len() == 33 && code.is_ascii() && code[31..].bytes().all(|b| b.is_ascii_digit()))
        .then(|| &code[..31])
        .filter(|c| crate::model::code::ImplementationCode::parse(c).is_ok())
}

/// The key a row group names its item by, as written (for the note).
fn key_text(it: &Item) -> String {
    KEYS.iter()
        .find_map(|&f| it.fields.get(f))
        .map(|v| v.value.display().trim().to_string())
        .unwrap_or_default()
}

/// A detail row group's children into its item: named 情形 join the 情形 of that name (or are
/// added), unnamed ones are set aside in `shared` for every 情形 of the item; steps, duties,
/// extras and suppressions are appended.
/// Gives back the 情形 (name, 无 cell, list) a row named while saying it has none of a list
/// (`stated_none`), merged into a 情形 of the item's own: noted once every row is joined.
fn adopt(
    target: &mut Item,
    mut row: Item,
    shared: &mut Vec<Scenario>,
    stated_none: &[(Loc, F)],
) -> Vec<(String, Loc, F)> {
    let mut named_none = Vec::new();
    // 追责情形 and the like: the row's entries after the item's own, each at its cell.
    for f in CARRIED {
        let Some(v) = row.fields.remove(f) else { continue };
        let Some((mine, at)) = target.fields.get(f).map(|t| (t.value.clone(), t.loc)) else {
            target.fields.set(f, v);
            continue;
        };
        let value = match mine {
            // A text (备注) joins the item's, unless it says the same.
            Value::Text(mine) => {
                let theirs = v.value.display();
                if norm(&theirs) == norm(&mine) {
                    continue;
                }
                Value::Text(format!("{mine}；{theirs}").into())
            }
            mine => {
                let entries = |x: Value, loc: Loc| match x {
                    Value::List(l) => *l,
                    other => vec![Spanned::new(other.display().to_string(), loc)],
                };
                let mut all = entries(mine, at);
                all.extend(entries(v.value, v.loc));
                Value::list(all)
            }
        };
        target.fields.set(f, Spanned::new(value, at));
    }
    for s in row.scenarios {
        let Some(name) = s.name().map(norm) else {
            shared.push(s);
            continue;
        };
        match target
            .scenarios
            .iter_mut()
            .find(|t| t.name().map(norm).as_deref() == Some(name.as_str()))
        {
            Some(t) => {
                if s.materials.is_empty() && s.acceptance_points.is_empty() {
                    named_none.extend(
                        stated_none
                            .iter()
                            .filter(|(at, _)| at.sheet_row().is_some() && at.sheet_row() == s.loc.sheet_row())
                            .map(|&(at, f)| (name.clone(), at, f)),
                    );
                }
                t.acceptance_points.extend(s.acceptance_points);
                t.materials.extend(s.materials);
                t.extra.extend(s.extra);
            }
            None => target.scenarios.push(s),
        }
    }
    target.process.extend(row.process);
    target.supervision.extend(row.supervision);
    target.suppressions.extend(row.suppressions);
    target.extra.extend(row.extra);
    named_none
}

/// The conditions and materials of no 情形 in particular: the item's only 情形 when it has none
/// of its own, else every 情形's.
/// A row group whose 材料名称 or 受理条件 said 无 gave an empty 情形 at that cell (rows.rs):
/// each 情形 the item ends with that lacks that list is noted as saying none (a `NoneGiven`
/// said at that cell), so that it reads as a 无 in the item's own row does.
fn give_shared(target: &mut Item, unnamed: Vec<Scenario>, notes: &mut Vec<Note>, stated_none: &[(Loc, F)]) {
    let said: Vec<(Loc, F)> = unnamed
        .iter()
        .filter(|s| s.materials.is_empty() && s.acceptance_points.is_empty())
        .flat_map(|s| stated_none.iter().filter(move |(at, _)| *at == s.loc).copied())
        .collect();
    let mut it = unnamed.into_iter();
    let Some(mut first) = it.next() else { return };
    for s in it {
        first.acceptance_points.extend(s.acceptance_points);
        first.materials.extend(s.materials);
        first.extra.extend(s.extra);
    }
    match target.scenarios.as_mut_slice() {
        [] => target.scenarios.push(first),
        all => {
            for s in all {
                s.acceptance_points.extend(first.acceptance_points.iter().cloned());
                s.materials.extend(first.materials.iter().cloned());
            }
        }
    }
    for s in &target.scenarios {
        for &(said_at, field) in &said {
            note_none(s, said_at, field, notes);
        }
    }
}

/// A 情形 that ends without the list a related sheet's row said it has none of (`field`, at
/// `said_at`) is noted as saying so, at its place.
fn note_none(s: &Scenario, said_at: Loc, field: F, notes: &mut Vec<Note>) {
    let lacks = match field {
        F::MaterialName => s.materials.is_empty(),
        _ => s.acceptance_points.is_empty(),
    };
    // (At the 无 cell itself, its own note says so.)
    if lacks && s.loc != said_at {
        notes.push(Note {
            loc: s.loc,
            kind: NoteKind::NoneGiven {
                field,
                said_at: Some(said_at),
            },
            detail: String::new(),
        });
    }
}
