//! A format-neutral view of a comparison or a statistics run: a summary, metric tables, change
//! tables and the metric sets to chart. The terminal, markdown, HTML and xlsx renderers all draw
//! this one view, so they always show the same rows; JSON serializes the report types directly.

use crate::diff::base::BaseReport;
use crate::diff::{ChildChanges, DiffReport, FieldChange, ItemRef, NamedChange};
use crate::i18n::t;
use crate::metrics::{self, DEFS, Group, MetricSet, Metrics};

#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Text(String),
    /// An old → new pair; `None` is "absent".
    Change {
        old: Option<String>,
        new: Option<String>,
    },
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }
    /// Plain text of the cell, for widths and simple outputs.
    pub fn plain(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Change { old, new } => {
                format!("{} → {}", old.as_deref().unwrap_or("—"), new.as_deref().unwrap_or("—"))
            }
        }
    }
}

#[derive(Clone, Debug, Default)]
pub struct Row {
    /// For filters in the HTML report.
    pub department: String,
    pub phylum: String,
    pub cells: Vec<Cell>,
}

#[derive(Clone, Debug)]
pub struct Table {
    /// Stable id: `added`, `removed`, `renamed`, `moved`, `changed`, `deviations`, … (sheet and anchor names).
    pub id: &'static str,
    pub title: String,
    pub columns: Vec<String>,
    pub rows: Vec<Row>,
}

/// Metric sets to chart, with the series names (one set for stats, two for a comparison).
#[derive(Clone, Debug)]
pub struct ChartData {
    pub series: Vec<(String, MetricSet)>,
}

#[derive(Clone, Debug)]
pub struct Document {
    pub title: String,
    /// What was compared (old → new), or the catalog for stats.
    pub subtitle: String,
    pub summary: Vec<(String, String)>,
    pub metrics: Vec<Table>,
    pub sections: Vec<Table>,
    pub charts: ChartData,
}

fn item_row(r: &ItemRef) -> Row {
    Row {
        department: r.department.clone(),
        phylum: r.phylum.clone(),
        cells: [&r.code, &r.name, &r.department, &r.phylum, &r.main_item]
            .iter()
            .map(|s| Cell::text(*s))
            .collect(),
    }
}

fn item_columns() -> Vec<String> {
    [
        t("事项编码", "Code"),
        t("事项名称", "Name"),
        t("实施主体", "Department"),
        t("事项类型", "Type"),
        t("主项", "Main item"),
    ]
    .map(str::to_string)
    .to_vec()
}

fn change(f: &FieldChange) -> Cell {
    Cell::Change {
        old: f.old.clone(),
        new: f.new.clone(),
    }
}

/// Overall metrics: one column per series, plus the change when there are two.
fn overall_table(series: &[(String, &Metrics)]) -> Table {
    let mut columns = vec![t("指标", "Metric").to_string()];
    columns.extend(series.iter().map(|(n, _)| n.clone()));
    if series.len() == 2 {
        columns.push(t("变化", "Change").to_string());
    }
    let rows = DEFS
        .iter()
        .map(|d| {
            let mut cells = vec![Cell::text(d.label())];
            cells.extend(series.iter().map(|(_, m)| Cell::text(d.show(m))));
            if let [(_, a), (_, b)] = series {
                cells.push(Cell::text(delta(d, a, b)));
            }
            Row {
                cells,
                ..Row::default()
            }
        })
        .collect();
    Table {
        id: "metrics",
        title: t("改革指标（四减、最多跑一次）", "Reform metrics").to_string(),
        columns,
        rows,
    }
}

/// `+2.5 个百分点` / `−0.40` with an arrow telling whether it goes the reform's way.
fn delta(d: &metrics::Def, a: &Metrics, b: &Metrics) -> String {
    let (Some(x), Some(y)) = ((d.get)(a), (d.get)(b)) else {
        return "—".into();
    };
    let diff = y - x;
    if diff.abs() < 1e-9 {
        return "=".into();
    }
    let good = (diff > 0.0) == d.higher_is_better;
    let mark = if d.key == "items" {
        ""
    } else if good {
        " ✓"
    } else {
        " ✗"
    };
    let sign = if diff > 0.0 { "+" } else { "−" };
    match d.unit {
        metrics::Unit::Percent => format!("{sign}{:.1}{}{mark}", diff.abs() * 100.0, t(" 个百分点", " pt")),
        metrics::Unit::Count => format!("{sign}{}{mark}", diff.abs().round() as i64),
        _ => format!("{sign}{:.2}{mark}", diff.abs()),
    }
}

