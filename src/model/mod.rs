//! The one model every command reads: a catalog of items, each with scenarios, acceptance
//! points and materials, every value carrying its source location.

pub mod code;
pub mod fields;
pub mod level;
pub mod loc;
pub mod note;
pub mod plain;
pub mod relative_limit;
pub mod taxonomy;
pub mod time_limit;
pub mod value;

use std::path::PathBuf;
use std::sync::Arc;

use fields::FieldSet;
pub use fields::{F, Scope};
pub use level::Level;
pub use loc::{FileId, Loc, Pos, Spanned};
pub use note::{Note, NoteKind};
pub use time_limit::{TimeKind, TimeLimit};
pub use value::{Extra, Fields, Value};

/// What kind of file a source is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SourceKind {
    Yaml,
    Sheet,
    Csv,
    Json,
}

/// A file the catalog was read from.
#[derive(Clone, Debug)]
pub struct Source {
    pub path: PathBuf,
    /// The path as the user should see it (relative to where they ran the tool when possible).
    pub display: String,
    pub kind: SourceKind,
    /// Full text, for text formats (used to show source snippets).
    pub text: Option<Arc<str>>,
    /// Sheet names, for workbooks (`Pos::Cell::sheet` indexes this).
    pub sheets: Vec<String>,
    /// Sheets `catalog` itself put in front of a marked copy (检查结果, 规则说明), by index in
    /// `sheets`: not read as items, and replaced when the copy is marked again.
    pub own_sheets: Vec<u16>,
}

/// 清单信息 — the header of one file; the first one found describes the catalog.
#[derive(Clone, Debug, Default)]
pub struct Header {
    pub fields: Fields,
    pub loc: Loc,
    pub extra: Vec<Extra>,
}

#[derive(Clone, Debug, Default)]
pub struct Catalog {
    pub sources: Vec<Source>,
    pub header: Header,
    pub items: Vec<Item>,
    pub bundles: Vec<Bundle>,
    pub laws: Vec<Law>,
    /// Unknown top-level keys, kept and reported.
    pub extra: Vec<Extra>,
    /// What loaders noticed about the files themselves (hidden sheets …), reported by rules.
    pub notes: Vec<Note>,
}

/// `to.append(from)`, except that an empty `to` without the room takes `from`'s list as it is
/// (a 100,000-item catalog's items are not copied into a fresh list).
pub(crate) fn append<T>(to: &mut Vec<T>, mut from: Vec<T>) {
    if to.is_empty() && to.capacity() < from.len() {
        *to = from;
    } else {
        to.append(&mut from);
    }
}

/// Rule suppression written on an item: `lint_ignore: [{rule: T003, reason: …}]`.
#[derive(Clone, Debug, PartialEq)]
pub struct Suppression {
    pub rule: String,
    pub reason: Option<String>,
    pub loc: Loc,
}

/// 业务办理项 (属): one item of the catalog.
#[derive(Clone, Debug, Default)]
pub struct Item {
    /// Where the item starts (its `- ` in YAML, its first row in a sheet).
    pub loc: Loc,
    /// Last line (YAML) or row (sheet, 1-based) that belongs to the item.
    pub end_line: u32,
    pub fields: Fields,
    pub scenarios: Vec<Scenario>,
    pub process: Vec<Step>,
    pub supervision: Vec<Duty>,
    pub suppressions: Vec<Suppression>,
    /// Unknown keys, kept and reported.
    pub extra: Vec<Extra>,
    /// Location of the `scenarios:` key / `process:` / `supervision:` (to point at an empty list).
    pub lists_loc: ListLocs,
}

#[derive(Clone, Copy, Debug, Default)]
pub struct ListLocs {
    pub scenarios: Option<Loc>,
    pub process: Option<Loc>,
    pub supervision: Option<Loc>,
}

/// 办事情形 (种).
#[derive(Clone, Debug, Default)]
pub struct Scenario {
    pub loc: Loc,
    pub fields: Fields,
    pub acceptance_points: Vec<AcceptancePoint>,
    pub materials: Vec<Material>,
    pub extra: Vec<Extra>,
}

/// 受理要点, possibly an 易错点 with its 纠错要点.
#[derive(Clone, Debug, Default)]
pub struct AcceptancePoint {
    pub loc: Loc,
    pub fields: Fields,
    pub extra: Vec<Extra>,
}

