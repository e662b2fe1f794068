//! Reading a brain dump: one note per bullet or plain line, nested bullets attached to
//! their parent, explicit markers taken out of the text and kept as data.

use super::rules::{LABELS, Label, LabelKind, TOPICS_LABEL};
use super::words::is_given_name;
use crate::syntax::checkbox;
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

/// An explicit marker written in a note: a checkbox or a label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Marker {
    /// `TODO:`, `Action item:`, `Next steps:`, `Follow-up:`... or `- [ ]`: an action, mine
    /// unless the rest names another owner.
    Todo,
    /// `WIN:`, `Kudos:`...: an accomplishment shared.
    Win,
    /// `GOAL:`, `OKR:`...: a goal.
    Goal,
    /// `DONE:` or `- [x]`: something finished.
    Done,
    /// `Decision:`, `Agreed:`...: a decision.
    Decision,
    /// `Blocker:`, `Risk:`, `Question:`, `Idea:`, `Feedback:`: a thread entry.
    Discussion,
    /// `Topics:`: what the meeting was about, for its meeting-history line; not a note.
    Topics,
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
    /// What its checkbox or labels say it is.
    pub marker: Option<Marker>,
    /// `[P1]`..`[P3]`.
    pub priority: Option<u8>,
    /// `@name`, without the `@`.
    pub mention: Option<String>,
    /// `Urgent:`, `ASAP:`, `Important:`.
    pub urgent: bool,
    /// `EOD:`, `EOW:`, `EOM:`, `EOQ:`: the due-date phrase the label stands for.
    pub due_label: Option<&'static str>,
    /// Length in bytes of a label kept at the start of `text` (`Decision: `), which is
    /// not a clause join.
    pub kept_label: usize,
    /// Advice or feedback (`tip:`, `feedback from Sarah:`): its orders are what was said.
    pub advice: bool,
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
    let title = title_line(text);
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
        if is_heading(body) || title == Some(line) {
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

/// What a title above the notes is about: one of these makes a line a title.
const TITLE_ANCHORS: &[&str] = &[
    "1:1",
    "1-1",
    "1-on-1",
    "1on1",
    "one-on-one",
    "notes",
    "meeting",
    "sync",
];

/// Words a title is made of besides its anchor, names and dates ("Leo 1:1 notes", "1:1 w/
/// Sarah - Feb 12", "Notes from today's sync").
const TITLE_WORDS: &[&str] = &[
    "note", "with", "w/", "from", "for", "today", "today's", "our", "weekly", "the", "-", "–", "—",
    "|",
];

/// The line (1-based) of a title written above bulleted notes: the first line, with no
/// bullet, above a bulleted one, and made only of a [`TITLE_ANCHORS`] word, [`TITLE_WORDS`],
/// capitalised names and dates. A line that says anything else is a note.
fn title_line(text: &str) -> Option<usize> {
    let mut lines = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty());
    let (i, first) = lines.next()?;
    let (_, next) = lines.next()?;
    let body = first.trim().trim_end_matches(':');
    if strip_bullet(body).1 || !strip_bullet(next.trim()).1 || is_heading(body) {
        return None;
    }
    let mut anchored = false;
    let words = body.split_whitespace().all(|w| {
        let w = w.trim_matches([',', '(', ')']);
        let lower = w.to_lowercase();
        let anchor = TITLE_ANCHORS.contains(&lower.as_str());
        anchored |= anchor;
        anchor
            || TITLE_WORDS.contains(&lower.as_str())
            || w.starts_with(char::is_uppercase)
            || w.starts_with(|c: char| c.is_ascii_digit())
    });
    (words && anchored).then_some(i + 1)
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

/// Joins that may follow a label instead of its colon ("ASAP - patch the job", "Idea –
/// a reading group"). Two-letter labels ("AI", "KR") need their colon: "AI - …" is
/// about AI.
const LABEL_DASHES: &[&str] = &[" - ", " – ", " — "];

/// Strips a label (`Label:`, `**Label:**`, `**Label**:`, `__Label:__`, `Label - `; `TODO`
/// and `DONE` also bare) from the start of `text`; gives the label and the rest.
pub(crate) fn strip_label(text: &str) -> Option<(&'static Label, &str)> {
    let (open, inner) = match text.get(..2) {
        Some(m @ ("**" | "__")) => (m, &text[2..]),
        _ => ("", text),
    };
    for l in LABELS {
        let Some(head) = inner.get(..l.name.len()) else {
            continue;
        };
        if !head.eq_ignore_ascii_case(l.name) {
            continue;
        }
        let after = &inner[l.name.len()..];
        let after = after.strip_prefix(open).unwrap_or(after);
        let dashed = || {
            (l.name.len() > 2)
                .then(|| LABEL_DASHES.iter().find_map(|d| after.strip_prefix(d)))
                .flatten()
        };
        let rest = if let Some(r) = after.strip_prefix(':') {
            let r = if open.is_empty() {
                r
            } else {
                r.strip_prefix(open).unwrap_or(r)
            };
            r.trim_start()
        } else if let Some(r) = dashed() {
            r.trim_start()
        } else if l.bare && open.is_empty() && after.starts_with([' ', '\t']) {
            let r = after.trim_start();
            r.strip_prefix("- ").unwrap_or(r).trim_start()
        } else {
            continue;
        };
        if rest.is_empty() {
            return None;
        }
        return Some((l, rest));
    }
    None
}

/// A short heading before a colon that holds a label kept in the text ("mentor tip:",
/// "advice from Grace:", "open question:"): the label, and the length of the heading with
/// its colon. The words stay, so the heading only decides the kind.
fn heading_label(text: &str) -> Option<(&'static Label, usize)> {
    let colon = text.find(": ")?;
    let words: Vec<&str> = text[..colon].split_whitespace().collect();
    if !(2..=4).contains(&words.len()) {
        return None;
    }
    let label = words.iter().find_map(|w| {
        let w = w
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        LABELS.iter().find(|l| l.keep && l.name == w)
    })?;
    Some((label, colon + 2))
}

/// What the labels at the start of a note say, and where its own words begin.
#[derive(Default)]
struct LabelRun {
    marker: Option<Marker>,
    urgent: bool,
    due_label: Option<&'static str>,
    kept_label: usize,
    /// The owner an action label names (`AI (Sam): …`).
    owner: Option<String>,
    /// An advice or feedback label.
    advice: bool,
}

impl LabelRun {
    fn take(&mut self, label: &Label) {
        match label.kind {
            LabelKind::Action => self.marker = self.marker.or(Some(Marker::Todo)),
            LabelKind::Urgent => self.urgent = true,
            LabelKind::Due(phrase) => self.due_label = Some(phrase),
            LabelKind::Goal => self.marker = Some(Marker::Goal),
            LabelKind::Win => self.marker = Some(Marker::Win),
            LabelKind::Done => self.marker = Some(Marker::Done),
            LabelKind::Decision => self.marker = Some(Marker::Decision),
            LabelKind::Discussion => self.marker = Some(Marker::Discussion),
            LabelKind::Advice => {
                self.marker = Some(Marker::Discussion);
                self.advice = true;
            }
        }
    }
}

/// Check marks people type before a finished thing ("✅ sent the report").
const CHECK_MARKS: &[&str] = &["✅", "✔️", "✔", "☑️", "☑"];

/// `[ ]`, `[x]` or a check mark at the start: the marker it stands for and the rest.
fn strip_checkbox(body: &str) -> (Option<Marker>, &str) {
    if let Some(r) = CHECK_MARKS
        .iter()
        .find_map(|m| body.strip_prefix(m))
        .filter(|r| r.starts_with(char::is_whitespace))
    {
        return (Some(Marker::Done), r.trim_start());
    }
    match checkbox(body) {
        Some((done, r)) => {
            let marker = if done { Marker::Done } else { Marker::Todo };
            (Some(marker), r.trim_start())
        }
        None => (None, body),
    }
}

/// An action label that names its owner: `TODO(me): …`, `AI (Sam): …`, `AI(Sam) …`,
/// `AP - Sam: …`, `Action item for me: …`, `AI me: …`. Gives the label, the owner as written and the rest.
fn strip_owned_label(text: &str) -> Option<(&'static Label, &str, &str)> {
    LABELS
        .iter()
        .filter(|l| l.kind == LabelKind::Action)
        .find_map(|l| {
            let head = text.get(..l.name.len())?;
            if !head.eq_ignore_ascii_case(l.name) {
                return None;
            }
            let after = &text[l.name.len()..];
            let (owner, rest) = bracketed_owner(after)
                .or_else(|| dashed_owner(after))
                .or_else(|| for_owner(after))
                .or_else(|| spaced_owner(after))?;
            let rest = rest.trim_start();
            (!rest.is_empty()).then_some((l, owner, rest))
        })
}

/// `(Sam): …`, ` (Sam) …`: the owner in brackets right after a label, and the rest.
fn bracketed_owner(after: &str) -> Option<(&str, &str)> {
    let inner = after.strip_prefix(' ').unwrap_or(after).strip_prefix('(')?;
    let close = inner.find(')')?;
    let owner = inner[..close].trim();
    let rest = &inner[close + 1..];
    let rest = rest
        .strip_prefix(':')
        .or_else(|| LABEL_DASHES.iter().find_map(|d| rest.strip_prefix(d)))
        .or_else(|| rest.strip_prefix(' '))?;
    is_owner_word(owner, true).then_some((owner, rest))
}

/// ` - Sam: …`: a dash, one capitalised word (or "me") and a colon after a label.
fn dashed_owner(after: &str) -> Option<(&str, &str)> {
    owner_to_colon(
        LABEL_DASHES.iter().find_map(|d| after.strip_prefix(d))?,
        false,
    )
}

/// ` for me: …`, ` for Sam: …`: the owner after "for" and before the colon.
fn for_owner(after: &str) -> Option<(&str, &str)> {
    let head = after.get(..5).filter(|h| h.eq_ignore_ascii_case(" for "))?;
    owner_to_colon(&after[head.len()..], true)
}

/// ` me: …`, ` Sam: …`: "me" or a given name between the label and its colon. Any other
/// word there belongs to the label's topic ("AI Safety: …").
fn spaced_owner(after: &str) -> Option<(&str, &str)> {
    owner_to_colon(after.strip_prefix(' ')?, true).filter(|(owner, _)| {
        owner.eq_ignore_ascii_case("me") || is_given_name(&owner.to_lowercase())
    })
}

/// An owner word, then a colon: the owner and what follows the colon.
fn owner_to_colon(rest: &str, bracketed: bool) -> Option<(&str, &str)> {
    let (owner, after) = rest.split_once(':')?;
    let owner = owner.trim();
    is_owner_word(owner, bracketed).then_some((owner, after))
}

/// One word of letters that can name an owner: "me", a capitalised word, or (in brackets)
/// a given name in lowercase; "TODO (optional): …" names nobody.
fn is_owner_word(word: &str, bracketed: bool) -> bool {
    !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, '-' | '\''))
        && (word.eq_ignore_ascii_case("me")
            || word.starts_with(char::is_uppercase)
            || (bracketed && is_given_name(word)))
}

