//! Due dates in notes: relative phrases resolved against the meeting date (SPEC section 4).
//!
//! The phrases of the SPEC ("next week", "by Friday", "EOQ", "in three days") are a small
//! table of our own, because their meaning is ours to define ("next Friday" is the first
//! Friday strictly after the meeting, which is not what every date library says). Month
//! names with a day ("Jan 22", "22nd January 2026") go to `interim`, which reads those well.
//! Anything that is not one of these shapes is never a date: "10%", "$2K", "Q1",
//! "3 courses", "2 years".

use chrono::{Datelike, Days, Months, NaiveDate, TimeZone, Utc, Weekday};
use std::ops::Range;
use thiserror::Error;

/// A date phrase found in a note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMatch {
    /// The date it resolves to.
    pub date: NaiveDate,
    /// Byte range of the phrase in the text, widened to take a leading "by"/"due"/"before"
    /// and enclosing parentheses, so that removing it leaves the rest of the note.
    pub span: Range<usize>,
}

/// Why a `--date` argument was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DateArgError {
    /// The argument is neither an ISO date nor a phrase the notes accept.
    #[error(
        "`{0}` is not a date (use YYYY-MM-DD, or a phrase such as `today`, `yesterday`, `friday`)"
    )]
    Unrecognised(String),
}

const WEEKDAYS: &[(&str, Weekday)] = &[
    ("monday", Weekday::Mon),
    ("tuesday", Weekday::Tue),
    ("wednesday", Weekday::Wed),
    ("thursday", Weekday::Thu),
    ("friday", Weekday::Fri),
    ("saturday", Weekday::Sat),
    ("sunday", Weekday::Sun),
    ("mon", Weekday::Mon),
    ("tue", Weekday::Tue),
    ("tues", Weekday::Tue),
    ("wed", Weekday::Wed),
    ("thu", Weekday::Thu),
    ("thur", Weekday::Thu),
    ("thurs", Weekday::Thu),
    ("fri", Weekday::Fri),
    ("sat", Weekday::Sat),
    ("sun", Weekday::Sun),
];

/// Month names; "may", "march" and "mar" double as ordinary words, see [`month_of`].
const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("sept", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
];

const NUMBER_WORDS: &[(&str, u32)] = &[
    ("a", 1),
    ("an", 1),
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
];

/// Words that introduce a date and leave with it ("find courses by next week").
const LEAD_WORDS: &[&str] = &["by", "due", "before", "until", "on", "for"];

/// Words that may precede an abbreviated weekday, so that "sat down" or "sun" alone is
/// never a date.
const ABBREVIATION_CONTEXT: &[&str] = &["by", "due", "before", "until", "on", "this", "next"];

/// One word of the text with its byte range, lowercased for matching.
#[derive(Debug, Clone)]
struct Token {
    lower: String,
    raw_first_upper: bool,
    start: usize,
    end: usize,
}

fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let word_char = c.is_alphanumeric() || c == '-' || c == '\'' || c == '’';
        match (start, word_char) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                tokens.push(token(text, s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        tokens.push(token(text, s, text.len()));
    }
    tokens
}

fn token(text: &str, start: usize, end: usize) -> Token {
    // Trailing hyphens and apostrophes are punctuation, not part of the word.
    let word = text[start..end].trim_end_matches(['-', '\'', '’']);
    let end = start + word.len();
    Token {
        lower: word.to_lowercase(),
        raw_first_upper: word.chars().next().is_some_and(char::is_uppercase),
        start,
        end,
    }
}

fn weekday_of(word: &str) -> Option<(Weekday, bool)> {
    WEEKDAYS
        .iter()
        .position(|(name, _)| *name == word)
        .map(|i| (WEEKDAYS[i].1, i >= 7))
}

