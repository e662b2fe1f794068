//! The done matcher, meeting topics and BACKLOG.md ticks of SPEC section 4, planned and
//! applied against a report's document with open items on both sides.

use chrono::NaiveDate;
use oneonone_core::process::{
    Applied, ChangeKind, Plan, ProcessContext, Target, plan, tick_backlog,
};
use oneonone_core::{Document, Settings};
#[path = "support/reference.rs"]
mod reference;
use reference::process_notes;

const DOC: &str = "---
person: Dana Lee
role: Senior Engineer
relationship: report
---

# 1:1 with Dana Lee

## Ongoing Threads

### Team & Process
- 2026-01-08: On-call load is uneven

## Action Items

### My Actions
- [ ] Write the migration guide
- [ ] Send the offsite agenda
- [ ] Book the venue for the offsite
- [ ] Review Dana's promotion packet
- [ ] Send the Q1 deck to finance
- [ ] Send the Q1 deck to sales

### Dana's Actions
- [ ] Fix the flaky login test
- [ ] Update the runbook for the billing service

## Recent Accomplishments Shared
- 2026-01-08: Shipped the search rewrite

## Meeting History
- 2026-01-08: Career ladder, on-call
";

fn date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 15).unwrap()
}

/// The document and what was done after processing `notes` into `src` with `ctx`.
fn run_with(src: &str, notes: &str, ctx: &ProcessContext<'_>) -> (String, Applied) {
    let (doc, applied) = process_notes(src, notes, date(), ctx);
    (doc.to_string(), applied)
}

/// [`run_with`] without BACKLOG.md, archives or topics.
fn run_on(src: &str, notes: &str) -> (String, Applied) {
    run_with(src, notes, &ProcessContext::default())
}

/// The plan for `notes` in the processed document `after`, with `backlog` as BACKLOG.md.
fn plan_again(after: &str, notes: &str, backlog: &str) -> Plan {
    let ctx = ProcessContext {
        backlog: Some(backlog),
        ..ProcessContext::default()
    };
    let doc = Document::parse(after).unwrap();
    plan(&doc, notes, date(), &Settings::default(), &ctx).unwrap()
}

/// The document with more open items of mine, after "Review Dana's promotion packet".
fn with_open_items(items: &[&str]) -> String {
    let anchor = "- [ ] Review Dana's promotion packet\n";
    let added: String = items.iter().map(|i| format!("- [ ] {i}\n")).collect();
    DOC.replace(anchor, &format!("{anchor}{added}"))
}

fn run(notes: &str) -> (String, Applied) {
    run_on(DOC, notes)
}

fn ticked(applied: &Applied) -> Vec<&str> {
    applied
        .plan
        .changes
        .iter()
        .filter(|c| c.kind == ChangeKind::Completion && c.skip.is_none())
        .map(|c| c.text.as_str())
        .collect()
}

#[test]
fn past_form_of_the_items_verb_ticks_it_with_commentary_kept() {
    let (after, applied) = run("- wrote the migration guide, took two evenings\n");
    assert_eq!(ticked(&applied), ["Write the migration guide"]);
    assert!(after.contains("- [x] Write the migration guide (completed 2026-01-15)"));
    // Two words of its own: kept as a thread entry, so nothing said is lost.
    assert!(
        after.contains("- 2026-01-15: Wrote the migration guide, took two evenings"),
        "{after}"
    );
}

#[test]
fn completion_word_after_the_object_ticks_without_an_entry() {
    let (after, applied) = run("- Offsite agenda sent\n");
    assert_eq!(ticked(&applied), ["Send the offsite agenda"]);
    assert!(
        !after.contains("2026-01-15: Offsite agenda sent"),
        "{after}"
    );
}

