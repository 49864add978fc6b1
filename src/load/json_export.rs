//! JSON files: the plain model written by `catalog convert` (see `model::plain`), or records
//! exported by other systems (a JSON array, or JSON Lines), mapped through a profile — given
//! with `--profile`, or a built-in one recognized by its keys (`profiles/*.yaml`), or else by
//! the field dictionary (keys that are field names or aliases).

use crate::error::Error;
use crate::load::LoadOptions;
use crate::load::sheet::profile::{Profile, query_param};
use crate::load::sheet::rows::{RowOptions, set_field};
use crate::model::fields::{self, Scope};
use crate::model::*;
use serde_json::Value as J;
use std::path::Path;
use std::sync::Arc;

pub fn load(path: &Path, opts: &LoadOptions, profile: Option<&Profile>) -> Result<Catalog, Error> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, &e))?;
    let text = crate::load::csv::decode(path, &bytes, opts.encoding.as_deref())?.into_owned();
    let file: FileId = 0;
    let records = parse(path, &text)?;
    // Our own plain model.
    if let [(_, J::Object(o))] = records.as_slice()
        && o.get("format").and_then(J::as_str) == Some(plain::FORMAT)
    {
        let loc = Loc::text(file, 1, 1, 0, 0);
        let mut cat = plain::from_json(&records[0].1, loc).map_err(|e| {
            Error::plain(
                Some(path),
                format!("{}：{}", e.path, e.zh),
                format!("{}: {}", e.path, e.en),
            )
        })?;
        cat.sources.push(source(path, text, SourceKind::Json));
        return Ok(cat);
    }
    let builtin;
    let profile = match profile {
        Some(p) => Some(p),
        None => {
            builtin = detect(&records);
            builtin.as_ref()
        }
    };
    let mut recs = Vec::new();
    let loc_of = Locator::new(&text);
    let mut cursor = 0usize;
    for (offset, v) in &records {
        cursor = cursor.max(*offset);
        flatten(
            v,
            profile.map_or("", |p| p.records.as_str()),
            &mut Vec::new(),
            &text,
            &mut cursor,
            &mut recs,
        );
    }
    if recs.is_empty() {
        return Err(Error::plain(
            Some(path),
            "JSON 中没有事项记录".into(),
            "no item records in the JSON".into(),
        ));
    }
    let opt = RowOptions {
        fill_down: Vec::new(),
        explicit: false,
        empty_values: profile.map(|p| p.empty_values.clone()).unwrap_or_default(),
        office_headers: false,
    };
    let mut cat = Catalog::default();
    let mut mapped_any = false;
    for rec in &recs {
        let (mut item, notes, mapped) = item_from(rec, &text, file, &loc_of, profile, &opt);
        mapped_any |= mapped;
        item.shrink_to_fit();
        cat.items.push(item);
        cat.notes.extend(notes);
    }
    if !mapped_any {
        return Err(Error::plain(
            Some(path),
            "JSON 记录的键都不是已知字段：请用 --profile 指定映射（见 profiles/ 目录）".into(),
            "none of the record keys is a known field: give a mapping with --profile (see profiles/)".into(),
        ));
    }
    if let Some(p) = profile {
        apply_lacks(&mut cat, p, Loc::text(file, 1, 1, 0, 0));
    }
    cat.sources.push(source(path, text, SourceKind::Json));
    Ok(cat)
}

fn source(path: &Path, text: String, kind: SourceKind) -> Source {
    // Exports are one long line per record: a snippet of them helps nobody, so keep the text
    // only for small, line-structured files.
    let lines = text.lines().count().max(1);
    let keep = text.len() / lines < 400;
    Source {
        path: path.to_path_buf(),
        display: crate::load::display_path(path),
        kind,
        text: keep.then(|| Arc::from(text)),
        sheets: Vec::new(),
    }
}

/// The profile's `lacks` as notes on the file (rules listed there do not apply to its items).
pub fn apply_lacks(cat: &mut Catalog, p: &Profile, loc: Loc) {
    for l in &p.lacks {
        cat.notes.push(Note {
            loc,
            kind: NoteKind::Lacks {
                what: l.what.clone(),
                rules: l.rules.clone(),
            },
            detail: p.name.clone(),
        });
    }
}

