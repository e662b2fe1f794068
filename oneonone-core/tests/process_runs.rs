//! Processing as the user runs it: twice, with a second notes file, from the Inbox, with
//! BACKLOG.md and archives, and with bad notes.

use oneonone_core::notes::NotesError;
use oneonone_core::process::{
    Applied, ChangeKind, Plan, ProcessContext, Skip, apply, plan, plan_inbox,
};
use oneonone_core::{Document, Owner, Settings};
#[path = "support/fixtures.rs"]
mod fixtures;
use fixtures::d;
#[path = "support/invariants.rs"]
mod invariants;
use invariants::{assert_only_insertions_and_ticks, backlog_with};
#[path = "support/reference.rs"]
mod reference;
use reference::{BEFORE, NOTES, meeting_day, process_notes};

/// The plan for `notes` in `doc` on the meeting day, default settings.
fn plan_on_meeting_day(
    doc: &Document,
    notes: &str,
    ctx: &ProcessContext<'_>,
) -> Result<Plan, NotesError> {
    plan(doc, notes, meeting_day(), &Settings::default(), ctx)
}

/// The plan for the Inbox of `doc` on the meeting day, default settings.
fn plan_inbox_on_meeting_day(doc: &Document) -> Result<Plan, NotesError> {
    plan_inbox(
        doc,
        meeting_day(),
        &Settings::default(),
        &ProcessContext::default(),
    )
}

/// The text and what was done after processing `notes` into `src` on `on`.
fn run(src: &str, notes: &str, on: &str, ctx: &ProcessContext<'_>) -> (String, Applied) {
    let (doc, applied) = process_notes(src, notes, d(on), ctx);
    (doc.to_string(), applied)
}

/// Checks that `after` is `before` with lines added and open boxes ticked, nothing else,
/// each tick dated the reference document's way, `(completed DATE)`.
fn assert_only_added_or_ticked(before: &str, after: &str) {
    for ticked in assert_only_insertions_and_ticks(before, after, usize::MAX) {
        assert!(
            ticked.ends_with(')') && ticked.contains("(completed "),
            "ticked line {ticked:?}"
        );
    }
}

#[test]
fn processing_twice_changes_nothing_the_second_time() {
    let ctx = ProcessContext::default();
    let (once, first) = run(BEFORE, NOTES, "2026-01-15", &ctx);
    assert!(first.changed());
    let doc = Document::parse(&once).unwrap();
    let p = plan_on_meeting_day(&doc, NOTES, &ctx).unwrap();
    assert!(p.is_noop(), "{:#?}", p.effective().collect::<Vec<_>>());
    let (twice, second) = run(&once, NOTES, "2026-01-15", &ctx);
    assert_eq!(twice, once);
    assert!(!second.changed());
    assert!(second.backlog_lines.is_empty());
    assert!(second.counts().is_empty());
}

#[test]
fn processed_document_only_gains_lines_and_ticks() {
    let (after, _) = run(BEFORE, NOTES, "2026-01-15", &ProcessContext::default());
    assert_only_added_or_ticked(BEFORE, &after);
    assert!(after.lines().count() > BEFORE.lines().count());
}

#[test]
fn second_notes_file_same_date_adds_items_not_meeting_line() {
    let ctx = ProcessContext::default();
    let (once, _) = run(BEFORE, NOTES, "2026-01-15", &ctx);
    let more = "- Sarah will send the comp bands\n- Talked about the hiring plan\n";
    let (twice, applied) = run(&once, more, "2026-01-15", &ctx);
    assert_only_added_or_ticked(&once, &twice);
    let doc = Document::parse(&twice).unwrap();
    assert_eq!(
        doc.meetings()
            .iter()
            .filter(|m| m.date == d("2026-01-15"))
            .count(),
        1
    );
    let before_meeting = Document::parse(&once).unwrap().meetings()[0].text.clone();
    assert_eq!(doc.meetings()[0].text, before_meeting);
    assert!(
        doc.action_items()
            .any(|i| i.owner == Owner::Them && i.text == "Send the comp bands")
    );
    assert!(
        doc.thread("Team & Process")
            .unwrap()
            .entries
            .iter()
            .any(|e| e.text == "Talked about the hiring plan")
    );
    assert_eq!(applied.counts(), "1 action, 1 thread entry");
}

