//! `.oneonone.toml` end to end: every key changes what the real binary does.

mod common;

use common::{SARAH, Sandbox, assert_contains_all, assert_under, example, subsection};

/// A notes directory with this configuration (and no document yet).
fn with_sarah(config: &str) -> Sandbox {
    let s = Sandbox::new();
    s.write(".oneonone.toml", config);
    s
}

/// The reference document processed under `config` with `notes`: the sandbox after the
/// run, which must succeed.
fn processed_under(config: &str, notes: &str) -> Sandbox {
    let s = with_sarah(config);
    s.write(SARAH, &example(SARAH));
    s.write("notes.md", notes);
    s.run_ok(&["process", "sarah", "notes.md", "--date", "2026-01-15"]);
    s
}

#[test]
fn unknown_key_fails_naming_key_and_path_line() {
    let s = with_sarah("backlog = \"B.md\"\n\nnotes_dri = \"people\"\n");
    s.write(SARAH, &example(SARAH));
    let err = s.run_err(&["status"]);
    assert_contains_all(&err, &[".oneonone.toml:3:", "notes_dri"]);
}

#[test]
fn init_writes_commented_config_and_template_in_custom_notes_dir() {
    let s = with_sarah("notes_dir = \"people\"\n");
    s.oneonone().arg("init").assert().success();
    let template = s.read("people/_template.md");
    assert!(template.starts_with("---\nperson: "), "{template}");
    assert!(!s.root.join("Career").exists());
    // Without a config, init writes the commented default, the one whose every key the
    // configuration's own tests check.
    let fresh = Sandbox::new();
    fresh.oneonone().arg("init").assert().success();
    let config = fresh.read(".oneonone.toml");
    assert_eq!(config, oneonone_git::Config::default_toml_commented());
    assert!(fresh.root.join("Career/1-on-1s/_template.md").is_file());
}

#[test]
fn custom_notes_dir_holds_new_documents_and_status_reads_them() {
    let s = with_sarah("notes_dir = \"people\"\ndefault_frequency = \"Biweekly\"\n");
    s.run_ok(&[
        "new",
        "Ann Lee",
        "--relationship",
        "report",
        "--date",
        "2026-01-05",
    ]);
    let doc = s.read("people/ann-lee.md");
    assert!(doc.contains("frequency: Biweekly\n"), "{doc}");
    let json = s.json(&["status", "--date", "2026-01-10", "--format", "json"]);
    assert_eq!(json["rows"][0]["slug"], "ann-lee");
    assert_eq!(json["rows"][0]["relationship"], "report");
}

#[test]
fn thread_rules_route_notes_to_configured_threads() {
    let run =
        |config: &str| processed_under(config, "- Talked about the renewal pipeline\n").read(SARAH);
    let routed = run("[[threads]]\nname = \"Customers\"\nkeywords = [\"renewal\"]\n");
    assert!(
        routed.contains("### Customers\n- 2026-01-15: Talked about the renewal pipeline\n"),
        "{routed}"
    );
    let default = run("");
    assert!(!default.contains("### Customers"), "{default}");
    assert!(default.contains("### General\n- 2026-01-15: Talked about the renewal pipeline\n"));
}

#[test]
fn my_name_is_recognised_as_me() {
    let run = |config: &str| processed_under(config, "- @alex draft the memo\n").read(SARAH);
    let me = run("my_name = \"Alex\"\n");
    assert_under(&me, "### My Actions", "- [ ] Draft the memo");
    let other = run("");
    assert!(
        !subsection(&other, "### My Actions")
            .iter()
            .any(|l| l.contains("memo"))
    );
}

#[test]
fn wins_log_entries_show_in_prep() {
    let s = with_sarah("wins_log = \"notes/WINS.md\"\n");
    s.write(SARAH, &example(SARAH));
    s.write(
        "notes/WINS.md",
        "# Wins\n- 2026-01-10: Closed the Acme renewal\n- 2025-11-01: Too old to count\n",
    );
    let text = s.run_ok(&["prep", "sarah", "--date", "2026-01-15"]);
    assert!(text.contains("Closed the Acme renewal"), "{text}");
    assert!(!text.contains("Too old to count"), "{text}");
}

#[test]
fn custom_backlog_path_receives_my_actions() {
    let s = processed_under(
        "backlog = \"tasks/TODO.md\"\n",
        "- I'll send the deck by friday\n",
    );
    let todo = s.read("tasks/TODO.md");
    assert!(todo.contains("Send the deck"), "{todo}");
    assert!(todo.contains("Sarah Chen"), "{todo}");
    assert!(!s.root.join("BACKLOG.md").exists());
}
