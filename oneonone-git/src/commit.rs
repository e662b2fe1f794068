//! Committing exactly the files a run wrote, by running `git` itself, leaving everything
//! else in the index and the work tree as it was.
//!
//! Git makes the commit (not libgit2) so that everything the user set up applies: their
//! hooks, commit signing, clean filters, `GIT_DIR`/`GIT_WORK_TREE`, split and sparse
//! indexes, and git's own index lock, taken before the branch moves. The refusals are
//! checked before anything is written: a bare repository, an operation in progress and a
//! detached HEAD with libgit2, the identity by asking git (`git var`).

use crate::error::{CommitError, GitStepError};
use crate::git_cli::{GitCli, GitCliError};
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

/// The environment variables that set identities and dates, captured once so that callers
/// (and tests) can pass their own.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GitEnv {
    pub(crate) vars: BTreeMap<String, String>,
}

pub(crate) const IDENTITY_VARS: [&str; 7] = [
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
/// current content on top of HEAD, by running `git` as the user would: `git add` for a
/// path git does not know yet, then `git commit --only -- PATHS` with `message` on
/// standard input. Git applies the user's hooks, signing, filters and index lock; other
/// staged and modified files stay as they were. A path whose file is gone is removed.
/// Returns `None` when none of the paths differs from HEAD (nothing to commit).
///
/// # Errors
/// [`CommitError`]: any refusal of [`check_can_commit`], a path outside the work tree,
/// git that cannot be run, or git refusing (its own message is in the error).
pub fn commit_paths(
    repo: &NotesRepo,
    paths: &[PathBuf],
    message: &str,
    options: CommitOptions,
) -> Result<Option<CommitId>, CommitError> {
    let Preflight { git_dir, workdir } = preflight(repo, &options)?;
    let mut rels = Vec::with_capacity(paths.len());
    for path in paths {
        let rel = relative_to_workdir(repo.root(), &workdir, path)?;
        let rel = tree_path(&rel).ok_or_else(|| CommitError::NotUtf8 { path: path.clone() })?;
        if !rels.contains(&rel) {
            rels.push(rel);
        }
    }
    let git = GitCli::new(&git_dir, &workdir, Some(&options.env));
    let status = status(&git, &rels)?;
    let changed: Vec<&String> = rels.iter().filter(|r| status.changed(r)).collect();
    if changed.is_empty() {
        return Ok(None);
    }
    let untracked: Vec<&String> = changed
        .iter()
        .copied()
        .filter(|r| status.untracked(r))
        .collect();
    if !untracked.is_empty() {
        git.run("add", &["add", "--"], &untracked, None)
            .map_err(CommitError::from)?;
    }
    git.run(
        "commit",
        &[
            "commit",
            "--quiet",
            "--only",
            "--cleanup=whitespace",
            "--file=-",
            "--",
        ],
        &changed,
        Some(message.as_bytes()),
    )
    .map_err(CommitError::from)?;
    head_commit(&git_dir).map(Some)
}

/// Checks everything that would make [`commit_paths`] refuse before any file is written:
/// not a git repository, a bare one, an operation in progress, a
/// detached HEAD (unless allowed), a locked index, no identity or an invalid date variable.
///
/// # Errors
/// The [`CommitError`] that `commit_paths` would return.
pub fn check_can_commit(repo: &NotesRepo, options: &CommitOptions) -> Result<(), CommitError> {
    preflight(repo, options).map(|_| ())
}

struct Preflight {
    git_dir: PathBuf,
    workdir: PathBuf,
}

fn preflight(repo: &NotesRepo, options: &CommitOptions) -> Result<Preflight, CommitError> {
    let git = GitStepError::at::<CommitError>;
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
    check_dates(&options.env)?;
    let git_dir = canonical(g.path());
    check_identity(&git_dir, &workdir, &options.env)?;
    Ok(Preflight { git_dir, workdir })
}

/// HEAD's commit after git committed.
fn head_commit(git_dir: &Path) -> Result<CommitId, CommitError> {
    let read = || -> Result<CommitId, git2::Error> {
        let g = git2::Repository::open(git_dir)?;
        let id = g.head()?.peel_to_commit()?.id();
        Ok(CommitId(id.to_string()))
    };
    read().map_err(GitStepError::at("read the new commit"))
}

/// `git status --porcelain -z` of the paths to commit.
struct Status {
    entries: Vec<(String, [u8; 2])>,
}

impl Status {
    fn code(&self, rel: &str) -> Option<[u8; 2]> {
        self.entries.iter().find(|(p, _)| p == rel).map(|(_, c)| *c)
    }

    fn changed(&self, rel: &str) -> bool {
        self.code(rel).is_some()
    }

    fn untracked(&self, rel: &str) -> bool {
        self.code(rel) == Some(*b"??")
    }
}

fn status(git: &GitCli<'_>, rels: &[String]) -> Result<Status, CommitError> {
    let paths: Vec<&String> = rels.iter().collect();
    let out = git.run(
        "status",
        &[
            "--no-optional-locks",
            "status",
            "--porcelain",
            "-z",
            "--untracked-files=all",
            "--ignored=no",
            "--no-renames",
            "--",
        ],
        &paths,
        None,
    )?;
    let mut entries = Vec::new();
    let mut records = out.split(|b| *b == 0).filter(|r| !r.is_empty());
    while let Some(record) = records.next() {
        if record.len() < 4 {
            continue;
        }
        let code = [record[0], record[1]];
        let path = String::from_utf8_lossy(&record[3..]).into_owned();
        if matches!(code[0], b'R' | b'C') {
            records.next();
        }
        entries.push((path, code));
    }
    Ok(Status { entries })
}

impl From<GitCliError> for CommitError {
    fn from(e: GitCliError) -> Self {
        match e {
            GitCliError::Spawn { command, source } => CommitError::Spawn { command, source },
            GitCliError::Failed {
                command,
                status,
                message,
            } => CommitError::Refused {
                command,
                status,
                message,
            },
        }
    }
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
        .all(|c| matches!(c, Component::Normal(n) if !n.eq_ignore_ascii_case(".git")));
    if rel.as_os_str().is_empty() || !clean {
        return Err(outside());
    }
    Ok(rel.to_owned())
}

fn tree_path(rel: &Path) -> Option<String> {
    let parts: Option<Vec<&str>> = rel.components().map(|c| c.as_os_str().to_str()).collect();
    Some(parts?.join("/"))
}

/// Refuses a `GIT_*_DATE` variable holding a date git does not accept.
fn check_dates(env: &GitEnv) -> Result<(), CommitError> {
    for var in ["GIT_AUTHOR_DATE", "GIT_COMMITTER_DATE"] {
        if let Some(value) = env.get(var)
            && parse_git_date(value).is_none()
        {
            return Err(CommitError::InvalidDate {
                var,
                value: value.to_owned(),
            });
        }
    }
    Ok(())
}

/// Refuses when git would find no author or committer: git itself is asked
/// (`git var GIT_AUTHOR_IDENT`), so its own rules apply (the environment, every config
/// file and include, `user.useConfigOnly`, `EMAIL`), and nothing is written before.
fn check_identity(git_dir: &Path, workdir: &Path, env: &GitEnv) -> Result<(), CommitError> {
    let git = GitCli::new(git_dir, workdir, Some(env));
    for (role, var) in [
        ("author", "GIT_AUTHOR_IDENT"),
        ("committer", "GIT_COMMITTER_IDENT"),
    ] {
        match git.run("var", &["var", var], &[], None) {
            Ok(_) => {}
            Err(GitCliError::Failed { message, .. }) => {
                return Err(CommitError::NoIdentity { role, message });
            }
            Err(e) => return Err(e.into()),
        }
    }
    Ok(())
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
