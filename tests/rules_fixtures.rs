//! Every rule of families K B L V M D S U on its own fixture: the rule fires exactly on the
//! planted lines (code AND line), and nowhere else in the fixture.

use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;

const DIR: &str = "tests/fixtures/rules";

/// (code, item, line) of every diagnostic `catalog lint --format json` reports.
fn lint(args: &[&str]) -> Vec<(String, Option<String>, u64)> {
    let out = Command::cargo_bin("catalog")
        .unwrap()
        .args(["lint", "--format", "json", "--fail-on", "never"])
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["item"].as_str().map(str::to_string),
                d["location"]["line"].as_u64().unwrap_or(0),
            )
        })
        .collect()
}

fn lines_of(code: &str) -> Vec<u64> {
    let path = Path::new(DIR).join(format!("{code}.yaml"));
    lint(&[path.to_str().unwrap()])
        .into_iter()
        .filter(|(c, _, _)| c == code)
        .map(|(_, _, l)| l)
        .collect()
}

macro_rules! fixture_tests {
    ($($name:ident: $code:literal => [$($line:literal),*];)*) => {$(
        #[test]
        fn $name() {
            assert_eq!(lines_of($code), vec![$($line as u64),*], "{}", $code);
        }
    )*};
}

fixture_tests! {
    k001_malformed_implementation_code: "K001" => [9, 12, 15];
    k002_uscc_check_digit: "K002" => [9];
    k003_level_digit_mismatch: "K003" => [11];
    k004_uscc_region_outside: "K004" => [12];
    k005_malformed_power_code: "K005" => [5, 6];
    k006_power_code_type_mismatch: "K006" => [5, 7];
    k007_main_item_name_mismatch: "K007" => [6];
    k008_basic_code_mismatch: "K008" => [10, 13];
    b001_missing_basis: "B001" => [8];
    b002_malformed_citation: "B002" => [9, 13, 14];
    b003_repealed_law: "B003" => [14, 15];
    b004_document_number_brackets: "B004" => [8, 11];
    l001_promised_exceeds_statutory: "L001" => [9, 12];
    l002_project_type_mismatch: "L002" => [11, 15];
    l003_unparsed_time_limit: "L003" => [10, 11];
    l004_process_days_exceed_promised: "L004" => [16];
    l005_licensing_process_incomplete: "L005" => [10, 12];
    l006_no_promised_limit: "L006" => [8, 12];
    v001_visits_over_limit: "V001" => [5];
    v002_visit_reason_missing: "V002" => [5, 9];
    v003_zero_visit_with_reason: "V003" => [5];
    v004_online_item_needs_visit: "V004" => [8];
    v005_missing_visits: "V005" => [5];
    v006_phone_problem: "V006" => [5, 6, 7];
    v007_hours_without_workdays: "V007" => [5];
    v008_imprecise_address: "V008" => [5];
    m001_duplicate_material: "M001" => [11];
    m002_shared_material_required: "M002" => [10];
    m003_unnamed_material: "M003" => [10];
    m004_material_value_not_allowed: "M004" => [11, 12];
    d001_invalid_shares: "D001" => [12, 17, 18];
    d002_approver_not_supervising: "D002" => [13];
    d003_lead_department: "D003" => [12, 18];
    s001_name_differs_from_base: "S001" => [8];
    s002_type_differs_from_base: "S002" => [8];
    s003_basis_differs_from_base: "S003" => [8];
    s004_self_created_licence: "S004" => [10];
    s005_unclaimed_upstream_item: "S005" => [4, 4];
    u001_unknown_bundle_item: "U001" => [12];
    u002_repeated_bundle_material: "U002" => [14];
}

/// `--base FILE` works like `catalog.base`, and a catalog without either runs no S rule.
#[test]
fn base_from_command_line() {
    let local = format!("{DIR}/all_clean.yaml");
    let without: Vec<_> = lint(&[&local])
        .into_iter()
        .filter(|(c, _, _)| c.starts_with('S'))
        .collect();
    assert!(without.is_empty(), "{without:?}");
    let with: Vec<_> = lint(&[&local, "--base", &format!("{DIR}/base/upper.yaml")])
        .into_iter()
        .filter(|(c, _, _)| c.starts_with('S'))
        .map(|(c, item, _)| (c, item))
        .collect();
    // the clean catalog implements 许可-00977-001 under its upstream name, citing one document
    // more than upstream does (S003), and claims none of the other four county-level items
    let s005 = with.iter().filter(|(c, item)| c == "S005" && item.is_none()).count();
    assert_eq!(s005, 4, "{with:?}");
    assert!(
        with.contains(&("S003".to_string(), Some("许可-00977-001".to_string()))),
        "{with:?}"
    );
    assert_eq!(with.len(), 5, "{with:?}");
}

/// A `base:` that does not exist is an error naming the file and line (exit 2), not a panic.
#[test]
fn missing_base_is_an_error() {
    let out = Command::cargo_bin("catalog")
        .unwrap()
        .args(["lint", &format!("{DIR}/bad_base.yaml")])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad_base.yaml:4:9"), "{err}");
    assert!(err.contains("nowhere/upper.yaml"), "{err}");
}

/// Real published rows (Guangdong): the code rules flag exactly the six bad credit codes — no
/// false positives on the 40 good ones (level digits, regions incl. nationally registered
/// offices, 市级 rows inside a provincial list).
#[test]
fn real_guangdong_rows() {
    let found: Vec<(String, u64)> = lint(&[&format!("{DIR}/real_gd_sample.yaml")])
        .into_iter()
        .filter(|(c, _, _)| c.starts_with('K'))
        .map(|(c, _, l)| (c, l))
        .collect();
    let expected: Vec<(String, u64)> = [
        ("K001", 16),
        ("K002", 17),
        ("K002", 18),
        ("K002", 43),
        ("K001", 44),
        ("K001", 45),
    ]
    .into_iter()
    .map(|(c, l)| (c.to_string(), l))
    .collect();
    let mut found_sorted = found.clone();
    found_sorted.sort_by_key(|(_, l)| *l);
    assert_eq!(found_sorted, expected);
}
