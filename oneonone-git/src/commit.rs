//! Committing exactly the files a run wrote, leaving everything else in the index and the
//! work tree as it was.

use crate::error::{CommitError, GitError};
use crate::repo::NotesRepo;
use chrono::{DateTime, FixedOffset, Local, NaiveDateTime, TimeZone};
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Component, Path, PathBuf};

/// A commit's id: the full hex object id.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CommitId(String);

impl CommitId {
    /// The full hex id.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The first 7 hex digits, as `git log --oneline` shows by default.
    pub fn short(&self) -> &str {
        &self.0[..self.0.len().min(7)]
    }
}

impl fmt::Display for CommitId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<git2::Oid> for CommitId {
    fn from(oid: git2::Oid) -> Self {
        CommitId(oid.to_string())
    }
}

/// The environment variables that set identities and dates, captured once so that callers
/// (and tests) can pass their own.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GitEnv {
    vars: BTreeMap<String, String>,
}

const IDENTITY_VARS: [&str; 7] = [
    "GIT_AUTHOR_NAME",
    "GIT_AUTHOR_EMAIL",
    "GIT_AUTHOR_DATE",
    "GIT_COMMITTER_NAME",
    "GIT_COMMITTER_EMAIL",
    "GIT_COMMITTER_DATE",
    "EMAIL",
];

impl GitEnv {
    /// The identity variables of this process (`GIT_AUTHOR_*`, `GIT_COMMITTER_*`, `EMAIL`).
    pub fn from_process() -> GitEnv {
        GitEnv::from_pairs(
            IDENTITY_VARS
                .iter()
                .filter_map(|k| std::env::var(k).ok().map(|v| (*k, v))),
        )
    }

    /// Explicit variables; names other than the identity variables are ignored.
    pub fn from_pairs<K: Into<String>, V: Into<String>>(
        pairs: impl IntoIterator<Item = (K, V)>,
    ) -> GitEnv {
        GitEnv {
            vars: pairs
                .into_iter()
                .map(|(k, v)| (k.into(), v.into()))
                .filter(|(k, _)| IDENTITY_VARS.contains(&k.as_str()))
                .collect(),
        }
    }

    fn get(&self, key: &str) -> Option<&str> {
        self.vars
            .get(key)
            .map(String::as_str)
            .filter(|v| !v.trim().is_empty())
    }
}

/// How to commit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommitOptions {
    /// Commit on a detached HEAD instead of refusing.
    pub allow_detached: bool,
    /// Where author and committer names, emails and dates come from (before git config).
    pub env: GitEnv,
}

impl Default for CommitOptions {
    /// Refuse a detached HEAD; identities from this process's environment.
    fn default() -> Self {
        CommitOptions {
            allow_detached: false,
            env: GitEnv::from_process(),
        }
    }
}

/// What a meeting changed, for the commit subject.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MeetingCounts {
    /// Action items added (mine and theirs).
    pub actions: usize,
    /// Goals added.
    pub goals: usize,
    /// Thread entries added.
    pub thread_entries: usize,
    /// Accomplishments shared.
    pub accomplishments: usize,
    /// Action items ticked.
    pub completed: usize,
}

/// The commit message for a processed meeting:
/// `1:1 Sarah Chen 2026-01-15: 2 actions, 1 goal`, a blank line, and the trailers
/// `Person: sarah-chen` and `Meeting-Date: 2026-01-15`.
pub fn meeting_message(
    person_name: &str,
    slug: &str,
    date: chrono::NaiveDate,
    counts: &MeetingCounts,
) -> String {
    let plural = |n: usize, one: &str, many: &str| {
        (n > 0).then(|| format!("{n} {}", if n == 1 { one } else { many }))
    };
    let parts: Vec<String> = [
        plural(counts.actions, "action", "actions"),
        plural(counts.goals, "goal", "goals"),
        plural(counts.thread_entries, "thread entry", "thread entries"),
        plural(counts.accomplishments, "accomplishment", "accomplishments"),
        plural(counts.completed, "completed", "completed"),
    ]
    .into_iter()
    .flatten()
    .collect();
    let summary = if parts.is_empty() {
        "notes".to_owned()
    } else {
        parts.join(", ")
    };
    let date = date.format("%Y-%m-%d").to_string();
    message_with_trailers(
        &format!("1:1 {} {date}: {summary}", one_line(person_name)),
        &[("Person", slug), ("Meeting-Date", &date)],
    )
}

/// A commit message: `subject`, a blank line, then one `Key: value` trailer per line.
pub fn message_with_trailers(subject: &str, trailers: &[(&str, &str)]) -> String {
    let mut msg = one_line(subject);
    msg.push('\n');
    if !trailers.is_empty() {
        msg.push('\n');
        for (k, v) in trailers {
            msg.push_str(&format!("{}: {}\n", one_line(k), one_line(v)));
        }
    }
    msg
}

