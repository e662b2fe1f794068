//! Words of a note as the classifier and the done matcher see them: the base-form verbs
//! of `data/verbs.txt`, the irregular past forms of `data/irregular.txt`, and lemmas (the
//! irregular table first, then the Porter stemmer for regular forms).

use super::rules::{ABBREVIATIONS, STOPWORDS, VERB_PREFIXES};
use rust_stemmers::{Algorithm, Stemmer};
use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::OnceLock;

/// Base-form verbs, one a line, `#` comments: see the file's header.
pub const VERBS_DATA: &str = include_str!("data/verbs.txt");

/// Irregular past forms, `form base` a line, `#` comments.
pub const IRREGULAR_DATA: &str = include_str!("data/irregular.txt");

/// Given names and short forms, one a line, `#` comments: see the file's header.
pub const NAMES_DATA: &str = include_str!("data/names.txt");

fn data_lines(data: &'static str) -> impl Iterator<Item = &'static str> {
    data.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

fn verbs() -> &'static HashSet<&'static str> {
    static VERBS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    VERBS.get_or_init(|| data_lines(VERBS_DATA).collect())
}

fn names() -> &'static HashSet<&'static str> {
    static NAMES: OnceLock<HashSet<&'static str>> = OnceLock::new();
    NAMES.get_or_init(|| {
        data_lines(NAMES_DATA)
            .filter(|n| !is_base_verb(n))
            .collect()
    })
}

/// Whether a lowercase word is a given name of the list that is not also a verb.
pub fn is_given_name(word: &str) -> bool {
    names().contains(word)
}

fn irregular() -> &'static HashMap<&'static str, &'static str> {
    static IRREGULAR: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    IRREGULAR.get_or_init(|| {
        data_lines(IRREGULAR_DATA)
            .filter_map(|l| l.split_once(' '))
            .map(|(form, base)| (form, base.trim()))
            .collect()
    })
}

fn stemmer() -> &'static Stemmer {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| Stemmer::create(Algorithm::English))
}

/// Every verb of the list, in the file's order.
pub fn verb_list() -> impl Iterator<Item = &'static str> {
    data_lines(VERBS_DATA)
}

/// Every `(past form, base)` pair of the irregular table.
pub fn irregular_pairs() -> impl Iterator<Item = (&'static str, &'static str)> {
    data_lines(IRREGULAR_DATA).filter_map(|l| l.split_once(' '))
}

/// Simple pasts the irregular table cannot give: it lists only forms that differ from
/// their base ("put" is not there), and "be" has several.
const PAST_NOT_IN_TABLE: &[(&str, &str)] = &[
    ("be", "was"),
    ("bet", "bet"),
    ("cost", "cost"),
    ("cut", "cut"),
    ("hit", "hit"),
    ("hurt", "hurt"),
    ("let", "let"),
    ("put", "put"),
    ("quit", "quit"),
    ("read", "read"),
    ("set", "set"),
    ("shut", "shut"),
    ("spread", "spread"),
    ("upset", "upset"),
];

/// The irregular forms of each base, in the table's order.
fn forms_of_base() -> &'static HashMap<&'static str, Vec<&'static str>> {
    static FORMS: OnceLock<HashMap<&'static str, Vec<&'static str>>> = OnceLock::new();
    FORMS.get_or_init(|| {
        let mut map: HashMap<&'static str, Vec<&'static str>> = HashMap::new();
        for (form, base) in irregular_pairs() {
            map.entry(base.trim()).or_default().push(form);
        }
        map
    })
}

/// The simple past of a lowercase base-form verb: "write" → "wrote", "ship" → "shipped",
/// "approve" → "approved", "copy" → "copied".
pub fn past_tense(verb: &str) -> String {
    if let Some((_, past)) = PAST_NOT_IN_TABLE.iter().find(|(base, _)| *base == verb) {
        return (*past).to_owned();
    }
    let forms = forms_of_base().get(verb).map_or(&[][..], Vec::as_slice);
    // The table mixes simple pasts with participles ("wrote", "written"; "began",
    // "begun"); a participle ends in -en, -wn, -rn, -ne or -ain, or has the `u` of a
    // sibling's `a`. A verb with only a participle listed ("sewn") is regular.
    let participle = |f: &str| {
        ["en", "wn", "rn", "ne", "ain"]
            .iter()
            .any(|e| f.ends_with(e))
            || (f.contains('u') && forms.contains(&f.replace('u', "a").as_str()))
    };
    if let Some(past) = forms.iter().find(|f| !participle(f)) {
        return (*past).to_owned();
    }
    regular_past(verb)
}

