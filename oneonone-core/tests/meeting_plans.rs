//! Meeting plans (SPEC section 9): the rules' reading of notes, written out as JSON and
//! read back, gives the document the notes give; a plan applied twice changes nothing the
//! second time; `done` items that tick nothing or several items are refused.

use oneonone_core::plan::{MeetingPlan, PlanError};
use oneonone_core::process::{ProcessContext, apply, plan, plan_meeting, read};
use oneonone_core::{Document, Owner, Settings};
#[path = "support/fixtures.rs"]
mod fixtures;
use fixtures::{corpus, d};

#[path = "support/invariants.rs"]
mod invariants;
use invariants::{assert_only_insertions_and_ticks, backlog_with, errors};

#[path = "support/note_table.rs"]
mod note_table;
#[path = "support/strategies.rs"]
mod strategies;

#[path = "support/reference.rs"]
mod reference;
use reference::{BEFORE, NOTES};

fn settings() -> Settings {
    Settings {
        my_name: Some("Alex".to_owned()),
        ..Settings::default()
    }
}

/// The document and BACKLOG.md lines after applying `p` (a JSON plan) to `src`.
fn apply_json(src: &str, json: &str, ctx: &ProcessContext<'_>) -> (String, Vec<String>) {
    let mut doc = Document::parse(src).unwrap();
    let meeting = MeetingPlan::from_json(json).unwrap_or_else(|e| panic!("{e}\n{json}"));
    let p = plan_meeting(&doc, &meeting, &settings(), ctx).unwrap_or_else(|e| panic!("{e}"));
    let applied = apply(&mut doc, &p).unwrap();
    (doc.to_string(), applied.backlog_lines)
}

/// The document and BACKLOG.md lines after processing `notes` into `src`.
fn apply_notes(src: &str, notes: &str, on: &str) -> (String, Vec<String>) {
    let mut doc = Document::parse(src).unwrap();
    let p = plan(&doc, notes, d(on), &settings(), &ProcessContext::default()).unwrap();
    let applied = apply(&mut doc, &p).unwrap();
    (doc.to_string(), applied.backlog_lines)
}

/// The rules' reading of `notes` as the JSON an assistant would get.
fn reading_json(src: &str, notes: &str, on: &str) -> String {
    let doc = Document::parse(src).unwrap();
    let r = read(&doc, notes, d(on), &settings(), &ProcessContext::default()).unwrap();
    serde_json::to_string_pretty(&r.plan).unwrap()
}

const MORE_NOTES: &str = "\
- Talked about the Q1 roadmap
- Q1 goal: ship the roadmap review
- blocked on data access, Sarah to escalate
- Decision: keep the weekly cadence
  * revisit in March
- [P3] tidy the wiki
- Approve training budget done
- @sam send the retro notes by friday
- WIN: shipped the search rewrite
- Discussed hiring plan for the team
";

#[test]
fn reading_as_json_gives_the_document_the_notes_give() {
    let mut cases = vec![
        ("reference".to_owned(), BEFORE.to_owned(), NOTES),
        ("reference+more".to_owned(), BEFORE.to_owned(), MORE_NOTES),
    ];
    for (name, src) in corpus() {
        if Document::parse(&src)
            .ok()
            .and_then(|d| d.person().map(str::to_owned))
            .is_some()
        {
            cases.push((name.clone(), src.clone(), NOTES));
            cases.push((name, src, MORE_NOTES));
        }
    }
    assert!(cases.len() > 6, "the corpus has documents with a person");
    for (name, src, notes) in cases {
        let json = reading_json(&src, notes, "2026-01-15");
        let from_notes = apply_notes(&src, notes, "2026-01-15");
        let from_plan = apply_json(&src, &json, &ProcessContext::default());
        assert_eq!(from_plan, from_notes, "{name}: plan\n{json}");
        assert_ne!(from_notes.0, src, "{name}: the notes change the document");
    }
}

