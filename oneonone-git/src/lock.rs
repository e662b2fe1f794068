//! An exclusive lock for a run that changes the notes, so two runs never interleave their
//! read-modify-write of the same documents.

use crate::error::LockError;
use crate::repo::NotesRepo;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

/// How long [`NotesRepo::lock`] waits for another run by default.
pub const DEFAULT_LOCK_WAIT: Duration = Duration::from_secs(10);

/// A lock older than this is reported as stale: no run takes that long.
pub const STALE_AFTER: Duration = Duration::from_secs(10 * 60);

const POLL: Duration = Duration::from_millis(50);

/// The held lock; released (its file removed) on drop.
#[derive(Debug)]
pub struct RepoLock {
    path: PathBuf,
}

impl RepoLock {
    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for RepoLock {
    fn drop(&mut self) {
        // Nothing useful can be done if removal fails; the next run reports it as stale.
        let _ = std::fs::remove_file(&self.path);
    }
}

impl NotesRepo {
    /// The lock file: `oneonone.lock` in the common git directory, or `.oneonone.lock` in
    /// the root outside git.
    pub fn lock_path(&self) -> PathBuf {
        match self.common_git_dir() {
            Some(dir) => dir.join("oneonone.lock"),
            None => self.root().join(".oneonone.lock"),
        }
    }

    /// Takes the lock, waiting up to [`DEFAULT_LOCK_WAIT`] for another run.
    ///
    /// # Errors
    /// [`LockError::Busy`] after the wait, [`LockError::Stale`] for an abandoned lock,
    /// [`LockError::Io`] when the file cannot be created.
    pub fn lock(&self) -> Result<RepoLock, LockError> {
        self.lock_with_wait(DEFAULT_LOCK_WAIT)
    }

    /// Takes the lock, waiting up to `wait` for another run.
    ///
    /// # Errors
    /// As [`NotesRepo::lock`].
    pub fn lock_with_wait(&self, wait: Duration) -> Result<RepoLock, LockError> {
        acquire(&self.lock_path(), wait)
    }
}

/// Takes the lock file at `path`, polling for up to `wait`.
///
/// # Errors
/// As [`NotesRepo::lock`].
pub fn acquire(path: &Path, wait: Duration) -> Result<RepoLock, LockError> {
    let started = Instant::now();
    loop {
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(path)
        {
            Ok(mut file) => {
                let lock = RepoLock {
                    path: path.to_owned(),
                };
                // The pid lets the next run tell a live holder from a crashed one.
                writeln!(file, "{}", std::process::id())
                    .and_then(|()| file.sync_all())
                    .map_err(|source| LockError::Io {
                        path: path.to_owned(),
                        source,
                    })?;
                return Ok(lock);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                let pid = holder_pid(path);
                if let Some(reason) = staleness(path, pid) {
                    return Err(LockError::Stale {
                        path: path.to_owned(),
                        reason,
                    });
                }
                let waited = started.elapsed();
                if waited >= wait {
                    return Err(LockError::Busy {
                        path: path.to_owned(),
                        pid,
                        waited,
                    });
                }
                std::thread::sleep(POLL.min(wait - waited));
            }
            Err(source) => {
                return Err(LockError::Io {
                    path: path.to_owned(),
                    source,
                });
            }
        }
    }
}

fn holder_pid(path: &Path) -> Option<u32> {
    std::fs::read_to_string(path).ok()?.trim().parse().ok()
}

/// Why the lock at `path` looks abandoned, if it does.
fn staleness(path: &Path, pid: Option<u32>) -> Option<String> {
    if let Some(pid) = pid
        && !pid_alive(pid)
    {
        return Some(format!("process {pid} that took it is no longer running"));
    }
    let modified = std::fs::metadata(path).ok()?.modified().ok()?;
    let age = SystemTime::now().duration_since(modified).ok()?;
    (age > STALE_AFTER).then(|| format!("taken {} minutes ago", age.as_secs() / 60))
}

/// Whether a process with this pid runs on this machine. Only Linux can tell without
/// unsafe code (through /proc); elsewhere every holder counts as alive and only age
/// makes a lock stale.
fn pid_alive(pid: u32) -> bool {
    let proc = Path::new("/proc");
    if cfg!(target_os = "linux") && proc.join("self").exists() {
        proc.join(pid.to_string()).exists()
    } else {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn second_lock_in_process_waits_then_fails_naming_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.lock");
        let held = acquire(&path, Duration::ZERO).unwrap();
        let err = acquire(&path, Duration::from_millis(120)).unwrap_err();
        assert!(matches!(err, LockError::Busy { .. }), "{err}");
        assert!(err.to_string().contains("x.lock"), "{err}");
        drop(held);
        assert!(!path.exists());
        acquire(&path, Duration::ZERO).unwrap();
    }

    #[test]
    fn dead_pid_lock_reported_stale_with_removal_hint() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.lock");
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let pid = child.id();
        child.wait().unwrap();
        std::fs::write(&path, format!("{pid}\n")).unwrap();
        let err = acquire(&path, Duration::from_secs(5)).unwrap_err();
        assert!(matches!(err, LockError::Stale { .. }), "{err}");
        assert!(
            err.to_string().contains(&format!("rm {}", path.display())),
            "{err}"
        );
        assert!(path.exists(), "a stale lock is reported, not removed");
    }
}
