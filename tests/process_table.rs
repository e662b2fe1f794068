//! The classification table (`oneonone-core/tests/fixtures/note-table.tsv`) through the real
//! binary: every row is piped into `oneonone process sarah - --dry-run --format json` against
//! the seed's document before 2026-01-15, and the JSON report must say what the table says.

mod common;
#[path = "../oneonone-core/tests/support/note_table.rs"]
mod note_table;

use common::{Sandbox, dry_run_of_notes, stderr};
use note_table::Outcome;
use serde_json::Value;

const BEFORE: &str =
    include_str!("../oneonone-core/tests/fixtures/sarah-chen-before-2026-01-15.md");

fn sandbox() -> Sandbox {
    let sb = Sandbox::new();
    sb.write(".oneonone.toml", "my_name = \"Alex\"\n");
    sb.write("Career/1-on-1s/sarah-chen.md", BEFORE);
    sb
}

fn text(v: &Value) -> Option<String> {
    v.as_str().map(str::to_owned)
}

fn owner(v: &Value) -> Option<String> {
    match v["kind"].as_str()? {
        "named" => Some(format!("named:{}", v["name"].as_str()?)),
        kind => Some(kind.to_owned()),
    }
}

fn thread(change: &Value) -> Option<String> {
    (change["target"]["section"] == "thread")
        .then(|| text(&change["target"]["name"]))
        .flatten()
}

/// The first change the note's line made, in the table's terms.
fn outcome(report: &Value) -> Result<Outcome, String> {
    let changes = report["applied"]["changes"]
        .as_array()
        .ok_or("no applied.plan.changes in the report")?;
    let mut mine = changes.iter().filter(|c| c["source_line"] == 1);
    let first = mine.next().ok_or("no change from line 1")?;
    let (kind, thread) = match first["kind"].as_str().unwrap_or_default() {
        kind @ ("my_action" | "their_action") => (kind, None),
        "focus_area" => ("goal", mine.next().and_then(thread)),
        "accomplishment" => ("accomplishment", None),
        "completion" => ("done", None),
        "thread_entry" => {
            let kind = match first["note_kind"].as_str() {
                Some("decision") => "decision",
                Some("goal") => "goal",
                _ => "discussion",
            };
            (kind, thread(first))
        }
        other => return Err(format!("unexpected first change {other:?}")),
    };
    // Only an action has an owner, a due date and a priority: anything else that had one
    // would differ from the table's `-`.
    Ok(Outcome {
        kind: kind.to_owned(),
        owner: owner(&first["owner"]),
        thread,
        due: text(&first["due"]),
        priority: first["priority"].as_u64().map(|p| format!("P{p}")),
    })
}

#[test]
fn note_table_rows_classify_per_spec_through_the_binary() {
    let sb = sandbox();
    let rows = note_table::rows();
    assert!(rows.len() >= 250, "{} rows", rows.len());
    let mut failures = Vec::new();
    for row in &rows {
        let out = dry_run_of_notes(&sb, "2026-01-15", &format!("{}\n", row.note));
        let got = if out.status.success() {
            serde_json::from_slice::<Value>(&out.stdout)
                .map_err(|e| format!("invalid JSON: {e}"))
                .and_then(|v| outcome(&v))
        } else {
            Err(format!(
                "exit {:?}: {}",
                out.status.code(),
                stderr(&out).trim()
            ))
        };
        match got {
            Ok(got) if got == row.want => {}
            Ok(got) => failures.push(format!(
                "note-table.tsv:{}: {:?}\n  want {}\n  got  {}",
                row.line, row.note, row.want, got
            )),
            Err(e) => failures.push(format!("note-table.tsv:{}: {:?}: {e}", row.line, row.note)),
        }
    }
    // A dry run writes nothing, whatever the notes.
    assert_eq!(sb.read("Career/1-on-1s/sarah-chen.md"), BEFORE);
    assert!(!sb.root.join("BACKLOG.md").exists());
    assert!(
        failures.is_empty(),
        "{} of {} rows differ:\n{}",
        failures.len(),
        rows.len(),
        failures.join("\n")
    );
}
