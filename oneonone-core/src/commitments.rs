//! Follow-through (SPEC 5): every action item's life read from history (made at its
//! meeting, due, done or still open) and, for each side of a relationship, who kept which
//! promise, on time or late.
//!
//! An item is kept on time when it was done on or before its due date; an item without a
//! due date counts as on time when done within [`NO_DUE_GRACE_DAYS`] days of being made.

use crate::review::Period;
use crate::timeline::{Event, EventKind, PersonRef};
use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::Serialize;
use std::collections::BTreeMap;

/// Days within which an item without a due date must be done to count as on time.
pub const NO_DUE_GRACE_DAYS: i64 = 14;

/// Where an item stands at the end of the period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum State {
    /// Not done, and past its due date.
    Overdue,
    /// Not done, not yet due (or with no due date).
    Open,
    /// Done on or before its due date (within 14 days when it had none).
    OnTime,
    /// Done after its due date.
    Late,
    /// Taken out of the document without being ticked.
    Dropped,
}

impl State {
    /// The lowercase name, as the text output shows it.
    pub fn as_str(self) -> &'static str {
        match self {
            State::Overdue => "overdue",
            State::Open => "open",
            State::OnTime => "kept on time",
            State::Late => "kept late",
            State::Dropped => "dropped",
        }
    }

    /// Still owed.
    pub fn is_open(self) -> bool {
        matches!(self, State::Open | State::Overdue)
    }

    /// Done.
    pub fn is_kept(self) -> bool {
        matches!(self, State::OnTime | State::Late)
    }
}

/// One commitment and its life.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Commitment {
    /// The item's latest text.
    pub text: String,
    /// Whose it is: `me` or a name.
    pub owner: String,
    /// The meeting it was made at.
    pub made: NaiveDate,
    /// Its due date, when it has one.
    pub due: Option<NaiveDate>,
    /// When it was done (its completion date), if it was by the end of the period.
    pub done: Option<NaiveDate>,
    /// Where it stands at the end of the period.
    pub state: State,
}

/// The figures of one side.
#[derive(Debug, Clone, Default, PartialEq, Serialize, JsonSchema)]
pub struct Side {
    /// Commitments made in the period.
    pub made: usize,
    /// Commitments done in the period (whenever made).
    pub kept: usize,
    /// Of those kept, the ones done on time.
    pub on_time: usize,
    /// Commitments still open at the end of the period (overdue included).
    pub open: usize,
    /// Of those open, the ones past their due date.
    pub overdue: usize,
    /// Median days from made to done over the ones kept; `null` when none was.
    pub median_days_to_close: Option<f64>,
    /// Share of the commitments that came to term (kept, or overdue) that were kept on
    /// time, 0 to 1; `null` when none came to term.
    pub keep_rate: Option<f64>,
    /// The oldest open commitment.
    pub oldest_open: Option<Commitment>,
    /// The commitments the figures count: oldest open first, then the kept ones by date.
    pub items: Vec<Commitment>,
}

/// The follow-through of one relationship.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct PersonCommitments {
    /// Who.
    pub person: PersonRef,
    /// Mine (`### My Actions`).
    pub mine: Side,
    /// The other person's, and anyone else's named in the document.
    pub theirs: Side,
}

/// The life of one action item, from its events.
#[derive(Debug, Clone)]
struct Life<'a> {
    action: &'a Event,
    done: Option<NaiveDate>,
    removed: Option<NaiveDate>,
}

