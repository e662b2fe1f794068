//! Property tests: processing arbitrary note lines never panics, changes the document only
//! by adding lines and ticking boxes, and is idempotent.

use oneonone_core::Settings;
use proptest::prelude::*;
#[path = "support/invariants.rs"]
mod invariants;
use invariants::{Refused, process_twice};
#[path = "support/reference.rs"]
mod reference;
use reference::{BEFORE, meeting_day};

fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("TODO:".to_owned()),
        Just("DONE:".to_owned()),
        Just("WIN:".to_owned()),
        Just("GOAL:".to_owned()),
        Just("[P1]".to_owned()),
        Just("@sarah".to_owned()),
        Just("@jo".to_owned()),
        Just("I'll".to_owned()),
        Just("She'll".to_owned()),
        Just("Sarah will".to_owned()),
        Just("she wants me to".to_owned()),
        Just("find".to_owned()),
        Just("send".to_owned()),
        Just("approved".to_owned()),
        Just("training budget".to_owned()),
        Just("promotion".to_owned()),
        Just("Q1 goal".to_owned()),
        Just("by next week".to_owned()),
        Just("(by Friday)".to_owned()),
        Just("Jan 22".to_owned()),
        Just("2026-02-30".to_owned()),
        Just("EOQ".to_owned()),
        Just(" - ".to_owned()),
        Just(";".to_owned()),
        Just("10%".to_owned()),
        Just("$2K".to_owned()),
        Just("[ ]".to_owned()),
        Just("[x]".to_owned()),
        Just("**Leo:**".to_owned()),
        Just("Priya:".to_owned()),
        Just("Follow-up:".to_owned()),
        Just("Decision:".to_owned()),
        Just("EOW:".to_owned()),
        Just("TODO".to_owned()),
        Just("done".to_owned()),
        Just("->".to_owned()),
        Just("=>".to_owned()),
        Just(",".to_owned()),
        Just("Sam to".to_owned()),
        Just("promised Dan I'd".to_owned()),
        Just("Dana mentioned she'd".to_owned()),
        Just("needs the slides from me".to_owned()),
        Just("wrote".to_owned()),
        Just("review promotion packet".to_owned()),
        Just("reviewed".to_owned()),
        Just("Topics:".to_owned()),
        Just("iOS".to_owned()),
        Just("✅".to_owned()),
        Just("##".to_owned()),
        Just("`".to_owned()),
        "[a-zA-Z0-9 ,.:()'’!?#*_-]{1,12}",
    ]
}

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

/// Found by the property above: a goal of nothing but dashes made the focus-area bullet
/// `- -   -`, which reads back as a thematic break, so every run added it again.
#[test]
fn processing_a_goal_of_only_dashes_is_idempotent() {
    processes_twice_unless_the_notes_are_refused("- GOAL:  -   - ", &Settings::default());
}
