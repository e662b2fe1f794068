//! The words property tests write brain dumps from: markers, owner phrases, verbs, dates
//! and punctuation that real notes mix, and random text between them.

use proptest::prelude::*;

/// Pieces that mean something to the rules, and some that only look as if they might.
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
    "[P3]",
    "promotion packet",
    "roadmap",
    "hiring",
    "\n  * ",
];

/// One piece of a note: a known word, or up to twelve random characters.
pub fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(WORDS).prop_map(str::to_owned),
        "[a-zA-Z0-9 ,.:()'’!?#*_-]{1,12}",
    ]
}
