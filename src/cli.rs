//! Command-line definitions only.

use crate::diag::Severity;
use crate::i18n::Lang;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(
    name = "catalog",
    version,
    about = "权力清单、责任清单与政务服务事项目录的标准化检查工具\nStandardize and lint government power/responsibility lists and service catalogs"
)]
pub struct Cli {
    /// 输出语言 / message language
    #[arg(long, global = true, value_enum, env = "CATALOG_LANG", default_value = "zh")]
    pub lang: Lang,
    /// 颜色 / colour
    #[arg(long, global = true, value_enum, default_value = "auto")]
    pub color: ColorChoice,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// 检查清单 / lint catalogs (default path: ./catalogs)
    Lint(LintArgs),
    /// 显示界门纲目科属种分类树 / print the taxonomy tree with item counts
    Tree(TreeArgs),
    /// 列出全部规则 / list every rule
    Rules(RulesArgs),
    /// 显示一条规则的说明 / show a rule's page
    Explain(ExplainArgs),
    /// 生成易错纠错清单 / write the checklist of error-prone points
    Checklist(ChecklistArgs),
    /// 发布办事指南网站或文档 / publish the service guide as a static site or documents
    Publish(PublishArgs),
}

/// Where the catalog comes from; shared by every command that reads one.
#[derive(Args, Debug, Clone)]
pub struct SourceArgs {
    /// 清单文件或目录 / catalog files or directories
    pub paths: Vec<PathBuf>,
    /// 分类文件（界门纲目科属种） / taxonomy file
    #[arg(long, value_name = "FILE")]
    pub taxonomy: Option<PathBuf>,
    /// CSV 编码 / force the CSV encoding (utf-8, gbk, gb18030)
    #[arg(long, value_name = "ENCODING")]
    pub encoding: Option<String>,
    /// 表格映射配置 / mapping profile for an unusual spreadsheet layout
    #[arg(long, value_name = "FILE")]
    pub profile: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LintFormat {
    /// 带源码片段的说明 / snippets with explanations
    Text,
    /// 每条一行 / one line per finding
    Concise,
    /// JSON（见 DESIGN.md 约定）
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

impl FailOn {
    pub fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Info => Some(Severity::Info),
            FailOn::Never => None,
        }
    }
}

#[derive(Args, Debug)]
pub struct LintArgs {
    #[command(flatten)]
    pub source: SourceArgs,
    /// 输出格式 / output format
    #[arg(long, short = 'f', value_enum, default_value = "text")]
    pub format: LintFormat,
    /// 达到该级别即以退出码 1 结束 / exit 1 when a finding reaches this severity
    #[arg(long, value_enum, default_value = "error")]
    pub fail_on: FailOn,
    /// 上级目录（四级四同比对） / upper-level catalog to check against
    #[arg(long, value_name = "PATH")]
    pub base: Option<PathBuf>,
    /// 按规则统计 / counts per rule
    #[arg(long)]
    pub statistics: bool,
    /// 只输出摘要 / print only the summary
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum TreeFormat {
    Text,
    Json,
}

#[derive(Args, Debug)]
pub struct TreeArgs {
    #[command(flatten)]
    pub source: SourceArgs,
    /// 显示的层数（1 = 只显示界） / number of ranks to show
    #[arg(long, short = 'd', default_value_t = 7)]
    pub depth: usize,
    #[arg(long, short = 'f', value_enum, default_value = "text")]
    pub format: TreeFormat,
}

#[derive(Args, Debug)]
pub struct RulesArgs {
    #[arg(long, short = 'f', value_enum, default_value = "text")]
    pub format: TreeFormat,
}

#[derive(Args, Debug)]
pub struct ExplainArgs {
    /// 规则代码或名称 / rule code or name, e.g. T005
    pub code: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ChecklistFormat {
    Xlsx,
    Markdown,
    Html,
}

#[derive(Args, Debug)]
pub struct ChecklistArgs {
    #[command(flatten)]
    pub source: SourceArgs,
    /// 输出格式（默认按 --output 的扩展名，否则 markdown） / output format (default: from --output, else markdown)
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<ChecklistFormat>,
    /// 输出文件（xlsx 必填；缺省写到标准输出） / output file (required for xlsx; stdout otherwise)
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// 不收录检查发现的材料问题 / leave out recurring material findings of the linter
    #[arg(long)]
    pub no_findings: bool,
    /// 同一规则至少在几个事项上出现才收录 / a finding is listed when its rule fires on this many items
    #[arg(long, default_value_t = 2, value_name = "N")]
    pub min_items: usize,
    /// 模板目录（覆盖内置 checklist.html） / template directory overriding the built-in ones
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum PublishFormat {
    /// 静态网站 / static site
    Html,
    /// Word 文档 / Word documents
    Docx,
    /// PDF 文档（需 cargo 特性 pdf） / PDF documents (cargo feature `pdf`)
    Pdf,
}

#[derive(Args, Debug)]
pub struct PublishArgs {
    #[command(flatten)]
    pub source: SourceArgs,
    /// 输出目录 / output directory
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    #[arg(long, short = 'f', value_enum, default_value = "html")]
    pub format: PublishFormat,
    /// 每个事项一个文档（docx、pdf） / one document per item (docx, pdf)
    #[arg(long)]
    pub split: bool,
    /// 模板目录：其中的文件覆盖内置模板 / template directory: files here override the built-in ones
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
}
