//! Rules: one rule per file, its page written right above it as a doc comment (Chinese, then
//! `---`, then English); `registry` maps codes to rules. A rule never parses and never prints.

pub mod basis;
pub mod bundle;
pub mod code;
pub mod cross_level;
pub mod declarative;
pub mod duty;
pub mod format;
pub mod material;
pub mod registry;
pub mod taxonomy;
pub mod template;
pub mod time_limit;
pub mod visits;
pub mod wording;

use crate::diag::{Diagnostic, Fix, Severity};
use crate::i18n::Msg;
use crate::model::fields::FieldSet;
use crate::model::taxonomy::Taxonomy;
use crate::model::{Catalog, F, FileId, Item, Loc};
use std::borrow::Cow;

/// Rule pages extracted from the doc comments of `src/rules/**` by build.rs.
pub mod docs {
    include!(concat!(env!("OUT_DIR"), "/rule_docs.rs"));

    /// The (Chinese, English) page of a rule struct.
    pub fn page(name: &str) -> (&'static str, &'static str) {
        PAGES
            .iter()
            .find(|(n, _, _)| *n == name)
            .map(|(_, zh, en)| (*zh, *en))
            .unwrap_or(("", ""))
    }
}

/// The page of the rule struct `$name`, taken from its doc comment.
#[macro_export]
macro_rules! page {
    ($name:ident) => {{
        let (zh, en) = $crate::rules::docs::page(stringify!($name));
        $crate::rules::Page {
            zh: zh.into(),
            en: en.into(),
        }
    }};
}

/// Rule families; a family's letter starts its codes (T001 …).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub enum Family {
    /// F: the file itself (unknown keys, suppressions)
    Format,
    /// T: the five-part template
    Template,
    /// X: taxonomy integrity
    Taxonomy,
    /// K: codes (编码)
    Code,
    /// B: legal basis (设定依据)
    Basis,
    /// L: time limits (时限)
    TimeLimit,
    /// V: visits (最多跑一次)
    Visits,
    /// W: wording (用语)
    Wording,
    /// M: materials
    Material,
    /// D: responsibility (责任清单)
    Duty,
    /// S: cross-level (四级四同)
    CrossLevel,
    /// U: 一件事 bundles
    Bundle,
    /// C: user-defined declarative rules
    Custom,
}

impl Family {
    pub const ALL: [Family; 13] = [
        Family::Format,
        Family::Template,
        Family::Taxonomy,
        Family::Code,
        Family::Basis,
        Family::TimeLimit,
        Family::Visits,
        Family::Wording,
        Family::Material,
        Family::Duty,
        Family::CrossLevel,
        Family::Bundle,
        Family::Custom,
    ];
    pub fn letter(self) -> &'static str {
        match self {
            Family::Format => "F",
            Family::Template => "T",
            Family::Taxonomy => "X",
            Family::Code => "K",
            Family::Basis => "B",
            Family::TimeLimit => "L",
            Family::Visits => "V",
            Family::Wording => "W",
            Family::Material => "M",
            Family::Duty => "D",
            Family::CrossLevel => "S",
            Family::Bundle => "U",
            Family::Custom => "C",
        }
    }
    pub fn zh(self) -> &'static str {
        match self {
            Family::Format => "文件",
            Family::Template => "模板",
            Family::Taxonomy => "分类",
            Family::Code => "编码",
            Family::Basis => "依据",
            Family::TimeLimit => "时限",
            Family::Visits => "跑动",
            Family::Wording => "用语",
            Family::Material => "材料",
            Family::Duty => "责任",
            Family::CrossLevel => "四级四同",
            Family::Bundle => "一件事",
            Family::Custom => "自定义",
        }
    }
    pub fn en(self) -> &'static str {
        match self {
            Family::Format => "format",
            Family::Template => "template",
            Family::Taxonomy => "taxonomy",
            Family::Code => "codes",
            Family::Basis => "basis",
            Family::TimeLimit => "time-limits",
            Family::Visits => "visits",
            Family::Wording => "wording",
            Family::Material => "materials",
            Family::Duty => "responsibility",
            Family::CrossLevel => "cross-level",
            Family::Bundle => "bundles",
            Family::Custom => "custom",
        }
    }
    pub fn name(self) -> &'static str {
        crate::i18n::t(self.zh(), self.en())
    }
    /// A family by its letter, Chinese or English name.
    pub fn parse(s: &str) -> Option<Family> {
        Family::ALL
            .into_iter()
            .find(|f| f.letter() == s || f.zh() == s || f.en() == s)
    }
}

