//! 事项层级: the six levels, read from the vocabulary in `rules/levels.yaml`.

use rustc_hash::FxHashMap as HashMap;
use serde::Deserialize;
use std::sync::OnceLock;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Level(pub u8);

#[derive(Deserialize)]
struct Vocab {
    levels: Vec<Entry>,
    #[serde(default)]
    marks: Marks,
    /// Words written where a level goes that name no tier (分级管理, 属地, 全省).
    #[serde(default)]
    notes: Vec<String>,
}

/// Level mark columns (行使层级 › 省级 | 市级 | 县级, each row ticking its levels).
#[derive(Deserialize, Default)]
struct Marks {
    header_prefixes: Vec<String>,
    header_suffixes: Vec<String>,
    yes: Vec<String>,
    no: Vec<String>,
}

#[derive(Deserialize)]
struct Entry {
    name: String,
    digit: u8,
    spellings: Vec<String>,
}

struct Table {
    names: Vec<(u8, String)>,
    by_spelling: HashMap<String, u8>,
    marks: Marks,
    notes: Vec<String>,
}

fn table() -> &'static Table {
    static T: OnceLock<Table> = OnceLock::new();
    T.get_or_init(|| {
        let v: Vocab = serde_saphyr::from_str(include_str!("../../rules/levels.yaml"))
            .expect("rules/levels.yaml is valid (checked by tests)");
        let mut by_spelling = HashMap::default();
        let mut names = Vec::new();
        for e in v.levels {
            for s in &e.spellings {
                by_spelling.insert(s.clone(), e.digit);
            }
            by_spelling.insert(e.name.clone(), e.digit);
            names.push((e.digit, e.name));
        }
        Table {
            names,
            by_spelling,
            marks: v.marks,
            notes: v.notes,
        }
    })
}

/// A text with a bracketed note at its end (`市级（含区）`): what comes before, and the note.
fn noted(s: &str) -> Option<(&str, &str)> {
    let body = s.strip_suffix(['）', ')'])?;
    let open = body.rfind(['（', '('])?;
    (open > 0).then(|| (&body[..open], body[open..].trim_start_matches(['（', '('])))
}

/// The parts of a level list written apart (`市、县（区）`), outside brackets.
fn apart(s: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut from) = (0i32, 0);
    for (i, c) in s.char_indices() {
        match c {
            '（' | '(' => depth += 1,
            '）' | ')' => depth -= 1,
            '、' | '，' | ',' | '/' | '／' | '和' | '与' if depth == 0 => {
                parts.push(&s[from..i]);
                from = i + c.len_utf8();
            }
            _ => {}
        }
    }
    parts.push(&s[from..]);
    parts.into_iter().map(str::trim).collect()
}

/// Each part's levels: the part as one spelling, else a level to a character (the characters
/// first when `chars_first`). `None` when a part is neither.
fn tokens(parts: &[&str], chars_first: bool) -> Option<Vec<Level>> {
    let mut out = Vec::new();
    for p in parts {
        let by_char = || -> Option<Vec<Level>> {
            p.chars()
                .map(|c| Level::parse(c.encode_utf8(&mut [0; 4])))
                .collect::<Option<Vec<_>>>()
                .filter(|v| !v.is_empty())
        };
        let whole = || {
            Level::parse(p)
                .map(|l| vec![l])
                .or_else(|| Level::is_note(p).then(Vec::new))
        };
        let got = if chars_first {
            by_char().or_else(whole)
        } else {
            whole().or_else(by_char)
        };
        out.extend(got?);
    }
    Some(out)
}

fn distinct(v: &[Level]) -> Vec<Level> {
    let mut d = v.to_vec();
    d.sort();
    d.dedup();
    d
}

