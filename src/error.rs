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
            _ => (format!("无法读取：{e}"), format!("cannot read: {e}")),
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
