//! The fixture corpus: every file round-trips byte for byte and its views are what the
//! SPEC says they are.

use oneonone_core::{Document, Owner, SectionKind};
#[path = "support/fixtures.rs"]
mod fixtures;
use fixtures::{d, fixture};

fn load(name: &str) -> (String, Document) {
    let src = fixture(&format!("roundtrip/{name}"));
    let doc = Document::parse(&src).unwrap();
    assert_eq!(doc.to_string(), src, "{name} does not round-trip");
    assert_eq!(doc.as_str().as_bytes(), src.as_bytes());
    (src, doc)
}

#[test]
fn every_fixture_round_trips_byte_for_byte() {
    let dir = format!("{}/tests/fixtures/roundtrip", env!("CARGO_MANIFEST_DIR"));
    let mut count = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        load(&name);
        count += 1;
    }
    assert!(count >= 4);
}

#[test]
fn crlf_fixture_views() {
    let (_, doc) = load("crlf.md");
    assert_eq!(doc.person(), Some("Ana Diaz"));
    assert_eq!(doc.line(1), Some("---"));
    let t = doc.thread("Career").unwrap();
    assert_eq!(t.entries[0].text, "Talked");
    assert_eq!(t.entries[0].details, ["detail"]);
    let item = doc.action_items().next().unwrap();
    assert_eq!(item.text, "Write plan");
    assert_eq!(item.due, Some(d("2026-01-22")));
    assert_eq!(item.owner, Owner::Me);
}

#[test]
fn bom_fixture_views() {
    let (_, doc) = load("bom-no-final-newline.md");
    assert_eq!(doc.person(), Some("Bo Li"));
    assert_eq!(doc.meetings().len(), 1);
    assert_eq!(doc.meetings()[0].text, "Kickoff");
    assert_eq!(doc.line(doc.line_count()), Some("- 2026-01-08: Kickoff"));
}

#[test]
fn odd_fixture_views() {
    let (_, doc) = load("odd.md");
    let keys: Vec<_> = doc
        .front_matter()
        .keys
        .iter()
        .map(|k| (k.key.as_str(), k.line))
        .collect();
    assert_eq!(keys, [("person", 2), ("team", 3), ("extra", 4)]);
    assert_eq!(doc.front_matter().keys[1].value, "Platform");
    let focus: Vec<_> = doc.focus_areas().iter().map(|b| b.text.as_str()).collect();
    assert_eq!(focus, ["Tabbed focus", "Odd   spacing"]);
    // The comment hides an Action Items heading; the fence hides Meeting History.
    assert!(doc.section(SectionKind::ActionItems).is_none());
    assert!(doc.section(SectionKind::MeetingHistory).is_none());
    assert_eq!(doc.meetings().len(), 0);
    let t = doc.thread("tech").unwrap();
    assert_eq!(t.entries.len(), 1);
    assert_eq!(t.entries[0].end_line, 23);
    let kinds: Vec<_> = doc.sections().iter().map(|s| (s.kind, s.line)).collect();
    assert_eq!(
        kinds,
        [
            (SectionKind::FocusAreas, 8),
            (SectionKind::Unknown, 12),
            (SectionKind::Threads, 18),
            (SectionKind::Unknown, 29),
        ]
    );
    assert_eq!(doc.sections()[3].title, "Setext Title");
    assert!(doc.validate(None).iter().all(|x| !x.is_error()));
}

#[test]
fn nested_obsidian_fixture_views() {
    let (_, doc) = load("nested-obsidian.md");
    let growth = doc.thread("Growth").unwrap();
    assert_eq!(growth.entries.len(), 1);
    assert_eq!(
        growth.entries[0].details,
        [
            "one-space star",
            "five-space star",
            "three-space plus after blank"
        ]
    );
    assert_eq!(
        (growth.entries[0].line, growth.entries[0].end_line),
        (9, 13)
    );
    assert_eq!(growth.undated[0].text, "undated bullet");
    let empty = doc.thread("Empty Thread").unwrap();
    assert!(empty.entries.is_empty());
    let lists = doc.action_lists();
    assert_eq!(lists[0].owner, Owner::Them);
    assert_eq!(lists[1].owner, Owner::Named("Team".to_owned()));
    let review = &lists[0].items[0];
    assert_eq!(review.due, Some(d("2026-02-01")));
    assert_eq!(review.text, "Review deck");
    let sent = &lists[0].items[1];
    assert_eq!(sent.completed, Some(d("2026-01-04")));
    assert!(sent.done);
    let spaced = &lists[1].items[0];
    assert_eq!(spaced.text, "Spaced   out tail");
    assert_eq!(spaced.priority, Some(2));
    assert_eq!(spaced.due, Some(d("2026-01-30")));
    assert!(lists[1].items[1].done);
    assert!(doc.accomplishments().is_empty());
    assert!(doc.section(SectionKind::Accomplishments).is_some());
    let inbox: Vec<_> = doc
        .inbox()
        .iter()
        .map(|b| (b.text.as_str(), b.line, b.end_line))
        .collect();
    assert_eq!(inbox, [("raw note one", 29, 30), ("plain note", 31, 31)]);
    let codes: Vec<_> = doc
        .validate(Some(d("2026-01-20")))
        .iter()
        .map(|x| x.code)
        .collect();
    assert_eq!(codes, ["W002"]);
}
