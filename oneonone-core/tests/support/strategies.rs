//! What the property tests draw from: dates, item words, and the words brain dumps are
//! written from (markers, owner phrases, verbs, dates and punctuation that real notes mix,
//! and random text between them).
#![allow(dead_code)]

use chrono::NaiveDate;
use proptest::prelude::*;

/// A calendar date from 2020 to 2027.
pub fn date() -> impl Strategy<Value = NaiveDate> {
    (2020i32..2028, 1u32..13, 1u32..29)
        .prop_map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap())
}

/// An item's text: a letter, then letters, digits, spaces and some punctuation.
pub fn word() -> impl Strategy<Value = String> {
    "[A-Za-z][A-Za-z0-9 ,$%()-]{0,20}".prop_map(|s| s.trim_end().to_owned())
}

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
