//! End-to-end: the merge driver registered by `oneonone hooks install --merge-driver`,
//! exercised by real `git merge`s of concurrent meetings.

mod common;

use chrono::NaiveDate;
use common::repos::*;
use oneonone_core::{Document, Entry, NewActionItem, Owner};

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// The dates of `entries`, in document order.
fn dates(entries: &[Entry]) -> Vec<NaiveDate> {
    entries.iter().map(|e| e.date).collect()
}

/// What `process` does for one meeting: a thread entry, a new action item, a ticked box,
/// an accomplishment and a meeting-history line.
fn process_meeting(text: &str, day: &str, topic: &str, tick: &str) -> String {
    let mut doc = Document::parse(text).unwrap();
    let d = date(day);
    doc.add_thread_entry("Career Development", d, &format!("{topic} discussed"), &[])
        .unwrap();
    doc.add_action_item(
        &Owner::Me,
        &NewActionItem {
            text: format!("Follow up on {topic}"),
            due: None,
            priority: None,
        },
    )
    .unwrap();
    let line = doc
        .action_items()
        .find(|i| i.text.contains(tick))
        .unwrap()
        .line;
    doc.complete_action_item(line, d).unwrap();
    doc.add_accomplishment(d, &format!("Shipped {topic}"))
        .unwrap();
    doc.add_meeting(d, topic).unwrap();
    doc.to_string()
}

/// A repository `r` with the hook and merge driver installed and a BACKLOG.md committed.
fn driver_repo() -> Sandbox {
    let sb = Sandbox::new();
    sb.repo("r");
    // The binary is not on PATH: git runs the driver by the absolute path it was
    // registered with.
    assert!(
        !sb.path_dirs.iter().any(|d| d.join("oneonone").exists()),
        "the binary must be off PATH"
    );
    let out = sb.ok("r", &["hooks", "install", "--merge-driver"]);
    assert!(out.contains("merge driver registered"), "{out}");
    sb.write(
        "r/BACKLOG.md",
        "# Backlog\n- [ ] Existing task (sarah-chen, 2026-01-15)\n",
    );
    sb.commit_all("r", "attributes and backlog");
    sb
}

#[test]
fn concurrent_meetings_merge_without_conflict_in_date_order() {
    let sb = driver_repo();
    let base = sb.read(&format!("r/{DOC}"));

    sb.git("r", &["checkout", "-q", "-b", "laptop"]);
    let a = process_meeting(&base, "2026-01-22", "Roadmap", "Research customer advisory");
    sb.write(&format!("r/{DOC}"), &a);
    let backlog = sb.read("r/BACKLOG.md");
    sb.write(
        "r/BACKLOG.md",
        &format!("{backlog}- [ ] Follow up on Roadmap (sarah-chen, 2026-01-22)\n"),
    );
    sb.git("r", &["commit", "-q", "-am", "meeting 22"]);

    sb.git("r", &["checkout", "-q", "main"]);
    let b = process_meeting(&base, "2026-01-29", "Hiring", "Draft the QBR deck");
    sb.write(&format!("r/{DOC}"), &b);
    sb.write(
        "r/BACKLOG.md",
        &format!("{backlog}- [ ] Follow up on Hiring (sarah-chen, 2026-01-29)\n"),
    );
    sb.git("r", &["commit", "-q", "-am", "meeting 29"]);

    let out = sb.git_output("r", &["merge", "-q", "--no-edit", "laptop"]);
    assert!(
        out.status.success(),
        "merge failed: {}{}",
        stdout(&out),
        stderr(&out)
    );
    let merged = sb.read(&format!("r/{DOC}"));
    assert!(!merged.contains("<<<<<<<"), "{merged}");

    let doc = Document::parse(&merged).unwrap();
    let diagnostics = doc.validate(None);
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    assert_eq!(errors, 0, "{diagnostics:?}\n{merged}");
    sb.ok("r", &["validate", DOC]);

    let meetings: Vec<String> = doc.meetings().iter().map(|e| e.text.clone()).collect();
    assert_eq!(
        meetings,
        ["Hiring", "Roadmap", "Career path, advisory board kickoff"],
        "{merged}"
    );
    let career = &doc.thread("Career Development").unwrap().entries;
    assert_eq!(
        dates(career),
        [
            date("2026-01-29"),
            date("2026-01-22"),
            date("2026-01-15"),
            date("2025-12-10")
        ]
    );
    assert_eq!(
        dates(doc.accomplishments()),
        [date("2026-01-29"), date("2026-01-22"), date("2026-01-15")]
    );
    let item = |t: &str| {
        doc.action_items()
            .find(|i| i.text.contains(t))
            .unwrap()
            .clone()
    };
    assert!(item("Research customer advisory").done);
    assert_eq!(
        item("Research customer advisory").completed,
        Some(date("2026-01-22"))
    );
    assert!(item("Draft the QBR deck").done);
    assert_eq!(
        item("Draft the QBR deck").completed,
        Some(date("2026-01-29"))
    );
    assert!(!item("Follow up on Roadmap").done);
    assert!(!item("Follow up on Hiring").done);
    assert_eq!(merged.matches("Follow up on Roadmap").count(), 1);

    let backlog = sb.read("r/BACKLOG.md");
    assert_eq!(
        backlog.matches("Follow up on Roadmap").count(),
        1,
        "{backlog}"
    );
    assert_eq!(
        backlog.matches("Follow up on Hiring").count(),
        1,
        "{backlog}"
    );
    assert_eq!(backlog.matches("Existing task").count(), 1, "{backlog}");
}

