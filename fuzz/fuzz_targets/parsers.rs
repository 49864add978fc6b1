//! The small value parsers every loader and rule calls on every cell: time limits, levels,
//! list splitting, booleans and item codes. They take any text and must never panic.
#![no_main]

use catalog::load::yaml::map::{parse_bool, split_list};
use catalog::model::code::{self, ImplementationCode, PowerCode, Uscc};
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

    if let Ok(u) = Uscc::parse(text) {
        let _ = (u.verify(), u.region());
    }
    if let Ok(u) = Uscc::parse_form(text) {
        let _ = u.region();
    }
    let _ = code::uscc_check_char(text);
    if let Ok(c) = ImplementationCode::parse(text) {
        let _ = c.uscc.verify();
    }
    let _ = code::is_basic_code(text);
    if PowerCode::looks_like(text)
        && let Some(p) = PowerCode::parse(text)
    {
        let _ = (p.main_key(), code::prefix_type(p.prefix));
    }
    let _ = code::type_prefix(text);
    let (a, b) = text.split_at(text.char_indices().nth(text.chars().count() / 2).map_or(0, |(i, _)| i));
    let _ = code::region_within(a, b);
});
