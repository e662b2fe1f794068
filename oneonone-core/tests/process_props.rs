//! Property tests: processing arbitrary note lines never panics, changes the document only
//! by adding lines and ticking boxes, and is idempotent.

use oneonone_core::Settings;
use proptest::prelude::*;
#[path = "support/invariants.rs"]
mod invariants;
use invariants::{Refused, process_twice};
#[path = "support/reference.rs"]
mod reference;
#[path = "support/strategies.rs"]
mod strategies;
use reference::{BEFORE, meeting_day};
use strategies::fragment;

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
    match process_twice(BEFORE, notes, meeting_day(), settings, None) {
        Ok(_) | Err(Refused::Plan(_)) => {}
        Err(refused) => panic!("notes {notes:?}: {refused:?}"),
    }
}

/// The cases the property found and shrank, kept as examples whatever words it draws.
#[test]
fn found_cases_are_local_and_idempotent() {
    let settings = Settings {
        my_name: Some("Alex".to_owned()),
        ..Settings::default()
    };
    for lines in [
        &["- I'll"][..],
        &["- TODO: approved $2K promotion"],
        &["- [ ] EOQ EOQ", "- DONE: EOQ"],
        &["- approved", " - "],
        &["- find", "- Topics: [P1]"],
        &["- She'll training budget", "- done training budget"],
    ] {
        processes_twice_unless_the_notes_are_refused(&lines.join("\n"), &settings);
    }
}

/// Found by the property above: a goal of nothing but dashes made the focus-area bullet
/// `- -   -`, which reads back as a thematic break, so every run added it again.
#[test]
fn processing_a_goal_of_only_dashes_is_idempotent() {
    processes_twice_unless_the_notes_are_refused("- GOAL:  -   - ", &Settings::default());
}
