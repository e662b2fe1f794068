//! Snapshots of the parsed model of the reference scenario.

use oneonone_core::{ActionList, Bullet, Document, Entry, FrontMatter, Section, Thread};
use serde::Serialize;
#[path = "support/fixtures.rs"]
mod fixtures;
#[path = "support/invariants.rs"]
mod invariants;
use invariants::errors;

#[derive(Serialize)]
struct Model<'a> {
    front_matter: &'a FrontMatter,
    sections: &'a [Section],
    focus_areas: &'a [Bullet],
    threads: &'a [Thread],
    action_lists: &'a [ActionList],
    accomplishments: &'a [Entry],
    meetings: &'a [Entry],
    inbox: &'a [Bullet],
}

fn model(doc: &Document) -> Model<'_> {
    Model {
        front_matter: doc.front_matter(),
        sections: doc.sections(),
        focus_areas: doc.focus_areas(),
        threads: doc.threads(),
        action_lists: doc.action_lists(),
        accomplishments: doc.accomplishments(),
        meetings: doc.meetings(),
        inbox: doc.inbox(),
    }
}

fn check(name: &str) -> Document {
    let src = fixtures::fixture(name);
    let doc = Document::parse(&src).unwrap();
    assert_eq!(doc.to_string(), src);
    let errors = errors(&doc);
    assert!(errors.is_empty(), "{errors:?}");
    doc
}

#[test]
fn reference_after_meeting_model_snapshot() {
    let doc = check("sarah-chen.md");
    insta::assert_yaml_snapshot!(model(&doc));
}

#[test]
fn reference_before_meeting_model_snapshot() {
    let doc = check("sarah-chen-before-2026-01-15.md");
    insta::assert_yaml_snapshot!(model(&doc));
}
