//! End-to-end: `oneonone hooks install|uninstall|status` and the pre-commit hook, driven by
//! the real `git` on temp repositories.

mod common;

use common::repos::*;
use common::{assert_contains, assert_contains_all, edited};
use std::os::unix::fs::PermissionsExt;

fn installed(sb: &Sandbox, dir: &str) {
    sb.ok(dir, &["hooks", "install"]);
}

/// A repository `r` holding the good document, without our hook.
fn unhooked() -> Sandbox {
    let sb = Sandbox::new();
    sb.repo("r");
    sb
}

/// A repository `r` holding the good document, with the hook installed.
fn hooked() -> Sandbox {
    let sb = unhooked();
    installed(&sb, "r");
    sb
}

#[test]
fn bad_document_refused_with_path_line_message() {
    let sb = hooked();
    let before = sb.head("r");
    sb.write_doc("r", BAD_DOC);
    sb.git("r", &["add", DOC]);
    let err = sb.blocked("r", &[]);
    assert!(
        err.lines()
            .any(|l| l.starts_with(&format!("{DOC}:9:")) && l.contains(": error[E")),
        "{err}"
    );
    assert!(err.contains("commit blocked"), "{err}");
    assert_eq!(sb.head("r"), before);
}

#[test]
fn good_document_committed() {
    let sb = hooked();
    let before = sb.head("r");
    let text = GOOD_DOC.replace(
        "## Meeting History\n",
        "## Meeting History\n- 2026-01-22: Roadmap\n",
    );
    sb.write_doc("r", &text);
    sb.git("r", &["add", DOC]);
    let err = sb.committed("r", &[]);
    assert_ne!(sb.head("r"), before);
    assert!(!err.contains("error["), "{err}");
}

#[test]
fn staged_bad_content_refused_when_working_tree_good() {
    let sb = hooked();
    sb.write_doc("r", BAD_DOC);
    sb.git("r", &["add", DOC]);
    // The working tree is fixed after staging: what would be committed is still bad.
    sb.write_doc("r", GOOD_DOC);
    let err = sb.blocked("r", &[]);
    assert!(err.contains(&format!("{DOC}:9:")), "{err}");
}

#[test]
fn staged_good_content_passes_when_working_tree_bad() {
    let sb = hooked();
    let good = GOOD_DOC.replace("Draft the QBR deck", "Draft the QBR deck for Acme");
    sb.write_doc("r", &good);
    sb.git("r", &["add", DOC]);
    sb.write_doc("r", BAD_DOC);
    sb.committed("r", &[]);
    let committed = sb.git("r", &["show", &format!("HEAD:{DOC}")]);
    assert_eq!(committed, good);
}

/// A split index (`core.splitIndex`) and a sparse index (`sparse-checkout --sparse-index`)
/// are index formats libgit2 cannot read: the hook still checks what git is committing,
/// with `git commit` and `git commit -a` alike.
#[test]
fn split_and_sparse_indexes_checked_like_a_plain_one() {
    let setups: [&[&[&str]]; 2] = [
        &[
            &["config", "core.splitIndex", "true"],
            &["update-index", "--split-index"],
        ],
        &[
            &["sparse-checkout", "init", "--cone", "--sparse-index"],
            &["sparse-checkout", "set", "Career"],
        ],
    ];
    for setup in setups {
        let sb = hooked();
        for args in setup {
            sb.git("r", args);
        }
        sb.write_doc("r", BAD_DOC);
        sb.git("r", &["add", DOC]);
        let err = sb.blocked("r", &[]);
        assert!(err.contains(&format!("{DOC}:9:")), "{setup:?}: {err}");
        sb.git("r", &["reset", "-q"]);
        let err = sb.blocked("r", &["-a"]);
        assert!(err.contains(&format!("{DOC}:9:")), "{setup:?}: {err}");
        let good = GOOD_DOC.replace("Draft the QBR deck", "Draft the QBR deck for Acme");
        sb.write_doc("r", &good);
        sb.git("r", &["add", DOC]);
        sb.committed("r", &[]);
        assert_eq!(sb.git("r", &["show", &format!("HEAD:{DOC}")]), good);
    }
}

#[test]
fn commit_all_validates_the_temporary_index() {
    let sb = hooked();
    // Not staged: only `git commit -a`'s temporary index holds the bad content.
    sb.write_doc("r", BAD_DOC);
    let err = sb.blocked("r", &["-a"]);
    assert!(err.contains(&format!("{DOC}:9:")), "{err}");

    let good = GOOD_DOC.replace("Draft the QBR deck", "Draft the QBR deck v2");
    sb.write_doc("r", &good);
    sb.committed("r", &["-a"]);
}

