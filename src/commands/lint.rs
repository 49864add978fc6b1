//! `catalog lint`: load, run the rules, report, exit by the fail threshold.
//! Pipeline: config → select rules → run → per-path overrides → suppressions → fix → baseline → report.

use super::{load_catalog, load_taxonomy, paths_or_default};
use crate::cli::{LintArgs, LintFormat, RuleSelection, SourceArgs};
use crate::config::Config;
use crate::diag::Diagnostic;
use crate::error::Error;
use crate::i18n::t;
use crate::lint::stream::{self, Texts};
use crate::lint::{self, Active};
use crate::model::Catalog;
use crate::model::taxonomy::Taxonomy;
use crate::report::{Report, output};
use crate::rules::{Ctx, RuleOptions};
use std::path::{Path, PathBuf};

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

/// What a session settles before the catalog is read.
struct Prepared {
    cfg: Config,
    source: SourceArgs,
    taxonomy: Taxonomy,
    options: RuleOptions,
    /// The rules config and command line select (before dropping those no file can satisfy).
    active: Vec<Active>,
    all_codes: Vec<String>,
}

impl Prepared {
    fn new(source: &SourceArgs, sel: &RuleSelection) -> Result<Prepared, Error> {
        let cfg = Config::discover(sel.config.as_deref(), &paths_or_default(&source.paths))?;
        let mut source = source.clone();
        source.taxonomy = source.taxonomy.or_else(|| cfg.taxonomy.clone());
        source.form = source.form.or_else(|| cfg.form.clone());
        let taxonomy = load_taxonomy(&source)?;
        let options = cfg.rule_options()?;
        let active = cfg.active(&sel.select, &sel.ignore)?;
        let all_codes = cfg.all_rules()?.iter().map(|r| r.meta().code.to_string()).collect();
        Ok(Prepared {
            cfg,
            source,
            taxonomy,
            options,
            active,
            all_codes,
        })
    }

    /// The session over a loaded catalog: its upper catalog, and the rules less those that no
    /// file of this catalog can satisfy (its profile says the concept is absent; F023 says so
    /// once per file).
    fn session(self, catalog: &Catalog, base: Option<&Path>) -> Result<(Session, Vec<String>), Error> {
        let base = match base {
            Some(p) => Some(crate::load::load_paths(&[p.to_path_buf()], &Default::default())?),
            None => crate::rules::cross_level::load_declared_base(catalog)?,
        };
        let needless = crate::rules::format::not_applicable::needless(catalog);
        let rules = self
            .active
            .into_iter()
            .filter(|a| !needless.iter().any(|c| *c == a.meta.code))
            .collect();
        let s = Session {
            cfg: self.cfg,
            source: self.source,
            taxonomy: self.taxonomy,
            base,
            options: self.options,
            rules,
            all_codes: self.all_codes,
        };
        Ok((s, needless))
    }
}

impl Session {
    /// Find the config, load the catalog and decide which rules run.
    pub fn open(source: &SourceArgs, sel: &RuleSelection, base: Option<&Path>) -> Result<(Session, Catalog), Error> {
        let prep = Prepared::new(source, sel)?;
        let catalog = load_with_laws(&prep.cfg, &prep.source)?;
        let (s, _) = prep.session(&catalog, base)?;
        Ok((s, catalog))
    }

    /// [`Session::open`] and [`Session::check`] with the items checked as `files` are read
    /// (`lint::stream`): the same findings, but the catalog returned keeps of each item only what
    /// the whole-catalog rules read, and the file texts only with [`Texts::Keep`].
    pub fn open_checked_by_file(
        source: &SourceArgs,
        sel: &RuleSelection,
        base: Option<&Path>,
        files: &[PathBuf],
        texts: Texts,
    ) -> Result<(Session, Catalog, Vec<Diagnostic>, usize), Error> {
        let prep = Prepared::new(source, sel)?;
        let load = crate::load::LoadOptions {
            encoding: prep.source.encoding.clone(),
            profile: prep.source.profile.clone(),
            form: prep.source.form.clone(),
            taxonomy: prep
                .source
                .taxonomy
                .is_some()
                .then(|| std::sync::Arc::new(prep.taxonomy.clone())),
        };
        let checked = stream::check_files(files, &load, &prep.taxonomy, &prep.options, &prep.active, texts)?;
        let mut catalog = checked.catalog;
        prep.cfg.add_laws(&mut catalog)?;
        let (s, needless) = prep.session(&catalog, base)?;
        let mut diags = checked.item_findings;
        diags.retain(|d| !needless.iter().any(|c| *c == d.code));
        let cx = Ctx::new(&catalog, &s.taxonomy, &s.options, s.base.as_ref());
        diags.extend(lint::check_catalog(&cx, &s.rules).into_iter().flatten());
        lint::sort(&catalog, &mut diags);
        lint::dedup(&mut diags);
        drop(cx);
        let (diags, hidden) = s.after_rules(&catalog, diags);
        Ok((s, catalog, diags, hidden))
    }

