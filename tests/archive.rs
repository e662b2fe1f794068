//! `oneonone archive`: the quarter's finished material moves byte for byte into a retro
//! document, committed as one move; nothing is lost and a re-run changes nothing.

mod common;

use chrono::Datelike;
use common::{Sandbox, example};
use oneonone_core::Document;

const SARAH: &str = "Career/1-on-1s/sarah-chen.md";
const RETRO: &str = "Career/1-on-1s/archive/sarah-chen/2025-Q4-retro.md";

fn seeded() -> Sandbox {
    let s = Sandbox::git_repo();
    s.write(SARAH, &example(SARAH));
    s.write(
        "Career/1-on-1s/priya-patel.md",
        &example("Career/1-on-1s/priya-patel.md"),
    );
    s.commit_all("seed");
    s
}

/// Every entry and action item of a document, as its exact source lines.
fn entry_blocks(text: &str) -> Vec<String> {
    let doc = Document::parse(text).unwrap();
    let mut spans: Vec<(usize, usize)> = Vec::new();
    for t in doc.threads() {
        spans.extend(t.entries.iter().map(|e| (e.line, e.end_line)));
    }
    spans.extend(doc.action_items().map(|i| (i.line, i.end_line)));
    spans.extend(doc.accomplishments().iter().map(|e| (e.line, e.end_line)));
    spans.extend(doc.meetings().iter().map(|e| (e.line, e.end_line)));
    spans
        .into_iter()
        .map(|(a, b)| doc.line_range_text(a, b).to_owned())
        .collect()
}

#[test]
fn archive_moves_the_quarter_and_loses_nothing() {
    let s = seeded();
    let original = s.read(SARAH);
    s.run_ok(&["archive", "sarah", "--quarter", "2025-Q4"]);
    let running = s.read(SARAH);
    let retro = s.read(RETRO);
    for block in entry_blocks(&original) {
        let in_running = running.contains(&block);
        let in_retro = retro.contains(&block);
        assert!(in_running ^ in_retro, "{block:?} in exactly one file");
    }
    let doc = Document::parse(&running).unwrap();
    let q4 = |d: chrono::NaiveDate| d.year() == 2025 && d.month() >= 10;
    assert!(
        doc.threads()
            .iter()
            .flat_map(|t| &t.entries)
            .all(|e| !q4(e.date))
    );
    assert!(doc.meetings().iter().all(|e| !q4(e.date)));
    assert!(doc.accomplishments().iter().all(|e| !q4(e.date)));
    // Open items stay, whatever their date; so do the focus areas and the section headings.
    assert_eq!(doc.action_items().filter(|i| !i.done).count(), 2);
    assert!(running.contains("- [x] Implement new onboarding flow (completed 2026-01-08)\n"));
    assert!(!running.contains("Draft Q1 account plan"));
    assert!(running.contains("## Current Focus Areas\n"));
    // Only the moved lines left the running document, with the thread headings the move
    // emptied: it is the original minus them.
    let mut rebuilt = original.clone();
    for block in entry_blocks(&retro) {
        rebuilt = rebuilt.replacen(&block, "", 1);
    }
    for emptied in ["### Career Development\n\n", "### Q1 Goals & Projects\n\n"] {
        assert!(!running.contains(emptied.trim_end()), "{running}");
        rebuilt = rebuilt.replacen(emptied, "", 1);
    }
    assert_eq!(rebuilt, running);
    assert!(
        running.contains("### Team & Process\n- 2026-01-08"),
        "{running}"
    );

    let a = Document::parse(&retro).unwrap();
    assert_eq!(a.front_matter().person.as_deref(), Some("Sarah Chen"));
    assert_eq!(a.thread("Q1 Goals & Projects").unwrap().entries.len(), 2);
    assert_eq!(a.meetings()[0].text, "Q4 review, Q1 planning");
    assert!(retro.contains(
        "Archived from the running document: 1 completed action item, 4 thread entries, 1 accomplishment shared, 1 meeting.\n"
    ));
}

#[test]
fn archive_commits_exactly_the_two_files_with_trailers() {
    let s = seeded();
    s.write("unrelated.txt", "staged but not ours\n");
    s.git(&["add", "unrelated.txt"]);
    s.run_ok(&["archive", "sarah", "--quarter", "2025-Q4"]);
    let files = s.git(&["show", "--name-only", "--format=", "HEAD"]);
    let mut files: Vec<&str> = files.lines().filter(|l| !l.is_empty()).collect();
    files.sort_unstable();
    assert_eq!(files, [RETRO, SARAH]);
    let message = s.git(&["log", "-1", "--format=%B"]);
    assert!(
        message.starts_with("Archive Sarah Chen 2025-Q4: 7 entries\n\n"),
        "{message}"
    );
    assert!(message.contains("Person: sarah-chen\nArchive-Quarter: 2025-Q4\n"));
    assert_eq!(s.git(&["status", "--porcelain"]), "A  unrelated.txt\n");
}

#[test]
fn archive_rerun_is_a_no_op() {
    let s = seeded();
    s.run_ok(&["archive", "sarah", "--quarter", "2025-Q4"]);
    let head = s.git(&["rev-parse", "HEAD"]);
    let (running, retro) = (s.read(SARAH), s.read(RETRO));
    let out = s.run_ok(&["archive", "sarah", "--quarter", "2025-Q4"]);
    assert!(out.contains("Nothing to archive"), "{out}");
    assert_eq!(s.git(&["rev-parse", "HEAD"]), head);
    assert_eq!((s.read(SARAH), s.read(RETRO)), (running, retro));
}

