//! Reading a brain dump: one note per bullet or plain line, nested bullets attached to
//! their parent, explicit markers taken out of the text and kept as data.

use thiserror::Error;

/// Notes larger than this are refused: a brain dump is a page, not a data file.
pub const MAX_NOTES_BYTES: usize = 1 << 20;

/// Why a brain dump could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum NotesError {
    /// Nothing but blank lines (or headings).
    #[error("the notes are empty: there is no line to process")]
    Empty,
    /// A NUL byte: binary data, not notes.
    #[error("line {line}: the notes hold a NUL byte, they do not look like text")]
    Nul {
        /// 1-based line.
        line: usize,
    },
    /// A control character other than tab, line feed or carriage return.
    #[error(
        "line {line}: the notes hold control character U+{code:04X}, they do not look like text"
    )]
    Control {
        /// 1-based line.
        line: usize,
        /// The character's code point.
        code: u32,
    },
    /// The notes exceed [`MAX_NOTES_BYTES`].
    #[error("the notes are {size} bytes, more than the {limit} bytes allowed")]
    TooLarge {
        /// Their size.
        size: usize,
        /// The limit.
        limit: usize,
    },
    /// The running document has no `person:`, so actions cannot be assigned or traced.
    #[error("the running document has no `person:` in its front matter")]
    NoPerson,
}

impl NotesError {
    /// The 1-based line the error points at, when it points at one.
    pub fn line(&self) -> Option<usize> {
        match self {
            NotesError::Nul { line } | NotesError::Control { line, .. } => Some(*line),
            _ => None,
        }
    }
}

/// An explicit marker written in a note.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Marker {
    /// `TODO:` or `- [ ]`: my action.
    Todo,
    /// `WIN:`: an accomplishment shared.
    Win,
    /// `GOAL:`: a goal.
    Goal,
    /// `DONE:` or `- [x]`: something finished.
    Done,
    /// `DECISION:`: a decision.
    Decision,
}

/// One note of a brain dump.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// 1-based line of the note in the notes text.
    pub line: usize,
    /// The note's words with the bullet, checkbox and recognised markers removed.
    pub text: String,
    /// The line as written, without its line ending.
    pub raw: String,
    /// More-indented lines beneath it, each without indentation and bullet marker.
    pub details: Vec<String>,
    /// `TODO:`, `WIN:`, `GOAL:`, `DONE:`, `DECISION:`, `[ ]` or `[x]`.
    pub marker: Option<Marker>,
    /// `[P1]`..`[P3]`.
    pub priority: Option<u8>,
    /// `@name`, without the `@`.
    pub mention: Option<String>,
}

/// Reads a brain dump into notes. Blank lines and markdown headings are skipped.
///
/// # Errors
/// Empty notes, a NUL or other control character (naming the line), or notes larger than
/// [`MAX_NOTES_BYTES`].
pub fn read_notes(text: &str) -> Result<Vec<Note>, NotesError> {
    if text.len() > MAX_NOTES_BYTES {
        return Err(NotesError::TooLarge {
            size: text.len(),
            limit: MAX_NOTES_BYTES,
        });
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut notes: Vec<Note> = Vec::new();
    let mut parent_indent: Option<usize> = None;
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        check_text(raw, line)?;
        if raw.trim().is_empty() {
            continue;
        }
        let indent = indent_width(raw);
        let body = raw.trim();
        if is_heading(body) {
            parent_indent = None;
            continue;
        }
        if let (Some(p), Some(last)) = (parent_indent, notes.last_mut())
            && indent > p
        {
            let detail = strip_bullet(body).0.trim();
            if !detail.is_empty() {
                last.details.push(detail.to_owned());
            }
            continue;
        }
        let (rest, _) = strip_bullet(body);
        let note = parse_note(line, raw, rest);
        if note.text.is_empty() && note.marker.is_none() {
            // A bare bullet or a bare `[P1]`: nothing to record.
            continue;
        }
        parent_indent = Some(indent);
        notes.push(note);
    }
    if notes.is_empty() {
        return Err(NotesError::Empty);
    }
    Ok(notes)
}

fn check_text(raw: &str, line: usize) -> Result<(), NotesError> {
    for c in raw.chars() {
        if c == '\0' {
            return Err(NotesError::Nul { line });
        }
        if c.is_control() && c != '\t' && c != '\r' {
            return Err(NotesError::Control {
                line,
                code: u32::from(c),
            });
        }
    }
    Ok(())
}

fn indent_width(raw: &str) -> usize {
    raw.chars()
        .take_while(|c| c.is_whitespace())
        .map(|c| if c == '\t' { 4 } else { 1 })
        .sum()
}

fn is_heading(body: &str) -> bool {
    let hashes = body.bytes().take_while(|&b| b == b'#').count();
    (1..=6).contains(&hashes) && body[hashes..].starts_with(' ')
}

