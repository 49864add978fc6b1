//! `--format sarif`: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.
//!
//! Hand-rolled structs (the subset a linter needs) rather than a generated crate. Our columns
//! count characters, so the run says `columnKind: unicodeCodePoints`. A spreadsheet cell has no
//! text region: the file is the artifact and `sheet › cell` a logical location.

use super::output::Options;
use super::{Report, place};
use crate::diag::{Diagnostic, Severity};
use crate::i18n::{Lang, lang};
use crate::model::loc::a1;
use crate::model::{Loc, Pos};
use crate::rules::RuleMeta;
use serde::Serialize;
use std::collections::BTreeMap;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: Vec<Run<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool<'a>,
    column_kind: &'static str,
    results: Vec<SResult>,
    #[serde(skip_serializing_if = "Option::is_none")]
    properties: Option<serde_json::Value>,
}

#[derive(Serialize)]
struct Tool<'a> {
    driver: Driver<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver<'a> {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    information_uri: Option<String>,
    rules: Vec<SRule<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SRule<'a> {
    id: &'a str,
    name: &'a str,
    short_description: Text,
    full_description: Text,
    help: Help,
    #[serde(skip_serializing_if = "Option::is_none")]
    help_uri: Option<String>,
    default_configuration: Config,
    properties: RuleProps,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct Help {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
struct Config {
    level: &'static str,
}

#[derive(Serialize)]
struct RuleProps {
    tags: Vec<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SResult {
    rule_id: String,
    rule_index: usize,
    level: &'static str,
    message: Text,
    locations: Vec<Location>,
    partial_fingerprints: BTreeMap<&'static str, String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: Physical,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    logical_locations: Vec<Logical>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Physical {
    artifact_location: Artifact,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
}

#[derive(Serialize)]
struct Artifact {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: u32,
    start_column: u32,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Logical {
    name: String,
    fully_qualified_name: String,
    kind: &'static str,
}

pub fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// Where a rule's page can be read on the web: `CATALOG_RULES_URL`, with `{code}` replaced
/// (or the code appended). Without it there is no `helpUri`; the whole page is in `help` anyway,
/// and a guessed address would be a dead link.
pub fn rule_url(code: &str) -> Option<String> {
    let t = std::env::var("CATALOG_RULES_URL")
        .ok()
        .filter(|s| !s.trim().is_empty())?;
    Some(if t.contains("{code}") {
        t.replace("{code}", code)
    } else {
        format!("{}/{code}", t.trim_end_matches('/'))
    })
}

/// A file path as a relative URI reference: forward slashes, non-ASCII and reserved bytes
/// percent-encoded (SARIF viewers resolve it against the repository root).
pub fn uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let path = path.strip_prefix("./").unwrap_or(&path);
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

fn rule<'a>(m: &'a RuleMeta, l: Lang) -> SRule<'a> {
    let page = match l {
        Lang::Zh => &m.page.zh,
        Lang::En => &m.page.en,
    };
    let summary = m.summary.in_lang(l).to_string();
    let what = first_section(page).unwrap_or_else(|| summary.clone());
    SRule {
        id: &m.code,
        name: &m.name,
        short_description: Text { text: summary.clone() },
        full_description: Text { text: what },
        help: Help {
            text: if page.is_empty() {
                summary.clone()
            } else {
                page.to_string()
            },
            markdown: if page.is_empty() { summary } else { page.to_string() },
        },
        help_uri: rule_url(&m.code),
        default_configuration: Config {
            level: level(m.severity),
        },
        properties: RuleProps {
            tags: vec![m.family.name()],
        },
    }
}

/// The body of a rule page's first section ("检查什么" / "What it does"), on one line.
fn first_section(page: &str) -> Option<String> {
    super::page_section(page, 0, false)
}

fn location(r: &Report, d: &Diagnostic) -> Location {
    let cat = r.catalog;
    let file = cat
        .sources
        .get(d.loc.file as usize)
        .map(|s| s.display.as_str())
        .unwrap_or("");
    let mut logical = Vec::new();
    let region = match d.loc.pos {
        Pos::Text { line, col, .. } => Some(Region {
            start_line: line.max(1),
            start_column: col.max(1),
        }),
        Pos::Cell { sheet, row, col, .. } => {
            let sheet = cat
                .sources
                .get(d.loc.file as usize)
                .and_then(|s| s.sheets.get(sheet as usize))
                .map(String::as_str)
                .unwrap_or("?");
            logical.push(Logical {
                name: format!("{sheet}!{}", a1(row, col)),
                fully_qualified_name: place(cat, d.loc),
                kind: "element",
            });
            None
        }
        Pos::None => None,
    };
    if let Some(code) = r.item_code(d) {
        logical.push(Logical {
            name: code.to_string(),
            fully_qualified_name: match r.item_name(d) {
                Some(n) => format!("{code} {n}"),
                None => code.to_string(),
            },
            kind: "object",
        });
    }
    Location {
        physical_location: Physical {
            artifact_location: Artifact { uri: uri(file) },
            region,
        },
        logical_locations: logical,
    }
}

/// A fingerprint that survives edits elsewhere in the file: rule, file, item and message —
/// not the line — plus a counter for identical findings.
pub fn fingerprints(r: &Report) -> Vec<String> {
    let mut seen: std::collections::HashMap<u64, u32> = std::collections::HashMap::new();
    r.diags
        .iter()
        .map(|d| {
            let file = r
                .catalog
                .sources
                .get(d.loc.file as usize)
                .map(|s| s.display.as_str())
                .unwrap_or("");
            let anchor = match r.item_code(d) {
                Some(c) => c.to_string(),
                None => loc_key(d.loc),
            };
            let h = fnv1a(&[&d.code, file, &anchor, &d.message.zh]);
            let n = seen.entry(h).or_default();
            *n += 1;
            format!("{h:016x}{:08x}", *n - 1)
        })
        .collect()
}

fn loc_key(l: Loc) -> String {
    match l.pos {
        Pos::Text { line, .. } => format!("L{line}"),
        Pos::Cell { sheet, row, col, .. } => format!("S{sheet}R{row}C{col}"),
        Pos::None => String::new(),
    }
}

/// FNV-1a, 64 bits: stable across Rust versions and platforms (std's hasher is not).
pub fn fnv1a(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for b in p.bytes().chain([0xff]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

pub fn render(r: &Report, opts: &Options) -> String {
    let l = lang();
    let mut metas: Vec<&RuleMeta> = r.rules.values().copied().collect();
    metas.sort_by(|a, b| a.code.cmp(&b.code));
    let index: std::collections::HashMap<&str, usize> =
        metas.iter().enumerate().map(|(i, m)| (m.code.as_ref(), i)).collect();
    let mut rules: Vec<SRule> = metas.iter().map(|m| rule(m, l)).collect();
    // A finding from a rule that is not registered (should not happen) still gets a rule entry.
    let mut extra: Vec<String> = Vec::new();
    for d in r.diags {
        if !index.contains_key(d.code.as_ref()) && !extra.iter().any(|c| c == d.code.as_ref()) {
            extra.push(d.code.to_string());
        }
    }
    let extra_base = rules.len();
    let fps = fingerprints(r);
    let results = r
        .diags
        .iter()
        .zip(fps)
        .map(|(d, fp)| {
            let rule_index = index
                .get(d.code.as_ref())
                .copied()
                .or_else(|| extra.iter().position(|c| c == d.code.as_ref()).map(|i| extra_base + i))
                .unwrap_or(0);
            let mut text = d.message.in_lang(l).to_string();
            if let Some(h) = &d.help {
                text.push('\n');
                text.push_str(h.in_lang(l));
            }
            SResult {
                rule_id: d.code.to_string(),
                rule_index,
                level: level(d.severity),
                message: Text { text },
                locations: vec![location(r, d)],
                partial_fingerprints: BTreeMap::from([("catalogFinding/v1", fp)]),
            }
        })
        .collect();
    for code in &extra {
        rules.push(SRule {
            id: code,
            name: code,
            short_description: Text { text: code.clone() },
            full_description: Text { text: code.clone() },
            help: Help {
                text: code.clone(),
                markdown: code.clone(),
            },
            help_uri: None,
            default_configuration: Config { level: "warning" },
            properties: RuleProps { tags: vec![] },
        });
    }
    let mut props = serde_json::Map::new();
    if opts.statistics {
        let by_rule: Vec<serde_json::Value> = crate::lint::by_rule(r.diags)
            .into_iter()
            .map(|(code, count)| serde_json::json!({"code": code, "count": count}))
            .collect();
        props.insert("byRule".into(), by_rule.into());
        props.insert("hidden".into(), r.hidden.into());
    }
    if let Some(rev) = &opts.changed_since {
        props.insert("changedSince".into(), rev.as_str().into());
    }
    let properties = (!props.is_empty()).then_some(serde_json::Value::Object(props));
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: vec![Run {
            tool: Tool {
                driver: Driver {
                    name: "catalog",
                    version: env!("CARGO_PKG_VERSION"),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    information_uri: Some(env!("CARGO_PKG_REPOSITORY"))
                        .filter(|s| !s.is_empty())
                        .map(str::to_string),
                    rules,
                },
            },
            column_kind: "unicodeCodePoints",
            results,
            properties,
        }],
    };
    let mut s = serde_json::to_string_pretty(&log).unwrap_or_default();
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uri_encodes_chinese_and_spaces() {
        assert_eq!(uri("./清单/a b.yaml"), "%E6%B8%85%E5%8D%95/a%20b.yaml");
        assert_eq!(uri("catalogs\\x.yaml"), "catalogs/x.yaml");
    }

    #[test]
    fn full_description_is_the_first_section() {
        let page = "## 检查什么\n报告字段词典不认识的键。\n这些键的值会保留。\n\n## 为什么\n……";
        assert_eq!(
            first_section(page).as_deref(),
            Some("报告字段词典不认识的键。这些键的值会保留。")
        );
        assert_eq!(first_section(""), None);
        assert_eq!(
            first_section("## What it does\nReports keys\nthe dictionary does not know.\n## Why").as_deref(),
            Some("Reports keys the dictionary does not know.")
        );
    }

    #[test]
    fn fnv_is_stable() {
        assert_eq!(fnv1a(&[]), 0xcbf2_9ce4_8422_2325);
        assert_ne!(fnv1a(&["ab", "c"]), fnv1a(&["a", "bc"]));
    }
}
