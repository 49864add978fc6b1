//! Office sheets of layouts and spellings found in probe round 5 (issue 21): each a case where
//! a planted defect was missed or a clean row got a finding. Workbooks are written here (CSV,
//! xlsx by rust_xlsxwriter) or committed under tests/fixtures/variants/ (xls and ods saved by
//! LibreOffice, see its README.md). Findings are checked by rule, cell and entry.

use serde_json::Value;
use std::path::{Path, PathBuf};

mod sheets_common;
use sheets_common::{check, converted, lint, of};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/variants")
        .join(name)
}

/// The cells the findings of one rule are at, in report order, with the entry when there is one
/// (`Q5#3`).
fn places(doc: &Value, code: &str) -> Vec<String> {
    of(doc, code)
        .iter()
        .map(|d| {
            let cell = d["location"]["cell"].as_str().unwrap_or("").to_string();
            match d["location"]["entry"].as_u64() {
                Some(e) => format!("{cell}#{e}"),
                None => cell,
            }
        })
        .collect()
}

/// The codes of every error, sorted.
fn errors(doc: &Value) -> Vec<String> {
    let mut v: Vec<String> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
        .filter_map(|d| d["code"].as_str().map(str::to_string))
        .collect();
    v.sort();
    v
}

/// Workbooks written by openpyxl and saved again by LibreOffice as .ods and .xls (merges as
/// LibreOffice keeps them; ODS merges are not read, so merged cells are blank below their first
/// row): a guide sheet with a two-row header (办理时限 over 法定时限 | 承诺时限, 收费 over
/// 是否收费 | 收费标准), 主项 merged over its 子项 rows, one 实施主体 merged over items of several
/// types; materials numbered ① (1) or joined by 、 with 原件1份、复印件1份 / A4纸质1份 / 一式三份;
/// three sheets, one per department, of a power list with (1)(2) 子项 numbers and 一、 sections;
/// a row numbering the columns under the header, and 法定时限 | 承诺时限 merged into one cell
/// where they are equal (ODS merges are read from the file's markup: before, the 承诺时限 read
/// blank, T020 on each such row, and the number row was an item with four errors); one material
/// per row under 申请材料 › 材料名称 | 材料形式 | 份数 with 办理时限 › 法定（工作日） | 承诺（工作日）.
#[test]
fn committed_workbooks_saved_by_libreoffice() {
    for name in ["guide-mix", "guide-comb", "power-depts", "guide-cols", "guide-rows"] {
        let planted: Value =
            serde_json::from_str(&std::fs::read_to_string(fixture(&format!("{name}.planted.json"))).unwrap()).unwrap();
        for ext in ["ods", "xls", "xlsx"] {
            check(&fixture(&format!("{name}.{ext}")), &planted);
        }
    }
}

/// One 办理时限 cell giving both limits, labelled before or after each (法定20个工作日/承诺5个工作日,
/// 12个工作日（法定）7个工作日（承诺）, 法定时限20个工作日，承诺时限10个工作日): both are read, so
/// a promise over the statutory limit is found (L001 at the cell) and none is “unreadable”
/// (before: L003 on each, the L001 missed).
#[test]
fn a_cell_with_both_limits_as_offices_write_them() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("时限.csv");
    std::fs::write(
        &csv,
        "序号,事项名称,事项编码,事项类型,行使层级,实施主体,设定依据,办理时限\n\
         1,甲许可,许可-00001-000,行政许可,县级,某县局,《中华人民共和国行政许可法》第四十二条,法定20个工作日/承诺5个工作日\n\
         2,乙许可,许可-00002-000,行政许可,县级,某县局,《中华人民共和国行政许可法》第四十二条,12个工作日（法定）17个工作日（承诺）\n\
         3,丙许可,许可-00003-000,行政许可,县级,某县局,《中华人民共和国行政许可法》第四十二条,法定时限20个工作日，承诺时限10个工作日\n\
         4,丁许可,许可-00004-000,行政许可,县级,某县局,《中华人民共和国行政许可法》第四十二条,20(法定) / 25(承诺)\n\
         5,戊许可,许可-00005-000,行政许可,县级,某县局,《中华人民共和国行政许可法》第四十二条,\"承诺：3个工作日\n法定：20日\"\n",
    )
    .unwrap();
    let doc = lint(&csv, &[]);
    assert!(of(&doc, "L003").is_empty(), "{doc:#}");
    assert_eq!(places(&doc, "L001"), ["H3", "H5"], "{doc:#}");
    let text = converted(&csv, &dir.path().join("时限.yaml"));
    assert!(text.contains("statutory: \"12个工作日（法定）\""), "{text}");
    assert!(text.contains("promised: \"17个工作日（承诺）\""), "{text}");
}

