//! `catalog publish`: the 办事指南 as a static site (default) or Word documents.

use super::lint::Session;
use super::{load_taxonomy, paths_or_default};
use crate::cli::{PublishArgs, PublishFormat, RuleSelection};
use crate::diag::{Diagnostic, Severity};
use crate::error::Error;
use crate::i18n::Msg;
use crate::publish::site::{self, SiteOptions};

/// At most this many errors are listed when publishing is refused; `catalog lint` shows all.
const ERRORS_LISTED: usize = 20;

pub fn run(args: PublishArgs) -> Result<u8, Error> {
    // The same findings as `catalog lint` (config, overrides, suppressions) decide whether the
    // guide may go out: citizens must not read a category, level or scenario a clerk flagged.
    let (session, catalog) = Session::open(&args.source, &RuleSelection::default(), None)?;
    if !args.allow_errors {
        let (diags, _) = session.check(&catalog);
        let errors: Vec<Diagnostic> = diags.into_iter().filter(|d| d.severity == Severity::Error).collect();
        if !errors.is_empty() {
            refuse(&catalog, &session, &errors);
            return Ok(1);
        }
    }
    drop(session);
    let taxonomy = load_taxonomy(&args.source)?;
    let inputs = paths_or_default(&args.source.paths);
    let started = std::time::Instant::now();
    match args.format {
        PublishFormat::Html => {
            let stats = site::publish(
                &catalog,
                &taxonomy,
                &SiteOptions {
                    out: &args.out,
                    templates: args.templates.as_deref(),
                    inputs: &inputs,
                },
            )?;
            for w in &stats.warnings {
                eprintln!("{w}");
            }
            if stats.removed > 0 {
                eprintln!(
                    "{}",
                    Msg::new(
                        format!("删除了上次发布留下、这次已不属于站点的 {} 个文件", stats.removed),
                        format!(
                            "removed {} {} of the previous publish no longer part of the site",
                            stats.removed,
                            if stats.removed == 1 { "file" } else { "files" }
                        )
                    )
                    .get()
                );
            }
            eprintln!(
                "{}",
                Msg::new(
                    format!(
                        "已发布 {} 个事项、{} 个页面、{} 个材料范例文件到 {}（{:.1} 秒）",
                        stats.items,
                        stats.pages,
                        stats.files_copied,
                        args.out.display(),
                        started.elapsed().as_secs_f64()
                    ),
                    format!(
                        "published {}, {}, {} to {} ({:.1} s)",
                        crate::i18n::en_count(stats.items, "item", "items"),
                        crate::i18n::en_count(stats.pages, "page", "pages"),
                        crate::i18n::en_count(stats.files_copied, "sample file", "sample files"),
                        args.out.display(),
                        started.elapsed().as_secs_f64()
                    )
                )
                .get()
            );
        }
        PublishFormat::Docx => docx(&catalog, &taxonomy, &args)?,
        PublishFormat::Pdf => pdf(&catalog, &args)?,
    }
    Ok(0)
}

/// List the errors (the first [`ERRORS_LISTED`]) and say how to go on.
fn refuse(catalog: &crate::model::Catalog, session: &Session, errors: &[Diagnostic]) {
    let report = crate::report::Report::new(catalog, errors, session.rules.iter().map(|a| &a.meta));
    for d in errors.iter().take(ERRORS_LISTED) {
        eprintln!("{}", crate::report::text::concise_line(&report, d));
    }
    if errors.len() > ERRORS_LISTED {
        eprintln!(
            "{}",
            Msg::new(
                format!(
                    "……另有 {} 个错误，用 catalog lint 查看全部",
                    errors.len() - ERRORS_LISTED
                ),
                format!(
                    "... and {} more errors; run catalog lint to see them all",
                    errors.len() - ERRORS_LISTED
                )
            )
            .get()
        );
    }
    let n = errors.len();
    eprintln!(
        "{}",
        Msg::new(
            format!("清单有 {n} 个错误，未发布。请先修正；确需照常发布时加 --allow-errors。"),
            format!(
                "not published: the catalog has {n} {}. Fix {} first, or add --allow-errors to publish anyway.",
                if n == 1 { "error" } else { "errors" },
                if n == 1 { "it" } else { "them" }
            )
        )
        .get()
    );
}

#[cfg(feature = "docx")]
fn docx(
    catalog: &crate::model::Catalog,
    taxonomy: &crate::model::taxonomy::Taxonomy,
    args: &PublishArgs,
) -> Result<(), Error> {
    let n = crate::publish::docx::write(catalog, taxonomy, &args.out, args.split)?;
    eprintln!(
        "{}",
        Msg::new(
            format!("已写出 {n} 个 Word 文档到 {}", args.out.display()),
            format!("wrote {n} Word documents to {}", args.out.display())
        )
        .get()
    );
    Ok(())
}

#[cfg(not(feature = "docx"))]
fn docx(_: &crate::model::Catalog, _: &crate::model::taxonomy::Taxonomy, _: &PublishArgs) -> Result<(), Error> {
    Err(Error::plain(
        None,
        "此版本未启用 docx 功能（cargo 特性 docx）".into(),
        "this build has no docx support (cargo feature `docx`)".into(),
    ))
}

#[cfg(feature = "pdf")]
fn pdf(catalog: &crate::model::Catalog, args: &PublishArgs) -> Result<(), Error> {
    let n = crate::publish::pdf::write(catalog, &args.out, args.split, args.templates.as_deref())?;
    eprintln!(
        "{}",
        Msg::new(
            format!("已写出 {n} 个 PDF 文档到 {}", args.out.display()),
            format!("wrote {n} PDF documents to {}", args.out.display())
        )
        .get()
    );
    Ok(())
}

#[cfg(not(feature = "pdf"))]
fn pdf(_: &crate::model::Catalog, _: &PublishArgs) -> Result<(), Error> {
    Err(Error::plain(
        None,
        "此版本未启用 PDF 功能：请用 cargo build --features pdf 构建".into(),
        "this build has no PDF support: build with `cargo build --features pdf`".into(),
    ))
}
