//! Generates spreadsheets laid out as offices keep them, with planted defects, for tests and the
//! bench (bench/office.sh).
//!
//! ```text
//! cargo run --example gen_office -- --layout guide --rows 200 --seed 7 --defects 10 --out /tmp/g.xlsx --defects-out /tmp/g.json
//! cargo run --example gen_office -- --layout guide --rows 100000 --out /tmp/g.csv     # GBK CSV
//! cargo run --example gen_office -- --layout power --rows 120 --seed 3 --out /tmp/p.xlsx
//! cargo run --example gen_office -- --rows 100000 --seed 2 --out /tmp/g.xlsx --schema-out /tmp/schema.json  # Table Schema of the columns
//! ```
//!
//! Layouts:
//! - `guide`: a 办事指南汇总表 — a title row, a 填报单位/填报日期 line, the header (on odd seeds two
//!   header rows, 办理时限 and 咨询监督 merged over their sub-headers), one row per item; 办理情形,
//!   受理条件 and 申请材料 cells hold several numbered entries (the numbering style, separators
//!   and header spellings vary with the seed).
//! - `power`: a 权力清单 — a title row, 序号 | 权力编码 | 权力事项名称 | 子项名称 | 权力类型 |
//!   行使层级 | 实施主体 | 设定依据 | 备注, the 主项 (and its 序号) merged over its 子项 rows (in CSV
//!   left blank below the first, as a CSV cannot merge).
//!
//! `--defects P` plants one defect in P% of the items and writes each (row, column header, entry,
//! rule) to `--defects-out` as JSON, so a test can check that each is reported at its cell.

use std::path::PathBuf;

#[path = "support/office.rs"]
mod office;

fn main() {
    let mut o = office::Options {
        layout: "guide".into(),
        rows: 100,
        seed: 1,
        defects: 0,
    };
    let mut out = PathBuf::from("office.xlsx");
    let mut defects_out: Option<PathBuf> = None;
    let mut schema_out: Option<PathBuf> = None;
    let mut it = std::env::args().skip(1);
    while let Some(k) = it.next() {
        let v = it.next().unwrap_or_default();
        match k.as_str() {
            "--layout" => o.layout = v,
            "--rows" => o.rows = v.parse().expect("--rows N"),
            "--seed" => o.seed = v.parse().expect("--seed N"),
            "--defects" => o.defects = v.parse().expect("--defects P"),
            "--out" => out = v.into(),
            "--defects-out" => defects_out = Some(v.into()),
            "--schema-out" => schema_out = Some(v.into()),
            "--help" | "-h" => {
                eprintln!(
                    "gen_office --layout guide|power --rows N --seed N --defects P --out FILE.xlsx|FILE.csv \\\n  [--defects-out FILE.json] [--schema-out FILE.json]"
                );
                return;
            }
            _ => {
                eprintln!("unknown argument {k} (--help lists them)");
                std::process::exit(2);
            }
        }
    }
    if let Some(p) = &schema_out {
        let schema = office::table_schema(&o);
        std::fs::write(p, serde_json::to_string_pretty(&schema).unwrap_or_default()).expect("write schema");
    }
    let planted = office::write(&o, &out);
    if let Some(p) = &defects_out {
        std::fs::write(p, serde_json::to_string_pretty(&planted).unwrap_or_default()).expect("write defects");
    }
    eprintln!(
        "{} rows, {} defects → {}",
        o.rows,
        planted.as_array().map_or(0, Vec::len),
        out.display()
    );
}
