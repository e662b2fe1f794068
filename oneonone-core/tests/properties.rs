//! Property tests: round trip, edit locality, re-parse after every edit, no panics.

use chrono::NaiveDate;
use oneonone_core::{Document, NewActionItem, Owner};
use proptest::prelude::*;
#[path = "support/strategies.rs"]
mod strategies;
use strategies::{date, word};
#[path = "support/invariants.rs"]
mod invariants;
use invariants::{assert_only_insertions_and_ticks, lines};

fn bullet() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("- "),
        Just("* "),
        Just("+ "),
        Just("-   "),
        Just(" - "),
        Just("-\t")
    ]
    .prop_map(str::to_owned)
}

fn nested() -> impl Strategy<Value = String> {
    prop_oneof![Just("  * "), Just("   - "), Just("\t* "), Just("     + ")].prop_map(str::to_owned)
}

fn entry() -> impl Strategy<Value = Vec<String>> {
    (
        bullet(),
        date(),
        word(),
        prop::collection::vec((nested(), word()), 0..3),
        any::<bool>(),
    )
        .prop_map(|(b, d, w, details, trailing)| {
            let mut v = vec![format!("{b}{d}: {w}{}", if trailing { "  " } else { "" })];
            v.extend(details.into_iter().map(|(n, t)| format!("{n}{t}")));
            v
        })
}

fn task() -> impl Strategy<Value = String> {
    (
        bullet(),
        prop_oneof![Just("[ ]"), Just("[x]"), Just("[X]")],
        word(),
        prop::option::of(date()),
        prop::option::of(1u8..4),
    )
        .prop_map(|(b, bx, w, due, p)| {
            format!(
                "{b}{bx} {}{w}{}",
                p.map(|p| format!("[P{p}] ")).unwrap_or_default(),
                due.map(|d| format!(" (by {d})")).unwrap_or_default()
            )
        })
}

fn section() -> impl Strategy<Value = Vec<String>> {
    prop_oneof![
        prop::collection::vec(word(), 0..3).prop_map(|ws| {
            let mut v = vec!["## Current Focus Areas".to_owned()];
            v.extend(ws.into_iter().map(|w| format!("- {w}")));
            v
        }),
        prop::collection::vec((word(), prop::collection::vec(entry(), 0..3)), 0..3).prop_map(
            |ts| {
                let mut v = vec!["## Ongoing Threads".to_owned(), String::new()];
                for (name, es) in ts {
                    v.push(format!("### {name}"));
                    v.extend(es.into_iter().flatten());
                    v.push(String::new());
                }
                v
            }
        ),
        prop::collection::vec(
            (
                prop_oneof![
                    Just("My Actions"),
                    Just("Ana's Actions"),
                    Just("Team Actions")
                ],
                prop::collection::vec(task(), 0..3)
            ),
            0..3
        )
        .prop_map(|ls| {
            let mut v = vec!["## Action Items".to_owned()];
            for (h, items) in ls {
                v.push(format!("### {h}"));
                v.extend(items);
            }
            v
        }),
        prop::collection::vec(entry(), 0..3).prop_map(|es| {
            let mut v = vec!["## Recent Accomplishments Shared".to_owned()];
            v.extend(es.into_iter().flatten());
            v
        }),
        prop::collection::vec(entry(), 0..3).prop_map(|es| {
            let mut v = vec!["## Meeting History".to_owned()];
            v.extend(es.into_iter().flatten());
            v
        }),
        word().prop_map(|w| vec![
            format!("## {w} notes"),
            "```".to_owned(),
            "## Meeting History".to_owned(),
            "```".to_owned(),
            format!("<!-- {w} -->")
        ]),
        Just(vec!["   ".to_owned(), "\t".to_owned()]),
    ]
}

fn document() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(section(), 0..6),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(sections, crlf, final_eol, front)| {
            let mut lines: Vec<String> = Vec::new();
            if front {
                lines.extend(
                    [
                        "---",
                        "person: Ana Diaz",
                        "custom: kept",
                        "---",
                        "",
                        "# 1:1 with Ana",
                    ]
                    .map(str::to_owned),
                );
            }
            for s in sections {
                lines.extend(s);
            }
            let eol = if crlf { "\r\n" } else { "\n" };
            let mut s = lines.join(eol);
            if final_eol && !s.is_empty() {
                s.push_str(eol);
            }
            s
        })
}

/// The old lines appear unchanged and in order in the new text, and the new text has
/// exactly `inserted` more lines.
fn assert_local(old: &str, new: &str, inserted: usize) {
    assert_eq!(
        lines(new).len(),
        lines(old).len() + inserted,
        "{old:?} -> {new:?}"
    );
    assert_only_insertions_and_ticks(old, new, 0);
}

/// Focus areas, threads with their entries, action items, accomplishments, meetings.
type Shape = (
    Vec<String>,
    Vec<(String, Vec<String>)>,
    Vec<String>,
    Vec<String>,
    Vec<String>,
);

