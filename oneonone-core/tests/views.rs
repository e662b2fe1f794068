//! Views of the reference scenario and round trips of the fixture corpus.

use fixtures::fixture;
use oneonone_core::{Document, Owner, SectionKind};
#[path = "support/fixtures.rs"]
mod fixtures;

#[test]
fn reference_document_parses_into_views() {
    let src = fixture("sarah-chen.md");
    let doc = Document::parse(&src).unwrap();
    assert_eq!(doc.to_string(), src);
    assert_eq!(doc.person(), Some("Sarah Chen"));
    assert_eq!(doc.first_name(), Some("Sarah"));
    assert_eq!(doc.focus_areas().len(), 3);
    let names: Vec<_> = doc.threads().iter().map(|t| t.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Career Development",
            "Q1 Goals & Projects",
            "Team & Process"
        ]
    );
    let career = doc.thread("career development").unwrap();
    assert_eq!(career.entries[0].details.len(), 3);
    assert_eq!(career.entries[0].end_line, 21);
    let owners: Vec<_> = doc.action_lists().iter().map(|l| l.owner.clone()).collect();
    assert_eq!(owners, [Owner::Me, Owner::Them]);
    assert_eq!(doc.action_items().filter(|i| !i.done).count(), 3);
    assert_eq!(doc.accomplishments().len(), 3);
    assert_eq!(doc.meetings().len(), 3);
    assert!(doc.section(SectionKind::Inbox).is_none());
    assert_eq!(doc.line(10), Some("## Current Focus Areas"));
}
