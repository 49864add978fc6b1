//! Field references in rule files: a dictionary key, a Chinese name or alias (`fields::lookup`),
//! optionally prefixed by the node it lives in (`material.name`, `材料.名称` is not needed:
//! `材料名称` is already unique).

pub use crate::model::fields::FieldSet;
use crate::model::fields::{self, FIELDS, Kind, Scope};
use crate::model::{F, Fields, Item, Loc, Scenario, Value};
use std::borrow::Cow;

const PREFIXES: &[(Scope, &[&str])] = &[
    (Scope::Scenario, &["scenario", "scenarios", "情形", "办事情形"]),
    (Scope::Point, &["point", "acceptance_points", "受理要点"]),
    (Scope::Material, &["material", "materials", "材料", "申请材料"]),
    (Scope::Step, &["step", "process", "流程", "办理流程"]),
    (Scope::Duty, &["duty", "supervision", "监管责任"]),
];

const ORDER: [Scope; 6] = [
    Scope::Item,
    Scope::Scenario,
    Scope::Point,
    Scope::Material,
    Scope::Step,
    Scope::Duty,
];

/// The field a rule file means by `name`.
pub fn resolve(name: &str) -> Option<F> {
    let name = name.trim();
    if let Some(f) = fields::lookup(Scope::Item, name) {
        return Some(f.id);
    }
    if let Some((pre, rest)) = name.split_once('.') {
        let scope = PREFIXES.iter().find(|(_, p)| p.contains(&pre)).map(|(s, _)| *s)?;
        return fields::lookup(scope, rest).map(|f| f.id);
    }
    ORDER.iter().find_map(|s| fields::lookup(*s, name)).map(|f| f.id)
}

/// Every text-like field of an item and its children (`fields: "*"`).
pub fn all_text_fields() -> impl Iterator<Item = F> {
    FIELDS
        .iter()
        .filter(|d| ORDER.contains(&d.scope) && matches!(d.kind, Kind::Text | Kind::List | Kind::Lines))
        .map(|d| d.id)
}

/// The text fields but those in `skip`.
pub fn text_fields_except(skip: &[F]) -> FieldSet {
    all_text_fields().filter(|f| !skip.contains(f)).collect()
}

/// Call `f` on every value of a field in `set`, in the item and all its children (list elements
/// one by one, numbers as written), without collecting anything. Text is lent from the item;
/// only numbers are written out afresh.
pub fn each_value<'a>(item: &'a Item, set: &FieldSet, f: impl FnMut(F, Cow<'a, str>, Loc)) {
    walk(item, set, false, f)
}

/// [`each_value`], but not a 情形's acceptance points or materials when they repeat those of an
/// earlier 情形 of the item, value for value and place for place ([`repeats_earlier`]), nor a
/// 情形's field equal to, and at the same place as, that field of an earlier 情形: a sheet row
/// naming several 情形 gives each a copy of the row's 情形说明 and materials, and a rule that
/// judges a value by its field, text and place finds nothing new in the copy.
pub fn each_distinct_value<'a>(item: &'a Item, set: &FieldSet, f: impl FnMut(F, Cow<'a, str>, Loc)) {
    walk(item, set, true, f)
}

fn walk<'a>(item: &'a Item, set: &FieldSet, skip_copies: bool, mut f: impl FnMut(F, Cow<'a, str>, Loc)) {
    // `earlier`: the fields of the item's earlier 情形, whose value of a field, when equal and
    // at the same place (one 情形说明 cell read for each 情形 a row names), was walked there.
    let mut node = |fields: &'a Fields, earlier: &'a [Scenario]| {
        for (id, v) in fields.iter() {
            if set.contains(id) && !earlier.iter().any(|e| e.fields.get(id) == Some(v)) {
                match &v.value {
                    Value::Text(s) => f(id, Cow::Borrowed(s), v.loc),
                    Value::List(l) => l.iter().for_each(|s| f(id, Cow::Borrowed(&s.value), s.loc)),
                    Value::Time(t) => f(id, Cow::Borrowed(&t.raw), v.loc),
                    other => f(id, Cow::Owned(other.display()), v.loc),
                }
            }
        }
    };
    node(&item.fields, &[]);
    let (points, materials) = (set.touches(Scope::Point), set.touches(Scope::Material));
    for (j, s) in item.scenarios.iter().enumerate() {
        node(&s.fields, if skip_copies { &item.scenarios[..j] } else { &[] });
        if points && !(skip_copies && repeats_earlier(item, j, |s| &s.acceptance_points, |p| &p.fields)) {
            s.acceptance_points.iter().for_each(|p| node(&p.fields, &[]));
        }
        if materials && !(skip_copies && repeats_earlier(item, j, |s| &s.materials, |m| &m.fields)) {
            s.materials.iter().for_each(|m| node(&m.fields, &[]));
        }
    }
    item.process.iter().for_each(|s| node(&s.fields, &[]));
    item.supervision.iter().for_each(|d| node(&d.fields, &[]));
}

/// Whether the list `list` picks from 情形 `j` of the item repeats that of an earlier 情形: as
/// many nodes, each with the same fields at the same places. A copy made for another 情形 of
/// the same sheet row (or YAML alias) does; two 情形 that list the same materials in their own
/// cells or lines do not (their places differ), so their findings are not lost.
pub fn repeats_earlier<T>(
    item: &Item,
    j: usize,
    list: impl Fn(&Scenario) -> &[T],
    fields: impl Fn(&T) -> &Fields,
) -> bool {
    let this = list(&item.scenarios[j]);
    !this.is_empty()
        && item.scenarios[..j].iter().any(|e| {
            let earlier = list(e);
            earlier.len() == this.len() && earlier.iter().zip(this).all(|(a, b)| fields(a) == fields(b))
        })
}

