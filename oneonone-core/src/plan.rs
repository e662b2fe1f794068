//! Meeting plans (SPEC section 9): what processing a meeting will do, as data.
//!
//! The rules' reading of a brain dump is a [`MeetingPlan`]
//! ([`crate::process::read`]); so is a plan an assistant or a script wrote or corrected.
//! Both go through [`crate::process::plan_meeting`] and [`crate::process::apply`]: the
//! same placement, idempotency and BACKLOG.md tasks. [`MeetingPlan::from_json`] is the one
//! reader of the JSON form; it refuses a malformed plan naming the JSON path at fault.
//!
//! ```
//! use oneonone_core::plan::MeetingPlan;
//!
//! let plan = MeetingPlan::from_json(
//!     r#"{"schema_version": 1, "person": "sarah-chen", "date": "2026-01-15",
//!         "actions": [{"owner": "them", "text": "Review the packet", "due": "2026-01-16"}]}"#,
//! )?;
//! assert_eq!(plan.actions[0].due.map(|d| d.to_string()).as_deref(), Some("2026-01-16"));
//!
//! let err = MeetingPlan::from_json(
//!     r#"{"schema_version": 1, "person": "sarah-chen", "date": "2026-01-15",
//!         "actions": [{"owner": "me", "text": "Send it", "due": "friday"}]}"#,
//! )
//! .unwrap_err();
//! assert_eq!(err.to_string(), r#"actions[0].due: not a date (expected YYYY-MM-DD): "friday""#);
//! # Ok::<(), oneonone_core::plan::PlanError>(())
//! ```

use crate::notes::dates::parse_iso;
use crate::notes::reader::MAX_NOTES_BYTES;
use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::Serialize;
use serde_json::{Map, Value};
use std::fmt;

/// The version of the plan format this build reads and writes.
pub const PLAN_SCHEMA_VERSION: u32 = 1;

/// What processing a meeting will do: the rules' reading of the notes, or a plan written
/// by someone else. Applying it twice changes nothing the second time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MeetingPlan {
    /// The plan format's version: 1.
    pub schema_version: u32,
    /// Whose running document it is for: the slug (`sarah-chen`) or the `person:` name.
    pub person: String,
    /// The meeting date (ISO).
    pub date: NaiveDate,
    /// What the meeting was about, for its Meeting History line; empty: made from the
    /// threads and accomplishments the plan adds.
    #[serde(default)]
    pub topics: Vec<String>,
    /// New action items: mine also become BACKLOG.md tasks.
    #[serde(default)]
    pub actions: Vec<PlannedAction>,
    /// Open action items to tick.
    #[serde(default)]
    pub done: Vec<PlannedDone>,
    /// Goals: each a focus area and a thread entry.
    #[serde(default)]
    pub goals: Vec<String>,
    /// Accomplishments shared.
    #[serde(default)]
    pub accomplishments: Vec<String>,
    /// Dated thread entries (discussion and decisions).
    #[serde(default)]
    pub entries: Vec<PlannedEntry>,
    /// Where each item came from in the notes (empty for a plan read from JSON): it keeps
    /// the changes in the notes' order, as the summary lists them.
    #[serde(skip)]
    pub(crate) origins: Vec<Origin>,
}

/// A new action item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlannedAction {
    /// `me`, `them` (the document's person) or someone's name.
    pub owner: String,
    /// The item's text, one line, as it will be written.
    pub text: String,
    /// The due date (ISO).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDate>,
    /// The words of the notes the due date was read from, shown beside it in the summary;
    /// not part of the plan's JSON.
    #[serde(skip)]
    #[schemars(skip)]
    pub due_phrase: Option<String>,
    /// `P1`..`P3`, written into the item; absent: P1 when due within a week of the
    /// meeting (then written too), else P2 (BACKLOG.md only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<Priority>,
}

/// An open action item to tick.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlannedDone {
    /// The item's text, or words matching exactly one open item (as a "done" note's do).
    pub item: String,
}

/// A dated entry in a thread under Ongoing Threads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlannedEntry {
    /// The thread (created when missing); absent: routed by its keywords.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thread: Option<String>,
    /// The entry's text, one line.
    pub text: String,
    /// What it records; absent: a discussion.
    #[serde(default)]
    pub kind: EntryKind,
    /// Nested lines written beneath it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub details: Vec<String>,
}

