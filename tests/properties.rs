//! Properties over generated input: the value parsers never panic and never lose text, and
//! what is written as a catalog loads back as the same model.

use catalog::load::yaml::{load_str, map::parse_bool, map::split_list};
use catalog::model::code::{self, ImplementationCode, PowerCode, Uscc};
use catalog::model::{F, Level, TimeKind, TimeLimit};
use proptest::prelude::*;
use std::path::Path;

/// Separators `split_list` may drop (with the spaces around the pieces).
fn is_sep(c: char) -> bool {
    c.is_whitespace() || ",，;；、^|/／".contains(c)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn time_limit_keeps_its_text(s in any::<String>()) {
        let t = TimeLimit::parse(&s);
        prop_assert_eq!(&t.raw, &s);
        if let Some(d) = t.work_days() {
            prop_assert!(d.is_finite() || matches!(t.kind, TimeKind::WorkDays(_) | TimeKind::NaturalDays(_)
                | TimeKind::Months(_) | TimeKind::Years(_) | TimeKind::Hours(_)));
        }
    }

    #[test]
    fn time_limit_reads_written_days(n in 1u32..100_000, unit in prop::sample::select(vec![
        ("工作日", 0), ("个工作日", 0), ("自然日", 1), ("天", 1), ("日", 1), ("个月", 2), ("年", 3), ("小时", 4),
    ])) {
        let t = TimeLimit::parse(&format!("{n}{}", unit.0));
        let n = f64::from(n);
        let want = [TimeKind::WorkDays(n), TimeKind::NaturalDays(n), TimeKind::Months(n), TimeKind::Years(n), TimeKind::Hours(n)];
        prop_assert_eq!(t.kind, want[unit.1]);
    }

    #[test]
    fn level_names_parse_back(s in any::<String>()) {
        if let Some(l) = Level::parse(&s) {
            prop_assert_eq!(Level::parse(l.name()), Some(l));
            prop_assert!((1..=6).contains(&l.digit()), "{}", l.digit());
        }
    }

    #[test]
    fn split_list_drops_only_separators(s in any::<String>()) {
        let parts = split_list(&s);
        for p in &parts {
            prop_assert!(!p.is_empty() && p.trim() == p, "{:?}", p);
        }
        let kept: String = parts.concat().chars().filter(|c| !is_sep(*c)).collect();
        let given: String = s.chars().filter(|c| !is_sep(*c)).collect();
        prop_assert_eq!(kept, given);
    }

    #[test]
    fn code_parsers_never_panic(s in any::<String>(), t in "[0-9A-Z]{0,40}") {
        for s in [s.as_str(), t.as_str()] {
            if let Ok(u) = Uscc::parse(s) {
                let _ = (u.verify(), u.region());
            }
            let _ = Uscc::parse_form(s).map(|u| u.region());
            let _ = code::uscc_check_char(s);
            let _ = ImplementationCode::parse(s).map(|c| c.uscc.verify());
            let _ = code::is_basic_code(s);
            if let Some(p) = PowerCode::parse(s) {
                let _ = p.main_key();
            }
            let _ = code::region_within(s, s);
        }
    }

    /// A USCC completed with its computed check character verifies; any other check fails.
    #[test]
    fn uscc_check_char_round_trips(body in "[0-9A-HJ-NP-RTUW-Y]{17}") {
        let check = code::uscc_check_char(&body).expect("valid charset");
        let good = format!("{body}{check}");
        prop_assert!(Uscc::parse(&good).and_then(Uscc::verify).is_ok(), "{}", good);
        let wrong = code::USCC_CHARSET.chars().find(|c| *c != check).unwrap();
        let bad = format!("{body}{wrong}");
        prop_assert!(Uscc::parse(&bad).and_then(Uscc::verify).is_err(), "{}", bad);
    }

    #[test]
    fn parse_bool_never_panics(s in any::<String>()) {
        if let Some(b) = parse_bool(&s) {
            prop_assert_eq!(parse_bool(if b { "是" } else { "否" }), Some(b));
        }
    }

    /// YAML-looking noise: the loader returns a catalog or an error, never panics.
    #[test]
    fn yaml_loader_never_panics(s in r##"([-:\[\]{}&*!|>'"#%@,? \n]|items|code|name|&a|\*a|  |\t|中|\r\n){0,200}"##) {
        let _ = load_str(&s, Path::new("p.yaml"), 0);
    }
}

