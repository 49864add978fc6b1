use super::is_han;
use crate::diag::Severity;
use crate::model::{F, Loc};
use crate::rules::{Ctx, Family, Out, Rule, RuleMeta};
use crate::{msg, page};

/// ## 检查什么
/// 同一个中文字段里全角标点和半角标点混用，例如 `第四十四号）` 与 `(七)` 出现在一起，
/// 或 `申请书,营业执照；`。事项名称、主项、子项末尾由系统拼上的半角括号限定语（`…审批(新建)`、
/// `…(县级)`）不算：那是门户拼接的办理项或层级，不是部门写的名称。一对括号一半全角、一半半角
/// （`申报表（日常类)`）也在此报告。
///
/// ## 为什么
/// 中文正文应使用全角标点（GB/T 15834《标点符号用法》）。混用让发布的办事指南显得粗糙，
/// 也让按文本比对的“四级四同”检查把同一内容当成不同。
///
/// ## 如何修复
/// 把汉字旁的半角 `, ; : ? ! ( )` 改为全角 `，；：？！（）`；数字之间的 `,` `:`（如 `9:00`、`1,000`）
/// 和英文、编号里的标点保持不变。来源是 YAML 时 `catalog lint --fix` 会自动改写（表格和导出数据请在来源中修改）。本规则只改标点，不做 NFKC
/// 之类的整体转换。
///
/// ## 示例
/// ```yaml
/// basis: 《中华人民共和国食品安全法》第三十五条(第一款)、第三十六条
/// conditions: 有与经营项目相适应的场所,设备；
/// ```
/// 改为：
/// ```yaml
/// basis: 《中华人民共和国食品安全法》第三十五条（第一款）、第三十六条
/// conditions: 有与经营项目相适应的场所，设备；
/// ```
/// ---
/// ## What it does
/// Reports Chinese values that mix full-width and half-width punctuation, such as `第四十四号）`
/// next to `(七)`, or `申请书,营业执照；`. A half-width qualifier a portal appends to a name, main
/// or sub item (`…审批(新建)`, `…(县级)`) is the portal's, not the office's wording. A bracket
/// pair half full-width, half half-width (`申报表（日常类)`) is reported too.
///
/// ## Why is this bad?
/// Chinese prose uses full-width punctuation (GB/T 15834). Mixing looks careless in a published guide
/// and makes text comparison across levels see differences that are not there.
///
/// ## How to fix
/// Turn half-width `, ; : ? ! ( )` next to Chinese characters into `，；：？！（）`; leave `,` and `:`
/// between digits (`9:00`, `1,000`) and punctuation inside Latin text or codes alone.
/// For a YAML source `catalog lint --fix` does this (fix sheets and exports in their source). Only punctuation is changed, never a blanket NFKC.
///
/// ## Example
/// ```yaml
/// conditions: 有与经营项目相适应的场所,设备；
/// ```
/// Use instead:
/// ```yaml
/// conditions: 有与经营项目相适应的场所，设备；
/// ```
pub struct MixedPunctuation;

/// Fields that are codes, numbers or contacts, not prose.
const NOT_PROSE: &[F] = &[
    F::Code,
    F::ImplementationCode,
    F::BasicCode,
    F::Phone,
    F::ComplaintPhone,
    F::Sample,
    F::BlankForm,
];

/// The text fields but those, built once (asked for every item).
static PROSE: std::sync::LazyLock<super::FieldSet> = std::sync::LazyLock::new(|| super::text_fields_except(NOT_PROSE));

impl Rule for MixedPunctuation {
    fn meta(&self) -> RuleMeta {
        RuleMeta::new(
            "W010",
            "mixed-punctuation-width",
            Family::Wording,
            Severity::Warning,
            "全角、半角标点混用",
            "full-width and half-width punctuation mixed",
            page!(MixedPunctuation),
        )
    }
    fn value_fields(&self) -> Option<super::FieldSet> {
        Some(*PROSE)
    }
    fn check_value(&self, cx: &Ctx, i: usize, f: F, v: &str, loc: Loc, out: &mut Out) {
        let mut edits = half_to_full(v);
        if matches!(f, F::Name | F::MainItem | F::SubItem) {
            // A portal appends the 办理项 or level to a name in ASCII brackets
            // (`…审批(新建)`, `…(县级)`): the office's own text is what comes before.
            if let Some(open) = appended_qualifier(v) {
                edits.retain(|e| e.0 != open && e.0 != v.len() - 1);
            }
        }
        if let Some((o, c)) = mixed_pair(v) {
            let excerpt = super::marked_excerpt(
                v,
                [
                    (o, o + v[o..].chars().next().map_or(1, char::len_utf8)),
                    (c, c + v[c..].chars().next().map_or(1, char::len_utf8)),
                ]
                .into_iter(),
            );
            let at = crate::fix::sub_loc(cx.catalog, loc, v, o, o + 1).unwrap_or(loc);
            let (zh, en) = cx.field_name(loc, f);
            out.item(
                i,
                at,
                msg!("{}中一对括号一半全角、一半半角（{}）", zh, excerpt;
                     "{} has a bracket pair of mixed width ({})", en, excerpt),
            );
        }
        if edits.is_empty() || !v.chars().any(is_full_punct) {
            return;
        }
        let shown: String = edits
            .iter()
            .map(|e| v[e.0..e.1].to_string())
            .collect::<Vec<_>>()
            .join(" ");
        let excerpt = super::marked_excerpt(v, edits.iter().map(|e| (e.0, e.1)));
        let mut fixed = v.to_string();
        for (s, e, r) in edits.iter().rev() {
            fixed.replace_range(*s..*e, r);
        }
        let at = crate::fix::sub_loc(cx.catalog, loc, v, edits[0].0, edits[0].1).unwrap_or(loc);
        let (zh, en) = cx.field_name(loc, f);
        let d = out.item(
            i,
            at,
            msg!("{}中全角、半角标点混用：{} 应为全角（{}）", zh, shown, excerpt;
                 "{} mixes full-width and half-width punctuation: {} should be full-width ({})", en, shown, excerpt),
        );
        if let Some(f) = crate::fix::in_value(cx.catalog, loc, v, 0, v.len(), &fixed, true) {
            d.fix(f);
        }
    }
}

