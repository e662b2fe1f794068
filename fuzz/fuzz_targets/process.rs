//! Processing notes only adds lines or ticks boxes, and processing the same notes again
//! (with the BACKLOG.md lines the first run appended) changes nothing.
//!
//! Input: byte 0 picks the mode. Even: the whole rest is notes for the reference document.
//! Odd: the rest is `DOCUMENT\0NOTES` (a NUL cannot be in a document anyway).
#![no_main]

use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;
use oneonone_core::process::{ProcessContext, apply, plan};
use oneonone_core::{Document, Settings};
use oneonone_fuzz::{assert_only_insertions_and_ticks, assert_reparses};

const REFERENCE: &str =
    include_str!("../../oneonone-core/tests/fixtures/sarah-chen-before-2026-01-15.md");

fuzz_target!(|data: &[u8]| {
    let [mode, rest @ ..] = data else {
        return;
    };
    let (doc_src, notes) = if mode % 2 == 0 {
        let Ok(notes) = std::str::from_utf8(rest) else {
            return;
        };
        (REFERENCE, notes)
    } else {
        let Some(split) = rest.iter().position(|&b| b == 0) else {
            return;
        };
        let (Ok(d), Ok(n)) = (
            std::str::from_utf8(&rest[..split]),
            std::str::from_utf8(&rest[split + 1..]),
        ) else {
            return;
        };
        (d, n)
    };
    let Ok(doc) = Document::parse(doc_src) else {
        return;
    };
    let date =
        NaiveDate::from_ymd_opt(2026, 1, 15).unwrap() + chrono::Days::new(u64::from(mode / 2 % 8));
    let settings = Settings::default();
    let ctx = ProcessContext {
        archives: Vec::new(),
        backlog: Some(""),
        topics: None,
    };
    let Ok(first) = plan(&doc, notes, date, &settings, &ctx) else {
        return;
    };
    let mut once = doc.clone();
    let Ok(applied) = apply(&mut once, &first) else {
        return;
    };
    let once_text = once.to_string();
    let completions = first
        .effective()
        .filter(|c| c.kind == oneonone_core::process::ChangeKind::Completion)
        .count();
    assert_only_insertions_and_ticks(doc_src, &once_text, completions);
    assert_reparses(&once);

    let backlog: String = applied
        .backlog_lines
        .iter()
        .map(|l| format!("{l}\n"))
        .collect();
    let ctx2 = ProcessContext {
        archives: Vec::new(),
        backlog: Some(&backlog),
        topics: None,
    };
    let second = plan(&once, notes, date, &settings, &ctx2).expect("notes read once read again");
    let mut twice = once.clone();
    let applied2 = apply(&mut twice, &second).expect("second apply");
    assert_eq!(
        twice.to_string(),
        once_text,
        "processing the same notes twice changed the document\n--- notes\n{notes}\n--- once\n{once_text:?}\n--- plan\n{:#?}",
        second.effective().collect::<Vec<_>>()
    );
    assert!(
        applied2.backlog_lines.is_empty(),
        "second run adds BACKLOG lines: {:?}",
        applied2.backlog_lines
    );
});
