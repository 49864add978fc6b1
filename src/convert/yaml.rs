//! Catalog → YAML in the contract format of DESIGN.md: English keys, `catalog:` / `items:` /
//! `bundles:` / `laws:`, codes always quoted, unknown keys written back under their own names.

use crate::model::fields::{self, Scope};
use crate::model::*;
use std::fmt::Write;

pub fn to_string(cat: &Catalog) -> String {
    let mut w = String::with_capacity(cat.items.len() * 2048);
    let header_empty = cat.header.fields.is_empty() && cat.header.extra.is_empty();
    if !header_empty {
        w.push_str("catalog:\n");
        node_body(&mut w, 1, Scope::Header, &cat.header.fields, &cat.header.extra, false);
    }
    w.push_str("items:");
    if cat.items.is_empty() {
        w.push_str(" []");
    }
    w.push('\n');
    for it in &cat.items {
        item(&mut w, it);
    }
    list(
        &mut w,
        0,
        "bundles",
        Scope::Bundle,
        cat.bundles.iter().map(|b| (&b.fields, b.extra.as_slice())),
    );
    list(
        &mut w,
        0,
        "laws",
        Scope::Law,
        cat.laws.iter().map(|b| (&b.fields, b.extra.as_slice())),
    );
    extras(&mut w, 0, Scope::Header, &Fields::default(), &cat.extra);
    w
}

fn pad(w: &mut String, level: usize) {
    for _ in 0..level {
        w.push_str("  ");
    }
}

fn item(w: &mut String, it: &Item) {
    // The first key goes after "- ".
    let mut body = String::new();
    node_body(&mut body, 2, Scope::Item, &it.fields, &[], true);
    if !it.scenarios.is_empty() {
        pad(&mut body, 2);
        body.push_str("scenarios:\n");
        for s in &it.scenarios {
            let mut sb = String::new();
            node_body(&mut sb, 4, Scope::Scenario, &s.fields, &[], false);
            list(
                &mut sb,
                4,
                "acceptance_points",
                Scope::Point,
                s.acceptance_points.iter().map(|p| (&p.fields, p.extra.as_slice())),
            );
            list(
                &mut sb,
                4,
                "materials",
                Scope::Material,
                s.materials.iter().map(|p| (&p.fields, p.extra.as_slice())),
            );
            extras(&mut sb, 4, Scope::Scenario, &s.fields, &s.extra);
            dash(&mut body, 3, &sb);
        }
    }
    list(
        &mut body,
        2,
        "process",
        Scope::Step,
        it.process.iter().map(|p| (&p.fields, p.extra.as_slice())),
    );
    list(
        &mut body,
        2,
        "supervision",
        Scope::Duty,
        it.supervision.iter().map(|p| (&p.fields, p.extra.as_slice())),
    );
    if !it.suppressions.is_empty() {
        pad(&mut body, 2);
        body.push_str("lint_ignore:\n");
        for s in &it.suppressions {
            pad(&mut body, 3);
            let _ = write!(body, "- rule: {}", scalar(&s.rule, false));
            if let Some(r) = &s.reason {
                let _ = writeln!(body);
                pad(&mut body, 4);
                let _ = write!(body, "reason: {}", scalar(r, false));
            }
            body.push('\n');
        }
    }
    extras(&mut body, 2, Scope::Item, &it.fields, &it.extra);
    dash(w, 1, &body);
}

/// Write `body` (lines indented for `level + 1`) as a list entry at `level`.
fn dash(w: &mut String, level: usize, body: &str) {
    if body.is_empty() {
        pad(w, level);
        w.push_str("- {}\n");
        return;
    }
    let indent = (level + 1) * 2;
    for (i, line) in body.lines().enumerate() {
        if i == 0 {
            pad(w, level);
            w.push_str("- ");
            w.push_str(line.get(indent..).unwrap_or(line.trim_start()));
        } else {
            w.push_str(line);
        }
        w.push('\n');
    }
}

