//! `catalog lint`: load, run the rules, report, exit by the fail threshold.

use super::{load_catalog, load_taxonomy};
use crate::cli::LintArgs;
use crate::error::Error;
use crate::lint::{self, Active};
use crate::report::{Report, output};
use crate::rules::{Ctx, RuleOptions, registry};

pub fn run(args: LintArgs, color: bool) -> Result<u8, Error> {
    let catalog = load_catalog(&args.source)?;
    let taxonomy = load_taxonomy(&args.source)?;
    let base = match &args.base {
        Some(p) => Some(crate::load::load_paths(std::slice::from_ref(p), &Default::default())?),
        None => None,
    };
    let options = RuleOptions::default();
    let rules: Vec<Active> = registry::builtin().into_iter().map(Active::new).collect();
    let cx = Ctx::new(&catalog, &taxonomy, &options, base.as_ref());
    let mut diags = lint::run(&cx, &rules);
    if let Some(rev) = &args.changed_since {
        let changes = crate::changed::since(rev, &catalog)?;
        diags = crate::changed::filter(&catalog, diags, &changes);
    }

    let rep = Report::new(&catalog, &diags, rules.iter().map(|a| &a.meta));
    let opts = output::Options {
        color,
        statistics: args.statistics,
        quiet: args.quiet,
        fail_on: args.fail_on.threshold(),
        changed_since: args.changed_since.clone(),
    };
    output::emit(&rep, &args.outputs, &opts)?;
    let failed = args
        .fail_on
        .threshold()
        .is_some_and(|t| diags.iter().any(|d| d.severity >= t));
    Ok(u8::from(failed))
}
