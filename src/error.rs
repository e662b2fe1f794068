//! The binary's error: what to print and which exit code to return.

use std::error::Error as StdError;
use std::fmt;
use std::process::ExitCode;

/// Why a command failed, and whether it is the user's input (exit 1) or ours (exit 2).
#[derive(Debug)]
pub struct CliError {
    kind: Kind,
    error: Box<dyn StdError + Send + Sync + 'static>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Bad input, a validation failure, an unknown person: exit 1.
    User,
    /// A bug or an environment failure we did not expect: exit 2.
    Internal,
    /// Diagnostics were already printed; exit 1 without another message.
    Reported,
}

impl CliError {
    /// A user error (exit 1).
    pub fn user(error: impl Into<Box<dyn StdError + Send + Sync + 'static>>) -> Self {
        CliError {
            kind: Kind::User,
            error: error.into(),
        }
    }

    /// This error's message, caused by `source`: printed as `error: message` and a
    /// `caused by:` line for each error of the chain, as jj's `CommandError` does, instead
    /// of folding the cause into one line.
    pub fn caused_by(self, source: impl Into<Box<dyn StdError + Send + Sync + 'static>>) -> Self {
        CliError {
            kind: self.kind,
            error: Box::new(WithSource {
                message: self.error.to_string(),
                source: source.into(),
            }),
        }
    }

    /// The message and each cause below it, top first: what `report` prints and what the
    /// MCP server returns as a tool error.
    pub fn chain(&self) -> Vec<String> {
        let mut out = vec![self.error.to_string()];
        let mut source = self.error.source();
        while let Some(cause) = source {
            out.push(cause.to_string());
            source = cause.source();
        }
        out
    }

    /// An internal error (exit 2).
    pub fn internal(error: impl Into<Box<dyn StdError + Send + Sync + 'static>>) -> Self {
        CliError {
            kind: Kind::Internal,
            error: error.into(),
        }
    }

    /// Exit 1 quietly: the command already printed why (e.g. validation diagnostics).
    pub fn reported() -> Self {
        CliError {
            kind: Kind::Reported,
            error: "diagnostics reported".into(),
        }
    }

    /// Prints `error: …` and the `caused by: …` chain to stderr, returns the exit code.
    pub fn report(&self) -> ExitCode {
        if self.kind != Kind::Reported {
            for (i, line) in self.chain().iter().enumerate() {
                let label = if i == 0 { "error" } else { "caused by" };
                eprintln!("{label}: {line}");
            }
        }
        match self.kind {
            Kind::User | Kind::Reported => ExitCode::from(1),
            Kind::Internal => ExitCode::from(2),
        }
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.error.fmt(f)
    }
}

impl From<std::io::Error> for CliError {
    fn from(error: std::io::Error) -> Self {
        CliError::internal(error)
    }
}

/// A message that says what failed, over the error that caused it.
#[derive(Debug)]
struct WithSource {
    message: String,
    source: Box<dyn StdError + Send + Sync + 'static>,
}

impl fmt::Display for WithSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl StdError for WithSource {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        Some(&*self.source)
    }
}

/// The result of a command.
pub type CliResult<T = ()> = Result<T, CliError>;
