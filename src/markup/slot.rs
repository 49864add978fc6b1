//! Where inside an item (or the catalog header) a place points: which node, which field or
//! unknown key, which entry of a list. One walk over the model's nodes, so a finding of any rule
//! on any field maps from the source to the same field of the converted copy without a table
//! per rule.

use crate::model::value::{Extra, Fields, Value};
use crate::model::{F, Header, Item, Loc, Pos};

/// A node of an item: the item itself, a 办事情形, its 受理要点 / 申请材料, a step, a duty; or the
/// catalog header (清单信息).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Node {
    Header,
    Item,
    Scenario(usize),
    Point(usize, usize),
    Material(usize, usize),
    Step(usize),
    Duty(usize),
}

/// What of a node: the node as a whole, one of its fields, or the `nth` unknown key `key`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Key {
    Whole,
    Field(F),
    Extra(String, usize),
}

/// One value of the model: node, key and the 1-based entry of a list (0 = the whole value).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Slot {
    pub node: Node,
    pub key: Key,
    pub entry: usize,
}

/// A node's place, fields and unknown keys.
struct View<'a> {
    node: Node,
    loc: Loc,
    fields: &'a Fields,
    extra: &'a [Extra],
}

fn views(item: &Item) -> Vec<View<'_>> {
    let mut out = vec![View {
        node: Node::Item,
        loc: item.loc,
        fields: &item.fields,
        extra: &item.extra,
    }];
    for (s, sc) in item.scenarios.iter().enumerate() {
        out.push(View {
            node: Node::Scenario(s),
            loc: sc.loc,
            fields: &sc.fields,
            extra: &sc.extra,
        });
        for (i, p) in sc.acceptance_points.iter().enumerate() {
            out.push(View {
                node: Node::Point(s, i),
                loc: p.loc,
                fields: &p.fields,
                extra: &p.extra,
            });
        }
        for (i, m) in sc.materials.iter().enumerate() {
            out.push(View {
                node: Node::Material(s, i),
                loc: m.loc,
                fields: &m.fields,
                extra: &m.extra,
            });
        }
    }
    for (i, p) in item.process.iter().enumerate() {
        out.push(View {
            node: Node::Step(i),
            loc: p.loc,
            fields: &p.fields,
            extra: &p.extra,
        });
    }
    for (i, p) in item.supervision.iter().enumerate() {
        out.push(View {
            node: Node::Duty(i),
            loc: p.loc,
            fields: &p.fields,
            extra: &p.extra,
        });
    }
    out
}

fn header_view(h: &Header) -> View<'_> {
    View {
        node: Node::Header,
        loc: h.loc,
        fields: &h.fields,
        extra: &h.extra,
    }
}

/// How tightly `outer` holds `inner`: `None` when it does not, else a size (smaller is tighter).
fn holds(outer: Loc, inner: Loc) -> Option<u64> {
    if outer.file != inner.file {
        return None;
    }
    match (outer.pos, inner.pos) {
        (Pos::Text { offset: o, len: l, .. }, Pos::Text { offset: i, len: il, .. }) => {
            (i >= o && i as u64 + il as u64 <= o as u64 + l as u64).then_some(l as u64 + 2)
        }
        (
            Pos::Cell { sheet, row, col, entry },
            Pos::Cell {
                sheet: s2,
                row: r2,
                col: c2,
                entry: e2,
            },
        ) if (sheet, row, col) == (s2, r2, c2) => match (entry, e2) {
            (a, b) if a == b => Some(1),
            (0, _) => Some(2),
            _ => None,
        },
        _ => None,
    }
}

/// The tightest slot of the views holding `loc`; a node's own place only when it is `loc` exactly.
fn find_in(views: &[View], loc: Loc) -> Option<Slot> {
    if loc.pos == Pos::None {
        return None;
    }
    let mut best: Option<(u64, Slot)> = None;
    let mut take = |size: u64, slot: Slot| {
        if best.as_ref().is_none_or(|(b, _)| size < *b) {
            best = Some((size, slot));
        }
    };
    for v in views {
        for (f, val) in v.fields.iter() {
            if let Some(size) = holds(val.loc, loc) {
                take(size + 1, slot(v.node, Key::Field(f), 0));
            }
            if let Value::List(entries) = &val.value {
                for (k, e) in entries.iter().enumerate() {
                    if let Some(size) = holds(e.loc, loc) {
                        take(size, slot(v.node, Key::Field(f), k + 1));
                    }
                }
            }
        }
        for (i, e) in v.extra.iter().enumerate() {
            let nth = v.extra[..i].iter().filter(|x| x.key == e.key).count();
            if let Some(size) = holds(e.loc, loc) {
                take(size + 1, slot(v.node, Key::Extra(e.key.clone(), nth), 0));
            }
        }
        if v.loc == loc {
            take(u64::MAX - 1, slot(v.node, Key::Whole, 0));
        }
    }
    best.map(|(_, s)| s)
}

fn slot(node: Node, key: Key, entry: usize) -> Slot {
    Slot { node, key, entry }
}

/// The slot of `item` that `loc` points into.
pub fn find(item: &Item, loc: Loc) -> Option<Slot> {
    find_in(&views(item), loc)
}

/// The slot of the catalog header that `loc` points into.
pub fn find_in_header(h: &Header, loc: Loc) -> Option<Slot> {
    find_in(&[header_view(h)], loc)
}

