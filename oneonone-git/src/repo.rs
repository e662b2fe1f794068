//! Finding the notes repository: its root, its configuration and the git repository
//! around it.

use crate::config::{CONFIG_FILE, Config};
use crate::error::{DiscoverError, GitError};
use oneonone_core::Settings;
use std::path::{Path, PathBuf};

/// Where git keeps the repository the notes live in.
#[derive(Debug, Clone, PartialEq, Eq)]
struct GitLocation {
    /// The repository's git directory (for a linked worktree, its own `.git/worktrees/x`).
    git_dir: PathBuf,
    /// The directory shared by all worktrees (where refs, objects and hooks live).
    common_dir: PathBuf,
    /// The work tree's root; `None` for a bare repository.
    workdir: Option<PathBuf>,
    /// Whether this is a linked worktree (`git worktree add`).
    linked_worktree: bool,
}

/// The notes repository: a root directory with an optional `.oneonone.toml`, the notes
/// directory below it, and the git repository around it, if any.
#[derive(Debug, Clone)]
pub struct NotesRepo {
    root: PathBuf,
    config: Config,
    config_path: Option<PathBuf>,
    git: Option<GitLocation>,
}

impl NotesRepo {
    /// Finds the notes repository for `start` (SPEC 12): the nearest directory at or above
    /// `start` holding `.oneonone.toml`, else the root of the git work tree around it,
    /// else `start` itself; then loads the config.
    ///
    /// # Errors
    /// [`DiscoverError`] when `start` cannot be resolved, the git repository around it
    /// cannot be opened, or the config is invalid.
    pub fn discover(start: &Path) -> Result<NotesRepo, DiscoverError> {
        let start = std::fs::canonicalize(start).map_err(|source| DiscoverError::Start {
            path: start.to_owned(),
            source,
        })?;
        let git = locate_git(&start)?;
        let configured = start
            .ancestors()
            .find(|dir| dir.join(CONFIG_FILE).is_file())
            .map(Path::to_path_buf);
        let root = match (&configured, &git) {
            (Some(dir), _) => dir.clone(),
            (
                None,
                Some(GitLocation {
                    workdir: Some(w), ..
                }),
            ) => w.clone(),
            _ => start.clone(),
        };
        let config_path = configured.map(|dir| dir.join(CONFIG_FILE));
        let config = match &config_path {
            Some(p) => Config::load(p)?,
            None => Config::default(),
        };
        Ok(NotesRepo {
            root,
            config,
            config_path,
            git,
        })
    }

    /// The repository root (where `.oneonone.toml` is, or would be).
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The loaded configuration (defaults when there is no config file).
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The config file, when one was found.
    pub fn config_path(&self) -> Option<&Path> {
        self.config_path.as_deref()
    }

    /// Where the config file is or would be created (`<root>/.oneonone.toml`).
    pub fn config_file(&self) -> PathBuf {
        self.root.join(CONFIG_FILE)
    }

    /// The settings for the core's processing and prep.
    pub fn settings(&self) -> Settings {
        self.config.to_settings()
    }

    /// The notes directory (absolute).
    pub fn notes_dir(&self) -> PathBuf {
        self.root.join(&self.config.notes_dir)
    }

    /// The archive directory under the notes directory.
    pub fn archive_dir(&self) -> PathBuf {
        self.notes_dir().join("archive")
    }

    /// The backlog file (absolute).
    pub fn backlog_path(&self) -> PathBuf {
        self.root.join(&self.config.backlog)
    }

    /// The wins log (absolute), when configured.
    pub fn wins_log_path(&self) -> Option<PathBuf> {
        self.config.wins_log.as_ref().map(|p| self.root.join(p))
    }

    /// Whether the notes live in a git repository (bare or not).
    pub fn is_git(&self) -> bool {
        self.git.is_some()
    }

    /// Whether the git repository around the notes is bare.
    pub fn is_bare(&self) -> bool {
        self.git.as_ref().is_some_and(|g| g.workdir.is_none())
    }

    /// Whether the git work tree is a linked worktree (`git worktree add`).
    pub fn is_linked_worktree(&self) -> bool {
        self.git.as_ref().is_some_and(|g| g.linked_worktree)
    }

    /// The git directory (for a linked worktree, its private one).
    pub fn git_dir(&self) -> Option<&Path> {
        self.git.as_ref().map(|g| g.git_dir.as_path())
    }

    /// The git directory shared by all worktrees (refs, objects, hooks).
    pub fn common_git_dir(&self) -> Option<&Path> {
        self.git.as_ref().map(|g| g.common_dir.as_path())
    }

    /// The root of the git work tree, when in a non-bare git repository.
    pub fn git_workdir(&self) -> Option<&Path> {
        self.git.as_ref().and_then(|g| g.workdir.as_deref())
    }

    /// Whether the file at `path` (in the work tree) holds edits that HEAD does not:
    /// modified or new, staged or not, as `git status` says (filters applied). `false`
    /// outside git, for a missing or ignored file, or when git cannot tell.
    pub fn has_uncommitted_edits(&self, path: &Path) -> bool {
        let (Some(Ok(repo)), Some(workdir)) = (self.open_git(), self.git_workdir()) else {
            return false;
        };
        let canonical = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
        let workdir = std::fs::canonicalize(workdir).unwrap_or_else(|_| workdir.to_owned());
        let Ok(rel) = canonical.strip_prefix(&workdir) else {
            return false;
        };
        repo.status_file(rel).is_ok_and(|s| {
            s.intersects(
                git2::Status::WT_MODIFIED
                    | git2::Status::WT_NEW
                    | git2::Status::INDEX_MODIFIED
                    | git2::Status::INDEX_NEW,
            )
        })
    }

    /// Opens the git repository (each call opens a fresh handle).
    pub(crate) fn open_git(&self) -> Option<Result<git2::Repository, git2::Error>> {
        self.git
            .as_ref()
            .map(|g| git2::Repository::open(&g.git_dir))
    }
}

fn locate_git(start: &Path) -> Result<Option<GitLocation>, DiscoverError> {
    let repo = match git2::Repository::discover(start) {
        Ok(r) => r,
        Err(e) if e.code() == git2::ErrorCode::NotFound => return Ok(None),
        Err(e) => {
            return Err(DiscoverError::Git {
                path: start.to_owned(),
                source: GitError::from(e),
            });
        }
    };
    // libgit2 reports paths with a trailing slash and possibly unresolved symlinks;
    // canonical paths make prefix comparisons with the notes root reliable.
    let canon = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_owned());
    Ok(Some(GitLocation {
        git_dir: canon(repo.path()),
        common_dir: canon(repo.commondir()),
        workdir: repo.workdir().map(canon),
        linked_worktree: repo.is_worktree(),
    }))
}
