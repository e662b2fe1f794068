//! `oneonone-pre-commit`: the pre-commit check alone, for git to run on every commit. The same
//! check as `oneonone hook pre-commit`, in a binary a fraction of the size, because a
//! hook's cost is mostly its start: the loader maps and relocates the whole executable.
#![forbid(unsafe_code)]

#[path = "../error.rs"]
#[allow(dead_code)]
mod error;
#[path = "../commands/pre_commit.rs"]
mod pre_commit;

fn main() -> std::process::ExitCode {
    match pre_commit::run() {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => e.report(),
    }
}
