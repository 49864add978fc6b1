//! Limits against hostile or broken input: every one fails fast, in bounded memory, with a
//! clear message naming the file and place (exit code 2) instead of hanging or exhausting memory.
//!
//! The limits are far above anything a real catalog needs (a 10,000-item YAML file is about
//! 28 MB; a national catalog is a directory of such files), and the file size limit can be
//! raised with the `CATALOG_MAX_FILE_MB` environment variable.

use crate::error::Error;
use std::io::Read;
use std::path::Path;
use std::sync::Arc;

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
/// Cells in one sheet (a 1M-row sheet with 40 columns is 40M cells); `CATALOG_MAX_SHEET_CELLS`
/// overrides it.
pub const MAX_SHEET_CELLS: u64 = 50_000_000;
/// Parts in one archive (a workbook has a few per sheet).
pub const MAX_ZIP_ENTRIES: usize = 10_000;

/// A limit raised through the environment: a positive whole number in `var`, if set.
fn env_limit(var: &str) -> Option<u64> {
    std::env::var(var)
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .filter(|n| *n > 0)
}

/// The file size limit in bytes: `CATALOG_MAX_FILE_MB` or the default.
pub fn max_file_bytes() -> u64 {
    env_limit("CATALOG_MAX_FILE_MB")
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

/// Open `path` for reading if it is a regular file, with its size checked against the limit.
///
/// A FIFO, a device (`/dev/zero`) or a socket is refused, not read: a FIFO named `z.yaml` in a
/// catalog folder would block for ever, `/dev/zero` never ends. The file is opened without
/// blocking (which opening a FIFO otherwise does until a writer comes) and then looked at.
pub fn open_regular(path: &Path) -> Result<(std::fs::File, u64), Error> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK);
    let file = options.open(path).map_err(|e| Error::io(path, &e))?;
    let meta = file.metadata().map_err(|e| Error::io(path, &e))?;
    if !meta.is_file() {
        return Err(Error::plain(
            Some(path),
            "不是普通文件（是管道、设备或套接字），不读取".into(),
            "not a regular file (a pipe, device or socket); not read".into(),
        ));
    }
    check_file_size(path, meta.len())?;
    Ok((file, meta.len()))
}

/// Read a whole file with the size limit applied (also to a file that grows while it is read).
/// Only regular files are read ([`open_regular`]).
pub fn read_bounded(path: &Path) -> Result<Vec<u8>, Error> {
    let (file, len) = open_regular(path)?;
    let max = max_file_bytes();
    let mut bytes = Vec::with_capacity(len as usize);
    file.take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(path, &e))?;
    check_file_size(path, bytes.len() as u64)?;
    Ok(bytes)
}

/// A small text file the tool reads besides catalogs (taxonomy, vocabularies, profiles, rules,
/// configuration, templates, baselines): a regular file, within the size limit, UTF-8 (a
/// byte-order mark is dropped).
pub fn read_text(path: &Path) -> Result<String, Error> {
    let mut bytes = read_bounded(path)?;
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
    }
    String::from_utf8(bytes).map_err(|e| {
        let head = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let (line, col) = Error::line_col_after(head);
        Error::at(
            path,
            line,
            col,
            "文件不是 UTF-8 编码；请另存为 UTF-8",
            "the file is not UTF-8; save it as UTF-8",
        )
    })
}

/// [`read_bounded`] into a shared buffer (no copy to share the text afterwards). A file that
/// changes size while it is read is read again by [`read_bounded`].
pub fn read_shared(path: &Path) -> Result<Arc<[u8]>, Error> {
    let (mut file, len) = open_regular(path)?;
    // SAFETY: zeroed bytes are valid `u8`s.
    let mut bytes: Arc<[u8]> = unsafe { Arc::<[u8]>::new_zeroed_slice(len as usize).assume_init() };
    let buf = Arc::get_mut(&mut bytes).expect("a new Arc is unique");
    let whole = file.read_exact(buf).is_ok() && file.read(&mut [0u8; 1]).is_ok_and(|n| n == 0);
    if whole {
        Ok(bytes)
    } else {
        read_bounded(path).map(Arc::from)
    }
}

