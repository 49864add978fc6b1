//! Spreadsheets as offices keep them (issue 21): a 办事指南汇总表 with a title, a 填报单位 line,
//! one- or two-row headers and several entries per cell, and a 权力清单 with its 主项 merged over
//! the 子项 rows — as xlsx, xls and ods (saved by LibreOffice from the xlsx) and GBK CSV (a
//! two-row header as Excel saves it: the group text in the first cell of its range). Every
//! planted defect must be reported on its row at its cell (and entry), and no clean row may get
//! an error.

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};

mod sheets_common;
use sheets_common::{check, converted, lint, of};

#[path = "../examples/support/office.rs"]
mod office;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/office")
        .join(name)
}

/// Whether some finding of one rule says `text`.
fn said(doc: &Value, code: &str, text: &str) -> bool {
    of(doc, code)
        .iter()
        .any(|d| d["message"].as_str().is_some_and(|m| m.contains(text)))
}

/// The cells the findings of one rule are at, in report order.
fn cells(doc: &Value, code: &str) -> Vec<String> {
    of(doc, code)
        .iter()
        .map(|d| d["location"]["cell"].as_str().unwrap_or("").to_string())
        .collect()
}

/// `(code, cell)` of every finding but the once-per-sheet F023, in the report's order.
fn placed(doc: &Value) -> Vec<(String, String)> {
    doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] != "F023")
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["location"]["cell"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

/// Every finding's rule code, sorted.
fn codes(doc: &Value) -> Vec<String> {
    let mut v: Vec<String> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["code"].as_str().map(str::to_string))
        .collect();
    v.sort();
    v
}

/// Write rows of texts into a worksheet from row `first` (0-based) down, leaving "" cells empty.
fn put_rows<const N: usize>(ws: &mut rust_xlsxwriter::Worksheet, first: u32, rows: &[[&str; N]]) {
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate().filter(|(_, v)| !v.is_empty()) {
            ws.write_string(first + r as u32, c as u16, *v).unwrap();
        }
    }
}

#[test]
fn committed_workbooks_of_each_layout_and_format() {
    for (file, planted) in [
        ("guide-7.xlsx", "guide-7.json"),
        ("guide-7.xls", "guide-7.json"),
        ("guide-7.ods", "guide-7.json"),
        ("guide-9.csv", "guide-9.json"),
        ("guide-4.csv", "guide-4.json"),
        ("power-5.xlsx", "power-5.json"),
        ("power-5.xls", "power-5.json"),
        ("power-5.ods", "power-5.json"),
        ("power-7.csv", "power-7.json"),
    ] {
        let planted: Value = serde_json::from_str(&std::fs::read_to_string(fixture(planted)).unwrap()).unwrap();
        assert!(planted.as_array().unwrap().len() >= 5, "{planted}");
        check(&fixture(file), &planted);
    }
}

#[test]
fn generated_layouts_over_seeds() {
    let dir = tempfile::tempdir().unwrap();
    for (layout, seed) in [("guide", 1), ("guide", 2), ("guide", 3), ("power", 8), ("power", 11)] {
        for ext in ["xlsx", "csv"] {
            let o = office::Options {
                layout: layout.into(),
                rows: 80,
                seed,
                defects: 30,
            };
            let path = dir.path().join(format!("{layout}-{seed}.{ext}"));
            let planted = office::write(&o, &path);
            check(&path, &planted);
        }
    }
}

#[test]
fn one_row_items_read_into_scenarios_materials_and_points() {
    let doc = lint(&fixture("guide-7.xlsx"), &[]);
    // The title, the 填报单位 line and the two header rows are not items.
    assert_eq!(doc["summary"]["items"], 60, "{:#}", doc["summary"]);
    let codes = codes(&doc);
    // 办理情形, 申请材料 and 受理条件 are known columns; 清单类别 follows from 事项类型.
    for never in ["F001", "T004", "X006", "F021"] {
        assert!(!codes.iter().any(|c| c == never), "{never} in {codes:?}");
    }
    // What the sheet has no column for is said once, not per item.
    let f023 = of(&doc, "F023");
    assert_eq!(f023.len(), 2, "{f023:#?}");
    assert!(f023.iter().all(|d| d["item"].is_null()));
}

#[test]
fn power_list_is_named_by_sub_item_and_checked_as_a_power_list() {
    let doc = lint(&fixture("power-5.xlsx"), &[]);
    // 60 rows below the header, 7 of them section rows (一、行政许可 merged across): not items.
    assert_eq!(doc["summary"]["items"], 53);
    let diags = doc["diagnostics"].as_array().unwrap();
    let f023 = of(&doc, "F023");
    assert_eq!(f023.len(), 1, "{f023:#?}");
    assert!(f023[0]["message"].as_str().unwrap().contains("权力清单"));
    for never in ["T004", "T020", "X005", "L005", "V005", "X003"] {
        assert!(diags.iter().all(|d| d["code"] != never), "{never}: {diags:#?}");
    }
    // Items carry their 子项 name, the 主项 repeated from the merged cell; the form judged from
    // the columns is written with them.
    let dir = tempfile::tempdir().unwrap();
    let yaml = dir.path().join("p.yaml");
    let text = converted(&fixture("power-5.xls"), &yaml);
    assert!(text.contains("form: 权力清单"), "{text}");
    assert!(
        text.contains(
            "    name: 食品经营许可1（特殊）\n    main_item: 食品经营许可1\n    sub_item: 食品经营许可1（特殊）"
        ),
        "{text}"
    );
    // And the YAML is checked as the sheet was.
    let again = lint(&yaml, &[]);
    assert_eq!(codes(&again), codes(&doc));
}

#[test]
fn a_catalog_names_its_form() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.yaml");
    std::fs::write(
        &path,
        "catalog:\n  title: 权力清单\n  form: 权力清单\nitems:\n  - name: 甲\n    code: 许可-00001-000\n    kingdom: 行政权力\n    phylum: 行政许可\n    level: 县级\n    department: 温州市鹿城区市场监督管理局\n    basis: [《中华人民共和国行政许可法》第十二条]\n",
    )
    .unwrap();
    let doc = lint(&path, &[]);
    let codes = codes(&doc);
    assert!(codes.iter().any(|c| c == "F023"), "{codes:?}");
    assert!(!codes.iter().any(|c| c == "T004" || c == "T020"), "{codes:?}");
    // Without the form the same item is checked as a guide.
    std::fs::write(
        &path,
        std::fs::read_to_string(&path)
            .unwrap()
            .replace("  form: 权力清单\n", ""),
    )
    .unwrap();
    let doc = lint(&path, &[]);
    assert!(!of(&doc, "T004").is_empty());
}

#[test]
fn unknown_column_reported_once_at_its_header() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("u.csv");
    let mut text = String::from("事项名称,事项编码,实施主体,内部备注\n");
    for i in 0..50 {
        text.push_str(&format!("事项{i},许可-{i:05}-000,温州市鹿城区市场监督管理局,x{i}\n"));
    }
    std::fs::write(&path, text).unwrap();
    let doc = lint(&path, &[]);
    assert_eq!(cells(&doc, "F001"), ["D1"]);
    assert!(of(&doc, "F001")[0]["message"].as_str().unwrap().contains("内部备注"));
}

#[test]
fn form_given_in_catalog_toml_or_on_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("list.csv");
    // A guide sheet (办理情形, 申请材料) whose item fills neither: it lacks its materials (T006 at
    // the empty 申请材料 cell), unless it is a power list, which lists no materials.
    std::fs::write(
        &path,
        "事项名称,事项编码,事项类型,行使层级,实施主体,办理情形,申请材料\n甲,许可-00001-000,行政许可,县级,温州市鹿城区市场监督管理局,,\n",
    )
    .unwrap();
    let t006 = of(&lint(&path, &[]), "T006");
    assert_eq!(t006.len(), 1, "{t006:?}");
    assert_eq!(t006[0]["location"]["cell"], "G2");
    let doc = lint(&path, &["--form", "权力清单"]);
    assert!(of(&doc, "T004").is_empty() && of(&doc, "T006").is_empty(), "{doc:#}");
    assert!(of(&doc, "F023")[0]["message"].as_str().unwrap().contains("指定"));
    std::fs::write(dir.path().join("catalog.toml"), "[options]\nform = \"权力清单\"\n").unwrap();
    let doc = lint(&path, &[]);
    assert!(of(&doc, "T004").is_empty() && of(&doc, "T006").is_empty(), "{doc:#}");
    // An unknown form is refused, naming the known ones.
    let out = Command::cargo_bin("catalog")
        .unwrap()
        .args(["lint", "--form", "权利清单"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("权力清单"));
}

/// A 受理条件 cell whose last entry ends with a colon lost the list after it (W014, at its cell
/// and entry); a lead-in followed by its entries is whole.
#[test]
fn conditions_cut_off_after_a_colon_are_reported_at_their_entry() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("条件.csv");
    std::fs::write(
        &csv,
        "某县办事指南汇总表\n\
         序号,事项编码,事项名称,事项类型,行使层级,实施主体,设定依据,法定时限,承诺时限,办理情形,受理条件,申请材料\n\
         1,许可-00001-001-01,甲许可（新办）,行政许可,县级,某县局,《中华人民共和国行政许可法》第二十九条,20个工作日,5个工作日,新办,\"申请人应当符合下列条件：（1）有固定场所；（2）有管理制度\",申请书（原件1份）\n\
         2,许可-00002-001-01,乙许可（新办）,行政许可,县级,某县局,《中华人民共和国行政许可法》第二十九条,20个工作日,5个工作日,新办,\"1.有固定场所；2.符合下列全部条件的，可提出申请：\",申请书（原件1份）\n",
    )
    .unwrap();
    let doc = lint(&csv, &[]);
    let w014: Vec<&Value> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "W014")
        .collect();
    assert_eq!(w014.len(), 1, "{w014:?}");
    assert_eq!(w014[0]["item"], "许可-00002-001-01");
    assert_eq!(w014[0]["location"]["cell"], "K4");
    assert_eq!(w014[0]["location"]["entry"], 2);
}