#[test]
fn topics_without_words_are_left_out_of_the_plan_and_the_meeting_line() {
    for (topics, kept) in [
        ("I'll , ->", "I'll"),
        ("Budget, ..., hiring", "Budget, hiring"),
        ("-> , Roadmap", "Roadmap"),
    ] {
        let notes = format!("- Topics: {topics}\n- Send the deck\n");
        let json = reading_json(BEFORE, &notes, "2026-01-15");
        let meeting = MeetingPlan::from_json(&json)
            .unwrap_or_else(|e| panic!("Topics: {topics}: refused: {e}\n{json}"));
        assert_eq!(meeting.topics.join(", "), kept, "Topics: {topics}\n{json}");
        let (doc, _) = apply_json(BEFORE, &json, &ProcessContext::default());
        assert!(
            doc.contains(&format!("- 2026-01-15: {kept}\n")),
            "Topics: {topics}:\n{doc}"
        );
    }
}

#[test]
fn every_note_of_the_table_reads_as_a_plan_giving_the_same_document() {
    let rows = note_table::rows();
    let mut failures = Vec::new();
    for row in &rows {
        let notes = format!("- {}\n", row.note);
        let json = reading_json(BEFORE, &notes, "2026-01-15");
        let doc = Document::parse(BEFORE).unwrap();
        let planned = MeetingPlan::from_json(&json)
            .and_then(|m| plan_meeting(&doc, &m, &settings(), &ProcessContext::default()));
        if let Err(e) = planned {
            failures.push(format!("{:?}: refused: {e}\n{json}", row.note));
            continue;
        }
        let from_plan = apply_json(BEFORE, &json, &ProcessContext::default());
        if from_plan != apply_notes(BEFORE, &notes, "2026-01-15") {
            failures.push(format!("{:?}: another document\n{json}", row.note));
        }
    }
    assert!(rows.len() >= 60);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn reading_of_reference_notes_names_what_goes_where() {
    let json = reading_json(BEFORE, NOTES, "2026-01-15");
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["schema_version"], 1);
    assert_eq!(v["person"], "Sarah Chen");
    assert_eq!(v["date"], "2026-01-15");
    assert_eq!(v["done"][0]["item"], "Approve training budget");
    assert_eq!(v["goals"][0], "Q1 goal: increase NRR by 10%");
    assert_eq!(v["accomplishments"][0], "Sarah loved the renewal story");
    let courses = v["actions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["text"] == "Find courses")
        .expect("the courses action");
    assert_eq!(courses["owner"], "me");
    assert_eq!(courses["due"], "2026-01-22");
    assert_eq!(courses["priority"], "P1");
    assert_eq!(v["entries"][0]["text"], "Talked about promotion criteria");
    assert_eq!(v["entries"][0]["thread"], "Career Development");
    assert_eq!(v["entries"][0]["kind"], "discussion");
    assert!(!v["topics"].as_array().unwrap().is_empty(), "{json}");
}

#[test]
fn plan_applied_twice_changes_nothing_the_second_time() {
    let json = r#"{"schema_version": 1, "person": "sarah-chen", "date": "2026-01-15",
        "topics": ["Career path", "advisory board kickoff"],
        "actions": [
            {"owner": "me", "text": "Find 3 courses for training budget", "due": "2026-01-22", "priority": "P1"},
            {"owner": "them", "text": "Share the promotion rubric", "due": "2026-01-23"},
            {"owner": "Priya", "text": "Intro to the advisory board chair"}
        ],
        "done": [{"item": "Approve training budget"}],
        "goals": ["Q1 goal: increase NRR by 10%"],
        "accomplishments": ["Customer X renewal - 2 years, $500K ARR"],
        "entries": [{"thread": "Advisory Board", "text": "Kickoff set for February", "kind": "decision"}]}"#;
    let (once, backlog) = apply_json(BEFORE, json, &ProcessContext::default());
    assert_eq!(
        backlog,
        [
            "- [ ] [P1] Find 3 courses for training budget (due: 2026-01-22) (1:1 Sarah Chen, 2026-01-15)"
        ]
    );
    for line in [
        "- [ ] [P1] Find 3 courses for training budget (by 2026-01-22)\n",
        "- [ ] Share the promotion rubric (by 2026-01-23)\n",
        "- [x] Approve training budget (completed 2026-01-15)\n",
        "### Priya's Actions\n- [ ] Intro to the advisory board chair\n",
        "### Advisory Board\n- 2026-01-15: Decision: Kickoff set for February\n",
        "- 2026-01-15: Career path, advisory board kickoff\n",
        "- Q1 goal: increase NRR by 10%\n",
        "- 2026-01-15: Customer X renewal - 2 years, $500K ARR\n",
    ] {
        let line = line.replace("Decision: ", "");
        assert!(once.contains(&line), "missing {line:?} in\n{once}");
    }
    let backlog_text = backlog_with("", &backlog);
    let ctx = ProcessContext {
        archives: Vec::new(),
        backlog: Some(&backlog_text),
        ..ProcessContext::default()
    };
    let (twice, again) = apply_json(&once, json, &ctx);
    assert_eq!(twice, once, "a second application changed the document");
    assert!(again.is_empty(), "{again:?}");
}

