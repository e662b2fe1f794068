//! The running document: a lossless parse of the source plus typed views, and edits as
//! splices into that source.

use crate::diagnostic::Diagnostic;
use crate::error::{EditError, ParseError};
use crate::model::{
    ActionItem, ActionList, Bullet, Entry, Frequency, FrontMatter, Outline, Owner, Relationship,
    Section, SectionKind, Thread,
};
use chrono::NaiveDate;
use std::fmt;

mod archive;
mod edit;
pub(crate) mod parse;

/// A parsed running document. `to_string()` gives back the source byte for byte until an
/// edit changes it; every edit changes only the lines it must.
#[derive(Debug, Clone)]
pub struct Document {
    src: String,
    p: parse::Parsed,
}

/// A new action item to add.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewActionItem {
    /// The item's text (one line, no markers).
    pub text: String,
    /// Written as ` (by YYYY-MM-DD)` after the text.
    pub due: Option<NaiveDate>,
    /// Written as `[Pn] ` before the text.
    pub priority: Option<u8>,
}

impl NewActionItem {
    /// What is written after the checkbox: `[Pn] TEXT (by DATE)`.
    pub(crate) fn body(&self) -> String {
        format!(
            "{}{}{}",
            self.priority
                .map(|p| format!("[P{p}] "))
                .unwrap_or_default(),
            self.text.trim(),
            self.due.map(|d| format!(" (by {d})")).unwrap_or_default()
        )
    }

    /// The text the document reads back from the item once written: markers inside the
    /// text itself (`[P2]]`, ` (by 2026-01-02)`) are taken out as they will be on reading.
    pub(crate) fn read_back_text(&self) -> String {
        crate::syntax::item_text(&self.body())
    }
}

/// The list a block joins in [`Document::insert_block`]; a missing thread, subsection or
/// section is created where the tool creates them for its own edits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BlockPlace {
    /// A thread of Ongoing Threads, by name (any case); newest entry first.
    Thread(String),
    /// An action subsection by its `###` heading text (any case), or `""` for items
    /// directly under Action Items; the block goes after its last item.
    Actions(String),
    /// Recent Accomplishments Shared; newest entry first.
    Accomplishments,
    /// Meeting History; newest entry first.
    Meetings,
}

impl BlockPlace {
    /// The known section that holds the list.
    pub fn section(&self) -> SectionKind {
        match self {
            BlockPlace::Thread(_) => SectionKind::Threads,
            BlockPlace::Actions(_) => SectionKind::ActionItems,
            BlockPlace::Accomplishments => SectionKind::Accomplishments,
            BlockPlace::Meetings => SectionKind::MeetingHistory,
        }
    }
}

/// Where an edit landed: the 1-based first line it inserted or changed, and how many lines
/// it inserted (0 for an edit in place).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EditOutcome {
    /// 1-based first line inserted or changed.
    pub line: usize,
    /// Lines inserted (0 when a line was changed in place).
    pub inserted: usize,
}

impl Document {
    /// Parses a running document.
    ///
    /// # Errors
    /// Fails only when the text cannot be read as a document at all (unclosed or invalid
    /// front matter, a NUL byte); everything else is reported by [`Document::validate`].
    pub fn parse(src: &str) -> Result<Document, ParseError> {
        Ok(Document {
            src: src.to_owned(),
            p: parse::parse(src)?,
        })
    }

    /// The number of lines (a final line ending does not open another line).
    pub fn line_count(&self) -> usize {
        self.p.starts.len()
    }

    pub(crate) fn parsed(&self) -> &parse::Parsed {
        &self.p
    }

    /// The source text.
    pub fn as_str(&self) -> &str {
        &self.src
    }

    /// Every part of the document the model reads, as `show` prints it.
    pub fn outline(&self) -> &Outline {
        &self.p.outline
    }

    /// The front matter (an empty one when the document has none).
    pub fn front_matter(&self) -> &FrontMatter {
        &self.p.outline.front_matter
    }

    /// `person:` from the front matter.
    pub fn person(&self) -> Option<&str> {
        self.p.outline.front_matter.person.as_deref()
    }

    /// The first word of `person:`, used in `### <Name>'s Actions`.
    pub fn first_name(&self) -> Option<&str> {
        self.person().and_then(parse::first_word)
    }

