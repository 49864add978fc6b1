//! One pass over the YAML parser's events into a small node tree that keeps every position.
//!
//! Scalars are kept as text (a 实施编码 like `…E43…` must never become a float); anchors are
//! expanded with a budget so an alias bomb fails fast instead of eating memory.

use crate::error::Error;
use crate::load::limits;
use granit_parser::{Event, Options, Parser, ScalarStyle, Span};
use std::borrow::Cow;
use std::collections::HashMap;
use std::path::Path;

/// Position of a node: 1-based line, 1-based character column, byte offset and length.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TPos {
    pub line: u32,
    pub col: u32,
    pub offset: u32,
    pub len: u32,
}

#[derive(Clone, Debug)]
pub enum Node<'a> {
    Scalar {
        text: Cow<'a, str>,
        plain: bool,
        pos: TPos,
    },
    Seq {
        items: Vec<Node<'a>>,
        pos: TPos,
        end_line: u32,
    },
    Map {
        entries: Vec<(Node<'a>, Node<'a>)>,
        pos: TPos,
        end_line: u32,
    },
}

impl Node<'_> {
    pub fn pos(&self) -> TPos {
        match self {
            Node::Scalar { pos, .. } | Node::Seq { pos, .. } | Node::Map { pos, .. } => *pos,
        }
    }
    pub fn end_line(&self) -> u32 {
        match self {
            Node::Scalar { pos, .. } => pos.line,
            Node::Seq { end_line, .. } | Node::Map { end_line, .. } => *end_line,
        }
    }
    /// A plain empty, `~` or `null` scalar.
    pub fn is_null(&self) -> bool {
        matches!(self, Node::Scalar { text, plain: true, .. } if matches!(text.as_ref(), "" | "~" | "null" | "Null" | "NULL"))
    }
    /// Put back in place the positions after a stretch of text cut out of the file (see the
    /// parallel loader): offsets at or after `from` move forward by `bytes`, lines after
    /// `after_line` by `lines`.
    pub fn shift(&mut self, from: usize, bytes: usize, after_line: u32, lines: u32) {
        let fix = |p: &mut TPos| {
            if p.offset as usize >= from {
                p.offset += bytes as u32;
            }
            if p.line > after_line {
                p.line += lines;
            }
        };
        let fix_end = |end: &mut u32| {
            if *end > after_line {
                *end += lines;
            }
        };
        match self {
            Node::Scalar { pos, .. } => fix(pos),
            Node::Seq { items, pos, end_line } => {
                fix(pos);
                fix_end(end_line);
                items.iter_mut().for_each(|n| n.shift(from, bytes, after_line, lines));
            }
            Node::Map { entries, pos, end_line } => {
                fix(pos);
                fix_end(end_line);
                for (k, v) in entries {
                    k.shift(from, bytes, after_line, lines);
                    v.shift(from, bytes, after_line, lines);
                }
            }
        }
    }

    fn size(&self) -> usize {
        match self {
            Node::Scalar { .. } => 1,
            Node::Seq { items, .. } => 1 + items.iter().map(Node::size).sum::<usize>(),
            Node::Map { entries, .. } => 1 + entries.iter().map(|(k, v)| k.size() + v.size()).sum::<usize>(),
        }
    }

    /// How many collections deep the node goes (a scalar is 0). Bounded by `MAX_NESTING` for
    /// every node the parser builds, so this recursion is shallow.
    fn depth(&self) -> usize {
        match self {
            Node::Scalar { .. } => 0,
            Node::Seq { items, .. } => 1 + items.iter().map(Node::depth).max().unwrap_or(0),
            Node::Map { entries, .. } => 1 + entries.iter().map(|(k, v)| k.depth().max(v.depth())).max().unwrap_or(0),
        }
    }
}

/// Limits against hostile input.
pub const MAX_NESTING: usize = 200;
pub const MAX_ALIAS_NODES: usize = 1_000_000;

/// A collection being read. Its children wait on the shared `items` / `entries` stacks from
/// `start` on and move into one exactly sized Vec when it closes: no Vec grows child by child.
enum Open<'a> {
    Seq {
        start: usize,
        pos: TPos,
        anchor: usize,
    },
    Map {
        start: usize,
        key: Option<Node<'a>>,
        pos: TPos,
        anchor: usize,
    },
}

struct Cols<'a> {
    src: &'a str,
    /// Where `src` starts in the whole file (a chunk parsed on its own).
    base: Base,
    /// Byte offset of the start of the line last looked up, and its line number.
    line_start: usize,
    line_no: usize,
}

