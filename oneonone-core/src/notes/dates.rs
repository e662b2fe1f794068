//! Due dates in notes: relative phrases resolved against the meeting date (SPEC section 4).
//!
//! The phrases are a table of our own ([`PHRASES`]), because their meaning is ours to define
//! ("next Tuesday" said on a Monday is the Tuesday of the following week, "by Q1" is the
//! end of the next Q1 that has not ended), and chrono does the calendar arithmetic. Each
//! row is a small pattern over the note's words and the rule that resolves it; a reader can
//! scan the table and add a row.
//!
//! Three rules keep a wrong date out, because a wrong due date is worse than none:
//! - only a whole phrase of the table is a date; numbers elsewhere ("10%", "$2K", "Q1 goal",
//!   "2 accounts", "week 2", "ch. 5-6", "v1.22", "3pm") never are;
//! - a phrase that depends on something else or reads two ways ("last Friday", "every
//!   Monday", "the week before the offsite", "Friday after next", "by 12/8") gives no date;
//! - a phrase that reads as a date but cannot be one ("Feb 30", "Friday Dec 5" when Dec 5
//!   is a Saturday) leaves the whole note without a date instead of falling back to a
//!   guess further along.

mod pattern;

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use pattern::{Cursor, PAST_ROWS, ROWS, Row, Token, digits, tokenize};
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
    /// The words the date was read from, exactly as written ("by Friday", "EOD Thursday"),
    /// without enclosing brackets: what the summary shows beside the date.
    pub phrase: String,
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

/// What a slot of a pattern captured.
#[derive(Debug, Clone, Copy, Default)]
struct Slots {
    weekday: Option<Weekday>,
    month: Option<u32>,
    num: Option<u32>,
    unit: Option<Unit>,
    day: Option<u32>,
    year: Option<i32>,
    quarter: Option<u32>,
    half: Option<u32>,
    part: Option<Part>,
    iso: Option<NaiveDate>,
    /// A numeric date as written, `12/15` or `15/12/2026`: (first, second, year).
    numeric: Option<(u32, u32, Option<i32>)>,
    /// The last word matched was a bare ordinal ("by the 3rd"), which needs a clean end.
    ends_with_ordinal: bool,
}

/// A length of time a count multiplies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Days(u32),
    Months,
    /// Hours count as the days they reach into: "within 48 hours" is two days on.
    Hours,
}

/// Which part of a month or week: "beginning", "early", "mid", "late".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Start,
    Early,
    Mid,
    Late,
}

type Resolve = fn(&Slots, NaiveDate) -> Option<NaiveDate>;

