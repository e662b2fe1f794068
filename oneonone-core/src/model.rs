//! Typed, read-only views of a running document.
//!
//! Every view carries the 1-based line number of its first line in the source, so that
//! diagnostics, edits and history can point back at what the user wrote.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::Serialize;

/// The kind of a `##` section.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SectionKind {
    /// `## Current Focus Areas` (also `## Focus Areas`).
    FocusAreas,
    /// `## Ongoing Threads` (also `## Threads`).
    Threads,
    /// `## Action Items`.
    ActionItems,
    /// `## Recent Accomplishments Shared` (also `## Accomplishments`).
    Accomplishments,
    /// `## Meeting History`.
    MeetingHistory,
    /// `## Inbox`: raw notes waiting for `process`.
    Inbox,
    /// Any other heading: kept exactly as written, never edited.
    Unknown,
}

impl SectionKind {
    /// The canonical heading text the tool writes when it creates this section.
    pub fn canonical_title(self) -> &'static str {
        match self {
            SectionKind::FocusAreas => "Current Focus Areas",
            SectionKind::Threads => "Ongoing Threads",
            SectionKind::ActionItems => "Action Items",
            SectionKind::Accomplishments => "Recent Accomplishments Shared",
            SectionKind::MeetingHistory => "Meeting History",
            SectionKind::Inbox => "Inbox",
            SectionKind::Unknown => "",
        }
    }

    /// Recognises a heading's text (already stripped of `#`s and trimmed), case-insensitively.
    pub fn from_title(title: &str) -> SectionKind {
        match title.trim().to_lowercase().as_str() {
            "current focus areas" | "focus areas" => SectionKind::FocusAreas,
            "ongoing threads" | "threads" => SectionKind::Threads,
            "action items" => SectionKind::ActionItems,
            "recent accomplishments shared" | "accomplishments" => SectionKind::Accomplishments,
            "meeting history" => SectionKind::MeetingHistory,
            "inbox" => SectionKind::Inbox,
            _ => SectionKind::Unknown,
        }
    }
}

/// What a running document says, part by part: what `show` prints.
#[derive(Debug, Clone, Default, PartialEq, Serialize, JsonSchema)]
pub struct Outline {
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

/// A `##`-level section (or the preamble before the first heading, which has `line` 0 and
/// an empty title and is never a known section).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Section {
    /// What the section holds.
    pub kind: SectionKind,
    /// The heading text as written, without the `#`s.
    pub title: String,
    /// 1-based line of the heading.
    pub line: usize,
    /// 1-based last line of the section (the line before the next section's heading).
    pub end_line: usize,
}

/// Who an action item belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[serde(tag = "kind", content = "name", rename_all = "snake_case")]
pub enum Owner {
    /// `### My Actions`.
    Me,
    /// `### <Name>'s Actions` where `<Name>` is the document's person (first word of
    /// `person:`, case-insensitive).
    Them,
    /// Any other `### … Actions` subsection: whoever it names, as written.
    Named(String),
    /// An item directly under `## Action Items`, in no subsection.
    Unassigned,
}

/// Front matter: the YAML block between `---` lines at the very start.
#[derive(Debug, Clone, Default, PartialEq, Serialize, JsonSchema)]
pub struct FrontMatter {
    /// `person:`; required by validation.
    pub person: Option<String>,
    /// `role:`.
    pub role: Option<String>,
    /// `relationship:` as written (see [`Relationship`] for the known values).
    pub relationship: Option<String>,
    /// `frequency:` as written (see [`Frequency`] for the known values).
    pub frequency: Option<String>,
    /// `started:` when it is a valid date.
    pub started: Option<NaiveDate>,
    /// Every key in source order with its 1-based line and its value rendered as a
    /// string (scalars as written, other values as compact YAML).
    pub keys: Vec<FrontMatterKey>,
    /// 1-based line of the opening `---` (0 when the document has no front matter).
    pub line: usize,
    /// 1-based line of the closing `---` (0 when the document has no front matter).
    pub end_line: usize,
}

/// One key of the front matter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct FrontMatterKey {
    /// The key.
    pub key: String,
    /// Its value, rendered as a string.
    pub value: String,
    /// 1-based line of the key.
    pub line: usize,
}

/// The known kinds of relationship.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Relationship {
    /// My manager.
    Manager,
    /// My manager's manager.
    SkipLevel,
    /// A mentor.
    Mentor,
    /// A direct report: the roles turn around.
    Report,
    /// A peer.
    Peer,
}

impl Relationship {
    /// Parses `manager | skip-level | mentor | report | peer` (case-insensitive; `skip level`,
    /// `skiplevel` and `direct report` accepted).
    pub fn parse(s: &str) -> Option<Relationship> {
        let s = s.trim().to_lowercase().replace(['_', ' '], "-");
        Some(match s.as_str() {
            "manager" => Relationship::Manager,
            "skip-level" | "skiplevel" => Relationship::SkipLevel,
            "mentor" => Relationship::Mentor,
            "report" | "direct-report" => Relationship::Report,
            "peer" => Relationship::Peer,
            _ => return None,
        })
    }

