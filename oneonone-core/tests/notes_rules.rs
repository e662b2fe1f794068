//! Every row of the classifier's rules table, checked with a sample note built from the
//! row itself.

use chrono::NaiveDate;
use oneonone_core::Owner;
use oneonone_core::notes::classify::{ClassifyContext, NoteKind, classify_note};
use oneonone_core::notes::rules::{
    LABELS, LabelKind, MODAL_ADVERBS, NOT_IMPERATIVE, OwnerRule, PAST_BEFORE_BASE, Pattern,
    PriorityRule, RULES,
};
use oneonone_core::notes::words::{is_base_verb, verb_list};
use oneonone_core::notes::{read_notes, resolve_phrase};

fn ctx() -> ClassifyContext<'static> {
    ClassifyContext {
        person: "Sarah Chen",
        my_name: Some("Alex"),
        meeting: NaiveDate::from_ymd_opt(2026, 1, 15).unwrap(),
        relationship: None,
    }
}

/// A sample note for a pattern, and the text the rule leaves when it removes a lead.
fn sample(pattern: Pattern) -> (String, Option<&'static str>) {
    match pattern {
        Pattern::Lead(p) | Pattern::LeadOrder(p) => (
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
        Pattern::NameLead(p) => (
            join("Dana", p, "gather the quarterly numbers"),
            Some("Gather the quarterly numbers"),
        ),
        Pattern::AroundName(before, after) => (
            format!("{before} Dana {after} gather the quarterly numbers"),
            Some("Gather the quarterly numbers"),
        ),
        Pattern::FromMe(p) => (format!("Sarah {p} the quarterly numbers from me"), None),
        Pattern::WantedBy(p) => (
            join("Sarah", p, "the quarterly numbers by Friday"),
            Some("The quarterly numbers for Sarah"),
        ),
        Pattern::Achieved(p) if is_base_verb(p) => (format!("I {p} the quarterly numbers"), None),
        Pattern::Achieved(p) => (format!("{p} the quarterly numbers"), None),
        Pattern::Start(p) => (format!("{p} the quarterly numbers"), None),
        Pattern::NameThen(p) => (format!("Dana {p} own the quarterly numbers"), None),
        Pattern::IDid => ("I gathered the quarterly numbers".to_owned(), None),
        Pattern::Improved => ("support tickets down 12% this quarter".to_owned(), None),
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
            OwnerRule::Named => c.owner == Some(Owner::Named("Dana".to_owned())),
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
    let excepted = |v: &&str| NOT_IMPERATIVE.contains(v) || PAST_BEFORE_BASE.contains(v);
    for verb in verb_list().filter(|v| !excepted(v)) {
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

#[test]
fn every_not_imperative_word_is_a_verb_that_starts_no_action() {
    for word in NOT_IMPERATIVE {
        assert!(
            is_base_verb(word),
            "{word} is not in verbs.txt: no need to except it"
        );
        let notes = read_notes(&format!("{word} the quarterly numbers")).unwrap();
        let c = &classify_note(&notes[0], &ctx())[0];
        assert!(!c.kind.is_action(), "{word}: {c:?}");
    }
}

#[test]
fn every_label_says_what_the_rest_is_and_drops_or_keeps_itself() {
    for label in LABELS {
        let note = format!("{}: gather the quarterly numbers", label.name);
        let notes = read_notes(&note).unwrap();
        let c = &classify_note(&notes[0], &ctx())[0];
        let want = match label.kind {
            LabelKind::Action | LabelKind::Urgent | LabelKind::Due(_) => NoteKind::MyAction,
            LabelKind::Goal => NoteKind::Goal,
            LabelKind::Win => NoteKind::Accomplishment,
            LabelKind::Done => NoteKind::Discussion,
            LabelKind::Decision => NoteKind::Decision,
            LabelKind::Discussion | LabelKind::Advice => NoteKind::Discussion,
        };
        assert_eq!(c.kind, want, "{note:?}");
        if label.kind == LabelKind::Done {
            assert!(c.completion && c.status_done, "{note:?}");
        }
        if label.kind == LabelKind::Urgent {
            assert_eq!(c.priority, Some(1), "{note:?}");
        }
        if let LabelKind::Due(phrase) = label.kind {
            assert_eq!(c.due, resolve_phrase(phrase, ctx().meeting), "{note:?}");
        }
        let text = if label.keep {
            format!("{}: gather the quarterly numbers", label.name)
        } else {
            "Gather the quarterly numbers".to_owned()
        };
        assert_eq!(c.entry_text.to_lowercase(), text.to_lowercase(), "{note:?}");
        // Bold and upper case read the same.
        let bold = format!(
            "**{}:** gather the quarterly numbers",
            label.name.to_uppercase()
        );
        let b = &classify_note(&read_notes(&bold).unwrap()[0], &ctx())[0];
        assert_eq!(b.kind, c.kind, "{bold:?}");
    }
}

#[test]
fn todo_and_done_count_without_a_colon() {
    let c = &classify_note(&read_notes("TODO book the team dinner").unwrap()[0], &ctx())[0];
    assert_eq!(
        (c.kind, c.text.as_str()),
        (NoteKind::MyAction, "Book the team dinner")
    );
    let d = &classify_note(&read_notes("DONE send the recap").unwrap()[0], &ctx())[0];
    assert!(
        d.completion && d.status_done && !d.kind.is_action(),
        "{d:?}"
    );
}

#[test]
fn every_modal_adverb_is_read_through_and_leaves_the_text() {
    for adverb in MODAL_ADVERBS {
        for lead in ["need to", "I need to", "should", "must"] {
            let notes = read_notes(&format!("{lead} {adverb} gather the numbers")).unwrap();
            let c = &classify_note(&notes[0], &ctx())[0];
            assert_eq!(c.kind, NoteKind::MyAction, "{lead} {adverb}");
            assert_eq!(c.text, "Gather the numbers", "{lead} {adverb}");
            let notes = read_notes(&format!("{adverb} {lead} gather the numbers")).unwrap();
            let c = &classify_note(&notes[0], &ctx())[0];
            assert_eq!(c.kind, NoteKind::MyAction, "{adverb} {lead}");
            assert_eq!(c.text, "Gather the numbers", "{adverb} {lead}");
        }
    }
}

#[test]
fn a_measure_is_a_win_only_when_it_moves_the_good_way() {
    for (note, win) in [
        ("NPS up 8 points since the redesign", true),
        ("escalations dropped 20% after the triage flow", true),
        ("churn up 5% in EMEA", false),
        ("latency up 40ms after the deploy", false),
        ("revenue down 3% this month", false),
        ("CSAT up a bit", false),
    ] {
        let notes = read_notes(note).unwrap();
        let c = &classify_note(&notes[0], &ctx())[0];
        assert_eq!(c.kind == NoteKind::Accomplishment, win, "{note}: {c:?}");
    }
}
