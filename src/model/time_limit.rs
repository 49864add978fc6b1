//! Time limits (办结时限): parsed into a type while the original text is kept for output.

use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum TimeKind {
    /// N 工作日
    WorkDays(f64),
    /// N 自然日 (also 日 / 天 as written in laws)
    NaturalDays(f64),
    /// N 个月
    Months(f64),
    /// N 年
    Years(f64),
    /// N 小时
    Hours(f64),
    /// 即办 — on the spot
    Immediate,
    /// 无 — no limit set
    NoLimit,
    /// Text the parser could not read.
    Unparsed,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TimeLimit {
    /// As written.
    pub raw: String,
    pub kind: TimeKind,
}

impl TimeLimit {
    pub fn parse(raw: &str) -> TimeLimit {
        TimeLimit {
            raw: raw.to_string(),
            kind: kind_remembered(raw),
        }
    }

    /// Working days, for comparisons and statistics: 自然日 × 5/7, 月 × 22, 年 × 250,
    /// 小时 / 8 (working hours: `4小时`, `8小时`), but whole days of 24 hours as the clock counts
    /// them (`24小时`, `48小时内办结`: one and two days, not three and six working days), 即办 0.
    /// `None` for 无 and unreadable text.
    pub fn work_days(&self) -> Option<f64> {
        match self.kind {
            TimeKind::WorkDays(n) => Some(n),
            TimeKind::NaturalDays(n) => Some(n * 5.0 / 7.0),
            TimeKind::Months(n) => Some(n * 22.0),
            TimeKind::Years(n) => Some(n * 250.0),
            TimeKind::Hours(n) if n >= 24.0 && n % 24.0 == 0.0 => Some(n / 24.0 * 5.0 / 7.0),
            TimeKind::Hours(n) => Some(n / 8.0),
            TimeKind::Immediate => Some(0.0),
            TimeKind::NoLimit | TimeKind::Unparsed => None,
        }
    }

    pub fn is_immediate(&self) -> bool {
        self.kind == TimeKind::Immediate
    }
}

/// Labels written before the limit in guides (`法定：20个工作日`, `自受理之日起20个工作日`).
const LEADS: &[&str] = &[
    "法定办结时限",
    "承诺办结时限",
    "法定办结期限",
    "承诺办结期限",
    "法定时限",
    "承诺时限",
    "法定期限",
    "承诺期限",
    "法定",
    "承诺",
    "自受理之日起",
    "自受理申请之日起",
    "受理之日起",
    "受理后",
];

/// The limit without its qualifier: bracketed text (`（不含现场核查时间）`) and a lead label
/// are set aside, the qualifier is kept in `raw` and shown as written.
fn core(raw: &str) -> String {
    let mut s = String::with_capacity(raw.len());
    let mut depth = 0;
    for c in raw.chars() {
        match c {
            '（' | '(' | '【' | '[' => depth += 1,
            '）' | ')' | '】' | ']' if depth > 0 => depth -= 1,
            _ if depth == 0 && !c.is_whitespace() => s.push(c),
            _ => {}
        }
    }
    for lead in LEADS {
        if let Some(rest) = s.strip_prefix(lead) {
            s = rest.trim_start_matches(['：', ':']).to_string();
            break;
        }
    }
    // Any other start it runs from (收到申请之日起, 自作出决定之日起, 收到申请后).
    if let Some((_, rest)) = s.split_once("之日起") {
        s = rest.to_string();
    } else if let Some((_, rest)) = s.split_once('后')
        && rest.starts_with(|c: char| c.is_ascii_digit() || "一二两三四五六七八九十".contains(c))
    {
        s = rest.to_string();
    }
    // A bound said in words (不超过5个工作日, 最多20日).
    for bound in ["不超过", "最多", "最长", "至多", "不多于"] {
        if let Some(rest) = s.strip_prefix(bound) {
            s = rest.to_string();
            break;
        }
    }
    // A clause after the limit says what it excludes (10个工作日，专家评审时间不计算在内).
    if let Some((first, _)) = s.split_once(CLAUSE)
        && !first.is_empty()
    {
        s = first.to_string();
    }
    // 5个工作日以内 / 之内 are 5个工作日内.
    for within in ["以内", "之内"] {
        if let Some(i) = s.find(within) {
            s.replace_range(i..i + within.len(), "内");
            break;
        }
    }
    // What follows 内 says what is done by then (20日内作出决定, 二十个工作日内作出行政许可决定).
    if let Some(i) = s.find('内')
        && i > 0
        && s[..i].ends_with(['日', '天', '月', '时', '年', '周'])
    {
        s.truncate(i);
    }
    for tail in ["办理完毕", "办结", "办完", "完成"] {
        if let Some(t) = s.strip_suffix(tail) {
            s = t.to_string();
            break;
        }
    }
    s
}

/// What separates a limit from a clause after it.
const CLAUSE: [char; 4] = ['，', ',', '；', ';'];

/// Ways of saying that no law sets a limit (法律未规定, 无法定时限).
fn says_none(s: &str) -> bool {
    ["未规定", "无规定", "未作规定", "没有规定", "未明确", "无法定"]
        .iter()
        .any(|w| s.contains(w))
        || (!s.is_empty() && s.chars().all(|c| matches!(c, '—' | '－' | '-' | '–' | '/' | '／')))
}

impl TimeLimit {
    /// What is written beside the limit itself (`不含现场核查时间`), when anything is.
    pub fn qualifier(&self) -> Option<&str> {
        let Some(open) = self.raw.find(['（', '(']) else {
            // Or a clause after a comma: 10个工作日，专家评审时间不计算在内.
            let (_, rest) = self.raw.split_once(CLAUSE)?;
            let rest = rest.trim();
            return (!rest.is_empty() && !matches!(parse_kind(&self.raw), TimeKind::Unparsed)).then_some(rest);
        };
        let inner = &self.raw[open..];
        let inner = inner.trim_start_matches(['（', '(']).trim_end_matches(['）', ')']);
        (!inner.trim().is_empty() && !matches!(parse_kind(&self.raw), TimeKind::Unparsed)).then_some(inner.trim())
    }
}

/// The statutory and the promised limit of one cell that gives both (a 办理时限 column), each
/// labelled: before it (`法定：20个工作日；承诺：5个工作日`, `法定20个工作日/承诺5个工作日`,
/// `法定时限20个工作日，承诺时限10个工作日`, one per line) or after it in brackets
/// (`20个工作日（法定）5个工作日（承诺）`). Each part as written, with its label (the label is
/// set aside when the part is read). `None` unless both labels are there.
pub fn both(text: &str) -> Option<(&str, &str)> {
    const LABELS: [&str; 2] = ["法定", "承诺"];
    const SEPS: &[char] = &[
        '\n', '\r', '；', ';', '，', ',', '/', '／', '|', '、', ' ', '\u{3000}', '。',
    ];
    let t = text.trim();
    let (s, p) = (t.find(LABELS[0])?, t.find(LABELS[1])?);
    let (first, second) = (s.min(p), s.max(p));
    let (a, b) = if first == 0 {
        // Labels lead: each part runs from its label to the next one.
        let a = t[..second].trim_end_matches(SEPS);
        (a, &t[second..])
    } else {
        // Labels follow, in brackets: each part runs to its label's closing bracket.
        let end = |i: usize| {
            let open = t[..i].ends_with(['（', '(']);
            let after = &t[i + LABELS[0].len()..];
            let close = after.chars().next().filter(|c| matches!(c, '）' | ')'))?;
            open.then_some(i + LABELS[0].len() + close.len_utf8())
        };
        let (end1, end2) = (end(first)?, end(second)?);
        if !t[end2..].trim_matches(SEPS).is_empty() {
            return None;
        }
        (&t[..end1], t[end1..end2].trim_start_matches(SEPS))
    };
    if a.is_empty() || b.is_empty() {
        return None;
    }
    Some(if s < p { (a, b) } else { (b, a) })
}

/// The two limits of a 法定时限 cell whose 承诺时限 beside it is blank — the two cells merged in
/// the workbook, which a CSV does not keep: labelled as [`both`] reads them, the promise in
/// brackets after the statutory limit (`20个工作日（承诺5个工作日）`), or two limits apart
/// (`20个工作日；5个工作日`, `20/5个工作日`), the longer the statutory one. `None` unless both
/// parts are readable limits.
pub fn two(text: &str) -> Option<(String, String)> {
    if let Some((s, p)) = both(text) {
        return Some((s.to_string(), p.to_string()));
    }
    let t = text.trim();
    let readable = |x: &str| !matches!(parse_kind(x), TimeKind::Unparsed);
    if let Some(open) = t.find(['（', '(']) {
        let inner = t[open..].trim_start_matches(['（', '(']).trim_end_matches(['）', ')']);
        let promised = inner.strip_prefix("承诺").map(|r| {
            r.trim_start_matches("时限")
                .trim_start_matches("期限")
                .trim_start_matches([':', '：'])
                .trim()
        });
        let statutory = t[..open].trim();
        return promised
            .filter(|p| readable(p) && readable(statutory))
            .map(|p| (statutory.to_string(), p.to_string()));
    }
    let parts: Vec<&str> = t
        .split(['\n', '；', ';', '，', ',', '/', '／', '|', '、'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let [a, b] = parts[..] else { return None };
    // 20/5个工作日: the first number counts in the second's unit.
    let a = match (split_number(a), split_number(b)) {
        ((Some(_), ""), (Some(_), unit)) if !unit.is_empty() => format!("{a}{unit}"),
        _ => a.to_string(),
    };
    let days = |x: &str| TimeLimit::parse(x).work_days();
    match (days(&a), days(b)) {
        (Some(x), Some(y)) if readable(&a) && readable(b) && x >= y => Some((a, b.to_string())),
        (Some(_), Some(_)) if readable(&a) && readable(b) => Some((b.to_string(), a)),
        _ => None,
    }
}

/// 到办事现场次数 as offices write it, beyond a count ([`count`]): `无` (no visit), a count per
/// channel (`0次/1次`, `网办0次，窗口1次`) or a range (`0-1次`, `0~1次`): the fewest, since that is
/// all the applicant must come (a reason for coming on site is owed only when every channel asks
/// for a visit). `None` when any part is unreadable.
pub fn visits(text: &str) -> Option<u32> {
    let t = text.trim();
    if matches!(t, "无" | "无需" | "不需要") {
        return Some(0);
    }
    if let Some(n) = count(t) {
        return Some(n);
    }
    let parts: Vec<&str> = t
        .split([
            '/', '／', '，', ',', '；', ';', '、', '\n', '-', '－', '~', '～', '—', '至',
        ])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() < 2 {
        return None;
    }
    // 网上办理0次 as count reads it, else 网办0次 without its channel.
    let channel = |p: &str| {
        if let Some(n) = count(p) {
            return Some(n);
        }
        let p = ["网办", "网上", "线上", "线下", "窗口", "现场", "全程网办"]
            .iter()
            .find_map(|c| p.strip_prefix(c))
            .unwrap_or(p);
        count(p.trim_start_matches([':', '：']))
    };
    parts
        .iter()
        .map(|p| channel(p))
        .collect::<Option<Vec<u32>>>()?
        .into_iter()
        .min()
}

/// A count as offices write it: `0`, `0次`, `零次`, `1 次`, `最多1次`, `最多跑一次`, `不超过2次`.
pub fn count(text: &str) -> Option<u32> {
    // A note in brackets after the count (1次（提交纸质材料）) is not part of it.
    let text = match text.find(['（', '(']) {
        Some(open) if open > 0 && text.trim_end().ends_with(['）', ')']) => &text[..open],
        _ => text,
    };
    // Full-width digits (２次) are digits.
    let s: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            _ => c,
        })
        .collect();
    // The channel said before the count (网上办理0次, 到现场1次, 需到现场1次) is not part of it.
    let s = [
        "网上办理",
        "线上办理",
        "现场办理",
        "窗口办理",
        "需到办事现场",
        "需到现场",
        "到办事现场",
        "到现场",
        "到窗口",
    ]
    .iter()
    .find_map(|p| s.strip_prefix(p))
    .unwrap_or(&s);
    // 零跑腿 as the reform named it; a "need not come" in its many wordings (无需跑腿, 不用跑, 免跑,
    // 无需到现场 …) is says_no_visit's.
    if matches!(
        s,
        "不跑"
            | "零跑动"
            | "零跑"
            | "零跑腿"
            | "跑零次"
            | "0跑"
            // 不见面审批: the applicant never meets the office, so never comes.
            | "不见面"
            | "零见面"
            | "不见面审批"
            | "全程网办"
    ) || says_no_visit(s)
    {
        return Some(0);
    }
    let s = s
        .trim_start_matches("最多")
        .trim_start_matches("不超过")
        .trim_start_matches("至多")
        .trim_start_matches(['≤', '≦', '＜', '<'])
        .trim_start_matches(['=', '＝'])
        .trim_start_matches("跑");
    let (n, rest) = split_number(s);
    let n = n?;
    // 1次以内: at most one, as 最多1次 says.
    let rest = rest.strip_suffix("以内").unwrap_or(rest);
    (n.fract() == 0.0 && n >= 0.0 && n <= u32::MAX as f64 && matches!(rest, "" | "次" | "个" | "份" | "趟"))
        .then_some(n as u32)
}

/// `无需到场`, `不必到窗口`, `无须到大厅办理`, `免到现场`: a "need not" and a place to come to.
/// Offices word it many ways; each is the zero the reform counts.
fn says_no_visit(s: &str) -> bool {
    let Some(rest) = ["无需", "无须", "毋需", "不需要", "不需", "不用", "不必", "免"]
        .iter()
        .find_map(|p| s.strip_prefix(p))
    else {
        return false;
    };
    let rest = rest.trim_start_matches(['到', '去', '来']);
    let rest = rest.strip_suffix("办理").unwrap_or(rest);
    matches!(
        rest,
        "现场" | "场" | "办事现场" | "窗口" | "大厅" | "办事大厅" | "政务大厅" | "服务大厅" | "跑" | "跑腿"
    )
}

/// [`parse_kind`], remembered per thread: a catalog writes the same few dozen limits
/// (`20个工作日`, `即办`) on thousands of items, and a lookup costs a fraction of a reading. Long
/// texts (a sentence, not a limit) are read each time; the memory is bounded.
fn kind_remembered(raw: &str) -> TimeKind {
    use std::cell::RefCell;
    const LONGEST: usize = 64;
    const MOST: usize = 1024;
    thread_local! {
        static SEEN: RefCell<rustc_hash::FxHashMap<Box<str>, TimeKind>> = RefCell::default();
    }
    if raw.len() > LONGEST {
        return parse_kind(raw);
    }
    SEEN.with(|seen| {
        let Ok(mut seen) = seen.try_borrow_mut() else {
            return parse_kind(raw);
        };
        if let Some(k) = seen.get(raw) {
            return *k;
        }
        let k = parse_kind(raw);
        if seen.len() >= MOST {
            seen.clear();
        }
        seen.insert(raw.into(), k);
        k
    })
}

fn parse_kind(raw: &str) -> TimeKind {
    // Digits typed in a Chinese input method's full-width mode (２０个工作日) are digits.
    if raw.contains(|c| ('０'..='９').contains(&c)) {
        let narrow: String = raw
            .chars()
            .map(|c| match c {
                '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
                _ => c,
            })
            .collect();
        return parse_kind(&narrow);
    }
    let s = core(raw);
    // A value wholly in brackets (`（无）`, `(即办)`) is what they hold, not a note on nothing.
    if s.is_empty()
        && let Some(inner) = raw
            .trim()
            .strip_prefix(['（', '('])
            .and_then(|t| t.strip_suffix(['）', ')']))
            .filter(|t| !t.contains(['（', '(', '）', ')']))
    {
        return parse_kind(inner);
    }
    let s = s.trim_end_matches(['。', '.']);
    match s {
        "即办" | "即办件" | "当场办结" | "立即办结" | "当场办理" | "即时办结" | "即时办理" | "当场" | "即时"
        | "立即" | "立即办理" | "当即办结" | "0工作日" | "0个工作日" | "即来即办" | "即到即办" | "随到随办"
        | "立等可取" | "马上办" | "现场" | "当场办" | "当即办理" | "窗口即办" | "现场即办" | "即时办"
        | "实时办结" | "实时办理" | "实时" | "即办结"
        // 当日办结: done within the day of application, as 即办件 are (a 承诺件 takes days).
        | "当日办结" | "当天办结" | "当日办理" | "当天办理" | "当日" | "当天" => {
            return TimeKind::Immediate;
        }
        "次日办结" | "次日" | "次工作日办结" => return TimeKind::WorkDays(1.0),
        // 符合条件的当场办结: on the spot, when the application is complete.
        _ if s
            .rsplit_once('的')
            .is_some_and(|(_, w)| matches!(w, "当场" | "即时" | "即办" | "当场办理" | "现场")) =>
        {
            return TimeKind::Immediate;
        }
        "半个工作日" => return TimeKind::WorkDays(0.5),
        // 材料齐全即办, 符合条件当场办结: the condition every limit has, then the limit.
        _ if let Some(rest) = ["材料齐全", "资料齐全", "手续齐全", "符合条件", "符合要求"]
            .iter()
            .find_map(|c| s.strip_prefix(c))
            .map(|r| r.trim_start_matches(['，', ',', '、', '的', '后', ' ']))
            && !rest.is_empty() =>
        {
            return parse_kind(rest);
        }
        "无" | "无时限" | "无期限" | "不限" | "无限制" => return TimeKind::NoLimit,
        "半个月" | "半月" => return TimeKind::Months(0.5),
        "半年" => return TimeKind::Years(0.5),
        _ if says_none(s) => return TimeKind::NoLimit,
        _ => {}
    }
    let s = s.trim_end_matches('内');
    if let Some(upper) = upper_of_range(s) {
        return parse_kind(upper);
    }
    let (num, unit) = split_number(s);
    let Some(n) = num else { return TimeKind::Unparsed };
    // `30(工作日)` as some portals export it.
    let unit = unit.trim_matches(['(', ')', '（', '）', ' ']).trim_start_matches('个');
    match unit {
        "工作日" => TimeKind::WorkDays(n),
        "" if n == 0.0 => TimeKind::Immediate,
        "" => TimeKind::WorkDays(n),
        "自然日" | "日" | "天" | "个自然日" | "日历日" => TimeKind::NaturalDays(n),
        "周" | "星期" => TimeKind::NaturalDays(n * 7.0),
        "月" => TimeKind::Months(n),
        "年" => TimeKind::Years(n),
        "小时" | "时" => TimeKind::Hours(n),
        "分钟" | "分" => TimeKind::Hours(n / 60.0),
        _ => TimeKind::Unparsed,
    }
}

/// A range an office promises (`3-5个工作日`, `3至5个工作日`, `3天～5天`): its upper end, the
/// longest the applicant may wait, so a range reaching past the statutory limit is L001's. The
/// lower end is a number alone or in the upper's unit; anything else is no range.
fn upper_of_range(s: &str) -> Option<&str> {
    let (at, sep) = s.char_indices().find(|&(i, c)| i > 0 && "-－—–~～至到".contains(c))?;
    let (lower, upper) = (&s[..at], &s[at + sep.len_utf8()..]);
    let (lo, lo_unit) = split_number(lower);
    let (hi, hi_unit) = split_number(upper);
    let unit = |u: &str| u.trim_start_matches('个').to_string();
    (lo.is_some() && hi.is_some() && (lo_unit.is_empty() || unit(lo_unit) == unit(hi_unit))).then_some(upper)
}

/// Leading number in Arabic or Chinese numerals, and the rest.
fn split_number(s: &str) -> (Option<f64>, &str) {
    let arabic: usize = s
        .char_indices()
        .take_while(|(_, c)| c.is_ascii_digit() || *c == '.')
        .map(|(i, c)| i + c.len_utf8())
        .last()
        .unwrap_or(0);
    if arabic > 0 {
        return (s[..arabic].parse().ok(), &s[arabic..]);
    }
    let end: usize = s
        .char_indices()
        .take_while(|(_, c)| "零〇一二两三四五六七八九十百廿卅壹贰叁肆伍陆柒捌玖拾佰".contains(*c))
        .map(|(i, c)| i + c.len_utf8())
        .last()
        .unwrap_or(0);
    if end == 0 {
        return (None, s);
    }
    (chinese_number(&s[..end]), &s[end..])
}

pub(super) fn chinese_number(s: &str) -> Option<f64> {
    let digit = |c: char| {
        "零一二三四五六七八九".find(c).map(|i| (i / 3) as u32).or(match c {
            '〇' => Some(0),
            '两' => Some(2),
            // The capital numerals of amounts (壹贰叁), which some offices keep for limits too.
            _ => "壹贰叁肆伍陆柒捌玖".find(c).map(|i| (i / 3 + 1) as u32),
        })
    };
    let mut total = 0u32;
    let mut cur = 0u32;
    for c in s.chars() {
        match c {
            '百' | '佰' => {
                total += cur.max(1) * 100;
                cur = 0;
            }
            '十' | '拾' => {
                total += cur.max(1) * 10;
                cur = 0;
            }
            // 廿 and 卅 as old-style dates and some limits write 20 and 30 (廿日, 卅日).
            '廿' => total += 20,
            '卅' => total += 30,
            _ => cur = digit(c)?,
        }
    }
    Some((total + cur) as f64)
}

#[cfg(test)]
mod tests {
    #[test]
    fn remembered_kinds_are_the_readings() {
        let long = "长".repeat(40);
        for t in [
            "20个工作日",
            "即办",
            "三个月",
            "无",
            "x",
            "7个工作日（不含现场核查时间）",
            long.as_str(),
        ] {
            for _ in 0..2 {
                assert_eq!(TimeLimit::parse(t).kind, parse_kind(t), "{t}");
            }
        }
    }

    use super::*;
    #[test]
    fn kinds() {
        assert_eq!(TimeLimit::parse("20工作日").kind, TimeKind::WorkDays(20.0));
        assert_eq!(TimeLimit::parse("20 个工作日").kind, TimeKind::WorkDays(20.0));
        assert_eq!(TimeLimit::parse("二十个工作日").kind, TimeKind::WorkDays(20.0));
        assert_eq!(TimeLimit::parse("贰拾个工作日").kind, TimeKind::WorkDays(20.0));
        assert_eq!(TimeLimit::parse("壹佰捌拾日").kind, TimeKind::NaturalDays(180.0));
        assert_eq!(TimeLimit::parse("窗口即办").kind, TimeKind::Immediate);
        assert_eq!(TimeLimit::parse("实时办结").kind, TimeKind::Immediate);
        assert_eq!(TimeLimit::parse("２０个工作日").kind, TimeKind::WorkDays(20.0));
        assert_eq!(TimeLimit::parse("当日办结").kind, TimeKind::Immediate);
        assert_eq!(TimeLimit::parse("次日办结").kind, TimeKind::WorkDays(1.0));
        assert_eq!(TimeLimit::parse("材料齐全即办").kind, TimeKind::Immediate);
        assert_eq!(TimeLimit::parse("资料齐全后5个工作日").kind, TimeKind::WorkDays(5.0));
        assert_eq!(TimeLimit::parse("符合条件").kind, TimeKind::Unparsed);
        assert_eq!(TimeLimit::parse("法定：３个月").kind, TimeKind::Months(3.0));
        assert_eq!(TimeLimit::parse("十五日内").kind, TimeKind::NaturalDays(15.0));
        assert_eq!(TimeLimit::parse("30自然日").kind, TimeKind::NaturalDays(30.0));
        assert_eq!(TimeLimit::parse("30日历日").kind, TimeKind::NaturalDays(30.0));
        assert_eq!(TimeLimit::parse("1周").kind, TimeKind::NaturalDays(7.0));
        assert_eq!(TimeLimit::parse("两个星期").kind, TimeKind::NaturalDays(14.0));
        assert_eq!(TimeLimit::parse("即办").kind, TimeKind::Immediate);
        assert_eq!(TimeLimit::parse("无").kind, TimeKind::NoLimit);
        assert_eq!(TimeLimit::parse("（无）").kind, TimeKind::NoLimit);
        assert_eq!(TimeLimit::parse("(即办)").kind, TimeKind::Immediate);
        assert_eq!(TimeLimit::parse("（）").kind, TimeKind::Unparsed);
        assert_eq!(TimeLimit::parse("3个月").kind, TimeKind::Months(3.0));
        assert_eq!(TimeLimit::parse("尽快").kind, TimeKind::Unparsed);
        assert_eq!(TimeLimit::parse("一百二十日").kind, TimeKind::NaturalDays(120.0));
        assert_eq!(TimeLimit::parse("5").kind, TimeKind::WorkDays(5.0));
        assert_eq!(TimeLimit::parse("30分钟").kind, TimeKind::Hours(0.5));
        // Round 14: 24 and 48 hours are one and two days, 4 hours half a working day.
        assert!(TimeLimit::parse("48小时").work_days().unwrap() < 2.0);
        assert!(TimeLimit::parse("72小时").work_days().unwrap() < 3.0);
        assert_eq!(TimeLimit::parse("4小时").work_days(), Some(0.5));
        // Round 14: a promised range is its upper end.
        assert_eq!(TimeLimit::parse("3-5个工作日").kind, TimeKind::WorkDays(5.0));
        assert_eq!(TimeLimit::parse("23至25个工作日").kind, TimeKind::WorkDays(25.0));
        assert_eq!(TimeLimit::parse("4～6个工作日").kind, TimeKind::WorkDays(6.0));
        assert_eq!(TimeLimit::parse("3天至5天").kind, TimeKind::NaturalDays(5.0));
        assert_eq!(TimeLimit::parse("三至五个工作日").kind, TimeKind::WorkDays(5.0));
        assert_eq!(TimeLimit::parse("3天至1个月").kind, TimeKind::Unparsed);
        assert_eq!(TimeLimit::parse("—").kind, TimeKind::NoLimit);
        let t = TimeLimit::parse("7个工作日（不含现场核查时间）");
        assert_eq!(t.kind, TimeKind::WorkDays(7.0));
        assert_eq!(t.qualifier(), Some("不含现场核查时间"));
        assert_eq!(TimeLimit::parse("法定：20个工作日").kind, TimeKind::WorkDays(20.0));
        assert_eq!(TimeLimit::parse("20日").kind, TimeKind::NaturalDays(20.0));
        assert_eq!(TimeLimit::parse("三个月").kind, TimeKind::Months(3.0));
        assert_eq!(TimeLimit::parse("二十").kind, TimeKind::WorkDays(20.0));
        assert_eq!(TimeLimit::parse("廿日").kind, TimeKind::NaturalDays(20.0));
        assert_eq!(TimeLimit::parse("廿五个工作日").kind, TimeKind::WorkDays(25.0));
        assert_eq!(TimeLimit::parse("卅日").kind, TimeKind::NaturalDays(30.0));
        assert_eq!(TimeLimit::parse("当场办结").kind, TimeKind::Immediate);
        assert_eq!(
            TimeLimit::parse("自受理之日起20个工作日内").kind,
            TimeKind::WorkDays(20.0)
        );
        assert_eq!(TimeLimit::parse("尽快办理（视情况）").kind, TimeKind::Unparsed);
        assert_eq!(TimeLimit::parse("尽快办理（视情况）").qualifier(), None);
        assert_eq!(TimeLimit::parse("——").kind, TimeKind::NoLimit);
        assert_eq!(TimeLimit::parse("法律未规定").kind, TimeKind::NoLimit);
        assert_eq!(TimeLimit::parse("5个工作日内办结").kind, TimeKind::WorkDays(5.0));
        assert_eq!(
            TimeLimit::parse("自受理之日起20日内作出决定").kind,
            TimeLimit::parse("20日").kind
        );
        assert_eq!(
            TimeLimit::parse("自受理申请之日起二十个工作日内作出行政许可决定").kind,
            TimeKind::WorkDays(20.0)
        );
        assert_eq!(TimeLimit::parse("3个月内答复").kind, TimeLimit::parse("3个月").kind);
        assert_eq!(
            TimeLimit::parse("收到申请之日起20个工作日").kind,
            TimeKind::WorkDays(20.0)
        );
        assert_eq!(TimeLimit::parse("半个月").kind, TimeKind::Months(0.5));
        let t = TimeLimit::parse("10个工作日，专家评审时间不计算在内");
        assert_eq!(t.kind, TimeKind::WorkDays(10.0));
        assert_eq!(t.qualifier(), Some("专家评审时间不计算在内"));
        assert_eq!(TimeLimit::parse("尽快，视情况").kind, TimeKind::Unparsed);
        for on_the_spot in [
            "即来即办",
            "立等可取",
            "立即办理",
            "随到随办",
            "马上办",
            "现场办结",
            "符合条件的当场办结",
        ] {
            assert_eq!(TimeLimit::parse(on_the_spot).kind, TimeKind::Immediate, "{on_the_spot}");
        }
        for five in [
            "收到申请后5个工作日",
            "受理后5个工作日内",
            "不超过5个工作日",
            "5个工作日以内",
            "5个工作日之内",
            "最多5个工作日",
        ] {
            assert_eq!(TimeLimit::parse(five).kind, TimeKind::WorkDays(5.0), "{five}");
        }
        assert_eq!(TimeLimit::parse("半个工作日").kind, TimeKind::WorkDays(0.5));
        assert_eq!(TimeLimit::parse("审查后视情况").kind, TimeKind::Unparsed);
    }
    #[test]
    fn both_limits_in_one_cell() {
        for (cell, s, p) in [
            ("法定：20个工作日；承诺：5个工作日", 20.0, 5.0),
            ("法定14个工作日/承诺8个工作日", 14.0, 8.0),
            ("法定时限20个工作日，承诺时限10个工作日", 20.0, 10.0),
            ("法定20个工作日\n承诺5个工作日", 20.0, 5.0),
            ("12个工作日（法定）7个工作日（承诺）", 12.0, 7.0),
            ("20(法定) / 5(承诺)", 20.0, 5.0),
            ("承诺：3个工作日；法定：20个工作日", 20.0, 3.0),
        ] {
            let (a, b) = both(cell).unwrap_or_else(|| panic!("{cell}"));
            assert_eq!(TimeLimit::parse(a).work_days(), Some(s), "{cell}");
            assert_eq!(TimeLimit::parse(b).work_days(), Some(p), "{cell}");
        }
        let (s, _) = both("法定：20日；承诺：10日").unwrap();
        assert_eq!(TimeLimit::parse(s).kind, TimeKind::NaturalDays(20.0));
        for one in [
            "20个工作日",
            "法定20个工作日",
            "20个工作日（法定）承诺从快",
            "20个工作日（承诺）",
        ] {
            assert_eq!(both(one), None, "{one}");
        }
    }

    #[test]
    fn counts() {
        assert_eq!(count("0次"), Some(0));
        assert_eq!(count("零次"), Some(0));
        assert_eq!(count("不跑"), Some(0));
        assert_eq!(count("无需到现场"), Some(0));
        assert_eq!(count("免跑"), Some(0));
        assert_eq!(count("不见面"), Some(0));
        assert_eq!(count("全程网办"), Some(0));
        assert_eq!(count("网上办理0次"), Some(0));
        assert_eq!(count("到现场最多1次"), Some(1));
        assert_eq!(count("网上办理"), None);
        assert_eq!(count("跑零次"), Some(0));
        assert_eq!(count("1 次"), Some(1));
        assert_eq!(count("最多1次"), Some(1));
        assert_eq!(count("两次"), Some(2));
        assert_eq!(count("3"), Some(3));
        assert_eq!(count("最多跑一次"), Some(1));
        assert_eq!(count("多次"), None);
        assert_eq!(count("1.5"), None);
        assert_eq!(count("1次（提交纸质材料）"), Some(1));
        assert_eq!(count("0次(全程网办)"), Some(0));
    }

    #[test]
    fn visits_per_channel() {
        assert_eq!(visits("无"), Some(0));
        assert_eq!(visits("0次/1次"), Some(0));
        assert_eq!(visits("网办0次，窗口1次"), Some(0));
        assert_eq!(visits("网上办理0次，窗口办理1次"), Some(0));
        assert_eq!(visits("线上办理0次；现场办理2次"), Some(0));
        assert_eq!(visits("网上1次；现场2次"), Some(1));
        assert_eq!(visits("1次"), Some(1));
        assert_eq!(visits("0-1次"), Some(0));
        assert_eq!(visits("1~2次"), Some(1));
        assert_eq!(visits("２次"), Some(2));
        assert_eq!(visits("零跑动"), Some(0));
        for zero in [
            "无需跑腿",
            "不用跑腿",
            "不用跑",
            "无需跑",
            "无需到现场",
            "不需到现场",
            "不需要到现场",
            "免跑",
            "无需到场",
            "无须到窗口办理",
            "不必到现场",
            "免到大厅",
            "不需要去政务大厅办理",
        ] {
            assert_eq!(visits(zero), Some(0), "{zero}");
        }
        for one in ["≤1次", "<=1次", "1次以内", "＜＝1次"] {
            assert_eq!(visits(one), Some(1), "{one}");
        }
        assert_eq!(visits("无需材料"), None);
        assert_eq!(visits("网上办理无需跑腿"), Some(0));
        assert_eq!(visits("需到现场1次"), Some(1));
        assert_eq!(visits("1-"), None);
        assert_eq!(visits("0次/多次"), None);
        assert_eq!(visits("见办事指南"), None);
    }

    #[test]
    fn two_limits_of_a_statutory_cell() {
        let pair = |s: &str, p: &str| Some((s.to_string(), p.to_string()));
        assert_eq!(
            two("法定20个工作日，承诺5个工作日"),
            pair("法定20个工作日", "承诺5个工作日")
        );
        assert_eq!(two("20个工作日（承诺5个工作日）"), pair("20个工作日", "5个工作日"));
        assert_eq!(two("20个工作日；5个工作日"), pair("20个工作日", "5个工作日"));
        assert_eq!(two("20/5个工作日"), pair("20个工作日", "5个工作日"));
        // One limit with a clause or a note: not two limits.
        assert_eq!(two("10个工作日，专家评审时间不计算在内"), None);
        assert_eq!(two("20个工作日（不含现场核查时间）"), None);
        assert_eq!(two("5个工作日；20个工作日"), pair("20个工作日", "5个工作日"));
        assert_eq!(two("20个工作日"), None);
    }
}
