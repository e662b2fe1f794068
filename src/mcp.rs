//! The Model Context Protocol server behind `oneonone mcp` (SPEC section 9).
//!
//! Every tool calls the same `execute` function as its command and returns the command's
//! `--format json` output (docs/json.md), both as text and as structured content, so an
//! assistant sees exactly what `oneonone <command> --format json` prints. The server holds
//! no state of its own: each call reads the notes repository afresh.

use crate::cli::Global;
use crate::commands::common::{date_or_today, load, open_repo, parse_date};
use crate::commands::{self, process};
use crate::error::{CliError, CliResult};
use chrono::NaiveDate;
use oneonone_core::plan::MeetingPlan;
use oneonone_core::timeline::EventKind;
use rmcp::handler::server::tool::ToolCallContext;
use rmcp::handler::server::wrapper::Parameters;
use rmcp::model::{
    CallToolRequestParams, CallToolResponse, CallToolResult, ContentBlock, ErrorData,
    Implementation, ListResourcesResult, PaginatedRequestParams, ReadResourceRequestParams,
    ReadResourceResponse, ReadResourceResult, Resource, ResourceContents, ServerCapabilities,
    ServerConfig, Tool,
};
use rmcp::schemars::{self, JsonSchema};
use rmcp::service::RequestContext;
use rmcp::{RoleServer, ServerHandler, ServiceExt, tool, tool_handler, tool_router};
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
    /// Judge due dates as of this date, ISO or a phrase; default today.
    #[serde(default)]
    date: Option<String>,
}

/// Arguments of the `prep` tool.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct PrepParams {
    /// Slug, unique prefix or name; omitted: the relationship whose next meeting is due
    /// soonest.
    #[serde(default)]
    person: Option<String>,
    /// The meeting date, ISO (`2026-01-15`) or a phrase such as `tomorrow`; default today.
    #[serde(default)]
    date: Option<String>,
}

/// Arguments of the `process_notes` tool.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct ProcessParams {
    /// Slug, unique prefix or name of the person.
    person: String,
    /// The brain dump: one note per line, as in a notes file.
    notes: String,
    /// The meeting date, ISO (`2026-01-15`) or a phrase such as `yesterday`; default today.
    #[serde(default)]
    date: Option<String>,
    /// Return the unified diff and write nothing.
    #[serde(default)]
    dry_run: bool,
}

/// Arguments of the `record_meeting` tool.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct RecordParams {
    /// Slug, unique prefix or name of the person; the plan's `person` must name them too.
    person: String,
    /// The meeting plan: what `process_notes` with `dry_run` returns under `plan`, as the
    /// user corrected it (an object, or its JSON text).
    #[schemars(with = "MeetingPlan")]
    plan: serde_json::Value,
    /// Return the plan's unified diff and write nothing.
    #[serde(default)]
    dry_run: bool,
}

/// Arguments of the `show` tool.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct ShowParams {
    /// Slug, unique prefix or name of the person.
    person: String,
}

/// Arguments of the `status` tool.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct StatusParams {
    /// The date to compute for, ISO or a phrase such as `tomorrow`; default today.
    #[serde(default)]
    date: Option<String>,
}

/// Arguments of the `list_people` tool (none).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct ListPeopleParams {}

/// Arguments of the `log` tool.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct LogParams {
    /// Only this person (slug, unique prefix or name).
    #[serde(default)]
    person: Option<String>,
    /// Only events on or after this date (ISO or a phrase).
    #[serde(default)]
    since: Option<String>,
    /// Only events on or before this date (ISO or a phrase).
    #[serde(default)]
    until: Option<String>,
    /// Only these kinds: accomplishment, action, done, goal, thread, meeting, removed.
    #[serde(default)]
    kinds: Vec<String>,
    /// Only events whose text contains this (case-insensitive).
    #[serde(default)]
    grep: Option<String>,
}

