//! `oneonone process PERSON [NOTES|-|--plan FILE|-]`: a brain dump (or a meeting plan)
//! becomes structured updates, written atomically and committed.

pub use super::common::Mode;
use super::common::{
    Loaded, WriteArgs, WriteSession, date_or_today, find_person, load, open_repo, refuse_invalid,
    relative,
};
use crate::cli::Global;
use crate::error::{CliError, CliResult};
pub use crate::output::Format;
use crate::output::Style;
use chrono::NaiveDate;
use oneonone_core::notes::NoteKind;
use oneonone_core::plan::MeetingPlan;
use oneonone_core::process::{
    Applied, ChangeKind, Plan, ProcessContext, apply, plan_meeting, plan_reading, read, read_inbox,
    tick_backlog,
};
use oneonone_git::transaction::read_archives;
use oneonone_git::{Backlog, FileChange, MeetingCounts, NotesRepo, Person};
use serde::Serialize;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

/// Arguments of `process`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Slug, unique prefix or name of the person.
    pub person: String,
    /// The notes: a file, or `-` for standard input. Without it: the document's `## Inbox`,
    /// else `$VISUAL`/`$EDITOR` on a temporary file (on a terminal).
    #[arg(conflicts_with = "plan")]
    pub notes: Option<PathBuf>,
    /// Apply a meeting plan (JSON, docs/schema/plan.schema.json) from a file, or `-` for
    /// standard input, instead of reading notes; the meeting date is the plan's.
    #[arg(long, value_name = "FILE")]
    pub plan: Option<PathBuf>,
    /// The meeting date (default today): ISO or a phrase such as "yesterday".
    #[arg(long, conflicts_with = "plan")]
    pub date: Option<String>,
    #[command(flatten)]
    pub write: WriteArgs,
    /// What the meeting was about, for its meeting-history line (instead of the notes'
    /// `Topics:` line or the topics read from the notes).
    #[arg(long, value_name = "TOPICS")]
    pub topics: Option<String>,
    /// Output format: the summary (or a dry run's diff) as text, or the whole report as
    /// JSON.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// Where the notes come from.
#[derive(Debug, Clone)]
pub enum NotesSource {
    /// Text given directly (a file's content, standard input, or the MCP tool's argument).
    Text(String),
    /// The running document's `## Inbox` section.
    Inbox,
    /// A meeting plan, already read: applied as it is, on its own date.
    Plan(MeetingPlan),
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
    /// Whether the running document had uncommitted edits before the run, which go into
    /// this run's commit.
    pub uncommitted_edits: bool,
    /// The changes, as planned (skipped ones say why).
    pub applied: Applied,
    /// The meeting plan: the rules' reading of the notes, or the plan given; `person` is
    /// the slug. Correct it and apply it with `process --plan` or `record_meeting`.
    pub plan: MeetingPlan,
}

/// Processes notes for a person: the logic shared by the command line and the MCP server.
pub fn execute(
    global: &Global,
    person: &str,
    source: NotesSource,
    date: NaiveDate,
    mode: Mode,
    topics: Option<&str>,
) -> CliResult<ProcessReport> {
    let session = WriteSession::begin(global, mode)?;
    let repo = session.repo();
    let loaded = load(repo, find_person(repo, person)?)?;
    let archives = read_archives(repo, &loaded.person.slug).map_err(CliError::user)?;
    let backlog = Backlog::read(&repo.backlog_path()).map_err(CliError::user)?;
    let ctx = ProcessContext {
        archives: archives.iter().map(String::as_str).collect(),
        // A missing BACKLOG.md is an empty one: it is created when a task goes in, so a
        // run interrupted before creating it is completed by the next.
        backlog: Some(backlog.text()),
        topics,
    };
    let (planned, mut meeting) = plan(repo, &loaded, source, date, &ctx)?;
    meeting.person.clone_from(&loaded.person.slug);

    let mut edited = loaded.doc.clone();
    let applied = apply(&mut edited, &planned).map_err(|e| {
        CliError::user(format!(
            "{}: failed to apply the notes",
            loaded.display_path
        ))
        .caused_by(e)
    })?;
    let new_text = edited.to_string();
    refuse_invalid(&new_text, &loaded.display_path)?;
    let new_backlog = updated_backlog(&backlog, &applied, meeting.date)?;

    let edits = Edits {
        loaded: &loaded,
        new_text,
        backlog: &backlog,
        new_backlog,
    };
    let mut report = edits.report(repo, mode, applied, meeting);
    if mode.dry_run {
        return Ok(report);
    }
    let counts = meeting_counts(&report.applied);
    let message = oneonone_git::meeting_message(
        loaded.person.display_name(),
        &loaded.person.slug,
        report.date,
        &counts,
    );
    // The document and BACKLOG.md are committed in full, so that what an interrupted or
    // refused run of the same meeting left uncommitted goes in, even with nothing new.
    let also = [loaded.person.path.clone(), repo.backlog_path()];
    let changes = edits.into_changes();
    report.commit = session.finish(&changes, &also, &message)?;
    Ok(report)
}

