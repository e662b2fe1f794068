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

/// A win recorded in another relationship's document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct WinElsewhere {
    /// When it was shared.
    pub date: NaiveDate,
    /// What it was.
    pub text: String,
    /// Who it was shared with (their `person:` name).
    pub shared_with: String,
}

/// What prep needs besides the document.
#[derive(Debug, Clone, Default)]
pub struct PrepInputs<'a> {
    /// Ticked BACKLOG.md tasks from this person's meetings, with their dates.
    pub backlog_ticked: Vec<TickedTask>,
    /// The wins log's text: `- YYYY-MM-DD: text` lines.
    pub wins_log: Option<&'a str>,
    /// The person's archives: the last meeting and its topics may have moved there.
    pub archives: &'a [Document],
    /// Accomplishments shared in my other relationships (any date; prep keeps those since
    /// this person's last meeting).
    pub elsewhere: Vec<WinElsewhere>,
    /// The document's validation errors, as `path:line:col: error[…]: message`.
    pub invalid: Vec<String>,
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
    /// For a manager, skip-level or mentor: wins shared in my other relationships since
    /// the last meeting that this document does not have yet.
    pub also_worth_sharing: Vec<WinElsewhere>,
    /// The document's validation errors: what is shown may be incomplete.
    pub invalid: Vec<String>,
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
    let record: Vec<&Document> = std::iter::once(doc).chain(inputs.archives).collect();
    let last_meeting = record
        .iter()
        .flat_map(|d| d.meetings().iter().map(|e| e.date))
        .filter(|d| *d <= date)
        .max();
    let since = |d: NaiveDate| last_meeting.is_none_or(|l| d > l) && d <= date;
    let wins = wins_since(doc, inputs, since);
    let (my_open, their_open) = open_items(doc, inputs, date);
    let relationship = doc.relationship();
    let also_worth_sharing = if tells_upward(doc) {
        worth_sharing(&record, &wins, &inputs.elsewhere, since)
    } else {
        Vec::new()
    };
    let mut p = Prep {
        person,
        relationship,
        date,
        last_meeting,
        wins,
        my_open,
        their_open,
        last_topics: last_meeting.map_or_else(Vec::new, |l| topics_of(&record, l)),
        also_worth_sharing,
        invalid: inputs.invalid.clone(),
        agenda: Vec::new(),
    };
    p.agenda = if relationship == Some(Relationship::Report) {
        report_agenda(&p, &first)
    } else {
        agenda(&p, &first)
    };
    p
}

