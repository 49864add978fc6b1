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
        if std::env::var_os("CATALOG_BENCH_PER_RULE").is_some() {
            // each rule alone, slowest first
            let mut per: Vec<(f64, String)> = (0..rules.len())
                .map(|k| {
                    let one: Vec<_> = registry::builtin()
                        .into_iter()
                        .skip(k)
                        .take(1)
                        .map(catalog::lint::Active::new)
                        .collect();
                    let t = Instant::now();
                    catalog::lint::run(&cx, &one);
                    (t.elapsed().as_secs_f64(), one[0].meta.code.to_string())
                })
                .collect();
            per.sort_by(|a, b| b.0.total_cmp(&a.0));
            for (t, code) in per.iter().take(10) {
                println!("  {code}: {t:.3}s");
            }
            let mut fam: std::collections::BTreeMap<char, f64> = Default::default();
            for (t, code) in &per {
                *fam.entry(code.chars().next().unwrap_or('?')).or_default() += t;
            }
            println!("  by family: {fam:.3?}");
        }
    }
}
