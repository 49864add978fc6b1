use crate::diag::Severity;
use crate::i18n::Msg;
use crate::model::{F, Item};
use crate::rules::{Ctx, Family, Out, Rule, RuleMeta};
use crate::{msg, page};
use regex::Regex;
use std::sync::LazyLock;

/// ## 检查什么
/// 咨询电话和监督投诉电话（温州核查规则 R10）：两者都要填写、不能相同，
/// 固定电话要带区号（如 0577-88888888）。手机号、12345 等热线不要求区号。
/// 两个电话都没写的事项不检查（清单可能不含办事指南信息）；写了“无”或没有号码的（“无w”）报告。
/// 分机不同（`转1`、`转2`）是不同号码；网址、邮箱和微信号里的数字不是电话；12345、12348、
/// 12333、95598 等公共热线同时受理咨询和投诉，同号不报告。
///
/// ## 为什么
/// 投诉电话与咨询电话相同，等于让被投诉的窗口自己受理投诉；不带区号的号码，
/// 外地办事人和企业拨不通。
///
/// ## 如何修复
/// 投诉电话填写监察或政务服务管理部门的号码，固定电话加区号。
///
/// ## 示例
/// ```yaml
/// phone: 88888888
/// complaint_phone: 88888888
/// ```
/// 改为：
/// ```yaml
/// phone: 0577-88888888
/// complaint_phone: 0577-12345
/// ```
/// ---
/// ## What it does
/// Checks the enquiry and complaint phones (Wenzhou check R10): both present, not the same, and
/// landlines with an area code (0577-88888888). Mobiles and hotlines such as 12345 need none.
/// Items with neither phone are skipped (the list may hold no guide information); a phone written
/// 无, or with no number at all, is reported. Extensions (`转1`, `转2`) make different numbers;
/// digits in links, e-mail addresses and WeChat ids are no phones; public hotlines (12345, 12348,
/// 12333, 95598 …) take enquiries and complaints alike and are not reported as the same number.
///
/// ## Why is this bad?
/// A complaint line equal to the enquiry line sends complaints to the office complained about;
/// a landline without area code cannot be dialled from another city.
///
/// ## How to fix
/// Give the supervising office's number as the complaint phone; add area codes.
///
/// ## Example
/// ```yaml
/// phone: 88888888
/// complaint_phone: 88888888
/// ```
/// Use instead:
/// ```yaml
/// phone: 0577-88888888
/// complaint_phone: 0577-12345
/// ```
pub struct PhoneProblem;

static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[0-9０-９][0-9０-９()（）\-—－ ]*[0-9０-９](?:\s*转\s*[0-9０-９]+)?").expect("valid regex")
});
/// Web addresses and e-mail addresses: their digits are no phone numbers.
static LINK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)(?:https?://|www\.)[\x21-\x7e]*|[\w.\-]+@[\w.\-]+").expect("valid regex"));

/// The phone numbers of a field, digits only; an extension (`转2`) stays part of its number
/// as `x2`. Digits glued to Latin letters (a WeChat id, `0000swjw`) are not numbers.
/// Whether `s` may hold a link: each of LINK's branches needs `://`, `www.` or `@` (most phone
/// values hold none, and are read without that regex).
fn may_link(s: &str) -> bool {
    s.contains("://") || s.contains('@') || s.as_bytes().windows(4).any(|w| w.eq_ignore_ascii_case(b"www."))
}

fn numbers(s: &str) -> Vec<String> {
    // Most values are one number written with ASCII digits, hyphens, spaces and brackets: NUMBER
    // matches it from its first digit to its last, nothing stands around it, so its digits are
    // the one number (when there are enough of them), without the regexes.
    if s.bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'-' | b' ' | b'(' | b')'))
    {
        let digits: String = s.chars().filter(char::is_ascii_digit).collect();
        return if digits.len() >= 5 { vec![digits] } else { Vec::new() };
    }
    let s = if may_link(s) {
        LINK.replace_all(s, " ")
    } else {
        std::borrow::Cow::Borrowed(s)
    };
    NUMBER
        .find_iter(&s)
        .filter(|m| {
            let before = s[..m.start()].chars().next_back();
            let after = s[m.end()..].chars().next();
            ![before, after]
                .into_iter()
                .flatten()
                .any(|c| c.is_ascii_alphabetic() || c == '_')
        })
        .map(|m| {
            m.as_str()
                .chars()
                .filter_map(|c| {
                    if c == '转' {
                        return Some('x');
                    }
                    let d = c
                        .to_digit(10)
                        .or_else(|| ('０'..='９').contains(&c).then(|| c as u32 - '０' as u32))?;
                    Some(char::from(b'0' + d as u8))
                })
                .collect::<String>()
        })
        .filter(|n| n.len() >= 5)
        .collect()
}

/// A landline written without its area code: 7–8 digits not starting with 0 or 1.
fn lacks_area_code(n: &str) -> bool {
    let n = n.split('x').next().unwrap_or(n);
    (7..=8).contains(&n.len()) && !n.starts_with('0') && !n.starts_with('1')
}

/// The first landline of a cell written without its area code and not after one written with it:
/// `0577-61234567、61234568` lists two lines of one exchange, the second sharing the first's code.
fn without_area_code(found: Vec<String>) -> Option<String> {
    let mut code_given = false;
    for n in found {
        if lacks_area_code(&n) && !code_given {
            return Some(n);
        }
        let line = n.split('x').next().unwrap_or(&n);
        code_given |= line.starts_with('0') && line.len() >= 10;
    }
    None
}