#[test]
fn errors_block_and_warnings_pass_a_commit_all() {
    // (case, a line of the good document, what replaces it, whether the commit passes,
    // what the hook says)
    let cases = [
        (
            "conflict markers",
            "## Notes\n",
            "## Notes\n<<<<<<< ours\nmine\n=======\ntheirs\n>>>>>>> theirs\n",
            false,
            "error[E020]",
        ),
        (
            "an entry out of date order",
            "- 2026-01-15: Career path, advisory board kickoff\n",
            "- 2026-01-15: Career path, advisory board kickoff\n- 2026-02-01: Later one\n",
            true,
            ": warning[W",
        ),
    ];
    for (case, from, to, passes, says) in cases {
        let sb = hooked();
        sb.write_doc("r", &edited(GOOD_DOC, from, to));
        let out = sb.commit("r", &["-a"]);
        let err = stderr(&out);
        assert_eq!(out.status.success(), passes, "{case}: {err}");
        assert!(err.contains(says), "{case}: no `{says}` in:\n{err}");
    }
}

#[test]
fn only_staged_notes_files_that_changed_are_checked() {
    let sb = hooked();
    sb.write_doc("r", BAD_DOC);
    sb.git("r", &["add", DOC]);
    assert!(sb.commit("r", &["--no-verify"]).status.success());
    // The bad document is in HEAD, unchanged: committing something else is not blocked.
    sb.write("r/README.md", "notes, edited\n");
    // Templates and files outside the notes directory are not notes files.
    sb.write("r/Career/1-on-1s/_template.md", "no front matter\n");
    sb.write("r/Career/elsewhere.md", "no front matter\n");
    sb.git("r", &["add", "-A"]);
    sb.committed("r", &[]);
    // An archive is a notes file.
    sb.write(
        "r/Career/1-on-1s/archive/sarah-chen/2025-Q4-retro.md",
        BAD_DOC,
    );
    sb.git("r", &["add", "-A"]);
    let err = sb.blocked("r", &[]);
    assert_contains(
        &err,
        "Career/1-on-1s/archive/sarah-chen/2025-Q4-retro.md:9:",
    );
}

#[test]
fn configured_notes_dir_is_validated() {
    let sb = unhooked();
    sb.write("r/.oneonone.toml", "notes_dir = \"people\"\n");
    sb.commit_all("r", "config");
    installed(&sb, "r");
    sb.write("r/people/alex.md", BAD_DOC);
    sb.git("r", &["add", "-A"]);
    let err = sb.blocked("r", &[]);
    assert!(err.contains("people/alex.md:9:"), "{err}");
}

#[test]
fn unborn_branch_validates_every_staged_notes_file() {
    let sb = Sandbox::new();
    std::fs::create_dir_all(sb.path("r")).unwrap();
    sb.git("r", &["init", "-q", "-b", "main"]);
    installed(&sb, "r");
    sb.write_doc("r", BAD_DOC);
    sb.git("r", &["add", "-A"]);
    sb.blocked("r", &[]);
    sb.write_doc("r", GOOD_DOC);
    sb.git("r", &["add", "-A"]);
    sb.committed("r", &[]);
}

const FOREIGN_HOOK: &str = "#!/bin/sh\n# the team's lint hook\necho \"chained ran with $# args\" > chained-ran.txt\ncat >> chained-ran.txt\n[ ! -f block-me ]\n";

#[test]
fn existing_hook_chained_runs_first_and_its_failure_blocks() {
    let sb = unhooked();
    let hook = sb.write("r/.git/hooks/pre-commit", FOREIGN_HOOK);
    std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755)).unwrap();
    let out = sb.ok("r", &["hooks", "install"]);
    assert!(out.contains("chaining"), "{out}");
    assert_eq!(
        sb.read("r/.git/hooks/pre-commit.oneonone-chained"),
        FOREIGN_HOOK
    );

    sb.write("r/README.md", "edited\n");
    sb.committed("r", &["-a"]);
    assert_eq!(sb.read("r/chained-ran.txt"), "chained ran with 0 args\n");

    // The chained hook fails: the commit is blocked even though the notes are valid.
    sb.write("r/block-me", "");
    sb.write("r/README.md", "edited again\n");
    let before = sb.head("r");
    sb.blocked("r", &["-a"]);
    assert_eq!(sb.head("r"), before);

    // And our validation still runs after a passing chained hook.
    std::fs::remove_file(sb.path("r/block-me")).unwrap();
    sb.write_doc("r", BAD_DOC);
    let err = sb.blocked("r", &["-a"]);
    assert!(err.contains(&format!("{DOC}:9:")), "{err}");
}

