//! `oneonone process PERSON [NOTES|-]`: a brain dump becomes structured updates, written
//! atomically and committed.

pub use super::common::Mode;
use super::common::{
    Loaded, WriteSession, find_person, load, open_repo, parse_date, read_archives, refuse_invalid,
    relative, today, write_file,
};
use crate::cli::Global;
use crate::error::{CliError, CliResult};
use crate::output::Style;
use chrono::NaiveDate;
use oneonone_core::notes::NoteKind;
use oneonone_core::process::{Applied, ChangeKind, ProcessContext, apply, plan, plan_inbox};
use oneonone_git::{Backlog, MeetingCounts};
use serde::Serialize;
use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};

/// Arguments of `process`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Slug, unique prefix or name of the person.
    pub person: String,
    /// The notes: a file, or `-` for standard input. Without it: the document's `## Inbox`,
    /// else `$VISUAL`/`$EDITOR` on a temporary file (on a terminal).
    pub notes: Option<PathBuf>,
    /// The meeting date (default today): ISO or a phrase such as "yesterday".
    #[arg(long)]
    pub date: Option<String>,
    /// Print the unified diff and write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Write the files but do not commit.
    #[arg(long)]
    pub no_commit: bool,
    /// Commit even on a detached HEAD.
    #[arg(long)]
    pub allow_detached: bool,
    /// Output format: the summary (or a dry run's diff) as text, or the whole report as
    /// JSON.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// Output formats of `process`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// The summary, or the unified diff of a dry run.
    Text,
    /// The [`ProcessReport`]: diff, summary, commit id and every planned change.
    Json,
}

/// Where the notes come from.
#[derive(Debug, Clone)]
pub enum NotesSource {
    /// Text given directly (a file's content, standard input, or the MCP tool's argument).
    Text(String),
    /// The running document's `## Inbox` section.
    Inbox,
}

/// What processing did (or, in a dry run, would do).
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct ProcessReport {
    /// The JSON schema version.
    pub schema_version: u32,
    /// The person's slug.
    pub person: String,
    /// The meeting date.
    pub date: NaiveDate,
    /// The running document, relative to the repository root.
    pub path: String,
    /// Whether anything changed.
    pub changed: bool,
    /// Whether this was a dry run.
    pub dry_run: bool,
    /// The unified diff of every file that changed.
    pub diff: String,
    /// The summary in the seed's style ("Created tasks: …").
    pub summary: String,
    /// The commit, when one was made.
    pub commit: Option<String>,
    /// The changes, as planned (skipped ones say why).
    pub applied: Applied,
}

/// Processes notes for a person: the logic shared by the command line and the MCP server.
pub fn execute(
    global: &Global,
    person: &str,
    source: NotesSource,
    date: NaiveDate,
    mode: Mode,
) -> CliResult<ProcessReport> {
    let session = WriteSession::begin(global, mode)?;
    let repo = &session.repo;
    let person = find_person(repo, person)?;

    let Loaded {
        person,
        text,
        doc,
        display_path,
    } = load(repo, person)?;
    let archives = read_archives(repo, &person.slug)?;
    let backlog_path = repo.backlog_path();
    let backlog = Backlog::read(&backlog_path).map_err(CliError::user)?;
    let ctx = ProcessContext {
        archives: archives.iter().map(String::as_str).collect(),
        // A missing BACKLOG.md is an empty one: it is created when a task goes in, so a
        // run interrupted before creating it is completed by the next.
        backlog: Some(backlog.text()),
    };
    let settings = repo.settings();
    let planned = match &source {
        NotesSource::Text(notes) => plan(&doc, notes, date, &settings, &ctx),
        NotesSource::Inbox => plan_inbox(&doc, date, &settings, &ctx),
    }
    .map_err(|e| CliError::user(format!("failed to read the notes: {e}")))?;

    let mut edited = doc.clone();
    let applied = apply(&mut edited, &planned)
        .map_err(|e| CliError::user(format!("{display_path}: failed to apply the notes: {e}")))?;
    let new_text = edited.to_string();
    refuse_invalid(&new_text, &display_path)?;

    let backlog_lines = applied.backlog_lines.clone();
    let backlog_rel = relative(repo.root(), &backlog_path);
    let new_backlog = if backlog_lines.is_empty() {
        None
    } else {
        Some(
            backlog
                .with_appended(&backlog_lines)
                .map_err(CliError::user)?,
        )
    };

    let mut diff = unified(&display_path, &text, &new_text);
    if let Some(new_backlog) = &new_backlog {
        diff.push_str(&unified(&backlog_rel, backlog.text(), new_backlog));
    }
    let summary = applied.summary(&display_path).to_string();
    let changed = new_text != text || new_backlog.is_some();
    let mut report = ProcessReport {
        schema_version: crate::output::SCHEMA_VERSION,
        person: person.slug.clone(),
        date,
        path: display_path.clone(),
        changed,
        dry_run: mode.dry_run,
        diff,
        summary,
        commit: None,
        applied,
    };
    if mode.dry_run || !changed {
        return Ok(report);
    }

    let mut written = Vec::new();
    if new_text != text {
        oneonone_git::fs::write_if_unchanged(&person.path, &text, &new_text)
            .map_err(CliError::user)?;
        written.push(person.path.clone());
    }
    if let Some(new_backlog) = &new_backlog {
        // A missing backlog (a fresh repository, or a configured path) is created.
        let old = backlog.exists().then(|| backlog.text());
        if let Err(e) = write_file(&backlog_path, old, new_backlog) {
            // No partial write: put the document back as it was (unless someone has
            // edited it since, which the check keeps).
            if new_text != text {
                let _ = oneonone_git::fs::write_if_unchanged(&person.path, &new_text, &text);
            }
            return Err(CliError::user(format!("nothing was written: {e}")));
        }
        written.push(backlog_path.clone());
    }
    // A run that writes commits the document and BACKLOG.md in full, so that what an
    // interrupted run of the same meeting left uncommitted goes into this commit too.
    if !written.contains(&person.path) {
        written.push(person.path.clone());
    }
    if !written.contains(&backlog_path) && backlog.exists() {
        written.push(backlog_path.clone());
    }
    let counts = meeting_counts(&report.applied);
    let message = oneonone_git::meeting_message(person.display_name(), &person.slug, date, &counts);
    report.commit = session.commit(&written, &message)?;
    Ok(report)
}

