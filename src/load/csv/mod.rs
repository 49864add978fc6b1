//! CSV → `Catalog`, through the same header and row reading as workbooks. UTF-8 with or without
//! BOM, GBK/GB18030 (detected with chardetng, or forced with `--encoding`). A CSV reads as one
//! sheet named after the file (as Excel shows it), so cells are `文件.csv › 文件 › F12`.

use crate::error::{Error, Place};
use crate::load::LoadOptions;
use crate::load::sheet::{self, grid::MAX_TEXT, profile::Profile};
use crate::model::{Catalog, SourceKind};
use std::borrow::Cow;
use std::path::{Path, PathBuf};

mod gbk;
pub mod records;
#[cfg(test)]
mod tests;

/// Bytes → text: a forced encoding, else UTF-8 when valid, else chardetng's guess (GBK read as
/// GB18030, its superset).
pub fn decode<'a>(path: &Path, bytes: &'a [u8], forced: Option<&str>) -> Result<Cow<'a, str>, Error> {
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    let enc = match forced {
        Some(label) => {
            let e = encoding_rs::Encoding::for_label(label.trim().as_bytes()).ok_or_else(|| {
                Error::plain(
                    Some(path),
                    format!("不认识的编码 “{label}”（可用 utf-8、gbk、gb18030）"),
                    format!("unknown encoding '{label}' (use utf-8, gbk, gb18030)"),
                )
            })?;
            Some(e)
        }
        None => None,
    };
    // The whole file read as GB18030 while chardetng guesses (below).
    let mut early = None;
    let enc = match enc {
        Some(e) => e,
        // SIMD validation: a 100,000-row sheet is 40 MB of mostly three-byte characters.
        None => match simdutf8::basic::from_utf8(bytes) {
            Ok(s) => return Ok(Cow::Borrowed(s)),
            // Chinese UTF-8 lines before the first bad byte: a UTF-8 file that switches
            // encoding part-way, refused below at that line (a guess over the whole would
            // read it all as something else).
            Err(_) if utf8_line(&bytes[..valid_utf8(bytes)]).is_some() => encoding_rs::UTF_8,
            // chardetng reads the first 64 KB on one core (about 40 ms); meanwhile the file is
            // decoded as GB18030, the guess for nearly every Chinese file, and that text is kept
            // when it is the guess (else dropped).
            Err(_) => {
                let (enc, text) = rayon::join(|| guess(bytes), || decode_in_pieces(encoding_rs::GB18030, bytes));
                early = Some(text);
                enc
            }
        },
    };
    let enc = if enc == encoding_rs::GBK {
        encoding_rs::GB18030
    } else {
        enc
    };
    if enc == encoding_rs::UTF_8 {
        return std::str::from_utf8(bytes).map(Cow::Borrowed).map_err(|e| {
            let valid = e.valid_up_to();
            let line = line_of(bytes, valid);
            if forced.is_none() && utf8_line(&bytes[..valid]).is_some() {
                return Error::new(
                    Some(path),
                    Some(Place::Line(line)),
                    "文件前面的行是 UTF-8 编码，从这一行起却不是（可能是 GBK）：文件中途换了编码；请整个另存为 UTF-8",
                    "the lines before are UTF-8 but this one is not (GBK?): the encoding changes part-way; save the whole file as UTF-8",
                );
            }
            Error::new(
                Some(path),
                Some(Place::Line(line)),
                "文件不是有效的 UTF-8；若是 GBK 编码请加 --encoding gbk",
                "the file is not valid UTF-8; add --encoding gbk if it is GBK",
            )
        });
    }
    if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
        return utf16(path, bytes, Some(enc)).map(Cow::Owned);
    }
    let (text, had_errors) = match early {
        Some(done) if enc == encoding_rs::GB18030 => done,
        _ => decode_in_pieces(enc, bytes),
    };
    if had_errors {
        let at = first_malformed(enc, bytes);
        // The bad line is UTF-8 pasted into a GBK file: say so, not "give another encoding".
        let (from, to) = (
            line_start(bytes, at),
            memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |k| at + k),
        );
        if utf8_line(&bytes[from..to]).is_some() {
            return Err(switched(path, enc, line_of(bytes, at)));
        }
        return Err(Error::new(
            Some(path),
            Some(Place::Line(line_of(bytes, at))),
            format!(
                "文件不能按 {} 编码读取（从这一行起）；请用 --encoding 指定正确的编码",
                enc.name()
            ),
            format!(
                "the file cannot be decoded as {} (from this line on); give the right one with --encoding",
                enc.name()
            ),
        ));
    }
    if let Some(line) = utf8_line(bytes) {
        return Err(switched(path, enc, line));
    }
    Ok(text)
}