#[test]
fn uninstall_restores_existing_hook_byte_for_byte() {
    let sb = unhooked();
    let bytes = b"#!/bin/bash\r\n# odd bytes \xff kept\nexit 0\n";
    let hook = sb.path("r/.git/hooks/pre-commit");
    std::fs::write(&hook, bytes).unwrap();
    std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o750)).unwrap();
    installed(&sb, "r");
    assert_ne!(std::fs::read(&hook).unwrap(), bytes);
    let out = sb.ok("r", &["hooks", "uninstall"]);
    assert!(out.contains("previous hook is back"), "{out}");
    assert_eq!(std::fs::read(&hook).unwrap(), bytes);
    let mode = std::fs::metadata(&hook).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o750);
    assert!(!sb.path("r/.git/hooks/pre-commit.oneonone-chained").exists());
}

#[test]
fn uninstall_without_previous_hook_removes_ours_only() {
    let sb = hooked();
    sb.ok("r", &["hooks", "uninstall"]);
    assert!(!sb.path("r/.git/hooks/pre-commit").exists());
    // A hook that is not ours is never removed.
    sb.write("r/.git/hooks/pre-commit", FOREIGN_HOOK);
    let out = sb.ok("r", &["hooks", "uninstall"]);
    assert!(out.contains("not installed"), "{out}");
    assert_eq!(sb.read("r/.git/hooks/pre-commit"), FOREIGN_HOOK);
}

#[test]
fn installing_twice_is_a_no_op() {
    let sb = unhooked();
    sb.write("r/.git/hooks/pre-commit", FOREIGN_HOOK);
    installed(&sb, "r");
    let hooks_dir = sb.path("r/.git/hooks");
    let snapshot = |d: &std::path::Path| {
        let mut v: Vec<(String, Vec<u8>)> = std::fs::read_dir(d)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_none_or(|e| e != "sample"))
            .map(|p| {
                (
                    p.file_name().unwrap().to_string_lossy().into_owned(),
                    std::fs::read(&p).unwrap(),
                )
            })
            .collect();
        v.sort();
        v
    };
    let first = snapshot(&hooks_dir);
    let out = sb.ok("r", &["hooks", "install"]);
    assert!(out.contains("already installed"), "{out}");
    assert_eq!(snapshot(&hooks_dir), first);
    // Ours was not chained onto itself: the chained hook is still the foreign one.
    assert_eq!(
        sb.read("r/.git/hooks/pre-commit.oneonone-chained"),
        FOREIGN_HOOK
    );
}

#[test]
fn local_hooks_path_honoured_relative_to_work_tree() {
    let sb = unhooked();
    sb.git("r", &["config", "core.hooksPath", ".githooks"]);
    std::fs::create_dir_all(sb.path("r/Career")).unwrap();
    // Run from a subdirectory: the relative path is still taken from the work tree root.
    let out = sb.ok("r/Career", &["hooks", "install"]);
    assert!(out.contains(".githooks/pre-commit"), "{out}");
    assert!(sb.path("r/.githooks/pre-commit").is_file());
    assert!(!sb.path("r/.git/hooks/pre-commit").exists());
    sb.write_doc("r", BAD_DOC);
    sb.blocked("r", &["-a"]);
    let status = sb.ok("r", &["hooks", "status"]);
    assert!(status.contains("installed"), "{status}");
    assert!(
        status.contains("core.hooksPath in the repository config"),
        "{status}"
    );
}

#[test]
fn global_hooks_path_refused_with_the_fix() {
    let mut sb = unhooked();
    sb.global_config("[core]\n\thooksPath = ~/shared-hooks\n");
    let err = sb.refused("r", &["hooks", "install"]);
    assert!(
        err.contains("git config --global --unset core.hooksPath"),
        "{err}"
    );
    assert!(err.contains("git config core.hooksPath"), "{err}");
    assert!(!sb.path("r/.git/hooks/pre-commit").exists());
    assert!(!sb.home.path().join("shared-hooks").exists());
    // A local setting takes precedence over the global one and is honoured.
    sb.git("r", &["config", "core.hooksPath", "local-hooks"]);
    sb.ok("r", &["hooks", "install"]);
    assert!(sb.path("r/local-hooks/pre-commit").is_file());
}

#[test]
fn linked_worktree_uses_the_common_hooks_dir() {
    let sb = unhooked();
    sb.git("r", &["worktree", "add", "-q", "-b", "side", "../wt"]);
    let out = sb.ok("wt", &["hooks", "install"]);
    assert!(sb.path("r/.git/hooks/pre-commit").is_file(), "{out}");
    sb.write_doc("wt", BAD_DOC);
    let err = sb.blocked("wt", &["-a"]);
    assert!(err.contains(&format!("{DOC}:9:")), "{err}");
    // The main work tree's commits are checked by the same hook.
    sb.write_doc("r", BAD_DOC);
    sb.blocked("r", &["-a"]);
}

