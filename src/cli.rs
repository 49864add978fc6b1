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
    /// 并行线程数（默认为 CPU 核数） / worker threads (default: number of CPUs)
    #[arg(long, short = 'j', global = true, value_name = "N", env = "CATALOG_JOBS")]
    pub jobs: Option<usize>,
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
    /// 输出清单格式的 JSON Schema（编辑器补全与校验） / print the JSON Schema of the catalog format
    Schema,
    /// 生成命令行补全脚本 / print shell completions
    Completions(CompletionsArgs),
    /// 生成 man 手册页 / print the man page (roff)
    Man,
    /// 比对两个版本，或与上级目录比对（四级四同） / compare two versions, or a catalog with its upper level
    Diff(DiffArgs),
    /// 改革指标统计（四减、最多跑一次） / reform metrics of one catalog
    Stats(StatsArgs),
    /// 生成易错纠错清单 / write the checklist of error-prone points
    Checklist(ChecklistArgs),
    /// 发布办事指南网站或文档 / publish the service guide as a static site or documents
    Publish(PublishArgs),
    /// 转换格式（YAML、xlsx、CSV、JSON 互转） / convert between YAML, xlsx, CSV and JSON
    Convert(ConvertArgs),
    /// 查看引用的法律条文（法规库） / show a cited law article from the law registry
    Law(LawArgs),
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
    /// 清单形式（权力清单、责任清单…），决定适用的规则 / list form, deciding which rules apply
    #[arg(long, value_name = "FORM")]
    pub form: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LintFormat {
    /// 带源码片段的说明 / snippets with explanations
    Text,
    /// 每条一行 / one line per finding
    Concise,
    /// JSON（见 DESIGN.md 约定）
    Json,
    /// SARIF 2.1.0（GitHub 代码扫描） / SARIF for code scanning
    Sarif,
    /// JUnit XML（GitLab、Jenkins 测试报告）
    Junit,
    /// GitHub Actions 工作流注释 / workflow annotations
    Github,
    /// GitLab 代码质量报告 / GitLab code-quality JSON
    Gitlab,
    /// Markdown 表格（合并请求评论） / a table for a merge-request comment
    Markdown,
    /// 标注了问题的工作簿（需 --output） / the workbook with the findings marked (needs --output)
    Xlsx,
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
    /// 输出格式与文件，可成对重复 / output formats, each with an optional file
    #[command(flatten)]
    pub outputs: crate::report::output::Outputs,
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
    /// 只报告自该 git 版本以来新增或修改的事项 / report only items added or changed since this git revision
    #[arg(long, value_name = "REV")]
    pub changed_since: Option<String>,
    /// 在标准错误输出各阶段耗时 / print the time of each phase to stderr
    #[arg(long)]
    pub timings: bool,
    #[command(flatten)]
    pub rules: RuleSelection,
}

/// Config, rule selection, baseline and autofix options of `catalog lint`.
#[derive(Args, Debug, Clone, Default)]
pub struct RuleSelection {
    /// 配置文件（默认向上查找 catalog.toml） / config file (default: catalog.toml found upward)
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// 只运行这些规则（代码、前缀或类别字母，逗号分隔） / run only these rules (codes, prefixes, family letters)
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    pub select: Vec<String>,
    /// 不运行这些规则 / do not run these rules
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    pub ignore: Vec<String>,
    /// 把当前的问题记入基线文件 / record today's findings in a baseline file
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// 只报告基线中没有的问题 / report only findings not in the baseline
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// 自动修复（安全的修复） / apply safe fixes
    #[arg(long)]
    pub fix: bool,
    /// 与 --fix 一起：只显示将要做的修改，不写文件 / with --fix: print a diff, write nothing
    #[arg(long, requires = "fix")]
    pub diff: bool,
    /// 也应用需人工确认的修复 / also apply unsafe fixes
    #[arg(long, requires = "fix")]
    pub unsafe_fixes: bool,
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
    /// 只列出该类别（字母或名称，如 W、用语） / only this family (letter or name)
    #[arg(long, value_name = "FAMILY")]
    pub family: Option<String>,
    /// 配置文件（读取其中的用户规则目录） / config file (for its user rules directory)
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct ExplainArgs {
    /// 规则代码或名称 / rule code or name, e.g. T005
    pub code: String,
    /// 配置文件（读取其中的用户规则目录） / config file (for its user rules directory)
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct LawArgs {
    /// 引用，如 “《行政许可法》第三十条” / a citation, e.g. 《行政许可法》第三十条
    pub citation: String,
    /// 法规文本目录（LawRefBook 形式的 Markdown） / folder of law texts (LawRefBook Markdown)
    #[arg(long, value_name = "DIR", env = "CATALOG_LAW_TEXTS")]
    pub texts: Option<PathBuf>,
    /// 配置文件（读取其中的 law_registry） / config file (for its law_registry)
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct CompletionsArgs {
    /// 命令行外壳 / the shell
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// 终端表格（与 lint 一样叫 text；terminal 仍可用） / tables in the terminal (text, as in lint)
    #[value(name = "text", alias = "terminal")]
    Terminal,
    Markdown,
    /// JSON（键名见 docs/diff-json.md）
    Json,
    /// 可打印的自包含网页 / self-contained printable page
    Html,
    /// Excel 工作簿（需 --output） / workbook (needs --output)
    Xlsx,
}

#[derive(Args, Debug)]
pub struct DiffArgs {
    /// 旧版与新版：文件、目录或 git 版本 REV:path；用 --base 时只写本级清单
    /// / OLD NEW: files, directories or git revisions REV:path; with --base only the local catalog
    #[arg(value_name = "OLD NEW", num_args = 1..=2, required = true)]
    pub sides: Vec<String>,
    /// 上级目录：与之做四级四同比对 / upper-level catalog to compare the local catalog with
    #[arg(long, value_name = "UPPER")]
    pub base: Option<String>,
    /// 输出格式 / output format
    #[arg(long, short = 'f', value_enum, default_value = "text")]
    pub format: ReportFormat,
    /// 写入文件 / write to this file instead of stdout
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// 有任何差异时以退出码 1 结束（用于 CI） / exit 1 when anything changed
    #[arg(long)]
    pub fail_on_change: bool,
    /// CSV 编码 / force the CSV encoding
    #[arg(long, value_name = "ENCODING")]
    pub encoding: Option<String>,
    /// 在标准错误输出各阶段耗时 / print the time of each phase to stderr
    #[arg(long)]
    pub timings: bool,
}

#[derive(Args, Debug)]
pub struct StatsArgs {
    #[command(flatten)]
    pub source: SourceArgs,
    /// 输出格式 / output format
    #[arg(long, short = 'f', value_enum, default_value = "text")]
    pub format: ReportFormat,
    /// 写入文件 / write to this file instead of stdout
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
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
    /// 清单有错误时也发布（默认拒绝） / publish even when the catalog has lint errors (refused by default)
    #[arg(long)]
    pub allow_errors: bool,
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