/// Wins in the window `since`, oldest first: items completed in it (said as done), tasks
/// ticked in BACKLOG.md that no item already gave, and wins-log entries.
fn wins_since(
    doc: &Document,
    inputs: &PrepInputs<'_>,
    since: impl Fn(NaiveDate) -> bool,
) -> Vec<Win> {
    let mut wins: Vec<Win> = Vec::new();
    for item in doc.action_items() {
        if let (true, Some(done)) = (item.done, item.completed)
            && since(done)
        {
            wins.push(Win {
                date: done,
                text: as_done(&item.text),
                source: WinSource::ActionItem,
                owner: item.owner.clone(),
            });
        }
    }
    for t in &inputs.backlog_ticked {
        let text = as_done(&t.text);
        let already = wins
            .iter()
            .any(|w| w.text.trim().eq_ignore_ascii_case(text.trim()));
        if since(t.ticked) && !already {
            wins.push(Win {
                date: t.ticked,
                text,
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
    wins
}

/// Open items, mine and the other side's, each overdue first, then by due date.
fn open_items(
    doc: &Document,
    inputs: &PrepInputs<'_>,
    date: NaiveDate,
) -> (Vec<OpenItem>, Vec<OpenItem>) {
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
    (my_open, their_open)
}

/// The thread entries of the meeting of `day`, grouped by thread in record order.
fn topics_of(record: &[&Document], day: NaiveDate) -> Vec<Topic> {
    let mut topics: Vec<Topic> = Vec::new();
    for t in record.iter().flat_map(|d| d.threads()) {
        let name = t.name.trim();
        for e in t.entries.iter().filter(|e| e.date == day) {
            match topics.iter_mut().find(|x| x.thread == name) {
                Some(x) => x.entries.push(e.text.clone()),
                None => topics.push(Topic {
                    thread: name.to_owned(),
                    entries: vec![e.text.clone()],
                }),
            }
        }
    }
    topics
}

/// Whether the person is a manager, skip-level or mentor, to whom wins told elsewhere
/// are worth telling too.
fn tells_upward(doc: &Document) -> bool {
    // A document made before `relationship:` existed says it in its role ("Manager").
    let upward = doc.relationship().or_else(|| {
        doc.front_matter()
            .role
            .as_deref()
            .and_then(Relationship::parse)
    });
    matches!(
        upward,
        Some(Relationship::Manager | Relationship::SkipLevel | Relationship::Mentor)
    )
}

/// Wins told elsewhere in the window that neither this record nor the wins already listed
/// hold, matched as done-notes are; oldest first, each once.
fn worth_sharing(
    record: &[&Document],
    wins: &[Win],
    elsewhere: &[WinElsewhere],
    in_window: impl Fn(NaiveDate) -> bool,
) -> Vec<WinElsewhere> {
    let known: Vec<String> = record
        .iter()
        .flat_map(|d| {
            d.accomplishments()
                .iter()
                .map(|e| e.text.clone())
                .chain(d.action_items().filter(|i| i.done).map(|i| i.text.clone()))
        })
        .chain(wins.iter().map(|w| w.text.clone()))
        .collect();
    let same = |a: &str, b: &str| {
        same_text(a) == same_text(b)
            || crate::notes::classify::done_matches(a, b)
            || crate::notes::classify::done_matches(b, a)
    };
    let mut out: Vec<WinElsewhere> = Vec::new();
    for w in elsewhere.iter().filter(|w| in_window(w.date)) {
        let told = known.iter().any(|k| same(&w.text, k));
        let listed = out.iter().any(|o| same(&w.text, &o.text));
        if !told && !listed {
            out.push(w.clone());
        }
    }
    out.sort_by_key(|w| w.date);
    out
}

/// A completed item said as done, not as an order: "Send the deck" becomes "Sent the
/// deck"; text that does not start with a known verb becomes "Done: …".
pub fn as_done(text: &str) -> String {
    let text = text.trim();
    let (first, rest) = text.split_once(' ').unwrap_or((text, ""));
    let verb = first.to_lowercase();
    let known = crate::notes::words::is_base_verb(&verb);
    if !known || first.chars().skip(1).any(char::is_uppercase) {
        return format!("Done: {text}");
    }
    let past = crate::notes::words::past_tense(&verb);
    let mut out = String::with_capacity(text.len() + 4);
    let mut chars = past.chars();
    if let Some(c) = chars.next() {
        out.extend(c.to_uppercase());
        out.push_str(chars.as_str());
    }
    if !rest.is_empty() {
        out.push(' ');
        out.push_str(rest);
    }
    out
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
            .flat_map(|t| t.entries.iter().map(String::as_str))
            .collect::<Vec<_>>()
            .join("; ")
    })
}

fn agenda(p: &Prep, first: &str) -> Vec<String> {
    let mut a = Vec::new();
    let mine: Vec<&Win> = p.wins.iter().filter(|w| w.owner == Owner::Me).collect();
    if !mine.is_empty() {
        let texts: Vec<&str> = mine.iter().map(|w| w.text.as_str()).collect();
        a.push(format!("Share recent wins: {}", texts.join("; ")));
    }
    if !p.also_worth_sharing.is_empty() {
        let texts: Vec<&str> = p
            .also_worth_sharing
            .iter()
            .map(|w| w.text.as_str())
            .collect();
        a.push(format!("Also share: {}", texts.join("; ")));
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
        a.push(format!("Follow up from last time: {t}"));
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
        a.push(format!("Follow up from last time: {t}"));
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
        self.render(false)
    }

    /// Markdown, for pasting into the running document or a calendar invite.
    pub fn render_markdown(&self) -> String {
        self.render(true)
    }

    /// The one walk over the agenda's parts; `md` picks Markdown's headings, task boxes and
    /// emphasis over the terminal's plain lines (which also name whose item or win it is).
    fn render(&self, md: bool) -> String {
        let mut r = Render {
            prep: self,
            first: self.first_name(),
            md,
            out: String::new(),
        };
        r.head();
        r.wins();
        r.open_items();
        r.extras();
        r.out
    }
}

/// A prep being written out, as text or Markdown.
struct Render<'a> {
    prep: &'a Prep,
    /// The other person's first name ("them" when unknown).
    first: &'a str,
    md: bool,
    out: String,
}

impl Render<'_> {
    fn heading(&mut self, title: &str) {
        let _ = if self.md {
            writeln!(self.out, "\n## {title}\n")
        } else {
            writeln!(self.out, "\n{title}:")
        };
    }

    /// The headline, the document's validation warnings and the last meeting.
    fn head(&mut self) {
        let (p, md, s) = (self.prep, self.md, &mut self.out);
        let _ = writeln!(s, "{}{}", if md { "# " } else { "" }, p.headline());
        for e in &p.invalid {
            let _ = if md {
                writeln!(s, "\n> **Warning:** the document does not validate: `{e}`")
            } else {
                writeln!(s, "Warning: the document does not validate: {e}")
            };
        }
        match (p.last_meeting, md) {
            (Some(l), true) => {
                let _ = write!(s, "\nLast meeting: {l}\n");
            }
            (Some(l), false) => {
                let _ = writeln!(s, "Last meeting: {l}");
            }
            (None, true) => {}
            (None, false) => s.push_str("Last meeting: none recorded\n"),
        }
    }

    fn wins(&mut self) {
        let p = self.prep;
        self.heading(p.wins_title());
        if p.wins.is_empty() {
            self.out
                .push_str("- none recorded since the last meeting\n");
        }
        for w in &p.wins {
            let who = match &w.owner {
                Owner::Me | Owner::Unassigned => String::new(),
                _ if self.md => String::new(),
                o => format!(" ({})", owner_label(o, self.first)),
            };
            let _ = writeln!(self.out, "- {}{who} ({})", w.text, w.date);
        }
    }

    fn open_items(&mut self) {
        let p = self.prep;
        for (title, items) in [
            ("My open items".to_owned(), &p.my_open),
            (format!("{}'s open items", self.first), &p.their_open),
        ] {
            self.heading(&title);
            if items.is_empty() {
                self.out.push_str("- none\n");
            }
            for i in items {
                let _ = if self.md {
                    let flag = if i.overdue { " **overdue**" } else { "" };
                    writeln!(self.out, "- [ ] {}{flag}", item_line(i))
                } else {
                    let flag = if i.overdue { "OVERDUE " } else { "" };
                    let who = match &i.owner {
                        Owner::Named(n) => format!(" ({n})"),
                        _ => String::new(),
                    };
                    writeln!(self.out, "- {flag}{}{who}", item_line(i))
                };
            }
        }
    }

    /// Wins told elsewhere, last time's topics and the suggested agenda.
    fn extras(&mut self) {
        let p = self.prep;
        if !p.also_worth_sharing.is_empty() {
            self.heading(if self.md {
                "Also worth sharing"
            } else {
                "Also worth sharing (told elsewhere)"
            });
            for w in &p.also_worth_sharing {
                let _ = writeln!(
                    self.out,
                    "- {} ({}, told {})",
                    w.text, w.date, w.shared_with
                );
            }
        }
        if !p.last_topics.is_empty() {
            self.heading("Topics from last time");
            for t in &p.last_topics {
                for e in &t.entries {
                    let _ = if self.md {
                        writeln!(self.out, "- **{}**: {e}", t.thread)
                    } else {
                        writeln!(self.out, "- {}: {e}", t.thread)
                    };
                }
            }
        }
        self.heading("Suggested agenda");
        for (n, a) in p.agenda.iter().enumerate() {
            let _ = writeln!(self.out, "{}. {a}", n + 1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn as_done_says_completed_items_in_the_past() {
        assert_eq!(
            as_done("Send her the Q1 roadmap draft"),
            "Sent her the Q1 roadmap draft"
        );
        assert_eq!(
            as_done("Research advisory boards"),
            "Researched advisory boards"
        );
        assert_eq!(as_done("Ship the beta"), "Shipped the beta");
        assert_eq!(as_done("Write the guide"), "Wrote the guide");
        assert_eq!(as_done("Prepare the plan"), "Prepared the plan");
        assert_eq!(as_done("Q1 roadmap draft"), "Done: Q1 roadmap draft");
        assert_eq!(as_done("iOS release notes"), "Done: iOS release notes");
    }
}