impl Level {
    /// Read a level as written (any known spelling, full- or half-width brackets).
    pub fn parse(s: &str) -> Option<Level> {
        let s = s.trim();
        let by = &table().by_spelling;
        by.get(s)
            .or_else(|| {
                // `镇（街道）级`: a bracketed spelling (`镇（街道）`) with the 级 a list heads its
                // levels with, as 乡镇（街道）级 is 乡镇（街道）.
                let t = s.strip_suffix('级').filter(|t| t.ends_with(['）', ')']))?;
                by.get(t)
                    .or_else(|| by.get(t.replace('(', "（").replace(')', "）").as_str()))
            })
            .map(|d| Level(*d))
    }
    /// One level or several said at once: `市县两级`, `省市县三级` (one character per level, as
    /// many as the numeral says), `市、县（区）两级` (spellings apart), `区县两级` (two names of
    /// one tier, as many as the numeral says: 县级), `县级以上` (a local list's levels from the
    /// province down to that one: 省级、市级、县级), `县级及以下` (that one down to the 乡镇, the
    /// lowest tier of government: 县级、乡镇级; a 村 is none), `市级（含区）` (the level and the
    /// one its note includes: 市级、县级; `（不含区）` adds none), as well as any single spelling.
    ///
    /// A word that names no tier (`分级管理`, `属地`, `全省`: `notes` in the vocabulary) is read
    /// and gives no level, alone or beside levels (`省级、属地`).
    pub fn parse_many(s: &str) -> Option<Vec<Level>> {
        if let Some(l) = Level::parse(s) {
            return Some(vec![l]);
        }
        let s = s.trim();
        if Level::is_note(s) {
            return Some(Vec::new());
        }
        if let Some((base, note)) = noted(s) {
            if note.starts_with("不含") || note.starts_with("不包括") {
                return Level::parse_many(base);
            }
            if let Some(inc) = note.strip_prefix("含").or_else(|| note.strip_prefix("包括")) {
                if inc.trim().is_empty() {
                    return None;
                }
                let mut v = Level::parse_many(base)?;
                // 县级（含功能区）: what the note includes is no tier of government.
                if let Some(more) = Level::parse_many(inc) {
                    v.extend(more);
                }
                return Some(distinct(&v));
            }
            // 县级（委托乡镇实施）: a note on how the level exercises the power, not a level.
            if let Some(v) = Level::parse_many(base) {
                return Some(v);
            }
        }
        let without = |tail: &str| {
            s.strip_suffix(tail)
                .map(|x| x.strip_suffix('及').unwrap_or(x))
                .and_then(Level::parse)
        };
        if let Some(lowest) = without("以上") {
            let province = 2;
            return Some((province.min(lowest.0)..=lowest.0).map(Level).collect());
        }
        if let Some(highest) = without("以下") {
            let township = 5;
            return Some((highest.0..=township.max(highest.0)).map(Level).collect());
        }
        let (body, n) = [("两级", 2), ("二级", 2), ("三级", 3), ("四级", 4), ("五级", 5)]
            .iter()
            .find_map(|&(tail, n)| s.strip_suffix(tail).map(|c| (c, Some(n))))
            // 市县, 省市县, 市县级: a level to a character, from the top down, without the count.
            // `县级级` keeps its last 级: it ends no list of levels but is a typo (`市级、县级级`).
            .unwrap_or((s.strip_suffix('级').filter(|b| !b.ends_with('级')).unwrap_or(s), None));
        let parts = apart(body);
        let whole_first = tokens(&parts, false)?;
        match n {
            // `省级、属地`: one level beside a word naming none is a list too.
            None => ((whole_first.len() >= 2 || parts.iter().any(|p| Level::is_note(p)))
                && whole_first.windows(2).all(|w| w[0] < w[1]))
            .then_some(whole_first),
            Some(n) => {
                let mut levels = if distinct(&whole_first).len() == n {
                    whole_first
                } else {
                    // 区县两级: two names of one tier, a character each.
                    tokens(&parts, true).filter(|t| t.len() == n)?
                };
                if !levels.windows(2).all(|w| w[0] <= w[1]) {
                    return None;
                }
                levels.dedup();
                Some(levels)
            }
        }
    }
    /// The canonical name (国家级 … 村级).
    pub fn name(self) -> &'static str {
        table()
            .names
            .iter()
            .find(|(d, _)| *d == self.0)
            .map(|(_, n)| n.as_str())
            .unwrap_or("?")
    }
    /// The level a mark column stands for: its header is a level (`省级`, `省`), maybe asked
    /// (`是否省级行使`, `市级行使`) or with a note (`县级（√）`).
    pub fn of_mark_header(h: &str) -> Option<Level> {
        let m = &table().marks;
        let mut h = noted(h.trim()).map_or(h.trim(), |(base, _)| base);
        for p in &m.header_prefixes {
            if let Some(rest) = h.strip_prefix(p.as_str()) {
                h = rest;
                break;
            }
        }
        for p in &m.header_suffixes {
            if let Some(rest) = h.strip_suffix(p.as_str())
                && !rest.is_empty()
            {
                h = rest;
                break;
            }
        }
        Level::parse(h)
    }
    /// What a cell of a mark column says: `Some(true)` ticked (√, ●, 是 …), `Some(false)` not
    /// (否, ×, —, blank), `None` when it is neither.
    pub fn mark(text: &str) -> Option<bool> {
        let m = &table().marks;
        // A mark with a note (`√（委托）`, `●(下放)`) is the mark.
        let t = noted(text.trim()).map_or(text.trim(), |(base, _)| base.trim());
        if t.is_empty() || m.no.iter().any(|n| n == t) {
            Some(false)
        } else {
            m.yes.iter().any(|y| y == t).then_some(true)
        }
    }
    /// The level digit of a 实施编码 (1 国家级 … 6 村级).
    pub fn digit(self) -> u8 {
        self.0
    }
    pub fn all() -> impl Iterator<Item = Level> {
        table().names.iter().map(|(d, _)| Level(*d))
    }
    /// Whether `s` is written where a level goes but names no tier (`rules/levels.yaml`, `notes`).
    pub fn is_note(s: &str) -> bool {
        let s = s.trim();
        table().notes.iter().any(|n| n == s)
    }
    /// Whether `s`, or a part of it written apart (`省级、属地`), names no tier.
    pub fn has_note(s: &str) -> bool {
        apart(s.trim()).iter().any(|p| Level::is_note(p))
    }
    /// Whether `s` is the canonical spelling.
    pub fn is_canonical(s: &str) -> bool {
        table().names.iter().any(|(_, n)| n == s.trim())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    /// Blind round 15: a level typed with its 级 twice is a typo, alone or after another level.
    #[test]
    fn level_typed_with_two_ji() {
        for v in ["县级级", "市级、县级级", "省级,市级级"] {
            assert_eq!(Level::parse_many(v), None, "{v}");
        }
        assert_eq!(Level::parse_many("市、县级"), Some(vec![Level(3), Level(4)]));
        assert_eq!(Level::parse_many("市县级"), Some(vec![Level(3), Level(4)]));
    }

    #[test]
    fn spellings() {
        assert_eq!(Level::parse("县级"), Some(Level(4)));
        assert_eq!(Level::parse("镇（乡、街道）级"), Some(Level(5)));
        // Written without 级, as office sheets do: 县市区, 乡镇（街道）, 社区.
        assert_eq!(Level::parse("县市区"), Some(Level(4)));
        assert_eq!(Level::parse("乡镇（街道）"), Some(Level(5)));
        // Provinces with 自治州 and 旗: 市州级 (Sichuan, Hunan, Guizhou), 县（市、区、旗）级.
        assert_eq!(Level::parse("市州级"), Some(Level(3)));
        // Autonomous areas and county-level cities name their own tier (not an invalid level).
        for (v, l) in [
            ("自治县", 4),
            ("县级市", 4),
            ("自治旗", 4),
            ("自治州", 3),
            ("自治区", 2),
            ("苏木", 5),
        ] {
            assert_eq!(Level::parse(v), Some(Level(l)), "{v}");
        }
        assert_eq!(Level::parse("县（市、区、旗）级"), Some(Level(4)));
        assert_eq!(Level::parse("社区"), Some(Level(6)));
        // A bracketed spelling with 级 after it: 镇（街道）级 as 镇（街道）, 村（社区）级 as ever.
        assert_eq!(Level::parse("镇（街道）级"), Some(Level(5)));
        assert_eq!(Level::parse("镇(街道)级"), Some(Level(5)));
        assert_eq!(Level::parse("区县级").map(|l| l.name()), Some("县级"));
        assert_eq!(Level::parse("县区镇级"), None);
        assert_eq!(Level::all().count(), 6);
        let names = |s: &str| Level::parse_many(s).map(|v| v.iter().map(|l| l.name()).collect::<Vec<_>>());
        assert_eq!(names("市县两级"), Some(vec!["市级", "县级"]));
        assert_eq!(names("省市县三级"), Some(vec!["省级", "市级", "县级"]));
        assert_eq!(names("县乡两级"), Some(vec!["县级", "乡镇级"]));
        assert_eq!(names("市县三级"), None);
        assert_eq!(names("县区镇级"), None);
        assert_eq!(names("县级以上"), Some(vec!["省级", "市级", "县级"]));
        assert_eq!(names("市级及以上"), Some(vec!["省级", "市级"]));
        assert_eq!(names("乡镇以上"), Some(vec!["省级", "市级", "县级", "乡镇级"]));
        assert_eq!(names("省级以上"), Some(vec!["省级"]));
        assert_eq!(names("以上"), None);
        assert_eq!(names("市县"), Some(vec!["市级", "县级"]));
        assert_eq!(names("省市县"), Some(vec!["省级", "市级", "县级"]));
        assert_eq!(names("县市"), None, "from the top down only");
        assert_eq!(names("市县级"), Some(vec!["市级", "县级"]));
        assert_eq!(names("市直").map(|v| v.len()), Some(1));
        assert_eq!(names("省"), Some(vec!["省级"]));
        // Written as offices write them (issue 21, round 7).
        assert_eq!(names("区县两级"), Some(vec!["县级"]));
        assert_eq!(names("市、县（区）两级"), Some(vec!["市级", "县级"]));
        assert_eq!(names("省、市、县三级"), Some(vec!["省级", "市级", "县级"]));
        assert_eq!(names("市级（含区）"), Some(vec!["市级", "县级"]));
        assert_eq!(names("市级（不含区）"), Some(vec!["市级"]));
        assert_eq!(names("县级及以下"), Some(vec!["县级", "乡镇级"]));
        assert_eq!(names("市级以下"), Some(vec!["市级", "县级", "乡镇级"]));
        assert_eq!(names("县、乡镇"), Some(vec!["县级", "乡镇级"]));
        assert_eq!(names("县、市两级"), None, "from the top down only");
        assert_eq!(names("市县（区）级（含）"), None);
        // A note that is no level: the level it follows (round 8).
        assert_eq!(names("县级（委托乡镇实施）"), Some(vec!["县级"]));
        assert_eq!(names("县级(含功能区)"), Some(vec!["县级"]));
        assert_eq!(names("片区（委托）"), None);
        // Development zones are county-level units; words naming no tier read as none (L9).
        assert_eq!(names("开发区级"), Some(vec!["县级"]));
        assert_eq!(names("经济技术开发区"), Some(vec!["县级"]));
        assert_eq!(names("市级、高新区"), Some(vec!["市级", "县级"]));
        assert_eq!(names("全省"), Some(vec![]));
        assert_eq!(names("属地管理"), Some(vec![]));
        assert_eq!(names("分级管理"), Some(vec![]));
        assert_eq!(names("省级、属地"), Some(vec!["省级"]));
        assert_eq!(names("县（市、区）级"), Some(vec!["县级"]));
        assert_eq!(names("全省市"), None);
    }

    #[test]
    fn mark_columns() {
        let of = |h: &str| Level::of_mark_header(h).map(|l| l.name());
        assert_eq!(of("省级"), Some("省级"));
        assert_eq!(of("县"), Some("县级"));
        assert_eq!(of("是否省级行使"), Some("省级"));
        assert_eq!(of("市级行使"), Some("市级"));
        assert_eq!(of("乡镇（街道）"), Some("乡镇级"));
        assert_eq!(of("县级（√）"), Some("县级"));
        assert_eq!(of("行使层级"), None);
        assert_eq!(of("层级"), None);
        assert_eq!(of("是否"), None);
        for yes in ["√", "✓", "●", "○", "是", "Y", "★"] {
            assert_eq!(Level::mark(yes), Some(true), "{yes}");
        }
        for no in ["", " ", "否", "×", "—", "/"] {
            assert_eq!(Level::mark(no), Some(false), "{no}");
        }
        assert_eq!(Level::mark("部分"), None);
        assert_eq!(Level::mark("√（委托）"), Some(true));
        assert_eq!(Level::mark("●(下放)"), Some(true));
        assert_eq!(Level::mark("（委托）"), None);
    }
}
