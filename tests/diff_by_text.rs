//! `catalog diff` reads each item whose text is the same in both versions only once
//! (`src/diff/by_text.rs`); `CATALOG_DIFF_BY_TEXT=0` reads both versions whole. Both must give the
//! same JSON report (metrics within a relative 1e-9, everything else exactly, lists in the same
//! order), and that report must say what really changed.
//!
//! Small cases are fixtures under tests/fixtures/diff_by_text/; big catalogs (over 1 MB and 64
//! items, read in parallel chunks, unchanged items of the new version left unread) are generated
//! here. The tests under "Findings" are inputs on which the two paths were seen to differ.

use assert_cmd::Command;
use serde_json::Value;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Output;

const FIX: &str = "tests/fixtures/diff_by_text";

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(FIX).join(rel)
}

/// `catalog [--jobs 4] diff ARGS --format json` in `dir`, by text or reading both versions whole.
/// Four workers, so that a big file is read in chunks even on a one-core machine.
fn diff(dir: &Path, by_text: bool, args: &[&str]) -> Output {
    let mut cmd = Command::cargo_bin("catalog").unwrap();
    cmd.env_remove("CATALOG_LANG")
        .env_remove("CATALOG_JOBS")
        .env("CATALOG_DIFF_BY_TEXT", if by_text { "1" } else { "0" })
        .current_dir(dir)
        .args(["--jobs", "4", "diff"])
        .args(args)
        .args(["--format", "json"]);
    cmd.output().unwrap()
}

fn parse(out: &Output, what: &str) -> Value {
    assert!(
        out.status.success(),
        "{what}: exit {:?}\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{what}: not JSON: {e}"))
}

/// Where two reports differ (at most a few places), metrics compared within a relative 1e-9.
fn differences(a: &Value, b: &Value, path: &str, out: &mut Vec<String>) {
    if out.len() >= 8 {
        return;
    }
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            if x == y {
                return;
            }
            let (x, y) = (x.as_f64().unwrap(), y.as_f64().unwrap());
            if (x - y).abs() > 1e-9 * x.abs().max(y.abs()) {
                out.push(format!("{path}: {x} vs {y}"));
            }
        }
        (Value::Object(x), Value::Object(y)) => {
            let (kx, ky): (Vec<&String>, Vec<&String>) = (x.keys().collect(), y.keys().collect());
            if kx != ky {
                out.push(format!("{path}: keys {kx:?} vs {ky:?}"));
                return;
            }
            for (k, v) in x {
                differences(v, &y[k], &format!("{path}.{k}"), out);
            }
        }
        (Value::Array(x), Value::Array(y)) => {
            if x.len() != y.len() {
                out.push(format!("{path}: {} vs {} entries\n  {a}\n  {b}", x.len(), y.len()));
                return;
            }
            for (i, (v, w)) in x.iter().zip(y).enumerate() {
                differences(v, w, &format!("{path}[{i}]"), out);
            }
        }
        _ if a == b => {}
        _ => out.push(format!("{path}: {a} vs {b}")),
    }
}

/// The report of `catalog diff ARGS` in `dir`, the same read by text and read whole.
fn same_both_ways(dir: &Path, args: &[&str]) -> Value {
    let fast = parse(&diff(dir, true, args), "by text");
    let whole = parse(&diff(dir, false, args), "CATALOG_DIFF_BY_TEXT=0");
    let mut found = Vec::new();
    differences(&fast, &whole, "", &mut found);
    assert!(
        found.is_empty(),
        "catalog diff {args:?}: by text (left) differs from reading whole (right):\n{}",
        found.join("\n")
    );
    fast
}

fn here() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fx(rel: &str) -> String {
    fixture(rel).to_string_lossy().into_owned()
}

/// (added, removed, changed, unchanged) of the summary.
fn counts(r: &Value) -> (u64, u64, u64, u64) {
    let s = &r["summary"];
    let n = |k: &str| s[k].as_u64().unwrap_or_else(|| panic!("summary.{k}"));
    (n("added"), n("removed"), n("changed"), n("unchanged"))
}

