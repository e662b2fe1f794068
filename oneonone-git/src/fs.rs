//! Reading documents defensively and writing them atomically.
//!
//! Writes go to a temporary file in the same directory, are fsynced, then renamed over the
//! target, and the directory is fsynced: a crash leaves the old content or the new, never
//! a mix. The file's permissions are kept.
//!
//! Test hook: when the environment variable `ONEONONE_FAILPOINT` is `after-temp-write`,
//! the process aborts after the temporary file is written and synced and before it is
//! renamed, so crash tests can check that the target still holds its old content;
//! `after-temp-write:FILE` does so only when writing a file named FILE; `before-commit`
//! aborts a transaction after its files are written and before git commits them.
//!
//! Temporary files: a transaction prepares them in the git directory
//! ([`crate::NotesRepo::temp_dir`]), where no `git add -A` can pick up what a killed run
//! left, and renames them into place (a rename within one file system is atomic). Only
//! when the git directory is on another file system do they go next to the target,
//! hidden (`.NAME.XXXXXX.tmp`); the next transaction removes the leftovers of both kinds.

use crate::error::{FileError, ReadError, WriteError};
use std::fs::{File, Permissions};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// The largest document the tool reads (16 MiB).
pub const MAX_DOCUMENT_SIZE: u64 = 16 * 1024 * 1024;

/// The environment variable naming a failpoint (a crash-test hook).
pub const FAILPOINT_ENV: &str = "ONEONONE_FAILPOINT";

/// Reads a text file: refuses directories, files over [`MAX_DOCUMENT_SIZE`], non-UTF-8
/// bytes and NUL bytes.
///
/// # Errors
/// [`ReadError`] naming the file (and the line of a bad byte).
pub fn read_text(path: &Path) -> Result<String, ReadError> {
    let io = |source| ReadError::Io {
        path: path.to_owned(),
        source,
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if meta.is_dir() {
        return Err(ReadError::Directory {
            path: path.to_owned(),
        });
    }
    let too_large = |size| ReadError::TooLarge {
        path: path.to_owned(),
        size,
        limit: MAX_DOCUMENT_SIZE,
    };
    if meta.len() > MAX_DOCUMENT_SIZE {
        return Err(too_large(meta.len()));
    }
    let file = File::open(path).map_err(io)?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // The file may grow between stat and read (or be a device): never read past the limit.
    file.take(MAX_DOCUMENT_SIZE + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > MAX_DOCUMENT_SIZE {
        return Err(too_large(bytes.len() as u64));
    }
    text_from_bytes(path, bytes)
}

/// Reads a text file as [`read_text`] does; a file that does not exist reads as `None`.
///
/// # Errors
/// [`ReadError`] naming the file, for every failure but a missing file.
pub fn read_text_if_exists(path: &Path) -> Result<Option<String>, ReadError> {
    match read_text(path) {
        Ok(text) => Ok(Some(text)),
        Err(ReadError::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
            Ok(None)
        }
        Err(e) => Err(e),
    }
}

/// Reads standard input as text, with the limits of [`read_text`]: at most
/// [`MAX_DOCUMENT_SIZE`] bytes (never more is read), UTF-8, no NUL.
///
/// # Errors
/// [`ReadError`] naming `<stdin>`.
pub fn read_stdin() -> Result<String, ReadError> {
    read_limited(std::io::stdin().lock(), Path::new("<stdin>"))
}

/// Reads `reader` as [`read_stdin`] does, naming `path` in errors.
///
/// # Errors
/// [`ReadError`] naming `path`.
pub fn read_limited(reader: impl Read, path: &Path) -> Result<String, ReadError> {
    let mut bytes = Vec::new();
    reader
        .take(MAX_DOCUMENT_SIZE + 1)
        .read_to_end(&mut bytes)
        .map_err(|source| ReadError::Io {
            path: path.to_owned(),
            source,
        })?;
    if bytes.len() as u64 > MAX_DOCUMENT_SIZE {
        return Err(ReadError::StreamTooLarge {
            path: path.to_owned(),
            limit: MAX_DOCUMENT_SIZE,
        });
    }
    text_from_bytes(path, bytes)
}

/// Reads a document inside the repository rooted at `root`: as [`read_text`], and also
/// refuses a path that (through symlinks) leads outside `root`.
///
/// # Errors
/// [`ReadError`] naming the file.
pub fn read_document(path: &Path, root: &Path) -> Result<String, ReadError> {
    check_inside(path, root)?;
    read_text(path)
}

fn check_inside(path: &Path, root: &Path) -> Result<(), ReadError> {
    let io = |source| ReadError::Io {
        path: path.to_owned(),
        source,
    };
    let target = std::fs::canonicalize(path).map_err(io)?;
    let root = std::fs::canonicalize(root).map_err(io)?;
    if target.starts_with(&root) {
        Ok(())
    } else {
        Err(ReadError::OutsideRepository {
            path: path.to_owned(),
            target,
        })
    }
}

/// Turns bytes into text, refusing non-UTF-8 and NUL with the position of the first bad
/// byte.
fn text_from_bytes(path: &Path, bytes: Vec<u8>) -> Result<String, ReadError> {
    let position = |bytes: &[u8], at: usize| {
        let before = &bytes[..at];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        (line, at - line_start + 1)
    };
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let (line, column) = position(e.as_bytes(), at);
            return Err(ReadError::NotUtf8 {
                path: path.to_owned(),
                line,
                column,
            });
        }
    };
    if let Some(at) = text.find('\0') {
        let (line, column) = position(text.as_bytes(), at);
        return Err(ReadError::Nul {
            path: path.to_owned(),
            line,
            column,
        });
    }
    Ok(text)
}

