//! Hostile and broken input: every case ends with a clear message and the right exit code,
//! never a panic, and within a deadline (a hang fails the test instead of the CI run).
//!
//! Large fixtures (deep nesting, alias bombs, huge lines) are generated at test time in a
//! temporary directory, so nothing big is committed.

use serde_json::Value;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Every case must finish within this time, even on a loaded machine with a debug build.
const DEADLINE: Duration = Duration::from_secs(10);

struct Outcome {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Run the binary with a deadline: a case that hangs is killed and fails the test.
fn run(args: &[&str], paths: &[&Path], env: &[(&str, &str)]) -> Outcome {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_catalog"));
    cmd.env_remove("CATALOG_LANG")
        .env_remove("CATALOG_MAX_FILE_MB")
        .args(["--lang", "en", "--color", "never"])
        .args(args)
        .args(paths)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let start = Instant::now();
    let mut child = cmd.spawn().expect("spawn catalog");
    // Drain the pipes on threads so a chatty child cannot block on a full pipe.
    let mut out_pipe = child.stdout.take().expect("stdout");
    let mut err_pipe = child.stderr.take().expect("stderr");
    let out_thread = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = out_pipe.read_to_end(&mut s);
        s
    });
    let err_thread = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = err_pipe.read_to_end(&mut s);
        s
    });
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if start.elapsed() > DEADLINE {
            let _ = child.kill();
            let _ = child.wait();
            panic!("catalog {args:?} {paths:?} did not finish within {DEADLINE:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let stdout = String::from_utf8_lossy(&out_thread.join().expect("stdout thread")).into_owned();
    let stderr = String::from_utf8_lossy(&err_thread.join().expect("stderr thread")).into_owned();
    assert!(
        !stderr.contains("panicked") && !stderr.contains("overflowed its stack"),
        "catalog crashed on {paths:?}:\n{stderr}"
    );
    Outcome {
        code: status.code().unwrap_or(-1),
        stdout,
        stderr,
    }
}

fn lint(path: &Path) -> Outcome {
    run(&["lint", "--format", "json"], &[path], &[])
}

/// Whether the file's items were read with `name` among them (`catalog tree` lists every
/// item's name, whether or not a rule has anything to say about it).
fn read_with_name(path: &Path, name: &str) -> bool {
    let out = run(&["tree"], &[path], &[]);
    out.code == 0 && out.stdout.contains(name)
}

/// The file fails to load: exit 2, and the message (and place, when given) is on stderr.
fn assert_refused(path: &Path, place: &str, message: &str) -> Outcome {
    let out = lint(path);
    assert_eq!(
        out.code,
        2,
        "{}: expected exit 2\nstderr: {}",
        path.display(),
        out.stderr
    );
    assert!(
        out.stdout.is_empty(),
        "nothing on stdout when loading fails: {}",
        out.stdout
    );
    let name = path.file_name().and_then(|n| n.to_str()).expect("file name");
    let want = format!("{name}{place}");
    assert!(out.stderr.contains(&want), "want place {want:?} in:\n{}", out.stderr);
    assert!(out.stderr.contains(message), "want {message:?} in:\n{}", out.stderr);
    out
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).expect("write fixture");
    p
}

/// The (code, line) of every finding of a successful lint run.
fn findings(out: &Outcome) -> Vec<(String, u64)> {
    assert!(
        out.code == 0 || out.code == 1,
        "expected the file to load: {}",
        out.stderr
    );
    let json: Value = serde_json::from_str(&out.stdout).expect("json report");
    json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap_or("").to_string(),
                d["location"]["line"].as_u64().unwrap_or(0),
            )
        })
        .collect()
}

/// Two items without a level (T002 at each item's `code:` line) — a small file that loads.
const TWO_ITEMS: &str = "items:\n  - code: A\n    name: 甲\n  - code: B\n    name: 乙\n";

#[test]
fn empty_and_blank_files() {
    let dir = tempfile::tempdir().unwrap();
    assert_refused(&write(dir.path(), "empty.yaml", ""), "", "the file is empty");
    assert_refused(
        &write(dir.path(), "blank.yaml", "\n\n   \n# only a comment\n"),
        "",
        "the file is empty",
    );
}

#[test]
fn binary_files() {
    let dir = tempfile::tempdir().unwrap();
    let bytes: Vec<u8> = (0..=255u8).cycle().take(4096).collect();
    assert_refused(&write(dir.path(), "random.yaml", &bytes), ":1:1", "binary file");
    // A PNG renamed to .yaml.
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0";
    assert_refused(&write(dir.path(), "picture.yaml", png), ":3:1", "NUL byte");
}

#[test]
fn truncated_yaml() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "cut.yaml",
        "items:\n  - code: A\n    name: \"unterminated\n",
    );
    assert_refused(&p, ":3:11", "unclosed quote");
    let p = write(dir.path(), "cut_flow.yaml", "items: [{code: A, name: 甲");
    let out = lint(&p);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("cut_flow.yaml:1:"), "{}", out.stderr);
}

#[test]
fn gbk_yaml_is_refused_with_the_place_of_the_first_bad_byte() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = b"items:\n  - code: A\n    name: ".to_vec();
    // "食品经营许可" in GBK; its first two characters happen to be valid UTF-8 too, the third is not.
    bytes.extend(b"\xca\xb3\xc6\xb7\xbe\xad\xd3\xaa\xd0\xed\xbf\xc9\n");
    assert_refused(&write(dir.path(), "gbk.yaml", &bytes), ":3:13", "not UTF-8 (GBK?)");
}

#[test]
fn utf8_bom_loads_with_exact_lines() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "bom.yaml", format!("\u{feff}{TWO_ITEMS}"));
    let f = findings(&lint(&p));
    assert!(
        f.contains(&("T002".into(), 2)) && f.contains(&("T002".into(), 4)),
        "{f:?}"
    );
}

#[test]
fn utf16_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = vec![0xFF, 0xFE];
    for u in TWO_ITEMS.encode_utf16() {
        bytes.extend(u.to_le_bytes());
    }
    assert_refused(&write(dir.path(), "utf16.yaml", &bytes), "", "UTF-16");
}

#[test]
fn crlf_loads_with_exact_lines() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "crlf.yaml", TWO_ITEMS.replace('\n', "\r\n"));
    let crlf = findings(&lint(&p));
    let p = write(dir.path(), "lf.yaml", TWO_ITEMS);
    let lf = findings(&lint(&p));
    assert!(crlf.contains(&("T002".into(), 4)), "{crlf:?}");
    assert_eq!(crlf, lf, "CRLF and LF give the same findings on the same lines");
}

#[test]
fn tabs_point_at_the_tab() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "tabs.yaml", "items:\n  - code: A\n\tname: 甲\n");
    assert_refused(&p, ":3:1", "tabs cannot be used for indentation");
}

#[test]
fn duplicate_keys() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "dup.yaml",
        "items:\n  - code: A\n    name: 甲\n    code: B\n",
    );
    assert_refused(&p, ":4:5", "duplicate key 'code' (already given on line 2)");
}

