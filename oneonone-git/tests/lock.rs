//! The run lock between two real processes.

mod common;

use common::{Sandbox, rerun_ignored_test};
use oneonone_git::{LockError, NotesRepo};
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

const HOLDER_DIR_ENV: &str = "ONEONONE_TEST_LOCK_HOLDER";

/// Not a test on its own: the child process that holds the lock until told to release it.
#[test]
#[ignore = "helper run as a child process by the lock tests"]
fn lock_holder_helper() {
    let Some(dir) = std::env::var_os(HOLDER_DIR_ENV) else {
        return;
    };
    let dir = PathBuf::from(dir);
    let repo = NotesRepo::discover(&dir).unwrap();
    let lock = repo.lock_with_wait(Duration::ZERO).unwrap();
    std::fs::write(dir.join("ready"), "").unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    while !dir.join("release").exists() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    drop(lock);
}

fn spawn_holder(dir: &Path) -> Child {
    let child = rerun_ignored_test("lock_holder_helper")
        .env(HOLDER_DIR_ENV, dir)
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    while !dir.join("ready").exists() {
        assert!(Instant::now() < deadline, "the holder never took the lock");
        std::thread::sleep(Duration::from_millis(20));
    }
    child
}

/// A notes directory outside git whose lock a child process holds.
struct HeldElsewhere {
    _dir: tempfile::TempDir,
    root: PathBuf,
    holder: Child,
    repo: NotesRepo,
}

fn held_elsewhere() -> HeldElsewhere {
    let dir = tempfile::tempdir().unwrap();
    let root = std::fs::canonicalize(dir.path()).unwrap();
    let holder = spawn_holder(&root);
    let repo = NotesRepo::discover(&root).unwrap();
    HeldElsewhere {
        _dir: dir,
        root,
        holder,
        repo,
    }
}

#[test]
fn lock_held_by_other_process_fails_after_wait_naming_file() {
    let mut held = held_elsewhere();

    let err = held
        .repo
        .lock_with_wait(Duration::from_millis(300))
        .unwrap_err();
    match &err {
        LockError::Busy { path, pid, waited } => {
            assert_eq!(path, &held.root.join(".oneonone.lock"));
            assert_eq!(*pid, Some(held.holder.id()));
            assert!(*waited >= Duration::from_millis(300));
        }
        e => panic!("{e}"),
    }
    assert!(err.to_string().contains(".oneonone.lock"), "{err}");

    std::fs::write(held.root.join("release"), "").unwrap();
    assert!(held.holder.wait().unwrap().success());
    let lock = held.repo.lock_with_wait(Duration::ZERO).unwrap();
    assert!(lock.path().exists());
    drop(lock);
    assert!(!held.root.join(".oneonone.lock").exists());
}

#[test]
fn lock_waits_for_other_process_to_release() {
    let mut held = held_elsewhere();
    let release = held.root.join("release");
    let releaser = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(200));
        std::fs::write(release, "").unwrap();
    });
    let lock = held.repo.lock_with_wait(Duration::from_secs(20)).unwrap();
    releaser.join().unwrap();
    assert!(held.holder.wait().unwrap().success());
    assert_eq!(
        std::fs::read_to_string(lock.path()).unwrap().trim(),
        std::process::id().to_string()
    );
}

#[test]
fn lock_lives_in_common_git_dir_in_a_worktree() {
    let s = Sandbox::new();
    s.init("main");
    s.git("main", &["commit", "-q", "--allow-empty", "-m", "i"]);
    s.git("main", &["worktree", "add", "-q", "../wt"]);
    let main = NotesRepo::discover(&s.path("main")).unwrap();
    let wt = NotesRepo::discover(&s.path("wt")).unwrap();
    assert_eq!(main.lock_path(), s.path("main/.git/oneonone.lock"));
    assert_eq!(wt.lock_path(), main.lock_path());
    let _held = main.lock().unwrap();
    assert!(matches!(
        wt.lock_with_wait(Duration::from_millis(50)).unwrap_err(),
        LockError::Busy { .. }
    ));
}
