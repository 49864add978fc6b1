//! Field references in rule files: a dictionary key, a Chinese name or alias (`fields::lookup`),
//! optionally prefixed by the node it lives in (`material.name`, `材料.名称` is not needed:
//! `材料名称` is already unique).

use crate::model::fields::{self, FIELDS, Kind, Scope};
use crate::model::{F, Fields, Item, Loc, Value};
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

/// The nodes of an item that hold fields of `scope`, each with its location.
pub fn nodes(item: &Item, scope: Scope) -> Vec<(&Fields, Loc)> {
    match scope {
        Scope::Item => vec![(&item.fields, item.loc)],
        Scope::Scenario => item.scenarios.iter().map(|s| (&s.fields, s.loc)).collect(),
        Scope::Point => item
            .scenarios
            .iter()
            .flat_map(|s| s.acceptance_points.iter().map(|p| (&p.fields, p.loc)))
            .collect(),
        Scope::Material => item.materials().map(|(_, m)| (&m.fields, m.loc)).collect(),
        Scope::Step => item.process.iter().map(|s| (&s.fields, s.loc)).collect(),
        Scope::Duty => item.supervision.iter().map(|d| (&d.fields, d.loc)).collect(),
        Scope::Header | Scope::Bundle | Scope::Law => Vec::new(),
    }
}

/// The values of field `f` in one node: list elements one by one, scalars as written.
pub fn node_values(fields: &Fields, f: F) -> Vec<(Cow<'_, str>, Loc)> {
    let Some(v) = fields.get(f) else { return Vec::new() };
    match &v.value {
        Value::Text(s) => vec![(Cow::Borrowed(s.as_str()), v.loc)],
        Value::List(l) => l.iter().map(|s| (Cow::Borrowed(s.value.as_str()), s.loc)).collect(),
        Value::Time(t) => vec![(Cow::Borrowed(t.raw.as_str()), v.loc)],
        other => vec![(Cow::Owned(other.display()), v.loc)],
    }
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
}
