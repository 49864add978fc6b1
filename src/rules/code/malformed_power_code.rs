use crate::diag::Severity;
use crate::model::code::PowerCode;
use crate::model::{F, FileId, Item};
use crate::rules::{Ctx, Family, Out, Rule, RuleMeta};
use crate::{msg, page};

/// ## 检查什么
/// 以汉字类型前缀开头的事项编码（浙江**权力基本码**）须符合
/// `前缀-5位主项序号-3位子项序号`，业务办理项再加 `-2位序号`，如 `许可-00977-001-02`；
/// 前缀为 许可、处罚、强制、征收、给付、检查、确认、奖励、裁决、其他、服务 之一。
/// 一个文件里的事项编码九成以上（至少 20 个）都是权力基本码时，其余写成别的样子的编码
/// （`00977001`、`XK-00977-001`）也报告：同一张清单只用一种编码。
///
/// ## 为什么
/// 权力基本码在全省统一赋码，浙江政务服务网、统计脚本和上下级比对都按这个结构拆分主项、子项。
/// 少一位零、写错前缀或用全角横线，事项就对不上。
///
/// ## 如何修复
/// 补足位数（主项 5 位、子项 3 位、办理项 2 位），用半角 `-` 分隔，前缀用规定的两个字。
///
/// ## 示例
/// ```yaml
/// code: 许可-977-1
/// ```
/// 改为：
/// ```yaml
/// code: 许可-00977-001
/// ```
/// ---
/// ## What it does
/// Checks item codes written in the Zhejiang **power code** style (a Chinese type prefix, then
/// `-`): `prefix-5-digit main item-3-digit sub-item`, plus `-2 digits` for a 办理项, e.g.
/// `许可-00977-001-02`; the prefix is one of 许可 处罚 强制 征收 给付 检查 确认 奖励 裁决 其他 服务.
/// When nine in ten codes of a file (at least 20) are power codes, a code there written some
/// other way (`00977001`, `XK-00977-001`) is reported too: one list uses one scheme.
///
/// ## Why is this bad?
/// Power codes are assigned province-wide; the portal, statistics scripts and cross-level
/// comparison split them into main item and sub-item by this structure. A missing zero, a wrong
/// prefix or a full-width dash breaks the match.
///
/// ## How to fix
/// Pad the numbers (5, 3 and 2 digits), separate with an ASCII `-`, use a listed prefix.
///
/// ## Example
/// ```yaml
/// code: 许可-977-1
/// ```
/// Use instead:
/// ```yaml
/// code: 许可-00977-001
/// ```
pub struct MalformedPowerCode;

impl Rule for MalformedPowerCode {
    fn meta(&self) -> RuleMeta {
        RuleMeta::new(
            "K005",
            "malformed-power-code",
            Family::Code,
            Severity::Error,
            "权力基本码格式错误",
            "malformed power code",
            page!(MalformedPowerCode),
        )
    }
    fn check_item(&self, _cx: &Ctx, i: usize, item: &Item, out: &mut Out) {
        let Some((code, loc)) = item.fields.text_at(F::Code) else {
            return;
        };
        let code = code.trim();
        if !PowerCode::looks_like(code) || PowerCode::parse(code).is_some() {
            return;
        }
        out.item(
            i,
            loc,
            msg!("权力基本码“{}”格式错误，应为 前缀-5位主项-3位子项[-2位办理项]，如 许可-00977-001-02", code;
            "power code '{}' is malformed; expected prefix-5 digits-3 digits[-2 digits], e.g. 许可-00977-001-02", code),
        )
        .help(
            msg!("前缀：许可 处罚 强制 征收 给付 检查 确认 奖励 裁决 其他 服务；用半角“-”分隔";
                "prefixes: 许可 处罚 强制 征收 给付 检查 确认 奖励 裁决 其他 服务; separate with an ASCII '-'"),
        );
    }
    fn check_catalog(&self, cx: &Ctx, out: &mut Out) {
        fn code_of(it: &Item) -> Option<(&str, crate::model::Loc)> {
            let (code, loc) = it.fields.text_at(F::Code)?;
            // A code without a digit (暂无, 无) is a placeholder (W005's), not a scheme.
            Some((code.trim(), loc)).filter(|(c, _)| c.bytes().any(|b| b.is_ascii_digit()))
        }
        // Per file: (power codes, codes).
        let mut files: foldhash::HashMap<FileId, (usize, usize)> = Default::default();
        for (code, loc) in cx.catalog.items.iter().filter_map(code_of) {
            let n = files.entry(loc.file).or_default();
            n.0 += PowerCode::parse(code).is_some() as usize;
            n.1 += 1;
        }
        for (i, it) in cx.catalog.items.iter().enumerate() {
            let Some((code, loc)) = code_of(it) else { continue };
            let Some(&(power, all)) = files.get(&loc.file) else {
                continue;
            };
            if power < 20 || power * 10 < all * 9 || PowerCode::looks_like(code) {
                continue;
            }
            out.item(
                i,
                loc,
                msg!("事项编码“{}”不是权力基本码的写法：本清单其他 {} 个事项编码都是 前缀-5位主项-3位子项，如 许可-00977-001", code, power;
                    "item code '{}' is not a power code, while {} other codes of this list are prefix-5 digits-3 digits, e.g. 许可-00977-001", code, power),
            );
        }
    }
}
