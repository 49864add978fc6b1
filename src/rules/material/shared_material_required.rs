use crate::diag::Severity;
use crate::model::{F, Item};
use crate::rules::{Ctx, Family, Out, Rule, RuleMeta};
use crate::{msg, page};

/// ## 检查什么
/// 标为**可通过数据共享获取**（`shared: true`，电子证照、部门共享）的材料，
/// 不应仍标为“必要”要求申请人提交。
///
/// ## 为什么
/// 减证便民、“无证明城市”的要求是：能通过共享获取的，不再让群众提交。
/// 一边标共享、一边列为必交材料，群众照样要跑去开证明。
///
/// ## 如何修复
/// 把必要性改为“非必要”（或从材料清单中删除，改由窗口共享调取）；若实际无法共享，把 `shared` 改为 false。
///
/// ## 示例
/// ```yaml
/// - {name: 营业执照, shared: true, necessity: 必要}
/// ```
/// 改为：
/// ```yaml
/// - {name: 营业执照, shared: true, necessity: 非必要}
/// ```
/// ---
/// ## What it does
/// Checks that a material marked **obtainable by data sharing** (`shared: true`, e-licences,
/// inter-department sharing) is not still demanded as 必要 (required).
///
/// ## Why is this bad?
/// The "fewer certificates" reform says: what the office can fetch by sharing, the applicant no
/// longer brings. Marking it shared yet required still sends people to fetch a certificate.
///
/// ## How to fix
/// Make it 非必要 (or drop it and fetch it at the counter); if it cannot really be shared, set
/// `shared: false`.
///
/// ## Example
/// ```yaml
/// - {name: 营业执照, shared: true, necessity: 必要}
/// ```
/// Use instead:
/// ```yaml
/// - {name: 营业执照, shared: true, necessity: 非必要}
/// ```
pub struct SharedMaterialRequired;

impl Rule for SharedMaterialRequired {
    fn meta(&self) -> RuleMeta {
        RuleMeta::new(
            "M002",
            "shared-material-required",
            Family::Material,
            Severity::Warning,
            "可共享获取的材料仍要求提交",
            "shared material still required",
            page!(SharedMaterialRequired),
        )
    }
    fn check_item(&self, _cx: &Ctx, i: usize, item: &Item, out: &mut Out) {
        for (_, m) in item.materials() {
            if m.fields.bool(F::Shared) != Some(true) {
                continue;
            }
            let Some((nec, loc)) = m.fields.text_at(F::Necessity) else {
                continue;
            };
            if nec.trim() == "必要" {
                let name = m.name().unwrap_or("?");
                out.item(i, loc, msg!("材料“{}”可通过数据共享获取，却仍标为必要", name; "material '{}' can be obtained by sharing yet is still required", name))
                    .help(msg!("改为非必要，由窗口共享调取"; "make it 非必要 and fetch it by sharing"));
            }
        }
    }
}