impl Cols<'_> {
    fn pos(&mut self, span: &Span) -> TPos {
        let start = span.start.byte_offset().unwrap_or(0).min(self.src.len());
        let end = span.end.byte_offset().unwrap_or(start).clamp(start, self.src.len());
        let line = span.start.line();
        if line != self.line_no || start < self.line_start {
            self.line_start = self.src[..start].rfind('\n').map_or(0, |i| i + 1);
            self.line_no = line;
        }
        let col = if self.line_start <= start {
            self.src[self.line_start..start].chars().count() + 1
        } else {
            1
        };
        TPos {
            line: (line + self.base.line) as u32,
            col: col as u32,
            offset: (start + self.base.offset) as u32,
            len: (end - start) as u32,
        }
    }
}

/// Line and byte offset of a chunk's first character in its file.
#[derive(Clone, Copy, Debug, Default)]
pub struct Base {
    /// Lines before the chunk.
    pub line: usize,
    pub offset: usize,
}

/// Parse one YAML document into nodes; `None` for an empty file.
pub fn parse<'a>(src: &'a str, path: &Path) -> Result<Option<Node<'a>>, Error> {
    parse_at(src, path, Base::default())
}

/// Parse a chunk of a file that starts at `base`.
pub fn parse_at<'a>(src: &'a str, path: &Path, base: Base) -> Result<Option<Node<'a>>, Error> {
    parse_at_budget(src, path, base, MAX_ALIAS_NODES, None)
}

/// Parse with a share of the alias budget: the chunks of one file split it between them, so a
/// file cannot expand further in parallel than in one parse. `unread`: keys whose values may be
/// left out (see [`super::block::parse`]; the general parser reads everything).
pub fn parse_at_budget<'a>(
    src: &'a str,
    path: &Path,
    base: Base,
    alias_budget: usize,
    unread: Option<&dyn super::block::Unread>,
) -> Result<Option<Node<'a>>, Error> {
    if let Some(node) = super::block::parse(src, base, unread) {
        return Ok(Some(node));
    }
    parse_general(src, path, base, alias_budget)
}

/// The general YAML parser (granit-parser) for any text: what [`super::block`] leaves.
pub fn parse_general<'a>(
    src: &'a str,
    path: &Path,
    base: Base,
    alias_budget: usize,
) -> Result<Option<Node<'a>>, Error> {
    let mut options = Options::default();
    options.flow_nesting_limit = MAX_NESTING;
    options.block_nesting_limit = MAX_NESTING;
    let mut cols = Cols {
        src,
        base,
        line_start: 0,
        line_no: 1,
    };
    let mut stack: Vec<Open> = Vec::new();
    let mut open_items: Vec<Node<'a>> = Vec::new();
    let mut open_entries: Vec<(Node<'a>, Node<'a>)> = Vec::new();
    // Each anchor with its depth: an alias pasted deep inside another must not nest past the
    // limit (a chain of anchors would otherwise build a tree deep enough to overflow the stack).
    let mut anchors: HashMap<usize, (Node<'a>, usize)> = HashMap::new();
    let mut alias_budget = alias_budget;
    let mut root: Option<Node<'a>> = None;
    let mut documents = 0;

    for ev in Parser::new_from_str_with_options(src, options) {
        let (ev, span) = ev.map_err(|e| scan_error(src, path, &e, base))?;
        let done = match ev {
            Event::DocumentStart(..) => {
                documents += 1;
                if documents > 1 {
                    let p = cols.pos(&span);
                    return Err(Error::at(
                        path,
                        p.line,
                        p.col,
                        "一个文件只能有一个 YAML 文档（发现了第二个 ---）；请拆分为多个文件",
                        "a file holds one YAML document (found a second ---); split it into files",
                    ));
                }
                None
            }
            Event::Scalar(text, style, anchor, _) => {
                let pos = cols.pos(&span);
                limits::check_scalar(path, text.len(), pos.line, pos.col)?;
                let node = Node::Scalar {
                    text,
                    plain: style == ScalarStyle::Plain,
                    pos,
                };
                if anchor != 0 {
                    anchors.insert(anchor, (node.clone(), 0));
                }
                Some((node, anchor))
            }
            Event::Alias(id) => {
                let pos = cols.pos(&span);
                let Some((target, depth)) = anchors.get(&id) else {
                    return Err(Error::at(
                        path,
                        pos.line,
                        pos.col,
                        "别名引用了不存在的锚点",
                        "alias to an unknown anchor",
                    ));
                };
                let size = target.size();
                if size > alias_budget {
                    return Err(Error::at(
                        path,
                        pos.line,
                        pos.col,
                        format!("别名展开超过上限（{MAX_ALIAS_NODES} 个节点），疑似“十亿笑声”攻击"),
                        format!("alias expansion exceeds the limit of {MAX_ALIAS_NODES} nodes (billion-laughs?)"),
                    ));
                }
                if stack.len() + depth > MAX_NESTING {
                    return Err(Error::at(
                        path,
                        pos.line,
                        pos.col,
                        format!("别名展开后嵌套层数超过上限 {MAX_NESTING}"),
                        format!("alias expansion nests deeper than the limit of {MAX_NESTING}"),
                    ));
                }
                alias_budget -= size;
                Some((target.clone(), 0))
            }
            Event::SequenceStart(_, anchor, _) => {
                stack.push(Open::Seq {
                    start: open_items.len(),
                    pos: cols.pos(&span),
                    anchor,
                });
                None
            }
            Event::MappingStart(_, anchor, _) => {
                stack.push(Open::Map {
                    start: open_entries.len(),
                    key: None,
                    pos: cols.pos(&span),
                    anchor,
                });
                None
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let end_line = cols.pos(&span).line.max(1);
                match stack.pop() {
                    Some(Open::Seq { start, pos, anchor }) => {
                        let items: Vec<Node<'a>> = open_items.drain(start..).collect();
                        let end_line = items.last().map_or(end_line, |n| n.end_line().max(pos.line));
                        Some((Node::Seq { items, pos, end_line }, anchor))
                    }
                    Some(Open::Map { start, pos, anchor, .. }) => {
                        let entries: Vec<(Node<'a>, Node<'a>)> = open_entries.drain(start..).collect();
                        let end_line = entries.last().map_or(end_line, |(_, v)| v.end_line().max(pos.line));
                        Some((Node::Map { entries, pos, end_line }, anchor))
                    }
                    None => None,
                }
            }
            _ => None,
        };
        if let Some((node, anchor)) = done {
            if anchor != 0 && !matches!(node, Node::Scalar { .. }) {
                let size = node.size();
                if size > MAX_ALIAS_NODES {
                    // Anchored collections that large are only ever used for bombs; keep the
                    // budget check simple by refusing to remember them.
                    let p = node.pos();
                    return Err(Error::at(path, p.line, p.col, "锚点过大", "anchored node too large"));
                }
                let depth = node.depth();
                anchors.insert(anchor, (node.clone(), depth));
            }
            match stack.last_mut() {
                None => root = Some(node),
                Some(Open::Seq { .. }) => open_items.push(node),
                Some(Open::Map { key, .. }) => match key.take() {
                    None => *key = Some(node),
                    Some(k) => open_entries.push((k, node)),
                },
            }
        }
    }
    Ok(root)
}

