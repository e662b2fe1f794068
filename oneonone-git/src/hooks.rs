//! Installing the pre-commit hook (and the merge driver) safely: into the hooks directory
//! git really uses, chaining any hook that was there, and restoring it on uninstall.
//!
//! The rules follow the pre-commit tools that do this well (prek): a local or worktree
//! `core.hooksPath` is honoured; a global or system one is refused, because installing
//! there would run our hook in every repository of the machine; a hook we did not write is
//! moved aside to `pre-commit.oneonone-chained` and run first by our script, never
//! overwritten; our scripts carry [`HOOK_ID`] so that a reinstall recognises them.

use crate::error::{FileError, GitError};
use crate::git_cli::{GitCli, GitCliError};
use crate::repo::NotesRepo;
use std::io::Write;
use std::path::{Path, PathBuf};
use thiserror::Error;

/// The line that marks a hook script as ours.
pub const HOOK_ID: &str = "# oneonone-hook v1";

/// The hook we install.
pub const HOOK_NAME: &str = "pre-commit";

/// The name an existing hook is moved to, next to ours, so that ours can run it first.
pub const CHAINED_NAME: &str = "pre-commit.oneonone-chained";

/// The merge driver's name in `merge.<name>.*` and in `.gitattributes`.
pub const MERGE_DRIVER_NAME: &str = "oneonone";

/// The arguments git passes to the merge driver, after the binary.
pub const MERGE_DRIVER_ARGS: &str = "merge-driver %O %A %B %P";

/// The command git runs for the merge driver: the installing binary's absolute path
/// (shell-quoted, git runs it through the shell), so that a merge works where `oneonone`
/// is not on PATH.
pub fn merge_driver_command(binary: &Path) -> String {
    format!(
        "{} {MERGE_DRIVER_ARGS}",
        shell_quote(&binary.to_string_lossy())
    )
}

/// Whether a `merge.oneonone.driver` value is ours (any binary, any version).
pub fn is_our_merge_driver(value: &str) -> bool {
    value.ends_with(&format!(" {MERGE_DRIVER_ARGS}"))
}

const SCRIPT_TEMPLATE: &str = include_str!("../../hooks/pre-commit");
const BIN_PLACEHOLDER: &str = "@ONEONONE_BIN@";

/// Where the hooks directory setting came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HooksDirSource {
    /// No `core.hooksPath`: the common git directory's `hooks/`, shared by all worktrees.
    Default,
    /// `core.hooksPath` in the repository's own config.
    LocalConfig,
    /// `core.hooksPath` in the worktree's config (`extensions.worktreeConfig`).
    WorktreeConfig,
    /// `core.hooksPath` given on git's command line (`git -c`, `GIT_CONFIG_PARAMETERS`).
    CommandLine,
}

/// The hooks directory git uses for a repository.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HooksDir {
    /// The directory (absolute).
    pub path: PathBuf,
    /// Why it is this one.
    pub source: HooksDirSource,
}

/// Why the hooks directory could not be determined (or may not be used).
#[derive(Debug, Error)]
pub enum HooksDirError {
    /// The notes are not in a git repository.
    #[error("not in a git repository")]
    NotGit,
    /// A bare repository has no commits made in it, so no pre-commit hook.
    #[error("the git repository at {} is bare: there is no work tree to commit from", path.display())]
    Bare {
        /// The git directory.
        path: PathBuf,
    },
    /// `core.hooksPath` is set globally or system-wide: installing there would affect
    /// every repository on the machine.
    #[error(
        "core.hooksPath is set in the {scope} git config ({}) to `{value}`, so git runs the hooks of every repository from there; oneonone will not install into a shared hooks directory. Fix: `{fix}`, or give this repository its own: `git config core.hooksPath {}`",
        file.display(),
        local_dir.display()
    )]
    SharedHooksPath {
        /// `global` or `system`.
        scope: &'static str,
        /// The config file that sets it.
        file: PathBuf,
        /// The value set there.
        value: String,
        /// The command that removes it.
        fix: String,
        /// The repository's default hooks directory, for the alternative fix.
        local_dir: PathBuf,
    },
    /// Git could not tell where its hooks live.
    #[error("failed to ask git for its hooks directory: {message}")]
    Git {
        /// What failed, with git's own message.
        message: String,
    },
}

