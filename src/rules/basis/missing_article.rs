use super::citation::{ArticleRef, Citation, citations};
use crate::diag::Severity;
use crate::i18n::Msg;
use crate::laws::{Law, Registry};
use crate::model::fields::FieldSet;
use crate::model::{F, Loc};
use crate::rules::{Ctx, Family, Out, Rule, RuleMeta};
use crate::{msg, page};

/// ## 检查什么
/// 设定依据引用的条、款、项在法律原文中不存在：《中华人民共和国行政许可法》只有八十三条，
/// “第九十条”就不存在；“第十二条第三款”要求第十二条至少有三款，“第（七）项”要求该款至少
/// 有七项；“第X条之一”要求原文有这一条。对照内置法规库（法律、行政法规、部分部门规章，
/// 广东、浙江的地方性法规）中该法的现行版本；依据写明了版本（“（2015年修正）”）且库中有那个
/// 版本的，对照那个版本。
///
/// ## 为什么
/// 条款号写错，清单的依据就指向了别的规定或根本不存在的规定，复核时无从查起。法律修改后
/// 条文顺序常常变化，沿用旧条款号是最常见的错误。
///
/// ## 如何修复
/// 对照法律原文改正条款号（`catalog law` 可以查看法规库中的条文目录）。法规库是快照：
/// 快照之后修改的法律，以其现行文本为准。
///
/// ## 示例
/// ```yaml
/// items:
///   - basis: [《中华人民共和国行政许可法》第九十条]
/// ```
/// 改为：
/// ```yaml
/// items:
///   - basis: [《中华人民共和国行政许可法》第十二条第一款第（一）项]
/// ```
/// ---
/// ## What it does
/// Reports a cited article, paragraph (款) or item (项) that the law's text does not have:
/// 《中华人民共和国行政许可法》 has 83 articles, so 第九十条 does not exist; 第十二条第三款 needs a
/// third paragraph, 第（七）项 a seventh item, 第X条之一 that article. Checked against the current
/// version in the built-in law registry (laws, administrative regulations, some departmental
/// rules, the local regulations of 广东 and 浙江), or against the version the basis names when
/// the registry has it.
///
/// ## Why is this bad?
/// A wrong article number points the basis at another provision or at none. Revisions renumber
/// articles, and old numbers kept after a revision are the most common mistake.
///
/// ## How to fix
/// Correct the number from the law's text. The registry is a snapshot: for a law revised since,
/// its current text decides.
///
/// ## Example
/// ```yaml
/// items:
///   - basis: [《中华人民共和国行政许可法》第九十条]
/// ```
/// Use instead:
/// ```yaml
/// items:
///   - basis: [《中华人民共和国行政许可法》第十二条第一款第（一）项]
/// ```
pub struct MissingArticle;

impl Rule for MissingArticle {
    fn meta(&self) -> RuleMeta {
        RuleMeta::new(
            "B011",
            "missing-article",
            Family::Basis,
            Severity::Warning,
            "设定依据引用的条款在法律原文中不存在",
            "cited article, paragraph or item does not exist in the law",
            page!(MissingArticle),
        )
    }
    fn value_fields(&self) -> Option<FieldSet> {
        Some(super::basis_lines())
    }
    fn check_value(&self, cx: &Ctx, i: usize, _f: F, line: &str, at: Loc, out: &mut Out) {
        let reg = cx.options.laws();
        for c in citations(line) {
            if c.articles.is_empty() {
                continue;
            }
            let Some(law) = version_cited(reg, &c) else { continue };
            for a in &c.articles {
                if let Some(problem) = absent(law, a) {
                    let (ver, date) = (law.version.as_str(), reg.date.as_str());
                    out.item(i, at, problem).help(msg!(
                        "对照的是法规库中 {} 的版本（{} 快照）；法律在此之后修改的，以现行文本为准", ver, date;
                        "checked against the version of {} in the law registry (snapshot of {}); for a law revised since, its current text decides", ver, date));
                }
            }
        }
    }
}

/// The version to check a citation against: the one it names when the registry has it (the
/// latest not newer than the note), else the latest. None when the note is newer than every
/// version the registry has (the registry is behind: articles may have been added) or older
/// than all of them (that text is not in the registry).
pub(crate) fn version_cited<'r>(reg: &'r Registry, c: &Citation) -> Option<&'r Law> {
    let versions = reg.versions(c.title);
    let latest = *versions.last()?;
    let Some((y, m, d)) = c.version else {
        return Some(latest);
    };
    let newer = |law: &Law| {
        law.date().is_some_and(|(ly, lm, ld)| {
            if m == 0 {
                ly > y
            } else {
                (ly, lm, ld) > (y, m, d.max(1))
            }
        })
    };
    let fits: Vec<&Law> = versions
        .iter()
        .copied()
        .filter(|l| l.date().is_some() && !newer(l))
        .collect();
    let law = *fits.last()?;
    let same_year = law.date().is_some_and(|(ly, _, _)| ly == y);
    // A note naming a year the registry has no version of, after its latest: the registry is behind.
    if std::ptr::eq(law, latest) && !same_year && latest.date().is_some_and(|(ly, _, _)| ly < y) {
        return None;
    }
    Some(law)
}

/// What is missing of one reference, as a message.
fn absent(law: &Law, a: &ArticleRef) -> Option<Msg> {
    // 第零条 and the like are a typo B002's reader sees, not a number to compare.
    if law.articles().is_empty() || a.num == 0 || a.kuan == Some(0) || a.xiang == Some(0) {
        return None;
    }
    let t = &law.title;
    let Some(art) = law.article(a.num, a.sub) else {
        let last = law.last_article();
        return Some(if a.sub == 0 && a.num > last {
            msg!("《{}》只有 {} 条，没有{}", t, last, a.text; "《{}》 has {} articles: there is no {}", t, last, a.text)
        } else {
            msg!("《{}》没有{}", t, a.text; "《{}》 has no {}", t, a.text)
        });
    };
    let kuan_n = art.xiang.len();
    if let Some(k) = a.kuan
        && usize::from(k) > kuan_n
    {
        return Some(
            msg!("《{}》该条只有 {} 款，没有{}", t, kuan_n, a.text; "《{}》: that article has {} paragraph(s): there is no {}", t, kuan_n, a.text),
        );
    }
    if let Some(x) = a.xiang {
        let have = match a.kuan {
            Some(k) => art.xiang[usize::from(k) - 1],
            None => art.xiang.iter().copied().max().unwrap_or(0),
        };
        if x > u16::from(have) {
            return Some(if have == 0 {
                msg!("《{}》该条（款）不分项，没有{}", t, a.text; "《{}》: that article (paragraph) has no items: there is no {}", t, a.text)
            } else {
                msg!("《{}》该条（款）只有 {} 项，没有{}", t, have, a.text; "《{}》: that article (paragraph) has {} items: there is no {}", t, have, a.text)
            });
        }
    }
    None
}