/// The first round bracket pair whose halves differ in width (`申报表（日常类)`): (open, close).
fn mixed_pair(v: &str) -> Option<(usize, usize)> {
    let mut stack: Vec<(usize, char)> = Vec::new();
    for (b, c) in v.char_indices() {
        match c {
            '(' | '（' => stack.push((b, c)),
            ')' | '）' => {
                let (o, oc) = stack.pop()?;
                if (oc == '(') != (c == ')') {
                    return Some((o, b));
                }
            }
            _ => {}
        }
    }
    None
}

/// The byte offset of a `(` that opens a qualifier closing the value with `)` (`名称(办理项)`),
/// when the text before it is a name of its own.
fn appended_qualifier(v: &str) -> Option<usize> {
    if !v.ends_with(')') {
        return None;
    }
    let mut depth = 0usize;
    for (b, c) in v.char_indices().rev() {
        match c {
            ')' => depth += 1,
            '(' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return (b > 0).then_some(b);
                }
            }
            _ => {}
        }
    }
    None
}

fn is_full_punct(c: char) -> bool {
    matches!(
        c,
        '，' | '。' | '；' | '：' | '（' | '）' | '？' | '！' | '、' | '《' | '》'
    )
}

fn full(c: char) -> Option<char> {
    Some(match c {
        ',' => '，',
        ';' => '；',
        ':' => '：',
        '?' => '？',
        '!' => '！',
        '(' => '（',
        ')' => '）',
        _ => return None,
    })
}

/// Half-width punctuation that sits in Chinese prose, as (start, end, full-width) edits.
/// Parentheses change in matched pairs so a pair never ends up half one width, half the other.
pub fn half_to_full(v: &str) -> Vec<(usize, usize, String)> {
    if !v
        .bytes()
        .any(|b| matches!(b, b',' | b';' | b':' | b'?' | b'!' | b'(' | b')'))
    {
        return Vec::new();
    }
    let cs: Vec<(usize, char)> = v.char_indices().collect();
    let prose = |k: Option<usize>| {
        k.and_then(|k| cs.get(k))
            .is_some_and(|&(_, c)| is_han(c) || is_full_punct(c))
    };
    let mut out = Vec::new();
    let mut stack: Vec<usize> = Vec::new();
    for (k, &(b, c)) in cs.iter().enumerate() {
        let prev = k.checked_sub(1);
        let next = Some(k + 1);
        match c {
            '(' => stack.push(k),
            ')' => {
                if let Some(o) = stack.pop() {
                    let inner_han = cs[o + 1..k].iter().any(|&(_, c)| is_han(c));
                    if inner_han || prose(o.checked_sub(1)) || prose(next) {
                        out.push((cs[o].0, cs[o].0 + 1, "（".to_string()));
                        out.push((b, b + 1, "）".to_string()));
                    }
                }
            }
            ',' | ';' | ':' | '?' | '!' => {
                let digits = |k: Option<usize>| k.and_then(|k| cs.get(k)).is_some_and(|&(_, c)| c.is_ascii_digit());
                if (c == ',' || c == ':') && digits(prev) && digits(next) {
                    continue;
                }
                if prose(prev) || prose(next) {
                    out.push((b, b + 1, full(c).expect("listed").to_string()));
                }
            }
            _ => {}
        }
    }
    out.sort_by_key(|e| e.0);
    out
}

#[cfg(test)]
mod tests {
    use super::half_to_full;
    fn apply(v: &str) -> String {
        let mut s = v.to_string();
        for (a, b, r) in half_to_full(v).iter().rev() {
            s.replace_range(*a..*b, r);
        }
        s
    }
    #[test]
    fn prose_punctuation_becomes_full_width() {
        assert_eq!(apply("场所,设备;(七)"), "场所，设备；（七）");
        assert_eq!(apply("工作日9:00-17:00,周末除外"), "工作日9:00-17:00，周末除外");
        assert_eq!(apply("ISO 9001 (2015), A:B"), "ISO 9001 (2015), A:B");
        assert_eq!(apply("办法(2019年修订)"), "办法（2019年修订）");
    }
    #[test]
    fn appended_qualifier_is_the_portals() {
        use super::appended_qualifier;
        assert_eq!(appended_qualifier("审批（变更）(县级)"), Some("审批（变更）".len()));
        assert_eq!(appended_qualifier("食品(含保健食品)经营许可（变更）"), None);
        assert_eq!(appended_qualifier("(县级)"), None);
        assert_eq!(super::mixed_pair("申报表（日常类)"), Some((9, 21)));
        assert_eq!(super::mixed_pair("枪支(弹药)运输（携运）"), None);
    }
}
