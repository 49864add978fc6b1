//! Issue 21's leftovers after round 8 (false findings on clean office rows, and gaps): levels
//! offices write that are no error, regional types, one finding per cell of a merged CSV cell,
//! material forms in their own column, condition text, and more columns the dictionary knows.
//! Each case writes its sheet the way an office keeps it and asserts codes and cells.

use serde_json::Value;
use std::path::Path;

mod sheets_common;
use sheets_common::lint;

/// `(code, cell)` of every finding of `doc` with one of `codes`, sorted.
fn found(doc: &Value, codes: &[&str]) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| codes.iter().any(|c| d["code"] == *c))
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["location"]["cell"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    v.sort();
    v
}

fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
    v.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
}

/// Levels offices write that are no error: a development zone's committee (开发区级, 高新区) is
/// 县级, 分级管理 / 属地 / 全省 / 全市 name no tier (read, no level), 县（市、区）级 and
/// 省、市、县三级 are spellings (W007 info at most). A level that is none (县区镇级) stays T003 at
/// its cell; so does a type in the level column.
#[test]
fn levels_offices_write_are_no_error() {
    let dir = tempfile::tempdir().unwrap();
    let levels = [
        "开发区级",
        "全省",
        "全市",
        "属地",
        "县（市、区）级",
        "省、市、县三级",
        "经济技术开发区",
        "高新区",
        "分级管理",
        "属地管理",
        "市级、开发区",
        "县区镇级",
    ];
    let mut rows = vec![vec![
        "序号",
        "权力编码",
        "权力事项名称",
        "权力类型",
        "行使层级",
        "实施主体",
        "设定依据",
    ]];
    let codes: Vec<String> = (1..=levels.len()).map(|n| format!("QL-{n:04}")).collect();
    let names: Vec<String> = (1..=levels.len()).map(|n| format!("测试事项{n}")).collect();
    let nums: Vec<String> = (1..=levels.len()).map(|n| n.to_string()).collect();
    for (k, l) in levels.iter().enumerate() {
        rows.push(vec![
            &nums[k],
            &codes[k],
            &names[k],
            "行政许可",
            l,
            "某县市场监督管理局",
            "《中华人民共和国食品安全法》第三十五条",
        ]);
    }
    let path = dir.path().join("权力清单.xlsx");
    // A title row above the header, as offices keep it.
    let titled: Vec<Vec<&str>> = std::iter::once(vec!["某县权责清单（2026年）"])
        .chain(rows.iter().cloned())
        .collect();
    workbook(&path, &[("权力清单", titled)]);
    let csv = dir.path().join("权力清单.csv");
    let text: String = rows
        .iter()
        .skip(1)
        .fold(rows[0].join(",") + "\n", |t, r| t + &r.join(",") + "\n");
    std::fs::write(&csv, text).unwrap();
    for (path, first) in [(&path, 3), (&csv, 2)] {
        let doc = lint(path, &[]);
        let bad = format!("E{}", first + levels.len() - 1);
        assert_eq!(
            found(&doc, &["T003", "T002"]),
            pairs(&[("T003", &bad)]),
            "{}",
            path.display()
        );
        assert_eq!(doc["summary"]["errors"], 1, "{doc:#?}");
    }
}

/// 行政备案 and 非行政许可审批 are regional types of 行政权力 (a county guide system's type
/// dictionary lists them beside the ten); 备案 and 其他类权力 are spellings (X008 info).
#[test]
fn filing_is_a_power_type() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("权责清单.csv");
    let mut text = String::from("序号,权力编码,权力事项名称,权力类型,行使层级,实施主体,设定依据\n");
    for (k, t) in ["行政备案", "备案", "非行政许可审批", "其他类权力", "行政备注"]
        .iter()
        .enumerate()
    {
        text += &format!(
            "{n},QL-{n:04},事项{n},{t},县级,某县市场监督管理局,《中华人民共和国食品安全法》第一百二十二条\n",
            n = k + 1
        );
    }
    std::fs::write(&path, text).unwrap();
    let doc = lint(&path, &[]);
    assert_eq!(
        found(&doc, &["X001", "X006", "X008"]),
        pairs(&[("X001", "D6"), ("X008", "D3"), ("X008", "D5")]),
        "{doc:#?}"
    );
}