#[test]
fn free_text_conflict_gets_markers_and_the_hook_blocks_the_commit() {
    let sb = driver_repo();
    sb.ok("r", &["hooks", "install"]);
    let base = sb.read(&format!("r/{DOC}"));
    let prose = "Sarah prefers written updates before the meeting.";

    sb.git("r", &["checkout", "-q", "-b", "laptop"]);
    sb.write(
        &format!("r/{DOC}"),
        &base.replace(prose, "Sarah prefers a call."),
    );
    sb.git("r", &["commit", "-q", "-am", "laptop prose"]);
    sb.git("r", &["checkout", "-q", "main"]);
    let b = base.replace(prose, "Sarah prefers Slack.");
    let b = b.replace(
        "## Meeting History\n",
        "## Meeting History\n- 2026-01-29: Hiring\n",
    );
    sb.write(&format!("r/{DOC}"), &b);
    sb.git("r", &["commit", "-q", "-am", "desktop prose"]);

    let out = sb.git_output("r", &["merge", "--no-edit", "laptop"]);
    assert!(!out.status.success(), "merge passed");
    let merged = sb.read(&format!("r/{DOC}"));
    assert!(
        merged.contains(
            "<<<<<<< ours\nSarah prefers Slack.\n=======\nSarah prefers a call.\n>>>>>>> theirs\n"
        ),
        "{merged}"
    );
    // The parts merged cleanly are there all the same.
    assert!(merged.contains("- 2026-01-29: Hiring\n"), "{merged}");

    sb.git("r", &["add", DOC]);
    let out = sb.git_output("r", &["commit", "--no-edit"]);
    assert!(!out.status.success(), "conflicted merge committed");
    assert!(stderr(&out).contains("error[E020]"), "{}", stderr(&out));
}

#[test]
fn merge_driver_registration_is_idempotent() {
    let sb = driver_repo();
    let attributes = sb.read("r/.gitattributes");
    assert_eq!(
        attributes,
        "Career/1-on-1s/**/*.md merge=oneonone\nBACKLOG.md merge=oneonone\n"
    );
    let out = sb.ok("r", &["hooks", "install", "--merge-driver"]);
    assert!(out.contains("already in the git config"), "{out}");
    assert_eq!(sb.read("r/.gitattributes"), attributes);
    assert_eq!(
        sb.git("r", &["config", "merge.oneonone.driver"]).trim(),
        format!("'{}' merge-driver %O %A %B %P", bin().display())
    );
    let attr = sb.git(
        "r",
        &["check-attr", "merge", "--", "Career/1-on-1s/archive/x/q.md"],
    );
    assert!(attr.contains("merge: oneonone"), "{attr}");
    // Uninstall takes back exactly what install added.
    sb.ok("r", &["hooks", "uninstall"]);
    assert!(!sb.path("r/.gitattributes").exists());
    assert!(
        !sb.git_output("r", &["config", "merge.oneonone.driver"])
            .status
            .success()
    );
}

#[test]
fn merge_driver_exit_codes_follow_git() {
    let sb = Sandbox::new();
    std::fs::create_dir_all(sb.path("m")).unwrap();
    sb.write("m/base", "a\n- 2026-01-01: x\n");
    sb.write("m/ours", "a\n- 2026-01-02: o\n- 2026-01-01: x\n");
    sb.write("m/theirs", "a\n- 2026-01-03: t\n- 2026-01-01: x\n");
    let out = sb.oneonone("m", &["merge-driver", "base", "ours", "theirs", "doc.md"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        sb.read("m/ours"),
        "a\n- 2026-01-03: t\n- 2026-01-02: o\n- 2026-01-01: x\n"
    );
    sb.write("m/ours", "b\n");
    sb.write("m/theirs", "c\n");
    sb.write("m/base", "a\n");
    let out = sb.oneonone("m", &["merge-driver", "base", "ours", "theirs", "doc.md"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("doc.md"), "{}", stderr(&out));
    assert!(sb.read("m/ours").starts_with("<<<<<<< ours\nb\n"));
}

#[test]
fn unreadable_side_falls_back_to_git_line_merge_with_markers() {
    let sb = driver_repo();
    let base = sb.read(&format!("r/{DOC}"));
    sb.git("r", &["checkout", "-q", "-b", "laptop"]);
    // A stray non-UTF-8 byte: the driver cannot read this side as text.
    let mut theirs = base
        .replace("Draft the QBR deck", "Draft the QBR deck \u{fffd}")
        .into_bytes();
    let at = theirs.iter().position(|&b| b == 0xef).unwrap();
    theirs.splice(at..at + 3, [0xff]);
    std::fs::write(sb.path(&format!("r/{DOC}")), &theirs).unwrap();
    sb.git("r", &["commit", "-q", "--no-verify", "-am", "laptop edit"]);
    sb.git("r", &["checkout", "-q", "main"]);
    let ours = base.replace("Draft the QBR deck", "Draft the QBR deck for March");
    sb.write(&format!("r/{DOC}"), &ours);
    sb.git("r", &["commit", "-q", "-am", "desktop edit"]);

    let out = sb.git_output("r", &["merge", "-q", "--no-edit", "laptop"]);
    assert!(!out.status.success(), "a conflict must stop the merge");
    assert!(
        stderr(&out).contains("git's line merge"),
        "{}",
        stderr(&out)
    );
    let merged = std::fs::read(sb.path(&format!("r/{DOC}"))).unwrap();
    let merged = String::from_utf8_lossy(&merged);
    assert!(merged.contains("<<<<<<< ours"), "{merged}");
    assert!(merged.contains("Draft the QBR deck for March"), "{merged}");
    assert!(merged.contains(">>>>>>> theirs"), "{merged}");
}
