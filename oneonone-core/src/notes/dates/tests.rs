use super::*;
use crate::syntax::tests::d;
use proptest::prelude::*;

// 2026-01-15 is a Thursday.
const MEETING: &str = "2026-01-15";

#[test]
fn every_phrase_row_reads_a_line_of_the_date_table() {
    let table = include_str!("../../../tests/fixtures/date-table.tsv");
    let mut used = vec![false; PHRASES.len()];
    for line in table
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        let cols: Vec<&str> = line.split('\t').collect();
        if let Some((_, row)) = find_in(cols[0], d(cols[1]), &ROWS) {
            used[row] = true;
        }
    }
    let unused: Vec<&str> = PHRASES
        .iter()
        .zip(&used)
        .filter(|(_, used)| !**used)
        .map(|((pattern, _), _)| *pattern)
        .collect();
    assert!(unused.is_empty(), "rows no table line reads: {unused:#?}");
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
fn span_takes_the_obsidian_due_marker() {
    let text = "Review deck 📅 2026-02-01";
    let m = find_date(text, d(MEETING)).unwrap();
    assert_eq!(m.date, d("2026-02-01"));
    assert_eq!(&text[m.span.clone()], "📅 2026-02-01");
    assert_eq!(m.phrase, "2026-02-01");
}

#[test]
fn span_takes_lead_word_and_brackets() {
    let m = d(MEETING);
    let text = "find courses by next week";
    let found = find_date(text, m).unwrap();
    assert_eq!(&text[found.span.clone()], "by next week");
    assert_eq!(remove_span(text, found.span), "find courses");

    let text = "send deck (due Friday) to the team";
    let found = find_date(text, m).unwrap();
    assert_eq!(found.date, d("2026-01-16"));
    assert_eq!(found.phrase, "due Friday");
    assert_eq!(remove_span(text, found.span), "send deck to the team");

    let text = "book the venue [by EOW]";
    let found = find_date(text, m).unwrap();
    assert_eq!(remove_span(text, found.span), "book the venue");
}

#[test]
fn removing_a_leading_label_date_leaves_no_colon() {
    let text = "EOW: send the survey";
    let found = find_date(text, d(MEETING)).unwrap();
    assert_eq!(remove_span(text, found.span), "send the survey");
}

#[test]
fn removing_a_trailing_dash_date_leaves_no_dash() {
    let text = "send the survey - due EOW";
    let found = find_date(text, d(MEETING)).unwrap();
    assert_eq!(remove_span(text, found.span), "send the survey");
}

#[test]
fn abbreviation_dot_goes_with_the_phrase() {
    let text = "ship it by Fri.";
    let found = find_date(text, d(MEETING)).unwrap();
    assert_eq!(found.phrase, "by Fri.");
    assert_eq!(remove_span(text, found.span), "ship it");
}

#[test]
fn unreadable_date_stops_the_search() {
    // "Feb 30" reads as a date and is none: no later phrase stands in for it.
    assert_eq!(find_date("send it Feb 30 or by Friday", d(MEETING)), None);
    // A weekday that disagrees with the date beside it.
    assert_eq!(find_date("Friday Jan 17", d(MEETING)), None);
}

#[test]
fn first_phrase_wins() {
    let found = find_date("by Friday, ideally Thursday", d(MEETING)).unwrap();
    assert_eq!(found.date, d("2026-01-16"));
}

#[test]
fn refused_phrase_lets_a_later_one_count() {
    let found = find_date("since last Friday blocked; unblock by Tuesday", d(MEETING)).unwrap();
    assert_eq!(found.date, d("2026-01-20"));
    assert_eq!(found.phrase, "by Tuesday");
}

#[test]
fn resolve_phrase_needs_the_whole_phrase() {
    assert_eq!(
        resolve_phrase("by Friday", d(MEETING)),
        Some(d("2026-01-16"))
    );
    assert_eq!(resolve_phrase("Friday.", d(MEETING)), Some(d("2026-01-16")));
    assert_eq!(resolve_phrase("send by Friday", d(MEETING)), None);
}

