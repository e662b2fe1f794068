//! The notes repository on disk and in git.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod cache;
pub mod history;