    /// The relationship a role names (`Manager`, `Skip level`, `Direct report`, `Mentor`,
    /// `Peer`, also inside a longer title such as "Skip-level manager"); `None` for a role
    /// that names none of them.
    pub fn from_role(role: &str) -> Option<Relationship> {
        if let Some(r) = Relationship::parse(role) {
            return Some(r);
        }
        let lower = role.to_lowercase();
        let words: Vec<&str> = lower
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        let has = |w: &str| words.contains(&w);
        // The most specific word first: a "skip-level manager" is a skip-level.
        if has("skip") || has("skiplevel") {
            Some(Relationship::SkipLevel)
        } else if has("mentor") {
            Some(Relationship::Mentor)
        } else if has("report") {
            Some(Relationship::Report)
        } else if has("peer") {
            Some(Relationship::Peer)
        } else if has("manager") {
            Some(Relationship::Manager)
        } else {
            None
        }
    }

    /// The canonical spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Relationship::Manager => "manager",
            Relationship::SkipLevel => "skip-level",
            Relationship::Mentor => "mentor",
            Relationship::Report => "report",
            Relationship::Peer => "peer",
        }
    }
}

/// How often the meetings happen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Frequency {
    /// Every week.
    Weekly,
    /// Every two weeks.
    Biweekly,
    /// Every month (same day next month).
    Monthly,
    /// Every N weeks.
    EveryWeeks(u32),
}

impl Frequency {
    /// Parses `weekly | biweekly | monthly | every N weeks` (case-insensitive; also
    /// `bi-weekly`, `fortnightly`, `every week`, `every 2 weeks`).
    pub fn parse(s: &str) -> Option<Frequency> {
        let s = s.trim().to_lowercase();
        let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
        Some(match s.as_str() {
            "weekly" | "every week" => Frequency::Weekly,
            "biweekly" | "bi-weekly" | "fortnightly" => Frequency::Biweekly,
            "monthly" | "every month" => Frequency::Monthly,
            _ => {
                let rest = s.strip_prefix("every ")?;
                let n = rest
                    .strip_suffix(" weeks")
                    .or_else(|| rest.strip_suffix(" week"))?;
                let n: u32 = n.trim().parse().ok()?;
                if n == 0 {
                    return None;
                }
                match n {
                    1 => Frequency::Weekly,
                    2 => Frequency::Biweekly,
                    n => Frequency::EveryWeeks(n),
                }
            }
        })
    }
}

/// A plain bullet (focus area, or an undated bullet in a dated list).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Bullet {
    /// The text after the bullet marker, trimmed.
    pub text: String,
    /// 1-based first line.
    pub line: usize,
    /// 1-based last line (nested lines included).
    pub end_line: usize,
}

/// A dated entry: a top-level list item starting `YYYY-MM-DD:` plus every more-indented
/// line beneath it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Entry {
    /// The entry's date.
    pub date: NaiveDate,
    /// The text after `YYYY-MM-DD:` on the first line, trimmed.
    pub text: String,
    /// The nested lines beneath it, each trimmed of indentation and bullet marker.
    pub details: Vec<String>,
    /// 1-based first line.
    pub line: usize,
    /// 1-based last line.
    pub end_line: usize,
}

/// A `###` thread under Ongoing Threads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Thread {
    /// The heading text as written.
    pub name: String,
    /// Dated entries, in document order (newest first when the document is in order).
    pub entries: Vec<Entry>,
    /// Undated top-level bullets (a warning).
    pub undated: Vec<Bullet>,
    /// 1-based line of the `###` heading.
    pub line: usize,
    /// 1-based last line of the thread.
    pub end_line: usize,
}

/// A GFM task-list item under Action Items.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct ActionItem {
    /// Whose it is.
    pub owner: Owner,
    /// `[x]` or `[X]`.
    pub done: bool,
    /// The text with the recognised markers (`[Pn]`, `(by …)`, `(completed …)`,
    /// `📅 …`, `✅ …`) removed and spaces trimmed.
    pub text: String,
    /// The first line after the checkbox, exactly as written (markers included).
    pub raw_text: String,
    /// `(by YYYY-MM-DD)` or `📅 YYYY-MM-DD`.
    pub due: Option<NaiveDate>,
    /// `(completed YYYY-MM-DD)` or `✅ YYYY-MM-DD`.
    pub completed: Option<NaiveDate>,
    /// `[P1]`..`[P3]`.
    pub priority: Option<u8>,
    /// The nested lines beneath it, trimmed.
    pub details: Vec<String>,
    /// 1-based first line.
    pub line: usize,
    /// 1-based last line.
    pub end_line: usize,
}

/// A `###` subsection of Action Items (or the items directly under the section).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct ActionList {
    /// Whose items these are.
    pub owner: Owner,
    /// The `###` heading text as written (empty for items in no subsection).
    pub heading: String,
    /// The items in document order.
    pub items: Vec<ActionItem>,
    /// 1-based line of the heading (of the `##` section for items in no subsection).
    pub line: usize,
}
