//! `oneonone commitments [PERSON] [--quarter Q | --since D --until D] [--open]`: who kept
//! which promise, on time or late, read from history.

use super::common::date_or_today;
use crate::cli::Global;
use crate::commands::log::load;
use crate::error::CliResult;
pub use crate::output::Format;
use crate::output::Style;
use chrono::NaiveDate;
use oneonone_core::commitments::{Commitment, PersonCommitments, Side, State, follow_through};
use oneonone_core::review::Period;
use serde::Serialize;
use std::fmt::Write as _;

/// Arguments of `commitments`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only this person (slug, unique prefix or name); everyone when omitted.
    pub person: Option<String>,
    /// The quarter, e.g. `2025-Q4`.
    #[arg(long, conflicts_with_all = ["since", "until"])]
    pub quarter: Option<String>,
    /// First day of the period (ISO or a phrase).
    #[arg(long, value_name = "DATE", value_parser = super::log::parse_date, requires = "until")]
    pub since: Option<NaiveDate>,
    /// Last day of the period (ISO or a phrase).
    #[arg(long, value_name = "DATE", value_parser = super::log::parse_date, requires = "since")]
    pub until: Option<NaiveDate>,
    /// List only the commitments still open (the figures stay those of the period).
    #[arg(long)]
    pub open: bool,
    /// Judge what is overdue as of this date (default today): ISO or a phrase.
    #[arg(long)]
    pub date: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// What `commitments --format json` prints.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct CommitmentsReport {
    /// The JSON schema version.
    pub schema_version: u32,
    /// The date overdue is judged by.
    pub date: NaiveDate,
    /// The period, when one was given (else the whole history up to `date`).
    pub period: Option<Period>,
    /// One per person, by slug.
    pub persons: Vec<PersonCommitments>,
}

/// The period of `--quarter` or `--since`/`--until`; `None` for the whole history.
pub fn optional_period(
    quarter: Option<&str>,
    since: Option<NaiveDate>,
    until: Option<NaiveDate>,
) -> CliResult<Option<Period>> {
    if quarter.is_none() && since.is_none() && until.is_none() {
        return Ok(None);
    }
    super::review::period(quarter, since, until).map(Some)
}

/// Reads the follow-through: the logic shared by the command line and the MCP server.
pub fn execute(
    global: &Global,
    person: Option<&str>,
    period: Option<&Period>,
    open_only: bool,
    date: NaiveDate,
) -> CliResult<CommitmentsReport> {
    let history = load(global, false)?;
    let persons = super::review::selected(&history.persons, person)?
        .iter()
        .map(|p| {
            let mut c = follow_through(&history.events, p, period, date);
            if open_only {
                for side in [&mut c.mine, &mut c.theirs] {
                    side.items.retain(|i| i.state.is_open());
                }
            }
            c
        })
        .collect();
    Ok(CommitmentsReport {
        schema_version: crate::output::SCHEMA_VERSION,
        date,
        period: period.cloned(),
        persons,
    })
}

/// Prints the follow-through.
pub fn run(global: &Global, args: Args) -> CliResult {
    let date = date_or_today(args.date.as_deref())?;
    let period = optional_period(args.quarter.as_deref(), args.since, args.until)?;
    let report = execute(
        global,
        args.person.as_deref(),
        period.as_ref(),
        args.open,
        date,
    )?;
    crate::output::print_report(&report, args.format, global.color, |r, style| {
        render_text(r, &style)
    })
}

fn render_text(report: &CommitmentsReport, style: &Style) -> String {
    let mut s = String::new();
    let scope = match &report.period {
        Some(p) => p.label.clone(),
        None => format!("up to {}", report.date),
    };
    if report.persons.is_empty() {
        s.push_str("No commitments recorded yet.\n");
    }
    for (n, p) in report.persons.iter().enumerate() {
        if n > 0 {
            s.push('\n');
        }
        let _ = writeln!(s, "{} ({scope})", style.bold(&p.person.name));
        let first = Some(oneonone_core::people::first_name(&p.person.name))
            .filter(|f| !f.is_empty())
            .unwrap_or("Their");
        for (title, side) in [
            ("Mine".to_owned(), &p.mine),
            (format!("{first}'s"), &p.theirs),
        ] {
            let _ = writeln!(s, "  {title}: {}", side.figures_line());
            if side.items.is_empty() {
                let _ = writeln!(s, "    - none");
            }
            for c in &side.items {
                let _ = writeln!(s, "    - {}", item_line(c, first, style));
            }
        }
    }
    s
}

/// One item; its owner is named only when it is not the side's usual one (me, or the
/// person's first name), as for an `### Alex's Actions` list in Sarah's document.
fn item_line(c: &Commitment, first: &str, style: &Style) -> String {
    let state = match c.state {
        State::Overdue => style.red("OVERDUE"),
        State::OnTime | State::Late => style.green(c.state.as_str()),
        State::Open | State::Dropped => c.state.as_str().to_owned(),
    };
    let mut s = format!("{state}: {}", c.text);
    if c.owner != "me" && !c.owner.eq_ignore_ascii_case(first) {
        let _ = write!(s, " ({})", c.owner);
    }
    let _ = write!(s, " [made {}", c.made);
    if let Some(due) = c.due {
        let _ = write!(s, ", due {due}");
    }
    if let Some(done) = c.done {
        let _ = write!(s, ", done {done}");
    }
    s.push(']');
    s
}

/// Keep-rates of every relationship as of `date`, by slug, for `status`: `None` outside a
/// git work tree (there is no history to read them from).
pub fn keep_rates(global: &Global, date: NaiveDate) -> Option<Vec<(String, Side, Side)>> {
    let history = load(global, false).ok()?;
    Some(
        history
            .persons
            .iter()
            .map(|p| {
                let c = follow_through(&history.events, p, None, date);
                (p.slug.clone(), c.mine, c.theirs)
            })
            .collect(),
    )
}
