//! Output paths that cannot escape the site directory: file names come from a sanitized code
//! or an index, never from raw catalog text, and every write is checked against the root.

use crate::error::Error;
use std::path::{Component, Path, PathBuf};

/// The ASCII letters, digits, `-` and `_` of `s`, at most `max` of them; other characters
/// (Chinese, dots, slashes) are dropped so `../` or `许可/x` can never form a path.
pub fn slug(s: &str, max: usize) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if out.len() >= max {
            break;
        }
        let sep = (c == '-' || c == '_') && !out.is_empty() && !out.ends_with(['-', '_']);
        if c.is_ascii_alphanumeric() || sep {
            out.push(c);
        }
    }
    out.trim_end_matches(['-', '_']).to_string()
}

/// `items/12-00536-001-01.html` for item 12 with code `许可-00536-001-01`.
pub fn item_file(index: usize, code: Option<&str>) -> String {
    let s = code.map(|c| slug(c, 40)).unwrap_or_default();
    if s.is_empty() {
        format!("items/{index}.html")
    } else {
        format!("items/{index}-{s}.html")
    }
}

/// A copied sample's name: an index plus the original file name with only letters (any
/// script), digits, `-`, `_` and one extension kept.
pub fn sample_file(index: usize, original: &Path) -> String {
    let stem = original.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let ext = original
        .extension()
        .and_then(|s| s.to_str())
        .map(|e| slug(e, 8).to_ascii_lowercase())
        .unwrap_or_default();
    let clean: String = stem
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == '-' || *c == '_')
        .take(60)
        .collect();
    let base = if clean.is_empty() {
        format!("{index}")
    } else {
        format!("{index}-{clean}")
    };
    if ext.is_empty() {
        format!("files/{base}")
    } else {
        format!("files/{base}.{ext}")
    }
}

/// The site directory; every write goes through it.
pub struct OutDir {
    root: PathBuf,
    /// Created by us just now: nothing in it can be a planted symlink, so writes skip the check.
    fresh: bool,
    /// Every file written this run, so pages of items since removed can be deleted at the end.
    written: std::sync::Mutex<std::collections::HashSet<String>>,
}

