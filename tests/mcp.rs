//! `oneonone mcp` driven by a real MCP client: the official Python SDK (tests/mcp/).
//!
//! The client runs where a Python with the `mcp` package is found: `ONEONONE_MCP_PYTHON`,
//! else `target/ci-venv/bin/python` (.ci/run creates it). Without one the test says it
//! was skipped, except under `CI=true`, where a missing client is a failure.

mod common;
use common::{Sandbox, example, reference_repo, sealed_env};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The Python that has the `mcp` package, or why there is none.
fn python() -> Result<PathBuf, String> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let python = match std::env::var_os("ONEONONE_MCP_PYTHON") {
        Some(p) => PathBuf::from(p),
        None => {
            let venv = manifest.join("target/ci-venv/bin/python");
            if !venv.exists() {
                return Err(format!(
                    "no ONEONONE_MCP_PYTHON and no {} (python3 -m venv target/ci-venv && \
                     target/ci-venv/bin/pip install mcp)",
                    venv.display()
                ));
            }
            venv
        }
    };
    let probe = Command::new(&python).args(["-c", "import mcp"]).output();
    match probe {
        Ok(out) if out.status.success() => Ok(python),
        Ok(out) => Err(format!(
            "{} cannot import mcp: {}",
            python.display(),
            String::from_utf8_lossy(&out.stderr).trim()
        )),
        Err(e) => Err(format!("cannot run {}: {e}", python.display())),
    }
}

/// The client's Python, or `None` (the test is skipped) outside CI when there is none.
fn python_or_skip() -> Option<PathBuf> {
    match python() {
        Ok(p) => Some(p),
        Err(why) if std::env::var("CI").as_deref() != Ok("true") => {
            println!("skipped: {why}");
            None
        }
        Err(why) => panic!("the MCP client test must run in CI: {why}"),
    }
}

/// Runs a client script of tests/mcp/ against the repository of `sb`; it must succeed and
/// print `ok_line`.
fn run_client(python: &Path, sb: &Sandbox, script: &str, ok_line: &str) {
    let script = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/mcp")
        .join(script);
    let bin = assert_cmd::cargo::cargo_bin("oneonone");
    let mut cmd = Command::new(python);
    cmd.arg(&script).current_dir(&sb.root).env_clear();
    cmd.env("PATH", std::env::var("PATH").unwrap_or_default());
    for (k, v) in sealed_env(&sb.tmp.path().join("home")) {
        cmd.env(k, v);
    }
    cmd.env("ONEONONE_BIN", &bin).env("ONEONONE_REPO", &sb.root);
    let out = cmd.output().expect("python runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "the MCP client test failed\nstdout:\n{stdout}\nstderr:\n{stderr}"
    );
    assert!(stdout.contains(ok_line), "{stdout}");
}

#[test]
fn mcp_client_records_a_corrected_plan_of_the_reference_meeting() {
    let Some(python) = python_or_skip() else {
        return;
    };
    let sb = reference_repo();
    sb.write(
        "Career/1-on-1s/marco-rossi.md",
        "---\nperson: Marco Rossi\n---\n\n# 1:1 with Marco Rossi\n",
    );
    sb.commit_all("marco");
    run_client(
        &python,
        &sb,
        "record_meeting_test.py",
        "record_meeting loop: ok",
    );
}

#[test]
fn mcp_client_calls_tools_and_survives_malformed_arguments() {
    let Some(python) = python_or_skip() else {
        return;
    };

    let sb = Sandbox::git_repo();
    sb.write(".oneonone.toml", &example(".oneonone.toml"));
    sb.write("BACKLOG.md", &example("BACKLOG.md"));
    sb.write(
        "Career/1-on-1s/sarah-chen.md",
        &example("Career/1-on-1s/sarah-chen.md"),
    );
    sb.write("broken.md", "---\nperson: [unclosed\n---\n\n# 1:1\n");
    sb.git(&["add", "-A"]);
    sb.git(&["commit", "-q", "-m", "notes"]);

    run_client(&python, &sb, "client_test.py", "mcp client test: ok");
}
