//! `.oneonone.toml`: every key optional, unknown keys refused with their line.

use crate::error::ConfigError;
use oneonone_core::{Frequency, Settings, ThreadRule};
use serde::Deserialize;
use std::path::{Component, Path, PathBuf};

/// The config file's name, looked for at the notes repository's root.
pub const CONFIG_FILE: &str = ".oneonone.toml";

/// The default notes directory, relative to the repository root.
pub const DEFAULT_NOTES_DIR: &str = "Career/1-on-1s";

/// The default backlog file, relative to the repository root.
pub const DEFAULT_BACKLOG: &str = "BACKLOG.md";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    notes_dir: Option<String>,
    backlog: Option<String>,
    wins_log: Option<String>,
    my_name: Option<String>,
    default_frequency: Option<String>,
    threads: Option<Vec<RawThread>>,
    fallback_thread: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawThread {
    name: String,
    keywords: Vec<String>,
}

/// The loaded configuration, with defaults filled in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// The notes directory, relative to the repository root.
    pub notes_dir: PathBuf,
    /// The backlog file, relative to the repository root.
    pub backlog: PathBuf,
    /// The wins log, relative to the repository root, when configured.
    pub wins_log: Option<PathBuf>,
    /// The settings of notes processing and prep: my name, thread routing (keywords
    /// lowercased), the fallback thread and the default frequency.
    pub settings: Settings,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            notes_dir: PathBuf::from(DEFAULT_NOTES_DIR),
            backlog: PathBuf::from(DEFAULT_BACKLOG),
            wins_log: None,
            settings: Settings::default(),
        }
    }
}

impl Config {
    /// Loads `path`, or the defaults when the file does not exist.
    ///
    /// # Errors
    /// [`ConfigError`] when the file cannot be read or is invalid.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        match std::fs::read_to_string(path) {
            Ok(text) => Config::parse(&text, path),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
            Err(source) => Err(ConfigError::Read {
                path: path.to_owned(),
                source,
            }),
        }
    }

    /// Parses config text; `path` is only used in error messages.
    ///
    /// # Errors
    /// [`ConfigError::Invalid`] with the line and column of the problem: invalid TOML,
    /// an unknown key (named in the message), a wrong type, a path that leaves the
    /// repository, an unknown frequency or an empty thread rule.
    pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let (line, column) = e.span().map_or((1, 1), |span| line_col(text, span.start));
            ConfigError::Invalid {
                path: path.to_owned(),
                line,
                column,
                message: e.message().trim().to_owned(),
            }
        })?;
        let at = KeyErrors { text, path };
        let defaults = Config::default();
        let notes_dir = at
            .relative_path("notes_dir", raw.notes_dir)?
            .unwrap_or(defaults.notes_dir);
        let backlog = at
            .relative_path("backlog", raw.backlog)?
            .unwrap_or(defaults.backlog);
        let wins_log = at.relative_path("wins_log", raw.wins_log)?;
        let d = defaults.settings;
        let settings = Settings {
            my_name: raw
                .my_name
                .map(|n| n.trim().to_owned())
                .filter(|n| !n.is_empty()),
            thread_rules: match raw.threads {
                None => d.thread_rules,
                Some(rules) => at.thread_rules(rules)?,
            },
            fallback_thread: match raw.fallback_thread {
                None => d.fallback_thread,
                Some(t) => at.fallback_thread(&t)?,
            },
            default_frequency: match raw.default_frequency {
                None => d.default_frequency,
                Some(f) => at.frequency(f)?,
            },
        };
        Ok(Config {
            notes_dir,
            backlog,
            wins_log,
            settings,
        })
    }

    /// A commented config listing every key with its default, as `oneonone init` writes
    /// it. It parses to [`Config::default`].
    pub fn default_toml_commented() -> String {
        // The routing defaults are listed from the one place that defines them.
        let mut threads = String::new();
        for rule in oneonone_core::settings::default_thread_rules() {
            let keywords: Vec<String> = rule.keywords.iter().map(|k| format!("{k:?}")).collect();
            threads.push_str(&format!(
                "# [[threads]]\n# name = {:?}\n# keywords = [{}]\n#\n",
                rule.thread,
                keywords.join(", ")
            ));
        }
        let threads = threads.trim_end_matches("#\n");
        DEFAULT_TOML.replace("{threads}\n", threads)
    }
}

