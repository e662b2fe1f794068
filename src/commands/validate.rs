//! `oneonone validate [PATH...] [--format json]`.

use super::common::{date_or_today, open_repo, relative};
use crate::cli::Global;
use crate::error::{CliError, CliResult};
pub use crate::output::Format;
use chrono::NaiveDate;
use oneonone_core::diagnostic::codes;
use oneonone_core::{Diagnostic, Document};
use oneonone_git::error::ReadError;
use serde::Serialize;
use std::path::{Path, PathBuf};

/// Arguments of `validate`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files to check (default: every notes file of the repository, archives included).
    pub paths: Vec<PathBuf>,
    /// Judge due dates as of this date (default today): ISO or a phrase such as "tomorrow".
    #[arg(long)]
    pub date: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// The diagnostics of one file.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct FileReport {
    /// The path as given, or relative to the repository root.
    pub path: String,
    /// Its diagnostics, in line order.
    pub diagnostics: Vec<Diagnostic>,
}

/// What `validate --format json` prints.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct ValidateReport {
    /// The JSON schema version.
    pub schema_version: u32,
    /// Files checked.
    pub files: Vec<FileReport>,
    /// Errors in all files.
    pub errors: usize,
    /// Warnings in all files.
    pub warnings: usize,
}

/// Validates the files (every notes file when none is named): the logic shared by the
/// command line and the MCP server.
/// Due dates are judged as of `date` (an open item due before it is overdue).
pub fn execute(global: &Global, paths: &[PathBuf], date: NaiveDate) -> CliResult<ValidateReport> {
    let today = Some(date);
    let mut files = Vec::new();
    if paths.is_empty() {
        let repo = open_repo(global)?;
        for path in repo.notes_files().map_err(CliError::user)? {
            let shown = relative(repo.root(), &path);
            files.push(check(&path, shown, today));
        }
    } else {
        for path in paths {
            files.push(check(
                &global.start.join(path),
                path.display().to_string(),
                today,
            ));
        }
    }
    let count = |errors: bool| {
        files
            .iter()
            .flat_map(|f| &f.diagnostics)
            .filter(|d| d.is_error() == errors)
            .count()
    };
    let (errors, warnings) = (count(true), count(false));
    Ok(ValidateReport {
        schema_version: crate::output::SCHEMA_VERSION,
        files,
        errors,
        warnings,
    })
}

fn check(path: &Path, shown: String, today: Option<NaiveDate>) -> FileReport {
    let diagnostics = match oneonone_git::fs::read_text(path) {
        Ok(text) => match Document::parse(&text) {
            Ok(doc) => doc.validate(today),
            Err(e) => vec![e.to_diagnostic()],
        },
        Err(e) => vec![read_diagnostic(&e)],
    };
    FileReport {
        path: shown,
        diagnostics,
    }
}

/// A file that cannot be read is reported in the same one-line form as any finding.
fn read_diagnostic(e: &ReadError) -> Diagnostic {
    let (line, column) = match e {
        ReadError::NotUtf8 { line, column, .. } | ReadError::Nul { line, column, .. } => {
            (*line, *column)
        }
        _ => (1, 1),
    };
    let message = match e {
        ReadError::NotUtf8 { .. } => "the file is not valid UTF-8".to_owned(),
        ReadError::Nul { .. } => "the file holds a NUL byte".to_owned(),
        other => {
            let text = other.to_string();
            // The path is printed in front already; keep only what is wrong.
            text.split_once(": ")
                .map(|(_, m)| m.to_owned())
                .unwrap_or(text)
        }
    };
    Diagnostic::new(codes::UNREADABLE, line, column, message)
}

/// The closing line: `3 files checked: 1 error, 2 warnings`.
fn summary(report: &ValidateReport) -> String {
    let plural = |n: usize, one: &str| format!("{n} {one}{}", if n == 1 { "" } else { "s" });
    format!(
        "{} checked: {}, {}",
        plural(report.files.len(), "file"),
        plural(report.errors, "error"),
        plural(report.warnings, "warning")
    )
}

/// Every diagnostic as `path:line:col: severity[code]: message`, then the summary line.
fn render_text(report: &ValidateReport, style: crate::output::Style) -> String {
    let mut out = String::new();
    for file in &report.files {
        for d in &file.diagnostics {
            let line = d.display_with_path(&file.path).to_string();
            // Colour only the severity word, so the line stays the one form.
            let line = line
                .replacen(": error[", &format!(": {}[", style.red("error")), 1)
                .replacen(": warning[", &format!(": {}[", style.yellow("warning")), 1);
            out.push_str(&line);
            out.push('\n');
        }
    }
    out.push_str(&summary(report));
    out.push('\n');
    out
}

/// Validates the files and prints the diagnostics, then a summary line; exits 1 when any
/// is an error.
pub fn run(global: &Global, args: Args) -> CliResult {
    let date = date_or_today(args.date.as_deref())?;
    let report = execute(global, &args.paths, date)?;
    crate::output::print_report(&report, args.format, global.color, render_text)?;
    if report.errors > 0 {
        Err(CliError::reported())
    } else {
        Ok(())
    }
}
