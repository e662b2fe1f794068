//! Preparing for the next meeting (SPEC section 5, "prep"): wins since the last meeting,
//! open items on both sides with the overdue ones first, the threads touched last time,
//! and a numbered suggested agenda, shaped like the seed's "Before Meeting: Prepare".
//!
//! Pure: the caller reads BACKLOG.md's history and the wins log and passes what counts.

use crate::document::Document;
use crate::model::{Owner, Relationship};
use crate::notes::dates::parse_iso;
use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::Serialize;
use std::fmt::Write as _;

/// A BACKLOG.md task from this person's meetings, ticked on `ticked` (from git history).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TickedTask {
    /// The task's text (markers and annotations removed).
    pub text: String,
    /// When it was ticked.
    pub ticked: NaiveDate,
}

/// What prep needs besides the document.
#[derive(Debug, Clone, Default)]
pub struct PrepInputs<'a> {
    /// Ticked BACKLOG.md tasks from this person's meetings, with their dates.
    pub backlog_ticked: Vec<TickedTask>,
    /// The wins log's text: `- YYYY-MM-DD: text` lines.
    pub wins_log: Option<&'a str>,
}

/// Where a win was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum WinSource {
    /// An action item completed since the last meeting.
    ActionItem,
    /// A BACKLOG.md task ticked since the last meeting.
    Backlog,
    /// An entry of the wins log.
    WinsLog,
}

/// A win to share.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Win {
    /// When it happened.
    pub date: NaiveDate,
    /// What it was.
    pub text: String,
    /// Where it comes from.
    pub source: WinSource,
    /// Whose win (the other person's for their completed items).
    pub owner: Owner,
}

/// An open action item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct OpenItem {
    /// Whose it is.
    pub owner: Owner,
    /// The item's text.
    pub text: String,
    /// Its due date.
    pub due: Option<NaiveDate>,
    /// `[Pn]`.
    pub priority: Option<u8>,
    /// Due before the prep date.
    pub overdue: bool,
    /// 1-based line in the document.
    pub line: usize,
}

/// A thread touched at the last meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Topic {
    /// The thread's name.
    pub thread: String,
    /// Its entries dated the last meeting.
    pub entries: Vec<String>,
}

/// Everything to prepare a meeting with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Prep {
    /// The person.
    pub person: String,
    /// The relationship, when known.
    pub relationship: Option<Relationship>,
    /// The date prepared for.
    pub date: NaiveDate,
    /// The last meeting-history date before (or on) `date`.
    pub last_meeting: Option<NaiveDate>,
    /// Wins since the last meeting, oldest first.
    pub wins: Vec<Win>,
    /// My open items, overdue first, then by due date.
    pub my_open: Vec<OpenItem>,
    /// The other side's open items (theirs and anyone named), same order.
    pub their_open: Vec<OpenItem>,
    /// Threads with entries dated the last meeting.
    pub last_topics: Vec<Topic>,
    /// The numbered suggested agenda.
    pub agenda: Vec<String>,
}

/// Prepares the meeting of `date` with the person of `doc`.
pub fn prep(doc: &Document, date: NaiveDate, inputs: &PrepInputs<'_>) -> Prep {
    let person = doc.person().unwrap_or("").trim().to_owned();
    let first = person
        .split_whitespace()
        .next()
        .unwrap_or("them")
        .to_owned();
    let last_meeting = doc
        .meetings()
        .iter()
        .map(|e| e.date)
        .filter(|d| *d <= date)
        .max();
    let since = |d: NaiveDate| last_meeting.is_none_or(|l| d > l) && d <= date;

    let mut wins: Vec<Win> = Vec::new();
    for item in doc.action_items() {
        if let (true, Some(done)) = (item.done, item.completed)
            && since(done)
        {
            wins.push(Win {
                date: done,
                text: item.text.clone(),
                source: WinSource::ActionItem,
                owner: item.owner.clone(),
            });
        }
    }
    for t in &inputs.backlog_ticked {
        let already = wins
            .iter()
            .any(|w| w.text.trim().eq_ignore_ascii_case(t.text.trim()));
        if since(t.ticked) && !already {
            wins.push(Win {
                date: t.ticked,
                text: t.text.clone(),
                source: WinSource::Backlog,
                owner: Owner::Me,
            });
        }
    }
    for (d, text) in inputs.wins_log.map(wins_log_entries).unwrap_or_default() {
        if since(d) {
            wins.push(Win {
                date: d,
                text,
                source: WinSource::WinsLog,
                owner: Owner::Me,
            });
        }
    }
    wins.sort_by_key(|w| w.date);

    // A task ticked in BACKLOG.md is done (SPEC 4) even before the next `process` ticks its
    // item in the document: it is a win, not an open item.
    let ticked_in_backlog: Vec<String> = inputs
        .backlog_ticked
        .iter()
        .map(|t| same_text(&t.text))
        .collect();
    let mut my_open = Vec::new();
    let mut their_open = Vec::new();
    for item in doc.action_items().filter(|i| !i.done) {
        if item.owner == Owner::Me && ticked_in_backlog.contains(&same_text(&item.text)) {
            continue;
        }
        let open = OpenItem {
            owner: item.owner.clone(),
            text: item.text.clone(),
            due: item.due,
            priority: item.priority,
            overdue: item.due.is_some_and(|d| d < date),
            line: item.line,
        };
        if matches!(item.owner, Owner::Me | Owner::Unassigned) {
            my_open.push(open);
        } else {
            their_open.push(open);
        }
    }
    let order = |i: &OpenItem| (!i.overdue, i.due.is_none(), i.due, i.line);
    my_open.sort_by_key(order);
    their_open.sort_by_key(order);

    let last_topics: Vec<Topic> = match last_meeting {
        Some(l) => doc
            .threads()
            .iter()
            .filter_map(|t| {
                let entries: Vec<String> = t
                    .entries
                    .iter()
                    .filter(|e| e.date == l)
                    .map(|e| e.text.clone())
                    .collect();
                (!entries.is_empty()).then(|| Topic {
                    thread: t.name.trim().to_owned(),
                    entries,
                })
            })
            .collect(),
        None => Vec::new(),
    };

    let relationship = doc.relationship();
    let mut p = Prep {
        person,
        relationship,
        date,
        last_meeting,
        wins,
        my_open,
        their_open,
        last_topics,
        agenda: Vec::new(),
    };
    p.agenda = if relationship == Some(Relationship::Report) {
        report_agenda(&p, &first)
    } else {
        agenda(&p, &first)
    };
    p
}

