use crate::diag::Severity;
use crate::model::{F, Item};
use crate::rules::{Ctx, Family, Out, Rule, RuleMeta};
use crate::{msg, page};
use std::path::Path;

/// ## 检查什么
/// 以相对路径给出的材料范例（或空白表格）文件必须存在于清单文件旁。
///
/// ## 为什么
/// 发布办事指南时会把样表复制到网站上；文件不存在，群众点开就是死链接，等于没有范例。
///
/// ## 如何修复
/// 把样表放到路径所指的位置（相对于引用它的清单文件），或改正路径中的错字。
///
/// ## 示例
/// ```yaml
/// sample: samples/营业执照-样表.pdf   # 文件不存在
/// ```
/// 改为：
/// ```yaml
/// sample: samples/营业执照-样本.pdf   # 与 samples/ 目录中的文件名一致
/// ```
/// ---
/// ## What it does
/// Checks that a sample (or blank form) given as a relative path exists next to the catalog file.
///
/// ## Why is this bad?
/// Publishing copies samples into the guide site; a missing file is a dead link for applicants.
///
/// ## How to fix
/// Put the file where the path points (relative to the catalog file that cites it) or fix the path.
///
/// ## Example
/// ```yaml
/// sample: samples/营业执照-样表.pdf   # no such file
/// ```
/// Use instead:
/// ```yaml
/// sample: samples/营业执照-样本.pdf
/// ```
pub struct SampleNotFound;

impl Rule for SampleNotFound {
    fn meta(&self) -> RuleMeta {
        RuleMeta::new(
            "T008",
            "sample-not-found",
            Family::Template,
            Severity::Error,
            "材料范例文件不存在",
            "sample file not found",
            page!(SampleNotFound),
        )
    }
    fn check_item(&self, cx: &Ctx, i: usize, item: &Item, out: &mut Out) {
        for (_, m) in item.materials() {
            for f in [F::Sample, F::BlankForm] {
                let Some((path, loc)) = m.fields.text_at(f) else {
                    continue;
                };
                if !looks_like_path(path) {
                    continue;
                }
                if cx.exists_beside(loc.file, path.trim()) == Some(false) {
                    let dir = cx.dir_of(loc).unwrap_or(std::path::Path::new("."));
                    let shown = if dir.as_os_str().is_empty() {
                        std::path::Path::new(".")
                    } else {
                        dir
                    };
                    out.item(i, loc, msg!("{}文件“{}”不存在", f.zh(), path; "{} file '{}' does not exist", f.key(), path))
                        .help(msg!("路径相对于清单文件所在目录：{}", shown.display(); "paths are relative to the catalog file's folder: {}", shown.display()));
                }
            }
        }
    }
}

/// A sample is a file reference when it is one token with a file extension (not a URL, not prose).
pub fn looks_like_path(s: &str) -> bool {
    let s = s.trim();
    if s.is_empty() || s.contains("://") || s.contains(char::is_whitespace) || s.chars().count() > 200 {
        return false;
    }
    Path::new(s)
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.len() <= 5 && e.chars().all(|c| c.is_ascii_alphanumeric()))
}
