//! `catalog checklist`: the 易错纠错清单 as a workbook, Markdown or HTML.

use super::lint::Session;
use super::print;
use crate::checklist::{self, Doc};
use crate::cli::{ChecklistArgs, ChecklistFormat, RuleSelection};
use crate::error::Error;
use crate::model::F;
use std::collections::HashMap;

pub fn run(args: ChecklistArgs) -> Result<u8, Error> {
    // The same findings as `catalog lint` (config, overrides, suppressions) feed the checklist.
    let (session, catalog) = Session::open(&args.source, &RuleSelection::default(), None)?;
    let format = match (args.format, &args.output) {
        (Some(f), _) => f,
        (None, Some(p)) => match p
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("xlsx") => ChecklistFormat::Xlsx,
            Some("html" | "htm") => ChecklistFormat::Html,
            Some("md" | "markdown" | "txt") | None => ChecklistFormat::Markdown,
            // Markdown in a .csv (or .xls, .docx …) would open as garbage in the program the
            // extension promises.
            Some(other) => {
                return Err(Error::plain(
                    Some(p),
                    format!("不能写出 .{other} 文件：易错纠错清单可写成 .xlsx、.html 或 .md（或用 -f 指定格式）"),
                    format!(
                        "cannot write a .{other} file: the checklist is written as .xlsx, .html or .md (or choose with -f)"
                    ),
                ));
            }
        },
        (None, None) => ChecklistFormat::Markdown,
    };
    let mut rows = checklist::point_rows(&catalog);
    let points = rows.len();
    if !args.no_findings {
        let (diags, _) = session.check(&catalog);
        let metas: HashMap<String, &crate::rules::RuleMeta> = session
            .rules
            .iter()
            .map(|a| (a.meta.code.to_string(), &a.meta))
            .collect();
        rows.extend(checklist::finding_rows(&catalog, &diags, &metas, args.min_items.max(1)));
    }
    let name = catalog.header_text(F::Title).map(str::trim).filter(|s| !s.is_empty());
    let title = format!("{}易错纠错清单", name.unwrap_or(""));
    let mut subtitle = format!("易错点 {points} 条，检查发现的材料问题 {} 条", rows.len() - points);
    if let Some(v) = catalog.header_text(F::Version).map(str::trim).filter(|s| !s.is_empty()) {
        subtitle = format!("清单版本 {v} · {subtitle}");
    }
    subtitle.push_str(&format!(" · 生成于 {}", chrono::Local::now().format("%Y-%m-%d")));
    let doc = Doc {
        title,
        subtitle,
        rows: &rows,
    };
    match format {
        ChecklistFormat::Xlsx => {
            let Some(path) = &args.output else {
                return Err(Error::plain(
                    None,
                    "xlsx 格式需要用 --output 指定文件".into(),
                    "the xlsx format needs --output FILE".into(),
                ));
            };
            checklist::write_xlsx(&doc, path)?;
        }
        ChecklistFormat::Markdown => emit(&args, checklist::markdown(&doc))?,
        ChecklistFormat::Html => emit(&args, checklist::html(&doc, args.templates.as_deref())?)?,
    }
    if let Some(p) = &args.output {
        eprintln!(
            "{}",
            crate::i18n::Msg::new(
                format!("已写出 {}（{} 行）", p.display(), rows.len()),
                format!(
                    "wrote {} ({})",
                    p.display(),
                    crate::i18n::en_count(rows.len(), "row", "rows")
                )
            )
            .get()
        );
    }
    Ok(0)
}

fn emit(args: &ChecklistArgs, text: String) -> Result<(), Error> {
    match &args.output {
        Some(p) => crate::safe::write_atomic(p, text.as_bytes()),
        None => {
            print(&text);
            Ok(())
        }
    }
}
