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

#[derive(Serialize)]
struct FileReport {
    path: String,
    diagnostics: Vec<Diagnostic>,
}

/// Validates the files and prints the diagnostics; exits 1 when any is an error.
pub fn run(global: &Global, args: Args) -> CliResult {
    let mut reports = Vec::new();
    for path in &args.paths {
        let full = global.start.join(path);
        let text = std::fs::read_to_string(&full)
            .map_err(|e| CliError::user(format!("failed to read {}: {e}", path.display())))?;
        let diagnostics = match Document::parse(&text) {
            Ok(doc) => doc.validate(None),
            Err(e) => vec![e.to_diagnostic()],
        };
        reports.push(FileReport {
            path: path.display().to_string(),
            diagnostics,
        });
    }
    let errors = reports
        .iter()
        .flat_map(|r| &r.diagnostics)
        .filter(|d| d.is_error())
        .count();
    match args.format {
        Format::Json => crate::output::print_json(&reports).map_err(CliError::internal)?,
        Format::Text => {
            let mut out = String::new();
            for report in &reports {
                for d in &report.diagnostics {
                    out.push_str(&d.display_with_path(&report.path).to_string());
                    out.push('\n');
                }
            }
            crate::output::print(&out);
        }
    }
    if errors > 0 {
        Err(CliError::reported())
    } else {
        Ok(())
    }
}
