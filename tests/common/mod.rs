//! Shared helpers of the end-to-end tests: a sealed environment for the real binary and for
//! the `git` CLI, so no global configuration, clock or author leaks into a test.
#![allow(dead_code)]

pub mod dirs;
pub mod repos;

use dirs::sealed_env_with_path;

use assert_cmd::Command;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

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
        cmd.current_dir(&self.root)
            .env_clear()
            .envs(sealed_env_with_path(&self.home));
        cmd
    }

    /// Runs the real binary with `args` to the end, whatever its exit status.
    pub fn run<I, S>(&self, args: I) -> std::process::Output
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        self.oneonone().args(args).output().expect("oneonone runs")
    }

    /// Runs the real binary with `args` and `input` on its standard input, to the end,
    /// whatever its exit status.
    pub fn run_with_input(&self, args: &[&str], input: &str) -> std::process::Output {
        let mut cmd = self.oneonone();
        cmd.args(args).write_stdin(input);
        cmd.output().expect("oneonone runs")
    }

    /// Runs the real binary with `--color always` and `NO_COLOR` unset, which must
    /// succeed: its standard output, escape codes and all.
    pub fn run_coloured(&self, args: &[&str]) -> String {
        let mut cmd = self.oneonone();
        let out = cmd
            .env_remove("NO_COLOR")
            .args(["--color", "always"])
            .args(args);
        let out = out.output().expect("oneonone runs");
        assert_ok(&out);
        stdout(&out)
    }

    /// Runs the real binary, asserts it succeeded (naming the arguments) and returns its
    /// standard output.
    pub fn run_ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert_ok(&out);
        stdout(&out)
    }

    /// Runs the real binary, which must refuse with exit 1 (a user error); returns its
    /// standard error.
    pub fn run_err(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {}", stdout(&out));
        stderr(&out)
    }

    /// Runs the real binary, which must succeed, and parses its standard output as JSON.
    pub fn json(&self, args: &[&str]) -> Value {
        let text = self.run_ok(args);
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{args:?}: not JSON: {e}\n{text}"))
    }

    /// The real binary as a plain process (to spawn, signal or race), with the same sealed
    /// environment as [`Sandbox::oneonone`].
    pub fn oneonone_process(&self) -> std::process::Command {
        self.sealed(env!("CARGO_BIN_EXE_oneonone"))
    }

    /// `program` started in the repository root with the sealed environment.
    pub fn sealed(&self, program: impl AsRef<std::ffi::OsStr>) -> std::process::Command {
        let mut cmd = std::process::Command::new(program);
        cmd.current_dir(&self.root)
            .env_clear()
            .envs(sealed_env_with_path(&self.home));
        cmd
    }

    /// Runs `git` in the repository and returns its standard output; panics on failure.
    pub fn git(&self, args: &[&str]) -> String {
        self.git_env(args, &[])
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

    /// Rewrites the file `rel` with `from` replaced by `to` (see [`edited`]).
    #[track_caller]
    pub fn edit(&self, rel: &str, from: &str, to: &str) {
        self.write(rel, &edited(&self.read(rel), from, to));
    }

    /// Runs `git` and returns whether it succeeded, for commands expected to fail (a merge
    /// with conflicts).
    pub fn git_status_ok(&self, args: &[&str]) -> bool {
        let out = self.sealed("git").args(args).output();
        out.expect("git runs").status.success()
    }

    /// Runs `git` with extra environment (e.g. another `GIT_AUTHOR_DATE`); panics on failure.
    pub fn git_env(&self, args: &[&str], env: &[(&str, &str)]) -> String {
        let out = self
            .sealed("git")
            .args(args)
            .envs(env.iter().copied())
            .output()
            .expect("git runs");
        assert!(
            out.status.success(),
            "git {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("utf-8")
    }

    /// Stages everything and commits it.
    pub fn commit_all(&self, message: &str) {
        self.git(&["add", "-A"]);
        self.git(&["commit", "-q", "-m", message]);
    }

    /// Every file under the root, `.git` included, with its bytes (see [`files_under`]):
    /// two equal snapshots mean nothing was written (not even the index or a ref).
    pub fn snapshot(&self) -> BTreeMap<PathBuf, Vec<u8>> {
        files_under(&self.root)
    }

    /// The subject line of HEAD's commit, with its newline.
    pub fn subject(&self) -> String {
        self.git(&["log", "-1", "--format=%s"])
    }

    /// The number of commits reachable from HEAD (0 on an unborn branch).
    pub fn commit_count(&self) -> usize {
        if !self.git_status_ok(&["rev-parse", "--verify", "-q", "HEAD"]) {
            return 0;
        }
        self.git(&["rev-list", "--count", "HEAD"])
            .trim()
            .parse()
            .unwrap()
    }
}

/// Every file under `dir` by its path relative to `dir`, with its bytes. Links are not
/// followed; a file of 1 MiB or more is represented by its length, so that a huge hostile
/// file is not read.
pub fn files_under(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            let meta = std::fs::symlink_metadata(&path).unwrap();
            let rel = path.strip_prefix(dir).unwrap().to_path_buf();
            if meta.is_dir() {
                stack.push(path);
            } else if meta.len() < 1 << 20 {
                out.insert(rel, std::fs::read(&path).unwrap_or_default());
            } else {
                out.insert(rel, meta.len().to_le_bytes().to_vec());
            }
        }
    }
    out
}

