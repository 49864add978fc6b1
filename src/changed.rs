//! `catalog lint --changed-since REV`: which lines of the catalog files changed since a git
//! revision, so a merge-request job reports only findings on items it touched.
//!
//! The whole catalog is still linted (cross-item rules need every item); this module only
//! decides which findings to show. Changes are taken from `git diff --unified=0 REV` (the
//! working tree against REV, so uncommitted edits count too). A file that did not exist at REV
//! is new as a whole, and so is a binary file (a workbook) that changed.

use crate::diag::Diagnostic;
use crate::error::Error;
use crate::model::{Catalog, Pos};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// How one file changed since the revision.
#[derive(Clone, Debug, PartialEq)]
pub enum FileChange {
    /// Added since REV (or binary and changed): everything in it counts as changed.
    Whole,
    /// Changed lines of the new version, as inclusive ranges.
    Lines(Vec<(u32, u32)>),
}

impl FileChange {
    fn touches(&self, first: u32, last: u32) -> bool {
        match self {
            FileChange::Whole => true,
            FileChange::Lines(r) => r.iter().any(|&(a, b)| a <= last && first <= b),
        }
    }
}

/// Changes per catalog source (index into `Catalog::sources`); unchanged files are absent.
#[derive(Debug, Default)]
pub struct Changes {
    pub files: HashMap<u32, FileChange>,
}

fn git(dir: &Path, args: &[&str]) -> Result<std::process::Output, Error> {
    Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["-c", "core.quotepath=off"])
        .args(args)
        .output()
        .map_err(|e| {
            Error::new(
                None,
                None,
                format!("--changed-since 需要 git，但无法运行 git：{}", crate::error::os_zh(&e)),
                format!("--changed-since needs git, which could not be run: {e}"),
            )
        })
}

/// Find what changed in the catalog's files since `rev`.
pub fn since(rev: &str, cat: &Catalog) -> Result<Changes, Error> {
    let first = cat
        .sources
        .first()
        .map(|s| s.path.clone())
        .unwrap_or_else(|| PathBuf::from("."));
    let start = std::fs::canonicalize(&first).unwrap_or(first);
    let dir = if start.is_dir() {
        start
    } else {
        start
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."))
    };
    let top = git(&dir, &["rev-parse", "--show-toplevel"])?;
    if !top.status.success() {
        return Err(Error::new(
            Some(&dir),
            None,
            "--changed-since：清单不在 git 仓库中".to_string(),
            "--changed-since: the catalog is not in a git repository".to_string(),
        ));
    }
    let top = PathBuf::from(String::from_utf8_lossy(&top.stdout).trim());
    let top = std::fs::canonicalize(&top).unwrap_or(top);
    let verify = git(
        &top,
        &["rev-parse", "--verify", "--quiet", &format!("{rev}^{{commit}}")],
    )?;
    if !verify.status.success() {
        return Err(Error::new(
            None,
            None,
            format!("--changed-since：找不到 git 版本 “{rev}”（浅克隆时请先 git fetch 该版本）"),
            format!("--changed-since: unknown git revision '{rev}' (in a shallow clone, fetch it first)"),
        ));
    }
    let commit = String::from_utf8_lossy(&verify.stdout).trim().to_string();

    // Repository-relative path of every source file.
    let mut rel: Vec<(u32, String)> = Vec::new();
    for (i, s) in cat.sources.iter().enumerate() {
        let abs = std::fs::canonicalize(&s.path).unwrap_or_else(|_| s.path.clone());
        if let Ok(r) = abs.strip_prefix(&top) {
            rel.push((i as u32, r.to_string_lossy().replace('\\', "/")));
        }
        // A file outside the repository has no history: it is not a change of this repository.
    }
    let mut args: Vec<&str> = vec![
        "diff",
        "--unified=0",
        "--no-color",
        "--no-ext-diff",
        "--no-renames",
        &commit,
        "--",
    ];
    args.extend(rel.iter().map(|(_, p)| p.as_str()));
    let diff = git(&top, &args)?;
    if !diff.status.success() {
        return Err(Error::new(
            None,
            None,
            format!("git diff 失败：{}", String::from_utf8_lossy(&diff.stderr).trim()),
            format!("git diff failed: {}", String::from_utf8_lossy(&diff.stderr).trim()),
        ));
    }
    let by_path = parse_diff(&String::from_utf8_lossy(&diff.stdout));

    // Which of the files existed at REV: one `git ls-tree` for all of them.
    let mut args: Vec<&str> = vec!["ls-tree", "-r", "-z", "--name-only", &commit, "--"];
    args.extend(rel.iter().map(|(_, p)| p.as_str()));
    let tree = git(&top, &args)?;
    let tree = String::from_utf8_lossy(&tree.stdout);
    let existed: std::collections::HashSet<&str> = tree.split('\0').filter(|s| !s.is_empty()).collect();

    let mut changes = Changes::default();
    for (i, path) in &rel {
        if !existed.contains(path.as_str()) {
            changes.files.insert(*i, FileChange::Whole);
        } else if let Some(c) = by_path.get(path) {
            changes.files.insert(*i, c.clone());
        }
    }
    Ok(changes)
}

