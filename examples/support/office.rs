//! Office-layout spreadsheets with planted defects, shared by `examples/gen_office.rs` and the
//! tests (tests/sheets_office.rs).
#![allow(dead_code)]

use rust_xlsxwriter::{Format, FormatAlign, Workbook};
use std::path::Path;

#[path = "generator.rs"]
mod generator;
use generator::{MATERIALS, Rng, SUBJECTS, uscc};

const CASES: &[&str] = &["新办", "变更", "延续", "注销"];
const DEPTS: &[&str] = &[
    "市场监督管理局",
    "卫生健康局",
    "交通运输局",
    "住房和城乡建设局",
    "教育局",
];
const TYPES: &[(&str, &str)] = &[
    ("许可", "行政许可"),
    ("确认", "行政确认"),
    ("给付", "行政给付"),
    ("其他", "其他行政权力"),
];
const POWER_TYPES: &[(&str, &str)] = &[
    ("许可", "行政许可"),
    ("处罚", "行政处罚"),
    ("强制", "行政强制"),
    ("检查", "行政检查"),
    ("确认", "行政确认"),
];
const SCENARIOS: &[&str] = &["个人申请", "企业申请", "委托代理人申请", "分支机构申请"];
const MAT_NOTES: &[&str] = &["（原件1份）", "（复印件1份）", "（原件2份）", "（加盖公章）", ""];
const CONDITIONS: &[&str] = &[
    "申请人具有相应的经营场所",
    "具有与经营项目相适应的设备设施",
    "有专职的管理人员",
    "具有健全的管理制度",
    "从业人员经培训合格",
];
const LAWS: &[&str] = &[
    "《中华人民共和国行政许可法》",
    "《中华人民共和国食品安全法》",
    "《中华人民共和国道路运输条例》",
    "《中华人民共和国城乡规划法》",
];
const CN: &[&str] = &["零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

/// Defects the generator plants in the guide layout: (name, column it sits in, rule).
const GUIDE_DEFECTS: &[(&str, &str)] = &[
    ("promised-over-statutory", "L001"),
    ("unreadable-limit", "L003"),
    ("visit-without-reason", "V002"),
    ("vague-material", "W002"),
    ("vague-condition", "W002"),
    ("bad-level", "T003"),
    ("bad-code", "K001"),
    ("no-basis", "B001"),
    ("no-material", "T006"),
    ("no-condition", "T005"),
];
const POWER_DEFECTS: &[(&str, &str)] = &[
    ("bad-level", "T003"),
    ("bad-power-code", "K005"),
    ("no-basis", "B001"),
    ("bad-type", "X001"),
];

/// What to generate.
#[derive(Clone)]
pub struct Options {
    /// `guide` or `power`.
    pub layout: String,
    pub rows: usize,
    pub seed: u64,
    /// Percent of items with one planted defect.
    pub defects: usize,
}

/// One cell of the output: text, or merged over `rows` rows (the power list's 主项).
pub struct Sheet {
    title: String,
    /// Header rows (one or two); in a two-row header a group cell is (text, span) on row 0.
    group: Option<Vec<(String, usize)>>,
    header: Vec<String>,
    filler: String,
    rows: Vec<Vec<String>>,
    /// (first data row, column, rows) merged vertically.
    merges: Vec<(usize, usize, usize)>,
    /// Rows that head a section (一、行政许可): merged across the sheet in xlsx.
    sections: Vec<usize>,
}

pub struct Planted {
    pub row: usize,
    pub header: String,
    pub entry: usize,
    pub rule: &'static str,
    pub what: &'static str,
}

fn number(style: usize, k: usize) -> String {
    match style {
        0 => format!("{k}."),
        1 => format!("{k}、"),
        2 => format!("（{k}）"),
        3 => char::from_u32('①' as u32 + k as u32 - 1).map_or(String::new(), String::from),
        4 => format!("{}、", CN.get(k).copied().unwrap_or("十")),
        _ => String::new(),
    }
}

/// Several entries in one cell: numbered or not, on separate lines or after ；.
fn entries(r: &mut Rng, style: usize, xs: &[String]) -> String {
    let sep = if style == 5 || r.below(2) == 0 { "；" } else { "\n" };
    xs.iter()
        .enumerate()
        .map(|(k, x)| format!("{}{x}", number(style, k + 1)))
        .collect::<Vec<_>>()
        .join(sep)
}

fn cn_number(n: usize) -> String {
    match n {
        0..=10 => CN[n].to_string(),
        11..=19 => format!("十{}", CN[n - 10]),
        _ if n.is_multiple_of(10) => format!("{}十", CN[n / 10]),
        _ => format!("{}十{}", CN[n / 10], CN[n % 10]),
    }
}

fn guide(a: &Options, planted: &mut Vec<Planted>) -> Sheet {
    let mut r = Rng(a.seed.wrapping_mul(0x9E3779B97F4A7C15) | 1);
    let spell = |r: &mut Rng, xs: &[&str]| r.pick(xs).to_string();
    let style = a.seed as usize % 6;
    let h_name = spell(&mut r, &["事项名称", "服务事项名称", "业务办理项名称"]);
    let h_statutory = spell(&mut r, &["法定时限", "法定期限", "法定办结时限"]);
    let h_promised = spell(&mut r, &["承诺时限", "承诺期限", "承诺办结时限"]);
    let h_scen = spell(&mut r, &["办理情形", "办事情形"]);
    let h_cond = spell(&mut r, &["受理条件", "申请条件", "受理标准"]);
    let h_mat = spell(&mut r, &["申请材料", "所需材料", "材料清单"]);
    let h_fee = spell(&mut r, &["是否收费", "收费标准"]);
    let h_place = spell(&mut r, &["办理地点", "办公地址"]);
    let h_hours = spell(&mut r, &["办理时间", "办公时间"]);
    let h_phone = spell(&mut r, &["咨询电话", "咨询方式"]);
    let h_complaint = spell(&mut r, &["监督投诉电话", "投诉电话"]);
    let h_level = spell(&mut r, &["行使层级", "实施层级"]);
    let h_type = spell(&mut r, &["事项类型", "事项类别"]);
    let header: Vec<String> = [
        "序号",
        "事项编码",
        "实施编码",
        &h_name,
        "主项名称",
        &h_type,
        &h_level,
        "实施主体",
        "设定依据",
        &h_statutory,
        &h_promised,
        "办件类型",
        &h_fee,
        "审批结果",
        &h_scen,
        &h_cond,
        &h_mat,
        "到办事现场次数",
        "必须现场办理原因说明",
        "网上办理深度",
        &h_place,
        &h_hours,
        &h_phone,
        &h_complaint,
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let col = |h: &str| header.iter().position(|x| x == h).unwrap_or(0);
    let two_rows = a.seed % 2 == 1;
    let group = two_rows.then(|| {
        let mut g: Vec<(String, usize)> = Vec::new();
        let mut c = 0;
        while c < header.len() {
            if c == col(&h_statutory) {
                g.push(("办理时限".into(), 2));
                c += 2;
            } else if c == col(&h_phone) {
                g.push(("咨询监督".into(), 2));
                c += 2;
            } else {
                g.push((header[c].clone(), 1));
                c += 1;
            }
        }
        g
    });
    let mut rows = Vec::with_capacity(a.rows);
    for i in 0..a.rows {
        let mut ir = Rng(a.seed.wrapping_add(i as u64 + 1).wrapping_mul(0x9E3779B97F4A7C15) | 1);
        let (prefix, phylum) = TYPES[(i / 4) % TYPES.len()];
        let subject = SUBJECTS[(i / 4) % SUBJECTS.len()];
        let main = format!("{subject}{}", i / 4 / SUBJECTS.len() + 1);
        let case = CASES[i % 4];
        let dept = format!("温州市鹿城区{}", DEPTS[(i / 4) % DEPTS.len()]);
        let code = format!("{prefix}-{:05}-{:03}-{:02}", i / 4, 1, i % 4 + 1);
        let mut impl_code = format!("{}4{:012}", uscc(i / 97), 330302000000u64 + i as u64);
        let statutory = 10 + ir.below(20);
        let promised = 1 + statutory / 2;
        let mut statutory_s = match ir.below(4) {
            0 => format!("{statutory}个工作日"),
            1 => format!("{}个工作日", cn_number(statutory)),
            2 => format!("法定：{statutory}个工作日"),
            _ => format!("{statutory}工作日"),
        };
        let mut promised_s = match ir.below(3) {
            0 => format!("{promised}个工作日（不含现场核查时间）"),
            1 => format!("{promised}个工作日"),
            _ => format!("{promised}工作日"),
        };
        let visits_zero = ir.below(3) > 0;
        let (mut visits, mut reason, mut depth) = if visits_zero {
            (ir.pick(&["0次", "零次", "0"]).to_string(), String::new(), "全程网办")
        } else {
            ("1次".to_string(), "需现场核验原件".to_string(), "网上预审")
        };
        let mut level = "县级".to_string();
        let mut basis = format!("{}第{}条", LAWS[ir.below(LAWS.len())], 10 + ir.below(60));
        let n_scen = 1 + ir.below(2);
        let scen: Vec<String> = (0..n_scen)
            .map(|k| SCENARIOS[(i + k) % SCENARIOS.len()].to_string())
            .collect();
        let n_cond = 2 + ir.below(3);
        // An office's lists are each item's own: the first condition and material name the
        // item (as 《食品经营许可申请书》 does), the rest come from the common pool.
        let mut conds: Vec<String> = (0..n_cond)
            .map(|k| match k {
                0 => format!("申请人具有与{main}相适应的场所和设施"),
                _ => CONDITIONS[(i + k) % CONDITIONS.len()].to_string(),
            })
            .collect();
        let n_mat = 2 + ir.below(4);
        let mut mats: Vec<String> = (0..n_mat)
            .map(|k| match k {
                0 => format!("《{main}（{case}）申请书》{}", ir.pick(MAT_NOTES)),
                _ => format!("{}{}", MATERIALS[(i + k) % MATERIALS.len()], ir.pick(MAT_NOTES)),
            })
            .collect();
        let row_no = i; // data row index
        let defect = (a.defects > 0 && ir.below(100) < a.defects).then(|| GUIDE_DEFECTS[ir.below(GUIDE_DEFECTS.len())]);
        let mut plant = |header: &str, entry: usize, (what, rule): (&'static str, &'static str)| {
            planted.push(Planted {
                row: row_no,
                header: header.to_string(),
                entry,
                rule,
                what,
            })
        };
        if let Some(d) = defect {
            match d.0 {
                "promised-over-statutory" => {
                    promised_s = format!("{}个工作日", statutory + 5);
                    plant(&h_promised, 0, d);
                }
                "unreadable-limit" => {
                    statutory_s = "尽快办理".into();
                    plant(&h_statutory, 0, d);
                }
                "visit-without-reason" => {
                    visits = "1次".into();
                    reason = String::new();
                    depth = "网上预审";
                    plant("到办事现场次数", 0, d);
                }
                "vague-material" => {
                    mats.push("其他相关材料".into());
                    plant(&h_mat, mats.len(), d);
                }
                "vague-condition" => {
                    conds.push("法律、法规规定的其他条件".into());
                    plant(&h_cond, conds.len(), d);
                }
                "bad-level" => {
                    level = "县区镇级".into();
                    plant(&h_level, 0, d);
                }
                "bad-code" => {
                    impl_code.truncate(20);
                    plant("实施编码", 0, d);
                }
                "no-basis" => {
                    basis.clear();
                    // Reported on the item's row (B001 points at the item).
                    plant("", 0, d);
                }
                // Reported at the empty cell, for each 情形 of the row.
                "no-material" => {
                    mats.clear();
                    plant(&h_mat, 0, d);
                }
                "no-condition" => {
                    conds.clear();
                    plant(&h_cond, 0, d);
                }
                _ => {}
            }
        }
        let mut row = vec![String::new(); header.len()];
        let mut set = |h: &str, v: String| row[col(h)] = v;
        set("序号", format!("{}", i + 1));
        set("事项编码", code);
        set("实施编码", impl_code);
        set(&h_name, format!("{main}（{case}）"));
        set("主项名称", main.clone());
        set(&h_type, phylum.into());
        set(&h_level, level);
        set("实施主体", dept.clone());
        set("设定依据", basis);
        set(&h_statutory, statutory_s);
        set(&h_promised, promised_s);
        set("办件类型", "承诺件".into());
        set(&h_fee, ir.pick(&["否", "不收费", "免费"]).into());
        set("审批结果", format!("{subject}证"));
        set(&h_scen, entries(&mut ir, 5, &scen));
        set(&h_cond, entries(&mut ir, style, &conds));
        set(&h_mat, entries(&mut ir, style, &mats));
        set("到办事现场次数", visits);
        set("必须现场办理原因说明", reason);
        set("网上办理深度", depth.into());
        set(&h_place, format!("温州市鹿城区市民中心{}号窗口", 1 + i % 30));
        set(&h_hours, "工作日上午9:00-12:00，下午13:30-17:00".into());
        set(&h_phone, "0577-88881234".into());
        set(&h_complaint, "0577-12345".into());
        rows.push(row);
    }
    Sheet {
        title: r
            .pick(&[
                "温州市鹿城区政务服务事项办事指南汇总表",
                "鹿城区依申请政务服务事项清单（办事指南）",
            ])
            .into(),
        group,
        header,
        filler: "填报单位（盖章）：温州市鹿城区行政审批局                填报日期：2026年11月20日".into(),
        rows,
        merges: Vec::new(),
        sections: Vec::new(),
    }
}

fn power(a: &Options, planted: &mut Vec<Planted>) -> Sheet {
    let mut r = Rng(a.seed.wrapping_mul(0x9E3779B97F4A7C15) | 1);
    let h_code = r.pick(&["权力编码", "职权编码"]).to_string();
    let h_name = r.pick(&["权力事项名称", "职权名称"]).to_string();
    let h_type = r.pick(&["权力类型", "职权类别"]).to_string();
    let h_level = r.pick(&["行使层级", "实施层级"]).to_string();
    let header: Vec<String> = [
        "序号",
        &h_code,
        &h_name,
        "子项名称",
        &h_type,
        &h_level,
        "实施主体",
        "设定依据",
        "备注",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let mut rows = Vec::new();
    let mut merges = Vec::new();
    let mut main_no = 0;
    let mut sections = Vec::new();
    while rows.len() < a.rows {
        let (prefix, phylum) = POWER_TYPES[(main_no / 4) % POWER_TYPES.len()];
        // Odd seeds head each type with a section row (一、行政许可), merged across in xlsx.
        if main_no % 4 == 0 && a.seed % 2 == 1 && rows.len() + 1 < a.rows {
            sections.push(rows.len());
            let mut row = vec![String::new(); header.len()];
            row[0] = format!("{}、{phylum}", CN[(main_no / 4) % 10 + 1]);
            rows.push(row);
        }
        let subs = [1, 1, 2, 3][r.below(4)].min(a.rows - rows.len());
        let main = format!("{}{}", SUBJECTS[main_no % SUBJECTS.len()], main_no / SUBJECTS.len() + 1);
        let dept = format!("温州市鹿城区{}", DEPTS[main_no % DEPTS.len()]);
        if subs > 1 {
            merges.push((rows.len(), 0, subs));
            merges.push((rows.len(), 2, subs));
        }
        for s in 0..subs {
            let row_no = rows.len();
            let mut ir = Rng(a.seed.wrapping_add(row_no as u64 + 1).wrapping_mul(0x9E3779B97F4A7C15) | 1);
            let mut code = format!("{prefix}-{:05}-{:03}", main_no + 1, if subs > 1 { s + 1 } else { 0 });
            let mut level = ir.pick(&["县级", "市级、县级", "县级、乡镇级"]).to_string();
            let mut basis = format!("{}第{}条", LAWS[ir.below(LAWS.len())], 10 + ir.below(60));
            let mut ty = phylum.to_string();
            let defect =
                (a.defects > 0 && ir.below(100) < a.defects).then(|| POWER_DEFECTS[ir.below(POWER_DEFECTS.len())]);
            if let Some((what, rule)) = defect {
                let header = match what {
                    "bad-level" => {
                        level = "县区镇级".into();
                        &h_level
                    }
                    "bad-power-code" => {
                        code = format!("{prefix}-{:04}-001", main_no + 1);
                        &h_code
                    }
                    "no-basis" => {
                        basis.clear();
                        ""
                    }
                    _ => {
                        ty = "行政审批".into();
                        &h_type
                    }
                };
                planted.push(Planted {
                    row: row_no,
                    header: header.to_string(),
                    entry: 0,
                    rule,
                    what,
                });
            }
            let first = s == 0;
            rows.push(vec![
                if first {
                    format!("{}", main_no + 1)
                } else {
                    String::new()
                },
                code,
                if first { main.clone() } else { String::new() },
                if subs > 1 {
                    format!("{main}（{}）", ["一般", "特殊", "跨区域"][s % 3])
                } else {
                    String::new()
                },
                ty,
                level,
                dept.clone(),
                basis,
                String::new(),
            ]);
        }
        main_no += 1;
    }
    Sheet {
        title: r
            .pick(&["温州市鹿城区行政权力清单", "鹿城区权力清单（2026年版）"])
            .into(),
        group: None,
        header,
        filler: String::new(),
        rows,
        merges,
        sections,
    }
}

pub fn write_xlsx(s: &Sheet, path: &Path) -> Result<usize, rust_xlsxwriter::XlsxError> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Sheet1")?;
    let wrap = Format::new().set_text_wrap();
    let center = Format::new().set_align(FormatAlign::Center).set_bold();
    let width = s.header.len() as u16;
    ws.merge_range(0, 0, 0, width - 1, &s.title, &center)?;
    let mut r: u32 = 1;
    if !s.filler.is_empty() {
        ws.write(r, 0, &s.filler)?;
        r += 1;
    }
    if let Some(group) = &s.group {
        let mut c: u16 = 0;
        for (text, span) in group {
            let span = *span as u16;
            if span > 1 {
                ws.merge_range(r, c, r, c + span - 1, text, &center)?;
                for k in 0..span {
                    ws.write(r + 1, c + k, &s.header[(c + k) as usize])?;
                }
            } else {
                ws.merge_range(r, c, r + 1, c, text, &center)?;
            }
            c += span;
        }
        r += 2;
    } else {
        for (c, h) in s.header.iter().enumerate() {
            ws.write(r, c as u16, h)?;
        }
        r += 1;
    }
    let first = r;
    for row in &s.rows {
        for (c, v) in row.iter().enumerate() {
            if !v.is_empty() {
                if v.contains('\n') {
                    ws.write_with_format(r, c as u16, v, &wrap)?;
                } else {
                    ws.write(r, c as u16, v)?;
                }
            }
        }
        r += 1;
    }
    for &row in &s.sections {
        let top = first + row as u32;
        ws.merge_range(top, 0, top, width - 1, &s.rows[row][0], &Format::new())?;
    }
    for &(row, c, n) in &s.merges {
        let top = first + row as u32;
        let v = &s.rows[row][c];
        ws.merge_range(top, c as u16, top + n as u32 - 1, c as u16, v, &Format::new())?;
    }
    wb.save(path)?;
    Ok(first as usize)
}

fn csv_field(v: &str) -> String {
    if v.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", v.replace('"', "\"\""))
    } else {
        v.to_string()
    }
}

/// GBK CSV, as Excel saves it on a Chinese Windows: the title and 填报单位 lines above the header.
pub fn write_csv(s: &Sheet, path: &Path) -> std::io::Result<usize> {
    let mut out = String::new();
    let line = |out: &mut String, cells: &[String]| {
        let v: Vec<String> = cells.iter().map(|c| csv_field(c)).collect();
        out.push_str(&v.join(","));
        out.push_str("\r\n");
    };
    let pad = |first: &str| {
        let mut v = vec![String::new(); s.header.len()];
        v[0] = first.to_string();
        v
    };
    line(&mut out, &pad(&s.title));
    let mut r = 1;
    if !s.filler.is_empty() {
        line(&mut out, &pad(&s.filler));
        r += 1;
    }
    if let Some(group) = &s.group {
        // As Excel saves merged cells: the text in the first cell of the range, the rest blank.
        let (mut upper, mut lower) = (Vec::new(), Vec::new());
        let mut c = 0;
        for (text, span) in group {
            upper.push(text.clone());
            upper.extend(std::iter::repeat_n(String::new(), span - 1));
            for k in 0..*span {
                lower.push(if *span > 1 {
                    s.header[c + k].clone()
                } else {
                    String::new()
                });
            }
            c += span;
        }
        line(&mut out, &upper);
        line(&mut out, &lower);
        r += 2;
    } else {
        line(&mut out, &s.header);
        r += 1;
    }
    for row in &s.rows {
        line(&mut out, row);
    }
    let (bytes, _, _) = encoding_rs::GBK.encode(&out);
    std::fs::write(path, bytes)?;
    Ok(r)
}

/// The sheet of a layout and the defects planted in it.
pub fn generate(o: &Options) -> (Sheet, Vec<Planted>) {
    let mut planted = Vec::new();
    let sheet = match o.layout.as_str() {
        "guide" => guide(o, &mut planted),
        "power" => power(o, &mut planted),
        other => panic!("unknown layout {other} (guide, power)"),
    };
    (sheet, planted)
}

/// Writes the sheet (`.csv`: GBK text; else xlsx) and returns the planted defects as JSON:
/// each with its 1-based row, 0-based column (`null` when the finding is on the item's row
/// rather than a cell), header, entry (1-based, 0 = whole cell) and rule.
pub fn write(o: &Options, path: &Path) -> serde_json::Value {
    let (sheet, planted) = generate(o);
    let is_csv = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    let first = if is_csv {
        write_csv(&sheet, path).expect("write csv")
    } else {
        write_xlsx(&sheet, path).expect("write xlsx")
    };
    let col = |h: &str| sheet.header.iter().position(|x| x == h);
    planted
        .iter()
        .map(|d| {
            serde_json::json!({
                "row": first + d.row + 1,
                "column": if d.header.is_empty() { None } else { col(&d.header) },
                "header": d.header,
                "entry": d.entry,
                "rule": d.rule,
                "defect": d.what,
            })
        })
        .collect()
}

/// A Frictionless Table Schema of the sheet's columns (for `frictionless validate` in the
/// bench): the same checks a schema can state — required names, code patterns, the level list.
pub fn table_schema(o: &Options) -> serde_json::Value {
    let (sheet, _) = generate(&Options { rows: 1, ..o.clone() });
    let fields: Vec<serde_json::Value> = sheet
        .header
        .iter()
        .map(|h| {
            let mut f = serde_json::json!({"name": h, "type": "string"});
            let c = match h.as_str() {
                "序号" => serde_json::json!({"required": true}),
                "事项编码" | "权力编码" | "职权编码" => serde_json::json!({"required": true,
                    "pattern": "(许可|处罚|强制|征收|给付|检查|确认|奖励|裁决|其他|服务)-[0-9]{5}-[0-9]{3}(-[0-9]{2})?"}),
                "实施编码" => serde_json::json!({"pattern": "[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}[1-6][0-9]{12}([0-9]{2})?"}),
                "实施主体" | "设定依据" => serde_json::json!({"required": true}),
                "行使层级" | "实施层级" => serde_json::json!({"pattern": "((国家|省|市|县|乡镇|村)级、?)+"}),
                "到办事现场次数" => serde_json::json!({"pattern": "[0-9零一二三]+次?"}),
                _ if h.contains("名称") => serde_json::json!({"required": true}),
                _ if h.contains("时限") || h.contains("期限") => serde_json::json!({"pattern": ".*[0-9一二三四五六七八九十]+个?(工作日|日|天|月).*|即办|即时办结|当场办结"}),
                _ => serde_json::Value::Null,
            };
            if !c.is_null() {
                f["constraints"] = c;
            }
            f
        })
        .collect();
    serde_json::json!({"fields": fields})
}
