//! The pure core of `oneonone`: the running-document model with a lossless parser and
//! editor, notes processing, prep, review and validation.
//!
//! Text in, text out: nothing here touches the file system, the clock, the environment or
//! git. Callers pass the text and "today".
//!
//! ```
//! use chrono::NaiveDate;
//! use oneonone_core::{Document, NewActionItem, Owner};
//!
//! let src = "---\nperson: Sarah Chen\n---\n\n## Action Items\n### My Actions\n- [ ] Draft plan\n";
//! let mut doc = Document::parse(src)?;
//! assert_eq!(doc.to_string(), src); // unedited: byte for byte
//!
//! let day = NaiveDate::from_ymd_opt(2026, 1, 15).unwrap();
//! doc.complete_action_item(7, day)?;
//! let item = NewActionItem { text: "Book venue".into(), due: Some(day), priority: Some(1) };
//! doc.add_action_item(&Owner::Them, &item)?;
//! doc.add_meeting(day, "Planning")?;
//! assert_eq!(
//!     doc.to_string(),
//!     "---\nperson: Sarah Chen\n---\n\n## Action Items\n### My Actions\n\
//!      - [x] Draft plan (completed 2026-01-15)\n### Sarah's Actions\n\
//!      - [ ] [P1] Book venue (by 2026-01-15)\n\n## Meeting History\n- 2026-01-15: Planning\n"
//! );
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # What is preserved
//! Parsing never normalises: the text is kept as given and every view is a line range into
//! it. Edits insert whole lines or change one line (ticking a box); they copy the
//! document's line ending (that of its first line), the adjacent item's bullet and indent,
//! and an existing nested bullet's indent for details; a block moved in with
//! `Document::insert_block` keeps its text and takes those too. Not preserved: when lines are added
//! at the end of a document without a final newline, its last line gains one; removing
//! Inbox lines removes them with their nested lines and nothing else.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod archive;
pub mod commitments;
pub mod diagnostic;
pub mod document;
pub mod error;
mod front_matter;
pub mod model;
pub mod notes;
pub mod people;
pub mod plan;
pub mod prep;
pub mod process;
pub mod quarter;
pub mod review;
pub mod schedule;
pub mod settings;
pub mod status;
pub mod syntax;
pub mod template;
pub mod timeline;
mod validate;

pub use diagnostic::{Diagnostic, Severity};
pub use document::{Document, EditOutcome, NewActionItem};
pub use error::{EditError, ParseError};
pub use front_matter::read_front_matter;
pub use model::{
    ActionItem, ActionList, Bullet, Entry, Frequency, FrontMatter, FrontMatterKey, Outline, Owner,
    Relationship, Section, SectionKind, Thread,
};
pub use settings::{Settings, ThreadRule};
