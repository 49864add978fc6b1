//! The model as plain data for other programs: `Catalog` ⇄ `serde_json::Value`.
//!
//! Keys are the canonical English keys of the field dictionary (dotted keys become nested
//! objects: `time_limit: {statutory, promised}`); fields are written in dictionary order so the
//! same catalog always gives the same JSON whatever file it was read from. Unknown keys travel as
//! `extra: [{key, value}]` (a list, so order and repeated keys survive). Locations are not data
//! and are left out.

use super::fields::{self, FieldDef, Kind, Scope};
use super::*;
use serde_json::{Map, Value as J, json};

/// Marks a JSON document written by [`to_json`].
pub const FORMAT: &str = "catalog-plain";

pub fn to_json(cat: &Catalog) -> J {
    let mut root = Map::new();
    root.insert("format".into(), json!(FORMAT));
    root.insert("version".into(), json!(1));
    let mut header = fields_json(Scope::Header, &cat.header.fields);
    put_extra(&mut header, &cat.header.extra);
    root.insert("catalog".into(), J::Object(header));
    root.insert("items".into(), J::Array(cat.items.iter().map(item_json).collect()));
    root.insert(
        "bundles".into(),
        J::Array(
            cat.bundles
                .iter()
                .map(|b| node(Scope::Bundle, &b.fields, &b.extra))
                .collect(),
        ),
    );
    root.insert(
        "laws".into(),
        J::Array(cat.laws.iter().map(|l| node(Scope::Law, &l.fields, &l.extra)).collect()),
    );
    let mut top = Map::new();
    put_extra(&mut top, &cat.extra);
    if let Some(e) = top.remove("extra") {
        root.insert("extra".into(), e);
    }
    J::Object(root)
}

fn item_json(it: &Item) -> J {
    let mut m = fields_json(Scope::Item, &it.fields);
    if !it.scenarios.is_empty() {
        let list = it
            .scenarios
            .iter()
            .map(|s| {
                let mut o = fields_json(Scope::Scenario, &s.fields);
                if !s.acceptance_points.is_empty() {
                    o.insert(
                        "acceptance_points".into(),
                        J::Array(
                            s.acceptance_points
                                .iter()
                                .map(|p| node(Scope::Point, &p.fields, &p.extra))
                                .collect(),
                        ),
                    );
                }
                if !s.materials.is_empty() {
                    o.insert(
                        "materials".into(),
                        J::Array(
                            s.materials
                                .iter()
                                .map(|p| node(Scope::Material, &p.fields, &p.extra))
                                .collect(),
                        ),
                    );
                }
                put_extra(&mut o, &s.extra);
                J::Object(o)
            })
            .collect();
        m.insert("scenarios".into(), J::Array(list));
    }
    if !it.process.is_empty() {
        m.insert(
            "process".into(),
            J::Array(
                it.process
                    .iter()
                    .map(|p| node(Scope::Step, &p.fields, &p.extra))
                    .collect(),
            ),
        );
    }
    if !it.supervision.is_empty() {
        m.insert(
            "supervision".into(),
            J::Array(
                it.supervision
                    .iter()
                    .map(|p| node(Scope::Duty, &p.fields, &p.extra))
                    .collect(),
            ),
        );
    }
    if !it.suppressions.is_empty() {
        let list = it
            .suppressions
            .iter()
            .map(|s| match &s.reason {
                Some(r) => json!({"rule": s.rule, "reason": r}),
                None => json!({"rule": s.rule}),
            })
            .collect();
        m.insert("lint_ignore".into(), J::Array(list));
    }
    put_extra(&mut m, &it.extra);
    J::Object(m)
}

fn node(scope: Scope, f: &Fields, extra: &[Extra]) -> J {
    let mut m = fields_json(scope, f);
    put_extra(&mut m, extra);
    J::Object(m)
}

