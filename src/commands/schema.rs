//! `catalog schema`: the JSON Schema (draft-07, what the VS Code YAML extension supports) of the
//! catalog format, built from the field dictionary so it can never disagree with the loader.
//!
//! Every spelling the loader accepts is a property: the English key, the Chinese name and each
//! alias. Value types follow the loader, which reads every scalar as text first: a text field
//! accepts numbers too (`region_code: 330302`), whole numbers may be quoted, booleans may be
//! written 是/否. Enumerations only suggest (`anyOf` an `enum` and free text): the loader
//! accepts other spellings and the rules judge them (e.g. 区县级 for 县级).

use crate::error::Error;
use crate::model::fields::{self, FieldDef, Kind, STRUCT_KEYS, Scope};
use serde_json::{Map, Value, json};

pub fn run() -> Result<u8, Error> {
    super::print(&render());
    Ok(0)
}

/// The schema as pretty JSON with a final newline (also the content of catalog.schema.json).
pub fn render() -> String {
    let mut s = serde_json::to_string_pretty(&schema()).unwrap_or_default();
    s.push('\n');
    s
}

fn def_name(scope: Scope) -> &'static str {
    match scope {
        Scope::Header => "header",
        Scope::Item => "item",
        Scope::Scenario => "scenario",
        Scope::Point => "acceptance_point",
        Scope::Material => "material",
        Scope::Step => "step",
        Scope::Duty => "duty",
        Scope::Bundle => "bundle",
        Scope::Law => "law",
    }
}

fn reference(scope: Scope) -> Value {
    json!({"$ref": format!("#/definitions/{}", def_name(scope))})
}

const BOOL_WORDS: &[&str] = &[
    "true", "True", "TRUE", "yes", "Yes", "是", "Y", "y", "1", "√", "false", "False", "FALSE", "no", "No", "否", "N",
    "n", "0", "×",
];

/// Shared value schemas by kind, under `definitions` (keeps the file small: every alias of
/// every field refers to these).
fn kind_defs(defs: &mut Map<String, Value>) {
    defs.insert(
        "text".into(),
        json!({"description": "文字（数字也按文字读取）", "type": ["string", "number", "boolean", "null"]}),
    );
    defs.insert(
        "time".into(),
        json!({
            "description": "时限：N工作日、N自然日、即办、无",
            "type": ["string", "number", "null"],
            "examples": ["20工作日", "30自然日", "即办", "无"],
        }),
    );
    defs.insert(
        "texts".into(),
        json!({
            "description": "一项文字，或文字列表",
            "anyOf": [{"$ref": "#/definitions/text"}, {"type": "array", "items": {"$ref": "#/definitions/text"}}],
        }),
    );
    defs.insert(
        "int".into(),
        json!({
            "description": "非负整数",
            "anyOf": [
                {"type": "integer", "minimum": 0},
                {"type": "string", "pattern": "^\\s*\\+?[0-9]+\\s*$"},
                {"type": "null"},
            ],
        }),
    );
    defs.insert("num".into(), json!({
        "description": "数字，可带 %",
        "anyOf": [
            {"type": "number"},
            {"type": "string", "pattern": "^\\s*[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?\\s*[%％]?\\s*$"},
            {"type": "null"},
        ],
    }));
    defs.insert(
        "bool".into(),
        json!({
            "description": "是/否（true/false）",
            "anyOf": [{"type": "boolean"}, {"enum": BOOL_WORDS}, {"enum": [0, 1]}, {"type": "null"}],
        }),
    );
}

fn kind_ref(name: &str) -> Value {
    json!({"$ref": format!("#/definitions/{name}")})
}

/// The schema of one field's value, by kind (null is always allowed: the loader skips it).
/// Enumerated values are suggested, never required.
fn value_schema(f: &FieldDef) -> Value {
    let suggest = |base: Value| -> Value {
        if f.values.is_empty() {
            base
        } else {
            json!({"anyOf": [{"enum": f.values}, base]})
        }
    };
    let v = match f.kind {
        Kind::Text => suggest(kind_ref("text")),
        Kind::Time => kind_ref("time"),
        Kind::List | Kind::Lines if f.values.is_empty() => kind_ref("texts"),
        Kind::List | Kind::Lines => {
            let one = suggest(kind_ref("text"));
            json!({"anyOf": [one.clone(), {"type": "array", "items": one}]})
        }
        Kind::Int => kind_ref("int"),
        Kind::Num => kind_ref("num"),
        Kind::Bool => kind_ref("bool"),
    };
    // A `$ref` ignores its siblings in draft-07: wrap it so title and description count.
    if v.get("$ref").is_some() {
        json!({"allOf": [v]})
    } else {
        v
    }
}

