//! The two sheets put in front of the marked workbook: 检查结果 (every finding, with a link to
//! its cell, and a few lines on the run) and 规则说明 (each rule that fired, from its page).

use super::cells::Placed;
use super::fixes::Planned;
use crate::diag::{Diagnostic, Severity};
use crate::i18n::{Lang, Msg, lang, t};
use crate::load::sheet::{FINDINGS_COLUMNS, RULES_COLUMNS};
use crate::model::Pos;
use crate::model::loc::a1;
use crate::report::{Report, page_section, place};
use crate::xlsx_edit::{Mark, NewCell, NewSheet};
use std::collections::BTreeMap;

pub fn mark_of(s: Severity) -> Mark {
    match s {
        Severity::Error => Mark::Error,
        Severity::Warning => Mark::Warning,
        Severity::Info => Mark::Info,
    }
}

/// `第4项“其他相关材料”` for a finding on one entry of a cell, else nothing.
pub fn entry_phrase(n: usize, text: Option<&str>) -> Option<String> {
    (n > 0).then(|| match text {
        Some(x) => t(&format!("第{n}项“{x}”"), &format!("entry {n} “{x}”")).to_string(),
        None => t(&format!("第{n}项"), &format!("entry {n}")).to_string(),
    })
}

/// What the finding's fix would write, or did: `改为“不收费”`.
pub fn fix_phrase(new: &str, safe: bool, applied: bool) -> String {
    match (applied, safe) {
        (true, _) => t(&format!("已改为“{new}”"), &format!("changed to “{new}”")).to_string(),
        (false, true) => t(&format!("改为“{new}”"), &format!("change to “{new}”")).to_string(),
        (false, false) => t(
            &format!("改为“{new}”（需确认）"),
            &format!("change to “{new}” (needs review)"),
        )
        .to_string(),
    }
}

/// One finding as the sheets and comments say it.
pub struct Said {
    pub entry: Option<String>,
    pub message: String,
    pub help: Option<String>,
    /// What the fix writes (or wrote), when the finding has one.
    pub fix: Option<String>,
}

impl Said {
    /// 修改建议: the help, then the fix.
    fn advice(&self) -> Option<String> {
        let parts: Vec<&str> = self.help.iter().chain(&self.fix).map(String::as_str).collect();
        (!parts.is_empty()).then(|| parts.join(t("；", "; ")))
    }
}

/// The lines above the list: source, date, counts, what the copy does not keep, notes.
pub struct Summary {
    pub source: String,
    pub date: String,
    pub hidden: usize,
    pub not_kept: Vec<Msg>,
    pub notes: Vec<Msg>,
}

/// The 说明 column of 检查结果.
const MESSAGE: usize = 7;

/// A column of a new sheet: its header in the run's language and its width.
/// The headers in the language of the run, each with its column width.
fn columns(names: &[(&str, &str)], widths: &[f64]) -> Vec<(String, f64)> {
    names
        .iter()
        .zip(widths)
        .map(|(&(zh, en), &w)| (t(zh, en).to_string(), w))
        .collect()
}

pub fn findings(r: &Report, placed: &[Placed], said: &[Said], planned: &Planned, sum: &Summary) -> NewSheet {
    // The loader knows these headers too: a copy linted again skips this sheet.
    let columns = columns(&FINDINGS_COLUMNS, &[6.0, 10.0, 8.0, 24.0, 28.0, 16.0, 16.0, 60.0, 44.0]);
    let mut rows = summary_rows(r.diags, planned, sum, columns.len());
    let mut idx: Vec<usize> = (0..r.diags.len()).collect();
    // Findings about a whole file first, then sheet by sheet, row by row.
    idx.sort_by(|&a, &b| placed[a].cell.cmp(&placed[b].cell).then(a.cmp(&b)));
    for (n, &i) in idx.iter().enumerate() {
        let (d, p, s) = (&r.diags[i], &placed[i], &said[i]);
        let place = match &p.cell {
            Some(c) => {
                let mut text = format!("{}!{}", c.sheet, a1(c.row, c.col));
                if c.entry > 0 {
                    text.push_str(&format!(
                        " {}",
                        t(&format!("第{}项", c.entry), &format!("#{}", c.entry))
                    ));
                }
                NewCell::Link {
                    text,
                    sheet: c.sheet.clone(),
                    row: c.row,
                    col: c.col,
                }
            }
            // No cell: the place in the source (a line of a YAML or export), or the file.
            None => NewCell::Text(match d.loc.pos {
                Pos::None => t("整个文件", "whole file").to_string(),
                _ => place(r.catalog, d.loc),
            }),
        };
        let text = |s: Option<&str>| s.map_or(NewCell::Empty, |s| NewCell::Text(s.to_string()));
        let message = match &s.entry {
            Some(e) => format!("{e}{}{}", t("：", ": "), s.message),
            None => s.message.clone(),
        };
        rows.push(vec![
            NewCell::Number((n + 1) as f64),
            NewCell::Marked(d.severity.label().to_string(), mark_of(d.severity)),
            NewCell::Text(d.code.to_string()),
            text(r.item_code(d)),
            text(r.item_name(d)),
            text(p.header.as_deref()),
            place,
            NewCell::Text(message),
            text(s.advice().as_deref()),
        ]);
    }
    NewSheet {
        name: t("检查结果", "Findings").to_string(),
        columns,
        rows,
        autofilter: true,
        freeze_header: true,
        landscape_a4: true,
    }
}

