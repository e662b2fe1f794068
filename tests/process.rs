//! `oneonone process` end to end: the real binary on real git repositories, from the
//! reference scenario (the seed's document before 2026-01-15 and that meeting's brain dump)
//! to refusals and bad input.

mod common;
use common::{
    NOTES, PROCESS_REFERENCE, SARAH, Sandbox, assert_ok, assert_under, dry_run_report, example,
    reference_repo, section, stderr, stdout, subsection, write_reference,
};
use std::process::Output;

const FIND_COURSES_BACKLOG: &str =
    "- [ ] [P1] Find courses (due: 2026-01-22) (1:1 Sarah Chen, 2026-01-15)";

fn process(sb: &Sandbox, extra: &[&str]) -> Output {
    sb.oneonone()
        .args(["process", "sarah"])
        .args(extra)
        .args(["--date", "2026-01-15"])
        .output()
        .unwrap()
}

/// Exit 1 with an `error:` line, and not a byte written anywhere.
fn assert_refused(sb: &Sandbox, args: &[&str], stdin: Option<&str>, wants: &[&str]) -> String {
    let before = sb.snapshot();
    // The child always gets a pipe (empty unless written), never a terminal.
    let out = sb.run_with_input(args, stdin.unwrap_or(""));
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{args:?}\nstderr: {err}");
    assert!(err.starts_with("error: "), "{args:?}: {err}");
    for want in wants {
        assert!(err.contains(want), "{args:?}: want {want:?} in: {err}");
    }
    assert!(sb.snapshot() == before, "{args:?} wrote something");
    err
}

fn has_line(lines: &[&str], pred: impl Fn(&str) -> bool) -> bool {
    lines.iter().any(|l| pred(l))
}

#[test]
fn reference_scenario_records_every_note_and_commits_once() {
    let sb = reference_repo();
    let out = process(&sb, &[NOTES]);
    assert_ok(&out);
    let doc = sb.read(SARAH);

    // (heading, what a line there starts with, what it holds, whether case is ignored)
    #[rustfmt::skip]
    let expected = [
        ("## Current Focus Areas",           "- ",            "increase nrr by 10%",     true),
        ("## Ongoing Threads",               "- 2026-01-15: ", "increase nrr by 10%",     true),
        ("### Career Development",           "- 2026-01-15: ", "promotion criteria",      false),
        ("### My Actions",                   "- [ ] ",        "customer advisory board", false),
        ("## Recent Accomplishments Shared", "- 2026-01-15: ", "renewal story",           false),
    ];
    for (heading, start, text, fold) in expected {
        let lines = if heading.starts_with("### ") {
            subsection(&doc, heading)
        } else {
            section(&doc, heading)
        };
        assert!(
            has_line(&lines, |l| l.starts_with(start)
                && if fold {
                    l.to_lowercase().contains(text)
                } else {
                    l.contains(text)
                }),
            "no `{start}…{text}` line under {heading}:\n{doc}"
        );
    }
    let mine = subsection(&doc, "### My Actions");
    assert!(
        mine.contains(&"- [ ] [P1] Find courses (by 2026-01-22)"),
        "{doc}"
    );
    let theirs = subsection(&doc, "### Sarah's Actions");
    assert!(
        theirs.contains(&"- [x] Approve training budget (completed 2026-01-15)"),
        "{doc}"
    );
    assert!(theirs.contains(&"- [ ] Review promotion packet requirements"));

    let meetings = section(&doc, "## Meeting History");
    let today: Vec<_> = meetings
        .iter()
        .filter(|l| l.starts_with("- 2026-01-15: "))
        .collect();
    assert_eq!(today.len(), 1, "{meetings:?}");

    let backlog = sb.read("BACKLOG.md");
    assert!(
        backlog.lines().any(|l| l == FIND_COURSES_BACKLOG),
        "{backlog}"
    );
    assert!(
        backlog.lines().any(|l| l.starts_with("- [ ] [P1] ")
            && l.contains("customer advisory board")
            && l.ends_with("(1:1 Sarah Chen, 2026-01-15)")),
        "{backlog}"
    );

    assert_eq!(sb.commit_count(), 2);
    let subject = sb.subject();
    assert!(
        subject.starts_with("1:1 Sarah Chen 2026-01-15: "),
        "{subject}"
    );
    let trailers = sb.git(&["log", "-1", "--format=%(trailers:only,unfold)"]);
    assert_eq!(
        trailers.trim_end(),
        "Person: sarah-chen\nMeeting-Date: 2026-01-15"
    );
    let files = sb.git(&["show", "--name-only", "--format=", "HEAD"]);
    assert_eq!(files, format!("BACKLOG.md\n{SARAH}\n"));
    // Everything written is committed with its full content.
    assert_eq!(sb.git(&["status", "--porcelain"]), "");
    assert!(stdout(&out).contains("Committed "), "{}", stdout(&out));
}

