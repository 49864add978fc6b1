//! clap's usage errors in Chinese. clap words its errors in English only; in the default
//! language they are said again here from the error's kind and context (the argument, the
//! value, the choices, clap's suggestion), so a clerk never reads "error: unexpected argument"
//! beside the tool's own 错误：.

use clap::error::{ContextKind, ContextValue, ErrorKind};

/// The language asked for on the command line or in CATALOG_LANG, read before clap parses
/// (a usage error means clap never got that far).
pub fn english_wanted(args: &[String]) -> bool {
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if a == "--lang" {
            return it.next().is_some_and(|v| v == "en");
        }
        if let Some(v) = a.strip_prefix("--lang=") {
            return v == "en";
        }
    }
    std::env::var("CATALOG_LANG").is_ok_and(|v| v == "en")
}

fn value(e: &clap::Error, k: ContextKind) -> Option<String> {
    match e.get(k)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(v) => Some(v.join("、")),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        ContextValue::StyledStrs(v) => Some(v.iter().map(|s| s.to_string()).collect::<Vec<_>>().join("、")),
        ContextValue::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// clap's help and version text with its English headings and built-in lines said in Chinese
/// (the tool's own option texts are Chinese already); `None` for anything but help or version.
pub fn help_in_chinese(e: &clap::Error) -> Option<String> {
    if !matches!(
        e.kind(),
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        return None;
    }
    const WORDS: [(&str, &str); 8] = [
        ("Usage: ", "用法："),
        ("Options:", "选项："),
        ("Commands:", "命令："),
        ("Arguments:", "参数："),
        (
            "Print this message or the help of the given subcommand(s)",
            "显示本帮助或指定子命令的帮助",
        ),
        ("Print help (see a summary with '-h')", "显示帮助（-h 显示摘要）"),
        ("Print help (see more with '--help')", "显示帮助（--help 显示详细说明）"),
        ("Print version", "显示版本"),
    ];
    let mut text = e.render().to_string();
    for (en, zh) in WORDS {
        text = text.replace(en, zh);
    }
    // clap wraps long lines, so a bracket's words may be split by a line break and indent.
    let brackets = regex::Regex::new(r"\[(possible\s+values|default|aliases):\s+").expect("fixed pattern");
    let text = brackets.replace_all(&text, |c: &regex::Captures| {
        match c[1].split_whitespace().next() {
            Some("possible") => "[可选值：",
            Some("default") => "[默认：",
            _ => "[别名：",
        }
        .to_string()
    });
    Some(text.replace("Print help", "显示帮助"))
}

/// The error in Chinese, with clap's usage line and a pointer to --help; `None` for help and
/// version output, which are not errors.
pub fn chinese(e: &clap::Error) -> Option<String> {
    let arg = value(e, ContextKind::InvalidArg).unwrap_or_default();
    let val = value(e, ContextKind::InvalidValue).unwrap_or_default();
    let msg = match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            return None;
        }
        ErrorKind::UnknownArgument => format!("不认识的参数“{arg}”"),
        ErrorKind::InvalidSubcommand => {
            format!(
                "没有子命令“{}”",
                value(e, ContextKind::InvalidSubcommand).unwrap_or_default()
            )
        }
        ErrorKind::InvalidValue if val.is_empty() => format!("参数 {arg} 需要一个值"),
        ErrorKind::InvalidValue => match value(e, ContextKind::ValidValue) {
            Some(valid) => format!("参数 {arg} 的值“{val}”无效，可选：{valid}"),
            None => format!("参数 {arg} 的值“{val}”无效"),
        },
        ErrorKind::ValueValidation => format!("参数 {arg} 的值“{val}”无效"),
        ErrorKind::MissingRequiredArgument => format!("缺少必需的参数：{arg}"),
        ErrorKind::MissingSubcommand => "缺少子命令".to_string(),
        ErrorKind::ArgumentConflict => match value(e, ContextKind::PriorArg) {
            Some(prior) => format!("参数 {arg} 不能与 {prior} 同时使用"),
            None if !arg.is_empty() => format!("参数 {arg} 与其他参数冲突"),
            // A conflict raised by our own argument checks carries its own (bilingual) text.
            None => return Some(format!("错误：{}", own_text(e))),
        },
        ErrorKind::TooManyValues => format!("参数 {arg} 的值太多：“{val}”"),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => format!("参数 {arg} 的值的个数不对"),
        ErrorKind::NoEquals => format!("参数 {arg} 的值要用 = 连接"),
        ErrorKind::Io | ErrorKind::Format => "无法输出".to_string(),
        _ => own_text(e),
    };
    let mut out = format!("错误：{msg}\n");
    let suggestion = value(e, ContextKind::SuggestedArg)
        .or_else(|| value(e, ContextKind::SuggestedSubcommand))
        .or_else(|| value(e, ContextKind::SuggestedValue));
    if let Some(s) = suggestion {
        out.push_str(&format!("\n  提示：是不是要用“{s}”？\n"));
    }
    if let Some(t) = value(e, ContextKind::TrailingArg) {
        out.push_str(&format!("\n  提示：要把“{t}”当作值而不是参数，写成“-- {t}”\n"));
    }
    if let Some(u) = value(e, ContextKind::Usage) {
        out.push_str(&format!("\n{}\n", u.replacen("Usage: ", "用法：", 1)));
    }
    out.push_str("\n更多信息请用 --help。\n");
    Some(out)
}

/// clap's own message line without its "error: " lead (for raw errors built with our text).
fn own_text(e: &clap::Error) -> String {
    let s = e.render().to_string();
    let first = s.lines().next().unwrap_or("").trim();
    first.strip_prefix("error: ").unwrap_or(first).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    fn err(args: &[&str]) -> String {
        let e = crate::cli::Cli::try_parse_from(args).expect_err("a usage error");
        chinese(&e).expect("an error, not help")
    }

    #[test]
    fn usage_errors_in_chinese() {
        let s = err(&["catalog", "lint", "--bogus"]);
        assert!(s.starts_with("错误：不认识的参数“--bogus”"), "{s}");
        assert!(
            s.contains("用法：") && !s.contains("Usage:") && !s.contains("error:"),
            "{s}"
        );
        let s = err(&["catalog", "lnt"]);
        assert!(s.contains("没有子命令“lnt”") && s.contains("是不是要用“lint”"), "{s}");
        let s = err(&["catalog", "publish", "x"]);
        assert!(s.contains("缺少必需的参数：--out <DIR>"), "{s}");
        let s = err(&["catalog", "lint", "--lang", "fr"]);
        assert!(s.contains("参数 --lang <LANG> 的值“fr”无效，可选：zh、en"), "{s}");
        assert!(chinese(&crate::cli::Cli::try_parse_from(["catalog", "--help"]).unwrap_err()).is_none());
    }

    #[test]
    fn language_before_parsing() {
        let a = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert!(english_wanted(&a(&["catalog", "lint", "--lang", "en", "--bogus"])));
        assert!(english_wanted(&a(&["catalog", "--lang=en"])));
        assert!(!english_wanted(&a(&["catalog", "lint", "--bogus"])) || std::env::var("CATALOG_LANG").is_ok());
    }
}
