//! Rule pages live beside the rule's code, as the doc comment of its struct (ruff's way).
//! This script collects them into `$OUT_DIR/rule_docs.rs` so `catalog explain` can print them.

use std::fs;
use std::path::{Path, PathBuf};

fn main() {
    let mut files = Vec::new();
    walk(Path::new("src/rules"), &mut files);
    files.sort();
    let mut pages: Vec<(String, String, String)> = Vec::new();
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
        let text = fs::read_to_string(f).expect("read rule source");
        let mut doc: Vec<String> = Vec::new();
        for line in text.lines() {
            let t = line.trim_start();
            if let Some(rest) = t.strip_prefix("///") {
                doc.push(rest.strip_prefix(' ').unwrap_or(rest).to_string());
            } else if t.starts_with("#[") {
                continue;
            } else if let Some(rest) = t.strip_prefix("pub struct ") {
                let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                if !doc.is_empty() {
                    let (zh, en) = split(&doc);
                    if pages.iter().any(|(n, _, _)| *n == name) {
                        panic!("two rule structs named {name}: rule struct names must be unique");
                    }
                    pages.push((name, zh, en));
                }
                doc.clear();
            } else {
                doc.clear();
            }
        }
    }
    let mut out = String::from("pub static PAGES: &[(&str, &str, &str)] = &[\n");
    for (n, zh, en) in &pages {
        out.push_str(&format!("    ({n:?}, {zh:?}, {en:?}),\n"));
    }
    out.push_str("];\n");
    let dest = PathBuf::from(std::env::var("OUT_DIR").expect("OUT_DIR")).join("rule_docs.rs");
    fs::write(dest, out).expect("write rule_docs.rs");
    println!("cargo:rerun-if-changed=src/rules");
}

/// Chinese page, then a line `---` outside code fences, then the English page.
fn split(doc: &[String]) -> (String, String) {
    let mut fence = false;
    for (i, l) in doc.iter().enumerate() {
        if l.trim_start().starts_with("```") {
            fence = !fence;
        }
        if !fence && l.trim() == "---" {
            return (
                doc[..i].join("\n").trim().to_string(),
                doc[i + 1..].join("\n").trim().to_string(),
            );
        }
    }
    let all = doc.join("\n").trim().to_string();
    (all.clone(), all)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = fs::read_dir(dir) else { return };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            walk(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}
