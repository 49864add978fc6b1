//! The fast block-YAML reader against the general parser: whatever text the fast reader
//! accepts, the general parser must read to exactly the same nodes (texts, styles, positions).
#![no_main]

use catalog::load::yaml::{block, tree};
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Some(fast) = block::parse(text, tree::Base::default()) else { return };
    match tree::parse_general(text, Path::new("fuzz.yaml"), tree::Base::default(), tree::MAX_ALIAS_NODES) {
        Ok(Some(general)) => assert_eq!(format!("{fast:?}"), format!("{general:?}"), "on {text:?}"),
        other => panic!("the fast reader accepted what the general parser reads as {other:?}: {text:?}"),
    }
});
