//! 事项层级: the six levels, read from the vocabulary in `rules/levels.yaml`.

use rustc_hash::FxHashMap as HashMap;
use serde::Deserialize;
use std::sync::OnceLock;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Level(pub u8);

#[derive(Deserialize)]
struct Vocab {
    levels: Vec<Entry>,
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
        Table { names, by_spelling }
    })
}

impl Level {
    /// Read a level as written (any known spelling, full- or half-width brackets).
    pub fn parse(s: &str) -> Option<Level> {
        let s = s.trim();
        table().by_spelling.get(s).map(|d| Level(*d))
    }
    /// The canonical name (国家级 … 村级).
    /// One level or several said at once: `市县两级`, `省市县三级` (one character per level, as
    /// many as the numeral says), `县级以上` (a local list's levels from the province down to
    /// that one: 省级、市级、县级), as well as any single spelling.
    pub fn parse_many(s: &str) -> Option<Vec<Level>> {
        if let Some(l) = Level::parse(s) {
            return Some(vec![l]);
        }
        let s = s.trim();
        if let Some(lowest) = s
            .strip_suffix("以上")
            .map(|x| x.strip_suffix('及').unwrap_or(x))
            .and_then(Level::parse)
        {
            let province = 2;
            return Some((province.min(lowest.0)..=lowest.0).map(Level).collect());
        }
        let (chars, n) = [("两级", 2), ("二级", 2), ("三级", 3), ("四级", 4), ("五级", 5)]
            .iter()
            .find_map(|&(tail, n)| s.strip_suffix(tail).map(|c| (c, Some(n))))
            // 市县, 省市县, 市县级: a level to a character, from the top down, without the count.
            .unwrap_or((s.strip_suffix('级').unwrap_or(s), None));
        let levels: Vec<Level> = chars
            .chars()
            .map(|c| Level::parse(c.encode_utf8(&mut [0; 4])))
            .collect::<Option<_>>()?;
        (levels.len() >= 2 && n.is_none_or(|n| levels.len() == n) && levels.windows(2).all(|w| w[0] < w[1]))
            .then_some(levels)
    }
    pub fn name(self) -> &'static str {
        table()
            .names
            .iter()
            .find(|(d, _)| *d == self.0)
            .map(|(_, n)| n.as_str())
            .unwrap_or("?")
    }
    /// The level digit of a 实施编码 (1 国家级 … 6 村级).
    pub fn digit(self) -> u8 {
        self.0
    }
    pub fn all() -> impl Iterator<Item = Level> {
        table().names.iter().map(|(d, _)| Level(*d))
    }
    /// Whether `s` is the canonical spelling.
    pub fn is_canonical(s: &str) -> bool {
        table().names.iter().any(|(_, n)| n == s.trim())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn spellings() {
        assert_eq!(Level::parse("县级"), Some(Level(4)));
        assert_eq!(Level::parse("镇（乡、街道）级"), Some(Level(5)));
        // Written without 级, as office sheets do: 县市区, 乡镇（街道）, 社区.
        assert_eq!(Level::parse("县市区"), Some(Level(4)));
        assert_eq!(Level::parse("乡镇（街道）"), Some(Level(5)));
        assert_eq!(Level::parse("社区"), Some(Level(6)));
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
    }
}
