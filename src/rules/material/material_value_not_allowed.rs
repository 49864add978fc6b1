use crate::diag::Severity;
use crate::model::{F, Item};
use crate::rules::{Ctx, Family, Out, Rule, RuleMeta};
use crate::{msg, page};

/// ## 检查什么
/// 材料的枚举字段只能取字典中的值：来源渠道（申请人自备、政府部门核发、中介机构出具、其他）、
/// 材料形式（原件、复印件、原件或复印件、原件和复印件、电子材料）、材料必要性（必要、非必要、容缺后补）、
/// 材料类别（表格、证照、证明、文书、其他）。原件和复印件是两样都要交（原件核验、复印件留存），
/// 原件或复印件是任交一样。办公表格“材料形式”列的常见写法（原件及复印件、原件、复印件各1份）按它
/// 说的形式读入，不报。
///
/// ## 为什么
/// 这些字段要与政务服务平台的代码表对应，字典外的值上报时会被拒收（“值不在代码项之中”），
/// 统计容缺材料、共享材料时也会漏算。
///
/// ## 如何修复
/// 改为字典中的值；补充说明写到填报须知（`note:`）。
///
/// ## 示例
/// ```yaml
/// - {name: 身份证, form: 原件及复印件, necessity: 需要}
/// ```
/// 改为：
/// ```yaml
/// - {name: 身份证, form: 原件和复印件, necessity: 必要}
/// ```
/// ---
/// ## What it does
/// Checks that the enumerated material fields hold dictionary values: source (申请人自备,
/// 政府部门核发, 中介机构出具, 其他), form (原件, 复印件, 原件或复印件, 原件和复印件, 电子材料), necessity (必要,
/// 非必要, 容缺后补), kind (表格, 证照, 证明, 文书, 其他). 原件和复印件 asks for both papers
/// (the original checked, the copy kept), 原件或复印件 for either. An office sheet's 材料形式
/// column written as offices do (原件及复印件, 原件、复印件各1份) is read as the forms it names.
///
/// ## Why is this bad?
/// These fields map onto the platform's code tables; a value outside them is rejected on upload
/// and escapes the counts of deferred or shared materials.
///
/// ## How to fix
/// Use a dictionary value; put explanations in `note:`.
///
/// ## Example
/// ```yaml
/// - {name: 身份证, form: 原件及复印件, necessity: 需要}
/// ```
/// Use instead:
/// ```yaml
/// - {name: 身份证, form: 原件和复印件, necessity: 必要}
/// ```
pub struct MaterialValueNotAllowed;

const ENUM_FIELDS: [F; 4] = [F::Source, F::Form, F::Necessity, F::MaterialKind];

impl Rule for MaterialValueNotAllowed {
    fn meta(&self) -> RuleMeta {
        RuleMeta::new(
            "M004",
            "material-value-not-allowed",
            Family::Material,
            Severity::Warning,
            "材料字段的值不在字典中",
            "material field value outside its dictionary",
            page!(MaterialValueNotAllowed),
        )
    }
    fn check_item(&self, _cx: &Ctx, i: usize, item: &Item, out: &mut Out) {
        for (_, m) in item.materials() {
            for f in ENUM_FIELDS {
                let Some((v, loc)) = m.fields.text_at(f) else { continue };
                let v = crate::text::trim(v);
                let allowed = f.def().values;
                if v.is_empty() || allowed.contains(&v) {
                    continue;
                }
                let close = allowed
                    .iter()
                    .min_by_key(|a| crate::suggest::distance(v, a))
                    .copied()
                    .unwrap_or("");
                out.item(
                    i,
                    loc,
                    msg!("{}“{}”不在字典中（可选：{}）", f.zh(), v, allowed.join("、");
                    "{} '{}' is not allowed (one of: {})", f.def().en.to_lowercase(), v, allowed.join(", ")),
                )
                .help(msg!("是否应为“{}”？", close; "did you mean '{}'?", close));
            }
        }
    }
}