/// A wrong type in a cell merged over a 主项's 子项 rows (or, in a CSV, written once and blank
/// below) is one X001 at that cell, not one per 子项 (before: three at the same cell); a wrong
/// value a 子项 row writes itself is still its own finding.
#[test]
fn a_merged_cell_s_defect_is_one_finding() {
    let dir = tempfile::tempdir().unwrap();
    let head = "序号,权力编码,权力事项名称,子项名称,权力类型,行使层级,实施主体,设定依据";
    let basis = "《中华人民共和国食品安全法》第一百二十二条";
    let rows = [
        [
            "1",
            "330217001000",
            "对违反食品安全法行为的处罚",
            "对未取得许可从事食品生产的处罚",
            "行政处分",
            "县级",
            "某县市场监督管理局",
            basis,
        ],
        ["", "", "", "对未取得许可从事食品销售的处罚", "", "", "", ""],
        ["", "", "", "对未取得许可从事餐饮服务的处罚", "", "", "", ""],
        [
            "2",
            "330217002000",
            "对违反药品管理法行为的处罚",
            "对生产假药的处罚",
            "行政处罚",
            "县级区",
            "某县市场监督管理局",
            basis,
        ],
        ["", "", "", "对销售假药的处罚", "", "", "", ""],
        [
            "3",
            "330217003000",
            "对违反农产品质量安全法行为的处罚",
            "对销售不合格农产品的处罚",
            "行政处罚",
            "县级",
            "某县农业农村局",
            basis,
        ],
        ["", "", "", "对冒用农产品质量标志的处罚", "行政处份", "", "", ""],
    ];
    let csv = dir.path().join("权力清单.csv");
    let text = rows.iter().fold(format!("{head}\n"), |t, r| t + &r.join(",") + "\n");
    std::fs::write(&csv, text).unwrap();
    let doc = lint(&csv, &[]);
    assert_eq!(
        found(&doc, &["X001", "T003"]),
        pairs(&[("T003", "F5"), ("X001", "E2"), ("X001", "E8")]),
        "{doc:#?}"
    );

    // The same list in a workbook, 主项 cells merged over their 子项 rows: each 子项 row reads
    // the merged value at its own cell of the range, one finding per cell.
    let path = dir.path().join("权力清单.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    let fmt = rust_xlsxwriter::Format::new();
    for (c, h) in head.split(',').enumerate() {
        ws.write_string(0, c as u16, h).unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            if !v.is_empty() {
                ws.write_string(r as u32 + 1, c as u16, *v).unwrap();
            }
        }
    }
    for (first, last) in [(1u32, 3u32), (4, 5)] {
        for c in [0u16, 1, 2, 4, 5, 6, 7] {
            let v = rows[first as usize - 1][c as usize];
            ws.merge_range(first, c, last, c, v, &fmt).unwrap();
        }
    }
    wb.save(&path).unwrap();
    let doc = lint(&path, &[]);
    assert_eq!(
        found(&doc, &["X001", "T003"]),
        pairs(&[
            ("T003", "F5"),
            ("T003", "F6"),
            ("X001", "E2"),
            ("X001", "E3"),
            ("X001", "E4"),
            ("X001", "E8")
        ]),
        "{doc:#?}"
    );
}

