//! The line scan of one revision: every line's context in one cheap pass, and the item a
//! line starts, read with the document parser's own line primitives (`crate::syntax`).

use super::EventKind;
use crate::document::parse::{owner_of, task_owner_prefix};
use crate::model::{Owner, SectionKind};
use crate::syntax::{self, DatePrefix, Fence, MarkerKind};
use chrono::NaiveDate;
use serde::Serialize;

/// Where a line sits in the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineContext {
    /// The `##` section the line is in (`Unknown` before the first one).
    pub section: SectionKind,
    /// 0-based index of the `###` heading the line is under, within the section.
    pub sub: Option<u32>,
    /// The line is not markdown text: front matter, inside a fence or an HTML comment,
    /// or a heading.
    pub opaque: bool,
}

/// `person:` from the front matter, read without a YAML parse (quotes removed).
pub fn front_matter_person(text: &str) -> Option<String> {
    // Only the front matter is split: it is a few lines at the top of a long document.
    let mut lines = text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l));
    if !lines
        .next()
        .is_some_and(|l| syntax::is_front_matter_fence(l, false))
    {
        return None;
    }
    let mut person = None;
    for l in lines {
        if syntax::is_front_matter_fence(l, true) {
            return person;
        }
        if person.is_none()
            && let Some(v) = l.strip_prefix("person:")
        {
            let v = v.trim();
            let v = v.split(" #").next().unwrap_or(v).trim();
            let v = v.trim_matches(|c| c == '"' || c == '\'');
            person = (!v.is_empty()).then(|| v.to_owned());
        }
    }
    None
}

/// A setext heading whose text is line `i` (a paragraph's only line, underlined by the
/// next): `(level, title)`. A `---` after a blank line is a thematic break, not this.
fn setext_heading<'a>(lines: &[&'a str], i: usize, body: usize) -> Option<(u8, &'a str)> {
    let level = syntax::setext_underline(lines.get(i + 1)?)?;
    let line = lines[i];
    let (cols, at) = syntax::indent(line);
    let rest = &line[at..];
    // A paragraph starts after a blank line or a heading; a `---` under a paragraph's
    // later line would make all its lines the heading, which no known title spans.
    let starts_paragraph = i == body || {
        let prev = lines[i - 1];
        prev.trim().is_empty() || syntax::atx_heading(prev).is_some()
    };
    let plain = !(rest.starts_with(['-', '*', '+', '>', '|'])
        || rest.bytes().next().is_some_and(|b| b.is_ascii_digit()));
    (cols <= 3 && starts_paragraph && plain && !rest.trim().is_empty())
        .then(|| (level, rest.trim()))
}

/// The block a line leaves the scan in.
#[derive(Clone, Copy)]
enum Block {
    Normal,
    Fence(Fence),
    Comment,
}

/// The section state the scan carries from line to line.
struct Sections {
    section: SectionKind,
    sub: Option<u32>,
    /// Whether the current known section holds anything yet: a thematic break ends it
    /// only after content, as in the parser.
    has_content: bool,
}

impl Sections {
    fn heading(&mut self, level: u8, title: &str, line: usize) {
        match level {
            1 | 2 => {
                self.section = if level == 2 {
                    SectionKind::from_title(title)
                } else {
                    SectionKind::Unknown
                };
                self.sub = None;
                self.has_content = false;
            }
            3 => {
                self.sub = Some(line as u32);
                self.has_content = true;
            }
            _ => {}
        }
    }

    fn context(&self, opaque: bool) -> LineContext {
        LineContext {
            section: self.section,
            sub: self.sub,
            opaque,
        }
    }
}

/// Gives every line its context in one pass.
pub fn line_contexts(lines: &[&str]) -> Vec<LineContext> {
    let fm_end = syntax::front_matter_lines(lines.iter().copied());
    let mut out = Vec::with_capacity(lines.len());
    let mut s = Sections {
        section: SectionKind::Unknown,
        sub: None,
        has_content: false,
    };
    let mut block = Block::Normal;
    let mut underline = false;
    for (i, line) in lines.iter().enumerate() {
        if i < fm_end || std::mem::take(&mut underline) {
            out.push(s.context(true));
            continue;
        }
        let blank = line.trim().is_empty();
        let opaque = match block {
            Block::Fence(f) => {
                if f.closes(line) {
                    block = Block::Normal;
                }
                true
            }
            Block::Comment => {
                if line.contains("-->") {
                    block = Block::Normal;
                }
                true
            }
            Block::Normal => {
                let (cols, at) = syntax::indent(line);
                // Only these first characters open a fence, a comment, an ATX heading or
                // a break: most lines (list items, prose) skip those checks.
                let first = line.as_bytes().get(at).copied().unwrap_or(b' ');
                let fence = matches!(first, b'`' | b'~')
                    .then(|| Fence::open(line))
                    .flatten();
                let mut heading = || {
                    (first == b'#')
                        .then(|| syntax::atx_heading(line))
                        .flatten()
                        .or_else(|| {
                            (!blank)
                                .then(|| setext_heading(lines, i, fm_end))
                                .flatten()
                                .inspect(|_| underline = true)
                        })
                };
                if cols > 3 {
                    false
                } else if let Some(f) = fence {
                    block = Block::Fence(f);
                    true
                } else if let Some(after) = line[at..].strip_prefix("<!--") {
                    if !after.contains("-->") {
                        block = Block::Comment;
                    }
                    true
                } else if let Some((level, title)) = heading() {
                    s.heading(level, title, i);
                    out.push(s.context(true));
                    continue;
                } else if matches!(first, b'-' | b'*' | b'_')
                    && syntax::is_thematic_break(line)
                    && s.section != SectionKind::Unknown
                    && s.has_content
                {
                    s.section = SectionKind::Unknown;
                    s.sub = None;
                    true
                } else {
                    false
                }
            }
        };
        s.has_content |= !blank;
        out.push(s.context(opaque));
    }
    out
}

