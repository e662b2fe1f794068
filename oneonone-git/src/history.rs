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
//! repository handle, read the changed blobs, taking the commits in turn; one scanner
//! line-diffs and scans the texts, taking them back in commit order. Blobs are read in
//! commit order, the order packs written by `git fast-import` deltify them in, so
//! libgit2's delta-base cache serves each revision from a recent one; reading one person's
//! revisions after another instead walked every delta chain from its base, which cost more
//! than everything else together. The result is cached per commit in the common git
//! directory ([`crate::cache`]).

use crate::cache::{self, CacheState, PersonState};
use chrono::{DateTime, NaiveDate};
use git2::{Delta, DiffFindOptions, DiffOptions, Oid, Repository, Sort, Tree};
use oneonone_core::timeline::{CommitMeta, Event, FileChange, PersonRef};
use std::collections::{HashMap, HashSet};
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
        let progress = progress_bar(opts.progress, new_commits.len());
        let persons = std::mem::take(&mut state.persons);
        let readers = std::thread::available_parallelism()
            .map(|n| n.get().min(2))
            .unwrap_or(1);
        let (to_readers, from_main): (Vec<_>, Vec<_>) = (0..readers)
            .map(|_| std::sync::mpsc::sync_channel::<Batch>(BATCHES_IN_FLIGHT))
            .unzip();
        let (to_scanner, from_readers): (Vec<_>, Vec<_>) = (0..readers)
            .map(|_| std::sync::mpsc::sync_channel::<Batch>(BATCHES_IN_FLIGHT))
            .unzip();
        // This thread diffs the notes trees; batch n goes to reader n % readers, and the
        // scanner takes the batches back in the same rotation, so in commit order.
        let (walked, read, persons) = std::thread::scope(|s| {
            let scanner = s.spawn(move || scan_batches(persons, from_readers));
            let workers: Vec<_> = from_main
                .into_iter()
                .zip(to_scanner)
                .map(|(rx, tx)| s.spawn(move || read_blobs(start, rx, tx)))
                .collect();
            let walked = diff_commits(
                &repo,
                &new_commits,
                &notes_dir,
                &mut state.chains,
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
        // The pack's delta-base cache, its mapping and the cached trees go before the
        // record is assembled and stored, so the two peaks do not add up.
        drop(repo);
        walked?;
        stats.blobs_parsed = read?;
        state.persons = persons;
        progress.finish_and_clear();
        state.head = head.to_string();
        if opts.use_cache {
            cache::store(&common_dir, &state)?;
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

/// How many batches the reader may run ahead of the scanner: enough to keep both cores
/// busy, few enough that the texts in flight stay a few MB.
const BATCHES_IN_FLIGHT: usize = 8;

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
    repo: &Repository,
    commits: &[Oid],
    notes_dir: &str,
    chains: &mut std::collections::BTreeMap<String, String>,
    readers: Vec<std::sync::mpsc::SyncSender<Batch>>,
    progress: &indicatif::ProgressBar,
) -> Result<(), HistoryError> {
    let mut sent = 0usize;
    // (chain key, path) of every file whose latest text the scanner holds.
    let mut held: HashSet<(String, String)> = HashSet::new();
    let mut prev_notes: Option<Option<Oid>> = None;
    for &oid in commits {
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
                    batches.push(Batch {
                        meta: meta.clone(),
                        key,
                        changes: Vec::new(),
                    });
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
            if readers[sent % readers.len()].send(batch).is_err() {
                // A reader stopped on an error (reported by its join) or the scanner did.
                return Ok(());
            }
            sent += 1;
        }
    }
    Ok(())
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

/// The notes files one commit changed, each with the chain key of the person it belongs
/// to, following renames of running documents.
fn diff_notes(
    repo: &Repository,
    old_tree: Option<&Tree<'_>>,
    new_tree: Option<&Tree<'_>>,
    chains: &mut std::collections::BTreeMap<String, String>,
) -> Result<Vec<(String, ReadChange)>, git2::Error> {
    let mut dopts = DiffOptions::new();
    dopts.skip_binary_check(true);
    let mut diff = repo.diff_tree_to_tree(old_tree, new_tree, Some(&mut dopts))?;
    let mut find = DiffFindOptions::new();
    find.renames(true);
    diff.find_similar(Some(&mut find))?;
    let mut out = Vec::new();
    for delta in diff.deltas() {
        let path_of =
            |f: git2::DiffFile<'_>| f.path().map(|p| p.to_string_lossy().replace('\\', "/"));
        let (old_path, new_path) = (path_of(delta.old_file()), path_of(delta.new_file()));
        let old_route = old_path.as_deref().and_then(route);
        let new_route = new_path.as_deref().and_then(route);
        let status = delta.status();
        let (old_blob, new_blob) = (delta.old_file().id(), delta.new_file().id());
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
    from_readers: Vec<std::sync::mpsc::Receiver<Batch>>,
) -> std::collections::BTreeMap<String, PersonState> {
    // The text of each file at the last revision applied, for the next line diff, by
    // chain key and path.
    let mut texts: HashMap<String, HashMap<String, String>> = HashMap::new();
    // A reader with nothing more to send has read every batch there is: the rotation
    // gave it the next one.
    let in_order = (0..).map_while(|n| from_readers[n % from_readers.len()].recv().ok());
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
