//! `oneonone merge-driver %O %A %B %P`: the git merge driver for running documents,
//! archives and BACKLOG.md.

use crate::error::{CliError, CliResult};
use std::path::{Path, PathBuf};

/// Arguments of `merge-driver`, in the order git passes them.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The common ancestor's version (%O).
    pub base: PathBuf,
    /// Our version (%A); the merge result is written here.
    pub ours: PathBuf,
    /// Their version (%B).
    pub theirs: PathBuf,
    /// The path being merged (%P), for messages.
    pub path: Option<String>,
}

/// Merges the three versions into `ours`; exit 0 when clean, 1 with conflict markers.
/// A side that is not text the driver can read (not UTF-8, a NUL byte, over 16 MiB) is
/// merged by git's own line merge instead, so the result has conflict markers rather than
/// one side kept silently.
pub fn run(args: Args) -> CliResult {
    let read = |p: &Path| oneonone_git::fs::read_text(p);
    let (base, ours, theirs) = match (read(&args.base), read(&args.ours), read(&args.theirs)) {
        (Ok(b), Ok(o), Ok(t)) => (b, o, t),
        (b, o, t) => {
            let why = [b.err(), o.err(), t.err()]
                .into_iter()
                .flatten()
                .map(|e| e.to_string())
                .collect::<Vec<_>>()
                .join("; ");
            eprintln!("oneonone merge-driver: {why}; falling back to git's line merge");
            let conflicts =
                oneonone_git::merge_file::git_merge_file(&args.base, &args.ours, &args.theirs)
                    .map_err(CliError::user)?;
            return report(&args, conflicts);
        }
    };
    let merged = oneonone_git::merge::merge_texts(&base, &ours, &theirs);
    if merged.text != ours {
        std::fs::write(&args.ours, &merged.text).map_err(|source| {
            CliError::internal(WriteResult {
                path: args.ours.clone(),
                source,
            })
        })?;
    }
    report(&args, merged.conflicts)
}

fn report(args: &Args, conflicts: usize) -> CliResult {
    if conflicts > 0 {
        let path = args.path.as_deref().unwrap_or("the file");
        eprintln!(
            "oneonone merge-driver: {conflicts} conflict{} in {path} (changed on both sides)",
            if conflicts == 1 { "" } else { "s" }
        );
        return Err(CliError::reported());
    }
    Ok(())
}

#[derive(Debug, thiserror::Error)]
#[error("failed to write the merge result to {}", path.display())]
struct WriteResult {
    path: PathBuf,
    #[source]
    source: std::io::Error,
}
