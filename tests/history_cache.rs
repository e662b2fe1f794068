//! The history cache is only an optimisation: a deepened shallow clone is read again, and
//! a cache that is not a regular file or cannot be written is ignored with a warning while
//! `log` still prints the full record.

mod common;
use common::{SARAH, Sandbox, stderr, stdout};
use std::process::Output;

const HEAD: &str = "---\nperson: Sarah Chen\n---\n\n# 1:1 with Sarah Chen\n\n## Meeting History\n";

/// A repository with three meetings, one commit each, on different dates.
fn three_meetings() -> Sandbox {
    let sb = Sandbox::git_repo();
    let mut lines = Vec::new();
    for (day, topic) in [
        ("2026-01-08", "Kickoff"),
        ("2026-01-15", "Career path"),
        ("2026-01-22", "Roadmap"),
    ] {
        lines.insert(0, format!("- {day}: {topic}\n"));
        sb.write(SARAH, &format!("{HEAD}{}", lines.concat()));
        sb.git(&["add", "-A"]);
        let stamp = format!("{day}T12:00:00+00:00");
        sb.git_env(
            &["commit", "-qm", topic],
            &[("GIT_AUTHOR_DATE", &stamp), ("GIT_COMMITTER_DATE", &stamp)],
        );
    }
    sb
}

fn log(sb: &Sandbox, dir: &std::path::Path) -> Output {
    sb.oneonone()
        .current_dir(dir)
        .args(["log", "sarah", "--format", "json"])
        .output()
        .unwrap()
}

fn ok(out: Output) -> String {
    assert!(out.status.success(), "{}", stderr(&out));
    stdout(&out)
}

#[test]
fn shallow_clone_deepened_is_read_again() {
    let sb = three_meetings();
    let full = ok(log(&sb, &sb.root));
    let clone = sb.tmp.path().join("clone");
    let url = format!("file://{}", sb.root.display());
    sb.git(&[
        "clone",
        "-q",
        "--depth",
        "1",
        &url,
        &clone.display().to_string(),
    ]);
    let shallow = ok(log(&sb, &clone));
    assert_ne!(shallow, full, "a shallow clone sees less history");
    assert!(clone.join(".git/oneonone/cache-v1.json").is_file());

    let out = std::process::Command::new("git")
        .current_dir(&clone)
        .args(["fetch", "-q", "--unshallow"])
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_SYSTEM", "/dev/null")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        ok(log(&sb, &clone)),
        full,
        "the deepened clone kept the cache"
    );
}

#[cfg(unix)]
#[test]
fn cache_that_is_a_fifo_is_ignored_with_a_warning_not_a_hang() {
    let sb = three_meetings();
    let full = ok(log(&sb, &sb.root));
    let cache = sb.root.join(".git/oneonone/cache-v1.json");
    std::fs::remove_file(&cache).unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(&cache)
        .status()
        .unwrap();
    assert!(made.success());
    let mut child = sb
        .oneonone_process()
        .args(["log", "sarah", "--format", "json"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while child.try_wait().unwrap().is_none() {
        if std::time::Instant::now() > deadline {
            child.kill().unwrap();
            panic!("log hung on the FIFO");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    assert!(
        stderr(&out).contains("not a regular file"),
        "{}",
        stderr(&out)
    );
    assert_eq!(ok(out), full);
}

#[cfg(unix)]
#[test]
fn cache_that_cannot_be_written_is_ignored_with_a_warning() {
    let sb = three_meetings();
    // A file where the cache's directory should be: nothing can be written there.
    std::fs::write(sb.root.join(".git/oneonone"), "not a directory\n").unwrap();
    let out = log(&sb, &sb.root);
    assert!(stderr(&out).contains("warning:"), "{}", stderr(&out));
    assert!(stderr(&out).contains("history cache"), "{}", stderr(&out));
    let printed = ok(out);
    assert!(printed.contains("Roadmap"), "{printed}");
    assert!(printed.contains("Kickoff"), "{printed}");
}
