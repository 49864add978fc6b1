//! Inline SVG charts for the HTML reports: horizontal grouped bar charts (long Chinese
//! department names read better on the left than under a column), with axis ticks, grid lines,
//! value labels and a legend. Pure text, nothing fetched, prints like the rest of the page.

use crate::metrics::{Unit, show};
use std::fmt::Write;

/// Series colours: old (grey) then new (blue); print-safe and distinguishable without colour
/// thanks to the legend order and value labels.
const COLORS: &[&str] = &["#9aa5b1", "#2b6cb0", "#d69e2e", "#38a169"];

pub use crate::safe::escape_html as esc;

/// A round axis maximum and its tick step.
fn nice_axis(max: f64, unit: Unit) -> (f64, f64) {
    if unit == Unit::Percent {
        return (1.0, 0.2);
    }
    if max <= 0.0 {
        return (1.0, 0.2);
    }
    let raw = max / 5.0;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * mag);
    ((max / step).ceil() * step, step)
}

/// Shorten a category label to about `max` display columns.
fn clip(s: &str, max: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    let mut w = 0;
    let mut o = String::new();
    for c in s.chars() {
        w += c.width().unwrap_or(0);
        if w > max {
            o.push('…');
            return o;
        }
        o.push(c);
    }
    o
}

/// A grouped horizontal bar chart: one group per category, one bar per series.
pub fn grouped_bars(title: &str, unit: Unit, categories: &[String], series: &[(String, Vec<Option<f64>>)]) -> String {
    let n = series.len().max(1);
    let (left, right, top, bar_h, gap) = (190.0, 70.0, 46.0, 13.0, 10.0);
    let width = 760.0;
    let plot_w = width - left - right;
    let group_h = n as f64 * bar_h + gap;
    let legend_h = 28.0;
    let height = top + categories.len() as f64 * group_h + legend_h + 8.0;
    let max = series
        .iter()
        .flat_map(|(_, v)| v.iter().flatten())
        .fold(0.0f64, |a, b| a.max(*b));
    let (axis_max, step) = nice_axis(max, unit);
    let x = |v: f64| left + (v / axis_max).clamp(0.0, 1.0) * plot_w;
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height:.0}" width="100%" role="img" aria-label="{t}"><title>{t}</title>"#,
        t = esc(title)
    );
    let _ = write!(s, r#"<text x="{left}" y="18" class="ct">{}</text>"#, esc(title));
    // Ticks and grid lines.
    let plot_bottom = top + categories.len() as f64 * group_h;
    let mut v = 0.0;
    while v <= axis_max + step * 0.001 {
        let px = x(v);
        let _ = write!(
            s,
            r##"<line x1="{px:.1}" y1="{y1}" x2="{px:.1}" y2="{plot_bottom:.1}" stroke="#d9dee5" stroke-width="1"/><text x="{px:.1}" y="{ty}" class="tick" text-anchor="middle">{}</text>"##,
            esc(&show(unit, Some(v)).replace(".0%", "%")),
            y1 = top - 6.0,
            ty = top - 10.0
        );
        v += step;
    }
    let _ = write!(
        s,
        r##"<line x1="{left}" y1="{}" x2="{left}" y2="{plot_bottom:.1}" stroke="#4a5568"/>"##,
        top - 6.0
    );
    for (ci, cat) in categories.iter().enumerate() {
        let gy = top + ci as f64 * group_h;
        let _ = write!(
            s,
            r#"<text x="{}" y="{:.1}" class="cat" text-anchor="end"><title>{}</title>{}</text>"#,
            left - 6.0,
            gy + n as f64 * bar_h / 2.0 + 4.0,
            esc(cat),
            esc(&clip(cat, 26))
        );
        for (si, (_, vals)) in series.iter().enumerate() {
            let y = gy + si as f64 * bar_h;
            // One series (a statistics page) is drawn in the accent colour, not the grey that
            // marks the old version beside a new one.
            let color = if series.len() == 1 {
                COLORS[1]
            } else {
                COLORS[si % COLORS.len()]
            };
            match vals.get(ci).copied().flatten() {
                Some(val) => {
                    let w = (x(val) - left).max(0.5);
                    let _ = write!(
                        s,
                        r#"<rect x="{left}" y="{y:.1}" width="{w:.1}" height="{:.1}" fill="{color}"/><text x="{:.1}" y="{:.1}" class="val">{}</text>"#,
                        bar_h - 2.0,
                        left + w + 4.0,
                        y + bar_h - 4.0,
                        esc(&show(unit, Some(val)))
                    );
                }
                None => {
                    let _ = write!(
                        s,
                        r#"<text x="{:.1}" y="{:.1}" class="val">—</text>"#,
                        left + 4.0,
                        y + bar_h - 4.0
                    );
                }
            }
        }
    }
    // Legend.
    let ly = plot_bottom + 20.0;
    let mut lx = left;
    for (si, (name, _)) in series.iter().enumerate() {
        let _ = write!(
            s,
            r#"<rect x="{lx:.1}" y="{:.1}" width="12" height="12" fill="{}"/><text x="{:.1}" y="{ly:.1}" class="leg">{}</text>"#,
            ly - 10.0,
            if series.len() == 1 {
                COLORS[1]
            } else {
                COLORS[si % COLORS.len()]
            },
            lx + 16.0,
            esc(name)
        );
        lx += 16.0 + 14.0 * name.chars().count() as f64 + 24.0;
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn escapes_and_draws_every_bar() {
        let svg = grouped_bars(
            "跑零次率 <按部门>",
            Unit::Percent,
            &["市场监管局".into(), "<script>".into()],
            &[
                ("旧版".into(), vec![Some(0.5), None]),
                ("新版".into(), vec![Some(0.75), Some(1.0)]),
            ],
        );
        assert!(!svg.contains("<script>"));
        assert!(svg.contains("&lt;script&gt;"));
        assert_eq!(svg.matches("<rect").count(), 3 + 2);
        assert!(svg.contains("75.0%"));
        assert_eq!(nice_axis(7.3, Unit::Ratio), (8.0, 2.0));
    }
}
