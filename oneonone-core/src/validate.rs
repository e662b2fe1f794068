//! Validation of a parsed document against SPEC section 6.

use crate::diagnostic::{Diagnostic, codes};
use crate::document::Document;
use crate::document::parse::{CODE, Context, RawItem};
use crate::front_matter::parse_iso_date;
use crate::model::{Frequency, Relationship, SectionKind};
use crate::syntax::{DateValue, MarkerKind, checkbox};
use chrono::NaiveDate;

/// 1-based character column of byte offset `byte` in `line`.
fn column(line: &str, byte: usize) -> usize {
    line.get(..byte).map_or(1, |s| s.chars().count() + 1)
}

/// Every finding about the document, ordered by line.
pub(crate) fn validate(doc: &Document, today: Option<NaiveDate>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    check_front_matter(doc, today, &mut out);
    check_duplicate_sections(doc, &mut out);
    check_items(doc, today, &mut out);
    check_conflict_markers(doc, &mut out);
    if let Some(line) = unclosed_fence(doc) {
        out.push(Diagnostic::new(
            codes::UNCLOSED_FENCE,
            line,
            1,
            "code fence is never closed: everything below it reads as code (close it with the same fence)",
        ));
    }
    out.sort_by_key(|d| (d.line, d.column));
    out
}

/// The front matter: present, with `person:`, and the values the tool reads well formed.
fn check_front_matter(doc: &Document, today: Option<NaiveDate>, out: &mut Vec<Diagnostic>) {
    let p = doc.parsed();
    let fm = &p.outline.front_matter;
    if !p.has_front_matter {
        out.push(Diagnostic::new(
            codes::FRONT_MATTER,
            1,
            1,
            "the document has no front matter (a `---` block with `person:`)",
        ));
    }
    // Without front matter the missing `person:` is the same problem: one error, not two.
    if p.has_front_matter && fm.person.as_deref().is_none_or(|s| s.trim().is_empty()) {
        let line = fm
            .keys
            .iter()
            .find(|k| k.key == "person")
            .map_or(1, |k| k.line);
        out.push(Diagnostic::new(
            codes::MISSING_PERSON,
            line,
            1,
            "front matter has no `person:`",
        ));
    }
    for key in &fm.keys {
        let line = doc.line(key.line).unwrap_or("");
        let col = line.find(':').map_or(1, |c| {
            column(
                line,
                c + 1 + (line[c + 1..].len() - line[c + 1..].trim_start().len()),
            )
        });
        let error =
            |message: String| Diagnostic::new(codes::FRONT_MATTER_VALUE, key.line, col, message);
        match key.key.as_str() {
            "started" => match parse_iso_date(key.value.trim()) {
                None => out.push(error(format!(
                    "`started:` is not a date (YYYY-MM-DD): `{}`",
                    key.value
                ))),
                Some(d) if today.is_some_and(|t| d > t) => out.push(Diagnostic::new(
                    codes::FUTURE_DATE,
                    key.line,
                    col,
                    format!("`started:` {d} is in the future"),
                )),
                Some(_) => {}
            },
            "relationship" if Relationship::parse(&key.value).is_none() => out.push(error(
                "`relationship:` is not one of manager, skip-level, mentor, report, peer"
                    .to_owned(),
            )),
            "frequency" if Frequency::parse(&key.value).is_none() => out.push(error(
                "`frequency:` is not weekly, biweekly, monthly or every N weeks".to_owned(),
            )),
            _ => {}
        }
    }
}

/// A known section that occurs twice: the tool could not tell which one to edit.
fn check_duplicate_sections(doc: &Document, out: &mut Vec<Diagnostic>) {
    let mut seen: Vec<(SectionKind, usize)> = Vec::new();
    for s in doc
        .parsed()
        .outline
        .sections
        .iter()
        .filter(|s| s.kind != SectionKind::Unknown)
    {
        match seen.iter().find(|(k, _)| *k == s.kind) {
            Some((_, first)) => out.push(Diagnostic::new(
                codes::DUPLICATE_SECTION,
                s.line,
                1,
                format!("section `{}` already appears at line {first}", s.title),
            )),
            None => seen.push((s.kind, s.line)),
        }
    }
}