/// Checks the values that deserialised but may still be wrong, each error pointing at the
/// line of its key (toml gives no spans once the text is deserialised).
struct KeyErrors<'a> {
    text: &'a str,
    path: &'a Path,
}

impl KeyErrors<'_> {
    fn invalid(&self, key: &str, message: String) -> ConfigError {
        let (line, column) = key_position(self.text, key);
        ConfigError::Invalid {
            path: self.path.to_owned(),
            line,
            column,
            message,
        }
    }

    /// A path setting: relative, inside the work tree and never into `.git`.
    fn relative_path(
        &self,
        key: &str,
        value: Option<String>,
    ) -> Result<Option<PathBuf>, ConfigError> {
        let Some(v) = value else {
            return Ok(None);
        };
        let p = PathBuf::from(&v);
        // `.git` in any case: a committed config must never aim the tool at git's own
        // files (case-insensitive file systems fold `.GIT` onto it).
        let inside = !v.is_empty()
            && p.components().all(|c| match c {
                Component::Normal(n) => !n.eq_ignore_ascii_case(".git"),
                Component::CurDir => true,
                _ => false,
            });
        if inside {
            Ok(Some(p))
        } else {
            Err(self.invalid(
                key,
                format!(
                    "`{key}` must be a relative path inside the work tree and outside .git, not `{v}`"
                ),
            ))
        }
    }

    fn frequency(&self, f: String) -> Result<String, ConfigError> {
        if Frequency::parse(&f).is_some() {
            return Ok(f);
        }
        Err(self.invalid(
            "default_frequency",
            format!("unknown frequency `{f}`: use weekly, biweekly, monthly or every N weeks"),
        ))
    }

    /// The `[[threads]]` rules, keywords lowercased; a rule without a name or keywords is
    /// refused.
    fn thread_rules(&self, rules: Vec<RawThread>) -> Result<Vec<ThreadRule>, ConfigError> {
        let mut out = Vec::with_capacity(rules.len());
        for rule in rules {
            if rule.name.trim().is_empty() {
                return Err(self.invalid("threads", "a thread's `name` is empty".to_owned()));
            }
            let keywords: Vec<String> = rule
                .keywords
                .iter()
                .map(|k| k.trim().to_lowercase())
                .filter(|k| !k.is_empty())
                .collect();
            if keywords.is_empty() {
                return Err(
                    self.invalid("threads", format!("thread `{}` has no keywords", rule.name))
                );
            }
            out.push(ThreadRule {
                thread: rule.name.trim().to_owned(),
                keywords,
            });
        }
        Ok(out)
    }

    fn fallback_thread(&self, t: &str) -> Result<String, ConfigError> {
        if t.trim().is_empty() {
            return Err(self.invalid("fallback_thread", "`fallback_thread` is empty".to_owned()));
        }
        Ok(t.trim().to_owned())
    }
}

const DEFAULT_TOML: &str = r#"# oneonone configuration. Every key is optional; the values shown are the defaults.

# Where the running documents live, relative to this file.
# notes_dir = "Career/1-on-1s"

# The task list that `oneonone process` appends your action items to.
# backlog = "BACKLOG.md"

# An optional log of wins (lines `- YYYY-MM-DD: text`) that `oneonone prep` lists.
# Not set by default.
# wins_log = "WINS.md"

# How you call yourself in notes, recognised as "me".
# Not set by default.
# my_name = "Alex"

# The frequency new running documents get: weekly, biweekly, monthly or every N weeks.
# default_frequency = "Weekly"

# Thread routing: a note containing any keyword (whole word, case-insensitive) goes to
# that thread; the first matching rule wins. `{q}` stands for the meeting's quarter.
# Listing any [[threads]] replaces all of these defaults.
{threads}

# The thread for notes that match no rule. (Top-level keys must come before [[threads]].)
# fallback_thread = "General"
"#;