#[test]
fn wrong_shapes() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "scalars.yaml", "- a\n- b\n");
    let out = assert_refused(&p, ":1:3", "expected an item mapping, found a text");
    assert!(
        out.stderr.contains("scalars.yaml:2:3: "),
        "every bad entry is named: {}",
        out.stderr
    );
    let p = write(dir.path(), "scalar.yaml", "hello\n");
    assert_refused(&p, ":1:1", "not a catalog: the top level must be a mapping");
    let p = write(dir.path(), "two_docs.yaml", "items: []\n---\nitems: []\n");
    assert_refused(&p, ":2:1", "a file holds one YAML document");
}

#[test]
fn deep_flow_nesting_100k() {
    let dir = tempfile::tempdir().unwrap();
    let n = 100_000;
    let p = write(
        dir.path(),
        "deep_seq.yaml",
        format!("items: {}{}\n", "[".repeat(n), "]".repeat(n)),
    );
    assert_refused(&p, ":1:", "nesting deeper than the limit of 200");
    let p = write(
        dir.path(),
        "deep_map.yaml",
        format!("{}1{}\n", "{a: ".repeat(n), "}".repeat(n)),
    );
    assert_refused(&p, ":1:", "nesting deeper than the limit of 200");
    // Unclosed: the parser must not wait for the end before giving up.
    let p = write(dir.path(), "deep_open.yaml", "[".repeat(n));
    assert_refused(&p, ":1:", "nesting deeper than the limit of 200");
}

#[test]
fn deep_block_nesting() {
    let dir = tempfile::tempdir().unwrap();
    let text: String = (0..2_000).map(|i| format!("{}- \n", " ".repeat(i))).collect();
    assert_refused(
        &write(dir.path(), "deep_block.yaml", text),
        ":201:",
        "nesting deeper than the limit of 200",
    );
}

#[test]
fn billion_laughs() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
    for w in names.windows(2) {
        let refs = vec![format!("*{}", w[0]); 9].join(", ");
        text.push_str(&format!("{}: &{} [{refs}]\n", w[1], w[1]));
    }
    text.push_str("items: *i\n");
    assert_refused(
        &write(dir.path(), "lol.yaml", text),
        ":",
        "alias expansion exceeds the limit",
    );
}

/// Small bombs in every item of a file big enough for the parallel loader: the chunks share
/// one alias budget, so the file fails as it would in one parse (and fast).
#[test]
fn billion_laughs_spread_over_a_big_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("items:\n");
    for i in 0..100 {
        text.push_str(&format!(
            "  - code: C{i}\n    name: n\n    basis: [\"{}\"]\n",
            "x".repeat(12_000)
        ));
        text.push_str(&format!(
            "    l1: &a{i}_1 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        ));
        for k in 2..6 {
            let refs = vec![format!("*a{i}_{}", k - 1); 9].join(", ");
            text.push_str(&format!("    l{k}: &a{i}_{k} [{refs}]\n"));
        }
        text.push_str(&format!("    bomb: *a{i}_5\n"));
    }
    assert!(text.len() > 1 << 20, "big enough for the parallel loader");
    assert_refused(
        &write(dir.path(), "spread.yaml", text),
        ":",
        "alias expansion exceeds the limit",
    );
}

#[test]
fn alias_chain_cannot_nest_past_the_limit() {
    // Each anchor pastes the previous one 190 levels deeper: few nodes, very deep tree.
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("a0: &a0 [x]\n");
    for k in 1..120 {
        text.push_str(&format!(
            "a{k}: &a{k} {}*a{}{}\n",
            "[".repeat(190),
            k - 1,
            "]".repeat(190)
        ));
    }
    text.push_str("items: *a119\n");
    assert_refused(
        &write(dir.path(), "alias_deep.yaml", text),
        ":3:",
        "nests deeper than the limit",
    );
}

#[test]
fn huge_line_and_huge_value() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "long_line.yaml",
        format!("items:\n  - name: {}\n", "x".repeat(5 << 20)),
    );
    assert_refused(&p, ":2:1", "line 2 is too long");
    let block = "      0123456789012345678901234567890123456789012345678901234567890123456789\n".repeat(20_000);
    let p = write(
        dir.path(),
        "long_value.yaml",
        format!("items:\n  - code: A\n    basis: |\n{block}"),
    );
    assert_refused(&p, ":4:7", "value too long (1386 KB, limit 1024 KB)");
}

#[test]
fn file_size_limit_is_configurable() {
    let dir = tempfile::tempdir().unwrap();
    let item = "  - code: A\n    name: 甲\n";
    let p = write(dir.path(), "big.yaml", format!("items:\n{}", item.repeat(80_000)));
    let out = run(&["lint", "--format", "json"], &[&p], &[("CATALOG_MAX_FILE_MB", "1")]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains("big.yaml: file too large (2 MB, limit 1 MB)"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("CATALOG_MAX_FILE_MB"), "{}", out.stderr);
}

#[test]
fn directory_cases() {
    let dir = tempfile::tempdir().unwrap();
    let none = dir.path().join("nothing_here");
    std::fs::create_dir(&none).unwrap();
    write(&none, "notes.md", "not a catalog");
    assert_refused(&none, "", "no catalog files (");

    let missing = dir.path().join("missing.yaml");
    assert_refused(&missing, "", "no such file or directory");

    let other = write(dir.path(), "list.pdf", TWO_ITEMS);
    assert_refused(&other, "", "unsupported file type '.pdf'");
}

#[cfg(unix)]
#[test]
fn symlink_loop() {
    let dir = tempfile::tempdir().unwrap();
    let cat = dir.path().join("cat");
    std::fs::create_dir(&cat).unwrap();
    write(&cat, "a.yaml", TWO_ITEMS);
    std::os::unix::fs::symlink(&cat, cat.join("again")).unwrap();
    std::os::unix::fs::symlink(cat.join("self.yaml"), cat.join("self.yaml")).unwrap_or(());
    let out = lint(&cat);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("symlink loop"), "{}", out.stderr);
}

#[cfg(unix)]
#[test]
fn unreadable_file_in_a_directory() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.yaml", TWO_ITEMS);
    let locked = write(dir.path(), "locked.yaml", TWO_ITEMS);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&locked).is_ok() {
        // Root (as in many CI containers) reads the file anyway: nothing to test here.
        eprintln!("skipped: running as root, chmod 000 does not block reads");
        return;
    }
    let out = lint(dir.path());
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("locked.yaml: permission denied"), "{}", out.stderr);
}

#[test]
fn messages_are_chinese_by_default() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "tabs.yaml", "items:\n\t- code: A\n");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_catalog"));
    let out = cmd.env_remove("CATALOG_LANG").arg("lint").arg(&p).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("tabs.yaml:2:1: YAML 语法错误：不能用制表符（Tab）缩进"),
        "{err}"
    );
}

/// Random bytes of many shapes, through the whole binary: exit 0, 1 or 2, never a crash.
#[test]
fn random_garbage_never_crashes() {
    let dir = tempfile::tempdir().unwrap();
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let alphabet: &[u8] = b"- :[]{}&*!|>'\"#%@`,?\n\n  \t\rab1\xe4\xb8\xad";
    for i in 0..12 {
        let len = (next() % 400) as usize;
        let bytes: Vec<u8> = (0..len)
            .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
            .collect();
        let p = write(dir.path(), &format!("g{i}.yaml"), &bytes);
        let out = lint(&p);
        assert!(
            matches!(out.code, 0..=2),
            "{}: exit {}\n{}",
            p.display(),
            out.code,
            out.stderr
        );
    }
}

