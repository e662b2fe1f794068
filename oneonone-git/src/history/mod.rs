//! The git history of the notes read back as a record of events.
//!
//! Commits are walked first-parent from HEAD, oldest first, and every running document and
//! archive is read from the commit trees (never the working copy). Each changed file is
//! diffed line by line against its previous revision and only the changed lines are
//! classified ([`oneonone_core::timeline`]). Documents are followed through renames; lines
//! moved into `archive/<slug>/` in one commit are moves.
//!
//! The read is a pipeline ([`pipeline`]): one thread walks the new commits ([`walk`]) and
//! diffs their notes trees ([`diff`]), skipping a commit whose notes subtree id did not
//! change; two readers, each with its own repository handle, read the changed blobs
//! ([`read`]) in the order that follows the packs' delta chains ([`order`]); one scanner
//! line-diffs and scans the texts, putting each person's batches back in order
//! ([`scan`]). The result is cached per commit in the common git directory
//! ([`crate::cache`]) and assembled into events, newest first ([`assemble`]).
//!
//! Everything is opened through the [`NotesRepo`] the caller already found: its git
//! directory, its common directory (for the cache) and its configured notes directory. No
//! process-wide libgit2 setting is changed, so a long-lived caller (the MCP server) keeps
//! libgit2's defaults.

mod assemble;
mod diff;
mod order;
mod packs;
mod pipeline;
mod read;
mod scan;
mod walk;

use crate::NotesRepo;
use crate::cache::CacheError;
use crate::error::GitError;
use oneonone_core::timeline::{CommitMeta, Event, PersonRef};
use std::path::{Component, Path, PathBuf};

/// How to read the history.
#[derive(Debug, Clone)]
pub struct HistoryOptions {
    /// Read and write the cache.
    pub use_cache: bool,
    /// Show a progress bar on long walks (only when stderr is a terminal).
    pub progress: bool,
}

impl Default for HistoryOptions {
    fn default() -> Self {
        HistoryOptions {
            use_cache: true,
            progress: true,
        }
    }
}

/// What a run cost: proof that a warm run reuses the cache.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct HistoryStats {
    /// Commits whose trees were diffed in this run (the ones not covered by the cache).
    pub commits_walked: usize,
    /// Blob revisions read and scanned in this run.
    pub blobs_parsed: usize,
    /// Files (documents and archives) whose state was taken from the cache.
    pub cache_hits: usize,
}

/// The record: every event of every person, newest first.
#[derive(Debug, Clone, Default)]
pub struct History {
    /// Events, newest first (by date, then by commit time).
    pub events: Vec<Event>,
    /// Every person with a record, by slug.
    pub persons: Vec<PersonRef>,
    /// What the run cost.
    pub stats: HistoryStats,
}

