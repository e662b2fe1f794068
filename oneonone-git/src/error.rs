//! Errors of the repository operations, one enum per operation.

use std::path::{Path, PathBuf};
use std::time::Duration;
use thiserror::Error;

/// An error reported by libgit2, carried as the crate's own type so that no `git2` type
/// leaks out of the public API.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{message}")]
pub struct GitError {
    message: String,
}

impl GitError {
    /// What libgit2 said.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl GitError {
    pub(crate) fn from_git2(e: &git2::Error) -> Self {
        GitError {
            message: e.message().to_owned(),
        }
    }
}

/// A libgit2 step that failed: what was being done, and what libgit2 said. Committing and
/// the staged check share it, so every such failure reads `failed to step`.
#[derive(Debug, Error)]
#[error("failed to {step}")]
pub struct GitStepError {
    /// The step, e.g. `write the tree`.
    pub step: &'static str,
    /// What libgit2 said.
    #[source]
    pub source: GitError,
}

impl GitStepError {
    /// The error of `step`, for `map_err`, converted into the operation's error.
    pub(crate) fn at<E: From<GitStepError>>(step: &'static str) -> impl FnOnce(git2::Error) -> E {
        move |e| {
            E::from(GitStepError {
                step,
                source: GitError::from_git2(&e),
            })
        }
    }
}

/// A file step that failed: the file, what was being done to it, and the I/O error. The
/// writes, the hook installer and the hook status share it, so every such failure reads
/// `path: failed to step`.
#[derive(Debug, Error)]
#[error("{}: failed to {step}", path.display())]
pub struct FileError {
    /// The file (or temp file or directory) involved.
    pub path: PathBuf,
    /// The step that failed, e.g. `create a temporary file`.
    pub step: &'static str,
    /// The I/O error.
    #[source]
    pub source: std::io::Error,
}

impl FileError {
    /// The error of `step` on `path`, for `map_err`, converted into the operation's error.
    pub(crate) fn at<E: From<FileError>>(
        path: &Path,
        step: &'static str,
    ) -> impl FnOnce(std::io::Error) -> E {
        let path = path.to_owned();
        move |source| E::from(FileError { path, step, source })
    }
}

