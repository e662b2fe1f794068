//! The `oneonone` command line: a thin layer over `oneonone-git` and `oneonone-core`.
#![forbid(unsafe_code)]

mod cli;
mod commands;
mod error;
mod mcp;
mod output;

fn main() -> std::process::ExitCode {
    cli::main()
}
