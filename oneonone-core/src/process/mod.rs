//! Processing a brain dump (SPEC section 4): notes → plan → apply. [`read`] is the rules'
//! reading of the notes as a [`MeetingPlan`]; [`plan_meeting`] (or [`plan_reading`]) turns
//! a meeting plan, the rules' or one written elsewhere (SPEC section 9), into an ordered
//! list of changes, skipping whatever is already recorded; [`apply`] makes them through
//! the [`Document`] edit API and says what it did. [`plan`] is the first two steps for
//! notes.
//!
//! Both are pure: the caller reads the document, the notes, the archives and BACKLOG.md,
//! and writes back the document and the BACKLOG lines.
//!
//! ```
//! use chrono::NaiveDate;
//! use oneonone_core::process::{ProcessContext, apply, plan};
//! use oneonone_core::{Document, Settings};
//!
//! let src = "---\nperson: Sarah Chen\n---\n\n## Action Items\n\n### Sarah's Actions\n- [ ] Approve training budget\n";
//! let mut doc = Document::parse(src).unwrap();
//! let date = NaiveDate::from_ymd_opt(2026, 1, 15).unwrap();
//! let notes = "- Training budget approved - find courses by next week\n";
//! let p = plan(&doc, notes, date, &Settings::default(), &ProcessContext::default()).unwrap();
//! let applied = apply(&mut doc, &p).unwrap();
//! assert!(doc.to_string().contains("- [x] Approve training budget (completed 2026-01-15)\n"));
//! assert!(doc.to_string().contains("- [ ] [P1] Find courses (by 2026-01-22)\n"));
//! assert_eq!(
//!     applied.backlog_lines,
//!     ["- [ ] [P1] Find courses (due: 2026-01-22) (1:1 Sarah Chen, 2026-01-15)"]
//! );
//! assert_eq!(applied.counts(), "1 action, 1 completed");
//! ```

use crate::document::{Document, NewActionItem};
use crate::error::EditError;
use crate::model::Owner;
use crate::notes::classify::NoteKind;
use crate::notes::dates::parse_iso;
use crate::notes::reader::{NotesError, read_notes};
use crate::plan::{MeetingPlan, PlanError};
use crate::settings::Settings;
use crate::syntax::{bullet, checkbox, normalize as norm};
use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::Serialize;
use std::collections::HashSet;

mod planner;
mod summary;
mod topics;

use planner::{compile, read_clauses};
pub use summary::Applied;

/// What `plan` needs besides the document and the notes.
#[derive(Debug, Clone, Default)]
pub struct ProcessContext<'a> {
    /// The texts of this person's archive files: what is archived is not added again.
    pub archives: Vec<&'a str>,
    /// The text of BACKLOG.md, when there is one: its tasks are not added again, and its
    /// ticked tasks from this person's meetings tick the matching items.
    pub backlog: Option<&'a str>,
    /// The meeting's topics as given (`--topics`), instead of a `Topics:` line or the
    /// topics read from the notes.
    pub topics: Option<&'a str>,
}

/// What a change does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// An open action item of mine (and a BACKLOG.md task).
    MyAction,
    /// An open action item of the other person or someone named.
    TheirAction,
    /// A focus area (from a goal).
    FocusArea,
    /// A dated thread entry (goal, decision, discussion, or a "done" that matched nothing).
    ThreadEntry,
    /// A dated accomplishment shared.
    Accomplishment,
    /// Ticks an open action item.
    Completion,
    /// The meeting-history line.
    Meeting,
}

/// Where a change lands in the document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(tag = "section", content = "name", rename_all = "snake_case")]
pub enum Target {
    /// Current Focus Areas.
    FocusAreas,
    /// A thread under Ongoing Threads.
    Thread(String),
    /// An owner's subsection of Action Items.
    Actions(Owner),
    /// The open item starting at this 1-based line (at planning time).
    Item(usize),
    /// Recent Accomplishments Shared.
    Accomplishments,
    /// Meeting History.
    MeetingHistory,
}