fn put_extra(m: &mut Map<String, J>, extra: &[Extra]) {
    if !extra.is_empty() {
        let list = extra.iter().map(|e| json!({"key": e.key, "value": e.value})).collect();
        m.insert("extra".into(), J::Array(list));
    }
}

/// A field value as plain JSON.
pub fn value_json(v: &Value) -> J {
    match v {
        Value::Text(s) => J::String(s.to_string()),
        Value::List(l) => J::Array(l.iter().map(|s| J::String(s.value.clone())).collect()),
        Value::Int(n) => json!(n),
        Value::Num(n) => json!(n),
        Value::Bool(b) => J::Bool(*b),
        Value::Time(t) => J::String(t.raw.clone()),
    }
}

fn fields_json(scope: Scope, f: &Fields) -> Map<String, J> {
    let mut m = Map::new();
    for def in fields::of_scope(scope) {
        let Some(v) = f.get(def.id) else { continue };
        let j = value_json(&v.value);
        match def.group() {
            Some(g) => {
                let slot = m.entry(g.to_string()).or_insert_with(|| J::Object(Map::new()));
                if let J::Object(o) = slot {
                    o.insert(def.leaf().to_string(), j);
                }
            }
            None => {
                m.insert(def.key.to_string(), j);
            }
        }
    }
    m
}

/// Why a plain JSON document could not be read: a path into the document and a message.
#[derive(Debug)]
pub struct PlainError {
    pub path: String,
    pub zh: String,
    pub en: String,
}

fn err(path: &str, zh: impl Into<String>, en: impl Into<String>) -> PlainError {
    PlainError {
        path: path.to_string(),
        zh: zh.into(),
        en: en.into(),
    }
}

/// Read a document written by [`to_json`] back into a catalog (every location is `loc`).
pub fn from_json(doc: &J, loc: Loc) -> Result<Catalog, PlainError> {
    let J::Object(root) = doc else {
        return Err(err("$", "顶层应为对象", "the top level must be an object"));
    };
    let mut cat = Catalog::default();
    if let Some(h) = root.get("catalog") {
        let o = obj(h, "$.catalog")?;
        cat.header.loc = loc;
        read_fields(
            Scope::Header,
            o,
            &mut cat.header.fields,
            &mut cat.header.extra,
            loc,
            "$.catalog",
            &[],
        )?;
    }
    for (i, it) in array(root.get("items"), "$.items")?.iter().enumerate() {
        let path = format!("$.items[{i}]");
        cat.items.push(item_from(obj(it, &path)?, loc, &path)?);
    }
    for (i, b) in array(root.get("bundles"), "$.bundles")?.iter().enumerate() {
        let path = format!("$.bundles[{i}]");
        let mut n = Bundle {
            loc,
            ..Default::default()
        };
        read_fields(
            Scope::Bundle,
            obj(b, &path)?,
            &mut n.fields,
            &mut n.extra,
            loc,
            &path,
            &[],
        )?;
        cat.bundles.push(n);
    }
    for (i, b) in array(root.get("laws"), "$.laws")?.iter().enumerate() {
        let path = format!("$.laws[{i}]");
        let mut n = Law {
            loc,
            ..Default::default()
        };
        read_fields(Scope::Law, obj(b, &path)?, &mut n.fields, &mut n.extra, loc, &path, &[])?;
        cat.laws.push(n);
    }
    if let Some(e) = root.get("extra") {
        cat.extra = extra_from(e, loc, "$.extra")?;
    }
    Ok(cat)
}