/// An 实施主体 merged over one office's items runs across a new 事项类型 (and 主项). Saved as CSV
/// or ODS its cells below the first are blank: they repeat it (before: T020 “缺少实施主体” on
/// every item after the type changed). Other blank cells are still blank: the planted empty
/// 承诺时限 is found.
#[test]
fn a_department_merged_over_items_of_several_types() {
    let dir = tempfile::tempdir().unwrap();
    let head = "序号,事项名称,事项编码,事项类型,行使层级,实施主体,设定依据,法定时限,承诺时限,是否收费,审批结果\n";
    let row = |no: u32, ty: &str, dept: &str, promised: &str| {
        format!(
            "{no},事项{no},{}-{no:05}-000,行政{ty},县级,{dept},《中华人民共和国行政许可法》第四十二条,20个工作日,{promised},不收费,决定书\n",
            if ty == "许可" { "许可" } else { "确认" }
        )
    };
    let csv = dir.path().join("合并实施主体.csv");
    let text = [
        head.to_string(),
        row(1, "许可", "某县市场监督管理局", "5个工作日"),
        row(2, "许可", "", "5个工作日"),
        row(3, "确认", "", "5个工作日"),
        row(4, "确认", "", ""),
        row(5, "确认", "某县卫生健康局", "5个工作日"),
        row(6, "许可", "", "5个工作日"),
    ]
    .concat();
    std::fs::write(&csv, text).unwrap();
    let doc = lint(&csv, &[]);
    assert_eq!(errors(&doc), ["T020"], "{doc:#}");
    assert_eq!(places(&doc, "T020"), ["I5"], "{doc:#}");
    let yaml = converted(&csv, &dir.path().join("合并实施主体.yaml"));
    assert_eq!(yaml.matches("department: 某县市场监督管理局").count(), 4, "{yaml}");
    assert_eq!(yaml.matches("department: 某县卫生健康局").count(), 2, "{yaml}");
}

/// A 申请材料 cell listing its papers joined by 、 only is one material each, annotations read
/// (原件1份、复印件1份 stays with its paper): a vague one is reported at its entry, and a bracket
/// of one paper is no longer read against another's (before: one material, W011 “括号不配对”).
/// 法律、法规规定的其他材料 stays one entry.
#[test]
fn materials_joined_by_enumeration_commas() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("顿号材料.csv");
    std::fs::write(
        &csv,
        "序号,事项名称,事项编码,事项类型,行使层级,实施主体,设定依据,申请材料\n\
         1,甲许可,许可-00001-000,行政许可,县级,某县局,《中华人民共和国行政许可法》第四十二条,\
         专业技术人员资格证书（复印件2份，加盖公章）、安全管理制度（A4纸质1份）、申请书原件1份、复印件1份、其他相关材料\n\
         2,乙许可,许可-00002-000,行政许可,县级,某县局,《中华人民共和国行政许可法》第四十二条,\
         申请书（一式三份）、法律、法规规定的其他材料\n\
         3,丙许可,许可-00003-000,行政许可,县级,某县局,《中华人民共和国行政许可法》第四十二条,法律、法规规定的其他材料\n",
    )
    .unwrap();
    let doc = lint(&csv, &[]);
    assert!(of(&doc, "W011").is_empty(), "{doc:#}");
    assert_eq!(places(&doc, "W002"), ["H2#4", "H3", "H4"], "{doc:#}");
    let text = converted(&csv, &dir.path().join("顿号材料.yaml"));
    for m in [
        "- name: 专业技术人员资格证书\n            form: 复印件\n            copies: 2\n            note: 复印件2份，加盖公章",
        "- name: 安全管理制度\n            copies: 1",
        "- name: 申请书\n            form: 原件和复印件\n            note: 原件1份、复印件1份",
        "- name: 其他相关材料",
    ] {
        assert!(text.contains(m), "{m}\n{text}");
    }
}

