//! Brain-dump notes: reading them ([`reader`]), their dates ([`dates`]), the classifier's
//! rules as data ([`rules`]), its word lists ([`words`]) and the classifier itself
//! ([`classify`]).

pub mod classify;
pub mod dates;
pub mod reader;
pub mod rules;
pub mod words;

pub use classify::{Classified, ClassifyContext, NoteKind, classify_note};
pub use dates::{DateArgError, DateMatch, find_date, parse_date_arg, resolve_phrase};
pub use reader::{Marker, Note, NotesError, read_notes};
