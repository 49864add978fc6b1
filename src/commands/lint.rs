//! `catalog lint`: load, run the rules, report, exit by the fail threshold.
//! Pipeline: config → select rules → run → per-path overrides → suppressions → fix → baseline → report.

use super::{load_catalog, load_taxonomy, paths_or_default, print};
use crate::cli::{LintArgs, LintFormat};
use crate::config::Config;
use crate::diag::Diagnostic;
use crate::error::Error;
use crate::lint::{self, Active};
use crate::model::Catalog;
use crate::report::{self, Report, text::TextOptions};
use crate::rules::Ctx;

pub fn run(args: LintArgs, color: bool) -> Result<u8, Error> {
    let sel = &args.rules;
    let cfg = Config::discover(sel.config.as_deref(), &paths_or_default(&args.source.paths))?;
    let mut source = args.source.clone();
    source.taxonomy = source.taxonomy.or_else(|| cfg.taxonomy.clone());
    let load = || -> Result<Catalog, Error> {
        let mut c = load_catalog(&source)?;
        cfg.add_laws(&mut c)?;
        Ok(c)
    };
    let mut catalog = load()?;
    let taxonomy = load_taxonomy(&source)?;
    let base = match &args.base {
        Some(p) => Some(crate::load::load_paths(std::slice::from_ref(p), &Default::default())?),
        None => crate::rules::cross_level::load_declared_base(&catalog)?,
    };
    let options = cfg.rule_options()?;
    let rules: Vec<Active> = cfg.active(&sel.select, &sel.ignore)?;
    let all_codes: Vec<String> = cfg.all_rules()?.iter().map(|r| r.meta().code.to_string()).collect();
    let check = |catalog: &Catalog| -> (Vec<Diagnostic>, usize) {
        let cx = Ctx::new(catalog, &taxonomy, &options, base.as_ref());
        let mut diags = lint::run(&cx, &rules);
        cfg.apply_overrides(catalog, &rules, &mut diags);
        let hidden = crate::suppress::apply(catalog, &rules, &all_codes, &mut diags);
        (diags, hidden)
    };
    let (mut diags, mut hidden) = check(&catalog);

    if sel.fix {
        let edits = crate::fix::plan(&catalog, &diags, sel.unsafe_fixes);
        if sel.diff {
            print(&crate::fix::diff(&edits));
            let n: usize = edits.iter().map(|e| e.applied).sum();
            eprintln!(
                "{}",
                crate::i18n::t(
                    &format!("可修复 {n} 处（未写入文件）"),
                    &format!("{n} fixes available (nothing written)")
                )
            );
            return Ok(u8::from(n > 0));
        }
        // Overlapping fixes wait for the next pass; a few passes settle every file.
        let mut fixed = 0;
        let mut edits = edits;
        for _ in 0..5 {
            if edits.is_empty() {
                break;
            }
            crate::fix::write(&edits)?;
            fixed += edits.iter().map(|e| e.applied).sum::<usize>();
            catalog = load()?;
            (diags, hidden) = check(&catalog);
            edits = crate::fix::plan(&catalog, &diags, sel.unsafe_fixes);
        }
        eprintln!(
            "{}",
            crate::i18n::t(&format!("已修复 {fixed} 处"), &format!("fixed {fixed} findings"))
        );
    }
    if let Some(p) = &sel.write_baseline {
        crate::baseline::Baseline::of(&catalog, &diags).write(p)?;
        eprintln!(
            "{}",
            crate::i18n::t(
                &format!("已把 {} 个问题写入基线 {}", diags.len(), p.display()),
                &format!("wrote {} findings to the baseline {}", diags.len(), p.display())
            )
        );
    }
    if let Some(p) = &sel.baseline {
        hidden += crate::baseline::Baseline::load(p)?.filter(&catalog, &mut diags);
    }

    let mut rep = Report::new(&catalog, &diags, rules.iter().map(|a| &a.meta));
    rep.hidden = hidden;
    let out = match args.format {
        LintFormat::Json => report::json::render(&rep),
        LintFormat::Text | LintFormat::Concise => {
            let opts = TextOptions {
                color,
                concise: args.format == LintFormat::Concise,
                statistics: args.statistics,
                quiet: args.quiet,
            };
            report::text::render(&rep, &opts)
        }
    };
    print(&out);
    let failed = args
        .fail_on
        .threshold()
        .is_some_and(|t| diags.iter().any(|d| d.severity >= t));
    Ok(u8::from(failed))
}