/// A month name. "May", "March" and "Mar" are modal verbs or ordinary words in lowercase,
/// so they count only when capitalised.
fn month_of(tok: &Token) -> Option<u32> {
    let (_, m) = MONTHS.iter().find(|(name, _)| *name == tok.lower)?;
    let ambiguous = matches!(tok.lower.as_str(), "may" | "march" | "mar");
    (!ambiguous || tok.raw_first_upper).then_some(*m)
}

/// A day of the month: `22`, `22nd`, `1st`, `3rd`, `4th`.
fn day_of(word: &str) -> Option<u32> {
    let digits: &str = word
        .strip_suffix("st")
        .or_else(|| word.strip_suffix("nd"))
        .or_else(|| word.strip_suffix("rd"))
        .or_else(|| word.strip_suffix("th"))
        .unwrap_or(word);
    if digits.is_empty() || digits.len() > 2 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let d: u32 = digits.parse().ok()?;
    (1..=31).contains(&d).then_some(d)
}

fn year_of(word: &str) -> Option<i32> {
    (word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit()))
        .then(|| word.parse().ok())
        .flatten()
}

fn count_of(word: &str) -> Option<u32> {
    if !word.is_empty() && word.len() <= 3 && word.bytes().all(|b| b.is_ascii_digit()) {
        return word.parse().ok();
    }
    NUMBER_WORDS
        .iter()
        .find(|(w, _)| *w == word)
        .map(|(_, n)| *n)
}