/// The codes of a list of the report, in order.
fn codes(r: &Value, key: &str) -> Vec<String> {
    r[key]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["code"].as_str().unwrap().to_string())
        .collect()
}

/// A changed field: (field, old, new).
type FieldChange = (String, Value, Value);

/// (code, [(field, old, new)]) of each changed item, in order.
fn changed_fields(r: &Value) -> Vec<(String, Vec<FieldChange>)> {
    r["changed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let fields = c["fields"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| {
                    (
                        f["field"].as_str().unwrap().to_string(),
                        f["old"].clone(),
                        f["new"].clone(),
                    )
                })
                .collect();
            (c["code"].as_str().unwrap().to_string(), fields)
        })
        .collect()
}

fn strings(xs: &[&str]) -> Vec<String> {
    xs.iter().map(|s| s.to_string()).collect()
}

fn field(name: &str, old: &str, new: &str) -> FieldChange {
    (name.to_string(), Value::from(old), Value::from(new))
}

fn catalog(args: &[&str], dir: &Path) {
    let out = Command::cargo_bin("catalog")
        .unwrap()
        .env_remove("CATALOG_LANG")
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "catalog {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

// ---------------------------------------------------------------------------------------------
// Generated big catalogs

const DEPTS: &[&str] = &[
    "市场监督管理局",
    "民政局",
    "卫生健康局",
    "交通运输局",
    "住房和城乡建设局",
];
const TYPES: &[&str] = &["行政许可", "行政确认", "行政给付", "其他行政权力", "公共服务"];

/// One generated item (about 1 KB of YAML).
#[derive(Clone)]
struct Gen {
    i: usize,
    promised: Option<u32>,
    sample: String,
    note: String,
}

impl Gen {
    fn new(i: usize) -> Gen {
        Gen {
            i,
            promised: (!i.is_multiple_of(7)).then_some((i % 15) as u32 + 1),
            sample: format!("申请书样表（第{}版）", i % 4 + 1),
            note: format!("本事项由第{}窗口受理", i % 12 + 1),
        }
    }

    fn code(&self) -> String {
        let prefix = ["许可", "确认", "给付", "其他", "服务"][(self.i / 3) % 5];
        format!("{prefix}-{:05}-{:03}-01", self.i / 3, self.i % 3 + 1)
    }

    fn render(&self, s: &mut String) {
        let i = self.i;
        let promised = match self.promised {
            Some(d) => format!("{d}工作日"),
            None => "即办".to_string(),
        };
        let _ = write!(
            s,
            "  - code: \"{code}\"
    name: 第{main}号主项事项（{kind}）
    main_item: 第{main}号主项事项
    phylum: {phylum}
    department: 温州市鹿城区{dept}
    basis:
      - 《中华人民共和国行政许可法》第{a}条
      - 《浙江省数字化改革促进条例》第{b}条
    time_limit:
      statutory: 20工作日
      promised: {promised}
    visits: {visits}
    fee: 不收费
    service_objects: [自然人, 法人]
    # 备注：{note}
    process:
      - {{step: 受理, days: 0}}
      - {{step: 审查, days: 3}}
      - {{step: 决定, days: 2}}
    scenarios:
      - name: 一般情形
        acceptance_points:
          - point: 申请人具备相应的条件和资质
        materials:
          - name: 申请书
            necessity: 必要
            form: 原件
            sample: {sample}
          - name: 营业执照
            necessity: 必要
            sample: 营业执照复印件样例
",
            code = self.code(),
            main = i / 3,
            kind = ["新办", "变更", "注销"][i % 3],
            phylum = TYPES[(i / 3) % TYPES.len()],
            dept = DEPTS[i % DEPTS.len()],
            a = i % 83 + 1,
            b = i % 31 + 1,
            visits = i % 3,
            note = self.note,
            sample = self.sample,
        );
        if i.is_multiple_of(5) {
            s.push_str("          - name: 无犯罪记录证明\n            sample: 证明样例\n");
        }
    }
}

fn catalog_text(version: &str, items: &[Gen]) -> String {
    let mut s = format!(
        "# 生成的清单（{version}）\ncatalog:\n  title: 鹿城区政务服务事项清单\n  region: 浙江省温州市鹿城区\n  version: \"{version}\"\ndefaults:\n  kingdom: 行政权力\n  level: 县级\nitems:\n"
    );
    for it in items {
        it.render(&mut s);
    }
    s
}

fn generate(n: usize) -> Vec<Gen> {
    (0..n).map(Gen::new).collect()
}

/// Big enough for the chunked parallel read.
fn assert_big(text: &str) {
    assert!(text.len() > 1 << 20, "generated catalog is only {} bytes", text.len());
}

// ---------------------------------------------------------------------------------------------
// 1. Small files, read whole

#[test]
fn small_files_one_changed_one_removed_one_added() {
    let r = same_both_ways(&here(), &[&fx("small/old.yaml"), &fx("small/new.yaml")]);
    assert_eq!(counts(&r), (1, 1, 1, 3));
    assert_eq!(r["summary"]["old_items"], 5);
    assert_eq!(r["summary"]["new_items"], 5);
    assert_eq!(
        changed_fields(&r),
        vec![(
            "确认-00004-001-01".to_string(),
            vec![field("time_limit.promised", "20工作日", "10工作日")]
        )]
    );
    assert_eq!(codes(&r, "removed"), strings(&["给付-00005-001-01"]));
    assert_eq!(codes(&r, "added"), strings(&["服务-00006-001-01"]));
    assert_eq!(r["metrics"]["old"]["overall"]["items"], 5);
    assert_eq!(r["metrics"]["new"]["overall"]["items"], 5);
}

// ---------------------------------------------------------------------------------------------
// 2. A big file read in parallel chunks: 5% changed, some removed, some added, some moved, one
//    comment changed

#[test]
fn big_file_changes_removals_additions_and_a_comment() {
    let n = 1500;
    let old = generate(n);
    let mut new: Vec<Gen> = Vec::new();
    let mut removed = Vec::new();
    let mut commented = String::new();
    for g in &old {
        let mut g = g.clone();
        match (g.i % 40, g.i % 50) {
            (_, 7) => {
                removed.push(g.code());
                continue;
            }
            (1, _) => g.promised = Some(g.promised.unwrap_or(0) + 30),
            (21, _) => g.sample = "申请书样表（新版）".into(),
            _ => {}
        }
        if g.i == 3 {
            g.note = "本事项已改为综合窗口受理（只改了注释）".into();
            commented = g.code();
        }
        new.push(g);
    }
    // Unchanged items moved to the end: positions never count.
    let moved: Vec<Gen> = new.drain(100..110).collect();
    new.extend(moved);
    // New items in the middle and at the end.
    let extra = |k: usize| Gen::new(100_000 + k * 3);
    for k in 0..10 {
        new.insert(700 + k, extra(k));
    }
    new.extend((10..25).map(extra));

    let changed: Vec<String> = new
        .iter()
        .filter(|g| g.i < n && (g.i % 40 == 1 || g.i % 40 == 21))
        .map(Gen::code)
        .collect();
    let added: Vec<String> = new.iter().filter(|g| g.i >= n).map(Gen::code).collect();
    assert_eq!(changed.len(), 75);
    assert_eq!(removed.len(), 30);
    assert_eq!(added.len(), 25);

    let dir = tempfile::tempdir().unwrap();
    let (old_text, new_text) = (catalog_text("2024-01", &old), catalog_text("2024-06", &new));
    assert_big(&old_text);
    assert_big(&new_text);
    std::fs::write(dir.path().join("old.yaml"), old_text).unwrap();
    std::fs::write(dir.path().join("new.yaml"), new_text).unwrap();

    let r = same_both_ways(dir.path(), &["old.yaml", "new.yaml"]);
    assert_eq!(codes(&r, "changed"), changed);
    assert_eq!(codes(&r, "removed"), removed);
    assert_eq!(codes(&r, "added"), added);
    assert_eq!(counts(&r), (25, 30, 75, (n - removed.len() - changed.len()) as u64));
    assert_eq!(r["summary"]["old_items"], n);
    assert_eq!(r["summary"]["new_items"], n - 30 + 25);
    assert!(!codes(&r, "changed").contains(&commented));
    let fields = changed_fields(&r);
    // Item 1: promised 2 → 32 working days; item 21: a material's sample (in its scenario).
    assert_eq!(fields[0].1, vec![field("time_limit.promised", "2工作日", "32工作日")]);
    let item21 = r["changed"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["code"] == Gen::new(21).code())
        .unwrap();
    assert_eq!(
        item21["scenarios"]["changed"][0]["materials"]["changed"][0]["name"],
        "申请书"
    );
    assert_eq!(r["metrics"]["old"]["overall"]["items"], n);
    assert_eq!(r["metrics"]["new"]["overall"]["items"], n - 30 + 25);
}

// ---------------------------------------------------------------------------------------------
// 3. Different defaults: the same item texts are not the same items

#[test]
fn changed_defaults_change_every_item_that_inherits_them() {
    let r = same_both_ways(
        &here(),
        &[&fx("defaults/old-flow.yaml"), &fx("defaults/new-block.yaml")],
    );
    assert_eq!(counts(&r), (0, 0, 3, 0));
    let dept = field("department", "温州市鹿城区住房和城乡建设局", "温州市鹿城区行政审批局");
    assert_eq!(
        changed_fields(&r),
        vec![
            ("许可-00011-001-01".to_string(), vec![dept.clone()]),
            ("许可-00012-001-01".to_string(), vec![dept.clone()]),
            ("其他-00013-001-01".to_string(), vec![dept]),
        ]
    );
    // Defaults written differently but meaning the same: nothing changed.
    let r = same_both_ways(
        &here(),
        &[&fx("defaults/old-flow.yaml"), &fx("defaults/same-block.yaml")],
    );
    assert_eq!(counts(&r), (0, 0, 0, 3));
}

// ---------------------------------------------------------------------------------------------
// 4. Anchors and aliases whose anchored content changes outside the item's text

#[test]
fn aliases_follow_their_anchors() {
    let r = same_both_ways(&here(), &[&fx("anchors/old.yaml"), &fx("anchors/new.yaml")]);
    assert_eq!(counts(&r), (0, 0, 3, 2));
    assert_eq!(
        changed_fields(&r),
        vec![
            (
                "许可-00021-001-01".to_string(),
                vec![field("department", "温州市鹿城区卫生健康局", "温州市鹿城区行政审批局")]
            ),
            (
                "许可-00022-001-01".to_string(),
                vec![field("time_limit.promised", "5工作日", "3工作日")]
            ),
            // Its text is the same in both versions; the anchor it points to (in 00022) is not.
            (
                "许可-00023-001-01".to_string(),
                vec![field("time_limit.promised", "5工作日", "3工作日")]
            ),
        ]
    );
}

// ---------------------------------------------------------------------------------------------
// 5. Duplicates

#[test]
fn identical_duplicate_items() {
    let r = same_both_ways(
        &here(),
        &[
            &fx("duplicates/identical-old.yaml"),
            &fx("duplicates/identical-new.yaml"),
        ],
    );
    assert_eq!(counts(&r), (0, 0, 2, 2));
    // The second 00031 of the old version is paired (by name, within the 主项) with the second
    // 00032 of the new one.
    assert_eq!(
        codes(&r, "changed"),
        strings(&["确认-00032-001-01", "服务-00033-001-01"])
    );
    assert_eq!(r["changed"][0]["old_code"], "确认-00031-001-01");
    assert_eq!(r["changed"][1]["fields"][0]["field"], "visits");
}

/// Two items share a code and one of them stays: reading whole pairs duplicated codes by
/// position, and so must the report read by text (it reads both versions whole then).
#[test]
fn duplicate_codes_one_twin_kept() {
    let r = same_both_ways(
        &here(),
        &[&fx("duplicates/codes-old.yaml"), &fx("duplicates/codes-new-one.yaml")],
    );
    assert_eq!(codes(&r, "removed"), strings(&["许可-00041-001-01"]));
}

/// As above, with the two items of one code swapped.
#[test]
fn duplicate_codes_swapped() {
    let r = same_both_ways(
        &here(),
        &[
            &fx("duplicates/codes-old.yaml"),
            &fx("duplicates/codes-new-swapped.yaml"),
        ],
    );
    assert_eq!(r["summary"]["old_items"], 3);
}

// ---------------------------------------------------------------------------------------------
// 6. Directories: an item moves from one file to the other

#[test]
fn directories_an_item_moves_between_files() {
    let r = same_both_ways(&here(), &[&fx("dirs/old"), &fx("dirs/new")]);
    assert_eq!(counts(&r), (0, 0, 0, 4));
    assert!(codes(&r, "changed").is_empty());

    // The file it moves to has other defaults: it inherits another department.
    let r = same_both_ways(&here(), &[&fx("dirs/old"), &fx("dirs/new-defaults")]);
    assert_eq!(counts(&r), (0, 0, 2, 2));
    let dept = field("department", "温州市鹿城区市场监督管理局", "温州市鹿城区行政审批局");
    assert_eq!(
        changed_fields(&r),
        vec![
            ("处罚-00054-001-01".to_string(), vec![dept.clone()]),
            ("许可-00052-001-01".to_string(), vec![dept]),
        ]
    );
}

// ---------------------------------------------------------------------------------------------
// 7. CSV against YAML

#[test]
fn csv_side_against_yaml_side() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    catalog(&["convert", &fx("small/old.yaml"), "old.csv"], d);
    catalog(&["convert", &fx("small/new.yaml"), "new.csv"], d);
    for (old, new) in [
        ("old.csv".to_string(), fx("small/new.yaml")),
        (fx("small/old.yaml"), "new.csv".to_string()),
    ] {
        let r = same_both_ways(d, &[&old, &new]);
        assert_eq!(counts(&r), (1, 1, 1, 3), "{old} → {new}");
        assert_eq!(codes(&r, "changed"), strings(&["确认-00004-001-01"]));
        assert_eq!(codes(&r, "removed"), strings(&["给付-00005-001-01"]));
        assert_eq!(codes(&r, "added"), strings(&["服务-00006-001-01"]));
    }
    // A directory of a CSV and a YAML file against YAML files; an item moves from the CSV file.
    std::fs::create_dir(d.join("old")).unwrap();
    catalog(&["convert", &fx("dirs/old/a.yaml"), "old/a.csv"], d);
    std::fs::copy(fixture("dirs/old/b.yaml"), d.join("old/b.yaml")).unwrap();
    let r = same_both_ways(d, &["old", &fx("dirs/new")]);
    assert_eq!(counts(&r), (0, 0, 0, 4));
}

