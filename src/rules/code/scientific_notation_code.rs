use crate::diag::Severity;
use crate::model::{F, Item};
use crate::rules::{Ctx, Family, Out, Rule, RuleMeta};
use crate::{msg, page};

/// ## 检查什么
/// 写成科学计数法的事项编码、主项编码（`3.30217E+11`）：Excel 把 12 位以上的数字编码当作数值，
/// 另存为 CSV 时写出的是它显示的样子，后几位已经丢失。（实施编码、基本编码由 K001、K008 检查。）
///
/// ## 为什么
/// 编码是对接和比对的键。`330217001000` 和 `330217002000` 都成了 `3.30217E+11`：编码不但
/// 错了，还彼此相同，导入时对不上，也无法从文件中还原。
///
/// ## 如何修复
/// 在原表格中把编码列设为“文本”格式，重新填写或粘贴编码后再导出；或在编码前加英文单引号
/// `'`。
///
/// ## 示例
/// ```yaml
/// items:
///   - {code: 3.30217E+11, name: 食品生产许可}
/// ```
/// 改为：
/// ```yaml
///   - {code: "330217001000", name: 食品生产许可}
/// ```
/// ---
/// ## What it does
/// Reports an item or main-item code written in scientific notation (`3.30217E+11`): Excel takes
/// a code of 12 or more digits for a number, and a CSV saved from it holds what the cell showed,
/// its last digits lost. (实施编码 and 基本编码 are K001's and K008's.)
///
/// ## Why is this bad?
/// The code is the key systems match items by. `330217001000` and `330217002000` both became
/// `3.30217E+11`: wrong, and alike, and the file cannot tell what they were.
///
/// ## How to fix
/// Format the code column as text in the workbook, enter or paste the codes again and export
/// again; or put an apostrophe `'` before each code.
///
/// ## Example
/// ```yaml
/// items:
///   - {code: 3.30217E+11, name: 食品生产许可}
/// ```
/// Use instead:
/// ```yaml
///   - {code: "330217001000", name: 食品生产许可}
/// ```
pub struct ScientificNotationCode;

/// `3.30217E+11`, `3E+11`, `3.3e11`: a mantissa, an exponent of two digits or more.
pub fn is_scientific(code: &str) -> bool {
    let t = code.trim();
    let Some((mantissa, exp)) = t.split_once(['E', 'e']) else {
        return false;
    };
    let exp = exp.strip_prefix('+').unwrap_or(exp);
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, "0"));
    int.len() == 1
        && int.bytes().all(|b| b.is_ascii_digit())
        && !frac.is_empty()
        && frac.bytes().all(|b| b.is_ascii_digit())
        && exp.len() >= 2
        && exp.bytes().all(|b| b.is_ascii_digit())
}

impl Rule for ScientificNotationCode {
    fn meta(&self) -> RuleMeta {
        RuleMeta::new(
            "K011",
            "scientific-notation-code",
            Family::Code,
            Severity::Error,
            "编码被写成科学计数法，后几位已丢失",
            "code in scientific notation, its last digits lost",
            page!(ScientificNotationCode),
        )
    }
    fn check_item(&self, _cx: &Ctx, i: usize, item: &Item, out: &mut Out) {
        // A 实施编码 or 基本编码 Excel rounded is K001's and K008's, which say what it was.
        for f in [F::Code, F::MainCode] {
            if let Some((code, loc)) = item.fields.text_at(f)
                && is_scientific(code)
            {
                out.item(
                    i,
                    loc,
                    msg!("编码“{}”是 Excel 的科学计数法：长数字被当作数值保存，后几位已丢失", code.trim();
                        "code '{}' is in Excel's scientific notation: a long number saved as a number, its last digits lost", code.trim()),
                )
                .help(msg!("在原表格中把编码列设为“文本”格式，重新填写编码后再导出（或在编码前加英文单引号 '）";
                    "format the code column as text in the workbook, enter the codes again and export again (or put ' before each)"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::is_scientific;
    #[test]
    fn excel_notation() {
        for yes in ["3.30217E+11", "3.3E+11", "1E+17", "3.30217e+11", "4.4012E+17"] {
            assert!(is_scientific(yes), "{yes}");
        }
        for no in [
            "330217001000",
            "XK-0001",
            "3E+1",
            "E+11",
            "33.02E+11",
            "许可-00977-001-01",
            "1.5",
        ] {
            assert!(!is_scientific(no), "{no}");
        }
    }
}
