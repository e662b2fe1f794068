//! `--format json` of every read command: the committed JSON Schemas (docs/schema/) are the
//! ones the binary prints, the real outputs validate against them, and their field names
//! are pinned by snapshots.
//!
//! Schema validation uses the Python `jsonschema` package from the test venv
//! (`scripts/test-env.sh`, run by the test when the venv is missing); without it the test
//! fails saying what to install.

mod common;
use common::{Sandbox, example, find_by, stderr, stdout};
use std::path::Path;
use std::process::Command;

/// The commands with a JSON output, as `oneonone schema` names them.
const DOCUMENTED: [&str; 10] = [
    "validate",
    "show",
    "prep",
    "process",
    "log",
    "review",
    "status",
    "people",
    "plan",
    "commitments",
];

const FIXTURE_FILES: [&str; 6] = [
    ".oneonone.toml",
    "BACKLOG.md",
    "Career/1-on-1s/sarah-chen.md",
    "Career/1-on-1s/marco-rossi.md",
    "Career/1-on-1s/priya-patel.md",
    "notes-2026-01-15.md",
];

fn manifest() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The sample notes committed, then the 2026-01-15 meeting processed and committed, all
/// with the sealed environment's fixed author and dates, so commit ids are the same on
/// every run. Returns the repository and `process --format json`'s output.
fn fixture() -> (Sandbox, String) {
    let sb = Sandbox::git_repo();
    for rel in FIXTURE_FILES {
        sb.write(rel, &example(rel));
    }
    sb.write(
        "marco-notes.md",
        "- Marco shipped the onboarding checklist cuts\n- I'll review his QBR deck by 2026-01-23\n",
    );
    sb.commit_all("sample notes");
    let process = sb.run_ok(&[
        "process",
        "sarah",
        "notes-2026-01-15.md",
        "--date",
        "2026-01-15",
        "--format",
        "json",
    ]);
    (sb, process)
}

/// Every command's JSON output on the fixture: (schema name, snapshot name, output).
fn outputs(sb: &Sandbox, process: String) -> Vec<(&'static str, &'static str, String)> {
    let run = |args: &[&str]| {
        let out = sb.run(args);
        // validate exits 1 when a file has errors, and still prints its report.
        assert!(
            out.status.code().is_some_and(|c| c <= 1) && !out.stdout.is_empty(),
            "oneonone {args:?} failed: {}",
            stderr(&out)
        );
        stdout(&out)
    };
    vec![
        (
            "validate",
            "validate",
            run(&["validate", "--date", "2026-01-29", "--format", "json"]),
        ),
        ("show", "show", run(&["show", "sarah", "--format", "json"])),
        (
            "prep",
            "prep",
            run(&["prep", "sarah", "--date", "2026-01-29", "--format", "json"]),
        ),
        // The "done when": today's prep validates too (not snapshotted: today moves).
        ("prep", "", run(&["prep", "sarah", "--format", "json"])),
        ("process", "process", process),
        (
            "process",
            "process_dry_run",
            run(&[
                "process",
                "marco",
                "marco-notes.md",
                "--date",
                "2026-01-20",
                "--dry-run",
                "--format",
                "json",
            ]),
        ),
        ("log", "log", run(&["log", "--format", "json"])),
        (
            "review",
            "review",
            run(&[
                "review",
                "sarah",
                "--quarter",
                "2026-Q1",
                "--date",
                "2026-01-29",
                "--format",
                "json",
            ]),
        ),
        (
            "status",
            "status",
            run(&["status", "--date", "2026-01-29", "--format", "json"]),
        ),
        ("people", "people", run(&["people", "--format", "json"])),
        (
            "commitments",
            "commitments",
            run(&["commitments", "--date", "2026-01-29", "--format", "json"]),
        ),
    ]
}

#[test]
fn committed_schemas_equal_what_the_binary_prints() {
    let sb = Sandbox::new();
    for name in DOCUMENTED {
        let out = sb.run(["schema", name]);
        assert!(out.status.success(), "schema {name}: {}", stderr(&out));
        let path = manifest().join(format!("docs/schema/{name}.schema.json"));
        let committed =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(
            committed == stdout(&out),
            "{} is out of date: regenerate it with\n  cargo run -q -- schema {name} > docs/schema/{name}.schema.json",
            path.display()
        );
    }
}

#[test]
fn schema_command_refuses_an_unknown_command() {
    let out = Sandbox::new().run(["schema", "archive"]);
    assert_eq!(out.status.code(), Some(1), "a usage error is the user's");
    assert!(
        stderr(&out).contains("invalid value 'archive'"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn json_outputs_carry_the_schema_version_and_iso_dates() {
    let (sb, process) = fixture();
    for (schema, snap, text) in outputs(&sb, process) {
        let value: serde_json::Value = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("{schema} ({snap}) is not JSON: {e}\n{text}"));
        assert_eq!(value["schema_version"], 1, "{schema}: {text}");
        // The version comes first, so a reader can check it before anything else.
        assert!(
            text.starts_with("{\n  \"schema_version\": 1,"),
            "{schema}: {text}"
        );
    }
    let status = sb.json(&["status", "--date", "2026-01-29", "--format", "json"]);
    assert_eq!(status["date"], "2026-01-29");
    let sarah = find_by(&status["rows"], "slug", "sarah-chen");
    assert_eq!(sarah["last_meeting"], "2026-01-15");
}

/// Asserts that each (schema name, JSON text) validates with tests/json/check_schema.py
/// against docs/schema/<name>.schema.json, and that the script checked `count` of them.
fn assert_schemas_validate(sb: &Sandbox, instances: Vec<(&str, String)>, count: usize) {
    let python = common::test_python("jsonschema");
    let dir = sb.tmp.path().join("instances");
    std::fs::create_dir_all(&dir).unwrap();
    let mut args = Vec::new();
    for (i, (schema, text)) in instances.into_iter().enumerate() {
        let instance = dir.join(format!("{i}-{schema}.json"));
        std::fs::write(&instance, text).unwrap();
        args.push(manifest().join(format!("docs/schema/{schema}.schema.json")));
        args.push(instance);
    }
    let out = Command::new(&python)
        .arg(manifest().join("tests/json/check_schema.py"))
        .args(&args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "outputs do not validate against docs/schema/:\n{}{}",
        stdout(&out),
        stderr(&out)
    );
    let checked = stdout(&out);
    let line = format!("checked {count} outputs: ok");
    assert!(checked.contains(&line), "{checked}");
}

#[test]
fn json_outputs_validate_against_their_committed_schemas() {
    let (sb, process) = fixture();
    let instances = outputs(&sb, process)
        .into_iter()
        .map(|(schema, _, text)| (schema, text))
        .collect();
    assert_schemas_validate(&sb, instances, 11);
}

#[test]
fn process_plans_validate_against_the_plan_schema() {
    let (sb, process) = fixture();
    let plans = outputs(&sb, process)
        .into_iter()
        .filter(|(schema, _, _)| *schema == "process")
        .map(|(_, _, text)| {
            let report: serde_json::Value = serde_json::from_str(&text).unwrap();
            ("plan", report["plan"].to_string())
        })
        .collect();
    assert_schemas_validate(&sb, plans, 2);
}

#[test]
fn json_field_names_are_stable() {
    let (sb, process) = fixture();
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.set_snapshot_path("snapshots/json");
    settings.bind(|| {
        for (_, snap, text) in outputs(&sb, process) {
            if !snap.is_empty() {
                insta::assert_snapshot!(snap, text);
            }
        }
    });
}
