//! The history scanner (`timeline`) reads a running document line by line without a full
//! parse; it must find the very items the parser finds, on every document we keep.

use oneonone_core::Document;
use oneonone_core::timeline::{EventKind, scan_document};
#[path = "support/fixtures.rs"]
mod fixtures;

/// The line scan and the full parser agree on which items a document holds.
fn agree(name: &str, text: &str) {
    let doc = Document::parse(text).unwrap_or_else(|e| panic!("{name}: {e}"));
    let mut full: Vec<(usize, EventKind, String)> = Vec::new();
    full.extend(
        doc.focus_areas()
            .iter()
            .map(|b| (b.line - 1, EventKind::Goal, b.text.clone())),
    );
    for t in doc.threads() {
        full.extend(
            t.entries
                .iter()
                .map(|e| (e.line - 1, EventKind::Thread, e.text.clone())),
        );
    }
    full.extend(
        doc.action_items()
            .map(|a| (a.line - 1, EventKind::Action, a.text.clone())),
    );
    full.extend(
        doc.accomplishments()
            .iter()
            .map(|e| (e.line - 1, EventKind::Accomplishment, e.text.clone())),
    );
    full.extend(
        doc.meetings()
            .iter()
            .map(|e| (e.line - 1, EventKind::Meeting, e.text.clone())),
    );
    full.sort();
    // The scan also reports undated bullets in dated sections; the typed views keep them
    // apart, so compare dated entries, focus areas and actions only. The scan collapses
    // runs of spaces in an action's text; the views keep them. An empty bullet is in the
    // views (validation points at it) but records nothing in history.
    let collapse = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let full: Vec<_> = full
        .into_iter()
        .map(|(l, k, t)| (l, k, collapse(&t)))
        .filter(|(_, _, t)| !t.is_empty())
        .collect();
    let got: Vec<(usize, EventKind, String)> = scan_document(text)
        .into_iter()
        .filter(|(_, i)| i.date.is_some() || matches!(i.kind, EventKind::Goal | EventKind::Action))
        .map(|(l, i)| (l, i.kind, collapse(&i.text)))
        .collect();
    assert_eq!(got, full, "{name}");
}

#[test]
fn scan_agrees_with_parser_on_every_fixture_document() {
    fixtures::check_every_document(agree);
}

#[test]
fn scan_agrees_with_parser_on_fences_and_comments() {
    agree(
        "fences",
        concat!(
            "---\nperson: Sarah Chen\n---\n# 1:1\n\n## Ongoing Threads\n### General\n",
            "- 2026-01-05: Real\n```\n- 2026-01-04: fenced\n## Action Items\n```\n",
            "<!--\n- 2026-01-03: commented\n-->\n~~~~\n- 2026-01-02: tilde\n~~~\n",
            "- 2026-01-01: still fenced\n~~~~~\n",
            "## Action Items\n### My Actions\n- [ ] Do it (by 2026-01-09)\n",
            "\t- [ ] a tab is four columns: a detail\n",
            "## Meeting History\n- 2026-01-05: One\n",
        ),
    );
}

#[test]
fn scan_agrees_with_parser_on_setext_sections_and_named_tasks() {
    let text = concat!(
        "---\nperson: Maria Lopez\n---\n# 1:1\nAction Items\n---\n",
        "- [ ] Alex: review the plan\n- [ ] Send numbers (by 2026-01-09) [P2]\n\n",
        "Some prose\n\n---\n\n- [ ] after a break\n\n",
        "Meeting History\n---------------\n- 2026-01-05: One\n",
    );
    agree("setext", text);
    let owners: Vec<Option<String>> = scan_document(text)
        .into_iter()
        .filter(|(_, i)| i.kind == EventKind::Action)
        .map(|(_, i)| i.owner)
        .collect();
    assert_eq!(owners[0].as_deref(), Some("Alex"));
}
