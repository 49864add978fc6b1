//! CSV quotes as offices' files get them wrong: a stray `"` opening a cell that closes at the next
//! quote in the file (the row's values then sit in the wrong columns) is reported at that cell,
//! F021, with what was read; the rows around it read as before.

mod sheets_common;

use sheets_common::{gbk_csv, lint, of};

#[test]
fn a_stray_quote_is_reported_at_its_cell() {
    let dir = tempfile::tempdir().unwrap();
    let header: &[&str] = &[
        "序号",
        "事项编码",
        "事项名称",
        "事项类型",
        "行使层级",
        "实施主体",
        "设定依据",
        "申请材料",
    ];
    let row = |n: &str, name: &'static str| -> Vec<String> {
        [
            n,
            &format!("许可-0000{n}-001-01"),
            name,
            "行政许可",
            "县级",
            "某县市场监督管理局",
            "《中华人民共和国行政许可法》第二十九条",
            "1.申请书\n2.营业执照",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect()
    };
    let rows: Vec<Vec<String>> = vec![
        row("1", "食品经营许可"),
        row("2", "药品零售许可"),
        row("3", "医疗器械经营许可"),
    ];
    let mut all: Vec<Vec<&str>> = vec![header.to_vec()];
    all.extend(rows.iter().map(|r| r.iter().map(String::as_str).collect()));
    let refs: Vec<&[&str]> = all.iter().map(Vec::as_slice).collect();
    let path = gbk_csv(dir.path(), "清单.csv", &refs);
    let clean = lint(&path, &[]);
    assert!(of(&clean, "F021").is_empty(), "{:#}", clean["diagnostics"]);
    // The clerk typed a quote before the second item's name: Excel reads it up to the quote that
    // opens the 申请材料 cell.
    let text = encoding_rs::GBK
        .decode(&std::fs::read(&path).unwrap())
        .0
        .replacen("药品零售许可", "\"药品零售许可", 1);
    std::fs::write(&path, encoding_rs::GBK.encode(&text).0).unwrap();
    let doc = lint(&path, &[]);
    let stray = of(&doc, "F021");
    assert_eq!(stray.len(), 1, "{stray:#?}");
    assert_eq!(stray[0]["location"]["cell"], "C3");
    assert_eq!(stray[0]["severity"], "warning");
    let message = stray[0]["message"].as_str().unwrap();
    assert!(message.contains("药品零售许可,行政许可,县级"), "{message}");
    // The rows before and after are read as before.
    let items: Vec<&str> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["item"].as_str())
        .collect();
    assert!(
        !items.iter().any(|i| i.contains("00001") || i.contains("00003")),
        "{items:?}"
    );
}
