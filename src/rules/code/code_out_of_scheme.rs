use crate::diag::Severity;
use crate::model::code::PowerCode;
use crate::model::{F, Item, Loc};
use crate::rules::{Ctx, Family, Out, Rule, RuleMeta};
use crate::{msg, page};

/// ## 检查什么
/// 一张清单（一个文件的一张工作表；各表都只有同一个实施主体时，如分类分表，合为一张）的事项
/// 编码八成以上（至少 8 个，子项在主项编码后加一段的编码也算）写法相同——同样的字母、汉字、
/// 数字段和分隔符，如 `XK-0001`、`330100-许可-0001`、`01001`——时，写法不同的编码：
/// 数字段里混进字母（`XK-00O8`，字母 O 当作数字 0）、少了分隔符或多出一段、补零的数字段位数
/// 不对（`XK-001`）、本应相同的区划段不同（`3301-许可-0005`）。
/// 不足 8 个编码的工作表（政府清单每个部门一张表）与整个工作簿的编码比较。没有自己编码的事项
/// （不分子项的主项，子项编码为空）按其主项编码检查。存成数字的编码没有前导零（`10579`）时，
/// 补了零的编码（`0308`）或比其他所有编码都长的编码（`104860`）写法不同。
/// 子项在主项编码后加一段（`XK-0002-01`、`01001` 下的 `01001001`）不算不同；但加的这一段本身
/// 写错——与其他子项补零的位数不同（`-01`、`-02` 中的 `-1`、`-011`），或数字中混进字母（`-O1`）——
/// 仍报告。子项编码与主项编码一样长的清单（`…101000` 下的 `…101001`），多一位的子项编码也报告。
/// 浙江权力基本码由 K005 检查，含统一社会信用代码的实施编码由 K001、K009 检查。
///
/// ## 为什么
/// 编码是事项在系统之间对接、上下级比对和统计的键：一张清单只用一种编码规则。写错的编码
/// 导入时对不上，也查不到。
///
/// ## 如何修复
/// 对照本清单其他编码，改正位数、分隔符或写错的字符。
///
/// ## 示例
/// ```yaml
/// items:
///   - {code: XK-0001, name: 民办职业培训学校设立审批}
///   - {code: XK-00O8, name: 职业介绍机构许可}
/// ```
/// 改为：
/// ```yaml
///   - {code: XK-0008, name: 职业介绍机构许可}
/// ```
/// ---
/// ## What it does
/// When eight in ten item codes of a list (one file's sheet, or the sheets of one office where each
/// names that one 实施主体, as a sheet per type does; at least 8 codes, a 子项's code adding a
/// part to its 主项's counting) are written alike —
/// the same letters, Chinese characters, digit runs and separators, as in `XK-0001`,
/// `330100-许可-0001` or `01001` — reports a code written otherwise: a letter inside a run of
/// digits (`XK-00O8`, the letter O for a zero), a separator or a part missing or added, a
/// zero-padded run of another length (`XK-001`), a fixed part (the region) that differs.
/// A 子项 code that adds a part to its 主项 code (`XK-0002-01`, `01001001` under `01001`) is not
/// another scheme, but a mistyped added part is reported: padded to another width than the other
/// 子项 codes' (`-1` or `-011` among `-01`, `-02`) or with a letter in its digits (`-O1`); so is a
/// 子项 code one digit longer where 子项 codes are as long as 主项 codes (`…101000` over
/// `…101001`). A sheet of fewer than 8 codes (a government's workbook, a sheet per 部门) is
/// judged against its workbook's codes. An item without a code of its own (a 主项 not split into
/// 子项) is known by its 主项编码. Among codes stored as numbers (`10579`, no zero ahead), a code
/// padded with a zero (`0308`) or longer than every other (`104860`) is written otherwise. Zhejiang
/// power codes are K005's, codes holding a credit code (实施编码) K001's and K009's.
///
/// ## Why is this bad?
/// The code is the key other systems, the level above and statistics match items by: a list uses
/// one scheme, and a mistyped code matches nothing.
///
/// ## How to fix
/// Compare with the list's other codes; fix the length, separator or mistyped character.
///
/// ## Example
/// ```yaml
/// items:
///   - {code: XK-0001, name: 民办职业培训学校设立审批}
///   - {code: XK-00O8, name: 职业介绍机构许可}
/// ```
/// Use instead:
/// ```yaml
///   - {code: XK-0008, name: 职业介绍机构许可}
/// ```
pub struct CodeOutOfScheme;