/// The regular past: "-d" after an `e`, "-ied" after a consonant and `y`, the last
/// consonant doubled in a one-syllable verb ending consonant, vowel, consonant ("prep"
/// → "prepped"; longer verbs that double, "submitted", are in the irregular table).
fn regular_past(verb: &str) -> String {
    let vowel = |b: u8| matches!(b, b'a' | b'e' | b'i' | b'o' | b'u');
    if verb.ends_with('e') {
        return format!("{verb}d");
    }
    if let Some(stem) = verb.strip_suffix('y')
        && !stem.bytes().last().is_some_and(vowel)
    {
        return format!("{stem}ied");
    }
    let b = verb.as_bytes();
    let syllables = b
        .iter()
        .enumerate()
        .filter(|&(i, &c)| vowel(c) && (i == 0 || !vowel(b[i - 1])))
        .count();
    if let [.., c1, v, c2] = b
        && syllables == 1
        && !vowel(*c1)
        && vowel(*v)
        && !vowel(*c2)
        && !matches!(c2, b'w' | b'x' | b'y')
    {
        return format!("{verb}{}ed", char::from(*c2));
    }
    format!("{verb}ed")
}

/// Whether a lowercase word is a base-form verb of the list, or one with a prefix of
/// [`VERB_PREFIXES`] ("double-check", "re-run"), or "re" glued to a verb of three letters
/// or more ("revisit", "reindex", "rerun"); "really" is an adverb, not "re" + "ally".
pub fn is_base_verb(word: &str) -> bool {
    verbs().contains(word)
        || word
            .split_once('-')
            .is_some_and(|(pre, verb)| VERB_PREFIXES.contains(&pre) && verbs().contains(verb))
        || word
            .strip_prefix("re")
            .is_some_and(|verb| verb.len() >= 3 && !verb.ends_with("ly") && verbs().contains(verb))
}

/// The base verb a lowercase word is the past form (or past participle) of: "wrote" →
/// "write", "booked" → "book", "shipped" → "ship", "approved" → "approve".
pub fn past_base(word: &str) -> Option<String> {
    if let Some(base) = irregular().get(word) {
        return Some((*base).to_owned());
    }
    let stem = word.strip_suffix("ed")?;
    let mut candidates = vec![stem.to_owned(), format!("{stem}e")];
    if let Some(s) = stem.strip_suffix('i') {
        candidates.push(format!("{s}y"));
    }
    let b = stem.as_bytes();
    if b.len() >= 2 && b[b.len() - 1] == b[b.len() - 2] {
        candidates.push(stem[..stem.len() - 1].to_owned());
    }
    candidates.into_iter().find(|c| is_base_verb(c))
}

/// A word's lemma for comparing texts: lowercased, a possessive `'s` dropped, an
/// irregular form mapped to its base, then stemmed (Porter, English).
pub fn lemma(word: &str) -> String {
    let w = word.to_lowercase().replace('’', "'");
    let w = w.strip_suffix("'s").unwrap_or(&w);
    let base = irregular().get(w).copied().unwrap_or(w);
    stemmer().stem(base).into_owned()
}

/// The words of a text, lowercased, split at whitespace and at punctuation other than
/// in-word `'`, `-`, `.`, `&` and `%` ("p95", "follow-up", "v2.1").
pub fn tokens(text: &str) -> Vec<String> {
    text.split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '(' | ')' | '/'))
        .map(|t| {
            t.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
                .replace('’', "'")
        })
        .filter(|t| !t.is_empty())
        .collect()
}

/// Whether a lowercase token carries meaning when comparing texts: not a stop word, and
/// starting with a letter (so "3", "10%" and "2k" do not, "q1" and "p95" do).
pub fn is_significant(token: &str) -> bool {
    !STOPWORDS.contains(&token) && token.chars().next().is_some_and(char::is_alphabetic)
}

