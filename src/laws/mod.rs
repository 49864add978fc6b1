//! The law registry: which laws, administrative regulations and (some) rules exist, their
//! versions and the articles each has — not their texts. The built-in registry is
//! `rules/laws/registry.tsv`, made by `scripts/build_law_registry.py` from a LawRefBook snapshot
//! (its commit and date are the file's second line); a user adds a folder of Markdown texts in
//! the same form (`[options] law_registry` in catalog.toml), read by [`markdown`].

pub mod markdown;

use std::collections::HashMap;
use std::sync::OnceLock;

const BUILTIN: &str = include_str!("../../rules/laws/registry.tsv");
const SUCCESSORS: &str = include_str!("../../rules/laws/successors.yaml");

/// A law repealed and replaced by an act of another title (`rules/laws/successors.yaml`).
#[derive(Debug, Clone, serde::Deserialize)]
pub struct Successor {
    pub repealed: Vec<String>,
    pub successor: String,
    /// The day the repeal took effect.
    pub date: String,
}

#[derive(serde::Deserialize)]
struct SuccessorsFile {
    successors: Vec<Successor>,
}

/// The act that replaced a repealed title, when `rules/laws/successors.yaml` knows it.
pub fn successor(title: &str) -> Option<&'static Successor> {
    // Keyed once by each repealed title's key: B012 asks for every citation of every item.
    static S: OnceLock<(Vec<Successor>, HashMap<String, usize>)> = OnceLock::new();
    let (list, by_key) = S.get_or_init(|| {
        let list =
            crate::load::config_yaml::from_str::<SuccessorsFile>(SUCCESSORS, std::path::Path::new("successors.yaml"))
                .map(|f| f.successors)
                .expect("rules/laws/successors.yaml is valid (tested)");
        let mut by_key = HashMap::new();
        for (i, s) in list.iter().enumerate() {
            for r in &s.repealed {
                // The first entry naming a title wins, as the scan in file order did.
                by_key.entry(key(r)).or_insert(i);
            }
        }
        (list, by_key)
    });
    by_key.get(key_of(title).as_ref()).map(|&i| &list[i])
}

/// One article: its number (`sub` is 1 for 第N条之一, 0 otherwise) and, per 款, how many 项.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    pub num: u16,
    pub sub: u8,
    pub xiang: Box<[u8]>,
}

/// One version of one law.
#[derive(Debug)]
pub struct Law {
    /// The full title, as the text writes it (中华人民共和国行政许可法).
    pub title: String,
    /// The title without 中华人民共和国 and spaces, brackets unified: what citations are matched by.
    pub key: String,
    /// 法律, 行政法规, 宪法, 部门规章, 地方性法规, or 用户 for a user's registry.
    pub level: String,
    /// The version's date (its latest 修正/修订/公布), YYYY-MM-DD; empty when unknown.
    pub version: String,
    /// A newer version of the same title exists.
    pub expired: bool,
    /// Where the entry came from (the registry's name, or the user's file).
    pub origin: String,
    articles_raw: String,
    articles: OnceLock<Vec<Article>>,
}

impl Law {
    pub fn new(title: &str, level: &str, version: &str, expired: bool, origin: &str, articles: Vec<Article>) -> Law {
        Law {
            title: title.to_string(),
            key: key(title),
            level: level.to_string(),
            version: version.to_string(),
            expired,
            origin: origin.to_string(),
            articles_raw: String::new(),
            articles: OnceLock::from(articles),
        }
    }

    /// The articles, decoded on first use (most laws are never cited).
    pub fn articles(&self) -> &[Article] {
        self.articles.get_or_init(|| decode_articles(&self.articles_raw))
    }

    pub fn article(&self, num: u16, sub: u8) -> Option<&Article> {
        self.articles().iter().find(|a| a.num == num && a.sub == sub)
    }

    /// The highest article number (第N条).
    pub fn last_article(&self) -> u16 {
        self.articles().iter().map(|a| a.num).max().unwrap_or(0)
    }

    /// The version date as (year, month, day); None when unknown.
    pub fn date(&self) -> Option<(u16, u8, u8)> {
        let mut p = self.version.split('-').map(str::parse::<u16>);
        match (p.next(), p.next(), p.next()) {
            (Some(Ok(y)), Some(Ok(m)), Some(Ok(d))) => Some((y, m as u8, d as u8)),
            _ => None,
        }
    }