/// Writes `contents` to `path` atomically, keeping the permissions of an existing file.
/// A symlink is followed: its target is replaced, the link kept.
///
/// # Errors
/// [`WriteError`]; the file is unchanged when it fails.
pub fn write_atomic(path: &Path, contents: &str) -> Result<(), WriteError> {
    write_impl(path, contents.as_bytes(), false, None)
}

/// Creates `path` with `contents` atomically; refuses if it already exists.
///
/// # Errors
/// [`WriteError::Exists`] when the file exists, otherwise as [`write_atomic`].
pub fn write_new(path: &Path, contents: &str) -> Result<(), WriteError> {
    write_impl(path, contents.as_bytes(), true, None)
}

/// Writes `new` to `path` atomically only if the file still holds `expected_old`
/// (re-read just before writing), so a concurrent edit is never overwritten.
///
/// # Errors
/// [`WriteError::Changed`] when the content differs (or the file vanished), otherwise as
/// [`write_atomic`].
pub fn write_if_unchanged(path: &Path, expected_old: &str, new: &str) -> Result<(), WriteError> {
    write_replacing(path, expected_old, new, None)
}

/// Writes `new` over `old` (as [`write_if_unchanged`]), or creates the file and its
/// directory when `old` is `None` (as [`write_new`]), preparing the temporary file in
/// `temp_dir` when given: a directory no `git add -A` looks at, such as one in the git
/// directory. Where a rename from there is impossible (another file system), the temporary
/// file goes next to the target as usual.
///
/// # Errors
/// As [`write_if_unchanged`] and [`write_new`], and [`WriteError::Io`] when the directory
/// cannot be created.
pub fn write_file_via(
    path: &Path,
    old: Option<&str>,
    new: &str,
    temp_dir: Option<&Path>,
) -> Result<(), WriteError> {
    match old {
        Some(old) => write_replacing(path, old, new, temp_dir),
        None => {
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir).map_err(io_error(dir, "create the directory"))?;
            }
            write_impl(path, new.as_bytes(), true, temp_dir)
        }
    }
}

/// Removes what a killed run left in `temp_dir` (every temporary file there is a run's;
/// call it only while holding the run lock).
///
/// # Errors
/// The I/O error of a file that could not be removed.
pub fn clean_temp_dir(temp_dir: &Path) -> std::io::Result<usize> {
    remove_files_where(temp_dir, is_temp_name)
}

/// Removes the temporary files a killed run left next to `target` (`.NAME.XXXXXX.tmp`,
/// written where the git directory was on another file system, or by an older version).
///
/// # Errors
/// The I/O error of a file that could not be removed.
pub fn clean_temps_beside(target: &Path) -> std::io::Result<usize> {
    let (Some(dir), Some(name)) = (target.parent(), target.file_name()) else {
        return Ok(0);
    };
    let prefix = format!(".{}.", name.to_string_lossy());
    remove_files_where(dir, |file| {
        file.strip_prefix(&prefix)
            .and_then(|rest| rest.strip_suffix(".tmp"))
            .is_some_and(|r| r.len() == RANDOM_LEN && r.bytes().all(|b| b.is_ascii_alphanumeric()))
    })
}

