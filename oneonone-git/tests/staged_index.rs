//! The pre-commit check reads what is staged from every index format git writes: the
//! plain one, a split index (`core.splitIndex`, `feature.manyFiles` users) and a sparse
//! index (`sparse-checkout --sparse-index`), which libgit2 itself cannot read.

mod common;

use common::Sandbox;
use oneonone_git::staged::validate_staged_at;

const DOC: &str = "Career/1-on-1s/sarah-chen.md";
const GOOD: &str = "---\nperson: Sarah Chen\n---\n\n# 1:1 with Sarah Chen\n\n## Meeting History\n- 2026-01-15: Kickoff\n";
const BAD: &str = "---\nperson: Sarah Chen\n---\n\n# 1:1 with Sarah Chen\n\n## Meeting History\n- 2026-02-30: Kickoff\n";

/// A repository with the notes and one other directory committed, then `setup` run.
fn repo(setup: &[&[&str]]) -> Sandbox {
    let s = Sandbox::new();
    s.init_with(".", &[(DOC, GOOD), ("other/deep/file.txt", "x\n")]);
    for args in setup {
        s.git(".", args);
    }
    s
}

/// Stages `text` as the running document and returns the codes validation reports.
fn staged_codes(s: &Sandbox, text: &str) -> Vec<(String, Vec<String>)> {
    s.write(DOC, text);
    s.git(".", &["add", DOC]);
    validate_staged_at(&s.path("."))
        .unwrap()
        .into_iter()
        .map(|f| {
            let codes = f.diagnostics.iter().map(|d| d.code.to_string()).collect();
            (f.path, codes)
        })
        .collect()
}

fn check_every_change_is_seen(s: &Sandbox) {
    let bad = staged_codes(s, BAD);
    assert_eq!(bad.len(), 1, "{bad:?}");
    assert_eq!(bad[0].0, DOC);
    assert!(!bad[0].1.is_empty(), "the invalid date was not reported");
    let good = staged_codes(s, &GOOD.replace("Kickoff", "Kickoff, roadmap"));
    assert_eq!(good.len(), 1, "{good:?}");
    assert!(good[0].1.is_empty(), "{good:?}");
}

#[test]
fn staged_notes_validated_from_a_plain_index() {
    let s = repo(&[]);
    check_every_change_is_seen(&s);
}

#[test]
fn staged_notes_validated_from_a_split_index() {
    let s = repo(&[&["update-index", "--split-index"]]);
    let shared = std::fs::read_dir(s.path(".git"))
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
    check_every_change_is_seen(&s);
}

#[test]
fn staged_notes_validated_from_a_sparse_index() {
    let s = repo(&[
        &["sparse-checkout", "init", "--cone", "--sparse-index"],
        &["sparse-checkout", "set", "Career"],
    ]);
    assert!(
        !s.path("other/deep/file.txt").exists(),
        "the sparse checkout left the other directory"
    );
    check_every_change_is_seen(&s);
}

#[test]
fn staged_check_fails_on_corrupt_index_naming_step_and_keeping_git_message() {
    let s = repo(&[]);
    s.write(".git/index", "not an index");
    let err = validate_staged_at(&s.path(".")).unwrap_err();
    assert_eq!(err.to_string(), "failed to read the index");
    let cause = std::error::Error::source(&err).expect("libgit2's message as the cause");
    assert!(!cause.to_string().is_empty());
}