    /// Whether the level is one the registry covers almost completely (so absence means something).
    pub fn is_national(&self) -> bool {
        matches!(self.level.as_str(), "法律" | "行政法规" | "宪法")
    }
}

/// Every law known, by key; versions of a key in date order.
#[derive(Debug, Default)]
pub struct Registry {
    /// The snapshot's date (YYYY-MM-DD): what every "absent" or "superseded" finding is relative to.
    pub date: String,
    /// The snapshot's source and commit.
    pub source: String,
    pub laws: Vec<Law>,
    by_key: HashMap<String, Vec<usize>>,
}

impl Registry {
    /// The registry built into the binary.
    pub fn builtin() -> &'static Registry {
        static R: OnceLock<Registry> = OnceLock::new();
        R.get_or_init(|| Registry::from_tsv(BUILTIN, "registry.tsv"))
    }

    /// Reads the TSV form `scripts/build_law_registry.py` writes. Lines that do not have the
    /// seven columns are skipped: the file is generated, and a test holds it equal to the script.
    pub fn from_tsv(text: &str, origin: &str) -> Registry {
        let mut r = Registry::default();
        for line in text.lines() {
            if let Some(src) = line.strip_prefix("# source\t") {
                let mut f = src.split('\t');
                let (name, commit, date) = (f.next().unwrap_or(""), f.next().unwrap_or(""), f.next().unwrap_or(""));
                r.source = format!("{name}@{}", commit.get(..7).unwrap_or(commit));
                r.date = date.to_string();
                continue;
            }
            if line.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            let [title, _short, level, version, _valid_from, expired, articles] = cols[..] else {
                continue;
            };
            r.laws.push(Law {
                title: title.to_string(),
                key: key(title),
                level: level.to_string(),
                version: version.to_string(),
                expired: expired == "1",
                origin: origin.to_string(),
                articles_raw: articles.to_string(),
                articles: OnceLock::new(),
            });
        }
        r.index();
        r
    }

    /// The built-in registry with a user's laws added (a user's version of a title counts as one
    /// more version of it).
    pub fn with(extra: Vec<Law>) -> Registry {
        let b = Registry::builtin();
        let mut r = Registry::from_tsv(BUILTIN, "registry.tsv");
        r.date.clone_from(&b.date);
        r.laws.extend(extra);
        r.index();
        r
    }

    fn index(&mut self) {
        self.by_key.clear();
        for (i, l) in self.laws.iter().enumerate() {
            self.by_key.entry(l.key.clone()).or_default().push(i);
        }
        let laws = &self.laws;
        for v in self.by_key.values_mut() {
            v.sort_by(|&a, &b| laws[a].version.cmp(&laws[b].version));
        }
    }

    /// Every version of the law a citation names (full or short title), oldest first.
    pub fn versions(&self, title: &str) -> Vec<&Law> {
        self.by_key
            .get(key_of(title).as_ref())
            .map(|v| v.iter().map(|&i| &self.laws[i]).collect())
            .unwrap_or_default()
    }

    /// The registry's latest version of a title.
    pub fn current(&self, title: &str) -> Option<&Law> {
        self.versions(title).pop()
    }

    /// The national law or regulation whose title is one or two characters from `title`: a
    /// misspelling (行政许可证法 → 行政许可法). Titles must end alike (法 / 条例 / 办法 …), and the
    /// closest must be the only one that close.
    pub fn did_you_mean(&self, title: &str) -> Option<&Law> {
        // One wrong character in an ordinary title; two only in a long one (两个字 differ between
        // 矿山安全法实施条例 and 食品安全法实施条例, both real).
        let n = key(title).chars().count();
        self.closest_within(title, if n <= 12 { 1 } else { 2 })
    }

    /// The national law or regulation of the same kind within `limit` edits of `title`, when only
    /// one is that close.
    pub fn closest_within(&self, title: &str, limit: usize) -> Option<&Law> {
        let k = key(title);
        let n = k.chars().count();
        if n < 4 {
            return None;
        }
        let mut best: Option<(usize, &str)> = None;
        let mut ties = 0;
        for (cand, idx) in &self.by_key {
            let Some(&last) = idx.last() else { continue };
            if !self.laws[last].is_national() || cand.chars().count().abs_diff(n) > limit || !same_kind(&k, cand) {
                continue;
            }
            let d = crate::suggest::distance(&k, cand);
            // Two characters replaced is another act (现役军官服役条例 / 现役士兵服役条例); two
            // inserted or dropped is a misspelling (食品安全管理法 → 食品安全法).
            // One character replaced in a short title is as often another act (盐业管理条例 /
            // 物业管理条例); 暂行 or 试行 added or dropped names the act's predecessor or successor.
            let replaced = cand.chars().count() == n;
            if d == 0 || d > limit || (replaced && (d == 2 || n < 8)) || provisional_pair(&k, cand) {
                continue;
            }
            match best {
                Some((bd, _)) if bd < d => {}
                Some((bd, _)) if bd == d => ties += 1,
                _ => {
                    best = Some((d, cand));
                    ties = 0;
                }
            }
        }
        let (_, cand) = best.filter(|_| ties == 0)?;
        self.current(cand)
    }
}