/// The items of known sections: their dates (valid, in order, not in the future) and, for
/// action items, their box and markers.
fn check_items(doc: &Document, today: Option<NaiveDate>, out: &mut Vec<Diagnostic>) {
    let p = doc.parsed();
    let mut last_date: Option<(usize, Context, NaiveDate)> = None;
    for item in &p.items {
        let kind = p.outline.sections[item.section].kind;
        if item.marker == 0 || kind == SectionKind::Unknown || kind == SectionKind::Inbox {
            continue;
        }
        let line = doc.line(item.line).unwrap_or("");
        let dated = matches!(
            (kind, item.context),
            (SectionKind::Threads, Context::Thread(_))
                | (
                    SectionKind::Accomplishments | SectionKind::MeetingHistory,
                    _
                )
        );
        if let (true, DateValue::Valid(d)) = (dated, item.date) {
            if let Some((sec, ctx, prev)) = last_date
                && sec == item.section
                && ctx == item.context
                && d > prev
            {
                out.push(Diagnostic::new(
                    codes::OUT_OF_ORDER,
                    item.line,
                    column(line, item.content),
                    format!(
                        "entry dated {d} is below an older one ({prev}); the list is newest first"
                    ),
                ));
            }
            last_date = Some((item.section, item.context, d));
        }
        check_item_date(line, item, dated, today, out);
        if kind == SectionKind::ActionItems {
            check_action(line, item, today, out);
        }
    }
}

/// The `YYYY-MM-DD:` an item starts with: a calendar date, not in the future, and there
/// at all where the list is dated.
fn check_item_date(
    line: &str,
    item: &RawItem,
    dated: bool,
    today: Option<NaiveDate>,
    out: &mut Vec<Diagnostic>,
) {
    let at = (item.line, column(line, item.content));
    let written = line[item.content..].get(..10).unwrap_or_default();
    let found = check_date(item.date, at, written, |d| {
        is_future(d, today).then(|| {
            (
                codes::FUTURE_DATE,
                format!("entry date {d} is in the future"),
            )
        })
    })
    .or_else(|| {
        (dated && item.date == DateValue::Unparseable).then(|| {
            Diagnostic::new(
                codes::UNDATED_ENTRY,
                at.0,
                at.1,
                "entry has no `YYYY-MM-DD:` date",
            )
        })
    });
    out.extend(found);
}