/// Why the history could not be read.
#[derive(Debug, thiserror::Error)]
pub enum HistoryError {
    /// The notes are not in a git work tree (no git repository, or a bare one).
    #[error(
        "{} is not in a git work tree: log and review read the notes' git history",
        root.display()
    )]
    NoWorkTree {
        /// The notes repository's root.
        root: PathBuf,
    },
    /// The git repository could not be opened.
    #[error("failed to open the git repository at {}", path.display())]
    Open {
        /// The git directory.
        path: PathBuf,
        /// What libgit2 said.
        #[source]
        source: GitError,
    },
    /// Walking the commits failed.
    #[error("failed to walk the commit history")]
    Walk(#[source] GitError),
    /// A commit or its tree could not be read.
    #[error("failed to read commit {commit}")]
    Commit {
        /// The commit id.
        commit: String,
        /// What libgit2 said.
        #[source]
        source: GitError,
    },
    /// A blob could not be read.
    #[error("failed to read blob {blob} ({path})")]
    Blob {
        /// The blob id.
        blob: String,
        /// The file it is a revision of.
        path: String,
        /// What libgit2 said.
        #[source]
        source: GitError,
    },
    /// The cache could not be written.
    #[error(transparent)]
    Cache(#[from] CacheError),
}

impl HistoryError {
    fn walk(e: git2::Error) -> Self {
        HistoryError::Walk(GitError::from_git2(&e))
    }

    fn commit(commit: git2::Oid) -> impl Fn(git2::Error) -> Self {
        move |e| HistoryError::Commit {
            commit: commit.to_string(),
            source: GitError::from_git2(&e),
        }
    }
}

impl NotesRepo {
    /// Reads the record of the notes' git history: the configured notes directory, at
    /// every commit on the first-parent line of HEAD.
    ///
    /// # Errors
    /// The notes are not in a git work tree, or a commit, tree or blob cannot be read.
    pub fn read_history(&self, opts: &HistoryOptions) -> Result<History, HistoryError> {
        let (Some(workdir), Some(common_dir)) = (self.git_workdir(), self.common_git_dir()) else {
            return Err(HistoryError::NoWorkTree {
                root: self.root().to_owned(),
            });
        };
        let notes_dir = tree_path(&self.notes_dir(), workdir);
        let _pause = crate::hash_check::HashCheckPause::start();
        pipeline::run(self, &notes_dir, common_dir, opts)
    }

    /// A repository handle for one thread of the read.
    fn open_for_history(&self) -> Result<git2::Repository, HistoryError> {
        let path = self.git_dir().unwrap_or(self.root());
        match self.open_git() {
            Some(Ok(repo)) => Ok(repo),
            Some(Err(e)) => Err(HistoryError::Open {
                path: path.to_owned(),
                source: GitError::from_git2(&e),
            }),
            None => Err(HistoryError::NoWorkTree {
                root: self.root().to_owned(),
            }),
        }
    }
}

/// The notes directory as a path in the commit trees: relative to the work tree,
/// `/`-separated, empty for the top.
fn tree_path(notes_dir: &Path, workdir: &Path) -> String {
    let rel = notes_dir.strip_prefix(workdir).unwrap_or(notes_dir);
    let names: Vec<String> = rel
        .components()
        .filter_map(|c| match c {
            Component::Normal(n) => Some(n.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    names.join("/")
}

/// How many batches each reader may run ahead of the scanner: enough to keep both cores
/// busy, few enough that the texts in flight stay a few MB.
const BATCHES_IN_FLIGHT: usize = 4;

/// One file changed by one commit, before the blobs are read.
#[derive(Debug, Clone)]
struct RawChange {
    old_path: Option<String>,
    path: String,
    old_blob: Option<git2::Oid>,
    new_blob: Option<git2::Oid>,
}

/// One file of a batch, with the texts the reader read for it.
struct ReadChange {
    raw: RawChange,
    /// The slug the file's route names.
    slug: String,
    /// The file is a running document (not an archive).
    running: bool,
    /// The scanner does not hold the old text from an earlier batch: read it.
    read_old: bool,
    /// The old text, when `read_old`.
    old_text: Option<String>,
    /// The new text; `None` when the commit deletes the file.
    new_text: Option<String>,
}

impl ReadChange {
    /// The path the file had before the commit.
    fn old_path(&self) -> &str {
        self.raw.old_path.as_deref().unwrap_or(&self.raw.path)
    }
}

/// One person's changes in one commit.
struct Batch {
    meta: CommitMeta,
    /// The person's chain key (the first slug their document had).
    key: String,
    /// The batch's place among its person's batches (the scanner applies them in order).
    seq: usize,
    changes: Vec<ReadChange>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tree_path_is_relative_and_slash_separated_whatever_the_spelling() {
        let w = Path::new("/w");
        assert_eq!(
            tree_path(Path::new("/w/Career/1-on-1s"), w),
            "Career/1-on-1s"
        );
        assert_eq!(tree_path(&w.join("./notes/"), w), "notes");
        assert_eq!(tree_path(&w.join("."), w), "");
    }
}
