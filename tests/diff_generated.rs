//! Two versions of a generated catalog with a known set of changes: the JSON report must name
//! every changed, removed and added item and no unchanged one.

use assert_cmd::Command;
use serde_json::Value;
use std::collections::BTreeSet;
use std::fmt::Write;

const DEPTS: &[&str] = &["市场监督管理局", "民政局", "卫生健康局", "交通运输局"];
const TYPES: &[&str] = &["行政许可", "行政确认", "行政给付", "其他行政权力"];

struct Item {
    code: String,
    name: String,
    main: String,
    dept: &'static str,
    phylum: &'static str,
    promised: u32,
    visits: u32,
    materials: Vec<String>,
}

fn generate(n: usize) -> Vec<Item> {
    (0..n)
        .map(|i| Item {
            code: format!("许可-{:05}-{:03}-01", i / 3, i % 3 + 1),
            name: format!("第{}号主项事项（{}）", i / 3, ["新办", "变更", "注销"][i % 3]),
            main: format!("第{}号主项事项", i / 3),
            dept: DEPTS[i % DEPTS.len()],
            phylum: TYPES[(i / 3) % TYPES.len()],
            promised: (i % 10) as u32 + 1,
            visits: (i % 3) as u32,
            materials: (0..(i % 4 + 1)).map(|k| format!("材料{k}")).collect(),
        })
        .collect()
}

fn write(items: &[&Item], path: &std::path::Path) {
    let mut s = String::from("items:\n");
    for it in items {
        let _ = writeln!(
            s,
            "  - code: \"{}\"\n    name: {}\n    main_item: {}\n    department: {}\n    phylum: {}\n    level: 县级\n    time_limit: {{statutory: 20工作日, promised: {}工作日}}\n    visits: {}\n    scenarios:\n      - name: 一般情形\n        materials:",
            it.code, it.name, it.main, it.dept, it.phylum, it.promised, it.visits
        );
        for m in &it.materials {
            let _ = writeln!(s, "          - {{name: {m}, sample: {m}样表}}");
        }
    }
    std::fs::write(path, s).unwrap();
}

#[test]
fn every_changed_item_and_no_unchanged_one() {
    let old = generate(600);
    let mut new = generate(600);
    let mut changed = BTreeSet::new();
    let mut removed = BTreeSet::new();
    for (i, it) in new.iter_mut().enumerate() {
        match i % 37 {
            1 => {
                it.promised += 1;
                changed.insert(it.code.clone());
            }
            2 => {
                it.materials.push("无犯罪记录证明".into());
                changed.insert(it.code.clone());
            }
            3 => {
                it.phylum = "其他行政权力";
                if old[i].phylum != "其他行政权力" {
                    changed.insert(it.code.clone());
                }
            }
            4 => {
                it.visits = 9;
                changed.insert(it.code.clone());
            }
            5 => {
                removed.insert(it.code.clone());
            }
            6 => {
                // re-coded: found again by name within the same 主项
                it.code = it.code.replace("-01", "-09");
                changed.insert(it.code.clone());
            }
            _ => {}
        }
    }
    let added: BTreeSet<String> = (0..7).map(|k| format!("确认-{:05}-001-01", 90000 + k)).collect();
    let mut extra: Vec<Item> = generate(7);
    for (k, it) in extra.iter_mut().enumerate() {
        it.code = format!("确认-{:05}-001-01", 90000 + k);
        it.name = format!("新增事项{k}");
        it.main = format!("新增主项{k}");
    }
    let dir = tempfile::tempdir().unwrap();
    write(&old.iter().collect::<Vec<_>>(), &dir.path().join("old.yaml"));
    // The new version also comes in another order: positions never count.
    let mut kept: Vec<&Item> = new
        .iter()
        .filter(|it| !removed.contains(&it.code))
        .chain(extra.iter())
        .collect();
    kept.reverse();
    write(&kept, &dir.path().join("new.yaml"));

    let out = Command::cargo_bin("catalog")
        .unwrap()
        .args(["diff", "old.yaml", "new.yaml", "--format", "json"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let r: Value = serde_json::from_slice(&out.stdout).unwrap();
    let codes = |key: &str| -> BTreeSet<String> {
        r[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x["code"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(codes("changed"), changed);
    assert_eq!(codes("removed"), removed);
    assert_eq!(codes("added"), added);
    let recoded: BTreeSet<String> = r["renamed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["new"]["code"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        recoded,
        changed.iter().filter(|c| c.ends_with("-09")).cloned().collect()
    );
    assert_eq!(
        r["summary"]["unchanged"].as_u64().unwrap() as usize,
        600 - removed.len() - changed.len()
    );
    let moved = r["moved"].as_array().unwrap();
    assert!(moved.iter().all(|m| m["ranks"][0]["new"] == "其他行政权力"));
}
