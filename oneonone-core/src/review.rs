//! The performance-review summary, compiled from timeline events.
//!
//! Events come from the git history of the running documents and their archives, so an
//! accomplishment edited out of the document, or archived, still counts, with its latest
//! text and the date it was recorded under.

use crate::timeline::{Event, EventKind, PersonRef};
use chrono::{Datelike, NaiveDate};
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
    /// Parses `YYYY-Qn` (case-insensitive `q`).
    pub fn quarter(s: &str) -> Option<Period> {
        let (year, q) = s.trim().split_once(['-', ' '])?;
        let year: i32 = year.parse().ok()?;
        let q: u32 = q.strip_prefix(['Q', 'q'])?.parse().ok()?;
        if !(1..=4).contains(&q) {
            return None;
        }
        let since = NaiveDate::from_ymd_opt(year, 3 * q - 2, 1)?;
        let until = if q == 4 {
            NaiveDate::from_ymd_opt(year, 12, 31)?
        } else {
            NaiveDate::from_ymd_opt(year, 3 * q + 1, 1)?.pred_opt()?
        };
        Some(Period {
            since,
            until,
            label: format!("{year}-Q{q}"),
        })
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

/// `Q4 2025` for a date.
pub fn quarter_label(d: NaiveDate) -> String {
    format!("Q{} {}", (d.month() - 1) / 3 + 1, d.year())
}

/// One line of the summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct ReviewItem {
    /// The event's date.
    pub date: NaiveDate,
    /// The latest text.
    pub text: String,
    /// Short id of the commit that recorded it.
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

/// A goal and what became of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct GoalOutcome {
    /// The focus area.
    pub goal: ReviewItem,
    /// `achieved`, `in progress` or `no linked items`.
    pub outcome: String,
    /// Related action items completed in the period.
    pub done: Vec<String>,
    /// Related action items still open at the end of the period.
    pub open: Vec<String>,
}

/// The summary for one person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct PersonReview {
    /// Who.
    pub person: PersonRef,
    /// Accomplishments by quarter, newest quarter first.
    pub highlights: Vec<QuarterHighlights>,
    /// Focus areas active in the period.
    pub goals: Vec<GoalOutcome>,
    /// Action items ticked in the period.
    pub completed: Vec<ReviewItem>,
    /// Entries of `Career…` threads in the period.
    pub career: Vec<ReviewItem>,
    /// Action items open at the end of the period.
    pub open: Vec<ReviewItem>,
}

/// The whole summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Review {
    /// The period covered.
    pub period: Period,
    /// One per person, by slug.
    pub persons: Vec<PersonReview>,
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