fn item_from(o: &Map<String, J>, loc: Loc, path: &str) -> Result<Item, PlainError> {
    let mut it = Item {
        loc,
        ..Default::default()
    };
    read_fields(
        Scope::Item,
        o,
        &mut it.fields,
        &mut it.extra,
        loc,
        path,
        &["scenarios", "process", "supervision", "lint_ignore"],
    )?;
    for (i, s) in array(o.get("scenarios"), &format!("{path}.scenarios"))?
        .iter()
        .enumerate()
    {
        let sp = format!("{path}.scenarios[{i}]");
        let so = obj(s, &sp)?;
        let mut sc = Scenario {
            loc,
            ..Default::default()
        };
        read_fields(
            Scope::Scenario,
            so,
            &mut sc.fields,
            &mut sc.extra,
            loc,
            &sp,
            &["acceptance_points", "materials"],
        )?;
        for (j, p) in array(so.get("acceptance_points"), &format!("{sp}.acceptance_points"))?
            .iter()
            .enumerate()
        {
            let pp = format!("{sp}.acceptance_points[{j}]");
            let mut n = AcceptancePoint {
                loc,
                ..Default::default()
            };
            read_fields(Scope::Point, obj(p, &pp)?, &mut n.fields, &mut n.extra, loc, &pp, &[])?;
            sc.acceptance_points.push(n);
        }
        for (j, p) in array(so.get("materials"), &format!("{sp}.materials"))?
            .iter()
            .enumerate()
        {
            let pp = format!("{sp}.materials[{j}]");
            let mut n = Material {
                loc,
                ..Default::default()
            };
            read_fields(
                Scope::Material,
                obj(p, &pp)?,
                &mut n.fields,
                &mut n.extra,
                loc,
                &pp,
                &[],
            )?;
            sc.materials.push(n);
        }
        it.scenarios.push(sc);
    }
    for (i, p) in array(o.get("process"), &format!("{path}.process"))?.iter().enumerate() {
        let pp = format!("{path}.process[{i}]");
        let mut n = Step {
            loc,
            ..Default::default()
        };
        read_fields(Scope::Step, obj(p, &pp)?, &mut n.fields, &mut n.extra, loc, &pp, &[])?;
        it.process.push(n);
    }
    for (i, p) in array(o.get("supervision"), &format!("{path}.supervision"))?
        .iter()
        .enumerate()
    {
        let pp = format!("{path}.supervision[{i}]");
        let mut n = Duty {
            loc,
            ..Default::default()
        };
        read_fields(Scope::Duty, obj(p, &pp)?, &mut n.fields, &mut n.extra, loc, &pp, &[])?;
        it.supervision.push(n);
    }
    for (i, s) in array(o.get("lint_ignore"), &format!("{path}.lint_ignore"))?
        .iter()
        .enumerate()
    {
        let sp = format!("{path}.lint_ignore[{i}]");
        let so = obj(s, &sp)?;
        let rule = so
            .get("rule")
            .and_then(J::as_str)
            .ok_or_else(|| err(&sp, "忽略规则缺少 rule", "lint_ignore entry without rule"))?;
        it.suppressions.push(Suppression {
            rule: rule.to_string(),
            reason: so.get("reason").and_then(J::as_str).map(str::to_string),
            loc,
        });
    }
    Ok(it)
}

fn read_fields(
    scope: Scope,
    o: &Map<String, J>,
    out: &mut Fields,
    extra: &mut Vec<Extra>,
    loc: Loc,
    path: &str,
    structured: &[&str],
) -> Result<(), PlainError> {
    for (k, v) in o {
        if structured.contains(&k.as_str()) {
            continue;
        }
        if k == "extra" {
            extra.extend(extra_from(v, loc, &format!("{path}.extra"))?);
            continue;
        }
        let kp = format!("{path}.{k}");
        if let Some(def) = fields::of_scope(scope).find(|f| f.key == k) {
            if let Some(val) = value_from(def, v, loc, &kp)? {
                out.set(def.id, Spanned::new(val, loc));
            }
            continue;
        }
        // A group such as time_limit: {statutory, promised}.
        if let J::Object(inner) = v
            && fields::of_scope(scope).any(|f| f.group() == Some(k.as_str()))
        {
            for (leaf, lv) in inner {
                let lp = format!("{kp}.{leaf}");
                match fields::of_scope(scope).find(|f| f.group() == Some(k.as_str()) && f.leaf() == leaf) {
                    Some(def) => {
                        if let Some(val) = value_from(def, lv, loc, &lp)? {
                            out.set(def.id, Spanned::new(val, loc));
                        }
                    }
                    None => extra.push(Extra {
                        key: format!("{k}.{leaf}"),
                        value: lv.clone(),
                        loc,
                    }),
                }
            }
            continue;
        }
        extra.push(Extra {
            key: k.clone(),
            value: v.clone(),
            loc,
        });
    }
    Ok(())
}