// ---------------------------------------------------------------------------------------------
// 8. A big file with nothing changed but its header; then one change

#[test]
fn big_file_all_unchanged_then_one_change() {
    let n = 1500;
    let items = generate(n);
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let old_text = catalog_text("2024-01", &items);
    assert_big(&old_text);
    std::fs::write(d.join("old.yaml"), old_text).unwrap();
    std::fs::write(d.join("new.yaml"), catalog_text("2024-06", &items)).unwrap();

    let r = same_both_ways(d, &["old.yaml", "new.yaml"]);
    assert_eq!(counts(&r), (0, 0, 0, n as u64));
    for key in ["added", "removed", "renamed", "moved", "changed"] {
        assert_eq!(r[key], serde_json::json!([]), "{key}");
    }
    assert_eq!(r["metrics"]["old"], r["metrics"]["new"]);
    assert_eq!(r["metrics"]["new"]["overall"]["items"], n);
    for by_text in [true, false] {
        let out = diff(d, by_text, &["old.yaml", "new.yaml", "--fail-on-change"]);
        assert_eq!(out.status.code(), Some(0), "by text: {by_text}");
    }

    let mut one = items.clone();
    one[777].promised = Some(99);
    std::fs::write(d.join("new.yaml"), catalog_text("2024-06", &one)).unwrap();
    let r = same_both_ways(d, &["old.yaml", "new.yaml"]);
    assert_eq!(counts(&r), (0, 0, 1, n as u64 - 1));
    assert_eq!(codes(&r, "changed"), vec![items[777].code()]);
    for by_text in [true, false] {
        let out = diff(d, by_text, &["old.yaml", "new.yaml", "--fail-on-change"]);
        assert_eq!(out.status.code(), Some(1), "by text: {by_text}");
    }
}

