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
    clap_complete::generate(
        args.shell,
        &mut public(Cli::command()),
        "oneonone",
        &mut buf,
    );
    crate::output::print(&String::from_utf8_lossy(&buf));
    Ok(())
}

/// The command tree without its hidden subcommands (the ones git and the hook scripts
/// call), which clap_complete would otherwise offer.
fn public(cmd: clap::Command) -> clap::Command {
    let subcommands: Vec<clap::Command> = cmd
        .get_subcommands()
        .filter(|s| !s.is_hide_set())
        .cloned()
        .map(public)
        .collect();
    let mut out = clap::Command::new(cmd.get_name().to_owned())
        .args(cmd.get_arguments().cloned())
        .subcommands(subcommands);
    if let Some(v) = cmd.get_version() {
        out = out.version(v.to_owned());
    }
    if let Some(about) = cmd.get_about() {
        out = out.about(about.clone());
    }
    out
}
