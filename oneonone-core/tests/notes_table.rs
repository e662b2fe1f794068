//! Note lines and what SPEC section 4 says they become, planned one at a time against the
//! seed's document before 2026-01-15 (a Thursday). The rows live in
//! `fixtures/note-table.tsv` (columns documented there), which the binary's end-to-end
//! table test reads too.

#[path = "support/note_table.rs"]
mod note_table;

use note_table::Outcome;
use oneonone_core::notes::NoteKind;
use oneonone_core::process::{Change, ChangeKind, ProcessContext, Target, plan};
use oneonone_core::{Document, Owner, Settings};

#[path = "support/reference.rs"]
mod reference;
use reference::{BEFORE, meeting_day};

fn owner_name(owner: &Owner) -> String {
    match owner {
        Owner::Me => "me".to_owned(),
        Owner::Them => "them".to_owned(),
        Owner::Named(n) => format!("named:{n}"),
        Owner::Unassigned => "unassigned".to_owned(),
    }
}

fn thread_of(c: &Change) -> Option<String> {
    match &c.target {
        Target::Thread(t) => Some(t.clone()),
        _ => None,
    }
}

/// What the first note's changes say, in the table's terms.
fn classify(note: &str) -> Outcome {
    let doc = Document::parse(BEFORE).unwrap();
    let settings = Settings {
        my_name: Some("Alex".to_owned()),
        ..Settings::default()
    };
    let p = plan(
        &doc,
        note,
        meeting_day(),
        &settings,
        &ProcessContext::default(),
    )
    .unwrap();
    let mut notes = p.changes.iter().filter(|c| c.source_line == 1);
    let first = notes.next().expect("a change");
    match first.kind {
        ChangeKind::MyAction | ChangeKind::TheirAction => Outcome {
            kind: if first.kind == ChangeKind::MyAction {
                "my_action"
            } else {
                "their_action"
            }
            .to_owned(),
            owner: first.owner.as_ref().map(owner_name),
            thread: None,
            due: first.due.map(|d| d.to_string()),
            priority: first.priority.map(|p| format!("P{p}")),
        },
        ChangeKind::FocusArea => Outcome {
            thread: notes.next().and_then(thread_of),
            ..Outcome::kind_only("goal")
        },
        ChangeKind::Accomplishment => Outcome::kind_only("accomplishment"),
        ChangeKind::Completion => Outcome::kind_only("done"),
        ChangeKind::ThreadEntry => Outcome {
            thread: thread_of(first),
            ..Outcome::kind_only(match first.note_kind {
                Some(NoteKind::Decision) => "decision",
                Some(NoteKind::Goal) => "goal",
                _ => "discussion",
            })
        },
        ChangeKind::Meeting => panic!("meeting line first"),
    }
}

#[test]
fn note_lines_classify_per_spec() {
    let rows = note_table::rows();
    assert!(rows.len() >= 250, "{} rows", rows.len());
    let mut failures = Vec::new();
    for row in rows {
        let got = classify(&row.note);
        if got != row.want {
            failures.push(format!(
                "note-table.tsv:{}: {:?}\n  want {}\n  got  {}",
                row.line, row.note, row.want, got
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} rows differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
