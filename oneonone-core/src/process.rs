//! Processing a brain dump (SPEC section 4): [`plan`] turns notes into an ordered list of
//! changes, skipping whatever is already recorded; [`apply`] makes them through the
//! [`Document`] edit API and says what it did.
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
use crate::notes::classify::{Classified, ClassifyContext, NoteKind, classify_note, done_matches};
use crate::notes::dates::parse_iso;
use crate::notes::reader::{NotesError, read_notes};
use crate::settings::Settings;
use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::Serialize;
use std::collections::HashSet;
use std::fmt;

/// What `plan` needs besides the document and the notes.
#[derive(Debug, Clone, Default)]
pub struct ProcessContext<'a> {
    /// The texts of this person's archive files: what is archived is not added again.
    pub archives: Vec<&'a str>,
    /// The text of BACKLOG.md, when there is one: its tasks are not added again, and its
    /// ticked tasks from this person's meetings tick the matching items.
    pub backlog: Option<&'a str>,
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

/// Plans the changes a brain dump makes to a running document.
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
    let read = read_notes(notes)?;
    plan_notes(doc, &read, date, settings, ctx, Vec::new())
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
    plan_notes(doc, &read, date, settings, ctx, inbox_lines)
}

/// Whether a text holds anything but ASCII punctuation and spaces. Text without words is
/// no item: written as a bullet, `- -` reads back as a thematic break (`- - -`).
fn has_words(text: &str) -> bool {
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
    unmatched: Vec<Unmatched>,
}

fn plan_notes(
    doc: &Document,
    notes: &[crate::notes::reader::Note],
    date: NaiveDate,
    settings: &Settings,
    ctx: &ProcessContext<'_>,
    inbox_lines: Vec<usize>,
) -> Result<Plan, NotesError> {
    let person = doc
        .person()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .ok_or(NotesError::NoPerson)?
        .to_owned();
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
        unmatched: Vec::new(),
    };
    p.backlog_ticks(backlog_text, &person);
    let cctx = ClassifyContext {
        person: &person,
        my_name: settings.my_name.as_deref(),
        meeting: date,
    };
    let clauses: Vec<Classified> = notes.iter().flat_map(|n| classify_note(n, &cctx)).collect();
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
    for c in clauses {
        p.clause(c);
    }
    let note_changes = p.changes.iter().any(|c| c.source_line > 0);
    if note_changes {
        p.meeting(ctx);
    }
    Ok(Plan {
        date,
        person,
        changes: p.changes,
        unmatched: p.unmatched,
        inbox_lines,
    })
}