/// A 材料形式 column as offices fill it (原件及复印件, 原件和复印件, 原件、复印件各1份, 原件或复印件)
/// is read as the forms it names — both papers, or either — not M004 (before: a warning on each);
/// a form word with how the paper is handed in after a material's name (居民身份证原件核验,
/// 营业执照复印件加盖公章) is its form and note, not part of its name. A form that is none
/// (纸质版本) stays M004 at its cell.
#[test]
fn material_forms_as_offices_write_them() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("材料.csv");
    let head = "事项名称,事项类型,实施主体,行使层级,设定依据,法定时限,承诺时限,受理条件,材料名称,材料形式,到现场次数,是否收费,审批结果";
    let lead = "测试许可,行政许可,某县市场监督管理局,县级,《中华人民共和国食品安全法》第三十五条,20个工作日,10个工作日,有固定场所";
    let mats = [
        ("申请书", "原件及复印件"),
        ("营业执照", "原件和复印件"),
        ("场所证明", "原件、复印件各1份"),
        ("居民身份证原件核验", ""),
        ("法定代表人身份证明复印件加盖公章", ""),
        ("健康证明", "原件或复印件"),
        ("平面图", "纸质版本"),
    ];
    let mut text = format!("{head}\n");
    for (k, (name, form)) in mats.iter().enumerate() {
        let item = if k == 0 {
            lead.to_string()
        } else {
            ",,,,,,,".to_string()
        };
        let tail = if k == 0 { ",0次,不收费,许可证" } else { ",,," };
        text += &format!("{item},{name},{form}{tail}\n");
    }
    std::fs::write(&path, text).unwrap();
    let doc = lint(&path, &[]);
    assert_eq!(found(&doc, &["M004"]), pairs(&[("M004", "J8")]), "{doc:#?}");
    assert_eq!(doc["summary"]["errors"], 0, "{doc:#?}");
    let yaml = sheets_common::converted(&path, &dir.path().join("材料.yaml"));
    for m in [
        "- name: 申请书\n            form: 原件和复印件\n",
        "- name: 场所证明\n            form: 原件和复印件\n            copies: 1\n",
        "- name: 居民身份证\n            form: 原件\n            note: 原件核验\n",
        "- name: 法定代表人身份证明\n            form: 复印件\n            note: 复印件加盖公章\n",
        "- name: 健康证明\n            form: 原件或复印件\n",
    ] {
        assert!(yaml.contains(m), "{m}\n{yaml}");
    }
}

/// A full stop ending a condition (受理条件 `1.申请人具有相应的经营场所。2.…。`, or a one-entry
/// cell) is no part of it, as for materials: convert writes the points without it.
#[test]
fn a_condition_s_full_stop_is_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("条件.csv");
    std::fs::write(
        &path,
        "事项名称,事项类型,实施主体,行使层级,设定依据,法定时限,承诺时限,受理条件,申请材料,到现场次数,是否收费,审批结果\n\
         甲许可,行政许可,某县市场监督管理局,县级,《中华人民共和国食品安全法》第三十五条,20个工作日,10个工作日,\
         \"1.申请人具有相应的经营场所。2.具有与经营相适应的设备。\",\"1.申请书。\n2.营业执照（原件1份）。\",0次,不收费,许可证\n\
         乙许可,行政许可,某县市场监督管理局,县级,《中华人民共和国食品安全法》第三十五条,20个工作日,10个工作日,\
         申请人具有相应的经营场所。,申请书,0次,不收费,许可证\n",
    )
    .unwrap();
    let doc = lint(&path, &[]);
    assert_eq!(doc["summary"]["errors"], 0, "{doc:#?}");
    let yaml = sheets_common::converted(&path, &dir.path().join("条件.yaml"));
    assert!(!yaml.contains('。'), "{yaml}");
    assert_eq!(yaml.matches("- point: 申请人具有相应的经营场所\n").count(), 2, "{yaml}");
    assert!(yaml.contains("- point: 具有与经营相适应的设备\n"), "{yaml}");
}

