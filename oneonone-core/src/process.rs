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
use crate::model::{ActionItem, Owner};
use crate::notes::classify::route_thread;
use crate::notes::classify::{
    Classified, ClassifyContext, DoneMatch as Score, NoteKind, capitalise, classify_note,
    done_match, done_matches, mention_owner, opens_with_same_form_past, restates,
};
use crate::notes::dates::parse_iso;
use crate::notes::reader::{Marker, NotesError, read_notes};
use crate::notes::rules::STOPWORDS;
use crate::plan::{
    EntryKind, ItemRef, MeetingPlan, OwnerWord, PlanError, PlannedAction, PlannedDone,
    PlannedEntry, Priority, owner_word,
};
use crate::settings::Settings;
use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::fmt;

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
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Plan {
    /// The meeting date.
    pub date: NaiveDate,
    /// The document's person.
    pub person: String,
    /// The changes, in the order the notes gave them; the meeting line last.
    pub changes: Vec<Change>,
    /// "Done" notes that ticked nothing.
    pub unmatched: Vec<Unmatched>,
    /// Notes no rule recognised, filed as discussion.
    pub unrecognised: Vec<Unrecognised>,
    /// BACKLOG.md tasks (1-based lines) to tick because their item is ticked.
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

/// Lowercase, single spaces, trimmed: what "the same text" means.
fn norm(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The comparable core of a line in an archive or BACKLOG.md: bullet, checkbox, `[Pn]`,
/// date markers and trailing `(…)` annotations of ours removed, normalised.
fn line_key(line: &str) -> String {
    norm(&line_words(line))
}

/// A line's own words: bullet, checkbox, `[Pn]`, date markers and trailing `(…)`
/// annotations of ours removed, spaces collapsed, case kept (it is shown to the user).
fn line_words(line: &str) -> String {
    let mut s = line.trim();
    for b in ["- ", "* ", "+ "] {
        if let Some(r) = s.strip_prefix(b) {
            s = r.trim_start();
            break;
        }
    }
    for c in ["[ ] ", "[x] ", "[X] "] {
        if let Some(r) = s.strip_prefix(c) {
            s = r.trim_start();
            break;
        }
    }
    let mut s = s.to_owned();
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

/// Meeting dates recorded in archives: `- DATE: …` lines under a Meeting History heading.
fn archived_meetings(ctx: &ProcessContext<'_>) -> HashSet<NaiveDate> {
    let mut out = HashSet::new();
    for a in &ctx.archives {
        let mut inside = false;
        for line in a.lines() {
            if let Some(h) = line.strip_prefix("## ") {
                inside = h
                    .trim()
                    .trim_end_matches('#')
                    .trim()
                    .eq_ignore_ascii_case("meeting history");
                continue;
            }
            if inside
                && let Some(rest) = line.trim_start().strip_prefix("- ")
                && let Some(d) = rest.get(..10).and_then(parse_iso)
            {
                out.insert(d);
            }
        }
    }
    out
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

struct Planner<'a> {
    doc: &'a Document,
    date: NaiveDate,
    settings: &'a Settings,
    archive: HashSet<String>,
    backlog: HashSet<String>,
    /// Whether there is a BACKLOG.md to compare with.
    backlog_known: bool,
    person: String,
    planned: HashSet<(ChangeKind, String)>,
    ticked: HashSet<usize>,
    own_actions: HashSet<String>,
    changes: Vec<Change>,
    /// For each change, its item's place in the plan's order (0: BACKLOG.md ticks).
    order: Vec<usize>,
    /// Each action item's normalised text, by its first line: computed once, as every
    /// action and "done" item of a plan is compared with every item.
    item_keys: HashMap<usize, String>,
    /// The normalised texts and first lines (markers included) of all action items.
    text_keys: HashSet<String>,
    raw_keys: HashSet<String>,
}

/// What a "done" item's words resolve to.
enum Resolved {
    /// The one open item they match: ticked.
    Open { line: usize, text: String },
    /// An item already ticked, on this date or earlier in this run: nothing to do.
    Already {
        line: usize,
        text: String,
        skip: Skip,
    },
}

/// Why a "done" item's words tick nothing.
struct DoneMiss {
    /// The open items they match (none, or several about as well).
    candidates: Vec<String>,
    /// Every open item they could have named.
    open: Vec<String>,
}

/// The rules' reading of notes, as a plan.
fn read_clauses(
    doc: &Document,
    notes: &[crate::notes::reader::Note],
    date: NaiveDate,
    settings: &Settings,
    ctx: &ProcessContext<'_>,
    inbox_lines: Vec<usize>,
) -> Result<Reading, NotesError> {
    let person = document_person(doc).ok_or(NotesError::NoPerson)?;
    let mut p = Planner::new(doc, date, settings, ctx, person.clone());
    let cctx = ClassifyContext {
        person: &person,
        my_name: settings.my_name.as_deref(),
        meeting: date,
        relationship: doc.relationship(),
    };
    let topics_line = notes
        .iter()
        .find(|n| n.marker == Some(Marker::Topics))
        .map(|n| n.text.clone());
    let clauses: Vec<Classified> = notes
        .iter()
        .filter(|n| n.marker != Some(Marker::Topics))
        .flat_map(|n| classify_note(n, &cctx))
        .collect();
    p.own_actions = clauses
        .iter()
        .filter(|c| c.kind.is_action())
        .flat_map(|c| {
            let written = NewActionItem {
                text: c.text.clone(),
                due: c.due,
                priority: c.priority,
            };
            [norm(&c.text), norm(&written.read_back_text())]
        })
        .collect();
    let mut reading = Reading {
        plan: MeetingPlan::new(person.clone(), date),
        unmatched: Vec::new(),
        unrecognised: Vec::new(),
        inbox_lines,
    };
    for c in clauses {
        p.read_clause(c, &mut reading);
    }
    // The topics as the meeting line will say them, so that the plan shows them and
    // applying it as JSON writes the same line.
    if let Some(given) = ctx
        .topics
        .or(topics_line.as_deref())
        .filter(|t| has_words(t))
    {
        reading.plan.topics = split_topics(given);
    } else if !reading.plan.is_empty() {
        let (planned, _) = compile(doc, person, &reading.plan, settings, ctx);
        reading.plan.topics = meeting_topics(&planned.changes, &settings.fallback_thread);
    }
    Ok(reading)
}

/// Plans a meeting plan; the refusals are returned apart, each `done` item refused being
/// planned as an item no longer open.
fn compile(
    doc: &Document,
    person: String,
    meeting: &MeetingPlan,
    settings: &Settings,
    ctx: &ProcessContext<'_>,
) -> (Plan, Vec<PlanError>) {
    let mut p = Planner::new(doc, meeting.date, settings, ctx, person.clone());
    p.own_actions = meeting
        .actions
        .iter()
        .flat_map(|a| {
            let written = NewActionItem {
                text: a.text.clone(),
                due: a.due,
                priority: Some(p.priority_of(a)),
            };
            [norm(&a.text), norm(&written.read_back_text())]
        })
        .collect();
    let items = meeting.items();
    let place = |item: ItemRef| {
        items
            .iter()
            .position(|o| o.item == item)
            .map_or((0, 0), |i| (i + 1, items[i].line))
    };
    let mut refused = Vec::new();
    // List by list, so that what an earlier item decides (a repeated text, a tick) is the
    // same whatever order the plan's author gave; the changes are then put in the plan's
    // order.
    for (i, done) in meeting.done.iter().enumerate() {
        let (order, line) = place(ItemRef::Done(i));
        if let Err(e) = p.done_item(&done.item, line, order, &format!("done[{i}].item")) {
            refused.push(e);
        }
    }
    for (i, a) in meeting.actions.iter().enumerate() {
        let (order, line) = place(ItemRef::Action(i));
        p.action(a, line, order);
    }
    for (i, g) in meeting.goals.iter().enumerate() {
        let (order, line) = place(ItemRef::Goal(i));
        p.goal(g, line, order);
    }
    for (i, a) in meeting.accomplishments.iter().enumerate() {
        let (order, line) = place(ItemRef::Accomplishment(i));
        p.accomplishment(a, line, order);
    }
    for (i, e) in meeting.entries.iter().enumerate() {
        let (order, line) = place(ItemRef::Entry(i));
        p.entry(e, line, order);
    }
    let mut numbered: Vec<(usize, Change)> = p.order.drain(..).zip(p.changes.drain(..)).collect();
    numbered.sort_by_key(|(order, _)| *order);
    p.changes = numbered.into_iter().map(|(_, c)| c).collect();
    if !meeting.is_empty() || !meeting.topics.is_empty() {
        p.meeting(ctx, &meeting.topics);
    }
    let backlog_ticks = p.backlog_ticks_for_completions(ctx.backlog.unwrap_or(""));
    let plan = Plan {
        date: meeting.date,
        person,
        changes: p.changes,
        unmatched: Vec::new(),
        unrecognised: Vec::new(),
        backlog_ticks,
        inbox_lines: Vec::new(),
    };
    (plan, refused)
}

/// P1 when due within a week of the meeting (or overdue), else P2: SPEC 4's default.
fn default_priority(due: Option<NaiveDate>, meeting: NaiveDate) -> u8 {
    if due.is_some_and(|d| (d - meeting).num_days() <= 7) {
        1
    } else {
        2
    }
}

impl Planner<'_> {
    fn new<'a>(
        doc: &'a Document,
        date: NaiveDate,
        settings: &'a Settings,
        ctx: &ProcessContext<'_>,
        person: String,
    ) -> Planner<'a> {
        let backlog_text = ctx.backlog.unwrap_or("");
        let mut p = Planner {
            doc,
            date,
            settings,
            archive: archive_keys(ctx),
            backlog: backlog_text.lines().map(line_key).collect(),
            backlog_known: ctx.backlog.is_some(),
            person: person.clone(),
            planned: HashSet::new(),
            ticked: HashSet::new(),
            own_actions: HashSet::new(),
            changes: Vec::new(),
            order: Vec::new(),
            item_keys: doc
                .action_items()
                .map(|i| (i.line, norm(&i.text)))
                .collect(),
            text_keys: doc.action_items().map(|i| norm(&i.text)).collect(),
            raw_keys: doc.action_items().map(|i| norm(&i.raw_text)).collect(),
        };
        p.backlog_ticks(backlog_text, &person);
        p
    }

    fn change(&self, kind: ChangeKind, target: Target, text: String, line: usize) -> Change {
        Change {
            kind,
            note_kind: None,
            owner: None,
            target,
            text,
            details: Vec::new(),
            due: None,
            due_phrase: None,
            priority: None,
            write_priority: false,
            source_line: line,
            skip: None,
            backlog_skip: None,
        }
    }

    /// An action item's normalised text.
    fn key_of(&self, item: &ActionItem) -> String {
        self.item_keys
            .get(&item.line)
            .cloned()
            .unwrap_or_else(|| norm(&item.text))
    }

    fn open_items(&self) -> impl Iterator<Item = &ActionItem> {
        self.doc
            .action_items()
            .filter(|i| !i.done && !self.ticked.contains(&i.line))
    }

    fn backlog_ticks(&mut self, backlog: &str, person: &str) {
        for task in backlog_tasks(backlog, person)
            .into_iter()
            .filter(|t| t.done)
        {
            let item = self
                .open_items()
                .find(|i| i.owner == Owner::Me && norm(&i.text) == norm(&task.text))
                .map(|i| (i.line, i.text.clone()));
            if let Some((line, text)) = item {
                self.ticked.insert(line);
                let c = self.change(ChangeKind::Completion, Target::Item(line), text, 0);
                self.push_at(c, 0);
            }
        }
    }

    /// The open BACKLOG.md tasks of the items these notes tick (or ticked on this date in
    /// an earlier run), so the two stay in step.
    fn backlog_ticks_for_completions(&self, backlog: &str) -> Vec<usize> {
        let tasks = backlog_tasks(backlog, &self.person);
        let mut lines = Vec::new();
        for c in &self.changes {
            let (ChangeKind::Completion, Target::Item(at), Some(NoteKind::Done)) =
                (c.kind, &c.target, c.note_kind)
            else {
                continue;
            };
            if !matches!(c.skip, None | Some(Skip::InDocument)) {
                continue;
            }
            let mine = self
                .doc
                .action_items()
                .any(|i| i.line == *at && i.owner == Owner::Me);
            let key = norm(&c.text);
            for t in tasks.iter().filter(|t| !t.done && norm(&t.text) == key) {
                if mine && !lines.contains(&t.line) {
                    lines.push(t.line);
                }
            }
        }
        lines
    }

    /// One classified clause into the reading: the kinds of SPEC 4 as plan items.
    fn read_clause(&mut self, mut c: Classified, reading: &mut Reading) {
        if !has_words(&c.entry_text) {
            // A bare marker ("TODO:"), a bare owner phrase, or stray markdown punctuation
            // ("GOAL: - -"): nothing to record.
            return;
        }
        // An order ("send the approved deck") is not a done note; an order said finished
        // ("book the venue - done") is.
        let may_complete = !c.kind.is_action()
            || c.status_done
            || (c.owner == Some(Owner::Me)
                && c.due.is_none()
                && opens_with_same_form_past(&c.entry_text));
        if may_complete && self.read_done(&mut c, reading) {
            return;
        }
        if !has_words(&c.text) {
            // Nothing but a date was left ("I'll by Friday"): keep the words as a note.
            c.kind = NoteKind::Discussion;
            c.text = c.entry_text.clone();
            c.owner = None;
            c.due = None;
            c.due_phrase = None;
            c.priority = None;
        }
        let plan = &mut reading.plan;
        match c.kind {
            NoteKind::MyAction | NoteKind::TheirAction => {
                let owner = match c.owner.clone().unwrap_or(Owner::Me) {
                    Owner::Me | Owner::Unassigned => "me".to_owned(),
                    Owner::Them => "them".to_owned(),
                    Owner::Named(n) => n,
                };
                // The priority SPEC 4 would give it anyway is left out, so that the plan
                // shows only what is written into the document.
                let priority = c
                    .priority
                    .filter(|&n| c.explicit_priority || n == 1)
                    .and_then(Priority::from_number);
                plan.actions.push(PlannedAction {
                    owner,
                    text: c.text,
                    due: c.due,
                    due_phrase: c.due_phrase,
                    priority,
                });
                plan.note_origin(ItemRef::Action(plan.actions.len() - 1), c.line);
            }
            NoteKind::Goal => {
                plan.goals.push(c.text);
                plan.note_origin(ItemRef::Goal(plan.goals.len() - 1), c.line);
            }
            NoteKind::Accomplishment => {
                plan.accomplishments.push(c.text);
                let at = ItemRef::Accomplishment(plan.accomplishments.len() - 1);
                plan.note_origin(at, c.line);
            }
            kind => {
                let thread =
                    route_thread(&c.entry_text, self.date, self.settings, self.doc.threads());
                if !c.recognised {
                    reading.unrecognised.push(Unrecognised {
                        line: c.line,
                        text: c.entry_text.clone(),
                        thread: thread.clone(),
                    });
                }
                plan.entries.push(PlannedEntry {
                    thread: Some(thread),
                    text: c.entry_text,
                    kind: if kind == NoteKind::Decision {
                        EntryKind::Decision
                    } else {
                        EntryKind::Discussion
                    },
                    details: c.details,
                });
                plan.note_origin(ItemRef::Entry(plan.entries.len() - 1), c.line);
            }
        }
    }

    /// A clause that may say an item is finished: a `done` item of the reading for the
    /// one item (mine or theirs) it clearly matches best. Gives false when it matched
    /// none, so that the clause is recorded as its other kind (an order said finished
    /// becomes a thread entry, never a new open action).
    fn read_done(&mut self, c: &mut Classified, reading: &mut Reading) -> bool {
        match self.resolve_done(&c.entry_text, c.completion) {
            Ok((m, score)) => {
                let text = match m {
                    Resolved::Open { line, text } => {
                        self.ticked.insert(line);
                        text
                    }
                    Resolved::Already { text, .. } => text,
                };
                let plan = &mut reading.plan;
                plan.done.push(PlannedDone { item: text });
                plan.note_origin(ItemRef::Done(plan.done.len() - 1), c.line);
                // Commentary beyond the item ("took two evenings") is kept as a thread
                // entry, so that nothing said is lost.
                if score.is_some_and(|s| s.extra >= 2) {
                    let thread =
                        route_thread(&c.entry_text, self.date, self.settings, self.doc.threads());
                    plan.entries.push(PlannedEntry {
                        thread: Some(thread),
                        text: c.entry_text.clone(),
                        kind: EntryKind::Discussion,
                        details: c.details.clone(),
                    });
                    plan.note_origin(ItemRef::Entry(plan.entries.len() - 1), c.line);
                }
                true
            }
            Err(miss) => {
                let tied = miss.candidates.len() > 1;
                // A decision ("promo for Tom approved") is no claim that an item is done.
                let said_done = c.status_done || (c.completion && c.kind == NoteKind::Discussion);
                if tied || said_done {
                    reading.unmatched.push(Unmatched {
                        line: c.line,
                        text: c.entry_text.clone(),
                        candidates: miss.candidates.len(),
                        items: if tied { miss.candidates } else { Vec::new() },
                    });
                }
                if c.kind.is_action() && c.status_done {
                    c.kind = NoteKind::Discussion;
                    c.owner = None;
                    c.recognised = true;
                }
                false
            }
        }
    }

    /// What a "done" item's words tick: the open item whose text they are, else the one
    /// item (open, or already ticked on this date or earlier in this run) they clearly
    /// match best; an item already ticked is nothing to do. Items this same plan creates
    /// are never ticked by it: on a second run they exist, on the first they did not, and
    /// both runs must decide alike. `completion` says whether the words say "done"
    /// themselves; without it only the past form of the item's own verb counts.
    fn resolve_done(
        &self,
        words: &str,
        completion: bool,
    ) -> Result<(Resolved, Option<Score>), DoneMiss> {
        let key = norm(words);
        let open: Vec<&ActionItem> = self
            .open_items()
            .filter(|i| !self.own_actions.contains(&self.key_of(i)))
            .collect();
        let closed: Vec<(&ActionItem, Skip)> = self
            .doc
            .action_items()
            .filter_map(|i| {
                if i.done && i.completed == Some(self.date) {
                    Some((i, Skip::InDocument))
                } else if !i.done && self.ticked.contains(&i.line) {
                    Some((i, Skip::Repeated))
                } else {
                    None
                }
            })
            .collect();
        let miss = |candidates: Vec<String>| DoneMiss {
            candidates,
            open: open.iter().map(|i| i.text.clone()).collect(),
        };
        let exact: Vec<&ActionItem> = open
            .iter()
            .copied()
            .filter(|i| self.key_of(i) == key)
            .collect();
        match exact.as_slice() {
            [one] => {
                let m = Resolved::Open {
                    line: one.line,
                    text: one.text.clone(),
                };
                return Ok((m, None));
            }
            [] => {}
            many => return Err(miss(many.iter().map(|i| i.text.clone()).collect())),
        }
        if let Some((i, skip)) = closed.iter().find(|(i, _)| self.key_of(i) == key) {
            let m = Resolved::Already {
                line: i.line,
                text: i.text.clone(),
                skip: *skip,
            };
            return Ok((m, None));
        }
        // Open and already-ticked items compete alike, so that a second run decides as
        // the first did.
        let mut scored: Vec<(&ActionItem, Option<Skip>, Score)> = open
            .iter()
            .map(|i| (*i, None))
            .chain(closed.iter().map(|(i, s)| (*i, Some(*s))))
            .filter_map(|(i, s)| done_match(words, &i.text, completion).map(|m| (i, s, m)))
            .collect();
        scored.sort_by(|a, b| {
            let (x, y) = (&a.2, &b.2);
            (y.shared * x.total)
                .cmp(&(x.shared * y.total))
                .then(a.0.line.cmp(&b.0.line))
        });
        let best = match scored.as_slice() {
            [] => None,
            [only] => Some(only),
            [best, second, ..] => best.2.clearly_ahead_of(&second.2).then_some(best),
        };
        match best {
            Some((i, None, score)) => Ok((
                Resolved::Open {
                    line: i.line,
                    text: i.text.clone(),
                },
                Some(*score),
            )),
            Some((i, Some(skip), score)) => Ok((
                Resolved::Already {
                    line: i.line,
                    text: i.text.clone(),
                    skip: *skip,
                },
                Some(*score),
            )),
            None => Err(miss(scored.iter().map(|s| s.0.text.clone()).collect())),
        }
    }

    /// A `done` item of the plan: ticks its item, or is refused.
    fn done_item(
        &mut self,
        words: &str,
        line: usize,
        order: usize,
        path: &str,
    ) -> Result<(), PlanError> {
        // An item pasted as the document shows it (`- [ ] [P1] Send the deck (by …)`)
        // names the same item as its text.
        let bare = line_words(words);
        let words = if has_words(&bare) {
            bare.as_str()
        } else {
            words
        };
        let (target, text, skip, result) = match self.resolve_done(words, true) {
            Ok((Resolved::Open { line, text }, _)) => {
                self.ticked.insert(line);
                (Target::Item(line), text, None, Ok(()))
            }
            Ok((Resolved::Already { line, text, skip }, _)) => {
                (Target::Item(line), text, Some(skip), Ok(()))
            }
            Err(miss) => {
                let err = if miss.candidates.is_empty() {
                    let completed = self
                        .doc
                        .action_items()
                        .filter(|i| i.done && done_matches(words, &i.text))
                        .filter_map(|i| Some((i.text.clone(), i.completed?)))
                        .collect();
                    PlanError::NoMatch {
                        path: path.to_owned(),
                        item: words.to_owned(),
                        completed,
                        open: miss.open,
                    }
                } else {
                    PlanError::Ambiguous {
                        path: path.to_owned(),
                        item: words.to_owned(),
                        candidates: miss.candidates,
                    }
                };
                (
                    Target::Item(0),
                    words.to_owned(),
                    Some(Skip::ItemGone),
                    Err(err),
                )
            }
        };
        let mut t = self.change(ChangeKind::Completion, target, text, line);
        t.note_kind = Some(NoteKind::Done);
        t.skip = skip;
        self.push_at(t, order);
        result
    }

    fn priority_of(&self, a: &PlannedAction) -> u8 {
        a.priority
            .map_or_else(|| default_priority(a.due, self.date), Priority::number)
    }

    fn owner_of(&self, a: &PlannedAction) -> Owner {
        match owner_word(&a.owner) {
            OwnerWord::Me => Owner::Me,
            OwnerWord::Them => Owner::Them,
            OwnerWord::Name(name) => mention_owner(
                name,
                &ClassifyContext {
                    person: &self.person,
                    my_name: self.settings.my_name.as_deref(),
                    meeting: self.date,
                    relationship: self.doc.relationship(),
                },
            ),
        }
    }

    fn action(&mut self, planned: &PlannedAction, line: usize, order: usize) {
        let owner = self.owner_of(planned);
        let kind = if owner == Owner::Me {
            ChangeKind::MyAction
        } else {
            ChangeKind::TheirAction
        };
        let text = planned.text.clone();
        let mut a = self.change(kind, Target::Actions(owner.clone()), text.clone(), line);
        a.note_kind = Some(if owner == Owner::Me {
            NoteKind::MyAction
        } else {
            NoteKind::TheirAction
        });
        a.owner = Some(owner.clone());
        a.due = planned.due;
        a.due_phrase = planned.due_phrase.clone();
        let priority = self.priority_of(planned);
        a.priority = Some(priority);
        a.write_priority = planned.priority.is_some() || priority == 1;
        // Compared as the document will read the item back and as BACKLOG.md and the
        // archives hold its line: markers inside the text (`[P2]]`) are taken out there.
        let written = NewActionItem {
            text: a.text.clone(),
            due: a.due,
            priority: a.write_priority.then_some(a.priority).flatten(),
        };
        let key = norm(&text);
        let doc_key = norm(&written.read_back_text());
        let line_keys = [key.clone(), line_key(&format!("- [ ] {}", written.body()))];
        // And as written, line against line: `[p2]] s` and `[P2]] s` are the same text
        // after normalising case, though the document reads only the second as `[P2]`.
        let body_key = norm(&written.body());
        let in_doc = self.text_keys.contains(&key)
            || self.text_keys.contains(&doc_key)
            || self.raw_keys.contains(&body_key);
        // The same task said again in other words is no second item (nor task).
        // Items open before this meeting count, ticked in it or not, so that a second run
        // decides as the first did.
        let restated = !in_doc
            && self.doc.action_items().any(|i| {
                (!i.done || i.completed == Some(self.date))
                    && i.owner == owner
                    && restates(&text, &i.text)
            });
        let in_archive = line_keys.iter().any(|k| self.archive.contains(k));
        let in_backlog = [key, line_key(&backlog_line(&a, &self.person, self.date))]
            .iter()
            .any(|k| self.backlog.contains(k));
        a.skip = if in_doc || restated {
            Some(Skip::InDocument)
        } else if in_archive {
            Some(Skip::InArchive)
        } else {
            None
        };
        if kind == ChangeKind::MyAction {
            // BACKLOG.md is written after the document: an action in the document whose
            // task is missing there is the trace of an interrupted run, and gets its task.
            a.backlog_skip = if restated {
                Some(Skip::InDocument)
            } else if in_backlog {
                Some(Skip::InBacklog)
            } else if in_archive {
                Some(Skip::InArchive)
            } else if in_doc && !self.backlog_known {
                Some(Skip::InDocument)
            } else {
                None
            };
        }
        self.push(a, order);
    }

    fn skip_focus(&self, text: &str) -> Option<Skip> {
        let key = norm(text);
        if self.doc.focus_areas().iter().any(|b| norm(&b.text) == key) {
            Some(Skip::InDocument)
        } else if self.archive.contains(&key) {
            Some(Skip::InArchive)
        } else {
            None
        }
    }

    fn goal(&mut self, text: &str, line: usize, order: usize) {
        let mut focus = self.change(
            ChangeKind::FocusArea,
            Target::FocusAreas,
            text.to_owned(),
            line,
        );
        focus.note_kind = Some(NoteKind::Goal);
        focus.skip = self.skip_focus(text);
        self.push(focus, order);
        // A goal says "goal" even when only its marker did (`GOAL: ship v2`), so that the
        // configurable goal rule routes it.
        let thread = route_thread(
            &format!("{text} goal"),
            self.date,
            self.settings,
            self.doc.threads(),
        );
        self.thread_entry(thread, text, &[], NoteKind::Goal, line, order);
    }

    fn accomplishment(&mut self, text: &str, line: usize, order: usize) {
        let mut a = self.change(
            ChangeKind::Accomplishment,
            Target::Accomplishments,
            text.to_owned(),
            line,
        );
        a.note_kind = Some(NoteKind::Accomplishment);
        let key = norm(&format!("{}: {}", self.date, text));
        a.skip = if self
            .doc
            .accomplishments()
            .iter()
            .any(|e| e.date == self.date && norm(&e.text) == norm(text))
        {
            Some(Skip::InDocument)
        } else if self.archive.contains(&key) {
            Some(Skip::InArchive)
        } else {
            None
        };
        self.push(a, order);
    }

    fn entry(&mut self, planned: &PlannedEntry, line: usize, order: usize) {
        let threads = self.doc.threads();
        let thread = match &planned.thread {
            // An existing thread is named as the document spells it.
            Some(t) => threads
                .iter()
                .map(|x| x.name.trim())
                .find(|name| name.eq_ignore_ascii_case(t.trim()))
                .unwrap_or(t.trim())
                .to_owned(),
            None => route_thread(&planned.text, self.date, self.settings, threads),
        };
        let kind = match planned.kind {
            EntryKind::Discussion => NoteKind::Discussion,
            EntryKind::Decision => NoteKind::Decision,
        };
        self.thread_entry(thread, &planned.text, &planned.details, kind, line, order);
    }

    fn thread_entry(
        &mut self,
        thread: String,
        text: &str,
        details: &[String],
        kind: NoteKind,
        line: usize,
        order: usize,
    ) {
        let mut e = self.change(
            ChangeKind::ThreadEntry,
            Target::Thread(thread),
            text.to_owned(),
            line,
        );
        e.note_kind = Some(kind);
        e.details = details.to_vec();
        let key = norm(text);
        // Any thread: routing may differ from run to run as threads fill up.
        let in_doc = self.doc.threads().iter().any(|t| {
            t.entries
                .iter()
                .any(|en| en.date == self.date && norm(&en.text) == key)
        });
        e.skip = if in_doc {
            Some(Skip::InDocument)
        } else if self
            .archive
            .contains(&norm(&format!("{}: {}", self.date, text)))
        {
            Some(Skip::InArchive)
        } else {
            None
        };
        self.push(e, order);
    }

    fn push(&mut self, mut c: Change, order: usize) {
        let key = (c.kind, norm(&c.text));
        let decided =
            c.skip.is_none() || (c.kind == ChangeKind::MyAction && c.backlog_skip.is_none());
        if decided && !self.planned.insert(key) {
            c.skip.get_or_insert(Skip::Repeated);
            c.backlog_skip.get_or_insert(Skip::Repeated);
        }
        if c.kind != ChangeKind::MyAction {
            c.backlog_skip = None;
        }
        self.push_at(c, order);
    }

    fn push_at(&mut self, c: Change, order: usize) {
        self.changes.push(c);
        self.order.push(order);
    }

    /// The meeting-history line: the plan's topics, else made from what the plan records.
    fn meeting(&mut self, ctx: &ProcessContext<'_>, given: &[String]) {
        let topics = match ctx.topics.filter(|t| has_words(t)) {
            Some(t) => split_topics(t),
            None if given.is_empty() => {
                meeting_topics(&self.changes, &self.settings.fallback_thread)
            }
            None => given.to_vec(),
        };
        let text = capitalise(&topics.join(", "));
        if !has_words(&text) {
            return;
        }
        let mut m = self.change(ChangeKind::Meeting, Target::MeetingHistory, text, 0);
        m.skip = if self.doc.meetings().iter().any(|e| e.date == self.date) {
            Some(Skip::InDocument)
        } else if archived_meetings(ctx).contains(&self.date) {
            Some(Skip::InArchive)
        } else {
            None
        };
        self.changes.push(m);
    }
}

