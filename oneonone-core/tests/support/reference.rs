//! The reference scenario: the seed's document before the 2026-01-15 meeting, that
//! meeting's notes, and processing notes into a document the way most tests do it.
#![allow(dead_code)]

use chrono::NaiveDate;
use oneonone_core::process::{Applied, Plan, ProcessContext, apply, plan};
use oneonone_core::{Document, Settings};

/// Sarah Chen's document before the 2026-01-15 meeting.
pub const BEFORE: &str = include_str!("../fixtures/sarah-chen-before-2026-01-15.md");

/// The notes of the 2026-01-15 meeting.
pub const NOTES: &str = include_str!("../fixtures/notes-2026-01-15.md");

/// The day of the reference meeting.
pub fn meeting_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 15).unwrap()
}

/// The plan for [`NOTES`] in [`BEFORE`] on the meeting day, with default settings and no
/// BACKLOG.md, archives or topics.
pub fn reference_plan() -> Plan {
    let doc = Document::parse(BEFORE).unwrap();
    plan(
        &doc,
        NOTES,
        meeting_day(),
        &Settings::default(),
        &ProcessContext::default(),
    )
    .unwrap()
}

/// The document and what was done after processing `notes` into `src` on `on`, with
/// default settings; panics when the notes or the edit are refused.
pub fn process_notes(
    src: &str,
    notes: &str,
    on: NaiveDate,
    ctx: &ProcessContext<'_>,
) -> (Document, Applied) {
    let mut doc = Document::parse(src).unwrap();
    let p = plan(&doc, notes, on, &Settings::default(), ctx).unwrap();
    let applied = apply(&mut doc, &p).unwrap();
    (doc, applied)
}