fn summary_rows(diags: &[Diagnostic], planned: &Planned, sum: &Summary, width: usize) -> Vec<Vec<NewCell>> {
    let mut lines: Vec<(&str, String)> = Vec::new();
    let label = |zh: &'static str, en: &'static str| t(zh, en);
    lines.push((label("来源", "Source"), sum.source.clone()));
    lines.push((label("检查日期", "Checked on"), sum.date.clone()));
    let count = |s: Severity| diags.iter().filter(|d| d.severity == s).count();
    let (e, w, i) = (count(Severity::Error), count(Severity::Warning), count(Severity::Info));
    let mut counts = if diags.is_empty() {
        t("未发现问题", "no problems found").to_string()
    } else {
        t(
            &format!("共 {} 个问题：错误 {e} 个，警告 {w} 个，提示 {i} 个", diags.len()),
            &format!("{} findings: {e} errors, {w} warnings, {i} infos", diags.len()),
        )
        .to_string()
    };
    if sum.hidden > 0 {
        counts.push_str(t(
            &format!("（另有 {} 个被基线或忽略注释隐藏）", sum.hidden),
            &format!(" ({} more hidden by a baseline or suppressions)", sum.hidden),
        ));
    }
    lines.push((label("结果", "Result"), counts));
    let fixed = planned.fixed.iter().filter(|f| **f).count();
    if fixed > 0 {
        lines.push((
            label("修改", "Fixed"),
            t(
                &format!(
                    "已在本副本中自动修改 {fixed} 个问题（{} 个单元格，绿色，批注里有原值）；原文件未改动",
                    planned.cells.len()
                ),
                &format!(
                    "{fixed} findings fixed in this copy ({} cells, green, the old value in the comment); the original is unchanged",
                    planned.cells.len()
                ),
            )
            .to_string(),
        ));
    }
    for n in &sum.notes {
        lines.push((label("说明", "Note"), n.to_string()));
    }
    for n in &sum.not_kept {
        lines.push((label("未保留", "Not kept"), n.to_string()));
    }
    lines
        .into_iter()
        .map(|(l, text)| {
            let mut row = vec![NewCell::Empty; width];
            // The label under 严重程度, the line in the wide 说明 column (a narrow one wraps it
            // into a tall row).
            row[1] = NewCell::Text(l.to_string());
            row[MESSAGE] = NewCell::Text(text);
            row
        })
        .collect()
}

/// 规则说明: each rule that fired, with what it checks, why and how to fix, and how often.
pub fn rules(r: &Report) -> NewSheet {
    let columns = columns(&RULES_COLUMNS, &[8.0, 24.0, 10.0, 44.0, 44.0, 44.0, 8.0]);
    let mut fired: BTreeMap<&str, (Severity, usize)> = BTreeMap::new();
    for d in r.diags {
        let e = fired.entry(d.code.as_ref()).or_insert((d.severity, 0));
        e.0 = e.0.max(d.severity);
        e.1 += 1;
    }
    let rows = fired
        .into_iter()
        .map(|(code, (sev, n))| {
            let meta = r.rules.get(code);
            let page = meta.map(|m| match lang() {
                Lang::Zh => m.page.zh.as_ref(),
                Lang::En => m.page.en.as_ref(),
            });
            // A cell shows text, not Markdown: no emphasis marks or code quotes.
            let section = |k: usize| {
                page.and_then(|p| page_section(p, k, true)).map_or(NewCell::Empty, |s| {
                    NewCell::Text(brief(&s.replace("**", "").replace('`', ""), code))
                })
            };
            vec![
                NewCell::Text(code.to_string()),
                meta.map_or(NewCell::Empty, |m| NewCell::Text(m.summary.to_string())),
                NewCell::Marked(sev.label().to_string(), mark_of(sev)),
                section(0),
                section(1),
                section(2),
                NewCell::Number(n as f64),
            ]
        })
        .collect();
    NewSheet {
        name: t("规则说明", "Rules").to_string(),
        columns,
        rows,
        autofilter: true,
        freeze_header: true,
        landscape_a4: true,
    }
}

/// A page section short enough for a printed cell: a declarative rule's "what" lists its whole
/// vocabulary, hundreds of words no clerk reads in a cell. Cut at a line or sentence end, with
/// where the rest is.
fn brief(text: &str, code: &str) -> String {
    const MAX: usize = 320;
    if text.chars().count() <= MAX {
        return text.to_string();
    }
    let head: String = text.chars().take(MAX).collect();
    let cut = head
        .rfind(['\n', '。', '；'])
        .map_or(head.len(), |i| i + head[i..].chars().next().map_or(0, char::len_utf8));
    let more = match lang() {
        Lang::Zh => format!("……（全文：catalog explain {code}）"),
        Lang::En => format!("… (in full: catalog explain {code})"),
    };
    format!("{}{more}", head[..cut].trim_end())
}
