//! Every built-in rule, in code order. Add a rule here after writing its file.
//!
//! The checks real Wenzhou scripts apply (reference/domain.md §3.3) map to these codes:
//!
//! | check | what | code |
//! | --- | --- | --- |
//! | R1 | 承诺时限 ≤ 法定时限 | L001 |
//! | R2, R3 | 即办 ⇔ 即办件, otherwise 承诺件 (办件类型 part; 审查类型 is not in the model) | L002 |
//! | R5 | 到现场次数 filled (依申请) / > 0 needs a reason | V005 / V002 |
//! | R6 | 0 visits carry no reason | V003 |
//! | R7 | 全程网办（Ⅳ级） ⇒ 0 visits | V004 |
//! | R10 | 咨询/投诉电话 present, different, with area code | V006 |
//! | R11 | 办理时间 says 工作日 | V007 |
//! | R12 | 办理地点 precise to window/room | V008 |
//! | R15 | 行政许可 process lists 受理/审查/决定/送达 | L005 |
//! | R16 | Σ 流程环节时限 ≤ 承诺时限 | L004 |
//!
//! R4, R8, R9, R13, R14, R17 and R18 need fields the model does not have yet (审批结果类型,
//! 收费项目/网上支付, 主题分类, 常见问题, 审批结果样本, 咨询/投诉地址).

use super::Rule;
use super::{
    basis, bundle, code, cross_level, duty, format, material, taxonomy, template, time_limit, visits, wording,
};

pub fn builtin() -> Vec<Box<dyn Rule>> {
    let mut rules: Vec<Box<dyn Rule>> = vec![
        Box::new(format::unknown_field::UnknownField),
        Box::new(format::hidden_content::HiddenContent),
        Box::new(format::cell_problem::CellProblem),
        Box::new(format::conflicting_columns::ConflictingColumns),
        Box::new(format::not_applicable::NotApplicable),
        Box::new(format::detail_without_item::DetailWithoutItem),
        Box::new(template::missing_name::MissingName),
        Box::new(template::missing_level::MissingLevel),
        Box::new(template::invalid_level::InvalidLevel),
        Box::new(template::no_scenario::NoScenario),
        Box::new(template::no_acceptance_point::NoAcceptancePoint),
        Box::new(template::no_material::NoMaterial),
        Box::new(template::missing_sample::MissingSample),
        Box::new(template::sample_not_found::SampleNotFound),
        Box::new(template::name_level_mismatch::NameLevelMismatch),
        Box::new(taxonomy::rank_value_not_allowed::RankValueNotAllowed),
        Box::new(taxonomy::type_outside_kingdom::TypeOutsideKingdom),
        Box::new(taxonomy::sub_item_under_two_main_items::SubItemUnderTwoMainItems),
        Box::new(taxonomy::duplicate_code::DuplicateCode),
        Box::new(taxonomy::duplicate_sibling_name::DuplicateSiblingName),
        Box::new(taxonomy::missing_type::MissingType),
        Box::new(taxonomy::placeholder_main_item::PlaceholderMainItem),
        Box::new(taxonomy::type_spelling::TypeSpelling),
        Box::new(code::malformed_implementation_code::MalformedImplementationCode),
        Box::new(code::uscc_check_digit::UsccCheckDigit),
        Box::new(code::level_digit_mismatch::LevelDigitMismatch),
        Box::new(code::uscc_region_outside::UsccRegionOutside),
        Box::new(code::malformed_power_code::MalformedPowerCode),
        Box::new(code::power_code_type_mismatch::PowerCodeTypeMismatch),
        Box::new(code::main_item_name_mismatch::MainItemNameMismatch),
        Box::new(code::basic_code_mismatch::BasicCodeMismatch),
        Box::new(code::composite_code::CompositeCode),
        Box::new(code::code_out_of_scheme::CodeOutOfScheme),
        Box::new(code::scientific_notation_code::ScientificNotationCode),
        Box::new(code::sub_code_outside_main::SubCodeOutsideMain),
        Box::new(basis::missing_basis::MissingBasis),
        Box::new(basis::malformed_citation::MalformedCitation),
        Box::new(basis::repealed_law::RepealedLaw),
        Box::new(basis::document_number_brackets::DocumentNumberBrackets),
        Box::new(basis::unknown_law::UnknownLaw),
        Box::new(basis::missing_article::MissingArticle),
        Box::new(basis::superseded_law::SupersededLaw),
        Box::new(time_limit::promised_exceeds_statutory::PromisedExceedsStatutory),
        Box::new(time_limit::project_type_mismatch::ProjectTypeMismatch),
        Box::new(time_limit::unparsed_time_limit::UnparsedTimeLimit),
        Box::new(time_limit::process_days_exceed_promised::ProcessDaysExceedPromised),
        Box::new(time_limit::licensing_process_incomplete::LicensingProcessIncomplete),
        Box::new(time_limit::no_promised_limit::NoPromisedLimit),
        Box::new(visits::visits_over_limit::VisitsOverLimit),
        Box::new(visits::visit_reason_missing::VisitReasonMissing),
        Box::new(visits::zero_visit_with_reason::ZeroVisitWithReason),
        Box::new(visits::online_item_needs_visit::OnlineItemNeedsVisit),
        Box::new(visits::missing_visits::MissingVisits),
        Box::new(visits::phone_problem::PhoneProblem),
        Box::new(visits::hours_without_workdays::HoursWithoutWorkdays),
        Box::new(visits::imprecise_address::ImpreciseAddress),
        Box::new(material::duplicate_material::DuplicateMaterial),
        Box::new(material::shared_material_required::SharedMaterialRequired),
        Box::new(material::unnamed_material::UnnamedMaterial),
        Box::new(material::material_value_not_allowed::MaterialValueNotAllowed),
        Box::new(material::licence_without_material::LicenceWithoutMaterial),
        Box::new(duty::invalid_shares::InvalidShares),
        Box::new(duty::approver_not_supervising::ApproverNotSupervising),
        Box::new(duty::lead_department::LeadDepartment),
        Box::new(cross_level::name_differs::NameDiffers),
        Box::new(cross_level::type_differs::TypeDiffers),
        Box::new(cross_level::basis_differs::BasisDiffers),
        Box::new(cross_level::self_created_licence::SelfCreatedLicence),
        Box::new(cross_level::unclaimed_upstream::UnclaimedUpstream),
        Box::new(bundle::unknown_item::UnknownBundleItem),
        Box::new(bundle::repeated_material::RepeatedBundleMaterial),
        Box::new(format::unused_suppression::UnusedSuppression),
        Box::new(format::unused_suppression::SuppressionWithoutReason),
        Box::new(wording::level_spelling::LevelSpelling),
        Box::new(wording::mixed_punctuation::MixedPunctuation),
        Box::new(wording::unbalanced_brackets::UnbalancedBrackets),
        Box::new(wording::docno_brackets::DocnoBrackets),
        Box::new(wording::fullwidth_in_code::FullwidthInCode),
        Box::new(wording::cut_off_text::CutOffText),
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