/// Why a change is not made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Skip {
    /// An equivalent line is already in the running document.
    InDocument,
    /// An equivalent line is in an archive.
    InArchive,
    /// An equivalent task is in BACKLOG.md.
    InBacklog,
    /// An earlier note of the same notes gives the same line.
    Repeated,
    /// The item it would tick is no longer open (at apply time).
    ItemGone,
}

/// One change of a plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Change {
    /// What it does.
    pub kind: ChangeKind,
    /// The kind of note it came from (`None` for the meeting line and BACKLOG ticks).
    pub note_kind: Option<NoteKind>,
    /// The action's owner.
    pub owner: Option<Owner>,
    /// Where it lands.
    pub target: Target,
    /// The text written (for a completion: the item's text).
    pub text: String,
    /// Nested lines (thread entries).
    pub details: Vec<String>,
    /// The due date of an action.
    pub due: Option<NaiveDate>,
    /// The words of the notes the due date was read from (`by next week`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due_phrase: Option<String>,
    /// The priority of an action (1..=3).
    pub priority: Option<u8>,
    /// Whether `[Pn]` is written into the document's item (explicit or P1).
    pub write_priority: bool,
    /// 1-based line in the notes (0 for the meeting line and BACKLOG ticks).
    pub source_line: usize,
    /// Set when the change is not made.
    pub skip: Option<Skip>,
    /// For an action of mine: set when its BACKLOG.md task is not written. Decided apart
    /// from `skip`, so that a run interrupted between the two writes is completed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub backlog_skip: Option<Skip>,
}

/// A "done" note that matched no single open item; recorded as a thread entry instead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Unmatched {
    /// 1-based line in the notes.
    pub line: usize,
    /// The note's text.
    pub text: String,
    /// How many open items it matched (0, or more than one).
    pub candidates: usize,
    /// The open items it matched about as well as each other (none when it matched none).
    pub items: Vec<String>,
}

/// A note no rule recognised, filed as a discussion entry: listed apart so that the user
/// can check the guess.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Unrecognised {
    /// 1-based line in the notes.
    pub line: usize,
    /// The text filed.
    pub text: String,
    /// The thread it went to.
    pub thread: String,
}

/// What processing a brain dump would do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Plan {
    /// The meeting date.
    pub date: NaiveDate,
    /// The document's person.
    pub person: String,
    /// The changes, in the order the notes gave them, the meeting line last; `skip` is set
    /// on those not (to be) made.
    pub changes: Vec<Change>,
    /// "Done" notes that ticked nothing.
    pub unmatched: Vec<Unmatched>,
    /// Notes no rule recognised, filed as discussion.
    pub unrecognised: Vec<Unrecognised>,
    /// BACKLOG.md tasks (1-based lines) ticked with their item.
    pub backlog_ticks: Vec<usize>,
    /// Inbox lines (1-based, in the document) to remove once recorded.
    pub inbox_lines: Vec<usize>,
}

impl Plan {
    /// The changes that will be made.
    pub fn effective(&self) -> impl Iterator<Item = &Change> {
        self.changes.iter().filter(|c| c.skip.is_none())
    }

    /// Whether applying the plan would change nothing at all, BACKLOG.md included.
    pub fn is_noop(&self) -> bool {
        self.effective().next().is_none()
            && self.inbox_lines.is_empty()
            && self.backlog_ticks.is_empty()
            && self.backlog_tasks().next().is_none()
    }

    /// The actions of mine whose BACKLOG.md task is written.
    fn backlog_tasks(&self) -> impl Iterator<Item = &Change> {
        self.changes.iter().filter(|c| writes_backlog(c))
    }

    /// The BACKLOG.md lines for the new actions of mine, e.g.
    /// `- [ ] [P1] Find courses (due: 2026-01-22) (1:1 Sarah Chen, 2026-01-15)`.
    pub fn backlog_lines(&self) -> Vec<String> {
        self.backlog_tasks()
            .map(|c| backlog_line(c, &self.person, self.date))
            .collect()
    }
}