fn list<'a>(
    w: &mut String,
    level: usize,
    key: &str,
    scope: Scope,
    nodes: impl ExactSizeIterator<Item = (&'a Fields, &'a [Extra])>,
) {
    if nodes.len() == 0 {
        return;
    }
    pad(w, level);
    let _ = writeln!(w, "{key}:");
    for (f, ex) in nodes {
        let mut b = String::new();
        node_body(&mut b, level + 2, scope, f, ex, false);
        dash(w, level + 1, &b);
    }
}

/// Fields in dictionary order (a dotted key opens its group once), then extras.
fn node_body(w: &mut String, level: usize, scope: Scope, f: &Fields, extras: &[Extra], _item: bool) {
    let mut open_group: Option<&str> = None;
    for def in fields::of_scope(scope) {
        let Some(v) = f.get(def.id) else { continue };
        let (lvl, key) = match def.group() {
            Some(g) => {
                if open_group != Some(g) {
                    pad(w, level);
                    let _ = writeln!(w, "{g}:");
                    open_group = Some(g);
                }
                (level + 1, def.leaf())
            }
            None => {
                open_group = None;
                (level, def.key)
            }
        };
        pad(w, lvl);
        let force = matches!(
            def.id,
            F::Code | F::ImplementationCode | F::BasicCode | F::RegionCode | F::Version | F::Phone | F::ComplaintPhone
        );
        match &v.value {
            Value::List(items) => {
                if items.is_empty() {
                    let _ = writeln!(w, "{key}: []");
                } else {
                    let _ = writeln!(w, "{key}:");
                    for s in items.iter() {
                        pad(w, lvl + 1);
                        let _ = writeln!(w, "- {}", scalar_at(&s.value, lvl + 2, force));
                    }
                }
            }
            Value::Int(n) => {
                let _ = writeln!(w, "{key}: {n}");
            }
            Value::Num(n) => {
                let _ = writeln!(w, "{key}: {}", value::format_num(*n));
            }
            Value::Bool(b) => {
                let _ = writeln!(w, "{key}: {b}");
            }
            Value::Text(s) => {
                let _ = writeln!(w, "{key}: {}", scalar_at(s, lvl + 1, force));
            }
            Value::Time(t) => {
                let _ = writeln!(w, "{key}: {}", scalar_at(&t.raw, lvl + 1, force));
            }
        }
    }
    self::extras(w, level, scope, f, extras);
}

/// The unknown keys of a node, each under a key that reads back as that unknown key.
///
/// A spreadsheet keeps what does not fit under its column's header: the second of two 备注
/// columns, or a 办理时限 column whose text is not the step's day count. Written under that
/// header, YAML would read a duplicate key or the field itself (and refuse the text). Such a
/// key gets a suffix: `（原文）` when its field is empty (the value did not fit it), else
/// `（2）`, `（3）` … by occurrence. Nothing is dropped, and the YAML reads back.
fn extras(w: &mut String, level: usize, scope: Scope, f: &Fields, extras: &[Extra]) {
    let mut used: Vec<String> = Vec::new();
    for e in extras {
        let taken = |k: &str, used: &[String]| {
            used.iter().any(|u| u == k)
                || fields::lookup(scope, k).is_some()
                || fields::struct_key(scope, k).is_some()
                || matches!(k.trim(), "items" | "bundles" | "laws" | "catalog" | "lint_ignore")
                || crate::load::yaml::map::DEFAULTS_KEYS.contains(&k.trim())
        };
        let mut key = e.key.clone();
        if taken(&key, &used) {
            let field_empty = fields::lookup(scope, &key).is_some_and(|d| f.get(d.id).is_none());
            key = if field_empty && !taken(&format!("{}（原文）", e.key), &used) {
                format!("{}（原文）", e.key)
            } else {
                (2..)
                    .map(|n| format!("{}（{n}）", e.key))
                    .find(|k| !taken(k, &used))
                    .unwrap_or_default()
            };
        }
        extra(w, level, &key, &e.value);
        used.push(key);
    }
}

