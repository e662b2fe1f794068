//! Inputs the `process` fuzz target failed on (fuzz/seeds/process/crash-*), replayed
//! without the fuzzer through the target's own check: plan and apply only insert lines or
//! tick boxes, and processing the same notes again, with the BACKLOG.md lines the first run
//! appended, changes nothing.

use chrono::NaiveDate;
use oneonone_core::{Document, EditError, Settings};
#[path = "support/invariants.rs"]
mod invariants;
use invariants::{Processed, Refused, process_input, process_twice};

#[path = "support/reference.rs"]
mod reference;
use reference::BEFORE as REFERENCE;
const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../fuzz/seeds/process");
const UNCLOSED_FENCE: &str = "crash-29a01e9a5c1f756143b5c9efeaf28c507c10a32c";

/// Processes the seed's notes twice as the fuzz target does, with an empty BACKLOG.md.
fn replay(seed: &str) -> Result<Processed, Refused> {
    let data = std::fs::read(format!("{SEEDS}/{seed}")).unwrap_or_else(|e| panic!("{seed}: {e}"));
    let (doc, notes, date) = process_input(&data, REFERENCE).expect("a seed is text");
    process_twice(doc, notes, date, &Settings::default(), Some(""))
}

// What each seed caught:
// - 28d243d1: an unclosed `(by …` before the tick's `(completed …)`, and mixed line endings.
// - 29a01e9a: the document ends inside an unclosed `~~~` fence (see the test below).
// - 4bc4a974: `- [ ] [P2]]  …`: the document reads `[P2]` inside the text as a priority.
// - 8cd27992: `✅ DATE` in a note left the emoji behind, as `📅` did.
// - a483584b: the only bullet to copy is an empty item `  *`, whose prefix has no space
//   after the marker.
// - afe90d77: a lone `\r` inside a line and a second front-matter-like block.
// - b4440139: `📅 DATE` in a note left the emoji behind when its date was taken as the due
//   date.
// - b97bc51b: `[p2]] s` repeats `[P2]] s` after normalising case, but the document reads
//   only the second one's `[P2]` as a priority, so the second run did not find the first's
//   item.
#[test]
fn processing_twice_is_idempotent_for_every_crash_seed() {
    let mut seeds: Vec<String> = std::fs::read_dir(SEEDS)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("crash-") && name != UNCLOSED_FENCE)
        .collect();
    seeds.sort();
    assert!(seeds.len() >= 7, "seeds missing: {seeds:?}");
    let mut failures = Vec::new();
    for seed in &seeds {
        match std::panic::catch_unwind(|| replay(seed)) {
            Ok(Ok(_)) => {}
            Ok(Err(refused)) => failures.push(format!("{seed}: refused: {refused:?}")),
            Err(_) => failures.push(format!("{seed}: failed (its panic is printed above)")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A section appended at the end of a document that ends inside an unclosed fence would be
/// code, not a section, and every run would append it again. The edit is refused instead.
#[test]
fn appending_inside_an_unclosed_fence_is_refused_not_repeated() {
    let refused = replay(UNCLOSED_FENCE).unwrap_err();
    assert!(
        matches!(refused, Refused::Apply(EditError::Unreadable { .. })),
        "{refused:?}"
    );
}

#[test]
fn meeting_line_after_an_unclosed_fence_is_refused_and_the_document_kept() {
    let src = "---\nperson: A B\n---\n\n## Action Items\n### My Actions\n- [ ] x\n\n~~~\ncode\n";
    let mut doc = Document::parse(src).unwrap();
    let day = NaiveDate::from_ymd_opt(2026, 1, 15).unwrap();
    let err = doc.add_meeting(day, "General").unwrap_err();
    assert!(matches!(err, EditError::Unreadable { .. }), "{err:?}");
    assert_eq!(doc.to_string(), src);
}
