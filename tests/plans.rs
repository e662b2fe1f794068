//! `process --plan FILE|-`: a meeting plan (SPEC section 9) read from the rules' dry run,
//! corrected and applied; the same guarantees as notes, and refusals that write nothing.

mod common;
use common::{
    NOTES, SARAH, Sandbox, dry_run_report, processed_reference, reference_repo, stderr, stdout,
};
use serde_json::{Value, json};

/// The plan the rules read from the reference notes (`process --dry-run --format json`).
fn rules_plan(sb: &Sandbox) -> Value {
    let report = dry_run_report(sb, "2026-01-15");
    assert_eq!(report["dry_run"], true);
    assert!(report["diff"].as_str().unwrap().contains("+- 2026-01-15"));
    report["plan"].clone()
}

/// The correction an assistant makes: the discussion note about promotion criteria is
/// really Sarah's action, due the next Thursday.
fn corrected(mut plan: Value) -> Value {
    let entries = plan["entries"].as_array_mut().unwrap();
    let at = entries
        .iter()
        .position(|e| e["text"] == "Talked about promotion criteria")
        .expect("the rules filed the note as discussion");
    entries.remove(at);
    plan["actions"].as_array_mut().unwrap().push(json!({
        "owner": "them", "text": "Send the promotion criteria in writing", "due": "2026-01-22"
    }));
    plan
}

fn write_plan(sb: &Sandbox, plan: &Value) -> String {
    sb.write("plan.json", &serde_json::to_string_pretty(plan).unwrap());
    "plan.json".to_owned()
}

#[test]
fn plan_from_file_records_the_corrected_meeting_and_commits_it() {
    let sb = reference_repo();
    let plan = corrected(rules_plan(&sb));
    assert_eq!(plan["person"], "sarah-chen");
    let file = write_plan(&sb, &plan);
    let before = sb.read(SARAH);
    let out = sb.run_ok(&["process", "sarah", "--plan", &file]);
    assert!(out.contains("Committed "), "{out}");

    let after = sb.read(SARAH);
    assert!(
        after.contains("### Sarah's Actions\n- [ ] Review promotion packet requirements\n- [ ] [P1] Send the promotion criteria in writing (by 2026-01-22)\n- [x] Approve training budget (completed 2026-01-15)\n"),
        "{after}"
    );
    assert!(
        !after.contains("Talked about promotion criteria"),
        "{after}"
    );
    // Only added lines and the one tick.
    let removed: Vec<&str> = before.lines().filter(|l| !after.contains(l)).collect();
    assert_eq!(removed, ["- [ ] Approve training budget"]);
    let backlog = sb.read("BACKLOG.md");
    assert!(
        backlog
            .contains("- [ ] [P1] Find courses (due: 2026-01-22) (1:1 Sarah Chen, 2026-01-15)\n"),
        "{backlog}"
    );
    assert!(!backlog.contains("promotion criteria"), "{backlog}");

    let message = sb.git(&["log", "-1", "--format=%B"]);
    assert!(
        message.starts_with("1:1 Sarah Chen 2026-01-15: 3 actions"),
        "{message}"
    );
    assert!(
        message.contains("\nPerson: sarah-chen\nMeeting-Date: 2026-01-15\n"),
        "{message}"
    );
    let files = sb.git(&["show", "--name-only", "--format=", "HEAD"]);
    assert_eq!(files.lines().collect::<Vec<_>>(), ["BACKLOG.md", SARAH]);

    // Applied again: nothing changes and nothing is committed.
    let commits = sb.commit_count();
    let snapshot = sb.snapshot();
    let again = sb.run(["process", "sarah", "--plan", &file]);
    assert!(again.status.success(), "{}", stderr(&again));
    assert_eq!(sb.commit_count(), commits);
    assert_eq!(sb.snapshot(), snapshot);
}

