//! One module per command.

pub mod archive;
pub mod commitments;
pub mod common;
pub mod completions;
pub mod edit;
pub mod editor;
pub mod export;
pub mod hooks;
pub mod init;
pub mod log;
pub mod mcp;
pub mod merge_driver;
pub mod new;
pub mod people;
pub mod pre_commit;
pub mod prep;
pub mod process;
pub mod review;
pub mod schema;
pub mod show;
pub mod status;
pub mod validate;
