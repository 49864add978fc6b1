//! `catalog publish`: the static site from a fixture with hostile text, samples and a bundle.

use assert_cmd::Command;
use std::fs;
use std::path::Path;

const FIXTURE: &str = "tests/fixtures/publish/basic";

fn publish(out: &Path, extra: &[&str]) -> assert_cmd::assert::Assert {
    Command::cargo_bin("catalog")
        .unwrap()
        .args(["publish", FIXTURE, "--allow-errors", "--out"])
        .arg(out)
        .args(extra)
        .assert()
}

/// A page's text, with minijinja's escaped `/` (`&#x2f;`) read back as `/` for readable asserts.
fn read(p: impl AsRef<Path>) -> String {
    fs::read_to_string(p.as_ref())
        .unwrap_or_else(|e| panic!("{}: {e}", p.as_ref().display()))
        .replace("&#x2f;", "/")
}

#[test]
fn one_page_per_item_with_every_guide_element() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    publish(&out, &[])
        .success()
        .stderr(predicates::str::contains("已发布 2 个事项"));

    let page = read(out.join("items/1-00977-001-01.html"));
    assert!(page.contains(r#"<html lang="zh-CN">"#));
    for want in [
        "<h1>食品经营许可（新办）</h1>",
        "申请材料与受理要点（仅销售预包装食品）",
        "易错点",
        "纠错要点：",
        "食品经营许可申请书",
        r#"href="../files/1-申请书-样表.md.html""#,
        "示例：统一社会信用代码 91330302MA2XXXXX0X",
        "可通过数据共享获取",
        "测试区行政服务中心二楼 12 号窗口",
        "0577-12345",
        "《中华人民共和国食品安全法》第三十五条",
        "备注也要发布",
        "<caption>申请材料（3 项）</caption>",
        "开办餐饮店",
    ] {
        assert!(page.contains(want), "item page lacks {want}");
    }
    // The sample was copied; the file outside the catalog directory was not.
    assert!(out.join("files/1-申请书-样表.md").is_file());
    // A Markdown sample is a page of the site: its header, its table as a table, no raw
    // Markdown, and a way back to the item that cites it.
    let sample = read(out.join("files/1-申请书-样表.md.html"));
    assert!(sample.contains("申请人：张三（示例）"), "{sample}");
    assert!(sample.contains(r#"<header class="site">"#), "{sample}");
    assert!(
        sample.contains(r#"<a href="../items/1-00977-001-01.html">"#),
        "{sample}"
    );
    for raw in ["# ", "**", "| ---", "<pre"] {
        assert!(!sample.contains(raw), "sample page shows raw {raw:?}: {sample}");
    }
    assert!(sample.contains("<table>") && sample.contains("fill-note"), "{sample}");
    // A sample that cannot be published is not shown to citizens by its internal path.
    assert!(page.contains("样表暂未提供，可向窗口索取"));
    assert!(!page.contains("outside.txt"));
    assert!(
        !fs::read_dir(out.join("files"))
            .unwrap()
            .any(|e| e.unwrap().file_name().to_string_lossy().contains("outside"))
    );
}

#[test]
fn hostile_text_is_escaped_and_names_are_safe() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    publish(&out, &[]).success();
    // The code `../../evil<script>` cannot choose the file name.
    let page = read(out.join("items/2-evilscript.html"));
    assert!(page.contains("&lt;script&gt;alert("));
    assert!(page.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(!dir.path().join("evil").exists());
    // HTML pages and the stylesheet; the search index is JSON data loaded by <script src>, where
    // `<script>` inside a string literal is inert (its `</` is escaped all the same).
    for entry in walk(&out).into_iter().filter(|p| !p.ends_with("search-index.js")) {
        let text = fs::read_to_string(&entry).unwrap_or_default();
        assert!(!text.contains("<script>alert"), "{} has raw script", entry.display());
        assert!(!text.contains("<b>部门</b>"), "{} has raw markup", entry.display());
    }
    let index = read(out.join("assets/search-index.js"));
    assert!(index.contains("恶意事项") && !index.contains("</script>"));
}

#[test]
fn bundle_merges_materials_and_reports_unknown_codes() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    publish(&out, &[]).success();
    let page = read(out.join("bundles/1.html"));
    assert!(page.contains("一件事：开办餐饮店"));
    assert!(page.contains("申请材料（3 项）"), "{page}");
    assert!(page.contains("不存在-001"));
    let home = read(out.join("index.html"));
    assert!(home.contains(r#"href="bundles/1.html""#));
    assert!(home.contains("行政许可") && home.contains("groups/1.html") && home.contains("depts/"));
    assert!(read(out.join("search.html")).contains(r#"<script src="assets/search-index.js"></script>"#));
}

#[test]
fn templates_directory_overrides_files() {
    let dir = tempfile::tempdir().unwrap();
    let tpl = dir.path().join("tpl");
    fs::create_dir(&tpl).unwrap();
    fs::write(tpl.join("style.css"), "body { color: #123456; }\n").unwrap();
    fs::write(
        tpl.join("item.html"),
        "{% extends \"base.html\" %}{% block main %}<h1>省定制：{{ item.name }}</h1>{% endblock %}",
    )
    .unwrap();
    let out = dir.path().join("site");
    publish(&out, &["--templates", tpl.to_str().unwrap()]).success();
    assert_eq!(read(out.join("assets/style.css")), "body { color: #123456; }\n");
    assert!(read(out.join("items/1-00977-001-01.html")).contains("<h1>省定制：食品经营许可（新办）</h1>"));
    assert!(read(out.join("items/2-evilscript.html")).contains("&lt;script&gt;"));
    // Untouched templates keep the built-in text.
    assert!(read(out.join("index.html")).contains("按实施主体"));
}

#[test]
fn broken_template_is_an_error_with_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let tpl = dir.path().join("tpl");
    fs::create_dir(&tpl).unwrap();
    fs::write(tpl.join("index.html"), "<p>\n{% for x in %}</p>").unwrap();
    publish(&dir.path().join("site"), &["--templates", tpl.to_str().unwrap()])
        .code(2)
        .stderr(predicates::str::contains("index.html:2"));
}

#[cfg(feature = "docx")]
/// The text of one part of a docx, checked to be well-formed XML.
fn docx_part(path: &Path, part: &str) -> String {
    let mut zip = zip::ZipArchive::new(fs::File::open(path).unwrap()).unwrap();
    let mut f = zip
        .by_name(part)
        .unwrap_or_else(|_| panic!("{} has no {part}", path.display()));
    // Compressed, not stored.
    assert_eq!(f.compression(), zip::CompressionMethod::Deflated, "{part} is stored");
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut f, &mut xml).unwrap();
    if let Err(e) = roxmltree::Document::parse(&xml) {
        panic!("{part} of {} is not XML: {e}", path.display());
    }
    xml
}

#[test]
fn word_documents() {
    let dir = tempfile::tempdir().unwrap();
    publish(&dir.path().join("one"), &["--format", "docx"]).success();
    let doc = dir.path().join("one/测试区政务服务事项清单办事指南.docx");
    let xml = docx_part(&doc, "word/document.xml");
    assert!(xml.contains("测试区政务服务事项清单办事指南"));
    assert!(xml.contains("食品经营许可（新办）") && xml.contains("纠错要点"));
    assert!(xml.contains("&lt;script&gt;"), "text must stay text in XML");
    // Headings by style (navigation pane, TOC), a TOC field, grid tables the text width with
    // a repeated header row.
    assert!(xml.contains(r#"<w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t xml:space="preserve">食品经营许可（新办）"#));
    assert!(xml.contains(r#"<w:pStyle w:val="Heading2"/>"#));
    assert!(xml.contains(r#"TOC \o "1-1""#), "no table of contents");
    assert!(xml.contains(r#"<w:tblStyle w:val="TableGrid"/><w:tblW w:w="9638" w:type="dxa"/>"#));
    assert!(xml.contains("<w:tblHeader/>"));
    assert!(xml.contains(r#"<w:pgSz w:w="11906" w:h="16838"/>"#), "not A4");
    // The sample by its name, not the catalog's path.
    assert!(xml.contains("样表：申请书-样表") && !xml.contains("samples/"));
    let styles = docx_part(&doc, "word/styles.xml");
    assert!(styles.contains(r#"<w:name w:val="heading 1"/>"#) && styles.contains(r#"<w:outlineLvl w:val="0"/>"#));
    assert!(styles.contains(r#"w:eastAsia="宋体""#), "no East-Asian font set");
    let footer = docx_part(&doc, "word/footer1.xml");
    assert!(
        footer.contains(" PAGE ") && footer.contains(" NUMPAGES "),
        "no page numbers"
    );
    assert!(docx_part(&doc, "word/header1.xml").contains("测试区政务服务事项清单办事指南（2024-06 版）"));
    assert!(docx_part(&doc, "word/settings.xml").contains("updateFields"));

    publish(&dir.path().join("split"), &["--format", "docx", "--split"]).success();
    let mut names: Vec<String> = fs::read_dir(dir.path().join("split"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "1-食品经营许可（新办）.docx",
            "2-_script_alert('xss')__script_恶意事项.docx"
        ]
    );
}

#[test]
fn control_characters_keep_the_word_xml_valid() {
    let dir = tempfile::tempdir().unwrap();
    let cat = dir.path().join("c.yaml");
    fs::write(
        &cat,
        "catalog:\n  title: \"控制\\u0001字符\"\nitems:\n  - code: A-1\n    name: \"事项\\u0000名\\uFFFE称\\u001F\"\n    \
         scenarios:\n      - name: \"情形\\u0008\"\n        materials:\n          - name: \"材料\\u000B\"\n",
    )
    .unwrap();
    Command::cargo_bin("catalog")
        .unwrap()
        .args(["publish", "--allow-errors", "-f", "docx", "--out"])
        .arg(dir.path().join("out"))
        .arg(&cat)
        .assert()
        .success();
    let doc = fs::read_dir(dir.path().join("out"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    for part in ["word/document.xml", "word/header1.xml", "docProps/core.xml"] {
        let xml = docx_part(&doc, part);
        assert!(!xml.contains('\u{1}') && !xml.contains('\u{FFFE}'), "{part}");
    }
    assert!(docx_part(&doc, "word/document.xml").contains("事项名称"));
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn output_path_that_is_a_file_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("taken");
    fs::write(&file, "x").unwrap();
    publish(&file, &[])
        .code(2)
        .stderr(predicates::str::contains("无法创建输出目录"));
}

#[cfg(feature = "pdf")]
#[test]
fn pdf_documents() {
    let dir = tempfile::tempdir().unwrap();
    publish(&dir.path().join("pdf"), &["--format", "pdf", "--split"]).success();
    let bytes = fs::read(dir.path().join("pdf/1-00977-001-01.pdf")).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    assert!(dir.path().join("pdf/2-evilscript.pdf").is_file());
}

#[test]
fn catalog_with_errors_is_not_published_unless_allowed() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let a = Command::cargo_bin("catalog")
        .unwrap()
        .args(["publish", FIXTURE, "--out"])
        .arg(&out)
        .assert()
        .code(1);
    let err = String::from_utf8_lossy(&a.get_output().stderr).into_owned();
    // Each error is listed with its place and code, then what to do.
    assert!(err.contains("catalog.yaml:66:52: 错误 U001"), "{err}");
    assert!(err.contains("catalog.yaml:10:5: 错误 T020"), "{err}");
    assert!(err.contains("未发布") && err.contains("--allow-errors"), "{err}");
    assert!(!out.join("index.html").exists(), "a refused site must not be written");
    publish(&out, &[]).success();
    assert!(out.join("index.html").is_file());
}

/// Text between `from` and the next `to` in `page`.
fn between<'a>(page: &'a str, from: &str, to: &str) -> &'a str {
    let rest = page
        .split(from)
        .nth(1)
        .unwrap_or_else(|| panic!("no {from:?} in {page}"));
    rest.split(to).next().unwrap()
}

#[test]
fn bundle_lists_each_material_once_per_situation_with_totals() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    Command::cargo_bin("catalog")
        .unwrap()
        .args(["publish", "tests/fixtures/publish/bundle", "--allow-errors", "--out"])
        .arg(&out)
        .assert()
        .success();
    let page = read(out.join("bundles/1.html"));
    // Totals: 即办 + 3 + 5 working days, 0 + 1 + 1 visits.
    assert!(page.contains("<strong>8 个工作日</strong>"), "{page}");
    assert!(page.contains("<strong>2 次</strong>"), "{page}");
    assert!(page.contains("<strong>3 步</strong>"), "{page}");
    // Step 1: what both situations need once, then what each adds.
    let step1 = between(&page, r#"id="step1""#, "</section>");
    assert_eq!(step1.matches("个体工商户登记申请书").count(), 1, "{step1}");
    assert!(step1.contains("各情形都需要的材料（2 项）"), "{step1}");
    assert!(step1.contains("情形“委托代理人申请”另需（1 项）"), "{step1}");
    assert!(between(step1, "委托代理人申请”另需", "</table>").contains("授权委托书"));
    assert!(!between(step1, "经营者本人申请”另需", "</table>").contains("授权委托书"));
    // Step 2: 营业执照 is step 1's result, without form or copies; 食堂承包经营合同 only under 单位食堂.
    let step2 = between(&page, r#"id="step2""#, "</section>");
    let licence = between(step2, "营业执照</td>", "</tr>");
    assert!(licence.contains("第 1 步办结后取得，无需另备"), "{licence}");
    assert!(!licence.contains("原件") && !licence.contains("1 份"), "{licence}");
    assert!(!between(step2, "各情形都需要", "</table>").contains("食堂承包经营合同"));
    assert!(between(step2, "情形“单位食堂”另需", "</table>").contains("食堂承包经营合同"));
    // Step 3: 营业执照复印件 is also step 1's result; the floor plan was listed at step 2.
    let step3 = between(&page, r#"id="step3""#, "</section>");
    assert!(between(step3, "营业执照复印件</td>", "</tr>").contains("第 1 步办结后取得"));
    assert!(
        step3.contains("另需前面步骤已列出的：经营场所平面布局图（第 2 步）"),
        "{step3}"
    );
    assert_eq!(page.matches(r#"<td class="mname">经营场所平面布局图</td>"#).count(), 1);
}

#[test]
fn item_page_is_for_the_citizen() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    Command::cargo_bin("catalog")
        .unwrap()
        .args(["publish", "tests/fixtures/publish/bundle", "--allow-errors", "--out"])
        .arg(&out)
        .assert()
        .success();
    let page = read(out.join("items/1-00321-001-01.html"));
    // Where and when, near the top.
    let top = between(&page, "<h1>", "class=\"scenario\"");
    assert!(top.contains("办理地点：</span>县行政服务中心一楼 3 号窗口"), "{top}");
    assert!(top.contains("办理时间：</span>工作日 9:00-17:00"), "{top}");
    // Two situations: the citizen chooses one (item.js shows only it).
    assert!(top.contains(r#"<fieldset class="chooser""#), "{top}");
    assert!(top.contains(r#"value="s2"> 委托代理人申请"#), "{top}");
    assert!(page.contains(r#"<script src="../assets/item.js"></script>"#));
    assert!(out.join("assets/item.js").is_file());
    // The office's fields stay off the citizen's page; 0-day steps happen on the spot.
    for internal in [
        "<th scope=\"row\">主项</th>",
        "清单类别",
        "实施编码",
        "监管责任",
        "0 个工作日",
    ] {
        assert!(!page.contains(internal), "citizen page shows {internal}");
    }
    assert!(page.contains("<td>当场</td>"), "{page}");
    // A shared material is not asked for as 原件 1 份.
    let id = between(&page, "经营者居民身份证</td>", "</tr>");
    assert!(
        id.contains("无需提交") && !id.contains("1 份") && !id.contains("原件"),
        "{id}"
    );
    // One situation: no chooser, no script.
    let food = read(out.join("items/3-00233-001-01.html"));
    assert!(!food.contains("chooser") && !food.contains("item.js"));
}

#[test]
fn republishing_removes_pages_of_removed_items() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let run = |fixture: &str| {
        Command::cargo_bin("catalog")
            .unwrap()
            .args(["publish", fixture, "--allow-errors", "--out"])
            .arg(&out)
            .assert()
            .success()
    };
    run("tests/fixtures/publish/bundle");
    assert!(out.join("items/2-00977-001-01.html").is_file());
    assert!(out.join("items/3-00233-001-01.html").is_file());
    fs::write(out.join("README.txt"), "not ours").unwrap();
    let a = run(FIXTURE);
    assert!(String::from_utf8_lossy(&a.get_output().stderr).contains("删除了上次发布留下"));
    // Item 1 of the basic fixture has its own page; the bundle fixture's third item is gone.
    assert!(out.join("items/1-00977-001-01.html").is_file());
    assert!(!out.join("items/3-00233-001-01.html").exists());
    assert!(!out.join("items/2-00977-001-01.html").exists());
    assert!(
        out.join("README.txt").is_file(),
        "files outside the site's folders stay"
    );
}

#[test]
fn export_system_keys_stay_off_the_page_and_a_web_address_becomes_the_online_link() {
    let dir = tempfile::tempdir().unwrap();
    let cat = dir.path().join("c.yaml");
    fs::write(
        &cat,
        "items:\n  - code: 许可-00001-000\n    name: 示例事项\n    online_depth: 全程网办\n    \
         温馨提示: 周末不办理\n    ORGCODE: \"747050516\"\n    URL: https://example.org/apply?id=1\n",
    )
    .unwrap();
    let out = dir.path().join("site");
    Command::cargo_bin("catalog")
        .unwrap()
        .args(["publish", "--allow-errors", "--out"])
        .arg(&out)
        .arg(&cat)
        .assert()
        .success();
    let page = read(out.join("items/1-00001-000.html"));
    assert!(
        page.contains(r#"<a class="online" href="https://example.org/apply?id=1" rel="noopener">在线办理</a>"#),
        "{page}"
    );
    assert!(page.contains("温馨提示") && page.contains("周末不办理"), "{page}");
    assert!(!page.contains("ORGCODE") && !page.contains("747050516"), "{page}");
}

/// A sheet's 网上办理地址 (办事指南链接, 在线办理地址 …) is a field, not an unknown column: the page
/// links it once, at the top, and lint says nothing of the column.
#[test]
fn an_online_address_column_is_the_pages_online_link() {
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("指南.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    let rows = [
        [
            "序号",
            "事项编码",
            "事项名称",
            "事项类型",
            "实施主体",
            "网上办理深度",
            "办事指南链接",
        ],
        [
            "1",
            "许可-00002-000",
            "示例许可",
            "行政许可",
            "某县行政审批局",
            "全程网办",
            "https://zwfw.example.gov.cn/guide?id=2",
        ],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(r as u32, c as u16, *v).unwrap();
        }
    }
    wb.save(&xlsx).unwrap();
    let lint = Command::cargo_bin("catalog")
        .unwrap()
        .args(["lint", "-f", "json"])
        .arg(&xlsx)
        .output()
        .unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&lint.stdout).unwrap();
    let f001 = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "F001")
        .count();
    assert_eq!(f001, 0, "{doc:#}");
    let out = dir.path().join("site");
    Command::cargo_bin("catalog")
        .unwrap()
        .args(["publish", "--allow-errors", "--out"])
        .arg(&out)
        .arg(&xlsx)
        .assert()
        .success();
    let page = read(out.join("items/1-00002-000.html"));
    let link = r#"<a class="online" href="https://zwfw.example.gov.cn/guide?id=2" rel="noopener">在线办理</a>"#;
    assert_eq!(page.matches(link).count(), 1, "{page}");
    assert!(
        !page.contains("网上办理地址"),
        "shown as the link, not again as a row: {page}"
    );
}