/// Header spellings of this round: 公共服务事项名称 names the item (before: an unknown column and
/// T001 “缺少事项名称” on every item of a public service list); 申请要件 lists the materials, so a
/// vague one in it is found; 审批条件, 设定依据及条款, 收费标准及依据, 责任主体 and 权力行使层级 are
/// their fields; so are spellings of the standards (政务服务事项编码, 事项行使层级, 行政主体 …).
#[test]
fn header_spellings_of_this_round() {
    let dir = tempfile::tempdir().unwrap();
    let public = dir.path().join("公共服务.csv");
    std::fs::write(
        &public,
        "某县公共服务事项清单,,,,,\n序号,公共服务事项名称,事项编码,服务对象,责任主体,咨询电话\n\
         1,城乡居民基本养老保险参保登记,服务-00001-000,自然人,某县人力社保局,0577-12345678\n\
         2,图书借阅服务,服务-00002-000,自然人,某县图书馆,0577-12345679\n",
    )
    .unwrap();
    let doc = lint(&public, &[]);
    assert!(errors(&doc).is_empty(), "{doc:#}");
    assert!(of(&doc, "F001").is_empty(), "{doc:#}");

    let guide = dir.path().join("要件.csv");
    std::fs::write(
        &guide,
        "序号,事项名称,事项编码,事项类型,权力行使层级,实施主体,设定依据及条款,收费标准及依据,审批条件,申请要件\n\
         1,甲许可,许可-00001-000,行政许可,县区镇级,某县局,《中华人民共和国行政许可法》第四十二条,不收费,\
         \"1.有场所\n2.法律、法规规定的其他条件\",\"1.申请书\n2.营业执照\n3.其他相关材料\"\n",
    )
    .unwrap();
    let doc = lint(&guide, &[]);
    assert!(of(&doc, "F001").is_empty(), "{doc:#}");
    assert_eq!(places(&doc, "T003"), ["E2"], "{doc:#}");
    assert!(of(&doc, "B001").is_empty(), "{doc:#}");
    assert_eq!(places(&doc, "W002"), ["I2#2", "J2#3"], "{doc:#}");

    // Spellings from the national and provincial standards (domain.md): 政务服务事项编码,
    // 行政许可事项名称, 事项行使层级, 行政主体, 地方实施编码, 工作时间.
    let standard = dir.path().join("标准表头.csv");
    std::fs::write(
        &standard,
        "序号,政务服务事项编码,地方实施编码,行政许可事项名称,事项类型,事项行使层级,行政主体,设定依据,工作时间
         1,许可-00001-000,,甲许可,行政许可,县区镇级,某县局,《中华人民共和国行政许可法》第四十二条,工作日9:00-17:00
",
    )
    .unwrap();
    let doc = lint(&standard, &[]);
    assert!(of(&doc, "F001").is_empty(), "{doc:#}");
    assert_eq!(errors(&doc), ["T003"], "{doc:#}");
}