/// `--fix` writes through a temporary file and a rename: the fixed file keeps its mode, no
/// temporary file is left behind, and a symlinked catalog stays a symlink (the link target is
/// what gets fixed).
#[cfg(unix)]
#[test]
fn fix_writes_atomically() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real");
    let work = dir.path().join("work");
    std::fs::create_dir_all(&real).unwrap();
    std::fs::create_dir_all(&work).unwrap();
    let target = real.join("items.yaml");
    std::fs::copy("tests/fixtures/config/fix/items.yaml", &target).unwrap();
    std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o640)).unwrap();
    let link = work.join("items.yaml");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let before = std::fs::read_to_string(&target).unwrap();

    let out = run(&["lint", "--fix", "--format", "json"], &[&link], &[]);
    assert!(out.code == 0 || out.code == 1, "{}", out.stderr);
    let after = std::fs::read_to_string(&target).unwrap();
    assert_ne!(before, after, "the fixes were written to the link target");
    assert!(after.contains("    level: 县级"), "{after}");
    assert!(
        std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink(),
        "the symlink was replaced by a file"
    );
    let mode = std::fs::metadata(&target).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640, "the file keeps its permissions");
    for d in [&real, &work] {
        let names: Vec<String> = std::fs::read_dir(d)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["items.yaml"], "no temporary files left in {}", d.display());
    }
}

/// When the fixed file cannot be written, `--fix` fails with exit 2 and the original is intact.
#[cfg(unix)]
#[test]
fn fix_into_a_read_only_directory_keeps_the_original() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let ro = dir.path().join("ro");
    std::fs::create_dir(&ro).unwrap();
    let f = ro.join("items.yaml");
    std::fs::copy("tests/fixtures/config/fix/items.yaml", &f).unwrap();
    let before = std::fs::read(&f).unwrap();
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o555)).unwrap();
    if tempfile::NamedTempFile::new_in(&ro).is_ok() {
        std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o755)).unwrap();
        eprintln!("skipped: running as root, a read-only directory is still writable");
        return;
    }
    let out = run(&["lint", "--fix"], &[&f], &[]);
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("items.yaml"), "{}", out.stderr);
    assert_eq!(std::fs::read(&f).unwrap(), before);
}

// ---- Safe outputs: catalog text is data, never markup, formulas or paths. ----

const SCRIPT: &str = "<script>alert(1)</script>";
const IMG: &str = "\"><img src=x onerror=alert(2)>";
const FORMULAS: [&str; 5] = [
    "=HYPERLINK(\"http://evil.example\",\"点我\")",
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)",
    "\t=1+1",
];

/// An old and a new version of a catalog whose texts are attacks.
fn hostile_versions(dir: &Path) -> (PathBuf, PathBuf) {
    let old = write(
        dir,
        "old.yaml",
        "items:\n  - code: 许可-00001-001\n    name: 甲\n    department: 乙\n    level: 县级\n  - code: 许可-00002-001\n    name: 丙\n    level: 县级\n",
    );
    let q = |s: &str| serde_json::to_string(s).unwrap();
    let new = write(
        dir,
        "new.yaml",
        format!(
            "items:\n  - code: 许可-00001-001\n    name: {}\n    department: {}\n    level: 县级\n    phone: {}\n    remarks: {}\n    fee: {}\n  - code: {}\n    name: {}\n    level: 县级\n    basis: [{}]\n",
            q(SCRIPT),
            q(FORMULAS[0]),
            q(FORMULAS[1]),
            q(IMG),
            q(FORMULAS[3]),
            q("../../逃逸"),
            q(FORMULAS[4]),
            q(FORMULAS[2]),
        ),
    );
    (old, new)
}

#[test]
fn diff_html_escapes_catalog_text() {
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = hostile_versions(dir.path());
    let out_file = dir.path().join("report.html");
    let out = run(
        &["diff", "--format", "html", "--output", out_file.to_str().unwrap()],
        &[&old, &new],
        &[],
    );
    assert!(out.code == 0 || out.code == 1, "{}", out.stderr);
    let html = std::fs::read_to_string(&out_file).unwrap();
    assert!(!html.contains("<script>alert"), "unescaped script in the report");
    assert!(
        !html.contains("<img src=x"),
        "unescaped attribute break-out in the report"
    );
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "the text is shown, escaped"
    );
}

#[test]
fn diff_xlsx_neutralizes_formulas() {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = hostile_versions(dir.path());
    let out_file = dir.path().join("report.xlsx");
    let out = run(
        &["diff", "--format", "xlsx", "--output", out_file.to_str().unwrap()],
        &[&old, &new],
        &[],
    );
    assert!(out.code == 0 || out.code == 1, "{}", out.stderr);
    let mut wb: Xlsx<_> = open_workbook(&out_file).expect("a readable workbook");
    let mut seen = Vec::new();
    for name in wb.sheet_names() {
        let range = wb.worksheet_range(&name).unwrap();
        for c in range.used_cells() {
            if let Data::String(s) = c.2 {
                seen.push(s.clone());
                assert!(
                    !s.starts_with(['=', '+', '-', '@', '\t', '\r']),
                    "{name} {:?}: a cell that a spreadsheet would run: {s:?}",
                    (c.0, c.1)
                );
            }
        }
        let formulas = wb.worksheet_formula(&name).unwrap();
        assert!(
            formulas.used_cells().all(|c| c.2.is_empty()),
            "{name}: the report holds formulas"
        );
    }
    assert!(
        seen.iter().any(|s| s.starts_with("'=HYPERLINK")),
        "the changed department is in the report, neutralized: {seen:?}"
    );
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names.iter().all(|n| !n.ends_with(".tmp")),
        "no temporary files left: {names:?}"
    );
}

#[test]
fn diff_markdown_and_json_keep_text_as_data() {
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = hostile_versions(dir.path());
    let out = run(&["diff", "--format", "json"], &[&old, &new], &[]);
    assert!(out.code == 0 || out.code == 1, "{}", out.stderr);
    let v: Value = serde_json::from_str(&out.stdout).expect("valid JSON whatever the text");
    assert!(
        v.to_string().contains("<script>alert(1)</script>"),
        "JSON keeps the text as it is"
    );
    let out = run(&["diff", "--format", "markdown"], &[&old, &new], &[]);
    assert!(out.code == 0 || out.code == 1, "{}", out.stderr);
    assert!(
        !out.stdout.contains("<script>"),
        "raw HTML in markdown would run when rendered"
    );
}

