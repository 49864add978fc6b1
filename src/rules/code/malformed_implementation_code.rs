use super::implementation_code;
use crate::diag::Severity;
use crate::model::Item;
use crate::model::code::{ImplCodeError, ImplementationCode, UsccError, rounded_by_excel};
use crate::rules::{Ctx, Family, Out, Rule, RuleMeta};
use crate::{msg, page};

/// ## 检查什么
/// **实施编码**的结构：18 位统一社会信用代码 + 1 位行使层级（1–6）+ 12 位数字基本编码，
/// 业务办理项可再加 2 位办理项序号（共 31 或 33 位）。
///
/// ## 为什么
/// 实施编码是全国一体化政务服务平台交换、认领和统计事项的键。位数不对、混入汉字或字母 I/O/S/V/Z、
/// 层级位不是 1–6，平台都会拒收，也无法与上级目录比对。
///
/// ## 如何修复
/// 从政务服务平台的实施清单中复制完整的实施编码；不要手工拼接，注意不要把 0 写成 O。
///
/// ## 示例
/// ```yaml
/// implementation_code: "11330302002620358343303020010"
/// ```
/// 改为：
/// ```yaml
/// implementation_code: "1133030200262035834330302001001"
/// ```
/// ---
/// ## What it does
/// Checks the structure of the **implementation code** (实施编码): an 18-character unified social
/// credit code, one level digit (1–6) and a 12-digit basic code, optionally followed by a
/// 2-digit 办理项 number (31 or 33 characters).
///
/// ## Why is this bad?
/// The implementation code is the key the national platform uses to exchange, claim and count
/// items. A wrong length, a stray letter (I, O, S, V, Z are never used) or a level digit outside
/// 1–6 gets the record rejected and breaks comparison with the upper catalog.
///
/// ## How to fix
/// Copy the full code from the platform's implementation list instead of assembling it by hand.
///
/// ## Example
/// ```yaml
/// implementation_code: "11330302002620358343303020010"
/// ```
/// Use instead:
/// ```yaml
/// implementation_code: "1133030200262035834330302001001"
/// ```
pub struct MalformedImplementationCode;

impl Rule for MalformedImplementationCode {
    fn meta(&self) -> RuleMeta {
        RuleMeta::new(
            "K001",
            "malformed-implementation-code",
            Family::Code,
            Severity::Error,
            "实施编码格式错误",
            "malformed implementation code",
            page!(MalformedImplementationCode),
        )
    }
    fn check_item(&self, _cx: &Ctx, i: usize, item: &Item, out: &mut Out) {
        let Some((code, loc)) = implementation_code(item) else {
            return;
        };
        let Err(e) = ImplementationCode::parse(code) else {
            return;
        };
        // Digits lost to Excel's number format say so, not which character is wrong.
        if rounded_by_excel(code) {
            out.item(
                i,
                loc,
                msg!("实施编码“{}”被 Excel 当作数字保存，只留下 15 位有效数字，其余位数已丢失", code;
                "implementation code '{}' was stored by Excel as a number: only 15 significant digits are left, the rest are lost", code),
            )
            .help(msg!("把该列设为“文本”格式，重新填入完整的 31 位编码";
                "format the column as Text and enter the full 31-character code again"));
            return;
        }
        let m = match e {
            ImplCodeError::Length(n) => msg!("实施编码“{}”有 {} 位，应为 31 位（业务办理项 33 位）", code, n;
                "implementation code '{}' has {} characters; it must have 31 (33 for a 办理项)", code, n),
            ImplCodeError::Uscc(UsccError::Char(p, c)) => {
                msg!("实施编码“{}”第 {} 位“{}”不是统一社会信用代码允许的字符", code, p + 1, c;
                "implementation code '{}': character {} ('{}') is not allowed in a unified social credit code", code, p + 1, c)
            }
            ImplCodeError::Uscc(_) => msg!("实施编码“{}”的前 18 位不是统一社会信用代码", code;
                "the first 18 characters of implementation code '{}' are not a unified social credit code", code),
            ImplCodeError::Level(c) => msg!("实施编码“{}”第 19 位“{}”应为行使层级 1–6", code, c;
                "implementation code '{}': character 19 ('{}') must be a level digit 1–6", code, c),
            ImplCodeError::Basic => msg!("实施编码“{}”第 20 位起应为 12 位数字基本编码（可加 2 位办理项序号）", code;
                "implementation code '{}': from character 20 on there must be a 12-digit basic code (plus an optional 2-digit 办理项 number)", code),
        };
        out.item(i, loc, m).help(
            msg!("结构：统一社会信用代码(18) + 层级位(1) + 基本编码(12) [+ 办理项(2)]";
            "structure: USCC (18) + level digit (1) + basic code (12) [+ 办理项 (2)]"),
        );
    }
}
