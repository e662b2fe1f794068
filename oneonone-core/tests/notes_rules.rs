//! Every row of the classifier's rules table, checked with a sample note built from the
//! row itself.

use chrono::NaiveDate;
use oneonone_core::Owner;
use oneonone_core::notes::classify::{ClassifyContext, NoteKind, classify_note};
use oneonone_core::notes::read_notes;
use oneonone_core::notes::rules::{IMPERATIVE_VERBS, OwnerRule, Pattern, PriorityRule, RULES};

fn ctx() -> ClassifyContext<'static> {
    ClassifyContext {
        person: "Sarah Chen",
        my_name: Some("Alex"),
        meeting: NaiveDate::from_ymd_opt(2026, 1, 15).unwrap(),
    }
}

/// A sample note for a pattern, and the text the rule leaves when it removes a lead.
fn sample(pattern: Pattern) -> (String, Option<&'static str>) {
    match pattern {
        Pattern::Lead(p) => (
            format!("{p} gather the quarterly numbers"),
            Some("Gather the quarterly numbers"),
        ),
        Pattern::PersonLead(p) => (
            join("Sarah", p, "gather the quarterly numbers"),
            Some("Gather the quarterly numbers"),
        ),
        Pattern::MyNameLead(p) => (
            join("Alex", p, "gather the quarterly numbers"),
            Some("Gather the quarterly numbers"),
        ),
        Pattern::Start(p) => (format!("{p} the quarterly numbers"), None),
        Pattern::Phrase(p) => (format!("quarterly numbers {p} overall"), None),
        Pattern::QuarterThen(w) => (format!("Q2 {w}: grow the pipeline"), None),
        Pattern::Imperative => ("gather the quarterly numbers".to_owned(), None),
    }
}

fn join(name: &str, phrase: &str, rest: &str) -> String {
    if phrase.starts_with('\'') {
        format!("{name}{phrase} {rest}")
    } else {
        format!("{name} {phrase} {rest}")
    }
}

#[test]
fn every_rule_row_fires_on_its_sample() {
    let mut failures = Vec::new();
    for rule in RULES {
        let (text, stripped) = sample(rule.pattern);
        let notes = read_notes(&text).unwrap();
        let got = classify_note(&notes[0], &ctx());
        let c = &got[0];
        let ok = match rule.kind {
            Some(NoteKind::Done) => c.completion,
            Some(kind) => c.kind.precedence() >= kind.precedence(),
            None => true,
        };
        let owner_ok = match rule.owner {
            OwnerRule::Me => c.owner == Some(Owner::Me),
            OwnerRule::Them => c.owner == Some(Owner::Them),
            OwnerRule::Unknown => true,
        };
        let prio_ok =
            rule.priority == PriorityRule::Keep || c.priority == Some(1) || !c.kind.is_action();
        let text_ok = stripped.is_none_or(|s| c.text == s);
        if !(ok && owner_ok && prio_ok && text_ok) {
            failures.push(format!("{rule:?} on {text:?} gave {c:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_imperative_verb_makes_my_action() {
    for verb in IMPERATIVE_VERBS {
        let notes = read_notes(&format!("{verb} the quarterly numbers")).unwrap();
        let c = &classify_note(&notes[0], &ctx())[0];
        assert_eq!(c.kind, NoteKind::MyAction, "{verb}");
        assert_eq!(c.owner, Some(Owner::Me), "{verb}");
    }
}

#[test]
fn urgent_rows_raise_priority_of_actions() {
    for word in ["urgent", "asap", "urgently"] {
        let notes = read_notes(&format!("send the numbers {word}")).unwrap();
        let c = &classify_note(&notes[0], &ctx())[0];
        assert_eq!(c.priority, Some(1), "{word}");
    }
}

#[test]
fn every_rule_row_gives_exactly_its_kind() {
    // The samples hold nothing else, so each gives its own row's kind, not a stronger one.
    for rule in RULES {
        let Some(kind) = rule.kind else { continue };
        if kind == NoteKind::Done {
            continue;
        }
        let (text, _) = sample(rule.pattern);
        let notes = read_notes(&text).unwrap();
        let c = &classify_note(&notes[0], &ctx())[0];
        assert_eq!(c.kind, kind, "{rule:?}: {text:?}");
    }
}
