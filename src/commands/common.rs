//! What several commands share: opening the notes repository, finding a person, reading a
//! running document, and "today".

use crate::cli::Global;
use crate::error::{CliError, CliResult};
use chrono::NaiveDate;
use oneonone_core::Document;
use oneonone_git::{NotesRepo, Person};
use std::path::Path;

/// Opens the notes repository around the start directory.
pub fn open_repo(global: &Global) -> CliResult<NotesRepo> {
    NotesRepo::discover(&global.start).map_err(CliError::user)
}

/// Finds a person by slug, prefix or name.
pub fn find_person(repo: &NotesRepo, query: &str) -> CliResult<Person> {
    repo.find_person(query).map_err(CliError::user)
}

/// A running document, read and parsed, with the text it was parsed from.
pub struct Loaded {
    /// Who it is about.
    pub person: Person,
    /// The text as read (to refuse a write if the file changed since).
    pub text: String,
    /// The parsed document.
    pub doc: Document,
    /// The path relative to the repository root, for messages.
    pub display_path: String,
}

/// Reads and parses a person's running document. A parse error names the file and line.
pub fn load(repo: &NotesRepo, person: Person) -> CliResult<Loaded> {
    let text =
        oneonone_git::fs::read_document(&person.path, repo.root()).map_err(CliError::user)?;
    let display_path = relative(repo.root(), &person.path);
    let doc = Document::parse(&text).map_err(|e| {
        CliError::user(
            e.to_diagnostic()
                .display_with_path(&display_path)
                .to_string(),
        )
    })?;
    Ok(Loaded {
        person,
        text,
        doc,
        display_path,
    })
}

/// The texts of a person's archives (`archive/<slug>/*.md`), in name order.
pub fn read_archives(repo: &NotesRepo, slug: &str) -> CliResult<Vec<String>> {
    let dir = repo.archive_dir().join(slug);
    let mut texts = Vec::new();
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Ok(texts);
    };
    let mut paths: Vec<std::path::PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| !n.starts_with(['_', '.']))
        })
        .collect();
    paths.sort();
    for path in paths {
        texts.push(oneonone_git::fs::read_document(&path, repo.root()).map_err(CliError::user)?);
    }
    Ok(texts)
}

/// A person's archives, parsed: what keeps the last meeting and the past known once a
/// quarter is archived. An archive that cannot be read or parsed is left out (`validate`
/// reports it).
pub fn load_archives(repo: &NotesRepo, slug: &str) -> Vec<Document> {
    read_archives(repo, slug)
        .unwrap_or_default()
        .iter()
        .filter_map(|t| Document::parse(t).ok())
        .collect()
}

/// The first validation error of a document, as `path:line:col: error[…]: message`.
pub fn first_error(doc: &Document, path: &str) -> Option<String> {
    doc.validate(None)
        .into_iter()
        .find(|d| d.is_error())
        .map(|d| d.display_with_path(path).to_string())
}

/// `path` relative to `root` when it is inside it, else as given.
pub fn relative(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .display()
        .to_string()
}

/// Today's date on this machine, the default meeting date.
pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// Parses a `--date` value: ISO or a relative phrase ("yesterday", "next friday").
pub fn parse_date(value: &str) -> CliResult<NaiveDate> {
    oneonone_core::notes::parse_date_arg(value, today()).map_err(CliError::user)
}

/// What a command that writes does with its result.
#[derive(Debug, Clone, Copy)]
pub struct Mode {
    /// Write nothing; return the diff.
    pub dry_run: bool,
    /// Commit when the repository is a git repository.
    pub commit: bool,
    /// Commit on a detached HEAD.
    pub allow_detached: bool,
}

/// A run that may write: the repository, how to commit, and the lock held until the end.
pub struct WriteSession {
    /// The notes repository.
    pub repo: NotesRepo,
    commit: Option<oneonone_git::CommitOptions>,
    _lock: Option<oneonone_git::RepoLock>,
}

impl WriteSession {
    /// Opens the repository and, unless this is a dry run, checks that a commit would be
    /// possible (a bare repository, a merge in progress or a detached HEAD is refused
    /// before anything is written) and takes the lock: one mutating run at a time, a
    /// second waits, then fails naming the lock file.
    pub fn begin(global: &Global, mode: Mode) -> CliResult<WriteSession> {
        let repo = open_repo(global)?;
        let mut commit = None;
        if mode.commit && repo.is_git() && !mode.dry_run {
            let options = oneonone_git::CommitOptions {
                allow_detached: mode.allow_detached,
                ..Default::default()
            };
            oneonone_git::check_can_commit(&repo, &options).map_err(CliError::user)?;
            commit = Some(options);
        }
        let lock = if mode.dry_run {
            None
        } else {
            Some(repo.lock().map_err(CliError::user)?)
        };
        Ok(WriteSession {
            repo,
            commit,
            _lock: lock,
        })
    }

    /// Commits exactly `paths` when committing is on; returns the commit id.
    pub fn commit(&self, paths: &[std::path::PathBuf], message: &str) -> CliResult<Option<String>> {
        let Some(options) = &self.commit else {
            return Ok(None);
        };
        let id = oneonone_git::commit_paths(&self.repo, paths, message, options.clone())
            .map_err(|e| CliError::user(format!("the files are written but not committed: {e}")))?;
        Ok(id.map(|id| id.to_string()))
    }
}

/// Writes `new` over `old` (refusing if the file changed since it was read), or creates
/// the file and its directory when there was none.
pub fn write_file(path: &Path, old: Option<&str>, new: &str) -> CliResult {
    match old {
        Some(old) => oneonone_git::fs::write_if_unchanged(path, old, new),
        None => {
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir).map_err(|e| {
                    CliError::user(format!("failed to create {}: {e}", dir.display()))
                })?;
            }
            oneonone_git::fs::write_new(path, new)
        }
    }
    .map_err(CliError::user)
}

/// A document must validate before it is written (libgit2 runs no hooks).
pub fn refuse_invalid(text: &str, path: &str) -> CliResult {
    let doc = Document::parse(text)
        .map_err(|e| CliError::user(e.to_diagnostic().display_with_path(path).to_string()))?;
    let errors: Vec<String> = doc
        .validate(None)
        .into_iter()
        .filter(|d| d.is_error())
        .map(|d| d.display_with_path(path).to_string())
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(CliError::user(format!(
            "{path} would not validate; nothing was written:\n{}",
            errors.join("\n")
        )))
    }
}
