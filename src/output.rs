//! Writing to the terminal: colour only on a terminal and never with `NO_COLOR`, and a
//! broken pipe (`oneonone log | head`) ends the program quietly.

use std::io::{self, IsTerminal, Write};

/// When to colour output (`--color`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ColorChoice {
    /// Colour when writing to a terminal and `NO_COLOR` is unset.
    #[default]
    Auto,
    /// Always colour (still never with `NO_COLOR`).
    Always,
    /// Never colour.
    Never,
}

impl ColorChoice {
    /// Whether standard output should be coloured.
    pub fn stdout_enabled(self) -> bool {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        match self {
            _ if no_color => false,
            ColorChoice::Never => false,
            ColorChoice::Always => true,
            ColorChoice::Auto => io::stdout().is_terminal(),
        }
    }
}

/// A few ANSI styles, applied only when colour is on.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    enabled: bool,
}

impl Style {
    /// Styles that are no-ops when `enabled` is false.
    pub fn new(enabled: bool) -> Self {
        Style { enabled }
    }

    fn paint(&self, code: &str, text: &str) -> String {
        if self.enabled {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }

    /// Red, for errors and overdue items.
    pub fn red(&self, text: &str) -> String {
        self.paint("31", text)
    }

    /// Yellow, for warnings and commit ids.
    pub fn yellow(&self, text: &str) -> String {
        self.paint("33", text)
    }

    /// Green, for done and wins.
    pub fn green(&self, text: &str) -> String {
        self.paint("32", text)
    }

    /// Bold, for headings.
    pub fn bold(&self, text: &str) -> String {
        self.paint("1", text)
    }

    /// Dim, for secondary detail.
    pub fn dim(&self, text: &str) -> String {
        self.paint("2", text)
    }
}

/// Writes `text` to standard output. A closed pipe exits the process with status 0, as
/// `git log | head` does.
pub fn print(text: &str) {
    let mut out = io::stdout().lock();
    if let Err(e) = out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        if e.kind() == io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("error: failed to write to standard output: {e}");
        std::process::exit(2);
    }
}

/// Prints a value as pretty JSON followed by a newline.
pub fn print_json(value: &impl serde::Serialize) -> Result<(), serde_json::Error> {
    let mut text = serde_json::to_string_pretty(value)?;
    text.push('\n');
    print(&text);
    Ok(())
}

/// Prints a command's report in the format asked for: its JSON, or the text `render`
/// makes of it, coloured as `color` allows.
pub fn print_report<R: serde::Serialize>(
    report: &R,
    format: Format,
    color: ColorChoice,
    render: impl FnOnce(&R, Style) -> String,
) -> crate::error::CliResult {
    match format {
        Format::Json => print_json(report).map_err(crate::error::CliError::internal)?,
        Format::Text => print(&render(report, Style::new(color.stdout_enabled()))),
    }
    Ok(())
}

/// The version of every `--format json` output; bumped when a field changes meaning or goes.
pub const SCHEMA_VERSION: u32 = 1;

/// The output format of a command that prints text or JSON (`--format text|json`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Text for a person to read.
    Text,
    /// JSON, described by the command's schema in docs/schema/.
    Json,
}