/// Takes the labels off the start of `rest`. Labels stack ("Urgent: TODO: ..."); a kept
/// one ends the run, as its words stay.
fn read_labels<'t>(run: &mut LabelRun, mut rest: &'t str) -> &'t str {
    if let Some(r) = topics_line(rest) {
        run.marker = Some(Marker::Topics);
        return r;
    }
    if let Some((label, owner, after)) = strip_owned_label(rest) {
        run.take(label);
        run.owner = Some(owner.to_owned());
        rest = after;
    }
    while let Some((label, after)) = strip_label(rest) {
        run.take(label);
        if label.keep {
            run.kept_label = rest.len() - after.len();
            return rest;
        }
        rest = after;
    }
    if let Some((label, len)) = heading_label(rest) {
        run.take(label);
        run.kept_label = len;
    }
    rest
}

/// The `[Pn]` and `@name` markers of a text, and its words without them. The words stay
/// as written; only where a marker was taken out are they joined again by single spaces,
/// and then a kept label's length is measured again.
fn inline_markers(rest: &str, kept_label: usize) -> (String, Option<u8>, Option<String>, usize) {
    let mut priority = None;
    let mut mention = None;
    let mut words: Vec<&str> = Vec::new();
    let all: Vec<&str> = rest.split_whitespace().collect();
    // An `@name` names the owner first or last; within the sentence it is an object
    // ("sync w/ @lena on the roadmap") and stays a word.
    let plain = |w: &&str| priority_marker(w).is_none();
    let first = all.iter().position(plain);
    let last = all.iter().rposition(plain);
    for (i, word) in all.iter().copied().enumerate() {
        if let Some(p) = priority_marker(word) {
            priority.get_or_insert(p);
            continue;
        }
        let at_edge = Some(i) == first || Some(i) == last;
        if let Some(name) = mention_marker(word).filter(|_| at_edge && mention.is_none()) {
            mention = Some(name);
            continue;
        }
        words.push(word);
    }
    if priority.is_none() && mention.is_none() {
        return (rest.trim().to_owned(), None, None, kept_label);
    }
    let label = rest[..kept_label]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let joined = words.join(" ");
    let kept = if kept_label > 0 && joined.starts_with(&label) {
        label.len()
    } else {
        0
    };
    (joined, priority, mention, kept)
}

