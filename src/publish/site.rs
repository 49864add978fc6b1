//! The static 办事指南 site: home page with the taxonomy as navigation, one page per item, per
//! department, per taxonomy group and per 一件事, an offline search and a print stylesheet.

use super::attach::Attachments;
use super::bundle;
use super::safe::{OutDir, item_file};
use super::sample_md;
use super::search;
use super::templates::Templates;
use super::view::*;
use crate::error::Error;
use crate::model::fields::F;
use crate::model::taxonomy::{RankField, Taxonomy, UNSET};
use crate::model::{Catalog, Item, Value};
use crate::safe::escape_html;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

pub struct SiteOptions<'a> {
    pub out: &'a Path,
    pub templates: Option<&'a Path>,
    /// The catalog paths given on the command line: samples are only copied from below them.
    pub inputs: &'a [PathBuf],
}

#[derive(Debug, Default)]
pub struct SiteStats {
    pub pages: usize,
    /// Files of an earlier publish no longer part of the site (pages of removed items …), deleted.
    pub removed: usize,
    pub items: usize,
    pub files_copied: usize,
    pub warnings: Vec<String>,
}

/// A link to an item in lists and search results.
#[derive(Clone, Debug, Serialize)]
pub struct ItemLink {
    pub href: String,
    pub name: String,
    pub code: String,
    pub department: String,
    pub phylum: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct NavNode {
    pub label: String,
    pub name: String,
    pub count: usize,
    pub href: Option<String>,
    pub children: Vec<NavNode>,
    /// The items of a leaf, listed on the home page itself when the catalog is small.
    pub items: Vec<ItemLink>,
}

#[derive(Serialize)]
struct ListGroup {
    name: String,
    items: Vec<ItemLink>,
}

#[derive(Serialize)]
struct ListPage<'a> {
    site: &'a SiteInfo,
    root: &'static str,
    kind: &'static str,
    title: String,
    path: Vec<String>,
    count: usize,
    groups: Vec<ListGroup>,
}

#[derive(Serialize)]
struct BundlePage<'a> {
    site: &'a SiteInfo,
    root: &'static str,
    title: String,
    rows: Vec<FieldRow>,
    missing: Vec<String>,
    steps: Vec<bundle::BundleStep>,
    totals: bundle::Totals,
}

#[derive(Serialize)]
struct ItemPage<'a> {
    site: &'a SiteInfo,
    root: &'static str,
    title: String,
    item: ItemView,
}

#[derive(Serialize)]
struct HomePage<'a> {
    site: &'a SiteInfo,
    root: &'static str,
    title: String,
    nav: Vec<NavNode>,
    departments: Vec<Link>,
    bundles: Vec<Link>,
}

#[derive(Serialize)]
struct SamplePage<'a> {
    site: &'a SiteInfo,
    root: &'static str,
    title: String,
    /// The sample rendered by [`sample_md`] (its raw HTML already made text).
    body: minijinja::Value,
    items: Vec<ItemLink>,
}

#[derive(Serialize)]
struct SearchPage<'a> {
    site: &'a SiteInfo,
    root: &'static str,
    title: String,
}

fn text_or(item: &Item, f: F) -> String {
    item.text(f).map(|s| s.trim().to_string()).unwrap_or_default()
}

pub fn link(item: &Item, href: String) -> ItemLink {
    ItemLink {
        href,
        name: item.name().map(str::trim).unwrap_or("（未命名事项）").to_string(),
        code: text_or(item, F::Code),
        department: text_or(item, F::Department),
        phylum: text_or(item, F::Phylum),
    }
}

/// The site's own directories: re-publishing deletes what it no longer writes there.
const SITE_DIRS: &[&str] = &["items", "groups", "depts", "bundles", "files", "assets"];

