//! List forms (清单形式: 权力清单, 责任清单, 公共服务事项清单, 实施清单, 办事指南): what a catalog
//! says it is, or what its columns show, and which rules therefore do not apply to its items.
//! The table is data (`rules/forms.yaml`); the loaders record the result as `Lacks` notes, which
//! F023 reports once per file and the lint drops the findings of those rules for its items.

use super::sheet::header::Col;
use super::sheet::profile::{Lack, child_scope, target_field};
use crate::model::fields::F;
use crate::model::*;
use serde::Deserialize;
use std::sync::OnceLock;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Forms {
    forms: Vec<FormDef>,
    columns: Vec<ColumnLack>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FormDef {
    form: String,
    #[serde(default)]
    recognize: Option<Recognize>,
    lacks: Vec<Lack>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Recognize {
    /// Header spellings, or field keys (ASCII: `basis`) whose column is there.
    any: Vec<String>,
    none: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ColumnLack {
    what: String,
    #[serde(default)]
    what_en: Option<String>,
    /// A field (`material.name`), a child scope (`step`) or `*`: the lack counts only when the
    /// sheet has such a column.
    when: String,
    /// Columns that must all be there (fields or child scopes, as `when`).
    #[serde(default)]
    missing: Vec<String>,
    /// Columns of which at least one must be there.
    #[serde(default)]
    none_of: Vec<String>,
    rules: Vec<String>,
    /// The rules skip the missing columns themselves and keep running on the others.
    #[serde(default)]
    columns_only: bool,
}

fn table() -> &'static Forms {
    static T: OnceLock<Forms> = OnceLock::new();
    T.get_or_init(|| {
        let text = include_str!("../../rules/forms.yaml");
        // Embedded at build time and covered by a test: a broken table is a build defect.
        crate::load::config_yaml::from_str(text, std::path::Path::new("rules/forms.yaml"))
            .unwrap_or_else(|e| panic!("rules/forms.yaml: {}", e.msg.zh))
    })
}

/// The forms a catalog may name (`catalog: {form: …}`).
pub fn names() -> impl Iterator<Item = &'static str> {
    table().forms.iter().map(|f| f.form.as_str())
}

/// Whether a sheet column stands for `spec`: a field key (`material.name`, `conditions`) or a
/// whole child scope (`step`, `point`).
fn col_is(col: &Col, spec: &str) -> bool {
    let Col::Field(scope, def) = col else { return false };
    match child_scope(spec) {
        Some(s) => *scope == s,
        None => target_field(spec).is_some_and(|(s, d)| s == *scope && d.id == def.id),
    }
}

/// What one item sheet shows of its form: the form its columns match, and the concepts it has
/// no column for.
#[derive(Clone, Debug, Default)]
pub struct SheetFacts {
    pub form: Option<&'static str>,
    pub missing: Vec<&'static Lack>,
}

/// The facts of a sheet from its header row and column meanings.
pub fn sheet_facts(headers: &[&str], cols: &[Col]) -> SheetFacts {
    let t = table();
    let has = |spec: &str| spec == "*" || cols.iter().any(|c| col_is(c, spec));
    let form = t
        .forms
        .iter()
        .find(|f| {
            f.recognize.as_ref().is_some_and(|r| {
                r.any.iter().any(|a| {
                    headers.iter().any(|h| super::sheet::header::normalize(h) == *a) || (a.is_ascii() && has(a))
                }) && !r.none.iter().any(|n| has(n))
            })
        })
        .map(|f| f.form.as_str());
    let missing = column_lacks()
        .iter()
        .zip(&t.columns)
        .filter(|(_, c)| {
            has(&c.when)
                && (!c.missing.iter().all(|m| has(m)) || (!c.none_of.is_empty() && !c.none_of.iter().any(|m| has(m))))
        })
        .map(|(l, _)| l)
        .collect();
    SheetFacts { form, missing }
}

fn column_lacks() -> &'static [Lack] {
    static L: OnceLock<Vec<Lack>> = OnceLock::new();
    L.get_or_init(|| {
        table()
            .columns
            .iter()
            .map(|c| Lack {
                what: c.what.clone(),
                what_en: c.what_en.clone(),
                rules: c.rules.clone(),
                columns_only: c.columns_only,
            })
            .collect()
    })
}

