//! A 一件事 page: the items in order as steps, each material listed once — those every
//! situation of a step needs, then what each situation adds — a material produced by an earlier
//! step (its 办理结果, e.g. 营业执照) marked as such, and the bundle's totals (time, visits).

use super::attach::Attachments;
use super::site::{ItemLink, link, sample_of};
use super::view::{Attachment, FieldRow, MATERIAL_SKIP, material_summary, rows};
use crate::model::fields::F;
use crate::model::{Item, Material};
use serde::Serialize;

#[derive(Clone, Debug, Serialize)]
pub struct BundleMaterial {
    pub name: String,
    /// [`material_summary`].
    pub summary: String,
    pub rows: Vec<FieldRow>,
    pub sample: Option<Attachment>,
    /// Obtained by data sharing: nothing to bring.
    pub shared: bool,
    /// The step (1-based) whose result this material is: nothing to bring either.
    pub produced_by: Option<usize>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Situation {
    pub name: String,
    pub materials: Vec<BundleMaterial>,
}

#[derive(Clone, Debug, Serialize)]
pub struct BundleStep {
    pub no: usize,
    pub item: ItemLink,
    pub result: Option<String>,
    pub promised: Option<String>,
    pub visits: Option<u32>,
    /// Materials every situation of this step needs.
    pub common: Vec<BundleMaterial>,
    /// Situations (办事情形) with what each adds; empty when the item has one situation.
    pub situations: Vec<Situation>,
    /// Materials already listed at an earlier step: (name, step).
    pub again: Vec<(String, usize)>,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct Totals {
    pub steps: usize,
    /// Sum of the steps' promised work days, when every step's limit is known.
    pub work_days: Option<String>,
    /// Steps whose promised limit is missing or not a duration.
    pub unknown_time: usize,
    pub visits: Option<u32>,
    /// Materials to bring across the whole bundle (listed once; shared and produced ones excluded).
    pub to_bring: usize,
}

/// The steps of a bundle whose items are `members` (catalog indices, in the bundle's order).
pub fn steps(items: &[Item], members: &[usize], hrefs: &[String], att: &Attachments) -> (Vec<BundleStep>, Totals) {
    let mut out: Vec<BundleStep> = Vec::new();
    // Material name → the step that first lists it.
    let mut listed: Vec<(String, usize)> = Vec::new();
    let mut results: Vec<(String, usize)> = Vec::new();
    let mut totals = Totals::default();
    let mut days = 0.0;
    let mut visits = Some(0u32);
    for (k, &i) in members.iter().enumerate() {
        let no = k + 1;
        let it = &items[i];
        let mut step = BundleStep {
            no,
            item: link(it, format!("../{}", hrefs[i])),
            result: it
                .text(F::Result)
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty()),
            promised: it.fields.time(F::Promised).map(|t| t.value.raw.trim().to_string()),
            visits: it.fields.int(F::Visits).map(|v| v.value),
            common: Vec::new(),
            situations: Vec::new(),
            again: Vec::new(),
        };
        match it.fields.time(F::Promised).and_then(|t| t.value.work_days()) {
            Some(d) => days += d,
            None => totals.unknown_time += 1,
        }
        visits = match (visits, step.visits) {
            (Some(a), Some(b)) => Some(a + b),
            _ => None,
        };
        let take = |m: &Material, listed: &mut Vec<(String, usize)>, again: &mut Vec<(String, usize)>| {
            let name = m.name().unwrap_or("（未命名材料）").trim().to_string();
            if let Some((_, at)) = listed.iter().find(|(n, _)| *n == name) {
                if !again.iter().any(|(n, _)| *n == name) {
                    again.push((name, *at));
                }
                return None;
            }
            listed.push((name.clone(), no));
            Some(material(m, name, &results, att))
        };
        let named: Vec<Vec<&str>> = it
            .scenarios
            .iter()
            .map(|s| s.materials.iter().filter_map(|m| m.name().map(str::trim)).collect())
            .collect();
        // A material every situation names is listed once, under 各情形都需要.
        let in_all = |n: &str| named.len() > 1 && named.iter().all(|ms| ms.contains(&n));
        for m in it.scenarios.iter().flat_map(|s| &s.materials) {
            let n = m.name().map(str::trim).unwrap_or("");
            if (named.len() <= 1 || in_all(n))
                && !step.common.iter().any(|c| c.name == n)
                && let Some(bm) = take(m, &mut listed, &mut step.again)
            {
                step.common.push(bm);
            }
        }
        if named.len() > 1 {
            for (si, s) in it.scenarios.iter().enumerate() {
                let mut sit = Situation {
                    name: s
                        .name()
                        .map(|n| n.trim().to_string())
                        .unwrap_or_else(|| format!("情形 {}", si + 1)),
                    materials: Vec::new(),
                };
                for m in &s.materials {
                    let n = m.name().map(str::trim).unwrap_or("");
                    if in_all(n) {
                        continue;
                    }
                    // Two situations may need the same extra material: each lists it.
                    let name = n.to_string();
                    if step.common.iter().any(|c| c.name == name) || sit.materials.iter().any(|c| c.name == name) {
                        continue;
                    }
                    match listed.iter().find(|(l, at)| *l == name && *at < no) {
                        Some((_, at)) => {
                            if !step.again.iter().any(|(a, _)| *a == name) {
                                step.again.push((name, *at));
                            }
                        }
                        None => {
                            if !listed.iter().any(|(l, _)| *l == name) {
                                listed.push((name.clone(), no));
                            }
                            sit.materials.push(material(m, name, &results, att));
                        }
                    }
                }
                step.situations.push(sit);
            }
        }
        if let Some(r) = &step.result {
            results.push((r.clone(), no));
        }
        out.push(step);
    }
    totals.steps = out.len();
    if totals.unknown_time == 0 && !out.is_empty() {
        totals.work_days = Some(crate::model::value::format_num((days * 10.0).round() / 10.0));
    }
    totals.visits = visits.filter(|_| !out.is_empty());
    let mut bring: Vec<&str> = Vec::new();
    for m in out
        .iter()
        .flat_map(|s| s.common.iter().chain(s.situations.iter().flat_map(|x| &x.materials)))
    {
        if !m.shared && m.produced_by.is_none() && !bring.contains(&m.name.as_str()) {
            bring.push(&m.name);
        }
    }
    totals.to_bring = bring.len();
    (out, totals)
}

fn material(m: &Material, name: String, results: &[(String, usize)], att: &Attachments) -> BundleMaterial {
    let produced_by = produced(&name, results);
    let shared = m.fields.bool(F::Shared).unwrap_or(false);
    BundleMaterial {
        name,
        summary: material_summary(&m.fields, !shared && produced_by.is_none()),
        rows: rows(&m.fields, MATERIAL_SKIP),
        sample: sample_of(att, m, F::Sample),
        shared,
        produced_by,
    }
}

/// The earlier step whose 办理结果 this material is: the names are equal, or one holds the
/// other (营业执照 / 营业执照副本); results shorter than 3 characters are too vague to match.
fn produced(name: &str, results: &[(String, usize)]) -> Option<usize> {
    let n: String = name.chars().filter(|c| !c.is_whitespace()).collect();
    results.iter().find_map(|(r, at)| {
        let r: String = r.chars().filter(|c| !c.is_whitespace()).collect();
        let close = r == n || (r.chars().count() >= 3 && (n.contains(&r) || r.contains(&n) && n.chars().count() >= 3));
        close.then_some(*at)
    })
}

#[cfg(test)]
mod tests {
    use super::produced;

    #[test]
    fn results_of_earlier_steps() {
        let r = vec![("营业执照".to_string(), 1)];
        assert_eq!(produced("营业执照", &r), Some(1));
        assert_eq!(produced("营业执照副本", &r), Some(1));
        assert_eq!(produced("经营场所使用证明", &r), None);
        assert_eq!(produced("事业单位法人证书", &r), None);
        assert_eq!(produced("证", &[("证".into(), 1)]), Some(1));
        assert_eq!(produced("许可证", &[("证".into(), 1)]), None);
    }
}
