//! Rule time alone (no loading, no reporting) on a large catalog, for the linear-growth figures:
//! `CATALOG_BENCH=/tmp/t100k.yaml cargo test --release --test rules_timing -- --ignored --nocapture`

use catalog::rules::{Ctx, RuleOptions, registry};
use std::time::Instant;

#[test]
#[ignore = "benchmark: needs CATALOG_BENCH=<catalog file>"]
fn rules_timing() {
    let Ok(files) = std::env::var("CATALOG_BENCH") else {
        return;
    };
    for file in files.split(',') {
        let path = std::path::PathBuf::from(file);
        let t0 = Instant::now();
        let cat = catalog::load::load_paths(std::slice::from_ref(&path), &Default::default()).unwrap();
        let load = t0.elapsed();
        let tax = catalog::model::taxonomy::Taxonomy::builtin();
        let opts = RuleOptions::default();
        let rules: Vec<_> = registry::builtin()
            .into_iter()
            .map(catalog::lint::Active::new)
            .collect();
        let cx = Ctx::new(&cat, &tax, &opts, None);
        let mut best = f64::MAX;
        let mut n = 0;
        for _ in 0..3 {
            let t = Instant::now();
            n = catalog::lint::run(&cx, &rules).len();
            best = best.min(t.elapsed().as_secs_f64());
        }
        println!(
            "{file}: {} items, load {:.2}s, rules best of 3 {:.3}s ({:.1} µs/item), {n} findings",
            cat.items.len(),
            load.as_secs_f64(),
            best,
            best * 1e6 / cat.items.len() as f64
        );
    }
}