fn view_of<'a>(item: Option<&'a Item>, header: &'a Header, node: Node) -> Option<View<'a>> {
    match node {
        Node::Header => Some(header_view(header)),
        _ => views(item?).into_iter().find(|v| v.node == node),
    }
}

/// The place of `slot` in `item` (or `header`), as near as it exists there: the entry, else the
/// whole value, else the node, else nothing.
pub fn loc_of(item: Option<&Item>, header: &Header, slot: &Slot) -> Option<Loc> {
    let v = view_of(item, header, slot.node)?;
    let value = match &slot.key {
        Key::Whole => return Some(v.loc),
        Key::Field(f) => v.fields.get(*f).map(|val| {
            let entry = match &val.value {
                Value::List(es) if slot.entry > 0 => es.get(slot.entry - 1).map(|e| e.loc),
                _ => None,
            };
            entry.unwrap_or(val.loc)
        }),
        Key::Extra(key, nth) => v.extra.iter().filter(|e| e.key == *key).nth(*nth).map(|e| e.loc),
    };
    Some(value.unwrap_or(v.loc))
}

/// The text of `slot`: its entry, or the whole value as a cell shows it.
pub fn text_of(item: Option<&Item>, header: &Header, slot: &Slot) -> Option<String> {
    let v = view_of(item, header, slot.node)?;
    match &slot.key {
        Key::Whole => None,
        Key::Field(f) => {
            let val = v.fields.get(*f)?;
            match &val.value {
                Value::List(es) if slot.entry > 0 => es.get(slot.entry - 1).map(|e| e.value.clone()),
                other => Some(other.display()),
            }
        }
        Key::Extra(key, nth) => {
            let e = v.extra.iter().filter(|e| e.key == *key).nth(*nth)?;
            Some(e.value.as_str().map_or_else(|| e.value.to_string(), str::to_string))
        }
    }
}

/// The entries of `slot`'s value as a converted sheet writes them (one per line), for replacing
/// one of them; a single value is one entry.
pub fn entries_of(item: Option<&Item>, header: &Header, slot: &Slot) -> Option<Vec<String>> {
    let v = view_of(item, header, slot.node)?;
    match &slot.key {
        Key::Field(f) => match &v.fields.get(*f)?.value {
            Value::List(es) => Some(es.iter().map(|e| e.value.clone()).collect()),
            Value::Text(s) => Some(vec![s.to_string()]),
            _ => None,
        },
        Key::Extra(..) => text_of(item, header, slot).map(|t| vec![t]),
        Key::Whole => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::value::Value;
    use crate::model::{Material, Scenario, Spanned};

    fn item() -> Item {
        let mut it = Item {
            loc: Loc::text(0, 1, 3, 2, 0),
            ..Default::default()
        };
        it.fields.set(
            F::Name,
            Spanned::new(Value::Text("食品经营许可".into()), Loc::text(0, 1, 9, 8, 18)),
        );
        let mut m = Material {
            loc: Loc::text(0, 5, 7, 100, 0),
            ..Default::default()
        };
        m.fields.set(
            F::MaterialName,
            Spanned::new(Value::Text("其它证明".into()), Loc::text(0, 5, 13, 106, 12)),
        );
        let mut sc = Scenario {
            loc: Loc::text(0, 3, 5, 50, 0),
            ..Default::default()
        };
        sc.materials.push(m);
        it.scenarios.push(sc);
        it
    }

    #[test]
    fn a_place_inside_a_value_finds_its_field() {
        let it = item();
        let s = find(&it, Loc::text(0, 5, 13, 106, 3)).unwrap();
        assert_eq!(s, slot(Node::Material(0, 0), Key::Field(F::MaterialName), 0));
        assert_eq!(text_of(Some(&it), &Header::default(), &s).as_deref(), Some("其它证明"));
        assert_eq!(
            find(&it, Loc::text(0, 3, 5, 50, 0)),
            Some(slot(Node::Scenario(0), Key::Whole, 0))
        );
        assert_eq!(find(&it, Loc::text(0, 9, 1, 900, 2)), None);
    }

    #[test]
    fn an_entry_of_a_cell_is_found_and_placed_in_another_item() {
        let mut it = Item::default();
        let cell = |e: usize| Loc::cell(0, 0, 4, 6).with_entry(e);
        let list = vec![
            Spanned::new("申请书".to_string(), cell(1)),
            Spanned::new("营业执照".to_string(), cell(2)),
        ];
        it.fields.set(F::Basis, Spanned::new(Value::list(list), cell(0)));
        let s = find(&it, cell(2)).unwrap();
        assert_eq!(s.entry, 2);
        assert_eq!(text_of(Some(&it), &Header::default(), &s).as_deref(), Some("营业执照"));
        // The converted copy holds the same value at another cell.
        let mut other = Item::default();
        let at = |e: usize| Loc::cell(0, 1, 9, 3).with_entry(e);
        let list = vec![
            Spanned::new("申请书".to_string(), at(1)),
            Spanned::new("营业执照".to_string(), at(2)),
        ];
        other.fields.set(F::Basis, Spanned::new(Value::list(list), at(0)));
        assert_eq!(loc_of(Some(&other), &Header::default(), &s), Some(at(2)));
    }
}
