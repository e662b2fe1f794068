//! The classifier's rules, as data: what a note says → what kind of note it is, whose
//! action, and whether it raises the priority; the labels a note may start with; and the
//! word lists (stop words, completion words, verbs that are not orders at the start of a
//! note). The base-form verbs and irregular past forms are data files (see
//! [`super::words`]).
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
    /// Any person's name (a capitalised word that is not a common word) followed by this
    /// phrase, removed from the text; the name is the owner ("Sam to escalate").
    NameLead(&'static str),
    /// The first phrase, a name, the second phrase, all removed: "promised Dan I'd review
    /// his RFC" → mine, "Review his RFC".
    AroundName(&'static str, &'static str),
    /// A name or she/he/they, then this phrase, and "from me" later: the other person
    /// asks me for something ("Maria needs the slides from me"); the text stays whole.
    FromMe(&'static str),
    /// The note starts with this phrase, which stays in the text ("Shared the story").
    Start(&'static str),
    /// An achievement in the past tense at the start, bare or after "I"/"we" ("shipped
    /// the search rewrite", "I closed the Initech deal"); for a report, also after
    /// he/she/they or the person's name ("he presented the outage review").
    Achieved(&'static str),
    /// "I" or "we" (for a report, also he/she/they or their name), then a verb in the past
    /// tense that is not one of [`NOT_ACHIEVED`]: something done ("I fixed the SSO bug",
    /// "we migrated the last tenant").
    IDid,
    /// A measure moved the good way by a figure: one of [`GOOD_WHEN_UP`] then "up",
    /// "increased"… or one of [`GOOD_WHEN_DOWN`] then "down", "dropped"…, with a number
    /// ("CSAT up to 94%", "escalations down 20% since the new triage flow"). "churn up 5%"
    /// is news, not a win.
    Improved,
    /// The phrase occurs anywhere, as whole words.
    Phrase(&'static str),
    /// A quarter (`Q1`..`Q4`) followed by this word anywhere ("Q1 goal").
    QuarterThen(&'static str),
    /// This phrase, then an imperative verb; the phrase is removed ("gonna write the RFC"
    /// → "Write the RFC"), and without the verb nothing matches ("going to be late").
    LeadOrder(&'static str),
    /// A name (the person's, mine, or anyone's) followed by this phrase; the words stay
    /// ("Dana wants to get better at demos").
    NameThen(&'static str),
    /// A name or she/he/they, this verb, a thing (not "to …" or "me to …") and a date
    /// phrase: the other person wants something from me by then ("Sam wants a draft by
    /// EOW" → mine, "A draft for Sam"). Without a date it is talk ("Sam wants a raise").
    WantedBy(&'static str),
    /// The note starts with an imperative verb: a base-form verb of `data/verbs.txt` that
    /// is not one of [`NOT_IMPERATIVE`] and is not the head of a noun phrase ("find 3
    /// courses", "send deck", "reconcile the Q3 invoices").
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
    /// Whoever the rule's name is (the person's → theirs, my name → mine, else named).
    Named,
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

const fn urgent(pattern: Pattern) -> Rule {
    Rule {
        pattern,
        kind: None,
        owner: OwnerRule::Unknown,
        priority: PriorityRule::Urgent,
    }
}

use NoteKind::{Accomplishment, Decision, Discussion, Done, Goal, MyAction, TheirAction};
use OwnerRule::{Me, Named, Them, Unknown};
use Pattern::{
    Achieved, AroundName, FromMe, IDid, Imperative, Improved, Lead, LeadOrder, MyNameLead,
    NameLead, NameThen, PersonLead, Phrase, QuarterThen, Start, WantedBy,
};
use PriorityRule::{Keep, Urgent};

/// The rules. Longer owner phrases come before their prefixes ("she wants me to" before
/// "she"), because the first matching lead is the one removed from the text.
pub const RULES: &[Rule] = &[
    // Asked for by the other person: mine, and P1.
    row(Lead("she wants me to"), MyAction, Me, Urgent),
    row(Lead("he wants me to"), MyAction, Me, Urgent),
    row(Lead("they want me to"), MyAction, Me, Urgent),
    row(Lead("wants me to"), MyAction, Me, Urgent),
    row(Lead("would like me to"), MyAction, Me, Urgent),
    row(PersonLead("wants me to"), MyAction, Me, Urgent),
    row(Lead("she asked me to"), MyAction, Me, Urgent),
    row(Lead("he asked me to"), MyAction, Me, Urgent),
    row(Lead("they asked me to"), MyAction, Me, Urgent),
    row(PersonLead("asked me to"), MyAction, Me, Urgent),
    row(Lead("she asked if i could"), MyAction, Me, Urgent),
    row(Lead("he asked if i could"), MyAction, Me, Urgent),
    row(Lead("they asked if i could"), MyAction, Me, Urgent),
    row(PersonLead("asked if i could"), MyAction, Me, Urgent),
    row(Lead("asked if i could"), MyAction, Me, Urgent),
    row(Lead("asked me to"), MyAction, Me, Urgent),
    row(Lead("she'd like me to"), MyAction, Me, Urgent),
    row(Lead("she would like me to"), MyAction, Me, Urgent),
    row(Lead("he'd like me to"), MyAction, Me, Urgent),
    row(Lead("he would like me to"), MyAction, Me, Urgent),
    row(PersonLead("would like me to"), MyAction, Me, Urgent),
    row(Lead("can you"), MyAction, Me, Urgent),
    row(Lead("could you"), MyAction, Me, Urgent),
    row(FromMe("needs"), MyAction, Me, Urgent),
    row(FromMe("wants"), MyAction, Me, Urgent),
    row(FromMe("asked for"), MyAction, Me, Urgent),
    row(FromMe("is waiting on"), MyAction, Me, Urgent),
    row(FromMe("expects"), MyAction, Me, Urgent),
    row(WantedBy("wants"), MyAction, Me, Urgent),
    row(WantedBy("would like"), MyAction, Me, Urgent),
    row(WantedBy("'d like"), MyAction, Me, Urgent),
    row(WantedBy("asked for"), MyAction, Me, Urgent),
    row(WantedBy("needs"), MyAction, Me, Urgent),
    row(WantedBy("would love"), MyAction, Me, Urgent),
    // Someone other than the person asks me: mine, priority as usual.
    row(NameLead("wants me to"), MyAction, Me, Keep),
    row(NameLead("asked me to"), MyAction, Me, Keep),
    row(NameLead("asked if i could"), MyAction, Me, Keep),
    // Mine.
    row(AroundName("promised", "i'd"), MyAction, Me, Keep),
    row(AroundName("promised", "i would"), MyAction, Me, Keep),
    row(AroundName("promised", "i'll"), MyAction, Me, Keep),
    row(AroundName("told", "i'd"), MyAction, Me, Keep),
    row(AroundName("told", "i'll"), MyAction, Me, Keep),
    row(AroundName("i promised", "i'd"), MyAction, Me, Keep),
    row(AroundName("i told", "i'd"), MyAction, Me, Keep),
    // Someone owes me a thing: "waiting on Sarah for the budget sign-off".
    row(AroundName("waiting on", "for"), TheirAction, Named, Keep),
    row(
        AroundName("still waiting on", "for"),
        TheirAction,
        Named,
        Keep,
    ),
    row(Lead("i promised to"), MyAction, Me, Keep),
    row(Lead("promised to"), MyAction, Me, Keep),
    row(Lead("i'll"), MyAction, Me, Keep),
    row(Lead("i will"), MyAction, Me, Keep),
    row(Lead("i need to"), MyAction, Me, Keep),
    row(Lead("i have to"), MyAction, Me, Keep),
    row(Lead("i must"), MyAction, Me, Keep),
    row(Lead("i should"), MyAction, Me, Keep),
    row(Lead("i'm going to"), MyAction, Me, Keep),
    row(Lead("i am going to"), MyAction, Me, Keep),
    row(Lead("i'm to"), MyAction, Me, Keep),
    row(Lead("i owe her"), MyAction, Me, Keep),
    row(Lead("i owe him"), MyAction, Me, Keep),
    row(Lead("i owe them"), MyAction, Me, Keep),
    row(Lead("i owe"), MyAction, Me, Keep),
    row(Lead("me to"), MyAction, Me, Keep),
    row(Lead("need to"), MyAction, Me, Keep),
    row(Lead("my action"), MyAction, Me, Keep),
    row(Lead("let me"), MyAction, Me, Keep),
    // Advice taken as an order: "she suggested I write a vision doc".
    row(LeadOrder("she suggested i"), MyAction, Me, Keep),
    row(LeadOrder("he suggested i"), MyAction, Me, Keep),
    row(LeadOrder("they suggested i"), MyAction, Me, Keep),
    row(LeadOrder("she recommended i"), MyAction, Me, Keep),
    row(LeadOrder("he recommended i"), MyAction, Me, Keep),
    // The subject dropped, as people type: "gonna write the RFC", "will send the notes".
    row(LeadOrder("i'm gonna"), MyAction, Me, Keep),
    row(LeadOrder("gonna"), MyAction, Me, Keep),
    row(LeadOrder("going to"), MyAction, Me, Keep),
    row(LeadOrder("will"), MyAction, Me, Keep),
    row(LeadOrder("should"), MyAction, Me, Keep),
    row(LeadOrder("must"), MyAction, Me, Keep),
    row(Lead("please"), MyAction, Me, Keep),
    row(Lead("pls"), MyAction, Me, Keep),
    row(Lead("plz"), MyAction, Me, Keep),
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
    row(Lead("she offered to"), TheirAction, Them, Keep),
    row(Lead("she agreed to"), TheirAction, Them, Keep),
    row(Lead("she promised to"), TheirAction, Them, Keep),
    row(Lead("she said she'd"), TheirAction, Them, Keep),
    row(Lead("she said she'll"), TheirAction, Them, Keep),
    row(Lead("she mentioned she'd"), TheirAction, Them, Keep),
    row(LeadOrder("she should"), TheirAction, Them, Keep),
    row(Lead("she needs to"), TheirAction, Them, Keep),
    row(Lead("he'll"), TheirAction, Them, Keep),
    row(Lead("he will"), TheirAction, Them, Keep),
    row(Lead("he is going to"), TheirAction, Them, Keep),
    row(Lead("he's going to"), TheirAction, Them, Keep),
    row(Lead("he to"), TheirAction, Them, Keep),
    row(Lead("he offered to"), TheirAction, Them, Keep),
    row(Lead("he agreed to"), TheirAction, Them, Keep),
    row(Lead("he promised to"), TheirAction, Them, Keep),
    row(Lead("he said he'd"), TheirAction, Them, Keep),
    row(Lead("he said he'll"), TheirAction, Them, Keep),
    row(Lead("he mentioned he'd"), TheirAction, Them, Keep),
    row(LeadOrder("he should"), TheirAction, Them, Keep),
    row(Lead("he needs to"), TheirAction, Them, Keep),
    row(Lead("they'll"), TheirAction, Them, Keep),
    row(Lead("they will"), TheirAction, Them, Keep),
    row(Lead("they are going to"), TheirAction, Them, Keep),
    row(Lead("they're going to"), TheirAction, Them, Keep),
    row(Lead("they to"), TheirAction, Them, Keep),
    row(Lead("they offered to"), TheirAction, Them, Keep),
    row(Lead("they agreed to"), TheirAction, Them, Keep),
    row(LeadOrder("they should"), TheirAction, Them, Keep),
    row(Lead("they need to"), TheirAction, Them, Keep),
    row(PersonLead("will"), TheirAction, Them, Keep),
    row(PersonLead("'ll"), TheirAction, Them, Keep),
    row(PersonLead("is going to"), TheirAction, Them, Keep),
    row(PersonLead("'s going to"), TheirAction, Them, Keep),
    row(PersonLead("to"), TheirAction, Them, Keep),
    row(PersonLead("needs to"), TheirAction, Them, Keep),
    row(PersonLead("should"), TheirAction, Them, Keep),
    row(NameLead("mentioned she'd"), TheirAction, Named, Keep),
    row(NameLead("mentioned he'd"), TheirAction, Named, Keep),
    row(NameLead("mentioned they'd"), TheirAction, Named, Keep),
    row(NameLead("mentioned she would"), TheirAction, Named, Keep),
    row(NameLead("mentioned he would"), TheirAction, Named, Keep),
    row(NameLead("mentioned she'll"), TheirAction, Named, Keep),
    row(NameLead("mentioned he'll"), TheirAction, Named, Keep),
    row(NameLead("said she'd"), TheirAction, Named, Keep),
    row(NameLead("said he'd"), TheirAction, Named, Keep),
    row(NameLead("said they'd"), TheirAction, Named, Keep),
    row(NameLead("said she'll"), TheirAction, Named, Keep),
    row(NameLead("said he'll"), TheirAction, Named, Keep),
    row(NameLead("said she would"), TheirAction, Named, Keep),
    row(NameLead("said he would"), TheirAction, Named, Keep),
    row(NameLead("offered to"), TheirAction, Named, Keep),
    row(NameLead("agreed to"), TheirAction, Named, Keep),
    row(NameLead("promised to"), TheirAction, Named, Keep),
    row(NameLead("is going to"), TheirAction, Named, Keep),
    row(NameLead("'s going to"), TheirAction, Named, Keep),
    row(NameLead("needs to"), TheirAction, Named, Keep),
    row(NameLead("should"), TheirAction, Named, Keep),
    row(NameLead("will"), TheirAction, Named, Keep),
    row(NameLead("'ll"), TheirAction, Named, Keep),
    row(NameLead("to"), TheirAction, Named, Keep),
    // Goals.
    row(QuarterThen("goal"), Goal, Unknown, Keep),
    row(QuarterThen("goals"), Goal, Unknown, Keep),
    row(QuarterThen("okr"), Goal, Unknown, Keep),
    row(QuarterThen("objective"), Goal, Unknown, Keep),
    row(Start("goal"), Goal, Unknown, Keep),
    row(Start("new goal"), Goal, Unknown, Keep),
    row(Start("objective"), Goal, Unknown, Keep),
    row(Start("my goal"), Goal, Unknown, Keep),
    row(Start("want to"), Goal, Unknown, Keep),
    row(Start("wants to"), Goal, Unknown, Keep),
    row(Start("i want to"), Goal, Unknown, Keep),
    row(Start("he wants to"), Goal, Unknown, Keep),
    row(Start("she wants to"), Goal, Unknown, Keep),
    row(Start("they want to"), Goal, Unknown, Keep),
    row(Start("he'd like to"), Goal, Unknown, Keep),
    row(Start("she'd like to"), Goal, Unknown, Keep),
    row(Start("i'd like to"), Goal, Unknown, Keep),
    row(Start("i would like to"), Goal, Unknown, Keep),
    row(Start("i'd love to"), Goal, Unknown, Keep),
    row(Start("would love to"), Goal, Unknown, Keep),
    row(Start("hoping to"), Goal, Unknown, Keep),
    row(Start("i hope to"), Goal, Unknown, Keep),
    row(Start("aiming to"), Goal, Unknown, Keep),
    row(Start("aim to"), Goal, Unknown, Keep),
    row(Start("i aim to"), Goal, Unknown, Keep),
    row(Start("aspire to"), Goal, Unknown, Keep),
    row(Start("he hopes to"), Goal, Unknown, Keep),
    row(Start("she hopes to"), Goal, Unknown, Keep),
    row(NameThen("wants to"), Goal, Unknown, Keep),
    row(NameThen("would like to"), Goal, Unknown, Keep),
    row(NameThen("hopes to"), Goal, Unknown, Keep),
    row(NameThen("aims to"), Goal, Unknown, Keep),
    row(Phrase("okr"), Goal, Unknown, Keep),
    row(Phrase("okrs"), Goal, Unknown, Keep),
    row(Phrase("goal set"), Goal, Unknown, Keep),
    row(Phrase("goal is"), Goal, Unknown, Keep),
    row(Phrase("goal for"), Goal, Unknown, Keep),
    row(Phrase("be promoted"), Goal, Unknown, Keep),
    row(Phrase("get promoted"), Goal, Unknown, Keep),
    // Accomplishments shared.
    row(Start("shared"), Accomplishment, Unknown, Keep),
    row(Start("i shared"), Accomplishment, Unknown, Keep),
    row(Achieved("shipped"), Accomplishment, Unknown, Keep),
    row(Achieved("launched"), Accomplishment, Unknown, Keep),
    row(Achieved("closed"), Accomplishment, Unknown, Keep),
    row(Achieved("won"), Accomplishment, Unknown, Keep),
    row(Achieved("landed"), Accomplishment, Unknown, Keep),
    row(Achieved("presented"), Accomplishment, Unknown, Keep),
    row(Achieved("led"), Accomplishment, Unknown, Keep),
    row(Achieved("delivered"), Accomplishment, Unknown, Keep),
    row(Achieved("released"), Accomplishment, Unknown, Keep),
    row(Achieved("exceeded"), Accomplishment, Unknown, Keep),
    row(Achieved("achieved"), Accomplishment, Unknown, Keep),
    row(Achieved("secured"), Accomplishment, Unknown, Keep),
    row(Achieved("signed"), Accomplishment, Unknown, Keep),
    row(Achieved("hit"), Accomplishment, Unknown, Keep),
    row(Achieved("beat"), Accomplishment, Unknown, Keep),
    row(Achieved("earned"), Accomplishment, Unknown, Keep),
    row(Achieved("built"), Accomplishment, Unknown, Keep),
    row(Achieved("drove"), Accomplishment, Unknown, Keep),
    row(Achieved("saved"), Accomplishment, Unknown, Keep),
    row(Achieved("grew"), Accomplishment, Unknown, Keep),
    row(Achieved("mentored"), Accomplishment, Unknown, Keep),
    row(Achieved("handled"), Accomplishment, Unknown, Keep),
    row(Achieved("resolved"), Accomplishment, Unknown, Keep),
    row(Achieved("nailed"), Accomplishment, Unknown, Keep),
    row(Achieved("crushed"), Accomplishment, Unknown, Keep),
    row(Achieved("aced"), Accomplishment, Unknown, Keep),
    row(Achieved("got promoted"), Accomplishment, Unknown, Keep),
    row(IDid, Accomplishment, Unknown, Keep),
    row(Improved, Accomplishment, Unknown, Keep),
    row(Phrase("loved"), Accomplishment, Unknown, Keep),
    row(Phrase("praised"), Accomplishment, Unknown, Keep),
    row(Phrase("praise"), Accomplishment, Unknown, Keep),
    row(Phrase("kudos"), Accomplishment, Unknown, Keep),
    row(Phrase("shoutout"), Accomplishment, Unknown, Keep),
    row(Phrase("shout-out"), Accomplishment, Unknown, Keep),
    row(Phrase("shout out"), Accomplishment, Unknown, Keep),
    row(Phrase("great feedback"), Accomplishment, Unknown, Keep),
    row(Phrase("positive feedback"), Accomplishment, Unknown, Keep),
    row(Phrase("impressed"), Accomplishment, Unknown, Keep),
    row(Phrase("recognized"), Accomplishment, Unknown, Keep),
    row(Phrase("recognised"), Accomplishment, Unknown, Keep),
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
    row(Start("we go with"), Decision, Unknown, Keep),
    row(Start("going with"), Decision, Unknown, Keep),
    // Completion words: "done" when they match one open item.
    row(Phrase("done"), Done, Unknown, Keep),
    row(Phrase("finished"), Done, Unknown, Keep),
    row(Phrase("completed"), Done, Unknown, Keep),
    row(Phrase("complete"), Done, Unknown, Keep),
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
    row(Phrase("happened"), Done, Unknown, Keep),
    row(Phrase("went out"), Done, Unknown, Keep),
    row(Phrase("went live"), Done, Unknown, Keep),
    row(Phrase("is live"), Done, Unknown, Keep),
    row(Phrase("taken care of"), Done, Unknown, Keep),
    row(Phrase("finalized"), Done, Unknown, Keep),
    row(Phrase("finalised"), Done, Unknown, Keep),
    row(Phrase("knocked out"), Done, Unknown, Keep),
    row(Phrase("reviewed"), Done, Unknown, Keep),
    row(Phrase("researched"), Done, Unknown, Keep),
    row(Phrase("drafted"), Done, Unknown, Keep),
    row(Phrase("implemented"), Done, Unknown, Keep),
    row(Phrase("launched"), Done, Unknown, Keep),
    row(Phrase("✅"), Done, Unknown, Keep),
    row(Phrase("✔"), Done, Unknown, Keep),
    row(Phrase("✔️"), Done, Unknown, Keep),
    // Discussion (the default; listed so the table reads as the whole story).
    row(Start("talked about"), Discussion, Unknown, Keep),
    row(Start("discussed"), Discussion, Unknown, Keep),
    row(Start("chatted about"), Discussion, Unknown, Keep),
    row(Start("blocked on"), Discussion, Unknown, Keep),
    row(Start("waiting on"), Discussion, Unknown, Keep),
    // Priority only.
    urgent(Phrase("urgent")),
    urgent(Phrase("asap")),
    urgent(Phrase("urgently")),
];

/// Past tenses that report talk, trouble, a wish or a decision, not an achievement, after
/// "I"/"we" or a report's "she" ("we agreed that…" is a decision, "she seemed tired" a
/// remark).
pub const NOT_ACHIEVED: &[&str] = &[
    "agreed",
    "aligned",
    "approved",
    "asked",
    "chatted",
    "confirmed",
    "decided",
    "discussed",
    "failed",
    "felt",
    "forgot",
    "heard",
    "lost",
    "mentioned",
    "met",
    "missed",
    "said",
    "struggled",
    "talked",
    "thought",
    "told",
    "wondered",
    "worried",
    "complained",
    "joined",
    "left",
    "looked",
    "moved",
    "needed",
    "noted",
    "noticed",
    "proposed",
    "raised",
    "seemed",
    "sounded",
    "suggested",
    "tried",
    "wanted",
];

/// Words that say an item is finished whatever it was ("book the venue - done"): unlike
/// the other completion words, they also make a note that starts with a verb a done note
/// rather than an order.
pub const STATUS_WORDS: &[&str] = &["done", "finished", "completed", "✅", "✔", "✔️"];

/// Words that take back a completion ("half written", "not sent yet", "almost done"): a
/// note holding one ticks nothing.
pub const NOT_DONE_WORDS: &[&str] = &[
    "almost",
    "halfway",
    "half",
    "nearly",
    "not",
    "partially",
    "partly",
    "pending",
    "still",
    "yet",
    "wip",
    "ongoing",
    "isn't",
    "hasn't",
    "haven't",
    "wasn't",
    "didn't",
    "won't",
    "never",
    "started",
    "starting",
    "progress",
    "mostly",
];

/// What a label at the start of a note says about the rest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabelKind {
    /// An action: mine unless the rest names another owner.
    Action,
    /// Priority P1.
    Urgent,
    /// A due date: the phrase, resolved as the notes' date phrases are.
    Due(&'static str),
    /// A goal.
    Goal,
    /// An accomplishment shared.
    Win,
    /// Something finished.
    Done,
    /// A decision.
    Decision,
    /// A thread entry, whatever the rest reads as.
    Discussion,
    /// Advice or feedback given: a thread entry whose orders are what was said ("tip: write
    /// a brag doc"), not tasks; only an owner phrase after it makes one ("… - I'll pair
    /// with him").
    Advice,
}

/// A label a note may start with: `Label:` (case-insensitive, `**bold**` or not).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Label {
    /// The label's words, lowercase.
    pub name: &'static str,
    /// What it says.
    pub kind: LabelKind,
    /// Whether it stays in the text written: labels whose meaning the destination cannot
    /// show (Decision, Blocker, Question...) stay; those it already says are dropped.
    pub keep: bool,
    /// Whether it counts without a colon too (`TODO book the dinner`).
    pub bare: bool,
}

const fn label(name: &'static str, kind: LabelKind, keep: bool) -> Label {
    Label {
        name,
        kind,
        keep,
        bare: false,
    }
}

const fn bare(name: &'static str, kind: LabelKind) -> Label {
    Label {
        name,
        kind,
        keep: false,
        bare: true,
    }
}

/// The labels. Longer ones come before their prefixes ("action item" before "action").
pub const LABELS: &[Label] = &[
    bare("todo", LabelKind::Action),
    bare("to-do", LabelKind::Action),
    label("to do", LabelKind::Action, false),
    label("action items", LabelKind::Action, false),
    label("action item", LabelKind::Action, false),
    label("action points", LabelKind::Action, false),
    label("action point", LabelKind::Action, false),
    label("action", LabelKind::Action, false),
    label("ai", LabelKind::Action, false),
    label("ap", LabelKind::Action, false),
    label("next steps", LabelKind::Action, false),
    label("next step", LabelKind::Action, false),
    label("note to self", LabelKind::Action, false),
    label("remind myself", LabelKind::Action, false),
    label("reminder", LabelKind::Action, false),
    label("my homework", LabelKind::Action, false),
    label("homework", LabelKind::Action, false),
    label("follow-up", LabelKind::Action, false),
    label("follow up", LabelKind::Action, false),
    label("followup", LabelKind::Action, false),
    label("urgent", LabelKind::Urgent, false),
    label("top priority", LabelKind::Urgent, false),
    label("high priority", LabelKind::Urgent, false),
    label("priority", LabelKind::Urgent, false),
    label("asap", LabelKind::Urgent, false),
    label("important", LabelKind::Urgent, false),
    label("eod", LabelKind::Due("eod"), false),
    label("eow", LabelKind::Due("eow"), false),
    label("eom", LabelKind::Due("eom"), false),
    label("eoq", LabelKind::Due("eoq"), false),
    label("goal", LabelKind::Goal, false),
    label("okr", LabelKind::Goal, false),
    label("objective", LabelKind::Goal, false),
    label("kr", LabelKind::Goal, false),
    label("win", LabelKind::Win, false),
    label("kudos", LabelKind::Win, true),
    label("praise", LabelKind::Win, true),
    label("shoutout", LabelKind::Win, true),
    label("shout-out", LabelKind::Win, true),
    bare("done", LabelKind::Done),
    label("completed", LabelKind::Done, false),
    label("finished", LabelKind::Done, false),
    label("decision", LabelKind::Decision, true),
    label("decided", LabelKind::Decision, true),
    label("agreed", LabelKind::Decision, true),
    label("blocker", LabelKind::Discussion, true),
    label("blocked", LabelKind::Discussion, true),
    label("risk", LabelKind::Discussion, true),
    label("question", LabelKind::Discussion, true),
    label("q", LabelKind::Discussion, true),
    label("idea", LabelKind::Discussion, true),
    label("feedback", LabelKind::Advice, true),
    // Advice and remarks: what someone said, not a task ("mentor tip: write a brag doc").
    label("advice", LabelKind::Advice, true),
    label("tips", LabelKind::Advice, true),
    label("tip", LabelKind::Advice, true),
    label("suggestion", LabelKind::Advice, true),
    label("recommendation", LabelKind::Advice, true),
    label("takeaways", LabelKind::Advice, true),
    label("takeaway", LabelKind::Advice, true),
    label("lessons", LabelKind::Advice, true),
    label("lesson", LabelKind::Advice, true),
    label("concern", LabelKind::Discussion, true),
    label("fyi", LabelKind::Discussion, true),
];

/// The label of the meeting's topics line (`Topics: career path, advisory board`).
pub const TOPICS_LABEL: &str = "topics";

/// Joins at which a note may hold a second clause: only when what follows is an action
/// ("Training budget approved - find courses by next week").
pub const CLAUSE_JOINS: &[&str] = &[" - ", " – ", " — ", "->", "=>", "→", "; ", ", ", ": "];

/// Sentence openers that say how, not what ("Long-term, I'd like to lead…"): before a
/// comma at the start of a note that no rule recognises, the rules read what follows.
pub const SENTENCE_OPENERS: &[&str] = &[
    "also",
    "btw",
    "eventually",
    "frankly",
    "fwiw",
    "generally",
    "honestly",
    "ideally",
    "long term",
    "long-term",
    "longer term",
    "longer-term",
    "overall",
    "personally",
    "separately",
    "short term",
    "short-term",
    "ultimately",
];

/// Adverbs people put between the subject (often dropped) and "need to", "should",
/// "must" or "will" ("really need to fix the flaky test", "I'll def send it"): an owner
/// phrase reads through them, and they leave the text with it.
pub const MODAL_ADVERBS: &[&str] = &[
    "absolutely",
    "actually",
    "also",
    "badly",
    "certainly",
    "def",
    "deffo",
    "definitely",
    "defo",
    "desperately",
    "honestly",
    "just",
    "prob",
    "probably",
    "probs",
    "really",
    "seriously",
    "still",
    "surely",
    "totally",
    "truly",
    "urgently",
];

/// Measures that are better higher.
pub const GOOD_WHEN_UP: &[&str] = &[
    "arr",
    "conversion",
    "coverage",
    "csat",
    "engagement",
    "mrr",
    "nps",
    "nrr",
    "pipeline",
    "quota",
    "retention",
    "revenue",
    "sales",
    "signups",
    "throughput",
    "uptime",
    "velocity",
];

/// Measures that are better lower.
pub const GOOD_WHEN_DOWN: &[&str] = &[
    "backlog",
    "bugs",
    "churn",
    "cost",
    "costs",
    "errors",
    "escalations",
    "incidents",
    "latency",
    "mttr",
    "p50",
    "p95",
    "p99",
    "pages",
    "spend",
    "tickets",
    "toil",
];

/// Words that say a measure went up.
pub const RISE_WORDS: &[&str] = &["up", "increased", "rose", "grew", "improved", "climbed"];

/// Words that say a measure went down.
pub const FALL_WORDS: &[&str] = &["down", "decreased", "dropped", "fell", "reduced", "cut"];

/// Things people want for themselves, not from me ("Sam wants a promotion by EOY", "wants
/// a break after the launch next month"): with one of these, "X wants … by <date>" is not
/// my action.
pub const NOT_DELIVERABLES: &[&str] = &[
    "break",
    "holiday",
    "leave",
    "promotion",
    "raise",
    "role",
    "sabbatical",
    "time",
    "title",
    "transfer",
    "vacation",
];

/// Verbs after a modal ("she should be fine", "they will know by Friday", "going to have
/// to wait") that state, not act: no order follows.
pub const NOT_ORDERS_AFTER_MODAL: &[&str] = &[
    "be",
    "believe",
    "feel",
    "have",
    "hope",
    "know",
    "like",
    "love",
    "need",
    "seem",
    "think",
    "understand",
    "want",
];

/// Base-form verbs that begin notes as a topic far more often than as an order ("budget
/// is $2K", "career growth conversation"), or as an adverb or a want ("still waiting on
/// legal", "need more pipeline"): never read as imperatives.
pub const NOT_IMPERATIVE: &[&str] = &[
    "aim", "aspire", "better", "board", "budget", "bug", "can", "career", "churn", "contract",
    "cost", "deal", "finance", "further", "hope", "last", "lunch", "mean", "near", "need", "note",
    "number", "partner", "people", "praise", "process", "prod", "project", "question", "risk",
    "service", "still", "stock", "support", "thread", "tool", "total", "vacation", "want", "well",
    "will", "win", "wish",
];

/// Verbs that also head a noun phrase ("launch plan for the partner program", "release
/// notes for v2"): followed by a noun and then a preposition or the end of a short note,
/// they are not orders.
pub const NOUN_HEADS: &[&str] = &[
    "demo",
    "design",
    "interview",
    "launch",
    "release",
    "report",
    "test",
    "training",
];

/// Words that are both a base-form verb and the past of a commoner one ("found" the
/// company / "found" three courses): in notes they are the past form.
pub const PAST_BEFORE_BASE: &[&str] = &["bore", "bound", "fell", "found", "ground", "saw", "wound"];

/// Verbs whose past is their base form ("read", "set up"): opening a note that matches
/// an open item with that verb and no date, they say it is done.
pub const SAME_FORM_PAST: &[&str] = &[
    "bet",
    "broadcast",
    "burst",
    "cast",
    "cost",
    "cut",
    "forecast",
    "hit",
    "hurt",
    "let",
    "put",
    "quit",
    "read",
    "reset",
    "set",
    "shut",
    "split",
    "spread",
    "upset",
];

/// First halves of hyphenated verbs ("double-check", "re-run"): with a base-form verb
/// after the hyphen, the word is an order like the verb alone.
pub const VERB_PREFIXES: &[&str] = &[
    "co", "cross", "double", "fact", "pre", "re", "sanity", "spot", "triple", "un",
];

/// Words after a leading verb that show the verb is the subject's noun, not an order:
/// "design review went well", "test coverage is low".
pub const FINITE_WORDS: &[&str] = &[
    "is", "are", "was", "were", "has", "have", "had", "looks", "look", "seems", "went", "got",
    "needs", "needed", "isn't", "wasn't", "aren't", "slipped", "'s",
];

/// Words that open a verb's object: after a noun-heading verb they make it an order
/// ("launch the plan").
pub const OBJECT_OPENERS: &[&str] = &[
    "a", "an", "the", "my", "our", "your", "his", "her", "their", "this", "that", "these", "those",
    "some", "all", "any", "up", "out", "in", "on", "off", "back", "over", "down", "it", "them",
    "him", "me", "us", "with", "to",
];

/// Capitalised words that are topics, not people, before a colon or an owner phrase
/// ("Hiring: two backfills approved", "Legal to review" stays a name).
pub const NOT_NAMES: &[&str] = &[
    "action",
    "admin",
    "agenda",
    "budget",
    "career",
    "comp",
    "compliance",
    "customer",
    "customers",
    "data",
    "design",
    "docs",
    "engineering",
    "everyone",
    "feedback",
    "finance",
    "growth",
    "headcount",
    "hiring",
    "i",
    "infra",
    "it",
    "launch",
    "marketing",
    "me",
    "metrics",
    "misc",
    "nobody",
    "notes",
    "offsite",
    "onboarding",
    "ops",
    "other",
    "perf",
    "planning",
    "platform",
    "pricing",
    "process",
    "product",
    "project",
    "projects",
    "promo",
    "promotion",
    "q1",
    "q2",
    "q3",
    "q4",
    "recruiting",
    "release",
    "roadmap",
    "sales",
    "security",
    "status",
    "team",
    "they",
    "training",
    "update",
    "updates",
    "we",
    "you",
    "he",
    "she",
];

/// Abbreviations and short forms that notes and items spell either way ("sent the PRD"
/// for "Send the product requirements doc"): when a "done" note is matched to an item,
/// each stands for the words of its long form.
pub const ABBREVIATIONS: &[(&str, &str)] = &[
    ("cfg", "configuration"),
    ("ci", "continuous integration"),
    ("config", "configuration"),
    ("db", "database"),
    ("deps", "dependencies"),
    ("doc", "document"),
    ("docs", "documents"),
    ("eng", "engineering"),
    ("env", "environment"),
    ("infra", "infrastructure"),
    ("k8s", "kubernetes"),
    ("mgmt", "management"),
    ("mtg", "meeting"),
    ("perf", "performance"),
    ("pr", "pull request"),
    ("prd", "product requirements document"),
    ("prod", "production"),
    ("qbr", "quarterly business review"),
    ("recs", "recommendations"),
    ("repo", "repository"),
    ("reqs", "requirements"),
    ("rfc", "request for comments"),
    ("sow", "statement of work"),
    ("spec", "specification"),
];

/// Words that carry no meaning when matching a "done" note to an open item.
pub const STOPWORDS: &[&str] = &[
    "a", "about", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been", "but", "by",
    "can", "could", "did", "do", "does", "for", "from", "get", "got", "had", "has", "have", "he",
    "her", "him", "his", "i", "i'd", "i'll", "i'm", "if", "in", "into", "is", "it", "it's", "its",
    "just", "me", "my", "need", "now", "of", "off", "on", "one", "or", "our", "out", "over", "she",
    "should", "so", "some", "that", "the", "their", "them", "then", "there", "these", "they",
    "this", "those", "to", "too", "up", "us", "very", "was", "we", "were", "what", "when", "which",
    "who", "will", "with", "would", "yet", "you", "your",
];
