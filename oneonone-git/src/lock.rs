//! An exclusive lock for a run that changes the notes, so two runs never interleave their
//! read-modify-write of the same documents.
//!
//! The lock file holds the writer's process id and is locked with the operating system's
//! advisory file lock, which the kernel releases when the process dies however it dies. A
//! run that gets the file lock and finds the file left over (holding another, dead process
//! id) takes it over and says so; a lock file held by no process can never block runs.

use crate::error::LockError;
use crate::repo::NotesRepo;
use std::fs::{File, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

/// How long [`NotesRepo::lock`] waits for another run by default.
pub const DEFAULT_LOCK_WAIT: Duration = Duration::from_secs(10);

/// A left-over lock file naming a live process older than this is taken over anyway: no
/// run takes that long, so the process id has been reused by an unrelated process.
pub const STALE_AFTER: Duration = Duration::from_secs(10 * 60);

const POLL: Duration = Duration::from_millis(50);

/// The held lock; released (its file removed) on drop.
#[derive(Debug)]
pub struct RepoLock {
    path: PathBuf,
    file: Option<File>,
    taken_over: Option<TakenOver>,
}

/// A lock left behind by a run that died, which this run took over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TakenOver {
    /// The lock file.
    pub path: PathBuf,
    /// The dead run's process id, when the file named one.
    pub pid: Option<u32>,
}

impl std::fmt::Display for TakenOver {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.pid {
            Some(pid) => write!(
                f,
                "took over the lock {} left by process {pid}, which is no longer running",
                self.path.display()
            ),
            None => write!(
                f,
                "took over the lock {} left by a run that is no longer running",
                self.path.display()
            ),
        }
    }
}

impl RepoLock {
    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The dead run whose lock this one took over, if any.
    pub fn taken_over(&self) -> Option<&TakenOver> {
        self.taken_over.as_ref()
    }
}

impl Drop for RepoLock {
    fn drop(&mut self) {
        // Removed while still locked, so a waiting run that opened the old file notices
        // (its file is no longer the one at the path) and opens the path again.
        let _ = std::fs::remove_file(&self.path);
        drop(self.file.take());
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
    /// [`LockError::Busy`] after the wait, [`LockError::Io`] when the file cannot be
    /// created or locked.
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
    let io = |source| LockError::Io {
        path: path.to_owned(),
        source,
    };
    loop {
        let mut file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(path)
            .map_err(io)?;
        let locked = match file.try_lock() {
            Ok(()) => true,
            Err(TryLockError::WouldBlock) => false,
            Err(TryLockError::Error(source)) => return Err(io(source)),
        };
        if locked && same_file(&file, path) {
            let left = holder_pid(&mut file);
            let me = std::process::id();
            let live_other = left.is_some_and(|pid| pid != me && pid_alive(pid));
            // A live process id in a lock nobody locks: a writer that does not take the
            // file lock, unless the file is old enough that the id was reused.
            if !live_other || is_old(&file) {
                let taken_over = left.filter(|&pid| pid != me).map(|pid| TakenOver {
                    path: path.to_owned(),
                    pid: Some(pid),
                });
                write_pid(&mut file, me).map_err(io)?;
                return Ok(RepoLock {
                    path: path.to_owned(),
                    file: Some(file),
                    taken_over,
                });
            }
        }
        drop(file);
        let waited = started.elapsed();
        if waited >= wait {
            let pid = std::fs::File::open(path)
                .ok()
                .and_then(|mut f| holder_pid(&mut f));
            return Err(LockError::Busy {
                path: path.to_owned(),
                pid,
                waited,
            });
        }
        std::thread::sleep(POLL.min(wait - waited));
    }
}

/// Whether `file` is still the file at `path` (the holder before us may have removed it
/// between our open and our lock).
fn same_file(file: &File, path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (file.metadata(), std::fs::metadata(path)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = file;
        path.exists()
    }
}

fn holder_pid(file: &mut File) -> Option<u32> {
    let mut text = String::new();
    file.rewind().ok()?;
    file.take(64).read_to_string(&mut text).ok()?;
    text.trim().parse().ok()
}

fn write_pid(file: &mut File, pid: u32) -> std::io::Result<()> {
    file.set_len(0)?;
    file.rewind()?;
    writeln!(file, "{pid}")?;
    file.sync_all()
}

fn is_old(file: &File) -> bool {
    file.metadata()
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| SystemTime::now().duration_since(t).ok())
        .is_some_and(|age| age > STALE_AFTER)
}

/// Whether a process with this pid runs on this machine. Only Linux can tell without
/// unsafe code (through /proc); elsewhere every named process counts as alive and only
/// age makes a left-over lock stale.
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
    use crate::test_support::temp_path;

    #[test]
    fn second_lock_in_process_waits_then_fails_naming_file() {
        let (_dir, path) = temp_path("x.lock");
        let held = acquire(&path, Duration::ZERO).unwrap();
        let err = acquire(&path, Duration::from_millis(120)).unwrap_err();
        assert!(matches!(err, LockError::Busy { .. }), "{err}");
        assert!(err.to_string().contains("x.lock"), "{err}");
        drop(held);
        assert!(!path.exists());
        acquire(&path, Duration::ZERO).unwrap();
    }

    #[test]
    fn dead_pid_lock_taken_over_with_notice() {
        let (_dir, path) = temp_path("x.lock");
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let pid = child.id();
        child.wait().unwrap();
        std::fs::write(&path, format!("{pid}\n")).unwrap();
        let lock = acquire(&path, Duration::ZERO).unwrap();
        let notice = lock.taken_over().expect("a takeover").to_string();
        assert!(notice.contains(&pid.to_string()), "{notice}");
        assert!(notice.contains("x.lock"), "{notice}");
        assert_eq!(
            std::fs::read_to_string(&path).unwrap().trim(),
            std::process::id().to_string()
        );
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn live_pid_in_unlocked_file_counts_as_busy() {
        let (_dir, path) = temp_path("x.lock");
        let mut child = std::process::Command::new("sleep")
            .arg("5")
            .spawn()
            .unwrap();
        std::fs::write(&path, format!("{}\n", child.id())).unwrap();
        let err = acquire(&path, Duration::from_millis(60)).unwrap_err();
        child.kill().unwrap();
        child.wait().unwrap();
        assert!(matches!(err, LockError::Busy { .. }), "{err}");
    }
}
