//! New running documents: the template `oneonone init` writes and `oneonone new` fills in.

use crate::model::Relationship;
use chrono::NaiveDate;

/// What a new running document starts with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDocument<'a> {
    /// The other person's full name.
    pub person: &'a str,
    /// Their role, if given.
    pub role: Option<&'a str>,
    /// The relationship, if given.
    pub relationship: Option<Relationship>,
    /// How often you meet, as written into front matter (e.g. `Weekly`).
    pub frequency: &'a str,
    /// The first meeting (usually today).
    pub started: NaiveDate,
}

pub use crate::people::first_name;

/// Renders a new running document. The result parses and validates clean.
pub fn render(new: &NewDocument<'_>) -> String {
    let mut out = String::from("---\n");
    out.push_str(&format!("person: {}\n", yaml_scalar(new.person)));
    if let Some(role) = new.role {
        out.push_str(&format!("role: {}\n", yaml_scalar(role)));
    }
    if let Some(rel) = new.relationship {
        out.push_str(&format!("relationship: {}\n", rel.as_str()));
    }
    out.push_str(&format!("frequency: {}\n", yaml_scalar(new.frequency)));
    out.push_str(&format!("started: {}\n", new.started.format("%Y-%m-%d")));
    out.push_str("---\n\n");
    out.push_str(&format!("# 1:1 with {}\n\n", new.person));
    if let Some(hint) = new.relationship.and_then(relationship_hint) {
        out.push_str(&format!("<!-- {hint} -->\n\n"));
    }
    out.push_str("## Current Focus Areas\n\n## Ongoing Threads\n\n## Action Items\n\n");
    out.push_str("### My Actions\n\n");
    out.push_str(&format!("### {}'s Actions\n\n", first_name(new.person)));
    out.push_str("## Recent Accomplishments Shared\n\n## Meeting History\n");
    out
}

/// The generic template `oneonone init` writes as `_template.md`: copy it by hand, or let
/// `oneonone new` fill it in.
pub fn generic_template() -> &'static str {
    "---\n\
person: Full Name\n\
role: Manager\n\
relationship: manager        # manager | skip-level | mentor | report | peer\n\
frequency: Weekly            # weekly | biweekly | monthly | every N weeks\n\
started: 2026-01-01\n\
---\n\
\n\
# 1:1 with Full Name\n\
\n\
## Current Focus Areas\n\
\n\
## Ongoing Threads\n\
\n\
## Action Items\n\
\n\
### My Actions\n\
\n\
### Full's Actions\n\
\n\
## Recent Accomplishments Shared\n\
\n\
## Meeting History\n"
}

/// A one-line reminder of what the meeting is for, kept as an HTML comment.
fn relationship_hint(rel: Relationship) -> Option<&'static str> {
    Some(match rel {
        Relationship::Manager => "Bring your wins, ask about priorities and your growth.",
        Relationship::SkipLevel => "Share context from the team, ask about the bigger picture.",
        Relationship::Mentor => "Bring one question you are stuck on, and what you tried.",
        Relationship::Report => "Their meeting: their wins, blockers and career goals first.",
        Relationship::Peer => "Trade context, agree on what each of you owns.",
    })
}

/// Quotes a scalar when YAML would otherwise read it as something else.
fn yaml_scalar(s: &str) -> String {
    let needs_quotes = s.is_empty()
        || s.trim() != s
        || s.contains([
            ':', '#', '"', '\'', '\n', '[', ']', '{', '}', ',', '&', '*', '!', '|', '>', '%', '@',
            '`',
        ])
        || s.starts_with(['-', '?'])
        || matches!(
            s.to_lowercase().as_str(),
            "true" | "false" | "yes" | "no" | "null" | "~" | "on" | "off"
        )
        || s.parse::<f64>().is_ok();
    if needs_quotes {
        format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
    } else {
        s.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_scalar_quotes_values_yaml_would_misread() {
        for (value, written) in [
            ("Sarah Chen", "Sarah Chen"),
            ("VP: Sales", "\"VP: Sales\""),
            ("no", "\"no\""),
            ("2025", "\"2025\""),
        ] {
            assert_eq!(yaml_scalar(value), written, "{value:?}");
        }
    }

    #[test]
    fn render_names_the_other_persons_action_list_by_first_name() {
        let text = render(&NewDocument {
            person: "Sarah Chen",
            role: Some("Manager"),
            relationship: Some(Relationship::Manager),
            frequency: "Weekly",
            started: NaiveDate::from_ymd_opt(2026, 1, 15).unwrap(),
        });
        assert!(
            text.starts_with("---\nperson: Sarah Chen\nrole: Manager\nrelationship: manager\n")
        );
        assert!(text.contains("\n### Sarah's Actions\n"));
        assert!(text.contains("started: 2026-01-15\n"));
    }
}