/// 1-based line and column (in characters) of byte `offset` in `text`.
pub(crate) fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let mut start = offset;
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let before = &text[..start];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// Where `key` is first assigned (or, for `threads`, opened), for errors found after
/// deserialising, when toml no longer gives spans.
fn key_position(text: &str, key: &str) -> (usize, usize) {
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        let is_key = trimmed
            .strip_prefix(key)
            .is_some_and(|rest| rest.trim_start().starts_with('='));
        let is_table = trimmed.starts_with(&format!("[[{key}]]"));
        if is_key || is_table {
            return (i + 1, indent + 1);
        }
    }
    (1, 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commented_default_parses_to_defaults() {
        let text = Config::default_toml_commented();
        let c = Config::parse(&text, Path::new("x.toml")).unwrap();
        assert_eq!(c, Config::default());
        for key in [
            "notes_dir",
            "backlog",
            "wins_log",
            "my_name",
            "default_frequency",
            "[[threads]]",
            "fallback_thread",
        ] {
            assert!(text.contains(&format!("# {key}")), "{key} missing");
        }
    }

    #[test]
    fn uncommented_default_parses_to_defaults_except_examples() {
        // Uncommenting every line must still parse, and give the defaults for every key
        // except the two shown as examples.
        let text: String = Config::default_toml_commented()
            .lines()
            .filter_map(|l| l.strip_prefix("# "))
            .filter(|l| l.contains('=') || l.starts_with("[["))
            .filter(|l| !l.starts_with("fallback"))
            .map(|l| format!("{l}\n"))
            .collect();
        let text = format!("fallback_thread = \"General\"\n{text}");
        let c = Config::parse(&text, Path::new("x.toml")).unwrap();
        assert_eq!(
            c.settings.thread_rules,
            Config::default().settings.thread_rules
        );
        assert_eq!(c.notes_dir, Config::default().notes_dir);
        assert_eq!(c.settings.my_name.as_deref(), Some("Alex"));
        assert_eq!(c.wins_log, Some(PathBuf::from("WINS.md")));
    }

    #[test]
    fn thread_rules_replace_defaults_when_present() {
        let c = Config::parse(
            "fallback_thread = \"Misc\"\n[[threads]]\nname = \"Sales\"\nkeywords = [\"Deal\", \"renewal\"]\n",
            Path::new("c.toml"),
        )
        .unwrap();
        assert_eq!(
            c.settings.thread_rules,
            vec![ThreadRule {
                thread: "Sales".into(),
                keywords: vec!["deal".into(), "renewal".into()]
            }]
        );
        assert_eq!(c.settings.fallback_thread, "Misc");
    }

    /// A config text that must be refused, where the error must point, and a word its
    /// message must hold.
    struct Refused {
        name: &'static str,
        text: &'static str,
        line: usize,
        column: usize,
        mentions: &'static str,
    }

    const REFUSED: &[Refused] = &[
        Refused {
            name: "unknown key",
            text: "backlog = \"B.md\"\n\nnotes_dri = \"x\"\n",
            line: 3,
            column: 1,
            mentions: "notes_dri",
        },
        Refused {
            name: "unknown key in a thread",
            text: "[[threads]]\nname = \"A\"\nkeyword = [\"a\"]\n",
            line: 3,
            column: 1,
            mentions: "keyword",
        },
        Refused {
            name: "notes_dir leaving the repository",
            text: "my_name = \"A\"\nnotes_dir = \"../elsewhere\"\n",
            line: 2,
            column: 1,
            mentions: "notes_dir",
        },
        Refused {
            name: "absolute notes_dir",
            text: "my_name = \"A\"\nnotes_dir = \"/etc\"\n",
            line: 2,
            column: 1,
            mentions: "notes_dir",
        },
        Refused {
            name: "empty notes_dir",
            text: "my_name = \"A\"\nnotes_dir = \"\"\n",
            line: 2,
            column: 1,
            mentions: "notes_dir",
        },
        Refused {
            name: "wrong type",
            text: "my_name = 3\n",
            line: 1,
            column: 11,
            mentions: "invalid type",
        },
        Refused {
            name: "unknown frequency",
            text: "\n\ndefault_frequency = \"hourly\"\n",
            line: 3,
            column: 1,
            mentions: "hourly",
        },
    ];

    #[test]
    fn invalid_config_refused_naming_file_line_and_key() {
        let path = Path::new("/r/.oneonone.toml");
        for case in REFUSED {
            let err = Config::parse(case.text, path).unwrap_err();
            let msg = err.to_string();
            assert_eq!(err.line(), case.line, "{}: {msg}", case.name);
            let at = format!("/r/.oneonone.toml:{}:{}: ", case.line, case.column);
            assert!(msg.starts_with(&at), "{}: {msg}", case.name);
            assert!(msg.contains(case.mentions), "{}: {msg}", case.name);
        }
    }

    #[test]
    fn line_col_counts_characters() {
        assert_eq!(line_col("ab\ncé=x", 6), (2, 3));
        assert_eq!(line_col("", 0), (1, 1));
    }
}
