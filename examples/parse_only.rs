//! The bare-parse floor for `bench/compare.sh`: load catalogs exactly as `catalog lint` does
//! (`catalog::load::load_paths`: YAML/xlsx/CSV parsing, building the located model, directory walk,
//! parallel file loading) but run no rule and print no report.
//!
//! ```text
//! cargo build --release --example parse_only
//! target/release/examples/parse_only big.yaml        # prints "N items in S files"
//! ```

use std::path::PathBuf;

// The same allocator as the `catalog` binary, so the floor is measured under the same conditions.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use catalog::load::{LoadOptions, load_paths};

fn main() {
    let paths: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    if paths.is_empty() {
        eprintln!("usage: parse_only FILE|DIR...");
        std::process::exit(2);
    }
    match load_paths(&paths, &LoadOptions::default()) {
        Ok(cat) => println!("{} items in {} files", cat.items.len(), cat.sources.len()),
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    }
}
