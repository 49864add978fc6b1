//! Format dispatch for `catalog lint`: which formats to render and where each one goes.
//!
//! `--format` and `--output` come in pairs (`--format json --output a.json --format sarif
//! --output b.sarif`): an `--output` belongs to the `--format` written before it; a format
//! without an output goes to stdout, and at most one may. Files are written atomically (a
//! temporary file in the same directory, then renamed), so a CI job never uploads half a report.

use super::{Report, github, gitlab, json, junit, markdown, sarif, text};
use crate::cli::LintFormat;
use crate::diag::Severity;
use crate::error::Error;
use crate::i18n::Msg;
use clap::{Arg, ArgAction, ArgMatches, value_parser};
use std::path::{Path, PathBuf};

/// The (format, file) pairs of one run; `None` is stdout.
#[derive(Clone, Debug, PartialEq)]
pub struct Outputs {
    pub pairs: Vec<(LintFormat, Option<PathBuf>)>,
}

impl Default for Outputs {
    fn default() -> Self {
        Outputs {
            pairs: vec![(LintFormat::Text, None)],
        }
    }
}

impl Outputs {
    /// The format printed on stdout, if any.
    pub fn stdout_format(&self) -> Option<LintFormat> {
        self.pairs.iter().find(|(_, p)| p.is_none()).map(|(f, _)| *f)
    }
}

impl clap::FromArgMatches for Outputs {
    fn from_arg_matches(m: &ArgMatches) -> Result<Self, clap::Error> {
        let formats: Vec<(usize, LintFormat)> = match (m.indices_of("format"), m.get_many::<LintFormat>("format")) {
            (Some(i), Some(v)) => i.zip(v.copied()).collect(),
            _ => Vec::new(),
        };
        let files: Vec<(usize, PathBuf)> = match (m.indices_of("output"), m.get_many::<PathBuf>("output")) {
            (Some(i), Some(v)) => i.zip(v.cloned()).collect(),
            _ => Vec::new(),
        };
        pair(formats, files).map_err(|msg| clap::Error::raw(clap::error::ErrorKind::ArgumentConflict, msg))
    }
    fn update_from_arg_matches(&mut self, m: &ArgMatches) -> Result<(), clap::Error> {
        *self = Self::from_arg_matches(m)?;
        Ok(())
    }
}

impl clap::Args for Outputs {
    fn augment_args(cmd: clap::Command) -> clap::Command {
        cmd.arg(
            Arg::new("format")
                .long("format")
                .short('f')
                .value_name("FORMAT")
                .value_parser(value_parser!(LintFormat))
                .action(ArgAction::Append)
                .help("输出格式，可重复 / output format (repeatable; default text)"),
        )
        .arg(
            Arg::new("output")
                .long("output")
                .short('o')
                .value_name("FILE")
                .value_parser(value_parser!(PathBuf))
                .action(ArgAction::Append)
                .help("前一个 --format 的输出文件 / file for the --format before it (default stdout)"),
        )
    }
    fn augment_args_for_update(cmd: clap::Command) -> clap::Command {
        Self::augment_args(cmd)
    }
}

/// Pair each output file with the format written right before it.
fn pair(formats: Vec<(usize, LintFormat)>, files: Vec<(usize, PathBuf)>) -> Result<Outputs, String> {
    if formats.is_empty() {
        // `--output report.txt` alone: the default format, into that file.
        let mut files = files.into_iter();
        return match (files.next(), files.next()) {
            (file, None) => Ok(Outputs {
                pairs: vec![(LintFormat::Text, file.map(|(_, f)| f))],
            }),
            _ => Err("多个 --output 需要各自的 --format / several --output files need a --format each".into()),
        };
    }
    let mut pairs: Vec<(usize, LintFormat, Option<PathBuf>)> = formats.into_iter().map(|(i, f)| (i, f, None)).collect();
    for (at, file) in files {
        let slot = pairs.iter_mut().rev().find(|(i, _, _)| *i < at).ok_or_else(|| {
            format!(
                "--output {} 没有对应的 --format（应写在 --format 之后） / --output {} has no --format before it",
                file.display(),
                file.display()
            )
        })?;
        if slot.2.is_some() {
            return Err(format!(
                "--output {} 前的 --format 已有输出文件 / the --format before --output {} already has a file",
                file.display(),
                file.display()
            ));
        }
        slot.2 = Some(file);
    }
    let to_stdout = pairs.iter().filter(|(_, _, p)| p.is_none()).count();
    if to_stdout > 1 {
        return Err(
            "最多只有一个 --format 可以输出到标准输出，其余请用 --output 指定文件 / \
                    at most one --format may go to stdout; give the others an --output file"
                .into(),
        );
    }
    Ok(Outputs {
        pairs: pairs.into_iter().map(|(_, f, p)| (f, p)).collect(),
    })
}

