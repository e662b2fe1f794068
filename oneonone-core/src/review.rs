//! The performance-review summary, compiled from timeline events.
//!
//! Events come from the git history of the running documents and their archives, so an
//! accomplishment edited out of the document, or archived, still counts, with its latest
//! text and the date it was recorded under.

use crate::commitments::{Commitment, Side, State};
use crate::quarter::Quarter;
use crate::timeline::{Event, EventKind, PersonRef};
use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

/// The period a review covers, both ends included.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Period {
    /// First day.
    pub since: NaiveDate,
    /// Last day.
    pub until: NaiveDate,
    /// `2025-Q4`, or `2025-10-01 to 2025-12-31`.
    pub label: String,
}

impl Period {
    /// Parses a quarter as [`Quarter`] reads it (`2025-Q4`, `Q4 2025`, ...).
    pub fn quarter(s: &str) -> Option<Period> {
        s.parse::<Quarter>().ok().map(Period::of_quarter)
    }

    /// The whole of a quarter.
    pub fn of_quarter(q: Quarter) -> Period {
        Period {
            since: q.first_day(),
            until: q.last_day(),
            label: q.to_string(),
        }
    }

    /// A period between two dates (inclusive).
    pub fn range(since: NaiveDate, until: NaiveDate) -> Period {
        Period {
            since,
            until,
            label: format!("{since} to {until}"),
        }
    }

    /// Whether a date falls in the period.
    pub fn contains(&self, d: NaiveDate) -> bool {
        self.since <= d && d <= self.until
    }
}

/// One line of the summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct ReviewItem {
    /// The event's date.
    pub date: NaiveDate,
    /// The latest text.
    pub text: String,
    /// Short id of the commit that recorded it (omitted for an action item listed under a
    /// goal, whose record is its commitment).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub commit: String,
    /// Owner, for commitments (`me` or a name).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// Thread, for thread entries.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub thread: Option<String>,
}

impl ReviewItem {
    fn of(e: &Event) -> ReviewItem {
        ReviewItem {
            date: e.date,
            text: e.text.clone(),
            commit: e.commit.short_id().to_owned(),
            owner: e.owner.clone(),
            thread: e.thread.clone(),
        }
    }
}

/// Accomplishments of one quarter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct QuarterHighlights {
    /// `Q4 2025`.
    pub quarter: String,
    /// Newest first.
    pub items: Vec<ReviewItem>,
}

/// A goal and what was done and is still open toward it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct GoalOutcome {
    /// The focus area.
    pub goal: ReviewItem,
    /// Related action items done in the period.
    pub done: Vec<ReviewItem>,
    /// Related action items still open at the end of the period.
    pub open: Vec<ReviewItem>,
}

/// The summary for one person, in the seed's shape.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct PersonReview {
    /// Who.
    pub person: PersonRef,
    /// Accomplishments shared, by quarter, newest quarter first.
    pub highlights: Vec<QuarterHighlights>,
    /// Entries of goal and project threads in the period.
    pub projects: Vec<ReviewItem>,
    /// Focus areas active in the period, with what was done and is open toward each.
    pub goals: Vec<GoalOutcome>,
    /// Entries of team and process threads in the period.
    pub team: Vec<ReviewItem>,
    /// Entries of career threads in the period.
    pub career: Vec<ReviewItem>,
    /// Follow-through of both sides: what was kept (on time or late) and what is open at
    /// the end of the period, with the figures.
    pub commitments: Commitments,
    /// Entries of every other thread in the period: nothing recorded is left out.
    pub other: Vec<ReviewItem>,
}

/// Both sides' follow-through over the period.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Commitments {
    /// Mine.
    pub mine: Side,
    /// The other person's (and anyone else's named in the document).
    pub theirs: Side,
}

/// The whole summary.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Review {
    /// The period covered.
    pub period: Period,
    /// One per person, by slug.
    pub persons: Vec<PersonReview>,
}