fn refusal(src: &str, json_items: &str) -> PlanError {
    let json = format!(
        r#"{{"schema_version": 1, "person": "sarah-chen", "date": "2026-01-15", {json_items}}}"#
    );
    let doc = Document::parse(src).unwrap();
    let meeting = MeetingPlan::from_json(&json).unwrap();
    plan_meeting(&doc, &meeting, &settings(), &ProcessContext::default()).unwrap_err()
}

#[test]
fn done_item_matching_no_open_item_is_refused_naming_the_open_items() {
    let err = refusal(BEFORE, r#""done": [{"item": "Book the offsite venue"}]"#);
    assert!(matches!(err, PlanError::NoMatch { .. }), "{err:?}");
    let msg = err.to_string();
    assert!(
        msg.starts_with("done[0].item: \"Book the offsite venue\" matches no open action item"),
        "{msg}"
    );
    assert!(
        msg.contains("\"Review promotion packet requirements\""),
        "{msg}"
    );
}

#[test]
fn done_item_matching_several_items_is_refused_naming_the_candidates() {
    let src = BEFORE.replace(
        "- [ ] Approve training budget\n",
        "- [ ] Approve training budget\n- [ ] Approve training budget draft\n",
    );
    let err = refusal(
        &src,
        r#""actions": [{"owner": "me", "text": "x"}], "done": [{"item": "Review promotion packet requirements"}, {"item": "training budget approved"}]"#,
    );
    let PlanError::Ambiguous {
        path, candidates, ..
    } = &err
    else {
        panic!("{err:?}");
    };
    assert_eq!(path, "done[1].item");
    assert_eq!(
        candidates,
        &[
            "Approve training budget".to_owned(),
            "Approve training budget draft".to_owned()
        ]
    );
    // Its own text picks one item out of several that match.
    let doc = Document::parse(&src).unwrap();
    let exact = MeetingPlan::from_json(
        r#"{"schema_version": 1, "person": "s", "date": "2026-01-15", "done": [{"item": "approve training budget"}]}"#,
    )
    .unwrap();
    assert!(plan_meeting(&doc, &exact, &settings(), &ProcessContext::default()).is_ok());
}

#[test]
fn done_item_completed_on_the_plan_date_is_a_noop() {
    let json = r#"{"schema_version": 1, "person": "sarah-chen", "date": "2026-01-15",
        "done": [{"item": "Approve training budget"}]}"#;
    let (once, _) = apply_json(BEFORE, json, &ProcessContext::default());
    assert!(once.contains("- [x] Approve training budget (completed 2026-01-15)\n"));
    let (twice, _) = apply_json(&once, json, &ProcessContext::default());
    assert_eq!(twice, once);
    // Completed on another day, it is no longer open: refused.
    let later = json.replace("2026-01-15", "2026-01-22");
    let doc = Document::parse(&once).unwrap();
    let meeting = MeetingPlan::from_json(&later).unwrap();
    let err = plan_meeting(&doc, &meeting, &settings(), &ProcessContext::default()).unwrap_err();
    assert!(matches!(err, PlanError::NoMatch { .. }), "{err:?}");
}

