//! Errors of the core operations.

use crate::diagnostic::{Diagnostic, codes};
use thiserror::Error;

/// Why a document could not be parsed at all. Everything else is a [`Diagnostic`] from
/// [`crate::Document::validate`].
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ParseError {
    /// The front matter opens with `---` but never closes.
    #[error("front matter opened at line {line} is never closed with `---`")]
    UnclosedFrontMatter {
        /// 1-based line of the opening `---`.
        line: usize,
    },
    /// The front matter is not valid YAML, or not a mapping.
    #[error("invalid front matter: {message}")]
    InvalidFrontMatter {
        /// 1-based line of the problem.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What the YAML parser said, lowercased.
        message: String,
    },
    /// The front matter is larger than the tool accepts (a guard against YAML bombs).
    #[error("front matter is {size} bytes, more than the {limit} bytes allowed")]
    FrontMatterTooLarge {
        /// Its size.
        size: usize,
        /// The limit.
        limit: usize,
    },
    /// The text holds a NUL byte.
    #[error("the document holds a NUL byte")]
    Nul {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
    },
}

impl ParseError {
    /// The 1-based line the error points at.
    pub fn line(&self) -> usize {
        match self {
            ParseError::UnclosedFrontMatter { line }
            | ParseError::InvalidFrontMatter { line, .. }
            | ParseError::Nul { line, .. } => *line,
            ParseError::FrontMatterTooLarge { .. } => 1,
        }
    }

    /// The error as a diagnostic, so that it prints in the one form.
    pub fn to_diagnostic(&self) -> Diagnostic {
        let (code, column) = match self {
            ParseError::UnclosedFrontMatter { .. } => (codes::FRONT_MATTER, 1),
            ParseError::InvalidFrontMatter { column, .. } => (codes::FRONT_MATTER, *column),
            ParseError::FrontMatterTooLarge { .. } => (codes::FRONT_MATTER, 1),
            ParseError::Nul { column, .. } => (codes::UNREADABLE, *column),
        };
        Diagnostic::new(code, self.line(), column, self.to_string())
    }
}

/// Why an edit was refused. The document is unchanged when an edit fails.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum EditError {
    /// The text to insert is empty or holds a line break.
    #[error("cannot insert {what}: {reason}")]
    InvalidText {
        /// What was being inserted.
        what: &'static str,
        /// Why it was refused.
        reason: &'static str,
    },
    /// No open action item starts at the given line.
    #[error("no open action item at line {line}")]
    NoOpenItem {
        /// The line asked for.
        line: usize,
    },
    /// A line given for removal is not the first line of an Inbox bullet.
    #[error("line {line} is not an inbox line")]
    NotInboxLine {
        /// The line asked for.
        line: usize,
    },
    /// A line given for removal does not start an entry or action item of a known section.
    #[error("line {line} does not start an entry or action item")]
    NotAnItem {
        /// The line asked for.
        line: usize,
    },
    /// The inserted line would not be read back as an item: the place it goes is inside a
    /// code block or comment left open above it (an unclosed fence, say).
    #[error(
        "the line added at line {line} would not be read back (is a code fence or comment above it left open?)"
    )]
    Unreadable {
        /// 1-based line where the text would have gone.
        line: usize,
    },
    /// The same known section occurs twice, so the tool cannot tell which one to edit.
    #[error("section `{title}` occurs more than once (lines {first} and {second})")]
    DuplicateSection {
        /// The section's title.
        title: String,
        /// 1-based line of the first.
        first: usize,
        /// 1-based line of the second.
        second: usize,
    },
    /// The edited text no longer parses (a bug guard: edits re-parse to check).
    #[error("the edit would make the document unparseable: {0}")]
    Reparse(#[from] ParseError),
}
