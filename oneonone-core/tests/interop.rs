//! Obsidian Tasks dates and `@name` owners on action items are read by the views.

use oneonone_core::{Document, Owner};
#[path = "support/fixtures.rs"]
mod fixtures;
use fixtures::d;

const SRC: &str = "---\nperson: Sarah Chen\n---\n\n## Action Items\n### My Actions\n- [ ] Research advisory boards 📅 2026-01-22\n- [x] Ship onboarding flow 📅 2026-01-10 ✅ 2026-01-08\n- [ ] Pair with @jordan on the deck (by 2026-02-01)\n### Sarah's Actions\n- [ ] @sarah review the packet\n- [ ] Email someone@example.com\n";

#[test]
fn obsidian_due_and_done_dates_are_read_as_due_and_completed() {
    let doc = Document::parse(SRC).unwrap();
    let items: Vec<_> = doc.action_items().collect();
    assert_eq!(items[0].due, Some(d("2026-01-22")));
    assert_eq!(items[0].text, "Research advisory boards");
    assert!(items[1].done);
    assert_eq!(items[1].due, Some(d("2026-01-10")));
    assert_eq!(items[1].completed, Some(d("2026-01-08")));
    assert_eq!(items[1].text, "Ship onboarding flow");
    assert!(doc.validate(None).iter().all(|d| !d.is_error()));
}

#[test]
fn mention_reads_at_name_owners_but_not_emails() {
    let doc = Document::parse(SRC).unwrap();
    let items: Vec<_> = doc.action_items().collect();
    assert_eq!(items[0].mention(), None);
    assert_eq!(items[2].mention(), Some("jordan"));
    assert_eq!(items[2].owner, Owner::Me);
    assert_eq!(items[3].mention(), Some("sarah"));
    assert_eq!(items[3].owner, Owner::Them);
    assert_eq!(items[4].mention(), None);
}
