//! `oneonone completions bash|zsh|fish`.

use crate::cli::Cli;
use crate::error::CliResult;
use clap::CommandFactory;

/// Arguments of `completions`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The shell.
    pub shell: clap_complete::Shell,
}

/// Prints the completion script for the shell.
pub fn run(args: Args) -> CliResult {
    let mut buf = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "oneonone", &mut buf);
    crate::output::print(&String::from_utf8_lossy(&buf));
    Ok(())
}