/// Arrows people type in place of a bullet ("➡️ follow up w/ finance").
const LEADING_ARROWS: &[&str] = &["➡️", "➡", "→", "->", "=>"];

fn parse_note(line: usize, raw: &str, body: &str) -> Note {
    let body = LEADING_ARROWS
        .iter()
        .find_map(|a| body.strip_prefix(a))
        .filter(|r| r.starts_with(char::is_whitespace))
        .map_or(body, str::trim_start);
    let (checkbox, rest) = strip_checkbox(body);
    let mut run = LabelRun {
        marker: checkbox,
        ..LabelRun::default()
    };
    let rest = read_labels(&mut run, rest);
    let (text, priority, mention, kept_label) = inline_markers(rest, run.kept_label);
    Note {
        line,
        text,
        raw: raw.to_owned(),
        details: Vec::new(),
        marker: run.marker,
        priority,
        mention: run.owner.or(mention),
        urgent: run.urgent,
        due_label: run.due_label,
        kept_label,
        advice: run.advice,
    }
}

/// `Topics: career path, advisory board` (case-insensitive, bold or not): the rest.
fn topics_line(text: &str) -> Option<&str> {
    let inner = text.trim_start_matches(['*', '_']);
    let head = inner.get(..TOPICS_LABEL.len())?;
    if !head.eq_ignore_ascii_case(TOPICS_LABEL) {
        return None;
    }
    let rest = inner[TOPICS_LABEL.len()..].trim_start_matches(['*', '_']);
    let rest = rest
        .strip_prefix(':')?
        .trim_start_matches(['*', '_'])
        .trim();
    (!rest.is_empty()).then_some(rest)
}

