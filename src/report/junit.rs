//! `--format junit`: JUnit XML for GitLab, Jenkins and other test-report viewers.
//!
//! One test suite per file, one test case per item. A case fails when one of its findings
//! reaches `--fail-on` (so the report agrees with the exit code); its failure text lists every
//! finding of the item, one per line. Findings below the threshold go to the case's
//! system-out. Findings that belong to no item form a case for the file itself, and a file
//! without items or findings still gets one passing case, so every file checked is visible.

use super::output::Options;
use super::{Report, place};
use crate::diag::{Diagnostic, Severity};
use crate::i18n::{Msg, lang};
use quick_junit::{NonSuccessKind, Report as JReport, TestCase, TestCaseStatus, TestSuite};
use std::collections::BTreeMap;

fn line(r: &Report, d: &Diagnostic) -> String {
    format!(
        "{}: {} {} {}",
        place(r.catalog, d.loc),
        d.severity.as_str(),
        d.code,
        d.message.in_lang(lang())
    )
}

fn case(r: &Report, name: String, classname: &str, found: &[&Diagnostic], opts: &Options) -> TestCase {
    let failing: Vec<&&Diagnostic> = found
        .iter()
        .filter(|d| opts.fail_on.is_some_and(|t| d.severity >= t))
        .collect();
    let status = if failing.is_empty() {
        TestCaseStatus::success()
    } else {
        let worst = failing.iter().map(|d| d.severity).max().unwrap_or(Severity::Error);
        let mut s = TestCaseStatus::non_success(NonSuccessKind::Failure);
        let first = failing[0];
        let msg = if found.len() > 1 {
            Msg::new(
                format!("{} {}（共 {} 条问题）", first.code, first.message.zh, found.len()),
                format!("{} {} ({} findings)", first.code, first.message.en, found.len()),
            )
        } else {
            Msg::new(
                format!("{} {}", first.code, first.message.zh),
                format!("{} {}", first.code, first.message.en),
            )
        };
        s.set_message(msg.in_lang(lang()))
            .set_type(worst.as_str())
            .set_description(found.iter().map(|d| line(r, d)).collect::<Vec<_>>().join("\n"));
        s
    };
    let mut c = TestCase::new(name, status);
    c.set_classname(classname);
    if failing.is_empty() && !found.is_empty() {
        c.set_system_out(found.iter().map(|d| line(r, d)).collect::<Vec<_>>().join("\n"));
    }
    c
}

pub fn render(r: &Report, opts: &Options) -> String {
    let cat = r.catalog;
    // Findings per file: by item index, and those without an item.
    let mut by_item: BTreeMap<usize, Vec<&Diagnostic>> = BTreeMap::new();
    let mut loose: BTreeMap<u32, Vec<&Diagnostic>> = BTreeMap::new();
    for d in r.diags {
        match d.item {
            Some(i) if i < cat.items.len() => by_item.entry(i).or_default().push(d),
            _ => loose.entry(d.loc.file).or_default().push(d),
        }
    }
    let mut report = JReport::new("catalog lint");
    for (fi, src) in cat.sources.iter().enumerate() {
        let fi = fi as u32;
        let mut suite = TestSuite::new(src.display.as_str());
        let file_findings = loose.remove(&fi).unwrap_or_default();
        if !file_findings.is_empty() {
            let name = crate::i18n::t("（文件）", "(file)");
            suite.add_test_case(case(
                r,
                format!("{} {name}", src.display),
                &src.display,
                &file_findings,
                opts,
            ));
        }
        for (i, item) in cat.items.iter().enumerate().filter(|(_, it)| it.loc.file == fi) {
            let name = match (item.code(), item.name()) {
                (Some(c), Some(n)) => format!("{c} {n}"),
                (Some(c), None) => c.to_string(),
                (None, Some(n)) => n.to_string(),
                (None, None) => place(cat, item.loc),
            };
            let found = by_item.get(&i).map(Vec::as_slice).unwrap_or(&[]);
            suite.add_test_case(case(r, name, &src.display, found, opts));
        }
        if suite.test_cases.is_empty() {
            suite.add_test_case(case(r, src.display.clone(), &src.display, &[], opts));
        }
        report.add_test_suite(suite);
    }
    // Findings whose file is unknown (not expected) are still reported, never dropped.
    let rest: Vec<&Diagnostic> = loose.into_values().flatten().collect();
    if !rest.is_empty() {
        let mut suite = TestSuite::new("catalog");
        suite.add_test_case(case(r, "catalog".into(), "catalog", &rest, opts));
        report.add_test_suite(suite);
    }
    let mut s = report.to_string().unwrap_or_default();
    if !s.ends_with('\n') {
        s.push('\n');
    }
    s
}