/// One title is the other with 暂行 or 试行 (关于工资总额组成的暂行规定 / …的规定): two acts.
fn provisional_pair(a: &str, b: &str) -> bool {
    ["暂行", "试行"]
        .iter()
        .any(|w| a.replacen(w, "", 1) == b || b.replacen(w, "", 1) == a)
}

/// Both titles name the same kind of act: the same last character, and 办法/方法 are not 法.
fn same_kind(a: &str, b: &str) -> bool {
    // 决定 are left out: 国务院关于第一批/第二批…的决定 differ in one character and both exist.
    let kind = |s: &str| -> &'static str {
        for k in [
            "实施条例",
            "实施细则",
            "实施办法",
            "条例",
            "办法",
            "规定",
            "细则",
            "规则",
            "法",
        ] {
            if s.ends_with(k) {
                return k;
            }
        }
        ""
    };
    kind(a) == kind(b) && !kind(a).is_empty()
}

/// A title as matched: no 书名号 or spaces, no leading 中华人民共和国, one form of each bracket.
pub fn key(title: &str) -> String {
    key_of(title).into_owned()
}

/// [`key`], lent from `title` when it is already one (as most cited titles are): a look-up by
/// key then writes nothing out.
pub fn key_of(title: &str) -> std::borrow::Cow<'_, str> {
    const PRC: &str = "中华人民共和国";
    let plain = !title
        .chars()
        .any(|c| c.is_whitespace() || matches!(c, '《' | '》' | '(' | ')' | '<' | '＜' | '>' | '＞'));
    if plain {
        return std::borrow::Cow::Borrowed(title.strip_prefix(PRC).unwrap_or(title));
    }
    let mut t: String = title
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '《' | '》'))
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            '<' | '＜' => '〈',
            '>' | '＞' => '〉',
            c => c,
        })
        .collect();
    // Dropped in place: the one string is the key.
    if t.starts_with(PRC) {
        t.drain(..PRC.len());
    }
    std::borrow::Cow::Owned(t)
}

const KUAN: &[u8] = b".123456789abcdefghijklmnopqrstuvwxyz";

/// Decodes the article column (see the script's docstring): `N:k…` or `k…` per article.
fn decode_articles(raw: &str) -> Vec<Article> {
    let mut out: Vec<Article> = Vec::new();
    for tok in raw.split(' ').filter(|t| !t.is_empty()) {
        let (num, sub, kuan) = match tok.split_once(':') {
            Some((n, k)) => {
                let (n, s) = n.split_once('+').unwrap_or((n, "0"));
                (n.parse().unwrap_or(0), s.parse().unwrap_or(0), k)
            }
            None => (out.last().map_or(1, |a| a.num + 1), 0, tok),
        };
        let xiang = kuan
            .bytes()
            .map(|b| KUAN.iter().position(|&k| k == b).unwrap_or(0) as u8)
            .collect();
        out.push(Article { num, sub, xiang });
    }
    out
}

/// Encodes articles as the script does (for a test holding the two equal).
pub fn encode_articles(arts: &[Article]) -> String {
    let mut parts = Vec::with_capacity(arts.len());
    let mut prev: Option<(u16, u8)> = None;
    for a in arts {
        let implicit = matches!(prev, Some((n, 0)) if a.sub == 0 && a.num == n + 1);
        let mut s = String::new();
        if !implicit {
            s.push_str(&a.num.to_string());
            if a.sub > 0 {
                s.push('+');
                s.push_str(&a.sub.to_string());
            }
            s.push(':');
        }
        s.extend(a.xiang.iter().map(|&x| KUAN[usize::from(x.min(35))] as char));
        parts.push(s);
        prev = Some((a.num, a.sub));
    }
    parts.join(" ")
}

