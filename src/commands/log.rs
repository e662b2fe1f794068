//! `oneonone log [PERSON] [--since D] [--until D] [--kind K]... [--format text|json]`.

use crate::cli::Global;
use crate::error::{CliError, CliResult};
use crate::output::Style;
use chrono::NaiveDate;
use oneonone_core::timeline::{Event, EventKind, PersonRef};
use oneonone_git::history::{History, HistoryOptions, read_history};

/// Arguments of `log`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only this person (slug, unique prefix or name).
    pub person: Option<String>,
    /// Only events on or after this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub since: Option<NaiveDate>,
    /// Only events on or before this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub until: Option<NaiveDate>,
    /// Only these kinds (repeatable).
    #[arg(long, value_enum)]
    pub kind: Vec<Kind>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Print what reading the history cost (commits walked, blobs parsed, cache hits) to
    /// stderr.
    #[arg(long)]
    pub stats: bool,
}

/// Output formats of `log`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One line per event, newest first.
    Text,
    /// A JSON array of events.
    Json,
}

/// Event kinds on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Kind {
    /// Accomplishments shared.
    Accomplishment,
    /// New action items.
    Action,
    /// Action items ticked.
    Done,
    /// Focus areas.
    Goal,
    /// Thread entries.
    Thread,
    /// Meeting-history lines.
    Meeting,
    /// Items that disappeared (not archived).
    Removed,
}

impl From<Kind> for EventKind {
    fn from(k: Kind) -> EventKind {
        match k {
            Kind::Accomplishment => EventKind::Accomplishment,
            Kind::Action => EventKind::Action,
            Kind::Done => EventKind::Done,
            Kind::Goal => EventKind::Goal,
            Kind::Thread => EventKind::Thread,
            Kind::Meeting => EventKind::Meeting,
            Kind::Removed => EventKind::Removed,
        }
    }
}

/// Parses an ISO date argument.
pub fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| format!("'{s}' is not a date (expected YYYY-MM-DD)"))
}

/// Reads the history of the notes repository around the start directory.
pub fn load(global: &Global, stats: bool) -> CliResult<History> {
    let history = read_history(&global.start, &HistoryOptions::default()).map_err(|e| {
        if matches!(e, oneonone_git::history::HistoryError::Open { .. }) {
            CliError::user(e)
        } else {
            CliError::internal(e)
        }
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

/// Finds the person a name means: exact slug, unique slug prefix, or `person:` name,
/// case-insensitively.
pub fn resolve_person<'a>(persons: &'a [PersonRef], query: &str) -> CliResult<&'a PersonRef> {
    let q = query.trim().to_lowercase();
    if let Some(p) = persons
        .iter()
        .find(|p| p.slug == q || p.name.to_lowercase() == q)
    {
        return Ok(p);
    }
    let matches: Vec<&PersonRef> = persons
        .iter()
        .filter(|p| p.slug.starts_with(&q) || p.name.to_lowercase().starts_with(&q))
        .collect();
    match matches.as_slice() {
        [one] => Ok(one),
        [] => Err(CliError::user(format!(
            "unknown person '{query}' (known: {})",
            list(persons.iter())
        ))),
        many => Err(CliError::user(format!(
            "ambiguous person '{query}' (candidates: {})",
            list(many.iter().copied())
        ))),
    }
}

fn list<'a>(persons: impl Iterator<Item = &'a PersonRef>) -> String {
    let names: Vec<&str> = persons.map(|p| p.slug.as_str()).collect();
    if names.is_empty() {
        "none".to_owned()
    } else {
        names.join(", ")
    }
}

/// Prints the timeline.
pub fn run(global: &Global, args: Args) -> CliResult {
    let history = load(global, args.stats)?;
    let person = match &args.person {
        Some(q) => Some(resolve_person(&history.persons, q)?.slug.clone()),
        None => None,
    };
    let kinds: Vec<EventKind> = args.kind.iter().map(|&k| k.into()).collect();
    let events: Vec<&Event> = history
        .events
        .iter()
        .filter(|e| person.as_ref().is_none_or(|p| &e.person.slug == p))
        .filter(|e| args.since.is_none_or(|d| e.date >= d))
        .filter(|e| args.until.is_none_or(|d| e.date <= d))
        .filter(|e| kinds.is_empty() || kinds.contains(&e.kind))
        .collect();
    match args.format {
        Format::Json => crate::output::print_json(&events).map_err(CliError::internal)?,
        Format::Text => {
            let style = Style::new(global.color.stdout_enabled());
            let mut out = String::with_capacity(events.len() * 96);
            for e in events {
                out.push_str(&line(e, &style));
                out.push('\n');
            }
            crate::output::print(&out);
        }
    }
    Ok(())
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
