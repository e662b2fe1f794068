//! `oneonone people`: who has a running document, and when each next meeting is due.

use super::status::{Relationships, Unlisted, relationships};
use crate::cli::Global;
use crate::error::CliResult;
pub use crate::output::Format;
use crate::output::Style;
use chrono::NaiveDate;
use oneonone_core::model::Relationship;
use oneonone_core::schedule;
use serde::Serialize;

/// Arguments of `people`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// One relationship: who, which document, and when the meetings were and are due.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct PersonSummary {
    /// The document's file stem: what every command and tool accepts as `person`.
    pub slug: String,
    /// `person:` from the front matter (the slug when missing).
    pub name: String,
    /// `role:` as written.
    pub role: Option<String>,
    /// `relationship:` when it is a known one.
    pub relationship: Option<Relationship>,
    /// `frequency:` as written.
    pub frequency: Option<String>,
    /// The running document, relative to the repository root.
    pub path: String,
    /// The newest meeting-history date.
    pub last_meeting: Option<NaiveDate>,
    /// When the next meeting is due by the frequency (the start date before any meeting).
    pub next_due: Option<NaiveDate>,
}

/// What `people --format json` prints (and the MCP tool `list_people` returns).
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct PeopleReport {
    /// The JSON schema version.
    pub schema_version: u32,
    /// Every relationship, by slug.
    pub people: Vec<PersonSummary>,
    /// The documents left out or invalid.
    #[serde(flatten)]
    pub unlisted: Unlisted,
}

/// Lists the people: the logic shared by the command line and the MCP server. Built from
/// the same documents and schedule as `status`.
pub fn execute(global: &Global) -> CliResult<PeopleReport> {
    let Relationships { loaded, unlisted } = relationships(global)?;
    let people = loaded
        .into_iter()
        .map(|r| {
            let l = r.loaded;
            let fm = l.doc.front_matter();
            PersonSummary {
                name: l.doc.person().unwrap_or(&l.person.slug).to_owned(),
                role: fm.role.clone(),
                relationship: l.doc.relationship(),
                frequency: fm.frequency.clone(),
                path: l.display_path,
                last_meeting: schedule::last_meeting_of(&l.doc, &r.archives),
                next_due: schedule::next_due_of(&l.doc, &r.archives),
                slug: l.person.slug,
            }
        })
        .collect();
    Ok(PeopleReport {
        schema_version: crate::output::SCHEMA_VERSION,
        people,
        unlisted,
    })
}

/// Prints the people.
pub fn run(global: &Global, args: Args) -> CliResult {
    let report = execute(global)?;
    crate::output::print_report(&report, args.format, global.color, render_text)
}

fn render_text(report: &PeopleReport, style: Style) -> String {
    if report.people.is_empty() && report.unlisted.invalid.is_empty() {
        return "No running documents yet: create one with `oneonone new`.\n".to_owned();
    }
    let date = |d: Option<NaiveDate>| d.map_or_else(|| "-".to_owned(), |d| d.to_string());
    report
        .people
        .iter()
        .map(|p| {
            let relationship = p.relationship.map_or("-", |r| r.as_str());
            format!(
                "{} {} ({relationship}) last met {}, next due {} {}\n",
                style.bold(&p.slug),
                p.name,
                date(p.last_meeting),
                date(p.next_due),
                style.dim(&p.path),
            )
        })
        .chain(std::iter::once(super::status::invalid_lines(
            &report.unlisted.invalid,
            0,
            style,
        )))
        .collect()
}