fn described(mut v: Value, title: &str, description: String) -> Value {
    if let Some(o) = v.as_object_mut() {
        let mut m = Map::new();
        m.insert("title".into(), json!(title));
        m.insert("description".into(), json!(description));
        m.extend(std::mem::take(o));
        *o = m;
    }
    v
}

/// Add `schema` under the canonical key, the Chinese name and every alias.
fn add_names(props: &mut Map<String, Value>, key: &str, zh: &str, aliases: &[&str], schema: Value, doc: &str) {
    props.insert(key.into(), described(schema.clone(), zh, doc.to_string()));
    for name in std::iter::once(&zh).chain(aliases.iter()) {
        if *name != key {
            props
                .entry(name.to_string())
                .or_insert_with(|| described(schema.clone(), zh, format!("{doc}（“{key}” 的中文写法）")));
        }
    }
}

fn field_doc(f: &FieldDef) -> String {
    format!("{}：{}（{}）", f.zh, f.doc, f.en)
}

/// Fields of a scope as properties (grouped fields also flat, as the loader accepts them).
fn field_props(scope: Scope, props: &mut Map<String, Value>) {
    for f in fields::of_scope(scope) {
        let schema = value_schema(f);
        let doc = field_doc(f);
        add_names(props, f.key, f.zh, f.aliases, schema, &doc);
    }
}

fn object(title: &str, description: &str, props: Map<String, Value>) -> Value {
    json!({
        "title": title,
        "description": description,
        "type": "object",
        "properties": props,
        "additionalProperties": false,
    })
}

/// A list whose entries are mappings of `scope` or, for short, just the name.
fn list_of(scope: Scope) -> Value {
    json!({"type": ["array", "null"], "items": {"anyOf": [reference(scope), {"type": ["string", "number"]}]}})
}

fn struct_schema(key: &str) -> Value {
    match key {
        "scenarios" => list_of(Scope::Scenario),
        "process" => list_of(Scope::Step),
        "supervision" => list_of(Scope::Duty),
        "acceptance_points" => list_of(Scope::Point),
        "materials" => list_of(Scope::Material),
        "lint_ignore" => json!({"type": ["array", "null"], "items": {"$ref": "#/definitions/suppression"}}),
        "time_limit" => {
            let mut props = Map::new();
            for f in fields::of_scope(Scope::Item).filter(|f| f.group() == Some("time_limit")) {
                add_names(&mut props, f.leaf(), f.zh, f.aliases, value_schema(f), &field_doc(f));
            }
            json!({"type": ["object", "null"], "properties": props, "additionalProperties": false})
        }
        _ => json!({}),
    }
}

fn scope_def(scope: Scope, title: &str, description: &str) -> Value {
    let mut props = Map::new();
    field_props(scope, &mut props);
    for k in STRUCT_KEYS.iter().filter(|k| k.scope == scope) {
        let doc = format!("{}（{}）", k.zh, k.key);
        add_names(&mut props, k.key, k.zh, k.aliases, struct_schema(k.key), &doc);
    }
    object(title, description, props)
}

