//! Pages of declarative rules, built from the rule file in the same sections as the doc-comment
//! pages of code rules, so `catalog explain` shows both alike.

use super::RuleDef;
use super::vocab::Vocab;
use crate::model::F;
use crate::rules::Family;

/// (Chinese page, English page).
pub fn build(d: &RuleDef, family: Family, fields: &[F], vocab: Option<&Vocab>) -> (String, String) {
    let (vocab_zh, vocab_en) = vocab.map(vocab_text).unwrap_or_default();
    let list = |zh: bool| {
        let names: Vec<&str> = fields.iter().map(|f| if zh { f.zh() } else { f.def().en }).collect();
        if names.len() > 12 {
            if zh {
                format!("{} 等 {} 个字段", names[..12].join("、"), names.len())
            } else {
                format!("{} and {} more fields", names[..12].join(", "), names.len() - 12)
            }
        } else if zh {
            names.join("、")
        } else {
            names.join(", ")
        }
    };
    let example = |zh: bool| {
        let mut s = String::new();
        if let Some(b) = &d.bad {
            s.push_str(&format!("```yaml\n{}\n```\n", b.trim_end()));
        }
        if let Some(g) = &d.good {
            s.push_str(if zh { "改为：\n" } else { "Use instead:\n" });
            s.push_str(&format!("```yaml\n{}\n```\n", g.trim_end()));
        }
        if s.is_empty() {
            s.push_str(if zh {
                "（规则文件未给出示例）\n"
            } else {
                "(the rule file gives no example)\n"
            });
        }
        s
    };
    let scope_zh = if d.scope.is_empty() {
        String::new()
    } else {
        let parts: Vec<String> = d
            .scope
            .iter()
            .map(|(k, v)| format!("{k} 为 {}", v.join("、")))
            .collect();
        format!("\n\n只检查 {} 的事项。", parts.join("，"))
    };
    let scope_en = if d.scope.is_empty() {
        String::new()
    } else {
        let parts: Vec<String> = d
            .scope
            .iter()
            .map(|(k, v)| format!("{k} is {}", v.join(" or ")))
            .collect();
        format!("\n\nOnly items where {}.", parts.join(" and "))
    };
    // The fields a public service is not asked for, named as the rule file names them.
    let (services_zh, services_en) = if d.not_for_services.is_empty() {
        (String::new(), String::new())
    } else {
        let names = |zh: bool| -> Vec<&str> {
            d.not_for_services
                .iter()
                .map(|n| match super::fields_ref::resolve(n) {
                    Some(f) if zh => f.zh(),
                    Some(f) => f.def().en,
                    None => n.as_str(),
                })
                .collect()
        };
        (
            format!("\n\n公共服务（及便民服务）不要求的{}不检查。", names(true).join("、")),
            format!(
                "\n\nNot checked on a public service, which is not asked for them: {}.",
                names(false).join(", ")
            ),
        )
    };
    let origin_zh = if family == Family::Custom {
        "（用户规则）"
    } else {
        "（声明式规则）"
    };
    let origin_en = if family == Family::Custom {
        " (user rule)"
    } else {
        " (declarative rule)"
    };
    let fields_zh = if fields.is_empty() {
        String::new()
    } else {
        format!("\n\n检查的字段：{}。", list(true))
    };
    let fields_en = if fields.is_empty() {
        String::new()
    } else {
        format!("\n\nFields checked: {}.", list(false))
    };
    let zh = format!(
        "## 检查什么\n{}{origin_zh}{fields_zh}{services_zh}{scope_zh}{vocab_zh}\n\n## 为什么\n{}\n\n## 如何修复\n{}\n\n## 示例\n{}",
        d.what.as_deref().unwrap_or(&d.summary).trim(),
        d.why.as_deref().unwrap_or("规则文件未说明。").trim(),
        d.how.as_deref().unwrap_or("按提示修改字段内容。").trim(),
        example(true)
    );
    let en = format!(
        "## What it does\n{}{origin_en}{fields_en}{services_en}{scope_en}{vocab_en}\n\n## Why is this bad?\n{}\n\n## How to fix\n{}\n\n## Example\n{}",
        d.what_en
            .as_deref()
            .or(d.summary_en.as_deref())
            .unwrap_or(&d.summary)
            .trim(),
        d.why_en
            .as_deref()
            .or(d.why.as_deref())
            .unwrap_or("Not given by the rule file.")
            .trim(),
        d.how_en
            .as_deref()
            .or(d.how.as_deref())
            .unwrap_or("Change the value as the message says.")
            .trim(),
        example(false)
    );
    (zh.trim_end().to_string(), en.trim_end().to_string())
}

/// The vocabulary a rule uses, listed on its page so `catalog explain` shows the data.
fn vocab_text(v: &Vocab) -> (String, String) {
    let mut zh = format!("\n\n词表 `{}`：\n", v.id);
    let mut en = format!("\n\nVocabulary `{}`:\n", v.id);
    let mut push = |line: String| {
        zh.push_str(&line);
        en.push_str(&line);
    };
    if !v.whole.is_empty() {
        push(format!("- {}\n", v.whole.join("、")));
    }
    if !v.phrases.is_empty() {
        push(format!("- {}\n", v.phrases.join("；")));
    }
    for sw in &v.swap {
        let mark = if sw.safe { "" } else { "（需确认 / needs review）" };
        push(format!("- {} → {}{mark}\n", sw.variants.join("、"), sw.preferred));
    }
    (zh.trim_end().to_string(), en.trim_end().to_string())
}
