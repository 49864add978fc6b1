//! A power list kept one sheet per type (sheets 行政许可 | 行政处罚 | … without a 权力类型
//! column), under a title naming the type (`行政处罚类（共12项）`) or in sections (`一、行政许可`):
//! the heading is the 事项类型 of the items below it. Only a heading that is a type or a
//! spelling of one the taxonomy knows; a heading that names anything else says no type.

use super::grid::Grid;
use crate::model::taxonomy::Taxonomy;
use crate::model::{F, FileId, Loc};

/// The type a heading names, as the taxonomy's allowed value: the heading without its section
/// number (一、, 第一部分, （一）, 1.), its count (`（共12项）`, `共12项`) and a trailing 清单 / 目录.
pub fn type_named(heading: &str, tax: &Taxonomy) -> Option<String> {
    let (_, rank) = tax.rank_of_field(F::Phylum)?;
    let mut t = heading.trim();
    // 第一部分 / 第二类 before the name.
    if let Some(rest) = t.strip_prefix('第')
        && let Some(k) = rest.find(['部', '类', '章'])
        && rest[..k].chars().all(|c| "一二三四五六七八九十0123456789".contains(c))
    {
        t = rest[k..]
            .trim_start_matches(['部', '分', '类', '章'])
            .trim_start_matches(['：', ':', ' ', '　']);
    }
    t = without_edition(without_count(t));
    // What the table is of: 行政处罚裁量基准 is a table of 行政处罚.
    for tail in [
        "事项实施清单",
        "实施清单",
        "事项清单",
        "清单",
        "事项目录",
        "目录",
        "自由裁量基准",
        "裁量权基准",
        "裁量基准",
        "裁量标准",
    ] {
        if let Some(rest) = t.strip_suffix(tail)
            && !rest.is_empty()
        {
            // 行政处罚事项及裁量基准: the items and their discretion, of one type.
            t = rest.trim_end().trim_end_matches(['及', '和', '与']);
            break;
        }
    }
    let t = t.trim();
    if t.is_empty() {
        return None;
    }
    if rank.def.allows(t) {
        return Some(t.to_string());
    }
    // 公共服务事项, 许可类事项: items of a type written out, or of a kind (类) of one; not 其他事项,
    // whose 其他 alone names no type.
    if let Some(k) = t.strip_suffix("事项") {
        if rank.def.allows(k) {
            return Some(k.to_string());
        }
        // 一、行政许可事项: numbered as a section, the number read as for a bare type.
        return k
            .strip_suffix('类')
            .or(Some(k).filter(|k| {
                k.chars()
                    .next()
                    .is_some_and(|c| !c.is_alphabetic() || "一二三四五六七八九十".contains(c))
            }))
            .and_then(|k| rank.def.canonical(k))
            .map(str::to_string);
    }
    rank.def.canonical(t).map(str::to_string)
}

/// `行政处罚类（共12项）` → `行政处罚类`: a count after the name, bracketed or not.
pub(super) fn without_count(t: &str) -> &str {
    let t = t.trim();
    let counted = |s: &str| {
        let s = s.trim();
        let s = s.strip_prefix('共').unwrap_or(s);
        let s = s.strip_suffix(['项', '条', '个']).unwrap_or(s);
        !s.is_empty() && s.chars().all(|c| c.is_ascii_digit())
    };
    if let Some(body) = t.strip_suffix(['）', ')'])
        && let Some(open) = body.rfind(['（', '('])
        && counted(body[open..].trim_start_matches(['（', '(']))
    {
        return body[..open].trim_end();
    }
    if let Some(k) = t.rfind('共')
        && k > 0
        && counted(&t[k..])
    {
        return t[..k].trim_end_matches([' ', '，', ',', '　']);
    }
    t
}

/// The words of an edition note (rules/editions.yaml).
#[derive(serde::Deserialize)]
struct Editions {
    endings: Vec<String>,
    notes: Vec<String>,
    done: Vec<String>,
}

