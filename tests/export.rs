//! `oneonone export --ics`: open actions with due dates become all-day events that a
//! calendar parser reads back, with UIDs that stay the same from one export to the next.

mod common;

use common::{Sandbox, example};
use std::collections::BTreeMap;

const SARAH: &str = "Career/1-on-1s/sarah-chen.md";

fn seeded() -> Sandbox {
    let s = Sandbox::new();
    for slug in ["priya-patel", "marco-rossi"] {
        let path = format!("Career/1-on-1s/{slug}.md");
        s.write(&path, &example(&path));
    }
    // Obsidian Tasks dates: a due date read from 📅, a done item that must not export.
    s.write(
        SARAH,
        &example(SARAH).replace(
            "- [ ] Review promotion packet requirements\n",
            "- [ ] Review promotion packet requirements 📅 2026-01-22\n- [x] Sign off the plan 📅 2026-01-10 ✅ 2026-01-09\n",
        ),
    );
    s
}

/// UID → (DTSTART, its VALUE parameter, DTEND, SUMMARY), read with an independent parser.
fn events(ics: &str) -> BTreeMap<String, (String, String, String, String)> {
    let mut calendars = ical::IcalParser::new(ics.as_bytes());
    let cal = calendars.next().expect("one calendar").expect("parses");
    assert!(calendars.next().is_none());
    cal.events
        .iter()
        .map(|e| {
            let prop = |name: &str| {
                e.properties
                    .iter()
                    .find(|p| p.name == name)
                    .unwrap_or_else(|| panic!("{name} missing"))
            };
            let value = |name: &str| prop(name).value.clone().unwrap_or_default();
            let start_kind = prop("DTSTART")
                .params
                .iter()
                .flatten()
                .find(|(k, _)| k == "VALUE")
                .map(|(_, v)| v.join(","))
                .unwrap_or_default();
            assert!(!value("DTSTAMP").is_empty());
            (
                value("UID"),
                (
                    value("DTSTART"),
                    start_kind,
                    value("DTEND"),
                    value("SUMMARY"),
                ),
            )
        })
        .collect()
}

#[test]
fn export_ics_writes_all_day_events_for_open_dated_actions() {
    let s = seeded();
    s.run_ok(&["export", "--ics", "--output", "actions.ics"]);
    let ics = s.read("actions.ics");
    assert!(ics.contains("\r\n"), "RFC 5545 line endings");
    let evs = events(&ics);
    let mut by_summary: Vec<_> = evs.values().cloned().collect();
    by_summary.sort_by(|a, b| a.3.cmp(&b.3));
    assert_eq!(
        by_summary,
        [
            (
                "20260109".into(),
                "DATE".into(),
                "20260110".into(),
                "Draft the design doc for the renewal dashboard (1:1 Priya Patel)".into()
            ),
            (
                "20260113".into(),
                "DATE".into(),
                "20260114".into(),
                "Introduce Marco to the support team lead (1:1 Marco Rossi)".into()
            ),
            (
                "20260120".into(),
                "DATE".into(),
                "20260121".into(),
                "Marco: Suggest cuts to the onboarding checklist (1:1 Marco Rossi)".into()
            ),
            (
                "20260122".into(),
                "DATE".into(),
                "20260123".into(),
                "Sarah: Review promotion packet requirements (1:1 Sarah Chen)".into()
            ),
        ]
    );
    assert!(evs.keys().any(|uid| uid.starts_with("sarah-chen-")));
}

#[test]
fn export_ics_uids_are_stable_across_exports_and_due_date_changes() {
    let s = seeded();
    let first = events(&s.run_ok(&["export", "--ics"]));
    let second = events(&s.run_ok(&["export", "--ics"]));
    assert_eq!(
        first.keys().collect::<Vec<_>>(),
        second.keys().collect::<Vec<_>>()
    );
    // Moving a due date updates the same event instead of adding one.
    s.edit(SARAH, "📅 2026-01-22", "📅 2026-01-29");
    let third = events(&s.run_ok(&["export", "--ics"]));
    assert_eq!(
        first.keys().collect::<Vec<_>>(),
        third.keys().collect::<Vec<_>>()
    );
    let moved = third
        .values()
        .find(|v| v.3.contains("promotion packet"))
        .unwrap();
    assert_eq!(moved.0, "20260129");
}
