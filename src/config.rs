//! `catalog.toml`: which rules run and how severe they are, per-path overrides, rule options and
//! the user's own rules directory (ruff's `[lint]` table, Spectral's `overrides`).
//!
//! Found upward from the catalog path, or given with `--config FILE`. Unknown keys are an error
//! (exit 2) naming the file, line and column: a misspelt `ignroe` must not silently run every rule.

use crate::diag::Severity;
use crate::error::{Error, Place};
use crate::rules::{Family, RuleMeta};
use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use toml::Spanned;

pub const FILE_NAME: &str = "catalog.toml";

/// The file as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    #[serde(default)]
    select: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    extend_select: Vec<Spanned<String>>,
    #[serde(default)]
    ignore: Vec<Spanned<String>>,
    /// Severity per code or family letter: `W004 = "error"`, `W = "info"`.
    #[serde(default)]
    severity: BTreeMap<String, Spanned<String>>,
    #[serde(default)]
    overrides: Vec<OverrideFile>,
    #[serde(default)]
    options: OptionsFile,
    /// A directory of the user's declarative rule files (*.yaml).
    #[serde(default)]
    rules_dir: Option<PathBuf>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct OverrideFile {
    files: Vec<String>,
    #[serde(default)]
    ignore: Vec<Spanned<String>>,
    #[serde(default)]
    severity: BTreeMap<String, Spanned<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct OptionsFile {
    visit_limit: Option<u32>,
    /// Required fields per item type (门): `行政许可 = ["basis", "收费"]`.
    #[serde(default)]
    required: BTreeMap<String, Vec<String>>,
    taxonomy: Option<PathBuf>,
    laws: Option<PathBuf>,
    /// The list form of the catalog's sheets (清单形式: 权力清单 …), unless a file names its own.
    form: Option<String>,
    /// A folder of law texts in LawRefBook's Markdown form, added to the built-in law registry.
    law_registry: Option<PathBuf>,
}

/// A per-path override, its globs compiled.
#[derive(Debug)]
pub struct Override {
    pub globs: GlobSet,
    pub ignore: Vec<String>,
    pub severity: Vec<(String, Severity)>,
}

/// The config, resolved: paths made absolute against the config's directory.
#[derive(Debug, Default)]
pub struct Config {
    /// The file read, if any.
    pub path: Option<PathBuf>,
    pub select: Option<Vec<String>>,
    pub extend_select: Vec<String>,
    pub ignore: Vec<String>,
    pub severity: Vec<(String, Severity)>,
    pub overrides: Vec<Override>,
    pub visit_limit: Option<u32>,
    pub required: BTreeMap<String, Vec<String>>,
    pub taxonomy: Option<PathBuf>,
    pub laws: Option<PathBuf>,
    pub law_registry: Option<PathBuf>,
    pub rules_dir: Option<PathBuf>,
    /// `[options] form`: the list form of files that do not name their own.
    pub form: Option<String>,
    /// Where each selector was written, for error messages.
    places: Vec<(String, Place)>,
}

impl Config {
    /// `--config FILE`, else `catalog.toml` in the first catalog path's directory or above.
    pub fn discover(explicit: Option<&Path>, paths: &[PathBuf]) -> Result<Config, Error> {
        if let Some(p) = explicit {
            return Config::load(p);
        }
        let start = paths.first().cloned().unwrap_or_else(|| PathBuf::from("."));
        let start = std::path::absolute(&start).unwrap_or(start);
        let mut dir = if start.is_dir() {
            Some(start.as_path())
        } else {
            start.parent()
        };
        while let Some(d) = dir {
            let f = d.join(FILE_NAME);
            if f.is_file() {
                // Shown relative to where the user runs the tool, as catalog paths are.
                let cwd = std::env::current_dir().unwrap_or_default();
                let shown = f.strip_prefix(&cwd).map(Path::to_path_buf).unwrap_or(f.clone());
                return Config::load(&shown);
            }
            dir = d.parent();
        }
        Ok(Config::default())
    }

    pub fn load(path: &Path) -> Result<Config, Error> {
        let text = crate::load::limits::read_text(path)?;
        Config::parse(&text, path)
    }

    pub fn parse(text: &str, path: &Path) -> Result<Config, Error> {
        let file: ConfigFile = toml::from_str(text).map_err(|e| {
            let place = e.span().map(|s| line_col(text, s.start));
            let detail = e.message().trim().to_string();
            Error::new(
                Some(path),
                place,
                format!("配置文件有误：{detail}"),
                format!("invalid config: {detail}"),
            )
        })?;
        let dir = path.parent().unwrap_or(Path::new("."));
        let abs = |p: PathBuf| if p.is_absolute() { p } else { dir.join(p) };
        let bad = |what: &str, e: String| Error::plain(Some(path), format!("{what}：{e}"), format!("{what}: {e}"));
        let mut places = Vec::new();
        for (k, v) in file
            .severity
            .iter()
            .chain(file.overrides.iter().flat_map(|o| &o.severity))
        {
            places.push((k.clone(), line_col(text, v.span().start)));
        }
        let mut plain = |v: Vec<Spanned<String>>| -> Vec<String> {
            v.into_iter()
                .map(|x| {
                    places.push((x.get_ref().clone(), line_col(text, x.span().start)));
                    x.into_inner()
                })
                .collect()
        };
        let select = file.select.map(&mut plain);
        let extend_select = plain(file.extend_select);
        let ignore = plain(file.ignore);
        let mut overrides = Vec::new();
        for o in file.overrides {
            let mut b = GlobSetBuilder::new();
            for g in &o.files {
                b.add(Glob::new(g).map_err(|e| bad("overrides.files", e.to_string()))?);
            }
            overrides.push(Override {
                globs: b.build().map_err(|e| bad("overrides.files", e.to_string()))?,
                ignore: plain(o.ignore),
                severity: severities(o.severity, path, text)?,
            });
        }
        Ok(Config {
            path: Some(path.to_path_buf()),
            select,
            extend_select,
            ignore,
            severity: severities(file.severity, path, text)?,
            overrides,
            visit_limit: file.options.visit_limit,
            required: file.options.required,
            taxonomy: file.options.taxonomy.map(abs),
            laws: file.options.laws.map(abs),
            law_registry: file.options.law_registry.map(abs),
            rules_dir: file.rules_dir.map(abs),
            form: file.options.form,
            places,
        })
    }

    /// The directory globs of `overrides` are relative to.
    pub fn root(&self) -> PathBuf {
        self.path
            .as_ref()
            .and_then(|p| p.parent())
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."))
    }

    /// The overrides that apply to a file.
    pub fn overrides_for(&self, file: &Path) -> impl Iterator<Item = &Override> {
        let abs = std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf());
        let root = std::path::absolute(self.root()).unwrap_or_else(|_| self.root());
        let rel = abs
            .strip_prefix(&root)
            .map(Path::to_path_buf)
            .unwrap_or_else(|_| file.to_path_buf());
        self.overrides
            .iter()
            .filter(move |o| o.globs.is_match(&rel) || o.globs.is_match(file))
    }
}

