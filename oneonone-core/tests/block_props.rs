//! Property tests of the block insert behind the archive: whatever the styles of the
//! block and of the document, only lines are added, in the document's line ending, and
//! the block reads back as one entry of its list, in date order.

use chrono::NaiveDate;
use oneonone_core::Document;
use oneonone_core::document::BlockPlace;
use proptest::prelude::*;
#[path = "support/strategies.rs"]
mod strategies;
use strategies::{date, word};
#[path = "support/invariants.rs"]
mod invariants;
use invariants::assert_only_insertions_and_ticks;

fn top() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        Just("- "),
        Just("* "),
        Just("+ "),
        Just("-   "),
        Just(" - ")
    ]
}

fn nested() -> impl Strategy<Value = &'static str> {
    prop_oneof![Just("  * "), Just("    - "), Just("\t* "), Just("   + ")]
}

/// An entry: its top line and nested lines, in one style.
fn entry() -> impl Strategy<Value = (NaiveDate, String, Vec<String>)> {
    (
        top(),
        nested(),
        date(),
        word(),
        prop::collection::vec(word(), 0..3),
    )
        .prop_map(|(t, n, d, w, details)| {
            let lines = std::iter::once(format!("{t}{d}: {w}"))
                .chain(details.iter().map(|x| format!("{n}{x}")))
                .collect();
            (d, w, lines)
        })
}

/// A running document with two threads and a meeting history, newest first, in one
/// line ending.
fn document() -> impl Strategy<Value = String> {
    (
        any::<bool>(),
        prop::collection::vec(entry(), 0..4),
        prop::collection::vec(entry(), 0..3),
        prop::collection::vec(entry(), 0..3),
    )
        .prop_map(|(crlf, mut career, mut team, mut meetings)| {
            let eol = if crlf { "\r\n" } else { "\n" };
            let mut lines = vec![
                "---".to_owned(),
                "person: Ana Diaz".to_owned(),
                "---".to_owned(),
                String::new(),
                "## Ongoing Threads".to_owned(),
            ];
            for (name, entries) in [("Career", &mut career), ("Team", &mut team)] {
                entries.sort_by_key(|e| std::cmp::Reverse(e.0));
                lines.push(format!("### {name}"));
                lines.extend(entries.iter().flat_map(|e| e.2.clone()));
            }
            meetings.sort_by_key(|e| std::cmp::Reverse(e.0));
            lines.push(String::new());
            lines.push("## Meeting History".to_owned());
            lines.extend(meetings.iter().flat_map(|e| e.2.clone()));
            lines.iter().map(|l| format!("{l}{eol}")).collect()
        })
}

fn place() -> impl Strategy<Value = BlockPlace> {
    prop_oneof![
        Just(BlockPlace::Thread("Career".to_owned())),
        Just(BlockPlace::Thread("team".to_owned())),
        Just(BlockPlace::Thread("Hiring".to_owned())),
        Just(BlockPlace::Meetings),
        Just(BlockPlace::Accomplishments),
    ]
}

/// The entries of the list a place names, as (date, text).
fn list(doc: &Document, place: &BlockPlace) -> Vec<(NaiveDate, String)> {
    let entries = match place {
        BlockPlace::Thread(name) => doc.thread(name).map_or(&[][..], |t| &t.entries[..]),
        BlockPlace::Meetings => doc.meetings(),
        BlockPlace::Accomplishments => doc.accomplishments(),
        BlockPlace::Actions(_) => &[],
    };
    entries.iter().map(|e| (e.date, e.text.clone())).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn block_insert_adds_lines_only_in_date_order(
        src in document(),
        (d, text, block) in entry(),
        place in place(),
        block_crlf in any::<bool>(),
    ) {
        let mut doc = Document::parse(&src).unwrap();
        let eol = doc.line_ending();
        let before = list(&doc, &place);
        let block_eol = if block_crlf { "\r\n" } else { "\n" };
        let block_text: String = block.iter().map(|l| format!("{l}{block_eol}")).collect();
        let out = doc.insert_block(&place, &block_text).unwrap();
        let new = doc.as_str();

        // Only whole lines were added, each in the document's line ending.
        let new_lines: Vec<&str> = new.split_inclusive('\n').collect();
        prop_assert_eq!(new_lines.len(), src.split_inclusive('\n').count() + out.inserted);
        assert_only_insertions_and_ticks(&src, new, 0);
        prop_assert!(new_lines.iter().all(|l| l.ends_with(eol) && !l[..l.len() - eol.len()].contains('\r')));

        // The list holds the block once more (or already held the same lines), newest first.
        let after = list(&doc, &place);
        if out.inserted > 0 {
            prop_assert_eq!(after.len(), before.len() + 1);
            let at = after.iter().position(|e| *e == (d, text.clone())).unwrap();
            prop_assert!(after[..at].iter().all(|e| e.0 >= d));
            prop_assert!(after[at + 1..].iter().all(|e| e.0 <= d));
        } else {
            prop_assert_eq!(&after, &before);
        }

        // A second insert of the same block changes nothing.
        let again = doc.as_str().to_owned();
        prop_assert_eq!(doc.insert_block(&place, &block_text).unwrap().inserted, 0);
        prop_assert_eq!(doc.as_str(), again.as_str());
    }
}
