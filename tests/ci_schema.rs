//! `catalog schema`: a draft-07 JSON Schema built from the field dictionary. It must accept the
//! catalogs the loader accepts (Chinese keys, aliases, spellings the rules judge) and reject
//! what the loader refuses; catalog.schema.json at the repository root is its committed copy.

use assert_cmd::Command;
use serde_json::Value;

fn schema_text() -> String {
    let out = Command::cargo_bin("catalog").unwrap().arg("schema").output().unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

fn validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(&schema_text()).unwrap();
    jsonschema::draft7::new(&schema).unwrap()
}

/// YAML → JSON the way an editor sees the file (the catalog loader itself is stricter-typed).
fn yaml(text: &str) -> Value {
    serde_saphyr::from_str::<Value>(text).unwrap()
}

fn errors(v: &jsonschema::Validator, doc: &Value) -> Vec<String> {
    v.iter_errors(doc)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect()
}

#[test]
fn prints_a_draft07_schema_equal_to_the_committed_file() {
    let text = schema_text();
    let v: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["$schema"], "http://json-schema.org/draft-07/schema#");
    assert!(jsonschema::draft7::meta::is_valid(&v), "not a valid draft-07 schema");
    let committed = std::fs::read_to_string("catalog.schema.json").unwrap();
    assert!(
        committed == text,
        "catalog.schema.json is stale: run `cargo run -- schema > catalog.schema.json`"
    );
}

#[test]
fn chinese_titles_enums_and_aliases() {
    let v: Value = serde_json::from_str(&schema_text()).unwrap();
    let item = &v["definitions"]["item"]["properties"];
    assert_eq!(item["level"]["title"], "事项层级");
    assert!(item["level"]["description"].as_str().unwrap().contains("行使层级"));
    // The level vocabulary is suggested, inside anyOf with free text (区县级 also loads).
    let levels = &item["level"]["anyOf"][0]["anyOf"][0]["enum"];
    assert!(levels.as_array().unwrap().iter().any(|l| l == "县级"), "{levels}");
    for k in ["事项名称", "权力名称", "行使层级", "办事情形", "办结时限"] {
        assert!(item.get(k).is_some(), "{k}");
    }
    assert_eq!(item["visits"]["allOf"][0]["$ref"], "#/definitions/int");
    assert_eq!(v["definitions"]["int"]["anyOf"][0]["type"], "integer");
}

#[test]
fn accepts_the_fixtures() {
    let v = validator();
    for f in [
        "tests/fixtures/ci/鹿城区.yaml",
        "tests/fixtures/ci/法规库.yaml",
        "tests/fixtures/ci/real/广安区-节选.yaml",
    ] {
        let mut doc = yaml(&std::fs::read_to_string(f).unwrap());
        // The fixture has an unknown key on purpose (F001); without it the file is schema-clean.
        if f.ends_with("鹿城区.yaml") {
            doc["items"][1].as_object_mut().unwrap().remove("remark|x");
        }
        let e = errors(&v, &doc);
        assert!(e.is_empty(), "{f}: {e:#?}");
    }
}

#[test]
fn accepts_chinese_keys_and_loader_spellings() {
    let v = validator();
    let text = "清单信息:\n  清单名称: 测试\n  区划代码: 330302\n默认值:\n  清单类别: 行政权力\n事项列表:\n\
         - 事项编码: 许可-1\n  事项名称: 测试事项\n  行使层级: 区县级\n  到办事现场次数: \"1\"\n\
         \x20 办结时限:\n    法定办结时限: 20工作日\n    promised: 即办\n  法定时限: 20工作日\n\
         \x20 办事情形:\n  - 一般情形\n  - 情形名称: 委托办理\n    受理要点: [材料齐全]\n\
         \x20   申请材料:\n    - 材料名称: 申请书\n      份数: 2\n      可通过数据共享获取: 是\n\
         \x20 监管责任:\n  - 责任部门: 某局\n    责任比例: 70%\n\
         \x20 lint_ignore:\n  - T004\n  - {rule: T005, reason: 试点}\n";
    // The loader takes it too, without an unknown-field finding.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("c.yaml");
    std::fs::write(&file, text).unwrap();
    let out = Command::cargo_bin("catalog")
        .unwrap()
        .args(["lint", "--format", "json"])
        .arg(&file)
        .output()
        .unwrap();
    assert_ne!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(!String::from_utf8_lossy(&out.stdout).contains("F001"));
    let doc = yaml(text);
    let e = errors(&v, &doc);
    assert!(e.is_empty(), "{e:#?}");
    // A file that is just a list of items.
    assert!(v.is_valid(&yaml("- name: 甲\n  level: [县级, 市级]\n")));
}

#[test]
fn rejects_broken_catalogs() {
    let v = validator();
    for (what, text) in [
        ("visits not a number", "items:\n- name: 甲\n  visits: 三次\n"),
        ("items not a list", "items: 甲\n"),
        ("scenario as a number list", "items:\n- name: 甲\n  scenarios: {a: 1}\n"),
        ("unknown key", "items:\n- name: 甲\n  matrials: []\n"),
        (
            "bool word",
            "items:\n- scenarios:\n  - materials:\n    - shared: 也许\n",
        ),
        ("lint_ignore without rule", "items:\n- lint_ignore:\n  - {reason: 无}\n"),
        ("unknown top-level key", "itemz: []\n"),
    ] {
        assert!(!v.is_valid(&yaml(text)), "{what} accepted");
        // The tool agrees: the loader refuses it (exit 2) or reports the unknown key (F001).
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("c.yaml");
        std::fs::write(&file, text).unwrap();
        let out = Command::cargo_bin("catalog")
            .unwrap()
            .args(["lint", "--format", "json"])
            .arg(&file)
            .output()
            .unwrap();
        assert!(
            out.status.code() == Some(2) || String::from_utf8_lossy(&out.stdout).contains("\"F001\""),
            "{what}: the loader accepted it"
        );
    }
}
