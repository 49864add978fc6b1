//! Office sheets of probe round 12 (issue 21), written by a generator that knows nothing of the
//! loader (tests/fixtures/round12/make.py), saved as xlsx, xls (xlwt), ods (odfpy) and GBK CSV (the
//! portal export also as Excel's 'Unicode text', UTF-16LE tab-separated .txt):
//! - `bianmin`: a 街道/乡镇便民服务中心's list of short texts, one 办理时限 column holding both
//!   limits (`法定：20日/承诺：25日`) or one (即办, ２０个工作日, 1个月, 30天), 村（社区）代办
//!   (before: 办结时限 unknown, so a promise longer than the law went unseen; 村（社区）代办 unknown);
//! - `shengting`: a province portal's export, a row per 业务办理项 beside its 实施编码, 法定/承诺办结时限
//!   as numbers with 说明 columns, codes as numbers in scientific format, trailing and
//!   non-breaking spaces, codes with a leading apostrophe in the CSV (before: the 业务办理项编码 was
//!   an unchecked second 实施编码 column, so a malformed or repeated one went unseen);
//! - `lianban`: a county's 一件事 list, 实施主体 naming several departments, a 联办部门 column, one
//!   material per row under its item (before: 联办事项名称 unknown, every item a T001).
//!
//! Every planted defect (`NAME.planted.json`) is found at its sheet, cell and entry; no clean row
//! gets an error.

use serde_json::Value;

mod sheets_common;
use sheets_common::{check, gbk_csv, lint, of, planted_in, round_office};

const OFFICES: [(&str, u64); 3] = [("bianmin", 14), ("shengting", 14), ("lianban", 11)];

#[test]
fn every_planted_defect_at_its_cell_and_no_error_on_a_clean_row() {
    for (name, items) in OFFICES {
        let (files, planted) = round_office("round12", name);
        assert!(planted.as_array().unwrap().len() >= 7, "{name}");
        assert!(files.len() >= 4, "{name}: {files:?}");
        for path in &files {
            check(path, &planted_in(path, &planted));
            let doc = lint(path, &[]);
            assert_eq!(doc["summary"]["items"], items, "{}", path.display());
        }
    }
}

fn cells(doc: &Value, code: &str) -> Vec<String> {
    of(doc, code)
        .iter()
        .map(|d| d["location"]["cell"].as_str().unwrap_or("").to_string())
        .collect()
}

const PORTAL_HEADER: &[&str] = &[
    "实施编码",
    "业务办理项编码",
    "业务办理项名称",
    "事项类型",
    "行使层级",
    "实施主体",
    "设定依据",
    "法定办结时限",
    "法定办结时限说明",
    "承诺办结时限",
    "承诺办结时限说明",
    "受理条件",
    "申请材料",
];

const IMPL: &str = "11330800MB0001014F3330217009000";

/// A portal's export: a row per 业务办理项, its 33-character code beside the 31-character 实施编码
/// it extends. The 办理项's code is the item's: a malformed one is K001 at its own cell (the
/// 实施编码 it no longer extends noted beside, F022), a repeated one X004; the 办理项 of one 事项
/// sharing the 实施编码 are no duplicates, and the columns agree where the codes extend.
#[test]
fn a_handling_item_code_beside_its_implementation_code() {
    let dir = tempfile::tempdir().unwrap();
    let row = |item: String, name: &'static str| -> Vec<String> {
        [
            IMPL.to_string(),
            item,
            name.to_string(),
            "行政许可".into(),
            "市级".into(),
            "衢州市市场监督管理局".into(),
            "《中华人民共和国食品安全法》第三十五条".into(),
            "20".into(),
            "不含现场核查时间".into(),
            "5".into(),
            "/".into(),
            "有经营场所".into(),
            "1.申请书\n2.营业执照".into(),
        ]
        .to_vec()
    };
    let rows = [
        row(format!("{IMPL}01"), "食品经营许可（新办）"),
        row(format!("{IMPL}02"), "食品经营许可（变更）"),
        row(format!("{}O{}03", &IMPL[..20], &IMPL[21..]), "食品经营许可（延续）"),
        row(format!("{IMPL}02"), "食品经营许可（注销）"),
    ];
    // The 办理项's column as portals head it, wrapped in its cell, or named only as another
    // 实施编码 (its 33 characters beside the other's 31 say which it is).
    for (k, code_header) in ["业务办理项编码", "业务办理\n项编码", "地方实施编码"]
        .into_iter()
        .enumerate()
    {
        let mut header = PORTAL_HEADER.to_vec();
        header[1] = code_header;
        let mut all: Vec<Vec<&str>> = vec![header];
        all.extend(rows.iter().map(|r| r.iter().map(String::as_str).collect()));
        let all: Vec<&[&str]> = all.iter().map(Vec::as_slice).collect();
        let doc = lint(&gbk_csv(dir.path(), &format!("portal{k}.csv"), &all), &[]);
        assert_eq!(cells(&doc, "K001"), ["B4"], "{code_header}: {:#?}", of(&doc, "K001"));
        assert_eq!(cells(&doc, "X004"), ["B5"], "{code_header}: {:#?}", of(&doc, "X004"));
        assert_eq!(cells(&doc, "F022"), ["A4"], "{code_header}: {:#?}", of(&doc, "F022"));
        // the 说明 columns are read with their limits, not unknown columns
        assert!(of(&doc, "F001").is_empty(), "{:#?}", of(&doc, "F001"));
        let errors: Vec<_> = doc["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["severity"] == "error" && !["K001", "X004"].contains(&d["code"].as_str().unwrap()))
            .collect();
        assert!(errors.is_empty(), "{code_header}: {errors:#?}");
    }
}