impl OutDir {
    pub fn create(root: &Path) -> Result<OutDir, Error> {
        let fresh = !root.exists();
        std::fs::create_dir_all(root).map_err(|e| {
            Error::plain(
                Some(root),
                format!("无法创建输出目录：{}", crate::error::os_zh(&e)),
                format!("cannot create the output directory: {e}"),
            )
        })?;
        let root = root.canonicalize().map_err(|e| Error::io(root, &e))?;
        Ok(OutDir {
            root,
            fresh,
            written: Default::default(),
        })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The absolute path of `rel`, refused unless it is a plain relative path below the root.
    pub fn path(&self, rel: &str) -> Result<PathBuf, Error> {
        let p = Path::new(rel);
        let plain = !rel.is_empty() && p.components().all(|c| matches!(c, Component::Normal(_)));
        if !plain {
            return Err(Error::plain(
                Some(&self.root),
                format!("拒绝写出站点目录之外的文件：{rel}"),
                format!("refusing to write outside the site directory: {rel}"),
            ));
        }
        Ok(self.root.join(p))
    }

    /// Create the site's subdirectories; a symlink planted in their place is removed first so
    /// pages cannot land outside the root through it.
    pub fn prepare_dirs(&self, dirs: &[&str]) -> Result<(), Error> {
        for d in dirs {
            let path = self.path(d)?;
            if let Ok(meta) = std::fs::symlink_metadata(&path)
                && meta.file_type().is_symlink()
            {
                std::fs::remove_file(&path).map_err(|e| Error::io(&path, &e))?;
            }
            std::fs::create_dir_all(&path).map_err(|e| Error::io(&path, &e))?;
        }
        Ok(())
    }

    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), Error> {
        let path = self.path(rel)?;
        // A symlink planted in an existing output directory must not redirect the write.
        if !self.fresh
            && let Ok(meta) = std::fs::symlink_metadata(&path)
            && meta.file_type().is_symlink()
        {
            std::fs::remove_file(&path).map_err(|e| Error::io(&path, &e))?;
        }
        // Write first and create the directory only when missing: one syscall per page, not three.
        // Through a temporary file and a rename: a reader never sees a half-written page.
        if let Some(dir) = path.parent()
            && !dir.is_dir()
        {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, &e))?;
        }
        crate::safe::write_replacing(&path, bytes, false)?;
        if !self.fresh
            && let Ok(mut w) = self.written.lock()
        {
            w.insert(rel.to_string());
        }
        Ok(())
    }

    /// Delete the files directly in the site's own directories `dirs` that this run did not
    /// write: the pages of items, groups and 一件事 since removed, samples no longer cited. Files
    /// elsewhere in the output directory, and subdirectories, are left alone. Returns how many.
    pub fn remove_stale(&self, dirs: &[&str]) -> Result<usize, Error> {
        if self.fresh {
            return Ok(0);
        }
        let written = self.written.lock().map(|w| w.clone()).unwrap_or_default();
        let mut removed = 0;
        for d in dirs {
            let dir = self.path(d)?;
            let Ok(entries) = std::fs::read_dir(&dir) else { continue };
            for entry in entries.flatten() {
                let Ok(kind) = entry.file_type() else { continue };
                if kind.is_dir() {
                    continue;
                }
                let rel = format!("{d}/{}", entry.file_name().to_string_lossy());
                if !written.contains(&rel) {
                    std::fs::remove_file(entry.path()).map_err(|e| Error::io(&entry.path(), &e))?;
                    removed += 1;
                }
            }
        }
        Ok(removed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_drop_path_characters() {
        assert_eq!(slug("许可-00536-001-01", 40), "00536-001-01");
        assert_eq!(slug("../../etc/passwd", 40), "etcpasswd");
        assert_eq!(item_file(3, Some("../../x")), "items/3-x.html");
        assert_eq!(item_file(4, Some("许可")), "items/4.html");
        assert_eq!(
            sample_file(1, Path::new("samples/申请书-样表.PDF")),
            "files/1-申请书-样表.pdf"
        );
        assert_eq!(sample_file(2, Path::new("../a b/../.x")), "files/2-x");
    }

    #[test]
    fn refuses_escape() {
        let dir = tempfile::tempdir().unwrap();
        let out = OutDir::create(dir.path()).unwrap();
        assert!(out.path("../x.html").is_err());
        assert!(out.path("/etc/x").is_err());
        assert!(out.path("items/../../x").is_err());
        assert!(out.path("items/1.html").is_ok());
    }

    #[test]
    fn republishing_removes_what_it_no_longer_writes() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("items")).unwrap();
        std::fs::write(dir.path().join("items/9-old.html"), "old").unwrap();
        std::fs::write(dir.path().join("notes.txt"), "mine").unwrap();
        let out = OutDir::create(dir.path()).unwrap();
        out.write("items/1-new.html", b"new").unwrap();
        assert_eq!(out.remove_stale(&["items", "groups"]).unwrap(), 1);
        assert!(!dir.path().join("items/9-old.html").exists());
        assert!(dir.path().join("items/1-new.html").is_file());
        assert!(dir.path().join("notes.txt").is_file());
    }

    #[cfg(unix)]
    #[test]
    fn planted_symlink_is_replaced_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim.txt");
        std::fs::write(&victim, "keep").unwrap();
        let site = dir.path().join("site");
        std::fs::create_dir(&site).unwrap();
        std::os::unix::fs::symlink(&victim, site.join("index.html")).unwrap();
        let out = OutDir::create(&site).unwrap();
        out.write("index.html", b"page").unwrap();
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep");
        assert_eq!(std::fs::read_to_string(site.join("index.html")).unwrap(), "page");
    }
}