/// What a thread entry records.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    /// Something talked about.
    #[default]
    Discussion,
    /// A decision or an approval.
    Decision,
}

/// An action item's priority.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
pub enum Priority {
    /// Urgent: due within a week, or asked for by the other person.
    P1,
    /// The default.
    P2,
    /// Whenever there is time.
    P3,
}

impl Priority {
    /// 1..=3.
    pub fn number(self) -> u8 {
        match self {
            Priority::P1 => 1,
            Priority::P2 => 2,
            Priority::P3 => 3,
        }
    }

    /// The priority numbered 1..=3.
    pub fn from_number(n: u8) -> Option<Priority> {
        match n {
            1 => Some(Priority::P1),
            2 => Some(Priority::P2),
            3 => Some(Priority::P3),
            _ => None,
        }
    }
}

/// One item of a plan, by list and position.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum ItemRef {
    Done(usize),
    Action(usize),
    Goal(usize),
    Accomplishment(usize),
    Entry(usize),
}

/// Where an item of the rules' reading came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Origin {
    pub(crate) item: ItemRef,
    /// 1-based line in the notes.
    pub(crate) line: usize,
}

/// Why a plan is refused. Nothing is written when a plan is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlanError {
    /// The text is not JSON.
    #[error("the plan is not JSON: {0}")]
    Syntax(String),
    /// A value is missing, of the wrong type, unknown or out of range.
    #[error("{path}: {message}")]
    Invalid {
        /// The JSON path at fault, e.g. `actions[2].due`.
        path: String,
        /// What is wrong with it.
        message: String,
    },
    /// A `done` item matches no open action item (nor one completed on the plan's date).
    #[error(
        "{path}: {item:?} matches no open action item{}; {}",
        Completed(completed),
        OpenItems(open)
    )]
    NoMatch {
        /// The JSON path, e.g. `done[0].item`.
        path: String,
        /// The item's words.
        item: String,
        /// The items already completed (on another date) that it matches, with the date.
        completed: Vec<(String, NaiveDate)>,
        /// The open items it could have named.
        open: Vec<String>,
    },
    /// A `done` item matches several open action items.
    #[error("{path}: {item:?} matches {} open action items: {}; name one of them", candidates.len(), Quoted(candidates))]
    Ambiguous {
        /// The JSON path, e.g. `done[0].item`.
        path: String,
        /// The item's words.
        item: String,
        /// The items it matches.
        candidates: Vec<String>,
    },
    /// The running document has no `person:`.
    #[error("the running document has no `person:` in its front matter")]
    NoPerson,
}

struct Quoted<'a>(&'a [String]);

impl fmt::Display for Quoted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, s) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{s:?}")?;
        }
        Ok(())
    }
}

struct Completed<'a>(&'a [(String, NaiveDate)]);

impl fmt::Display for Completed<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, (text, date)) in self.0.iter().enumerate() {
            let lead = if i == 0 { " (" } else { ", " };
            write!(f, "{lead}{text:?} was completed on {date}")?;
        }
        if !self.0.is_empty() {
            f.write_str(")")?;
        }
        Ok(())
    }
}

struct OpenItems<'a>(&'a [String]);

impl fmt::Display for OpenItems<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            f.write_str("there is no open item")
        } else {
            write!(f, "the open items are: {}", Quoted(self.0))
        }
    }
}

impl MeetingPlan {
    /// An empty plan for `person`'s meeting on `date`.
    pub fn new(person: impl Into<String>, date: NaiveDate) -> MeetingPlan {
        MeetingPlan {
            schema_version: PLAN_SCHEMA_VERSION,
            person: person.into(),
            date,
            topics: Vec::new(),
            actions: Vec::new(),
            done: Vec::new(),
            goals: Vec::new(),
            accomplishments: Vec::new(),
            entries: Vec::new(),
            origins: Vec::new(),
        }
    }

