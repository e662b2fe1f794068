//! `oneonone prep` end to end: the real binary on the reference document after its
//! 2026-01-15 meeting was processed and committed, in a real git repository.

mod common;
use common::{SARAH, Sandbox, processed_reference, stderr, stdout};
use serde_json::Value;
use std::process::Output;

fn prep(sb: &Sandbox, args: &[&str]) -> Output {
    let out = sb.oneonone().arg("prep").args(args).output().unwrap();
    assert!(
        out.status.success(),
        "prep {args:?}: exit {:?}: {}",
        out.status.code(),
        stderr(&out)
    );
    out
}

fn prep_json(sb: &Sandbox, args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    serde_json::from_slice(&prep(sb, &all).stdout).expect("prep prints JSON")
}

/// The lines under a text heading such as `My open items:` up to the blank line.
fn block<'a>(text: &'a str, heading: &str) -> Vec<&'a str> {
    text.lines()
        .skip_while(|l| *l != heading)
        .skip(1)
        .take_while(|l| !l.is_empty())
        .collect()
}

fn texts(items: &Value) -> Vec<String> {
    items
        .as_array()
        .expect("an array")
        .iter()
        .map(|i| i["text"].as_str().unwrap_or_default().to_owned())
        .collect()
}

#[test]
fn prep_after_processing_lists_open_actions_topics_and_a_numbered_agenda() {
    let sb = processed_reference();
    let text = stdout(&prep(&sb, &["sarah", "--date", "2026-01-22"]));
    assert!(text.contains("Last meeting: 2026-01-15"), "{text}");

    let mine = block(&text, "My open items:");
    assert!(
        mine.contains(&"- [P1] Find courses (due 2026-01-22)"),
        "{text}"
    );
    assert!(
        mine.iter().any(|l| l.contains("customer advisory board")),
        "{text}"
    );
    // Due on the meeting day is not overdue yet.
    assert!(!text.contains("OVERDUE"), "{text}");

    let theirs = block(&text, "Sarah's open items:");
    assert_eq!(theirs, ["- Review promotion packet requirements"], "{text}");

    let topics = block(&text, "Topics from last time:");
    assert!(
        topics.contains(&"- Career Development: Talked about promotion criteria"),
        "{text}"
    );
    assert!(
        topics
            .iter()
            .any(|l| l.starts_with("- Q1 Goals & Projects: ") && l.to_lowercase().contains("nrr")),
        "{text}"
    );

    let agenda = block(&text, "Suggested agenda:");
    assert!(agenda.len() >= 3, "{text}");
    for (i, line) in agenda.iter().enumerate() {
        assert!(
            line.starts_with(&format!("{}. ", i + 1)),
            "agenda line {i} is not numbered: {line:?}"
        );
    }
    assert!(
        agenda.iter().any(|l| l.contains("Find courses")),
        "the training-budget follow-up is not on the agenda:\n{text}"
    );
    assert!(
        agenda
            .iter()
            .any(|l| l.contains("Review promotion packet requirements")),
        "{text}"
    );
}

#[test]
fn prep_counts_only_completions_after_the_last_meeting_as_wins() {
    let sb = processed_reference();
    // SPEC 5: wins are items completed since the last meeting-history date. The training
    // budget was approved at that meeting (2026-01-15), so it is no win now; its follow-up
    // is the open "Find courses" action.
    let p = prep_json(&sb, &["sarah", "--date", "2026-01-22"]);
    assert_eq!(p["wins"], Value::Array(vec![]), "{p:#}");
    assert!(!texts(&p["their_open"]).contains(&"Approve training budget".to_owned()));
    assert!(texts(&p["my_open"]).contains(&"Find courses".to_owned()));

    // Ticking an item in the document afterwards makes it a win dated by its completion.
    let doc = sb.read(SARAH).replace(
        "- [ ] [P1] Lead customer advisory board",
        "- [x] [P1] Lead customer advisory board (completed 2026-01-20)",
    );
    assert_ne!(
        doc,
        sb.read(SARAH),
        "the advisory-board item is in the document"
    );
    sb.write(SARAH, &doc);
    let p = prep_json(&sb, &["sarah", "--date", "2026-01-22"]);
    let wins = p["wins"].as_array().unwrap();
    assert_eq!(wins.len(), 1, "{p:#}");
    // Said as done, not as the order it was.
    assert_eq!(wins[0]["text"], "Led customer advisory board");
    assert_eq!(wins[0]["date"], "2026-01-20");
    assert_eq!(wins[0]["source"], "action_item");
    let text = stdout(&prep(&sb, &["sarah", "--date", "2026-01-22"]));
    assert!(
        block(&text, "Accomplishments to share:")
            .iter()
            .any(|l| l.contains("Led customer advisory board")),
        "{text}"
    );
}