#[test]
fn plan_owner_names_resolve_like_mentions() {
    let json = r#"{"schema_version": 1, "person": "sarah-chen", "date": "2026-01-15",
        "actions": [{"owner": "sarah", "text": "Check the budget"},
                    {"owner": "Alex", "text": "Draft the summary", "priority": "P3"},
                    {"owner": "THEM", "text": "Send the rubric", "due": "2026-03-01"}]}"#;
    let (after, backlog) = apply_json(BEFORE, json, &ProcessContext::default());
    let doc = Document::parse(&after).unwrap();
    let owner_of = |text: &str| {
        doc.action_items()
            .find(|i| i.text == text)
            .unwrap()
            .owner
            .clone()
    };
    assert_eq!(owner_of("Check the budget"), Owner::Them);
    assert_eq!(owner_of("Draft the summary"), Owner::Me);
    assert_eq!(owner_of("Send the rubric"), Owner::Them);
    assert!(after.contains("- [ ] [P3] Draft the summary\n"), "{after}");
    assert!(
        after.contains("- [ ] Send the rubric (by 2026-03-01)\n"),
        "{after}"
    );
    assert_eq!(
        backlog,
        ["- [ ] [P3] Draft the summary (1:1 Sarah Chen, 2026-01-15)"]
    );
}

#[test]
fn done_item_pasted_with_its_markers_names_the_item() {
    let src = BEFORE.replace(
        "- [ ] Approve training budget\n",
        "- [ ] [P1] Approve training budget (by 2026-01-20)\n",
    );
    let json = r#"{"schema_version": 1, "person": "sarah-chen", "date": "2026-01-15",
        "done": [{"item": "- [ ] [P1] Approve training budget (by 2026-01-20)"}]}"#;
    let (after, _) = apply_json(&src, json, &ProcessContext::default());
    assert!(
        after.contains(
            "- [x] [P1] Approve training budget (by 2026-01-20) (completed 2026-01-15)\n"
        ),
        "{after}"
    );
}

#[test]
fn done_item_completed_on_another_date_is_refused_saying_when() {
    let err = refusal(
        BEFORE,
        r#""done": [{"item": "Implement new onboarding flow"}]"#,
    );
    assert_eq!(
        err.to_string(),
        "done[0].item: \"Implement new onboarding flow\" matches no open action item \
         (\"Implement new onboarding flow\" was completed on 2026-01-08); the open items are: \
         \"Review promotion packet requirements\", \"Approve training budget\""
    );
}

mod properties {
    use super::*;
    use proptest::prelude::*;
    use strategies::fragment;