    /// Reads a plan from its JSON text.
    ///
    /// # Errors
    /// Text that is not JSON or longer than notes may be, or a plan
    /// [`MeetingPlan::from_value`] refuses.
    pub fn from_json(text: &str) -> Result<MeetingPlan, PlanError> {
        // A plan holds what notes hold: the same bound.
        if text.len() > MAX_NOTES_BYTES {
            return Err(Path::root().invalid(format!(
                "the plan is {} bytes, more than the {MAX_NOTES_BYTES} bytes allowed",
                text.len()
            )));
        }
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let value: Value = serde_json::from_str(text).map_err(|e| {
            PlanError::Syntax(format!(
                "line {} column {}: {}",
                e.line(),
                e.column(),
                without_position(&e.to_string())
            ))
        })?;
        MeetingPlan::from_value(&value)
    }

    /// Reads a plan from a JSON value: every field checked, unknown fields refused.
    ///
    /// # Errors
    /// [`PlanError::Invalid`] naming the JSON path at fault: a missing or unknown field, a
    /// wrong type, a date that is not ISO, an unknown owner form or priority, a text that
    /// is empty or spans lines, or a `schema_version` other than 1.
    pub fn from_value(value: &Value) -> Result<MeetingPlan, PlanError> {
        let root = Path::root();
        let obj = object(
            value,
            &root,
            &[
                "schema_version",
                "person",
                "date",
                "topics",
                "actions",
                "done",
                "goals",
                "accomplishments",
                "entries",
            ],
        )?;
        let version = required(obj, &root, "schema_version")?;
        if version.as_u64() != Some(u64::from(PLAN_SCHEMA_VERSION)) {
            return Err(root.field("schema_version").invalid(format!(
                "this build reads plans of version {PLAN_SCHEMA_VERSION}, got {}",
                describe(version)
            )));
        }
        let person = line_text(required(obj, &root, "person")?, &root.field("person"))?;
        let date = date(required(obj, &root, "date")?, &root.field("date"))?;
        let mut plan = MeetingPlan::new(person, date);
        plan.topics = list(obj, &root, "topics", line_text)?;
        plan.actions = list(obj, &root, "actions", action)?;
        plan.done = list(obj, &root, "done", |v, path| {
            let o = object(v, path, &["item"])?;
            Ok(PlannedDone {
                item: line_text(required(o, path, "item")?, &path.field("item"))?,
            })
        })?;
        plan.goals = list(obj, &root, "goals", line_text)?;
        plan.accomplishments = list(obj, &root, "accomplishments", line_text)?;
        plan.entries = list(obj, &root, "entries", entry)?;
        Ok(plan)
    }

    /// Whether the plan holds no item at all (topics aside).
    pub fn is_empty(&self) -> bool {
        self.actions.is_empty()
            && self.done.is_empty()
            && self.goals.is_empty()
            && self.accomplishments.is_empty()
            && self.entries.is_empty()
    }

    /// The items in the order they are planned: the notes' order for the rules' reading,
    /// else list by list (done, actions, goals, accomplishments, entries); with the 1-based
    /// notes line of each (0 for a plan read from JSON).
    pub(crate) fn items(&self) -> Vec<Origin> {
        let lists = [
            (self.done.len(), ItemRef::Done as fn(usize) -> ItemRef),
            (self.actions.len(), ItemRef::Action),
            (self.goals.len(), ItemRef::Goal),
            (self.accomplishments.len(), ItemRef::Accomplishment),
            (self.entries.len(), ItemRef::Entry),
        ];
        let all: Vec<Origin> = lists
            .iter()
            .flat_map(|&(n, make)| {
                (0..n).map(move |i| Origin {
                    item: make(i),
                    line: 0,
                })
            })
            .collect();
        // A reading edited since (an item added or removed) no longer has one origin per
        // item: then list order, which is always complete.
        let complete = self.origins.len() == all.len()
            && all
                .iter()
                .all(|o| self.origins.iter().filter(|x| x.item == o.item).count() == 1);
        if complete { self.origins.clone() } else { all }
    }

    /// Records that the item just pushed onto a list came from notes line `line`.
    pub(crate) fn note_origin(&mut self, item: ItemRef, line: usize) {
        self.origins.push(Origin { item, line });
    }
}

/// serde_json's message without its trailing " at line L column C".
fn without_position(message: &str) -> &str {
    message
        .rfind(" at line ")
        .map_or(message, |i| &message[..i])
}