fn severities(m: BTreeMap<String, Spanned<String>>, path: &Path, text: &str) -> Result<Vec<(String, Severity)>, Error> {
    m.into_iter()
        .map(|(k, v)| match Severity::parse(v.get_ref()) {
            Some(s) => Ok((k, s)),
            None => Err(Error::new(
                Some(path),
                Some(line_col(text, v.span().start)),
                format!("{k} 的级别 “{}” 无效（应为 error、warning 或 info）", v.get_ref()),
                format!(
                    "invalid severity '{}' for {k} (expected error, warning or info)",
                    v.get_ref()
                ),
            )),
        })
        .collect()
}

/// 1-based line and character column of a byte offset.
pub fn line_col(text: &str, offset: usize) -> Place {
    let offset = offset.min(text.len());
    let before = &text[..text.floor_char_boundary(offset)];
    let line = before.matches('\n').count() as u32 + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) as u32 + 1;
    Place::Text { line, col }
}

/// Does a selector (`ALL`, a family letter or name, a code prefix, a rule name) pick this rule?
pub fn selects(sel: &str, m: &RuleMeta) -> bool {
    let sel = sel.trim();
    if sel.eq_ignore_ascii_case("ALL") || sel == m.name {
        return true;
    }
    if let Some(f) = Family::parse(sel) {
        return f == m.family;
    }
    !sel.is_empty() && m.code.len() >= sel.len() && m.code[..sel.len()].eq_ignore_ascii_case(sel)
}

