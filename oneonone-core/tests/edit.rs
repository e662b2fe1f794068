//! Edits: exact output on small documents and on the reference scenario.

use fixtures::{d, fixture};
use oneonone_core::document::BlockPlace;
use oneonone_core::{Document, EditError, NewActionItem, Owner};
#[path = "support/fixtures.rs"]
mod fixtures;
#[path = "support/invariants.rs"]
mod invariants;
use invariants::assert_reparses;

#[test]
fn thread_entry_goes_above_newest_with_nested_style() {
    let src = "---\nperson: Ana Diaz\n---\n## Ongoing Threads\n### Career\n- 2026-01-10: Old\n    * detail\n";
    let mut doc = Document::parse(src).unwrap();
    let out = doc
        .add_thread_entry("career", d("2026-01-15"), "New", &["a".to_owned()])
        .unwrap();
    assert_eq!(out.line, 6);
    assert_eq!(out.inserted, 2);
    assert_eq!(
        doc.as_str(),
        "---\nperson: Ana Diaz\n---\n## Ongoing Threads\n### Career\n- 2026-01-15: New\n    * a\n- 2026-01-10: Old\n    * detail\n"
    );
}

#[test]
fn crlf_document_gets_crlf_lines() {
    let src = "---\r\nperson: Ana\r\n---\r\n## Meeting History\r\n* 2026-01-01: x\r\n";
    let mut doc = Document::parse(src).unwrap();
    doc.add_meeting(d("2026-01-08"), "Planning").unwrap();
    assert_eq!(
        doc.as_str(),
        "---\r\nperson: Ana\r\n---\r\n## Meeting History\r\n* 2026-01-08: Planning\r\n* 2026-01-01: x\r\n"
    );
}

#[test]
fn missing_section_created_in_order_without_final_newline() {
    let src = "---\nperson: Ana\n---\n## Current Focus Areas\n- Goal";
    let mut doc = Document::parse(src).unwrap();
    doc.add_accomplishment(d("2026-01-08"), "Shipped").unwrap();
    assert_eq!(
        doc.as_str(),
        "---\nperson: Ana\n---\n## Current Focus Areas\n- Goal\n\n## Recent Accomplishments Shared\n- 2026-01-08: Shipped"
    );
    doc.add_thread_entry("Career", d("2026-01-08"), "Talked", &[])
        .unwrap();
    assert_eq!(
        doc.as_str(),
        "---\nperson: Ana\n---\n## Current Focus Areas\n- Goal\n\n## Ongoing Threads\n### Career\n- 2026-01-08: Talked\n\n## Recent Accomplishments Shared\n- 2026-01-08: Shipped"
    );
}

#[test]
fn action_items_land_after_last_open_item() {
    let src = fixture("sarah-chen.md");
    let mut doc = Document::parse(&src).unwrap();
    let item = NewActionItem {
        text: "Book the venue".to_owned(),
        due: Some(d("2026-01-29")),
        priority: Some(1),
    };
    let out = doc.add_action_item(&Owner::Me, &item).unwrap();
    assert_eq!(out.line, 38);
    assert_eq!(
        doc.line(38),
        Some("- [ ] [P1] Book the venue (by 2026-01-29)")
    );
    assert_eq!(
        doc.line(39),
        Some("- [x] Implement new onboarding flow (completed 2026-01-08)")
    );
    let mine = &doc.action_lists()[0].items[2];
    assert_eq!(mine.text, "Book the venue");
    assert_eq!(mine.priority, Some(1));
}

#[test]
fn new_owner_subsections_are_created() {
    let src = "---\nperson: Ana Diaz\n---\n## Action Items\n\n### Ana's Actions\n- [ ] Review\n";
    let mut doc = Document::parse(src).unwrap();
    let item = |t: &str| NewActionItem {
        text: t.to_owned(),
        due: None,
        priority: None,
    };
    doc.add_action_item(&Owner::Me, &item("Mine")).unwrap();
    doc.add_action_item(&Owner::Named("Bo".into()), &item("His"))
        .unwrap();
    doc.add_action_item(&Owner::Them, &item("Hers")).unwrap();
    assert_eq!(
        doc.as_str(),
        "---\nperson: Ana Diaz\n---\n## Action Items\n\n### My Actions\n- [ ] Mine\n\n### Ana's Actions\n- [ ] Review\n- [ ] Hers\n\n### Bo's Actions\n- [ ] His\n"
    );
    assert_eq!(
        doc.action_lists()
            .iter()
            .map(|l| l.owner.clone())
            .collect::<Vec<_>>(),
        [Owner::Me, Owner::Them, Owner::Named("Bo".into())]
    );
}