/// Collapses line breaks and other control characters so a value cannot forge trailers.
fn one_line(s: &str) -> String {
    s.split(|c: char| c.is_control())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
        .trim()
        .to_owned()
}

/// Commits exactly `paths` (absolute, or relative to the notes root) with their full
/// current content on top of HEAD, and updates only their index entries; other staged
/// and modified files stay as they were. A path whose file is gone is removed. Returns
/// `None` when the result equals HEAD's tree (nothing to commit).
///
/// # Errors
/// [`CommitError`]: not a git repository, a bare one, an operation in progress, a
/// detached HEAD (unless allowed), a locked index, a path outside the work tree, no
/// identity, an invalid date variable, or a failed git step (including HEAD moving
/// while committing).
pub fn commit_paths(
    repo: &NotesRepo,
    paths: &[PathBuf],
    message: &str,
    options: CommitOptions,
) -> Result<Option<CommitId>, CommitError> {
    let git = |step: &'static str| {
        move |e: git2::Error| CommitError::Git {
            step,
            source: GitError::from(e),
        }
    };
    let Some(opened) = repo.open_git() else {
        return Err(CommitError::NotGit);
    };
    let g = opened.map_err(git("open the repository"))?;
    let Some(workdir) = g.workdir().map(canonical) else {
        return Err(CommitError::Bare {
            path: g.path().to_owned(),
        });
    };
    if let Some(operation) = operation_in_progress(g.state()) {
        return Err(CommitError::InProgress { operation });
    }
    let unborn = match g.head() {
        Ok(_) => false,
        Err(e) if e.code() == git2::ErrorCode::UnbornBranch => true,
        Err(e) => return Err(git("read HEAD")(e)),
    };
    if !unborn && !options.allow_detached && g.head_detached().map_err(git("read HEAD"))? {
        return Err(CommitError::Detached);
    }
    let index_lock = g.path().join("index.lock");
    if index_lock.exists() {
        return Err(CommitError::IndexLocked { path: index_lock });
    }
    let author = signature(&g, &options.env, Role::Author)?;
    let committer = signature(&g, &options.env, Role::Committer)?;

    let parent = if unborn {
        None
    } else {
        Some(
            g.head()
                .and_then(|h| h.peel_to_commit())
                .map_err(git("read HEAD's commit"))?,
        )
    };
    let base_tree = match &parent {
        Some(c) => c.tree().map_err(git("read HEAD's tree"))?,
        None => {
            let empty = g
                .treebuilder(None)
                .and_then(|b| b.write())
                .map_err(git("write the empty tree"))?;
            g.find_tree(empty).map_err(git("read the empty tree"))?
        }
    };

    let mut index = g.index().map_err(git("read the index"))?;
    let mut update = git2::build::TreeUpdateBuilder::new();
    for path in paths {
        let rel = relative_to_workdir(repo.root(), &workdir, path)?;
        let rel_str = tree_path(&rel).ok_or_else(|| CommitError::Io {
            path: path.clone(),
            source: std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                "the path is not valid UTF-8",
            ),
        })?;
        match std::fs::symlink_metadata(workdir.join(&rel)) {
            Ok(_) => {
                // add_path runs git's clean filters (e.g. core.autocrlf) and records the
                // file's stat data, so `git status` sees it as committed afterwards.
                index.add_path(&rel).map_err(git("stage a written file"))?;
                let entry = index.get_path(&rel, 0).ok_or_else(|| CommitError::Io {
                    path: path.clone(),
                    source: std::io::Error::new(
                        std::io::ErrorKind::NotFound,
                        "the file vanished from the index",
                    ),
                })?;
                update.upsert(rel_str.as_str(), entry.id, file_mode(entry.mode));
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                index
                    .remove_path(&rel)
                    .map_err(git("unstage a removed file"))?;
                update.remove(rel_str.as_str());
            }
            Err(source) => {
                return Err(CommitError::Io {
                    path: path.clone(),
                    source,
                });
            }
        }
    }
    let tree_id = update
        .create_updated(&g, &base_tree)
        .map_err(git("write the tree"))?;
    if tree_id == base_tree.id() {
        return Ok(None);
    }
    let tree = g.find_tree(tree_id).map_err(git("read the new tree"))?;
    let parents: Vec<&git2::Commit<'_>> = parent.iter().collect();
    // update_ref "HEAD" with HEAD's commit as first parent: libgit2 moves the ref only if
    // it still points at that parent, so a HEAD moved meanwhile fails instead of being lost.
    let oid = g
        .commit(Some("HEAD"), &author, &committer, message, &tree, &parents)
        .map_err(|e| {
            if e.code() == git2::ErrorCode::Modified {
                CommitError::HeadMoved
            } else {
                git("create the commit")(e)
            }
        })?;
    index.write().map_err(git("write the index"))?;
    Ok(Some(CommitId::from(oid)))
}

