//! Git's own line merge, for what the merge driver cannot merge itself (a side that is not
//! text it can read): the result carries conflict markers, never one side silently.

use std::path::Path;
use std::process::Command;
use thiserror::Error;

/// Why `git merge-file` gave no result.
#[derive(Debug, Error)]
pub enum MergeFileError {
    /// `git` could not be started.
    #[error("failed to run `git merge-file`")]
    Spawn(#[source] std::io::Error),
    /// Git could not merge the files (e.g. binary content).
    #[error("`git merge-file` failed: {0}")]
    Failed(String),
}

/// Merges `theirs` into `ours` (both descended from `base`) with `git merge-file`,
/// writing the result with conflict markers into `ours`; returns the number of
/// conflicts.
///
/// # Errors
/// [`MergeFileError`] when git cannot be run or cannot merge.
pub fn git_merge_file(base: &Path, ours: &Path, theirs: &Path) -> Result<usize, MergeFileError> {
    let out = Command::new("git")
        .args([
            "merge-file",
            "-L",
            "ours",
            "-L",
            "base",
            "-L",
            "theirs",
            "--",
        ])
        .arg(ours)
        .arg(base)
        .arg(theirs)
        .output()
        .map_err(MergeFileError::Spawn)?;
    match out.status.code() {
        // Git exits with the number of conflicts (capped at 127), or negative on error.
        Some(n @ 0..=127) => Ok(n as usize),
        _ => Err(MergeFileError::Failed(
            String::from_utf8_lossy(&out.stderr).trim().to_owned(),
        )),
    }
}
