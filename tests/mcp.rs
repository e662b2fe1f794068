//! `oneonone mcp` driven by a real MCP client: the official Python SDK (tests/mcp/).
//!
//! The client runs in the test venv (`scripts/test-env.sh`, which the test runs itself when
//! the venv is missing); without one the test fails saying what to install.

mod common;
use common::{Sandbox, example, reference_repo, test_python};
use std::path::Path;

/// Runs a client script of tests/mcp/ against the repository of `sb`; it must succeed and
/// print `ok_line`.
fn run_client(python: &Path, sb: &Sandbox, script: &str, ok_line: &str) {
    let script = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/mcp")
        .join(script);
    let bin = assert_cmd::cargo::cargo_bin("oneonone");
    let mut cmd = sb.sealed(python);
    // The shared helper module is imported from the source tree: leave no bytecode there.
    cmd.arg(&script)
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .env("ONEONONE_BIN", &bin)
        .env("ONEONONE_REPO", &sb.root);
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
    let python = test_python("mcp");
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
    let python = test_python("mcp");

    let sb = Sandbox::git_repo();
    sb.write(".oneonone.toml", &example(".oneonone.toml"));
    sb.write("BACKLOG.md", &example("BACKLOG.md"));
    sb.write(
        "Career/1-on-1s/sarah-chen.md",
        &example("Career/1-on-1s/sarah-chen.md"),
    );
    sb.write("broken.md", "---\nperson: [unclosed\n---\n\n# 1:1\n");
    sb.commit_all("notes");

    run_client(&python, &sb, "client_test.py", "mcp client test: ok");
}