/// The installed hook runs `oneonone-pre-commit` from beside the binary when it is there
/// (it starts faster), else `oneonone hook pre-commit`: the same check, the same words.
#[test]
fn small_check_binary_and_oneonone_hook_say_the_same() {
    let sb = Sandbox::new();
    sb.repo("small");
    sb.repo("lone");
    installed(&sb, "small");
    assert!(
        bin().with_file_name("oneonone-pre-commit").is_file(),
        "cargo builds oneonone-pre-commit beside oneonone"
    );
    // A copy of `oneonone` alone: no `oneonone-pre-commit` beside it.
    let bin_dir = tempfile::tempdir().unwrap();
    let lone = bin_dir.path().join("oneonone");
    std::fs::copy(bin(), &lone).unwrap();
    let out = sb.run_bin(&lone, "lone", &["hooks", "install"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut said = Vec::new();
    for dir in ["small", "lone"] {
        sb.write_doc(dir, BAD_DOC);
        sb.git(dir, &["add", DOC]);
        let err = sb.blocked(dir, &[]);
        assert!(err.contains(&format!("{DOC}:9:")), "{dir}: {err}");
        assert!(err.contains("commit blocked"), "{dir}: {err}");
        said.push(err);
    }
    assert_eq!(said[0], said[1]);
    for dir in ["small", "lone"] {
        let good = GOOD_DOC.replace("Draft the QBR deck", "Draft the QBR deck for Acme");
        sb.write_doc(dir, &good);
        sb.git(dir, &["add", DOC]);
        sb.committed(dir, &[]);
    }
}

#[test]
fn missing_binary_blocks_with_instructions() {
    let sb = unhooked();
    let bin_dir = tempfile::tempdir().unwrap();
    let copy = bin_dir.path().join("oneonone-copy");
    std::fs::copy(bin(), &copy).unwrap();
    let out = sb.run_bin(&copy, "r", &["hooks", "install"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let status = sb.run_bin(&copy, "r", &["hooks", "status"]);
    assert!(stdout(&status).contains("(found)"), "{}", stdout(&status));
    std::fs::remove_file(&copy).unwrap();
    // The test's PATH holds no `oneonone`: the hook cannot run and must say so.
    sb.write("r/README.md", "edited\n");
    let err = sb.blocked("r", &["-a"]);
    assert_contains_all(
        &err,
        &["oneonone binary was not found", "oneonone hooks uninstall"],
    );
    let status = sb.ok("r", &["hooks", "status"]);
    assert!(status.contains("missing"), "{status}");
}

#[test]
fn status_reports_location_and_chaining() {
    let sb = unhooked();
    let status = sb.ok("r", &["hooks", "status"]);
    assert!(
        status.contains("pre-commit hook: not installed"),
        "{status}"
    );
    sb.write("r/.git/hooks/pre-commit", FOREIGN_HOOK);
    let status = sb.ok("r", &["hooks", "status"]);
    assert!(status.contains("another pre-commit hook"), "{status}");
    installed(&sb, "r");
    let status = sb.ok("r", &["hooks", "status"]);
    let binary = bin().display().to_string();
    assert_contains_all(
        &status,
        &[
            "pre-commit hook: installed",
            "chained: yes",
            ".git/hooks/pre-commit",
            &binary,
        ],
    );
}

#[test]
fn bare_repository_refused() {
    let sb = Sandbox::new();
    std::fs::create_dir_all(sb.path("b.git")).unwrap();
    sb.git("b.git", &["init", "-q", "--bare"]);
    let err = sb.refused("b.git", &["hooks", "install"]);
    assert!(err.contains("bare"), "{err}");
}

#[test]
fn hooks_path_from_an_included_config_file_honoured() {
    let sb = unhooked();
    sb.write(
        "r/.git/extra.config",
        "[core]\n\thooksPath = included-hooks\n",
    );
    sb.git("r", &["config", "include.path", "extra.config"]);
    sb.ok("r", &["hooks", "install"]);
    assert!(sb.path("r/included-hooks/pre-commit").is_file());
    assert!(!sb.path("r/.git/hooks/pre-commit").exists());
    sb.write_doc("r", BAD_DOC);
    sb.blocked("r", &["-a"]);
}

#[test]
fn hooks_path_from_a_global_include_if_refused() {
    let mut sb = unhooked();
    let included = sb.home.path().join("work.gitconfig");
    std::fs::write(&included, "[core]\n\thooksPath = /shared/hooks\n").unwrap();
    sb.global_config(&format!(
        "[includeIf \"gitdir:{}/\"]\n\tpath = {}\n",
        sb.path("r").display(),
        included.display()
    ));
    let err = sb.refused("r", &["hooks", "install"]);
    assert!(
        err.contains("git config --global --unset core.hooksPath"),
        "{err}"
    );
    assert!(!sb.path("r/.git/hooks/pre-commit").exists());
}