#[test]
fn plan_from_stdin_gives_the_document_and_backlog_the_notes_give() {
    let by_notes = processed_reference();

    let by_plan = reference_repo();
    let plan = serde_json::to_string(&rules_plan(&by_plan)).unwrap();
    let out = by_plan
        .oneonone()
        .args(["process", "sarah-chen", "--plan", "-", "--format", "json"])
        .write_stdin(plan)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let report: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert!(report["commit"].is_string(), "{report}");
    assert_eq!(report["plan"]["person"], "sarah-chen");

    assert_eq!(by_plan.read(SARAH), by_notes.read(SARAH));
    assert_eq!(by_plan.read("BACKLOG.md"), by_notes.read("BACKLOG.md"));
    assert_eq!(
        by_plan.git(&["log", "-1", "--format=%B"]),
        by_notes.git(&["log", "-1", "--format=%B"])
    );
}

#[test]
fn plan_done_item_completed_on_its_date_is_a_noop() {
    let sb = reference_repo();
    let plan = json!({"schema_version": 1, "person": "Sarah Chen", "date": "2026-01-15",
        "done": [{"item": "training budget approved"}]});
    let file = write_plan(&sb, &plan);
    let run = || sb.run(["process", "sarah", "--plan", &file]);
    let out = run();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        sb.read(SARAH)
            .contains("- [x] Approve training budget (completed 2026-01-15)\n")
    );
    let commits = sb.commit_count();
    let out = run();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(sb.commit_count(), commits);
}

/// Runs `process sarah --plan` with `plan` and checks that it is refused with exit 1, a
/// message holding each of `expect`, and nothing written (not even git's index).
fn assert_refused(plan: &str, expect: &[&str]) {
    let sb = reference_repo();
    sb.write(".oneonone.toml", "my_name = \"Alex\"\n");
    sb.write(
        "Career/1-on-1s/marco-rossi.md",
        "---\nperson: Marco Rossi\n---\n\n# 1:1 with Marco Rossi\n",
    );
    sb.commit_all("marco");
    sb.write("plan.json", plan);
    let snapshot = sb.snapshot();
    for args in [
        &["process", "sarah", "--plan", "plan.json"][..],
        &["process", "sarah", "--plan", "plan.json", "--dry-run"][..],
    ] {
        let err = sb.run_err(args);
        assert!(
            err.contains("the plan is refused, nothing was written"),
            "{err}"
        );
        for e in expect {
            assert!(err.contains(e), "{plan}\nexpected {e:?} in {err}");
        }
        assert_eq!(sb.snapshot(), snapshot, "a refused plan wrote something");
    }
}

const HEAD: &str = r#""schema_version": 1, "person": "sarah-chen", "date": "2026-01-15""#;

