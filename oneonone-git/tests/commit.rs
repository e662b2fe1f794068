//! Committing exactly the written files, against real repositories built with git.

mod common;

use chrono::NaiveDate;
use common::{Sandbox, doc, fixed_env, lines, nested_notes};
use oneonone_git::{
    CommitError, CommitOptions, GitEnv, MeetingCounts, NotesRepo, commit_paths, meeting_message,
};
use std::path::PathBuf;

const SARAH: &str = "Career/1-on-1s/sarah-chen.md";

fn opts() -> CommitOptions {
    CommitOptions {
        allow_detached: false,
        env: fixed_env(),
    }
}

fn message() -> String {
    meeting_message(
        "Sarah Chen",
        "sarah-chen",
        NaiveDate::from_ymd_opt(2026, 1, 15).unwrap(),
        &MeetingCounts {
            actions: 2,
            goals: 1,
            ..MeetingCounts::default()
        },
    )
}

fn commit(
    s: &Sandbox,
    dir: &str,
    paths: &[&str],
) -> Result<Option<oneonone_git::CommitId>, CommitError> {
    let repo = NotesRepo::discover(&s.path(dir)).unwrap();
    let paths: Vec<PathBuf> = paths.iter().map(PathBuf::from).collect();
    commit_paths(&repo, &paths, &message(), opts())
}

/// A repository whose first commit holds Sarah's document as `v1`, edited to `v2` since.
fn edited_repo() -> Sandbox {
    let s = Sandbox::new();
    s.init_with(".", &[(SARAH, "v1\n")]);
    s.write(SARAH, "v2\n");
    s
}

/// Commits Sarah's document with the message `m` and the identity and dates of `env`.
fn commit_with_env(
    s: &Sandbox,
    env: GitEnv,
) -> Result<Option<oneonone_git::CommitId>, CommitError> {
    let repo = NotesRepo::discover(&s.path(".")).unwrap();
    let options = CommitOptions {
        allow_detached: false,
        env,
    };
    commit_paths(&repo, &[PathBuf::from(SARAH)], "m\n", options)
}

#[test]
fn commit_includes_exactly_named_files_and_leaves_others_alone() {
    let s = Sandbox::new();
    s.init_with(
        ".",
        &[
            (SARAH, &doc("Sarah Chen")),
            ("BACKLOG.md", "# Backlog\n"),
            ("other.txt", "other v1\n"),
        ],
    );
    // A file staged by the user, then edited again in the work tree.
    s.write("staged.txt", "staged v1\n");
    s.git(".", &["add", "staged.txt"]);
    s.write("staged.txt", "staged v2\n");
    // An unrelated modification, not staged.
    s.write("other.txt", "other v2\n");
    // The files the run wrote.
    let new_doc = format!(
        "{}\n## Meeting History\n- 2026-01-15: Career\n",
        doc("Sarah Chen")
    );
    s.write(SARAH, &new_doc);
    s.write(
        "BACKLOG.md",
        "# Backlog\n- [ ] a (1:1 Sarah Chen, 2026-01-15)\n",
    );

    let id = commit(&s, ".", &[SARAH, "BACKLOG.md"])
        .unwrap()
        .expect("a commit");

    assert_eq!(s.git(".", &["rev-parse", "HEAD"]).trim(), id.as_str());
    assert_eq!(id.short(), &id.as_str()[..7]);
    assert_eq!(
        lines(&s.git(".", &["show", "--name-only", "--format=", "HEAD"])),
        vec!["BACKLOG.md".to_owned(), SARAH.to_owned()]
    );
    assert_eq!(s.git(".", &["show", &format!("HEAD:{SARAH}")]), new_doc);
    // The user's staged file is still staged, with its staged content, and uncommitted.
    assert_eq!(
        s.git(".", &["diff", "--cached", "--name-only"]),
        "staged.txt\n"
    );
    assert_eq!(s.git(".", &["show", ":staged.txt"]), "staged v1\n");
    assert_eq!(s.read("staged.txt"), "staged v2\n");
    // The unrelated modification is still a work-tree modification only.
    assert_eq!(
        lines(&s.git(".", &["diff", "--name-only"])),
        vec!["other.txt".to_owned(), "staged.txt".to_owned()]
    );
    assert_eq!(s.git(".", &["show", "HEAD:other.txt"]), "other v1\n");
    // The committed files are clean in index and work tree.
    assert_eq!(
        s.git(".", &["status", "--porcelain", "--", SARAH, "BACKLOG.md"]),
        ""
    );
}