    /// `relationship:` when it is a known one.
    pub fn relationship(&self) -> Option<Relationship> {
        self.p
            .outline
            .front_matter
            .relationship
            .as_deref()
            .and_then(Relationship::parse)
    }

    /// `frequency:` when it is a known one.
    pub fn frequency(&self) -> Option<Frequency> {
        self.p
            .outline
            .front_matter
            .frequency
            .as_deref()
            .and_then(Frequency::parse)
    }

    /// Every section in document order, the preamble first when there is text before the
    /// first `##` heading.
    pub fn sections(&self) -> &[Section] {
        &self.p.outline.sections
    }

    /// The first section of a kind.
    pub fn section(&self, kind: SectionKind) -> Option<&Section> {
        self.p
            .outline
            .sections
            .iter()
            .find(|s| s.kind == kind && s.line != 0)
    }

    /// Current focus areas.
    pub fn focus_areas(&self) -> &[Bullet] {
        &self.p.outline.focus_areas
    }

    /// Ongoing threads.
    pub fn threads(&self) -> &[Thread] {
        &self.p.outline.threads
    }

    /// The thread with this name, case-insensitively.
    pub fn thread(&self, name: &str) -> Option<&Thread> {
        let name = name.trim().to_lowercase();
        self.p
            .outline
            .threads
            .iter()
            .find(|t| t.name.trim().to_lowercase() == name)
    }

    /// Action item subsections.
    pub fn action_lists(&self) -> &[ActionList] {
        &self.p.outline.action_lists
    }

    /// Every action item, in document order.
    pub fn action_items(&self) -> impl Iterator<Item = &ActionItem> {
        self.action_lists().iter().flat_map(|l| l.items.iter())
    }

    /// Recent accomplishments shared.
    pub fn accomplishments(&self) -> &[Entry] {
        &self.p.outline.accomplishments
    }

    /// Meeting history.
    pub fn meetings(&self) -> &[Entry] {
        &self.p.outline.meetings
    }

    /// The non-blank lines of the `## Inbox` section, as bullets (marker stripped).
    pub fn inbox(&self) -> &[Bullet] {
        &self.p.inbox
    }

    /// Line `n` (1-based) without its line ending.
    pub fn line(&self, n: usize) -> Option<&str> {
        if n == 0 || n > self.p.starts.len() {
            return None;
        }
        Some(crate::front_matter::line_text(
            &self.src,
            &self.p.starts,
            n - 1,
        ))
    }

    /// Checks the document against SPEC section 6. `today` enables the overdue and
    /// future-date warnings.
    pub fn validate(&self, today: Option<NaiveDate>) -> Vec<Diagnostic> {
        crate::validate::validate(self, today)
    }

    /// Adds a dated entry to a thread under Ongoing Threads, creating the thread (and the
    /// section) where missing. `details` become nested bullets.
    ///
    /// # Errors
    /// Empty or multi-line text, or a duplicated section.
    pub fn add_thread_entry(
        &mut self,
        thread: &str,
        date: NaiveDate,
        text: &str,
        details: &[String],
    ) -> Result<EditOutcome, EditError> {
        self.checked_insert(|d| d.edit_thread_entry(thread, date, text, details))
    }

    /// Adds an open action item after the last open item of the owner's subsection,
    /// creating the subsection (and the section) where missing.
    ///
    /// # Errors
    /// Empty or multi-line text, or a duplicated section.
    pub fn add_action_item(
        &mut self,
        owner: &Owner,
        item: &NewActionItem,
    ) -> Result<EditOutcome, EditError> {
        self.checked_insert(|d| d.edit_action_item(owner, item))
    }

    /// Ticks the open action item starting at `line`: `[ ]` becomes `[x]` and
    /// ` (completed DATE)` (or ` ✅ DATE` where the item uses Obsidian Tasks dates) is
    /// appended to its first line.
    ///
    /// # Errors
    /// No open action item starts at `line`.
    pub fn complete_action_item(
        &mut self,
        line: usize,
        date: NaiveDate,
    ) -> Result<EditOutcome, EditError> {
        self.edit_complete(line, date)
    }

    /// Adds a focus area at the end of Current Focus Areas.
    ///
    /// # Errors
    /// Empty or multi-line text, or a duplicated section.
    pub fn add_focus_area(&mut self, text: &str) -> Result<EditOutcome, EditError> {
        self.checked_insert(|d| d.edit_focus_area(text))
    }

