//! Every built-in rule, in code order. Add a rule here after writing its file.

use super::Rule;
use super::{format, taxonomy, template};

pub fn builtin() -> Vec<Box<dyn Rule>> {
    vec![
        Box::new(format::unknown_field::UnknownField),
        Box::new(format::hidden_content::HiddenContent),
        Box::new(format::cell_problem::CellProblem),
        Box::new(format::conflicting_columns::ConflictingColumns),
        Box::new(format::not_applicable::NotApplicable),
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
    ]
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