#[test]
fn commit_diff_only_adds_lines_and_flips_checkboxes() {
    let sb = reference_repo();
    assert_ok(&process(&sb, &[NOTES]));
    let diff = sb.git(&["diff", "--no-color", "HEAD~1", "HEAD"]);
    let removed: Vec<&str> = diff
        .lines()
        .filter(|l| l.starts_with('-') && !l.starts_with("---"))
        .map(|l| &l[1..])
        .collect();
    let added: Vec<&str> = diff
        .lines()
        .filter(|l| l.starts_with('+') && !l.starts_with("+++"))
        .map(|l| &l[1..])
        .collect();
    assert!(!added.is_empty(), "{diff}");
    assert_eq!(
        removed.len(),
        1,
        "only the training budget is ticked:\n{diff}"
    );
    for line in removed {
        assert!(
            line.contains("[ ]"),
            "removed a line that is not an open item: {line:?}"
        );
        let ticked = format!("{} (completed 2026-01-15)", line.replacen("[ ]", "[x]", 1));
        assert!(
            added.contains(&ticked.as_str()),
            "{line:?} was not replaced by {ticked:?}:\n{diff}"
        );
    }
}

#[test]
fn second_identical_run_changes_nothing() {
    let sb = reference_repo();
    assert_ok(&process(&sb, &[NOTES]));
    let before = sb.snapshot();
    let commits = sb.commit_count();

    let out = process(&sb, &[NOTES]);
    assert_ok(&out);
    assert!(
        stdout(&out).contains("Nothing to change"),
        "{}",
        stdout(&out)
    );
    assert_eq!(sb.commit_count(), commits);
    assert!(sb.snapshot() == before, "the second run wrote something");

    // Its JSON says so too.
    let out = process(&sb, &[NOTES, "--format", "json"]);
    assert_ok(&out);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["changed"], false);
    assert_eq!(report["commit"], serde_json::Value::Null);
    assert!(sb.snapshot() == before);
}

#[test]
fn second_notes_file_same_date_adds_items_and_no_second_meeting_line() {
    let sb = reference_repo();
    assert_ok(&process(&sb, &[NOTES]));
    let first = sb.read(SARAH);
    let meeting_line = |doc: &str| -> Vec<String> {
        section(doc, "## Meeting History")
            .into_iter()
            .filter(|l| l.starts_with("- 2026-01-15: "))
            .map(str::to_owned)
            .collect()
    };
    sb.write(
        "more.md",
        "- Decided to pause the hiring freeze\n- Send recap by Jan 22\n- Talked about promotion criteria\n",
    );
    let out = process(&sb, &["more.md"]);
    assert_ok(&out);
    let doc = sb.read(SARAH);
    assert_under(
        &doc,
        "### Team & Process",
        "- 2026-01-15: Decided to pause the hiring freeze",
    );
    assert_under(
        &doc,
        "### My Actions",
        "- [ ] [P1] Send recap (by 2026-01-22)",
    );
    assert_eq!(meeting_line(&doc), meeting_line(&first));
    let promotion = doc
        .lines()
        .filter(|l| l.contains("Talked about promotion criteria"))
        .count();
    assert_eq!(promotion, 1, "{doc}");
    assert_eq!(sb.commit_count(), 3);
}

