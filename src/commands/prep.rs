//! `oneonone prep [PERSON]`: what to bring to the next meeting.

use super::common::{date_or_today, find_person, first_error, load, load_archives, open_repo};
use crate::cli::Global;
use crate::error::{CliError, CliResult};
use chrono::NaiveDate;
use oneonone_core::prep::{Prep, PrepInputs, TickedTask, WinElsewhere};
use oneonone_core::process::backlog_tasks;
use oneonone_core::{Document, schedule};
use oneonone_git::backlog_history::{tick_key, ticked_dates};
use oneonone_git::{Backlog, NotesRepo, Person};
use serde::Serialize;

/// Arguments of `prep`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Slug, unique prefix or name (default: the relationship whose next meeting is due
    /// soonest).
    pub person: Option<String>,
    /// The meeting date (default today): ISO or a phrase such as "tomorrow".
    #[arg(long)]
    pub date: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// Output formats of `prep`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Plain text.
    Text,
    /// Markdown, to paste into an invite or the document.
    Markdown,
    /// JSON.
    Json,
}

/// What `prep --format json` prints.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct PrepReport {
    /// The JSON schema version.
    pub schema_version: u32,
    /// The person's slug.
    pub slug: String,
    /// The prep itself.
    #[serde(flatten)]
    pub prep: Prep,
}

/// Prepares the meeting: the logic shared by the command line and the MCP server.
pub fn execute(global: &Global, person: Option<&str>, date: NaiveDate) -> CliResult<PrepReport> {
    let repo = open_repo(global)?;
    let person = match person {
        Some(query) => find_person(&repo, query)?,
        None => due_soonest(&repo)?,
    };
    let loaded = load(&repo, person)?;
    let backlog = Backlog::read(&repo.backlog_path()).map_err(CliError::user)?;
    let ticked = ticked_tasks(&repo, &loaded.doc, backlog.text(), date)?;
    let wins_log = match repo.wins_log_path() {
        Some(path) if path.exists() => {
            Some(oneonone_git::fs::read_document(&path, repo.root()).map_err(CliError::user)?)
        }
        _ => None,
    };
    let archives = load_archives(&repo, &loaded.person.slug);
    let inputs = PrepInputs {
        backlog_ticked: ticked,
        wins_log: wins_log.as_deref(),
        archives: &archives,
        elsewhere: wins_elsewhere(&repo, &loaded.person.slug),
        invalid: first_error(&loaded.doc, &loaded.display_path)
            .into_iter()
            .collect(),
    };
    let prep = oneonone_core::prep::prep(&loaded.doc, date, &inputs);
    Ok(PrepReport {
        schema_version: crate::output::SCHEMA_VERSION,
        slug: loaded.person.slug,
        prep,
    })
}

/// The person's BACKLOG.md tasks that are ticked, dated by the commit that first recorded
/// the tick. A tick not committed yet is dated `date` (it happened before this prep).
fn ticked_tasks(
    repo: &NotesRepo,
    doc: &Document,
    backlog: &str,
    date: NaiveDate,
) -> CliResult<Vec<TickedTask>> {
    let person = doc.person().unwrap_or_default();
    let ticked: Vec<_> = backlog_tasks(backlog, person)
        .into_iter()
        .filter(|t| t.done)
        .collect();
    if ticked.is_empty() {
        return Ok(Vec::new());
    }
    let history = ticked_dates(repo, person).map_err(CliError::internal)?;
    Ok(ticked
        .into_iter()
        .map(|t| {
            let when = history
                .get(&tick_key(&t.text, t.meeting))
                .copied()
                .unwrap_or(date);
            TickedTask {
                text: t.text,
                ticked: when,
            }
        })
        .collect())
}

/// Accomplishments shared in every other running document: what "Also worth sharing"
/// picks from. A document that cannot be read has nothing to offer here.
fn wins_elsewhere(repo: &NotesRepo, slug: &str) -> Vec<WinElsewhere> {
    let mut out = Vec::new();
    for person in repo.people().unwrap_or_default() {
        if person.slug == slug {
            continue;
        }
        let Ok(loaded) = load(repo, person) else {
            continue;
        };
        let name = loaded.person.display_name().to_owned();
        for e in loaded.doc.accomplishments() {
            out.push(WinElsewhere {
                date: e.date,
                text: e.text.clone(),
                shared_with: name.clone(),
            });
        }
    }
    out
}

/// The relationship whose next meeting is due soonest (the seed's "1:1 tomorrow").
fn due_soonest(repo: &NotesRepo) -> CliResult<Person> {
    let mut best: Option<(NaiveDate, Person)> = None;
    for person in repo.people().map_err(CliError::user)? {
        let Ok(loaded) = load(repo, person) else {
            continue;
        };
        let archives = load_archives(repo, &loaded.person.slug);
        let Some(due) = schedule::next_due_of(&loaded.doc, &archives) else {
            continue;
        };
        if best.as_ref().is_none_or(|(d, _)| due < *d) {
            best = Some((due, loaded.person));
        }
    }
    best.map(|(_, p)| p).ok_or_else(|| {
        CliError::user("no running document with a meeting history or start date: name a person")
    })
}

/// Prints the prep.
pub fn run(global: &Global, args: Args) -> CliResult {
    let date = date_or_today(args.date.as_deref())?;
    let report = execute(global, args.person.as_deref(), date)?;
    match args.format {
        Format::Json => crate::output::print_json(&report).map_err(CliError::internal)?,
        Format::Markdown => crate::output::print(&report.prep.render_markdown()),
        Format::Text => {
            let style = crate::output::Style::new(global.color.stdout_enabled());
            let text = report
                .prep
                .render_text()
                .replace("OVERDUE", &style.red("OVERDUE"));
            crate::output::print(&text);
        }
    }
    Ok(())
}
