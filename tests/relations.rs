//! Relationships: `new` per relationship, and `status` over a manager, a mentor and two
//! reports with a fixed date.

mod common;

use common::{Sandbox, example, field_values, find_by};
use serde_json::Value;

const DIR: &str = "Career/1-on-1s";

/// The sample repository plus a second report; Sarah marked as the manager.
fn four_relationships() -> Sandbox {
    let s = Sandbox::new();
    for slug in ["sarah-chen", "priya-patel", "marco-rossi"] {
        let mut text = example(&format!("{DIR}/{slug}.md"));
        if slug == "sarah-chen" {
            text = text.replace("role: Manager\n", "role: Manager\nrelationship: manager\n");
        }
        s.write(&format!("{DIR}/{slug}.md"), &text);
    }
    s.write(
        &format!("{DIR}/dana-kim.md"),
        "---\nperson: Dana Kim\nrelationship: report\nfrequency: Biweekly\nstarted: 2025-10-01\n---\n\n## Action Items\n### My Actions\n- [ ] Book her conference ticket 📅 2026-02-01\n### Dana's Actions\n- [x] Write the runbook ✅ 2026-01-09\n\n## Meeting History\n- 2026-01-12: Runbook, conference\n",
    );
    s
}

fn status_json(s: &Sandbox, date: &str) -> Value {
    s.json(&["status", "--date", date, "--format", "json"])
}

#[test]
fn status_orders_by_attention_with_overdue_maths() {
    let s = four_relationships();
    let json = status_json(&s, "2026-01-20");
    assert_eq!(json["schema_version"], 1);
    assert_eq!(json["date"], "2026-01-20");
    let slugs = field_values(&json["rows"], "slug");
    // Priya 19 days overdue (monthly from 2025-12-01), Sarah 5 (weekly from 2026-01-08);
    // Marco is due today (not overdue) but has an overdue item; Dana needs nothing.
    assert_eq!(
        slugs,
        ["priya-patel", "sarah-chen", "marco-rossi", "dana-kim"]
    );
    let by = |slug: &str| find_by(&json["rows"], "slug", slug);
    assert_eq!(by("priya-patel")["next_due"], "2026-01-01");
    assert_eq!(by("priya-patel")["days_overdue"], 19);
    assert_eq!(by("priya-patel")["relationship"], "mentor");
    assert_eq!(by("sarah-chen")["next_due"], "2026-01-15");
    assert_eq!(by("sarah-chen")["days_overdue"], 5);
    assert_eq!(by("sarah-chen")["relationship"], "manager");
    assert_eq!(by("sarah-chen")["theirs"]["open"], 2);
    assert_eq!(by("marco-rossi")["next_due"], "2026-01-20");
    assert_eq!(by("marco-rossi")["days_overdue"], 0);
    assert_eq!(by("marco-rossi")["mine"]["overdue"], 1);
    assert_eq!(by("marco-rossi")["theirs"]["overdue"], 0);
    assert_eq!(by("marco-rossi")["days_since_accomplishment"], 14);
    // Biweekly: every two weeks from the last meeting.
    assert_eq!(by("dana-kim")["next_due"], "2026-01-26");
    assert_eq!(by("dana-kim")["mine"]["open"], 1);
    assert_eq!(by("dana-kim")["theirs"]["open"], 0);
    assert_eq!(by("dana-kim")["days_since_accomplishment"], Value::Null);
}

#[test]
fn status_order_changes_with_the_date() {
    let s = four_relationships();
    // On 2026-01-14 only Priya's meeting is overdue; Sarah's is not due yet but she has
    // no overdue item, while Marco and Priya do.
    let json = status_json(&s, "2026-01-14");
    let slugs = field_values(&json["rows"], "slug");
    assert_eq!(
        slugs,
        ["priya-patel", "marco-rossi", "sarah-chen", "dana-kim"]
    );
}

#[test]
fn status_table_lists_rows_in_order_and_flags_overdue() {
    let s = four_relationships();
    let text = s.run_ok(&["status", "--date", "2026-01-20"]);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("PERSON"), "{text}");
    assert!(lines[1].starts_with("Priya Patel") && lines[1].contains("(19d overdue)"));
    assert!(lines[2].starts_with("Sarah Chen") && lines[2].contains("(5d overdue)"));
    assert!(lines[3].starts_with("Marco Rossi") && lines[3].contains("1 (1 overdue)"));
    assert!(lines[4].starts_with("Dana Kim"));
    assert!(!text.contains('\x1b'), "no colour with NO_COLOR or a pipe");
}

#[test]
fn status_colours_overdue_red_when_asked() {
    let s = four_relationships();
    let text = s.run_coloured(&["status", "--date", "2026-01-20"]);
    assert!(
        text.contains("\x1b[31m2026-01-01 (19d overdue)"),
        "{text:?}"
    );
}

#[test]
fn new_report_document_validates_clean_with_roles_turned_around() {
    let s = Sandbox::new();
    s.run_ok(&[
        "new",
        "Marco Rossi",
        "--role",
        "CSM",
        "--relationship",
        "report",
        "--date",
        "2026-01-05",
    ]);
    let doc = s.read(&format!("{DIR}/marco-rossi.md"));
    assert!(doc.contains("relationship: report\n"), "{doc}");
    assert!(doc.contains("### My Actions\n") && doc.contains("### Marco's Actions\n"));
    let json = s.json(&["validate", "--format", "json"]);
    assert!(
        !json.to_string().contains("\"warning\"") && !json.to_string().contains("\"error\""),
        "{json}"
    );
    // Prep for a report suggests what a manager raises.
    let text = s.run_ok(&["prep", "marco", "--date", "2026-01-19"]);
    assert!(text.contains("Marco's career goals"), "{text}");
    assert!(text.contains("Blockers"), "{text}");
}

#[test]
fn new_refuses_an_unknown_relationship() {
    let s = Sandbox::new();
    let err = s.run_err(&["new", "Ann Lee", "--relationship", "boss"]);
    assert!(err.contains("unknown relationship 'boss'"), "{err}");
}