/// Time limits, visit counts and levels as other offices write them: on the spot in words
/// (即来即办, 立等可取, 随到随办, 符合条件的当场办结), a bound or start in words (不超过5个工作日,
/// 收到申请后5个工作日, 5个工作日以内), visits 免跑; levels 县级（区）, 市（州）级. None is
/// “unreadable” (L003), a bad value (F021) or an invalid level (T003); a promise over the
/// statutory limit written so is still found. Levels apart by a space only (市级 县级) are two.
#[test]
fn values_as_other_offices_write_them() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("写法.csv");
    let mut text =
        String::from("序号,事项名称,事项编码,事项类型,行使层级,实施主体,设定依据,法定时限,承诺时限,到办事现场次数\n");
    let rows = [
        ("县级（区）", "即来即办", "0次"),
        ("市（州）级、县级", "立等可取", "免跑"),
        ("县级", "随到随办", "0跑"),
        ("县级", "符合条件的当场办结", "0"),
        ("县级", "不超过5个工作日", "0"),
        ("县级", "收到申请后5个工作日", "0"),
        ("县级", "5个工作日以内", "0"),
        ("县级", "不超过25个工作日", "0"),
        ("市级 县级", "即办", "0"),
    ];
    for (i, (level, promised, visits)) in rows.iter().enumerate() {
        text.push_str(&format!(
            "{n},事项{n},许可-{n:05}-000,行政许可,{level},某县局,《中华人民共和国行政许可法》第四十二条,20个工作日,{promised},{visits}\n",
            n = i + 1
        ));
    }
    std::fs::write(&csv, text).unwrap();
    let doc = lint(&csv, &[]);
    for code in ["L003", "F021", "T003"] {
        assert!(of(&doc, code).is_empty(), "{code}: {doc:#}");
    }
    assert_eq!(places(&doc, "L001"), ["I9"], "{doc:#}");
}

/// A row numbering the columns under the header (1 2 3 …), as printed forms have, is no item
/// (before: an item whose 实施编码 “3”, 事项类型 “5” and 层级 “6” were three errors).
#[test]
fn a_row_numbering_the_columns_is_no_item() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("栏号.csv");
    std::fs::write(
        &csv,
        "序号,事项名称,实施编码,事项编码,事项类型,行使层级,实施主体,设定依据
         1,2,3,4,5,6,7,8
         1,甲许可,,许可-00001-000,行政许可,县区镇级,某县局,《中华人民共和国行政许可法》第四十二条
",
    )
    .unwrap();
    let doc = lint(&csv, &[]);
    assert_eq!(doc["summary"]["items"], 1, "{doc:#}");
    assert_eq!(errors(&doc), ["T003"], "{doc:#}");
    assert_eq!(places(&doc, "T003"), ["F3"], "{doc:#}");
}

/// Catch-all wording as other offices write it, found at its entry: 其他法律法规规定的条件 (the
/// 其他 first), 满足有关要求, 其他证明文件.
#[test]
fn catch_all_wording_written_other_ways() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("兜底.csv");
    std::fs::write(
        &csv,
        "序号,事项名称,事项编码,事项类型,行使层级,实施主体,设定依据,受理条件,申请材料\n\
         1,甲许可,许可-00001-000,行政许可,县级,某县局,《中华人民共和国行政许可法》第四十二条,\"1.有场所\n2.其他法律法规规定的条件\",\"1.申请书\n2.其他证明文件\"\n\
         2,乙许可,许可-00002-000,行政许可,县级,某县局,《中华人民共和国行政许可法》第四十二条,\"1.有场所\n2.满足有关要求\",1.申请书\n",
    )
    .unwrap();
    let doc = lint(&csv, &[]);
    assert_eq!(places(&doc, "W002"), ["H2#2", "I2#2"], "{doc:#}");
    assert_eq!(places(&doc, "W001"), ["H3#2"], "{doc:#}");
}