/// Done notes and the items they tick (none: the note ticks nothing), each against the
/// document with some more open items of mine.
#[test]
fn done_notes_tick_the_one_item_they_name() {
    let cases: [(&str, &[&str], &str, &[&str]); 14] = [
        (
            "a completion phrase of several words",
            &[],
            "- offsite agenda went out yesterday\n",
            &["Send the offsite agenda"],
        ),
        (
            "a completion phrase of several words",
            &[],
            "- billing service runbook taken care of\n",
            &["Update the runbook for the billing service"],
        ),
        (
            "one clearly better item over a weaker one",
            &[],
            "- Q1 deck sent to finance\n",
            &["Send the Q1 deck to finance"],
        ),
        (
            "the item whose own verb the note says, ahead of one that only shares words",
            &[
                "Review the migration guide draft",
                "Draft the migration guide",
            ],
            "- dana drafted the migration guide\n",
            &["Draft the migration guide"],
        ),
        (
            "the item whose own verb the note says, ahead of one that only shares words",
            &[
                "Review the migration guide draft",
                "Draft the migration guide",
            ],
            "- reviewed the migration guide draft\n",
            &["Review the migration guide draft"],
        ),
        (
            "a verb whose past is its base, after `is`",
            &["Set up the weekly sync with design"],
            "- weekly design sync is set up\n",
            &["Set up the weekly sync with design"],
        ),
        (
            "a verb whose past is its base, in talk of doing it",
            &["Set up the weekly sync with design"],
            "- talked about how to set up the weekly sync\n",
            &[],
        ),
        (
            "an abbreviation in the note for the item's long form",
            &[
                "Update the product requirements doc for search",
                "Fix the CI",
            ],
            "- updated the PRD for search\n",
            &["Update the product requirements doc for search"],
        ),
        (
            "the long form in the note for the item's abbreviation",
            &[
                "Update the product requirements doc for search",
                "Fix the CI",
            ],
            "- continuous integration fixed\n",
            &["Fix the CI"],
        ),
        (
            "no completion signal",
            &[],
            "- migration guide is half written\n",
            &[],
        ),
        (
            "no completion signal",
            &[],
            "- migration guide not written yet\n",
            &[],
        ),
        (
            "no completion signal",
            &[],
            "- still writing the migration guide\n",
            &[],
        ),
        (
            "no completion signal",
            &[],
            "- offsite agenda almost sent\n",
            &[],
        ),
        (
            "no completion signal",
            &[],
            "- talked about the migration guide\n",
            &[],
        ),
    ];
    for (case, more_items, note, want) in cases {
        let (_, applied) = run_on(&with_open_items(more_items), note);
        assert_eq!(ticked(&applied), want, "{case}: {note:?}");
    }
}

#[test]
fn order_said_done_ticks_its_item_and_is_no_new_action() {
    let (after, applied) = run("- booked the venue - done\n");
    assert_eq!(ticked(&applied), ["Book the venue for the offsite"]);
    assert!(!after.contains("- [ ] Booked"), "{after}");
    assert!(applied.backlog_lines.is_empty());
}

#[test]
fn order_said_done_matching_nothing_is_a_thread_entry_and_reported() {
    let (after, applied) = run("- book the caterer - done\n");
    assert!(ticked(&applied).is_empty());
    assert!(applied.backlog_lines.is_empty(), "{applied:?}");
    assert!(!after.contains("- [ ] Book the caterer"), "{after}");
    assert!(
        after.contains("- 2026-01-15: Book the caterer - done"),
        "{after}"
    );
    let summary = applied.summary("dana-lee.md").to_string();
    assert!(summary.contains("No open item matched"), "{summary}");
}

#[test]
fn two_items_about_as_close_tick_nothing_and_the_summary_names_both() {
    let (after, applied) = run("- Q1 deck sent\n");
    assert!(ticked(&applied).is_empty(), "{applied:?}");
    assert!(after.contains("- [ ] Send the Q1 deck to finance"));
    assert!(after.contains("- [ ] Send the Q1 deck to sales"));
    let summary = applied.summary("dana-lee.md").to_string();
    assert!(
        summary.contains("\"Send the Q1 deck to finance\" or \"Send the Q1 deck to sales\""),
        "{summary}"
    );
}

#[test]
fn a_word_taking_back_completion_in_the_commentary_does_not_stop_the_tick() {
    let (after, applied) = run("- wrote the migration guide, the FAQ part still thin\n");
    assert_eq!(ticked(&applied), ["Write the migration guide"]);
    assert!(after.contains("the FAQ part still thin"), "{after}");
    let (_, applied) = run("- migration guide still not written, the FAQ is done\n");
    assert!(ticked(&applied).is_empty(), "{applied:?}");
}