/// Options of [`install`].
#[derive(Debug, Clone)]
pub struct InstallOptions {
    /// The absolute path of the `oneonone` binary, baked into the script so that the hook
    /// finds it even when it is not on PATH.
    pub binary: PathBuf,
    /// Also register the merge driver in the git config and `.gitattributes`.
    pub merge_driver: bool,
}

/// What [`install`] did to the hook.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HookChange {
    /// Our hook was written where there was none.
    Installed,
    /// An existing hook was moved aside and is now run first by ours.
    InstalledChained,
    /// Our hook was already there, identical: nothing changed.
    Unchanged,
    /// An older or different version of our hook was replaced.
    Updated,
}

/// What [`install`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InstallReport {
    /// Where the hooks directory is and why.
    pub dir: HooksDir,
    /// The hook file.
    pub hook: PathBuf,
    /// What happened to it.
    pub change: HookChange,
    /// The chained hook, when there is one.
    pub chained: Option<PathBuf>,
    /// What happened to the merge driver, when asked for.
    pub merge_driver: Option<MergeDriverChange>,
}

/// What registering the merge driver changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergeDriverChange {
    /// Whether `merge.oneonone.*` was written (false: it was already set so).
    pub config_written: bool,
    /// The `.gitattributes` lines added (empty: they were already there).
    pub attributes_added: Vec<String>,
    /// The `.gitattributes` file.
    pub attributes_file: PathBuf,
}

