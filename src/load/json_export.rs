//! JSON files: the plain model written by `catalog convert` (see `model::plain`), or records
//! exported by other systems (a JSON array, or JSON Lines), mapped through a profile — given
//! with `--profile`, or a built-in one recognized by its keys (`profiles/*.yaml`), or else by
//! the field dictionary (keys that are field names or aliases).

use crate::error::Error;
use crate::load::LoadOptions;
use crate::load::sheet::profile::{Profile, query_param};
use crate::load::sheet::rows::{RowOptions, is_none_value, set_field};
use crate::model::fields::{self, Scope};
use crate::model::*;
use serde_json::Value as J;
use std::path::Path;
use std::sync::Arc;

pub fn load(path: &Path, opts: &LoadOptions, profile: Option<&Profile>) -> Result<Catalog, Error> {
    let bytes = crate::load::limits::read_bounded(path)?;
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
        taxonomy: opts.taxonomy.clone(),
        detail_rows: false,
        merges_lost: false,
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
        label_fields(&mut cat, p, &recs, Loc::text(file, 1, 1, 0, 0));
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
        own_sheets: Vec::new(),
    }
}

/// The profile's `lacks` as notes on the file (rules listed there do not apply to its items).
pub fn apply_lacks(cat: &mut Catalog, p: &Profile, loc: Loc) {
    for l in &p.lacks {
        cat.notes.push(Note {
            loc,
            kind: NoteKind::Lacks {
                what: l.what().to_string(),
                rules: l.rules.clone(),
                sheet: None,
                columns_only: false,
            },
            detail: p.name.clone(),
        });
    }
}

/// What the export calls each field (its key, the first one read for the field), so messages
/// can name it as the user knows it.
fn label_fields(cat: &mut Catalog, p: &Profile, recs: &[Rec], loc: Loc) {
    let mut seen: Vec<fields::F> = Vec::new();
    for rec in recs {
        for (k, ..) in &rec.entries {
            let targets = p.column(k).map(|(_, def)| def).into_iter().chain(
                p.derived
                    .iter()
                    .filter(|d| d.from == *k && d.query.is_none())
                    .filter_map(|d| crate::load::sheet::profile::target_field(&d.to).map(|t| t.1)),
            );
            for def in targets {
                if !seen.contains(&def.id) {
                    seen.push(def.id);
                    cat.notes.push(Note {
                        loc,
                        kind: NoteKind::Label {
                            field: def.id,
                            label: k.clone(),
                        },
                        detail: p.name.clone(),
                    });
                }
            }
        }
    }
}

