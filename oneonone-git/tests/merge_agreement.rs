//! The merge driver cuts a running document into items with the parser's own line syntax:
//! every item the parser reads (with its nested lines) is one unit to the merge driver, on
//! every document we keep, so no item is merged line by line and none is split.

use oneonone_core::Document;
use oneonone_git::merge::item_lines;
#[path = "../../oneonone-core/tests/support/fixtures.rs"]
mod fixtures;

/// Every bullet item of the known sections, as 1-based inclusive line ranges.
fn parser_items(doc: &Document) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    out.extend(doc.focus_areas().iter().map(|b| (b.line, b.end_line)));
    for t in doc.threads() {
        out.extend(t.entries.iter().map(|e| (e.line, e.end_line)));
        out.extend(t.undated.iter().map(|b| (b.line, b.end_line)));
    }
    out.extend(doc.action_items().map(|a| (a.line, a.end_line)));
    out.extend(doc.accomplishments().iter().map(|e| (e.line, e.end_line)));
    out.extend(doc.meetings().iter().map(|e| (e.line, e.end_line)));
    out.sort_unstable();
    out
}

fn agree(name: &str, text: &str) {
    let doc = Document::parse(text).unwrap_or_else(|e| panic!("{name}: {e}"));
    let merged = item_lines(text);
    for item in parser_items(&doc) {
        assert!(
            merged.contains(&item),
            "{name}: the parser's item at lines {}-{} is not one merge unit; the merge driver \
             sees {merged:?}",
            item.0,
            item.1
        );
    }
}

#[test]
fn merge_units_agree_with_parser_on_every_fixture_document() {
    let docs = fixtures::documents();
    assert!(docs.len() >= 15, "fixtures missing: {}", docs.len());
    for (name, text) in docs {
        agree(&name, &text);
    }
}

#[test]
fn merge_units_agree_with_parser_on_fences_tabs_and_blank_lines() {
    agree(
        "edge cases",
        concat!(
            "---\nperson: Sarah Chen\n---\n\n## Ongoing Threads\n### General\n",
            "- 2026-01-05: Real\n\n    continued after a blank line\n",
            "````\n- 2026-01-04: fenced\n```\n- 2026-01-03: still fenced\n````\n",
            "<!--\n- 2026-01-02: commented\n-->\n",
            "- 2026-01-01: after\n\t* a tab-indented detail\n",
            "## Action Items\n### My Actions\n-\t[ ] tab after the bullet\n   - [ ] three spaces in\n",
            "## Meeting History\n- 2026-01-05: One\n",
        ),
    );
}