/// Publish the catalog as a site under `opts.out`.
pub fn publish(cat: &Catalog, tax: &Taxonomy, opts: &SiteOptions) -> Result<SiteStats, Error> {
    let tpl = Templates::load(opts.templates)?;
    // Read before anything is written, so a broken override leaves the site as it was.
    let terms = match tpl.data("search-terms.yaml") {
        Some((shown, text)) => search::Terms::parse(shown, text)?,
        None => search::Terms::default(),
    };
    let out = OutDir::create(opts.out)?;
    out.prepare_dirs(SITE_DIRS)?;
    let hrefs: Vec<String> = cat
        .items
        .iter()
        .enumerate()
        .map(|(i, it)| item_file(i + 1, it.code()))
        .collect();

    // Samples first, sequentially: each file is copied once however many items cite it.
    let mut att = Attachments::new(cat, opts.inputs);
    for (i, item) in cat.items.iter().enumerate() {
        for (_, m) in item.materials() {
            for f in [F::Sample, F::BlankForm] {
                if let Some((v, loc)) = m.fields.text_at(f)
                    && !v.trim().is_empty()
                {
                    att.resolve(&out, loc.file, v, i)?;
                }
            }
        }
    }

    let mut by_dept: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, it) in cat.items.iter().enumerate() {
        by_dept
            .entry(it.text(F::Department).unwrap_or(UNSET).trim().to_string())
            .or_default()
            .push(i);
    }
    let site = SiteInfo::new(cat, by_dept.len());

    // Which 一件事 each item belongs to (by code).
    let mut by_code: HashMap<&str, usize> = HashMap::new();
    for (i, it) in cat.items.iter().enumerate() {
        if let Some(c) = it.code() {
            by_code.entry(c.trim()).or_insert(i);
        }
    }
    let bundle_codes: Vec<Vec<String>> = cat
        .bundles
        .iter()
        .map(|b| {
            b.fields
                .list(F::BundleItems)
                .iter()
                .map(|s| s.value.trim().to_string())
                .collect()
        })
        .collect();
    let mut item_bundles: HashMap<usize, Vec<Link>> = HashMap::new();
    for (bi, codes) in bundle_codes.iter().enumerate() {
        for c in codes {
            if let Some(&i) = by_code.get(c.as_str()) {
                item_bundles.entry(i).or_default().push(Link {
                    href: format!("bundles/{}.html", bi + 1),
                    text: bundle_name(cat, bi),
                });
            }
        }
    }

    // Item pages, in parallel.
    let att = &att;
    cat.items
        .par_iter()
        .enumerate()
        .with_min_len(64)
        .try_for_each(|(i, item)| -> Result<(), Error> {
            let view = item_view(tax, att, i, item, &hrefs[i], item_bundles.get(&i));
            let page = ItemPage {
                site: &site,
                root: "../",
                title: view.name.clone(),
                item: view,
            };
            let html = tpl.render("item.html", &page)?;
            out.write(&hrefs[i], html.as_bytes())
        })?;
    let mut pages = cat.items.len();

    // Text samples as pages of the site, each linking back to the items that cite it.
    for t in &att.text_pages {
        let (body, title) = if t.markdown {
            let r = sample_md::render(&t.text);
            (r.html, r.title)
        } else {
            (format!("<pre class=\"sample\">{}</pre>", escape_html(&t.text)), None)
        };
        let page = SamplePage {
            site: &site,
            root: "../",
            title: title.unwrap_or_else(|| t.title.clone()),
            body: minijinja::Value::from_safe_string(body),
            items: t
                .items
                .iter()
                .map(|&i| link(&cat.items[i], format!("../{}", hrefs[i])))
                .collect(),
        };
        out.write(&t.page, tpl.render("sample.html", &page)?.as_bytes())?;
        pages += 1;
    }

    // Taxonomy groups and departments.
    let (nav, groups) = navigation(cat, tax, &hrefs);
    for (gi, (path, members)) in groups.iter().enumerate() {
        let page = list_page(cat, &site, &hrefs, "group", path.join(" › "), path.clone(), members);
        out.write(
            &format!("groups/{}.html", gi + 1),
            tpl.render("list.html", &page)?.as_bytes(),
        )?;
        pages += 1;
    }
    let mut departments = Vec::new();
    for (di, (dept, members)) in by_dept.iter().enumerate() {
        let href = format!("depts/{}.html", di + 1);
        let page = list_page(
            cat,
            &site,
            &hrefs,
            "department",
            dept.clone(),
            vec![dept.clone()],
            members,
        );
        out.write(&href, tpl.render("list.html", &page)?.as_bytes())?;
        departments.push(Link {
            href,
            text: format!("{dept}（{}）", members.len()),
        });
        pages += 1;
    }

    // 一件事.
    let mut bundles = Vec::new();
    for (bi, _) in cat.bundles.iter().enumerate() {
        let mut members = Vec::new();
        let mut missing = Vec::new();
        for c in &bundle_codes[bi] {
            match by_code.get(c.as_str()) {
                Some(&i) => members.push(i),
                None => missing.push(c.clone()),
            }
        }
        let (steps, totals) = bundle::steps(&cat.items, &members, &hrefs, att);
        let title = bundle_name(cat, bi);
        let page = BundlePage {
            site: &site,
            root: "../",
            title: title.clone(),
            rows: rows(&cat.bundles[bi].fields, &[F::BundleName, F::BundleItems]),
            missing,
            steps,
            totals,
        };
        let href = format!("bundles/{}.html", bi + 1);
        out.write(&href, tpl.render("bundle.html", &page)?.as_bytes())?;
        bundles.push(Link { href, text: title });
        pages += 1;
    }

    let home = HomePage {
        site: &site,
        root: "",
        title: site.title.clone(),
        nav,
        departments,
        bundles,
    };
    out.write("index.html", tpl.render("index.html", &home)?.as_bytes())?;
    let search = SearchPage {
        site: &site,
        root: "",
        title: "搜索事项".to_string(),
    };
    out.write("search.html", tpl.render("search.html", &search)?.as_bytes())?;
    pages += 2;
    for (name, text) in &tpl.assets {
        out.write(&format!("assets/{name}"), text.as_bytes())?;
    }
    let links: Vec<ItemLink> = cat
        .items
        .iter()
        .zip(&hrefs)
        .map(|(it, h)| link(it, h.clone()))
        .collect();
    out.write(
        "assets/search-index.js",
        search::index_js(&cat.items, &links, &terms).as_bytes(),
    )?;

    let removed = out.remove_stale(SITE_DIRS)?;
    Ok(SiteStats {
        removed,
        pages,
        items: cat.items.len(),
        files_copied: att.files_copied(),
        warnings: att.warnings.clone(),
    })
}

