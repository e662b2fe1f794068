//! Finding the notes repository: its root, its configuration and the git repository
//! around it.

use crate::config::{CONFIG_FILE, Config};
use crate::error::{DiscoverError, GitError, PathError};
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
        // The work tree named by GIT_DIR/GIT_WORK_TREE need not be above `start`: its
        // own config applies there.
        let config_path = configured
            .or_else(|| root.join(CONFIG_FILE).is_file().then(|| root.clone()))
            .map(|dir| dir.join(CONFIG_FILE));
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
        self.config.settings.clone()
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

    /// Where runs prepare their temporary files: a directory in the common git directory,
    /// where no `git add -A` looks (`None` outside git).
    pub fn temp_dir(&self) -> Option<PathBuf> {
        self.common_git_dir().map(|d| d.join("oneonone-tmp"))
    }

    /// The directory every written path must stay inside: the git work tree, or the
    /// notes root outside git.
    fn home(&self) -> &Path {
        self.git_workdir().unwrap_or(&self.root)
    }

    /// Checks that the repository has a work tree (is not bare) and that the notes
    /// directory, the backlog and the wins log resolve inside the work tree, outside the
    /// git directory, and not through a symlink leading elsewhere.
    ///
    /// # Errors
    /// [`PathError`] naming the setting (and the config file that set it).
    pub fn check_paths(&self) -> Result<(), PathError> {
        if let (true, Some(git_dir)) = (self.is_bare(), self.git_dir()) {
            return Err(PathError::Bare {
                git_dir: git_dir.to_owned(),
            });
        }
        // The config file is named only when it changed the path from the default.
        let configured = |key: &'static str, default: Option<&str>, value: &Path| {
            let set = default.is_none_or(|d| Path::new(d) != value);
            ConfiguredPath {
                key,
                config: self.config_path.clone().filter(|_| set),
            }
        };
        let config = &self.config;
        self.check_inside(
            &self.notes_dir(),
            Some(configured(
                "notes_dir",
                Some(crate::config::DEFAULT_NOTES_DIR),
                &config.notes_dir,
            )),
        )?;
        self.check_inside(
            &self.backlog_path(),
            Some(configured(
                "backlog",
                Some(crate::config::DEFAULT_BACKLOG),
                &config.backlog,
            )),
        )?;
        if let (Some(wins), Some(value)) = (self.wins_log_path(), &config.wins_log) {
            self.check_inside(&wins, Some(configured("wins_log", None, value)))?;
        }
        Ok(())
    }

    /// Where a write to `path` really lands (a symlink followed), refused when that is
    /// outside the work tree or inside the git directory. `setting` names the config key
    /// that chose the path, for the message.
    ///
    /// # Errors
    /// [`PathError`].
    pub fn check_inside(
        &self,
        path: &Path,
        setting: Option<ConfiguredPath>,
    ) -> Result<PathBuf, PathError> {
        let resolved = resolve(path).map_err(|source| PathError::Resolve {
            path: path.to_owned(),
            setting: setting.clone(),
            source,
        })?;
        let refuse = |why: &'static str| PathError::Escapes {
            path: path.to_owned(),
            resolved: resolved.clone(),
            why,
            setting: setting.clone(),
        };
        let git_dirs = [self.git_dir(), self.common_git_dir()];
        if git_dirs
            .into_iter()
            .flatten()
            .any(|d| resolved.starts_with(d))
        {
            return Err(refuse("into the git directory"));
        }
        let home = std::fs::canonicalize(self.home()).unwrap_or_else(|_| self.home().to_owned());
        let Ok(rel) = resolved.strip_prefix(&home) else {
            return Err(refuse("outside the work tree"));
        };
        if rel
            .components()
            .any(|c| c.as_os_str().eq_ignore_ascii_case(".git"))
        {
            return Err(refuse("into a git directory"));
        }
        Ok(resolved)
    }

    /// Opens the git repository (each call opens a fresh handle).
    pub(crate) fn open_git(&self) -> Option<Result<git2::Repository, git2::Error>> {
        self.git.as_ref().map(|g| {
            let repo = git2::Repository::open(&g.git_dir)?;
            // GIT_WORK_TREE may have named another work tree than the git directory's.
            if let Some(workdir) = &g.workdir
                && repo.workdir().map(canonical).as_deref() != Some(workdir.as_path())
            {
                repo.set_workdir(workdir, false)?;
            }
            Ok(repo)
        })
    }
}

fn locate_git(start: &Path) -> Result<Option<GitLocation>, DiscoverError> {
    // As git does: `GIT_DIR` and `GIT_WORK_TREE` (and `GIT_CEILING_DIRECTORIES`) when set,
    // else the search upwards from `start`.
    let opened = if std::env::var_os("GIT_DIR").is_some() {
        git2::Repository::open_from_env()
    } else {
        git2::Repository::open_ext(
            start,
            git2::RepositoryOpenFlags::FROM_ENV,
            std::iter::empty::<&std::ffi::OsStr>(),
        )
    };
    let repo = match opened {
        Ok(r) => r,
        Err(e) if e.code() == git2::ErrorCode::NotFound => return Ok(None),
        Err(e) => {
            return Err(DiscoverError::Git {
                path: start.to_owned(),
                source: GitError::from_git2(&e),
            });
        }
    };
    let canon = canonical;
    Ok(Some(GitLocation {
        git_dir: canon(repo.path()),
        common_dir: canon(repo.commondir()),
        workdir: repo.workdir().map(canon),
        linked_worktree: repo.is_worktree(),
    }))
}

/// The config key (and file) that chose a path, for messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfiguredPath {
    /// The key, e.g. `backlog`.
    pub key: &'static str,
    /// The config file, or `None` when the default applies.
    pub config: Option<PathBuf>,
}

impl std::fmt::Display for ConfiguredPath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.config {
            Some(file) => write!(f, "`{}` in {}", self.key, file.display()),
            None => write!(f, "the default `{}`", self.key),
        }
    }
}

/// `path` with every symlink on the way followed, including the last component; the part
/// that does not exist yet is appended as written.
fn resolve(path: &Path) -> std::io::Result<PathBuf> {
    let mut existing = path;
    let mut missing = Vec::new();
    loop {
        match std::fs::symlink_metadata(existing) {
            Ok(_) => break,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let (Some(parent), Some(name)) = (existing.parent(), existing.file_name()) else {
                    return Err(e);
                };
                missing.push(name);
                existing = parent;
            }
            Err(e) => return Err(e),
        }
    }
    let mut resolved = std::fs::canonicalize(existing)?;
    for name in missing.into_iter().rev() {
        resolved.push(name);
    }
    Ok(resolved)
}

/// libgit2 reports paths with a trailing slash and possibly unresolved symlinks; canonical
/// paths make prefix comparisons with the notes root reliable.
fn canonical(p: &Path) -> PathBuf {
    std::fs::canonicalize(p).unwrap_or_else(|_| p.to_owned())
}