/// The date phrases, as `(pattern, rule)`. A pattern is words separated by spaces:
/// `a|b` is one word of several, `?x` is optional, `(x y / z)` is one of several word
/// sequences, `<slot>` is a word of a kind (weekday, month, num, unit, day, ord, year, q,
/// h, part, iso, numeric), and `{end}` / `{eod}` stand for "the end of the" and "end of day" in their
/// usual spellings. At each word the longest matching row wins; on a tie the first.
/// Leading "by", "due", "on", "before", "until" and trailing times of day ("Friday 3pm",
/// "EOD Thursday") are taken by [`find_date`] around any row.
const PHRASES: &[(&str, Resolve)] = &[
    // The meeting day.
    ("today|tonight|tonite", |_, m| Some(m)),
    (END_OF_DAY, |_, m| Some(m)),
    ("{end} today|tonight", |_, m| Some(m)),
    ("this morning|afternoon|evening", |_, m| Some(m)),
    // Tomorrow.
    ("?{eod} tomorrow|tmrw|tmr|tomorow", |_, m| plus_days(m, 1)),
    ("?the day after tomorrow", |_, m| plus_days(m, 2)),
    // Weeks.
    ("next week|wk", |_, m| plus_days(m, 7)),
    ("?the week after next", |_, m| plus_days(m, 14)),
    ("<weekday> coming", |s, m| strictly_after(m, s.weekday?)),
    ("?this ?coming|upcoming <weekday>", |s, m| {
        strictly_after(m, s.weekday?)
    }),
    ("<weekday> this week|wk", |s, m| {
        strictly_after(m, s.weekday?)
    }),
    ("early|late <weekday>", |s, m| strictly_after(m, s.weekday?)),
    // "Tuesday the 8th": the next 8th, which must be a Tuesday.
    ("<weekday> ?the <ord>", day_with_weekday),
    ("<weekday> the <day>", day_with_weekday),
    ("{eod} <weekday>", |s, m| strictly_after(m, s.weekday?)),
    ("next <weekday>", |s, m| in_next_week(m, s.weekday?)),
    ("<weekday> ?of next week|wk", |s, m| {
        in_next_week(m, s.weekday?)
    }),
    // British "Friday week", "Monday fortnight": a week or two after the coming day.
    ("<weekday> week", |s, m| {
        plus_days(strictly_after(m, s.weekday?)?, 7)
    }),
    ("<weekday> fortnight", |s, m| {
        plus_days(strictly_after(m, s.weekday?)?, 14)
    }),
    ("eow", |_, m| strictly_after(m, Weekday::Fri)),
    ("{end} ?this|current week|wk", |_, m| {
        strictly_after(m, Weekday::Fri)
    }),
    ("this week|wk", |_, m| strictly_after(m, Weekday::Fri)),
    ("{end} next week|wk", |_, m| in_next_week(m, Weekday::Fri)),
    ("?the <part> ?of ?the next week|wk", |s, m| {
        in_next_week(m, part_of_week(s.part?))
    }),
    // Counts: "in 3 days", "in a couple of weeks", "two weeks from now", "in 2 months".
    (
        "in|within|over ?the ?next ?about|around|roughly|approximately|approx ?a <num> ?of <unit> ?time",
        |s, m| plus(m, s.num?, s.unit?),
    ),
    ("in|within ?a <num> ?of <unit> or so", |s, m| {
        plus(m, s.num?, s.unit?)
    }),
    // "in a week or two": the later bound.
    ("in|within ?a <num> <unit> or <num>", |s, m| {
        plus(m, s.num?, s.unit?)
    }),
    ("?the next ?a <num> ?of <unit>", |s, m| {
        plus(m, s.num?, s.unit?)
    }),
    // "due 2 weeks": the count is the time the thing is due in.
    ("due ?a <num> ?of <unit>", |s, m| plus(m, s.num?, s.unit?)),
    ("?a <num> ?of <unit> from now|today", |s, m| {
        plus(m, s.num?, s.unit?)
    }),
    ("?a <num> ?of <unit> out|today", |s, m| {
        plus(m, s.num?, s.unit?)
    }),
    ("?a <num> ?of <unit> ?from tomorrow", |s, m| {
        plus(plus_days(m, 1)?, s.num?, s.unit?)
    }),
    // "a week on Friday", "two weeks from Monday".
    ("?a <num> ?of <unit> from|on <weekday>", |s, m| {
        plus(strictly_after(m, s.weekday?)?, s.num?, s.unit?)
    }),
    (
        "in|within ?the ?next ?a <num> ?of business|working day|days",
        |s, m| plus_business_days(m, s.num?),
    ),
    // Months.
    ("eom", |_, m| last_of_month(m.year(), m.month())),
    ("{end} ?this|current month|mo", |_, m| {
        last_of_month(m.year(), m.month())
    }),
    ("this month", |_, m| last_of_month(m.year(), m.month())),
    ("month end|ends", |_, m| last_of_month(m.year(), m.month())),
    ("?{end} next month|mo", |_, m| {
        let (y, mo) = following_month(m)?;
        last_of_month(y, mo)
    }),
    ("?the <part> ?of ?the next month|mo", |s, m| {
        let (y, mo) = following_month(m)?;
        part_of_month(s.part?, y, mo)
    }),
    ("?the <part> ?of this month", |s, m| {
        part_of_month(s.part?, m.year(), m.month()).filter(|d| *d >= m)
    }),
    ("?the <part> ?of ?the month", |s, m| {
        let first = part_of_month(s.part?, m.year(), m.month())?;
        if first >= m {
            return Some(first);
        }
        let (y, mo) = following_month(m)?;
        part_of_month(s.part?, y, mo)
    }),
    // Quarters and halves.
    ("eoq", |_, m| end_of_quarter_checked(m)),
    ("{end} ?this|current quarter|qtr", |_, m| {
        end_of_quarter_checked(m)
    }),
    ("this quarter|qtr", |_, m| end_of_quarter_checked(m)),
    ("quarter end|ends", |_, m| end_of_quarter_checked(m)),
    ("?{end} next quarter|qtr", |_, m| {
        let first = NaiveDate::from_ymd_opt(m.year(), (quarter_of(m) - 1) * 3 + 1, 1)?;
        end_of_quarter_checked(first.checked_add_months(Months::new(3))?)
    }),
    ("by|in|during|until|till|through|due <q> ?<year>", |s, m| {
        period_not_ended(m, s.quarter?, 3, s.year)
    }),
    ("{end} <q> ?<year>", |s, m| {
        period_not_ended(m, s.quarter?, 3, s.year)
    }),
    ("by|in|during|until|till|through|due <h> ?<year>", |s, m| {
        period_not_ended(m, s.half?, 6, s.year)
    }),
    ("{end} <h> ?<year>", |s, m| {
        period_not_ended(m, s.half?, 6, s.year)
    }),
    ("?{end} this half", |_, m| {
        period_not_ended(m, m.month0() / 6 + 1, 6, None)
    }),
    ("?{end} next half", |_, m| {
        let half = m.month0() / 6 + 1;
        let (half, year) = if half == 1 {
            (2, m.year())
        } else {
            (1, m.year() + 1)
        };
        period_not_ended(m, half, 6, Some(year))
    }),
    // Years.
    ("eoy", |_, m| NaiveDate::from_ymd_opt(m.year(), 12, 31)),
    ("{end} ?this|current year|yr", |_, m| {
        NaiveDate::from_ymd_opt(m.year(), 12, 31)
    }),
    ("this year", |_, m| {
        NaiveDate::from_ymd_opt(m.year(), 12, 31)
    }),
    ("year end|ends", |_, m| {
        NaiveDate::from_ymd_opt(m.year(), 12, 31)
    }),
    ("?{end} next year|yr", |_, m| {
        NaiveDate::from_ymd_opt(m.year().checked_add(1)?, 12, 31)
    }),
    ("{end} <year>", |s, _| {
        NaiveDate::from_ymd_opt(s.year?, 12, 31)
    }),
    // Month names: "in December", "by end of Nov", "mid-February", "early Jan 2027".
    (
        "in|by|until|till|through|during|due|this <month> ?<year> ?end",
        |s, m| {
            let (y, mo) = month_not_ended(m, s.month?, s.year)?;
            last_of_month(y, mo)
        },
    ),
    ("{end} <month> ?<year>", |s, m| {
        let (y, mo) = month_not_ended(m, s.month?, s.year)?;
        last_of_month(y, mo)
    }),
    ("next <month>", |s, m| {
        let month = s.month?;
        let year = if month > m.month() {
            m.year()
        } else {
            m.year().checked_add(1)?
        };
        last_of_month(year, month)
    }),
    ("?the <part> ?of <month> ?<year>", |s, m| {
        let part = s.part?;
        match s.year {
            Some(y) => part_of_month(part, y, s.month?),
            None => (0..2).find_map(|k| {
                part_of_month(part, m.year().checked_add(k)?, s.month?).filter(|d| *d >= m)
            }),
        }
    }),
    // A day of a month: "Jan 22", "22 Jan", "January 22nd, 2027", "Fri, Dec 4".
    ("?<weekday> <month> ?the <day> ?<year>", month_day),
    ("?<weekday> ?the <day> ?of <month> ?<year>", month_day),
    // Numeric dates only where one reading is possible ("due 12/15", "by 15/12") or a
    // weekday picks one ("Tue 12/8"); "by 12/8" alone reads two ways and gives no date.
    (
        "by|due|on|before|until|till ?<weekday> ?the <numeric>",
        numeric_date,
    ),
    ("<weekday> ?the <numeric>", numeric_date),
    // "by the 3rd": the next such day of a month.
    ("by|on|before|until|till|due|than ?the <ord>", |s, m| {
        next_day_of_month(m, s.day?)
    }),
    ("?the <ord> of ?the|this month", |s, m| {
        next_day_of_month(m, s.day?)
    }),
    ("?the <ord> of next month", |s, m| {
        let (y, mo) = following_month(m)?;
        NaiveDate::from_ymd_opt(y, mo, s.day?)
    }),
    // ISO, as written.
    ("?<weekday> <iso>", |s, _| {
        let date = s.iso?;
        s.weekday
            .is_none_or(|w| w == date.weekday())
            .then_some(date)
    }),
];

