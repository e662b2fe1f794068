//! Several repositories in one sealed sandbox (clones, remotes, a hooks directory beside
//! them), for the hook and merge-driver tests: the real `git` and the real `oneonone`
//! binary, with the same sealed environment as every other end-to-end test.

#[allow(unused_imports)]
pub use super::{stderr, stdout};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The binary under test.
pub fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_oneonone"))
}

/// A valid running document with open and done items, threads and meetings.
pub const GOOD_DOC: &str = "---
person: Sarah Chen
role: Manager
frequency: Weekly
started: 2025-01-15
---

# 1:1 with Sarah Chen

## Current Focus Areas
- Q1 Goal: Increase NRR by 10%

## Ongoing Threads
### Career Development
- 2026-01-15: Discussed promotion criteria
  * Strategic customer initiatives
- 2025-12-10: Training budget approved ($2K/year)

## Action Items
### My Actions
- [ ] Research customer advisory board best practices (by 2026-01-22)
- [ ] Draft the QBR deck
- [x] Implement new onboarding flow (completed 2026-01-08)
### Sarah's Actions
- [ ] Review promotion packet requirements

## Recent Accomplishments Shared
- 2026-01-15: Customer X renewal - 2 years, $500K ARR

## Meeting History
- 2026-01-15: Career path, advisory board kickoff

## Notes
Sarah prefers written updates before the meeting.
";

/// A document with an error: an unparseable due date on line 11.
pub const BAD_DOC: &str = "---
person: Sarah Chen
---

# 1:1 with Sarah Chen

## Action Items
### My Actions
- [ ] Research advisory boards (by 2026-02-30)
";

/// The path of the running document.
pub const DOC: &str = "Career/1-on-1s/sarah-chen.md";

pub use super::dirs::Sandbox;

impl Sandbox {
    /// Runs a binary (the one under test unless given) in `dir`.
    pub fn run_bin(&self, bin: &Path, dir: &str, args: &[&str]) -> Output {
        let mut c = Command::new(bin);
        c.args(args);
        self.seal(&mut c, dir);
        // A binary copied a moment ago can still be open for writing in a child another
        // test thread forked meanwhile (ETXTBSY); it closes as soon as that child execs.
        for _ in 0..50 {
            match c.output() {
                Err(e) if e.raw_os_error() == Some(26) => {
                    std::thread::sleep(std::time::Duration::from_millis(20));
                }
                other => return other.unwrap(),
            }
        }
        c.output().unwrap()
    }

    /// Runs `oneonone` in `dir`.
    pub fn oneonone(&self, dir: &str, args: &[&str]) -> Output {
        self.run_bin(&bin(), dir, args)
    }

    /// Runs `oneonone`, asserts success, returns stdout.
    pub fn ok(&self, dir: &str, args: &[&str]) -> String {
        let what = format!("oneonone {args:?}");
        super::dirs::success_stdout(&what, self.oneonone(dir, args))
    }

    /// Runs `oneonone`, which must exit 1 (a user error); returns its standard error.
    pub fn refused(&self, dir: &str, args: &[&str]) -> String {
        let out = self.oneonone(dir, args);
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        stderr(&out)
    }

    /// `git init` on branch main with the good document committed.
    pub fn repo(&self, dir: &str) {
        self.init_with(dir, &[(DOC, GOOD_DOC), ("README.md", "notes\n")]);
    }

    /// `git commit`'s output.
    pub fn commit(&self, dir: &str, args: &[&str]) -> Output {
        let mut all = vec!["commit", "-q", "-m", "change"];
        all.extend_from_slice(args);
        self.git_output(dir, &all)
    }

    /// `git commit` in `dir`, which the hooks must let through: its standard error (where
    /// hooks print).
    pub fn committed(&self, dir: &str, args: &[&str]) -> String {
        let out = self.commit(dir, args);
        assert!(out.status.success(), "commit refused: {}", stderr(&out));
        stderr(&out)
    }

    /// `git commit` in `dir`, which the hooks must block: its standard error.
    pub fn blocked(&self, dir: &str, args: &[&str]) -> String {
        let out = self.commit(dir, args);
        assert!(!out.status.success(), "commit passed: {}", stderr(&out));
        stderr(&out)
    }

    /// Writes the running document of the repository `dir`.
    pub fn write_doc(&self, dir: &str, text: &str) -> PathBuf {
        self.write(&format!("{dir}/{DOC}"), text)
    }

    /// Points git's global configuration at a file holding `text`, for every later command.
    pub fn global_config(&mut self, text: &str) {
        let global = self.home.path().join("global.gitconfig");
        std::fs::write(&global, text).unwrap();
        self.env.push((
            "GIT_CONFIG_GLOBAL".into(),
            global.to_string_lossy().into_owned(),
        ));
    }

    /// The commit id of HEAD in `dir`.
    pub fn head(&self, dir: &str) -> String {
        self.git(dir, &["rev-parse", "HEAD"]).trim().to_owned()
    }
}
