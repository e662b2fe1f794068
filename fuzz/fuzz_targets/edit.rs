//! Every edit only inserts lines (or ticks one checkbox), keeps every original line in
//! order, and leaves a document that re-parses to the same views. A failed edit changes
//! nothing.
//!
//! Input: byte 0 picks the edit, byte 1 a parameter; the rest is `TEXT\x01DOCUMENT` (or only
//! the document, with a fixed text).
#![no_main]

use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;
use oneonone_core::{Document, NewActionItem, Owner};
use oneonone_fuzz::{assert_only_insertions_and_ticks, assert_reparses};

fuzz_target!(|data: &[u8]| {
    let [op, param, rest @ ..] = data else {
        return;
    };
    let Ok(rest) = std::str::from_utf8(rest) else {
        return;
    };
    let (text, src) = rest.split_once('\x01').unwrap_or(("Review the plan", rest));
    let Ok(mut doc) = Document::parse(src) else {
        return;
    };
    let date = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + chrono::Days::new(u64::from(*param));
    let before = doc.to_string();
    let result = match op % 8 {
        0 => doc.add_thread_entry(text, date, "Talked it through", &[]),
        1 => doc.add_thread_entry("Career", date, text, &["a detail".to_owned()]),
        2 | 3 => {
            let owner = match param % 4 {
                0 => Owner::Me,
                1 => Owner::Them,
                2 => Owner::Named("Priya".to_owned()),
                _ => Owner::Unassigned,
            };
            let item = NewActionItem {
                text: text.to_owned(),
                due: (param % 2 == 0).then_some(date),
                priority: Some(param % 4).filter(|p| *p > 0),
            };
            doc.add_action_item(&owner, &item)
        }
        4 => doc.add_meeting(date, text),
        5 => doc.add_accomplishment(date, text),
        6 => doc.add_focus_area(text),
        _ => {
            // Tick an open item: the param-th one, else try the param-th line.
            let open: Vec<usize> = doc
                .action_items()
                .filter(|i| !i.done)
                .map(|i| i.line)
                .collect();
            let line = if open.is_empty() {
                usize::from(*param)
            } else {
                open[usize::from(*param) % open.len()]
            };
            doc.complete_action_item(line, date)
        }
    };
    let after = doc.to_string();
    match result {
        Err(_) => assert_eq!(after, before, "a failed edit changed the document"),
        Ok(outcome) => {
            let ticks = assert_only_insertions_and_ticks(&before, &after, 1).len();
            if op % 8 == 7 {
                assert_eq!(ticks, 1, "a completion must tick exactly one line");
                assert_eq!(outcome.inserted, 0);
                assert_eq!(
                    oneonone_fuzz::lines(&before).len(),
                    oneonone_fuzz::lines(&after).len()
                );
            } else {
                assert_eq!(ticks, 0, "an insertion changed a line in place");
                assert!(after.len() > before.len());
            }
            assert_reparses(&doc);
        }
    }
});