/// How many topics a meeting-history line names at most.
const MAX_TOPICS: usize = 5;

/// How many words of an accomplishment or General entry stand for it as a topic.
const TOPIC_WORDS: usize = 4;

/// Topics as given on a `Topics:` line or `--topics`: comma-separated phrases.
fn split_topics(given: &str) -> Vec<String> {
    given
        .split(',')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}

/// What the meeting was about, read from what it recorded: the threads that received
/// entries (other than the fallback), then the first few words of the accomplishments
/// and the fallback thread's entries; up to five, never section or kind names.
fn meeting_topics(changes: &[Change], fallback: &str) -> Vec<String> {
    // Changes skipped as already in the document count too: a run that finds its notes
    // recorded but the meeting line missing (an interrupted run) names the same topics.
    // What an archive holds belongs to an earlier meeting.
    let made = || {
        changes
            .iter()
            .filter(|c| c.note_kind.is_some() && c.skip != Some(Skip::InArchive))
    };
    let mut topics: Vec<String> = Vec::new();
    let add = |t: String, topics: &mut Vec<String>| {
        let t = t
            .trim()
            .trim_end_matches([',', ';', ':', '-', '.'])
            .trim()
            .to_owned();
        if has_words(&t)
            && topics.len() < MAX_TOPICS
            && !topics.iter().any(|x| x.eq_ignore_ascii_case(&t))
        {
            topics.push(t);
        }
    };
    for c in made() {
        if let (ChangeKind::ThreadEntry, Target::Thread(t)) = (&c.kind, &c.target)
            && !t.eq_ignore_ascii_case(fallback)
        {
            add(t.clone(), &mut topics);
        }
    }
    for c in made() {
        let general = matches!(&c.target, Target::Thread(t) if t.eq_ignore_ascii_case(fallback));
        if c.kind == ChangeKind::Accomplishment || (c.kind == ChangeKind::ThreadEntry && general) {
            add(topic_head(&c.text), &mut topics);
        }
    }
    if topics.is_empty() {
        // Only actions or ticks: their first words say what was talked about.
        for c in made() {
            add(topic_head(&c.text), &mut topics);
        }
    }
    if let Some(first) = topics.first_mut() {
        *first = capitalise(first);
    }
    topics
}