/// Per-group table: one row per department (or type), each metric old → new.
fn group_table(id: &'static str, title: &str, head: &str, series: &[(String, &[Group])]) -> Table {
    let mut names: Vec<&str> = series
        .iter()
        .flat_map(|(_, g)| g.iter().map(|g| g.name.as_str()))
        .collect();
    names.sort();
    names.dedup();
    let mut columns = vec![head.to_string()];
    columns.extend(DEFS.iter().map(|d| d.short_label().to_string()));
    let rows = names
        .into_iter()
        .map(|name| {
            let ms: Vec<Option<&Metrics>> = series
                .iter()
                .map(|(_, gs)| gs.iter().find(|g| g.name == name).map(|g| &g.metrics))
                .collect();
            let mut cells = vec![Cell::text(name)];
            for d in DEFS {
                let shown: Vec<String> = ms
                    .iter()
                    .map(|m| m.map(|m| d.show(m)).unwrap_or_else(|| "—".into()))
                    .collect();
                cells.push(match shown.as_slice() {
                    [a, b] if a != b => Cell::Change {
                        old: Some(a.clone()),
                        new: Some(b.clone()),
                    },
                    _ => Cell::text(shown.last().cloned().unwrap_or_default()),
                });
            }
            let is_dept = id == "by_department";
            Row {
                department: if is_dept { name.to_string() } else { String::new() },
                phylum: if is_dept { String::new() } else { name.to_string() },
                cells,
            }
        })
        .collect();
    Table {
        id,
        title: title.to_string(),
        columns,
        rows,
    }
}

fn metric_tables(series: &[(String, &MetricSet)]) -> Vec<Table> {
    let overall: Vec<(String, &Metrics)> = series.iter().map(|(n, m)| (n.clone(), &m.overall)).collect();
    let dept: Vec<(String, &[Group])> = series
        .iter()
        .map(|(n, m)| (n.clone(), m.by_department.as_slice()))
        .collect();
    let kind: Vec<(String, &[Group])> = series.iter().map(|(n, m)| (n.clone(), m.by_type.as_slice())).collect();
    vec![
        overall_table(&overall),
        group_table(
            "by_department",
            t("按部门", "By department"),
            t("实施主体", "Department"),
            &dept,
        ),
        group_table("by_type", t("按事项类型", "By type"), t("事项类型", "Type"), &kind),
    ]
}

fn child_rows(rows: &mut Vec<Row>, base: &Row, place: &str, what: &str, c: &ChildChanges<NamedChange>) {
    let push = |rows: &mut Vec<Row>, place: String, field: String, cell: Cell| {
        let mut r = base.clone();
        r.cells.extend([Cell::Text(place), Cell::Text(field), cell]);
        rows.push(r);
    };
    for n in &c.added {
        push(
            rows,
            place.to_string(),
            what.to_string(),
            Cell::Change {
                old: None,
                new: Some(n.clone()),
            },
        );
    }
    for n in &c.removed {
        push(
            rows,
            place.to_string(),
            what.to_string(),
            Cell::Change {
                old: Some(n.clone()),
                new: None,
            },
        );
    }
    for ch in &c.changed {
        for f in &ch.fields {
            push(
                rows,
                format!("{place} › {what}：{}", ch.name),
                f.label.clone(),
                change(f),
            );
        }
    }
}

