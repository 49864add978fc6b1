//! Field-by-field changes of one matched item, generic over the field dictionary: every field
//! the dictionary knows (and every unknown key kept as an extra) is compared, so a new field is
//! diffed without touching this file. Locations never count: moving an item is not a change.

use super::{ChildChanges, FieldChange, ScenarioChange};
use crate::model::{Catalog, Extra, F, Fields, Item, Loc, Material, Pos, Scenario, Value};
use std::collections::HashMap;

/// The source text of an item (YAML only) and its byte range: from its first key to the end of
/// its last line.
fn item_text<'c>(cat: &'c Catalog, it: &Item) -> Option<(&'c str, usize, usize)> {
    let Pos::Text { line, offset, .. } = it.loc.pos else {
        return None;
    };
    let text = cat.sources.get(it.loc.file as usize)?.text.as_deref()?;
    let start = offset as usize;
    let mut left = it.end_line.checked_sub(line)? as usize + 1;
    let mut end = start;
    while left > 0 {
        match text.get(end..)?.find('\n') {
            Some(i) => end += i + 1,
            None => {
                end = text.len();
                break;
            }
        }
        left -= 1;
    }
    Some((text.get(start..end)?, start, end))
}

/// Fast path for the common case of an untouched item: the same source text (so the same
/// explicit values wherever the item now sits) and the same values inherited from `defaults:`
/// (which live outside the item's text). Items using YAML anchors or aliases are left to the
/// structural comparison, since their text does not hold all their content.
pub fn same_text(ca: &Catalog, a: &Item, cb: &Catalog, b: &Item) -> bool {
    let (Some((ta, sa, ea)), Some((tb, sb, eb))) = (item_text(ca, a), item_text(cb, b)) else {
        return false;
    };
    if ta != tb || ta.contains(['*', '&']) {
        return false;
    }
    let outside = |it: &Item, start: usize, end: usize, loc: Loc| match loc.pos {
        Pos::Text { offset, .. } => loc.file != it.loc.file || (offset as usize) < start || (offset as usize) >= end,
        _ => true,
    };
    let inherited_match = |x: &Item, sx: usize, ex: usize, y: &Item| {
        x.fields
            .iter()
            .filter(|(_, v)| outside(x, sx, ex, v.loc))
            .all(|(f, v)| y.fields.get(f).is_some_and(|w| value_eq(&v.value, &w.value)))
    };
    inherited_match(a, sa, ea, b) && inherited_match(b, sb, eb, a)
}

/// Cheap equality of two items ignoring locations; `true` means nothing to report.
pub fn item_eq(a: &Item, b: &Item) -> bool {
    fields_eq(&a.fields, &b.fields)
        && extras_eq(&a.extra, &b.extra)
        && a.process.len() == b.process.len()
        && a.process
            .iter()
            .zip(&b.process)
            .all(|(x, y)| fields_eq(&x.fields, &y.fields))
        && a.supervision.len() == b.supervision.len()
        && a.supervision
            .iter()
            .zip(&b.supervision)
            .all(|(x, y)| fields_eq(&x.fields, &y.fields))
        && a.scenarios.len() == b.scenarios.len()
        && a.scenarios.iter().zip(&b.scenarios).all(|(x, y)| scenario_eq(x, y))
}

fn scenario_eq(a: &Scenario, b: &Scenario) -> bool {
    fields_eq(&a.fields, &b.fields)
        && extras_eq(&a.extra, &b.extra)
        && a.materials.len() == b.materials.len()
        && a.materials
            .iter()
            .zip(&b.materials)
            .all(|(x, y)| fields_eq(&x.fields, &y.fields) && extras_eq(&x.extra, &y.extra))
        && a.acceptance_points.len() == b.acceptance_points.len()
        && a.acceptance_points
            .iter()
            .zip(&b.acceptance_points)
            .all(|(x, y)| fields_eq(&x.fields, &y.fields) && extras_eq(&x.extra, &y.extra))
}

fn is_blank(v: &Value) -> bool {
    match v {
        Value::Text(s) => s.trim().is_empty(),
        Value::List(l) => l.iter().all(|s| s.value.trim().is_empty()),
        _ => false,
    }
}

fn value_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Text(x), Value::Text(y)) => x == y,
        (Value::List(x), Value::List(y)) => {
            x.len() == y.len() && x.iter().zip(y.iter()).all(|(p, q)| p.value == q.value)
        }
        (Value::Int(x), Value::Int(y)) => x == y,
        (Value::Num(x), Value::Num(y)) => x == y,
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (Value::Time(x), Value::Time(y)) => x.raw == y.raw,
        // The same text read as a different kind (a list of one, a number as text) is no change.
        _ => a.display() == b.display(),
    }
}

