//! L: time limits (办结时限) and the 办理流程 they bound.

pub mod licensing_process_incomplete;
pub mod no_promised_limit;
pub mod process_days_exceed_promised;
pub mod project_type_mismatch;
pub mod promised_exceeds_statutory;
pub mod unparsed_time_limit;

/// `20工作日`, `30 自然日`: a number of days for messages.
pub fn days(n: f64) -> String {
    crate::model::value::format_num((n * 10.0).round() / 10.0)
}