pub fn from_diff(r: &DiffReport) -> Document {
    let s = &r.summary;
    let (old, new) = (t("旧版", "Old"), t("新版", "New"));
    let summary = vec![
        (old.to_string(), format!("{} {}", s.old_items, t("项", "items"))),
        (new.to_string(), format!("{} {}", s.new_items, t("项", "items"))),
        (t("新增", "Added").into(), s.added.to_string()),
        (t("删除", "Removed").into(), s.removed.to_string()),
        (t("更名或改编码", "Renamed / re-coded").into(), s.renamed.to_string()),
        (t("分类变动", "Moved in the taxonomy").into(), s.moved.to_string()),
        (t("内容变更", "Changed").into(), s.changed.to_string()),
        (t("未变", "Unchanged").into(), s.unchanged.to_string()),
    ];
    let series = vec![(old.to_string(), &r.metrics.old), (new.to_string(), &r.metrics.new)];
    let mut sections = Vec::new();
    sections.push(Table {
        id: "added",
        title: t("新增事项", "Added items").into(),
        columns: item_columns(),
        rows: r.added.iter().map(item_row).collect(),
    });
    sections.push(Table {
        id: "removed",
        title: t("删除事项", "Removed items").into(),
        columns: item_columns(),
        rows: r.removed.iter().map(item_row).collect(),
    });
    sections.push(Table {
        id: "renamed",
        title: t("更名或改编码", "Renamed or re-coded").into(),
        columns: [
            t("事项编码", "Code"),
            t("事项名称", "Name"),
            t("实施主体", "Department"),
            t("匹配方式", "Matched by"),
        ]
        .map(str::to_string)
        .to_vec(),
        rows: r
            .renamed
            .iter()
            .map(|x| {
                let pair = |a: &str, b: &str| {
                    if a == b {
                        Cell::text(b)
                    } else {
                        Cell::Change {
                            old: Some(a.to_string()).filter(|s| !s.is_empty()),
                            new: Some(b.to_string()).filter(|s| !s.is_empty()),
                        }
                    }
                };
                let by = if x.matched_by == "code" {
                    t("编码相同", "same code").to_string()
                } else if x.matched_by == "implementation_code" {
                    t("实施编码相同", "same implementation code").to_string()
                } else if x.similarity >= 1.0 {
                    t("名称相同", "same name").to_string()
                } else {
                    format!("{} {:.0}%", t("名称相似", "similar name"), x.similarity * 100.0)
                };
                Row {
                    department: x.new.department.clone(),
                    phylum: x.new.phylum.clone(),
                    cells: vec![
                        pair(&x.old.code, &x.new.code),
                        pair(&x.old.name, &x.new.name),
                        Cell::text(&x.new.department),
                        Cell::Text(by),
                    ],
                }
            })
            .collect(),
    });
    let mut moved_rows = Vec::new();
    for m in &r.moved {
        for rk in &m.ranks {
            moved_rows.push(Row {
                department: m.department.clone(),
                phylum: m.phylum.clone(),
                cells: vec![
                    Cell::text(&m.code),
                    Cell::text(&m.name),
                    Cell::text(&rk.label),
                    Cell::Change {
                        old: rk.old.clone(),
                        new: rk.new.clone(),
                    },
                ],
            });
        }
    }
    sections.push(Table {
        id: "moved",
        title: t("分类变动（界门纲目科）", "Moved in the taxonomy").into(),
        columns: [
            t("事项编码", "Code"),
            t("事项名称", "Name"),
            t("分类层级", "Rank"),
            t("变化", "Change"),
        ]
        .map(str::to_string)
        .to_vec(),
        rows: moved_rows,
    });
    let mut rows = Vec::new();
    let item_place = t("事项", "item");
    for c in &r.changed {
        let base = Row {
            department: c.department.clone(),
            phylum: c.phylum.clone(),
            cells: vec![Cell::text(&c.code), Cell::text(&c.name)],
        };
        for f in &c.fields {
            let mut row = base.clone();
            row.cells
                .extend([Cell::text(item_place), Cell::text(&f.label), change(f)]);
            rows.push(row);
        }
        let scen = t("办事情形", "Scenario");
        for n in &c.scenarios.added {
            let mut row = base.clone();
            row.cells.extend([
                Cell::text(item_place),
                Cell::text(scen),
                Cell::Change {
                    old: None,
                    new: Some(n.clone()),
                },
            ]);
            rows.push(row);
        }
        for n in &c.scenarios.removed {
            let mut row = base.clone();
            row.cells.extend([
                Cell::text(item_place),
                Cell::text(scen),
                Cell::Change {
                    old: Some(n.clone()),
                    new: None,
                },
            ]);
            rows.push(row);
        }
        for sc in &c.scenarios.changed {
            let place = format!("{scen}：{}", sc.name);
            for f in &sc.fields {
                let mut row = base.clone();
                row.cells.extend([Cell::text(&place), Cell::text(&f.label), change(f)]);
                rows.push(row);
            }
            child_rows(&mut rows, &base, &place, t("申请材料", "Material"), &sc.materials);
            child_rows(
                &mut rows,
                &base,
                &place,
                t("受理要点", "Acceptance point"),
                &sc.acceptance_points,
            );
        }
    }
    sections.push(Table {
        id: "changed",
        title: t("内容变更（逐字段）", "Changed, field by field").into(),
        columns: [
            t("事项编码", "Code"),
            t("事项名称", "Name"),
            t("位置", "Where"),
            t("字段", "Field"),
            t("变化", "Change"),
        ]
        .map(str::to_string)
        .to_vec(),
        rows,
    });
    Document {
        title: t("清单比对报告", "Catalog comparison report").into(),
        subtitle: format!("{} → {}", s.old, s.new),
        summary,
        metrics: metric_tables(&series),
        sections,
        charts: ChartData {
            series: series.into_iter().map(|(n, m)| (n, m.clone())).collect(),
        },
    }
}

