//! One module per command.

pub mod common;
pub mod completions;
pub mod editor;
pub mod init;
pub mod mcp;
pub mod new;
pub mod prep;
pub mod process;
pub mod show;
pub mod validate;
