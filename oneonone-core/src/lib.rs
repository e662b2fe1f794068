//! The pure core of `oneonone`: the running-document model with a lossless parser and
//! editor, notes processing, prep, review and validation.
//!
//! Text in, text out: nothing here touches the file system, the clock, the environment or
//! git. Callers pass the text and "today".
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod diagnostic;
pub mod document;
pub mod error;
mod front_matter;
pub mod model;
pub mod settings;
mod validate;

pub use diagnostic::{Diagnostic, Severity};
pub use document::{Document, EditOutcome, NewActionItem};
pub use error::{EditError, ParseError};
pub use model::{
    ActionItem, ActionList, Bullet, Entry, Frequency, FrontMatter, FrontMatterKey, Owner,
    Relationship, Section, SectionKind, Thread,
};
pub use settings::{Settings, ThreadRule};