#[test]
fn commit_returns_none_when_nothing_changed() {
    let s = Sandbox::new();
    s.init_with(".", &[(SARAH, &doc("Sarah Chen"))]);
    let before = s.git(".", &["rev-parse", "HEAD"]);
    assert_eq!(commit(&s, ".", &[SARAH]).unwrap(), None);
    assert_eq!(s.git(".", &["rev-parse", "HEAD"]), before);
}

#[test]
fn commit_twice_commits_only_the_second_change() {
    let s = Sandbox::new();
    s.init_with(".", &[(SARAH, &doc("Sarah Chen"))]);
    s.write(SARAH, "changed\n");
    let first = commit(&s, ".", &[SARAH]).unwrap().unwrap();
    assert_eq!(commit(&s, ".", &[SARAH]).unwrap(), None);
    assert_eq!(s.git(".", &["rev-parse", "HEAD"]).trim(), first.as_str());
    assert_eq!(s.git(".", &["rev-parse", "HEAD~1"]).len(), 41);
}

#[test]
fn commit_works_on_unborn_branch() {
    let s = Sandbox::new();
    s.init(".");
    s.write(SARAH, &doc("Sarah Chen"));
    s.write("unrelated.txt", "x\n");
    let id = commit(&s, ".", &[SARAH]).unwrap().expect("first commit");
    assert_eq!(s.git(".", &["rev-list", "--count", "HEAD"]).trim(), "1");
    assert_eq!(s.git(".", &["rev-parse", "main"]).trim(), id.as_str());
    assert_eq!(
        s.git(".", &["show", "--format=%P", "--no-patch", "HEAD"])
            .trim(),
        ""
    );
    assert_eq!(
        s.git(".", &["ls-tree", "-r", "--name-only", "HEAD"]),
        format!("{SARAH}\n")
    );
    assert_eq!(s.git(".", &["status", "--porcelain"]), "?? unrelated.txt\n");
}

#[test]
fn commit_removes_a_named_file_that_is_gone() {
    let s = Sandbox::new();
    s.init_with(".", &[(SARAH, &doc("Sarah Chen")), ("keep.md", "k\n")]);
    std::fs::remove_file(s.path(SARAH)).unwrap();
    commit(&s, ".", &[SARAH]).unwrap().unwrap();
    assert_eq!(
        s.git(".", &["ls-tree", "-r", "--name-only", "HEAD"]),
        "keep.md\n"
    );
    assert_eq!(s.git(".", &["status", "--porcelain"]), "");
}

#[test]
fn commit_works_in_linked_worktree() {
    let s = Sandbox::new();
    s.init_with("main", &[(SARAH, &doc("Sarah Chen"))]);
    s.git("main", &["worktree", "add", "-q", "-b", "feature", "../wt"]);
    let main_before = s.git("main", &["rev-parse", "main"]);
    s.write(&format!("wt/{SARAH}"), "edited in worktree\n");

    let repo = NotesRepo::discover(&s.path("wt")).unwrap();
    assert!(repo.is_linked_worktree());
    assert_eq!(repo.root(), s.path("wt"));
    assert_eq!(repo.common_git_dir().unwrap(), s.path("main/.git"));
    let id = commit_paths(&repo, &[PathBuf::from(SARAH)], &message(), opts())
        .unwrap()
        .unwrap();

    assert_eq!(s.git("main", &["rev-parse", "feature"]).trim(), id.as_str());
    assert_eq!(s.git("main", &["rev-parse", "main"]), main_before);
    assert_eq!(s.git("wt", &["status", "--porcelain"]), "");
    assert_eq!(s.git("main", &["status", "--porcelain"]), "");
}

#[test]
fn commit_refused_on_bare_repository() {
    let s = Sandbox::new();
    std::fs::create_dir_all(s.path("bare.git")).unwrap();
    s.git("bare.git", &["init", "-q", "--bare"]);
    let repo = NotesRepo::discover(&s.path("bare.git")).unwrap();
    assert!(repo.is_git() && repo.is_bare());
    let err = commit_paths(&repo, &[PathBuf::from("x.md")], "m", opts()).unwrap_err();
    assert!(matches!(err, CommitError::Bare { .. }), "{err}");
    assert!(err.to_string().contains("bare"), "{err}");
}

