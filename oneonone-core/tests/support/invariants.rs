//! What every edit and every processing run must keep, checked the same way by the core's
//! tests and by the fuzz targets (fuzz/src/lib.rs includes this file): the original lines
//! stay byte for byte, an edited document reads back as it was built, and processing the
//! same notes twice changes nothing the second time.
#![allow(dead_code)]

use chrono::NaiveDate;
use oneonone_core::notes::NotesError;
use oneonone_core::process::{Applied, ChangeKind, Plan, ProcessContext, apply, plan};
use oneonone_core::{Diagnostic, Document, EditError, ParseError, Settings};

/// The lines of `s` without their endings (a final line ending opens no line).
pub fn lines(s: &str) -> Vec<&str> {
    s.split_inclusive('\n')
        .map(|l| {
            let l = l.strip_suffix('\n').unwrap_or(l);
            l.strip_suffix('\r').unwrap_or(l)
        })
        .collect()
}

/// Whether `line` is `old` with an open checkbox ticked (`[ ]` to `[x]`) and a completion
/// date appended: the one in-place change an edit may make.
pub fn is_tick_of(old: &str, new: &str) -> bool {
    let Some(i) = old.find("[ ]") else {
        return false;
    };
    let ticked = format!("{}[x]{}", &old[..i], &old[i + 3..]);
    // The date goes before trailing whitespace (a Markdown hard break stays at the end).
    let core = ticked.trim_end_matches([' ', '\t']);
    let trailing = &ticked[core.len()..];
    new.len() > ticked.len() && new.starts_with(core) && new.ends_with(trailing)
}

/// Splits a line (as given by `split_inclusive('\n')`) into its text and its ending.
fn split_eol(l: &str) -> (&str, &str) {
    if let Some(t) = l.strip_suffix("\r\n") {
        (t, "\r\n")
    } else if let Some(t) = l.strip_suffix('\n') {
        (t, "\n")
    } else {
        (l, "")
    }
}

/// Whether new line `n` keeps old line `o`: the same bytes, or (for a last line without a
/// final line ending) the same bytes plus a line ending, or `o` ticked in place.
fn keeps(o: &str, n: &str, last: bool) -> Option<bool> {
    if n == o {
        return Some(false);
    }
    if last && !o.ends_with('\n') && n.starts_with(o) && matches!(&n[o.len()..], "\n" | "\r\n") {
        return Some(false);
    }
    let (ot, oe) = split_eol(o);
    let (nt, ne) = split_eol(n);
    if is_tick_of(ot, nt) && (ne == oe || (last && oe.is_empty())) {
        return Some(true);
    }
    None
}

/// Asserts every line of `old` is still in `new`, byte for byte and in order, each either
/// unchanged or ticked; at most `max_ticks` may be ticked. Returns the ticked lines as they
/// now read (without their endings). The one other change allowed: a last line without a
/// line ending gains one.
pub fn assert_only_insertions_and_ticks<'a>(
    old: &str,
    new: &'a str,
    max_ticks: usize,
) -> Vec<&'a str> {
    let old_lines: Vec<&str> = old.split_inclusive('\n').collect();
    let new_lines: Vec<&str> = new.split_inclusive('\n').collect();
    let mut j = 0;
    let mut ticked = Vec::new();
    for (i, o) in old_lines.iter().enumerate() {
        let last = i + 1 == old_lines.len();
        loop {
            assert!(
                j < new_lines.len(),
                "original line {} ({o:?}) is gone\n--- old\n{old:?}\n--- new\n{new:?}",
                i + 1
            );
            let n = new_lines[j];
            j += 1;
            match keeps(o, n, last) {
                Some(true) => {
                    ticked.push(split_eol(n).0);
                    break;
                }
                Some(false) => break,
                None => {}
            }
        }
    }
    assert!(
        ticked.len() <= max_ticks,
        "{} lines changed in place, at most {max_ticks} allowed\n--- old\n{old:?}\n--- new\n{new:?}",
        ticked.len()
    );
    ticked
}

