//! The catalog generator shared by `examples/gen_catalog.rs` and the tests.
#![allow(dead_code)]

use std::fmt::Write as _;

pub struct Rng(pub u64);
impl Rng {
    pub fn next(&mut self) -> u64 {
        // xorshift64*: deterministic and dependency-free.
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545F4914F6CDD1D)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    pub fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
}

const DEPTS: &[(&str, &str, &str)] = &[
    ("市场监督管理局", "市场监管", "许可"),
    ("人力资源和社会保障局", "人力社保", "给付"),
    ("卫生健康局", "卫生健康", "许可"),
    ("交通运输局", "交通运输", "许可"),
    ("民政局", "民政", "确认"),
    ("自然资源和规划局", "自然资源", "许可"),
    ("住房和城乡建设局", "住房城建", "许可"),
    ("教育局", "教育", "确认"),
];
const TYPES: &[(&str, &str, &str)] = &[
    ("许可", "行政许可", "行政权力"),
    ("确认", "行政确认", "行政权力"),
    ("给付", "行政给付", "行政权力"),
    ("其他", "其他行政权力", "行政权力"),
    ("服务", "公共服务", "公共服务"),
];
pub const SUBJECTS: &[&str] = &[
    "食品经营许可",
    "药品零售许可",
    "建筑工程施工许可",
    "道路运输经营许可",
    "医师执业注册",
    "护士执业注册",
    "社会团体登记",
    "民办学校办学许可",
    "建设用地规划许可",
    "失业保险金申领",
    "养老保险关系转移",
    "最低生活保障认定",
    "特种设备使用登记",
    "公共场所卫生许可",
    "排水许可",
    "城市道路占用许可",
    "户外广告设置许可",
    "残疾人证核发",
];
const CASES: &[&str] = &["新办", "变更", "延续", "注销"];
const SCENARIOS: &[&str] = &[
    "本人申请",
    "委托代理人申请",
    "企业申请",
    "个体工商户申请",
    "分支机构申请",
    "跨区域迁入",
];
pub const MATERIALS: &[&str] = &[
    "申请书",
    "营业执照",
    "法定代表人身份证明",
    "经营场所证明",
    "平面布局图",
    "授权委托书",
    "从业人员健康证明",
    "设备清单",
    "专业技术人员资格证书",
    "安全管理制度",
    "原许可证件",
    "验收报告",
];
const POINTS: &[&str] = &[
    "申请书填写完整并签字盖章",
    "经营场所与许可项目相适应",
    "委托代理须提供授权委托书原件",
    "证照在有效期内",
    "材料复印件须注明与原件一致",
    "平面图标注各功能区面积",
];
const LAWS: &[&str] = &[
    "中华人民共和国行政许可法",
    "中华人民共和国食品安全法",
    "中华人民共和国社会保险法",
    "中华人民共和国道路运输条例",
    "中华人民共和国城乡规划法",
];

/// The defects `--defects` can plant, with the rule that must report them.
pub const DEFECTS: &[(&str, &str)] = &[
    ("missing-name", "T001"),
    ("bad-level", "T003"),
    ("no-scenario", "T004"),
    ("no-point", "T005"),
    ("no-material", "T006"),
    ("no-sample", "T007"),
    ("bad-type", "X001"),
];

/// What happens to an item when deriving the next version.
#[derive(Clone, Copy, PartialEq)]
enum Change {
    None,
    Removed,
    Changed,
}

pub struct Planted {
    pub code: String,
    pub rule: &'static str,
    pub line: usize,
    /// File name inside a generated directory; empty for a single file.
    pub file: String,
}

pub struct Options {
    pub items: usize,
    pub seed: u64,
    pub files: usize,
    pub change_percent: usize,
    pub defects: usize,
}

