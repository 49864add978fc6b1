//! The self-contained HTML report: summary, charts (inline SVG), metric tables and every change
//! with old/new highlighted character by character (Chinese has no word boundaries). Filters by
//! department and type are inline JS; a print stylesheet hides the controls. All catalog text is
//! escaped; nothing is loaded from the network.

use super::diff_view::{Cell, Document, Table};
use super::svg::{esc, grouped_bars};
use crate::i18n::t;
use crate::metrics::{self, Group};
use similar::{ChangeTag, TextDiff};
use std::collections::BTreeSet;
use std::fmt::Write;
use std::time::Duration;

const STYLE: &str = r#"
:root{--old:#fde2e2;--oldx:#c53030;--new:#e3f5e8;--newx:#22763d;--line:#d9dee5}
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC",sans-serif;margin:2rem auto;max-width:1200px;padding:0 1rem;color:#1a202c;line-height:1.5}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;border-bottom:2px solid #2b6cb0;padding-bottom:.2rem;margin-top:2rem}
.sub{color:#4a5568;margin-top:0}
.summary{display:grid;grid-template-columns:repeat(auto-fill,minmax(170px,1fr));gap:.5rem;margin:1rem 0}
.summary div{border:1px solid var(--line);border-radius:6px;padding:.5rem .7rem;overflow-wrap:anywhere}.summary b{display:block;font-size:1.3rem}
table{border-collapse:collapse;width:100%;font-size:.9rem;margin:.5rem 0}
th,td{border:1px solid var(--line);padding:.3rem .45rem;vertical-align:top;text-align:left;white-space:pre-wrap;word-break:break-word}
th{background:#edf2f7;position:sticky;top:0}
.o{background:var(--old);display:block}.n{background:var(--new);display:block}
.o del{color:var(--oldx);text-decoration:line-through;font-weight:bold}.n ins{color:var(--newx);text-decoration:underline;font-weight:bold}
.o::before{content:"− ";color:var(--oldx)}.n::before{content:"+ ";color:var(--newx)}
.filters{position:sticky;top:0;background:#fff;padding:.5rem 0;border-bottom:1px solid var(--line);z-index:2}
.filters select,.filters input{margin-right:1rem;font-size:.95rem}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(520px,1fr));gap:1rem 2rem}
.chart .ct{font-size:15px;font-weight:bold}.chart .tick,.chart .val{font-size:11px;fill:#2d3748}.chart .cat,.chart .leg{font-size:12px}
.empty{color:#718096}
.defs dt{font-weight:bold;margin-top:.4rem}.defs dd{margin:0 0 0 1.5rem;color:#4a5568}
td.nw{white-space:nowrap;word-break:normal}
table.rows tr.cont td:nth-child(-n+2){color:transparent}table.rows tr:not(.cont) td{border-top:2px solid #a0aec0}
@media print{@page{size:A4;margin:12mm}table.rows tr.cont td:nth-child(-n+2){color:#a0aec0}.filters{display:none}body{margin:0;max-width:none;font-size:9pt}table{font-size:8.5pt}
 th{position:static}thead{display:table-header-group}h2{break-after:avoid}tr,svg{break-inside:avoid}
 .charts{grid-template-columns:1fr}.chart svg{max-width:100%;height:auto}
 .o,.n{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
"#;

const SCRIPT: &str = r#"
(function(){
 var d=document.getElementById('f-dept'),t=document.getElementById('f-type'),q=document.getElementById('f-text');
 function apply(){
  var dv=d.value,tv=t.value,qv=q.value.trim();
  document.querySelectorAll('table.rows').forEach(function(tb){
   var shown=0,prev=null;
   tb.querySelectorAll('tbody tr').forEach(function(r){
    var ok=(!dv||r.dataset.d===dv)&&(!tv||r.dataset.t===tv)&&(!qv||r.textContent.indexOf(qv)>=0);
    r.style.display=ok?'':'none'; if(ok){shown++; r.classList.toggle('cont',r.dataset.i===prev); prev=r.dataset.i;}
   });
   var c=document.getElementById('n-'+tb.id); if(c) c.textContent=shown;
  });
 }
 [d,t].forEach(function(e){e.addEventListener('change',apply)}); q.addEventListener('input',apply);
})();
"#;

fn is_figure(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_digit() || ".%—-−+".contains(c))
}

/// An item code or other short identifier (letters, digits, dashes; 许可-00977-001-01).
fn is_code(s: &str) -> bool {
    let n = s.chars().count();
    (4..=40).contains(&n)
        && s.contains(|c: char| c.is_ascii_digit())
        && s.chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_' || c == '.')
}

/// Old and new with the differing characters marked.
fn change_html(old: Option<&str>, new: Option<&str>) -> String {
    match (old, new) {
        (None, None) => String::new(),
        (None, Some(n)) => format!(r#"<span class="n"><ins>{}</ins></span>"#, esc(n)),
        (Some(o), None) => format!(r#"<span class="o"><del>{}</del></span>"#, esc(o)),
        (Some(o), Some(n)) if is_figure(o) && is_figure(n) => {
            // A number changed as a whole: 11 → 13, not 1[1→3].
            format!(
                r#"<span class="o"><del>{}</del></span><span class="n"><ins>{}</ins></span>"#,
                esc(o),
                esc(n)
            )
        }
        (Some(o), Some(n)) => {
            // Bounded: a pathological pair degrades to a coarser diff, never a hang.
            let diff = TextDiff::configure()
                .timeout(Duration::from_millis(100))
                .diff_chars(o, n);
            // When most characters differ the marks are confetti (网[上预审]→[全程]网[办]):
            // the values are shown whole.
            let same: usize = diff
                .iter_all_changes()
                .filter(|c| c.tag() == ChangeTag::Equal)
                .map(|c| c.value().chars().count())
                .sum();
            if same * 2 < o.chars().count().max(n.chars().count()) {
                return format!(
                    r#"<span class="o"><del>{}</del></span><span class="n"><ins>{}</ins></span>"#,
                    esc(o),
                    esc(n)
                );
            }
            let (mut a, mut b) = (String::new(), String::new());
            for ch in diff.iter_all_changes() {
                let v = esc(ch.value());
                match ch.tag() {
                    ChangeTag::Equal => {
                        a.push_str(&v);
                        b.push_str(&v);
                    }
                    ChangeTag::Delete => {
                        let _ = write!(a, "<del>{v}</del>");
                    }
                    ChangeTag::Insert => {
                        let _ = write!(b, "<ins>{v}</ins>");
                    }
                }
            }
            // Adjacent marks read better merged.
            let a = a.replace("</del><del>", "");
            let b = b.replace("</ins><ins>", "");
            format!(r#"<span class="o">{a}</span><span class="n">{b}</span>"#)
        }
    }
}

fn cell(c: &Cell) -> String {
    match c {
        Cell::Text(s) => esc(s),
        Cell::Change { old, new } => change_html(old.as_deref(), new.as_deref()),
    }
}

fn table(out: &mut String, tb: &Table, filtered: bool) {
    if !filtered {
        let _ = write!(out, r#"<h2 id="s-{}">{}</h2>"#, tb.id, esc(&tb.title));
    } else {
        let _ = write!(
            out,
            r#"<h2 id="s-{id}">{}（<span id="n-{id}">{}</span>）</h2>"#,
            esc(&tb.title),
            tb.rows.len(),
            id = tb.id
        );
    }
    if tb.rows.is_empty() {
        let _ = write!(out, r#"<p class="empty">{}</p>"#, t("无。", "None."));
        return;
    }
    let class = if filtered { "rows" } else { "metrics" };
    let _ = write!(out, r#"<table class="{class}" id="{}"><thead><tr>"#, tb.id);
    for c in &tb.columns {
        let _ = write!(out, "<th>{}</th>", esc(c));
    }
    out.push_str("</tr></thead><tbody>");
    // Rows of one item follow each other: its code and name are shown on the first only (the
    // script redoes this after filtering), and a rule separates items.
    let mut prev: Option<String> = None;
    for r in &tb.rows {
        let key: String = r
            .cells
            .iter()
            .take(2)
            .map(Cell::plain)
            .collect::<Vec<_>>()
            .join("\u{1f}");
        let cont = filtered && prev.as_deref() == Some(key.as_str());
        let _ = write!(
            out,
            r#"<tr data-d="{}" data-t="{}" data-i="{}"{}>"#,
            esc(&r.department),
            esc(&r.phylum),
            esc(&key),
            if cont { r#" class="cont""# } else { "" }
        );
        prev = Some(key);
        for c in &r.cells {
            // Figures and codes stay on one line: 53.8% or 许可-00977-001-01 broken over two
            // lines reads as two values.
            let nw = matches!(c, Cell::Text(s) if is_figure(s) || is_code(s));
            let _ = write!(out, "<td{}>{}</td>", if nw { r#" class="nw""# } else { "" }, cell(c));
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>");
}

/// How each metric is counted (metrics.rs, after Wenzhou's indicator sheet), printed under the
/// report so a reader knows what 41.6% means: (key, 中文, English).
const DEFINITIONS: &[(&str, &str, &str)] = &[
    ("items", "清单中的事项个数。", "Items in the catalog."),
    (
        "materials_per_item",
        "各办事情形的申请材料合计 ÷ 事项数（减材料）。",
        "Application materials of all situations ÷ items.",
    ),
    (
        "proofs_per_item",
        "材料类别为“证明”或名称含“证明”的材料 ÷ 事项数（减证明）。",
        "Materials of kind 证明 or named …证明 ÷ items.",
    ),
    (
        "steps_per_item",
        "办理流程环节合计 ÷ 事项数（减环节）。",
        "Process steps ÷ items.",
    ),
    (
        "avg_promised_days",
        "有可读承诺时限的事项的承诺时限平均值，折算为工作日；即办计 0（减时限）。",
        "Mean promised limit in working days over items with a readable one; immediate = 0.",
    ),
    (
        "compression_ratio",
        "(Σ法定时限 − Σ承诺时限) ÷ Σ法定时限，只计两种时限都是天数的事项。",
        "(Σ statutory − Σ promised) ÷ Σ statutory, over items with both limits in days.",
    ),
    (
        "zero_visit_rate",
        "到办事现场次数为 0 的事项 ÷ 全部事项；未填次数的事项算作非零次。",
        "Items with 0 visits ÷ all items; an item without visits counts as not zero.",
    ),
    (
        "at_most_one_visit_rate",
        "到办事现场次数为 0 或 1 的事项 ÷ 全部事项。",
        "Items with 0 or 1 visits ÷ all items.",
    ),
    (
        "immediate_rate",
        "承诺时限为即办（0 日）或办件类型为即办件的事项 ÷ 全部事项。",
        "Items promised on the spot (0 days or 即办件) ÷ all items.",
    ),
];

fn definitions() -> String {
    let mut out = format!(
        r#"<h2 id="s-defs">{}</h2><dl class="defs">"#,
        t("指标说明", "Definitions")
    );
    for d in metrics::DEFS {
        if let Some((_, zh, en)) = DEFINITIONS.iter().find(|(k, _, _)| *k == d.key) {
            let _ = write!(out, "<dt>{}</dt><dd>{}</dd>", esc(d.label()), esc(t(zh, en)));
        }
    }
    out.push_str("</dl>");
    out
}

/// Charts per department and per type for the metrics the reform watches.
fn charts(doc: &Document) -> String {
    let mut out = String::new();
    let series = &doc.charts.series;
    if series.is_empty() {
        return out;
    }
    type Pick = fn(&metrics::MetricSet) -> &Vec<Group>;
    let groupings: [(&str, Pick); 2] = [
        (t("按部门", "by department"), |m| &m.by_department),
        (t("按事项类型", "by type"), |m| &m.by_type),
    ];
    for (gname, get) in groupings {
        let cats: Vec<String> = series
            .iter()
            .flat_map(|(_, m)| get(m).iter().map(|g| g.name.clone()))
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        if cats.is_empty() {
            continue;
        }
        // 温州市鹿城区交通运输局, 温州市鹿城区民政局 …: the shared prefix only costs label room.
        let prefix = common_prefix(&cats);
        let labels: Vec<String> = cats.iter().map(|c| c[prefix.len()..].to_string()).collect();
        let note = if prefix.is_empty() {
            String::new()
        } else {
            format!("{}{prefix}", t("，省略前缀 ", ", prefix omitted: "))
        };
        for d in metrics::chart_defs() {
            let data: Vec<(String, Vec<Option<f64>>)> = series
                .iter()
                .map(|(name, m)| {
                    let vals = cats
                        .iter()
                        .map(|c| get(m).iter().find(|g| &g.name == c).and_then(|g| (d.get)(&g.metrics)))
                        .collect();
                    (name.clone(), vals)
                })
                .collect();
            out.push_str(&grouped_bars(
                &format!("{}（{gname}{note}）", d.label()),
                d.unit,
                &labels,
                &data,
            ));
        }
    }
    out
}

/// The longest prefix (whole characters) shared by every name that still leaves each name
/// at least two characters; empty when there is only one name.
fn common_prefix(names: &[String]) -> String {
    if names.len() < 2 {
        return String::new();
    }
    let first: Vec<char> = names[0].chars().collect();
    let mut n = first.len();
    for s in &names[1..] {
        n = n.min(s.chars().zip(&first).take_while(|(a, b)| a == *b).count());
    }
    while n > 0 && names.iter().any(|s| s.chars().count() < n + 2) {
        n -= 1;
    }
    if n < 2 {
        String::new()
    } else {
        first[..n].iter().collect()
    }
}

pub fn render(doc: &Document) -> String {
    let mut out = String::with_capacity(64 * 1024);
    let lang = if crate::i18n::lang() == crate::i18n::Lang::En {
        "en"
    } else {
        "zh-CN"
    };
    let _ = write!(
        out,
        r#"<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>{}</title><style>{STYLE}</style></head><body>"#,
        esc(&doc.title)
    );
    let _ = write!(
        out,
        r#"<h1>{}</h1><p class="sub">{}</p><div class="summary">"#,
        esc(&doc.title),
        esc(&doc.subtitle)
    );
    for (k, v) in &doc.summary {
        let _ = write!(out, "<div>{}<b>{}</b></div>", esc(k), esc(v));
    }
    out.push_str("</div>");
    let filtered = !doc.sections.is_empty();
    if filtered {
        let mut depts = BTreeSet::new();
        let mut types = BTreeSet::new();
        for r in doc.sections.iter().flat_map(|s| &s.rows) {
            if !r.department.is_empty() {
                depts.insert(r.department.as_str());
            }
            if !r.phylum.is_empty() {
                types.insert(r.phylum.as_str());
            }
        }
        let opts = |set: &BTreeSet<&str>| {
            set.iter()
                .map(|v| format!(r#"<option value="{0}">{0}</option>"#, esc(v)))
                .collect::<String>()
        };
        let _ = write!(
            out,
            r#"<div class="filters"><label>{} <select id="f-dept"><option value="">{}</option>{}</select></label><label>{} <select id="f-type"><option value="">{}</option>{}</select></label><label>{} <input id="f-text" type="search"></label></div>"#,
            t("实施主体", "Department"),
            t("全部", "All"),
            opts(&depts),
            t("事项类型", "Type"),
            t("全部", "All"),
            opts(&types),
            t("搜索", "Search"),
        );
    }
    let charts_html = format!(
        "<h2>{}</h2><div class=\"charts\">{}</div>",
        t("指标图", "Charts"),
        charts(doc)
    );
    // A comparison is read for its changes: they come before the charts, which the filters do
    // not touch. A statistics page is its charts.
    if !filtered {
        out.push_str(&charts_html);
    }
    for m in &doc.metrics {
        table(&mut out, m, false);
    }
    for s in &doc.sections {
        table(&mut out, s, true);
    }
    if filtered {
        out.push_str(&charts_html);
    }
    if !doc.metrics.is_empty() {
        out.push_str(&definitions());
    }
    if filtered {
        let _ = write!(out, "<script>{SCRIPT}</script>");
    }
    out.push_str("</body></html>\n");
    out
}

#[cfg(test)]
mod whole_value_tests {
    use super::change_html;

    #[test]
    fn mostly_different_values_are_shown_whole() {
        let h = change_html(Some("网上预审"), Some("全程网办"));
        assert!(
            h.contains("<del>网上预审</del>") && h.contains("<ins>全程网办</ins>"),
            "{h}"
        );
        // A small edit is still marked where it happened.
        let h = change_html(Some("温州市鹿城区市场监督管理局"), Some("温州市鹿城区市场监管局"));
        assert!(h.contains("温州市鹿城区市场监") && h.contains("<del>督</del>"), "{h}");
    }
}
