//! The classifier's rules, as data: what a note says → what kind of note it is, whose
//! action, and whether it raises the priority.
//!
//! Each row is one pattern. Words are compared lowercased, with curly apostrophes read as
//! straight ones and surrounding punctuation ignored, so `"She’ll"` matches `she'll` and
//! `goal:` matches `goal`. To teach the classifier a new phrase, add a row; the tests in
//! `tests/notes_rules.rs` check every row.
//!
//! Which kind wins when several rows match is not decided by row order but by the kinds'
//! precedence (see [`NoteKind::precedence`](super::classify::NoteKind::precedence)).

use super::classify::NoteKind;

/// What a rule looks for. Phrases are written lowercase, words separated by one space.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pattern {
    /// The note starts with this phrase, which is an owner phrase and is removed from the
    /// text written ("I'll send the deck" → "Send the deck").
    Lead(&'static str),
    /// The document's person (full name or first name) followed by this phrase, removed
    /// from the text ("Sarah will review…" → "Review…").
    PersonLead(&'static str),
    /// `Settings::my_name` followed by this phrase, removed from the text.
    MyNameLead(&'static str),
    /// The note starts with this phrase, which stays in the text ("Shared the story").
    Start(&'static str),
    /// The phrase occurs anywhere, as whole words.
    Phrase(&'static str),
    /// A quarter (`Q1`..`Q4`) followed by this word anywhere ("Q1 goal").
    QuarterThen(&'static str),
    /// The note starts with an imperative verb from [`IMPERATIVE_VERBS`] ("find 3
    /// courses", "send deck").
    Imperative,
}

/// Whose note it is, as far as the rule can tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OwnerRule {
    /// Says nothing about the owner.
    Unknown,
    /// Mine.
    Me,
    /// The other person's.
    Them,
}

/// What a rule does to the priority.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PriorityRule {
    /// Nothing.
    Keep,
    /// Makes it P1: asked for by the other person, or marked urgent.
    Urgent,
}

/// One row of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// What to look for.
    pub pattern: Pattern,
    /// The kind of note it signals (`None` for rows that only touch the priority).
    pub kind: Option<NoteKind>,
    /// Whose it is.
    pub owner: OwnerRule,
    /// Whether it raises the priority.
    pub priority: PriorityRule,
}

const fn row(pattern: Pattern, kind: NoteKind, owner: OwnerRule, priority: PriorityRule) -> Rule {
    Rule {
        pattern,
        kind: Some(kind),
        owner,
        priority,
    }
}

use NoteKind::{Accomplishment, Decision, Discussion, Done, Goal, MyAction, TheirAction};
use OwnerRule::{Me, Them, Unknown};
use Pattern::{Imperative, Lead, MyNameLead, PersonLead, Phrase, QuarterThen, Start};
use PriorityRule::{Keep, Urgent};

/// The rules. Longer owner phrases come before their prefixes ("she wants me to" before
/// "she"), because the first matching lead is the one removed from the text.
pub const RULES: &[Rule] = &[
    // Asked for by the other person: mine, and P1.
    row(Lead("she wants me to"), MyAction, Me, Urgent),
    row(Lead("he wants me to"), MyAction, Me, Urgent),
    row(Lead("they want me to"), MyAction, Me, Urgent),
    row(PersonLead("wants me to"), MyAction, Me, Urgent),
    row(Lead("she asked me to"), MyAction, Me, Urgent),
    row(Lead("he asked me to"), MyAction, Me, Urgent),
    row(Lead("they asked me to"), MyAction, Me, Urgent),
    row(PersonLead("asked me to"), MyAction, Me, Urgent),
    row(Lead("asked me to"), MyAction, Me, Urgent),
    row(Lead("she'd like me to"), MyAction, Me, Urgent),
    row(Lead("she would like me to"), MyAction, Me, Urgent),
    row(Lead("he'd like me to"), MyAction, Me, Urgent),
    row(Lead("he would like me to"), MyAction, Me, Urgent),
    row(PersonLead("would like me to"), MyAction, Me, Urgent),
    // Mine.
    row(Lead("i'll"), MyAction, Me, Keep),
    row(Lead("i will"), MyAction, Me, Keep),
    row(Lead("i need to"), MyAction, Me, Keep),
    row(Lead("i have to"), MyAction, Me, Keep),
    row(Lead("i must"), MyAction, Me, Keep),
    row(Lead("i should"), MyAction, Me, Keep),
    row(Lead("i'm going to"), MyAction, Me, Keep),
    row(Lead("i am going to"), MyAction, Me, Keep),
    row(Lead("i'm to"), MyAction, Me, Keep),
    row(Lead("i want to"), MyAction, Me, Keep),
    row(Lead("i'd like to"), MyAction, Me, Keep),
    row(Lead("me to"), MyAction, Me, Keep),
    row(Lead("need to"), MyAction, Me, Keep),
    row(Lead("my action"), MyAction, Me, Keep),
    row(MyNameLead("will"), MyAction, Me, Keep),
    row(MyNameLead("'ll"), MyAction, Me, Keep),
    row(MyNameLead("to"), MyAction, Me, Keep),
    row(MyNameLead("is going to"), MyAction, Me, Keep),
    row(Imperative, MyAction, Me, Keep),
    // Theirs.
    row(Lead("she'll"), TheirAction, Them, Keep),
    row(Lead("she will"), TheirAction, Them, Keep),
    row(Lead("she is going to"), TheirAction, Them, Keep),
    row(Lead("she's going to"), TheirAction, Them, Keep),
    row(Lead("she to"), TheirAction, Them, Keep),
    row(Lead("he'll"), TheirAction, Them, Keep),
    row(Lead("he will"), TheirAction, Them, Keep),
    row(Lead("he is going to"), TheirAction, Them, Keep),
    row(Lead("he's going to"), TheirAction, Them, Keep),
    row(Lead("he to"), TheirAction, Them, Keep),
    row(Lead("they'll"), TheirAction, Them, Keep),
    row(Lead("they will"), TheirAction, Them, Keep),
    row(Lead("they are going to"), TheirAction, Them, Keep),
    row(Lead("they're going to"), TheirAction, Them, Keep),
    row(Lead("they to"), TheirAction, Them, Keep),
    row(PersonLead("will"), TheirAction, Them, Keep),
    row(PersonLead("'ll"), TheirAction, Them, Keep),
    row(PersonLead("is going to"), TheirAction, Them, Keep),
    row(PersonLead("to"), TheirAction, Them, Keep),
    row(PersonLead("needs to"), TheirAction, Them, Keep),
    // Goals.
    row(QuarterThen("goal"), Goal, Unknown, Keep),
    row(QuarterThen("goals"), Goal, Unknown, Keep),
    row(QuarterThen("okr"), Goal, Unknown, Keep),
    row(QuarterThen("objective"), Goal, Unknown, Keep),
    row(Start("goal"), Goal, Unknown, Keep),
    row(Start("new goal"), Goal, Unknown, Keep),
    row(Start("objective"), Goal, Unknown, Keep),
    row(Phrase("okr"), Goal, Unknown, Keep),
    row(Phrase("okrs"), Goal, Unknown, Keep),
    row(Phrase("goal set"), Goal, Unknown, Keep),
    row(Phrase("goal is"), Goal, Unknown, Keep),
    // Accomplishments shared.
    row(Start("shared"), Accomplishment, Unknown, Keep),
    row(Start("presented"), Accomplishment, Unknown, Keep),
    row(Phrase("loved"), Accomplishment, Unknown, Keep),
    row(Phrase("praised"), Accomplishment, Unknown, Keep),
    row(Phrase("kudos"), Accomplishment, Unknown, Keep),
    row(Phrase("shoutout"), Accomplishment, Unknown, Keep),
    row(Phrase("shout-out"), Accomplishment, Unknown, Keep),
    row(Phrase("great feedback"), Accomplishment, Unknown, Keep),
    row(Phrase("positive feedback"), Accomplishment, Unknown, Keep),
    row(Phrase("impressed"), Accomplishment, Unknown, Keep),
    row(Phrase("launched"), Accomplishment, Unknown, Keep),
    row(Phrase("closed"), Accomplishment, Unknown, Keep),
    row(Phrase("exceeded"), Accomplishment, Unknown, Keep),
    row(Phrase("won"), Accomplishment, Unknown, Keep),
    row(Phrase("win"), Accomplishment, Unknown, Keep),
    // Decisions and approvals.
    row(Phrase("approved"), Decision, Unknown, Keep),
    row(Phrase("approval"), Decision, Unknown, Keep),
    row(Phrase("decided"), Decision, Unknown, Keep),
    row(Phrase("decision"), Decision, Unknown, Keep),
    row(Phrase("agreed"), Decision, Unknown, Keep),
    row(Phrase("signed off"), Decision, Unknown, Keep),
    row(Phrase("greenlit"), Decision, Unknown, Keep),
    row(Phrase("green-lit"), Decision, Unknown, Keep),
    row(Phrase("confirmed"), Decision, Unknown, Keep),
    // Completion words: "done" when they match exactly one open item.
    row(Phrase("done"), Done, Unknown, Keep),
    row(Phrase("finished"), Done, Unknown, Keep),
    row(Phrase("completed"), Done, Unknown, Keep),
    row(Phrase("sent"), Done, Unknown, Keep),
    row(Phrase("shipped"), Done, Unknown, Keep),
    row(Phrase("approved"), Done, Unknown, Keep),
    row(Phrase("submitted"), Done, Unknown, Keep),
    row(Phrase("merged"), Done, Unknown, Keep),
    row(Phrase("delivered"), Done, Unknown, Keep),
    row(Phrase("resolved"), Done, Unknown, Keep),
    row(Phrase("closed"), Done, Unknown, Keep),
    row(Phrase("fixed"), Done, Unknown, Keep),
    row(Phrase("signed off"), Done, Unknown, Keep),
    row(Phrase("wrapped up"), Done, Unknown, Keep),
    row(Phrase("handled"), Done, Unknown, Keep),
    row(Phrase("booked"), Done, Unknown, Keep),
    row(Phrase("scheduled"), Done, Unknown, Keep),
    row(Phrase("published"), Done, Unknown, Keep),
    row(Phrase("reviewed"), Done, Unknown, Keep),
    row(Phrase("researched"), Done, Unknown, Keep),
    row(Phrase("drafted"), Done, Unknown, Keep),
    row(Phrase("implemented"), Done, Unknown, Keep),
    row(Phrase("launched"), Done, Unknown, Keep),
    // Discussion (the default; listed so the table reads as the whole story).
    row(Start("talked about"), Discussion, Unknown, Keep),
    row(Start("discussed"), Discussion, Unknown, Keep),
    row(Start("chatted about"), Discussion, Unknown, Keep),
    // Priority only.
    Rule {
        pattern: Phrase("urgent"),
        kind: None,
        owner: Unknown,
        priority: Urgent,
    },
    Rule {
        pattern: Phrase("asap"),
        kind: None,
        owner: Unknown,
        priority: Urgent,
    },
    Rule {
        pattern: Phrase("urgently"),
        kind: None,
        owner: Unknown,
        priority: Urgent,
    },
];

/// Verbs that, first in a note, make it an action of mine ("find 3 courses").
pub const IMPERATIVE_VERBS: &[&str] = &[
    "add",
    "apply",
    "approve",
    "arrange",
    "ask",
    "book",
    "build",
    "buy",
    "call",
    "check",
    "clarify",
    "collect",
    "compile",
    "complete",
    "confirm",
    "connect",
    "contact",
    "coordinate",
    "create",
    "define",
    "deliver",
    "deploy",
    "do",
    "document",
    "draft",
    "email",
    "enroll",
    "escalate",
    "explore",
    "file",
    "fill",
    "find",
    "finish",
    "fix",
    "follow",
    "gather",
    "get",
    "identify",
    "investigate",
    "lead",
    "look",
    "make",
    "message",
    "nominate",
    "organise",
    "organize",
    "outline",
    "ping",
    "plan",
    "post",
    "prep",
    "prepare",
    "present",
    "propose",
    "publish",
    "reach",
    "read",
    "register",
    "renew",
    "reply",
    "research",
    "respond",
    "review",
    "schedule",
    "send",
    "set",
    "share",
    "ship",
    "sign",
    "start",
    "submit",
    "summarise",
    "summarize",
    "sync",
    "take",
    "test",
    "update",
    "write",
];

/// Joins at which a note may hold a second clause: only when what follows is an action
/// ("Training budget approved - find courses by next week").
pub const CLAUSE_JOINS: &[&str] = &[" - ", " – ", " — ", "; "];

/// Words that carry no meaning when matching a "done" note to an open item.
pub const STOPWORDS: &[&str] = &[
    "a", "about", "all", "an", "and", "are", "as", "at", "be", "been", "by", "for", "from", "has",
    "have", "he", "her", "his", "i", "i'll", "in", "is", "it", "its", "me", "my", "of", "on", "or",
    "our", "she", "so", "that", "the", "their", "them", "they", "this", "to", "up", "was", "we",
    "were", "will", "with", "you", "your",
];