    /// Read the catalog again (after `--fix` wrote to it).
    pub fn load(&self) -> Result<Catalog, Error> {
        load_with_laws(&self.cfg, &self.source)
    }

    /// Run the rules; returns the findings and how many suppressions hid.
    pub fn check(&self, catalog: &Catalog) -> (Vec<Diagnostic>, usize) {
        let cx = Ctx::new(catalog, &self.taxonomy, &self.options, self.base.as_ref());
        self.after_rules(catalog, lint::run(&cx, &self.rules))
    }

    /// Not-applicable findings, per-path overrides and suppressions, after the rules ran.
    fn after_rules(&self, catalog: &Catalog, diags: Vec<Diagnostic>) -> (Vec<Diagnostic>, usize) {
        let mut diags = crate::rules::format::not_applicable::filter(catalog, diags);
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
    let workbooks: Vec<Option<&Path>> = args
        .outputs
        .pairs
        .iter()
        .filter(|(f, _)| *f == LintFormat::Xlsx)
        .map(|(_, p)| p.as_deref())
        .collect();
    for out in &workbooks {
        crate::markup::check_output(*out, &paths_or_default(&args.source.paths))?;
    }
    let mut timings = crate::timings::Timings::start(args.timings);
    let (session, mut catalog, mut diags, mut hidden) = match by_file(&args)? {
        Some((files, texts)) => {
            let (s, c, d, h) = Session::open_checked_by_file(&args.source, sel, args.base.as_deref(), &files, texts)?;
            let n = c.items.len();
            timings.mark(
                t("读取并检查", "load and check"),
                &format!(
                    "{} {}{n} {}",
                    files.len(),
                    t("个文件，", "files, "),
                    t("个事项", "items")
                ),
            );
            (s, c, d, h)
        }
        None => {
            let (s, c) = Session::open(&args.source, sel, args.base.as_deref())?;
            let n = c.items.len();
            timings.mark(t("读取", "load"), &format!("{n} {}", t("个事项", "items")));
            let (d, h) = s.check(&c);
            (s, c, d, h)
        }
    };
    // A file with no items (a law list, an empty export, a wrong mapping) checks nothing: a
    // green tick would pass CI on a catalog nobody looked at.
    if catalog.items.is_empty() {
        let files: Vec<&str> = catalog.sources.iter().map(|s| s.display.as_str()).collect();
        let files = files.join("、");
        return Err(Error::plain(
            None,
            format!(
                "{files} 中没有事项（items），没有可检查的内容；法律法规库请在 catalog.toml 的 [options] laws 中引用"
            ),
            format!(
                "{files} holds no items, so nothing was checked; a law list is referenced from catalog.toml ([options] laws)"
            ),
        ));
    }
    let rules = &session.rules;
    let (r, d) = (rules.len(), diags.len());
    timings.mark(
        t("检查", "check"),
        &format!("{r} {}{d} {}", t("条规则，", "rules, "), t("个问题", "findings")),
    );

    // With a marked workbook the fixes go into it, and no source file is written (`--diff`
    // writes nothing anyway).
    if sel.fix && (workbooks.is_empty() || sel.diff) {
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
    let markup = crate::markup::Options {
        fix: sel.fix,
        unsafe_fixes: sel.unsafe_fixes,
    };
    for out in workbooks.iter().flatten() {
        crate::markup::write(&rep, out, markup)?;
        eprintln!(
            "{}",
            crate::i18n::Msg::new(format!("已写出 {}", out.display()), format!("wrote {}", out.display()))
        );
    }
    if sel.fix && workbooks.is_empty() && !args.quiet {
        crate::fix::copy_hint_after(&catalog, &diags, sel.unsafe_fixes).inspect(|h| eprintln!("{h}"));
    }
    let human = matches!(
        args.outputs.stdout_format(),
        Some(LintFormat::Text | LintFormat::Concise)
    );
    if !sel.fix && human && !args.quiet {
        crate::fix::hint(&catalog, &diags).inspect(|h| eprintln!("{h}"));
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

/// Whether to check the catalog as it is read, and what the sources keep: always, unless
/// `--fix` or `--changed-since` need the whole model (they rewrite or compare it) or
/// `CATALOG_BY_FILE=0` asks for it. Only a text report quotes the lines of a finding.
fn by_file(args: &LintArgs) -> Result<Option<(Vec<PathBuf>, Texts)>, Error> {
    // A marked workbook finds each finding's value in its item: the whole model.
    let workbook = args.outputs.pairs.iter().any(|(f, _)| *f == LintFormat::Xlsx);
    if args.rules.fix
        || workbook
        || args.changed_since.is_some()
        || std::env::var("CATALOG_BY_FILE").is_ok_and(|v| v == "0")
    {
        return Ok(None);
    }
    let files = crate::load::catalog_files(&paths_or_default(&args.source.paths))?;
    let quotes = args
        .outputs
        .pairs
        .iter()
        .any(|(f, to)| *f == LintFormat::Text && (to.is_some() || !args.quiet));
    Ok(Some((files, if quotes { Texts::Keep } else { Texts::Drop })))
}