/// Removes the regular files of `dir` whose names `matches`; a missing `dir` has none.
fn remove_files_where(dir: &Path, matches: impl Fn(&str) -> bool) -> std::io::Result<usize> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(0),
        Err(e) => return Err(e),
    };
    let mut removed = 0;
    for entry in entries {
        let entry = entry?;
        if matches(&entry.file_name().to_string_lossy()) && entry.file_type()?.is_file() {
            std::fs::remove_file(entry.path())?;
            removed += 1;
        }
    }
    Ok(removed)
}

/// The length of the random part of a temporary file's name.
const RANDOM_LEN: usize = 6;

fn is_temp_name(name: &str) -> bool {
    name.starts_with('.') && name.ends_with(".tmp")
}

fn write_replacing(
    path: &Path,
    expected_old: &str,
    new: &str,
    temp_dir: Option<&Path>,
) -> Result<(), WriteError> {
    // A file that vanished since it was read changed too.
    let current = read_text_if_exists(path)?;
    if current.as_deref() != Some(expected_old) {
        return Err(WriteError::Changed {
            path: path.to_owned(),
        });
    }
    write_impl(path, new.as_bytes(), false, temp_dir)
}

fn write_impl(
    path: &Path,
    contents: &[u8],
    create_new: bool,
    temp_dir: Option<&Path>,
) -> Result<(), WriteError> {
    let target = resolve_symlink(path)?;
    let not_a_file = || WriteError::NotAFile {
        path: path.to_owned(),
    };
    let (Some(dir), Some(name)) = (target.parent(), target.file_name()) else {
        return Err(not_a_file());
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let mut prefix = std::ffi::OsString::from(".");
    prefix.push(name);
    prefix.push(".");
    let temp = TempWrite {
        path,
        target: &target,
        contents,
        create_new,
        existing: existing_permissions(path, &target, create_new)?,
        prefix,
    };
    match temp_dir {
        Some(temp_in) => {
            std::fs::create_dir_all(temp_in)
                .map_err(io_error(temp_in, "create the temporary directory"))?;
            match temp.write_from(temp_in) {
                Ok(()) => {}
                // The git directory lives on another file system: rename cannot cross it.
                Err((_, true)) => temp.write_from(dir).map_err(|(e, _)| e)?,
                Err((e, false)) => return Err(e),
            }
        }
        None => temp.write_from(dir).map_err(|(e, _)| e)?,
    }
    sync_dir(dir).map_err(io_error(dir, "sync the directory"))?;
    Ok(())
}

/// The permissions of the file a write replaces (`None` when it is new); refuses a
/// directory, an existing file when creating, and a read-only file.
fn existing_permissions(
    path: &Path,
    target: &Path,
    create_new: bool,
) -> Result<Option<std::fs::Permissions>, WriteError> {
    match std::fs::metadata(target) {
        Ok(m) if m.is_dir() => Err(WriteError::NotAFile {
            path: path.to_owned(),
        }),
        Ok(_) if create_new => Err(WriteError::Exists {
            path: path.to_owned(),
        }),
        // A rename needs only the directory writable; honour the file's own flag.
        Ok(m) if m.permissions().readonly() => Err(WriteError::ReadOnly {
            path: path.to_owned(),
        }),
        Ok(m) => Ok(Some(m.permissions())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(io_error(target, "inspect the file")(e)),
    }
}

fn io_error(path: &Path, step: &'static str) -> impl FnOnce(std::io::Error) -> WriteError {
    FileError::at(path, step)
}

/// One atomic write: a temporary file written and synced, then renamed onto the target.
struct TempWrite<'a> {
    path: &'a Path,
    target: &'a Path,
    contents: &'a [u8],
    create_new: bool,
    existing: Option<std::fs::Permissions>,
    /// `.<name>.`: temporary files are hidden and name their target.
    prefix: std::ffi::OsString,
}

impl TempWrite<'_> {
    /// Writes through a temporary file in `temp_in`. The flag of an error tells that the
    /// rename failed because `temp_in` is on another file system than the target.
    fn write_from(&self, temp_in: &Path) -> Result<(), (WriteError, bool)> {
        let plain = |e| (e, false);
        let mut temp = self
            .builder()
            .tempfile_in(temp_in)
            .map_err(|e| plain(io_error(temp_in, "create a temporary file in")(e)))?;
        if let Some(perms) = &self.existing {
            temp.as_file()
                .set_permissions(perms.clone())
                .map_err(|e| plain(io_error(temp.path(), "set the permissions of")(e)))?;
        }
        temp.write_all(self.contents)
            .map_err(|e| plain(io_error(temp.path(), "write")(e)))?;
        temp.as_file()
            .sync_all()
            .map_err(|e| plain(io_error(temp.path(), "sync")(e)))?;
        failpoint("after-temp-write", self.target);
        let persisted = if self.create_new {
            temp.persist_noclobber(self.target).map(drop)
        } else {
            temp.persist(self.target).map(drop)
        };
        persisted.map_err(|e| {
            let cross_device = e.error.kind() == std::io::ErrorKind::CrossesDevices;
            let err = if self.create_new && e.error.kind() == std::io::ErrorKind::AlreadyExists {
                WriteError::Exists {
                    path: self.path.to_owned(),
                }
            } else {
                io_error(self.target, "rename the temporary file onto")(e.error)
            };
            (err, cross_device)
        })
    }

    fn builder(&self) -> tempfile::Builder<'_, 'static> {
        let mut builder = tempfile::Builder::new();
        builder
            .prefix(&self.prefix)
            .suffix(".tmp")
            .rand_bytes(RANDOM_LEN);
        if self.existing.is_none() {
            new_file_permissions(&mut builder);
        }
        builder
    }
}