/// The nodes of an item that hold fields of `scope`, each with its location (walked in place:
/// required-field rules ask this of every item).
pub fn nodes(item: &Item, scope: Scope) -> impl Iterator<Item = (&Fields, Loc)> {
    let only = |s: Scope| scope == s;
    let within = |s: Scope| if only(s) { item.scenarios.as_slice() } else { &[] };
    let own = only(Scope::Item).then_some((&item.fields, item.loc));
    let scenarios = within(Scope::Scenario).iter().map(|s| (&s.fields, s.loc));
    let points = within(Scope::Point)
        .iter()
        .flat_map(|s| s.acceptance_points.iter().map(|p| (&p.fields, p.loc)));
    let materials = within(Scope::Material)
        .iter()
        .flat_map(|s| s.materials.iter().map(|m| (&m.fields, m.loc)));
    let steps = if only(Scope::Step) {
        item.process.as_slice()
    } else {
        &[]
    };
    let duties = if only(Scope::Duty) {
        item.supervision.as_slice()
    } else {
        &[]
    };
    own.into_iter()
        .chain(scenarios)
        .chain(points)
        .chain(materials)
        .chain(steps.iter().map(|s| (&s.fields, s.loc)))
        .chain(duties.iter().map(|d| (&d.fields, d.loc)))
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn names_resolve() {
        assert_eq!(resolve("department"), Some(F::Department));
        assert_eq!(resolve("承诺办结时限"), Some(F::Promised));
        assert_eq!(resolve("time_limit.statutory"), Some(F::Statutory));
        assert_eq!(resolve("material.name"), Some(F::MaterialName));
        assert_eq!(resolve("材料名称"), Some(F::MaterialName));
        assert_eq!(resolve("受理要点"), Some(F::PointText));
        assert_eq!(resolve("nonsense"), None);
    }

    #[test]
    fn each_value_visits_only_the_set_in_every_node() {
        let mut item = Item::default();
        let text = |s: &str| crate::model::Spanned::new(Value::Text(s.into()), Loc::default());
        item.fields.set(F::Name, text("事项"));
        item.fields.set(F::Code, text("许可-1"));
        let mut sc = crate::model::Scenario::default();
        let mut m = crate::model::Material::default();
        m.fields.set(F::MaterialName, text("申请书"));
        sc.materials.push(m);
        item.scenarios.push(sc);
        let mut seen = Vec::new();
        let set: FieldSet = [F::Name, F::MaterialName].into_iter().collect();
        each_value(&item, &set, |f, v, _| seen.push((f, v.to_string())));
        assert_eq!(seen, [(F::Name, "事项".into()), (F::MaterialName, "申请书".into())]);
        assert!(text_fields_except(&[F::Code]).contains(F::Name));
        // A second 情形 with a copy of the first's materials (one sheet row) is walked once; a
        // third listing the same name in its own place is walked.
        let mut copy = item.scenarios[0].clone();
        copy.fields.set(F::ScenarioName, text("情形二"));
        item.scenarios.push(copy);
        let mut own = item.scenarios[0].clone();
        own.materials[0].fields.set(
            F::MaterialName,
            crate::model::Spanned::new(Value::Text("申请书".into()), Loc::cell(0, 0, 9, 2)),
        );
        item.scenarios.push(own);
        let mut distinct = Vec::new();
        each_distinct_value(&item, &set, |f, v, loc| distinct.push((f, v.to_string(), loc)));
        let names = |v: &[(F, String, Loc)]| v.iter().filter(|(f, _, _)| *f == F::MaterialName).count();
        assert_eq!(names(&distinct), 2);
        let mut all = Vec::new();
        each_value(&item, &set, |f, v, loc| all.push((f, v.to_string(), loc)));
        assert_eq!(names(&all), 3);
        assert!(!text_fields_except(&[F::Code]).contains(F::Code));
    }

    /// A 情形's field equal to an earlier 情形's at the same place (one 情形说明 cell read for
    /// both 情形 of a row) is walked once; the same text at its own place, and a field that
    /// differs (the 情形's name), is walked in every 情形.
    #[test]
    fn a_scenario_field_copied_from_an_earlier_one_is_walked_once() {
        let at = |row: u32, entry: usize| Loc::cell(0, 0, row, 4).with_entry(entry);
        let scenario = |name: &str, entry: usize, note_row: u32| {
            let mut s = crate::model::Scenario::default();
            let text = |t: &str, loc| crate::model::Spanned::new(Value::Text(t.into()), loc);
            s.fields.set(F::ScenarioName, text(name, at(3, entry)));
            s.fields.set(F::ScenarioNote, text("须本人到场", at(note_row, 0)));
            s
        };
        let mut item = Item::default();
        item.scenarios.push(scenario("个人申请", 1, 3));
        item.scenarios.push(scenario("企业申请", 2, 3));
        item.scenarios.push(scenario("委托代理", 3, 4));
        let set: FieldSet = [F::ScenarioName, F::ScenarioNote].into_iter().collect();
        let count = |distinct: bool| {
            let mut seen = Vec::new();
            let push = |f, _: Cow<str>, loc| seen.push((f, loc));
            if distinct {
                each_distinct_value(&item, &set, push)
            } else {
                each_value(&item, &set, push)
            }
            let of = |f| seen.iter().filter(|(g, _)| *g == f).count();
            (of(F::ScenarioName), of(F::ScenarioNote))
        };
        assert_eq!(count(true), (3, 2));
        assert_eq!(count(false), (3, 3));
    }
}
