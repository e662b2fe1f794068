//! The record as a performance review needs it, on real repositories built with git:
//! items dated by their meeting, the review in the seed's shape, follow-through figures on
//! both sides, archiving that forgets nothing, and prep that says what to share.

mod common;
use common::{
    Sandbox, assert_contains, assert_contains_all, edited, field_values, processed_reference,
    stderr,
};
use serde_json::Value;

const MARIA: &str = "Career/1-on-1s/maria-lopez.md";

/// Archiving Maria's Q4 2025, before the options.
const ARCHIVE_Q4: [&str; 4] = ["archive", "maria", "--quarter", "2025-Q4"];

/// Commits everything with the author and committer date `date` and a meeting trailer,
/// as `process` would have.
fn commit_meeting(sb: &Sandbox, date: &str) {
    let stamp = format!("{date}T12:00:00+00:00");
    let env = [
        ("GIT_AUTHOR_DATE", stamp.as_str()),
        ("GIT_COMMITTER_DATE", stamp.as_str()),
    ];
    sb.git_env(&["add", "-A"], &env);
    let message = format!("1:1 Maria Lopez {date}\n\nPerson: maria-lopez\nMeeting-Date: {date}\n");
    sb.git_env(&["commit", "-q", "-m", &message], &env);
}

const MEETING_1: &str = "---
person: Maria Lopez
relationship: manager
frequency: biweekly
started: 2025-01-06
---

# 1:1 with Maria Lopez

## Current Focus Areas
- Q4 goal: launch the partner portal

## Ongoing Threads

### Q4 Goals & Projects
- 2025-10-06: Partner portal scope agreed

### Team & Process
- 2025-10-06: Retro format change proposed

### Career Development
- 2025-10-06: Discussed the senior promotion path

### Vendor Relations
- 2025-10-06: Renegotiating the hosting contract

## Action Items

### My Actions
- [ ] Draft the partner portal spec (by 2025-10-13)
- [ ] Write the retro guide (by 2025-10-13)
- [ ] Book the training course
- [ ] Send the hosting quote (by 2025-10-21)

### Maria's Actions
- [ ] Approve the portal budget (by 2025-10-11)
- [ ] Introduce me to the VP
- [ ] Review the promotion packet (by 2025-10-31)

## Recent Accomplishments Shared
- 2025-10-06: Closed the Acme renewal

## Meeting History
- 2025-10-06: Portal scope, retro, promotion path
";

/// `doc` with its open item `item` ticked, completed on `date`.
fn completed(doc: &str, item: &str, date: &str) -> String {
    let done = format!("- [x] {item} (completed {date})\n");
    edited(doc, &format!("- [ ] {item}\n"), &done)
}

/// `doc` with a meeting on `date` about `topics` on top of its history.
fn met(doc: &str, date: &str, topics: &str) -> String {
    let history = "## Meeting History\n";
    edited(doc, history, &format!("{history}- {date}: {topics}\n"))
}

/// Three meetings of Q4 2025 with Maria, each committed on its day: mine kept on time,
/// late, on time without a due date, overdue and open; hers late, open and on time.
fn maria_history() -> Sandbox {
    let sb = Sandbox::git_repo();
    sb.write(MARIA, MEETING_1);
    commit_meeting(&sb, "2025-10-06");
    let mut second = edited(
        MEETING_1,
        "- [ ] Send the hosting quote (by 2025-10-21)\n",
        "- [ ] Send the hosting quote (by 2025-10-21)\n- [ ] Prepare the Q1 plan (by 2026-01-15)\n",
    );
    for (item, date) in [
        (
            "Draft the partner portal spec (by 2025-10-13)",
            "2025-10-10",
        ),
        ("Write the retro guide (by 2025-10-13)", "2025-10-20"),
        ("Book the training course", "2025-10-20"),
        ("Approve the portal budget (by 2025-10-11)", "2025-10-15"),
    ] {
        second = completed(&second, item, date);
    }
    let second = met(&second, "2025-10-20", "Spec review, training");
    sb.write(MARIA, &second);
    commit_meeting(&sb, "2025-10-20");
    let review = "Review the promotion packet (by 2025-10-31)";
    let third = completed(&second, review, "2025-10-31");
    sb.write(
        MARIA,
        &met(&third, "2025-11-03", "Promotion packet feedback"),
    );
    commit_meeting(&sb, "2025-11-03");
    sb
}

