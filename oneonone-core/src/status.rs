//! Every relationship at a glance (SPEC 5 "status"): last meeting, next one due by
//! frequency, open and overdue action items on each side, and how long since a win was
//! shared, sorted by what needs attention.

use crate::document::Document;
use crate::model::{ActionItem, Owner, Relationship};
use crate::schedule;
use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::Serialize;
use std::cmp::{Ordering, Reverse};

/// Open and overdue action items of one side.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, JsonSchema)]
pub struct ActionCounts {
    /// Items not ticked.
    pub open: usize,
    /// Open items due before today.
    pub overdue: usize,
}

/// One relationship's row.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct StatusRow {
    /// The document's slug (file name), as the caller knows it.
    pub slug: String,
    /// `person:` (the slug when missing).
    pub person: String,
    /// `relationship:` when it is a known one.
    pub relationship: Option<Relationship>,
    /// `frequency:` as written.
    pub frequency: Option<String>,
    /// The newest meeting-history date.
    pub last_meeting: Option<NaiveDate>,
    /// The last meeting plus one interval of the frequency (weekly when missing); with no
    /// meeting yet, the start date.
    pub next_due: Option<NaiveDate>,
    /// Days the next meeting is overdue (0 when it is not).
    pub days_overdue: i64,
    /// My items ("My Actions"), whatever the relationship: for a report too, they are mine.
    pub mine: ActionCounts,
    /// Every other item: the other person's, and any other subsection's.
    pub theirs: ActionCounts,
    /// The newest accomplishment shared.
    pub last_accomplishment: Option<NaiveDate>,
    /// Days from the newest accomplishment shared to today.
    pub days_since_accomplishment: Option<i64>,
    /// Share of my commitments that came to term (kept or overdue) kept on time, 0 to 1;
    /// `null` when none did or there is no history to read it from.
    pub my_keep_rate: Option<f64>,
    /// The same for the other side's commitments.
    pub their_keep_rate: Option<f64>,
    /// The document's first validation error, when it does not validate.
    pub invalid: Option<String>,
}

impl StatusRow {
    /// Whether the next meeting is overdue (due before today).
    pub fn meeting_overdue(&self) -> bool {
        self.days_overdue > 0
    }

    /// Overdue items on both sides.
    pub fn overdue_actions(&self) -> usize {
        self.mine.overdue + self.theirs.overdue
    }
}

/// The dashboard.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Status {
    /// The date the dashboard is computed for.
    pub date: NaiveDate,
    /// One row per relationship, most in need of attention first.
    pub rows: Vec<StatusRow>,
}

/// One relationship's row, as of `today`: its running document and archives (for the last
/// meeting and the last win).
pub fn row(slug: &str, doc: &Document, archives: &[Document], today: NaiveDate) -> StatusRow {
    let mut mine = ActionCounts::default();
    let mut theirs = ActionCounts::default();
    for item in doc.action_items().filter(|i| !i.done) {
        let side = if item.owner == Owner::Me {
            &mut mine
        } else {
            &mut theirs
        };
        side.open += 1;
        if item.due.is_some_and(|d| d < today) {
            side.overdue += 1;
        }
    }
    let next_due = schedule::next_due_of(doc, archives);
    let last_accomplishment = std::iter::once(doc)
        .chain(archives)
        .flat_map(|d| d.accomplishments().iter().map(|e| e.date))
        .max();
    StatusRow {
        slug: slug.to_owned(),
        person: doc.person().unwrap_or(slug).to_owned(),
        relationship: doc.relationship(),
        frequency: doc.front_matter().frequency.clone(),
        last_meeting: schedule::last_meeting_of(doc, archives),
        next_due,
        days_overdue: next_due.map_or(0, |d| (today - d).num_days().max(0)),
        mine,
        theirs,
        last_accomplishment,
        days_since_accomplishment: last_accomplishment.map(|d| (today - d).num_days()),
        my_keep_rate: None,
        their_keep_rate: None,
        invalid: None,
    }
}

/// The dashboard for `(slug, document, archives)`, sorted by [`attention`].
pub fn status<'a>(
    docs: impl IntoIterator<Item = (&'a str, &'a Document, &'a [Document])>,
    today: NaiveDate,
) -> Status {
    let mut rows: Vec<StatusRow> = docs
        .into_iter()
        .map(|(slug, doc, archives)| row(slug, doc, archives, today))
        .collect();
    rows.sort_by(attention);
    Status { date: today, rows }
}