/// "EOD" alone; before another day ("EOD Friday", "end of day next Tuesday") it is that day.
const END_OF_DAY: &str = "{eod} ?today|tonight";

/// Times of day after a date ("Friday 3pm", "tomorrow morning", "Monday EOD", "by Friday at
/// the latest"): taken with the phrase so that removing it leaves no stray words.
const TRAILERS: &[&str] = &[
    "morning|afternoon|evening|night|noon|midday|lunch|lunchtime|eod|eob|cob",
    "?at|by <hour> <minutes> ?am|pm",
    "?at|by <hour> am|pm",
    "?at|by <clock>",
    "at <hour>",
    "?at|by noon|midnight",
    "?at ?the latest",
    "latest",
];

/// Phrases for a past day, accepted only on the command line (`--date yesterday`).
const PAST_PHRASES: &[(&str, Resolve)] = &[
    ("yesterday", |_, m| m.checked_sub_days(Days::new(1))),
    ("?the day before yesterday", |_, m| {
        m.checked_sub_days(Days::new(2))
    }),
    ("last|past <weekday>", |s, m| strictly_before(m, s.weekday?)),
    ("last week|wk", |_, m| m.checked_sub_days(Days::new(7))),
    ("?a <num> ?of <unit> ago", |s, m| match s.unit? {
        Unit::Days(d) => m.checked_sub_days(Days::new(u64::from(s.num?) * u64::from(d))),
        Unit::Months => m.checked_sub_months(Months::new(s.num?)),
        Unit::Hours => m.checked_sub_days(Days::new(u64::from(s.num?) / 24)),
    }),
    ("last month|mo", |_, m| m.checked_sub_months(Months::new(1))),
    ("last year|yr", |_, m| m.checked_sub_months(Months::new(12))),
    ("?a <num> year|years|yr|yrs ago", |s, m| {
        m.checked_sub_months(Months::new(s.num?.checked_mul(12)?))
    }),
];

