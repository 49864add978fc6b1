//! `catalog convert`: YAML → JSON directly and via xlsx/CSV/YAML give the same plain model.

use assert_cmd::Command;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/sheets")
        .join(name)
}

fn convert(input: &Path, output: &Path, extra: &[&str]) {
    Command::cargo_bin("catalog")
        .unwrap()
        .arg("convert")
        .arg(input)
        .arg(output)
        .args(extra)
        .assert()
        .success();
}

fn read(p: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()
}

fn round_trip(yaml: &Path, sheets: &str) {
    let dir = tempfile::tempdir().unwrap();
    let direct = dir.path().join("direct.json");
    convert(yaml, &direct, &[]);
    for via in ["xlsx", "yaml"] {
        let mid = dir.path().join(format!("mid.{via}"));
        convert(yaml, &mid, &["--sheets", sheets]);
        let back = dir.path().join(format!("back-{via}.json"));
        convert(&mid, &back, &[]);
        assert_eq!(
            read(&direct),
            read(&back),
            "YAML → {via} → JSON differs from YAML → JSON"
        );
    }
    // CSV holds the items (not 清单信息, 一件事, 法规库: the tool says so on stderr).
    let csv = dir.path().join("mid.csv");
    Command::cargo_bin("catalog")
        .unwrap()
        .arg("convert")
        .arg(yaml)
        .arg(&csv)
        .assert()
        .success()
        .stderr(predicates::str::contains("CSV"));
    let back = dir.path().join("back-csv.json");
    convert(&csv, &back, &[]);
    assert_eq!(read(&direct)["items"], read(&back)["items"]);
}

#[test]
fn sample_catalog_round_trips_through_xlsx_yaml_and_csv() {
    let yaml = fixture("sample.yaml");
    round_trip(&yaml, "type");
    round_trip(&yaml, "one");
    // The plain model keeps extras, suppressions, bundles and laws.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("s.json");
    convert(&yaml, &out, &[]);
    let doc = read(&out);
    assert_eq!(doc["format"], "catalog-plain");
    assert_eq!(doc["catalog"]["extra"][0]["key"], "编制单位");
    assert_eq!(doc["items"][0]["lint_ignore"][0]["rule"], "T007");
    assert_eq!(
        doc["items"][0]["extra"][1]["value"],
        serde_json::json!(["a.pdf", "b.pdf"])
    );
    assert_eq!(
        doc["bundles"][0]["items"],
        serde_json::json!(["许可-00977-001-01", "许可-00321-001-01"])
    );
    assert_eq!(doc["items"][0]["supervision"][1]["share"], 30.0);
}

#[test]
fn generated_catalog_round_trips_through_xlsx() {
    let dir = tempfile::tempdir().unwrap();
    let yaml = dir.path().join("gen.yaml");
    let n = std::env::var("SHEETS_ROUND_TRIP_ITEMS").unwrap_or_else(|_| "300".into());
    let out = std::process::Command::new("python3")
        .arg(fixture("gen_catalog.py"))
        .arg(&n)
        .arg("--rich")
        .output();
    let Ok(out) = out else {
        eprintln!("python3 not available: skipped");
        return;
    };
    std::fs::write(&yaml, out.stdout).unwrap();
    round_trip(&yaml, "type");
    // And the written workbook lints like its source.
    let xlsx = dir.path().join("gen.xlsx");
    convert(&yaml, &xlsx, &[]);
    let code = Command::cargo_bin("catalog")
        .unwrap()
        .arg("lint")
        .arg(&xlsx)
        .arg("-q")
        .output()
        .unwrap()
        .status
        .code();
    assert!(matches!(code, Some(0 | 1)), "lint exit {code:?}");
}

#[test]
fn written_xlsx_is_made_for_clerks() {
    use calamine::{Reader, Xlsx, open_workbook};
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("s.xlsx");
    convert(&fixture("sample.yaml"), &xlsx, &[]);
    let mut wb: Xlsx<_> = open_workbook(&xlsx).unwrap();
    assert_eq!(wb.sheet_names(), ["行政许可", "清单信息", "一件事", "法规库"]);
    let r = wb.worksheet_range("行政许可").unwrap();
    let header: Vec<String> = r.rows().next().unwrap().iter().map(|c| c.to_string()).collect();
    assert_eq!(&header[..3], ["序号", "事项编码", "实施编码"]);
    // One row per material/acceptance point: item 1 has 2 + 1 scenario rows and 4 steps → 4 rows.
    assert_eq!(r.height(), 1 + 4 + 1);
    let sheet_xml = {
        let f = std::fs::File::open(&xlsx).unwrap();
        let mut z = zip::ZipArchive::new(f).unwrap();
        let mut s = String::new();
        std::io::Read::read_to_string(&mut z.by_name("xl/worksheets/sheet1.xml").unwrap(), &mut s).unwrap();
        s
    };
    assert!(sheet_xml.contains("<pane ySplit=\"1\""), "frozen header");
    assert!(sheet_xml.contains("<autoFilter"), "autofilter");
}