/// A file read as `enc` whose `line` is UTF-8.
fn switched(path: &Path, enc: &'static encoding_rs::Encoding, line: u64) -> Error {
    Error::new(
        Some(path),
        Some(Place::Line(line)),
        format!(
            "文件按 {} 编码读取，这一行却是 UTF-8 编码：文件中途换了编码；请整个另存为同一种编码",
            enc.name()
        ),
        format!(
            "the file reads as {}, but this line is UTF-8: the encoding changes part-way; save the whole file in one encoding",
            enc.name()
        ),
    )
}

/// The offset where the line holding byte `at` starts.
fn line_start(bytes: &[u8], at: usize) -> usize {
    memchr::memrchr(b'\n', &bytes[..at.min(bytes.len())]).map_or(0, |k| k + 1)
}

/// chardetng's guess from the first 64 KB, without the lines that are UTF-8 Chinese: a GBK
/// file with a UTF-8 line pasted in is GBK switching part-way (refused at that line), and the
/// UTF-8 bytes would make the guess something neither is (windows-1252).
fn guess(bytes: &[u8]) -> &'static encoding_rs::Encoding {
    let head = &bytes[..bytes.len().min(1 << 16)];
    let whole = bytes.len() <= 1 << 16;
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    if utf8_line(head).is_none() {
        det.feed(head, whole);
    } else {
        let mut start = 0;
        for end in memchr::memchr_iter(b'\n', head)
            .map(|e| e + 1)
            .chain(std::iter::once(head.len()))
        {
            let line = &head[start..end];
            start = end;
            if utf8_line(line).is_none() {
                det.feed(line, false);
            }
        }
        det.feed(&[], whole);
    }
    det.guess(None, chardetng::Utf8Detection::Allow)
}

/// `enc.decode(bytes)`, a big file in pieces on every core. The pieces end just after a line
/// feed: in the ASCII-compatible encodings (GBK, GB18030, Big5, Shift_JIS …) every byte of a
/// multi-byte character is 0x30 or above, so a 0x0A is always a line feed of its own and a
/// piece never splits a character; each piece decodes as it would in the whole.
fn decode_in_pieces<'a>(enc: &'static encoding_rs::Encoding, bytes: &'a [u8]) -> (Cow<'a, str>, bool) {
    use rayon::prelude::*;
    const PIECE: usize = 4 << 20;
    let threads = rayon::current_num_threads();
    if threads < 2
        || bytes.len() < 2 * PIECE
        || !enc.is_ascii_compatible()
        || encoding_rs::Encoding::for_bom(bytes).is_some()
    {
        if let Some(text) = quick(enc, bytes) {
            return (Cow::Owned(text), false);
        }
        let (text, _, had_errors) = enc.decode(bytes);
        return (text, had_errors);
    }
    let size = PIECE.max(bytes.len().div_ceil(threads * 4));
    let mut cuts = vec![0];
    let mut at = 0;
    while bytes.len() - at > size {
        match memchr::memchr(b'\n', &bytes[at + size..]) {
            Some(k) => at += size + k + 1,
            None => break,
        }
        cuts.push(at);
    }
    cuts.push(bytes.len());
    let pieces: Vec<(Cow<str>, bool)> = cuts
        .par_windows(2)
        .map(|w| {
            let piece = &bytes[w[0]..w[1]];
            match quick(enc, piece) {
                Some(text) => (Cow::Owned(text), false),
                None => enc.decode_without_bom_handling(piece),
            }
        })
        .collect();
    let had_errors = pieces.iter().any(|(_, e)| *e);
    // The pieces copied into the whole text on every core too (70 MB for a 100,000-row sheet).
    let mut whole = vec![0u8; pieces.iter().map(|(t, _)| t.len()).sum()];
    let mut slots = Vec::with_capacity(pieces.len());
    let mut rest = whole.as_mut_slice();
    for (t, _) in &pieces {
        let (slot, after) = rest.split_at_mut(t.len());
        slots.push(slot);
        rest = after;
    }
    slots
        .into_par_iter()
        .zip(&pieces)
        .for_each(|(slot, (t, _))| slot.copy_from_slice(t.as_bytes()));
    drop(pieces);
    // SAFETY: `whole` is the pieces' texts one after the other, each valid UTF-8, and UTF-8
    // text joined to UTF-8 text is UTF-8.
    let text = unsafe { String::from_utf8_unchecked(whole) };
    (Cow::Owned(text), had_errors)
}

