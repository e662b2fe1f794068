//! `oneonone review [PERSON] (--quarter 2025-Q4 | --since D --until D) [--output FILE]`.

use crate::cli::Global;
use crate::commands::log::{load, parse_date, resolve_person};
use crate::error::{CliError, CliResult};
use chrono::NaiveDate;
use oneonone_core::review::{Period, compile};
use std::io::Write;
use std::path::PathBuf;

/// Arguments of `review`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only this person (slug, unique prefix or name); everyone when omitted.
    pub person: Option<String>,
    /// The quarter, e.g. `2025-Q4`.
    #[arg(long, conflicts_with_all = ["since", "until"])]
    pub quarter: Option<String>,
    /// First day of the period (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_date, requires = "until")]
    pub since: Option<NaiveDate>,
    /// Last day of the period (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_date, requires = "since")]
    pub until: Option<NaiveDate>,
    /// Write the summary to this file instead of standard output.
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Markdown)]
    pub format: Format,
}

/// Output formats of `review`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A markdown document.
    Markdown,
    /// JSON.
    Json,
}

/// Compiles and prints (or writes) the review.
pub fn run(global: &Global, args: Args) -> CliResult {
    let period = match (&args.quarter, args.since, args.until) {
        (Some(q), _, _) => Period::quarter(q).ok_or_else(|| {
            CliError::user(format!("'{q}' is not a quarter (expected e.g. 2025-Q4)"))
        })?,
        (None, Some(since), Some(until)) if since <= until => Period::range(since, until),
        (None, Some(_), Some(_)) => {
            return Err(CliError::user("--since is after --until"));
        }
        _ => return Err(CliError::user("give --quarter or both --since and --until")),
    };
    let history = load(global, false)?;
    let persons = match &args.person {
        Some(q) => vec![resolve_person(&history.persons, q)?.clone()],
        None => history.persons.clone(),
    };
    let review = compile(&history.events, &persons, &period);
    let text = match args.format {
        Format::Markdown => review.to_markdown(),
        Format::Json => {
            let mut t = serde_json::to_string_pretty(&review).map_err(CliError::internal)?;
            t.push('\n');
            t
        }
    };
    match &args.output {
        None => crate::output::print(&text),
        Some(path) => write_atomically(&global.start.join(path), &text)?,
    }
    Ok(())
}

/// Writes a temporary file beside the target, syncs it and renames it over the target.
fn write_atomically(path: &std::path::Path, text: &str) -> CliResult {
    let fail =
        |e: std::io::Error| CliError::user(format!("failed to write {}: {e}", path.display()));
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(fail)?;
    tmp.write_all(text.as_bytes()).map_err(fail)?;
    tmp.as_file().sync_all().map_err(fail)?;
    tmp.persist(path).map_err(|e| fail(e.error))?;
    Ok(())
}