/// A sub-header with its unit under a group (办理时限 › 法定（工作日） | 承诺（工作日）) is read as
/// 法定办理时限 and 承诺办理时限, so the second header row is no item (before: it was one, with
/// X001 and T003 on its header texts, and in CSV every material row became an item).
#[test]
fn sub_headers_with_their_unit_under_a_group() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("分组表头.csv");
    let text = "序号,事项名称,事项编码,事项类型,行使层级,实施主体,设定依据,办理时限,,申请材料,
         ,,,,,,,法定（工作日）,承诺（工作日）,材料名称,份数
         1,甲许可,许可-00001-000,行政许可,县级,某县局,《中华人民共和国行政许可法》第四十二条,20,25,申请书,1
         ,,,,,,,,,其他相关材料,1
         2,乙许可,许可-00002-000,行政许可,县级,某县局,《中华人民共和国行政许可法》第四十二条,20,5,申请书,1
";
    let (gbk, _, _) = encoding_rs::GBK.encode(text);
    std::fs::write(&csv, gbk).unwrap();
    let doc = lint(&csv, &[]);
    assert_eq!(doc["summary"]["items"], 2, "{doc:#}");
    assert_eq!(errors(&doc), ["L001"], "{doc:#}");
    assert_eq!(places(&doc, "L001"), ["I3"], "{doc:#}");
    assert_eq!(places(&doc, "W002"), ["J4"], "{doc:#}");
}

/// A power list with 主项编码 | 主项名称 | 子项编码 | 子项名称: the 子项编码 is the row's code (before:
/// an unknown column, the 子项 without a code); a 主项编码 merged over its 子项 (blank below in
/// CSV) repeats like its 主项; a 主项 not split is coded by its 主项编码.
#[test]
fn main_and_sub_item_codes_in_their_own_columns() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("子项编码.csv");
    std::fs::write(
        &csv,
        "某县权力清单,,,,,,,,\n序号,主项编码,主项名称,子项编码,子项名称,权力类型,行使层级,实施主体,设定依据\n\
         1,330302101000,建设用地审批,330302101001,农用地转用审批,行政许可,县级,某县自然资源局,《中华人民共和国土地管理法》第四十四条\n\
         ,,,330302101002,土地征收审批,行政许可,县区镇级,,《中华人民共和国土地管理法》第四十六条\n\
         2,330302201000,对非法占用土地的处罚,,,行政处罚,县级,某县自然资源局,《中华人民共和国土地管理法》第七十七条\n",
    )
    .unwrap();
    let doc = lint(&csv, &[]);
    assert!(of(&doc, "F001").is_empty(), "{doc:#}");
    assert_eq!(errors(&doc), ["T003"], "{doc:#}");
    assert_eq!(places(&doc, "T003"), ["G4"], "{doc:#}");
    let text = converted(&csv, &dir.path().join("子项编码.yaml"));
    for code in [
        "code: \"330302101001\"",
        "code: \"330302101002\"",
        "code: \"330302201000\"",
    ] {
        assert!(text.contains(code), "{code}\n{text}");
    }
    assert_eq!(text.matches("main_code: \"330302101000\"").count(), 2, "{text}");
}

/// A list whose line breaks were lost (`1、申请书2、营业执照3、其他相关材料`, pasted or exported
/// flat) is read entry by entry: the vague one is found at its entry (before: at the whole cell,
/// one material named after all three).
#[test]
fn a_list_run_together_without_line_breaks() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("连写.csv");
    std::fs::write(
        &csv,
        "序号,事项名称,事项编码,事项类型,行使层级,实施主体,设定依据,受理条件,申请材料\n\
         1,甲许可,许可-00001-000,行政许可,县级,某县局,《中华人民共和国行政许可法》第四十二条,1、有场所2、有人员3、法律法规规定的其他条件,1、申请书2、营业执照3、其他相关材料\n\
         2,乙许可,许可-00002-000,行政许可,县级,某县局,《中华人民共和国行政许可法》第四十二条,1.注册资本不少于100万元2.有场所,1.申请书2份2.其他材料\n",
    )
    .unwrap();
    let doc = lint(&csv, &[]);
    assert_eq!(places(&doc, "W002"), ["H2#3", "I2#3", "I3#2"], "{doc:#}");
}

