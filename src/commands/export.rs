//! `oneonone export`: open action items with a due date, as all-day calendar events
//! whose UIDs stay the same from one export to the next, so a re-import updates them.

use super::common::{load, open_repo};
use crate::cli::Global;
use crate::error::{CliError, CliResult};
use chrono::{DateTime, NaiveDate, Utc};
use icalendar::{Calendar, Component, Event, EventLike, Property};
use oneonone_core::Owner;
use std::collections::HashSet;
use std::path::PathBuf;

/// Arguments of `export`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Write iCalendar (the default and only format; accepted for scripts that name it).
    #[arg(long)]
    pub ics: bool,
    /// Write to FILE instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// What an export produced.
#[derive(Debug)]
pub struct Export {
    /// The iCalendar text (CRLF line endings, as RFC 5545 requires).
    pub ics: String,
    /// How many events it holds.
    pub events: usize,
}

/// 64-bit FNV-1a: a hash whose value never changes between releases or machines, unlike
/// the standard library's, so UIDs stay stable.
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The UID of an item: the person's slug and a hash of its text (case and spacing
/// normalised), so editing the due date or priority updates the same event.
pub fn uid(slug: &str, text: &str) -> String {
    let normal = text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    format!("{slug}-{:016x}@oneonone", fnv1a(&normal))
}

/// Builds the calendar of every open action item with a due date.
pub fn execute(global: &Global, stamp: DateTime<Utc>) -> CliResult<Export> {
    let repo = open_repo(global)?;
    let mut cal = Calendar::empty();
    cal.append_property(Property::new("VERSION", "2.0"));
    cal.append_property(Property::new("PRODID", "-//oneonone//action items//EN"));
    cal.append_property(Property::new("CALSCALE", "GREGORIAN"));
    let mut seen = HashSet::new();
    let mut events = 0;
    for person in repo.people().map_err(CliError::user)? {
        let loaded = load(&repo, person)?;
        let name = loaded.person.display_name().to_owned();
        for item in loaded.doc.action_items().filter(|i| !i.done) {
            let Some(due) = item.due else { continue };
            let mut id = uid(&loaded.person.slug, &item.text);
            // Two open items with the same text: keep both events, the second one numbered.
            let mut n = 1;
            while !seen.insert(id.clone()) {
                n += 1;
                id = format!("{}-{n}", uid(&loaded.person.slug, &item.text));
            }
            let summary = match &item.owner {
                Owner::Me | Owner::Unassigned => format!("{} (1:1 {name})", item.text),
                Owner::Them => format!(
                    "{}: {} (1:1 {name})",
                    loaded.doc.first_name().unwrap_or(&name),
                    item.text
                ),
                Owner::Named(who) => format!("{who}: {} (1:1 {name})", item.text),
            };
            cal.push(
                Event::new()
                    .uid(&id)
                    .timestamp(stamp)
                    .summary(&summary)
                    .description(&format!("{}:{}", loaded.display_path, item.line))
                    .starts(due)
                    // DTEND is exclusive: an all-day event ends the next day.
                    .ends(due.succ_opt().unwrap_or(NaiveDate::MAX))
                    .done(),
            );
            events += 1;
        }
    }
    Ok(Export {
        ics: cal.to_string(),
        events,
    })
}

/// Writes the calendar to the file or standard output.
pub fn run(global: &Global, args: Args) -> CliResult {
    let export = execute(global, Utc::now())?;
    match args.output {
        Some(path) => {
            let path = global.start.join(path);
            oneonone_git::fs::write_atomic(&path, &export.ics).map_err(CliError::user)?;
            eprintln!("Wrote {} events to {}", export.events, path.display());
        }
        None => crate::output::print(&export.ics),
    }
    Ok(())
}
