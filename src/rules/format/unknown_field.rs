use crate::diag::Severity;
use crate::model::{Extra, Item, NoteKind, Pos};
use crate::rules::{Ctx, Family, Out, Rule, RuleMeta};
use crate::{msg, page};

/// ## 检查什么
/// 报告字段词典不认识的键。这些键的值会原样保留（转换、比对时不会丢），但规则和办事指南
/// 用不到它们。表格中表头不认识的列只在表头单元格报告一次，不逐行报告。系统为记录添加的列
/// （更新时间、录入人、审核状态等，见 rules/record-columns.yaml）照样保留，但不报告。
///
/// ## 为什么
/// 未知的键多半是错字（`matrials:`）或别处的叫法。错字会让整段内容被忽略：例如材料写在
/// 错字键下，就等于这个情形没有材料。
///
/// ## 如何修复
/// 改为标准键名或它的中文别名（`catalog schema` 列出全部字段）；确需保留的自定义字段可以用
/// catalog.toml 忽略本规则。
///
/// ## 示例
/// ```yaml
/// - name: 食品经营许可（新办）
///   matrials: [...]
/// ```
/// 改为：
/// ```yaml
/// - name: 食品经营许可（新办）
///   materials: [...]
/// ```
/// ---
/// ## What it does
/// Reports keys the field dictionary does not know. Their values are kept (conversion and diff
/// never drop them), but no rule or guide uses them. A sheet column with an unknown header is
/// reported once, at its header cell, not on every row. Columns a system adds about the record
/// (更新时间, 录入人, 审核状态 …, rules/record-columns.yaml) are kept and not reported.
///
/// ## Why is this bad?
/// An unknown key is usually a typo (`matrials:`) or another system's name, and a typo hides the
/// whole value — materials under a misspelt key mean a scenario without materials.
///
/// ## How to fix
/// Use the standard key or its Chinese alias (`catalog schema` lists all fields); ignore this rule
/// in catalog.toml for deliberate custom fields.
///
/// ## Example
/// ```yaml
/// - name: 食品经营许可（新办）
///   matrials: [...]
/// ```
/// Use instead:
/// ```yaml
/// - name: 食品经营许可（新办）
///   materials: [...]
/// ```
pub struct UnknownField;

impl Rule for UnknownField {
    fn meta(&self) -> RuleMeta {
        RuleMeta::new(
            "F001",
            "unknown-field",
            Family::Format,
            Severity::Warning,
            "未知字段（已保留）",
            "unknown field (kept)",
            page!(UnknownField),
        )
    }
    fn check_item(&self, _cx: &Ctx, i: usize, item: &Item, out: &mut Out) {
        let mut all: Vec<&Extra> = item.extra.iter().collect();
        for s in &item.scenarios {
            all.extend(&s.extra);
            all.extend(s.acceptance_points.iter().flat_map(|p| &p.extra));
            all.extend(s.materials.iter().flat_map(|m| &m.extra));
        }
        all.extend(item.process.iter().flat_map(|p| &p.extra));
        all.extend(item.supervision.iter().flat_map(|d| &d.extra));
        for e in all {
            // A sheet's unknown column is reported once, at its header (`check_catalog`); a cell
            // kept aside under a known column is a value that does not fit (F021) or a second
            // column for the field (F022), said there.
            if matches!(e.loc.pos, Pos::Cell { .. }) {
                continue;
            }
            report(out, Some(i), e);
        }
    }
    fn check_catalog(&self, cx: &Ctx, out: &mut Out) {
        let c = cx.catalog;
        for e in c
            .extra
            .iter()
            .chain(&c.header.extra)
            .chain(c.bundles.iter().flat_map(|b| &b.extra))
            .chain(c.laws.iter().flat_map(|l| &l.extra))
        {
            report(out, None, e);
        }
        for n in c.notes.iter().filter(|n| n.kind == NoteKind::UnknownColumn) {
            let m = msg!("未知列“{}”：各行的值已保留，但不会被检查或发布", n.detail;
                "unknown column '{}': its values are kept, but not checked or published", n.detail);
            out.at(n.loc, m).help(did_you_mean(&n.detail));
        }
    }
}

fn report(out: &mut Out, item: Option<usize>, e: &Extra) {
    let m = msg!("未知字段“{}”：值已保留，但不会被检查或发布", e.key; "unknown field '{}': kept, but not checked or published", e.key);
    match item {
        Some(i) => out.item(i, e.loc, m),
        None => out.at(e.loc, m),
    }
    .help(did_you_mean(&e.key));
}

fn did_you_mean(key: &str) -> crate::i18n::Msg {
    match crate::suggest::closest_key(key) {
        Some(k) => msg!("是否想写“{}”？", k; "did you mean '{}'?", k),
        None => msg!("运行 catalog schema 查看全部字段"; "run `catalog schema` to see all fields"),
    }
}
