//! Limits against hostile or broken input: every one fails fast, in bounded memory, with a
//! clear message naming the file and place (exit code 2) instead of hanging or exhausting memory.
//!
//! The limits are far above anything a real catalog needs (a 10,000-item YAML file is about
//! 28 MB; a national catalog is a directory of such files), and the file size limit can be
//! raised with the `CATALOG_MAX_FILE_MB` environment variable.

use crate::error::Error;
use std::io::Read;
use std::path::Path;

/// One line of a text file (YAML, CSV). Real lines are a few hundred bytes; a megabyte-long
/// line is a broken export or an attack, and would make every report unreadable.
pub const MAX_LINE_BYTES: usize = 1 << 20;
/// One scalar value (a block scalar may span lines, so this is checked on its own).
pub const MAX_SCALAR_BYTES: usize = 1 << 20;
/// Default size limit for one input file, in MiB (`CATALOG_MAX_FILE_MB` overrides it).
pub const DEFAULT_MAX_FILE_MB: u64 = 512;
/// Uncompressed size of all parts of one xlsx/ods archive together.
pub const MAX_UNZIPPED_BYTES: u64 = 2 << 30;
/// Ratio of uncompressed to compressed size of one archive part above which it is a zip bomb
/// (real sheets compress 5–20×; a bomb compresses 1000×).
pub const MAX_ZIP_RATIO: u64 = 200;
/// Parts smaller than this are never judged by their compression ratio.
pub const ZIP_RATIO_FLOOR: u64 = 4 << 20;
/// Cells in one sheet (a 1M-row sheet with 40 columns is 40M cells).
pub const MAX_SHEET_CELLS: u64 = 50_000_000;

/// The file size limit in bytes: `CATALOG_MAX_FILE_MB` or the default.
pub fn max_file_bytes() -> u64 {
    std::env::var("CATALOG_MAX_FILE_MB")
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .filter(|mb| *mb > 0)
        .unwrap_or(DEFAULT_MAX_FILE_MB)
        .saturating_mul(1 << 20)
}

/// Refuse a file whose size is over the limit, before reading it.
pub fn check_file_size(path: &Path, len: u64) -> Result<(), Error> {
    let max = max_file_bytes();
    if len > max {
        return Err(Error::plain(
            Some(path),
            format!(
                "文件过大（{} MB，上限 {} MB）；请拆分为多个文件，或设置环境变量 CATALOG_MAX_FILE_MB 提高上限",
                len.div_ceil(1 << 20),
                max >> 20
            ),
            format!(
                "file too large ({} MB, limit {} MB); split it into several files or raise CATALOG_MAX_FILE_MB",
                len.div_ceil(1 << 20),
                max >> 20
            ),
        ));
    }
    Ok(())
}

/// Read a whole file with the size limit applied (also to files that grow while being read or
/// report no size, such as pipes).
pub fn read_bounded(path: &Path) -> Result<Vec<u8>, Error> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, &e))?;
    let len = file.metadata().map_err(|e| Error::io(path, &e))?.len();
    check_file_size(path, len)?;
    let max = max_file_bytes();
    let mut bytes = Vec::with_capacity(len as usize);
    file.take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(path, &e))?;
    check_file_size(path, bytes.len() as u64)?;
    Ok(bytes)
}

/// Refuse a text whose lines are longer than [`MAX_LINE_BYTES`], naming the first such line.
pub fn check_lines(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    if bytes.len() <= MAX_LINE_BYTES {
        return Ok(());
    }
    let mut line = 1u32;
    let mut start = 0;
    loop {
        let end = bytes[start..].iter().position(|b| *b == b'\n').map(|i| start + i);
        let stop = end.unwrap_or(bytes.len());
        if stop - start > MAX_LINE_BYTES {
            return Err(Error::at(
                path,
                line,
                1,
                format!(
                    "第 {line} 行过长（{} KB，上限 {} KB）；文件可能已损坏",
                    (stop - start) >> 10,
                    MAX_LINE_BYTES >> 10
                ),
                format!(
                    "line {line} is too long ({} KB, limit {} KB); the file may be corrupt",
                    (stop - start) >> 10,
                    MAX_LINE_BYTES >> 10
                ),
            ));
        }
        match end {
            Some(e) => {
                start = e + 1;
                line += 1;
            }
            None => return Ok(()),
        }
    }
}

/// Refuse one scalar value longer than [`MAX_SCALAR_BYTES`].
pub fn check_scalar(path: &Path, len: usize, line: u32, col: u32) -> Result<(), Error> {
    if len > MAX_SCALAR_BYTES {
        return Err(Error::at(
            path,
            line,
            col,
            format!("单个值过长（{} KB，上限 {} KB）", len >> 10, MAX_SCALAR_BYTES >> 10),
            format!("value too long ({} KB, limit {} KB)", len >> 10, MAX_SCALAR_BYTES >> 10),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_line_is_named() {
        let mut text = b"a: 1\nb: 2\n".to_vec();
        text.extend(std::iter::repeat_n(b'x', MAX_LINE_BYTES + 1));
        text.extend(b"\nc: 3\n");
        let e = check_lines(Path::new("t.yaml"), &text).unwrap_err();
        assert_eq!(e.place, Some(crate::error::Place::Text { line: 3, col: 1 }));
    }

    #[test]
    fn many_short_lines_pass() {
        let text = "k: v\n".repeat(MAX_LINE_BYTES);
        assert!(check_lines(Path::new("t.yaml"), text.as_bytes()).is_ok());
    }

    #[test]
    fn scalar_limit() {
        assert!(check_scalar(Path::new("t.yaml"), MAX_SCALAR_BYTES, 1, 1).is_ok());
        assert!(check_scalar(Path::new("t.yaml"), MAX_SCALAR_BYTES + 1, 1, 1).is_err());
    }
}
