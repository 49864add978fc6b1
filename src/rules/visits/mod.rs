//! V: visits (最多跑一次) and the on-site facts a visitor needs: 到办事现场次数, its reason,
//! online depth, contact phones, office hours, the address.

pub mod hours_without_workdays;
pub mod imprecise_address;
pub mod missing_visits;
pub mod online_item_needs_visit;
pub mod phone_problem;
pub mod visit_reason_missing;
pub mod visits_over_limit;
pub mod zero_visit_with_reason;

use crate::model::{F, Item};

/// A reason text that says nothing: empty, 无, /, 无需到现场办理 …
pub fn is_empty_reason(s: &str) -> bool {
    let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    let s = s.trim_end_matches(['。', '.']);
    matches!(
        s,
        "" | "无"
            | "/"
            | "-"
            | "—"
            | "暂无"
            | "不涉及"
            | "无需到现场办理"
            | "无需现场办理"
            | "不需要到现场"
            | "无需到现场"
    )
}

/// The item's visit reason, when it says something.
pub fn reason(item: &Item) -> Option<&str> {
    item.text(F::VisitReason).filter(|s| !is_empty_reason(s))
}

/// 依申请 types (Wenzhou scripts select them by `许可|确认|给付|其他|裁决|奖励`) plus services.
pub fn on_application(ty: &str) -> bool {
    [
        "行政许可",
        "行政确认",
        "行政给付",
        "其他行政权力",
        "行政裁决",
        "行政奖励",
        "公共服务",
        "便民服务",
    ]
    .contains(&ty)
}