/// A public hotline (12345, 12348, 12333, 95598 …, with or without area code, with or without
/// a menu choice such as `020-12333-9-1`): one number that takes both enquiries and complaints
/// by design. A landline never starts with 1 after its area code, so 1… there is a service code.
fn hotline(n: &str) -> bool {
    let n = n.split('x').next().unwrap_or(n);
    let special = |rest: &str| {
        rest.starts_with("12") && rest.len() >= 5
            || rest.len() == 5 && (rest.starts_with("95") || rest.starts_with("96"))
    };
    special(n) || (n.starts_with('0') && (special(n.get(3..).unwrap_or("")) || special(n.get(4..).unwrap_or(""))))
}

impl Rule for PhoneProblem {
    fn meta(&self) -> RuleMeta {
        RuleMeta::new(
            "V006",
            "phone-problem",
            Family::Visits,
            Severity::Warning,
            "咨询电话或投诉电话缺失、相同或缺少区号",
            "enquiry/complaint phone missing, identical or without area code",
            page!(PhoneProblem),
        )
    }
    fn check_item(&self, cx: &Ctx, i: usize, item: &Item, out: &mut Out) {
        let phone = item.text(F::Phone);
        let complaint = item.text(F::ComplaintPhone);
        // Each field's numbers, read once for both checks below.
        let (pn, cn) = (phone.map(numbers), complaint.map(numbers));
        let problem = |m: Msg, f: F, out: &mut Out| {
            out.item(i, item.at(f), m);
        };
        match (phone, complaint) {
            (None, None) => return,
            // A sheet without the other column (咨询方式 only): its layout, not this item's gap.
            (Some(_), None) if cx.sheet_lacks(item, F::ComplaintPhone) => {}
            (None, Some(_)) if cx.sheet_lacks(item, F::Phone) => {}
            (Some(_), None) => problem(
                msg!("填写了咨询电话，但缺少监督投诉电话"; "an enquiry phone but no complaint phone"),
                F::Phone,
                out,
            ),
            (None, Some(_)) => problem(
                msg!("填写了监督投诉电话，但缺少咨询电话"; "a complaint phone but no enquiry phone"),
                F::ComplaintPhone,
                out,
            ),
            (Some(_), Some(_)) => {
                let (pn, cn) = (pn.as_deref().unwrap_or_default(), cn.as_deref().unwrap_or_default());
                if let Some(n) = pn.iter().find(|n| cn.contains(n) && !hotline(n)) {
                    let shown = n.replace('x', "转");
                    problem(
                        msg!("咨询电话与监督投诉电话是同一个号码（{}）", shown; "the enquiry and complaint phones are the same number ({})", shown),
                        F::ComplaintPhone,
                        out,
                    );
                }
            }
        }
        for (f, found) in [(F::Phone, pn), (F::ComplaintPhone, cn)] {
            let (Some(t), Some(found)) = (item.text(f), found) else {
                continue;
            };
            // The field's name only for a finding (most phones have none).
            let name = || cx.field_name(item.at(f), f);
            // A value with no number and no web or mail address (“无”, “无w”) gives no phone.
            if found.is_empty() && !(may_link(t) && LINK.is_match(t)) {
                let (zh, en) = name();
                problem(
                    msg!("{}写的是“{}”，没有电话号码", zh, t.trim(); "{} is '{}': no phone number", en, t.trim()),
                    f,
                    out,
                );
            } else if let Some(n) = without_area_code(found) {
                let (zh, en) = name();
                problem(
                    msg!("{}“{}”缺少区号", zh, n; "{} '{}' lacks an area code", en, n),
                    f,
                    out,
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn phone_numbers() {
        assert_eq!(numbers("0777—6428820"), ["07776428820"]);
        assert_eq!(numbers("020-34121084；12345"), ["02034121084", "12345"]);
        assert!(lacks_area_code("88888888"));
        assert_eq!(without_area_code(numbers("0577-61234567、61234568")), None);
        assert_eq!(
            without_area_code(numbers("61234568、0577-61234567")),
            Some("61234568".into())
        );
        assert!(!lacks_area_code("13800138000"));
        assert!(!lacks_area_code("12345"));
        // Extensions are part of the number; digits in links and ids are not numbers.
        assert_eq!(numbers("020-38356454转1"), ["02038356454x1"]);
        assert_ne!(numbers("020-38356454转1"), numbers("020-38356454转2"));
        assert!(numbers("网址：http://www.gd.gov.cn/123456789 微信：gdwx20201234").is_empty());
        assert!(numbers("0000swjw").is_empty());
        // may_link never misses a link (it may let through what is none, like ftp://).
        for s in [
            "HTTPS://x.cn/1",
            "WwW.gd.gov.cn",
            "a@b.cn",
            "ftp://x",
            "电话 0577-1234 邮箱 a_b@x.cn",
        ] {
            assert!(may_link(s) || !LINK.is_match(s), "{s}");
        }
        assert!(may_link("HTTPS://x.cn/1") && may_link("WwW.gd.gov.cn") && may_link("a@b.cn"));
        assert!(!may_link("0577-88881234") && !LINK.is_match("0577-88881234"));
        // The plain-number shortcut reads what the regexes read.
        let by_regex = |s: &str| -> Vec<String> {
            NUMBER
                .find_iter(s)
                .map(|m| m.as_str().chars().filter(char::is_ascii_digit).collect::<String>())
                .filter(|n| n.len() >= 5)
                .collect()
        };
        for s in [
            "0577-88881234",
            "(0577) 8888 1234",
            "12345",
            "1234",
            "5",
            "",
            " - ",
            "020-1 ",
            "(020)38356454",
        ] {
            assert_eq!(numbers(s), by_regex(s), "{s}");
        }
        assert!(hotline("02012345") && hotline("95598") && hotline("12333"));
        assert!(!hotline("02083134173"));
        assert!(hotline("0201233391") && hotline("075512345"));
        assert!(!hotline("07559123456"));
    }
}