/// A catalog whose every text is an attack, with scenarios, error-prone points and materials.
fn hostile_catalog(dir: &Path) -> PathBuf {
    let q = |s: &str| serde_json::to_string(s).unwrap();
    write(
        dir,
        "hostile.yaml",
        format!(
            "catalog:\n  title: {title}\nitems:\n  - code: {code}\n    name: {script}\n    main_item: {img}\n    department: {f0}\n    level: 县级\n    phone: {f1}\n    scenarios:\n      - name: {f2}\n        acceptance_points:\n          - point: {f3}\n            error_prone: true\n            fix: {f4}\n        materials:\n          - name: {f0}\n            sample: {img}\n",
            title = q(SCRIPT),
            code = q("../../逃逸"),
            script = q(SCRIPT),
            img = q(IMG),
            f0 = q(FORMULAS[0]),
            f1 = q(FORMULAS[1]),
            f2 = q(FORMULAS[2]),
            f3 = q(FORMULAS[3]),
            f4 = q(FORMULAS[4]),
        ),
    )
}

fn files_below(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(files_below(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn published_site_escapes_text_and_stays_in_its_directory() {
    let dir = tempfile::tempdir().unwrap();
    let cat = hostile_catalog(dir.path());
    let site = dir.path().join("site");
    let out = run(
        &["publish", "--allow-errors", "--out", site.to_str().unwrap()],
        &[&cat],
        &[],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let files = files_below(&site);
    assert!(
        files.iter().any(|f| f.extension().is_some_and(|e| e == "html")),
        "{files:?}"
    );
    for f in &files {
        assert!(f.starts_with(&site), "{} left the output directory", f.display());
        let text = std::fs::read_to_string(f).unwrap_or_default();
        if f.extension().is_some_and(|e| e == "html") {
            assert!(!text.contains("<script>alert"), "{}: unescaped script", f.display());
            assert!(
                !text.contains("<img src=x"),
                "{}: unescaped attribute break-out",
                f.display()
            );
        }
        if f.extension().is_some_and(|e| e == "js") {
            // Data in scripts is a JSON string (shown with textContent); `</script>` is escaped
            // so the data could not end a script element even if inlined.
            assert!(!text.contains("</script>"), "{}: raw </script> in data", f.display());
        }
    }
    let outside: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        !outside.iter().any(|n| n.contains("逃逸")),
        "a file escaped: {outside:?}"
    );
    assert!(!dir.path().parent().unwrap().join("逃逸").exists());
}

#[test]
fn checklist_xlsx_neutralizes_formulas() {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let dir = tempfile::tempdir().unwrap();
    let cat = hostile_catalog(dir.path());
    let xlsx = dir.path().join("清单.xlsx");
    let out = run(&["checklist", "--output", xlsx.to_str().unwrap()], &[&cat], &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let mut wb: Xlsx<_> = open_workbook(&xlsx).expect("a readable workbook");
    let mut strings = Vec::new();
    for name in wb.sheet_names() {
        let range = wb.worksheet_range(&name).unwrap();
        for c in range.used_cells() {
            if let Data::String(s) = c.2 {
                assert!(
                    !s.starts_with(['=', '+', '-', '@', '\t', '\r']),
                    "{name}: a live formula {s:?}"
                );
                strings.push(s.clone());
            }
        }
        assert!(
            wb.worksheet_formula(&name)
                .unwrap()
                .used_cells()
                .all(|c| c.2.is_empty())
        );
    }
    assert!(strings.iter().any(|s| s == &format!("'{}", FORMULAS[3])), "{strings:?}");
}

// ---- Spreadsheets and CSV ----

/// A small valid workbook: one header row (Chinese field names) and one item.
fn workbook_bytes() -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("许可").unwrap();
    for (c, h) in ["事项编码", "事项名称", "事项层级"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (c, v) in ["许可-00001-001", "食品经营许可", "县级"].iter().enumerate() {
        ws.write_string(1, c as u16, *v).unwrap();
    }
    wb.save_to_buffer().unwrap()
}

fn zip_with(parts: &[(&str, &[u8])]) -> Vec<u8> {
    use std::io::Write;
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in parts {
        w.start_file(*name, opts).unwrap();
        w.write_all(bytes).unwrap();
    }
    w.finish().unwrap().into_inner()
}

#[test]
fn valid_workbook_loads() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "ok.xlsx", workbook_bytes());
    let out = lint(&p);
    assert!(out.code == 0 || out.code == 1, "{}", out.stderr);
    assert!(read_with_name(&p, "食品经营许可"));
}

#[test]
fn broken_workbooks_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let good = workbook_bytes();
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("empty.xlsx", Vec::new()),
        ("truncated.xlsx", good[..good.len() / 2].to_vec()),
        ("cut_tail.xlsx", good[..good.len() - 30].to_vec()),
        (
            "random.xlsx",
            (0..20_000u32)
                .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
                .collect(),
        ),
        ("not_a_workbook.xlsx", zip_with(&[("readme.txt", b"hello")])),
        ("renamed_png.ods", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec()),
        ("renamed_zip.xls", zip_with(&[("a.txt", b"x")])),
    ];
    let mut broken = good.clone();
    let mid = broken.len() / 2;
    for b in &mut broken[mid..mid + 200] {
        *b ^= 0x5A;
    }
    for (name, bytes) in cases.into_iter().chain([("corrupt.xlsx", broken)]) {
        let p = write(dir.path(), name, &bytes);
        let out = lint(&p);
        assert_eq!(
            out.code, 2,
            "{name}: expected exit 2\nstdout: {}\nstderr: {}",
            out.stdout, out.stderr
        );
        assert!(out.stderr.contains(name), "{name}: the file is named: {}", out.stderr);
    }
}

#[test]
fn zip_bomb_workbook_is_refused_fast() {
    let dir = tempfile::tempdir().unwrap();
    let spaces = vec![b' '; 16 << 20];
    let bytes = zip_with(&[
        ("[Content_Types].xml", b"<Types/>"),
        ("xl/workbook.xml", b"<workbook/>"),
        ("xl/worksheets/sheet1.xml", &spaces),
    ]);
    assert!(bytes.len() < 100_000, "{}", bytes.len());
    let p = write(dir.path(), "bomb.xlsx", &bytes);
    assert_refused(&p, "", "zip bomb");
}

