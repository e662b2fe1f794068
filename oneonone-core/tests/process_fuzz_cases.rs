//! Inputs the `process` fuzz target failed on (fuzz/seeds/process/), replayed without the
//! fuzzer: plan and apply only insert lines or tick boxes, and processing the same notes
//! again, with the BACKLOG.md lines the first run appended, changes nothing.

use chrono::NaiveDate;
use oneonone_core::process::{ChangeKind, ProcessContext, apply, plan};
use oneonone_core::{Document, Settings};

const REFERENCE: &str = include_str!("fixtures/sarah-chen-before-2026-01-15.md");

/// The lines of `old` are in `new`, in order, each unchanged or ticked (`[ ]` to `[x]`
/// with a completion date appended); returns how many were ticked.
fn assert_only_insertions_and_ticks(old: &str, new: &str) -> usize {
    let new_lines: Vec<&str> = new.lines().collect();
    let mut k = 0;
    let mut ticks = 0;
    for line in old.lines() {
        let ticked = line.replacen("[ ]", "[x]", 1);
        let found = new_lines[k..].iter().position(|n| {
            *n == line || (line.contains("[ ]") && n.starts_with(&ticked) && n.len() > line.len())
        });
        let Some(pos) = found else {
            panic!("original line {line:?} is gone\n--- old\n{old:?}\n--- new\n{new:?}");
        };
        if new_lines[k + pos] != line {
            ticks += 1;
        }
        k += pos + 1;
    }
    ticks
}

/// Processes `notes` into `doc_src` on `date` twice, as the `process` fuzz target does.
fn process_twice(doc_src: &str, notes: &str, date: NaiveDate) {
    let doc = Document::parse(doc_src).unwrap();
    let settings = Settings::default();
    let ctx = ProcessContext {
        archives: Vec::new(),
        backlog: Some(""),
        topics: None,
    };
    let first = plan(&doc, notes, date, &settings, &ctx).unwrap();
    let mut once = doc.clone();
    let applied = apply(&mut once, &first).unwrap();
    let once_text = once.to_string();
    let completions = first
        .effective()
        .filter(|c| c.kind == ChangeKind::Completion)
        .count();
    assert!(assert_only_insertions_and_ticks(doc_src, &once_text) <= completions);
    let reparsed = Document::parse(&once_text).unwrap();
    assert_eq!(reparsed.to_string(), once_text);
    assert_eq!(
        format!("{:?}", reparsed.action_lists()),
        format!("{:?}", once.action_lists())
    );

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
    let second = plan(&once, notes, date, &settings, &ctx2).unwrap();
    assert!(
        second.is_noop(),
        "second run: {:#?}\n--- once\n{once_text}",
        second.effective().collect::<Vec<_>>()
    );
    let mut twice = once.clone();
    let applied2 = apply(&mut twice, &second).unwrap();
    assert_eq!(twice.to_string(), once_text);
    assert!(
        applied2.backlog_lines.is_empty(),
        "{:?}",
        applied2.backlog_lines
    );
}

/// The fuzz target's date: 2026-01-15 plus `mode / 2 % 8` days.
fn date(mode: u8) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 15).unwrap() + chrono::Days::new(u64::from(mode / 2 % 8))
}

/// fuzz/seeds/process/crash-28d243d132f2e9bf7e3b1596c39f7a414e49db62: an unclosed `(by …` before the tick's `(completed …)`, and mixed line endings.
#[test]
fn processing_twice_is_idempotent_with_unclosed_due_paren_and_mixed_line_endings() {
    let doc = "---\nperson: Dee O'Hara\nstarted: 2024-06-01 Ana Diaz\r\nrole: Mentor\r\n---\r\n\r\n## Ongoing$Threads\r\n### Career\r\n tne xweek\n- Talked about promo1ion criteria\nrah love hd eetrnewal story\n- t week\n- Talked about promotionce  sone (completed;2026-01-02)\n\n## Rected;2026-01-02)\n\n## Recustomeromplishmeby 10%\n- She wants me#nOgoingT edrhas\r\n### Career\r\n- 1013-01-15: Talk,d\r\n  * detail\r\n\r\n## Action Items\r\n### My Actions\n\n- [ ] Write plan (by 202 to leaote one\n  - with ndsped\nplain note\n";
    let notes =
        "- Done: write plan\n- IX] Upper done (comp# Actien Items\r\n### My Actions\r\n- [ ] ";
    process_twice(doc, notes, date(3));
}

/// fuzz/seeds/process/crash-4bc4a974d3ca4af5ff87b70dfd1aa05a13fae393: `- [ ] [P2]]  …`: the document reads `[P2]` inside the text as a priority marker.
#[test]
fn processing_twice_is_idempotent_with_action_with_a_priority_marker_inside_its_text() {
    let doc = REFERENCE;
    let notes = "- Sarah loveawe NRR by 10%\n- She wan-0bme to lead customer advisorre26-01-05 ✅ 2026-04-#\n10## Team Actions\n- [ ] [P2]]  Spnewal story-0bQ1 goal: increawe NRR by 22%\n- She wants me to lead customer advisory board\n- Trainingdgbu gt approved - find courses by next week\n- Talked about pro1motion criteria\n";
    process_twice(doc, notes, date(0));
}

