//! `--format gitlab`: a GitLab code-quality report (a JSON array), shown in merge requests.
//! Severity: error → major, warning → minor, info → info (as eslint's GitLab formatter does).
//! The fingerprint is stable across runs and line moves (rule, file, item, message), so GitLab
//! can tell new findings from old ones.

use super::{Report, place};
use crate::diag::Severity;
use crate::i18n::lang;
use crate::model::Pos;
use serde_json::{Value, json};

pub fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "major",
        Severity::Warning => "minor",
        Severity::Info => "info",
    }
}

pub fn render(r: &Report) -> String {
    let l = lang();
    let fps = super::sarif::fingerprints(r);
    let issues: Vec<Value> = r
        .diags
        .iter()
        .zip(fps)
        .map(|(d, fp)| {
            let path = r
                .catalog
                .sources
                .get(d.loc.file as usize)
                .map(|s| s.display.replace('\\', "/"))
                .unwrap_or_default();
            let path = path.strip_prefix("./").map(str::to_string).unwrap_or(path);
            let begin = d.loc.line().unwrap_or(1).max(1);
            let mut description = String::new();
            if let Some(c) = r.item_code(d) {
                description.push_str(&format!("[{c}] "));
            }
            if let Pos::Cell { .. } = d.loc.pos {
                description.push_str(&format!("{}: ", place(r.catalog, d.loc)));
            }
            description.push_str(d.message.in_lang(l));
            json!({
                "type": "issue",
                "description": description,
                "check_name": d.code,
                "fingerprint": fp,
                "severity": severity(d.severity),
                "categories": ["Style"],
                "location": {"path": path, "lines": {"begin": begin}},
            })
        })
        .collect();
    let mut s = serde_json::to_string_pretty(&issues).unwrap_or_default();
    s.push('\n');
    s
}
