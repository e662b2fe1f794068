//! Settings that shape processing, loaded from `.oneonone.toml` by the caller.
//!
//! The core never reads the file; `oneonone-git` parses it and hands these values in.

use serde::Serialize;

/// One thread-routing rule: a note containing any of `keywords` (whole words,
/// case-insensitive) goes to `thread`. The first matching rule wins.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ThreadRule {
    /// The thread's name, e.g. `Career Development`. `{q}` stands for the quarter of the
    /// meeting (`Q1`), so that `{q} Goals & Projects` becomes `Q1 Goals & Projects`.
    pub thread: String,
    /// Whole words (or phrases) that route a note here, lowercase.
    pub keywords: Vec<String>,
}

/// The settings processing and prep need.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Settings {
    /// How the user calls themselves in notes, recognised as "me" (e.g. `Alex`).
    pub my_name: Option<String>,
    /// Thread routing, first match wins; notes that match none go to `fallback_thread`.
    pub thread_rules: Vec<ThreadRule>,
    /// The thread for notes that match no rule.
    pub fallback_thread: String,
    /// The frequency a new document gets when none is given (as written in front matter).
    pub default_frequency: String,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            my_name: None,
            thread_rules: default_thread_rules(),
            fallback_thread: "General".to_owned(),
            default_frequency: "Weekly".to_owned(),
        }
    }
}

/// The routing of SPEC section 4: career, goals and projects, team and process.
pub fn default_thread_rules() -> Vec<ThreadRule> {
    let rule = |thread: &str, words: &[&str]| ThreadRule {
        thread: thread.to_owned(),
        keywords: words.iter().map(|w| (*w).to_owned()).collect(),
    };
    vec![
        rule(
            "Career Development",
            &[
                "career",
                "promotion",
                "promoted",
                "training",
                "course",
                "courses",
                "growth",
                "mentoring",
                "learning",
                "staff",
                "senior",
            ],
        ),
        rule(
            "{q} Goals & Projects",
            &[
                "goal",
                "goals",
                "q1",
                "q2",
                "q3",
                "q4",
                "okr",
                "okrs",
                "project",
                "projects",
                "launch",
                "roadmap",
                "initiative",
                "initiatives",
                "objectives",
            ],
        ),
        rule(
            "Team & Process",
            &[
                "team",
                "process",
                "processes",
                "hiring",
                "hire",
                "onboarding",
                "retro",
                "retrospective",
                "culture",
            ],
        ),
    ]
}