/// The views without line numbers, for comparing before and after an edit.
fn shape(doc: &Document) -> Shape {
    (
        doc.focus_areas().iter().map(|b| b.text.clone()).collect(),
        doc.threads()
            .iter()
            .map(|t| {
                (
                    t.name.clone(),
                    t.entries
                        .iter()
                        .map(|e| format!("{} {}", e.date, e.text))
                        .collect(),
                )
            })
            .collect(),
        doc.action_items()
            .map(|i| format!("{:?} {} {}", i.owner, i.done, i.raw_text))
            .collect(),
        doc.accomplishments()
            .iter()
            .map(|e| format!("{} {}", e.date, e.text))
            .collect(),
        doc.meetings()
            .iter()
            .map(|e| format!("{} {}", e.date, e.text))
            .collect(),
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn generated_documents_round_trip(src in document()) {
        let doc = Document::parse(&src).unwrap();
        prop_assert_eq!(doc.to_string(), src);
    }

    #[test]
    fn arbitrary_text_never_panics(src in any::<String>()) {
        if let Ok(doc) = Document::parse(&src) {
            prop_assert_eq!(doc.as_str(), src.as_str());
            let _ = doc.validate(NaiveDate::from_ymd_opt(2026, 1, 1));
        }
    }

    #[test]
    fn markdown_like_text_never_panics(src in "([-*+>#`\\[\\] x:0-9\t\r\n|<!=]{0,8}(2026-01-0[1-9]: )?[a-z ]{0,5}\r?\n){0,30}") {
        let text = format!("---\nperson: A\n---\n{src}");
        let doc = Document::parse(&text).unwrap();
        prop_assert_eq!(doc.as_str(), text.as_str());
        let _ = doc.validate(NaiveDate::from_ymd_opt(2026, 1, 1));
        let mut edited = doc.clone();
        let _ = edited.add_meeting(NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(), "x");
    }

    #[test]
    fn thread_entry_is_local_and_reparses(src in document(), thread in word(), d in date(), text in word()) {
        let Ok(mut doc) = Document::parse(&src) else { return Ok(()) };
        let before = shape(&doc);
        let Ok(out) = doc.add_thread_entry(&thread, d, &text, &[]) else { return Ok(()) };
        assert_local(&src, doc.as_str(), out.inserted);
        let after = shape(&doc);
        let t = doc.thread(&thread).unwrap();
        prop_assert!(t.entries.iter().any(|e| e.date == d && e.text == text.trim()));
        prop_assert_eq!(&before.0, &after.0);
        prop_assert_eq!(&before.2, &after.2);
        prop_assert_eq!(&before.3, &after.3);
        prop_assert_eq!(&before.4, &after.4);
        let total = |s: &Vec<(String, Vec<String>)>| s.iter().map(|t| t.1.len()).sum::<usize>();
        prop_assert_eq!(total(&before.1) + 1, total(&after.1));
    }

    #[test]
    fn meeting_is_local_and_newest_first(src in document(), d in date(), text in word()) {
        let Ok(mut doc) = Document::parse(&src) else { return Ok(()) };
        let before = shape(&doc);
        let Ok(out) = doc.add_meeting(d, &text) else { return Ok(()) };
        assert_local(&src, doc.as_str(), out.inserted);
        let after = shape(&doc);
        let mut expected = before.4.clone();
        let new = format!("{d} {}", text.trim());
        let pos = doc.meetings().iter().position(|e| e.date == d && e.text == text.trim()).unwrap();
        expected.insert(pos, new);
        prop_assert_eq!(&expected, &after.4);
        // Before it, only newer entries (when the list was in order).
        let dates: Vec<_> = doc.meetings().iter().map(|e| e.date).collect();
        if dates.windows(2).filter(|w| w[0] < w[1]).count() == 0 {
            prop_assert!(dates.windows(2).all(|w| w[0] >= w[1]));
        }
        prop_assert_eq!(&before.0, &after.0);
        prop_assert_eq!(&before.1, &after.1);
        prop_assert_eq!(&before.2, &after.2);
    }

    #[test]
    fn action_item_is_local_and_reparses(src in document(), which in 0usize..4, text in word(), due in prop::option::of(date())) {
        let owner = [Owner::Me, Owner::Them, Owner::Named("Bo".into()), Owner::Unassigned][which].clone();
        let Ok(mut doc) = Document::parse(&src) else { return Ok(()) };
        if owner == Owner::Them && doc.person().is_none() {
            return Ok(());
        }
        let before = shape(&doc);
        let item = NewActionItem { text: text.clone(), due, priority: None };
        let Ok(out) = doc.add_action_item(&owner, &item) else { return Ok(()) };
        assert_local(&src, doc.as_str(), out.inserted);
        let after = shape(&doc);
        prop_assert_eq!(before.2.len() + 1, after.2.len());
        prop_assert!(doc.action_items().any(|i| i.owner == owner && !i.done && i.text == text.trim() && i.due == due));
        prop_assert_eq!(&before.1, &after.1);
        prop_assert_eq!(&before.4, &after.4);
    }

    #[test]
    fn completing_changes_one_line(src in document(), d in date()) {
        let Ok(mut doc) = Document::parse(&src) else { return Ok(()) };
        let Some(open) = doc.action_items().find(|i| !i.done).cloned() else { return Ok(()) };
        let out = doc.complete_action_item(open.line, d).unwrap();
        prop_assert_eq!(out.inserted, 0);
        let old: Vec<&str> = src.lines().collect();
        let new: Vec<&str> = doc.as_str().lines().collect();
        prop_assert_eq!(old.len(), new.len());
        let changed: Vec<usize> = (0..old.len()).filter(|&i| old[i] != new[i]).collect();
        prop_assert_eq!(changed, vec![open.line - 1]);
        let done = doc.action_items().find(|i| i.line == open.line).unwrap();
        prop_assert!(done.done);
        prop_assert_eq!(done.completed, Some(d));
        prop_assert_eq!(&done.text, &open.text);
    }
}
