//! Documents shaped like the ones people really write (setext headings, nested lists,
//! thematic breaks between sections, `Name:` tasks, a fence left open): how they are read,
//! where edits land, and what validation says.

use oneonone_core::{Diagnostic, Document, NewActionItem, Owner, SectionKind, Settings};
#[path = "support/fixtures.rs"]
mod fixtures;
use fixtures::d;
#[path = "support/invariants.rs"]
mod invariants;
use invariants::{errors, process_twice};

/// The document after processing `notes` into `src` on 2026-01-20, once a second run of
/// the same notes has found everything recorded.
fn processed(src: &str, notes: &str) -> String {
    process_twice(src, notes, d("2026-01-20"), &Settings::default(), Some(""))
        .unwrap()
        .text
}

/// Adds an action item for `owner`, with no due date or priority.
fn add_action(doc: &mut Document, owner: Owner, text: &str) {
    let item = NewActionItem {
        text: text.into(),
        due: None,
        priority: None,
    };
    doc.add_action_item(&owner, &item).unwrap();
}

/// The one error validation finds in `doc`.
fn only_error(doc: &Document) -> Diagnostic {
    let mut errors = errors(doc);
    assert_eq!(errors.len(), 1, "{errors:?}");
    errors.remove(0)
}

const SETEXT: &str = "---
person: Maria Lopez
---

1:1 with Maria Lopez
====================

Action Items
------------

- [ ] Send the quarterly numbers (by 2026-01-25)
- [x] Book the offsite (completed 2026-01-10)

Meeting History
---------------

- 2026-01-13: Planning
";

#[test]
fn setext_known_sections_are_read() {
    let doc = Document::parse(SETEXT).unwrap();
    assert_eq!(doc.to_string(), SETEXT);
    let actions = doc.section(SectionKind::ActionItems).unwrap();
    assert_eq!(actions.line, 8);
    assert_eq!(doc.action_items().count(), 2);
    assert_eq!(
        doc.action_items().next().unwrap().due,
        Some(d("2026-01-25"))
    );
    assert_eq!(doc.meetings()[0].date, d("2026-01-13"));
    assert!(doc.validate(None).iter().all(|x| !x.is_error()));
}

#[test]
fn setext_action_items_get_new_items_without_a_second_section() {
    let out = processed(SETEXT, "- I'll draft the hiring plan by 2026-01-30\n");
    assert_eq!(out.matches("Action Items").count(), 1, "{out}");
    assert!(!out.contains("## Action Items"), "{out}");
    let doc = Document::parse(&out).unwrap();
    assert!(
        doc.action_items()
            .any(|i| i.text.contains("hiring plan") && !i.done),
        "{out}"
    );
    assert_eq!(doc.meetings()[0].date, d("2026-01-20"));
}

#[test]
fn dashes_after_a_blank_line_are_a_break_not_a_heading() {
    let src = "---\nperson: Maria Lopez\n---\n\nAction Items\n\n---\n\n- [ ] Not an action\n";
    let doc = Document::parse(src).unwrap();
    assert!(doc.section(SectionKind::ActionItems).is_none());
    assert_eq!(doc.action_items().count(), 0);
}

#[test]
fn front_matter_only_at_byte_zero() {
    // A `---` block further down is a rule and a setext heading, never front matter.
    let src = "\n---\nperson: Maria Lopez\n---\n\n## Action Items\n- [ ] Plan\n";
    let doc = Document::parse(src).unwrap();
    assert_eq!(doc.person(), None);
    assert_eq!(only_error(&doc).code, "E001");
}

#[test]
fn first_item_of_a_new_list_starts_at_column_zero() {
    // The document's first bullet is nested under a numbered agenda item.
    let src = "---
person: Maria Lopez
---

## Agenda
1. Hiring
   - [ ] Ask about the open role
2. Offsite

## Meeting History
* 2026-01-13: Planning
";
    let mut doc = Document::parse(src).unwrap();
    add_action(&mut doc, Owner::Me, "Draft the hiring plan");
    doc.add_thread_entry("Career", d("2026-01-20"), "Talked growth", &[])
        .unwrap();
    let out = doc.to_string();
    assert!(out.contains("\n* [ ] Draft the hiring plan\n"), "{out}");
    assert!(out.contains("\n* 2026-01-20: Talked growth\n"), "{out}");
    assert!(!out.contains("   - [ ] Draft"), "{out}");
}

#[test]
fn new_lines_copy_the_list_they_join() {
    let src = "---
person: Maria Lopez
---

## Action Items
### My Actions
  + [ ] Send the numbers

## Meeting History
- 2026-01-13: Planning
";
    let mut doc = Document::parse(src).unwrap();
    add_action(&mut doc, Owner::Me, "Book the room");
    assert!(
        doc.to_string()
            .contains("  + [ ] Send the numbers\n  + [ ] Book the room\n")
    );
}

const RULED: &str = "---
person: Maria Lopez
---

# 1:1 with Maria Lopez

## Ongoing Threads
### Career
- 2026-01-13: Asked about the staff track

---

## Action Items
- [ ] Send the numbers

***

## Notes
Free text that is never edited.
";

