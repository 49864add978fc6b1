//! Marks cells of a workbook through `catalog::xlsx_edit` and prints how long `apply` took:
//! for the speed figure of docs/xlsx-edit.md and for looking at a result in a spreadsheet.
//!
//! ```text
//! cargo run --release --example gen_office -- --layout guide --rows 100000 --seed 2 --defects 5 --out /tmp/g.xlsx
//! cargo run --release --example xlsx_mark -- /tmp/g.xlsx /tmp/g-marked.xlsx --marks 40000
//! ```
//!
//! Marks are spread evenly over the first sheet's used range, every fifth one a fix; the
//! summary sheet lists each with a link to its cell, as `catalog lint --format xlsx` writes it.

use calamine::Reader;
use catalog::xlsx_edit::{CellMark, Edit, Mark, NewCell, NewSheet, apply};
use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (input, output) = (PathBuf::from(&args[0]), PathBuf::from(&args[1]));
    let count: usize = args
        .iter()
        .position(|a| a == "--marks")
        .and_then(|i| args.get(i + 1)?.parse().ok())
        .unwrap_or(1000);
    let mut wb = calamine::open_workbook_auto(&input).expect("a workbook");
    let sheet = wb.sheet_names()[0].clone();
    let range = wb.worksheet_range(&sheet).expect("its first sheet");
    let (rows, cols) = range.get_size();
    let (rows, cols) = (rows.max(2) as u64, cols.max(1) as u64);
    let kinds = [Mark::Error, Mark::Warning, Mark::Info, Mark::Changed];
    let marks: Vec<CellMark> = (0..count as u64)
        .map(|i| {
            let row = (1 + i * (rows - 1) / count as u64) as u32;
            let col = (i * 7 % cols) as u32;
            let mark = kinds[i as usize % 4];
            CellMark {
                sheet: sheet.clone(),
                row,
                col,
                mark,
                comment: format!("T004 第 {i} 条：事项名称不规范。\n帮助：按《政务服务事项基本目录》的名称填写。"),
                new_value: (mark == Mark::Changed).then(|| format!("修正后的文字 {i}")),
            }
        })
        .collect();
    let summary = NewSheet {
        name: "检查结果".into(),
        columns: vec![
            ("严重程度".into(), 8.0),
            ("规则".into(), 8.0),
            ("说明".into(), 60.0),
            ("位置".into(), 20.0),
        ],
        rows: marks
            .iter()
            .map(|m| {
                vec![
                    NewCell::Marked(format!("{:?}", m.mark), m.mark),
                    NewCell::Text("T004".into()),
                    NewCell::Text(m.comment.clone()),
                    NewCell::Link {
                        text: format!("{} › {}", m.sheet, catalog::model::loc::a1(m.row, m.col)),
                        sheet: m.sheet.clone(),
                        row: m.row,
                        col: m.col,
                    },
                ]
            })
            .collect(),
        autofilter: true,
        freeze_header: true,
        landscape_a4: true,
    };
    let edit = Edit {
        marks,
        front_sheets: vec![summary],
        replace_sheets: Vec::new(),
    };
    let (t, cpu) = (Instant::now(), cpu_seconds());
    if let Err(e) = apply(&input, &edit, &output) {
        eprintln!("{e}");
        std::process::exit(2);
    }
    println!(
        "{count} marks on {sheet} ({rows} rows × {cols} columns): apply took {:.0} ms ({:.0} ms of CPU on all cores)",
        t.elapsed().as_secs_f64() * 1000.0,
        (cpu_seconds() - cpu) * 1000.0
    );
}

/// CPU time of this process so far (user and system, all threads): on a busy machine the wall
/// time says little.
fn cpu_seconds() -> f64 {
    let mut u: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: getrusage only writes the struct it is given.
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut u) };
    let s = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    s(u.ru_utime) + s(u.ru_stime)
}
