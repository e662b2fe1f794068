//! When meetings happen: the last one and the next one due by frequency.

use crate::document::Document;
use crate::model::Frequency;
use chrono::{Days, Months, NaiveDate};

/// The newest meeting-history date of a document.
pub fn last_meeting(doc: &Document) -> Option<NaiveDate> {
    doc.meetings().iter().map(|m| m.date).max()
}

/// The newest meeting-history date of a running document and its archives: archiving a
/// quarter never makes a relationship look new.
pub fn last_meeting_of(doc: &Document, archives: &[Document]) -> Option<NaiveDate> {
    std::iter::once(doc)
        .chain(archives)
        .filter_map(last_meeting)
        .max()
}

/// The date after `last` by one interval of `frequency` (monthly keeps the day of month,
/// clamped to the month's end).
pub fn after(last: NaiveDate, frequency: Frequency) -> NaiveDate {
    let weeks = match frequency {
        Frequency::Weekly => 1,
        Frequency::Biweekly => 2,
        Frequency::EveryWeeks(n) => u64::from(n),
        Frequency::Monthly => return last.checked_add_months(Months::new(1)).unwrap_or(last),
    };
    last.checked_add_days(Days::new(7 * weeks)).unwrap_or(last)
}

/// The next meeting due: the last meeting plus one interval (weekly when the frequency
/// is missing or unknown); with no meeting yet, the `started:` date. `None` when the
/// document has neither.
pub fn next_due(doc: &Document) -> Option<NaiveDate> {
    next_due_of(doc, &[])
}

/// [`next_due`] counting the meetings of the archives too.
pub fn next_due_of(doc: &Document, archives: &[Document]) -> Option<NaiveDate> {
    let frequency = doc.frequency().unwrap_or(Frequency::Weekly);
    match last_meeting_of(doc, archives) {
        Some(last) => Some(after(last, frequency)),
        None => doc.front_matter().started,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::tests::d;

    #[test]
    fn after_adds_one_interval_per_frequency() {
        assert_eq!(after(d("2026-01-15"), Frequency::Weekly), d("2026-01-22"));
        assert_eq!(after(d("2026-01-15"), Frequency::Biweekly), d("2026-01-29"));
        assert_eq!(
            after(d("2026-01-15"), Frequency::EveryWeeks(3)),
            d("2026-02-05")
        );
        assert_eq!(after(d("2026-01-31"), Frequency::Monthly), d("2026-02-28"));
    }

    #[test]
    fn next_due_uses_the_newest_meeting_and_the_frequency() {
        let doc = Document::parse(
            "---\nperson: A B\nfrequency: Biweekly\nstarted: 2025-01-01\n---\n\n## Meeting History\n- 2026-01-08: x\n- 2026-01-15: y\n",
        )
        .unwrap();
        assert_eq!(next_due(&doc), Some(d("2026-01-29")));
    }

    #[test]
    fn next_due_without_meetings_is_the_start_date() {
        let doc = Document::parse("---\nperson: A B\nstarted: 2025-03-04\n---\n").unwrap();
        assert_eq!(next_due(&doc), Some(d("2025-03-04")));
    }
}
