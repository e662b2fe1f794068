//! A meeting's write transaction: one writer at a time, every refusal before the first
//! write, validated atomic writes of all the files or none, then a commit made by git.
//!
//! `process`, `archive` and applying a plan all go through [`WriteTransaction`]:
//! [`WriteTransaction::begin`] checks what needs no git run (a bare repository, an
//! operation in progress, a detached HEAD, no identity, configured paths that leave the
//! work tree) and takes the run lock; [`WriteTransaction::commit`] validates the new
//! documents, writes the files (putting back the ones already written when a later one
//! fails), then commits them with [`crate::commit_paths`]. When git refuses, the files stay
//! written and the error says so; the next transaction of the same meeting commits what is
//! still uncommitted of its files, even when it has nothing new to write.

use crate::commit::{CommitId, CommitOptions, GitEnv, check_can_commit, commit_paths};
use crate::error::{CommitError, LockError, PathError, ReadError, WriteError};
use crate::lock::{RepoLock, TakenOver};
use crate::repo::NotesRepo;
use oneonone_core::Document;
use std::path::{Path, PathBuf};
use thiserror::Error;

/// How a transaction treats git.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransactionOptions {
    /// Commit the written files when the notes are in a git repository.
    pub commit: bool,
    /// Commit even on a detached HEAD.
    pub allow_detached: bool,
    /// The identity variables git commits with.
    pub env: GitEnv,
}

impl Default for TransactionOptions {
    /// Commit; refuse a detached HEAD; identities from this process's environment.
    fn default() -> Self {
        TransactionOptions {
            commit: true,
            allow_detached: false,
            env: GitEnv::from_process(),
        }
    }
}

/// What one file becomes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileChange {
    path: PathBuf,
    old: Option<String>,
    new: String,
    document: bool,
}

impl FileChange {
    /// A running document or archive: validated before anything is written, and refused
    /// when it is a symlink. `old` is the text it was read with (`None`: a new file).
    pub fn document(path: impl Into<PathBuf>, old: Option<String>, new: String) -> Self {
        FileChange {
            path: path.into(),
            old,
            new,
            document: true,
        }
    }

    /// Another file (BACKLOG.md): written as given. `old` as for [`FileChange::document`].
    pub fn plain(path: impl Into<PathBuf>, old: Option<String>, new: String) -> Self {
        FileChange {
            path: path.into(),
            old,
            new,
            document: false,
        }
    }

    /// The file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn changes(&self) -> bool {
        self.old.as_deref() != Some(self.new.as_str())
    }
}

/// How a transaction ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Git made this commit.
    Committed(CommitId),
    /// The files hold what HEAD holds already.
    NothingToCommit,
    /// Not committing: outside git, or committing was turned off.
    NotCommitted,
}

impl Outcome {
    /// The commit, when one was made.
    pub fn commit_id(&self) -> Option<&CommitId> {
        match self {
            Outcome::Committed(id) => Some(id),
            _ => None,
        }
    }
}

