use super::supervision_loc;
use crate::diag::Severity;
use crate::model::value::format_num;
use crate::model::{F, Item};
use crate::rules::{Ctx, Family, Out, Rule, RuleMeta};
use crate::{msg, page};

/// ## 检查什么
/// 监管责任（责任清单）写了**责任比例**时：每个部门都要写，每个比例是正的整数百分比，
/// 合计正好 100。
///
/// ## 为什么
/// 比例用来划分多部门共管事项的责任，出了问题据此追责。合计不是 100、某个部门为 0 或缺失，
/// 就会出现无人负责或责任重叠的空档。
///
/// ## 如何修复
/// 为每个部门写整数比例，使合计为 100。
///
/// ## 示例
/// ```yaml
/// supervision:
///   - {department: 区市场监管局, share: 70}
///   - {department: 区综合行政执法局, share: 20}
/// ```
/// 改为：
/// ```yaml
/// supervision:
///   - {department: 区市场监管局, share: 70}
///   - {department: 区综合行政执法局, share: 30}
/// ```
/// ---
/// ## What it does
/// When the supervision duties (responsibility list) give **shares**: every department has one,
/// each is a positive whole percentage, and they add up to exactly 100.
///
/// ## Why is this bad?
/// Shares divide responsibility for jointly supervised items and decide accountability. A total
/// other than 100, a zero or a missing share leaves a gap nobody answers for, or an overlap.
///
/// ## How to fix
/// Give every department a whole-number share so that they total 100.
///
/// ## Example
/// ```yaml
/// supervision:
///   - {department: 区市场监管局, share: 70}
///   - {department: 区综合行政执法局, share: 20}
/// ```
/// Use instead:
/// ```yaml
/// supervision:
///   - {department: 区市场监管局, share: 70}
///   - {department: 区综合行政执法局, share: 30}
/// ```
pub struct InvalidShares;

impl Rule for InvalidShares {
    fn meta(&self) -> RuleMeta {
        RuleMeta::new(
            "D001",
            "invalid-shares",
            Family::Duty,
            Severity::Error,
            "责任比例缺失、不是正整数或合计不为 100",
            "responsibility shares missing, not positive whole numbers, or not totalling 100",
            page!(InvalidShares),
        )
    }
    fn check_item(&self, _cx: &Ctx, i: usize, item: &Item, out: &mut Out) {
        let shares: Vec<_> = item.supervision.iter().map(|d| d.fields.num(F::Share)).collect();
        if shares.iter().all(Option::is_none) {
            return;
        }
        let mut total = 0.0;
        let mut complete = true;
        for (d, s) in item.supervision.iter().zip(&shares) {
            let dept = super::duty_department(d).unwrap_or("?");
            match s {
                None => {
                    complete = false;
                    out.item(
                        i,
                        d.loc,
                        msg!("部门“{}”没有写责任比例", dept; "department '{}' has no share", dept),
                    );
                }
                Some(s) => {
                    total += s.value;
                    if s.value <= 0.0 || s.value.fract() != 0.0 || s.value > 100.0 {
                        complete = false;
                        out.item(
                            i,
                            s.loc,
                            msg!("部门“{}”的责任比例 {} 应为 1–100 的整数", dept, format_num(s.value);
                            "department '{}' has share {}; it must be a whole number 1–100", dept, format_num(s.value)),
                        );
                    }
                }
            }
        }
        if complete && (total - 100.0).abs() > 1e-9 {
            out.item(
                i,
                supervision_loc(item),
                msg!("各部门责任比例合计为 {}%，应为 100%", format_num(total);
                "the shares add up to {}%, not 100%", format_num(total)),
            )
            .help(msg!("调整比例使合计为 100"; "adjust the shares to total 100"));
        }
    }
}
