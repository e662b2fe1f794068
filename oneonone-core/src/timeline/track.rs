//! Following items through history: the item ids of every line, carried from revision
//! to revision by a line diff; an edit in place keeps an item's id, a move between files
//! in one commit too.

use super::scan::{LineContext, ScannedItem, line_contexts, scan_line};
use super::{CommitMeta, Event, EventKind, PersonRef};
use crate::syntax;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// One item followed through history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrackedItem {
    /// Accomplishment, Action, Goal, Thread or Meeting.
    pub kind: EventKind,
    /// Latest text.
    pub text: String,
    /// Latest written date.
    pub date: Option<NaiveDate>,
    /// The thread, for thread entries.
    pub thread: Option<String>,
    /// The owner, for actions.
    pub owner: Option<String>,
    /// The latest due date, for actions.
    #[serde(default)]
    pub due: Option<NaiveDate>,
    /// The commit that first recorded it.
    pub added: CommitMeta,
    /// For a ticked action: the ticking commit and the written completion date.
    pub done: Option<(CommitMeta, Option<NaiveDate>)>,
    /// The commit that removed it (not by a move).
    pub removed: Option<CommitMeta>,
}

const NO_ITEM: u32 = u32::MAX;

/// What is known of one file at the last revision seen: its blob and the item id of each
/// line that starts an item.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileTrack {
    /// The blob id of the last revision seen (hex).
    pub blob: String,
    /// Per line: the item id, or `u32::MAX` for lines that start no item.
    pub ids: Vec<u32>,
}

/// A file changed by a commit, with both texts.
#[derive(Debug, Clone)]
pub struct FileChange<'a> {
    /// The path before the commit, when the file existed (differs from `path` on a rename).
    pub old_path: Option<&'a str>,
    /// The path after the commit (the old path for a deletion).
    pub path: &'a str,
    /// The text before (empty when the file is new).
    pub old_text: &'a str,
    /// The text after; `None` when the commit deletes the file.
    pub new_text: Option<&'a str>,
    /// The blob id after (hex; empty for a deletion).
    pub new_blob: String,
}

/// The record of one person: every item seen in their running document and archives.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tracker {
    /// Every item, by id.
    pub items: Vec<TrackedItem>,
    /// The files of the person as of the last commit applied, by path.
    pub files: BTreeMap<String, FileTrack>,
}

/// An item a hunk left unmatched.
enum Change {
    /// An item's line gone, with its id.
    Removed(u32, ScannedItem),
    /// A new line that starts an item.
    Added(ScannedItem),
}

struct Pending {
    file: usize,
    line: usize,
    item: ScannedItem,
}

/// What makes a line that left one place and one that arrived elsewhere the same item:
/// its kind, written date and [`syntax::normalize`]d text.
type MoveKey = (EventKind, Option<NaiveDate>, String);

fn move_key(item: &ScannedItem) -> MoveKey {
    (item.kind, item.date, syntax::normalize(&item.text))
}

fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() > 2)
        .map(str::to_lowercase)
        .collect()
}

fn similar_text(a: &str, b: &str) -> bool {
    let (wa, wb) = (words(a), words(b));
    if wa.is_empty() || wb.is_empty() {
        return false;
    }
    let common = wa.iter().filter(|w| wb.contains(w)).count();
    common * 2 >= wa.len().min(wb.len())
}

/// Whether an added item is the removed one edited in place.
fn same_item(old: &ScannedItem, new: &ScannedItem, lone_pair: bool) -> bool {
    if old.kind != new.kind || old.thread != new.thread || old.owner != new.owner {
        return false;
    }
    match (old.date, new.date) {
        (Some(a), Some(b)) => a == b,
        (None, None) => lone_pair || old.text == new.text || similar_text(&old.text, &new.text),
        _ => similar_text(&old.text, &new.text),
    }
}

/// One file's lines after the commit, item ids carried over from the lines before.
struct FileDiff {
    /// The path after the commit, and the file's track (`None` when it was deleted).
    path: String,
    track: Option<FileTrack>,
}

