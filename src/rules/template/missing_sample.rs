use crate::diag::Severity;
use crate::model::{F, Item};
use crate::rules::{Ctx, Family, Out, Rule, RuleMeta};
use crate::{msg, page};

/// ## 检查什么
/// 每份申请材料都要有**材料范例**（示例样表）。
///
/// ## 为什么
/// 材料范例是五要素模板的最后一项：一张填好的样表胜过一段说明，群众照着填就不会出错，
/// 这是“一看就懂”、减少退件和跑动的关键。
///
/// ## 如何修复
/// 写 `sample:`：样表文件的相对路径（放在清单文件旁的 samples/ 目录）或一段示例文字。
///
/// ## 示例
/// ```yaml
/// - name: 食品经营许可申请书
///   source: 申请人自备
/// ```
/// 改为：
/// ```yaml
/// - name: 食品经营许可申请书
///   source: 申请人自备
///   sample: samples/食品经营许可申请书-样表.pdf
/// ```
/// ---
/// ## What it does
/// Checks that every material has a **sample** (材料范例: a filled-in example form).
///
/// ## Why is this bad?
/// The sample is the last template element: a filled-in form beats a paragraph of instructions,
/// and applicants who copy it get it right the first time.
///
/// ## How to fix
/// Add `sample:` — a relative path to the sample file (e.g. in samples/ next to the catalog) or
/// an example text.
///
/// ## Example
/// ```yaml
/// - name: 食品经营许可申请书
///   source: 申请人自备
/// ```
/// Use instead:
/// ```yaml
/// - name: 食品经营许可申请书
///   source: 申请人自备
///   sample: samples/食品经营许可申请书-样表.pdf
/// ```
pub struct MissingSample;

impl Rule for MissingSample {
    fn meta(&self) -> RuleMeta {
        RuleMeta::new(
            "T007",
            "missing-sample",
            Family::Template,
            Severity::Error,
            "申请材料缺少材料范例",
            "material has no sample",
            page!(MissingSample),
        )
    }
    fn check_item(&self, _cx: &Ctx, i: usize, item: &Item, out: &mut Out) {
        for (_, m) in item.materials() {
            let empty = m.fields.text(F::Sample).is_none_or(|s| s.trim().is_empty());
            if empty {
                let name = m.name().unwrap_or("（未命名）");
                out.item(
                    i,
                    m.loc,
                    msg!("申请材料“{}”缺少材料范例", name; "material '{}' has no sample", name),
                )
                .help(msg!("写 sample: 样表文件路径或示例文字"; "add sample: a sample file path or example text"));
            }
        }
    }
}
