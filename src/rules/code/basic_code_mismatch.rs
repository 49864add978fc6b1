use super::parsed_implementation_code;
use crate::diag::Severity;
use crate::model::code::is_basic_code;
use crate::model::{F, Item};
use crate::rules::{Ctx, Family, Out, Rule, RuleMeta};
use crate::{msg, page};

/// ## 检查什么
/// **基本编码**为 12 位数字，并且与实施编码第 20–31 位（其中的基本编码）一致。
///
/// ## 为什么
/// 基本编码是基本目录中事项的编码，实施编码由它拼成。两处不一致时，认领关系、四级四同比对
/// 和平台对接会各取一处，结果互相矛盾。
///
/// ## 如何修复
/// 以基本目录为准，改正基本编码或实施编码。
///
/// ## 示例
/// ```yaml
/// basic_code: "330302001002"
/// implementation_code: "1133030200262035834330302001001"
/// ```
/// 改为：
/// ```yaml
/// basic_code: "330302001001"
/// implementation_code: "1133030200262035834330302001001"
/// ```
/// ---
/// ## What it does
/// Checks that the **basic code** has 12 digits and equals characters 20–31 of the
/// implementation code.
///
/// ## Why is this bad?
/// The basic code identifies the item in the basic directory and the implementation code is built
/// from it. When the two disagree, claims, cross-level comparison and platform exchange each pick
/// one and contradict each other.
///
/// ## How to fix
/// Take the basic directory as the reference and correct one of the codes.
///
/// ## Example
/// ```yaml
/// basic_code: "330302001002"
/// implementation_code: "1133030200262035834330302001001"
/// ```
/// Use instead:
/// ```yaml
/// basic_code: "330302001001"
/// implementation_code: "1133030200262035834330302001001"
/// ```
pub struct BasicCodeMismatch;

impl Rule for BasicCodeMismatch {
    fn meta(&self) -> RuleMeta {
        RuleMeta::new(
            "K008",
            "basic-code-mismatch",
            Family::Code,
            Severity::Error,
            "基本编码格式错误或与实施编码不一致",
            "basic code malformed or disagreeing with the implementation code",
            page!(BasicCodeMismatch),
        )
    }
    fn check_item(&self, _cx: &Ctx, i: usize, item: &Item, out: &mut Out) {
        let Some((basic, loc)) = item.fields.text_at(F::BasicCode) else {
            return;
        };
        let basic = basic.trim();
        let lost_zeros = !basic.is_empty() && basic.len() < 12 && basic.bytes().all(|b| b.is_ascii_digit());
        if lost_zeros {
            // A number cell drops leading zeros (000114001000 → 114001000): say so, and which
            // code it was when the 实施编码 holds it.
            let whole = parsed_implementation_code(item)
                .map(|(c, _)| c.basic)
                .filter(|b| b.ends_with(basic) && b[..12 - basic.len()].bytes().all(|c| c == b'0'));
            let m = match whole {
                Some(b) => {
                    msg!("基本编码“{}”只有 {} 位：前导的 0 像是被 Excel 去掉了（实施编码中为 {}）", basic, basic.len(), b;
                    "basic code '{}' has {} digits: Excel seems to have dropped its leading zeros (the implementation code has {})", basic, basic.len(), b)
                }
                None => {
                    msg!("基本编码“{}”只有 {} 位，应为 12 位数字：前导的 0 可能被 Excel 去掉了", basic, basic.len();
                    "basic code '{}' has {} digits, not 12: Excel may have dropped its leading zeros", basic, basic.len())
                }
            };
            out.item(i, loc, m)
                .help(msg!("把该列设为“文本”格式，重新填入 12 位编码";
                "format the column as Text and enter the 12-digit code again"));
            return;
        }
        if !is_basic_code(basic) {
            out.item(
                i,
                loc,
                msg!("基本编码“{}”应为 12 位数字", basic; "basic code '{}' must have 12 digits", basic),
            );
            return;
        }
        if let Some((code, _)) = parsed_implementation_code(item)
            && code.basic != basic
        {
            out.item(
                i,
                loc,
                msg!("基本编码 {} 与实施编码中的基本编码 {} 不一致", basic, code.basic;
                "basic code {} differs from the one inside the implementation code ({})", basic, code.basic),
            );
        }
    }
}
