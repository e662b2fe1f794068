//! What [`apply`](super::apply) did, and the summary in the seed's words.

use super::*;
use crate::model::Owner;
use crate::notes::classify::NoteKind;
use schemars::JsonSchema;
use serde::Serialize;
use std::fmt;

/// What [`apply`] did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Applied {
    /// The plan as carried out: every change with `skip` set on those not made.
    #[serde(flatten)]
    pub plan: Plan,
    /// Lines to append to BACKLOG.md (empty when none).
    pub backlog_lines: Vec<String>,
    /// Inbox lines removed.
    pub inbox_removed: usize,
}

impl Applied {
    /// Whether the document changed.
    pub fn changed(&self) -> bool {
        self.inbox_removed > 0 || self.plan.changes.iter().any(|c| c.skip.is_none())
    }

    fn made(&self) -> impl Iterator<Item = &Change> {
        self.plan.changes.iter().filter(|c| c.skip.is_none())
    }

    /// Counts for a commit message: `2 actions, 1 goal, 1 completed, 1 accomplishment,
    /// 1 thread entry` (kinds with none left out; empty when nothing changed).
    pub fn counts(&self) -> String {
        let n = |f: &dyn Fn(&Change) -> bool| self.made().filter(|c| f(c)).count();
        let actions = n(&|c| matches!(c.kind, ChangeKind::MyAction | ChangeKind::TheirAction));
        let goals = n(&|c| c.kind == ChangeKind::FocusArea);
        let done = n(&|c| c.kind == ChangeKind::Completion);
        let wins = n(&|c| c.kind == ChangeKind::Accomplishment);
        let entries =
            n(&|c| c.kind == ChangeKind::ThreadEntry && c.note_kind != Some(NoteKind::Goal));
        let mut parts = Vec::new();
        let mut part = |count: usize, one: &str, many: &str| {
            if count > 0 {
                parts.push(format!("{count} {}", if count == 1 { one } else { many }));
            }
        };
        part(actions, "action", "actions");
        part(goals, "goal", "goals");
        part(done, "completed", "completed");
        part(wins, "accomplishment", "accomplishments");
        part(entries, "thread entry", "thread entries");
        parts.join(", ")
    }

    /// The summary in the seed's "After Meeting" style, naming the document at `path`.
    pub fn summary<'a>(&'a self, path: &'a str) -> impl fmt::Display + 'a {
        Summary {
            applied: self,
            path,
        }
    }
}

struct Summary<'a> {
    applied: &'a Applied,
    path: &'a str,
}

impl fmt::Display for Summary<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let a = self.applied;
        if !a.changed() && a.backlog_lines.is_empty() && a.plan.backlog_ticks.is_empty() {
            writeln!(f, "Nothing to change: every note is already recorded.")?;
        }
        self.write_tasks(f)?;
        self.write_updates(f)?;
        self.write_unmatched(f)?;
        if !a.plan.unrecognised.is_empty() {
            writeln!(f)?;
            writeln!(f, "No rule recognised these; filed as discussion:")?;
            for u in &a.plan.unrecognised {
                writeln!(f, "- line {}: {} ({})", u.line, u.text, u.thread)?;
            }
        }
        Ok(())
    }
}

impl Summary<'_> {
    /// "Created tasks:": the BACKLOG.md tasks written, with their due dates.
    fn write_tasks(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let tasks: Vec<&Change> = self
            .applied
            .plan
            .changes
            .iter()
            .filter(|c| writes_backlog(c))
            .collect();
        if tasks.is_empty() {
            return Ok(());
        }
        writeln!(f, "Created tasks:")?;
        for c in tasks {
            write!(f, "- [P{}] {}", c.priority.unwrap_or(2), c.text)?;
            write_due(f, c)?;
            writeln!(f)?;
        }
        writeln!(f)
    }

    /// "Updated PATH with:": one line per change made, the Inbox and BACKLOG.md ticks.
    fn write_updates(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let a = self.applied;
        let updates: Vec<String> = a.made().map(|c| self.update_line(c)).collect();
        if !updates.is_empty() || a.inbox_removed > 0 {
            writeln!(f, "Updated {} with:", self.path)?;
            for u in updates {
                writeln!(f, "- {u}")?;
            }
            if a.inbox_removed > 0 {
                writeln!(
                    f,
                    "- {} Inbox line(s) processed and removed",
                    a.inbox_removed
                )?;
            }
        }
        if !a.plan.backlog_ticks.is_empty() {
            writeln!(
                f,
                "- BACKLOG.md: {} task(s) ticked with their items",
                a.plan.backlog_ticks.len()
            )?;
        }
        Ok(())
    }

    /// A change in the seed's words: "My action: …", "Sarah's action: …", "Completed: …".
    fn update_line(&self, c: &Change) -> String {
        let a = self.applied;
        let due = if matches!(c.kind, ChangeKind::MyAction | ChangeKind::TheirAction) {
            DueShown(c).to_string()
        } else {
            String::new()
        };
        match (&c.kind, &c.target) {
            (ChangeKind::MyAction, _) => format!("My action: {}{due}", c.text),
            (ChangeKind::TheirAction, Target::Actions(Owner::Named(n))) => {
                format!("{n}'s action: {}{due}", c.text)
            }
            (ChangeKind::TheirAction, _) => format!(
                "{}'s action: {}{due}",
                crate::people::first_name(&a.plan.person),
                c.text
            ),
            (ChangeKind::FocusArea, _) => format!("Focus area: {}", c.text),
            (ChangeKind::ThreadEntry, Target::Thread(t)) => format!("{t}: {}", c.text),
            (ChangeKind::Accomplishment, _) => format!("Accomplishment shared: {}", c.text),
            (ChangeKind::Completion, _) => format!("Completed: {}", c.text),
            (ChangeKind::Meeting, _) => format!("Meeting history: {}: {}", a.plan.date, c.text),
            _ => c.text.clone(),
        }
    }

    /// The "done" notes that ticked nothing: matching no open item, or several alike.
    fn write_unmatched(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (tied, none): (Vec<&Unmatched>, Vec<&Unmatched>) = self
            .applied
            .plan
            .unmatched
            .iter()
            .partition(|u| u.items.len() > 1);
        if !none.is_empty() {
            writeln!(f)?;
            writeln!(f, "No open item matched (recorded as thread entries):")?;
            for u in none {
                writeln!(f, "- line {}: {}", u.line, u.text)?;
            }
        }
        if !tied.is_empty() {
            writeln!(f)?;
            writeln!(
                f,
                "Matched several open items about as well, so none was ticked:"
            )?;
            for u in tied {
                let items: Vec<String> = u.items.iter().map(|i| format!("\"{i}\"")).collect();
                writeln!(f, "- line {}: {} ({})", u.line, u.text, items.join(" or "))?;
            }
        }
        Ok(())
    }
}

/// ` (due: 2026-01-22, from "by next week")`: the date beside the words it came from.
struct DueShown<'a>(&'a Change);

impl fmt::Display for DueShown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_due(f, self.0)
    }
}

fn write_due(f: &mut fmt::Formatter<'_>, c: &Change) -> fmt::Result {
    match (c.due, &c.due_phrase) {
        (Some(d), Some(p)) => write!(f, " (due: {d}, from \"{p}\")"),
        (Some(d), None) => write!(f, " (due: {d})"),
        _ => Ok(()),
    }
}
