//! `oneonone edit PERSON`: the running document in `$VISUAL`/`$EDITOR`, validated when
//! the editor closes, as `visudo` and `crontab -e` do.

use super::common::{find_person, open_repo, relative};
use super::editor::{editor, run_editor};
use crate::cli::Global;
use crate::error::{CliError, CliResult};
use oneonone_core::Document;
use std::io::{BufRead, IsTerminal, Write};

/// Arguments of `edit`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Slug, unique prefix, name or surname of the person.
    pub person: String,
}

/// What the user chose after an edit left errors.
enum Choice {
    EditAgain,
    Revert,
    Keep,
}

/// The error lines of a text, in the one diagnostic form (empty when it validates).
fn errors(text: &str, path: &str) -> Vec<String> {
    match Document::parse(text) {
        Err(e) => vec![e.to_diagnostic().display_with_path(path).to_string()],
        Ok(doc) => doc
            .validate(None)
            .into_iter()
            .filter(|d| d.is_error())
            .map(|d| d.display_with_path(path).to_string())
            .collect(),
    }
}

/// Asks on the terminal what to do with an invalid document; end of input keeps it.
fn ask() -> Choice {
    eprint!("What now? (e)dit again, (r)evert your changes, (k)eep it invalid [e]: ");
    let _ = std::io::stderr().flush();
    let mut answer = String::new();
    match std::io::stdin().lock().read_line(&mut answer) {
        Ok(0) | Err(_) => Choice::Keep,
        Ok(_) => match answer.trim().to_lowercase().as_str() {
            "" | "e" | "edit" => Choice::EditAgain,
            "r" | "revert" => Choice::Revert,
            _ => Choice::Keep,
        },
    }
}

/// Opens the document, validates it when the editor closes, and on errors offers (on a
/// terminal) to edit again or revert; exits 1 whenever the document is left invalid.
pub fn run(global: &Global, args: Args) -> CliResult {
    let repo = open_repo(global)?;
    let person = find_person(&repo, &args.person)?;
    let path = relative(repo.root(), &person.path);
    let before =
        oneonone_git::fs::read_document(&person.path, repo.root()).map_err(CliError::user)?;
    let editor = editor();
    let interactive = std::io::stdin().is_terminal();
    loop {
        let status = run_editor(&editor, &person.path)?;
        let after =
            oneonone_git::fs::read_document(&person.path, repo.root()).map_err(CliError::user)?;
        if !status.success() {
            eprintln!("warning: the editor '{editor}' exited with {status}");
        }
        let found = errors(&after, &path);
        if found.is_empty() {
            let what = if after == before {
                "no changes"
            } else {
                "saved"
            };
            eprintln!("{path}: {what}, and it validates");
            return Ok(());
        }
        for line in &found {
            eprintln!("{line}");
        }
        let choice = if interactive { ask() } else { Choice::Keep };
        match choice {
            Choice::EditAgain => continue,
            Choice::Revert => {
                oneonone_git::fs::write_atomic(&person.path, &before).map_err(CliError::user)?;
                return Err(CliError::user(format!(
                    "your changes were discarded: {path} is as it was before the edit"
                )));
            }
            Choice::Keep => {
                let n = found.len();
                return Err(CliError::user(format!(
                    "{path} is left invalid ({n} error{}): fix it with `oneonone edit {}`",
                    if n == 1 { "" } else { "s" },
                    person.slug
                )));
            }
        }
    }
}
