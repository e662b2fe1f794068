//! Planning: the rules' reading of notes into a meeting plan, and a meeting plan into
//! the changes it makes to one document (placement, idempotency, BACKLOG.md ticks).

use super::topics::{meeting_topics, split_topics};
use super::*;
use crate::document::{Document, NewActionItem};
use crate::model::{ActionItem, Owner};
use crate::notes::classify::route_thread;
use crate::notes::classify::{
    Classified, ClassifyContext, DoneMatch as Score, NoteKind, capitalise, classify_note,
    done_match, done_matches, mention_owner, opens_with_same_form_past, restates,
};
use crate::notes::reader::{Marker, NotesError};
use crate::plan::{
    EntryKind, ItemRef, MeetingPlan, OwnerWord, PlanError, PlannedAction, PlannedDone,
    PlannedEntry, Priority, owner_word,
};
use crate::settings::Settings;
use chrono::NaiveDate;
use std::collections::{HashMap, HashSet};

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
pub(super) fn read_clauses(
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
pub(super) fn compile(
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

/// An action clause as a planned action item.
fn plan_action(plan: &mut MeetingPlan, c: Classified) {
    let owner = match c.owner.clone().unwrap_or(Owner::Me) {
        Owner::Me | Owner::Unassigned => "me".to_owned(),
        Owner::Them => "them".to_owned(),
        Owner::Named(n) => n,
    };
    // The priority SPEC 4 would give it anyway is left out, so that the plan shows only
    // what is written into the document.
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

/// The candidates a "done" note matches, best first (share of the item's words, then
/// the one whose own verb the note says, then the earlier item).
fn scored_matches<'i>(
    words: &str,
    completion: bool,
    candidates: impl Iterator<Item = (&'i ActionItem, Option<Skip>)>,
) -> Vec<(&'i ActionItem, Option<Skip>, Score)> {
    let mut scored: Vec<(&ActionItem, Option<Skip>, Score)> = candidates
        .filter_map(|(i, s)| done_match(words, &i.text, completion).map(|m| (i, s, m)))
        .collect();
    scored.sort_by(|a, b| {
        let (x, y) = (&a.2, &b.2);
        (y.shared * x.total)
            .cmp(&(x.shared * y.total))
            .then(y.own_verb.cmp(&x.own_verb))
            .then(a.0.line.cmp(&b.0.line))
    });
    scored
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
            NoteKind::MyAction | NoteKind::TheirAction => plan_action(plan, c),
            NoteKind::Goal => {
                plan.goals.push(c.text);
                plan.note_origin(ItemRef::Goal(plan.goals.len() - 1), c.line);
            }
            NoteKind::Accomplishment => {
                plan.accomplishments.push(c.text);
                let at = ItemRef::Accomplishment(plan.accomplishments.len() - 1);
                plan.note_origin(at, c.line);
            }
            _ => self.read_entry(c, reading),
        }
    }

    /// A decision or discussion clause: a thread entry, listed apart when no rule
    /// recognised it.
    fn read_entry(&self, c: Classified, reading: &mut Reading) {
        let thread = route_thread(&c.entry_text, self.date, self.settings, self.doc.threads());
        if !c.recognised {
            reading.unrecognised.push(Unrecognised {
                line: c.line,
                text: c.entry_text.clone(),
                thread: thread.clone(),
            });
        }
        let plan = &mut reading.plan;
        plan.entries.push(PlannedEntry {
            thread: Some(thread),
            text: c.entry_text,
            kind: if c.kind == NoteKind::Decision {
                EntryKind::Decision
            } else {
                EntryKind::Discussion
            },
            details: c.details,
        });
        plan.note_origin(ItemRef::Entry(plan.entries.len() - 1), c.line);
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
        let closed = self.closed_items();
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
        let candidates = open
            .iter()
            .map(|i| (*i, None))
            .chain(closed.iter().map(|(i, s)| (*i, Some(*s))));
        let scored = scored_matches(words, completion, candidates);
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

    /// Items that are ticked already: on the meeting date in the document, or earlier in
    /// this run.
    fn closed_items(&self) -> Vec<(&ActionItem, Skip)> {
        self.doc
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
            .collect()
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