/// The commitments of `person` read from `events` (any order), over `period` as of
/// `today` (an item is overdue when its due date is before the earlier of the two).
pub fn follow_through(
    events: &[Event],
    person: &PersonRef,
    period: Option<&Period>,
    today: NaiveDate,
) -> PersonCommitments {
    let mut lives: BTreeMap<u32, Life<'_>> = BTreeMap::new();
    for e in events
        .iter()
        .filter(|e| e.person.slug == person.slug && e.kind == EventKind::Action)
    {
        lives.insert(
            e.item,
            Life {
                action: e,
                done: None,
                removed: None,
            },
        );
    }
    for e in events.iter().filter(|e| e.person.slug == person.slug) {
        if let Some(life) = lives.get_mut(&e.item) {
            match e.kind {
                EventKind::Done => life.done = Some(e.date),
                EventKind::Removed => life.removed = Some(e.date),
                _ => {}
            }
        }
    }
    let (since, until) = match period {
        Some(p) => (p.since, p.until),
        None => (NaiveDate::MIN, today),
    };
    let as_of = until.min(today);
    let mut mine = Vec::new();
    let mut theirs = Vec::new();
    for life in lives.values() {
        let Some(c) = commitment(life, since, until, as_of) else {
            continue;
        };
        if c.owner == "me" {
            mine.push(c);
        } else {
            theirs.push(c);
        }
    }
    PersonCommitments {
        person: person.clone(),
        mine: side(mine, since, until),
        theirs: side(theirs, since, until),
    }
}

/// The item as it stands at `until`, when the period has anything to say about it.
fn commitment(
    life: &Life<'_>,
    since: NaiveDate,
    until: NaiveDate,
    as_of: NaiveDate,
) -> Option<Commitment> {
    let a = life.action;
    // An item recorded already ticked (a document imported whole) was made no later than
    // it was done.
    let made = match life.done {
        Some(d) => a.date.min(d),
        None => a.date,
    };
    if made > until {
        return None;
    }
    let done = life.done.filter(|d| *d <= until);
    let removed = life.removed.filter(|d| *d <= until);
    let state = match (done, removed) {
        (Some(d), _) => {
            let on_time = match a.due {
                Some(due) => d <= due,
                None => (d - made).num_days() <= NO_DUE_GRACE_DAYS,
            };
            if on_time { State::OnTime } else { State::Late }
        }
        (None, Some(_)) => State::Dropped,
        (None, None) if a.due.is_some_and(|due| due < as_of) => State::Overdue,
        (None, None) => State::Open,
    };
    // Closed before the period began: nothing of it happened in the period.
    let closed_before = match (done, removed) {
        (Some(d), _) => d < since,
        (None, Some(r)) => r < since,
        _ => false,
    };
    if closed_before && made < since {
        return None;
    }
    Some(Commitment {
        text: a.text.clone(),
        owner: a.owner.clone().unwrap_or_else(|| "me".to_owned()),
        made,
        due: a.due,
        done,
        state,
    })
}

fn side(mut items: Vec<Commitment>, since: NaiveDate, until: NaiveDate) -> Side {
    let in_period = |d: NaiveDate| since <= d && d <= until;
    items.sort_by(|a, b| {
        let key = |c: &Commitment| (!c.state.is_open(), c.done.unwrap_or(c.made), c.made);
        key(a).cmp(&key(b)).then_with(|| a.text.cmp(&b.text))
    });
    let kept: Vec<&Commitment> = items
        .iter()
        .filter(|c| c.state.is_kept() && c.done.is_some_and(in_period))
        .collect();
    let on_time = kept.iter().filter(|c| c.state == State::OnTime).count();
    let overdue = items.iter().filter(|c| c.state == State::Overdue).count();
    let mut days: Vec<i64> = kept
        .iter()
        .filter_map(|c| c.done.map(|d| (d - c.made).num_days()))
        .collect();
    days.sort_unstable();
    let median_days_to_close = match days.len() {
        0 => None,
        n if n % 2 == 1 => Some(days[n / 2] as f64),
        n => Some((days[n / 2 - 1] + days[n / 2]) as f64 / 2.0),
    };
    let came_to_term = kept.len() + overdue;
    Side {
        made: items.iter().filter(|c| in_period(c.made)).count(),
        kept: kept.len(),
        on_time,
        open: items.iter().filter(|c| c.state.is_open()).count(),
        overdue,
        median_days_to_close,
        keep_rate: (came_to_term > 0).then(|| on_time as f64 / came_to_term as f64),
        oldest_open: items.iter().find(|c| c.state.is_open()).cloned(),
        items,
    }
}

