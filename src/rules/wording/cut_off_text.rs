use crate::diag::Severity;
use crate::model::{F, Item, Loc, Value};
use crate::rules::{Ctx, Family, Out, Rule, RuleMeta};
use crate::{msg, page};

/// ## 检查什么
/// 受理条件以冒号结尾：“申请人满足以下全部条件的，可提出本行政许可申请：”之后什么也没有，
/// 冒号引出的条件清单被截掉了。表格中“受理条件”单元格拆成的各项受理要点，看最后一项。
///
/// ## 为什么
/// 申请人只看到“符合下列条件”，看不到条件本身，无法判断自己能否申请；通常是从系统复制或
/// 导出时只取了第一段。
///
/// ## 如何修复
/// 在受理条件中补全冒号后面的各项条件。
///
/// ## 示例
/// ```yaml
/// conditions: 申请人满足以下全部条件的，可提出本行政许可申请：
/// ```
/// 改为：
/// ```yaml
/// conditions: |
///   申请人满足以下全部条件的，可提出本行政许可申请：
///   （一）具有独立法人资格；
///   （二）有固定的经营场所。
/// ```
/// ---
/// ## What it does
/// Reports acceptance conditions that end with a colon: "applicants meeting all of the following
/// may apply:" and nothing after it — the list the colon introduces was cut off. In a sheet whose
/// 受理条件 cell was read as several acceptance points, the last point is checked.
///
/// ## Why is this bad?
/// Applicants read that conditions exist but not what they are, so they cannot tell whether they
/// may apply; usually only the first paragraph was copied or exported.
///
/// ## How to fix
/// Write out the conditions after the colon.
///
/// ## Example
/// ```yaml
/// conditions: 申请人满足以下全部条件的，可提出本行政许可申请：
/// ```
/// Use instead:
/// ```yaml
/// conditions: |
///   申请人满足以下全部条件的，可提出本行政许可申请：
///   （一）具有独立法人资格；
///   （二）有固定的经营场所。
/// ```
pub struct CutOffText;

impl Rule for CutOffText {
    fn meta(&self) -> RuleMeta {
        RuleMeta::new(
            "W014",
            "cut-off-text",
            Family::Wording,
            Severity::Error,
            "受理条件以冒号结尾，后面的条件被截掉",
            "acceptance conditions end with a colon: the list after it is missing",
            page!(CutOffText),
        )
    }
    fn check_item(&self, cx: &Ctx, i: usize, item: &Item, out: &mut Out) {
        // The item's 受理条件 as one field (an export), else each scenario's 受理要点 — where an
        // office sheet's 受理条件 cell lands, one point per entry: the last one is where the text ends.
        let conditions = item.fields.get(F::Conditions).and_then(|v| match &v.value {
            Value::Text(s) => Some((s.as_str(), v.loc, F::Conditions)),
            Value::List(l) => l
                .iter()
                .rev()
                .find(|s| !s.value.trim().is_empty())
                .map(|s| (s.value.as_str(), s.loc, F::Conditions)),
            _ => None,
        });
        let lasts: Vec<(&str, Loc, F)> = match conditions {
            Some(c) => vec![c],
            None => item
                .scenarios
                .iter()
                .filter_map(|s| {
                    s.acceptance_points
                        .iter()
                        .rev()
                        .filter_map(|p| {
                            p.fields
                                .text(F::PointText)
                                .map(|t| (t, p.fields.loc(F::PointText).unwrap_or(p.loc)))
                        })
                        .find(|(t, _)| !t.trim().is_empty())
                        .map(|(t, loc)| (t, loc, F::PointText))
                })
                .collect(),
        };
        for (text, loc, field) in lasts {
            let t = text.trim_end();
            if !t.ends_with(['：', ':']) {
                continue;
            }
            let tail: String = {
                let n = t.chars().count();
                t.chars().skip(n.saturating_sub(24)).collect()
            };
            let (zh, en) = cx.field_name(loc, field);
            out.item(i, loc, msg!("{}以冒号结尾，后面的条件缺失：“…{}”", zh, tail; "the {} end with a colon and nothing follows: '…{}'", en, tail))
                .help(msg!("补全冒号后面的各项条件"; "write out the conditions after the colon"));
        }
    }
}
