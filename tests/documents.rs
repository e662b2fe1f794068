//! End-to-end: documents shaped like real ones through the real binary: setext sections,
//! `Name:` tasks, a fence left open, invalid documents in `status` and `people`, and the
//! `validate` summary.

mod common;

use common::{Sandbox, assert_contains, assert_contains_all, assert_ok, stderr, stdout};

/// Maria's running document.
const MARIA: &str = "Career/1-on-1s/maria-lopez.md";

const DOCS: &str = "Career/1-on-1s";

/// `process maria` on 2026-01-20 with the notes on standard input.
const PROCESS_STDIN: [&str; 5] = ["process", "maria", "-", "--date", "2026-01-20"];

fn repo() -> Sandbox {
    let sb = Sandbox::git_repo();
    sb.write(
        MARIA,
        "---\nperson: Maria Lopez\nfrequency: Weekly\n---\n\n\
         Action Items\n------------\n\n\
         - [ ] Alex: review the plan\n- [ ] Send the numbers (by 2026-01-25)\n\n\
         Meeting History\n---------------\n\n- 2026-01-13: Planning\n",
    );
    sb.commit_all("notes");
    sb
}

#[test]
fn show_reads_setext_sections_and_named_tasks() {
    let sb = repo();
    let text = sb.run_ok(&["show", "maria"]);
    assert_contains_all(
        &text,
        &[
            "Unassigned actions (1 open",
            "Alex's actions (1 open",
            "- [ ] Send the numbers",
        ],
    );
}

#[test]
fn process_adds_to_a_setext_section_without_a_second_one() {
    let sb = repo();
    let notes = "- I'll draft the hiring plan by 2026-01-30\n";
    assert_ok(&sb.run_with_input(&PROCESS_STDIN, notes));
    let text = sb.read(MARIA);
    assert_eq!(text.matches("Action Items").count(), 1, "{text}");
    assert_contains(&text, "- [ ] Draft the hiring plan (by 2026-01-30)");
    assert_ok(&sb.run(["validate"]));
}

#[test]
fn unclosed_fence_fails_validate_and_process() {
    let sb = Sandbox::git_repo();
    sb.write(
        MARIA,
        "---\nperson: Maria Lopez\n---\n\n## Meeting History\n- 2026-01-13: Planning\n\n```\npasted\n",
    );
    sb.commit_all("notes");
    let out = sb.run(["validate"]);
    assert_eq!(out.status.code(), Some(1));
    assert_contains(&stdout(&out), &format!("{MARIA}:8:1: error[E022]"));
    let before = sb.snapshot();
    let out = sb.run_with_input(&PROCESS_STDIN, "- Talked about the roadmap\n");
    assert_eq!(out.status.code(), Some(1));
    assert_contains(&stderr(&out), "E022");
    assert_eq!(sb.snapshot(), before, "nothing is written");
}

#[test]
fn validate_ends_with_a_summary() {
    let sb = repo();
    sb.write(
        &format!("{DOCS}/sam-okafor.md"),
        "---\nperson: Sam Okafor\n---\n\n## Action Items\n- [ ] Plan (by 2026-01-01)\n- [ ] Ship (by 2026-02-30)\n",
    );
    let out = sb.run(["validate", "--date", "2026-01-20"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert_eq!(
        text.lines().last(),
        Some("2 files checked: 1 error, 1 warning"),
        "{text}"
    );
    let clean = Sandbox::new();
    clean.write(&format!("{DOCS}/a.md"), "---\nperson: A\n---\n");
    let out = clean.run(["validate"]);
    assert!(out.status.success());
    assert_eq!(stdout(&out), "1 file checked: 0 errors, 0 warnings\n");
}

#[test]
fn status_and_people_list_an_invalid_document() {
    let sb = Sandbox::new();
    let bad = format!("{DOCS}/sam-okafor.md");
    sb.write(&bad, "---\nperson: Sam Okafor\nrole: [Manager\n---\n");
    for cmd in ["status", "people"] {
        let out = sb.run([cmd]);
        assert!(out.status.success(), "{cmd}: {}", stderr(&out));
        let text = stdout(&out);
        assert!(!text.contains("No running documents yet"), "{cmd}: {text}");
        assert!(
            text.contains(&format!("sam-okafor  invalid: {bad}:3:1: error[E001]")),
            "{cmd}: {text}"
        );
    }
    sb.write(MARIA, "---\nperson: Maria Lopez\n---\n");
    let text = stdout(&sb.run(["status"]));
    assert_contains_all(&text, &["Maria Lopez", "sam-okafor"]);
}

#[test]
fn status_flags_a_document_that_reads_but_does_not_validate() {
    let sb = Sandbox::new();
    sb.write(
        MARIA,
        "---\nperson: Maria Lopez\n---\n\n## Action Items\n- [ ] Plan (by 2026-02-30)\n",
    );
    let text = sb.run_ok(&["status", "--date", "2026-01-20"]);
    let invalid = format!("maria-lopez  invalid: {MARIA}:6:");
    assert_contains_all(&text, &["Maria Lopez", &invalid]);
}
