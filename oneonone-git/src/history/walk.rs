//! The commit walk: which commits are new since the cache, and for each one the notes
//! files it changed, grouped into one batch per person.

use super::order::Dealer;
use super::{Batch, HistoryError, diff};
use crate::NotesRepo;
use chrono::{DateTime, NaiveDate};
use git2::{Oid, Repository, Sort, Tree};
use oneonone_core::timeline::CommitMeta;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

/// How many commits the walk diffs with one repository handle.
const REOPEN_EVERY: usize = 256;

/// The commits after the cached one, oldest first. Drops the cache when its commit is not
/// on the first-parent line of HEAD (history rewritten, or another branch).
pub(super) fn new_commits(
    repo: &Repository,
    head: Oid,
    state: &mut Option<crate::cache::CacheState>,
) -> Result<Vec<Oid>, HistoryError> {
    let cached = state.as_ref().and_then(|s| Oid::from_str(&s.head).ok());
    let mut walk = repo.revwalk().map_err(HistoryError::walk)?;
    walk.simplify_first_parent().map_err(HistoryError::walk)?;
    walk.set_sorting(Sort::NONE).map_err(HistoryError::walk)?;
    walk.push(head).map_err(HistoryError::walk)?;
    let mut out = Vec::new();
    let mut found = false;
    for oid in walk {
        let oid = oid.map_err(HistoryError::walk)?;
        if Some(oid) == cached {
            found = true;
            break;
        }
        out.push(oid);
    }
    if !found {
        *state = None;
    }
    out.reverse();
    Ok(out)
}

/// The walk over the new commits, on the calling thread.
pub(super) struct Walk<'a> {
    /// Where fresh handles come from.
    pub(super) repo: &'a NotesRepo,
    /// The handle in use.
    pub(super) git: Repository,
    /// The notes directory in the commit trees.
    pub(super) notes_dir: &'a str,
    /// Current slug → chain key, updated as documents are renamed.
    pub(super) chains: &'a mut BTreeMap<String, String>,
    pub(super) progress: &'a indicatif::ProgressBar,
}

impl Walk<'_> {
    /// Walks `commits` oldest first and deals each person's batch of each commit.
    pub(super) fn run(mut self, commits: &[Oid], mut dealer: Dealer) -> Result<(), HistoryError> {
        let mut batcher = Batcher::default();
        let mut prev_notes: Option<Option<Oid>> = None;
        for (k, &oid) in commits.iter().enumerate() {
            // libgit2 keeps every tree read in the handle's object cache; a fresh handle now
            // and then keeps that to a few hundred KB instead of several MB.
            if k > 0 && k % REOPEN_EVERY == 0 {
                self.git = self.repo.open_for_history()?;
            }
            let batches = self.commit(oid, &mut prev_notes, &mut batcher)?;
            self.progress.inc(1);
            for batch in batches {
                if !dealer.deal(batch) {
                    // A reader stopped on an error (reported by its join) or the scanner did.
                    return Ok(());
                }
            }
        }
        dealer.finish();
        Ok(())
    }

    /// The batches of one commit: nothing when its notes subtree is its parent's.
    /// `prev_notes` carries the subtree id from one commit to the next, so each tree is
    /// looked up once.
    fn commit(
        &mut self,
        oid: Oid,
        prev_notes: &mut Option<Option<Oid>>,
        batcher: &mut Batcher,
    ) -> Result<Vec<Batch>, HistoryError> {
        let repo = &self.git;
        let err = HistoryError::commit(oid);
        let commit = repo.find_commit(oid).map_err(&err)?;
        let new_notes = notes_tree_id(&commit.tree().map_err(&err)?, self.notes_dir);
        let old_notes = match prev_notes.take() {
            Some(t) => t,
            None => match commit.parent(0) {
                Ok(p) => notes_tree_id(&p.tree().map_err(&err)?, self.notes_dir),
                Err(_) => None,
            },
        };
        *prev_notes = Some(new_notes);
        if old_notes == new_notes {
            return Ok(Vec::new());
        }
        let find = |id: Option<Oid>| id.map(|id| repo.find_tree(id)).transpose();
        let old_tree = find(old_notes).map_err(&err)?;
        let new_tree = find(new_notes).map_err(&err)?;
        let changes = diff::diff_notes(repo, old_tree.as_ref(), new_tree.as_ref(), self.chains)
            .map_err(&err)?;
        Ok(batcher.batches(&commit_meta(&commit), changes))
    }
}

/// Groups a commit's changes by person, numbering each person's batches and telling which
/// old texts the scanner already holds.
#[derive(Default)]
struct Batcher {
    /// The next batch number per chain key.
    seqs: HashMap<String, usize>,
    /// (chain key, path) of every file whose latest text the scanner holds.
    held: HashSet<(String, String)>,
}

impl Batcher {
    fn batches(
        &mut self,
        meta: &CommitMeta,
        changes: Vec<(String, super::ReadChange)>,
    ) -> Vec<Batch> {
        let mut batches: Vec<Batch> = Vec::new();
        for (key, change) in changes {
            let pos = match batches.iter().position(|b| b.key == key) {
                Some(p) => p,
                None => {
                    let seq = self.seqs.entry(key.clone()).or_default();
                    batches.push(Batch {
                        meta: meta.clone(),
                        key,
                        seq: *seq,
                        changes: Vec::new(),
                    });
                    *seq += 1;
                    batches.len() - 1
                }
            };
            batches[pos].changes.push(change);
        }
        for batch in &mut batches {
            self.mark_held(batch);
        }
        batches
    }

    /// The scanner's texts: the old one is dropped by every change, then the new ones are
    /// kept (the same order the scanner follows).
    fn mark_held(&mut self, batch: &mut Batch) {
        for c in &mut batch.changes {
            c.read_old = !self
                .held
                .remove(&(batch.key.clone(), c.old_path().to_owned()));
        }
        for c in &batch.changes {
            if c.raw.new_blob.is_some() {
                self.held.insert((batch.key.clone(), c.raw.path.clone()));
            }
        }
    }
}

/// The id of the notes subtree of a commit's tree, if it has one.
fn notes_tree_id(tree: &Tree<'_>, notes_dir: &str) -> Option<Oid> {
    if notes_dir.is_empty() {
        return Some(tree.id());
    }
    let entry = tree.get_path(Path::new(notes_dir)).ok()?;
    (entry.kind() == Some(git2::ObjectType::Tree)).then(|| entry.id())
}

fn commit_meta(commit: &git2::Commit<'_>) -> CommitMeta {
    let when = commit.author().when();
    let local = when.seconds() + i64::from(when.offset_minutes()) * 60;
    let date = DateTime::from_timestamp(local, 0)
        .map(|d| d.date_naive())
        .unwrap_or(NaiveDate::MIN);
    CommitMeta {
        id: commit.id().to_string(),
        time: when.seconds(),
        date,
        meeting: CommitMeta::meeting_trailer(&String::from_utf8_lossy(commit.message_bytes())),
    }
}
