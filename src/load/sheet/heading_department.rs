//! A workbook kept one sheet per department (sheets 市场监督管理局 | 卫健委 …) without a 实施主体
//! column: the department is the sheet's name, or the full name a title above the header gives
//! (`某某县市场监督管理局权力清单`). Words: rules/department-names.yaml.

use super::grid::Grid;
use super::heading_type::{without_count, without_edition};
use crate::model::{FileId, Loc};

#[derive(serde::Deserialize)]
struct Words {
    endings: Vec<String>,
    not: Vec<String>,
    titles: Vec<String>,
}

fn words() -> &'static Words {
    static W: std::sync::OnceLock<Words> = std::sync::OnceLock::new();
    W.get_or_init(|| {
        serde_saphyr::from_str(include_str!("../../../rules/department-names.yaml"))
            .expect("an embedded word list is valid (checked by tests)")
    })
}

/// Whether `t` reads as a department's name: it ends as one does (局, 委, 办公室 …) and is not
/// a way of handling (一网通办) or a place (经营场所).
fn is_department(t: &str) -> bool {
    let w = words();
    t.chars().count() >= 2
        && w.endings.iter().any(|e| t.ends_with(e.as_str()) && t.len() > e.len())
        && !w.not.iter().any(|n| t.ends_with(n.as_str()))
}

/// The department a sheet's name gives: the name without a number before it (`1.`, `01-`, `一、`)
/// or a count after it (`（12项）`).
pub fn of_name(name: &str) -> Option<String> {
    let t = name
        .trim()
        .trim_start_matches(|c: char| c.is_ascii_digit() || "一二三四五六七八九十".contains(c))
        .trim_start_matches(['.', '、', '-', '_', ' ', '．']);
    let t = without_edition(without_count(t)).trim();
    is_department(t).then(|| t.to_string())
}

/// The department a title names: the title up to the end of a department's name, when what
/// follows names a list (`某某县市场监督管理局权力清单`, `某县卫生健康局行政许可事项目录（2026年版）`)
/// or nothing.
pub fn of_title(title: &str) -> Option<String> {
    // `单位（盖章）：某县交通运输局`, `填报单位：…`: the department after its label.
    let title = title.rsplit_once(['：', ':']).map_or(title, |(_, name)| name);
    let t = without_edition(without_count(title.trim())).trim();
    let w = words();
    let ends: Vec<usize> = w
        .endings
        .iter()
        .flat_map(|e| t.match_indices(e.as_str()).map(move |(k, m)| k + m.len()))
        .collect();
    ends.into_iter()
        .filter(|&k| {
            let rest = t[k..].trim();
            rest.is_empty() || w.titles.iter().any(|x| rest.contains(x.as_str()))
        })
        .map(|k| t[..k].trim())
        .filter(|d| is_department(d))
        .max_by_key(|d| d.len())
        .map(str::to_string)
}

/// The department a section row (`一、某县民政局（12项）`, one text across the row) names, with
/// its cell: the text, its section number and count aside, is a department's name.
pub fn of_section(g: &Grid, file: FileId, r: usize) -> Option<(String, Loc)> {
    let c = (0..g.row_width(r)).find(|&c| !g.cell(r, c).trim().is_empty())?;
    let d = of_name(g.cell(r, c))?;
    let (ar, ac) = g.abs(r, c);
    Some((d, Loc::cell(file, g.sheet, ar, ac)))
}

/// The department the whole sheet is of, with where it is said: a title row above the header
/// naming one (the nearest to the header), else the sheet's name.
pub fn of_sheet(g: &Grid, file: FileId, header_row: usize) -> Option<(String, Loc)> {
    // A government's list kept one sheet per department (`某市人民政府权责清单` above the
    // sheets 民政局 | 水利局): the title names the government that publishes it, the sheet the
    // department that exercises the powers.
    // (`某县权力清单-民政局.csv`: the department is the sheet's part, not the whole file name.)
    let name = |n: &str| {
        super::heading_type::sheet_part(n)
            .and_then(of_name)
            .or_else(|| of_name(n))
    };
    let named_sheet = name(&g.name).is_some();
    let title = |t: &str| of_title(t).filter(|d| !(named_sheet && d.ends_with("政府")));
    super::heading_type::sheet_heading(g, file, header_row, title, name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_that_are_departments() {
        for (name, want) in [
            ("市场监督管理局", Some("市场监督管理局")),
            ("卫健委", Some("卫健委")),
            ("1.县人社局", Some("县人社局")),
            ("自然资源局（12项）", Some("自然资源局")),
            ("县政府办公室", Some("县政府办公室")),
            ("城关镇", Some("城关镇")),
            ("一、某县民政局（12项）", Some("某县民政局")),
            ("二、某县卫生健康局（共8项）", Some("某县卫生健康局")),
        ] {
            assert_eq!(of_name(name).as_deref(), want, "{name}");
        }
        for other in [
            "Sheet1",
            "行政许可",
            "权力清单",
            "一网通办",
            "汇总",
            "申请材料",
            "办理流程",
            "说明",
            "全程网办",
        ] {
            assert_eq!(of_name(other), None, "{other}");
        }
    }

    #[test]
    fn titles_naming_a_department() {
        assert_eq!(
            of_title("某某县市场监督管理局权力清单").as_deref(),
            Some("某某县市场监督管理局")
        );
        assert_eq!(
            of_title("某县卫生健康局行政许可事项目录（2026年版）").as_deref(),
            Some("某县卫生健康局")
        );
        assert_eq!(of_title("某县市场监督管理局").as_deref(), Some("某县市场监督管理局"));
        assert_eq!(
            of_title("某县人民政府办公室行政权力清单").as_deref(),
            Some("某县人民政府办公室")
        );
        for other in [
            "某县2026年行政许可事项清单",
            "行政处罚类（共12项）",
            "权力清单",
            "某县权责清单（2026年）",
        ] {
            assert_eq!(of_title(other), None, "{other}");
        }
    }
}
