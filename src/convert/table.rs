//! The row layout shared by the xlsx and CSV writers: one row per acceptance point / material
//! of a scenario (side by side), process steps and duties down the item's rows, item and
//! scenario cells repeated on every row they cover so that filters and sorting keep working.
//! The sheet loader reads exactly this layout back.

use crate::load::sheet::header::{self, SUPPRESSIONS_HEADER, scope_prefix};
use crate::model::fields::{self, Scope};
use crate::model::*;

#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Num(f64),
}

impl Cell {
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.clone(),
            Cell::Num(n) => value::format_num(*n),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
enum What {
    Seq,
    Field(Scope, F),
    /// An unknown key: its scope, key, which of the node's extras with that key (a sheet keeps
    /// two columns with one header as two extras), and whether the value is JSON.
    Extra(Scope, String, usize, bool),
    Suppressions,
}

pub struct Column {
    pub header: String,
    what: What,
}

impl Column {
    /// Item-level (and 序号) columns are repeated on every row of the item.
    pub fn is_item(&self) -> bool {
        matches!(
            self.what,
            What::Seq | What::Field(Scope::Item, _) | What::Extra(Scope::Item, ..) | What::Suppressions
        )
    }
}

pub struct Table {
    pub columns: Vec<Column>,
}

pub const SEQ: &str = "序号";

impl Table {
    /// Columns for the items given: only fields some item uses, plus 事项编码 and 事项名称.
    pub fn for_items<'a>(items: impl Iterator<Item = &'a Item> + Clone) -> Table {
        let mut columns = vec![Column {
            header: SEQ.into(),
            what: What::Seq,
        }];
        let mut used: std::collections::HashSet<(Scope, F)> = [(Scope::Item, F::Code), (Scope::Item, F::Name)].into();
        let mut extras: Vec<(Scope, String, usize, bool)> = Vec::new();
        // One column per key and occurrence: the second of two 备注 columns is a column too.
        let note_extras = |scope: Scope, node: &[Extra], extras: &mut Vec<(Scope, String, usize, bool)>| {
            for (i, e) in node.iter().enumerate() {
                let json = !e.value.is_string();
                let nth = node[..i].iter().filter(|x| x.key == e.key).count();
                match extras
                    .iter_mut()
                    .find(|(s, k, n, _)| *s == scope && *k == e.key && *n == nth)
                {
                    Some(x) => x.3 |= json,
                    None => extras.push((scope, e.key.clone(), nth, json)),
                }
            }
        };
        let mut suppress = false;
        for it in items.clone() {
            used.extend(it.fields.iter().map(|(f, _)| (Scope::Item, f)));
            note_extras(Scope::Item, &it.extra, &mut extras);
            suppress |= !it.suppressions.is_empty();
            for s in &it.scenarios {
                used.extend(s.fields.iter().map(|(f, _)| (Scope::Scenario, f)));
                note_extras(Scope::Scenario, &s.extra, &mut extras);
                for p in &s.acceptance_points {
                    used.extend(p.fields.iter().map(|(f, _)| (Scope::Point, f)));
                    note_extras(Scope::Point, &p.extra, &mut extras);
                }
                for m in &s.materials {
                    used.extend(m.fields.iter().map(|(f, _)| (Scope::Material, f)));
                    note_extras(Scope::Material, &m.extra, &mut extras);
                }
            }
            for p in &it.process {
                used.extend(p.fields.iter().map(|(f, _)| (Scope::Step, f)));
                note_extras(Scope::Step, &p.extra, &mut extras);
            }
            for p in &it.supervision {
                used.extend(p.fields.iter().map(|(f, _)| (Scope::Duty, f)));
                note_extras(Scope::Duty, &p.extra, &mut extras);
            }
        }
        for scope in header::ROW_SCOPES {
            for def in fields::of_scope(scope) {
                if used.contains(&(scope, def.id)) {
                    columns.push(Column {
                        header: field_header(scope, def),
                        what: What::Field(scope, def.id),
                    });
                }
            }
            for (s, key, nth, json) in extras.iter().filter(|(s, ..)| *s == scope) {
                let base = if *s == Scope::Item {
                    key.clone()
                } else {
                    format!("{}.{key}", scope_prefix(*s))
                };
                columns.push(Column {
                    header: if *json { format!("{base}#json") } else { base },
                    what: What::Extra(*s, key.clone(), *nth, *json),
                });
            }
            if scope == Scope::Item && suppress {
                columns.push(Column {
                    header: SUPPRESSIONS_HEADER.into(),
                    what: What::Suppressions,
                });
            }
        }
        Table { columns }
    }