pub fn schema() -> Value {
    let mut defs = Map::new();
    kind_defs(&mut defs);
    defs.insert(
        "header".into(),
        scope_def(Scope::Header, "清单信息", "清单的标题、区划、版本等"),
    );
    // defaults: plain item fields only (no lists or groups), inherited by every item of the file.
    let mut dprops = Map::new();
    field_props(Scope::Item, &mut dprops);
    defs.insert(
        "defaults".into(),
        object("默认值", "本文件每个事项继承的字段值（只能写普通字段）", dprops),
    );
    defs.insert("item".into(), scope_def(Scope::Item, "事项", "一个业务办理项（属）"));
    defs.insert(
        "scenario".into(),
        scope_def(Scope::Scenario, "办事情形", "办事情形（种），含受理要点与申请材料"),
    );
    defs.insert(
        "acceptance_point".into(),
        scope_def(Scope::Point, "受理要点", "受理时审查的要点"),
    );
    defs.insert(
        "material".into(),
        scope_def(Scope::Material, "申请材料", "申请材料及其材料范例"),
    );
    defs.insert(
        "step".into(),
        scope_def(Scope::Step, "办理环节", "办理流程中的一个环节"),
    );
    defs.insert(
        "duty".into(),
        scope_def(Scope::Duty, "监管责任", "承担监管责任的部门及其比例"),
    );
    defs.insert(
        "bundle".into(),
        scope_def(Scope::Bundle, "一件事", "一起申请办理的一组事项"),
    );
    defs.insert("law".into(), scope_def(Scope::Law, "法规", "法规库中的一部法律法规"));
    defs.insert(
        "suppression".into(),
        json!({
            "title": "忽略规则",
            "description": "在本事项上不检查某条规则：写规则代码，或写 rule 与 reason",
            "anyOf": [
                {"type": "string", "examples": ["T005"]},
                {
                    "type": "object",
                    "properties": {
                        "rule": {"title": "规则", "description": "规则代码，如 T005", "type": "string"},
                        "规则": {"title": "规则", "description": "规则代码（rule 的中文写法）", "type": "string"},
                        "code": {"title": "规则", "description": "规则代码（rule 的别名）", "type": "string"},
                        "reason": {"title": "原因", "description": "为什么不检查", "type": ["string", "null"]},
                        "原因": {"title": "原因", "description": "为什么不检查（reason 的中文写法）", "type": ["string", "null"]},
                        "理由": {"title": "原因", "description": "为什么不检查（reason 的别名）", "type": ["string", "null"]},
                    },
                    "additionalProperties": false,
                    "anyOf": [{"required": ["rule"]}, {"required": ["规则"]}, {"required": ["code"]}],
                },
            ],
        }),
    );

    let items = json!({"title": "事项列表", "description": "本文件的事项", "type": ["array", "null"], "items": reference(Scope::Item)});
    let bundles = json!({"title": "一件事", "description": "一起申请办理的事项组", "type": ["array", "null"], "items": reference(Scope::Bundle)});
    let laws = json!({"title": "法规库", "description": "设定依据可以引用的法律法规", "type": ["array", "null"],
        "items": {"anyOf": [reference(Scope::Law), {"type": "string"}]}});
    let mut top = Map::new();
    for (names, schema) in [
        (
            &["catalog", "清单信息", "清单"][..],
            json!({"$ref": "#/definitions/header"}),
        ),
        (
            &["defaults", "默认值", "默认"][..],
            json!({"$ref": "#/definitions/defaults"}),
        ),
        (&["items", "事项", "事项清单", "事项列表"][..], items),
        (&["bundles", "一件事"][..], bundles),
        (&["laws", "法规库", "法规"][..], laws),
    ] {
        for n in names {
            top.insert(n.to_string(), schema.clone());
        }
    }
    defs.insert(
        "file".into(),
        json!({"type": "object", "properties": top, "additionalProperties": false}),
    );

    json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "政务服务事项清单 / 权力清单（catalog 格式）",
        "description": "catalog 清单文件：清单信息、默认值、事项（事项名称 + 事项层级 + 办事情形 + 受理要点 + 材料范例）、一件事与法规库。由 `catalog schema` 从字段字典生成。",
        "anyOf": [
            {"$ref": "#/definitions/file"},
            {"type": "array", "description": "只有事项的清单文件", "items": {"$ref": "#/definitions/item"}},
        ],
        "definitions": defs,
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_dictionary_name_is_a_property() {
        let s = super::schema();
        let item = &s["definitions"]["item"]["properties"];
        for f in crate::model::fields::of_scope(crate::model::fields::Scope::Item) {
            if f.group().is_none() {
                assert!(item.get(f.key).is_some(), "{}", f.key);
            }
            assert!(item.get(f.zh).is_some(), "{}", f.zh);
            for a in f.aliases {
                assert!(item.get(*a).is_some(), "{a}");
            }
        }
        assert!(item.get("办事情形").is_some());
        assert!(item["time_limit"]["properties"].get("promised").is_some());
    }
}