/// A rule page: what it checks, why, how to fix, with an example — in both languages.
#[derive(Clone, Debug, Default)]
pub struct Page {
    pub zh: Cow<'static, str>,
    pub en: Cow<'static, str>,
}

#[derive(Clone, Debug)]
pub struct RuleMeta {
    /// Stable code, e.g. `T003`.
    pub code: Cow<'static, str>,
    /// kebab-case name, e.g. `scenario-without-acceptance-point`.
    pub name: Cow<'static, str>,
    pub family: Family,
    pub severity: Severity,
    pub summary: Msg,
    pub page: Page,
}

impl RuleMeta {
    pub fn new(
        code: &'static str,
        name: &'static str,
        family: Family,
        severity: Severity,
        summary_zh: &'static str,
        summary_en: &'static str,
        page: Page,
    ) -> RuleMeta {
        RuleMeta {
            code: code.into(),
            name: name.into(),
            family,
            severity,
            summary: Msg::new(summary_zh, summary_en),
            page,
        }
    }
}

/// Options rules read (set from catalog.toml and the command line).
#[derive(Clone, Debug)]
pub struct RuleOptions {
    /// 最多跑一次: the most visits an item may require.
    pub visit_limit: u32,
    /// Required fields per item type (门) from catalog.toml, replacing the built-in list for that type.
    pub required: std::collections::BTreeMap<String, Vec<String>>,
    /// The law registry with a user's own laws added (catalog.toml `law_registry`); None: the built-in one.
    pub law_registry: Option<std::sync::Arc<crate::laws::Registry>>,
}

impl RuleOptions {
    /// The law registry B010–B012 check citations against.
    pub fn laws(&self) -> &crate::laws::Registry {
        match &self.law_registry {
            Some(r) => r,
            None => crate::laws::Registry::builtin(),
        }
    }
}

impl Default for RuleOptions {
    fn default() -> Self {
        RuleOptions {
            visit_limit: 1,
            required: Default::default(),
            law_registry: None,
        }
    }
}

/// Item types of the public-service kind: no legal basis of their own to cite (B001), no
/// conditions needed when the sheet says 无 (T005).
pub const SERVICE_TYPES: [&str; 2] = ["公共服务", "便民服务"];

/// Whether the item is a public service, by its type or its list kind (清单类别).
pub fn public_service(item: &Item) -> bool {
    item.text(F::Phylum)
        .is_some_and(|t| SERVICE_TYPES.contains(&crate::text::trim(t)))
        || item
            .text(F::Kingdom)
            .is_some_and(|k| crate::text::trim(k) == "公共服务")
}

