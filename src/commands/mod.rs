//! One module per command.

pub mod completions;
pub mod log;
pub mod review;
pub mod validate;