#[test]
fn partial_name_under_sixty_percent_ticks_nothing() {
    // "runbook" and "updated" are two of the item's four significant words.
    let (after, applied) = run("- runbook updated\n");
    assert!(ticked(&applied).is_empty());
    assert!(after.contains("- [ ] Update the runbook for the billing service"));
    let (_, applied) = run("- billing runbook updated\n");
    assert_eq!(
        ticked(&applied),
        ["Update the runbook for the billing service"]
    );
}

#[test]
fn the_other_sides_items_are_ticked_too() {
    let (after, applied) = run("- flaky login test fixed\n");
    assert_eq!(ticked(&applied), ["Fix the flaky login test"]);
    assert!(after.contains("- [x] Fix the flaky login test (completed 2026-01-15)"));
}

#[test]
fn a_reports_third_person_win_is_an_accomplishment() {
    let (after, _) = run("- he presented the outage review to the whole org\n");
    assert!(
        after.contains("## Recent Accomplishments Shared\n- 2026-01-15: He presented the outage review to the whole org"),
        "{after}"
    );
    let manager = DOC.replace("relationship: report", "relationship: manager");
    let (after, _) = run_on(
        &manager,
        "- he presented the outage review to the whole org\n",
    );
    assert!(
        !after.contains(
            "- 2026-01-15: He presented the outage review to the whole org\n- 2026-01-08: Shipped"
        ),
        "{after}"
    );
}

#[test]
fn a_reports_past_deed_is_an_accomplishment_and_a_remark_is_not() {
    let (after, _) = run("- she fixed the paging rules for the billing alerts\n");
    assert!(
        after
            .contains("## Recent Accomplishments Shared\n- 2026-01-15: She fixed the paging rules"),
        "{after}"
    );
    let (after, _) = run("- she seemed tired after the release\n");
    assert!(
        !after.contains("Shared\n- 2026-01-15: She seemed"),
        "{after}"
    );
}

#[test]
fn nested_bullets_go_with_their_note() {
    let (after, _) = run("- on-call load discussion\n  - two pages a night\n  - rotate weekly\n");
    assert!(
        after.contains(
            "- 2026-01-15: On-call load discussion\n  - two pages a night\n  - rotate weekly\n"
        ),
        "{after}"
    );
}

#[test]
fn meeting_topics_name_threads_and_heads_never_sections() {
    let (after, _) = run(
        "- hiring process feels slow\n- I'll send the offsite agenda draft\n- WIN: cut p95 latency by 30%\n- flaky login test fixed\n",
    );
    let history = after.split("## Meeting History").nth(1).unwrap();
    // The thread that received an entry, then the first words of the win.
    assert!(
        history.starts_with("\n- 2026-01-15: Team & Process, Cut p95 latency\n"),
        "{history}"
    );
    for kind in [
        "action items",
        "accomplishments shared",
        "completed items",
        "General",
    ] {
        assert!(
            !history.to_lowercase().contains(&kind.to_lowercase()),
            "{history}"
        );
    }
}

#[test]
fn a_topics_line_or_the_flag_gives_the_meeting_line() {
    let (after, applied) =
        run("- Topics: career ladder, on-call rotation\n- hiring process feels slow\n");
    assert!(
        after.contains("- 2026-01-15: Career ladder, on-call rotation\n"),
        "{after}"
    );
    // The topics line is no note of its own.
    assert_eq!(
        applied
            .plan
            .changes
            .iter()
            .filter(|c| c.kind == ChangeKind::ThreadEntry)
            .count(),
        1
    );
    let ctx = ProcessContext {
        topics: Some("Promotion case"),
        ..ProcessContext::default()
    };
    let (after, _) = run_with(
        DOC,
        "- Topics: ignored\n- hiring process feels slow\n",
        &ctx,
    );
    assert!(after.contains("- 2026-01-15: Promotion case\n"), "{after}");
}