/// The whole document (one value) or JSON Lines (a value per line), with byte offsets.
fn parse(path: &Path, text: &str) -> Result<Vec<(usize, J)>, Error> {
    let trimmed = text.trim_start();
    let lead = text.len() - trimmed.len();
    let mut stream = serde_json::Deserializer::from_str(trimmed).into_iter::<unique_keys::Strict>();
    let mut out = Vec::new();
    let mut offset = lead;
    loop {
        match stream.next() {
            None => break,
            Some(Ok(unique_keys::Strict(v))) => {
                out.push((offset, v));
                offset = lead + stream.byte_offset();
                // Skip the whitespace to the next value so its offset is its first byte.
                offset += text[offset..].len() - text[offset..].trim_start().len();
            }
            Some(Err(e)) => {
                let line = e.line() as u32 + text[..lead].matches('\n').count() as u32;
                let col = e.column() as u32;
                if let Some(key) = unique_keys::duplicate(&e) {
                    return Err(Error::at(
                        path,
                        line,
                        col,
                        format!("JSON 的同一个对象里键 “{key}” 出现了两次，不知该用哪个值；请删去或改名其中一个"),
                        format!(
                            "the key '{key}' appears twice in one JSON object, so which value holds is unclear; remove or rename one"
                        ),
                    ));
                }
                return Err(Error::at(
                    path,
                    line,
                    col,
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
                // The next record is searched after this one's keys, not from its start: else
                // every record of a group would be found at the group's first.
                *cursor = entries.iter().map(|e| e.2 + 1).max().unwrap_or(start + 1);
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
        // Each value of a list at its own place (a material at its name, not at the key).
        let mut from = *off + k.len() + 2;
        let mut located = |x: &J| {
            let t = scalar_text(x)?;
            let quoted = serde_json::to_string(x).ok()?;
            let loc = match src_text.get(from..).and_then(|r| r.find(&quoted)) {
                Some(i) => {
                    from += i + quoted.len();
                    at(from - quoted.len(), quoted.len())
                }
                None => loc,
            };
            Some((t, loc))
        };
        let values: Vec<(String, Loc)> = match v {
            J::Array(a) => a.iter().filter_map(&mut located).collect(),
            other => located(other).into_iter().collect(),
        };
        let values: Vec<(String, Loc)> = values
            .into_iter()
            .filter(|(s, _)| !s.is_empty() && !is_none_value(opt, s))
            .collect();
        if values.is_empty() {
            if scope == Scope::Material {
                notes.push(Note {
                    loc,
                    kind: NoteKind::NoneGiven {
                        field: def.id,
                        said_at: None,
                    },
                    detail: scalar_text(v).unwrap_or_default(),
                });
            }
            continue;
        }
        let s = scenario.get_or_insert_with(|| Scenario {
            loc,
            ..Default::default()
        });
        for (t, loc) in values {
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

/// JSON values read with every object's keys unique. serde_json keeps the last of two equal
/// keys without a word; a record's field given twice is an export fault to name, as the YAML
/// reader names a duplicate key.
mod unique_keys {
    use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
    use serde_json::{Map, Value};

    const DUPLICATE: &str = "duplicate key: ";

    pub struct Strict(pub Value);

    /// The key a parse error names as given twice.
    pub fn duplicate(e: &serde_json::Error) -> Option<String> {
        let s = e.to_string();
        let rest = s.strip_prefix(DUPLICATE)?;
        // serde_json appends " at line L column C".
        Some(rest.rsplit_once(" at line ").map_or(rest, |(k, _)| k).to_string())
    }

    impl<'de> Deserialize<'de> for Strict {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            d.deserialize_any(StrictVisitor).map(Strict)
        }
    }

    struct StrictVisitor;

    impl<'de> Visitor<'de> for StrictVisitor {
        type Value = Value;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a JSON value")
        }
        fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
            Ok(Value::Bool(v))
        }
        fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
            Ok(Value::from(v))
        }
        fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
            Ok(Value::from(v))
        }
        fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
            Ok(Value::from(v))
        }
        fn visit_str<E>(self, v: &str) -> Result<Value, E> {
            Ok(Value::String(v.to_owned()))
        }
        fn visit_string<E>(self, v: String) -> Result<Value, E> {
            Ok(Value::String(v))
        }
        fn visit_unit<E>(self) -> Result<Value, E> {
            Ok(Value::Null)
        }
        fn visit_none<E>(self) -> Result<Value, E> {
            Ok(Value::Null)
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
            Strict::deserialize(d).map(|s| s.0)
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
            let mut v = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
            while let Some(Strict(x)) = seq.next_element()? {
                v.push(x);
            }
            Ok(Value::Array(v))
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
            let mut m = Map::new();
            while let Some(k) = map.next_key::<String>()? {
                if m.contains_key(&k) {
                    return Err(de::Error::custom(format!("{DUPLICATE}{k}")));
                }
                let Strict(v) = map.next_value()?;
                m.insert(k, v);
            }
            Ok(Value::Object(m))
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn a_key_given_twice_is_named() {
            let e = serde_json::from_str::<Strict>("[{\"a\": 1,\n \"b\": {\"c\": 1, \"c\": 2}}]")
                .err()
                .unwrap();
            assert_eq!(duplicate(&e).as_deref(), Some("c"));
            assert_eq!(e.line(), 2);
            let ok = serde_json::from_str::<Strict>("{\"a\": [1, 2.5, null, true, \"x\"], \"b\": {\"a\": 1}}").unwrap();
            assert_eq!(ok.0["b"]["a"], 1);
        }
    }
}
