//! The notes repository on disk and in git: finding it, its configuration, the people in
//! it, reading documents defensively, atomic writes, the backlog, the run lock, the
//! meeting's write transaction ([`WriteTransaction`]), and commits of exactly the files a
//! run wrote, made by `git` itself.
//!
//! Only this crate sees `git2`; its public API returns its own types ([`CommitId`],
//! [`GitError`]).
//!
//! ```
//! let dir = tempfile::tempdir().unwrap();
//! let repo = oneonone_git::NotesRepo::discover(dir.path()).unwrap();
//! assert!(repo.notes_dir().ends_with("Career/1-on-1s"));
//! assert_eq!(oneonone_git::slugify("Sarah Chen"), "sarah-chen");
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod backlog;
pub mod backlog_history;
pub mod cache;
pub mod commit;
pub mod config;
pub mod error;
pub mod fs;
mod git_cli;
mod hash_check;
pub mod history;
pub mod hooks;
pub mod lock;
pub mod merge;
pub mod merge_file;
pub mod people;
pub mod repo;
pub mod staged;
#[cfg(test)]
mod test_support;
pub mod transaction;

pub use backlog::Backlog;
pub use commit::{
    CommitId, CommitOptions, GitEnv, MeetingCounts, check_can_commit, commit_paths,
    meeting_message, message_with_trailers,
};
pub use config::Config;
pub use error::{
    BacklogError, CommitError, ConfigError, DiscoverError, FileError, FindPersonError, GitError,
    ListError, LockError, PathError, ReadError, SlugError, WriteError,
};
pub use lock::{RepoLock, TakenOver};
pub use people::{Person, slugify, validate_slug};
pub use repo::{ConfiguredPath, NotesRepo};
pub use transaction::{
    FileChange, Outcome, TransactionError, TransactionOptions, WriteTransaction,
};
