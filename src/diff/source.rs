//! Where a side of a comparison comes from: a file, a directory, or a git revision written
//! `REV:path` (the files are read with `git ls-tree`/`git show` into a temporary directory, so
//! every loader works unchanged and nothing in the working tree is touched).

use crate::error::Error;
use crate::load::{self, LoadOptions};
use crate::model::Catalog;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A side of the comparison as the user wrote it.
pub fn load(spec: &str, opts: &LoadOptions) -> Result<Catalog, Error> {
    resolve(spec)?.load(opts)
}

/// Where a side's files are: the path itself, or a temporary copy of a git revision's files.
pub struct Side {
    /// The file or directory to read.
    pub root: PathBuf,
    /// For `REV:path`: the revision and the temporary directory its files were written to.
    rev: Option<(String, tempfile::TempDir)>,
}

/// A side as the user wrote it: a path, or `REV:path` (whose files are written to a temporary
/// directory that lives as long as the [`Side`]).
pub fn resolve(spec: &str) -> Result<Side, Error> {
    let path = Path::new(spec);
    if !path.exists()
        && let Some((rev, sub)) = split_rev(spec)
    {
        return checkout(spec, rev, sub);
    }
    Ok(Side {
        root: path.to_path_buf(),
        rev: None,
    })
}

impl Side {
    /// Every file of the side, read whole.
    pub fn load(&self, opts: &LoadOptions) -> Result<Catalog, Error> {
        let cat = load::load_paths(std::slice::from_ref(&self.root), opts).map_err(|e| self.name_error(e))?;
        Ok(self.name_sources(cat))
    }

    /// Errors name `REV:path/file.yaml`, not the temporary directory.
    pub fn name_error(&self, e: Error) -> Error {
        match &self.rev {
            Some((rev, dir)) => rename_files(e, &dir.path().to_string_lossy(), rev),
            None => e,
        }
    }

    /// The report shows `REV:path/file.yaml`, not the temporary directory.
    pub fn name_sources(&self, mut cat: Catalog) -> Catalog {
        if let Some((rev, dir)) = &self.rev {
            let prefix = dir.path().to_string_lossy().to_string();
            for s in &mut cat.sources {
                let full = s.path.to_string_lossy().to_string();
                if let Some(rest) = full.strip_prefix(&prefix) {
                    s.display = format!("{rev}:{}", rest.trim_start_matches(['/', '\\']));
                }
            }
        }
        cat
    }
}

/// `HEAD~1:catalogs` → (`HEAD~1`, `catalogs`); a Windows drive letter is not a revision.
fn split_rev(spec: &str) -> Option<(&str, &str)> {
    let (rev, sub) = spec.split_once(':')?;
    if rev.is_empty() || (rev.len() == 1 && sub.starts_with(['\\', '/'])) {
        return None;
    }
    Some((rev, sub))
}

fn git(args: &[&str], spec: &str) -> Result<Vec<u8>, Error> {
    let out = Command::new("git").args(args).output().map_err(|e| {
        Error::plain(
            Some(Path::new(spec)),
            format!("无法运行 git：{}", crate::error::os_zh(&e)),
            format!("cannot run git: {e}"),
        )
    })?;
    if !out.status.success() {
        let why = String::from_utf8_lossy(&out.stderr).trim().to_string();
        return Err(Error::plain(
            Some(Path::new(spec)),
            format!("无法从 git 读取 {spec}：{why}"),
            format!("cannot read {spec} from git: {why}"),
        ));
    }
    Ok(out.stdout)
}

fn checkout(spec: &str, rev: &str, sub: &str) -> Result<Side, Error> {
    let commit = format!("{rev}^{{commit}}");
    git(&["rev-parse", "--verify", "--quiet", &commit], spec)?;
    // Paths in `REV:path` are relative to the repository root unless they start with ./
    let sub = sub.trim_end_matches('/');
    let tree = if sub.is_empty() {
        ".".to_string()
    } else {
        sub.to_string()
    };
    let listing = git(
        &["ls-tree", "-r", "-z", "--full-name", "--name-only", rev, "--", &tree],
        spec,
    )?;
    let dir = tempfile::tempdir().map_err(|e| Error::io(Path::new(spec), &e))?;
    let mut any = false;
    // Every file of the tree, not just catalogs: sample files and other formats come along.
    for name in listing.split(|b| *b == 0).filter(|n| !n.is_empty()) {
        let name = String::from_utf8_lossy(name).to_string();
        // A crafted repository could list `../x`: never write outside the temporary directory.
        if !Path::new(&name)
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_)))
        {
            continue;
        }
        let bytes = git(&["show", &format!("{rev}:{name}")], spec)?;
        let target = dir.path().join(&name);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, &e))?;
        }
        std::fs::write(&target, bytes).map_err(|e| Error::io(&target, &e))?;
        any = true;
    }
    if !any {
        return Err(Error::plain(
            Some(Path::new(spec)),
            format!("在 {spec} 中没有找到文件"),
            format!("no files found in {spec}"),
        ));
    }
    let root: PathBuf = dir.path().join(sub.trim_start_matches("./"));
    let root = if root.exists() { root } else { dir.path().to_path_buf() };
    Ok(Side {
        root,
        rev: Some((rev.to_string(), dir)),
    })
}

fn rename_files(mut e: Error, prefix: &str, rev: &str) -> Error {
    if let Some(f) = &e.file
        && let Some(rest) = f.to_string_lossy().strip_prefix(prefix)
    {
        e.file = Some(PathBuf::from(format!("{rev}:{}", rest.trim_start_matches(['/', '\\']))));
    }
    e.more = e.more.into_iter().map(|m| rename_files(m, prefix, rev)).collect();
    e
}