impl Tracker {
    /// Applies one commit's changes to this person's files, in the order given.
    pub fn apply(&mut self, commit: &CommitMeta, changes: &[FileChange<'_>]) {
        let mut files: Vec<FileDiff> = Vec::with_capacity(changes.len());
        let mut removed: Vec<(u32, ScannedItem)> = Vec::new();
        let mut added: Vec<Pending> = Vec::new();
        for (fi, change) in changes.iter().enumerate() {
            let old_path = change.old_path.unwrap_or(change.path);
            let previous = self.files.remove(old_path).unwrap_or_default();
            let new_ids = self.diff_file(commit, change, previous.ids, |item, line| match item {
                Change::Removed(id, item) => removed.push((id, item)),
                Change::Added(item) => added.push(Pending {
                    file: fi,
                    line,
                    item,
                }),
            });
            files.push(FileDiff {
                path: change.path.to_owned(),
                track: change.new_text.map(|_| FileTrack {
                    blob: change.new_blob.clone(),
                    ids: new_ids,
                }),
            });
        }
        let moved = self.settle_removals(commit, removed, &added);
        self.record_additions(commit, added, &moved, &mut files);
        for f in files {
            if let Some(track) = f.track {
                self.files.insert(f.path, track);
            }
        }
    }

    /// Carries item ids over the unchanged lines of one file and matches each diff hunk's
    /// removed items with its added ones (an edit in place keeps its id); what is left
    /// over is reported to `report`. Returns the item id of every new line.
    fn diff_file(
        &mut self,
        commit: &CommitMeta,
        change: &FileChange<'_>,
        mut old_ids: Vec<u32>,
        mut report: impl FnMut(Change, usize),
    ) -> Vec<u32> {
        let old_lines = syntax::split_lines(change.old_text);
        let new_lines = change.new_text.map(syntax::split_lines).unwrap_or_default();
        old_ids.resize(old_lines.len(), NO_ITEM);
        let mut new_ids = vec![NO_ITEM; new_lines.len()];
        let ops = similar::capture_diff_slices(similar::Algorithm::Myers, &old_lines, &new_lines);
        // Contexts are computed only when a hunk touches an item line.
        let mut old_ctx: Option<Vec<LineContext>> = None;
        let mut new_ctx: Option<Vec<LineContext>> = None;
        let mut hunk_old: Vec<usize> = Vec::new();
        let mut hunk_new: Vec<usize> = Vec::new();
        for (k, op) in ops.iter().enumerate() {
            if let similar::DiffOp::Equal {
                old_index,
                new_index,
                len,
            } = *op
            {
                new_ids[new_index..new_index + len]
                    .copy_from_slice(&old_ids[old_index..old_index + len]);
            } else {
                let (_, old_r, new_r) = op.as_tag_tuple();
                hunk_old.extend(old_r);
                hunk_new.extend(new_r);
            }
            let at_end = ops
                .get(k + 1)
                .is_none_or(|next| matches!(next, similar::DiffOp::Equal { .. }));
            if !at_end || (hunk_old.is_empty() && hunk_new.is_empty()) {
                continue;
            }
            let olds: Vec<(u32, ScannedItem)> = hunk_old
                .drain(..)
                .filter(|&i| old_ids[i] != NO_ITEM)
                .filter_map(|i| {
                    let ctx = old_ctx.get_or_insert_with(|| line_contexts(&old_lines));
                    scan_line(&old_lines, ctx, i).map(|it| (old_ids[i], it))
                })
                .collect();
            let news: Vec<(usize, ScannedItem)> = hunk_new
                .drain(..)
                .filter_map(|i| {
                    let ctx = new_ctx.get_or_insert_with(|| line_contexts(&new_lines));
                    scan_line(&new_lines, ctx, i).map(|it| (i, it))
                })
                .collect();
            self.match_hunk(commit, olds, news, &mut new_ids, &mut report);
        }
        new_ids
    }

    /// Pairs a hunk's removed items with its added ones: a pair is one item edited in
    /// place. Unpaired ones are reported.
    fn match_hunk(
        &mut self,
        commit: &CommitMeta,
        olds: Vec<(u32, ScannedItem)>,
        news: Vec<(usize, ScannedItem)>,
        new_ids: &mut [u32],
        report: &mut impl FnMut(Change, usize),
    ) {
        let lone = olds.len() == 1 && news.len() == 1;
        let mut taken = vec![false; news.len()];
        for (id, old_item) in olds {
            let found = news
                .iter()
                .enumerate()
                .find(|(j, (_, n))| !taken[*j] && same_item(&old_item, n, lone));
            match found {
                Some((j, (line, new_item))) => {
                    taken[j] = true;
                    new_ids[*line] = id;
                    self.update(id, commit, new_item);
                }
                None => report(Change::Removed(id, old_item), 0),
            }
        }
        for (j, (line, item)) in news.into_iter().enumerate() {
            if !taken[j] {
                report(Change::Added(item), line);
            }
        }
    }

    /// A line that left one place and arrived at another in the same commit moved: it
    /// keeps its id. Returns, per added line, the id it moved from (or `NO_ITEM`); every
    /// other removed item is marked removed by `commit`.
    fn settle_removals(
        &mut self,
        commit: &CommitMeta,
        removed: Vec<(u32, ScannedItem)>,
        added: &[Pending],
    ) -> Vec<u32> {
        let mut arrivals: HashMap<MoveKey, Vec<usize>> = HashMap::new();
        for (k, p) in added.iter().enumerate() {
            arrivals.entry(move_key(&p.item)).or_default().push(k);
        }
        let mut moved = vec![NO_ITEM; added.len()];
        for (id, item) in removed {
            let slot = arrivals
                .get_mut(&move_key(&item))
                .and_then(|v| (!v.is_empty()).then(|| v.remove(0)));
            match slot {
                Some(k) => moved[k] = id,
                None => {
                    let it = &mut self.items[id as usize];
                    if it.removed.is_none() {
                        it.removed = Some(commit.clone());
                    }
                }
            }
        }
        moved
    }

    /// Gives every added line its id: the moved item's, or a new item's.
    fn record_additions(
        &mut self,
        commit: &CommitMeta,
        added: Vec<Pending>,
        moved: &[u32],
        files: &mut [FileDiff],
    ) {
        for (k, p) in added.into_iter().enumerate() {
            let id = if moved[k] != NO_ITEM {
                self.update(moved[k], commit, &p.item);
                moved[k]
            } else {
                let id = self.items.len() as u32;
                let done = p.item.done.then(|| (commit.clone(), p.item.completed));
                self.items.push(TrackedItem {
                    kind: p.item.kind,
                    text: p.item.text,
                    date: p.item.date,
                    thread: p.item.thread,
                    owner: p.item.owner,
                    due: p.item.due,
                    added: commit.clone(),
                    done,
                    removed: None,
                });
                id
            };
            if let Some(track) = files[p.file].track.as_mut() {
                track.ids[p.line] = id;
            }
        }
    }

    /// Takes the new text of an item that kept its identity, and notes a tick or untick.
    fn update(&mut self, id: u32, commit: &CommitMeta, new: &ScannedItem) {
        let it = &mut self.items[id as usize];
        it.text.clone_from(&new.text);
        it.date = new.date.or(it.date);
        it.due = new.due;
        it.removed = None;
        match (&it.done, new.done) {
            (None, true) => it.done = Some((commit.clone(), new.completed)),
            (Some(_), false) => it.done = None,
            (Some((c, _)), true) => it.done = Some((c.clone(), new.completed)),
            (None, false) => {}
        }
    }

    /// The events of this record, oldest item first.
    pub fn events(&self, person: &PersonRef) -> Vec<Event> {
        let mut out = Vec::new();
        for (id, it) in self.items.iter().enumerate() {
            let ev = |kind, date, commit: &CommitMeta| Event {
                date,
                commit: commit.clone(),
                person: person.clone(),
                kind,
                text: it.text.clone(),
                thread: it.thread.clone(),
                owner: it.owner.clone(),
                due: it.due,
                item: id as u32,
                item_kind: it.kind,
            };
            out.push(ev(
                it.kind,
                it.date.unwrap_or(it.added.meeting_date()),
                &it.added,
            ));
            if let Some((c, completed)) = &it.done {
                out.push(ev(
                    EventKind::Done,
                    completed.unwrap_or(c.meeting_date()),
                    c,
                ));
            }
            if let Some(c) = &it.removed {
                out.push(ev(EventKind::Removed, c.meeting_date(), c));
            }
        }
        out
    }
}