/// Words that introduce a date and leave with it ("find courses by next week").
#[rustfmt::skip]
const LEAD_WORDS: &[&str] = &[
    "by", "due", "before", "until", "till", "til", "on", "for", "sometime", "later",
    "around", "deadline", "eta",
];

/// A word right before a phrase that makes it something other than a due date: a past day
/// ("last Friday", "since Monday"), a repetition ("every Friday"), a start ("from Monday",
/// "starting next month"),
/// a named day ("Black Friday"), or a part of a period no row reads ("early next year").
#[rustfmt::skip]
const REFUSED_BEFORE: &[&str] = &[
    "last", "past", "previous", "prior", "since", "after", "every", "each", "other", "from",
    "starting", "effective", "commencing",
    "of", "early", "mid", "middle", "late", "beginning", "start", "black", "good", "cyber",
    "casual", "not", "between",
];

/// A word right after a phrase that ties it to something else ("the Friday before the
/// offsite"), or makes it read two ways ("Friday after next", "Tuesday next").
const REFUSED_AFTER: &[&str] = &["before", "after", "prior", "ago", "next"];

/// Nouns that make a phrase before them the name of an event rather than a deadline: "the
/// end of year review", "EOQ numbers", "the Friday demo". The note keeps its words and gets
/// no date.
#[rustfmt::skip]
const EVENT_NOUNS: &[&str] = &[
    "review", "reviews", "goal", "goals", "numbers", "report", "reports", "close", "planning",
    "plan", "plans", "party", "retro", "retrospective", "summary", "update", "updates",
    "results", "push", "freeze", "bonus", "bonuses", "target", "targets", "forecast",
    "kickoff", "offsite", "demo", "demos", "sync", "syncs", "meeting", "meetings", "standup",
    "deliverables", "okr", "okrs", "metrics", "recap", "presentation", "cycle", "calibration",
    "release", "deadline", "deadlines", "call", "dinner", "event", "all-hands",
];

/// Words between two days that make them alternatives or a range ("Wed or Thu", "Monday
/// to Wednesday"): the later day is the deadline.
const ALTERNATIVES: &[&str] = &["or", "to", "through", "thru"];

/// Words that may follow a bare ordinal ("by the 3rd and …"); any other word makes it
/// something else ("by the 3rd quarter", "on the 2nd floor").
#[rustfmt::skip]
const AFTER_ORDINAL: &[&str] = &[
    "and", "or", "then", "so", "to", "at", "if", "please", "pls", "with", "for", "latest",
    "eod", "cob", "morning", "afternoon", "evening",
];

/// Words before an abbreviated weekday or an ambiguous month that make it one.
#[rustfmt::skip]
const CONTEXT_WORDS: &[&str] = &[
    "by", "on", "due", "before", "until", "till", "this", "next", "coming", "eod", "eob",
    "cob", "for", "in", "through", "during", "of", "end", "early", "mid", "middle", "late",
    "beginning", "start",
];

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
    ("weds", Weekday::Wed),
    ("thu", Weekday::Thu),
    ("thur", Weekday::Thu),
    ("thurs", Weekday::Thu),
    ("fri", Weekday::Fri),
    ("sat", Weekday::Sat),
    ("sun", Weekday::Sun),
];

/// Abbreviations that are also ordinary words, read as weekdays only after a context word
/// ("by Sat"), or capitalised for "Wed".
const WORDLIKE_WEEKDAYS: &[&str] = &["sat", "sun", "wed"];

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

/// Month names that are also ordinary words ("I may", "march on"): months only when
/// capitalised or after a context word ("in may").
const WORDLIKE_MONTHS: &[&str] = &["may", "march", "mar"];

