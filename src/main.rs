use clap::Parser;

// The loaders allocate millions of small strings and nodes; mimalloc handles that churn much
// better than the system allocator, across threads.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match catalog::cli::Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let args: Vec<String> = std::env::args().collect();
            let zh = !catalog::cli_error::english_wanted(&args);
            match (
                catalog::cli_error::chinese(&e).filter(|_| zh),
                catalog::cli_error::help_in_chinese(&e).filter(|_| zh),
            ) {
                (Some(error), _) => eprint!("{error}"),
                (None, Some(help)) => print!("{help}"),
                (None, None) => {
                    let _ = e.print();
                }
            }
            // Help and version go to stdout with success; usage errors are exit 2.
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    catalog::i18n::set_lang(cli.lang);
    match catalog::commands::run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("{}{e}", catalog::i18n::t("错误：", "error: "));
            ExitCode::from(2)
        }
    }
}