/// A JSON path as the error messages print it: `actions[2].due`.
#[derive(Debug, Clone)]
struct Path(String);

impl Path {
    fn root() -> Path {
        Path(String::new())
    }

    fn field(&self, name: &str) -> Path {
        if self.0.is_empty() {
            Path(name.to_owned())
        } else {
            Path(format!("{}.{name}", self.0))
        }
    }

    fn index(&self, i: usize) -> Path {
        Path(format!("{}[{i}]", self.0))
    }

    fn invalid(&self, message: impl Into<String>) -> PlanError {
        PlanError::Invalid {
            path: if self.0.is_empty() {
                "plan".to_owned()
            } else {
                self.0.clone()
            },
            message: message.into(),
        }
    }
}

/// What a value is, for "expected X, got Y".
fn describe(v: &Value) -> String {
    match v {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => format!("the boolean {b}"),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) => format!("the string {s:?}"),
        Value::Array(_) => "an array".to_owned(),
        Value::Object(_) => "an object".to_owned(),
    }
}

fn object<'v>(
    v: &'v Value,
    path: &Path,
    fields: &[&str],
) -> Result<&'v Map<String, Value>, PlanError> {
    let Value::Object(obj) = v else {
        return Err(path.invalid(format!("expected an object, got {}", describe(v))));
    };
    if let Some(unknown) = obj.keys().find(|k| !fields.contains(&k.as_str())) {
        return Err(path.field(unknown).invalid(format!(
            "unknown field (expected one of: {})",
            fields.join(", ")
        )));
    }
    Ok(obj)
}

fn required<'v>(
    obj: &'v Map<String, Value>,
    path: &Path,
    name: &str,
) -> Result<&'v Value, PlanError> {
    obj.get(name)
        .ok_or_else(|| path.field(name).invalid("missing (it is required)"))
}

/// An optional list field: absent or null is empty.
fn list<T>(
    obj: &Map<String, Value>,
    path: &Path,
    name: &str,
    item: impl Fn(&Value, &Path) -> Result<T, PlanError>,
) -> Result<Vec<T>, PlanError> {
    let path = path.field(name);
    match obj.get(name) {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(values)) => values
            .iter()
            .enumerate()
            .map(|(i, v)| item(v, &path.index(i)))
            .collect(),
        Some(v) => Err(path.invalid(format!("expected an array, got {}", describe(v)))),
    }
}

/// A one-line text with words in it: what can be written as a list item.
fn line_text(v: &Value, path: &Path) -> Result<String, PlanError> {
    let Value::String(s) = v else {
        return Err(path.invalid(format!("expected a string, got {}", describe(v))));
    };
    let text = s.trim();
    if text.is_empty() {
        return Err(path.invalid("empty text"));
    }
    if text.contains(['\n', '\r']) {
        return Err(path.invalid("text spans several lines; give one line"));
    }
    if let Some(c) = text.chars().find(|c| c.is_control() && *c != '\t') {
        return Err(path.invalid(format!(
            "text holds control character U+{:04X}",
            u32::from(c)
        )));
    }
    if !crate::process::has_words(text) {
        return Err(path.invalid(format!("no words in {text:?}")));
    }
    Ok(text.to_owned())
}

/// A nested line beneath an entry: one line, kept as the notes gave it (it may be a bare
/// marker such as `-`).
fn detail_line(v: &Value, path: &Path) -> Result<String, PlanError> {
    let Value::String(s) = v else {
        return Err(path.invalid(format!("expected a string, got {}", describe(v))));
    };
    if s.contains(['\n', '\r']) {
        return Err(path.invalid("text spans several lines; give one line"));
    }
    if let Some(c) = s.chars().find(|c| c.is_control() && *c != '\t') {
        return Err(path.invalid(format!(
            "text holds control character U+{:04X}",
            u32::from(c)
        )));
    }
    Ok(s.clone())
}

fn date(v: &Value, path: &Path) -> Result<NaiveDate, PlanError> {
    match v {
        Value::String(s) => parse_iso(s.trim())
            .ok_or_else(|| path.invalid(format!("not a date (expected YYYY-MM-DD): {s:?}"))),
        other => Err(path.invalid(format!(
            "not a date (expected a string YYYY-MM-DD, got {})",
            describe(other)
        ))),
    }
}