/// An item recognised on one line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScannedItem {
    /// Accomplishment, Action, Goal, Thread or Meeting.
    pub kind: EventKind,
    /// The text, markers and date prefix removed, trimmed.
    pub text: String,
    /// The written date: an entry's `YYYY-MM-DD:` prefix.
    pub date: Option<NaiveDate>,
    /// A ticked action's `(completed …)` / `✅ …` date.
    pub completed: Option<NaiveDate>,
    /// An action's `(by …)` / `📅 …` due date.
    pub due: Option<NaiveDate>,
    /// Whether an action is ticked.
    pub done: bool,
    /// The thread (for thread entries).
    pub thread: Option<String>,
    /// The owner (for actions): `me`, or the name the `### … Actions` heading gives.
    pub owner: Option<String>,
}

fn collapse_spaces(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The owner a task names at its start, else the one its `### … Actions` heading gives:
/// `me`, or the name as written.
fn action_owner(text: &str, heading: Option<&str>) -> Option<String> {
    let owner = match task_owner_prefix(text) {
        Some(n) if matches!(n.to_lowercase().as_str(), "me" | "i" | "myself") => Owner::Me,
        Some(n) => Owner::Named(n.to_owned()),
        None => owner_of(heading?, None),
    };
    Some(match owner {
        Owner::Me => "me".to_owned(),
        Owner::Named(n) => n,
        // Without a first name no heading reads as "them" or unassigned.
        Owner::Them | Owner::Unassigned => return None,
    })
}

/// Fills in an action's box, dates, text and owner; `None` when the line has no box.
fn read_action(item: &mut ScannedItem, content: &str, heading: Option<&str>) -> Option<()> {
    let (done, rest) = syntax::checkbox(content)?;
    let raw = rest.trim();
    let markers = syntax::scan_markers(raw);
    for m in markers.iter().filter(|m| m.recognised()) {
        match m.kind {
            MarkerKind::Due(v) | MarkerKind::ObsidianDue(v) => item.due = item.due.or(v.date()),
            MarkerKind::Completed(v) | MarkerKind::ObsidianDone(v) => {
                item.completed = item.completed.or(v.date());
            }
            MarkerKind::Priority(_) => {}
        }
    }
    item.done = done;
    item.text = collapse_spaces(&syntax::strip_markers(raw, &markers));
    // `Alex: review the plan` is Alex's wherever it stands, as the parser reads it.
    item.owner = action_owner(&item.text, heading);
    Some(())
}

/// Classifies one line given its context; `None` for lines that start no item.
pub fn scan_line(lines: &[&str], ctx: &[LineContext], i: usize) -> Option<ScannedItem> {
    let c = ctx[i];
    if c.opaque {
        return None;
    }
    let kind = match c.section {
        SectionKind::FocusAreas => EventKind::Goal,
        SectionKind::Threads => EventKind::Thread,
        SectionKind::ActionItems => EventKind::Action,
        SectionKind::Accomplishments => EventKind::Accomplishment,
        SectionKind::MeetingHistory => EventKind::Meeting,
        SectionKind::Inbox | SectionKind::Unknown => return None,
    };
    // A top-level item starts at column 0 or 1; deeper bullets are an item's details.
    let content = syntax::bullet(lines[i])
        .filter(|&(cols, _, _)| cols <= 1)
        .map(|(_, _, at)| lines[i][at..].trim_end())?;
    let heading = c
        .sub
        .and_then(|s| syntax::atx_heading(lines[s as usize]))
        .map(|(_, t)| t);
    let mut item = ScannedItem {
        kind,
        text: String::new(),
        date: None,
        completed: None,
        due: None,
        done: false,
        thread: None,
        owner: None,
    };
    match kind {
        EventKind::Action => read_action(&mut item, content, heading)?,
        EventKind::Goal => item.text = content.trim().to_owned(),
        _ => {
            let text = match syntax::date_prefix(content) {
                DatePrefix::Valid(date, text) => {
                    item.date = Some(date);
                    text
                }
                DatePrefix::Invalid | DatePrefix::None => content.trim(),
            };
            item.text = text.to_owned();
            if kind == EventKind::Thread {
                item.thread = heading.map(str::to_owned);
            }
        }
    }
    (!item.text.is_empty()).then_some(item)
}

/// Scans a whole document into its items with their 0-based line indexes. The reference
/// the incremental diff agrees with.
pub fn scan_document(text: &str) -> Vec<(usize, ScannedItem)> {
    let lines = syntax::split_lines(text);
    let ctx = line_contexts(&lines);
    (0..lines.len())
        .filter_map(|i| scan_line(&lines, &ctx, i).map(|it| (i, it)))
        .collect()
}