/// Refuse a text whose lines are longer than [`MAX_LINE_BYTES`], naming the first such line.
pub fn check_lines(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    if bytes.len() <= MAX_LINE_BYTES {
        return Ok(());
    }
    // One pass over the line breaks (an iterator, not a search per line: files have millions).
    let ends = memchr::memchr_iter(b'\n', bytes).chain([bytes.len()]);
    let mut start = 0;
    for (i, stop) in ends.enumerate() {
        if stop - start > MAX_LINE_BYTES {
            let line = i as u32 + 1;
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
        start = stop + 1;
    }
    Ok(())
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

/// Check an xlsx/ods archive before a spreadsheet reader opens it: a readable zip, a bounded
/// number of parts, and bounded declared uncompressed sizes (in total and by compression
/// ratio). The zip reader refuses to inflate a part past its declared size, so the declared
/// sizes bound the real work.
pub fn check_zip(path: &Path) -> Result<(), Error> {
    check_workbook(path, &read_bounded(path)?)
}

/// [`check_zip`] on a workbook already read: zip-based formats (xlsx, xlsm, ods, WPS et) are
/// checked; anything else (xls is an OLE file) is left to the spreadsheet reader.
pub fn check_workbook(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    if !bytes.starts_with(b"PK") {
        return Ok(());
    }
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| {
        Error::plain(
            Some(path),
            format!("不是有效的 Excel/ODS 文件（无法作为 zip 读取：{e}）；文件可能已损坏或只是改了扩展名"),
            format!("not a valid Excel/ODS file (unreadable as zip: {e}); the file may be corrupt or just renamed"),
        )
    })?;
    if zip.len() > MAX_ZIP_ENTRIES {
        return Err(bomb(
            path,
            format!("{} 个部件", zip.len()),
            format!("{} parts", zip.len()),
        ));
    }
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let entry = zip.by_index_raw(i).map_err(|e| {
            Error::plain(
                Some(path),
                format!("Excel/ODS 文件已损坏（{e}）"),
                format!("the Excel/ODS file is corrupt ({e})"),
            )
        })?;
        let (size, packed) = (entry.size(), entry.compressed_size().max(1));
        total = total.saturating_add(size);
        if size > ZIP_RATIO_FLOOR && size / packed > MAX_ZIP_RATIO {
            let name = entry.name().map(|n| n.to_string()).unwrap_or_default();
            return Err(bomb(
                path,
                format!("部件 {name} 压缩比 {}:1", size / packed),
                format!("part {name} compressed {}:1", size / packed),
            ));
        }
        if total > MAX_UNZIPPED_BYTES {
            return Err(bomb(
                path,
                format!("解压后超过 {} MB", MAX_UNZIPPED_BYTES >> 20),
                format!("over {} MB uncompressed", MAX_UNZIPPED_BYTES >> 20),
            ));
        }
    }
    // An ODS's repeats can describe far more cells than its bytes: count them first.
    if zip.index_for_name("content.xml").is_some() && zip.index_for_name("xl/workbook.xml").is_none() {
        let content = zip.by_name("content.xml").map_err(|e| {
            Error::plain(
                Some(path),
                format!("ODS 文件已损坏（{e}）"),
                format!("the ODS file is corrupt ({e})"),
            )
        })?;
        super::ods_cells::check(path, content)?;
    }
    Ok(())
}

fn bomb(path: &Path, zh: String, en: String) -> Error {
    Error::plain(
        Some(path),
        format!("Excel/ODS 文件解压后过大（{zh}），疑似压缩炸弹；拒绝读取"),
        format!("the Excel/ODS file expands too far ({en}), a zip bomb?; refused"),
    )
}