pub fn bundle_name(cat: &Catalog, bi: usize) -> String {
    cat.bundles[bi]
        .fields
        .text(F::BundleName)
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| format!("一件事 {}", bi + 1))
}

pub(crate) fn sample_of(att: &Attachments, m: &crate::model::Material, f: F) -> Option<Attachment> {
    let (v, loc) = m.fields.text_at(f)?;
    if v.trim().is_empty() {
        return None;
    }
    att.get(loc.file, v)
}

#[allow(clippy::too_many_arguments)]
fn list_page<'a>(
    cat: &Catalog,
    site: &'a SiteInfo,
    hrefs: &[String],
    kind: &'static str,
    title: String,
    path: Vec<String>,
    members: &[usize],
) -> ListPage<'a> {
    // Grouped by 主项 so a long department list stays scannable.
    let mut groups: Vec<ListGroup> = Vec::new();
    let mut at: HashMap<String, usize> = HashMap::new();
    for &i in members {
        let it = &cat.items[i];
        let key = it.main_item().unwrap_or(UNSET).trim().to_string();
        let gi = *at.entry(key.clone()).or_insert_with(|| {
            groups.push(ListGroup {
                name: key,
                items: Vec::new(),
            });
            groups.len() - 1
        });
        groups[gi].items.push(link(it, format!("../{}", hrefs[i])));
    }
    ListPage {
        site,
        root: "../",
        kind,
        title,
        path,
        count: members.len(),
        groups,
    }
}

/// The home page tree: every rank above 主项 (by default 界 › 门 › 纲), leaves linking to a
/// group page that lists the items.
/// A taxonomy path and the indices of the items under it.
type Group = (Vec<String>, Vec<usize>);

/// Up to this many items, the home page lists every item under its taxonomy leaf.
const HOME_ITEMS_MAX: usize = 2000;

fn navigation(cat: &Catalog, tax: &Taxonomy, hrefs: &[String]) -> (Vec<NavNode>, Vec<Group>) {
    let depth = tax
        .ranks
        .iter()
        .position(|r| {
            matches!(
                r.field,
                RankField::Scenario | RankField::Item(F::MainItem | F::SubItem | F::Name)
            )
        })
        .unwrap_or(tax.ranks.len())
        .max(1)
        .min(tax.ranks.len());
    let mut groups: Vec<Group> = Vec::new();
    let mut at: HashMap<Vec<String>, usize> = HashMap::new();
    for (i, it) in cat.items.iter().enumerate() {
        let path: Vec<String> = (0..depth)
            .map(|r| tax.value(r, it).unwrap_or(UNSET).trim().to_string())
            .collect();
        let gi = *at.entry(path.clone()).or_insert_with(|| {
            groups.push((path, Vec::new()));
            groups.len() - 1
        });
        groups[gi].1.push(i);
    }
    let mut roots: Vec<NavNode> = Vec::new();
    for (gi, (path, members)) in groups.iter().enumerate() {
        let mut level = &mut roots;
        for (r, name) in path.iter().enumerate() {
            let pos = match level.iter().position(|n| &n.name == name) {
                Some(p) => p,
                None => {
                    level.push(NavNode {
                        label: tax.ranks[r].def.label.clone(),
                        name: name.clone(),
                        count: 0,
                        href: None,
                        children: Vec::new(),
                        items: Vec::new(),
                    });
                    level.len() - 1
                }
            };
            let node = &mut level[pos];
            node.count += members.len();
            if r + 1 == path.len() {
                node.href = Some(format!("groups/{}.html", gi + 1));
                if cat.items.len() <= HOME_ITEMS_MAX {
                    node.items = members.iter().map(|&i| link(&cat.items[i], hrefs[i].clone())).collect();
                }
            }
            level = &mut node.children;
        }
    }
    (roots, groups)
}

