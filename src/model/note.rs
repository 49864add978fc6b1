//! Facts a loader noticed about a file itself (a hidden sheet, a formula without a value …).
//! Loaders never lint: they record these in the model and rules under `rules/format/` report them.

use super::fields::F;
use super::loc::Loc;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NoteKind {
    /// A sheet hidden in the workbook (its rows were read).
    HiddenSheet,
    /// Rows hidden in a sheet (they were read).
    HiddenRows,
    /// A sheet without a recognizable header row (not read).
    SkippedSheet,
    /// A sheet whose header names no column an item is known by (name, code, 主项, 子项, 主要职责):
    /// a 汇总 of counts or a hidden list of drop-down values, not items (not read).
    SheetWithoutItems,
    /// A sheet with no cells.
    EmptySheet,
    /// A template's example sheet (填写示例, 样例) left beside the office's own: not read.
    ExampleSheet,
    /// A chart sheet (a chart, no cells): not read.
    ChartSheet,
    /// A formula whose cached value is missing (the file was saved without calculating).
    FormulaWithoutValue,
    /// A cell holding an error value such as `#N/A` (kept as text).
    CellError,
    /// A CSV cell that starts with a quote closed before the cell ends (`"十三五"规划`, or a stray
    /// `"` that took the separators after it into the cell): read as Excel reads it, the text
    /// as `detail`.
    QuoteClosedEarly,
    /// A value that does not fit its field (kept as an extra field under the column's header).
    BadValue,
    /// Two source columns map to the same field and disagree (`TASK_NAME` vs `matter_name`);
    /// the first is the field, the second is kept as an extra.
    Conflict {
        field: String,
        first: String,
        second: String,
    },
    /// A sheet column read as a field an earlier column already gives (办公地址 after 办理地点),
    /// with the earlier column's header as `first` and the column's own as `detail`: of the
    /// `rows` data rows filling both, `differ` differ. The rows' own [`NoteKind::Conflict`]
    /// notes stay; a rule weighs them against this.
    TwoColumns {
        field: String,
        first: String,
        rows: u32,
        differ: u32,
    },
    /// A sheet column whose header the field dictionary does not know (its cells are kept as
    /// extras): noted once, at the header cell, with the header as `detail`.
    UnknownColumn,
    /// The source format carries no such concept (e.g. an export without scenarios): the
    /// rules listed do not apply to the items of this file; one note says so instead.
    /// `sheet`: only the items of that sheet (a workbook whose sheets differ in columns).
    Lacks {
        what: String,
        rules: Vec<String>,
        sheet: Option<u16>,
        /// The rules still run, and skip only the columns named (T020 on a sheet without a
        /// 收费 column still finds a blank 实施主体): nothing of theirs is dropped.
        columns_only: bool,
    },
    /// What the source calls a field (an export key such as `accept_standard`, a column
    /// header): messages name the field as the user wrote it. Not reported by any rule.
    Label { field: F, label: String },
    /// A field the source gives but says "none" in (`material_intro: "无"`): the value is
    /// dropped, the fact kept for the rules that care (a licence without materials).
    /// `said_at`: where the source says so, when that is not the note's own place (a related
    /// 申请材料 sheet's 无 row, noted at each 情形 of the item it was joined to).
    NoneGiven { field: F, said_at: Option<Loc> },
    /// A detail sheet's row (申请材料, 受理条件 … in their own sheet) whose key (事项编码, or the
    /// 事项名称) names no item of the workbook, at its key cell, with the key as `detail`: its
    /// children belong to no item. `field`: the key's field (事项编码, 实施编码, 事项名称 …).
    UnknownKey { field: F },
    /// A detail sheet's row whose key (a 事项名称 two items share, with no code beside it to
    /// tell them apart) names several items: at its key cell, the key as `detail`.
    AmbiguousKey { field: F },
    /// A blank 行使层级 or 设定依据 cell of a CSV under a 子项 row of its 主项 that typed a value
    /// other than the one above it (`A | B | 空`): B merged over both rows in the workbook, or a
    /// row that left it out — a CSV keeps no merges and cannot tell. At the blank cell, the value
    /// it may have held as `detail`; the rules asking for the field say so as a warning.
    MergeLost { field: F },
}

/// One fact about a source, at a place.
#[derive(Clone, Debug, PartialEq)]
pub struct Note {
    pub loc: Loc,
    pub kind: NoteKind,
    /// What was found, as written (sheet name, formula, value …).
    pub detail: String,
}
