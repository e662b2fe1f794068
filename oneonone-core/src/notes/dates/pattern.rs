//! The pattern language of the phrase table: words of a note, patterns parsed from the
//! table's strings, and matching them word by word.

use super::*;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// One word of the text with its byte range, lowercased for matching.
#[derive(Debug, Clone)]
pub(super) struct Token {
    pub(super) lower: String,
    pub(super) capitalised: bool,
    pub(super) start: usize,
    pub(super) end: usize,
}

/// Splits text into words. Digits joined by hyphens or slashes stay one word ("2026-01-22",
/// "5-6", "12/15", "24/7"), so a range, a ratio or a date is never read in pieces; letters
/// joined by a hyphen are two words ("mid-February", "end-of-month").
pub(super) fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut start: Option<usize> = None;
    let mut prev: Option<char> = None;
    for (i, c) in text.char_indices() {
        let before = prev.replace(c);
        if c.is_alphanumeric() {
            start.get_or_insert(i);
            continue;
        }
        let Some(s) = start else { continue };
        let next = text[i + c.len_utf8()..].chars().next();
        let joins = match c {
            '\'' | '’' => next.is_some_and(char::is_alphanumeric),
            '-' => {
                next.is_some_and(char::is_alphanumeric)
                    && !(before.is_some_and(char::is_alphabetic)
                        && next.is_some_and(char::is_alphabetic))
            }
            '/' => {
                before.is_some_and(|p| p.is_ascii_digit())
                    && next.is_some_and(|n| n.is_ascii_digit())
            }
            _ => false,
        };
        if !joins {
            tokens.push(token(text, s, i));
            start = None;
        }
    }
    if let Some(s) = start {
        tokens.push(token(text, s, text.len()));
    }
    tokens
}

pub(super) fn token(text: &str, start: usize, end: usize) -> Token {
    let word = &text[start..end];
    Token {
        lower: word.to_lowercase(),
        capitalised: word.chars().next().is_some_and(char::is_uppercase),
        start,
        end,
    }
}

/// One element of a parsed pattern.
#[derive(Debug)]
pub(super) enum Atom {
    Words(Vec<String>),
    Slot(Slot),
    Group(Vec<Vec<Item>>),
}

#[derive(Debug)]
pub(super) struct Item {
    optional: bool,
    atom: Atom,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Slot {
    Weekday,
    Month,
    Num,
    Unit,
    Day,
    Ordinal,
    Year,
    Quarter,
    Half,
    Part,
    Iso,
    Numeric,
    Hour,
    Minutes,
    Clock,
}

/// Expands the `{end}` and `{eod}` shorthands of a pattern.
pub(super) fn expand(pattern: &'static str) -> String {
    pattern.replace("{end}", "(?the end of ?the)").replace(
        "{eod}",
        "(eod|eob|cob / ?the end|close of ?the day|business|play)",
    )
}

/// Splits at spaces outside parentheses.
pub(super) fn split_top(s: &str, sep: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut depth = 0usize;
    let mut current = String::new();
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        if depth == 0 && rest.starts_with(sep) {
            parts.push(std::mem::take(&mut current));
            rest = &rest[sep.len()..];
            continue;
        }
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ => {}
        }
        current.push(c);
        rest = &rest[c.len_utf8()..];
    }
    parts.push(current);
    parts.into_iter().filter(|p| !p.is_empty()).collect()
}

pub(super) fn parse_pattern(pattern: &str) -> Vec<Item> {
    split_top(pattern, " ")
        .into_iter()
        .map(|part| {
            let (optional, body) = match part.strip_prefix('?') {
                Some(rest) => (true, rest.to_owned()),
                None => (false, part),
            };
            let atom = if let Some(inner) = body.strip_prefix('(').and_then(|b| b.strip_suffix(')'))
            {
                Atom::Group(
                    split_top(inner, " / ")
                        .iter()
                        .map(|s| parse_pattern(s))
                        .collect(),
                )
            } else if let Some(name) = body.strip_prefix('<').and_then(|b| b.strip_suffix('>')) {
                Atom::Slot(slot_named(name))
            } else {
                Atom::Words(body.split('|').map(str::to_owned).collect())
            };
            Item { optional, atom }
        })
        .collect()
}

