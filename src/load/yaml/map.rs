//! Nodes → model: keys through the field dictionary (English or Chinese), values by field kind,
//! `defaults` inherited, unknown keys kept as extras. Wrong types and duplicate keys are errors.

use super::tree::{Node, TPos};
use crate::error::Error;
use crate::model::fields::{self, FieldDef, Kind, Scope};
use crate::model::*;
use std::borrow::Cow;
use std::path::Path;

pub struct Mapper<'a> {
    pub path: &'a Path,
    pub file: FileId,
    pub errors: Vec<Error>,
}

const MAX_ERRORS: usize = 50;

/// The top-level keys of the defaults every item inherits.
pub const DEFAULTS_KEYS: &[&str] = &["defaults", "默认值", "默认"];

impl<'a> Mapper<'a> {
    pub fn new(path: &'a Path, file: FileId) -> Self {
        Mapper {
            path,
            file,
            errors: Vec::new(),
        }
    }

    fn loc(&self, p: TPos) -> Loc {
        Loc::text(self.file, p.line, p.col, p.offset, p.len)
    }

    fn error(&mut self, p: TPos, zh: String, en: String) {
        if self.errors.len() < MAX_ERRORS {
            self.errors.push(Error::at(self.path, p.line, p.col, zh, en));
        }
    }

