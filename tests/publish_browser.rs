//! A real browser over the published sample catalog: the offline search finds a Chinese item
//! name and an item page shows its materials. Screenshots go to tests/artifacts/.
//!
//! Skips (loudly) only when /usr/bin/chromium is missing and CATALOG_REQUIRE_BROWSER is unset.

use assert_cmd::Command;
use std::path::{Path, PathBuf};

const CHROMIUM: &str = "/usr/bin/chromium";

fn browser() -> Option<PathBuf> {
    let path = std::env::var_os("CATALOG_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(CHROMIUM));
    if path.is_file() {
        return Some(path);
    }
    if std::env::var_os("CATALOG_REQUIRE_BROWSER").is_some() {
        panic!("CATALOG_REQUIRE_BROWSER is set but {} does not exist", path.display());
    }
    eprintln!(
        "\n*** SKIPPED: no browser at {} — install chromium (apt-get install -y chromium) to run the browser test ***\n",
        path.display()
    );
    None
}

fn chromium(bin: &Path, profile: &Path, args: &[&str], url: &str) -> String {
    let out = std::process::Command::new(bin)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--disable-sync",
            "--allow-file-access-from-files",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(url)
        .output()
        .expect("run chromium");
    assert!(
        out.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn file_url(p: &Path) -> String {
    // Percent-encode everything but unreserved characters and '/', so Chinese paths work too.
    let mut s = String::from("file://");
    for b in p.to_string_lossy().bytes() {
        if b.is_ascii_alphanumeric() || b"/-_.~".contains(&b) {
            s.push(b as char);
        } else {
            s.push_str(&format!("%{b:02X}"));
        }
    }
    s
}

#[test]
fn search_finds_a_chinese_item_and_the_item_page_shows_materials() {
    let Some(bin) = browser() else { return };
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let catalog = Path::new(env!("CARGO_MANIFEST_DIR")).join("catalogs/luchengqu");
    Command::cargo_bin("catalog")
        .unwrap()
        .arg("publish")
        .arg("--allow-errors")
        .arg(&catalog)
        .arg("--out")
        .arg(&site)
        .assert()
        .success();
    let profile = dir.path().join("profile");
    let artifacts = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/artifacts");
    std::fs::create_dir_all(&artifacts).unwrap();

    // The search page runs the query from ?q= on load; the dump holds the result list.
    let query = "食品经营许可";
    let enc: String = query.bytes().map(|b| format!("%{b:02X}")).collect();
    let dom = chromium(
        &bin,
        &profile,
        &["--dump-dom", "--virtual-time-budget=5000"],
        &format!("{}?q={enc}", file_url(&site.join("search.html"))),
    );
    let results = dom
        .split(r#"<ol id="results""#)
        .nth(1)
        .expect("results list in the DOM");
    let results = results.split("</ol>").next().unwrap();
    assert!(results.contains("<li>"), "search found nothing: {results}");
    assert!(results.contains(query), "search results lack {query}: {results}");
    assert!(dom.contains("找到 "), "status line missing");

    // Follow the first result to its item page.
    let href = results.split(r#"href=""#).nth(1).unwrap().split('"').next().unwrap();
    let item = site.join(href);
    assert!(item.is_file(), "{href} does not exist");
    let page = chromium(&bin, &profile, &["--dump-dom"], &file_url(&item));
    assert!(page.contains("申请材料（"), "item page has no material table");
    assert!(page.contains(r#"class="mname""#));

    chromium(
        &bin,
        &profile,
        &[
            &format!("--screenshot={}", artifacts.join("home.png").display()),
            "--window-size=1280,900",
        ],
        &file_url(&site.join("index.html")),
    );
    chromium(
        &bin,
        &profile,
        &[
            &format!("--screenshot={}", artifacts.join("item.png").display()),
            "--window-size=1280,900",
        ],
        &file_url(&item),
    );
    for shot in ["home.png", "item.png"] {
        let len = std::fs::metadata(artifacts.join(shot)).map(|m| m.len()).unwrap_or(0);
        assert!(len > 10_000, "{shot} looks empty ({len} bytes)");
    }
}

/// Pages of a PDF Chromium printed (its page objects are written uncompressed).
fn pdf_pages(pdf: &Path) -> usize {
    let bytes = std::fs::read(pdf).unwrap();
    let needle = b"/Type /Page";
    bytes
        .windows(needle.len() + 1)
        .filter(|w| &w[..needle.len()] == needle && !w[needle.len()].is_ascii_alphabetic())
        .count()
}

/// Print `url` to `pdf` on A4 (the page's own @page rule) and, when poppler's pdftoppm is
/// there, each page to `pdf`-N.png for a person to look at.
fn print(bin: &Path, profile: &Path, url: &str, pdf: &Path) -> usize {
    chromium(
        bin,
        profile,
        &[
            &format!("--print-to-pdf={}", pdf.display()),
            "--no-pdf-header-footer",
            "--virtual-time-budget=3000",
        ],
        url,
    );
    let text = std::fs::read(pdf).unwrap();
    assert!(
        String::from_utf8_lossy(&text).contains("/MediaBox [0 0 594.95996 841.91998]"),
        "{} is not A4",
        pdf.display()
    );
    let _ = std::process::Command::new("pdftoppm")
        .args(["-r", "60", "-png"])
        .arg(pdf)
        .arg(pdf.with_extension(""))
        .status();
    pdf_pages(pdf)
}

#[test]
fn every_item_prints_on_at_most_two_a4_pages_and_the_situation_is_chosen() {
    let Some(bin) = browser() else { return };
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let catalog = Path::new(env!("CARGO_MANIFEST_DIR")).join("catalogs/luchengqu");
    Command::cargo_bin("catalog")
        .unwrap()
        .args(["publish", "--allow-errors"])
        .arg(&catalog)
        .arg("--out")
        .arg(&site)
        .assert()
        .success();
    let profile = dir.path().join("profile");
    let artifacts = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/artifacts/print");
    std::fs::create_dir_all(&artifacts).unwrap();

    // Search finds situations, materials, departments by the short names people use and a
    // citizen's word through the synonym list, and marks what matched.
    for (query, expect) in [
        ("餐饮", "食品经营许可（新办）"),
        ("营业执照", "营业执照"),
        ("市场监管局", "食品经营许可"),
        ("人社局", "劳务派遣经营许可"),
        ("开店", "个体工商户设立登记"),
    ] {
        let enc: String = query.bytes().map(|b| format!("%{b:02X}")).collect();
        let dom = chromium(
            &bin,
            &profile,
            &["--dump-dom", "--virtual-time-budget=5000"],
            &format!("{}?q={enc}", file_url(&site.join("search.html"))),
        );
        let results = dom.split(r#"<ol id="results""#).nth(1).expect("results list");
        let results = results.split("</ol>").next().unwrap();
        assert!(results.contains("<li>"), "{query}: nothing found");
        let text = results.replace("<mark>", "").replace("</mark>", "");
        assert!(text.contains(expect), "{query}: no {expect} in {results}");
        assert!(results.contains("<mark>"), "{query}: nothing highlighted");
    }

    // The chooser shows one situation; a link to #s3 opens the third.
    let food = site.join("items/37-00977-001-01.html");
    let dom = chromium(
        &bin,
        &profile,
        &["--dump-dom", "--virtual-time-budget=3000"],
        &file_url(&food),
    );
    // The opening tag of the section with this id, as the browser left it.
    fn tag<'a>(dom: &'a str, id: &str) -> &'a str {
        let at = dom.find(&format!(r#"id="{id}""#)).unwrap_or_else(|| panic!("no {id}"));
        let start = dom[..at].rfind('<').unwrap();
        let end = at + dom[at..].find('>').unwrap();
        &dom[start..=end]
    }
    assert!(!tag(&dom, "s1").contains("hidden"), "{}", tag(&dom, "s1"));
    assert!(tag(&dom, "s2").contains("hidden") && tag(&dom, "s3").contains("hidden"));
    let dom3 = chromium(
        &bin,
        &profile,
        &["--dump-dom", "--virtual-time-budget=3000"],
        &format!("{}#s3", file_url(&food)),
    );
    assert!(tag(&dom3, "s1").contains("hidden") && !tag(&dom3, "s3").contains("hidden"));

    // The longest item pages (most text) print on one or two A4 pages.
    let mut items: Vec<(u64, PathBuf)> = std::fs::read_dir(site.join("items"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| (std::fs::metadata(&p).unwrap().len(), p))
        .collect();
    items.sort();
    for (_, page) in items.iter().rev().take(6) {
        let name = page.file_stem().unwrap().to_string_lossy().into_owned();
        let pdf = artifacts.join(format!("item-{name}.pdf"));
        let n = print(&bin, &profile, &file_url(page), &pdf);
        assert!((1..=2).contains(&n), "{name} prints on {n} pages");
    }
    // A bundle and a sample print too (on A4, checked inside print()).
    print(
        &bin,
        &profile,
        &file_url(&site.join("bundles/1.html")),
        &artifacts.join("bundle.pdf"),
    );
    let sample = std::fs::read_dir(site.join("files"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().contains("食品经营许可申请书") && p.extension().is_some_and(|e| e == "html"))
        .expect("sample page");
    assert_eq!(
        print(&bin, &profile, &file_url(&sample), &artifacts.join("sample.pdf")),
        1
    );
}
