//! The scanner: applies each person's batches to their record, in the order the walk made
//! them, line-diffing each file against the text of its previous revision.

use super::Batch;
use super::diff::{Route, route};
use crate::cache::PersonState;
use oneonone_core::timeline::FileChange;
use std::collections::{BTreeMap, HashMap};
use std::sync::mpsc::Receiver;

/// Applies every batch from the readers to its person's record, in the order sent.
pub(super) fn scan_batches(
    mut persons: BTreeMap<String, PersonState>,
    from_readers: Receiver<Batch>,
) -> BTreeMap<String, PersonState> {
    // The text of each file at the last revision applied, for the next line diff, by
    // chain key and path.
    let mut texts: HashMap<String, HashMap<String, String>> = HashMap::new();
    let mut order = InOrder::default();
    for batch in from_readers
        .into_iter()
        .flat_map(|batch| order.ready(batch))
    {
        let person = persons.entry(batch.key.clone()).or_default();
        let texts = texts.entry(batch.key.clone()).or_default();
        apply(person, texts, batch);
    }
    persons
}

/// Puts each person's batches back in order: the readers work in parallel, so a batch
/// may arrive before an earlier one of the same person.
#[derive(Default)]
struct InOrder {
    /// Batches that arrived early, by person and place. At most the readers' lead is
    /// held here.
    early: BTreeMap<(String, usize), Batch>,
    /// The next expected place per person.
    next: HashMap<String, usize>,
}

impl InOrder {
    /// The batches that can be applied now that `batch` arrived, in order.
    fn ready(&mut self, batch: Batch) -> Vec<Batch> {
        let mut ready = Vec::new();
        let mut pending = Some(batch);
        while let Some(batch) = pending.take() {
            let want = self.next.entry(batch.key.clone()).or_default();
            if batch.seq != *want {
                self.early.insert((batch.key.clone(), batch.seq), batch);
                break;
            }
            *want += 1;
            pending = self.early.remove(&(batch.key.clone(), *want));
            ready.push(batch);
        }
        ready
    }
}

/// Applies one batch to its person's record; `texts` holds the person's files at their
/// last applied revision and is brought up to this one.
fn apply(person: &mut PersonState, texts: &mut HashMap<String, String>, batch: Batch) {
    let mut olds = Vec::with_capacity(batch.changes.len());
    let mut news = Vec::with_capacity(batch.changes.len());
    for c in batch.changes {
        let old = texts
            .remove(c.old_path())
            .or(c.old_text)
            .unwrap_or_default();
        if c.running || person.slug.is_empty() {
            person.slug = c.slug;
        }
        olds.push(old);
        news.push((c.raw, c.new_text));
    }
    let changes: Vec<FileChange<'_>> = news
        .iter()
        .zip(&olds)
        .map(|((raw, new), old)| FileChange {
            old_path: raw.old_path.as_deref(),
            path: &raw.path,
            old_text: old,
            new_text: new.as_deref(),
            new_blob: raw.new_blob.map(|o| o.to_string()).unwrap_or_default(),
        })
        .collect();
    person.tracker.apply(&batch.meta, &changes);
    drop(changes);
    for (raw, new) in news {
        if let Some(text) = new {
            if matches!(route(&raw.path), Some(Route::Running(_)))
                && let Some(name) = oneonone_core::timeline::front_matter_person(&text)
            {
                person.name = Some(name);
            }
            texts.insert(raw.path, text);
        }
    }
}
