//! BACKLOG.md: the task list `process` appends to, and whose ticked tasks count as done.
//!
//! Tasks written by `process` look like
//! `- [ ] [P1] Research advisory boards (by 2026-01-22) (1:1 Sarah Chen, 2026-01-15)`.

use crate::error::BacklogError;
use chrono::NaiveDate;
use std::path::{Path, PathBuf};

/// The heading a new BACKLOG.md starts with.
pub const BACKLOG_HEADING: &str = "# Backlog";

/// The backlog file as read (possibly missing).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Backlog {
    path: PathBuf,
    text: Option<String>,
}

/// Where a task came from: the `(1:1 <Person>, <DATE>)` suffix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskOrigin {
    /// The person's name as written.
    pub person: String,
    /// The meeting date.
    pub date: NaiveDate,
}

/// One `- [ ]` / `- [x]` task of the backlog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BacklogTask {
    /// 1-based line.
    pub line: usize,
    /// Whether the box is ticked (`[x]` or `[X]`).
    pub done: bool,
    /// `[Pn]` at the start of the text, when present.
    pub priority: Option<u8>,
    /// The text after the box, without the `[Pn]` marker and the origin suffix.
    pub text: String,
    /// The `(1:1 <Person>, <DATE>)` origin, when present.
    pub origin: Option<TaskOrigin>,
    /// The whole line as written (without its line ending).
    pub raw: String,
}

impl Backlog {
    /// Reads the backlog at `path`; a missing file reads as empty.
    ///
    /// # Errors
    /// [`BacklogError::Read`] when the file exists but cannot be read as text.
    pub fn read(path: &Path) -> Result<Backlog, BacklogError> {
        let text = match crate::fs::read_text(path) {
            Ok(t) => Some(t),
            Err(crate::error::ReadError::Io { source, .. })
                if source.kind() == std::io::ErrorKind::NotFound =>
            {
                None
            }
            Err(e) => return Err(e.into()),
        };
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

    /// Every task, in file order (lines inside fenced code blocks are skipped).
    pub fn tasks(&self) -> Vec<BacklogTask> {
        let mut tasks = Vec::new();
        let mut fence: Option<&str> = None;
        for (i, line) in self.text().lines().enumerate() {
            let trimmed = line.trim_start();
            if let Some(f) = fence {
                if trimmed.starts_with(f) {
                    fence = None;
                }
                continue;
            }
            if trimmed.starts_with("```") {
                fence = Some("```");
                continue;
            }
            if trimmed.starts_with("~~~") {
                fence = Some("~~~");
                continue;
            }
            if let Some(task) = parse_task(i + 1, line) {
                tasks.push(task);
            }
        }
        tasks
    }

    /// The tasks whose origin names `person` (case-insensitive).
    pub fn tasks_for(&self, person: &str) -> Vec<BacklogTask> {
        let person = person.trim().to_lowercase();
        self.tasks()
            .into_iter()
            .filter(|t| {
                t.origin
                    .as_ref()
                    .is_some_and(|o| o.person.to_lowercase() == person)
            })
            .collect()
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

/// Formats the origin suffix `(1:1 <Person>, <DATE>)`.
pub fn origin_suffix(person: &str, date: NaiveDate) -> String {
    format!("(1:1 {person}, {})", date.format("%Y-%m-%d"))
}

fn parse_task(line_no: usize, line: &str) -> Option<BacklogTask> {
    let trimmed = line.trim_start();
    let rest = trimmed
        .strip_prefix("- ")
        .or_else(|| trimmed.strip_prefix("* "))
        .or_else(|| trimmed.strip_prefix("+ "))?;
    let (done, rest) = if let Some(r) = rest.strip_prefix("[ ]") {
        (false, r)
    } else if let Some(r) = rest
        .strip_prefix("[x]")
        .or_else(|| rest.strip_prefix("[X]"))
    {
        (true, r)
    } else {
        return None;
    };
    if !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
        return None;
    }
    let mut text = rest.trim();
    let mut priority = None;
    if let Some(r) = text.strip_prefix("[P")
        && let Some((n, after)) = r.split_once(']')
        && let Ok(n @ 1..=3) = n.parse::<u8>()
    {
        priority = Some(n);
        text = after.trim_start();
    }
    let mut origin = None;
    if let Some(body) = text.strip_suffix(')')
        && let Some(start) = body.rfind("(1:1 ")
        && let Some((person, date)) = body[start + 5..].rsplit_once(", ")
        && let Ok(date) = NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d")
    {
        origin = Some(TaskOrigin {
            person: person.trim().to_owned(),
            date,
        });
        text = body[..start].trim_end();
    }
    Some(BacklogTask {
        line: line_no,
        done,
        priority,
        text: text.to_owned(),
        origin,
        raw: line.trim_end_matches('\r').to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn tasks_parsed_with_origin_and_priority() {
        let b = Backlog::from_text(
            Path::new("B.md"),
            "# Backlog\n\n- [ ] [P1] Research boards (by 2026-01-22) (1:1 Sarah Chen, 2026-01-15)\n\
             - [X] Send deck (1:1 Sarah Chen, 2026-01-08)\n- [ ] plain task\n```\n- [ ] in code\n```\n\
             - not a task\n- [x]nospace\n",
        );
        let tasks = b.tasks();
        assert_eq!(tasks.len(), 3, "{tasks:#?}");
        assert_eq!(tasks[0].text, "Research boards (by 2026-01-22)");
        assert_eq!(tasks[0].priority, Some(1));
        assert_eq!(
            tasks[0].origin,
            Some(TaskOrigin {
                person: "Sarah Chen".into(),
                date: d("2026-01-15")
            })
        );
        assert!(!tasks[0].done);
        assert!(tasks[1].done);
        assert_eq!(tasks[1].line, 4);
        assert_eq!(tasks[2].origin, None);
        assert_eq!(b.tasks_for("sarah chen").len(), 2);
        assert_eq!(b.tasks_for("Bob").len(), 0);
    }

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
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("BACKLOG.md");
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
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("BACKLOG.md");
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
