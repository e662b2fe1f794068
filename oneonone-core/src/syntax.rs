//! The markdown line syntax, in one place: what a line of a running document is.
//!
//! The document parser, the history scanner (`timeline`), the merge driver, processing and
//! archiving all read lines through these primitives, so a rule (a tab's width, what closes
//! a fence, which heading counts, what makes two items the same) changes here once and
//! everywhere. Each function reads one line or one item's text; none recurses.
//!
//! ```
//! use oneonone_core::syntax;
//!
//! assert_eq!(syntax::indent("\t- x"), (4, 1));
//! assert_eq!(syntax::bullet("  * [ ] Send"), Some((2, b'*', 4)));
//! assert_eq!(syntax::atx_heading("## Action Items ##"), Some((2, "Action Items")));
//! let fence = syntax::Fence::open("````rust").unwrap();
//! assert!(!fence.closes("```") && fence.closes("`````"));
//! assert_eq!(
//!     syntax::item_key("[x] Send  the deck (completed 2026-01-15)"),
//!     syntax::item_key("[ ] send the deck")
//! );
//! ```

use chrono::NaiveDate;

/// Byte offset of the start of every line. An empty text has no lines; a final line
/// ending does not open another line.
pub fn line_starts(src: &str) -> Vec<usize> {
    if src.is_empty() {
        return Vec::new();
    }
    let mut v = Vec::with_capacity(src.len() / 32 + 1);
    v.push(0);
    let len = src.len();
    v.extend(
        memchr::memchr_iter(b'\n', src.as_bytes())
            .map(|i| i + 1)
            .filter(|&i| i < len),
    );
    v
}

/// Splits text into lines without their endings (`\n` or `\r\n`), a leading BOM dropped:
/// `str::split` semantics, so `""` is one empty line.
pub fn split_lines(text: &str) -> Vec<&str> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // A vectorised newline search: `str::split` costs several times more per line, and
    // reading history splits every revision.
    let mut lines = Vec::with_capacity(text.len() / 48 + 1);
    let mut start = 0;
    for end in memchr::memchr_iter(b'\n', text.as_bytes()) {
        lines.push(strip_cr(&text[start..end]));
        start = end + 1;
    }
    if start < text.len() || text.is_empty() {
        lines.push(strip_cr(&text[start..]));
    }
    lines
}

fn strip_cr(line: &str) -> &str {
    line.strip_suffix('\r').unwrap_or(line)
}

/// Leading whitespace width in columns (a tab goes to the next multiple of 4, as
/// CommonMark's tab stops) and in bytes.
pub fn indent(line: &str) -> (usize, usize) {
    let mut cols = 0;
    for (i, b) in line.bytes().enumerate() {
        match b {
            b' ' => cols += 1,
            b'\t' => cols = (cols / 4 + 1) * 4,
            _ => return (cols, i),
        }
    }
    (cols, line.len())
}

/// A bullet list item line: `(indent columns, marker, byte offset of the content)`. The
/// marker is `-`, `*` or `+`, followed by a space, a tab or the end of the line.
pub fn bullet(line: &str) -> Option<(usize, u8, usize)> {
    let (cols, i) = indent(line);
    let b = line.as_bytes();
    let m = *b.get(i)?;
    if !matches!(m, b'-' | b'*' | b'+') {
        return None;
    }
    match b.get(i + 1) {
        None => Some((cols, m, i + 1)),
        Some(b' ' | b'\t') => {
            let rest = &line[i + 1..];
            let skip = rest.len() - rest.trim_start_matches([' ', '\t']).len();
            Some((cols, m, i + 1 + skip))
        }
        Some(_) => None,
    }
}

/// The content of a list item that can start a new item at the top of a section (indent
/// of at most three columns), without its bullet; `None` for any other line.
pub fn top_level_item(line: &str) -> Option<&str> {
    bullet(line)
        .filter(|&(cols, _, _)| cols <= 3)
        .filter(|_| !is_thematic_break(line))
        .map(|(_, _, content)| &line[content..])
}