/// Messages name the column as the sheet heads it (申请条件, 所需材料), not the dictionary's name.
#[test]
fn messages_name_the_sheets_own_column() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("列名.csv");
    std::fs::write(
        &csv,
        "序号,事项编码,事项名称,事项类型,行使层级,实施主体,设定依据,法定时限,承诺时限,办理情形,申请条件,所需材料\n\
         1,许可-00002-001-01,乙许可（新办）,行政许可,县级,某县局,《中华人民共和国行政许可法》第二十九条,20个工作日,5个工作日,新办,\"1.有固定场所；2.符合下列全部条件的，可提出申请：\",\"1.申请书（原件1份）；2.其他相关材料\"\n",
    )
    .unwrap();
    let doc = lint(&csv, &[]);
    let message = |code: &str| {
        doc["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["code"] == code)
            .map(|d| d["message"].as_str().unwrap().to_string())
            .unwrap_or_default()
    };
    assert!(message("W014").starts_with("申请条件以冒号结尾"), "{}", message("W014"));
    assert!(message("W002").starts_with("所需材料含兜底条款"), "{}", message("W002"));
}

/// A field an item leaves empty is reported at the item's cell in that column (the empty
/// 设定依据 cell), not at the start of the row.
#[test]
fn an_empty_field_is_reported_at_its_cell() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("权力清单.csv");
    std::fs::write(
        &csv,
        "某县农业农村局权力清单\n\
         序号,职权编码,职权名称,子项名称,职权类别,实施层级,实施主体,设定依据,备注\n\
         1,330100001000,农药经营许可,,行政许可,县级,某县农业农村局,《农药管理条例》第二十四条,\n\
         2,330100003000,种子生产经营许可,,行政许可,县级,某县农业农村局,,\n",
    )
    .unwrap();
    let doc = lint(&csv, &[]);
    let b001: Vec<&Value> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "B001")
        .collect();
    assert_eq!(b001.len(), 1, "{b001:?}");
    assert_eq!(b001[0]["item"], "330100003000");
    assert_eq!(b001[0]["location"]["cell"], "H4");
}

/// Headers as other offices spell them — a unit or note in brackets after the name
/// (法定时限（工作日）, 到办事现场次数(次)), 办理依据 for 设定依据, 业务办理项编码 for the
/// 实施编码, 适用情形 for the 办理情形 — name the same columns; and an item whose 受理条件 or
/// 申请材料 cell is empty is told so at that cell, in the sheet's words.
#[test]
fn other_offices_header_spellings_and_empty_lists() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("汇总表.csv");
    std::fs::write(
        &csv,
        "序号,事项名称（必填）,事项编码,业务办理项编码,事项类别,实施层级,实施机关,办理依据,法定时限（工作日）,承诺时限(工作日),是否收费,办件类型,结果名称,适用情形,办理条件,申报材料,到办事现场次数(次),必须现场办理原因说明,办理地点,办理时间,咨询电话,投诉电话\n\
         1,建设工程消防验收,330302003000,113303020020000005433303020030001,行政许可,县级,某县住房和城乡建设局,《中华人民共和国消防法》第十三条,20,15,不收费,承诺件,验收意见书,新建工程；扩建工程,申请人已取得施工许可,1.消防验收申请表；2.工程竣工验收报告,1,需现场查验,某县行政服务中心二楼12号窗口,工作日9:00-17:00,0577-11111111,12345\n\
         2,房屋建筑工程竣工验收备案,330302004000,113303020020000005433303020040001,其他行政权力,县级,某县住房和城乡建设局,《建设工程质量管理条例》第四十九条,15,5,否,承诺件,备案证明,,,,0,,某县行政服务中心二楼12号窗口,工作日9:00-17:00,0577-11111111,12345\n",
    )
    .unwrap();
    let doc = lint(&csv, &[]);
    assert!(of(&doc, "F001").is_empty(), "{:?}", of(&doc, "F001"));
    let errors: Vec<&Value> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
        .collect();
    // The clean first row gets no error; the second lacks its conditions and its materials.
    assert!(errors.iter().all(|d| d["item"] == "330302004000"), "{errors:?}");
    let at = |code: &str| {
        let f = of(&doc, code);
        assert_eq!(f.len(), 1, "{code}: {f:?}");
        (
            f[0]["location"]["cell"].as_str().unwrap().to_string(),
            f[0]["message"].as_str().unwrap().to_string(),
        )
    };
    assert_eq!(at("T005"), ("O3".to_string(), "没有填写办理条件".to_string()));
    assert_eq!(at("T006"), ("P3".to_string(), "没有填写申报材料".to_string()));
}

/// More spellings from other offices' sheets: 材料目录, 最多跑几次, 必须到现场原因, 咨询渠道,
/// 监督投诉渠道 are the fields they say (no unknown column), so a visit without its reason is
/// found at its count and a vague material in 材料目录 at its entry.
#[test]
fn yet_more_header_spellings() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("目录.csv");
    std::fs::write(
        &csv,
        "序号,事项名称,事项编码,事项类型,行使层级,实施主体,设定依据,受理条件,材料目录,最多跑几次,必须到现场原因,咨询渠道,监督投诉渠道\n\
         1,甲许可,330302001000,行政许可,县级,某县局,《中华人民共和国行政许可法》第四十二条,申请人具有相应的经营场所,1.申请书；2.营业执照,0次,,0577-11111111,0577-12345678\n\
         2,乙许可,330302002000,行政许可,县级,某县局,《中华人民共和国行政许可法》第四十二条,申请人具有相应的经营场所,1.申请书；2.其他相关材料,1次,,0577-11111111,0577-12345678\n",
    )
    .unwrap();
    let doc = lint(&csv, &[]);
    assert!(of(&doc, "F001").is_empty(), "{:?}", of(&doc, "F001"));
    assert_eq!(cells(&doc, "V002"), ["J3"], "{doc:#}");
    assert_eq!(cells(&doc, "W002"), ["I3"], "{doc:#}");
}

/// A two-row header whose sub-headers only make sense under their group — 办理时限 over
/// 法定 | 承诺, 联系方式 over 咨询电话 | 投诉电话 — as Excel saves it to CSV (the group text in
/// the first cell of its range): read as the fields they name, the second header row is not an
/// item, and a promised limit longer than the statutory one is found at the 承诺 cell.
#[test]
fn sub_headers_read_under_their_group() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("两行表头.csv");
    std::fs::write(
        &csv,
        "某县政务服务事项办事指南汇总表,,,,,,,,,,,,\n\
         序号,事项名称,事项编码,事项类型,行使层级,实施主体,设定依据,办理时限,,收费,,联系方式,\n\
         ,,,,,,,法定,承诺,是否收费,收费依据,咨询电话,投诉电话\n\
         1,食品经营许可,330302001000,行政许可,县级,某县局,《中华人民共和国食品安全法》第三十五条,20个工作日,10个工作日,否,,0577-12345678,0577-12345670\n\
         2,药品零售许可,330302002000,行政许可,县级,某县局,《中华人民共和国药品管理法》第五十二条,30个工作日,40个工作日,否,,0577-12345679,0577-12345670\n",
    )
    .unwrap();
    let doc = lint(&csv, &[]);
    assert_eq!(doc["summary"]["items"], 2, "{doc:#}");
    assert!(of(&doc, "F001").is_empty() && of(&doc, "L003").is_empty(), "{doc:#}");
    assert_eq!(cells(&doc, "L001"), ["I5"], "{doc:#}");
}

/// A workbook whose sheets differ — a 权力清单 sheet beside a 办事指南 sheet, as departments
/// hand them in together: each sheet is judged by its own columns, and said once for that
/// sheet. The power list's items get nothing meant for guides; the guide sheet, which has no
/// 材料范例 column, gets no T007 on its materials although the power sheet has no material
/// column at all; a promised limit longer than the statutory one is still found there.
#[test]
fn sheets_of_one_workbook_judged_each_by_its_own_columns() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("两张表.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let power = [
        [
            "序号",
            "权力编码",
            "权力事项名称",
            "权力类型",
            "行使层级",
            "实施主体",
            "设定依据",
        ],
        [
            "1",
            "330302101000",
            "建设用地审批",
            "行政许可",
            "县级",
            "某县自然资源局",
            "《中华人民共和国土地管理法》第四十四条",
        ],
        [
            "2",
            "330302201000",
            "对非法占用土地的处罚",
            "行政处罚",
            "县级",
            "某县自然资源局",
            "《中华人民共和国土地管理法》第七十七条",
        ],
    ];
    let guide = [
        [
            "序号",
            "事项名称",
            "事项编码",
            "事项类型",
            "行使层级",
            "实施主体",
            "设定依据",
            "法定时限",
            "承诺时限",
            "是否收费",
            "办理情形",
            "受理条件",
            "申请材料",
            "到办事现场次数",
            "必须现场办理原因说明",
            "审批结果",
        ],
        [
            "1",
            "食品经营许可",
            "330302001000",
            "行政许可",
            "县级",
            "某县市场监督管理局",
            "《中华人民共和国食品安全法》第三十五条",
            "20个工作日",
            "10个工作日",
            "否",
            "企业申请",
            "申请人具有相应的经营场所",
            "1.申请书（原件1份）；2.营业执照（复印件1份）",
            "0",
            "",
            "食品经营许可证",
        ],
        [
            "2",
            "药品零售许可",
            "330302002000",
            "行政许可",
            "县级",
            "某县市场监督管理局",
            "《中华人民共和国药品管理法》第五十二条",
            "20个工作日",
            "30个工作日",
            "否",
            "企业申请",
            "申请人具有相应的经营场所",
            "1.申请书（原件1份）",
            "0",
            "",
            "药品经营许可证",
        ],
    ];
    put_rows(wb.add_worksheet().set_name("权力清单").unwrap(), 0, &power);
    put_rows(wb.add_worksheet().set_name("办事指南").unwrap(), 0, &guide);
    wb.save(&path).unwrap();
    let doc = lint(&path, &[]);
    let on_sheet = |sheet: &str| -> Vec<String> {
        let mut v: Vec<String> = doc["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["location"]["sheet"] == sheet && d["code"] != "F023")
            .map(|d| d["code"].as_str().unwrap().to_string())
            .collect();
        v.sort();
        v
    };
    assert!(on_sheet("权力清单").is_empty(), "{doc:#}");
    assert_eq!(on_sheet("办事指南"), ["L001"], "{doc:#}");
    assert_eq!(cells(&doc, "L001"), ["I3"], "{doc:#}");
    let said: Vec<String> = of(&doc, "F023")
        .iter()
        .filter(|d| d["location"]["sheet"] == "权力清单")
        .map(|d| d["message"].as_str().unwrap().to_string())
        .collect();
    assert!(said.iter().any(|m| m.contains("清单形式为权力清单")), "{said:?}");
}

