//! `oneonone-pre-commit`: the pre-commit check alone, for git to run on every commit. The same
//! check as `oneonone hook pre-commit`, in a binary a fraction of the size, because a
//! hook's cost is mostly its start: the loader maps and relocates the whole executable.
#![forbid(unsafe_code)]

#[path = "../commands/pre_commit.rs"]
mod pre_commit;

fn main() -> std::process::ExitCode {
    if pre_commit::run() {
        std::process::ExitCode::SUCCESS
    } else {
        std::process::ExitCode::FAILURE
    }
}
