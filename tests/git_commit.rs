//! Commits made by git itself: the user's filters, signing, hooks and `GIT_DIR` apply; when
//! git refuses, the files stay written and the next run commits them; paths that would
//! leave the work tree are refused before anything is written.

mod common;
use common::{NOTES, PROCESS_REFERENCE, SARAH, Sandbox, assert_ok, reference_repo, stderr, stdout};
use std::path::Path;
use std::process::Output;

fn process(sb: &Sandbox) -> Output {
    sb.run(PROCESS_REFERENCE)
}

#[cfg(unix)]
fn hook(sb: &Sandbox, name: &str, body: &str) {
    use std::os::unix::fs::PermissionsExt;
    let path = sb.root.join(".git/hooks").join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
}

/// A refused commit: exit 1, git's own words, the files written, nothing committed.
fn assert_written_not_committed(sb: &Sandbox, out: &Output, git_says: &str, before: &str) {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("written but not committed"), "{err}");
    assert!(err.contains(git_says), "{err}");
    assert_ne!(sb.read(SARAH), before, "the document must stay written");
    assert_eq!(sb.commit_count(), 1);
}

/// The next run has nothing new to write and commits what the refused one left.
fn assert_rerun_commits(sb: &Sandbox, written: &str) {
    let out = process(sb);
    assert_ok(&out);
    assert!(stdout(&out).contains("Committed"), "{}", stdout(&out));
    assert_eq!(sb.read(SARAH), written, "the rerun wrote again");
    assert_eq!(sb.commit_count(), 2);
    assert_eq!(sb.git(&["show", &format!("HEAD:{SARAH}")]), written);
    assert_eq!(
        sb.git(&["status", "--porcelain", "--", SARAH, "BACKLOG.md"]),
        ""
    );
    let message = sb.git(&["log", "-1", "--format=%B"]);
    assert!(message.contains("Person: sarah-chen"), "{message}");
    assert!(message.contains("Meeting-Date: 2026-01-15"), "{message}");
}

#[test]
fn clean_filter_output_is_what_gets_committed() {
    let sb = reference_repo();
    sb.write(".git/info/attributes", "*.md filter=shout\n");
    sb.git(&[
        "config",
        "filter.shout.clean",
        "sed -e s/training/TRAINING/g",
    ]);
    sb.git(&["config", "filter.shout.smudge", "cat"]);
    assert_ok(&process(&sb));
    let written = sb.read(SARAH);
    assert!(written.contains("training"));
    let committed = sb.git(&["show", &format!("HEAD:{SARAH}")]);
    assert_eq!(committed, written.replace("training", "TRAINING"));
    assert_eq!(sb.git(&["status", "--porcelain", "--", SARAH]), "");
}

#[test]
fn gpgsign_without_key_refused_then_committed_once_signing_is_off() {
    let sb = reference_repo();
    let before = sb.read(SARAH);
    sb.git(&["config", "commit.gpgsign", "true"]);
    sb.git(&["config", "gpg.program", "/nonexistent/gpg"]);
    let out = process(&sb);
    assert_written_not_committed(&sb, &out, "gpg", &before);
    let written = sb.read(SARAH);

    sb.git(&["config", "commit.gpgsign", "false"]);
    assert_rerun_commits(&sb, &written);
}

#[cfg(unix)]
#[test]
fn failing_pre_commit_hook_blocks_commit_and_rerun_commits() {
    let sb = reference_repo();
    let before = sb.read(SARAH);
    hook(&sb, "pre-commit", "echo 'policy hook says no' >&2\nexit 1");
    let out = process(&sb);
    assert_written_not_committed(&sb, &out, "policy hook says no", &before);
    let written = sb.read(SARAH);

    std::fs::remove_file(sb.root.join(".git/hooks/pre-commit")).unwrap();
    assert_rerun_commits(&sb, &written);
}

#[cfg(unix)]
#[test]
fn commit_msg_and_post_commit_hooks_run() {
    let sb = reference_repo();
    hook(
        &sb,
        "commit-msg",
        "printf 'Reviewed-by: the hook\\n' >> \"$1\"",
    );
    hook(
        &sb,
        "post-commit",
        "git rev-parse HEAD > .git/post-commit-saw",
    );
    assert_ok(&process(&sb));
    let message = sb.git(&["log", "-1", "--format=%B"]);
    assert!(message.contains("Person: sarah-chen"), "{message}");
    assert!(message.contains("Reviewed-by: the hook"), "{message}");
    assert_eq!(
        sb.read(".git/post-commit-saw"),
        sb.git(&["rev-parse", "HEAD"])
    );
}

#[test]
fn other_staged_and_modified_files_stay_as_they_were() {
    let sb = reference_repo();
    sb.write("staged.txt", "staged\n");
    sb.git(&["add", "staged.txt"]);
    sb.write("staged.txt", "staged, then edited\n");
    assert_ok(&process(&sb));
    assert_eq!(
        sb.git(&["show", "--name-only", "--format=", "HEAD"]),
        format!("BACKLOG.md\n{SARAH}\n")
    );
    assert_eq!(sb.git(&["status", "--porcelain"]), "AM staged.txt\n");
    assert_eq!(sb.git(&["show", ":staged.txt"]), "staged\n");
}