fn writes_backlog(c: &Change) -> bool {
    c.kind == ChangeKind::MyAction && c.backlog_skip.is_none()
}

fn backlog_line(c: &Change, person: &str, date: NaiveDate) -> String {
    let mut line = format!("- [ ] [P{}] {}", c.priority.unwrap_or(2), c.text);
    if let Some(due) = c.due {
        line.push_str(&format!(" (due: {due})"));
    }
    line.push_str(&format!(" (1:1 {person}, {date})"));
    line
}

/// The rules' reading of a brain dump: the plan, and what only notes have.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    /// What the notes say, as a plan; its `person` is the document's `person:`.
    pub plan: MeetingPlan,
    /// "Done" notes that ticked nothing (the plan holds them as thread entries).
    pub unmatched: Vec<Unmatched>,
    /// Notes no rule recognised (the plan holds them as discussion entries).
    pub unrecognised: Vec<Unrecognised>,
    /// Inbox lines (1-based, in the document) to remove once recorded.
    pub inbox_lines: Vec<usize>,
}

/// Plans the changes a brain dump makes to a running document: its [`read`]ing, planned
/// by [`plan_reading`].
///
/// # Errors
/// Unreadable notes ([`NotesError`] names the line), or a document without `person:`.
pub fn plan(
    doc: &Document,
    notes: &str,
    date: NaiveDate,
    settings: &Settings,
    ctx: &ProcessContext<'_>,
) -> Result<Plan, NotesError> {
    let reading = read(doc, notes, date, settings, ctx)?;
    plan_reading(doc, &reading, settings, ctx)
}

/// Plans the changes of the document's own `## Inbox` lines, which leave the Inbox when
/// applied. Source lines are the document's lines.
///
/// # Errors
/// [`NotesError::Empty`] when the Inbox has no lines; otherwise as [`plan`].
pub fn plan_inbox(
    doc: &Document,
    date: NaiveDate,
    settings: &Settings,
    ctx: &ProcessContext<'_>,
) -> Result<Plan, NotesError> {
    let reading = read_inbox(doc, date, settings, ctx)?;
    plan_reading(doc, &reading, settings, ctx)
}

/// The rules' reading of a brain dump as a [`MeetingPlan`]: each note classified, "done"
/// notes matched against the open items (one that matches none stays a thread entry),
/// threads routed and the meeting's topics made.
///
/// # Errors
/// Unreadable notes ([`NotesError`] names the line), or a document without `person:`.
pub fn read(
    doc: &Document,
    notes: &str,
    date: NaiveDate,
    settings: &Settings,
    ctx: &ProcessContext<'_>,
) -> Result<Reading, NotesError> {
    let read = read_notes(notes)?;
    read_clauses(doc, &read, date, settings, ctx, Vec::new())
}

/// The rules' reading of the document's own `## Inbox` lines, as [`read`].
///
/// # Errors
/// [`NotesError::Empty`] when the Inbox has no lines; otherwise as [`read`].
pub fn read_inbox(
    doc: &Document,
    date: NaiveDate,
    settings: &Settings,
    ctx: &ProcessContext<'_>,
) -> Result<Reading, NotesError> {
    let bullets = doc.inbox();
    let Some(last) = bullets.iter().map(|b| b.end_line).max() else {
        return Err(NotesError::Empty);
    };
    // Blank lines keep the document's numbering, so a note's line is its document line.
    let mut text = String::new();
    for n in 1..=last {
        let inside = bullets.iter().any(|b| (b.line..=b.end_line).contains(&n));
        if inside {
            text.push_str(doc.line(n).unwrap_or(""));
        }
        text.push('\n');
    }
    let read = read_notes(&text)?;
    let inbox_lines = bullets.iter().map(|b| b.line).collect();
    read_clauses(doc, &read, date, settings, ctx, inbox_lines)
}