#[test]
fn date_arg_accepts_iso_past_days_and_note_phrases() {
    let today = d(MEETING);
    let cases = [
        ("2026-01-02", "2026-01-02"),
        ("yesterday", "2026-01-14"),
        ("Yesterday", "2026-01-14"),
        ("the day before yesterday", "2026-01-13"),
        ("last friday", "2026-01-09"),
        ("last thursday", "2026-01-08"),
        ("last Wed", "2026-01-14"),
        ("3 days ago", "2026-01-12"),
        ("two weeks ago", "2026-01-01"),
        ("a month ago", "2025-12-15"),
        ("last week", "2026-01-08"),
        ("last month", "2025-12-15"),
        ("a year ago", "2025-01-15"),
        ("today", "2026-01-15"),
        ("tomorrow", "2026-01-16"),
        ("by friday", "2026-01-16"),
        ("next monday", "2026-01-19"),
        ("in 2 weeks", "2026-01-29"),
        ("Jan 22", "2026-01-22"),
        ("EOM", "2026-01-31"),
    ];
    for (arg, want) in cases {
        assert_eq!(parse_date_arg(arg, today), Ok(d(want)), "{arg}");
    }
}

#[test]
fn date_arg_refuses_ambiguous_numeric_dates() {
    // 02/01/2026 is February 1 to some and January 2 to others: ask for ISO instead.
    assert!(parse_date_arg("02/01/2026", d(MEETING)).is_err());
}

#[test]
fn date_arg_refuses_what_is_not_a_date() {
    for arg in [
        "soonish",
        "",
        "10",
        "10%",
        "3pm",
        "april",
        "Q1 goal",
        "before the offsite",
        "Feb 30",
        "friday after next",
        "early next year",
    ] {
        assert!(parse_date_arg(arg, d(MEETING)).is_err(), "{arg}");
    }
}

#[test]
fn tokenizer_keeps_digit_ranges_and_splits_hyphenated_words() {
    let words: Vec<String> = tokenize("mid-Feb, ch. 5-6 on 2026-01-22 (Friday's)")
        .into_iter()
        .map(|t| t.lower)
        .collect();
    assert_eq!(
        words,
        ["mid", "feb", "ch", "5-6", "on", "2026-01-22", "friday's"]
    );
}

const WEEKDAY_WORDS: &[&str] = &[
    "monday",
    "Tuesday",
    "WEDNESDAY",
    "thursday",
    "Friday",
    "saturday",
    "Sunday",
    "Mon",
    "tue",
    "Tues",
    "thu",
    "Thurs",
    "fri",
];
const MONTH_WORDS: &[&str] = &[
    "January", "feb", "March", "april", "May", "june", "Jul", "August", "Sept", "sep.", "Oct",
    "november", "Dec",
];

/// Phrases that always name a day on or after the meeting.
fn forward_phrase() -> impl Strategy<Value = String> {
    let weekday = prop::sample::select(WEEKDAY_WORDS);
    let month = prop::sample::select(MONTH_WORDS);
    let fixed = prop::sample::select(
        &[
            "today",
            "EOD",
            "end of day",
            "tonight",
            "tomorrow",
            "next week",
            "end of week",
            "EOW",
            "this week",
            "end of month",
            "EOM",
            "this month",
            "next month",
            "end of quarter",
            "EOQ",
            "this quarter",
            "next quarter",
            "end of year",
            "EOY",
            "by year end",
            "early next month",
            "mid next month",
            "late next month",
            "in a couple of days",
            "in a few weeks",
            "end of next week",
            "next year",
            "in a fortnight",
            "COB",
            "mid-month",
        ][..],
    );
    prop_oneof![
        fixed.prop_map(str::to_owned),
        (
            prop::sample::select(&["", "by ", "on ", "this ", "EOD ", "next "][..]),
            weekday.clone()
        )
            .prop_map(|(lead, w)| format!("{lead}{w}")),
        (
            0u32..40,
            prop::sample::select(&["days", "weeks", "day", "months"][..])
        )
            .prop_map(|(n, u)| format!("in {n} {u}")),
        (1u32..20, prop::sample::select(&["days", "weeks"][..]))
            .prop_map(|(n, u)| format!("{n} {u} from now")),
        (
            prop::sample::select(&["in ", "by ", "end of ", "early ", "mid-", "late "][..]),
            month.clone()
        )
            .prop_map(|(lead, m)| format!("{lead}{m}")),
        (month.clone(), 1u32..=28).prop_map(|(m, day)| format!("{m} {day}")),
        (1u32..=28, month).prop_map(|(day, m)| format!("{day} {m}")),
        (1u32..=31).prop_map(|day| format!("by the {day}th")),
        (1u32..=4, prop::sample::select(&["by", "end of"][..]))
            .prop_map(|(q, lead)| format!("{lead} Q{q}")),
    ]
}