#[test]
fn git_dir_and_work_tree_aim_the_run_from_inside_another_repo() {
    let notes = reference_repo();
    let other = Sandbox::git_repo();
    other.write("a.txt", "a\n");
    other.commit_all("other repo");
    let out = other
        .oneonone()
        .args([
            "process",
            "sarah",
            &notes.root.join(NOTES).display().to_string(),
            "--date",
            "2026-01-15",
        ])
        .env("GIT_DIR", notes.root.join(".git"))
        .env("GIT_WORK_TREE", &notes.root)
        .output()
        .unwrap();
    assert_ok(&out);
    assert_eq!(notes.commit_count(), 2);
    assert_eq!(other.commit_count(), 1);
    assert_eq!(other.git(&["status", "--porcelain"]), "");
    assert_eq!(
        notes.git(&["show", &format!("HEAD:{SARAH}")]),
        notes.read(SARAH)
    );
}

#[test]
fn split_index_commit_works() {
    let sb = reference_repo();
    sb.git(&["update-index", "--split-index"]);
    assert_ok(&process(&sb));
    assert_eq!(sb.commit_count(), 2);
    assert_eq!(
        sb.git(&["status", "--porcelain", "--", SARAH, "BACKLOG.md"]),
        ""
    );
}

#[test]
fn sparse_index_commit_works() {
    let sb = reference_repo();
    sb.write("elsewhere/keep.txt", "outside the cone\n");
    sb.commit_all("a directory outside the sparse cone");
    sb.git(&[
        "sparse-checkout",
        "set",
        "--cone",
        "--sparse-index",
        "Career",
    ]);
    assert!(!sb.root.join("elsewhere").exists());
    assert_ok(&process(&sb));
    assert_eq!(sb.commit_count(), 3);
    assert_eq!(
        sb.git(&["show", "--name-only", "--format=", "HEAD"]),
        format!("BACKLOG.md\n{SARAH}\n")
    );
    assert_eq!(
        sb.git(&["status", "--porcelain", "--", SARAH, "BACKLOG.md"]),
        ""
    );
}

#[test]
fn unborn_branch_commits_only_the_meetings_files() {
    let sb = Sandbox::git_repo();
    common::write_reference(&sb);
    assert_ok(&process(&sb));
    assert_eq!(sb.commit_count(), 1);
    assert_eq!(
        sb.git(&["show", "--name-only", "--format=", "HEAD"]),
        format!("BACKLOG.md\n{SARAH}\n")
    );
    let status = sb.git(&["status", "--porcelain"]);
    assert!(status.contains("?? .oneonone.toml"), "{status}");
}

#[test]
fn stale_lock_of_a_dead_process_is_taken_over_with_a_notice() {
    let sb = reference_repo();
    let mut child = std::process::Command::new("true").spawn().unwrap();
    let pid = child.id();
    child.wait().unwrap();
    sb.write(".git/oneonone.lock", &format!("{pid}\n"));
    let out = process(&sb);
    assert_ok(&out);
    let err = stderr(&out);
    assert!(err.contains("took over the lock"), "{err}");
    assert!(err.contains(&pid.to_string()), "{err}");
    assert!(!sb.root.join(".git/oneonone.lock").exists());
    assert_eq!(sb.commit_count(), 2);
}

fn assert_refused_untouched(sb: &Sandbox, args: &[&str], needles: &[&str]) {
    let before = sb.snapshot();
    let out = sb.run(args);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    for needle in needles {
        assert!(err.contains(needle), "`{needle}` not in: {err}");
    }
    assert_eq!(sb.snapshot(), before, "something was written");
}

/// As [`assert_refused_untouched`], for the reference meeting's `process`.
fn process_refused_untouched(sb: &Sandbox, needles: &[&str]) {
    assert_refused_untouched(sb, &PROCESS_REFERENCE, needles);
}

#[test]
fn backlog_configured_into_git_dir_refused_naming_the_key() {
    let sb = reference_repo();
    sb.write(
        ".oneonone.toml",
        "my_name = \"Alex\"\nbacklog = \".git/HEAD\"\n",
    );
    process_refused_untouched(&sb, &[".oneonone.toml:2", "backlog", ".git"]);
}

#[cfg(unix)]
#[test]
fn backlog_through_a_symlinked_directory_into_git_refused_naming_the_key() {
    let sb = reference_repo();
    std::os::unix::fs::symlink(".git", sb.root.join("meta")).unwrap();
    sb.write(
        ".oneonone.toml",
        "my_name = \"Alex\"\nbacklog = \"meta/BACKLOG.md\"\n",
    );
    process_refused_untouched(
        &sb,
        &["into the git directory", "`backlog` in", ".oneonone.toml"],
    );
}