#[test]
fn malformed_plans_are_refused_naming_the_json_path() {
    let good = r#"{"owner": "me", "text": "Send the deck"}"#;
    let cases = [
        (
            format!(
                r#"{{{HEAD}, "actions": [{good}, {good}, {{"owner": "me", "text": "x", "due": "next friday"}}]}}"#
            ),
            vec![r#"actions[2].due: not a date (expected YYYY-MM-DD): "next friday""#],
        ),
        (
            format!(r#"{{{HEAD}, "actions": [{{"owner": "me", "text": "x", "urgent": true}}]}}"#),
            vec!["actions[0].urgent: unknown field"],
        ),
        (
            format!(r#"{{{HEAD}, "goals": [42]}}"#),
            vec!["goals[0]: expected a string, got the number 42"],
        ),
        (
            format!(r#"{{{HEAD}, "actions": [{{"owner": ["me"], "text": "x"}}]}}"#),
            vec!["actions[0].owner: expected a string, got an array"],
        ),
        (
            format!(r#"{{{HEAD}, "actions": [{{"owner": " ", "text": "x"}}]}}"#),
            vec!["actions[0].owner: empty text"],
        ),
        (
            format!(r#"{{{HEAD}, "actions": [{{"owner": "whoever has time?", "text": "x"}}]}}"#),
            vec![r#"actions[0].owner: expected "me", "them" or a person's name"#],
        ),
        (
            format!(
                r#"{{{HEAD}, "actions": [{{"owner": "me", "text": "x", "priority": "high"}}]}}"#
            ),
            vec![r#"actions[0].priority: expected "P1", "P2" or "P3""#],
        ),
        (
            format!(r#"{{{HEAD}, "entries": [{{"text": "x", "kind": "gossip"}}]}}"#),
            vec!["entries[0].kind: expected \"discussion\" or \"decision\""],
        ),
        (
            format!(r#"{{{HEAD}, "done": [{{"item": "x\n## Injected"}}]}}"#),
            vec!["done[0].item: text spans several lines"],
        ),
        (
            r#"{"schema_version": 1, "person": "sarah-chen", "date": "15/01/2026"}"#.to_owned(),
            vec!["date: not a date"],
        ),
        (
            r#"{"schema_version": 2, "person": "sarah-chen", "date": "2026-01-15"}"#.to_owned(),
            vec!["schema_version: this build reads plans of version 1"],
        ),
        (
            format!(r#"{{{HEAD}, "done": "#),
            vec!["the plan is not JSON: line 1"],
        ),
    ];
    for (plan, expect) in cases {
        assert_refused(&plan, &expect);
    }
}

#[test]
fn done_items_that_tick_nothing_or_several_items_are_refused() {
    // Matches no open item: the open ones are named.
    assert_refused(
        &format!(
            r#"{{{HEAD}, "actions": [{{"owner": "me", "text": "Book the venue"}}], "done": [{{"item": "Booked the offsite flights"}}]}}"#
        ),
        &[
            r#"done[0].item: "Booked the offsite flights" matches no open action item"#,
            r#""Review promotion packet requirements""#,
        ],
    );
    // Matches two open items about as well: both are named.
    let sb = reference_repo();
    let doc = sb.read(SARAH).replace(
        "- [ ] Review promotion packet requirements\n",
        "- [ ] Review promotion packet requirements\n- [ ] Review promotion packet timeline\n",
    );
    sb.write(SARAH, &doc);
    sb.commit_all("two similar items");
    sb.write(
        "plan.json",
        &format!(r#"{{{HEAD}, "done": [{{"item": "Approve training budget"}}, {{"item": "promotion packet reviewed"}}]}}"#),
    );
    let snapshot = sb.snapshot();
    let err = sb.run_err(&["process", "sarah", "--plan", "plan.json"]);
    assert!(
        err.contains(r#"done[1].item: "promotion packet reviewed" matches 2 open action items: "Review promotion packet requirements", "Review promotion packet timeline""#),
        "{err}"
    );
    assert_eq!(sb.snapshot(), snapshot, "the first done item was written");
}

#[test]
fn plan_for_another_person_is_refused() {
    assert_refused(
        r#"{"schema_version": 1, "person": "marco-rossi", "date": "2026-01-15", "goals": ["Grow"]}"#,
        &[r#"person: the plan is for "marco-rossi", not sarah-chen (Sarah Chen)"#],
    );
    assert_refused(
        r#"{"schema_version": 1, "person": "Nobody Known", "date": "2026-01-15", "goals": ["Grow"]}"#,
        &[r#"the plan is for "Nobody Known""#],
    );
}

#[test]
fn plan_conflicts_with_notes_and_date() {
    let sb = reference_repo();
    let file = write_plan(
        &sb,
        &json!({"schema_version": 1, "person": "sarah-chen", "date": "2026-01-15"}),
    );
    for extra in [&[NOTES][..], &["--date", "2026-01-15"][..]] {
        let out = sb
            .oneonone()
            .args(["process", "sarah", "--plan", &file])
            .args(extra)
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(1),
            "clap usage error: {}",
            stderr(&out)
        );
        assert!(
            stderr(&out).contains("cannot be used with"),
            "{}",
            stderr(&out)
        );
    }
}