fn operation_in_progress(state: git2::RepositoryState) -> Option<&'static str> {
    use git2::RepositoryState as S;
    match state {
        S::Clean => None,
        S::Merge => Some("merge"),
        S::Revert | S::RevertSequence => Some("revert"),
        S::CherryPick | S::CherryPickSequence => Some("cherry-pick"),
        S::Bisect => Some("bisect"),
        S::Rebase | S::RebaseInteractive | S::RebaseMerge => Some("rebase"),
        S::ApplyMailbox | S::ApplyMailboxOrRebase => Some("git am"),
    }
}

fn canonical(p: &Path) -> PathBuf {
    std::fs::canonicalize(p).unwrap_or_else(|_| p.to_owned())
}

/// `path` relative to the work tree, refusing anything outside it (or inside `.git`).
fn relative_to_workdir(root: &Path, workdir: &Path, path: &Path) -> Result<PathBuf, CommitError> {
    let outside = || CommitError::OutsideWorkTree {
        path: path.to_owned(),
        workdir: workdir.to_owned(),
    };
    let abs = if path.is_absolute() {
        path.to_owned()
    } else {
        root.join(path)
    };
    let (Some(parent), Some(name)) = (abs.parent(), abs.file_name()) else {
        return Err(outside());
    };
    // The file itself may be gone (a removal), so resolve only its directory.
    let full = canonical(parent).join(name);
    let rel = full.strip_prefix(workdir).map_err(|_| outside())?;
    let clean = rel
        .components()
        .all(|c| matches!(c, Component::Normal(n) if n != ".git"));
    if rel.as_os_str().is_empty() || !clean {
        return Err(outside());
    }
    Ok(rel.to_owned())
}

fn tree_path(rel: &Path) -> Option<String> {
    let parts: Option<Vec<&str>> = rel.components().map(|c| c.as_os_str().to_str()).collect();
    Some(parts?.join("/"))
}

fn file_mode(mode: u32) -> git2::FileMode {
    match mode {
        0o100755 => git2::FileMode::BlobExecutable,
        0o120000 => git2::FileMode::Link,
        _ => git2::FileMode::Blob,
    }
}

#[derive(Clone, Copy)]
enum Role {
    Author,
    Committer,
}

/// The author or committer as git would set them: the environment, then
/// `author.*`/`committer.*`, then `user.*` config, then `EMAIL` for the email.
fn signature(
    g: &git2::Repository,
    env: &GitEnv,
    role: Role,
) -> Result<git2::Signature<'static>, CommitError> {
    let (who, name_var, email_var, date_var) = match role {
        Role::Author => (
            "author",
            "GIT_AUTHOR_NAME",
            "GIT_AUTHOR_EMAIL",
            "GIT_AUTHOR_DATE",
        ),
        Role::Committer => (
            "committer",
            "GIT_COMMITTER_NAME",
            "GIT_COMMITTER_EMAIL",
            "GIT_COMMITTER_DATE",
        ),
    };
    let config = g.config().ok().and_then(|mut c| c.snapshot().ok());
    let from_config = |keys: [&str; 2]| {
        keys.iter().find_map(|k| {
            config
                .as_ref()
                .and_then(|c| c.get_string(k).ok())
                .filter(|v| !v.trim().is_empty())
        })
    };
    let name = env
        .get(name_var)
        .map(str::to_owned)
        .or_else(|| from_config([&format!("{who}.name"), "user.name"]))
        .ok_or(CommitError::NoIdentity {
            role: who,
            var: name_var,
        })?;
    let email = env
        .get(email_var)
        .map(str::to_owned)
        .or_else(|| from_config([&format!("{who}.email"), "user.email"]))
        .or_else(|| env.get("EMAIL").map(str::to_owned))
        .ok_or(CommitError::NoIdentity {
            role: who,
            var: email_var,
        })?;
    let time = match env.get(date_var) {
        Some(value) => {
            let (secs, offset) = parse_git_date(value).ok_or_else(|| CommitError::InvalidDate {
                var: date_var,
                value: value.to_owned(),
            })?;
            git2::Time::new(secs, offset)
        }
        None => {
            let now = Local::now();
            git2::Time::new(now.timestamp(), now.offset().local_minus_utc() / 60)
        }
    };
    git2::Signature::new(name.trim(), email.trim(), &time).map_err(|e| CommitError::Git {
        step: "make the commit signature",
        source: GitError::from(e),
    })
}