/// Defines the arguments of a tool over a period of the notes' history (`review`,
/// `commitments`): who, the quarter or `since`/`until`, and the day overdue is judged on,
/// plus the tool's own fields. A macro rather than a shared struct under
/// `#[serde(flatten)]`, which would silently accept unknown fields: an assistant's typo
/// must be refused.
macro_rules! period_params {
    (
        $(#[$meta:meta])*
        struct $name:ident {
            quarter: $quarter_doc:literal,
            $($(#[$field_meta:meta])* $field:ident: $ty:ty,)*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Deserialize, JsonSchema)]
        #[serde(deny_unknown_fields)]
        struct $name {
            /// Only this person (slug, unique prefix or name); everyone when omitted.
            #[serde(default)]
            person: Option<String>,
            #[doc = $quarter_doc]
            #[serde(default)]
            quarter: Option<String>,
            /// First day of the period (with `until`), ISO or a phrase.
            #[serde(default)]
            since: Option<String>,
            /// Last day of the period (with `since`), ISO or a phrase.
            #[serde(default)]
            until: Option<String>,
            $($(#[$field_meta])* $field: $ty,)*
            /// Judge what is overdue as of this date, ISO or a phrase; default today.
            #[serde(default)]
            date: Option<String>,
        }

        impl $name {
            /// `since` and `until`, read as `--since` and `--until` are.
            fn bounds(&self) -> CliResult<(Option<NaiveDate>, Option<NaiveDate>)> {
                Ok((
                    optional_date(self.since.as_deref())?,
                    optional_date(self.until.as_deref())?,
                ))
            }
        }
    };
}

period_params! {
    /// Arguments of the `review` tool.
    struct ReviewParams {
        quarter: "The quarter, e.g. `2025-Q4`.",
    }
}

period_params! {
    /// Arguments of the `commitments` tool.
    struct CommitmentsParams {
        quarter: "The quarter, e.g. `2025-Q4`; omitted with `since`/`until`: the whole history.",
        /// List only the commitments still open.
        #[serde(default)]
        open: bool,
    }
}

#[tool_router]
impl Server {
    #[tool(
        description = "Follow-through: for each relationship and each side (mine, theirs), \
                       commitments made, kept (on time or late), open and overdue, the median \
                       days to close and every item's life (made, due, done, state), read from \
                       the notes' git history. Returns `oneonone commitments --format json`.",
        annotations(read_only_hint = true)
    )]
    fn commitments(&self, Parameters(params): Parameters<CommitmentsParams>) -> CallToolResult {
        respond(|| {
            let (since, until) = params.bounds()?;
            let period =
                commands::commitments::optional_period(params.quarter.as_deref(), since, until)?;
            let date = date_or_today(params.date.as_deref())?;
            commands::commitments::execute(
                &self.global,
                params.person.as_deref(),
                period.as_ref(),
                params.open,
                date,
            )
        })
    }

    #[tool(
        description = "Timeline of accomplishments, commitments, completions, goals, thread \
                       entries and meetings read from the notes' git history, newest first. \
                       Returns `oneonone log --format json`.",
        annotations(read_only_hint = true)
    )]
    fn log(&self, Parameters(params): Parameters<LogParams>) -> CallToolResult {
        respond(|| {
            let kinds = params
                .kinds
                .iter()
                .map(|k| {
                    EventKind::parse(k).ok_or_else(|| {
                        CliError::user(format!(
                            "unknown kind '{k}': use one of {}",
                            commands::log::kind_names()
                        ))
                    })
                })
                .collect::<CliResult<Vec<_>>>()?;
            let filter = commands::log::Filter {
                person: params.person,
                since: optional_date(params.since.as_deref())?,
                until: optional_date(params.until.as_deref())?,
                kinds,
                grep: params.grep,
            };
            commands::log::execute(&self.global, &filter, false)
        })
    }

    #[tool(
        description = "Performance-review summary for a quarter (`quarter: 2025-Q4`) or a \
                       period (`since` and `until`), compiled from the notes and their git \
                       history: highlights, projects and goals, team and process, career \
                       development, both sides' commitments kept and open, follow-through \
                       figures and other discussions. Returns `oneonone review --format json`.",
        annotations(read_only_hint = true)
    )]
    fn review(&self, Parameters(params): Parameters<ReviewParams>) -> CallToolResult {
        respond(|| {
            let (since, until) = params.bounds()?;
            let period = commands::review::period(params.quarter.as_deref(), since, until)?;
            let date = date_or_today(params.date.as_deref())?;
            commands::review::execute(&self.global, params.person.as_deref(), &period, date)
        })
    }

    #[tool(
        description = "Check notes files against the running-document format. Returns \
                       `oneonone validate --format json`: per file, its errors and warnings \
                       with line and column. No paths: every notes file of the repository."
    )]
    fn validate(&self, Parameters(params): Parameters<ValidateParams>) -> CallToolResult {
        respond(|| {
            let date = date_or_today(params.date.as_deref())?;
            commands::validate::execute(&self.global, &params.paths, date)
        })
    }

    #[tool(
        description = "Prepare the next 1:1 with a person: wins since the last meeting, open \
                       action items (overdue flagged), last meeting's topics and a suggested \
                       agenda. Returns `oneonone prep --format json`.",
        annotations(read_only_hint = true)
    )]
    fn prep(&self, Parameters(params): Parameters<PrepParams>) -> CallToolResult {
        respond(|| {
            let date = date_or_today(params.date.as_deref())?;
            commands::prep::execute(&self.global, params.person.as_deref(), date)
        })
    }

    #[tool(
        description = "Turn a meeting's brain dump into action items, goals, thread entries, \
                       accomplishments and a meeting-history line in the person's running \
                       document, then commit it to git. With dry_run: only return the unified \
                       diff and the `plan` the rules read, to show the user, correct and apply \
                       with `record_meeting`. Returns `oneonone process` as JSON (summary, diff, \
                       commit id, plan)."
    )]
    fn process_notes(&self, Parameters(params): Parameters<ProcessParams>) -> CallToolResult {
        respond(|| {
            let date = date_or_today(params.date.as_deref())?;
            let mode = tool_mode(params.dry_run);
            let notes = process::NotesSource::Text(params.notes);
            process::execute(&self.global, &params.person, notes, date, mode, None)
        })
    }

    #[tool(
        description = "Record a meeting from a plan: the `plan` that `process_notes` with \
                       dry_run returns, shown to the user and corrected (an action's owner, \
                       due date or priority, a note that is really an action, a done item). \
                       Applied like notes: lossless edits, BACKLOG.md tasks for my actions, \
                       the meeting line and one commit; applying it again changes nothing. \
                       A malformed plan, a done item matching no open item or several, or a \
                       plan for another person is refused and nothing is written. With \
                       dry_run: only return the diff. Returns `oneonone process` as JSON."
    )]
    fn record_meeting(&self, Parameters(params): Parameters<RecordParams>) -> CallToolResult {
        respond(|| {
            let plan = match &params.plan {
                // Some clients send a nested object as its JSON text.
                serde_json::Value::String(text) => MeetingPlan::from_json(text),
                value => MeetingPlan::from_value(value),
            }
            .map_err(process::refused)?;
            let mode = tool_mode(params.dry_run);
            let date = plan.date;
            let source = process::NotesSource::Plan(plan);
            process::execute(&self.global, &params.person, source, date, mode, None)
        })
    }

    #[tool(
        description = "Every relationship at a glance, most in need of attention first: last \
                       meeting, next one due by frequency (days overdue), open and overdue \
                       action items on each side, days since a win was shared. Returns \
                       `oneonone status --format json`.",
        annotations(read_only_hint = true)
    )]
    fn status(&self, Parameters(params): Parameters<StatusParams>) -> CallToolResult {
        respond(|| {
            let date = date_or_today(params.date.as_deref())?;
            commands::status::execute(&self.global, date)
        })
    }

    #[tool(
        description = "The people with a running document: slug (what the other tools take \
                       as `person`), name, role, relationship, frequency, document path, last \
                       meeting and next one due. Returns `oneonone people --format json`.",
        annotations(read_only_hint = true)
    )]
    fn list_people(&self, Parameters(_params): Parameters<ListPeopleParams>) -> CallToolResult {
        respond(|| commands::people::execute(&self.global))
    }

    #[tool(
        description = "A person's running document as a parsed model: front matter, focus \
                       areas, threads, action items, accomplishments, meeting history. \
                       Returns `oneonone show --format json`.",
        annotations(read_only_hint = true)
    )]
    fn show(&self, Parameters(params): Parameters<ShowParams>) -> CallToolResult {
        respond(|| commands::show::execute(&self.global, &params.person))
    }
}

