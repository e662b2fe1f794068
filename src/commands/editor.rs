//! Opening `$VISUAL`/`$EDITOR` on a temporary notes file, as `git commit` does.

use crate::error::{CliError, CliResult};
use std::process::Command;

/// Lines of the template that are removed again when the file is read back.
const HEADER_PREFIX: &str = "<!-- oneonone:";

/// Opens the user's editor on a temporary file and returns what they wrote (header lines
/// removed). An empty result is an error, so that quitting the editor aborts, as in git.
pub fn edit_notes(person: &str) -> CliResult<String> {
    let editor = std::env::var("VISUAL")
        .ok()
        .filter(|v| !v.trim().is_empty())
        .or_else(|| {
            std::env::var("EDITOR")
                .ok()
                .filter(|v| !v.trim().is_empty())
        })
        .unwrap_or_else(|| "vi".to_owned());
    let file = tempfile::Builder::new()
        .prefix("oneonone-notes-")
        .suffix(".md")
        .tempfile()
        .map_err(|e| CliError::internal(format!("failed to create a temporary notes file: {e}")))?;
    let header = format!(
        "{HEADER_PREFIX} brain-dump your notes of the 1:1 with {person}, one per line. -->\n\
         {HEADER_PREFIX} save and quit to process them; leave the file empty to abort. -->\n"
    );
    std::fs::write(file.path(), &header).map_err(|e| {
        CliError::internal(format!("failed to write {}: {e}", file.path().display()))
    })?;
    // Like git, run the editor through the shell so `EDITOR="code --wait"` works.
    let status = Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg(&editor)
        .arg(file.path())
        .status()
        .map_err(|e| CliError::user(format!("failed to start the editor '{editor}': {e}")))?;
    if !status.success() {
        return Err(CliError::user(format!(
            "the editor '{editor}' exited with {status}; nothing was processed"
        )));
    }
    let text = std::fs::read_to_string(file.path())
        .map_err(|e| CliError::user(format!("failed to read the notes back: {e}")))?;
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
