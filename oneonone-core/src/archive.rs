//! The quarterly archive (SPEC 8): a quarter's completed action items, thread entries,
//! accomplishments and meeting-history lines move, their text as written, from the running
//! document into a retro document with the same front matter and known sections, so the
//! same views read it; in the retro they take its bullets, indentation and line endings
//! (a new retro starts in the running document's). Open items and focus areas stay.
//!
//! ```
//! use oneonone_core::Document;
//! use oneonone_core::archive::{Quarter, archive};
//!
//! let src = "---\nperson: Sarah Chen\n---\n\n## Meeting History\n- 2026-01-08: Planning\n- 2025-12-18: Q4 review\n";
//! let q: Quarter = "2025-Q4".parse()?;
//! let out = archive(&Document::parse(src)?, q, None)?.expect("something to move");
//! assert_eq!(out.running, "---\nperson: Sarah Chen\n---\n\n## Meeting History\n- 2026-01-08: Planning\n");
//! assert!(out.archive.contains("\n## Meeting History\n- 2025-12-18: Q4 review\n"));
//! assert_eq!(out.moved.total(), 1);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use crate::document::{BlockPlace, Document};
use crate::error::{EditError, ParseError};
use crate::model::SectionKind;
pub use crate::quarter::{Quarter, QuarterError};
use chrono::NaiveDate;
use serde::Serialize;
use thiserror::Error;

/// The first words of the summary line at the top of a retro document; a merge rewrites
/// the line that starts with them.
pub const SUMMARY_PREFIX: &str = "Archived from the running document:";

/// What kind of material an archived block is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    /// A ticked action item completed in the quarter.
    CompletedAction,
    /// A dated entry of a thread.
    ThreadEntry,
    /// A dated entry of Recent Accomplishments Shared.
    Accomplishment,
    /// A dated line of Meeting History.
    Meeting,
}

/// One entry or item that moves, with its nested lines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Block {
    /// What it is.
    pub kind: BlockKind,
    /// The thread name, or the action subsection's heading (empty for items in no
    /// subsection); `None` for accomplishments and meetings.
    pub group: Option<String>,
    /// The entry's date, or the item's completion date.
    pub date: NaiveDate,
    /// 1-based first line in the running document.
    pub line: usize,
    /// 1-based last line in the running document.
    pub end_line: usize,
    /// The lines exactly as written, line endings included.
    pub text: String,
}

/// How many blocks of each kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Completed action items.
    pub completed_actions: usize,
    /// Thread entries.
    pub thread_entries: usize,
    /// Accomplishments shared.
    pub accomplishments: usize,
    /// Meeting-history lines.
    pub meetings: usize,
}

impl Counts {
    /// All blocks together.
    pub fn total(&self) -> usize {
        self.completed_actions + self.thread_entries + self.accomplishments + self.meetings
    }

    fn of_blocks(blocks: &[Block]) -> Counts {
        let mut c = Counts::default();
        for b in blocks {
            match b.kind {
                BlockKind::CompletedAction => c.completed_actions += 1,
                BlockKind::ThreadEntry => c.thread_entries += 1,
                BlockKind::Accomplishment => c.accomplishments += 1,
                BlockKind::Meeting => c.meetings += 1,
            }
        }
        c
    }

    /// What a retro document holds, counted from its views.
    pub fn of_document(doc: &Document) -> Counts {
        Counts {
            completed_actions: doc.action_items().filter(|i| i.done).count(),
            thread_entries: doc.threads().iter().map(|t| t.entries.len()).sum(),
            accomplishments: doc.accomplishments().len(),
            meetings: doc.meetings().len(),
        }
    }

    /// `3 completed action items, 1 thread entry, …` (every kind, zeros included).
    pub fn describe(&self) -> String {
        let part =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        [
            part(
                self.completed_actions,
                "completed action item",
                "completed action items",
            ),
            part(self.thread_entries, "thread entry", "thread entries"),
            part(
                self.accomplishments,
                "accomplishment shared",
                "accomplishments shared",
            ),
            part(self.meetings, "meeting", "meetings"),
        ]
        .join(", ")
    }
}

