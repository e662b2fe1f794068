//! `oneonone status`: every relationship at a glance, most in need of attention first.

use super::common::{Loaded, date_or_today, first_error, load, load_archives, open_repo};
use crate::cli::Global;
use crate::error::{CliError, CliResult};
pub use crate::output::Format;
use crate::output::Style;
use chrono::NaiveDate;
use oneonone_core::Document;
use oneonone_core::status::{ActionCounts, Status, StatusRow};
use serde::Serialize;

/// Arguments of `status`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The date to compute for (default today): ISO or a phrase such as "tomorrow".
    #[arg(long)]
    pub date: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// What `status --format json` prints.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct StatusReport {
    /// The JSON schema version.
    pub schema_version: u32,
    /// The date and the rows.
    #[serde(flatten)]
    pub status: Status,
    /// The documents left out or invalid.
    #[serde(flatten)]
    pub unlisted: Unlisted,
}

/// The running documents `status` and `people` could not list in full.
#[derive(Debug, Default, Serialize, schemars::JsonSchema)]
pub struct Unlisted {
    /// Documents that could not be read, with why (they are left out).
    pub skipped: Vec<String>,
    /// The slug of each document that could not be read or does not validate, with its
    /// first error, for the text listing.
    #[serde(skip)]
    pub invalid: Vec<(String, String)>,
}

/// A running document with its archives.
pub struct Relationship {
    /// The running document.
    pub loaded: Loaded,
    /// Its archives, parsed.
    pub archives: Vec<Document>,
}

/// Every running document of the repository, parsed, sorted by slug; and the ones that
/// could not be read, with why.
pub struct Relationships {
    /// The documents that parsed.
    pub loaded: Vec<Relationship>,
    /// The others, and the ones that do not validate.
    pub unlisted: Unlisted,
}

/// Reads every running document: what `status` and `people` are built from.
pub fn relationships(global: &Global) -> CliResult<Relationships> {
    let repo = open_repo(global)?;
    let mut loaded = Vec::new();
    let mut unlisted = Unlisted::default();
    for person in repo.people().map_err(CliError::user)? {
        let slug = person.slug.clone();
        // One unreadable document must not hide every other relationship.
        match load(&repo, person) {
            Ok(doc) => {
                // A document that reads but does not validate keeps its row, and is
                // listed as invalid too, so the problem is not missed.
                if let Some(why) = first_error(&doc.doc, &doc.display_path) {
                    unlisted.invalid.push((slug, why));
                }
                let archives = load_archives(&repo, &doc.person.slug);
                loaded.push(Relationship {
                    loaded: doc,
                    archives,
                });
            }
            Err(e) => {
                unlisted.skipped.push(e.to_string());
                unlisted.invalid.push((slug, e.to_string()));
            }
        }
    }
    Ok(Relationships { loaded, unlisted })
}

/// Computes the dashboard: the logic shared by the command line and the MCP server.
pub fn execute(global: &Global, date: NaiveDate) -> CliResult<StatusReport> {
    let Relationships { loaded, unlisted } = relationships(global)?;
    let mut status = oneonone_core::status::status(
        loaded.iter().map(|r| {
            (
                r.loaded.person.slug.as_str(),
                &r.loaded.doc,
                r.archives.as_slice(),
            )
        }),
        date,
    );
    let rates = super::commitments::keep_rates(global, date).unwrap_or_default();
    for row in &mut status.rows {
        if let Some((_, mine, theirs)) = rates.iter().find(|(slug, _, _)| *slug == row.slug) {
            row.my_keep_rate = mine.keep_rate;
            row.their_keep_rate = theirs.keep_rate;
        }
        // `relationships` already validated each document once: its first error is there.
        row.invalid = unlisted
            .invalid
            .iter()
            .find(|(slug, _)| *slug == row.slug)
            .map(|(_, why)| why.clone());
    }
    Ok(StatusReport {
        schema_version: crate::output::SCHEMA_VERSION,
        status,
        unlisted,
    })
}

/// Prints the dashboard.
pub fn run(global: &Global, args: Args) -> CliResult {
    let date = date_or_today(args.date.as_deref())?;
    let report = execute(global, date)?;
    crate::output::print_report(&report, args.format, global.color, render_table)
}