impl Planner<'_> {
    fn change(&self, kind: ChangeKind, target: Target, text: String, line: usize) -> Change {
        Change {
            kind,
            note_kind: None,
            owner: None,
            target,
            text,
            details: Vec::new(),
            due: None,
            priority: None,
            write_priority: false,
            source_line: line,
            skip: None,
            backlog_skip: None,
        }
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
                self.changes.push(c);
            }
        }
    }

    fn clause(&mut self, mut c: Classified) {
        if !has_words(&c.entry_text) {
            // A bare marker ("TODO:"), a bare owner phrase, or stray markdown punctuation
            // ("GOAL: - -"): nothing to record.
            return;
        }
        if c.completion && self.done(&c) {
            return;
        }
        if !has_words(&c.text) {
            // Nothing but a date was left ("I'll by Friday"): keep the words as a note.
            c.kind = NoteKind::Discussion;
            c.text = c.entry_text.clone();
            c.owner = None;
            c.due = None;
            c.priority = None;
        }
        match c.kind {
            NoteKind::MyAction | NoteKind::TheirAction => self.action(&c),
            NoteKind::Goal => {
                let mut focus = self.change(
                    ChangeKind::FocusArea,
                    Target::FocusAreas,
                    c.text.clone(),
                    c.line,
                );
                focus.note_kind = Some(NoteKind::Goal);
                focus.skip = self.skip_focus(&c.text);
                self.push(focus);
                self.entry(&c, NoteKind::Goal);
            }
            NoteKind::Accomplishment => {
                let mut a = self.change(
                    ChangeKind::Accomplishment,
                    Target::Accomplishments,
                    c.text.clone(),
                    c.line,
                );
                a.note_kind = Some(NoteKind::Accomplishment);
                let key = norm(&format!("{}: {}", self.date, c.text));
                a.skip = if self
                    .doc
                    .accomplishments()
                    .iter()
                    .any(|e| e.date == self.date && norm(&e.text) == norm(&c.text))
                {
                    Some(Skip::InDocument)
                } else if self.archive.contains(&key) {
                    Some(Skip::InArchive)
                } else {
                    None
                };
                self.push(a);
            }
            kind => self.entry(&c, kind),
        }
    }

    /// A "done" clause: ticks the one open item it matches. Gives false when it matched
    /// nothing (or several), so that the clause is recorded as its other kind.
    fn done(&mut self, c: &Classified) -> bool {
        let words = &c.entry_text;
        // Items these same notes create are never ticked by them: on a second run they
        // exist, on the first they did not, and both runs must decide alike.
        let open: Vec<(usize, String)> = self
            .open_items()
            .filter(|i| !self.own_actions.contains(&norm(&i.text)))
            .filter(|i| done_matches(words, &i.text))
            .map(|i| (i.line, i.text.clone()))
            .collect();
        if let [(line, text)] = open.as_slice() {
            self.ticked.insert(*line);
            let mut t = self.change(
                ChangeKind::Completion,
                Target::Item(*line),
                text.clone(),
                c.line,
            );
            t.note_kind = Some(NoteKind::Done);
            self.changes.push(t);
            return true;
        }
        if open.is_empty() {
            // Processed before: the item it ticked is done on this very date.
            let done_today: Vec<&ActionItem> = self
                .doc
                .action_items()
                .filter(|i| {
                    i.done && i.completed == Some(self.date) && done_matches(words, &i.text)
                })
                .collect();
            if let Some(item) = done_today.first() {
                let mut t = self.change(
                    ChangeKind::Completion,
                    Target::Item(item.line),
                    item.text.clone(),
                    c.line,
                );
                t.note_kind = Some(NoteKind::Done);
                t.skip = Some(Skip::InDocument);
                self.changes.push(t);
                return true;
            }
        }
        if matches!(c.kind, NoteKind::Discussion | NoteKind::Decision) {
            self.unmatched.push(Unmatched {
                line: c.line,
                text: c.entry_text.clone(),
                candidates: open.len(),
            });
        }
        false
    }

    fn action(&mut self, c: &Classified) {
        let owner = c.owner.clone().unwrap_or(Owner::Me);
        let kind = if owner == Owner::Me {
            ChangeKind::MyAction
        } else {
            ChangeKind::TheirAction
        };
        let mut a = self.change(kind, Target::Actions(owner.clone()), c.text.clone(), c.line);
        a.note_kind = Some(c.kind);
        a.owner = Some(owner);
        a.due = c.due;
        a.priority = c.priority;
        a.write_priority = c.explicit_priority || c.priority == Some(1);
        // Compared as the document will read the item back and as BACKLOG.md and the
        // archives hold its line: markers inside the text (`[P2]]`) are taken out there.
        let written = NewActionItem {
            text: a.text.clone(),
            due: a.due,
            priority: a.write_priority.then_some(a.priority).flatten(),
        };
        let key = norm(&c.text);
        let doc_key = norm(&written.read_back_text());
        let line_keys = [key.clone(), line_key(&format!("- [ ] {}", written.body()))];
        // And as written, line against line: `[p2]] s` and `[P2]] s` are the same text
        // after normalising case, though the document reads only the second as `[P2]`.
        let body_key = norm(&written.body());
        let in_doc = self.doc.action_items().any(|i| {
            norm(&i.text) == key || norm(&i.text) == doc_key || norm(&i.raw_text) == body_key
        });
        let in_archive = line_keys.iter().any(|k| self.archive.contains(k));
        let in_backlog = [key, line_key(&backlog_line(&a, &self.person, self.date))]
            .iter()
            .any(|k| self.backlog.contains(k));
        a.skip = if in_doc {
            Some(Skip::InDocument)
        } else if in_archive {
            Some(Skip::InArchive)
        } else {
            None
        };
        if kind == ChangeKind::MyAction {
            // BACKLOG.md is written after the document: an action in the document whose
            // task is missing there is the trace of an interrupted run, and gets its task.
            a.backlog_skip = if in_backlog {
                Some(Skip::InBacklog)
            } else if in_archive {
                Some(Skip::InArchive)
            } else if in_doc && !self.backlog_known {
                Some(Skip::InDocument)
            } else {
                None
            };
        }
        self.push(a);
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

    fn entry(&mut self, c: &Classified, kind: NoteKind) {
        // A goal says "goal" even when only its marker did (`GOAL: ship v2`), so that the
        // configurable goal rule routes it.
        let routed = if kind == NoteKind::Goal {
            format!("{} goal", c.entry_text)
        } else {
            c.entry_text.clone()
        };
        let thread = route_thread(&routed, self.date, self.settings, self.doc.threads());
        let mut e = self.change(
            ChangeKind::ThreadEntry,
            Target::Thread(thread),
            c.entry_text.clone(),
            c.line,
        );
        e.note_kind = Some(kind);
        e.details = c.details.clone();
        let key = norm(&c.entry_text);
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
            .contains(&norm(&format!("{}: {}", self.date, c.entry_text)))
        {
            Some(Skip::InArchive)
        } else {
            None
        };
        self.push(e);
    }

    fn push(&mut self, mut c: Change) {
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
        self.changes.push(c);
    }

    fn meeting(&mut self, ctx: &ProcessContext<'_>) {
        let mut topics: Vec<String> = Vec::new();
        for c in self.changes.iter().filter(|c| c.source_line > 0) {
            let topic = match (&c.kind, &c.target) {
                (ChangeKind::ThreadEntry, Target::Thread(t)) => t.clone(),
                (ChangeKind::MyAction | ChangeKind::TheirAction, _) => "action items".to_owned(),
                (ChangeKind::Accomplishment, _) => "accomplishments shared".to_owned(),
                (ChangeKind::Completion, _) => "completed items".to_owned(),
                _ => continue,
            };
            if !topics.iter().any(|t| t.eq_ignore_ascii_case(&topic)) {
                topics.push(topic);
            }
        }
        let text = crate::notes::classify::capitalise(&topics.join(", "));
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
        if !a.changed() && a.backlog_lines.is_empty() {
            writeln!(f, "Nothing to change: every note is already recorded.")?;
        }
        let tasks: Vec<&Change> = a.changes.iter().filter(|c| writes_backlog(c)).collect();
        if !tasks.is_empty() {
            writeln!(f, "Created tasks:")?;
            for c in tasks {
                write!(f, "- [P{}] {}", c.priority.unwrap_or(2), c.text)?;
                if let Some(d) = c.due {
                    write!(f, " (due: {d})")?;
                }
                writeln!(f)?;
            }
            writeln!(f)?;
        }
        let updates: Vec<String> = a
            .made()
            .map(|c| match (&c.kind, &c.target) {
                (ChangeKind::MyAction, _) => format!("My action: {}", c.text),
                (ChangeKind::TheirAction, Target::Actions(Owner::Named(n))) => {
                    format!("{n}'s action: {}", c.text)
                }
                (ChangeKind::TheirAction, _) => {
                    format!(
                        "{}'s action: {}",
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
        if !a.unmatched.is_empty() {
            writeln!(f)?;
            writeln!(f, "No open item matched (recorded as thread entries):")?;
            for u in &a.unmatched {
                writeln!(f, "- line {}: {}", u.line, u.text)?;
            }
        }
        Ok(())
    }
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
    // Dated lists are newest first and each insertion lands on top: inserting the notes'
    // entries in reverse keeps them in the notes' order.
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
    for c in changes.iter().rev().filter(|c| c.skip.is_none()) {
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