const NUMBER_WORDS: &[(&str, u32)] = &[
    ("a", 1),
    ("an", 1),
    ("one", 1),
    ("two", 2),
    ("couple", 2),
    ("three", 3),
    ("few", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
    ("twenty", 20),
    ("thirty", 30),
];

const UNITS: &[(&str, Unit)] = &[
    ("day", Unit::Days(1)),
    ("days", Unit::Days(1)),
    ("week", Unit::Days(7)),
    ("weeks", Unit::Days(7)),
    ("wk", Unit::Days(7)),
    ("wks", Unit::Days(7)),
    ("fortnight", Unit::Days(14)),
    ("fortnights", Unit::Days(14)),
    ("month", Unit::Months),
    ("months", Unit::Months),
    ("mo", Unit::Months),
    ("mos", Unit::Months),
    ("day's", Unit::Days(1)),
    ("week's", Unit::Days(7)),
    ("fortnight's", Unit::Days(14)),
    ("month's", Unit::Months),
    ("hour", Unit::Hours),
    ("hours", Unit::Hours),
    ("hr", Unit::Hours),
    ("hrs", Unit::Hours),
];

const PARTS: &[(&str, Part)] = &[
    ("beginning", Part::Start),
    ("start", Part::Start),
    ("early", Part::Early),
    ("mid", Part::Mid),
    ("middle", Part::Mid),
    ("late", Part::Late),
    ("later", Part::Late),
];

/// Parses `YYYY-MM-DD` exactly (the one ISO date reader, in `syntax`).
pub use crate::syntax::parse_iso_date as parse_iso;

fn plus_days(date: NaiveDate, days: u32) -> Option<NaiveDate> {
    date.checked_add_days(Days::new(u64::from(days)))
}

fn plus(date: NaiveDate, n: u32, unit: Unit) -> Option<NaiveDate> {
    match unit {
        Unit::Days(d) => plus_days(date, n.checked_mul(d)?),
        Unit::Months => date.checked_add_months(Months::new(n)),
        Unit::Hours => plus_days(date, n.div_ceil(24)),
    }
}

/// `n` working days (Monday to Friday) after `date`.
fn plus_business_days(date: NaiveDate, n: u32) -> Option<NaiveDate> {
    let mut d = date;
    let mut left = n.min(10_000);
    while left > 0 {
        d = d.succ_opt()?;
        if d.weekday().num_days_from_monday() < 5 {
            left -= 1;
        }
    }
    Some(d)
}

/// The first `weekday` strictly after `date`.
fn strictly_after(date: NaiveDate, weekday: Weekday) -> Option<NaiveDate> {
    let from = date.weekday().num_days_from_monday();
    let to = weekday.num_days_from_monday();
    let ahead = (to + 7 - from) % 7;
    plus_days(date, if ahead == 0 { 7 } else { ahead })
}

/// The last `weekday` strictly before `date`.
fn strictly_before(date: NaiveDate, weekday: Weekday) -> Option<NaiveDate> {
    let from = date.weekday().num_days_from_monday();
    let to = weekday.num_days_from_monday();
    let back = (from + 7 - to) % 7;
    date.checked_sub_days(Days::new(u64::from(if back == 0 { 7 } else { back })))
}

/// `weekday` in the week (Monday to Sunday) after the one holding `date`.
fn in_next_week(date: NaiveDate, weekday: Weekday) -> Option<NaiveDate> {
    let monday =
        date.checked_sub_days(Days::new(u64::from(date.weekday().num_days_from_monday())))?;
    plus_days(monday, 7 + weekday.num_days_from_monday())
}

fn part_of_week(part: Part) -> Weekday {
    match part {
        Part::Start => Weekday::Mon,
        Part::Early => Weekday::Tue,
        Part::Mid => Weekday::Wed,
        Part::Late => Weekday::Fri,
    }
}

fn last_of_month(year: i32, month: u32) -> Option<NaiveDate> {
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    first.checked_add_months(Months::new(1))?.pred_opt()
}

fn part_of_month(part: Part, year: i32, month: u32) -> Option<NaiveDate> {
    match part {
        Part::Start => NaiveDate::from_ymd_opt(year, month, 1),
        Part::Early => NaiveDate::from_ymd_opt(year, month, 10),
        Part::Mid => NaiveDate::from_ymd_opt(year, month, 15),
        Part::Late => last_of_month(year, month),
    }
}

/// The month after `date`'s, as (year, month).
fn following_month(date: NaiveDate) -> Option<(i32, u32)> {
    if date.month() == 12 {
        Some((date.year().checked_add(1)?, 1))
    } else {
        Some((date.year(), date.month() + 1))
    }
}

/// `month` in `year` when given, else its next occurrence that has not ended: a month has
/// not ended on its last day, so "by November" said on November 30 is that day.
fn month_not_ended(meeting: NaiveDate, month: u32, year: Option<i32>) -> Option<(i32, u32)> {
    match year {
        Some(y) => Some((y, month)),
        None if month >= meeting.month() => Some((meeting.year(), month)),
        None => Some((meeting.year().checked_add(1)?, month)),
    }
}

/// The last day of period `n` (a quarter when `months` is 3, a half when 6), in `year` when
/// given, else the next one that has not ended.
fn period_not_ended(
    meeting: NaiveDate,
    n: u32,
    months: u32,
    year: Option<i32>,
) -> Option<NaiveDate> {
    let last_month = n * months;
    let year = match year {
        Some(y) => y,
        None if last_month >= meeting.month() => meeting.year(),
        None => meeting.year().checked_add(1)?,
    };
    last_of_month(year, last_month)
}

fn end_of_quarter_checked(date: NaiveDate) -> Option<NaiveDate> {
    last_of_month(date.year(), quarter_of(date) * 3)
}

/// The next `day` of a month on or after `meeting` (months without that day are skipped).
fn next_day_of_month(meeting: NaiveDate, day: u32) -> Option<NaiveDate> {
    let first = meeting.with_day(1)?;
    (0..3).find_map(|k| {
        first
            .checked_add_months(Months::new(k))?
            .with_day(day)
            .filter(|d| *d >= meeting)
    })
}

/// A month and day, with a year as written or else the next occurrence on or after the
/// meeting; a weekday given with it must agree.
fn month_day(s: &Slots, meeting: NaiveDate) -> Option<NaiveDate> {
    let (month, day) = (s.month?, s.day?);
    let date = match s.year {
        Some(y) => NaiveDate::from_ymd_opt(y, month, day)?,
        // February 29 comes back within eight years.
        None => (0..=8).find_map(|k| {
            NaiveDate::from_ymd_opt(meeting.year().checked_add(k)?, month, day)
                .filter(|d| *d >= meeting)
        })?,
    };
    s.weekday
        .is_none_or(|w| w == date.weekday())
        .then_some(date)
}

/// A numeric date: month/day or day/month, whichever is a date (and the given weekday);
/// `None` when both are.
fn numeric_date(s: &Slots, meeting: NaiveDate) -> Option<NaiveDate> {
    let (a, b, year) = s.numeric?;
    let mut dates: Vec<NaiveDate> = [(a, b), (b, a)]
        .into_iter()
        .filter_map(|(month, day)| {
            month_day(
                &Slots {
                    month: Some(month),
                    day: Some(day),
                    year,
                    ..*s
                },
                meeting,
            )
        })
        .collect();
    dates.dedup();
    match dates[..] {
        [date] => Some(date),
        _ => None,
    }
}

/// "Tuesday the 8th": the next 8th on or after the meeting, if it is that weekday.
fn day_with_weekday(s: &Slots, meeting: NaiveDate) -> Option<NaiveDate> {
    let weekday = s.weekday?;
    next_day_of_month(meeting, s.day?).filter(|d| d.weekday() == weekday)
}

/// The first `weekday` strictly after `date` (the same day a week later when it is one).
pub fn next_weekday_after(date: NaiveDate, weekday: Weekday) -> NaiveDate {
    strictly_after(date, weekday).unwrap_or(date)
}

/// The last day of `date`'s calendar month.
pub fn end_of_month(date: NaiveDate) -> NaiveDate {
    last_of_month(date.year(), date.month()).unwrap_or(date)
}

/// The last day of `date`'s calendar quarter.
pub fn end_of_quarter(date: NaiveDate) -> NaiveDate {
    end_of_quarter_checked(date).unwrap_or(date)
}

/// The quarter (1..=4) of a date.
pub fn quarter_of(date: NaiveDate) -> u32 {
    date.month0() / 3 + 1
}

/// What reading at one word found.
enum Found {
    /// A date phrase, and the index of the table row that read it.
    Date(DateMatch, usize),
    /// A phrase that reads as a date but is not one: the note gets no date.
    Unreadable,
}

/// Reads a phrase of `rows` starting at token `i`, with its lead words and time of day.
fn phrase_at(
    text: &str,
    tokens: &[Token],
    i: usize,
    rows: &[Row],
    meeting: NaiveDate,
) -> Option<Found> {
    let cursor = Cursor {
        text,
        tokens,
        start: i,
    };
    let at = |start: usize| Cursor { start, ..cursor }.longest(rows);
    let (mut core_end, mut slots, mut row) = cursor.longest(rows)?;
    // A longer phrase starting inside this one is the one meant: "by Jan 22" is January 22,
    // not "by Jan".
    if (i + 1..core_end).any(|j| at(j).is_some_and(|(end, _, _)| end > core_end)) {
        return None;
    }
    if refused_before(&cursor, i) {
        return None;
    }
    // "EOD Thursday", "end of day on Friday": the day named after it is the one meant.
    if rows[row].end_of_day && cursor.spaced(core_end) {
        let next = match tokens.get(core_end) {
            Some(t) if t.lower == "on" => core_end + 1,
            _ => core_end,
        };
        if let Some((end, s, r)) = at(next).filter(|(_, _, r)| !rows[*r].end_of_day) {
            (core_end, slots, row) = (end, s, r);
        }
    }
    let mut end = cursor.trailer(core_end);
    if refused_after(&cursor, core_end, end, slots.ends_with_ordinal) {
        return None;
    }
    let first = lead_start(tokens, i);
    if first.checked_sub(1).is_some_and(|p| {
        let before = tokens[p].lower.as_str();
        before == "not" || UNITS.iter().any(|(unit, _)| *unit == before)
    }) {
        return None;
    }
    let Some(mut date) = (rows[row].resolve)(&slots, meeting) else {
        return Some(Found::Unreadable);
    };
    if let Some(next) = cursor.alternative(end)
        && let Some((second_end, s, r)) = at(next)
    {
        let Some(second) = later_bound(rows[r].resolve, &s, date, meeting) else {
            return Some(Found::Unreadable);
        };
        date = second;
        end = cursor.trailer(second_end);
    }
    if !ends_clean(text, tokens[end - 1].end) {
        return None;
    }
    let mut words = tokens[first].start..tokens[end - 1].end;
    // The dot of a final abbreviation belongs to it ("by Fri."), not to the rest.
    if is_abbreviation(&tokens[end - 1].lower) && text[words.end..].starts_with('.') {
        words.end += 1;
    }
    Some(Found::Date(
        DateMatch {
            date,
            span: widen(text, words.clone()),
            phrase: text[words].to_owned(),
        },
        row,
    ))
}

/// Whether what comes before token `i` makes the phrase no deadline: an amount sign
/// (`$22`), an article before a weekday ("the Monday outage", "pick a Friday": a day of
/// something), or a word of [`REFUSED_BEFORE`] ("last Friday", "every Monday").
fn refused_before(cursor: &Cursor<'_>, i: usize) -> bool {
    let tokens = cursor.tokens;
    if !starts_clean(cursor.text, &tokens[i]) {
        return true;
    }
    if i == 0 || !cursor.spaced(i) {
        return false;
    }
    let before = tokens[i - 1].lower.as_str();
    let article_day = matches!(before, "the" | "a" | "an")
        && WEEKDAYS.iter().any(|(name, _)| *name == tokens[i].lower);
    article_day || REFUSED_BEFORE.contains(&before)
}

/// Whether what follows the phrase makes it something else: a bare ordinal followed by a
/// word other than [`AFTER_ORDINAL`] ("the 3rd quarter"), or a word of [`REFUSED_AFTER`]
/// or [`EVENT_NOUNS`] ("Friday after next", "the EOQ numbers").
fn refused_after(cursor: &Cursor<'_>, core_end: usize, end: usize, ordinal: bool) -> bool {
    let tokens = cursor.tokens;
    let ordinal_noun = ordinal
        && tokens.get(core_end).is_some_and(|next| {
            cursor.spaced(core_end) && !AFTER_ORDINAL.contains(&next.lower.as_str())
        });
    let tied = tokens.get(end).is_some_and(|next| {
        cursor.spaced(end)
            && (REFUSED_AFTER.contains(&next.lower.as_str())
                || EVENT_NOUNS.contains(&next.lower.as_str()))
    });
    ordinal_noun || tied
}

/// The later bound of a range or alternative ("Wed or Thu", "Mon-Wed"): the second
/// phrase resolved on or after the first's date; `None` when it cannot be.
fn later_bound(
    resolve: Resolve,
    slots: &Slots,
    first: NaiveDate,
    meeting: NaiveDate,
) -> Option<NaiveDate> {
    // "Mon-Wed" said on a Monday is next Monday to the Wednesday after it.
    resolve(slots, meeting)
        .filter(|d| *d >= first)
        .or_else(|| resolve(slots, first).filter(|d| (*d - first).num_days() <= 7))
}

/// The first token of the phrase once its lead words are taken: "due by", "no later than",
/// "by 3pm" before "tomorrow".
fn lead_start(tokens: &[Token], i: usize) -> usize {
    let mut first = i;
    while let Some(prev) = first.checked_sub(1).map(|p| tokens[p].lower.as_str()) {
        if prev == "later"
            && first >= 2
            && tokens[first].lower == "than"
            && matches!(tokens[first - 2].lower.as_str(), "no" | "not")
        {
            // "not later than the 15th": the row took "than".
            first -= 2;
        } else if LEAD_WORDS.contains(&prev) || in_before_part(tokens, first) {
            first -= 1;
        } else if prev == "or"
            && first >= 2
            && tokens[first - 2].lower == "on"
            && matches!(tokens[first].lower.as_str(), "before" | "by")
        {
            first -= 2;
        } else if prev == "than"
            && first >= 3
            && tokens[first - 2].lower == "later"
            && matches!(tokens[first - 3].lower.as_str(), "no" | "not")
        {
            first -= 3;
        } else if is_clock(prev) {
            first -= 1;
            if first > 0 && tokens[first - 1].lower == "at" {
                first -= 1;
            }
        } else {
            break;
        }
    }
    first
}

/// Verbs that take "in" as their own particle ("check in", "loop in"): the "in" after
/// them stays with the verb.
const PHRASAL_IN: &[&str] = &[
    "check", "chime", "dial", "drop", "factor", "fill", "hand", "lock", "log", "loop", "move",
    "opt", "pencil", "phase", "plug", "sign", "sit", "step", "swap", "tune", "turn", "weigh",
];

/// Whether the token before `first` is an "in" that goes with a part of a month ("in early
/// October", "in mid-March"), not with a verb before it ("check in early March").
fn in_before_part(tokens: &[Token], first: usize) -> bool {
    let is_part = PARTS.iter().any(|(name, _)| *name == tokens[first].lower);
    let verb_before = first
        .checked_sub(2)
        .is_some_and(|p| PHRASAL_IN.contains(&tokens[p].lower.as_str()));
    is_part && first >= 1 && tokens[first - 1].lower == "in" && !verb_before
}

/// A shortened weekday or month name ("Fri", "Sept"), which may carry a dot.
fn is_abbreviation(word: &str) -> bool {
    let short = |name: &&str| name.len() <= 5 && *name == word;
    WEEKDAYS.iter().map(|(n, _)| n).any(short)
        || MONTHS.iter().map(|(n, _)| n).any(short)
            && !matches!(word, "may" | "june" | "july" | "march" | "april")
}

fn is_clock(word: &str) -> bool {
    let hour = word.strip_suffix("am").or_else(|| word.strip_suffix("pm"));
    hour.and_then(|h| digits(h, 2)).is_some()
        || matches!(word, "noon" | "midday" | "lunch" | "lunchtime")
}

/// Widens the words' range over enclosing brackets and an Obsidian Tasks due marker.
fn widen(text: &str, words: Range<usize>) -> Range<usize> {
    let (mut start, mut end) = (words.start, words.end);
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
    let after_trimmed = text[end..].trim_start();
    for (open, close) in [('(', ')'), ('[', ']')] {
        if before.ends_with(open) && after_trimmed.starts_with(close) {
            start = before.len() - 1;
            end = text.len() - after_trimmed.len() + 1;
            break;
        }
    }
    start..end
}

/// Finds the first date phrase in `text`, resolved against the meeting date. A phrase that
/// reads as a date but is not one ("Feb 30") gives `None` for the whole text.
pub fn find_date(text: &str, meeting: NaiveDate) -> Option<DateMatch> {
    find_in(text, meeting, &ROWS).map(|(m, _)| m)
}

/// The first date phrase of `rows` in `text`, with the row that read it.
fn find_in(text: &str, meeting: NaiveDate, rows: &[Row]) -> Option<(DateMatch, usize)> {
    let tokens = tokenize(text);
    for i in 0..tokens.len() {
        match phrase_at(text, &tokens, i, rows, meeting) {
            Some(Found::Date(m, row)) => return Some((m, row)),
            Some(Found::Unreadable) => return None,
            None => {}
        }
    }
    None
}

/// A number with a currency sign before it (`$22`) is an amount, not a day.
fn starts_clean(text: &str, tok: &Token) -> bool {
    !text[..tok.start].ends_with(['$', '€', '£', '#', '@', '/', '.', ':', '+'])
}

/// A phrase followed by `%`, a path or a domain (`monday.com`) is not a date.
fn ends_clean(text: &str, end: usize) -> bool {
    let rest = &text[end..];
    let dotted = rest
        .strip_prefix('.')
        .is_some_and(|r| r.starts_with(char::is_alphanumeric));
    !dotted && !rest.starts_with(['%', '/', '$', '€', '£', '@', '+'])
}

/// Removes `span` from `text` and tidies the seam: no doubled spaces, no space before
/// punctuation, no dangling comma, colon or dash at either end.
pub fn remove_span(text: &str, span: Range<usize>) -> String {
    let left = text[..span.start].trim_end();
    let right = text[span.end..].trim_start();
    let right = if left.is_empty() {
        right
            .trim_start_matches([',', ';', ':', '-', '–', '—'])
            .trim_start()
    } else {
        right
    };
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
        .trim_end_matches([',', ';', ':', '-', '–', '—'])
        .trim_end()
        .to_owned()
}

/// Resolves a whole phrase ("next friday", "by EOW", "Jan 22", "2026-01-22") against
/// `meeting`; `None` unless the entire phrase is one date.
pub fn resolve_phrase(phrase: &str, meeting: NaiveDate) -> Option<NaiveDate> {
    whole(phrase, meeting, &ROWS)
}

fn whole(phrase: &str, meeting: NaiveDate, rows: &[Row]) -> Option<NaiveDate> {
    let phrase = phrase
        .trim()
        .trim_end_matches(['.', ',', ';', '!'])
        .trim_end();
    let (m, _) = find_in(phrase, meeting, rows)?;
    (m.span == (0..phrase.len())).then_some(m.date)
}

/// Reads a `--date` argument against `today`: ISO, a past day ("yesterday", "last friday",
/// "3 days ago", "last week", "last month"), or any phrase the notes accept ("tomorrow", "next monday").
/// Numeric dates other than ISO (`02/01/2026`) are refused: they read differently on
/// either side of the Atlantic.
///
/// # Errors
/// [`DateArgError::Unrecognised`] when nothing reads it as a date.
pub fn parse_date_arg(s: &str, today: NaiveDate) -> Result<NaiveDate, DateArgError> {
    let trimmed = s.trim();
    parse_iso(trimmed)
        .or_else(|| whole(trimmed, today, &PAST_ROWS))
        .or_else(|| resolve_phrase(trimmed, today))
        .ok_or_else(|| DateArgError::Unrecognised(s.to_owned()))
}

#[cfg(test)]
mod tests;
