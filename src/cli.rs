//! Command-line definition (clap) and dispatch to one module per command.

use crate::commands;
use crate::error::CliResult;
use crate::output::ColorChoice;
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// Keep 1:1 meetings in version-controlled markdown, and do the bookkeeping.
#[derive(Debug, Parser)]
#[command(name = "oneonone", version, about, long_about = None)]
pub struct Cli {
    /// Run as if started in DIR, as git does.
    #[arg(short = 'C', value_name = "DIR", global = true)]
    pub dir: Option<PathBuf>,

    /// When to colour the output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    pub color: ColorChoice,

    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create `.oneonone.toml`, the notes directory and `_template.md` (never overwrites).
    #[command(after_help = "Example:\n  oneonone init")]
    Init(commands::init::Args),

    /// Create a running document for a new relationship.
    #[command(
        after_help = "Example:\n  oneonone new \"Sarah Chen\" --role Manager --relationship manager --frequency weekly"
    )]
    New(commands::new::Args),

    /// Open a person's running document in $VISUAL/$EDITOR and validate it when it closes.
    #[command(
        after_help = "Examples:\n  oneonone edit sarah\n  EDITOR=\"code --wait\" oneonone edit chen\n\nOn errors the diagnostics are shown and, on a terminal, you may edit again,\nrevert your changes or keep the document as it is (exit 1)."
    )]
    Edit(commands::edit::Args),

    /// Show a person's running document as parsed.
    #[command(
        after_help = "Example:\n  oneonone show sarah\n  oneonone show \"Sarah Chen\" --format json"
    )]
    Show(commands::show::Args),

    /// Prepare for a meeting: wins, open items, last topics and a suggested agenda.
    #[command(
        after_help = "Examples:\n  oneonone prep sarah\n  oneonone prep --date tomorrow          # whoever is due soonest\n  oneonone prep sarah --format markdown"
    )]
    Prep(commands::prep::Args),

    /// Turn a brain dump (or a meeting plan) into action items, thread entries, goals and a
    /// meeting line; commit.
    #[command(
        after_help = "Examples:\n  oneonone process sarah notes.md --date 2026-01-15\n  pbpaste | oneonone process sarah - --dry-run\n  oneonone process sarah            # the document's ## Inbox, else $EDITOR\n  oneonone process sarah notes.md --dry-run --format json | jq .plan > plan.json\n  oneonone process sarah --plan plan.json   # the plan, corrected"
    )]
    Process(commands::process::Args),

    /// Check notes files against the format; exit 1 on errors.
    #[command(
        after_help = "Example:\n  oneonone validate\n  oneonone validate Career/1-on-1s/sarah-chen.md --format json"
    )]
    Validate(commands::validate::Args),

    /// Serve the notes to an AI assistant over MCP (Model Context Protocol) on stdio.
    #[command(
        after_help = "Example (an assistant's MCP configuration):\n  {\"mcpServers\": {\"oneonone\": {\"command\": \"oneonone\", \"args\": [\"-C\", \"/path/to/notes\", \"mcp\"]}}}"
    )]
    Mcp(commands::mcp::Args),
    /// Every relationship at a glance: last meeting, next due, open and overdue actions.
    #[command(
        after_help = "Examples:\n  oneonone status\n  oneonone status --date 2026-01-20 --format json"
    )]
    Status(commands::status::Args),

    /// Every person with a running document: relationship, path, last meeting, next due.
    #[command(after_help = "Examples:\n  oneonone people\n  oneonone people --format json")]
    People(commands::people::Args),

    /// Move a quarter's finished material into archive/<slug>/<quarter>-retro.md; commit.
    #[command(
        after_help = "Examples:\n  oneonone archive sarah --quarter 2025-Q4 --dry-run\n  oneonone archive sarah --quarter 2025-Q4"
    )]
    Archive(commands::archive::Args),

    /// Export open action items with due dates as an iCalendar file.
    #[command(
        after_help = "Examples:\n  oneonone export --output actions.ics\n  oneonone export > actions.ics"
    )]
    Export(commands::export::Args),

    /// Timeline of accomplishments and commitments read from git history, newest first.
    #[command(
        after_help = "Example:\n  oneonone log sarah --since 2025-10-01 --kind accomplishment --kind done"
    )]
    Log(commands::log::Args),

    /// Performance-review summary compiled from the notes and their git history.
    #[command(
        after_help = "Example:\n  oneonone review sarah --quarter 2025-Q4 --output review.md"
    )]
    Review(commands::review::Args),

    /// Follow-through: commitments made, kept on time or late, open and overdue, each side.
    #[command(
        after_help = "Examples:\n  oneonone commitments sarah --quarter 2025-Q4\n  oneonone commitments --open --format json"
    )]
    Commitments(commands::commitments::Args),
    /// Install, remove or inspect the pre-commit hook (and the merge driver).
    #[command(
        after_help = "Example:\n  oneonone hooks install\n  oneonone hooks install --merge-driver\n  oneonone hooks status\n  oneonone hooks uninstall"
    )]
    Hooks(commands::hooks::Args),

    /// Run a hook (called by the installed hook scripts).
    #[command(
        hide = true,
        after_help = "Example (what the installed script runs):\n  oneonone hook pre-commit"
    )]
    Hook(commands::hooks::HookArgs),

    /// Merge three versions of a notes file (called by git; see `hooks install --merge-driver`).
    #[command(
        hide = true,
        after_help = "Example (git config):\n  git config merge.oneonone.driver 'oneonone merge-driver %O %A %B %P'"
    )]
    MergeDriver(commands::merge_driver::Args),

    /// Print the JSON Schema of a command's `--format json` output (docs/schema/).
    #[command(
        hide = true,
        after_help = "Example:\n  oneonone schema prep > docs/schema/prep.schema.json"
    )]
    Schema(commands::schema::Args),

    /// Print shell completions.
    #[command(
        after_help = "Example:\n  oneonone completions bash > ~/.local/share/bash-completion/completions/oneonone"
    )]
    Completions(commands::completions::Args),
}