/// How a tool that writes runs: it always commits, and never on a detached HEAD.
fn tool_mode(dry_run: bool) -> process::Mode {
    process::Mode {
        dry_run,
        commit: true,
        allow_detached: false,
    }
}

/// An optional date argument, read as `--since` is.
fn optional_date(date: Option<&str>) -> CliResult<Option<NaiveDate>> {
    date.map(parse_date).transpose()
}

/// The URI of a person's running document.
fn person_uri(slug: &str) -> String {
    format!("{URI_PREFIX}{slug}")
}

const URI_PREFIX: &str = "oneonone://people/";

#[tool_handler]
impl ServerHandler for Server {
    fn get_info(&self) -> ServerConfig {
        ServerConfig::new(
            ServerCapabilities::builder()
                .enable_tools()
                .enable_resources()
                .build(),
        )
        .with_server_info(Implementation::new("oneonone", env!("CARGO_PKG_VERSION")))
        .with_instructions(
            "Tools over a repository of 1:1 meeting notes kept in markdown and git. \
                 Each tool returns the JSON that the matching `oneonone` command prints \
                 with `--format json`. The running documents themselves are resources \
                 (`oneonone://people/<slug>`). To record a meeting: call process_notes \
                 with dry_run, show the user the returned plan, correct it as they say, \
                 then apply it with record_meeting.",
        )
    }