/// How output is shaped, whatever the format.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Colour on stdout (only the text formats use it; files never get colour).
    pub color: bool,
    pub statistics: bool,
    /// Human formats print only the summary; machine formats stay complete (tools read them).
    pub quiet: bool,
    /// Findings at or above this fail the run (JUnit marks only those as failures).
    pub fail_on: Option<Severity>,
    /// `--changed-since REV`: only findings on items changed since REV are in the report.
    pub changed_since: Option<String>,
}

/// The line that says a report covers changed items only.
pub fn changed_note(opts: &Options) -> Option<Msg> {
    opts.changed_since.as_ref().map(|rev| {
        Msg::new(
            format!("（只报告自 {rev} 以来新增或修改的事项上的问题）"),
            format!("(only findings on items added or changed since {rev} are reported)"),
        )
    })
}

/// Render one format.
pub fn render(r: &Report, format: LintFormat, opts: &Options, to_terminal: bool) -> String {
    let mut out = match format {
        LintFormat::Text | LintFormat::Concise => text::render(
            r,
            &text::TextOptions {
                color: opts.color && to_terminal,
                concise: format == LintFormat::Concise,
                statistics: opts.statistics,
                quiet: opts.quiet,
                // A person at a terminal gets the first findings after the summary; a file, a
                // pipe or a CI log gets them all.
                limit: (to_terminal && std::io::IsTerminal::is_terminal(&std::io::stdout())).then_some(text::LONG * 2),
            },
        ),
        LintFormat::Json => json::render(r),
        LintFormat::Sarif => sarif::render(r, opts),
        LintFormat::Junit => junit::render(r, opts),
        LintFormat::Github => github::render(r, opts),
        LintFormat::Gitlab => gitlab::render(r),
        LintFormat::Markdown => markdown::render(r, opts),
        // A workbook is not text: `commands::lint` writes it through `crate::markup`.
        LintFormat::Xlsx => String::new(),
    };
    if matches!(format, LintFormat::Text | LintFormat::Concise | LintFormat::Github)
        && let Some(note) = changed_note(opts)
    {
        out.push_str(&format!("{note}\n"));
    }
    out
}

/// Render every requested format and write each where it goes.
pub fn emit(r: &Report, outputs: &Outputs, opts: &Options) -> Result<(), Error> {
    for (format, file) in outputs.pairs.iter().filter(|(f, _)| *f != LintFormat::Xlsx) {
        match file {
            None => crate::commands::print(&render(r, *format, opts, true)),
            Some(path) => write_atomic(path, &render(r, *format, opts, false))?,
        }
    }
    Ok(())
}

/// Write `text` to `path` through a temporary file in the same directory, then rename it over.
pub fn write_atomic(path: &Path, text: &str) -> Result<(), Error> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let fail = |e: std::io::Error| {
        Error::new(
            Some(path),
            None,
            format!("无法写入报告：{}", crate::error::os_zh(&e)),
            format!("cannot write the report: {e}"),
        )
    };
    std::fs::create_dir_all(dir).map_err(fail)?;
    crate::safe::replace_file(path, text.as_bytes(), true).map_err(fail)
}

#[cfg(test)]
mod tests {
    use super::*;
    use LintFormat::*;

    #[test]
    fn outputs_pair_with_the_format_before_them() {
        let o = pair(
            vec![(1, Json), (5, Sarif), (9, Text)],
            vec![(3, "a.json".into()), (7, "b.sarif".into())],
        )
        .unwrap();
        assert_eq!(
            o.pairs,
            vec![
                (Json, Some("a.json".into())),
                (Sarif, Some("b.sarif".into())),
                (Text, None)
            ]
        );
    }