/// A date that reads as one: not a calendar date is an error wherever it is written, and
/// `flag` says what else is wrong with a calendar date (a code and a message), if anything.
/// An unparseable date is for the caller: what it means depends on where it stands.
fn check_date(
    value: DateValue,
    (line, col): (usize, usize),
    written: &str,
    flag: impl FnOnce(NaiveDate) -> Option<(&'static str, String)>,
) -> Option<Diagnostic> {
    match value {
        DateValue::Valid(d) => {
            flag(d).map(|(code, message)| Diagnostic::new(code, line, col, message))
        }
        DateValue::Invalid => Some(Diagnostic::new(
            codes::INVALID_DATE,
            line,
            col,
            format!("`{written}` is not a calendar date"),
        )),
        DateValue::Unparseable => None,
    }
}

fn is_future(d: NaiveDate, today: Option<NaiveDate>) -> bool {
    today.is_some_and(|t| d > t)
}

/// Merge conflict markers, outside code blocks.
fn check_conflict_markers(doc: &Document, out: &mut Vec<Diagnostic>) {
    let p = doc.parsed();
    let mut in_conflict = false;
    for idx in 0..doc.line_count() {
        if p.flags[idx] & CODE != 0 {
            continue;
        }
        let l = doc.line(idx + 1).unwrap_or("");
        let is =
            |m: &str| l.starts_with(m) && matches!(l.as_bytes().get(7), None | Some(b' ' | b'\t'));
        let found = if is("<<<<<<<") {
            in_conflict = true;
            true
        } else if is(">>>>>>>") {
            in_conflict = false;
            true
        } else {
            // `=======` alone is also a setext underline; only inside a conflict is it a marker.
            in_conflict && l.trim_end() == "======="
        };
        if found {
            out.push(Diagnostic::new(
                codes::CONFLICT_MARKER,
                idx + 1,
                1,
                "merge conflict marker left in the document",
            ));
        }
    }
}

/// A fence opening line: its character and run length (`` ``` ``, `~~~~`).
fn fence_open(line: &str) -> Option<(u8, usize)> {
    let (cols, i) = crate::syntax::indent(line);
    let rest = &line[i..];
    let ch = *rest.as_bytes().first()?;
    let len = rest.bytes().take_while(|&b| b == ch).count();
    let ok = cols <= 3
        && matches!(ch, b'`' | b'~')
        && len >= 3
        && !(ch == b'`' && rest[len..].contains('`'));
    ok.then_some((ch, len))
}

/// The 1-based line of a fence left open at the end of the document: the code block
/// running to the last line whose fences do not pair up.
fn unclosed_fence(doc: &Document) -> Option<usize> {
    let p = doc.parsed();
    let n = doc.line_count();
    if n == 0 || p.flags[n - 1] & CODE == 0 {
        return None;
    }
    let mut start = n - 1;
    while start > 0 && p.flags[start - 1] & CODE != 0 {
        start -= 1;
    }
    let line = |i: usize| doc.line(i + 1).unwrap_or("");
    let mut i = start;
    while i < n {
        let (ch, len) = fence_open(line(i))?;
        let close = (i + 1..n).find(|&j| {
            let (cols, b) = crate::syntax::indent(line(j));
            let rest = &line(j)[b..];
            let run = rest.bytes().take_while(|&c| c == ch).count();
            cols <= 3 && run >= len && rest[run..].trim().is_empty()
        });
        match close {
            Some(j) => i = j + 1,
            None => return Some(i + 1),
        }
    }
    None
}

/// An action item: a task box, and markers that read as what they look like.
fn check_action(line: &str, item: &RawItem, today: Option<NaiveDate>, out: &mut Vec<Diagnostic>) {
    let Some((done, _)) = checkbox(&line[item.content..]) else {
        out.push(Diagnostic::new(
            codes::NOT_A_TASK,
            item.line,
            column(line, item.content),
            "list item under Action Items is not a task (`[ ]` or `[x]`)",
        ));
        return;
    };
    for m in &item.markers {
        let at = (item.line, column(line, m.start));
        let text = &line[m.start..m.end];
        match m.kind {
            MarkerKind::Due(v) | MarkerKind::ObsidianDue(v) => {
                let overdue = |d: NaiveDate| today.is_some_and(|t| !done && d < t);
                out.extend(marker_date(
                    v,
                    at,
                    text,
                    "a due date of the form (by YYYY-MM-DD)",
                    |d| overdue(d).then(|| (codes::OVERDUE, format!("open item was due {d}"))),
                ));
            }
            MarkerKind::Completed(v) | MarkerKind::ObsidianDone(v) => {
                out.extend(marker_date(
                    v,
                    at,
                    text,
                    "a completion date of the form (completed YYYY-MM-DD)",
                    |d| {
                        is_future(d, today).then(|| {
                            (
                                codes::FUTURE_DATE,
                                format!("completion date {d} is in the future"),
                            )
                        })
                    },
                ));
                if !done {
                    out.push(Diagnostic::new(
                        codes::OPEN_WITH_COMPLETION,
                        at.0,
                        at.1,
                        "open item has a completion date; tick it `[x]` or remove the date",
                    ));
                }
            }
            MarkerKind::Priority(n) if !(1..=3).contains(&n) => out.push(Diagnostic::new(
                codes::BAD_PRIORITY,
                at.0,
                at.1,
                format!("`{text}` is not a priority ([P1], [P2] or [P3])"),
            )),
            MarkerKind::Priority(_) => {}
        }
    }
}

/// A `(by …)` or `(completed …)` marker's date: as [`check_date`], and a marker whose date
/// does not read as one is not `form`.
fn marker_date(
    value: DateValue,
    at: (usize, usize),
    text: &str,
    form: &str,
    flag: impl FnOnce(NaiveDate) -> Option<(&'static str, String)>,
) -> Option<Diagnostic> {
    if value == DateValue::Unparseable {
        return Some(Diagnostic::new(
            codes::BAD_DUE_DATE,
            at.0,
            at.1,
            format!("`{text}` is not {form}"),
        ));
    }
    check_date(value, at, text, flag)
}
