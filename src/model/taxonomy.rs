//! The 界门纲目科属种 taxonomy: ranks defined by a file (built-in default in
//! `rules/taxonomy.yaml`), and the tree of a catalog's items under them.

use super::Item;
use super::fields::{self, F, Scope};
use crate::error::Error;
use rustc_hash::FxHashMap as HashMap;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

pub const DEFAULT_TAXONOMY: &str = include_str!("../../rules/taxonomy.yaml");

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaxonomyFile {
    pub ranks: Vec<RankDef>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RankDef {
    pub id: String,
    pub rank: String,
    pub label: String,
    #[serde(default)]
    pub en: Option<String>,
    pub field: String,
    #[serde(default)]
    pub values: Option<Vec<String>>,
    #[serde(default)]
    pub within: Option<BTreeMap<String, Vec<String>>>,
    /// Other ways offices write an allowed value (行政强制措施 for 行政强制): value → spellings.
    #[serde(default)]
    pub spellings: BTreeMap<String, Vec<String>>,
    /// The lists above as maps, made on first use: loaders and rules ask for every item.
    #[serde(skip)]
    index: std::sync::OnceLock<RankIndex>,
}

/// A rank's lists for look-up by value.
#[derive(Clone, Debug, Default)]
struct RankIndex {
    /// Each spelling's allowed value (the first in file order that lists it).
    canonical: HashMap<String, String>,
    /// Each value of `within` and the value above it (the first in file order that lists it).
    parent: HashMap<String, String>,
    /// Every allowed value: all of `within`'s, else `values`.
    allowed: rustc_hash::FxHashSet<String>,
}

impl RankDef {
    fn index(&self) -> &RankIndex {
        self.index.get_or_init(|| {
            let mut ix = RankIndex::default();
            for (k, vs) in &self.spellings {
                for v in vs {
                    ix.canonical.entry(v.clone()).or_insert_with(|| k.clone());
                }
            }
            for (k, vs) in self.within.iter().flatten() {
                for v in vs {
                    ix.parent.entry(v.clone()).or_insert_with(|| k.clone());
                }
            }
            ix.allowed = match (&self.within, &self.values) {
                (Some(w), _) => w.values().flatten().cloned().collect(),
                (None, Some(v)) => v.iter().cloned().collect(),
                (None, None) => Default::default(),
            };
            ix
        })
    }
    /// The allowed value `v` is another spelling of, if it is one.
    /// A value numbered as in a list (`1.行政许可`, `（一）行政许可`) or with its kind in brackets
    /// (`行政处罚（罚款）`) is another spelling of the value it names.
    pub fn canonical(&self, v: &str) -> Option<&str> {
        let ix = self.index();
        let v = crate::text::trim(v);
        // A taxonomy that allows a value another lists as a spelling (a province's own types
        // adding 行政备案) takes it as it is.
        if ix.allowed.contains(v) {
            return None;
        }
        if let Some(c) = ix.canonical.get(v) {
            return Some(c);
        }
        let look = |t: &str| ix.allowed.get(t).or_else(|| ix.canonical.get(t)).map(String::as_str);
        let bare = bare_value(v);
        if let Some(c) = bare.and_then(look) {
            return Some(c);
        }
        // 处罚类, 许可事项: a short spelling with the 类 or 事项 a list heads its types with (the
        // spellings list 行政处罚类 and 处罚, not every combination of the two).
        let t = bare.unwrap_or(v);
        t.strip_suffix('类')
            .or_else(|| t.strip_suffix("事项"))
            .filter(|k| !k.is_empty())
            .and_then(look)
    }
    /// Whether `v` (trimmed) is one of the allowed values: any of `within`, else of `values`.
    pub fn allows(&self, v: &str) -> bool {
        self.index().allowed.contains(crate::text::trim(v))
    }
}

/// `v` without a list number before it (`1.` `1、` `（1）` `一、` `（一）`) and a bracketed note after
/// it (`（罚款）`), if it had either and something is left.
fn bare_value(v: &str) -> Option<&str> {
    const NUMERALS: &str = "0123456789一二三四五六七八九十";
    let mut s = v;
    let opened = s.strip_prefix(['（', '(']);
    let digits = opened.unwrap_or(s).trim_start_matches(|c: char| NUMERALS.contains(c));
    if digits.len() < opened.unwrap_or(s).len() {
        let closes: &[char] = if opened.is_some() {
            &['）', ')']
        } else {
            &['.', '．', '、', '）', ')']
        };
        if let Some(rest) = digits.strip_prefix(closes) {
            s = rest.trim_start();
        }
    }
    if let Some(body) = s.strip_suffix(['）', ')'])
        && let Some(open) = body.rfind(['（', '('])
        && open > 0
    {
        s = body[..open].trim_end();
    }
    (s.len() < v.len() && !s.is_empty()).then_some(s)
}

/// Where a rank reads its value from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RankField {
    Item(F),
    /// Each 办事情形 of the item.
    Scenario,
}

