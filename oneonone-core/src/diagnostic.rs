//! Diagnostics: the one form every finding is printed in.
//!
//! `path:line:col: error[E012]: message` (or `warning[W003]`), one line each.

use schemars::JsonSchema;
use serde::Serialize;
use std::fmt;

/// How serious a diagnostic is: errors block a commit, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Blocks the commit; `validate` exits 1.
    Error,
    /// Printed, does not block.
    Warning,
}

/// One finding about a document, with its 1-based line and column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// A stable code such as `E012` or `W003` (see [`codes`]).
    pub code: &'static str,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// A lowercase message saying what is wrong.
    pub message: String,
}

impl Diagnostic {
    /// A finding with a code of [`codes`]: its severity is the code's (`W…` codes are
    /// warnings, the others errors), so that a code never blocks in one place and not in
    /// another.
    pub fn new(code: &'static str, line: usize, column: usize, message: impl Into<String>) -> Self {
        let severity = if code.starts_with('W') {
            Severity::Warning
        } else {
            Severity::Error
        };
        Diagnostic {
            severity,
            code,
            line,
            column,
            message: message.into(),
        }
    }

    /// Whether this blocks a commit.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Formats as `path:line:col: error[E012]: message`.
    pub fn display_with_path<'a>(&'a self, path: &'a str) -> impl fmt::Display + 'a {
        DisplayWithPath {
            diagnostic: self,
            path,
        }
    }
}

struct DisplayWithPath<'a> {
    diagnostic: &'a Diagnostic,
    path: &'a str,
}

impl fmt::Display for DisplayWithPath<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.diagnostic;
        let severity = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(
            f,
            "{}:{}:{}: {}[{}]: {}",
            self.path, d.line, d.column, severity, d.code, d.message
        )
    }
}

/// The diagnostic codes, in one table so that documentation and tests can list them.
pub mod codes {
    /// Front matter missing, unclosed, or not valid YAML (or too large / a YAML bomb).
    pub const FRONT_MATTER: &str = "E001";
    /// Front matter has no `person:`.
    pub const MISSING_PERSON: &str = "E002";
    /// A front-matter value of the wrong type or form (`started:` not a date, unknown
    /// `relationship:` or `frequency:`).
    pub const FRONT_MATTER_VALUE: &str = "E003";
    /// A date that is not a real calendar date (`2026-02-30`, `2026-13-01`).
    pub const INVALID_DATE: &str = "E010";
    /// An open action item with a completion date.
    pub const OPEN_WITH_COMPLETION: &str = "E011";
    /// An unparseable `(by …)` or `(completed …)`.
    pub const BAD_DUE_DATE: &str = "E012";
    /// A list item under Action Items that is not a task-list item.
    pub const NOT_A_TASK: &str = "E013";
    /// A priority other than `[P1]`..`[P3]`.
    pub const BAD_PRIORITY: &str = "E014";
    /// Conflict markers (`<<<<<<<`, `=======`, `>>>>>>>`) left from a merge.
    pub const CONFLICT_MARKER: &str = "E020";
    /// The same known section twice.
    pub const DUPLICATE_SECTION: &str = "E021";
    /// A code fence left open: everything below it reads as code.
    pub const UNCLOSED_FENCE: &str = "E022";
    /// The document is not valid UTF-8, holds a NUL byte, or is too large.
    pub const UNREADABLE: &str = "E030";
    /// Entries out of date order (the list is newest first).
    pub const OUT_OF_ORDER: &str = "W001";
    /// An undated bullet in a dated section.
    pub const UNDATED_ENTRY: &str = "W002";
    /// An open action item past its due date.
    pub const OVERDUE: &str = "W003";
    /// A date in the future (entries, completion dates, `started:`).
    pub const FUTURE_DATE: &str = "W004";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn severity_follows_the_code() {
        let w = Diagnostic::new(codes::OVERDUE, 3, 1, "x");
        let e = Diagnostic::new(codes::BAD_DUE_DATE, 3, 1, "x");
        assert_eq!((w.severity, w.is_error()), (Severity::Warning, false));
        assert_eq!((e.severity, e.is_error()), (Severity::Error, true));
        assert_eq!(
            e.display_with_path("a.md").to_string(),
            "a.md:3:1: error[E012]: x"
        );
    }
}