/// Plans the rules' reading of notes against the document it was read from.
///
/// # Errors
/// A document without `person:`.
pub fn plan_reading(
    doc: &Document,
    reading: &Reading,
    settings: &Settings,
    ctx: &ProcessContext<'_>,
) -> Result<Plan, NotesError> {
    let person = document_person(doc).ok_or(NotesError::NoPerson)?;
    // The reading matched its "done" notes against this very document, so none is
    // refused; were one to be, it is recorded as an item no longer open.
    let (plan, _refused) = compile(doc, person, &reading.plan, settings, ctx);
    Ok(Plan {
        unmatched: reading.unmatched.clone(),
        unrecognised: reading.unrecognised.clone(),
        inbox_lines: reading.inbox_lines.clone(),
        ..plan
    })
}

/// Plans a meeting plan (the rules' reading, or one written or corrected by someone
/// else) against a running document: the same placement, idempotency and BACKLOG.md
/// tasks as notes.
///
/// # Errors
/// A `done` item that matches no open item (nor one completed on the plan's date) or
/// several ([`PlanError`] names the candidates), or a document without `person:`.
pub fn plan_meeting(
    doc: &Document,
    meeting: &MeetingPlan,
    settings: &Settings,
    ctx: &ProcessContext<'_>,
) -> Result<Plan, PlanError> {
    let person = document_person(doc).ok_or(PlanError::NoPerson)?;
    let (plan, refused) = compile(doc, person, meeting, settings, ctx);
    match refused.into_iter().next() {
        Some(e) => Err(e),
        None => Ok(plan),
    }
}

fn document_person(doc: &Document) -> Option<String> {
    doc.person()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
}

/// Whether a text holds anything but ASCII punctuation and spaces. Text without words is
/// no item: written as a bullet, `- -` reads back as a thematic break (`- - -`).
pub(crate) fn has_words(text: &str) -> bool {
    text.chars()
        .any(|c| !c.is_ascii_punctuation() && !c.is_whitespace())
}

/// The comparable core of a line in an archive or BACKLOG.md: bullet, checkbox, `[Pn]`,
/// date markers and trailing `(…)` annotations of ours removed, normalised.
fn line_key(line: &str) -> String {
    norm(&line_words(line))
}

/// A line's own words: bullet and checkbox (read as the parser reads them), `[Pn]`, date
/// markers and trailing `(…)` annotations of ours removed, spaces collapsed, case kept (it
/// is shown to the user). BACKLOG.md is typed by hand as well: its annotations are taken
/// out wherever they end the line, and priorities in either case.
fn line_words(line: &str) -> String {
    let content = bullet(line).map_or(line.trim(), |(_, _, at)| &line[at..]);
    let content = checkbox(content).map_or(content, |(_, rest)| rest);
    let mut s = content.trim().to_owned();
    // Either case: lines are compared after normalising case, so `[p2]` must go too.
    for p in ["[P1]", "[P2]", "[P3]", "[p1]", "[p2]", "[p3]"] {
        s = s.replace(p, "");
    }
    loop {
        let t = s.trim_end();
        let cut = ["(by ", "(completed ", "(due: ", "(1:1 "]
            .iter()
            .filter_map(|open| t.rfind(open))
            .max()
            .filter(|&i| t.ends_with(')') && !t[i..].contains('\n'));
        let cut = cut.or_else(|| {
            ["📅 ", "✅ "]
                .iter()
                .filter_map(|m| t.rfind(m))
                .max()
                .filter(|&i| parse_iso(t[i..].split_whitespace().nth(1).unwrap_or("")).is_some())
        });
        match cut {
            Some(i) => s.truncate(i),
            None => break,
        }
    }
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn archive_keys(ctx: &ProcessContext<'_>) -> HashSet<String> {
    ctx.archives
        .iter()
        .flat_map(|a| a.lines())
        .map(line_key)
        .collect()
}

/// Meeting dates recorded in archives: their Meeting History entries, read by the parser.
/// An archive the parser refuses records none (validation reports it).
fn archived_meetings(ctx: &ProcessContext<'_>) -> HashSet<NaiveDate> {
    ctx.archives
        .iter()
        .filter_map(|a| crate::Document::parse(a).ok())
        .flat_map(|doc| doc.meetings().iter().map(|e| e.date).collect::<Vec<_>>())
        .collect()
}

/// A task of BACKLOG.md that came from a 1:1.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BacklogTask {
    /// The task's text, markers and annotations removed, spaces collapsed, case kept.
    pub text: String,
    /// Whether it is ticked.
    pub done: bool,
    /// `[Pn]`.
    pub priority: Option<u8>,
    /// `(due: …)`.
    pub due: Option<NaiveDate>,
    /// The meeting it came from: `(1:1 Person, DATE)`.
    pub meeting: NaiveDate,
    /// `(completed …)` or `✅ …`, when written.
    pub completed: Option<NaiveDate>,
    /// 1-based line in BACKLOG.md.
    pub line: usize,
}

