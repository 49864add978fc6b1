//! A law text in LawRefBook's Markdown form — `# 标题`, the history, `<!-- INFO END -->`, then
//! articles starting a line with `第X条` and a space; 项 are paragraphs starting `（一）`. The
//! same reading as `scripts/build_law_registry.py`, for a user's own registry folder.

use super::{Article, Law, cn_number};
use crate::error::Error;
use std::path::Path;

/// The articles of one text: each 款 is a paragraph that is not a 项; each 项 counts to its 款.
pub fn articles(text: &str) -> Vec<Article> {
    let body = text.split_once("<!-- INFO END -->").map_or(text, |(_, b)| b);
    let mut out: Vec<(u16, u8, Vec<u8>)> = Vec::new();
    for line in body.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') || line.starts_with("<!--") {
            continue;
        }
        if let Some((num, sub, rest)) = article_start(line) {
            out.push((num, sub, vec![u8::from(is_item(rest))]));
        } else if let Some(last) = out.last_mut() {
            if is_item(line) {
                if let Some(k) = last.2.last_mut() {
                    *k = k.saturating_add(1);
                }
            } else {
                last.2.push(0);
            }
        }
    }
    out.into_iter()
        .map(|(num, sub, x)| Article {
            num,
            sub,
            xiang: x.into(),
        })
        .collect()
}

/// The text of one article (its paragraphs, one a line), when the text has it.
pub fn article_body(text: &str, num: u16, sub: u8) -> Option<String> {
    let body = text.split_once("<!-- INFO END -->").map_or(text, |(_, b)| b);
    let mut out: Option<Vec<&str>> = None;
    for line in body.lines().map(str::trim) {
        if line.is_empty() {
            continue;
        }
        let start = article_start(line);
        match &mut out {
            None if start.is_some_and(|(n, s, _)| n == num && s == sub) => out = Some(vec![line]),
            Some(_) if start.is_some() || line.starts_with('#') => break,
            Some(lines) => lines.push(line),
            None => {}
        }
    }
    out.map(|l| l.join("\n"))
}

/// `第十二条之一 …` → (12, 1, the text after the space).
fn article_start(line: &str) -> Option<(u16, u8, &str)> {
    let rest = line.strip_prefix('第')?;
    let end = rest.find('条')?;
    let num = u16::try_from(cn_number(&rest[..end])?).ok()?;
    let mut after = &rest[end + '条'.len_utf8()..];
    let mut sub = 0;
    if let Some(s) = after.strip_prefix('之') {
        let e = s
            .char_indices()
            .find(|(_, c)| c.is_whitespace())
            .map_or(s.len(), |(i, _)| i);
        sub = u8::try_from(cn_number(&s[..e])?).ok()?;
        after = &s[e..];
    }
    // The number must be followed by a space (or end the line): 第一条规定… in prose is not a heading.
    if !(after.is_empty() || after.starts_with(char::is_whitespace)) {
        return None;
    }
    Some((num, sub, after.trim_start()))
}

/// A 项: a paragraph opening with （一） or (一).
fn is_item(s: &str) -> bool {
    let Some(rest) = s.strip_prefix(['（', '(']) else {
        return false;
    };
    let end = rest.find(['）', ')']).unwrap_or(0);
    // Chinese numerals 一…十 only, as the script's pattern: (1) is a list in prose, not a 项.
    end > 0 && rest[..end].chars().all(|c| "一二三四五六七八九十".contains(c))
}

/// One Markdown law file: the title from `# `, the version from the name's `(YYYY-MM-DD)`.
pub fn read_law(path: &Path) -> Result<Option<Law>, Error> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, &e))?;
    let Some(title) = text.lines().find_map(|l| l.strip_prefix("# ")).map(str::trim) else {
        return Ok(None);
    };
    let arts = articles(&text);
    if arts.is_empty() {
        return Ok(None);
    }
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let version = stem
        .rsplit_once('(')
        .and_then(|(_, v)| v.strip_suffix(')'))
        .filter(|v| v.len() == 10)
        .unwrap_or("");
    Ok(Some(Law::new(
        title,
        "用户",
        version,
        false,
        &path.display().to_string(),
        arts,
    )))
}

/// Every `*.md` law under a folder (recursively), in path order; files without a title or
/// articles (an index, a README) are passed over.
pub fn read_folder(dir: &Path) -> Result<Vec<Law>, Error> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let rd = std::fs::read_dir(&d).map_err(|e| Error::io(&d, &e))?;
        for e in rd {
            let p = e.map_err(|e| Error::io(&d, &e))?.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "md") {
                files.push(p);
            }
        }
    }
    files.sort();
    let mut laws = Vec::new();
    for f in files {
        laws.extend(read_law(&f)?);
    }
    Ok(laws)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_articles_paragraphs_and_items() {
        let text = "# 中华人民共和国示例法\n\n2020年1月1日通过\n\n<!-- INFO END -->\n\n## 第一章 总则\n\n\
                    第一条 为了示例，制定本法。\n\n第二条 下列事项：\n\n（一）甲；\n\n（二）乙。\n\n前款规定以外的，不适用。\n\n\
                    第二条之一 新增。\n\n第三条 本法自公布之日起施行。\n";
        let a = articles(text);
        let got: Vec<_> = a.iter().map(|a| (a.num, a.sub, a.xiang.to_vec())).collect();
        assert_eq!(
            got,
            [(1, 0, vec![0]), (2, 0, vec![2, 0]), (2, 1, vec![0]), (3, 0, vec![0])]
        );
    }
}
