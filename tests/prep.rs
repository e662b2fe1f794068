//! `oneonone prep` end to end: the real binary on the reference document after its
//! 2026-01-15 meeting was processed and committed, in a real git repository.

mod common;
use common::{SARAH, Sandbox, assert_contains_all, field_values, find_by, processed_reference};
use serde_json::Value;

/// `prep` with `args`, which must succeed: its standard output.
fn prep(sb: &Sandbox, args: &[&str]) -> String {
    sb.run_ok(&[&["prep"], args].concat())
}

/// `prep` with `args` as JSON.
fn prep_json(sb: &Sandbox, args: &[&str]) -> Value {
    sb.json(&[&["prep"], args, &["--format", "json"]].concat())
}

/// The lines under a text heading such as `My open items:` up to the blank line.
fn block<'a>(text: &'a str, heading: &str) -> Vec<&'a str> {
    text.lines()
        .skip_while(|l| *l != heading)
        .skip(1)
        .take_while(|l| !l.is_empty())
        .collect()
}

/// Asserts that, for each of `parts`, a line under `heading` (see [`block`]) mentions it.
#[track_caller]
fn assert_block_mentions(text: &str, heading: &str, parts: &[&str]) {
    let lines = block(text, heading);
    for part in parts {
        assert!(
            lines.iter().any(|l| l.contains(part)),
            "no `{part}` under {heading}:\n{text}"
        );
    }
}

/// Asserts that the JSON prep `p` lists exactly one win, `text` done on `date`, read from
/// `source`.
#[track_caller]
fn assert_one_win(p: &Value, text: &str, date: &str, source: &str) {
    let wins = p["wins"].as_array().unwrap();
    assert_eq!(wins.len(), 1, "{p:#}");
    assert_eq!(wins[0]["text"], text);
    assert_eq!(wins[0]["date"], date);
    assert_eq!(wins[0]["source"], source);
}

#[test]
fn prep_after_processing_lists_open_actions_topics_and_a_numbered_agenda() {
    let sb = processed_reference();
    let text = prep(&sb, &["sarah", "--date", "2026-01-22"]);
    assert!(text.contains("Last meeting: 2026-01-15"), "{text}");

    let mine = block(&text, "My open items:");
    assert!(
        mine.contains(&"- [P1] Find courses (due 2026-01-22)"),
        "{text}"
    );
    assert_block_mentions(&text, "My open items:", &["customer advisory board"]);
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
    // The training-budget follow-up is on the agenda.
    assert_block_mentions(
        &text,
        "Suggested agenda:",
        &["Find courses", "Review promotion packet requirements"],
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
    assert!(!field_values(&p["their_open"], "text").contains(&"Approve training budget"));
    assert!(field_values(&p["my_open"], "text").contains(&"Find courses"));

    // Ticking an item in the document afterwards makes it a win dated by its completion.
    sb.edit(
        SARAH,
        "- [ ] [P1] Lead customer advisory board",
        "- [x] [P1] Lead customer advisory board (completed 2026-01-20)",
    );
    let p = prep_json(&sb, &["sarah", "--date", "2026-01-22"]);
    // Said as done, not as the order it was.
    assert_one_win(
        &p,
        "Led customer advisory board",
        "2026-01-20",
        "action_item",
    );
    let text = prep(&sb, &["sarah", "--date", "2026-01-22"]);
    let shared = ["Led customer advisory board"];
    assert_block_mentions(&text, "Accomplishments to share:", &shared);
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
    let find = find_by(&p["my_open"], "text", "Find courses");
    assert_eq!(find["due"], "2026-01-22");
    assert_eq!(find["priority"], 1);
    assert_eq!(find["overdue"], false);
    assert!(p["agenda"].as_array().unwrap().len() >= 3);
    let threads = field_values(&p["last_topics"], "thread");
    assert!(threads.contains(&"Career Development"), "{threads:?}");
}

#[test]
fn prep_markdown_has_headings_task_boxes_and_a_numbered_agenda() {
    let sb = processed_reference();
    let args = ["sarah", "--date", "2026-01-22", "--format", "markdown"];
    let md = prep(&sb, &args);
    assert!(
        md.starts_with("# 1:1 with Sarah Chen, 2026-01-22\n"),
        "{md}"
    );
    assert_contains_all(
        &md,
        &[
            "\n## My open items\n",
            "\n- [ ] [P1] Find courses (due 2026-01-22)\n",
            "\n- [ ] Review promotion packet requirements\n",
            "\n## Suggested agenda\n\n1. ",
        ],
    );
}

#[test]
fn prep_flags_overdue_items_first() {
    let sb = processed_reference();
    let text = prep(&sb, &["sarah", "--date", "2026-02-01"]);
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
    sb.edit(
        "BACKLOG.md",
        "- [ ] [P1] Find courses (due: 2026-01-22)",
        "- [x] [P1] Find courses (due: 2026-01-22)",
    );
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
    assert_one_win(&p, "Found courses", "2026-01-19", "backlog");
    // Ticked in BACKLOG.md counts as done: it is no longer an open item of mine.
    assert!(
        !field_values(&p["my_open"], "text").contains(&"Find courses"),
        "{p:#}"
    );

    let text = prep(&sb, &["sarah", "--date", "2026-01-22"]);
    assert_block_mentions(&text, "Accomplishments to share:", &["Found courses"]);
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
    let text = prep(&sb, &["--date", "2026-01-16"]);
    assert!(
        text.starts_with("1:1 with Ada Park, 2026-01-16\n"),
        "{text}"
    );
}
