//! The classifier: one note (or each clause of it) → kind, owner, text, due date,
//! priority. It reads the rules table in [`super::rules`]; the document-dependent parts
//! (whether a "done" note matches an open item, which thread exists) are decided by
//! `process`, with the helpers here.

use super::dates::{find_date, quarter_of, remove_span};
use super::reader::{Marker, Note};
use super::rules::{
    CLAUSE_JOINS, IMPERATIVE_VERBS, OwnerRule, Pattern, PriorityRule, RULES, Rule, STOPWORDS,
};
use crate::model::{Owner, Thread};
use crate::settings::Settings;
use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::Serialize;
use std::collections::BTreeSet;

/// What a note is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum NoteKind {
    /// Something I am to do: My Actions and BACKLOG.md.
    MyAction,
    /// Something the other person (or someone named) is to do.
    TheirAction,
    /// A goal: Current Focus Areas and a thread entry.
    Goal,
    /// A decision or approval: a thread entry.
    Decision,
    /// An accomplishment shared: Recent Accomplishments Shared.
    Accomplishment,
    /// Something finished: ticks the one open item it matches.
    Done,
    /// Anything else: a thread entry.
    Discussion,
}

impl NoteKind {
    /// Higher wins when several kinds fit: done > their action > my action > goal >
    /// accomplishment > decision > discussion.
    pub fn precedence(self) -> u8 {
        match self {
            NoteKind::Done => 7,
            NoteKind::TheirAction => 6,
            NoteKind::MyAction => 5,
            NoteKind::Goal => 4,
            NoteKind::Accomplishment => 3,
            NoteKind::Decision => 2,
            NoteKind::Discussion => 1,
        }
    }

    /// Whether it becomes an action item.
    pub fn is_action(self) -> bool {
        matches!(self, NoteKind::MyAction | NoteKind::TheirAction)
    }

    /// A short lowercase label, for summaries and meeting topics.
    pub fn label(self) -> &'static str {
        match self {
            NoteKind::MyAction => "my action",
            NoteKind::TheirAction => "their action",
            NoteKind::Goal => "goal",
            NoteKind::Decision => "decision",
            NoteKind::Accomplishment => "accomplishment",
            NoteKind::Done => "done",
            NoteKind::Discussion => "discussion",
        }
    }
}

/// What the classifier needs to know besides the note.
#[derive(Debug, Clone)]
pub struct ClassifyContext<'a> {
    /// The document's person, e.g. `Sarah Chen`.
    pub person: &'a str,
    /// `Settings::my_name`.
    pub my_name: Option<&'a str>,
    /// The meeting date, for relative dates.
    pub meeting: NaiveDate,
}

/// One classified clause of a note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Classified {
    /// 1-based source line of the note.
    pub line: usize,
    /// The best kind other than [`NoteKind::Done`]: what the clause is when it does not
    /// tick an item.
    pub kind: NoteKind,
    /// Whether it carries a completion word or a done marker, so it may tick an item.
    pub completion: bool,
    /// Whose action it is (`None` for notes that are not actions).
    pub owner: Option<Owner>,
    /// The text to write: the clause minus markers, owner phrase and (for actions) date
    /// phrase, first letter capitalised.
    pub text: String,
    /// The clause's own words (markers and owner phrase removed, date kept), capitalised:
    /// the text of a thread entry when a "done" clause matches nothing.
    pub entry_text: String,
    /// The due date, for actions.
    pub due: Option<NaiveDate>,
    /// P1..P3, for actions.
    pub priority: Option<u8>,
    /// Whether the priority was written in the note (`[P1]`).
    pub explicit_priority: bool,
    /// Nested lines of the note (on its first clause only).
    pub details: Vec<String>,
}

/// A word of a clause: lowercased, curly apostrophes straightened, surrounding
/// punctuation dropped, with its byte range in the clause.
#[derive(Debug, Clone)]
struct Word {
    norm: String,
    end: usize,
}