#[test]
fn commit_refused_during_merge() {
    let s = Sandbox::new();
    s.init_with(".", &[(SARAH, "base\n")]);
    s.git(".", &["checkout", "-q", "-b", "other"]);
    s.write(SARAH, "other side\n");
    s.git(".", &["commit", "-qam", "other"]);
    s.git(".", &["checkout", "-q", "main"]);
    s.write(SARAH, "main side\n");
    s.git(".", &["commit", "-qam", "main"]);
    let merge = s.git_output(".", &["merge", "other"]);
    assert!(!merge.status.success(), "the merge should conflict");
    let head = s.git(".", &["rev-parse", "HEAD"]);

    s.write("BACKLOG.md", "# Backlog\n");
    let err = commit(&s, ".", &["BACKLOG.md"]).unwrap_err();
    assert!(
        matches!(err, CommitError::InProgress { operation: "merge" }),
        "{err}"
    );
    assert!(err.to_string().contains("merge is in progress"), "{err}");
    assert_eq!(s.git(".", &["rev-parse", "HEAD"]), head);
}

#[test]
fn commit_on_detached_head_refused_unless_allowed() {
    let s = Sandbox::new();
    s.init_with(".", &[(SARAH, "v1\n")]);
    s.git(".", &["checkout", "-q", "--detach"]);
    s.write(SARAH, "v2\n");
    let err = commit(&s, ".", &[SARAH]).unwrap_err();
    assert!(matches!(err, CommitError::Detached), "{err}");
    assert!(err.to_string().contains("--allow-detached"), "{err}");

    let repo = NotesRepo::discover(&s.path(".")).unwrap();
    let allowed = CommitOptions {
        allow_detached: true,
        env: fixed_env(),
    };
    let id = commit_paths(&repo, &[PathBuf::from(SARAH)], "detached\n", allowed)
        .unwrap()
        .unwrap();
    assert_eq!(s.git(".", &["rev-parse", "HEAD"]).trim(), id.as_str());
    assert_ne!(s.git(".", &["rev-parse", "main"]).trim(), id.as_str());
}

#[test]
fn commit_author_and_committer_from_env() {
    let s = edited_repo();
    commit(&s, ".", &[SARAH]).unwrap().unwrap();
    let log = s.git(
        ".",
        &[
            "log",
            "-1",
            "--date=raw",
            "--format=%an|%ae|%ad|%cn|%ce|%cd",
        ],
    );
    assert_eq!(
        log.trim(),
        "Alex Doe|alex@example.com|1768467600 +0100|Alex Committer|alex-c@example.com|1768467900 +0100"
    );
}

#[test]
fn commit_dates_accept_git_formats() {
    for (date, want) in [
        ("@1768467600 +0100", "1768467600 +0100"),
        ("Thu, 15 Jan 2026 10:00:00 +0100", "1768467600 +0100"),
        ("2026-01-15 10:00:00 -0500", "1768489200 -0500"),
    ] {
        let s = edited_repo();
        let env = GitEnv::from_pairs([
            ("GIT_AUTHOR_NAME", "A"),
            ("GIT_AUTHOR_EMAIL", "a@x"),
            ("GIT_AUTHOR_DATE", date),
            ("GIT_COMMITTER_NAME", "C"),
            ("GIT_COMMITTER_EMAIL", "c@x"),
            ("GIT_COMMITTER_DATE", date),
        ]);
        commit_with_env(&s, env).unwrap().unwrap();
        let log = s.git(".", &["log", "-1", "--date=raw", "--format=%ad|%cd"]);
        assert_eq!(log.trim(), format!("{want}|{want}"), "{date}");
    }
}

#[test]
fn commit_invalid_date_variable_refused() {
    let s = edited_repo();
    let env = GitEnv::from_pairs([
        ("GIT_AUTHOR_NAME", "A"),
        ("GIT_AUTHOR_EMAIL", "a@x"),
        ("GIT_AUTHOR_DATE", "the day after"),
    ]);
    let err = commit_with_env(&s, env).unwrap_err();
    assert!(err.to_string().contains("GIT_AUTHOR_DATE"), "{err}");
    assert_eq!(s.git(".", &["rev-list", "--count", "HEAD"]).trim(), "1");
}