    /// Map a whole file. The catalog returned has no sources; the caller adds them.
    pub fn catalog<'n>(&mut self, root: Option<Node<'n>>) -> Catalog {
        let (mut cat, defaults, items) = self.header(root);
        if let Some(v) = items {
            let nodes = self.seq_items(v, "事项列表", "items");
            cat.items = self.items(nodes, &defaults);
        }
        cat
    }

    /// Everything but the items: header, defaults, bundles, laws, unknown keys; plus the defaults
    /// and the `items:` node for the caller to map (possibly in parallel chunks).
    pub fn header<'n>(&mut self, root: Option<Node<'n>>) -> (Catalog, Fields, Option<Node<'n>>) {
        let mut cat = Catalog::default();
        let mut defaults = Fields::default();
        let mut items_node = None;
        let Some(root) = root else {
            return (cat, defaults, items_node);
        };
        match root {
            seq @ Node::Seq { .. } => items_node = Some(seq),
            Node::Map { entries, .. } => {
                let mut seen = Seen::new();
                for (k, v) in entries {
                    let Some(key) = self.key(&k, &mut seen) else { continue };
                    match key.as_str() {
                        "catalog" | "清单信息" | "清单" => {
                            let loc = self.loc(v.pos());
                            if let Some(entries) = self.map_entries(v, "清单信息", "catalog header") {
                                cat.header.loc = loc;
                                self.fields(
                                    Scope::Header,
                                    entries,
                                    &mut cat.header.fields,
                                    &mut cat.header.extra,
                                    |_, _, v| Some(v),
                                );
                            }
                        }
                        k if DEFAULTS_KEYS.contains(&k) => {
                            if let Some(entries) = self.map_entries(v, "默认值", "defaults") {
                                let mut extra = Vec::new();
                                self.fields(Scope::Item, entries, &mut defaults, &mut extra, |m, _, n| {
                                    m.error(
                                        n.pos(),
                                        "defaults 中只能写事项的普通字段".into(),
                                        "defaults may only hold plain item fields".into(),
                                    );
                                    None
                                });
                                cat.extra.extend(extra);
                            }
                        }
                        "items" | "事项" | "事项清单" | "事项列表" => items_node = Some(v),
                        "bundles" | "一件事" => {
                            for n in self.seq_items(v, "一件事", "bundles") {
                                let mut b = Bundle {
                                    loc: self.loc(n.pos()),
                                    ..Default::default()
                                };
                                match n {
                                    Node::Map { entries, .. } => {
                                        self.fields(Scope::Bundle, entries, &mut b.fields, &mut b.extra, |_, _, v| {
                                            Some(v)
                                        })
                                    }
                                    other => self.wrong_type(&other, "一件事（键值对）", "a bundle mapping"),
                                }
                                cat.bundles.push(b);
                            }
                        }
                        "laws" | "法规库" | "法规" => {
                            for n in self.seq_items(v, "法规库", "laws") {
                                let mut l = Law {
                                    loc: self.loc(n.pos()),
                                    ..Default::default()
                                };
                                match n {
                                    Node::Map { entries, .. } => {
                                        self.fields(Scope::Law, entries, &mut l.fields, &mut l.extra, |_, _, v| Some(v))
                                    }
                                    Node::Scalar { text, pos, .. } => l
                                        .fields
                                        .set(F::LawTitle, Spanned::new(Value::Text(text.into()), self.loc(pos))),
                                    other => self.wrong_type(&other, "法规（键值对）", "a law mapping"),
                                }
                                cat.laws.push(l);
                            }
                        }
                        _ => {
                            let loc = self.loc(k.pos());
                            cat.extra.push(Extra {
                                key,
                                value: to_json(&v),
                                loc,
                            });
                        }
                    }
                }
            }
            Node::Scalar { pos, .. } => self.error(
                pos,
                "文件不是清单：顶层应为键值对（catalog/items …）或事项列表".into(),
                "not a catalog: the top level must be a mapping (catalog/items …) or a list of items".into(),
            ),
        }
        (cat, defaults, items_node)
    }

    pub fn items<'n>(&mut self, nodes: Vec<Node<'n>>, defaults: &Fields) -> Vec<Item> {
        let mut out = Vec::with_capacity(nodes.len());
        for n in nodes {
            let pos = n.pos();
            let end_line = n.end_line();
            let Some(entries) = self.map_entries(n, "事项（键值对）", "an item mapping") else {
                continue;
            };
            let mut item = Item {
                loc: self.loc(pos),
                end_line,
                ..Default::default()
            };
            self.item(entries, &mut item);
            for (f, v) in defaults.iter() {
                if !item.fields.has(f) {
                    item.fields.set(f, v.clone());
                }
            }
            item.shrink_to_fit();
            out.push(item);
        }
        out
    }

    fn item<'n>(&mut self, entries: Vec<(Node<'n>, Node<'n>)>, item: &mut Item) {
        let mut fields = std::mem::take(&mut item.fields);
        let mut extra = std::mem::take(&mut item.extra);
        let mut time_limit = None;
        self.fields(Scope::Item, entries, &mut fields, &mut extra, |m, key, v| {
            let key_loc = m.loc(v.pos());
            match key {
                "scenarios" => {
                    item.lists_loc.scenarios = Some(key_loc);
                    for n in m.seq_items(v, "办事情形", "scenarios") {
                        let s = m.scenario(n);
                        item.scenarios.push(s);
                    }
                }
                "process" => {
                    item.lists_loc.process = Some(key_loc);
                    for n in m.seq_items(v, "办理流程", "process") {
                        let mut s = Step {
                            loc: m.loc(n.pos()),
                            ..Default::default()
                        };
                        m.node_or_name(n, Scope::Step, F::StepName, &mut s.fields, &mut s.extra);
                        item.process.push(s);
                    }
                }
                "supervision" => {
                    item.lists_loc.supervision = Some(key_loc);
                    for n in m.seq_items(v, "监管责任", "supervision") {
                        let mut d = Duty {
                            loc: m.loc(n.pos()),
                            ..Default::default()
                        };
                        m.node_or_name(n, Scope::Duty, F::DutyDepartment, &mut d.fields, &mut d.extra);
                        item.supervision.push(d);
                    }
                }
                "lint_ignore" => {
                    for n in m.seq_items(v, "忽略规则", "lint_ignore") {
                        if let Some(s) = m.suppression(n) {
                            item.suppressions.push(s);
                        }
                    }
                }
                "time_limit" => time_limit = Some(v),
                _ => return Some(v),
            }
            None
        });
        if let Some(v) = time_limit
            && let Some(entries) = self.map_entries(v, "办结时限（键值对）", "a time_limit mapping")
        {
            let mut seen = Seen::new();
            for (k, v) in entries {
                let Some(key) = self.key(&k, &mut seen) else { continue };
                match fields::lookup_in_group(Scope::Item, "time_limit", &key) {
                    Some(def) => self.value(def, v, &mut fields),
                    None => {
                        let loc = self.loc(k.pos());
                        extra.push(Extra {
                            key: format!("time_limit.{key}"),
                            value: to_json(&v),
                            loc,
                        });
                    }
                }
            }
        }
        item.fields = fields;
        item.extra = extra;
    }

    fn scenario<'n>(&mut self, n: Node<'n>) -> Scenario {
        let mut s = Scenario {
            loc: self.loc(n.pos()),
            ..Default::default()
        };
        match n {
            Node::Scalar { text, pos, .. } => s
                .fields
                .set(F::ScenarioName, Spanned::new(Value::Text(text.into()), self.loc(pos))),
            Node::Map { entries, .. } => {
                let mut points = Vec::new();
                let mut materials = Vec::new();
                self.fields(Scope::Scenario, entries, &mut s.fields, &mut s.extra, |m, key, v| {
                    match key {
                        "acceptance_points" => {
                            for n in m.seq_items(v, "受理要点", "acceptance_points") {
                                let mut p = AcceptancePoint {
                                    loc: m.loc(n.pos()),
                                    ..Default::default()
                                };
                                m.node_or_name(n, Scope::Point, F::PointText, &mut p.fields, &mut p.extra);
                                points.push(p);
                            }
                        }
                        "materials" => {
                            for n in m.seq_items(v, "申请材料", "materials") {
                                let mut mat = Material {
                                    loc: m.loc(n.pos()),
                                    ..Default::default()
                                };
                                m.node_or_name(n, Scope::Material, F::MaterialName, &mut mat.fields, &mut mat.extra);
                                materials.push(mat);
                            }
                        }
                        _ => return Some(v),
                    }
                    None
                });
                s.acceptance_points = points;
                s.materials = materials;
            }
            other => self.wrong_type(&other, "办事情形（键值对或名称）", "a scenario mapping or name"),
        }
        s
    }

    fn suppression<'n>(&mut self, n: Node<'n>) -> Option<Suppression> {
        let loc = self.loc(n.pos());
        match n {
            Node::Scalar { text, .. } => Some(Suppression {
                rule: text.trim().to_string(),
                reason: None,
                loc,
            }),
            Node::Map { entries, .. } => {
                let mut rule = None;
                let mut reason = None;
                for (k, v) in entries {
                    let key = scalar_text(&k).unwrap_or_default();
                    match (key.as_str(), &v) {
                        ("rule" | "规则" | "code", Node::Scalar { text, .. }) => rule = Some(text.trim().to_string()),
                        ("reason" | "原因" | "理由", Node::Scalar { text, .. }) => reason = Some(text.to_string()),
                        _ => self.error(
                            k.pos(),
                            format!("忽略规则中未知的键 “{key}”（应为 rule 和 reason）"),
                            format!("unknown key '{key}' in lint_ignore (expected rule and reason)"),
                        ),
                    }
                }
                match rule {
                    Some(rule) => Some(Suppression { rule, reason, loc }),
                    None => {
                        let p = TPos {
                            line: loc.line().unwrap_or(1),
                            ..Default::default()
                        };
                        self.error(
                            p,
                            "忽略规则缺少 rule（规则代码）".into(),
                            "lint_ignore entry without a rule code".into(),
                        );
                        None
                    }
                }
            }
            other => {
                self.wrong_type(&other, "忽略规则", "a lint_ignore entry");
                None
            }
        }
    }

    /// A child that is either a mapping of fields or just its name/text.
    fn node_or_name<'n>(&mut self, n: Node<'n>, scope: Scope, name: F, fields: &mut Fields, extra: &mut Vec<Extra>) {
        match n {
            Node::Scalar { text, pos, .. } => fields.set(name, Spanned::new(Value::Text(text.into()), self.loc(pos))),
            Node::Map { entries, .. } => self.fields(scope, entries, fields, extra, |_, _, v| Some(v)),
            other => self.wrong_type(&other, "键值对或文字", "a mapping or a text"),
        }
    }

    /// Read the entries of a mapping into `fields`; structured keys go to `structured`, which
    /// hands the value back when it does not handle the key (it is then kept as an extra).
    fn fields<'n>(
        &mut self,
        scope: Scope,
        entries: Vec<(Node<'n>, Node<'n>)>,
        fields: &mut Fields,
        extra: &mut Vec<Extra>,
        mut structured: impl FnMut(&mut Self, &str, Node<'n>) -> Option<Node<'n>>,
    ) {
        let mut seen = Seen::with_capacity(entries.len());
        fields.reserve(entries.len());
        for (k, v) in entries {
            let Some(key) = self.key(&k, &mut seen) else { continue };
            if let Some(sk) = fields::struct_key(scope, &key) {
                if v.is_null() {
                    continue;
                }
                if let Some(v) = structured(self, sk, v) {
                    let loc = self.loc(k.pos());
                    extra.push(Extra {
                        key,
                        value: to_json(&v),
                        loc,
                    });
                }
                continue;
            }
            match fields::lookup(scope, &key) {
                Some(def) => self.value(def, v, fields),
                None => {
                    let loc = self.loc(k.pos());
                    extra.push(Extra {
                        key,
                        value: to_json(&v),
                        loc,
                    });
                }
            }
        }
    }

    /// The text of a key, with duplicate detection (a Chinese alias and its English key count
    /// as the same key).
    fn key<'n>(&mut self, k: &Node<'n>, seen: &mut Seen) -> Option<String> {
        let Some(text) = scalar_text(k) else {
            self.error(k.pos(), "键必须是文字".into(), "a key must be a plain text".into());
            return None;
        };
        let canon: Cow<'static, str> = match fields::canonical(&text) {
            Some(c) => Cow::Borrowed(c),
            None => Cow::Owned(text.clone()),
        };
        if let Some((_, first)) = seen.iter().find(|(c, _)| *c == canon) {
            let first = *first;
            self.error(
                k.pos(),
                format!("重复的键 “{text}”（第 {} 行已经写过）", first.line),
                format!("duplicate key '{text}' (already given on line {})", first.line),
            );
            return None;
        }
        seen.push((canon, k.pos()));
        Some(text)
    }

    fn value<'n>(&mut self, def: &'static FieldDef, v: Node<'n>, fields: &mut Fields) {
        if v.is_null() {
            return;
        }
        let loc = self.loc(v.pos());
        let value = match (def.kind, v) {
            (Kind::Text, Node::Scalar { text, .. }) => Value::Text(text.into()),
            (Kind::Time, Node::Scalar { text, .. }) => Value::time(TimeLimit::parse(&text)),
            (Kind::List, Node::Scalar { text, .. }) => {
                Value::list(split_list(&text).into_iter().map(|s| Spanned::new(s, loc)).collect())
            }
            (Kind::Lines, Node::Scalar { text, .. }) => Value::list(
                text.lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(|s| Spanned::new(s.to_string(), loc))
                    .collect(),
            ),
            (Kind::List | Kind::Lines, Node::Seq { items, .. }) => {
                let mut out = Vec::with_capacity(items.len());
                for n in items {
                    match n {
                        Node::Scalar { text, pos, .. } => out.push(Spanned::new(text.into_owned(), self.loc(pos))),
                        other => self.wrong_type(
                            &other,
                            &format!("{}（文字列表）", def.zh),
                            &format!("{} (a list of texts)", def.key),
                        ),
                    }
                }
                Value::list(out)
            }
            (Kind::Int, Node::Scalar { text, pos, .. }) => match int_of(&text) {
                Some(n) => Value::Int(n),
                None => {
                    self.error(
                        pos,
                        format!("{} 应为非负整数，实为 “{text}”", def.zh),
                        format!("{} must be a whole number, found '{text}'", def.key),
                    );
                    return;
                }
            },
            (Kind::Num, Node::Scalar { text, pos, .. }) => match num_of(&text) {
                Some(n) => Value::Num(n),
                None => {
                    self.error(
                        pos,
                        format!("{} 应为数字，实为 “{text}”", def.zh),
                        format!("{} must be a number, found '{text}'", def.key),
                    );
                    return;
                }
            },
            (Kind::Bool, Node::Scalar { text, pos, .. }) => match parse_bool(&text) {
                Some(b) => Value::Bool(b),
                None => {
                    self.error(
                        pos,
                        format!("{} 应为 是/否（true/false），实为 “{text}”", def.zh),
                        format!("{} must be true/false, found '{text}'", def.key),
                    );
                    return;
                }
            },
            (_, other) => {
                let (zh, en) = kind_names(def.kind);
                self.wrong_type(&other, &format!("{}（{zh}）", def.zh), &format!("{} ({en})", def.key));
                return;
            }
        };
        fields.set(def.id, Spanned::new(value, loc));
    }

    fn wrong_type<'n>(&mut self, n: &Node<'n>, want_zh: &str, want_en: &str) {
        let (zh, en) = match n {
            Node::Scalar { .. } => ("文字", "a text"),
            Node::Seq { .. } => ("列表", "a list"),
            Node::Map { .. } => ("键值对", "a mapping"),
        };
        self.error(
            n.pos(),
            format!("类型错误：这里应为{want_zh}，实为{zh}"),
            format!("wrong type: expected {want_en}, found {en}"),
        );
    }

    fn map_entries<'n>(&mut self, n: Node<'n>, want_zh: &str, want_en: &str) -> Option<Vec<(Node<'n>, Node<'n>)>> {
        match n {
            Node::Map { entries, .. } => Some(entries),
            n if n.is_null() => None,
            other => {
                self.wrong_type(&other, want_zh, want_en);
                None
            }
        }
    }

    fn seq_items<'n>(&mut self, n: Node<'n>, want_zh: &str, want_en: &str) -> Vec<Node<'n>> {
        match n {
            Node::Seq { items, .. } => items,
            n if n.is_null() => Vec::new(),
            other => {
                self.wrong_type(&other, &format!("{want_zh}（列表）"), &format!("{want_en} (a list)"));
                Vec::new()
            }
        }
    }
}