/// A 权责清单 — a power list with 责任事项 and 追责情形 columns beside its 权力类型 — is checked as
/// a 权力清单: a power without its 实施依据 is found at that cell (a 责任清单 has no bases to check).
#[test]
fn a_power_list_with_duty_columns_is_checked_as_a_power_list() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("权责清单.csv");
    std::fs::write(
        &csv,
        "序号,职权编码,职权名称,职权类别,行使层级,实施依据,责任事项,追责情形\n\
         1,330302201000,对非法占用土地的处罚,行政处罚,县级,《中华人民共和国土地管理法》第七十七条,1.立案责任；2.调查责任,1.违法处罚的\n\
         2,330302301000,对违法建筑的强制拆除,行政强制,县级,,1.催告责任,1.违法强制的\n",
    )
    .unwrap();
    let doc = lint(&csv, &[]);
    assert_eq!(cells(&doc, "B001"), ["F3"], "{doc:#}");
    assert!(said(&doc, "F023", "清单形式为权力清单"), "{doc:#}");
}

/// One row per material, the item's cells merged down over its rows — 受理条件 and 办理情形
/// too: the merged condition is one acceptance point, not one per row it covers; a merged cell
/// reaching the next item's first row is that item's as well.
#[test]
fn child_cells_merged_over_an_items_rows_are_one_entry() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("每行一个材料.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    let head = [
        "序号",
        "事项名称",
        "事项编码",
        "事项类型",
        "行使层级",
        "实施主体",
        "办理情形",
        "受理条件",
        "申请材料",
        "材料形式",
    ];
    put_rows(ws, 0, &[head]);
    let fmt = rust_xlsxwriter::Format::new();
    // Item 1 on rows 2–4, item 2 on rows 5–6; 受理条件 of item 2 merged over its two rows.
    for (first, last, no, name, code) in [
        (1u32, 3u32, "1", "食品经营许可", "330302001000"),
        (4, 5, "2", "药品零售许可", "330302002000"),
    ] {
        for (c, v) in [
            no,
            name,
            code,
            "行政许可",
            "县级",
            "某县局",
            "新办",
            "申请人具有相应的经营场所",
        ]
        .iter()
        .enumerate()
        {
            ws.merge_range(first, c as u16, last, c as u16, v, &fmt).unwrap();
        }
    }
    for (r, (m, f)) in [
        ("申请书", "原件"),
        ("营业执照", "复印件"),
        ("其他相关材料", "原件"),
        ("申请书", "原件"),
        ("场所证明", "复印件"),
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(r as u32 + 1, 8, *m).unwrap();
        ws.write_string(r as u32 + 1, 9, *f).unwrap();
    }
    wb.save(&path).unwrap();
    let text = converted(&path, &dir.path().join("每行一个材料.yaml"));
    assert_eq!(text.matches("point: 申请人具有相应的经营场所").count(), 2, "{text}");
    assert_eq!(text.matches("- name: 新办").count(), 2, "{text}");
    assert_eq!(text.matches("form: 复印件").count(), 2, "{text}");
    assert_eq!(cells(&lint(&path, &[]), "W002"), ["I4"]);
}

/// Lines that sum, sign or annotate the table — 小计 between sections, 合计 below, 填表人 and
/// 审核人, a 注： with its second line — are not items (before: each an item with an error per
/// empty column); a full row below a note is still an item.
#[test]
fn total_and_footer_lines_are_not_items() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("页脚.csv");
    let row = |n: u32, name: &str| {
        format!(
            "{n},{name},33030200{n}000,行政许可,县级,某县局,《中华人民共和国行政许可法》第二十九条,企业申请,申请人具有相应的经营场所,1.申请书\n"
        )
    };
    let text = format!(
        "序号,事项名称,事项编码,事项类型,行使层级,实施主体,设定依据,办理情形,受理条件,申请材料\n\
         一、行政许可,,,,,,,,,\n{}{}小计：2项,,,,,,,,,\n二、其他,,,,,,,,,\n{}合计,共3项,,,,,,,,\n,,,,,,,,,\n\
         填表人：张三,,联系电话：0577-12345678,,审核人：李四,,,,,\n注：1.本表一式两份；,,,,,,,,,\n2.时限以工作日计。,,,,,,,,,\n",
        row(1, "甲许可"),
        row(2, "乙许可"),
        row(3, "丙许可"),
    );
    std::fs::write(&csv, &text).unwrap();
    let doc = lint(&csv, &[]);
    assert_eq!(doc["summary"]["items"], 3, "{doc:#}");
    assert_eq!(doc["summary"]["errors"], 0, "{doc:#}");
    // A full row below the note is data, not footer.
    let more = dir.path().join("注后有数据.csv");
    std::fs::write(&more, format!("{text}{}", row(4, "丁许可"))).unwrap();
    assert_eq!(lint(&more, &[])["summary"]["items"], 4);
}

/// A guide sheet with a 办理情形 column but no 申请材料 column (headers wrapped over two lines in
/// their cells, as printed sheets have them): no T006 "no materials" on every 情形, said once.
#[test]
fn a_sheet_without_a_material_column() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("无材料列.csv");
    std::fs::write(
        &csv,
        "序号,\"事项\n名称\",\"事项\n编码\",事项类型,\"行使\n层级\",\"法定时限\n（工作日）\",承诺时限,办理情形\n\
         1,甲许可,330302001000,行政许可,县级,20,10,企业申请\n\
         2,乙许可,330302002000,行政许可,县级,20,30,个人申请\n",
    )
    .unwrap();
    let doc = lint(&csv, &[]);
    assert!(of(&doc, "T006").is_empty() && of(&doc, "F001").is_empty(), "{doc:#}");
    assert_eq!(cells(&doc, "L001"), ["G3"], "{doc:#}");
    let lacks: Vec<String> = of(&doc, "F023")
        .iter()
        .map(|d| d["message"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(lacks.iter().filter(|m| m.contains("T006")).count(), 1, "{lacks:?}");
}

/// A 公共服务事项清单 as a county keeps it — 服务事项名称 | 服务对象 | 服务内容 | 责任单位 |
/// 咨询电话, a title row above, no 事项类型 column: judged a 公共服务事项清单, 责任单位 is the
/// 实施主体, 服务内容 its service content, and no item is told it lacks a type (said once).
#[test]
fn a_public_service_list_as_a_county_keeps_it() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("公共服务.csv");
    std::fs::write(
        &csv,
        "某县公共服务事项清单,,,,,\n序号,服务事项名称,服务对象,服务内容,责任单位,咨询电话\n\
         1,城乡居民基本养老保险参保登记,城乡居民,办理参保登记,某县人力社保局,0577-12345678\n\
         2,图书借阅服务,社会公众,免费借阅图书,某县图书馆,12345678\n",
    )
    .unwrap();
    let doc = lint(&csv, &[]);
    assert_eq!(doc["summary"]["errors"], 0, "{doc:#}");
    // 服务内容 is a field (service_content), read and written back, not an unknown column.
    assert!(of(&doc, "F001").is_empty(), "{doc:#}");
    assert!(said(&doc, "F023", "清单形式为公共服务事项清单"), "{doc:#}");
    let text = converted(&csv, &dir.path().join("公共服务.yaml"));
    assert!(
        text.contains(
            "service_content:
      - 免费借阅图书"
        ),
        "{text}"
    );
}

/// A power list that numbers its 子项 under their 主项 (序号 1, 1.1, 1.2) instead of merging the
/// 主项 cell: the row numbered 1 is the 主项 of 1.1 and 1.2, not an item (before: an item with
/// no 设定依据, B001); its name is theirs as 主项, its code their 主项编码 (main_code).
#[test]
fn sub_items_numbered_under_their_main_item() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("编号权力清单.csv");
    std::fs::write(
        &csv,
        "某县权力清单,,,,,,\n序号,权力编码,权力事项名称,权力类型,行使层级,实施主体,设定依据\n\
         1,330302101000,建设用地审批,行政许可,县级,某县自然资源局,\n\
         1.1,330302101001,农用地转用审批,行政许可,县级,,《中华人民共和国土地管理法》第四十四条\n\
         1.2,330302101002,土地征收审批,行政许可,县级,,\n\
         2,330302201000,对非法占用土地的处罚,行政处罚,县级,某县自然资源局,《中华人民共和国土地管理法》第七十七条\n",
    )
    .unwrap();
    let doc = lint(&csv, &[]);
    assert_eq!(doc["summary"]["items"], 3, "{doc:#}");
    // The 1.2 row's own empty 设定依据 is still found; the 主项 row's is not reported.
    assert_eq!(cells(&doc, "B001"), ["G5"], "{doc:#}");
    let text = converted(&csv, &dir.path().join("编号权力清单.yaml"));
    assert_eq!(text.matches("main_item: 建设用地审批").count(), 2, "{text}");
    assert_eq!(text.matches("department: 某县自然资源局").count(), 3, "{text}");
    assert_eq!(text.matches("main_code: \"330302101000\"").count(), 2, "{text}");
}

