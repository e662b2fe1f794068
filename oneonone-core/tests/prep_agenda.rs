//! Preparing the meeting after the reference one.

use oneonone_core::prep::{PrepInputs, TickedTask, WinSource, prep};
use oneonone_core::process::ProcessContext;
use oneonone_core::{Document, Owner};
#[path = "support/fixtures.rs"]
mod fixtures;
use fixtures::d;
#[path = "support/reference.rs"]
mod reference;
use reference::{BEFORE, NOTES, meeting_day, process_notes};

/// The document after the 2026-01-15 meeting, with "Lead customer advisory board" done
/// on 2026-01-19.
fn after_meeting() -> Document {
    let (mut doc, _) = process_notes(BEFORE, NOTES, meeting_day(), &ProcessContext::default());
    let line = doc
        .action_items()
        .find(|i| i.text == "Lead customer advisory board")
        .unwrap()
        .line;
    doc.complete_action_item(line, d("2026-01-19")).unwrap();
    Document::parse(&doc.to_string()).unwrap()
}

#[test]
fn prep_gathers_wins_open_items_and_topics_since_last_meeting() {
    let doc = after_meeting();
    let wins_log = "# Wins\n- 2026-01-10: Old win before the meeting\n- 2026-01-20: Customer Y expansion signed\n";
    let inputs = PrepInputs {
        backlog_ticked: vec![
            TickedTask {
                text: "Update CRM hygiene".into(),
                ticked: d("2026-01-21"),
            },
            TickedTask {
                text: "Before last time".into(),
                ticked: d("2026-01-14"),
            },
        ],
        wins_log: Some(wins_log),
        ..PrepInputs::default()
    };
    let p = prep(&doc, d("2026-01-23"), &inputs);
    assert_eq!(p.last_meeting, Some(d("2026-01-15")));
    let wins: Vec<(&str, WinSource)> = p.wins.iter().map(|w| (w.text.as_str(), w.source)).collect();
    assert_eq!(
        wins,
        vec![
            ("Led customer advisory board", WinSource::ActionItem),
            ("Customer Y expansion signed", WinSource::WinsLog),
            ("Updated CRM hygiene", WinSource::Backlog),
        ]
    );
    // "Find courses" was due 2026-01-22: overdue on the 23rd, and listed first.
    assert_eq!(p.my_open[0].text, "Find courses");
    assert!(p.my_open[0].overdue);
    assert_eq!(p.their_open.len(), 1);
    assert_eq!(p.their_open[0].owner, Owner::Them);
    assert!(!p.their_open[0].overdue);
    let threads: Vec<&str> = p.last_topics.iter().map(|t| t.thread.as_str()).collect();
    assert_eq!(threads, vec!["Career Development", "Q1 Goals & Projects"]);
    assert!(p.agenda[0].starts_with("Share recent wins: Led customer advisory board"));
    assert!(p.agenda.iter().any(|a| {
        a.starts_with("Follow up on Sarah's open items: Review promotion packet requirements")
    }));
    assert!(
        p.agenda
            .iter()
            .any(|a| a == "Discuss my overdue items: Find courses (overdue)")
    );
    let entries: Vec<&str> = p
        .last_topics
        .iter()
        .flat_map(|t| t.entries.iter().map(String::as_str))
        .collect();
    let follow_up = format!("Follow up from last time: {}", entries.join("; "));
    assert!(p.agenda.contains(&follow_up), "{:?}", p.agenda);
}

#[test]
fn prep_renders_text_markdown_and_json() {
    let doc = after_meeting();
    let p = prep(&doc, d("2026-01-23"), &PrepInputs::default());
    let text = p.render_text();
    assert!(
        text.starts_with("1:1 with Sarah Chen, 2026-01-23\nLast meeting: 2026-01-15\n"),
        "{text}"
    );
    assert!(
        text.contains("Accomplishments to share:\n- Led customer advisory board (2026-01-19)\n"),
        "{text}"
    );
    assert!(
        text.contains("- OVERDUE [P1] Find courses (due 2026-01-22)\n"),
        "{text}"
    );
    assert!(
        text.contains("\nSuggested agenda:\n1. Share recent wins"),
        "{text}"
    );
    let md = p.render_markdown();
    assert!(md.contains("## Suggested agenda\n\n1. "), "{md}");
    assert!(
        md.contains("- [ ] [P1] Find courses (due 2026-01-22) **overdue**"),
        "{md}"
    );
    let json: serde_json::Value = serde_json::to_value(&p).unwrap();
    assert_eq!(json["date"], "2026-01-23");
    assert_eq!(json["last_meeting"], "2026-01-15");
    assert_eq!(json["my_open"][0]["due"], "2026-01-22");
    assert_eq!(json["my_open"][0]["overdue"], true);
    assert_eq!(json["wins"][0]["source"], "action_item");
}

#[test]
fn prep_for_report_turns_roles_around() {
    let src = BEFORE.replace("role: Manager\n", "role: CSM\nrelationship: report\n");
    let doc = Document::parse(&src).unwrap();
    let p = prep(&doc, d("2026-01-15"), &PrepInputs::default());
    assert!(p.agenda[0].starts_with("Sarah's wins"), "{:?}", p.agenda);
    assert!(
        p.agenda[1]
            .starts_with("Blockers on Sarah's open items: Review promotion packet requirements")
    );
    assert!(
        p.agenda
            .iter()
            .any(|a| a == "Sarah's career goals and growth")
    );
    assert!(p.render_text().contains("Wins since last time:"));
}

#[test]
fn prep_without_meetings_counts_every_completion() {
    let doc = Document::parse(
        "---\nperson: Dana Lee\n---\n\n## Action Items\n### My Actions\n- [x] Ship v1 (completed 2026-01-02)\n- [ ] Plan v2 (by 2026-01-05)\n",
    )
    .unwrap();
    let p = prep(&doc, d("2026-01-10"), &PrepInputs::default());
    assert_eq!(p.last_meeting, None);
    assert_eq!(p.wins.len(), 1);
    assert!(p.my_open[0].overdue);
    assert!(p.last_topics.is_empty());
    assert_eq!(p.agenda.len(), 3, "{:?}", p.agenda);
}

#[test]
fn backlog_tick_makes_the_item_a_win_not_an_open_item() {
    let doc = after_meeting();
    assert!(
        doc.action_items()
            .any(|i| !i.done && i.text == "Find courses")
    );
    let inputs = PrepInputs {
        backlog_ticked: vec![TickedTask {
            // BACKLOG.md may differ in case and spacing from the document's item.
            text: "find  Courses".into(),
            ticked: d("2026-01-20"),
        }],
        wins_log: None,
        ..PrepInputs::default()
    };
    let p = prep(&doc, d("2026-01-22"), &inputs);
    assert!(
        !p.my_open.iter().any(|i| i.text == "Find courses"),
        "{:?}",
        p.my_open
    );
    assert!(
        p.wins
            .iter()
            .any(|w| w.text == "Found  Courses" && w.source == WinSource::Backlog),
        "{:?}",
        p.wins
    );
}