/// Parses a date as git accepts it in `GIT_AUTHOR_DATE`/`GIT_COMMITTER_DATE`: git's own
/// `<unix> <tz>` (optionally `@`-prefixed), RFC 2822, and ISO 8601 with `T` or a space,
/// with or without an offset (none means local time). Returns seconds since the epoch and
/// the offset in minutes.
pub fn parse_git_date(value: &str) -> Option<(i64, i32)> {
    let v = value.trim();
    let raw = v.strip_prefix('@').unwrap_or(v);
    let mut parts = raw.split_whitespace();
    if let Some(secs) = parts.next().and_then(|s| s.parse::<i64>().ok())
        && (v.starts_with('@') || raw.len() >= 9)
    {
        let offset = match parts.next() {
            Some(tz) => parse_tz(tz)?,
            None => 0,
        };
        return parts.next().is_none().then_some((secs, offset));
    }
    let fixed = |dt: DateTime<FixedOffset>| (dt.timestamp(), dt.offset().local_minus_utc() / 60);
    if let Ok(dt) = DateTime::parse_from_rfc2822(v) {
        return Some(fixed(dt));
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(v) {
        return Some(fixed(dt));
    }
    for format in [
        "%Y-%m-%d %H:%M:%S %z",
        "%Y-%m-%dT%H:%M:%S %z",
        "%Y-%m-%d %H:%M:%S%:z",
        "%Y-%m-%dT%H:%M:%S%z",
        "%Y-%m-%d %H:%M:%S%z",
    ] {
        if let Ok(dt) = DateTime::parse_from_str(v, format) {
            return Some(fixed(dt));
        }
    }
    for format in ["%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S"] {
        if let Ok(naive) = NaiveDateTime::parse_from_str(v, format) {
            let local = Local.from_local_datetime(&naive).earliest()?;
            return Some((local.timestamp(), local.offset().local_minus_utc() / 60));
        }
    }
    None
}

/// `+0100`, `-0530`, `+01:00` or `Z` as minutes east of UTC.
fn parse_tz(tz: &str) -> Option<i32> {
    if tz == "Z" || tz == "z" {
        return Some(0);
    }
    let (sign, digits) = match tz.as_bytes().first()? {
        b'+' => (1, &tz[1..]),
        b'-' => (-1, &tz[1..]),
        _ => return None,
    };
    let digits: String = digits.chars().filter(|c| *c != ':').collect();
    if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let hours: i32 = digits[..2].parse().ok()?;
    let minutes: i32 = digits[2..].parse().ok()?;
    (minutes < 60 && hours < 24).then_some(sign * (hours * 60 + minutes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn git_dates_parsed_in_every_accepted_format() {
        let want = (1_768_467_600, 60); // 2026-01-15T10:00:00+01:00
        for v in [
            "@1768467600 +0100",
            "1768467600 +0100",
            "Thu, 15 Jan 2026 10:00:00 +0100",
            "2026-01-15T10:00:00+01:00",
            "2026-01-15 10:00:00 +0100",
            "2026-01-15T10:00:00 +0100",
        ] {
            assert_eq!(parse_git_date(v), Some(want), "{v}");
        }
        assert_eq!(parse_git_date("@1768467600"), Some((1_768_467_600, 0)));
        assert_eq!(
            parse_git_date("2026-01-15T09:00:00Z"),
            Some((1_768_467_600, 0))
        );
        assert_eq!(
            parse_git_date("@1768467600 -0530"),
            Some((1_768_467_600, -330))
        );
        for bad in ["yesterday-ish", "2026-13-45 10:00:00 +0100", "@12 +99", ""] {
            assert_eq!(parse_git_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn meeting_message_has_subject_and_trailers() {
        let date = chrono::NaiveDate::from_ymd_opt(2026, 1, 15).unwrap();
        let counts = MeetingCounts {
            actions: 2,
            goals: 1,
            ..MeetingCounts::default()
        };
        assert_eq!(
            meeting_message("Sarah Chen", "sarah-chen", date, &counts),
            "1:1 Sarah Chen 2026-01-15: 2 actions, 1 goal\n\nPerson: sarah-chen\nMeeting-Date: 2026-01-15\n"
        );
        let counts = MeetingCounts {
            thread_entries: 1,
            completed: 3,
            ..MeetingCounts::default()
        };
        assert!(
            meeting_message("A\nPerson: evil", "a", date, &counts)
                .starts_with("1:1 A Person: evil 2026-01-15: 1 thread entry, 3 completed\n\n")
        );
    }

    #[test]
    fn short_id_is_seven_chars() {
        let id = CommitId("0123456789abcdef0123456789abcdef01234567".into());
        assert_eq!(id.short(), "0123456");
        assert_eq!(id.to_string().len(), 40);
    }
}