/// How specific a selector is (ruff: the longer prefix wins).
pub fn specificity(sel: &str) -> usize {
    if sel.eq_ignore_ascii_case("ALL") {
        0
    } else {
        sel.trim().len()
    }
}

/// Is the rule on, given select (None = all) and ignore? The most specific selector wins.
pub fn enabled(select: Option<&[String]>, extend: &[String], ignore: &[String], m: &RuleMeta) -> bool {
    let best = |list: &[String]| list.iter().filter(|x| selects(x, m)).map(|x| specificity(x)).max();
    let sel = match select {
        None => Some(0),
        Some(s) => best(s),
    };
    let sel = sel.max(best(extend));
    let ign = best(ignore);
    match (sel, ign) {
        (Some(s), Some(i)) => s > i,
        (Some(_), None) => true,
        (None, _) => false,
    }
}

/// The severity a rule runs at: the most specific matching entry, else its default.
pub fn severity_for(table: &[(String, Severity)], m: &RuleMeta) -> Option<Severity> {
    table
        .iter()
        .filter(|(k, _)| selects(k, m))
        .max_by_key(|(k, _)| specificity(k))
        .map(|(_, s)| *s)
}

/// Check that every selector names a rule or family (a typo would silently do nothing).
pub fn check_selectors<'a>(
    sels: impl Iterator<Item = &'a String>,
    metas: &[RuleMeta],
    origin: Option<&Path>,
    places: &[(String, Place)],
) -> Result<(), Error> {
    for s in sels {
        if !metas.iter().any(|m| selects(s, m)) && Family::parse(s.trim()).is_none() {
            let place = places.iter().find(|(k, _)| k == s).map(|(_, p)| p.clone());
            return Err(Error::new(
                origin,
                place,
                format!("没有与 “{s}” 对应的规则或类别；运行 catalog rules 查看全部规则"),
                format!("no rule or family matches '{s}'; run `catalog rules` to list them"),
            ));
        }
    }
    Ok(())
}

/// The config's part of the lint pipeline: which rules, with which options and severities.
impl Config {
    /// Every rule: built-in code rules, built-in declarative rules and the user's rules.
    pub fn all_rules(&self) -> Result<Vec<Box<dyn crate::rules::Rule>>, Error> {
        crate::rules::registry::with_user(self.rules_dir.as_deref())
    }

    /// The rules to run: select/ignore from the command line (`--select` replaces the config's,
    /// `--ignore` adds to it) and the config, each at its configured severity.
    pub fn active(&self, cli_select: &[String], cli_ignore: &[String]) -> Result<Vec<crate::lint::Active>, Error> {
        let all = self.all_rules()?;
        let metas: Vec<RuleMeta> = all.iter().map(|r| r.meta()).collect();
        let origin = self.path.as_deref();
        check_selectors(
            self.select
                .iter()
                .flatten()
                .chain(&self.extend_select)
                .chain(&self.ignore)
                .chain(self.severity.iter().map(|(k, _)| k)),
            &metas,
            origin,
            &self.places,
        )?;
        for o in &self.overrides {
            check_selectors(
                o.ignore.iter().chain(o.severity.iter().map(|(k, _)| k)),
                &metas,
                origin,
                &self.places,
            )?;
        }
        check_selectors(cli_select.iter().chain(cli_ignore), &metas, None, &[])?;
        let select = if cli_select.is_empty() {
            self.select.clone()
        } else {
            Some(cli_select.to_vec())
        };
        let ignore: Vec<String> = self.ignore.iter().chain(cli_ignore).cloned().collect();
        let mut out = Vec::new();
        for r in all {
            let mut a = crate::lint::Active::new(r);
            if !enabled(select.as_deref(), &self.extend_select, &ignore, &a.meta) {
                continue;
            }
            if let Some(s) = severity_for(&self.severity, &a.meta) {
                a.severity = s;
            }
            out.push(a);
        }
        Ok(out)
    }