/// What a thread is about, read from its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Topic {
    Career,
    Projects,
    Team,
    Other,
}

/// Career first, then goals and projects, then team and process: the default thread
/// routing's own keywords (one list, in settings), read against the thread's name, so
/// "Career goals" is career.
fn topic_of(thread: &str) -> Topic {
    let words: Vec<String> = thread
        .split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .collect();
    let rules = crate::settings::default_thread_rules();
    let has = |i: usize| {
        rules
            .get(i)
            .is_some_and(|r| words.iter().any(|w| r.keywords.contains(w)))
    };
    let (career, projects, team) = (has(0), has(1), has(2));
    if career && !projects || words.first().is_some_and(|w| w == "career") {
        Topic::Career
    } else if projects {
        Topic::Projects
    } else if team {
        Topic::Team
    } else {
        Topic::Other
    }
}

const STOP: &[&str] = &[
    "the", "and", "for", "with", "from", "into", "that", "this", "goal", "goals", "our", "all",
    "get", "new", "q1", "q2", "q3", "q4", "okr",
];

fn significant(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .filter(|w| w.len() >= 3 && !STOP.contains(&w.as_str()) && !w.chars().all(char::is_numeric))
        .collect()
}

/// Compiles the summary for `persons` over `period` from their events (any order);
/// `today` judges what is overdue when the period has not ended.
pub fn compile(
    events: &[Event],
    persons: &[PersonRef],
    period: &Period,
    today: NaiveDate,
) -> Review {
    let persons = persons
        .iter()
        .map(|p| person_review(events, p, period, today))
        .collect();
    Review {
        period: period.clone(),
        persons,
    }
}

fn newest_first(mut v: Vec<ReviewItem>) -> Vec<ReviewItem> {
    v.sort_by(|a, b| b.date.cmp(&a.date).then(a.text.cmp(&b.text)));
    v
}

fn person_review(
    events: &[Event],
    person: &PersonRef,
    period: &Period,
    today: NaiveDate,
) -> PersonReview {
    let (first, removed) = first_events(events, person);
    let mut threads = threads_by_topic(&first, period);
    let mut take = |k: &str| newest_first(threads.remove(k).unwrap_or_default());
    let follow = crate::commitments::follow_through(events, person, Some(period), today);
    let goals = goal_outcomes(&first, &removed, &follow, period);
    PersonReview {
        person: person.clone(),
        highlights: highlights(&first, period),
        projects: take("projects"),
        goals,
        team: take("team"),
        career: take("career"),
        other: take("other"),
        commitments: Commitments {
            mine: follow.mine,
            theirs: follow.theirs,
        },
    }
}

/// The person's items: each by its first event, and the day it was removed, if it was.
fn first_events<'a>(
    events: &'a [Event],
    person: &PersonRef,
) -> (BTreeMap<u32, &'a Event>, HashMap<u32, NaiveDate>) {
    let mut first: BTreeMap<u32, &Event> = BTreeMap::new();
    let mut removed: HashMap<u32, NaiveDate> = HashMap::new();
    for e in events.iter().filter(|e| e.person.slug == person.slug) {
        match e.kind {
            EventKind::Done => {}
            EventKind::Removed => {
                removed.insert(e.item, e.date);
            }
            _ => {
                first.insert(e.item, e);
            }
        }
    }
    (first, removed)
}

/// Accomplishments of the period by quarter, the latest quarter first.
fn highlights(first: &BTreeMap<u32, &Event>, period: &Period) -> Vec<QuarterHighlights> {
    let mut by_quarter: BTreeMap<Quarter, Vec<ReviewItem>> = BTreeMap::new();
    for e in first
        .values()
        .filter(|e| e.kind == EventKind::Accomplishment && period.contains(e.date))
    {
        by_quarter
            .entry(Quarter::of(e.date))
            .or_default()
            .push(ReviewItem::of(e));
    }
    by_quarter
        .into_iter()
        .rev()
        .map(|(q, items)| QuarterHighlights {
            quarter: q.label(),
            items: newest_first(items),
        })
        .collect()
}

