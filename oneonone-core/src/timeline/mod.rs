//! The record read back from history: a line-level scan of a running document, the
//! semantic diff of two revisions of it, and the events that diff yields.
//!
//! Reading years of history must not cost a full markdown parse of every revision, so this
//! module scans lines: one cheap pass gives every line its context (section, `###`
//! subsection, inside a fence, HTML comment or front matter), and only the lines a line
//! diff marks as added or removed are classified into items. The context rules follow the
//! document parser: `##` sections by title, `###` threads and action lists, fences of three
//! or more backticks or tildes, `<!--` HTML blocks up to `-->`, and front matter only at
//! byte 0.
//!
//! Identity: an item edited in place (a removed and an added line of the same kind in the
//! same diff hunk, with the same written date) keeps its identity and takes the new text;
//! an item whose line disappears from one file and appears in another (or elsewhere in the
//! same file) within one commit has moved (an archive move), not been removed.

mod scan;
mod track;

pub use scan::{
    LineContext, ScannedItem, front_matter_person, line_contexts, scan_document, scan_line,
};
pub use track::{FileChange, FileTrack, TrackedItem, Tracker};

/// Splits text into lines without their endings (the one definition is in `syntax`).
pub use crate::syntax::split_lines;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Bump when the scanning or identity rules change, so caches built by older rules are
/// dropped.
pub const RULES_VERSION: u32 = 3;

/// What happened to an item.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    schemars::JsonSchema,
    Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// An accomplishment shared.
    Accomplishment,
    /// A new action item.
    Action,
    /// An action item ticked.
    Done,
    /// A focus area (goal).
    Goal,
    /// A thread entry.
    Thread,
    /// A meeting-history line.
    Meeting,
    /// An item that disappeared, not by a move into an archive.
    Removed,
}

impl EventKind {
    /// Every kind, in the order the command line lists them.
    pub const ALL: [EventKind; 7] = [
        EventKind::Accomplishment,
        EventKind::Action,
        EventKind::Done,
        EventKind::Goal,
        EventKind::Thread,
        EventKind::Meeting,
        EventKind::Removed,
    ];

    /// The lowercase name used on the command line and in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::Accomplishment => "accomplishment",
            EventKind::Action => "action",
            EventKind::Done => "done",
            EventKind::Goal => "goal",
            EventKind::Thread => "thread",
            EventKind::Meeting => "meeting",
            EventKind::Removed => "removed",
        }
    }

    /// Parses a lowercase name.
    pub fn parse(s: &str) -> Option<EventKind> {
        EventKind::ALL
            .into_iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(s.trim()))
    }
}

/// A commit as the record cites it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema, Deserialize)]
pub struct CommitMeta {
    /// Full hex id.
    pub id: String,
    /// Author time, seconds since the epoch.
    pub time: i64,
    /// Author date in the author's time zone.
    pub date: NaiveDate,
    /// The `Meeting-Date:` trailer of the commit message, when it has one.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub meeting: Option<NaiveDate>,
}

impl CommitMeta {
    /// The date an undated item recorded by this commit is shown under: its meeting (the
    /// `Meeting-Date:` trailer), else the author date, so notes processed late keep the
    /// meeting's date.
    pub fn meeting_date(&self) -> NaiveDate {
        self.meeting.unwrap_or(self.date)
    }

    /// The `Meeting-Date:` trailer of a commit message (the last one, as git reads
    /// trailers), if it holds an ISO date.
    pub fn meeting_trailer(message: &str) -> Option<NaiveDate> {
        message.lines().rev().find_map(|l| {
            let (key, value) = l.split_once(':')?;
            if !key.trim().eq_ignore_ascii_case("meeting-date") {
                return None;
            }
            crate::syntax::parse_iso_date(value.trim())
        })
    }

    /// The first 7 hex digits, as `git log --oneline` shows.
    pub fn short_id(&self) -> &str {
        &self.id[..self.id.len().min(7)]
    }
}

/// The person a document is about.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, schemars::JsonSchema, Deserialize)]
pub struct PersonRef {
    /// The slug (file stem of the running document).
    pub slug: String,
    /// `person:` from the front matter, else the slug.
    pub name: String,
}

/// One event of the timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema, Deserialize)]
pub struct Event {
    /// The date the event is shown under: the written date, else the meeting of the commit
    /// that recorded it (its `Meeting-Date:` trailer, else its author date).
    pub date: NaiveDate,
    /// The commit that first recorded it.
    pub commit: CommitMeta,
    /// Whose document it is in.
    pub person: PersonRef,
    /// What happened.
    pub kind: EventKind,
    /// The item's latest text.
    pub text: String,
    /// The thread, for thread entries.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub thread: Option<String>,
    /// The owner, for actions (`me` or a name).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub owner: Option<String>,
    /// The due date, for actions that have one (the latest written).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub due: Option<NaiveDate>,
    /// The item's identity within the person's record: the `action`, `done` and `removed`
    /// events of one item share it.
    pub item: u32,
    /// For an item event: the kind of the item (the same as `kind` except for `done` and
    /// `removed`).
    pub item_kind: EventKind,
}

#[cfg(test)]
mod tests;