fn meeting_counts(applied: &Applied) -> MeetingCounts {
    let mut counts = MeetingCounts::default();
    for c in applied.changes.iter().filter(|c| c.skip.is_none()) {
        match c.kind {
            ChangeKind::MyAction | ChangeKind::TheirAction => counts.actions += 1,
            ChangeKind::FocusArea => counts.goals += 1,
            ChangeKind::ThreadEntry if c.note_kind != Some(NoteKind::Goal) => {
                counts.thread_entries += 1;
            }
            ChangeKind::Accomplishment => counts.accomplishments += 1,
            ChangeKind::Completion => counts.completed += 1,
            _ => {}
        }
    }
    counts
}

/// A unified diff with `a/` and `b/` headers, empty when nothing changed.
pub fn unified(path: &str, old: &str, new: &str) -> String {
    if old == new {
        return String::new();
    }
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}

/// Runs `process` and prints the summary (or the diff, for a dry run), or the report as
/// JSON.
pub fn run(global: &Global, args: Args) -> CliResult {
    let date = match args.date.as_deref() {
        Some(d) => parse_date(d)?,
        None => today(),
    };
    let source = match args.notes.as_deref() {
        Some(p) if p == Path::new("-") => {
            let mut text = String::new();
            std::io::stdin().read_to_string(&mut text).map_err(|e| {
                CliError::user(format!("failed to read the notes from standard input: {e}"))
            })?;
            NotesSource::Text(text)
        }
        Some(p) => {
            let path = global.start.join(p);
            NotesSource::Text(oneonone_git::fs::read_text(&path).map_err(CliError::user)?)
        }
        None => inbox_or_editor(global, &args.person)?,
    };
    let mode = Mode {
        dry_run: args.dry_run,
        commit: !args.no_commit,
        allow_detached: args.allow_detached,
    };
    let report = execute(global, &args.person, source, date, mode)?;
    if args.format == Format::Json {
        return crate::output::print_json(&report).map_err(CliError::internal);
    }
    let style = Style::new(global.color.stdout_enabled());
    let mut out = String::new();
    if report.dry_run {
        if report.diff.is_empty() {
            out.push_str("Nothing to change: every note is already recorded.\n");
        } else {
            out.push_str(&paint_diff(&report.diff, style));
        }
    } else {
        out.push_str(&report.summary);
        if let Some(id) = &report.commit {
            let short = &id[..id.len().min(7)];
            out.push_str(&format!("\nCommitted {}\n", style.yellow(short)));
        }
    }
    crate::output::print(&out);
    Ok(())
}

/// Colours a unified diff as `git diff` does (on a terminal only): file headers bold, hunk
/// headers dim, removed lines red, added lines green.
fn paint_diff(diff: &str, style: Style) -> String {
    diff.split_inclusive('\n')
        .map(|line| {
            let (body, end) = match line.strip_suffix('\n') {
                Some(body) => (body, "\n"),
                None => (line, ""),
            };
            let painted = if body.starts_with("--- ") || body.starts_with("+++ ") {
                style.bold(body)
            } else if body.starts_with("@@") {
                style.dim(body)
            } else if body.starts_with('-') {
                style.red(body)
            } else if body.starts_with('+') {
                style.green(body)
            } else {
                body.to_owned()
            };
            format!("{painted}{end}")
        })
        .collect()
}

/// With no NOTES argument: the Inbox when it has lines, else an editor on a terminal.
fn inbox_or_editor(global: &Global, person: &str) -> CliResult<NotesSource> {
    let repo = open_repo(global)?;
    let loaded = load(&repo, find_person(&repo, person)?)?;
    if !loaded.doc.inbox().is_empty() {
        return Ok(NotesSource::Inbox);
    }
    if !std::io::stdin().is_terminal() {
        return Err(CliError::user(format!(
            "no notes given and {} has no Inbox lines: pass a notes file, or - for standard input",
            loaded.display_path
        )));
    }
    let text = super::editor::edit_notes(loaded.person.display_name())?;
    Ok(NotesSource::Text(text))
}