#[derive(Clone, Debug)]
pub struct Rank {
    pub def: RankDef,
    pub field: RankField,
}

#[derive(Clone, Debug)]
pub struct Taxonomy {
    pub ranks: Vec<Rank>,
}

impl Taxonomy {
    pub fn builtin() -> Taxonomy {
        Self::parse(DEFAULT_TAXONOMY, Path::new("rules/taxonomy.yaml")).expect("built-in taxonomy is valid")
    }

    pub fn load(path: &Path) -> Result<Taxonomy, Error> {
        let text = crate::load::limits::read_text(path)?;
        Self::parse(&text, path)
    }

    pub fn parse(text: &str, path: &Path) -> Result<Taxonomy, Error> {
        let file: TaxonomyFile = crate::load::config_yaml::from_str(text, path)?;
        let mut ranks = Vec::new();
        for def in file.ranks {
            let field = if def.field == "scenarios.name" || def.field == "情形名称" {
                RankField::Scenario
            } else {
                match fields::lookup(Scope::Item, &def.field) {
                    Some(f) => RankField::Item(f.id),
                    None => {
                        return Err(Error::plain(
                            Some(path),
                            format!("分类文件中的等级 {} 引用了未知字段 “{}”", def.id, def.field),
                            format!("rank {} refers to unknown field '{}'", def.id, def.field),
                        ));
                    }
                }
            };
            ranks.push(Rank { def, field });
        }
        if ranks.is_empty() {
            return Err(Error::plain(
                Some(path),
                "分类文件没有定义任何等级".into(),
                "the taxonomy defines no ranks".into(),
            ));
        }
        Ok(Taxonomy { ranks })
    }

    pub fn rank(&self, id: &str) -> Option<&Rank> {
        self.ranks.iter().find(|r| r.def.id == id)
    }

    /// The rank whose values come from field `f`.
    pub fn rank_of_field(&self, f: F) -> Option<(usize, &Rank)> {
        self.ranks
            .iter()
            .enumerate()
            .find(|(_, r)| r.field == RankField::Item(f))
    }

    /// The allowed values of rank `i` given the item's value of the rank above, if restricted.
    pub fn allowed(&self, i: usize, item: &Item) -> Option<Vec<&str>> {
        let r = &self.ranks[i];
        if let Some(within) = &r.def.within {
            let parent = i.checked_sub(1).and_then(|p| self.value(p, item));
            return Some(match parent.and_then(|p| within.get(p)) {
                Some(v) => v.iter().map(String::as_str).collect(),
                None => within.values().flatten().map(String::as_str).collect(),
            });
        }
        r.def.values.as_ref().map(|v| v.iter().map(String::as_str).collect())
    }

    /// For a `within` rank: the parent value that lists `value`, if any.
    pub fn parent_of(&self, i: usize, value: &str) -> Option<&str> {
        let def = &self.ranks[i].def;
        let value = def.canonical(value).unwrap_or(value);
        def.within.as_ref()?;
        def.index().parent.get(value).map(String::as_str)
    }