/// fuzz/seeds/process/crash-afe90d7731f8d96c7a4daf190dee1dbc8694b5e4: a lone `\r` inside a line and a second front-matter-like block.
#[test]
fn processing_twice_is_idempotent_with_lone_carriage_returns_and_a_second_front_matter() {
    let doc = "---\nperson: Dee O'Harc\nstarted: 2024-06-01\n---\n\ne# Ongoing Thweek\n- T\x03---\nperson: Dee O'Hara\nstarted: 2024-06-01\n---\n\n## Ongoalked about promoti---\rd: 2024-06-01\n---\n\n## Ongoalked about promoti---\r\npeetail\r\n\r\n#7-01-22)\r\n";
    let notes = "- S.iusro";
    process_twice(doc, notes, date(3));
}

/// fuzz/seeds/process/crash-a483584b7bc5cd74a97aa0b7b54995f1953d8f76: the only bullet to
/// copy is an empty item `  *`, whose prefix has no space after the marker.
#[test]
fn processing_twice_is_idempotent_when_the_only_bullet_is_an_empty_item() {
    let doc = "---\nperson: Dee O'Hara\nstarted: 2024-06-01 Ana Diaz\r\nrole: Mentor\r\n---\r\n\r\n## Ongoing$\nrah love hd eetrnewal s 101 to leaote one\n rite pl-15: Talk,d\r\n  *";
    let notes = "detail\r\n\r\n## Action Items\r\n### My Actions\n\n- [ ] Write plan (by 202 to leaote# Actien Items\r\n### My Actions\r\n- [ ] ";
    process_twice(doc, notes, date(3));
}

/// fuzz/seeds/process/crash-b4440139a386a64d9594a43833948f369dbd52a0: `📅 DATE` in a note
/// left the emoji behind when its date was taken as the due date.
#[test]
fn processing_twice_is_idempotent_with_obsidian_due_markers_in_notes() {
    let input =
        include_bytes!("../../fuzz/seeds/process/crash-b4440139a386a64d9594a43833948f369dbd52a0");
    let (mode, notes) = input.split_first().unwrap();
    assert_eq!(mode % 2, 0, "notes for the reference document");
    process_twice(REFERENCE, std::str::from_utf8(notes).unwrap(), date(*mode));
}

/// fuzz/seeds/process/crash-29a01e9a5c1f756143b5c9efeaf28c507c10a32c: the document ends
/// inside an unclosed `~~~` fence, so a section appended at its end would be code, not a
/// section, and every run would append it again. The edit is refused instead.
#[test]
fn appending_inside_an_unclosed_fence_is_refused_not_repeated() {
    let input =
        include_bytes!("../../fuzz/seeds/process/crash-29a01e9a5c1f756143b5c9efeaf28c507c10a32c");
    let (mode, rest) = input.split_first().unwrap();
    assert_eq!(mode % 2, 1, "a document and notes");
    let split = rest.iter().position(|&b| b == 0).unwrap();
    let doc_src = std::str::from_utf8(&rest[..split]).unwrap();
    let notes = std::str::from_utf8(&rest[split + 1..]).unwrap();
    let doc = Document::parse(doc_src).unwrap();
    let ctx = ProcessContext::default();
    let planned = plan(&doc, notes, date(*mode), &Settings::default(), &ctx).unwrap();
    let mut edited = doc.clone();
    let err = apply(&mut edited, &planned).unwrap_err();
    assert!(
        matches!(err, oneonone_core::EditError::Unreadable { .. }),
        "{err:?}"
    );
}

#[test]
fn meeting_line_after_an_unclosed_fence_is_refused_and_the_document_kept() {
    let src = "---\nperson: A B\n---\n\n## Action Items\n### My Actions\n- [ ] x\n\n~~~\ncode\n";
    let mut doc = Document::parse(src).unwrap();
    let day = NaiveDate::from_ymd_opt(2026, 1, 15).unwrap();
    let err = doc.add_meeting(day, "General").unwrap_err();
    assert!(
        matches!(err, oneonone_core::EditError::Unreadable { .. }),
        "{err:?}"
    );
    assert_eq!(doc.to_string(), src);
}

/// fuzz/seeds/process/crash-8cd27992452494fb8bd176cceacff8213ee54f41: `✅ DATE` in a note
/// left the emoji behind, as `📅` did.
#[test]
fn processing_twice_is_idempotent_with_obsidian_done_markers_in_notes() {
    let input =
        include_bytes!("../../fuzz/seeds/process/crash-8cd27992452494fb8bd176cceacff8213ee54f41");
    let (mode, notes) = input.split_first().unwrap();
    assert_eq!(mode % 2, 0, "notes for the reference document");
    process_twice(REFERENCE, std::str::from_utf8(notes).unwrap(), date(*mode));
}

/// fuzz/seeds/process/crash-b97bc51be81d775bf8fbe3110847fb40c9a3ca5d: `[p2]] s` repeats
/// `[P2]] s` after normalising case, but the document reads only the second one's `[P2]`
/// as a priority, so the second run did not find the first's item.
#[test]
fn processing_twice_is_idempotent_with_priority_markers_differing_in_case() {
    let input =
        include_bytes!("../../fuzz/seeds/process/crash-b97bc51be81d775bf8fbe3110847fb40c9a3ca5d");
    let (mode, notes) = input.split_first().unwrap();
    assert_eq!(mode % 2, 0, "notes for the reference document");
    process_twice(REFERENCE, std::str::from_utf8(notes).unwrap(), date(*mode));
}