impl Side {
    /// `3 of 4 on time (75%)`, or `-` when nothing came to term.
    pub fn keep_rate_text(&self) -> String {
        match self.keep_rate {
            Some(r) => format!(
                "{} of {} on time ({:.0}%)",
                self.on_time,
                self.kept + self.overdue,
                r * 100.0
            ),
            None => "-".to_owned(),
        }
    }

    /// One line of figures: made, kept (on time), open (overdue), median days to close.
    pub fn figures_line(&self) -> String {
        let median = self
            .median_days_to_close
            .map_or_else(|| "-".to_owned(), |m| format!("{m}"));
        format!(
            "{} made, {} kept ({} on time, {} late), {} open ({} overdue); median days to close: {median}",
            self.made,
            self.kept,
            self.on_time,
            self.kept - self.on_time,
            self.open,
            self.overdue
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::tests::d;
    use crate::timeline::CommitMeta;

    fn person() -> PersonRef {
        PersonRef {
            slug: "sam".into(),
            name: "Sam".into(),
        }
    }

    fn ev(item: u32, kind: EventKind, date: &str, owner: &str, due: Option<&str>) -> Event {
        Event {
            date: d(date),
            commit: CommitMeta {
                id: "0".repeat(40),
                time: 0,
                date: d(date),
                meeting: None,
            },
            person: person(),
            kind,
            text: format!("item {item}"),
            thread: None,
            owner: Some(owner.into()),
            due: due.map(d),
            item,
            item_kind: EventKind::Action,
        }
    }

    #[test]
    fn figures_count_on_time_late_open_and_overdue_per_side() {
        use EventKind::{Action, Done};
        let events = vec![
            ev(0, Action, "2026-01-05", "me", Some("2026-01-10")),
            ev(0, Done, "2026-01-09", "me", Some("2026-01-10")),
            ev(1, Action, "2026-01-05", "me", Some("2026-01-10")),
            ev(1, Done, "2026-01-20", "me", Some("2026-01-10")),
            ev(2, Action, "2026-01-05", "me", None),
            ev(2, Done, "2026-01-19", "me", None),
            ev(3, Action, "2026-02-01", "me", Some("2026-02-10")),
            ev(4, Action, "2026-02-01", "me", Some("2026-03-30")),
            ev(5, Action, "2026-01-05", "Sam", None),
            ev(5, Done, "2026-01-30", "Sam", None),
        ];
        let r = follow_through(&events, &person(), None, d("2026-03-01"));
        let m = &r.mine;
        assert_eq!(
            (m.made, m.kept, m.on_time, m.open, m.overdue),
            (5, 3, 2, 2, 1)
        );
        assert_eq!(m.median_days_to_close, Some(14.0));
        assert_eq!(m.oldest_open.as_ref().unwrap().text, "item 3");
        assert_eq!(m.items[0].state, State::Overdue);
        assert_eq!(m.keep_rate, Some(0.5));
        let t = &r.theirs;
        assert_eq!((t.made, t.kept, t.on_time, t.open), (1, 1, 0, 0));
        assert_eq!(t.items[0].state, State::Late);
    }

    #[test]
    fn period_counts_what_happened_in_it_and_state_at_its_end() {
        use EventKind::{Action, Done};
        let events = vec![
            ev(0, Action, "2025-11-05", "me", Some("2025-11-10")),
            ev(0, Done, "2026-01-20", "me", Some("2025-11-10")),
            ev(1, Action, "2025-10-05", "me", None),
            ev(1, Done, "2025-10-06", "me", None),
            ev(2, Action, "2025-06-01", "me", None),
            ev(2, Done, "2025-06-02", "me", None),
        ];
        let q4 = Period::quarter("2025-Q4").unwrap();
        let r = follow_through(&events, &person(), Some(&q4), d("2026-03-01"));
        let m = &r.mine;
        assert_eq!((m.made, m.kept, m.open, m.overdue), (2, 1, 1, 1));
        assert_eq!(m.items.len(), 2, "the Q2 item is not in Q4: {:?}", m.items);
        assert_eq!(
            m.items[0].done, None,
            "done after the period: open at its end"
        );
    }
}