    /// The rows of one item (`seq` is its 1-based place in the catalog).
    pub fn rows(&self, it: &Item, seq: usize) -> Vec<Vec<Cell>> {
        // (scenario, row within it) for each scenario row.
        let mut scen_rows: Vec<(usize, usize)> = Vec::new();
        for (si, s) in it.scenarios.iter().enumerate() {
            let n = s.acceptance_points.len().max(s.materials.len()).max(1);
            scen_rows.extend((0..n).map(|r| (si, r)));
        }
        let n = scen_rows.len().max(it.process.len()).max(it.supervision.len()).max(1);
        let mut out = Vec::with_capacity(n);
        for r in 0..n {
            let sr = scen_rows.get(r).copied();
            let row = self
                .columns
                .iter()
                .map(|col| match &col.what {
                    What::Seq => Cell::Num(seq as f64),
                    What::Field(Scope::Item, f) => value_cell(it.fields.get(*f)),
                    What::Extra(Scope::Item, k, nth, json) => extra_cell(&it.extra, k, *nth, *json),
                    What::Suppressions => Cell::Text(
                        it.suppressions
                            .iter()
                            .map(|s| match &s.reason {
                                Some(r) => format!("{}: {r}", s.rule),
                                None => s.rule.clone(),
                            })
                            .collect::<Vec<_>>()
                            .join("\n"),
                    ),
                    What::Field(scope, f) => child(it, sr, r, *scope, |fs, _| value_cell(fs.get(*f))),
                    What::Extra(scope, k, nth, json) => {
                        child(it, sr, r, *scope, |_, ex| extra_cell(ex, k, *nth, *json))
                    }
                })
                .collect();
            out.push(row);
        }
        out
    }
}

/// The header a field is written under: its Chinese name, prefixed with the scope when the
/// name alone would be read as another field.
fn field_header(scope: Scope, def: &fields::FieldDef) -> String {
    match header::lookup(def.zh, None) {
        Some((s, d)) if s == scope && d.id == def.id => def.zh.to_string(),
        _ => format!("{}.{}", scope_prefix(scope), def.zh),
    }
}

fn child(
    it: &Item,
    sr: Option<(usize, usize)>,
    r: usize,
    scope: Scope,
    get: impl Fn(&Fields, &[Extra]) -> Cell,
) -> Cell {
    let node = match scope {
        Scope::Scenario => sr.map(|(s, _)| {
            let s = &it.scenarios[s];
            (&s.fields, s.extra.as_slice())
        }),
        Scope::Point => sr
            .and_then(|(s, i)| it.scenarios[s].acceptance_points.get(i))
            .map(|p| (&p.fields, p.extra.as_slice())),
        Scope::Material => sr
            .and_then(|(s, i)| it.scenarios[s].materials.get(i))
            .map(|p| (&p.fields, p.extra.as_slice())),
        Scope::Step => it.process.get(r).map(|p| (&p.fields, p.extra.as_slice())),
        Scope::Duty => it.supervision.get(r).map(|p| (&p.fields, p.extra.as_slice())),
        _ => None,
    };
    node.map_or(Cell::Empty, |(f, e)| get(f, e))
}

fn value_cell(v: Option<&Spanned<Value>>) -> Cell {
    match v.map(|v| &v.value) {
        None => Cell::Empty,
        Some(Value::Int(n)) => Cell::Num(*n as f64),
        Some(Value::Num(n)) => Cell::Num(*n),
        Some(other) => Cell::Text(other.display()),
    }
}

fn extra_cell(extra: &[Extra], key: &str, nth: usize, json: bool) -> Cell {
    match extra.iter().filter(|e| e.key == key).nth(nth) {
        None => Cell::Empty,
        Some(e) if json => Cell::Text(e.value.to_string()),
        Some(e) => Cell::Text(e.value.as_str().unwrap_or_default().to_string()),
    }
}

/// 清单信息 rows (name, value), with the layout marker first.
pub fn header_rows(cat: &Catalog) -> Vec<(String, String)> {
    let mut rows = vec![(
        crate::load::sheet::LAYOUT_KEY.to_string(),
        crate::load::sheet::LAYOUT_VALUE.to_string(),
    )];
    for def in fields::of_scope(Scope::Header) {
        if let Some(v) = cat.header.fields.get(def.id) {
            rows.push((def.zh.to_string(), v.value.display()));
        }
    }
    for e in &cat.header.extra {
        rows.push(extra_row(&e.key, &e.value));
    }
    for e in &cat.extra {
        rows.push(extra_row(&format!("清单.{}", e.key), &e.value));
    }
    rows
}

fn extra_row(key: &str, v: &serde_json::Value) -> (String, String) {
    match v.as_str() {
        Some(s) => (key.to_string(), s.to_string()),
        None => (format!("{key}#json"), v.to_string()),
    }
}

/// Header and rows of a 一件事 / 法规库 sheet.
pub fn simple_table(scope: Scope, nodes: &[(&Fields, &[Extra])]) -> (Vec<String>, Vec<Vec<Cell>>) {
    let defs: Vec<_> = fields::of_scope(scope)
        .filter(|d| nodes.iter().any(|(f, _)| f.has(d.id)))
        .collect();
    let mut keys: Vec<String> = Vec::new();
    for (_, ex) in nodes {
        for e in ex.iter() {
            if !keys.contains(&e.key) {
                keys.push(e.key.clone());
            }
        }
    }
    let mut header: Vec<String> = defs.iter().map(|d| d.zh.to_string()).collect();
    header.extend(keys.iter().cloned());
    let rows = nodes
        .iter()
        .map(|(f, ex)| {
            let mut r: Vec<Cell> = defs.iter().map(|d| value_cell(f.get(d.id))).collect();
            r.extend(keys.iter().map(|k| extra_cell(ex, k, 0, false)));
            r
        })
        .collect();
    (header, rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn every_child_header_reads_back_as_itself() {
        for scope in header::ROW_SCOPES {
            for def in fields::of_scope(scope) {
                let h = field_header(scope, def);
                let got = header::lookup(&h, None).map(|(s, d)| (s, d.id));
                assert_eq!(got, Some((scope, def.id)), "{h}");
            }
        }
    }
}