fn fields_eq(a: &Fields, b: &Fields) -> bool {
    let present = |fs: &Fields| fs.iter().filter(|(_, v)| !is_blank(&v.value)).count();
    present(a) == present(b)
        && a.iter()
            .filter(|(_, v)| !is_blank(&v.value))
            .all(|(f, v)| b.get(f).is_some_and(|w| value_eq(&v.value, &w.value)))
}

fn extras_eq(a: &[Extra], b: &[Extra]) -> bool {
    a.len() == b.len() && a.iter().all(|e| b.iter().any(|x| x.key == e.key && x.value == e.value))
}

fn shown(v: Option<&Value>) -> Option<String> {
    v.filter(|v| !is_blank(v)).map(Value::display)
}

/// Changes between two field stores, in dictionary order, then extras by key.
pub fn fields(a: &Fields, b: &Fields, ea: &[Extra], eb: &[Extra]) -> Vec<FieldChange> {
    let mut ids: Vec<F> = a.iter().chain(b.iter()).map(|(f, _)| f).collect();
    ids.sort();
    ids.dedup();
    let mut out = Vec::new();
    for f in ids {
        let (x, y) = (a.get(f).map(|v| &v.value), b.get(f).map(|v| &v.value));
        let same = match (x, y) {
            (Some(x), Some(y)) => value_eq(x, y) || (is_blank(x) && is_blank(y)),
            (Some(v), None) | (None, Some(v)) => is_blank(v),
            (None, None) => true,
        };
        if !same {
            out.push(FieldChange::new(f.key(), f.label(), shown(x), shown(y)));
        }
    }
    let mut keys: Vec<&str> = ea.iter().chain(eb).map(|e| e.key.as_str()).collect();
    keys.sort();
    keys.dedup();
    for k in keys {
        let x = ea.iter().find(|e| e.key == k).map(|e| &e.value);
        let y = eb.iter().find(|e| e.key == k).map(|e| &e.value);
        if x != y {
            let text = |v: &serde_json::Value| match v {
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            out.push(FieldChange::new(k, k, x.map(text), y.map(text)));
        }
    }
    out
}

/// 办理流程 as one line: 受理(0) → 审查(3) → 决定(1).
fn process_text(it: &Item) -> Option<String> {
    if it.process.is_empty() {
        return None;
    }
    let steps: Vec<String> = it
        .process
        .iter()
        .map(|s| {
            let name = s.fields.text(F::StepName).unwrap_or("?");
            match s.fields.num(F::StepDays) {
                Some(d) => format!("{name}({})", crate::model::value::format_num(d.value)),
                None => name.to_string(),
            }
        })
        .collect();
    Some(steps.join(" → "))
}

/// 监管责任 as one line: 部门 70%；部门 30%.
fn supervision_text(it: &Item) -> Option<String> {
    if it.supervision.is_empty() {
        return None;
    }
    let parts: Vec<String> = it
        .supervision
        .iter()
        .map(|d| {
            let mut s = d.fields.text(F::DutyDepartment).unwrap_or("?").to_string();
            if let Some(p) = d.fields.num(F::Share) {
                s.push_str(&format!(" {}%", crate::model::value::format_num(p.value)));
            }
            if d.fields.bool(F::Lead) == Some(true) {
                s.push_str(crate::i18n::t("（牵头）", " (lead)"));
            }
            for (f, v) in d.fields.iter() {
                if matches!(f, F::Duties) {
                    s.push_str(&format!("：{}", v.value.display().replace('\n', "、")));
                }
                if matches!(f, F::DutyBasis) {
                    let basis = v.value.display().replace('\n', "、");
                    s.push_str(crate::i18n::t("（依据：", " (basis: "));
                    s.push_str(&basis);
                    s.push_str(crate::i18n::t("）", ")"));
                }
            }
            s
        })
        .collect();
    Some(parts.join("；"))
}

/// Every change of an item: its fields, process, supervision and extras.
pub fn item_fields(a: &Item, b: &Item) -> Vec<FieldChange> {
    let mut out = fields(&a.fields, &b.fields, &a.extra, &b.extra);
    let (pa, pb) = (process_text(a), process_text(b));
    if pa != pb {
        out.push(FieldChange::new(
            "process",
            crate::i18n::t("办理流程", "Process"),
            pa,
            pb,
        ));
    }
    let (sa, sb) = (supervision_text(a), supervision_text(b));
    if sa != sb {
        out.push(FieldChange::new(
            "supervision",
            crate::i18n::t("监管责任", "Supervision"),
            sa,
            sb,
        ));
    }
    out
}

/// Pair children by name (first unused occurrence), keeping the new order; `None` names pair
/// by position among the unnamed.
fn pair_by_name<'a, T>(
    a: &'a [T],
    b: &'a [T],
    name: impl Fn(&T) -> Option<&str>,
) -> (Vec<(&'a T, &'a T)>, Vec<&'a T>, Vec<&'a T>) {
    let mut index: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, x) in a.iter().enumerate().rev() {
        index.entry(name(x).unwrap_or("")).or_default().push(i);
    }
    let mut used = vec![false; a.len()];
    let mut pairs = Vec::new();
    let mut added = Vec::new();
    for y in b {
        match index.get_mut(name(y).unwrap_or("")).and_then(Vec::pop) {
            Some(i) => {
                used[i] = true;
                pairs.push((&a[i], y));
            }
            None => added.push(y),
        }
    }
    let removed = a.iter().zip(&used).filter(|(_, u)| !**u).map(|(x, _)| x).collect();
    (pairs, added, removed)
}

