//! `catalog law "《行政许可法》第三十条"`: what the law registry knows of a citation — the law,
//! its version, its articles — and the article's text when a folder of law texts is given
//! (`--texts`, or the `law_registry` folder of catalog.toml). The binary holds no texts.

/// One line to stdout.
fn print(s: &str) {
    super::print(&format!("{s}\n"));
}
use crate::cli::LawArgs;
use crate::error::Error;
use crate::i18n::t;
use crate::laws::{Law, markdown};
use crate::rules::basis::citation::{ArticleRef, citations};
use std::path::{Path, PathBuf};

pub fn run(args: LawArgs) -> Result<u8, Error> {
    let cfg = crate::config::Config::discover(args.config.as_deref(), &[])?;
    let options = cfg.rule_options()?;
    let reg = options.laws();
    let cites = citations(&args.citation);
    let Some(c) = cites.first() else {
        return Err(Error::plain(
            None,
            format!("“{}” 中没有书名号《》括起的法律名称", args.citation),
            format!("no law title in 《》 in '{}'", args.citation),
        ));
    };
    let versions = reg.versions(c.title);
    let Some(law) = versions.last() else {
        let hint = reg.did_you_mean(c.title).or_else(|| reg.closest_within(c.title, 2));
        let (zh, en) = match hint {
            Some(h) => (
                format!("；是否为《{}》？", h.title),
                format!("; did you mean 《{}》?", h.title),
            ),
            None => (String::new(), String::new()),
        };
        print(&format!(
            "{}{}",
            t(
                &format!("法规库（{} 快照）中没有《{}》", reg.date, c.title),
                &format!("《{}》 is not in the law registry (snapshot of {})", c.title, reg.date)
            ),
            t(&zh, &en)
        ));
        return Ok(1);
    };
    print(t(
        &format!(
            "《{}》{}，{} 版（法规库 {} 快照），共 {} 条{}",
            law.title,
            law.level,
            law.version,
            reg.date,
            law.last_article(),
            if law.expired { "，已失效" } else { "" }
        ),
        &format!(
            "《{}》 ({}), version of {} (law registry, snapshot of {}), {} articles{}",
            law.title,
            law.level,
            law.version,
            reg.date,
            law.last_article(),
            if law.expired { ", no longer in force" } else { "" }
        ),
    ));
    let texts = args.texts.clone().or_else(|| cfg.law_registry.clone());
    let mut code = 0;
    for a in &c.articles {
        let Some(art) = law.article(a.num, a.sub) else {
            print(t(&format!("没有{}", a.text), &format!("there is no {}", a.text)));
            code = 1;
            continue;
        };
        let shape: Vec<String> = art
            .xiang
            .iter()
            .enumerate()
            .map(|(i, x)| match x {
                0 => t(&format!("第{}款", i + 1), &format!("¶{}", i + 1)).to_string(),
                x => t(&format!("第{}款 {} 项", i + 1, x), &format!("¶{}: {} items", i + 1, x)).to_string(),
            })
            .collect();
        print(&format!("\n{}（{}）", a.text, shape.join(t("、", ", "))));
        match texts.as_deref().map(|d| article_text(d, law, a)).transpose()? {
            Some(Some(text)) => print(&text),
            Some(None) => print(t(
                "（文本目录中没有这部法律的这一版本）",
                "(the texts folder does not hold this version of the law)",
            )),
            None => print(t(
                "（条文不在程序内：用 --texts 或环境变量 CATALOG_LAW_TEXTS 指向 LawRefBook 形式的法规文本目录）",
                "(texts are not built in: point --texts or CATALOG_LAW_TEXTS at a folder of law texts in LawRefBook's form)",
            )),
        }
    }
    Ok(code)
}

/// The article's paragraphs, from the folder's files of that law and version (a code split into
/// parts, as 民法典 is, is searched part by part).
fn article_text(dir: &Path, law: &Law, a: &ArticleRef) -> Result<Option<String>, Error> {
    let mut files: Vec<PathBuf> = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let rd = std::fs::read_dir(&d).map_err(|e| Error::io(&d, &e))?;
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "md") {
                files.push(p);
            }
        }
    }
    files.sort();
    for f in files {
        let name = f.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        // A dated file of another version is not this text; undated files (parts of a code) may be.
        if name.ends_with(')') && !law.version.is_empty() && !name.ends_with(&format!("({})", law.version)) {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(&f) else {
            continue;
        };
        let same = text
            .lines()
            .find_map(|l| l.strip_prefix("# "))
            .is_some_and(|t| crate::laws::key(t) == law.key);
        if same && let Some(found) = markdown::article_body(&text, a.num, a.sub) {
            return Ok(Some(found));
        }
    }
    Ok(None)
}