fn kind_names(k: Kind) -> (&'static str, &'static str) {
    match k {
        Kind::Text => ("文字", "a text"),
        Kind::List | Kind::Lines => ("文字或文字列表", "a text or a list of texts"),
        Kind::Int => ("整数", "a whole number"),
        Kind::Num => ("数字", "a number"),
        Kind::Bool => ("是/否", "true/false"),
        Kind::Time => ("时限文字，如 20工作日", "a time limit such as 20工作日"),
    }
}

fn scalar_text<'n>(n: &Node<'n>) -> Option<String> {
    match n {
        Node::Scalar { text, .. } => Some(text.trim().to_string()),
        _ => None,
    }
}

/// Keys already seen in one mapping, by canonical name (a Chinese alias and its English key
/// are the same key). Mappings are small, so a list beats a hash map.
type Seen = Vec<(Cow<'static, str>, TPos)>;

fn int_of(text: &str) -> Option<u32> {
    text.trim().parse::<u32>().ok()
}

fn num_of(text: &str) -> Option<f64> {
    let n = text.trim().trim_end_matches(['%', '％']).trim().parse::<f64>().ok()?;
    n.is_finite().then_some(n)
}

/// Whether a plain one-line scalar is a value a field of this kind takes without an error
/// (as [`Mapper`] reads it).
pub fn scalar_fits(kind: Kind, text: &str) -> bool {
    match kind {
        Kind::Text | Kind::List | Kind::Lines | Kind::Time => true,
        Kind::Int => int_of(text).is_some(),
        Kind::Num => num_of(text).is_some(),
        Kind::Bool => parse_bool(text).is_some(),
    }
}

pub fn parse_bool(s: &str) -> Option<bool> {
    match s.trim() {
        // 支持/不支持, 可以/不可以: how guides answer 是否支持网上办理 and the like.
        "true" | "True" | "TRUE" | "yes" | "Yes" | "是" | "Y" | "y" | "1" | "√" | "支持" | "可以" => Some(true),
        "false" | "False" | "FALSE" | "no" | "No" | "否" | "N" | "n" | "0" | "×" | "不支持" | "不可以" => {
            Some(false)
        }
        _ => None,
    }
}

/// Split a list written in one text: `,` `，` `;` `；` `、` `^` `/` and line breaks, but never
/// inside brackets (镇（乡、街道）级 stays whole).
pub fn split_list(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut cur = String::new();
    for c in s.chars() {
        match c {
            '（' | '(' | '【' | '[' | '《' => {
                depth += 1;
                cur.push(c)
            }
            '）' | ')' | '】' | ']' | '》' => {
                depth -= 1;
                cur.push(c)
            }
            ',' | '，' | ';' | '；' | '、' | '^' | '\n' | '|' | '/' | '／' if depth <= 0 => {
                let t = cur.trim();
                if !t.is_empty() {
                    out.push(t.to_string());
                }
                cur.clear();
            }
            _ => cur.push(c),
        }
    }
    let t = cur.trim();
    if !t.is_empty() {
        out.push(t.to_string());
    }
    out
}

/// Unknown values are kept as they were written (scalars as text).
pub fn to_json<'n>(n: &Node<'n>) -> serde_json::Value {
    match n {
        n if n.is_null() => serde_json::Value::Null,
        Node::Scalar { text, .. } => serde_json::Value::String(text.to_string()),
        Node::Seq { items, .. } => serde_json::Value::Array(items.iter().map(to_json).collect()),
        Node::Map { entries, .. } => serde_json::Value::Object(
            entries
                .iter()
                .map(|(k, v)| (scalar_text(k).unwrap_or_else(|| "<complex-key>".into()), to_json(v)))
                .collect(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn split() {
        assert_eq!(split_list("县级、镇（乡、街道）级"), vec!["县级", "镇（乡、街道）级"]);
        assert_eq!(
            split_list("自然人,企业法人；事业法人"),
            vec!["自然人", "企业法人", "事业法人"]
        );
    }
}