/// Whether `line` is a thematic break (`- - -`, `***`, `_ _ _`): up to three spaces of
/// indentation, then three or more of one of `-`, `*`, `_`, with only spaces or tabs
/// between them. Such a line is never a list item, whatever its first character.
pub fn is_thematic_break(line: &str) -> bool {
    let (cols, i) = indent(line);
    let rest = &line[i..];
    let Some(mark) = rest.chars().next().filter(|c| matches!(c, '-' | '*' | '_')) else {
        return false;
    };
    cols <= 3
        && rest.chars().all(|c| c == mark || c == ' ' || c == '\t')
        && rest.chars().filter(|&c| c == mark).count() >= 3
}

/// An open code fence: its character and the length of its opening run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fence {
    /// `` ` `` or `~`.
    pub ch: u8,
    /// How many of them opened it (three or more).
    pub len: usize,
}

impl Fence {
    /// The fence `line` opens: at most three columns of indent, then three or more
    /// backticks or tildes (a backtick fence's info string holds no backtick).
    pub fn open(line: &str) -> Option<Fence> {
        let (cols, i) = indent(line);
        let rest = &line[i..];
        let ch = *rest.as_bytes().first()?;
        if cols > 3 || (ch != b'`' && ch != b'~') {
            return None;
        }
        let len = rest.bytes().take_while(|&b| b == ch).count();
        if len < 3 || (ch == b'`' && rest[len..].contains('`')) {
            return None;
        }
        Some(Fence { ch, len })
    }

    /// Whether `line` closes this fence: at most three columns of indent, a run of the
    /// same character at least as long as the opening one, and nothing after it.
    pub fn closes(&self, line: &str) -> bool {
        let (cols, i) = indent(line);
        let rest = &line[i..];
        let run = rest.bytes().take_while(|&b| b == self.ch).count();
        cols <= 3 && run >= self.len && rest[run..].trim().is_empty()
    }
}

/// An ATX heading (`## Title ##`, at most three columns of indent): its level and its
/// title, the closing run of `#` removed when a space precedes it.
pub fn atx_heading(line: &str) -> Option<(u8, &str)> {
    let (cols, i) = indent(line);
    let rest = &line[i..];
    let level = rest.bytes().take_while(|&b| b == b'#').count();
    if cols > 3 || level == 0 || level > 6 {
        return None;
    }
    let after = &rest[level..];
    if !(after.is_empty() || after.starts_with([' ', '\t'])) {
        return None;
    }
    let title = after.trim();
    let stripped = title.trim_end_matches('#');
    let title = if stripped.is_empty() || stripped.ends_with([' ', '\t']) {
        stripped.trim_end()
    } else {
        title
    };
    Some((level as u8, title))
}

/// The level a setext underline gives the paragraph line above it: 1 for `===`, 2 for
/// `---` (at most three columns of indent, trailing spaces allowed).
pub fn setext_underline(line: &str) -> Option<u8> {
    let (cols, i) = indent(line);
    let under = line[i..].trim_end();
    if cols > 3 {
        return None;
    }
    match under.as_bytes().first()? {
        b'=' if under.bytes().all(|b| b == b'=') => Some(1),
        b'-' if under.bytes().all(|b| b == b'-') => Some(2),
        _ => None,
    }
}

/// Whether `line` (without its line ending) is a front matter fence: `---` opens (after an
/// optional BOM on the first line), `---` or `...` closes; trailing spaces and tabs are
/// allowed.
pub fn is_front_matter_fence(line: &str, closing: bool) -> bool {
    let t = line
        .strip_prefix('\u{feff}')
        .unwrap_or(line)
        .trim_end_matches([' ', '\t']);
    t == "---" || (closing && t == "...")
}