/// GB18030 text of ASCII and two-byte characters (nearly every GBK file) through our table;
/// `None` for anything else, decoded by encoding_rs. Never for a text starting with a BOM, which
/// `Encoding::decode` would follow.
fn quick(enc: &'static encoding_rs::Encoding, bytes: &[u8]) -> Option<String> {
    (enc == encoding_rs::GB18030 && encoding_rs::Encoding::for_bom(bytes).is_none())
        .then(|| gbk::decode(bytes))
        .flatten()
}

/// How many leading bytes are valid UTF-8.
fn valid_utf8(bytes: &[u8]) -> usize {
    std::str::from_utf8(bytes).map_or_else(|e| e.valid_up_to(), str::len)
}

/// The byte offset of the first sequence `enc` cannot decode.
fn first_malformed(enc: &'static encoding_rs::Encoding, bytes: &[u8]) -> usize {
    let mut dec = enc.new_decoder_without_bom_handling();
    let mut out = vec![0u8; 1 << 16];
    let mut at = 0;
    loop {
        let (res, read, _) = dec.decode_to_utf8_without_replacement(&bytes[at..], &mut out, true);
        match res {
            encoding_rs::DecoderResult::Malformed(bad, extra) => {
                return (at + read).saturating_sub(bad as usize + extra as usize);
            }
            encoding_rs::DecoderResult::OutputFull => at += read,
            encoding_rs::DecoderResult::InputEmpty => return bytes.len(),
        }
    }
}

/// The 1-based line of byte `at` (a line ends at `\n`, `\r\n` or a lone `\r`, as records do).
pub(crate) fn line_of(bytes: &[u8], at: usize) -> u64 {
    let head = &bytes[..at.min(bytes.len())];
    let lf = memchr::memchr_iter(b'\n', head).count();
    let lone_cr = memchr::memchr_iter(b'\r', head)
        .filter(|&i| bytes.get(i + 1) != Some(&b'\n'))
        .count();
    (lf + lone_cr) as u64 + 1
}

/// The first line of a file read in a legacy encoding (GBK) that is UTF-8 instead: valid UTF-8
/// holding at least two CJK characters, which GBK text almost never is by chance.
fn utf8_line(bytes: &[u8]) -> Option<u64> {
    let mut line = 0;
    let mut start = 0;
    // Line ends found with memchr, and each line checked by the standard validation, which
    // stops at the first invalid byte: a GBK line fails within its first few Chinese bytes,
    // where the SIMD check would read it all (a 50 MB file is read once here).
    let ends = memchr::memchr_iter(b'\n', bytes).chain(std::iter::once(bytes.len()));
    for end in ends {
        let l = &bytes[start..end];
        start = end + 1;
        line += 1;
        if l.is_ascii() {
            continue;
        }
        if let Ok(t) = std::str::from_utf8(l)
            && t.chars()
                .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
                .nth(1)
                .is_some()
        {
            return Some(line);
        }
    }
    None
}

/// UTF-16 text (a byte-order mark, or `enc` given or guessed from the zero bytes of ASCII
/// characters) as UTF-8; an unpaired surrogate is refused at its line.
fn utf16(path: &Path, bytes: &[u8], enc: Option<&'static encoding_rs::Encoding>) -> Result<String, Error> {
    let (enc, body) = match (bytes, enc) {
        ([0xFF, 0xFE, rest @ ..], _) => (encoding_rs::UTF_16LE, rest),
        ([0xFE, 0xFF, rest @ ..], _) => (encoding_rs::UTF_16BE, rest),
        (_, Some(e)) => (e, bytes),
        _ => (encoding_rs::UTF_16LE, bytes),
    };
    match enc.decode_without_bom_handling_and_without_replacement(body) {
        Some(text) => Ok(text.into_owned()),
        None => {
            let at = first_malformed(enc, body);
            // Lines of UTF-16 text: count its line feeds, two bytes each.
            let unit = if enc == encoding_rs::UTF_16LE {
                [b'\n', 0]
            } else {
                [0, b'\n']
            };
            let line = body[..at].chunks_exact(2).filter(|c| *c == unit).count() as u64 + 1;
            Err(Error::new(
                Some(path),
                Some(Place::Line(line)),
                format!("文件是 {} 编码，但这一行有无效的字符；请另存为 UTF-8", enc.name()),
                format!(
                    "the file is {}, but this line holds an invalid character; save it as UTF-8",
                    enc.name()
                ),
            ))
        }
    }
}