    fn notes() -> impl Strategy<Value = String> {
        prop::collection::vec(prop::collection::vec(fragment(), 1..5), 1..7).prop_map(|lines| {
            lines
                .iter()
                .map(|parts| format!("- {}", parts.join(" ")))
                .collect::<Vec<_>>()
                .join("\n")
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// The rules' reading is always a plan the JSON reader accepts, planning it refuses
        /// nothing, it gives the notes' document and BACKLOG.md lines, and applying it
        /// again changes nothing.
        #[test]
        fn reading_round_trips_through_json(notes in notes()) {
            reading_round_trips(&notes)?;
        }
    }

    /// The rules' reading of `notes` is a plan the JSON reader accepts, planning it refuses
    /// nothing, it gives the notes' document and BACKLOG.md lines, and applying it again
    /// changes nothing.
    fn reading_round_trips(notes: &str) -> Result<(), TestCaseError> {
        let doc = Document::parse(BEFORE).unwrap();
        let on = d("2026-01-15");
        let Ok(r) = read(&doc, notes, on, &settings(), &ProcessContext::default()) else {
            return Ok(());
        };
        let json = serde_json::to_string(&r.plan).unwrap();
        let meeting = MeetingPlan::from_json(&json);
        prop_assert!(meeting.is_ok(), "{notes:?}\n{json}\n{meeting:?}");
        let planned = plan_meeting(
            &doc,
            &meeting.unwrap(),
            &settings(),
            &ProcessContext::default(),
        );
        prop_assert!(planned.is_ok(), "{notes:?}\n{json}\n{planned:?}");
        let (from_plan, backlog) = apply_json(BEFORE, &json, &ProcessContext::default());
        prop_assert_eq!(
            &(from_plan.clone(), backlog.clone()),
            &apply_notes(BEFORE, notes, "2026-01-15"),
            "{:?}\n{}",
            notes,
            json
        );
        let text = backlog_with("", &backlog);
        let ctx = ProcessContext {
            archives: Vec::new(),
            backlog: Some(&text),
            ..ProcessContext::default()
        };
        let again = apply_json(&from_plan, &json, &ctx);
        prop_assert_eq!(&again.0, &from_plan, "{:?}\n{}", notes, json);
        prop_assert!(again.1.is_empty());
        Ok(())
    }

    /// The cases the property found and shrank, kept as examples whatever words it draws.
    #[test]
    fn found_cases_round_trip_through_json() {
        for notes in [
            "-  -   -   -  by next week",
            "- roadmap GOAL: I'll by next week",
            "- training budget TODO: I'll by next week",
            "- Topics: I'll , ->",
        ] {
            if let Err(e) = reading_round_trips(notes) {
                panic!("{notes:?}: {e}");
            }
        }
    }
}

mod written_plans {
    use super::*;
    use proptest::prelude::*;
    use serde_json::{Value, json};

    fn text() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("Send the deck".to_owned()),
            Just("Review promotion packet requirements".to_owned()),
            Just("[P2]] s".to_owned()),
            Just("# not a heading".to_owned()),
            Just("2026-01-02: dated".to_owned()),
            Just("Ship it (by 2026-01-09)".to_owned()),
            Just("**bold** `code` <b>".to_owned()),
            Just("- [ ] nested".to_owned()),
            Just("iOS p95 -> 10%".to_owned()),
            Just("Q1 goal: grow".to_owned()),
            Just("career training".to_owned()),
            "[a-zA-Z][a-zA-Z0-9 ,.:()'!?#*_\\[\\]-]{0,20}",
        ]
    }