/// Settings every command sees.
#[derive(Debug, Clone)]
pub struct Global {
    /// The directory to start in (`-C`, else the current directory).
    pub start: PathBuf,
    /// Colour choice for standard output.
    pub color: ColorChoice,
}

/// Parses the arguments, runs the command and turns its result into an exit code.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // `--help` and `--version` go to stdout and succeed; a usage error is the user's
            // (exit 1, as the README promises), not clap's default 2, which means ours.
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => e.report(),
    }
}

fn run(cli: Cli) -> CliResult {
    let start = match cli.dir {
        Some(dir) => {
            let dir = std::env::current_dir()?.join(dir);
            if !dir.is_dir() {
                return Err(crate::error::CliError::user(format!(
                    "cannot change to '{}': no such directory",
                    dir.display()
                )));
            }
            dir
        }
        None => std::env::current_dir()?,
    };
    let global = Global {
        start,
        color: cli.color,
    };
    match cli.command {
        Command::Init(args) => commands::init::run(&global, args),
        Command::New(args) => commands::new::run(&global, args),
        Command::Edit(args) => commands::edit::run(&global, args),
        Command::Show(args) => commands::show::run(&global, args),
        Command::Prep(args) => commands::prep::run(&global, args),
        Command::Process(args) => commands::process::run(&global, args),
        Command::Validate(args) => commands::validate::run(&global, args),
        Command::Mcp(args) => commands::mcp::run(&global, args),
        Command::Status(args) => commands::status::run(&global, args),
        Command::People(args) => commands::people::run(&global, args),
        Command::Schema(args) => commands::schema::run(args),
        Command::Archive(args) => commands::archive::run(&global, args),
        Command::Export(args) => commands::export::run(&global, args),
        Command::Log(args) => commands::log::run(&global, args),
        Command::Review(args) => commands::review::run(&global, args),
        Command::Commitments(args) => commands::commitments::run(&global, args),
        Command::Completions(args) => commands::completions::run(args),
        Command::Hooks(args) => commands::hooks::run(&global, args),
        Command::Hook(args) => commands::hooks::run_hook(args),
        Command::MergeDriver(args) => commands::merge_driver::run(args),
    }
}
