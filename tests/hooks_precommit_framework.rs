//! The `.pre-commit-hooks.yaml` at the repository root, exercised by the real `pre-commit`
//! framework pointed at a clone of this repository.
//!
//! `pre-commit` comes from the test venv (`scripts/test-env.sh`, run by the test when the
//! venv is missing); without it the test fails saying what to install.

mod common;

use common::repos::*;
use std::path::Path;

#[test]
fn pre_commit_framework_refuses_bad_notes_and_passes_good_ones() {
    let pre_commit = common::test_venv().join("bin/pre-commit");
    assert!(
        pre_commit.is_file(),
        "{} is missing: run scripts/test-env.sh",
        pre_commit.display()
    );
    let mut sb = Sandbox::new();
    sb.path_dirs.push(bin().parent().unwrap().to_owned());
    sb.env.push((
        "PRE_COMMIT_HOME".into(),
        sb.home
            .path()
            .join("pre-commit-cache")
            .display()
            .to_string(),
    ));

    // A clone of this repository at HEAD, carrying the hooks file as it is in the work
    // tree (so an uncommitted edit of it is what gets tested).
    let project = Path::new(env!("CARGO_MANIFEST_DIR"));
    let clone = sb.path("oneonone-src");
    if project.join(".git").exists() {
        sb.git(
            ".",
            &[
                "clone",
                "-q",
                &project.display().to_string(),
                "oneonone-src",
            ],
        );
    } else {
        std::fs::create_dir_all(&clone).unwrap();
        sb.git("oneonone-src", &["init", "-q", "-b", "main"]);
    }
    std::fs::copy(
        project.join(".pre-commit-hooks.yaml"),
        clone.join(".pre-commit-hooks.yaml"),
    )
    .unwrap();
    sb.git("oneonone-src", &["add", ".pre-commit-hooks.yaml"]);
    sb.git(
        "oneonone-src",
        &["commit", "-q", "--allow-empty", "-m", "hooks file"],
    );
    let rev = sb.head("oneonone-src");

    sb.repo("notes");
    sb.write(
        "notes/.pre-commit-config.yaml",
        &format!(
            "repos:\n  - repo: {}\n    rev: {rev}\n    hooks:\n      - id: oneonone-validate\n",
            clone.display()
        ),
    );
    sb.write("notes/Career/1-on-1s/_template.md", "not a document\n");
    sb.git("notes", &["add", "-A"]);
    let run = |args: &[&str]| sb.run_bin(&pre_commit, "notes", args);

    let out = run(&["run", "--all-files"]);
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));

    sb.write(&format!("notes/{DOC}"), BAD_DOC);
    sb.git("notes", &["add", "-A"]);
    let out = run(&["run", "--all-files"]);
    assert!(!out.status.success(), "bad document passed");
    assert!(
        stdout(&out).contains(&format!("{DOC}:9:")),
        "{}",
        stdout(&out)
    );

    let out = run(&["install"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = sb.commit("notes", &[]);
    assert!(!out.status.success(), "commit of a bad document passed");

    sb.write(&format!("notes/{DOC}"), GOOD_DOC);
    sb.git("notes", &["add", "-A"]);
    let out = sb.commit("notes", &[]);
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
}