/// Case and spaces normalised: what "the same task" means between BACKLOG.md and the
/// document.
fn same_text(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// `- YYYY-MM-DD: text` lines of a wins log.
fn wins_log_entries(text: &str) -> Vec<(NaiveDate, String)> {
    text.lines()
        .filter_map(|l| {
            let rest = l
                .trim_start()
                .strip_prefix("- ")
                .or_else(|| l.trim_start().strip_prefix("* "))?;
            let d = parse_iso(rest.get(..10)?)?;
            let text = rest.get(10..)?.strip_prefix(':')?.trim();
            (!text.is_empty()).then(|| (d, text.to_owned()))
        })
        .collect()
}

fn list(items: &[OpenItem]) -> String {
    items
        .iter()
        .map(|i| {
            if i.overdue {
                format!("{} (overdue)", i.text)
            } else {
                i.text.clone()
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn topics_line(p: &Prep) -> Option<String> {
    (!p.last_topics.is_empty()).then(|| {
        p.last_topics
            .iter()
            .map(|t| t.thread.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    })
}

fn agenda(p: &Prep, first: &str) -> Vec<String> {
    let mut a = Vec::new();
    let mine: Vec<&Win> = p.wins.iter().filter(|w| w.owner == Owner::Me).collect();
    if !mine.is_empty() {
        let texts: Vec<&str> = mine.iter().map(|w| w.text.as_str()).collect();
        a.push(format!("Share recent wins: {}", texts.join("; ")));
    }
    if !p.their_open.is_empty() {
        a.push(format!(
            "Follow up on {first}'s open items: {}",
            list(&p.their_open)
        ));
    }
    let overdue: Vec<OpenItem> = p.my_open.iter().filter(|i| i.overdue).cloned().collect();
    if !overdue.is_empty() {
        a.push(format!("Discuss my overdue items: {}", list(&overdue)));
    }
    let pending: Vec<OpenItem> = p.my_open.iter().filter(|i| !i.overdue).cloned().collect();
    if !pending.is_empty() {
        a.push(format!("Update on my open items: {}", list(&pending)));
    }
    if let Some(t) = topics_line(p) {
        a.push(format!("Follow up on topics from last time: {t}"));
    }
    a.push("Priorities until the next 1:1".to_owned());
    a
}

fn report_agenda(p: &Prep, first: &str) -> Vec<String> {
    let mut a = Vec::new();
    let theirs: Vec<&str> = p
        .wins
        .iter()
        .filter(|w| w.owner != Owner::Me)
        .map(|w| w.text.as_str())
        .collect();
    if theirs.is_empty() {
        a.push(format!("{first}'s wins since last time"));
    } else {
        a.push(format!("{first}'s wins: {}", theirs.join("; ")));
    }
    if p.their_open.is_empty() {
        a.push(format!("Blockers: what is in {first}'s way?"));
    } else {
        a.push(format!(
            "Blockers on {first}'s open items: {}",
            list(&p.their_open)
        ));
    }
    if !p.my_open.is_empty() {
        a.push(format!("My commitments to {first}: {}", list(&p.my_open)));
    }
    a.push(format!("{first}'s career goals and growth"));
    if let Some(t) = topics_line(p) {
        a.push(format!("Follow up on topics from last time: {t}"));
    }
    a
}

fn owner_label(o: &Owner, first: &str) -> String {
    match o {
        Owner::Me | Owner::Unassigned => "me".to_owned(),
        Owner::Them => first.to_owned(),
        Owner::Named(n) => n.clone(),
    }
}

fn item_line(i: &OpenItem) -> String {
    let mut s = String::new();
    if let Some(p) = i.priority {
        let _ = write!(s, "[P{p}] ");
    }
    s.push_str(&i.text);
    if let Some(d) = i.due {
        let _ = write!(s, " (due {d})");
    }
    s
}

impl Prep {
    fn first_name(&self) -> &str {
        Some(crate::people::first_name(&self.person))
            .filter(|f| !f.is_empty())
            .unwrap_or("them")
    }

    fn headline(&self) -> String {
        let mut s = format!("1:1 with {}", self.person);
        if let Some(r) = self.relationship {
            let _ = write!(s, " ({})", r.as_str());
        }
        let _ = write!(s, ", {}", self.date);
        s
    }

    fn wins_title(&self) -> &'static str {
        if self.relationship == Some(Relationship::Report) {
            "Wins since last time"
        } else {
            "Accomplishments to share"
        }
    }

    /// Plain text, as printed on a terminal.
    pub fn render_text(&self) -> String {
        let first = self.first_name();
        let mut s = String::new();
        let _ = writeln!(s, "{}", self.headline());
        match self.last_meeting {
            Some(l) => {
                let _ = writeln!(s, "Last meeting: {l}");
            }
            None => {
                let _ = writeln!(s, "Last meeting: none recorded");
            }
        }
        let _ = writeln!(s, "\n{}:", self.wins_title());
        if self.wins.is_empty() {
            let _ = writeln!(s, "- none recorded since the last meeting");
        }
        for w in &self.wins {
            let who = match &w.owner {
                Owner::Me | Owner::Unassigned => String::new(),
                o => format!(" ({})", owner_label(o, first)),
            };
            let _ = writeln!(s, "- {}{who} ({})", w.text, w.date);
        }
        for (title, items) in [
            ("My open items".to_owned(), &self.my_open),
            (format!("{first}'s open items"), &self.their_open),
        ] {
            let _ = writeln!(s, "\n{title}:");
            if items.is_empty() {
                let _ = writeln!(s, "- none");
            }
            for i in items {
                let flag = if i.overdue { "OVERDUE " } else { "" };
                let who = match &i.owner {
                    Owner::Named(n) => format!(" ({n})"),
                    _ => String::new(),
                };
                let _ = writeln!(s, "- {flag}{}{who}", item_line(i));
            }
        }
        if !self.last_topics.is_empty() {
            let _ = writeln!(s, "\nTopics from last time:");
            for t in &self.last_topics {
                let _ = writeln!(s, "- {}: {}", t.thread, t.entries.join("; "));
            }
        }
        let _ = writeln!(s, "\nSuggested agenda:");
        for (n, a) in self.agenda.iter().enumerate() {
            let _ = writeln!(s, "{}. {a}", n + 1);
        }
        s
    }

    /// Markdown, for pasting into the running document or a calendar invite.
    pub fn render_markdown(&self) -> String {
        let first = self.first_name();
        let mut s = String::new();
        let _ = writeln!(s, "# {}\n", self.headline());
        if let Some(l) = self.last_meeting {
            let _ = writeln!(s, "Last meeting: {l}\n");
        }
        let _ = writeln!(s, "## {}\n", self.wins_title());
        if self.wins.is_empty() {
            let _ = writeln!(s, "- none recorded since the last meeting");
        }
        for w in &self.wins {
            let _ = writeln!(s, "- {} ({})", w.text, w.date);
        }
        for (title, items) in [
            ("My open items".to_owned(), &self.my_open),
            (format!("{first}'s open items"), &self.their_open),
        ] {
            let _ = writeln!(s, "\n## {title}\n");
            if items.is_empty() {
                let _ = writeln!(s, "- none");
            }
            for i in items {
                let flag = if i.overdue { " **overdue**" } else { "" };
                let _ = writeln!(s, "- [ ] {}{flag}", item_line(i));
            }
        }
        if !self.last_topics.is_empty() {
            let _ = writeln!(s, "\n## Topics from last time\n");
            for t in &self.last_topics {
                let _ = writeln!(s, "- **{}**: {}", t.thread, t.entries.join("; "));
            }
        }
        let _ = writeln!(s, "\n## Suggested agenda\n");
        for (n, a) in self.agenda.iter().enumerate() {
            let _ = writeln!(s, "{}. {a}", n + 1);
        }
        s
    }
}
