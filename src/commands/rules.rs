//! `catalog rules`: every rule with its code, family, default severity and summary.

use super::print;
use crate::cli::{RulesArgs, TreeFormat};
use crate::error::Error;
use crate::rules::Family;
use comfy_table::{Table, presets::UTF8_FULL_CONDENSED};
use serde_json::json;

pub fn run(args: RulesArgs) -> Result<u8, Error> {
    let cfg = crate::config::Config::discover(args.config.as_deref(), &[])?;
    let mut metas: Vec<_> = cfg.all_rules()?.iter().map(|r| r.meta()).collect();
    if let Some(f) = &args.family {
        let fam = Family::parse(f.trim())
            .ok_or_else(|| Error::plain(None, format!("没有类别 “{f}”"), format!("no rule family '{f}'")))?;
        metas.retain(|m| m.family == fam);
    }
    metas.sort_by(|a, b| a.family.cmp(&b.family).then_with(|| a.code.cmp(&b.code)));
    match args.format {
        TreeFormat::Json => {
            let v: Vec<_> = metas
                .iter()
                .map(|m| json!({"code": m.code, "name": m.name, "family": m.family.en(), "family_zh": m.family.zh(),
                    "severity": m.severity.as_str(), "summary": m.summary.get(), "summary_zh": m.summary.zh, "summary_en": m.summary.en}))
                .collect();
            print(&(serde_json::to_string_pretty(&v).unwrap_or_default() + "\n"));
        }
        TreeFormat::Text => {
            let mut t = Table::new();
            t.load_style(UTF8_FULL_CONDENSED);
            t.set_header(vec![
                crate::i18n::t("代码", "Code"),
                crate::i18n::t("名称", "Name"),
                crate::i18n::t("类别", "Family"),
                crate::i18n::t("级别", "Severity"),
                crate::i18n::t("说明", "Summary"),
            ]);
            for m in &metas {
                t.add_row(vec![
                    m.code.to_string(),
                    m.name.to_string(),
                    m.family.name().to_string(),
                    m.severity.label().to_string(),
                    m.summary.get().to_string(),
                ]);
            }
            print(&format!("{t}\n"));
        }
    }
    Ok(0)
}