/// Whether the start of `bytes` looks like UTF-16: a byte-order mark, or zero bytes in every
/// other position only (the high bytes of ASCII characters: commas, digits, line ends).
fn looks_utf16(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    if bytes.starts_with(&[0xFF, 0xFE]) {
        return Some(encoding_rs::UTF_16LE);
    }
    if bytes.starts_with(&[0xFE, 0xFF]) {
        return Some(encoding_rs::UTF_16BE);
    }
    let head = &bytes[..bytes.len().min(4096) & !1];
    let zeros = |parity: usize| head.iter().skip(parity).step_by(2).filter(|b| **b == 0).count();
    let (even, odd) = (zeros(0), zeros(1));
    let half = head.len() / 2;
    if half >= 2 && even == 0 && odd * 4 >= half {
        Some(encoding_rs::UTF_16LE)
    } else if half >= 2 && odd == 0 && even * 4 >= half {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// A text CSV holds no NUL byte: name the first one's place (the file is binary, or is in an
/// encoding with zero bytes the reader did not recognise).
fn check_nul(path: &Path, text: &[u8]) -> Result<(), Error> {
    let Some(at) = memchr::memchr(0, text) else {
        return Ok(());
    };
    let line = line_of(text, at) as u32;
    let bol = text[..at]
        .iter()
        .rposition(|b| matches!(b, b'\n' | b'\r'))
        .map_or(0, |i| i + 1);
    let col = String::from_utf8_lossy(&text[bol..at]).chars().count() as u32 + 1;
    Err(Error::at(
        path,
        line,
        col,
        format!(
            "第 {line} 行第 {col} 个字符是 NUL 字节（\\0）：这不是文本 CSV，或是未识别的编码；请另存为 UTF-8 的 CSV"
        ),
        format!(
            "line {line}, character {col} is a NUL byte (\\0): this is not a text CSV, or its encoding was not recognised; save it as a UTF-8 CSV"
        ),
    ))
}

pub fn load(path: &Path, bytes: Vec<u8>, opts: &LoadOptions, profile: Option<&Profile>) -> Result<Catalog, Error> {
    // UTF-16 (Excel's "Unicode text") is read; its zero bytes would look binary below.
    if opts.encoding.is_none()
        && let Some(enc) = looks_utf16(&bytes)
    {
        let text = utf16(path, &bytes, Some(enc))?;
        return load_bytes(path, text.into_bytes(), opts, profile);
    }
    // A workbook saved with a .csv name is still read as what it is.
    match sheet::sniff(&bytes) {
        sheet::Sniffed::Text => load_bytes(path, bytes, opts, profile),
        sheet::Sniffed::Unknown if opts.encoding.is_none() => {
            check_nul(path, &bytes)?;
            sheet::load(path, bytes, opts, profile)
        }
        sheet::Sniffed::Unknown => load_bytes(path, bytes, opts, profile),
        _ => sheet::load(path, bytes, opts, profile),
    }
}

pub fn load_bytes(
    path: &Path,
    bytes: Vec<u8>,
    opts: &LoadOptions,
    profile: Option<&Profile>,
) -> Result<Catalog, Error> {
    let grid = grid_of(path, bytes, opts)?;
    let name = grid.name.clone();
    sheet::from_grids(path, vec![grid], vec![name], SourceKind::Csv, profile, opts)
}

/// The CSV files of one folder (事项.csv, 申请材料.csv, 受理条件.csv of one export), in path order.
/// When some are related files of the others (a key column and child-level columns only:
/// 事项编码 | 材料名称 | 份数), the files are read together, as a workbook's sheets are, so that
/// the related rows join the items they name; else, and for a file that is no plain text (a
/// workbook saved as .csv, UTF-16), each file is read alone, as ever.
pub fn load_export(paths: &[PathBuf], opts: &LoadOptions) -> Result<Catalog, Error> {
    use rayon::prelude::*;
    enum Read {
        Grid(sheet::grid::Grid),
        Whole(Catalog),
    }
    let read: Vec<Result<Read, Error>> = paths
        .par_iter()
        .map(|p| {
            let bytes = crate::load::limits::read_bounded(p)?;
            crate::load::limits::check_lines(p, &bytes)?;
            let utf16 = opts.encoding.is_none() && looks_utf16(&bytes).is_some();
            if !utf16 && matches!(sheet::sniff(&bytes), sheet::Sniffed::Text) {
                grid_of(p, bytes, opts).map(Read::Grid)
            } else {
                load(p, bytes, opts, None).map(Read::Whole)
            }
        })
        .collect();
    let read = Error::collect(read)?;
    let related: Vec<bool> = read
        .iter()
        .map(|r| matches!(r, Read::Grid(g) if sheet::looks_related(g)))
        .collect();
    let grids = read.iter().filter(|r| matches!(r, Read::Grid(_))).count();
    let join = related.iter().any(|&r| r) && related.iter().filter(|&&r| r).count() < grids;
    let mut cat = Catalog::default();
    let mut together: (Vec<&Path>, Vec<sheet::grid::Grid>) = (Vec::new(), Vec::new());
    let mut alone = Vec::new();
    for (p, r) in paths.iter().zip(read) {
        match r {
            Read::Grid(mut g) if join => {
                g.file = together.0.len() as crate::model::FileId;
                together.0.push(p);
                together.1.push(g);
            }
            Read::Grid(g) => {
                let name = g.name.clone();
                alone.push(sheet::from_grids(p, vec![g], vec![name], SourceKind::Csv, None, opts));
            }
            Read::Whole(c) => alone.push(Ok(c)),
        }
    }
    if join {
        cat.merge(sheet::from_files(&together.0, together.1, opts)?);
    }
    for c in Error::collect(alone)? {
        cat.merge(c);
    }
    Ok(cat)
}

/// A CSV file's one sheet, named after the file.
fn grid_of(path: &Path, bytes: Vec<u8>, opts: &LoadOptions) -> Result<sheet::grid::Grid, Error> {
    let (text, start) = decode_owned(path, bytes, opts.encoding.as_deref())?;
    check_nul(path, text.as_bytes())?;
    let delimiter = delimiter(&text[start..]);
    let grid = match records::grid(text, start, delimiter, sheet::sheet_stem(path)) {
        Ok(g) => g,
        Err(records::Refused::TooLarge) => {
            return Err(Error::plain(
                Some(path),
                format!("CSV 文件过大：单元格文字超过 {} MB，请拆分", MAX_TEXT >> 20),
                format!(
                    "CSV file too large: its cells hold more than {} MB of text; split it",
                    MAX_TEXT >> 20
                ),
            ));
        }
        Err(records::Refused::OpenQuote(at)) => return Err(open_quote(path, at)),
    };
    Ok(grid)
}

/// A quote that is never closed: the rest of the file would be one cell. Named at the line the
/// quoted cell starts on (the grid's text is gone; its lines were the file's).
fn open_quote(path: &Path, line: u64) -> Error {
    Error::new(
        Some(path),
        Some(Place::Line(line)),
        "这一行的单元格以英文双引号 \" 开头，但直到文件末尾都没有对应的结束引号；请补上引号，或去掉开头的引号",
        "a cell on this line starts with a double quote \" that is never closed before the end of the file; close it or remove the opening quote",
    )
}

/// [`decode`] into a text the grid keeps, and where the content starts (after a byte-order
/// mark): UTF-8 bytes become the text without a copy, so a big file is held once.
fn decode_owned(path: &Path, bytes: Vec<u8>, forced: Option<&str>) -> Result<(String, usize), Error> {
    let start = match decode(path, &bytes, forced)? {
        Cow::Owned(text) => return Ok((text, 0)),
        Cow::Borrowed(text) => {
            let start = text.as_ptr() as usize - bytes.as_ptr() as usize;
            // Lent from the end of the bytes past a byte-order mark (the UTF-8 path), or else
            // copied (an ASCII-only text some other decoder lent).
            if start + text.len() != bytes.len() || std::str::from_utf8(&bytes[..start]).is_err() {
                return Ok((text.to_owned(), 0));
            }
            start
        }
    };
    // SAFETY: `bytes[start..]` was lent as text, so it is valid UTF-8, and so is `bytes[..start]`
    // (checked above): the whole is valid UTF-8.
    let text = unsafe { String::from_utf8_unchecked(bytes) };
    Ok((text, start))
}

/// The delimiter: tab or semicolon when the first line holding any of the three has more of
/// them than commas (a title line above the header may hold none: a tool that does not pad
/// rows to the table's width).
pub fn delimiter(text: &str) -> u8 {
    let first = text
        .lines()
        .take(30)
        .find(|l| l.contains([',', '\t', ';']))
        .unwrap_or("");
    let count = |c: char| first.matches(c).count();
    if count('\t') > count(',') {
        b'\t'
    } else if count(';') > count(',') {
        b';'
    } else {
        b','
    }
}
