//! Note lines and what SPEC section 4 says they become, planned one at a time against the
//! seed's document before 2026-01-15 (a Thursday). Expected values come from the SPEC's
//! rules: kind precedence, owner phrases, relative dates, priority (P1 within 7 days,
//! urgent/asap, or asked for), thread routing (career/promotion/training/course/growth →
//! Career Development; goal/Qn/OKR/project/launch → Qn Goals & Projects;
//! team/process/hiring/onboarding → Team & Process; else General).

use chrono::NaiveDate;
use oneonone_core::process::{ChangeKind, ProcessContext, Target, plan};
use oneonone_core::{Document, Owner, Settings};

const BEFORE: &str = include_str!("fixtures/sarah-chen-before-2026-01-15.md");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum K {
    Mine,
    Theirs,
    Goal,
    Decision,
    Win,
    Done,
    Talk,
}

#[derive(Debug, PartialEq, Eq)]
struct Got {
    kind: K,
    owner: Option<Owner>,
    thread: Option<String>,
    due: Option<NaiveDate>,
    priority: Option<u8>,
}

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn classify(note: &str) -> Got {
    let doc = Document::parse(BEFORE).unwrap();
    let settings = Settings {
        my_name: Some("Alex".to_owned()),
        ..Settings::default()
    };
    let p = plan(
        &doc,
        note,
        d("2026-01-15"),
        &settings,
        &ProcessContext::default(),
    )
    .unwrap();
    let mut notes = p.changes.iter().filter(|c| c.source_line == 1);
    let first = notes.next().expect("a change");
    let thread_of = |c: &oneonone_core::process::Change| match &c.target {
        Target::Thread(t) => Some(t.clone()),
        _ => None,
    };
    match first.kind {
        ChangeKind::MyAction | ChangeKind::TheirAction => Got {
            kind: if first.kind == ChangeKind::MyAction {
                K::Mine
            } else {
                K::Theirs
            },
            owner: first.owner.clone(),
            thread: None,
            due: first.due,
            priority: first.priority,
        },
        ChangeKind::FocusArea => Got {
            kind: K::Goal,
            owner: None,
            thread: notes.next().and_then(thread_of),
            due: None,
            priority: None,
        },
        ChangeKind::Accomplishment => Got {
            kind: K::Win,
            owner: None,
            thread: None,
            due: None,
            priority: None,
        },
        ChangeKind::Completion => Got {
            kind: K::Done,
            owner: None,
            thread: None,
            due: None,
            priority: None,
        },
        ChangeKind::ThreadEntry => Got {
            kind: match first.note_kind {
                Some(oneonone_core::notes::NoteKind::Decision) => K::Decision,
                Some(oneonone_core::notes::NoteKind::Goal) => K::Goal,
                _ => K::Talk,
            },
            owner: None,
            thread: thread_of(first),
            due: None,
            priority: None,
        },
        ChangeKind::Meeting => panic!("meeting line first"),
    }
}

const CAREER: Option<&str> = Some("Career Development");
const GOALS: Option<&str> = Some("Q1 Goals & Projects");
const TEAM: Option<&str> = Some("Team & Process");
const GENERAL: Option<&str> = Some("General");

type Row = (
    &'static str,
    K,
    Option<Owner>,
    Option<&'static str>,
    Option<&'static str>,
    Option<u8>,
);

fn me() -> Option<Owner> {
    Some(Owner::Me)
}
fn them() -> Option<Owner> {
    Some(Owner::Them)
}