#[test]
fn commit_author_and_committer_from_repo_config() {
    let s = edited_repo();
    s.git(".", &["config", "user.name", "Config Person"]);
    s.git(".", &["config", "user.email", "config@example.com"]);
    s.git(".", &["config", "committer.name", "Config Committer"]);
    let env = GitEnv::from_pairs([("GIT_AUTHOR_DATE", "@1768467600 +0000")]);
    commit_with_env(&s, env).unwrap().unwrap();
    let log = s.git(
        ".",
        &["log", "-1", "--date=raw", "--format=%an|%ae|%ad|%cn|%ce"],
    );
    assert_eq!(
        log.trim(),
        "Config Person|config@example.com|1768467600 +0000|Config Committer|config@example.com"
    );
}

#[test]
fn commit_trailers_parsed_by_git() {
    let s = edited_repo();
    commit(&s, ".", &[SARAH]).unwrap().unwrap();
    assert_eq!(
        s.git(".", &["log", "-1", "--format=%s"]).trim(),
        "1:1 Sarah Chen 2026-01-15: 2 actions, 1 goal"
    );
    assert_eq!(
        s.git(
            ".",
            &["log", "-1", "--format=%(trailers:key=Person,valueonly)"]
        )
        .trim(),
        "sarah-chen"
    );
    assert_eq!(
        s.git(
            ".",
            &[
                "log",
                "-1",
                "--format=%(trailers:key=Meeting-Date,valueonly)"
            ]
        )
        .trim(),
        "2026-01-15"
    );
    let body = s.git(".", &["log", "-1", "--format=%B"]);
    let mut parse = s.git_cmd(".", &["interpret-trailers", "--parse"]);
    parse
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped());
    let mut child = parse.spawn().unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(body.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "Person: sarah-chen\nMeeting-Date: 2026-01-15\n"
    );
}

#[test]
fn commit_refused_when_index_locked() {
    let s = edited_repo();
    s.write(".git/index.lock", "");
    let err = commit(&s, ".", &[SARAH]).unwrap_err();
    assert!(matches!(err, CommitError::IndexLocked { .. }), "{err}");
    assert!(err.to_string().contains("index.lock"), "{err}");
    assert_eq!(s.git(".", &["rev-list", "--count", "HEAD"]).trim(), "1");
}

#[test]
fn commit_refused_outside_git_and_outside_work_tree() {
    let s = Sandbox::new();
    s.write("notes/x.md", "x\n");
    let repo = NotesRepo::discover(&s.path("notes")).unwrap();
    assert!(!repo.is_git());
    let err = commit_paths(&repo, &[PathBuf::from("x.md")], "m\n", opts()).unwrap_err();
    assert!(matches!(err, CommitError::NotGit), "{err}");

    s.init_with("repo", &[("a.md", "a\n")]);
    let repo = NotesRepo::discover(&s.path("repo")).unwrap();
    for bad in [
        s.path("notes/x.md"),
        PathBuf::from("../notes/x.md"),
        PathBuf::from(".git/config"),
    ] {
        let err = commit_paths(&repo, std::slice::from_ref(&bad), "m\n", opts()).unwrap_err();
        assert!(
            matches!(err, CommitError::OutsideWorkTree { .. }),
            "{bad:?}: {err}"
        );
    }
}

#[test]
fn commit_paths_relative_to_notes_root_in_subdirectory() {
    let s = nested_notes("notes_dir = \"people\"\n");
    s.write("outer/examples/notes/people/sam.md", &doc("Sam Lee"));
    let repo = NotesRepo::discover(&s.path("outer/examples/notes/people")).unwrap();
    assert_eq!(repo.root(), s.path("outer/examples/notes"));
    assert_eq!(repo.git_workdir().unwrap(), s.path("outer"));
    commit_paths(&repo, &[PathBuf::from("people/sam.md")], "m\n", opts())
        .unwrap()
        .unwrap();
    assert_eq!(
        s.git("outer", &["show", "--name-only", "--format=", "HEAD"]),
        "examples/notes/people/sam.md\n"
    );
}