/// The whole document (one value) or JSON Lines (a value per line), with byte offsets.
fn parse(path: &Path, text: &str) -> Result<Vec<(usize, J)>, Error> {
    let trimmed = text.trim_start();
    let lead = text.len() - trimmed.len();
    let mut stream = serde_json::Deserializer::from_str(trimmed).into_iter::<J>();
    let mut out = Vec::new();
    let mut offset = lead;
    loop {
        match stream.next() {
            None => break,
            Some(Ok(v)) => {
                out.push((offset, v));
                offset = lead + stream.byte_offset();
                // Skip the whitespace to the next value so its offset is its first byte.
                offset += text[offset..].len() - text[offset..].trim_start().len();
            }
            Some(Err(e)) => {
                let line = e.line() as u32;
                return Err(Error::at(
                    path,
                    line + text[..lead].matches('\n').count() as u32,
                    e.column() as u32,
                    format!("JSON 格式错误：{e}"),
                    format!("malformed JSON: {e}"),
                ));
            }
        }
    }
    Ok(out)
}

/// A built-in profile whose `detect` keys all appear in the first record.
fn detect(records: &[(usize, J)]) -> Option<Profile> {
    let first = match records.first().map(|r| &r.1) {
        Some(J::Array(a)) => a.first()?,
        Some(v) => v,
        None => return None,
    };
    let o = first.as_object()?;
    Profile::builtin()
        .into_iter()
        .find(|p| !p.detect.is_empty() && p.detect.iter().all(|k| o.contains_key(k)))
}

/// One record: its (key, value, byte offset of the key) entries, parents' scalars first.
struct Rec {
    offset: usize,
    entries: Vec<(String, J, usize)>,
}

/// Walk nested record lists (`items.sub_items`): each leaf object becomes a record that
/// inherits the scalar keys of its parents. Offsets are found by searching forward in the text
/// (objects are visited in document order).
fn flatten(
    v: &J,
    path: &str,
    inherited: &mut Vec<(String, J, usize)>,
    text: &str,
    cursor: &mut usize,
    out: &mut Vec<Rec>,
) {
    match v {
        J::Array(a) => {
            for x in a {
                flatten(x, path, inherited, text, cursor, out);
            }
        }
        J::Object(o) => {
            let (head, rest) = match path.split_once('.') {
                Some((h, r)) => (h, r),
                None => (path, ""),
            };
            let start = o
                .keys()
                .next()
                .and_then(|k| find_key(text, *cursor, k))
                .unwrap_or(*cursor);
            *cursor = start;
            let mut entries = Vec::new();
            for (k, val) in o {
                if !head.is_empty() && k == head {
                    continue;
                }
                let at = find_key(text, start, k).unwrap_or(start);
                entries.push((k.clone(), val.clone(), at));
            }
            if head.is_empty() {
                let mut all = inherited.clone();
                all.extend(entries);
                out.push(Rec {
                    offset: start,
                    entries: all,
                });
                return;
            }
            let n = inherited.len();
            inherited.extend(entries);
            if let Some(child) = o.get(head) {
                flatten(child, rest, inherited, text, cursor, out);
            }
            inherited.truncate(n);
        }
        _ => {}
    }
}

fn find_key(text: &str, from: usize, key: &str) -> Option<usize> {
    let quoted = serde_json::to_string(key).ok()?;
    text.get(from..)?.find(&quoted).map(|i| i + from)
}

struct Locator {
    line_starts: Vec<usize>,
    text_len: usize,
}

impl Locator {
    fn new(text: &str) -> Locator {
        let mut line_starts = vec![0];
        line_starts.extend(
            text.bytes()
                .enumerate()
                .filter(|(_, b)| *b == b'\n')
                .map(|(i, _)| i + 1),
        );
        Locator {
            line_starts,
            text_len: text.len(),
        }
    }
    fn loc(&self, text: &str, file: FileId, offset: usize, len: usize) -> Loc {
        let offset = offset.min(self.text_len);
        let line = self.line_starts.partition_point(|s| *s <= offset);
        let bol = self.line_starts[line - 1];
        let col = text.get(bol..offset).map_or(1, |s| s.chars().count() + 1);
        Loc::text(file, line as u32, col as u32, offset as u32, len as u32)
    }
}

