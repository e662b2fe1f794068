//! Planning the reference scenario (needs only the parser).

use oneonone_core::Owner;
use oneonone_core::process::{ChangeKind, Target};
#[path = "support/fixtures.rs"]
mod fixtures;
use fixtures::d as date;
#[path = "support/reference.rs"]
mod reference;

#[test]
fn reference_notes_plan_expected_changes() {
    let p = reference::reference_plan();
    let find = |k: ChangeKind| p.changes.iter().filter(move |c| c.kind == k);
    let focus: Vec<_> = find(ChangeKind::FocusArea).collect();
    assert_eq!(focus.len(), 1);
    assert!(focus[0].text.to_lowercase().contains("increase nrr by 10%"));
    let mine: Vec<_> = find(ChangeKind::MyAction).collect();
    assert_eq!(mine.len(), 2);
    assert!(
        mine[0]
            .text
            .to_lowercase()
            .contains("customer advisory board")
    );
    assert_eq!(mine[1].due, Some(date("2026-01-22")));
    assert_eq!(mine[1].priority, Some(1));
    assert!(mine[1].text.to_lowercase().starts_with("find courses"));
    let done: Vec<_> = find(ChangeKind::Completion).collect();
    assert_eq!(done.len(), 1);
    assert_eq!(done[0].text, "Approve training budget");
    assert!(p.changes.iter().any(|c| c.kind == ChangeKind::ThreadEntry
        && c.target == Target::Thread("Career Development".into())
        && c.text.contains("promotion criteria")));
    assert!(find(ChangeKind::Accomplishment).any(|c| c.text.contains("renewal story")));
    assert_eq!(find(ChangeKind::Meeting).count(), 1);
    assert!(mine.iter().all(|c| c.owner == Some(Owner::Me)));
}
