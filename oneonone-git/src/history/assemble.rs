//! The record put together from the per-person state, and the progress bar of a long
//! walk.

use super::{History, HistoryStats};
use crate::cache::CacheState;
use oneonone_core::timeline::PersonRef;
use std::io::IsTerminal;

/// Every person's events, newest first, and the persons by slug.
pub(super) fn assemble(state: &CacheState, stats: HistoryStats) -> History {
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

/// A bar on standard error for walks of 500 commits or more, when it is a terminal.
pub(super) fn progress_bar(enabled: bool, commits: usize) -> indicatif::ProgressBar {
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