/// The first few words of a text, without stop words left dangling at the end ("Suggest
/// cuts to the" → "Suggest cuts").
fn topic_head(text: &str) -> String {
    let mut head: Vec<&str> = text.split_whitespace().take(TOPIC_WORDS).collect();
    while head.len() > 1
        && head
            .last()
            .is_some_and(|w| STOPWORDS.contains(&w.to_lowercase().as_str()))
    {
        head.pop();
    }
    head.join(" ")
}

/// What [`apply`] did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Applied {
    /// The meeting date.
    pub date: NaiveDate,
    /// The person.
    pub person: String,
    /// Every change of the plan, with `skip` set on those not made.
    pub changes: Vec<Change>,
    /// Lines to append to BACKLOG.md (empty when none).
    pub backlog_lines: Vec<String>,
    /// "Done" notes that ticked nothing.
    pub unmatched: Vec<Unmatched>,
    /// Notes no rule recognised, filed as discussion.
    pub unrecognised: Vec<Unrecognised>,
    /// BACKLOG.md tasks (1-based lines) ticked because their item was ticked.
    pub backlog_ticks: Vec<usize>,
    /// Inbox lines removed.
    pub inbox_removed: usize,
}

impl Applied {
    /// Whether the document changed.
    pub fn changed(&self) -> bool {
        self.inbox_removed > 0 || self.changes.iter().any(|c| c.skip.is_none())
    }

