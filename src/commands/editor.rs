//! Opening `$VISUAL`/`$EDITOR`: on a temporary notes file, as `git commit` does, or on
//! a running document (`oneonone edit`).

use crate::error::{CliError, CliResult};
use std::path::Path;
use std::process::{Command, ExitStatus};

/// Lines of the template that are removed again when the file is read back.
const HEADER_PREFIX: &str = "<!-- oneonone:";

/// The editor command: `$VISUAL`, else `$EDITOR`, else `vi`, as git chooses.
pub fn editor() -> String {
    std::env::var("VISUAL")
        .ok()
        .filter(|v| !v.trim().is_empty())
        .or_else(|| {
            std::env::var("EDITOR")
                .ok()
                .filter(|v| !v.trim().is_empty())
        })
        .unwrap_or_else(|| "vi".to_owned())
}

/// Runs the editor on `path` and waits for it to close.
///
/// # Errors
/// The editor could not be started.
pub fn run_editor(editor: &str, path: &Path) -> CliResult<ExitStatus> {
    // Like git, run the editor through the shell so `EDITOR="code --wait"` works.
    Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg(editor)
        .arg(path)
        .status()
        .map_err(|e| CliError::user(format!("failed to start the editor '{editor}'")).caused_by(e))
}

/// Opens the user's editor on a temporary file and returns what they wrote (header lines
/// removed). An empty result is an error, so that quitting the editor aborts, as in git.
pub fn edit_notes(person: &str) -> CliResult<String> {
    let editor = editor();
    let file = tempfile::Builder::new()
        .prefix("oneonone-notes-")
        .suffix(".md")
        .tempfile()
        .map_err(|e| CliError::internal("failed to create a temporary notes file").caused_by(e))?;
    let header = format!(
        "{HEADER_PREFIX} brain-dump your notes of the 1:1 with {person}, one per line. -->\n\
         {HEADER_PREFIX} save and quit to process them; leave the file empty to abort. -->\n"
    );
    std::fs::write(file.path(), &header).map_err(|e| {
        CliError::internal(format!("failed to write {}", file.path().display())).caused_by(e)
    })?;
    let status = run_editor(&editor, file.path())?;
    if !status.success() {
        return Err(CliError::user(format!(
            "the editor '{editor}' exited with {status}; nothing was processed"
        )));
    }
    let text = std::fs::read_to_string(file.path())
        .map_err(|e| CliError::user("failed to read the notes back").caused_by(e))?;
    let notes: String = text
        .lines()
        .filter(|l| !l.trim_start().starts_with(HEADER_PREFIX))
        .map(|l| format!("{l}\n"))
        .collect();
    if notes.trim().is_empty() {
        return Err(CliError::user("no notes written; nothing was processed"));
    }
    Ok(notes)
}