fn material_name(m: &Material) -> Option<&str> {
    m.name()
}

fn label(n: Option<&str>) -> String {
    n.unwrap_or(crate::i18n::t("（无名称）", "(unnamed)")).to_string()
}

/// Scenarios added, removed and changed (matched by name), with their materials and
/// acceptance points matched by name / text.
pub fn scenarios(a: &Item, b: &Item) -> ChildChanges<ScenarioChange> {
    let (pairs, added, removed) = pair_by_name(&a.scenarios, &b.scenarios, Scenario::name);
    let mut changed = Vec::new();
    for (x, y) in pairs {
        if scenario_eq(x, y) {
            continue;
        }
        let fields = fields(&x.fields, &y.fields, &x.extra, &y.extra);
        let (mp, madd, mrem) = pair_by_name(&x.materials, &y.materials, material_name);
        let materials = ChildChanges {
            added: madd.iter().map(|m| label(m.name())).collect(),
            removed: mrem.iter().map(|m| label(m.name())).collect(),
            changed: mp
                .into_iter()
                .filter_map(|(p, q)| {
                    let f = super::changes::fields(&p.fields, &q.fields, &p.extra, &q.extra);
                    (!f.is_empty()).then(|| super::NamedChange {
                        name: label(q.name()),
                        fields: f,
                    })
                })
                .collect(),
        };
        let point = |p: &crate::model::AcceptancePoint| p.fields.text(F::PointText).map(str::to_string);
        let (pp, padd, prem) = pair_by_name(&x.acceptance_points, &y.acceptance_points, |p| {
            p.fields.text(F::PointText)
        });
        let acceptance_points = ChildChanges {
            added: padd.iter().map(|p| label(point(p).as_deref())).collect(),
            removed: prem.iter().map(|p| label(point(p).as_deref())).collect(),
            changed: pp
                .into_iter()
                .filter_map(|(p, q)| {
                    let f = super::changes::fields(&p.fields, &q.fields, &p.extra, &q.extra);
                    (!f.is_empty()).then(|| super::NamedChange {
                        name: label(point(q).as_deref()),
                        fields: f,
                    })
                })
                .collect(),
        };
        // A pure reordering of materials or points is not worth a line.
        if fields.is_empty() && materials.is_empty() && acceptance_points.is_empty() {
            continue;
        }
        changed.push(ScenarioChange {
            name: label(y.name()),
            fields,
            materials,
            acceptance_points,
        });
    }
    ChildChanges {
        added: added.iter().map(|s| label(s.name())).collect(),
        removed: removed.iter().map(|s| label(s.name())).collect(),
        changed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{LoadOptions, load_paths};
    use std::path::PathBuf;

    fn load(p: &str) -> Catalog {
        load_paths(&[PathBuf::from(p)], &LoadOptions::default()).unwrap()
    }

    #[test]
    fn same_text_takes_the_fast_path_wherever_the_item_sits() {
        let (a, b) = (load("tests/fixtures/diff/v1"), load("tests/fixtures/diff/v1-reordered"));
        let mut fast = 0;
        for x in &a.items {
            let y = b.items.iter().find(|y| y.code() == x.code()).unwrap();
            assert!(item_eq(x, y));
            if same_text(&a, x, &b, y) {
                fast += 1;
            }
        }
        assert_eq!(fast, a.items.len());
    }

    #[test]
    fn inherited_defaults_are_compared() {
        let (a, b) = (
            load("tests/fixtures/diff/defaults-a.yaml"),
            load("tests/fixtures/diff/defaults-b.yaml"),
        );
        assert!(!same_text(&a, &a.items[0], &b, &b.items[0]));
        assert!(!item_eq(&a.items[0], &b.items[0]));
        assert!(same_text(&a, &a.items[0], &a, &a.items[0]));
    }
}