/// Each view of the model, named, as its debug text.
fn views(doc: &Document) -> [(&'static str, String); 8] {
    [
        ("front matter", format!("{:?}", doc.front_matter())),
        ("sections", format!("{:?}", doc.sections())),
        ("focus areas", format!("{:?}", doc.focus_areas())),
        ("threads", format!("{:?}", doc.threads())),
        ("action lists", format!("{:?}", doc.action_lists())),
        ("accomplishments", format!("{:?}", doc.accomplishments())),
        ("meetings", format!("{:?}", doc.meetings())),
        ("inbox", format!("{:?}", doc.inbox())),
    ]
}

/// Asserts that an edited document is what parsing its text gives: same text, same views.
pub fn assert_reparses(doc: &Document) {
    let text = doc.to_string();
    let again = Document::parse(&text)
        .unwrap_or_else(|e| panic!("edited text fails to parse: {e}\n{text}"));
    assert_eq!(again.to_string(), text);
    for ((view, edited), (_, parsed)) in views(doc).into_iter().zip(views(&again)) {
        assert_eq!(parsed, edited, "the {view} read back otherwise\n{text}");
    }
}

/// The errors (not the warnings) validation finds in `doc`, with no day to judge due
/// dates by.
pub fn errors(doc: &Document) -> Vec<Diagnostic> {
    doc.validate(None)
        .into_iter()
        .filter(|x| x.is_error())
        .collect()
}

/// BACKLOG.md's text once `lines` are appended to it.
pub fn backlog_with(backlog: &str, lines: &[String]) -> String {
    let mut text = backlog.to_owned();
    for l in lines {
        text.push_str(l);
        text.push('\n');
    }
    text
}

/// Why processing stopped before it changed anything: each refusal the command reports.
#[derive(Debug)]
pub enum Refused {
    /// The document does not parse.
    Parse(ParseError),
    /// The notes cannot be read into a plan.
    Plan(NotesError),
    /// The plan cannot be applied.
    Apply(EditError),
}

/// The first of two runs of the same notes.
#[derive(Debug)]
pub struct Processed {
    /// The document's text after the first run.
    pub text: String,
    /// What the first run did.
    pub applied: Applied,
}

/// Processes `notes` into `src` on `date` twice, as a user who runs the command again,
/// with `backlog` as BACKLOG.md's text (None: there is none): the second run reads the
/// written document and BACKLOG.md with the lines the first run appended. Asserts the first run only inserts lines and
/// ticks one box per completion at most, and its document reads back as edited; that the
/// second run plans nothing, changes nothing and adds no BACKLOG.md line. A refusal of the
/// first run is returned, not asserted.
pub fn process_twice(
    src: &str,
    notes: &str,
    date: NaiveDate,
    settings: &Settings,
    backlog: Option<&str>,
) -> Result<Processed, Refused> {
    let ctx = ProcessContext {
        backlog,
        ..ProcessContext::default()
    };
    let doc = Document::parse(src).map_err(Refused::Parse)?;
    let first = plan(&doc, notes, date, settings, &ctx).map_err(Refused::Plan)?;
    let mut once = doc.clone();
    let applied = apply(&mut once, &first).map_err(Refused::Apply)?;
    let text = once.to_string();
    let completions = first
        .effective()
        .filter(|c| c.kind == ChangeKind::Completion)
        .count();
    assert_only_insertions_and_ticks(src, &text, completions);
    assert_reparses(&once);

    let backlog = backlog.map(|b| backlog_with(b, &applied.backlog_lines));
    let ctx2 = ProcessContext {
        backlog: backlog.as_deref(),
        ..ProcessContext::default()
    };
    let mut twice = Document::parse(&text).unwrap();
    let second = plan(&twice, notes, date, settings, &ctx2).expect("notes read once read again");
    assert_second_run_is_noop(&second, notes, &text);
    let applied2 = apply(&mut twice, &second).expect("second apply");
    assert_eq!(
        twice.to_string(),
        text,
        "processing the same notes twice changed the document\n--- notes\n{notes}"
    );
    assert!(
        applied2.backlog_lines.is_empty(),
        "second run adds BACKLOG lines: {:?}",
        applied2.backlog_lines
    );
    Ok(Processed { text, applied })
}

fn assert_second_run_is_noop(second: &Plan, notes: &str, once: &str) {
    assert!(
        second.is_noop(),
        "second run plans changes\n--- notes\n{notes}\n--- once\n{once:?}\n--- plan\n{:#?}",
        second.effective().collect::<Vec<_>>()
    );
}

/// The `process` fuzz target's reading of its input: byte 0 picks the mode; even, the rest
/// is notes for `reference`; odd, the rest is `DOCUMENT\0NOTES` (a NUL cannot be in a
/// document anyway). The meeting is on 2026-01-15 plus `mode / 2 % 8` days. None for
/// input that is not text.
pub fn process_input<'a>(
    data: &'a [u8],
    reference: &'a str,
) -> Option<(&'a str, &'a str, NaiveDate)> {
    let [mode, rest @ ..] = data else {
        return None;
    };
    let (doc, notes) = if mode % 2 == 0 {
        (reference, std::str::from_utf8(rest).ok()?)
    } else {
        let split = rest.iter().position(|&b| b == 0)?;
        (
            std::str::from_utf8(&rest[..split]).ok()?,
            std::str::from_utf8(&rest[split + 1..]).ok()?,
        )
    };
    let date =
        NaiveDate::from_ymd_opt(2026, 1, 15).unwrap() + chrono::Days::new(u64::from(mode / 2 % 8));
    Some((doc, notes, date))
}

/// The `process` fuzz target: processing the notes of `data` (see [`process_input`]) twice
/// with an empty BACKLOG.md holds what [`process_twice`] asserts, unless the document, the
/// notes or the edit is refused.
pub fn check_processing_input(data: &[u8], reference: &str) {
    let Some((doc, notes, date)) = process_input(data, reference) else {
        return;
    };
    let _ = process_twice(doc, notes, date, &Settings::default(), Some(""));
}