fn item_view(
    tax: &Taxonomy,
    att: &Attachments,
    index: usize,
    item: &Item,
    href: &str,
    bundles: Option<&Vec<Link>>,
) -> ItemView {
    let scenarios = item
        .scenarios
        .iter()
        .enumerate()
        .map(|(si, s)| {
            let points: Vec<PointView> = s
                .acceptance_points
                .iter()
                .filter_map(|p| {
                    let text = p.fields.text(F::PointText).map(str::trim).unwrap_or("");
                    let fix = p
                        .fields
                        .text(F::Fix)
                        .map(|s| s.trim().to_string())
                        .filter(|s| !s.is_empty());
                    if text.is_empty() && fix.is_none() {
                        return None;
                    }
                    Some(PointView {
                        text: text.to_string(),
                        error_prone: p.fields.bool(F::ErrorProne).unwrap_or(false),
                        fix,
                        rows: rows(&p.fields, POINT_SKIP)
                            .into_iter()
                            .chain(extra_rows(&p.extra))
                            .collect(),
                    })
                })
                .collect();
            let materials = s
                .materials
                .iter()
                .map(|m| MaterialView {
                    name: m.name().unwrap_or("（未命名材料）").trim().to_string(),
                    summary: material_summary(&m.fields, !m.fields.bool(F::Shared).unwrap_or(false)),
                    rows: rows(&m.fields, MATERIAL_SKIP)
                        .into_iter()
                        .chain(extra_rows(&m.extra))
                        .collect(),
                    sample: sample_of(att, m, F::Sample),
                    blank_form: sample_of(att, m, F::BlankForm),
                    shared: m.fields.bool(F::Shared).unwrap_or(false),
                })
                .collect();
            let mut rows_ = rows(&s.fields, SCENARIO_SKIP);
            rows_.extend(extra_rows(&s.extra));
            ScenarioView {
                name: s
                    .name()
                    .map(|n| n.trim().to_string())
                    .unwrap_or_else(|| format!("情形 {}", si + 1)),
                rows: rows_,
                error_prone: points.iter().filter(|p| p.error_prone).count(),
                points,
                materials,
            }
        })
        .collect();
    let process = item
        .process
        .iter()
        .map(|st| StepView {
            step: st.fields.text(F::StepName).unwrap_or("").trim().to_string(),
            // A step of 0 days happens on the spot; "0 个工作日" reads like a mistake.
            days: st.fields.get(F::StepDays).map(|v| match v.value {
                Value::Num(0.0) => "当场".to_string(),
                Value::Int(0) => "当场".to_string(),
                ref other => format!("{} 个工作日", other.display()),
            }),
            by: st.fields.text(F::StepRole).map(|s| s.trim().to_string()),
            rows: rows(&st.fields, STEP_SKIP),
        })
        .collect();
    let supervision = item
        .supervision
        .iter()
        .map(|d| DutyView {
            department: d.fields.text(F::DutyDepartment).unwrap_or("").trim().to_string(),
            share: d
                .fields
                .get(F::Share)
                .and_then(|v| value_lines(F::Share, &v.value).pop()),
            lead: d.fields.bool(F::Lead).unwrap_or(false),
            duties: d
                .fields
                .list(F::Duties)
                .iter()
                .map(|s| s.value.trim().to_string())
                .collect(),
        })
        .collect();
    ItemView {
        index: index + 1,
        href: href.to_string(),
        code: text_or(item, F::Code),
        name: item.name().map(str::trim).unwrap_or("（未命名事项）").to_string(),
        department: text_or(item, F::Department),
        phylum: text_or(item, F::Phylum),
        path: item_path(tax, item),
        levels: item.levels().iter().map(|l| l.value.trim().to_string()).collect(),
        statutory: item.fields.time(F::Statutory).map(|t| t.value.raw.clone()),
        promised: item.fields.time(F::Promised).map(|t| t.value.raw.clone()),
        visits: item.fields.int(F::Visits).map(|v| v.value),
        fee: item.text(F::Fee).map(|s| s.trim().to_string()),
        sections: item_sections(item),
        scenarios,
        process,
        supervision,
        bundles: bundles.cloned().unwrap_or_default(),
        online: online_link(
            item.text(F::OnlineUrl),
            &item.extra,
            item.text(F::OnlineDepth),
            item.fields.bool(F::Online),
        ),
        place: item
            .text(F::Place)
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty()),
        hours: item
            .text(F::Hours)
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty()),
        phone: item
            .text(F::Phone)
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty()),
        extra: extra_rows(&item.extra),
    }
}
