use super::{duty_department, supervision_loc};
use crate::diag::Severity;
use crate::model::{F, Item};
use crate::rules::{Ctx, Family, Out, Rule, RuleMeta};
use crate::{msg, page};

/// ## 检查什么
/// 多个部门共同承担监管责任时，要有且只有一个**牵头部门**：标了 `lead: true` 的部门，
/// 或（都没标时）责任比例唯一最大的部门。两个部门都标牵头、或比例并列最大且无人标牵头的会被报告。
///
/// ## 为什么
/// 部门职责分工的原则是“一件事情原则上由一个部门负责；确需多个部门管理的，应当明确牵头部门，
/// 分清主办和协办”。没有牵头部门，共管就会变成都不管。
///
/// ## 如何修复
/// 给一个部门写 `lead: true`，删除其他部门的牵头标记。
///
/// ## 示例
/// ```yaml
/// supervision:
///   - {department: 区市场监管局, share: 50}
///   - {department: 区卫生健康局, share: 50}
/// ```
/// 改为：
/// ```yaml
/// supervision:
///   - {department: 区市场监管局, share: 50, lead: true}
///   - {department: 区卫生健康局, share: 50}
/// ```
/// ---
/// ## What it does
/// When several departments share supervision, exactly one **leads**: the one marked
/// `lead: true`, or (with no mark) the one with the single largest share. Two marked leads, or a
/// tie for the largest share with no mark, are reported.
///
/// ## Why is this bad?
/// The division-of-labour rule: one matter, one responsible department; where several must act,
/// name the lead and separate lead and support roles. Without a lead, shared means nobody's.
///
/// ## How to fix
/// Mark one department `lead: true` and remove the mark from the others.
///
/// ## Example
/// ```yaml
/// supervision:
///   - {department: 区市场监管局, share: 50}
///   - {department: 区卫生健康局, share: 50}
/// ```
/// Use instead:
/// ```yaml
/// supervision:
///   - {department: 区市场监管局, share: 50, lead: true}
///   - {department: 区卫生健康局, share: 50}
/// ```
pub struct LeadDepartment;

impl Rule for LeadDepartment {
    fn meta(&self) -> RuleMeta {
        RuleMeta::new(
            "D003",
            "lead-department",
            Family::Duty,
            Severity::Warning,
            "共管事项没有唯一的牵头部门",
            "jointly supervised item without exactly one lead",
            page!(LeadDepartment),
        )
    }
    fn check_item(&self, _cx: &Ctx, i: usize, item: &Item, out: &mut Out) {
        if item.supervision.len() < 2 {
            return;
        }
        let leads: Vec<_> = item
            .supervision
            .iter()
            .filter(|d| d.fields.bool(F::Lead) == Some(true))
            .collect();
        if leads.len() > 1 {
            let names: Vec<&str> = leads.iter().map(|d| duty_department(d).unwrap_or("?")).collect();
            out.item(
                i,
                leads[1].fields.loc(F::Lead).unwrap_or(leads[1].loc),
                msg!("有 {} 个牵头部门（{}），只能有一个", leads.len(), names.join("、");
                "{} departments marked as lead ({}); only one may lead", leads.len(), names.join(", ")),
            )
            .help(msg!("只保留一个 lead: true"; "keep a single lead: true"));
            return;
        }
        if leads.len() == 1 {
            return;
        }
        let shares: Vec<f64> = item
            .supervision
            .iter()
            .filter_map(|d| d.fields.num(F::Share).map(|s| s.value))
            .collect();
        let max = shares.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let at_max = shares.iter().filter(|s| (**s - max).abs() < 1e-9).count();
        if shares.is_empty() || at_max > 1 {
            out.item(
                i,
                supervision_loc(item),
                msg!("{} 个部门共同监管，但没有明确牵头部门", item.supervision.len();
                "{} departments share supervision but none is the lead", item.supervision.len()),
            )
            .help(msg!("给牵头部门写 lead: true"; "mark the lead department with lead: true"));
        }
    }
}