/// The number of lines the front matter takes at the top (0 when there is none or it is
/// never closed): the opening fence, the YAML and the closing fence.
pub fn front_matter_lines<'a>(lines: impl IntoIterator<Item = &'a str>) -> usize {
    let mut lines = lines.into_iter();
    if !lines
        .next()
        .is_some_and(|l| is_front_matter_fence(l, false))
    {
        return 0;
    }
    lines
        .position(|l| is_front_matter_fence(l, true))
        .map_or(0, |close| close + 2)
}

/// Parses exactly `YYYY-MM-DD`.
pub fn parse_iso_date(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if !has_date_shape(s) {
        return None;
    }
    let n = |r: std::ops::Range<usize>| -> u32 {
        b[r].iter().fold(0u32, |n, &c| n * 10 + u32::from(c - b'0'))
    };
    NaiveDate::from_ymd_opt(i32::try_from(n(0..4)).ok()?, n(5..7), n(8..10))
}

/// Whether `s` has the shape `dddd-dd-dd` (a date, valid or not).
pub fn has_date_shape(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        })
}

/// How a text starts with a date prefix `YYYY-MM-DD:`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DatePrefix<'a> {
    /// A real date and the text after the colon, trimmed.
    Valid(NaiveDate, &'a str),
    /// The shape of a date, but not a calendar date (`2026-02-30:`).
    Invalid,
    /// No date prefix.
    None,
}

/// Reads the `YYYY-MM-DD:` prefix of an entry's content.
pub fn date_prefix(content: &str) -> DatePrefix<'_> {
    let Some(head) = content.get(..10) else {
        return DatePrefix::None;
    };
    if !has_date_shape(head) || content.as_bytes().get(10) != Some(&b':') {
        return DatePrefix::None;
    }
    match parse_iso_date(head) {
        Some(d) => DatePrefix::Valid(d, content[11..].trim()),
        None => DatePrefix::Invalid,
    }
}

/// A task checkbox at the start of an item's content: `(done, rest after the box)`.
pub fn checkbox(content: &str) -> Option<(bool, &str)> {
    let b = content.as_bytes();
    if b.len() < 3 || b[0] != b'[' || b[2] != b']' {
        return None;
    }
    let done = match b[1] {
        b' ' => false,
        b'x' | b'X' => true,
        _ => return None,
    };
    match b.get(3) {
        None | Some(b' ' | b'\t') => Some((done, &content[3..])),
        Some(_) => None,
    }
}

/// The value inside a marker: a real date, the shape of a date that is not one, or
/// something else.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateValue {
    /// A calendar date.
    Valid(NaiveDate),
    /// `dddd-dd-dd` that is no calendar date.
    Invalid,
    /// Anything else.
    Unparseable,
}

impl DateValue {
    /// Reads a marker's value.
    pub fn of(s: &str) -> DateValue {
        let s = s.trim();
        match parse_iso_date(s) {
            Some(d) => DateValue::Valid(d),
            None if has_date_shape(s) => DateValue::Invalid,
            None => DateValue::Unparseable,
        }
    }

    /// The date, when it is one.
    pub fn date(self) -> Option<NaiveDate> {
        match self {
            DateValue::Valid(d) => Some(d),
            _ => None,
        }
    }
}

/// A marker in an action item's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkerKind {
    /// `(by …)`.
    Due(DateValue),
    /// `(completed …)`.
    Completed(DateValue),
    /// `[Pn]`, any number.
    Priority(u32),
    /// `📅 YYYY-MM-DD`.
    ObsidianDue(DateValue),
    /// `✅ YYYY-MM-DD`.
    ObsidianDone(DateValue),
}

/// A marker and its byte span in the scanned text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Marker {
    /// What it says.
    pub kind: MarkerKind,
    /// Byte offset of its first byte.
    pub start: usize,
    /// Byte offset just past it.
    pub end: usize,
}

