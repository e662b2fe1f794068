//! One module per command.

pub mod completions;
pub mod mcp;
pub mod validate;