#[test]
fn far_apart_cells_cannot_make_a_small_workbook_allocate_without_bound() {
    // A header, then one cell in column XFD on each of 200 rows: 3 MB of cell slots from a few KB.
    let dir = tempfile::tempdir().unwrap();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("许可").unwrap();
    for (c, h) in ["事项编码", "事项名称"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for r in 1..=200 {
        ws.write_string(r, 16_383, "x").unwrap();
    }
    let p = write(dir.path(), "sparse.xlsx", wb.save_to_buffer().unwrap());
    let out = run(&["lint"], &[&p], &[("CATALOG_MAX_SHEET_CELLS", "1000000")]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("sparse.xlsx"), "{}", out.stderr);
    assert!(out.stderr.contains("许可"), "the sheet is named: {}", out.stderr);
    assert!(out.stderr.contains("sheet too large"), "{}", out.stderr);
    // Under the default limit the same file loads.
    let ok = run(&["lint"], &[&p], &[]);
    assert!(ok.code == 0 || ok.code == 1, "{}", ok.stderr);
}

#[test]
fn gbk_csv_is_read() {
    let dir = tempfile::tempdir().unwrap();
    // "事项编码,事项名称,事项层级\n许可-00001-001,食品经营许可,县级\n" in GBK.
    let (gbk, _, bad) = encoding_rs::GBK.encode("事项编码,事项名称,事项层级\n许可-00001-001,食品经营许可,县级\n");
    assert!(!bad);
    assert!(std::str::from_utf8(&gbk).is_err(), "really not UTF-8");
    let p = write(dir.path(), "gbk.csv", &*gbk);
    let out = lint(&p);
    assert!(
        out.code == 0 || out.code == 1,
        "a GBK CSV is read, not rejected: {}",
        out.stderr
    );
    assert!(read_with_name(&p, "食品经营许可"), "decoded from GBK");
}

#[test]
fn broken_csv_files() {
    let dir = tempfile::tempdir().unwrap();
    let bytes: Vec<u8> = (0..=255u8).cycle().take(4096).collect();
    let out = lint(&write(dir.path(), "binary.csv", &bytes));
    assert_eq!(out.code, 2, "{}", out.stderr);
    let out = lint(&write(dir.path(), "empty.csv", ""));
    assert_eq!(out.code, 2, "{}", out.stderr);
    let p = write(
        dir.path(),
        "long.csv",
        format!("事项编码,事项名称\nA,{}\n", "x".repeat(2 << 20)),
    );
    assert_refused(&p, ":2:1", "line 2 is too long");
}

// ---- Writes that never harm (issue 23): report targets, --fix, lossless convert ----

/// A small catalog with findings, in YAML.
fn small_catalog(dir: &Path) -> PathBuf {
    write(dir, "items.yaml", TWO_ITEMS)
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let ok = Command::new("mkfifo").arg(path).status().expect("mkfifo");
    assert!(ok.success());
}

#[cfg(unix)]
fn is_fifo(path: &Path) -> bool {
    use std::os::unix::fs::FileTypeExt;
    std::fs::symlink_metadata(path).unwrap().file_type().is_fifo()
}

/// `-o /dev/stdout` reaches the pipe the report is read from (it was renamed over before).
#[test]
fn report_to_dev_stdout_reaches_the_pipe() {
    let dir = tempfile::tempdir().unwrap();
    let cat = small_catalog(dir.path());
    let out = run(&["lint", "-f", "json", "-o", "/dev/stdout"], &[&cat], &[]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    let json: Value = serde_json::from_str(&out.stdout).expect("the report came down the pipe");
    assert!(!json["diagnostics"].as_array().unwrap().is_empty());
    // And /dev/null stays the device it is.
    let out = run(&["lint", "-f", "sarif", "-o", "/dev/null"], &[&cat], &[]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        assert!(
            std::fs::symlink_metadata("/dev/null")
                .unwrap()
                .file_type()
                .is_char_device()
        );
    }
}

/// Every command that writes a file writes into a FIFO (read by someone) without replacing it,
/// and gives up with exit 2 on a FIFO nobody reads instead of blocking.
#[cfg(unix)]
#[test]
fn fifo_targets_are_written_not_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let cat = small_catalog(dir.path());
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["lint", "-f", "json", "-o"], "report.json"),
        (vec!["convert"], "out.csv"),
        (vec!["convert"], "out.yaml"),
        (vec!["checklist", "-o"], "list.md"),
    ];
    for (args, name) in cases {
        let fifo = dir.path().join(name);
        mkfifo(&fifo);
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::read(&fifo).unwrap())
        };
        let mut all: Vec<&str> = args.clone();
        let path = fifo.to_str().unwrap();
        let cat_s = cat.to_str().unwrap();
        if args[0] == "convert" {
            all.extend([cat_s, path]);
        } else {
            all.extend([path, cat_s]);
        }
        let out = run(&all, &[], &[]);
        assert!(out.code == 0 || out.code == 1, "{all:?}: {}", out.stderr);
        let got = reader.join().unwrap();
        assert!(!got.is_empty(), "{all:?}: the reader got the output");
        assert!(is_fifo(&fifo), "{all:?}: the FIFO is still a FIFO");
        std::fs::remove_file(&fifo).unwrap();
    }
    // Nobody reading: refused within the deadline, the FIFO kept.
    let fifo = dir.path().join("nobody.json");
    mkfifo(&fifo);
    let out = run(&["lint", "-f", "json", "-o", fifo.to_str().unwrap()], &[&cat], &[]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("no reader"), "{}", out.stderr);
    assert!(is_fifo(&fifo));
}

/// A symlinked report keeps its link (the file it names is written); a hard-linked one keeps
/// its links (both names see the new report).
#[cfg(unix)]
#[test]
fn linked_targets_keep_their_links() {
    use std::os::unix::fs::MetadataExt;
    let dir = tempfile::tempdir().unwrap();
    let cat = small_catalog(dir.path());
    let target = write(dir.path(), "real.json", "old");
    let link = dir.path().join("link.json");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let out = run(&["lint", "-f", "json", "-o", link.to_str().unwrap()], &[&cat], &[]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
    assert!(std::fs::read_to_string(&target).unwrap().contains("diagnostics"));

    let a = write(dir.path(), "a.sarif", "old");
    let b = dir.path().join("b.sarif");
    std::fs::hard_link(&a, &b).unwrap();
    let out = run(&["lint", "-f", "sarif", "-o", a.to_str().unwrap()], &[&cat], &[]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert_eq!(
        std::fs::metadata(&a).unwrap().ino(),
        std::fs::metadata(&b).unwrap().ino()
    );
    assert!(std::fs::read_to_string(&b).unwrap().contains("\"version\""));
}

/// A YAML that `--fix` changes: a level spelled 区县级 (W007, fixable) in a file with a BOM.
const FIXABLE: &str = "items:\n  - code: \"许可-00001-001-01\"\n    name: 食品经营许可\n    level: 区县级\n";

#[test]
fn fix_keeps_the_byte_order_mark() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "bom.yaml",
        [b"\xEF\xBB\xBF".as_slice(), FIXABLE.as_bytes()].concat(),
    );
    let out = run(&["lint", "--fix"], &[&p], &[]);
    assert!(out.code == 0 || out.code == 1, "{}", out.stderr);
    let after = std::fs::read(&p).unwrap();
    assert!(after.starts_with(b"\xEF\xBB\xBF"), "the BOM is kept");
    let text = std::str::from_utf8(&after[3..]).unwrap();
    assert!(text.contains("level: 县级"), "{text}");
}

/// A read-only catalog is the owner's mark that it is not to be edited: `--fix` refuses it
/// with exit 2 and changes no file, not even the writable one beside it.
#[cfg(unix)]
#[test]
fn fix_refuses_read_only_files_and_changes_nothing() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let a = write(dir.path(), "a.yaml", FIXABLE);
    let b = write(dir.path(), "b.yaml", FIXABLE.replace("00001", "00002"));
    std::fs::set_permissions(&b, std::fs::Permissions::from_mode(0o444)).unwrap();
    let out = run(&["lint", "--fix"], &[dir.path()], &[]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains("b.yaml") && out.stderr.contains("read-only"),
        "{}",
        out.stderr
    );
    assert_eq!(std::fs::read_to_string(&a).unwrap(), FIXABLE, "nothing written");
    assert_eq!(std::fs::metadata(&b).unwrap().permissions().mode() & 0o777, 0o444);
}

