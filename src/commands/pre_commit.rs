//! The pre-commit check's run and output, shared by `oneonone hook pre-commit` and the
//! `oneonone-pre-commit` binary the installed hook prefers: validates the staged content of the
//! staged notes files, prints the diagnostics on stderr (git shows hooks' stderr), and
//! exits 1 on errors.

use crate::error::{CliError, CliResult};
use std::fmt::Write;

/// Runs the check in the repository git is committing in (from git's environment).
pub fn run() -> CliResult {
    let files = oneonone_git::staged::validate_staged_from_env().map_err(|e| {
        CliError::user("pre-commit: failed to validate the staged notes files").caused_by(e)
    })?;
    if report(&files) {
        Ok(())
    } else {
        Err(CliError::reported())
    }
}

/// Prints the diagnostics of `files` on stderr; whether none is an error.
fn report(files: &[oneonone_git::staged::StagedFile]) -> bool {
    let mut text = String::new();
    let mut errors = 0;
    for file in files {
        for d in &file.diagnostics {
            errors += usize::from(d.is_error());
            let _ = writeln!(text, "{}", d.display_with_path(&file.path));
        }
    }
    if errors > 0 {
        let _ = writeln!(
            text,
            "oneonone: commit blocked: {errors} error{} in staged notes files; fix them and `git add` again (`git commit --no-verify` skips the check)",
            if errors == 1 { "" } else { "s" }
        );
    }
    eprint!("{text}");
    errors == 0
}