/// The lemmas of a text's significant words, an abbreviation of [`ABBREVIATIONS`]
/// standing for the words of its long form ("PRD" → product, requirement, document).
pub fn significant_lemmas(text: &str) -> BTreeSet<String> {
    tokens(text)
        .iter()
        .flat_map(
            |t| match ABBREVIATIONS.iter().find(|(short, _)| short == t) {
                Some((_, long)) => long.split(' ').map(str::to_owned).collect(),
                None => vec![t.clone()],
            },
        )
        .filter(|t| is_significant(t))
        .map(|t| lemma(&t))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn past_forms_find_their_base_verb() {
        assert_eq!(past_base("wrote").as_deref(), Some("write"));
        assert_eq!(past_base("sent").as_deref(), Some("send"));
        assert_eq!(past_base("booked").as_deref(), Some("book"));
        assert_eq!(past_base("approved").as_deref(), Some("approve"));
        assert_eq!(past_base("shipped").as_deref(), Some("ship"));
        assert_eq!(past_base("triaged").as_deref(), Some("triage"));
        assert_eq!(past_base("copied").as_deref(), Some("copy"));
        assert_eq!(past_base("led").as_deref(), Some("lead"));
        assert_eq!(past_base("budget"), None);
        assert_eq!(past_base("need"), None);
        assert_eq!(past_base("revisited").as_deref(), Some("revisit"));
    }

    #[test]
    fn re_glued_to_a_verb_is_a_verb() {
        assert!(is_base_verb("revisit"));
        assert!(is_base_verb("reindex"));
        assert!(!is_base_verb("really"));
        assert!(!is_base_verb("revenue"));
    }

    #[test]
    fn given_names_that_are_verbs_are_not_names() {
        assert!(is_given_name("kev"));
        assert!(is_given_name("lena"));
        assert!(!is_given_name("offsite"));
        for n in data_lines(NAMES_DATA) {
            assert!(
                n.chars().all(|c| c.is_ascii_lowercase()),
                "names.txt: {n:?}"
            );
            assert_eq!(is_given_name(n), !is_base_verb(n), "names.txt: {n}");
        }
    }

    #[test]
    fn past_tense_reads_the_irregular_table() {
        for (verb, past) in [
            ("be", "was"),
            ("begin", "began"),
            ("bring", "brought"),
            ("choose", "chose"),
            ("do", "did"),
            ("draw", "drew"),
            ("drive", "drove"),
            ("get", "got"),
            ("give", "gave"),
            ("go", "went"),
            ("know", "knew"),
            ("lead", "led"),
            ("put", "put"),
            ("read", "read"),
            ("run", "ran"),
            ("see", "saw"),
            ("send", "sent"),
            ("set", "set"),
            ("sing", "sang"),
            ("speak", "spoke"),
            ("take", "took"),
            ("understand", "understood"),
            ("win", "won"),
            ("write", "wrote"),
            ("lie", "lay"),
            ("bear", "bore"),
            ("sew", "sewed"),
            ("submit", "submitted"),
            ("ship", "shipped"),
            ("prep", "prepped"),
            ("plan", "planned"),
            ("visit", "visited"),
            ("fix", "fixed"),
            ("review", "reviewed"),
            ("need", "needed"),
            ("approve", "approved"),
            ("copy", "copied"),
            ("play", "played"),
            ("research", "researched"),
        ] {
            assert_eq!(past_tense(verb), past, "{verb}");
        }
    }

    #[test]
    fn lemmas_join_forms_of_one_word() {
        assert_eq!(lemma("sent"), lemma("Send"));
        assert_eq!(lemma("wrote"), lemma("write"));
        assert_eq!(lemma("approved"), lemma("approve"));
        assert_eq!(lemma("courses"), lemma("course"));
        assert_eq!(lemma("Sarah's"), lemma("sarah"));
        assert_ne!(lemma("send"), lemma("sand"));
    }

    #[test]
    fn abbreviations_stand_for_their_long_form() {
        assert_eq!(
            significant_lemmas("sent the PRD"),
            significant_lemmas("send the product requirements document")
        );
        assert_eq!(
            significant_lemmas("Fix the CI"),
            significant_lemmas("fix the continuous integration")
        );
        for (short, long) in ABBREVIATIONS {
            assert_eq!(tokens(short), [*short], "{short} is not one token");
            assert!(!significant_lemmas(long).is_empty(), "{short}");
        }
    }

    #[test]
    fn significant_lemmas_leave_out_stop_words_and_numbers() {
        let got = significant_lemmas("Find 3 courses for the training budget");
        let want: BTreeSet<String> = ["find", "course", "training", "budget"]
            .iter()
            .map(|w| lemma(w))
            .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn every_data_line_is_well_formed() {
        for v in verb_list() {
            assert!(
                v.chars().all(|c| c.is_ascii_lowercase()),
                "verbs.txt: {v:?}"
            );
        }
        assert!(verb_list().count() > 3000);
        for (form, base) in irregular_pairs() {
            assert!(is_base_verb(base), "irregular.txt: {form} {base}");
            assert_eq!(
                past_base(form).as_deref(),
                Some(base),
                "irregular.txt: {form}"
            );
        }
    }
}