/// A hard-linked catalog stays one file under both names after `--fix`.
#[cfg(unix)]
#[test]
fn fix_keeps_hard_links() {
    use std::os::unix::fs::MetadataExt;
    let dir = tempfile::tempdir().unwrap();
    let a = write(dir.path(), "a.yaml", FIXABLE);
    let other = tempfile::tempdir().unwrap();
    let b = other.path().join("b.yaml");
    std::fs::hard_link(&a, &b).unwrap();
    let out = run(&["lint", "--fix"], &[&a], &[]);
    assert!(out.code == 0 || out.code == 1, "{}", out.stderr);
    assert_eq!(
        std::fs::metadata(&a).unwrap().ino(),
        std::fs::metadata(&b).unwrap().ino()
    );
    assert!(std::fs::read_to_string(&b).unwrap().contains("level: 县级"));
}

#[test]
fn lint_markdown_passes_no_html() {
    let dir = tempfile::tempdir().unwrap();
    let cat = hostile_catalog(dir.path());
    let out = run(&["lint", "--format", "markdown"], &[&cat], &[]);
    assert!(out.code == 0 || out.code == 1, "{}", out.stderr);
    for raw in ["<script", "<img", "](javascript"] {
        assert!(!out.stdout.contains(raw), "{raw} in:\n{}", out.stdout);
    }
    assert!(out.stdout.contains("&lt;script&gt;"), "{}", out.stdout);
}

/// CSV written by convert holds no live formula, and reads back to the same text.
#[test]
fn convert_csv_neutralises_formulas_and_round_trips() {
    let dir = tempfile::tempdir().unwrap();
    let cat = hostile_catalog(dir.path());
    let csv1 = dir.path().join("a.csv");
    let out = run(&["convert", cat.to_str().unwrap(), csv1.to_str().unwrap()], &[], &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let text = std::fs::read_to_string(&csv1).unwrap();
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    for rec in rdr.records() {
        for cell in rec.unwrap().iter() {
            assert!(!cell.starts_with(['=', '+', '-', '@', '\t']), "live formula {cell:?}");
        }
    }
    // CSV -> CSV is the same file; CSV -> YAML has the original texts.
    let csv2 = dir.path().join("b.csv");
    let out = run(&["convert", csv1.to_str().unwrap(), csv2.to_str().unwrap()], &[], &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(std::fs::read_to_string(&csv2).unwrap(), text);
    let yaml = dir.path().join("back.yaml");
    let out = run(&["convert", csv1.to_str().unwrap(), yaml.to_str().unwrap()], &[], &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let out = lint(&yaml);
    assert!(out.code == 0 || out.code == 1, "{}", out.stderr);
    let back = std::fs::read_to_string(&yaml).unwrap();
    for f in FORMULAS {
        let q = serde_json::to_string(f.trim()).unwrap();
        assert!(back.contains(f.trim()) || back.contains(&q), "{f:?} lost in:\n{back}");
    }
}

/// Two columns with one header, and a 办理时限 column read as process steps: convert keeps
/// every value, and the YAML it writes reads back.
#[test]
fn convert_keeps_duplicate_headers_and_writes_yaml_that_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    let src = write(
        dir.path(),
        "dup.csv",
        "事项编码,事项名称,备注,备注,办理时限,说明,说明\n许可-00001-001-01,食品经营许可,甲,乙,20个工作日,丙,丁\n",
    );
    let yaml = dir.path().join("dup.yaml");
    let out = run(&["convert", src.to_str().unwrap(), yaml.to_str().unwrap()], &[], &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let text = std::fs::read_to_string(&yaml).unwrap();
    for v in ["甲", "乙", "20个工作日", "丙", "丁"] {
        assert!(text.contains(v), "{v} lost:\n{text}");
    }
    let out = lint(&yaml);
    assert!(
        out.code == 0 || out.code == 1,
        "the YAML reads back: {}\n{text}",
        out.stderr
    );
    let csv2 = dir.path().join("again.csv");
    let out = run(&["convert", src.to_str().unwrap(), csv2.to_str().unwrap()], &[], &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let again = std::fs::read_to_string(&csv2).unwrap();
    assert_eq!(again.matches("备注").count(), 2, "{again}");
    assert!(again.contains("乙") && again.contains("丁"), "{again}");
}

/// Characters YAML does not allow in a file (U+FFFE, DEL, C1 controls) are escaped by convert.
#[test]
fn convert_yaml_escapes_noncharacters() {
    let dir = tempfile::tempdir().unwrap();
    let src = write(
        dir.path(),
        "nc.yaml",
        "items:\n  - code: \"许可-00001-001-01\"\n    name: \"食品\\uFFFE经营\\x01许可\\u007F\\u0085\\uFDD0\"\n",
    );
    let dst = dir.path().join("out.yaml");
    let out = run(&["convert", src.to_str().unwrap(), dst.to_str().unwrap()], &[], &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let out = lint(&dst);
    assert!(out.code == 0 || out.code == 1, "{}", out.stderr);
    let json: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(
        json["diagnostics"][0]["item_name"], "食品\u{fffe}经营\u{1}许可\u{7f}\u{85}\u{fdd0}",
        "the same text read back"
    );
}

// ---- Reads that always end, and say where ----

#[test]
fn csv_unclosed_quote_is_refused_at_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "q.csv",
        "事项编码,事项名称\n许可-1,食品\n许可-2,\"药品\n许可-3,器械\n",
    );
    assert_refused(&p, ":3", "never closed");
}

#[test]
fn csv_nul_byte_is_named_with_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = "事项编码,事项名称\n许可-1,食品\n".repeat(300).into_bytes();
    bytes.extend_from_slice(b"X-2,\xe8\x8d\xaf\0\xe5\x93\x81\n");
    let p = write(dir.path(), "nul.csv", &bytes);
    assert_refused(&p, ":601:6", "NUL byte");
    // Near the start too (where the file looks binary).
    let p = write(dir.path(), "nul2.csv", "事项编码,事项名称\n许可-1,食\0品\n");
    assert_refused(&p, ":2:7", "NUL byte");
}

#[test]
fn utf16_csv_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let text = "事项编码,事项名称,事项层级\r\n许可-00001-001,食品经营许可,县级\r\n";
    let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    let want = findings(&lint(&write(dir.path(), "utf8.csv", text)));
    for (name, bytes) in [
        ("le_bom.csv", [&[0xFF, 0xFE][..], &le].concat()),
        ("be_bom.csv", [&[0xFE, 0xFF][..], &be].concat()),
        ("le.csv", le.clone()),
        ("be.csv", be.clone()),
    ] {
        let p = write(dir.path(), name, &bytes);
        let out = lint(&p);
        assert_eq!(findings(&out), want, "{name}: {}", out.stderr);
        assert!(read_with_name(&p, "食品经营许可"), "{name}");
    }
}

#[test]
fn csv_switching_encoding_is_refused_at_the_first_line_in_the_other() {
    let dir = tempfile::tempdir().unwrap();
    let rows = "事项编码,事项名称\n许可-1,食品经营许可\n".repeat(50);
    let line = "许可-9,医疗器械经营许可\n";
    let gbk = |s: &str| encoding_rs::GBK.encode(s).0.into_owned();
    let utf8_then_gbk = [rows.as_bytes(), &gbk(line), rows.as_bytes()].concat();
    let p = write(dir.path(), "u8gbk.csv", &utf8_then_gbk);
    assert_refused(&p, ":101", "part-way");
    let gbk_then_utf8 = [gbk(&rows), line.as_bytes().to_vec(), gbk(&rows)].concat();
    let p = write(dir.path(), "gbku8.csv", &gbk_then_utf8);
    assert_refused(&p, ":101", "part-way");
    // A short GBK sheet with one UTF-8 row pasted in, early or late: the UTF-8 bytes are a
    // large part of what the encoding is guessed from, and must not make it windows-1252.
    let sheet = "序号,事项名称,事项编码,实施主体\n1,食品经营许可,330302001001,某县市场监督管理局\n\
                 2,药品零售许可,330302001002,某县市场监督管理局\n";
    let pasted = "3,医疗器械经营备案,330302001003,某县市场监督管理局\n";
    for (name, bytes, at) in [
        (
            "late.csv",
            [gbk(sheet), pasted.as_bytes().to_vec(), gbk(sheet)].concat(),
            ":4",
        ),
        (
            "early.csv",
            [
                gbk("序号,事项名称,事项编码,实施主体\n"),
                pasted.as_bytes().to_vec(),
                gbk(sheet),
            ]
            .concat(),
            ":2",
        ),
    ] {
        let p = write(dir.path(), name, &bytes);
        let out = assert_refused(&p, at, "part-way");
        assert!(
            out.stderr.contains("gb18030") && out.stderr.contains("this line is UTF-8"),
            "{name}: {}",
            out.stderr
        );
    }
}

#[test]
fn json_duplicate_key_is_refused_at_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "dup.json",
        "[{\"事项编码\": \"许可-1\", \"事项名称\": \"a\"},\n {\"事项编码\": \"许可-2\",\n  \"事项名称\": \"b\", \"事项名称\": \"c\"}]",
    );
    assert_refused(&p, ":3:", "appears twice");
}

