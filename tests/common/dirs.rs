//! Repositories in one sealed sandbox directory, driven with the real `git`: the base of
//! the binary's multi-repository tests (`repos.rs`) and of oneonone-git's integration
//! tests, which include this file by path so that both seal git the same way.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Environment every process of a test runs with: no global or system git configuration,
/// a fixed author, committer and clock, no colour, no editor.
pub fn sealed_env(home: &Path) -> Vec<(String, String)> {
    let mut env = vec![("HOME".to_owned(), home.display().to_string())];
    for role in ["AUTHOR", "COMMITTER"] {
        env.push((format!("GIT_{role}_NAME"), "Alex Doe".to_owned()));
        env.push((format!("GIT_{role}_EMAIL"), "alex@example.com".to_owned()));
        env.push((
            format!("GIT_{role}_DATE"),
            "2026-01-15T12:00:00+00:00".to_owned(),
        ));
    }
    let fixed = [
        ("GIT_CONFIG_GLOBAL", "/dev/null"),
        ("GIT_CONFIG_SYSTEM", "/dev/null"),
        ("GIT_CONFIG_NOSYSTEM", "1"),
        ("NO_COLOR", "1"),
        ("EDITOR", "false"),
        ("VISUAL", "false"),
        ("TZ", "UTC"),
    ];
    env.extend(fixed.map(|(k, v)| (k.to_owned(), v.to_owned())));
    env
}

/// The sealed environment plus this machine's `PATH` (git and the shell must be found),
/// for a command whose environment was cleared.
pub fn sealed_env_with_path(home: &Path) -> Vec<(String, String)> {
    let mut env = sealed_env(home);
    env.push(("PATH".to_owned(), std::env::var("PATH").unwrap_or_default()));
    env
}

/// Standard output of a command that must have succeeded; both outputs when it did not.
pub fn success_stdout(what: &str, out: Output) -> String {
    assert!(
        out.status.success(),
        "{what} failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Temp directories: HOME, and the repositories under one directory.
pub struct Sandbox {
    pub home: tempfile::TempDir,
    pub dir: tempfile::TempDir,
    /// Extra directories put first on PATH (where a copied binary may live).
    pub path_dirs: Vec<PathBuf>,
    /// Extra environment for every command.
    pub env: Vec<(String, String)>,
}

impl Sandbox {
    /// Empty HOME and sandbox directories.
    pub fn new() -> Sandbox {
        Sandbox {
            home: tempfile::tempdir().unwrap(),
            dir: tempfile::tempdir().unwrap(),
            path_dirs: Vec::new(),
            env: Vec::new(),
        }
    }

    /// A path inside the sandbox (canonical, so it compares with discovered paths).
    pub fn path(&self, rel: &str) -> PathBuf {
        std::fs::canonicalize(self.dir.path()).unwrap().join(rel)
    }

    /// Runs `c` in `dir` (relative to the sandbox) with nothing of this machine's
    /// environment but `PATH`, after the sandbox's own directories.
    pub fn seal(&self, c: &mut Command, dir: &str) {
        let mut path = std::env::join_paths(&self.path_dirs).unwrap();
        if let Some(p) = std::env::var_os("PATH") {
            if !path.is_empty() {
                path.push(":");
            }
            path.push(p);
        }
        c.current_dir(self.path(dir))
            .env_clear()
            .envs(sealed_env(self.home.path()))
            .env("PATH", path)
            .env("LANG", "C")
            .envs(self.env.iter().map(|(k, v)| (k, v)));
    }

    /// A sealed `git` command run in `dir`.
    pub fn git_cmd(&self, dir: &str, args: &[&str]) -> Command {
        let mut c = Command::new("git");
        c.args(args);
        self.seal(&mut c, dir);
        c
    }

    /// Runs git in `dir`, whatever its exit status.
    pub fn git_output(&self, dir: &str, args: &[&str]) -> Output {
        self.git_cmd(dir, args).output().unwrap()
    }

    /// Runs git, asserts success, returns stdout.
    pub fn git(&self, dir: &str, args: &[&str]) -> String {
        success_stdout(&format!("git {args:?}"), self.git_output(dir, args))
    }

    /// Writes a file under the sandbox, creating directories.
    pub fn write(&self, rel: &str, text: &str) -> PathBuf {
        let p = self.path(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, text).unwrap();
        p
    }

    /// Reads a file under the sandbox.
    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap()
    }

    /// `git init` in `dir` on branch main.
    pub fn init(&self, dir: &str) {
        std::fs::create_dir_all(self.path(dir)).unwrap();
        self.git(dir, &["init", "-q", "-b", "main"]);
    }

    /// `git init` plus one commit holding `files` (paths relative to `dir`).
    pub fn init_with(&self, dir: &str, files: &[(&str, &str)]) {
        self.init(dir);
        for (rel, text) in files {
            self.write(&Path::new(dir).join(rel).to_string_lossy(), text);
        }
        self.commit_all(dir, "initial");
    }

    /// Stages everything in `dir` and commits it.
    pub fn commit_all(&self, dir: &str, message: &str) {
        self.git(dir, &["add", "-A"]);
        self.git(dir, &["commit", "-q", "-m", message]);
    }
}
