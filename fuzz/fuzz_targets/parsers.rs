//! The small value parsers every loader calls on every cell: time limits, levels, list
//! splitting and booleans. They take any text and must never panic.
#![no_main]

use catalog::load::yaml::map::{parse_bool, split_list};
use catalog::model::{Level, TimeLimit};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let t = TimeLimit::parse(text);
    assert_eq!(t.raw, text);
    let _ = t.work_days();
    if let Some(l) = Level::parse(text) {
        let _ = (l.name(), l.digit());
    }
    // Splitting drops separators and edge spaces only, never content.
    let parts = split_list(text);
    let is_sep = |c: char| c.is_whitespace() || ",，;；、^|".contains(c);
    for p in &parts {
        assert!(!p.is_empty() && p.trim() == p, "{p:?}");
    }
    let kept: String = parts.concat().chars().filter(|c| !is_sep(*c)).collect();
    let given: String = text.chars().filter(|c| !is_sep(*c)).collect();
    assert_eq!(kept, given);
    let _ = parse_bool(text);
});