/// Codes a list must have before one written otherwise is reported, and the share of them that
/// must be written alike.
const MIN_ALIKE: usize = 8;
const SHARE_ALIKE: f64 = 0.8;

/// A code cut into runs: digits (their text), letters, Chinese characters, one other character.
#[derive(Debug)]
enum Run<'a> {
    Digits(&'a str),
    Letters,
    Han,
    Other(char),
}

fn runs(code: &str) -> Vec<Run<'_>> {
    let mut out = Vec::new();
    let mut start = 0;
    let kind = |c: char| {
        if c.is_ascii_digit() {
            0
        } else if c.is_ascii_alphabetic() {
            1
        } else if crate::model::code::is_han(c) {
            2
        } else {
            3
        }
    };
    let chars: Vec<(usize, char)> = code.char_indices().collect();
    for (k, &(at, c)) in chars.iter().enumerate() {
        let next_differs = chars
            .get(k + 1)
            .is_none_or(|&(_, n)| kind(n) != kind(c) || kind(c) == 3);
        if next_differs {
            let end = at + c.len_utf8();
            out.push(match kind(c) {
                0 => Run::Digits(&code[start..end]),
                1 => Run::Letters,
                2 => Run::Han,
                _ => Run::Other(c),
            });
            start = end;
        }
    }
    out
}

/// How a code is written (`XK-0001` → `A-9`): K012 leaves codes of another shape to this rule.
pub(super) fn shape(code: &str) -> String {
    scheme(&runs(code))
}

/// The scheme of a code: its runs with the digit runs' lengths left out (`A-9`, `9-H-9`).
fn scheme(runs: &[Run]) -> String {
    runs.iter()
        .map(|r| match r {
            Run::Digits(_) => '9',
            Run::Letters => 'A',
            Run::Han => 'H',
            Run::Other(c) => *c,
        })
        .collect()
}

/// Whether one scheme is the other with parts added after a separator (a 子项 code after its
/// 主项's: `A-9-9` and `A-9`).
fn extends(long: &str, short: &str) -> bool {
    long.strip_prefix(short)
        .is_some_and(|rest| rest.starts_with(|c: char| !matches!(c, '9' | 'A' | 'H')))
}

/// Whether `code` is `main` with digits (and separators) added: a 子项's code under its 主项's.
fn extended_by_digits(code: &str, main: &str) -> bool {
    !main.is_empty()
        && main.len() < code.len()
        && code.starts_with(main)
        && code[main.len()..]
            .bytes()
            .all(|b| b.is_ascii_digit() || b"-_.".contains(&b))
}

/// Whether `code` extends one of `mains` by digits ([`extended_by_digits`] against each, in one
/// look-up per cut of the code: a list of 30,000 codes asked it of every code).
fn extends_any(code: &str, mains: &foldhash::HashSet<&str>) -> bool {
    let b = code.as_bytes();
    let mut p = b.len();
    while p > 1 && (b[p - 1].is_ascii_digit() || b"-_.".contains(&b[p - 1])) {
        p -= 1;
        if mains.contains(&code[..p]) {
            return true;
        }
    }
    false
}