/// Why [`install`] failed. Nothing is half-installed: an existing hook is either still in
/// place or moved aside with ours written.
#[derive(Debug, Error)]
pub enum InstallError {
    /// The hooks directory could not be determined or may not be used.
    #[error("failed to find the hooks directory")]
    Dir(#[from] HooksDirError),
    /// Both a foreign hook and a chained hook exist: moving one would lose the other.
    #[error(
        "{} is not ours and {} already exists; move one of them away, then install again",
        hook.display(),
        chained.display()
    )]
    ChainedExists {
        /// The foreign hook.
        hook: PathBuf,
        /// The existing chained hook.
        chained: PathBuf,
    },
    /// A file step failed.
    #[error(transparent)]
    Io(#[from] FileError),
    /// The merge driver could not be registered.
    #[error("failed to register the merge driver")]
    MergeDriver(#[source] crate::GitError),
    /// `.gitattributes` could not be updated.
    #[error("failed to update .gitattributes")]
    Attributes(#[source] crate::WriteError),
}

/// What [`uninstall`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UninstallReport {
    /// The hook file.
    pub hook: PathBuf,
    /// Whether our hook was removed (false: it was not installed).
    pub removed: bool,
    /// Whether a chained hook was put back in its place.
    pub restored: bool,
    /// Whether the merge driver config was removed.
    pub merge_driver_removed: bool,
    /// `.gitattributes` lines removed.
    pub attributes_removed: Vec<String>,
}

/// Why [`uninstall`] failed.
#[derive(Debug, Error)]
pub enum UninstallError {
    /// The hooks directory could not be determined or may not be used.
    #[error("failed to find the hooks directory")]
    Dir(#[from] HooksDirError),
    /// A file step failed.
    #[error(transparent)]
    Io(#[from] FileError),
    /// The merge driver config could not be removed.
    #[error("failed to remove the merge driver from the git config")]
    MergeDriver(#[source] crate::GitError),
    /// `.gitattributes` could not be updated.
    #[error("failed to update .gitattributes")]
    Attributes(#[source] crate::WriteError),
}

/// The state of the hook, for `oneonone hooks status`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HookStatus {
    /// The hooks directory and why.
    pub dir: HooksDir,
    /// The hook file.
    pub hook: PathBuf,
    /// Whether our hook is installed there.
    pub installed: bool,
    /// Whether a hook that is not ours is there instead.
    pub foreign_hook: bool,
    /// The chained hook, when there is one.
    pub chained: Option<PathBuf>,
    /// The binary path baked into our hook, when installed.
    pub binary: Option<PathBuf>,
    /// Whether that binary exists.
    pub binary_found: bool,
    /// Whether the merge driver is registered in the git config.
    pub merge_driver: bool,
}

/// Why [`status`] failed.
#[derive(Debug, Error)]
pub enum StatusError {
    /// The hooks directory could not be determined or may not be used.
    #[error("failed to find the hooks directory")]
    Dir(#[from] HooksDirError),
    /// The hook could not be read.
    #[error(transparent)]
    Io(#[from] FileError),
}

/// The hook script for `binary`: the template in `hooks/pre-commit` with the binary's
/// path baked in (shell-quoted).
pub fn hook_script(binary: &Path) -> String {
    SCRIPT_TEMPLATE.replace(BIN_PLACEHOLDER, &shell_quote(&binary.to_string_lossy()))
}

/// Whether a hook's bytes are one of our scripts (any version).
pub fn is_our_hook(bytes: &[u8]) -> bool {
    bytes
        .split(|&b| b == b'\n')
        .take(5)
        .any(|line| line.starts_with(b"# oneonone-hook "))
}

fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

/// Finds the hooks directory git uses for the repository around `repo`, by asking git
/// (`git rev-parse --git-path hooks`), so includes, `includeIf`, `-c` and worktree config
/// count exactly as they do for git; then asks git where `core.hooksPath` was set.
///
/// # Errors
/// [`HooksDirError`]: not a git repository, a bare one, a global or system
/// `core.hooksPath`, or git failing to answer.
pub fn hooks_dir(repo: &NotesRepo) -> Result<HooksDir, HooksDirError> {
    let (Some(git_dir), Some(common)) = (repo.git_dir(), repo.common_git_dir()) else {
        return Err(HooksDirError::NotGit);
    };
    let Some(workdir) = repo.git_workdir() else {
        return Err(HooksDirError::Bare {
            path: git_dir.to_owned(),
        });
    };
    let git = GitCli::new(git_dir, workdir, None);
    let asked = |e: GitCliError| HooksDirError::Git {
        message: e.to_string(),
    };
    let answer = git
        .query("rev-parse", &["rev-parse", "--git-path", "hooks"])
        .map_err(asked)?
        .unwrap_or_default();
    let answer = answer.trim_end_matches(['\n', '\r']);
    if answer.is_empty() {
        return Err(HooksDirError::Git {
            message: "`git rev-parse --git-path hooks` gave no path".to_owned(),
        });
    }
    // A relative answer is relative to where git ran: the work tree root.
    let path = workdir.join(answer);
    let origin = git
        .query(
            "config",
            &[
                "config",
                "--show-scope",
                "--show-origin",
                "--get",
                "core.hooksPath",
            ],
        )
        .map_err(asked)?;
    let Some(origin) = origin else {
        return Ok(HooksDir {
            path,
            source: HooksDirSource::Default,
        });
    };
    let mut fields = origin.trim_end_matches(['\n', '\r']).splitn(3, '\t');
    let scope = fields.next().unwrap_or_default();
    let file = fields.next().unwrap_or_default();
    let value = fields.next().unwrap_or_default().to_owned();
    let source = match scope {
        "worktree" => HooksDirSource::WorktreeConfig,
        "command" => HooksDirSource::CommandLine,
        "global" | "system" => {
            let (scope, fix) = if scope == "global" {
                ("global", "git config --global --unset core.hooksPath")
            } else {
                ("system", "sudo git config --system --unset core.hooksPath")
            };
            return Err(HooksDirError::SharedHooksPath {
                scope,
                file: PathBuf::from(file.strip_prefix("file:").unwrap_or(file)),
                value,
                fix: fix.to_owned(),
                local_dir: common.join("hooks"),
            });
        }
        _ => HooksDirSource::LocalConfig,
    };
    Ok(HooksDir { path, source })
}

/// Installs the pre-commit hook (and, when asked, the merge driver). Installing twice
/// changes nothing the second time.
///
/// # Errors
/// [`InstallError`]: no usable hooks directory, a foreign hook next to an existing
/// chained one, or a failed file or config step.
pub fn install(repo: &NotesRepo, options: &InstallOptions) -> Result<InstallReport, InstallError> {
    let dir = hooks_dir(repo)?;
    let hook = dir.path.join(HOOK_NAME);
    let chained = dir.path.join(CHAINED_NAME);
    let script = hook_script(&options.binary);
    let io = FileError::at::<InstallError>;
    std::fs::create_dir_all(&dir.path).map_err(io(&dir.path, "create the hooks directory"))?;
    let change = match std::fs::symlink_metadata(&hook) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            write_script(&hook, &script).map_err(io(&hook, "write the hook"))?;
            HookChange::Installed
        }
        Err(e) => return Err(io(&hook, "inspect the hook")(e)),
        Ok(_) => {
            // A dangling symlink or an unreadable file is foreign: it is moved, not read.
            let current = std::fs::read(&hook).unwrap_or_default();
            if is_our_hook(&current) {
                if current == script.as_bytes() {
                    HookChange::Unchanged
                } else {
                    write_script(&hook, &script).map_err(io(&hook, "write the hook"))?;
                    HookChange::Updated
                }
            } else {
                if std::fs::symlink_metadata(&chained).is_ok() {
                    return Err(InstallError::ChainedExists { hook, chained });
                }
                // A rename keeps the old hook's bytes, mode and symlink-ness exactly, which
                // is what lets uninstall restore it byte for byte.
                std::fs::rename(&hook, &chained)
                    .map_err(io(&hook, "move the existing hook aside"))?;
                if let Err(e) = write_script(&hook, &script) {
                    let _ = std::fs::rename(&chained, &hook);
                    return Err(io(&hook, "write the hook")(e));
                }
                HookChange::InstalledChained
            }
        }
    };
    let chained = std::fs::symlink_metadata(&chained)
        .is_ok()
        .then_some(chained);
    let merge_driver = if options.merge_driver {
        Some(install_merge_driver(repo, &options.binary)?)
    } else {
        None
    };
    Ok(InstallReport {
        dir,
        hook,
        change,
        chained,
        merge_driver,
    })
}

/// Writes the script through a temp file and a rename, executable, so that git never
/// runs a half-written hook.
fn write_script(path: &Path, script: &str) -> std::io::Result<()> {
    let parent = path.parent().unwrap_or(Path::new("."));
    let mut tmp = tempfile::Builder::new()
        .prefix(".oneonone-hook")
        .tempfile_in(parent)?;
    tmp.write_all(script.as_bytes())?;
    tmp.as_file().sync_all()?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o755))?;
    }
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

fn install_merge_driver(
    repo: &NotesRepo,
    binary: &Path,
) -> Result<MergeDriverChange, InstallError> {
    let common = repo
        .common_git_dir()
        .ok_or(InstallError::Dir(HooksDirError::NotGit))?;
    let mut config = open_common_config(common).map_err(InstallError::MergeDriver)?;
    let name_key = merge_driver_key("name");
    let driver_key = merge_driver_key("driver");
    let name = "oneonone: keeps entries and items from both sides";
    let mut config_written = false;
    let command = merge_driver_command(binary);
    for (key, value) in [(&name_key, name), (&driver_key, command.as_str())] {
        if config.get_string(key).ok().as_deref() != Some(value) {
            config
                .set_str(key, value)
                .map_err(|e| InstallError::MergeDriver(GitError::from_git2(&e)))?;
            config_written = true;
        }
    }
    let attributes_file = attributes_file(repo);
    let wanted = attribute_lines(repo);
    let current = match std::fs::read_to_string(&attributes_file) {
        Ok(t) => Some(t),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(FileError::at(&attributes_file, "read .gitattributes")(e)),
    };
    let present: Vec<&str> = current
        .iter()
        .flat_map(|t| t.lines())
        .map(str::trim)
        .collect();
    let missing: Vec<String> = wanted
        .into_iter()
        .filter(|l| !present.contains(&l.as_str()))
        .collect();
    if !missing.is_empty() {
        let mut text = current.clone().unwrap_or_default();
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        for line in &missing {
            text.push_str(line);
            text.push('\n');
        }
        match &current {
            Some(old) => crate::fs::write_if_unchanged(&attributes_file, old, &text),
            None => crate::fs::write_new(&attributes_file, &text),
        }
        .map_err(InstallError::Attributes)?;
    }
    Ok(MergeDriverChange {
        config_written,
        attributes_added: missing,
        attributes_file,
    })
}

/// The repository's own git config file, in the common git directory so that every
/// worktree sees the merge driver.
fn open_common_config(common: &Path) -> Result<git2::Config, GitError> {
    git2::Config::open(&common.join("config")).map_err(|e| GitError::from_git2(&e))
}

/// A `merge.oneonone.*` key.
fn merge_driver_key(field: &str) -> String {
    format!("merge.{MERGE_DRIVER_NAME}.{field}")
}

fn attributes_file(repo: &NotesRepo) -> PathBuf {
    repo.git_workdir()
        .unwrap_or(repo.root())
        .join(".gitattributes")
}

/// The `.gitattributes` lines that route the notes and the backlog to the merge driver,
/// as paths relative to the work tree root.
fn attribute_lines(repo: &NotesRepo) -> Vec<String> {
    let workdir = repo.git_workdir().unwrap_or(repo.root());
    let rel = |p: &Path| {
        let p = p.strip_prefix(workdir).unwrap_or(p);
        p.to_string_lossy().replace('\\', "/")
    };
    let pattern = |p: String| {
        // Patterns with spaces must be quoted in .gitattributes.
        if p.contains(char::is_whitespace) {
            format!("\"{}\"", p.replace('"', "\\\""))
        } else {
            p
        }
    };
    vec![
        format!(
            "{} merge={MERGE_DRIVER_NAME}",
            pattern(format!("{}/**/*.md", rel(&repo.notes_dir())))
        ),
        format!(
            "{} merge={MERGE_DRIVER_NAME}",
            pattern(rel(&repo.backlog_path()))
        ),
    ]
}

/// Removes our hook and puts back the hook it chained, byte for byte; removes the merge
/// driver's config and `.gitattributes` lines when present. A hook that is not ours is
/// left alone.
///
/// # Errors
/// [`UninstallError`]: no usable hooks directory, or a failed file or config step.
pub fn uninstall(repo: &NotesRepo) -> Result<UninstallReport, UninstallError> {
    let dir = hooks_dir(repo)?;
    let hook = dir.path.join(HOOK_NAME);
    let chained = dir.path.join(CHAINED_NAME);
    let io = FileError::at::<UninstallError>;
    let hook_exists = std::fs::symlink_metadata(&hook).is_ok();
    let ours = hook_exists && is_our_hook(&std::fs::read(&hook).unwrap_or_default());
    let mut removed = false;
    let mut restored = false;
    if ours {
        std::fs::remove_file(&hook).map_err(io(&hook, "remove the hook"))?;
        removed = true;
    }
    if (ours || !hook_exists) && std::fs::symlink_metadata(&chained).is_ok() {
        std::fs::rename(&chained, &hook).map_err(io(&chained, "restore the chained hook"))?;
        restored = true;
    }
    let (merge_driver_removed, attributes_removed) = uninstall_merge_driver(repo)?;
    Ok(UninstallReport {
        hook,
        removed,
        restored,
        merge_driver_removed,
        attributes_removed,
    })
}

fn uninstall_merge_driver(repo: &NotesRepo) -> Result<(bool, Vec<String>), UninstallError> {
    let Some(common) = repo.common_git_dir() else {
        return Ok((false, Vec::new()));
    };
    let mut config = open_common_config(common).map_err(UninstallError::MergeDriver)?;
    let driver_key = merge_driver_key("driver");
    let mut removed = false;
    if config
        .get_string(&driver_key)
        .is_ok_and(|v| is_our_merge_driver(&v))
    {
        for key in [driver_key, merge_driver_key("name")] {
            match config.remove(&key) {
                Ok(()) => {}
                Err(e) if e.code() == git2::ErrorCode::NotFound => {}
                Err(e) => {
                    return Err(UninstallError::MergeDriver(GitError::from_git2(&e)));
                }
            }
        }
        removed = true;
    }
    let file = attributes_file(repo);
    let Ok(current) = std::fs::read_to_string(&file) else {
        return Ok((removed, Vec::new()));
    };
    let ours = attribute_lines(repo);
    let mut dropped = Vec::new();
    let kept: String = current
        .split_inclusive('\n')
        .filter(|l| {
            let hit = ours.iter().any(|o| o == l.trim());
            if hit {
                dropped.push(l.trim().to_owned());
            }
            !hit
        })
        .collect();
    if !dropped.is_empty() {
        if kept.is_empty() {
            std::fs::remove_file(&file).map_err(FileError::at::<UninstallError>(
                &file,
                "remove .gitattributes",
            ))?;
        } else {
            crate::fs::write_if_unchanged(&file, &current, &kept)
                .map_err(UninstallError::Attributes)?;
        }
    }
    Ok((removed, dropped))
}

/// Reports whether our hook is installed, where, whether it chains another, and whether
/// the binary it calls exists.
///
/// # Errors
/// [`StatusError`]: no usable hooks directory, or an unreadable hook.
pub fn status(repo: &NotesRepo) -> Result<HookStatus, StatusError> {
    let dir = hooks_dir(repo)?;
    let hook = dir.path.join(HOOK_NAME);
    let chained = dir.path.join(CHAINED_NAME);
    let bytes = match std::fs::read(&hook) {
        Ok(b) => Some(b),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(FileError::at(&hook, "read the hook")(e)),
    };
    let installed = bytes.as_deref().is_some_and(is_our_hook);
    let binary = if installed {
        bytes.as_deref().and_then(baked_binary)
    } else {
        None
    };
    let binary_found = binary.as_deref().is_some_and(Path::is_file);
    let merge_driver = repo
        .common_git_dir()
        .and_then(|c| open_common_config(c).ok())
        .and_then(|c| c.get_string(&merge_driver_key("driver")).ok())
        .is_some();
    Ok(HookStatus {
        foreign_hook: bytes.is_some() && !installed,
        installed,
        chained: std::fs::symlink_metadata(&chained)
            .is_ok()
            .then_some(chained),
        binary,
        binary_found,
        merge_driver,
        dir,
        hook,
    })
}

/// The binary path baked into one of our scripts (`oneonone_bin='…'`).
fn baked_binary(script: &[u8]) -> Option<PathBuf> {
    let text = std::str::from_utf8(script).ok()?;
    let line = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("oneonone_bin="))?;
    let quoted = line.strip_prefix('\'')?.strip_suffix('\'')?;
    Some(PathBuf::from(quoted.replace(r"'\''", "'")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_bakes_quoted_binary_and_id() {
        let s = hook_script(Path::new("/opt/it's here/oneonone"));
        assert!(s.starts_with("#!/bin/sh\n"));
        assert!(s.contains(HOOK_ID));
        assert!(!s.contains(BIN_PLACEHOLDER));
        assert!(is_our_hook(s.as_bytes()));
        assert_eq!(
            baked_binary(s.as_bytes()),
            Some(PathBuf::from("/opt/it's here/oneonone"))
        );
        assert!(s.contains(CHAINED_NAME));
    }

    #[test]
    fn foreign_hook_not_recognised_as_ours() {
        assert!(!is_our_hook(b"#!/bin/sh\nexec lint-staged\n"));
        assert!(!is_our_hook(b""));
    }
}