fn editions() -> &'static Editions {
    static E: std::sync::OnceLock<Editions> = std::sync::OnceLock::new();
    E.get_or_init(|| {
        serde_saphyr::from_str(include_str!("../../../rules/editions.yaml"))
            .expect("an embedded word list is valid (checked by tests)")
    })
}

/// `行政处罚事项清单（2026年版）` → `行政处罚事项清单`: an edition note after a title (`（2026年版）`,
/// `(2025版)`, `（试行）`, `（第二批）`, `（修订稿）`) says which list, not what it lists.
pub(super) fn without_edition(t: &str) -> &str {
    let t = t.trim();
    let Some(body) = t.strip_suffix(['）', ')']) else {
        return t;
    };
    let Some(open) = body.rfind(['（', '(']) else { return t };
    let note = body[open..].trim_start_matches(['（', '(']).trim();
    // `2026年调整`, `2025年修订`: the year of what was done to the list.
    let dated = note.trim_start_matches(|c: char| c.is_ascii_digit());
    let done = match dated.strip_prefix('年') {
        Some(d) if dated.len() < note.len() => d,
        _ => note,
    };
    let words = editions();
    let edition = words.endings.iter().any(|e| note.ends_with(e.as_str()))
        || words.notes.iter().any(|n| n == note)
        || words.done.iter().any(|d| d == done)
        || note
            .strip_suffix(['年', '度'])
            .is_some_and(|y| !y.is_empty() && y.chars().all(|c| c.is_ascii_digit() || c == '年'));
    if edition { body[..open].trim_end() } else { t }
}

/// The type the whole sheet is of: a title row above the header naming one (the nearest to
/// the header), else the sheet's name. With where it is said.
pub fn of_sheet(g: &Grid, file: FileId, header_row: usize, tax: &Taxonomy) -> Option<(String, Loc)> {
    sheet_heading(
        g,
        file,
        header_row,
        |title| type_named(title, tax).or_else(|| type_named(after_office(title)?, tax)),
        |name| type_named(name, tax).or_else(|| type_named(sheet_part(name)?, tax)),
    )
}

/// The sheet's own name within a CSV's file name: a workbook saved sheet by sheet as CSV names
/// each file after the workbook and the sheet (`某县权力清单-行政处罚.csv`, as LibreOffice writes
/// them), so the part after the last `-` or `_` is what a sheet's name would say.
pub(super) fn sheet_part(name: &str) -> Option<&str> {
    let (_, part) = name.rsplit_once(['-', '_'])?;
    let part = part.trim();
    (!part.is_empty()).then_some(part)
}

/// What the whole sheet says of its items, with where it is said: the nearest title row above the
/// header that `title` reads something from, else what `name` reads from the sheet's name.
pub(super) fn sheet_heading(
    g: &Grid,
    file: FileId,
    header_row: usize,
    title: impl Fn(&str) -> Option<String>,
    name: impl Fn(&str) -> Option<String>,
) -> Option<(String, Loc)> {
    for r in (0..header_row).rev() {
        let Some(c) = (0..g.row_width(r)).find(|&c| !g.cell(r, c).trim().is_empty()) else {
            continue;
        };
        if let Some(t) = title(g.cell(r, c)) {
            let (ar, ac) = g.abs(r, c);
            return Some((t, Loc::cell(file, g.sheet, ar, ac)));
        }
    }
    name(&g.name).map(|t| (t, Loc::cell(file, g.sheet, g.origin.0, g.origin.1)))
}

/// A title after the office or place that keeps it (`某县市场监督管理局行政处罚裁量基准` →
/// `行政处罚裁量基准`, `贵阳市某区行政许可事项目录` → `行政许可事项目录`; also 2024年 before it):
/// what follows the last office or place word (no type's name holds one).
fn after_office(title: &str) -> Option<&str> {
    const OFFICES: [&str; 17] = [
        "委员会",
        "办公室",
        "政府",
        "局",
        "厅",
        "委",
        "办",
        "中心",
        "省",
        "市",
        "区",
        "县",
        "州",
        "旗",
        "镇",
        "乡",
        "街道",
    ];
    let t = title.trim();
    let end = OFFICES.iter().filter_map(|o| t.rfind(o).map(|k| k + o.len())).max()?;
    let rest = t[end..].trim_start_matches(|c: char| c.is_ascii_digit() || c == '年' || c.is_whitespace());
    (!rest.is_empty()).then_some(rest)
}

