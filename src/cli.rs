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
    /// 转换格式（YAML、xlsx、CSV、JSON 互转） / convert between YAML, xlsx, CSV and JSON
    Convert(ConvertArgs),
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

#[derive(Args, Debug)]
pub struct ConvertArgs {
    /// 输入文件（.yaml .xlsx .xls .ods .csv .json） / input file
    pub input: PathBuf,
    /// 输出文件，格式由扩展名决定（.yaml .xlsx .csv .json） / output file; format by extension
    pub output: PathBuf,
    /// xlsx 的分表方式 / how items are spread over xlsx sheets
    #[arg(long, value_enum, default_value = "type")]
    pub sheets: crate::convert::SheetsBy,
    #[command(flatten)]
    pub source: SourceArgs,
}