/// `commitments maria --quarter 2025-Q4` with `extra` arguments, as JSON.
fn maria_q4_commitments(sb: &Sandbox, extra: &[&str]) -> Value {
    let args = [
        &["commitments", "maria", "--quarter", "2025-Q4"],
        extra,
        &["--format", "json"],
    ];
    sb.json(&args.concat())
}

fn figures(side: &Value) -> [i64; 5] {
    ["made", "kept", "on_time", "open", "overdue"].map(|k| side[k].as_i64().unwrap())
}

#[test]
fn action_processed_late_is_dated_by_its_meeting() {
    let sb = Sandbox::git_repo();
    sb.write(
        "Career/1-on-1s/sam-ortiz.md",
        "---\nperson: Sam Ortiz\nrelationship: manager\nfrequency: weekly\nstarted: 2026-01-05\n---\n\n# 1:1 with Sam Ortiz\n",
    );
    sb.commit_all("Sam's document");
    sb.write(
        "notes.md",
        "- Shipped the billing migration\n- I'll send the Q4 plan by 2026-09-22\n",
    );
    // Processed on 2026-11-30 for the meeting of 2026-09-15.
    let out = sb
        .oneonone()
        .args(["process", "sam", "notes.md", "--date", "2026-09-15"])
        .env("GIT_AUTHOR_DATE", "2026-11-30T09:00:00+00:00")
        .env("GIT_COMMITTER_DATE", "2026-11-30T09:00:00+00:00")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));

    let log = sb.json(&["log", "--kind", "action", "--format", "json"]);
    let action = &log["events"][0];
    assert_eq!(action["text"], "Send the Q4 plan", "{log}");
    assert_eq!(action["date"], "2026-09-15", "{log}");
    assert_eq!(action["due"], "2026-09-22", "{log}");

    let q3 = sb.run_ok(&[
        "review",
        "sam",
        "--quarter",
        "2026-Q3",
        "--date",
        "2026-11-30",
    ]);
    assert!(
        q3.contains("- 2026-09-15: Send the Q4 plan (promised, due 2026-09-22; overdue)"),
        "{q3}"
    );
    let c = sb.json(&[
        "commitments",
        "sam",
        "--quarter",
        "Q3 2026",
        "--date",
        "2026-11-30",
        "--format",
        "json",
    ]);
    let mine = &c["persons"][0]["mine"];
    assert_eq!(figures(mine), [1, 0, 0, 1, 1], "{c}");
    assert_eq!(mine["items"][0]["made"], "2026-09-15");
    // Nothing was promised in Q4: the commitment belongs to its meeting's quarter.
    let q4 = sb.json(&[
        "commitments",
        "sam",
        "--quarter",
        "2026Q4",
        "--date",
        "2026-12-31",
        "--format",
        "json",
    ]);
    assert_eq!(q4["persons"][0]["mine"]["made"], 0, "{q4}");
    assert_eq!(q4["persons"][0]["mine"]["overdue"], 1, "{q4}");
}

#[test]
fn log_grep_matches_text_case_insensitively() {
    let sb = maria_history();
    let out = sb.run_ok(&["log", "maria", "--grep", "PORTAL"]);
    assert!(!out.is_empty());
    for line in out.lines() {
        assert!(line.to_lowercase().contains("portal"), "{line}");
    }
    assert!(out.contains("Partner portal scope agreed"), "{out}");
    assert!(!out.contains("retro guide"), "{out}");
}

#[test]
fn commitments_give_known_figures_on_both_sides() {
    let sb = maria_history();
    let c = maria_q4_commitments(&sb, &[]);
    assert_eq!(c["schema_version"], 1);
    let p = &c["persons"][0];
    assert_eq!(figures(&p["mine"]), [5, 3, 2, 2, 1], "{p}");
    assert_eq!(p["mine"]["median_days_to_close"], 14.0, "{p}");
    assert_eq!(figures(&p["theirs"]), [3, 2, 1, 1, 0], "{p}");
    assert_eq!(p["theirs"]["median_days_to_close"], 17.0, "{p}");
    // Oldest open first.
    assert_eq!(p["mine"]["items"][0]["text"], "Send the hosting quote");
    assert_eq!(p["mine"]["items"][0]["state"], "overdue");
    let states = field_values(&p["theirs"]["items"], "state");
    assert_eq!(states, ["open", "late", "on_time"]);

    let open = maria_q4_commitments(&sb, &["--open"]);
    let mine = open["persons"][0]["mine"]["items"].as_array().unwrap();
    assert_eq!(mine.len(), 2, "{open}");

    let text = sb.run_ok(&["commitments", "maria", "--quarter", "2025-Q4"]);
    assert!(
        text.contains(
            "Mine: 5 made, 3 kept (2 on time, 1 late), 2 open (1 overdue); median days to close: 14"
        ),
        "{text}"
    );
    assert!(
        text.contains("Maria's: 3 made, 2 kept (1 on time, 1 late)"),
        "{text}"
    );

    let status = sb.json(&["status", "--date", "2025-12-31", "--format", "json"]);
    let row = &status["rows"][0];
    assert_eq!(row["my_keep_rate"], 0.5, "{row}");
    assert_eq!(row["their_keep_rate"], 0.5, "{row}");
}

