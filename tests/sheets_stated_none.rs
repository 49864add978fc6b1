//! What an office sheet states rather than leaves blank, read as the export of the same items is.
//!
//! - A 申请材料, 受理条件 or 办理情形 cell saying 无 / 无需提交材料 (rules/none-entries.yaml) says the
//!   item has none: no placeholder error (W005) on a public service that needs no papers; a
//!   licence's 无 materials are M005's, an administrative power's 无 conditions still T005's; a
//!   blank cell is still T005/T006 and a `/` still a placeholder.
//! - A lead-in that states conditions of its own (`…应当遵守中国法律，身体健康，并符合下列条件之一：`)
//!   is kept as an entry (before: dropped, its conditions lost); a number with nothing after it
//!   (`…应当终止：（1）`, a list cut off on export) is no entry, so the cut-off text is found (W014).
//!
//! The Guangdong export laid out as an office sheet (tests/sheets_real_views.rs) found these.

use serde_json::Value;

mod sheets_common;
use sheets_common::{gbk_csv, lint, of, workbook};

const HEAD: [&str; 13] = [
    "序号",
    "事项名称",
    "事项类型",
    "行使层级",
    "实施主体",
    "设定依据",
    "法定时限",
    "承诺时限",
    "办理情形",
    "受理条件",
    "申请材料",
    "到办事现场次数",
    "咨询电话",
];

fn row<'a>(n: &'a str, name: &'a str, ty: &'a str, dept: &'a str, cells: [&'a str; 3]) -> [&'a str; 13] {
    let [case, cond, mat] = cells;
    let basis = "《中华人民共和国行政许可法》第十二条";
    let (st, pr) = if ty == "公共服务" {
        ("无", "即办")
    } else {
        ("20个工作日", "10个工作日")
    };
    [
        n,
        name,
        ty,
        "县级",
        dept,
        basis,
        st,
        pr,
        case,
        cond,
        mat,
        "1",
        "0571-88880001",
    ]
}

fn cells_of(doc: &Value, code: &str) -> Vec<String> {
    of(doc, code)
        .iter()
        .map(|d| d["location"]["cell"].as_str().unwrap_or("").to_string())
        .collect()
}

