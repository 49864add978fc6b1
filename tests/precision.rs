//! Precision on the real exports, kept as data: tests/precision/real-exports.yaml holds findings
//! read by hand against their records. A finding reviewed as true must still be reported at its
//! item and line, one reviewed as false must not come back, and every item finding must sit on
//! its own item's record.

use assert_cmd::Command;
use serde::Deserialize;
use serde_json::Value;
use std::path::PathBuf;

#[derive(Deserialize)]
struct Sample {
    findings: Vec<Reviewed>,
}

#[derive(Deserialize)]
struct Reviewed {
    export: String,
    code: String,
    item: Option<String>,
    line: Option<u64>,
    says: String,
    verdict: Verdict,
    reason: String,
}

#[derive(Deserialize, PartialEq, Clone, Copy)]
#[serde(rename_all = "lowercase")]
enum Verdict {
    True,
    False,
    Debatable,
}

fn export(name: &str) -> PathBuf {
    let base =
        std::env::var("CATALOG_REAL_DATA").unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/data/real").into());
    PathBuf::from(base).join(match name {
        "gd" => "gd-gdzwfw-policy-kg/policy.json",
        "ga" => "sc-guangan-bszl/bszl-data.array.json",
        other => panic!("unknown export {other}"),
    })
}

fn lint(p: &PathBuf) -> Vec<Value> {
    let out = Command::cargo_bin("catalog")
        .unwrap()
        .arg("lint")
        .arg(p)
        .args(["-f", "json"])
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    doc["diagnostics"].as_array().unwrap().clone()
}

fn sample() -> Sample {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/precision/real-exports.yaml"
    ))
    .unwrap();
    serde_saphyr::from_str(&text).unwrap()
}

#[test]
fn reviewed_findings_hold() {
    let s = sample();
    let mut cache: std::collections::HashMap<String, Vec<Value>> = Default::default();
    for r in &s.findings {
        assert!(
            !r.reason.trim().is_empty(),
            "{} {}: a verdict needs its reason",
            r.code,
            r.says
        );
        let diags = cache
            .entry(r.export.clone())
            .or_insert_with(|| lint(&export(&r.export)));
        let matches = |d: &&Value| {
            d["code"] == r.code.as_str()
                && r.item.as_deref().is_none_or(|i| d["item"] == i)
                && d["message"].as_str().is_some_and(|m| m.contains(&r.says))
        };
        match r.verdict {
            Verdict::True => assert!(
                diags
                    .iter()
                    .filter(matches)
                    .any(|d| r.line.is_none_or(|l| d["location"]["line"] == l)),
                "a finding reviewed as true is gone: {} {:?} line {:?} “{}”",
                r.code,
                r.item,
                r.line,
                r.says
            ),
            Verdict::False => assert!(
                !diags.iter().any(|d| matches(&d)),
                "a finding reviewed as false came back: {} {:?} “{}” ({})",
                r.code,
                r.item,
                r.says,
                r.reason
            ),
            Verdict::Debatable => {}
        }
    }
}

#[test]
fn sample_is_nine_in_ten_true_and_errors_are_true() {
    let s = sample();
    let current: Vec<&Reviewed> = s.findings.iter().filter(|r| r.line.is_some()).collect();
    let right = current.iter().filter(|r| r.verdict == Verdict::True).count();
    assert!(current.len() >= 50, "the sample holds {} findings", current.len());
    assert!(
        right * 10 >= current.len() * 9,
        "{right} of {} sampled findings are true",
        current.len()
    );
}

#[test]
fn item_findings_sit_on_their_own_record() {
    for name in ["gd", "ga"] {
        let p = export(name);
        let text = std::fs::read_to_string(&p).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        for d in lint(&p) {
            let Some(code) = d["item"].as_str() else { continue };
            let line = d["location"]["line"].as_u64().unwrap() as usize;
            // Guangdong: one record per line. Guangan: the item's name, its link on the next line.
            let own = lines[line - 1].contains(code) || lines.get(line).is_some_and(|l| l.contains(code));
            assert!(
                own,
                "{} of {code} at line {line} is not on the item's record",
                d["code"]
            );
        }
    }
}
