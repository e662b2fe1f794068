//! The Model Context Protocol server behind `oneonone mcp` (SPEC section 9).
//!
//! Every tool calls the same `execute` function as its command and returns the command's
//! `--format json` output (docs/json.md), both as text and as structured content, so an
//! assistant sees exactly what `oneonone <command> --format json` prints. The server holds
//! no state of its own: each call reads the notes repository afresh.

use crate::cli::Global;
use crate::commands;
use crate::error::CliResult;
use rmcp::handler::server::wrapper::Parameters;
use rmcp::model::{CallToolResult, ContentBlock, Implementation, ServerCapabilities, ServerConfig};
use rmcp::schemars::{self, JsonSchema};
use rmcp::{ServerHandler, ServiceExt, tool, tool_handler, tool_router};
use serde::{Deserialize, Serialize};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;

/// Why the server could not run.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The async runtime could not be built.
    #[error("failed to start the async runtime")]
    Runtime(#[source] std::io::Error),
    /// The client never completed the MCP handshake.
    #[error("failed to initialize the MCP session")]
    Initialize(#[source] Box<rmcp::service::ServerInitializeError>),
    /// The session task ended abnormally.
    #[error("the MCP session ended abnormally")]
    Session(#[source] tokio::task::JoinError),
}

/// Serves MCP on standard input and output until the client closes the connection.
///
/// # Errors
/// Fails when the runtime cannot start, the handshake fails, or the session task dies.
pub fn serve(global: Global) -> Result<(), ServeError> {
    // One request at a time is plenty for one assistant, and the commands are blocking
    // file and git work; a current-thread runtime keeps the server to one thread.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(ServeError::Runtime)?;
    runtime.block_on(async move {
        let service = Server { global }
            .serve(rmcp::transport::stdio())
            .await
            .map_err(|e| ServeError::Initialize(Box::new(e)))?;
        service.waiting().await.map_err(ServeError::Session)?;
        Ok(())
    })
}

/// The MCP server: the command-line settings every tool runs with.
#[derive(Debug, Clone)]
struct Server {
    global: Global,
}

/// Arguments of the `validate` tool.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct ValidateParams {
    /// Notes files to check, relative to the notes repository (`-C`).
    #[serde(default)]
    paths: Vec<PathBuf>,
}

#[tool_router]
impl Server {
    #[tool(
        description = "Check notes files against the running-document format. Returns \
                       `oneonone validate --format json`: per file, its errors and warnings \
                       with line and column."
    )]
    fn validate(&self, Parameters(params): Parameters<ValidateParams>) -> CallToolResult {
        respond(|| commands::validate::execute(&self.global, &params.paths))
    }
}

#[tool_handler]
impl ServerHandler for Server {
    fn get_info(&self) -> ServerConfig {
        ServerConfig::new(ServerCapabilities::builder().enable_tools().build())
            .with_server_info(Implementation::new("oneonone", env!("CARGO_PKG_VERSION")))
            .with_instructions(
                "Tools over a repository of 1:1 meeting notes kept in markdown and git. \
                 Each tool returns the JSON that the matching `oneonone` command prints \
                 with `--format json`.",
            )
    }
}

/// Runs a command's `execute` and turns its outcome into a tool result: the versioned JSON
/// on success, an `isError` result with the message on failure. A panic in a command is
/// caught and reported the same way, so one bad call never takes the session down.
fn respond<T: Serialize>(execute: impl FnOnce() -> CliResult<T>) -> CallToolResult {
    match catch_unwind(AssertUnwindSafe(execute)) {
        Ok(Ok(value)) => success(&value),
        Ok(Err(e)) => CallToolResult::error(vec![ContentBlock::text(format!("error: {e}"))]),
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown cause".to_owned());
            CallToolResult::error(vec![ContentBlock::text(format!(
                "internal error: the command panicked: {what}"
            ))])
        }
    }
}

fn success(value: &impl Serialize) -> CallToolResult {
    let text = crate::output::json_versioned(value);
    let structured = serde_json::to_value(crate::output::versioned(value));
    match (text, structured) {
        (Ok(text), Ok(structured)) => {
            let mut result = CallToolResult::structured(structured);
            // The text block is what `--format json` prints, not rmcp's compact rendering.
            result.content = vec![ContentBlock::text(text)];
            result
        }
        (Err(e), _) | (_, Err(e)) => CallToolResult::error(vec![ContentBlock::text(format!(
            "internal error: failed to serialize the result: {e}"
        ))]),
    }
}