#[test]
fn a_cell_saying_none_is_no_gap_but_a_licence_still_needs_papers() {
    let dir = tempfile::tempdir().unwrap();
    let (lib, hall) = ("某县图书馆", "某县文化和旅游局");
    let rows = [
        HEAD,
        // 2: a licence whose 受理条件 is blank: T005 at J2.
        row(
            "1",
            "娱乐场所经营许可",
            "行政许可",
            hall,
            ["个人申请", "", "1.申请书（原件1份）\n2.营业执照（复印件1份）"],
        ),
        // 3: a licence whose 受理条件 says 无: still T005, at J3.
        row(
            "2",
            "旅行社设立许可",
            "行政许可",
            hall,
            ["企业申请", "无", "1.申请书（原件1份）"],
        ),
        // 4: a licence whose 申请材料 says 无: M005 at K4, not T006 or W005.
        row(
            "3",
            "营业性演出许可",
            "行政许可",
            hall,
            ["企业申请", "1.有固定场所", "无"],
        ),
        // 5–7: public services that need nothing and say so in several ways: no finding.
        row("4", "图书借阅", "公共服务", lib, ["个人借阅", "无", "无"]),
        row("5", "政策咨询", "公共服务", lib, ["", "无需", "无需提交材料"]),
        row("6", "文物展览参观", "公共服务", lib, ["无", "无。", "不需要"]),
        // 8: a public service whose 申请材料 is a placeholder: W005 at K8.
        row("7", "古籍查阅", "公共服务", lib, ["个人查阅", "1.持有读者证", "/"]),
        // 9: a public service whose 申请材料 is blank: T006 at K9.
        row("8", "讲座报名", "公共服务", lib, ["个人报名", "1.持有读者证", ""]),
    ];
    let rows: Vec<&[&str]> = rows.iter().map(|r| r.as_slice()).collect();
    let xlsx = workbook(dir.path(), "无.xlsx", &[("办事指南", &rows)]);
    let csv = gbk_csv(dir.path(), "无.csv", &rows);
    for path in [&xlsx, &csv] {
        let doc = lint(path, &[]);
        assert_eq!(cells_of(&doc, "T005"), ["J2", "J3"], "{}: {doc:#}", path.display());
        assert_eq!(cells_of(&doc, "M005"), ["K4"], "{}: {doc:#}", path.display());
        assert_eq!(cells_of(&doc, "W005"), ["K8"], "{}: {doc:#}", path.display());
        assert_eq!(cells_of(&doc, "T006"), ["K9"], "{}: {doc:#}", path.display());
        // The services that need no papers promise nothing and are not applied for: no L006.
        assert!(of(&doc, "L006").is_empty(), "{}: {doc:#}", path.display());
        let errors: Vec<&Value> = doc["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["severity"] == "error")
            .collect();
        assert_eq!(errors.len(), 5, "{}: {errors:#?}", path.display());
    }
}

#[test]
fn a_lead_in_stating_conditions_is_kept_and_a_cut_off_list_is_found() {
    let dir = tempfile::tempdir().unwrap();
    let dept = "广东省司法厅";
    let rows = [
        HEAD,
        row(
            "1",
            "外国人永久居留身份证审批",
            "行政许可",
            dept,
            [
                "",
                "申请在中国永久居留的外国人应当遵守中国法律，身体健康，无犯罪记录，并符合下列条件之一：（一）在中国直接投资满三年；（二）在中国任职满四年",
                "1.申请表\n2.护照",
            ],
        ),
        row(
            "2",
            "律师事务所联营注销",
            "行政许可",
            dept,
            [
                "",
                "联营律师事务所有下列情形之一的，应当终止：（1）",
                "1.申请书\n2.清算报告",
            ],
        ),
        row(
            "3",
            "律师执业许可",
            "行政许可",
            dept,
            [
                "",
                "申请条件如下：\n1.拥护宪法\n2.通过法律职业资格考试",
                "1.申请书\n2.资格证书",
            ],
        ),
    ];
    let rows: Vec<&[&str]> = rows.iter().map(|r| r.as_slice()).collect();
    let xlsx = workbook(dir.path(), "引导语.xlsx", &[("办事指南", &rows)]);
    let doc = lint(&xlsx, &[]);
    assert_eq!(cells_of(&doc, "W014"), ["J3"], "{doc:#}");
    let yaml = dir.path().join("引导语.yaml");
    let text = sheets_common::converted(&xlsx, &yaml);
    // The lead-in's own conditions are an entry; the list follows it.
    assert!(text.contains("身体健康，无犯罪记录，并符合下列条件之一："), "{text}");
    assert!(text.contains("在中国任职满四年"), "{text}");
    // A one-clause lead-in only introduces the list.
    assert!(!text.contains("申请条件如下"), "{text}");
    assert!(text.contains("拥护宪法"), "{text}");
    // No entry is a bare number's nothing.
    assert!(!text.contains("point: \"\""), "{text}");
}

/// A 申请材料 sheet beside the items, one row per material keyed by 实施编码: a row whose 材料名称
/// says 无 (its 材料形式 still 原件, as a system exports it) gives its item no material — not a
/// nameless one (before: M003 on every such row, and an M005 put on the workbook's last item).
#[test]
fn a_material_row_saying_none_on_a_detail_sheet_is_no_material() {
    let dir = tempfile::tempdir().unwrap();
    let items: [&[&str]; 3] = [
        &[
            "序号",
            "实施编码",
            "事项名称",
            "事项类型",
            "行使层级",
            "实施主体",
            "设定依据",
            "受理条件",
        ],
        &[
            "1",
            "11440000006939756B2440101007000",
            "临时价格干预提价申报",
            "行政许可",
            "省级",
            "广东省发展和改革委员会",
            "《价格法》第三十条",
            "1.属于干预范围",
        ],
        &[
            "2",
            "11440000006939756B2440101008000",
            "价格政策咨询",
            "公共服务",
            "省级",
            "广东省发展和改革委员会",
            "《价格法》第三十一条",
            "1.有咨询事项",
        ],
    ];
    let materials: [&[&str]; 3] = [
        &["实施编码", "序号", "材料名称", "材料形式"],
        &["11440000006939756B2440101007000", "1", "提价申报申请报告", "原件"],
        &["11440000006939756B2440101008000", "1", "无", "原件"],
    ];
    let path = workbook(
        dir.path(),
        "两表.xlsx",
        &[("事项基本信息", &items), ("申请材料", &materials)],
    );
    let doc = lint(&path, &[]);
    assert!(of(&doc, "M003").is_empty(), "{doc:#}");
    assert!(of(&doc, "M005").is_empty(), "{doc:#}");
    let yaml = dir.path().join("两表.yaml");
    let text = sheets_common::converted(&path, &yaml);
    assert!(
        text.contains("提价申报申请报告") && !text.contains("name: 无"),
        "{text}"
    );
}
