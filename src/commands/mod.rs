//! One file per command; each returns the exit code (0 clean, 1 findings) or an error (2).

pub mod checklist;
pub mod completions;
pub mod convert;
pub mod diff;
pub mod explain;
pub mod law;
pub mod lint;
pub mod publish;
pub mod rules;
pub mod schema;
pub mod stats;
pub mod tree;

use crate::cli::{Cli, ColorChoice, Command, SourceArgs};
use crate::error::Error;
use crate::load::{self, LoadOptions};
use crate::model::Catalog;
use crate::model::taxonomy::Taxonomy;
use std::io::IsTerminal;
use std::path::PathBuf;

pub fn run(cli: Cli) -> Result<u8, Error> {
    if let Some(n) = cli.jobs {
        // Only fails when a pool already exists, which cannot happen this early.
        let _ = rayon::ThreadPoolBuilder::new().num_threads(n.max(1)).build_global();
    }
    let color = match cli.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    match cli.command {
        Command::Lint(a) => lint::run(a, color),
        Command::Tree(a) => tree::run(a),
        Command::Rules(a) => rules::run(a),
        Command::Explain(a) => explain::run(a),
        Command::Schema => schema::run(),
        Command::Completions(a) => completions::run(a),
        Command::Man => completions::man(),
        Command::Diff(a) => diff::run(a, color),
        Command::Stats(a) => stats::run(a, color),
        Command::Checklist(a) => checklist::run(a),
        Command::Publish(a) => publish::run(a),
        Command::Convert(a) => convert::run(a),
        Command::Law(a) => law::run(a),
    }
}

/// The paths to read: as given, or ./catalogs.
pub fn paths_or_default(paths: &[PathBuf]) -> Vec<PathBuf> {
    if paths.is_empty() {
        vec![PathBuf::from("catalogs")]
    } else {
        paths.to_vec()
    }
}

pub fn load_catalog(src: &SourceArgs) -> Result<Catalog, Error> {
    let opts = LoadOptions {
        encoding: src.encoding.clone(),
        profile: src.profile.clone(),
        form: src.form.clone(),
        taxonomy: run_taxonomy(src)?,
    };
    load::load_paths(&paths_or_default(&src.paths), &opts)
}

/// The taxonomy a loader derives by, when the run names its own (else the loader's built-in).
pub fn run_taxonomy(src: &SourceArgs) -> Result<Option<std::sync::Arc<Taxonomy>>, Error> {
    Ok(match &src.taxonomy {
        Some(p) => Some(std::sync::Arc::new(Taxonomy::load(p)?)),
        None => None,
    })
}

pub fn load_taxonomy(src: &SourceArgs) -> Result<Taxonomy, Error> {
    match &src.taxonomy {
        Some(p) => Taxonomy::load(p),
        None => Ok(Taxonomy::builtin()),
    }
}

/// Write to stdout, ignoring a closed pipe (`catalog lint | head`).
pub fn print(s: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(s.as_bytes());
    let _ = out.flush();
}