/// Only regular files are read: a FIFO in a catalog folder and `--taxonomy /dev/zero` are
/// refused by name instead of blocking or reading for ever.
#[cfg(unix)]
#[test]
fn only_regular_files_are_read() {
    let dir = tempfile::tempdir().unwrap();
    small_catalog(dir.path());
    mkfifo(&dir.path().join("z.yaml"));
    let out = run(&["lint"], &[dir.path()], &[]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains("z.yaml") && out.stderr.contains("not a regular file"),
        "{}",
        out.stderr
    );
    let cat = dir.path().join("items.yaml");
    for opt in ["--taxonomy", "--config"] {
        let out = run(&["lint", opt, "/dev/zero"], &[&cat], &[]);
        assert_eq!(out.code, 2, "{opt}: {}", out.stderr);
        assert!(out.stderr.contains("/dev/zero"), "{}", out.stderr);
    }
}

/// A big taxonomy file is refused by the file-size limit like a catalog.
#[test]
fn file_size_limit_reaches_the_taxonomy() {
    let dir = tempfile::tempdir().unwrap();
    let cat = small_catalog(dir.path());
    let tax = write(dir.path(), "tax.yaml", format!("# {}\n", "x".repeat(2 << 20)));
    let out = run(
        &["lint", "--taxonomy", tax.to_str().unwrap()],
        &[&cat],
        &[("CATALOG_MAX_FILE_MB", "1")],
    );
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains("tax.yaml") && out.stderr.contains("too large"),
        "{}",
        out.stderr
    );
}

/// An ODS of one kilobyte whose repeats describe four tables of 100,000 x 100 cells.
#[test]
fn ods_repeats_are_counted_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let cell =
        |t: &str| format!("<table:table-cell office:value-type=\"string\"><text:p>{t}</text:p></table:table-cell>");
    let head = format!(
        "<table:table-row>{}{}</table:table-row><table:table-row>{}{}</table:table-row>",
        cell("事项编码"),
        cell("事项名称"),
        cell("许可-00001-001-01"),
        cell("食品经营许可")
    );
    let table = |name: &str, tail: &str| format!("<table:table table:name=\"{name}\">{head}{tail}</table:table>");
    let content = |tables: String| {
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.2\"><office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body></office:document-content>"
        )
    };
    let ods = |xml: String| {
        use std::io::Write;
        let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
        w.start_file("mimetype", stored).unwrap();
        w.write_all(b"application/vnd.oasis.opendocument.spreadsheet").unwrap();
        let deflated = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        w.start_file("META-INF/manifest.xml", deflated).unwrap();
        w.write_all(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?><manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.2\"><manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.spreadsheet\"/><manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/></manifest:manifest>").unwrap();
        w.start_file("content.xml", deflated).unwrap();
        w.write_all(xml.as_bytes()).unwrap();
        w.finish().unwrap().into_inner()
    };
    let bomb = "<table:table-row table:number-rows-repeated=\"100000\"><table:table-cell table:number-columns-repeated=\"100\" office:value-type=\"string\"><text:p>x</text:p></table:table-cell></table:table-row>";
    let bytes = ods(content((0..4).map(|i| table(&format!("T{i}"), bomb)).collect()));
    assert!(bytes.len() < 4096, "{}", bytes.len());
    let p = write(dir.path(), "bomb.ods", &bytes);
    assert_refused(&p, " › T0", "number-rows-repeated");
    // LibreOffice's empty runs to the edge of the sheet are nothing.
    let edge = "<table:table-row table:number-rows-repeated=\"1048574\"><table:table-cell table:number-columns-repeated=\"16384\"/></table:table-row>";
    let p = write(dir.path(), "edge.ods", ods(content(table("事项", edge))));
    assert!(read_with_name(&p, "食品经营许可"), "{}", lint(&p).stderr);
}

/// Sheets of a hand-made xlsx: (name, relationship type, part path, part XML).
fn xlsx_with(sheets: &[(&str, &str, &str, String)]) -> Vec<u8> {
    let rels: String = sheets
        .iter()
        .enumerate()
        .map(|(i, (_, typ, part, _))| {
            format!(
                "<Relationship Id=\"rId{}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/{typ}\" Target=\"{part}\"/>",
                i + 1
            )
        })
        .collect();
    let list: String = sheets
        .iter()
        .enumerate()
        .map(|(i, (name, ..))| format!("<sheet name=\"{name}\" sheetId=\"{}\" r:id=\"rId{}\"/>", i + 1, i + 1))
        .collect();
    let workbook = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>{list}</sheets></workbook>"
    );
    let wb_rels = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">{rels}</Relationships>"
    );
    let mut parts: Vec<(String, Vec<u8>)> = vec![
        ("[Content_Types].xml".into(), b"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>".to_vec()),
        ("_rels/.rels".into(), b"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>".to_vec()),
        ("xl/workbook.xml".into(), workbook.into_bytes()),
        ("xl/_rels/workbook.xml.rels".into(), wb_rels.into_bytes()),
    ];
    for (_, _, part, xml) in sheets {
        parts.push((format!("xl/{part}"), xml.clone().into_bytes()));
    }
    let refs: Vec<(&str, &[u8])> = parts.iter().map(|(n, b)| (n.as_str(), b.as_slice())).collect();
    zip_with(&refs)
}

