//! Helpers shared by the integration tests: sealed git invocations in temp directories.
#![allow(dead_code)]

use oneonone_git::GitEnv;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A temp directory with its own HOME, for running git sealed from the machine's config.
pub struct Sandbox {
    pub home: tempfile::TempDir,
    pub dir: tempfile::TempDir,
}

impl Sandbox {
    pub fn new() -> Sandbox {
        Sandbox {
            home: tempfile::tempdir().unwrap(),
            dir: tempfile::tempdir().unwrap(),
        }
    }

    /// A path inside the sandbox (canonical, so it compares with discovered paths).
    pub fn path(&self, rel: &str) -> PathBuf {
        std::fs::canonicalize(self.dir.path()).unwrap().join(rel)
    }

    /// A sealed `git` command run in `dir` (relative to the sandbox).
    pub fn git_cmd(&self, dir: &str, args: &[&str]) -> Command {
        let mut c = Command::new("git");
        c.current_dir(self.path(dir))
            .args(args)
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.home.path())
            .env("LANG", "C")
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_SYSTEM", "/dev/null")
            .env("GIT_AUTHOR_NAME", "Fixture Author")
            .env("GIT_AUTHOR_EMAIL", "fixture@example.com")
            .env("GIT_AUTHOR_DATE", "@1700000000 +0000")
            .env("GIT_COMMITTER_NAME", "Fixture Committer")
            .env("GIT_COMMITTER_EMAIL", "fixture-c@example.com")
            .env("GIT_COMMITTER_DATE", "@1700000000 +0000");
        c
    }

    /// Runs git and returns its output, whatever the exit status.
    pub fn git_output(&self, dir: &str, args: &[&str]) -> Output {
        self.git_cmd(dir, args).output().unwrap()
    }

    /// Runs git, asserts success, returns stdout.
    pub fn git(&self, dir: &str, args: &[&str]) -> String {
        let out = self.git_output(dir, args);
        assert!(
            out.status.success(),
            "git {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// Writes a file (creating directories).
    pub fn write(&self, rel: &str, text: &str) -> PathBuf {
        let p = self.path(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, text).unwrap();
        p
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap()
    }

    /// `git init` in `dir` on branch main, with a local identity.
    pub fn init(&self, dir: &str) {
        std::fs::create_dir_all(self.path(dir)).unwrap();
        self.git(dir, &["init", "-q", "-b", "main"]);
    }

    /// `git init` plus one commit holding `files`.
    pub fn init_with(&self, dir: &str, files: &[(&str, &str)]) {
        self.init(dir);
        for (rel, text) in files {
            let full = if dir == "." {
                rel.to_string()
            } else {
                format!("{dir}/{rel}")
            };
            self.write(&full, text);
        }
        self.git(dir, &["add", "-A"]);
        self.git(dir, &["commit", "-q", "-m", "initial"]);
    }
}

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