/// `[P1]`..`[P3]`, or in round brackets as people also type it (`(P1)`). A bare `P1`
/// is no marker: "P1 incident last night" is about a severity.
fn priority_marker(word: &str) -> Option<u8> {
    let w = word.trim_end_matches([',', '.', ';', ':']);
    let inner = (w.strip_prefix('[').and_then(|r| r.strip_suffix(']')))
        .or_else(|| w.strip_prefix('(').and_then(|r| r.strip_suffix(')')))?;
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
    fn owner_in_an_action_label_becomes_the_mention() {
        let notes = read_notes(
            "- TODO(me): send deck\n- AI (Sam): book room\n- AI(Sam) book room\n- AP - Sam: book room\n- Action point - Sam: book room\n- AI - risks: drift\n- TODO (optional): tidy up\n- todo(sam) book room\n\
             - Action item for me: write up the proposal\n- Next steps for Sam: send the contract\n- follow-up for priya: share the rubric\n- Action for the team: retro\n\
             - AI me: share the comparison\n- TODO Sam: book the room\n- AI Safety: review the policy\n",
        )
        .unwrap();
        let got: Vec<(Option<&str>, &str)> = notes
            .iter()
            .map(|n| (n.mention.as_deref(), n.text.as_str()))
            .collect();
        assert_eq!(got[0], (Some("me"), "send deck"));
        for n in &got[1..4] {
            assert_eq!(*n, (Some("Sam"), "book room"));
        }
        assert_eq!(notes[4].marker, Some(Marker::Todo));
        // A lowercase word after a dash is a topic, not an owner.
        assert_eq!(got[5], (None, "AI - risks: drift"));
        assert_eq!(got[6].0, None);
        assert_eq!(got[7], (Some("sam"), "book room"));
        // The owner after "for".
        assert_eq!(got[8], (Some("me"), "write up the proposal"));
        assert_eq!(got[9], (Some("Sam"), "send the contract"));
        assert_eq!(got[10], (Some("priya"), "share the rubric"));
        // "the team" is no owner word: the label is not one that names its owner.
        assert_eq!(got[11].0, None);
        // A given name or "me" between the label and its colon; another word is a topic.
        assert_eq!(got[12], (Some("me"), "share the comparison"));
        assert_eq!(got[13], (Some("Sam"), "book the room"));
        assert_eq!(got[14].0, None);
    }

    #[test]
    fn a_title_above_bulleted_notes_is_no_note() {
        for title in [
            "Leo 1:1 notes",
            "1:1 w/ Sarah - Feb 12",
            "Notes from today's sync",
            "Weekly sync:",
            "2026-02-12 1:1",
        ] {
            let notes = read_notes(&format!("{title}\n- send the deck\n")).unwrap();
            let texts: Vec<&str> = notes.iter().map(|n| n.text.as_str()).collect();
            assert_eq!(texts, ["send the deck"], "{title:?}");
        }
        for note in [
            "1:1 notes - Sarah is leaving the company",
            "Notes: Sarah got promoted",
            "Budget review went well",
        ] {
            let notes = read_notes(&format!("{note}\n- send the deck\n")).unwrap();
            assert_eq!(notes.len(), 2, "{note:?} is a note");
        }
        // Without bullets below, the first line is a note like the others.
        assert_eq!(
            read_notes("Leo 1:1 notes\nsend the deck\n").unwrap().len(),
            2
        );
    }

    #[test]
    fn priority_in_round_brackets_is_a_marker_and_a_bare_one_is_not() {
        let notes = read_notes(
            "- book offsite venue (P1)\n- (p3) tidy the wiki\n- P1 incident last night\n",
        )
        .unwrap();
        assert_eq!(
            (notes[0].priority, notes[0].text.as_str()),
            (Some(1), "book offsite venue")
        );
        assert_eq!(
            (notes[1].priority, notes[1].text.as_str()),
            (Some(3), "tidy the wiki")
        );
        assert_eq!(
            (notes[2].priority, notes[2].text.as_str()),
            (None, "P1 incident last night")
        );
    }

    #[test]
    fn leading_check_mark_is_done_and_mid_sentence_mention_stays() {
        let notes =
            read_notes("- ✅ sent the report\n- ✔️ booked\n- sync w/ @lena on it\n").unwrap();
        assert_eq!(notes[0].marker, Some(Marker::Done));
        assert_eq!(notes[0].text, "sent the report");
        assert_eq!(notes[1].marker, Some(Marker::Done));
        assert_eq!(notes[2].mention, None);
        assert_eq!(notes[2].text, "sync w/ @lena on it");
        let notes = read_notes("- ➡️ follow up w/ finance\n-> Sam to chase it\n").unwrap();
        assert_eq!(notes[0].text, "follow up w/ finance");
        assert_eq!(notes[1].text, "Sam to chase it");
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