/// The changes a meeting makes, from the notes, the Inbox or a plan, with the meeting
/// plan that describes them.
fn plan(
    repo: &NotesRepo,
    loaded: &Loaded,
    source: NotesSource,
    date: NaiveDate,
    ctx: &ProcessContext<'_>,
) -> CliResult<(Plan, MeetingPlan)> {
    let doc = &loaded.doc;
    let settings = repo.settings();
    let notes_error = |e| CliError::user("failed to read the notes").caused_by(e);
    let reading = match source {
        NotesSource::Plan(meeting) => {
            refuse_other_person(repo, &loaded.person, &meeting.person)?;
            let planned = plan_meeting(doc, &meeting, &settings, ctx).map_err(refused)?;
            return Ok((planned, meeting));
        }
        NotesSource::Text(notes) => read(doc, &notes, date, &settings, ctx),
        NotesSource::Inbox => read_inbox(doc, date, &settings, ctx),
    }
    .map_err(notes_error)?;
    let planned = plan_reading(doc, &reading, &settings, ctx).map_err(notes_error)?;
    Ok((planned, reading.plan))
}

/// BACKLOG.md after the meeting: its done tasks ticked, its new tasks appended; `None`
/// when the meeting changes nothing there.
fn updated_backlog(
    backlog: &Backlog,
    applied: &Applied,
    date: NaiveDate,
) -> CliResult<Option<String>> {
    let ticked = (!applied.plan.backlog_ticks.is_empty()).then(|| {
        let text = tick_backlog(backlog.text(), &applied.plan.backlog_ticks, date);
        Backlog::from_text(backlog.path(), &text)
    });
    Ok(match (&ticked, applied.backlog_lines.is_empty()) {
        (None, true) => None,
        (Some(t), true) => Some(t.text().to_owned()),
        (t, false) => Some(
            t.as_ref()
                .unwrap_or(backlog)
                .with_appended(&applied.backlog_lines)
                .map_err(CliError::user)?,
        ),
    })
}

/// What a meeting turns the running document and BACKLOG.md into.
struct Edits<'a> {
    loaded: &'a Loaded,
    new_text: String,
    backlog: &'a Backlog,
    new_backlog: Option<String>,
}

