//! Round trip over a corpus of real-world-like 1:1 documents and templates (other
//! languages, Obsidian Dataview and callouts, Templater placeholders, HTML comments,
//! tables, emoji dates, nested checklists, footnotes, rich front matter, CRLF, no front
//! matter): each parses, writes back byte for byte, validates, and processing notes into it
//! only inserts lines or ticks boxes and is idempotent.

use oneonone_core::{Document, Owner, SectionKind, Settings};
#[path = "support/fixtures.rs"]
mod fixtures;
use fixtures::{corpus, d};
#[path = "support/invariants.rs"]
mod invariants;
use invariants::{assert_reparses, process_twice};

fn doc(name: &str) -> Document {
    let (_, src) = corpus().into_iter().find(|(n, _)| n == name).unwrap();
    Document::parse(&src).unwrap()
}

const NOTES: &str = "\
- Talked about the roadmap for next quarter
- I'll send the summary by Friday
- DONE: share the spreadsheet
- WIN: launched the pilot
- GOAL: present at the all-hands
- They'll review the draft
";

#[test]
fn corpus_has_the_expected_shapes() {
    let files = corpus();
    assert!(files.len() >= 10, "{} files", files.len());
    assert!(files.iter().any(|(_, s)| s.contains("\r\n")));
    assert!(files.iter().any(|(_, s)| !s.starts_with("---")));
    assert!(files.iter().any(|(_, s)| s.contains("```dataview")));
    assert!(files.iter().any(|(_, s)| s.contains("<% tp.")));
}

#[test]
fn every_corpus_file_round_trips_and_validates() {
    for (name, src) in corpus() {
        let doc = Document::parse(&src).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(
            doc.to_string(),
            src,
            "{name} does not write back byte for byte"
        );
        assert_reparses(&doc);
        let _ = doc.validate(Some(d("2026-01-20")));
        let _ = doc.validate(None);
    }
}

#[test]
fn processing_each_corpus_file_only_inserts_and_is_idempotent() {
    let settings = Settings::default();
    let mut processed = 0;
    for (name, src) in corpus() {
        let doc = Document::parse(&src).unwrap();
        if doc.person().is_none_or(|p| p.trim().is_empty()) {
            continue;
        }
        let once = process_twice(&src, NOTES, d("2026-01-20"), &settings, Some(""))
            .unwrap_or_else(|e| panic!("{name}: {e:?}"));
        assert!(once.applied.changed(), "{name}: nothing recorded");
        if src.contains("\r\n") {
            assert!(
                !once.text.replace("\r\n", "").contains('\n'),
                "{name}: a line without CRLF was inserted"
            );
        }
        processed += 1;
    }
    assert!(processed >= 9, "only {processed} files have a person");
}

#[test]
fn obsidian_emoji_dates_read_as_due_and_done() {
    let doc = doc("obsidian-dataview.md");
    let item = |t: &str| doc.action_items().find(|i| i.text == t).unwrap().clone();
    let rotation = item("Draft the on-call rotation proposal");
    assert_eq!(rotation.due, Some(d("2026-01-27")));
    assert!(!rotation.done);
    let sheet = item("Share the toil spreadsheet");
    assert!(sheet.done);
    assert_eq!(sheet.completed, Some(d("2026-01-05")));
    let theirs = item("Raise headcount with finance");
    assert_eq!(theirs.owner, Owner::Them);
    assert_eq!(theirs.due, Some(d("2026-02-03")));
    // The Dataview block and the callout are not sections or items.
    assert!(!doc.action_items().any(|i| i.text.contains("completed AND")));
    assert_eq!(doc.focus_areas().len(), 2);
    assert_eq!(doc.meetings().len(), 2);
}

#[test]
fn known_sections_are_found_under_their_headings() {
    let de = doc("de-mentoring.md");
    assert!(de.section(SectionKind::FocusAreas).is_some());
    assert_eq!(
        de.thread("Karriere").unwrap().entries[0].date,
        d("2026-01-09")
    );
    assert_eq!(de.meetings()[0].date, d("2026-01-09"));
    let done = de.action_items().find(|i| i.done).unwrap();
    assert_eq!(done.completed, Some(d("2026-01-10")));

    let fr = doc("fr-manager.md");
    let plan_item = fr.action_items().find(|i| i.owner == Owner::Me).unwrap();
    assert_eq!(plan_item.priority, Some(1));
    assert_eq!(plan_item.due, Some(d("2026-01-26")));
    assert_eq!(fr.accomplishments().len(), 1);

    let ja = doc("ja-report.md");
    assert_eq!(ja.person(), Some("佐藤 花子"));
    assert_eq!(
        ja.thread("キャリア").unwrap().entries[0].details,
        ["次のステップを整理する"]
    );

    let crlf = doc("crlf-mentor.md");
    assert_eq!(crlf.person(), Some("Nadia Okafor"));
    assert_eq!(
        crlf.action_items().next().unwrap().due,
        Some(d("2026-02-02"))
    );

    // Items inside an HTML comment are not items.
    let tables = doc("tables-and-comments.md");
    assert!(!tables.action_items().any(|i| i.text == "not a real item"));
    assert_eq!(tables.action_items().count(), 2);

    let bare = doc("no-front-matter.md");
    assert_eq!(bare.person(), None);
    assert_eq!(bare.action_items().count(), 2);
    assert_eq!(bare.meetings().len(), 1);

    let nested = doc("nested-checklists.md");
    assert_eq!(
        nested
            .action_items()
            .filter(|i| i.owner == Owner::Me)
            .count(),
        2
    );
    let outline = nested
        .action_items()
        .find(|i| i.text == "Review Tom's outline")
        .unwrap();
    assert_eq!(outline.details.len(), 2);
}