/// A department's 责任清单 — 主要职责 (merged or left blank over its rows) | 具体工作事项 |
/// 职责边界 | 事中事后监管制度 | 追责情形 | 追责依据 — is read as one (its columns are fields, not
/// unknown columns), said once to be a 责任清单, and its items get no finding meant for guides;
/// a 责任事项 column beside a power names duties of the power's own department.
#[test]
fn a_responsibility_list_is_read_and_checked_as_one() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("责任清单.csv");
    std::fs::write(
        &csv,
        "某县市场监督管理局部门责任清单\n\
         序号,主要职责,具体工作事项,职责边界,事中事后监管制度,追责情形,追责依据\n\
         1,负责市场综合监督管理,组织实施质量强县战略,与县发改局：……,双随机一公开,不履行监管职责的,《中华人民共和国公务员法》第五十九条\n\
         2,,拟订并组织实施有关规划,,,,\n\
         3,负责食品安全监督管理,食品生产经营许可,,,,\n",
    )
    .unwrap();
    let doc = lint(&csv, &[]);
    assert_eq!(codes(&doc), ["F023"], "{doc:#}");
    assert!(of(&doc, "F023")[0]["message"].as_str().unwrap().contains("责任清单"));
    let text = converted(&csv, &dir.path().join("责任清单.yaml"));
    assert_eq!(text.matches("main_duty: 负责市场综合监督管理").count(), 2, "{text}");
    assert!(text.contains("accountability_basis:"), "{text}");

    // One row per 主要职责, its 具体工作事项 listed in one cell: one item per entry, named by it
    // and sharing the row's boundary, oversight and accountability; a row numbering its one
    // work item ((2), 2.) keeps the name without the number.
    let listed = dir.path().join("职责列表.csv");
    std::fs::write(
        &listed,
        encoding_rs::GBK
            .encode(
                "序号,主要职责,具体工作事项,职责边界,事中事后监管,追责情形\n\
                 1,负责市场综合监督管理,\"1.起草市场监督管理有关规范性文件\n2.组织实施质量强县战略\",与县商务局：……,双随机一公开,\"1.不履行监管职责的；2.滥用职权的\"\n\
                 2,负责登记注册,（2）建立市场主体信息公示制度,,信用监管,违法登记的\n",
            )
            .0,
    )
    .unwrap();
    let doc = lint(&listed, &[]);
    assert_eq!(codes(&doc), ["F023"], "{doc:#}");
    assert_eq!(doc["summary"]["items"], 3, "{doc:#}");
    let text = converted(&listed, &dir.path().join("职责列表.yaml"));
    for name in [
        "起草市场监督管理有关规范性文件",
        "组织实施质量强县战略",
        "建立市场主体信息公示制度",
    ] {
        assert!(text.contains(&format!("  - name: {name}\n")), "{name}: {text}");
    }
    assert_eq!(text.matches("      - 滥用职权的\n").count(), 2, "{text}");

    let power = dir.path().join("权责清单.csv");
    std::fs::write(
        &power,
        "序号,权力事项名称,权力类型,实施主体,设定依据,责任事项,追责情形\n\
         1,食品经营许可,行政许可,某县市场监督管理局,《中华人民共和国食品安全法》第三十五条,1.受理责任：公示条件；2.审查责任：审查材料,1.对符合条件不予受理的；2.违法准予许可的\n",
    )
    .unwrap();
    let doc = lint(&power, &[]);
    assert!(of(&doc, "D002").is_empty(), "{doc:#}");
}

/// The 办理项 of one 事项 share its 事项编码 in an office sheet and differ in the last two digits of
/// their 33-character 实施编码: not duplicates. A row with the same code and no 实施编码 to tell
/// it apart is one (X004 at its code cell).
#[test]
fn handling_items_of_one_item_share_its_code() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("办理项.csv");
    std::fs::write(
        &csv,
        "序号,事项名称,事项编码,实施编码,事项类型,行使层级,实施主体,设定依据\n\
         1,食品经营许可（新办）,330302001000,113303020020000005433303020010001,行政许可,县级,某县局,《中华人民共和国食品安全法》第三十五条\n\
         2,食品经营许可（变更）,330302001000,113303020020000005433303020010002,行政许可,县级,某县局,《中华人民共和国食品安全法》第三十五条\n\
         3,食品经营许可（注销）,330302001000,,行政许可,县级,某县局,《中华人民共和国食品安全法》第三十五条\n",
    )
    .unwrap();
    let x004 = of(&lint(&csv, &[]), "X004");
    assert_eq!(x004.len(), 1, "{x004:?}");
    assert_eq!(x004[0]["location"]["cell"], "C4");
    // The first item is named where the clerk finds it: its sheet and cell, not a line number.
    assert!(
        x004[0]["message"]
            .as_str()
            .unwrap()
            .contains("办理项.csv › 办理项 › A2"),
        "{x004:?}"
    );
}

/// Template wording in a 受理条件 cell is found entry by entry, with a subject before it
/// (申请人符合相关规定 says 符合相关规定); a sheet without a 到办事现场次数 column says so once
/// instead of V005 on every row.
#[test]
fn template_conditions_and_a_missing_visits_column() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("条件.csv");
    std::fs::write(
        &csv,
        "序号,事项名称,事项编码,事项类型,行使层级,实施主体,设定依据,办理情形,受理条件,申请材料\n\
         1,甲许可,许可-00001-000,行政许可,县级,某县局,《中华人民共和国行政许可法》第四十二条,个人申请,1.申请人符合相关规定；2.有固定的经营场所,1.申请书\n\
         2,乙许可,许可-00002-000,行政许可,县级,某县局,《中华人民共和国行政许可法》第四十二条,个人申请,1.有专职安全管理人员；2.具备相应的条件,1.申请书\n\
         3,丙许可,许可-00003-000,行政许可,县级,某县局,《中华人民共和国行政许可法》第四十二条,个人申请,1.经营场所面积不少于50平方米；2.无违法记录,1.申请书\n",
    )
    .unwrap();
    let doc = lint(&csv, &[]);
    let w001: Vec<(String, u64)> = of(&doc, "W001")
        .iter()
        .map(|d| {
            (
                d["location"]["cell"].as_str().unwrap().to_string(),
                d["location"]["entry"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    assert_eq!(w001, [("I2".to_string(), 1), ("I3".to_string(), 2)]);
    assert!(of(&doc, "V005").is_empty());
    assert!(said(&doc, "F023", "到办事现场次数"), "{doc:#}");
}

/// A power list whose 序号, 权力编码 and 权力事项名称 cells are merged over the 子项 rows: the 子项
/// share the 主项's code and are no duplicates; two 子项 of one 主项 with the same name are.
#[test]
fn sub_items_under_a_merged_main_code_are_not_duplicates() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("权力清单.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "某县农业农村局权力清单").unwrap();
    let header = [
        "序号",
        "权力编码",
        "权力事项名称",
        "子项名称",
        "权力类型",
        "行使层级",
        "实施主体",
        "设定依据",
    ];
    put_rows(ws, 1, &[header]);
    let rows: [[&str; 8]; 5] = [
        [
            "1",
            "许可-00101-000",
            "农药经营许可",
            "",
            "行政许可",
            "县级",
            "某县农业农村局",
            "《农药管理条例》第二十四条",
        ],
        [
            "2",
            "处罚-00201-000",
            "对违反农药管理规定行为的处罚",
            "对未取得农药经营许可证经营农药的处罚",
            "行政处罚",
            "县级",
            "某县农业农村局",
            "《农药管理条例》第五十五条",
        ],
        [
            "",
            "",
            "",
            "对经营假农药的处罚",
            "行政处罚",
            "县级",
            "某县农业农村局",
            "《农药管理条例》第五十六条",
        ],
        [
            "",
            "",
            "",
            "对经营假农药的处罚",
            "行政处罚",
            "县级",
            "某县农业农村局",
            "《农药管理条例》第五十六条",
        ],
        [
            "3",
            "检查-00301-000",
            "对农药经营活动的监督检查",
            "",
            "行政检查",
            "县级",
            "某县农业农村局",
            "《农药管理条例》第四十一条",
        ],
    ];
    put_rows(ws, 2, &rows);
    let plain = rust_xlsxwriter::Format::new();
    for (c, v) in ["2", "处罚-00201-000", "对违反农药管理规定行为的处罚"]
        .iter()
        .enumerate()
    {
        ws.merge_range(3, c as u16, 5, c as u16, v, &plain).unwrap();
    }
    wb.save(&path).unwrap();
    let doc = lint(&path, &[]);
    // Only the repeated 子项 (row 6) is a duplicate entry.
    assert_eq!(cells(&doc, "X004"), ["B6"]);
    assert_eq!(cells(&doc, "X005"), ["D6"]);
}

/// Types as other lists write them (行政强制措施, 处罚, 其他权力) are read as the taxonomy's own
/// (行政强制 …): an info asking for the allowed spelling (X008), no X001 error, the 清单类别 derived
/// and the code prefix checked against it; an unknown type stays an error.
#[test]
fn other_spellings_of_item_types() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("权力清单.csv");
    std::fs::write(
        &csv,
        "序号,权力编码,权力事项名称,权力类型,行使层级,实施主体,设定依据\n\
         1,强制-00001-000,查封违法经营场所,行政强制措施,县级,某县市场监督管理局,《中华人民共和国食品安全法》第一百一十条\n\
         2,处罚-00002-000,对无证经营的处罚,处罚,县级,某县市场监督管理局,《无证无照经营查处办法》第十三条\n\
         3,其他-00003-000,政府信息公开申请处理,其他权力,县级,某县市场监督管理局,《中华人民共和国政府信息公开条例》第二十七条\n\
         4,其他-00004-000,年度考核,行政审批,县级,某县市场监督管理局,《中华人民共和国政府信息公开条例》第二十七条\n",
    )
    .unwrap();
    let doc = lint(&csv, &[]);
    assert_eq!(cells(&doc, "X008"), ["D2", "D3", "D4"]);
    assert_eq!(cells(&doc, "X001"), ["D5"]);
    assert!(of(&doc, "X006").is_empty() && of(&doc, "K006").is_empty(), "{doc:#}");
}

/// A sheet with a 咨询方式 column and no 监督投诉电话 column: the missing complaint phone is the
/// sheet's layout, not a finding on every row; a phone without its area code still is one.
#[test]
fn a_sheet_without_a_complaint_phone_column() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("电话.csv");
    std::fs::write(
        &csv,
        "序号,事项名称,事项编码,事项类型,行使层级,实施主体,设定依据,咨询方式\n\
         1,甲许可,许可-00001-000,行政许可,县级,某县局,《中华人民共和国行政许可法》第四十二条,0577-88880000\n\
         2,乙许可,许可-00002-000,行政许可,县级,某县局,《中华人民共和国行政许可法》第四十二条,88880000\n",
    )
    .unwrap();
    assert_eq!(cells(&lint(&csv, &[]), "V006"), ["H3"]);
}

/// 是否收费 | 收费标准 | 收费依据 side by side are three fields, none an unknown column or a
/// conflict; a sheet whose only fee column is 收费标准 has it checked as the 收费.
#[test]
fn fee_columns_side_by_side() {
    let dir = tempfile::tempdir().unwrap();
    let three = dir.path().join("收费.csv");
    std::fs::write(
        &three,
        "序号,事项名称,事项编码,事项类型,行使层级,实施主体,是否收费,收费标准,收费依据\n\
         1,甲许可,许可-00001-000,行政许可,县级,某县局,是,每件50元,《某省行政事业性收费标准》\n\
         2,乙许可,许可-00002-000,行政许可,县级,某县局,否,,\n",
    )
    .unwrap();
    let doc = lint(&three, &[]);
    assert!(of(&doc, "F001").is_empty() && of(&doc, "F022").is_empty(), "{doc:#}");
    let one = dir.path().join("标准.csv");
    std::fs::write(
        &one,
        "序号,事项名称,事项编码,事项类型,行使层级,实施主体,收费标准\n1,甲许可,许可-00001-000,行政许可,县级,某县局,免费\n",
    )
    .unwrap();
    assert_eq!(cells(&lint(&one, &[]), "W004"), ["G2"]);
}

/// Columns that say one field twice, as 实施清单 and power lists have them: 设定依据 and 实施依据
/// are both the item's bases (a defect in the second found at its cell); 事项名称 beside
/// 业务办理项名称 names the 主项; 实施编码 beside 业务办理项编码 is one code. No unknown column, no
/// conflict on every row.
#[test]
fn columns_that_say_one_field_twice() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("实施清单.csv");
    std::fs::write(
        &csv,
        "序号,事项名称,业务办理项名称,事项编码,实施编码,业务办理项编码,事项类型,行使层级,实施主体,设定依据,实施依据\n\
         1,食品经营许可,食品经营许可（新办）,330302001000,1133030200200000054333030200100,113303020020000005433303020010001,行政许可,县级,某县局,《中华人民共和国食品安全法》第三十五条,《食品经营许可管理办法》第十条\n\
         2,食品经营许可,食品经营许可（变更）,330302001000,1133030200200000054333030200100,113303020020000005433303020010002,行政许可,县级,某县局,《中华人民共和国食品安全法》第三十五条,《食品经营许可管理办法》第\n",
    )
    .unwrap();
    let doc = lint(&csv, &[]);
    assert!(
        of(&doc, "F001").is_empty() && of(&doc, "F022").is_empty() && of(&doc, "X004").is_empty(),
        "{doc:#}"
    );
    assert_eq!(cells(&doc, "B002"), ["K3"]);
    let text = converted(&csv, &dir.path().join("实施清单.yaml"));
    assert!(
        text.contains("name: 食品经营许可（新办）\n    main_item: 食品经营许可"),
        "{text}"
    );
    assert!(
        text.contains("implementation_code: \"113303020020000005433303020010002\""),
        "{text}"
    );
}