/// Strips `- `, `* `, `+ `, `1. ` or `1) `; tells whether there was a bullet.
pub(crate) fn strip_bullet(body: &str) -> (&str, bool) {
    for m in ["- ", "* ", "+ "] {
        if let Some(rest) = body.strip_prefix(m) {
            return (rest.trim_start(), true);
        }
    }
    if matches!(body, "-" | "*" | "+") {
        return ("", true);
    }
    let digits = body.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=9).contains(&digits) {
        let rest = &body[digits..];
        for m in [". ", ") "] {
            if let Some(rest) = rest.strip_prefix(m) {
                return (rest.trim_start(), true);
            }
        }
    }
    (body, false)
}

const KEYWORD_MARKERS: &[(&str, Marker)] = &[
    ("todo:", Marker::Todo),
    ("win:", Marker::Win),
    ("goal:", Marker::Goal),
    ("done:", Marker::Done),
    ("decision:", Marker::Decision),
];

fn parse_note(line: usize, raw: &str, body: &str) -> Note {
    let mut rest = body;
    let mut marker = None;
    if let Some(r) = rest
        .strip_prefix("[ ] ")
        .or(if rest == "[ ]" { Some("") } else { None })
    {
        marker = Some(Marker::Todo);
        rest = r;
    } else if let Some(r) = ["[x] ", "[X] "].iter().find_map(|p| rest.strip_prefix(p)) {
        marker = Some(Marker::Done);
        rest = r;
    }
    if marker.is_none() {
        let first = rest.split_whitespace().next().unwrap_or("");
        let lower = first.to_ascii_lowercase();
        if let Some((_, m)) = KEYWORD_MARKERS.iter().find(|(w, _)| *w == lower) {
            marker = Some(*m);
            rest = rest.trim_start()[first.len()..].trim_start();
        }
    }
    let mut priority = None;
    let mut mention = None;
    let mut words: Vec<&str> = Vec::new();
    for word in rest.split_whitespace() {
        if let Some(p) = priority_marker(word) {
            priority.get_or_insert(p);
            continue;
        }
        if let Some(name) = mention_marker(word) {
            mention.get_or_insert(name);
            continue;
        }
        words.push(word);
    }
    // The words stay as written; only where a `[Pn]` or `@name` was taken out are they
    // joined again by single spaces.
    let text = if priority.is_none() && mention.is_none() {
        rest.trim().to_owned()
    } else {
        words.join(" ")
    };
    Note {
        line,
        text,
        raw: raw.to_owned(),
        details: Vec::new(),
        marker,
        priority,
        mention,
    }
}

fn priority_marker(word: &str) -> Option<u8> {
    let w = word.trim_end_matches([',', '.', ';', ':']);
    let inner = w.strip_prefix('[')?.strip_suffix(']')?;
    let n = inner.strip_prefix(['P', 'p'])?;
    match n {
        "1" => Some(1),
        "2" => Some(2),
        "3" => Some(3),
        _ => None,
    }
}

fn mention_marker(word: &str) -> Option<String> {
    let name = word.strip_prefix('@')?;
    let name = name.trim_end_matches([',', '.', ';', ':', '!', '?', ')']);
    let ok = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'));
    ok.then(|| name.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bullets_and_plain_lines_are_notes_with_their_lines() {
        let notes = read_notes("# Notes\n\n- one\n* two\n+ three\n1. four\nfive\n").unwrap();
        let got: Vec<(usize, &str)> = notes.iter().map(|n| (n.line, n.text.as_str())).collect();
        assert_eq!(
            got,
            vec![
                (3, "one"),
                (4, "two"),
                (5, "three"),
                (6, "four"),
                (7, "five")
            ]
        );
    }

    #[test]
    fn nested_bullets_attach_to_parent() {
        let notes = read_notes(
            "- Discussed promotion criteria:\n  * Strategic initiatives\n    - deeper\n- next\n",
        )
        .unwrap();
        assert_eq!(notes.len(), 2);
        assert_eq!(notes[0].details, vec!["Strategic initiatives", "deeper"]);
        assert_eq!(notes[1].line, 4);
    }

    #[test]
    fn markers_are_recognised_and_removed() {
        let notes = read_notes(
            "- TODO: send deck [P1]\n- [ ] book room\n- [x] Draft plan\n- win: shipped v2\n- @sarah review the deck\n- Decision: go\n",
        )
        .unwrap();
        assert_eq!(notes[0].marker, Some(Marker::Todo));
        assert_eq!(notes[0].text, "send deck");
        assert_eq!(notes[0].priority, Some(1));
        assert_eq!(notes[1].marker, Some(Marker::Todo));
        assert_eq!(notes[2].marker, Some(Marker::Done));
        assert_eq!(notes[3].marker, Some(Marker::Win));
        assert_eq!(notes[4].mention.as_deref(), Some("sarah"));
        assert_eq!(notes[4].text, "review the deck");
        assert_eq!(notes[5].marker, Some(Marker::Decision));
    }

    #[test]
    fn bad_input_names_the_line() {
        assert_eq!(read_notes("- a\n- b\0\n"), Err(NotesError::Nul { line: 2 }));
        assert_eq!(
            read_notes("ok\n\u{7}bell\n"),
            Err(NotesError::Control { line: 2, code: 7 })
        );
        assert_eq!(read_notes("\n  \n"), Err(NotesError::Empty));
    }
}
