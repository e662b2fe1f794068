//! Shared helpers of the end-to-end tests: a sealed environment for the real binary and for
//! the `git` CLI, so no global configuration, clock or author leaks into a test.
#![allow(dead_code)]

use assert_cmd::Command;
use std::path::{Path, PathBuf};

/// Environment every process of a test runs with.
pub fn sealed_env(home: &Path) -> Vec<(&'static str, String)> {
    vec![
        ("HOME", home.display().to_string()),
        ("GIT_CONFIG_GLOBAL", "/dev/null".into()),
        ("GIT_CONFIG_SYSTEM", "/dev/null".into()),
        ("GIT_CONFIG_NOSYSTEM", "1".into()),
        ("GIT_AUTHOR_NAME", "Alex Doe".into()),
        ("GIT_AUTHOR_EMAIL", "alex@example.com".into()),
        ("GIT_AUTHOR_DATE", "2026-01-15T12:00:00+00:00".into()),
        ("GIT_COMMITTER_NAME", "Alex Doe".into()),
        ("GIT_COMMITTER_EMAIL", "alex@example.com".into()),
        ("GIT_COMMITTER_DATE", "2026-01-15T12:00:00+00:00".into()),
        ("NO_COLOR", "1".into()),
        ("EDITOR", "false".into()),
        ("VISUAL", "false".into()),
        ("TZ", "UTC".into()),
    ]
}

/// A temporary notes repository with a sealed environment.
pub struct Sandbox {
    /// Keeps the directory alive.
    pub tmp: tempfile::TempDir,
    /// The repository root.
    pub root: PathBuf,
    home: PathBuf,
}

impl Sandbox {
    /// An empty directory (not a git repository).
    pub fn new() -> Sandbox {
        let tmp = tempfile::tempdir().expect("temp dir");
        let root = tmp.path().join("repo");
        let home = tmp.path().join("home");
        std::fs::create_dir_all(&root).unwrap();
        std::fs::create_dir_all(&home).unwrap();
        Sandbox { tmp, root, home }
    }

    /// A git repository (`git init -b main`).
    pub fn git_repo() -> Sandbox {
        let sandbox = Sandbox::new();
        sandbox.git(&["init", "-q", "-b", "main"]);
        sandbox
    }

    /// The real `oneonone` binary, started in the repository root.
    pub fn oneonone(&self) -> Command {
        let mut cmd = Command::cargo_bin("oneonone").expect("binary");
        cmd.current_dir(&self.root);
        cmd.env_clear();
        cmd.env("PATH", std::env::var("PATH").unwrap_or_default());
        for (k, v) in sealed_env(&self.home) {
            cmd.env(k, v);
        }
        cmd
    }

    /// Runs `git` in the repository and returns its standard output; panics on failure.
    pub fn git(&self, args: &[&str]) -> String {
        let mut cmd = std::process::Command::new("git");
        cmd.current_dir(&self.root).args(args).env_clear();
        cmd.env("PATH", std::env::var("PATH").unwrap_or_default());
        for (k, v) in sealed_env(&self.home) {
            cmd.env(k, v);
        }
        let out = cmd.output().expect("git runs");
        assert!(
            out.status.success(),
            "git {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("utf-8")
    }

    /// Writes a file under the root, creating directories.
    pub fn write(&self, rel: &str, text: &str) {
        let path = self.root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    /// Reads a file under the root.
    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.root.join(rel)).unwrap()
    }
}

/// The reference scenario's files, from the sample notes repository.
pub fn example(rel: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples/notes")
        .join(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}
