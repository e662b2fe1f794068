//! `oneonone show PERSON`: the parsed running document.

use super::common::{Loaded, find_person, load, open_repo};
use crate::cli::Global;
use crate::error::{CliError, CliResult};
pub use crate::output::Format;
use crate::output::Style;
use oneonone_core::{ActionList, Bullet, Entry, FrontMatter, Owner, Section, Thread};
use serde::Serialize;

/// Arguments of `show`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Slug, unique prefix or name of the person.
    pub person: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// The parsed model of one running document, as `show --format json` prints it.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct ShowReport {
    /// The JSON schema version.
    pub schema_version: u32,
    /// The file stem.
    pub slug: String,
    /// The path relative to the repository root.
    pub path: String,
    /// Front matter.
    pub front_matter: FrontMatter,
    /// Every `##` section in order.
    pub sections: Vec<Section>,
    /// Current focus areas.
    pub focus_areas: Vec<Bullet>,
    /// Ongoing threads.
    pub threads: Vec<Thread>,
    /// Action item lists by owner.
    pub action_lists: Vec<ActionList>,
    /// Recent accomplishments shared.
    pub accomplishments: Vec<Entry>,
    /// Meeting history.
    pub meetings: Vec<Entry>,
}

/// Builds the report: the logic shared by the command line and the MCP server.
pub fn execute(global: &Global, person: &str) -> CliResult<ShowReport> {
    let repo = open_repo(global)?;
    let person = find_person(&repo, person)?;
    let Loaded {
        person,
        doc,
        display_path,
        ..
    } = load(&repo, person)?;
    Ok(ShowReport {
        schema_version: crate::output::SCHEMA_VERSION,
        slug: person.slug,
        path: display_path,
        front_matter: doc.front_matter().clone(),
        sections: doc.sections().to_vec(),
        focus_areas: doc.focus_areas().to_vec(),
        threads: doc.threads().to_vec(),
        action_lists: doc.action_lists().to_vec(),
        accomplishments: doc.accomplishments().to_vec(),
        meetings: doc.meetings().to_vec(),
    })
}

/// Prints the document's model.
pub fn run(global: &Global, args: Args) -> CliResult {
    let report = execute(global, &args.person)?;
    match args.format {
        Format::Json => crate::output::print_json(&report).map_err(CliError::internal),
        Format::Text => {
            crate::output::print(&render_text(
                &report,
                Style::new(global.color.stdout_enabled()),
            ));
            Ok(())
        }
    }
}

fn render_text(r: &ShowReport, style: Style) -> String {
    let fm = &r.front_matter;
    let mut out = String::new();
    let name = fm.person.as_deref().unwrap_or(&r.slug);
    out.push_str(&format!(
        "{} {}",
        style.bold(name),
        style.dim(&format!("({})", r.path))
    ));
    out.push('\n');
    let facts: Vec<String> = [
        fm.role.as_deref().map(|v| format!("role: {v}")),
        fm.relationship
            .as_deref()
            .map(|v| format!("relationship: {v}")),
        fm.frequency.as_deref().map(|v| format!("frequency: {v}")),
        fm.started.map(|v| format!("started: {v}")),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !facts.is_empty() {
        out.push_str(&format!("{}\n", facts.join(", ")));
    }
    if !r.focus_areas.is_empty() {
        out.push_str(&format!("\n{}\n", style.bold("Focus areas")));
        for b in &r.focus_areas {
            out.push_str(&format!("- {}\n", b.text));
        }
    }
    if !r.threads.is_empty() {
        out.push_str(&format!("\n{}\n", style.bold("Threads")));
        for t in &r.threads {
            let latest = t
                .entries
                .first()
                .map(|e| format!(" (latest {})", e.date))
                .unwrap_or_default();
            out.push_str(&format!(
                "- {}: {} entries{latest}\n",
                t.name,
                t.entries.len()
            ));
        }
    }
    // Grouped by each item's owner: `- [ ] Alex: …` under My Actions is Alex's.
    let mut groups: Vec<(&Owner, Vec<&oneonone_core::ActionItem>)> = Vec::new();
    for list in &r.action_lists {
        if !groups.iter().any(|(o, _)| *o == &list.owner) {
            groups.push((&list.owner, Vec::new()));
        }
        for item in &list.items {
            match groups.iter_mut().find(|(o, _)| *o == &item.owner) {
                Some((_, items)) => items.push(item),
                None => groups.push((&item.owner, vec![item])),
            }
        }
    }
    for (owner, items) in &groups {
        let open: Vec<_> = items.iter().filter(|i| !i.done).collect();
        let done = items.len() - open.len();
        let title = match owner {
            Owner::Me => "My actions".to_owned(),
            Owner::Them => format!("{}'s actions", oneonone_core::people::first_name(name)),
            Owner::Named(n) => format!("{n}'s actions"),
            Owner::Unassigned => "Unassigned actions".to_owned(),
        };
        out.push_str(&format!(
            "\n{} ({} open, {})\n",
            style.bold(&title),
            open.len(),
            style.green(&format!("{done} done"))
        ));
        for item in open {
            let due = item.due.map(|d| format!(" (by {d})")).unwrap_or_default();
            let due = if item.due.is_some_and(|d| d < super::common::today()) {
                style.red(&due)
            } else {
                due
            };
            out.push_str(&format!("- [ ] {}{due}\n", item.text));
        }
    }
    if let Some(last) = r.meetings.first() {
        out.push_str(&format!(
            "\nLast meeting: {} ({} in history)\n",
            last.date,
            r.meetings.len()
        ));
    }
    out.push_str(&format!(
        "Accomplishments shared: {}\n",
        r.accomplishments.len()
    ));
    out
}