/// The file a write really replaces: a symlink's target, so the link survives.
fn resolve_symlink(path: &Path) -> Result<PathBuf, WriteError> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => {
            std::fs::canonicalize(path).map_err(io_error(path, "resolve the symlink"))
        }
        _ => Ok(path.to_owned()),
    }
}

#[cfg(unix)]
fn new_file_permissions(builder: &mut tempfile::Builder<'_, '_>) {
    use std::os::unix::fs::PermissionsExt;
    // tempfile creates 0600 files; a new document should get the usual 0666 & !umask.
    builder.permissions(Permissions::from_mode(0o666));
}

#[cfg(not(unix))]
fn new_file_permissions(_builder: &mut tempfile::Builder<'_, '_>) {
    // Elsewhere only the read-only flag exists, and a fresh file is writable already.
}

#[cfg(unix)]
fn sync_dir(dir: &Path) -> std::io::Result<()> {
    File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> std::io::Result<()> {
    // Directories cannot be opened for syncing on Windows; the rename is durable enough.
    Ok(())
}

/// Aborts when the failpoint is `NAME`, or `NAME:FILE` and the target's file name is FILE
/// (so a test can crash on the second of two writes).
pub(crate) fn failpoint(name: &str, target: &Path) {
    let Some(value) = std::env::var_os(FAILPOINT_ENV) else {
        return;
    };
    let value = value.to_string_lossy();
    let hit = match value.split_once(':') {
        Some((n, file)) => n == name && target.file_name().is_some_and(|f| f == file),
        None => value == name,
    };
    if hit {
        std::process::abort();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::temp_path;

    #[test]
    fn read_only_file_is_refused_and_kept() {
        let (dir, p) = temp_path("a.md");
        std::fs::write(&p, "old\n").unwrap();
        let mut perms = std::fs::metadata(&p).unwrap().permissions();
        perms.set_readonly(true);
        std::fs::set_permissions(&p, perms).unwrap();
        let err = write_atomic(&p, "new\n").unwrap_err();
        assert!(matches!(err, WriteError::ReadOnly { .. }), "{err}");
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "old\n");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn failed_step_names_path_and_step_and_keeps_io_source() {
        let (_dir, missing) = temp_path("missing");
        let err = write_atomic(&missing.join("a.md"), "x").unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "{}: failed to create a temporary file in",
                missing.display()
            )
        );
        let source = std::error::Error::source(&err).expect("the I/O error");
        let io = source
            .downcast_ref::<std::io::Error>()
            .expect("an io::Error");
        assert_eq!(io.kind(), std::io::ErrorKind::NotFound);
    }

    #[test]
    fn not_utf8_reports_line_of_first_bad_byte() {
        let (_dir, p) = temp_path("a.md");
        std::fs::write(&p, b"ok\nfine\nbad \xff here\n").unwrap();
        match read_text(&p).unwrap_err() {
            ReadError::NotUtf8 { line, column, .. } => assert_eq!((line, column), (3, 5)),
            e => panic!("{e}"),
        }
    }

    #[test]
    fn nul_reports_line() {
        let (_dir, p) = temp_path("a.md");
        std::fs::write(&p, b"ok\n\0").unwrap();
        let e = read_text(&p).unwrap_err();
        assert!(
            matches!(
                e,
                ReadError::Nul {
                    line: 2,
                    column: 1,
                    ..
                }
            ),
            "{e}"
        );
        assert!(e.to_string().contains("a.md:2:1"));
    }

    #[test]
    fn directory_refused() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(
            read_text(dir.path()).unwrap_err(),
            ReadError::Directory { .. }
        ));
    }

    #[test]
    fn oversized_file_refused() {
        let (_dir, p) = temp_path("big.md");
        let f = File::create(&p).unwrap();
        f.set_len(MAX_DOCUMENT_SIZE + 1).unwrap();
        assert!(matches!(
            read_text(&p).unwrap_err(),
            ReadError::TooLarge { .. }
        ));
    }

    #[cfg(unix)]
    #[test]
    fn symlink_outside_root_refused() {
        let outside = tempfile::tempdir().unwrap();
        let root = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.md"), "x").unwrap();
        std::os::unix::fs::symlink(outside.path().join("secret.md"), root.path().join("a.md"))
            .unwrap();
        std::fs::write(root.path().join("b.md"), "inside").unwrap();
        std::os::unix::fs::symlink(root.path().join("b.md"), root.path().join("c.md")).unwrap();
        assert!(matches!(
            read_document(&root.path().join("a.md"), root.path()).unwrap_err(),
            ReadError::OutsideRepository { .. }
        ));
        assert_eq!(
            read_document(&root.path().join("c.md"), root.path()).unwrap(),
            "inside"
        );
    }

    #[test]
    fn write_new_refuses_existing_file() {
        let (dir, p) = temp_path("a.md");
        write_new(&p, "one").unwrap();
        assert!(matches!(
            write_new(&p, "two").unwrap_err(),
            WriteError::Exists { .. }
        ));
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "one");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "temp files left behind");
    }

    #[test]
    fn limited_reader_stops_after_the_limit() {
        let endless = std::io::repeat(b'a');
        let err = read_limited(endless, Path::new("<stdin>")).unwrap_err();
        assert!(matches!(err, ReadError::StreamTooLarge { .. }), "{err}");
        assert!(
            err.to_string().starts_with("<stdin>: holds more than"),
            "{err}"
        );
        assert_eq!(
            read_limited(&b"notes\n"[..], Path::new("<stdin>")).unwrap(),
            "notes\n"
        );
    }

    #[test]
    fn temp_dir_write_leaves_nothing_beside_the_target_and_cleanup_takes_leftovers() {
        let dir = tempfile::tempdir().unwrap();
        let temp = dir.path().join("git/oneonone-tmp");
        let target = dir.path().join("notes/a.md");
        write_file_via(&target, None, "one\n", Some(&temp)).unwrap();
        write_file_via(&target, Some("one\n"), "two\n", Some(&temp)).unwrap();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "two\n");
        let beside: Vec<_> = std::fs::read_dir(target.parent().unwrap())
            .unwrap()
            .collect();
        assert_eq!(beside.len(), 1);
        // What a killed run leaves: a temporary file in each place.
        std::fs::write(temp.join(".a.md.Ab3dEf.tmp"), "half").unwrap();
        std::fs::write(dir.path().join("notes/.a.md.Zz9yX1.tmp"), "half").unwrap();
        std::fs::write(dir.path().join("notes/.a.md.keep.tmp.md"), "user's").unwrap();
        assert_eq!(clean_temp_dir(&temp).unwrap(), 1);
        assert_eq!(clean_temps_beside(&target).unwrap(), 1);
        assert!(dir.path().join("notes/.a.md.keep.tmp.md").exists());
        assert_eq!(std::fs::read_dir(&temp).unwrap().count(), 0);
    }

    #[cfg(unix)]
    #[test]
    fn write_through_symlink_keeps_link() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.md");
        let link = dir.path().join("link.md");
        std::fs::write(&real, "old").unwrap();
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write_atomic(&link, "new").unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "new");
    }
}
