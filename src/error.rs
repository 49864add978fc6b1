//! Errors that stop the tool from doing its job (exit code 2): always with file and place.

use crate::i18n::Msg;
use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Place {
    /// 1-based line and character column.
    Text { line: u32, col: u32 },
    /// Sheet name and A1 cell (or just a sheet when `cell` is empty).
    Cell { sheet: String, cell: String },
    /// 1-based line of a CSV/JSON-lines file.
    Line(u64),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    pub file: Option<PathBuf>,
    pub place: Option<Place>,
    pub msg: Msg,
    /// Further errors found in the same run (all are shown).
    pub more: Vec<Error>,
}

impl Error {
    pub fn new(file: Option<&Path>, place: Option<Place>, zh: impl Into<String>, en: impl Into<String>) -> Error {
        Error {
            file: file.map(Path::to_path_buf),
            place,
            msg: Msg::new(zh.into(), en.into()),
            more: Vec::new(),
        }
    }
    /// An error about a whole sheet of a workbook (no one cell).
    pub fn in_sheet(file: &Path, sheet: &str, zh: impl Into<String>, en: impl Into<String>) -> Error {
        let place = Place::Cell {
            sheet: sheet.to_string(),
            cell: String::new(),
        };
        Error::new(Some(file), Some(place), zh, en)
    }
    /// The line and column (1-based, in characters) just after `head`, the bytes of a file up
    /// to some place in it.
    pub fn line_col_after(head: &[u8]) -> (u32, u32) {
        let line = memchr::memchr_iter(b'\n', head).count() as u32 + 1;
        let bol = memchr::memrchr(b'\n', head).map_or(0, |i| i + 1);
        let col = String::from_utf8_lossy(&head[bol..]).chars().count() as u32 + 1;
        (line, col)
    }
    pub fn plain(file: Option<&Path>, zh: String, en: String) -> Error {
        Error::new(file, None, zh, en)
    }
    pub fn at(file: &Path, line: u32, col: u32, zh: impl Into<String>, en: impl Into<String>) -> Error {
        Error::new(Some(file), Some(Place::Text { line, col }), zh, en)
    }
    pub fn io(path: &Path, e: &std::io::Error) -> Error {
        let (zh, en) = match e.kind() {
            std::io::ErrorKind::NotFound => ("文件或目录不存在".to_string(), "no such file or directory".to_string()),
            std::io::ErrorKind::PermissionDenied => ("没有读取权限".to_string(), "permission denied".to_string()),
            _ => (format!("无法读取：{}", os_zh(e)), format!("cannot read: {e}")),
        };
        Error::new(Some(path), None, zh, en)
    }
    /// Combine several errors into one (the first leads).
    pub fn many(mut errors: Vec<Error>) -> Option<Error> {
        if errors.is_empty() {
            return None;
        }
        let mut first = errors.remove(0);
        first.more.extend(errors);
        Some(first)
    }
    /// Every value, or all the errors together (as [`Error::many`]).
    pub fn collect<T>(results: Vec<Result<T, Error>>) -> Result<Vec<T>, Error> {
        let mut ok = Vec::with_capacity(results.len());
        let mut errors = Vec::new();
        for r in results {
            match r {
                Ok(v) => ok.push(v),
                Err(e) => errors.push(e),
            }
        }
        match Error::many(errors) {
            Some(e) => Err(e),
            None => Ok(ok),
        }
    }
    fn fmt_one(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(file) = &self.file {
            write!(f, "{}", file.display())?;
            match &self.place {
                Some(Place::Text { line, col }) => write!(f, ":{line}:{col}")?,
                Some(Place::Cell { sheet, cell }) if cell.is_empty() => write!(f, " › {sheet}")?,
                Some(Place::Cell { sheet, cell }) => write!(f, " › {sheet} › {cell}")?,
                Some(Place::Line(l)) => write!(f, ":{l}")?,
                None => {}
            }
            write!(f, ": ")?;
        }
        write!(f, "{}", self.msg)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.fmt_one(f)?;
        for e in &self.more {
            writeln!(f)?;
            e.fmt_one(f)?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}

/// An operating-system error in Chinese (the OS words it in English: "File exists (os error
/// 17)"), with its number kept for a search or an administrator.
pub fn os_zh(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    let what = match e.kind() {
        K::NotFound => "文件或目录不存在",
        K::PermissionDenied => "没有权限",
        K::AlreadyExists => "同名文件已存在",
        K::IsADirectory => "这是一个目录，不是文件",
        K::NotADirectory => "路径中有一段是文件，不是目录",
        K::DirectoryNotEmpty => "目录不是空的",
        K::ReadOnlyFilesystem => "文件系统是只读的",
        K::StorageFull | K::QuotaExceeded => "磁盘空间不足",
        K::FileTooLarge => "文件太大",
        K::InvalidFilename => "文件名无效或太长",
        K::InvalidData => "内容无效（例如不是 UTF-8 文本）",
        K::InvalidInput => "参数无效",
        K::UnexpectedEof => "文件意外结束",
        K::WriteZero => "无法再写入",
        K::OutOfMemory => "内存不足",
        K::Interrupted => "操作被中断",
        K::TimedOut => "操作超时",
        K::ResourceBusy | K::ExecutableFileBusy => "文件正被占用",
        K::CrossesDevices => "不能跨磁盘移动",
        K::TooManyLinks => "链接太多",
        K::Unsupported => "系统不支持此操作",
        K::BrokenPipe => "输出管道已关闭",
        K::WouldBlock => "资源暂时不可用",
        _ => "系统错误",
    };
    match e.raw_os_error() {
        Some(n) => format!("{what}（系统错误 {n}）"),
        None => what.to_string(),
    }
}

#[cfg(test)]
mod os_tests {
    #[test]
    fn os_errors_in_chinese() {
        let e = std::io::Error::from_raw_os_error(17);
        let s = super::os_zh(&e);
        assert!(
            s.starts_with("同名文件已存在") && s.contains("17") && !s.contains("File"),
            "{s}"
        );
        let e = std::io::Error::other("some English");
        assert_eq!(super::os_zh(&e), "系统错误");
    }
}
