//! Crash safety of `process`: a run killed at any moment (at a failpoint or by a signal)
//! leaves every file with exactly its old or its new content and no temporary file where
//! `git add -A` would pick it up; the user's next ordinary commit loses no note line; the
//! next run takes the dead run's lock over and completes the work without duplicating it.

mod common;
use common::{Sandbox, example};
use std::path::Path;

const DOC: &str = "Career/1-on-1s/sarah-chen.md";

fn repo_with_sarah() -> Sandbox {
    let sb = Sandbox::git_repo();
    sb.oneonone().arg("init").assert().success();
    sb.write(
        DOC,
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/oneonone-core/tests/fixtures/sarah-chen-before-2026-01-15.md"
        ))
        .unwrap(),
    );
    sb.write("BACKLOG.md", "# Backlog\n\n");
    sb.write("notes.md", &example("notes-2026-01-15.md"));
    sb.commit_all("start");
    sb
}

fn process(sb: &Sandbox, failpoint: Option<&str>) -> std::process::Output {
    let mut cmd = sb.oneonone();
    cmd.args(["process", "sarah", "notes.md", "--date", "2026-01-15"]);
    if let Some(f) = failpoint {
        cmd.env("ONEONONE_FAILPOINT", f);
    }
    cmd.output().unwrap()
}

/// Every file under `dir` (recursively, without .git), relative names.
fn files(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.file_name().is_some_and(|n| n == ".git") {
                continue;
            }
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p.strip_prefix(dir).unwrap().display().to_string());
            }
        }
    }
    out.sort();
    out
}

/// The next run after a crash takes the dead run's lock over, saying so on stderr.
fn rerun_takes_over(sb: &Sandbox) -> std::process::Output {
    let out = process(sb, None);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("took over the lock"), "{err}");
    assert!(err.contains("oneonone.lock"), "{err}");
    out
}

fn commits(sb: &Sandbox) -> usize {
    sb.git(&["rev-list", "--count", "HEAD"])
        .trim()
        .parse()
        .unwrap()
}

/// What a clean run writes, from a twin repository.
fn clean_result() -> (String, String) {
    let clean = repo_with_sarah();
    assert!(process(&clean, None).status.success());
    (clean.read(DOC), clean.read("BACKLOG.md"))
}

fn temp_files(sb: &Sandbox) -> Vec<String> {
    files(&sb.root)
        .into_iter()
        .filter(|f| f.ends_with(".tmp"))
        .collect()
}

#[test]
fn crash_before_rename_leaves_old_document_and_no_temp_file_in_work_tree() {
    let (new_doc, new_backlog) = clean_result();
    let sb = repo_with_sarah();
    let old_doc = sb.read(DOC);
    let old_backlog = sb.read("BACKLOG.md");
    assert_ne!(old_doc, new_doc);
    assert_ne!(old_backlog, new_backlog);

    let out = process(&sb, Some("after-temp-write"));
    assert!(!out.status.success(), "the failpoint must stop the run");
    assert_eq!(
        sb.read(DOC),
        old_doc,
        "a crash before the rename keeps the old document"
    );
    assert_eq!(sb.read("BACKLOG.md"), old_backlog);
    assert_eq!(commits(&sb), 1);

    // The temporary file is in the git directory, where `git add -A` never looks.
    assert_eq!(temp_files(&sb), Vec::<String>::new());
    let left = std::fs::read_dir(sb.root.join(".git/oneonone-tmp"))
        .unwrap()
        .count();
    assert_eq!(left, 1, "the killed run's temporary file");
    sb.git(&["add", "-A"]);
    assert_eq!(sb.git(&["status", "--porcelain"]), "");
    let v = sb.oneonone().arg("validate").output().unwrap();
    assert_eq!(
        v.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&v.stdout)
    );

    // The next run takes the dead run's lock over, removes its temporary file, and writes
    // exactly what a clean run writes.
    rerun_takes_over(&sb);
    assert_eq!(sb.read(DOC), new_doc);
    assert_eq!(sb.read("BACKLOG.md"), new_backlog);
    assert_eq!(commits(&sb), 2);
    let left = std::fs::read_dir(sb.root.join(".git/oneonone-tmp"))
        .unwrap()
        .count();
    assert_eq!(left, 0, "the temporary file was not cleaned");
    assert!(!sb.root.join(".git/oneonone.lock").exists());
}