#[test]
fn review_shows_every_thread_and_both_sides_apart() {
    let sb = maria_history();
    let md = sb.run_ok(&["review", "maria", "--quarter", "2025-Q4"]);
    let section = |title: &str| -> String {
        let start = md
            .find(&format!("### {title}\n"))
            .unwrap_or_else(|| panic!("no {title}: {md}"));
        let rest = &md[start + title.len() + 5..];
        rest[..rest.find("\n### ").unwrap_or(rest.len())].to_owned()
    };
    // (section, lines it must hold)
    let holds: [(&str, &[&str]); 7] = [
        ("Highlights", &["- 2025-10-06: Closed the Acme renewal"]),
        (
            "Projects and initiatives",
            &[
                "- 2025-10-06: Partner portal scope agreed",
                "- 2025-10-06: Q4 goal: launch the partner portal\n",
                "done: Draft the partner portal spec",
            ],
        ),
        (
            "Team and process",
            &["- 2025-10-06: Retro format change proposed"],
        ),
        (
            "Career development",
            &["- 2025-10-06: Discussed the senior promotion path"],
        ),
        (
            "Other discussions",
            &["- 2025-10-06: Renegotiating the hosting contract (Vendor Relations)"],
        ),
        (
            "My commitments",
            &[
                "- 2025-10-10: Draft the partner portal spec (kept on time; promised 2025-10-06, due 2025-10-13)",
                "Write the retro guide (kept late",
                "- 2025-10-06: Send the hosting quote (promised, due 2025-10-21; overdue)",
            ],
        ),
        (
            "Maria's commitments",
            &[
                "Approve the portal budget (kept late",
                "- 2025-10-06: Introduce me to the VP (promised; still open)",
            ],
        ),
    ];
    for (title, lines) in holds {
        assert_contains_all(&section(title), lines);
    }
    assert!(
        !section("My commitments").contains("Approve the portal budget"),
        "{md}"
    );
    assert!(
        !section("Maria's commitments").contains("hosting quote"),
        "{md}"
    );
    assert_contains(&section("Follow-through"), "- Mine: 5 made, 3 kept");
    assert!(!md.contains("no linked items"), "{md}");
    // Every list line carries its date.
    for line in md
        .lines()
        .filter(|l| l.starts_with("- ") && !l.contains("none recorded"))
    {
        let dated = line[2..].get(..11).is_some_and(|d| {
            d.bytes().enumerate().all(|(i, b)| match i {
                4 | 7 => b == b'-',
                10 => b == b':',
                _ => b.is_ascii_digit(),
            })
        });
        assert!(
            dated || line.starts_with("- Mine:") || line.starts_with("- Maria's:"),
            "undated line: {line}"
        );
    }

    let j = sb.json(&[
        "review",
        "maria",
        "--quarter",
        "2025-Q4",
        "--format",
        "json",
    ]);
    let p = &j["persons"][0];
    assert_eq!(p["team"][0]["text"], "Retro format change proposed");
    assert_eq!(p["other"][0]["thread"], "Vendor Relations");
    assert_eq!(p["commitments"]["theirs"]["kept"], 2);
}

#[test]
fn archive_refuses_a_quarter_that_has_not_ended() {
    let sb = maria_history();
    let before = sb.snapshot();
    let on_new_years_eve = [&ARCHIVE_Q4[..], &["--date", "2025-12-31"]].concat();
    let err = sb.run_err(&on_new_years_eve);
    assert!(err.contains("2025-Q4 has not ended"), "{err}");
    assert_eq!(sb.snapshot(), before, "nothing written");
    sb.run_ok(&[&on_new_years_eve[..], &["--force", "--dry-run"]].concat());
}

