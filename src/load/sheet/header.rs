//! Finding the header row of a sheet and mapping its columns to fields.

use super::grid::Grid;
use super::profile::{Profile, child_scope};
use crate::model::fields::{self, FieldDef, Scope};

/// What a column holds.
#[derive(Clone)]
pub enum Col {
    Field(Scope, &'static FieldDef),
    /// 忽略规则 (lint_ignore) lines: `T003: reason`.
    Suppressions,
    /// 序号: a row number, not data. In a workbook written by `catalog convert` it keeps the
    /// catalog's item order across sheets.
    Seq,
    /// A header the dictionary does not know: kept as an extra of `scope` under `key`.
    /// `json` when the header ends in `#json` (cells hold JSON written by `catalog convert`).
    Extra {
        scope: Scope,
        key: String,
        json: bool,
    },
    /// No header and no values.
    Empty,
}

impl Col {
    pub fn scope(&self) -> Option<Scope> {
        match self {
            Col::Field(s, _) | Col::Extra { scope: s, .. } => Some(*s),
            Col::Suppressions => Some(Scope::Item),
            Col::Seq | Col::Empty => None,
        }
    }
}

/// Scopes a spreadsheet column may belong to, in lookup order (item fields win a shared alias).
pub const ROW_SCOPES: [Scope; 6] = [
    Scope::Item,
    Scope::Scenario,
    Scope::Point,
    Scope::Material,
    Scope::Step,
    Scope::Duty,
];

/// The Chinese prefix written before a child extra column (`申请材料.备注2`).
pub fn scope_prefix(s: Scope) -> &'static str {
    match s {
        Scope::Scenario => "办事情形",
        Scope::Point => "受理要点",
        Scope::Material => "申请材料",
        Scope::Step => "办理流程",
        Scope::Duty => "监管责任",
        _ => "",
    }
}

pub const SUPPRESSIONS_HEADER: &str = "忽略规则";
pub const SEQ_HEADERS: &[&str] = &["序号", "编号", "No.", "NO", "No"];

/// Header text as compared: no whitespace (also full-width), no required-field stars or notes.
pub fn normalize(h: &str) -> String {
    let mut s: String = h.chars().filter(|c| !c.is_whitespace()).collect();
    for suffix in ["（必填）", "(必填)", "（选填）", "(选填)"] {
        if let Some(t) = s.strip_suffix(suffix) {
            s = t.to_string();
        }
    }
    s.trim_matches(['*', '＊', '★']).to_string()
}

/// The field a header names, looking through the scopes in order.
pub fn lookup(h: &str, profile: Option<&Profile>) -> Option<(Scope, &'static FieldDef)> {
    if let Some(p) = profile
        && let Some(hit) = p.column(h).or_else(|| p.column(&normalize(h)))
    {
        return Some(hit);
    }
    let n = normalize(h);
    if n.is_empty() {
        return None;
    }
    if let Some((prefix, rest)) = n.split_once('.')
        && let Some(scope) = child_scope(prefix)
    {
        return fields::lookup(scope, rest).map(|f| (scope, f));
    }
    ROW_SCOPES.iter().find_map(|s| fields::lookup(*s, &n).map(|f| (*s, f)))
}

/// The 0-based row of the header: the row among the first 30 that names the most known fields
/// (at least two), so titles and notes above it are skipped. `None` when no row qualifies.
pub fn find_header_row(g: &Grid, profile: Option<&Profile>) -> Option<usize> {
    if let Some(n) = profile.and_then(|p| p.header_row) {
        let r = (n.saturating_sub(1) as u32).checked_sub(g.origin.0)? as usize;
        return (r < g.height()).then_some(r);
    }
    let mut best: Option<(usize, usize)> = None;
    for r in 0..g.height().min(30) {
        let score = g
            .row(r)
            .filter(|c| !c.is_empty() && (lookup(c, profile).is_some() || normalize(c) == SUPPRESSIONS_HEADER))
            .count();
        if score >= 2 && best.is_none_or(|(_, s)| score > s) {
            best = Some((r, score));
        }
    }
    best.map(|(r, _)| r)
}

/// Map every column of the header row.
pub fn columns(g: &Grid, header_row: usize, profile: Option<&Profile>) -> Vec<Col> {
    let width = g.width();
    // Which columns hold a value below the header, in one pass over the cells stored: a search
    // per column read the whole sheet once per column (a lone cell at XFD1048576 made that
    // 17 billion reads).
    // Only columns without a header are asked about, and the pass stops once all are answered.
    let mut filled: Vec<bool> = (0..width).map(|c| !g.cell(header_row, c).is_empty()).collect();
    let mut left = filled.iter().filter(|f| !**f).count();
    for r in header_row + 1..g.height() {
        if left == 0 {
            break;
        }
        for (c, v) in g.row(r).enumerate() {
            if !filled[c] && !v.is_empty() {
                filled[c] = true;
                left -= 1;
            }
        }
    }
    (0..width)
        .map(|c| {
            let h = g.cell(header_row, c);
            if h.is_empty() {
                return if filled[c] {
                    Col::Extra {
                        scope: Scope::Item,
                        key: format!("列{}", crate::model::loc::column_letters(g.origin.1 + c as u32)),
                        json: false,
                    }
                } else {
                    Col::Empty
                };
            }
            if normalize(h) == SUPPRESSIONS_HEADER {
                return Col::Suppressions;
            }
            if SEQ_HEADERS.contains(&normalize(h).as_str()) {
                return Col::Seq;
            }
            if let Some((s, f)) = lookup(h, profile) {
                return Col::Field(s, f);
            }
            let (key, json) = match h.strip_suffix("#json") {
                Some(k) => (k, true),
                None => (h, false),
            };
            match key
                .split_once('.')
                .and_then(|(p, rest)| child_scope(p).map(|s| (s, rest)))
            {
                Some((scope, rest)) if scope != Scope::Item => Col::Extra {
                    scope,
                    key: rest.to_string(),
                    json,
                },
                _ => Col::Extra {
                    scope: Scope::Item,
                    key: key.to_string(),
                    json,
                },
            }
        })
        .collect()
}