/// A bare number under a header that names its unit (法定期限（日）) counts in that unit: 20 日
/// is about 14 working days, so a promise of 15 working days is over it (L001); under
/// 法定时限（工作日） the same 20 is working days and the promise is within.
#[test]
fn a_bare_limit_counts_in_its_headers_unit() {
    let dir = tempfile::tempdir().unwrap();
    for (unit, l001) in [("日", 1), ("工作日", 0), ("天", 1)] {
        let csv = dir.path().join(format!("单位{unit}.csv"));
        std::fs::write(
            &csv,
            format!(
                "序号,事项名称,事项编码,事项类型,行使层级,实施主体,设定依据,法定期限（{unit}）,承诺时限（工作日）\n\
                 1,甲许可,许可-00001-000,行政许可,县级,某县局,《中华人民共和国行政许可法》第四十二条,20,15\n"
            ),
        )
        .unwrap();
        let doc = lint(&csv, &[]);
        assert_eq!(of(&doc, "L001").len(), l001, "{unit}: {doc:#}");
        assert!(of(&doc, "L003").is_empty(), "{unit}: {doc:#}");
    }
}

/// Item types written with 类 or 事项 after them (行政许可类, 其他行政权力事项, 公共服务事项) or
/// 其它 for 其他 are their types (X008 asks for the standard name) instead of X001 errors; their
/// 清单类别 follows as for the standard name. 行政指导, a type no list here uses, stays X001.
#[test]
fn item_types_with_a_suffix() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("类型.csv");
    std::fs::write(
        &csv,
        "序号,事项名称,事项编码,事项类型,行使层级,实施主体,设定依据\n\
         1,甲,330302000001,行政许可类,县级,某县局,《中华人民共和国行政许可法》第四十二条\n\
         2,乙,330302000002,其他行政权力事项,县级,某县局,《中华人民共和国行政许可法》第四十二条\n\
         3,丙,330302000003,公共服务事项,县级,某县局,\n\
         4,丁,330302000004,行政指导,县级,某县局,《中华人民共和国行政许可法》第四十二条\n",
    )
    .unwrap();
    let doc = lint(&csv, &[]);
    assert_eq!(errors(&doc), ["X001"], "{doc:#}");
    assert_eq!(places(&doc, "X001"), ["D5"], "{doc:#}");
    assert_eq!(places(&doc, "X008"), ["D2", "D3", "D4"], "{doc:#}");
}

/// A 办理情形 cell naming its cases joined by 、 only (个人申请、企业申请) is one 情形 each, so a
/// 材料 cell headed by them gives each its own (before: one 情形 named after both, the headings
/// read as materials).
#[test]
fn cases_joined_by_enumeration_commas() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("情形顿号.csv");
    std::fs::write(
        &csv,
        "序号,事项名称,事项编码,事项类型,行使层级,实施主体,设定依据,办理情形,申请材料\n\
         1,甲许可,许可-00001-000,行政许可,县级,某县局,《中华人民共和国行政许可法》第四十二条,个人申请、企业申请,\
         \"一、个人申请：\n1.居民身份证\n2.其他材料\n二、企业申请：\n1.营业执照\"\n",
    )
    .unwrap();
    let doc = lint(&csv, &[]);
    assert_eq!(places(&doc, "W002"), ["I2#3"], "{doc:#}");
    let text = converted(&csv, &dir.path().join("情形顿号.yaml"));
    assert!(text.contains("- name: 个人申请"), "{text}");
    assert!(text.contains("- name: 企业申请"), "{text}");
    assert!(!text.contains("个人申请："), "{text}");
}
