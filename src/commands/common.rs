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

/// A person's archives, parsed: what keeps the last meeting and the past known once a
/// quarter is archived. An archive that cannot be read or parsed is left out (`validate`
/// reports it).
pub fn load_archives(repo: &NotesRepo, slug: &str) -> Vec<Document> {
    oneonone_git::transaction::read_archives(repo, slug)
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

/// A `--date` value when given, else today.
pub fn date_or_today(value: Option<&str>) -> CliResult<NaiveDate> {
    value.map_or_else(|| Ok(today()), parse_date)
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

/// The flags of every command that writes a meeting's files.
#[derive(Debug, clap::Args)]
pub struct WriteArgs {
    /// Print the unified diff of every file it would change and write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Write the files but do not commit.
    #[arg(long)]
    pub no_commit: bool,
    /// Commit even on a detached HEAD.
    #[arg(long)]
    pub allow_detached: bool,
}

impl WriteArgs {
    /// What the command does with its result.
    pub fn mode(&self) -> Mode {
        Mode {
            dry_run: self.dry_run,
            commit: !self.no_commit,
            allow_detached: self.allow_detached,
        }
    }
}

/// A run that may write: a dry run reads the repository only; otherwise the meeting's
/// write transaction (checks, lock, writes, commit) of `oneonone-git`.
pub enum WriteSession {
    /// Nothing will be written.
    DryRun(NotesRepo),
    /// The transaction, holding the run lock.
    Write(oneonone_git::WriteTransaction),
}

impl WriteSession {
    /// Opens the repository and, unless this is a dry run, begins the transaction: every
    /// refusal that needs no git run comes now, before anything is written. Notices (a
    /// dead run's lock taken over) go to standard error.
    pub fn begin(global: &Global, mode: Mode) -> CliResult<WriteSession> {
        let repo = open_repo(global)?;
        if mode.dry_run {
            return Ok(WriteSession::DryRun(repo));
        }
        let options = oneonone_git::TransactionOptions {
            commit: mode.commit,
            allow_detached: mode.allow_detached,
            ..Default::default()
        };
        let tx = oneonone_git::WriteTransaction::begin(repo, options).map_err(CliError::user)?;
        if let Some(taken) = tx.taken_over() {
            eprintln!("note: {taken}");
        }
        Ok(WriteSession::Write(tx))
    }

    /// The notes repository.
    pub fn repo(&self) -> &NotesRepo {
        match self {
            WriteSession::DryRun(repo) => repo,
            WriteSession::Write(tx) => tx.repo(),
        }
    }

    /// Writes `changes` and commits them with `also` (see
    /// [`oneonone_git::WriteTransaction::commit`]); returns the commit id.
    pub fn finish(
        self,
        changes: &[oneonone_git::FileChange],
        also: &[std::path::PathBuf],
        message: &str,
    ) -> CliResult<Option<String>> {
        match self {
            WriteSession::DryRun(_) => Ok(None),
            WriteSession::Write(tx) => Ok(tx
                .commit(changes, also, message)
                .map_err(CliError::user)?
                .commit_id()
                .map(ToString::to_string)),
        }
    }
}

/// A document must validate before it is written (and before a dry run shows it).
pub fn refuse_invalid(text: &str, path: &str) -> CliResult {
    oneonone_git::transaction::validate_document(text, path).map_err(|errors| {
        CliError::user(format!(
            "{path} would not validate; nothing was written:\n{}",
            errors.join("\n")
        ))
    })
}