fn words_of(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut start = None;
    let push = |s: usize, e: usize, out: &mut Vec<Word>| {
        let raw = &text[s..e];
        let trimmed_start = raw.trim_start_matches(|c: char| !c.is_alphanumeric() && c != '@');
        let lead = raw.len() - trimmed_start.len();
        let trimmed = trimmed_start.trim_end_matches(|c: char| !c.is_alphanumeric());
        if trimmed.is_empty() {
            return;
        }
        let norm = trimmed.to_lowercase().replace('’', "'");
        out.push(Word {
            norm,
            end: s + lead + trimmed.len(),
        });
    };
    for (i, c) in text.char_indices() {
        match (start, c.is_whitespace()) {
            (None, false) => start = Some(i),
            (Some(s), true) => {
                push(s, i, &mut out);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        push(s, text.len(), &mut out);
    }
    out
}

fn phrase_words(p: &str) -> Vec<&str> {
    p.split(' ').collect()
}

/// Whether `words[at..]` starts with `phrase`; gives the index after it. A phrase word
/// starting with `'` glues onto the previous one ("sarah" + "'ll" = "sarah'll").
fn starts_with_at(words: &[Word], at: usize, phrase: &[&str]) -> Option<usize> {
    let mut merged: Vec<String> = Vec::with_capacity(phrase.len());
    for p in phrase {
        match merged.last_mut() {
            Some(last) if p.starts_with('\'') => last.push_str(p),
            _ => merged.push((*p).to_owned()),
        }
    }
    for (k, p) in merged.iter().enumerate() {
        if words.get(at + k)?.norm != *p {
            return None;
        }
    }
    Some(at + merged.len())
}

/// The names the person answers to: the full name (as one or more words) and the first
/// name, lowercased.
fn person_names(person: &str) -> Vec<String> {
    let full = person.trim().to_lowercase();
    let mut names = vec![full.clone()];
    if let Some(first) = full.split_whitespace().next()
        && first != full
    {
        names.push(first.to_owned());
    }
    names
}

/// Matches a lead made of `name` + `phrase` at the start; gives the word count consumed.
fn name_lead(words: &[Word], name: &str, phrase: &str) -> Option<usize> {
    let mut pattern: Vec<&str> = name.split_whitespace().collect();
    pattern.extend(phrase_words(phrase));
    // "'ll" glues onto the name's last word.
    starts_with_at(words, 0, &pattern)
}

/// How a rule matched: the number of leading words to remove (0 when the phrase stays).
fn rule_matches(rule: &Rule, words: &[Word], ctx: &ClassifyContext<'_>) -> Option<usize> {
    match rule.pattern {
        Pattern::Lead(p) => starts_with_at(words, 0, &phrase_words(p)),
        Pattern::PersonLead(p) => person_names(ctx.person)
            .iter()
            .find_map(|n| name_lead(words, n, p)),
        Pattern::MyNameLead(p) => {
            let me = ctx.my_name?.trim().to_lowercase();
            if me.is_empty() {
                return None;
            }
            person_names(&me)
                .iter()
                .find_map(|n| name_lead(words, n, p))
        }
        Pattern::Start(p) => starts_with_at(words, 0, &phrase_words(p)).map(|_| 0),
        Pattern::Phrase(p) => {
            let pw = phrase_words(p);
            (0..words.len())
                .any(|i| starts_with_at(words, i, &pw).is_some())
                .then_some(0)
        }
        Pattern::QuarterThen(w) => words
            .windows(2)
            .any(|pair| is_quarter(&pair[0].norm).is_some() && pair[1].norm == w)
            .then_some(0),
        Pattern::Imperative => words
            .first()
            .filter(|w| IMPERATIVE_VERBS.contains(&w.norm.as_str()))
            .map(|_| 0),
    }
}

fn is_quarter(word: &str) -> Option<u32> {
    let n = word.strip_prefix('q')?;
    match n {
        "1" => Some(1),
        "2" => Some(2),
        "3" => Some(3),
        "4" => Some(4),
        _ => None,
    }
}

/// Whether `text` starts with an action: an imperative verb or an owner phrase.
fn starts_action(text: &str, ctx: &ClassifyContext<'_>) -> bool {
    let words = words_of(text);
    RULES
        .iter()
        .any(|r| r.kind.is_some_and(NoteKind::is_action) && rule_matches(r, &words, ctx).is_some())
}

/// Splits a note at explicit joins followed by an action; gives each clause's text.
pub fn split_clauses<'t>(text: &'t str, ctx: &ClassifyContext<'_>) -> Vec<&'t str> {
    let mut clauses = Vec::new();
    let mut from = 0;
    let mut search = 0;
    while search < text.len() {
        let next = CLAUSE_JOINS
            .iter()
            .filter_map(|j| text[search..].find(j).map(|p| (search + p, j.len())))
            .min();
        let Some((at, len)) = next else { break };
        let rest = &text[at + len..];
        if starts_action(rest, ctx) {
            let clause = text[from..at].trim();
            if !clause.is_empty() {
                clauses.push(clause);
            }
            from = at + len;
        }
        search = at + len;
    }
    let last = text[from..].trim();
    if !last.is_empty() {
        clauses.push(last);
    }
    clauses
}

/// Capitalises the first letter, leaving every other character as written.
pub fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Classifies a note, one value per clause.
pub fn classify_note(note: &Note, ctx: &ClassifyContext<'_>) -> Vec<Classified> {
    let clauses = split_clauses(&note.text, ctx);
    let clauses = if clauses.is_empty() {
        vec![""]
    } else {
        clauses
    };
    clauses
        .iter()
        .enumerate()
        .map(|(i, clause)| {
            let first = i == 0;
            let mut c = classify_clause(
                clause,
                note.line,
                first.then_some(note.marker).flatten(),
                if first { note.mention.as_deref() } else { None },
                note.priority,
                ctx,
            );
            if first {
                c.details = note.details.clone();
            }
            c
        })
        .collect()
}

fn classify_clause(
    clause: &str,
    line: usize,
    marker: Option<Marker>,
    mention: Option<&str>,
    explicit: Option<u8>,
    ctx: &ClassifyContext<'_>,
) -> Classified {
    let words = words_of(clause);
    let mut best: Option<(&Rule, usize)> = None;
    let mut completion = false;
    let mut urgent = false;
    for rule in RULES {
        let Some(consumed) = rule_matches(rule, &words, ctx) else {
            continue;
        };
        if rule.priority == PriorityRule::Urgent {
            urgent = true;
        }
        match rule.kind {
            Some(NoteKind::Done) => completion = true,
            Some(kind) => {
                let better = best.is_none_or(|(b, _)| {
                    kind.precedence() > b.kind.map_or(0, NoteKind::precedence)
                });
                if better {
                    best = Some((rule, consumed));
                }
            }
            None => {}
        }
    }
    let mut kind = best
        .and_then(|(r, _)| r.kind)
        .unwrap_or(NoteKind::Discussion);
    let mut owner = match best.map(|(r, _)| r.owner) {
        Some(OwnerRule::Me) => Some(Owner::Me),
        Some(OwnerRule::Them) => Some(Owner::Them),
        _ => None,
    };
    let asked = best.is_some_and(|(r, _)| r.priority == PriorityRule::Urgent);
    let lead_end = best
        .map(|(_, n)| n)
        .filter(|&n| n > 0)
        .and_then(|n| words.get(n - 1))
        .map_or(0, |w| w.end);
    // Explicit markers decide the kind outright.
    match marker {
        Some(Marker::Todo) => {
            completion = false;
            kind = NoteKind::MyAction;
            owner = Some(Owner::Me);
        }
        Some(Marker::Goal) => kind = NoteKind::Goal,
        Some(Marker::Win) => kind = NoteKind::Accomplishment,
        Some(Marker::Decision) => kind = NoteKind::Decision,
        Some(Marker::Done) => {
            completion = true;
            if kind.is_action() {
                kind = NoteKind::Discussion;
            }
        }
        None => {}
    }
    if let Some(name) = mention
        && !matches!(
            marker,
            Some(Marker::Done | Marker::Goal | Marker::Win | Marker::Decision)
        )
    {
        let who = mention_owner(name, ctx);
        kind = if who == Owner::Me {
            NoteKind::MyAction
        } else {
            NoteKind::TheirAction
        };
        owner = Some(who);
    }
    if !kind.is_action() {
        owner = None;
    }
    let body = clause[lead_end..].trim_start();
    let body = body.trim_start_matches([',', ':', ';']).trim_start();
    let entry_text = capitalise(body);
    let (text, due) = if kind.is_action() {
        match find_date(body, ctx.meeting) {
            Some(m) => (capitalise(&remove_span(body, m.span)), Some(m.date)),
            None => (entry_text.clone(), None),
        }
    } else {
        (entry_text.clone(), None)
    };
    let priority = kind.is_action().then(|| {
        explicit.unwrap_or_else(|| {
            let soon = due.is_some_and(|d| (d - ctx.meeting).num_days() <= 7);
            if soon || urgent || asked { 1 } else { 2 }
        })
    });
    Classified {
        line,
        kind,
        completion,
        owner,
        text,
        entry_text,
        due,
        priority,
        explicit_priority: explicit.is_some() && kind.is_action(),
        details: Vec::new(),
    }
}

/// `@name`: the person → them, `my_name` → me, anyone else → named.
pub(crate) fn mention_owner(name: &str, ctx: &ClassifyContext<'_>) -> Owner {
    let squash = |s: &str| {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect::<String>()
    };
    let n = squash(name);
    let matches = |full: &str| {
        let first = full.split_whitespace().next().unwrap_or("");
        !n.is_empty() && (n == squash(full) || n == squash(first))
    };
    if matches(ctx.person) {
        Owner::Them
    } else if ctx.my_name.is_some_and(matches) {
        Owner::Me
    } else {
        Owner::Named(capitalise(name))
    }
}

/// A crude stem, enough to match "approved" with "approve" and "courses" with "course".
pub fn stem(word: &str) -> String {
    let mut w = word.to_lowercase().replace('’', "'");
    if let Some(s) = w.strip_suffix("'s") {
        w = s.to_owned();
    }
    let cut = |w: &str, suffix: &str, min: usize| -> Option<String> {
        w.strip_suffix(suffix)
            .filter(|s| s.chars().count() >= min)
            .map(str::to_owned)
    };
    let mut out = if let Some(s) = cut(&w, "ies", 3).or_else(|| cut(&w, "ied", 3)) {
        format!("{s}y")
    } else if let Some(s) = cut(&w, "ing", 3).or_else(|| cut(&w, "ed", 3)) {
        undouble(s)
    } else if let Some(s) = cut(&w, "es", 3) {
        s
    } else if !w.ends_with("ss") && !w.ends_with("us") {
        cut(&w, "s", 3).unwrap_or(w)
    } else {
        w
    };
    if out.chars().count() > 3 && out.ends_with('e') {
        out.pop();
    }
    out
}

fn undouble(mut s: String) -> String {
    let b = s.as_bytes();
    if b.len() >= 2 {
        let (x, y) = (b[b.len() - 2], b[b.len() - 1]);
        if x == y && !matches!(y, b'a' | b'e' | b'i' | b'o' | b'u' | b'l' | b's') {
            s.pop();
        }
    }
    s
}

/// The stemmed significant words of a text: stopwords, numbers-only and markers left out.
pub fn significant_words(text: &str) -> BTreeSet<String> {
    words_of(text)
        .iter()
        .map(|w| w.norm.as_str())
        .filter(|w| !STOPWORDS.contains(w) && w.chars().any(char::is_alphabetic))
        .map(stem)
        .collect()
}

/// The stems of the completion words, which a "done" note need not share with the item.
fn completion_stems() -> BTreeSet<String> {
    RULES
        .iter()
        .filter(|r| r.kind == Some(NoteKind::Done))
        .filter_map(|r| match r.pattern {
            Pattern::Phrase(p) => Some(p),
            _ => None,
        })
        .flat_map(|p| p.split(' '))
        .map(stem)
        .collect()
}

/// Whether a "done" note's words match an action item's text: at least two shared
/// significant words (one when the item has only one), covering at least two thirds of
/// the note's own words (completion words aside).
pub fn done_matches(note_text: &str, item_text: &str) -> bool {
    let item = significant_words(item_text);
    let done_words = completion_stems();
    let note: BTreeSet<String> = significant_words(note_text)
        .into_iter()
        .filter(|w| !done_words.contains(w) || item.contains(w))
        .collect();
    let own: BTreeSet<&String> = note.iter().filter(|w| !done_words.contains(*w)).collect();
    let shared = own.iter().filter(|w| item.contains(**w)).count();
    if own.is_empty() || item.is_empty() {
        return false;
    }
    shared >= 2.min(item.len()) && shared * 3 >= own.len() * 2
}

/// The thread a note goes to: the first routing rule whose keyword occurs as a whole word
/// (`{q}` = a quarter named in the note, else the meeting's), else an existing thread that
/// already holds the topic, else the fallback; an existing thread's spelling is reused.
pub fn route_thread(
    text: &str,
    meeting: NaiveDate,
    settings: &Settings,
    existing: &[Thread],
) -> String {
    let words = words_of(text);
    let quarter = words
        .iter()
        .find_map(|w| is_quarter(&w.norm))
        .unwrap_or_else(|| quarter_of(meeting));
    for rule in &settings.thread_rules {
        let hit = rule.keywords.iter().any(|k| {
            let pw: Vec<String> = k.split_whitespace().map(str::to_lowercase).collect();
            let pw: Vec<&str> = pw.iter().map(String::as_str).collect();
            !pw.is_empty() && (0..words.len()).any(|i| starts_with_at(&words, i, &pw).is_some())
        });
        if hit {
            let name = rule.thread.replace("{q}", &format!("Q{quarter}"));
            return existing_name(&name, existing).unwrap_or(name);
        }
    }
    if let Some(holder) = topic_holder(text, existing) {
        return holder;
    }
    let name = settings.fallback_thread.clone();
    existing_name(&name, existing).unwrap_or(name)
}

fn existing_name(name: &str, existing: &[Thread]) -> Option<String> {
    existing
        .iter()
        .find(|t| t.name.trim().eq_ignore_ascii_case(name.trim()))
        .map(|t| t.name.trim().to_owned())
}

/// An existing thread sharing at least two significant words with the note.
fn topic_holder(text: &str, existing: &[Thread]) -> Option<String> {
    let note = significant_words(text);
    let mut best: Option<(usize, &Thread)> = None;
    for t in existing {
        let mut words = significant_words(&t.name);
        for e in &t.entries {
            words.extend(significant_words(&e.text));
        }
        let shared = note.intersection(&words).count();
        if shared >= 2 && best.is_none_or(|(b, _)| shared > b) {
            best = Some((shared, t));
        }
    }
    best.map(|(_, t)| t.name.trim().to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx() -> ClassifyContext<'static> {
        ClassifyContext {
            person: "Sarah Chen",
            my_name: Some("Alex"),
            meeting: NaiveDate::from_ymd_opt(2026, 1, 15).unwrap(),
        }
    }

    #[test]
    fn clauses_split_only_before_actions() {
        let c = ctx();
        assert_eq!(
            split_clauses("Training budget approved - find courses by next week", &c),
            vec!["Training budget approved", "find courses by next week"]
        );
        assert_eq!(
            split_clauses("Customer X renewal - 2 years, $500K", &c),
            vec!["Customer X renewal - 2 years, $500K"]
        );
        assert_eq!(
            split_clauses("Deck is late; Sarah will chase it", &c),
            vec!["Deck is late", "Sarah will chase it"]
        );
    }

    #[test]
    fn stems_join_word_forms() {
        assert_eq!(stem("approved"), stem("approve"));
        assert_eq!(stem("courses"), stem("course"));
        assert_eq!(stem("shipped"), stem("ship"));
        assert_eq!(stem("training"), stem("train"));
    }

    #[test]
    fn done_matching_needs_shared_words() {
        assert!(done_matches(
            "Training budget approved",
            "Approve training budget"
        ));
        assert!(done_matches(
            "research advisory board",
            "Research customer advisory board best practices"
        ));
        assert!(!done_matches("Budget sent", "Approve training budget"));
        assert!(!done_matches(
            "Sent the deck",
            "Review promotion packet requirements"
        ));
    }
}