impl Rule for CodeOutOfScheme {
    fn meta(&self) -> RuleMeta {
        RuleMeta::new(
            "K010",
            "code-out-of-scheme",
            Family::Code,
            Severity::Error,
            "事项编码与本清单其他编码的写法不同",
            "item code written unlike the list's other codes",
            page!(CodeOutOfScheme),
        )
    }
    fn check_catalog(&self, cx: &Ctx, out: &mut Out) {
        fn code_of(it: &Item) -> Option<(&str, Loc)> {
            // An item without a code of its own is known by its 主项编码: a 主项 not split into
            // 子项 (its 子项编码 cell blank), or 子项 rows under a 主项 row giving them its code.
            let (code, loc) = it
                .fields
                .text_at(F::Code)
                .filter(|(c, _)| !c.trim().is_empty())
                .or_else(|| it.fields.text_at(F::MainCode))?;
            // A code without a digit (暂无, 无) is a placeholder (W005's), not a scheme; a
            // Zhejiang power code is K005's; a code holding a credit code (an 实施编码, whose
            // 18th character is a digit or a letter) is K001's and K009's.
            let credit = |c: &str| {
                c.split(|ch: char| !ch.is_ascii_alphanumeric())
                    .any(|run| run.len() >= 18)
            };
            Some((crate::text::trim(code), loc)).filter(|(c, _)| {
                c.bytes().any(|b| b.is_ascii_digit())
                    && !PowerCode::looks_like(c)
                    && !credit(c)
                    && !super::scientific_notation_code::is_scientific(c)
            })
        }
        let lists = super::per_list(&cx.catalog.items, code_of);
        for codes in &lists {
            judge(cx, codes, |_| true, out);
        }
        // A sheet with too few codes for a scheme of its own (a government's workbook, one sheet
        // per 部门) is judged against its whole workbook's codes, when they share one scheme.
        let short = |codes: &[(usize, &str, Loc)]| {
            let mut d: Vec<&str> = codes.iter().map(|c| c.1).collect();
            d.sort_unstable();
            d.dedup();
            d.len() < MIN_ALIKE
        };
        let mut files: Vec<crate::model::FileId> = lists.iter().filter_map(|l| l.first().map(|c| c.2.file)).collect();
        files.sort_unstable();
        files.dedup();
        for file in files {
            let of_file: Vec<&Vec<(usize, &str, Loc)>> = lists
                .iter()
                .filter(|l| l.first().is_some_and(|c| c.2.file == file))
                .collect();
            if of_file.len() < 2 || !of_file.iter().any(|l| short(l)) {
                continue;
            }
            let pooled: Vec<(usize, &str, Loc)> = of_file.iter().flat_map(|l| l.iter().copied()).collect();
            let in_short: foldhash::HashSet<usize> = of_file
                .iter()
                .filter(|l| short(l))
                .flat_map(|l| l.iter().map(|c| c.0))
                .collect();
            judge(cx, &pooled, |i| in_short.contains(&i), out);
        }
    }
}

/// Whether a digit run padded with a zero (`0308`) has another length than the `len` the list's
/// codes agree on, where that length is no fixed one (`10579`: a code of digits without a zero
/// ahead, as a number cell keeps it). Unpadded runs of another length may be counts (`999`, `1000`).
fn padded_off(run: &str, len: usize) -> bool {
    run.len() > 1 && run.starts_with('0') && run.len() != len
}

/// Whether `t`, a run a 子项 code adds after its 主项's (`-1`, `-011`), has another width than
/// the one the list pads these runs to (`-01`, `-02`: a zero ahead shows the width): more of the
/// list's runs have that width, or `t` is shorter and unpadded. Runs no code pads (`-1`, `-12`)
/// are counts of no fixed width.
fn added_run_off(t: &str, texts: &[&str]) -> bool {
    let mut padded: foldhash::HashMap<usize, usize> = Default::default();
    for x in texts.iter().filter(|x| x.len() > 1 && x.starts_with('0')) {
        *padded.entry(x.len()).or_default() += 1;
    }
    let Some((&width, _)) = padded.iter().max_by_key(|(l, n)| (**n, std::cmp::Reverse(**l))) else {
        return false;
    };
    if t.len() == width || texts.len() < 2 {
        return false;
    }
    let of_width = texts.iter().filter(|x| x.len() == width).count();
    of_width > texts.len() - of_width || (!t.starts_with('0') && t.len() < width)
}