#[test]
fn dry_run_prints_the_diff_and_writes_nothing() {
    let sb = reference_repo();
    let before = sb.snapshot();
    let out = process(&sb, &[NOTES, "--dry-run"]);
    assert_ok(&out);
    let text = stdout(&out);
    assert!(
        text.starts_with(&format!("--- a/{SARAH}\n+++ b/{SARAH}\n@@ ")),
        "{text}"
    );
    assert!(
        text.contains("\n-- [ ] Approve training budget\n"),
        "{text}"
    );
    assert!(
        text.contains("\n+- [x] Approve training budget (completed 2026-01-15)\n"),
        "{text}"
    );
    assert!(
        text.contains("--- a/BACKLOG.md\n+++ b/BACKLOG.md\n"),
        "{text}"
    );
    assert!(
        text.contains(&format!("\n+{FIND_COURSES_BACKLOG}\n")),
        "{text}"
    );
    assert!(sb.snapshot() == before, "a dry run wrote something");
    assert_eq!(sb.commit_count(), 1);
}

#[test]
fn dry_run_json_report_carries_schema_diff_summary_and_changes() {
    let sb = reference_repo();
    let before = sb.snapshot();
    let out = process(&sb, &[NOTES, "--dry-run", "--format", "json"]);
    assert_ok(&out);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["schema_version"], 1);
    assert_eq!(report["person"], "sarah-chen");
    assert_eq!(report["date"], "2026-01-15");
    assert_eq!(report["dry_run"], true);
    assert_eq!(report["changed"], true);
    assert_eq!(report["commit"], serde_json::Value::Null);
    let diff = report["diff"].as_str().unwrap();
    assert!(
        diff.contains("+- [ ] [P1] Find courses (by 2026-01-22)"),
        "{diff}"
    );
    assert!(report["summary"].as_str().unwrap().contains("Find courses"));
    assert_eq!(
        report["applied"]["backlog_lines"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|l| *l == FIND_COURSES_BACKLOG)
            .count(),
        1
    );
    assert!(sb.snapshot() == before);
}

#[test]
fn json_report_of_a_real_run_names_the_commit() {
    let sb = reference_repo();
    let out = process(&sb, &[NOTES, "--format", "json"]);
    assert_ok(&out);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let head = sb.git(&["rev-parse", "HEAD"]);
    assert_eq!(report["commit"].as_str(), Some(head.trim()));
    assert_eq!(report["dry_run"], false);
}

#[test]
fn no_commit_writes_the_files_without_committing() {
    let sb = reference_repo();
    let out = process(&sb, &[NOTES, "--no-commit"]);
    assert_ok(&out);
    assert!(!stdout(&out).contains("Committed"), "{}", stdout(&out));
    assert_eq!(sb.commit_count(), 1);
    assert!(
        sb.read(SARAH)
            .contains("- [ ] [P1] Find courses (by 2026-01-22)")
    );
    assert!(sb.read("BACKLOG.md").contains(FIND_COURSES_BACKLOG));
    assert_eq!(
        sb.git(&["status", "--porcelain"]),
        format!(" M BACKLOG.md\n M {SARAH}\n")
    );
}

#[test]
fn unrelated_staged_and_modified_files_are_left_as_they_were() {
    let sb = reference_repo();
    sb.write("README.txt", "committed\n");
    sb.commit_all("readme");
    sb.write("todo.txt", "staged\n");
    sb.git(&["add", "todo.txt"]);
    sb.write("todo.txt", "staged, then edited\n");
    sb.write("README.txt", "edited, not staged\n");

    assert_ok(&process(&sb, &[NOTES]));

    let files = sb.git(&["show", "--name-only", "--format=", "HEAD"]);
    assert_eq!(files, format!("BACKLOG.md\n{SARAH}\n"));
    assert_eq!(sb.git(&["show", ":todo.txt"]), "staged\n");
    assert_eq!(sb.read("todo.txt"), "staged, then edited\n");
    assert_eq!(sb.read("README.txt"), "edited, not staged\n");
    assert_eq!(
        sb.git(&["status", "--porcelain"]),
        " M README.txt\nAM todo.txt\n"
    );
}