    async fn call_tool(
        &self,
        request: CallToolRequestParams,
        context: RequestContext<RoleServer>,
    ) -> Result<CallToolResponse, ErrorData> {
        let router = Self::tool_router();
        let name = request.name.clone();
        let response = router
            .call(ToolCallContext::new(self, request, context))
            .await?;
        Ok(match response {
            CallToolResponse::Complete(result) => {
                CallToolResponse::Complete(explain_bad_arguments(result, router.get(&name)))
            }
            other => other,
        })
    }

    async fn list_resources(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListResourcesResult, ErrorData> {
        let people = guarded(|| open_repo(&self.global)?.people().map_err(CliError::user))
            .map_err(|e| ErrorData::internal_error(e.message, None))?;
        let resources = people
            .into_iter()
            .map(|p| {
                let name = p.display_name().to_owned();
                Resource::new(person_uri(&p.slug), name.clone())
                    .with_description(format!("The running 1:1 document with {name}"))
                    .with_mime_type("text/markdown")
            })
            .collect();
        Ok(ListResourcesResult::with_all_items(resources))
    }

    async fn read_resource(
        &self,
        request: ReadResourceRequestParams,
        _context: RequestContext<RoleServer>,
    ) -> Result<ReadResourceResponse, ErrorData> {
        let Some(slug) = request.uri.strip_prefix(URI_PREFIX) else {
            return Err(ErrorData::resource_not_found(
                format!(
                    "unknown resource {}: expected {URI_PREFIX}<slug>",
                    request.uri
                ),
                None,
            ));
        };
        let text = guarded(|| {
            let repo = open_repo(&self.global)?;
            let person = repo
                .people()
                .map_err(CliError::user)?
                .into_iter()
                .find(|p| p.slug == slug)
                .ok_or_else(|| CliError::user(format!("no running document for '{slug}'")))?;
            Ok(load(&repo, person)?.text)
        })
        .map_err(|e| ErrorData::resource_not_found(e.message, None))?;
        let contents = ResourceContents::TextResourceContents {
            uri: request.uri,
            mime_type: Some("text/markdown".to_owned()),
            text,
            meta: None,
        };
        Ok(ReadResourceResult::new(vec![contents]).into())
    }
}

/// Runs a command's `execute` and turns its outcome into a tool result: the versioned JSON
/// on success, an `isError` result with the message on failure. A panic in a command is
/// caught and reported the same way, so one bad call never takes the session down.
fn respond<T: Serialize>(execute: impl FnOnce() -> CliResult<T>) -> CallToolResult {
    match guarded(execute) {
        Ok(value) => success(&value),
        Err(failure) => CallToolResult::error(vec![ContentBlock::text(failure.message)]),
    }
}

/// rmcp reports arguments that do not deserialize without naming the tool or what it
/// takes ("invalid type: integer `5`, expected a sequence"); add both, so the assistant
/// can correct its call.
fn explain_bad_arguments(mut result: CallToolResult, tool: Option<&Tool>) -> CallToolResult {
    const PREFIX: &str = "failed to deserialize parameters: ";
    let (Some(true), Some(tool)) = (result.is_error, tool) else {
        return result;
    };
    let Some(detail) = result
        .content
        .first()
        .and_then(|c| c.as_text())
        .and_then(|t| t.text.strip_prefix(PREFIX))
    else {
        return result;
    };
    let required: Vec<&str> = tool
        .input_schema
        .get("required")
        .and_then(|r| r.as_array())
        .map(|r| r.iter().filter_map(|v| v.as_str()).collect())
        .unwrap_or_default();
    let expected: Vec<String> = tool
        .input_schema
        .get("properties")
        .and_then(|p| p.as_object())
        .map(|props| {
            props
                .iter()
                .map(|(name, schema)| {
                    let kind = schema.get("type").map_or_else(String::new, |t| match t {
                        serde_json::Value::String(s) => s.clone(),
                        serde_json::Value::Array(kinds) => kinds
                            .iter()
                            .filter_map(|k| k.as_str())
                            .collect::<Vec<_>>()
                            .join("|"),
                        other => other.to_string(),
                    });
                    let need = if required.contains(&name.as_str()) {
                        "required"
                    } else {
                        "optional"
                    };
                    format!("{name} ({kind}, {need})")
                })
                .collect()
        })
        .unwrap_or_default();
    let message = format!(
        "error: invalid arguments for {}: {detail}; it takes: {}",
        tool.name,
        if expected.is_empty() {
            "no arguments".to_owned()
        } else {
            expected.join(", ")
        }
    );
    result.content = vec![ContentBlock::text(message)];
    result
}

/// Why a request failed, as the client will read it.
struct Failure {
    message: String,
}

/// Runs `f`, turning its error (with the `caused by:` chain) or its panic into a message.
fn guarded<T>(f: impl FnOnce() -> CliResult<T>) -> Result<T, Failure> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(Ok(value)) => Ok(value),
        // The whole chain, as the command line prints it: the cause is often the useful part.
        Ok(Err(e)) => Err(Failure {
            message: e
                .chain()
                .iter()
                .enumerate()
                .map(|(i, l)| format!("{}: {l}", if i == 0 { "error" } else { "caused by" }))
                .collect::<Vec<_>>()
                .join("\n"),
        }),
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown cause".to_owned());
            Err(Failure {
                message: format!("internal error: the command panicked: {what}"),
            })
        }
    }
}

/// The command's JSON output (which carries `schema_version`) as pretty text, exactly as
/// `--format json` prints it, and as structured content.
fn success(value: &impl Serialize) -> CallToolResult {
    let text = serde_json::to_string_pretty(value);
    let structured = serde_json::to_value(value);
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
