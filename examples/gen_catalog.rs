//! Generates realistic catalogs of any size in the contract format, for benchmarks and tests.
//!
//! ```text
//! cargo run --release --example gen_catalog -- --items 10000 --out /tmp/big.yaml
//! cargo run --release --example gen_catalog -- --items 1000000 --files 100 --out /tmp/big/   # a directory
//! cargo run --release --example gen_catalog -- --items 200 --defects 20 --defects-out /tmp/planted.json --out /tmp/d.yaml
//! cargo run --release --example gen_catalog -- --items 100000 --change-percent 5 --changes-out /tmp/changes.json --out /tmp/v2.yaml
//! ```
//!
//! Same `--seed` and `--items` give the same catalog; `--change-percent` derives the next version
//! of that catalog (items removed, changed and added) and records which codes changed.
//! `--defects P` plants template/taxonomy defects in P% of the items and records each one
//! (item code, rule code, line) so tests can check every planted defect is reported there.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::PathBuf;

#[path = "support/generator.rs"]
mod generator;
use generator::{Options, generate, write_samples};

struct Args {
    items: usize,
    seed: u64,
    out: PathBuf,
    files: usize,
    change_percent: usize,
    changes_out: Option<PathBuf>,
    defects: usize,
    defects_out: Option<PathBuf>,
}

fn parse_args() -> Args {
    let mut a = Args {
        items: 1000,
        seed: 42,
        out: PathBuf::from("catalog.yaml"),
        files: 1,
        change_percent: 0,
        changes_out: None,
        defects: 0,
        defects_out: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(k) = it.next() {
        let mut v = || it.next().unwrap_or_else(|| usage(&format!("{k} needs a value")));
        match k.as_str() {
            "--items" => a.items = v().parse().unwrap_or_else(|_| usage("--items N")),
            "--seed" => a.seed = v().parse().unwrap_or_else(|_| usage("--seed N")),
            "--out" => a.out = PathBuf::from(v()),
            "--files" => a.files = v().parse().unwrap_or_else(|_| usage("--files N")),
            "--change-percent" => a.change_percent = v().parse().unwrap_or_else(|_| usage("--change-percent P")),
            "--changes-out" => a.changes_out = Some(PathBuf::from(v())),
            "--defects" => a.defects = v().parse().unwrap_or_else(|_| usage("--defects P")),
            "--defects-out" => a.defects_out = Some(PathBuf::from(v())),
            _ => usage(&format!("unknown argument {k}")),
        }
    }
    a.files = a.files.max(1);
    a
}

fn usage(msg: &str) -> ! {
    eprintln!(
        "gen_catalog: {msg}\nusage: gen_catalog --items N [--seed S] --out FILE|DIR [--files K] [--change-percent P --changes-out FILE] [--defects P --defects-out FILE]"
    );
    std::process::exit(2)
}

fn main() {
    let a = parse_args();
    if a.files > 1 {
        std::fs::create_dir_all(&a.out).unwrap_or_else(|e| usage(&format!("cannot create {}: {e}", a.out.display())));
    }
    let dir = if a.files > 1 {
        a.out.as_path()
    } else {
        a.out.parent().unwrap_or(std::path::Path::new("."))
    };
    write_samples(dir);
    let opts = Options {
        items: a.items,
        seed: a.seed,
        files: a.files,
        change_percent: a.change_percent,
        defects: a.defects,
    };
    let out = generate(&opts);
    for (name, text) in &out.files {
        let path = if name.is_empty() {
            a.out.clone()
        } else {
            a.out.join(name)
        };
        std::fs::write(&path, text).unwrap_or_else(|e| usage(&format!("cannot write {}: {e}", path.display())));
    }
    if let Some(p) = &a.changes_out {
        let mut o = String::from("[\n");
        for (n, (c, k)) in out.changes.iter().enumerate() {
            let _ = writeln!(
                o,
                "  {{\"code\": \"{c}\", \"change\": \"{k}\"}}{}",
                if n + 1 < out.changes.len() { "," } else { "" }
            );
        }
        o.push_str("]\n");
        std::fs::write(p, o).unwrap_or_else(|e| usage(&format!("cannot write {}: {e}", p.display())));
    }
    if let Some(p) = &a.defects_out {
        let mut o = String::from("[\n");
        for (n, d) in out.planted.iter().enumerate() {
            let _ = writeln!(
                o,
                "  {{\"item\": \"{}\", \"rule\": \"{}\", \"line\": {}, \"file\": \"{}\"}}{}",
                d.code,
                d.rule,
                d.line,
                if d.file.is_empty() {
                    a.out.display().to_string()
                } else {
                    a.out.join(&d.file).display().to_string()
                },
                if n + 1 < out.planted.len() { "," } else { "" }
            );
        }
        o.push_str("]\n");
        std::fs::write(p, o).unwrap_or_else(|e| usage(&format!("cannot write {}: {e}", p.display())));
    }
    let _ = writeln!(
        std::io::stderr(),
        "gen_catalog: wrote {} items to {}",
        out.items,
        a.out.display()
    );
}