#[test]
fn inbox_lines_are_processed_and_removed() {
    let src = BEFORE.replace(
        "## Current Focus Areas\n",
        "## Inbox\n- Training budget approved - find courses by next week\n- Talked about promotion criteria\n  * advisory board counts\n\n## Current Focus Areas\n",
    );
    let mut doc = Document::parse(&src).unwrap();
    let p = plan_inbox_on_meeting_day(&doc).unwrap();
    let applied = apply(&mut doc, &p).unwrap();
    assert_eq!(applied.inbox_removed, 2);
    let doc = Document::parse(&doc.to_string()).unwrap();
    assert!(doc.inbox().is_empty(), "{doc}");
    let entry = doc.thread("Career Development").unwrap().entries[0].clone();
    assert_eq!(entry.text, "Talked about promotion criteria");
    assert_eq!(entry.details, vec!["advisory board counts"]);
    assert!(
        doc.action_items()
            .any(|i| i.text == "Find courses" && i.due == Some(d("2026-01-22")))
    );
    assert!(
        doc.action_items()
            .any(|i| i.text == "Approve training budget" && i.done)
    );
}

#[test]
fn empty_inbox_is_an_empty_notes_error() {
    let doc = Document::parse(BEFORE).unwrap();
    assert_eq!(
        plan_inbox_on_meeting_day(&doc).unwrap_err(),
        NotesError::Empty
    );
}

#[test]
fn backlog_tick_ticks_matching_item() {
    let ctx = ProcessContext::default();
    let (once, applied) = run(BEFORE, NOTES, "2026-01-15", &ctx);
    let mut backlog = String::from("# Backlog\n- [x] unrelated chore\n");
    for l in &applied.backlog_lines {
        backlog.push_str(&l.replacen("- [ ] ", "- [x] ", 1));
        backlog.push('\n');
    }
    // A task from another person's meetings with the same text ticks nothing here.
    backlog
        .push_str("- [x] [P2] Review promotion packet requirements (1:1 Dana Lee, 2026-01-10)\n");
    let ctx = ProcessContext {
        backlog: Some(&backlog),
        ..ProcessContext::default()
    };
    let (after, applied) = run(
        &once,
        "- Talked about the team offsite\n",
        "2026-01-22",
        &ctx,
    );
    let doc = Document::parse(&after).unwrap();
    for text in ["Find courses", "Lead customer advisory board"] {
        let item = doc.action_items().find(|i| i.text == text).unwrap();
        assert!(item.done, "{text}");
        assert_eq!(item.completed, Some(d("2026-01-22")));
    }
    assert!(
        !doc.action_items()
            .find(|i| i.text == "Review promotion packet requirements")
            .unwrap()
            .done
    );
    assert_eq!(
        applied
            .plan
            .changes
            .iter()
            .filter(|c| c.kind == ChangeKind::Completion && c.skip.is_none())
            .count(),
        2
    );
}

#[test]
fn backlog_and_archive_lines_are_not_added_again_and_a_backlog_task_still_gets_its_item() {
    let backlog = "- [ ] [P1] Find courses (due: 2026-01-22) (1:1 Sarah Chen, 2026-01-15)\n";
    let archive = "## Ongoing Threads\n### Career Development\n- 2026-01-15: Talked about promotion criteria\n";
    let ctx = ProcessContext {
        backlog: Some(backlog),
        archives: vec![archive],
        topics: None,
    };
    let doc = Document::parse(BEFORE).unwrap();
    let p = plan_on_meeting_day(&doc, NOTES, &ctx).unwrap();
    let change = |t: &str| p.changes.iter().find(|c| c.text == t).unwrap();
    let find = |t: &str| change(t).skip;
    // In BACKLOG.md but not in the document (a run interrupted between the two writes
    // would not leave this; a hand-made task would): the document still gets its item,
    // BACKLOG.md no second task.
    assert_eq!(find("Find courses"), None);
    assert_eq!(change("Find courses").backlog_skip, Some(Skip::InBacklog));
    assert!(!p.backlog_lines().iter().any(|l| l.contains("Find courses")));
    assert_eq!(
        find("Talked about promotion criteria"),
        Some(Skip::InArchive)
    );
    assert_eq!(p.backlog_lines().len(), 1);
}

/// A meeting already moved to an archive (any heading style the parser reads, front matter
/// or not) is not recorded again; a heading that only mentions it, or a fenced example,
/// is not that section.
#[test]
fn meeting_in_an_archive_is_not_recorded_again() {
    let meeting = |ctx: &ProcessContext<'_>| {
        let doc = Document::parse(BEFORE).unwrap();
        let p = plan_on_meeting_day(&doc, NOTES, ctx).unwrap();
        p.changes
            .iter()
            .find(|c| c.kind == ChangeKind::Meeting)
            .unwrap()
            .skip
    };
    for archive in [
        "## Meeting History\n- 2026-01-15: Q1 goals\n",
        "---\nperson: Sarah Chen\n---\n\nMeeting History\n---------------\n\n* 2026-01-15: Q1 goals\n",
        "# Retro\n\n## Meeting History ##\r\n- 2026-01-22: Later\r\n- 2026-01-15: Q1 goals\r\n",
    ] {
        let ctx = ProcessContext {
            archives: vec![archive],
            ..ProcessContext::default()
        };
        assert_eq!(meeting(&ctx), Some(Skip::InArchive), "{archive:?}");
    }
    for archive in [
        "## Notes on the meeting history\n- 2026-01-15: Q1 goals\n",
        "## Meeting History\n```\n- 2026-01-15: Q1 goals\n```\n",
    ] {
        let ctx = ProcessContext {
            archives: vec![archive],
            ..ProcessContext::default()
        };
        assert_eq!(meeting(&ctx), None, "{archive:?}");
    }
}

