//! `oneonone hooks install | uninstall | status`, and the hidden `oneonone hook pre-commit`
//! that the installed script runs.

use crate::cli::Global;
use crate::error::{CliError, CliResult};
use oneonone_git::NotesRepo;
use oneonone_git::hooks::{self, HookChange, HooksDirSource, InstallOptions};
use std::fmt::Write as _;

/// Arguments of `hooks`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    action: Action,
}

#[derive(Debug, clap::Subcommand)]
enum Action {
    /// Install the pre-commit hook that validates staged notes files.
    #[command(
        after_help = "Examples:\n  oneonone hooks install\n  oneonone hooks install --merge-driver"
    )]
    Install {
        /// Also register the merge driver (git config and .gitattributes).
        #[arg(long)]
        merge_driver: bool,
    },
    /// Remove the hook, restoring any hook that was there before, byte for byte.
    #[command(after_help = "Example:\n  oneonone hooks uninstall")]
    Uninstall,
    /// Say whether the hook is installed, where, and whether it chains another.
    #[command(after_help = "Example:\n  oneonone hooks status")]
    Status,
}

/// Arguments of the hidden `hook` command, run by the installed hook scripts.
#[derive(Debug, clap::Args)]
pub struct HookArgs {
    #[command(subcommand)]
    hook: HookKind,
}

#[derive(Debug, clap::Subcommand)]
enum HookKind {
    /// Validate the staged notes files; exit 1 on errors.
    #[command(after_help = "Example:\n  oneonone hook pre-commit")]
    PreCommit,
}

/// Runs `hooks install | uninstall | status`.
pub fn run(global: &Global, args: Args) -> CliResult {
    let repo = NotesRepo::discover(&global.start).map_err(CliError::user)?;
    let out = match args.action {
        Action::Install { merge_driver } => install(&repo, merge_driver)?,
        Action::Uninstall => uninstall(&repo)?,
        Action::Status => status(&repo)?,
    };
    crate::output::print(&out);
    Ok(())
}

/// Installs the hook (and the merge driver) and says what changed.
fn install(repo: &NotesRepo, merge_driver: bool) -> CliResult<String> {
    let binary = std::env::current_exe()
        .and_then(std::fs::canonicalize)
        .map_err(|e| CliError::internal(LocateBinary(e)))?;
    let options = InstallOptions {
        binary,
        merge_driver,
    };
    let report = hooks::install(repo, &options).map_err(CliError::user)?;
    let what = match report.change {
        HookChange::Installed => "installed",
        HookChange::InstalledChained => "installed (chaining the existing hook)",
        HookChange::Unchanged => "already installed",
        HookChange::Updated => "updated",
    };
    let mut out = String::new();
    let _ = writeln!(out, "pre-commit hook {what}: {}", report.hook.display());
    if let Some(chained) = &report.chained {
        let _ = writeln!(out, "runs first: {}", chained.display());
    }
    if let Some(md) = &report.merge_driver {
        let cfg = if md.config_written {
            "registered in the git config"
        } else {
            "already in the git config"
        };
        let _ = writeln!(out, "merge driver {cfg}");
        for line in &md.attributes_added {
            let _ = writeln!(out, "added to {}: {line}", md.attributes_file.display());
        }
    }
    Ok(out)
}

/// Removes the hook (restoring the one it chained) and says what was undone.
fn uninstall(repo: &NotesRepo) -> CliResult<String> {
    let report = hooks::uninstall(repo).map_err(CliError::user)?;
    let hook = report.hook.display();
    let mut out = match (report.removed, report.restored) {
        (true, true) => format!("pre-commit hook removed; the previous hook is back at {hook}\n"),
        (true, false) => format!("pre-commit hook removed: {hook}\n"),
        (false, true) => format!("previous hook restored: {hook}\n"),
        (false, false) => "pre-commit hook not installed: nothing to remove\n".to_owned(),
    };
    if report.merge_driver_removed {
        let _ = writeln!(out, "merge driver removed from the git config");
    }
    for line in &report.attributes_removed {
        let _ = writeln!(out, "removed from .gitattributes: {line}");
    }
    Ok(out)
}

/// Where the hook is, whether it is ours, what it chains and whether its binary is there.
fn status(repo: &NotesRepo) -> CliResult<String> {
    let s = hooks::status(repo).map_err(CliError::user)?;
    let source = match s.dir.source {
        HooksDirSource::Default => "the repository's hooks directory",
        HooksDirSource::LocalConfig => "core.hooksPath in the repository config",
        HooksDirSource::WorktreeConfig => "core.hooksPath in the worktree config",
        HooksDirSource::CommandLine => "core.hooksPath on git's command line",
    };
    let state = if s.installed {
        "installed"
    } else if s.foreign_hook {
        "not installed (another pre-commit hook is there)"
    } else {
        "not installed"
    };
    let mut out = String::new();
    let _ = writeln!(out, "pre-commit hook: {state}");
    let _ = writeln!(out, "location: {} ({source})", s.hook.display());
    let _ = match &s.chained {
        Some(c) => writeln!(out, "chained: yes, runs first: {}", c.display()),
        None => writeln!(out, "chained: no"),
    };
    if let Some(bin) = &s.binary {
        let found = if s.binary_found {
            "found"
        } else {
            "missing: commits are blocked until it is reinstalled or found on PATH"
        };
        let _ = writeln!(out, "binary: {} ({found})", bin.display());
    }
    let md = if s.merge_driver {
        "registered"
    } else {
        "not registered"
    };
    let _ = writeln!(out, "merge driver: {md}");
    Ok(out)
}

/// Runs the hidden `hook pre-commit`: the check `oneonone-pre-commit` runs too.
pub fn run_hook(args: HookArgs) -> CliResult {
    match args.hook {
        HookKind::PreCommit => super::pre_commit::run(),
    }
}

#[derive(Debug, thiserror::Error)]
#[error("failed to locate the oneonone binary")]
struct LocateBinary(#[source] std::io::Error);