    pub fn rule_options(&self) -> Result<crate::rules::RuleOptions, Error> {
        let mut o = crate::rules::RuleOptions::default();
        if let Some(v) = self.visit_limit {
            o.visit_limit = v;
        }
        for (ty, names) in &self.required {
            for n in names {
                if crate::rules::declarative::fields_ref::resolve(n).is_none() {
                    return Err(Error::plain(
                        self.path.as_deref(),
                        format!("options.required.{ty} 中的字段 “{n}” 不存在"),
                        format!("unknown field '{n}' in options.required.{ty}"),
                    ));
                }
            }
        }
        o.required = self.required.clone();
        if let Some(dir) = &self.law_registry {
            let laws = crate::laws::markdown::read_folder(dir)?;
            o.law_registry = Some(std::sync::Arc::new(crate::laws::Registry::with(laws)));
        }
        Ok(o)
    }

    /// Load `options.laws` into the catalog's 法规库.
    pub fn add_laws(&self, cat: &mut crate::model::Catalog) -> Result<(), Error> {
        let Some(p) = &self.laws else { return Ok(()) };
        let already = cat.sources.iter().any(|s| same_file(&s.path, p));
        if !already {
            let laws = crate::load::load_paths(std::slice::from_ref(p), &Default::default())?;
            cat.merge(laws);
        }
        Ok(())
    }

    /// Per-path overrides: drop ignored findings and set severities, by the finding's file.
    pub fn apply_overrides(
        &self,
        cat: &crate::model::Catalog,
        rules: &[crate::lint::Active],
        diags: &mut Vec<crate::diag::Diagnostic>,
    ) {
        if self.overrides.is_empty() {
            return;
        }
        let meta = |code: &str| rules.iter().find(|a| a.meta.code == code).map(|a| &a.meta);
        diags.retain_mut(|d| {
            let Some(src) = cat.sources.get(d.loc.file as usize) else {
                return true;
            };
            let Some(m) = meta(&d.code) else { return true };
            for o in self.overrides_for(&src.path) {
                if o.ignore.iter().any(|s| selects(s, m)) {
                    return false;
                }
                if let Some(s) = severity_for(&o.severity, m) {
                    d.severity = s;
                }
            }
            true
        });
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn unknown_key_has_place() {
        let e = Config::parse("select = [\"W\"]\nignroe = [\"W001\"]\n", Path::new("catalog.toml")).unwrap_err();
        assert_eq!(e.place, Some(Place::Text { line: 2, col: 1 }));
        assert!(e.msg.en.contains("ignroe"), "{}", e.msg.en);
    }
    #[test]
    fn line_col_counts_chars() {
        assert_eq!(line_col("甲乙\n丙丁x", 13), Place::Text { line: 2, col: 3 });
    }
    #[test]
    fn most_specific_selector_wins() {
        use crate::rules::Page;
        let m = RuleMeta::new(
            "W004",
            "unified-term",
            Family::Wording,
            Severity::Warning,
            "",
            "",
            Page::default(),
        );
        let v = |xs: &[&str]| xs.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert!(enabled(None, &[], &[], &m));
        assert!(!enabled(None, &[], &v(&["W"]), &m));
        assert!(enabled(Some(&v(&["W004"])), &[], &v(&["W"]), &m));
        assert!(!enabled(Some(&v(&["W"])), &[], &v(&["W004"]), &m));
        assert!(!enabled(Some(&v(&["T"])), &[], &[], &m));
        assert!(enabled(Some(&v(&["T"])), &v(&["用语"]), &[], &m));
        assert!(enabled(Some(&v(&["unified-term"])), &[], &[], &m));
        assert_eq!(
            severity_for(&[("W".into(), Severity::Info), ("W004".into(), Severity::Error)], &m),
            Some(Severity::Error)
        );
    }
}
