//! `oneonone init`: the configuration, the notes directory and the template.

use crate::cli::Global;
use crate::error::{CliError, CliResult};
use oneonone_git::{Config, NotesRepo};

/// Arguments of `init`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Creates what is missing; never overwrites what exists.
pub fn run(global: &Global, _args: Args) -> CliResult {
    let repo = NotesRepo::discover(&global.start).map_err(CliError::user)?;
    repo.check_paths().map_err(CliError::user)?;
    let mut created = Vec::new();
    let config = repo.config_file();
    if !config.exists() {
        oneonone_git::fs::write_new(&config, &Config::default_toml_commented())
            .map_err(CliError::user)?;
        created.push(config.clone());
    }
    let notes = repo.notes_dir();
    if !notes.is_dir() {
        std::fs::create_dir_all(&notes).map_err(|e| {
            CliError::user(format!("failed to create {}", notes.display())).caused_by(e)
        })?;
        created.push(notes.clone());
    }
    let template = notes.join("_template.md");
    if !template.exists() {
        oneonone_git::fs::write_new(&template, oneonone_core::template::generic_template())
            .map_err(CliError::user)?;
        created.push(template);
    }
    let mut out = String::new();
    if created.is_empty() {
        out.push_str(&format!(
            "Already initialised in {}\n",
            repo.root().display()
        ));
    }
    for path in created {
        out.push_str(&format!(
            "Created {}\n",
            super::common::relative(repo.root(), &path)
        ));
    }
    crate::output::print(&out);
    Ok(())
}