#[test]
fn completing_flips_box_and_appends_date() {
    let src = "---\nperson: Ana\n---\n## Action Items\n- [ ] Plain (by 2026-01-02)  \n- [ ] Obs 📅 2026-01-03\n";
    let mut doc = Document::parse(src).unwrap();
    doc.complete_action_item(5, d("2026-01-05")).unwrap();
    doc.complete_action_item(6, d("2026-01-06")).unwrap();
    assert_eq!(
        doc.as_str(),
        "---\nperson: Ana\n---\n## Action Items\n- [x] Plain (by 2026-01-02) (completed 2026-01-05)  \n- [x] Obs 📅 2026-01-03 ✅ 2026-01-06\n"
    );
    assert_eq!(
        doc.complete_action_item(5, d("2026-01-05")),
        Err(EditError::NoOpenItem { line: 5 })
    );
}

#[test]
fn focus_area_appended_after_last() {
    let src = "## Current Focus Areas\n+ One\n  + sub\n\n## Other\n";
    let mut doc = Document::parse(src).unwrap();
    doc.add_focus_area("Two").unwrap();
    assert_eq!(
        doc.as_str(),
        "## Current Focus Areas\n+ One\n  + sub\n+ Two\n\n## Other\n"
    );
}

#[test]
fn duplicate_section_refused_and_document_unchanged() {
    let src = "## Meeting History\n- 2026-01-01: a\n## Meeting History\n";
    let mut doc = Document::parse(src).unwrap();
    let err = doc.add_meeting(d("2026-01-02"), "b").unwrap_err();
    assert!(matches!(
        err,
        EditError::DuplicateSection {
            first: 1,
            second: 3,
            ..
        }
    ));
    assert_eq!(doc.as_str(), src);
}

#[test]
fn multiline_or_empty_text_refused() {
    let mut doc = Document::parse("").unwrap();
    assert!(matches!(
        doc.add_focus_area("a\nb"),
        Err(EditError::InvalidText { .. })
    ));
    assert!(matches!(
        doc.add_focus_area("  "),
        Err(EditError::InvalidText { .. })
    ));
    assert_eq!(doc.as_str(), "");
}

#[test]
fn focus_area_refused_when_its_bullet_would_read_as_a_rule() {
    let src = "## Current Focus Areas\n- One\n";
    let mut doc = Document::parse(src).unwrap();
    assert!(matches!(
        doc.add_focus_area("-   -"),
        Err(EditError::InvalidText { .. })
    ));
    assert_eq!(doc.as_str(), src);
    let mut empty = Document::parse("").unwrap();
    assert!(matches!(
        empty.add_focus_area("- -"),
        Err(EditError::InvalidText { .. })
    ));
    assert_eq!(empty.as_str(), "");
    // Dashes with words are a nested bullet, read back as written.
    doc.add_focus_area("- ship v2").unwrap();
    assert_eq!(doc.focus_areas()[1].text, "- ship v2");
}

#[test]
fn inbox_lines_removed_with_nested_lines() {
    let src = "## Inbox\n- one\n  - nested\nplain two\n- three\n\n## Meeting History\n";
    let mut doc = Document::parse(src).unwrap();
    let texts: Vec<_> = doc.inbox().iter().map(|b| b.text.as_str()).collect();
    assert_eq!(texts, ["one", "plain two", "three"]);
    doc.remove_inbox_lines(&[2, 5]).unwrap();
    assert_eq!(doc.as_str(), "## Inbox\nplain two\n\n## Meeting History\n");
    assert_eq!(
        doc.remove_inbox_lines(&[7]),
        Err(EditError::NotInboxLine { line: 7 })
    );
}

#[test]
fn first_thread_in_an_empty_section_copies_the_spacing_of_other_subheadings() {
    let src = "---\nperson: Ana Diaz\n---\n\n## Ongoing Threads\n\n## Action Items\n\n### My Actions\n\n### Ana's Actions\n";
    let mut doc = Document::parse(src).unwrap();
    doc.add_thread_entry(
        "Team & Process",
        d("2026-01-12"),
        "Hiring plan approved",
        &[],
    )
    .unwrap();
    doc.add_thread_entry("Q1 Goals & Projects", d("2026-01-12"), "Churn to 5%", &[])
        .unwrap();
    assert_eq!(
        doc.as_str(),
        "---\nperson: Ana Diaz\n---\n\n## Ongoing Threads\n\n### Team & Process\n- 2026-01-12: Hiring plan approved\n\n### Q1 Goals & Projects\n- 2026-01-12: Churn to 5%\n\n## Action Items\n\n### My Actions\n\n### Ana's Actions\n"
    );
}