/// Two columns read as one field that mostly differ hold two things (办理地点 a counter,
/// 办公地址 the street): one note at the second column's header, nothing per row. Two that agree
/// on all rows but one point at that row: the conflict is reported there.
#[test]
fn two_columns_of_one_field_that_hold_different_things() {
    let dir = tempfile::tempdir().unwrap();
    let head = "序号,事项名称,事项编码,事项类型,行使层级,实施主体,办理地点,办公地址,咨询电话,咨询方式\n";
    let mut rows = String::from(head);
    for i in 1..=10 {
        // 咨询方式 repeats 咨询电话 except on row 7 (one forgotten update).
        let phone = format!("0577-8888{i:04}");
        let other = if i == 7 {
            "0577-88880000".to_string()
        } else {
            phone.clone()
        };
        rows.push_str(&format!(
            "{i},甲许可{i},许可-{i:05}-000,行政许可,县级,某县局,政务服务中心{i}号窗口,某县人民路{i}号,{phone},{other}\n"
        ));
    }
    let csv = dir.path().join("两列.csv");
    std::fs::write(&csv, &rows).unwrap();
    let doc = lint(&csv, &[]);
    let f022 = of(&doc, "F022");
    assert_eq!(cells(&doc, "F022"), ["H1", "J8"], "{doc:#}");
    assert_eq!(f022[0]["severity"], "info", "{doc:#}");
    assert!(f022[0]["message"].as_str().unwrap().contains("“办公地址”列"), "{doc:#}");
    assert_eq!(f022[1]["severity"], "warning", "{doc:#}");
    assert!(of(&doc, "F001").is_empty(), "{doc:#}");
}

/// A province's own taxonomy (`--taxonomy`) that adds an item type (行政指导 under 行政权力):
/// a sheet's 清单类别 is taken from the 事项类型 by that taxonomy, in lint and in convert, so no
/// item is told it lacks one nor to write it otherwise; without it the type is unknown (X001),
/// said once per item.
#[test]
fn the_list_kind_follows_the_runs_own_taxonomy() {
    let dir = tempfile::tempdir().unwrap();
    let builtin = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/taxonomy.yaml")).unwrap();
    let own = builtin.replace("非行政许可审批]", "非行政许可审批, 行政指导]");
    assert_ne!(own, builtin);
    let tax = dir.path().join("本省分类.yaml");
    std::fs::write(&tax, own).unwrap();
    let csv = dir.path().join("指导.csv");
    std::fs::write(
        &csv,
        "序号,事项名称,事项编码,事项类型,行使层级,实施主体,设定依据\n\
         1,甲指导,000201001000,行政指导,县级,某县局,《中华人民共和国行政许可法》第四十二条\n\
         2,乙指导,000201002000,行政指导,县级,某县局,《中华人民共和国行政许可法》第四十二条\n",
    )
    .unwrap();
    let doc = lint(&csv, &["--taxonomy", tax.to_str().unwrap()]);
    assert!(of(&doc, "X006").is_empty() && of(&doc, "X001").is_empty(), "{doc:#}");
    assert!(
        of(&doc, "X008").is_empty(),
        "行政指导 is a type of this taxonomy: {doc:#}"
    );
    assert_eq!(cells(&lint(&csv, &[]), "X001"), ["D2", "D3"]);
    let yaml = dir.path().join("指导.yaml");
    Command::cargo_bin("catalog")
        .unwrap()
        .args(["convert", "--taxonomy", tax.to_str().unwrap()])
        .arg(&csv)
        .arg(&yaml)
        .assert()
        .success();
    let text = std::fs::read_to_string(&yaml).unwrap();
    assert_eq!(text.matches("kingdom: 行政权力").count(), 2, "{text}");
}

/// 实施主体 and 事项类型 left blank below their first row (merged cells saved as CSV) repeat; an
/// empty 设定依据 stays empty and is reported at its cell.
#[test]
fn grouping_columns_repeat_down_and_others_do_not() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("分组.csv");
    std::fs::write(
        &csv,
        "序号,事项名称,事项编码,事项类型,行使层级,实施主体,设定依据,法定时限,承诺时限,是否收费,审批结果\n\
         1,甲许可,许可-00001-000,行政许可,县级,某县市场监督管理局,《中华人民共和国行政许可法》第四十二条,20个工作日,5个工作日,不收费,许可证\n\
         2,乙许可,许可-00002-000,,县级,,,20个工作日,5个工作日,不收费,许可证\n",
    )
    .unwrap();
    let doc = lint(&csv, &[]);
    let errors: Vec<(String, String)> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["location"]["cell"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    assert_eq!(errors, [("B001".to_string(), "G3".to_string())]);
}

/// One 办理时限 cell giving both limits, labelled (法定：20个工作日；承诺：5个工作日, or one per
/// line with 法定期限/承诺期限), fills both: a promise over the statutory limit is found there.
#[test]
fn one_cell_with_both_time_limits() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("时限.csv");
    std::fs::write(
        &csv,
        "序号,事项名称,事项编码,事项类型,行使层级,实施主体,办理时限\n\
         1,甲许可,许可-00001-000,行政许可,县级,某县局,法定：20个工作日；承诺：5个工作日\n\
         2,乙许可,许可-00002-000,行政许可,县级,某县局,\"法定期限20个工作日\n承诺期限30个工作日\"\n",
    )
    .unwrap();
    let doc = lint(&csv, &[]);
    assert!(of(&doc, "L003").is_empty(), "{doc:#}");
    assert_eq!(cells(&doc, "L001"), ["G3"]);
}

/// A count with a note in brackets (1次（提交纸质材料）) is read; one that cannot be read is said
/// once (F021 at its cell) — not also as an unknown field and a missing count.
#[test]
fn visit_counts_with_notes_and_unreadable_ones() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("次数.csv");
    std::fs::write(
        &csv,
        "序号,事项名称,事项编码,事项类型,行使层级,实施主体,到办事现场次数\n\
         1,甲许可,许可-00001-000,行政许可,县级,某县局,3次（提交纸质材料）\n\
         2,乙许可,许可-00002-000,行政许可,县级,某县局,\"网上办理0次，窗口办理1次\"\n\
         3,丙许可,许可-00003-000,行政许可,县级,某县局,视情况而定\n",
    )
    .unwrap();
    let doc = lint(&csv, &[]);
    let found = placed(&doc);
    assert_eq!(
        found,
        [
            // A count per channel is the fewest (网上办理 0); 视情况而定 is no count.
            ("V001".to_string(), "G2".to_string()),
            ("F021".to_string(), "G4".to_string())
        ]
    );
}

