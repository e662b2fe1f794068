//! `oneonone mcp`: serve the notes to an AI assistant over the Model Context Protocol.

use crate::cli::Global;
use crate::error::{CliError, CliResult};

/// Arguments of `mcp` (none: the client speaks on standard input and output).
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Serves MCP on stdio until the client disconnects.
pub fn run(global: &Global, _args: Args) -> CliResult {
    crate::mcp::serve(global.clone()).map_err(CliError::internal)
}