/// The form a catalog names in its header (清单形式), with where it says so.
pub fn named(cat: &Catalog) -> Option<(String, Loc)> {
    let v = cat.header.fields.get(F::ListForm)?;
    Some((v.value.display().trim().to_string(), v.loc))
}

/// A form not named by the file itself: given by the user (`--form`, catalog.toml, a profile)
/// or judged from a sheet's columns.
#[derive(Clone, Copy, Debug)]
pub enum Judged<'a> {
    Stated(&'a str),
    Columns(&'a str),
}

/// A form given on the command line or in catalog.toml must be one the table knows.
pub fn check_option(form: Option<&str>) -> Result<(), crate::error::Error> {
    match form {
        Some(f) if !is_known(f) => {
            let known = names().collect::<Vec<_>>();
            Err(crate::error::Error::plain(
                None,
                format!("未知的清单形式“{f}”：应为 {} 之一", known.join("、")),
                format!("unknown list form '{f}': expected one of {}", known.join(", ")),
            ))
        }
        _ => Ok(()),
    }
}

/// Record, once for the file, the rules its form does not call for: the form it names (else
/// the one given or judged) and the concepts its sheets have no column for. A form the file
/// names that the table does not know is noted as a value that does not fit (F021).
pub fn apply(cat: &mut Catalog, given: Option<Judged>, missing: &[&Lack], at: Loc) {
    let (form, loc, how) = match (named(cat), given) {
        (Some((f, loc)), _) => (Some(f), loc, ("写明", "as stated")),
        (None, Some(Judged::Stated(f))) => (Some(f.to_string()), at, ("指定", "as given")),
        (None, Some(Judged::Columns(f))) => (Some(f.to_string()), at, ("由表格的列判断", "judged from its columns")),
        (None, None) => (None, at, ("", "")),
    };
    if let Some(f) = &form
        && !is_known(f)
    {
        cat.notes.push(Note {
            loc,
            kind: NoteKind::BadValue,
            detail: format!("{}={f}", F::ListForm.zh()),
        });
    }
    let form = form.map(|f| {
        let detail = crate::i18n::t(
            &format!("清单形式为{f}（{}）", how.0),
            &format!("the list form is {f} ({})", how.1),
        )
        .to_string();
        (f, loc, detail)
    });
    let columns = crate::i18n::t("表格的列", "the sheet's columns");
    let notes = lack_notes(form, missing, (at, columns), None, Vec::new());
    cat.notes.extend(notes);
}

/// Record what one sheet of a workbook lacks beyond what the whole file does (after [`apply`]):
/// the form its own columns show, when the sheets do not agree on one, and the concepts only
/// it has no column for. Said once for the sheet, at `at`, and only its items are spared.
pub fn apply_sheet(cat: &mut Catalog, sheet: u16, form: Option<&str>, missing: &[&Lack], at: Loc) {
    let said_for_file: Vec<String> = cat
        .notes
        .iter()
        .filter_map(|n| match &n.kind {
            NoteKind::Lacks {
                rules,
                sheet: None,
                columns_only: false,
                ..
            } => Some(rules.iter().cloned()),
            _ => None,
        })
        .flatten()
        .collect();
    let form = form.map(|f| {
        let detail = crate::i18n::t(
            &format!("清单形式为{f}（由这张工作表的列判断）"),
            &format!("the list form is {f} (judged from this sheet's columns)"),
        )
        .to_string();
        (f.to_string(), at, detail)
    });
    let columns = crate::i18n::t("这张工作表的列", "this sheet's columns");
    let notes = lack_notes(form, missing, (at, columns), Some(sheet), said_for_file);
    cat.notes.extend(notes);
}

/// The notes of what a form lacks (at the form's place, with its detail) and of the columns
/// missing (at `columns.0`, detail `columns.1`), each rule said once: a form without these
/// concepts already says so, the column facts add what it does not, and nothing in `covered`
/// (said before) is said again.
fn lack_notes(
    form: Option<(String, Loc, String)>,
    missing: &[&Lack],
    columns: (Loc, &str),
    sheet: Option<u16>,
    mut covered: Vec<String>,
) -> Vec<Note> {
    let mut notes = Vec::new();
    if let Some((form, loc, detail)) = &form
        && let Some(def) = table().forms.iter().find(|f| f.form == *form)
    {
        for l in &def.lacks {
            notes.push(lack_note(*loc, l, detail, sheet));
            covered.extend(l.rules.iter().cloned());
        }
    }
    let from_columns = notes.len();
    for l in missing {
        // Columns that lift the same rules (T020's 收费, 审批结果 …) are named in one note.
        let same = notes[from_columns..]
            .iter_mut()
            .find(|n| matches!(&n.kind, NoteKind::Lacks { rules, columns_only, .. } if *rules == l.rules && *columns_only == l.columns_only));
        if let Some(Note {
            kind: NoteKind::Lacks { what, .. },
            ..
        }) = same
        {
            what.push_str(crate::i18n::t("、", ", "));
            what.push_str(l.what());
        } else if !l.rules.iter().all(|r| covered.contains(r)) {
            notes.push(lack_note(columns.0, l, columns.1, sheet));
            if !l.columns_only {
                covered.extend(l.rules.iter().cloned());
            }
        }
    }
    notes
}

fn lack_note(loc: Loc, l: &Lack, detail: &str, sheet: Option<u16>) -> Note {
    Note {
        loc,
        kind: NoteKind::Lacks {
            what: l.what().to_string(),
            rules: l.rules.clone(),
            sheet,
            columns_only: l.columns_only,
        },
        detail: detail.to_string(),
    }
}

/// Whether a form name is one the table knows.
pub fn is_known(form: &str) -> bool {
    names().any(|n| n == form)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fields::{FieldDef, Scope};

    fn field(scope: Scope, f: F) -> Col {
        let d: &'static FieldDef = f.def();
        Col::Field(scope, d)
    }

    #[test]
    fn table_parses_and_names_the_dictionary_forms() {
        // The table's order is the recognition order; the dictionary lists the same forms.
        let mut from_dictionary: Vec<&str> = F::ListForm.def().values.to_vec();
        let mut from_table: Vec<&str> = names().collect();
        from_dictionary.sort_unstable();
        from_table.sort_unstable();
        assert_eq!(from_table, from_dictionary);
        for c in &table().columns {
            for spec in std::iter::once(&c.when).chain(&c.missing).chain(&c.none_of) {
                assert!(
                    spec == "*" || child_scope(spec).is_some() || target_field(spec).is_some(),
                    "{spec}"
                );
            }
        }
        for f in &table().forms {
            for spec in f.recognize.iter().flat_map(|r| &r.none) {
                assert!(child_scope(spec).is_some() || target_field(spec).is_some(), "{spec}");
            }
        }
    }

    #[test]
    fn power_list_recognized_from_its_columns() {
        let headers = ["序号", "权力编码", "权力事项名称", "子项名称", "权力类型"];
        let cols = [
            Col::Seq,
            field(Scope::Item, F::Code),
            field(Scope::Item, F::MainItem),
            field(Scope::Item, F::SubItem),
            field(Scope::Item, F::Phylum),
        ];
        assert_eq!(sheet_facts(&headers, &cols).form, Some("权力清单"));
        // A guide names its power type too, but has time limits and materials.
        let headers = ["事项名称", "权力类型", "承诺时限", "申请材料"];
        let cols = [
            field(Scope::Item, F::Name),
            field(Scope::Item, F::Phylum),
            field(Scope::Item, F::Promised),
            field(Scope::Material, F::MaterialName),
        ];
        let facts = sheet_facts(&headers, &cols);
        assert_eq!(facts.form, None);
        let missing: Vec<&str> = facts
            .missing
            .iter()
            .flat_map(|l| &l.rules)
            .map(String::as_str)
            .collect();
        assert!(missing.contains(&"T007") && missing.contains(&"L005") && missing.contains(&"T005"));
    }
}