    /// Adds `- DATE: text` to Recent Accomplishments Shared.
    ///
    /// # Errors
    /// Empty or multi-line text, or a duplicated section.
    pub fn add_accomplishment(
        &mut self,
        date: NaiveDate,
        text: &str,
    ) -> Result<EditOutcome, EditError> {
        self.checked_insert(|d| d.edit_dated_list(SectionKind::Accomplishments, date, text))
    }

    /// Adds `- DATE: topics` to Meeting History.
    ///
    /// # Errors
    /// Empty or multi-line text, or a duplicated section.
    pub fn add_meeting(&mut self, date: NaiveDate, topics: &str) -> Result<EditOutcome, EditError> {
        self.checked_insert(|d| d.edit_dated_list(SectionKind::MeetingHistory, date, topics))
    }

    /// Inserts a block written elsewhere (a list item with its nested lines, as in another
    /// document) into the list `place` names: a dated list keeps newest first (the block
    /// goes below entries of its own date, so blocks added in their order keep it), an
    /// action list gets it after its last item. The lines take the bullet, indentation and
    /// line ending of the list they join; their text is kept as written. A block whose
    /// lines the list already holds is not added again (`inserted` is then 0).
    ///
    /// # Errors
    /// A block that is not one list item with its nested lines, a dated place and a block
    /// without a date, an empty or multi-line thread name, a duplicated section, or a block
    /// that would not read back as one item.
    pub fn insert_block(
        &mut self,
        place: &BlockPlace,
        block: &str,
    ) -> Result<EditOutcome, EditError> {
        let lines = edit::BlockLines::read(block)?;
        if let Some(line) = self.find_block(place, &lines)? {
            return Ok(EditOutcome { line, inserted: 0 });
        }
        self.checked_insert(|d| d.edit_insert_block(place, &lines))
    }

    /// Replaces the text of line `n` (1-based), keeping its line ending; for lines that
    /// are no item (a summary line under the title, say).
    ///
    /// # Errors
    /// Empty or multi-line text, a line past the end, or a change that would add, remove
    /// or hide an item (the document is then unchanged).
    pub fn replace_line(&mut self, n: usize, text: &str) -> Result<EditOutcome, EditError> {
        let before = self.item_count();
        let saved = self.clone();
        let outcome = self.edit_replace_line(n, text)?;
        if self.item_count() != before {
            *self = saved;
            return Err(EditError::Unreadable { line: n });
        }
        Ok(outcome)
    }

    /// The document's line ending (`"\r\n"` or `"\n"`): that of its first line, which
    /// every line the edits add copies.
    pub fn line_ending(&self) -> &'static str {
        self.eol()
    }

    /// Removes the given Inbox lines (1-based; each with its nested lines), the one edit
    /// that deletes what the user wrote, after `process` has recorded it elsewhere.
    ///
    /// # Errors
    /// A line that is not an Inbox bullet.
    pub fn remove_inbox_lines(&mut self, lines: &[usize]) -> Result<EditOutcome, EditError> {
        self.edit_remove_inbox(lines)
    }
}

impl Document {
    /// Every item the views hold: focus areas, thread entries (dated and not), action
    /// items, accomplishments and meetings.
    fn item_count(&self) -> usize {
        self.focus_areas().len()
            + self
                .threads()
                .iter()
                .map(|t| t.entries.len() + t.undated.len())
                .sum::<usize>()
            + self.action_items().count()
            + self.accomplishments().len()
            + self.meetings().len()
    }

    /// Runs an edit that adds one item and checks that the result reads back with exactly
    /// one item more; otherwise (text swallowed by an unclosed fence or comment) the
    /// document is left as it was, since a line the tool cannot read back would be added
    /// again by every later run.
    fn checked_insert(
        &mut self,
        edit: impl FnOnce(&mut Document) -> Result<EditOutcome, EditError>,
    ) -> Result<EditOutcome, EditError> {
        let before = self.item_count();
        let saved = self.clone();
        let outcome = edit(self)?;
        if self.item_count() != before + 1 {
            *self = saved;
            return Err(EditError::Unreadable { line: outcome.line });
        }
        Ok(outcome)
    }
}

impl fmt::Display for Document {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.src)
    }
}

impl std::str::FromStr for Document {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Document::parse(s)
    }
}
