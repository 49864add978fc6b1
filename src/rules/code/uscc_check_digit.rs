use super::parsed_implementation_code;
use crate::diag::Severity;
use crate::model::Item;
use crate::model::code::UsccError;
use crate::rules::{Ctx, Family, Out, Rule, RuleMeta};
use crate::{msg, page};

/// ## 检查什么
/// 实施编码前 18 位（实施主体的**统一社会信用代码**）的第 18 位校验码是否正确
/// （GB 32100-2015，MOD 31 加权校验）。
///
/// ## 为什么
/// 校验码错误说明代码抄错了一位，或者根本不是真实的统一社会信用代码（例如用组织机构代码、
/// 临时编码拼凑）。这样的实施主体在平台上查不到，事项无法认领和归集。
///
/// ## 如何修复
/// 到“全国组织机构统一社会信用代码数据服务中心”查询实施主体的真实代码，替换实施编码的前 18 位。
///
/// ## 示例
/// ```yaml
/// implementation_code: "11440300007542785T4440709003000"   # 校验位应为 U
/// ```
/// 改为：
/// ```yaml
/// implementation_code: "11440100007482575H3440118009000"
/// ```
/// ---
/// ## What it does
/// Checks the 18th (check) character of the **unified social credit code** that starts the
/// implementation code (GB 32100-2015, weighted MOD 31).
///
/// ## Why is this bad?
/// A wrong check character means a character was mistyped, or the code is not a real credit code
/// (an old organisation code, a made-up one). The department cannot be found on the platform and
/// the item cannot be claimed or aggregated.
///
/// ## How to fix
/// Look up the department's real credit code and replace the first 18 characters.
///
/// ## Example
/// ```yaml
/// implementation_code: "11440300007542785T4440709003000"   # check character should be U
/// ```
/// Use instead:
/// ```yaml
/// implementation_code: "11440100007482575H3440118009000"
/// ```
pub struct UsccCheckDigit;

impl Rule for UsccCheckDigit {
    fn meta(&self) -> RuleMeta {
        RuleMeta::new(
            "K002",
            "uscc-check-digit",
            Family::Code,
            Severity::Error,
            "统一社会信用代码校验位错误",
            "wrong check character in the unified social credit code",
            page!(UsccCheckDigit),
        )
    }
    fn check_item(&self, _cx: &Ctx, i: usize, item: &Item, out: &mut Out) {
        let Some((code, loc)) = parsed_implementation_code(item) else {
            return;
        };
        if let Err(UsccError::Check { found, expected }) = code.uscc.verify() {
            out.item(i, loc, msg!("统一社会信用代码“{}”的校验位是“{}”，按 GB 32100 应为“{}”", code.uscc.0, found, expected;
                "unified social credit code '{}' ends in '{}'; GB 32100 requires '{}'", code.uscc.0, found, expected))
                .help(msg!("核对实施主体的统一社会信用代码，可能抄错了一位"; "check the department's credit code; a character was probably mistyped"));
        }
    }
}
