use crate::diag::Severity;
use crate::model::{F, Item};
use crate::rules::{Ctx, Family, Out, Rule, RuleMeta};
use crate::{msg, page};

/// ## 检查什么
/// 编码和电话号码里有全角字符或长破折号：`３３０３０２`、`0577－88271506`、`0777—6428820`、
/// 全角空格。
///
/// ## 为什么
/// 编码和电话是给系统和拨号用的，不是正文。全角数字、全角连字符和破折号会让编码校验、
/// 按编码匹配事项和一键拨号失败，而肉眼几乎看不出差别。
///
/// ## 如何修复
/// 换成半角数字、字母和连字符 `-`；来源是 YAML 时 `catalog lint --fix` 会自动改写（只改这些字段，正文不动）。
///
/// ## 示例
/// ```yaml
/// phone: 0777—6428820
/// ```
/// 改为：
/// ```yaml
/// phone: 0777-6428820
/// ```
/// ---
/// ## What it does
/// Reports full-width characters or dashes in codes and phone numbers: `３３０３０２`,
/// `0577－88271506`, `0777—6428820`, ideographic spaces.
///
/// ## Why is this bad?
/// Codes and phone numbers are read by systems and dialled; full-width digits and dashes break code
/// checks, matching by code and click-to-call, and are nearly invisible.
///
/// ## How to fix
/// Use half-width digits, letters and `-`; for a YAML source `catalog lint --fix` rewrites these fields (never prose).
///
/// ## Example
/// ```yaml
/// phone: 0777—6428820
/// ```
/// Use instead:
/// ```yaml
/// phone: 0777-6428820
/// ```
pub struct FullwidthInCode;

const CODE_FIELDS: &[F] = &[
    F::Code,
    F::ImplementationCode,
    F::BasicCode,
    F::Phone,
    F::ComplaintPhone,
];

/// The half-width form of a character that does not belong in a code or phone number.
fn narrow(c: char) -> Option<char> {
    match c {
        // Full-width digits, letters and hyphen; ，；、 between two numbers are separators, not typos.
        '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' | '－' => char::from_u32(c as u32 - 0xFEE0),
        '\u{3000}' => Some(' '),
        '—' | '–' | '―' | '‐' | '‑' | '−' => Some('-'),
        _ => None,
    }
}

impl Rule for FullwidthInCode {
    fn meta(&self) -> RuleMeta {
        RuleMeta::new(
            "W013",
            "fullwidth-in-code",
            Family::Wording,
            Severity::Warning,
            "编码或电话中有全角字符",
            "full-width characters in a code or phone number",
            page!(FullwidthInCode),
        )
    }
    fn check_item(&self, cx: &Ctx, i: usize, item: &Item, out: &mut Out) {
        for &f in CODE_FIELDS {
            let Some((v, loc)) = item.fields.text_at(f) else {
                continue;
            };
            let bad: String = v.chars().filter(|c| narrow(*c).is_some()).collect();
            if bad.is_empty() {
                continue;
            }
            let fixed: String = v.chars().map(|c| narrow(c).unwrap_or(c)).collect();
            let d = out.item(
                i,
                loc,
                {
                    let (zh, en) = cx.field_name(loc, f);
                    msg!("{}“{}”含全角字符“{}”，应为“{}”", zh, v, bad, fixed; "{} '{}' contains full-width '{}'; write '{}'", en, v, bad, fixed)
                },
            );
            if let Some(fx) = crate::fix::in_value(cx.catalog, loc, v, 0, v.len(), &fixed, true) {
                d.fix(fx);
            }
        }
    }
}