fn percent(rate: Option<f64>) -> String {
    rate.map_or_else(|| "-".to_owned(), |r| format!("{:.0}%", r * 100.0))
}

fn date_or_dash(d: Option<NaiveDate>) -> String {
    d.map_or_else(|| "-".to_owned(), |d| d.format("%Y-%m-%d").to_string())
}

fn counts(c: ActionCounts) -> String {
    if c.overdue > 0 {
        format!("{} ({} overdue)", c.open, c.overdue)
    } else {
        c.open.to_string()
    }
}

/// The table's column titles.
const HEADER: [&str; 9] = [
    "PERSON",
    "RELATIONSHIP",
    "LAST MET",
    "NEXT DUE",
    "MINE",
    "THEIRS",
    "LAST WIN",
    "MY KEEP",
    "THEIR KEEP",
];

/// The table: columns padded to their widest cell, colour added after padding so escape
/// codes do not skew the widths.
fn render_table(report: &StatusReport, style: Style) -> String {
    if report.status.rows.is_empty() && report.unlisted.skipped.is_empty() {
        return "No running documents yet: create one with `oneonone new`.\n".to_owned();
    }
    let rows: Vec<[String; 9]> = report.status.rows.iter().map(cells).collect();
    let mut widths = HEADER.map(str::len);
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let head: Vec<String> = HEADER.iter().zip(widths).map(|(h, w)| pad(h, w)).collect();
    let mut out = style.bold(head.join("  ").trim_end());
    out.push('\n');
    for (row, data) in rows.iter().zip(&report.status.rows) {
        out.push_str(&render_row(row, data, widths, style));
    }
    if !report.unlisted.invalid.is_empty() {
        out.push_str(&style.red("\nInvalid documents (run `oneonone validate`):"));
        out.push('\n');
        out.push_str(&invalid_lines(&report.unlisted.invalid, 0, style));
    }
    out
}

/// A row's cells, as text, in the order of [`HEADER`].
fn cells(r: &StatusRow) -> [String; 9] {
    let next = match r.next_due {
        Some(d) if r.meeting_overdue() => {
            format!("{} ({}d overdue)", d.format("%Y-%m-%d"), r.days_overdue)
        }
        other => date_or_dash(other),
    };
    [
        r.person.clone(),
        r.relationship.map_or("-", |x| x.as_str()).to_owned(),
        date_or_dash(r.last_meeting),
        next,
        counts(r.mine),
        counts(r.theirs),
        r.days_since_accomplishment
            .map_or_else(|| "never".to_owned(), |n| format!("{n}d ago")),
        percent(r.my_keep_rate),
        percent(r.their_keep_rate),
    ]
}

/// `cell` padded with spaces to `width` characters.
fn pad(cell: &str, width: usize) -> String {
    format!("{cell}{}", " ".repeat(width - cell.chars().count()))
}

/// One padded line of the table: what is overdue in red, what is missing dimmed.
fn render_row(row: &[String; 9], data: &StatusRow, widths: [usize; 9], style: Style) -> String {
    let cells: Vec<String> = row
        .iter()
        .zip(widths)
        .enumerate()
        .map(|(i, (cell, w))| {
            let padded = pad(cell, w);
            let overdue = match i {
                3 => data.meeting_overdue(),
                4 => data.mine.overdue > 0,
                5 => data.theirs.overdue > 0,
                _ => false,
            };
            if overdue {
                style.red(&padded)
            } else if matches!(cell.as_str(), "-" | "never") {
                style.dim(&padded)
            } else {
                padded
            }
        })
        .collect();
    format!("{}\n", cells.join("  ").trim_end())
}

/// A line per document that could not be read or does not validate: its slug and its
/// first error, so it is listed as invalid rather than silently missing.
pub fn invalid_lines(invalid: &[(String, String)], width: usize, style: Style) -> String {
    invalid
        .iter()
        .map(|(slug, why)| {
            let pad = " ".repeat(width.saturating_sub(slug.chars().count()));
            format!("{slug}{pad}  {}\n", style.red(&format!("invalid: {why}")))
        })
        .collect()
}
