//! `oneonone validate [PATH...] [--format json]`.

use crate::cli::Global;
use crate::error::{CliError, CliResult};
use oneonone_core::{Diagnostic, Document};
use serde::Serialize;
use std::path::PathBuf;

/// Arguments of `validate`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files to check (default: every notes file of the repository).
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// Output formats of `validate`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// `path:line:col: error[E012]: message` lines.
    Text,
    /// A JSON report.
    Json,
}

/// What `validate` found: one entry per file checked (`--format json`, docs/json.md).
#[derive(Debug, Serialize)]
pub struct Report {
    /// The files, in the order they were given.
    pub files: Vec<FileReport>,
}

/// The diagnostics of one file.
#[derive(Debug, Serialize)]
pub struct FileReport {
    /// The path as given, relative to the start directory.
    pub path: String,
    /// Errors and warnings, in source order.
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    /// How many diagnostics are errors (they make `validate` exit 1).
    pub fn error_count(&self) -> usize {
        self.files
            .iter()
            .flat_map(|r| &r.diagnostics)
            .filter(|d| d.is_error())
            .count()
    }
}

/// Validates the files; a file with errors is a finding in the report, not a failure.
///
/// # Errors
/// Fails when a file cannot be read.
pub fn execute(global: &Global, paths: &[PathBuf]) -> CliResult<Report> {
    let mut files = Vec::new();
    for path in paths {
        let full = global.start.join(path);
        let text = std::fs::read_to_string(&full)
            .map_err(|e| CliError::user(format!("failed to read {}: {e}", path.display())))?;
        let diagnostics = match Document::parse(&text) {
            Ok(doc) => doc.validate(None),
            Err(e) => vec![e.to_diagnostic()],
        };
        files.push(FileReport {
            path: path.display().to_string(),
            diagnostics,
        });
    }
    Ok(Report { files })
}

/// Validates the files and prints the diagnostics; exits 1 when any is an error.
pub fn run(global: &Global, args: Args) -> CliResult {
    let report = execute(global, &args.paths)?;
    match args.format {
        Format::Json => {
            crate::output::print_json_versioned(&report).map_err(CliError::internal)?;
        }
        Format::Text => {
            let mut out = String::new();
            for file in &report.files {
                for d in &file.diagnostics {
                    out.push_str(&d.display_with_path(&file.path).to_string());
                    out.push('\n');
                }
            }
            crate::output::print(&out);
        }
    }
    if report.error_count() > 0 {
        Err(CliError::reported())
    } else {
        Ok(())
    }
}
