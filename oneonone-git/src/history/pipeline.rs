//! The read as a whole: the cache loaded, the new commits found, the walk, readers and
//! scanner run as a pipeline on their own threads, the cache stored.

use super::order::Dealer;
use super::{BATCHES_IN_FLIGHT, Batch, History, HistoryError, HistoryOptions, HistoryStats};
use super::{assemble, read, scan, walk};
use crate::NotesRepo;
use crate::cache;
use std::path::Path;
use std::sync::mpsc;

/// Reads the record of `notes_dir` (a path in the commit trees), using and refreshing the
/// cache in `common_dir`.
pub(super) fn run(
    repo: &NotesRepo,
    notes_dir: &str,
    common_dir: &Path,
    opts: &HistoryOptions,
) -> Result<History, HistoryError> {
    let git = repo.open_for_history()?;
    let head = match git.head().ok().and_then(|h| h.peel_to_commit().ok()) {
        Some(c) => c.id(),
        None => return Ok(History::default()),
    };
    let mut state = opts
        .use_cache
        .then(|| cache::load(common_dir, notes_dir))
        .flatten();
    let new_commits = walk::new_commits(&git, head, &mut state)?;
    let mut state = state.unwrap_or_else(|| cache::empty(notes_dir));
    let mut stats = HistoryStats {
        cache_hits: state.persons.values().map(|p| p.tracker.files.len()).sum(),
        commits_walked: new_commits.len(),
        ..HistoryStats::default()
    };
    if new_commits.is_empty() {
        return Ok(assemble::assemble(&state, stats));
    }
    let progress = assemble::progress_bar(opts.progress, new_commits.len());
    let readers = std::thread::available_parallelism()
        .map(|n| n.get().min(2))
        .unwrap_or(1);
    let handles = (0..readers)
        .map(|_| repo.open_for_history())
        .collect::<Result<Vec<_>, _>>()?;
    let (to_readers, from_walk): (Vec<_>, Vec<_>) =
        (0..readers).map(|_| mpsc::channel::<Batch>()).unzip();
    let (to_scanner, from_readers) = mpsc::sync_channel::<Batch>(BATCHES_IN_FLIGHT * readers);
    let persons = std::mem::take(&mut state.persons);
    let walk = walk::Walk {
        repo,
        git,
        notes_dir,
        chains: &mut state.chains,
        progress: &progress,
    };
    // This thread walks and deals the batches to the readers; the scanner puts each
    // person's batches back in order.
    let (walked, read, persons) = std::thread::scope(|s| {
        let scanner = s.spawn(move || scan::scan_batches(persons, from_readers));
        let workers: Vec<_> = handles
            .into_iter()
            .zip(from_walk)
            .map(|(handle, rx)| {
                let tx = to_scanner.clone();
                s.spawn(move || read::read_blobs(&handle, rx, tx))
            })
            .collect();
        drop(to_scanner);
        let walked = walk.run(&new_commits, Dealer::new(to_readers, common_dir));
        let read: Result<usize, HistoryError> = workers.into_iter().map(join).sum();
        (walked, read, join(scanner))
    });
    walked?;
    stats.blobs_parsed = read?;
    state.persons = persons;
    progress.finish_and_clear();
    state.head = head.to_string();
    if opts.use_cache {
        cache::store_or_warn(common_dir, &mut state);
    }
    Ok(assemble::assemble(&state, stats))
}

fn join<T>(handle: std::thread::ScopedJoinHandle<'_, T>) -> T {
    handle
        .join()
        .unwrap_or_else(|p| std::panic::resume_unwind(p))
}
