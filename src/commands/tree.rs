//! `catalog tree`: the 界门纲目科属种 tree with item counts per node.

use super::{load_catalog, load_taxonomy, print};
use crate::cli::{TreeArgs, TreeFormat};
use crate::error::Error;
use crate::model::taxonomy::Node;
use std::fmt::Write;

pub fn run(args: TreeArgs) -> Result<u8, Error> {
    let catalog = load_catalog(&args.source)?;
    let taxonomy = load_taxonomy(&args.source)?;
    let mut root = taxonomy.tree(&catalog.items, args.depth);
    if let Some(t) = catalog.header_text(crate::model::F::Title) {
        root.name = t.to_string();
    }
    match args.format {
        TreeFormat::Json => print(&(serde_json::to_string_pretty(&root).unwrap_or_default() + "\n")),
        TreeFormat::Text => {
            let mut s = format!("{} ({})\n", root.name, root.count);
            for (i, c) in root.children.iter().enumerate() {
                draw(c, "", i + 1 == root.children.len(), &mut s);
            }
            print(&s);
        }
    }
    Ok(0)
}

fn draw(n: &Node, prefix: &str, last: bool, out: &mut String) {
    let _ = writeln!(
        out,
        "{prefix}{}{} {} ({})",
        if last { "└─ " } else { "├─ " },
        n.rank,
        n.name,
        n.count
    );
    let next = format!("{prefix}{}", if last { "   " } else { "│  " });
    for (i, c) in n.children.iter().enumerate() {
        draw(c, &next, i + 1 == n.children.len(), out);
    }
}
