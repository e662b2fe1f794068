//! The git history of the notes read back as a record of events.
//!
//! Commits are walked first-parent from HEAD, oldest first, and every running document and
//! archive is read from the commit trees (never the working copy). Each changed file is
//! diffed line by line against its previous revision and only the changed lines are
//! classified ([`oneonone_core::timeline`]). Documents are followed through renames; lines
//! moved into `archive/<slug>/` in one commit are moves.
//!
//! The walk is a pipeline: this thread walks the new commits and diffs their notes trees
//! (skipped when the notes subtree id did not change); two readers, each with its own
//! repository handle, read the changed blobs; one scanner line-diffs and scans the texts,
//! putting each person's batches back in order. The readers follow the packs' delta
//! chains so that libgit2's delta-base cache serves each revision from a recent one
//! (`ReadOrder`): packs written by `git fast-import` deltify each blob against the one
//! written before it, so the commits are dealt to the readers in turn; packs written by
//! `git gc` deltify a file's revisions against one another, so each reader takes whole
//! people. Reading against the grain walks every delta chain from its base, which costs
//! more than everything else together. The result is cached per commit in the common git
//! directory ([`crate::cache`]).

use crate::cache::{self, CacheState, PersonState};
use chrono::{DateTime, NaiveDate};
use git2::{Delta, DiffFindOptions, DiffOptions, Oid, Repository, Sort, Tree};
use oneonone_core::timeline::{CommitMeta, Event, FileChange, PersonRef};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

/// How to read the history.
#[derive(Debug, Clone)]
pub struct HistoryOptions {
    /// The notes directory, relative to the top of the work tree, `/`-separated.
    pub notes_dir: String,
    /// Read and write the cache.
    pub use_cache: bool,
    /// Show a progress bar on long walks (only when stderr is a terminal).
    pub progress: bool,
}

impl Default for HistoryOptions {
    fn default() -> Self {
        HistoryOptions {
            notes_dir: "Career/1-on-1s".to_owned(),
            use_cache: true,
            progress: true,
        }
    }
}

/// What a run cost: proof that a warm run reuses the cache.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct HistoryStats {
    /// Commits whose trees were diffed in this run (the ones not covered by the cache).
    pub commits_walked: usize,
    /// Blob revisions read and scanned in this run.
    pub blobs_parsed: usize,
    /// Files (documents and archives) whose state was taken from the cache.
    pub cache_hits: usize,
}

/// The record: every event of every person, newest first.
#[derive(Debug, Clone, Default)]
pub struct History {
    /// Events, newest first (by date, then by commit time).
    pub events: Vec<Event>,
    /// Every person with a record, by slug.
    pub persons: Vec<PersonRef>,
    /// What the run cost.
    pub stats: HistoryStats,
}

