//! What a basis line cites: each 《title》, the version it names, and the articles after it.
//!
//! The quoting styles of real exports: `【法律】《…》（2019年修正）第X条`, `《…》第X条第Y款第Z项`,
//! `1.《…》第X条、第Y条`, `《…》第X条之一`, `《…》（国务院令第458号）第X条`, `《…（2016年修订）》`.
//! Reading stops at the first text that is not an article reference: what follows (规定…, 的,
//! a quoted article text) is not this title's.

use crate::laws::cn_number;
use std::ops::Range;

/// One cited title.
#[derive(Debug, PartialEq, Eq)]
pub struct Citation<'a> {
    /// The title as written, without 书名号 and without a version inside them.
    pub title: &'a str,
    /// Byte range of `《…》` in the line.
    pub span: Range<usize>,
    /// The latest date named by a version note (`（2015年修正）`, `（2016年2月6日予以修改）`,
    /// `（2018年版）`), as (year, month, day) with 0 for what is not given.
    pub version: Option<(u16, u8, u8)>,
    /// The version note as written, for messages.
    pub version_text: Option<&'a str>,
    pub articles: Vec<ArticleRef>,
}

/// `第X条[之Y][第Z款][第W项]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleRef {
    pub num: u16,
    pub sub: u8,
    pub kuan: Option<u16>,
    pub xiang: Option<u16>,
    /// As written (第十二条第一款), for messages.
    pub text: String,
    /// The bytes of `text` that name the article (第十二条), and the article and 款 (第十二条第一款).
    pub article_len: usize,
    pub kuan_len: usize,
}

/// Every 《…》 in a line with what follows it.
pub fn citations(s: &str) -> Vec<Citation<'_>> {
    super::cited_title_spans(s)
        .into_iter()
        .map(|span| {
            let inner = s[span.start + '《'.len_utf8()..span.end - '》'.len_utf8()].trim();
            let (title, inner_note) = split_version(inner);
            let mut rest = &s[span.end..];
            let mut note = inner_note;
            // A parenthesis right after the title: a version note, or a 令号/文号 to pass over.
            let t = rest.trim_start();
            if let Some((paren, after)) = parenthesis(t) {
                if note.is_none() && is_version_note(paren) {
                    note = Some(paren);
                }
                rest = after;
            }
            let version = note.and_then(latest_date);
            let articles = article_refs(rest);
            Citation {
                title,
                span,
                version,
                version_text: note.filter(|_| version.is_some()),
                articles,
            }
        })
        .collect()
}

/// `食品安全法（2021年修正）` → (`食品安全法`, the note) when the parenthesis is a version note.
fn split_version(inner: &str) -> (&str, Option<&str>) {
    for open in ['（', '('] {
        if let Some(i) = inner.rfind(open)
            && inner.ends_with(['）', ')'])
        {
            let note = &inner[i..];
            if is_version_note(note) {
                return (inner[..i].trim(), Some(note));
            }
        }
    }
    (inner, None)
}

/// `（…）` or `(…)` at the start of `s`, and the text after it.
fn parenthesis(s: &str) -> Option<(&str, &str)> {
    let close = if s.starts_with('（') {
        '）'
    } else if s.starts_with('(') {
        ')'
    } else {
        return None;
    };
    let end = s.find(close)? + close.len_utf8();
    Some((&s[..end], &s[end..]))
}

/// A parenthesis that names a version: a year with 修正/修订/修改/公布/版, or only a year.
/// `（2003年8月27日…通过）` alone is the adoption, not a version claim; 令号 have no year.
fn is_version_note(p: &str) -> bool {
    let has_year = latest_date(p).is_some();
    let inner: String = p
        .chars()
        .filter(|c| !matches!(c, '（' | '）' | '(' | ')' | ' '))
        .collect();
    let only_year = inner.trim_end_matches('年').chars().all(|c| c.is_ascii_digit()) && inner.len() >= 4;
    has_year
        && (only_year
            || ["修正", "修订", "修改", "公布", "版", "发布"]
                .iter()
                .any(|k| p.contains(k)))
}