/// A run killed at `kill`, then the user's ordinary `git add -A; git commit`, then a run
/// again: no commit ever loses a line the notes had, no temporary file is committed, and
/// the rerun leaves exactly what a clean run leaves, committed.
fn killed_then_user_commit(kill: &dyn Fn(&Sandbox), new_doc: &str, new_backlog: &str) {
    let sb = repo_with_sarah();
    let old_doc = sb.read(DOC);
    kill(&sb);
    for file in [DOC, "BACKLOG.md"] {
        let text = sb.read(file);
        let expected = if file == DOC { new_doc } else { new_backlog };
        assert!(
            text == expected
                || text == sb.git(&["show", &format!("HEAD~{}:{file}", commits(&sb) - 1)]),
            "{file} is neither old nor new:\n{text}"
        );
    }
    // The user's own commit of an unrelated file must leave the notes as HEAD had them
    // (a stale index would put the old document back), and `git add -A` must find no
    // temporary file.
    let head_doc = sb.git(&["show", &format!("HEAD:{DOC}")]);
    let head_backlog = sb.git(&["show", "HEAD:BACKLOG.md"]);
    sb.write("other.txt", "the user's own change\n");
    sb.git(&["add", "other.txt"]);
    sb.git(&["commit", "-qm", "user commit"]);
    assert_eq!(sb.git(&["show", &format!("HEAD:{DOC}")]), head_doc);
    assert_eq!(sb.git(&["show", "HEAD:BACKLOG.md"]), head_backlog);
    assert!(head_doc == old_doc || head_doc == new_doc, "{head_doc}");
    let untracked = sb.git(&["status", "--porcelain", "--untracked-files=all"]);
    assert!(!untracked.contains(".tmp"), "{untracked}");

    let again = process(&sb, None);
    assert!(
        again.status.success(),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
    assert_eq!(sb.read(DOC), new_doc);
    assert_eq!(sb.read("BACKLOG.md"), new_backlog);
    assert_eq!(sb.git(&["show", &format!("HEAD:{DOC}")]), new_doc);
    assert_eq!(sb.git(&["show", "HEAD:BACKLOG.md"]), new_backlog);
    assert_eq!(
        sb.git(&["status", "--porcelain", "--", DOC, "BACKLOG.md"]),
        ""
    );
    assert_eq!(temp_files(&sb), Vec::<String>::new());
}

#[test]
fn killed_run_then_user_commit_loses_no_note_line_at_any_failpoint() {
    let (new_doc, new_backlog) = clean_result();
    for failpoint in [
        "after-temp-write",
        "after-temp-write:BACKLOG.md",
        "before-commit",
    ] {
        killed_then_user_commit(
            &|sb| assert!(!process(sb, Some(failpoint)).status.success()),
            &new_doc,
            &new_backlog,
        );
    }
}

#[cfg(unix)]
#[test]
fn killed_run_then_user_commit_loses_no_note_line_whenever_killed() {
    let (new_doc, new_backlog) = clean_result();
    // From before the first write to while git's pre-commit hook runs.
    for delay_ms in [0u64, 5, 15, 30, 60, 120, 400] {
        killed_then_user_commit(
            &|sb| {
                std::fs::write(
                    sb.root.join(".git/hooks/pre-commit"),
                    "#!/bin/sh\nsleep 0.3\n",
                )
                .unwrap();
                set_executable(&sb.root.join(".git/hooks/pre-commit"));
                let mut cmd = sb.oneonone_process();
                cmd.args(["process", "sarah", "notes.md", "--date", "2026-01-15"])
                    .stdout(std::process::Stdio::null())
                    .stderr(std::process::Stdio::null());
                // Its own process group, so the git it may have started can be waited for
                // after the run itself is killed.
                std::os::unix::process::CommandExt::process_group(&mut cmd, 0);
                let mut child = cmd.spawn().unwrap();
                let group = child.id();
                std::thread::sleep(std::time::Duration::from_millis(delay_ms));
                let _ = child.kill();
                child.wait().unwrap();
                // Let a git commit the run had started finish, as it would for the user.
                wait_for_process_group(group);
                std::fs::remove_file(sb.root.join(".git/hooks/pre-commit")).unwrap();
            },
            &new_doc,
            &new_backlog,
        );
    }
}

/// Waits until no live process is left in process group `group` (a killed run's orphaned
/// `git commit` keeps running; whether it has taken `index.lock` yet cannot be seen).
#[cfg(unix)]
fn wait_for_process_group(group: u32) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while group_alive(group) {
        assert!(
            std::time::Instant::now() < deadline,
            "process group {group} still running after 30 s"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

/// Whether a process that has not exited is in `group`. Zombies are not counted: an
/// exited child waiting to be reaped has finished its work.
#[cfg(unix)]
fn group_alive(group: u32) -> bool {
    let Ok(procs) = std::fs::read_dir("/proc") else {
        // No procfs (macOS): ask the kernel; a zombie counts as alive here.
        return std::process::Command::new("kill")
            .args(["-0", "--", &format!("-{group}")])
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
    };
    procs.flatten().any(|entry| {
        let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else {
            return false;
        };
        // "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses.
        let Some((_, rest)) = stat.rsplit_once(')') else {
            return false;
        };
        let fields: Vec<&str> = rest.split_whitespace().collect();
        fields.len() > 2 && fields[0] != "Z" && fields[2] == group.to_string()
    })
}

#[cfg(unix)]
fn set_executable(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn crash_between_document_and_backlog_is_completed_on_rerun() {
    let (new_doc, new_backlog) = clean_result();
    let sb = repo_with_sarah();
    let old_backlog = sb.read("BACKLOG.md");
    let out = process(&sb, Some("after-temp-write:BACKLOG.md"));
    assert!(!out.status.success());
    // The document was renamed into place whole; BACKLOG.md is untouched; nothing committed.
    assert_eq!(sb.read(DOC), new_doc);
    assert_eq!(sb.read("BACKLOG.md"), old_backlog);
    assert_eq!(commits(&sb), 1);

    // Re-running completes the interrupted run: the document gains nothing, BACKLOG.md
    // gets exactly the tasks it missed, and both are committed, as a clean run leaves them.
    rerun_takes_over(&sb);
    assert_eq!(sb.read(DOC), new_doc, "the rerun duplicated document lines");
    assert_eq!(sb.read("BACKLOG.md"), new_backlog);
    assert_eq!(commits(&sb), 2);
    assert_eq!(
        sb.git(&["status", "--porcelain", "--", "BACKLOG.md", DOC]),
        "",
        "the rerun's commit holds the document and BACKLOG.md"
    );
    assert_eq!(
        sb.git(&["show", "HEAD:BACKLOG.md"]),
        new_backlog,
        "BACKLOG.md is committed in full"
    );

    // A third run has nothing left to do.
    let third = process(&sb, None);
    assert!(third.status.success());
    assert_eq!(commits(&sb), 2);
    assert_eq!(sb.read("BACKLOG.md"), new_backlog);
}

#[test]
fn process_creates_missing_backlog() {
    let sb = repo_with_sarah();
    sb.git(&["rm", "-q", "BACKLOG.md"]);
    sb.git(&["commit", "-qm", "no backlog"]);
    let out = process(&sb, None);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        sb.read("BACKLOG.md")
            .contains("(1:1 Sarah Chen, 2026-01-15)")
    );
    assert_eq!(
        sb.git(&["status", "--porcelain", "--", "BACKLOG.md", DOC]),
        ""
    );
}