/// The reference scenario's running document, relative to the repository root.
pub const SARAH: &str = "Career/1-on-1s/sarah-chen.md";

/// Asserts that a command succeeded, showing its exit code and both outputs when not.
pub fn assert_ok(out: &std::process::Output) {
    assert!(
        out.status.success(),
        "exit {:?}\nstdout: {}\nstderr: {}",
        out.status.code(),
        stdout(out),
        stderr(out)
    );
}

/// `text` with every `from` replaced by `to`; panics when `text` holds no `from`, so that a
/// test cannot go on with a document its edit missed.
#[track_caller]
pub fn edited(text: &str, from: &str, to: &str) -> String {
    assert_contains(text, from);
    text.replace(from, to)
}

/// Asserts that `text` contains `part`, showing `text` when it does not.
#[track_caller]
pub fn assert_contains(text: &str, part: &str) {
    assert!(text.contains(part), "no `{part}` in:\n{text}");
}

/// Asserts that `text` contains every one of `parts`, naming the first one missing.
#[track_caller]
pub fn assert_contains_all(text: &str, parts: &[&str]) {
    for part in parts {
        assert_contains(text, part);
    }
}

/// The element of the JSON array `array` whose field `field` is `value`; panics, showing
/// the array, when there is none.
#[track_caller]
pub fn find_by<'a>(array: &'a Value, field: &str, value: &str) -> &'a Value {
    let found = array
        .as_array()
        .and_then(|a| a.iter().find(|e| e[field] == value));
    found.unwrap_or_else(|| panic!("no element with {field} {value:?} in {array:#}"))
}

/// The string field `field` of each element of the JSON array `array`, in order; panics,
/// showing the array, when it is not an array of objects with such a field.
#[track_caller]
pub fn field_values<'a>(array: &'a Value, field: &str) -> Vec<&'a str> {
    let values = array
        .as_array()
        .and_then(|a| a.iter().map(|e| e[field].as_str()).collect());
    values.unwrap_or_else(|| panic!("no string {field} in every element of {array:#}"))
}

/// The lines of a document's `## heading` section, up to the next `## ` heading.
pub fn section<'a>(doc: &'a str, heading: &str) -> Vec<&'a str> {
    lines_under(doc, heading, "## ")
}

/// The lines under a heading (a `### heading` subsection), up to the next heading.
pub fn subsection<'a>(doc: &'a str, heading: &str) -> Vec<&'a str> {
    lines_under(doc, heading, "#")
}

/// Asserts that the line `line` stands under `heading` (a `## ` section or a deeper
/// subsection) in `doc`, showing the document when it does not.
pub fn assert_under(doc: &str, heading: &str, line: &str) {
    let lines = if heading.starts_with("## ") {
        section(doc, heading)
    } else {
        subsection(doc, heading)
    };
    assert!(lines.contains(&line), "no `{line}` under {heading}:\n{doc}");
}