pub(super) fn slot_named(name: &str) -> Slot {
    match name {
        "weekday" => Slot::Weekday,
        "month" => Slot::Month,
        "num" => Slot::Num,
        "unit" => Slot::Unit,
        "day" => Slot::Day,
        "ord" => Slot::Ordinal,
        "year" => Slot::Year,
        "q" => Slot::Quarter,
        "h" => Slot::Half,
        "part" => Slot::Part,
        "iso" => Slot::Iso,
        "numeric" => Slot::Numeric,
        "hour" => Slot::Hour,
        "minutes" => Slot::Minutes,
        "clock" => Slot::Clock,
        other => unreachable!("unknown slot <{other}> in a date pattern"),
    }
}

pub(super) struct Row {
    pub(super) items: Vec<Item>,
    pub(super) resolve: Resolve,
    /// The row is [`END_OF_DAY`].
    pub(super) end_of_day: bool,
    /// What its first word may be, so that most words of a note try no row at all.
    pub(super) first: Firsts,
}

/// The literal words and kinds of slot a pattern may start with.
#[derive(Debug, Default)]
pub(super) struct Firsts {
    words: Vec<String>,
    /// A bit per [`Slot`], as in [`slot_mask`].
    slots: u32,
}

impl Firsts {
    pub(super) fn of(items: &[Item]) -> Firsts {
        let mut firsts = Firsts::default();
        firsts.collect(items);
        firsts
    }

    pub(super) fn collect(&mut self, items: &[Item]) {
        for item in items {
            match &item.atom {
                Atom::Words(words) => self.words.extend(words.iter().cloned()),
                Atom::Slot(slot) => self.slots |= 1 << *slot as u32,
                Atom::Group(alternatives) => alternatives.iter().for_each(|a| self.collect(a)),
            }
            if !item.optional {
                break;
            }
        }
    }
}

/// The kinds of slot `word` might fill, a bit per [`Slot`] (a loose test; the match
/// decides).
pub(super) fn slot_mask(word: &str) -> u32 {
    static NAMED: LazyLock<HashMap<&'static str, u32>> = LazyLock::new(|| {
        let mut named: HashMap<&'static str, u32> = HashMap::new();
        let mut add = |word: &'static str, slot: Slot| {
            *named.entry(word).or_default() |= 1 << slot as u32;
        };
        WEEKDAYS.iter().for_each(|(n, _)| add(n, Slot::Weekday));
        MONTHS.iter().for_each(|(n, _)| add(n, Slot::Month));
        NUMBER_WORDS.iter().for_each(|(n, _)| add(n, Slot::Num));
        UNITS.iter().for_each(|(n, _)| add(n, Slot::Unit));
        PARTS.iter().for_each(|(n, _)| add(n, Slot::Part));
        named
    });
    const DIGIT_SLOTS: [Slot; 9] = [
        Slot::Num,
        Slot::Day,
        Slot::Ordinal,
        Slot::Year,
        Slot::Iso,
        Slot::Numeric,
        Slot::Hour,
        Slot::Minutes,
        Slot::Clock,
    ];
    let mut mask = NAMED.get(word).copied().unwrap_or(0);
    if word.starts_with(|c: char| c.is_ascii_digit()) {
        mask |= DIGIT_SLOTS.iter().fold(0, |m, s| m | 1 << *s as u32);
    }
    if word.starts_with('q') {
        mask |= 1 << Slot::Quarter as u32;
    }
    if word.starts_with('h') {
        mask |= 1 << Slot::Half as u32;
    }
    mask
}

/// Every literal word some row may start with.
pub(super) static FIRST_WORDS: LazyLock<HashSet<String>> = LazyLock::new(|| {
    ROWS.iter()
        .chain(PAST_ROWS.iter())
        .flat_map(|row| row.first.words.iter().cloned())
        .collect()
});

