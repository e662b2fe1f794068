//! The history cache: the record as of one commit, stored in the repository's common git
//! directory so that linked worktrees share it.
//!
//! It holds, per person, every item seen so far and, per file, the blob id of its last
//! revision with the item id of each line. A later run walks only the commits after the
//! cached one and diffs each changed file against that blob, so no old blob is parsed
//! again. A cache written by another version of the tool, other rules or another notes
//! directory is ignored, and so is one written before the clone was deepened or
//! unshallowed (its record lacks the commits beyond the old shallow boundary).
//!
//! The cache is only an optimisation: a cache path that is not a regular file (a FIFO, a
//! directory) is never opened, and one that cannot be written is skipped; both with a
//! warning on standard error, and the history is still read.

use oneonone_core::timeline::{RULES_VERSION, Tracker};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// The cache file, relative to the common git directory.
pub const CACHE_PATH: &str = "oneonone/cache-v1.json";

/// One person's record in the cache.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct PersonState {
    /// The current slug (the running document's file stem).
    pub slug: String,
    /// `person:` of the last revision of the running document.
    pub name: Option<String>,
    /// Items and files.
    pub tracker: Tracker,
}

/// The whole cache.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct CacheState {
    /// The tool version that wrote it.
    pub tool: String,
    /// [`RULES_VERSION`] when it was written.
    pub rules: u32,
    /// The notes directory (relative to the top of the work tree) it describes.
    pub notes_dir: String,
    /// The commit the record is complete up to (hex).
    pub head: String,
    /// The shallow boundary when it was written (git's `shallow` file; empty for a full
    /// clone).
    #[serde(default)]
    pub shallow: String,
    /// Records by chain key (the first slug a document had).
    pub persons: BTreeMap<String, PersonState>,
    /// Current slug → chain key, so renamed documents keep their record.
    pub chains: BTreeMap<String, String>,
}

/// Why the cache could not be written.
#[derive(Debug, thiserror::Error)]
pub enum CacheError {
    /// Creating the directory or the temporary file, writing or renaming failed.
    #[error("failed to write the history cache {}", path.display())]
    Write {
        /// The cache file.
        path: PathBuf,
        /// What went wrong.
        #[source]
        source: std::io::Error,
    },
    /// Serialising failed.
    #[error("failed to encode the history cache")]
    Encode(#[source] serde_json::Error),
}

/// The cache file for a common git directory.
pub fn cache_file(common_dir: &Path) -> PathBuf {
    common_dir.join(CACHE_PATH)
}

/// Loads the cache when it exists and matches this tool, rules, notes directory and
/// shallow boundary. A missing, unreadable or stale cache is `None`: the cache is only
/// ever an optimisation. A cache path that is not a regular file is not opened (a FIFO
/// would block) and is reported on standard error.
pub fn load(common_dir: &Path, notes_dir: &str) -> Option<CacheState> {
    let path = cache_file(common_dir);
    let meta = std::fs::symlink_metadata(&path).ok()?;
    if !meta.is_file() {
        warn(&format!(
            "{} is not a regular file; the history cache is ignored",
            path.display()
        ));
        return None;
    }
    // Parsing from memory is several times faster than through a reader, and a warm run
    // costs little more than this parse.
    let bytes = std::fs::read(&path).ok()?;
    let state: CacheState = serde_json::from_slice(&bytes).ok()?;
    drop(bytes);
    (state.tool == env!("CARGO_PKG_VERSION")
        && state.rules == RULES_VERSION
        && state.notes_dir == notes_dir
        && state.shallow == shallow_boundary(common_dir))
    .then_some(state)
}

/// Stores the cache as [`store`] does, recording the shallow boundary; a cache that
/// cannot be written (or whose path is not a regular file) is skipped with a warning on
/// standard error.
pub fn store_or_warn(common_dir: &Path, state: &mut CacheState) {
    state.shallow = shallow_boundary(common_dir);
    let path = cache_file(common_dir);
    if let Ok(meta) = std::fs::symlink_metadata(&path)
        && !meta.is_file()
    {
        warn(&format!(
            "{} is not a regular file; the history cache is not written",
            path.display()
        ));
        return;
    }
    if let Err(e) = store(common_dir, state) {
        let mut message = e.to_string();
        let mut source = std::error::Error::source(&e);
        while let Some(cause) = source {
            message.push_str(&format!(": {cause}"));
            source = cause.source();
        }
        warn(&format!("{message}; the history is read without it"));
    }
}

/// The shallow boundary: the commits git's `shallow` file lists, empty for a full clone.
fn shallow_boundary(common_dir: &Path) -> String {
    let path = common_dir.join("shallow");
    match std::fs::symlink_metadata(&path) {
        Ok(m) if m.is_file() => {
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            let mut ids: Vec<&str> = text.split_whitespace().collect();
            ids.sort_unstable();
            ids.join(" ")
        }
        _ => String::new(),
    }
}

fn warn(message: &str) {
    eprintln!("warning: {message}");
}

/// Writes the cache atomically (temporary file in the same directory, then rename), so a
/// concurrent reader sees the old or the new cache, never half of one.
///
/// # Errors
/// The directory cannot be created or the file cannot be written.
pub fn store(common_dir: &Path, state: &CacheState) -> Result<(), CacheError> {
    let path = cache_file(common_dir);
    let err = |source| CacheError::Write {
        path: path.clone(),
        source,
    };
    let dir = path.parent().unwrap_or(common_dir);
    std::fs::create_dir_all(dir).map_err(err)?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(err)?;
    {
        let mut w = BufWriter::new(tmp.as_file_mut());
        serde_json::to_writer(&mut w, state).map_err(CacheError::Encode)?;
        w.flush().map_err(err)?;
    }
    tmp.persist(&path).map_err(|e| err(e.error))?;
    Ok(())
}

/// A new, empty cache for this tool and notes directory.
pub fn empty(notes_dir: &str) -> CacheState {
    CacheState {
        tool: env!("CARGO_PKG_VERSION").to_owned(),
        rules: RULES_VERSION,
        notes_dir: notes_dir.to_owned(),
        ..CacheState::default()
    }
}