#[test]
fn prep_json_has_schema_version_and_iso_dates() {
    let sb = processed_reference();
    let p = prep_json(&sb, &["sarah", "--date", "2026-01-22"]);
    assert_eq!(p["schema_version"], 1);
    assert_eq!(p["slug"], "sarah-chen");
    assert_eq!(p["person"], "Sarah Chen");
    assert_eq!(p["date"], "2026-01-22");
    assert_eq!(p["last_meeting"], "2026-01-15");
    let find = p["my_open"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["text"] == "Find courses")
        .expect("Find courses is open");
    assert_eq!(find["due"], "2026-01-22");
    assert_eq!(find["priority"], 1);
    assert_eq!(find["overdue"], false);
    assert!(p["agenda"].as_array().unwrap().len() >= 3);
    let threads: Vec<&str> = p["last_topics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["thread"].as_str().unwrap())
        .collect();
    assert!(threads.contains(&"Career Development"), "{threads:?}");
}

#[test]
fn prep_markdown_has_headings_task_boxes_and_a_numbered_agenda() {
    let sb = processed_reference();
    let md = stdout(&prep(
        &sb,
        &["sarah", "--date", "2026-01-22", "--format", "markdown"],
    ));
    assert!(
        md.starts_with("# 1:1 with Sarah Chen, 2026-01-22\n"),
        "{md}"
    );
    assert!(md.contains("\n## My open items\n"), "{md}");
    assert!(
        md.contains("\n- [ ] [P1] Find courses (due 2026-01-22)\n"),
        "{md}"
    );
    assert!(
        md.contains("\n- [ ] Review promotion packet requirements\n"),
        "{md}"
    );
    assert!(md.contains("\n## Suggested agenda\n\n1. "), "{md}");
}

#[test]
fn prep_flags_overdue_items_first() {
    let sb = processed_reference();
    let text = stdout(&prep(&sb, &["sarah", "--date", "2026-02-01"]));
    let mine = block(&text, "My open items:");
    assert_eq!(
        mine.first().copied(),
        Some("- OVERDUE [P1] Find courses (due 2026-01-22)"),
        "{text}"
    );
    let p = prep_json(&sb, &["sarah", "--date", "2026-02-01"]);
    assert_eq!(p["my_open"][0]["text"], "Find courses");
    assert_eq!(p["my_open"][0]["overdue"], true);
    assert!(
        p["agenda"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a.as_str().unwrap().contains("Find courses (overdue)")),
        "{p:#}"
    );
}

#[test]
fn backlog_tick_committed_after_the_meeting_is_a_win_dated_by_its_author_date() {
    let sb = processed_reference();
    let backlog = sb.read("BACKLOG.md");
    let ticked = backlog.replace(
        "- [ ] [P1] Find courses (due: 2026-01-22)",
        "- [x] [P1] Find courses (due: 2026-01-22)",
    );
    assert_ne!(ticked, backlog);
    sb.write("BACKLOG.md", &ticked);
    sb.git(&["add", "BACKLOG.md"]);
    // Late in the evening west of UTC: already the 20th in UTC, still the 19th for the
    // author, and git shows the author's date.
    sb.git_env(
        &["commit", "-q", "-m", "found the courses"],
        &[("GIT_AUTHOR_DATE", "2026-01-19T22:00:00-05:00")],
    );
    assert_eq!(
        sb.git(&["log", "-1", "--format=%ad", "--date=short"])
            .trim(),
        "2026-01-19"
    );

    let p = prep_json(&sb, &["sarah", "--date", "2026-01-22"]);
    let wins = p["wins"].as_array().unwrap();
    assert_eq!(wins.len(), 1, "{p:#}");
    assert_eq!(wins[0]["text"], "Found courses");
    assert_eq!(wins[0]["date"], "2026-01-19");
    assert_eq!(wins[0]["source"], "backlog");
    // Ticked in BACKLOG.md counts as done: it is no longer an open item of mine.
    assert!(
        !texts(&p["my_open"]).contains(&"Find courses".to_owned()),
        "{p:#}"
    );

    let text = stdout(&prep(&sb, &["sarah", "--date", "2026-01-22"]));
    assert!(
        block(&text, "Accomplishments to share:")
            .iter()
            .any(|l| l.contains("Found courses")),
        "{text}"
    );
    assert!(
        block(&text, "Suggested agenda:")
            .iter()
            .any(|l| l.contains("Share recent wins") && l.contains("Found courses")),
        "{text}"
    );
}

fn person_doc(name: &str, frequency: &str, last_meeting: &str) -> String {
    format!(
        "---\nperson: {name}\nfrequency: {frequency}\nstarted: 2025-01-06\n---\n\n# 1:1 with {name}\n\n## Meeting History\n- {last_meeting}: Catch-up\n"
    )
}

#[test]
fn prep_without_person_picks_the_relationship_due_soonest() {
    let sb = Sandbox::git_repo();
    // Ada: weekly, last met 2026-01-15, due 2026-01-22.
    // Bo: biweekly, last met 2026-01-05, due 2026-01-19: sooner.
    sb.write(
        "Career/1-on-1s/ada-park.md",
        &person_doc("Ada Park", "weekly", "2026-01-15"),
    );
    sb.write(
        "Career/1-on-1s/bo-lund.md",
        &person_doc("Bo Lund", "biweekly", "2026-01-05"),
    );
    sb.commit_all("two relationships");
    let p = prep_json(&sb, &["--date", "2026-01-16"]);
    assert_eq!(p["slug"], "bo-lund", "{p:#}");

    // Bo monthly instead: due 2026-02-05, so Ada comes first.
    sb.write(
        "Career/1-on-1s/bo-lund.md",
        &person_doc("Bo Lund", "monthly", "2026-01-05"),
    );
    let p = prep_json(&sb, &["--date", "2026-01-16"]);
    assert_eq!(p["slug"], "ada-park", "{p:#}");
    let text = stdout(&prep(&sb, &["--date", "2026-01-16"]));
    assert!(
        text.starts_with("1:1 with Ada Park, 2026-01-16\n"),
        "{text}"
    );
}