/// What needs attention first: overdue meetings (the most overdue first), then rows with
/// overdue actions (the most first), then the oldest last meeting (never met first); the
/// person's name breaks ties.
pub fn attention(a: &StatusRow, b: &StatusRow) -> Ordering {
    let tier = |r: &StatusRow| {
        if r.meeting_overdue() {
            0
        } else if r.overdue_actions() > 0 {
            1
        } else {
            2
        }
    };
    tier(a)
        .cmp(&tier(b))
        .then_with(|| match tier(a) {
            0 => Reverse(a.days_overdue).cmp(&Reverse(b.days_overdue)),
            1 => Reverse(a.overdue_actions()).cmp(&Reverse(b.overdue_actions())),
            _ => Ordering::Equal,
        })
        // `None` (never met) sorts before every date: the oldest of all.
        .then_with(|| a.last_meeting.cmp(&b.last_meeting))
        .then_with(|| a.person.to_lowercase().cmp(&b.person.to_lowercase()))
}

impl ActionItem {
    /// The first `@name` mention on the item's line (Obsidian-style owner), without the `@`.
    pub fn mention(&self) -> Option<&str> {
        let raw = self.raw_text.as_str();
        raw.match_indices('@').find_map(|(i, _)| {
            let starts_word = raw[..i]
                .chars()
                .next_back()
                .is_none_or(|c| c.is_whitespace() || c == '(');
            let name = &raw[i + 1..];
            let end = name
                .find(|c: char| !(c.is_alphanumeric() || c == '-' || c == '_' || c == '.'))
                .unwrap_or(name.len());
            let name = name[..end].trim_end_matches('.');
            (starts_word && !name.is_empty()).then_some(name)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::tests::d;

    fn doc(freq: &str, last: &str, items: &str) -> Document {
        Document::parse(&format!(
            "---\nperson: Ann Lee\nrelationship: report\nfrequency: {freq}\nstarted: 2025-01-01\n---\n\n## Action Items\n### My Actions\n{items}### Ann's Actions\n- [ ] theirs (by 2026-01-01)\n- [x] closed (by 2025-01-01) (completed 2025-01-02)\n\n## Recent Accomplishments Shared\n- 2026-01-05: win\n\n## Meeting History\n- {last}: x\n"
        ))
        .unwrap()
    }

    #[test]
    fn row_counts_each_side_and_the_overdue_maths() {
        let r = row(
            "ann-lee",
            &doc(
                "Biweekly",
                "2026-01-01",
                "- [ ] a (by 2026-01-09)\n- [ ] b 📅 2026-01-10\n- [ ] c\n",
            ),
            &[],
            d("2026-01-20"),
        );
        assert_eq!(r.next_due, Some(d("2026-01-15")));
        assert_eq!(r.days_overdue, 5);
        assert_eq!(
            r.mine,
            ActionCounts {
                open: 3,
                overdue: 2
            }
        );
        assert_eq!(
            r.theirs,
            ActionCounts {
                open: 1,
                overdue: 1
            }
        );
        assert_eq!(r.days_since_accomplishment, Some(15));
        assert_eq!(r.relationship, Some(Relationship::Report));
    }

    #[test]
    fn row_takes_the_last_meeting_and_win_from_the_archives_too() {
        let running = Document::parse(
            "---\nperson: Ann Lee\nfrequency: Weekly\nstarted: 2025-01-01\n---\n\n## Meeting History\n",
        )
        .unwrap();
        let archive = doc("Weekly", "2025-12-18", "");
        let r = row("ann-lee", &running, &[archive], d("2026-01-20"));
        assert_eq!(r.last_meeting, Some(d("2025-12-18")));
        assert_eq!(r.next_due, Some(d("2025-12-25")));
        assert_eq!(r.last_accomplishment, Some(d("2026-01-05")));
    }

    #[test]
    fn due_today_is_not_overdue() {
        let r = row("a", &doc("Weekly", "2026-01-13", ""), &[], d("2026-01-20"));
        assert_eq!(r.next_due, Some(d("2026-01-20")));
        assert!(!r.meeting_overdue());
        let r = row(
            "a",
            &doc("Weekly", "2026-01-13", "- [ ] x (by 2026-01-20)\n"),
            &[],
            d("2026-01-20"),
        );
        assert_eq!(r.mine.overdue, 0);
    }

    #[test]
    fn status_sorts_overdue_meetings_then_overdue_actions_then_oldest_meeting() {
        let today = d("2026-01-20");
        let a = doc("Weekly", "2026-01-10", ""); // due 01-17: 3 days overdue
        let b = doc("Monthly", "2025-12-01", ""); // due 01-01: 19 days overdue
        let c = doc("Monthly", "2026-01-15", "- [ ] x (by 2026-01-02)\n");
        let e = doc("Monthly", "2026-01-02", "");
        let f = doc("Monthly", "2026-01-10", "");
        let s = status(
            [
                ("a", &a, &[][..]),
                ("b", &b, &[]),
                ("c", &c, &[]),
                ("e", &e, &[]),
                ("f", &f, &[]),
            ],
            today,
        );
        let order: Vec<_> = s.rows.iter().map(|r| r.slug.as_str()).collect();
        // c, e and f all have Ann's overdue item; c has two overdue.
        assert_eq!(order, vec!["b", "a", "c", "e", "f"]);
    }
}
