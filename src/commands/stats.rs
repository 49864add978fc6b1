//! `catalog stats PATH`: the reform's metrics for one catalog.

use super::diff::{check_output, emit};
use crate::cli::StatsArgs;
use crate::error::Error;
use crate::load::LoadOptions;
use crate::report::diff_view;
use serde::Serialize;

/// JSON: `{catalog, metrics:{overall, by_department, by_type}}`.
#[derive(Serialize)]
struct StatsReport<'a> {
    catalog: &'a str,
    metrics: &'a crate::metrics::MetricSet,
}

pub fn run(args: StatsArgs, color: bool) -> Result<u8, Error> {
    check_output(args.format, args.output.as_deref())?;
    let paths = super::paths_or_default(&args.source.paths);
    let label = paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(" ");
    let opts = LoadOptions {
        encoding: args.source.encoding.clone(),
        profile: args.source.profile.clone(),
        form: args.source.form.clone(),
        taxonomy: crate::commands::run_taxonomy(&args.source)?,
    };
    // Counted as read: a national catalog's metrics without holding it.
    let m = crate::metrics::tally_files(&paths, &opts)?.finish();
    let report = StatsReport {
        catalog: &label,
        metrics: &m,
    };
    emit(
        &report,
        || diff_view::from_stats(&label, &m),
        args.format,
        args.output.as_deref(),
        color,
    )?;
    Ok(0)
}