fn thread(name: &str) -> BlockPlace {
    BlockPlace::Thread(name.to_owned())
}

/// `src` with each block inserted at its place, in turn.
fn with_blocks(src: &str, blocks: &[(BlockPlace, &str)]) -> Document {
    let mut doc = Document::parse(src).unwrap();
    for (place, block) in blocks {
        doc.insert_block(place, block)
            .unwrap_or_else(|e| panic!("{block:?} at {place:?}: {e}"));
    }
    doc
}

#[test]
fn blocks_land_in_date_order_in_the_documents_style() {
    let cases = [
        (
            "newest first whatever order blocks arrive in; a second one of a day goes after",
            "---\nperson: Ana\n---\n## Ongoing Threads\n### Career\n- 2025-12-01: middle\n",
            vec![
                (thread("career"), "- 2025-10-01: oldest\n"),
                (thread("Career"), "- 2025-12-20: newest\n  * why\n"),
                (thread("Career"), "- 2025-12-01: same day, added later\n"),
            ],
            "---\nperson: Ana\n---\n## Ongoing Threads\n### Career\n- 2025-12-20: newest\n  * why\n- 2025-12-01: middle\n- 2025-12-01: same day, added later\n- 2025-10-01: oldest\n",
        ),
        (
            "CRLF and star bullets of the document",
            "## Ongoing Threads\r\n### Hiring\r\n* 2025-12-01: x\r\n  * detail\r\n",
            vec![(thread("Hiring"), "- 2025-12-10: loop\n  - panel set\n")],
            "## Ongoing Threads\r\n### Hiring\r\n* 2025-12-10: loop\r\n  * panel set\r\n* 2025-12-01: x\r\n  * detail\r\n",
        ),
        (
            "two-space nesting joining a list nested by four; deeper levels move with their parent",
            "## Ongoing Threads\n### T\n- 2025-12-01: x\n    - d\n",
            vec![(thread("T"), "- 2025-12-10: y\n  * a\n    * deeper\n")],
            "## Ongoing Threads\n### T\n- 2025-12-10: y\n    - a\n      * deeper\n- 2025-12-01: x\n    - d\n",
        ),
        (
            "four-space nesting joining a list nested by two",
            "## Ongoing Threads\n### T\n- 2025-12-01: x\n  - d\n",
            vec![(thread("T"), "- 2025-12-10: y\n    - a\n")],
            "## Ongoing Threads\n### T\n- 2025-12-10: y\n  - a\n- 2025-12-01: x\n  - d\n",
        ),
        (
            "no nested style to copy: nested lines move by the change in bullet width",
            "## Ongoing Threads\n### T\n- 2025-12-01: x\n",
            vec![(thread("T"), "*   2025-12-10: y\n    text under it\n")],
            "## Ongoing Threads\n### T\n- 2025-12-10: y\n  text under it\n- 2025-12-01: x\n",
        ),
        (
            "a completed item goes after the last item of its list",
            "## Action Items\n### My Actions\n- [ ] open\n- [x] done (completed 2025-12-01)\n### Bo's Actions\n- [ ] theirs\n",
            vec![(
                BlockPlace::Actions("my actions".to_owned()),
                "- [x] moved (completed 2025-11-01)\n",
            )],
            "## Action Items\n### My Actions\n- [ ] open\n- [x] done (completed 2025-12-01)\n- [x] moved (completed 2025-11-01)\n### Bo's Actions\n- [ ] theirs\n",
        ),
    ];
    for (case, src, blocks, want) in cases {
        let doc = with_blocks(src, &blocks);
        assert_eq!(doc.as_str(), want, "{case}");
        assert_reparses(&doc);
    }
}

#[test]
fn block_goes_above_the_first_older_entry_of_a_list_out_of_order() {
    let src = "## Meeting History\n- 2025-11-01: b\n- 2025-12-01: a\n- 2025-10-01: c\n";
    let mut doc = Document::parse(src).unwrap();
    let out = doc
        .insert_block(&BlockPlace::Meetings, "- 2025-11-15: new\n")
        .unwrap();
    assert_eq!((out.line, out.inserted), (2, 1));
    assert_eq!(
        doc.as_str(),
        "## Meeting History\n- 2025-11-15: new\n- 2025-11-01: b\n- 2025-12-01: a\n- 2025-10-01: c\n"
    );
}

