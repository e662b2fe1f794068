//! `oneonone show PERSON`: the parsed running document.

use super::common::{Loaded, find_person, load, open_repo};
use crate::cli::Global;
use crate::error::CliResult;
pub use crate::output::Format;
use crate::output::Style;
use oneonone_core::{ActionItem, ActionList, FrontMatter, Outline, Owner};
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
    /// The document, part by part.
    #[serde(flatten)]
    pub outline: Outline,
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
        outline: doc.outline().clone(),
    })
}

/// Prints the document's model.
pub fn run(global: &Global, args: Args) -> CliResult {
    let report = execute(global, &args.person)?;
    crate::output::print_report(&report, args.format, global.color, render_text)
}

/// The document at a glance: who, the front matter's facts, focus areas, threads, the
/// open action items by owner, and the meeting and accomplishment counts.
fn render_text(r: &ShowReport, style: Style) -> String {
    let name = r.outline.front_matter.person.as_deref().unwrap_or(&r.slug);
    let mut out = format!(
        "{} {}\n",
        style.bold(name),
        style.dim(&format!("({})", r.path))
    );
    out.push_str(&facts(&r.outline.front_matter));
    out.push_str(&focus_and_threads(r, style));
    for (owner, items) in action_groups(&r.outline.action_lists) {
        out.push_str(&render_actions(owner, &items, name, style));
    }
    if let Some(last) = r.outline.meetings.first() {
        out.push_str(&format!(
            "\nLast meeting: {} ({} in history)\n",
            last.date,
            r.outline.meetings.len()
        ));
    }
    out.push_str(&format!(
        "Accomplishments shared: {}\n",
        r.outline.accomplishments.len()
    ));
    out
}

/// The front matter's facts on one line, empty when there are none.
fn facts(fm: &FrontMatter) -> String {
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
    if facts.is_empty() {
        String::new()
    } else {
        format!("{}\n", facts.join(", "))
    }
}

/// The focus areas, and each thread with its entry count and latest date.
fn focus_and_threads(r: &ShowReport, style: Style) -> String {
    let mut out = String::new();
    if !r.outline.focus_areas.is_empty() {
        out.push_str(&format!("\n{}\n", style.bold("Focus areas")));
        for b in &r.outline.focus_areas {
            out.push_str(&format!("- {}\n", b.text));
        }
    }
    if !r.outline.threads.is_empty() {
        out.push_str(&format!("\n{}\n", style.bold("Threads")));
        for t in &r.outline.threads {
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
    out
}

/// The action items grouped by each item's owner, in the order the owners first appear:
/// `- [ ] Alex: …` under My Actions is Alex's.
fn action_groups(lists: &[ActionList]) -> Vec<(&Owner, Vec<&ActionItem>)> {
    let mut groups: Vec<(&Owner, Vec<&ActionItem>)> = Vec::new();
    for list in lists {
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
    groups
}

/// One owner's actions: a title with the open and done counts, then the open items, an
/// overdue due date in red.
fn render_actions(owner: &Owner, items: &[&ActionItem], name: &str, style: Style) -> String {
    let open: Vec<_> = items.iter().filter(|i| !i.done).collect();
    let done = items.len() - open.len();
    let title = match owner {
        Owner::Me => "My actions".to_owned(),
        Owner::Them => format!("{}'s actions", oneonone_core::people::first_name(name)),
        Owner::Named(n) => format!("{n}'s actions"),
        Owner::Unassigned => "Unassigned actions".to_owned(),
    };
    let mut out = format!(
        "\n{} ({} open, {})\n",
        style.bold(&title),
        open.len(),
        style.green(&format!("{done} done"))
    );
    for item in open {
        let due = item.due.map(|d| format!(" (by {d})")).unwrap_or_default();
        let due = if item.due.is_some_and(|d| d < super::common::today()) {
            style.red(&due)
        } else {
            due
        };
        out.push_str(&format!("- [ ] {}{due}\n", item.text));
    }
    out
}
