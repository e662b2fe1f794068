//! When BACKLOG.md tasks were ticked, read from git history: `prep` lists a task ticked
//! since the last meeting as a win, dated by the commit that first recorded the tick.

use crate::error::GitError;
use crate::repo::NotesRepo;
use chrono::{DateTime, NaiveDate};
use oneonone_core::process::backlog_tasks;
use std::collections::HashMap;
use std::path::Path;

/// The date each of `person`'s BACKLOG.md tasks was first committed ticked, keyed by
/// [`tick_key`]. Empty outside git or before BACKLOG.md was ever committed.
///
/// # Errors
/// A git step that fails (reading HEAD, a commit or a blob).
pub fn ticked_dates(
    repo: &NotesRepo,
    person: &str,
) -> Result<HashMap<String, NaiveDate>, GitError> {
    read_ticks(repo, person).map_err(|e| GitError::from_git2(&e))
}

fn read_ticks(repo: &NotesRepo, person: &str) -> Result<HashMap<String, NaiveDate>, git2::Error> {
    let mut dates = HashMap::new();
    let Some(opened) = repo.open_git() else {
        return Ok(dates);
    };
    let g = opened?;
    let Some(workdir) = g.workdir() else {
        return Ok(dates);
    };
    let backlog = repo.backlog_path();
    let rel = match backlog.strip_prefix(workdir).or_else(|_| {
        backlog.strip_prefix(std::fs::canonicalize(workdir).unwrap_or_else(|_| workdir.to_owned()))
    }) {
        Ok(r) => r.to_owned(),
        Err(_) => return Ok(dates),
    };
    let head = match g.head() {
        Ok(h) => h.peel_to_commit()?,
        Err(_) => return Ok(dates),
    };
    let mut walk = g.revwalk()?;
    walk.push(head.id())?;
    walk.simplify_first_parent()?;
    walk.set_sorting(git2::Sort::TOPOLOGICAL | git2::Sort::REVERSE)?;
    let mut last_blob = None;
    for oid in walk {
        let commit = g.find_commit(oid?)?;
        let Some(blob_id) = blob_at(&commit, &rel) else {
            continue;
        };
        if last_blob == Some(blob_id) {
            continue;
        }
        last_blob = Some(blob_id);
        let blob = g.find_blob(blob_id)?;
        let Ok(text) = std::str::from_utf8(blob.content()) else {
            continue;
        };
        let date = author_date(&commit.author().when());
        for task in backlog_tasks(text, person).into_iter().filter(|t| t.done) {
            dates
                .entry(tick_key(&task.text, task.meeting))
                .or_insert(date);
        }
    }
    Ok(dates)
}

/// The key of a task: its text (case and spaces normalised) and the meeting it came from.
pub fn tick_key(text: &str, meeting: NaiveDate) -> String {
    let text: Vec<String> = text.split_whitespace().map(str::to_lowercase).collect();
    format!("{meeting} {}", text.join(" "))
}

/// The calendar date the author saw: git stores the author's UTC offset with the time, and
/// `git log --date=short` shows the date in that offset, not in UTC.
fn author_date(when: &git2::Time) -> NaiveDate {
    let local = when.seconds() + i64::from(when.offset_minutes()) * 60;
    DateTime::from_timestamp(local, 0)
        .map(|d| d.date_naive())
        .unwrap_or_default()
}

fn blob_at(commit: &git2::Commit<'_>, rel: &Path) -> Option<git2::Oid> {
    let entry = commit.tree().ok()?.get_path(rel).ok()?;
    (entry.kind() == Some(git2::ObjectType::Blob)).then(|| entry.id())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn author_date_is_the_date_in_the_authors_offset() {
        // 2026-01-20T03:00:00Z, written at 22:00 on the 19th at -05:00.
        let when = git2::Time::new(1_768_878_000, -300);
        assert_eq!(
            author_date(&when),
            NaiveDate::from_ymd_opt(2026, 1, 19).unwrap()
        );
        let utc = git2::Time::new(1_768_878_000, 0);
        assert_eq!(
            author_date(&utc),
            NaiveDate::from_ymd_opt(2026, 1, 20).unwrap()
        );
    }
}
