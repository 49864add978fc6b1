//! Every built-in rule, in code order. Add a rule here after writing its file.

use super::Rule;
use super::{basis, bundle, code, cross_level, duty, format, material, taxonomy, template, time_limit, visits};

pub fn builtin() -> Vec<Box<dyn Rule>> {
    vec![
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
        Box::new(code::malformed_implementation_code::MalformedImplementationCode),
        Box::new(code::uscc_check_digit::UsccCheckDigit),
        Box::new(code::level_digit_mismatch::LevelDigitMismatch),
        Box::new(code::uscc_region_outside::UsccRegionOutside),
        Box::new(code::malformed_power_code::MalformedPowerCode),
        Box::new(code::power_code_type_mismatch::PowerCodeTypeMismatch),
        Box::new(code::main_item_name_mismatch::MainItemNameMismatch),
        Box::new(code::basic_code_mismatch::BasicCodeMismatch),
        Box::new(basis::missing_basis::MissingBasis),
        Box::new(basis::malformed_citation::MalformedCitation),
        Box::new(basis::repealed_law::RepealedLaw),
        Box::new(basis::document_number_brackets::DocumentNumberBrackets),
        Box::new(time_limit::promised_exceeds_statutory::PromisedExceedsStatutory),
        Box::new(time_limit::project_type_mismatch::ProjectTypeMismatch),
        Box::new(time_limit::unparsed_time_limit::UnparsedTimeLimit),
        Box::new(time_limit::process_days_exceed_promised::ProcessDaysExceedPromised),
        Box::new(time_limit::licensing_process_incomplete::LicensingProcessIncomplete),
        Box::new(visits::visits_over_limit::VisitsOverLimit),
        Box::new(visits::visit_reason_missing::VisitReasonMissing),
        Box::new(visits::zero_visit_with_reason::ZeroVisitWithReason),
        Box::new(visits::online_item_needs_visit::OnlineItemNeedsVisit),
        Box::new(visits::missing_visits::MissingVisits),
        Box::new(visits::phone_problem::PhoneProblem),
        Box::new(visits::hours_without_workdays::HoursWithoutWorkdays),
        Box::new(visits::imprecise_address::ImpreciseAddress),
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