fn meeting_date() -> impl Strategy<Value = NaiveDate> {
    (0u64..40_000).prop_map(|n| d("2000-01-01") + Days::new(n))
}

/// Words that come close to date phrases, to reach the matcher's corners.
const VOCABULARY: &[&str] = &[
    "by",
    "the",
    "end",
    "of",
    "next",
    "this",
    "last",
    "in",
    "a",
    "couple",
    "few",
    "days",
    "week",
    "weeks",
    "month",
    "Q1",
    "q4",
    "H2",
    "EOD",
    "eow",
    "Friday",
    "sat",
    "Jan",
    "May",
    "22",
    "22nd",
    "3rd",
    "2027",
    "2026-02-29",
    "early",
    "mid-",
    "late",
    "from",
    "now",
    "ago",
    "at",
    "3pm",
    "3",
    ":",
    "30",
    "(",
    ")",
    "[",
    "]",
    ".",
    ",",
    "-",
    "📅",
    "%",
    "$",
    "'s",
    "’",
    "than",
    "later",
    "no",
    "not",
    "after",
    "before",
    "or",
    "so",
    "two",
    "business",
    "time",
];

proptest! {
    #[test]
    fn forward_phrases_resolve_on_or_after_the_meeting(
        phrase in forward_phrase(),
        meeting in meeting_date(),
        prefix in prop::sample::select(&["", "send the deck ", "- [ ] review ", "Sam to escalate "][..]),
        suffix in prop::sample::select(&["", ".", " please", ", then share"][..]),
    ) {
        let text = format!("{prefix}{phrase}{suffix}");
        let found = find_date(&text, meeting);
        prop_assert!(found.is_some(), "{text:?} on {meeting}: no date");
        let found = found.unwrap();
        prop_assert!(found.date >= meeting, "{text:?} on {meeting}: {}", found.date);
        prop_assert!(text[found.span.clone()].contains(found.phrase.trim_end_matches('.')));
    }

    #[test]
    fn finding_a_date_never_panics(
        words in prop::collection::vec(prop::sample::select(VOCABULARY), 0..8),
        glue in prop::collection::vec(prop::sample::select(&[" ", "", "-", ". ", ", "][..]), 8),
        noise in ".{0,20}",
        days in 0i64..3_000_000,
    ) {
        let meeting = NaiveDate::MIN + chrono::Duration::days(days * 2 % 7_500_000);
        let mut text = noise;
        for (w, g) in words.iter().zip(&glue) {
            text.push_str(w);
            text.push_str(g);
        }
        for meeting in [meeting, NaiveDate::MIN, NaiveDate::MAX] {
            if let Some(found) = find_date(&text, meeting) {
                prop_assert!(text.get(found.span.clone()).is_some());
                let _ = remove_span(&text, found.span);
            }
            let _ = resolve_phrase(&text, meeting);
        }
    }

    #[test]
    fn date_arg_never_panics(arg in ".{0,30}", today in meeting_date()) {
        let _ = parse_date_arg(&arg, today);
    }
}
