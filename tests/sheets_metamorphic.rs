//! The same items written another way give the same findings (issue 21, metamorphic probes).
//!
//! tests/fixtures/metamorphic/transform.py writes variants of a committed office workbook —
//! columns reversed or rotated, 备注/更新时间 columns inserted, title lines added or removed, header
//! spellings, a two-row header, list cells renumbered (1、 （1） ① ；), \r\n, numbers as numbers,
//! spaces, items in reverse order, blank rows between items, GBK and UTF-8-BOM CSV — and
//! compare.py lints each against the original. A few of those variants are committed here
//! (tests/fixtures/metamorphic/*.xlsx) and must keep the original's (rule, item name) counts.
//!
//! What the probes found:
//! - a 备注 column in a detail sheet (申请材料 | 事项名称 blank-repeated | 材料名称 | 备注) made
//!   every remarked row an item of its own without a name (29 T001 and T005 on round7/byname):
//!   备注 there remarks on the material of its row, kept with it (convert writes it under the
//!   material), and the column is not reported as unknown.

use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

mod sheets_common;
use sheets_common::{lint, of, workbook};

/// (rule, item name) → count; an item-less finding counts under its rule. F001 (an unknown
/// column: the variants add 备注/更新时间) and F020 (hidden rows, which openpyxl does not rewrite)
/// are about the file, not its items.
fn counts(doc: &Value) -> BTreeMap<(String, String), usize> {
    let mut m = BTreeMap::new();
    for d in doc["diagnostics"].as_array().unwrap() {
        let code = d["code"].as_str().unwrap().to_string();
        if code == "F001" || code == "F020" {
            continue;
        }
        let name = d["item_name"].as_str().unwrap_or("").to_string();
        *m.entry((code, name)).or_insert(0) += 1;
    }
    m
}

fn same_as(original: &str, variants: &[&str]) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let want = counts(&lint(&dir.join(original), &[]));
    assert!(!want.is_empty(), "{original}: no findings to compare");
    for v in variants {
        let got = counts(&lint(&dir.join("metamorphic").join(v), &[]));
        let diff: Vec<_> = want
            .keys()
            .chain(got.keys())
            .filter(|k| want.get(*k) != got.get(*k))
            .map(|k| (k, want.get(k), got.get(k)))
            .collect();
        assert!(diff.is_empty(), "{v} differs from {original}: {diff:#?}");
    }
}

#[test]
fn related_sheets_with_extra_columns_and_renumbered_lists() {
    same_as(
        "round7/byname.xlsx",
        &[
            "byname.extra.xlsx",
            "byname.paren.xlsx",
            "byname.reversed.xlsx",
            "byname.blank.xlsx",
        ],
    );
}

#[test]
fn guide_sheet_with_two_row_header_moved_columns_and_reordered_items() {
    same_as(
        "round8/hall.xlsx",
        &[
            "hall.rotated.xlsx",
            "hall.extra.xlsx",
            "hall.circled.xlsx",
            "hall.numbers.xlsx",
            "hall.spaces.xlsx",
        ],
    );
}

#[test]
fn power_list_with_subitems_under_merged_main_items() {
    same_as(
        "round8/county.xlsx",
        &[
            "county.reversed.xlsx",
            "county.title.xlsx",
            "county.notitle.xlsx",
            "county.headspell.xlsx",
            "county.blank.xlsx",
        ],
    );
}

#[test]
fn remarks_beside_materials_stay_with_them() {
    let tmp = tempfile::tempdir().unwrap();
    let items: &[&[&str]] = &[
        &[
            "序号",
            "事项名称",
            "事项类型",
            "行使层级",
            "实施主体",
            "设定依据",
            "法定时限",
            "承诺时限",
            "是否收费",
            "审批结果",
        ],
        &[
            "1",
            "食品经营许可（新办）",
            "行政许可",
            "县级",
            "某县市场监督管理局",
            "《中华人民共和国食品安全法》第三十五条",
            "20个工作日",
            "10个工作日",
            "否",
            "食品经营许可证",
        ],
        &[
            "2",
            "药品零售许可（新办）",
            "行政许可",
            "县级",
            "某县市场监督管理局",
            "《中华人民共和国药品管理法》第五十二条",
            "30个工作日",
            "15个工作日",
            "否",
            "药品经营许可证",
        ],
    ];
    let materials: &[&[&str]] = &[
        &["序号", "事项名称", "材料名称", "材料形式", "份数", "备注"],
        &[
            "1",
            "食品经营许可（新办）",
            "食品经营许可申请书",
            "原件",
            "1",
            "网上下载",
        ],
        &["2", "", "营业执照", "复印件", "1", "加盖公章"],
        &["3", "", "其他相关材料", "原件", "1", ""],
        &[
            "4",
            "药品零售许可（新办）",
            "药品经营许可申请表",
            "原件",
            "1",
            "窗口领取",
        ],
        &["5", "", "营业执照", "复印件", "1", "核验原件"],
    ];
    let p = workbook(
        tmp.path(),
        "related.xlsx",
        &[("事项基本信息", items), ("申请材料", materials)],
    );
    let doc = lint(&p, &[]);
    // Before: rows 3, 4 and 6 (a remark differing from the row above) were items without a name.
    for code in ["T001", "T005", "T006", "F001", "F024"] {
        assert!(of(&doc, code).is_empty(), "{code}: {:#?}", of(&doc, code));
    }
    // The vague material is found on its item, at its cell.
    let w = of(&doc, "W002");
    assert_eq!(w.len(), 1, "{w:#?}");
    assert_eq!(w[0]["item_name"], "食品经营许可（新办）");
    assert_eq!(w[0]["location"]["sheet"], "申请材料");
    assert_eq!(w[0]["location"]["cell"], "C4");
    // The remark is kept with its material.
    let yaml = sheets_common::converted(&p, &tmp.path().join("c.yaml"));
    let at = yaml.find("name: 营业执照").unwrap();
    assert!(yaml[at..].find("备注: 加盖公章").is_some_and(|k| k < 200), "{yaml}");
}

#[test]
fn other_header_spellings_from_the_field_dictionary() {
    // 行使层级 → 实施层级, 受理条件 → 申请条件, 办理地点 → 受理地点, 咨询电话 → 咨询方式 …
    same_as("round8/district.xlsx", &["district.aliases.xlsx"]);
}

#[test]
fn numbers_under_a_unit_header_and_departments_merged_over_runs() {
    // 20个工作日 → 20 under 法定时限（工作日）; 实施主体 merged over the items of one department.
    same_as("round9/depts.xlsx", &["depts.units.xlsx", "depts.merged.xlsx"]);
    same_as("round9/typed.xlsx", &["typed.tworow.xlsx", "typed.sorted.xlsx"]);
}

#[test]
fn an_unknown_header_wrapped_in_its_cell_is_named_as_read() {
    let tmp = tempfile::tempdir().unwrap();
    let rows: &[&[&str]] = &[
        &["序号", "事项名称", "事项类型", "实施主体", "设定依据", "联络\n人员"],
        &[
            "1",
            "食品经营许可（新办）",
            "行政许可",
            "某县市场监督管理局",
            "《中华人民共和国食品安全法》第三十五条",
            "张三",
        ],
    ];
    let doc = lint(&workbook(tmp.path(), "wrapped.xlsx", &[("Sheet1", rows)]), &[]);
    let f = of(&doc, "F001");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0]["location"]["cell"], "F1");
    assert!(f[0]["message"].as_str().unwrap().contains("“联络人员”"), "{f:#?}");
}
