//! BACKLOG.md on disk: the task list `process` appends to. Its tasks are read by
//! [`oneonone_core::process::backlog_tasks`]; this module only reads and appends.

use crate::error::BacklogError;
use std::path::{Path, PathBuf};

/// The heading a new BACKLOG.md starts with.
pub const BACKLOG_HEADING: &str = "# Backlog";

/// The backlog file as read (possibly missing).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Backlog {
    path: PathBuf,
    text: Option<String>,
}

impl Backlog {
    /// Reads the backlog at `path`; a missing file reads as empty.
    ///
    /// # Errors
    /// [`BacklogError::Read`] when the file exists but cannot be read as text.
    pub fn read(path: &Path) -> Result<Backlog, BacklogError> {
        let text = crate::fs::read_text_if_exists(path)?;
        Ok(Backlog {
            path: path.to_owned(),
            text,
        })
    }

    /// Parses backlog text that was read elsewhere (e.g. from a git revision).
    pub fn from_text(path: &Path, text: &str) -> Backlog {
        Backlog {
            path: path.to_owned(),
            text: Some(text.to_owned()),
        }
    }

    /// The file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether the file exists.
    pub fn exists(&self) -> bool {
        self.text.is_some()
    }

    /// The text as read (empty when missing).
    pub fn text(&self) -> &str {
        self.text.as_deref().unwrap_or("")
    }

    /// The text with `lines` appended at the end, in the file's line ending; a missing
    /// file starts with a `# Backlog` heading.
    ///
    /// # Errors
    /// [`BacklogError::InvalidLine`] when a line is empty or holds a line break.
    pub fn with_appended(&self, lines: &[String]) -> Result<String, BacklogError> {
        if let Some(bad) = lines
            .iter()
            .find(|l| l.trim().is_empty() || l.contains(['\n', '\r']))
        {
            return Err(BacklogError::InvalidLine { line: bad.clone() });
        }
        let mut out = match &self.text {
            Some(t) => t.clone(),
            None => format!("{BACKLOG_HEADING}\n\n"),
        };
        let eol = if out.contains("\r\n") { "\r\n" } else { "\n" };
        if !out.is_empty() && !out.ends_with('\n') {
            out.push_str(eol);
        }
        for line in lines {
            out.push_str(line);
            out.push_str(eol);
        }
        Ok(out)
    }

    /// Appends `lines` to the file atomically, refusing if it changed since it was read.
    /// Appending nothing writes nothing.
    ///
    /// # Errors
    /// [`BacklogError`] for an invalid line or a failed (or refused) write.
    pub fn append(&mut self, lines: &[String]) -> Result<(), BacklogError> {
        if lines.is_empty() {
            return Ok(());
        }
        let new = self.with_appended(lines)?;
        match &self.text {
            Some(old) => crate::fs::write_if_unchanged(&self.path, old, &new)?,
            None => crate::fs::write_new(&self.path, &new)?,
        }
        self.text = Some(new);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::temp_path;

    #[test]
    fn append_matches_crlf_and_adds_missing_newline() {
        let b = Backlog::from_text(Path::new("B.md"), "# Backlog\r\n\r\n- [ ] a");
        assert_eq!(
            b.with_appended(&["- [ ] b".into()]).unwrap(),
            "# Backlog\r\n\r\n- [ ] a\r\n- [ ] b\r\n"
        );
    }

    #[test]
    fn append_to_missing_file_creates_heading() {
        let (_dir, path) = temp_path("BACKLOG.md");
        let mut b = Backlog::read(&path).unwrap();
        assert!(!b.exists());
        b.append(&["- [ ] one".into()]).unwrap();
        b.append(&["- [ ] two".into()]).unwrap();
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "# Backlog\n\n- [ ] one\n- [ ] two\n"
        );
    }

    #[test]
    fn append_refuses_multiline_and_concurrent_change() {
        let (_dir, path) = temp_path("BACKLOG.md");
        std::fs::write(&path, "- [ ] a\n").unwrap();
        let mut b = Backlog::read(&path).unwrap();
        assert!(matches!(
            b.append(&["x\ny".into()]).unwrap_err(),
            BacklogError::InvalidLine { .. }
        ));
        std::fs::write(&path, "- [x] a\n").unwrap();
        assert!(matches!(
            b.append(&["- [ ] b".into()]).unwrap_err(),
            BacklogError::Write(_)
        ));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "- [x] a\n");
    }
}