    fn made(&self) -> impl Iterator<Item = &Change> {
        self.changes.iter().filter(|c| c.skip.is_none())
    }

    /// Counts for a commit message: `2 actions, 1 goal, 1 completed, 1 accomplishment,
    /// 1 thread entry` (kinds with none left out; empty when nothing changed).
    pub fn counts(&self) -> String {
        let n = |f: &dyn Fn(&Change) -> bool| self.made().filter(|c| f(c)).count();
        let actions = n(&|c| matches!(c.kind, ChangeKind::MyAction | ChangeKind::TheirAction));
        let goals = n(&|c| c.kind == ChangeKind::FocusArea);
        let done = n(&|c| c.kind == ChangeKind::Completion);
        let wins = n(&|c| c.kind == ChangeKind::Accomplishment);
        let entries =
            n(&|c| c.kind == ChangeKind::ThreadEntry && c.note_kind != Some(NoteKind::Goal));
        let mut parts = Vec::new();
        let mut part = |count: usize, one: &str, many: &str| {
            if count > 0 {
                parts.push(format!("{count} {}", if count == 1 { one } else { many }));
            }
        };
        part(actions, "action", "actions");
        part(goals, "goal", "goals");
        part(done, "completed", "completed");
        part(wins, "accomplishment", "accomplishments");
        part(entries, "thread entry", "thread entries");
        parts.join(", ")
    }