/// Wording that says nothing, as offices write it in a sheet: a basis naming no law, catch-all
/// materials and conditions in their everyday variants (其它 for 其他, 要求提供的材料, a list of
/// one still numbered 1.), and a level list that writes 级 once (`市、县级`, not a misspelling).
#[test]
fn empty_wording_in_everyday_variants() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.csv");
    let header = "序号,事项编码,事项名称,事项类型,行使层级,实施主体,设定依据,受理条件,申请材料\n";
    let rows = [
        // (basis, conditions, materials, level): row 2 is clean.
        (
            "《中华人民共和国食品安全法》第三十五条",
            "1.有经营场所；2.有管理人员",
            "1.申请书\n2.营业执照",
            "县级",
        ),
        ("依据有关规定", "1.有经营场所", "1.申请书", "县级"),
        ("相关法律法规", "1.有经营场所", "1.申请书", "市、县级"),
        (
            "《中华人民共和国食品安全法》第三十五条",
            "1.具备相应条件",
            "1.申请书\n2.其它有关材料",
            "县级",
        ),
        (
            "《中华人民共和国食品安全法》第三十五条",
            "1.有经营场所；2.其他条件",
            "1.申请书\n2.审批机关要求提供的材料",
            "县级",
        ),
        (
            "《中华人民共和国食品安全法》第三十五条",
            "1.有经营场所",
            "详见附件",
            "省、市、县级",
        ),
    ];
    let mut text = String::from(header);
    for (n, (basis, cond, mats, level)) in rows.iter().enumerate() {
        text.push_str(&format!(
            "{n},许可-{n:05}-000,食品经营许可{n},行政许可,{level},温州市鹿城区市场监督管理局,{basis},\"{cond}\",\"{mats}\"\n",
            n = n + 1
        ));
    }
    let (bytes, _, _) = encoding_rs::GBK.encode(&text);
    std::fs::write(&path, bytes).unwrap();
    let doc = lint(&path, &[]);
    assert_eq!(cells(&doc, "B005"), ["G3", "G4"]);
    assert!(said(&doc, "B005", "依据有关规定"));
    assert_eq!(cells(&doc, "W001"), ["H5", "H6", "I7"], "{:#}", doc["diagnostics"]);
    assert!(
        said(&doc, "W001", "具备相应条件"),
        "the list number is not part of the value"
    );
    assert_eq!(cells(&doc, "W002"), ["I5", "I6"]);
    assert!(said(&doc, "W002", "其它有关材料") && said(&doc, "W002", "要求提供的材料"));
    // 级 written once for the list: no suggestion to write 市级.
    assert!(of(&doc, "W007").is_empty(), "{:#?}", of(&doc, "W007"));
    // The sheet has 实施主体 but no time-limit, fee or result columns: F023 names just those.
    assert!(
        said(
            &doc,
            "F023",
            "来源没有“法定办结时限”列、“承诺办结时限”列、“收费”列、“审批结果”列；T020"
        ),
        "{:#?}",
        of(&doc, "F023")
    );
    // The clean row draws nothing.
    assert!(doc["diagnostics"].as_array().unwrap().iter().all(|d| {
        !d["location"]["cell"]
            .as_str()
            .is_some_and(|c| c.ends_with('2') && c.len() == 2)
    }));
}

/// A power list's 事项编码 that lost its form: a type prefix without dashes (`许可00012001`) is a
/// malformed power code; among codes that are nine in ten power codes, one written in another
/// scheme (`00013001`, `XK-00014-001`) is reported too — and none where the list mixes schemes.
#[test]
fn power_codes_out_of_step_with_their_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.csv");
    let mut text = String::from("序号,权力编码,权力事项名称,权力类型,行使层级,实施主体,设定依据\n");
    for n in 1..=40 {
        let code = match n {
            12 => "许可00012001".to_string(),
            13 => "00013001".to_string(),
            14 => "XK-00014-001".to_string(),
            15 => "暂无".to_string(),
            _ => format!("许可-{n:05}-001"),
        };
        text.push_str(&format!(
            "{n},{code},食品经营许可{n},行政许可,县级,温州市鹿城区市场监督管理局,《中华人民共和国食品安全法》第三十五条\n"
        ));
    }
    std::fs::write(&path, &text).unwrap();
    let doc = lint(&path, &[]);
    assert_eq!(cells(&doc, "K005"), ["B13", "B14", "B15"], "{:#?}", of(&doc, "K005"));
    assert!(said(&doc, "K005", "本清单其他 36 个事项编码"));
    // 暂无 (B16) is a placeholder (W005), not a code of another scheme: not among them, nor counted.
    assert_eq!(cells(&doc, "W005"), ["B16"]);
    // A list that mixes schemes (a third of its codes are not power codes) is not judged by them.
    let mixed: String = text
        .lines()
        .enumerate()
        .map(|(k, l)| if k > 0 && k % 3 == 0 { l.replacen(",许可-", ",", 1) } else { l.to_string() } + "\n")
        .collect();
    std::fs::write(&path, mixed).unwrap();
    let doc = lint(&path, &[]);
    assert_eq!(cells(&doc, "K005"), ["B13"], "{:#?}", of(&doc, "K005"));
}

/// A list inside an entry (`2.法定代表人身份证明：⏎（1）居民身份证⏎（2）护照`) is that entry's
/// detail: the materials after it keep the numbers the office wrote (a vague `3.` is entry 3),
/// and the alternatives are not materials of their own.
#[test]
fn a_list_inside_an_entry_keeps_the_numbers_after_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("n.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    put_rows(
        ws,
        0,
        &[
            [
                "序号",
                "事项编码",
                "事项名称",
                "事项类型",
                "行使层级",
                "实施主体",
                "设定依据",
                "受理条件",
                "申请材料",
            ],
            [
                "1",
                "许可-00001-000",
                "食品经营许可",
                "行政许可",
                "县级",
                "温州市鹿城区市场监督管理局",
                "《中华人民共和国食品安全法》第三十五条",
                "1.申请人应当符合下列条件：\n（1）具有经营场所；\n（2）有管理人员。\n2.符合相关规定",
                "1.申请书\n2.法定代表人身份证明：\n（1）居民身份证\n（2）护照\n3.其他相关材料",
            ],
        ],
    );
    wb.save(&path).unwrap();
    let doc = lint(&path, &[]);
    let at = |code: &str| {
        of(&doc, code)
            .iter()
            .map(|d| {
                (
                    d["location"]["cell"].as_str().unwrap().to_string(),
                    d["location"]["entry"].as_u64(),
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(at("W002"), [("I2".to_string(), Some(3))], "{:#}", doc["diagnostics"]);
    assert_eq!(at("W001"), [("H2".to_string(), Some(2))]);
    // The lead-in with its list is not a condition cut off after its colon.
    assert!(of(&doc, "W014").is_empty(), "{:#?}", of(&doc, "W014"));
    // Three materials, the second with its alternatives as its note.
    let text = converted(&path, &dir.path().join("n.yaml"));
    assert!(
        text.contains("- name: 申请书\n          - name: 法定代表人身份证明\n            note: |-\n              （1）居民身份证\n              （2）护照\n          - name: 其他相关材料\n"),
        "{text}"
    );
}

/// The header repeated between items (tables of several offices pasted into one sheet, a header
/// per printed page), one- or two-row: not an item, and every planted defect below it is still
/// found at its cell.
#[test]
fn a_header_repeated_between_items_is_not_an_item() {
    let dir = tempfile::tempdir().unwrap();
    for (layout, seed) in [("guide", 13), ("guide", 2), ("power", 11)] {
        let o = office::Options {
            layout: layout.into(),
            rows: 80,
            seed,
            defects: 30,
        };
        let path = dir.path().join(format!("{layout}-{seed}.csv"));
        let mut planted = office::write(&o, &path);
        let bytes = std::fs::read(&path).unwrap();
        let (text, _, _) = encoding_rs::GBK.decode(&bytes);
        let mut rows: Vec<Vec<String>> = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes())
            .records()
            .map(|r| r.unwrap().iter().map(str::to_string).collect())
            .collect();
        let head = rows.iter().position(|r| r[0] == "序号").unwrap();
        // A second header row has no 序号 of its own.
        let n = if rows[head + 1][0].is_empty() && rows[head + 1].iter().any(|c| !c.is_empty()) {
            2
        } else {
            1
        };
        let at = head + n + 40;
        let copy: Vec<Vec<String>> = rows[head..head + n].to_vec();
        rows.splice(at..at, copy);
        let mut w = csv::Writer::from_writer(Vec::new());
        rows.iter().for_each(|r| w.write_record(r).unwrap());
        let out = String::from_utf8(w.into_inner().unwrap()).unwrap();
        std::fs::write(&path, encoding_rs::GBK.encode(&out).0).unwrap();
        for p in planted.as_array_mut().unwrap() {
            let row = p["row"].as_u64().unwrap();
            if row > at as u64 {
                p["row"] = (row + n as u64).into();
            }
        }
        check(&path, &planted);
        let before = lint(&path, &[])["summary"]["items"].clone();
        std::fs::remove_file(&path).unwrap();
        office::write(&o, &path);
        assert_eq!(
            lint(&path, &[])["summary"]["items"],
            before,
            "{layout}-{seed}: the copy is no item"
        );
    }
}

/// A guide sheet without 收费 and 审批结果 columns: F023 says so once, and T020 still finds a
/// blank 承诺时限 in the column the sheet has (before, the missing columns turned T020 off).
#[test]
fn missing_type_columns_do_not_hide_blank_cells_of_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.csv");
    std::fs::write(
        &path,
        "序号,事项编码,事项名称,事项类型,行使层级,实施主体,设定依据,法定时限,承诺时限,受理条件,申请材料\n\
         1,许可-00001-000,甲,行政许可,县级,温州市鹿城区市场监督管理局,《中华人民共和国食品安全法》第三十五条,20个工作日,10个工作日,1.有场所,1.申请书\n\
         2,许可-00002-000,乙,行政许可,县级,温州市鹿城区市场监督管理局,《中华人民共和国食品安全法》第三十五条,20个工作日,,1.有场所,1.申请书\n",
    )
    .unwrap();
    let doc = lint(&path, &[]);
    assert_eq!(cells(&doc, "T020"), ["I3"], "{:#}", doc["diagnostics"]);
    assert!(said(&doc, "F023", "来源没有“收费”列、“审批结果”列；T020 不检查这些列"));
    // English too.
    let en = lint(&path, &["--lang", "en"]);
    assert!(
        said(
            &en,
            "F023",
            "the source has no “收费” (fee) column, “审批结果” (result) column; T020 does not check those columns"
        ),
        "{:#?}",
        of(&en, "F023")
    );
    // No Chinese but the sheet's own column names.
    assert!(
        of(&en, "F023")
            .iter()
            .all(|d| !d["message"].as_str().unwrap().contains("列")),
        "{:#?}",
        of(&en, "F023")
    );
}

/// A 材料 or 条件 cell that heads its entries by the row's 情形 (`一、个人申请：⏎1.…⏎二、企业申请：
/// ⏎1.…`) gives each 情形 its own entries, the headings none; headings that name no 情形 of the
/// row leave the cell read as one list for all.
#[test]
fn entries_headed_by_case_go_to_their_case() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.csv");
    let row = |n: u32, mats: &str| {
        format!(
            "{n},许可-0000{n}-000,事项{n},行政许可,县级,温州市鹿城区市场监督管理局,《中华人民共和国食品安全法》第三十五条,个人申请；企业申请,\"一、个人申请：\n1.具有经营场所\n二、企业申请：\n1.有管理人员\",\"{mats}\"\n"
        )
    };
    let text = "序号,事项编码,事项名称,事项类型,行使层级,实施主体,设定依据,办理情形,受理条件,申请材料\n".to_string()
        + &row(
            1,
            "一、个人申请：\n1.居民身份证\n2.其他材料\n二、企业申请：\n1.营业执照",
        )
        + &row(2, "一、个人申请：\n1.居民身份证\n二、其他申请：\n1.营业执照");
    std::fs::write(&path, text).unwrap();
    let text = converted(&path, &dir.path().join("c.yaml"));
    assert!(
        text.contains(
            "      - name: 个人申请\n        acceptance_points:\n          - point: 具有经营场所\n        materials:\n          - name: 居民身份证\n          - name: 其他材料\n      - name: 企业申请\n        acceptance_points:\n          - point: 有管理人员\n        materials:\n          - name: 营业执照\n"
        ),
        "{text}"
    );
    // Row 3's material headings name no 情形 of the row: every 情形 lists them all, as before.
    assert_eq!(text.matches("          - name: 其他申请：\n").count(), 2, "{text}");
    // The catch-all is found once, at its entry, in the 情形 it belongs to.
    let doc = lint(&path, &[]);
    assert_eq!(cells(&doc, "W002"), ["J2"]);
    assert_eq!(of(&doc, "W002")[0]["location"]["entry"], 3);
}

