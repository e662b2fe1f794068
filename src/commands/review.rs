//! `oneonone review [PERSON] (--quarter 2025-Q4 | --since D --until D) [--output FILE]`.

use super::common::date_or_today;
use crate::cli::Global;
use crate::commands::log::{load, parse_date, resolve_person};
use crate::error::{CliError, CliResult};
use chrono::NaiveDate;
use oneonone_core::quarter::Quarter;
use oneonone_core::review::{Period, Review, compile};
use oneonone_core::timeline::PersonRef;
use serde::Serialize;
use std::path::PathBuf;

/// Arguments of `review`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only this person (slug, unique prefix or name); everyone when omitted.
    pub person: Option<String>,
    /// The quarter, e.g. `2025-Q4`.
    #[arg(long, conflicts_with_all = ["since", "until"])]
    pub quarter: Option<String>,
    /// First day of the period (ISO or a phrase).
    #[arg(long, value_name = "DATE", value_parser = parse_date, requires = "until")]
    pub since: Option<NaiveDate>,
    /// Last day of the period (ISO or a phrase).
    #[arg(long, value_name = "DATE", value_parser = parse_date, requires = "since")]
    pub until: Option<NaiveDate>,
    /// Judge what is overdue as of this date when the period has not ended (default
    /// today): ISO or a phrase.
    #[arg(long)]
    pub date: Option<String>,
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

/// What `review --format json` prints.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct ReviewReport {
    /// The JSON schema version.
    pub schema_version: u32,
    /// The review.
    #[serde(flatten)]
    pub review: Review,
}

/// The period of `--quarter`, or of `--since` and `--until`.
pub fn period(
    quarter: Option<&str>,
    since: Option<NaiveDate>,
    until: Option<NaiveDate>,
) -> CliResult<Period> {
    match (quarter, since, until) {
        (Some(q), _, _) => q
            .parse::<Quarter>()
            .map(Period::of_quarter)
            .map_err(CliError::user),
        (None, Some(since), Some(until)) if since <= until => Ok(Period::range(since, until)),
        (None, Some(_), Some(_)) => Err(CliError::user("--since is after --until")),
        _ => Err(CliError::user("give --quarter or both --since and --until")),
    }
}

/// Compiles the review: the logic shared by the command line and the MCP server.
pub fn execute(
    global: &Global,
    person: Option<&str>,
    period: &Period,
    today: NaiveDate,
) -> CliResult<ReviewReport> {
    let history = load(global, false)?;
    let persons = selected(&history.persons, person)?;
    let review = compile(&history.events, &persons, period, today);
    Ok(ReviewReport {
        schema_version: crate::output::SCHEMA_VERSION,
        review,
    })
}

/// The person a query names, or everyone when there is none.
pub fn selected(persons: &[PersonRef], query: Option<&str>) -> CliResult<Vec<PersonRef>> {
    Ok(match query {
        Some(q) => vec![resolve_person(persons, q)?.clone()],
        None => persons.to_vec(),
    })
}

/// Compiles and prints (or writes) the review.
pub fn run(global: &Global, args: Args) -> CliResult {
    let period = period(args.quarter.as_deref(), args.since, args.until)?;
    let today = date_or_today(args.date.as_deref())?;
    let report = execute(global, args.person.as_deref(), &period, today)?;
    let text = match args.format {
        Format::Markdown => report.review.to_markdown(),
        Format::Json => {
            let mut t = serde_json::to_string_pretty(&report).map_err(CliError::internal)?;
            t.push('\n');
            t
        }
    };
    match &args.output {
        None => crate::output::print(&text),
        Some(path) => oneonone_git::fs::write_atomic(&global.start.join(path), &text)
            .map_err(CliError::user)?,
    }
    Ok(())
}