/// Whether scheme `s` adds to the `main` scheme a part with a letter against a digit (`-O1`,
/// `-0l`) where the list's other 子项 codes add digits only (`-01`, `-02`, two at least): the
/// letter O or l typed for a 0 or 1, as in a 主项's own runs.
fn mistyped_addition(s: &str, main: &str, added: &foldhash::HashMap<&str, Vec<Vec<&str>>>) -> bool {
    let Some(part) = s.strip_prefix(main).filter(|_| extends(s, main)) else {
        return false;
    };
    let glued = part.contains("A9") || part.contains("9A");
    glued
        && added.iter().any(|(t, at)| {
            let digits_only = t
                .strip_prefix(main)
                .is_some_and(|p| !p.contains(['A', 'H']) && p.contains('9'));
            digits_only && at.iter().any(|texts| texts.len() >= 2)
        })
}

/// Whether the one run of `texts` that is not among `most` (the runs of the agreed length) is
/// the number after one of them: `1000` after `999` in a list numbered by a count.
fn continues_count(texts: &[&str], most: &[&str]) -> bool {
    let Some(odd) = texts.iter().find(|t| t.len() != most.first().map_or(0, |m| m.len())) else {
        return false;
    };
    odd.parse::<u64>()
        .ok()
        .and_then(|n| n.checked_sub(1))
        .is_some_and(|before| most.contains(&before.to_string().as_str()))
}