/// Compiles the summary for `persons` over `period` from their events (any order).
pub fn compile(events: &[Event], persons: &[PersonRef], period: &Period) -> Review {
    let mut out = Vec::new();
    for person in persons {
        let mine: Vec<&Event> = events
            .iter()
            .filter(|e| e.person.slug == person.slug)
            .collect();
        // Per item: its first event, and when it was done or removed.
        let mut first: BTreeMap<u32, &Event> = BTreeMap::new();
        let mut done: HashMap<u32, NaiveDate> = HashMap::new();
        let mut removed: HashMap<u32, NaiveDate> = HashMap::new();
        for e in &mine {
            match e.kind {
                EventKind::Done => {
                    done.insert(e.item, e.date);
                }
                EventKind::Removed => {
                    removed.insert(e.item, e.date);
                }
                _ => {
                    first.insert(e.item, e);
                }
            }
        }
        let newest_first = |mut v: Vec<ReviewItem>| {
            v.sort_by(|a, b| b.date.cmp(&a.date).then(a.text.cmp(&b.text)));
            v
        };
        let mut by_quarter: BTreeMap<(i32, u32), Vec<ReviewItem>> = BTreeMap::new();
        for e in first
            .values()
            .filter(|e| e.kind == EventKind::Accomplishment)
        {
            if period.contains(e.date) {
                let key = (e.date.year(), (e.date.month() - 1) / 3);
                by_quarter.entry(key).or_default().push(ReviewItem::of(e));
            }
        }
        let highlights = by_quarter
            .into_iter()
            .rev()
            .map(|(_, items)| QuarterHighlights {
                quarter: quarter_label(items[0].date),
                items: newest_first(items),
            })
            .collect();
        let actions: Vec<&&Event> = first
            .values()
            .filter(|e| e.kind == EventKind::Action)
            .collect();
        let open_at_end = |e: &Event| {
            e.date <= period.until
                && done.get(&e.item).is_none_or(|d| *d > period.until)
                && removed.get(&e.item).is_none_or(|d| *d > period.until)
        };
        let goals = first
            .values()
            .filter(|e| e.kind == EventKind::Goal)
            .filter(|e| e.date <= period.until)
            .filter(|e| removed.get(&e.item).is_none_or(|d| *d >= period.since))
            .map(|g| {
                let words = significant(&g.text);
                let related: Vec<&&&Event> = actions
                    .iter()
                    .filter(|a| significant(&a.text).iter().any(|w| words.contains(w)))
                    .collect();
                let done_items: Vec<String> = related
                    .iter()
                    .filter(|a| done.get(&a.item).is_some_and(|d| period.contains(*d)))
                    .map(|a| a.text.clone())
                    .collect();
                let open_items: Vec<String> = related
                    .iter()
                    .filter(|a| open_at_end(a))
                    .map(|a| a.text.clone())
                    .collect();
                let outcome = if !done_items.is_empty() {
                    "achieved"
                } else if !open_items.is_empty() {
                    "in progress"
                } else {
                    "no linked items"
                };
                GoalOutcome {
                    goal: ReviewItem::of(g),
                    outcome: outcome.to_owned(),
                    done: done_items,
                    open: open_items,
                }
            })
            .collect();
        let completed = newest_first(
            mine.iter()
                .filter(|e| e.kind == EventKind::Done && period.contains(e.date))
                .map(|e| ReviewItem::of(e))
                .collect(),
        );
        let career = newest_first(
            first
                .values()
                .filter(|e| e.kind == EventKind::Thread && period.contains(e.date))
                .filter(|e| {
                    e.thread
                        .as_deref()
                        .is_some_and(|t| t.trim().to_lowercase().starts_with("career"))
                })
                .map(|e| ReviewItem::of(e))
                .collect(),
        );
        let open = newest_first(
            actions
                .iter()
                .filter(|e| open_at_end(e))
                .map(|e| ReviewItem::of(e))
                .collect(),
        );
        out.push(PersonReview {
            person: person.clone(),
            highlights,
            goals,
            completed,
            career,
            open,
        });
    }
    Review {
        period: period.clone(),
        persons: out,
    }
}

fn owner_label(owner: Option<&str>) -> &str {
    match owner {
        Some("me") | None => "mine",
        Some(name) => name,
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
            let _ = writeln!(s, "\n## {}\n\n### Highlights", r.person.name);
            if r.highlights.is_empty() {
                s.push_str("- none recorded\n");
            }
            for q in &r.highlights {
                let _ = writeln!(s, "\n{} Highlights:", q.quarter);
                for i in &q.items {
                    let _ = writeln!(s, "- {}: {}", i.date, i.text);
                }
            }
            s.push_str("\n### Goals and outcomes\n");
            if r.goals.is_empty() {
                s.push_str("- none recorded\n");
            }
            for g in &r.goals {
                let _ = writeln!(s, "- {} ({})", g.goal.text, g.outcome);
                for d in &g.done {
                    let _ = writeln!(s, "  * done: {d}");
                }
                for o in &g.open {
                    let _ = writeln!(s, "  * open: {o}");
                }
            }
            s.push_str("\n### Completed commitments\n");
            if r.completed.is_empty() {
                s.push_str("- none recorded\n");
            }
            for i in &r.completed {
                let owner = owner_label(i.owner.as_deref());
                let _ = writeln!(s, "- {}: {} ({owner})", i.date, i.text);
            }
            s.push_str("\n### Career development\n");
            if r.career.is_empty() {
                s.push_str("- none recorded\n");
            }
            for i in &r.career {
                let _ = writeln!(s, "- {}: {}", i.date, i.text);
            }
            s.push_str("\n### Open commitments\n");
            if r.open.is_empty() {
                s.push_str("- none\n");
            }
            for i in &r.open {
                let owner = owner_label(i.owner.as_deref());
                let _ = writeln!(s, "- {} ({owner}, since {})", i.text, i.date);
            }
        }
        s
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