/// The tasks of BACKLOG.md that came from meetings with `person` (case-insensitive).
pub fn backlog_tasks(backlog: &str, person: &str) -> Vec<BacklogTask> {
    let want = norm(person);
    let mut out = Vec::new();
    for (i, raw) in backlog.lines().enumerate() {
        let s = raw.trim();
        let Some(rest) = s.strip_prefix("- ").or_else(|| s.strip_prefix("* ")) else {
            continue;
        };
        let (done, rest) = if let Some(r) = rest.strip_prefix("[ ] ") {
            (false, r)
        } else if let Some(r) = rest
            .strip_prefix("[x] ")
            .or_else(|| rest.strip_prefix("[X] "))
        {
            (true, r)
        } else {
            continue;
        };
        let Some(open) = rest.rfind("(1:1 ") else {
            continue;
        };
        let Some(close) = rest[open..].find(')') else {
            continue;
        };
        let inner = &rest[open + 5..open + close];
        let Some((who, when)) = inner.rsplit_once(',') else {
            continue;
        };
        let Some(meeting) = parse_iso(when.trim()) else {
            continue;
        };
        if norm(who) != want {
            continue;
        }
        let annotation = |key: &str| {
            rest.find(key)
                .and_then(|p| rest.get(p + key.len()..p + key.len() + 10))
                .and_then(parse_iso)
        };
        let priority = ["[P1]", "[P2]", "[P3]"]
            .iter()
            .position(|p| rest.contains(p))
            .and_then(|p| u8::try_from(p + 1).ok());
        out.push(BacklogTask {
            text: line_words(rest),
            done,
            priority,
            due: annotation("(due: "),
            meeting,
            completed: annotation("(completed ").or_else(|| annotation("✅ ")),
            line: i + 1,
        });
    }
    out
}

/// BACKLOG.md's text with the tasks at `lines` (1-based) ticked and marked
/// `(completed DATE)`; every other byte as it was.
pub fn tick_backlog(text: &str, lines: &[usize], date: NaiveDate) -> String {
    let mut out = String::with_capacity(text.len() + lines.len() * 24);
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let body = line.trim_end_matches(['\n', '\r']);
        let ending = &line[body.len()..];
        match body.find("[ ] ") {
            Some(at) if lines.contains(&(i + 1)) => {
                out.push_str(&body[..at]);
                out.push_str("[x] ");
                out.push_str(&body[at + 4..]);
                if !body.contains("(completed ") {
                    out.push_str(&format!(" (completed {date})"));
                }
                out.push_str(ending);
            }
            _ => out.push_str(line),
        }
    }
    out
}