/// What every rule can read.
pub struct Ctx<'a> {
    pub catalog: &'a Catalog,
    pub taxonomy: &'a Taxonomy,
    pub options: &'a RuleOptions,
    /// The upper-level catalog this one implements, when given (四级四同).
    pub base: Option<&'a Catalog>,
    /// Item indices by 事项编码, made when a rule first asks ([`Ctx::by_code`]): only a few
    /// whole-catalog rules do, and a check of items as they are read needs none.
    by_code: std::sync::OnceLock<foldhash::HashMap<&'a str, Vec<usize>>>,
    /// Whether files exist, asked once per worker thread, source file and path: thousands of
    /// items cite the same samples, and a cache per thread keeps the workers from waiting on
    /// each other (and a lookup from allocating).
    exists: Vec<std::sync::Mutex<ExistsCache>>,
    /// What each source calls a field, when not by the dictionary's name (`Ctx::field_name`).
    labels: Vec<(FileId, Option<u16>, F, &'a str)>,
    /// The sheet column of each field and its header, from the labels noted at header cells
    /// (`Ctx::at`).
    columns: Vec<(FileId, u16, F, u32, &'a str)>,
    /// The cells that said a list is empty (`无` in a 申请材料 cell), sorted: where the source
    /// stated "none", a rule asking for the list is not looking at a gap.
    none_given: Vec<(Loc, F)>,
    /// Of those noted at a 情形 joined from a related sheet, the cell that said it (sorted).
    none_said_at: Vec<(Loc, F, Loc)>,
    /// Blank CSV cells that may have lost a merge from the value above (`NoteKind::MergeLost`),
    /// with that value, sorted.
    merge_lost: Vec<(Loc, F, &'a str)>,
}

/// What `pick` takes from the catalog's notes, sorted (for [`noted_at`]'s look-ups).
fn sorted_notes<'a, T: Ord>(catalog: &'a Catalog, pick: impl Fn(&'a crate::model::Note) -> Option<T>) -> Vec<T> {
    let mut v: Vec<T> = catalog.notes.iter().filter_map(pick).collect();
    v.sort_unstable();
    v
}

/// The value noted for field `f` at `loc` in a list of [`sorted_notes`].
fn noted_at<T: Copy + Ord>(notes: &[(Loc, F, T)], loc: Loc, f: F) -> Option<T> {
    let k = notes.partition_point(|(l, g, _)| (*l, *g) < (loc, f));
    notes
        .get(k)
        .filter(|(l, g, _)| *l == loc && *g == f)
        .map(|(_, _, v)| *v)
}

/// The fields an item's name is read from, one standing for another (`Item::sub_item`).
const NAMES: [F; 3] = [F::Name, F::MainItem, F::SubItem];

/// Per source file, the relative paths asked about and whether they exist beside it.
type ExistsCache = foldhash::HashMap<FileId, foldhash::HashMap<String, bool>>;

impl<'a> Ctx<'a> {
    pub fn new(
        catalog: &'a Catalog,
        taxonomy: &'a Taxonomy,
        options: &'a RuleOptions,
        base: Option<&'a Catalog>,
    ) -> Self {
        Ctx {
            catalog,
            taxonomy,
            options,
            base,
            by_code: Default::default(),
            exists: (0..=rayon::current_num_threads()).map(|_| Default::default()).collect(),
            columns: catalog
                .notes
                .iter()
                .filter_map(|n| match (&n.kind, n.loc.pos) {
                    (crate::model::NoteKind::Label { field, label }, crate::model::Pos::Cell { sheet, col, .. }) => {
                        Some((n.loc.file, sheet, *field, col, label.as_str()))
                    }
                    _ => None,
                })
                .collect(),
            none_given: sorted_notes(catalog, |n| match n.kind {
                crate::model::NoteKind::NoneGiven { field, .. } => Some((n.loc, field)),
                _ => None,
            }),
            none_said_at: sorted_notes(catalog, |n| match n.kind {
                crate::model::NoteKind::NoneGiven {
                    field,
                    said_at: Some(at),
                } => Some((n.loc, field, at)),
                _ => None,
            }),
            merge_lost: sorted_notes(catalog, |n| match n.kind {
                crate::model::NoteKind::MergeLost { field } => Some((n.loc, field, n.detail.as_str())),
                _ => None,
            }),
            labels: catalog
                .notes
                .iter()
                .filter_map(|n| match &n.kind {
                    crate::model::NoteKind::Label { field, label } => {
                        let sheet = match n.loc.pos {
                            crate::model::Pos::Cell { sheet, .. } => Some(sheet),
                            _ => None,
                        };
                        Some((n.loc.file, sheet, *field, label.as_str()))
                    }
                    _ => None,
                })
                .collect(),
        }
    }
    /// Item indices by 事项编码 (trimmed).
    pub fn by_code(&self) -> &foldhash::HashMap<&'a str, Vec<usize>> {
        self.by_code.get_or_init(|| {
            let mut by_code: foldhash::HashMap<&str, Vec<usize>> = Default::default();
            for (i, it) in self.catalog.items.iter().enumerate() {
                if let Some(c) = it.code() {
                    by_code.entry(c.trim()).or_default().push(i);
                }
            }
            by_code
        })
    }
    /// The item a note about a record belongs to: the last item of the note's file that starts
    /// at or before it (records are read in order).
    pub fn item_at(&self, loc: Loc) -> Option<usize> {
        self.catalog
            .items
            .iter()
            .rposition(|it| it.loc.file == loc.file && it.loc <= loc)
    }
    /// Where to report a field of an item: its value, else — for an item read from a sheet —
    /// the item's cell in that field's column (the empty 设定依据 cell), else the item.
    pub fn at(&self, item: &crate::model::Item, f: F) -> Loc {
        item.fields
            .loc(f)
            .or_else(|| self.column_cell(item, f))
            .unwrap_or(item.loc)
    }
    /// Whether the item was read from a sheet that has no column for `f` at all: a blank there
    /// is the sheet's layout, said once (F023), not a gap in this item.
    pub fn sheet_lacks(&self, item: &crate::model::Item, f: F) -> bool {
        matches!(item.loc.pos, crate::model::Pos::Cell { .. }) && self.column_cell(item, f).is_none()
    }
    /// The item's cell in the column of `f` of the sheet it was read from, if that sheet has one.
    fn column_cell(&self, item: &crate::model::Item, f: F) -> Option<Loc> {
        self.cell_in_row(item.loc, f)
    }
    /// The cell of the column of `f` in the row of `loc`, when `loc` is a cell of a sheet that
    /// has such a column (a 情形's empty 受理条件 cell on its row).
    pub fn cell_in_row(&self, loc: Loc, f: F) -> Option<Loc> {
        let crate::model::Pos::Cell { sheet, row, .. } = loc.pos else {
            return None;
        };
        self.columns
            .iter()
            .find(|(file, s, g, ..)| *file == loc.file && *s == sheet && *g == f)
            .map(|&(file, s, _, col, _)| Loc::cell(file, s, row, col))
    }
    /// Whether the source said there is no `f` at the row of `loc` (a 申请材料 cell of `无` on a
    /// 情形's row), rather than leaving it out.
    pub fn said_none(&self, loc: Loc, f: F) -> bool {
        !self.none_given.is_empty()
            && (self.none_given.binary_search(&(loc, f)).is_ok()
                || self
                    .cell_in_row(loc, f)
                    .is_some_and(|c| self.none_given.binary_search(&(c, f)).is_ok()))
    }
    /// The cell of a related sheet that said there is no `f` for the 情形 at `loc` (a 申请材料
    /// sheet's 无 row joined to it), when one did.
    pub fn none_said_at(&self, loc: Loc, f: F) -> Option<Loc> {
        noted_at(&self.none_said_at, loc, f)
    }
    /// A finding that `f` is blank at `at`, where a CSV may have lost the merge that gave the cell
    /// the value above it (`A | B | 空` under one 主项, `NoteKind::MergeLost`): a warning that
    /// says so, since the CSV cannot tell a merged run from a row that left its value out.
    pub fn soften_if_merge_lost(&self, d: &mut Diagnostic, at: Loc, f: F) {
        let Some(above) = noted_at(&self.merge_lost, at, f) else {
            return;
        };
        d.severity = Severity::Warning;
        let short: String = above.chars().take(30).collect();
        d.message = Msg {
            zh: format!(
                "{}（CSV 不保留合并单元格：此格也可能是上方“{}”合并而来，请对照原表）",
                d.message.zh, short
            )
            .into(),
            en: format!(
                "{} (a CSV keeps no merged cells: the cell may also have been merged with '{}' above; check the workbook)",
                d.message.en, short
            )
            .into(),
        };
    }
    /// The name of another sheet of `loc`'s workbook holding the column of `f`, when `loc`'s own
    /// sheet has none (a 申请材料 sheet beside the 基本信息 sheet).
    fn other_sheet(&self, loc: Loc, f: F) -> Option<&str> {
        let crate::model::Pos::Cell { sheet, .. } = loc.pos else {
            return None;
        };
        let on = |s: u16| {
            self.columns
                .iter()
                .any(|(file, cs, g, ..)| *file == loc.file && *cs == s && *g == f)
        };
        if on(sheet) {
            return None;
        }
        let (_, other, ..) = self
            .columns
            .iter()
            .find(|(file, s, g, ..)| *file == loc.file && *s != sheet && *g == f)?;
        self.catalog
            .sources
            .get(loc.file as usize)?
            .sheets
            .get(*other as usize)
            .map(String::as_str)
    }
    /// The file beside `loc`'s holding the column of `f`, when `loc`'s own file has none: a
    /// related CSV file of one export (申请材料.csv beside 事项.csv, read together).
    fn other_file(&self, loc: Loc, f: F) -> Option<&str> {
        let sources = &self.catalog.sources;
        let own = sources.get(loc.file as usize)?;
        if own.kind != crate::model::SourceKind::Csv
            || self.columns.iter().any(|(file, _, g, ..)| *file == loc.file && *g == f)
        {
            return None;
        }
        let (other, ..) = self.columns.iter().find(|(file, _, g, ..)| {
            *g == f
                && sources
                    .get(*file as usize)
                    .is_some_and(|s| s.kind == crate::model::SourceKind::Csv && s.path.parent() == own.path.parent())
        })?;
        let path = &sources.get(*other as usize)?.path;
        path.file_name()?.to_str()
    }
    /// The kind of file `loc` is in (`None` for a place in no file).
    pub fn source_kind(&self, loc: Loc) -> Option<crate::model::SourceKind> {
        self.catalog.sources.get(loc.file as usize).map(|s| s.kind)
    }
    /// What to fill in, said in the terms of the item's own source: a YAML key for a YAML file,
    /// the column for a sheet, the field (and its key) for an export — never `visit_reason:` to
    /// an Excel user.
    pub fn fill_in(&self, loc: Loc, f: F) -> Msg {
        let def = f.def();
        let (zh, en) = self.field_name(loc, f);
        match self.source_kind(loc) {
            Some(crate::model::SourceKind::Yaml) | None => {
                crate::msg!("填写 {}:（{}）", def.key, def.zh; "add {}: ({})", def.key, def.en)
            }
            Some(crate::model::SourceKind::Sheet | crate::model::SourceKind::Csv) => match self.other_sheet(loc, f) {
                // A workbook of related sheets: the column is on the detail sheet, not the row's.
                Some(sheet) => crate::msg!("在“{}”工作表的“{}”列为这个事项填写", sheet, zh;
                    "fill in the '{}' column of sheet '{}' for this item", en, sheet),
                // An export's related CSV file holds the column.
                None => match self.other_file(loc, f) {
                    Some(file) => crate::msg!("在“{}”文件的“{}”列为这个事项填写", file, zh;
                        "fill in the '{}' column of file '{}' for this item", en, file),
                    None => crate::msg!("在“{}”列填写", zh; "fill in the '{}' column", en),
                },
            },
            Some(crate::model::SourceKind::Json) => {
                crate::msg!("在来源系统中填写{}", zh; "fill in the {} in the source system", en)
            }
        }
    }
    /// `yaml` (which names YAML keys) for an item read from YAML, else what to fill in of `f` in
    /// the terms of its own source (`fill_in`).
    pub fn help_for(&self, loc: Loc, f: F, yaml: Msg) -> Msg {
        match self.source_kind(loc) {
            Some(crate::model::SourceKind::Yaml) | None => yaml,
            _ => self.fill_in(loc, f),
        }
    }
    /// The column a sheet's clerk knows the field by (权限划分, 法律依据), for a message that names
    /// the field in passing; the dictionary's name for any other source (an export's messages
    /// keep theirs: the key is said where the value is quoted, by [`Ctx::field_name`]).
    pub fn column_name(&self, loc: Loc, f: F) -> String {
        match self.source_kind(loc) {
            Some(crate::model::SourceKind::Sheet | crate::model::SourceKind::Csv) => self.field_name(loc, f).0,
            _ => f.zh().to_string(),
        }
    }
    /// The field's name for a message about a value at `loc`, in the user's own source: the
    /// dictionary's name with the export key or column header the file uses, when it differs
    /// (`受理条件（accept_standard）`), as (Chinese, English).
    pub fn field_name(&self, loc: Loc, f: F) -> (String, String) {
        let def = f.def();
        let sheet = matches!(
            self.source_kind(loc),
            Some(crate::model::SourceKind::Sheet | crate::model::SourceKind::Csv)
        );
        // The label of the value's own sheet (a workbook's sheets may head one field apart:
        // 具体工作事项 on one, 职责事项 on the next), else the file's.
        let own_sheet = match loc.pos {
            crate::model::Pos::Cell { sheet, .. } => Some(sheet),
            _ => None,
        };
        // The value's own column first: an item's name read from the 主项 column (an item not
        // split into 子项) is named by that column's header, not by the 子项 column's.
        let in_column = match loc.pos {
            crate::model::Pos::Cell { sheet: s, col, .. } if sheet => self
                .columns
                .iter()
                .find(|(file, sh, g, c, _)| {
                    *file == loc.file && *sh == s && *c == col && (*g == f || NAMES.contains(g) && NAMES.contains(&f))
                })
                .map(|(.., l)| *l),
            _ => None,
        };
        let label = in_column.or_else(|| {
            self.labels
                .iter()
                .find(|(file, s, g, _)| *file == loc.file && own_sheet.is_some() && *s == own_sheet && *g == f)
                .or_else(|| self.labels.iter().find(|(file, _, g, _)| *file == loc.file && *g == f))
                .map(|(.., l)| *l)
        });
        match label {
            // A sheet's header is the clerk's own name for the column: said as it is, and in
            // English beside the field's name (the sheet's reader finds the column by it).
            Some(l) if sheet => (l.to_string(), format!("{} ({})", def.en, l)),
            Some(l) if l != def.zh => (format!("{}（{}）", def.zh, l), format!("{} ({})", def.en, l)),
            _ => (def.zh.to_string(), def.en.to_string()),
        }
    }
    /// Whether `rel` exists relative to the folder of source file `file` (cached); `None` when
    /// that source has no folder.
    pub fn exists_beside(&self, file: FileId, rel: &str) -> Option<bool> {
        let dir = self.catalog.sources.get(file as usize)?.path.parent()?;
        let at = rayon::current_thread_index()
            .map_or(0, |t| t + 1)
            .min(self.exists.len() - 1);
        let mut cache = self.exists[at].lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let known = cache.entry(file).or_default();
        if let Some(&e) = known.get(rel) {
            return Some(e);
        }
        let e = dir.join(rel).exists();
        known.insert(rel.to_owned(), e);
        Some(e)
    }
    /// The directory of the file an item was read from (relative sample paths start there).
    pub fn dir_of(&self, loc: Loc) -> Option<&'a std::path::Path> {
        self.catalog
            .sources
            .get(loc.file as usize)
            .and_then(|s| s.path.parent())
    }
}

