//! The meeting-history line's topics: given, or read from what the meeting recorded.

use super::*;
use crate::notes::classify::capitalise;
use crate::notes::rules::STOPWORDS;

/// How many topics a meeting-history line names at most.
const MAX_TOPICS: usize = 5;

/// How many words of an accomplishment or General entry stand for it as a topic.
const TOPIC_WORDS: usize = 4;

/// Topics as given on a `Topics:` line or `--topics`: comma-separated phrases; a piece
/// without words (`->`, `...`) names no topic.
pub(super) fn split_topics(given: &str) -> Vec<String> {
    given
        .split(',')
        .map(str::trim)
        .filter(|t| has_words(t))
        .map(str::to_owned)
        .collect()
}

/// What the meeting was about, read from what it recorded: the threads that received
/// entries (other than the fallback), then the first few words of the accomplishments
/// and the fallback thread's entries; up to five, never section or kind names.
pub(super) fn meeting_topics(changes: &[Change], fallback: &str) -> Vec<String> {
    // Changes skipped as already in the document count too: a run that finds its notes
    // recorded but the meeting line missing (an interrupted run) names the same topics.
    // What an archive holds belongs to an earlier meeting.
    let made = || {
        changes
            .iter()
            .filter(|c| c.note_kind.is_some() && c.skip != Some(Skip::InArchive))
    };
    let mut topics: Vec<String> = Vec::new();
    let add = |t: String, topics: &mut Vec<String>| {
        let t = t
            .trim()
            .trim_end_matches([',', ';', ':', '-', '.'])
            .trim()
            .to_owned();
        if has_words(&t)
            && topics.len() < MAX_TOPICS
            && !topics.iter().any(|x| x.eq_ignore_ascii_case(&t))
        {
            topics.push(t);
        }
    };
    for c in made() {
        if let (ChangeKind::ThreadEntry, Target::Thread(t)) = (&c.kind, &c.target)
            && !t.eq_ignore_ascii_case(fallback)
        {
            add(t.clone(), &mut topics);
        }
    }
    for c in made() {
        let general = matches!(&c.target, Target::Thread(t) if t.eq_ignore_ascii_case(fallback));
        if c.kind == ChangeKind::Accomplishment || (c.kind == ChangeKind::ThreadEntry && general) {
            add(topic_head(&c.text), &mut topics);
        }
    }
    if topics.is_empty() {
        // Only actions or ticks: their first words say what was talked about.
        for c in made() {
            add(topic_head(&c.text), &mut topics);
        }
    }
    if let Some(first) = topics.first_mut() {
        *first = capitalise(first);
    }
    topics
}

/// The first few words of a text, without stop words left dangling at the end ("Suggest
/// cuts to the" → "Suggest cuts").
fn topic_head(text: &str) -> String {
    let mut head: Vec<&str> = text.split_whitespace().take(TOPIC_WORDS).collect();
    while head.len() > 1
        && head
            .last()
            .is_some_and(|w| STOPWORDS.contains(&w.to_lowercase().as_str()))
    {
        head.pop();
    }
    head.join(" ")
}
