//! `--format json`: one document `{"diagnostics": [...], "summary": {...}}` (DESIGN.md contract).

use super::{Report, location_json};
use crate::i18n::lang;
use serde_json::{Value, json};

pub fn diagnostic_json(r: &Report, d: &crate::diag::Diagnostic) -> Value {
    let l = lang();
    let meta = r.rules.get(d.code.as_ref());
    json!({
        "code": d.code,
        "rule": meta.map(|m| m.name.to_string()),
        "severity": d.severity.as_str(),
        "message": d.message.in_lang(l),
        "help": d.help.as_ref().map(|h| h.in_lang(l)),
        "item": r.item_code(d),
        "item_name": r.item_name(d),
        "location": location_json(r.catalog, d.loc),
        "fixable": d.fix.is_some(),
    })
}

pub fn render(r: &Report) -> String {
    let c = r.counts();
    let doc = json!({
        "diagnostics": r.diags.iter().map(|d| diagnostic_json(r, d)).collect::<Vec<_>>(),
        "summary": {
            "errors": c.errors,
            "warnings": c.warnings,
            "infos": c.infos,
            "total": r.diags.len(),
            "hidden": r.hidden,
            "items": r.catalog.items.len(),
            "files": r.catalog.sources.len(),
            "by_rule": crate::lint::by_rule(r.diags).into_iter().map(|(k, n)| json!({"code": k, "count": n})).collect::<Vec<_>>(),
        }
    });
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}