fn scalar_text(v: &J) -> Option<String> {
    match v {
        J::Null => None,
        J::String(s) => Some(crate::load::sheet::grid::clean(s).into_owned()),
        J::Number(n) => Some(n.to_string()),
        J::Bool(b) => Some(if *b { "是" } else { "否" }.to_string()),
        J::Array(a) => {
            let parts: Vec<String> = a.iter().filter_map(scalar_text).filter(|s| !s.is_empty()).collect();
            Some(parts.join("\n"))
        }
        J::Object(_) => None,
    }
}

fn item_from(
    rec: &Rec,
    src_text: &str,
    file: FileId,
    lx: &Locator,
    profile: Option<&Profile>,
    opt: &RowOptions,
) -> (Item, Vec<Note>, bool) {
    let mut notes = Vec::new();
    let mut item = Item::default();
    let mut mapped = false;
    let mut scenario: Option<Scenario> = None;
    let at = |off: usize, len: usize| lx.loc(src_text, file, off, len);
    item.loc = at(rec.offset, 0);
    for (k, v, off) in &rec.entries {
        let loc = at(*off, k.len() + 2);
        let target = match profile {
            Some(p) => p.column(k),
            None => fields::lookup(Scope::Item, k).map(|f| (Scope::Item, f)),
        };
        let Some((scope, def)) = target else {
            item.extra.push(Extra {
                key: k.clone(),
                value: v.clone(),
                loc,
            });
            continue;
        };
        mapped = true;
        if scope == Scope::Item {
            match scalar_text(v) {
                Some(t) if !t.is_empty() => {
                    set_field(def, k, &t, loc, &mut item.fields, &mut item.extra, &mut notes, opt)
                }
                Some(_) => {}
                None if v.is_null() => {}
                None => item.extra.push(Extra {
                    key: k.clone(),
                    value: v.clone(),
                    loc,
                }),
            }
            continue;
        }
        let values: Vec<String> = match v {
            J::Array(a) => a.iter().filter_map(scalar_text).collect(),
            other => scalar_text(other).into_iter().collect(),
        };
        let values: Vec<String> = values
            .into_iter()
            .filter(|s| !s.is_empty() && !opt.empty_values.contains(s))
            .collect();
        if values.is_empty() {
            continue;
        }
        let s = scenario.get_or_insert_with(|| Scenario {
            loc,
            ..Default::default()
        });
        for t in values {
            match scope {
                Scope::Material => {
                    let mut m = Material {
                        loc,
                        ..Default::default()
                    };
                    set_field(def, k, &t, loc, &mut m.fields, &mut m.extra, &mut notes, opt);
                    s.materials.push(m);
                }
                Scope::Point => {
                    let mut p = AcceptancePoint {
                        loc,
                        ..Default::default()
                    };
                    set_field(def, k, &t, loc, &mut p.fields, &mut p.extra, &mut notes, opt);
                    s.acceptance_points.push(p);
                }
                Scope::Scenario => set_field(def, k, &t, loc, &mut s.fields, &mut s.extra, &mut notes, opt),
                Scope::Step => {
                    let mut p = Step {
                        loc,
                        ..Default::default()
                    };
                    set_field(def, k, &t, loc, &mut p.fields, &mut p.extra, &mut notes, opt);
                    item.process.push(p);
                }
                Scope::Duty => {
                    let mut p = Duty {
                        loc,
                        ..Default::default()
                    };
                    set_field(def, k, &t, loc, &mut p.fields, &mut p.extra, &mut notes, opt);
                    item.supervision.push(p);
                }
                _ => {}
            }
        }
    }
    if let Some(p) = profile {
        for d in &p.derived {
            let Some((k, v, off)) = rec.entries.iter().find(|(k, ..)| *k == d.from) else {
                continue;
            };
            let Some(src) = v.as_str() else { continue };
            let part = match &d.query {
                Some(q) => query_param(src, q),
                None => Some(src),
            };
            let Some(part) = part else { continue };
            let value = d.map.get(part).map_or(part, String::as_str);
            if let Some((Scope::Item, def)) = crate::load::sheet::profile::target_field(&d.to) {
                let label = match &d.query {
                    Some(q) => format!("{k}?{q}"),
                    None => k.clone(),
                };
                set_field(
                    def,
                    &label,
                    value,
                    at(*off, k.len() + 2),
                    &mut item.fields,
                    &mut item.extra,
                    &mut notes,
                    opt,
                );
                mapped = true;
            }
        }
    }
    if let Some(s) = scenario {
        item.scenarios.push(s);
    }
    (item, notes, mapped)
}