#[test]
fn new_subsections_go_before_a_closing_break() {
    let mut doc = Document::parse(RULED).unwrap();
    doc.add_thread_entry("Hiring", d("2026-01-20"), "Two offers out", &[])
        .unwrap();
    add_action(&mut doc, Owner::Them, "Review the offer letter");
    let out = doc.to_string();
    let hiring = out.find("### Hiring").unwrap();
    let first_rule = out.find("\n---\n\n## Action Items").unwrap();
    assert!(hiring < first_rule, "{out}");
    let theirs = out.find("### Maria's Actions").unwrap();
    let second_rule = out.find("\n***\n").unwrap();
    assert!(theirs > first_rule && theirs < second_rule, "{out}");
    // Everything after the breaks is as it was.
    assert!(out.ends_with("***\n\n## Notes\nFree text that is never edited.\n"));
    assert_eq!(doc.threads().len(), 2);
}

#[test]
fn break_ends_a_section_only_after_its_content() {
    let src = "---\nperson: Maria Lopez\n---\n\n## Action Items\n\n---\n\n- [ ] Still an action\n";
    let doc = Document::parse(src).unwrap();
    assert_eq!(doc.action_items().count(), 1);
}

#[test]
fn processing_a_ruled_document_stays_above_the_breaks() {
    let out = processed(
        RULED,
        "- Talked about the staff track promotion\n- WIN: shipped the migration\n",
    );
    let rule = out.find("\n---\n\n## Action Items").unwrap();
    let notes = out.find("## Notes").unwrap();
    assert!(
        out[..rule].contains("2026-01-20: Talked about the staff track promotion"),
        "{out}"
    );
    assert!(!out[notes..].contains("2026-01-20"), "{out}");
}

#[test]
fn named_tasks_belong_to_that_name() {
    let src = "---
person: Maria Lopez
---

## Action Items
### My Actions
- [ ] Alex: review the plan
- [ ] **Priya:** send the budget
- [ ] **Jo Hart**: book the room
- [ ] Maria: approve the hire
- [ ] Note: this one is mine
- [ ] Draft the plan
- [ ] Call at 10:30 tomorrow
";
    let doc = Document::parse(src).unwrap();
    assert_eq!(doc.to_string(), src);
    let owners: Vec<Owner> = doc.action_items().map(|i| i.owner.clone()).collect();
    assert_eq!(
        owners,
        [
            Owner::Named("Alex".into()),
            Owner::Named("Priya".into()),
            Owner::Named("Jo Hart".into()),
            Owner::Them,
            Owner::Me,
            Owner::Me,
            Owner::Me,
        ]
    );
    let status = oneonone_core::status::status([("maria-lopez", &doc, &[][..])], d("2026-01-20"));
    assert_eq!(status.rows[0].mine.open, 3);
}

#[test]
fn unclosed_fence_is_an_error() {
    let src = "---
person: Maria Lopez
---

## Meeting History
- 2026-01-13: Planning

```text
notes pasted from chat
";
    let doc = Document::parse(src).unwrap();
    let error = only_error(&doc);
    assert_eq!((error.code, error.line), ("E022", 8));
    // A closed fence, or a longer closing fence, is fine; a shorter one closes nothing.
    let closed = format!("{src}```\n");
    assert!(Document::parse(&closed).unwrap().validate(None).is_empty());
    let longer = format!("{src}`````\n");
    assert!(Document::parse(&longer).unwrap().validate(None).is_empty());
    let tilde = src.replace("```text", "~~~~");
    let short = format!("{tilde}~~~\n");
    assert_eq!(
        Document::parse(&short).unwrap().validate(None)[0].code,
        "E022"
    );
}

#[test]
fn missing_front_matter_is_one_error() {
    let doc = Document::parse("# 1:1 with Maria\n\n## Action Items\n- [ ] Plan\n").unwrap();
    let error = only_error(&doc);
    assert_eq!((error.line, error.code), (1, "E001"));
    // With front matter but no person, that is the one error.
    let doc = Document::parse("---\nrole: Manager\n---\n").unwrap();
    assert_eq!(only_error(&doc).code, "E002");
}

#[test]
fn invalid_yaml_is_reported_at_the_line_at_fault() {
    for (src, line) in [
        (
            "---\nperson: Maria Lopez\nrole: [Manager\nfrequency: Weekly\n---\n",
            3,
        ),
        (
            "---\nperson: Maria Lopez\nrole: \"Manager\nfrequency: Weekly\n---\n",
            3,
        ),
        (
            "---\nperson: Maria Lopez\nnotes: {a: 1\nfrequency: Weekly\n---\n",
            3,
        ),
        (
            "---\nperson: Maria Lopez\n  role: Manager\nfrequency: Weekly\n---\n",
            3,
        ),
        (
            "---\nperson: Maria Lopez\nfrequency: Weekly\nperson: Other\n---\n",
            4,
        ),
        ("---\nperson: Dee O'Hara\nrole: 'Mgr\n---\n", 3),
    ] {
        let err = Document::parse(src).unwrap_err();
        assert_eq!(err.line(), line, "{src:?}: {err}");
    }
}
