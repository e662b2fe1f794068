//! Helpers shared by the integration tests: sealed git invocations in temp directories
//! (the [`Sandbox`] of the binary's end-to-end tests), and fixtures.
#![allow(dead_code)]

use oneonone_git::GitEnv;
use std::path::Path;
use std::process::Command;

// The binary's end-to-end tests seal git the same way: one harness for both.
#[path = "../../../tests/common/dirs.rs"]
mod dirs;
pub use dirs::Sandbox;

/// A fixed identity for commits made by the crate.
pub fn fixed_env() -> GitEnv {
    GitEnv::from_pairs([
        ("GIT_AUTHOR_NAME", "Alex Doe"),
        ("GIT_AUTHOR_EMAIL", "alex@example.com"),
        ("GIT_AUTHOR_DATE", "2026-01-15T10:00:00+01:00"),
        ("GIT_COMMITTER_NAME", "Alex Committer"),
        ("GIT_COMMITTER_EMAIL", "alex-c@example.com"),
        ("GIT_COMMITTER_DATE", "2026-01-15 10:05:00 +0100"),
    ])
}

/// A git repository `outer` (one commit) whose notes root lies deeper, at
/// `outer/examples/notes`, marked by a `.oneonone.toml` holding `config`.
pub fn nested_notes(config: &str) -> Sandbox {
    let s = Sandbox::new();
    s.init_with("outer", &[("README", "r\n")]);
    s.write("outer/examples/notes/.oneonone.toml", config);
    s
}

/// This test binary again, running only its ignored test `name`: how a test puts a helper
/// in a child process (to crash it mid-write, or to hold a lock from another process).
pub fn rerun_ignored_test(name: &str) -> Command {
    let mut c = Command::new(std::env::current_exe().unwrap());
    c.args(["--ignored", "--exact", name, "--test-threads=1", "--quiet"]);
    c
}

/// A running document for `name`.
pub fn doc(name: &str) -> String {
    format!("---\nperson: {name}\nrole: Manager\n---\n\n# 1:1 with {name}\n")
}

/// Lines of text, sorted, without empties.
pub fn lines(s: &str) -> Vec<String> {
    let mut v: Vec<String> = s
        .lines()
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect();
    v.sort();
    v
}

pub fn exists(p: &Path) -> bool {
    p.exists()
}