/// A Chinese numeral (一千零二十三, 十二, 两) or ASCII digits to a number.
pub fn cn_number(s: &str) -> Option<u32> {
    if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
        return s.parse().ok();
    }
    if s.is_empty() {
        return None;
    }
    let (mut total, mut cur) = (0u32, 0u32);
    for c in s.chars() {
        let d = match c {
            '零' | '〇' => Some(0),
            '一' => Some(1),
            '二' | '两' => Some(2),
            '三' => Some(3),
            '四' => Some(4),
            '五' => Some(5),
            '六' => Some(6),
            '七' => Some(7),
            '八' => Some(8),
            '九' => Some(9),
            _ => None,
        };
        if let Some(d) = d {
            cur = d;
            continue;
        }
        let unit = match c {
            '十' => 10,
            '百' => 100,
            '千' => 1000,
            _ => return None,
        };
        total += cur.max(1) * unit;
        cur = 0;
    }
    Some(total + cur)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        assert_eq!(cn_number("十二"), Some(12));
        assert_eq!(cn_number("一百零三"), Some(103));
        assert_eq!(cn_number("八十三"), Some(83));
        assert_eq!(cn_number("一千二百六十"), Some(1260));
        assert_eq!(cn_number("12"), Some(12));
        assert_eq!(cn_number("款"), None);
    }

    #[test]
    fn keys() {
        assert_eq!(key("《中华人民共和国行政许可法》"), "行政许可法");
        assert_eq!(key("中华人民共和国 行政许可法"), "行政许可法");
        assert_eq!(
            key("广东省实施<中华人民共和国价格法>办法(试行)"),
            "广东省实施〈中华人民共和国价格法〉办法（试行）"
        );
        assert!(matches!(
            key_of("中华人民共和国行政许可法"),
            std::borrow::Cow::Borrowed("行政许可法")
        ));
        assert!(matches!(key_of("城乡规划法"), std::borrow::Cow::Borrowed("城乡规划法")));
    }

    #[test]
    fn builtin_knows_the_licensing_law() {
        let r = Registry::builtin();
        assert_eq!(r.date, "2025-04-19");
        let l = r.current("《中华人民共和国行政许可法》").unwrap();
        assert_eq!(l.key, "行政许可法");
        assert_eq!(l.last_article(), 83);
        // 第十二条: one 款 with six 项.
        assert_eq!(&*l.article(12, 0).unwrap().xiang, &[6]);
        assert!(r.current("行政许可法").is_some());
        assert_eq!(
            r.did_you_mean("中华人民共和国行政许可证法").map(|l| l.key.as_str()),
            Some("行政许可法")
        );
        // A real title the registry lacks is not "corrected" into another kind of act.
        assert!(r.did_you_mean("电力安全法实施条例").is_none());
        assert!(r.did_you_mean("中国人民解放军现役军官服役条例").is_none());
        assert!(r.did_you_mean("盐业管理条例").is_none());
        assert!(r.did_you_mean("关于工资总额组成的暂行规定").is_none());
        assert_eq!(
            r.did_you_mean("中华人民共和国食品安全管理法").map(|l| l.key.as_str()),
            None
        );
        let near = r.closest_within("中华人民共和国食品安全管理法", 2);
        assert_eq!(near.map(|l| l.key.as_str()), Some("食品安全法"));
    }

    #[test]
    fn successors() {
        assert_eq!(
            successor("《中华人民共和国合同法》").unwrap().successor,
            "中华人民共和国民法典"
        );
        assert!(successor("行政许可法").is_none());
    }

    #[test]
    fn articles_round_trip() {
        let raw = "1:. .. 3 5:.2 5+1:. 6:.";
        let a = decode_articles(raw);
        assert_eq!(
            a.iter().map(|a| (a.num, a.sub)).collect::<Vec<_>>(),
            [(1, 0), (2, 0), (3, 0), (5, 0), (5, 1), (6, 0)]
        );
        assert_eq!(encode_articles(&a), raw);
    }
}
