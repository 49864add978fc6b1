//! Every built-in rule, in code order. Add a rule here after writing its file.

use super::Rule;
use super::{format, taxonomy, template, wording};

pub fn builtin() -> Vec<Box<dyn Rule>> {
    let mut rules: Vec<Box<dyn Rule>> = vec![
        Box::new(format::unknown_field::UnknownField),
        Box::new(template::missing_name::MissingName),
        Box::new(template::missing_level::MissingLevel),
        Box::new(template::invalid_level::InvalidLevel),
        Box::new(template::no_scenario::NoScenario),
        Box::new(template::no_acceptance_point::NoAcceptancePoint),
        Box::new(template::no_material::NoMaterial),
        Box::new(template::missing_sample::MissingSample),
        Box::new(template::sample_not_found::SampleNotFound),
        Box::new(taxonomy::rank_value_not_allowed::RankValueNotAllowed),
        Box::new(taxonomy::type_outside_kingdom::TypeOutsideKingdom),
        Box::new(taxonomy::sub_item_under_two_main_items::SubItemUnderTwoMainItems),
        Box::new(taxonomy::duplicate_code::DuplicateCode),
        Box::new(taxonomy::duplicate_sibling_name::DuplicateSiblingName),
        Box::new(taxonomy::missing_type::MissingType),
        Box::new(format::unused_suppression::UnusedSuppression),
        Box::new(format::unused_suppression::SuppressionWithoutReason),
        Box::new(wording::level_spelling::LevelSpelling),
        Box::new(wording::mixed_punctuation::MixedPunctuation),
        Box::new(wording::unbalanced_brackets::UnbalancedBrackets),
        Box::new(wording::docno_brackets::DocnoBrackets),
        Box::new(wording::fullwidth_in_code::FullwidthInCode),
    ];
    // Declarative built-ins (rules/declarative/*.yaml).
    rules.extend(
        super::declarative::builtin()
            .into_iter()
            .map(|r| Box::new(r) as Box<dyn Rule>),
    );
    rules
}

/// Built-in rules plus the user's declarative rules from `dir`; a user code may not reuse a
/// built-in one.
pub fn with_user(dir: Option<&std::path::Path>) -> Result<Vec<Box<dyn Rule>>, crate::error::Error> {
    let mut rules = builtin();
    let Some(dir) = dir else { return Ok(rules) };
    let loaded = super::declarative::load(Some(dir), super::Family::Custom)?;
    let builtin_n = super::declarative::builtin().len();
    for r in loaded.rules.into_iter().skip(builtin_n) {
        if let Some(clash) = rules.iter().find(|b| b.meta().code == r.code()) {
            let c = clash.meta().code;
            return Err(crate::error::Error::plain(
                Some(dir),
                format!("用户规则代码 {c} 与已有规则重复"),
                format!("user rule code {c} is already taken"),
            ));
        }
        rules.push(Box::new(r));
    }
    Ok(rules)
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;
    #[test]
    fn codes_unique_and_pages_present() {
        let mut seen = HashSet::new();
        for r in super::builtin() {
            let m = r.meta();
            assert!(seen.insert(m.code.to_string()), "duplicate code {}", m.code);
            assert!(
                m.code.starts_with(m.family.letter()),
                "{} not in family {:?}",
                m.code,
                m.family
            );
            assert!(
                m.page.zh.contains("## 检查什么") && m.page.zh.contains("## 示例"),
                "{}: Chinese page incomplete",
                m.code
            );
            assert!(
                m.page.en.contains("## What it does") && m.page.en.contains("## Example"),
                "{}: English page incomplete",
                m.code
            );
        }
    }
}
