//! Findings: what rules produce and reporters print.

use crate::i18n::Msg;
use crate::model::Loc;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
    pub fn zh(self) -> &'static str {
        match self {
            Severity::Info => "提示",
            Severity::Warning => "警告",
            Severity::Error => "错误",
        }
    }
    pub fn label(self) -> &'static str {
        crate::i18n::t(self.zh(), self.as_str())
    }
    pub fn parse(s: &str) -> Option<Severity> {
        match s.trim().to_ascii_lowercase().as_str() {
            "info" | "提示" | "hint" => Some(Severity::Info),
            "warning" | "warn" | "警告" => Some(Severity::Warning),
            "error" | "错误" => Some(Severity::Error),
            _ => None,
        }
    }
}

/// A text edit that fixes a finding: replace the bytes at `loc` (a text position) with
/// `replacement`. At a sheet cell (`Pos::Cell`, with its entry) `replacement` is the whole new
/// text of the value or entry read there; only the marked copy takes it (`crate::markup`).
#[derive(Clone, Debug, PartialEq)]
pub struct Fix {
    pub loc: Loc,
    pub replacement: String,
    /// Safe fixes are applied by `--fix`; unsafe ones need `--unsafe-fixes`.
    pub safe: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    pub code: Cow<'static, str>,
    pub severity: Severity,
    pub message: Msg,
    pub help: Option<Msg>,
    /// Index of the item in `Catalog::items`, when the finding is about one item.
    pub item: Option<usize>,
    pub loc: Loc,
    pub fix: Option<Fix>,
}
