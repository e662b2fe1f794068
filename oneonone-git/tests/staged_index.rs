//! The pre-commit check reads what is staged from every index format git writes: the
//! plain one, a split index (`core.splitIndex`, `feature.manyFiles` users) and a sparse
//! index (`sparse-checkout --sparse-index`), which libgit2 itself cannot read.

use oneonone_git::staged::validate_staged_at;
use std::path::Path;
use std::process::Command;

const DOC: &str = "Career/1-on-1s/sarah-chen.md";
const GOOD: &str = "---\nperson: Sarah Chen\n---\n\n# 1:1 with Sarah Chen\n\n## Meeting History\n- 2026-01-15: Kickoff\n";
const BAD: &str = "---\nperson: Sarah Chen\n---\n\n# 1:1 with Sarah Chen\n\n## Meeting History\n- 2026-02-30: Kickoff\n";

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .current_dir(dir)
        .args(args)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_SYSTEM", "/dev/null")
        .env("GIT_AUTHOR_NAME", "A")
        .env("GIT_AUTHOR_EMAIL", "a@example.com")
        .env("GIT_COMMITTER_NAME", "A")
        .env("GIT_COMMITTER_EMAIL", "a@example.com")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A repository with the notes and one other directory committed, then `setup` run.
fn repo(setup: &[&[&str]]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    git(root, &["init", "-q", "-b", "main"]);
    std::fs::create_dir_all(root.join("Career/1-on-1s")).unwrap();
    std::fs::create_dir_all(root.join("other/deep")).unwrap();
    std::fs::write(root.join(DOC), GOOD).unwrap();
    std::fs::write(root.join("other/deep/file.txt"), "x\n").unwrap();
    git(root, &["add", "-A"]);
    git(root, &["commit", "-qm", "start"]);
    for args in setup {
        git(root, args);
    }
    dir
}

/// Stages `text` as the running document and returns the codes validation reports.
fn staged_codes(dir: &Path, text: &str) -> Vec<(String, Vec<String>)> {
    std::fs::write(dir.join(DOC), text).unwrap();
    git(dir, &["add", DOC]);
    validate_staged_at(dir)
        .unwrap()
        .into_iter()
        .map(|f| {
            let codes = f.diagnostics.iter().map(|d| d.code.to_string()).collect();
            (f.path, codes)
        })
        .collect()
}

fn check_every_change_is_seen(dir: &Path) {
    let bad = staged_codes(dir, BAD);
    assert_eq!(bad.len(), 1, "{bad:?}");
    assert_eq!(bad[0].0, DOC);
    assert!(!bad[0].1.is_empty(), "the invalid date was not reported");
    let good = staged_codes(dir, &GOOD.replace("Kickoff", "Kickoff, roadmap"));
    assert_eq!(good.len(), 1, "{good:?}");
    assert!(good[0].1.is_empty(), "{good:?}");
}

#[test]
fn staged_notes_validated_from_a_plain_index() {
    let dir = repo(&[]);
    check_every_change_is_seen(dir.path());
}

#[test]
fn staged_notes_validated_from_a_split_index() {
    let dir = repo(&[&["update-index", "--split-index"]]);
    let shared = std::fs::read_dir(dir.path().join(".git"))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with("sharedindex.")
        })
        .count();
    assert_eq!(shared, 1, "git wrote no split index");
    check_every_change_is_seen(dir.path());
}

#[test]
fn staged_notes_validated_from_a_sparse_index() {
    let dir = repo(&[
        &["sparse-checkout", "init", "--cone", "--sparse-index"],
        &["sparse-checkout", "set", "Career"],
    ]);
    assert!(
        !dir.path().join("other/deep/file.txt").exists(),
        "the sparse checkout left the other directory"
    );
    check_every_change_is_seen(dir.path());
}