#[test]
fn archived_quarter_keeps_last_meeting_and_figures() {
    let sb = maria_history();
    let before = maria_q4_commitments(&sb, &[]);
    sb.run_ok(&[&ARCHIVE_Q4[..], &["--date", "2026-01-05"]].concat());
    let doc = sb.read(MARIA);
    assert!(
        !doc.contains("### Vendor Relations"),
        "emptied heading removed:\n{doc}"
    );
    assert!(!doc.contains("### Career Development"), "{doc}");
    assert!(
        doc.contains("Send the hosting quote"),
        "open items stay:\n{doc}"
    );

    let prep = sb.run_ok(&["prep", "maria", "--date", "2026-01-10"]);
    assert!(prep.contains("Last meeting: 2025-11-03"), "{prep}");
    let status = sb.json(&["status", "--date", "2026-01-10", "--format", "json"]);
    assert_eq!(status["rows"][0]["last_meeting"], "2025-11-03", "{status}");
    assert_eq!(status["rows"][0]["next_due"], "2025-11-17", "{status}");
    let people = sb.json(&["people", "--format", "json"]);
    assert_eq!(
        people["people"][0]["last_meeting"], "2025-11-03",
        "{people}"
    );

    let after = maria_q4_commitments(&sb, &[]);
    assert_eq!(
        after["persons"], before["persons"],
        "archiving changes no figure"
    );
}

#[test]
fn skip_level_prep_suggests_a_win_told_to_the_manager() {
    let sb = maria_history();
    sb.edit(
        MARIA,
        "## Recent Accomplishments Shared\n",
        "## Recent Accomplishments Shared\n- 2026-01-13: Shipped the partner portal beta\n- 2026-01-12: Hired two support engineers\n",
    );
    sb.write(
        "Career/1-on-1s/dana-kim.md",
        "---\nperson: Dana Kim\nrelationship: skip-level\nfrequency: monthly\nstarted: 2025-06-01\n---\n\n# 1:1 with Dana Kim\n\n## Recent Accomplishments Shared\n- 2026-01-14: Hired two support engineers for the team\n- 2025-12-01: Closed the Acme renewal\n\n## Meeting History\n- 2026-01-05: Org changes\n",
    );
    commit_meeting(&sb, "2026-01-14");
    let prep = sb.run_ok(&["prep", "dana", "--date", "2026-01-20"]);
    assert_contains_all(
        &prep,
        &[
            "Also worth sharing",
            "- Shipped the partner portal beta (2026-01-13, told Maria Lopez)",
            "Also share: Shipped the partner portal beta",
        ],
    );
    assert!(
        !prep.contains("Hired two support engineers (2026"),
        "already told: {prep}"
    );
    // A report's prep does not suggest my wins.
    let j = sb.json(&["prep", "maria", "--date", "2026-01-20", "--format", "json"]);
    assert_eq!(j["also_worth_sharing"], Value::Array(vec![]));
}

#[test]
fn prep_and_status_report_an_invalid_document() {
    let sb = maria_history();
    sb.edit(
        MARIA,
        "- [ ] Send the hosting quote (by 2025-10-21)",
        "- [ ] Send the hosting quote (by 2025-13-45)",
    );
    let prep = sb.run_ok(&["prep", "maria", "--date", "2025-11-10"]);
    assert_contains(
        &prep,
        "Warning: the document does not validate: Career/1-on-1s/maria-lopez.md:",
    );
    let status = sb.run_ok(&["status", "--date", "2025-11-10"]);
    assert_contains_all(&status, &["Invalid documents", "maria-lopez.md:"]);
}

#[test]
fn prep_says_wins_as_done_and_topics_one_per_line() {
    let sb = maria_history();
    let prep = sb.run_ok(&["prep", "maria", "--date", "2025-10-19"]);
    assert!(!prep.contains("Share recent wins: Draft the"), "{prep}");
    assert_contains_all(
        &prep,
        &[
            "- Drafted the partner portal spec (2025-10-10)",
            "Topics from last time:\n- Q4 Goals & Projects: Partner portal scope agreed\n- Team & Process: Retro format change proposed\n",
            "Follow up from last time: Partner portal scope agreed;",
        ],
    );
}

#[test]
fn reference_scenario_review_and_prep_match_the_golden_outputs() {
    let sb = processed_reference();
    // (snapshot, command line)
    let goldens: [(&str, &[&str]); 3] = [
        (
            "review_reference_2025_q4",
            &["review", "sarah", "--quarter", "2025-Q4"],
        ),
        (
            "review_reference_2026_q1",
            &["review", "sarah", "--quarter", "2026-Q1"],
        ),
        ("prep_reference", &["prep", "sarah", "--date", "2026-01-22"]),
    ];
    for (snapshot, args) in goldens {
        insta::assert_snapshot!(snapshot, sb.run_ok(args));
    }
}
