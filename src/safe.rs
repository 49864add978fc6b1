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
    // Text that already starts with apostrophes before a formula character gets one more, so
    // that [`restore_formula`] gives back exactly what was written.
    if starts_formula(s.trim_start_matches('\'')) {
        Cow::Owned(format!("'{s}"))
    } else {
        Cow::Borrowed(s)
    }
}

/// The text [`neutralize_formula`] was given, from the cell it wrote: one leading apostrophe
/// before (further apostrophes and) a formula character is dropped; anything else is returned
/// as it is. The CSV reader applies it, so `convert` CSV → CSV and YAML → CSV → YAML round trip.
pub fn restore_formula(s: &str) -> &str {
    match s.strip_prefix('\'') {
        Some(rest) if starts_formula(rest.trim_start_matches('\'')) => rest,
        _ => s,
    }
}

fn starts_formula(s: &str) -> bool {
    matches!(
        s.chars().next(),
        Some('=' | '+' | '-' | '@' | '\t' | '\r' | '＝' | '＋' | '－' | '＠')
    )
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
/// file keeps its permissions. What a rename would destroy is written in place instead (see
/// [`replace_file`]): a device (`-o /dev/null`), a FIFO or pipe (`-o /dev/stdout | cat`), and
/// a file with several hard links.
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

/// How a target is written.
#[derive(Debug, PartialEq, Eq)]
enum Target {
    /// A regular file (or none yet): a temporary file renamed over it.
    Replace(std::path::PathBuf),
    /// Opened and written where it is: renaming over it would replace a device, a pipe, or
    /// one name of a hard-linked file with a regular file of its own.
    InPlace { regular: bool },
}

/// What writing to `path` must do, after following symlinks.
fn target_of(path: &Path) -> std::io::Result<Target> {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            // A dangling symlink names the file to create; write that file, keep the link.
            let target = match std::fs::read_link(path) {
                Ok(t) if t.is_relative() => path.parent().unwrap_or(Path::new("")).join(t),
                Ok(t) => t,
                Err(_) => path.to_path_buf(),
            };
            return Ok(Target::Replace(target));
        }
        Err(e) => return Err(e),
    };
    if meta.is_dir() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::IsADirectory,
            "是目录 / is a directory",
        ));
    }
    if !meta.is_file() {
        return Ok(Target::InPlace { regular: false });
    }
    // `/dev/stdout`, `/dev/fd/N`, `/proc/self/fd/N` name an open descriptor (a shell
    // redirection): the file behind it is written through the name, never renamed over.
    let via_descriptor = path.starts_with("/dev") || path.starts_with("/proc");
    if via_descriptor || hard_links(&meta) > 1 {
        return Ok(Target::InPlace { regular: true });
    }
    Ok(Target::Replace(std::fs::canonicalize(path)?))
}

#[cfg(unix)]
fn hard_links(meta: &std::fs::Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::nlink(meta)
}

#[cfg(not(unix))]
fn hard_links(_: &std::fs::Metadata) -> u64 {
    1
}

/// The write itself, for callers that word their own error.
pub fn replace_file(path: &Path, bytes: &[u8], durable: bool) -> std::io::Result<()> {
    // This process's own output by name: written to the descriptor it has, which keeps a shell's
    // `>>` appending (opening the name again would start at the file's first byte).
    match path.to_str() {
        Some("/dev/stdout" | "/dev/fd/1" | "/proc/self/fd/1") => {
            let mut out = std::io::stdout().lock();
            return out.write_all(bytes).and_then(|()| out.flush());
        }
        Some("/dev/stderr" | "/dev/fd/2" | "/proc/self/fd/2") => return std::io::stderr().lock().write_all(bytes),
        _ => {}
    }
    let target = match target_of(path)? {
        Target::InPlace { regular } => return write_in_place(path, bytes, regular, durable),
        Target::Replace(t) => t,
    };
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

/// How long a write to a FIFO waits for a reader before it gives up.
const FIFO_WAIT: std::time::Duration = std::time::Duration::from_secs(5);

/// Write into the file `path` names without replacing it. A regular file is truncated first; a
/// device or pipe is written as it is. A FIFO without a reader would block for ever, so it is
/// opened without blocking, retried for [`FIFO_WAIT`], then refused.
fn write_in_place(path: &Path, bytes: &[u8], regular: bool, durable: bool) -> std::io::Result<()> {
    let mut file = open_for_writing(path, regular)?;
    file.write_all(bytes)?;
    if regular && durable {
        file.sync_all()?;
    }
    Ok(())
}

#[cfg(unix)]
fn open_for_writing(path: &Path, regular: bool) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    use std::os::unix::io::AsRawFd;
    if regular {
        return std::fs::OpenOptions::new().write(true).truncate(true).open(path);
    }
    let started = std::time::Instant::now();
    loop {
        match std::fs::OpenOptions::new()
            .write(true)
            .custom_flags(libc::O_NONBLOCK)
            .open(path)
        {
            Ok(file) => {
                // Blocking writes from here on: a slow reader must get everything.
                // SAFETY: fcntl on a descriptor this function owns.
                unsafe {
                    let fd = file.as_raw_fd();
                    let flags = libc::fcntl(fd, libc::F_GETFL);
                    libc::fcntl(fd, libc::F_SETFL, flags & !libc::O_NONBLOCK);
                }
                return Ok(file);
            }
            Err(e) if e.raw_os_error() == Some(libc::ENXIO) && started.elapsed() < FIFO_WAIT => {
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            Err(e) if e.raw_os_error() == Some(libc::ENXIO) => {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::WouldBlock,
                    "管道没有读取方 / the pipe has no reader",
                ));
            }
            Err(e) => return Err(e),
        }
    }
}

#[cfg(not(unix))]
fn open_for_writing(path: &Path, regular: bool) -> std::io::Result<std::fs::File> {
    std::fs::OpenOptions::new().write(true).truncate(regular).open(path)
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
        // Round trip, apostrophes included.
        for s in [
            "=1",
            "'=1",
            "''+cmd|' /C calc'!A0",
            "-",
            "'",
            "'a",
            "营业执照",
            "@SUM(A1)",
            "＝1",
        ] {
            assert_eq!(restore_formula(&neutralize_formula(s)), s, "{s:?}");
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