/// Reports the codes of `codes` that `report` picks and that are written unlike the list's scheme.
fn judge(cx: &Ctx, codes: &[(usize, &str, Loc)], report: impl Fn(usize) -> bool, out: &mut Out) {
    // 子项 rows under a merged 主项 code cell share it: each code counts once.
    let mut distinct: Vec<&str> = codes.iter().map(|c| c.1).collect();
    distinct.sort_unstable();
    distinct.dedup();
    if distinct.len() < MIN_ALIKE {
        return;
    }
    let cut: foldhash::HashMap<&str, (Vec<Run>, String)> = distinct
        .iter()
        .map(|c| {
            let r = runs(c);
            let s = scheme(&r);
            (*c, (r, s))
        })
        .collect();
    let mut count: foldhash::HashMap<&str, usize> = Default::default();
    for (_, s) in cut.values() {
        *count.entry(s.as_str()).or_default() += 1;
    }
    let Some(most) = count
        .iter()
        .max_by_key(|(s, n)| (**n, std::cmp::Reverse(**s)))
        .map(|(s, _)| *s)
    else {
        return;
    };
    // A list coding each 子项 (`XK-0757-01`) more often than it codes a 主项 alone (`XK-0210`)
    // is of the 主项's scheme, its 子项 adding a part: the scheme a few codes share (not one
    // code missing a part) that the most common one extends.
    let main = count
        .iter()
        .filter(|(s, n)| **n >= 3 && extends(most, s))
        .min_by_key(|(s, _)| s.len())
        .map_or(most, |(s, _)| *s);
    // 子项 codes adding a part to their 主项's (`XK-0757-01` beside `XK-0210`) are written in
    // the list's scheme too: a list coding each 子项 row is no less one scheme.
    let family = cut.values().filter(|(_, s)| s == main || extends(s, main)).count();
    if family < MIN_ALIKE || (family as f64) < SHARE_ALIKE * distinct.len() as f64 {
        return;
    }
    // A code extending another of the list or its row's 主项编码 by digits (`00226001`
    // under `00226`) is a 子项's: the digit runs' lengths are the 主项 codes'.
    let mains: foldhash::HashSet<&str> = codes
        .iter()
        .filter_map(|&(i, _, _)| cx.catalog.items[i].text(F::MainCode).map(str::trim))
        .chain(distinct.iter().copied())
        .collect();
    // So is a code only 子项 rows carry (`00500001` on a 子项 row whose 主项 has no code).
    let sub_row = |i: usize| {
        let f = &cx.catalog.items[i].fields;
        f.text(F::SubItem)
            .is_some_and(|s| !s.trim().is_empty() && f.text(F::MainItem) != Some(s))
    };
    // (A 主项编码 standing for a row's missing code is a 主项's, whatever row carries it.)
    let own_code = |i: usize| cx.catalog.items[i].text(F::Code).is_some_and(|c| !c.trim().is_empty());
    // (Nor is one typed on each of its 主项's 子项 rows, `10436` on three: a code shared is the
    // 主项's.)
    let mut only_sub_rows: foldhash::HashMap<&str, (bool, usize)> = Default::default();
    for &(i, code, _) in codes {
        let e = only_sub_rows.entry(code).or_insert((true, 0));
        e.0 &= sub_row(i) && own_code(i);
        e.1 += 1;
    }
    let only_sub_rows: foldhash::HashMap<&str, bool> = only_sub_rows
        .into_iter()
        .map(|(c, (sub, n))| (c, sub && n == 1))
        .collect();
    let is_sub = |code: &str| extends_any(code, &mains) || only_sub_rows.get(code).copied().unwrap_or(true);
    // Each digit run of the main scheme: its length, when eight in ten of the codes have
    // it and either pad it with zeros or write the same digits (a region) in it.
    let alike_all: Vec<(&str, &Vec<Run>)> = cut
        .iter()
        .filter(|(_, (_, s))| s == main)
        .map(|(c, (r, _))| (*c, r))
        .collect();
    let alike_mains: Vec<&Vec<Run>> = alike_all.iter().filter(|(c, _)| !is_sub(c)).map(|(_, r)| *r).collect();
    let mut alike: Vec<&Vec<Run>> = if alike_mains.len() >= MIN_ALIKE / 2 {
        alike_mains
    } else {
        alike_all.iter().map(|(_, r)| *r).collect()
    };
    // The 主项编码 its 子项 rows name (`10069` over `10069001`, `10069002`) is a code of the list
    // too, of the main scheme: its runs count for the lengths.
    let named_mains: Vec<Vec<Run>> = mains
        .iter()
        .filter(|m| !cut.contains_key(*m))
        .map(|m| runs(m))
        .filter(|r| scheme(r) == main)
        .collect();
    alike.extend(named_mains.iter());
    // Per digit run: the length eight in ten codes agree on, and whether that length is fixed.
    // A 子项 code adding a part after a separator (`…-0469-01`) begins with its 主项's runs: they
    // count for the 主项 codes' lengths too (a list of four 主项 codes and ten 子项 codes).
    let extended: Vec<&Vec<Run>> = cut
        .values()
        .filter(|(_, s)| s != main && extends(s, main))
        .map(|(r, _)| r)
        .collect();
    // (And whether every code but one has it, eight at least: `104860` among nine of 5 digits.)
    let lens: Vec<Option<(usize, bool, bool)>> = (0..alike[0].len())
        .map(|p| {
            let texts: Vec<&str> = alike
                .iter()
                .chain(&extended)
                .filter_map(|r| match r[p] {
                    Run::Digits(t) => Some(t),
                    _ => None,
                })
                .collect();
            let mut by_len: foldhash::HashMap<usize, Vec<&str>> = Default::default();
            for t in &texts {
                by_len.entry(t.len()).or_default().push(t);
            }
            let (&len, most) = by_len.iter().max_by_key(|(l, v)| (v.len(), std::cmp::Reverse(**l)))?;
            let agreed = most.len() as f64 >= SHARE_ALIKE * texts.len() as f64;
            let padded = most.iter().any(|t| t.len() > 1 && t.starts_with('0'));
            let constant = len > 1 && most.iter().all(|t| *t == most[0]);
            // A long run (eight digits and more, 330217001000) is a code's, never a count.
            // `1000` after `999` continues a count; a digit typed twice (`104860`) does not.
            let all_but_one =
                most.len() >= MIN_ALIKE && most.len() + 1 == texts.len() && !continues_count(&texts, most);
            agreed.then_some((len, padded || constant || len >= 8, all_but_one))
        })
        .collect();
    let fixed_len: Vec<Option<usize>> = lens.iter().map(|l| l.filter(|x| x.1).map(|x| x.0)).collect();
    // The part a 子项 code adds after its 主项's (`-01`, `-02` …): per extended scheme, the
    // digits each code has at each run past the 主项's.
    let mut added: foldhash::HashMap<&str, Vec<Vec<&str>>> = Default::default();
    for (r, x) in cut.values() {
        if x != main && extends(x, main) {
            let at = added.entry(x.as_str()).or_default();
            for (k, run) in r.iter().skip(alike[0].len()).enumerate() {
                if at.len() <= k {
                    at.push(Vec::new());
                }
                if let Run::Digits(t) = run {
                    at[k].push(t);
                }
            }
        }
    }
    // A list coding its 子项 rows as long as its 主项 rows (`…101000` over `…101001`): a longer
    // code on a 子项 row is no 主项's code extended but one digit too many.
    let sub_codes: Vec<&str> = codes
        .iter()
        .filter(|&&(i, c, _)| sub_row(i) && own_code(i) && cut[c].1 == main)
        .map(|&(_, c, _)| c)
        .collect();
    let in_main = cut.iter().filter(|(_, (_, s))| s == main).map(|(c, _)| *c);
    let example = in_main
        .clone()
        .filter(|c| !is_sub(c))
        .min()
        .or_else(|| in_main.clone().min())
        .unwrap_or("");
    // A 主项编码 merged over its 子项 rows stands for each of them: reported once, at its cell.
    let mut reported: foldhash::HashSet<Loc> = Default::default();
    for &(i, code, loc) in codes {
        if !report(i) || reported.contains(&loc) {
            continue;
        }
        let (r, s) = &cut[code];
        let from = alike[0].len();
        let added_off = added.get(s.as_str()).is_some_and(|at| {
            r.iter().skip(from).zip(at).any(|(run, texts)| match run {
                Run::Digits(t) => added_run_off(t, texts),
                _ => false,
            })
        });
        let off = if added_off || mistyped_addition(s, main, &added) {
            true
        } else if s == main {
            r.iter()
                .zip(fixed_len.iter().zip(&lens))
                .any(|(run, lens)| match (run, lens) {
                    (Run::Digits(t), (Some(len), _)) => t.len() != *len,
                    // A run padded with zeros is one of a fixed length: `0308` among `10579`,
                    // `10780` (codes stored as numbers keep no zero) is one digit short.
                    // So is a run longer than every other code's (a digit typed twice; a shorter one may
                    // be a count: `999` before `1000`).
                    (Run::Digits(t), (None, Some((len, _, all_but_one)))) => {
                        padded_off(t, *len) || (*all_but_one && t.len() > *len)
                    }
                    _ => false,
                })
        } else {
            !extends(s, main) && !extends(main, s)
        };
        if !off {
            continue;
        }
        // A 子项 code that is its 主项's with digits added (01001001 under 01001): the
        // 主项's code is in the list, or the row names it as its 主项编码.
        let item = &cx.catalog.items[i];
        let main_code = item.text(F::MainCode).map(str::trim).filter(|m| !m.is_empty());
        // (Not when the row's own 主项编码 is of the list's length and this code, not extending
        // it, is one digit longer: `130681011010021` under `13068101101000` is one digit too
        // many. A 子项 code a whole part longer (`00363001` under `00508`) is another 主项's
        // extended: K012's, not a mistyped code.)
        let longer_than_main = main_code.is_some_and(|m| m.len() == example.len() && code.len() == m.len() + 1);
        let subs_as_long = longer_than_main
            || sub_codes.len() >= MIN_ALIKE / 2
                && sub_codes.iter().filter(|c| c.len() == example.len()).count() as f64
                    >= SHARE_ALIKE * sub_codes.len() as f64;
        let under_main = !added_off
            && main_code
            .into_iter()
            .chain(distinct.iter().copied())
            // Extended by digits only: `0060O1` under 006 is a mistyped code, not its 子项's.
            .any(|m| extended_by_digits(code, m))
            // A 子项 row whose 主项 has no code of its own in the list: a longer code is
            // its 主项's extended (not on a 主项 its 子项名称 says is not split, `无`).
            || (sub_row(i) && s == main && code.len() > example.len() && !subs_as_long)
            // A 子项's code the 主项 codes' lengths do not bind: digits added (`00537001`
            // among `00921`), none missing (`…-07-01-02` among `…-07-001-01` is mistyped).
            || (s == main
                && is_sub(code)
                && !(subs_as_long && code.len() > example.len())
                && r.iter().zip(&fixed_len).all(|(run, len)| match (run, len) {
                    (Run::Digits(t), Some(len)) => t.len() >= *len,
                    _ => true,
                }));
        if under_main {
            continue;
        }
        // The codes written in the main scheme, this one aside when it is among them.
        let others = family - (s == main || extends(s, main)) as usize;
        let example = if example == code {
            in_main.clone().filter(|c| *c != code).min().unwrap_or("")
        } else {
            example
        };
        reported.insert(loc);
        let column = cx.column_name(loc, if own_code(i) { F::Code } else { F::MainCode });
        out.item(
            i,
            loc,
            msg!("{}“{}”与本清单其他 {} 个编码的写法不同（如“{}”）：位数、分隔符或字符有误", column, code, others, example;
                "item code '{}' is written unlike {} other codes of this list (such as '{}'): a length, separator or character is wrong", code, others, example),
        )
        .help(msg!("对照同一清单的编码改正；数字段中的字母 O、l 是否应为数字 0、1？";
            "compare with the list's codes; is a letter O or l in a run of digits a 0 or 1?"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn extends_any_is_extended_by_digits_against_each() {
        let mains: Vec<&str> = vec!["00226", "XK-0757", "006", "许可-00977", "1"];
        let set: foldhash::HashSet<&str> = mains.iter().copied().collect();
        for code in [
            "00226001",
            "00226",
            "0022600",
            "XK-0757-01",
            "XK-0757A",
            "0060O1",
            "006-1",
            "许可-00977-001",
            "许可-00977",
            "12",
            "1",
            "",
            "2-1",
            "XK-0757-",
            "006.",
        ] {
            let want = mains.iter().any(|m| extended_by_digits(code, m));
            assert_eq!(extends_any(code, &set), want, "{code}");
        }
    }

    #[test]
    fn a_letter_in_an_added_part_is_mistyped() {
        let mut added: foldhash::HashMap<&str, Vec<Vec<&str>>> = Default::default();
        added.insert("9-A-9-9", vec![vec![], vec!["02", "03"]]);
        assert!(mistyped_addition("9-A-9-A9", "9-A-9", &added));
        assert!(!mistyped_addition("9-A-9-A", "9-A-9", &added));
        assert!(!mistyped_addition("9-A-9-9", "9-A-9", &added));
        added.clear();
        added.insert("9-A-9-9", vec![vec![], vec!["02"]]);
        assert!(!mistyped_addition("9-A-9-A9", "9-A-9", &added));
    }

    #[test]
    fn an_added_run_of_another_width_is_off() {
        assert!(added_run_off("1", &["01", "1"]));
        assert!(added_run_off("011", &["01", "02", "011"]));
        assert!(!added_run_off("01", &["01", "1"]));
        assert!(!added_run_off("12", &["1", "2", "12"]));
        assert!(!added_run_off("1", &["1"]));
    }

    #[test]
    fn a_padded_run_of_another_length_is_off() {
        assert!(continues_count(&["998", "999", "1000"], &["998", "999"]));
        assert!(!continues_count(&["10486", "10487", "104860"], &["10486", "10487"]));
        assert!(!continues_count(&["0999", "1000"], &["1000"]));
        assert!(padded_off("0308", 5));
        assert!(!padded_off("0308", 4));
        assert!(!padded_off("308", 5));
        assert!(!padded_off("0", 5));
    }

    #[test]
    fn schemes() {
        assert_eq!(scheme(&runs("XK-0001")), "A-9");
        assert_eq!(scheme(&runs("XK-00O8")), "A-9A9");
        assert_eq!(scheme(&runs("330100-许可-0001")), "9-H-9");
        assert_eq!(scheme(&runs("01001")), "9");
        assert!(extends("A-9-9", "A-9") && !extends("A-9A9", "A-9"));
    }
}
