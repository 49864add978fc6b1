//! `--format json`: one document `{"diagnostics": [...], "summary": {...}}` (DESIGN.md contract).

use super::{Location, Report, location};
use crate::i18n::{Lang, lang};
use serde_json::{Value, json};

pub fn diagnostic_json(r: &Report, d: &crate::diag::Diagnostic) -> Value {
    serde_json::to_value(finding(r, d, lang())).unwrap_or_default()
}

/// One finding, written straight out: tens of thousands of findings are not first built as a
/// tree of JSON maps.
#[derive(serde::Serialize)]
struct Finding<'a> {
    code: &'a str,
    rule: Option<&'a str>,
    severity: &'a str,
    message: &'a str,
    help: Option<&'a str>,
    item: Option<&'a str>,
    item_name: Option<&'a str>,
    location: Location<'a>,
    fixable: bool,
}

fn finding<'a>(r: &'a Report, d: &'a crate::diag::Diagnostic, l: Lang) -> Finding<'a> {
    Finding {
        code: d.code.as_ref(),
        rule: r.rules.get(d.code.as_ref()).map(|m| m.name.as_ref()),
        severity: d.severity.as_str(),
        message: d.message.in_lang(l),
        help: d.help.as_ref().map(|h| h.in_lang(l)),
        item: r.item_code(d),
        item_name: r.item_name(d),
        location: location(r.catalog, d.loc),
        fixable: d.fix.is_some(),
    }
}

fn summary(r: &Report) -> Value {
    let c = r.counts();
    json!({
        "errors": c.errors,
        "warnings": c.warnings,
        "infos": c.infos,
        "total": r.diags.len(),
        "hidden": r.hidden,
        "items": r.catalog.items.len(),
        "files": r.catalog.sources.len(),
        "by_rule": crate::lint::by_rule(r.diags).into_iter().map(|(k, n)| json!({"code": k, "count": n})).collect::<Vec<_>>(),
    })
}

/// The document as `serde_json::to_string_pretty` writes it, the findings written in pieces on
/// every core (a 100,000-row sheet has tens of thousands): each one pretty-printed alone, its
/// lines indented to its depth in the document (a JSON string holds no raw line break).
pub fn render(r: &Report) -> String {
    use rayon::prelude::*;
    let l = lang();
    let pieces: Vec<String> = r
        .diags
        .par_chunks(512)
        .map(|chunk| {
            let mut out = String::with_capacity(chunk.len() * 512);
            for d in chunk {
                if !out.is_empty() {
                    out.push_str(",\n");
                }
                let one = serde_json::to_string_pretty(&finding(r, d, l)).unwrap_or_default();
                indented(&mut out, &one, "    ");
            }
            out
        })
        .collect();
    let mut s = String::with_capacity(pieces.iter().map(String::len).sum::<usize>() + 4096);
    s.push_str("{\n  \"diagnostics\": [");
    if !pieces.is_empty() {
        s.push('\n');
        for (k, piece) in pieces.iter().enumerate() {
            if k > 0 {
                s.push_str(",\n");
            }
            s.push_str(piece);
        }
        s.push_str("\n  ");
    }
    s.push_str("],\n  \"summary\": ");
    indented(
        &mut s,
        &serde_json::to_string_pretty(&summary(r)).unwrap_or_default(),
        "  ",
    );
    s.push_str("\n}\n");
    s
}

/// `text` appended to `out`, each line after `prefix`; the first line only when it starts a
/// line of `out`.
fn indented(out: &mut String, text: &str, prefix: &str) {
    for (k, line) in text.split('\n').enumerate() {
        if k > 0 {
            out.push('\n');
        }
        if k > 0 || out.is_empty() || out.ends_with('\n') {
            out.push_str(prefix);
        }
        out.push_str(line);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Report;

    /// The document written in pieces is the one serde_json writes whole, for no finding, one,
    /// and more than a piece holds.
    #[test]
    fn pieces_make_the_pretty_document() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/office/guide-7.xlsx");
        let cat = crate::load::load_file(&path, &Default::default()).unwrap();
        let tax = crate::model::taxonomy::Taxonomy::builtin();
        let opts = crate::rules::RuleOptions::default();
        let rules: Vec<crate::lint::Active> = crate::rules::registry::builtin()
            .into_iter()
            .map(crate::lint::Active::new)
            .collect();
        let cx = crate::rules::Ctx::new(&cat, &tax, &opts, None);
        let found = crate::lint::run(&cx, &rules);
        let mut many = Vec::new();
        while many.len() < 1500 {
            many.extend(found.iter().cloned());
        }
        for diags in [&found[..0], &found[..1], &found[..], &many[..]] {
            let r = Report::new(&cat, diags, rules.iter().map(|a| &a.meta));
            let whole = json!({
                "diagnostics": diags.iter().map(|d| diagnostic_json(&r, d)).collect::<Vec<_>>(),
                "summary": summary(&r),
            });
            let want = serde_json::to_string_pretty(&whole).unwrap() + "\n";
            assert_eq!(render(&r), want);
        }
    }
}