/// 申请材料 with its 材料范例.
#[derive(Clone, Debug, Default)]
pub struct Material {
    pub loc: Loc,
    pub fields: Fields,
    pub extra: Vec<Extra>,
}

/// A step of 办理流程.
#[derive(Clone, Debug, Default)]
pub struct Step {
    pub loc: Loc,
    pub fields: Fields,
    pub extra: Vec<Extra>,
}

/// One department's share of 监管责任.
#[derive(Clone, Debug, Default)]
pub struct Duty {
    pub loc: Loc,
    pub fields: Fields,
    pub extra: Vec<Extra>,
}

/// 一件事: items applied for together.
#[derive(Clone, Debug, Default)]
pub struct Bundle {
    pub loc: Loc,
    pub fields: Fields,
    pub extra: Vec<Extra>,
}

/// An entry of the 法规库.
#[derive(Clone, Debug, Default)]
pub struct Law {
    pub loc: Loc,
    pub fields: Fields,
    pub extra: Vec<Extra>,
}

impl Item {
    /// Drop the spare capacity the loaders' pushes left (a Vec grows to 4 on its first push):
    /// for one-row sheet items that is a third of their memory, and a big catalog holds
    /// hundreds of thousands of items.
    pub fn shrink_to_fit(&mut self) {
        fn node(fields: &mut Fields, extra: &mut Vec<Extra>) {
            fields.shrink_to_fit();
            extra.shrink_to_fit();
        }
        node(&mut self.fields, &mut self.extra);
        for s in &mut self.scenarios {
            node(&mut s.fields, &mut s.extra);
            for p in &mut s.acceptance_points {
                node(&mut p.fields, &mut p.extra);
            }
            for m in &mut s.materials {
                node(&mut m.fields, &mut m.extra);
            }
            s.acceptance_points.shrink_to_fit();
            s.materials.shrink_to_fit();
        }
        for p in &mut self.process {
            node(&mut p.fields, &mut p.extra);
        }
        for d in &mut self.supervision {
            node(&mut d.fields, &mut d.extra);
        }
        self.scenarios.shrink_to_fit();
        self.process.shrink_to_fit();
        self.supervision.shrink_to_fit();
        self.suppressions.shrink_to_fit();
    }

    /// What stays of an item once its own checks have run: its fields, suppressions and
    /// places, and below it only the fields in `below` (what the whole-catalog checks read);
    /// nodes left without a field go.
    pub fn compact(&mut self, below: &FieldSet) {
        self.extra = Vec::new();
        self.process = Vec::new();
        self.supervision = Vec::new();
        if !(below.touches(Scope::Scenario) || below.touches(Scope::Point) || below.touches(Scope::Material)) {
            self.scenarios = Vec::new();
            return;
        }
        for s in &mut self.scenarios {
            s.extra = Vec::new();
            s.fields.retain(below);
            for p in &mut s.acceptance_points {
                p.fields.retain(below);
                p.extra = Vec::new();
            }
            for m in &mut s.materials {
                m.fields.retain(below);
                m.extra = Vec::new();
            }
            s.acceptance_points.retain(|p| !p.fields.is_empty());
            s.materials.retain(|m| !m.fields.is_empty());
            s.acceptance_points.shrink_to_fit();
            s.materials.shrink_to_fit();
        }
        self.scenarios
            .retain(|s| !(s.fields.is_empty() && s.acceptance_points.is_empty() && s.materials.is_empty()));
        self.scenarios.shrink_to_fit();
    }

    pub fn text(&self, f: F) -> Option<&str> {
        self.fields.text(f).filter(|s| !crate::text::trim(s).is_empty())
    }
    pub fn code(&self) -> Option<&str> {
        self.text(F::Code)
    }
    pub fn name(&self) -> Option<&str> {
        self.text(F::Name)
    }
    /// 主项 (目).
    pub fn main_item(&self) -> Option<&str> {
        self.text(F::MainItem)
    }
    /// 子项 (科); defaults to the 主项 when the item is not split.
    pub fn sub_item(&self) -> Option<&str> {
        self.text(F::SubItem).or_else(|| self.main_item())
    }
    /// Levels as written, each with its location.
    pub fn levels(&self) -> Vec<Spanned<&str>> {
        self.fields.list(F::Level)
    }
    /// Where a finding about field `f` should point: the field, else the item.
    pub fn at(&self, f: F) -> Loc {
        self.fields.loc(f).unwrap_or(self.loc)
    }
    pub fn materials(&self) -> impl Iterator<Item = (&Scenario, &Material)> {
        self.scenarios
            .iter()
            .flat_map(|s| s.materials.iter().map(move |m| (s, m)))
    }
}