/// Why the history could not be read.
#[derive(Debug, thiserror::Error)]
pub enum HistoryError {
    /// No git repository at or above the directory.
    #[error("failed to open a git repository at {}", path.display())]
    Open {
        /// Where the search started.
        path: PathBuf,
        /// libgit2's reason.
        #[source]
        source: git2::Error,
    },
    /// Walking the commits failed.
    #[error("failed to walk the commit history")]
    Walk(#[source] git2::Error),
    /// A commit or its tree could not be read.
    #[error("failed to read commit {commit}")]
    Commit {
        /// The commit id.
        commit: String,
        /// libgit2's reason.
        #[source]
        source: git2::Error,
    },
    /// A blob could not be read.
    #[error("failed to read blob {blob} ({path})")]
    Blob {
        /// The blob id.
        blob: String,
        /// The file it is a revision of.
        path: String,
        /// libgit2's reason.
        #[source]
        source: git2::Error,
    },
    /// The cache could not be written.
    #[error(transparent)]
    Cache(#[from] cache::CacheError),
}

/// One file changed by one commit, before the blobs are read.
#[derive(Debug, Clone)]
struct RawChange {
    old_path: Option<String>,
    path: String,
    old_blob: Option<Oid>,
    new_blob: Option<Oid>,
}

/// Where a notes file belongs.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Route {
    Running(String),
    Archive(String),
}

/// `<slug>.md` is a running document, `archive/<slug>/….md` an archive; names starting
/// with `_` or `.` are templates, not notes.
fn route(path: &str) -> Option<Route> {
    let name = path.rsplit('/').next()?;
    if !name.ends_with(".md") || name.starts_with(['_', '.']) {
        return None;
    }
    let parts: Vec<&str> = path.split('/').collect();
    match parts.as_slice() {
        [file] => Some(Route::Running(file.strip_suffix(".md")?.to_owned())),
        ["archive", slug, ..] if parts.len() >= 3 => Some(Route::Archive((*slug).to_owned())),
        _ => None,
    }
}

fn slug_of(r: &Route) -> &str {
    match r {
        Route::Running(s) | Route::Archive(s) => s,
    }
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

/// Reads the record of the repository around `start`.
///
/// # Errors
/// No repository, or a commit, tree or blob that cannot be read.
pub fn read_history(start: &Path, opts: &HistoryOptions) -> Result<History, HistoryError> {
    // History is only read, as `git log` reads it, which does not re-hash every object;
    // the hash check costs a fifth of a cold walk.
    git2::opts::strict_hash_verification(false);
    let repo = Repository::discover(start).map_err(|source| HistoryError::Open {
        path: start.to_owned(),
        source,
    })?;
    let notes_dir = opts.notes_dir.trim_matches('/').to_owned();
    let common_dir = repo.commondir().to_owned();
    let mut stats = HistoryStats::default();
    let head = match repo.head().ok().and_then(|h| h.peel_to_commit().ok()) {
        Some(c) => c.id(),
        None => return Ok(History::default()),
    };

    let mut state = opts
        .use_cache
        .then(|| cache::load(&common_dir, &notes_dir))
        .flatten();
    let new_commits = walk_new(&repo, head, &mut state)?;
    let mut state = state.unwrap_or_else(|| cache::empty(&notes_dir));
    stats.cache_hits = state.persons.values().map(|p| p.tracker.files.len()).sum();
    stats.commits_walked = new_commits.len();

    if !new_commits.is_empty() {
        // The walk opens its own handles; this one's caches would only add to the peak.
        drop(repo);
        let progress = progress_bar(opts.progress, new_commits.len());
        let persons = std::mem::take(&mut state.persons);
        let readers = std::thread::available_parallelism()
            .map(|n| n.get().min(2))
            .unwrap_or(1);
        let (to_readers, from_main): (Vec<_>, Vec<_>) = (0..readers)
            .map(|_| std::sync::mpsc::channel::<Batch>())
            .unzip();
        let (to_scanner, from_readers) =
            std::sync::mpsc::sync_channel::<Batch>(BATCHES_IN_FLIGHT * readers);
        // This thread diffs the notes trees and hands the batches to the readers (in turn,
        // or by person: see `ReadOrder`); the scanner puts each person's batches back in
        // order.
        let (walked, read, persons) = std::thread::scope(|s| {
            let scanner = s.spawn(move || scan_batches(persons, from_readers));
            let workers: Vec<_> = from_main
                .into_iter()
                .map(|rx| {
                    let tx = to_scanner.clone();
                    s.spawn(move || read_blobs(start, rx, tx))
                })
                .collect();
            drop(to_scanner);
            let walked = diff_commits(
                start,
                &new_commits,
                &notes_dir,
                &mut state.chains,
                &common_dir,
                to_readers,
                &progress,
            );
            let read: Result<usize, HistoryError> = workers
                .into_iter()
                .map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
                .sum();
            let persons = scanner
                .join()
                .unwrap_or_else(|p| std::panic::resume_unwind(p));
            (walked, read, persons)
        });
        walked?;
        stats.blobs_parsed = read?;
        state.persons = persons;
        progress.finish_and_clear();
        state.head = head.to_string();
        if opts.use_cache {
            cache::store_or_warn(&common_dir, &mut state);
        }
    }
    Ok(assemble(&state, stats))
}

/// The commits after the cached one, oldest first. Drops the cache when its commit is not
/// on the first-parent line of HEAD (history rewritten, or another branch).
fn walk_new(
    repo: &Repository,
    head: Oid,
    state: &mut Option<CacheState>,
) -> Result<Vec<Oid>, HistoryError> {
    let cached = state.as_ref().and_then(|s| Oid::from_str(&s.head).ok());
    let mut walk = repo.revwalk().map_err(HistoryError::Walk)?;
    walk.simplify_first_parent().map_err(HistoryError::Walk)?;
    walk.set_sorting(Sort::NONE).map_err(HistoryError::Walk)?;
    walk.push(head).map_err(HistoryError::Walk)?;
    let mut out = Vec::new();
    let mut found = false;
    for oid in walk {
        let oid = oid.map_err(HistoryError::Walk)?;
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

/// How many batches each reader may run ahead of the scanner: enough to keep both cores
/// busy, few enough that the texts in flight stay a few MB.
const BATCHES_IN_FLIGHT: usize = 4;

/// One file of a batch, with the texts the reader read for it.
struct ReadChange {
    raw: RawChange,
    /// The slug the file's route names.
    slug: String,
    /// The file is a running document (not an archive).
    running: bool,
    /// The scanner does not hold the old text from an earlier batch: read it.
    read_old: bool,
    /// The old text, when `read_old`.
    old_text: Option<String>,
    /// The new text; `None` when the commit deletes the file.
    new_text: Option<String>,
}

/// One person's changes in one commit.
struct Batch {
    meta: CommitMeta,
    key: String,
    /// The batch's place among its person's batches (the scanner applies them in order).
    seq: usize,
    changes: Vec<ReadChange>,
}

/// A file's text as read from a blob: borrowed when it is UTF-8 (it almost always is).
fn blob_text(blob: &git2::Blob<'_>) -> String {
    match std::str::from_utf8(blob.content()) {
        Ok(text) => text.to_owned(),
        Err(_) => String::from_utf8_lossy(blob.content()).into_owned(),
    }
}

/// Walks the new commits oldest first: diffs each commit's notes tree against its parent's
/// (skipped when the subtree id did not change) and hands the changes to the readers in
/// rotation.
fn diff_commits(
    start: &Path,
    commits: &[Oid],
    notes_dir: &str,
    chains: &mut std::collections::BTreeMap<String, String>,
    common_dir: &Path,
    readers: Vec<std::sync::mpsc::Sender<Batch>>,
    progress: &indicatif::ProgressBar,
) -> Result<(), HistoryError> {
    let mut sent = 0usize;
    // Batches wait here until the first revisions tell how the packs deltify them.
    let mut order: Option<ReadOrder> = None;
    let mut waiting: Vec<Batch> = Vec::new();
    let mut samples: Vec<Oid> = Vec::new();
    let mut seqs: HashMap<String, usize> = HashMap::new();
    // (chain key, path) of every file whose latest text the scanner holds.
    let mut held: HashSet<(String, String)> = HashSet::new();
    let mut send = |batch: Batch| -> bool {
        let r = sent % readers.len();
        sent += 1;
        readers[r].send(batch).is_ok()
    };
    let open = || {
        Repository::discover(start).map_err(|source| HistoryError::Open {
            path: start.to_owned(),
            source,
        })
    };
    let mut repo = open()?;
    let mut prev_notes: Option<Option<Oid>> = None;
    for (k, &oid) in commits.iter().enumerate() {
        // libgit2 keeps every tree read in the handle's object cache; a fresh handle now
        // and then keeps that to a few hundred KB instead of several MB.
        if k > 0 && k % REOPEN_EVERY == 0 {
            repo = open()?;
        }
        let repo = &repo;
        let err = |source| HistoryError::Commit {
            commit: oid.to_string(),
            source,
        };
        let commit = repo.find_commit(oid).map_err(err)?;
        let tree = commit.tree().map_err(err)?;
        let new_notes = notes_tree_id(&tree, notes_dir);
        let old_notes = match prev_notes.take() {
            Some(t) => t,
            None => match commit.parent(0) {
                Ok(p) => notes_tree_id(&p.tree().map_err(err)?, notes_dir),
                Err(_) => None,
            },
        };
        prev_notes = Some(new_notes);
        progress.inc(1);
        if old_notes == new_notes {
            continue;
        }
        let find = |id: Option<Oid>| id.map(|id| repo.find_tree(id)).transpose();
        let (old_tree, new_tree) = (find(old_notes).map_err(err)?, find(new_notes).map_err(err)?);
        let meta = commit_meta(&commit);
        let mut batches: Vec<Batch> = Vec::new();
        for (key, change) in
            diff_notes(repo, old_tree.as_ref(), new_tree.as_ref(), chains).map_err(err)?
        {
            let pos = match batches.iter().position(|b| b.key == key) {
                Some(p) => p,
                None => {
                    let seq = seqs.entry(key.clone()).or_default();
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
        for mut batch in batches {
            // The scanner's texts: the old one is dropped by every change, then the new
            // ones are kept (the same order the scanner follows).
            for c in &mut batch.changes {
                let old_path = c.raw.old_path.as_deref().unwrap_or(&c.raw.path);
                c.read_old = !held.remove(&(batch.key.clone(), old_path.to_owned()));
            }
            for c in &batch.changes {
                if c.raw.new_blob.is_some() {
                    held.insert((batch.key.clone(), c.raw.path.clone()));
                }
            }
            if order != Some(ReadOrder::Commits) {
                if order.is_none() {
                    samples.extend(batch.changes.iter().filter_map(|c| c.raw.new_blob));
                    if samples.len() >= ORDER_SAMPLES {
                        order = Some(ReadOrder::probe(common_dir, &samples));
                    }
                }
                waiting.push(batch);
                continue;
            }
            for b in std::mem::take(&mut waiting)
                .into_iter()
                .chain(std::iter::once(batch))
            {
                if !send(b) {
                    // A reader stopped on an error (reported by its join) or the scanner did.
                    return Ok(());
                }
            }
        }
    }
    let order = order.unwrap_or_else(|| ReadOrder::probe(common_dir, &samples));
    if order == ReadOrder::Commits {
        for b in waiting {
            if !send(b) {
                return Ok(());
            }
        }
        return Ok(());
    }
    // By person: the batches are small (no texts yet), so all of them are dealt at once,
    // each person whole to the reader with the least work so far, the biggest first.
    let mut by_person: Vec<(String, Vec<Batch>)> = Vec::new();
    for b in waiting {
        match by_person.iter_mut().find(|(k, _)| *k == b.key) {
            Some((_, list)) => list.push(b),
            None => by_person.push((b.key.clone(), vec![b])),
        }
    }
    let work = |list: &[Batch]| list.iter().map(|b| b.changes.len()).sum::<usize>();
    by_person.sort_by_key(|(_, list)| std::cmp::Reverse(work(list)));
    let mut loads = vec![0usize; readers.len()];
    for (_, list) in by_person {
        let r = (0..loads.len()).min_by_key(|&r| loads[r]).unwrap_or(0);
        loads[r] += work(&list);
        for b in list {
            if readers[r].send(b).is_err() {
                return Ok(());
            }
        }
    }
    Ok(())
}

/// How many commits the walk diffs with one repository handle.
const REOPEN_EVERY: usize = 256;

/// How many of the first new revisions are looked up in the packs to choose the reading
/// order.
const ORDER_SAMPLES: usize = 32;

/// The order the readers read blobs in, chosen to follow the packs' delta chains so that
/// libgit2's delta-base cache serves each revision from a recently read one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ReadOrder {
    /// All files in commit order, the commits dealt to the readers in turn: for packs
    /// that deltify each blob against the one written before it (`git fast-import`).
    Commits,
    /// Each person's files on one reader, one person after another, oldest first: for
    /// packs that deltify a file's revisions against one another (`git gc`, `git
    /// repack`). The walk finishes before the reading starts.
    Persons,
}

impl ReadOrder {
    /// Looks at the first new revisions, in commit order, in the pack files: if most are
    /// stored as deltas of the one just before (another file's, mostly), the packs were
    /// written in commit order. Anything else (packs by `git gc`, loose objects) is read
    /// by person.
    fn probe(common_dir: &Path, samples: &[Oid]) -> ReadOrder {
        let packs = PackIndexes::load(&common_dir.join("objects/pack"));
        let related = samples
            .windows(2)
            .filter(|w| packs.delta_related(w[0], w[1]))
            .count();
        if related * 2 > samples.len().saturating_sub(1) && related > 0 {
            ReadOrder::Commits
        } else {
            ReadOrder::Persons
        }
    }
}

/// The `.idx` files of the repository's packs (version 2, SHA-1), each with its pack.
struct PackIndexes {
    packs: Vec<(Vec<u8>, PathBuf)>,
}

impl PackIndexes {
    fn load(dir: &Path) -> PackIndexes {
        let mut packs = Vec::new();
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "idx")
                && let Ok(idx) = std::fs::read(&path)
                && idx.len() >= 8 + 1024
                && idx[..8] == [0xff, b't', b'O', b'c', 0, 0, 0, 2]
            {
                packs.push((idx, path.with_extension("pack")));
            }
        }
        PackIndexes { packs }
    }

    /// Whether one of the two blobs is stored as a delta against the other.
    fn delta_related(&self, a: Oid, b: Oid) -> bool {
        self.packs.iter().any(|(idx, pack)| {
            let (Some(oa), Some(ob)) =
                (idx_offset(idx, a.as_bytes()), idx_offset(idx, b.as_bytes()))
            else {
                return false;
            };
            let base = |off| delta_base(idx, pack, off);
            base(ob) == Some(oa) || base(oa) == Some(ob)
        })
    }
}

fn be32(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

/// The pack offset of an object, from a version 2 `.idx`.
fn idx_offset(idx: &[u8], oid: &[u8]) -> Option<u64> {
    if oid.len() != 20 {
        return None;
    }
    let first = usize::from(oid[0]);
    let n = be32(idx, 8 + 255 * 4)? as usize;
    let lo = if first == 0 {
        0
    } else {
        be32(idx, 8 + (first - 1) * 4)? as usize
    };
    let hi = be32(idx, 8 + first * 4)? as usize;
    let names = 8 + 1024;
    let (mut lo, mut hi) = (lo, hi.min(n));
    while lo < hi {
        let mid = (lo + hi) / 2;
        let name = idx.get(names + mid * 20..names + mid * 20 + 20)?;
        match name.cmp(oid) {
            std::cmp::Ordering::Less => lo = mid + 1,
            std::cmp::Ordering::Greater => hi = mid,
            std::cmp::Ordering::Equal => {
                let off = be32(idx, names + n * 24 + mid * 4)?;
                if off & 0x8000_0000 == 0 {
                    return Some(u64::from(off));
                }
                let at = names + n * 28 + (off & 0x7fff_ffff) as usize * 8;
                return Some(u64::from_be_bytes(idx.get(at..at + 8)?.try_into().ok()?));
            }
        }
    }
    None
}

/// The offset of the object a packed object is a delta against, if it is a delta.
fn delta_base(idx: &[u8], pack: &Path, offset: u64) -> Option<u64> {
    use std::io::{Read, Seek, SeekFrom};
    let mut file = std::fs::File::open(pack).ok()?;
    file.seek(SeekFrom::Start(offset)).ok()?;
    let mut head = [0u8; 40];
    let len = file.read(&mut head).ok()?;
    let head = &head[..len];
    let mut i = 0;
    let kind = (head.first()? >> 4) & 7;
    while head.get(i)? & 0x80 != 0 {
        i += 1;
    }
    i += 1;
    match kind {
        // OFS_DELTA: the base's distance back, in git's offset encoding.
        6 => {
            let mut c = *head.get(i)?;
            let mut back = u64::from(c & 0x7f);
            while c & 0x80 != 0 {
                i += 1;
                c = *head.get(i)?;
                back = ((back + 1) << 7) | u64::from(c & 0x7f);
            }
            offset.checked_sub(back)
        }
        // REF_DELTA: the base's id.
        7 => idx_offset(idx, head.get(i..i + 20)?),
        _ => None,
    }
}

/// A reader: reads the blobs of its batches with its own repository handle and passes the
/// batches on. Returns how many new revisions it read.
fn read_blobs(
    start: &Path,
    rx: std::sync::mpsc::Receiver<Batch>,
    tx: std::sync::mpsc::SyncSender<Batch>,
) -> Result<usize, HistoryError> {
    let repo = Repository::discover(start).map_err(|source| HistoryError::Open {
        path: start.to_owned(),
        source,
    })?;
    let read = |oid: Oid, path: &str| -> Result<String, HistoryError> {
        let blob = repo.find_blob(oid).map_err(|source| HistoryError::Blob {
            blob: oid.to_string(),
            path: path.to_owned(),
            source,
        })?;
        Ok(blob_text(&blob))
    };
    let mut parsed = 0;
    for mut batch in rx {
        for c in &mut batch.changes {
            let old_path = c.raw.old_path.as_deref().unwrap_or(&c.raw.path);
            if c.read_old
                && let Some(blob) = c.raw.old_blob
            {
                c.old_text = Some(read(blob, old_path)?);
            }
            if let Some(blob) = c.raw.new_blob {
                parsed += 1;
                c.new_text = Some(read(blob, &c.raw.path)?);
            }
        }
        if tx.send(batch).is_err() {
            break;
        }
    }
    Ok(parsed)
}

/// The id of the notes subtree of a commit's tree, if it has one.
fn notes_tree_id(tree: &Tree<'_>, notes_dir: &str) -> Option<Oid> {
    if notes_dir.is_empty() {
        return Some(tree.id());
    }
    let entry = tree.get_path(Path::new(notes_dir)).ok()?;
    (entry.kind() == Some(git2::ObjectType::Tree)).then(|| entry.id())
}

/// One changed file of a tree diff.
struct FileDelta {
    status: Delta,
    old_path: Option<String>,
    new_path: Option<String>,
    old_blob: Oid,
    new_blob: Oid,
}

/// Collects, in tree order, the blobs that differ between two trees with the same entries
/// (names and kinds, recursively). Returns `false` when an entry was added, removed or
/// changed kind: that needs a real diff with rename detection.
fn modified_blobs(
    repo: &Repository,
    old: &Tree<'_>,
    new: &Tree<'_>,
    prefix: &str,
    out: &mut Vec<FileDelta>,
) -> Result<bool, git2::Error> {
    if old.len() != new.len() {
        return Ok(false);
    }
    for (a, b) in old.iter().zip(new.iter()) {
        if a.name_bytes() != b.name_bytes() || a.kind() != b.kind() {
            return Ok(false);
        }
        if a.id() == b.id() && a.filemode() == b.filemode() {
            continue;
        }
        // As the libgit2 path below reports it.
        let name = String::from_utf8_lossy(a.name_bytes()).replace('\\', "/");
        let path = format!("{prefix}{name}");
        match a.kind() {
            Some(git2::ObjectType::Tree) => {
                let (ta, tb) = (repo.find_tree(a.id())?, repo.find_tree(b.id())?);
                if !modified_blobs(repo, &ta, &tb, &format!("{path}/"), out)? {
                    return Ok(false);
                }
            }
            Some(git2::ObjectType::Blob) if a.filemode() == b.filemode() => {
                out.push(FileDelta {
                    status: Delta::Modified,
                    old_path: Some(path.clone()),
                    new_path: Some(path),
                    old_blob: a.id(),
                    new_blob: b.id(),
                });
            }
            _ => return Ok(false),
        }
    }
    Ok(true)
}

/// The notes files one commit changed, each with the chain key of the person it belongs
/// to, following renames of running documents.
fn diff_notes(
    repo: &Repository,
    old_tree: Option<&Tree<'_>>,
    new_tree: Option<&Tree<'_>>,
    chains: &mut std::collections::BTreeMap<String, String>,
) -> Result<Vec<(String, ReadChange)>, git2::Error> {
    // Most commits only edit files in place: then the trees have the same entries and the
    // changed blobs are found by id, without libgit2's diff (which snapshots the whole
    // configuration per call) or its rename detection (which has nothing to pair).
    let mut modified = Vec::new();
    let same_shape = match (old_tree, new_tree) {
        (Some(a), Some(b)) => modified_blobs(repo, a, b, "", &mut modified)?,
        _ => false,
    };
    let deltas: Vec<FileDelta> = if same_shape {
        modified
    } else {
        let mut dopts = DiffOptions::new();
        dopts.skip_binary_check(true);
        let mut diff = repo.diff_tree_to_tree(old_tree, new_tree, Some(&mut dopts))?;
        let mut find = DiffFindOptions::new();
        find.renames(true);
        diff.find_similar(Some(&mut find))?;
        let path_of =
            |f: git2::DiffFile<'_>| f.path().map(|p| p.to_string_lossy().replace('\\', "/"));
        diff.deltas()
            .map(|d| FileDelta {
                status: d.status(),
                old_path: path_of(d.old_file()),
                new_path: path_of(d.new_file()),
                old_blob: d.old_file().id(),
                new_blob: d.new_file().id(),
            })
            .collect()
    };
    let mut out = Vec::new();
    for delta in deltas {
        let (old_path, new_path) = (delta.old_path, delta.new_path);
        let old_route = old_path.as_deref().and_then(route);
        let new_route = new_path.as_deref().and_then(route);
        let status = delta.status;
        let (old_blob, new_blob) = (delta.old_blob, delta.new_blob);
        let old_exists = !matches!(status, Delta::Added) && old_route.is_some();
        let new_exists = !matches!(status, Delta::Deleted) && new_route.is_some();
        if !old_exists && !new_exists {
            continue;
        }
        if let (Some(Route::Running(a)), Some(Route::Running(b))) = (&old_route, &new_route)
            && a != b
            && new_exists
            && old_exists
        {
            let key = chains.remove(a).unwrap_or_else(|| a.clone());
            chains.insert(b.clone(), key);
        }
        let route_for = if new_exists { &new_route } else { &old_route };
        let route_for = route_for.as_ref().expect("checked above");
        let slug = slug_of(route_for).to_owned();
        let key = chains
            .entry(slug.clone())
            .or_insert_with(|| slug.clone())
            .clone();
        let raw = match (old_exists, new_exists) {
            (true, true) => RawChange {
                old_path: old_path.clone(),
                path: new_path.clone().unwrap_or_default(),
                old_blob: Some(old_blob),
                new_blob: Some(new_blob),
            },
            (true, false) => RawChange {
                old_path: None,
                path: old_path.clone().unwrap_or_default(),
                old_blob: Some(old_blob),
                new_blob: None,
            },
            _ => RawChange {
                old_path: None,
                path: new_path.clone().unwrap_or_default(),
                old_blob: None,
                new_blob: Some(new_blob),
            },
        };
        out.push((
            key,
            ReadChange {
                raw,
                running: matches!(route_for, Route::Running(_)),
                slug,
                read_old: false,
                old_text: None,
                new_text: None,
            },
        ));
    }
    Ok(out)
}

fn progress_bar(enabled: bool, commits: usize) -> indicatif::ProgressBar {
    if !enabled || commits < 500 || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(commits as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template("reading history {bar:30} {pos}/{len} commits")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    bar
}

/// The scanner: applies each batch to its person's record, in the order sent.
fn scan_batches(
    mut persons: std::collections::BTreeMap<String, PersonState>,
    from_readers: std::sync::mpsc::Receiver<Batch>,
) -> std::collections::BTreeMap<String, PersonState> {
    // The text of each file at the last revision applied, for the next line diff, by
    // chain key and path.
    let mut texts: HashMap<String, HashMap<String, String>> = HashMap::new();
    // Batches that arrived before an earlier one of the same person, and the next
    // expected place per person. At most the readers' lead is held here.
    let mut early: BTreeMap<(String, usize), Batch> = BTreeMap::new();
    let mut next: HashMap<String, usize> = HashMap::new();
    let in_order = from_readers.into_iter().flat_map(|batch| {
        let mut ready = Vec::new();
        let mut pending = Some(batch);
        while let Some(batch) = pending.take() {
            let want = next.entry(batch.key.clone()).or_default();
            if batch.seq != *want {
                early.insert((batch.key.clone(), batch.seq), batch);
                break;
            }
            *want += 1;
            pending = early.remove(&(batch.key.clone(), *want));
            ready.push(batch);
        }
        ready
    });
    for batch in in_order {
        let person = persons.entry(batch.key.clone()).or_default();
        let texts = texts.entry(batch.key).or_default();
        let mut olds = Vec::with_capacity(batch.changes.len());
        let mut news = Vec::with_capacity(batch.changes.len());
        for c in batch.changes {
            if c.running || person.slug.is_empty() {
                person.slug = c.slug;
            }
            let old_path = c.raw.old_path.as_deref().unwrap_or(&c.raw.path);
            let old = texts.remove(old_path).or(c.old_text).unwrap_or_default();
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
    persons
}

fn assemble(state: &CacheState, stats: HistoryStats) -> History {
    let mut events = Vec::new();
    let mut persons = Vec::new();
    for p in state.persons.values() {
        let person = PersonRef {
            slug: p.slug.clone(),
            name: p.name.clone().unwrap_or_else(|| p.slug.clone()),
        };
        events.extend(p.tracker.events(&person));
        persons.push(person);
    }
    persons.sort_by(|a, b| a.slug.cmp(&b.slug));
    events.sort_by(|a, b| {
        b.date
            .cmp(&a.date)
            .then(b.commit.time.cmp(&a.commit.time))
            .then(a.person.slug.cmp(&b.person.slug))
            .then(b.item.cmp(&a.item))
            .then(b.kind.cmp(&a.kind))
    });
    History {
        events,
        persons,
        stats,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn git(dir: &Path, args: &[&str], stdin: Option<&str>) -> String {
        use std::io::Write;
        let mut cmd = std::process::Command::new("git");
        cmd.args(args)
            .current_dir(dir)
            .env("HOME", dir)
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_SYSTEM", "/dev/null")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped());
        let mut child = cmd.spawn().expect("git runs");
        if let Some(input) = stdin {
            child
                .stdin
                .take()
                .expect("stdin")
                .write_all(input.as_bytes())
                .expect("writes");
        }
        let out = child.wait_with_output().expect("git finishes");
        assert!(out.status.success(), "git {args:?}");
        String::from_utf8(out.stdout).expect("utf-8")
    }

    #[test]
    fn read_order_follows_how_packs_deltify_revisions() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        git(dir, &["init", "-q", "-b", "main"], None);
        // Two files that share most lines (as running documents do) edited in turn:
        // fast-import deltifies each blob against the one written just before it, the
        // other file's; `git repack` deltifies each file's revisions against one another.
        let mut stream = String::new();
        let mut texts = [String::new(), String::new()];
        let body = |f: usize| -> String {
            (0..200)
                .map(|i| {
                    format!(
                        "- {} {i} {}\n",
                        ["alpha", "omega"][f * usize::from(i > 190)],
                        i * 7919 % 1013
                    )
                })
                .collect()
        };
        for n in 0..80 {
            let f = n % 2;
            texts[f] = format!("- {n}: {}\n{}", ["a", "b"][f], texts[f]);
            let data = format!("{}{}", texts[f], body(f));
            stream.push_str(&format!(
                "commit refs/heads/main\ncommitter T <t@e> {} +0000\ndata 1\nx\nM 100644 inline f{f}.md\ndata {}\n{data}\n",
                1_700_000_000 + n,
                data.len()
            ));
        }
        git(dir, &["fast-import", "--quiet"], Some(&stream));
        let log = git(
            dir,
            &["log", "--reverse", "--raw", "--no-abbrev", "--format="],
            None,
        );
        let samples: Vec<Oid> = log
            .lines()
            .filter_map(|l| Oid::from_str(l.split_whitespace().nth(3)?).ok())
            .take(ORDER_SAMPLES)
            .collect();
        assert_eq!(samples.len(), ORDER_SAMPLES);
        let common = dir.join(".git");
        assert_eq!(ReadOrder::probe(&common, &samples), ReadOrder::Commits);
        git(dir, &["repack", "-adfq"], None);
        assert_eq!(ReadOrder::probe(&common, &samples), ReadOrder::Persons);
    }

    #[test]
    fn route_tells_running_documents_archives_and_templates_apart() {
        assert_eq!(route("sarah.md"), Some(Route::Running("sarah".into())));
        assert_eq!(
            route("archive/sarah/2025-Q4-retro.md"),
            Some(Route::Archive("sarah".into()))
        );
        assert_eq!(route("_template.md"), None);
        assert_eq!(route("notes.txt"), None);
        assert_eq!(route("other/x.md"), None);
    }
}