#[test]
fn archived_documents_validate_and_read_commands_still_work() {
    let s = seeded();
    s.run_ok(&["archive", "sarah", "--quarter", "2025-Q4"]);
    s.run_ok(&["validate", RETRO]);
    s.run_ok(&["validate"]);
    s.run_ok(&["show", "sarah"]);
    let text = s.run_ok(&["prep", "sarah", "--date", "2026-01-15"]);
    assert!(
        text.contains("Review promotion packet requirements"),
        "{text}"
    );
    // The archive is no relationship of its own.
    let json = s.json(&["status", "--date", "2026-01-15", "--format", "json"]);
    assert_eq!(json["rows"].as_array().unwrap().len(), 2);
}

#[test]
fn archive_merges_later_old_entries_into_the_existing_retro() {
    let s = seeded();
    s.run_ok(&["archive", "sarah", "--quarter", "2025-Q4"]);
    let running = s.read(SARAH).replace(
        "## Meeting History\n",
        "## Meeting History\n- 2025-12-30: Late Q4 check-in\n",
    );
    s.write(SARAH, &running);
    s.git(&["commit", "-qam", "late entry"]);
    let first_retro = s.read(RETRO);
    s.run_ok(&["archive", "sarah", "--quarter", "2025-Q4"]);
    let retro = s.read(RETRO);
    assert!(retro.contains("## Meeting History\n- 2025-12-30: Late Q4 check-in\n- 2025-12-18: Q4 review, Q1 planning\n"), "{retro}");
    assert!(retro.contains("4 thread entries, 1 accomplishment shared, 2 meetings."));
    for block in entry_blocks(&first_retro) {
        assert!(retro.contains(&block), "{block:?} kept");
    }
    assert!(!s.read(SARAH).contains("Late Q4"));
    assert!(
        s.subject()
            .starts_with("Archive Sarah Chen 2025-Q4: 1 entry\n")
    );
}

#[test]
fn archive_dry_run_prints_both_diffs_and_writes_nothing() {
    let s = seeded();
    let original = s.read(SARAH);
    let text = s.run_ok(&["archive", "sarah", "--quarter", "2025-Q4", "--dry-run"]);
    assert!(
        text.contains(&format!("--- a/{SARAH}\n+++ b/{SARAH}\n")),
        "{text}"
    );
    assert!(text.contains(&format!("+++ b/{RETRO}\n")), "{text}");
    assert!(text.contains("-- 2025-12-18: Q4 review, Q1 planning\n"));
    assert!(text.contains("+- 2025-12-18: Q4 review, Q1 planning\n"));
    assert_eq!(s.read(SARAH), original);
    assert!(!s.root.join(RETRO).exists());
    assert_eq!(s.git(&["rev-list", "--count", "HEAD"]), "1\n");
}

#[test]
fn archive_refuses_a_detached_head_before_writing() {
    let s = seeded();
    s.git(&["checkout", "-q", "--detach"]);
    let original = s.read(SARAH);
    let err = s.run_err(&["archive", "sarah", "--quarter", "2025-Q4"]);
    assert!(err.contains("detached"), "{err}");
    assert_eq!(s.read(SARAH), original);
    assert!(!s.root.join(RETRO).exists());
}

#[test]
fn archive_no_commit_writes_without_committing() {
    let s = seeded();
    s.run_ok(&["archive", "sarah", "--quarter", "2025-Q4", "--no-commit"]);
    assert!(s.root.join(RETRO).is_file());
    assert_eq!(s.git(&["rev-list", "--count", "HEAD"]), "1\n");
}

#[test]
fn archive_rejects_a_malformed_quarter() {
    let s = seeded();
    let err = s.run_err(&["archive", "sarah", "--quarter", "2025-Q5"]);
    assert!(err.contains("2025-Q5"), "{err}");
}

#[test]
fn archive_leaves_the_quarter_review_unchanged() {
    let s = seeded();
    let args = [
        "review",
        "sarah",
        "--quarter",
        "2025-Q4",
        "--format",
        "markdown",
    ];
    let review = |s: &Sandbox| s.run_ok(&args);
    let before = review(&s);
    assert!(before.contains("Q4 NRR: 108%"), "{before}");
    s.run_ok(&["archive", "sarah", "--quarter", "2025-Q4"]);
    assert_eq!(review(&s), before);
}

#[cfg(unix)]
#[test]
fn archive_refused_by_a_hook_stays_written_and_rerun_commits_it() {
    use std::os::unix::fs::PermissionsExt;
    let s = seeded();
    let hook = s.root.join(".git/hooks/pre-commit");
    std::fs::create_dir_all(hook.parent().unwrap()).unwrap();
    std::fs::write(&hook, "#!/bin/sh\necho 'not today' >&2\nexit 1\n").unwrap();
    std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755)).unwrap();
    let out = s.run(["archive", "sarah", "--quarter", "2025-Q4"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("written but not committed"), "{err}");
    assert!(err.contains("not today"), "{err}");
    let (running, retro) = (s.read(SARAH), s.read(RETRO));
    assert_eq!(s.commit_count(), 1);

    std::fs::remove_file(&hook).unwrap();
    s.run_ok(&["archive", "sarah", "--quarter", "2025-Q4"]);
    assert_eq!(
        (s.read(SARAH), s.read(RETRO)),
        (running.clone(), retro.clone())
    );
    assert_eq!(s.commit_count(), 2);
    assert_eq!(s.git(&["show", &format!("HEAD:{SARAH}")]), running);
    assert_eq!(s.git(&["show", &format!("HEAD:{RETRO}")]), retro);
    assert!(
        s.git(&["log", "-1", "--format=%B"])
            .contains("Archive-Quarter: 2025-Q4")
    );
}