/// Parses `YYYY-MM-DD` exactly.
pub fn parse_iso(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// The first `weekday` strictly after `date`.
pub fn next_weekday_after(date: NaiveDate, weekday: Weekday) -> NaiveDate {
    let from = date.weekday().num_days_from_monday();
    let to = weekday.num_days_from_monday();
    let ahead = (to + 7 - from) % 7;
    let ahead = if ahead == 0 { 7 } else { ahead };
    date + Days::new(u64::from(ahead))
}

/// The last day of `date`'s calendar month.
pub fn end_of_month(date: NaiveDate) -> NaiveDate {
    let first = date.with_day(1).unwrap_or(date);
    (first + Months::new(1)).pred_opt().unwrap_or(date)
}

/// The last day of `date`'s calendar quarter.
pub fn end_of_quarter(date: NaiveDate) -> NaiveDate {
    let last_month = (date.month0() / 3) * 3 + 3;
    NaiveDate::from_ymd_opt(date.year(), last_month, 1)
        .map(end_of_month)
        .unwrap_or(date)
}

/// The quarter (1..=4) of a date.
pub fn quarter_of(date: NaiveDate) -> u32 {
    date.month0() / 3 + 1
}

/// Tries to read a date phrase starting at token `i`; gives the date and the index after
/// the phrase.
fn phrase_at(tokens: &[Token], i: usize, meeting: NaiveDate) -> Option<(NaiveDate, usize)> {
    let word = |k: usize| tokens.get(k).map(|t| t.lower.as_str());
    let w0 = word(i)?;
    if let Some(date) = parse_iso(w0) {
        return Some((date, i + 1));
    }
    match w0 {
        "today" => return Some((meeting, i + 1)),
        "tomorrow" => return Some((meeting + Days::new(1), i + 1)),
        "eow" => return Some((next_weekday_after(meeting, Weekday::Fri), i + 1)),
        "eom" => return Some((end_of_month(meeting), i + 1)),
        "eoq" => return Some((end_of_quarter(meeting), i + 1)),
        _ => {}
    }
    if w0 == "next" && word(i + 1) == Some("week") {
        return Some((meeting + Days::new(7), i + 2));
    }
    if w0 == "end" && word(i + 1) == Some("of") {
        let (k, unit) = if word(i + 2) == Some("the") {
            (i + 3, word(i + 3))
        } else {
            (i + 2, word(i + 2))
        };
        let date = match unit? {
            "week" => next_weekday_after(meeting, Weekday::Fri),
            "month" => end_of_month(meeting),
            "quarter" => end_of_quarter(meeting),
            _ => return None,
        };
        return Some((date, k + 1));
    }
    if matches!(w0, "in" | "within") {
        let n = count_of(word(i + 1)?)?;
        let days = match word(i + 2)? {
            "day" | "days" => n,
            "week" | "weeks" => n * 7,
            _ => return None,
        };
        return Some((meeting + Days::new(u64::from(days)), i + 3));
    }
    if matches!(w0, "this" | "next")
        && let Some((wd, _)) = word(i + 1).and_then(weekday_of)
    {
        return Some((next_weekday_after(meeting, wd), i + 2));
    }
    if let Some((wd, abbreviated)) = weekday_of(w0) {
        let after_context = i > 0 && ABBREVIATION_CONTEXT.contains(&tokens[i - 1].lower.as_str());
        if !abbreviated || after_context {
            return Some((next_weekday_after(meeting, wd), i + 1));
        }
        return None;
    }
    month_day_at(tokens, i, meeting)
}

/// "Jan 22", "January 22nd", "22 Jan", "22nd of January", with an optional year.
fn month_day_at(tokens: &[Token], i: usize, meeting: NaiveDate) -> Option<(NaiveDate, usize)> {
    let t0 = tokens.get(i)?;
    let (month, day, mut next) = if let Some(m) = month_of(t0) {
        let d = day_of(&tokens.get(i + 1)?.lower)?;
        (m, d, i + 2)
    } else {
        let d = day_of(&t0.lower)?;
        let mut k = i + 1;
        if tokens.get(k).map(|t| t.lower.as_str()) == Some("of") {
            k += 1;
        }
        let m = month_of(tokens.get(k)?)?;
        (m, d, k + 1)
    };
    let year = tokens.get(next).and_then(|t| year_of(&t.lower));
    if year.is_some() {
        next += 1;
    }
    let date = via_interim(month, day, year, meeting)?;
    Some((date, next))
}

/// Month-and-day forms through `interim`; without a year, the next occurrence on or after
/// the meeting.
fn via_interim(month: u32, day: u32, year: Option<i32>, meeting: NaiveDate) -> Option<NaiveDate> {
    const NAMES: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let name = NAMES.get(usize::try_from(month).ok()?.checked_sub(1)?)?;
    let y = year.unwrap_or(meeting.year());
    let base = Utc
        .with_ymd_and_hms(meeting.year(), meeting.month(), meeting.day(), 12, 0, 0)
        .single()?;
    let parsed =
        interim::parse_date_string(&format!("{day} {name} {y}"), base, interim::Dialect::Uk)
            .ok()?
            .date_naive();
    // interim rolls an impossible day over into the next month; we refuse it instead.
    if parsed.month() != month || parsed.day() != day {
        return None;
    }
    if year.is_none() && parsed < meeting {
        return parsed.with_year(y + 1);
    }
    Some(parsed)
}

/// Finds the first date phrase in `text`, resolved against the meeting date.
pub fn find_date(text: &str, meeting: NaiveDate) -> Option<DateMatch> {
    let tokens = tokenize(text);
    for i in 0..tokens.len() {
        if !starts_clean(text, &tokens[i]) {
            continue;
        }
        let Some((date, next)) = phrase_at(&tokens, i, meeting) else {
            continue;
        };
        let last = &tokens[next - 1];
        if !ends_clean(text, last.end) {
            continue;
        }
        let mut start = tokens[i].start;
        let mut first = i;
        // Take leading connectors with the phrase: "due by Friday", "(by Friday)".
        while first > 0 && LEAD_WORDS.contains(&tokens[first - 1].lower.as_str()) {
            first -= 1;
            start = tokens[first].start;
        }
        let mut end = last.end;
        // Obsidian Tasks' markers go with their date (`📅 2026-02-01`, `✅ 2026-02-01`): a
        // marker left behind without its date would not read back as the same text.
        let before_marker = text[..start].trim_end();
        if let Some(marker) = before_marker
            .strip_suffix('📅')
            .or_else(|| before_marker.strip_suffix('✅'))
        {
            start = marker.len();
        }
        let before = text[..start].trim_end();
        let after = &text[end..];
        let after_trimmed = after.trim_start();
        if before.ends_with('(') && after_trimmed.starts_with(')') {
            start = before.len() - 1;
            end = text.len() - after_trimmed.len() + 1;
        }
        return Some(DateMatch {
            date,
            span: start..end,
        });
    }
    None
}

/// A number with a currency sign before it (`$22`) is an amount, not a day.
fn starts_clean(text: &str, tok: &Token) -> bool {
    !text[..tok.start].ends_with(['$', '€', '£', '#', '@', '/', '.', ':'])
}

/// A phrase followed by `%`, a unit letter glued on (`22k`) or a path is not a date.
fn ends_clean(text: &str, end: usize) -> bool {
    !text[end..].starts_with(['%', '/', '$', '€', '£', '@', '+'])
}

/// Removes `span` from `text` and tidies the seam: no doubled spaces, no space before
/// punctuation, no dangling comma or colon at the end.
pub fn remove_span(text: &str, span: Range<usize>) -> String {
    let left = text[..span.start].trim_end();
    let right = text[span.end..].trim_start();
    let mut out = String::with_capacity(text.len());
    out.push_str(left);
    if !left.is_empty()
        && !right.is_empty()
        && !right.starts_with([',', '.', ';', ':', '!', '?', ')'])
    {
        out.push(' ');
    }
    out.push_str(right);
    out.trim()
        .trim_end_matches([',', ';', ':', '-', '–'])
        .trim_end()
        .to_owned()
}

/// Resolves a whole phrase ("next friday", "by EOW", "Jan 22", "2026-01-22") against
/// `meeting`; `None` unless the entire phrase is one date.
pub fn resolve_phrase(phrase: &str, meeting: NaiveDate) -> Option<NaiveDate> {
    let phrase = phrase.trim();
    let lower = phrase.to_lowercase();
    let phrase = match lower.strip_prefix("by ") {
        Some(_) => phrase[3..].trim_start(),
        None => phrase,
    };
    let tokens = tokenize(phrase);
    let (date, next) = phrase_at(&tokens, 0, meeting)?;
    (next == tokens.len() && tokens.last()?.end == phrase.trim_end().len()).then_some(date)
}

/// Reads a `--date` argument: ISO, "yesterday", or any phrase the notes accept, resolved
/// against `today`; other forms `interim` understands ("last friday", "3 days ago") are
/// accepted as a last resort.
///
/// # Errors
/// [`DateArgError::Unrecognised`] when nothing reads it as a date.
pub fn parse_date_arg(s: &str, today: NaiveDate) -> Result<NaiveDate, DateArgError> {
    let trimmed = s.trim();
    if let Some(d) = parse_iso(trimmed) {
        return Ok(d);
    }
    let lower = trimmed.to_lowercase();
    if lower == "yesterday" {
        return today
            .pred_opt()
            .ok_or_else(|| DateArgError::Unrecognised(s.to_owned()));
    }
    if let Some(d) = resolve_phrase(trimmed, today) {
        return Ok(d);
    }
    let stripped = lower.strip_prefix("by ").unwrap_or(&lower).trim();
    let base = Utc
        .with_ymd_and_hms(today.year(), today.month(), today.day(), 12, 0, 0)
        .single()
        .ok_or_else(|| DateArgError::Unrecognised(s.to_owned()))?;
    interim::parse_date_string(stripped, base, interim::Dialect::Uk)
        .map(|dt| dt.date_naive())
        .map_err(|_| DateArgError::Unrecognised(s.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        parse_iso(s).unwrap()
    }

    // 2026-01-15 is a Thursday.
    const MEETING: &str = "2026-01-15";

    #[test]
    fn phrases_resolve_per_spec() {
        let m = d(MEETING);
        let cases = [
            ("today", "2026-01-15"),
            ("tomorrow", "2026-01-16"),
            ("next week", "2026-01-22"),
            ("in 3 days", "2026-01-18"),
            ("in two weeks", "2026-01-29"),
            ("in twelve days", "2026-01-27"),
            ("friday", "2026-01-16"),
            ("by Thursday", "2026-01-22"),
            ("this thursday", "2026-01-22"),
            ("next monday", "2026-01-19"),
            ("EOW", "2026-01-16"),
            ("end of week", "2026-01-16"),
            ("end of the month", "2026-01-31"),
            ("EOM", "2026-01-31"),
            ("EOQ", "2026-03-31"),
            ("end of quarter", "2026-03-31"),
            ("Jan 22", "2026-01-22"),
            ("January 22", "2026-01-22"),
            ("22 Jan", "2026-01-22"),
            ("Jan 22nd", "2026-01-22"),
            ("Jan 10", "2027-01-10"),
            ("Jan 15", "2026-01-15"),
            ("2025-12-01", "2025-12-01"),
            ("March 3 2027", "2027-03-03"),
        ];
        for (phrase, want) in cases {
            assert_eq!(resolve_phrase(phrase, m), Some(d(want)), "{phrase}");
        }
    }

    #[test]
    fn end_of_week_moves_on_from_friday_and_weekend() {
        assert_eq!(
            resolve_phrase("eow", d("2026-01-16")),
            Some(d("2026-01-23"))
        );
        assert_eq!(
            resolve_phrase("eow", d("2026-01-17")),
            Some(d("2026-01-23"))
        );
        assert_eq!(
            resolve_phrase("eow", d("2026-01-12")),
            Some(d("2026-01-16"))
        );
    }

    #[test]
    fn non_dates_are_never_dates() {
        let m = d(MEETING);
        for text in [
            "increase NRR by 10%",
            "budget of $2K",
            "Q1 goal",
            "find 3 courses",
            "renewal - 2 years, $500K",
            "I may 2x the budget",
            "we sat down together",
            "in 2 years",
            "version 1.22 released",
            "march forward",
        ] {
            assert_eq!(find_date(text, m), None, "{text}");
        }
    }

    #[test]
    fn span_takes_the_obsidian_due_marker() {
        let meeting = NaiveDate::from_ymd_opt(2026, 1, 15).unwrap();
        let text = "Review deck 📅 2026-02-01";
        let m = find_date(text, meeting).unwrap();
        assert_eq!(m.date, NaiveDate::from_ymd_opt(2026, 2, 1).unwrap());
        assert_eq!(&text[m.span.clone()], "📅 2026-02-01");
    }

    #[test]
    fn span_takes_lead_word_and_parentheses() {
        let m = d(MEETING);
        let text = "find courses by next week";
        let found = find_date(text, m).unwrap();
        assert_eq!(&text[found.span.clone()], "by next week");
        assert_eq!(remove_span(text, found.span), "find courses");

        let text = "send deck (due Friday) to the team";
        let found = find_date(text, m).unwrap();
        assert_eq!(found.date, d("2026-01-16"));
        assert_eq!(remove_span(text, found.span), "send deck to the team");
    }

    #[test]
    fn impossible_month_day_is_refused() {
        assert_eq!(resolve_phrase("Feb 30", d(MEETING)), None);
    }

    #[test]
    fn date_arg_accepts_iso_yesterday_and_phrases() {
        let today = d(MEETING);
        assert_eq!(parse_date_arg("2026-01-02", today), Ok(d("2026-01-02")));
        assert_eq!(parse_date_arg("yesterday", today), Ok(d("2026-01-14")));
        assert_eq!(parse_date_arg("by friday", today), Ok(d("2026-01-16")));
        assert!(parse_date_arg("soonish", today).is_err());
    }
}
