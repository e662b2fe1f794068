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
