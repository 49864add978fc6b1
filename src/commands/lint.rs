//! `catalog lint`: load, run the rules, report, exit by the fail threshold.
//! Pipeline: config → select rules → run → per-path overrides → suppressions → fix → baseline → report.

use super::{load_catalog, load_taxonomy, paths_or_default};
use crate::cli::{LintArgs, LintFormat, RuleSelection, SourceArgs};
use crate::config::Config;
use crate::diag::Diagnostic;
use crate::error::Error;
use crate::i18n::t;
use crate::lint::{self, Active};
use crate::model::Catalog;
use crate::model::taxonomy::Taxonomy;
use crate::report::{Report, output};
use crate::rules::{Ctx, RuleOptions};
use std::path::Path;

/// Everything a lint run needs besides the catalog: config, taxonomy, upper catalog, options and
/// the active rules. `catalog lint` and `catalog checklist` share it, so both see the same
/// findings (config, per-path overrides, not-applicable rules, suppressions).
pub struct Session {
    cfg: Config,
    source: SourceArgs,
    taxonomy: Taxonomy,
    base: Option<Catalog>,
    options: RuleOptions,
    pub rules: Vec<Active>,
    all_codes: Vec<String>,
}

impl Session {
    /// Find the config, load the catalog and decide which rules run.
    pub fn open(source: &SourceArgs, sel: &RuleSelection, base: Option<&Path>) -> Result<(Session, Catalog), Error> {
        let cfg = Config::discover(sel.config.as_deref(), &paths_or_default(&source.paths))?;
        let mut source = source.clone();
        source.taxonomy = source.taxonomy.or_else(|| cfg.taxonomy.clone());
        let catalog = load_with_laws(&cfg, &source)?;
        let taxonomy = load_taxonomy(&source)?;
        let base = match base {
            Some(p) => Some(crate::load::load_paths(&[p.to_path_buf()], &Default::default())?),
            None => crate::rules::cross_level::load_declared_base(&catalog)?,
        };
        let options = cfg.rule_options()?;
        // Rules that no file of this catalog can satisfy (its profile says the concept is absent)
        // are not run at all; F023 says so once per file.
        let needless = crate::rules::format::not_applicable::needless(&catalog);
        let rules: Vec<Active> = cfg
            .active(&sel.select, &sel.ignore)?
            .into_iter()
            .filter(|a| !needless.iter().any(|c| *c == a.meta.code))
            .collect();
        let all_codes = cfg.all_rules()?.iter().map(|r| r.meta().code.to_string()).collect();
        let s = Session {
            cfg,
            source,
            taxonomy,
            base,
            options,
            rules,
            all_codes,
        };
        Ok((s, catalog))
    }

    /// Read the catalog again (after `--fix` wrote to it).
    pub fn load(&self) -> Result<Catalog, Error> {
        load_with_laws(&self.cfg, &self.source)
    }

    /// Run the rules; returns the findings and how many suppressions hid.
    pub fn check(&self, catalog: &Catalog) -> (Vec<Diagnostic>, usize) {
        let cx = Ctx::new(catalog, &self.taxonomy, &self.options, self.base.as_ref());
        let mut diags = crate::rules::format::not_applicable::filter(catalog, lint::run(&cx, &self.rules));
        self.cfg.apply_overrides(catalog, &self.rules, &mut diags);
        let hidden = crate::suppress::apply(catalog, &self.rules, &self.all_codes, &mut diags);
        (diags, hidden)
    }
}

fn load_with_laws(cfg: &Config, source: &SourceArgs) -> Result<Catalog, Error> {
    let mut c = load_catalog(source)?;
    cfg.add_laws(&mut c)?;
    Ok(c)
}

pub fn run(args: LintArgs, color: bool) -> Result<u8, Error> {
    let sel = &args.rules;
    let mut timings = crate::timings::Timings::start(args.timings);
    let (session, mut catalog) = Session::open(&args.source, sel, args.base.as_deref())?;
    let n = catalog.items.len();
    timings.mark(t("读取", "load"), &format!("{n} {}", t("个事项", "items")));
    let rules = &session.rules;
    let (mut diags, mut hidden) = session.check(&catalog);
    let (r, d) = (rules.len(), diags.len());
    timings.mark(
        t("检查", "check"),
        &format!("{r} {}{d} {}", t("条规则，", "rules, "), t("个问题", "findings")),
    );

    if sel.fix {
        match crate::fix::run(sel, catalog, diags, hidden, &|| session.load(), &|c| session.check(c))? {
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
    timings.mark(t("输出", "report"), "");
    timings.print();
    // Freeing a large model takes long and buys nothing at exit; the OS reclaims it.
    std::mem::forget(diags);
    std::mem::forget(catalog);
    Ok(u8::from(failed))
}