    /// The summary in the seed's "After Meeting" style, naming the document at `path`.
    pub fn summary<'a>(&'a self, path: &'a str) -> impl fmt::Display + 'a {
        Summary {
            applied: self,
            path,
        }
    }
}

struct Summary<'a> {
    applied: &'a Applied,
    path: &'a str,
}

impl fmt::Display for Summary<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let a = self.applied;
        if !a.changed() && a.backlog_lines.is_empty() && a.backlog_ticks.is_empty() {
            writeln!(f, "Nothing to change: every note is already recorded.")?;
        }
        let tasks: Vec<&Change> = a.changes.iter().filter(|c| writes_backlog(c)).collect();
        if !tasks.is_empty() {
            writeln!(f, "Created tasks:")?;
            for c in tasks {
                write!(f, "- [P{}] {}", c.priority.unwrap_or(2), c.text)?;
                write_due(f, c)?;
                writeln!(f)?;
            }
            writeln!(f)?;
        }
        let updates: Vec<String> = a
            .made()
            .map(|c| {
                let mut due = String::new();
                if matches!(c.kind, ChangeKind::MyAction | ChangeKind::TheirAction) {
                    due = DueShown(c).to_string();
                }
                (c, due)
            })
            .map(|(c, due)| match (&c.kind, &c.target) {
                (ChangeKind::MyAction, _) => format!("My action: {}{due}", c.text),
                (ChangeKind::TheirAction, Target::Actions(Owner::Named(n))) => {
                    format!("{n}'s action: {}{due}", c.text)
                }
                (ChangeKind::TheirAction, _) => {
                    format!(
                        "{}'s action: {}{due}",
                        crate::people::first_name(&a.person),
                        c.text
                    )
                }
                (ChangeKind::FocusArea, _) => format!("Focus area: {}", c.text),
                (ChangeKind::ThreadEntry, Target::Thread(t)) => format!("{t}: {}", c.text),
                (ChangeKind::Accomplishment, _) => format!("Accomplishment shared: {}", c.text),
                (ChangeKind::Completion, _) => format!("Completed: {}", c.text),
                (ChangeKind::Meeting, _) => format!("Meeting history: {}: {}", a.date, c.text),
                _ => c.text.clone(),
            })
            .collect();
        if !updates.is_empty() || a.inbox_removed > 0 {
            writeln!(f, "Updated {} with:", self.path)?;
            for u in updates {
                writeln!(f, "- {u}")?;
            }
            if a.inbox_removed > 0 {
                writeln!(
                    f,
                    "- {} Inbox line(s) processed and removed",
                    a.inbox_removed
                )?;
            }
        }
        if !a.backlog_ticks.is_empty() {
            writeln!(
                f,
                "- BACKLOG.md: {} task(s) ticked with their items",
                a.backlog_ticks.len()
            )?;
        }
        let (tied, none): (Vec<&Unmatched>, Vec<&Unmatched>) =
            a.unmatched.iter().partition(|u| u.items.len() > 1);
        if !none.is_empty() {
            writeln!(f)?;
            writeln!(f, "No open item matched (recorded as thread entries):")?;
            for u in none {
                writeln!(f, "- line {}: {}", u.line, u.text)?;
            }
        }
        if !tied.is_empty() {
            writeln!(f)?;
            writeln!(
                f,
                "Matched several open items about as well, so none was ticked:"
            )?;
            for u in tied {
                let items: Vec<String> = u.items.iter().map(|i| format!("\"{i}\"")).collect();
                writeln!(f, "- line {}: {} ({})", u.line, u.text, items.join(" or "))?;
            }
        }
        if !a.unrecognised.is_empty() {
            writeln!(f)?;
            writeln!(f, "No rule recognised these; filed as discussion:")?;
            for u in &a.unrecognised {
                writeln!(f, "- line {}: {} ({})", u.line, u.text, u.thread)?;
            }
        }
        Ok(())
    }
}

/// ` (due: 2026-01-22, from "by next week")`: the date beside the words it came from.
struct DueShown<'a>(&'a Change);

impl fmt::Display for DueShown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_due(f, self.0)
    }
}

fn write_due(f: &mut fmt::Formatter<'_>, c: &Change) -> fmt::Result {
    match (c.due, &c.due_phrase) {
        (Some(d), Some(p)) => write!(f, " (due: {d}, from \"{p}\")"),
        (Some(d), None) => write!(f, " (due: {d})"),
        _ => Ok(()),
    }
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
    let mut changes = plan.changes.clone();
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
        date: plan.date,
        person: plan.person.clone(),
        changes,
        backlog_lines,
        unmatched: plan.unmatched.clone(),
        unrecognised: plan.unrecognised.clone(),
        backlog_ticks: plan.backlog_ticks.clone(),
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
}