/// The latest `YYYY年[M月[D日]]` in a text.
fn latest_date(s: &str) -> Option<(u16, u8, u8)> {
    let b = s.as_bytes();
    let mut best = None;
    let mut i = 0;
    while i + 4 <= b.len() {
        if b[i..i + 4].iter().all(u8::is_ascii_digit) && (i == 0 || !b[i - 1].is_ascii_digit()) {
            let year: u16 = s[i..i + 4].parse().ok()?;
            let mut j = i + 4;
            let rest = &s[j..];
            let (mut month, mut day) = (0u8, 0u8);
            if rest.starts_with('年') || rest.is_empty() || !rest.starts_with(|c: char| c.is_ascii_digit()) {
                j += rest.strip_prefix('年').map_or(0, |_| '年'.len_utf8());
                if let Some((m, after)) = number_then(&s[j..], '月') {
                    month = m as u8;
                    if let Some((d, _)) = number_then(after, '日') {
                        day = d as u8;
                    }
                }
                if (1900..2100).contains(&year) && best.is_none_or(|b| (year, month, day) > b) {
                    best = Some((year, month, day));
                }
            }
            i = j.max(i + 4);
        } else {
            i += 1;
        }
    }
    best
}

/// `12月…` → (12, the text after 月).
fn number_then(s: &str, unit: char) -> Option<(u32, &str)> {
    let end = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    let rest = s[end..].strip_prefix(unit)?;
    Some((s[..end].parse().ok()?, rest))
}

/// The article references at the start of `s`: `第X条…`, joined by 、，和及 or 至.
fn article_refs(s: &str) -> Vec<ArticleRef> {
    let mut out: Vec<ArticleRef> = Vec::new();
    let mut rest = s.trim_start();
    while let Some((n, unit, after)) = numbered(rest) {
        match unit {
            '条' => {
                let (sub, after) = match after.strip_prefix('之').and_then(|a| {
                    let e = a
                        .char_indices()
                        .find(|(_, c)| !is_numeral(*c))
                        .map_or(a.len(), |(i, _)| i);
                    Some((cn_number(&a[..e])?, &a[e..]))
                }) {
                    Some((sub, a)) => (sub, a),
                    None => (0, after),
                };
                let text = rest[..rest.len() - after.len()].to_string();
                out.push(ArticleRef {
                    num: n,
                    sub: u8::try_from(sub).unwrap_or(u8::MAX),
                    kuan: None,
                    xiang: None,
                    article_len: text.len(),
                    kuan_len: text.len(),
                    text,
                });
                rest = after;
            }
            '款' | '项' => {
                // A 款 or 项 after an article belongs to it; a second one (第一款、第三款) is another
                // reference to the same article.
                let Some(last) = out.last().cloned() else { break };
                let slot_taken = if unit == '款' {
                    last.kuan.is_some() || last.xiang.is_some()
                } else {
                    last.xiang.is_some()
                };
                let written = &rest[..rest.len() - after.len()];
                let r = if slot_taken {
                    // Written again from the article (第四十六条第三款), not after the first 款.
                    let head = if unit == '款' { last.article_len } else { last.kuan_len };
                    let text = last.text[..head].to_string();
                    out.push(ArticleRef {
                        kuan: if unit == '款' { None } else { last.kuan },
                        xiang: None,
                        text,
                        ..last
                    });
                    out.last_mut()
                } else {
                    out.last_mut()
                };
                let Some(r) = r else { break };
                r.text.push_str(written);
                if unit == '款' {
                    r.kuan = Some(n);
                    r.kuan_len = r.text.len();
                } else {
                    r.xiang = Some(n);
                }
                rest = after;
            }
            _ => break,
        }
        // Separators between references.
        let t = rest.trim_start_matches([' ', '　', '、', '，', ',', '和', '及', '与', '至', '或']);
        let t = t.strip_prefix("以及").unwrap_or(t);
        if !t.starts_with('第') {
            break;
        }
        rest = t;
    }
    out
}

