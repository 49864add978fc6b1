//! The guide's templates and static assets: embedded from `templates/` at build time, and
//! overridable file by file with `--templates DIR` so a province restyles without a rebuild.

use crate::error::Error;
use minijinja::Environment;
use std::path::Path;

/// (name, embedded text). `.html` templates are auto-escaped; `.css`/`.js` are copied as is.
pub const EMBEDDED: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    ("index.html", include_str!("../../templates/index.html")),
    ("list.html", include_str!("../../templates/list.html")),
    ("item.html", include_str!("../../templates/item.html")),
    ("bundle.html", include_str!("../../templates/bundle.html")),
    ("search.html", include_str!("../../templates/search.html")),
    ("sample.html", include_str!("../../templates/sample.html")),
    ("checklist.html", include_str!("../../templates/checklist.html")),
    ("style.css", include_str!("../../templates/style.css")),
    ("search.js", include_str!("../../templates/search.js")),
    ("item.js", include_str!("../../templates/item.js")),
    ("search-terms.yaml", include_str!("../../templates/search-terms.yaml")),
];

/// Static assets written to `assets/` verbatim.
pub const ASSETS: &[&str] = &["style.css", "search.js", "item.js"];

pub struct Templates {
    pub env: Environment<'static>,
    /// Asset texts after overrides.
    pub assets: Vec<(&'static str, String)>,
    /// YAML data after overrides (the search terms), with the path shown in its errors.
    pub data: Vec<(String, String)>,
}

impl Templates {
    /// The embedded set, with files found in `dir` replacing their namesakes (and extra
    /// `.html` files in `dir` added, so overrides can `{% include %}` their own partials).
    pub fn load(dir: Option<&Path>) -> Result<Templates, Error> {
        let mut env = Environment::new();
        env.set_undefined_behavior(minijinja::UndefinedBehavior::Chainable);
        // Block tags leave no blank lines behind: smaller pages, 100,000 of them.
        if let Ok(syntax) = minijinja::syntax::SyntaxConfig::builder()
            .trim_blocks(true)
            .lstrip_blocks(true)
            .build()
        {
            env.set_syntax(syntax);
        }
        let mut texts: Vec<(String, String)> = EMBEDDED.iter().map(|(n, t)| (n.to_string(), t.to_string())).collect();
        if let Some(dir) = dir {
            let rd = std::fs::read_dir(dir).map_err(|e| Error::io(dir, &e))?;
            for entry in rd {
                let entry = entry.map_err(|e| Error::io(dir, &e))?;
                let path = entry.path();
                let Some(name) = path.file_name().and_then(|n| n.to_str()).map(String::from) else {
                    continue;
                };
                let known = EMBEDDED.iter().any(|(n, _)| *n == name);
                if !path.is_file() || !(known || name.ends_with(".html")) {
                    continue;
                }
                let text = crate::load::limits::read_text(&path)?;
                match texts.iter_mut().find(|(n, _)| *n == name) {
                    Some(slot) => slot.1 = text,
                    None => texts.push((name, text)),
                }
            }
        }
        let mut assets = Vec::new();
        let mut data = Vec::new();
        for (name, text) in texts {
            if let Some(a) = ASSETS.iter().find(|a| **a == name) {
                assets.push((*a, text));
                continue;
            }
            let shown = match dir {
                Some(d) if d.join(&name).is_file() => d.join(&name).display().to_string(),
                _ => format!("templates/{name}"),
            };
            if name.ends_with(".yaml") {
                data.push((shown, text));
                continue;
            }
            env.add_template_owned(name, text)
                .map_err(|e| template_error(&shown, &e))?;
        }
        Ok(Templates { env, assets, data })
    }

    /// The YAML data file `name` (e.g. `search-terms.yaml`): (path for errors, text).
    pub fn data(&self, name: &str) -> Option<(&str, &str)> {
        self.data
            .iter()
            .find(|(shown, _)| shown.rsplit(['/', '\\']).next() == Some(name))
            .map(|(s, t)| (s.as_str(), t.as_str()))
    }

    pub fn render<S: serde::Serialize>(&self, name: &str, ctx: &S) -> Result<String, Error> {
        let t = self.env.get_template(name).map_err(|e| template_error(name, &e))?;
        t.render(minijinja::Value::from(minijinja::value::Serde(ctx)))
            .map_err(|e| template_error(name, &e))
    }
}

fn template_error(name: &str, e: &minijinja::Error) -> Error {
    let line = e.line().unwrap_or(0) as u32;
    let detail = e.to_string();
    if line > 0 {
        Error::at(
            Path::new(name),
            line,
            1,
            format!("模板错误：{detail}"),
            format!("template error: {detail}"),
        )
    } else {
        Error::plain(
            Some(Path::new(name)),
            format!("模板错误：{detail}"),
            format!("template error: {detail}"),
        )
    }
}