impl Marker {
    /// Whether reading the item takes this marker out of its text: a date marker with a
    /// real date, or a priority from 1 to 3.
    pub fn recognised(&self) -> bool {
        match self.kind {
            MarkerKind::Due(v)
            | MarkerKind::Completed(v)
            | MarkerKind::ObsidianDue(v)
            | MarkerKind::ObsidianDone(v) => matches!(v, DateValue::Valid(_)),
            MarkerKind::Priority(n) => (1..=3).contains(&n),
        }
    }
}

/// The markers an action item's text holds, recognised or not, in order.
pub fn scan_markers(text: &str) -> Vec<Marker> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        // Only these bytes can open a marker; they are all char boundaries.
        match b[i..]
            .iter()
            .position(|c| matches!(c, b'(' | b'[' | 0xF0 | 0xE2))
        {
            Some(skip) => i += skip,
            None => break,
        }
        match marker_at(&text[i..]) {
            Some((kind, len)) => {
                out.push(Marker {
                    kind,
                    start: i,
                    end: i + len,
                });
                i += len;
            }
            None => i += 1,
        }
    }
    out
}

/// The marker `rest` starts with, and its length in bytes.
fn marker_at(rest: &str) -> Option<(MarkerKind, usize)> {
    match rest.as_bytes()[0] {
        b'(' => {
            let paren = |prefix: &str| -> Option<(&str, usize)> {
                let after = rest.strip_prefix(prefix)?;
                let close = after.find(')')?;
                // An unclosed `(by …` must not swallow a later `(completed …)`.
                if after[..close].contains('(') {
                    return None;
                }
                Some((&after[..close], prefix.len() + close + 1))
            };
            if let Some((v, len)) = paren("(by ") {
                Some((MarkerKind::Due(DateValue::of(v)), len))
            } else {
                paren("(completed ").map(|(v, len)| (MarkerKind::Completed(DateValue::of(v)), len))
            }
        }
        b'[' if rest.starts_with("[P") => {
            let digits = rest[2..].bytes().take_while(u8::is_ascii_digit).count();
            if digits > 0 && digits < 6 && rest.as_bytes().get(2 + digits) == Some(&b']') {
                let n = rest[2..2 + digits].parse().unwrap_or(u32::MAX);
                Some((MarkerKind::Priority(n), 3 + digits))
            } else {
                None
            }
        }
        0xF0 | 0xE2 => {
            let obsidian = |emoji: &str| -> Option<(DateValue, usize)> {
                let after = rest.strip_prefix(emoji)?;
                let value = after.trim_start_matches([' ', '\t']);
                let skip = after.len() - value.len();
                let word = value.split([' ', '\t']).next().filter(|w| !w.is_empty())?;
                Some((DateValue::of(word), emoji.len() + skip + word.len()))
            };
            if let Some((v, len)) = obsidian("📅") {
                Some((MarkerKind::ObsidianDue(v), len))
            } else {
                obsidian("✅").map(|(v, len)| (MarkerKind::ObsidianDone(v), len))
            }
        }
        _ => None,
    }
}

/// The text with the recognised markers taken out; spaces are collapsed only where a
/// marker was removed.
pub fn strip_markers(text: &str, markers: &[Marker]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    let mut joined = false;
    for m in markers.iter().filter(|m| m.recognised()) {
        push_piece(&mut out, &text[pos..m.start], joined);
        joined = true;
        pos = m.end;
    }
    push_piece(&mut out, &text[pos..], joined);
    out.trim().to_owned()
}

fn push_piece(out: &mut String, piece: &str, after_marker: bool) {
    if !after_marker {
        out.push_str(piece);
        return;
    }
    let trimmed_out = out.trim_end_matches([' ', '\t']).len();
    out.truncate(trimmed_out);
    let piece = piece.trim_start_matches([' ', '\t']);
    if !out.is_empty() && !piece.is_empty() {
        out.push(' ');
    }
    out.push_str(piece);
}