/// Where a rule writes its findings: straight into the list of the worker running it, already
/// graded at the severity the rule runs at. It borrows the code (one `Out` per rule and item:
/// most write nothing and must cost nothing).
pub struct Out<'a> {
    code: &'a Cow<'static, str>,
    severity: Severity,
    diags: &'a mut Vec<Diagnostic>,
}

impl<'a> Out<'a> {
    // The Cow itself, not a &str: a finding clones it, and a built-in code stays a free borrow.
    #[allow(clippy::ptr_arg)]
    pub fn new(code: &'a Cow<'static, str>, severity: Severity, diags: &'a mut Vec<Diagnostic>) -> Out<'a> {
        Out { code, severity, diags }
    }
    /// A finding about item `item` at `loc`.
    pub fn item(&mut self, item: usize, loc: Loc, message: Msg) -> &mut Diagnostic {
        self.push(Some(item), loc, message)
    }
    /// A finding not tied to one item.
    pub fn at(&mut self, loc: Loc, message: Msg) -> &mut Diagnostic {
        self.push(None, loc, message)
    }
    fn push(&mut self, item: Option<usize>, loc: Loc, message: Msg) -> &mut Diagnostic {
        self.diags.push(Diagnostic {
            code: self.code.clone(),
            severity: self.severity,
            message,
            help: None,
            item,
            loc,
            fix: None,
        });
        self.diags.last_mut().expect("just pushed")
    }
}

impl Diagnostic {
    pub fn help(&mut self, help: Msg) -> &mut Self {
        self.help = Some(help);
        self
    }
    pub fn fix(&mut self, fix: Fix) -> &mut Self {
        self.fix = Some(fix);
        self
    }
}

pub trait Rule: Send + Sync {
    fn meta(&self) -> RuleMeta;
    /// Check one item (runs in parallel over items).
    fn check_item(&self, _cx: &Ctx, _index: usize, _item: &Item, _out: &mut Out) {}
    /// Check the whole catalog (for rules that compare items).
    fn check_catalog(&self, _cx: &Ctx, _out: &mut Out) {}
    /// The fields below the item (scenario, acceptance point, material, step, duty) that
    /// [`Rule::check_catalog`] reads. `catalog lint` checks items as they are read and then
    /// keeps each only with its own fields and these (see `lint::stream`); a field missing here
    /// is a field this rule would not see there.
    fn catalog_reads(&self) -> FieldSet {
        FieldSet::default()
    }
    /// The items whose fields in [`Rule::catalog_reads`] [`Rule::check_catalog`] reads, found
    /// from the item-level fields alone; by default every item.
    fn catalog_reads_items(&self, catalog: &Catalog) -> Vec<usize> {
        (0..catalog.items.len()).collect()
    }
    /// Rules that judge values one at a time (wording, vocabularies) name their fields here. The
    /// engine walks each item's values once and gives every non-blank value to each such rule
    /// whose set holds its field, instead of every rule walking the item itself.
    fn value_fields(&self) -> Option<FieldSet> {
        None
    }
    /// Whether the value rule applies to this item at all (a taxonomy scope).
    fn values_apply(&self, _cx: &Ctx, _item: &Item) -> bool {
        true
    }
    /// Fields of [`Rule::value_fields`] the rule does not judge on this item (a public service is
    /// not asked for a legal basis, so its `/` there says “not applicable”, not “left unfilled”).
    fn values_spared(&self, _cx: &Ctx, _item: &Item) -> FieldSet {
        FieldSet::default()
    }
    /// One value of a field in [`Rule::value_fields`] (list elements one by one).
    ///
    /// Whether a value draws a finding must depend on its text alone (and the rule's own
    /// settings), never on the item or the place: the engine remembers texts that drew nothing
    /// and does not show them to the same rules again. What it reports must depend on no more
    /// than the item, field, text and place: a 情形's materials or points that repeat an earlier
    /// 情形's, place for place (one sheet row's copies), are not shown again.
    fn check_value(&self, _cx: &Ctx, _index: usize, _field: F, _value: &str, _loc: Loc, _out: &mut Out) {}
}

/// `format!` for both languages at once: `msg!("缺少{}", x; "missing {}", x)`.
#[macro_export]
macro_rules! msg {
    ($($zh:expr),+ ; $($en:expr),+) => {
        $crate::i18n::Msg::new($crate::i18n::text(format_args!($($zh),+)), $crate::i18n::text(format_args!($($en),+)))
    };
}