fn worksheet(rows: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>{rows}</sheetData></worksheet>"
    )
}

const HEADER_AND_ITEM: &str = "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>事项编码</t></is></c><c r=\"B1\" t=\"inlineStr\"><is><t>事项名称</t></is></c></row><row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>许可-00001-001-01</t></is></c><c r=\"B2\" t=\"inlineStr\"><is><t>食品经营许可</t></is></c></row>";

/// One cell at XFD1048576 on each of three sheets: the used range is the whole sheet, and the
/// time must not grow with it.
#[test]
fn a_cell_at_the_last_address_ends_fast() {
    let dir = tempfile::tempdir().unwrap();
    let far = worksheet(&format!(
        "{HEADER_AND_ITEM}<row r=\"1048576\"><c r=\"XFD1048576\" t=\"inlineStr\"><is><t>x</t></is></c></row>"
    ));
    let formula = worksheet(&format!(
        "{HEADER_AND_ITEM}<row r=\"1048576\"><c r=\"XFD1048576\" t=\"str\"><f>1+1</f><v>x</v></c></row>"
    ));
    for (name, xml) in [("far.xlsx", far), ("far_formula.xlsx", formula)] {
        let sheets: Vec<(&str, &str, &str, String)> = ["S1", "S2", "S3"]
            .iter()
            .enumerate()
            .map(|(i, n)| {
                (
                    *n,
                    "worksheet",
                    ["worksheets/s1.xml", "worksheets/s2.xml", "worksheets/s3.xml"][i],
                    xml.clone(),
                )
            })
            .collect();
        let p = write(dir.path(), name, xlsx_with(&sheets));
        let out = lint(&p);
        assert!(out.code == 0 || out.code == 1, "{name}: {}", out.stderr);
        assert!(out.stdout.contains("食品经营许可"), "{name}");
    }
}

/// A chart sheet does not stop the workbook: its worksheets are read, the chart sheet noted.
#[test]
fn workbook_with_a_chart_sheet_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let chart = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><chartsheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetPr/><sheetViews><sheetView workbookViewId=\"0\"/></sheetViews></chartsheet>".to_string();
    let p = write(
        dir.path(),
        "chart.xlsx",
        xlsx_with(&[
            ("图表1", "chartsheet", "chartsheets/sheet1.xml", chart),
            ("事项", "worksheet", "worksheets/sheet1.xml", worksheet(HEADER_AND_ITEM)),
        ]),
    );
    let out = lint(&p);
    assert!(out.code == 0 || out.code == 1, "{}", out.stderr);
    assert!(read_with_name(&p, "食品经营许可"));
    let json: Value = serde_json::from_str(&out.stdout).unwrap();
    assert!(
        json["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["code"] == "F020" && d["message"].as_str().unwrap_or("").contains("chart sheet")),
        "{}",
        out.stdout
    );
}

/// `-o /dev/stdout >> log` appends to the log (the descriptor is written, not the name reopened).
#[test]
fn report_to_dev_stdout_keeps_an_appending_redirection() {
    let dir = tempfile::tempdir().unwrap();
    let cat = small_catalog(dir.path());
    let log = write(dir.path(), "ci.log", "earlier output\n");
    let file = std::fs::OpenOptions::new().append(true).open(&log).unwrap();
    let status = Command::new(env!("CARGO_BIN_EXE_catalog"))
        .args(["lint", "-f", "json", "-o", "/dev/stdout"])
        .arg(&cat)
        .stdout(file)
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(1));
    let text = std::fs::read_to_string(&log).unwrap();
    assert!(text.starts_with("earlier output\n{"), "{text}");
}

/// Three sheets, each with a cell in column XFD on 3,000 rows: each is under the cell limit of
/// one sheet, together they are three times over it (1.2 GB). The budget is the workbook's.
#[test]
fn the_cell_budget_is_the_workbooks() {
    let dir = tempfile::tempdir().unwrap();
    let mut wb = rust_xlsxwriter::Workbook::new();
    for name in ["许可", "处罚", "强制"] {
        let ws = wb.add_worksheet();
        ws.set_name(name).unwrap();
        for (c, h) in ["事项编码", "事项名称"].iter().enumerate() {
            ws.write_string(0, c as u16, *h).unwrap();
        }
        for r in 1..=3000 {
            ws.write_string(r, 0, "许可-00001-001-01").unwrap();
            ws.write_string(r, 16_383, "x").unwrap();
        }
    }
    let p = write(dir.path(), "three.xlsx", wb.save_to_buffer().unwrap());
    let out = lint(&p);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("sheets together"), "{}", out.stderr);
}

/// A damaged .xls: calamine panics on some (a file cut short inside its sector table), and one
/// with a cell record placed at column 40,000 made it ask for tens of GB (BIFF stops at column
/// 256; it builds every sheet as a dense grid). Both are refused as damaged, with exit 2, at once.
#[test]
fn damaged_xls_is_refused_not_a_crash_or_an_out_of_memory() {
    use std::io::{Seek, SeekFrom, Write};
    let dir = tempfile::tempdir().unwrap();
    let good = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/office/guide-7.xls")).unwrap();
    for cut in [609, 706, 52310] {
        let p = dir.path().join(format!("cut-{cut}.xls"));
        std::fs::write(&p, &good[..cut]).unwrap();
        let o = lint(&p);
        assert_eq!(o.code, 2, "{cut}: {}", o.stderr);
        assert!(o.stderr.contains(&format!("cut-{cut}.xls")), "{}", o.stderr);
    }
    // The first cell record of the first worksheet (after the second BOF) moved to column 40,000.
    let mut cf = cfb::CompoundFile::open(std::io::Cursor::new(good.clone())).unwrap();
    let mut stream = Vec::new();
    cf.open_stream("/Workbook").unwrap().read_to_end(&mut stream).unwrap();
    let (mut at, mut bofs) = (0, 0);
    let cell = loop {
        let kind = u16::from_le_bytes([stream[at], stream[at + 1]]);
        let len = usize::from(u16::from_le_bytes([stream[at + 2], stream[at + 3]]));
        bofs += usize::from(kind == 0x0809);
        if bofs == 2 && [0x00FD, 0x0203, 0x027E, 0x0201].contains(&kind) {
            break at + 4;
        }
        at += 4 + len;
    };
    stream[cell + 2..cell + 4].copy_from_slice(&40_000u16.to_le_bytes());
    let mut s = cf.open_stream("/Workbook").unwrap();
    s.seek(SeekFrom::Start(0)).unwrap();
    s.write_all(&stream).unwrap();
    drop(s);
    cf.flush().unwrap();
    let p = dir.path().join("wide.xls");
    std::fs::write(&p, cf.into_inner().into_inner()).unwrap();
    let o = lint(&p);
    assert_eq!(o.code, 2, "{}", o.stderr);
    assert!(
        o.stderr.contains("wide.xls") && o.stderr.contains("column 40001") && o.stderr.contains("damaged"),
        "{}",
        o.stderr
    );
}
