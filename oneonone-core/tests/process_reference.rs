//! The reference scenario end to end: the seed's document before 2026-01-15 plus that
//! meeting's brain dump.

use oneonone_core::process::ProcessContext;
use oneonone_core::{Document, Owner};
#[path = "support/fixtures.rs"]
mod fixtures;
use fixtures::d as date;
#[path = "support/reference.rs"]
mod reference;
use reference::{BEFORE, NOTES, meeting_day, process_notes};

#[test]
fn reference_notes_produce_expected_document() {
    let (doc, applied) = process_notes(BEFORE, NOTES, meeting_day(), &ProcessContext::default());
    let doc = Document::parse(&doc.to_string()).unwrap();
    let entry_of_the_day = |thread: &str, text: &str| {
        doc.thread(thread)
            .unwrap()
            .entries
            .iter()
            .any(|e| e.date == meeting_day() && e.text.contains(text))
    };
    assert!(
        doc.focus_areas()
            .iter()
            .any(|b| b.text.to_lowercase().contains("increase nrr by 10%"))
    );
    assert!(entry_of_the_day("Q1 Goals & Projects", "NRR"));
    let mine: Vec<_> = doc
        .action_items()
        .filter(|i| i.owner == Owner::Me && !i.done)
        .collect();
    assert!(
        mine.iter()
            .any(|i| i.text.to_lowercase().contains("customer advisory board"))
    );
    let courses = mine
        .iter()
        .find(|i| i.text.to_lowercase().contains("courses"))
        .unwrap();
    assert_eq!(courses.due, Some(date("2026-01-22")));
    assert_eq!(courses.priority, Some(1));
    let approve = doc
        .action_items()
        .find(|i| i.text == "Approve training budget")
        .unwrap();
    assert!(approve.done);
    assert_eq!(approve.completed, Some(date("2026-01-15")));
    assert!(approve.raw_text.ends_with("(completed 2026-01-15)"));
    assert!(entry_of_the_day("Career Development", "promotion criteria"));
    assert!(
        doc.accomplishments()
            .iter()
            .any(|e| e.date == date("2026-01-15") && e.text.contains("renewal story"))
    );
    assert_eq!(
        doc.meetings()
            .iter()
            .filter(|e| e.date == date("2026-01-15"))
            .count(),
        1
    );
    assert_eq!(applied.backlog_lines.len(), 2);
    assert!(applied.backlog_lines.contains(
        &"- [ ] [P1] Find courses (due: 2026-01-22) (1:1 Sarah Chen, 2026-01-15)".to_owned()
    ));
}