#[cfg(unix)]
#[test]
fn backlog_symlink_out_of_the_repository_refused() {
    let sb = reference_repo();
    let outside = sb.tmp.path().join("outside.md");
    std::fs::write(&outside, "# Someone else's file\n").unwrap();
    std::fs::remove_file(sb.root.join("BACKLOG.md")).unwrap();
    std::os::unix::fs::symlink(&outside, sb.root.join("BACKLOG.md")).unwrap();
    process_refused_untouched(
        &sb,
        &[
            "BACKLOG.md",
            "outside the work tree",
            "the default `backlog`",
        ],
    );
    assert_eq!(
        std::fs::read_to_string(&outside).unwrap(),
        "# Someone else's file\n"
    );
}

#[cfg(unix)]
#[test]
fn symlinked_running_document_refused_for_writing() {
    let sb = reference_repo();
    let real = sb.root.join("Career/1-on-1s/real-sarah.txt");
    std::fs::rename(sb.root.join(SARAH), &real).unwrap();
    std::os::unix::fs::symlink("real-sarah.txt", sb.root.join(SARAH)).unwrap();
    sb.commit_all("sarah through a link");
    process_refused_untouched(&sb, &["sarah-chen.md", "symlink"]);
}

#[test]
fn standard_input_over_16_mib_refused_without_reading_it_all() {
    use std::io::Write;
    let sb = reference_repo();
    let before = sb.snapshot();
    let mut child = sb
        .oneonone_process()
        .args(["process", "sarah", "-", "--date", "2026-01-15"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let chunk = vec![b'a'; 1 << 20];
        // 64 MiB offered; the reader stops after 16 MiB and the pipe closes.
        for _ in 0..64 {
            if stdin.write_all(&chunk).is_err() {
                return false;
            }
        }
        true
    });
    let out = child.wait_with_output().unwrap();
    assert!(!writer.join().unwrap(), "the whole input was read");
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("<stdin>"), "{err}");
    assert!(
        err.contains("more than the 16777216 bytes allowed"),
        "{err}"
    );
    assert_eq!(sb.snapshot(), before);
}

#[test]
fn init_and_new_refuse_a_bare_repository() {
    let sb = Sandbox::new();
    sb.git(&["init", "-q", "--bare"]);
    for args in [&["init"][..], &["new", "Sarah Chen"][..]] {
        assert_refused_untouched(&sb, args, &["bare"]);
    }
    assert!(!Path::new(&sb.root.join("Career")).exists());
}

/// The reference meeting's `process` with no identity in the environment: git must find
/// one in its configuration or refuse.
fn without_identity(sb: &Sandbox) -> assert_cmd::Command {
    let mut cmd = sb.oneonone();
    cmd.args(PROCESS_REFERENCE);
    for role in ["AUTHOR", "COMMITTER"] {
        cmd.env_remove(format!("GIT_{role}_NAME"))
            .env_remove(format!("GIT_{role}_EMAIL"));
    }
    cmd
}

#[test]
fn missing_identity_refused_before_anything_is_written() {
    let sb = reference_repo();
    sb.git(&["config", "user.useConfigOnly", "true"]);
    let before = sb.snapshot();
    let out = without_identity(&sb).output().unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("identity"), "{err}");
    assert!(err.contains("git config user.email"), "{err}");
    assert_eq!(sb.snapshot(), before, "something was written");
}

#[test]
fn identity_from_the_global_config_file_git_reads_is_accepted() {
    let sb = reference_repo();
    let global = sb.tmp.path().join("global.gitconfig");
    std::fs::write(
        &global,
        "[user]\n\tname = Global Name\n\temail = global@example.com\n",
    )
    .unwrap();
    let out = without_identity(&sb)
        .env("GIT_CONFIG_GLOBAL", &global)
        .output()
        .unwrap();
    assert_ok(&out);
    assert_eq!(
        sb.git(&["log", "-1", "--format=%an <%ae>"]).trim(),
        "Global Name <global@example.com>"
    );
}

#[test]
fn linked_worktree_commits_on_its_own_branch() {
    let sb = reference_repo();
    let wt = sb.tmp.path().join("wt");
    sb.git(&[
        "worktree",
        "add",
        "-q",
        "-b",
        "side",
        &wt.display().to_string(),
    ]);
    let out = sb
        .oneonone()
        .current_dir(&wt)
        .args(PROCESS_REFERENCE)
        .output()
        .unwrap();
    assert_ok(&out);
    assert_eq!(sb.git(&["rev-list", "--count", "side"]).trim(), "2");
    assert_eq!(sb.git(&["rev-list", "--count", "main"]).trim(), "1");
    let committed = sb.git(&["show", &format!("side:{SARAH}")]);
    assert_eq!(committed, std::fs::read_to_string(wt.join(SARAH)).unwrap());
    assert_eq!(sb.git(&["status", "--porcelain"]), "");
}
