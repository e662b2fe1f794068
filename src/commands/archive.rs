//! `oneonone archive PERSON --quarter 2025-Q4`: a quarter's finished material moves, byte
//! for byte, into `archive/<slug>/<quarter>-retro.md`, committed as one move.

use super::common::{
    Mode, WriteArgs, WriteSession, date_or_today, find_person, load, refuse_invalid, relative,
};
use super::process::unified;
use crate::cli::Global;
use crate::error::{CliError, CliResult};
use chrono::NaiveDate;
use oneonone_core::archive::Counts;
use oneonone_core::quarter::Quarter;
use oneonone_git::FileChange;
use serde::Serialize;

/// Arguments of `archive`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Slug, unique prefix or name of the person.
    pub person: String,
    /// The quarter to archive, e.g. 2025-Q4.
    #[arg(long)]
    pub quarter: String,
    #[command(flatten)]
    pub write: WriteArgs,
    /// Judge whether the quarter has ended as of this date (default today): ISO or a phrase.
    #[arg(long)]
    pub date: Option<String>,
    /// Archive a quarter that has not ended yet.
    #[arg(long)]
    pub force: bool,
}

/// What archiving did (or, in a dry run, would do).
#[derive(Debug, Serialize)]
pub struct ArchiveReport {
    /// The JSON schema version.
    pub schema_version: u32,
    /// The person's slug.
    pub person: String,
    /// The quarter archived.
    pub quarter: Quarter,
    /// The running document, relative to the repository root.
    pub path: String,
    /// The retro document, relative to the repository root.
    pub archive_path: String,
    /// Whether anything moved.
    pub changed: bool,
    /// Whether this was a dry run.
    pub dry_run: bool,
    /// The unified diff of both files.
    pub diff: String,
    /// What moved, by kind.
    pub moved: Counts,
    /// The commit, when one was made.
    pub commit: Option<String>,
}

/// Archives a quarter for a person: the logic behind the command.
pub fn execute(
    global: &Global,
    person: &str,
    quarter: Quarter,
    mode: Mode,
) -> CliResult<ArchiveReport> {
    let session = WriteSession::begin(global, mode)?;
    let repo = session.repo();
    let person = find_person(repo, person)?;
    let loaded = load(repo, person)?;
    let archive_file = repo
        .archive_dir()
        .join(&loaded.person.slug)
        .join(format!("{quarter}-retro.md"));
    let archive_rel = relative(repo.root(), &archive_file);
    let existing = if archive_file.exists() {
        Some(oneonone_git::fs::read_document(&archive_file, repo.root()).map_err(CliError::user)?)
    } else {
        None
    };
    let mut report = ArchiveReport {
        schema_version: crate::output::SCHEMA_VERSION,
        person: loaded.person.slug.clone(),
        quarter,
        path: loaded.display_path.clone(),
        archive_path: archive_rel.clone(),
        changed: false,
        dry_run: mode.dry_run,
        diff: String::new(),
        moved: Counts::default(),
        commit: None,
    };
    let archived = oneonone_core::archive::archive(&loaded.doc, quarter, existing.as_deref())
        .map_err(|e| {
            CliError::user(format!("failed to archive {}", loaded.display_path)).caused_by(e)
        })?;
    let also = [loaded.person.path.clone(), archive_file.clone()];
    let subject = format!("Archive {} {quarter}", loaded.person.display_name());
    let quarter_text = quarter.to_string();
    let trailers = [
        ("Person", loaded.person.slug.as_str()),
        ("Archive-Quarter", quarter_text.as_str()),
    ];
    let Some(archived) = archived else {
        // Nothing left to move: a run whose commit git refused is committed now.
        let message = oneonone_git::message_with_trailers(&subject, &trailers);
        report.commit = session.finish(&[], &also, &message)?;
        return Ok(report);
    };
    refuse_invalid(&archived.running, &loaded.display_path)?;
    refuse_invalid(&archived.archive, &archive_rel)?;
    report.changed = true;
    report.moved = archived.moved;
    report.diff = unified(&loaded.display_path, &loaded.text, &archived.running);
    report.diff.push_str(&unified(
        &archive_rel,
        existing.as_deref().unwrap_or_default(),
        &archived.archive,
    ));
    if mode.dry_run {
        return Ok(report);
    }

    // The archive is written first: the entries are never in neither file.
    let changes = [
        FileChange::document(&archive_file, existing, archived.archive),
        FileChange::document(&loaded.person.path, Some(loaded.text), archived.running),
    ];
    let total = archived.moved.total();
    let message = oneonone_git::message_with_trailers(
        &format!(
            "{subject}: {total} {}",
            if total == 1 { "entry" } else { "entries" }
        ),
        &trailers,
    );
    report.commit = session.finish(&changes, &also, &message)?;
    Ok(report)
}

/// Refuses a quarter that has not ended on `today` unless forced: archiving it would move
/// entries of meetings still to come into a retro.
pub fn check_ended(quarter: Quarter, today: NaiveDate, force: bool) -> CliResult {
    if force || quarter.ended_by(today) {
        return Ok(());
    }
    Err(CliError::user(format!(
        "{quarter} has not ended (it ends {}, today is {today}): archive it after that, or pass --force",
        quarter.last_day()
    )))
}

/// Runs `archive` and prints what moved (or the diff, for a dry run).
pub fn run(global: &Global, args: Args) -> CliResult {
    let quarter: Quarter = args.quarter.parse().map_err(CliError::user)?;
    let today = date_or_today(args.date.as_deref())?;
    check_ended(quarter, today, args.force)?;
    let report = execute(global, &args.person, quarter, args.write.mode())?;
    let style = crate::output::Style::new(global.color.stdout_enabled());
    let out = if !report.changed {
        format!(
            "Nothing to archive: {} holds nothing finished in {quarter}.\n",
            report.path
        )
    } else if report.dry_run {
        report.diff.clone()
    } else {
        let mut out = format!(
            "{} {} from {} to {}: {}\n",
            style.green("Archived"),
            quarter,
            report.path,
            report.archive_path,
            report.moved.describe()
        );
        if let Some(id) = &report.commit {
            out.push_str(&format!(
                "Committed {}\n",
                style.yellow(&id[..id.len().min(7)])
            ));
        }
        out
    };
    crate::output::print(&out);
    Ok(())
}
