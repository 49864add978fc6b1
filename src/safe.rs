//! Safe outputs shared by every writer: spreadsheet cells that cannot run as formulas, file
//! names that cannot leave the output directory, and writes that never leave a half-written
//! file behind.

use crate::error::Error;
use std::borrow::Cow;
use std::io::Write;
use std::path::Path;

/// Text a spreadsheet would run as a formula (OWASP "CSV injection": a cell starting with
/// `=` `+` `-` `@`, a tab or a carriage return) gets a leading apostrophe, which Excel, WPS
/// and LibreOffice show as plain text. Everything else is returned unchanged (no copy).
///
/// Use it for every cell written from catalog text in xlsx and CSV exports; numbers written as
/// numbers need no treatment.
pub fn neutralize_formula(s: &str) -> Cow<'_, str> {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r' | '＝' | '＋' | '－' | '＠') => Cow::Owned(format!("'{s}")),
        _ => Cow::Borrowed(s),
    }
}

/// A file name made from catalog text (an item code or name) that stays one plain name in the
/// output directory: no separators, no `..`, no control or reserved characters, no Windows
/// device names, at most 100 characters. Chinese text is kept. Never empty.
pub fn safe_file_name(s: &str) -> String {
    let mut out: String = s
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
            c if c.is_control() => '_',
            c => c,
        })
        .take(100)
        .collect();
    // Leading dots would hide the file or climb (`..`); trailing dots and spaces are dropped by
    // Windows, which would make two names collide.
    let trimmed = out.trim_start_matches(['.', ' ']).trim_end_matches(['.', ' ']);
    out = trimmed.to_string();
    let stem = out.split('.').next().unwrap_or("").to_ascii_uppercase();
    let reserved = matches!(stem.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || (stem.len() == 4
            && (stem.starts_with("COM") || stem.starts_with("LPT"))
            && stem.as_bytes()[3].is_ascii_digit());
    if reserved {
        out.insert(0, '_');
    }
    if out.is_empty() {
        out.push('_');
    }
    out
}

/// Write `bytes` to `path` atomically: into a temporary file in the same directory, flushed to
/// disk, then renamed over `path`. A crash or an error midway leaves the old file (or nothing),
/// never a half-written one.
///
/// A symlink is written through (its target is replaced, the link stays), and an existing
/// file keeps its permissions.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    write_replacing(path, bytes, true)
}

/// [`write_atomic`] with the flush to disk optional: a site of thousands of pages needs only
/// that no reader ever sees a half-written page, not a disk sync per page.
pub fn write_replacing(path: &Path, bytes: &[u8], durable: bool) -> Result<(), Error> {
    replace_file(path, bytes, durable).map_err(|e| {
        Error::new(
            Some(path),
            None,
            format!("无法写入：{}", crate::error::os_zh(&e)),
            format!("cannot write: {e}"),
        )
    })
}

/// The write itself, for callers that word their own error.
pub fn replace_file(path: &Path, bytes: &[u8], durable: bool) -> std::io::Result<()> {
    let target = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".catalog-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    if durable {
        tmp.as_file().sync_all()?;
    }
    // A temporary file is private (0600); keep the mode of the file being replaced, and give a
    // new file the usual 0644.
    match std::fs::metadata(&target) {
        Ok(meta) => std::fs::set_permissions(tmp.path(), meta.permissions())?,
        #[cfg(unix)]
        Err(_) => {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(0o644))?
        }
        #[cfg(not(unix))]
        Err(_) => {}
    }
    tmp.persist(&target).map_err(|e| e.error)?;
    Ok(())
}

/// Text safe inside HTML, SVG and XML elements and quoted attributes.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_get_an_apostrophe() {
        for bad in [
            "=1+1",
            "+1",
            "-1",
            "@SUM(A1)",
            "\t=1",
            "\r=1",
            "=HYPERLINK(\"http://x\",\"点我\")",
            "＝1",
        ] {
            assert_eq!(neutralize_formula(bad), format!("'{bad}"), "{bad:?}");
        }
        for ok in ["营业执照", "", "1", "a=b", " 前导空格", "'已转义"] {
            assert!(matches!(neutralize_formula(ok), Cow::Borrowed(s) if s == ok), "{ok:?}");
        }
    }

    #[test]
    fn file_names_stay_in_the_directory() {
        assert_eq!(safe_file_name("../../etc/passwd"), "_.._etc_passwd");
        assert_eq!(safe_file_name(".."), "_");
        assert_eq!(safe_file_name(""), "_");
        assert_eq!(safe_file_name("许可-00977-001-01"), "许可-00977-001-01");
        assert_eq!(safe_file_name("a\\b:c\0d"), "a_b_c_d");
        assert_eq!(safe_file_name("CON"), "_CON");
        assert_eq!(safe_file_name("com1.txt"), "_com1.txt");
        assert_eq!(safe_file_name(".hidden"), "hidden");
        assert_eq!(safe_file_name(&"长".repeat(300)).chars().count(), 100);
        for s in ["../x", "/abs", "a/../../b", "...", "C:\\win"] {
            let n = safe_file_name(s);
            let p = Path::new(&n);
            assert!(
                p.components().count() == 1 && matches!(p.components().next(), Some(std::path::Component::Normal(_))),
                "{s:?} -> {n:?}"
            );
        }
    }

    #[test]
    fn atomic_write_replaces_whole_files() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("out.xlsx");
        write_atomic(&p, b"first").unwrap();
        write_atomic(&p, b"second").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"second");
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "no temporary files left behind");
    }

    #[cfg(unix)]
    #[test]
    fn atomic_write_through_a_symlink_keeps_link_and_mode() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("t.json");
        std::fs::write(&target, b"old").unwrap();
        std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o600)).unwrap();
        let link = dir.path().join("link.json");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        write_atomic(&link, b"new").unwrap();
        assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
        assert_eq!(std::fs::read(&target).unwrap(), b"new");
        assert_eq!(std::fs::metadata(&target).unwrap().permissions().mode() & 0o777, 0o600);
    }

    #[test]
    fn atomic_write_failure_keeps_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("missing-dir").join("out.csv");
        assert!(write_atomic(&p, b"x").is_err());
        assert!(!p.exists());
    }
}
