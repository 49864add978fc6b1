//! `catalog lint`: load, run the rules, report, exit by the fail threshold.

use super::{load_catalog, load_taxonomy, print};
use crate::cli::{LintArgs, LintFormat};
use crate::error::Error;
use crate::lint::{self, Active};
use crate::report::{self, Report, text::TextOptions};
use crate::rules::{Ctx, RuleOptions, registry};

pub fn run(args: LintArgs, color: bool) -> Result<u8, Error> {
    let catalog = load_catalog(&args.source)?;
    let taxonomy = load_taxonomy(&args.source)?;
    let base = match &args.base {
        Some(p) => Some(crate::load::load_paths(std::slice::from_ref(p), &Default::default())?),
        None => None,
    };
    let options = RuleOptions::default();
    let needless = crate::rules::format::not_applicable::needless(&catalog);
    let rules: Vec<Active> = registry::builtin()
        .into_iter()
        .map(Active::new)
        .filter(|a| !needless.iter().any(|c| *c == a.meta.code))
        .collect();
    let cx = Ctx::new(&catalog, &taxonomy, &options, base.as_ref());
    let diags = lint::run(&cx, &rules);
    let diags = crate::rules::format::not_applicable::filter(&catalog, diags);

    let rep = Report::new(&catalog, &diags, rules.iter().map(|a| &a.meta));
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