#[test]
fn block_nested_lines_read_back_as_details() {
    let two = "## Ongoing Threads\n### T\n- 2025-12-01: x\n  - d\n";
    let doc = with_blocks(two, &[(thread("T"), "- 2025-12-10: y\n    - a\n")]);
    assert_eq!(doc.threads()[0].entries[0].details, vec!["a"]);
}

#[test]
fn block_creates_a_missing_thread_and_section_where_the_tool_does() {
    let src = "---\nperson: Ana Diaz\n---\n## Ongoing Threads\n\n### Career\n* 2026-01-02: x\n\n## Meeting History\n* 2026-01-02: m\n";
    let doc = with_blocks(
        src,
        &[
            (thread("Hiring"), "- 2025-12-01: new thread\n"),
            (
                BlockPlace::Actions("Ana's Actions".to_owned()),
                "- [x] approve (completed 2025-12-02)\n",
            ),
        ],
    );
    assert_eq!(
        doc.as_str(),
        "---\nperson: Ana Diaz\n---\n## Ongoing Threads\n\n### Career\n* 2026-01-02: x\n\n### Hiring\n* 2025-12-01: new thread\n\n## Action Items\n### Ana's Actions\n* [x] approve (completed 2025-12-02)\n\n## Meeting History\n* 2026-01-02: m\n"
    );
    assert_eq!(doc.action_items().next().unwrap().owner, Owner::Them);
}

#[test]
fn block_already_in_its_list_is_not_added_twice() {
    let src = "## Ongoing Threads\n### T\n* 2025-12-01: x\n    * d\n";
    let mut doc = Document::parse(src).unwrap();
    let out = doc
        .insert_block(&thread("T"), "- 2025-12-01: x\r\n  - d\r\n")
        .unwrap();
    assert_eq!((out.line, out.inserted), (3, 0));
    assert_eq!(doc.as_str(), src);
    // The same lines in another thread are another entry.
    let out = doc
        .insert_block(&thread("U"), "- 2025-12-01: x\n  - d\n")
        .unwrap();
    assert_eq!(out.inserted, 3);
}

#[test]
fn block_that_is_not_one_item_is_refused() {
    let src = "## Meeting History\n- 2026-01-02: m\n";
    let mut doc = Document::parse(src).unwrap();
    for bad in [
        "",
        "plain text\n",
        "- 2025-12-01: a\n- 2025-11-01: b\n",
        "- ---\n",
        "- 2025-12-01: a\rb\n",
    ] {
        let err = doc.insert_block(&BlockPlace::Meetings, bad).unwrap_err();
        assert!(
            matches!(err, EditError::InvalidText { .. }),
            "{bad:?}: {err}"
        );
    }
    assert!(matches!(
        doc.insert_block(&BlockPlace::Meetings, "- no date\n"),
        Err(EditError::InvalidText { .. })
    ));
    assert!(matches!(
        doc.insert_block(&thread(" "), "- 2025-12-01: a\n"),
        Err(EditError::InvalidText { .. })
    ));
    assert_eq!(doc.as_str(), src);
}

#[test]
fn block_swallowed_by_an_open_fence_is_refused() {
    // A new thread goes at the end of the section, inside the fence left open there.
    let src = "## Ongoing Threads\n### T\n- 2026-01-02: m\n\n~~~\ncode\n";
    let mut doc = Document::parse(src).unwrap();
    let err = doc
        .insert_block(&thread("U"), "- 2025-12-01: x\n")
        .unwrap_err();
    assert!(matches!(err, EditError::Unreadable { .. }), "{err}");
    assert_eq!(doc.as_str(), src);
}

#[test]
fn replace_line_keeps_its_ending_and_refuses_to_touch_items() {
    let src = "# Title\r\nSummary: 1\r\n\r\n## Meeting History\r\n- 2026-01-02: m\r\n";
    let mut doc = Document::parse(src).unwrap();
    doc.replace_line(2, "Summary: 2").unwrap();
    assert_eq!(
        doc.as_str(),
        "# Title\r\nSummary: 2\r\n\r\n## Meeting History\r\n- 2026-01-02: m\r\n"
    );
    let before = doc.as_str().to_owned();
    assert!(doc.replace_line(5, "gone").is_err());
    assert!(doc.replace_line(9, "past the end").is_err());
    assert_eq!(doc.as_str(), before);
}
