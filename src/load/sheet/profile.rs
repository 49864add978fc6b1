//! Mapping profiles (`--profile FILE`, or the built-in ones under `profiles/`): name the columns
//! of an unusual spreadsheet layout or the keys of a JSON export.
//!
//! ```yaml
//! name: 广东政务服务网事项导出
//! detect: [TASK_CODE, TASK_NAME]     # keys that identify the export (auto-detection)
//! records: items.sub_items           # nested lists; the parents' scalar keys are inherited
//! columns: {TASK_CODE: implementation_code, material_intro: material.name}
//! derived: [{from: link, query: itemCode, to: code}]
//! empty_values: [无]                  # values meaning "none" for list/child columns
//! lacks: [{what: 办事情形, rules: [T004, T005]}]
//! header_row: 3                      # sheets: 1-based header row (default: detected)
//! fill_down: [main_item, sub_item]   # sheets: columns whose blank cells repeat the cell above
//! form: 权力清单                      # the list form of the files read (rules/forms.yaml)
//! ```

use crate::error::Error;
use crate::model::fields::{self, FieldDef, Scope};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// Keys that identify a JSON export; a built-in profile is chosen when all are present.
    #[serde(default)]
    pub detect: Vec<String>,
    /// Dotted path of nested record lists (JSON exports).
    #[serde(default)]
    pub records: String,
    /// Source column or key → field key (`name`, `time_limit.promised`, `material.name`, `scenario.name`…).
    #[serde(default)]
    pub columns: BTreeMap<String, String>,
    #[serde(default)]
    pub derived: Vec<Derived>,
    /// Values meaning "none" in list and child columns (`无` for 申请材料).
    #[serde(default)]
    pub empty_values: Vec<String>,
    /// Concepts the source format does not carry and the rules that therefore do not apply.
    #[serde(default)]
    pub lacks: Vec<Lack>,
    #[serde(default)]
    pub header_row: Option<usize>,
    #[serde(default)]
    pub fill_down: Option<Vec<String>>,
    /// The list form (清单形式: 权力清单, 责任清单 …) of the files read through this profile; it
    /// decides which rules apply (`rules/forms.yaml`).
    #[serde(default)]
    pub form: Option<String>,
    /// Sheets to read (default: all).
    #[serde(default)]
    pub sheets: Vec<String>,
}

/// A field taken from part of another value: a URL query parameter, optionally translated.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Derived {
    pub from: String,
    #[serde(default)]
    pub query: Option<String>,
    pub to: String,
    #[serde(default)]
    pub map: BTreeMap<String, String>,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lack {
    pub what: String,
    /// `what` in English (`--lang en`); the Chinese is said when there is none.
    #[serde(default)]
    pub what_en: Option<String>,
    pub rules: Vec<String>,
    /// The rules skip the missing columns themselves (see `NoteKind::Lacks`).
    #[serde(default)]
    pub columns_only: bool,
}

impl Lack {
    /// What is lacking, in the language of the messages.
    pub fn what(&self) -> &str {
        crate::i18n::t(&self.what, self.what_en.as_deref().unwrap_or(&self.what))
    }
}

/// Profiles shipped with the tool (the repository's `profiles/` folder), by file name.
pub static BUILTIN: &[(&str, &str)] = &[
    ("gd-gdzwfw.yaml", include_str!("../../../profiles/gd-gdzwfw.yaml")),
    ("sc-bszl.yaml", include_str!("../../../profiles/sc-bszl.yaml")),
];

impl Profile {
    pub fn load(path: &Path) -> Result<Profile, Error> {
        let p: Profile = crate::load::config_yaml::from_file(path)?;
        p.check(path)?;
        Ok(p)
    }

    pub fn builtin() -> Vec<Profile> {
        BUILTIN
            .iter()
            .filter_map(|(name, text)| crate::load::config_yaml::from_str::<Profile>(text, Path::new(name)).ok())
            .collect()
    }

    /// Every target must be a field the dictionary knows.
    fn check(&self, path: &Path) -> Result<(), Error> {
        for target in self.columns.values().chain(self.derived.iter().map(|d| &d.to)) {
            if target_field(target).is_none() {
                return Err(Error::plain(
                    Some(path),
                    format!(
                        "映射配置中的目标字段 “{target}” 不存在（可写 name、time_limit.promised、material.name 等）"
                    ),
                    format!(
                        "unknown target field '{target}' in the profile (use name, time_limit.promised, material.name …)"
                    ),
                ));
            }
        }
        Ok(())
    }

    /// The field a source column maps to, if the profile names it.
    pub fn column(&self, header: &str) -> Option<(Scope, &'static FieldDef)> {
        self.columns.get(header).and_then(|t| target_field(t))
    }

    pub fn is_empty_value(&self, v: &str) -> bool {
        self.empty_values.iter().any(|e| e == v.trim())
    }
}

/// `material.name` → (Material, 材料名称); `name` → (Item, 事项名称); Chinese names work too.
pub fn target_field(t: &str) -> Option<(Scope, &'static FieldDef)> {
    let (scope, key) = match t.split_once('.') {
        Some((p, rest)) => match child_scope(p) {
            Some(s) => (s, rest),
            None => (Scope::Item, t),
        },
        None => (Scope::Item, t),
    };
    fields::lookup(scope, key).map(|f| (scope, f))
}

/// The child scope of a prefix such as `material` / `申请材料`.
pub fn child_scope(p: &str) -> Option<Scope> {
    Some(match p {
        "scenario" | "scenarios" | "办事情形" | "情形" => Scope::Scenario,
        "material" | "materials" | "申请材料" | "材料" => Scope::Material,
        "point" | "acceptance_points" | "受理要点" => Scope::Point,
        "step" | "process" | "办理流程" => Scope::Step,
        "duty" | "supervision" | "监管责任" => Scope::Duty,
        _ => return None,
    })
}

/// A URL query parameter (`?a=1&itemCode=X` → `X`).
pub fn query_param<'a>(url: &'a str, name: &str) -> Option<&'a str> {
    let q = url.split_once('?')?.1;
    let q = q.split('#').next().unwrap_or(q);
    q.split('&').find_map(|kv| {
        let (k, v) = kv.split_once('=')?;
        (k == name).then_some(v)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn builtin_profiles_parse_and_map() {
        for (name, text) in BUILTIN {
            let p: Profile = crate::load::config_yaml::from_str(text, Path::new(name)).expect(name);
            p.check(Path::new(name)).expect(name);
        }
        assert_eq!(
            target_field("material.name").map(|(s, f)| (s, f.zh)),
            Some((Scope::Material, "材料名称"))
        );
        assert_eq!(query_param("http://x/y?a=1&itemCode=Z-1&b=2", "itemCode"), Some("Z-1"));
    }
}
