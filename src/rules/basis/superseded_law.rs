use super::citation::citations;
use crate::diag::Severity;
use crate::laws;
use crate::model::fields::FieldSet;
use crate::model::{F, Loc};
use crate::rules::{Ctx, Family, Out, Rule, RuleMeta};
use crate::{msg, page};

/// ## 检查什么
/// 设定依据引用的法律法规版本已被取代：
/// - 依据写明的版本（“（2015年修正）”“（2016年2月6日予以修改）”“（2009年版）”）早于内置
///   法规库中该法的最新版本——报告现行版本及其日期；
/// - 法规库标注该法已失效，或该法已被另一部法律法规取代（如《合同法》由《民法典》取代、
///   《个体工商户条例》由《促进个体工商户发展条例》取代）——报告取代它的法律和日期。
///
/// 只写“（2003年8月27日…通过）”的是制定日期，不算版本；国务院令号不与版本比对。
///
/// ## 为什么
/// 引用旧版本，条款号和内容可能都已改变；引用已废止的法律，事项就失去了依据。清单年度调整
/// 时最容易漏改的就是依据。法规库是 2025 年 4 月的快照，所以这是警告，并写明快照日期。
///
/// ## 如何修复
/// 改引现行版本（或取代它的法律）及相应条款；已废止且无替代的，提请取消或调整该事项。
///
/// ## 示例
/// ```yaml
/// items:
///   - basis: [《中华人民共和国食品安全法》（2015年修订）第三十五条]
/// ```
/// 改为：
/// ```yaml
/// items:
///   - basis: [《中华人民共和国食品安全法》第三十五条]
/// ```
/// ---
/// ## What it does
/// Reports a basis citing a superseded text:
/// - the version it names ("（2015年修正）", "（2016年2月6日予以修改）", "（2009年版）") is older
///   than the latest version of that law in the built-in law registry — naming the current
///   version and its date;
/// - the registry marks the law expired, or another act replaced it (合同法 by 民法典,
///   个体工商户条例 by 促进个体工商户发展条例) — naming the successor and the date.
///
/// A note giving only the adoption ("…通过") is not a version; State Council order numbers are
/// not compared.
///
/// ## Why is this bad?
/// An old version's articles may be renumbered or changed; a repealed law leaves the item
/// without a basis. The registry is a snapshot of April 2025, so this is a warning naming it.
///
/// ## How to fix
/// Cite the current version (or the successor) and its article; when a repealed law has no
/// successor, propose to cancel or change the item.
///
/// ## Example
/// ```yaml
/// items:
///   - basis: [《中华人民共和国食品安全法》（2015年修订）第三十五条]
/// ```
/// Use instead:
/// ```yaml
/// items:
///   - basis: [《中华人民共和国食品安全法》第三十五条]
/// ```
pub struct SupersededLaw;

impl Rule for SupersededLaw {
    fn meta(&self) -> RuleMeta {
        RuleMeta::new(
            "B012",
            "superseded-law",
            Family::Basis,
            Severity::Warning,
            "设定依据引用了已被取代的法律法规版本",
            "basis cites a superseded version of a law",
            page!(SupersededLaw),
        )
    }
    fn value_fields(&self) -> Option<FieldSet> {
        Some(super::basis_lines())
    }
    fn check_value(&self, cx: &Ctx, i: usize, _f: F, line: &str, at: Loc, out: &mut Out) {
        let reg = cx.options.laws();
        for c in citations(line) {
            let t = c.title;
            if let Some(s) = laws::successor(t) {
                let (new, date) = (s.successor.as_str(), s.date.as_str());
                out.item(
                    i,
                    at,
                    msg!("《{}》已于 {} 废止，由《{}》取代", t, date, new;
                    "《{}》 was repealed on {} and replaced by 《{}》", t, date, new),
                )
                .help(msg!("改引《{}》的相应条款", new; "cite the corresponding article of 《{}》", new));
                continue;
            }
            let Some(cur) = reg.current(t) else { continue };
            if cur.expired {
                out.item(i, at, msg!("法规库（{} 快照）标注《{}》（{} 版）已失效", reg.date, cur.title, cur.version;
                    "the law registry (snapshot of {}) marks 《{}》 ({}) as no longer in force", reg.date, cur.title, cur.version))
                    .help(msg!("核对该法是否已废止或被取代，改引现行法律法规"; "check whether it was repealed or replaced and cite the law in force"));
                continue;
            }
            let (Some((y, m, d)), Some((cy, cm, cd))) = (c.version, cur.date()) else {
                continue;
            };
            let older = y < cy || (y == cy && m > 0 && (m < cm || (m == cm && d > 0 && d < cd)));
            if older {
                let note = c.version_text.unwrap_or("");
                out.item(i, at, msg!("《{}》引用的版本{}已被取代：现行为 {} 的版本（法规库 {} 快照）", t, note, cur.version, reg.date;
                    "《{}》: the version cited {} is superseded; the current one is of {} (law registry, snapshot of {})", t, note, cur.version, reg.date))
                    .help(msg!("改引现行版本，并核对条款号是否随修改变化"; "cite the current version and check whether the article numbers changed"));
            }
        }
    }
}