pub fn from_base(r: &BaseReport) -> Document {
    let s = &r.summary;
    let (up, local) = (t("上级目录", "Upper level"), t("本级清单", "Local"));
    let summary = vec![
        (up.to_string(), format!("{} {}", s.base_items, t("项", "items"))),
        (local.to_string(), format!("{} {}", s.local_items, t("项", "items"))),
        (t("已对应", "Matched").into(), s.matched.to_string()),
        (t("四级四同偏差", "Deviations").into(), s.deviations.to_string()),
        (t("自设事项（上级无）", "Local only").into(), s.local_only.to_string()),
        (t("未认领事项", "Unclaimed").into(), s.unclaimed.to_string()),
    ];
    let series = vec![(up.to_string(), &r.metrics.old), (local.to_string(), &r.metrics.new)];
    let mut dev_rows = Vec::new();
    for d in &r.deviations {
        for f in &d.fields {
            dev_rows.push(Row {
                department: d.local.department.clone(),
                phylum: d.local.phylum.clone(),
                cells: vec![
                    Cell::text(&d.key),
                    Cell::text(&d.local.code),
                    Cell::text(&d.local.name),
                    Cell::text(&f.label),
                    change(f),
                ],
            });
        }
    }
    let sections = vec![
        Table {
            id: "deviations",
            title: t("四级四同偏差（名称、类型、依据）", "Deviations from the upper level").into(),
            columns: [
                t("基本码", "Basic code"),
                t("本级编码", "Local code"),
                t("事项名称", "Name"),
                t("字段", "Field"),
                t("上级 → 本级", "Upper → local"),
            ]
            .map(str::to_string)
            .to_vec(),
            rows: dev_rows,
        },
        Table {
            id: "local_only",
            title: t("自设事项（上级目录中没有）", "Local items absent upstream").into(),
            columns: item_columns(),
            rows: r.local_only.iter().map(item_row).collect(),
        },
        Table {
            id: "unclaimed",
            title: t("未认领事项（上级有、本级无）", "Upstream items not claimed locally").into(),
            columns: item_columns(),
            rows: r.unclaimed.iter().map(item_row).collect(),
        },
    ];
    Document {
        title: t("四级四同比对报告", "Comparison with the upper-level catalog").into(),
        subtitle: format!("{} ⇢ {}", s.base, s.local),
        summary,
        metrics: metric_tables(&series),
        sections,
        charts: ChartData {
            series: series.into_iter().map(|(n, m)| (n, m.clone())).collect(),
        },
    }
}

pub fn from_stats(label: &str, m: &MetricSet) -> Document {
    let o = &m.overall;
    // The paths are the subtitle; a card would break them over lines. The date says when the
    // figures were taken.
    let today = chrono::Local::now().format("%Y-%m-%d").to_string();
    let summary = vec![
        (t("统计日期", "Date").into(), today.clone()),
        (t("事项数", "Items").into(), o.items.to_string()),
        (t("部门数", "Departments").into(), m.by_department.len().to_string()),
        (t("事项类型数", "Types").into(), m.by_type.len().to_string()),
    ];
    let name = t("本清单", "This catalog").to_string();
    Document {
        title: t("清单统计", "Catalog statistics").into(),
        subtitle: format!("{label} · {}{today}", t("统计于 ", "as of ")),
        summary,
        metrics: metric_tables(&[(name.clone(), m)]),
        sections: Vec::new(),
        charts: ChartData {
            series: vec![(name, m.clone())],
        },
    }
}