    #[test]
    fn two_formats_on_stdout_are_refused() {
        assert!(pair(vec![(1, Json), (3, Sarif)], vec![]).is_err());
    }

    #[test]
    fn output_without_format_uses_text() {
        let o = pair(vec![], vec![(1, "r.txt".into())]).unwrap();
        assert_eq!(o.pairs, vec![(Text, Some("r.txt".into()))]);
    }

    #[test]
    fn output_before_any_format_is_refused() {
        assert!(pair(vec![(3, Json)], vec![(1, "a.json".into())]).is_err());
    }

    /// Spreadsheet findings have no text region: every format still places them.
    #[test]
    fn sheet_cells_in_every_format() {
        use crate::diag::Diagnostic;
        use crate::i18n::Msg;
        use crate::model::value::Value;
        use crate::model::{Catalog, F, Item, Loc, Source, SourceKind, Spanned};
        let mut cat = Catalog::default();
        cat.sources.push(Source {
            path: "鹿城 清单.xlsx".into(),
            display: "鹿城 清单.xlsx".into(),
            kind: SourceKind::Sheet,
            text: None,
            sheets: vec!["许可".into()],
            own_sheets: Vec::new(),
        });
        let mut item = Item {
            loc: Loc::cell(0, 0, 11, 0),
            end_line: 12,
            ..Default::default()
        };
        item.fields.set(
            F::Code,
            Spanned::new(Value::Text("许可-1".into()), Loc::cell(0, 0, 11, 0)),
        );
        cat.items.push(item);
        let diags = vec![Diagnostic {
            code: "T004".into(),
            severity: Severity::Error,
            message: Msg::new("事项没有办事情形", "no scenario"),
            help: None,
            item: Some(0),
            loc: Loc::cell(0, 0, 11, 5),
            fix: None,
        }];
        let metas: Vec<_> = crate::rules::registry::builtin().iter().map(|r| r.meta()).collect();
        let r = Report::new(&cat, &diags, metas.iter());
        let opts = Options {
            color: false,
            statistics: false,
            quiet: false,
            fail_on: Some(Severity::Error),
            changed_since: None,
        };
        let sarif: serde_json::Value = serde_json::from_str(&render(&r, Sarif, &opts, false)).unwrap();
        let schema: serde_json::Value =
            serde_json::from_str(include_str!("../../tests/schemas/sarif-schema-2.1.0.json")).unwrap();
        let v = jsonschema::options()
            .should_validate_formats(true)
            .build(&schema)
            .unwrap();
        assert!(
            v.is_valid(&sarif),
            "{:?}",
            v.iter_errors(&sarif).map(|e| e.to_string()).collect::<Vec<_>>()
        );
        let loc = &sarif["runs"][0]["results"][0]["locations"][0];
        assert_eq!(
            loc["physicalLocation"]["artifactLocation"]["uri"],
            "%E9%B9%BF%E5%9F%8E%20%E6%B8%85%E5%8D%95.xlsx"
        );
        assert!(loc["physicalLocation"].get("region").is_none());
        assert_eq!(loc["logicalLocations"][0]["name"], "许可!F12");
        assert_eq!(
            loc["logicalLocations"][0]["fullyQualifiedName"],
            "鹿城 清单.xlsx › 许可 › F12"
        );
        assert_eq!(loc["logicalLocations"][1]["name"], "许可-1");
        let gh = render(&r, Github, &opts, false);
        assert!(
            gh.starts_with("::error file=鹿城 清单.xlsx,line=12,title=T004::鹿城 清单.xlsx › 许可 › F12: [许可-1] "),
            "{gh}"
        );
        let gl: serde_json::Value = serde_json::from_str(&render(&r, Gitlab, &opts, false)).unwrap();
        assert_eq!(gl[0]["location"]["lines"]["begin"], 12);
        let md = render(&r, Markdown, &opts, false);
        assert!(md.contains("| `鹿城 清单.xlsx › 许可 › F12` |"), "{md}");
        let junit = render(&r, Junit, &opts, false);
        assert!(junit.contains("鹿城 清单.xlsx › 许可 › F12: error T004"), "{junit}");
    }
}