    /// The item's value at rank `i` (not defined for the scenario rank).
    pub fn value<'a>(&self, i: usize, item: &'a Item) -> Option<&'a str> {
        match self.ranks[i].field {
            RankField::Item(F::SubItem) => item.sub_item(),
            RankField::Item(f) => item.text(f),
            RankField::Scenario => None,
        }
    }

    /// Build the tree of the catalog's items, `depth` ranks deep.
    pub fn tree(&self, items: &[Item], depth: usize) -> Node {
        let depth = depth.min(self.ranks.len());
        let mut root = Node {
            rank: String::new(),
            label: String::new(),
            name: "清单".into(),
            count: 0,
            children: Vec::new(),
            index: HashMap::default(),
        };
        for item in items {
            root.count += 1;
            let mut node = &mut root;
            for (i, r) in self.ranks.iter().enumerate().take(depth) {
                if r.field == RankField::Scenario {
                    for s in &item.scenarios {
                        let name = s.name().unwrap_or(UNSET);
                        node.child(&r.def.rank, &r.def.label, name).count += 1;
                    }
                    break;
                }
                let name = self.value(i, item).unwrap_or(UNSET);
                node = node.child(&r.def.rank, &r.def.label, name);
                node.count += 1;
            }
        }
        root
    }
}

/// Shown in the tree for an item that leaves a rank empty.
pub const UNSET: &str = "（未填写）";

#[derive(Clone, Debug, Serialize)]
pub struct Node {
    /// 界, 门 …
    pub rank: String,
    /// 清单类别, 事项类型 …
    pub label: String,
    pub name: String,
    pub count: usize,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<Node>,
    #[serde(skip)]
    index: HashMap<String, usize>,
}

impl Node {
    fn child(&mut self, rank: &str, label: &str, name: &str) -> &mut Node {
        let i = match self.index.get(name) {
            Some(i) => *i,
            None => {
                self.children.push(Node {
                    rank: rank.into(),
                    label: label.into(),
                    name: name.into(),
                    count: 0,
                    children: Vec::new(),
                    index: HashMap::default(),
                });
                self.index.insert(name.to_string(), self.children.len() - 1);
                self.children.len() - 1
            }
        };
        &mut self.children[i]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The look-up maps answer as the lists they are made from: the first value in file order
    /// that lists a spelling or a child wins, surrounding spaces aside.
    #[test]
    fn look_ups_answer_as_the_lists() {
        let tax = Taxonomy::parse(
            "ranks:\n  - {id: k, rank: 界, label: 类别, field: kingdom, values: [甲, 乙]}\n  - id: p\n    rank: 门\n    label: 类型\n    field: phylum\n    within: {甲: [许可, 确认], 乙: [确认, 给付]}\n    spellings: {许可: [许], 给付: [给, 许]}\n",
            Path::new("t.yaml"),
        )
        .unwrap();
        let p = &tax.ranks[1].def;
        assert_eq!(
            p.canonical(" 许 "),
            Some("给付"),
            "first in file order (BTreeMap: 给付 < 许可)"
        );
        assert_eq!(p.canonical("给"), Some("给付"));
        assert_eq!(p.canonical("许可"), None, "an allowed value is no other spelling");
        // Numbered as in a list, or with its kind in brackets: the value it names.
        for v in [
            "1.许可",
            "2、确认",
            "（一）许可",
            "(3)给付",
            "一、许可",
            "许可（初审）",
            "1.给(现金)",
        ] {
            assert!(p.canonical(v).is_some(), "{v}");
        }
        assert_eq!(p.canonical("1.给(现金)"), Some("给付"));
        assert_eq!(p.canonical("（罚款）"), None, "nothing left");
        assert_eq!(p.canonical("一般许可"), None, "一 without a mark after it is no number");
        // A spelling or a type with the 类 or 事项 a list heads its types with.
        assert_eq!(p.canonical("给类"), Some("给付"));
        assert_eq!(p.canonical("许可事项"), Some("许可"));
        assert_eq!(p.canonical("一、确认类"), Some("确认"));
        assert_eq!(p.canonical("类"), None);
        assert_eq!(tax.parent_of(1, "确认"), Some("乙"), "乙 sorts before 甲");
        assert_eq!(tax.parent_of(1, "给"), Some("乙"), "by its allowed spelling");
        assert_eq!(tax.parent_of(1, "其他"), None);
        assert_eq!(tax.parent_of(0, "甲"), None, "no within: no parent");
        assert!(p.allows(" 给付") && !p.allows("给") && tax.ranks[0].def.allows("乙"));
    }
}