#[test]
fn notes_from_stdin_give_the_same_result_as_a_file() {
    let from_file = reference_repo();
    assert_ok(&process(&from_file, &[NOTES]));

    let sb = reference_repo();
    let out = sb.run_with_input(
        &["process", "sarah", "-", "--date", "2026-01-15"],
        &example(NOTES),
    );
    assert_ok(&out);
    assert_eq!(sb.read(SARAH), from_file.read(SARAH));
    assert_eq!(sb.read("BACKLOG.md"), from_file.read("BACKLOG.md"));
    assert_eq!(sb.commit_count(), 2);
}

#[test]
fn inbox_notes_are_processed_and_leave_the_inbox() {
    let sb = Sandbox::git_repo();
    write_reference(&sb);
    let mut doc = example("Career/1-on-1s/sarah-chen.md");
    doc.push_str("\n## Inbox\n- Talked about promotion criteria\n- Find 3 courses by next week\n");
    sb.write(SARAH, &doc);
    sb.commit_all("inbox");

    let out = process(&sb, &[]);
    assert_ok(&out);
    let after = sb.read(SARAH);
    let inbox = section(&after, "## Inbox");
    assert!(
        !has_line(&inbox, |l| l.contains("promotion criteria")
            || l.contains("courses")),
        "processed lines are still in the Inbox:\n{after}"
    );
    assert_under(
        &after,
        "### Career Development",
        "- 2026-01-15: Talked about promotion criteria",
    );
    assert_under(
        &after,
        "### My Actions",
        "- [ ] [P1] Find 3 courses (by 2026-01-22)",
    );
    assert_eq!(sb.commit_count(), 2);
    assert_eq!(sb.git(&["status", "--porcelain", "--", SARAH]), "");

    // The Inbox is empty now: a second run has no notes and says so.
    let before = sb.snapshot();
    let out = process(&sb, &[]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(stderr(&out).contains("no notes given"), "{}", stderr(&out));
    assert!(sb.snapshot() == before);
}

#[test]
fn bad_notes_input_is_refused_with_nothing_written() {
    let sb = reference_repo();
    let d = ["--date", "2026-01-15"];
    let args = |rest: &[&'static str]| -> Vec<&'static str> {
        let mut v = vec!["process"];
        v.extend_from_slice(rest);
        v.extend_from_slice(&d);
        v
    };

    assert_refused(&sb, &args(&["sarah", "missing.md"]), None, &["missing.md"]);

    sb.write("empty.md", "");
    sb.write("blank.md", "\n   \n\n");
    sb.write("nul.md", "- fine\n- a\0b\n");
    std::fs::write(
        sb.root.join("latin1.md"),
        b"- fine\n- caf\xe9 with the team\n",
    )
    .unwrap();
    sb.commit_all("bad notes");

    assert_refused(&sb, &args(&["sarah", "empty.md"]), None, &["empty"]);
    assert_refused(&sb, &args(&["sarah", "blank.md"]), None, &["empty"]);
    assert_refused(&sb, &args(&["sarah", "-"]), Some(""), &["empty"]);
    assert_refused(&sb, &args(&["sarah", "nul.md"]), None, &["nul.md:2", "NUL"]);
    assert_refused(
        &sb,
        &args(&["sarah", "latin1.md"]),
        None,
        &["latin1.md:2", "UTF-8"],
    );
    assert_refused(
        &sb,
        &args(&["sarah", "-"]),
        Some("- fine\n- b\0d\n"),
        &["NUL"],
    );
}

#[test]
fn unknown_or_escaping_person_is_refused_with_nothing_written() {
    let sb = reference_repo();
    sb.write(
        "Career/1-on-1s/priya-patel.md",
        &example("Career/1-on-1s/priya-patel.md"),
    );
    sb.commit_all("priya");
    let err = assert_refused(
        &sb,
        &["process", "bob", NOTES, "--date", "2026-01-15"],
        None,
        &["bob"],
    );
    assert!(
        err.contains("priya-patel") && err.contains("sarah-chen"),
        "candidates not listed: {err}"
    );
    for name in ["../etc/passwd", "/etc/passwd", "sarah/../../x"] {
        assert_refused(
            &sb,
            &["process", name, NOTES, "--date", "2026-01-15"],
            None,
            &[name],
        );
    }
}

#[test]
fn bare_repository_is_refused_clearly() {
    let sb = Sandbox::new();
    sb.git(&["init", "-q", "--bare", "-b", "main"]);
    sb.write(SARAH, &example("Career/1-on-1s/sarah-chen.md"));
    sb.write(NOTES, &example(NOTES));
    assert_refused(&sb, &PROCESS_REFERENCE, None, &["bare"]);
}

#[test]
fn merge_in_progress_is_refused_with_nothing_written() {
    let sb = reference_repo();
    sb.write("other.txt", "base\n");
    sb.commit_all("base");
    sb.git(&["checkout", "-q", "-b", "side"]);
    sb.write("other.txt", "side\n");
    sb.commit_all("side");
    sb.git(&["checkout", "-q", "main"]);
    sb.write("other.txt", "main\n");
    sb.commit_all("main");
    assert!(
        !sb.git_status_ok(&["merge", "-q", "side"]),
        "the merge conflicts"
    );
    assert!(sb.root.join(".git/MERGE_HEAD").exists());

    assert_refused(&sb, &PROCESS_REFERENCE, None, &["merge"]);
}

#[test]
fn detached_head_is_refused_unless_allowed() {
    let sb = reference_repo();
    sb.git(&["checkout", "-q", "--detach"]);
    assert_refused(
        &sb,
        &PROCESS_REFERENCE,
        None,
        &["detached", "--allow-detached"],
    );

    let head = sb.git(&["rev-parse", "HEAD"]);
    assert_ok(&process(&sb, &[NOTES, "--allow-detached"]));
    assert_eq!(sb.commit_count(), 2);
    assert_eq!(sb.git(&["rev-parse", "HEAD~1"]), head);
    // Still detached, and main did not move.
    assert!(!sb.git_status_ok(&["symbolic-ref", "-q", "HEAD"]));
    assert_eq!(sb.git(&["rev-parse", "main"]), head);
}

#[test]
fn unborn_branch_gets_the_first_commit() {
    let sb = Sandbox::git_repo();
    write_reference(&sb);
    assert_ok(&process(&sb, &[NOTES]));
    assert_eq!(sb.commit_count(), 1);
    let files = sb.git(&["show", "--name-only", "--format=", "HEAD"]);
    assert_eq!(files, format!("BACKLOG.md\n{SARAH}\n"));
    assert_eq!(sb.git(&["symbolic-ref", "HEAD"]).trim(), "refs/heads/main");
    // What it did not write stays untracked.
    let status = sb.git(&["status", "--porcelain"]);
    assert!(status.contains("?? .oneonone.toml"), "{status}");
    assert!(!status.contains(SARAH), "{status}");
}

#[test]
fn date_option_takes_iso_and_refuses_nonsense() {
    let sb = reference_repo();
    for bad in ["2026-13-45", "someday", "2026-02-30"] {
        assert_refused(
            &sb,
            &["process", "sarah", NOTES, "--date", bad],
            None,
            &[bad],
        );
    }
    sb.run_ok(&["process", "sarah", NOTES, "--date", "2026-02-03"]);
    let doc = sb.read(SARAH);
    assert!(
        doc.contains("- [x] Approve training budget (completed 2026-02-03)"),
        "{doc}"
    );
    assert!(
        doc.contains("- [ ] [P1] Find courses (by 2026-02-10)"),
        "{doc}"
    );
    assert!(sb.subject().starts_with("1:1 Sarah Chen 2026-02-03: "));
}

#[test]
fn dry_run_diff_is_coloured_only_when_asked_and_no_color_is_unset() {
    let sb = reference_repo();
    let dry_run = [PROCESS_REFERENCE.as_slice(), &["--dry-run"]].concat();
    let text = sb.run_coloured(&dry_run);
    assert!(
        text.contains("\x1b[32m+- [ ] [P1] Find courses (by 2026-01-22)\x1b[0m\n"),
        "{text:?}"
    );
    assert!(
        text.contains("\x1b[31m-- [ ] Approve training budget\x1b[0m\n"),
        "{text:?}"
    );
    // NO_COLOR wins over --color always; a pipe gets no colour by default.
    for (args, no_color) in [(&["--color", "always"][..], true), (&[][..], false)] {
        let mut cmd = sb.oneonone();
        if !no_color {
            cmd.env_remove("NO_COLOR");
        }
        let plain = cmd
            .args(args)
            .args([
                "process",
                "sarah",
                NOTES,
                "--date",
                "2026-01-15",
                "--dry-run",
            ])
            .output()
            .unwrap();
        assert_ok(&plain);
        assert!(!stdout(&plain).contains('\x1b'), "{args:?}");
        assert!(stdout(&plain).contains("\n+- [ ] [P1] Find courses (by 2026-01-22)\n"));
    }
}

#[test]
fn backlog_tick_is_carried_into_the_document_by_the_next_process() {
    let sb = reference_repo();
    assert_ok(&process(&sb, &[NOTES]));
    let backlog = sb.read("BACKLOG.md").replace(
        "- [ ] [P1] Find courses (due: 2026-01-22)",
        "- [x] [P1] Find courses (due: 2026-01-22)",
    );
    sb.write("BACKLOG.md", &backlog);
    sb.commit_all("found the courses");

    sb.write("next.md", "- Talked about the conference budget\n");
    sb.run_ok(&["process", "sarah", "next.md", "--date", "2026-01-22"]);
    let doc = sb.read(SARAH);
    assert_under(
        &doc,
        "### My Actions",
        "- [x] [P1] Find courses (by 2026-01-22) (completed 2026-01-22)",
    );
    // BACKLOG.md already says it; it is not written again.
    assert_eq!(sb.read("BACKLOG.md"), backlog);
    let files = sb.git(&["show", "--name-only", "--format=", "HEAD"]);
    assert_eq!(files, format!("{SARAH}\n"));
}

#[test]
fn date_phrase_resolves_against_today() {
    let sb = reference_repo();
    let before = chrono::Utc::now().date_naive();
    let report = dry_run_report(&sb, "yesterday");
    let after = chrono::Utc::now().date_naive();
    let date = report["date"].as_str().unwrap().to_owned();
    // TZ=UTC in the sandbox; either side of a midnight passing during the run is fine.
    let allowed = [before.pred_opt().unwrap(), after.pred_opt().unwrap()].map(|d| d.to_string());
    assert!(allowed.contains(&date), "{date} not in {allowed:?}");
}

#[test]
fn missing_backlog_is_created_and_committed() {
    let sb = Sandbox::git_repo();
    write_reference(&sb);
    std::fs::remove_file(sb.root.join("BACKLOG.md")).unwrap();
    sb.commit_all("no backlog yet");
    assert_ok(&process(&sb, &[NOTES]));
    let backlog = sb.read("BACKLOG.md");
    assert!(backlog.starts_with("# "), "{backlog}");
    assert!(
        backlog.lines().any(|l| l == FIND_COURSES_BACKLOG),
        "{backlog}"
    );
    let files = sb.git(&["show", "--name-only", "--format=", "HEAD"]);
    assert_eq!(files, format!("BACKLOG.md\n{SARAH}\n"));
    assert_eq!(sb.git(&["status", "--porcelain"]), "");
}

#[test]
fn failed_backlog_write_leaves_the_document_unwritten() {
    let sb = Sandbox::git_repo();
    write_reference(&sb);
    sb.commit_all("notes");
    // Read-only: the document is written first, then BACKLOG.md is refused.
    let backlog = sb.root.join("BACKLOG.md");
    let mut perms = std::fs::metadata(&backlog).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&backlog, perms).unwrap();
    let before = sb.read(SARAH);

    let out = process(&sb, &[NOTES]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(
        stderr(&out).contains("nothing was written"),
        "{}",
        stderr(&out)
    );
    assert_eq!(sb.read(SARAH), before);
    assert_eq!(sb.commit_count(), 1);
    assert_eq!(sb.git(&["status", "--porcelain"]), "");
}

#[test]
fn ticking_an_item_ticks_its_backlog_task_in_the_same_commit() {
    let sb = reference_repo();
    assert_ok(&process(&sb, &[NOTES]));
    sb.write(
        "next.md",
        "- found 3 courses for the budget, Udemy looks best\n",
    );
    let out = sb.run_ok(&["process", "sarah", "next.md", "--date", "2026-01-22"]);
    let doc = sb.read(SARAH);
    assert_under(
        &doc,
        "### My Actions",
        "- [x] [P1] Find courses (by 2026-01-22) (completed 2026-01-22)",
    );
    let backlog = sb.read("BACKLOG.md");
    assert!(
        backlog.contains(
            "- [x] [P1] Find courses (due: 2026-01-22) (1:1 Sarah Chen, 2026-01-15) (completed 2026-01-22)\n"
        ),
        "{backlog}"
    );
    let files = sb.git(&["show", "--name-only", "--format=", "HEAD"]);
    assert_eq!(files, format!("BACKLOG.md\n{SARAH}\n"));
    assert!(out.contains("BACKLOG.md: 1 task(s) ticked"), "{out}");
}

#[test]
fn topics_flag_writes_the_meeting_line() {
    let sb = reference_repo();
    assert_ok(&process(
        &sb,
        &[NOTES, "--topics", "career path, advisory board kickoff"],
    ));
    let doc = sb.read(SARAH);
    assert_under(
        &doc,
        "## Meeting History",
        "- 2026-01-15: Career path, advisory board kickoff",
    );
}

#[test]
fn summary_says_when_uncommitted_edits_of_the_document_go_into_the_commit() {
    let sb = reference_repo();
    let edited = sb.read(SARAH).replace(
        "## Meeting History",
        "## Meeting History\n<!-- typed before the run -->",
    );
    sb.write(SARAH, &edited);
    let out = process(&sb, &[NOTES]);
    assert_ok(&out);
    assert!(
        stdout(&out)
            .contains("had uncommitted edits before this run: they go into this commit too"),
        "{}",
        stdout(&out)
    );
    assert!(
        sb.git(&["show", "HEAD"])
            .contains("<!-- typed before the run -->")
    );

    // A clean document says nothing of the kind.
    let sb = reference_repo();
    let out = process(&sb, &[NOTES]);
    assert!(
        !stdout(&out).contains("uncommitted edits"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn summary_shows_each_due_date_beside_its_words_and_the_guesses_apart() {
    let sb = reference_repo();
    sb.write(
        "dump.md",
        "- triage the bug queue by Friday\n- roadmap vibes are off\n",
    );
    let out = process(&sb, &["dump.md"]);
    assert_ok(&out);
    let text = stdout(&out);
    assert!(
        text.contains("- [P1] Triage the bug queue (due: 2026-01-16, from \"by Friday\")"),
        "{text}"
    );
    assert!(
        text.contains(
            "No rule recognised these; filed as discussion:\n- line 2: Roadmap vibes are off"
        ),
        "{text}"
    );
}