/// The cell limit of one sheet: `CATALOG_MAX_SHEET_CELLS` or [`MAX_SHEET_CELLS`].
pub fn max_sheet_cells() -> u64 {
    env_limit("CATALOG_MAX_SHEET_CELLS").unwrap_or(MAX_SHEET_CELLS)
}

/// The sheets of one workbook together hold more cells than [`max_sheet_cells`] (the budget is
/// the workbook's: several sheets just under it would hold several times the memory).
pub fn workbook_too_large(path: &Path, sheet: &str) -> Error {
    let max = max_sheet_cells();
    Error::in_sheet(
        path,
        sheet,
        format!(
            "工作簿的各工作表合计超过 {max} 个单元格（读到这个工作表时）；请拆分，或设置环境变量 CATALOG_MAX_SHEET_CELLS 提高上限"
        ),
        format!(
            "the workbook's sheets together hold more than {max} cells (reached in this sheet); split it or raise CATALOG_MAX_SHEET_CELLS"
        ),
    )
}

/// Refuse a sheet with more cells than [`max_sheet_cells`] (rows × columns of its used range).
pub fn check_sheet_cells(path: &Path, sheet: &str, rows: u64, cols: u64) -> Result<(), Error> {
    check_sheet_cells_under(path, sheet, rows, cols, max_sheet_cells())
}

/// [`check_sheet_cells`] with the limit already read (the xlsx reader asks once per sheet).
pub fn check_sheet_cells_under(path: &Path, sheet: &str, rows: u64, cols: u64, max: u64) -> Result<(), Error> {
    let cells = rows.saturating_mul(cols);
    if cells > max {
        return Err(Error::in_sheet(
            path,
            sheet,
            format!(
                "工作表过大（{rows} 行 × {cols} 列，上限 {max} 个单元格）；请拆分，或设置环境变量 CATALOG_MAX_SHEET_CELLS 提高上限"
            ),
            format!(
                "sheet too large ({rows} rows × {cols} columns, limit {max} cells); split it or raise CATALOG_MAX_SHEET_CELLS"
            ),
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
    fn zip_checks() {
        use std::io::Write;
        let dir = tempfile::tempdir().unwrap();
        let not_zip = dir.path().join("x.xlsx");
        std::fs::write(&not_zip, b"PK\x03\x04 truncated").unwrap();
        assert!(check_zip(&not_zip).unwrap_err().to_string().contains("zip"));

        // 8 MB of spaces deflates to about 8 KB: a bomb by its ratio.
        let bomb_path = dir.path().join("bomb.xlsx");
        let mut w = zip::ZipWriter::new(std::fs::File::create(&bomb_path).unwrap());
        let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        w.start_file("xl/worksheets/sheet1.xml", opts).unwrap();
        let zeros = vec![b' '; 1 << 20];
        for _ in 0..8 {
            w.write_all(&zeros).unwrap();
        }
        w.finish().unwrap();
        let e = check_zip(&bomb_path).unwrap_err().to_string();
        assert!(e.contains("zip bomb") || e.contains("压缩炸弹"), "{e}");

        let ok_path = dir.path().join("ok.xlsx");
        let mut w = zip::ZipWriter::new(std::fs::File::create(&ok_path).unwrap());
        w.start_file("xl/workbook.xml", opts).unwrap();
        w.write_all(b"<workbook/>").unwrap();
        w.finish().unwrap();
        assert!(check_zip(&ok_path).is_ok());
    }

    #[test]
    fn sheet_cells() {
        assert!(check_sheet_cells(Path::new("a.xlsx"), "许可", 1_048_576, 40).is_ok());
        assert!(check_sheet_cells(Path::new("a.xlsx"), "许可", 1_048_576, 16_384).is_err());
    }

    #[test]
    fn scalar_limit() {
        assert!(check_scalar(Path::new("t.yaml"), MAX_SCALAR_BYTES, 1, 1).is_ok());
        assert!(check_scalar(Path::new("t.yaml"), MAX_SCALAR_BYTES + 1, 1, 1).is_err());
    }
}
