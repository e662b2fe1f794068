//! `oneonone log [PERSON] [--since D] [--until D] [--kind K]... [--format text|json]`.

use crate::cli::Global;
use crate::error::{CliError, CliResult};
pub use crate::output::Format;
use crate::output::Style;
use chrono::NaiveDate;
use oneonone_core::people::{Candidate, Lookup, lookup};
use oneonone_core::timeline::{Event, EventKind, PersonRef};
use oneonone_git::history::{History, HistoryError, HistoryOptions};
use serde::Serialize;

/// Arguments of `log`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only this person (slug, unique prefix or name).
    pub person: Option<String>,
    /// Only events on or after this date (ISO or a phrase such as "yesterday").
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub since: Option<NaiveDate>,
    /// Only events on or before this date (ISO or a phrase).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub until: Option<NaiveDate>,
    /// Only these kinds (repeatable).
    #[arg(long, value_parser = kind_parser())]
    pub kind: Vec<EventKind>,
    /// Only events whose text contains TEXT (case-insensitive).
    #[arg(long, value_name = "TEXT")]
    pub grep: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Print what reading the history cost (commits walked, blobs parsed, cache hits) to
    /// stderr.
    #[arg(long)]
    pub stats: bool,
}

/// Reads `--kind`: one of [`EventKind::ALL`], so the command line, the MCP tool and the
/// JSON share one list.
fn kind_parser() -> impl clap::builder::TypedValueParser<Value = EventKind> {
    use clap::builder::TypedValueParser as _;
    clap::builder::PossibleValuesParser::new(EventKind::ALL.map(EventKind::as_str))
        .map(|s: String| EventKind::parse(&s).unwrap_or(EventKind::Thread))
}

/// The kinds, as an error message lists them.
pub fn kind_names() -> String {
    EventKind::ALL.map(EventKind::as_str).join(", ")
}

/// Parses a date argument: ISO or the phrases the notes accept.
pub fn parse_date(s: &str) -> Result<NaiveDate, String> {
    super::common::parse_date(s).map_err(|e| e.to_string())
}

/// Reads the history of the notes repository around the start directory, for the notes
/// directory its configuration names.
pub fn load(global: &Global, stats: bool) -> CliResult<History> {
    let repo = super::common::open_repo(global)?;
    let history = repo
        .read_history(&HistoryOptions::default())
        .map_err(|e| match e {
            HistoryError::NoWorkTree { .. } | HistoryError::Open { .. } => CliError::user(e),
            _ => CliError::internal(e),
        })?;
    if stats {
        let s = history.stats;
        eprintln!(
            "commits walked: {}, blobs parsed: {}, cache hits: {}",
            s.commits_walked, s.blobs_parsed, s.cache_hits
        );
    }
    Ok(history)
}

/// Finds the person a name means, by the same rules as every other command (slug,
/// unique prefix, name, first name or surname), among the people of the history.
pub fn resolve_person<'a>(persons: &'a [PersonRef], query: &str) -> CliResult<&'a PersonRef> {
    let candidates: Vec<Candidate<'_>> = persons
        .iter()
        .map(|p| Candidate {
            slug: &p.slug,
            name: Some(&p.name),
        })
        .collect();
    match lookup(&candidates, query) {
        Lookup::Found(i) => Ok(&persons[i]),
        Lookup::Unknown(close) if !close.is_empty() => Err(CliError::user(format!(
            "no person matches `{query}`; did you mean {}?",
            list(close.iter().map(|&i| &persons[i]))
        ))),
        Lookup::Unknown(_) => Err(CliError::user(format!(
            "no person matches `{query}`; known: {}",
            list(persons.iter())
        ))),
        Lookup::Ambiguous(many) => Err(CliError::user(format!(
            "`{query}` is ambiguous; it matches: {}",
            list(many.iter().map(|&i| &persons[i]))
        ))),
    }
}

fn list<'a>(persons: impl Iterator<Item = &'a PersonRef>) -> String {
    let names: Vec<&str> = persons.map(|p| p.slug.as_str()).collect();
    if names.is_empty() {
        "none yet".to_owned()
    } else {
        names.join(", ")
    }
}

/// What to show of the timeline.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Only this person (slug, unique prefix or name).
    pub person: Option<String>,
    /// Only events on or after this date.
    pub since: Option<NaiveDate>,
    /// Only events on or before this date.
    pub until: Option<NaiveDate>,
    /// Only these kinds (all when empty).
    pub kinds: Vec<EventKind>,
    /// Only events whose text contains this, case-insensitively.
    pub grep: Option<String>,
}

/// What `log --format json` prints.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct LogReport {
    /// The JSON schema version.
    pub schema_version: u32,
    /// The events, newest first.
    pub events: Vec<Event>,
}

/// The filtered timeline: the logic shared by the command line and the MCP server.
pub fn execute(global: &Global, filter: &Filter, stats: bool) -> CliResult<LogReport> {
    let history = load(global, stats)?;
    let person = match &filter.person {
        Some(q) => Some(resolve_person(&history.persons, q)?.slug.clone()),
        None => None,
    };
    let needle = filter
        .grep
        .as_deref()
        .map(str::trim)
        .filter(|g| !g.is_empty())
        .map(str::to_lowercase);
    let events: Vec<Event> = history
        .events
        .into_iter()
        .filter(|e| person.as_ref().is_none_or(|p| &e.person.slug == p))
        .filter(|e| filter.since.is_none_or(|d| e.date >= d))
        .filter(|e| filter.until.is_none_or(|d| e.date <= d))
        .filter(|e| filter.kinds.is_empty() || filter.kinds.contains(&e.kind))
        .filter(|e| {
            needle
                .as_ref()
                .is_none_or(|n| e.text.to_lowercase().contains(n))
        })
        .collect();
    Ok(LogReport {
        schema_version: crate::output::SCHEMA_VERSION,
        events,
    })
}

/// Prints the timeline.
pub fn run(global: &Global, args: Args) -> CliResult {
    let filter = Filter {
        person: args.person,
        since: args.since,
        until: args.until,
        kinds: args.kind,
        grep: args.grep,
    };
    let report = execute(global, &filter, args.stats)?;
    crate::output::print_report(&report, args.format, global.color, |r, style| {
        let mut out = String::with_capacity(r.events.len() * 96);
        for e in &r.events {
            out.push_str(&line(e, &style));
            out.push('\n');
        }
        out
    })
}

fn line(e: &Event, style: &Style) -> String {
    let kind = format!("{:<14}", e.kind.as_str());
    let kind = match e.kind {
        EventKind::Accomplishment | EventKind::Done => style.green(&kind),
        EventKind::Removed => style.red(&kind),
        EventKind::Meeting => style.dim(&kind),
        _ => style.bold(&kind),
    };
    let mut text = e.text.clone();
    if let Some(thread) = &e.thread {
        text = format!("[{thread}] {text}");
    }
    if let Some(owner) = e
        .owner
        .as_ref()
        .filter(|_| e.item_kind == EventKind::Action)
    {
        text = format!("({owner}) {text}");
    }
    format!(
        "{} {} {} {kind} {text}",
        e.date,
        style.yellow(e.commit.short_id()),
        e.person.slug,
    )
}