#[test]
fn unmatched_done_is_a_thread_entry_and_reported() {
    let (after, applied) = run(
        BEFORE,
        "- Done: migrated the CRM\n",
        "2026-01-15",
        &ProcessContext::default(),
    );
    assert_eq!(applied.plan.unmatched.len(), 1);
    assert!(after.contains("- 2026-01-15: Migrated the CRM"));
    let summary = applied.summary("sarah-chen.md").to_string();
    assert!(summary.contains("No open item matched"), "{summary}");
    assert!(summary.contains("line 1: Migrated the CRM"), "{summary}");
}

#[test]
fn ambiguous_done_ticks_nothing() {
    let src = BEFORE.replace(
        "- [ ] Approve training budget\n",
        "- [ ] Approve training budget\n- [ ] Approve training budget increase\n",
    );
    let (after, applied) = run(
        &src,
        "- training budget approved\n",
        "2026-01-15",
        &ProcessContext::default(),
    );
    assert!(!after.contains("[x] Approve training budget"));
    assert_eq!(applied.plan.unmatched[0].candidates, 2);
}

#[test]
fn summary_lists_created_tasks_and_updates() {
    let (_, applied) = run(BEFORE, NOTES, "2026-01-15", &ProcessContext::default());
    let s = applied.summary("Career/1-on-1s/sarah-chen.md").to_string();
    assert!(s.starts_with("Created tasks:\n- [P1] Lead customer advisory board\n- [P1] Find courses (due: 2026-01-22, from \"by next week\")\n"), "{s}");
    assert!(
        s.contains("Updated Career/1-on-1s/sarah-chen.md with:\n"),
        "{s}"
    );
    assert!(s.contains("- Completed: Approve training budget\n"), "{s}");
    assert_eq!(
        applied.counts(),
        "2 actions, 1 goal, 1 completed, 1 accomplishment, 1 thread entry"
    );
}

#[test]
fn bad_notes_name_the_line() {
    let doc = Document::parse(BEFORE).unwrap();
    let refusal =
        |notes: &str| plan_on_meeting_day(&doc, notes, &ProcessContext::default()).unwrap_err();
    assert_eq!(refusal(""), NotesError::Empty);
    assert_eq!(refusal("\n\n   \n"), NotesError::Empty);
    let err = refusal("- fine\n- bad\0byte\n");
    assert_eq!(err, NotesError::Nul { line: 2 });
    assert!(err.to_string().contains("line 2"));
    let err = refusal("ok\n\u{1b}[31mred\n");
    assert_eq!(err.line(), Some(2));
}

#[test]
fn document_without_person_is_refused() {
    let doc = Document::parse("# Notes\n").unwrap();
    let err = plan_on_meeting_day(&doc, "- hi\n", &ProcessContext::default());
    assert_eq!(err.unwrap_err(), NotesError::NoPerson);
}

#[test]
fn rerun_after_an_interrupted_backlog_write_adds_only_the_missing_tasks() {
    // The first run wrote the document, then stopped before BACKLOG.md.
    let empty = ProcessContext {
        backlog: Some(""),
        archives: Vec::new(),
        topics: None,
    };
    let (once, first) = run(BEFORE, NOTES, "2026-01-15", &empty);
    assert!(!first.backlog_lines.is_empty());
    let (twice, second) = run(&once, NOTES, "2026-01-15", &empty);
    assert_eq!(twice, once, "the document gains nothing on the re-run");
    assert_eq!(second.backlog_lines, first.backlog_lines);
    // Once BACKLOG.md holds them, a third run adds nothing anywhere.
    let backlog = backlog_with("", &first.backlog_lines);
    let full = ProcessContext {
        backlog: Some(&backlog),
        archives: Vec::new(),
        topics: None,
    };
    let doc = Document::parse(&twice).unwrap();
    let p = plan_on_meeting_day(&doc, NOTES, &full).unwrap();
    assert!(p.is_noop(), "{:#?}", p.effective().collect::<Vec<_>>());
    assert!(p.backlog_lines().is_empty());
}
