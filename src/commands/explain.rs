//! `catalog explain CODE`: a rule's page — what, why, how to fix, example.

use super::print;
use crate::cli::ExplainArgs;
use crate::error::Error;
use crate::i18n::{Lang, lang};

pub fn run(args: ExplainArgs) -> Result<u8, Error> {
    let want = args.code.trim();
    let cfg = crate::config::Config::discover(args.config.as_deref(), &[])?;
    let metas: Vec<_> = cfg.all_rules()?.iter().map(|r| r.meta()).collect();
    let Some(m) = metas
        .iter()
        .find(|m| m.code.eq_ignore_ascii_case(want) || m.name == want)
    else {
        let hint = crate::suggest::closest(
            want,
            metas
                .iter()
                .map(|m| m.code.as_ref())
                .chain(metas.iter().map(|m| m.name.as_ref())),
        );
        let (zh, en) = match hint {
            Some(h) => (
                format!("没有规则 “{want}”；是否想找 {h}？"),
                format!("no rule '{want}'; did you mean {h}?"),
            ),
            None => (
                format!("没有规则 “{want}”；运行 catalog rules 查看全部规则"),
                format!("no rule '{want}'; run `catalog rules` to list them"),
            ),
        };
        return Err(Error::plain(None, zh, en));
    };
    let page = match lang() {
        Lang::Zh => &m.page.zh,
        Lang::En => &m.page.en,
    };
    let head = match lang() {
        Lang::Zh => format!(
            "# {} {} — {}\n\n类别：{}　默认级别：{}\n\n",
            m.code,
            m.name,
            m.summary.zh,
            m.family.zh(),
            m.severity.zh()
        ),
        Lang::En => format!(
            "# {} {} — {}\n\nFamily: {}   Default severity: {}\n\n",
            m.code,
            m.name,
            m.summary.en,
            m.family.en(),
            m.severity.as_str()
        ),
    };
    // A terminal gets the page rendered (headings, indented examples, colour); a pipe or a file
    // gets the Markdown itself, for docs and tools.
    let page = format!("{head}{page}\n");
    if std::io::IsTerminal::is_terminal(&std::io::stdout()) {
        let color = std::env::var_os("NO_COLOR").is_none();
        print(&crate::report::terminal_md::render(&page, color));
    } else {
        print(&page);
    }
    Ok(0)
}