pub(super) fn compile(table: &[(&'static str, Resolve)]) -> Vec<Row> {
    table
        .iter()
        .map(|&(pattern, resolve)| {
            let items = parse_pattern(&expand(pattern));
            Row {
                first: Firsts::of(&items),
                items,
                resolve,
                end_of_day: pattern == END_OF_DAY,
            }
        })
        .collect()
}

pub(super) static ROWS: LazyLock<Vec<Row>> = LazyLock::new(|| compile(PHRASES));
pub(super) static PAST_ROWS: LazyLock<Vec<Row>> = LazyLock::new(|| compile(PAST_PHRASES));
pub(super) static TRAILER_ROWS: LazyLock<Vec<Vec<Item>>> =
    LazyLock::new(|| TRAILERS.iter().map(|p| parse_pattern(&expand(p))).collect());

/// The text being matched and where the phrase began.
pub(super) struct Cursor<'a> {
    pub(super) text: &'a str,
    pub(super) tokens: &'a [Token],
    pub(super) start: usize,
}

impl Cursor<'_> {
    /// All the ways `items` match from token `pos`: (token index after, captures).
    pub(super) fn matches(
        &self,
        items: &[Item],
        pos: usize,
        slots: Slots,
        out: &mut Vec<(usize, Slots)>,
    ) {
        let Some((item, rest)) = items.split_first() else {
            out.push((pos, slots));
            return;
        };
        if item.optional {
            self.matches(rest, pos, slots, out);
        }
        match &item.atom {
            Atom::Group(alternatives) => {
                let mut inner = Vec::new();
                for alternative in alternatives {
                    self.matches(alternative, pos, slots, &mut inner);
                }
                for (next, s) in inner {
                    // An empty alternative would loop on an optional group; it never moves.
                    if next > pos {
                        self.matches(rest, next, s, out);
                    }
                }
            }
            atom => {
                if let Some(s) = self.word(atom, pos, slots) {
                    self.matches(rest, pos + 1, s, out);
                }
            }
        }
    }

    /// Matches one word against a word list or slot.
    pub(super) fn word(&self, atom: &Atom, pos: usize, mut slots: Slots) -> Option<Slots> {
        let tok = self.tokens.get(pos)?;
        if pos > self.start && !self.gap_ok(pos) {
            return None;
        }
        slots.ends_with_ordinal = false;
        match atom {
            Atom::Words(words) => words.contains(&tok.lower).then_some(slots),
            Atom::Group(_) => None,
            Atom::Slot(slot) => self.slot(slot, pos, slots),
        }
    }

    /// Reads the word at `pos` into `slot`; a slot that reads the word but refuses it in
    /// context ("may" as a month) matches nothing.
    fn slot(&self, slot: &Slot, pos: usize, mut slots: Slots) -> Option<Slots> {
        let w = self.tokens[pos].lower.as_str();
        match slot {
            Slot::Weekday => slots.weekday = Some(self.weekday_at(pos)?),
            Slot::Month => slots.month = Some(self.month_at(pos)?),
            Slot::Num => slots.num = Some(count_of(w)?),
            Slot::Unit => slots.unit = Some(UNITS.iter().find(|(n, _)| *n == w)?.1),
            Slot::Day => slots.day = Some(day_of(w, false)?),
            Slot::Ordinal => {
                slots.day = Some(day_of(w, true)?);
                slots.ends_with_ordinal = true;
            }
            Slot::Year => slots.year = Some(self.year_at(pos)?),
            Slot::Quarter => {
                // "Q1'27" is one word.
                let (q, yy) = match w.split_once(['\'', '’']) {
                    Some((q, yy)) => (q, Some(digits(yy, 2)?.parse::<i32>().ok()? + 2000)),
                    None => (w, None),
                };
                slots.quarter = Some(numbered(q, 'q', 4)?);
                slots.year = slots.year.or(yy);
            }
            Slot::Half => slots.half = Some(numbered(w, 'h', 2)?),
            Slot::Part => slots.part = Some(PARTS.iter().find(|(n, _)| *n == w)?.1),
            Slot::Iso => slots.iso = Some(parse_iso(w)?),
            Slot::Numeric => slots.numeric = Some(numeric_of(w)?),
            Slot::Hour => {
                let h: u32 = digits(w, 2)?.parse().ok()?;
                (h <= 24).then_some(())?;
            }
            Slot::Minutes => self.minutes_at(pos).then_some(())?,
            Slot::Clock => {
                let h = w.strip_suffix("am").or_else(|| w.strip_suffix("pm"))?;
                let h: u32 = digits(h, 2)?.parse().ok()?;
                (1..=12).contains(&h).then_some(())?;
            }
        }
        Some(slots)
    }

    /// The weekday at `pos`; a short form that is also a word ("sat", "sun") only after
    /// a context word, before a date part, or "Wed" capitalised.
    fn weekday_at(&self, pos: usize) -> Option<Weekday> {
        let tok = &self.tokens[pos];
        let w = tok.lower.as_str();
        let (_, day) = WEEKDAYS.iter().find(|(n, _)| *n == w)?;
        let ok = !WORDLIKE_WEEKDAYS.contains(&w)
            || self.after_context(pos)
            || self.before_date_part(pos)
            || (w == "wed" && tok.capitalised);
        ok.then_some(*day)
    }

    /// The month at `pos`; one that is also a word ("may", "march") only capitalised or
    /// after a context word.
    fn month_at(&self, pos: usize) -> Option<u32> {
        let tok = &self.tokens[pos];
        let w = tok.lower.as_str();
        let (_, m) = MONTHS.iter().find(|(n, _)| *n == w)?;
        let ok = !WORDLIKE_MONTHS.contains(&w) || tok.capitalised || self.after_context(pos);
        ok.then_some(*m)
    }

    /// The year at `pos`: four digits, or two after an apostrophe ("'27").
    fn year_at(&self, pos: usize) -> Option<i32> {
        let tok = &self.tokens[pos];
        let gap = &self.text[self.tokens[pos.checked_sub(1)?].end..tok.start];
        if gap.trim_start().starts_with(['\'', '’']) {
            Some(2000 + i32::try_from(digits(&tok.lower, 2)?.parse::<u32>().ok()?).ok()?)
        } else {
            year_of(&tok.lower)
        }
    }

    /// Whether the word at `pos` is the minutes of a time after a colon ("3:30pm").
    fn minutes_at(&self, pos: usize) -> bool {
        let tok = &self.tokens[pos];
        let Some(prev) = pos.checked_sub(1) else {
            return false;
        };
        let gap = &self.text[self.tokens[prev].end..tok.start];
        let w = tok.lower.as_str();
        let m = w
            .strip_suffix("am")
            .or_else(|| w.strip_suffix("pm"))
            .unwrap_or(w);
        gap == ":" && m.len() == 2 && m.parse::<u32>().is_ok_and(|n| n < 60)
    }

    /// Whether the word after `pos` is a month or a number ("Sun Dec 6", "Sat 5th").
    pub(super) fn before_date_part(&self, pos: usize) -> bool {
        self.tokens.get(pos + 1).is_some_and(|t| {
            t.lower.starts_with(|c: char| c.is_ascii_digit())
                || MONTHS.iter().any(|(n, _)| *n == t.lower)
        })
    }

    /// Whether the word before `pos` makes an ambiguous word a date word.
    pub(super) fn after_context(&self, pos: usize) -> bool {
        pos.checked_sub(1)
            .and_then(|p| self.tokens.get(p))
            .is_some_and(|t| CONTEXT_WORDS.contains(&t.lower.as_str()))
    }

    /// What may stand between two words of one phrase: spaces, a hyphen ("mid-Feb"), the
    /// dot of an abbreviation ("Jan. 22"), a comma before a date part ("Friday, Dec 4",
    /// "Jan 22, 2027"), the colon of a time ("3:30").
    pub(super) fn gap_ok(&self, pos: usize) -> bool {
        let prev = &self.tokens[pos - 1];
        let next = &self.tokens[pos];
        let gap = &self.text[prev.end..next.start];
        // The gap without its spaces, read without allocating: this runs for every word.
        let mut buf = [0u8; 4];
        let mut len = 0;
        for b in gap.bytes().filter(|b| !b.is_ascii_whitespace()) {
            if len == buf.len() {
                return false;
            }
            buf[len] = b;
            len += 1;
        }
        match std::str::from_utf8(&buf[..len]).unwrap_or("") {
            "" | "-" => true,
            "." => is_abbreviation(&prev.lower),
            "," | ".," => {
                next.lower.starts_with(|c: char| c.is_ascii_digit())
                    || MONTHS.iter().any(|(n, _)| *n == next.lower)
            }
            ":" => gap == ":",
            // "in 2 weeks' time"
            "'" | "’" => {
                (prev.lower.ends_with('s') && gap.starts_with(['\'', '’']))
                    || (next.lower.len() == 2 && gap.ends_with(['\'', '’']))
            }
            _ => false,
        }
    }

    /// The longest match of any row at token `start`: (end, captures, row index).
    pub(super) fn longest(&self, rows: &[Row]) -> Option<(usize, Slots, usize)> {
        let word = self.tokens.get(self.start)?.lower.as_str();
        let mask = slot_mask(word);
        if mask == 0 && !FIRST_WORDS.contains(word) {
            return None;
        }
        let mut best: Option<(usize, Slots, usize)> = None;
        for (r, row) in rows.iter().enumerate() {
            if row.first.slots & mask == 0 && !row.first.words.iter().any(|w| w == word) {
                continue;
            }
            let mut out = Vec::new();
            self.matches(&row.items, self.start, Slots::default(), &mut out);
            for (end, slots) in out {
                if end > self.start && best.as_ref().is_none_or(|b| end > b.0) {
                    best = Some((end, slots, r));
                }
            }
        }
        best
    }

    /// The token index after the longest trailing time of day at `pos`, or `pos`.
    pub(super) fn trailer(&self, pos: usize) -> usize {
        let cursor = Cursor {
            start: pos,
            ..*self
        };
        let mut end = pos;
        for items in TRAILER_ROWS.iter() {
            let mut out = Vec::new();
            cursor.matches(items, pos, Slots::default(), &mut out);
            for (e, _) in out {
                let at_sign = pos > 0 && pos < self.tokens.len() && {
                    let gap = &self.text[self.tokens[pos - 1].end..self.tokens[pos].start];
                    gap.trim() == "@"
                };
                if e > end && (cursor.gap_ok_from(pos) || at_sign) {
                    end = e;
                }
            }
        }
        end
    }

    /// Whether only spaces stand between the word at `pos` and the one before.
    pub(super) fn spaced(&self, pos: usize) -> bool {
        pos > 0
            && pos < self.tokens.len()
            && self.text[self.tokens[pos - 1].end..self.tokens[pos].start]
                .chars()
                .all(char::is_whitespace)
    }

    /// Where a second day starts after a phrase ending at `end`: "Wed or Thu", "Monday to
    /// Wednesday", "Mon-Wed", "Thursday/Friday".
    pub(super) fn alternative(&self, end: usize) -> Option<usize> {
        let next = self.tokens.get(end)?;
        let gap = &self.text[self.tokens[end - 1].end..next.start];
        if matches!(gap, "-" | "–" | "/") {
            return Some(end);
        }
        (self.spaced(end) && ALTERNATIVES.contains(&next.lower.as_str()) && self.spaced(end + 1))
            .then_some(end + 1)
    }

    /// Whether the phrase may continue at `pos` (plain spaces after the previous word).
    pub(super) fn gap_ok_from(&self, pos: usize) -> bool {
        pos == 0 || pos >= self.tokens.len() || {
            let gap = &self.text[self.tokens[pos - 1].end..self.tokens[pos].start];
            gap.chars().all(char::is_whitespace)
        }
    }
}