/// A sheet with no 办理情形 column whose 申请材料 (or 受理条件) cell heads its entries by case
/// (`一、个人申请：⏎1.…⏎二、企业申请：⏎1.…`, `（一）法人办理：` …) names those 情形: each gets its own
/// entries (the conditions, when not headed, go to each), and a material two cases both need is
/// no repeat (M001). A single lead-in (`申请材料：⏎1.…`) names no case.
#[test]
fn case_headings_name_the_cases_of_a_sheet_without_a_case_column() {
    let dir = tempfile::tempdir().unwrap();
    let header = [
        "序号",
        "事项名称",
        "事项编码",
        "事项类型",
        "行使层级",
        "实施主体",
        "设定依据",
        "法定时限",
        "受理条件",
        "申请材料",
    ];
    let basis = "《中华人民共和国食品安全法》第三十五条";
    let rows = [
        header,
        [
            "1",
            "食品经营许可",
            "330302001001",
            "行政许可",
            "县级",
            "某县市场监督管理局",
            basis,
            "20个工作日",
            "1.有与经营的食品品种相适应的场所；2.有食品安全管理人员",
            "一、个人申请：\n1.申请书（原件1份）\n2.居民身份证（复印件1份）\n二、企业申请：\n1.申请书（原件1份）\n2.营业执照（复印件1份）\n3.其他相关材料",
        ],
        [
            "2",
            "小餐饮登记",
            "330302001002",
            "行政许可",
            "县级",
            "某县市场监督管理局",
            basis,
            "20个工作日",
            "（一）个体工商户办理：\n1.有固定场所\n（二）企业法人办理：\n1.有固定场所\n2.有相关制度",
            "申请材料：\n1.申请书（原件1份）\n2.营业执照（复印件1份）",
        ],
    ];
    let xlsx = dir.path().join("无情形列.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    put_rows(wb.add_worksheet(), 0, &rows);
    wb.save(&xlsx).unwrap();
    let csv = dir.path().join("无情形列.csv");
    let line = |r: &[&str; 10]| r.iter().map(|v| format!("\"{v}\"")).collect::<Vec<_>>().join(",");
    let text: String = rows.iter().map(|r| line(r) + "\n").collect();
    std::fs::write(&csv, encoding_rs::GBK.encode(&text).0).unwrap();
    for path in [&xlsx, &csv] {
        let doc = lint(path, &[]);
        assert!(of(&doc, "M001").is_empty(), "{doc:#}");
        // The catch-all is found once, at its entry (the cell's seventh, headings counted).
        assert_eq!(cells(&doc, "W002"), ["J2"], "{doc:#}");
        assert_eq!(of(&doc, "W002")[0]["location"]["entry"], 7);
        assert!(of(&doc, "T004").is_empty() && of(&doc, "T005").is_empty(), "{doc:#}");
    }
    let text = converted(&xlsx, &dir.path().join("c.yaml"));
    assert!(
        text.contains(
            "      - name: 个人申请\n        acceptance_points:\n          - point: 有与经营的食品品种相适应的场所\n          - point: 有食品安全管理人员\n        materials:\n          - name: 申请书\n"
        ) && text.contains("      - name: 企业申请\n"),
        "{text}"
    );
    // Row 3: the 条件 cell's headings name the cases, the materials (one lead-in) go to both.
    assert!(
        text.contains(
            "      - name: 个体工商户办理\n        acceptance_points:\n          - point: 有固定场所\n        materials:\n          - name: 申请书\n"
        ) && text.contains("      - name: 企业法人办理\n        acceptance_points:\n          - point: 有固定场所\n          - point: 有相关制度\n"),
        "{text}"
    );
    assert_eq!(text.matches("          - name: 营业执照\n").count(), 3, "{text}");
    // The lead-in is no material (rules/lead-ins.yaml).
    assert!(!text.contains("申请材料："), "{text}");
}

/// A cell's lead-in (`申请材料：`, `申请条件如下：`, `需提交以下材料：`) is no material or condition;
/// a first entry that only ends in a colon (`1.营业执照：`) is still one; headings that group a
/// list (`一、基本条件：`) name no 情形.
#[test]
fn lead_ins_are_not_entries() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("引导语.csv");
    std::fs::write(
        &path,
        "序号,事项名称,事项编码,事项类型,行使层级,实施主体,受理条件,申请材料\n\
         1,甲许可,330302001001,行政许可,县级,某县局,\"申请条件如下：\n1.有固定场所\n2.其他条件\",\"需提交以下材料：\n1.申请书\n2.营业执照\"\n\
         2,乙许可,330302001002,行政许可,县级,某县局,1.有固定场所,\"1.营业执照：\n2.申请书\"\n\
         3,丙许可,330302001003,行政许可,县级,某县局,\"一、基本条件：\n1.有固定场所\n二、特殊条件：\n1.有冷库\",申请书\n",
    )
    .unwrap();
    let text = converted(&path, &dir.path().join("y.yaml"));
    assert!(
        !text.contains("如下") && !text.contains("以下") && text.contains("          - name: 营业执照：\n"),
        "{text}"
    );
    // Headings that group a list (基本条件, 特殊条件) name no 情形: row 4 keeps one.
    assert!(
        !text.contains("- name: 基本条件") && !text.contains("- name: 特殊条件"),
        "{text}"
    );
    // Entries keep the numbers the office wrote: the vague condition `2.其他条件` is the cell's
    // second entry (the lead-in is none).
    let doc = lint(&path, &[]);
    assert_eq!(cells(&doc, "W001"), ["G2"], "{doc:#}");
    assert_eq!(of(&doc, "W001")[0]["location"]["entry"], 2);
}

/// A two-row header as Excel makes it — every other header merged down over both rows — whose
/// group has only one sub-header the dictionary knows (收费 over 是否收费 | 收费说明, 办理时限 over
/// 法定办结时限 | 时限说明): the second header row is still the header's, not an item (before: an
/// item without a name, K001/T001/F021 on the header's own words); the unknown sub-header is
/// named at its own cell. (LibreOffice's .xls and .ods saves of this workbook read alike.)
#[test]
fn merged_two_row_header_with_one_known_sub_header() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("两行表头.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    let fmt = rust_xlsxwriter::Format::new();
    let single = [
        (0u16, "序号"),
        (1, "事项编码"),
        (2, "事项名称"),
        (3, "事项类型"),
        (4, "行使层级"),
        (5, "实施主体"),
        (6, "设定依据"),
        (7, "承诺时限"),
        (10, "到现场次数"),
    ];
    for (c, v) in single {
        ws.merge_range(0, c, 1, c, v, &fmt).unwrap();
    }
    ws.merge_range(0, 8, 0, 9, "收费", &fmt).unwrap();
    ws.write_string(1, 8, "是否收费").unwrap();
    ws.write_string(1, 9, "收费说明").unwrap();
    let rows = [
        [
            "1",
            "330302001000",
            "食品经营许可",
            "行政许可",
            "县级",
            "某县市场监督管理局",
            "《中华人民共和国食品安全法》第三十五条",
            "10个工作日",
            "否",
            "依法不收费",
            "3",
        ],
        [
            "2",
            "330302002000",
            "药品零售许可",
            "行政许可",
            "县级",
            "某县市场监督管理局",
            "《中华人民共和国药品管理法》第五十二条",
            "15个工作日",
            "否",
            "依法不收费",
            "0",
        ],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(r as u32 + 2, c as u16, *v).unwrap();
        }
    }
    wb.save(&path).unwrap();
    let doc = lint(&path, &[]);
    assert_eq!(doc["summary"]["items"], 2, "{doc:#}");
    for code in ["K001", "T001", "F021", "X001", "T003"] {
        assert!(of(&doc, code).is_empty(), "{code}: {doc:#}");
    }
    // The columns are read under the two-row header: 收费说明 is the one unknown column, once.
    let unknown: Vec<String> = of(&doc, "F001")
        .iter()
        .map(|d| d["location"]["cell"].as_str().unwrap_or("").to_string())
        .collect();
    assert_eq!(unknown, ["J2"], "{doc:#}");
    // The visits of the first item (3) are still found, at their cell.
    assert_eq!(cells(&doc, "V001"), ["K3"], "{doc:#}");
}

