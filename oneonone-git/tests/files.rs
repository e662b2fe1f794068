//! Atomic writes: permissions kept, old-or-new under concurrent reads and crashes.

mod common;

use common::rerun_ignored_test;
use oneonone_git::WriteError;
use oneonone_git::fs::{FAILPOINT_ENV, read_text, write_atomic, write_if_unchanged};
use std::path::Path;

const CRASH_TARGET_ENV: &str = "ONEONONE_TEST_CRASH_TARGET";

#[cfg(unix)]
#[test]
fn atomic_write_keeps_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("doc.md");
    for mode in [0o640, 0o755, 0o600] {
        std::fs::write(&p, "old\n").unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(mode)).unwrap();
        write_atomic(&p, "new\n").unwrap();
        let got = std::fs::metadata(&p).unwrap().permissions().mode() & 0o7777;
        assert_eq!(got, mode, "mode {mode:o}");
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "new\n");
    }
}

#[test]
fn atomic_write_leaves_no_temp_files() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("doc.md");
    write_atomic(&p, "one\n").unwrap();
    write_atomic(&p, "two\n").unwrap();
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["doc.md"]);
}

#[test]
fn concurrent_reader_sees_old_or_new_never_mixed() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("doc.md");
    let a = "a".repeat(256 * 1024);
    let b = "b".repeat(300 * 1024);
    write_atomic(&p, &a).unwrap();
    let stop = std::sync::atomic::AtomicBool::new(false);
    std::thread::scope(|scope| {
        let reader = scope.spawn(|| {
            let mut reads = 0;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let got = std::fs::read_to_string(&p).unwrap();
                assert!(got == a || got == b, "mixed content of {} bytes", got.len());
                reads += 1;
            }
            reads
        });
        for i in 0..60 {
            write_atomic(&p, if i % 2 == 0 { &b } else { &a }).unwrap();
        }
        stop.store(true, std::sync::atomic::Ordering::Relaxed);
        assert!(reader.join().unwrap() > 0);
    });
}

/// Not a test on its own: the child process of `crash_before_rename_keeps_old_content`.
#[test]
#[ignore = "helper run as a child process by crash_before_rename_keeps_old_content"]
fn crash_helper_writes_with_failpoint() {
    if let Some(target) = std::env::var_os(CRASH_TARGET_ENV) {
        write_atomic(Path::new(&target), "NEW CONTENT\n").unwrap();
        // Unreachable when the failpoint fires.
        std::process::exit(0);
    }
}

#[test]
fn crash_before_rename_keeps_old_content() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("doc.md");
    std::fs::write(&p, "old content\n").unwrap();
    let status = rerun_ignored_test("crash_helper_writes_with_failpoint")
        // A core dump, if the machine writes one, lands in the temp dir, not the crate.
        .current_dir(dir.path())
        .env(CRASH_TARGET_ENV, &p)
        .env(FAILPOINT_ENV, "after-temp-write")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(!status.success(), "the child should have aborted");
    assert_eq!(std::fs::read_to_string(&p).unwrap(), "old content\n");
    // The synced temp file is left beside it, holding the complete new content.
    let temps: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|q| q != &p)
        .map(|q| std::fs::read_to_string(q).unwrap())
        .collect();
    assert_eq!(temps, ["NEW CONTENT\n"]);

    // Without the failpoint the same child completes the write.
    let status = rerun_ignored_test("crash_helper_writes_with_failpoint")
        .env(CRASH_TARGET_ENV, &p)
        .env_remove(FAILPOINT_ENV)
        .stdout(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    assert_eq!(std::fs::read_to_string(&p).unwrap(), "NEW CONTENT\n");
}

#[test]
fn write_if_unchanged_refuses_after_concurrent_edit() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("doc.md");
    std::fs::write(&p, "v1\r\n").unwrap();
    let seen = read_text(&p).unwrap();
    std::fs::write(&p, "v1\r\nadded in editor\r\n").unwrap();
    let err = write_if_unchanged(&p, &seen, "v2\r\n").unwrap_err();
    assert!(matches!(err, WriteError::Changed { .. }), "{err}");
    assert!(err.to_string().contains("doc.md"), "{err}");
    assert_eq!(
        std::fs::read_to_string(&p).unwrap(),
        "v1\r\nadded in editor\r\n"
    );
    // Against what the file holds now, the same write goes through.
    write_if_unchanged(&p, "v1\r\nadded in editor\r\n", "v2\r\n").unwrap();
    assert_eq!(std::fs::read_to_string(&p).unwrap(), "v2\r\n");
    std::fs::remove_file(&p).unwrap();
    assert!(matches!(
        write_if_unchanged(&p, &seen, "v2\r\n").unwrap_err(),
        WriteError::Changed { .. }
    ));
    assert!(!p.exists());
}

#[cfg(unix)]
#[test]
fn atomic_write_new_file_gets_umask_permissions_not_0600() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let reference = dir.path().join("reference.md");
    std::fs::write(&reference, "x").unwrap();
    let p = dir.path().join("new.md");
    oneonone_git::fs::write_new(&p, "x").unwrap();
    let mode = |q: &Path| std::fs::metadata(q).unwrap().permissions().mode() & 0o7777;
    assert_eq!(mode(&p), mode(&reference));
}