/// Applies a plan made from this same document: ticks first (in place), then Inbox
/// removal, then the insertions, each placed by the document itself.
///
/// # Errors
/// An edit the document refuses (a duplicated known section); the document may then hold
/// the edits made before it, so callers write nothing on error.
pub fn apply(doc: &mut Document, plan: &Plan) -> Result<Applied, EditError> {
    // The plan as carried out: its changes get `skip` where an item has gone.
    let mut done = plan.clone();
    let changes = &mut done.changes;
    for c in changes.iter_mut().filter(|c| c.skip.is_none()) {
        if let (ChangeKind::Completion, Target::Item(line)) = (c.kind, &c.target) {
            let key = norm(&c.text);
            let at = doc
                .action_items()
                .find(|i| !i.done && i.line == *line && norm(&i.text) == key)
                .or_else(|| doc.action_items().find(|i| !i.done && norm(&i.text) == key))
                .map(|i| i.line);
            match at {
                Some(l) => {
                    doc.complete_action_item(l, plan.date)?;
                }
                None => c.skip = Some(Skip::ItemGone),
            }
        }
    }
    let mut inbox_removed = 0;
    if !plan.inbox_lines.is_empty() {
        doc.remove_inbox_lines(&plan.inbox_lines)?;
        inbox_removed = plan.inbox_lines.len();
    }
    for c in changes.iter().filter(|c| c.skip.is_none()) {
        match (&c.kind, &c.target) {
            (ChangeKind::MyAction | ChangeKind::TheirAction, Target::Actions(owner)) => {
                let item = NewActionItem {
                    text: c.text.clone(),
                    due: c.due,
                    priority: c.write_priority.then_some(c.priority).flatten(),
                };
                doc.add_action_item(owner, &item)?;
            }
            (ChangeKind::FocusArea, _) => {
                doc.add_focus_area(&c.text)?;
            }
            _ => {}
        }
    }
    // Dated lists are newest first and each insertion lands on top: inserting the entries
    // in reverse keeps them in the plan's order. A goal's entry goes above the other
    // entries of the meeting, so that a thread reads the same whatever order the plan's
    // lists came in.
    let (goals, others): (Vec<&Change>, Vec<&Change>) = changes
        .iter()
        .filter(|c| c.skip.is_none())
        .partition(|c| c.kind == ChangeKind::ThreadEntry && c.note_kind == Some(NoteKind::Goal));
    for c in goals.into_iter().chain(others).rev() {
        match (&c.kind, &c.target) {
            (ChangeKind::ThreadEntry, Target::Thread(t)) => {
                doc.add_thread_entry(t, plan.date, &c.text, &c.details)?;
            }
            (ChangeKind::Accomplishment, _) => {
                doc.add_accomplishment(plan.date, &c.text)?;
            }
            _ => {}
        }
    }
    for c in changes.iter().filter(|c| c.skip.is_none()) {
        if c.kind == ChangeKind::Meeting {
            doc.add_meeting(plan.date, &c.text)?;
        }
    }
    let backlog_lines = changes
        .iter()
        .filter(|c| writes_backlog(c))
        .map(|c| backlog_line(c, &plan.person, plan.date))
        .collect();
    Ok(Applied {
        plan: done,
        backlog_lines,
        inbox_removed,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backlog_task_text_keeps_its_case() {
        let backlog =
            "- [x] [P1] Find  AWS courses (due: 2026-01-22) (1:1 Sarah Chen, 2026-01-15)\n";
        let tasks = backlog_tasks(backlog, "sarah chen");
        assert_eq!(tasks.len(), 1);
        assert_eq!(tasks[0].text, "Find AWS courses");
        assert_eq!(line_key(backlog.trim_end()), "find aws courses");
    }

    #[test]
    fn backlog_line_reads_bullet_and_box_as_the_parser_does() {
        for line in [
            "- [ ] [P2] Find courses (due: 2026-01-22) (1:1 Sarah Chen, 2026-01-15)",
            "-\t[ ]\t[p2] Find courses (due: 2026-01-22) (1:1 Sarah Chen, 2026-01-15)",
            "  * [X] Find   courses ✅ 2026-01-20",
            "+ [x] [P1] Find courses (by 2026-01-22) (completed 2026-01-21)",
        ] {
            assert_eq!(line_key(line), "find courses", "{line:?}");
        }
    }
}