/// The result of archiving a quarter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Archived {
    /// The running document without the moved blocks.
    pub running: String,
    /// The retro document: new, or the existing one with the blocks merged in.
    pub archive: String,
    /// The blocks that left the running document, in its order.
    pub blocks: Vec<Block>,
    /// How many blocks moved.
    pub moved: Counts,
}

/// Why archiving failed. Nothing is written when it does.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ArchiveError {
    /// Removing the blocks from the running document failed.
    #[error("failed to remove the archived entries from the running document")]
    Remove(#[source] EditError),
    /// The existing retro document does not parse.
    #[error("failed to read the existing archive")]
    Existing(#[source] ParseError),
    /// Adding the blocks to the retro document failed.
    #[error("failed to add the entries to the archive")]
    Insert(#[source] EditError),
}

/// The blocks of `doc` that belong to `quarter`, in document order: ticked items completed
/// in it, and thread entries, accomplishments and meeting lines dated in it.
pub fn select(doc: &Document, quarter: Quarter) -> Vec<Block> {
    let block = |kind, group: Option<String>, date, line, end_line| Block {
        kind,
        group,
        date,
        line,
        end_line,
        text: doc.line_range_text(line, end_line).to_owned(),
    };
    let mut out = Vec::new();
    for t in doc.threads() {
        for e in t.entries.iter().filter(|e| quarter.contains(e.date)) {
            out.push(block(
                BlockKind::ThreadEntry,
                Some(t.name.clone()),
                e.date,
                e.line,
                e.end_line,
            ));
        }
    }
    for list in doc.action_lists() {
        for i in &list.items {
            if let (true, Some(done)) = (i.done, i.completed)
                && quarter.contains(done)
            {
                out.push(block(
                    BlockKind::CompletedAction,
                    Some(list.heading.clone()),
                    done,
                    i.line,
                    i.end_line,
                ));
            }
        }
    }
    for (kind, entries) in [
        (BlockKind::Accomplishment, doc.accomplishments()),
        (BlockKind::Meeting, doc.meetings()),
    ] {
        for e in entries.iter().filter(|e| quarter.contains(e.date)) {
            out.push(block(kind, None, e.date, e.line, e.end_line));
        }
    }
    out.sort_by_key(|b| b.line);
    out
}

/// Moves the quarter's blocks out of `doc` into a retro document: `existing` (the archive
/// file's text, when there is one) with the blocks merged in, else a new one. `None` when
/// nothing is left to move, so a second run changes nothing. Both documents change only
/// through the [`Document`] edits, so the blocks take the retro's list style and every
/// step is read back.
///
/// # Errors
/// [`ArchiveError`] when the existing archive does not parse, or an edit fails.
pub fn archive(
    doc: &Document,
    quarter: Quarter,
    existing: Option<&str>,
) -> Result<Option<Archived>, ArchiveError> {
    let blocks = select(doc, quarter);
    if blocks.is_empty() {
        return Ok(None);
    }
    let mut retro = match existing {
        Some(t) => Document::parse(t).map_err(ArchiveError::Existing)?,
        None => Document::parse(&skeleton(doc, quarter, &blocks))
            .map_err(|e| ArchiveError::Insert(e.into()))?,
    };
    for b in &blocks {
        retro
            .insert_block(&b.place(), &b.text)
            .map_err(ArchiveError::Insert)?;
    }
    write_summary(&mut retro)?;

    let mut running = doc.clone();
    let lines: Vec<usize> = blocks.iter().map(|b| b.line).collect();
    running.remove_items(&lines).map_err(ArchiveError::Remove)?;
    let emptied: Vec<&str> = blocks
        .iter()
        .filter(|b| b.kind == BlockKind::ThreadEntry)
        .filter_map(|b| b.group.as_deref())
        .collect();
    running
        .remove_empty_threads(&emptied)
        .map_err(ArchiveError::Remove)?;
    Ok(Some(Archived {
        running: running.to_string(),
        archive: retro.to_string(),
        moved: Counts::of_blocks(&blocks),
        blocks,
    }))
}

impl Block {
    /// The list of a retro document the block joins.
    pub fn place(&self) -> BlockPlace {
        let group = self.group.clone().unwrap_or_default();
        match self.kind {
            BlockKind::ThreadEntry => BlockPlace::Thread(group),
            BlockKind::CompletedAction => BlockPlace::Actions(group),
            BlockKind::Accomplishment => BlockPlace::Accomplishments,
            BlockKind::Meeting => BlockPlace::Meetings,
        }
    }
}

/// A new retro document: the running document's front matter as written, a title, the
/// summary line, and the known sections with the threads and action subsections that
/// will receive blocks, in the running document's order.
fn skeleton(doc: &Document, quarter: Quarter, blocks: &[Block]) -> String {
    let eol = doc.line_ending();
    let fm = doc.front_matter();
    let mut out = String::new();
    if fm.line > 0 {
        out.push_str(doc.line_range_text(fm.line, fm.end_line));
        if !out.ends_with('\n') {
            out.push_str(eol);
        }
        out.push_str(eol);
    }
    let person = doc.person().unwrap_or("unknown");
    let mut line = |s: &str| {
        out.push_str(s);
        out.push_str(eol);
    };
    line(&format!("# 1:1 with {person}: {quarter} retro"));
    line("");
    line(&format!(
        "{SUMMARY_PREFIX} {}.",
        Counts::default().describe()
    ));
    let groups = |kind: BlockKind| {
        let mut names: Vec<&str> = Vec::new();
        for b in blocks.iter().filter(|b| b.kind == kind) {
            let g = b.group.as_deref().unwrap_or_default();
            if !g.is_empty() && !names.contains(&g) {
                names.push(g);
            }
        }
        names
    };
    for (kind, sub) in [
        (SectionKind::Threads, groups(BlockKind::ThreadEntry)),
        (SectionKind::ActionItems, groups(BlockKind::CompletedAction)),
        (SectionKind::Accomplishments, Vec::new()),
        (SectionKind::MeetingHistory, Vec::new()),
    ] {
        line("");
        line(&format!("## {}", kind.canonical_title()));
        for name in sub {
            line("");
            line(&format!("### {name}"));
        }
    }
    out
}

/// Rewrites the summary line (when the retro has one) with what the retro now holds.
fn write_summary(retro: &mut Document) -> Result<(), ArchiveError> {
    let summary = format!(
        "{SUMMARY_PREFIX} {}.",
        Counts::of_document(retro).describe()
    );
    let found = (1..=retro.line_count())
        .find(|&n| retro.line(n).is_some_and(|l| l.starts_with(SUMMARY_PREFIX)));
    if let Some(n) = found.filter(|&n| retro.line(n) != Some(summary.as_str())) {
        retro
            .replace_line(n, &summary)
            .map_err(ArchiveError::Insert)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Owner;
    use crate::syntax::tests::d;

    #[test]
    fn quarter_parses_and_bounds() {
        let q: Quarter = "2025-Q4".parse().unwrap();
        assert_eq!(
            (q.first_day(), q.last_day()),
            (d("2025-10-01"), d("2025-12-31"))
        );
        let q: Quarter = "2026q1".parse().unwrap();
        assert_eq!(
            (q.first_day(), q.last_day()),
            (d("2026-01-01"), d("2026-03-31"))
        );
        assert_eq!(q.to_string(), "2026-Q1");
        for bad in ["2025-Q5", "2025-Q0", "Q4", "25-Q4", "2025-4", ""] {
            assert!(bad.parse::<Quarter>().is_err(), "{bad}");
        }
    }

    #[test]
    fn quarter_contains_only_its_days() {
        let q: Quarter = "2025-Q4".parse().unwrap();
        assert!(q.contains(d("2025-10-01")) && q.contains(d("2025-12-31")));
        assert!(!q.contains(d("2025-09-30")) && !q.contains(d("2026-01-01")));
    }

    const SRC: &str = "---\nperson: Sarah Chen\n---\n\n# 1:1 with Sarah Chen\n\n## Current Focus Areas\n- Q1 goal\n\n## Ongoing Threads\n### Career\n- 2026-01-15: new\n- 2025-12-10: budget\n  * $2K\n\n## Action Items\n### My Actions\n- [ ] open (by 2025-12-01)\n- [x] flow (completed 2026-01-08)\n- [x] plan (completed 2025-12-20)\n### Sarah's Actions\n- [x] approve ✅ 2025-11-03\n\n## Recent Accomplishments Shared\n- 2025-12-18: NRR 108%\n\n## Meeting History\n- 2026-01-08: Year planning\n- 2025-12-18: Q4 review\n";

    #[test]
    fn archive_moves_quarter_blocks_and_keeps_the_rest() {
        let doc = Document::parse(SRC).unwrap();
        let out = archive(&doc, "2025-Q4".parse().unwrap(), None)
            .unwrap()
            .unwrap();
        assert_eq!(out.moved.total(), 5);
        assert_eq!(
            out.running,
            "---\nperson: Sarah Chen\n---\n\n# 1:1 with Sarah Chen\n\n## Current Focus Areas\n- Q1 goal\n\n## Ongoing Threads\n### Career\n- 2026-01-15: new\n\n## Action Items\n### My Actions\n- [ ] open (by 2025-12-01)\n- [x] flow (completed 2026-01-08)\n### Sarah's Actions\n\n## Recent Accomplishments Shared\n\n## Meeting History\n- 2026-01-08: Year planning\n"
        );
        let a = Document::parse(&out.archive).unwrap();
        assert_eq!(a.person(), Some("Sarah Chen"));
        assert_eq!(a.thread("Career").unwrap().entries[0].details, vec!["$2K"]);
        let owners: Vec<_> = a.action_items().map(|i| i.owner.clone()).collect();
        assert_eq!(owners, vec![Owner::Me, Owner::Them]);
        assert!(out.archive.contains(
            "Archived from the running document: 2 completed action items, 1 thread entry, 1 accomplishment shared, 1 meeting.\n"
        ));
        assert!(a.validate(None).iter().all(|d| !d.is_error()));
    }

    #[test]
    fn archive_of_an_archived_document_is_none() {
        let doc = Document::parse(SRC).unwrap();
        let q = "2025-Q4".parse().unwrap();
        let out = archive(&doc, q, None).unwrap().unwrap();
        let again = Document::parse(&out.running).unwrap();
        assert_eq!(archive(&again, q, Some(&out.archive)).unwrap(), None);
    }

    #[test]
    fn archive_merges_into_an_existing_retro_newest_first() {
        let q = "2025-Q4".parse().unwrap();
        let first = archive(&Document::parse(SRC).unwrap(), q, None)
            .unwrap()
            .unwrap();
        let later = first
            .running
            .replace(
                "## Meeting History\n",
                "## Meeting History\n- 2025-12-30: Late Q4 line\n",
            )
            .replace("### Career\n", "### Career\n- 2025-11-01: older\n")
            .replace(
                "\n## Action Items",
                "### Hiring\n- 2025-10-02: new thread\n\n## Action Items",
            );
        let second = archive(&Document::parse(&later).unwrap(), q, Some(&first.archive))
            .unwrap()
            .unwrap();
        assert_eq!(second.moved.total(), 3);
        let a = Document::parse(&second.archive).unwrap();
        let meetings: Vec<_> = a.meetings().iter().map(|m| m.date).collect();
        assert_eq!(meetings, vec![d("2025-12-30"), d("2025-12-18")]);
        let career: Vec<_> = a
            .thread("Career")
            .unwrap()
            .entries
            .iter()
            .map(|e| e.date)
            .collect();
        assert_eq!(career, vec![d("2025-12-10"), d("2025-11-01")]);
        assert_eq!(a.thread("Hiring").unwrap().entries.len(), 1);
        assert!(second.archive.contains(
            "2 completed action items, 3 thread entries, 1 accomplishment shared, 2 meetings."
        ));
        // The thread the move emptied goes with its last entry.
        assert_eq!(second.running, first.running);
    }

    #[test]
    fn archive_keeps_crlf_line_endings() {
        let src = SRC.replace('\n', "\r\n");
        let out = archive(
            &Document::parse(&src).unwrap(),
            "2025-Q4".parse().unwrap(),
            None,
        )
        .unwrap()
        .unwrap();
        assert!(!out.archive.replace("\r\n", "").contains('\n'));
        assert!(out.archive.contains("- 2025-12-10: budget\r\n  * $2K\r\n"));
    }
}