/// Why a transaction stopped.
#[derive(Debug, Error)]
pub enum TransactionError {
    /// A refusal before anything was written (bare, merge in progress, detached…).
    #[error(transparent)]
    Refused(CommitError),
    /// A path to write leads where the tool never writes.
    #[error(transparent)]
    Path(#[from] PathError),
    /// Another run holds the lock, or it could not be taken.
    #[error(transparent)]
    Lock(#[from] LockError),
    /// A new document would not validate.
    #[error("{path} would not validate; nothing was written:\n{}", diagnostics.join("\n"))]
    Invalid {
        /// The document, relative to the notes root.
        path: String,
        /// Its errors, one `path:line:col: error[E…]: message` per line.
        diagnostics: Vec<String>,
    },
    /// A write failed; the files written before it were put back.
    #[error("failed to write the files; nothing was written")]
    Write(#[source] WriteError),
    /// The files are written, and git did not commit them.
    #[error(
        "{} written but not committed; fix what git says, then run the same command again to commit {}",
        names(paths), if paths.len() == 1 { "it" } else { "them" }
    )]
    NotCommitted {
        /// The files, relative to the notes root.
        paths: Vec<String>,
        /// Why.
        #[source]
        source: CommitError,
    },
}

fn names(paths: &[String]) -> String {
    match paths {
        [one] => format!("{one} is"),
        many => format!("{} are", many.join(" and ")),
    }
}

/// A run that changes a meeting's files, holding the run lock until it is dropped.
#[derive(Debug)]
pub struct WriteTransaction {
    repo: NotesRepo,
    commit: Option<CommitOptions>,
    lock: RepoLock,
    cleaned: usize,
}

impl WriteTransaction {
    /// Refuses what needs no git run (a bare repository, a merge, rebase, cherry-pick or
    /// bisect in progress, a detached HEAD unless allowed, no identity, a configured path
    /// leaving the work tree), then takes the run lock (taking over a dead run's lock) and
    /// removes the temporary files a killed run left.
    ///
    /// # Errors
    /// [`TransactionError::Refused`], [`TransactionError::Path`] or
    /// [`TransactionError::Lock`]; nothing is written.
    pub fn begin(
        repo: NotesRepo,
        options: TransactionOptions,
    ) -> Result<WriteTransaction, TransactionError> {
        let mut commit = None;
        if repo.is_bare() {
            return Err(TransactionError::Refused(CommitError::Bare {
                path: repo.git_dir().unwrap_or(repo.root()).to_owned(),
            }));
        }
        if options.commit && repo.is_git() {
            let commit_options = CommitOptions {
                allow_detached: options.allow_detached,
                env: options.env,
            };
            check_can_commit(&repo, &commit_options).map_err(TransactionError::Refused)?;
            commit = Some(commit_options);
        }
        repo.check_paths()?;
        let lock = repo.lock()?;
        let cleaned = match repo.temp_dir() {
            Some(dir) => crate::fs::clean_temp_dir(&dir).unwrap_or(0),
            None => 0,
        };
        Ok(WriteTransaction {
            repo,
            commit,
            lock,
            cleaned,
        })
    }

    /// The notes repository.
    pub fn repo(&self) -> &NotesRepo {
        &self.repo
    }

    /// The dead run whose lock this one took over, to tell the user.
    pub fn taken_over(&self) -> Option<&TakenOver> {
        self.lock.taken_over()
    }

    /// How many temporary files of a killed run were removed.
    pub fn cleaned_temp_files(&self) -> usize {
        self.cleaned
    }

    /// Validates every new document, writes `changes` in order (all or none: a failure
    /// puts back what was written), then commits the changed files and `also` (the
    /// meeting's other files, so that what an interrupted or refused run left uncommitted
    /// goes in too) with `message`. With no change at all it still commits what of
    /// `also` is uncommitted.
    ///
    /// # Errors
    /// [`TransactionError::Invalid`], [`TransactionError::Path`] or
    /// [`TransactionError::Write`] with nothing written;
    /// [`TransactionError::NotCommitted`] with every file written.
    pub fn commit(
        self,
        changes: &[FileChange],
        also: &[PathBuf],
        message: &str,
    ) -> Result<Outcome, TransactionError> {
        let changes: Vec<&FileChange> = changes.iter().filter(|c| c.changes()).collect();
        let mut targets = Vec::with_capacity(changes.len());
        for change in &changes {
            if change.document {
                self.validate(change)?;
            }
            targets.push(self.target(change)?);
        }
        self.write_all(&changes, &targets)?;
        crate::fs::failpoint("before-commit", Path::new(""));

        let Some(options) = self.commit.clone() else {
            return Ok(Outcome::NotCommitted);
        };
        let mut paths = targets;
        for path in also {
            // A file that does not exist (a backlog never created) has nothing to commit.
            if let Ok(real) = self.repo.check_inside(path, None)
                && !paths.contains(&real)
                && std::fs::symlink_metadata(&real).is_ok()
            {
                paths.push(real);
            }
        }
        match commit_paths(&self.repo, &paths, message, options) {
            Ok(Some(id)) => Ok(Outcome::Committed(id)),
            Ok(None) => Ok(Outcome::NothingToCommit),
            Err(source) => Err(TransactionError::NotCommitted {
                paths: paths.iter().map(|p| self.display(p)).collect(),
                source,
            }),
        }
    }

    fn display(&self, path: &Path) -> String {
        let root =
            std::fs::canonicalize(self.repo.root()).unwrap_or_else(|_| self.repo.root().into());
        path.strip_prefix(&root)
            .or_else(|_| path.strip_prefix(self.repo.root()))
            .unwrap_or(path)
            .display()
            .to_string()
    }