// ---------------------------------------------------------------------------------------------
// 9. CRLF (and a BOM) in one version only

#[test]
fn crlf_in_one_version_only() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let small = std::fs::read_to_string(fixture("small/old.yaml")).unwrap();
    std::fs::write(d.join("crlf.yaml"), small.replace('\n', "\r\n")).unwrap();
    let r = same_both_ways(d, &[&fx("small/old.yaml"), "crlf.yaml"]);
    assert_eq!(counts(&r), (0, 0, 0, 5));

    let n = 1200;
    let items = generate(n);
    let text = catalog_text("2024-01", &items);
    assert_big(&text);
    std::fs::write(d.join("old.yaml"), &text).unwrap();
    std::fs::write(d.join("new.yaml"), text.replace('\n', "\r\n")).unwrap();
    let r = same_both_ways(d, &["old.yaml", "new.yaml"]);
    assert_eq!(counts(&r), (0, 0, 0, n as u64));

    // CRLF on the old side, and one item changed.
    let mut one = items.clone();
    one[5].promised = Some(40);
    std::fs::write(d.join("new.yaml"), catalog_text("2024-01", &one)).unwrap();
    std::fs::write(d.join("old.yaml"), text.replace('\n', "\r\n")).unwrap();
    let r = same_both_ways(d, &["old.yaml", "new.yaml"]);
    assert_eq!(counts(&r), (0, 0, 1, n as u64 - 1));
    assert_eq!(codes(&r, "changed"), vec![items[5].code()]);

    // A byte order mark on the new side only: the texts after it are paired.
    std::fs::write(d.join("old.yaml"), &text).unwrap();
    std::fs::write(d.join("new.yaml"), format!("\u{feff}{}", catalog_text("2024-01", &one))).unwrap();
    let r = same_both_ways(d, &["old.yaml", "new.yaml"]);
    assert_eq!(counts(&r), (0, 0, 1, n as u64 - 1));
    assert_eq!(codes(&r, "changed"), vec![items[5].code()]);
}