/// Columns offices add that the dictionary now knows: 不予受理情形 (refusals), a material's
/// 纸质材料 | 电子材料 | 是否需要电子版 (paper, electronic) or one 纸质/电子 column (medium), and a
/// 公共服务事项清单's 服务内容 (service_content): no F001, read, written back by convert and shown
/// by publish.
#[test]
fn refusals_paper_and_electronic_are_fields() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("指南.csv");
    std::fs::write(
        &path,
        "事项名称,事项类型,实施主体,行使层级,设定依据,法定时限,承诺时限,受理条件,不予受理情形,材料名称,纸质材料,是否需要电子版,纸质/电子,到现场次数,是否收费,审批结果\n\
         甲许可,行政许可,某县市场监督管理局,县级,《中华人民共和国食品安全法》第三十五条,20个工作日,10个工作日,有固定场所,\
         \"1.申请事项不属于本机关职权范围的；2.申请材料不齐全且逾期未补正的\",申请书,原件1份,是,纸质/电子,0次,不收费,许可证\n\
         ,,,,,,,,,营业执照,复印件1份,否,纸质,,,\n",
    )
    .unwrap();
    let doc = lint(&path, &[]);
    assert!(found(&doc, &["F001"]).is_empty(), "{doc:#?}");
    assert_eq!(doc["summary"]["errors"], 0, "{doc:#?}");
    let yaml = sheets_common::converted(&path, &dir.path().join("指南.yaml"));
    for want in [
        "refusals:\n      - 申请事项不属于本机关职权范围的\n      - 申请材料不齐全且逾期未补正的\n",
        "paper: 原件1份\n",
        "electronic: 是\n",
        "medium: 纸质/电子\n",
        "electronic: 否\n",
    ] {
        assert!(yaml.contains(want), "{want}\n{yaml}");
    }
    let out = dir.path().join("site");
    assert_cmd::Command::cargo_bin("catalog")
        .unwrap()
        .args(["publish", "--out"])
        .arg(&out)
        .arg(&path)
        .assert()
        .success();
    let mut html = String::new();
    for e in walk(&out) {
        if e.extension().is_some_and(|x| x == "html") {
            html += &std::fs::read_to_string(&e).unwrap();
        }
    }
    for want in [
        "不予受理情形",
        "申请事项不属于本机关职权范围的",
        "纸质材料",
        "电子材料",
        "原件1份",
    ] {
        assert!(html.contains(want), "{want} not published");
    }
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

/// Writes a workbook of sheets, each `(name, rows)` with its header first.
fn workbook(path: &Path, sheets: &[(&str, Vec<Vec<&str>>)]) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    for (name, rows) in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(*name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                if !v.is_empty() {
                    ws.write_string(r as u32, c as u16, *v).unwrap();
                }
            }
        }
    }
    wb.save(path).unwrap();
}

/// The items of a converted catalog: (code, department, material names, points), in order.
fn joined(yaml: &str) -> Vec<(String, String, Vec<String>, Vec<String>)> {
    let doc: Value = serde_saphyr::from_str(yaml).unwrap();
    let s = |v: &Value| v.as_str().unwrap_or("").to_string();
    doc["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|it| {
            let scen = it["scenarios"].as_array().cloned().unwrap_or_default();
            let mats = scen
                .iter()
                .flat_map(|sc| sc["materials"].as_array().cloned().unwrap_or_default())
                .map(|m| s(&m["name"]))
                .collect();
            let points = scen
                .iter()
                .flat_map(|sc| sc["acceptance_points"].as_array().cloned().unwrap_or_default())
                .map(|p| s(&p["point"]))
                .collect();
            let code = if it["implementation_code"].is_null() {
                &it["code"]
            } else {
                &it["implementation_code"]
            };
            (s(code), s(&it["department"]), mats, points)
        })
        .collect()
}