fn extra(w: &mut String, level: usize, key: &str, value: &serde_json::Value) {
    pad(w, level);
    let v = match value {
        serde_json::Value::String(s) => scalar_at(s, level + 1, false),
        serde_json::Value::Null => "~".to_string(),
        other => other.to_string(),
    };
    let _ = writeln!(w, "{}: {v}", scalar(key, false));
}

fn scalar_at(s: &str, level: usize, force: bool) -> String {
    if s.contains('\n') && block_ok(s) {
        let mut out = String::from("|-\n");
        for (i, line) in s.split('\n').enumerate() {
            if i > 0 {
                out.push('\n');
            }
            if !line.is_empty() {
                for _ in 0..level {
                    out.push_str("  ");
                }
                out.push_str(line);
            }
        }
        return out;
    }
    scalar(s, force)
}

/// A literal block keeps the text exactly when no line has edge whitespace or control chars.
fn block_ok(s: &str) -> bool {
    !s.ends_with('\n')
        && !s.starts_with(['\n', ' '])
        && s.split('\n')
            .all(|l| l == l.trim() && !l.chars().any(|c| c.is_control() || !printable(c)))
}

/// Plain when YAML would read it back as the same text, else double-quoted: JSON's escapes,
/// and `\u`/`\U` escapes for every character YAML does not allow written as it is (DEL, C1
/// controls, U+FFFE, U+FFFF and the other noncharacters), which a reader refuses in the file.
pub fn scalar(s: &str, force_quote: bool) -> String {
    if !force_quote && plain_ok(s) {
        return s.to_string();
    }
    let json = serde_json::to_string(s).unwrap_or_default();
    if json.chars().all(printable) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        match c as u32 {
            _ if printable(c) => out.push(c),
            n if n <= 0xFFFF => {
                let _ = write!(out, "\\u{n:04X}");
            }
            n => {
                let _ = write!(out, "\\U{n:08X}");
            }
        }
    }
    out
}

/// A character YAML allows written as it is (its `c-printable`), noncharacters excluded.
fn printable(c: char) -> bool {
    let n = c as u32;
    let noncharacter = (0xFDD0..=0xFDEF).contains(&n) || n & 0xFFFE == 0xFFFE;
    !noncharacter
        && matches!(n, 0x9 | 0xA | 0xD | 0x20..=0x7E | 0x85 | 0xA0..=0xD7FF | 0xE000..=0xFFFD | 0x10000..=0x10FFFF)
}

fn plain_ok(s: &str) -> bool {
    let Some(first) = s.chars().next() else { return false };
    if s != s.trim() || s.chars().any(|c| c.is_control() || c == '\u{feff}' || !printable(c)) {
        return false;
    }
    if "-?:,[]{}#&*!|>'\"%@`~".contains(first) || first.is_ascii_digit() || first == '+' || first == '.' {
        return false;
    }
    if s.contains(": ") || s.contains(" #") || s.ends_with(':') {
        return false;
    }
    let lower = s.to_ascii_lowercase();
    !matches!(
        lower.as_str(),
        "true" | "false" | "null" | "yes" | "no" | "on" | "off" | "y" | "n" | ".inf" | ".nan"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn quoting() {
        assert_eq!(scalar("食品经营许可", false), "食品经营许可");
        assert_eq!(scalar("330302", false), "\"330302\"");
        assert_eq!(scalar("a: b", false), "\"a: b\"");
        assert_eq!(scalar("true", false), "\"true\"");
        assert_eq!(scalar("许可-00977", true), "\"许可-00977\"");
        assert_eq!(
            scalar("a\u{fffe}b\u{7f}\u{1fffe}\u{fdd0}", false),
            "\"a\\uFFFEb\\u007F\\U0001FFFE\\uFDD0\""
        );
    }
}