impl Edits<'_> {
    /// The report of the run before anything is written: the diff of both files and the
    /// summary, which says when the document's uncommitted edits go into this commit.
    fn report(
        &self,
        repo: &NotesRepo,
        mode: Mode,
        applied: Applied,
        plan: MeetingPlan,
    ) -> ProcessReport {
        let Loaded {
            person,
            text,
            display_path,
            ..
        } = self.loaded;
        let mut diff = unified(display_path, text, &self.new_text);
        if let Some(new_backlog) = &self.new_backlog {
            let backlog_rel = relative(repo.root(), self.backlog.path());
            diff.push_str(&unified(&backlog_rel, self.backlog.text(), new_backlog));
        }
        let changed = self.new_text != *text || self.new_backlog.is_some();
        let uncommitted_edits =
            changed && mode.commit && !mode.dry_run && repo.has_uncommitted_edits(&person.path);
        let mut summary = applied.summary(display_path).to_string();
        if uncommitted_edits {
            summary.push_str(&format!(
                "\n{display_path} had uncommitted edits before this run: they go into this commit too.\n"
            ));
        }
        ProcessReport {
            schema_version: crate::output::SCHEMA_VERSION,
            person: person.slug.clone(),
            date: plan.date,
            path: display_path.clone(),
            changed,
            dry_run: mode.dry_run,
            diff,
            summary,
            commit: None,
            uncommitted_edits,
            applied,
            plan,
        }
    }

    /// The files to write: the document, then BACKLOG.md when it changes (created when it
    /// is missing: a fresh repository, or a configured path).
    fn into_changes(self) -> Vec<FileChange> {
        let person = &self.loaded.person;
        let mut changes = vec![FileChange::document(
            &person.path,
            Some(self.loaded.text.clone()),
            self.new_text,
        )];
        if let Some(new_backlog) = self.new_backlog {
            let old = self
                .backlog
                .exists()
                .then(|| self.backlog.text().to_owned());
            changes.push(FileChange::plain(self.backlog.path(), old, new_backlog));
        }
        changes
    }
}

/// A plan names its person by slug, unique prefix or name: refused when that is not
/// the person the command was given.
fn refuse_other_person(repo: &NotesRepo, person: &Person, named: &str) -> CliResult {
    let same = named.trim().eq_ignore_ascii_case(person.display_name())
        || repo.find_person(named).is_ok_and(|p| p.slug == person.slug);
    if same {
        return Ok(());
    }
    Err(refused(format!(
        "person: the plan is for {named:?}, not {} ({})",
        person.slug,
        person.display_name()
    )))
}

/// A plan refused as a whole: a user error that says nothing was written.
pub fn refused(why: impl std::fmt::Display) -> CliError {
    CliError::user(format!("the plan is refused, nothing was written: {why}"))
}

fn meeting_counts(applied: &Applied) -> MeetingCounts {
    let mut counts = MeetingCounts::default();
    for c in applied.plan.changes.iter().filter(|c| c.skip.is_none()) {
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
    let date = date_or_today(args.date.as_deref())?;
    let source = match (args.plan.as_deref(), args.notes.as_deref()) {
        (Some(p), _) => NotesSource::Plan(read_plan(global, p)?),
        (None, notes) => notes_source(global, &args.person, notes)?,
    };
    let report = execute(
        global,
        &args.person,
        source,
        date,
        args.write.mode(),
        args.topics.as_deref(),
    )?;
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

/// The notes of a run: a file, `-` (standard input), else the Inbox or an editor.
fn notes_source(global: &Global, person: &str, notes: Option<&Path>) -> CliResult<NotesSource> {
    Ok(match notes {
        Some(p) if p == Path::new("-") => NotesSource::Text(read_stdin("the notes")?),
        Some(p) => {
            let path = global.start.join(p);
            NotesSource::Text(oneonone_git::fs::read_text(&path).map_err(CliError::user)?)
        }
        None => inbox_or_editor(global, person)?,
    })
}

fn read_stdin(what: &str) -> CliResult<String> {
    oneonone_git::fs::read_stdin().map_err(|e| {
        CliError::user(format!("failed to read {what} from standard input")).caused_by(e)
    })
}

/// `--plan FILE|-`: the plan read and checked, or refused naming the JSON path at fault.
fn read_plan(global: &Global, path: &Path) -> CliResult<MeetingPlan> {
    let text = if path == Path::new("-") {
        read_stdin("the plan")?
    } else {
        oneonone_git::fs::read_text(&global.start.join(path)).map_err(CliError::user)?
    };
    MeetingPlan::from_json(&text).map_err(refused)
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
            "no notes given and {} has no Inbox lines; $EDITOR was not opened because standard \
             input is not a terminal: pass a notes file, or - for standard input",
            loaded.display_path
        )));
    }
    let text = super::editor::edit_notes(loaded.person.display_name())?;
    Ok(NotesSource::Text(text))
}