pub(super) fn digits(w: &str, max: usize) -> Option<&str> {
    (!w.is_empty() && w.len() <= max && w.bytes().all(|b| b.is_ascii_digit())).then_some(w)
}

/// A day of the month: `22`, or with `ordinal` only `22nd`, `1st`, `3rd`, `4th`.
pub(super) fn day_of(word: &str, ordinal: bool) -> Option<u32> {
    let stripped = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|suffix| word.strip_suffix(suffix));
    let d = match stripped {
        Some(d) => d,
        None if ordinal => return None,
        None => word,
    };
    let d: u32 = digits(d, 2)?.parse().ok()?;
    (1..=31).contains(&d).then_some(d)
}

pub(super) fn year_of(word: &str) -> Option<i32> {
    let y: i32 = digits(word, 4)?.parse().ok()?;
    (1900..=2199).contains(&y).then_some(y)
}

pub(super) fn count_of(word: &str) -> Option<u32> {
    if let Some(d) = digits(word, 3) {
        return d.parse().ok();
    }
    NUMBER_WORDS
        .iter()
        .find(|(w, _)| *w == word)
        .map(|(_, n)| *n)
}

/// `12/15`, `15/12`, `12/15/2026`, `15/12/26` when some reading is a calendar day.
pub(super) fn numeric_of(word: &str) -> Option<(u32, u32, Option<i32>)> {
    let mut parts = word.split('/');
    let a: u32 = digits(parts.next()?, 2)?.parse().ok()?;
    let b: u32 = digits(parts.next()?, 2)?.parse().ok()?;
    let year = match parts.next() {
        Some(y) if y.len() == 2 => {
            Some(2000 + i32::try_from(digits(y, 2)?.parse::<u32>().ok()?).ok()?)
        }
        Some(y) => Some(year_of(y)?),
        None => None,
    };
    if parts.next().is_some() {
        return None;
    }
    let possible = |month: u32, day: u32| (1..=12).contains(&month) && (1..=31).contains(&day);
    (possible(a, b) || possible(b, a)).then_some((a, b, year))
}

/// `q3` → 3, `h1` → 1.
pub(super) fn numbered(word: &str, letter: char, max: u32) -> Option<u32> {
    let n: u32 = word.strip_prefix(letter)?.parse().ok()?;
    (1..=max).contains(&n).then_some(n)
}
