//! The git history of the notes read back as a record of events.
//!
//! Commits are walked first-parent from HEAD, oldest first, and every running document and
//! archive is read from the commit trees (never the working copy). Each changed file is
//! diffed line by line against its previous revision and only the changed lines are
//! classified ([`oneonone_core::timeline`]). Documents are followed through renames; lines
//! moved into `archive/<slug>/` in one commit are moves.
//!
//! The walk is in two phases: the tree diffs of the new commits on one thread (cheap:
//! unchanged subtrees are skipped by id), then the blob work split by person between two
//! threads, each with its own repository handle. The result is cached per commit in the
//! common git directory ([`crate::cache`]).

use crate::cache::{self, CacheState, PersonState};
use chrono::{DateTime, NaiveDate};
use git2::{Delta, DiffFindOptions, DiffOptions, Oid, Repository, Sort, Tree};
use oneonone_core::timeline::{CommitMeta, Event, FileChange, PersonRef};
use std::collections::HashMap;
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

fn notes_tree<'r>(repo: &'r Repository, tree: &Tree<'r>, notes_dir: &str) -> Option<Tree<'r>> {
    if notes_dir.is_empty() {
        return Some(tree.clone());
    }
    let entry = tree.get_path(Path::new(notes_dir)).ok()?;
    repo.find_tree(entry.id()).ok()
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
        let (metas, jobs) = diff_commits(&repo, &new_commits, &notes_dir, &mut state)?;
        drop(repo);
        let progress = progress_bar(opts.progress, &jobs);
        stats.blobs_parsed = run_jobs(start, &metas, jobs, &mut state, &progress)?;
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

/// A person's changes, commit by commit (index into the commit list).
struct Job {
    key: String,
    changes: Vec<(usize, Vec<RawChange>)>,
}

fn diff_commits(
    repo: &Repository,
    commits: &[Oid],
    notes_dir: &str,
    state: &mut CacheState,
) -> Result<(Vec<CommitMeta>, Vec<Job>), HistoryError> {
    let mut metas = Vec::with_capacity(commits.len());
    let mut jobs: HashMap<String, Job> = HashMap::new();
    let mut prev_tree: Option<(Oid, Option<Tree<'_>>)> = None;
    for (idx, &oid) in commits.iter().enumerate() {
        let err = |source| HistoryError::Commit {
            commit: oid.to_string(),
            source,
        };
        let commit = repo.find_commit(oid).map_err(err)?;
        metas.push(commit_meta(&commit));
        let tree = commit.tree().map_err(err)?;
        let new_notes = notes_tree(repo, &tree, notes_dir);
        let old_notes = match prev_tree.take() {
            Some((_, t)) => t,
            None => match commit.parent(0) {
                Ok(p) => notes_tree(repo, &p.tree().map_err(err)?, notes_dir),
                Err(_) => None,
            },
        };
        let same = match (&old_notes, &new_notes) {
            (Some(a), Some(b)) => a.id() == b.id(),
            (None, None) => true,
            _ => false,
        };
        if !same {
            let mut dopts = DiffOptions::new();
            dopts.skip_binary_check(true);
            let mut diff = repo
                .diff_tree_to_tree(old_notes.as_ref(), new_notes.as_ref(), Some(&mut dopts))
                .map_err(err)?;
            let mut find = DiffFindOptions::new();
            find.renames(true);
            diff.find_similar(Some(&mut find)).map_err(err)?;
            let mut per_chain: Vec<(String, RawChange)> = Vec::new();
            for delta in diff.deltas() {
                let path_of = |f: git2::DiffFile<'_>| {
                    f.path().map(|p| p.to_string_lossy().replace('\\', "/"))
                };
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
                    let key = state.chains.remove(a).unwrap_or_else(|| a.clone());
                    state.chains.insert(b.clone(), key);
                }
                let route_for = if new_exists { &new_route } else { &old_route };
                let slug = slug_of(route_for.as_ref().expect("checked above")).to_owned();
                let key = state
                    .chains
                    .entry(slug.clone())
                    .or_insert_with(|| slug.clone())
                    .clone();
                let person = state.persons.entry(key.clone()).or_default();
                if matches!(route_for, Some(Route::Running(_))) || person.slug.is_empty() {
                    person.slug = slug;
                }
                let change = match (old_exists, new_exists) {
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
                per_chain.push((key, change));
            }
            for (key, change) in per_chain {
                let job = jobs.entry(key.clone()).or_insert_with(|| Job {
                    key,
                    changes: Vec::new(),
                });
                match job.changes.last_mut() {
                    Some((i, list)) if *i == idx => list.push(change),
                    _ => job.changes.push((idx, vec![change])),
                }
            }
        }
        prev_tree = Some((oid, new_notes));
    }
    let mut jobs: Vec<Job> = jobs.into_values().collect();
    jobs.sort_by(|a, b| a.key.cmp(&b.key));
    Ok((metas, jobs))
}

fn progress_bar(enabled: bool, jobs: &[Job]) -> indicatif::ProgressBar {
    let total: usize = jobs
        .iter()
        .flat_map(|j| &j.changes)
        .map(|(_, c)| c.len())
        .sum();
    if !enabled || total < 500 || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(total as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template("reading history {bar:30} {pos}/{len} revisions")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    bar
}

/// Runs the blob work on two threads, people split between them by amount of work.
fn run_jobs(
    start: &Path,
    metas: &[CommitMeta],
    mut jobs: Vec<Job>,
    state: &mut CacheState,
    progress: &indicatif::ProgressBar,
) -> Result<usize, HistoryError> {
    let workers = std::thread::available_parallelism()
        .map(|n| n.get().min(2))
        .unwrap_or(1);
    jobs.sort_by_key(|j| std::cmp::Reverse(j.changes.iter().map(|c| c.1.len()).sum::<usize>()));
    let mut shares: Vec<Vec<(Job, PersonState)>> = (0..workers).map(|_| Vec::new()).collect();
    let mut loads = vec![0usize; workers];
    for job in jobs {
        let w = (0..workers).min_by_key(|&w| loads[w]).unwrap_or(0);
        loads[w] += job.changes.iter().map(|c| c.1.len()).sum::<usize>();
        let person = state.persons.remove(&job.key).unwrap_or_default();
        shares[w].push((job, person));
    }
    let results: Vec<Result<WorkerOutput, HistoryError>> = std::thread::scope(|s| {
        let handles: Vec<_> = shares
            .into_iter()
            .map(|share| s.spawn(move || work(start, metas, share, progress)))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            .collect()
    });
    let mut parsed = 0;
    for r in results {
        let (persons, n) = r?;
        parsed += n;
        state.persons.extend(persons);
    }
    Ok(parsed)
}

/// A worker's records by chain key, and how many blobs it scanned.
type WorkerOutput = (Vec<(String, PersonState)>, usize);

fn work(
    start: &Path,
    metas: &[CommitMeta],
    share: Vec<(Job, PersonState)>,
    progress: &indicatif::ProgressBar,
) -> Result<WorkerOutput, HistoryError> {
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
        Ok(match std::str::from_utf8(blob.content()) {
            Ok(text) => text.to_owned(),
            Err(_) => String::from_utf8_lossy(blob.content()).into_owned(),
        })
    };
    let mut parsed = 0;
    let mut out = Vec::new();
    for (job, mut person) in share {
        // The text of each file at the last revision applied, for the next line diff.
        let mut texts: HashMap<String, String> = HashMap::new();
        for (idx, raw) in &job.changes {
            let mut olds = Vec::with_capacity(raw.len());
            let mut news = Vec::with_capacity(raw.len());
            for c in raw {
                let old_path = c.old_path.as_deref().unwrap_or(&c.path);
                let old = match (texts.remove(old_path), c.old_blob) {
                    (Some(t), _) => t,
                    (None, Some(oid)) => read(oid, old_path)?,
                    (None, None) => String::new(),
                };
                let new = match c.new_blob {
                    Some(oid) => {
                        parsed += 1;
                        Some(read(oid, &c.path)?)
                    }
                    None => None,
                };
                olds.push(old);
                news.push(new);
            }
            let changes: Vec<FileChange<'_>> = raw
                .iter()
                .enumerate()
                .map(|(k, c)| FileChange {
                    old_path: c.old_path.as_deref(),
                    path: &c.path,
                    old_text: &olds[k],
                    new_text: news[k].as_deref(),
                    new_blob: c.new_blob.map(|o| o.to_string()).unwrap_or_default(),
                })
                .collect();
            person.tracker.apply(&metas[*idx], &changes);
            drop(changes);
            for (c, new) in raw.iter().zip(news) {
                if let Some(text) = new {
                    if matches!(route(&c.path), Some(Route::Running(_)))
                        && let Some(name) = oneonone_core::timeline::front_matter_person(&text)
                    {
                        person.name = Some(name);
                    }
                    texts.insert(c.path.clone(), text);
                }
            }
            progress.inc(raw.len() as u64);
        }
        out.push((job.key, person));
    }
    Ok((out, parsed))
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