/// An "export to Excel" written as an Excel 2003 XML spreadsheet (SpreadsheetML) and named .xls
/// or .xml, as many government systems do: a title merged across (ss:MergeAcross), a 主项 merged
/// down over its 子项 rows (ss:MergeDown, the covered cells left out and later ones placed by
/// ss:Index), a code written as a Number, a line break as &#10;, a cell comment: read as the same
/// workbook saved as .xlsx would be, each finding at its cell. Before: "no data" (exit 2). A file
/// cut short inside its table is an error naming the file (exit 2), not a silent loss of rows.
#[test]
fn excel_2003_xml_spreadsheet() {
    const BOOK: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<?mso-application progid="Excel.Sheet"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet" xmlns:html="http://www.w3.org/TR/REC-html40">
 <Styles><Style ss:ID="Default" ss:Name="Normal"><Alignment ss:Vertical="Center"/></Style></Styles>
 <Worksheet ss:Name="权力清单">
  <Table ss:ExpandedColumnCount="7" x:FullColumns="1">
   <Row><Cell ss:MergeAcross="6"><Data ss:Type="String">某县市场监督管理局行政权力清单</Data></Cell></Row>
   <Row><Cell><Data ss:Type="String">序号</Data></Cell><Cell><Data ss:Type="String">权力编码</Data></Cell><Cell><Data ss:Type="String">权力事项名称</Data></Cell><Cell><Data ss:Type="String">子项名称</Data></Cell><Cell><Data ss:Type="String">权力类型</Data></Cell><Cell><Data ss:Type="String">行使层级</Data></Cell><Cell><Data ss:Type="String">设定依据</Data></Cell></Row>
   <Row><Cell ss:MergeDown="1"><Data ss:Type="Number">1</Data></Cell><Cell><Data ss:Type="Number">330302101001</Data></Cell><Cell ss:MergeDown="1"><Data ss:Type="String">食品经营许可</Data><Comment ss:Author="张三"><ss:Data xmlns="http://www.w3.org/TR/REC-html40"><B>张三:</B><Font>核对</Font></ss:Data></Comment></Cell><Cell><Data ss:Type="String">新办</Data></Cell><Cell ss:MergeDown="1"><Data ss:Type="String">行政许可</Data></Cell><Cell><Data ss:Type="String">县级</Data></Cell><Cell><Data ss:Type="String">《中华人民共和国食品安全法》第三十五条&#10;《食品经营许可管理办法》第四条</Data></Cell></Row>
   <Row><Cell ss:Index="2"><Data ss:Type="Number">330302101002</Data></Cell><Cell ss:Index="4"><Data ss:Type="String">变更</Data></Cell><Cell ss:Index="6"><Data ss:Type="String">区县级</Data></Cell><Cell><Data ss:Type="String">依据有关法律法规</Data></Cell></Row>
  </Table>
  <WorksheetOptions xmlns="urn:schemas-microsoft-com:office:excel"><Selected/></WorksheetOptions>
 </Worksheet>
</Workbook>"#;
    let dir = tempfile::tempdir().unwrap();
    let mut cells_by_name = Vec::new();
    for name in ["清单导出.xls", "清单导出.xml"] {
        let path = dir.path().join(name);
        std::fs::write(&path, BOOK).unwrap();
        let doc = lint(&path, &[]);
        assert_eq!(doc["summary"]["items"], 2, "{name}: {doc:#}");
        // The 子项 are the items, named by their 子项 under the merged 主项: no duplicates.
        assert!(
            of(&doc, "X005").is_empty() && of(&doc, "T001").is_empty(),
            "{name}: {doc:#}"
        );
        // 区县级 (F4, an info) and the vague basis (G4) on the second 子项; the first is clean.
        let mut found = placed(&doc);
        found.sort();
        assert!(found.iter().all(|(_, c)| c.ends_with('4')), "{name}: {found:?}");
        assert!(
            found.iter().any(|(c, at)| c == "B005" && at == "G4"),
            "{name}: {found:?}"
        );
        assert!(found.iter().any(|(_, at)| at == "F4"), "{name}: {found:?}");
        cells_by_name.push(found);
    }
    assert_eq!(cells_by_name[0], cells_by_name[1]);

    let cut = dir.path().join("截断.xls");
    std::fs::write(&cut, &BOOK[..BOOK.find("<Row><Cell ss:Index=\"2\">").unwrap()]).unwrap();
    let out = Command::cargo_bin("catalog")
        .unwrap()
        .arg("lint")
        .arg(&cut)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("截断.xls") && err.contains("Excel 2003 XML"), "{err}");
}

/// In English, a column is named by the sheet's own header beside the field's English name even
/// where the header is the dictionary's own name (`设定依据`): the reader finds the column by
/// the header (before: 'Legal basis' only, a name the sheet never says).
#[test]
fn english_help_names_the_sheets_own_header() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.csv");
    std::fs::write(
        &path,
        "序号,事项名称,事项类型,行使层级,实施主体,设定依据,承诺时限,受理条件,申请材料\n\
         1,甲,行政许可,县级,温州市鹿城区市场监督管理局,,10个工作日,1.有场所,1.申请书\n",
    )
    .unwrap();
    let en = lint(&path, &["--lang", "en"]);
    let b001 = of(&en, "B001");
    assert_eq!(b001.len(), 1, "{:#}", en["diagnostics"]);
    assert_eq!(b001[0]["help"], "fill in the 'Legal basis (设定依据)' column");
}

/// One item's guide laid out as a form (labels in column A, values beside them) is no list of
/// items: exit 2 saying so and what catalog reads (before: "no header row", which sent the clerk
/// looking for a header the form never had).
#[test]
fn a_guide_laid_out_as_a_form_is_told_apart() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("指南.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("办事指南").unwrap();
    let rows = [
        ["食品经营许可（新办）办事指南", ""],
        ["事项名称", "食品经营许可（新办）"],
        ["事项类型", "行政许可"],
        ["行使层级", "县级"],
        ["设定依据", "《中华人民共和国食品安全法》第三十五条"],
        ["申请材料", "1.申请书（原件1份）"],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            if !v.is_empty() {
                ws.write_string(r as u32, c as u16, *v).unwrap();
            }
        }
    }
    wb.save(&path).unwrap();
    let out = Command::cargo_bin("catalog")
        .unwrap()
        .arg("lint")
        .arg(&path)
        .assert()
        .code(2);
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(err.contains("办事指南 › ") || err.contains("› 办事指南"), "{err}");
    assert!(err.contains("一个事项的办事指南表单"), "{err}");
}

/// 序号 in three levels (`1`, `1.1`, `1.2`, `1.2.1`): the row numbered `1.2.1` is under 主项 `1` as
/// `1.1` and `1.2` are (before: an item of its own with no 主项, since `2.1` is no number).
#[test]
fn a_third_level_number_is_under_the_same_main_item() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("权力清单.csv");
    std::fs::write(
        &path,
        "序号,权力编码,权力事项名称,权力类型,行使层级,实施主体,设定依据\n\
         1,330217001000,食品经营许可,行政许可,县级,XX县市场监督管理局,《中华人民共和国食品安全法》第三十五条\n\
         1.1,330217001001,食品经营许可（新办）,行政许可,县级,XX县市场监督管理局,《中华人民共和国食品安全法》第三十五条\n\
         1.2,330217001002,食品经营许可（变更）,行政许可,县级,XX县市场监督管理局,《中华人民共和国食品安全法》第三十五条\n\
         1.2.1,330217001003,食品经营许可（变更名称）,行政许可,县级,XX县市场监督管理局,《中华人民共和国食品安全法》第三十五条\n\
         2,330217002000,特种设备使用登记,行政许可,县级,XX县市场监督管理局,《中华人民共和国特种设备安全法》第三十三条\n",
    )
    .unwrap();
    let yaml = converted(&path, &dir.path().join("out.yaml"));
    let doc: Value = serde_saphyr::from_str(&yaml).unwrap_or_else(|e| panic!("{e}\n{yaml}"));
    let items = doc["items"].as_array().unwrap();
    let main_of = |name: &str| {
        items
            .iter()
            .find(|i| i["name"] == name)
            .map(|i| i["main_item"].as_str().unwrap_or("").to_string())
    };
    assert_eq!(items.len(), 4, "{yaml}");
    assert_eq!(
        main_of("食品经营许可（变更名称）").as_deref(),
        Some("食品经营许可"),
        "{yaml}"
    );
    assert_eq!(main_of("特种设备使用登记").as_deref(), Some(""), "{yaml}");
}

/// More of the headers offices write for the dictionary's fields (事项全称, 办理机构, 政策依据,
/// 最多跑次数, 所属层级, 受理条件及标准, 权力编号, 是否收费及依据): each is its field, so a defect
/// under it is found at its cell (before: each an unknown column, F001, its values unchecked).
#[test]
fn more_office_header_spellings_are_their_fields() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.csv");
    std::fs::write(
        &path,
        "权力编号,事项全称,事项类型,所属层级,办理机构,政策依据,承诺时限,是否收费及依据,受理条件及标准,申请材料,最多跑次数\n\
         许可-00001-000,甲,行政许可,县级,温州市鹿城区市场监督管理局,相关法律法规,10个工作日,否,1.有场所,1.申请书,3次\n",
    )
    .unwrap();
    let doc = lint(&path, &[]);
    assert!(of(&doc, "F001").is_empty(), "{:#}", doc["diagnostics"]);
    assert_eq!(cells(&doc, "B005"), ["F2"], "{:#}", doc["diagnostics"]);
    assert_eq!(cells(&doc, "V001"), ["K2"], "{:#}", doc["diagnostics"]);
    assert!(of(&doc, "T001").is_empty(), "{:#}", doc["diagnostics"]);
}

/// A 责任清单 whose 追责情形 or 事中事后监管制度 says only `依法追究责任` or `加强监管` is W001 at that
/// cell (before: unchecked — W001 read 责任事项 only); a numbered list of cases is content.
#[test]
fn a_duty_lists_empty_accountability_is_template_wording() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("责任清单.csv");
    std::fs::write(
        &path,
        "序号,主要职责,具体工作事项,追责情形,事中事后监管制度\n\
         1,负责食品安全监督管理,组织开展食品安全抽检,依法追究责任,加强监管\n\
         2,负责特种设备安全监察,开展特种设备安全检查,1.未按规定开展检查的；2.对发现的隐患未及时处理的,《特种设备安全监察条例》\n",
    )
    .unwrap();
    let doc = lint(&path, &[]);
    assert_eq!(cells(&doc, "W001"), ["D2", "E2"], "{:#}", doc["diagnostics"]);
}
