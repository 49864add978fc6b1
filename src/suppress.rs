//! Suppressions written on items (`lint_ignore: [{rule: CODE, reason: …}]`, 忽略规则): hide the
//! matching findings, then report suppressions that hid nothing (F002) or give no reason (F003),
//! like ruff's unused-noqa check.

use crate::config::selects;
use crate::diag::{Diagnostic, Severity};
use crate::lint::Active;
use crate::model::Catalog;
use crate::msg;
use std::collections::HashSet;

/// Remove suppressed findings; returns how many were hidden. F002/F003 findings are added when
/// those rules are active.
pub fn apply(cat: &Catalog, rules: &[Active], all_codes: &[String], diags: &mut Vec<Diagnostic>) -> usize {
    let mut used: HashSet<(usize, usize)> = HashSet::new();
    let before = diags.len();
    diags.retain(|d| {
        let Some(i) = d.item else { return true };
        let Some(item) = cat.items.get(i) else { return true };
        let hit = item
            .suppressions
            .iter()
            .enumerate()
            .find(|(_, s)| matches(&s.rule, d, rules));
        match hit {
            Some((k, _)) => {
                used.insert((i, k));
                false
            }
            None => true,
        }
    });
    let hidden = before - diags.len();
    let active = |code: &str| rules.iter().find(|a| a.meta.code == code).map(|a| a.severity);
    let f002 = active("F002");
    let f003 = active("F003");
    for (i, item) in cat.items.iter().enumerate() {
        for (k, s) in item.suppressions.iter().enumerate() {
            if let Some(sev) = f003
                && s.reason.as_deref().is_none_or(|r| r.trim().is_empty())
            {
                diags.push(finding(
                    "F003",
                    sev,
                    i,
                    s.loc,
                    msg!("忽略 {} 没有写原因", s.rule; "suppression of {} gives no reason", s.rule),
                ));
            }
            let Some(sev) = f002 else { continue };
            if used.contains(&(i, k)) {
                continue;
            }
            let known = all_codes.iter().any(|c| c.eq_ignore_ascii_case(s.rule.trim()));
            let ran = rules.iter().any(|a| selects(&s.rule, &a.meta));
            let m = if !known && !ran {
                msg!("忽略规则中的“{}”不是规则代码", s.rule; "'{}' in the suppression is not a rule code", s.rule)
            } else if !ran {
                // The rule is switched off in the config: the suppression is not stale, just idle.
                continue;
            } else {
                msg!("忽略 {} 没有屏蔽任何问题：这个事项已没有该问题", s.rule; "suppression of {} hides nothing: the item no longer has that finding", s.rule)
            };
            diags.push(finding("F002", sev, i, s.loc, m));
        }
    }
    crate::lint::sort(cat, diags);
    hidden
}

/// A suppression names a code (`W004`), a family letter or a rule name.
fn matches(rule: &str, d: &Diagnostic, rules: &[Active]) -> bool {
    let rule = rule.trim();
    if rule.eq_ignore_ascii_case(&d.code) {
        return true;
    }
    rules
        .iter()
        .find(|a| a.meta.code == d.code)
        .is_some_and(|a| selects(rule, &a.meta))
}

fn finding(
    code: &'static str,
    severity: Severity,
    item: usize,
    loc: crate::model::Loc,
    message: crate::i18n::Msg,
) -> Diagnostic {
    Diagnostic {
        code: code.into(),
        severity,
        message,
        help: None,
        item: Some(item),
        loc,
        fix: None,
    }
}