/// `第十二条…` → (12, '条', the text after). Also `第（三）项`, `第3项`.
fn numbered(s: &str) -> Option<(u16, char, &str)> {
    let s = s.strip_prefix('第')?;
    let (num_text, after) = match s.strip_prefix(['（', '(']) {
        Some(inner) => {
            let e = inner.find(['）', ')'])?;
            let close = inner[e..].chars().next()?.len_utf8();
            (&inner[..e], &inner[e + close..])
        }
        None => {
            let e = s
                .char_indices()
                .find(|(_, c)| !is_numeral(*c))
                .map_or(s.len(), |(i, _)| i);
            (&s[..e], &s[e..])
        }
    };
    let n = u16::try_from(cn_number(num_text.trim())?).ok()?;
    let unit = after.chars().next()?;
    if !matches!(unit, '条' | '款' | '项') {
        return None;
    }
    Some((n, unit, &after[unit.len_utf8()..]))
}

fn is_numeral(c: char) -> bool {
    c.is_ascii_digit() || "零〇一二两三四五六七八九十百千".contains(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refs(s: &str) -> Vec<(u16, u8, Option<u16>, Option<u16>)> {
        citations(s)
            .into_iter()
            .flat_map(|c| c.articles)
            .map(|a| (a.num, a.sub, a.kuan, a.xiang))
            .collect()
    }

    #[test]
    fn styles_of_real_exports() {
        assert_eq!(
            refs("【法律】《中华人民共和国行政许可法》（2019年修正）第十二条"),
            [(12, 0, None, None)]
        );
        assert_eq!(refs("《行政许可法》第三十条第二款"), [(30, 0, Some(2), None)]);
        assert_eq!(
            refs("1.《安全生产法》第十二条第一款第（三）项"),
            [(12, 0, Some(1), Some(3))]
        );
        assert_eq!(refs("《刑法》第一百二十条之一"), [(120, 1, None, None)]);
        assert_eq!(
            refs("《土地管理法》第四十四条、第四十六条第一款、第三款和第五十条"),
            [
                (44, 0, None, None),
                (46, 0, Some(1), None),
                (46, 0, Some(3), None),
                (50, 0, None, None)
            ]
        );
        assert_eq!(
            refs("《义务教育法》（中华人民共和国主席令第五十二号）第三十九条"),
            [(39, 0, None, None)]
        );
        assert_eq!(refs("《海域使用管理法》第十六条规定的第二款"), [(16, 0, None, None)]);
        assert_eq!(
            refs("《某某目录》（广东省人民政府令第142号）第一条第30项"),
            [(1, 0, None, Some(30))]
        );
        assert!(refs("《强制隔离戒毒所执法细则》第三章、第五部分").is_empty());
    }

    #[test]
    fn each_reference_written_from_its_article() {
        let texts: Vec<String> = citations("《档案法》第二十四条第二款、第三款")[0]
            .articles
            .iter()
            .map(|a| a.text.clone())
            .collect();
        assert_eq!(texts, ["第二十四条第二款", "第二十四条第三款"]);
        let texts: Vec<String> = citations("《行政许可法》第十二条第一款第（一）项、第（六）项")[0]
            .articles
            .iter()
            .map(|a| a.text.clone())
            .collect();
        assert_eq!(texts, ["第十二条第一款第（一）项", "第十二条第一款第（六）项"]);
    }

    #[test]
    fn versions() {
        let c = &citations("《中华人民共和国食品安全法》（2015年4月24日修订）第三十五条")[0];
        assert_eq!((c.title, c.version), ("中华人民共和国食品安全法", Some((2015, 4, 24))));
        let c = &citations("《食品安全法（2009年版）》第三十五条")[0];
        assert_eq!((c.title, c.version), ("食品安全法", Some((2009, 0, 0))));
        let c = &citations(
            "《行政许可法》（2003年8月27日第十届全国人民代表大会常务委员会第四次会议通过　根据2019年4月23日修正）",
        )[0];
        assert_eq!(c.version, Some((2019, 4, 23)));
        // The adoption alone and a 令号 are not version claims.
        assert_eq!(citations("《行政许可法》（2003年8月27日通过）")[0].version, None);
        assert_eq!(citations("《护士条例》（国务院令第517号）")[0].version, None);
        assert_eq!(citations("《节能审查办法（2016）》")[0].version, Some((2016, 0, 0)));
    }
}