fn optional<'v>(obj: &'v Map<String, Value>, name: &str) -> Option<&'v Value> {
    obj.get(name).filter(|v| !v.is_null())
}

fn action(v: &Value, path: &Path) -> Result<PlannedAction, PlanError> {
    let o = object(v, path, &["owner", "text", "due", "priority"])?;
    let owner_path = path.field("owner");
    let owner = line_text(required(o, path, "owner")?, &owner_path)?;
    if let OwnerWord::Name(name) = owner_word(&owner)
        && !is_name(name)
    {
        return Err(owner_path.invalid(format!(
            "expected \"me\", \"them\" or a person's name, got {owner:?}"
        )));
    }
    let text = line_text(required(o, path, "text")?, &path.field("text"))?;
    let due = optional(o, "due")
        .map(|d| date(d, &path.field("due")))
        .transpose()?;
    let priority = optional(o, "priority")
        .map(|p| {
            let at = path.field("priority");
            let named = p.as_str().map(str::trim).and_then(|s| {
                let n = s.strip_prefix(['P', 'p'])?;
                Priority::from_number(n.parse().ok()?)
            });
            named.ok_or_else(|| {
                at.invalid(format!(
                    "expected \"P1\", \"P2\" or \"P3\", got {}",
                    describe(p)
                ))
            })
        })
        .transpose()?;
    Ok(PlannedAction {
        owner,
        text,
        due,
        due_phrase: None,
        priority,
    })
}

fn entry(v: &Value, path: &Path) -> Result<PlannedEntry, PlanError> {
    let o = object(v, path, &["thread", "text", "kind", "details"])?;
    let thread = optional(o, "thread")
        .map(|t| line_text(t, &path.field("thread")))
        .transpose()?;
    let text = line_text(required(o, path, "text")?, &path.field("text"))?;
    let kind_path = path.field("kind");
    let kind = match optional(o, "kind") {
        None => EntryKind::Discussion,
        Some(Value::String(k)) if k.trim().eq_ignore_ascii_case("discussion") => {
            EntryKind::Discussion
        }
        Some(Value::String(k)) if k.trim().eq_ignore_ascii_case("decision") => EntryKind::Decision,
        Some(other) => {
            return Err(kind_path.invalid(format!(
                "expected \"discussion\" or \"decision\", got {}",
                describe(other)
            )));
        }
    };
    let details = list(o, path, "details", detail_line)?;
    Ok(PlannedEntry {
        thread,
        text,
        kind,
        details,
    })
}

/// Whether an owner reads as a person's name: up to four words of letters, digits,
/// apostrophes, hyphens and dots (`Sam`, `@jo`, `Mary-Jane O'Neil`), as an
/// `### <Name>'s Actions` heading can hold.
fn is_name(owner: &str) -> bool {
    let name = owner.strip_prefix('@').unwrap_or(owner);
    let words: Vec<&str> = name.split_whitespace().collect();
    (1..=4).contains(&words.len())
        && words.iter().all(|w| {
            w.chars().any(char::is_alphabetic)
                && w.chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, '\'' | '’' | '-' | '.'))
        })
}

/// How an action's owner reads: `me`, `them`, or a name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum OwnerWord<'a> {
    Me,
    Them,
    Name(&'a str),
}