/// A plain JSON value as a field value of `def`'s kind (`None` for null).
pub fn value_from(def: &FieldDef, v: &J, loc: Loc, path: &str) -> Result<Option<Value>, PlainError> {
    let wrong = || {
        err(
            path,
            format!("{} 的值类型不对：{v}", def.zh),
            format!("wrong type for {}: {v}", def.key),
        )
    };
    let text = |v: &J| match v {
        J::String(s) => Some(s.clone()),
        J::Number(n) => Some(n.to_string()),
        J::Bool(b) => Some(b.to_string()),
        _ => None,
    };
    Ok(Some(match (def.kind, v) {
        (_, J::Null) => return Ok(None),
        (Kind::Text, v) => Value::Text(text(v).ok_or_else(wrong)?.into()),
        (Kind::Time, v) => Value::time(TimeLimit::parse(&text(v).ok_or_else(wrong)?)),
        (Kind::List | Kind::Lines, J::Array(a)) => Value::list(
            a.iter()
                .map(|x| text(x).map(|s| Spanned::new(s, loc)).ok_or_else(wrong))
                .collect::<Result<_, _>>()?,
        ),
        (Kind::List | Kind::Lines, v) => Value::list(vec![Spanned::new(text(v).ok_or_else(wrong)?, loc)]),
        (Kind::Int, J::Number(n)) => Value::Int(n.as_u64().and_then(|n| u32::try_from(n).ok()).ok_or_else(wrong)?),
        (Kind::Int, J::String(s)) => Value::Int(s.trim().parse().map_err(|_| wrong())?),
        (Kind::Num, J::Number(n)) => Value::Num(n.as_f64().ok_or_else(wrong)?),
        (Kind::Num, J::String(s)) => Value::Num(s.trim().trim_end_matches(['%', '％']).parse().map_err(|_| wrong())?),
        (Kind::Bool, J::Bool(b)) => Value::Bool(*b),
        (Kind::Bool, J::String(s)) => Value::Bool(crate::load::yaml::map::parse_bool(s).ok_or_else(wrong)?),
        _ => return Err(wrong()),
    }))
}

fn extra_from(v: &J, loc: Loc, path: &str) -> Result<Vec<Extra>, PlainError> {
    let J::Array(a) = v else {
        return Err(err(
            path,
            "extra 应为 [{key, value}] 列表",
            "extra must be a list of {key, value}",
        ));
    };
    a.iter()
        .map(|e| {
            let key = e
                .get("key")
                .and_then(J::as_str)
                .ok_or_else(|| err(path, "extra 项缺少 key", "extra entry without key"))?;
            Ok(Extra {
                key: key.to_string(),
                value: e.get("value").cloned().unwrap_or(J::Null),
                loc,
            })
        })
        .collect()
}

fn obj<'a>(v: &'a J, path: &str) -> Result<&'a Map<String, J>, PlainError> {
    v.as_object()
        .ok_or_else(|| err(path, "这里应为对象", "expected an object here"))
}

fn array<'a>(v: Option<&'a J>, path: &str) -> Result<&'a [J], PlainError> {
    match v {
        None | Some(J::Null) => Ok(&[]),
        Some(J::Array(a)) => Ok(a),
        Some(_) => Err(err(path, "这里应为列表", "expected a list here")),
    }
}