impl Scenario {
    pub fn name(&self) -> Option<&str> {
        self.fields
            .text(F::ScenarioName)
            .filter(|s| !crate::text::trim(s).is_empty())
    }
}

impl Material {
    pub fn name(&self) -> Option<&str> {
        self.fields
            .text(F::MaterialName)
            .filter(|s| !crate::text::trim(s).is_empty())
    }
}

impl Catalog {
    pub fn source(&self, id: FileId) -> &Source {
        &self.sources[id as usize]
    }
    /// The 清单信息 value of a header field.
    pub fn header_text(&self, f: F) -> Option<&str> {
        self.header.fields.text(f)
    }
    /// Append another catalog (a file of a directory), renumbering its file ids.
    pub fn merge(&mut self, mut other: Catalog) {
        let shift = self.sources.len() as FileId;
        // The first file keeps its numbers: its whole model is not walked for nothing.
        if shift != 0 {
            other.for_each_loc(|l: &mut Loc| l.file += shift);
        }
        self.sources.append(&mut other.sources);
        if self.header.fields.is_empty() {
            self.header = other.header;
        } else {
            for (f, v) in other.header.fields {
                if !self.header.fields.has(f) {
                    self.header.fields.set(f, v);
                }
            }
            self.header.extra.append(&mut other.header.extra);
        }
        append(&mut self.items, other.items);
        append(&mut self.bundles, other.bundles);
        append(&mut self.laws, other.laws);
        append(&mut self.extra, other.extra);
        append(&mut self.notes, other.notes);
    }

    /// Visit every location in the catalog (used to renumber files on merge).
    pub fn for_each_loc(&mut self, mut f: impl FnMut(&mut Loc)) {
        fn fields(fs: &mut Fields, extra: &mut [Extra], f: &mut impl FnMut(&mut Loc)) {
            for (_, v) in fs.iter_mut() {
                f(&mut v.loc);
                if let Value::List(items) = &mut v.value {
                    items.iter_mut().for_each(|s| f(&mut s.loc));
                }
            }
            extra.iter_mut().for_each(|e| f(&mut e.loc));
        }
        f(&mut self.header.loc);
        fields(&mut self.header.fields, &mut self.header.extra, &mut f);
        self.extra.iter_mut().for_each(|e| f(&mut e.loc));
        self.notes.iter_mut().for_each(|n| f(&mut n.loc));
        for it in &mut self.items {
            f(&mut it.loc);
            fields(&mut it.fields, &mut it.extra, &mut f);
            for l in [
                &mut it.lists_loc.scenarios,
                &mut it.lists_loc.process,
                &mut it.lists_loc.supervision,
            ]
            .into_iter()
            .flatten()
            {
                f(l);
            }
            it.suppressions.iter_mut().for_each(|s| f(&mut s.loc));
            for s in &mut it.scenarios {
                f(&mut s.loc);
                fields(&mut s.fields, &mut s.extra, &mut f);
                for p in &mut s.acceptance_points {
                    f(&mut p.loc);
                    fields(&mut p.fields, &mut p.extra, &mut f);
                }
                for m in &mut s.materials {
                    f(&mut m.loc);
                    fields(&mut m.fields, &mut m.extra, &mut f);
                }
            }
            for p in &mut it.process {
                f(&mut p.loc);
                fields(&mut p.fields, &mut p.extra, &mut f);
            }
            for d in &mut it.supervision {
                f(&mut d.loc);
                fields(&mut d.fields, &mut d.extra, &mut f);
            }
        }
        for b in &mut self.bundles {
            f(&mut b.loc);
            fields(&mut b.fields, &mut b.extra, &mut f);
        }
        for l in &mut self.laws {
            f(&mut l.loc);
            fields(&mut l.fields, &mut l.extra, &mut f);
        }
    }
}
