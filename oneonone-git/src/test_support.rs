//! What the unit tests of several modules set up alike.

use std::path::PathBuf;

/// A fresh temporary directory and the path of `name` in it (nothing created there yet);
/// the directory is removed when the first value is dropped.
pub(crate) fn temp_path(name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    (dir, path)
}
