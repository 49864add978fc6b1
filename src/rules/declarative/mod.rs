//! Declarative rules (Spectral's given/then, in YAML): built-in ones under `rules/declarative/`
//! embedded at build time, plus the user's own directory (`rules_dir` in catalog.toml). A rule
//! names fields (dictionary keys or Chinese names), optionally a taxonomy scope, and one check;
//! it gets a code, severity, message and page like a built-in rule.

pub mod fields_ref;
pub mod page;
pub mod vocab;

use crate::diag::Severity;
use crate::error::Error;
use crate::i18n::Msg;
use crate::model::fields::Scope;
use crate::model::{F, Item, Loc, TimeKind, Value};
use crate::rules::{Ctx, Family, Out, Page, Rule, RuleMeta};
use fields_ref::{FieldSet, nodes};
use regex::Regex;
use serde::Deserialize;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use vocab::Vocab;

/// The rule files shipped with the tool.
pub const BUILTIN: &[(&str, &str)] = &[
    (
        "rules/declarative/wording.yaml",
        include_str!("../../../rules/declarative/wording.yaml"),
    ),
    (
        "rules/declarative/required.yaml",
        include_str!("../../../rules/declarative/required.yaml"),
    ),
];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleFile {
    rules: Vec<RuleDef>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleDef {
    pub code: String,
    pub name: String,
    /// Family letter or name; user rules default to C (custom).
    #[serde(default)]
    pub family: Option<String>,
    #[serde(default = "warning")]
    pub severity: String,
    pub summary: String,
    #[serde(default)]
    pub summary_en: Option<String>,
    /// The finding; `{field}`, `{value}`, `{term}`, `{preferred}`, `{other}` are filled in.
    pub message: String,
    #[serde(default)]
    pub message_en: Option<String>,
    /// Fields checked: dictionary keys or Chinese names (`material.name`, `材料名称`); `"*"` = all text fields.
    #[serde(default)]
    pub fields: Vec<String>,
    /// Fields left out when `fields` is `"*"`.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// Fields of `fields` not judged on a public service (公共服务, 便民服务), which is not asked
    /// for them: there `/` or 无 says “not applicable”.
    #[serde(default)]
    pub not_for_services: Vec<String>,
    /// Taxonomy scope: rank (id, 界门纲…, or label) → allowed values.
    #[serde(default, rename = "where")]
    pub scope: BTreeMap<String, Vec<String>>,
    pub check: CheckDef,
    /// The page: what it checks (defaults to the summary), why, how to fix, bad and good YAML.
    #[serde(default)]
    pub what: Option<String>,
    #[serde(default)]
    pub what_en: Option<String>,
    #[serde(default)]
    pub why: Option<String>,
    #[serde(default)]
    pub why_en: Option<String>,
    #[serde(default)]
    pub how: Option<String>,
    #[serde(default)]
    pub how_en: Option<String>,
    #[serde(default)]
    pub bad: Option<String>,
    #[serde(default)]
    pub good: Option<String>,
}

fn warning() -> String {
    "warning".into()
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckDef {
    /// The field must be present and not empty.
    #[serde(default)]
    pub required: bool,
    /// The value must match.
    #[serde(default)]
    pub pattern: Option<String>,
    /// The value must not match (the match is reported).
    #[serde(default)]
    pub not_pattern: Option<String>,
    /// With not_pattern: the fix for the match (`$1` refers to a group).
    #[serde(default)]
    pub replace: Option<String>,
    /// Whether `--fix` applies `replace` without `--unsafe-fixes` (default yes).
    #[serde(default)]
    pub safe: Option<bool>,
    /// Vocabulary id: the whole value is one of its `whole` terms.
    #[serde(default)]
    pub whole: Option<String>,
    /// Vocabulary id: one of its `phrases` occurs.
    #[serde(default)]
    pub phrases: Option<String>,
    /// Vocabulary id: a variant occurs; its preferred term is offered as a fix.
    #[serde(default)]
    pub swap: Option<String>,
    /// Compare the field with another: `{op: "<=", other: time_limit.statutory}`.
    #[serde(default)]
    pub compare: Option<CompareDef>,
    /// Fields required per item type (门); catalog.toml `[options.required]` adds or replaces types.
    #[serde(default)]
    pub required_by_type: BTreeMap<String, Vec<String>>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CompareDef {
    pub op: String,
    pub other: String,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Op {
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
    Ne,
}

#[derive(Debug)]
enum Check {
    Required,
    Pattern(Regex),
    NotPattern(Regex, Option<(String, bool)>),
    Whole(Arc<Vocab>),
    Phrases(Arc<Vocab>),
    Swap(Arc<Vocab>),
    Compare(Op, F),
    RequiredByType(BTreeMap<String, Vec<F>>),
}

/// A rule read from a YAML file.
#[derive(Debug)]
pub struct DeclarativeRule {
    meta: RuleMeta,
    message: Msg,
    fields: Vec<F>,
    /// The same fields as a set, for the checks that read values.
    field_set: FieldSet,
    /// The fields a public service is not asked for (`not_for_services`).
    spared_services: FieldSet,
    scope: Vec<(String, Vec<String>)>,
    check: Check,
}

/// Everything declarative: the rules and the vocabularies they use.
pub struct Loaded {
    pub rules: Vec<DeclarativeRule>,
}

/// The built-in declarative rules (always valid: a test parses them).
pub fn builtin() -> Vec<DeclarativeRule> {
    load(None, Family::Custom).map(|l| l.rules).unwrap_or_default()
}

/// Built-in rules, then the user's (from `dir`: `*.yaml` rule files and `vocab/*.yaml`).
pub fn load(user_dir: Option<&Path>, user_family: Family) -> Result<Loaded, Error> {
    let mut vocabs: Vec<Arc<Vocab>> = Vec::new();
    for (p, t) in vocab::BUILTIN {
        vocabs.push(Arc::new(Vocab::parse(t, Path::new(p))?));
    }
    let mut user_files: Vec<(PathBuf, String)> = Vec::new();
    if let Some(dir) = user_dir {
        let read = |p: &Path| crate::load::limits::read_text(p);
        for p in yaml_files(&dir.join("vocab"))? {
            let v = Vocab::parse(&read(&p)?, &p)?;
            vocabs.retain(|x| x.id != v.id);
            vocabs.push(Arc::new(v));
        }
        for p in yaml_files(dir)? {
            let t = read(&p)?;
            user_files.push((p, t));
        }
    }
    let mut rules = Vec::new();
    for (p, t) in BUILTIN {
        let f: RuleFile = crate::load::config_yaml::from_str(t, Path::new(p))?;
        for d in f.rules {
            rules.push(compile(d, &vocabs, Path::new(p), Family::Custom)?);
        }
    }
    for (p, t) in &user_files {
        let f: RuleFile = crate::load::config_yaml::from_str(t, p)?;
        for d in f.rules {
            rules.push(compile(d, &vocabs, p, user_family)?);
        }
    }
    Ok(Loaded { rules })
}

fn yaml_files(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let rd = match std::fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && dir.ends_with("vocab") => return Ok(Vec::new()),
        Err(e) => return Err(Error::io(dir, &e)),
    };
    let mut v: Vec<PathBuf> = rd
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "yaml" || x == "yml"))
        .collect();
    v.sort();
    Ok(v)
}

fn compile(d: RuleDef, vocabs: &[Arc<Vocab>], path: &Path, default_family: Family) -> Result<DeclarativeRule, Error> {
    let err = |zh: String, en: String| {
        Error::plain(
            Some(path),
            format!("规则 {}：{zh}", d.code),
            format!("rule {}: {en}", d.code),
        )
    };
    let family = match &d.family {
        Some(f) => Family::parse(f).ok_or_else(|| err(format!("未知类别 “{f}”"), format!("unknown family '{f}'")))?,
        None => default_family,
    };
    if !d.code.starts_with(family.letter()) || d.code.len() < 2 {
        return Err(err(
            format!("代码应以类别字母 {} 开头", family.letter()),
            format!("the code must start with the family letter {}", family.letter()),
        ));
    }
    let severity = Severity::parse(&d.severity).ok_or_else(|| {
        err(
            format!("级别 “{}” 无效", d.severity),
            format!("invalid severity '{}'", d.severity),
        )
    })?;
    let field = |name: &str| {
        fields_ref::resolve(name).ok_or_else(|| err(format!("未知字段 “{name}”"), format!("unknown field '{name}'")))
    };
    let mut fields = Vec::new();
    if d.fields.iter().any(|f| f == "*") {
        let excluded = d.exclude.iter().map(|n| field(n)).collect::<Result<Vec<_>, _>>()?;
        fields.extend(fields_ref::all_text_fields().filter(|f| !excluded.contains(f)));
    } else {
        for n in &d.fields {
            fields.push(field(n)?);
        }
    }
    let spared_services = d
        .not_for_services
        .iter()
        .map(|n| field(n))
        .collect::<Result<FieldSet, _>>()?;
    let vocab = |id: &str| {
        vocabs
            .iter()
            .find(|v| v.id == id)
            .cloned()
            .ok_or_else(|| err(format!("未知词表 “{id}”"), format!("unknown vocabulary '{id}'")))
    };
    let regex = |re: &str| Regex::new(re).map_err(|e| err(format!("正则表达式有误：{e}"), format!("bad regex: {e}")));
    let c = &d.check;
    let mut checks = Vec::new();
    if c.required {
        checks.push(Check::Required);
    }
    if let Some(p) = &c.pattern {
        checks.push(Check::Pattern(regex(p)?));
    }
    if let Some(p) = &c.not_pattern {
        let fix = c.replace.clone().map(|r| (r, c.safe.unwrap_or(true)));
        checks.push(Check::NotPattern(regex(p)?, fix));
    } else if c.replace.is_some() {
        return Err(err(
            "replace 只能与 not_pattern 一起使用".into(),
            "replace needs not_pattern".into(),
        ));
    }
    if let Some(v) = &c.whole {
        checks.push(Check::Whole(vocab(v)?));
    }
    if let Some(v) = &c.phrases {
        checks.push(Check::Phrases(vocab(v)?));
    }
    if let Some(v) = &c.swap {
        checks.push(Check::Swap(vocab(v)?));
    }
    if let Some(cmp) = &c.compare {
        let op = match cmp.op.trim() {
            "<" => Op::Lt,
            "<=" | "≤" => Op::Le,
            ">" => Op::Gt,
            ">=" | "≥" => Op::Ge,
            "==" | "=" => Op::Eq,
            "!=" | "≠" => Op::Ne,
            o => return Err(err(format!("未知比较符 “{o}”"), format!("unknown operator '{o}'"))),
        };
        let other = field(&cmp.other)?;
        if fields.iter().any(|f| f.def().scope != other.def().scope) {
            return Err(err(
                "比较的两个字段须属于同一层级".into(),
                "compared fields must belong to the same node".into(),
            ));
        }
        checks.push(Check::Compare(op, other));
    }
    if !c.required_by_type.is_empty() {
        let mut m = BTreeMap::new();
        for (t, names) in &c.required_by_type {
            m.insert(
                t.clone(),
                names.iter().map(|n| field(n)).collect::<Result<Vec<_>, _>>()?,
            );
        }
        checks.push(Check::RequiredByType(m));
    }
    if checks.len() != 1 {
        return Err(err(
            "check 须且只须包含一项检查（required、pattern、not_pattern、whole、phrases、swap、compare、required_by_type）".into(),
            "check must hold exactly one of required, pattern, not_pattern, whole, phrases, swap, compare, required_by_type".into(),
        ));
    }
    let check = checks.pop().expect("one check");
    if fields.is_empty() && !matches!(check, Check::RequiredByType(_)) {
        return Err(err(
            "没有列出要检查的字段（fields）".into(),
            "no fields to check (fields)".into(),
        ));
    }
    let vocab_of = match &check {
        Check::Whole(v) | Check::Phrases(v) | Check::Swap(v) => Some(v.as_ref()),
        _ => None,
    };
    let page = page::build(&d, family, &fields, vocab_of);
    let meta = RuleMeta {
        code: Cow::Owned(d.code.clone()),
        name: Cow::Owned(d.name.clone()),
        family,
        severity,
        summary: Msg::new(
            d.summary.clone(),
            d.summary_en.clone().unwrap_or_else(|| d.summary.clone()),
        ),
        page: Page {
            zh: Cow::Owned(page.0),
            en: Cow::Owned(page.1),
        },
    };
    Ok(DeclarativeRule {
        meta,
        message: Msg::new(
            d.message.clone(),
            d.message_en.clone().unwrap_or_else(|| d.message.clone()),
        ),
        field_set: fields.iter().copied().collect(),
        spared_services,
        fields,
        scope: d.scope.into_iter().collect(),
        check,
    })
}

impl DeclarativeRule {
    pub fn code(&self) -> &str {
        &self.meta.code
    }

    /// Is the item inside the rule's taxonomy scope?
    fn in_scope(&self, cx: &Ctx, item: &Item) -> bool {
        self.scope.iter().all(|(rank, values)| {
            let i = cx.taxonomy.ranks.iter().position(|r| {
                r.def.id == *rank || r.def.rank == *rank || r.def.label == *rank || r.def.en.as_deref() == Some(rank)
            });
            let v = match i {
                Some(i) => cx.taxonomy.value(i, item),
                None => fields_ref::resolve(rank).and_then(|f| item.text(f)),
            };
            v.is_some_and(|v| values.iter().any(|x| x == v.trim()))
        })
    }

    fn say(&self, vars: &[(&str, &str)]) -> Msg {
        Msg::new(fill(&self.message.zh, vars), fill(&self.message.en, vars))
    }
}

/// The message with each `{name}` of `vars` filled in, in one pass (a finding on every row of a
/// big sheet formats its message; a value that itself holds `{name}` is left as written).
fn fill(template: &str, vars: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let var = after.find('}').and_then(|close| {
            vars.iter()
                .find(|(k, _)| *k == &after[..close])
                .map(|(_, v)| (v, close))
        });
        match var {
            Some((v, close)) => {
                out.push_str(v);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The field as the message names it, in the user's own source (`Ctx::field_name`).
fn field_names(cx: &Ctx, loc: Loc, f: F) -> (String, String) {
    cx.field_name(loc, f)
}

impl Rule for DeclarativeRule {
    fn meta(&self) -> RuleMeta {
        self.meta.clone()
    }

    fn check_item(&self, cx: &Ctx, i: usize, item: &Item, out: &mut Out) {
        if !self.in_scope(cx, item) {
            return;
        }
        if let Check::RequiredByType(table) = &self.check {
            // The type as the office meant it (`行政许可类` is a 行政许可).
            let phylum = cx.taxonomy.ranks.iter().position(|r| r.def.id == "phylum");
            let ty = match phylum.and_then(|p| cx.taxonomy.value(p, item).map(|v| (p, v))) {
                Some((p, v)) => {
                    let v = crate::text::trim(v);
                    Some(cx.taxonomy.ranks[p].def.canonical(v).unwrap_or(v))
                }
                None => crate::rules::code::item_type(cx, item),
            };
            let Some(ty) = ty else { return };
            let from_config = cx.options_required(ty);
            let Some(need) = from_config.as_deref().or_else(|| table.get(ty).map(Vec::as_slice)) else {
                return;
            };
            for &f in need {
                // A column the sheet does not have is said once (F023), not on every item.
                if cx.sheet_lacks(item, f) {
                    continue;
                }
                for (fields, loc) in nodes(item, f.def().scope) {
                    if !present(fields.get(f).map(|v| &v.value)) {
                        let loc = empty_at(cx, item, f, loc);
                        let (zh, en) = field_names(cx, loc, f);
                        let [a, b] = [("field", zh.as_str()), ("field_en", en.as_str())];
                        let m = self.say(&[a, b, ("value", ty)]);
                        out.item(i, loc, m);
                    }
                }
            }
            return;
        }
        match &self.check {
            Check::Required => {
                for &f in &self.fields {
                    for (fields, node_loc) in nodes(item, f.def().scope) {
                        if !present(fields.get(f).map(|v| &v.value)) {
                            let node_loc = empty_at(cx, item, f, node_loc);
                            let (zh, en) = field_names(cx, node_loc, f);
                            let [a, b] = [("field", zh.as_str()), ("field_en", en.as_str())];
                            out.item(i, node_loc, self.say(&[a, b]));
                        }
                    }
                }
            }
            Check::Compare(op, other) => {
                for &f in &self.fields {
                    for (fields, _) in nodes(item, f.def().scope) {
                        let (Some(x), Some(y)) = (number(fields.get(f)), number(fields.get(*other))) else {
                            continue;
                        };
                        if !holds(*op, x.0, y.0) {
                            let (zh, en) = field_names(cx, x.2, f);
                            let [a, b] = [("field", zh.as_str()), ("field_en", en.as_str())];
                            let m = self.say(&[a, b, ("value", &x.1), ("other", &y.1), ("other_field", other.zh())]);
                            out.item(i, x.2, m);
                        }
                    }
                }
            }
            // Value checks run from `Rule::check_value`, in the engine's one walk over the values.
            _ => {}
        }
    }

    fn value_fields(&self) -> Option<FieldSet> {
        match self.check {
            Check::Pattern(_) | Check::NotPattern(..) | Check::Whole(_) | Check::Phrases(_) | Check::Swap(_) => {
                Some(self.field_set)
            }
            Check::Required | Check::Compare(..) | Check::RequiredByType(_) => None,
        }
    }

    fn values_apply(&self, cx: &Ctx, item: &Item) -> bool {
        self.in_scope(cx, item)
    }

    fn values_spared(&self, _cx: &Ctx, item: &Item) -> FieldSet {
        if !self.spared_services.is_empty() && crate::rules::public_service(item) {
            self.spared_services
        } else {
            FieldSet::default()
        }
    }

    fn check_value(&self, cx: &Ctx, i: usize, f: F, value: &str, loc: Loc, out: &mut Out) {
        self.check_one(cx, i, f, value, loc, out);
    }
}

impl DeclarativeRule {
    fn check_one(&self, cx: &Ctx, i: usize, f: F, value: &str, loc: Loc, out: &mut Out) {
        // The field's name, looked up only for a value that is reported.
        let say = |vars: &[(&str, &str)]| {
            let (zh, en) = field_names(cx, loc, f);
            let mut all = vec![("field", zh.as_str()), ("field_en", en.as_str())];
            all.extend_from_slice(vars);
            self.say(&all)
        };
        match &self.check {
            Check::Pattern(re) => {
                if !re.is_match(value) {
                    out.item(i, loc, say(&[("value", value)]));
                }
            }
            Check::NotPattern(re, fix) => {
                // Most values are clean: the plain search is much cheaper than capturing groups.
                if !re.is_match(value) {
                    return;
                }
                if let Some(c) = re.captures(value) {
                    let m = c.get(0).expect("whole match");
                    let at = crate::fix::sub_loc(cx.catalog, loc, value, m.start(), m.end()).unwrap_or(loc);
                    let d = out.item(i, at, say(&[("value", value), ("term", m.as_str())]));
                    if let Some((template, safe)) = fix {
                        let mut r = String::new();
                        c.expand(template, &mut r);
                        if let Some(f) = crate::fix::in_value(cx.catalog, loc, value, m.start(), m.end(), &r, *safe) {
                            d.fix(f);
                        }
                    }
                }
            }
            Check::Whole(v) => {
                if let Some(term) = v.whole_match(value) {
                    out.item(i, loc, say(&[("value", value), ("term", term)]));
                }
            }
            Check::Phrases(v) => {
                // Longest phrase first; a phrase inside one already reported is not reported again.
                for (s, e, p) in v.phrase_hits(value) {
                    let at = crate::fix::sub_loc(cx.catalog, loc, value, s, e).unwrap_or(loc);
                    out.item(i, at, say(&[("value", value), ("term", p)]));
                }
            }
            Check::Swap(v) => {
                for (s, e, sw, variant) in v.swaps_in(value, Some(f.key())) {
                    let at = crate::fix::sub_loc(cx.catalog, loc, value, s, e).unwrap_or(loc);
                    let m = say(&[("value", value), ("term", variant), ("preferred", &sw.preferred)]);
                    let d = out.item(i, at, m);
                    if let Some(n) = &sw.note {
                        d.help(Msg::new(n.clone(), sw.note_en.clone().unwrap_or_else(|| n.clone())));
                    }
                    if let Some(fx) = crate::fix::in_value(cx.catalog, loc, value, s, e, &sw.preferred, sw.safe) {
                        d.fix(fx);
                    }
                }
            }
            Check::Required | Check::Compare(..) | Check::RequiredByType(_) => {}
        }
    }
}

fn present(v: Option<&Value>) -> bool {
    match v {
        None => false,
        Some(Value::Text(s)) => !s.trim().is_empty(),
        Some(Value::List(l)) => l.iter().any(|s| !s.value.trim().is_empty()),
        Some(Value::Time(t)) => !t.raw.trim().is_empty(),
        Some(_) => true,
    }
}

/// A comparable number (work days for time limits), its text and location.
fn number(v: Option<&crate::model::Spanned<Value>>) -> Option<(f64, String, Loc)> {
    let v = v?;
    let n = match &v.value {
        Value::Time(t) => match t.kind {
            TimeKind::Immediate => Some(0.0),
            _ => t.work_days(),
        },
        Value::Int(n) => Some(*n as f64),
        Value::Num(n) => Some(*n),
        Value::Text(s) => s.trim().parse().ok(),
        _ => None,
    }?;
    Some((n, v.value.display(), v.loc))
}

fn holds(op: Op, x: f64, y: f64) -> bool {
    match op {
        Op::Lt => x < y,
        Op::Le => x <= y,
        Op::Gt => x > y,
        Op::Ge => x >= y,
        Op::Eq => x == y,
        Op::Ne => x != y,
    }
}

impl Ctx<'_> {
    /// Required fields for an item type from catalog.toml, when it names the type.
    fn options_required(&self, ty: &str) -> Option<Vec<F>> {
        let names = self.options.required.get(ty)?;
        Some(names.iter().filter_map(|n| fields_ref::resolve(n)).collect())
    }
}

/// Scopes a field reference may name, for messages.
pub fn scope_name(s: Scope) -> &'static str {
    match s {
        Scope::Item => "事项",
        Scope::Scenario => "办事情形",
        Scope::Point => "受理要点",
        Scope::Material => "申请材料",
        Scope::Step => "办理流程",
        Scope::Duty => "监管责任",
        Scope::Header => "清单信息",
        Scope::Bundle => "一件事",
        Scope::Law => "法规库",
    }
}

/// Where to report that field `f` of a node at `node` is empty: for an item field, its own cell
/// when the item comes from a sheet (the empty 审批结果 cell), else the node.
fn empty_at(cx: &Ctx, item: &Item, f: F, node: crate::model::Loc) -> crate::model::Loc {
    if f.def().scope == crate::model::fields::Scope::Item {
        cx.at(item, f)
    } else {
        node
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn builtin_rules_compile() {
        let l = super::load(None, super::Family::Custom).unwrap();
        assert!(l.rules.len() >= 5);
    }

    #[test]
    fn messages_are_filled_in_one_pass() {
        let vars = [("field", "是否收费"), ("value", "免费"), ("term", "不收费")];
        assert_eq!(
            super::fill("{field}中“{value}”应统一写作“{term}”", &vars),
            "是否收费中“免费”应统一写作“不收费”"
        );
        // Unknown names, lone braces and a value holding a name stay as written.
        assert_eq!(super::fill("{x} { {field", &vars), "{x} { {field");
        assert_eq!(
            super::fill("{value}{field}", &[("value", "{field}"), ("field", "甲")]),
            "{field}甲"
        );
        assert_eq!(super::fill("", &vars), "");
    }
}
