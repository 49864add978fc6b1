//! A 办理流程 written as prose in one cell of an item's row (`1.受理（即办）；2.审查（3个工作日）`,
//! `受理→审查→决定→送达`): its steps, each at its entry, with the days a step's closing bracket
//! gives (as a 办理流程 sheet's 办理时限 column would).

use super::entries;
use crate::model::time_limit::{TimeKind, TimeLimit};
use crate::model::{F, Fields, Spanned, Value};

/// Arrows offices join steps with.
const ARROWS: [char; 6] = ['→', '➔', '➙', '➡', '⇒', '►'];

/// The steps of a 办理流程 cell: its entries as any list cell's ([`entries::split`]); a cell that
/// is one run of steps joined by arrows (`受理→审查→决定`, `受理-->审查`) is one step per part.
pub fn split(text: &str) -> Vec<&str> {
    let parts = entries::split(text);
    let [one] = parts.as_slice() else { return parts };
    let arrow = |c: char| ARROWS.contains(&c) || c == '>';
    if !one.contains(arrow) {
        return parts;
    }
    let steps: Vec<&str> = one
        .split(arrow)
        .map(|p| p.trim_matches(|c: char| c.is_whitespace() || matches!(c, '-' | '—' | '－' | '=')))
        .filter(|p| !p.is_empty())
        .collect();
    if steps.len() > 1 { steps } else { parts }
}

/// A step named with its days in a closing bracket or after a final colon (`受理（1个工作日）`,
/// `审查：3个工作日`, `受理（即办）`) gets them as its 时限 when no column gave one, and keeps the
/// name before them. Only working days or 即办: a step's days are counted against the promise
/// in working days.
pub fn days_in_name(fields: &mut Fields) {
    if fields.has(F::StepDays) {
        return;
    }
    let Some(name) = fields.get(F::StepName) else { return };
    let Value::Text(text) = &name.value else { return };
    let t = text.trim();
    let (head, tail) = match t.strip_suffix('）').or_else(|| t.strip_suffix(')')) {
        Some(inner) => match inner.rfind(['（', '(']) {
            Some(k) => (&inner[..k], &inner[k..].trim_start_matches(['（', '('])),
            None => return,
        },
        None => match t.rfind(['：', ':']) {
            Some(k) => (&t[..k], &t[k..].trim_start_matches(['：', ':'])),
            None => return,
        },
    };
    let head = head.trim();
    let limit = TimeLimit::parse(tail);
    let days = match limit.kind {
        TimeKind::WorkDays(n) if tail.contains("工作日") => n,
        TimeKind::Immediate => 0.0,
        _ => return,
    };
    if head.is_empty() {
        return;
    }
    let at = name.loc;
    let head = head.to_string();
    fields.set(F::StepName, Spanned::new(Value::Text(head.as_str().into()), at));
    fields.set(F::StepDays, Spanned::new(Value::Num(days), at));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_joined_by_arrows() {
        assert_eq!(split("受理→审查→决定→送达"), ["受理", "审查", "决定", "送达"]);
        assert_eq!(split("受理-->审查->决定"), ["受理", "审查", "决定"]);
        assert_eq!(split("1.受理；2.审查"), ["受理", "审查"]);
        assert_eq!(split("窗口受理"), ["窗口受理"]);
    }

    #[test]
    fn days_in_a_step_name() {
        let at = crate::model::Loc::default();
        let step = |name: &str| {
            let mut f = Fields::default();
            f.set(F::StepName, Spanned::new(Value::Text(name.into()), at));
            days_in_name(&mut f);
            (
                f.text(F::StepName).unwrap().to_string(),
                f.num(F::StepDays).map(|d| d.value),
            )
        };
        assert_eq!(step("受理（1个工作日）"), ("受理".to_string(), Some(1.0)));
        assert_eq!(step("审查：3个工作日"), ("审查".to_string(), Some(3.0)));
        assert_eq!(step("受理（即办）"), ("受理".to_string(), Some(0.0)));
        assert_eq!(step("审查（含现场核查）"), ("审查（含现场核查）".to_string(), None));
        assert_eq!(step("决定（20日）"), ("决定（20日）".to_string(), None));
    }
}
