//! `oneonone new NAME`: a running document for a new relationship.

use super::common::{date_or_today, open_repo, relative};
use crate::cli::Global;
use crate::error::{CliError, CliResult};
use oneonone_core::template::{NewDocument, render};
use oneonone_core::{Frequency, Relationship};

/// Arguments of `new`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The other person's full name, e.g. "Sarah Chen".
    pub name: String,
    /// Their role, e.g. Manager.
    #[arg(long)]
    pub role: Option<String>,
    /// manager | skip-level | mentor | report | peer (default: read from --role).
    #[arg(long)]
    pub relationship: Option<String>,
    /// weekly | biweekly | monthly | every N weeks (default from the configuration).
    #[arg(long)]
    pub frequency: Option<String>,
    /// The start date (default today).
    #[arg(long)]
    pub date: Option<String>,
}

/// Writes the new document; refuses to overwrite an existing one.
pub fn run(global: &Global, args: Args) -> CliResult {
    let repo = open_repo(global)?;
    repo.check_paths().map_err(CliError::user)?;
    let name = args.name.trim();
    let slug = oneonone_git::slugify(name);
    oneonone_git::validate_slug(&slug).map_err(|e| {
        CliError::user(format!("cannot make a file name from '{name}'")).caused_by(e)
    })?;
    let relationship = match args.relationship.as_deref() {
        Some(r) => Some(Relationship::parse(r).ok_or_else(|| {
            CliError::user(format!(
                "unknown relationship '{r}': use manager, skip-level, mentor, report or peer"
            ))
        })?),
        None => args.role.as_deref().and_then(Relationship::from_role),
    };
    let frequency = args
        .frequency
        .unwrap_or_else(|| repo.config().settings.default_frequency.clone());
    if Frequency::parse(&frequency).is_none() {
        return Err(CliError::user(format!(
            "unknown frequency '{frequency}': use weekly, biweekly, monthly or every N weeks"
        )));
    }
    let started = date_or_today(args.date.as_deref())?;
    let path = repo.document_path(&slug).map_err(CliError::user)?;
    if path.exists() {
        return Err(CliError::user(format!(
            "{} already exists",
            relative(repo.root(), &path)
        )));
    }
    std::fs::create_dir_all(repo.notes_dir())
        .map_err(|e| CliError::user("failed to create the notes directory").caused_by(e))?;
    let text = render(&NewDocument {
        person: name,
        role: args.role.as_deref(),
        relationship,
        frequency: &frequency,
        started,
    });
    oneonone_git::fs::write_new(&path, &text).map_err(CliError::user)?;
    crate::output::print(&format!("Created {}\n", relative(repo.root(), &path)));
    Ok(())
}