#[test]
fn a_second_notes_file_for_the_same_date_adds_items_and_extends_nothing_else() {
    let (once, _) = run("- hiring process feels slow\n");
    let (twice, applied) = run_on(&once, "- I'll draft the hiring rubric\n");
    assert!(twice.contains("- [ ] Draft the hiring rubric"), "{twice}");
    let meeting_lines = twice
        .lines()
        .filter(|l| l.starts_with("- 2026-01-15: Team & Process"))
        .count();
    assert_eq!(meeting_lines, 1, "{twice}");
    assert!(
        applied
            .plan
            .changes
            .iter()
            .any(|c| c.target == Target::MeetingHistory && c.skip.is_some())
    );
}

#[test]
fn ticking_my_item_ticks_its_backlog_task() {
    let backlog = "# Backlog\n\n- [ ] [P2] Send the offsite agenda (1:1 Dana Lee, 2026-01-08)\n- [ ] [P2] Send the offsite agenda (1:1 Sam Roe, 2026-01-08)\n";
    let ctx = ProcessContext {
        backlog: Some(backlog),
        ..ProcessContext::default()
    };
    let (after, applied) = run_with(DOC, "- offsite agenda sent\n", &ctx);
    assert!(after.contains("- [x] Send the offsite agenda (completed 2026-01-15)"));
    assert_eq!(applied.plan.backlog_ticks, [3]);
    assert_eq!(
        tick_backlog(backlog, &applied.plan.backlog_ticks, date()),
        "# Backlog\n\n- [x] [P2] Send the offsite agenda (1:1 Dana Lee, 2026-01-08) (completed 2026-01-15)\n- [ ] [P2] Send the offsite agenda (1:1 Sam Roe, 2026-01-08)\n"
    );
    // Run again on the result: nothing left to do, BACKLOG.md included.
    let ticked_backlog = tick_backlog(backlog, &applied.plan.backlog_ticks, date());
    let again = plan_again(&after, "- offsite agenda sent\n", &ticked_backlog);
    assert!(again.is_noop(), "{again:?}");
}

#[test]
fn a_backlog_task_left_open_by_an_interrupted_run_is_ticked_on_the_next() {
    let (after, _) = run("- offsite agenda sent\n");
    let backlog = "- [ ] [P2] Send the offsite agenda (1:1 Dana Lee, 2026-01-08)\n";
    let again = plan_again(&after, "- offsite agenda sent\n", backlog);
    assert_eq!(again.backlog_ticks, [1]);
}

#[test]
fn an_open_item_said_again_in_other_words_is_not_added_twice() {
    let (after, applied) = run("- write migration guide\n- send the q1 deck to finance asap\n");
    let actions = after.split("## Action Items").nth(1).unwrap();
    let actions = actions.split("## Recent").next().unwrap();
    assert_eq!(actions.matches("igration guide").count(), 1, "{after}");
    assert_eq!(actions.matches("Q1 deck to finance").count(), 1, "{after}");
    assert!(applied.backlog_lines.is_empty(), "{applied:?}");
}

#[test]
fn a_verb_whose_past_is_its_base_form_ticks_when_undated() {
    let src = DOC.replace(
        "- [ ] Write the migration guide\n",
        "- [ ] Write the migration guide\n- [ ] Read the SRE book ch. 3\n",
    );
    let (after, applied) = run_on(&src, "- read ch 3 of the SRE book, great chapter on toil\n");
    assert_eq!(ticked(&applied), ["Read the SRE book ch. 3"], "{after}");
    // With a date it is a plan, not a report.
    let (after, applied) = run_on(&src, "- read the SRE book ch. 4 by Friday\n");
    assert!(ticked(&applied).is_empty());
    assert!(
        after.contains("- [ ] [P1] Read the SRE book ch. 4 (by 2026-01-16)"),
        "{after}"
    );
}

#[test]
fn approval_with_a_follow_up_ticks_the_approval_and_adds_no_duplicate() {
    let src = "---\nperson: Sarah Chen\n---\n\n## Action Items\n\n### My Actions\n- [ ] Find 3 courses for training budget\n\n### Sarah's Actions\n- [ ] Approve training budget\n";
    let (after, applied) = run_on(
        src,
        "- Training budget approved – find courses by next week\n",
    );
    assert_eq!(ticked(&applied), ["Approve training budget"], "{after}");
    assert!(
        after.contains("- [ ] Find 3 courses for training budget\n"),
        "{after}"
    );
    assert!(!after.contains("] Find courses"), "{after}");
}