fn scan_error(src: &str, path: &Path, e: &granit_parser::ScanError, base: Base) -> Error {
    let m = e.marker();
    let line = (m.line() + base.line) as u32;
    let col = match m.byte_offset() {
        Some(b) if b <= src.len() => {
            let bol = src[..b].rfind('\n').map_or(0, |i| i + 1);
            src[bol..b].chars().count() as u32 + 1
        }
        _ => m.col() as u32 + 1,
    };
    let info = e.info();
    let (zh, en) = explain_scan_error(&info, src, m.line() as u32);
    // The parser notices a tab at the end of the token before it; point at the tab itself.
    if info.contains("tab")
        && let Some(at) = m.byte_offset()
        // From the start of the marker's line: the marker may already be past an indenting tab.
        && let Some(from) = src.get(..at).map(|head| head.rfind('\n').map_or(0, |i| i + 1))
        && let Some(t) = src.get(from..).and_then(|rest| rest.find('\t')).map(|i| i + from)
    {
        let head = &src[..t];
        let tab_line = head.matches('\n').count() as u32 + 1 + base.line as u32;
        let bol = head.rfind('\n').map_or(0, |i| i + 1);
        return Error::at(path, tab_line, head[bol..].chars().count() as u32 + 1, zh, en);
    }
    Error::at(path, line.max(1), col, zh, en)
}

/// Plain-language wording for the parser's messages that office staff meet most.
fn explain_scan_error(info: &str, src: &str, line: u32) -> (String, String) {
    let line_text = src.lines().nth(line.saturating_sub(1) as usize).unwrap_or("");
    if line_text.contains('\t') || info.contains("tab") {
        return (
            format!("YAML 语法错误：不能用制表符（Tab）缩进，请改用空格（{info}）"),
            format!("YAML syntax error: tabs cannot be used for indentation, use spaces ({info})"),
        );
    }
    if info.contains("nesting") || info.contains("recursion") {
        return (
            format!("YAML 嵌套层数超过上限 {MAX_NESTING}（{info}）"),
            format!("YAML nesting deeper than the limit of {MAX_NESTING} ({info})"),
        );
    }
    if info.contains("indent")
        || info.contains("mapping values are not allowed")
        || info.contains("did not find expected")
    {
        return (
            format!("YAML 语法错误：缩进不正确或缺少冒号/短横线（{info}）"),
            format!("YAML syntax error: bad indentation or a missing colon/dash ({info})"),
        );
    }
    (format!("YAML 语法错误：{info}"), format!("YAML syntax error: {info}"))
}