/// `me`/`them` (any case), else a name.
pub(crate) fn owner_word(owner: &str) -> OwnerWord<'_> {
    let o = owner.trim();
    if o.eq_ignore_ascii_case("me") {
        OwnerWord::Me
    } else if o.eq_ignore_ascii_case("them") {
        OwnerWord::Them
    } else {
        OwnerWord::Name(o)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(json: &str) -> String {
        MeetingPlan::from_json(json).unwrap_err().to_string()
    }

    const HEAD: &str = r#""schema_version": 1, "person": "sarah-chen", "date": "2026-01-15""#;

    #[test]
    fn plan_reads_every_list() {
        let p = MeetingPlan::from_json(&format!(
            r#"{{{HEAD}, "topics": ["Career path"],
               "actions": [{{"owner": "Sam", "text": "Escalate", "priority": "p3"}}],
               "done": [{{"item": "Approve training budget"}}],
               "goals": ["Q1 goal: NRR"], "accomplishments": ["Shipped search"],
               "entries": [{{"text": "Budget approved", "kind": "decision", "details": ["$2K"]}}]}}"#
        ))
        .unwrap();
        assert_eq!(p.topics, ["Career path"]);
        assert_eq!(p.actions[0].priority, Some(Priority::P3));
        assert_eq!(p.done[0].item, "Approve training budget");
        assert_eq!(p.entries[0].kind, EntryKind::Decision);
        assert_eq!(p.entries[0].thread, None);
        assert_eq!(p.entries[0].details, ["$2K"]);
    }

    #[test]
    fn plan_errors_name_the_json_path() {
        let cases = [
            (
                r#""actions": [{"owner": "me", "text": "a"}, {"owner": "me", "text": "b"}, {"owner": "me", "text": "c", "due": "2026-02-30"}]"#,
                r#"actions[2].due: not a date (expected YYYY-MM-DD): "2026-02-30""#,
            ),
            (
                r#""actions": [{"owner": "me", "text": "a", "priority": "P4"}]"#,
                r#"actions[0].priority: expected "P1", "P2" or "P3", got the string "P4""#,
            ),
            (
                r#""actions": [{"owner": 3, "text": "a"}]"#,
                "actions[0].owner: expected a string, got the number 3",
            ),
            (
                r#""actions": [{"owner": "me", "txt": "a"}]"#,
                "actions[0].txt: unknown field (expected one of: owner, text, due, priority)",
            ),
            (r#""done": [{}]"#, "done[0].item: missing (it is required)"),
            (
                r#""actions": [{"owner": "Sarah, or maybe Sam?", "text": "a"}]"#,
                r#"actions[0].owner: expected "me", "them" or a person's name, got "Sarah, or maybe Sam?""#,
            ),
            (
                r#""goals": "grow""#,
                r#"goals: expected an array, got the string "grow""#,
            ),
            (
                r#""entries": [{"text": "a\nb"}]"#,
                "entries[0].text: text spans several lines; give one line",
            ),
            (
                r#""entries": [{"text": "x", "kind": "goal"}]"#,
                r#"entries[0].kind: expected "discussion" or "decision", got the string "goal""#,
            ),
            (
                r#""accomplishments": [" - "]"#,
                r#"accomplishments[0]: no words in "-""#,
            ),
            (
                r#""extra": 1"#,
                "extra: unknown field (expected one of: schema_version, person, date, topics, actions, done, goals, accomplishments, entries)",
            ),
        ];
        for (body, want) in cases {
            assert_eq!(err(&format!("{{{HEAD}, {body}}}")), want, "{body}");
        }
        assert_eq!(
            err(r#"{"person": "x", "date": "2026-01-15"}"#),
            "schema_version: missing (it is required)"
        );
        assert_eq!(
            err(r#"{"schema_version": 2, "person": "x", "date": "2026-01-15"}"#),
            "schema_version: this build reads plans of version 1, got the number 2"
        );
        assert_eq!(err("[1]"), "plan: expected an object, got an array");
        assert!(
            err("{").starts_with("the plan is not JSON: line 1 column 1"),
            "{}",
            err("{")
        );
        let huge = format!(
            "{{{HEAD}, \"goals\": [\"{}\"]}}",
            "a".repeat(MAX_NOTES_BYTES)
        );
        assert!(err(&huge).starts_with("plan: the plan is "), "too large");
    }

    #[test]
    fn plan_json_round_trips() {
        let json = format!(
            r#"{{{HEAD}, "topics": [], "actions": [{{"owner": "them", "text": "Review", "due": "2026-01-16", "priority": "P1"}}], "done": [], "goals": [], "accomplishments": [], "entries": [{{"thread": "General", "text": "Talked", "kind": "discussion"}}]}}"#
        );
        let p = MeetingPlan::from_json(&json).unwrap();
        let back = serde_json::to_string(&p).unwrap();
        assert_eq!(MeetingPlan::from_json(&back).unwrap(), p);
        assert_eq!(
            serde_json::from_str::<Value>(&back).unwrap(),
            serde_json::from_str::<Value>(&json).unwrap()
        );
    }
}
