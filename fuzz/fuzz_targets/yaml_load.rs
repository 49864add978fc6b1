//! The YAML loader end to end: parse, map through the field dictionary, run every rule and
//! render both report formats. Any input must give a catalog or an `Error`, never a panic,
//! a hang or unbounded memory.
#![no_main]

use catalog::lint::{self, Active};
use catalog::model::taxonomy::Taxonomy;
use catalog::model::{Source, SourceKind};
use catalog::report::{self, Report, text::TextOptions};
use catalog::rules::{Ctx, RuleOptions, registry};
use libfuzzer_sys::fuzz_target;
use std::path::Path;
use std::sync::Arc;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let path = Path::new("fuzz.yaml");
    let Ok(mut catalog) = catalog::load::yaml::load_str(text, path, 0) else { return };
    catalog.sources.push(Source {
        path: path.to_path_buf(),
        display: "fuzz.yaml".into(),
        kind: SourceKind::Yaml,
        text: Some(Arc::from(text)),
        sheets: Vec::new(),
    });
    let taxonomy = Taxonomy::builtin();
    let options = RuleOptions::default();
    let rules: Vec<Active> = registry::builtin().into_iter().map(Active::new).collect();
    let cx = Ctx::new(&catalog, &taxonomy, &options, None);
    let diags = lint::run(&cx, &rules);
    let rep = Report::new(&catalog, &diags, rules.iter().map(|a| &a.meta));
    let _ = report::json::render(&rep);
    let opts = TextOptions { color: false, concise: false, statistics: true, quiet: false };
    let _ = report::text::render(&rep, &opts);
});
