//! `catalog diff OLD NEW` and `catalog diff --base UPPER LOCAL`: comparison reports.

use super::print;
use crate::cli::{DiffArgs, ReportFormat};
use crate::diff::{self, source};
use crate::error::Error;
use crate::load::LoadOptions;
use crate::report::{diff_html, diff_json, diff_markdown, diff_terminal, diff_view, diff_xlsx};
use serde::Serialize;
use std::path::Path;
use std::time::Instant;

pub fn run(args: DiffArgs, color: bool) -> Result<u8, Error> {
    let opts = LoadOptions {
        encoding: args.encoding.clone(),
        profile: None,
    };
    let (old_spec, new_spec) = match (&args.base, args.sides.as_slice()) {
        (Some(b), [local]) => (b.clone(), local.clone()),
        (None, [old, new]) => (old.clone(), new.clone()),
        (Some(_), _) => {
            return Err(Error::plain(
                None,
                "用 --base UPPER 时只需给出本级清单：catalog diff --base UPPER LOCAL".into(),
                "with --base UPPER give only the local catalog: catalog diff --base UPPER LOCAL".into(),
            ));
        }
        (None, _) => {
            return Err(Error::plain(
                None,
                "需要两个版本：catalog diff OLD NEW".into(),
                "two versions are needed: catalog diff OLD NEW".into(),
            ));
        }
    };
    check_output(args.format, args.output.as_deref())?;
    let started = Instant::now();
    let cpu_start = cpu_seconds();
    let (old, new) = rayon::join(|| source::load(&old_spec, &opts), || source::load(&new_spec, &opts));
    let (old, new) = match (old, new) {
        (Ok(o), Ok(n)) => (o, n),
        (Err(e), Ok(_)) | (Ok(_), Err(e)) => return Err(e),
        (Err(mut a), Err(b)) => {
            // Both sides unreadable: report both.
            a.more.push(b);
            return Err(a);
        }
    };
    let loaded = Instant::now();
    let cpu_loaded = cpu_seconds();
    let (changed, compared) = if args.base.is_some() {
        let r = diff::base::compare(&old, &new, &old_spec, &new_spec);
        let compared = (Instant::now(), cpu_seconds());
        emit(
            &r,
            || diff_view::from_base(&r),
            args.format,
            args.output.as_deref(),
            color,
        )?;
        (r.has_changes(), compared)
    } else {
        let r = diff::compare(&old, &new, &old_spec, &new_spec);
        let compared = (Instant::now(), cpu_seconds());
        emit(
            &r,
            || diff_view::from_diff(&r),
            args.format,
            args.output.as_deref(),
            color,
        )?;
        (r.has_changes(), compared)
    };
    if args.timings {
        let ms = |a: Instant, b: Instant| b.duration_since(a).as_secs_f64() * 1000.0;
        let cpu = |a: Option<f64>, b: Option<f64>| match (a, b) {
            (Some(a), Some(b)) => format!(" (cpu {:.0} ms)", (b - a) * 1000.0),
            _ => String::new(),
        };
        let (done, cpu_done) = (Instant::now(), cpu_seconds());
        eprintln!(
            "timings: load {:.0} ms{} ({} + {} items), compare {:.0} ms{}, render {:.0} ms{}, total {:.0} ms{}",
            ms(started, loaded),
            cpu(cpu_start, cpu_loaded),
            old.items.len(),
            new.items.len(),
            ms(loaded, compared.0),
            cpu(cpu_loaded, compared.1),
            ms(compared.0, done),
            cpu(compared.1, cpu_done),
            ms(started, done),
            cpu(cpu_start, cpu_done),
        );
    }
    // Freeing two large models takes seconds and buys nothing at exit; the OS reclaims it.
    std::mem::forget(old);
    std::mem::forget(new);
    Ok(if args.fail_on_change && changed { 1 } else { 0 })
}

/// A workbook is binary: it needs a file to go to.
pub fn check_output(format: ReportFormat, output: Option<&Path>) -> Result<(), Error> {
    if format == ReportFormat::Xlsx && output.is_none() {
        return Err(Error::plain(
            None,
            "--format xlsx 需要 --output 文件名（如 --output 比对报告.xlsx）".into(),
            "--format xlsx needs --output FILE (e.g. --output report.xlsx)".into(),
        ));
    }
    Ok(())
}

/// Render in the chosen format and write to the file or stdout.
pub fn emit<T: Serialize>(
    report: &T,
    view: impl FnOnce() -> diff_view::Document,
    format: ReportFormat,
    output: Option<&Path>,
    color: bool,
) -> Result<(), Error> {
    let bytes: Vec<u8> = match format {
        ReportFormat::Json => diff_json::render(report).into_bytes(),
        ReportFormat::Terminal => diff_terminal::render(&view(), color && output.is_none()).into_bytes(),
        ReportFormat::Markdown => diff_markdown::render(&view()).into_bytes(),
        ReportFormat::Html => diff_html::render(&view()).into_bytes(),
        ReportFormat::Xlsx => {
            let out = output.unwrap_or(Path::new("report.xlsx"));
            return diff_xlsx::write(&view(), out);
        }
    };
    match output {
        Some(p) => crate::safe::write_atomic(p, &bytes),
        None => {
            print(&String::from_utf8_lossy(&bytes));
            Ok(())
        }
    }
}

/// User + system CPU time of the whole process (all threads), from /proc on Linux; on a busy
/// machine it tells the work done apart from the time spent waiting for a core.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the parenthesised command name; utime and stime are the 12th and 13th.
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}