#[derive(Default)]
pub struct Output {
    /// (file name inside a directory, or "" for a single file; YAML text)
    pub files: Vec<(String, String)>,
    pub changes: Vec<(String, &'static str)>,
    pub planted: Vec<Planted>,
    pub items: usize,
}

pub fn generate(o: &Options) -> Output {
    let mut out = Output::default();
    let per_file = o.items.div_ceil(o.files.max(1));
    let mut decide = Rng(o.seed ^ 0x9E3779B97F4A7C15);

    for f in 0..o.files {
        let start = f * per_file;
        let end = ((f + 1) * per_file).min(o.items);
        if start >= end {
            break;
        }
        let (dept, class, _) = DEPTS[f % DEPTS.len()];
        let name = if o.files > 1 {
            format!("part-{f:04}.yaml")
        } else {
            String::new()
        };
        let file_name = name.clone();
        let mut s = String::with_capacity((end - start) * 2800);
        let _ = write!(
            s,
            "catalog:\n  title: 生成的测试清单\n  region: 浙江省温州市鹿城区\n  region_code: \"330302\"\n  version: \"{}\"\ndefaults:\n  class: {class}\nitems:\n",
            if o.change_percent > 0 { "2025-01" } else { "2024-01" }
        );
        let mut line = s.lines().count() + 1;
        for i in start..end {
            let change = if o.change_percent > 0 {
                let r = decide.below(100);
                if r < o.change_percent {
                    if decide.below(3) == 0 {
                        Change::Removed
                    } else {
                        Change::Changed
                    }
                } else {
                    Change::None
                }
            } else {
                Change::None
            };
            let defect = if o.defects > 0 && decide.below(100) < o.defects {
                Some(DEFECTS[decide.below(DEFECTS.len())])
            } else {
                None
            };
            let code = item_code(i);
            match change {
                Change::Removed => {
                    out.changes.push((code, "removed"));
                    continue;
                }
                Change::Changed => out.changes.push((code.clone(), "changed")),
                Change::None => {}
            }
            let before = s.len();
            let mut defect_line = 0;
            write_item(
                &mut s,
                i,
                o.seed,
                dept,
                change == Change::Changed,
                defect.map(|d| d.0),
                &mut defect_line,
                line,
            );
            if let Some((_, rule)) = defect {
                out.planted.push(Planted {
                    code,
                    rule,
                    line: defect_line,
                    file: file_name.clone(),
                });
            }
            line += s[before..].matches('\n').count();
            out.items += 1;
        }
        if o.change_percent > 0 && f == 0 {
            // New items in the next version.
            let added = (o.items * o.change_percent / 100 / 4).max(1);
            for j in 0..added {
                let i = o.items + j;
                let mut ignore = 0;
                write_item(&mut s, i, o.seed, dept, false, None, &mut ignore, line);
                out.changes.push((item_code(i), "added"));
                out.items += 1;
            }
        }
        out.files.push((name, s));
    }
    out
}

/// The 材料范例 files the generated items cite, next to the catalog.
pub fn write_samples(dir: &std::path::Path) {
    let dir = if dir.as_os_str().is_empty() {
        std::path::Path::new(".")
    } else {
        dir
    };
    let samples = dir.join("samples");
    std::fs::create_dir_all(&samples).unwrap_or_else(|e| panic!("cannot create {}: {e}", samples.display()));
    for name in MATERIALS {
        let p = samples.join(format!("{name}-样表.pdf"));
        let body = format!("%PDF-1.4\n% {name} 示例样表（生成的测试文件）\n");
        std::fs::write(&p, body).unwrap_or_else(|e| panic!("cannot write {}: {e}", p.display()));
    }
}

/// Four items (新办/变更/延续/注销) per 主项 number; past 100,000 主项 the 子项 number counts up,
/// so codes stay unique and one 主项 number always means one 主项 name and one type.
fn main_sub(i: usize) -> (usize, usize) {
    let m = i / 4;
    (m % 100_000, m / 100_000 + 1)
}

fn item_type(i: usize) -> (&'static str, &'static str, &'static str) {
    TYPES[main_sub(i).0 % TYPES.len()]
}

pub fn item_code(i: usize) -> String {
    let (main, sub) = main_sub(i);
    let (prefix, _, _) = item_type(i);
    format!("{prefix}-{main:05}-{sub:03}-{:02}", i % 4 + 1)
}

/// USCC with a correct GB 32100 check character for a department number.
pub fn uscc(n: usize) -> String {
    const CHARS: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    const W: [usize; 17] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
    let body = format!("11330302{:09}", 2000000 + n % 1000);
    let sum: usize = body.chars().zip(W).map(|(c, w)| CHARS.find(c).unwrap_or(0) * w).sum();
    let check = CHARS.as_bytes()[(31 - sum % 31) % 31] as char;
    format!("{body}{check}")
}

#[allow(clippy::too_many_arguments)]
fn write_item(
    s: &mut String,
    i: usize,
    seed: u64,
    dept: &str,
    changed: bool,
    defect: Option<&str>,
    defect_line: &mut usize,
    first_line: usize,
) {
    let mut r = Rng(seed.wrapping_add(i as u64).wrapping_mul(0x9E3779B97F4A7C15) | 1);
    let (_, phylum, kingdom) = item_type(i);
    let (main, sub) = main_sub(i);
    let main_item = format!("{}{}", SUBJECTS[main % SUBJECTS.len()], main / SUBJECTS.len());
    let sub_item = if sub > 1 {
        format!("{main_item}（第{sub}类）")
    } else {
        main_item.clone()
    };
    let case = CASES[i % CASES.len()];
    let code = item_code(i);
    let mut line = first_line;
    let push = |s: &mut String, text: &str, line: &mut usize| {
        s.push_str(text);
        s.push('\n');
        *line += 1;
    };
    push(s, &format!("  - code: \"{code}\""), &mut line);
    push(
        s,
        &format!(
            "    implementation_code: \"{}4{:012}\"",
            uscc(i / 97),
            330302000000 + i as u64 % 1000000
        ),
        &mut line,
    );
    if defect == Some("missing-name") {
        *defect_line = line - 2;
    } else {
        push(s, &format!("    name: {sub_item}（{case}）"), &mut line);
    }
    push(s, &format!("    main_item: {main_item}"), &mut line);
    if sub > 1 {
        push(s, &format!("    sub_item: {sub_item}"), &mut line);
    }
    push(s, &format!("    kingdom: {kingdom}"), &mut line);
    if defect == Some("bad-type") {
        *defect_line = line;
        push(s, "    phylum: 行政审批", &mut line);
    } else {
        push(s, &format!("    phylum: {phylum}"), &mut line);
    }
    if defect == Some("bad-level") {
        *defect_line = line;
        push(s, "    level: 县区镇级", &mut line);
    } else {
        push(s, "    level: 县级", &mut line);
    }
    push(s, &format!("    department: 温州市鹿城区{dept}"), &mut line);
    push(s, "    basis:", &mut line);
    push(
        s,
        &format!("      - 《{}》第{}条", r.pick(LAWS), 10 + r.below(60)),
        &mut line,
    );
    let statutory = 10 + r.below(20);
    let promised = if changed { 1 + statutory / 4 } else { 1 + statutory / 2 };
    push(s, "    time_limit:", &mut line);
    push(s, &format!("      statutory: {statutory}工作日"), &mut line);
    push(s, &format!("      promised: {promised}工作日"), &mut line);
    push(s, "    visits: 0", &mut line);
    push(s, "    online_depth: 全程网办", &mut line);
    push(s, "    fee: 不收费", &mut line);
    push(s, "    service_objects: [企业法人, 自然人]", &mut line);
    push(s, "    process:", &mut line);
    push(s, "      - {step: 受理, days: 0}", &mut line);
    push(
        s,
        &format!("      - {{step: 审查, days: {}}}", promised.saturating_sub(2)),
        &mut line,
    );
    push(s, "      - {step: 决定, days: 1}", &mut line);
    push(s, "      - {step: 送达, days: 1}", &mut line);
    push(s, &format!("    result: {main_item}决定书"), &mut line);
    if defect == Some("no-scenario") {
        *defect_line = first_line;
        return;
    }
    push(s, "    scenarios:", &mut line);
    let n_scen = 2 + r.below(2);
    for k in 0..n_scen {
        let scen_line = line;
        push(
            s,
            &format!("      - name: {}", SCENARIOS[(i + k) % SCENARIOS.len()]),
            &mut line,
        );
        if defect == Some("no-point") && k == 0 {
            *defect_line = scen_line;
        } else {
            push(s, "        acceptance_points:", &mut line);
            for p in 0..2 {
                push(
                    s,
                    &format!("          - point: {}", POINTS[(i + k + p) % POINTS.len()]),
                    &mut line,
                );
                if p == 0 && k == 0 {
                    push(s, "            error_prone: true", &mut line);
                    push(s, "            fix: 对照材料范例逐项填写", &mut line);
                }
            }
        }
        if defect == Some("no-material") && k == 0 {
            *defect_line = scen_line;
            continue;
        }
        push(s, "        materials:", &mut line);
        let n_mat = 2 + r.below(3) + usize::from(changed && k == 0);
        for m in 0..n_mat {
            let name = MATERIALS[(i + k * 3 + m) % MATERIALS.len()];
            let mat_line = line;
            push(s, &format!("          - name: {name}"), &mut line);
            push(
                s,
                &format!(
                    "            source: {}",
                    if m % 3 == 2 {
                        "政府部门核发"
                    } else {
                        "申请人自备"
                    }
                ),
                &mut line,
            );
            push(
                s,
                &format!("            form: {}", if m % 2 == 0 { "原件" } else { "复印件" }),
                &mut line,
            );
            push(s, "            copies: 1", &mut line);
            push(s, "            necessity: 必要", &mut line);
            if defect == Some("no-sample") && k == 0 && m == 0 {
                *defect_line = mat_line;
            } else {
                push(s, &format!("            sample: samples/{name}-样表.pdf"), &mut line);
            }
        }
    }
    push(s, "    supervision:", &mut line);
    push(
        s,
        &format!("      - {{department: 温州市鹿城区{dept}, share: 100, lead: true}}"),
        &mut line,
    );
}
