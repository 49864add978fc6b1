//! `catalog completions SHELL` and `catalog man`: generated from the clap definitions, so they
//! always match the commands and options of this build.

use crate::cli::{Cli, CompletionsArgs};
use crate::error::Error;
use clap::CommandFactory;

pub fn run(args: CompletionsArgs) -> Result<u8, Error> {
    let mut cmd = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, "catalog", &mut out);
    super::print(&String::from_utf8_lossy(&out));
    Ok(0)
}

pub fn man() -> Result<u8, Error> {
    let cmd = Cli::command();
    let mut out = Vec::new();
    clap_mangen::Man::new(cmd).render(&mut out).map_err(|e| {
        Error::new(
            None,
            None,
            format!("无法生成手册页：{}", crate::error::os_zh(&e)),
            format!("cannot render the man page: {e}"),
        )
    })?;
    super::print(&String::from_utf8_lossy(&out));
    Ok(0)
}