/// Thread entries of the period under `career`, `projects`, `team` or `other`.
fn threads_by_topic(
    first: &BTreeMap<u32, &Event>,
    period: &Period,
) -> HashMap<&'static str, Vec<ReviewItem>> {
    let mut threads: HashMap<&'static str, Vec<ReviewItem>> = HashMap::new();
    for e in first
        .values()
        .filter(|e| e.kind == EventKind::Thread && period.contains(e.date))
    {
        let key = match topic_of(e.thread.as_deref().unwrap_or_default()) {
            Topic::Career => "career",
            Topic::Projects => "projects",
            Topic::Team => "team",
            Topic::Other => "other",
        };
        threads.entry(key).or_default().push(ReviewItem::of(e));
    }
    threads
}

/// The goals standing in the period, each with the commitments that share a word with it:
/// those kept in the period and those still open.
fn goal_outcomes(
    first: &BTreeMap<u32, &Event>,
    removed: &HashMap<u32, NaiveDate>,
    follow: &crate::commitments::PersonCommitments,
    period: &Period,
) -> Vec<GoalOutcome> {
    let all_items: Vec<&Commitment> = follow
        .mine
        .items
        .iter()
        .chain(&follow.theirs.items)
        .collect();
    let as_item = |c: &Commitment, date: NaiveDate| ReviewItem {
        date,
        text: c.text.clone(),
        commit: String::new(),
        owner: Some(c.owner.clone()),
        thread: None,
    };
    first
        .values()
        .filter(|e| e.kind == EventKind::Goal)
        .filter(|e| e.date <= period.until)
        .filter(|e| removed.get(&e.item).is_none_or(|d| *d >= period.since))
        .map(|g| {
            let words = significant(&g.text);
            let related: Vec<&&Commitment> = all_items
                .iter()
                .filter(|c| significant(&c.text).iter().any(|w| words.contains(w)))
                .collect();
            GoalOutcome {
                goal: ReviewItem::of(g),
                done: related
                    .iter()
                    .filter(|c| c.state.is_kept())
                    .filter_map(|c| {
                        c.done
                            .filter(|d| period.contains(*d))
                            .map(|d| as_item(c, d))
                    })
                    .collect(),
                open: related
                    .iter()
                    .filter(|c| c.state.is_open())
                    .map(|c| as_item(c, c.made))
                    .collect(),
            }
        })
        .collect()
}

fn write_items(s: &mut String, items: &[ReviewItem]) {
    for i in items {
        match &i.thread {
            Some(t) if topic_of(t) == Topic::Other => {
                let _ = writeln!(s, "- {}: {} ({})", i.date, i.text, t.trim());
            }
            _ => {
                let _ = writeln!(s, "- {}: {}", i.date, i.text);
            }
        }
    }
}

fn commitment_line(c: &Commitment) -> String {
    let due = c.due.map(|d| format!(", due {d}")).unwrap_or_default();
    match (c.state, c.done) {
        (State::OnTime | State::Late, Some(d)) => format!(
            "- {d}: {} ({}; promised {}{due})",
            c.text,
            c.state.as_str(),
            c.made
        ),
        (State::Overdue, _) => format!("- {}: {} (promised{due}; overdue)", c.made, c.text),
        _ => format!("- {}: {} (promised{due}; still open)", c.made, c.text),
    }
}

fn write_side(s: &mut String, title: &str, side: &Side) {
    let _ = writeln!(s, "\n### {title}\n");
    let kept: Vec<&Commitment> = side.items.iter().filter(|c| c.state.is_kept()).collect();
    let open: Vec<&Commitment> = side.items.iter().filter(|c| c.state.is_open()).collect();
    if kept.is_empty() && open.is_empty() {
        s.push_str("- none recorded\n");
        return;
    }
    for c in kept.iter().rev().chain(&open) {
        let _ = writeln!(s, "{}", commitment_line(c));
    }
}

