//! `catalog lint`: load, run the rules, report, exit by the fail threshold.
//! Pipeline: config → select rules → run → per-path overrides → suppressions → fix → baseline → report.

use super::{load_catalog, load_taxonomy, paths_or_default};
use crate::cli::{LintArgs, LintFormat};
use crate::config::Config;
use crate::diag::Diagnostic;
use crate::error::Error;
use crate::lint::{self, Active};
use crate::model::Catalog;
use crate::report::{Report, output};
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
        match crate::fix::run(sel, catalog, diags, hidden, &load, &check)? {
            crate::fix::Outcome::Diff(code) => return Ok(code),
            crate::fix::Outcome::Fixed(c, d, h) => (catalog, diags, hidden) = (c, d, h),
        }
    }
    hidden += crate::baseline::apply(sel, &catalog, &mut diags)?;

    if let Some(rev) = &args.changed_since {
        let changes = crate::changed::since(rev, &catalog)?;
        diags = crate::changed::filter(&catalog, diags, &changes);
    }

    let mut rep = Report::new(&catalog, &diags, rules.iter().map(|a| &a.meta));
    rep.hidden = hidden;
    let opts = output::Options {
        color,
        statistics: args.statistics,
        quiet: args.quiet,
        fail_on: args.fail_on.threshold(),
        changed_since: args.changed_since.clone(),
    };
    output::emit(&rep, &args.outputs, &opts)?;
    let human = matches!(
        args.outputs.stdout_format(),
        Some(LintFormat::Text | LintFormat::Concise)
    );
    if !sel.fix && human && !args.quiet {
        crate::fix::hint(&diags).inspect(|h| eprintln!("{h}"));
    }
    let failed = args
        .fail_on
        .threshold()
        .is_some_and(|t| diags.iter().any(|d| d.severity >= t));
    Ok(u8::from(failed))
}