fn rows() -> Vec<Row> {
    use K::*;
    vec![
        // My actions, dates and priorities.
        (
            "Find 3 courses by next week",
            Mine,
            me(),
            None,
            Some("2026-01-22"),
            Some(1),
        ),
        (
            "I'll send the deck to finance",
            Mine,
            me(),
            None,
            None,
            Some(2),
        ),
        (
            "She wants me to lead customer advisory board",
            Mine,
            me(),
            None,
            None,
            Some(1),
        ),
        ("TODO: book offsite venue", Mine, me(), None, None, Some(2)),
        (
            "- [ ] update the QBR slides by Friday",
            Mine,
            me(),
            None,
            Some("2026-01-16"),
            Some(1),
        ),
        (
            "Fix the billing export asap",
            Mine,
            me(),
            None,
            None,
            Some(1),
        ),
        (
            "Prepare QBR deck [P3] by tomorrow",
            Mine,
            me(),
            None,
            Some("2026-01-16"),
            Some(3),
        ),
        (
            "[P1] Research customer advisory board best practices",
            Mine,
            me(),
            None,
            None,
            Some(1),
        ),
        (
            "Email the CFO in 3 days",
            Mine,
            me(),
            None,
            Some("2026-01-18"),
            Some(1),
        ),
        (
            "Schedule skip-level in two weeks",
            Mine,
            me(),
            None,
            Some("2026-01-29"),
            Some(2),
        ),
        (
            "Write the self-review by end of month",
            Mine,
            me(),
            None,
            Some("2026-01-31"),
            Some(2),
        ),
        (
            "Submit promotion packet by EOQ",
            Mine,
            me(),
            None,
            Some("2026-03-31"),
            Some(2),
        ),
        (
            "Send recap by Jan 22",
            Mine,
            me(),
            None,
            Some("2026-01-22"),
            Some(1),
        ),
        (
            "Draft the hiring plan by 22 Jan",
            Mine,
            me(),
            None,
            Some("2026-01-22"),
            Some(1),
        ),
        (
            "Book training by Jan 23rd",
            Mine,
            me(),
            None,
            Some("2026-01-23"),
            Some(2),
        ),
        (
            "Follow up with legal by 2026-02-10",
            Mine,
            me(),
            None,
            Some("2026-02-10"),
            Some(2),
        ),
        (
            "Review the budget next monday",
            Mine,
            me(),
            None,
            Some("2026-01-19"),
            Some(1),
        ),
        (
            "Check in with Dana this friday",
            Mine,
            me(),
            None,
            Some("2026-01-16"),
            Some(1),
        ),
        (
            "Renew the certification next thursday",
            Mine,
            me(),
            None,
            Some("2026-01-22"),
            Some(1),
        ),
        (
            "Ping finance today",
            Mine,
            me(),
            None,
            Some("2026-01-15"),
            Some(1),
        ),
        (
            "Share the roadmap by EOW",
            Mine,
            me(),
            None,
            Some("2026-01-16"),
            Some(1),
        ),
        (
            "I need to finish the certification",
            Mine,
            me(),
            None,
            None,
            Some(2),
        ),
        (
            "Asked me to mentor the new hire",
            Mine,
            me(),
            None,
            None,
            Some(1),
        ),
        (
            "He wants me to present at the all-hands",
            Mine,
            me(),
            None,
            None,
            Some(1),
        ),
        (
            "Need to renew AWS certification by next week",
            Mine,
            me(),
            None,
            Some("2026-01-22"),
            Some(1),
        ),
        (
            "Approve vendor contract by tomorrow",
            Mine,
            me(),
            None,
            Some("2026-01-16"),
            Some(1),
        ),
        (
            "Plan the team offsite for March 3",
            Mine,
            me(),
            None,
            Some("2026-03-03"),
            Some(2),
        ),
        ("@alex draft the memo", Mine, me(), None, None, Some(2)),
        (
            "Alex will draft the budget memo (by Monday)",
            Mine,
            me(),
            None,
            Some("2026-01-19"),
            Some(1),
        ),
        (
            "Send deck within 10 days",
            Mine,
            me(),
            None,
            Some("2026-01-25"),
            Some(2),
        ),
        (
            "Read the leadership book by Feb 1",
            Mine,
            me(),
            None,
            Some("2026-02-01"),
            Some(2),
        ),
        (
            "Collect feedback in a week",
            Mine,
            me(),
            None,
            Some("2026-01-22"),
            Some(1),
        ),
        // Their actions.
        (
            "Sarah will review the promotion packet",
            Theirs,
            them(),
            None,
            None,
            Some(2),
        ),
        (
            "She'll approve the headcount request by EOM",
            Theirs,
            them(),
            None,
            Some("2026-01-31"),
            Some(2),
        ),
        (
            "@sarah share the org chart",
            Theirs,
            them(),
            None,
            None,
            Some(2),
        ),
        (
            "@jordan send the contract",
            Theirs,
            Some(Owner::Named("Jordan".into())),
            None,
            None,
            Some(2),
        ),
        (
            "They will send the survey results",
            Theirs,
            them(),
            None,
            None,
            Some(2),
        ),
        (
            "Sarah to circulate the Q1 plan",
            Theirs,
            them(),
            None,
            None,
            Some(2),
        ),
        (
            "Sarah Chen will confirm the budget",
            Theirs,
            them(),
            None,
            None,
            Some(2),
        ),
        (
            "She’ll intro me to the VP of Sales tomorrow",
            Theirs,
            them(),
            None,
            Some("2026-01-16"),
            Some(1),
        ),
        (
            "They're going to share the survey results",
            Theirs,
            them(),
            None,
            None,
            Some(2),
        ),
        (
            "Sarah'll send the comp bands",
            Theirs,
            them(),
            None,
            None,
            Some(2),
        ),
        // Goals.
        (
            "Q1 goal: increase NRR by 10%",
            Goal,
            None,
            GOALS,
            None,
            None,
        ),
        (
            "GOAL: ship the partner portal",
            Goal,
            None,
            GOALS,
            None,
            None,
        ),
        (
            "Our OKR for Q2 is 95% retention",
            Goal,
            None,
            Some("Q2 Goals & Projects"),
            None,
            None,
        ),
        ("OKRs reviewed for the team", Goal, None, GOALS, None, None),
        (
            "Goal: 3 referenceable customers",
            Goal,
            None,
            GOALS,
            None,
            None,
        ),
        // Accomplishments shared.
        ("Sarah loved the renewal story", Win, None, None, None, None),
        ("WIN: closed Acme expansion", Win, None, None, None, None),
        ("Shared the onboarding results", Win, None, None, None, None),
        (
            "New dashboard launched with 30% faster load",
            Win,
            None,
            None,
            None,
            None,
        ),
        (
            "Great feedback from the VP on the QBR",
            Win,
            None,
            None,
            None,
            None,
        ),
        (
            "Kudos from the CEO on churn work",
            Win,
            None,
            None,
            None,
            None,
        ),
        ("Exceeded Q4 target by 8%", Win, None, None, None, None),
        // Done: a completion word and exactly one matching open item.
        ("Training budget approved", Done, None, None, None, None),
        (
            "done: review promotion packet",
            Done,
            None,
            None,
            None,
            None,
        ),
        (
            "- [x] approve the training budget",
            Done,
            None,
            None,
            None,
            None,
        ),
        // Completion words with no matching open item: thread entries.
        ("Sent the deck", Talk, None, GENERAL, None, None),
        ("Finished the onboarding flow", Talk, None, TEAM, None, None),
        ("- [x] Draft Q1 account plan", Talk, None, GOALS, None, None),
        // Decisions.
        (
            "Headcount approved for Q2",
            Decision,
            None,
            Some("Q2 Goals & Projects"),
            None,
            None,
        ),
        (
            "Decided to pause the hiring freeze",
            Decision,
            None,
            TEAM,
            None,
            None,
        ),
        (
            "DECISION: move our 1:1 to Tuesdays",
            Decision,
            None,
            GENERAL,
            None,
            None,
        ),
        (
            "Hiring: two backfills approved",
            Decision,
            None,
            TEAM,
            None,
            None,
        ),
        (
            "Agreed on a new career ladder",
            Decision,
            None,
            CAREER,
            None,
            None,
        ),
        // Discussion.
        (
            "Talked about promotion criteria",
            Talk,
            None,
            CAREER,
            None,
            None,
        ),
        (
            "Discussed team morale after the reorg",
            Talk,
            None,
            TEAM,
            None,
            None,
        ),
        (
            "Customer X renewal - 2 years, $500K",
            Talk,
            None,
            GENERAL,
            None,
            None,
        ),
        ("Increase NRR by 10%", Talk, None, GENERAL, None, None),
        (
            "Promotion timeline: targeting Senior CSM by Q3",
            Talk,
            None,
            CAREER,
            None,
            None,
        ),
        ("Onboarding retro went well", Talk, None, TEAM, None, None),
        ("Budget is $2K per year", Talk, None, GENERAL, None, None),
        (
            "Launch plan for the partner program",
            Talk,
            None,
            GOALS,
            None,
            None,
        ),
        (
            "Career growth conversation next quarter",
            Talk,
            None,
            CAREER,
            None,
            None,
        ),
        (
            "Sarah's promotion feedback was positive",
            Talk,
            None,
            CAREER,
            None,
            None,
        ),
        (
            "I may 2x the enablement budget",
            Talk,
            None,
            GENERAL,
            None,
            None,
        ),
        (
            "Customer advisory board kickoff went well",
            Talk,
            None,
            GOALS,
            None,
            None,
        ),
        (
            "Renewal process needs fewer approvals",
            Talk,
            None,
            TEAM,
            None,
            None,
        ),
    ]
}

#[test]
fn note_lines_classify_per_spec() {
    let rows = rows();
    assert!(rows.len() >= 60, "{} rows", rows.len());
    let mut failures = Vec::new();
    for (note, kind, owner, thread, due, priority) in rows {
        let want = Got {
            kind,
            owner,
            thread: thread.map(str::to_owned),
            due: due.map(d),
            priority,
        };
        let got = classify(note);
        if got != want {
            failures.push(format!("{note:?}\n  want {want:?}\n  got  {got:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} rows differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