/// The type a section row (`一、行政许可（共25项）`, one text across the row) names, with its cell.
pub fn of_section(g: &Grid, file: FileId, r: usize, tax: &Taxonomy) -> Option<(String, Loc)> {
    let c = (0..g.row_width(r)).find(|&c| !g.cell(r, c).trim().is_empty())?;
    let t = type_named(g.cell(r, c), tax)?;
    let (ar, ac) = g.abs(r, c);
    Some((t, Loc::cell(file, g.sheet, ar, ac)))
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn titles_after_their_office() {
        assert_eq!(
            after_office("某县市场监督管理局行政处罚裁量基准"),
            Some("行政处罚裁量基准")
        );
        assert_eq!(
            after_office("某市人民政府2024年行政许可事项清单"),
            Some("行政许可事项清单")
        );
        assert_eq!(after_office("某县市场监督管理局"), None);
        assert_eq!(after_office("贵阳市某区行政许可事项目录"), Some("行政许可事项目录"));
        assert_eq!(without_edition("行政处罚事项清单（2026年版）"), "行政处罚事项清单");
        let tax = Taxonomy::builtin();
        assert_eq!(type_named("行政许可事项实施清单", &tax).as_deref(), Some("行政许可"));
        assert_eq!(without_edition("行政许可事项目录(试行)"), "行政许可事项目录");
        assert_eq!(without_edition("行政许可事项清单（2026年调整）"), "行政许可事项清单");
        assert_eq!(without_edition("行政许可事项清单（2025年修订）"), "行政许可事项清单");
        assert_eq!(without_edition("行政许可事项清单（调整）"), "行政许可事项清单");
        assert_eq!(without_edition("行政许可（含子项）"), "行政许可（含子项）");
        assert_eq!(after_office("某县2026年行政确认清单"), Some("行政确认清单"));
    }

    #[test]
    fn headings_that_name_a_type() {
        let tax = Taxonomy::builtin();
        let named = |h: &str| type_named(h, &tax);
        assert_eq!(named("行政许可").as_deref(), Some("行政许可"));
        assert_eq!(named("行政处罚类（共12项）").as_deref(), Some("行政处罚"));
        assert_eq!(named("一、行政许可").as_deref(), Some("行政许可"));
        assert_eq!(named("（二）行政强制").as_deref(), Some("行政强制"));
        assert_eq!(named("第三部分 行政征收").as_deref(), Some("行政征收"));
        assert_eq!(named("行政检查事项清单").as_deref(), Some("行政检查"));
        assert_eq!(named("其他行政权力 共5项").as_deref(), Some("其他行政权力"));
        assert_eq!(named("许可").as_deref(), Some("行政许可"));
        assert_eq!(named("行政处罚裁量基准").as_deref(), Some("行政处罚"));
        assert_eq!(named("行政处罚自由裁量基准").as_deref(), Some("行政处罚"));
        assert_eq!(named("行政处罚事项及裁量基准").as_deref(), Some("行政处罚"));
        assert_eq!(named("许可类事项（3项）").as_deref(), Some("行政许可"));
        assert_eq!(named("公共服务事项").as_deref(), Some("公共服务"));
        assert_eq!(named("一、行政许可事项").as_deref(), Some("行政许可"));
        assert_eq!(named("（二）公共服务事项（共3项）").as_deref(), Some("公共服务"));
        for other in ["其他事项", "权力事项", "办理事项", "审批事项", "服务事项", "事项"] {
            assert_eq!(named(other), None, "{other}");
        }
        for other in ["Sheet1", "权力清单", "汇总", "XX县市场监管局", "2024年", "", "裁量基准"] {
            assert_eq!(named(other), None, "{other}");
        }
    }
}