/// The lines after the line `heading`, up to the next line starting with `stop`.
fn lines_under<'a>(doc: &'a str, heading: &str, stop: &str) -> Vec<&'a str> {
    doc.lines()
        .skip_while(|l| *l != heading)
        .skip(1)
        .take_while(|l| !l.starts_with(stop))
        .collect()
}

/// Standard output of a finished command, as text.
pub fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Standard error of a finished command, as text.
pub fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The reference scenario's files, from the sample notes repository.
pub fn example(rel: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples/notes")
        .join(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The reference scenario's brain dump, at the repository root.
pub const NOTES: &str = "notes-2026-01-15.md";

/// Writes the reference scenario into `sb`: configuration (`my_name = "Alex"`), the
/// document before the 2026-01-15 meeting, BACKLOG.md and the brain dump.
pub fn write_reference(sb: &Sandbox) {
    sb.write(".oneonone.toml", "my_name = \"Alex\"\n");
    sb.write(SARAH, &example("Career/1-on-1s/sarah-chen.md"));
    sb.write("BACKLOG.md", &example("BACKLOG.md"));
    sb.write(NOTES, &example(NOTES));
}

/// The reference meeting processed: `process sarah` on the brain dump, on its date.
pub const PROCESS_REFERENCE: [&str; 5] = ["process", "sarah", NOTES, "--date", "2026-01-15"];

/// The reference scenario with its 2026-01-15 meeting processed and committed.
pub fn processed_reference() -> Sandbox {
    let sb = reference_repo();
    sb.run_ok(&PROCESS_REFERENCE);
    sb
}

/// The JSON report of a dry run of the reference meeting's `process`, dated `date`.
pub fn dry_run_report(sb: &Sandbox, date: &str) -> Value {
    let args = ["process", "sarah", NOTES, "--date", date];
    sb.json(&[args.as_slice(), &["--dry-run", "--format", "json"]].concat())
}

/// `process sarah -` dated `date` as a JSON dry run with `notes` on standard input: the
/// finished run, whatever its exit status.
pub fn dry_run_of_notes(sb: &Sandbox, date: &str, notes: &str) -> std::process::Output {
    let args = ["process", "sarah", "-", "--date", date];
    sb.run_with_input(
        &[&args[..], &["--dry-run", "--format", "json"]].concat(),
        notes,
    )
}

/// A git repository holding the reference scenario in one commit.
pub fn reference_repo() -> Sandbox {
    let sb = Sandbox::git_repo();
    write_reference(&sb);
    sb.commit_all("notes before the meeting");
    sb
}

/// The directory of the Python venv holding the tools some end-to-end tests drive (the
/// MCP client, pre-commit, jsonschema): `ONEONONE_TEST_VENV` when set, else
/// `target/test-venv`, made by `scripts/test-env.sh` when it is missing or lacks a tool.
/// Panics, naming what to install, when the tools cannot be had: such a test fails rather
/// than passing without having run.
pub fn test_venv() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    if let Some(dir) = std::env::var_os("ONEONONE_TEST_VENV") {
        return PathBuf::from(dir);
    }
    let script = manifest.join("scripts/test-env.sh");
    let out = std::process::Command::new("bash")
        .arg(&script)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", script.display()));
    assert!(
        out.status.success(),
        "this test drives Python tools (mcp, pre-commit, jsonschema) and could not get them: \
         {} failed. Install python3 with venv (Debian: apt-get install python3-venv) and give \
         it access to PyPI, or point ONEONONE_TEST_VENV at a venv holding those packages.\n{}",
        script.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    PathBuf::from(String::from_utf8_lossy(&out.stdout).trim())
}

/// The test venv's Python, checked to import `module`.
pub fn test_python(module: &str) -> PathBuf {
    let python = test_venv().join("bin/python");
    let probe = std::process::Command::new(&python)
        .args(["-c", &format!("import {module}")])
        .output();
    match probe {
        Ok(out) if out.status.success() => python,
        Ok(out) => panic!(
            "{} cannot import {module} (run scripts/test-env.sh): {}",
            python.display(),
            String::from_utf8_lossy(&out.stderr).trim()
        ),
        Err(e) => panic!("cannot run {}: {e}", python.display()),
    }
}