// ---------------------------------------------------------------------------------------------
// 10. A side read from git (`REV:path`)

fn git(dir: &Path, args: &[&str]) {
    let out = std::process::Command::new("git")
        .args([
            "-c",
            "user.name=catalog tests",
            "-c",
            "user.email=tests@example.com",
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn git_revision_side() {
    if std::process::Command::new("git").arg("--version").output().is_err() {
        eprintln!("git is not installed: git_revision_side skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    git(d, &["init", "-q"]);
    std::fs::copy(fixture("small/old.yaml"), d.join("清单.yaml")).unwrap();
    std::fs::create_dir(d.join("cat")).unwrap();
    for f in ["a.yaml", "b.yaml"] {
        std::fs::copy(fixture(&format!("dirs/old/{f}")), d.join("cat").join(f)).unwrap();
    }
    git(d, &["add", "."]);
    git(d, &["commit", "-q", "-m", "old"]);
    std::fs::copy(fixture("small/new.yaml"), d.join("清单.yaml")).unwrap();
    for f in ["a.yaml", "b.yaml"] {
        std::fs::copy(fixture(&format!("dirs/new-defaults/{f}")), d.join("cat").join(f)).unwrap();
    }

    let r = same_both_ways(d, &["HEAD:清单.yaml", "清单.yaml"]);
    assert_eq!(r["summary"]["old"], "HEAD:清单.yaml");
    assert_eq!(counts(&r), (1, 1, 1, 3));
    assert_eq!(codes(&r, "changed"), strings(&["确认-00004-001-01"]));
    assert_eq!(codes(&r, "removed"), strings(&["给付-00005-001-01"]));
    assert_eq!(codes(&r, "added"), strings(&["服务-00006-001-01"]));

    let r = same_both_ways(d, &["HEAD:cat", "cat"]);
    assert_eq!(counts(&r), (0, 0, 2, 2));
    assert_eq!(
        codes(&r, "changed"),
        strings(&["处罚-00054-001-01", "许可-00052-001-01"])
    );
}

// ---------------------------------------------------------------------------------------------
// 11. A syntax error in an item whose text is the same in both versions

/// Exit code and stderr of both ways.
fn failing_both_ways(dir: &Path, args: &[&str]) -> [(Option<i32>, String); 2] {
    [true, false].map(|by_text| {
        let out = diff(dir, by_text, args);
        (out.status.code(), String::from_utf8_lossy(&out.stderr).into_owned())
    })
}

#[test]
fn syntax_error_in_an_unchanged_item_small_files() {
    let got = failing_both_ways(&here(), &[&fx("bad/old.yaml"), &fx("bad/new.yaml")]);
    for ((code, err), way) in got.iter().zip(["by text", "whole"]) {
        assert_eq!(*code, Some(2), "{way}: {err}");
        assert!(err.contains("old.yaml:10:23:"), "{way}: {err}");
        // Small files are read whole: the new version's copy of the error is found too.
        assert!(err.contains("new.yaml:10:23:"), "{way}: {err}");
    }
}

/// Item 900 of a generated big catalog with `line` (a whole line of it) replaced: the text and
/// the (1-based) line number of the replacement.
fn with_error(items: &[Gen], line: &str, bad: &str) -> (String, usize) {
    let t = catalog_text("2024-01", items);
    let item = t.find(&format!("  - code: \"{}\"\n", Gen::new(900).code())).unwrap();
    let at = item + t[item..].find(line).unwrap();
    let number = t[..at].matches('\n').count() + 1;
    (format!("{}{bad}{}", &t[..at], &t[at + line.len()..]), number)
}

/// A big catalog (read in chunks) whose item 900 holds an error, the same in both versions;
/// another item changed. The error is in a key the metrics read (name) or do not (fee).
#[test]
fn syntax_error_in_an_unchanged_item_big_files() {
    let items = generate(1500);
    let mut one = items.clone();
    one[10].promised = Some(77);
    let name = format!("    name: 第{}号主项事项（新办）\n", 900 / 3);
    let mut wrong = Vec::new();
    for (line, bad) in [
        (
            name.as_str(),
            format!("    name: 第{}号主项事项（新办）: 新办\n", 900 / 3),
        ),
        // A syntax error, a bad escape, a list and a mapping where a text belongs.
        ("    fee: 不收费\n", "    fee: 不收费: 新办\n".to_string()),
        ("    fee: 不收费\n", "    fee: \"不收费\\q\"\n".to_string()),
        ("    fee: 不收费\n", "    fee: [不收费, 收费]\n".to_string()),
        ("    fee: 不收费\n", "    fee: {标准: 不收费}\n".to_string()),
    ] {
        let (old_text, number) = with_error(&items, line, &bad);
        assert_big(&old_text);
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::write(d.join("old.yaml"), old_text).unwrap();
        std::fs::write(d.join("new.yaml"), with_error(&one, line, &bad).0).unwrap();
        let got = failing_both_ways(d, &["old.yaml", "new.yaml"]);
        for ((code, err), way) in got.iter().zip(["by text", "whole"]) {
            if *code != Some(2) || !err.contains(&format!("old.yaml:{number}:")) {
                wrong.push(format!("{way}, {bad:?} on line {number}: exit {code:?}, {err:?}"));
            }
        }
        // Reading whole also names the new version's copy of the error; reading by text leaves
        // that item of the new version unread (reported, not required).
        let new_named = got
            .iter()
            .map(|(_, e)| e.contains(&format!("new.yaml:{number}:")))
            .collect::<Vec<_>>();
        eprintln!("{bad:?}: new.yaml:{number} named (by text, whole): {new_named:?}");
    }
    assert!(
        wrong.is_empty(),
        "expected exit 2 naming old.yaml:LINE:\n{}",
        wrong.join("\n")
    );
}

// ---------------------------------------------------------------------------------------------
// Findings: inputs on which reading by text was seen to differ from reading whole. Each fixture
// pair's first line says what it holds.

fn finding(name: &str) -> Value {
    same_both_ways(
        &here(),
        &[
            &fx(&format!("findings/{name}-old.yaml")),
            &fx(&format!("findings/{name}-new.yaml")),
        ],
    )
}

/// A quoted value continued on a line indented like the items' dashes: the item's text is cut
/// short there, and a change after that line is not seen.
#[test]
fn finding_quoted_value_continued_at_the_dash_column() {
    let r = finding("quoted-continuation");
    assert_eq!(codes(&r, "changed"), strings(&["许可-00061-001-01"]));
}

/// The same with a `[ … ]` list continued at the dashes' column.
#[test]
fn finding_flow_list_continued_at_the_dash_column() {
    let r = finding("flow-continuation");
    assert_eq!(codes(&r, "changed"), strings(&["许可-00063-001-01"]));
}

/// A quoted value continued on a line starting with "- " at the dashes' column: one item read as
/// two texts, both paired, so `unchanged` counts it twice.
#[test]
fn finding_one_item_read_as_two_texts() {
    let r = finding("split-item");
    assert_eq!(counts(&r), (0, 0, 1, 1));
}

/// `defaults` written as an explicit key (`? defaults`): not seen as the defaults' text.
#[test]
fn finding_defaults_as_explicit_key() {
    let r = finding("explicit-key-defaults");
    assert_eq!(codes(&r, "changed"), strings(&["许可-00081-001-01"]));
}

/// `defaults` written as a quoted key with escapes (`"\u9ED8\u8BA4"` = 默认).
#[test]
fn finding_defaults_as_escaped_key() {
    let r = finding("escaped-key-defaults");
    assert_eq!(codes(&r, "changed"), strings(&["许可-00082-001-01"]));
}

/// A `{ … }` defaults value continued on a line at column 0: the line is not part of the
/// defaults' text.
#[test]
fn finding_defaults_continued_at_column_0() {
    let r = finding("defaults-continuation");
    assert_eq!(codes(&r, "changed"), strings(&["许可-00083-001-01"]));
}

/// A null entry (`-` alone) in the items: no item, but counted unchanged.
#[test]
fn finding_null_entry_counted_unchanged() {
    let r = finding("null-item");
    assert_eq!(counts(&r), (0, 0, 1, 0));
}

/// An empty item `{}` in both versions: reading whole cannot pair it (no code, no name) and
/// reports it removed and added; by text it is unchanged.
#[test]
fn finding_empty_item() {
    let r = finding("empty-item");
    assert_eq!(r["summary"]["old_items"], 2);
}

/// Two items without a code and with the same name, swapped: reading whole pairs them by
/// position (two changes), by text each with its twin (no change).
#[test]
fn finding_codeless_items_with_the_same_name_swapped() {
    let r = finding("codeless");
    assert_eq!(r["summary"]["old_items"], 2);
}

// ---------------------------------------------------------------------------------------------
// `catalog stats` counts items as they are read (and reads only what the metrics need)

/// The metrics of a big catalog (read in chunks, its items counted and dropped) are those of
/// the catalog read whole (`catalog diff` with both versions read whole computes them), and an
/// error in a value the metrics do not read is still an error.
#[test]
fn stats_counted_as_read_are_the_whole_catalogs() {
    let items = generate(1500);
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let text = catalog_text("2024-01", &items);
    assert_big(&text);
    std::fs::write(d.join("c.yaml"), &text).unwrap();
    let out = Command::cargo_bin("catalog")
        .unwrap()
        .current_dir(d)
        .args(["--jobs", "4", "stats", "c.yaml", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stats = parse(&out, "stats");
    let whole = parse(&diff(d, false, &["c.yaml", "c.yaml"]), "diff read whole");
    let mut found = Vec::new();
    differences(&stats["metrics"], &whole["metrics"]["old"], "", &mut found);
    assert!(
        found.is_empty(),
        "stats differ from the whole catalog's metrics: {found:?}"
    );
    assert_eq!(stats["metrics"]["overall"]["items"], 1500);

    let (bad, line) = with_error(&items, "    fee: 不收费", "    fee: 不收费: 新办");
    std::fs::write(d.join("c.yaml"), bad).unwrap();
    let out = Command::cargo_bin("catalog")
        .unwrap()
        .current_dir(d)
        .args(["--jobs", "4", "stats", "c.yaml", "--format", "json"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains(&format!("c.yaml:{line}:")), "{err}");
}
