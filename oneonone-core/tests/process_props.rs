//! Property tests: processing arbitrary note lines never panics, changes the document only
//! by adding lines and ticking boxes, and is idempotent.

use oneonone_core::Settings;
use proptest::prelude::*;
#[path = "support/fixtures.rs"]
mod fixtures;
use fixtures::d;
#[path = "support/invariants.rs"]
mod invariants;
use invariants::{Refused, process_twice};

/// Markers, names, verbs, dates and punctuation the rules read, and their near misses.
const WORDS: &[&str] = &[
    "TODO:",
    "DONE:",
    "WIN:",
    "GOAL:",
    "[P1]",
    "@sarah",
    "@jo",
    "I'll",
    "She'll",
    "Sarah will",
    "she wants me to",
    "find",
    "send",
    "approved",
    "training budget",
    "promotion",
    "Q1 goal",
    "by next week",
    "(by Friday)",
    "Jan 22",
    "2026-02-30",
    "EOQ",
    " - ",
    ";",
    "10%",
    "$2K",
    "[ ]",
    "[x]",
    "**Leo:**",
    "Priya:",
    "Follow-up:",
    "Decision:",
    "EOW:",
    "TODO",
    "done",
    "->",
    "=>",
    ",",
    "Sam to",
    "promised Dan I'd",
    "Dana mentioned she'd",
    "needs the slides from me",
    "wrote",
    "review promotion packet",
    "reviewed",
    "Topics:",
    "iOS",
    "✅",
    "##",
    "`",
];

/// A piece of a note line: one of [`WORDS`], each as likely as the others, or once in
/// `WORDS.len() + 1` draws a little free text.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        WORDS.len() as u32 => prop::sample::select(WORDS).prop_map(str::to_owned),
        1 => "[a-zA-Z0-9 ,.:()'’!?#*_-]{1,12}",
    ]
}

#[path = "support/reference.rs"]
mod reference;
use reference::BEFORE;

fn note_line() -> impl Strategy<Value = String> {
    (
        prop_oneof![Just("- "), Just("* "), Just("1. "), Just(""), Just("  - ")],
        prop::collection::vec(fragment(), 1..6),
    )
        .prop_map(|(bullet, parts)| format!("{bullet}{}", parts.join(" ")))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn processing_arbitrary_notes_is_local_and_idempotent(lines in prop::collection::vec(note_line(), 1..6)) {
        let notes = lines.join("\n");
        let settings = Settings {
            my_name: Some("Alex".to_owned()),
            ..Settings::default()
        };
        processes_twice_unless_the_notes_are_refused(&notes, &settings);
    }
}

/// Processes `notes` into the reference document twice, without a BACKLOG.md, asserting
/// what [`process_twice`] does; notes the reader refuses are let through.
fn processes_twice_unless_the_notes_are_refused(notes: &str, settings: &Settings) {
    let date = d("2026-01-15");
    match process_twice(BEFORE, notes, date, settings, None) {
        Ok(_) | Err(Refused::Plan(_)) => {}
        Err(refused) => panic!("notes {notes:?}: {refused:?}"),
    }
}

/// Found by the property above: a goal of nothing but dashes made the focus-area bullet
/// `- -   -`, which reads back as a thematic break, so every run added it again.
#[test]
fn processing_a_goal_of_only_dashes_is_idempotent() {
    processes_twice_unless_the_notes_are_refused("- GOAL:  -   - ", &Settings::default());
}