/// Why `.oneonone.toml` could not be loaded. Displays as `path:line:col: message`.
#[derive(Debug, Error)]
pub enum ConfigError {
    /// The file exists but could not be read.
    #[error("{}: failed to read the configuration", path.display())]
    Read {
        /// The config file.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// The file is not valid TOML, has an unknown key, or a value of the wrong type.
    #[error("{}:{line}:{column}: {message}", path.display())]
    Invalid {
        /// The config file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong, e.g. ``unknown field `notes_dri` ``.
        message: String,
    },
}

impl ConfigError {
    /// The 1-based line the error points at (1 for a read failure).
    pub fn line(&self) -> usize {
        match self {
            ConfigError::Read { .. } => 1,
            ConfigError::Invalid { line, .. } => *line,
        }
    }
}

/// Why the notes repository could not be found or opened.
#[derive(Debug, Error)]
pub enum DiscoverError {
    /// The start directory does not exist or cannot be resolved.
    #[error("failed to resolve the directory {}", path.display())]
    Start {
        /// The directory asked for.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// A git repository was found but could not be opened.
    #[error("failed to open the git repository around {}", path.display())]
    Git {
        /// Where the search started.
        path: PathBuf,
        /// What libgit2 said.
        #[source]
        source: GitError,
    },
    /// `.oneonone.toml` is invalid.
    #[error("failed to load the configuration")]
    Config(#[from] ConfigError),
}

/// Why a name or slug was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SlugError {
    /// The name is empty (or has nothing a slug can be made of).
    #[error("the name is empty")]
    Empty,
    /// The name holds a NUL byte.
    #[error("the name `{}` holds a NUL byte", name.escape_debug())]
    Nul {
        /// The name asked for.
        name: String,
    },
    /// The name would reach outside the notes directory (a path separator, `..`, a
    /// leading `.`, or an absolute path).
    #[error("`{name}` would reach outside the notes directory")]
    EscapesNotesDir {
        /// The name asked for.
        name: String,
    },
    /// The slug has characters other than `a-z`, `0-9` and `-`.
    #[error("`{slug}` is not a valid slug: use only lowercase letters, digits and `-`")]
    InvalidSlug {
        /// The slug asked for.
        slug: String,
    },
}

/// Why the running documents could not be listed.
#[derive(Debug, Error)]
pub enum ListError {
    /// A directory could not be read.
    #[error("failed to read the directory {}", path.display())]
    ReadDir {
        /// The directory.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
}

/// Why a person could not be found.
#[derive(Debug, Error)]
pub enum FindPersonError {
    /// The query itself was refused (it would escape the notes directory, or is empty).
    #[error("invalid person `{}`", query.escape_debug())]
    InvalidQuery {
        /// The query.
        query: String,
        /// Why it was refused.
        #[source]
        source: SlugError,
    },
    /// The running documents could not be listed.
    #[error("failed to list the running documents")]
    List(#[from] ListError),
    /// No running document matches.
    #[error(
        "no person matches `{query}`; {}",
        unknown_hint(suggestions, candidates)
    )]
    Unknown {
        /// The query.
        query: String,
        /// The slugs close to the query, closest first.
        suggestions: Vec<String>,
        /// Every known slug.
        candidates: Vec<String>,
    },
    /// More than one running document matches.
    #[error("`{query}` is ambiguous; it matches: {}", candidates.join(", "))]
    Ambiguous {
        /// The query.
        query: String,
        /// The matching slugs.
        candidates: Vec<String>,
    },
}

/// "did you mean" with the close slugs, else every known slug.
fn unknown_hint(suggestions: &[String], candidates: &[String]) -> String {
    if suggestions.is_empty() {
        format!("known: {}", list_or_none(candidates))
    } else {
        format!("did you mean {}?", suggestions.join(", "))
    }
}

fn list_or_none(items: &[String]) -> String {
    if items.is_empty() {
        "none yet".to_owned()
    } else {
        items.join(", ")
    }
}

/// Why a document could not be read.
#[derive(Debug, Error)]
pub enum ReadError {
    /// The file could not be opened or read.
    #[error("{}: failed to read", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// The path is a directory.
    #[error("{}: is a directory, not a file", path.display())]
    Directory {
        /// The path.
        path: PathBuf,
    },
    /// The path (or a symlink on the way) leads outside the repository.
    #[error("{}: leads outside the notes repository (to {})", path.display(), target.display())]
    OutsideRepository {
        /// The path.
        path: PathBuf,
        /// Where it really leads.
        target: PathBuf,
    },
    /// The file is larger than the tool accepts.
    #[error("{}: is {size} bytes, more than the {limit} bytes allowed", path.display())]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// A stream (standard input) is longer than the tool accepts; it was not read to its
    /// end.
    #[error("{}: holds more than the {limit} bytes allowed", path.display())]
    StreamTooLarge {
        /// What was read, e.g. `<stdin>`.
        path: PathBuf,
        /// The limit.
        limit: u64,
    },
    /// The file is not UTF-8.
    #[error("{}:{line}:{column}: the file is not valid UTF-8", path.display())]
    NotUtf8 {
        /// The file.
        path: PathBuf,
        /// 1-based line of the first bad byte.
        line: usize,
        /// 1-based byte column of the first bad byte.
        column: usize,
    },
    /// The file holds a NUL byte.
    #[error("{}:{line}:{column}: the file holds a NUL byte", path.display())]
    Nul {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based byte column.
        column: usize,
    },
}

/// Why a file could not be written. The file is unchanged when a write fails.
#[derive(Debug, Error)]
pub enum WriteError {
    /// The file changed on disk since it was read.
    #[error("{}: changed on disk since it was read; run again", path.display())]
    Changed {
        /// The file.
        path: PathBuf,
    },
    /// A new file was to be created but one already exists.
    #[error("{}: already exists", path.display())]
    Exists {
        /// The file.
        path: PathBuf,
    },
    /// The file is read-only: replacing it by a rename would defeat the user's protection.
    #[error("{}: is read-only; make it writable to change it", path.display())]
    ReadOnly {
        /// The file.
        path: PathBuf,
    },
    /// The path has no parent directory or file name.
    #[error("{}: is not a file path", path.display())]
    NotAFile {
        /// The path.
        path: PathBuf,
    },
    /// Reading the current content (to compare) failed.
    #[error("failed to re-read the file before writing")]
    Reread(#[from] ReadError),
    /// An I/O step failed.
    #[error(transparent)]
    Io(#[from] FileError),
}

/// Why BACKLOG.md could not be read or appended to.
#[derive(Debug, Error)]
pub enum BacklogError {
    /// Reading failed.
    #[error("failed to read the backlog")]
    Read(#[from] ReadError),
    /// Writing failed.
    #[error("failed to write the backlog")]
    Write(#[from] WriteError),
    /// A line to append is empty or holds a line break.
    #[error("cannot append the backlog line `{}`: it is empty or holds a line break", line.escape_debug())]
    InvalidLine {
        /// The line.
        line: String,
    },
}

/// Why the repository lock could not be taken.
#[derive(Debug, Error)]
pub enum LockError {
    /// Another run holds the lock and did not release it in time.
    #[error(
        "{}: another oneonone run (pid {}) holds the lock; waited {}s",
        path.display(),
        pid.map_or_else(|| "unknown".to_owned(), |p| p.to_string()),
        waited.as_secs()
    )]
    Busy {
        /// The lock file.
        path: PathBuf,
        /// The holder's pid, when the file names one.
        pid: Option<u32>,
        /// How long this run waited.
        waited: Duration,
    },
    /// The lock file could not be created or locked.
    #[error("{}: failed to create or lock the lock file", path.display())]
    Io {
        /// The lock file.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
}

/// Why a commit was refused or failed. Nothing is committed when it fails.
#[derive(Debug, Error)]
pub enum CommitError {
    /// The notes repository is not in a git repository.
    #[error("not in a git repository")]
    NotGit,
    /// The repository is bare: there is no work tree to commit from.
    #[error("the git repository at {} is bare; run oneonone in a work tree", path.display())]
    Bare {
        /// The git directory.
        path: PathBuf,
    },
    /// A merge, rebase, cherry-pick or similar is in progress.
    #[error("a {operation} is in progress; finish or abort it first, or pass --no-commit")]
    InProgress {
        /// What is in progress, e.g. `merge`.
        operation: &'static str,
    },
    /// HEAD is detached and the caller did not allow it.
    #[error(
        "HEAD is detached; check out a branch first, or pass --allow-detached to commit anyway"
    )]
    Detached,
    /// Another git process holds the index lock.
    #[error(
        "{}: the index is locked by another git process; if none is running, remove the file",
        path.display()
    )]
    IndexLocked {
        /// The `index.lock` file.
        path: PathBuf,
    },
    /// A path to commit is outside the work tree.
    #[error("{}: is outside the git work tree {}", path.display(), workdir.display())]
    OutsideWorkTree {
        /// The path.
        path: PathBuf,
        /// The work tree.
        workdir: PathBuf,
    },
    /// Git finds no author or committer identity.
    #[error(
        "no {role} identity: run `git config user.name \"Your Name\"` and `git config user.email you@example.com` (or set GIT_AUTHOR_NAME/EMAIL and GIT_COMMITTER_NAME/EMAIL); git says: {message}"
    )]
    NoIdentity {
        /// `author` or `committer`.
        role: &'static str,
        /// What git said.
        message: String,
    },
    /// A `GIT_*_DATE` variable holds a date in no format git accepts.
    #[error("{var} holds an invalid date `{value}`")]
    InvalidDate {
        /// The variable.
        var: &'static str,
        /// Its value.
        value: String,
    },
    /// A path to commit is not valid UTF-8.
    #[error("{}: the path is not valid UTF-8", path.display())]
    NotUtf8 {
        /// The path.
        path: PathBuf,
    },
    /// `git` could not be started.
    #[error("failed to run `git {command}` (is git installed and on PATH?)")]
    Spawn {
        /// The git subcommand.
        command: &'static str,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// Git refused (a hook failed, signing failed, the index is locked…); its own message
    /// follows.
    #[error("`git {command}` failed ({status}):\n{message}")]
    Refused {
        /// The git subcommand.
        command: &'static str,
        /// How git exited.
        status: String,
        /// What git printed.
        message: String,
    },
    /// A libgit2 step failed.
    #[error(transparent)]
    Git(#[from] GitStepError),
}

/// Why a path the tool would write was refused.
#[derive(Debug, Error)]
pub enum PathError {
    /// The path leads outside the work tree or into the git directory.
    #[error("{}: leads {why} (to {}){}; oneonone writes only inside the work tree, outside .git",
        path.display(), resolved.display(),
        setting.as_ref().map(|s| format!(", as set by {s}")).unwrap_or_default())]
    Escapes {
        /// The path.
        path: PathBuf,
        /// Where it really leads.
        resolved: PathBuf,
        /// `outside the work tree` or `into the git directory`.
        why: &'static str,
        /// The setting that chose the path, when one did.
        setting: Option<crate::repo::ConfiguredPath>,
    },
    /// The repository is bare: there is no work tree, and its directory is git's own.
    #[error("the git repository at {} is bare: there is no work tree to keep notes in; run oneonone in a clone with a work tree", git_dir.display())]
    Bare {
        /// The git directory.
        git_dir: PathBuf,
    },
    /// A running document that is a symlink: writing it would change another file.
    #[error("{}: is a symlink; oneonone does not write running documents through symlinks", path.display())]
    Symlink {
        /// The document.
        path: PathBuf,
    },
    /// The path could not be resolved (e.g. a symlink to nothing).
    #[error("{}: failed to resolve the path{}", path.display(),
        setting.as_ref().map(|s| format!(" set by {s}")).unwrap_or_default())]
    Resolve {
        /// The path.
        path: PathBuf,
        /// The setting that chose the path, when one did.
        setting: Option<crate::repo::ConfiguredPath>,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
}