impl Review {
    /// The summary as a markdown document.
    pub fn to_markdown(&self) -> String {
        let mut s = String::new();
        let p = &self.period;
        let _ = writeln!(
            s,
            "# Performance review summary: {}\n\n_{} to {}, compiled from 1:1 notes and their history._",
            p.label, p.since, p.until
        );
        for r in &self.persons {
            write_person(&mut s, r);
        }
        s
    }
}

/// One person's part of the summary, in the seed's section order.
fn write_person(s: &mut String, r: &PersonReview) {
    let first = Some(crate::people::first_name(&r.person.name))
        .filter(|f| !f.is_empty())
        .unwrap_or("Their");
    let _ = writeln!(s, "\n## {}\n\n### Highlights\n", r.person.name);
    if r.highlights.is_empty() {
        s.push_str("- none recorded\n");
    }
    let several = r.highlights.len() > 1;
    for (n, q) in r.highlights.iter().enumerate() {
        if several {
            let gap = if n > 0 { "\n" } else { "" };
            let _ = writeln!(s, "{gap}#### {}\n", q.quarter);
        }
        write_items(s, &q.items);
    }
    write_projects(s, r);
    for (title, items) in [
        ("Team and process", &r.team),
        ("Career development", &r.career),
    ] {
        let _ = writeln!(s, "\n### {title}\n");
        if items.is_empty() {
            s.push_str("- none recorded\n");
        }
        write_items(s, items);
    }
    write_side(s, "My commitments", &r.commitments.mine);
    write_side(s, &format!("{first}'s commitments"), &r.commitments.theirs);
    s.push_str("\n### Follow-through\n\n");
    let _ = writeln!(s, "- Mine: {}", r.commitments.mine.figures_line());
    let _ = writeln!(s, "- {first}'s: {}", r.commitments.theirs.figures_line());
    s.push_str("\n### Other discussions\n\n");
    if r.other.is_empty() {
        s.push_str("- none recorded\n");
    }
    write_items(s, &r.other);
}

/// Projects and initiatives: project thread entries, then each goal with what was done
/// and what is still open toward it.
fn write_projects(s: &mut String, r: &PersonReview) {
    s.push_str("\n### Projects and initiatives\n\n");
    if r.projects.is_empty() && r.goals.is_empty() {
        s.push_str("- none recorded\n");
    }
    // A goal is also written as a thread entry when it is set; it is shown once,
    // with what became of it.
    let same = |i: &ReviewItem| {
        r.goals
            .iter()
            .any(|g| g.goal.text.trim().eq_ignore_ascii_case(i.text.trim()))
    };
    let projects: Vec<ReviewItem> = r.projects.iter().filter(|i| !same(i)).cloned().collect();
    write_items(s, &projects);
    for g in &r.goals {
        let lower = g.goal.text.to_lowercase();
        let label = if lower.contains("goal") || lower.contains("okr") {
            ""
        } else {
            "Goal: "
        };
        let _ = writeln!(s, "- {}: {label}{}", g.goal.date, g.goal.text);
        if g.done.is_empty() && g.open.is_empty() {
            s.push_str("  * nothing recorded toward it yet\n");
        }
        for d in &g.done {
            let _ = writeln!(s, "  * {}: done: {}", d.date, d.text);
        }
        for o in &g.open {
            let _ = writeln!(s, "  * {}: still open: {}", o.date, o.text);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quarter_parses_bounds() {
        let q = Period::quarter("2025-Q4").unwrap();
        assert_eq!(q.since, NaiveDate::from_ymd_opt(2025, 10, 1).unwrap());
        assert_eq!(q.until, NaiveDate::from_ymd_opt(2025, 12, 31).unwrap());
        let q1 = Period::quarter("2026-q1").unwrap();
        assert_eq!(q1.until, NaiveDate::from_ymd_opt(2026, 3, 31).unwrap());
        assert!(Period::quarter("2025-Q5").is_none());
    }
}
