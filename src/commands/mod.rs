//! One module per command.

pub mod completions;
pub mod hooks;
pub mod merge_driver;
pub mod validate;
