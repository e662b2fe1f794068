//! The reference scenario end to end: the seed's document before 2026-01-15 plus that
//! meeting's brain dump.

use chrono::NaiveDate;
use oneonone_core::process::{ProcessContext, apply, plan};
use oneonone_core::{Document, Owner, Settings};

const BEFORE: &str = include_str!("fixtures/sarah-chen-before-2026-01-15.md");
const NOTES: &str = include_str!("fixtures/notes-2026-01-15.md");

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn process(src: &str, notes: &str, on: &str) -> (Document, oneonone_core::process::Applied) {
    let mut doc = Document::parse(src).unwrap();
    let p = plan(
        &doc,
        notes,
        date(on),
        &Settings::default(),
        &ProcessContext::default(),
    )
    .unwrap();
    let applied = apply(&mut doc, &p).unwrap();
    (doc, applied)
}

#[test]
fn reference_notes_produce_expected_document() {
    let (doc, applied) = process(BEFORE, NOTES, "2026-01-15");
    let doc = Document::parse(&doc.to_string()).unwrap();
    assert!(
        doc.focus_areas()
            .iter()
            .any(|b| b.text.to_lowercase().contains("increase nrr by 10%"))
    );
    let goals = doc.thread("Q1 Goals & Projects").unwrap();
    assert!(
        goals
            .entries
            .iter()
            .any(|e| e.date == date("2026-01-15") && e.text.contains("NRR"))
    );
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
    let career = doc.thread("Career Development").unwrap();
    assert!(
        career
            .entries
            .iter()
            .any(|e| e.date == date("2026-01-15") && e.text.contains("promotion criteria"))
    );
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
