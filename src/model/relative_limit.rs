//! A promised limit written against the statutory one (`法定时限的50%`, `比法定时限压缩50%`,
//! `压缩至法定时限的一半`, `按法定时限办理`), as reform offices write them after a 压缩时限 drive:
//! the share of the statutory limit it promises, and the limit it comes to.

use super::time_limit::{TimeKind, TimeLimit};
use super::value::format_num;

/// Names of the statutory limit.
const STATUTORY: [&str; 5] = ["法定办结时限", "法定办理时限", "法定时限", "法定期限", "法定"];
/// Verbs that shorten: `压缩50%` keeps half, `压缩至50%` is half.
const SHORTEN: [&str; 4] = ["压缩", "缩短", "减少", "缩减"];
/// Words around the statutory limit that say "the same" (`按法定时限办理`, `与法定时限相同`),
/// longer first (相同 before 同).
const SAME: [&str; 13] = [
    "按照", "相同", "一致", "办理", "办结", "执行", "以内", "之内", "按", "同", "与", "的", "内",
];

/// The share of the statutory limit `text` promises, when it is written against it: 0.5 for
/// `法定时限的50%` and `比法定时限压缩50%`, 1 for `按法定时限办理`. `None` for anything else.
pub fn share(text: &str) -> Option<f64> {
    let t: String = text
        .trim()
        .trim_end_matches(['。', '.'])
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let statutory = STATUTORY.iter().find(|w| t.contains(**w));
    if let Some(w) = statutory {
        let mut rest = t.replacen(w, "", 1);
        for s in SAME {
            rest = rest.replace(s, "");
        }
        if rest.is_empty() {
            return Some(1.0);
        }
    }
    let shorten = SHORTEN.iter().find_map(|v| t.find(v).map(|k| (k, v.len())));
    let f = if t.contains("减半") { Some(0.5) } else { fraction(&t) }?;
    if !(f > 0.0 && f <= 1.0) {
        return None;
    }
    match shorten {
        // 压缩至/到/为/成 …: what is left; 压缩50%: what is taken off.
        Some((k, n)) if t[k + n..].starts_with(['至', '到', '为', '成']) => Some(f),
        Some(_) if t.contains("减半") => Some(0.5),
        Some(_) => Some(1.0 - f).filter(|s| *s > 0.0),
        None if statutory.is_some() => Some(f),
        None => None,
    }
}

/// The fraction a text names: `50%`, `一半`, `三分之一`, `2/3`.
fn fraction(t: &str) -> Option<f64> {
    if let Some(k) = t.find(['%', '％']) {
        let digits: String = t[..k]
            .chars()
            .rev()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        return digits.parse::<f64>().ok().map(|p| p / 100.0);
    }
    if t.contains("一半") || t.contains("半数") {
        return Some(0.5);
    }
    let (den, num) = t.split_once("分之")?;
    let d = zh_digit(den.chars().last()?)?;
    let n = zh_digit(num.chars().next()?)?;
    Some(n / d)
}

fn zh_digit(c: char) -> Option<f64> {
    c.to_digit(10)
        .map(f64::from)
        .or_else(|| super::time_limit::chinese_number(c.encode_utf8(&mut [0; 4])))
}

/// The promised limit `written` against `statutory` comes to, in the statutory limit's unit,
/// shown as that limit with the text written as its qualifier (`10个工作日（法定时限的50%）`).
/// `None` when `written` is no such text or the statutory limit has no length to take a share of.
pub fn against(written: &str, statutory: &TimeLimit) -> Option<TimeLimit> {
    let s = share(written)?;
    let (n, unit) = match statutory.kind {
        TimeKind::WorkDays(n) => (n, "个工作日"),
        TimeKind::NaturalDays(n) => (n, "个自然日"),
        TimeKind::Months(n) => (n, "个月"),
        TimeKind::Years(n) => (n, "年"),
        TimeKind::Hours(n) => (n, "小时"),
        TimeKind::Immediate => return Some(TimeLimit::parse(&format!("即办（{}）", written.trim()))),
        TimeKind::NoLimit | TimeKind::Unparsed => return None,
    };
    // The share as it comes out, to a tenth of a day (法定15个工作日的50%: 7.5个工作日): rounding
    // it to whole days is the office's choice, not the reader's.
    let days = (n * s * 10.0).round() / 10.0;
    let limit = TimeLimit::parse(&format!("{}{unit}（{}）", format_num(days), written.trim()));
    (limit.kind != TimeKind::Unparsed).then_some(limit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_of_the_statutory_limit() {
        let cases = [
            ("法定时限的50%", Some(0.5)),
            ("比法定时限压缩50%", Some(0.5)),
            ("较法定时限缩短60%", Some(0.4)),
            ("压缩至法定时限的一半", Some(0.5)),
            ("压缩到法定时限的30%", Some(0.3)),
            ("法定时限的三分之一", Some(1.0 / 3.0)),
            ("法定时限减半", Some(0.5)),
            ("按法定时限办理", Some(1.0)),
            ("与法定时限相同", Some(1.0)),
            ("同法定时限", Some(1.0)),
            ("法定时限内办结", Some(1.0)),
            ("压缩50%", Some(0.5)),
            ("20个工作日", None),
            ("50%", None),
            ("比法定时限压缩100%", None),
        ];
        for (t, want) in cases {
            assert_eq!(
                share(t).map(|s| (s * 1000.0).round()),
                want.map(|s: f64| (s * 1000.0).round()),
                "{t}"
            );
        }
    }

    #[test]
    fn comes_to_days_in_the_statutory_unit() {
        let st = TimeLimit::parse("20个工作日");
        let p = against("法定时限的50%", &st).unwrap();
        assert_eq!(p.kind, TimeKind::WorkDays(10.0));
        assert_eq!(p.qualifier(), Some("法定时限的50%"));
        assert_eq!(
            against("法定时限的三分之一", &st).unwrap().kind,
            TimeKind::WorkDays(6.7)
        );
        assert_eq!(
            against("压缩50%", &TimeLimit::parse("15个工作日")).unwrap().kind,
            TimeKind::WorkDays(7.5)
        );
        assert!(against("法定时限的50%", &TimeLimit::parse("无")).is_none());
        assert!(against("10个工作日", &st).is_none());
    }
}