/// Changed line ranges of the new side of a `git diff --unified=0`, by new path.
pub fn parse_diff(text: &str) -> HashMap<String, FileChange> {
    let mut out: HashMap<String, FileChange> = HashMap::new();
    let mut current: Option<String> = None;
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix("diff --git ") {
            // `a/X b/X`; the +++ line below names the new path exactly, this is a fallback.
            current = rest.rsplit_once(" b/").map(|(_, p)| p.to_string());
        } else if let Some(p) = line.strip_prefix("+++ ") {
            if let Some(p) = p.strip_prefix("b/") {
                current = Some(p.trim_end_matches('\t').to_string());
            }
        } else if line.starts_with("Binary files ") {
            if let Some(p) = &current {
                out.insert(p.clone(), FileChange::Whole);
            }
        } else if let Some(h) = line.strip_prefix("@@ ") {
            let Some(p) = &current else { continue };
            let Some(plus) = h.split_whitespace().find(|t| t.starts_with('+')) else {
                continue;
            };
            let (start, count) = match plus[1..].split_once(',') {
                Some((s, c)) => (s.parse::<u32>().unwrap_or(0), c.parse::<u32>().unwrap_or(1)),
                None => (plus[1..].parse::<u32>().unwrap_or(0), 1),
            };
            // Pure deletion (count 0): the lines around the gap belong to the changed place.
            let range = if count == 0 {
                (start.max(1), start + 1)
            } else {
                (start, start + count - 1)
            };
            match out.entry(p.clone()).or_insert_with(|| FileChange::Lines(Vec::new())) {
                FileChange::Lines(v) => v.push(range),
                FileChange::Whole => {}
            }
        }
    }
    out
}

/// Keep the findings on changed items, and item-less findings on changed lines.
pub fn filter(cat: &Catalog, diags: Vec<Diagnostic>, changes: &Changes) -> Vec<Diagnostic> {
    diags
        .into_iter()
        .filter(|d| {
            if let Some(item) = d.item.and_then(|i| cat.items.get(i)) {
                let Some(c) = changes.files.get(&item.loc.file) else {
                    return false;
                };
                let first = item.loc.line().unwrap_or(1);
                return c.touches(first, item.end_line.max(first));
            }
            let Some(c) = changes.files.get(&d.loc.file) else {
                return false;
            };
            match d.loc.pos {
                Pos::None => true,
                _ => {
                    let l = d.loc.line().unwrap_or(1);
                    c.touches(l, l)
                }
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_hunks_of_new_side() {
        let d = "diff --git a/c/a.yaml b/c/a.yaml\nindex 1..2 100644\n--- a/c/a.yaml\n+++ b/c/a.yaml\n\
                 @@ -3 +3 @@ x\n-a\n+b\n@@ -10,0 +11,2 @@\n+c\n+d\n@@ -20,2 +21,0 @@\n-e\n-f\n\
                 diff --git a/b.xlsx b/b.xlsx\nBinary files a/b.xlsx and b/b.xlsx differ\n";
        let m = parse_diff(d);
        assert_eq!(m["c/a.yaml"], FileChange::Lines(vec![(3, 3), (11, 12), (21, 22)]));
        assert_eq!(m["b.xlsx"], FileChange::Whole);
    }

    #[test]
    fn ranges_touch_items() {
        let c = FileChange::Lines(vec![(11, 12)]);
        assert!(c.touches(5, 11));
        assert!(!c.touches(13, 20));
        assert!(!c.touches(1, 10));
    }
}