    fn validate(&self, change: &FileChange) -> Result<(), TransactionError> {
        let path = self.display(&change.path);
        validate_document(&change.new, &path)
            .map_err(|diagnostics| TransactionError::Invalid { path, diagnostics })
    }

    /// Where the change is really written: refused outside the work tree or in `.git`, and
    /// for a document that is a symlink.
    fn target(&self, change: &FileChange) -> Result<PathBuf, TransactionError> {
        let is_link =
            std::fs::symlink_metadata(&change.path).is_ok_and(|m| m.file_type().is_symlink());
        if change.document && is_link {
            return Err(PathError::Symlink {
                path: change.path.clone(),
            }
            .into());
        }
        Ok(self.repo.check_inside(&change.path, None)?)
    }

    fn write_all(
        &self,
        changes: &[&FileChange],
        targets: &[PathBuf],
    ) -> Result<(), TransactionError> {
        let temp_dir = self.repo.temp_dir();
        for (i, (change, target)) in changes.iter().zip(targets).enumerate() {
            let _ = crate::fs::clean_temps_beside(target);
            if let Err(e) = crate::fs::write_file_via(
                target,
                change.old.as_deref(),
                &change.new,
                temp_dir.as_deref(),
            ) {
                for (done, target) in changes[..i].iter().zip(targets).rev() {
                    put_back(done, target);
                }
                return Err(TransactionError::Write(e));
            }
        }
        Ok(())
    }
}

/// Undoes one write, unless someone has edited the file since (the check keeps theirs).
fn put_back(change: &FileChange, target: &Path) {
    match &change.old {
        Some(old) => {
            let _ = crate::fs::write_if_unchanged(target, &change.new, old);
        }
        None => {
            if crate::fs::read_text(target).is_ok_and(|t| t == change.new) {
                let _ = std::fs::remove_file(target);
            }
        }
    }
}

/// The texts of a person's archives (`archive/<slug>/*.md`, leaving out names that begin
/// with `_` or `.`), in name order: what a meeting's planning reads besides the running
/// document and the backlog, so that what was archived is still known. No archive
/// directory: none.
///
/// # Errors
/// The first archive that cannot be read, or that leads out of the notes repository.
pub fn read_archives(repo: &NotesRepo, slug: &str) -> Result<Vec<String>, ReadError> {
    let Ok(entries) = std::fs::read_dir(repo.archive_dir().join(slug)) else {
        return Ok(Vec::new());
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| !n.starts_with(['_', '.']))
        })
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|path| crate::fs::read_document(path, repo.root()))
        .collect()
}

/// The errors that make `text` an invalid document, each as a one-line diagnostic on
/// `path`; empty `Ok` when it validates.
///
/// # Errors
/// The diagnostics, when there is at least one error.
pub fn validate_document(text: &str, path: &str) -> Result<(), Vec<String>> {
    let doc = Document::parse(text)
        .map_err(|e| vec![e.to_diagnostic().display_with_path(path).to_string()])?;
    let errors: Vec<String> = doc
        .validate(None)
        .into_iter()
        .filter(|d| d.is_error())
        .map(|d| d.display_with_path(path).to_string())
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn read_archives_reads_markdown_in_name_order_skipping_hidden_and_underscored() {
        let dir = tempfile::tempdir().unwrap();
        let repo = NotesRepo::discover(dir.path()).unwrap();
        assert_eq!(
            read_archives(&repo, "sarah-chen").unwrap(),
            Vec::<String>::new()
        );
        let archives = repo.archive_dir().join("sarah-chen");
        std::fs::create_dir_all(&archives).unwrap();
        for (name, text) in [
            ("2026-Q1-retro.md", "q1"),
            ("2025-Q4-retro.md", "q4"),
            ("_draft.md", "draft"),
            (".hidden.md", "hidden"),
            ("notes.txt", "text"),
        ] {
            std::fs::write(archives.join(name), text).unwrap();
        }
        assert_eq!(read_archives(&repo, "sarah-chen").unwrap(), ["q4", "q1"]);
        assert_eq!(
            read_archives(&repo, "marco-rossi").unwrap(),
            Vec::<String>::new()
        );
    }
}
