//! Validating what is about to be committed: the staged blobs of the notes files that
//! differ from HEAD, read from the index in-process.
//!
//! This runs on every `git commit`, so it reads only the index, the HEAD tree entries of
//! the candidate paths and their blobs; it never walks the work tree. Only an index
//! libgit2 cannot read (a split or sparse index) is listed by `git ls-files` instead.

use crate::config::{CONFIG_FILE, Config, DEFAULT_NOTES_DIR};
use crate::error::GitStepError;
use oneonone_core::diagnostic::codes;
use oneonone_core::{Diagnostic, Document};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use thiserror::Error;

/// One staged notes file and what validation found in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StagedFile {
    /// The path relative to the repository root, with `/` separators.
    pub path: String,
    /// The diagnostics of its staged content.
    pub diagnostics: Vec<Diagnostic>,
}

impl StagedFile {
    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Why the staged files could not be validated.
#[derive(Debug, Error)]
pub enum StagedError {
    /// The repository (or the index git named) could not be opened.
    #[error("failed to open the git repository")]
    Open(#[source] crate::GitError),
    /// The repository is bare: nothing is staged.
    #[error("the git repository is bare")]
    Bare,
    /// A libgit2 step failed.
    #[error(transparent)]
    Git(#[from] GitStepError),
    /// A `.oneonone.toml` is invalid, so the notes directory is unknown.
    #[error("failed to load the configuration")]
    Config(#[from] crate::ConfigError),
}

/// Validates the staged notes files of the repository git is committing in, found from
/// the environment git gives hooks (`GIT_DIR`, `GIT_INDEX_FILE` — `git commit -a` stages
/// into a temporary index).
///
/// # Errors
/// [`StagedError`] when the repository, index or a blob cannot be read.
pub fn validate_staged_from_env() -> Result<Vec<StagedFile>, StagedError> {
    let repo = git2::Repository::open_from_env()
        .map_err(|e| StagedError::Open(crate::error::GitError::from_git2(&e)))?;
    validate_staged_in(&repo)
}

/// Validates the staged notes files of the repository at `path` (its own index).
///
/// # Errors
/// [`StagedError`] when the repository, index or a blob cannot be read.
pub fn validate_staged_at(path: &Path) -> Result<Vec<StagedFile>, StagedError> {
    let repo = git2::Repository::open(path)
        .map_err(|e| StagedError::Open(crate::error::GitError::from_git2(&e)))?;
    validate_staged_in(&repo)
}

fn validate_staged_in(repo: &git2::Repository) -> Result<Vec<StagedFile>, StagedError> {
    let git = GitStepError::at::<StagedError>;
    let workdir = repo.workdir().ok_or(StagedError::Bare)?;
    let _pause = crate::hash_check::HashCheckPause::start();
    let index = index_entries(repo, workdir)?;
    let head_tree = match repo.head() {
        Ok(head) => Some(head.peel_to_tree().map_err(git("read the HEAD tree"))?),
        Err(e)
            if matches!(
                e.code(),
                git2::ErrorCode::UnbornBranch | git2::ErrorCode::NotFound
            ) =>
        {
            None
        }
        Err(e) => return Err(git("read HEAD")(e)),
    };
    let notes_dirs = notes_dirs(repo, &index, workdir)?;
    let committed = match &head_tree {
        Some(tree) => {
            committed_blobs(repo, tree, &notes_dirs).map_err(git("read the HEAD tree"))?
        }
        None => HashMap::new(),
    };
    let mut files = Vec::new();
    for entry in &index {
        if !notes_dirs.iter().any(|dir| is_notes_path(&entry.path, dir))
            || committed.get(&entry.path) == Some(&entry.id)
        {
            continue;
        }
        let blob = repo
            .find_blob(entry.id)
            .map_err(git("read a staged blob"))?;
        files.push(StagedFile {
            path: entry.path.clone(),
            diagnostics: validate_bytes(blob.content()),
        });
    }
    Ok(files)
}

/// A resolved regular file of the index: what a commit would record.
struct IndexEntry {
    path: String,
    id: git2::Oid,
}

/// The resolved regular files of the index git is committing from (`GIT_INDEX_FILE` when
/// git set it). Unmerged entries are left out: git refuses to commit them anyway.
fn index_entries(repo: &git2::Repository, workdir: &Path) -> Result<Vec<IndexEntry>, StagedError> {
    let index = match repo.index() {
        Ok(index) => index,
        // libgit2 reads neither a split index (`link`) nor a sparse one (`sdir`).
        Err(e) => {
            return ls_files(repo, workdir).map_err(|_| GitStepError::at("read the index")(e));
        }
    };
    Ok(index
        .iter()
        .filter(|e| (e.flags >> 12) & 0x3 == 0 && matches!(e.mode, 0o100644 | 0o100755))
        .filter_map(|e| {
            let path = String::from_utf8(e.path).ok()?;
            Some(IndexEntry { path, id: e.id })
        })
        .collect())
}

/// The index as `git ls-files --stage` lists it (a sparse index expanded).
fn ls_files(
    repo: &git2::Repository,
    workdir: &Path,
) -> Result<Vec<IndexEntry>, crate::git_cli::GitCliError> {
    let cli = crate::git_cli::GitCli::new(repo.path(), workdir, None);
    let out = cli.run("ls-files", &["ls-files", "--stage", "-z"], &[], None)?;
    Ok(out
        .split(|&b| b == 0)
        .filter_map(|record| {
            // `MODE OID STAGE\tPATH`
            let record = std::str::from_utf8(record).ok()?;
            let (meta, path) = record.split_once('\t')?;
            let mut meta = meta.split(' ');
            let (mode, id, stage) = (meta.next()?, meta.next()?, meta.next()?);
            let regular = matches!(mode, "100644" | "100755") && stage == "0";
            let id = git2::Oid::from_str(id).ok()?;
            regular.then(|| IndexEntry {
                path: path.to_owned(),
                id,
            })
        })
        .collect())
}

/// The blob ids of every file under the notes directories in HEAD, keyed by path. One
/// walk loads each tree once; looking paths up one by one would re-read the notes
/// directory's tree for every file, which dominated the hook's run time.
fn committed_blobs(
    repo: &git2::Repository,
    head: &git2::Tree<'_>,
    notes_dirs: &[String],
) -> Result<HashMap<String, git2::Oid>, git2::Error> {
    let mut out = HashMap::new();
    for dir in notes_dirs {
        let sub = match head.get_path(Path::new(dir)) {
            Ok(e) if e.kind() == Some(git2::ObjectType::Tree) => repo.find_tree(e.id())?,
            _ => continue,
        };
        sub.walk(git2::TreeWalkMode::PreOrder, |parent, entry| {
            if entry.kind() == Some(git2::ObjectType::Blob)
                && let Ok(name) = std::str::from_utf8(entry.name_bytes())
            {
                out.insert(format!("{dir}/{parent}{name}"), entry.id());
            }
            git2::TreeWalkResult::Ok
        })?;
    }
    Ok(out)
}

/// Validates a document's bytes: not UTF-8 is an error at the first bad byte.
pub fn validate_bytes(bytes: &[u8]) -> Vec<Diagnostic> {
    match std::str::from_utf8(bytes) {
        Ok(text) => match Document::parse(text) {
            Ok(doc) => doc.validate(None),
            Err(e) => vec![e.to_diagnostic()],
        },
        Err(e) => {
            let good = &bytes[..e.valid_up_to()];
            let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
            let column =
                good.len() - good.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1) + 1;
            vec![Diagnostic::new(
                codes::UNREADABLE,
                line,
                column,
                "the file is not valid UTF-8",
            )]
        }
    }
}

/// The notes directories (relative to the repository root, `/`-separated): one per
/// `.oneonone.toml` in the index or at the work tree root, else the default.
fn notes_dirs(
    repo: &git2::Repository,
    index: &[IndexEntry],
    workdir: &Path,
) -> Result<Vec<String>, StagedError> {
    let mut dirs = Vec::new();
    let mut root_configured = false;
    for entry in index {
        let path = entry.path.as_str();
        let base = match path.strip_suffix(CONFIG_FILE) {
            Some("") => "",
            Some(b) if b.ends_with('/') => b,
            _ => continue,
        };
        let blob = repo
            .find_blob(entry.id)
            .map_err(GitStepError::at::<StagedError>(
                "read a staged configuration",
            ))?;
        let text = String::from_utf8_lossy(blob.content());
        let config = Config::parse(&text, Path::new(path))?;
        root_configured |= base.is_empty();
        dirs.push(join(base, &config.notes_dir));
    }
    if !root_configured {
        // An untracked config at the root still says where the notes are.
        let file = workdir.join(CONFIG_FILE);
        let notes_dir = if file.is_file() {
            Config::load(&file)?.notes_dir
        } else {
            PathBuf::from(DEFAULT_NOTES_DIR)
        };
        dirs.push(join("", &notes_dir));
    }
    Ok(dirs)
}

fn join(base: &str, dir: &Path) -> String {
    let dir = dir.to_string_lossy().replace('\\', "/");
    let dir = dir.trim_start_matches("./").trim_end_matches('/');
    format!("{base}{dir}")
}

/// SPEC 2: `*.md` directly in the notes directory or anywhere under its `archive/`, with
/// no file or archive directory name starting `_` or `.`.
pub fn is_notes_path(path: &str, notes_dir: &str) -> bool {
    let Some(rest) = path
        .strip_prefix(notes_dir)
        .and_then(|r| r.strip_prefix('/'))
    else {
        return false;
    };
    let parts: Vec<&str> = rest.split('/').collect();
    let (name, dirs) = parts.split_last().expect("split gives at least one part");
    let name_ok = name.ends_with(".md") && !name.starts_with(['_', '.']);
    let dirs_ok = match dirs {
        [] => true,
        ["archive", more @ ..] => more.iter().all(|d| !d.starts_with(['_', '.'])),
        _ => false,
    };
    name_ok && dirs_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_paths_follow_spec_layout() {
        let d = "Career/1-on-1s";
        assert!(is_notes_path("Career/1-on-1s/sarah-chen.md", d));
        assert!(is_notes_path(
            "Career/1-on-1s/archive/sarah-chen/2025-Q4-retro.md",
            d
        ));
        assert!(!is_notes_path("Career/1-on-1s/_template.md", d));
        assert!(!is_notes_path("Career/1-on-1s/.draft.md", d));
        assert!(!is_notes_path("Career/1-on-1s/archive/.x/a.md", d));
        assert!(!is_notes_path("Career/1-on-1s/other/a.md", d));
        assert!(!is_notes_path("Career/1-on-1s/notes.txt", d));
        assert!(!is_notes_path("Career/1-on-1sx/a.md", d));
        assert!(!is_notes_path("BACKLOG.md", d));
    }

    #[test]
    fn non_utf8_reported_at_first_bad_byte() {
        let d = validate_bytes(b"---\nperson: A\n---\nab\xffc\n");
        assert_eq!(d.len(), 1);
        assert_eq!(
            (d[0].code, d[0].line, d[0].column),
            (codes::UNREADABLE, 4, 3)
        );
    }
}
