//! `catalog diff OLD NEW` and `catalog diff --base UPPER LOCAL`: comparison reports.

use super::print;
use crate::cli::{DiffArgs, ReportFormat};
use crate::diff::{self, source};
use crate::error::Error;
use crate::i18n::t;
use crate::load::LoadOptions;
use crate::report::{diff_html, diff_json, diff_markdown, diff_terminal, diff_view, diff_xlsx};
use serde::Serialize;
use std::path::Path;

pub fn run(args: DiffArgs, color: bool) -> Result<u8, Error> {
    let opts = LoadOptions {
        encoding: args.encoding.clone(),
        profile: None,
        form: None,
        taxonomy: None,
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
    let mut timings = crate::timings::Timings::start(args.timings);
    let loaded = |a: usize, b: usize| format!("{a} + {b} {}", t("个事项", "items"));
    let changed = if args.base.is_some() {
        let (old, new) = diff::by_text::both(|| source::load(&old_spec, &opts), || source::load(&new_spec, &opts))?;
        timings.mark(t("读取", "load"), &loaded(old.items.len(), new.items.len()));
        let r = diff::base::compare(&old, &new, &old_spec, &new_spec);
        timings.mark(t("比对", "compare"), "");
        emit(
            &r,
            || diff_view::from_base(&r),
            args.format,
            args.output.as_deref(),
            color,
        )?;
        // Freeing two large models takes seconds and buys nothing at exit; the OS reclaims it.
        std::mem::forget((old, new));
        r.has_changes()
    } else {
        let (old, new) = diff::by_text::both(|| source::resolve(&old_spec), || source::resolve(&new_spec))?;
        let read = if diff::by_text::enabled() {
            diff::by_text::read(&old, &new, &opts)?
        } else {
            diff::by_text::read_whole(&old, &new, &opts)?
        };
        timings.mark(
            t("读取", "load"),
            &loaded(read.old.tally.items(), read.new.tally.items()),
        );
        let r = diff::compare_read(&read, &old_spec, &new_spec);
        // Freeing two large models takes seconds and buys nothing at exit; the OS reclaims it.
        std::mem::forget(read);
        timings.mark(t("比对", "compare"), "");
        emit(
            &r,
            || diff_view::from_diff(&r),
            args.format,
            args.output.as_deref(),
            color,
        )?;
        r.has_changes()
    };
    timings.mark(t("输出", "render"), "");
    timings.print();
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
            diff_xlsx::write(&view(), out)?;
            wrote(out);
            return Ok(());
        }
    };
    match output {
        Some(p) => {
            crate::safe::write_atomic(p, &bytes)?;
            wrote(p);
            Ok(())
        }
        None => {
            print(&String::from_utf8_lossy(&bytes));
            Ok(())
        }
    }
}

/// The confirmation `checklist` and `publish` print too: a silent `-o` leaves the user guessing.
fn wrote(p: &Path) {
    eprintln!(
        "{}",
        crate::i18n::Msg::new(format!("已写出 {}", p.display()), format!("wrote {}", p.display())).get()
    );
}
