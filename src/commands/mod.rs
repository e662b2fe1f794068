//! One module per command.

pub mod common;
pub mod completions;
pub mod init;
pub mod new;
pub mod show;
pub mod validate;
