//! Columns a system adds about the record — 更新时间, 录入人, 审核状态 … (rules/record-columns.yaml)
//! — are kept and written back, but are no "unknown column" (F001) to the clerk; any other column
//! the dictionary does not know still is, once.

mod sheets_common;

use sheets_common::{converted, gbk_csv, lint, of};

#[test]
fn record_columns_are_kept_without_a_finding() {
    let dir = tempfile::tempdir().unwrap();
    let path = gbk_csv(
        dir.path(),
        "事项.csv",
        &[
            &[
                "序号",
                "事项编码",
                "事项名称",
                "事项类型",
                "行使层级",
                "实施主体",
                "设定依据",
                "更新\n时间",
                "录入人",
                "审核 状态",
                "联络员",
            ],
            &[
                "1",
                "许可-00001-001-01",
                "食品经营许可",
                "行政许可",
                "县级",
                "某县市场监督管理局",
                "《中华人民共和国食品安全法》第三十五条",
                "2024-05-06 10:00:00",
                "张三",
                "已审核",
                "李四",
            ],
        ],
    );
    let doc = lint(&path, &[]);
    let unknown = of(&doc, "F001");
    assert_eq!(unknown.len(), 1, "{unknown:#?}");
    assert!(
        unknown[0]["message"].as_str().unwrap().contains("联络员"),
        "{unknown:#?}"
    );
    let yaml = converted(&path, &dir.path().join("c.yaml"));
    assert!(
        yaml.contains("2024-05-06 10:00:00") && yaml.contains("已审核") && yaml.contains("张三"),
        "{yaml}"
    );
}