/// Related sheets keyed by the other length of one code: items by 33-character 业务办理项编码 with
/// a 申请材料 sheet keyed by their 31-character 实施编码 (each 办理项 gets them), and items by
/// 实施编码 with a 受理条件 sheet keyed by 业务办理项编码 (before: F024 on every row, the
/// materials and conditions lost to their items).
#[test]
fn a_handling_unit_code_names_its_implementation_code() {
    let dir = tempfile::tempdir().unwrap();
    let a = "11440100007482575H3440118009000";
    let (a1, a2) = (format!("{a}01"), format!("{a}02"));
    let b = "1144030069395137733442015052008";
    let b1 = format!("{b}01");
    let head = vec![
        "业务办理项编码",
        "事项名称",
        "事项类型",
        "实施主体",
        "行使层级",
        "设定依据",
    ];
    let basis = "《中华人民共和国食品安全法》第三十五条";
    let items = vec![
        head,
        vec![
            &a1,
            "食品经营许可（新办）",
            "行政许可",
            "某市市场监督管理局",
            "市级",
            basis,
        ],
        vec![
            &a2,
            "食品经营许可（变更）",
            "行政许可",
            "某市市场监督管理局",
            "市级",
            basis,
        ],
        vec![b, "食品生产许可", "行政许可", "某市市场监督管理局", "市级", basis],
    ];
    let path = dir.path().join("办理项.xlsx");
    workbook(
        &path,
        &[
            ("事项基本信息", items),
            (
                "申请材料",
                vec![
                    vec!["实施编码", "材料名称"],
                    vec![a, "申请书"],
                    vec!["", "营业执照"],
                    vec!["11440100007482575H3440118009999", "平面图"],
                ],
            ),
            (
                "受理条件",
                vec![vec!["业务办理项编码", "受理条件"], vec![&b1, "有固定场所"]],
            ),
        ],
    );
    let doc = lint(&path, &[]);
    assert_eq!(found(&doc, &["F024"]), pairs(&[("F024", "A4")]), "{doc:#?}");
    let yaml = sheets_common::converted(&path, &dir.path().join("办理项.yaml"));
    let got = joined(&yaml);
    let mats = |k: usize| got[k].2.clone();
    assert_eq!(mats(0), ["申请书", "营业执照"], "{yaml}");
    assert_eq!(mats(1), ["申请书", "营业执照"], "{yaml}");
    assert_eq!(got[2].3, ["有固定场所"], "{yaml}");
}

/// Two items of one name (one per department): detail rows go by their code when they give one;
/// a row giving only the shared name is F024 at its name cell (before: every such row went to
/// the first item of that name, the second item's materials shown under the first).
#[test]
fn two_items_of_one_name_take_their_rows_by_code() {
    let dir = tempfile::tempdir().unwrap();
    let basis = "《中华人民共和国食品安全法》第三十五条";
    let items = vec![
        vec!["事项编码", "事项名称", "事项类型", "实施主体", "行使层级", "设定依据"],
        vec![
            "000201001000",
            "食品经营许可",
            "行政许可",
            "某县市场监督管理局",
            "县级",
            basis,
        ],
        vec![
            "000201002000",
            "食品经营许可",
            "行政许可",
            "某县经济开发区管委会",
            "开发区级",
            basis,
        ],
        vec![
            "000201003000",
            "食品生产许可",
            "行政许可",
            "某县市场监督管理局",
            "县级",
            basis,
        ],
    ];
    let path = dir.path().join("同名.xlsx");
    workbook(
        &path,
        &[
            ("事项基本信息", items),
            (
                "申请材料",
                vec![
                    vec!["事项名称", "事项编码", "材料名称"],
                    vec!["食品经营许可", "000201002000", "入园证明"],
                    vec!["食品经营许可", "000201001000", "营业执照"],
                    vec!["食品生产许可", "", "生产场所证明"],
                ],
            ),
            (
                "受理条件",
                vec![
                    vec!["事项名称", "受理条件"],
                    vec!["食品生产许可", "有生产场所"],
                    vec!["食品经营许可", "有经营场所"],
                ],
            ),
        ],
    );
    let doc = lint(&path, &[]);
    assert_eq!(found(&doc, &["F024"]), pairs(&[("F024", "A3")]), "{doc:#?}");
    let f024 = &doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "F024")
        .unwrap()["message"];
    assert!(f024.as_str().unwrap().contains("不止一个事项"), "{f024}");
    let yaml = sheets_common::converted(&path, &dir.path().join("同名.yaml"));
    let got = joined(&yaml);
    assert_eq!(got[0].2, ["营业执照"], "{yaml}");
    assert_eq!(got[1].2, ["入园证明"], "{yaml}");
    assert_eq!(
        (got[2].2.clone(), got[2].3.clone()),
        (vec!["生产场所证明".to_string()], vec!["有生产场所".to_string()]),
        "{yaml}"
    );
}