/// The text an action item's content after its checkbox reads as: trimmed, recognised
/// markers taken out.
pub fn item_text(raw: &str) -> String {
    let raw = raw.trim();
    strip_markers(raw, &scan_markers(raw))
}

/// Lowercase, single spaces, trimmed: what "the same text" means.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

/// The identity of an item across versions of a document, from its content after the
/// bullet: checkbox and recognised markers (priority, due and completion dates) taken out,
/// case and spacing normalised. Ticking an item, rescheduling it or changing its priority
/// leaves it the same item; rewording it does not.
pub fn item_key(content: &str) -> String {
    let content = content.trim();
    let text = checkbox(content).map_or(content, |(_, rest)| rest);
    normalize(&item_text(text))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A date written `YYYY-MM-DD`, for the crate's tests.
    pub(crate) fn d(s: &str) -> NaiveDate {
        parse_iso_date(s).unwrap_or_else(|| panic!("not a date: {s}"))
    }

    #[test]
    fn tabs_go_to_the_next_stop() {
        assert_eq!(indent("  \tx"), (4, 3));
        assert_eq!(indent("\t\tx"), (8, 2));
        assert_eq!(indent("   "), (3, 3));
    }

    #[test]
    fn fence_closes_only_with_a_run_at_least_as_long() {
        let f = Fence::open("~~~~ text").unwrap();
        assert!(!f.closes("~~~"));
        assert!(!f.closes("````"));
        assert!(f.closes("  ~~~~~  "));
        assert!(!f.closes("~~~~ x"));
        assert!(!f.closes("    ~~~~"));
        assert_eq!(Fence::open("``` a`b"), None);
        assert_eq!(Fence::open("    ```"), None);
    }

    #[test]
    fn atx_heading_needs_a_space_and_drops_its_closing_run() {
        assert_eq!(atx_heading("#Title"), None);
        assert_eq!(atx_heading("####### x"), None);
        assert_eq!(atx_heading("### C# ###"), Some((3, "C#")));
        assert_eq!(atx_heading("## Q&A#"), Some((2, "Q&A#")));
        assert_eq!(atx_heading("   # x"), Some((1, "x")));
        assert_eq!(atx_heading("#"), Some((1, "")));
    }

    #[test]
    fn front_matter_needs_its_closing_fence() {
        assert_eq!(front_matter_lines(["---", "a: 1", "---", "x"]), 3);
        assert_eq!(front_matter_lines(["\u{feff}---", "a: 1", "...", "x"]), 3);
        assert_eq!(front_matter_lines(["---", "a: 1"]), 0);
        assert_eq!(front_matter_lines(["x", "---"]), 0);
    }

    #[test]
    fn item_key_ignores_box_markers_case_and_spacing() {
        let a = item_key("[x] [P1] Book  the venue (by 2026-02-01) (completed 2026-01-20)");
        assert_eq!(a, "book the venue");
        assert_eq!(item_key("Book the venue ✅ 2026-01-20"), a);
        assert_ne!(item_key("[ ] Book the hall"), a);
        // An unrecognised marker is part of the text.
        assert_eq!(item_key("[ ] Ship [P9]"), "ship [p9]");
    }

    #[test]
    fn dates_need_the_exact_shape_and_a_real_day() {
        assert!(parse_iso_date("2026-02-28").is_some());
        assert_eq!(
            parse_iso_date("2024-02-29"),
            NaiveDate::from_ymd_opt(2024, 2, 29)
        );
        assert!(!has_date_shape("2026-1-050"));
        assert_eq!(parse_iso_date("2026-02-30"), None);
        assert!(has_date_shape("2026-02-30"));
        assert_eq!(parse_iso_date("2026-2-28"), None);
        assert_eq!(parse_iso_date("2026-02-28x"), None);
        assert_eq!(parse_iso_date("+026-02-28"), None);
    }
}
