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
pub fn run(args: Args) -> CliResult {
    let read = |p: &Path| {
        std::fs::read_to_string(p).map_err(|source| {
            CliError::user(ReadVersion {
                path: p.to_owned(),
                source,
            })
        })
    };
    let (base, ours, theirs) = (read(&args.base)?, read(&args.ours)?, read(&args.theirs)?);
    let merged = oneonone_git::merge::merge_texts(&base, &ours, &theirs);
    if merged.text != ours {
        std::fs::write(&args.ours, &merged.text).map_err(|source| {
            CliError::internal(WriteResult {
                path: args.ours.clone(),
                source,
            })
        })?;
    }
    if merged.conflicts > 0 {
        let path = args.path.as_deref().unwrap_or("the file");
        eprintln!(
            "oneonone merge-driver: {} conflict{} in {path} (free text changed on both sides)",
            merged.conflicts,
            if merged.conflicts == 1 { "" } else { "s" }
        );
        return Err(CliError::reported());
    }
    Ok(())
}

#[derive(Debug, thiserror::Error)]
#[error("failed to read {}", path.display())]
struct ReadVersion {
    path: PathBuf,
    #[source]
    source: std::io::Error,
}

#[derive(Debug, thiserror::Error)]
#[error("failed to write the merge result to {}", path.display())]
struct WriteResult {
    path: PathBuf,
    #[source]
    source: std::io::Error,
}
