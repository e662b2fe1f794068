//! Crash safety of `process`: a crash after the temporary file is written and before it is
//! renamed leaves every file with exactly its old or its new content, leaves no file that
//! `validate` would pick up, and the next run completes the work without duplicating it;
//! so does a crash between the document's write and BACKLOG.md's.

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
    sb.git(&["add", "-A"]);
    sb.git(&["commit", "-qm", "start"]);
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

/// After a crash the run's lock is left behind: the next run refuses it, naming the file
/// and how to remove it, and changes nothing; removing it as told lets runs go on.
fn clear_stale_lock(sb: &Sandbox) {
    let before = (sb.read(DOC), sb.read("BACKLOG.md"));
    let out = process(sb, None);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    let lock = sb.root.join(".git/oneonone.lock");
    assert!(err.contains("stale lock"), "{err}");
    assert!(err.contains(&format!("rm {}", lock.display())), "{err}");
    assert_eq!((sb.read(DOC), sb.read("BACKLOG.md")), before);
    std::fs::remove_file(lock).unwrap();
}

fn commits(sb: &Sandbox) -> usize {
    sb.git(&["rev-list", "--count", "HEAD"])
        .trim()
        .parse()
        .unwrap()
}

#[test]
fn crash_before_rename_leaves_old_document_and_rerun_completes() {
    // The content a clean run writes, from a twin repository.
    let clean = repo_with_sarah();
    assert!(process(&clean, None).status.success());
    let new_doc = clean.read(DOC);
    let new_backlog = clean.read("BACKLOG.md");

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

    // The left-over temporary file is hidden and not `*.md`: validate ignores it.
    let leftovers: Vec<String> = files(&sb.root)
        .into_iter()
        .filter(|f| f.ends_with(".tmp"))
        .collect();
    assert_eq!(leftovers.len(), 1, "{leftovers:?}");
    let name = Path::new(&leftovers[0])
        .file_name()
        .unwrap()
        .to_str()
        .unwrap();
    assert!(name.starts_with(".sarah-chen.md."), "{name}");
    assert!(!name.ends_with(".md"), "{name}");
    let v = sb.oneonone().arg("validate").output().unwrap();
    let report = String::from_utf8_lossy(&v.stdout);
    assert!(
        !report.contains(".tmp"),
        "validate read the temporary file: {report}"
    );
    assert_eq!(v.status.code(), Some(0), "{report}");

    // The next run succeeds (once the stale lock is removed as told) and writes exactly
    // what a clean run writes.
    clear_stale_lock(&sb);
    assert!(process(&sb, None).status.success());
    assert_eq!(sb.read(DOC), new_doc);
    assert_eq!(sb.read("BACKLOG.md"), new_backlog);
    assert_eq!(commits(&sb), 2);
}

#[test]
fn crash_between_document_and_backlog_is_completed_on_rerun() {
    let clean = repo_with_sarah();
    assert!(process(&clean, None).status.success());
    let new_doc = clean.read(DOC);
    let new_backlog = clean.read("BACKLOG.md");

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
    clear_stale_lock(&sb);
    let again = process(&sb, None);
    assert!(
        again.status.success(),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
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
