//! `oneonone schema COMMAND` (hidden): the JSON Schema of a command's `--format json`
//! output, generated from the report types themselves so it cannot drift from them.
//! docs/schema/ holds the committed copies; a test keeps them equal to this output.

use crate::commands::{commitments, log, people, prep, process, review, show, status, validate};
use crate::error::{CliError, CliResult};
use crate::output::SCHEMA_VERSION;

/// Arguments of `schema`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The command whose JSON output to describe.
    #[arg(value_enum)]
    pub command: Documented,
}

/// The commands with a JSON output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Documented {
    /// `validate --format json`.
    Validate,
    /// `show --format json`.
    Show,
    /// `prep --format json`.
    Prep,
    /// `process --format json` (and the MCP tool `process_notes`).
    Process,
    /// `log --format json`.
    Log,
    /// `review --format json`.
    Review,
    /// `status --format json`.
    Status,
    /// `people --format json` (and the MCP tool `list_people`).
    People,
    /// A meeting plan: what `process --plan` and the MCP tool `record_meeting` take, and
    /// what `process --format json` returns under `plan`.
    Plan,
    /// `commitments --format json`.
    Commitments,
}

impl Documented {
    /// The JSON Schema (draft 2020-12) of the command's output.
    pub fn schema(self) -> schemars::Schema {
        let mut schema = match self {
            Documented::Validate => schemars::schema_for!(validate::ValidateReport),
            Documented::Show => schemars::schema_for!(show::ShowReport),
            Documented::Prep => schemars::schema_for!(prep::PrepReport),
            Documented::Process => schemars::schema_for!(process::ProcessReport),
            Documented::Log => schemars::schema_for!(log::LogReport),
            Documented::Review => schemars::schema_for!(review::ReviewReport),
            Documented::Status => schemars::schema_for!(status::StatusReport),
            Documented::People => schemars::schema_for!(people::PeopleReport),
            Documented::Plan => schemars::schema_for!(oneonone_core::plan::MeetingPlan),
            Documented::Commitments => schemars::schema_for!(commitments::CommitmentsReport),
        };
        // A reader checks the version before anything else: pin it, so that output of
        // another version fails validation instead of being half understood.
        if let Some(version) = schema
            .as_object_mut()
            .and_then(|root| root.get_mut("properties"))
            .and_then(|props| props.get_mut("schema_version"))
            .and_then(|v| v.as_object_mut())
        {
            version.insert("const".to_owned(), SCHEMA_VERSION.into());
        }
        schema
    }
}

/// Prints the schema as pretty JSON.
pub fn run(args: Args) -> CliResult {
    crate::output::print_json(&args.command.schema()).map_err(CliError::internal)
}