/// One generated item: every value is arbitrary printable text (quotes, colons, `#`, Chinese,
/// YAML keywords, leading spaces …).
#[derive(Clone, Debug)]
struct GenItem {
    code: String,
    name: String,
    department: String,
    basis: Vec<String>,
    levels: Vec<String>,
    visits: u32,
    scenario: String,
    materials: Vec<String>,
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "\\PC{0,30}",
        prop::sample::select(vec![
            "~",
            "null",
            "true",
            "no",
            "1e3",
            "0x10",
            "- a",
            "a: b",
            "#x",
            "'",
            "\"",
            " lead",
            "trail ",
            "11330302010120889E4330302000105"
        ])
        .prop_map(String::from),
    ]
}

fn line() -> impl Strategy<Value = String> {
    // Lines of a Lines field are trimmed and non-empty by definition.
    "\\PC{1,30}".prop_filter_map("a line", |s| {
        let t = s.trim();
        (!t.is_empty() && !t.contains(['\n', '\r', '\u{85}', '\u{2028}', '\u{2029}'])).then(|| t.to_string())
    })
}

fn gen_item() -> impl Strategy<Value = GenItem> {
    (
        text(),
        text(),
        text(),
        prop::collection::vec(line(), 0..4),
        prop::collection::vec(
            prop::sample::select(vec!["国家级", "省级", "市级", "县级", "乡级", "村级"]).prop_map(String::from),
            0..3,
        ),
        0u32..10,
        text(),
        prop::collection::vec(text(), 0..3),
    )
        .prop_map(
            |(code, name, department, basis, levels, visits, scenario, materials)| GenItem {
                code,
                name,
                department,
                basis,
                levels,
                visits,
                scenario,
                materials,
            },
        )
}

/// A YAML scalar that always reads back as exactly `s` (JSON strings are YAML double-quoted scalars).
fn q(s: &str) -> String {
    serde_json::to_string(s).expect("json string")
}

fn write_yaml(items: &[GenItem]) -> String {
    let mut y = String::from("catalog:\n  title: 生成的清单\nitems:\n");
    for it in items {
        y.push_str(&format!(
            "  - code: {}\n    name: {}\n    department: {}\n",
            q(&it.code),
            q(&it.name),
            q(&it.department)
        ));
        y.push_str(&format!("    visits: {}\n", it.visits));
        if !it.basis.is_empty() {
            y.push_str("    basis:\n");
            for b in &it.basis {
                y.push_str(&format!("      - {}\n", q(b)));
            }
        }
        y.push_str(&format!(
            "    level: [{}]\n",
            it.levels.iter().map(|l| q(l)).collect::<Vec<_>>().join(", ")
        ));
        y.push_str(&format!(
            "    scenarios:\n      - name: {}\n        materials:\n",
            q(&it.scenario)
        ));
        if it.materials.is_empty() {
            y.push_str("          []\n");
        }
        for m in &it.materials {
            y.push_str(&format!("          - name: {}\n            copies: 1\n", q(m)));
        }
    }
    y
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Write generated items as a catalog file, load it: every value comes back as written,
    /// in order, and nothing else appears.
    #[test]
    fn written_yaml_loads_back_identically(items in prop::collection::vec(gen_item(), 1..6)) {
        let text = write_yaml(&items);
        let cat = load_str(&text, Path::new("gen.yaml"), 0).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(cat.items.len(), items.len());
        for (got, want) in cat.items.iter().zip(&items) {
            prop_assert_eq!(got.fields.text(F::Code), Some(want.code.as_str()));
            prop_assert_eq!(got.fields.text(F::Name), Some(want.name.as_str()));
            prop_assert_eq!(got.fields.text(F::Department), Some(want.department.as_str()));
            prop_assert_eq!(got.fields.int(F::Visits).map(|v| v.value), Some(want.visits));
            let basis: Vec<&str> = got.fields.list(F::Basis).iter().map(|s| s.value).collect();
            prop_assert_eq!(basis, want.basis.iter().map(String::as_str).collect::<Vec<_>>());
            let levels: Vec<&str> = got.levels().iter().map(|s| s.value).collect();
            prop_assert_eq!(levels, want.levels.iter().map(String::as_str).collect::<Vec<_>>());
            prop_assert_eq!(got.scenarios.len(), 1);
            prop_assert_eq!(got.scenarios[0].fields.text(F::ScenarioName), Some(want.scenario.as_str()));
            let mats: Vec<&str> = got.materials().filter_map(|(_, m)| m.fields.text(F::MaterialName)).collect();
            prop_assert_eq!(mats, want.materials.iter().map(String::as_str).collect::<Vec<_>>());
            prop_assert!(got.extra.is_empty(), "no unknown keys: {:?}", got.extra);
        }
    }
}