/// A 法定办结时限说明 cell qualifies its limit: the limit reads as before, shown with its note.
#[test]
fn a_limit_note_column_qualifies_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let header = &PORTAL_HEADER[2..];
    let row: &[&str] = &[
        "食品经营许可（新办）",
        "行政许可",
        "市级",
        "衢州市市场监督管理局",
        "《中华人民共和国食品安全法》第三十五条",
        "20",
        "不含现场核查时间",
        "25",
        "",
        "有经营场所",
        "1.申请书",
    ];
    let doc = lint(&gbk_csv(dir.path(), "notes.csv", &[header, row]), &[]);
    let l001 = of(&doc, "L001");
    assert_eq!(cells(&doc, "L001"), ["H2"], "{l001:#?}");
    assert!(
        l001[0]["message"].as_str().unwrap().contains("20（不含现场核查时间）"),
        "{l001:#?}"
    );
    assert!(of(&doc, "F001").is_empty(), "{:#?}", of(&doc, "F001"));
}

const TOWN_HEADER: &[&str] = &[
    "序号",
    "服务事项",
    "事项类型",
    "行使层级",
    "办理依据",
    "办理条件",
    "办理材料",
    "办结时限",
    "是否收费",
    "跑动次数",
    "窗口电话",
    "村（社区）代办",
];

fn town_row<'a>(name: &'a str, typ: &'a str, limit: &'a str, agent: &'a str) -> Vec<&'a str> {
    vec![
        "1",
        name,
        typ,
        "乡镇级",
        "《中华人民共和国土地管理法》第六十二条",
        "本村集体经济组织成员",
        "1.申请表\n2.户口簿",
        limit,
        "否",
        "1",
        "0577-86123456",
        agent,
    ]
}

/// A township's list: 办结时限 is the 办理时限 (the promise, or both limits labelled in one cell),
/// 村（社区）代办 a yes/no column of its own. Two limits written in one unit compare as written:
/// a licence's `法定：20日/承诺：25日` promises more than the law allows, although 20日 of a licence
/// alone counts working days.
#[test]
fn a_township_list_with_both_limits_in_one_cell() {
    let dir = tempfile::tempdir().unwrap();
    let rows = [
        town_row("农村村民住宅用地审批", "行政许可", "法定：20日/承诺：25日", "是"),
        town_row("乡村建设规划许可", "行政许可", "法定20个工作日，承诺5个工作日", "√"),
        town_row("临时救助申请", "行政给付", "２０个工作日", ""),
        town_row("特困人员认定", "行政确认", "20日（不含公示时间）", "否"),
    ];
    let mut all: Vec<&[&str]> = vec![TOWN_HEADER];
    all.extend(rows.iter().map(|r| r.as_slice()));
    let doc = lint(&gbk_csv(dir.path(), "town.csv", &all), &[]);
    assert!(of(&doc, "F001").is_empty(), "{:#?}", of(&doc, "F001"));
    assert!(of(&doc, "F021").is_empty(), "{:#?}", of(&doc, "F021"));
    assert_eq!(cells(&doc, "L001"), ["H2"], "{:#?}", of(&doc, "L001"));
    assert!(of(&doc, "L003").is_empty(), "{:#?}", of(&doc, "L003"));
}

/// A 一件事 list names its rows under 联办事项名称 (or 一件事名称): each row is an item, its
/// materials one per row below it.
#[test]
fn a_joint_list_names_its_items() {
    let dir = tempfile::tempdir().unwrap();
    let header: &[&str] = &[
        "序号",
        "联办事项名称",
        "实施主体",
        "联办部门",
        "行使层级",
        "设定依据",
        "办理时限",
        "受理条件",
        "申请材料",
        "材料形式",
    ];
    let rows: [&[&str]; 5] = [
        &[
            "1",
            "开办餐饮店一件事",
            "龙泉市市场监督管理局、龙泉市综合行政执法局",
            "龙泉市卫生健康局",
            "县级",
            "《中华人民共和国食品安全法》第三十五条",
            "法定20个工作日，承诺5个工作日",
            "有固定经营场所",
            "营业执照申请书",
            "原件",
        ],
        &["", "", "", "", "", "", "", "", "食品经营许可申请书", "原件"],
        &["", "", "", "", "", "", "", "", "其他相关材料", "复印件"],
        &[
            "2",
            "退休一件事",
            "龙泉市人力资源和社会保障局",
            "龙泉市医疗保障局",
            "县级",
            "《中华人民共和国社会保险法》第十六条",
            "承诺5个工作日",
            "达到法定退休年龄",
            "退休审批表",
            "原件",
        ],
        &["", "", "", "", "", "", "", "", "居民身份证", "原件"],
    ];
    let mut all: Vec<&[&str]> = vec![header];
    all.extend(rows);
    let doc = lint(&gbk_csv(dir.path(), "joint.csv", &all), &[]);
    assert_eq!(doc["summary"]["items"], 2, "{doc:#}");
    assert!(of(&doc, "T001").is_empty(), "{:#?}", of(&doc, "T001"));
    assert!(of(&doc, "F001").is_empty(), "{:#?}", of(&doc, "F001"));
    assert_eq!(cells(&doc, "W002"), ["I4"], "{:#?}", of(&doc, "W002"));
    assert!(of(&doc, "T006").is_empty(), "{:#?}", of(&doc, "T006"));
}
