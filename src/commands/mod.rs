//! One module per command.

pub mod archive;
pub mod common;
pub mod completions;
pub mod editor;
pub mod export;
pub mod init;
pub mod new;
pub mod prep;
pub mod process;
pub mod show;
pub mod status;
pub mod validate;