    fn owner() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("me".to_owned()),
            Just("them".to_owned()),
            Just("Sarah".to_owned()),
            Just("Alex".to_owned()),
            Just("Priya".to_owned()),
            Just("@jo".to_owned()),
        ]
    }

    fn action() -> impl Strategy<Value = Value> {
        (
            owner(),
            text(),
            prop::option::of(0i64..40),
            prop::option::of(1u8..4),
        )
            .prop_map(|(owner, text, due, priority)| {
                let mut a = json!({"owner": owner, "text": text});
                if let Some(days) = due {
                    let day = d("2026-01-01") + chrono::Duration::days(days);
                    a["due"] = json!(day.to_string());
                }
                if let Some(p) = priority {
                    a["priority"] = json!(format!("P{p}"));
                }
                a
            })
    }

    fn entry() -> impl Strategy<Value = Value> {
        (
            prop::option::of(prop_oneof![
                Just("Career Development".to_owned()),
                Just("career development".to_owned()),
                Just("Brand New Thread".to_owned()),
                Just("General".to_owned()),
            ]),
            text(),
            prop::bool::ANY,
            prop::collection::vec(text(), 0..2),
        )
            .prop_map(|(thread, text, decision, details)| {
                let mut e =
                    json!({"text": text, "kind": if decision { "decision" } else { "discussion" }});
                if let Some(t) = thread {
                    e["thread"] = json!(t);
                }
                if !details.is_empty() {
                    e["details"] = json!(details);
                }
                e
            })
    }

    fn plan() -> impl Strategy<Value = Value> {
        (
            prop::collection::vec(text(), 0..2),
            prop::collection::vec(action(), 0..4),
            prop::collection::vec(
                prop_oneof![
                    Just("Approve training budget".to_owned()),
                    Just("promotion packet reviewed".to_owned()),
                    Just("Implement new onboarding flow".to_owned()),
                ],
                0..2,
            ),
            prop::collection::vec(text(), 0..2),
            prop::collection::vec(text(), 0..2),
            prop::collection::vec(entry(), 0..4),
        )
            .prop_map(|(topics, actions, done, goals, wins, entries)| {
                json!({"schema_version": 1, "person": "sarah-chen", "date": "2026-01-15",
                    "topics": topics, "actions": actions,
                    "done": done.into_iter().map(|i| json!({"item": i})).collect::<Vec<_>>(),
                    "goals": goals, "accomplishments": wins, "entries": entries})
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// A plan someone wrote is refused, or it only adds lines and ticks boxes, leaves
        /// a document that validates, and changes nothing when applied again.
        #[test]
        fn written_plans_are_local_valid_and_idempotent(plan in plan()) {
            let json = plan.to_string();
            let meeting = MeetingPlan::from_json(&json).unwrap();
            let doc = Document::parse(BEFORE).unwrap();
            // As the command passes it: BACKLOG.md read, empty when missing.
            let first = ProcessContext { archives: Vec::new(), backlog: Some(""), ..ProcessContext::default() };
            let planned = plan_meeting(&doc, &meeting, &settings(), &first);
            let Ok(planned) = planned else {
                return Ok(());
            };
            let mut edited = doc.clone();
            let applied = apply(&mut edited, &planned);
            prop_assert!(applied.is_ok(), "{json}\n{applied:?}");
            let once = edited.to_string();
            let reparsed = Document::parse(&once).unwrap();
            let errors = errors(&reparsed);
            prop_assert!(errors.is_empty(), "{json}\n{errors:?}\n{once}");
            assert_only_insertions_and_ticks(BEFORE, &once, usize::MAX);
            let backlog = backlog_with("", &applied.unwrap().backlog_lines);
            let ctx = ProcessContext { archives: Vec::new(), backlog: Some(&backlog), ..ProcessContext::default() };
            let again = plan_meeting(&reparsed, &meeting, &settings(), &ctx);
            prop_assert!(again.is_ok(), "{json}\nsecond run refused: {again:?}\n{once}");
            let again = again.unwrap();
            let pending: Vec<_> = again.effective().collect();
            prop_assert!(again.is_noop(), "{json}\nsecond run: {pending:#?}\n{once}");
        }
    }
}

#[test]
fn plan_skips_what_archives_and_backlog_hold_and_follows_backlog_ticks() {
    let src = BEFORE.replace(
        "### My Actions\n",
        "### My Actions\n- [ ] Draft the Q2 plan\n",
    );
    let json = r#"{"schema_version": 1, "person": "sarah-chen", "date": "2026-01-15",
        "actions": [{"owner": "me", "text": "Book the offsite"}],
        "accomplishments": ["Closed the Acme deal"]}"#;
    let archive = "## Recent Accomplishments Shared\n- 2026-01-15: Closed the Acme deal\n";
    let backlog = "- [x] [P2] Draft the Q2 plan (1:1 Sarah Chen, 2026-01-08)\n\
                   - [ ] [P2] Book the offsite (1:1 Sarah Chen, 2026-01-15)\n";
    let ctx = ProcessContext {
        archives: vec![archive],
        backlog: Some(backlog),
        ..ProcessContext::default()
    };
    let (after, new_tasks) = apply_json(&src, json, &ctx);
    assert!(
        after.contains("- [x] Draft the Q2 plan (completed 2026-01-15)\n"),
        "{after}"
    );
    assert!(after.contains("- [ ] Book the offsite\n"), "{after}");
    assert!(!after.contains("Acme"), "{after}");
    assert!(new_tasks.is_empty(), "{new_tasks:?}");
}
